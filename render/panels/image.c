/* image: a picture (an SVG drawn as vectors, a PNG as pixels; image.h)
 * scaled to fit the panel keeping its aspect ratio, centred, its caption
 * under it. Its alt text is the spec's alt = , which a spec must give. */
#include "panel.h"

#include "image.h"

#include <math.h>

static double body_image(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                         double w, double fill)
{
    const fs_panel *pn = p->panel;
    const fs_image *img = pn->image;
    double b = c->b, cap_h = 0, cw;
    fs_text_style cap = {.size = fmax(c->pal->small * b, c->min),
                         .color = c->pal->secondary,
                         .line_height = 1.2};
    /* narrower than this a picture shows nothing, and its title and
     * caption cannot be set */
    if (w < 5 * b) {
        fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, pn->line, 0,
                    "[panel %s] an image needs %.0f pt of width, it has %.0f; give it more "
                    "columns (span)",
                    pn->id, ceil(5 * b), w);
        return -1;
    }
    if (pn->caption)
        fs_measure_text(c->fonts, pn->caption, &cap, w, c->spec->lang, &cw, &cap_h);
    /* its own shape at the panel's width, at most 2/3 of the width and
     * half the page tall (a tall picture does not take a whole page or
     * slide), or what fill leaves */
    double iw, ih,
        room = fill > 0 ? fill - (pn->caption ? cap_h + 0.5 * b : 0)
                        : fmin(w * 2 / 3.0, pg->height / 2);
    fs_image_fit(img, w, fmax(room, b), c->print, &iw, &ih);
    fs_page_add_image(pg, FS_ROLE_IMAGE, img, (w - iw) / 2, y, iw, ih);
    y += ih;
    if (pn->caption) {
        y += 0.5 * b;
        double h = fs_panel_text(c, pg, FS_ROLE_CAPTION, pn->caption, &cap, 0, y, w,
                                 c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    return y;
}

static char *alt_image(const fs_spec *spec, const fs_prepared *p)
{
    /* never used: alt = is required (spec.c); a caption is the fallback */
    GString *s = fs_panel_alt_begin(p->panel);
    g_string_append(s, p->panel->caption ? p->panel->caption : "Image.");
    return fs_panel_alt_end(s, spec);
}

const fs_panel_kind fs_kind_image = {
    .type = FS_PANEL_IMAGE,
    .name = "image",
    .figure = true,
    .body = body_image,
    .alt = alt_image,
};
