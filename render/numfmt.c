/* numfmt: writing numbers. See numfmt.h. */
#include "numfmt.h"

#include <glib.h>
#include <math.h>
#include <string.h>

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
