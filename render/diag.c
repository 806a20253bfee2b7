/* diag: collect diagnostics, print them GNU style. See diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

struct fs_diag {
    GPtrArray *msgs; /* char *, owned */
    fs_status worst;
};

fs_diag *fs_diag_new(void)
{
    fs_diag *d = g_new0(fs_diag, 1);
    d->msgs = g_ptr_array_new_with_free_func(g_free);
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

void fs_diag_add(fs_diag *d, fs_status st, const char *file, unsigned long line,
                 unsigned long col, const char *fmt, ...)
{
    GString *m = g_string_new(NULL);
    if (file) {
        g_autofree char *f = fs_diag_escape_path(file);
        g_string_append(m, f);
        if (line)
            g_string_append_printf(m, ":%lu", line);
        if (line && col)
            g_string_append_printf(m, ":%lu", col);
        g_string_append(m, ": ");
    }
    va_list ap;
    va_start(ap, fmt);
    g_string_append_vprintf(m, fmt, ap);
    va_end(ap);
    g_ptr_array_add(d->msgs, g_string_free(m, FALSE));
    if (st > d->worst)
        d->worst = st;
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
    return i < d->msgs->len ? g_ptr_array_index(d->msgs, i) : NULL;
}

void fs_diag_print(const fs_diag *d, FILE *fp)
{
    for (guint i = 0; i < d->msgs->len; i++)
        fprintf(fp, "factsheet: %s\n", (const char *)g_ptr_array_index(d->msgs, i));
    fflush(fp);
}
