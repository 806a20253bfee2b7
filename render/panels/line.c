/* line: the line and the area chart, on its own page (chart.c) or as a
 * report panel (type = line, type = area).
 *
 * The label column is a time axis when every label is an ISO date of one
 * form (timeaxis.h): the points stand at their dates, in date order, and
 * the ticks fall on the calendar step whose labels, measured, stand apart;
 * else the labels are categories, evenly spaced, every k-th labelled so
 * that no two touch. Each value column is a line (or an area), coloured
 * from the palette (dashed where the theme patterns its series, as
 * print-bw does), named at its right end instead of a legend; those names
 * are moved apart vertically so that they never overlap and stay inside
 * the plot's height. A missing value (NaN) breaks the line: no line is
 * drawn across it, and a point alone between gaps gets a marker.
 *
 * Lines take a nice value range from the data (zero need not be in it);
 * areas always hold zero; axis_min and axis_max widen the range. With
 * mode = stacked, areas stack (values of zero or more). Markers
 * (markers = none|last|all) and value labels (labels = none|last|all,
 * default last: the last value beside the series' name) are optional; a
 * value label of another point that would overprint a text or leave the
 * plot is left out, the extremes of each series kept first, and a note
 * says how many. Right to left, the whole chart is mirrored: time runs
 * from the right and the names stand at the left end. */
#include "panel.h"

#include "annot.h"
#include "axis.h"
#include "chart.h"
#include "color.h"
#include "lang.h"
#include "textsafe.h"
#include "timeaxis.h"

#include <math.h>
#include <string.h>

#define MAX_XTICKS 48

typedef struct box {
    double x, y, w, h;
} box;

/* One chart's geometry and state. */
typedef struct line_ctx {
    fs_page *page;
    fs_fonts *fonts;
    const fs_series_data *data;
    const fs_chart_opts *o;
    const fs_theme *pal;
    fs_diag *d;
    double b, floor;
    bool area, stacked;
    size_t n, ns;
    size_t *order;   /* rows in time order */
    double *t;       /* n: position of row order[i] on the time axis (days or index) */
    fs_time_form form;
    double *v;       /* n * ns: the value drawn of (order[i], k): stacked tops when stacked */
    double *base;    /* stacked: the bottom of each area (n * ns); else NULL */
    fs_numchoice nums;
    fs_text_style tick_st, value_st, name_st, note_st;
    /* the plot */
    double x, y, w, h;
    double px0, px1, top, bottom;
    double lo, hi;
    double ticks[16];
    int nt;
    double t0, t1;
    GArray *placed; /* box: texts placed in the plot, for value labels */
    size_t dropped;
    fs_annot an; /* highlight and reference lines (annot.h) */
    fs_band bands[FS_ANNOT_MAX_BANDS];
    int nbands;
    guint first; /* the chart's first item on page */
    /* the reference lines' labels stand at the right end, among the
     * series' names, when no place inside the plot is free for one
     * (refs_full: that was found, so lay out again with them there) */
    bool refs_out, refs_full;
} line_ctx;

/* ---- data ------------------------------------------------------------------ */

static const double *line_sort_t;

static int cmp_time(const void *a, const void *b)
{
    double x = line_sort_t[*(const size_t *)a], y = line_sort_t[*(const size_t *)b];
    if (x != y)
        return x < y ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The rows in time order and their places; categories in data order. */
static void read_time(line_ctx *c)
{
    const fs_series_data *s = c->data;
    size_t n = s->nrows;
    double *raw = g_new(double, n + 1);
    c->order = g_new(size_t, n + 1);
    c->t = g_new(double, n + 1);
    for (size_t i = 0; i < n; i++)
        c->order[i] = i;
    c->form = fs_time_read(s->labels, n, raw);
    if (c->form != FS_TIME_NONE) {
        line_sort_t = raw;
        qsort(c->order, n, sizeof *c->order, cmp_time);
        line_sort_t = NULL;
        for (size_t i = 1; i < n; i++)
            if (raw[c->order[i]] == raw[c->order[i - 1]])
                c->form = FS_TIME_NONE; /* a date twice: categories */
    }
    if (c->form == FS_TIME_NONE)
        for (size_t i = 0; i < n; i++)
            c->order[i] = i, c->t[i] = (double)i;
    else
        for (size_t i = 0; i < n; i++)
            c->t[i] = raw[c->order[i]];
    g_free(raw);
}

/* The values drawn: stacked, each area sits on the ones before it (a
 * missing value leaves a gap in its area and the ones above). */
static void read_values(line_ctx *c)
{
    const fs_series_data *s = c->data;
    size_t n = c->n, ns = c->ns;
    c->v = g_new(double, n * ns + 1);
    c->base = c->stacked ? g_new(double, n * ns + 1) : NULL;
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t k = 0; k < ns; k++) {
            double x = s->values[c->order[i] * ns + k];
            if (!c->stacked) {
                c->v[i * ns + k] = x;
                continue;
            }
            c->base[i * ns + k] = sum;
            sum += x;
            c->v[i * ns + k] = sum;
        }
    }
}

static double value_of(const line_ctx *c, size_t i, size_t k)
{
    return c->data->values[c->order[i] * c->ns + k];
}

/* ---- the value axis -------------------------------------------------------- */

static void value_range(line_ctx *c)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < c->n * c->ns; i++) {
        if (isfinite(c->v[i]))
            lo = fmin(lo, c->v[i]), hi = fmax(hi, c->v[i]);
    }
    if (!isfinite(lo))
        lo = 0, hi = 1;
    if (c->area)
        lo = fmin(lo, 0), hi = fmax(hi, 0);
    bool fix_lo = isfinite(c->o->axis_min), fix_hi = isfinite(c->o->axis_max);
    if (fix_lo)
        lo = fmin(lo, c->o->axis_min);
    if (fix_hi)
        hi = fmax(hi, c->o->axis_max);
    for (int i = 0; i < c->an.nrefs; i++) /* reference lines stand inside the axis */
        lo = fmin(lo, c->an.refs[i].value), hi = fmax(hi, c->an.refs[i].value);
    if (hi == lo) {
        /* one value: a range around it (zero when it is zero) */
        double pad = lo == 0 ? 1 : fabs(lo) * 0.1;
        if (!fix_lo && !(c->area && lo == 0))
            lo -= pad;
        if (!fix_hi)
            hi += pad;
        if (hi == lo)
            hi = lo + 1;
    }
    double all[16], step;
    int n = fs_nice_ticks(lo, hi, all, &step);
    c->nt = 0;
    for (int i = 0; i < n; i++)
        if ((!fix_lo || all[i] >= lo - step * 1e-6) && (!fix_hi || all[i] <= hi + step * 1e-6))
            c->ticks[c->nt++] = all[i];
    if (c->nt == 0)
        c->ticks[c->nt++] = lo;
    c->lo = fix_lo ? lo : fmin(lo, c->ticks[0]);
    c->hi = fix_hi ? hi : fmax(hi, c->ticks[c->nt - 1]);
    if (!(c->hi > c->lo))
        c->hi = c->lo + 1;
}

static double ypos(const line_ctx *c, double v)
{
    return c->bottom - (v - c->lo) / (c->hi - c->lo) * (c->bottom - c->top);
}

static double xpos(const line_ctx *c, double t)
{
    if (c->t1 == c->t0)
        return (c->px0 + c->px1) / 2;
    return c->px0 + (t - c->t0) / (c->t1 - c->t0) * (c->px1 - c->px0);
}

/* v in form ch, with the chart's unit. Returns a new string. */
static char *number_text(const line_ctx *c, const fs_numchoice *ch, double v)
{
    g_autofree char *num = fs_numchoice_format(ch, &c->o->numfmt, c->o->lang, v);
    if (c->o->unit && *c->o->unit)
        return g_strdup_printf("%s %s", num, c->o->unit);
    return g_steal_pointer(&num);
}

/* A value as the chart writes it, with its unit. Returns a new string. */
static char *value_text(const line_ctx *c, double v)
{
    return number_text(c, &c->nums, v);
}

/* A value the user gave (a reference line's): in the form of the chart's
 * values, with its own decimals. */
static char *given_text(const line_ctx *c, double v)
{
    fs_numchoice own;
    fs_numchoice_beside(&c->nums, v, &own);
    return number_text(c, &own, v);
}

/* ---- texts ----------------------------------------------------------------- */

static bool overlaps(const box *a, const box *b, double gap)
{
    return a->x < b->x + b->w + gap && b->x < a->x + a->w + gap && a->y < b->y + b->h + gap &&
           b->y < a->y + a->h + gap;
}

static bool free_at(const line_ctx *c, const box *r, double gap)
{
    for (guint i = 0; i < c->placed->len; i++)
        if (overlaps(r, &g_array_index(c->placed, box, i), gap))
            return false;
    return true;
}

/* Adds s at the top left (x, y), keeping its box. Returns false after a
 * diagnostic. */
static bool place(line_ctx *c, fs_role role, fs_shaped *s, double x, double y, uint32_t ink,
                  bool keep)
{
    box r = {x, y, s->w, s->h};
    int i = fs_text_place(c->page, c->fonts, role, s, x, y, ink, c->data->file, 0, c->d);
    if (i < 0)
        return false;
    fs_page_move_item(c->page, i, x, y);
    if (keep)
        g_array_append_val(c->placed, r);
    return true;
}

/* ---- the horizontal axis --------------------------------------------------- */

typedef struct xlabels {
    int n;
    double at[MAX_XTICKS]; /* positions along the axis (t) */
    fs_shaped txt[MAX_XTICKS];
} xlabels;

static void xlabels_clear(xlabels *xl)
{
    for (int i = 0; i < xl->n; i++)
        fs_shaped_clear(&xl->txt[i]);
    xl->n = 0;
}

/* Where label i of xl starts: centred on its tick, kept inside the box. */
static double xlabel_left(const line_ctx *c, const xlabels *xl, int i)
{
    double w = xl->txt[i].w, l = xpos(c, xl->at[i]) - w / 2;
    return fmax(c->x, fmin(l, c->x + c->w - w));
}

/* Whether the labels of xl stand apart, a gap between neighbours. */
static bool xlabels_fit(const line_ctx *c, const xlabels *xl)
{
    double gap = 0.9 * c->b;
    for (int i = 0; i < xl->n; i++) {
        if (xl->txt[i].w > c->w)
            return false;
        if (i && xlabel_left(c, xl, i) < xlabel_left(c, xl, i - 1) + xl->txt[i - 1].w + gap)
            return false;
    }
    return true;
}

/* Calendar ticks: the finest step whose labels stand apart. */
static void time_labels(const line_ctx *c, xlabels *xl)
{
    fs_time_step steps[24];
    int ns = fs_time_steps(c->form, steps);
    double room = c->px1 - c->px0 + 2 * c->b;
    for (int s = 0; s < ns; s++) {
        double at[MAX_XTICKS];
        int n = fs_time_ticks(c->t0, c->t1, steps[s], at, MAX_XTICKS);
        /* a label is at least two base sizes wide: too many is too many */
        if (n < 0 || (double)n * 2 * c->b > room)
            continue;
        if (n == 0 && s + 1 < ns)
            continue;
        xlabels_clear(xl);
        for (int i = 0; i < n; i++) {
            bool year = i == 0 || fs_time_new_year(at[i - 1], at[i]);
            g_autofree char *txt = fs_time_label(c->o->lang, steps[s], at[i], year);
            xl->at[i] = at[i];
            fs_text_shape(c->page, c->fonts, txt, &c->tick_st, 0, c->o->lang, &xl->txt[i]);
            xl->n = i + 1;
        }
        if (xlabels_fit(c, xl))
            return;
    }
    /* nothing fits apart: the first date alone, if it fits at all */
    int keep = xl->n > 0 && xl->txt[0].w <= c->w ? 1 : 0;
    for (int i = keep; i < xl->n; i++)
        fs_shaped_clear(&xl->txt[i]);
    xl->n = keep;
}

/* True when two of xl's labels were cut to the same text. */
static bool xlabels_cut_alike(const xlabels *xl)
{
    PangoLayout **l = g_new0(PangoLayout *, (size_t)MAX(xl->n, 1));
    for (int i = 0; i < xl->n; i++)
        l[i] = xl->txt[i].layout;
    bool alike = fs_text_cut_alike(l, (size_t)xl->n);
    g_free(l);
    return alike;
}

/* Categories: every k-th label, the smallest k whose labels stand apart;
 * a label wider than a quarter of the plot is cut with "…" (in its middle
 * when cut at the end two would read the same). */
static void category_labels(const line_ctx *c, xlabels *xl)
{
    fs_text_style st = c->tick_st;
    st.max_lines = 1;
    st.whole_words = true;
    double most = fmax(4 * c->b, (c->px1 - c->px0) / 4);
    double room = c->px1 - c->px0 + 2 * c->b;
    for (size_t k = 1; k <= c->n; k++) {
        size_t n = (c->n + k - 1) / k;
        if (n > MAX_XTICKS || (double)n * 2 * c->b > room)
            continue;
        xlabels_clear(xl);
        for (size_t i = 0; i < n; i++) {
            const char *txt = c->data->labels[c->order[i * k]];
            double tw, th;
            fs_measure_text(c->fonts, txt, &st, 0, c->o->lang, &tw, &th);
            xl->at[i] = c->t[i * k];
            fs_text_shape(c->page, c->fonts, txt, &st, tw > most ? most : 0, c->o->lang,
                          &xl->txt[i]);
            xl->n = (int)i + 1;
        }
        if (xlabels_fit(c, xl)) {
            if (st.cut_middle || !xlabels_cut_alike(xl))
                return;
            st.cut_middle = true;
            k--; /* the same labels again, cut in their middle */
        }
    }
    int keep = xl->n > 0 && xl->txt[0].w <= c->w ? 1 : 0;
    for (int i = keep; i < xl->n; i++)
        fs_shaped_clear(&xl->txt[i]);
    xl->n = keep;
}

/* ---- the series' names at their ends ---------------------------------------- */

typedef struct endlabel {
    size_t k;
    int ref;              /* a reference line's label (refs_out), or -1 */
    fs_shaped name, value;
    double want, y, h, w; /* wanted top, placed top, height, width */
    bool has;             /* the series has a value */
} endlabel;

/* When two series' names were cut at their end to the same text, shapes
 * every cut one again cut in its middle (maxname wide). */
static void names_apart(const line_ctx *c, endlabel *e, size_t ne, double maxname)
{
    PangoLayout **l = g_new0(PangoLayout *, MAX(ne, 1));
    for (size_t i = 0; i < ne; i++)
        l[i] = e[i].name.layout;
    bool alike = fs_text_cut_alike(l, ne);
    g_free(l);
    for (size_t i = 0; alike && i < ne; i++) {
        if (!e[i].name.layout || !pango_layout_is_ellipsized(e[i].name.layout))
            continue;
        fs_text_style st = c->name_st;
        st.color = e[i].name.st.color;
        st.cut_middle = true;
        fs_shaped_clear(&e[i].name);
        fs_text_shape(c->page, c->fonts, c->data->series_names[e[i].k], &st, maxname,
                      c->o->lang, &e[i].name);
    }
}

/* The last drawn value of series k, or NaN; *at gets its row. */
static double last_value(const line_ctx *c, size_t k, size_t *at)
{
    for (size_t i = c->n; i-- > 0;)
        if (isfinite(c->v[i * c->ns + k])) {
            *at = i;
            return c->v[i * c->ns + k];
        }
    return NAN;
}

static int cmp_want(const void *a, const void *b)
{
    const endlabel *x = a, *y = b;
    if (x->want != y->want)
        return x->want < y->want ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

/* Moves the labels apart: in the order they want, each under the one above
 * with a gap, then pushed up from the bottom and down from the top. Returns
 * false when together they are taller than the plot. */
static bool spread(endlabel *e, size_t n, double top, double bottom, double gap)
{
    double need = 0;
    for (size_t i = 0; i < n; i++)
        need += e[i].h + (i ? gap : 0);
    if (need > bottom - top + 0.01)
        return false;
    qsort(e, n, sizeof *e, cmp_want);
    for (size_t i = 0; i < n; i++) {
        e[i].y = fmax(e[i].want, top);
        if (i)
            e[i].y = fmax(e[i].y, e[i - 1].y + e[i - 1].h + gap);
    }
    for (size_t i = n; i-- > 0;) {
        double limit = i + 1 < n ? e[i + 1].y - gap : bottom;
        if (e[i].y + e[i].h > limit)
            e[i].y = limit - e[i].h;
    }
    return true;
}

/* ---- drawing ----------------------------------------------------------------- */

/* With a highlight: the highlighted series in the accent, the rest in the
 * muted grey. */
static uint32_t series_color(const line_ctx *c, size_t k)
{
    if (c->an.hl)
        return fs_highlight_has(c->an.hl, c->data->series_names[k]) ? c->pal->accent
                                                                     : c->pal->muted;
    return fs_theme_series_color(c->pal, k, c->ns);
}

static bool patterned(const line_ctx *c)
{
    if (c->an.hl)
        return false; /* accent against grey, solid */
    for (size_t j = 0; j < c->ns; j++)
        if (fs_theme_series_pattern(c->pal, j, c->ns) != FS_PATTERN_SOLID)
            return true;
    return false;
}

/* A patterned theme (print-bw) draws its lines in the text's ink, told
 * apart by dashes; its areas keep their fills. */
static uint32_t line_color(const line_ctx *c, size_t k)
{
    return patterned(c) && !c->area ? c->pal->text : series_color(c, k);
}

static double series_dash(const line_ctx *c, size_t k, double lw)
{
    static const double dash[] = {0, 4, 1.5, 8};
    return patterned(c) ? dash[k % 4] * lw : 0;
}

/* A series' name is written in its colour when that reads as text on the
 * background (WCAG AA), else in the text's colour. */
static uint32_t name_color(const line_ctx *c, size_t k)
{
    uint32_t col = series_color(c, k);
    if (patterned(c) || fs_contrast(col, c->pal->background) < 4.5)
        return c->pal->text;
    return col;
}

static void add_marker(const line_ctx *c, double x, double y, uint32_t color)
{
    double r = 0.28 * c->b;
    fs_page_add_icon(c->page, FS_ICON_CIRCLE, x - r, y - r, 2 * r, 2 * r, 1, color);
}

/* Series k's lines (or areas), run by run between missing values. */
static void draw_series(const line_ctx *c, size_t k)
{
    size_t n = c->n, ns = c->ns;
    double lw = 0.14 * c->b;
    uint32_t color = series_color(c, k), ink = line_color(c, k);
    g_autofree double *xy = g_new(double, 4 * n + 4);
    for (size_t i = 0; i < n;) {
        if (!isfinite(c->v[i * ns + k])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && isfinite(c->v[j * ns + k]))
            j++;
        guint m = 0;
        for (size_t r = i; r < j; r++, m++)
            xy[2 * m] = xpos(c, c->t[r]), xy[2 * m + 1] = ypos(c, c->v[r * ns + k]);
        if (c->area && j - i > 1) {
            guint top = m;
            for (size_t r = j; r-- > i; m++) {
                double b0 = c->stacked ? c->base[r * ns + k] : 0;
                xy[2 * m] = xpos(c, c->t[r]), xy[2 * m + 1] = ypos(c, b0);
            }
            uint32_t fill = c->stacked ? color : (color & 0xffffff00u) | 0x59u;
            fs_page_add_path(c->page, FS_ROLE_SERIES, xy, m, true, 0, 0, fill);
            m = top;
        }
        if (j - i > 1)
            fs_page_add_path(c->page, FS_ROLE_SERIES, xy, m, false,
                             c->area && c->stacked ? 0.06 * c->b : lw,
                             c->area ? 0 : series_dash(c, k, lw),
                             c->area && c->stacked ? c->pal->background : ink);
        else
            add_marker(c, xy[0], xy[1], ink); /* a point alone between gaps */
        i = j;
    }
    fs_marks mk = c->o->markers;
    for (size_t i = 0; i < n && mk != FS_MARK_NONE; i++) {
        size_t at = 0;
        if (!isfinite(c->v[i * ns + k]) ||
            (mk == FS_MARK_LAST && (!isfinite(last_value(c, k, &at)) || at != i)))
            continue;
        add_marker(c, xpos(c, c->t[i]), ypos(c, c->v[i * ns + k]), ink);
    }
}

/* Whether box r (grown by pad) lies on a line of the chart. */
static bool on_a_line(const line_ctx *c, const box *r0, double pad)
{
    fs_abox r = {r0->x - pad, r0->y - pad, r0->w + 2 * pad, r0->h + 2 * pad};
    size_t ns = c->ns;
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i + 1 < c->n; i++) {
            double a = c->v[i * ns + k], b = c->v[(i + 1) * ns + k];
            if (isfinite(a) && isfinite(b) &&
                fs_abox_segment_hits(&r, xpos(c, c->t[i]), ypos(c, a), xpos(c, c->t[i + 1]),
                                     ypos(c, b)))
                return true;
        }
    return false;
}

/* ---- reference lines ------------------------------------------------------- */

/* Dashed in the text's ink; grey where the series themselves are black
 * and dashed (a patterned theme), so that a target is not read as one. */
static void draw_ref_lines(const line_ctx *c)
{
    uint32_t ink = patterned(c) && !c->area ? c->pal->muted : c->pal->text;
    for (int i = 0; i < c->an.nrefs; i++) {
        double y = ypos(c, c->an.refs[i].value);
        double xy[4] = {c->px0, y, c->px1, y};
        fs_page_add_path(c->page, FS_ROLE_REFERENCE, xy, 2, false, 0.1 * c->b, 0.5 * c->b, ink);
    }
}

typedef struct ref_block {
    const line_ctx *c;
    int self; /* the reference line the label is of */
} ref_block;

/* A reference label may not lie on a series' line or another reference
 * line. */
static bool ref_blocked(const fs_abox *r, void *data)
{
    const ref_block *rb = data;
    const line_ctx *c = rb->c;
    box bx = {r->x, r->y, r->w, r->h};
    if (on_a_line(c, &bx, 0.15 * c->b))
        return true;
    for (int i = 0; i < c->an.nrefs; i++) {
        double y = ypos(c, c->an.refs[i].value);
        if (i != rb->self && y > r->y - 0.15 * c->b && y < r->y + r->h + 0.15 * c->b)
            return true;
    }
    return false;
}

/* The label of reference line i ("Target: 50"; a new string). */
static char *ref_text(const line_ctx *c, int i)
{
    const fs_ref *r = &c->an.refs[i];
    g_autofree char *num = given_text(c, r->value);
    return *r->label ? g_strdup_printf("%s: %s", r->label, num) : g_steal_pointer(&num);
}

/* The reference lines' labels ("Target: 50"), each beside its line where
 * it covers no line and no text, inside the plot; the lines then kept from
 * value labels. When one finds no such place, sets refs_full and returns
 * false with no diagnostic: the chart is then laid out again with every
 * reference label at the plot's end among the series' names (refs_out),
 * and this only keeps the lines from value labels. */
static bool ref_labels(line_ctx *c)
{
    fs_text_style st = c->note_st;
    st.color = c->pal->text;
    double b = c->b;
    fs_abox bounds = {c->px0, c->top, c->px1 - c->px0, c->bottom - c->top};
    for (int i = 0; !c->refs_out && i < c->an.nrefs; i++) {
        const fs_ref *r = &c->an.refs[i];
        g_autofree char *txt = ref_text(c, i);
        fs_shaped s = {0};
        fs_text_shape(c->page, c->fonts, txt, &st, 0, c->o->lang, &s);
        ref_block rb = {c, i};
        double x, y;
        if (!fs_annot_place(true, ypos(c, r->value), c->px0, c->px1, s.w, s.h, 0.2 * b, &bounds,
                            (const fs_abox *)(void *)c->placed->data, c->placed->len, ref_blocked,
                            &rb, &x, &y)) {
            /* no diagnostic: laid out again with the labels at the end */
            c->refs_full = true;
            fs_shaped_clear(&s);
            return false;
        }
        if (!place(c, FS_ROLE_REFERENCE, &s, x, y, st.color, true))
            return false;
    }
    for (int i = 0; i < c->an.nrefs; i++) {
        box line = {c->px0, ypos(c, c->an.refs[i].value) - 0.05 * b, c->px1 - c->px0, 0.1 * b};
        g_array_append_val(c->placed, line);
    }
    return true;
}

/* ---- bands ----------------------------------------------------------------- */

/* Reads o->band: each band of the axis's form of date, not wholly outside
 * the data's dates. Returns false after a diagnostic naming the band. */
static bool read_bands(line_ctx *c)
{
    g_autofree char *why = NULL;
    c->nbands = fs_bands_parse(c->o->band, c->bands, &why);
    if (c->nbands < 0) {
        c->nbands = 0;
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0, "band %s", why);
        return false;
    }
    for (int i = 0; i < c->nbands; i++) {
        const fs_band *bd = &c->bands[i];
        g_autofree char *a = fs_time_iso((fs_time_form)bd->form, bd->t0);
        if (c->form == FS_TIME_NONE || bd->form != (int)c->form) {
            fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                        "band from %s: %s; a band's ends are dates as the labels write them", a,
                        c->form == FS_TIME_NONE ? "the labels are not dates, so the chart has "
                                                  "no time axis"
                                                : "its dates are of another form than the labels'");
            return false;
        }
        if (bd->t1 <= c->t0 || bd->t0 > c->t1) {
            fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                        "band from %s: it lies wholly outside the data's dates", a);
            return false;
        }
    }
    return true;
}

/* The bands' shades under the data, clipped to the plot. */
static void draw_bands(const line_ctx *c)
{
    for (int i = 0; i < c->nbands; i++) {
        double a = xpos(c, fmax(c->bands[i].t0, c->t0)), z = xpos(c, fmin(c->bands[i].t1, c->t1));
        double l = fmin(a, z), r = fmax(a, z);
        fs_page_add_rect(c->page, FS_ROLE_REFERENCE, l, c->top, fmax(r - l, 0.1 * c->b),
                         c->bottom - c->top, c->pal->zebra);
    }
}

/* The bands' labels, inside each band at its top where they cover no line
 * and no text. Returns false after a diagnostic naming the band whose
 * label has no room. */
static bool band_labels(line_ctx *c)
{
    fs_text_style st = c->note_st;
    st.color = c->pal->text;
    double b = c->b;
    for (int i = 0; i < c->nbands; i++) {
        const fs_band *bd = &c->bands[i];
        if (!*bd->label)
            continue;
        double a = xpos(c, fmax(bd->t0, c->t0)), z = xpos(c, fmin(bd->t1, c->t1));
        double l = fmin(a, z) + 0.2 * b, r = fmax(a, z) - 0.2 * b; /* off its edges */
        fs_abox bounds = {l, c->top, fmax(r - l, 0), c->bottom - c->top};
        fs_shaped s = {0};
        fs_text_shape(c->page, c->fonts, bd->label, &st, 0, c->o->lang, &s);
        ref_block rb = {c, -1};
        double x, y;
        if (!fs_annot_place(true, c->top, l, r, s.w, s.h, 0.2 * b, &bounds,
                            (const fs_abox *)(void *)c->placed->data, c->placed->len, ref_blocked,
                            &rb, &x, &y)) {
            fs_annot_no_room(c->d, c->data->file, "band", bd->label, "label",
                             "at the top of the band", "line", c->o->base_size > 0);
            fs_shaped_clear(&s);
            return false;
        }
        if (!place(c, FS_ROLE_REFERENCE, &s, x, y, st.color, true))
            return false;
    }
    return true;
}

/* ---- callouts ---------------------------------------------------------------- */

/* Whether r (grown by pad) lies on a filled area: between an area's top
 * and its bottom (zero, or the area under it when stacked) somewhere
 * across r. The edges are straight between points, so sampling each
 * stretch at r's sides and at eighths finds what r meets. */
static bool on_an_area(const line_ctx *c, const fs_abox *r, double pad)
{
    size_t ns = c->ns;
    double x0 = r->x - pad, x1 = r->x + r->w + pad, y0 = r->y - pad, y1 = r->y + r->h + pad;
    for (size_t i = 0; i + 1 < c->n; i++) {
        double xa = xpos(c, c->t[i]), xb = xpos(c, c->t[i + 1]);
        if (fmax(xa, xb) < x0 || fmin(xa, xb) > x1 || xa == xb)
            continue;
        for (size_t k = 0; k < ns; k++) {
            double va = c->v[i * ns + k], vb = c->v[(i + 1) * ns + k];
            if (!isfinite(va) || !isfinite(vb))
                continue;
            double ba = c->stacked ? c->base[i * ns + k] : 0;
            double bb = c->stacked ? c->base[(i + 1) * ns + k] : 0;
            double us[11];
            for (int s = 0; s <= 8; s++)
                us[s] = s / 8.0;
            us[9] = (x0 - xa) / (xb - xa), us[10] = (x1 - xa) / (xb - xa);
            for (int s = 0; s < 11; s++) {
                double u = fmin(fmax(us[s], 0), 1), x = xa + u * (xb - xa);
                if (x < x0 - 1e-9 || x > x1 + 1e-9)
                    continue;
                double top = ypos(c, va + u * (vb - va)), bot = ypos(c, ba + u * (bb - ba));
                if (fmin(top, bot) < y1 && fmax(top, bot) > y0)
                    return true;
            }
        }
    }
    return false;
}

/* A callout may not lie on a line, a reference line or an area. */
static bool callout_blocked(const fs_abox *r, void *data)
{
    const line_ctx *c = data;
    ref_block rb = {c, -1};
    return ref_blocked(r, &rb) || (c->area && on_an_area(c, r, 0.15 * c->b));
}

/* The callouts, each near the point of its label (the highest value
 * there: a stack's top) where it covers no line, area, marker or text, its
 * leader crossing no text, inside the plot; their boxes kept from value
 * labels. Returns false after a diagnostic naming the callout that has no
 * room or no point. */
static bool callouts(line_ctx *c)
{
    fs_text_style st = {.size = c->note_st.size, .color = c->pal->text, .whole_words = true};
    double b = c->b;
    for (int i = 0; i < c->an.ncallouts; i++) {
        const fs_callout *co = &c->an.callouts[i];
        size_t at = 0;
        while (at + 1 < c->n && strcmp(c->data->labels[c->order[at]], co->label))
            at++;
        double hi = -INFINITY;
        for (size_t k = 0; k < c->ns; k++)
            if (isfinite(c->v[at * c->ns + k]))
                hi = fmax(hi, c->v[at * c->ns + k]);
        if (!isfinite(hi)) {
            g_autofree char *q = fs_diag_quote(co->label, -1, 40);
            fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                        "callout %s: no series has a value there to point at; move the callout "
                        "to a label with a value",
                        q);
            return false;
        }
        /* what is on the page: texts, markers, other callouts' leaders;
         * the leader crosses no text */
        GArray *avoid = g_array_new(FALSE, FALSE, sizeof(fs_abox));
        GArray *cross = g_array_new(FALSE, FALSE, sizeof(fs_abox));
        for (guint k = c->first; k < c->page->items->len; k++) {
            const fs_item *it = fs_page_item(c->page, (int)k);
            fs_abox bx = {it->x, it->y, it->w, it->h};
            if (it->kind == FS_ITEM_TEXT)
                g_array_append_val(cross, bx);
            if (it->kind == FS_ITEM_TEXT || it->kind == FS_ITEM_ICON ||
                (it->kind == FS_ITEM_LINE && it->role == FS_ROLE_CALLOUT))
                g_array_append_val(avoid, bx);
        }
        fs_callout_spot spot = {.px = xpos(c, c->t[at]),
                                .py = ypos(c, hi),
                                .gap = 0.2 * b,
                                .prefer = 12 * b,
                                .bounds = {c->px0, c->top, c->px1 - c->px0, c->bottom - c->top},
                                .avoid = (const fs_abox *)(void *)avoid->data,
                                .navoid = avoid->len,
                                .cross = (const fs_abox *)(void *)cross->data,
                                .ncross = cross->len,
                                .blocked = callout_blocked,
                                .data = c};
        fs_abox bx;
        double l[4];
        int got = fs_panel_callout(c->page, c->fonts, co->text, &st, c->o->lang, &spot, 0.06 * b,
                                   c->pal->text, c->data->file, c->d, &bx, l);
        g_array_free(avoid, TRUE);
        g_array_free(cross, TRUE);
        if (got < 0)
            return false;
        if (got == 0) {
            fs_annot_no_room(c->d, c->data->file, "callout", co->label, "text",
                             "near its point", "line", c->o->base_size > 0);
            return false;
        }
        box tb = {bx.x, bx.y, bx.w, bx.h};
        box lb = {fmin(l[0], l[2]), fmin(l[1], l[3]), fabs(l[2] - l[0]), fabs(l[3] - l[1])};
        g_array_append_val(c->placed, tb);
        g_array_append_val(c->placed, lb);
    }
    return true;
}

/* Value labels of the points before the last (labels = all): above the
 * point, else below it; left out when that would overprint a text or leave
 * the plot, each series' extremes tried first. */
static bool value_labels(line_ctx *c)
{
    size_t n = c->n, ns = c->ns;
    double gap = 0.15 * c->b;
    for (size_t k = 0; k < ns; k++) {
        size_t last = SIZE_MAX, hi = SIZE_MAX, lo = SIZE_MAX;
        last_value(c, k, &last);
        for (size_t i = 0; i < n; i++) {
            double x = value_of(c, i, k);
            if (!isfinite(x) || i == last)
                continue;
            if (hi == SIZE_MAX || x > value_of(c, hi, k))
                hi = i;
            if (lo == SIZE_MAX || x < value_of(c, lo, k))
                lo = i;
        }
        for (size_t pass = 0; pass < n + 2; pass++) {
            size_t i = pass == 0 ? hi : pass == 1 ? lo : pass - 2;
            if (i == SIZE_MAX || i >= n || i == last || (pass >= 2 && (i == hi || i == lo)) ||
                (pass == 1 && lo == hi) || !isfinite(c->v[i * ns + k]))
                continue;
            fs_shaped s;
            g_autofree char *txt = value_text(c, value_of(c, i, k));
            fs_text_shape(c->page, c->fonts, txt, &c->value_st, 0, c->o->lang, &s);
            double px = xpos(c, c->t[i]), py = ypos(c, c->v[i * ns + k]);
            /* above the point, below it, then above or below to one side */
            double lift = 0.35 * c->b;
            const double spots[][2] = {{-0.5, -1}, {-0.5, 1}, {-1, -1}, {0, -1}, {-1, 1}, {0, 1}};
            box r = {0, 0, s.w, s.h};
            bool ok = false;
            for (size_t sp = 0; sp < G_N_ELEMENTS(spots) && !ok; sp++) {
                r.x = px + spots[sp][0] * s.w + (spots[sp][0] < -0.5 ? -0.5 : spots[sp][0] > -0.5 ? 0.5 : 0) * lift;
                r.y = spots[sp][1] < 0 ? py - lift - s.h : py + lift;
                ok = r.x >= c->x && r.x + r.w <= c->px1 + 0.3 * c->b && r.y >= c->y &&
                     r.y + r.h <= c->bottom && free_at(c, &r, gap) &&
                     !on_a_line(c, &r, 0.1 * c->b);
            }
            if (!ok) {
                fs_shaped_clear(&s);
                c->dropped++;
                continue;
            }
            if (!place(c, FS_ROLE_VALUE, &s, r.x, r.y, c->pal->text, true))
                return false;
        }
    }
    return true;
}

static char *note_text(const line_ctx *c)
{
    if (!c->dropped)
        return NULL;
    g_autofree char *count = g_strdup_printf("%zu", c->dropped);
    return fs_lang_text(c->o->lang,
                        c->dropped == 1 ? FS_STR_VALUES_DROPPED_ONE : FS_STR_VALUES_DROPPED_MANY,
                        count, NULL);
}

/* Lays the chart out once, note_h kept under the plot. Returns false after
 * a diagnostic. */
static bool layout_once(line_ctx *c, double note_h)
{
    double b = c->b;
    const fs_theme *pal = c->pal;
    size_t ns = c->ns;
    c->dropped = 0;
    g_array_set_size(c->placed, 0);
    /* the value axis: tick labels measured for the column's width */
    fs_numchoice tc;
    double step = c->nt > 1 ? c->ticks[1] - c->ticks[0] : 1;
    fs_numchoice_ticks(&c->nums, step, c->ticks, c->nt, &tc);
    fs_shaped ytxt[16];
    double tick_w = 0, tick_h = 0;
    for (int i = 0; i < c->nt; i++) {
        g_autofree char *txt = fs_numchoice_format(&tc, &c->o->numfmt, c->o->lang, c->ticks[i]);
        fs_text_shape(c->page, c->fonts, txt, &c->tick_st, 0, NULL, &ytxt[i]);
        tick_w = fmax(tick_w, ytxt[i].w), tick_h = fmax(tick_h, ytxt[i].h);
    }
    /* the names (and last values) at the right end */
    endlabel *e = g_new0(endlabel, ns + (size_t)c->an.nrefs);
    size_t ne = 0;
    double end_w = 0, maxname = fmax(6 * b, 0.3 * c->w);
    for (size_t k = 0; k < ns; k++) {
        size_t at = 0;
        double last = last_value(c, k, &at);
        endlabel *l = &e[ne];
        l->k = k;
        l->ref = -1;
        if (!isfinite(last))
            continue;
        bool name = ns > 1, val = c->o->labels != FS_MARK_NONE;
        if (!name && !val)
            continue;
        l->has = true;
        if (val) {
            g_autofree char *txt = value_text(c, value_of(c, at, k));
            fs_text_shape(c->page, c->fonts, txt, &c->value_st, 0, c->o->lang, &l->value);
        }
        if (name) {
            fs_text_style st = c->name_st;
            st.color = name_color(c, k);
            double tw, th;
            fs_measure_text(c->fonts, c->data->series_names[k], &st, 0, c->o->lang, &tw, &th);
            fs_text_shape(c->page, c->fonts, c->data->series_names[k], &st,
                          tw > maxname ? maxname : 0, c->o->lang, &l->name);
        }
        l->w = l->value.w + (val && name ? 0.4 * b : 0) + l->name.w;
        l->h = fmax(l->value.h, l->name.h);
        end_w = fmax(end_w, l->w);
        ne++;
    }
    names_apart(c, e, ne, maxname);
    for (int i = 0; c->refs_out && i < c->an.nrefs; i++) {
        endlabel *l = &e[ne++];
        l->ref = i;
        l->has = true;
        g_autofree char *txt = ref_text(c, i);
        fs_text_style st = c->note_st;
        st.color = c->pal->text;
        fs_text_shape(c->page, c->fonts, txt, &st, 0, c->o->lang, &l->name);
        l->w = l->name.w, l->h = l->name.h;
        end_w = fmax(end_w, l->w);
    }
    /* the plot's box: across first, then the time or category labels
     * under it (their height sets its bottom) */
    c->px0 = c->x + tick_w + 0.6 * b;
    c->px1 = c->x + c->w - (ne ? end_w + 0.5 * b : 0.3 * b);
    bool ok = true;
    xlabels xl = {0};
    if (c->px1 - c->px0 < 4 * b) {
        ok = false;
    } else {
        if (c->form != FS_TIME_NONE)
            time_labels(c, &xl);
        else
            category_labels(c, &xl);
    }
    double xl_h = tick_h;
    for (int i = 0; i < xl.n; i++)
        xl_h = fmax(xl_h, xl.txt[i].h);
    double under = fmax(0.4 * b, tick_h / 2 + 0.15 * b);
    c->top = c->y + tick_h / 2;
    c->bottom = c->y + c->h - note_h - xl_h - under;
    if (!ok || c->bottom - c->top < 4 * b) {
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "the lines and their labels do not fit in %.0fx%.0f; use %s", c->w, c->h,
                    c->o->base_size > 0 ? "a wider span or shorter series names"
                                        : "a larger --size or shorter series names");
        ok = false;
        goto out;
    }
    draw_bands(c);
    /* grid and value ticks, every n-th labelled when they would touch */
    double spacing = c->nt > 1 ? fabs(ypos(c, c->ticks[1]) - ypos(c, c->ticks[0])) : 1e9;
    int every = spacing < tick_h + 0.3 * b ? (int)ceil((tick_h + 0.3 * b) / spacing) : 1;
    /* the axis: at zero, else at the bottom of the range */
    double base = c->lo <= 0 && c->hi >= 0 ? 0 : c->lo;
    bool base_tick = false;
    for (int i = 0; i < c->nt; i++)
        base_tick |= c->ticks[i] == base;
    if (!base_tick)
        fs_page_add_line(c->page, FS_ROLE_AXIS, c->px0, ypos(c, base), c->px1, ypos(c, base),
                         0.1 * b, pal->axis);
    for (int i = 0; i < c->nt; i++) {
        double p = ypos(c, c->ticks[i]);
        bool zero = c->ticks[i] == base;
        fs_page_add_line(c->page, zero ? FS_ROLE_AXIS : FS_ROLE_GRID, c->px0, p, c->px1, p,
                         zero ? 0.1 * b : 0.06 * b, zero ? pal->axis : pal->grid);
        if (i % every == 0 && ok) {
            ok = place(c, FS_ROLE_TICK, &ytxt[i], c->px0 - 0.6 * b - ytxt[i].w, p - ytxt[i].h / 2,
                       c->tick_st.color, true);
        }
    }
    if (!ok)
        goto out;
    /* the time or category labels under the plot */
    double ly = c->bottom + under;
    for (int i = 0; i < xl.n && ok; i++) {
        double p = xpos(c, xl.at[i]);
        fs_page_add_line(c->page, FS_ROLE_GRID, p, c->bottom, p, c->bottom + 0.25 * b, 0.06 * b,
                         pal->axis);
        ok = place(c, FS_ROLE_LABEL, &xl.txt[i], xlabel_left(c, &xl, i), ly, pal->text, true);
    }
    if (!ok)
        goto out;
    /* the greyed series first, the highlighted over them */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < ns; k++)
            if (c->an.hl ? fs_highlight_has(c->an.hl, c->data->series_names[k]) == (pass == 1)
                         : pass == 0)
                draw_series(c, k);
    draw_ref_lines(c);
    /* names at the end, apart; their places kept from value labels */
    for (size_t i = 0; i < ne; i++) {
        if (e[i].ref >= 0) {
            e[i].want = ypos(c, c->an.refs[e[i].ref].value) - e[i].h / 2;
            continue;
        }
        size_t at = 0;
        double last = last_value(c, e[i].k, &at);
        /* a stacked area is named at the middle of its band */
        if (c->stacked)
            last = (last + c->base[at * c->ns + e[i].k]) / 2;
        e[i].want = ypos(c, last) - e[i].h / 2;
    }
    bool apart = spread(e, ne, c->y, c->bottom, 0.15 * b);
    if (!apart && c->refs_out) {
        g_autofree char *txt = ref_text(c, c->an.nrefs - 1);
        fs_annot_no_room(c->d, c->data->file, "reference line", txt, "label",
                         "beside the line (nor at the plot's end)", "line", c->o->base_size > 0);
        ok = false;
        goto out;
    } else if (!apart) {
        fs_diag_add(c->d, FS_ERR_INPUT, c->data->file, 0, 0,
                    "the names of %zu series do not fit beside the plot's %.0f of height; use "
                    "fewer series or %s",
                    ne, c->bottom - c->y,
                    c->o->base_size > 0 ? "a taller panel" : "a larger --size");
        ok = false;
        goto out;
    }
    for (size_t i = 0; i < ne && ok; i++) {
        double ex = c->px1 + 0.5 * b;
        if (e[i].value.layout) {
            ok = place(c, FS_ROLE_VALUE, &e[i].value, ex, e[i].y + (e[i].h - e[i].value.h) / 2,
                       pal->text, true);
            ex += e[i].value.w + 0.4 * b;
        }
        if (ok && e[i].name.layout && e[i].ref >= 0)
            ok = place(c, FS_ROLE_REFERENCE, &e[i].name, ex, e[i].y, pal->text, true);
        else if (ok && e[i].name.layout)
            ok = place(c, FS_ROLE_LEGEND, &e[i].name, ex, e[i].y + (e[i].h - e[i].name.h) / 2,
                       name_color(c, e[i].k), true);
    }
    if (ok)
        ok = ref_labels(c);
    if (ok)
        ok = band_labels(c);
    if (ok)
        ok = callouts(c);
    if (ok && c->o->labels == FS_MARK_ALL)
        ok = value_labels(c);
out:
    for (int i = 0; i < c->nt; i++)
        fs_shaped_clear(&ytxt[i]);
    xlabels_clear(&xl);
    for (size_t i = 0; i < ns + (size_t)c->an.nrefs; i++) {
        fs_shaped_clear(&e[i].name);
        fs_shaped_clear(&e[i].value);
    }
    g_free(e);
    return ok;
}

static bool check_data(const line_ctx *c)
{
    const fs_series_data *s = c->data;
    const fs_chart_opts *o = c->o;
    if (s->nrows == 0) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0, "no data rows");
        return false;
    }
    if (o->mode == FS_MODE_PERCENT || (o->mode == FS_MODE_STACKED && !c->area)) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                    "a %s chart takes mode grouped%s, not %s", c->area ? "area" : "line",
                    c->area ? " or stacked" : "", fs_mode_names[o->mode]);
        return false;
    }
    if (isfinite(o->axis_min) && isfinite(o->axis_max) && o->axis_min >= o->axis_max) {
        fs_diag_add(c->d, FS_ERR_INPUT, s->file, 0, 0,
                    "the axis minimum is not below its maximum");
        return false;
    }
    for (size_t i = 0; c->stacked && i < s->nrows * s->nseries; i++) {
        if (s->values[i] < 0) {
            size_t r = i / s->nseries;
            fs_diag_add(c->d, FS_ERR_INPUT, s->file, s->lines ? s->lines[r] : 0, 0,
                        "stacked areas need values of zero or more; row %zu has a negative "
                        "value",
                        r + 1);
            return false;
        }
    }
    return true;
}

/* layout_once, and again with the reference labels at the end when one
 * has no room inside the plot. */
static bool layout_fit(line_ctx *c, double note_h)
{
    bool ok = layout_once(c, note_h);
    if (!ok && c->refs_full && !c->refs_out) {
        fs_page_truncate(c->page, c->first);
        c->refs_out = true;
        ok = layout_once(c, note_h);
    }
    return ok;
}

bool fs_layout_lines(fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                     const fs_chart_opts *o, double x, double y, double w, double h, fs_diag *d)
{
    line_ctx c = {.page = page,
                  .fonts = fonts,
                  .data = data,
                  .o = o,
                  .pal = fs_theme_or_light(o->theme),
                  .d = d,
                  .area = o->type == FS_CHART_AREA,
                  .n = data->nrows,
                  .ns = data->nseries,
                  .x = x,
                  .y = y,
                  .w = w,
                  .h = h};
    c.stacked = c.area && o->mode == FS_MODE_STACKED && data->nseries > 1;
    if (!check_data(&c) ||
        !fs_annot_read(&c.an, o->highlight, o->reference, data->series_names, data->nseries,
                       "series", data->file, d) ||
        !fs_annot_read_callouts(&c.an, o->callout, data->labels, data->nrows, "label",
                                data->file, d)) {
        fs_annot_clear(&c.an);
        return false;
    }
    c.b = fs_chart_base_size(o);
    double least = fs_chart_min_text(o);
    c.floor = fs_text_floor(o->print || o->base_size > 0);
    c.tick_st = (fs_text_style){
        .size = fmax(c.pal->tick * c.b, least), .color = c.pal->secondary, .tabular = true};
    c.value_st = (fs_text_style){.size = fmax(c.pal->value * c.b, least),
                                 .weight = c.pal->value_weight,
                                 .color = c.pal->text,
                                 .tabular = true};
    c.name_st = (fs_text_style){.size = fmax(0.95 * c.b, least), .max_lines = 1,
                                .whole_words = true};
    c.note_st = (fs_text_style){.size = fmax(c.pal->small * c.b, least), .color = c.pal->secondary};
    read_time(&c);
    read_values(&c);
    c.t0 = c.t[0], c.t1 = c.t[c.n - 1];
    fs_numchoice_pick(data->values, c.n * c.ns, FS_NUMS_DATA, o->decimals, o->compact, &c.nums);
    value_range(&c);
    if (!read_bands(&c)) {
        fs_annot_clear(&c.an);
        fs_bands_clear(c.bands, c.nbands);
        g_free(c.order);
        g_free(c.t);
        g_free(c.v);
        g_free(c.base);
        return false;
    }
    c.placed = g_array_new(FALSE, FALSE, sizeof(box));
    guint first = page->items->len;
    c.first = first;
    bool ok = layout_fit(&c, 0);
    g_autofree char *note = ok ? note_text(&c) : NULL;
    if (note) {
        /* labels left out: again with room for the note saying so */
        double nw, nh;
        fs_measure_text(fonts, note, &c.note_st, w, o->lang, &nw, &nh);
        fs_page_truncate(page, first);
        ok = layout_fit(&c, nh + 0.5 * c.b);
        g_free(note);
        note = ok ? note_text(&c) : NULL;
        if (note)
            ok = fs_layout_text(page, fonts, FS_ROLE_NOTE, note, &c.note_st, x, y + h - nh, w,
                                o->lang, data->file, d) >= 0;
    }
    g_array_free(c.placed, TRUE);
    fs_annot_clear(&c.an);
    fs_bands_clear(c.bands, c.nbands);
    g_free(c.order);
    g_free(c.t);
    g_free(c.v);
    g_free(c.base);
    return ok;
}

/* ---- the alt text ------------------------------------------------------------ */

static void append_part(GString *s, const char *text)
{
    size_t n = fs_text_cut_len(text, FS_ALT_PART_MAX);
    g_string_append_len(s, text, (gssize)n);
    if (text[n])
        g_string_append(s, "…");
}

/* The label of row i (in time order) as the alt text writes it. */
static void append_when(GString *s, const line_ctx *c, size_t i)
{
    if (c->form != FS_TIME_NONE) {
        g_autofree char *iso = fs_time_iso(c->form, c->t[i]);
        g_string_append(s, iso);
    } else {
        append_part(s, c->data->labels[c->order[i]]);
    }
}

/* A reference line's value in the alt text, as its label writes it. */
static char *alt_fmt(double v, const void *data)
{
    return given_text(data, v);
}

char *fs_line_alt_text(const fs_series_data *data, const fs_chart_opts *o)
{
    line_ctx c = {.data = data, .o = o, .n = data->nrows, .ns = data->nseries,
                  .area = o->type == FS_CHART_AREA};
    c.stacked = c.area && o->mode == FS_MODE_STACKED && data->nseries > 1;
    GString *s = g_string_new(NULL);
    if (o->title && *o->title) {
        append_part(s, o->title);
        g_string_append(s, ". ");
    }
    g_string_append(s, c.stacked ? "Stacked area chart" : c.area ? "Area chart" : "Line chart");
    if (c.n == 0) {
        g_string_append(s, " with no data.");
        goto source;
    }
    read_time(&c);
    fs_numchoice_pick(data->values, c.n * c.ns, FS_NUMS_DATA, o->decimals, o->compact, &c.nums);
    g_string_append(s, ", ");
    append_when(s, &c, 0);
    g_string_append(s, " to ");
    append_when(s, &c, c.n - 1);
    g_string_append(s, ": ");
    for (size_t k = 0; k < c.ns && s->len < 4000; k++) {
        size_t first = SIZE_MAX, last = SIZE_MAX, hi = SIZE_MAX, missing = 0;
        for (size_t i = 0; i < c.n; i++) {
            double v = value_of(&c, i, k);
            if (!isfinite(v)) {
                missing++;
                continue;
            }
            if (first == SIZE_MAX)
                first = i;
            last = i;
            if (hi == SIZE_MAX || v > value_of(&c, hi, k))
                hi = i;
        }
        g_string_append(s, k ? "; " : "");
        append_part(s, data->series_names[k]);
        if (first == SIZE_MAX) {
            g_string_append(s, " has no values");
            continue;
        }
        g_autofree char *a = value_text(&c, value_of(&c, first, k));
        g_autofree char *z = value_text(&c, value_of(&c, last, k));
        g_autofree char *m = value_text(&c, value_of(&c, hi, k));
        g_string_append_printf(s, " from %s to %s (highest %s in ", a, z, m);
        append_when(s, &c, hi);
        g_string_append_c(s, ')');
        if (missing)
            g_string_append_printf(s, ", %zu missing", missing);
    }
    g_string_append_c(s, '.');
    fs_annot_alt(s, o->highlight, o->reference, alt_fmt, &c);
    fs_bands_alt(s, o->band);
    fs_callouts_alt(s, o->callout);
    g_free(c.order);
    g_free(c.t);
source:
    if (o->source && *o->source) {
        g_string_append(s, " Source: ");
        append_part(s, o->source);
        g_string_append_c(s, '.');
    }
    g_autofree char *alt = g_string_free(s, FALSE);
    return fs_text_cut(alt, FS_ALT_MAX);
}

/* ---- the line and area panels ------------------------------------------------- */

static void chart_opts(const fs_spec *spec, const fs_panel *pn, double b, fs_chart_opts *o)
{
    fs_panel_chart_opts(spec, pn, b, o);
    o->type = pn->type == FS_PANEL_AREA ? FS_CHART_AREA : FS_CHART_LINE;
    o->markers = pn->markers, o->labels = pn->labels;
    o->band = pn->band;
}

/* A line chart's body is elastic: 12 base sizes tall by nature, from 8 to
 * 18, more when many series need room for their names. */
static double lines_height(const fs_panel_ctx *pc, const fs_prepared *p, double w, double *least,
                           double *most)
{
    (void)w;
    double b = pc->b, names = 1.4 * b * (double)p->series.nseries + 3 * b;
    double nat = fmax(12 * b, names);
    if (least)
        *least = fmax(8 * b, names);
    if (most)
        *most = fmax(18 * b, 1.5 * nat);
    return nat;
}

static double body_lines(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                         double w, double h)
{
    return fs_panel_chart_body(c, pg, p, y, w, h, fs_layout_lines);
}

static char *alt_lines(const fs_spec *spec, const fs_prepared *p)
{
    return fs_panel_chart_alt(spec, p, fs_line_alt_text);
}

const fs_panel_kind fs_kind_line = {
    .type = FS_PANEL_LINE,
    .name = "line",
    .figure = true,
    .body = body_lines,
    .alt = alt_lines,
    .chart = chart_opts,
    .heights = lines_height,
};

const fs_panel_kind fs_kind_area = {
    .type = FS_PANEL_AREA,
    .name = "area",
    .figure = true,
    .body = body_lines,
    .alt = alt_lines,
    .chart = chart_opts,
    .heights = lines_height,
};
