/* bar: the bar chart, on its own page (chart.c) or as a report panel.
 *
 * Bars grow from zero along the value axis, one band per category across
 * it; a band holds one bar per series (grouped) or one stack. Value labels
 * sit inside a bar's end when they fit, else outside; a stack's segments
 * are labelled only inside, and when some of those labels are dropped a
 * note says how many. Tick labels are thinned when they would touch.
 *
 * The chart is laid out in phases over one geometry (bar_geo): the legend
 * (drawn first, at the top), the frame (the plot's room, the styles), the
 * categories, the scale (bars, their value labels and the ticks), the bands
 * and the value axis; then the items are added: grid and ticks, category
 * labels, bars and value labels, the note. Every label is measured once and
 * that very layout is placed. When stack labels are dropped, the bands and
 * the axis are fitted again with room for the note; what does not depend on
 * that room is kept. */
#include "panel.h"

#include "axis.h"
#include "chart.h"
#include "color.h"
#include "lang.h"
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
} bar;

typedef struct chart_ctx {
    fs_page *page;
    fs_fonts *fonts;
    const fs_series_data *data;
    const fs_chart_opts *o;
    const fs_theme *pal;
    double b; /* base size */
    fs_diag *d;
    size_t *order; /* row order after sorting */
    int decimals;  /* of every value label: the most any value needs */
} chart_ctx;

/* The geometry of one chart, filled phase by phase. */
typedef struct bar_geo {
    double x, y, w, h; /* the box */
    bool horizontal, stacked, percent;
    size_t n, ns; /* categories; bars in a band (1 when stacked) */
    double pad;   /* between a bar's end and its label */
    /* frame */
    double top, bottom; /* the plot between legend and note */
    bool reserve_note;  /* room kept for the dropped-labels note */
    fs_text_style tick_st, cat_st, note_st;
    double line_h; /* one line of a category label */
    /* categories */
    double cat_w, cat_h; /* the room their labels take */
    double zero_h;       /* horizontal: the height of a tick label "0" */
    fs_shaped *cats;     /* vertical: every label, measured (n) */
    /* scale */
    GArray *bars;  /* bar, in band order */
    double vsize;  /* the value labels' size */
    double lo, hi; /* the value domain, ticks included */
    double ticks[16];
    int nt;
    fs_shaped tick_txt[16];
    double tick_w, tick_h; /* the widest tick label; the last one's height */
    /* bands and the value axis */
    double cross0, cross_len, band; /* across: where bands start, their room, one band */
    double pitch, thick, group;     /* a bar's pitch and thickness, a band's bars */
    double axis0, m_lo, m_hi, k;    /* along: start, end margins, points per unit */
    size_t dropped;                 /* stack labels that do not fit inside */
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

static char *value_text(const chart_ctx *c, double v, bool percent)
{
    g_autofree char *num = fs_numfmt_format(&c->o->numfmt, v, percent ? 0 : c->decimals);
    if (percent)
        return fs_lang_percent(c->o->lang, num);
    if (c->o->unit && *c->o->unit)
        return g_strdup_printf("%s %s", num, c->o->unit);
    return g_steal_pointer(&num);
}

/* Measures bar b's value label for v at the value size. */
static void shape_value(const chart_ctx *c, const bar_geo *g, bar *b, double v, bool percent)
{
    fs_text_style vs = {.size = g->vsize, .weight = c->pal->value_weight, .tabular = true};
    g_autofree char *label = value_text(c, v, percent);
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

/* Builds the bars and measures their labels at g->vsize; *lo and *hi get
 * the range of their ends (and zero). Replaces g->bars. */
static void build_bars(const chart_ctx *c, bar_geo *g, double *lo, double *hi)
{
    const fs_series_data *s = c->data;
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
            shape_value(c, g, &b, v, g->percent);
            *lo = fmin(*lo, fmin(b.v0, b.v1));
            *hi = fmax(*hi, fmax(b.v0, b.v1));
            g_array_append_val(g->bars, b);
        }
        if (g->stacked && !g->percent) {
            /* the total, outside the end of the positive stack */
            bar t = {.row = i, .series = SIZE_MAX, .v0 = 0, .v1 = pos > 0 || neg == 0 ? pos : neg};
            shape_value(c, g, &t, pos + neg, false);
            g_array_append_val(g->bars, t);
        }
    }
}

/* Fits the value axis into length len: returns the scale k (points per
 * unit) and the margins each end needs for labels outside the bars (end_lo,
 * end_hi at least: half a tick label); marks the labels that fit inside
 * their bar (along it with padding, across within its thickness). */
static double fit_axis(GArray *bars, double lo, double hi, double len, double pad, double end_lo,
                       double end_hi, double thickness, bool horizontal, double *m_lo, double *m_hi)
{
    double ml = end_lo, mh = end_hi, k = 1;
    for (int iter = 0; iter < 8; iter++) {
        k = (len - ml - mh) / (hi - lo);
        if (k <= 0)
            k = len / (hi - lo) * 0.1;
        double need_lo = end_lo, need_hi = end_hi;
        for (guint i = 0; i < bars->len; i++) {
            bar *b = &g_array_index(bars, bar, i);
            double blen = fabs(b->v1 - b->v0) * k;
            double along = horizontal ? b->lw : b->lh;
            double across = horizontal ? b->lh : b->lw;
            bool is_total = b->series == SIZE_MAX;
            b->inside = !is_total && along + 2 * pad <= blen && across + 0.4 * pad <= thickness;
            if (b->inside || (b->stack_part && !is_total))
                continue;
            double end = b->v1;
            if (end >= 0)
                need_hi = fmax(need_hi, (end - hi) * k + pad + along);
            else
                need_lo = fmax(need_lo, (lo - end) * k + pad + along);
        }
        if (fabs(need_lo - ml) < 0.01 && fabs(need_hi - mh) < 0.01)
            break;
        ml = need_lo, mh = need_hi;
    }
    *m_lo = ml, *m_hi = mh;
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

/* Too many categories for the room: at_most is how many would fit. */
static void too_many_rows(const chart_ctx *c, const bar_geo *g, int at_most)
{
    if (g->horizontal)
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "%zu bars do not fit in %.0f pt of height (at most %d); use a larger "
                    "--size or fewer rows",
                    g->n, g->h, at_most);
    else
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "%zu categories do not fit across %.0f pt (at most %d); use "
                    "--orientation horizontal, a larger --size, or fewer rows",
                    g->n, g->w, at_most);
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
        double maxw = w - sw - 0.4 * b - 1; /* the text box is tw + 1 wide */
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

/* The text styles and one line of a category label. */
static void geo_styles(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    double b = c->b, tmp;
    /* no text under the floor of the medium (chart.h) */
    double floor_px = fs_chart_min_text(c->o);
    g->note_st = (fs_text_style){.size = fmax(pal->small * b, floor_px), .color = pal->secondary};
    g->tick_st = (fs_text_style){
        .size = fmax(pal->tick * b, floor_px), .color = pal->secondary, .tabular = true};
    g->cat_st = (fs_text_style){.size = b, .color = pal->text, .line_height = 1.0};
    fs_measure_text(c->fonts, "Ag", &g->cat_st, 0, NULL, &tmp, &g->line_h);
}

/* The plot's bottom: the box's, less a note line when labels had to be
 * dropped. Returns false after a diagnostic when the categories cannot fit
 * even with no axis: an error before 100,000 labels are measured. */
static bool geo_frame(const chart_ctx *c, bar_geo *g, bool reserve_note)
{
    double b = c->b, note_h = 0, tmp;
    g->reserve_note = reserve_note;
    if (reserve_note)
        fs_measure_text(c->fonts, "Ag", &g->note_st, 0, NULL, &tmp, &note_h), note_h += 0.5 * b;
    g->bottom = g->y + g->h - note_h;
    if (g->horizontal ? (double)g->n * g->line_h * 1.05 > g->bottom - g->top
                      : (double)g->n * 1.6 * b > g->w) {
        too_many_rows(c, g,
                      g->horizontal ? (int)((g->bottom - g->top) / (g->line_h * 1.05))
                                    : (int)(g->w / (1.6 * b)));
        return false;
    }
    return true;
}

/* Horizontal bars: the category labels' column, as wide as the widest
 * label (at most a third of the box, at least 6 base sizes), and the room a
 * tick label takes under the bands. */
static void geo_categories(const chart_ctx *c, bar_geo *g)
{
    if (!g->horizontal)
        return;
    const fs_series_data *s = c->data;
    double maxw = 0, tmp;
    for (size_t i = 0; i < g->n; i++) {
        double lw, lh;
        fs_measure_text(c->fonts, s->labels[i], &g->cat_st, 0, c->o->lang, &lw, &lh);
        maxw = fmax(maxw, lw);
    }
    g->cat_w = fmin(maxw + 1, fmax(0.34 * g->w, 6 * c->b));
    fs_measure_text(c->fonts, "0", &g->tick_st, 0, NULL, &tmp, &g->zero_h);
}

/* The bars at the full value size, the value domain and the ticks with
 * their labels measured. */
static void geo_scale(const chart_ctx *c, bar_geo *g)
{
    double step;
    g->vsize = c->pal->value * c->b;
    build_bars(c, g, &g->lo, &g->hi);
    if (g->percent)
        g->lo = 0, g->hi = 100;
    g->nt = fs_nice_ticks(g->lo, g->hi, g->ticks, &step);
    g->lo = fmin(g->lo, g->ticks[0]);
    g->hi = fmax(g->hi, g->ticks[g->nt - 1]);
    int dec = fs_tick_decimals(step);
    for (int i = 0; i < g->nt; i++) {
        g_autofree char *num = fs_numfmt_format(&c->o->numfmt, g->ticks[i], dec > 6 ? -1 : dec);
        g_autofree char *txt =
            g->percent ? fs_lang_percent(c->o->lang, num) : g_steal_pointer(&num);
        fs_text_style st = g->tick_st;
        fs_text_shape(c->page, c->fonts, txt, &st, 0, NULL, &g->tick_txt[i]);
        g->tick_w = fmax(g->tick_w, g->tick_txt[i].w);
        g->tick_h = g->tick_txt[i].h;
    }
}

/* Vertical bars: one column per category right of the tick labels, each
 * label measured wrapped to its column (at most three lines). Returns false
 * after a diagnostic when the columns are too narrow. */
static bool geo_columns(const chart_ctx *c, bar_geo *g)
{
    if (g->horizontal)
        return true;
    double b = c->b;
    double px0 = g->x + g->tick_w + 0.6 * b;
    double col_w = (g->x + g->w - px0) / (double)g->n;
    if (col_w < 1.6 * b) {
        too_many_rows(c, g, (int)((g->x + g->w - px0) / (1.6 * b)));
        return false;
    }
    g->cross0 = px0;
    g->cross_len = g->x + g->w - px0;
    g->cats = g_new0(fs_shaped, g->n);
    fs_text_style st = g->cat_st;
    st.max_lines = 3;
    st.align = PANGO_ALIGN_CENTER;
    for (size_t i = 0; i < g->n; i++) {
        fs_text_shape(c->page, c->fonts, c->data->labels[c->order[i]], &st, col_w * 0.92,
                      c->o->lang, &g->cats[i]);
        g->cat_h = fmax(g->cat_h, g->cats[i].h);
    }
    return true;
}

/* The bands, the bars' thickness (value labels shrink to fit across thin
 * horizontal bars) and the value axis's scale; counts the stack labels that
 * do not fit inside. Returns false after a diagnostic. */
static bool geo_fit(const chart_ctx *c, bar_geo *g)
{
    double b = c->b;
    if (g->horizontal) {
        g->cross0 = g->top;
        g->cross_len = g->bottom - g->top - g->zero_h - 0.5 * b;
    }
    g->band = g->cross_len / (double)g->n;
    if (g->horizontal && g->band < g->line_h * 1.05) {
        too_many_rows(c, g, (int)(g->cross_len / (g->line_h * 1.05)));
        return false;
    }
    /* bar thickness: a group of ns bars takes about 70% of the band */
    g->pitch = fmin(g->band * 0.72 / (double)g->ns, (g->horizontal ? 2.6 : 4.5) * b);
    g->thick = g->ns > 1 ? g->pitch * 0.86 : g->pitch;
    g->group = g->pitch * (double)g->ns;
    double vsize = c->pal->value * b;
    if (g->horizontal && vsize * 1.25 > g->pitch)
        vsize = fmax(g->pitch / 1.25, 0.55 * b);
    if (vsize != g->vsize) {
        /* the domain stays: the bars' ends do not depend on their labels */
        double lo, hi;
        g->vsize = vsize;
        build_bars(c, g, &lo, &hi);
    }
    double len, end_half = g->horizontal ? g->tick_w / 2 : g->tick_h / 2;
    if (g->horizontal) {
        g->axis0 = g->x + g->cat_w + 0.8 * b;
        len = g->x + g->w - g->axis0;
    } else {
        g->axis0 = g->top;
        len = g->bottom - g->cat_h - 0.6 * b - g->top;
    }
    g->k = fit_axis(g->bars, g->lo, g->hi, len, g->pad, end_half, end_half, g->thick, g->horizontal,
                    &g->m_lo, &g->m_hi);
    if (!(g->k > 0) || !isfinite(g->k)) {
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "the values cannot be drawn at this size");
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

/* ---- phases: the items ------------------------------------------------------- */

/* The position of value v along the axis. */
static double vpos(const bar_geo *g, double v)
{
    return g->horizontal ? g->axis0 + g->m_lo + (v - g->lo) * g->k
                         : g->axis0 + g->m_hi + (g->hi - v) * g->k;
}

/* Grid lines and tick labels; every n-th tick labelled when labels would
 * touch. Returns false after a diagnostic. */
static bool emit_ticks(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    double b = c->b, c0 = g->cross0, c1 = g->cross0 + g->cross_len;
    int every = 1;
    if (g->nt > 1) {
        double spacing = fabs(vpos(g, g->ticks[1]) - vpos(g, g->ticks[0]));
        double need = (g->horizontal ? g->tick_w : g->tick_h) + 0.8 * b;
        if (spacing > 0 && spacing < need)
            every = (int)ceil(need / spacing);
    }
    for (int i = 0; i < g->nt; i++) {
        double p = vpos(g, g->ticks[i]);
        bool zero = g->ticks[i] == 0;
        fs_role role = zero ? FS_ROLE_AXIS : FS_ROLE_GRID;
        double lw = zero ? 0.12 * b : 0.06 * b;
        uint32_t ink = zero ? pal->axis : pal->grid;
        fs_shaped *t = &g->tick_txt[i];
        double tx, ty;
        if (g->horizontal) {
            fs_page_add_line(c->page, role, p, c0, p, c1, lw, ink);
            tx = p - t->w / 2, ty = c1 + 0.35 * b;
        } else {
            fs_page_add_line(c->page, role, c0, p, c1, p, lw, ink);
            tx = c0 - 0.6 * b - t->w, ty = p - t->h / 2;
        }
        if (i % every == 0 && fs_text_place(c->page, c->fonts, FS_ROLE_TICK, t, tx, ty,
                                            g->tick_st.color, c->data->file, 0, c->d) < 0)
            return false;
    }
    return true;
}

/* Category labels: right-aligned beside horizontal bars, centred in the
 * band; under vertical bars on one baseline, since a script whose font has
 * a taller ascent (Arabic, Devanagari) would otherwise sit lower than its
 * Latin neighbours. Returns false after a diagnostic. */
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
            idx = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LABEL, s->labels[r], &st, g->x, 0,
                                    g->cat_w, c->o->lang, s->file, s->lines[r], c->d);
            if (idx < 0)
                return false;
            fs_item *it = fs_page_item(c->page, idx);
            fs_page_move_item(c->page, idx, it->x, mid - it->h / 2);
        } else {
            double lw = g->band * 0.92;
            idx = fs_text_place(c->page, c->fonts, FS_ROLE_LABEL, &g->cats[i], mid - lw / 2,
                                g->bottom - g->cat_h, g->cat_st.color, s->file, s->lines[r], c->d);
            if (idx < 0)
                return false;
            fs_item *it = fs_page_item(c->page, idx);
            double baseline = (double)pango_layout_get_baseline(it->layout) / PANGO_SCALE;
            fs_page_move_item(c->page, idx, it->x, it->y - (baseline - ref_baseline));
        }
    }
    return true;
}

/* Where bar br's value label goes: inside its end or beyond it. */
static void value_origin(const bar_geo *g, const bar *br, double c0, double p1, double *lx,
                         double *ly)
{
    bool total = br->series == SIZE_MAX;
    bool positive = br->v1 >= br->v0 && !(total && br->v1 < 0);
    double pad = g->pad;
    if (g->horizontal) {
        *ly = c0 + g->thick / 2 - br->lh / 2;
        if (br->inside)
            *lx = positive ? p1 - pad - br->lw : p1 + pad;
        else
            *lx = positive ? p1 + pad : p1 - pad - br->lw;
    } else {
        *lx = c0 + g->thick / 2 - br->lw / 2;
        if (br->inside)
            *ly = positive ? p1 + pad * 0.6 : p1 - pad * 0.6 - br->lh;
        else
            *ly = positive ? p1 - pad * 0.6 - br->lh : p1 + pad * 0.6;
    }
}

/* The bars and their value labels (a stack's segments only where the label
 * fits inside). Returns false after a diagnostic. */
static bool emit_bars(const chart_ctx *c, bar_geo *g)
{
    const fs_theme *pal = c->pal;
    for (guint i = 0; i < g->bars->len; i++) {
        bar *br = &g_array_index(g->bars, bar, i);
        bool total = br->series == SIZE_MAX;
        double mid = g->cross0 + g->band * ((double)br->row + 0.5);
        double c0 = mid - g->group / 2 + (g->stacked || total ? 0 : g->pitch * (double)br->series) +
                    (g->pitch - g->thick) / 2;
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
        if (br->stack_part && !total && !br->inside)
            continue;
        double lx, ly;
        value_origin(g, br, c0, p1, &lx, &ly);
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

/* The note under the plot: how many stack labels were dropped. */
static bool emit_note(const chart_ctx *c, const bar_geo *g)
{
    if (!g->reserve_note || !g->dropped)
        return true;
    g_autofree char *count = g_strdup_printf("%zu", g->dropped);
    g_autofree char *msg = fs_lang_text(
        c->o->lang, g->dropped == 1 ? FS_STR_DROPPED_ONE : FS_STR_DROPPED_MANY, count, NULL);
    return fs_layout_text(c->page, c->fonts, FS_ROLE_NOTE, msg, &g->note_st, g->x,
                          g->bottom + 0.5 * c->b, g->w, NULL, c->data->file, c->d) >= 0;
}

static void geo_free(bar_geo *g)
{
    bars_free(g->bars);
    for (int i = 0; i < 16; i++)
        fs_shaped_clear(&g->tick_txt[i]);
    for (size_t i = 0; g->cats && i < g->n; i++)
        fs_shaped_clear(&g->cats[i]);
    g_free(g->cats);
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
    if (!geo_frame(c, g, false))
        return false;
    geo_categories(c, g);
    geo_scale(c, g);
    if (!geo_columns(c, g) || !geo_fit(c, g))
        return false;
    /* dropped labels: again with room for a note saying so */
    if (g->dropped && (!geo_frame(c, g, true) || !geo_fit(c, g)))
        return false;
    return emit_ticks(c, g) && emit_categories(c, g) && emit_bars(c, g) && emit_note(c, g);
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
    chart_ctx c = {.page = page,
                   .fonts = fonts,
                   .data = data,
                   .o = o,
                   .pal = fs_theme_or_light(o->theme),
                   .d = d};
    c.b = fs_chart_base_size(o);
    for (size_t i = 0; i < data->nrows * data->nseries; i++)
        c.decimals = MAX(c.decimals, fs_numfmt_decimals(data->values[i]));
    g_autofree size_t *order = g_new(size_t, data->nrows);
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
    c.order = order;
    bool stacked = o->mode != FS_MODE_GROUPED && data->nseries > 1;
    bar_geo g = {.x = x,
                 .y = y,
                 .w = w,
                 .h = h,
                 .horizontal = o->orient == FS_ORIENT_HORIZONTAL,
                 .stacked = stacked,
                 .percent = o->mode == FS_MODE_PERCENT && data->nseries > 1,
                 .n = data->nrows,
                 .ns = stacked ? 1 : data->nseries,
                 .pad = 0.45 * c.b};
    bool ok = layout_chart_body(&c, &g);
    geo_free(&g);
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
            g_autofree char *v =
                fs_numfmt_format(&o->numfmt, data->values[r * data->nseries + k], -1);
            g_string_append_printf(s, "%s%s", k ? ", " : "", v);
        }
        if (s->len > 4000 && r + 1 < data->nrows) {
            g_string_append_printf(s, "; and %zu more", data->nrows - r - 1);
            break;
        }
    }
    g_string_append_c(s, '.');
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
}

/* Natural height of a bar chart body at base b and width w: rows tall
 * enough for the bars and for each label wrapped as layout will wrap it (up
 * to three lines), plus the tick labels and the legend. *least and *most:
 * the range the sheet may give it. Rows may be as thin as keeps the value
 * labels at their full size (a bar 1.25 value sizes thick takes 72% of its
 * band) and as thick as 1.4 times the natural; vertical bars from 0.75 to
 * 1.4 times their natural height. */
static double bars_height(const fs_panel_ctx *c, const fs_prepared *p, double w, double *least,
                          double *most)
{
    const fs_series_data *s = &p->series;
    double b = c->b;
    bool grouped = p->panel->mode == FS_MODE_GROUPED && s->nseries > 1;
    double ns = grouped ? (double)s->nseries : 1;
    double per_row = (grouped ? fmax(2.6, 1.35 * ns) : 2.6) * b;
    double thin = fmin(per_row, 1.25 * c->pal->value * b * ns / 0.72);
    double body, lo, hi;
    if (p->panel->orient == FS_ORIENT_HORIZONTAL) {
        fs_text_style st = {.size = b, .line_height = 1.0, .max_lines = 3};
        double maxw = 0, lw, lh;
        for (size_t r = 0; r < s->nrows; r++) {
            fs_measure_text(c->fonts, s->labels[r], &st, 0, c->spec->lang, &lw, &lh);
            maxw = fmax(maxw, lw);
        }
        double cat_w = fmin(maxw + 1, fmax(0.34 * w, 6 * b));
        /* every row gets the band of the tallest label: layout spaces rows
         * evenly */
        double label = 0;
        for (size_t r = 0; r < s->nrows; r++) {
            fs_measure_text(c->fonts, s->labels[r], &st, cat_w, c->spec->lang, &lw, &lh);
            label = fmax(label, lh / 0.96 + 0.2 * b);
        }
        double n = (double)s->nrows;
        body = fmax(per_row, label) * n;
        lo = fmax(thin, label) * n;
        hi = fmax(1.4 * per_row, label) * n;
    } else {
        body = fmax(12 * b, (double)s->nrows * b);
        lo = 0.75 * body;
        hi = 1.4 * body;
    }
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
