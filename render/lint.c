/* lint: legibility and accessibility checks over laid-out pages. See lint.h.
 *
 * Everything is read from the boxes layout made, the same ones paint would
 * draw, so what lint checks is what would be printed: a text's background
 * is the last shape painted before it under the middle of its box (a bar, a
 * patch behind a label), else the page. */
#include "lint.h"

#include "color.h"
#include "report_layout.h"

#include <math.h>
#include <string.h>

const char *const fs_cvd_names[] = {"protanopia", "deuteranopia", "tritanopia", NULL};

/* ---- colour science ------------------------------------------------------ */

/* Machado, Oliveira and Fernandes, "A Physiologically-based Model for
 * Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009: the
 * matrices for severity 1.0, applied to linear RGB. */
static const double machado[3][3][3] = {
    {{0.152286, 1.052583, -0.204868},
     {0.114503, 0.786281, 0.099216},
     {-0.003882, -0.048116, 1.051998}},
    {{0.367322, 0.860646, -0.227968},
     {0.280085, 0.672501, 0.047413},
     {-0.011820, 0.042940, 0.968881}},
    {{1.255528, -0.076749, -0.178779},
     {-0.078411, 0.930809, 0.147602},
     {0.004733, 0.691367, 0.303900}},
};

void fs_cvd_simulate(uint32_t c, fs_cvd kind, double out[3])
{
    double rgb[3];
    fs_color_linear(c, rgb);
    const double(*m)[3] = machado[kind];
    for (int i = 0; i < 3; i++) {
        double v = m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2];
        out[i] = fmin(1, fmax(0, v));
    }
}

static double lab_f(double t)
{
    const double e = 6.0 / 29.0;
    return t > e * e * e ? cbrt(t) : t / (3 * e * e) + 4.0 / 29.0;
}

void fs_lab_from_linear(const double rgb[3], double lab[3])
{
    /* sRGB (D65) to XYZ, then CIELAB with the D65 white */
    double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
    double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
    double fx = lab_f(x / 0.95047), fy = lab_f(y / 1.0), fz = lab_f(z / 1.08883);
    lab[0] = 116 * fy - 16;
    lab[1] = 500 * (fx - fy);
    lab[2] = 200 * (fy - fz);
}

double fs_delta_e(uint32_t a, uint32_t b, int kind)
{
    double ra[3], rb[3], la[3], lb[3];
    if (kind < 0) {
        fs_color_linear(a, ra);
        fs_color_linear(b, rb);
    } else {
        fs_cvd_simulate(a, (fs_cvd)kind, ra);
        fs_cvd_simulate(b, (fs_cvd)kind, rb);
    }
    fs_lab_from_linear(ra, la);
    fs_lab_from_linear(rb, lb);
    return sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                (la[2] - lb[2]) * (la[2] - lb[2]));
}

/* ---- the warning list ---------------------------------------------------- */

struct fs_lint {
    GPtrArray *msgs;  /* char *, owned, in order */
    GHashTable *seen; /* keys of the warnings given: each is given once, so a
                       * problem found again in another language is not
                       * repeated */
};

fs_lint *fs_lint_new(void)
{
    fs_lint *L = g_new0(fs_lint, 1);
    L->msgs = g_ptr_array_new_with_free_func(g_free);
    L->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return L;
}

void fs_lint_free(fs_lint *L)
{
    if (!L)
        return;
    g_hash_table_destroy(L->seen);
    g_ptr_array_free(L->msgs, TRUE);
    g_free(L);
}

size_t fs_lint_count(const fs_lint *L)
{
    return L->msgs->len;
}

const char *fs_lint_message(const fs_lint *L, size_t i)
{
    return g_ptr_array_index(L->msgs, i);
}

/* Adds a warning unless one with the same key (NULL: the same text) was
 * given. */
static void G_GNUC_PRINTF(5, 6)
    warn(fs_lint *L, const char *key, const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *f = fs_diag_escape_path(file ? file : "factsheet");
    char *s = line ? g_strdup_printf("%s:%lu: warning: %s", f, line, msg)
                   : g_strdup_printf("%s: warning: %s", f, msg);
    char *k = key ? g_strdup_printf("%s:%lu|%s", f, line, key) : g_strdup(s);
    if (g_hash_table_contains(L->seen, k)) {
        g_free(s);
        g_free(k);
        return;
    }
    g_ptr_array_add(L->msgs, s);
    g_hash_table_add(L->seen, k);
}

/* ---- one document -------------------------------------------------------- */

typedef enum { MEDIUM_PRINT, MEDIUM_SCREEN } medium;

/* What the value labels of one chart or panel stand for (the zero rule). */
typedef struct lint_data {
    const char *owner;            /* the panel ID; NULL: a chart's */
    const fs_series_data *series; /* a bar chart's data; NULL for a stat */
    fs_mode mode;
    const char *unit; /* written after each number, or NULL */
    double stat;      /* a stat panel's number (series NULL) */
} lint_data;

/* Where warnings of one document point, and what its labels stand for. */
typedef struct scope {
    const char *file;
    unsigned long line;  /* for items that belong to no panel */
    const fs_spec *spec; /* NULL for a chart: no panels */
    const char *place;   /* "page 1", "slide", "chart" */
    medium medium;
    const lint_data *data; /* what value labels stand for, per owner */
    size_t ndata;
} scope;

static unsigned long owner_line(const scope *sc, const char *owner)
{
    if (!owner || !sc->spec)
        return sc->line;
    for (guint i = 0; i < sc->spec->panels->len; i++) {
        const fs_panel *p = g_ptr_array_index(sc->spec->panels, i);
        if (!strcmp(p->id, owner))
            return p->line;
    }
    return sc->line;
}

/* "[panel killed] on page 1" / "[report] on page 1" / "chart". */
static char *where(const scope *sc, const char *owner)
{
    if (!sc->spec)
        return g_strdup(sc->place);
    if (owner)
        return g_strdup_printf("[panel %s] on %s", owner, sc->place);
    return g_strdup_printf("[report] on %s", sc->place);
}

static void color_hex(uint32_t c, char out[8])
{
    g_snprintf(out, 8, "#%06x", c >> 8);
}

/* A failing ratio for a message: rounded to 2 decimals, but never up to the
 * threshold it failed (4.497 shows as 4.49, not 4.50). */
static double shown_ratio(double r, double need)
{
    double shown = round(r * 100) / 100;
    return shown >= need ? floor(r * 100) / 100 : shown;
}

/* The colour painted under the middle of text item i: the last shape
 * before it whose box holds that point, else the page. *pattern: that
 * shape's pattern (its ink is then a second background). */
static uint32_t background_of(const fs_page *pg, guint i, uint32_t page_bg, const fs_item **shape)
{
    const fs_item *t = &g_array_index(pg->items, fs_item, i);
    double cx = t->x + t->w / 2, cy = t->y + t->h / 2;
    *shape = NULL;
    for (guint j = i; j-- > 0;) {
        const fs_item *s = &g_array_index(pg->items, fs_item, j);
        if (s->kind != FS_ITEM_RECT && s->kind != FS_ITEM_ICON)
            continue;
        double x0 = fmin(s->x, s->x + s->w), x1 = fmax(s->x, s->x + s->w);
        double y0 = fmin(s->y, s->y + s->h), y1 = fmax(s->y, s->y + s->h);
        if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) {
            *shape = s;
            return s->color;
        }
    }
    return page_bg;
}

/* One grouped finding: the first element it was seen on and how many more. */
typedef struct finding {
    unsigned long line;
    char *key; /* what it is about, without the text of the element */
    char *msg; /* without the count */
    int more;
} finding;

static void finding_free(gpointer p)
{
    finding *f = p;
    g_free(f->key);
    g_free(f->msg);
    g_free(f);
}

/* Adds msg under key, or counts one more of it. */
static void note(GHashTable *found, GPtrArray *order, const char *key, unsigned long line,
                 char *msg)
{
    finding *f = g_hash_table_lookup(found, key);
    if (f) {
        f->more++;
        g_free(msg);
        return;
    }
    f = g_new0(finding, 1);
    f->line = line, f->msg = msg, f->key = g_strdup(key);
    g_hash_table_insert(found, g_strdup(key), f);
    g_ptr_array_add(order, f);
}

static void check_text(const scope *sc, const fs_page *pg, guint i, uint32_t page_bg,
                       GHashTable *found, GPtrArray *order)
{
    const fs_item *it = &g_array_index(pg->items, fs_item, i);
    const PangoFontDescription *fd = pango_layout_get_font_description(it->layout);
    double size = fd ? (double)pango_font_description_get_size(fd) / PANGO_SCALE : 0;
    int weight = fd ? (int)pango_font_description_get_weight(fd) : 400;
    /* WCAG sizes are in points; a screen's CSS pixel is 0.75 pt */
    double pt = sc->medium == MEDIUM_SCREEN ? size * 0.75 : size;
    bool large = pt >= 18 || (pt >= 14 && weight >= 700);
    double need = large ? FS_LINT_CONTRAST_LARGE : FS_LINT_CONTRAST_BODY;
    const fs_item *shape;
    uint32_t bg = background_of(pg, i, page_bg, &shape);
    double ratio = fs_contrast(it->color, bg);
    uint32_t worst_bg = bg;
    if (shape && shape->pattern != FS_PATTERN_SOLID) {
        double r2 = fs_contrast(it->color, shape->pattern_ink);
        if (r2 < ratio)
            ratio = r2, worst_bg = shape->pattern_ink;
    }
    g_autofree char *w = where(sc, it->owner);
    g_autofree char *q = fs_diag_quote(it->text, -1, 30);
    unsigned long line = owner_line(sc, it->owner);
    double shown = shown_ratio(ratio, need);
    if (ratio < need) {
        char fg_hex[8], bg_hex[8];
        color_hex(it->color, fg_hex);
        color_hex(worst_bg, bg_hex);
        g_autofree char *key =
            g_strdup_printf("c|%s|%s|%s|%s", w, fs_role_name(it->role), fg_hex, bg_hex);
        note(found, order, key, line,
             g_strdup_printf("%s: %s %s: contrast %.2f:1 (%s on %s) is below %.1f:1 (WCAG 2 AA, "
                             "%s text)",
                             w, fs_role_name(it->role), q, shown, fg_hex, bg_hex, need,
                             large ? "large" : "body"));
    }
    double min = sc->medium == MEDIUM_SCREEN ? FS_LINT_MIN_PX : FS_LINT_MIN_PT;
    if (size > 0 && size < min - 1e-9) {
        const char *unit = sc->medium == MEDIUM_SCREEN ? "px" : "pt";
        g_autofree char *key = g_strdup_printf("s|%s|%s|%.2f", w, fs_role_name(it->role), size);
        note(found, order, key, line,
             g_strdup_printf("%s: %s %s: text of %.1f %s is below %.0f %s%s", w,
                             fs_role_name(it->role), q, size, unit, min, unit,
                             sc->medium == MEDIUM_SCREEN ? " on a slide or chart"
                                                         : " on the printed page"));
    }
}

/* ---- the layout invariants ------------------------------------------------
 * The rules tests/gen/gencheck.c checks on generated layouts
 * (tests/gen/README.md), here for a user's own spec or chart: texts that
 * overlap, boxes past the page or their panel, a line broken inside a word,
 * a text on a bar, a value label that reads 0 for a datum that is not. */

/* Two boxes overlapping by no more than this (pt), either way, touch. */
#define LINT_OVERLAP 0.5
/* A box this far (pt) past an edge is still inside it. */
#define LINT_SLACK 0.05

typedef struct box {
    double x0, y0, x1, y1;
} box;

/* The box of an item (a line's from one end to the other). */
static box box_of(const fs_item *it)
{
    return (box){fmin(it->x, it->x + it->w), fmin(it->y, it->y + it->h), fmax(it->x, it->x + it->w),
                 fmax(it->y, it->y + it->h)};
}

/* How far a and b overlap across (*ox) and down (*oy); negative: apart. */
static void overlap_of(box a, box b, double *ox, double *oy)
{
    *ox = fmin(a.x1, b.x1) - fmax(a.x0, b.x0);
    *oy = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
}

static const char *unit_of(const scope *sc)
{
    return sc->medium == MEDIUM_SCREEN ? "px" : "pt";
}

/* An item as messages name it: a text by its role and its text quoted, any
 * other by its role ("bar", "axis", "icon"). Returns a new string. */
static char *item_name(const fs_item *it)
{
    if (it->kind != FS_ITEM_TEXT)
        return g_strdup(fs_role_name(it->role));
    g_autofree char *q = fs_diag_quote(it->text ? it->text : "", -1, 30);
    return g_strdup_printf("%s %s", fs_role_name(it->role), q);
}

/* The edge of outer ("left", "right", "top", "bottom") that inner reaches
 * furthest past, by more than LINT_SLACK, with *by how far; NULL when none.
 * bottom: whether the bottom edge counts. */
static const char *edge_past(box inner, box outer, bool bottom, double *by)
{
    static const char *const names[] = {"left", "right", "top", "bottom"};
    double past[4] = {outer.x0 - inner.x0, inner.x1 - outer.x1, outer.y0 - inner.y0,
                      bottom ? inner.y1 - outer.y1 : 0};
    int worst = -1;
    for (int k = 0; k < 4; k++)
        if (past[k] > LINT_SLACK && (worst < 0 || past[k] > past[worst]))
            worst = k;
    *by = worst < 0 ? 0 : past[worst];
    return worst < 0 ? NULL : names[worst];
}

/* Every box inside its page. */
static void check_page_edges(const scope *sc, const fs_page *pg, const fs_item *it,
                             GHashTable *found, GPtrArray *order)
{
    double by;
    box page = {0, 0, pg->width, pg->height};
    const char *edge = edge_past(box_of(it), page, true, &by);
    if (!edge)
        return;
    g_autofree char *w = where(sc, it->owner);
    g_autofree char *name = item_name(it);
    g_autofree char *key = g_strdup_printf("g|%s|%s|%s", w, fs_role_name(it->role), edge);
    note(found, order, key, owner_line(sc, it->owner),
         g_strdup_printf("%s: %s is %.1f %s past the %s edge of the %s", w, name, by, unit_of(sc),
                         edge, sc->medium == MEDIUM_SCREEN ? "canvas" : "page"));
}

/* Every box of a report panel between its left and right edges and not
 * above its top (its bottom is where its items end: the page's to check). */
static void check_panel_edges(const scope *sc, const fs_page *pg, GHashTable *found,
                              GPtrArray *order)
{
    for (guint k = 0; pg->panels && k < pg->panels->len; k++) {
        const fs_panel_box *pb = &g_array_index(pg->panels, fs_panel_box, k);
        box panel = {pb->x, pb->y, pb->x + pb->w, pb->y};
        for (guint i = pb->first; i < pb->first + pb->count && i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            double by;
            const char *edge = edge_past(box_of(it), panel, false, &by);
            if (!edge)
                continue;
            g_autofree char *w = where(sc, it->owner);
            g_autofree char *name = item_name(it);
            g_autofree char *key = g_strdup_printf("n|%s|%s|%s", w, fs_role_name(it->role), edge);
            note(found, order, key, owner_line(sc, it->owner),
                 g_strdup_printf("%s: %s is %.1f %s past the %s edge of its panel", w, name, by,
                                 unit_of(sc), edge));
        }
    }
}

/* No two texts overlap by more than LINT_OVERLAP both ways. */
static void check_overlaps(const scope *sc, const fs_page *pg, guint i, GHashTable *found,
                           GPtrArray *order)
{
    const fs_item *a = &g_array_index(pg->items, fs_item, i);
    box ba = box_of(a);
    for (guint j = i + 1; j < pg->items->len; j++) {
        const fs_item *b = &g_array_index(pg->items, fs_item, j);
        if (b->kind != FS_ITEM_TEXT)
            continue;
        double ox, oy;
        overlap_of(ba, box_of(b), &ox, &oy);
        if (ox <= LINT_OVERLAP || oy <= LINT_OVERLAP)
            continue;
        g_autofree char *w = where(sc, a->owner);
        g_autofree char *na = item_name(a), *nb = item_name(b);
        /* the other text named with its panel when it is another's */
        g_autofree char *other =
            g_strcmp0(a->owner, b->owner) && sc->spec
                ? (b->owner ? g_strdup_printf("[panel %s] ", b->owner) : g_strdup("[report] "))
                : g_strdup("");
        g_autofree char *key =
            g_strdup_printf("o|%s|%s|%s%s", w, fs_role_name(a->role), other, fs_role_name(b->role));
        note(found, order, key, owner_line(sc, a->owner),
             g_strdup_printf("%s: %s overlaps %s%s by %.1f × %.1f %s", w, na, other, nb, ox, oy,
                             unit_of(sc)));
    }
}

/* No line starts inside a word (a letter or digit either side of the
 * break) unless the text is marked word_wider (text.c: each word broken
 * so is, alone, wider than the line). */
static void check_breaks(const scope *sc, const fs_item *it, GHashTable *found, GPtrArray *order)
{
    if (it->word_wider || !it->layout || !it->text)
        return;
    const char *text = it->text;
    size_t len = strlen(text);
    int line = 1;
    for (GSList *l = pango_layout_get_lines_readonly(it->layout); l; l = l->next, line++) {
        size_t at = (size_t)((PangoLayoutLine *)l->data)->start_index;
        if (line == 1 || at == 0 || at >= len)
            continue;
        const char *before = g_utf8_find_prev_char(text, text + at);
        if (!before || !g_unichar_isalnum(g_utf8_get_char(before)) ||
            !g_unichar_isalnum(g_utf8_get_char(text + at)))
            continue;
        /* the word around the break */
        const char *w0 = before, *w1 = text + at;
        for (const char *p;
             (p = g_utf8_find_prev_char(text, w0)) && g_unichar_isalnum(g_utf8_get_char(p));)
            w0 = p;
        while (*w1 && g_unichar_isalnum(g_utf8_get_char(w1)))
            w1 = g_utf8_next_char(w1);
        g_autofree char *qw = fs_diag_quote(w0, (gssize)(w1 - w0), 30);
        g_autofree char *qb = fs_diag_quote(w0, (gssize)(text + at - w0), 30);
        g_autofree char *w = where(sc, it->owner);
        g_autofree char *name = item_name(it);
        g_autofree char *key = g_strdup_printf("b|%s|%s", w, fs_role_name(it->role));
        note(found, order, key, owner_line(sc, it->owner),
             g_strdup_printf("%s: %s: line %d starts inside the word %s (after %s); a word may "
                             "break only when it alone is wider than the line (%.1f %s)",
                             w, name, line, qw, qb, it->wrap, unit_of(sc)));
        return;
    }
}

/* A text on a bar hides the datum: only a value label wholly inside one
 * bar (its own) may lie on one. */
static void check_cover(const scope *sc, const fs_page *pg, const fs_item *it, GHashTable *found,
                        GPtrArray *order)
{
    box bt = box_of(it);
    int on = 0;
    bool inside = false;
    for (guint j = 0; j < pg->items->len; j++) {
        const fs_item *r = &g_array_index(pg->items, fs_item, j);
        if (r->kind != FS_ITEM_RECT || r->role != FS_ROLE_BAR)
            continue;
        box br = box_of(r);
        double ox, oy;
        overlap_of(bt, br, &ox, &oy);
        if (ox <= LINT_OVERLAP || oy <= LINT_OVERLAP)
            continue;
        on++;
        inside = bt.x0 >= br.x0 - LINT_OVERLAP && bt.y0 >= br.y0 - LINT_OVERLAP &&
                 bt.x1 <= br.x1 + LINT_OVERLAP && bt.y1 <= br.y1 + LINT_OVERLAP;
    }
    if (on == 0 || (on == 1 && inside && it->role == FS_ROLE_VALUE))
        return;
    g_autofree char *w = where(sc, it->owner);
    g_autofree char *name = item_name(it);
    g_autofree char *key = g_strdup_printf("v|%s|%s|%d", w, fs_role_name(it->role), on > 1);
    const char *what = on > 1                      ? "lies on several bars"
                       : it->role == FS_ROLE_VALUE ? "lies partly on a bar"
                                                   : "lies on a bar";
    note(found, order, key, owner_line(sc, it->owner),
         g_strdup_printf("%s: %s %s, hiding its end (only a value label may lie on a bar, "
                         "wholly inside it)",
                         w, name, what));
}

/* The data item's owner stands for, or NULL. */
static const lint_data *data_of(const scope *sc, const char *owner)
{
    for (size_t k = 0; k < sc->ndata; k++)
        if (!g_strcmp0(sc->data[k].owner, owner))
            return &sc->data[k];
    return NULL;
}

/* How many labels of ld may read 0: a stat's one when it is 0; for bars
 * the labelled data that are 0 (grouped or one series: the values; stacked:
 * the rows' totals; percent: none, a zero segment has no label). */
static size_t zeros_allowed(const lint_data *ld)
{
    if (!ld->series)
        return ld->stat == 0;
    const fs_series_data *s = ld->series;
    bool several = s->nseries > 1;
    if (several && ld->mode == FS_MODE_PERCENT)
        return 0;
    size_t n = 0;
    for (size_t r = 0; r < s->nrows; r++) {
        double sum = 0;
        for (size_t k = 0; k < s->nseries; k++) {
            double v = s->values[r * s->nseries + k];
            sum += v;
            n += !(several && ld->mode == FS_MODE_STACKED) && v == 0;
        }
        n += several && ld->mode == FS_MODE_STACKED && sum == 0;
    }
    return n;
}

/* Whether a number label reads 0: digits, all of them 0, and no bound
 * ("<0.01" says a datum is not 0); its unit after it is not read. */
static bool reads_zero(const char *text, const char *unit)
{
    size_t n = strlen(text);
    if (unit && *unit) {
        g_autofree char *suffix = g_strconcat(" ", unit, NULL);
        if (g_str_has_suffix(text, suffix))
            n -= strlen(suffix);
    }
    if (memchr(text, '<', n) || memchr(text, '>', n))
        return false;
    bool any = false;
    for (const char *p = text; p < text + n; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isdigit(c))
            continue;
        if (g_unichar_digit_value(c) != 0)
            return false;
        any = true;
    }
    return any;
}

/* A value label or a stat's number that reads 0 where the data it stands
 * for hold no such 0. zeros[k] counts the labels of sc->data[k] read so
 * far. */
static void check_zero(const scope *sc, const fs_item *it, size_t *zeros, GHashTable *found,
                       GPtrArray *order)
{
    if (it->role != FS_ROLE_VALUE && it->role != FS_ROLE_STAT)
        return;
    const lint_data *ld = data_of(sc, it->owner);
    if (!ld || (it->role == FS_ROLE_STAT) != !ld->series || !reads_zero(it->text, ld->unit))
        return;
    size_t allowed = zeros_allowed(ld), *seen = &zeros[ld - sc->data];
    if (++*seen <= allowed)
        return;
    g_autofree char *w = where(sc, it->owner);
    g_autofree char *name = item_name(it);
    g_autofree char *key = g_strdup_printf("z|%s|%s", w, fs_role_name(it->role));
    char *msg;
    if (!ld->series)
        msg = g_strdup_printf("%s: %s reads as 0, but the number is %.6g", w, name, ld->stat);
    else if (allowed == 0)
        msg = g_strdup_printf("%s: %s reads as 0, but no datum it can stand for is 0", w, name);
    else
        msg = g_strdup_printf("%s: %s reads as 0, but only %zu of the data it can stand for %s 0",
                              w, name, allowed, allowed == 1 ? "is" : "are");
    note(found, order, key, owner_line(sc, it->owner), msg);
}

/* The colours of categories drawn together: legend swatches, each with the
 * text after it as its name. */
typedef struct swatch {
    uint32_t color;
    fs_pattern pattern;
    const char *name;
} swatch;

static void check_pairs(fs_lint *L, const char *file, unsigned long line, const char *w,
                        const swatch *sw, size_t n)
{
    for (size_t a = 0; a < n; a++) {
        for (size_t b = a + 1; b < n; b++) {
            if (sw[a].pattern != sw[b].pattern)
                continue; /* told apart by the pattern */
            GString *why = g_string_new(NULL);
            double dn = fs_delta_e(sw[a].color, sw[b].color, -1);
            if (dn < FS_LINT_MIN_DELTA_E) {
                g_string_append_printf(why, "for any reader (ΔE %.1f)", dn);
            } else {
                for (int k = 0; k < 3; k++) {
                    double dk = fs_delta_e(sw[a].color, sw[b].color, k);
                    if (dk < FS_LINT_MIN_DELTA_E)
                        g_string_append_printf(why, "%s%s (ΔE %.1f)", why->len ? ", " : "with ",
                                               fs_cvd_names[k], dk);
                }
            }
            if (why->len) {
                char ha[8], hb[8];
                color_hex(sw[a].color, ha);
                color_hex(sw[b].color, hb);
                g_autofree char *qa = fs_diag_quote(sw[a].name ? sw[a].name : "?", -1, 30);
                g_autofree char *qb = fs_diag_quote(sw[b].name ? sw[b].name : "?", -1, 30);
                g_autofree char *key = g_strdup_printf("p|%s|%s|%s", w, ha, hb);
                warn(L, key, file, line,
                     "%s: colours of %s (%s) and %s (%s) are hard to tell apart %s; ΔE*ab "
                     "below %.0f (give the theme other colours or fill patterns)",
                     w, qa, ha, qb, hb, why->str, FS_LINT_MIN_DELTA_E);
            }
            g_string_free(why, TRUE);
        }
    }
}

static void check_swatches(fs_lint *L, const scope *sc, const fs_page *pg)
{
    /* swatches grouped by the panel they belong to */
    g_autoptr(GHashTable) groups =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind != FS_ITEM_RECT || it->role != FS_ROLE_SWATCH)
            continue;
        const char *owner = it->owner ? it->owner : "";
        GArray *g = g_hash_table_lookup(groups, owner);
        if (!g) {
            g = g_array_new(FALSE, TRUE, sizeof(swatch));
            g_hash_table_insert(groups, g_strdup(owner), g);
            g_ptr_array_add(keys, (gpointer)owner);
        }
        swatch s = {.color = it->color, .pattern = it->pattern};
        if (i + 1 < pg->items->len) {
            const fs_item *t = &g_array_index(pg->items, fs_item, i + 1);
            if (t->kind == FS_ITEM_TEXT)
                s.name = t->text;
        }
        bool dup = false;
        for (guint k = 0; k < g->len; k++) {
            const swatch *o = &g_array_index(g, swatch, k);
            dup = dup || (o->color == s.color && o->pattern == s.pattern);
        }
        if (!dup)
            g_array_append_val(g, s);
    }
    for (guint k = 0; k < keys->len; k++) {
        const char *owner = g_ptr_array_index(keys, k);
        GArray *g = g_hash_table_lookup(groups, owner);
        g_autofree char *w = where(sc, *owner ? owner : NULL);
        check_pairs(L, sc->file, owner_line(sc, *owner ? owner : NULL), w,
                    (const swatch *)(void *)g->data, g->len);
    }
}

static void lint_doc(fs_lint *L, const fs_doc *doc, scope *sc, const fs_theme *theme)
{
    uint32_t page_bg = doc->background & 0xff ? doc->background : theme->background;
    /* the labels reading 0 of each data set, over the whole document */
    g_autofree size_t *zeros = g_new0(size_t, sc->ndata + 1);
    for (guint p = 0; p < doc->pages->len; p++) {
        const fs_page *pg = g_ptr_array_index(doc->pages, p);
        g_autofree char *place = NULL;
        const char *base_place = sc->place;
        if (sc->medium == MEDIUM_PRINT && sc->spec) {
            place = g_strdup_printf("page %u", p + 1);
            sc->place = place;
        }
        g_autoptr(GHashTable) found =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, finding_free);
        g_autoptr(GPtrArray) order = g_ptr_array_new();
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            check_page_edges(sc, pg, it, found, order);
            if (it->kind != FS_ITEM_TEXT || !it->layout)
                continue;
            check_text(sc, pg, i, page_bg, found, order);
            check_overlaps(sc, pg, i, found, order);
            check_breaks(sc, it, found, order);
            check_cover(sc, pg, it, found, order);
            check_zero(sc, it, zeros, found, order);
        }
        check_panel_edges(sc, pg, found, order);
        for (guint k = 0; k < order->len; k++) {
            const finding *f = g_ptr_array_index(order, k);
            if (f->more)
                warn(L, f->key, sc->file, f->line, "%s (and %d more like it)", f->msg, f->more);
            else
                warn(L, f->key, sc->file, f->line, "%s", f->msg);
        }
        check_swatches(L, sc, pg);
        sc->place = base_place;
    }
}

/* ---- reports, charts, themes ----------------------------------------------- */

/* What the value labels of a report stand for: one entry per bar and stat
 * panel of spec (all: its prepared panels). Returns a new array of *n. */
static lint_data *report_data(const fs_spec *spec, const fs_prepared *all, size_t *n)
{
    lint_data *out = g_new0(lint_data, spec->panels->len + 1);
    *n = 0;
    for (guint i = 0; all && i < spec->panels->len; i++) {
        const fs_panel *pn = all[i].panel;
        if (pn->type != FS_PANEL_BAR && pn->type != FS_PANEL_STAT)
            continue;
        out[(*n)++] = (lint_data){.owner = pn->id,
                                  .series = pn->type == FS_PANEL_BAR ? &all[i].series : NULL,
                                  .mode = pn->mode,
                                  .unit = pn->unit,
                                  .stat = all[i].stat};
    }
    return out;
}

void fs_lint_report_doc(fs_lint *L, const fs_spec *spec, const fs_prepared *all,
                        const fs_panel *panel, fs_doc *doc)
{
    const fs_theme *theme = fs_theme_or_light(spec->theme);
    size_t ndata;
    g_autofree lint_data *data = report_data(spec, all, &ndata);
    if (!panel) {
        if (!spec->source)
            warn(L, "no-source", spec->path, spec->line,
                 "[report] has no source line: every fact sheet should say where its figures "
                 "come from (source = …)");
        scope sc = {.file = spec->path,
                    .line = spec->line,
                    .spec = spec,
                    .place = "page",
                    .medium = MEDIUM_PRINT,
                    .data = data,
                    .ndata = ndata};
        lint_doc(L, doc, &sc, theme);
        return;
    }
    /* a slide's title and footer belong to its panel too */
    for (guint p = 0; p < doc->pages->len; p++) {
        fs_page *pg = g_ptr_array_index(doc->pages, p);
        for (guint k = 0; k < pg->items->len; k++)
            g_array_index(pg->items, fs_item, k).owner = panel->id;
    }
    scope sc = {.file = spec->path,
                .line = panel->line,
                .spec = spec,
                .place = "its slide",
                .medium = MEDIUM_SCREEN,
                .data = data,
                .ndata = ndata};
    lint_doc(L, doc, &sc, theme);
}

/* What lint_visit() lints with. */
typedef struct lint_visit_ctx {
    fs_lint *L;
    const fs_prepared *all;
} lint_visit_ctx;

/* Lints each document fs_report_layout_prepared() lays out: the sheet as
 * print, each slide as screen. */
static bool lint_visit(const fs_spec *spec, const fs_panel *panel, fs_doc *doc, void *user,
                       fs_diag *d)
{
    (void)d;
    const lint_visit_ctx *lv = user;
    fs_lint_report_doc(lv->L, spec, lv->all, panel, doc);
    return true;
}

bool fs_lint_report(fs_lint *L, const fs_spec *spec, fs_fonts *fonts, fs_diag *d)
{
    fs_prepared *all = fs_prepare_all(spec, d);
    if (!all)
        return false;
    lint_visit_ctx lv = {.L = L, .all = all};
    bool ok = fs_report_layout_prepared(spec, all, fonts, true, lint_visit, &lv, d);
    fs_prepared_free(all, spec->panels->len);
    return ok;
}

/* A highlight (annot.h) greys bars and lines: the accent and the muted grey
 * are graphics on the background (WCAG 2 1.4.11, 3:1). */
static void lint_highlight_colors(fs_lint *L, const fs_theme *t, const char *file)
{
    struct {
        const char *name;
        uint32_t c;
    } marks[] = {{"accent", t->accent}, {"muted", t->muted}};
    for (size_t i = 0; i < G_N_ELEMENTS(marks); i++) {
        double r = fs_contrast(marks[i].c, t->background);
        if (r >= FS_LINT_CONTRAST_LARGE)
            continue;
        char fg[8], bg[8];
        color_hex(marks[i].c, fg);
        color_hex(t->background, bg);
        warn(L, NULL, file, 0,
             "theme: %s (highlighted and greyed bars and lines): contrast %.2f:1 (%s on %s) is "
             "below %.1f:1 (WCAG 2 AA, graphics)",
             marks[i].name, shown_ratio(r, FS_LINT_CONTRAST_LARGE), fg, bg,
             FS_LINT_CONTRAST_LARGE);
    }
}

void fs_lint_chart_doc(fs_lint *L, const fs_doc *doc, const fs_series_data *data,
                       const fs_chart_opts *o)
{
    lint_data ld = {.series = data, .mode = o->mode, .unit = o->unit};
    scope sc = {.file = data->file,
                .place = "chart",
                .medium = o->print ? MEDIUM_PRINT : MEDIUM_SCREEN,
                .data = &ld,
                .ndata = 1};
    lint_doc(L, doc, &sc, fs_theme_or_light(o->theme));
    if (o->highlight)
        lint_highlight_colors(L, fs_theme_or_light(o->theme), data->file);
}

bool fs_lint_chart(fs_lint *L, const fs_series_data *data, const fs_chart_opts *o, fs_fonts *fonts,
                   fs_diag *d)
{
    fs_doc *doc = fs_doc_new();
    bool ok = fs_layout_chart(doc, fonts, data, o, d);
    if (ok)
        fs_lint_chart_doc(L, doc, data, o);
    fs_doc_free(doc);
    return ok;
}

void fs_lint_doc(fs_lint *L, const fs_doc *doc, const char *file, bool print, const fs_theme *t)
{
    scope sc = {.file = file, .place = "chart", .medium = print ? MEDIUM_PRINT : MEDIUM_SCREEN};
    lint_doc(L, doc, &sc, fs_theme_or_light(t));
}

void fs_lint_theme(fs_lint *L, const fs_theme *t, const char *file)
{
    t = fs_theme_or_light(t);
    struct {
        const char *name;
        uint32_t fg, bg;
    } pairs[3 + FS_THEME_MAX_SERIES] = {
        {"text", t->text, t->background},
        {"secondary text", t->secondary, t->background},
        {"a label on the accent", fs_text_on(t, t->accent), t->accent},
    };
    size_t np = 3;
    for (int k = 0; k < t->nseries; k++, np++) {
        pairs[np].name = NULL;
        pairs[np].fg = fs_text_on(t, t->series[k]);
        pairs[np].bg = t->series[k];
    }
    for (size_t i = 0; i < np; i++) {
        double r = fs_contrast(pairs[i].fg, pairs[i].bg);
        if (r >= FS_LINT_CONTRAST_BODY)
            continue;
        char fg[8], bg[8];
        color_hex(pairs[i].fg, fg);
        color_hex(pairs[i].bg, bg);
        g_autofree char *name = pairs[i].name ? g_strdup(pairs[i].name)
                                              : g_strdup_printf("a label on series %zu", i - 2);
        warn(L, NULL, file, 0,
             "theme: %s: contrast %.2f:1 (%s on %s) is below %.1f:1 (WCAG 2 AA, body "
             "text)",
             name, shown_ratio(r, FS_LINT_CONTRAST_BODY), fg, bg, FS_LINT_CONTRAST_BODY);
    }
    lint_highlight_colors(L, t, file);
    swatch sw[FS_THEME_MAX_SERIES];
    char names[FS_THEME_MAX_SERIES][16];
    for (int k = 0; k < t->nseries; k++) {
        g_snprintf(names[k], sizeof names[k], "series %d", k + 1);
        sw[k] = (swatch){.color = t->series[k],
                         .pattern = fs_theme_series_pattern(t, (size_t)k, 8),
                         .name = names[k]};
    }
    check_pairs(L, file, 0, "theme", sw, (size_t)t->nseries);
}
