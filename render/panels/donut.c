/* donut: parts of a whole, 2 to 6 of them (model.c checks), as a ring
 * with each part named directly beside it: its name and its exact share,
 * the shares rounded by largest remainder so that they add up to 100.
 *
 * Why a ring and not one stacked bar: with at most six parts every label
 * gets a place of its own beside its arc (right-hand parts to the right,
 * left-hand ones to the left), at the height of the arc's middle, so no
 * label needs a legend or a leader across other parts; in a single bar
 * parts under a few percent leave their labels no room inside and push
 * them into a staggered row above or below, which reads worse than the
 * ring's two columns. The ring's hole is kept (inner radius 0.58): the
 * angles read, not the areas.
 *
 * Labels: each column is sorted by where its arcs' middles are and moved
 * apart top to bottom (then pulled back up from the bottom) so that no two
 * overlap; a short line leads from the arc to its label. */
#include "panel.h"

#include "lang.h"

#include <math.h>
#include <string.h>

#define RING_INNER 0.58

/* The shares of p's parts in percent, rounded (fs_numchoice_round_shares),
 * with the decimals they are written with. */
static int donut_shares(const fs_prepared *p, double *pct)
{
    const fs_series_data *s = &p->series;
    double total = 0, raw[FS_DONUT_MAX_PARTS];
    size_t n = MIN(s->nrows, (size_t)FS_DONUT_MAX_PARTS);
    for (size_t i = 0; i < n; i++)
        total += s->values[i];
    for (size_t i = 0; i < n; i++)
        raw[i] = total > 0 ? 100 * s->values[i] / total : 0;
    int dec = 0;
    if (p->panel->has_decimals)
        dec = p->panel->decimals;
    else
        for (size_t i = 0; i < n; i++)
            while (dec < 2 && raw[i] > 0 && raw[i] * pow(10, dec) < 0.5)
                dec++;
    fs_numchoice_round_shares(raw, n, dec, pct);
    return dec;
}

/* "45%" in the spec's language. Returns a new string. */
static char *share_text(const fs_spec *spec, double pct, int dec)
{
    fs_numchoice ch = {.decimals = dec};
    g_autofree char *num = fs_numchoice_format(&ch, &spec->numfmt, spec->lang, pct);
    return fs_lang_percent(spec->lang, num);
}

typedef struct label {
    size_t part;
    bool left;       /* in the left-hand column */
    double want;     /* the y of its arc's middle */
    double y, h;     /* placed: its top and height */
    double nh;       /* its name's height */
} label;

static int cmp_label(const void *a, const void *b)
{
    const label *x = a, *y = b;
    if (x->want != y->want)
        return x->want < y->want ? -1 : 1;
    return x->part < y->part ? -1 : x->part > y->part;
}

/* Spreads the n labels (sorted by want) between top and bottom, gap apart,
 * each as near its want as the others allow. */
static void spread(label *l, size_t n, double top, double bottom, double gap)
{
    double y = top;
    for (size_t i = 0; i < n; i++) {
        l[i].y = fmax(l[i].want - l[i].h / 2, y);
        y = l[i].y + l[i].h + gap;
    }
    double end = bottom;
    for (size_t i = n; i-- > 0;) {
        if (l[i].y + l[i].h > end)
            l[i].y = end - l[i].h;
        end = l[i].y - gap;
    }
    /* pulled up past the top: push down again, the column is full */
    y = top;
    for (size_t i = 0; i < n; i++) {
        l[i].y = fmax(l[i].y, y);
        y = l[i].y + l[i].h + gap;
    }
}

static double body_donut(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y0,
                         double w, double fill)
{
    const fs_series_data *s = &p->series;
    const fs_theme *pal = c->pal;
    size_t n = MIN(s->nrows, (size_t)FS_DONUT_MAX_PARTS);
    double b = c->b, pct[FS_DONUT_MAX_PARTS];
    int dec = donut_shares(p, pct);
    fs_text_style name = {.size = fmax(b, c->min),
                          .color = pal->text,
                          .line_height = 1.15,
                          .whole_words = true};
    fs_text_style val = {.size = fmax(pal->value * b * 1.1, c->min),
                         .weight = pal->value_weight,
                         .color = pal->text,
                         .tabular = true};
    /* angles of the parts, clockwise from 12 o'clock */
    double total = 0, a[FS_DONUT_MAX_PARTS + 1];
    for (size_t i = 0; i < n; i++)
        total += s->values[i];
    a[0] = 0;
    for (size_t i = 0; i < n; i++)
        a[i + 1] = a[i] + 360 * s->values[i] / total;
    a[n] = 360;
    /* each column as wide as its widest label, at most lw; the ring as
     * large as the columns beside it leave room for */
    double gap = 0.8 * b, lead = 0.4 * b;
    double lw = fmin(w * 0.3, 12 * b), side_w[2] = {0, 0}, vmax[2] = {0, 0};
    char *pcs[FS_DONUT_MAX_PARTS];
    for (size_t i = 0; i < n; i++) {
        double nw, nh, vw, vh;
        pcs[i] = share_text(c->spec, pct[i], dec);
        fs_measure_text(c->fonts, s->labels[i], &name, 0, c->spec->lang, &nw, &nh);
        fs_measure_text(c->fonts, pcs[i], &val, 0, c->spec->lang, &vw, &vh);
        bool left = (a[i] + a[i + 1]) / 2 > 180;
        /* a share is never wrapped: its column is at least as wide */
        side_w[left] = fmax(side_w[left], fmax(fmin(nw, lw), vw));
        vmax[left] = fmax(vmax[left], vw);
    }
    double sw = 0.8 * b + lead; /* a label's swatch and the space after it */
    double d = fmin(w - side_w[0] - side_w[1] - 2 * (lead + gap + sw), 16 * b);
    if (fill > 0)
        d = fmin(d, fill);
    if (d < 4 * b) { /* narrow: the labels take what the smallest ring leaves */
        d = 4 * b;
        lw = (w - d) / 2 - lead - gap - sw;
        double least = fmax(fmax(vmax[0], vmax[1]), 3 * b);
        if (lw < least) {
            fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, p->panel->line, 0,
                        "[panel %s] a donut needs %.0f pt of width, it has %.0f; give it more "
                        "columns (span)",
                        p->panel->id, ceil(d + 2 * (least + lead + gap + sw)), w);
            for (size_t i = 0; i < n; i++)
                g_free(pcs[i]);
            return -1;
        }
        for (int k = 0; k < 2; k++)
            side_w[k] = fmax(fmin(side_w[k], lw), vmax[k]);
    }
    /* the columns and the ring centred in the width */
    double r = d / 2;
    double cx = (w - side_w[0] - side_w[1] - 2 * (lead + gap + sw) - d) / 2 + side_w[1] + sw +
                lead + gap + r;
    /* the labels: measured at their columns' widths, then spread */
    label l[FS_DONUT_MAX_PARTS];
    size_t nl = 0, nr = 0;
    for (size_t i = 0; i < n; i++) {
        double mid = (a[i] + a[i + 1]) / 2, nw, nh, vw, vh;
        label *e = &l[i];
        e->left = mid > 180;
        fs_measure_text(c->fonts, s->labels[i], &name, side_w[e->left], c->spec->lang, &nw, &nh);
        fs_measure_text(c->fonts, pcs[i], &val, 0, c->spec->lang, &vw, &vh);
        e->part = i, e->nh = nh, e->h = nh + vh;
        e->want = r - r * 1.05 * cos(mid * G_PI / 180);
        *(e->left ? &nl : &nr) += 1;
    }
    label left[FS_DONUT_MAX_PARTS], right[FS_DONUT_MAX_PARTS];
    size_t il = 0, ir = 0;
    for (size_t i = 0; i < n; i++) {
        if (l[i].left)
            left[il++] = l[i];
        else
            right[ir++] = l[i];
    }
    qsort(left, nl, sizeof *left, cmp_label);
    qsort(right, nr, sizeof *right, cmp_label);
    double hl = 0, hr = 0;
    for (size_t i = 0; i < nl; i++)
        hl += left[i].h + (i ? 0.5 * b : 0);
    for (size_t i = 0; i < nr; i++)
        hr += right[i].h + (i ? 0.5 * b : 0);
    double h = fmax(d, fmax(hl, hr)), top = (h - d) / 2; /* the ring centred in the body */
    for (size_t i = 0; i < nl; i++)
        left[i].want += top;
    for (size_t i = 0; i < nr; i++)
        right[i].want += top;
    spread(left, nl, 0, h, 0.5 * b);
    spread(right, nr, 0, h, 0.5 * b);
    /* the ring */
    for (size_t i = 0; i < n; i++) {
        if (!(a[i + 1] > a[i]))
            continue;
        fs_page_add_slice(pg, cx - r, y0 + top, d, a[i], a[i + 1], RING_INNER,
                          fs_theme_series_color(pal, i, n), 0.12 * b, pal->background);
        fs_page_set_pattern(pg, fs_theme_series_pattern(pal, i, n), pal->pattern_ink, 0.5 * b);
    }
    /* the labels and their leaders */
    bool ok = true;
    for (int side = 0; side < 2 && ok; side++) {
        label *col = side ? left : right;
        size_t m = side ? nl : nr;
        for (size_t k = 0; k < m; k++) {
            const label *e = &col[k];
            size_t i = e->part;
            double mid = (a[i] + a[i + 1]) / 2 * G_PI / 180;
            double ax = cx + r * sin(mid), ay = y0 + top + r - r * cos(mid);
            double ly = y0 + e->y + e->nh / 2;
            double ex = side ? cx - r - gap : cx + r + gap; /* the leader's end */
            /* a leader only where it runs clear of the ring (heads out of
             * the circle from its arc); the swatch says which part it is */
            if ((ex - ax) * sin(mid) - (ly - ay) * cos(mid) > 0)
                fs_page_add_line(pg, FS_ROLE_AXIS, ax, ay, ex, ly, 0.06 * b, pal->axis);
            double sq = 0.8 * b, sy = y0 + e->y + (e->nh - sq) / 2;
            double cw = side_w[side], x = side ? ex - sw - lead - cw : ex + sw + lead;
            fs_page_add_rect(pg, FS_ROLE_SWATCH, side ? ex - lead - sq : ex + lead, sy, sq, sq,
                             fs_theme_series_color(pal, i, n));
            fs_page_set_pattern(pg, fs_theme_series_pattern(pal, i, n), pal->pattern_ink, 0.3 * b);
            fs_text_style ns = name, vs = val;
            ns.align = vs.align = side ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
            if (fs_panel_text(c, pg, FS_ROLE_LABEL, s->labels[i], &ns, x, y0 + e->y, cw,
                              s->file) < 0 ||
                fs_panel_text(c, pg, FS_ROLE_VALUE, pcs[i], &vs, x, y0 + e->y + e->nh, cw,
                              c->spec->path) < 0) {
                ok = false;
                break;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        g_free(pcs[i]);
    return ok ? y0 + h : -1;
}

static char *alt_donut(const fs_spec *spec, const fs_prepared *p)
{
    const fs_series_data *s = &p->series;
    size_t n = MIN(s->nrows, (size_t)FS_DONUT_MAX_PARTS);
    double pct[FS_DONUT_MAX_PARTS];
    int dec = donut_shares(p, pct);
    GString *a = fs_panel_alt_begin(p->panel);
    g_string_append_printf(a, "Donut chart, %zu parts of a whole: ", n);
    for (size_t i = 0; i < n; i++) {
        g_autofree char *pc = share_text(spec, pct[i], dec);
        g_string_append_printf(a, "%s%s %s", i ? ", " : "", s->labels[i], pc);
    }
    g_string_append_c(a, '.');
    return fs_panel_alt_end(a, spec);
}

const fs_panel_kind fs_kind_donut = {
    .type = FS_PANEL_DONUT,
    .name = "donut",
    .figure = true,
    .body = body_donut,
    .alt = alt_donut,
};
