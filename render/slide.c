/* slide: one panel on a slide. See slide.h. */
#include "slide.h"

#include "chart.h"
#include "image.h"
#include "panels/panel.h"
#include "sheet.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

/* The source line, then the report's note, for a slide's footer. Returns a
 * new string, or NULL when the report has neither. */
static char *slide_footer(const fs_spec *spec)
{
    g_autofree char *src = spec->source ? fs_source_line(spec->source, spec->lang) : NULL;
    if (src && spec->note)
        return g_strdup_printf("%s\n%s", src, spec->note);
    return src ? g_steal_pointer(&src) : g_strdup(spec->note);
}

/* A chart panel's slide: its standalone chart page. */
static bool chart_slide(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *p,
                        const fs_panel_kind *kind, fs_diag *d)
{
    const fs_panel *pn = p->panel;
    fs_chart_opts o;
    kind->chart(spec, pn, 0, &o);
    o.width = spec->slide_w, o.height = spec->slide_h;
    o.title = pn->title ? pn->title : spec->title;
    o.subtitle = pn->subtitle;
    o.note = pn->note;
    g_autofree char *footer = slide_footer(spec);
    o.source = footer;
    o.alt = pn->alt;
    o.logo = spec->logo;
    return fs_layout_chart(doc, fonts, &p->series, &o, d);
}

/* The slide's title and subtitle from *y down, its footer and the panel's
 * note from *bottom up: on return the body's room is *y to *bottom. Returns
 * false after a diagnostic. */
static bool slide_frame(const fs_panel_ctx *c, fs_page *pg, const char *title, const fs_panel *pn,
                        double x, double w, double *y, double *bottom)
{
    /* the report's logo at the title's end, the theme's height */
    double tw = w, logo_bottom = 0;
    if (c->spec->logo) {
        double lw, lh;
        fs_image_fit(c->spec->logo, w / 4, c->pal->logo_height * c->b, false, &lw, &lh);
        fs_page_add_image(pg, FS_ROLE_LOGO, c->spec->logo, x + w - lw, *y, lw, lh);
        tw = w - lw - 1.5 * c->b;
        logo_bottom = *y + lh;
    }
    const fs_spec *spec = c->spec;
    double b = c->b;
    fs_text_style tst = {.size = fmax(c->pal->chart_title * b, c->min),
                         .weight = c->pal->title_weight,
                         .color = c->pal->text,
                         .max_lines = 2,
                         .line_height = 1.15};
    double h = fs_panel_text(c, pg, FS_ROLE_TITLE, title, &tst, x, *y, tw, spec->path);
    if (h < 0)
        return false;
    *y += h + 0.35 * b;
    if (pn->subtitle) {
        fs_text_style st = {
            .size = fmax(1.15 * b, c->min), .color = c->pal->secondary, .max_lines = 2};
        h = fs_panel_text(c, pg, FS_ROLE_SUBTITLE, pn->subtitle, &st, x, *y,
                          *y < logo_bottom ? tw : w, spec->path);
        if (h < 0)
            return false;
        *y += h;
    }
    *y = fmax(*y, logo_bottom) + 1.4 * b;
    g_autofree char *src = slide_footer(spec);
    double small = fmax(c->pal->small * b, fmax(fs_slide_min_text(pg->width, pg->height), c->min));
    fs_text_style fst = {.size = small, .color = c->pal->secondary, .max_lines = 3};
    if (src) {
        double sw, sh;
        fs_measure_text(c->fonts, src, &fst, w, spec->lang, &sw, &sh);
        *bottom -= sh;
        if (fs_panel_text(c, pg, FS_ROLE_SOURCE, src, &fst, x, *bottom, w, spec->path) < 0)
            return false;
    }
    *bottom -= 1.2 * b;
    fs_text_style nst = {.size = small, .color = c->pal->secondary, .max_lines = 3};
    if (pn->note) {
        double nw, nh;
        fs_measure_text(c->fonts, pn->note, &nst, w, spec->lang, &nw, &nh);
        *bottom -= nh;
        if (fs_panel_text(c, pg, FS_ROLE_NOTE, pn->note, &nst, x, *bottom, w, spec->path) < 0)
            return false;
        *bottom -= 0.8 * b;
    }
    return true;
}

/* The largest text of page, a stat's number left out: that is the figure
 * a stat slide shows, as bars are a chart's. */
static double largest_text(const fs_page *pg)
{
    double most = 0;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind != FS_ITEM_TEXT || it->role == FS_ROLE_STAT || !it->layout)
            continue;
        const PangoFontDescription *fd = pango_layout_get_font_description(it->layout);
        if (fd)
            most = fmax(most, (double)pango_font_description_get_size(fd) / PANGO_SCALE);
    }
    return most;
}

/* The body at the largest of a few sizes that fits between y and bottom,
 * centred there: a slide is read from across a room. No text of it is as
 * large as the title (title: its size). Returns false after a diagnostic. */
static bool slide_body(const fs_panel_ctx *frame, fs_page *pg, const fs_prepared *p, double x,
                       double w, double y, double bottom, double title)
{
    static const double grow[] = {2.2, 1.9, 1.6, 1.35, 1.15, 1.0};
    const fs_panel *pn = p->panel;
    const fs_panel_kind *kind = fs_panel_kind_of(pn->type);
    fs_panel_ctx c = *frame;
    fs_page *body = NULL;
    double end = -1;
    bool ok = false;
    /* a table that cannot be laid out at a larger size (too wide) is tried
     * smaller; only the smallest size's failure is the slide's */
    g_autoptr(fs_diag) trial = fs_diag_new();
    /* running text at its reading measure, or when it fits nowhere so
     * across the whole width */
    for (int pass = 0; pass < (kind->measure > 0 ? 2 : 1) && !ok && !(pass && end < 0); pass++) {
        c.measure = pass ? 0 : kind->measure;
        /* running text and timelines stay at reading size: at most 1.6x */
        for (size_t k = kind->prose ? 2 : 0; k < G_N_ELEMENTS(grow); k++) {
            c.b = frame->b * grow[k];
            if (body)
                fs_page_free(body);
            body = fs_page_new(w, pg->height, pg->rtl);
            /* a table on a slide shows all its rows at the largest size
             * that takes them, else at the smallest the rows the room takes */
            bool last = k + 1 == G_N_ELEMENTS(grow);
            c.d = kind->split_rows && !last ? trial : frame->d;
            end = kind->body(&c, body, p, 0, w, kind->split_rows && last ? bottom - y : 0);
            if (end < 0 && kind->split_rows && !last)
                continue;
            if (end < 0)
                break;
            /* the last size is taken whatever its largest text: the body's
             * own sizes are then those of the sheet's hierarchy */
            bool under = largest_text(body) < title || k + 1 == G_N_ELEMENTS(grow);
            if (end <= bottom - y && under) {
                ok = true;
                break;
            }
        }
    }
    if (end >= 0 && !ok)
        fs_diag_add(frame->d, FS_ERR_INPUT, c.spec->path, pn->line, 0,
                    "[panel %s] does not fit on a %.0fx%.0f slide", pn->id, pg->width, pg->height);
    if (ok)
        fs_page_take_items(pg, body, x, y + fmax(0, (bottom - y - end) / 2), pn->id);
    fs_page_free(body);
    return ok;
}

bool fs_layout_slide(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *p,
                     fs_diag *d)
{
    const fs_panel *pn = p->panel;
    const fs_panel_kind *kind = fs_panel_kind_of(pn->type);
    if (kind->chart)
        return chart_slide(doc, fonts, spec, p, kind, d);
    double W = spec->slide_w, H = spec->slide_h;
    fs_panel_ctx c = {.fonts = fonts,
                      .spec = spec,
                      .pal = fs_theme_or_light(spec->theme),
                      .d = d,
                      .min = fs_text_floor(false)};
    c.b = fmax(c.min, c.pal->slide_body * fmin(W / 1920, H / 1080));
    double margin = c.pal->slide_margin * c.b;
    fs_report_metadata(doc, spec);
    g_free(doc->title);
    doc->title = fs_text_cut(pn->title ? pn->title : spec->title, FS_ALT_MAX);
    fs_page *pg = fs_doc_add_page(doc, W, H);
    pg->rtl = spec->rtl;
    double x = margin, w = W - 2 * margin, y = margin * 0.9, bottom = H - margin * 0.8;
    if (!slide_frame(&c, pg, doc->title, pn, x, w, &y, &bottom))
        return false;
    bool ok = slide_body(&c, pg, p, x, w, y, bottom, fmax(c.pal->chart_title * c.b, c.min));
    if (ok && pg->rtl)
        fs_page_mirror(pg);
    g_free(doc->desc);
    doc->desc = fs_panel_alt(spec, p);
    return ok;
}
