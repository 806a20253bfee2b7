/* bar: the bar chart, on its own page (chart.c) or as a report panel.
 *
 * Bars grow from zero along the value axis, one band per category across
 * it; a band holds one bar per series (grouped) or one stack. Value labels
 * follow one rule for the whole chart: all inside their bars' ends when
 * every one fits there, else all beyond them; a label that would then
 * overprint another text is left out and a note says how many. A stack's
 * segments are labelled only inside (a note counts those left out); its
 * total stands beyond its end, unless some stack has negative parts: then
 * no stack has a total, as a net sum at the positive end would misread.
 * Tick labels are thinned when they would touch.
 *
 * Category labels break only between words. Under vertical bars, when a
 * word is wider than its column, dates (ISO YYYY-MM and YYYY-MM-DD, written
 * in the language's short form) are thinned to every k-th; other labels are
 * turned 45 degrees when that fits, else 90, and cut with "…" past their
 * room (the alt text keeps them whole); a standalone chart whose columns
 * cannot hold even a turned line is drawn with horizontal bars instead.
 * Horizontal bars shrink their category labels down to lint's floor to fit
 * many rows; past that the error says how many fit.
 *
 * The chart is laid out in phases over one geometry (bar_geo): the legend
 * (drawn first, at the top), the frame (the plot's room, the styles), the
 * categories, the scale (bars, their value labels and the ticks), the bands
 * and the value axis, the value labels' places; then the items are added:
 * grid and ticks, category labels, bars and value labels, the note. Every
 * label is measured once and that very layout is placed. When labels are
 * left out, the bands and the axis are fitted again with room for the note;
 * what does not depend on that room is kept. */
#include "panel.h"

#include "axis.h"
#include "chart.h"
#include "color.h"
#include "lang.h"
#include "lint.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

/* One bar or segment: value range [v0, v1] on the value axis. */
typedef struct bar {
    size_t row, series; /* series SIZE_MAX: a stack's total */
    double v0, v1;
    fs_shaped label; /* its value label, measured; placed or cleared */
    double lw, lh;   /* the label's size */
    bool inside;     /* label inside the bar end */
    bool stack_part; /* a segment of a stack (label only inside) */
    bool shown;      /* its label is drawn (place_values) */
} bar;

/* How a chart writes its numbers (numchoice.h): its value labels and stack
 * totals in one form, the ticks in that form; in percent mode its shares,
 * rounded row by row so that a row's labels add up to 100. The alt text
 * writes the very same strings. */
typedef struct chart_nums {
    fs_numchoice values, shares;
    double *pct; /* percent mode: each value's share as labelled (row-major); else NULL */
} chart_nums;

typedef struct chart_ctx {
    fs_page *page;
    fs_fonts *fonts;
    const fs_series_data *data;
    const fs_chart_opts *o;
    const fs_theme *pal;
    double b; /* base size */
    fs_diag *d;
    size_t *order; /* row order after sorting */
    chart_nums nums;
    guint first;   /* the first item of the chart on page */
    bool standalone;  /* a chart page (chart.c, a slide), not a panel's body */
    double floor;     /* the smallest size a category label may shrink to */
    const char *unit; /* the canvas's unit, for messages: "px" or "pt" */
    int *ymd;         /* dates as categories: year, month, day (0: none) of each
                       * row; NULL unless every label is an ISO date of one form */
    bool chrono;      /* the dates rise in band order: a repeated year is left out */
} chart_ctx;

/* How the value labels of a chart are placed: one rule for all of them. */
typedef enum {
    VALUES_INSIDE,  /* every label inside its bar's end */
    VALUES_OUTSIDE, /* every label beyond its bar's end */
    VALUES_THINNED, /* beyond, less those that would overprint (a note) */
} value_rule;

/* The geometry of one chart, filled phase by phase. */
typedef struct bar_geo {
    double x, y, w, h; /* the box */
    bool horizontal, stacked, percent;
    size_t n, ns; /* categories; bars in a band (1 when stacked) */
    double pad;   /* between a bar's end and its label */
    /* frame */
    double top, bottom; /* the plot between legend and note */
    double note_h;      /* room kept under the plot for the note */
    fs_text_style tick_st, cat_st, note_st;
    double line_h;   /* one line of a category label */
    double line_h_b; /* the same at the base size */
    double zero_h;   /* the height of a tick label "0" */
    double label_w_b, label_h_b; /* horizontal: the widest and tallest label
                                  * on one line at the base size */
    /* categories */
    double cat_w, cat_h; /* the room their labels take */
    fs_shaped *cats;     /* vertical: every label shown, measured (n; a label
                          * thinned out has no layout) */
    double cat_angle;    /* vertical: the labels turned by 0, 45 or 90 degrees */
    size_t cat_step;     /* vertical dates: every cat_step-th label shown */
    bool switch_horizontal; /* vertical bars cannot fit: draw horizontal ones */
    /* scale */
    GArray *bars;  /* bar, in band order */
    double vsize;  /* the value labels' size */
    double lo, hi; /* the value domain, ticks included */
    double ticks[16];
    int nt;
    fs_shaped tick_txt[16];
    double tick_w, tick_h; /* the widest tick label; the last one's height */
    double tick_hmax;      /* the tallest tick label (Arabic runs are taller than "0") */
    /* bands and the value axis */
    double cross0, cross_len, band; /* across: where bands start, their room, one band */
    double pitch, thick, group;     /* a bar's pitch and thickness, a band's bars */
    double axis0, m_lo, m_hi, k;    /* along: start, end margins, points per unit */
    double len;                     /* along: the axis's length */
    size_t dropped;                 /* stack labels that do not fit inside */
    value_rule rule;
    size_t values_dropped; /* value labels left out as they would overprint */
} bar_geo;

static double row_sum(const fs_series_data *s, size_t r, bool positive_only)
{
    double sum = 0;
    for (size_t k = 0; k < s->nseries; k++) {
        double v = s->values[r * s->nseries + k];
        if (!positive_only || v > 0)
            sum += v;
    }
    return sum;
}

/* Rows by their sum, then by their order in the data. */
static int cmp_rows(gconstpointer a, gconstpointer b, gpointer data)
{
    const fs_series_data *s = data;
    size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
    double va = row_sum(s, ra, false), vb = row_sum(s, rb, false);
    if (va < vb)
        return -1;
    if (va > vb)
        return 1;
    return ra < rb ? -1 : ra > rb;
}

/* Fills n for data drawn with options o; free with chart_nums_clear(). */
static void chart_nums_init(chart_nums *n, const fs_series_data *s, const fs_chart_opts *o)
{
    bool percent = o->mode == FS_MODE_PERCENT && s->nseries > 1;
    bool totals = o->mode == FS_MODE_STACKED && s->nseries > 1;
    size_t ns = s->nseries, nv = s->nrows * ns;
    g_autofree double *v = g_new(double, nv + (totals ? s->nrows : 0) + 1);
    memcpy(v, s->values, nv * sizeof *v);
    for (size_t r = 0; totals && r < s->nrows; r++)
        v[nv + r] = row_sum(s, r, false);
    fs_numchoice_pick(v, nv + (totals ? s->nrows : 0), FS_NUMS_DATA, o->decimals, o->compact,
                      &n->values);
    n->pct = NULL;
    n->shares = (fs_numchoice){0};
    if (!percent)
        return;
    for (size_t r = 0; r < s->nrows; r++) {
        double total = row_sum(s, r, true);
        for (size_t k = 0; k < ns; k++) {
            double x = s->values[r * ns + k];
            v[r * ns + k] = total > 0 && x > 0 ? x / total * 100 : 0;
        }
    }
    fs_numchoice_pick(v, nv, FS_NUMS_SHARES, o->decimals, FS_COMPACT_OFF, &n->shares);
    n->pct = g_new(double, nv + 1);
    for (size_t r = 0; r < s->nrows; r++)
        fs_numchoice_round_shares(v + r * ns, ns, n->shares.decimals, n->pct + r * ns);
}

static void chart_nums_clear(chart_nums *n)
{
    g_clear_pointer(&n->pct, g_free);
}

/* A value label: v (a share, already rounded, when percent) as n writes it,
 * with its unit or percent sign. Returns a new string. */
static char *value_text(const chart_nums *n, const fs_chart_opts *o, double v, bool percent)
{
    g_autofree char *num =
        fs_numchoice_format(percent ? &n->shares : &n->values, &o->numfmt, o->lang, v);
    if (percent)
        return fs_lang_percent(o->lang, num);
    if (o->unit && *o->unit)
        return g_strdup_printf("%s %s", num, o->unit);
    return g_steal_pointer(&num);
}

/* Measures bar b's value label for v at the value size. */
static void shape_value(const chart_ctx *c, const bar_geo *g, bar *b, double v, bool percent)
{
    fs_text_style vs = {.size = g->vsize, .weight = c->pal->value_weight, .tabular = true};
    g_autofree char *label = value_text(&c->nums, c->o, v, percent);
    fs_text_shape(c->page, c->fonts, label, &vs, 0, NULL, &b->label);
    b->lw = b->label.w, b->lh = b->label.h;
}

static void bars_free(GArray *bars)
{
    for (guint i = 0; bars && i < bars->len; i++)
        fs_shaped_clear(&g_array_index(bars, bar, i).label);
    if (bars)
        g_array_free(bars, TRUE);
}

/* True when some row of a stacked chart has both positive and negative
 * values: its sum is a net that no end of its stack shows. */
static bool mixed_signs(const fs_series_data *s)
{
    for (size_t r = 0; r < s->nrows; r++) {
        bool pos = false, neg = false;
        for (size_t k = 0; k < s->nseries; k++) {
            double v = s->values[r * s->nseries + k];
            pos |= v > 0, neg |= v < 0;
        }
        if (pos && neg)
            return true;
    }
    return false;
}

/* Builds the bars and measures their labels at g->vsize; *lo and *hi get
 * the range of their ends (and zero). Replaces g->bars. A stack gets its
 * total unless some stack mixes signs (the whole chart then has none). */
static void build_bars(const chart_ctx *c, bar_geo *g, double *lo, double *hi)
{
    const fs_series_data *s = c->data;
    bool totals = g->stacked && !g->percent && !mixed_signs(s);
    bars_free(g->bars);
    g->bars = g_array_new(FALSE, TRUE, sizeof(bar));
    *lo = 0, *hi = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        size_t r = c->order[i];
        double pos = 0, neg = 0;
        double total = g->percent ? row_sum(s, r, true) : 1;
        for (size_t k = 0; k < s->nseries; k++) {
            double v = s->values[r * s->nseries + k];
            if (g->percent)
                v = total > 0 ? v / total * 100 : 0;
            bar b = {.row = i, .series = k};
            if (g->stacked) {
                if (v >= 0)
                    b.v0 = pos, b.v1 = pos + v, pos = b.v1;
                else
                    b.v0 = neg, b.v1 = neg + v, neg = b.v1;
                b.stack_part = true;
            } else {
                b.v0 = 0, b.v1 = v;
            }
            shape_value(c, g, &b, g->percent ? c->nums.pct[r * s->nseries + k] : v, g->percent);
            *lo = fmin(*lo, fmin(b.v0, b.v1));
            *hi = fmax(*hi, fmax(b.v0, b.v1));
            g_array_append_val(g->bars, b);
        }
        if (totals) {
            /* the total, beyond the stack's end: all its parts have one sign */
            bar t = {.row = i, .series = SIZE_MAX, .v0 = 0, .v1 = pos > 0 || neg == 0 ? pos : neg};
            shape_value(c, g, &t, pos + neg, false);
            g_array_append_val(g->bars, t);
        }
    }
}

/* Fits the value axis into g->len: returns the scale k (points per unit)
 * and the margins each end needs for labels beyond the bars (end at least:
 * half a tick label). A stack's segment is labelled inside when it fits
 * (along with padding, across within the bar's thickness), else not at all;
 * a total always beyond. Other bars: with outside false, inside, and
 * *all_inside says whether every bar longer than zero fits its label so;
 * with outside true, every label beyond its bar. */
static double fit_axis(bar_geo *g, double end, bool outside, bool *all_inside)
{
    GArray *bars = g->bars;
    double ml = end, mh = end, k = 1, lo = g->lo, hi = g->hi, pad = g->pad;
    for (int iter = 0; iter < 8; iter++) {
        k = (g->len - ml - mh) / (hi - lo);
        if (k <= 0)
            k = g->len / (hi - lo) * 0.1;
        double need_lo = end, need_hi = end;
        *all_inside = true;
        for (guint i = 0; i < bars->len; i++) {
            bar *b = &g_array_index(bars, bar, i);
            double blen = fabs(b->v1 - b->v0) * k;
            double along = g->horizontal ? b->lw : b->lh;
            double across = g->horizontal ? b->lh : b->lw;
            bool is_total = b->series == SIZE_MAX;
            bool fits = !is_total && along + 2 * pad <= blen && across + 0.4 * pad <= g->thick;
            if (b->stack_part) {
                b->inside = fits;
                continue;
            }
            b->inside = !is_total && !outside && fits;
            if (b->inside)
                continue;
            if (!is_total && !outside && b->v1 != b->v0) {
                /* breaks the inside rule: the chart goes outside */
                *all_inside = false;
                continue;
            }
            double end_v = b->v1;
            if (end_v >= 0)
                need_hi = fmax(need_hi, (end_v - hi) * k + pad + along);
            else
                need_lo = fmax(need_lo, (lo - end_v) * k + pad + along);
        }
        if (fabs(need_lo - ml) < 0.01 && fabs(need_hi - mh) < 0.01)
            break;
        ml = need_lo, mh = need_hi;
    }
    g->m_lo = ml, g->m_hi = mh;
    /* no room left for the bars between their labels' margins */
    if (!(g->len - ml - mh > 0))
        return 0;
    return k;
}

static uint32_t series_color(const chart_ctx *c, size_t k)
{
    return fs_theme_series_color(c->pal, k, c->data->nseries);
}

/* Gives the shape just added the pattern of series k, if it has one. */
static void series_pattern(const chart_ctx *c, size_t k)
{
    fs_pattern p = fs_theme_series_pattern(c->pal, k, c->data->nseries);
    if (p != FS_PATTERN_SOLID)
        fs_page_set_pattern(c->page, p, c->pal->pattern_ink, 0.32 * c->b);
}

/* Too many categories for the room: at_most is how many would fit. In the
 * canvas's unit; a standalone chart's hints are command-line options, a
 * panel's the spec's keys. */
static void too_many_rows(const chart_ctx *c, const bar_geo *g, int at_most)
{
    at_most = MAX(at_most, 0);
    if (g->horizontal)
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "%zu bars do not fit in %.0f %s of height (at most %d); use %s", g->n, g->h,
                    c->unit, at_most,
                    c->standalone ? "--aggregate, a larger --size or fewer rows" : "fewer rows");
    else
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "%zu categories do not fit across %.0f %s (at most %d); use %s", g->n, g->w,
                    c->unit, at_most,
                    c->standalone ? "--orientation horizontal, --aggregate, a larger --size or "
                                    "fewer rows"
                                  : "orientation = horizontal, a wider span or fewer rows");
}

/* ---- categories as dates ----------------------------------------------------- */

/* Reads an ISO date "YYYY-MM" or "YYYY-MM-DD" (a real one) into ymd, the
 * day 0 for a month. */
static bool iso_date(const char *s, int ymd[3])
{
    size_t n = strlen(s);
    if (n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !g_ascii_isdigit(s[i]))
            return false;
    ymd[0] = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    ymd[1] = (s[5] - '0') * 10 + (s[6] - '0');
    ymd[2] = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
    if (ymd[0] < 1 || ymd[1] < 1 || ymd[1] > 12)
        return false;
    return n == 7 || g_date_valid_dmy((GDateDay)ymd[2], (GDateMonth)ymd[1], (GDateYear)ymd[0]);
}

/* Dates as categories: c->ymd when every label is an ISO date of one form,
 * and c->chrono when they rise in band order. */
static void read_dates(chart_ctx *c)
{
    const fs_series_data *s = c->data;
    int *ymd = g_new(int, 3 * s->nrows);
    for (size_t r = 0; r < s->nrows; r++) {
        if (!iso_date(s->labels[r], ymd + 3 * r) || (ymd[3 * r + 2] == 0) != (ymd[2] == 0)) {
            g_free(ymd);
            return;
        }
    }
    c->ymd = ymd;
    c->chrono = true;
    for (size_t i = 1; i < s->nrows && c->chrono; i++) {
        const int *a = ymd + 3 * c->order[i - 1], *b = ymd + 3 * c->order[i];
        c->chrono = a[0] != b[0] ? a[0] < b[0] : a[1] != b[1] ? a[1] < b[1] : a[2] < b[2];
    }
}

/* The label of the category in band position i as drawn: a date in the
 * language's short form, without its year when the dates rise and the
 * label shown before it (band position prev; SIZE_MAX: none) has the same
 * year; else the label. Borrowed, or a new string that *tmp holds (a
 * label may be 50 MB: it is not copied). */
static const char *cat_text(const chart_ctx *c, size_t i, size_t prev, char **tmp)
{
    size_t r = c->order[i];
    if (!c->ymd)
        return c->data->labels[r];
    const int *d = c->ymd + 3 * r;
    bool year = !c->chrono || prev == SIZE_MAX || c->ymd[3 * c->order[prev]] != d[0];
    return *tmp = fs_lang_date_short(c->o->lang, d[0], d[1], d[2], year);
}

/* ---- phases: the geometry ---------------------------------------------------- */

/* The legend: swatches and series names, flowing in rows from the top of
 * the box. Adds its items; returns its height, or -1 after a diagnostic. */
static double layout_legend(const chart_ctx *c, const bar_geo *g)
{
    const fs_series_data *s = c->data;
    double b = c->b, sw = 0.8 * b, x = g->x, w = g->w, cx = x, cy = g->y, row_h = 0;
    fs_text_style st = {.size = fmax(0.95 * b, fs_chart_min_text(c->o)), .color = c->pal->text};
    for (size_t k = 0; k < s->nseries; k++) {
        double tw, th;
        fs_measure_text(c->fonts, s->series_names[k], &st, 0, c->o->lang, &tw, &th);
        /* the name's box is tw + 1 wide: within the box too */
        double maxw = w - sw - 0.4 * b - 1;
        if (tw > maxw)
            tw = maxw;
        if (cx > x && cx + sw + 0.4 * b + tw + 1 > x + w)
            cx = x, cy += row_h + 0.3 * b, row_h = 0;
        fs_page_add_rect(c->page, FS_ROLE_SWATCH, cx, cy + (th - sw) / 2, sw, sw,
                         series_color(c, k));
        series_pattern(c, k);
        fs_text_style one = st;
        one.max_lines = 1;
        int i = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LEGEND, s->series_names[k], &one,
                                  cx + sw + 0.4 * b, cy, tw + 1, c->o->lang, s->file, 1, c->d);
        if (i < 0)
            return -1;
        row_h = fmax(row_h, th);
        cx += sw + 0.4 * b + tw + 1.6 * b;
    }
    return cy + row_h - g->y;
}

/* The text styles, one line of a category label and a tick label's
 * height. */
static void geo_styles(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    double b = c->b, tmp;
    /* no text under the floor of the medium (chart.h) */
    double floor_px = fs_chart_min_text(c->o);
    g->note_st = (fs_text_style){.size = fmax(pal->small * b, floor_px), .color = pal->secondary};
    g->tick_st = (fs_text_style){
        .size = fmax(pal->tick * b, floor_px), .color = pal->secondary, .tabular = true};
    g->cat_st = (fs_text_style){
        .size = b, .color = pal->text, .line_height = 1.0, .whole_words = true};
    fs_measure_text(c->fonts, "Ag", &g->cat_st, 0, NULL, &tmp, &g->line_h);
    g->line_h_b = g->line_h;
    fs_measure_text(c->fonts, "0", &g->tick_st, 0, NULL, &tmp, &g->zero_h);
}

/* Horizontal bars: the widest and the tallest category label on one line
 * at the base size (at least a line of "Ag"), measured once. */
static void measure_labels(const chart_ctx *c, bar_geo *g)
{
    if (g->label_h_b > 0)
        return;
    fs_text_style st = g->cat_st;
    st.size = c->b;
    g->label_h_b = g->line_h_b;
    for (size_t i = 0; i < g->n; i++) {
        double lw, lh;
        g_autofree char *tmp = NULL;
        const char *text = cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
        fs_measure_text(c->fonts, text, &st, 0, c->o->lang, &lw, &lh);
        g->label_w_b = fmax(g->label_w_b, lw);
        g->label_h_b = fmax(g->label_h_b, lh);
    }
}

/* The narrowest column of vertical bars: one line of turned text. */
static double min_column(const chart_ctx *c, const bar_geo *g)
{
    return fmax(g->line_h / 0.92, 0.5 * c->b);
}

/* The plot's bottom: the box's, less note_h for a note under it. Checks
 * that the categories can fit before 100,000 labels are measured:
 * horizontal bars shrink their category labels from the base size towards
 * the floor as many rows need, vertical bars need columns of a turned line
 * at least (a standalone chart then turns horizontal). Returns false, after
 * a diagnostic unless g->switch_horizontal is set, when they cannot. */
static bool geo_frame(const chart_ctx *c, bar_geo *g, double note_h)
{
    double b = c->b;
    g->note_h = note_h;
    g->bottom = g->y + g->h - note_h;
    if (!g->horizontal) {
        if ((double)g->n * min_column(c, g) <= g->w)
            return true;
        if (c->standalone)
            g->switch_horizontal = true;
        else
            too_many_rows(c, g, (int)(g->w / min_column(c, g)));
        return false;
    }
    /* the rows' room (geo_fit's cross_len); a first bound from a line of
     * Latin text, before 100,000 labels are measured */
    double room = g->bottom - g->top - g->zero_h - 0.5 * b, least = fmin(c->floor, b);
    double per = g->line_h_b / b * 1.05; /* a row per point of size */
    if (!(room >= (double)g->n * per * least)) {
        too_many_rows(c, g, (int)floor(room / (per * least)));
        return false;
    }
    /* then from the tallest label (a script with a tall font) */
    measure_labels(c, g);
    per = g->label_h_b / b * 1.05;
    double size = fmin(b, room / ((double)g->n * per));
    if (!(size >= least)) {
        too_many_rows(c, g, (int)floor(room / (per * least)));
        return false;
    }
    /* text scales with its size: hint metrics are off */
    g->cat_st.size = size;
    g->line_h = g->label_h_b * size / b;
    return true;
}

/* Horizontal bars: the category labels' column, as wide as the widest
 * label (at most a third of the box, at least 6 base sizes). */
static void geo_categories(const chart_ctx *c, bar_geo *g)
{
    if (!g->horizontal)
        return;
    measure_labels(c, g);
    g->cat_w = fmin(g->label_w_b * g->cat_st.size / c->b + 1, fmax(0.34 * g->w, 6 * c->b));
}

/* The bars at the full value size, the value domain (at least the axis
 * range of the options, with the ticks inside it) and the ticks with their
 * labels measured. */
static void geo_scale(const chart_ctx *c, bar_geo *g)
{
    const fs_chart_opts *o = c->o;
    double step;
    g->vsize = fmax(c->pal->value * c->b, c->floor);
    build_bars(c, g, &g->lo, &g->hi);
    if (g->percent)
        g->lo = 0, g->hi = 100;
    bool fix_lo = isfinite(o->axis_min), fix_hi = isfinite(o->axis_max);
    if (fix_lo)
        g->lo = fmin(g->lo, o->axis_min);
    if (fix_hi)
        g->hi = fmax(g->hi, o->axis_max);
    double all[16];
    int n = fs_nice_ticks(g->lo, g->hi, all, &step);
    g->nt = 0;
    for (int i = 0; i < n; i++) /* a fixed end keeps the ticks inside it */
        if ((!fix_lo || all[i] >= g->lo - step * 1e-6) &&
            (!fix_hi || all[i] <= g->hi + step * 1e-6))
            g->ticks[g->nt++] = all[i];
    if (!fix_lo)
        g->lo = fmin(g->lo, g->ticks[0]);
    if (!fix_hi)
        g->hi = fmax(g->hi, g->ticks[g->nt - 1]);
    fs_numchoice tc;
    fs_numchoice_ticks(g->percent ? &c->nums.shares : &c->nums.values, step, g->ticks, g->nt, &tc);
    for (int i = 0; i < g->nt; i++) {
        g_autofree char *num = fs_numchoice_format(&tc, &o->numfmt, o->lang, g->ticks[i]);
        g_autofree char *txt = g->percent ? fs_lang_percent(o->lang, num) : g_steal_pointer(&num);
        fs_text_style st = g->tick_st;
        fs_text_shape(c->page, c->fonts, txt, &st, 0, NULL, &g->tick_txt[i]);
        g->tick_w = fmax(g->tick_w, g->tick_txt[i].w);
        g->tick_h = g->tick_txt[i].h;
        g->tick_hmax = fmax(g->tick_hmax, g->tick_h);
    }
}

/* The left edge of a box w wide holding vertical bars' category label i as
 * planned (g->cat_angle; h: the label's height before it is turned): centred
 * on its column, or at 45 degrees ending over it; kept inside the box. */
static double cat_left(const chart_ctx *c, const bar_geo *g, size_t i, double w, double h)
{
    double mid = g->cross0 + g->band * ((double)i + 0.5), x = mid - w / 2;
    if (g->cat_angle == 45)
        /* the end of the text's middle line over the column's middle; a
         * right-to-left page is mirrored after, so from the other side */
        x = c->page->rtl ? mid - M_SQRT1_2 * h / 2 : mid + M_SQRT1_2 * h / 2 - w;
    return fmax(g->x, fmin(x, g->x + g->w - w));
}

/* Shapes the labels shown upright under columns, every step-th, each
 * wrapped at word boundaries to at most three lines in step columns. True
 * when every one fits whole and none comes near the next. */
static bool plan_upright(const chart_ctx *c, bar_geo *g, size_t step)
{
    fs_text_style st = g->cat_st;
    st.max_lines = 3;
    st.align = PANGO_ALIGN_CENTER;
    double wrap = g->band * (double)step * 0.92, right = -G_MAXDOUBLE;
    size_t prev = SIZE_MAX;
    for (size_t i = 0; i < g->n; i++) {
        fs_shaped_clear(&g->cats[i]);
        if (i % step)
            continue;
        g_autofree char *tmp = NULL;
        const char *text = cat_text(c, i, prev, &tmp);
        prev = i;
        fs_shaped *s = &g->cats[i];
        fs_text_shape(c->page, c->fonts, text, &st, wrap, c->o->lang, s);
        double left = cat_left(c, g, i, s->w, s->h);
        if (s->words_cut || pango_layout_is_ellipsized(s->layout) || left < right + 0.3 * c->b)
            return false;
        right = left + s->w;
    }
    return true;
}

/* Shapes every label on one line to be turned 45 degrees. True when each
 * turned box (its side (length + height) / sqrt 2) is at most budget tall
 * and keeps clear of the next. Each is shaped no longer than could fit
 * (its column's width times sqrt 2), a longer one ellipsized: no fit. */
static bool plan_turned_45(const chart_ctx *c, bar_geo *g, double budget)
{
    fs_text_style st = g->cat_st;
    st.max_lines = 1;
    double right = -G_MAXDOUBLE, longest = fmin(budget, g->band) * G_SQRT2;
    for (size_t i = 0; i < g->n; i++) {
        g_autofree char *tmp = NULL;
        const char *text = cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
        fs_shaped *s = &g->cats[i];
        fs_shaped_clear(s);
        fs_text_shape(c->page, c->fonts, text, &st, longest, c->o->lang, s);
        double side = (s->w + s->h) * M_SQRT1_2, left = cat_left(c, g, i, side, s->h);
        if (s->words_cut || pango_layout_is_ellipsized(s->layout) || side > budget ||
            left < right + 0.15 * c->b)
            return false;
        right = left + side;
    }
    return true;
}

/* Shapes every label to be turned 90 degrees: wrapped at word boundaries
 * to budget long, in as many lines as its column holds (three at most), cut
 * with "…" past that. When one line of some label is taller than the
 * column (a script with a tall font), all are made smaller to fit, down to
 * the floor. Returns false when even that does not fit; *need gets the
 * column's width one line then takes. */
static bool plan_turned_90(const chart_ctx *c, bar_geo *g, double budget, double *need)
{
    fs_text_style st = g->cat_st;
    /* ending at the axis: right-aligned as drawn (a mirrored page's
     * swap of alignments undone, as a turned text is mirrored as a box) */
    st.align = c->page->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    double room = g->band * 0.92, least = fmin(c->floor, c->b);
    for (int round = 0; round < 2; round++) {
        double line = g->line_h * st.size / g->cat_st.size, tallest = 0;
        int lines = (int)fmin(3, fmax(1, floor(room / line)));
        for (size_t i = 0; i < g->n; i++) {
            g_autofree char *tmp = NULL;
            const char *text = cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
            fs_shaped *s = &g->cats[i];
            for (st.max_lines = lines; st.max_lines > 0; st.max_lines--) {
                fs_shaped_clear(s);
                fs_text_shape(c->page, c->fonts, text, &st, budget, c->o->lang, s);
                if (s->h <= room)
                    break;
            }
            if (s->h > room)
                tallest = fmax(tallest, s->h);
        }
        if (tallest == 0)
            return true;
        *need = tallest / 0.92 * least / st.size;
        double size = st.size * room / tallest * 0.99;
        if (size < least)
            return false;
        st.size = size;
    }
    return false;
}

/* Vertical bars: the category labels under columns g->band wide, the first
 * way that fits (see the top of the file): upright; dates every k-th label;
 * turned 45 degrees; turned 90 and cut to budget. Sets g->cats, cat_angle,
 * cat_step and cat_h. Returns false when no way fits (*need: the column's
 * width the labels need). */
static bool plan_columns(const chart_ctx *c, bar_geo *g, double budget, double *need)
{
    static const size_t steps[] = {1, 2, 3, 4, 6, 12};
    g->cats = g_new0(fs_shaped, g->n);
    g->cat_angle = 0, g->cat_step = 1, g->cat_h = 0;
    bool fits = false;
    for (size_t k = 0; !fits && (k == 0 || (c->ymd && steps[k - 1] < g->n)); k++) {
        g->cat_step = k < G_N_ELEMENTS(steps) ? steps[k] : g->cat_step * 2;
        fits = plan_upright(c, g, g->cat_step);
    }
    if (!fits) {
        g->cat_step = 1;
        g->cat_angle = 45;
        if (!plan_turned_45(c, g, budget)) {
            g->cat_angle = 90;
            if (!plan_turned_90(c, g, budget, need))
                return false;
        }
    }
    for (size_t i = 0; i < g->n; i++) {
        const fs_shaped *s = &g->cats[i];
        if (s->layout)
            g->cat_h = fmax(g->cat_h, g->cat_angle == 90   ? s->w
                                      : g->cat_angle == 45 ? (s->w + s->h) * M_SQRT1_2
                                                           : s->h);
    }
    return true;
}

/* Vertical bars: one column per category right of the tick labels, and
 * their labels planned. Returns false when the columns are too narrow:
 * after a diagnostic for a panel, a standalone chart turns horizontal. */
static bool geo_columns(const chart_ctx *c, bar_geo *g)
{
    if (g->horizontal)
        return true;
    double b = c->b;
    double px0 = g->x + g->tick_w + 0.6 * b;
    double col_w = (g->x + g->w - px0) / (double)g->n;
    if (col_w < min_column(c, g)) {
        if (c->standalone)
            g->switch_horizontal = true;
        else
            too_many_rows(c, g, (int)((g->x + g->w - px0) / min_column(c, g)));
        return false;
    }
    g->cross0 = px0;
    g->cross_len = g->x + g->w - px0;
    g->band = col_w;
    /* turned labels take at most 40% of a chart's height; a panel's is
     * made to hold 8 base sizes (bars_height) */
    double need = 0;
    if (plan_columns(c, g, c->standalone ? 0.4 * (g->bottom - g->top) : 8 * b, &need))
        return true;
    if (c->standalone)
        g->switch_horizontal = true;
    else
        too_many_rows(c, g, (int)(g->cross_len / need));
    return false;
}

/* The bands, the bars' thickness (value labels shrink to fit across thin
 * horizontal bars, down to the floor), the value axis's scale and the value labels' rule;
 * counts the stack labels that do not fit inside. Returns false after a
 * diagnostic. */
static bool geo_fit(const chart_ctx *c, bar_geo *g)
{
    double b = c->b;
    if (g->horizontal) {
        g->cross0 = g->top;
        g->cross_len = g->bottom - g->top - fmax(g->zero_h, g->tick_hmax) - 0.5 * b;
        g->band = g->cross_len / (double)g->n;
    }
    /* bar thickness: a group of ns bars takes about 70% of the band */
    g->pitch = fmin(g->band * 0.72 / (double)g->ns, (g->horizontal ? 2.6 : 4.5) * b);
    g->thick = g->ns > 1 ? g->pitch * 0.86 : g->pitch;
    g->group = g->pitch * (double)g->ns;
    double vsize = c->pal->value * b;
    if (g->horizontal && vsize * 1.25 > g->pitch)
        vsize = fmax(g->pitch / 1.25, 0.55 * b);
    /* never under the floor: a label too tall for its bar goes beyond it,
     * or is left out with a note when it would overprint */
    vsize = fmax(vsize, c->floor);
    if (vsize != g->vsize) {
        /* the domain stays: the bars' ends do not depend on their labels */
        double lo, hi;
        g->vsize = vsize;
        build_bars(c, g, &lo, &hi);
    }
    double end_half = g->horizontal ? g->tick_w / 2 : g->tick_h / 2;
    if (g->horizontal) {
        g->axis0 = g->x + g->cat_w + 0.8 * b;
        g->len = g->x + g->w - g->axis0;
    } else {
        g->axis0 = g->top;
        g->len = g->bottom - g->cat_h - 0.6 * b - g->top;
    }
    bool all_inside;
    g->k = fit_axis(g, end_half, false, &all_inside);
    g->rule = VALUES_INSIDE;
    if (!g->stacked && !all_inside) {
        g->k = fit_axis(g, end_half, true, &all_inside);
        g->rule = VALUES_OUTSIDE;
    }
    if (!(g->k > 0) || !isfinite(g->k)) {
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "the bars and their value labels do not fit in %.0f %s; use %s",
                    fmax(0, g->len), c->unit,
                    c->standalone ? "a larger --size, fewer series or a shorter title"
                                  : "a wider span or fewer series");
        return false;
    }
    g->dropped = 0;
    for (guint i = 0; i < g->bars->len; i++) {
        const bar *br = &g_array_index(g->bars, bar, i);
        if (br->stack_part && br->series != SIZE_MAX && !br->inside && br->v1 != br->v0)
            g->dropped++;
    }
    return true;
}

/* The position of value v along the axis. */
static double vpos(const bar_geo *g, double v)
{
    return g->horizontal ? g->axis0 + g->m_lo + (v - g->lo) * g->k
                         : g->axis0 + g->m_hi + (g->hi - v) * g->k;
}

/* Every how many ticks one is labelled, so that labels do not touch. */
static int tick_every(const chart_ctx *c, const bar_geo *g)
{
    if (g->nt < 2)
        return 1;
    double spacing = fabs(vpos(g, g->ticks[1]) - vpos(g, g->ticks[0]));
    double need = (g->horizontal ? g->tick_w : g->tick_h) + 0.8 * c->b;
    return spacing > 0 && spacing < need ? (int)ceil(need / spacing) : 1;
}

/* The origin of tick label i. */
static void tick_origin(const chart_ctx *c, const bar_geo *g, int i, double *tx, double *ty)
{
    const fs_shaped *t = &g->tick_txt[i];
    double p = vpos(g, g->ticks[i]);
    if (g->horizontal)
        *tx = p - t->w / 2, *ty = g->cross0 + g->cross_len + 0.35 * c->b;
    else
        *tx = g->cross0 - 0.6 * c->b - t->w, *ty = p - t->h / 2;
}

/* Where bar br starts across its band. */
static double bar_c0(const bar_geo *g, const bar *br)
{
    bool total = br->series == SIZE_MAX;
    double mid = g->cross0 + g->band * ((double)br->row + 0.5);
    return mid - g->group / 2 + (g->stacked || total ? 0 : g->pitch * (double)br->series) +
           (g->pitch - g->thick) / 2;
}

/* Where bar br's value label goes: inside its end or beyond it; beside
 * vertical bars kept within the box. */
static void value_origin(const bar_geo *g, const bar *br, double *lx, double *ly)
{
    bool total = br->series == SIZE_MAX;
    bool positive = br->v1 >= br->v0 && !(total && br->v1 < 0);
    double pad = g->pad, c0 = bar_c0(g, br), p1 = vpos(g, br->v1);
    if (g->horizontal) {
        *ly = c0 + g->thick / 2 - br->lh / 2;
        if (br->inside)
            *lx = positive ? p1 - pad - br->lw : p1 + pad;
        else
            *lx = positive ? p1 + pad : p1 - pad - br->lw;
    } else {
        *lx = fmax(g->x, fmin(c0 + g->thick / 2 - br->lw / 2, g->x + g->w - br->lw));
        if (br->inside)
            *ly = positive ? p1 + pad * 0.6 : p1 - pad * 0.6 - br->lh;
        else
            *ly = positive ? p1 - pad * 0.6 - br->lh : p1 + pad * 0.6;
    }
}

typedef struct box {
    double x, y, w, h;
} box;

/* True when (x, y, w, h) comes nearer than gap_x side by side and gap_y
 * one above the other to a box of boxes: numbers side by side need a
 * space not to read as one, lines over each other less. */
static bool clashes(const GArray *boxes, double x, double y, double w, double h, double gap_x,
                    double gap_y)
{
    for (guint i = 0; i < boxes->len; i++) {
        const box *o = &g_array_index(boxes, box, i);
        if (fmin(x + w, o->x + o->w) - fmax(x, o->x) > -gap_x &&
            fmin(y + h, o->y + o->h) - fmax(y, o->y) > -gap_y)
            return true;
    }
    return false;
}

/* True when a label at (x, y, w, h) would cover a bar other than bar i
 * (a total's own stack included): a label wider than its column must not
 * sit on its neighbour. */
static bool covers_bar(const bar_geo *g, guint i, double x, double y, double w, double h)
{
    const bar *own = &g_array_index(g->bars, bar, i);
    for (guint j = 0; j < g->bars->len; j++) {
        const bar *o = &g_array_index(g->bars, bar, j);
        if (j == i || o->series == SIZE_MAX)
            continue;
        if (own->series == SIZE_MAX && o->row == own->row)
            continue; /* a total sits beyond its own stack */
        double c0 = bar_c0(g, o), p0 = vpos(g, o->v0), p1 = vpos(g, o->v1);
        double bx = g->horizontal ? fmin(p0, p1) : c0, by = g->horizontal ? c0 : fmin(p0, p1);
        double bw = g->horizontal ? fabs(p1 - p0) : g->thick;
        double bh = g->horizontal ? g->thick : fabs(p1 - p0);
        if (fmin(x + w, bx + bw) - fmax(x, bx) > 0.05 && fmin(y + h, by + bh) - fmax(y, by) > 0.05)
            return true;
    }
    return false;
}

/* The value labels' places by the chart's rule: those inside first, then
 * those beyond the bars in band order, each left out when it would leave
 * the plot, cover another bar or overprint a label placed before it, a
 * tick label or the legend. Sets each bar's shown, g->values_dropped, and the rule
 * VALUES_THINNED when labels beyond their bars were left out. */
static void place_values(const chart_ctx *c, bar_geo *g)
{
    GArray *taken = g_array_new(FALSE, FALSE, sizeof(box));
    for (guint i = c->first; i < c->page->items->len; i++) {
        const fs_item *it = fs_page_item(c->page, (int)i);
        if (it->kind == FS_ITEM_TEXT) {
            box o = {it->x, it->y, it->w, it->h};
            g_array_append_val(taken, o);
        }
    }
    int every = tick_every(c, g);
    for (int i = 0; i < g->nt; i += every) {
        double tx, ty;
        tick_origin(c, g, i, &tx, &ty);
        const PangoRectangle *l = &g->tick_txt[i].log;
        box o = {tx + (double)l->x / PANGO_SCALE, ty + (double)l->y / PANGO_SCALE,
                 g->tick_txt[i].w, g->tick_txt[i].h};
        g_array_append_val(taken, o);
    }
    /* the plot along the value axis, and across it */
    double a0 = g->axis0, a1 = g->axis0 + g->len;
    double c0 = g->horizontal ? g->cross0 : g->x, c1 = g->horizontal ? g->cross0 + g->cross_len
                                                                      : g->x + g->w;
    g->values_dropped = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (guint i = 0; i < g->bars->len; i++) {
            bar *br = &g_array_index(g->bars, bar, i);
            if (br->inside != (pass == 0))
                continue;
            br->shown = false;
            if (br->stack_part && !br->inside)
                continue; /* counted in g->dropped */
            double lx, ly;
            value_origin(g, br, &lx, &ly);
            double along0 = g->horizontal ? lx : ly, along1 = along0 + (g->horizontal ? br->lw : br->lh);
            double across0 = g->horizontal ? ly : lx, across1 = across0 + (g->horizontal ? br->lh : br->lw);
            if (along0 < a0 - 0.05 || along1 > a1 + 0.05 || across0 < c0 - 0.05 ||
                across1 > c1 + 0.05 || covers_bar(g, i, lx, ly, br->lw, br->lh) ||
                clashes(taken, lx, ly, br->lw, br->lh, 0.3 * g->vsize, 0.1 * g->vsize)) {
                g->values_dropped++;
                continue;
            }
            box o = {lx, ly, br->lw, br->lh};
            g_array_append_val(taken, o);
            br->shown = true;
        }
    }
    g_array_free(taken, TRUE);
    if (g->values_dropped && g->rule == VALUES_OUTSIDE)
        g->rule = VALUES_THINNED;
}

/* The note under the plot: how many labels were left out, or NULL. Returns
 * a new string. */
static char *note_text(const chart_ctx *c, const bar_geo *g)
{
    GString *s = g_string_new(NULL);
    size_t counts[2] = {g->dropped, g->values_dropped};
    static const fs_str one[2] = {FS_STR_DROPPED_ONE, FS_STR_VALUES_DROPPED_ONE};
    static const fs_str many[2] = {FS_STR_DROPPED_MANY, FS_STR_VALUES_DROPPED_MANY};
    for (int k = 0; k < 2; k++) {
        if (!counts[k])
            continue;
        g_autofree char *count = g_strdup_printf("%zu", counts[k]);
        g_autofree char *msg =
            fs_lang_text(c->o->lang, counts[k] == 1 ? one[k] : many[k], count, NULL);
        g_string_append_printf(s, "%s%s", s->len ? " " : "", msg);
    }
    if (!s->len) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

/* ---- phases: the items ------------------------------------------------------- */

/* Grid lines and tick labels; every n-th tick labelled when labels would
 * touch. Returns false after a diagnostic. */
static bool emit_ticks(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    double b = c->b, c0 = g->cross0, c1 = g->cross0 + g->cross_len;
    int every = tick_every(c, g);
    for (int i = 0; i < g->nt; i++) {
        double p = vpos(g, g->ticks[i]);
        bool zero = g->ticks[i] == 0;
        fs_role role = zero ? FS_ROLE_AXIS : FS_ROLE_GRID;
        double lw = zero ? 0.12 * b : 0.06 * b;
        uint32_t ink = zero ? pal->axis : pal->grid;
        double tx, ty;
        if (g->horizontal)
            fs_page_add_line(c->page, role, p, c0, p, c1, lw, ink);
        else
            fs_page_add_line(c->page, role, c0, p, c1, p, lw, ink);
        tick_origin(c, g, i, &tx, &ty);
        if (i % every == 0 && fs_text_place(c->page, c->fonts, FS_ROLE_TICK, &g->tick_txt[i], tx,
                                            ty, g->tick_st.color, c->data->file, 0, c->d) < 0)
            return false;
    }
    return true;
}

/* Category labels: right-aligned beside horizontal bars, centred in the
 * band; under vertical bars on one baseline, since a script whose font has
 * a taller ascent (Arabic, Devanagari) would otherwise sit lower than its
 * Latin neighbours, or turned as planned, hanging from under the plot.
 * Returns false after a diagnostic. */
static bool emit_categories(const chart_ctx *c, bar_geo *g)
{
    const fs_series_data *s = c->data;
    double ref_baseline = 0;
    if (!g->horizontal) {
        PangoLayout *ref = fs_text_layout(c->fonts, "0", &g->cat_st, -1, c->o->lang);
        ref_baseline = (double)pango_layout_get_baseline(ref) / PANGO_SCALE;
        g_object_unref(ref);
    }
    for (size_t i = 0; i < g->n; i++) {
        size_t r = c->order[i];
        double mid = g->cross0 + g->band * ((double)i + 0.5);
        int idx;
        if (g->horizontal) {
            fs_text_style st = g->cat_st;
            st.align = PANGO_ALIGN_RIGHT;
            st.max_lines = (int)fmin(3, fmax(1, floor(g->band * 0.98 / g->line_h)));
            g_autofree char *tmp = NULL;
            const char *text = cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
            idx = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LABEL, text, &st, g->x, 0,
                                    g->cat_w, c->o->lang, s->file, s->lines[r], c->d);
            if (idx < 0)
                return false;
            fs_item *it = fs_page_item(c->page, idx);
            fs_page_move_item(c->page, idx, it->x, mid - it->h / 2);
            continue;
        }
        fs_shaped *sh = &g->cats[i];
        if (!sh->layout)
            continue; /* a date thinned out */
        double top = g->bottom - g->cat_h, h = sh->h;
        if (g->cat_angle != 0) {
            idx = fs_text_place(c->page, c->fonts, FS_ROLE_LABEL, sh, 0, 0, g->cat_st.color,
                                s->file, s->lines[r], c->d);
            if (idx < 0)
                return false;
            fs_page_rotate_item(c->page, idx, g->cat_angle);
            fs_item *it = fs_page_item(c->page, idx);
            fs_page_move_item(c->page, idx, cat_left(c, g, i, it->w, h), top);
            continue;
        }
        double wrap = sh->wrap;
        idx = fs_text_place(c->page, c->fonts, FS_ROLE_LABEL, sh, mid - wrap / 2, top,
                            g->cat_st.color, s->file, s->lines[r], c->d);
        if (idx < 0)
            return false;
        fs_item *it = fs_page_item(c->page, idx);
        double baseline = (double)pango_layout_get_baseline(it->layout) / PANGO_SCALE;
        fs_page_move_item(c->page, idx, cat_left(c, g, i, it->w, it->h),
                          it->y - (baseline - ref_baseline));
    }
    return true;
}

/* The bars and the value labels place_values showed. Returns false after
 * a diagnostic. */
static bool emit_bars(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    for (guint i = 0; i < g->bars->len; i++) {
        bar *br = &g_array_index(g->bars, bar, i);
        bool total = br->series == SIZE_MAX;
        double c0 = bar_c0(g, br);
        double p0 = vpos(g, br->v0), p1 = vpos(g, br->v1);
        uint32_t color = total ? 0 : series_color(c, br->series);
        if (!total) {
            if (g->horizontal)
                fs_page_add_rect(c->page, FS_ROLE_BAR, fmin(p0, p1), c0, fabs(p1 - p0), g->thick,
                                 color);
            else
                fs_page_add_rect(c->page, FS_ROLE_BAR, c0, fmin(p0, p1), g->thick, fabs(p1 - p0),
                                 color);
            series_pattern(c, br->series);
        }
        if (!br->shown)
            continue;
        double lx, ly;
        value_origin(g, br, &lx, &ly);
        if (br->inside && !total &&
            fs_theme_series_pattern(pal, br->series, c->data->nseries) != FS_PATTERN_SOLID)
            /* a label inside a patterned bar sits on a patch of plain fill */
            fs_page_add_rect(c->page, FS_ROLE_LABEL_BG, lx - 0.25 * g->pad, ly,
                             br->lw + 0.5 * g->pad, br->lh, color);
        uint32_t ink = br->inside ? fs_text_on(pal, color) : pal->text;
        int idx = fs_text_place(c->page, c->fonts, FS_ROLE_VALUE, &br->label, lx, ly, ink,
                                c->data->file, 0, c->d);
        if (idx < 0)
            return false;
        fs_page_move_item(c->page, idx, lx, ly);
    }
    return true;
}

/* The note under the plot: how many labels were left out. */
static bool emit_note(const chart_ctx *c, const bar_geo *g)
{
    g_autofree char *msg = note_text(c, g);
    if (!msg)
        return true;
    return fs_layout_text(c->page, c->fonts, FS_ROLE_NOTE, msg, &g->note_st, g->x,
                          g->bottom + 0.5 * c->b, g->w, c->o->lang, c->data->file, c->d) >= 0;
}

static void geo_free(bar_geo *g)
{
    bars_free(g->bars);
    g->bars = NULL;
    for (int i = 0; i < 16; i++)
        fs_shaped_clear(&g->tick_txt[i]);
    for (size_t i = 0; g->cats && i < g->n; i++)
        fs_shaped_clear(&g->cats[i]);
    g_clear_pointer(&g->cats, g_free);
}

/* The phases in order. */
static bool layout_chart_body(const chart_ctx *c, bar_geo *g)
{
    g->top = g->y;
    if (c->data->nseries > 1) {
        double lh = layout_legend(c, g);
        if (lh < 0)
            return false;
        g->top += lh + 0.9 * c->b;
    }
    geo_styles(c, g);
    if (!geo_frame(c, g, 0))
        return false;
    geo_categories(c, g);
    geo_scale(c, g);
    if (!geo_columns(c, g) || !geo_fit(c, g))
        return false;
    place_values(c, g);
    /* labels left out: again with room for a note saying so (its count
     * may change its length, so until the room holds it) */
    for (int pass = 0; pass < 3; pass++) {
        g_autofree char *note = note_text(c, g);
        if (!note)
            break;
        double nw, nh;
        fs_measure_text(c->fonts, note, &g->note_st, g->w, c->o->lang, &nw, &nh);
        if (nh + 0.5 * c->b <= g->note_h + 0.01)
            break;
        if (!geo_frame(c, g, nh + 0.5 * c->b))
            return false;
        geo_categories(c, g);
        if (!geo_fit(c, g))
            return false;
        place_values(c, g);
    }
    return emit_ticks(c, g) && emit_categories(c, g) && emit_bars(c, g) && emit_note(c, g);
}

/* The options' axis range holds zero and every bar's end; else false
 * after a diagnostic naming the bar's value as the chart writes it. */
static bool axis_holds_bars(const chart_ctx *c, bool stacked, bool percent)
{
    const fs_series_data *s = c->data;
    const fs_chart_opts *o = c->o;
    double lo = 0, hi = percent ? 100 : 0;
    for (size_t r = 0; r < s->nrows && !percent; r++) {
        double pos = 0, neg = 0;
        for (size_t k = 0; k < s->nseries; k++) {
            double v = s->values[r * s->nseries + k];
            if (!stacked)
                pos = fmax(pos, v), neg = fmin(neg, v);
            else if (v >= 0)
                pos += v;
            else
                neg += v;
        }
        lo = fmin(lo, neg), hi = fmax(hi, pos);
    }
    const fs_numchoice *ch = percent ? &c->nums.shares : &c->nums.values;
    g_autofree char *amin = fs_numchoice_format(ch, &o->numfmt, o->lang, o->axis_min);
    g_autofree char *amax = fs_numchoice_format(ch, &o->numfmt, o->lang, o->axis_max);
    if (isfinite(o->axis_min) && isfinite(o->axis_max) && o->axis_min >= o->axis_max) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                    "the axis minimum %s is not below its maximum %s", amin, amax);
        return false;
    }
    if (o->axis_min > 0 || o->axis_max < 0) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                    "the axis %s %s leaves out zero, where bars start; use %s",
                    o->axis_min > 0 ? "minimum" : "maximum", o->axis_min > 0 ? amin : amax,
                    o->axis_min > 0 ? "0 or less" : "0 or more");
        return false;
    }
    if (lo < o->axis_min || hi > o->axis_max) {
        bool below = lo < o->axis_min;
        g_autofree char *end = fs_numchoice_format(ch, &o->numfmt, o->lang, below ? lo : hi);
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                    "a bar reaches %s, beyond the axis %s %s; %s the %s or leave it out", end,
                    below ? "minimum" : "maximum", below ? amin : amax, below ? "lower" : "raise",
                    below ? "minimum" : "maximum");
        return false;
    }
    return true;
}

/* Fills c for drawing data with o on page: the base size, how numbers
 * are written, the row order, the floor, the dates. Free with ctx_clear(). */
static void ctx_init(chart_ctx *c, fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                     const fs_chart_opts *o, fs_diag *d)
{
    *c = (chart_ctx){.page = page,
                     .fonts = fonts,
                     .data = data,
                     .o = o,
                     .pal = fs_theme_or_light(o->theme),
                     .d = d,
                     .first = page->items->len,
                     .standalone = !(o->base_size > 0)};
    c->b = fs_chart_base_size(o);
    bool print = o->print || o->base_size > 0;
    c->floor = fs_text_floor(print);
    c->unit = print ? "pt" : "px";
    size_t *order = g_new(size_t, data->nrows);
    for (size_t i = 0; i < data->nrows; i++)
        order[i] = i;
    if (o->sort != FS_SORT_NONE) {
        g_qsort_with_data(order, (gint)data->nrows, sizeof *order, cmp_rows, (gpointer)data);
        if (o->sort == FS_SORT_DESC) {
            for (size_t i = 0; i < data->nrows / 2; i++) {
                size_t t = order[i];
                order[i] = order[data->nrows - 1 - i];
                order[data->nrows - 1 - i] = t;
            }
        }
    }
    c->order = order;
    chart_nums_init(&c->nums, data, o);
    read_dates(c);
}

static void ctx_clear(chart_ctx *c)
{
    g_clear_pointer(&c->order, g_free);
    g_clear_pointer(&c->ymd, g_free);
    chart_nums_clear(&c->nums);
}

/* A fresh geometry for the box (x, y, w, h). */
static bar_geo geo_new(const chart_ctx *c, bool horizontal, double x, double y, double w,
                       double h)
{
    const fs_chart_opts *o = c->o;
    bool stacked = o->mode != FS_MODE_GROUPED && c->data->nseries > 1;
    return (bar_geo){.x = x,
                     .y = y,
                     .w = w,
                     .h = h,
                     .horizontal = horizontal,
                     .stacked = stacked,
                     .percent = o->mode == FS_MODE_PERCENT && c->data->nseries > 1,
                     .n = c->data->nrows,
                     .ns = stacked ? 1 : c->data->nseries,
                     .pad = 0.45 * c->b};
}

bool fs_layout_bars(fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                    const fs_chart_opts *o, double x, double y, double w, double h, fs_diag *d)
{
    if (data->nrows == 0) {
        fs_diag_add(d, FS_ERR_INPUT, data->file, 0, 0, "no data rows");
        return false;
    }
    if (o->mode == FS_MODE_PERCENT) {
        for (size_t i = 0; i < data->nrows * data->nseries; i++) {
            if (data->values[i] < 0) {
                size_t r = i / data->nseries;
                fs_diag_add(d, FS_ERR_INPUT, data->file, data->lines[r], 0,
                            "--mode percent needs values of zero or more; row %zu has a "
                            "negative value",
                            r + 1);
                return false;
            }
        }
    }
    chart_ctx c;
    ctx_init(&c, page, fonts, data, o, d);
    bar_geo g = geo_new(&c, o->orient == FS_ORIENT_HORIZONTAL, x, y, w, h);
    bool ok = axis_holds_bars(&c, g.stacked, g.percent) && layout_chart_body(&c, &g);
    if (!ok && g.switch_horizontal) {
        /* vertical columns too narrow even for a turned label: horizontal */
        geo_free(&g);
        fs_page_truncate(page, c.first);
        g = geo_new(&c, true, x, y, w, h);
        ok = layout_chart_body(&c, &g);
    }
    geo_free(&g);
    ctx_clear(&c);
    return ok;
}

/* Appends text to s, cut to FS_ALT_PART_MAX characters. */
static void append_part(GString *s, const char *text)
{
    size_t n = fs_text_cut_len(text, FS_ALT_PART_MAX);
    g_string_append_len(s, text, (gssize)n);
    if (text[n])
        g_string_append(s, "…");
}

char *fs_chart_alt_text(const fs_series_data *data, const fs_chart_opts *o)
{
    chart_nums nums;
    chart_nums_init(&nums, data, o);
    GString *s = g_string_new(NULL);
    if (o->title && *o->title) {
        append_part(s, o->title);
        g_string_append(s, ". ");
    }
    g_string_append(s, "Bar chart");
    if (data->nseries > 1) {
        g_string_append(s, " of ");
        for (size_t k = 0; k < data->nseries; k++) {
            g_string_append(s, k ? (k + 1 == data->nseries ? " and " : ", ") : "");
            append_part(s, data->series_names[k]);
        }
    }
    g_string_append(s, ": ");
    for (size_t r = 0; r < data->nrows; r++) {
        g_string_append(s, r ? "; " : "");
        append_part(s, data->labels[r]);
        g_string_append_c(s, ' ');
        for (size_t k = 0; k < data->nseries; k++) {
            size_t i = r * data->nseries + k;
            g_autofree char *v =
                value_text(&nums, o, nums.pct ? nums.pct[i] : data->values[i], nums.pct != NULL);
            g_string_append_printf(s, "%s%s", k ? ", " : "", v);
        }
        if (s->len > 4000 && r + 1 < data->nrows) {
            g_string_append_printf(s, "; and %zu more", data->nrows - r - 1);
            break;
        }
    }
    g_string_append_c(s, '.');
    chart_nums_clear(&nums);
    if (o->source && *o->source) {
        g_string_append(s, " Source: ");
        append_part(s, o->source);
        g_string_append_c(s, '.');
    }
    g_autofree char *alt = g_string_free(s, FALSE);
    return fs_text_cut(alt, FS_ALT_MAX);
}

/* ---- the bar panel ---------------------------------------------------------- */

/* The options of a bar panel's chart at base size b (0: from the canvas). */
static void chart_opts(const fs_spec *spec, const fs_panel *pn, double b, fs_chart_opts *o)
{
    fs_chart_opts_init(o);
    o->orient = pn->orient, o->sort = pn->sort, o->mode = pn->mode;
    o->theme = spec->theme, o->numfmt = spec->numfmt, o->unit = pn->unit;
    o->base_size = b, o->lang = spec->lang, o->rtl = spec->rtl;
    o->decimals = pn->has_decimals ? pn->decimals : -1, o->compact = pn->compact;
    o->axis_min = pn->has_axis_min ? pn->axis_min : NAN;
    o->axis_max = pn->has_axis_max ? pn->axis_max : NAN;
}

/* Natural height of a bar chart body at base b and width w: rows tall
 * enough for the bars and for each label wrapped as layout will wrap it (up
 * to three lines), plus the tick labels and the legend. Past 12 rows the
 * rows get thinner, down to a label's line and some air, so that many rows
 * still fit a page. Vertical bars add the room their labels take when they
 * must be turned (laid out as layout will, in columns of about the width
 * they will get). *least and *most: the range the sheet may give it. Rows
 * may be as thin as keeps the value labels at their full size (a bar 1.25
 * value sizes thick takes 72% of its band) and as thick as 1.4 times the
 * natural; vertical bars from 0.75 to 1.4 times their natural height, the
 * room of turned labels kept. */
static double bars_height(const fs_panel_ctx *pc, const fs_prepared *p, double w, double *least,
                          double *most)
{
    const fs_series_data *s = &p->series;
    double b = pc->b, n = (double)s->nrows;
    bool grouped = p->panel->mode == FS_MODE_GROUPED && s->nseries > 1;
    double ns = (double)s->nseries;
    double full = (grouped ? fmax(2.6, 1.35 * ns) : 2.6) * b;
    double thinnest = (grouped ? fmax(1.45, 0.8 * ns) : 1.45) * b;
    double per_row = fmax(thinnest, fmin(full, full * 12 / n));
    double thin = fmin(per_row, 1.25 * pc->pal->value * b * (grouped ? ns : 1) / 0.72);
    fs_chart_opts o;
    chart_opts(pc->spec, p->panel, b, &o);
    o.print = pc->print;
    fs_page *scratch = fs_page_new(w, pc->spec->page_h, pc->spec->rtl);
    chart_ctx c;
    ctx_init(&c, scratch, pc->fonts, s, &o, pc->d);
    bar_geo g = geo_new(&c, p->panel->orient == FS_ORIENT_HORIZONTAL, 0, 0, w, 12 * b);
    geo_styles(&c, &g);
    double body, lo, hi;
    if (g.horizontal) {
        geo_categories(&c, &g);
        fs_text_style st = g.cat_st;
        st.max_lines = 3;
        /* every row gets the band of the tallest label: layout spaces rows
         * evenly */
        double label = 0, lw, lh;
        for (size_t i = 0; i < s->nrows; i++) {
            g_autofree char *tmp = NULL;
            const char *text = cat_text(&c, i, i ? i - 1 : SIZE_MAX, &tmp);
            fs_measure_text(pc->fonts, text, &st, g.cat_w, pc->spec->lang, &lw, &lh);
            label = fmax(label, lh / 0.96 + 0.2 * b);
        }
        body = fmax(per_row, label) * n;
        lo = fmax(thin, label) * n;
        hi = fmax(1.4 * per_row, label) * n;
    } else {
        double base = fmax(12 * b, n * b), turned = 0;
        /* the tick labels' width as layout measures it, then the columns */
        geo_scale(&c, &g);
        double px0 = g.tick_w + 0.6 * b;
        g.band = (w - px0) / n;
        if (g.band >= min_column(&c, &g)) {
            g.cross0 = px0, g.cross_len = w - px0;
            double need;
            if (plan_columns(&c, &g, 8 * b, &need))
                turned = fmax(0, g.cat_h - 3 * g.line_h);
        }
        body = base + turned;
        lo = 0.75 * base + turned;
        hi = 1.4 * base + turned;
    }
    geo_free(&g);
    ctx_clear(&c);
    fs_page_free(scratch);
    double extra = 2.2 * b + (s->nseries > 1 ? 2.2 * b : 0);
    if (least)
        *least = lo + extra;
    if (most)
        *most = hi + extra;
    return body + extra;
}

static double body_bars(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                        double w, double h)
{
    fs_chart_opts o;
    chart_opts(c->spec, p->panel, c->b, &o);
    o.print = c->print;
    if (h <= 0)
        h = bars_height(c, p, w, NULL, NULL);
    if (!fs_layout_bars(pg, c->fonts, &p->series, &o, 0, y, w, h, c->d))
        return -1;
    return y + h;
}

static char *alt_bar(const fs_spec *spec, const fs_prepared *p)
{
    fs_chart_opts o;
    chart_opts(spec, p->panel, 0, &o);
    o.title = p->panel->title;
    o.source = spec->source;
    return fs_chart_alt_text(&p->series, &o);
}

const fs_panel_kind fs_kind_bar = {
    .type = FS_PANEL_BAR,
    .name = "bar",
    .figure = true,
    .body = body_bars,
    .alt = alt_bar,
    .chart = chart_opts,
    .heights = bars_height,
};
