/* opts: shared value types. See opts.h. */
#include "opts.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

const char *const fs_orient_names[] = {"horizontal", "vertical", NULL};
const char *const fs_sort_names[] = {"none", "asc", "desc", NULL};
const char *const fs_mode_names[] = {"grouped", "stacked", "percent", NULL};
const char *const fs_icon_names[] = {"person", "house", "square", "circle", NULL};

int fs_opts_pick(const char *s, const char *const *names)
{
    for (int i = 0; s && names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

void fs_numfmt_default(fs_numfmt *f)
{
    g_strlcpy(f->group, ",", sizeof f->group);
    g_strlcpy(f->decimal, ".", sizeof f->decimal);
}

bool fs_numfmt_parse(const char *ex, fs_numfmt *out)
{
    /* The example is "1" SEP "275" [DEC "5"], or "1275" [DEC "5"]. */
    static const char *const groups[] = {",", ".", " ", "\u00a0", "\u202f", "'", "", NULL};
    if (!ex || ex[0] != '1')
        return false;
    for (int i = 0; groups[i]; i++) {
        size_t gl = strlen(groups[i]);
        if (strncmp(ex + 1, groups[i], gl) != 0 || strncmp(ex + 1 + gl, "275", 3) != 0)
            continue;
        if (gl == 0 && strncmp(ex, "1275", 4) != 0)
            continue;
        const char *rest = ex + 1 + gl + 3;
        const char *dec = ".";
        if (*rest) {
            if ((rest[0] != '.' && rest[0] != ',') || rest[1] != '5' || rest[2] != '\0')
                continue;
            dec = rest[0] == '.' ? "." : ",";
        } else if (groups[i][0] == '.') {
            dec = ",";
        }
        if (strcmp(dec, groups[i]) == 0)
            continue;
        g_strlcpy(out->group, groups[i], sizeof out->group);
        g_strlcpy(out->decimal, dec, sizeof out->decimal);
        return true;
    }
    return false;
}

int fs_numfmt_decimals(double v)
{
    int decimals = 0;
    double a = fabs(v);
    if (!isfinite(a))
        return 0;
    while (decimals < 2 && fabs(a * pow(10, decimals) - nearbyint(a * pow(10, decimals))) >
                               1e-9 * fmax(1, a * pow(10, decimals)))
        decimals++;
    return decimals;
}

char *fs_numfmt_format(const fs_numfmt *f, double v, int decimals)
{
    if (!isfinite(v))
        return g_strdup("–");
    if (decimals < 0)
        decimals = fs_numfmt_decimals(v);
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 8];
    /* %f of values beyond 1e21 gives long digit strings; use exponent form there */
    if (fabs(v) >= 1e15) {
        g_ascii_formatd(buf, sizeof buf, "%.3g", fabs(v));
        GString *s = g_string_new(v < 0 ? "\u2212" : "");
        for (char *p = buf; *p; p++) {
            if (*p == '.')
                g_string_append(s, f->decimal);
            else
                g_string_append_c(s, *p);
        }
        return g_string_free(s, FALSE);
    }
    g_autofree char *fmt = g_strdup_printf("%%.%df", decimals);
    g_ascii_formatd(buf, sizeof buf, fmt, fabs(v));
    bool negative = v < 0 && strspn(buf, "0.") != strlen(buf);
    const char *dot = strchr(buf, '.');
    size_t intlen = dot ? (size_t)(dot - buf) : strlen(buf);
    GString *s = g_string_new(negative ? "\u2212" : "");
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            g_string_append(s, f->group);
        g_string_append_c(s, buf[i]);
    }
    if (dot) {
        g_string_append(s, f->decimal);
        g_string_append(s, dot + 1);
    }
    return g_string_free(s, FALSE);
}

static const struct {
    const char *name;
    double pt;
} units[] = {{"pt", 1.0}, {"px", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"in", 72.0}};

/* Parses a number at s; sets *end. ASCII only, no locale. One too large
 * for a double (400 digits) is +inf: a value out of range, for the caller's
 * range check to say so. */
static bool parse_num(const char *s, const char **end, double *v)
{
    const char *p = s;
    while (g_ascii_isdigit(*p))
        p++;
    if (*p == '.') {
        p++;
        while (g_ascii_isdigit(*p))
            p++;
    }
    if (p == s || (p == s + 1 && *s == '.'))
        return false;
    g_autofree char *tok = g_strndup(s, (gsize)(p - s));
    *v = g_ascii_strtod(tok, NULL);
    *end = p;
    return *v > 0;
}

static bool parse_unit(const char **p, double *factor)
{
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++) {
        size_t n = strlen(units[i].name);
        if (g_ascii_strncasecmp(*p, units[i].name, n) == 0) {
            *p += n;
            *factor = units[i].pt;
            return true;
        }
    }
    return false;
}

bool fs_parse_length(const char *s, double *pt)
{
    const char *p;
    double v, f = 1.0;
    if (!s || !parse_num(s, &p, &v))
        return false;
    if (*p && !parse_unit(&p, &f))
        return false;
    if (*p)
        return false;
    *pt = v * f;
    return true;
}

bool fs_parse_length_pair(const char *s, double *w, double *h)
{
    const char *p;
    double a, b, fa = 0, fb = 1.0;
    if (!s || !parse_num(s, &p, &a))
        return false;
    if (*p != 'x' && *p != 'X' && !parse_unit(&p, &fa))
        return false;
    if (*p != 'x' && *p != 'X')
        return false;
    p++;
    if (!parse_num(p, &p, &b))
        return false;
    if (*p && !parse_unit(&p, &fb))
        return false;
    if (*p)
        return false;
    if (fa == 0)
        fa = fb;
    *w = a * fa, *h = b * fb;
    return true;
}

bool fs_parse_page(const char *s, double *w, double *h)
{
    static const struct {
        const char *name;
        double w, h;
    } pages[] = {{"A3", 841.8898, 1190.5512}, {"A4", 595.2756, 841.8898},
                 {"A5", 419.5276, 595.2756},  {"Letter", 612, 792},
                 {"Legal", 612, 1008}};
    for (size_t i = 0; s && i < G_N_ELEMENTS(pages); i++) {
        if (g_ascii_strcasecmp(s, pages[i].name) == 0) {
            *w = pages[i].w, *h = pages[i].h;
            return true;
        }
    }
    return fs_parse_length_pair(s, w, h);
}

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
