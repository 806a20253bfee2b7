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

/* Splits s at ';' into its trimmed parts: a NULL or blank s gives none
 * and a trailing ';' is ignored; an empty part elsewhere ("has an empty
 * WHAT; write FORM, several apart by ';'") or more than max parts ("has
 * more than MAX MANY") is an error. Returns a new NULL-terminated vector
 * (free with g_strfreev), or NULL with *why a new string. */
static char **split_list(const char *s, int max, const char *what, const char *many,
                         const char *form, char **why)
{
    g_auto(GStrv) parts = g_strsplit(s ? s : "", ";", -1);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        if (!*p) {
            if (!parts[i + 1])
                break; /* a trailing ';', or nothing */
            *why = g_strdup_printf("has an empty %s; write %s, several apart by ';'", what, form);
            goto fail;
        }
        if ((int)out->len == max) {
            *why = g_strdup_printf("has more than %d %s", max, many);
            goto fail;
        }
        g_ptr_array_add(out, g_strdup(p));
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
fail:
    g_ptr_array_free(out, TRUE);
    return NULL;
}

int fs_refs_parse(const char *s, fs_ref *refs, char **why)
{
    *why = NULL;
    g_auto(GStrv) parts =
        split_list(s, FS_ANNOT_MAX_REFS, "reference", "reference lines", "VALUE: LABEL", why);
    if (!parts)
        return -1;
    int n = 0;
    for (size_t i = 0; parts[i]; i++) {
        char *p = parts[i];
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
    g_auto(GStrv) parts = split_list(s, FS_ANNOT_MAX_BANDS, "band", "bands", "START..END: LABEL", why);
    if (!parts)
        return -1;
    int n = 0;
    for (size_t i = 0; parts[i]; i++) {
        char *p = parts[i];
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

void fs_callouts_clear(fs_callout *cs, int n)
{
    for (int i = 0; i < n; i++) {
        g_clear_pointer(&cs[i].label, g_free);
        g_clear_pointer(&cs[i].text, g_free);
    }
}

int fs_callouts_parse(const char *s, fs_callout *cs, char **why)
{
    *why = NULL;
    g_auto(GStrv) parts =
        split_list(s, FS_ANNOT_MAX_CALLOUTS, "callout", "callouts", "LABEL: TEXT", why);
    if (!parts)
        return -1;
    int n = 0;
    for (size_t i = 0; parts[i]; i++) {
        char *p = parts[i], *colon = strchr(p, ':');
        g_autofree char *q = fs_diag_quote(p, -1, 40);
        if (!colon) {
            *why = g_strdup_printf("%s has no text; write LABEL: TEXT (e.g. Spain: Record year)",
                                   q);
            goto fail;
        }
        *colon = '\0';
        char *label = g_strstrip(p), *text = g_strstrip(colon + 1);
        if (!*label) {
            *why = g_strdup("has a callout with no label; write LABEL: TEXT, the label as the "
                            "data writes it");
            goto fail;
        }
        g_autofree char *ql = fs_diag_quote(label, -1, 40);
        if (!*text) {
            *why = g_strdup_printf("%s has an empty text; write LABEL: TEXT", ql);
            goto fail;
        }
        glong len = g_utf8_strlen(text, -1);
        if (len > FS_CALLOUT_MAX_CHARS) {
            *why = g_strdup_printf("%s: the text has %ld characters, more than %d; a callout is a "
                                   "short remark, shorten it",
                                   ql, len, FS_CALLOUT_MAX_CHARS);
            goto fail;
        }
        cs[n].label = g_strdup(label);
        cs[n].text = g_strdup(text);
        n++;
    }
    return n;
fail:
    fs_callouts_clear(cs, n);
    return -1;
}

void fs_callouts_alt(GString *s, const char *callout)
{
    g_autofree char *why = NULL;
    fs_callout cs[FS_ANNOT_MAX_CALLOUTS];
    int n = fs_callouts_parse(callout, cs, &why);
    for (int i = 0; i < n; i++) {
        const char *end = cs[i].text + strlen(cs[i].text);
        bool stop = end > cs[i].text && strchr(".!?", end[-1]);
        g_string_append_printf(s, " Callout at %s: %s%s", cs[i].label, cs[i].text,
                               stop ? "" : ".");
    }
    fs_callouts_clear(cs, n);
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

bool fs_abox_segment_hits(const fs_abox *r, double x0, double y0, double x1, double y1)
{
    /* Liang-Barsky: clip the segment to the box; it crosses when some is left */
    double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {x0 - r->x, r->x + r->w - x0, y0 - r->y, r->y + r->h - y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

/* The leader of box r to the point (px, py): from the box's nearest point
 * to gap short of the point; none (both ends at the box) when shorter
 * than gap. */
static void leader_of(const fs_abox *r, double px, double py, double gap, double l[4])
{
    l[0] = fmin(fmax(px, r->x), r->x + r->w);
    l[1] = fmin(fmax(py, r->y), r->y + r->h);
    double dx = px - l[0], dy = py - l[1], len = hypot(dx, dy);
    if (len < 2 * gap) {
        l[2] = l[0], l[3] = l[1];
        return;
    }
    l[2] = px - dx / len * gap, l[3] = py - dy / len * gap;
}

bool fs_callout_place(double px, double py, double w, double h, double gap,
                      const fs_abox *bounds, const fs_abox *avoid, size_t n, const fs_abox *cross,
                      size_t ncross, fs_abox_blocked blocked, void *data, double *x, double *y,
                      double leader[4])
{
    /* the distances from the point to the box's near side: a step of half
     * the text's height, longer ones further out */
    const double dist[] = {1, 2, 3, 4, 6, 8, 11, 15, 20, 26};
    /* shifts along the side, in parts of the box's length on it: centred
     * first, then towards the end side, then the start side */
    const double shift[] = {0, 0.3, -0.3, 0.5, -0.5, 0.8, -0.8};
    double unit = fmax(h / 2, gap);
    fs_abox point = {px, py, 0, 0};
    for (size_t di = 0; di < G_N_ELEMENTS(dist); di++) {
        double d = gap + dist[di] * unit;
        for (int side = 0; side < 4; side++) {
            for (size_t si = 0; si < G_N_ELEMENTS(shift); si++) {
                fs_abox r = {.w = w, .h = h};
                if (side == 0 || side == 3) { /* above, below */
                    r.x = px - w / 2 + shift[si] * w;
                    r.y = side == 0 ? py - d - h : py + d;
                } else { /* right, left */
                    r.x = side == 1 ? px + d : px - d - w;
                    r.y = py - h / 2 - shift[si] * h; /* upwards first */
                }
                if (!inside(&r, bounds) || !apart(&r, &point, gap))
                    continue;
                bool free = true;
                for (size_t i = 0; i < n && free; i++)
                    free = apart(&r, &avoid[i], gap);
                if (!free || (blocked && blocked(&r, data)))
                    continue;
                double l[4];
                leader_of(&r, px, py, gap, l);
                for (size_t i = 0; i < ncross && free; i++) {
                    fs_abox g = {cross[i].x - gap / 2, cross[i].y - gap / 2,
                                 cross[i].w + gap, cross[i].h + gap};
                    free = !fs_abox_segment_hits(&g, l[0], l[1], l[2], l[3]);
                }
                if (!free)
                    continue;
                *x = r.x, *y = r.y;
                memcpy(leader, l, sizeof l);
                return true;
            }
        }
    }
    return false;
}

void fs_annot_no_room(fs_diag *d, const char *file, const char *what, const char *name,
                      const char *thing, const char *where, const char *data, bool in_panel)
{
    g_autofree char *q = fs_diag_quote(name, -1, 40);
    fs_diag_add(d, FS_ERR_INPUT, file, 0, 0,
                "%s %s: its %s has no room %s that covers no %s or text; shorten the %s or use %s",
                what, q, thing, where, data, thing,
                in_panel ? "a larger panel (span, height)" : "a larger --size");
}

/* The error of a name not among the n names: "KEY: "X" is not a WHAT of
 * the chart; did you mean "Y"?". */
static void unknown_name(fs_diag *d, const char *file, const char *key, const char *bad,
                         const char *const *names, size_t n, const char *what)
{
    g_autofree const char **all = g_new0(const char *, n + 1);
    for (size_t i = 0; i < n; i++)
        all[i] = names[i];
    const char *near = fs_keyfile_nearest(bad, all);
    g_autofree char *q = fs_diag_quote(bad, -1, 40);
    g_autofree char *qn = near ? fs_diag_quote(near, -1, 40) : NULL;
    g_autofree char *hint = qn ? g_strdup_printf("; did you mean %s?", qn)
                               : g_strdup_printf("; %s names a %s as the data writes it", key,
                                                 what);
    fs_diag_add(d, FS_ERR_INPUT, file, 0, 0, "%s: %s is not a %s of the chart%s", key, q, what,
                hint);
}

bool fs_annot_read_callouts(fs_annot *a, const char *callout, const char *const *labels,
                            size_t n, const char *what, const char *file, fs_diag *d)
{
    g_autofree char *why = NULL;
    a->ncallouts = fs_callouts_parse(callout, a->callouts, &why);
    if (a->ncallouts < 0) {
        a->ncallouts = 0;
        fs_diag_add(d, FS_ERR_INPUT, file, 0, 0, "callout %s", why);
        return false;
    }
    for (int i = 0; i < a->ncallouts; i++) {
        bool found = false;
        for (size_t j = 0; j < n && !found; j++)
            found = strcmp(a->callouts[i].label, labels[j]) == 0;
        if (!found) {
            unknown_name(d, file, "callout", a->callouts[i].label, labels, n, what);
            return false;
        }
    }
    return true;
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
    unknown_name(d, file, "highlight", bad, names, n, what);
    return false;
}

void fs_annot_clear(fs_annot *a)
{
    g_clear_pointer(&a->hl, g_strfreev);
    fs_refs_clear(a->refs, a->nrefs);
    a->nrefs = 0;
    fs_callouts_clear(a->callouts, a->ncallouts);
    a->ncallouts = 0;
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
