/* theme: a theme file (a GLib key file) -> fs_theme. See theme.h.
 *
 * The file is read by keyfile.c against the schema below (five groups,
 * each key with its kind, its place in fs_theme and its range); each value
 * is then checked against its kind, in line order. Loading stops at the
 * first error: one diagnostic "FILE:LINE: [GROUP] key "KEY": what is
 * wrong". */
#include "theme.h"

#include "keyfile.h"
#include "values.h"

#include <stddef.h>
#include <string.h>

/* A theme is a few hundred bytes; this stops runaway input. */
#define THEME_MAX_BYTES (64 * 1024)
#define QUOTE_MAX 40

const char *const fs_pattern_names[] = {
    "solid", "hatch", "backhatch", "crosshatch", "horizontal", "vertical", "grid", "dots", NULL};
const char *const fs_theme_names[] = {"light", "dark", "print-bw", NULL};

/* The light theme: the values factsheet was designed with (see DESIGN.md,
 * "The look"). themes/light.ini says the same; test_theme checks it. */
static const fs_theme light = {
    .name = (char *)"light",
    .background = 0xffffffff,
    .text = 0x1a1a1aff,
    .secondary = 0x5c5c5cff, /* 6.6:1 on white */
    .grid = 0xe3e3e3ff,
    .axis = 0x8a8a8aff,
    .accent = 0x1d5f8aff, /* calm dark blue, 6.9:1 on white */
    .muted = 0x8c8c8cff,  /* 3.4:1 on white */
    .series = {0x0072b2ff, 0xe69f00ff, 0x009e73ff, 0xd55e00ff, 0x56b4e9ff, 0xcc79a7ff, 0xf0e442ff,
               0x000000ff}, /* Okabe-Ito */
    .nseries = 8,
    .bar_text_light = 0xffffffff,
    .bar_text_dark = 0x1a1a1aff,
    .zebra = 0xf2f4f6ff,
    .accent_pattern = FS_PATTERN_SOLID,
    .series_pattern = {FS_PATTERN_SOLID},
    .npatterns = 1,
    .pattern_ink = 0x000000ff,
    .title_weight = 700,
    .heading_weight = 700,
    .stat_weight = 700,
    .value_weight = 600,
    .caption_weight = 500,
    .date_weight = 600,
    .body = 9.5,
    .slide_body = 26,
    .title = 2.3,
    .chart_title = 1.85,
    .panel_title = 1.3,
    .stat = 3.6,
    .value = 0.95,
    .tick = 0.9,
    .small = 0.85,
    .footer = 0.8,
    .margin = 42.52, /* 15 mm */
    .gutter = 14.17, /* 5 mm */
    .slide_margin = 2.2,
    .logo = NULL,
    .logo_height = 3.2,
};

const fs_theme *fs_theme_light(void)
{
    return &light;
}

const fs_theme *fs_theme_or_light(const fs_theme *t)
{
    return t ? t : &light;
}

uint32_t fs_theme_series_color(const fs_theme *t, size_t k, size_t n)
{
    t = fs_theme_or_light(t);
    return n == 1 ? t->accent : t->series[k % (size_t)t->nseries];
}

fs_pattern fs_theme_series_pattern(const fs_theme *t, size_t k, size_t n)
{
    t = fs_theme_or_light(t);
    return n == 1 ? t->accent_pattern : t->series_pattern[k % (size_t)t->npatterns];
}

bool fs_theme_is_name(const char *s)
{
    return *s && !strchr(s, '/') && !strchr(s, '.');
}

fs_theme *fs_theme_copy(const fs_theme *t)
{
    fs_theme *c = g_new(fs_theme, 1);
    *c = *t;
    c->name = g_strdup(t->name);
    c->logo = g_strdup(t->logo);
    return c;
}

void fs_theme_free(fs_theme *t)
{
    if (!t)
        return;
    g_free(t->name);
    g_free(t->logo);
    g_free(t);
}

/* ---- the schema ---------------------------------------------------------- */

/* The module's own value kinds (FS_KEY_NUMBER keys are read as numbers). */
enum { K_COLOR = 1, K_COLORS, K_PATTERN, K_PATTERNS, K_WEIGHT, K_LENGTH, K_FILE };

#define OFF(f) offsetof(fs_theme, f)
/* clang-format off */
#define COLOR(n, f) {.name = n, .type = FS_KEY_STRING, .kind = K_COLOR, .offset = OFF(f)}
#define WEIGHT(n) {.name = #n, .type = FS_KEY_STRING, .kind = K_WEIGHT, .offset = OFF(n)}
#define SIZE(n, lo, hi, u) {.name = #n, .type = FS_KEY_NUMBER, .min = lo, .max = hi, .unit = u, \
                            .offset = OFF(n)}
#define LENGTH(n, lo, hi) {.name = #n, .type = FS_KEY_STRING, .kind = K_LENGTH, .min = lo, \
                           .max = hi, .unit = " pt", .offset = OFF(n)}
/* clang-format on */

static const fs_key color_keys[] = {
    COLOR("background", background),
    COLOR("text", text),
    COLOR("secondary", secondary),
    COLOR("grid", grid),
    COLOR("axis", axis),
    COLOR("accent", accent),
    COLOR("muted", muted),
    {.name = "series",
     .type = FS_KEY_STRING,
     .kind = K_COLORS,
     .offset = OFF(series),
     .aux = OFF(nseries)},
    COLOR("bar_text_light", bar_text_light),
    COLOR("bar_text_dark", bar_text_dark),
    COLOR("zebra", zebra),
    {0},
};

static const fs_key pattern_keys[] = {
    {.name = "accent", .type = FS_KEY_STRING, .kind = K_PATTERN, .offset = OFF(accent_pattern)},
    {.name = "series",
     .type = FS_KEY_STRING,
     .kind = K_PATTERNS,
     .offset = OFF(series_pattern),
     .aux = OFF(npatterns)},
    COLOR("ink", pattern_ink),
    {0},
};

static const fs_key font_keys[] = {
    WEIGHT(title_weight),
    WEIGHT(heading_weight),
    WEIGHT(stat_weight),
    WEIGHT(value_weight),
    WEIGHT(caption_weight),
    WEIGHT(date_weight),
    {0},
};

static const fs_key size_keys[] = {
    SIZE(body, 4, 24, " pt"),
    SIZE(slide_body, 8, 80, " px"),
    SIZE(title, 1, 5, " × body"),
    SIZE(chart_title, 1, 5, " × body"),
    SIZE(panel_title, 0.8, 3, " × body"),
    SIZE(stat, 1, 8, " × body"),
    SIZE(value, 0.3, 2, " × body"),
    SIZE(tick, 0.3, 2, " × body"),
    SIZE(small, 0.3, 2, " × body"),
    SIZE(footer, 0.3, 2, " × body"),
    {0},
};

static const fs_key spacing_keys[] = {
    LENGTH(margin, 1, 144),
    LENGTH(gutter, 0, 72),
    SIZE(slide_margin, 0.5, 6, " × body"),
    {0},
};

static const fs_key header_keys[] = {
    {.name = "logo", .type = FS_KEY_STRING, .kind = K_FILE, .offset = OFF(logo)},
    SIZE(logo_height, 1, 8, " × body"),
    {0},
};
#undef OFF

static const fs_group_schema theme_groups[] = {
    {"colors", false, color_keys}, {"patterns", false, pattern_keys}, {"fonts", false, font_keys},
    {"sizes", false, size_keys},   {"spacing", false, spacing_keys},  {"header", false, header_keys},
    {0},
};

static const fs_keyfile_schema theme_schema = {
    .what = "theme",
    .max_bytes = THEME_MAX_BYTES,
    .groups = theme_groups,
    .start = "start with [colors], …",
    .missing_hint = " (a theme file)",
};

/* ---- values ---------------------------------------------------------------- */

/* #rrggbb (case-insensitive) -> 0xRRGGBBff. */
static bool parse_color(const char *s, uint32_t *out)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    uint32_t v = 0;
    for (int i = 1; i < 7; i++) {
        int x = g_ascii_xdigit_value(s[i]);
        if (x < 0)
            return false;
        v = v << 4 | (uint32_t)x;
    }
    *out = v << 8 | 0xff;
    return true;
}

/* A pattern name into *out, or false after the diagnostic. */
static bool read_pattern(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, const char *v,
                         fs_pattern *out)
{
    int i = fs_opts_pick(v, fs_pattern_names);
    if (i < 0) {
        g_autofree char *list = g_strjoinv(", ", (char **)fs_pattern_names);
        fs_keyfile_bad_value(kf, g, k, v, "is not a pattern (expected one of %s)", list);
        return false;
    }
    *out = (fs_pattern)i;
    return true;
}

/* A comma list of colours or patterns into base + offset, its length
 * into base + aux. */
static bool read_list(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, const char *v,
                      char *base)
{
    const fs_key *ki = k->info;
    g_auto(GStrv) parts = g_strsplit(v, ",", -1);
    int n = 0;
    for (char **p = parts; *p; p++, n++) {
        g_strstrip(*p);
        if (n >= FS_THEME_MAX_SERIES) {
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key,
                            "at most %d values, comma-separated", FS_THEME_MAX_SERIES);
            return false;
        }
        if (ki->kind == K_PATTERNS) {
            if (!read_pattern(kf, g, k, *p, (fs_pattern *)(base + ki->offset) + n))
                return false;
        } else if (!parse_color(*p, (uint32_t *)(base + ki->offset) + n)) {
            fs_keyfile_bad_value(kf, g, k, *p,
                                 "is not a colour (expected a comma list of #rrggbb, e.g. "
                                 "#0072b2, #e69f00)");
            return false;
        }
    }
    *(int *)(base + ki->aux) = n;
    return true;
}

/* One key of the file into t, checked. */
static bool read_value(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, fs_theme *t)
{
    const fs_key *ki = k->info;
    char *base = (char *)t;
    if (ki->type == FS_KEY_NUMBER)
        return fs_keyfile_get_number(kf, g, k->key, NULL, (double *)(base + ki->offset));
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(kf, g, k->key, NULL, &v))
        return false;
    static const char *const weights[] = {"400", "500", "600", "700", NULL};
    double x;
    switch (ki->kind) {
    case K_COLOR:
        if (parse_color(v, (uint32_t *)(base + ki->offset)))
            return true;
        fs_keyfile_bad_value(kf, g, k, v, "is not a colour (expected #rrggbb, e.g. #1d5f8a)");
        return false;
    case K_PATTERN:
        return read_pattern(kf, g, k, v, (fs_pattern *)(base + ki->offset));
    case K_COLORS:
    case K_PATTERNS:
        return read_list(kf, g, k, v, base);
    case K_WEIGHT:
        if (fs_opts_pick(v, weights) >= 0) {
            *(int *)(base + ki->offset) = 400 + 100 * fs_opts_pick(v, weights);
            return true;
        }
        fs_keyfile_bad_value(kf, g, k, v,
                             "is not a font weight (expected 400, 500, 600 or 700: the weights "
                             "fonts/ holds)");
        return false;
    case K_LENGTH:
        if (!fs_parse_length(v, &x)) {
            fs_keyfile_bad_value(kf, g, k, v,
                                 "is not a length (expected a number with pt, mm, cm or in, "
                                 "e.g. 15mm)");
            return false;
        }
        if (!fs_keyfile_check_range(kf, g, k, v, x))
            return false;
        *(double *)(base + ki->offset) = x;
        return true;
    case K_FILE:
        if (!*v) {
            fs_keyfile_bad_value(kf, g, k, v, "is empty (expected an .svg or .png file)");
            return false;
        }
        g_free(*(char **)(base + ki->offset));
        *(char **)(base + ki->offset) = g_steal_pointer(&v);
        return true;
    }
    return false;
}

fs_theme *fs_theme_load_buffer(const char *name, const char *buf, size_t len, fs_diag *d)
{
    g_autoptr(fs_keyfile) kf = fs_keyfile_new(&theme_schema, name, NULL, d);
    if (!fs_keyfile_load(kf, buf, len) || !fs_keyfile_check_escapes(kf))
        return NULL;
    fs_theme *t = fs_theme_copy(&light);
    g_free(t->name);
    t->name = g_strdup(name);
    /* in line order: the first error in the file is the one reported */
    for (size_t i = 0; i < fs_keyfile_n_groups(kf); i++) {
        const fs_kf_group *g = fs_keyfile_nth_group(kf, i);
        for (guint j = 0; j < g->keys->len; j++) {
            if (!read_value(kf, g, g_ptr_array_index(g->keys, j), t)) {
                fs_theme_free(t);
                return NULL;
            }
        }
    }
    return t;
}

fs_theme *fs_theme_load(const char *path, fs_diag *d)
{
    g_autoptr(GByteArray) bytes = fs_keyfile_read_file(&theme_schema, path, d);
    if (!bytes)
        return NULL;
    return fs_theme_load_buffer(path, (const char *)bytes->data, bytes->len, d);
}

fs_theme *fs_theme_load_fd(int fd, const char *name, fs_diag *d)
{
    g_autoptr(GByteArray) bytes = fs_keyfile_read_fd(&theme_schema, fd, name, d);
    if (!bytes)
        return NULL;
    return fs_theme_load_buffer(name, (const char *)bytes->data, bytes->len, d);
}

/* ---- finding the shipped themes ------------------------------------------ */

static bool has_light(const char *dir)
{
    g_autofree char *f = g_build_filename(dir, "light.ini", NULL);
    return g_file_test(f, G_FILE_TEST_IS_REGULAR);
}

char *fs_theme_default_dir(void)
{
    const char *env = g_getenv("FACTSHEET_THEME_DIR");
    if (env && *env)
        return g_strdup(env);
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (exe) {
        g_autofree char *bin = g_path_get_dirname(exe);
        /* build/factsheet, build/san/factsheet or build/tests/x,
         * build/san/tests/x, PREFIX/bin/factsheet */
        const char *candidates[] = {"../themes", "../../themes", "../../../themes",
                                    "../share/factsheet/themes"};
        for (size_t i = 0; i < G_N_ELEMENTS(candidates); i++) {
            g_autofree char *dir = g_build_filename(bin, candidates[i], NULL);
            if (has_light(dir))
                return g_canonicalize_filename(dir, NULL);
        }
    }
    return g_strdup("themes");
}

fs_theme *fs_theme_load_named(const char *name, fs_diag *d)
{
    if (fs_opts_pick(name, fs_theme_names) < 0) {
        g_autofree char *q = fs_diag_quote(name, -1, QUOTE_MAX);
        /* a spec checks names itself: this is the command line's --theme */
        fs_diag_add(d, FS_ERR_USAGE, NULL, 0, 0,
                    "theme %s is not one of light, dark, print-bw (or a path to a .ini file)", q);
        return NULL;
    }
    g_autofree char *dir = fs_theme_default_dir();
    g_autofree char *file = g_strdup_printf("%s.ini", name);
    g_autofree char *path = g_build_filename(dir, file, NULL);
    fs_theme *t = fs_theme_load(path, d);
    if (t) {
        g_free(t->name);
        t->name = g_strdup(name);
    }
    return t;
}

fs_theme *fs_theme_open(const char *name_or_path, fs_diag *d)
{
    return fs_theme_is_name(name_or_path) ? fs_theme_load_named(name_or_path, d)
                                          : fs_theme_load(name_or_path, d);
}
