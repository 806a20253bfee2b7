/* text: a panel of running text, a paragraph and/or bulleted items. On a
 * slide its lines stay at most 48 base sizes long. */
#include "panel.h"

static double body_text(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                        double w, double fill)
{
    (void)fill; /* always its natural height */
    const fs_panel *pn = p->panel;
    double b = c->b;
    fs_text_style st = {.size = b, .color = c->pal->text, .line_height = 1.3};
    if (pn->text && *pn->text) {
        double h = fs_panel_text(c, pg, FS_ROLE_TEXT, pn->text, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.4 * b;
    }
    for (char **it = pn->items; it && *it; it++) {
        if (!**it)
            continue;
        fs_page_add_icon(pg, FS_ICON_CIRCLE, 0.15 * b, y + 0.45 * b, 0.38 * b, 0.38 * b, 1.0,
                         c->pal->accent);
        double h =
            fs_panel_text(c, pg, FS_ROLE_ITEM, *it, &st, 1.1 * b, y, w - 1.1 * b, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.25 * b;
    }
    return y;
}

static char *alt_text(const fs_spec *spec, const fs_prepared *p)
{
    const fs_panel *pn = p->panel;
    GString *s = fs_panel_alt_begin(pn);
    if (pn->text)
        g_string_append_printf(s, "%s ", pn->text);
    for (char **it = pn->items; it && *it; it++)
        g_string_append_printf(s, "%s%s", it == pn->items ? "" : "; ", *it);
    return fs_panel_alt_end(s, spec);
}

const fs_panel_kind fs_kind_text = {
    .type = FS_PANEL_TEXT,
    .name = "text",
    .prose = true,
    .measure = 48,
    .body = body_text,
    .alt = alt_text,
};
