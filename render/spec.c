/* spec: a report spec (a GLib key file) -> fs_spec. See spec.h.
 *
 * Two passes. The first scans the raw bytes line by line, because GKeyFile
 * merges duplicate groups and keys silently and reports no line numbers: it
 * checks UTF-8, classifies every line (blank, comment, [group], key = value),
 * validates group names, key names and locale tags, catches duplicates and
 * records the line of every group and key. It also writes a normalized copy
 * (no comments, no CR, values trimmed) that only holds what it accepted, so
 * GKeyFile cannot fail on it. The second pass reads values through GKeyFile
 * (escapes, lists, locale variants) and validates them group by group,
 * [report] first, then the panels in file order.
 *
 * Every error is one diagnostic "PATH:LINE: [GROUP] key "KEY": what is
 * wrong", and loading stops at the first one. Status: FS_ERR_INPUT for
 * content, and for a data path that is missing, a directory or unreadable
 * (issue 5: a spec error is exit 1); FS_ERR_SYSTEM when the spec itself
 * exists but cannot be read (no permission, a directory, not a regular
 * file); a missing spec is input.
 * This module reads no CSV: it only checks that data paths are confined,
 * exist and can be opened, and keeps each CSV open for report to read (see
 * resolve_data: a path is never opened by name twice). */
#include "spec.h"

#include "lang.h"
#include "safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bounded input: a spec is a few kilobytes; these stop runaway input early. */
#define SPEC_MAX_BYTES (1024 * 1024)
#define SPEC_MAX_PANELS 200
/* Names and IDs become file names (NAME-PANEL.png): keep them short. */
#define SPEC_MAX_NAME 64
/* Page sides: 1 in .. 200 in, so a typo cannot ask for a gigapixel surface. */
#define PAGE_MIN_PT 72.0
#define PAGE_MAX_PT 14400.0
#define SLIDE_MIN_PX 100.0
#define SLIDE_MAX_PX 10000.0
#define COLUMNS_MAX 24
#define ROW_MAX 100000000L
/* Longest user text quoted in a message, in characters. */
#define QUOTE_MAX 40

/* ---- the keys ------------------------------------------------------------ */

/* Which panel types accept a key: bit (1 << fs_panel_type). */
#define T_BAR (1u << FS_PANEL_BAR)
#define T_STAT (1u << FS_PANEL_STAT)
#define T_PICTO (1u << FS_PANEL_PICTOGRAM)
#define T_TIMELINE (1u << FS_PANEL_TIMELINE)
#define T_TEXT (1u << FS_PANEL_TEXT)
#define T_ALL (T_BAR | T_STAT | T_PICTO | T_TIMELINE | T_TEXT)
#define T_DATA (T_BAR | T_STAT | T_PICTO | T_TIMELINE)

typedef struct key_info {
    const char *name;
    unsigned types; /* panel types that take it (0 in the [report] table) */
    bool localized; /* text: may appear as key[ll] / key[ll_CC] */
} key_info;

static const key_info report_keys[] = {
    {"name", 0, false},       {"title", 0, true},          {"subtitle", 0, true},
    {"date", 0, false},       {"source", 0, true},         {"note", 0, true},
    {"keywords", 0, true},    {"author", 0, false},        {"page", 0, false},
    {"columns", 0, false},    {"number_format", 0, false}, {"theme", 0, false},
    {"slide_size", 0, false}, {"languages", 0, false},     {"direction", 0, false},
    {"source_url", 0, false}, {NULL, 0, false}};

static const key_info panel_keys[] = {{"type", T_ALL, false},
                                      {"span", T_ALL, false},
                                      {"title", T_ALL, true},
                                      {"subtitle", T_ALL, true},
                                      {"note", T_ALL, true},
                                      {"alt", T_ALL, true},
                                      {"unit", T_ALL, true},
                                      {"data", T_DATA, false},
                                      {"delimiter", T_DATA, false},
                                      {"label", T_BAR | T_PICTO, false},
                                      {"value", T_BAR | T_STAT | T_PICTO, false},
                                      {"orientation", T_BAR, false},
                                      {"sort", T_BAR, false},
                                      {"mode", T_BAR, false},
                                      {"column", T_STAT, false},
                                      {"row", T_STAT, false},
                                      {"caption", T_STAT, true},
                                      {"compare", T_STAT, true},
                                      {"per", T_PICTO, false},
                                      {"icon", T_PICTO, false},
                                      {"per_unit", T_PICTO, true},
                                      {"date", T_TIMELINE, false},
                                      {"event", T_TIMELINE, false},
                                      {"text", T_TEXT, true},
                                      {"items", T_TEXT, true},
                                      {"file", T_TEXT, false},
                                      {NULL, 0, false}};

/* printable ASCII but space, " < > \ ^ ` { | } (RFC 3986 never allows them) */
#define URL_CHARS                                                                              \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"

static const char *const panel_type_names[] = {"bar",      "stat", "pictogram",
                                               "timeline", "text", NULL};

static const key_info *find_key(const key_info *table, const char *name)
{
    for (const key_info *k = table; k->name; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

/* ---- small parsers ------------------------------------------------------- */

/* [A-Za-z0-9_-]+, at most SPEC_MAX_NAME bytes. */
static bool is_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > SPEC_MAX_NAME)
        return false;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-')
            return false;
    return true;
}

/* A POSIX-style language tag as GKeyFile uses them: ll or lll, then
 * optionally _CC (two capitals or three digits), then optionally @modifier. */
static bool is_lang_tag(const char *s)
{
    const char *p = s;
    int n = 0;
    while (g_ascii_islower(*p))
        p++, n++;
    if (n < 2 || n > 3)
        return false;
    if (*p == '_') {
        p++;
        if (g_ascii_isupper(p[0]) && g_ascii_isupper(p[1]) && !g_ascii_isalnum(p[2]))
            p += 2;
        else if (g_ascii_isdigit(p[0]) && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
                 !g_ascii_isalnum(p[3]))
            p += 3;
        else
            return false;
    }
    if (*p == '@') {
        p++;
        n = 0;
        while (g_ascii_isalnum(*p))
            p++, n++;
        if (n == 0 || n > 16)
            return false;
    }
    return *p == '\0';
}

/* An integer: optional '+', at most 9 digits (no overflow possible). */
static bool parse_int(const char *s, long *out)
{
    const char *p = s;
    if (*p == '+')
        p++;
    size_t n = strspn(p, "0123456789");
    if (n == 0 || n > 9 || p[n] != '\0')
        return false;
    *out = strtol(p, NULL, 10);
    return true;
}

/* A plain ASCII number: [+-]digits[.digits][e[+-]digits] (or .digits).
 * Never the process locale. One too large for a double (1e400, 400 digits)
 * is ±inf, for load_number() to call out of range. */
static bool parse_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t ip = strspn(p, "0123456789");
    p += ip;
    size_t fp = 0;
    if (*p == '.') {
        p++;
        fp = strspn(p, "0123456789");
        p += fp;
    }
    if (ip + fp == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t ep = strspn(p, "0123456789");
        if (ep == 0)
            return false;
        p += ep;
    }
    if (*p != '\0')
        return false;
    *out = g_ascii_strtod(s, NULL);
    return true;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date. */
static bool is_iso_date(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !g_ascii_isdigit(s[i]))
            return false;
    }
    if (n != 4 && n != 7 && n != 10)
        return false;
    int y = atoi(s);
    int m = n >= 7 ? atoi(s + 5) : 1;
    int day = n == 10 ? atoi(s + 8) : 1;
    if (y < 1)
        return false;
    return g_date_valid_dmy((GDateDay)day, (GDateMonth)m, (GDateYear)y);
}

/* Nearest candidate to s: distance <= 2, or one is a prefix of the other.
 * Borrowed from candidates; NULL when none is near. */
static const char *nearest(const char *s, const char *const *candidates)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; candidates[i]; i++) {
        const char *c = candidates[i];
        size_t dist = fs_edit_distance(s, c);
        if (dist >= best_d && strlen(s) >= 3 && (g_str_has_prefix(c, s) || g_str_has_prefix(s, c)))
            dist = 2;
        if (dist < best_d) {
            best_d = dist;
            best = c;
        }
    }
    return best;
}

/* ---- the raw scan -------------------------------------------------------- */

typedef struct raw_key {
    char *key;  /* as written, trimmed: "title" or "title[az]" */
    char *base; /* "title" */
    unsigned long line;
} raw_key;

typedef struct raw_group {
    char *name;     /* "report" or "panel ID" (validated) */
    const char *id; /* into name: the panel ID; NULL for [report] */
    unsigned long line;
    GPtrArray *keys; /* raw_key *, owned, in line order */
} raw_group;

static void raw_key_free(gpointer p)
{
    raw_key *k = p;
    g_free(k->key);
    g_free(k->base);
    g_free(k);
}

static void raw_group_free(gpointer p)
{
    raw_group *g = p;
    g_free(g->name);
    g_ptr_array_free(g->keys, TRUE);
    g_free(g);
}

typedef struct loader {
    const char *path;      /* borrowed: the spec's name in messages */
    char *dir;             /* owned: the spec's folder ("." when none) */
    const char *data_root; /* borrowed: --data-root or NULL */
    char *root_real;       /* owned: realpath of the confining folder, lazily */
    int root_fd;           /* owned: that folder opened (-1 until it is) */
    GArray *inputs;        /* int, owned: the CSVs opened, until load() gives them to the spec */
    const char *lang;      /* borrowed */
    fs_diag *d;            /* borrowed */
    bool failed;           /* one diagnostic added: stop */
    GPtrArray *groups;     /* raw_group *, owned, in file order */
    GKeyFile *kf;          /* owned, loaded from the normalized text */
} loader;

/* Adds the one diagnostic of this load: "[GROUP] key "KEY": message". g and
 * key may be NULL. Later calls are ignored, so stderr stays one line. */
static void G_GNUC_PRINTF(6, 7) fail(loader *L, fs_status st, unsigned long line,
                                     const raw_group *g, const char *key, const char *fmt, ...)
{
    if (L->failed)
        return;
    L->failed = true;
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    GString *pre = g_string_new(NULL);
    if (g)
        g_string_append_printf(pre, "[%s] ", g->name);
    if (key) {
        g_autofree char *q = fs_diag_quote(key, -1, QUOTE_MAX);
        g_string_append_printf(pre, "key %s: ", q);
    }
    fs_diag_add(L->d, st, L->path, line, 0, "%s%s", pre->str, msg);
    g_string_free(pre, TRUE);
}

static raw_group *find_group(GPtrArray *groups, const char *name)
{
    for (guint i = 0; i < groups->len; i++) {
        raw_group *g = g_ptr_array_index(groups, i);
        if (strcmp(g->name, name) == 0)
            return g;
    }
    return NULL;
}

static const raw_key *find_raw_key(const raw_group *g, const char *key)
{
    for (guint i = 0; i < g->keys->len; i++) {
        const raw_key *k = g_ptr_array_index(g->keys, i);
        if (strcmp(k->key, key) == 0)
            return k;
    }
    return NULL;
}

/* Suggestion for an unknown group name: "report" or "panel REST". Returns a
 * new string or NULL. */
static char *suggest_group(const char *name)
{
    static const char *const report[] = {"report", NULL};
    static const char *const panel[] = {"panel", NULL};
    g_autofree char *lower = g_ascii_strdown(name, -1);
    if (nearest(lower, report))
        return g_strdup("report");
    const char *sp = strpbrk(name, " \t_-:");
    g_autofree char *head = g_ascii_strdown(name, sp ? sp - name : -1);
    if (sp && nearest(head, panel)) {
        const char *rest = sp + strspn(sp, " \t_-:");
        if (is_name(rest))
            return g_strdup_printf("panel %s", rest);
    }
    return NULL;
}

/* Checks one "[...]" line and opens its group. */
static raw_group *scan_group(loader *L, const char *name, unsigned long line, int *panels)
{
    const char *id = NULL;
    if (strcmp(name, "report") == 0) {
        /* fine */
    } else if (strcmp(name, "panel") == 0) {
        fail(L, FS_ERR_INPUT, line, NULL, NULL,
             "group [panel] needs an ID: [panel NAME] (letters, digits, - and _)");
        return NULL;
    } else if (g_str_has_prefix(name, "panel ")) {
        id = name + strlen("panel ");
        if (!is_name(id)) {
            g_autofree char *q = fs_diag_quote(id, -1, QUOTE_MAX);
            fail(L, FS_ERR_INPUT, line, NULL, NULL,
                 "panel ID %s must be 1 to %d letters, digits, - or _ "
                 "(it becomes part of file names)",
                 q, SPEC_MAX_NAME);
            return NULL;
        }
    } else {
        g_autofree char *q = fs_diag_quote(name, -1, QUOTE_MAX);
        g_autofree char *sugg = suggest_group(name);
        if (sugg)
            fail(L, FS_ERR_INPUT, line, NULL, NULL, "unknown group %s (did you mean [%s]?)", q,
                 sugg);
        else
            fail(L, FS_ERR_INPUT, line, NULL, NULL,
                 "unknown group %s (expected [report] or [panel ID])", q);
        return NULL;
    }
    raw_group *prev = find_group(L->groups, name);
    if (prev) {
        if (id)
            fail(L, FS_ERR_INPUT, line, NULL, NULL,
                 "duplicate group [%s]: panel IDs must be unique (first at line %lu)", name,
                 prev->line);
        else
            fail(L, FS_ERR_INPUT, line, NULL, NULL, "duplicate group [%s] (first at line %lu)",
                 name, prev->line);
        return NULL;
    }
    if (id && ++*panels > SPEC_MAX_PANELS) {
        fail(L, FS_ERR_INPUT, line, NULL, NULL, "too many panels (the limit is %d)",
             SPEC_MAX_PANELS);
        return NULL;
    }
    raw_group *g = g_new0(raw_group, 1);
    g->name = g_strdup(name);
    g->id = id ? g->name + strlen("panel ") : NULL;
    g->line = line;
    g->keys = g_ptr_array_new_with_free_func(raw_key_free);
    g_ptr_array_add(L->groups, g);
    return g;
}

/* Names of the keys a group accepts, for suggestions. Returns a new array of
 * borrowed strings (free the array only). */
static const char **key_names(const key_info *table)
{
    size_t n = 0;
    while (table[n].name)
        n++;
    const char **names = g_new0(const char *, n + 1);
    for (size_t i = 0; i < n; i++)
        names[i] = table[i].name;
    return names;
}

static void localizable_list(GString *out, const key_info *table)
{
    for (const key_info *k = table; k->name; k++) {
        if (!k->localized)
            continue;
        if (out->len)
            g_string_append(out, ", ");
        g_string_append(out, k->name);
    }
}

/* Checks one "key = value" line of group g; records the key. */
static bool scan_key(loader *L, raw_group *g, const char *key, unsigned long line)
{
    const key_info *table = g->id ? panel_keys : report_keys;
    if (*key == '\0') {
        fail(L, FS_ERR_INPUT, line, g, NULL, "line has \"=\" but no key before it");
        return false;
    }
    g_autofree char *base = NULL;
    const char *locale = NULL;
    const char *br = strchr(key, '[');
    if (br) {
        size_t n = strlen(key);
        base = g_strndup(key, (gsize)(br - key));
        const char *close = strchr(br + 1, ']');
        if (br == key || key[n - 1] != ']' || close != key + n - 1 || strchr(br + 1, '[')) {
            fail(L, FS_ERR_INPUT, line, g, key,
                 "not a key name (a localized key is written key[ll] or key[ll_CC], e.g. "
                 "title[az])");
            return false;
        }
        locale = br + 1;
    } else {
        base = g_strdup(key);
    }
    const key_info *ki = find_key(table, base);
    if (!ki) {
        g_autofree const char **names = key_names(table);
        const char *sugg = nearest(base, names);
        if (sugg)
            fail(L, FS_ERR_INPUT, line, g, key, "unknown key (did you mean \"%s\"?)", sugg);
        else
            fail(L, FS_ERR_INPUT, line, g, key, "unknown key");
        return false;
    }
    if (locale) {
        g_autofree char *tag = g_strndup(locale, strlen(locale) - 1);
        if (!ki->localized) {
            GString *list = g_string_new(NULL);
            localizable_list(list, table);
            fail(L, FS_ERR_INPUT, line, g, key,
                 "\"%s\" cannot be localized (only text keys can: %s)", base, list->str);
            g_string_free(list, TRUE);
            return false;
        }
        if (!is_lang_tag(tag)) {
            g_autofree char *q = fs_diag_quote(tag, -1, QUOTE_MAX);
            fail(L, FS_ERR_INPUT, line, g, key,
                 "%s is not a language tag (expected ll or ll_CC, e.g. az, ru, pt_BR)", q);
            return false;
        }
    }
    const raw_key *prev = find_raw_key(g, key);
    if (prev) {
        fail(L, FS_ERR_INPUT, line, g, key, "duplicate key (first at line %lu)", prev->line);
        return false;
    }
    raw_key *k = g_new0(raw_key, 1);
    k->key = g_strdup(key);
    k->base = g_steal_pointer(&base);
    k->line = line;
    g_ptr_array_add(g->keys, k);
    return true;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Scans buf; appends the accepted lines to norm. Returns false after the
 * diagnostic. *content: whether any line was not blank. */
static bool scan(loader *L, const char *buf, size_t len, GString *norm, bool *content)
{
    const char *p = buf, *end = buf + len;
    unsigned long line = 0;
    raw_group *g = NULL;
    int panels = 0;
    *content = false;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3; /* a UTF-8 byte order mark */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        /* UTF-8 (and no NUL) first: every message below quotes text of this line */
        const char *bad = NULL;
        if (!g_utf8_validate_len(p, (gsize)(le - p), &bad)) {
            const char *eq = memchr(p, '=', (size_t)(le - p));
            unsigned long col = (unsigned long)g_utf8_strlen(p, bad - p) + 1;
            const char *what = *bad == '\0' ? "a NUL byte" : "invalid UTF-8";
            unsigned byte = (unsigned char)*bad;
            const char *s = p;
            while (s < le && is_blank(*s))
                s++;
            if (g && eq && eq < bad && *s != '[' && *s != '#') {
                g_autofree char *key = g_strndup(s, (gsize)(eq - s));
                g_strchomp(key);
                fail(L, FS_ERR_INPUT, line, g, key,
                     "value has %s (byte 0x%02x at column %lu); a spec must be UTF-8 text", what,
                     byte, col);
            } else {
                fail(L, FS_ERR_INPUT, line, NULL, NULL,
                     "line has %s (byte 0x%02x at column %lu); a spec must be UTF-8 text", what,
                     byte, col);
            }
            return false;
        }
        /* trim */
        const char *s = p, *e = le;
        while (s < e && is_blank(*s))
            s++;
        while (e > s && is_blank(e[-1]))
            e--;
        p = nl ? nl + 1 : end;
        if (s == e || *s == '#')
            continue;
        *content = true;
        g_autofree char *text = g_strndup(s, (gsize)(e - s));
        if (*s == '[') {
            if (e[-1] != ']' || e - s < 2) {
                g_autofree char *q = fs_diag_quote(text, -1, QUOTE_MAX);
                fail(L, FS_ERR_INPUT, line, NULL, NULL,
                     "%s is not a group header (expected [report] or [panel ID] alone on "
                     "its line)",
                     q);
                return false;
            }
            text[e - s - 1] = '\0';
            g = scan_group(L, text + 1, line, &panels);
            if (!g)
                return false;
            g_string_append_printf(norm, "[%s]\n", g->name);
            continue;
        }
        const char *eq = memchr(s, '=', (size_t)(e - s));
        if (!eq) {
            g_autofree char *q = fs_diag_quote(text, -1, QUOTE_MAX);
            fail(L, FS_ERR_INPUT, line, NULL, NULL,
                 "%s is not a key file line (expected [group], key = value, # comment or a "
                 "blank line)",
                 q);
            return false;
        }
        g_autofree char *key = g_strndup(s, (gsize)(eq - s));
        g_strchomp(key);
        if (!g) {
            g_autofree char *q = fs_diag_quote(key, -1, QUOTE_MAX);
            fail(L, FS_ERR_INPUT, line, NULL, NULL,
                 "key %s outside any group (a spec starts with [report])", q);
            return false;
        }
        if (!scan_key(L, g, key, line))
            return false;
        const char *v = eq + 1;
        while (v < e && is_blank(*v))
            v++;
        g_string_append_printf(norm, "%s=", key);
        g_string_append_len(norm, v, e - v);
        g_string_append_c(norm, '\n');
    }
    return true;
}

/* ---- reading values ------------------------------------------------------ */

/* The raw key that holds base for the load's language: base[variant] for
 * each variant of lang (az_AZ, az, …), then the plain base. NULL when none. */
static const raw_key *pick(const loader *L, const raw_group *g, const char *base, bool localized)
{
    if (localized && L->lang) {
        g_auto(GStrv) variants = g_get_locale_variants(L->lang);
        for (char **v = variants; *v; v++) {
            g_autofree char *k = g_strdup_printf("%s[%s]", base, *v);
            const raw_key *rk = find_raw_key(g, k);
            if (rk)
                return rk;
        }
    }
    return find_raw_key(g, base);
}

/* Some localized variant of base, whatever the language (for messages). */
static const raw_key *any_variant(const raw_group *g, const char *base)
{
    for (guint i = 0; i < g->keys->len; i++) {
        const raw_key *k = g_ptr_array_index(g->keys, i);
        if (strcmp(k->base, base) == 0)
            return k;
    }
    return NULL;
}

/* Reads every key of g once through GKeyFile, so an invalid escape is an
 * error at its own line even in a language not being rendered. */
static bool check_escapes(loader *L, const raw_group *g)
{
    for (guint i = 0; i < g->keys->len; i++) {
        const raw_key *k = g_ptr_array_index(g->keys, i);
        g_autoptr(GError) err = NULL;
        /* A lone backslash at the end is refused here: GLib 2.74 sets its
         * GError twice (printing a GLib-WARNING) when such a value also
         * holds an invalid escape before it (found by fuzz_spec). */
        g_autofree char *raw = g_key_file_get_value(L->kf, g->name, k->key, NULL);
        size_t n = raw ? strlen(raw) : 0, slashes = 0;
        while (slashes < n && raw[n - 1 - slashes] == '\\')
            slashes++;
        bool lone = slashes % 2 == 1;
        if (!lone && strcmp(k->base, "items") == 0)
            g_strfreev(g_key_file_get_string_list(L->kf, g->name, k->key, NULL, &err));
        else if (!lone)
            g_free(g_key_file_get_string(L->kf, g->name, k->key, &err));
        if (lone || g_error_matches(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE)) {
            fail(L, FS_ERR_INPUT, k->line, g, k->key,
                 "invalid escape in the value (escapes are \\s \\n \\t \\r \\\\%s)",
                 strcmp(k->base, "items") == 0 ? " \\;" : "");
            return false;
        }
        if (err) { /* not expected: the scan only kept keys GKeyFile accepts */
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "cannot read the value: %s", err->message);
            return false;
        }
    }
    return true;
}

/* The value of k, unescaped and trimmed. Returns a new string. */
static char *value_of(const loader *L, const raw_group *g, const raw_key *k)
{
    char *v = g_key_file_get_string(L->kf, g->name, k->key, NULL);
    return v ? g_strstrip(v) : g_strdup("");
}

/* Hint for a value that fails a typed check because of a trailing comment. */
static const char *comment_hint(const char *v)
{
    return strstr(v, " #") || strstr(v, "\t#")
               ? " (a # starts a comment only at the start of a line)"
               : "";
}

/* Fails with "QUOTED-VALUE is not …" at k's line. */
static void G_GNUC_PRINTF(5, 6)
    bad_value(loader *L, const raw_group *g, const raw_key *k, const char *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *q = fs_diag_quote(v, -1, QUOTE_MAX);
    fail(L, FS_ERR_INPUT, k->line, g, k->key, "%s %s%s", q, msg, comment_hint(v));
}

/* A required key is absent: say so, and mention localized variants that do
 * not serve this language. */
static void missing(loader *L, const raw_group *g, const char *base, const char *why)
{
    const raw_key *other = any_variant(g, base);
    if (other && L->lang)
        fail(L, FS_ERR_INPUT, g->line, g, NULL,
             "missing key \"%s\" for language \"%s\" (found only \"%s\"; add \"%s\" or "
             "\"%s[%s]\")",
             base, L->lang, other->key, base, base, L->lang);
    else if (other)
        fail(L, FS_ERR_INPUT, g->line, g, NULL,
             "missing key \"%s\" (found only \"%s\"; add a plain \"%s\" or pass --lang)", base,
             other->key, base);
    else
        fail(L, FS_ERR_INPUT, g->line, g, NULL, "missing key \"%s\"%s", base, why);
}

/* Text: *out = the value for the language, NULL when absent or empty. */
static bool get_text(loader *L, const raw_group *g, const char *base, bool required,
                     const char *why, char **out)
{
    const raw_key *k = pick(L, g, base, true);
    if (!k) {
        if (required)
            missing(L, g, base, why);
        return !required;
    }
    char *v = value_of(L, g, k);
    if (*v == '\0') {
        g_free(v);
        if (required) {
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "must not be empty");
            return false;
        }
        return true;
    }
    *out = v;
    return true;
}

/* Untyped string (names, column names): *out, NULL when absent. Empty is an
 * error: a key written without a value is a mistake. */
static bool get_plain(loader *L, const raw_group *g, const char *base, bool required,
                      const char *why, const raw_key **kout, char **out)
{
    const raw_key *k = pick(L, g, base, false);
    if (kout)
        *kout = k;
    if (!k) {
        if (required)
            missing(L, g, base, why);
        return !required;
    }
    char *v = value_of(L, g, k);
    if (*v == '\0') {
        g_free(v);
        fail(L, FS_ERR_INPUT, k->line, g, k->key, "empty value%s", why);
        return false;
    }
    *out = v;
    return true;
}

/* One of names[]: *idx unchanged when absent. */
static bool get_enum(loader *L, const raw_group *g, const char *base, const char *const *names,
                     int *idx)
{
    const raw_key *k = NULL;
    g_autofree char *v = NULL;
    if (!get_plain(L, g, base, false, "", &k, &v))
        return false;
    if (!v)
        return true;
    int i = fs_opts_pick(v, names);
    if (i < 0) {
        g_autofree char *list = g_strjoinv(", ", (char **)names);
        bad_value(L, g, k, v, "is not one of %s", list);
        return false;
    }
    *idx = i;
    return true;
}

static bool get_int(loader *L, const raw_group *g, const char *base, long min, long max, long *out)
{
    const raw_key *k = NULL;
    g_autofree char *v = NULL;
    if (!get_plain(L, g, base, false, "", &k, &v))
        return false;
    if (!v)
        return true;
    long n;
    if (!parse_int(v, &n) || n < min || n > max) {
        bad_value(L, g, k, v, "is not an integer from %ld to %ld", min, max);
        return false;
    }
    *out = n;
    return true;
}

/* ---- data paths ---------------------------------------------------------- */

/* Whether a relative path has a ".." component. */
static bool has_dotdot(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, G_DIR_SEPARATOR_S, -1);
    for (char **p = parts; *p; p++)
        if (strcmp(*p, "..") == 0)
            return true;
    return false;
}

/* Whether real (a canonical path) is root or inside it. */
static bool path_inside(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* Resolves and confines a data path (see spec.h), race-free: the path is
 * resolved once (realpath: symbolic links followed, the result checked to
 * be inside the confining folder), and the file it resolved to is opened
 * from the folder's descriptor following no link (fs_open_beneath), so a
 * link swapped in after the check cannot lead the open elsewhere. The
 * caller reads from the descriptor returned and never opens the path by
 * name. Returns that descriptor (a regular file; the caller owns it), or -1
 * after a diagnostic. *out: a new path for messages, the spec's folder
 * joined with the value, as readable as the user wrote it. */
static int resolve_data(loader *L, const raw_group *g, const raw_key *k, const char *v, char **out)
{
    g_autofree char *q = fs_diag_quote(v, -1, 80);
    const char *where = L->data_root ? "--data-root" : "the spec's folder";
    if (g_path_is_absolute(v) && !L->data_root) {
        fail(L, FS_ERR_INPUT, k->line, g, k->key,
             "%s is an absolute path; data paths are relative to the spec's folder (pass "
             "--data-root DIR to allow files under DIR)",
             q);
        return -1;
    }
    if (!g_path_is_absolute(v) && !L->data_root && has_dotdot(v)) {
        fail(L, FS_ERR_INPUT, k->line, g, k->key,
             "%s leaves the spec's folder (pass --data-root DIR to allow files under DIR)", q);
        return -1;
    }
    g_autofree char *path = NULL;
    if (g_path_is_absolute(v) || strcmp(L->dir, ".") == 0)
        path = g_strdup(v);
    else
        path = g_build_filename(L->dir, v, NULL);
    /* every message quotes v as the spec writes it (q), never the path
     * joined to the spec's folder: the spec's FILE:LINE says where */
    if (!L->root_real) {
        const char *root = L->data_root ? L->data_root : L->dir;
        L->root_real = realpath(root, NULL);
        if (L->root_real)
            L->root_fd = fs_open_folder(L->root_real);
        if (!L->root_real || L->root_fd < 0) {
            int e = errno;
            g_autofree char *qd = fs_diag_quote(root, -1, 80);
            fail(L, e == ENOENT || e == ENOTDIR ? FS_ERR_INPUT : FS_ERR_SYSTEM, k->line, g, k->key,
                 "cannot resolve the folder %s: %s", qd, g_strerror(e));
            g_clear_pointer(&L->root_real, free);
            return -1;
        }
    }
    char *real = realpath(path, NULL);
    if (!real) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "%s: No such file", q);
        else
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q, g_strerror(e));
        return -1;
    }
    if (!path_inside(real, L->root_real)) {
        free(real);
        fail(L, FS_ERR_INPUT, k->line, g, k->key,
             "%s resolves outside %s (through a symbolic link or ..)%s", q, where,
             L->data_root ? "" : "; pass --data-root DIR to allow files under DIR");
        return -1;
    }
    /* real is root_real, "/", then the part beneath the folder */
    const char *rel = real + strlen(L->root_real);
    int fd = fs_open_beneath(L->root_fd, rel[0] == '/' ? rel + 1 : rel);
    int e = errno;
    free(real);
    if (fd < 0) {
        if (e == ELOOP || e == ENOTDIR)
            fail(L, FS_ERR_INPUT, k->line, g, k->key,
                 "%s changed while it was being opened (a symbolic link appeared on its way); "
                 "not read",
                 q);
        else if (e == ENOENT)
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "%s: No such file", q);
        else
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q, g_strerror(e));
        return -1;
    }
    struct stat st;
    bool ok = fstat(fd, &st) == 0;
    e = errno;
    if (!ok || !S_ISREG(st.st_mode))
        close(fd);
    if (!ok) {
        fail(L, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q, g_strerror(e));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fail(L, FS_ERR_INPUT, k->line, g, k->key, "%s is a directory, not a CSV file", q);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        fail(L, FS_ERR_INPUT, k->line, g, k->key, "%s is not a regular file", q);
        return -1;
    }
    *out = g_steal_pointer(&path);
    return fd;
}

/* ---- [report] ------------------------------------------------------------ */

/* theme = NAME (a shipped theme) or FILE (a path confined like data). */
static bool load_theme(loader *L, const raw_group *g, fs_spec *s)
{
    const raw_key *k = NULL;
    g_autofree char *v = NULL;
    if (!get_plain(L, g, "theme", false, "", &k, &v))
        return false;
    if (!v)
        return true;
    g_autoptr(fs_diag) td = fs_diag_new();
    if (fs_theme_is_name(v)) {
        if (fs_opts_pick(v, fs_theme_names) < 0) {
            bad_value(L, g, k, v,
                      "is not one of light, dark, print-bw (a shipped theme) or a path to a "
                      ".ini file");
            return false;
        }
        s->theme = fs_theme_load_named(v, td);
    } else {
        g_autofree char *path = NULL;
        int fd = resolve_data(L, g, k, v, &path);
        if (fd < 0)
            return false;
        s->theme = fs_theme_load_fd(fd, path, td);
        close(fd);
    }
    if (!s->theme) {
        /* the theme file's own message (FILE:LINE: …), as this load's one error */
        L->failed = true;
        fs_diag_add(L->d, fs_diag_status(td), NULL, 0, 0, "%s", fs_diag_message(td, 0));
        return false;
    }
    return true;
}

static bool load_report(loader *L, const raw_group *g, fs_spec *s)
{
    const raw_key *k;
    g_autofree char *v = NULL;
    if (!get_plain(L, g, "name", true, " (the base of the output file names)", &k, &s->name))
        return false;
    if (!is_name(s->name)) {
        bad_value(L, g, k, s->name,
                  "is not a name: 1 to %d letters, digits, - or _ (it becomes NAME.pdf)",
                  SPEC_MAX_NAME);
        return false;
    }
    if (!get_text(L, g, "title", true, "", &s->title) ||
        !get_text(L, g, "subtitle", false, "", &s->subtitle) ||
        !get_text(L, g, "source", false, "", &s->source) ||
        !get_text(L, g, "note", false, "", &s->note) ||
        !get_text(L, g, "keywords", false, "", &s->keywords) ||
        !get_text(L, g, "author", false, "", &s->author))
        return false;
    /* the PDF links the source line to it: http(s), printable ASCII, no
     * spaces (percent-encode the rest) */
    if (!get_plain(L, g, "source_url", false, "", &k, &s->source_url))
        return false;
    if (s->source_url && (!(g_str_has_prefix(s->source_url, "https://") ||
                            g_str_has_prefix(s->source_url, "http://")) ||
                          strlen(s->source_url) > 2000 ||
                          strspn(s->source_url, URL_CHARS) != strlen(s->source_url))) {
        bad_value(L, g, k, s->source_url,
                  "is not a URL (expected http:// or https://, at most 2000 characters of "
                  "printable ASCII without spaces)");
        return false;
    }
    if (!get_plain(L, g, "date", false, "", &k, &s->date))
        return false;
    if (s->date && !is_iso_date(s->date)) {
        bad_value(L, g, k, s->date, "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        return false;
    }

    fs_parse_page("A4", &s->page_w, &s->page_h);
    if (!get_plain(L, g, "page", false, "", &k, &v))
        return false;
    if (v) {
        double w, h;
        if (!fs_parse_page(v, &w, &h)) {
            bad_value(L, g, k, v,
                      "is not a page size (expected A4, A3, A5, Letter, Legal or WxH with mm, "
                      "cm, in or pt, each side positive, e.g. 210x297mm)");
            return false;
        }
        if (!isfinite(w) || !isfinite(h)) {
            bad_value(L, g, k, v,
                      "is out of range: each side must be from 72 pt (1 in) to 14400 pt "
                      "(200 in)");
            return false;
        }
        if (!(w >= PAGE_MIN_PT && h >= PAGE_MIN_PT && w <= PAGE_MAX_PT && h <= PAGE_MAX_PT)) {
            bad_value(L, g, k, v,
                      "is %.0fx%.0f pt; each side must be from 72 pt (1 in) to 14400 pt "
                      "(200 in)",
                      w, h);
            return false;
        }
        s->page_w = w, s->page_h = h;
        g_clear_pointer(&v, g_free);
    }

    long columns = 12;
    if (!get_int(L, g, "columns", 1, COLUMNS_MAX, &columns))
        return false;
    s->columns = (int)columns;

    /* the language's own format unless the spec names one */
    fs_lang_numfmt(L->lang, &s->numfmt);
    if (!get_plain(L, g, "number_format", false, "", &k, &v))
        return false;
    if (v) {
        if (!fs_numfmt_parse(v, &s->numfmt)) {
            bad_value(L, g, k, v,
                      "is not a number format (write 1275 as it should look: 1,275 or "
                      "\"1 275\" or 1.275,5 or 1275)");
            return false;
        }
        g_clear_pointer(&v, g_free);
    }

    if (!load_theme(L, g, s))
        return false;

    s->slide_w = 1920, s->slide_h = 1080;
    if (!get_plain(L, g, "slide_size", false, "", &k, &v))
        return false;
    if (v) {
        double w, h;
        bool px_only = strspn(v, "0123456789.xXpP") == strlen(v);
        if (!px_only || !fs_parse_length_pair(v, &w, &h)) {
            bad_value(L, g, k, v, "is not a slide size (expected WxH in px, e.g. 1920x1080)");
            return false;
        }
        if (!(w >= SLIDE_MIN_PX && h >= SLIDE_MIN_PX && w <= SLIDE_MAX_PX && h <= SLIDE_MAX_PX)) {
            bad_value(L, g, k, v, "is out of range: each side must be from %.0f to %.0f px",
                      SLIDE_MIN_PX, SLIDE_MAX_PX);
            return false;
        }
        s->slide_w = w, s->slide_h = h;
        g_clear_pointer(&v, g_free);
    }

    static const char *const directions[] = {"auto", "ltr", "rtl", NULL};
    int dir = 0;
    if (!get_enum(L, g, "direction", directions, &dir))
        return false;
    s->rtl = dir == 2 || (dir == 0 && fs_lang_is_rtl(L->lang));

    if (!get_plain(L, g, "languages", false, "", &k, &v))
        return false;
    if (v) {
        g_auto(GStrv) tags = g_strsplit(v, ",", -1);
        GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
        for (char **t = tags; *t; t++) {
            g_strstrip(*t);
            bool dup = false;
            for (guint i = 0; i < out->len; i++)
                dup = dup || strcmp(g_ptr_array_index(out, i), *t) == 0;
            if (!is_lang_tag(*t) || dup) {
                g_autofree char *qt = fs_diag_quote(*t, -1, QUOTE_MAX);
                fail(L, FS_ERR_INPUT, k->line, g, k->key,
                     dup ? "%s is listed twice"
                         : "%s is not a language tag (expected a comma list such as en,az,ru "
                           "or pt_BR)",
                     qt);
                g_ptr_array_free(out, TRUE);
                return false;
            }
            g_ptr_array_add(out, g_strdup(*t));
        }
        g_ptr_array_add(out, NULL);
        s->languages = (char **)g_ptr_array_free(out, FALSE);
    }
    return true;
}

/* ---- [panel ID] ---------------------------------------------------------- */

static const char *type_list(unsigned types, GString *buf)
{
    g_string_truncate(buf, 0);
    for (int t = 0; panel_type_names[t]; t++) {
        if (!(types & (1u << t)))
            continue;
        if (buf->len)
            g_string_append(buf, ", ");
        g_string_append(buf, panel_type_names[t]);
    }
    return buf->str;
}

/* Comma list of column names -> a new NULL-terminated array; NULL on error. */
static char **column_list(loader *L, const raw_group *g, const raw_key *k, const char *v)
{
    g_auto(GStrv) parts = g_strsplit(v, ",", -1);
    for (char **p = parts; *p; p++) {
        g_strstrip(*p);
        if (**p == '\0') {
            bad_value(L, g, k, v, "has an empty column name (expected COL or COL1,COL2,…)");
            return NULL;
        }
        for (char **q = parts; q < p; q++) {
            if (strcmp(*q, *p) == 0) {
                g_autofree char *qc = fs_diag_quote(*p, -1, QUOTE_MAX);
                fail(L, FS_ERR_INPUT, k->line, g, k->key, "column %s is listed twice", qc);
                return NULL;
            }
        }
    }
    return g_steal_pointer(&parts);
}

/* Keeps fd, a data file resolve_data() opened, until the spec is freed,
 * and returns the descriptor for the panel to borrow: one already kept for
 * the same file (panels that share a CSV share its descriptor; it is read
 * with pread), else fd. */
static int keep_input(loader *L, int fd)
{
    struct stat a, b;
    if (fstat(fd, &a) == 0)
        for (guint i = 0; i < L->inputs->len; i++) {
            int kept = g_array_index(L->inputs, int, i);
            if (fstat(kept, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
                close(fd);
                return kept;
            }
        }
    g_array_append_val(L->inputs, fd);
    return fd;
}

static bool load_data(loader *L, const raw_group *g, fs_panel *p, bool required)
{
    const raw_key *k = NULL;
    g_autofree char *v = NULL;
    if (!get_plain(L, g, "data", required, " (the CSV file, relative to the spec's folder)", &k,
                   &v))
        return false;
    if (v) {
        int fd = resolve_data(L, g, k, v, &p->data);
        if (fd < 0)
            return false;
        p->data_fd = keep_input(L, fd);
    }
    g_clear_pointer(&v, g_free);
    k = find_raw_key(g, "delimiter");
    if (k) {
        /* a TAB written as \t is whitespace to value_of(): look at it untrimmed */
        g_autofree char *raw = g_key_file_get_string(L->kf, g->name, k->key, NULL);
        v = value_of(L, g, k);
        if (strcmp(v, ",") == 0 || strcmp(v, ";") == 0 || strcmp(v, "|") == 0)
            p->delimiter = v[0];
        else if (strcmp(v, "tab") == 0 || (raw && strcmp(raw, "\t") == 0))
            p->delimiter = '\t';
        else {
            bad_value(L, g, k, v, "is not a delimiter (expected , ; | or tab)");
            return false;
        }
    }
    return true;
}

static bool load_number(loader *L, const raw_group *g, const raw_key *k, const char *v, double *out)
{
    if (!parse_number(v, out)) {
        bad_value(L, g, k, v,
                  "is not a number (expected digits with . for decimals, no "
                  "grouping, e.g. 613 or 1275.5)");
        return false;
    }
    if (!isfinite(*out)) {
        bad_value(L, g, k, v, "is out of range: from -%.2g to %.2g", G_MAXDOUBLE, G_MAXDOUBLE);
        return false;
    }
    return true;
}

static bool load_stat(loader *L, const raw_group *g, fs_panel *p)
{
    const raw_key *kv = find_raw_key(g, "value"), *kd = find_raw_key(g, "data");
    const raw_key *kc = find_raw_key(g, "column"), *kr = find_raw_key(g, "row");
    if (kv && kd) {
        fail(L, FS_ERR_INPUT, kv->line, g, "value",
             "a stat takes either value = NUMBER or data + column, not both (data is at line "
             "%lu)",
             kd->line);
        return false;
    }
    if (kv) {
        const raw_key *extra = kc ? kc : kr;
        if (extra) {
            fail(L, FS_ERR_INPUT, extra->line, g, extra->key,
                 "only with data = FILE (this stat has value = NUMBER)");
            return false;
        }
        g_autofree char *v = value_of(L, g, kv);
        if (!load_number(L, g, kv, v, &p->value))
            return false;
        p->has_value = true;
    } else if (kd) {
        if (!load_data(L, g, p, true) ||
            !get_plain(L, g, "column", true, " (a stat with data needs the column of its number)",
                       NULL, &p->column))
            return false;
        long row = 1;
        if (!get_int(L, g, "row", 1, ROW_MAX, &row))
            return false;
        p->row = row;
    } else {
        const raw_key *extra = kc ? kc : kr;
        if (extra)
            fail(L, FS_ERR_INPUT, extra->line, g, extra->key, "only with data = FILE");
        else
            fail(L, FS_ERR_INPUT, g->line, g, NULL,
                 "a stat needs value = NUMBER, or data = FILE and column = COL");
        return false;
    }
    if (find_raw_key(g, "delimiter") && !kd) {
        const raw_key *k = find_raw_key(g, "delimiter");
        fail(L, FS_ERR_INPUT, k->line, g, k->key, "only with data = FILE");
        return false;
    }
    return get_text(L, g, "caption", true, " (the words under the number)", &p->caption) &&
           get_text(L, g, "compare", false, "", &p->compare);
}

static bool load_bar(loader *L, const raw_group *g, fs_panel *p)
{
    const raw_key *k = NULL;
    g_autofree char *v = NULL;
    if (!load_data(L, g, p, true) ||
        !get_plain(L, g, "label", true, " (the column of the category labels)", NULL, &p->label) ||
        !get_plain(L, g, "value", true, " (the value column, or COL1,COL2 for several)", &k, &v))
        return false;
    p->values = column_list(L, g, k, v);
    if (!p->values)
        return false;
    int orient = FS_ORIENT_HORIZONTAL, sort = FS_SORT_NONE, mode = FS_MODE_GROUPED;
    if (!get_enum(L, g, "orientation", fs_orient_names, &orient) ||
        !get_enum(L, g, "sort", fs_sort_names, &sort) ||
        !get_enum(L, g, "mode", fs_mode_names, &mode))
        return false;
    p->orient = (fs_orient)orient, p->sort = (fs_sort)sort, p->mode = (fs_mode)mode;
    return true;
}

static bool load_pictogram(loader *L, const raw_group *g, fs_panel *p)
{
    const raw_key *k = NULL;
    g_autofree char *v = NULL;
    if (!load_data(L, g, p, true) ||
        !get_plain(L, g, "label", true, " (the column of the category labels)", NULL, &p->label) ||
        !get_plain(L, g, "value", true, " (the value column)", &k, &v))
        return false;
    if (strchr(v, ',')) {
        bad_value(L, g, k, v, "names several columns; a pictogram takes one value column");
        return false;
    }
    p->values = g_new0(char *, 2);
    p->values[0] = g_steal_pointer(&v);
    if (!get_plain(L, g, "per", true, " (units per icon, e.g. per = 10)", &k, &v))
        return false;
    if (!load_number(L, g, k, v, &p->per))
        return false;
    if (!(p->per > 0)) {
        bad_value(L, g, k, v, "must be greater than 0 (units per icon)");
        return false;
    }
    int icon = FS_ICON_PERSON;
    if (!get_enum(L, g, "icon", fs_icon_names, &icon))
        return false;
    p->icon = (fs_icon)icon;
    if (!get_text(L, g, "per_unit", false, "", &p->per_unit))
        return false;
    if (!p->per_unit)
        p->per_unit = g_strdup("units");
    return true;
}

static bool load_timeline(loader *L, const raw_group *g, fs_panel *p)
{
    if (!load_data(L, g, p, true) || !get_plain(L, g, "date", false, "", NULL, &p->date_col) ||
        !get_plain(L, g, "event", false, "", NULL, &p->event_col))
        return false;
    if (!p->date_col)
        p->date_col = g_strdup("date");
    if (!p->event_col)
        p->event_col = g_strdup("event");
    return true;
}

/* Reads a text panel's file: UTF-8 plain text, at most 64 KiB. Paragraphs are
 * separated by blank lines (their lines joined with spaces); lines starting
 * with "- ", "* " or "• " are bullet items. Text from the file follows the
 * panel's own text and items. Read from fd, the file resolve_data() opened
 * at path (where a line of it is named); written: the path as the spec
 * names it, quoted in messages. */
static bool load_text_file(loader *L, const raw_group *g, const raw_key *k, int fd,
                           const char *path, const char *written, fs_panel *p)
{
    g_autoptr(GByteArray) bytes = g_byte_array_new();
    g_autofree char *qp = fs_diag_quote(written, -1, 80);
    char chunk[16384];
    /* one byte past the limit is enough to know it is too large */
    while (bytes->len <= 64 * 1024) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            fail(L, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", qp, g_strerror(e));
            return false;
        }
        if (n == 0)
            break;
        g_byte_array_append(bytes, (const guint8 *)chunk, (guint)n);
    }
    gsize len = bytes->len;
    g_byte_array_append(bytes, (const guint8 *)"", 1);
    const char *buf = (const char *)bytes->data;
    if (len > 64 * 1024) {
        fail(L, FS_ERR_INPUT, k->line, g, k->key, "%s is larger than 64 KiB", qp);
        return false;
    }
    const char *bad = NULL;
    if (memchr(buf, '\0', len) || !g_utf8_validate(buf, (gssize)len, &bad)) {
        const char *at = bad ? bad : memchr(buf, '\0', len);
        unsigned long line = 1;
        for (const char *c = buf; c < at; c++)
            line += *c == '\n';
        g_autofree char *qs = fs_diag_escape_path(L->path);
        fs_diag_add(L->d, FS_ERR_INPUT, path, line, 0, "not UTF-8 text (named by %s:%lu)", qs,
                    k->line);
        L->failed = true;
        return false;
    }
    GString *text = g_string_new(p->text);
    GPtrArray *items = g_ptr_array_new();
    for (char **it = p->items; it && *it; it++)
        g_ptr_array_add(items, g_strdup(*it));
    g_auto(GStrv) lines = g_strsplit(buf, "\n", -1);
    bool in_para = false;
    for (char **l = lines; *l; l++) {
        char *t = g_strstrip(*l);
        if (!*t) {
            in_para = false;
            continue;
        }
        if (g_str_has_prefix(t, "- ") || g_str_has_prefix(t, "* ") ||
            g_str_has_prefix(t, "• ")) {
            char *item = g_strstrip(g_strdup(t + (t[0] == '-' || t[0] == '*' ? 2 : 4)));
            g_ptr_array_add(items, item);
            in_para = false;
            continue;
        }
        if (in_para)
            g_string_append_c(text, ' ');
        else if (text->len)
            g_string_append_c(text, '\n');
        g_string_append(text, t);
        in_para = true;
    }
    g_free(p->text);
    p->text = text->len ? g_string_free(text, FALSE) : (g_string_free(text, TRUE), NULL);
    g_strfreev(p->items);
    g_ptr_array_add(items, NULL);
    p->items = (char **)g_ptr_array_free(items, FALSE);
    if (!p->items[0])
        g_clear_pointer(&p->items, g_strfreev);
    return true;
}

static bool load_text(loader *L, const raw_group *g, fs_panel *p)
{
    if (!get_text(L, g, "text", false, "", &p->text))
        return false;
    const raw_key *k = pick(L, g, "items", true);
    if (k) {
        g_auto(GStrv) list = g_key_file_get_string_list(L->kf, g->name, k->key, NULL, NULL);
        GPtrArray *items = g_ptr_array_new();
        for (char **it = list; it && *it; it++) {
            g_strstrip(*it);
            if (**it)
                g_ptr_array_add(items, g_strdup(*it));
        }
        g_ptr_array_add(items, NULL);
        p->items = (char **)g_ptr_array_free(items, FALSE);
        if (!p->items[0])
            g_clear_pointer(&p->items, g_strfreev);
    }
    const raw_key *fk = NULL;
    g_autofree char *fv = NULL;
    if (!get_plain(L, g, "file", false, "", &fk, &fv))
        return false;
    if (fv) {
        g_autofree char *path = NULL;
        int fd = resolve_data(L, g, fk, fv, &path);
        if (fd < 0)
            return false;
        bool ok = load_text_file(L, g, fk, fd, path, fv, p);
        close(fd);
        if (!ok)
            return false;
    }
    if (!p->text && !p->items) {
        fail(L, FS_ERR_INPUT, g->line, g, NULL,
             "a text panel needs text = PARAGRAPH, items = ONE;TWO;… or file = TEXT-FILE");
        return false;
    }
    return true;
}

static void panel_free(gpointer data)
{
    fs_panel *p = data;
    if (!p)
        return;
    g_free(p->id);
    g_free(p->title);
    g_free(p->subtitle);
    g_free(p->note);
    g_free(p->alt);
    g_free(p->unit);
    g_free(p->data);
    g_free(p->label);
    g_strfreev(p->values);
    g_free(p->column);
    g_free(p->caption);
    g_free(p->compare);
    g_free(p->per_unit);
    g_free(p->date_col);
    g_free(p->event_col);
    g_free(p->text);
    g_strfreev(p->items);
    if (p->key_lines)
        g_hash_table_unref(p->key_lines);
    g_free(p);
}

static fs_panel *load_panel(loader *L, const raw_group *g, int columns)
{
    const raw_key *kt = find_raw_key(g, "type");
    if (!kt) {
        fail(L, FS_ERR_INPUT, g->line, g, NULL,
             "missing key \"type\" (bar, stat, pictogram, timeline or text)");
        return NULL;
    }
    g_autofree char *tv = value_of(L, g, kt);
    int type = fs_opts_pick(tv, panel_type_names);
    if (type < 0) {
        bad_value(L, g, kt, tv, "is not a panel type (bar, stat, pictogram, timeline or text)");
        return NULL;
    }
    /* keys of another type, in line order */
    g_autoptr(GString) buf = g_string_new(NULL);
    for (guint i = 0; i < g->keys->len; i++) {
        const raw_key *k = g_ptr_array_index(g->keys, i);
        const key_info *ki = find_key(panel_keys, k->base);
        if (!(ki->types & (1u << type))) {
            fail(L, FS_ERR_INPUT, k->line, g, k->key,
                 "does not apply to a %s panel (it is for: %s)", tv, type_list(ki->types, buf));
            return NULL;
        }
    }

    fs_panel *p = g_new0(fs_panel, 1);
    p->data_fd = -1;
    p->id = g_strdup(g->id);
    p->type = (fs_panel_type)type;
    p->line = g->line;
    p->key_lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < g->keys->len; i++) {
        const raw_key *k = g_ptr_array_index(g->keys, i);
        if (!g_hash_table_contains(p->key_lines, k->base))
            g_hash_table_insert(p->key_lines, g_strdup(k->base), GUINT_TO_POINTER(k->line));
    }

    long span = columns;
    bool ok =
        get_int(L, g, "span", 1, columns, &span) && get_text(L, g, "title", false, "", &p->title) &&
        get_text(L, g, "subtitle", false, "", &p->subtitle) &&
        get_text(L, g, "note", false, "", &p->note) && get_text(L, g, "alt", false, "", &p->alt) &&
        get_text(L, g, "unit", false, "", &p->unit);
    p->span = (int)span;
    if (ok) {
        switch (p->type) {
        case FS_PANEL_BAR:
            ok = load_bar(L, g, p);
            break;
        case FS_PANEL_STAT:
            ok = load_stat(L, g, p);
            break;
        case FS_PANEL_PICTOGRAM:
            ok = load_pictogram(L, g, p);
            break;
        case FS_PANEL_TIMELINE:
            ok = load_timeline(L, g, p);
            break;
        case FS_PANEL_TEXT:
            ok = load_text(L, g, p);
            break;
        }
    }
    if (!ok) {
        panel_free(p);
        return NULL;
    }
    return p;
}

/* ---- loading ------------------------------------------------------------- */

static void loader_clear(loader *L)
{
    g_free(L->dir);
    free(L->root_real);
    if (L->root_fd >= 0)
        close(L->root_fd);
    for (guint i = 0; L->inputs && i < L->inputs->len; i++)
        close(g_array_index(L->inputs, int, i));
    if (L->inputs)
        g_array_free(L->inputs, TRUE);
    if (L->groups)
        g_ptr_array_free(L->groups, TRUE);
    if (L->kf)
        g_key_file_free(L->kf);
}

static fs_spec *load(loader *L, const char *buf, size_t len)
{
    if (len > SPEC_MAX_BYTES) {
        fail(L, FS_ERR_INPUT, 0, NULL, NULL, "spec is larger than 1 MiB (%zu bytes)", len);
        return NULL;
    }
    if (L->lang && !is_lang_tag(L->lang)) {
        g_autofree char *q = fs_diag_quote(L->lang, -1, QUOTE_MAX);
        L->failed = true;
        fs_diag_add(L->d, FS_ERR_USAGE, NULL, 0, 0,
                    "--lang %s is not a language tag (expected ll or ll_CC, e.g. az, pt_BR)", q);
        return NULL;
    }
    if (L->data_root) {
        struct stat st;
        if (stat(L->data_root, &st) != 0 || !S_ISDIR(st.st_mode)) {
            g_autofree char *q = fs_diag_quote(L->data_root, -1, 80);
            L->failed = true;
            fs_diag_add(L->d, FS_ERR_USAGE, NULL, 0, 0, "--data-root %s is not a folder", q);
            return NULL;
        }
    }
    L->groups = g_ptr_array_new_with_free_func(raw_group_free);
    g_autoptr(GString) norm = g_string_new(NULL);
    bool content;
    if (!scan(L, buf, len, norm, &content))
        return NULL;
    if (!content) {
        fail(L, FS_ERR_INPUT, 0, NULL, NULL,
             len == 0 ? "empty file (a spec needs a [report] group and at least one panel)"
                      : "no [report] group (the file has only comments and blank lines)");
        return NULL;
    }
    raw_group *rg = find_group(L->groups, "report");
    if (!rg) {
        fail(L, FS_ERR_INPUT, 0, NULL, NULL,
             "no [report] group (every spec needs one, with name and title)");
        return NULL;
    }
    if (L->groups->len < 2) {
        fail(L, FS_ERR_INPUT, rg->line, NULL, NULL,
             "no panels (add at least one [panel ID] group)");
        return NULL;
    }
    L->kf = g_key_file_new();
    g_autoptr(GError) err = NULL;
    if (!g_key_file_load_from_data(L->kf, norm->str, norm->len, G_KEY_FILE_KEEP_TRANSLATIONS,
                                   &err)) {
        fail(L, FS_ERR_INPUT, 0, NULL, NULL, "not a key file: %s", err->message);
        return NULL;
    }
    for (guint i = 0; i < L->groups->len; i++)
        if (!check_escapes(L, g_ptr_array_index(L->groups, i)))
            return NULL;

    fs_spec *s = g_new0(fs_spec, 1);
    s->path = g_strdup(L->path);
    s->dir = g_strdup(L->dir);
    s->lang = g_strdup(L->lang);
    s->line = rg->line;
    s->panels = g_ptr_array_new_with_free_func(panel_free);
    if (!load_report(L, rg, s)) {
        fs_spec_free(s);
        return NULL;
    }
    for (guint i = 0; i < L->groups->len; i++) {
        const raw_group *g = g_ptr_array_index(L->groups, i);
        if (!g->id)
            continue;
        fs_panel *p = load_panel(L, g, s->columns);
        if (!p) {
            fs_spec_free(s);
            return NULL;
        }
        g_ptr_array_add(s->panels, p);
    }
    s->inputs = g_steal_pointer(&L->inputs);
    return s;
}

fs_spec *fs_spec_load_buffer(const char *name, const char *buf, size_t len, const char *data_root,
                             const char *lang, fs_diag *d)
{
    loader L = {.path = name, .data_root = data_root, .lang = lang, .d = d, .root_fd = -1};
    L.inputs = g_array_new(FALSE, FALSE, sizeof(int));
    L.dir = g_path_get_dirname(name);
    fs_spec *s = load(&L, buf, len);
    loader_clear(&L);
    return s;
}

fs_spec *fs_spec_load(const char *path, const char *data_root, const char *lang, fs_diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            fs_diag_add(d, FS_ERR_INPUT, path, 0, 0, "No such file");
        else
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read the spec: %s", g_strerror(e));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read the spec: %s", g_strerror(e));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "%s",
                    S_ISDIR(st.st_mode) ? "is a directory, not a spec file"
                                        : "cannot read the spec: not a regular file");
        close(fd);
        return NULL;
    }
    if (st.st_size > SPEC_MAX_BYTES) {
        fs_diag_add(d, FS_ERR_INPUT, path, 0, 0, "spec is larger than 1 MiB (%lld bytes)",
                    (long long)st.st_size);
        close(fd);
        return NULL;
    }
    /* read at most one byte past the limit: the file may grow while we read */
    GByteArray *bytes = g_byte_array_sized_new((guint)st.st_size + 1);
    char chunk[16384];
    ssize_t n;
    bool err = false;
    while (bytes->len <= SPEC_MAX_BYTES) {
        n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = true;
            break;
        }
        if (n == 0)
            break;
        g_byte_array_append(bytes, (const guint8 *)chunk, (guint)n);
    }
    int e = errno;
    close(fd);
    fs_spec *s = NULL;
    if (err)
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read the spec: %s", g_strerror(e));
    else
        s = fs_spec_load_buffer(path, (const char *)bytes->data, bytes->len, data_root, lang, d);
    g_byte_array_free(bytes, TRUE);
    return s;
}

void fs_spec_free(fs_spec *s)
{
    if (!s)
        return;
    g_free(s->path);
    g_free(s->dir);
    g_free(s->name);
    g_free(s->title);
    g_free(s->subtitle);
    g_free(s->date);
    g_free(s->source);
    g_free(s->note);
    g_free(s->keywords);
    g_free(s->author);
    g_free(s->source_url);
    g_free(s->lang);
    g_strfreev(s->languages);
    fs_theme_free(s->theme);
    if (s->panels)
        g_ptr_array_free(s->panels, TRUE);
    for (guint i = 0; s->inputs && i < s->inputs->len; i++)
        close(g_array_index(s->inputs, int, i));
    if (s->inputs)
        g_array_free(s->inputs, TRUE);
    g_free(s);
}

unsigned long fs_panel_key_line(const fs_panel *p, const char *key)
{
    gpointer v = p->key_lines ? g_hash_table_lookup(p->key_lines, key) : NULL;
    return v ? GPOINTER_TO_UINT(v) : p->line;
}
