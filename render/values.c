/* values: shared value types. See values.h.
 *
 * fs_value_number() is the grammar of numbers written in key files and on
 * the command line. It is not table.c's fs_number_parse(), the grammar of
 * CSV cells, on purpose: a cell may carry thousands groups ("1,275") and
 * surrounding spaces, and one too large for a double is an error there,
 * while a key value is written by hand for this program: "1,275" in a
 * spec's value = is a mistake to point at (per = 1,5 would otherwise read
 * as 15), and 1e999 is a number out of the key's range, said so with the
 * range. Both are ASCII and locale-free and read digits with
 * g_ascii_strtod(), so a number written the same way gives the same
 * double in both. */
#include "values.h"

#include <glib.h>
#include <string.h>

const char *const fs_orient_names[] = {"horizontal", "vertical", NULL};
const char *const fs_sort_names[] = {"none", "asc", "desc", NULL};
const char *const fs_mode_names[] = {"grouped", "stacked", "percent", NULL};
const char *const fs_icon_names[] = {"person", "house", "square", "circle", NULL};
const char *const fs_chart_type_names[] = {"bar", "line", "area", NULL};
const char *const fs_marks_names[] = {"none", "last", "all", NULL};

int fs_opts_pick(const char *s, const char *const *names)
{
    for (int i = 0; s && names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

#define DIGITS "0123456789"

size_t fs_value_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t ip = strspn(p, DIGITS);
    p += ip;
    size_t fp = 0;
    if (*p == '.') {
        fp = strspn(p + 1, DIGITS);
        if (ip + fp > 0)
            p += 1 + fp;
    }
    if (ip + fp == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        size_t ep = strspn(q, DIGITS);
        if (ep > 0)
            p = q + ep;
    }
    size_t n = (size_t)(p - s);
    g_autofree char *tok = g_strndup(s, n);
    *out = g_ascii_strtod(tok, NULL);
    return n;
}

/* ISO 216 sides rounded to 0.1 mm as points, and the US sizes. */
const fs_paper fs_papers[FS_PAPER_COUNT_] = {
    [FS_PAPER_A3] = {"A3", 841.8898, 1190.5512}, [FS_PAPER_A4] = {"A4", 595.2756, 841.8898},
    [FS_PAPER_A5] = {"A5", 419.5276, 595.2756},  [FS_PAPER_LETTER] = {"Letter", 612, 792},
    [FS_PAPER_LEGAL] = {"Legal", 612, 1008},
};

const fs_paper *fs_paper_find(const char *name)
{
    for (size_t i = 0; name && i < G_N_ELEMENTS(fs_papers); i++)
        if (g_ascii_strcasecmp(name, fs_papers[i].name) == 0)
            return &fs_papers[i];
    return NULL;
}

static const struct {
    const char *name;
    double pt;
} units[] = {{"pt", 1.0}, {"px", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"in", 72.0}};

/* A positive number at s (fs_value_number); sets *end past it. */
static bool parse_num(const char *s, const char **end, double *v)
{
    size_t n = fs_value_number(s, v);
    *end = s + n;
    return n > 0 && *v > 0;
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
    const fs_paper *p = fs_paper_find(s);
    if (p) {
        *w = p->w, *h = p->h;
        return true;
    }
    return fs_parse_length_pair(s, w, h);
}
