/* annot: parsing the annotation keys (annot.h). */
#include "annot.h"

#include "keyfile.h"
#include "timeaxis.h"

#include <math.h>
#include <string.h>

void fs_refs_clear(fs_ref *refs, int n)
{
    for (int i = 0; i < n; i++)
        g_clear_pointer(&refs[i].label, g_free);
}

int fs_refs_parse(const char *s, fs_ref *refs, char **why)
{
    *why = NULL;
    if (!s)
        return 0;
    g_auto(GStrv) parts = g_strsplit(s, ";", -1);
    int n = 0;
    for (size_t i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        if (!*p) {
            if (!parts[i + 1] && n > 0)
                break; /* a trailing ';' */
            *why = g_strdup("has an empty reference; write VALUE: LABEL, several apart by ';'");
            goto fail;
        }
        if (n == FS_ANNOT_MAX_REFS) {
            *why = g_strdup_printf("has more than %d reference lines", FS_ANNOT_MAX_REFS);
            goto fail;
        }
        char *colon = strchr(p, ':');
        if (colon)
            *colon = '\0';
        char *num = g_strstrip(p), *end = NULL;
        double v = g_ascii_strtod(num, &end);
        if (!*num || !end || *end || !isfinite(v)) {
            *why = g_strdup_printf("\"%s\" is not a number; write VALUE: LABEL (e.g. 50: Target)",
                                   num);
            goto fail;
        }
        refs[n].value = v;
        refs[n].label = g_strdup(colon ? g_strstrip(colon + 1) : "");
        n++;
    }
    return n;
fail:
    fs_refs_clear(refs, n);
    return -1;
}

void fs_bands_clear(fs_band *bands, int n)
{
    for (int i = 0; i < n; i++)
        g_clear_pointer(&bands[i].label, g_free);
}

/* The day after the period that date d of form starts: a year's next 1
 * January, a month's next first day, a day's next day. */
static double period_end(fs_time_form form, double d)
{
    if (form == FS_TIME_DAY)
        return d + 1;
    int y, m, dd;
    fs_time_ymd(d, &y, &m, &dd);
    g_autofree char *next = form == FS_TIME_YEAR
                                ? g_strdup_printf("%04d", y + 1)
                                : g_strdup_printf("%04d-%02d", m == 12 ? y + 1 : y, m % 12 + 1);
    const char *one[] = {next};
    double t = d;
    if (fs_time_read(one, 1, &t) != form)
        return d + 1;
    return t;
}

int fs_bands_parse(const char *s, fs_band *bands, char **why)
{
    *why = NULL;
    if (!s)
        return 0;
    g_auto(GStrv) parts = g_strsplit(s, ";", -1);
    int n = 0;
    for (size_t i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        if (!*p) {
            if (!parts[i + 1] && (n > 0 || i == 0))
                break; /* a trailing ';', or nothing */
            *why = g_strdup("has an empty band; write START..END: LABEL, several apart by ';'");
            goto fail;
        }
        if (n == FS_ANNOT_MAX_BANDS) {
            *why = g_strdup_printf("has more than %d bands", FS_ANNOT_MAX_BANDS);
            goto fail;
        }
        char *colon = strchr(p, ':');
        if (colon)
            *colon = '\0';
        char *range = g_strstrip(p), *dots = strstr(range, "..");
        if (!dots) {
            g_autofree char *q = fs_diag_quote(range, -1, 40);
            *why = g_strdup_printf("%s is not a range; write START..END: LABEL (e.g. "
                                   "2008-09..2009-06: Recession)",
                                   q);
            goto fail;
        }
        *dots = '\0';
        const char *ends[2] = {g_strstrip(range), g_strstrip(dots + 2)};
        double t[2];
        fs_time_form f[2];
        for (int e = 0; e < 2; e++) {
            f[e] = fs_time_read(&ends[e], 1, &t[e]);
            if (f[e] == FS_TIME_NONE) {
                g_autofree char *q = fs_diag_quote(ends[e], -1, 40);
                *why = g_strdup_printf("%s is not a date; write YYYY, YYYY-MM or YYYY-MM-DD", q);
                goto fail;
            }
        }
        if (f[0] != f[1]) {
            *why = g_strdup_printf("\"%s..%s\" has ends of two forms; write both as YYYY, "
                                   "YYYY-MM or YYYY-MM-DD",
                                   ends[0], ends[1]);
            goto fail;
        }
        if (t[1] < t[0]) {
            *why = g_strdup_printf("\"%s..%s\" ends before it starts", ends[0], ends[1]);
            goto fail;
        }
        bands[n].form = f[0];
        bands[n].t0 = t[0];
        bands[n].t1 = period_end(f[1], t[1]);
        bands[n].label = g_strdup(colon ? g_strstrip(colon + 1) : "");
        n++;
    }
    return n;
fail:
    fs_bands_clear(bands, n);
    return -1;
}

void fs_bands_alt(GString *s, const char *band)
{
    g_autofree char *why = NULL;
    g_autofree char *copy = g_strdup(band);
    fs_band bands[FS_ANNOT_MAX_BANDS];
    int n = fs_bands_parse(band, bands, &why);
    if (n <= 0)
        return;
    /* the ends as written: the parse keeps days, the text keeps the form */
    g_auto(GStrv) parts = g_strsplit(copy, ";", -1);
    for (int i = 0, p = 0; i < n && parts[p]; p++) {
        char *r = g_strstrip(parts[p]);
        if (!*r)
            continue;
        char *colon = strchr(r, ':');
        if (colon)
            *colon = '\0';
        char *dots = strstr(r, "..");
        if (!dots)
            break; /* not so: the parse took it */
        *dots = '\0';
        g_string_append_printf(s, " Shaded from %s to %s", g_strstrip(r), g_strstrip(dots + 2));
        if (*bands[i].label)
            g_string_append_printf(s, " (%s)", bands[i].label);
        g_string_append_c(s, '.');
        i++;
    }
    fs_bands_clear(bands, n);
}

char **fs_highlight_parse(const char *s, char **why)
{
    *why = NULL;
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) parts = g_strsplit(s ? s : "", ",", -1);
    for (size_t i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        if (!*p) {
            if (!parts[1] && i == 0)
                break; /* nothing at all */
            *why = g_strdup("has an empty name; write LABEL,LABEL");
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        g_ptr_array_add(out, g_strdup(p));
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

bool fs_highlight_has(char *const *list, const char *name)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return true;
    return false;
}

const char *fs_highlight_unknown(char *const *list, const char *const *names, size_t n)
{
    for (size_t i = 0; list && list[i]; i++) {
        bool found = false;
        for (size_t j = 0; j < n && !found; j++)
            found = strcmp(list[i], names[j]) == 0;
        if (!found)
            return list[i];
    }
    return NULL;
}

static bool inside(const fs_abox *r, const fs_abox *b)
{
    const double eps = 1e-9;
    return r->x >= b->x - eps && r->y >= b->y - eps && r->x + r->w <= b->x + b->w + eps &&
           r->y + r->h <= b->y + b->h + eps;
}

static bool apart(const fs_abox *a, const fs_abox *b, double gap)
{
    return a->x >= b->x + b->w + gap || b->x >= a->x + a->w + gap || a->y >= b->y + b->h + gap ||
           b->y >= a->y + a->h + gap;
}

bool fs_annot_place(bool horizontal, double at, double lo, double hi, double w, double h,
                    double gap, const fs_abox *bounds, const fs_abox *avoid, size_t n,
                    fs_abox_blocked blocked, void *data, double *x, double *y)
{
    double step = fmax(h / 4, 0.5);
    double along = horizontal ? w : h; /* the label's length along the line */
    for (double s = 0; s <= hi - lo - along + 1e-9; s += step) {
        for (int side = 0; side < 2; side++) {
            fs_abox r = {.w = w, .h = h};
            if (horizontal) {
                r.x = hi - along - s;
                r.y = side == 0 ? at - gap - h : at + gap;
            } else {
                r.y = lo + s;
                r.x = side == 0 ? at + gap : at - gap - w;
            }
            if (!inside(&r, bounds))
                continue;
            bool free = true;
            for (size_t i = 0; i < n && free; i++)
                free = apart(&r, &avoid[i], gap);
            if (free && blocked && blocked(&r, data))
                free = false;
            if (free) {
                *x = r.x, *y = r.y;
                return true;
            }
        }
    }
    return false;
}

bool fs_annot_read(fs_annot *a, const char *highlight, const char *reference,
                   const char *const *names, size_t n, const char *what, const char *file,
                   fs_diag *d)
{
    *a = (fs_annot){0};
    g_autofree char *why = NULL;
    a->hl = fs_highlight_parse(highlight, &why);
    if (a->hl && !a->hl[0])
        g_clear_pointer(&a->hl, g_strfreev);
    if (!why) {
        a->nrefs = fs_refs_parse(reference, a->refs, &why);
        if (a->nrefs < 0) {
            a->nrefs = 0;
            fs_diag_add(d, FS_ERR_INPUT, file, 0, 0, "reference %s", why);
            return false;
        }
    } else {
        fs_diag_add(d, FS_ERR_INPUT, file, 0, 0, "highlight %s", why);
        return false;
    }
    const char *bad = fs_highlight_unknown(a->hl, names, n);
    if (!bad)
        return true;
    g_autofree const char **all = g_new0(const char *, n + 1);
    for (size_t i = 0; i < n; i++)
        all[i] = names[i];
    const char *near = fs_keyfile_nearest(bad, all);
    g_autofree char *q = fs_diag_quote(bad, -1, 40);
    g_autofree char *qn = near ? fs_diag_quote(near, -1, 40) : NULL;
    g_autofree char *hint = qn ? g_strdup_printf("; did you mean %s?", qn)
                               : g_strdup_printf("; highlight names a %s as the data writes it",
                                                 what);
    fs_diag_add(d, FS_ERR_INPUT, file, 0, 0, "highlight: %s is not a %s of the chart%s", q, what,
                hint);
    return false;
}

void fs_annot_clear(fs_annot *a)
{
    g_clear_pointer(&a->hl, g_strfreev);
    fs_refs_clear(a->refs, a->nrefs);
    a->nrefs = 0;
}

void fs_annot_alt(GString *s, const char *highlight, const char *reference,
                  char *(*fmt)(double v, const void *data), const void *data)
{
    g_autofree char *why = NULL;
    g_auto(GStrv) hl = fs_highlight_parse(highlight, &why);
    if (hl && hl[0]) {
        g_string_append(s, " Highlighted: ");
        for (size_t i = 0; hl[i]; i++)
            g_string_append_printf(s, "%s%s", i ? ", " : "", hl[i]);
        g_string_append_c(s, '.');
    }
    g_clear_pointer(&why, g_free);
    fs_ref refs[FS_ANNOT_MAX_REFS];
    int n = fs_refs_parse(reference, refs, &why);
    for (int i = 0; i < n; i++) {
        g_autofree char *v = fmt(refs[i].value, data);
        g_string_append_printf(s, " Reference line at %s", v);
        if (*refs[i].label)
            g_string_append_printf(s, " (%s)", refs[i].label);
        g_string_append_c(s, '.');
    }
    fs_refs_clear(refs, n);
}
