/* pictogram: a panel of icons, one per "per" units of each category, the
 * last one partial, coloured (and patterned) by category; a legend line per
 * category, the key "1 icon = …" and a note when rounding changed a count. */
#include "panel.h"

#include "lang.h"

#include <math.h>

bool fs_pictogram_alloc(const double *values, size_t n, double per, long *counts, double *partial,
                        size_t *partial_owner)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += values[i];
    double icons = total / per;
    long whole = (long)floor(icons + 1e-9);
    double frac = icons - (double)whole;
    if (frac < 1e-9)
        frac = 0;
    long given = 0;
    g_autofree double *rem = g_new0(double, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        double q = values[i] / per;
        counts[i] = (long)floor(q + 1e-9);
        rem[i] = q - (double)counts[i];
        if (rem[i] < 1e-9)
            rem[i] = 0;
        given += counts[i];
    }
    /* hand out the remaining whole icons by largest remainder (ties: first) */
    while (given < whole) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        counts[best]++;
        rem[best] -= 1;
        given++;
    }
    *partial = frac;
    *partial_owner = 0;
    if (frac > 0) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        *partial_owner = best;
    }
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        double shown = (double)counts[i] + (frac > 0 && *partial_owner == i ? frac : 0);
        if (fabs(shown * per - values[i]) > 1e-9 * fmax(1, values[i]))
            changed = true;
    }
    return changed;
}

static double body_pictogram(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                             double w, double fill)
{
    (void)fill; /* always its natural height */
    const fs_panel *pn = p->panel;
    const fs_series_data *s = &p->series;
    double b = c->b;
    size_t n = s->nrows;
    g_autofree double *vals = g_new(double, n ? n : 1);
    g_autofree long *counts = g_new(long, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        vals[i] = s->values[i * s->nseries];
    double partial;
    size_t owner;
    bool changed = fs_pictogram_alloc(vals, n, pn->per, counts, &partial, &owner);
    double size = 1.55 * b, gap = 0.3 * b;
    int cols = (int)fmax(1, floor((w + gap) / (size + gap)));
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t color = fs_theme_series_color(c->pal, i, n);
        fs_pattern pat = fs_theme_series_pattern(c->pal, i, n);
        long total = counts[i] + (partial > 0 && owner == i ? 1 : 0);
        for (long j = 0; j < total; j++, k++) {
            double frac = j == counts[i] ? partial : 1.0;
            fs_page_add_icon(pg, pn->icon, (k % cols) * (size + gap), y + (k / cols) * (size + gap),
                             size, size, frac, color);
            if (pat != FS_PATTERN_SOLID)
                fs_page_set_pattern(pg, pat, c->pal->pattern_ink, 0.32 * b);
        }
    }
    int rows = (k + cols - 1) / cols;
    y += rows * (size + gap) + 0.5 * b;
    /* legend: one line per category, then "1 icon = N units" */
    fs_text_style st = {.size = b, .color = c->pal->text, .tabular = true};
    for (size_t i = 0; i < n; i++) {
        uint32_t color = fs_theme_series_color(c->pal, i, n);
        fs_pattern pat = fs_theme_series_pattern(c->pal, i, n);
        g_autofree char *v = fs_numfmt_format(&c->spec->numfmt, vals[i], -1);
        g_autofree char *line = g_strdup_printf("%s: %s", s->labels[i], v);
        fs_page_add_rect(pg, FS_ROLE_SWATCH, 0, y + 0.22 * b, 0.8 * b, 0.8 * b, color);
        if (pat != FS_PATTERN_SOLID)
            fs_page_set_pattern(pg, pat, c->pal->pattern_ink, 0.32 * b);
        double h =
            fs_panel_text(c, pg, FS_ROLE_LEGEND, line, &st, 1.3 * b, y, w - 1.3 * b, s->file);
        if (h < 0)
            return -1;
        y += h + 0.15 * b;
    }
    g_autofree char *per = fs_numfmt_format(&c->spec->numfmt, pn->per, -1);
    g_autofree char *key =
        fs_lang_text(c->spec->lang, FS_STR_ICON_KEY, per, pn->per_unit ? pn->per_unit : "units");
    fs_text_style kst = {.size = 0.9 * b, .color = c->pal->secondary};
    y += 0.2 * b;
    double h = fs_panel_text(c, pg, FS_ROLE_KEY, key, &kst, 0, y, w, c->spec->path);
    if (h < 0)
        return -1;
    y += h;
    if (changed) {
        g_autofree char *rounded = fs_lang_text(c->spec->lang, FS_STR_ICON_ROUNDED, NULL, NULL);
        double hh = fs_panel_text(c, pg, FS_ROLE_NOTE, rounded, &kst, 0, y, w, c->spec->path);
        if (hh < 0)
            return -1;
        y += hh;
    }
    return y;
}

static char *alt_pictogram(const fs_spec *spec, const fs_prepared *p)
{
    const fs_panel *pn = p->panel;
    GString *s = fs_panel_alt_begin(pn);
    g_autofree char *per = fs_numfmt_format(&spec->numfmt, pn->per, -1);
    g_string_append_printf(s, "Pictogram, 1 icon = %s %s: ", per,
                           pn->per_unit ? pn->per_unit : "units");
    for (size_t r = 0; r < p->series.nrows; r++) {
        g_autofree char *v =
            fs_numfmt_format(&spec->numfmt, p->series.values[r * p->series.nseries], -1);
        g_string_append_printf(s, "%s%s %s", r ? "; " : "", p->series.labels[r], v);
    }
    g_string_append_c(s, '.');
    return fs_panel_alt_end(s, spec);
}

const fs_panel_kind fs_kind_pictogram = {
    .type = FS_PANEL_PICTOGRAM,
    .name = "pictogram",
    .figure = true,
    .body = body_pictogram,
    .alt = alt_pictogram,
};
