/* theme: a theme file (a GLib key file) -> fs_theme. See theme.h.
 *
 * Like spec.c, two passes: a raw scan of the lines (GKeyFile reports no
 * line numbers and merges duplicates silently) checks UTF-8, every group and
 * key name and duplicates, and records each key's line; GKeyFile then reads
 * the values (escapes, comma lists) and each is checked against its key's
 * type and range. Loading stops at the first error: one diagnostic
 * "FILE:LINE: [GROUP] key "KEY": what is wrong". */
#include "theme.h"

#include "opts.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    .series = {0x0072b2ff, 0xe69f00ff, 0x009e73ff, 0xd55e00ff, 0x56b4e9ff, 0xcc79a7ff, 0xf0e442ff,
               0x000000ff}, /* Okabe-Ito */
    .nseries = 8,
    .bar_text_light = 0xffffffff,
    .bar_text_dark = 0x1a1a1aff,
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
    return c;
}

void fs_theme_free(fs_theme *t)
{
    if (!t)
        return;
    g_free(t->name);
    g_free(t);
}

/* ---- the keys ------------------------------------------------------------ */

typedef enum { K_COLOR, K_COLORS, K_PATTERN, K_PATTERNS, K_WEIGHT, K_NUMBER, K_LENGTH } key_type;

typedef struct key_info {
    const char *group, *name;
    key_type type;
    size_t offset;    /* into fs_theme */
    size_t count;     /* K_COLORS, K_PATTERNS: offset of the int count */
    double min, max;  /* K_NUMBER, K_LENGTH */
    const char *unit; /* for range messages */
} key_info;

#define OFF(f) offsetof(fs_theme, f)
static const key_info keys[] = {
    {"colors", "background", K_COLOR, OFF(background), 0, 0, 0, NULL},
    {"colors", "text", K_COLOR, OFF(text), 0, 0, 0, NULL},
    {"colors", "secondary", K_COLOR, OFF(secondary), 0, 0, 0, NULL},
    {"colors", "grid", K_COLOR, OFF(grid), 0, 0, 0, NULL},
    {"colors", "axis", K_COLOR, OFF(axis), 0, 0, 0, NULL},
    {"colors", "accent", K_COLOR, OFF(accent), 0, 0, 0, NULL},
    {"colors", "series", K_COLORS, OFF(series), OFF(nseries), 0, 0, NULL},
    {"colors", "bar_text_light", K_COLOR, OFF(bar_text_light), 0, 0, 0, NULL},
    {"colors", "bar_text_dark", K_COLOR, OFF(bar_text_dark), 0, 0, 0, NULL},
    {"patterns", "accent", K_PATTERN, OFF(accent_pattern), 0, 0, 0, NULL},
    {"patterns", "series", K_PATTERNS, OFF(series_pattern), OFF(npatterns), 0, 0, NULL},
    {"patterns", "ink", K_COLOR, OFF(pattern_ink), 0, 0, 0, NULL},
    {"fonts", "title_weight", K_WEIGHT, OFF(title_weight), 0, 0, 0, NULL},
    {"fonts", "heading_weight", K_WEIGHT, OFF(heading_weight), 0, 0, 0, NULL},
    {"fonts", "stat_weight", K_WEIGHT, OFF(stat_weight), 0, 0, 0, NULL},
    {"fonts", "value_weight", K_WEIGHT, OFF(value_weight), 0, 0, 0, NULL},
    {"fonts", "caption_weight", K_WEIGHT, OFF(caption_weight), 0, 0, 0, NULL},
    {"fonts", "date_weight", K_WEIGHT, OFF(date_weight), 0, 0, 0, NULL},
    {"sizes", "body", K_NUMBER, OFF(body), 0, 4, 24, " pt"},
    {"sizes", "slide_body", K_NUMBER, OFF(slide_body), 0, 8, 80, " px"},
    {"sizes", "title", K_NUMBER, OFF(title), 0, 1, 5, " × body"},
    {"sizes", "chart_title", K_NUMBER, OFF(chart_title), 0, 1, 5, " × body"},
    {"sizes", "panel_title", K_NUMBER, OFF(panel_title), 0, 0.8, 3, " × body"},
    {"sizes", "stat", K_NUMBER, OFF(stat), 0, 1, 8, " × body"},
    {"sizes", "value", K_NUMBER, OFF(value), 0, 0.3, 2, " × body"},
    {"sizes", "tick", K_NUMBER, OFF(tick), 0, 0.3, 2, " × body"},
    {"sizes", "small", K_NUMBER, OFF(small), 0, 0.3, 2, " × body"},
    {"sizes", "footer", K_NUMBER, OFF(footer), 0, 0.3, 2, " × body"},
    {"spacing", "margin", K_LENGTH, OFF(margin), 0, 1, 144, " pt"},
    {"spacing", "gutter", K_LENGTH, OFF(gutter), 0, 0, 72, " pt"},
    {"spacing", "slide_margin", K_NUMBER, OFF(slide_margin), 0, 0.5, 6, " × body"},
};
#undef OFF

static const char *const groups[] = {"colors", "patterns", "fonts", "sizes", "spacing", NULL};

static const key_info *find_key(const char *group, const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (!strcmp(keys[i].group, group) && !strcmp(keys[i].name, name))
            return &keys[i];
    return NULL;
}

/* The known key of group nearest to name (distance <= 2), or NULL. */
static const char *nearest_key(const char *group, const char *name)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        if (strcmp(keys[i].group, group) != 0)
            continue;
        size_t dist = fs_edit_distance(name, keys[i].name);
        if (dist < best_d)
            best_d = dist, best = keys[i].name;
    }
    return best;
}

static const char *nearest_group(const char *name)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; groups[i]; i++) {
        size_t dist = fs_edit_distance(name, groups[i]);
        if (dist < best_d)
            best_d = dist, best = groups[i];
    }
    if (!best && !strcmp(name, "colours"))
        best = "colors";
    return best;
}

/* ---- loading ------------------------------------------------------------- */

typedef struct seen_key {
    const key_info *info;
    char *group, *key;
    unsigned long line;
} seen_key;

typedef struct loader {
    const char *path;
    fs_diag *d;
    bool failed;
    GArray *seen;      /* seen_key, in line order */
    GHashTable *lines; /* "group\nkey" or "[group" -> line */
} loader;

static void G_GNUC_PRINTF(5, 6)
    fail(loader *L, unsigned long line, const char *group, const char *key, const char *fmt, ...)
{
    if (L->failed)
        return;
    L->failed = true;
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    GString *pre = g_string_new(NULL);
    if (group)
        g_string_append_printf(pre, "[%s] ", group);
    if (key) {
        g_autofree char *q = fs_diag_quote(key, -1, QUOTE_MAX);
        g_string_append_printf(pre, "key %s: ", q);
    }
    fs_diag_add(L->d, FS_ERR_INPUT, L->path, line, 0, "%s%s", pre->str, msg);
    g_string_free(pre, TRUE);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The raw scan: every line is blank, a comment, a known [group] or a known
 * key = value inside one; nothing twice. Appends what it accepted to norm. */
static bool scan(loader *L, const char *buf, size_t len, GString *norm)
{
    const char *p = buf, *end = buf + len;
    unsigned long line = 0;
    const char *group = NULL;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        const char *bad = NULL;
        if (!g_utf8_validate_len(p, (gsize)(le - p), &bad)) {
            fail(L, line, NULL, NULL,
                 "line has %s (byte 0x%02x at column %lu); a theme must be UTF-8 text",
                 *bad ? "invalid UTF-8" : "a NUL byte", (unsigned)(unsigned char)*bad,
                 (unsigned long)g_utf8_strlen(p, bad - p) + 1);
            return false;
        }
        const char *s = p, *e = le;
        p = nl ? nl + 1 : end;
        while (s < e && is_blank(*s))
            s++;
        while (e > s && is_blank(e[-1]))
            e--;
        if (s == e || *s == '#')
            continue;
        g_autofree char *text = g_strndup(s, (gsize)(e - s));
        if (*s == '[') {
            g_autofree char *q = fs_diag_quote(text, -1, QUOTE_MAX);
            if (e[-1] != ']' || e - s < 3) {
                fail(L, line, NULL, NULL, "%s is not a group header", q);
                return false;
            }
            text[e - s - 1] = '\0';
            const char *name = text + 1;
            if (fs_opts_pick(name, groups) < 0) {
                g_autofree char *qn = fs_diag_quote(name, -1, QUOTE_MAX);
                const char *sugg = nearest_group(name);
                if (sugg)
                    fail(L, line, NULL, NULL, "unknown group %s (did you mean [%s]?)", qn, sugg);
                else
                    fail(L, line, NULL, NULL,
                         "unknown group %s (expected [colors], [patterns], [fonts], [sizes] "
                         "or [spacing])",
                         qn);
                return false;
            }
            g_autofree char *hk = g_strdup_printf("[%s", name);
            gpointer prev = g_hash_table_lookup(L->lines, hk);
            if (prev) {
                fail(L, line, NULL, NULL, "duplicate group [%s] (first at line %u)", name,
                     GPOINTER_TO_UINT(prev));
                return false;
            }
            g_hash_table_insert(L->lines, g_steal_pointer(&hk), GUINT_TO_POINTER(line));
            group = groups[fs_opts_pick(name, groups)];
            g_string_append_printf(norm, "[%s]\n", group);
            continue;
        }
        const char *eq = memchr(s, '=', (size_t)(e - s));
        if (!eq) {
            g_autofree char *q = fs_diag_quote(text, -1, QUOTE_MAX);
            fail(L, line, NULL, NULL,
                 "%s is not a key file line (expected [group], key = value, # comment or a "
                 "blank line)",
                 q);
            return false;
        }
        g_autofree char *key = g_strndup(s, (gsize)(eq - s));
        g_strchomp(key);
        if (!group) {
            g_autofree char *q = fs_diag_quote(key, -1, QUOTE_MAX);
            fail(L, line, NULL, NULL, "key %s outside any group (start with [colors], …)", q);
            return false;
        }
        const key_info *ki = find_key(group, key);
        if (!ki) {
            const char *sugg = nearest_key(group, key);
            const key_info *other = NULL;
            for (size_t i = 0; !other && i < G_N_ELEMENTS(keys); i++)
                if (!strcmp(keys[i].name, key))
                    other = &keys[i];
            if (sugg)
                fail(L, line, group, key, "unknown key (did you mean \"%s\"?)", sugg);
            else if (other)
                fail(L, line, group, key, "unknown key (it belongs in [%s])", other->group);
            else
                fail(L, line, group, key, "unknown key");
            return false;
        }
        g_autofree char *lk = g_strdup_printf("%s\n%s", group, key);
        gpointer prev = g_hash_table_lookup(L->lines, lk);
        if (prev) {
            fail(L, line, group, key, "duplicate key (first at line %u)", GPOINTER_TO_UINT(prev));
            return false;
        }
        g_hash_table_insert(L->lines, g_steal_pointer(&lk), GUINT_TO_POINTER(line));
        seen_key sk = {.info = ki, .group = g_strdup(group), .key = g_strdup(key), .line = line};
        g_array_append_val(L->seen, sk);
        const char *v = eq + 1;
        while (v < e && is_blank(*v))
            v++;
        g_string_append_printf(norm, "%s=", key);
        g_string_append_len(norm, v, e - v);
        g_string_append_c(norm, '\n');
    }
    return true;
}

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

/* A plain ASCII decimal number, never the process locale. One too large
 * for a double (400 digits) is +inf: out of range, not "not a number". */
static bool parse_number(const char *s, double *out)
{
    size_t n = strspn(s, "0123456789.");
    if (n == 0 || s[n] != '\0' || strchr(s, '.') != strrchr(s, '.') || !strcmp(s, "."))
        return false;
    *out = g_ascii_strtod(s, NULL);
    return true;
}

static void bad_value(loader *L, const seen_key *k, const char *v, const char *what)
{
    g_autofree char *q = fs_diag_quote(v, -1, QUOTE_MAX);
    fail(L, k->line, k->group, k->key, "%s %s", q, what);
}

static bool read_value(loader *L, GKeyFile *kf, const seen_key *k, fs_theme *t)
{
    const key_info *ki = k->info;
    char *base = (char *)t;
    g_autoptr(GError) err = NULL;
    g_autofree char *v = g_key_file_get_string(kf, k->group, k->key, &err);
    if (!v) {
        fail(L, k->line, k->group, k->key, "invalid escape in the value");
        return false;
    }
    g_strstrip(v);
    if (!*v) {
        fail(L, k->line, k->group, k->key, "empty value");
        return false;
    }
    switch (ki->type) {
    case K_COLOR:
        if (!parse_color(v, (uint32_t *)(base + ki->offset))) {
            bad_value(L, k, v, "is not a colour (expected #rrggbb, e.g. #1d5f8a)");
            return false;
        }
        return true;
    case K_PATTERN: {
        int i = fs_opts_pick(v, fs_pattern_names);
        if (i < 0) {
            g_autofree char *list = g_strjoinv(", ", (char **)fs_pattern_names);
            g_autofree char *m = g_strdup_printf("is not a pattern (expected one of %s)", list);
            bad_value(L, k, v, m);
            return false;
        }
        *(fs_pattern *)(base + ki->offset) = (fs_pattern)i;
        return true;
    }
    case K_COLORS:
    case K_PATTERNS: {
        g_auto(GStrv) parts = g_strsplit(v, ",", -1);
        int n = 0;
        for (char **p = parts; *p; p++, n++) {
            g_strstrip(*p);
            if (n >= FS_THEME_MAX_SERIES) {
                fail(L, k->line, k->group, k->key, "at most %d values, comma-separated",
                     FS_THEME_MAX_SERIES);
                return false;
            }
            if (ki->type == K_COLORS) {
                uint32_t c;
                if (!parse_color(*p, &c)) {
                    bad_value(L, k, *p,
                              "is not a colour (expected a comma list of #rrggbb, e.g. "
                              "#0072b2, #e69f00)");
                    return false;
                }
                ((uint32_t *)(base + ki->offset))[n] = c;
            } else {
                int i = fs_opts_pick(*p, fs_pattern_names);
                if (i < 0) {
                    g_autofree char *list = g_strjoinv(", ", (char **)fs_pattern_names);
                    g_autofree char *m =
                        g_strdup_printf("is not a pattern (expected one of %s)", list);
                    bad_value(L, k, *p, m);
                    return false;
                }
                ((fs_pattern *)(base + ki->offset))[n] = (fs_pattern)i;
            }
        }
        *(int *)(base + ki->count) = n;
        return true;
    }
    case K_WEIGHT: {
        static const char *const weights[] = {"400", "500", "600", "700", NULL};
        int i = fs_opts_pick(v, weights);
        if (i < 0) {
            bad_value(L, k, v,
                      "is not a font weight (expected 400, 500, 600 or 700: the weights "
                      "fonts/ holds)");
            return false;
        }
        *(int *)(base + ki->offset) = 400 + 100 * i;
        return true;
    }
    case K_NUMBER:
    case K_LENGTH: {
        double x;
        bool ok = ki->type == K_NUMBER ? parse_number(v, &x) : fs_parse_length(v, &x);
        if (!ok) {
            bad_value(L, k, v,
                      ki->type == K_NUMBER
                          ? "is not a number (expected digits with an optional ., e.g. 9.5)"
                          : "is not a length (expected a number with pt, mm, cm or in, e.g. "
                            "15mm)");
            return false;
        }
        if (!(x >= ki->min && x <= ki->max)) {
            g_autofree char *m =
                g_strdup_printf("is out of range: from %g to %g%s", ki->min, ki->max, ki->unit);
            bad_value(L, k, v, m);
            return false;
        }
        *(double *)(base + ki->offset) = x;
        return true;
    }
    }
    return false;
}

static void seen_clear(gpointer p)
{
    seen_key *k = p;
    g_free(k->group);
    g_free(k->key);
}

fs_theme *fs_theme_load_buffer(const char *name, const char *buf, size_t len, fs_diag *d)
{
    loader L = {.path = name, .d = d};
    if (len > THEME_MAX_BYTES) {
        fs_diag_add(d, FS_ERR_INPUT, name, 0, 0, "theme is larger than 64 KiB (%zu bytes)", len);
        return NULL;
    }
    L.seen = g_array_new(FALSE, TRUE, sizeof(seen_key));
    g_array_set_clear_func(L.seen, seen_clear);
    L.lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GString) norm = g_string_new(NULL);
    fs_theme *t = NULL;
    GKeyFile *kf = NULL;
    GError *err = NULL;
    if (!scan(&L, buf, len, norm))
        goto out;
    kf = g_key_file_new();
    if (!g_key_file_load_from_data(kf, norm->str, norm->len, G_KEY_FILE_NONE, &err)) {
        fail(&L, 0, NULL, NULL, "not a key file: %s", err->message);
        goto out;
    }
    t = fs_theme_copy(&light);
    g_free(t->name);
    t->name = g_strdup(name);
    for (guint i = 0; i < L.seen->len; i++) {
        if (!read_value(&L, kf, &g_array_index(L.seen, seen_key, i), t)) {
            g_clear_pointer(&t, fs_theme_free);
            break;
        }
    }
out:
    g_clear_error(&err);
    if (kf)
        g_key_file_free(kf);
    g_array_free(L.seen, TRUE);
    g_hash_table_destroy(L.lines);
    return t;
}

fs_theme *fs_theme_load(const char *path, fs_diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            fs_diag_add(d, FS_ERR_INPUT, path, 0, 0, "No such file (a theme file)");
        else
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read the theme: %s", g_strerror(e));
        return NULL;
    }
    fs_theme *t = fs_theme_load_fd(fd, path, d);
    close(fd);
    return t;
}

fs_theme *fs_theme_load_fd(int fd, const char *name, fs_diag *d)
{
    struct stat st = {0};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        fs_diag_add(d, FS_ERR_SYSTEM, name, 0, 0, "cannot read the theme: %s",
                    S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
        return NULL;
    }
    GByteArray *bytes = g_byte_array_new();
    char chunk[8192];
    bool err = false;
    int e = 0;
    while (bytes->len <= THEME_MAX_BYTES) {
        ssize_t n = pread(fd, chunk, sizeof chunk, (off_t)bytes->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = true, e = errno;
            break;
        }
        if (n == 0)
            break;
        g_byte_array_append(bytes, (const guint8 *)chunk, (guint)n);
    }
    fs_theme *t = NULL;
    if (err)
        fs_diag_add(d, FS_ERR_SYSTEM, name, 0, 0, "cannot read the theme: %s", g_strerror(e));
    else
        t = fs_theme_load_buffer(name, (const char *)bytes->data, bytes->len, d);
    g_byte_array_free(bytes, TRUE);
    return t;
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
