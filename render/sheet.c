/* sheet: the fact sheet. See sheet.h.
 *
 * Every panel is laid out once into a scratch page at (0, 0) at its final
 * width, which measures its height; the grid then moves the finished items
 * into place. Sizes follow the page: on A4 the body text is 9.5 pt, margins
 * 15 mm and gutters 5 mm, and everything scales with the page width. */
#include "sheet.h"

#include "chart.h"
#include "lang.h"
#include "panels/panel.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

/* A panel on the sheet: a rule, title, subtitle, body, note. Returns the
 * height, or -1. */
static double panel_on_sheet(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double w)
{
    const fs_panel *pn = p->panel;
    double b = c->b, y = 0;
    fs_page_add_line(pg, FS_ROLE_RULE, 0, 0, w, 0, 0.08 * b, c->pal->text);
    y += 0.6 * b;
    if (pn->title) {
        fs_text_style st = {.size = c->pal->panel_title * b,
                            .weight = c->pal->heading_weight,
                            .color = c->pal->text,
                            .line_height = 1.15};
        double h =
            fs_panel_text(c, pg, FS_ROLE_PANEL_TITLE, pn->title, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.15 * b;
    }
    if (pn->subtitle) {
        fs_text_style st = {.size = 0.95 * b, .color = c->pal->secondary, .line_height = 1.2};
        double h =
            fs_panel_text(c, pg, FS_ROLE_PANEL_SUBTITLE, pn->subtitle, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    y += 0.7 * b;
    y = fs_panel_kind_of(pn->type)->body(c, pg, p, y, w, 0);
    if (y < 0)
        return -1;
    if (pn->note) {
        fs_text_style st = {
            .size = c->pal->small * b, .color = c->pal->secondary, .line_height = 1.2};
        y += 0.4 * b;
        double h = fs_panel_text(c, pg, FS_ROLE_PANEL_NOTE, pn->note, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    return fmax(y, fs_page_items_bottom(pg));
}

/* s (may be NULL) cut for alt text and metadata (textsafe.h). Returns a new
 * string. */
static char *metadata_cut(const char *s)
{
    return s ? fs_text_cut(s, FS_ALT_MAX) : NULL;
}

void fs_report_metadata(fs_doc *doc, const fs_spec *spec)
{
    doc->background = fs_theme_or_light(spec->theme)->background;
    doc->title = metadata_cut(spec->title);
    doc->author = metadata_cut(spec->author ? spec->author : spec->source);
    doc->subject = metadata_cut(spec->subtitle ? spec->subtitle : spec->title);
    doc->keywords = metadata_cut(spec->keywords);
    doc->lang = g_strdup(spec->lang);
    doc->link = g_strdup(spec->source_url);
}

static char *source_line(const fs_spec *spec)
{
    return spec->source ? fs_source_line(spec->source, spec->lang) : NULL;
}

/* Header at the top of a page; returns the y where panels start. */
static double sheet_header(const fs_panel_ctx *c, fs_page *pg, double x, double y, double w)
{
    const fs_spec *s = c->spec;
    double b = c->b;
    fs_page_add_rect(pg, FS_ROLE_ACCENT, x, y, 3.2 * b, 0.35 * b, c->pal->accent);
    y += 1.1 * b;
    fs_text_style tst = {.size = c->pal->title * b,
                         .weight = c->pal->title_weight,
                         .color = c->pal->text,
                         .line_height = 1.1};
    double h = fs_panel_text(c, pg, FS_ROLE_TITLE, s->title, &tst, x, y, w, s->path);
    if (h < 0)
        return -1;
    y += h + 0.3 * b;
    if (s->subtitle) {
        fs_text_style st = {.size = 1.15 * b, .color = c->pal->secondary, .line_height = 1.25};
        h = fs_panel_text(c, pg, FS_ROLE_SUBTITLE, s->subtitle, &st, x, y, w, s->path);
        if (h < 0)
            return -1;
        y += h;
    }
    if (s->date) {
        int yy, mm, dd;
        if (fs_parse_iso_date(s->date, &yy, &mm, &dd)) {
            g_autofree char *ds = fs_lang_date(s->lang, yy, mm, dd);
            fs_text_style st = {
                .size = 0.9 * b, .weight = c->pal->date_weight, .color = c->pal->secondary};
            y += 0.3 * b;
            h = fs_panel_text(c, pg, FS_ROLE_DATE, ds, &st, x, y, w, s->path);
            if (h < 0)
                return -1;
            y += h;
        }
    }
    return y + 1.6 * b;
}

/* Footer at the bottom of a page; returns its top. */
static double sheet_footer(const fs_panel_ctx *c, fs_page *pg, double x, double bottom, double w,
                           int page, int pages)
{
    const fs_spec *s = c->spec;
    double b = c->b;
    fs_text_style st = {.size = c->pal->footer * b,
                        .color = c->pal->secondary,
                        .line_height = 1.25,
                        .max_height = s->page_h};
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
        fs_panel_text(c, pg, FS_ROLE_SOURCE, lines->str, &st, x, top, textw, s->path) < 0) {
        g_string_free(lines, TRUE);
        return -1;
    }
    g_string_free(lines, TRUE);
    if (fs_panel_text(c, pg, FS_ROLE_PAGE_NUMBER, num, &st, x + w - nw, top, 0, s->path) < 0)
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
static long flow_report(const fs_panel_ctx *c, const fs_prepared *panels, size_t n, grid *g,
                        placed *pl)
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

bool fs_layout_report(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *panels,
                      size_t n, fs_diag *d)
{
    fs_panel_ctx c = {.fonts = fonts, .spec = spec, .pal = fs_theme_or_light(spec->theme), .d = d};
    double scale = spec->page_w / 595.2756;
    double base = c.pal->body * fmin(scale, spec->page_h / 841.8898);
    grid g = {.margin = c.pal->margin * scale, .gutter = c.pal->gutter * scale};
    g.cw = spec->page_w - 2 * g.margin;
    g.colw = (g.cw - g.gutter * (spec->columns - 1)) / spec->columns;
    fs_report_metadata(doc, spec);

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
                            .figure = fs_panel_kind_of(panels[k].panel->type)->figure,
                            .alt = fs_panel_alt(spec, &panels[k])};
            fs_page_take_items(pg, pl[k].items, pl[k].x, pl[k].y, panels[k].panel->id);
            grp.count = pg->items->len - grp.first;
            if (!pg->groups)
                pg->groups = g_array_new(FALSE, FALSE, sizeof(fs_group));
            g_array_append_val(pg->groups, grp);
            fs_outline ol = {.title = metadata_cut(panels[k].panel->title ? panels[k].panel->title
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
