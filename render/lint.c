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

/* Where warnings of one document point. */
typedef struct scope {
    const char *file;
    unsigned long line;  /* for items that belong to no panel */
    const fs_spec *spec; /* NULL for a chart: no panels */
    const char *place;   /* "page 1", "slide", "chart" */
    medium medium;
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
            if (it->kind == FS_ITEM_TEXT && it->layout)
                check_text(sc, pg, i, page_bg, found, order);
        }
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

/* Lints each document fs_report_layout() lays out: the sheet as print, each
 * slide as screen. */
static bool lint_visit(const fs_spec *spec, const fs_panel *panel, fs_doc *doc, void *user,
                       fs_diag *d)
{
    (void)d;
    fs_lint *L = user;
    const fs_theme *theme = fs_theme_or_light(spec->theme);
    if (!panel) {
        if (!spec->source)
            warn(L, "no-source", spec->path, spec->line,
                 "[report] has no source line: every fact sheet should say where its figures "
                 "come from (source = …)");
        scope sc = {.file = spec->path,
                    .line = spec->line,
                    .spec = spec,
                    .place = "page",
                    .medium = MEDIUM_PRINT};
        lint_doc(L, doc, &sc, theme);
        return true;
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
                .medium = MEDIUM_SCREEN};
    lint_doc(L, doc, &sc, theme);
    return true;
}

bool fs_lint_report(fs_lint *L, const fs_spec *spec, fs_fonts *fonts, fs_diag *d)
{
    return fs_report_layout(spec, fonts, true, lint_visit, L, d);
}

bool fs_lint_chart(fs_lint *L, const fs_series_data *data, const fs_chart_opts *o, fs_fonts *fonts,
                   fs_diag *d)
{
    fs_doc *doc = fs_doc_new();
    bool ok = fs_layout_chart(doc, fonts, data, o, d);
    scope sc = {
        .file = data->file, .place = "chart", .medium = o->print ? MEDIUM_PRINT : MEDIUM_SCREEN};
    if (ok)
        lint_doc(L, doc, &sc, fs_theme_or_light(o->theme));
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
