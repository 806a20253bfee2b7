/* bar: the bar chart, on its own page (chart.c) or as a report panel.
 *
 * Bars grow from zero along the value axis, one band per category across
 * it; a band holds one bar per series (grouped) or one stack. Value labels
 * sit inside a bar's end when they fit, else outside; a stack's segments
 * are labelled only inside, and when some of those labels are dropped a
 * note says how many. Tick labels are thinned when they would touch. */
#include "panel.h"

#include "axis.h"
#include "color.h"
#include "lang.h"

#include <math.h>
#include <string.h>

/* One bar or segment: value range [v0, v1] on the value axis. */
typedef struct bar {
    size_t row, series;
    double v0, v1;
    char *label;     /* value label text, owned; NULL = none */
    double lw, lh;   /* its measured size */
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

static const fs_series_data *sort_data;
static int cmp_rows(const void *a, const void *b)
{
    size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
    double va = row_sum(sort_data, ra, false), vb = row_sum(sort_data, rb, false);
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

/* Builds the bars, their labels and the value domain. Returns the bars. */
static GArray *build_bars(chart_ctx *c, double *lo, double *hi, double vsize)
{
    const fs_series_data *s = c->data;
    GArray *bars = g_array_new(FALSE, TRUE, sizeof(bar));
    bool stacked = c->o->mode != FS_MODE_GROUPED && s->nseries > 1;
    bool percent = c->o->mode == FS_MODE_PERCENT && s->nseries > 1;
    *lo = 0, *hi = 0;
    fs_text_style vs = {.size = vsize, .weight = c->pal->value_weight, .tabular = true};
    for (size_t i = 0; i < s->nrows; i++) {
        size_t r = c->order[i];
        double pos = 0, neg = 0;
        double total = percent ? row_sum(s, r, true) : 1;
        for (size_t k = 0; k < s->nseries; k++) {
            double v = s->values[r * s->nseries + k];
            if (percent)
                v = total > 0 ? v / total * 100 : 0;
            bar b = {.row = i, .series = k};
            if (stacked) {
                if (v >= 0)
                    b.v0 = pos, b.v1 = pos + v, pos = b.v1;
                else
                    b.v0 = neg, b.v1 = neg + v, neg = b.v1;
                b.stack_part = true;
            } else {
                b.v0 = 0, b.v1 = v;
            }
            b.label = value_text(c, v, percent);
            fs_measure_text(c->fonts, b.label, &vs, 0, NULL, &b.lw, &b.lh);
            *lo = fmin(*lo, fmin(b.v0, b.v1));
            *hi = fmax(*hi, fmax(b.v0, b.v1));
            g_array_append_val(bars, b);
        }
        if (stacked && !percent) {
            /* the total, outside the end of the positive stack */
            bar t = {.row = i, .series = SIZE_MAX, .v0 = 0, .v1 = pos > 0 || neg == 0 ? pos : neg};
            t.label = value_text(c, pos + neg, false);
            fs_measure_text(c->fonts, t.label, &vs, 0, NULL, &t.lw, &t.lh);
            g_array_append_val(bars, t);
        }
    }
    return bars;
}

static void bars_free(GArray *bars)
{
    for (guint i = 0; i < bars->len; i++)
        g_free(g_array_index(bars, bar, i).label);
    g_array_free(bars, TRUE);
}

/* Fits the value axis into length len: returns the scale k (points per
 * unit) and the margins each end needs for labels outside the bars. along:
 * the label's extent along the axis; cross_ok: whether it fits across. */
static double fit_axis(GArray *bars, double lo, double hi, double len, double pad,
                       double end_lo, double end_hi, double thickness, bool horizontal,
                       double *m_lo, double *m_hi)
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

/* The legend: swatches and series names, flowing in rows. Returns its height. */
static double layout_legend(chart_ctx *c, double x, double y, double w, bool *ok)
{
    const fs_series_data *s = c->data;
    double b = c->b, sw = 0.8 * b, cx = x, cy = y, row_h = 0;
    fs_text_style st = {.size = 0.95 * b, .color = c->pal->text};
    for (size_t k = 0; k < s->nseries; k++) {
        double tw, th;
        fs_measure_text(c->fonts, s->series_names[k], &st, 0, c->o->lang, &tw, &th);
        double maxw = w - sw - 0.4 * b;
        if (tw > maxw)
            tw = maxw;
        if (cx > x && cx + sw + 0.4 * b + tw > x + w)
            cx = x, cy += row_h + 0.3 * b, row_h = 0;
        fs_page_add_rect(c->page, FS_ROLE_SWATCH, cx, cy + (th - sw) / 2, sw, sw, series_color(c, k));
        series_pattern(c, k);
        fs_text_style one = st;
        one.max_lines = 1;
        int i = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LEGEND, s->series_names[k], &one,
                                  cx + sw + 0.4 * b, cy, tw + 1, c->o->lang, s->file, 1, c->d);
        if (i < 0) {
            *ok = false;
            return 0;
        }
        row_h = fmax(row_h, th);
        cx += sw + 0.4 * b + tw + 1.6 * b;
    }
    return cy + row_h - y;
}

static bool layout_bars_inner(chart_ctx *c, double x, double y, double w, double h,
                              bool reserve_note, size_t *dropped)
{
    const fs_series_data *s = c->data;
    const fs_chart_opts *o = c->o;
    const fs_theme *pal = c->pal;
    double b = c->b, pad = 0.45 * b;
    bool horizontal = o->orient == FS_ORIENT_HORIZONTAL;
    bool stacked = o->mode != FS_MODE_GROUPED && s->nseries > 1;
    bool percent = o->mode == FS_MODE_PERCENT && s->nseries > 1;
    size_t n = s->nrows, ns = stacked ? 1 : s->nseries;
    bool ok = true;
    *dropped = 0;

    /* legend */
    double top = y;
    if (s->nseries > 1) {
        top += layout_legend(c, x, y, w, &ok) + 0.9 * b;
        if (!ok)
            return false;
    }
    /* a note line at the bottom, when labels had to be dropped */
    /* a standalone chart or slide: no text under the slide minimum */
    double floor_px = c->o->base_size > 0 ? 0 : fs_slide_min_text(c->o->width, c->o->height);
    fs_text_style note_st = {.size = fmax(pal->small * b, floor_px), .color = pal->secondary};
    double note_h = 0, tmp;
    if (reserve_note)
        fs_measure_text(c->fonts, "Ag", &note_st, 0, NULL, &tmp, &note_h), note_h += 0.5 * b;
    double bottom = y + h - note_h;

    fs_text_style tick_st = {.size = fmax(pal->tick * b, floor_px), .color = pal->secondary,
                             .tabular = true};
    fs_text_style cat_st = {.size = b, .color = pal->text, .line_height = 1.0};
    double line_h;
    fs_measure_text(c->fonts, "Ag", &cat_st, 0, NULL, &tmp, &line_h);
    /* Before measuring every label: rows that cannot fit even with no axis
     * or legend are an error now, not after 100,000 measurements. */
    if (horizontal ? (double)n * line_h * 1.05 > bottom - top
                   : (double)n * 1.6 * b > w) {
        if (horizontal)
            fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                        "%zu bars do not fit in %.0f pt of height (at most %d); use a larger "
                        "--size or fewer rows",
                        n, h, (int)((bottom - top) / (line_h * 1.05)));
        else
            fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                        "%zu categories do not fit across %.0f pt (at most %d); use "
                        "--orientation horizontal, a larger --size, or fewer rows",
                        n, w, (int)(w / (1.6 * b)));
        return false;
    }

    /* value domain and ticks */
    double lo, hi;
    double vsize = pal->value * b;
    GArray *bars = NULL;
    double ticks[16], step;
    int nt;
    double tick_w = 0, tick_h = 0;
    char *tick_txt[16] = {0};

    /* cross-axis geometry: one band per category */
    double cross0, cross_len;
    double cat_w = 0, cat_h = 0; /* room the category labels take */
    if (horizontal) {
        double maxw = 0;
        for (size_t i = 0; i < n; i++) {
            double lw, lh;
            fs_measure_text(c->fonts, s->labels[i], &cat_st, 0, o->lang, &lw, &lh);
            maxw = fmax(maxw, lw);
        }
        cat_w = fmin(maxw + 1, fmax(0.34 * w, 6 * b));
        cross0 = top;
        fs_measure_text(c->fonts, "0", &tick_st, 0, NULL, &tmp, &tick_h);
        cross_len = bottom - top - tick_h - 0.5 * b;
    } else {
        cross0 = 0;
        cross_len = 0;
    }
    /* value axis labels */
    {
        double dlo, dhi;
        bars = build_bars(c, &dlo, &dhi, vsize);
        lo = dlo, hi = dhi;
        if (percent)
            lo = 0, hi = 100;
        nt = fs_nice_ticks(lo, hi, ticks, &step);
        lo = fmin(lo, ticks[0]);
        hi = fmax(hi, ticks[nt - 1]);
        int dec = fs_tick_decimals(step);
        for (int i = 0; i < nt; i++) {
            g_autofree char *num = fs_numfmt_format(&o->numfmt, ticks[i], dec > 6 ? -1 : dec);
            tick_txt[i] = percent ? fs_lang_percent(o->lang, num) : g_steal_pointer(&num);
            double tw, th;
            fs_measure_text(c->fonts, tick_txt[i], &tick_st, 0, NULL, &tw, &th);
            tick_w = fmax(tick_w, tw);
            tick_h = th;
        }
    }

    if (!horizontal) {
        /* vertical: ticks on the left, labels under the columns */
        double px0 = x + tick_w + 0.6 * b;
        double col_w = (x + w - px0) / (double)n;
        if (col_w < 1.6 * b) {
            fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                        "%zu categories do not fit across %.0f pt (at most %d); use "
                        "--orientation horizontal, a larger --size, or fewer rows",
                        n, w, (int)((x + w - px0) / (1.6 * b)));
            ok = false;
            goto out;
        }
        cross0 = px0;
        cross_len = x + w - px0;
        for (size_t i = 0; i < n; i++) {
            double lw, lh;
            fs_text_style st = cat_st;
            st.max_lines = 3;
            st.align = PANGO_ALIGN_CENTER;
            fs_measure_text(c->fonts, s->labels[c->order[i]], &st, col_w * 0.92, o->lang, &lw,
                            &lh);
            cat_h = fmax(cat_h, lh);
        }
    }

    double band = cross_len / (double)n;
    if (horizontal && band < line_h * 1.05) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                    "%zu bars do not fit in %.0f pt of height (at most %d); use a larger "
                    "--size or fewer rows",
                    n, h, (int)(cross_len / (line_h * 1.05)));
        ok = false;
        goto out;
    }
    /* bar thickness: a group of ns bars takes about 70% of the band */
    double pitch = fmin(band * 0.72 / (double)ns, (horizontal ? 2.6 : 4.5) * b);
    double thick = ns > 1 ? pitch * 0.86 : pitch;
    double group = pitch * (double)ns;

    /* value labels must fit across the bars; shrink them if the bars are thin */
    if (horizontal && vsize * 1.25 > pitch) {
        vsize = fmax(pitch / 1.25, 0.55 * b);
        bars_free(bars);
        bars = build_bars(c, &lo, &hi, vsize);
        if (percent)
            lo = 0, hi = 100;
        lo = fmin(lo, ticks[0]);
        hi = fmax(hi, ticks[nt - 1]);
    }

    double axis0, axis_len, m_lo, m_hi, k;
    if (horizontal) {
        axis0 = x + cat_w + 0.8 * b;
        axis_len = x + w - axis0;
        double half_lo = tick_w / 2, half_hi = tick_w / 2;
        k = fit_axis(bars, lo, hi, axis_len, pad, half_lo, half_hi, thick, true, &m_lo, &m_hi);
    } else {
        axis0 = top;
        axis_len = bottom - cat_h - 0.6 * b - top;
        k = fit_axis(bars, lo, hi, axis_len, pad, tick_h / 2, tick_h / 2, thick, false, &m_lo,
                     &m_hi);
    }
    if (!(k > 0) || !isfinite(k)) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0, "the values cannot be drawn at this size");
        ok = false;
        goto out;
    }
    /* position of value v along the axis */
#define VPOS(v) (horizontal ? axis0 + m_lo + ((v) - lo) * k : axis0 + m_hi + (hi - (v)) * k)

    /* grid and tick labels; label every n-th tick when labels would touch */
    int every = 1;
    if (nt > 1) {
        double spacing = fabs(VPOS(ticks[1]) - VPOS(ticks[0]));
        double need = (horizontal ? tick_w : tick_h) + 0.8 * b;
        if (spacing > 0 && spacing < need)
            every = (int)ceil(need / spacing);
    }
    for (int i = 0; i < nt; i++) {
        double p = VPOS(ticks[i]);
        bool zero = ticks[i] == 0;
        bool labelled = i % every == 0;
        if (horizontal) {
            fs_page_add_line(c->page, zero ? FS_ROLE_AXIS : FS_ROLE_GRID, p, cross0, p, cross0 + cross_len,
                             zero ? 0.12 * b : 0.06 * b, zero ? pal->axis : pal->grid);
            double tw, th;
            fs_measure_text(c->fonts, tick_txt[i], &tick_st, 0, NULL, &tw, &th);
            if (labelled &&
                fs_layout_text(c->page, c->fonts, FS_ROLE_TICK, tick_txt[i], &tick_st, p - tw / 2,
                               cross0 + cross_len + 0.35 * b, 0, NULL, s->file, c->d) < 0) {
                ok = false;
                goto out;
            }
        } else {
            fs_page_add_line(c->page, zero ? FS_ROLE_AXIS : FS_ROLE_GRID, cross0, p, cross0 + cross_len, p,
                             zero ? 0.12 * b : 0.06 * b, zero ? pal->axis : pal->grid);
            double tw, th;
            fs_measure_text(c->fonts, tick_txt[i], &tick_st, 0, NULL, &tw, &th);
            if (labelled &&
                fs_layout_text(c->page, c->fonts, FS_ROLE_TICK, tick_txt[i], &tick_st,
                               cross0 - 0.6 * b - tw, p - th / 2, 0, NULL, s->file, c->d) < 0) {
                ok = false;
                goto out;
            }
        }
    }

    /* category labels; under vertical bars on one baseline: a script whose
     * font has a taller ascent (Arabic, Devanagari) would otherwise sit
     * lower than its Latin neighbours */
    double ref_baseline = 0;
    if (!horizontal) {
        PangoLayout *ref = fs_text_layout(c->fonts, "0", &cat_st, -1, o->lang);
        ref_baseline = (double)pango_layout_get_baseline(ref) / PANGO_SCALE;
        g_object_unref(ref);
    }
    for (size_t i = 0; i < n; i++) {
        const char *label = s->labels[c->order[i]];
        fs_text_style st = cat_st;
        double mid = cross0 + band * ((double)i + 0.5);
        int idx;
        if (horizontal) {
            st.align = PANGO_ALIGN_RIGHT;
            st.max_lines = (int)fmin(3, fmax(1, floor(band * 0.98 / line_h)));
            idx = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LABEL, label, &st, x, 0, cat_w,
                                    o->lang, s->file, s->lines[c->order[i]], c->d);
            if (idx < 0) {
                ok = false;
                goto out;
            }
            fs_item *it = fs_page_item(c->page, idx);
            fs_page_move_item(c->page, idx, it->x, mid - it->h / 2);
        } else {
            st.align = PANGO_ALIGN_CENTER;
            st.max_lines = 3;
            double lw = band * 0.92;
            idx = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LABEL, label, &st, mid - lw / 2,
                                    bottom - cat_h, lw, o->lang, s->file,
                                    s->lines[c->order[i]], c->d);
            if (idx < 0) {
                ok = false;
                goto out;
            }
            fs_item *it = fs_page_item(c->page, idx);
            double baseline = (double)pango_layout_get_baseline(it->layout) / PANGO_SCALE;
            fs_page_move_item(c->page, idx, it->x, it->y - (baseline - ref_baseline));
        }
    }

    /* bars and value labels */
    fs_text_style vs = {.size = vsize, .weight = pal->value_weight, .tabular = true};
    for (guint i = 0; i < bars->len; i++) {
        bar *br = &g_array_index(bars, bar, i);
        bool total = br->series == SIZE_MAX;
        double mid = cross0 + band * ((double)br->row + 0.5);
        double c0 = mid - group / 2 + (stacked || total ? 0 : pitch * (double)br->series) +
                    (pitch - thick) / 2;
        double p0 = VPOS(br->v0), p1 = VPOS(br->v1);
        uint32_t color = total ? 0 : series_color(c, br->series);
        if (!total) {
            if (horizontal)
                fs_page_add_rect(c->page, FS_ROLE_BAR, fmin(p0, p1), c0, fabs(p1 - p0), thick, color);
            else
                fs_page_add_rect(c->page, FS_ROLE_BAR, c0, fmin(p0, p1), thick, fabs(p1 - p0), color);
            series_pattern(c, br->series);
        }
        if (br->stack_part && !total && !br->inside) {
            if (br->v1 != br->v0)
                (*dropped)++;
            continue;
        }
        bool positive = br->v1 >= br->v0 && !(total && br->v1 < 0);
        double lx, ly;
        vs.color = br->inside ? fs_text_on(pal, color) : pal->text;
        if (horizontal) {
            ly = c0 + thick / 2 - br->lh / 2;
            if (br->inside)
                lx = positive ? p1 - pad - br->lw : p1 + pad;
            else
                lx = positive ? p1 + pad : p1 - pad - br->lw;
        } else {
            lx = c0 + thick / 2 - br->lw / 2;
            if (br->inside)
                ly = positive ? p1 + pad * 0.6 : p1 - pad * 0.6 - br->lh;
            else
                ly = positive ? p1 - pad * 0.6 - br->lh : p1 + pad * 0.6;
        }
        if (br->inside && !total &&
            fs_theme_series_pattern(pal, br->series, s->nseries) != FS_PATTERN_SOLID)
            /* a label inside a patterned bar sits on a patch of plain fill */
            fs_page_add_rect(c->page, FS_ROLE_LABEL_BG, lx - 0.25 * pad, ly, br->lw + 0.5 * pad, br->lh,
                             color);
        int idx = fs_layout_text(c->page, c->fonts, FS_ROLE_VALUE, br->label, &vs, lx, ly, 0, NULL,
                                 s->file, c->d);
        if (idx < 0) {
            ok = false;
            goto out;
        }
        fs_page_move_item(c->page, idx, lx, ly);
    }
#undef VPOS
    if (reserve_note && *dropped) {
        g_autofree char *count = g_strdup_printf("%zu", *dropped);
        g_autofree char *msg = fs_lang_text(
            o->lang, *dropped == 1 ? FS_STR_DROPPED_ONE : FS_STR_DROPPED_MANY, count, NULL);
        if (fs_layout_text(c->page, c->fonts, FS_ROLE_NOTE, msg, &note_st, x, bottom + 0.5 * b, w, NULL,
                           s->file, c->d) < 0)
            ok = false;
    }
out:
    for (int i = 0; i < 16; i++)
        g_free(tick_txt[i]);
    if (bars)
        bars_free(bars);
    return ok;
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
    chart_ctx c = {.page = page, .fonts = fonts, .data = data, .o = o,
                   .pal = fs_theme_or_light(o->theme), .d = d};
    c.b = o->base_size > 0 ? o->base_size
                           : fmax(8, c.pal->slide_body * fmin(o->width / 1920, o->height / 1080));
    for (size_t i = 0; i < data->nrows * data->nseries; i++)
        c.decimals = MAX(c.decimals, fs_numfmt_decimals(data->values[i]));
    g_autofree size_t *order = g_new(size_t, data->nrows);
    for (size_t i = 0; i < data->nrows; i++)
        order[i] = i;
    if (o->sort != FS_SORT_NONE) {
        sort_data = data;
        qsort(order, data->nrows, sizeof *order, cmp_rows);
        if (o->sort == FS_SORT_DESC) {
            for (size_t i = 0; i < data->nrows / 2; i++) {
                size_t t = order[i];
                order[i] = order[data->nrows - 1 - i];
                order[data->nrows - 1 - i] = t;
            }
        }
    }
    c.order = order;
    guint mark = page->items->len;
    size_t dropped = 0;
    if (!layout_bars_inner(&c, x, y, w, h, false, &dropped))
        return false;
    if (dropped) {
        fs_page_truncate(page, mark);
        if (!layout_bars_inner(&c, x, y, w, h, true, &dropped))
            return false;
    }
    return true;
}

char *fs_chart_alt_text(const fs_series_data *data, const fs_chart_opts *o)
{
    GString *s = g_string_new(NULL);
    if (o->title && *o->title)
        g_string_append_printf(s, "%s. ", o->title);
    g_string_append(s, "Bar chart");
    if (data->nseries > 1) {
        g_string_append(s, " of ");
        for (size_t k = 0; k < data->nseries; k++)
            g_string_append_printf(s, "%s%s", k ? (k + 1 == data->nseries ? " and " : ", ") : "",
                                   data->series_names[k]);
    }
    g_string_append(s, ": ");
    for (size_t r = 0; r < data->nrows; r++) {
        g_string_append_printf(s, "%s%s ", r ? "; " : "", data->labels[r]);
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
    if (o->source && *o->source)
        g_string_append_printf(s, " Source: %s.", o->source);
    return g_string_free(s, FALSE);
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
 * to three lines), plus the tick labels and the legend. */
static double bars_height(const fs_panel_ctx *c, const fs_prepared *p, double w)
{
    const fs_series_data *s = &p->series;
    double b = c->b;
    bool grouped = p->panel->mode == FS_MODE_GROUPED && s->nseries > 1;
    double per_row = (grouped ? fmax(2.6, 1.35 * (double)s->nseries) : 2.6) * b;
    double body = 0;
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
        double band = per_row;
        for (size_t r = 0; r < s->nrows; r++) {
            fs_measure_text(c->fonts, s->labels[r], &st, cat_w, c->spec->lang, &lw, &lh);
            band = fmax(band, lh / 0.96 + 0.2 * b);
        }
        body = band * (double)s->nrows;
    } else {
        body = fmax(12 * b, (double)s->nrows * b);
    }
    return body + 2.2 * b + (s->nseries > 1 ? 2.2 * b : 0);
}

static double body_bars(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y, double w, double h)
{
    fs_chart_opts o;
    chart_opts(c->spec, p->panel, c->b, &o);
    if (h <= 0)
        h = bars_height(c, p, w);
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
};
