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
 * overlap; a short line leads from the arc to its label.
 *
 * A label never loses a letter: it wraps at word boundaries only, and its
 * column is never narrower than its longest word. When the columns cannot
 * have that beside the smallest ring (4 em), at the body size or a little
 * smaller, the labels go in a list under the ring instead (a swatch says
 * which part each is), in as many as 3 columns, their type made smaller
 * down to the medium's floor when a word needs it; when even one column of
 * the panel's width at that floor is narrower than a word, the panel is
 * refused naming the label. */
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

/* The arrangement of a donut's labels at one text size. */
typedef struct donut_fit {
    fs_text_style name, val;
    int cols;         /* 0: beside the ring, in two columns; else a list of
                       * this many columns under it */
    double side_w[2]; /* beside: the right and left columns' text widths */
    double cw;        /* below: a column's text width */
    double d;         /* the ring's diameter */
} donut_fit;

/* Whether the labels fit beside the ring in two columns at f's sizes,
 * every word whole (each column at least as wide as its widest word and
 * share), the ring between them at least 4 em; sets f's widths and ring.
 * a: the parts' angles; pcs: their shares' texts. */
static bool fit_beside(const fs_panel_ctx *c, const fs_prepared *p, const double *a, char **pcs,
                       size_t n, double w, double fill, donut_fit *f)
{
    const fs_series_data *s = &p->series;
    double b = c->b, gap = 0.8 * b, lead = 0.4 * b, sw = 0.8 * b + lead;
    /* each column as wide as its widest label, at most lw but never
     * narrower than a word; the ring as large as the columns leave room
     * for */
    double lw = fmin(w * 0.3, 12 * b), least[2] = {0, 0};
    f->cols = 0, f->side_w[0] = f->side_w[1] = 0;
    for (size_t i = 0; i < n; i++) {
        double nw, nh, vw, vh;
        fs_measure_text(c->fonts, s->labels[i], &f->name, 0, c->spec->lang, &nw, &nh);
        fs_measure_text(c->fonts, pcs[i], &f->val, 0, c->spec->lang, &vw, &vh);
        double ww = fs_text_widest_word(c->fonts, s->labels[i], &f->name, c->spec->lang);
        bool left = (a[i] + a[i + 1]) / 2 > 180;
        /* a share is never wrapped: its column is at least as wide */
        least[left] = fmax(least[left], fmax(ww, vw));
        f->side_w[left] = fmax(f->side_w[left], fmax(fmin(nw, lw), least[left]));
    }
    double room = w - 2 * (lead + gap + sw); /* for the ring and the columns */
    f->d = fmin(room - f->side_w[0] - f->side_w[1], 16 * b);
    if (fill > 0)
        f->d = fmin(f->d, fill);
    if (f->d >= 4 * b)
        return true;
    /* narrow: the smallest ring, the columns narrowed towards their words */
    f->d = 4 * b;
    double cols = room - f->d, over = f->side_w[0] + f->side_w[1] - cols;
    double give = f->side_w[0] - least[0] + f->side_w[1] - least[1];
    if (least[0] + least[1] > cols)
        return false;
    /* (a column is never left a rounding error short of its word) */
    if (over > 0 && give > 0)
        for (int k = 0; k < 2; k++)
            f->side_w[k] = fmax(f->side_w[k] - over * (f->side_w[k] - least[k]) / give, least[k]);
    return true;
}

/* Whether the labels fit as a list under the ring at f's sizes, every word
 * whole: the most columns (3 at most) whose width holds every label's
 * widest word and share beside its swatch; sets f's columns. */
static bool fit_below(const fs_panel_ctx *c, const fs_prepared *p, char **pcs, size_t n, double w,
                      donut_fit *f)
{
    const fs_series_data *s = &p->series;
    double b = c->b, sw = 1.2 * b, colgap = 1.2 * b, least = 0;
    for (size_t i = 0; i < n; i++) {
        double vw, vh;
        fs_measure_text(c->fonts, pcs[i], &f->val, 0, c->spec->lang, &vw, &vh);
        double ww = fs_text_widest_word(c->fonts, s->labels[i], &f->name, c->spec->lang);
        least = fmax(least, fmax(ww, vw));
    }
    for (int k = (int)MIN(n, 3); k >= 1; k--) {
        double cw = (w - (k - 1) * colgap) / k - sw;
        if (cw >= least) {
            f->cols = k, f->cw = cw;
            return true;
        }
    }
    return false;
}

/* The label of p whose widest word is the widest at style st. */
static size_t widest_label(const fs_panel_ctx *c, const fs_prepared *p, size_t n,
                           const fs_text_style *st)
{
    size_t best = 0;
    double most = -1;
    for (size_t i = 0; i < n; i++) {
        double ww = fs_text_widest_word(c->fonts, p->series.labels[i], st, c->spec->lang);
        if (ww > most)
            most = ww, best = i;
    }
    return best;
}

/* Chooses how the labels go: beside the ring at the body size, or a little
 * smaller (to 0.9 of it); else in a list under the ring, at the body size
 * down to the smallest the medium allows. A label never loses a letter: a
 * word is never cut or broken. Returns false after a diagnostic naming the
 * label whose word fits nowhere. */
static bool choose_fit(const fs_panel_ctx *c, const fs_prepared *p, const double *a, char **pcs,
                       size_t n, double w, double fill, donut_fit *f)
{
    const fs_theme *pal = c->pal;
    double b = c->b, val_size = fmax(pal->value * b * 1.1, c->min);
    for (int below = 0; below < 2; below++) {
        double floor = below ? c->min : fmax(c->min, 0.9 * b);
        for (double size = fmax(b, c->min);; size = fmax(size * 0.9, floor)) {
            f->name = (fs_text_style){
                .size = size, .color = pal->text, .line_height = 1.15, .whole_words = true};
            f->val = (fs_text_style){.size = fmax(val_size * size / fmax(b, c->min), c->min),
                                     .weight = pal->value_weight,
                                     .color = pal->text,
                                     .tabular = true};
            if (below ? fit_below(c, p, pcs, n, w, f) : fit_beside(c, p, a, pcs, n, w, fill, f))
                return true;
            if (size <= floor)
                break;
        }
    }
    size_t i = widest_label(c, p, n, &f->name);
    g_autofree char *q = fs_diag_quote(p->series.labels[i], -1, 60);
    fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, p->panel->line, 0,
                "[panel %s] no room for the donut label %s: its longest word is wider than the "
                "panel's %.0f pt even at %.1f pt; give the panel more columns (span) or "
                "shorten the word",
                p->panel->id, q, w, f->name.size);
    return false;
}

/* The labels as a list under the ring, part by part along the rows: a
 * swatch, the name wrapped at word boundaries, the share under it. */
static double donut_below(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, const double *a,
                          char **pcs, size_t n, double y0, double w, double fill,
                          const donut_fit *f)
{
    const fs_series_data *s = &p->series;
    const fs_theme *pal = c->pal;
    double b = c->b, sw = 1.2 * b, colgap = 1.2 * b, rowgap = 0.5 * b, gap = 0.8 * b;
    int k = f->cols;
    size_t rows = (n + (size_t)k - 1) / (size_t)k;
    /* the columns as wide as the widest label needs, at most cw; the list
     * centred under the ring */
    double cw = 0;
    for (size_t i = 0; i < n; i++) {
        double nw, nh0, vw, vh;
        fs_measure_text(c->fonts, s->labels[i], &f->name, f->cw, c->spec->lang, &nw, &nh0);
        fs_measure_text(c->fonts, pcs[i], &f->val, 0, c->spec->lang, &vw, &vh);
        cw = fmax(cw, fmax(nw, vw));
    }
    cw = fmin(cw, f->cw);
    double x0 = (w - k * (sw + cw) - (k - 1) * colgap) / 2;
    double nh[FS_DONUT_MAX_PARTS], rh[FS_DONUT_MAX_PARTS] = {0}, list_h = 0;
    for (size_t i = 0; i < n; i++) {
        double nw, vw, vh;
        fs_measure_text(c->fonts, s->labels[i], &f->name, cw, c->spec->lang, &nw, &nh[i]);
        fs_measure_text(c->fonts, pcs[i], &f->val, 0, c->spec->lang, &vw, &vh);
        rh[i / (size_t)k] = fmax(rh[i / (size_t)k], nh[i] + vh);
    }
    for (size_t r = 0; r < rows; r++)
        list_h += rh[r] + (r ? rowgap : 0);
    double d = fmin(fmin(10 * b, w), fill > 0 ? fill - list_h - gap : G_MAXDOUBLE);
    d = fmax(d, 4 * b);
    for (size_t i = 0; i < n; i++) {
        if (!(a[i + 1] > a[i]))
            continue;
        fs_page_add_slice(pg, (w - d) / 2, y0, d, a[i], a[i + 1], RING_INNER,
                          fs_theme_series_color(pal, i, n), 0.12 * b, pal->background);
        fs_page_set_pattern(pg, fs_theme_series_pattern(pal, i, n), pal->pattern_ink, 0.5 * b);
    }
    double y = y0 + d + gap;
    for (size_t i = 0; i < n; i++) {
        size_t r = i / (size_t)k, col = i % (size_t)k;
        if (col == 0 && r > 0)
            y += rh[r - 1] + rowgap;
        /* the swatch beside the name's first line */
        double x = x0 + (double)col * (cw + sw + colgap), sq = 0.8 * b, w1, h1;
        fs_measure_text(c->fonts, s->labels[i], &f->name, 0, c->spec->lang, &w1, &h1);
        fs_page_add_rect(pg, FS_ROLE_SWATCH, x, y + (fmin(h1, nh[i]) - sq) / 2, sq, sq,
                         fs_theme_series_color(pal, i, n));
        fs_page_set_pattern(pg, fs_theme_series_pattern(pal, i, n), pal->pattern_ink, 0.3 * b);
        fs_text_style ns = f->name, vs = f->val;
        ns.align = vs.align = PANGO_ALIGN_LEFT;
        if (fs_panel_text(c, pg, FS_ROLE_LABEL, s->labels[i], &ns, x + sw, y, cw, s->file) < 0 ||
            fs_panel_text(c, pg, FS_ROLE_VALUE, pcs[i], &vs, x + sw, y + nh[i], cw, c->spec->path) <
                0)
            return -1;
    }
    return y0 + d + gap + list_h;
}

/* The labels beside the ring in two columns (right-hand parts to the
 * right, left-hand ones to the left), each at the height of its arc's
 * middle, with a leader. */
static double donut_beside(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p,
                           const double *a, char **pcs, size_t n, double y0, double w,
                           const donut_fit *f)
{
    const fs_series_data *s = &p->series;
    const fs_theme *pal = c->pal;
    const fs_text_style name = f->name, val = f->val;
    double b = c->b, gap = 0.8 * b, lead = 0.4 * b, sw = 0.8 * b + lead, d = f->d;
    const double *side_w = f->side_w;
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
    return ok ? y0 + h : -1;
}

static double body_donut(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y0,
                         double w, double fill)
{
    const fs_series_data *s = &p->series;
    size_t n = MIN(s->nrows, (size_t)FS_DONUT_MAX_PARTS);
    double pct[FS_DONUT_MAX_PARTS];
    int dec = donut_shares(p, pct);
    /* angles of the parts, clockwise from 12 o'clock */
    double total = 0, a[FS_DONUT_MAX_PARTS + 1];
    for (size_t i = 0; i < n; i++)
        total += s->values[i];
    a[0] = 0;
    for (size_t i = 0; i < n; i++)
        a[i + 1] = a[i] + 360 * s->values[i] / total;
    a[n] = 360;
    char *pcs[FS_DONUT_MAX_PARTS];
    for (size_t i = 0; i < n; i++)
        pcs[i] = share_text(c->spec, pct[i], dec);
    donut_fit f;
    double bottom = -1;
    if (choose_fit(c, p, a, pcs, n, w, fill, &f))
        bottom = f.cols > 0 ? donut_below(c, pg, p, a, pcs, n, y0, w, fill, &f)
                            : donut_beside(c, pg, p, a, pcs, n, y0, w, &f);
    for (size_t i = 0; i < n; i++)
        g_free(pcs[i]);
    return bottom;
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
