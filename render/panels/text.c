/* text: a panel of running text, a paragraph and/or bulleted items. On a
 * slide its lines stay under about 70 characters (a reading measure: the
 * rest of the slide's width stays empty) when it fits so; on the sheet the
 * panel's span sets the measure, so that a long text is not made taller
 * than its page. */
#include "panel.h"

#include <math.h>

/* The average advance of a character of pn's text in st, in points (0 when
 * there is no text), from its first 2,000 characters at most. */
static double average_char(const fs_panel_ctx *c, const fs_panel *pn, const fs_text_style *st)
{
    GString *all = g_string_new(pn->text);
    for (char **it = pn->items; it && *it && all->len < 8000; it++)
        g_string_append_printf(all, "%s%s", all->len ? " " : "", *it);
    glong n = g_utf8_strlen(all->str, -1);
    if (n > 2000) {
        g_string_truncate(all, (gsize)(g_utf8_offset_to_pointer(all->str, 2000) - all->str));
        n = 2000;
    }
    double w = 0, h;
    if (n > 0)
        fs_measure_text(c->fonts, all->str, st, 0, c->spec->lang, &w, &h);
    g_string_free(all, TRUE);
    return n > 0 ? w / (double)n : 0;
}

static double body_text(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                        double w, double fill)
{
    (void)fill; /* always its natural height */
    const fs_panel *pn = p->panel;
    double b = c->b;
    fs_text_style st = {.size = fmax(b, c->min), .color = c->pal->text, .line_height = 1.3};
    double avg = c->measure > 0 ? average_char(c, pn, &st) : 0;
    if (avg > 0)
        w = fmin(w, c->measure * avg);
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
    .measure = 70,
    .body = body_text,
    .alt = alt_text,
};
