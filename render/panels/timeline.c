/* timeline: a panel of dated events along a line, one column each: the
 * date above a dot, the event's text below. */
#include "panel.h"

#include "lang.h"

#include <math.h>

static double body_timeline(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                            double w, double fill)
{
    (void)fill; /* always its natural height */
    double b = c->b;
    guint n = p->events->len;
    if (n == 0)
        return y;
    double colw = w / n, gap = 0.8 * b;
    /* dates and events break between words only, a word too wide cut */
    fs_text_style dst = {.size = 1.0 * b,
                         .weight = c->pal->heading_weight,
                         .color = c->pal->text,
                         .tabular = true,
                         .whole_words = true};
    fs_text_style est = {
        .size = 0.92 * b, .color = c->pal->text, .line_height = 1.25, .whole_words = true};
    double date_h = 0;
    for (guint i = 0; i < n; i++) {
        const fs_event *ev = &g_array_index(p->events, fs_event, i);
        g_autofree char *date = fs_lang_date(c->spec->lang, ev->year, ev->month, ev->day);
        double dw, dh;
        fs_measure_text(c->fonts, date, &dst, colw - gap, c->spec->lang, &dw, &dh);
        date_h = fmax(date_h, dh);
    }
    double line_y = y + date_h + 0.7 * b;
    double r = 0.38 * b;
    fs_page_add_line(pg, FS_ROLE_TIMELINE, r, line_y, (n - 1) * colw + r, line_y, 0.12 * b,
                     c->pal->axis);
    double bottom = line_y;
    for (guint i = 0; i < n; i++) {
        const fs_event *ev = &g_array_index(p->events, fs_event, i);
        double x = i * colw;
        fs_page_add_icon(pg, FS_ICON_CIRCLE, x, line_y - r, 2 * r, 2 * r, 1.0, c->pal->accent);
        g_autofree char *date = fs_lang_date(c->spec->lang, ev->year, ev->month, ev->day);
        if (fs_panel_text(c, pg, FS_ROLE_DATE, date, &dst, x, y, colw - gap,
                          fs_table_name(p->table)) < 0)
            return -1;
        double h = fs_panel_text(c, pg, FS_ROLE_EVENT, ev->text, &est, x, line_y + r + 0.5 * b,
                                 colw - gap, fs_table_name(p->table));
        if (h < 0)
            return -1;
        bottom = fmax(bottom, line_y + r + 0.5 * b + h);
    }
    return bottom;
}

static char *alt_timeline(const fs_spec *spec, const fs_prepared *p)
{
    const fs_panel *pn = p->panel;
    GString *s = fs_panel_alt_begin(pn);
    g_string_append(s, "Timeline: ");
    for (guint i = 0; p->events && i < p->events->len; i++) {
        const fs_event *ev = &g_array_index(p->events, fs_event, i);
        g_autofree char *date = fs_lang_date(spec->lang, ev->year, ev->month, ev->day);
        g_string_append_printf(s, "%s%s: %s", i ? "; " : "", date, ev->text);
    }
    g_string_append_c(s, '.');
    return fs_panel_alt_end(s, spec);
}

const fs_panel_kind fs_kind_timeline = {
    .type = FS_PANEL_TIMELINE,
    .name = "timeline",
    .figure = true,
    .prose = true,
    .body = body_timeline,
    .alt = alt_timeline,
};
