/* bar_values.c: how a bar chart writes its numbers and where its value
 * labels go (bar.c): one rule for the whole chart, all inside the bars'
 * ends or all beyond them, a label that would overprint another text or
 * sit on another bar left out, and a note saying how many. */
#include "bar_priv.h"

#include "lang.h"

#include <math.h>
#include <string.h>

typedef struct box {
    double x, y, w, h;
} box;

/* Fills n for data drawn with options o; free with bar_nums_clear(). */
void bar_nums_init(chart_nums *n, const fs_series_data *s, const fs_chart_opts *o)
{
    bool percent = o->mode == FS_MODE_PERCENT && s->nseries > 1;
    bool totals = o->mode == FS_MODE_STACKED && s->nseries > 1;
    size_t ns = s->nseries, nv = s->nrows * ns;
    g_autofree double *v = g_new(double, nv + (totals ? s->nrows : 0) + 1);
    memcpy(v, s->values, nv * sizeof *v);
    for (size_t r = 0; totals && r < s->nrows; r++)
        v[nv + r] = bar_row_sum(s, r, false);
    fs_numchoice_pick(v, nv + (totals ? s->nrows : 0), FS_NUMS_DATA, o->decimals, o->compact,
                      &n->values);
    n->pct = NULL;
    n->shares = (fs_numchoice){0};
    if (!percent)
        return;
    for (size_t r = 0; r < s->nrows; r++) {
        double total = bar_row_sum(s, r, true);
        for (size_t k = 0; k < ns; k++) {
            double x = s->values[r * ns + k];
            v[r * ns + k] = total > 0 && x > 0 ? x / total * 100 : 0;
        }
    }
    fs_numchoice_pick(v, nv, FS_NUMS_SHARES, o->decimals, FS_COMPACT_OFF, &n->shares);
    n->pct = g_new(double, nv + 1);
    for (size_t r = 0; r < s->nrows; r++)
        fs_numchoice_round_shares(v + r * ns, ns, n->shares.decimals, n->pct + r * ns);
    for (size_t i = 0; i < nv; i++) /* a missing value has no share */
        if (isnan(s->values[i]))
            n->pct[i] = NAN;
}

void bar_nums_clear(chart_nums *n)
{
    g_clear_pointer(&n->pct, g_free);
}

/* A value label: v (a share, already rounded, when percent) as n writes it,
 * with its unit or percent sign; "no data" in the language for NAN (a
 * missing value). Returns a new string. */
char *bar_value_text(const chart_nums *n, const fs_chart_opts *o, double v, bool percent)
{
    if (isnan(v))
        return fs_lang_text(o->lang, FS_STR_NO_DATA, NULL, NULL);
    g_autofree char *num =
        fs_numchoice_format(percent ? &n->shares : &n->values, &o->numfmt, o->lang, v);
    if (percent)
        return fs_lang_percent(o->lang, num);
    if (o->unit && *o->unit)
        return g_strdup_printf("%s %s", num, o->unit);
    return g_steal_pointer(&num);
}

char *bar_given_text(const chart_nums *n, const fs_chart_opts *o, double v, bool percent)
{
    chart_nums own = *n;
    if (percent)
        fs_numchoice_beside(&n->shares, v, &own.shares);
    else
        fs_numchoice_beside(&n->values, v, &own.values);
    return bar_value_text(&own, o, v, percent);
}

/* Measures bar b's value label for v at the value size. */
void bar_shape_value(const chart_ctx *c, const bar_geo *g, bar *b, double v, bool percent)
{
    fs_text_style vs = {.size = g->vsize, .weight = c->pal->value_weight, .tabular = true};
    g_autofree char *label = bar_value_text(&c->nums, c->o, v, percent);
    fs_text_shape(c->page, c->fonts, label, &vs, 0, NULL, &b->label);
    b->lw = b->label.w, b->lh = b->label.h;
}

/* Where bar br's value label goes: inside its end or beyond it; beside
 * vertical bars kept within the box. */
void bar_value_origin(const bar_geo *g, const bar *br, double *lx, double *ly)
{
    bool total = br->series == SIZE_MAX;
    bool positive = br->v1 >= br->v0 && !(total && br->v1 < 0);
    double pad = g->pad, c0 = bar_c0(g, br), p1 = bar_vpos(g, br->v1);
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
        double c0 = bar_c0(g, o), p0 = bar_vpos(g, o->v0), p1 = bar_vpos(g, o->v1);
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
void bar_place_values(const chart_ctx *c, bar_geo *g)
{
    GArray *taken = g_array_new(FALSE, FALSE, sizeof(box));
    for (guint i = c->first; i < c->page->items->len; i++) {
        const fs_item *it = fs_page_item(c->page, (int)i);
        if (it->kind == FS_ITEM_TEXT) {
            box o = {it->x, it->y, it->w, it->h};
            g_array_append_val(taken, o);
        }
    }
    int every = bar_tick_every(c, g);
    for (int i = 0; i < g->nt; i += every) {
        double tx, ty;
        bar_tick_origin(c, g, i, &tx, &ty);
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
            bar_value_origin(g, br, &lx, &ly);
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
char *bar_note_text(const chart_ctx *c, const bar_geo *g)
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
