/* bar_labels.c: the category labels of a bar chart (bar.c).
 *
 * Category labels break only between words. Under vertical bars, when a
 * word is wider than its column, dates (ISO YYYY, YYYY-MM and YYYY-MM-DD,
 * months and days written in the language's short form) are thinned to
 * every k-th; other labels are
 * turned 45 degrees when that fits, else 90, and cut with "…" past their
 * room (the alt text keeps them whole). Horizontal bars shrink their
 * category labels down to lint's floor to fit many rows. */
#include "bar_priv.h"

#include "lang.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

/* Reads an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real one) into
 * ymd, the day 0 for a month, month and day 0 for a year. */
static bool iso_date(const char *s, int ymd[3])
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !g_ascii_isdigit(s[i]))
            return false;
    ymd[0] = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n == 4) {
        ymd[1] = ymd[2] = 0;
        return ymd[0] >= 1;
    }
    ymd[1] = (s[5] - '0') * 10 + (s[6] - '0');
    ymd[2] = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
    if (ymd[0] < 1 || ymd[1] < 1 || ymd[1] > 12)
        return false;
    return n == 7 || g_date_valid_dmy((GDateDay)ymd[2], (GDateMonth)ymd[1], (GDateYear)ymd[0]);
}

/* Dates as categories: c->ymd when every label is an ISO date of one form,
 * and c->chrono when they rise in band order. */
void bar_read_dates(chart_ctx *c)
{
    const fs_series_data *s = c->data;
    int *ymd = g_new(int, 3 * s->nrows);
    for (size_t r = 0; r < s->nrows; r++) {
        if (!iso_date(s->labels[r], ymd + 3 * r) || (ymd[3 * r + 1] == 0) != (ymd[1] == 0) ||
            (ymd[3 * r + 2] == 0) != (ymd[2] == 0)) {
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
const char *bar_cat_text(const chart_ctx *c, size_t i, size_t prev, char **tmp)
{
    size_t r = c->order[i];
    if (!c->ymd)
        return c->data->labels[r];
    const int *d = c->ymd + 3 * r;
    if (d[1] == 0) /* a year is written as it is */
        return c->data->labels[r];
    bool year = !c->chrono || prev == SIZE_MAX || c->ymd[3 * c->order[prev]] != d[0];
    return *tmp = fs_lang_date_short(c->o->lang, d[0], d[1], d[2], year);
}

/* Horizontal bars: the widest and the tallest category label on one line
 * at the base size (at least a line of "Ag"), measured once. */
void bar_measure_labels(const chart_ctx *c, bar_geo *g)
{
    if (g->label_h_b > 0)
        return;
    fs_text_style st = g->cat_st;
    st.size = c->b;
    g->label_h_b = g->line_h_b;
    for (size_t i = 0; i < g->n; i++) {
        double lw, lh;
        g_autofree char *tmp = NULL;
        const char *text = bar_cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
        fs_measure_text(c->fonts, text, &st, 0, c->o->lang, &lw, &lh);
        g->label_w_b = fmax(g->label_w_b, lw);
        g->label_h_b = fmax(g->label_h_b, lh);
    }
}

/* The narrowest column of vertical bars: one line of turned text; for
 * dates in time order, whose labels are thinned (bar_plan_columns), a
 * third of the base size. */
double bar_min_column(const chart_ctx *c, const bar_geo *g)
{
    if (c->ymd && c->chrono)
        return 0.3 * c->b;
    return fmax(g->line_h / 0.92, 0.5 * c->b);
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
        const char *text = bar_cat_text(c, i, prev, &tmp);
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
        const char *text = bar_cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
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
            const char *text = bar_cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
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
bool bar_plan_columns(const chart_ctx *c, bar_geo *g, double budget, double *need)
{
    /* months by quarters and halves of a year, years by fives and tens */
    static const size_t month_steps[] = {1, 2, 3, 4, 6, 12}, year_steps[] = {1, 2, 5, 10};
    bool years = c->ymd && c->ymd[1] == 0;
    const size_t *steps = years ? year_steps : month_steps;
    size_t nsteps = years ? G_N_ELEMENTS(year_steps) : G_N_ELEMENTS(month_steps);
    g->cats = g_new0(fs_shaped, g->n);
    g->cat_angle = 0, g->cat_step = 1, g->cat_h = 0;
    bool fits = false;
    for (size_t k = 0; !fits && (k == 0 || (c->ymd && g->cat_step < g->n)); k++) {
        g->cat_step = k < nsteps ? steps[k] : g->cat_step * 2;
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
    PangoLayout **l = g_new0(PangoLayout *, g->n);
    for (size_t i = 0; i < g->n; i++)
        l[i] = g->cats[i].layout;
    bool alike = fs_text_cut_alike(l, g->n);
    g_free(l);
    if (alike && !g->cat_st.cut_middle) {
        /* a family of names cut alike at their end: in their middle */
        for (size_t i = 0; i < g->n; i++)
            fs_shaped_clear(&g->cats[i]);
        g_clear_pointer(&g->cats, g_free);
        g->cat_st.cut_middle = true;
        return bar_plan_columns(c, g, budget, need);
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

/* Category labels: right-aligned beside horizontal bars, centred in the
 * band; under vertical bars on one baseline, since a script whose font has
 * a taller ascent (Arabic, Devanagari) would otherwise sit lower than its
 * Latin neighbours, or turned as planned, hanging from under the plot.
 * Returns false after a diagnostic. */
/* Horizontal bars: true when two category labels cut at their end to fit
 * in style st would read the same. */
static bool rows_cut_alike(const chart_ctx *c, const bar_geo *g, const fs_text_style *st)
{
    PangoLayout **l = g_new0(PangoLayout *, g->n);
    for (size_t i = 0; i < g->n; i++) {
        g_autofree char *tmp = NULL;
        const char *text = bar_cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
        l[i] = fs_text_layout(c->fonts, text, st, g->cat_w, c->o->lang);
    }
    bool alike = fs_text_cut_alike(l, g->n);
    for (size_t i = 0; i < g->n; i++)
        g_object_unref(l[i]);
    g_free(l);
    return alike;
}

bool bar_emit_categories(const chart_ctx *c, bar_geo *g)
{
    const fs_series_data *s = c->data;
    fs_text_style row_st = g->cat_st;
    if (g->horizontal) {
        row_st.align = PANGO_ALIGN_RIGHT;
        row_st.max_lines = (int)fmin(3, fmax(1, floor(g->band * 0.98 / g->line_h)));
        /* a family of names cut alike at their end: in their middle */
        row_st.cut_middle = rows_cut_alike(c, g, &row_st);
    }
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
            g_autofree char *tmp = NULL;
            const char *text = bar_cat_text(c, i, i ? i - 1 : SIZE_MAX, &tmp);
            idx = fs_layout_text_at(c->page, c->fonts, FS_ROLE_LABEL, text, &row_st, g->x, 0,
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
