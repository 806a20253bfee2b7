/* keyfile: the strict key-file reader. See keyfile.h.
 *
 * The scan goes line by line over the raw bytes; each line is checked for
 * UTF-8 first, because every message after that quotes text of the line.
 * Only what the scan accepted reaches GKeyFile (the normalized copy: no
 * comments, no CR, values trimmed, known keys only), so GKeyFile cannot
 * fail on it; what it still refuses, an invalid escape, is found by
 * fs_keyfile_check_escapes() with the key's line. The values are read in
 * keyvalue.c. */
#include "keyfile_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest user text quoted in a message, in characters. */
#define QUOTE_MAX 40

/* ---- names ---------------------------------------------------------------- */

size_t fs_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32)
        return SIZE_MAX;
    size_t row[33];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = MIN(row[j] + 1, row[j - 1] + 1);
            row[j] = MIN(best, diag + (a[i - 1] != b[j - 1]));
            diag = up;
        }
    }
    return row[lb];
}

/* The candidate nearest to s at distance 2 or less; with prefix, one that
 * is a prefix of s or has s as its prefix also counts as distance 2. */
static const char *nearest(const char *s, const char *const *candidates, bool prefix)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; candidates[i]; i++) {
        const char *c = candidates[i];
        size_t dist = fs_edit_distance(s, c);
        if (dist >= best_d && prefix && strlen(s) >= 3 &&
            (g_str_has_prefix(c, s) || g_str_has_prefix(s, c)))
            dist = 2;
        if (dist < best_d) {
            best_d = dist;
            best = c;
        }
    }
    return best;
}

const char *fs_keyfile_nearest(const char *s, const char *const *candidates)
{
    return nearest(s, candidates, true);
}

bool fs_keyfile_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > FS_KEYFILE_MAX_ID)
        return false;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-')
            return false;
    return true;
}

bool fs_keyfile_is_lang_tag(const char *s)
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

/* ---- messages ------------------------------------------------------------- */

static void G_GNUC_PRINTF(6, 0)
    vfail(fs_keyfile *kf, fs_status st, unsigned long line, const fs_kf_group *g, const char *key,
          const char *fmt, va_list ap)
{
    if (kf->failed)
        return;
    kf->failed = true;
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    fs_diag_add_key(kf->d, st, kf->name, line, g ? g->name : NULL, key, "%s", msg);
}

void fs_keyfile_fail(fs_keyfile *kf, fs_status st, unsigned long line, const fs_kf_group *g,
                     const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(kf, st, line, g, key, fmt, ap);
    va_end(ap);
}

void fs_keyfile_fail_file(fs_keyfile *kf, fs_status st, const char *file, unsigned long line,
                          const char *fmt, ...)
{
    if (kf->failed)
        return;
    kf->failed = true;
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fs_diag_add(kf->d, st, file, line, 0, "%s", msg);
}

/* Hint for a value that fails a typed check because of a trailing comment. */
static const char *comment_hint(const char *v)
{
    return strstr(v, " #") || strstr(v, "\t#")
               ? " (a # starts a comment only at the start of a line)"
               : "";
}

void fs_keyfile_bad_value(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, const char *v,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *q = fs_diag_quote(v, -1, QUOTE_MAX);
    fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "%s %s%s", q, msg, comment_hint(v));
}

/* ---- the schema ----------------------------------------------------------- */

/* The first entry of gs named name whose tags meet tags (0: any). */
static const fs_key *schema_entry(const fs_group_schema *gs, const char *name, unsigned tags)
{
    for (const fs_key *k = gs->keys; k->name; k++)
        if (strcmp(k->name, name) == 0 && (!tags || !k->tags || (k->tags & tags)))
            return k;
    return NULL;
}

const fs_key *fs_keyfile_entry(const fs_kf_group *g, const char *name)
{
    return schema_entry(g->schema, name, g->tags);
}

static bool has_localized(const fs_group_schema *gs)
{
    for (const fs_key *k = gs->keys; k->name; k++)
        if (k->flags & FS_KEY_LOCALIZED)
            return true;
    return false;
}

/* Appends "[report]" or "[panel ID]". */
static void append_group(GString *out, const fs_group_schema *gs)
{
    g_string_append_printf(out, gs->has_id ? "[%s ID]" : "[%s]", gs->name);
}

/* "[report] or [panel ID]", "[colors], [patterns] … or [spacing]". */
static char *group_list(const fs_keyfile_schema *s)
{
    GString *out = g_string_new(NULL);
    for (const fs_group_schema *gs = s->groups; gs->name; gs++) {
        if (gs != s->groups)
            g_string_append(out, gs[1].name ? ", " : " or ");
        append_group(out, gs);
    }
    return g_string_free(out, FALSE);
}

/* Suggestion for an unknown group name: a fixed group near it, or "NAME
 * REST" when its first word is near a group with IDs and the rest is an
 * ID ("[panels killed]"). Returns a new string or NULL. */
static char *suggest_group(const fs_keyfile_schema *s, const char *name)
{
    g_autofree char *lower = g_ascii_strdown(name, -1);
    g_autoptr(GPtrArray) fixed = g_ptr_array_new();
    for (const fs_group_schema *gs = s->groups; gs->name; gs++)
        if (!gs->has_id)
            g_ptr_array_add(fixed, (gpointer)gs->name);
    g_ptr_array_add(fixed, NULL);
    const char *near = fs_keyfile_nearest(lower, (const char *const *)fixed->pdata);
    if (near)
        return g_strdup(near);
    const char *sp = strpbrk(name, " \t_-:");
    if (!sp)
        return NULL;
    g_autofree char *head = g_ascii_strdown(name, sp - name);
    const char *rest = sp + strspn(sp, " \t_-:");
    for (const fs_group_schema *gs = s->groups; gs->name; gs++) {
        const char *one[] = {gs->name, NULL};
        if (gs->has_id && fs_keyfile_nearest(head, one) && fs_keyfile_is_id(rest))
            return g_strdup_printf("%s %s", gs->name, rest);
    }
    return NULL;
}

/* ---- the raw scan --------------------------------------------------------- */

static void key_free(gpointer p)
{
    fs_kf_key *k = p;
    g_free(k->key);
    g_free(k->base);
    g_free(k);
}

static void group_free(gpointer p)
{
    fs_kf_group *g = p;
    g_free(g->name);
    g_ptr_array_free(g->keys, TRUE);
    g_free(g);
}

fs_kf_group *fs_keyfile_find_group(const fs_keyfile *kf, const char *name)
{
    for (guint i = 0; i < kf->groups->len; i++) {
        fs_kf_group *g = g_ptr_array_index(kf->groups, i);
        if (strcmp(g->name, name) == 0)
            return g;
    }
    return NULL;
}

/* The schema of the group named name; *id: its ID (into name) or NULL.
 * NULL after the diagnostic when there is none. */
static const fs_group_schema *match_group(fs_keyfile *kf, const char *name, unsigned long line,
                                          const char **id)
{
    const fs_keyfile_schema *s = kf->schema;
    *id = NULL;
    for (const fs_group_schema *gs = s->groups; gs->name; gs++) {
        size_t n = strlen(gs->name);
        if (!gs->has_id && strcmp(name, gs->name) == 0)
            return gs;
        if (!gs->has_id || strncmp(name, gs->name, n) != 0 || (name[n] && name[n] != ' '))
            continue;
        if (!name[n]) {
            fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                            "group [%s] needs an ID: [%s NAME] (letters, digits, - and _)",
                            gs->name, gs->name);
            return NULL;
        }
        *id = name + n + 1;
        if (!fs_keyfile_is_id(*id)) {
            g_autofree char *q = fs_diag_quote(*id, -1, QUOTE_MAX);
            fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                            "%s ID %s must be 1 to %d letters, digits, - or _ (%s)", gs->name, q,
                            FS_KEYFILE_MAX_ID, s->id_why);
            return NULL;
        }
        return gs;
    }
    g_autofree char *q = fs_diag_quote(name, -1, QUOTE_MAX);
    g_autofree char *sugg = suggest_group(s, name);
    g_autofree char *list = group_list(s);
    if (sugg)
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL, "unknown group %s (did you mean [%s]?)",
                        q, sugg);
    else
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL, "unknown group %s (expected %s)", q,
                        list);
    return NULL;
}

/* Checks one "[...]" line and opens its group. */
static fs_kf_group *scan_group(fs_keyfile *kf, const char *name, unsigned long line)
{
    const char *id;
    const fs_group_schema *gs = match_group(kf, name, line, &id);
    if (!gs)
        return NULL;
    const fs_kf_group *prev = fs_keyfile_find_group(kf, name);
    if (prev) {
        if (id)
            fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                            "duplicate group [%s]: %s IDs must be unique (first at line %lu)", name,
                            gs->name, prev->line);
        else
            fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                            "duplicate group [%s] (first at line %lu)", name, prev->line);
        return NULL;
    }
    if (id && kf->schema->max_ids && ++kf->nids > kf->schema->max_ids) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL, "too many %ss (the limit is %zu)",
                        gs->name, kf->schema->max_ids);
        return NULL;
    }
    fs_kf_group *g = g_new0(fs_kf_group, 1);
    g->name = g_strdup(name);
    g->id = id ? g->name + (id - name) : NULL;
    g->line = line;
    g->schema = gs;
    g->keys = g_ptr_array_new_with_free_func(key_free);
    g_ptr_array_add(kf->groups, g);
    return g;
}

const fs_kf_key *fs_keyfile_find(const fs_kf_group *g, const char *key)
{
    for (guint i = 0; i < g->keys->len; i++) {
        const fs_kf_key *k = g_ptr_array_index(g->keys, i);
        if (strcmp(k->key, key) == 0)
            return k;
    }
    return NULL;
}

/* A key that is not in g's schema: a name of g near it, else the other
 * group that takes it, else a name of g it is a prefix of (or that is a
 * prefix of it), else nothing. */
static void unknown_key(fs_keyfile *kf, const fs_kf_group *g, const char *key, const char *base,
                        unsigned long line)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    for (const fs_key *k = g->schema->keys; k->name; k++)
        if (schema_entry(g->schema, k->name, 0) == k) /* each name once */
            g_ptr_array_add(names, (gpointer)k->name);
    g_ptr_array_add(names, NULL);
    const char *const *cands = (const char *const *)names->pdata;
    const fs_group_schema *other = NULL;
    for (const fs_group_schema *gs = kf->schema->groups; !other && gs->name; gs++)
        if (gs != g->schema && schema_entry(gs, base, 0))
            other = gs;
    const char *sugg = !other || nearest(base, cands, false) ? nearest(base, cands, true) : NULL;
    if (sugg) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key, "unknown key (did you mean \"%s\"?)", sugg);
    } else if (other) {
        g_autoptr(GString) where = g_string_new(NULL);
        append_group(where, other);
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key, "unknown key (it belongs in %s)",
                        where->str);
    } else {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key, "unknown key");
    }
}

/* Checks key[locale] of a group with localized keys: *base and *locale
 * (into key, up to the closing ']'), or false after the diagnostic. */
static bool split_locale(fs_keyfile *kf, const fs_kf_group *g, const char *key, unsigned long line,
                         char **base, const char **locale)
{
    const char *br = strchr(key, '[');
    *locale = NULL;
    if (!br) {
        *base = g_strdup(key);
        return true;
    }
    size_t n = strlen(key);
    const char *close = strchr(br + 1, ']');
    if (br == key || key[n - 1] != ']' || close != key + n - 1 || strchr(br + 1, '[')) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key,
                        "not a key name (a localized key is written key[ll] or key[ll_CC], e.g. "
                        "title[az])");
        return false;
    }
    *base = g_strndup(key, (gsize)(br - key));
    *locale = br + 1;
    return true;
}

/* Checks that ki may be localized and that the tag is one. */
static bool check_locale(fs_keyfile *kf, const fs_kf_group *g, const fs_key *ki, const char *key,
                         const char *locale, unsigned long line)
{
    if (!(ki->flags & FS_KEY_LOCALIZED)) {
        g_autoptr(GString) list = g_string_new(NULL);
        for (const fs_key *k = g->schema->keys; k->name; k++) {
            if (!(k->flags & FS_KEY_LOCALIZED))
                continue;
            if (list->len)
                g_string_append(list, ", ");
            g_string_append(list, k->name);
        }
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key,
                        "\"%s\" cannot be localized (only text keys can: %s)", ki->name, list->str);
        return false;
    }
    g_autofree char *tag = g_strndup(locale, strlen(locale) - 1);
    if (!fs_keyfile_is_lang_tag(tag)) {
        g_autofree char *q = fs_diag_quote(tag, -1, QUOTE_MAX);
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key,
                        "%s is not a language tag (expected ll or ll_CC, e.g. az, ru, pt_BR)", q);
        return false;
    }
    return true;
}

/* Checks one "key = value" line of group g; records the key. */
static bool scan_key(fs_keyfile *kf, fs_kf_group *g, const char *key, unsigned long line)
{
    if (*key == '\0') {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, NULL, "line has \"=\" but no key before it");
        return false;
    }
    g_autofree char *base = NULL;
    const char *locale = NULL;
    if (!has_localized(g->schema))
        base = g_strdup(key);
    else if (!split_locale(kf, g, key, line, &base, &locale))
        return false;
    const fs_key *ki = schema_entry(g->schema, base, 0);
    if (!ki) {
        unknown_key(kf, g, key, base, line);
        return false;
    }
    if (locale && !check_locale(kf, g, ki, key, locale, line))
        return false;
    const fs_kf_key *prev = fs_keyfile_find(g, key);
    if (prev) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key, "duplicate key (first at line %lu)",
                        prev->line);
        return false;
    }
    fs_kf_key *k = g_new0(fs_kf_key, 1);
    k->key = g_strdup(key);
    k->base = g_steal_pointer(&base);
    k->line = line;
    k->info = ki;
    g_ptr_array_add(g->keys, k);
    return true;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Checks that the line p..le is UTF-8 without NUL; g: the group it is in. */
static bool check_utf8(fs_keyfile *kf, const fs_kf_group *g, const char *p, const char *le,
                       unsigned long line)
{
    const char *bad = NULL;
    if (g_utf8_validate_len(p, (gsize)(le - p), &bad))
        return true;
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
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, g, key,
                        "value has %s (byte 0x%02x at column %lu); a %s must be UTF-8 text", what,
                        byte, col, kf->schema->what);
    } else {
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                        "line has %s (byte 0x%02x at column %lu); a %s must be UTF-8 text", what,
                        byte, col, kf->schema->what);
    }
    return false;
}

/* Checks one trimmed line s..e that is not blank or a comment; *g: the
 * group it is in, updated by a header. Appends what it accepted to norm. */
static bool scan_line(fs_keyfile *kf, fs_kf_group **g, const char *s, const char *e,
                      unsigned long line, GString *norm)
{
    g_autofree char *text = g_strndup(s, (gsize)(e - s));
    if (*s == '[') {
        if (e[-1] != ']' || e - s < 2) {
            g_autofree char *q = fs_diag_quote(text, -1, QUOTE_MAX);
            g_autofree char *list = group_list(kf->schema);
            fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                            "%s is not a group header (expected %s alone on its line)", q, list);
            return false;
        }
        text[e - s - 1] = '\0';
        *g = scan_group(kf, text + 1, line);
        if (*g)
            g_string_append_printf(norm, "[%s]\n", (*g)->name);
        return *g != NULL;
    }
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if (!eq) {
        g_autofree char *q = fs_diag_quote(text, -1, QUOTE_MAX);
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL,
                        "%s is not a key file line (expected [group], key = value, # comment or "
                        "a blank line)",
                        q);
        return false;
    }
    g_autofree char *key = g_strndup(s, (gsize)(eq - s));
    g_strchomp(key);
    if (!*g) {
        g_autofree char *q = fs_diag_quote(key, -1, QUOTE_MAX);
        fs_keyfile_fail(kf, FS_ERR_INPUT, line, NULL, NULL, "key %s outside any group (%s)", q,
                        kf->schema->start);
        return false;
    }
    if (!scan_key(kf, *g, key, line))
        return false;
    const char *v = eq + 1;
    while (v < e && is_blank(*v))
        v++;
    g_string_append_printf(norm, "%s=", key);
    g_string_append_len(norm, v, e - v);
    g_string_append_c(norm, '\n');
    return true;
}

/* Scans buf; appends the accepted lines to norm. */
static bool scan(fs_keyfile *kf, const char *buf, size_t len, GString *norm)
{
    const char *p = buf, *end = buf + len;
    unsigned long line = 0;
    fs_kf_group *g = NULL;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3; /* a UTF-8 byte order mark */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        if (!check_utf8(kf, g, p, le, line))
            return false;
        const char *s = p, *e = le;
        while (s < e && is_blank(*s))
            s++;
        while (e > s && is_blank(e[-1]))
            e--;
        p = nl ? nl + 1 : end;
        if (s == e || *s == '#')
            continue;
        kf->content = true;
        if (!scan_line(kf, &g, s, e, line, norm))
            return false;
    }
    return true;
}

/* "1 MiB", "64 KiB". Returns a new string. */
static char *size_text(size_t bytes)
{
    if (bytes % (1024 * 1024) == 0)
        return g_strdup_printf("%zu MiB", bytes / (1024 * 1024));
    return g_strdup_printf("%zu KiB", bytes / 1024);
}

fs_keyfile *fs_keyfile_new(const fs_keyfile_schema *schema, const char *name, const char *lang,
                           fs_diag *d)
{
    fs_keyfile *kf = g_new0(fs_keyfile, 1);
    kf->schema = schema;
    kf->name = name;
    kf->lang = lang;
    kf->d = d;
    kf->groups = g_ptr_array_new_with_free_func(group_free);
    return kf;
}

void fs_keyfile_free(fs_keyfile *kf)
{
    if (!kf)
        return;
    g_ptr_array_free(kf->groups, TRUE);
    if (kf->kf)
        g_key_file_free(kf->kf);
    g_free(kf);
}

bool fs_keyfile_load(fs_keyfile *kf, const char *buf, size_t len)
{
    if (len > kf->schema->max_bytes) {
        g_autofree char *max = size_text(kf->schema->max_bytes);
        fs_keyfile_fail(kf, FS_ERR_INPUT, 0, NULL, NULL, "%s is larger than %s (%zu bytes)",
                        kf->schema->what, max, len);
        return false;
    }
    g_autoptr(GString) norm = g_string_new(NULL);
    if (!scan(kf, buf, len, norm))
        return false;
    kf->kf = g_key_file_new();
    g_autoptr(GError) err = NULL;
    if (!g_key_file_load_from_data(kf->kf, norm->str, norm->len, G_KEY_FILE_KEEP_TRANSLATIONS,
                                   &err)) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, 0, NULL, NULL, "not a key file: %s", err->message);
        return false;
    }
    return true;
}

bool fs_keyfile_has_content(const fs_keyfile *kf)
{
    return kf->content;
}

size_t fs_keyfile_n_groups(const fs_keyfile *kf)
{
    return kf->groups->len;
}

fs_kf_group *fs_keyfile_nth_group(const fs_keyfile *kf, size_t i)
{
    return g_ptr_array_index(kf->groups, (guint)i);
}

/* ---- files ---------------------------------------------------------------- */

GByteArray *fs_keyfile_slurp(int fd, size_t max, int *err)
{
    GByteArray *bytes = g_byte_array_new();
    char chunk[16384];
    while (bytes->len <= max) {
        ssize_t n = pread(fd, chunk, sizeof chunk, (off_t)bytes->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *err = errno;
            g_byte_array_unref(bytes);
            return NULL;
        }
        if (n == 0)
            break;
        g_byte_array_append(bytes, (const guint8 *)chunk, (guint)n);
    }
    return bytes;
}

GByteArray *fs_keyfile_read_fd(const fs_keyfile_schema *schema, int fd, const char *name,
                               fs_diag *d)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        fs_diag_add(d, FS_ERR_SYSTEM, name, 0, 0, "cannot read the %s: %s", schema->what,
                    g_strerror(e));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            fs_diag_add(d, FS_ERR_SYSTEM, name, 0, 0, "is a directory, not a %s file",
                        schema->what);
        else
            fs_diag_add(d, FS_ERR_SYSTEM, name, 0, 0, "cannot read the %s: not a regular file",
                        schema->what);
        return NULL;
    }
    if ((unsigned long long)st.st_size > schema->max_bytes) {
        g_autofree char *max = size_text(schema->max_bytes);
        fs_diag_add(d, FS_ERR_INPUT, name, 0, 0, "%s is larger than %s (%lld bytes)", schema->what,
                    max, (long long)st.st_size);
        return NULL;
    }
    /* at most one byte past the limit: the file may grow while it is read */
    int e = 0;
    GByteArray *bytes = fs_keyfile_slurp(fd, schema->max_bytes, &e);
    if (!bytes)
        fs_diag_add(d, FS_ERR_SYSTEM, name, 0, 0, "cannot read the %s: %s", schema->what,
                    g_strerror(e));
    return bytes;
}

GByteArray *fs_keyfile_read_file(const fs_keyfile_schema *schema, const char *path, fs_diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            fs_diag_add(d, FS_ERR_INPUT, path, 0, 0, "No such file%s",
                        schema->missing_hint ? schema->missing_hint : "");
        else
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read the %s: %s", schema->what,
                        g_strerror(e));
        return NULL;
    }
    GByteArray *bytes = fs_keyfile_read_fd(schema, fd, path, d);
    close(fd);
    return bytes;
}
