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
 * word is wider than its column, dates (ISO YYYY, YYYY-MM and YYYY-MM-DD,
 * months and days in the language's short form) are thinned to every k-th;
 * other labels are turned 45 degrees when that fits, else 90, and cut with
 * "…" past their room (the alt text keeps them whole); a standalone chart
 * whose columns cannot hold even a turned line is drawn with horizontal
 * bars instead. Horizontal bars shrink their category labels down to lint's
 * floor to fit many rows; past that a standalone chart of dates in time
 * order is drawn in columns, else the error says how many rows fit.
 *
 * The chart is laid out in phases over one geometry (bar_geo): the legend
 * (drawn first, at the top), the frame (the plot's room, the styles), the
 * categories, the scale (bars, their value labels and the ticks), the bands
 * and the value axis, the value labels' places; then the items are added:
 * grid and ticks, category labels, bars and value labels, the note. Every
 * label is measured once and that very layout is placed. When labels are
 * left out, the bands and the axis are fitted again with room for the note;
 * what does not depend on that room is kept. */
#include "bar_priv.h"

#include "axis.h"
#include "chart.h"
#include "color.h"
#include "lang.h"
#include "lint.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

double bar_row_sum(const fs_series_data *s, size_t r, bool positive_only)
{
    double sum = 0;
    for (size_t k = 0; k < s->nseries; k++) {
        double v = s->values[r * s->nseries + k];
        if (!isnan(v) && (!positive_only || v > 0))
            sum += v;
    }
    return sum;
}

/* True when every value of row r is missing (NAN). */
bool bar_row_missing(const fs_series_data *s, size_t r)
{
    for (size_t k = 0; k < s->nseries; k++)
        if (!isnan(s->values[r * s->nseries + k]))
            return false;
    return true;
}

/* Rows by their sum, then by their order in the data. */
static int cmp_rows(gconstpointer a, gconstpointer b, gpointer data)
{
    const fs_series_data *s = data;
    size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
    double va = bar_row_sum(s, ra, false), vb = bar_row_sum(s, rb, false);
    if (va < vb)
        return -1;
    if (va > vb)
        return 1;
    return ra < rb ? -1 : ra > rb;
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
        double total = g->percent ? bar_row_sum(s, r, true) : 1;
        if (bar_row_missing(s, r)) {
            /* no bars: one "no data" beyond zero, across the band's middle */
            bar m = {.row = i, .series = SIZE_MAX, .missing = true};
            bar_shape_value(c, g, &m, NAN, false);
            g_array_append_val(g->bars, m);
            continue;
        }
        for (size_t k = 0; k < s->nseries; k++) {
            double v = s->values[r * s->nseries + k];
            if (isnan(v) && g->stacked)
                continue; /* a missing part: the stack without it */
            if (isnan(v)) {
                /* an empty slot saying "no data" */
                bar m = {.row = i, .series = k, .missing = true};
                bar_shape_value(c, g, &m, NAN, false);
                g_array_append_val(g->bars, m);
                continue;
            }
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
            bar_shape_value(c, g, &b, g->percent ? c->nums.pct[r * s->nseries + k] : v, g->percent);
            *lo = fmin(*lo, fmin(b.v0, b.v1));
            *hi = fmax(*hi, fmax(b.v0, b.v1));
            g_array_append_val(g->bars, b);
        }
        if (totals) {
            /* the total, beyond the stack's end: all its parts have one sign */
            bar t = {.row = i, .series = SIZE_MAX, .v0 = 0, .v1 = pos > 0 || neg == 0 ? pos : neg};
            bar_shape_value(c, g, &t, pos + neg, false);
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
static void too_many_rows(const chart_ctx *c, bar_geo *g, int at_most)
{
    /* a standalone chart of dates in time order: columns, whose labels
     * can be thinned (fs_layout_bars tries them, and says this if they do
     * not fit either) */
    if (g->horizontal && c->standalone && c->ymd && c->chrono && !g->switch_vertical) {
        g->switch_vertical = true;
        return;
    }
    at_most = MAX(at_most, 0);
    /* --aggregate only helps when labels repeat (one bar per label) */
    bool agg = c->standalone && fs_series_data_has_duplicates(c->data);
    if (g->horizontal)
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "%zu bars do not fit in %.0f %s of height (at most %d); use %s", g->n, g->h,
                    c->unit, at_most,
                    agg              ? "--aggregate, a larger --size or fewer rows"
                    : c->standalone ? "a larger --size or fewer rows"
                                    : "fewer rows");
    else
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "%zu categories do not fit across %.0f %s (at most %d); use %s", g->n, g->w,
                    c->unit, at_most,
                    agg ? "--orientation horizontal, --aggregate, a larger --size or fewer rows"
                    : c->standalone ? "--orientation horizontal, a larger --size or fewer rows"
                                    : "orientation = horizontal, a wider span or fewer rows");
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
        if ((double)g->n * bar_min_column(c, g) <= g->w)
            return true;
        if (c->standalone)
            g->switch_horizontal = true;
        else
            too_many_rows(c, g, (int)(g->w / bar_min_column(c, g)));
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
    bar_measure_labels(c, g);
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
    bar_measure_labels(c, g);
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
    for (int i = 0; i < c->an.nrefs; i++) /* reference lines stand inside the axis */
        g->lo = fmin(g->lo, c->an.refs[i].value), g->hi = fmax(g->hi, c->an.refs[i].value);
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
    /* callouts stand beyond the bars: one step more of axis for them (a
     * panel's plot is only as tall as its bars need) */
    if (c->an.ncallouts > 0 && !fix_hi && g->hi > 0 && g->nt < 16) {
        g->ticks[g->nt] = g->ticks[g->nt - 1] + step;
        g->hi = g->ticks[g->nt++];
    }
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
    if (col_w < bar_min_column(c, g)) {
        if (c->standalone)
            g->switch_horizontal = true;
        else
            too_many_rows(c, g, (int)((g->x + g->w - px0) / bar_min_column(c, g)));
        return false;
    }
    g->cross0 = px0;
    g->cross_len = g->x + g->w - px0;
    g->band = col_w;
    /* turned labels take at most 40% of a chart's height; a panel's is
     * made to hold 8 base sizes (bars_height) */
    double need = 0;
    if (bar_plan_columns(c, g, c->standalone ? 0.4 * (g->bottom - g->top) : 8 * b, &need))
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
double bar_vpos(const bar_geo *g, double v)
{
    return g->horizontal ? g->axis0 + g->m_lo + (v - g->lo) * g->k
                         : g->axis0 + g->m_hi + (g->hi - v) * g->k;
}

/* Every how many ticks one is labelled, so that labels do not touch. */
int bar_tick_every(const chart_ctx *c, const bar_geo *g)
{
    if (g->nt < 2)
        return 1;
    double spacing = fabs(bar_vpos(g, g->ticks[1]) - bar_vpos(g, g->ticks[0]));
    double need = (g->horizontal ? g->tick_w : g->tick_h) + 0.8 * c->b;
    return spacing > 0 && spacing < need ? (int)ceil(need / spacing) : 1;
}

/* The origin of tick label i. */
void bar_tick_origin(const chart_ctx *c, const bar_geo *g, int i, double *tx, double *ty)
{
    const fs_shaped *t = &g->tick_txt[i];
    double p = bar_vpos(g, g->ticks[i]);
    if (g->horizontal)
        *tx = p - t->w / 2, *ty = g->cross0 + g->cross_len + 0.35 * c->b;
    else
        *tx = g->cross0 - 0.6 * c->b - t->w, *ty = p - t->h / 2;
}

/* Where bar br starts across its band. */
double bar_c0(const bar_geo *g, const bar *br)
{
    bool total = br->series == SIZE_MAX;
    double mid = g->cross0 + g->band * ((double)br->row + 0.5);
    if (total && br->missing)
        return mid - g->thick / 2;
    return mid - g->group / 2 + (g->stacked || total ? 0 : g->pitch * (double)br->series) +
           (g->pitch - g->thick) / 2;
}

/* ---- phases: the items ------------------------------------------------------- */

/* Grid lines and tick labels; every n-th tick labelled when labels would
 * touch. Returns false after a diagnostic. */
static bool emit_ticks(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    double b = c->b, c0 = g->cross0, c1 = g->cross0 + g->cross_len;
    int every = bar_tick_every(c, g);
    for (int i = 0; i < g->nt; i++) {
        double p = bar_vpos(g, g->ticks[i]);
        bool zero = g->ticks[i] == 0;
        fs_role role = zero ? FS_ROLE_AXIS : FS_ROLE_GRID;
        double lw = zero ? 0.12 * b : 0.06 * b;
        uint32_t ink = zero ? pal->axis : pal->grid;
        double tx, ty;
        if (g->horizontal)
            fs_page_add_line(c->page, role, p, c0, p, c1, lw, ink);
        else
            fs_page_add_line(c->page, role, c0, p, c1, p, lw, ink);
        bar_tick_origin(c, g, i, &tx, &ty);
        if (i % every == 0 && fs_text_place(c->page, c->fonts, FS_ROLE_TICK, &g->tick_txt[i], tx,
                                            ty, g->tick_st.color, c->data->file, 0, c->d) < 0)
            return false;
    }
    return true;
}

/* Bar br's colour: its series', or with a highlight the accent (one
 * series) or its series' for a highlighted category, the muted grey for
 * the rest. */
static uint32_t bar_color(const chart_ctx *c, const bar *br)
{
    if (!c->an.hl)
        return series_color(c, br->series);
    /* br->row is the bar's place; its label is that of its row in the data */
    if (!fs_highlight_has(c->an.hl, c->data->labels[c->order[br->row]]))
        return c->pal->muted;
    return c->data->nseries == 1 ? c->pal->accent : series_color(c, br->series);
}

/* The bars (bars) and the value labels bar_place_values showed (labels).
 * Returns false after a diagnostic. */
static bool emit_bars(const chart_ctx *c, bar_geo *g, bool bars, bool labels)
{
    const fs_theme *pal = c->pal;
    for (guint i = 0; i < g->bars->len; i++) {
        bar *br = &g_array_index(g->bars, bar, i);
        bool total = br->series == SIZE_MAX;
        double c0 = bar_c0(g, br);
        double p0 = bar_vpos(g, br->v0), p1 = bar_vpos(g, br->v1);
        uint32_t color = total || br->missing ? 0 : bar_color(c, br);
        bool grey = c->an.hl && color == pal->muted;
        if (!total && !br->missing && bars) {
            if (g->horizontal)
                fs_page_add_rect(c->page, FS_ROLE_BAR, fmin(p0, p1), c0, fabs(p1 - p0), g->thick,
                                 color);
            else
                fs_page_add_rect(c->page, FS_ROLE_BAR, c0, fmin(p0, p1), g->thick, fabs(p1 - p0),
                                 color);
            if (!grey)
                series_pattern(c, br->series);
        }
        if (!br->shown || !labels)
            continue;
        double lx, ly;
        bar_value_origin(g, br, &lx, &ly);
        if (br->inside && !total && !grey &&
            fs_theme_series_pattern(pal, br->series, c->data->nseries) != FS_PATTERN_SOLID)
            /* a label inside a patterned bar sits on a patch of plain fill */
            fs_page_add_rect(c->page, FS_ROLE_LABEL_BG, lx - 0.25 * g->pad, ly,
                             br->lw + 0.5 * g->pad, br->lh, color);
        uint32_t ink = br->missing ? pal->secondary : br->inside ? fs_text_on(pal, color) : pal->text;
        int idx = fs_text_place(c->page, c->fonts, FS_ROLE_VALUE, &br->label, lx, ly, ink,
                                c->data->file, 0, c->d);
        if (idx < 0)
            return false;
        fs_page_move_item(c->page, idx, lx, ly);
    }
    return true;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The reference lines across the plot, dashed, over the bars; broken
 * where a text (a value label) stands on them. */
static void emit_ref_lines(const chart_ctx *c, const bar_geo *g)
{
    double c0 = g->cross0, c1 = g->cross0 + g->cross_len, lw = 0.1 * c->b, gap = 0.2 * c->b;
    guint end = c->page->items->len;
    for (int i = 0; i < c->an.nrefs; i++) {
        double p = bar_vpos(g, c->an.refs[i].value);
        /* the stretches texts take along the line, as (from, to) pairs */
        GArray *cut = g_array_new(FALSE, FALSE, 2 * sizeof(double));
        for (guint k = c->first; k < end; k++) {
            const fs_item *it = fs_page_item(c->page, (int)k);
            if (it->kind != FS_ITEM_TEXT)
                continue;
            double a0 = g->horizontal ? it->x : it->y, a1 = a0 + (g->horizontal ? it->w : it->h);
            double s0 = g->horizontal ? it->y : it->x, s1 = s0 + (g->horizontal ? it->h : it->w);
            if (p + lw < a0 - gap || p - lw > a1 + gap)
                continue;
            double iv[2] = {s0 - gap, s1 + gap};
            g_array_append_val(cut, iv);
        }
        g_array_sort(cut, cmp_double);
        double from = c0;
        for (guint k = 0; k <= cut->len; k++) {
            double to = c1, next = c1;
            if (k < cut->len) {
                const double *iv = (const double *)(void *)(cut->data + k * 2 * sizeof(double));
                to = fmin(iv[0], c1), next = iv[1];
            }
            if (to - from > lw) {
                double xy[4] = {p, from, p, to};
                if (!g->horizontal)
                    xy[0] = from, xy[1] = p, xy[2] = to, xy[3] = p;
                fs_page_add_path(c->page, FS_ROLE_REFERENCE, xy, 2, false, lw, 0.5 * c->b,
                                 c->pal->text);
            }
            from = fmax(from, next);
        }
        g_array_free(cut, TRUE);
    }
}

/* "Target: 50": a reference line's label, its value in the form of the
 * chart's values with the decimals it was given with. Returns a new
 * string. */
static char *ref_text(const chart_ctx *c, const bar_geo *g, const fs_ref *r)
{
    g_autofree char *num = bar_given_text(&c->nums, c->o, r->value, g->percent);
    return *r->label ? g_strdup_printf("%s: %s", r->label, num) : g_steal_pointer(&num);
}

/* The reference lines' labels, each beside its line where it covers no bar
 * and no text (fs_annot_place), inside the plot. Returns false after a
 * diagnostic naming the line that has no room. */
static bool emit_ref_labels(const chart_ctx *c, const bar_geo *g)
{
    fs_text_style st = g->note_st;
    st.color = c->pal->text;
    /* the plot: along the value axis of horizontal bars, across the bands
     * of vertical ones; never the category labels' column */
    fs_abox bounds = g->horizontal
                         ? (fs_abox){g->axis0, g->top, g->len, g->bottom - g->top}
                         : (fs_abox){g->cross0, g->top, g->cross_len, g->bottom - g->top};
    double c0 = g->cross0, c1 = g->cross0 + g->cross_len;
    for (int i = 0; i < c->an.nrefs; i++) {
        const fs_ref *r = &c->an.refs[i];
        g_autofree char *txt = ref_text(c, g, r);
        fs_shaped s = {0};
        fs_text_shape(c->page, c->fonts, txt, &st, 0, c->o->lang, &s);
        /* what is on the page: texts, bars, patches (not grid or lines) */
        GArray *avoid = g_array_new(FALSE, FALSE, sizeof(fs_abox));
        for (guint k = c->first; k < c->page->items->len; k++) {
            const fs_item *it = fs_page_item(c->page, (int)k);
            if (it->kind == FS_ITEM_TEXT || it->kind == FS_ITEM_RECT || it->kind == FS_ITEM_ICON ||
                (it->kind == FS_ITEM_PATH && it->role == FS_ROLE_REFERENCE)) {
                fs_abox bx = {it->x, it->y, it->w, it->h};
                g_array_append_val(avoid, bx);
            }
        }
        double x, y, p = bar_vpos(g, r->value);
        bool found = fs_annot_place(!g->horizontal, p, c0, c1, s.w, s.h, 0.2 * c->b, &bounds,
                                    (const fs_abox *)(void *)avoid->data, avoid->len, NULL, NULL,
                                    &x, &y);
        g_array_free(avoid, TRUE);
        if (!found) {
            fs_annot_no_room(c->d, c->data->file, "reference line", txt, "label",
                             "beside the line", "bar", !c->standalone);
            fs_shaped_clear(&s);
            return false;
        }
        int idx = fs_text_place(c->page, c->fonts, FS_ROLE_REFERENCE, &s, x, y, st.color,
                                c->data->file, 0, c->d);
        fs_shaped_clear(&s);
        if (idx < 0)
            return false;
        fs_page_move_item(c->page, idx, x, y);
    }
    return true;
}

/* The point a callout at data row r points at: the outer end of the
 * row's bar that reaches furthest (the highest, or the lowest when all are
 * below zero; a stack's end), beyond its value label when that stands
 * outside the bar. */
static void callout_point(const bar_geo *g, size_t pos, double *px, double *py)
{
    /* the furthest end: the highest above zero, else the lowest */
    double hi = -INFINITY, lo = INFINITY;
    for (guint i = 0; i < g->bars->len; i++) {
        const bar *br = &g_array_index(g->bars, bar, i);
        if (br->row == pos && !br->missing)
            hi = fmax(hi, br->v1), lo = fmin(lo, br->v1);
    }
    double want = hi > 0 ? hi : lo;
    /* that bar (a stack's total, whose label stands beyond it, first); a
     * row without values: its "no data" */
    const bar *best = NULL;
    for (guint i = 0; i < g->bars->len; i++) {
        const bar *br = &g_array_index(g->bars, bar, i);
        if (br->row != pos || (isfinite(want) && (br->missing || br->v1 != want)))
            continue;
        if (!best || br->series == SIZE_MAX)
            best = br;
    }
    double c0 = bar_c0(g, best), mid = c0 + g->thick / 2;
    double p0 = bar_vpos(g, best->v0), p1 = bar_vpos(g, best->v1);
    if (best->missing)
        mid = g->cross0 + g->band * ((double)best->row + 0.5);
    bool out = best->shown && !best->inside;
    double lx = 0, ly = 0;
    if (out)
        bar_value_origin(g, best, &lx, &ly);
    if (g->horizontal) {
        bool right = p1 >= p0;
        *px = out ? (right ? lx + best->lw : lx) : p1;
        *py = out ? ly + best->lh / 2 : mid;
    } else {
        bool up = p1 <= p0;
        *px = out ? lx + best->lw / 2 : mid;
        *py = out ? (up ? ly : ly + best->lh) : p1;
    }
}

/* The callouts, each near the point of its category where it covers no
 * bar and no text, its leader crossing no text, inside the plot. Returns
 * false after a diagnostic naming the callout that has no room. */
static bool emit_callouts(const chart_ctx *c, const bar_geo *g)
{
    fs_text_style st = {.size = g->note_st.size, .color = c->pal->text, .whole_words = true};
    fs_abox bounds = g->horizontal
                         ? (fs_abox){g->axis0, g->top, g->len, g->bottom - g->top}
                         : (fs_abox){g->cross0, g->top, g->cross_len, g->bottom - g->top};
    for (int i = 0; i < c->an.ncallouts; i++) {
        const fs_callout *co = &c->an.callouts[i];
        size_t pos = 0;
        while (pos + 1 < c->data->nrows && strcmp(c->data->labels[c->order[pos]], co->label))
            pos++;
        /* what is on the page: texts, bars, patches, icons, reference
         * lines and other callouts' leaders; the leader crosses no text and
         * no bar (it ends short of its own) */
        GArray *avoid = g_array_new(FALSE, FALSE, sizeof(fs_abox));
        GArray *cross = g_array_new(FALSE, FALSE, sizeof(fs_abox));
        for (guint k = c->first; k < c->page->items->len; k++) {
            const fs_item *it = fs_page_item(c->page, (int)k);
            fs_abox bx = {it->x, it->y, it->w, it->h};
            if (it->kind == FS_ITEM_TEXT || (it->kind == FS_ITEM_RECT && it->role == FS_ROLE_BAR))
                g_array_append_val(cross, bx);
            if (it->kind == FS_ITEM_TEXT || it->kind == FS_ITEM_RECT || it->kind == FS_ITEM_ICON ||
                (it->kind == FS_ITEM_PATH && it->role == FS_ROLE_REFERENCE) ||
                (it->kind == FS_ITEM_LINE && it->role == FS_ROLE_CALLOUT))
                g_array_append_val(avoid, bx);
        }
        fs_callout_spot spot = {.gap = 0.2 * c->b,
                                .prefer = 12 * c->b,
                                .bounds = bounds,
                                .avoid = (const fs_abox *)(void *)avoid->data,
                                .navoid = avoid->len,
                                .cross = (const fs_abox *)(void *)cross->data,
                                .ncross = cross->len};
        callout_point(g, pos, &spot.px, &spot.py);
        fs_abox box;
        double leader[4];
        int got = fs_panel_callout(c->page, c->fonts, co->text, &st, c->o->lang, &spot,
                                   0.06 * c->b, c->pal->text, c->data->file, c->d, &box, leader);
        g_array_free(avoid, TRUE);
        g_array_free(cross, TRUE);
        if (got < 0)
            return false;
        if (got == 0) {
            fs_annot_no_room(c->d, c->data->file, "callout", co->label, "text",
                             "near its bar", "bar", !c->standalone);
            return false;
        }
    }
    return true;
}

/* The note under the plot: how many labels were left out. */
static bool emit_note(const chart_ctx *c, const bar_geo *g)
{
    g_autofree char *msg = bar_note_text(c, g);
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
    bar_place_values(c, g);
    /* labels left out: again with room for a note saying so (its count
     * may change its length, so until the room holds it) */
    for (int pass = 0; pass < 3; pass++) {
        g_autofree char *note = bar_note_text(c, g);
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
        bar_place_values(c, g);
    }
    if (!emit_ticks(c, g) || !bar_emit_categories(c, g))
        return false;
    if (c->an.nrefs == 0)
        return emit_bars(c, g, true, true) && emit_note(c, g) && emit_callouts(c, g);
    /* the lines over the bars, broken at the value labels; their labels
     * and the callouts last, where they cover nothing */
    if (!emit_bars(c, g, true, false) || !emit_bars(c, g, false, true))
        return false;
    emit_ref_lines(c, g);
    return emit_note(c, g) && emit_ref_labels(c, g) && emit_callouts(c, g);
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
            if (isnan(v))
                continue; /* missing: no bar */
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
    /* sorted: the rows without a value last, in their order in the data */
    size_t kept = 0;
    for (size_t i = 0; o->sort != FS_SORT_NONE && i < data->nrows; i++)
        if (!bar_row_missing(data, order[i]))
            order[kept++] = order[i];
    for (size_t r = 0; o->sort != FS_SORT_NONE && r < data->nrows; r++)
        if (bar_row_missing(data, r))
            order[kept++] = r;
    c->order = order;
    bar_nums_init(&c->nums, data, o);
    bar_read_dates(c);
}

static void ctx_clear(chart_ctx *c)
{
    g_clear_pointer(&c->order, g_free);
    g_clear_pointer(&c->ymd, g_free);
    bar_nums_clear(&c->nums);
    fs_annot_clear(&c->an);
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
    bool ok = fs_annot_read(&c.an, o->highlight, o->reference, data->labels, data->nrows,
                            "category", data->file, d) &&
              fs_annot_read_callouts(&c.an, o->callout, data->labels, data->nrows, "category",
                                     data->file, d) &&
              axis_holds_bars(&c, g.stacked, g.percent) && layout_chart_body(&c, &g);
    if (!ok && g.switch_vertical) {
        /* too many rows of dates for horizontal bars: columns, as long as
         * they fit whole (what they would say is dropped); else the rows'
         * refusal */
        geo_free(&g);
        fs_page_truncate(page, c.first);
        fs_diag *scratch = fs_diag_new();
        c.d = scratch;
        g = geo_new(&c, false, x, y, w, h);
        ok = layout_chart_body(&c, &g) && fs_diag_count(scratch) == 0;
        c.d = d;
        fs_diag_free(scratch);
        if (!ok) {
            geo_free(&g);
            fs_page_truncate(page, c.first);
            g = geo_new(&c, true, x, y, w, h);
            g.switch_vertical = true;
            ok = layout_chart_body(&c, &g);
        }
    } else if (!ok && g.switch_horizontal) {
        /* vertical columns too narrow even for a turned label: horizontal
         * (and when those do not fit either, their refusal) */
        geo_free(&g);
        fs_page_truncate(page, c.first);
        g = geo_new(&c, true, x, y, w, h);
        g.switch_vertical = true;
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

typedef struct alt_fmt_data {
    const chart_nums *nums;
    const fs_chart_opts *o;
} alt_fmt_data;

/* A reference line's value in the alt text, as its label writes it. */
static char *alt_fmt(double v, const void *data)
{
    const alt_fmt_data *af = data;
    return bar_given_text(af->nums, af->o, v,
                          af->o->mode == FS_MODE_PERCENT && af->nums->pct != NULL);
}

char *fs_chart_alt_text(const fs_series_data *data, const fs_chart_opts *o)
{
    chart_nums nums;
    bar_nums_init(&nums, data, o);
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
                bar_value_text(&nums, o, nums.pct ? nums.pct[i] : data->values[i], nums.pct != NULL);
            g_string_append_printf(s, "%s%s", k ? ", " : "", v);
        }
        if (s->len > 4000 && r + 1 < data->nrows) {
            g_string_append_printf(s, "; and %zu more", data->nrows - r - 1);
            break;
        }
    }
    g_string_append_c(s, '.');
    alt_fmt_data af = {&nums, o};
    fs_annot_alt(s, o->highlight, o->reference, alt_fmt, &af);
    fs_callouts_alt(s, o->callout);
    bar_nums_clear(&nums);
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
    fs_panel_chart_opts(spec, pn, b, o);
    o->orient = pn->orient, o->sort = pn->sort;
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
            const char *text = bar_cat_text(&c, i, i ? i - 1 : SIZE_MAX, &tmp);
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
        if (g.band >= bar_min_column(&c, &g)) {
            g.cross0 = px0, g.cross_len = w - px0;
            double need;
            if (bar_plan_columns(&c, &g, 8 * b, &need))
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
    return fs_panel_chart_body(c, pg, p, y, w, h, fs_layout_bars);
}

static char *alt_bar(const fs_spec *spec, const fs_prepared *p)
{
    return fs_panel_chart_alt(spec, p, fs_chart_alt_text);
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
