/* diag: collect diagnostics, print them GNU style, as JSON lines or as
 * GitHub workflow commands. See diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

/* One diagnostic: its place and words apart, and the GNU-style line. */
typedef struct entry {
    fs_status st;
    char *file; /* escaped for one line, or NULL */
    unsigned long line, col;
    char *group, *key; /* of a key file (the key as written, escaped), or NULL */
    char *qkey;        /* the key quoted, or NULL */
    char *msg;         /* the message alone */
    char *text;        /* "file:line:col: [group] key \"k\": msg" */
} entry;

static void entry_free(gpointer p)
{
    entry *e = p;
    g_free(e->file);
    g_free(e->group);
    g_free(e->key);
    g_free(e->qkey);
    g_free(e->msg);
    g_free(e->text);
    g_free(e);
}

struct fs_diag {
    GPtrArray *msgs; /* entry *, owned */
    fs_status worst;
};

static fs_diag_style style = FS_DIAG_TEXT;

void fs_diag_set_style(fs_diag_style s)
{
    style = s;
}

fs_diag_style fs_diag_get_style(void)
{
    return style;
}

bool fs_diag_parse_style(const char *name, fs_diag_style *out)
{
    static const char *const names[] = {"text", "json", "github", "sarif"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (fs_diag_style)i;
            return true;
        }
    return false;
}

fs_diag *fs_diag_new(void)
{
    fs_diag *d = g_new0(fs_diag, 1);
    d->msgs = g_ptr_array_new_with_free_func(entry_free);
    return d;
}

void fs_diag_free(fs_diag *d)
{
    if (!d)
        return;
    g_ptr_array_free(d->msgs, TRUE);
    g_free(d);
}

void fs_diag_clear(fs_diag *d)
{
    g_ptr_array_set_size(d->msgs, 0);
    d->worst = FS_OK;
}

/* Escapes one string for a message; shared by paths and quoted values. */
static void append_escaped(GString *out, const char *s, gssize len, size_t max_chars,
                           bool escape_quote)
{
    const char *p = s;
    const char *end = s + (len < 0 ? (gssize)strlen(s) : len);
    size_t chars = 0;
    while (p < end) {
        if (chars == max_chars) {
            g_string_append(out, "…");
            return;
        }
        unsigned char c = (unsigned char)*p;
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02x", c);
            p++;
        } else if (c < 0x20 || c == 0x7f || (u >= 0x80 && u < 0xa0)) {
            switch (c) {
            case '\n': g_string_append(out, "\\n"); break;
            case '\r': g_string_append(out, "\\r"); break;
            case '\t': g_string_append(out, "\\t"); break;
            default:
                if (u >= 0x80)
                    g_string_append_printf(out, "\\u%04x", u);
                else
                    g_string_append_printf(out, "\\x%02x", c);
            }
            p = g_utf8_next_char(p);
        } else if ((c == '"' && escape_quote) || c == '\\') {
            g_string_append_c(out, '\\');
            g_string_append_c(out, (char)c);
            p++;
        } else if (u == 0x2028 || u == 0x2029 || (u >= 0x202a && u <= 0x202e) ||
                   (u >= 0x2066 && u <= 0x2069)) {
            /* line separators and bidi overrides would reorder the terminal line */
            g_string_append_printf(out, "\\u%04x", u);
            p = g_utf8_next_char(p);
        } else {
            const char *n = g_utf8_next_char(p);
            g_string_append_len(out, p, n - p);
            p = n;
        }
        chars++;
    }
}

char *fs_diag_quote(const char *s, gssize len, size_t max_chars)
{
    GString *out = g_string_new("\"");
    append_escaped(out, s ? s : "", len, max_chars, true);
    g_string_append_c(out, '"');
    return g_string_free(out, FALSE);
}

char *fs_diag_escape_path(const char *path)
{
    GString *out = g_string_new(NULL);
    append_escaped(out, path ? path : "", -1, 200, false);
    return g_string_free(out, FALSE);
}

static void add_entry(fs_diag *d, fs_status st, const char *file, unsigned long line,
                      unsigned long col, const char *group, const char *key, char *msg)
{
    entry *e = g_new0(entry, 1);
    e->st = st;
    e->file = file ? fs_diag_escape_path(file) : NULL;
    e->line = line;
    e->col = line ? col : 0;
    e->group = g_strdup(group);
    e->key = key ? fs_diag_escape_path(key) : NULL;
    e->qkey = key ? fs_diag_quote(key, -1, 40) : NULL;
    e->msg = msg;
    GString *m = g_string_new(NULL);
    if (e->file) {
        g_string_append(m, e->file);
        if (line)
            g_string_append_printf(m, ":%lu", line);
        if (line && col)
            g_string_append_printf(m, ":%lu", col);
        g_string_append(m, ": ");
    }
    if (group)
        g_string_append_printf(m, "[%s] ", group);
    if (key)
        g_string_append_printf(m, "key %s: ", e->qkey);
    g_string_append(m, msg);
    e->text = g_string_free(m, FALSE);
    g_ptr_array_add(d->msgs, e);
    if (st > d->worst)
        d->worst = st;
}

void fs_diag_add(fs_diag *d, fs_status st, const char *file, unsigned long line,
                 unsigned long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    add_entry(d, st, file, line, col, NULL, NULL, msg);
}

void fs_diag_add_key(fs_diag *d, fs_status st, const char *file, unsigned long line,
                     const char *group, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    add_entry(d, st, file, line, 0, group, key, msg);
}

size_t fs_diag_count(const fs_diag *d)
{
    return d->msgs->len;
}

fs_status fs_diag_status(const fs_diag *d)
{
    return d->worst;
}

const char *fs_diag_message(const fs_diag *d, size_t i)
{
    return i < d->msgs->len ? ((const entry *)g_ptr_array_index(d->msgs, i))->text : NULL;
}

/* ---- the styles ----------------------------------------------------------- */

/* The suggestion that ends a message, if it has one: the last clause
 * after "; " or ": ", or in a final " (…)", that starts with one of these
 * words.
 * *cut: where the message proper ends. Returns a new string or NULL. */
static char *split_hint(const char *msg, size_t *cut)
{
    static const char *const starts[] = {"use ",  "pass ", "give ", "write ", "add ",
                                         "try ",  "run ",  "set ",  "did you mean",
                                         "draw ", "put ",  "name ", "remove ", "say "};
    size_t len = strlen(msg);
    *cut = len;
    if (len == 0)
        return NULL;
    for (const char *p = msg + len; p > msg; p--) {
        bool semi = (p[-1] == ';' || p[-1] == ':') && p[0] == ' ';
        bool paren = p[-1] == '(' && p - 1 > msg && p[-2] == ' ' && msg[len - 1] == ')';
        if (!semi && !paren)
            continue;
        const char *h = semi ? p + 1 : p;
        for (size_t i = 0; i < G_N_ELEMENTS(starts); i++)
            if (g_ascii_strncasecmp(h, starts[i], strlen(starts[i])) == 0) {
                *cut = (size_t)(semi ? p - 1 - msg : p - 2 - msg);
                size_t hl = strlen(h) - (paren ? 1 : 0);
                return g_strndup(h, hl);
            }
    }
    return NULL;
}

void fs_diag_json_string(GString *out, const char *s)
{
    if (!s) {
        g_string_append(out, "null");
        return;
    }
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p == '\n')
            g_string_append(out, "\\n");
        else if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf(out, "\\u%04x", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}

/* GitHub's workflow command escaping: of the message (all) or of a
 * property's value (also ':' and ','). */
static void gh_escape(GString *out, const char *s, bool property)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '%': g_string_append(out, "%25"); break;
        case '\r': g_string_append(out, "%0D"); break;
        case '\n': g_string_append(out, "%0A"); break;
        case ':':
            if (property) {
                g_string_append(out, "%3A");
                break;
            }
            g_string_append_c(out, *p);
            break;
        case ',':
            if (property) {
                g_string_append(out, "%2C");
                break;
            }
            g_string_append_c(out, *p);
            break;
        default: g_string_append_c(out, *p);
        }
    }
}

void fs_diag_format_one(GString *out, fs_diag_style s, bool warning, fs_status st,
                        const char *file, unsigned long line, unsigned long col,
                        const char *group, const char *key, const char *msg, const char *text)
{
    size_t cut;
    g_autofree char *hint = split_hint(msg, &cut);
    g_autofree char *body = g_strndup(msg, cut);
    const char *dym = hint ? NULL : strstr(msg, " (did you mean ");
    const char *dym_end = dym ? strstr(dym, "?)") : NULL;
    if (dym_end) { /* "no column "x" (did you mean "y"?); …": the question is the hint */
        hint = g_strndup(dym + 2, (size_t)(dym_end + 1 - (dym + 2)));
        g_free(body);
        body = g_strdup_printf("%.*s%s", (int)(dym - msg), msg, dym_end + 2);
    }
    switch (s) {
    case FS_DIAG_JSON:
        g_string_append(out, "{\"severity\":");
        fs_diag_json_string(out, warning ? "warning" : "error");
        g_string_append(out, ",\"file\":");
        fs_diag_json_string(out, file);
        if (line)
            g_string_append_printf(out, ",\"line\":%lu", line);
        else
            g_string_append(out, ",\"line\":null");
        if (line && col)
            g_string_append_printf(out, ",\"column\":%lu", col);
        else
            g_string_append(out, ",\"column\":null");
        g_string_append(out, ",\"group\":");
        fs_diag_json_string(out, group);
        g_string_append(out, ",\"key\":");
        fs_diag_json_string(out, key);
        g_string_append(out, ",\"message\":");
        fs_diag_json_string(out, body);
        g_string_append(out, ",\"hint\":");
        fs_diag_json_string(out, hint);
        g_string_append_printf(out, ",\"exit\":%d}\n", warning ? 0 : (int)st);
        break;
    case FS_DIAG_GITHUB: {
        g_string_append(out, warning ? "::warning" : "::error");
        const char *sep = " ";
        if (file) {
            g_string_append(out, " file=");
            gh_escape(out, file, true);
            sep = ",";
        }
        if (file && line)
            g_string_append_printf(out, "%sline=%lu", sep, line);
        if (file && line && col)
            g_string_append_printf(out, ",col=%lu", col);
        g_string_append(out, "::");
        g_autoptr(GString) m = g_string_new(NULL);
        if (group)
            g_string_append_printf(m, "[%s] ", group);
        if (key)
            g_string_append_printf(m, "key \"%s\": ", key);
        g_string_append(m, msg);
        gh_escape(out, m->str, false);
        g_string_append_c(out, '\n');
        break;
    }
    default:
        g_string_append_printf(out, "factsheet: %s\n", text);
        break;
    }
}

char *fs_diag_render(const fs_diag *d)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < d->msgs->len; i++) {
        const entry *e = g_ptr_array_index(d->msgs, i);
        fs_diag_format_one(out, style == FS_DIAG_SARIF ? FS_DIAG_TEXT : style, false, e->st,
                           e->file, e->line, e->col, e->group, e->key, e->msg, e->text);
    }
    return g_string_free(out, FALSE);
}

void fs_diag_print(const fs_diag *d, FILE *fp)
{
    g_autofree char *s = fs_diag_render(d);
    fputs(s, fp);
    fflush(fp);
}

void fs_diag_get(const fs_diag *d, size_t i, fs_status *st, const char **file,
                 unsigned long *line, unsigned long *col, const char **group, const char **key,
                 const char **msg)
{
    const entry *e = g_ptr_array_index(d->msgs, i);
    *st = e->st, *file = e->file, *line = e->line, *col = e->col;
    *group = e->group, *key = e->key, *msg = e->msg;
}
