/* pictogram: a panel of icons, one per "per" units of each category,
 * coloured (and patterned) by category; one rule for every category: its
 * whole icons and, for what is left, one part icon cut to exactly that
 * fraction, so the icons measure each value and nothing is rounded. Then a
 * legend line per category, the key "1 icon = …" and, when a part icon is
 * drawn, a note saying what it is. */
#include "panel.h"

#include "lang.h"

#include <math.h>

bool fs_pictogram_icons(double v, double per, long *whole, double *part)
{
    double q = v > 0 && per > 0 ? v / per : 0;
    double w = floor(q);
    /* a quotient a rounding error under a whole number is that number */
    if (q - w > 1 - 1e-9)
        w += 1;
    *whole = (long)w;
    *part = fmax(0, q - w);
    if (*part < 1e-9)
        *part = 0;
    return *part > 0;
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
    for (size_t i = 0; i < n; i++)
        vals[i] = s->values[i * s->nseries];
    double size = 1.55 * b, gap = 0.3 * b;
    int cols = (int)fmax(1, floor((w + gap) / (size + gap)));
    int k = 0;
    bool parts = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t color = fs_theme_series_color(c->pal, i, n);
        fs_pattern pat = fs_theme_series_pattern(c->pal, i, n);
        long whole;
        double part;
        parts = fs_pictogram_icons(vals[i], pn->per, &whole, &part) || parts;
        long total = whole + (part > 0 ? 1 : 0);
        for (long j = 0; j < total; j++, k++) {
            fs_page_add_icon(pg, pn->icon, (k % cols) * (size + gap), y + (k / cols) * (size + gap),
                             size, size, j < whole ? 1.0 : part, color);
            if (pat != FS_PATTERN_SOLID)
                fs_page_set_pattern(pg, pat, c->pal->pattern_ink, 0.32 * b);
        }
    }
    int rows = (k + cols - 1) / cols;
    y += rows * (size + gap) + 0.5 * b;
    /* legend: one line per category, then "1 icon = N units" */
    fs_text_style st = {.size = fmax(b, c->min), .color = c->pal->text, .tabular = true};
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
    fs_text_style kst = {.size = fmax(0.9 * b, c->min), .color = c->pal->secondary};
    y += 0.2 * b;
    double h = fs_panel_text(c, pg, FS_ROLE_KEY, key, &kst, 0, y, w, c->spec->path);
    if (h < 0)
        return -1;
    y += h;
    if (parts) {
        /* say what a part icon is: exactly its fraction of one icon */
        const char *unit = pn->per_unit ? pn->per_unit : "units";
        g_autofree char *what = fs_lang_text(c->spec->lang, FS_STR_ICON_PART, per, unit);
        double hh = fs_panel_text(c, pg, FS_ROLE_NOTE, what, &kst, 0, y, w, c->spec->path);
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
