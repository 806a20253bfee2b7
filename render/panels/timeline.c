/* timeline: a panel of dated events along a line. Across: each event is a
 * column from its dot to the next one, the date above the line, the text
 * below; the dots stand in proportion to the dates (spacing = time, with a
 * minimum gap: the width an event's date and longest word need) or evenly
 * (spacing = even).
 * When the columns cannot give every event its widest word, the events are
 * listed down a vertical line instead, date beside text. No text is ever
 * broken inside a word that fits its width. */
#include "panel.h"

#include "lang.h"

#include <math.h>
#include <string.h>

/* The narrowest column an event gets: 8 base sizes (about 16 characters)
 * and three quarters of an even column, so that a text between close dates
 * is not one word a line, nor much taller than evenly spaced. */
#define TIMELINE_MIN_COLUMN 8.0
#define TIMELINE_MIN_SHARE 0.75

bool fs_timeline_positions(const double *t, const double *need, size_t n, double w, bool even,
                           double *x)
{
    if (n == 0)
        return true;
    double sum = 0, most = 0;
    for (size_t i = 0; i < n; i++)
        sum += need[i], most = fmax(most, need[i]);
    if (even || n == 1 || !(t[n - 1] > t[0])) {
        double colw = w / (double)n;
        for (size_t i = 0; i < n; i++)
            x[i] = (double)i * colw;
        return most <= colw + 1e-9;
    }
    if (sum > w + 1e-9) {
        for (size_t i = 0; i < n; i++)
            x[i] = (double)i * w / (double)n;
        return false;
    }
    /* the largest scale s (points per unit of time) at which every gap is
     * max(need, s * dt) and the last column still has its need: the end
     * grows with s, so bisect */
    double lo = 0, hi = w / (t[n - 1] - t[0]);
    for (int k = 0; k < 60; k++) {
        double s = (lo + hi) / 2, end = 0;
        for (size_t i = 0; i + 1 < n; i++)
            end += fmax(need[i], s * (t[i + 1] - t[i]));
        if (end + need[n - 1] <= w)
            lo = s;
        else
            hi = s;
    }
    x[0] = 0;
    for (size_t i = 0; i + 1 < n; i++)
        x[i + 1] = x[i] + fmax(need[i], lo * (t[i + 1] - t[i]));
    return true;
}

/* An event's date as days since year 1 (a missing month or day: the
 * first). */
static double event_time(const fs_event *ev)
{
    GDateDay day = (GDateDay)(ev->day > 0 ? ev->day : 1);
    GDateMonth month = (GDateMonth)(ev->month > 0 ? ev->month : 1);
    if (ev->year < 1 || ev->year > G_MAXUINT16 ||
        !g_date_valid_dmy(day, month, (GDateYear)ev->year))
        return ev->year * 365.25 + (month - 1) * 30.44 + (day - 1);
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_dmy(&d, day, month, (GDateYear)ev->year);
    return (double)g_date_get_julian(&d);
}

typedef struct tl_ctx {
    const fs_panel_ctx *c;
    const fs_prepared *p;
    fs_text_style dst, est;
    guint n;
    char **dates; /* n, owned */
} tl_ctx;

/* Across: a column per event from its dot at x[i] to the next. Returns the
 * bottom, or -1 after a diagnostic. */
static double timeline_across(const tl_ctx *t, fs_page *pg, double y, double w, const double *x)
{
    const fs_panel_ctx *c = t->c;
    double b = c->b, gap = 0.8 * b, r = 0.38 * b;
    const char *file = fs_table_name(t->p->table);
    double date_h = 0;
    for (guint i = 0; i < t->n; i++) {
        double colw = (i + 1 < t->n ? x[i + 1] : w) - x[i];
        double dw, dh;
        fs_measure_text(c->fonts, t->dates[i], &t->dst, colw - gap, c->spec->lang, &dw, &dh);
        date_h = fmax(date_h, dh);
    }
    double line_y = y + date_h + 0.7 * b;
    fs_page_add_line(pg, FS_ROLE_TIMELINE, r, line_y, x[t->n - 1] + r, line_y, 0.12 * b,
                     c->pal->axis);
    double bottom = line_y + r;
    for (guint i = 0; i < t->n; i++) {
        const fs_event *ev = &g_array_index(t->p->events, fs_event, i);
        double colw = (i + 1 < t->n ? x[i + 1] : w) - x[i];
        fs_page_add_icon(pg, FS_ICON_CIRCLE, x[i], line_y - r, 2 * r, 2 * r, 1.0, c->pal->accent);
        if (fs_panel_text(c, pg, FS_ROLE_DATE, t->dates[i], &t->dst, x[i], y, colw - gap, file) < 0)
            return -1;
        double h = fs_panel_text(c, pg, FS_ROLE_EVENT, ev->text, &t->est, x[i],
                                 line_y + r + 0.5 * b, colw - gap, file);
        if (h < 0)
            return -1;
        bottom = fmax(bottom, line_y + r + 0.5 * b + h);
    }
    return bottom;
}

/* Down: a row per event, the dot on a vertical line, the date beside it and
 * the text beside the date, or under it when the panel is too narrow for
 * both. Returns the bottom, or -1 after a diagnostic. */
static double timeline_down(const tl_ctx *t, fs_page *pg, double y, double w)
{
    const fs_panel_ctx *c = t->c;
    double b = c->b, r = 0.38 * b;
    const char *file = fs_table_name(t->p->table);
    double x0 = 2 * r + 0.6 * b, datew = 0;
    if (w - x0 < 4 * b) {
        /* not even a short word beside the dots: an error, not text past
         * the panel's edge */
        fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, t->p->panel->line, 0,
                    "[panel %s] a timeline needs %.0f pt of width, it has %.0f; give it more "
                    "columns (span)",
                    t->p->panel->id, ceil(x0 + 4 * b), floor(w));
        return -1;
    }
    for (guint i = 0; i < t->n; i++) {
        double dw, dh;
        fs_measure_text(c->fonts, t->dates[i], &t->dst, 0, c->spec->lang, &dw, &dh);
        datew = fmax(datew, dw + 1);
    }
    double x1 = x0 + datew + 0.8 * b;
    double textw = w - x1, most = 0;
    for (guint i = 0; i < t->n; i++)
        most =
            fmax(most, fs_text_widest_word(c->fonts, g_array_index(t->p->events, fs_event, i).text,
                                           &t->est, c->spec->lang));
    bool beside = textw >= fmax(TIMELINE_MIN_COLUMN * b, most);
    /* the line under the dots: its ends are known at the last dot */
    guint line = pg->items->len;
    fs_page_add_line(pg, FS_ROLE_TIMELINE, r, y, r, y, 0.12 * b, c->pal->axis);
    double first = -1, last = y;
    for (guint i = 0; i < t->n; i++) {
        const fs_event *ev = &g_array_index(t->p->events, fs_event, i);
        double dh = fs_panel_text(c, pg, FS_ROLE_DATE, t->dates[i], &t->dst, x0, y,
                                  beside ? datew : w - x0, file);
        if (dh < 0)
            return -1;
        /* the dot on the date's first line */
        double dot = y + fmin(dh, 1.2 * t->dst.size) / 2;
        if (first < 0)
            first = dot;
        last = dot;
        fs_page_add_icon(pg, FS_ICON_CIRCLE, 0, dot - r, 2 * r, 2 * r, 1.0, c->pal->accent);
        double th = fs_panel_text(c, pg, FS_ROLE_EVENT, ev->text, &t->est, beside ? x1 : x0,
                                  beside ? y : y + dh + 0.2 * b, beside ? textw : w - x0, file);
        if (th < 0)
            return -1;
        y += (beside ? fmax(dh, th) : dh + 0.2 * b + th) + 0.7 * b;
    }
    fs_item *it = fs_page_item(pg, (int)line);
    it->y = first, it->h = last - first;
    return y - 0.7 * b;
}

static double body_timeline(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                            double w, double fill)
{
    (void)fill; /* always its natural height */
    double b = c->b;
    tl_ctx t = {.c = c, .p = p, .n = p->events ? p->events->len : 0};
    if (t.n == 0)
        return y;
    t.dst = (fs_text_style){.size = fmax(1.0 * b, c->min),
                            .weight = c->pal->heading_weight,
                            .color = c->pal->text,
                            .tabular = true,
                            .whole_words = true};
    t.est = (fs_text_style){.size = fmax(0.92 * b, c->min),
                            .color = c->pal->text,
                            .line_height = 1.25,
                            .whole_words = true};
    t.dates = g_new0(char *, t.n + 1);
    g_autofree double *tm = g_new(double, t.n);
    g_autofree double *need = g_new(double, t.n);
    g_autofree double *x = g_new(double, t.n);
    for (guint i = 0; i < t.n; i++) {
        const fs_event *ev = &g_array_index(p->events, fs_event, i);
        t.dates[i] = fs_lang_date(c->spec->lang, ev->year, ev->month, ev->day);
        tm[i] = event_time(ev);
        /* a column holds its date on one line and the widest word of its
         * text */
        double dw, dh;
        fs_measure_text(c->fonts, t.dates[i], &t.dst, 0, c->spec->lang, &dw, &dh);
        need[i] =
            fmax(fmax(TIMELINE_MIN_COLUMN * b + 0.8 * b, TIMELINE_MIN_SHARE * w / t.n),
                 fmax(dw + 1.6 * b, fs_text_widest_word(c->fonts, ev->text, &t.est, c->spec->lang) +
                                        1 + 0.8 * b));
    }
    bool across = fs_timeline_positions(tm, need, t.n, w, p->panel->spacing == FS_SPACING_EVEN, x);
    double bottom = across ? timeline_across(&t, pg, y, w, x) : timeline_down(&t, pg, y, w);
    g_strfreev(t.dates);
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
