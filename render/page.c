/* page: report pages and slides. See page.h.
 *
 * Every panel is laid out once into a scratch page at (0, 0) at its final
 * width, which measures its height; the grid then moves the finished items
 * into place. Sizes follow the page: on A4 the body text is 9.5 pt, margins
 * 15 mm and gutters 5 mm, and everything scales with the page width. */
#include "page.h"

#include "lang.h"

#include <math.h>
#include <string.h>

typedef struct ctx {
    fs_fonts *fonts;
    const fs_spec *spec;
    const fs_theme *pal;
    double b;
    fs_diag *d;
} ctx;

bool fs_pictogram_alloc(const double *values, size_t n, double per, long *counts,
                        double *partial, size_t *partial_owner)
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

/* Adds text at (x, y) and returns its height, or -1 after a diagnostic. */
static double text(ctx *c, fs_page *pg, fs_role role, const char *s, const fs_text_style *st,
                   double x, double y, double w, const char *file)
{
    int i = fs_layout_text(pg, c->fonts, role, s, st, x, y, w, c->spec->lang, file, c->d);
    return i < 0 ? -1 : fs_page_item(pg, i)->h;
}

/* ---- panel bodies: each lays out at (0, y) in width w; returns the bottom -- */

static double body_stat(ctx *c, fs_page *pg, const fs_prepared *p, double y, double w)
{
    const fs_panel *pn = p->panel;
    double b = c->b;
    g_autofree char *num = fs_numfmt_format(&c->spec->numfmt, p->stat, -1);
    if (pn->unit && *pn->unit) {
        char *t = g_strdup_printf("%s %s", num, pn->unit);
        g_free(num);
        num = t;
    }
    fs_text_style big = {.size = c->pal->stat * b, .weight = c->pal->stat_weight,
                         .color = c->pal->accent,
                         .tabular = true};
    /* the number is never wrapped or cut: shrink it to the panel's width */
    double nw, nh;
    fs_measure_text(c->fonts, num, &big, 0, NULL, &nw, &nh);
    if (nw > w)
        big.size *= w / nw * 0.98;
    double h = text(c, pg, FS_ROLE_STAT, num, &big, 0, y, 0, c->spec->path);
    if (h < 0)
        return -1;
    y += h;
    if (pn->caption) {
        fs_text_style cap = {.size = 1.15 * b, .weight = c->pal->caption_weight,
                             .color = c->pal->text,
                             .line_height = 1.2};
        h = text(c, pg, FS_ROLE_CAPTION, pn->caption, &cap, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    if (pn->compare) {
        fs_text_style cmp = {.size = 0.95 * b, .color = c->pal->secondary, .line_height = 1.25};
        y += 0.25 * b;
        h = text(c, pg, FS_ROLE_COMPARE, pn->compare, &cmp, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    return y;
}

static void chart_opts_for(ctx *c, const fs_panel *pn, fs_chart_opts *o)
{
    fs_chart_opts_init(o);
    o->orient = pn->orient, o->sort = pn->sort, o->mode = pn->mode;
    o->theme = c->spec->theme, o->numfmt = c->spec->numfmt, o->unit = pn->unit;
    o->base_size = c->b, o->lang = c->spec->lang, o->rtl = c->spec->rtl;
}

/* Natural height of a bar chart body at base b and width w: rows tall
 * enough for the bars and for each label wrapped as layout will wrap it (up
 * to three lines), plus the tick labels and the legend. */
static double bars_height(ctx *c, const fs_prepared *p, double w)
{
    const fs_series_data *s = &p->series;
    double b = c->b;
    bool grouped = p->panel->mode == FS_MODE_GROUPED && s->nseries > 1;
    double per_row = (grouped ? fmax(2.6, 1.35 * (double)s->nseries) : 2.6) * b;
    double body = 0;
    if (p->panel->orient == FS_ORIENT_HORIZONTAL) {
        fs_text_style st = {.size = b, .line_height = 1.0, .max_lines = 3};
        double maxw = 0, lw, lh;
        for (size_t r = 0; r < s->nrows; r++) {
            fs_measure_text(c->fonts, s->labels[r], &st, 0, c->spec->lang, &lw, &lh);
            maxw = fmax(maxw, lw);
        }
        double cat_w = fmin(maxw + 1, fmax(0.34 * w, 6 * b));
        /* every row gets the band of the tallest label: layout spaces rows
         * evenly */
        double band = per_row;
        for (size_t r = 0; r < s->nrows; r++) {
            fs_measure_text(c->fonts, s->labels[r], &st, cat_w, c->spec->lang, &lw, &lh);
            band = fmax(band, lh / 0.96 + 0.2 * b);
        }
        body = band * (double)s->nrows;
    } else {
        body = fmax(12 * b, (double)s->nrows * b);
    }
    return body + 2.2 * b + (s->nseries > 1 ? 2.2 * b : 0);
}

static double body_bars(ctx *c, fs_page *pg, const fs_prepared *p, double y, double w, double h)
{
    fs_chart_opts o;
    chart_opts_for(c, p->panel, &o);
    if (h <= 0)
        h = bars_height(c, p, w);
    if (!fs_layout_bars(pg, c->fonts, &p->series, &o, 0, y, w, h, c->d))
        return -1;
    return y + h;
}

static double body_pictogram(ctx *c, fs_page *pg, const fs_prepared *p, double y, double w)
{
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
            fs_page_add_icon(pg, pn->icon, (k % cols) * (size + gap),
                             y + (k / cols) * (size + gap), size, size, frac, color);
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
        double h = text(c, pg, FS_ROLE_LEGEND, line, &st, 1.3 * b, y, w - 1.3 * b, s->file);
        if (h < 0)
            return -1;
        y += h + 0.15 * b;
    }
    g_autofree char *per = fs_numfmt_format(&c->spec->numfmt, pn->per, -1);
    g_autofree char *key = fs_lang_text(c->spec->lang, FS_STR_ICON_KEY, per,
                                        pn->per_unit ? pn->per_unit : "units");
    fs_text_style kst = {.size = 0.9 * b, .color = c->pal->secondary};
    y += 0.2 * b;
    double h = text(c, pg, FS_ROLE_KEY, key, &kst, 0, y, w, c->spec->path);
    if (h < 0)
        return -1;
    y += h;
    if (changed) {
        g_autofree char *rounded = fs_lang_text(c->spec->lang, FS_STR_ICON_ROUNDED, NULL, NULL);
        double hh = text(c, pg, FS_ROLE_NOTE, rounded, &kst, 0, y, w, c->spec->path);
        if (hh < 0)
            return -1;
        y += hh;
    }
    return y;
}

static double body_timeline(ctx *c, fs_page *pg, const fs_prepared *p, double y, double w)
{
    double b = c->b;
    guint n = p->events->len;
    if (n == 0)
        return y;
    double colw = w / n, gap = 0.8 * b;
    fs_text_style dst = {.size = 1.0 * b, .weight = c->pal->heading_weight, .color = c->pal->text,
                         .tabular = true};
    fs_text_style est = {.size = 0.92 * b, .color = c->pal->text, .line_height = 1.25};
    double date_h = 0;
    for (guint i = 0; i < n; i++) {
        const fs_event *ev = &g_array_index(p->events, fs_event, i);
        g_autofree char *date = fs_lang_date(c->spec->lang, ev->year, ev->month, ev->day);
        double dw, dh;
        fs_measure_text(c->fonts, date, &dst, colw - gap, c->spec->lang, &dw, &dh);
        date_h = fmax(date_h, dh);
    }
    double line_y = y + date_h + 0.7 * b;
    double r = 0.38 * b;
    fs_page_add_line(pg, FS_ROLE_TIMELINE, r, line_y, (n - 1) * colw + r, line_y, 0.12 * b,
                     c->pal->axis);
    double bottom = line_y;
    for (guint i = 0; i < n; i++) {
        const fs_event *ev = &g_array_index(p->events, fs_event, i);
        double x = i * colw;
        fs_page_add_icon(pg, FS_ICON_CIRCLE, x, line_y - r, 2 * r, 2 * r, 1.0, c->pal->accent);
        g_autofree char *date = fs_lang_date(c->spec->lang, ev->year, ev->month, ev->day);
        if (text(c, pg, FS_ROLE_DATE, date, &dst, x, y, colw - gap, fs_table_name(p->table)) < 0)
            return -1;
        double h = text(c, pg, FS_ROLE_EVENT, ev->text, &est, x, line_y + r + 0.5 * b, colw - gap,
                        fs_table_name(p->table));
        if (h < 0)
            return -1;
        bottom = fmax(bottom, line_y + r + 0.5 * b + h);
    }
    return bottom;
}

static double body_text(ctx *c, fs_page *pg, const fs_prepared *p, double y, double w)
{
    const fs_panel *pn = p->panel;
    double b = c->b;
    fs_text_style st = {.size = b, .color = c->pal->text, .line_height = 1.3};
    if (pn->text && *pn->text) {
        double h = text(c, pg, FS_ROLE_TEXT, pn->text, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.4 * b;
    }
    for (char **it = pn->items; it && *it; it++) {
        if (!**it)
            continue;
        fs_page_add_icon(pg, FS_ICON_CIRCLE, 0.15 * b, y + 0.45 * b, 0.38 * b, 0.38 * b, 1.0,
                         c->pal->accent);
        double h = text(c, pg, FS_ROLE_ITEM, *it, &st, 1.1 * b, y, w - 1.1 * b, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.25 * b;
    }
    return y;
}

/* The body of any panel; h: the height for bars (0 = natural). */
static double panel_body(ctx *c, fs_page *pg, const fs_prepared *p, double y, double w, double h)
{
    switch (p->panel->type) {
    case FS_PANEL_STAT:
        return body_stat(c, pg, p, y, w);
    case FS_PANEL_BAR:
        return body_bars(c, pg, p, y, w, h);
    case FS_PANEL_PICTOGRAM:
        return body_pictogram(c, pg, p, y, w);
    case FS_PANEL_TIMELINE:
        return body_timeline(c, pg, p, y, w);
    case FS_PANEL_TEXT:
        return body_text(c, pg, p, y, w);
    }
    return y;
}

/* A panel on the sheet: a rule, title, subtitle, body, note. Returns the
 * height, or -1. */
static double panel_on_sheet(ctx *c, fs_page *pg, const fs_prepared *p, double w)
{
    const fs_panel *pn = p->panel;
    double b = c->b, y = 0;
    fs_page_add_line(pg, FS_ROLE_RULE, 0, 0, w, 0, 0.08 * b, c->pal->text);
    y += 0.6 * b;
    if (pn->title) {
        fs_text_style st = {.size = c->pal->panel_title * b, .weight = c->pal->heading_weight,
                            .color = c->pal->text,
                            .line_height = 1.15};
        double h = text(c, pg, FS_ROLE_PANEL_TITLE, pn->title, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.15 * b;
    }
    if (pn->subtitle) {
        fs_text_style st = {.size = 0.95 * b, .color = c->pal->secondary, .line_height = 1.2};
        double h = text(c, pg, FS_ROLE_PANEL_SUBTITLE, pn->subtitle, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    y += 0.7 * b;
    y = panel_body(c, pg, p, y, w, 0);
    if (y < 0)
        return -1;
    if (pn->note) {
        fs_text_style st = {.size = c->pal->small * b, .color = c->pal->secondary,
                            .line_height = 1.2};
        y += 0.4 * b;
        double h = text(c, pg, FS_ROLE_PANEL_NOTE, pn->note, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    return fmax(y, fs_page_items_bottom(pg));
}

/* ---- the sheet ---------------------------------------------------------------- */

static void doc_metadata(fs_doc *doc, const fs_spec *spec)
{
    doc->background = fs_theme_or_light(spec->theme)->background;
    doc->title = g_strdup(spec->title);
    doc->author = g_strdup(spec->author ? spec->author : spec->source);
    doc->subject = g_strdup(spec->subtitle ? spec->subtitle : spec->title);
    doc->keywords = g_strdup(spec->keywords);
    doc->lang = g_strdup(spec->lang);
    doc->link = g_strdup(spec->source_url);
}

static char *source_line(const fs_spec *spec)
{
    return spec->source ? fs_source_line(spec->source, spec->lang) : NULL;
}

/* The source line, then the report's note, for a slide's footer. */
static char *slide_footer(const fs_spec *spec)
{
    g_autofree char *src = source_line(spec);
    if (src && spec->note)
        return g_strdup_printf("%s\n%s", src, spec->note);
    return src ? g_steal_pointer(&src) : g_strdup(spec->note);
}

/* Header at the top of a page; returns the y where panels start. */
static double sheet_header(ctx *c, fs_page *pg, double x, double y, double w)
{
    const fs_spec *s = c->spec;
    double b = c->b;
    fs_page_add_rect(pg, FS_ROLE_ACCENT, x, y, 3.2 * b, 0.35 * b, c->pal->accent);
    y += 1.1 * b;
    fs_text_style tst = {.size = c->pal->title * b, .weight = c->pal->title_weight,
                         .color = c->pal->text,
                         .line_height = 1.1};
    double h = text(c, pg, FS_ROLE_TITLE, s->title, &tst, x, y, w, s->path);
    if (h < 0)
        return -1;
    y += h + 0.3 * b;
    if (s->subtitle) {
        fs_text_style st = {.size = 1.15 * b, .color = c->pal->secondary, .line_height = 1.25};
        h = text(c, pg, FS_ROLE_SUBTITLE, s->subtitle, &st, x, y, w, s->path);
        if (h < 0)
            return -1;
        y += h;
    }
    if (s->date) {
        int yy, mm, dd;
        if (fs_parse_iso_date(s->date, &yy, &mm, &dd)) {
            g_autofree char *ds = fs_lang_date(s->lang, yy, mm, dd);
            fs_text_style st = {.size = 0.9 * b, .weight = c->pal->date_weight,
                                .color = c->pal->secondary};
            y += 0.3 * b;
            h = text(c, pg, FS_ROLE_DATE, ds, &st, x, y, w, s->path);
            if (h < 0)
                return -1;
            y += h;
        }
    }
    return y + 1.6 * b;
}

/* Footer at the bottom of a page; returns its top. */
static double sheet_footer(ctx *c, fs_page *pg, double x, double bottom, double w, int page,
                           int pages)
{
    const fs_spec *s = c->spec;
    double b = c->b;
    fs_text_style st = {.size = c->pal->footer * b, .color = c->pal->secondary,
                        .line_height = 1.25};
    g_autofree char *num = g_strdup_printf("%d / %d", page, pages);
    double nw, nh;
    fs_measure_text(c->fonts, num, &st, 0, NULL, &nw, &nh);
    double textw = w - nw - 2 * b;
    GString *lines = g_string_new(NULL);
    g_autofree char *src = source_line(s);
    if (src)
        g_string_append(lines, src);
    if (s->note)
        g_string_append_printf(lines, "%s%s", lines->len ? "\n" : "", s->note);
    double tw = 0, th = nh;
    if (lines->len)
        fs_measure_text(c->fonts, lines->str, &st, textw, s->lang, &tw, &th);
    double top = bottom - th;
    fs_page_add_line(pg, FS_ROLE_FOOTER_RULE, x, top - 0.6 * b, x + w, top - 0.6 * b, 0.05 * b,
                     c->pal->grid);
    if (lines->len &&
        text(c, pg, FS_ROLE_SOURCE, lines->str, &st, x, top, textw, s->path) < 0) {
        g_string_free(lines, TRUE);
        return -1;
    }
    g_string_free(lines, TRUE);
    if (text(c, pg, FS_ROLE_PAGE_NUMBER, num, &st, x + w - nw, top, 0, s->path) < 0)
        return -1;
    return top - 0.6 * b;
}

typedef struct placed {
    size_t page;
    double x, y;
    fs_page *items; /* scratch, moved into the page at the end */
} placed;

/* The page grid in points. */
typedef struct grid {
    double margin, gutter, cw, colw, top, ftop;
} grid;

static void free_placed(placed *pl, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (pl[k].items)
            fs_page_free(pl[k].items);
    memset(pl, 0, n * sizeof *pl);
}

/* Lays out every panel at the base size c->b and flows them into rows and
 * pages: fills pl and returns the page count, or -1 after a diagnostic. */
static long flow_report(ctx *c, const fs_prepared *panels, size_t n, grid *g, placed *pl)
{
    const fs_spec *spec = c->spec;
    /* measure the header and the footer with a page count of two digits */
    fs_page *hdr = fs_page_new(spec->page_w, spec->page_h, spec->rtl);
    g->top = sheet_header(c, hdr, g->margin, g->margin, g->cw);
    g->ftop = sheet_footer(c, hdr, g->margin, spec->page_h - g->margin, g->cw, 10, 10);
    fs_page_free(hdr);
    if (g->top < 0 || g->ftop < 0)
        return -1;
    if (g->ftop - g->top < 10 * c->b) {
        fs_diag_add(c->d, FS_ERR_INPUT, spec->path, 0, 0,
                    "the page is too small for its header and footer");
        return -1;
    }
    size_t page = 0;
    double y = g->top;
    size_t i = 0;
    while (i < n) {
        /* one row: panels while their spans fit */
        size_t j = i;
        int used = 0;
        double row_h = 0;
        while (j < n && (used == 0 || used + panels[j].panel->span <= spec->columns)) {
            int span = MIN(panels[j].panel->span, spec->columns);
            double w = span * g->colw + (span - 1) * g->gutter;
            pl[j].items = fs_page_new(w, spec->page_h, spec->rtl);
            double h = panel_on_sheet(c, pl[j].items, &panels[j], w);
            if (h < 0)
                return -1;
            pl[j].x = g->margin + used * (g->colw + g->gutter);
            row_h = fmax(row_h, h);
            used += span;
            j++;
        }
        if (row_h > g->ftop - g->top) {
            fs_diag_add(c->d, FS_ERR_INPUT, spec->path, panels[i].panel->line, 0,
                        "[panel %s] is taller than a page (%.0f pt of %.0f pt)",
                        panels[i].panel->id, row_h, g->ftop - g->top);
            return -1;
        }
        if (y + row_h > g->ftop && y > g->top) {
            page++;
            y = g->top;
        }
        for (size_t k = i; k < j; k++)
            pl[k].page = page, pl[k].y = y;
        y += row_h + 1.5 * c->b;
        i = j;
    }
    return (long)page + 1;
}

static char *panel_alt(const fs_spec *spec, const fs_prepared *p);

/* The alt text of a panel on the sheet: the spec's alt, or a sentence
 * written from the data. Returns a new string. */
static char *sheet_alt(ctx *c, const fs_prepared *p)
{
    const fs_panel *pn = p->panel;
    if (pn->alt)
        return g_strdup(pn->alt);
    if (pn->type != FS_PANEL_BAR)
        return panel_alt(c->spec, p);
    fs_chart_opts o;
    chart_opts_for(c, pn, &o);
    o.title = pn->title;
    o.source = c->spec->source;
    return fs_chart_alt_text(&p->series, &o);
}

bool fs_layout_report(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec,
                      const fs_prepared *panels, size_t n, fs_diag *d)
{
    ctx c = {.fonts = fonts, .spec = spec, .pal = fs_theme_or_light(spec->theme), .d = d};
    double scale = spec->page_w / 595.2756;
    double base = c.pal->body * fmin(scale, spec->page_h / 841.8898);
    grid g = {.margin = c.pal->margin * scale, .gutter = c.pal->gutter * scale};
    g.cw = spec->page_w - 2 * g.margin;
    g.colw = (g.cw - g.gutter * (spec->columns - 1)) / spec->columns;
    doc_metadata(doc, spec);

    /* Longer translations must not push a panel onto another page for a few
     * points: when the sheet runs over, try the type a little smaller (at
     * most 10%: 8.6 pt body text on A4) and keep that if it saves a page. */
    static const double shrink[] = {1.0, 0.95, 0.9};
    g_autofree placed *pl = g_new0(placed, n ? n : 1);
    long pages = -1, first = -1;
    size_t pick = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(shrink); k++) {
        free_placed(pl, n);
        c.b = base * shrink[k];
        pages = flow_report(&c, panels, n, &g, pl);
        if (pages < 0) {
            free_placed(pl, n);
            return false;
        }
        if (k == 0)
            first = pages;
        if (pages == 1 || pages < first) {
            pick = k;
            break;
        }
    }
    if (pages >= first && pick == 0 && first > 1) {
        /* shrinking saved nothing: back to the full size */
        free_placed(pl, n);
        c.b = base;
        pages = flow_report(&c, panels, n, &g, pl);
        if (pages < 0) {
            free_placed(pl, n);
            return false;
        }
    }
    bool ok = true;
    double margin = g.margin, cw = g.cw;
    for (size_t p = 0; ok && p < (size_t)pages; p++) {
        fs_page *pg = fs_doc_add_page(doc, spec->page_w, spec->page_h);
        pg->rtl = spec->rtl;
        if (sheet_header(&c, pg, margin, margin, cw) < 0 ||
            sheet_footer(&c, pg, margin, spec->page_h - margin, cw, (int)p + 1, (int)pages) < 0)
            ok = false;
        for (size_t k = 0; ok && k < n; k++) {
            if (pl[k].page != p || !pl[k].items)
                continue;
            fs_group grp = {.first = pg->items->len,
                            .figure = panels[k].panel->type == FS_PANEL_BAR ||
                                      panels[k].panel->type == FS_PANEL_PICTOGRAM ||
                                      panels[k].panel->type == FS_PANEL_TIMELINE,
                            .alt = sheet_alt(&c, &panels[k])};
            fs_page_take_items(pg, pl[k].items, pl[k].x, pl[k].y, panels[k].panel->id);
            grp.count = pg->items->len - grp.first;
            if (!pg->groups)
                pg->groups = g_array_new(FALSE, FALSE, sizeof(fs_group));
            g_array_append_val(pg->groups, grp);
            fs_outline ol = {.title = g_strdup(panels[k].panel->title ? panels[k].panel->title
                                                                      : panels[k].panel->id),
                             .page = p,
                             .y = pl[k].y};
            g_array_append_val(doc->outline, ol);
        }
        if (pg->rtl)
            fs_page_mirror(pg);
    }
    free_placed(pl, n);
    return ok;
}

/* ---- slides ----------------------------------------------------------------------- */

/* The alt text of a panel: what it shows, written from its data. */
static char *panel_alt(const fs_spec *spec, const fs_prepared *p)
{
    const fs_panel *pn = p->panel;
    GString *s = g_string_new(NULL);
    if (pn->title)
        g_string_append_printf(s, "%s. ", pn->title);
    switch (pn->type) {
    case FS_PANEL_STAT: {
        g_autofree char *num = fs_numfmt_format(&spec->numfmt, p->stat, -1);
        g_string_append(s, num);
        if (pn->unit)
            g_string_append_printf(s, " %s", pn->unit);
        if (pn->caption)
            g_string_append_printf(s, " %s", pn->caption);
        if (pn->compare)
            g_string_append_printf(s, ", %s", pn->compare);
        g_string_append_c(s, '.');
        break;
    }
    case FS_PANEL_PICTOGRAM: {
        g_autofree char *per = fs_numfmt_format(&spec->numfmt, pn->per, -1);
        g_string_append_printf(s, "Pictogram, 1 icon = %s %s: ", per,
                               pn->per_unit ? pn->per_unit : "units");
        for (size_t r = 0; r < p->series.nrows; r++) {
            g_autofree char *v =
                fs_numfmt_format(&spec->numfmt, p->series.values[r * p->series.nseries], -1);
            g_string_append_printf(s, "%s%s %s", r ? "; " : "", p->series.labels[r], v);
        }
        g_string_append_c(s, '.');
        break;
    }
    case FS_PANEL_TIMELINE:
        g_string_append(s, "Timeline: ");
        for (guint i = 0; p->events && i < p->events->len; i++) {
            const fs_event *ev = &g_array_index(p->events, fs_event, i);
            g_autofree char *date = fs_lang_date(spec->lang, ev->year, ev->month, ev->day);
            g_string_append_printf(s, "%s%s: %s", i ? "; " : "", date, ev->text);
        }
        g_string_append_c(s, '.');
        break;
    case FS_PANEL_TEXT:
        if (pn->text)
            g_string_append_printf(s, "%s ", pn->text);
        for (char **it = pn->items; it && *it; it++)
            g_string_append_printf(s, "%s%s", it == pn->items ? "" : "; ", *it);
        break;
    case FS_PANEL_BAR:
        break;
    }
    if (spec->source)
        g_string_append_printf(s, " Source: %s.", spec->source);
    return g_string_free(s, FALSE);
}

bool fs_layout_slide(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *p,
                     fs_diag *d)
{
    const fs_panel *pn = p->panel;
    double W = spec->slide_w, H = spec->slide_h;
    if (pn->type == FS_PANEL_BAR) {
        fs_chart_opts o;
        ctx c0 = {.spec = spec};
        chart_opts_for(&c0, pn, &o);
        o.base_size = 0;
        o.width = W, o.height = H;
        o.title = pn->title ? pn->title : spec->title;
        o.subtitle = pn->subtitle;
        o.note = pn->note;
        g_autofree char *footer = slide_footer(spec);
        o.source = footer;
        o.alt = pn->alt;
        return fs_layout_chart(doc, fonts, &p->series, &o, d);
    }
    ctx c = {.fonts = fonts, .spec = spec, .pal = fs_theme_or_light(spec->theme), .d = d};
    c.b = fmax(8, c.pal->slide_body * fmin(W / 1920, H / 1080));
    double b = c.b, margin = c.pal->slide_margin * b;
    doc_metadata(doc, spec);
    g_free(doc->title);
    doc->title = g_strdup(pn->title ? pn->title : spec->title);
    fs_page *pg = fs_doc_add_page(doc, W, H);
    pg->rtl = spec->rtl;
    double x = margin, w = W - 2 * margin, y = margin * 0.9;
    fs_text_style tst = {.size = c.pal->chart_title * b, .weight = c.pal->title_weight,
                         .color = c.pal->text, .max_lines = 2,
                         .line_height = 1.15};
    double h = text(&c, pg, FS_ROLE_TITLE, doc->title, &tst, x, y, w, spec->path);
    if (h < 0)
        return false;
    y += h + 0.35 * b;
    if (pn->subtitle) {
        fs_text_style st = {.size = 1.15 * b, .color = c.pal->secondary, .max_lines = 2};
        h = text(&c, pg, FS_ROLE_SUBTITLE, pn->subtitle, &st, x, y, w, spec->path);
        if (h < 0)
            return false;
        y += h;
    }
    y += 1.4 * b;
    double bottom = H - margin * 0.8;
    g_autofree char *src = slide_footer(spec);
    double small = fmax(c.pal->small * b, fs_slide_min_text(W, H));
    fs_text_style fst = {.size = small, .color = c.pal->secondary, .max_lines = 3};
    if (src) {
        double sw, sh;
        fs_measure_text(fonts, src, &fst, w, spec->lang, &sw, &sh);
        bottom -= sh;
        if (text(&c, pg, FS_ROLE_SOURCE, src, &fst, x, bottom, w, spec->path) < 0)
            return false;
    }
    bottom -= 1.2 * b;
    fs_text_style nst = {.size = small, .color = c.pal->secondary, .max_lines = 3};
    if (pn->note) {
        double nw, nh;
        fs_measure_text(fonts, pn->note, &nst, w, spec->lang, &nw, &nh);
        bottom -= nh;
        if (text(&c, pg, FS_ROLE_NOTE, pn->note, &nst, x, bottom, w, spec->path) < 0)
            return false;
        bottom -= 0.8 * b;
    }
    /* The body at the largest of a few sizes that fits, centred in the space
     * between header and footer: a slide is read from across a room. */
    static const double grow[] = {2.2, 1.9, 1.6, 1.35, 1.15, 1.0};
    fs_page *body = NULL;
    double end = -1, bw = w;
    bool ok = false;
    /* running text and timelines stay at reading size: at most 1.6x */
    bool prose = pn->type == FS_PANEL_TEXT || pn->type == FS_PANEL_TIMELINE;
    for (size_t k = prose ? 2 : 0; k < G_N_ELEMENTS(grow); k++) {
        c.b = b * grow[k];
        bw = pn->type == FS_PANEL_TEXT ? fmin(w, 48 * c.b) : w;
        if (body)
            fs_page_free(body);
        body = fs_page_new(bw, H, spec->rtl);
        end = panel_body(&c, body, p, 0, bw, 0);
        if (end < 0)
            break;
        if (end <= bottom - y) {
            ok = true;
            break;
        }
    }
    if (end >= 0 && !ok)
        fs_diag_add(d, FS_ERR_INPUT, spec->path, pn->line, 0,
                    "[panel %s] does not fit on a %.0fx%.0f slide", pn->id, W, H);
    if (ok)
        fs_page_take_items(pg, body, x, y + fmax(0, (bottom - y - end) / 2), pn->id);
    fs_page_free(body);
    c.b = b;
    if (ok && pg->rtl)
        fs_page_mirror(pg);
    g_free(doc->desc);
    doc->desc = pn->alt ? g_strdup(pn->alt) : panel_alt(spec, p);
    return ok;
}
