/* sheet: the fact sheet. See sheet.h.
 *
 * Every panel is laid out into a scratch page at (0, 0) at its final width,
 * which measures its height (and, for a chart, the range of heights it may
 * take); the flow then makes rows and pages, shares each page's height among
 * its rows, lays an elastic panel out again at the height it got, and moves
 * the finished items into place. Sizes follow the paper held upright: on A4
 * either way up the body text is 9.5 pt, margins 15 mm and gutters 5 mm; no
 * text is under the print floor (chart.h). */
#include "sheet.h"

#include "chart.h"
#include "image.h"
#include "lang.h"
#include "panels/panel.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

/* A panel on the sheet: a rule, title, subtitle, body (body_h tall, 0: its
 * natural height), note. Returns the height, or -1. */
static double panel_on_sheet(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double w,
                             double body_h)
{
    const fs_panel *pn = p->panel;
    double b = c->b, y = 0;
    fs_page_add_line(pg, FS_ROLE_RULE, 0, 0, w, 0, 0.08 * b, c->pal->text);
    y += 0.6 * b;
    if (pn->title) {
        fs_text_style st = {.size = fmax(c->pal->panel_title * b, c->min),
                            .weight = c->pal->heading_weight,
                            .color = c->pal->text,
                            .line_height = 1.15};
        double h =
            fs_panel_text(c, pg, FS_ROLE_PANEL_TITLE, pn->title, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h + 0.15 * b;
    }
    /* a part of a table split across pages (panel.h split_rows): the
     * subtitle on its first part, the note on its last */
    bool cont = p->view.first > 0, more = p->view.first + p->view.count < p->view.nrows;
    if (pn->subtitle && !cont) {
        fs_text_style st = {
            .size = fmax(0.95 * b, c->min), .color = c->pal->secondary, .line_height = 1.2};
        double h =
            fs_panel_text(c, pg, FS_ROLE_PANEL_SUBTITLE, pn->subtitle, &st, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    y += 0.7 * b;
    y = fs_panel_kind_of(pn->type)->body(c, pg, p, y, w, body_h);
    if (y < 0)
        return -1;
    /* under everything the body drew (a chart's own note may run below its
     * box) */
    y = fmax(y, fs_page_items_bottom(pg));
    if (pn->note && !more) {
        fs_text_style st = {.size = fmax(c->pal->small * b, c->min),
                            .color = c->pal->secondary,
                            .line_height = 1.2};
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
    double b = c->b, top = y, logo_h = 0, full = w;
    /* the logo at the end of the header, its height the theme's, at most a
     * quarter of the width wide; the texts beside it keep clear of it */
    if (s->logo) {
        double lw;
        fs_image_fit(s->logo, w / 4, c->pal->logo_height * b, true, &lw, &logo_h);
        fs_page_add_image(pg, FS_ROLE_LOGO, s->logo, x + w - lw, y, lw, logo_h);
        w -= lw + 1.5 * b;
    }
#define BESIDE_LOGO(yy) ((yy) < top + logo_h ? w : full)
    fs_page_add_rect(pg, FS_ROLE_ACCENT, x, y, 3.2 * b, 0.35 * b, c->pal->accent);
    y += 1.1 * b;
    fs_text_style tst = {.size = fmax(c->pal->title * b, c->min),
                         .weight = c->pal->title_weight,
                         .color = c->pal->text,
                         .line_height = 1.1};
    double h =
        fs_panel_text(c, pg, FS_ROLE_TITLE, s->title, &tst, x, y, BESIDE_LOGO(y), s->path);
    if (h < 0)
        return -1;
    y += h + 0.3 * b;
    if (s->subtitle) {
        fs_text_style st = {
            .size = fmax(1.15 * b, c->min), .color = c->pal->secondary, .line_height = 1.25};
        h = fs_panel_text(c, pg, FS_ROLE_SUBTITLE, s->subtitle, &st, x, y, BESIDE_LOGO(y),
                          s->path);
        if (h < 0)
            return -1;
        y += h;
    }
    if (s->date) {
        int yy, mm, dd;
        if (fs_parse_iso_date(s->date, &yy, &mm, &dd)) {
            g_autofree char *ds = fs_lang_date(s->lang, yy, mm, dd);
            fs_text_style st = {.size = fmax(0.9 * b, c->min),
                                .weight = c->pal->date_weight,
                                .color = c->pal->secondary};
            y += 0.3 * b;
            h = fs_panel_text(c, pg, FS_ROLE_DATE, ds, &st, x, y, BESIDE_LOGO(y), s->path);
            if (h < 0)
                return -1;
            y += h;
        }
    }
#undef BESIDE_LOGO
    return fmax(y, top + logo_h) + 1.6 * b;
}

/* Footer at the bottom of a page; returns its top. */
static double sheet_footer(const fs_panel_ctx *c, fs_page *pg, double x, double bottom, double w,
                           int page, int pages)
{
    const fs_spec *s = c->spec;
    double b = c->b;
    fs_text_style st = {.size = fmax(c->pal->footer * b, c->min),
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

/* A panel laid out at its width: where it goes and the heights it may
 * take (least == most unless its body is elastic, a chart). */
typedef struct placed {
    size_t page;
    double x, y, w;
    double h;           /* the height it is laid out at */
    double least, most; /* the range of its height */
    double body;        /* elastic: its body's height at h */
    fs_page *items;     /* scratch, moved into the page at the end */
} placed;

/* The page grid in points. */
typedef struct grid {
    double margin, gutter, cw, colw, top, ftop;
    double bottom; /* where panels end at the most: a line above ftop */
} grid;

/* A row of the flow: panels side by side, members of pl. */
typedef struct row {
    size_t page;
    size_t *members; /* owned */
    size_t n;
    double least, nat, most, h;
} row;

static void free_placed(placed *pl, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (pl[k].items)
            fs_page_free(pl[k].items);
    memset(pl, 0, n * sizeof *pl);
}

static void free_rows(GArray *rows)
{
    for (guint r = 0; rows && r < rows->len; r++)
        g_free(g_array_index(rows, row, r).members);
    if (rows)
        g_array_set_size(rows, 0);
}

/* Lays panel p out into pl at its width pl->w, at its natural height, or
 * with an elastic body body_h tall (0: natural). Returns false after a
 * diagnostic. */
static bool measure_panel(const fs_panel_ctx *c, const fs_prepared *p, placed *pl, double body_h)
{
    const fs_panel_kind *kind = fs_panel_kind_of(p->panel->type);
    if (pl->items)
        fs_page_free(pl->items);
    pl->items = fs_page_new(pl->w, c->spec->page_h, c->spec->rtl);
    double nat = 0, lo = 0, hi = 0;
    if (kind->heights)
        nat = kind->heights(c, p, pl->w, &lo, &hi);
    double h = panel_on_sheet(c, pl->items, p, pl->w, body_h > 0 ? body_h : 0);
    if (h < 0)
        return false;
    pl->h = h;
    pl->least = pl->most = h;
    if (kind->heights) {
        double frame = h - (body_h > 0 ? body_h : nat);
        pl->body = body_h > 0 ? body_h : nat;
        pl->least = fmin(h, frame + lo);
        pl->most = fmax(h, frame + hi);
    }
    return true;
}

/* The next row from the panels not yet placed (queue, in spec order): in
 * order, panels while their spans fit and each can be limit tall; packed,
 * any later panel that fits too. Moves its members out of queue into r. */
static void take_row(const fs_panel_ctx *c, const fs_prepared *panels, const placed *pl,
                     size_t *queue, size_t *nq, double limit, row *r)
{
    const fs_spec *spec = c->spec;
    bool packed = spec->flow == FS_FLOW_PACKED;
    int used = 0;
    r->members = g_new(size_t, *nq ? *nq : 1);
    r->n = 0;
    r->least = r->nat = r->most = 0;
    size_t keep = 0;
    bool open = true;
    for (size_t q = 0; q < *nq; q++) {
        size_t i = queue[q];
        int span = MIN(panels[i].panel->span, spec->columns);
        bool fits = used + span <= spec->columns && pl[i].least <= limit;
        if (open && fits) {
            r->members[r->n++] = i;
            used += span;
            r->least = fmax(r->least, pl[i].least);
            r->nat = fmax(r->nat, pl[i].h);
            r->most = fmax(r->most, pl[i].most);
        } else {
            queue[keep++] = i;
            if (!packed)
                open = false;
        }
    }
    *nq = keep;
}

/* The heights of one page's rows: their natural heights when they fit in
 * room, squeezed towards their least when not, and the room left shared
 * among the rows that can grow, up to their most. */
static void share_page(GArray *rows, guint first, guint end, double room)
{
    double nat = 0, give = 0, take = 0;
    for (guint k = first; k < end; k++) {
        const row *r = &g_array_index(rows, row, k);
        nat += r->nat;
        give += r->nat - r->least;
        take += r->most - r->nat;
    }
    for (guint k = first; k < end; k++) {
        row *r = &g_array_index(rows, row, k);
        if (nat > room)
            r->h = give > 0 ? r->nat - (r->nat - r->least) * fmin(1, (nat - room) / give) : r->nat;
        else
            r->h = take > 0 ? r->nat + (r->most - r->nat) * fmin(1, (room - nat) / take) : r->nat;
    }
}

/* Lays out every panel at the base size c->b and flows them into rows and
 * pages (rows, owned by the caller): a new page only when the next row
 * cannot fit even with every chart at its least height. Fills pl (natural
 * heights) and returns the page count, or -1 after a diagnostic. */
static long flow_report(const fs_panel_ctx *c, const fs_prepared *panels, size_t n, grid *g,
                        placed *pl, GArray *rows)
{
    const fs_spec *spec = c->spec;
    /* measure the header and the footer with a page count of two digits */
    fs_page *hdr = fs_page_new(spec->page_w, spec->page_h, spec->rtl);
    g->top = sheet_header(c, hdr, g->margin, g->margin, g->cw);
    g->ftop = sheet_footer(c, hdr, g->margin, spec->page_h - g->margin, g->cw, 10, 10);
    fs_page_free(hdr);
    if (g->top < 0 || g->ftop < 0)
        return -1;
    g->bottom = g->ftop - c->b;
    if (g->ftop - g->top < 10 * c->b) {
        fs_diag_add(c->d, FS_ERR_INPUT, spec->path, 0, 0,
                    "the page is too small for its header and footer");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        int span = MIN(panels[i].panel->span, spec->columns);
        pl[i].w = span * g->colw + (span - 1) * g->gutter;
        if (!measure_panel(c, &panels[i], &pl[i], 0))
            return -1;
        if (pl[i].least > g->bottom - g->top) {
            fs_diag_add(c->d, FS_ERR_INPUT, spec->path, panels[i].panel->line, 0,
                        "[panel %s] is taller than a page (%.0f pt of %.0f pt)%s",
                        panels[i].panel->id, pl[i].least, g->bottom - g->top,
                        span < spec->columns ? "; give it more columns (span)" : "");
            return -1;
        }
    }
    g_autofree size_t *queue = g_new(size_t, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        queue[i] = i;
    size_t nq = n, page = 0;
    double y = g->top, gap = 1.5 * c->b;
    while (nq > 0) {
        row r = {.page = page};
        take_row(c, panels, pl, queue, &nq, g->bottom - y, &r);
        if (r.n == 0) {
            /* nothing fits under the rows above: a new page (where the
             * next panel fits, as checked above) */
            g_free(r.members);
            page++;
            y = g->top;
            continue;
        }
        g_array_append_val(rows, r);
        y += r.least + gap;
    }
    /* each page's rows share its height */
    for (guint k = 0; k < rows->len;) {
        guint end = k;
        double gaps = 0;
        while (end < rows->len &&
               g_array_index(rows, row, end).page == g_array_index(rows, row, k).page)
            gaps += end > k ? gap : 0, end++;
        share_page(rows, k, end, g->bottom - g->top - gaps);
        k = end;
    }
    return (long)page + 1;
}

/* Places the rows' panels: each row at its height, an elastic panel laid
 * out again to fill it (within its range). Returns false after a
 * diagnostic. */
static bool place_rows(const fs_panel_ctx *c, const fs_prepared *panels, const grid *g, placed *pl,
                       GArray *rows)
{
    double y = g->top, gap = 1.5 * c->b;
    for (guint k = 0; k < rows->len; k++) {
        const row *r = &g_array_index(rows, row, k);
        if (k > 0 && g_array_index(rows, row, k - 1).page != r->page)
            y = g->top;
        int used = 0;
        for (size_t m = 0; m < r->n; m++) {
            size_t i = r->members[m];
            placed *p = &pl[i];
            double want = fmin(fmax(r->h, p->least), p->most);
            if (fabs(want - p->h) > 0.01 && p->most > p->least &&
                !measure_panel(c, &panels[i], p, p->body + want - p->h))
                return false;
            p->page = r->page;
            p->x = g->margin + used * (g->colw + g->gutter);
            p->y = y;
            used += MIN(panels[i].panel->span, c->spec->columns);
        }
        y += r->h + gap;
    }
    return true;
}

/* Frees what one flow made and flows again at base size base. */
static long reflow(fs_panel_ctx *c, double base, const fs_prepared *panels, size_t n, grid *g,
                   placed *pl, GArray *rows)
{
    free_placed(pl, n);
    free_rows(rows);
    c->b = base;
    return flow_report(c, panels, n, g, pl, rows);
}

/* The height of the rows [first, first + count) of table p as a panel
 * w wide, or -1 after a diagnostic. */
static double part_height(const fs_panel_ctx *c, const fs_prepared *p, double w, size_t first,
                          size_t count)
{
    fs_prepared part = *p;
    part.view.first = first, part.view.count = count;
    fs_page *pg = fs_page_new(w, c->spec->page_h, c->spec->rtl);
    double h = panel_on_sheet(c, pg, &part, w, 0);
    fs_page_free(pg);
    return h;
}

/* The panels with every table taller than a page's room split into parts
 * (panel.h split_rows): each as many rows as the room takes, measured
 * (bisection), at base size c->b; the header row repeats in each part (the
 * table's body draws it). A table whose first row alone does not fit is
 * left whole, for the flow's "taller than a page". Returns a new array of
 * *out_n shallow copies of panels (free it with g_free() only), or NULL
 * after a diagnostic. */
static fs_prepared *split_tables(const fs_panel_ctx *c, const fs_prepared *panels, size_t n,
                                 const grid *g0, size_t *out_n)
{
    const fs_spec *spec = c->spec;
    GArray *parts = g_array_new(FALSE, TRUE, sizeof(fs_prepared));
    grid g = *g0;
    fs_page *hdr = fs_page_new(spec->page_w, spec->page_h, spec->rtl);
    g.top = sheet_header(c, hdr, g.margin, g.margin, g.cw);
    g.ftop = sheet_footer(c, hdr, g.margin, spec->page_h - g.margin, g.cw, 10, 10);
    fs_page_free(hdr);
    if (g.top < 0 || g.ftop < 0) {
        g_array_free(parts, TRUE);
        return NULL;
    }
    double room = g.ftop - c->b - g.top;
    for (size_t i = 0; i < n; i++) {
        const fs_prepared *p = &panels[i];
        size_t nr = p->view.nrows;
        if (!fs_panel_kind_of(p->panel->type)->split_rows || nr < 2) {
            g_array_append_val(parts, *p);
            continue;
        }
        int span = MIN(p->panel->span, spec->columns);
        double w = span * g.colw + (span - 1) * g.gutter;
        double whole = part_height(c, p, w, 0, nr);
        if (whole < 0) {
            g_array_free(parts, TRUE);
            return NULL;
        }
        if (whole <= room || part_height(c, p, w, 0, 1) > room) {
            g_array_append_val(parts, *p);
            continue;
        }
        for (size_t first = 0; first < nr;) {
            size_t lo = 1, hi = nr - first; /* lo rows fit; find the most */
            while (lo < hi) {
                size_t mid = (lo + hi + 1) / 2;
                double h = part_height(c, p, w, first, mid);
                if (h >= 0 && h <= room)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            fs_prepared part = *p;
            part.view.first = first, part.view.count = lo;
            g_array_append_val(parts, part);
            first += lo;
        }
    }
    *out_n = parts->len;
    return (fs_prepared *)g_array_free(parts, FALSE);
}

bool fs_layout_report(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *whole,
                      size_t nwhole, fs_diag *d)
{
    fs_panel_ctx c = {.fonts = fonts,
                      .spec = spec,
                      .pal = fs_theme_or_light(spec->theme),
                      .d = d,
                      .print = true,
                      .min = fs_text_floor(true)};
    /* A landscape page gets the type of its paper held upright (A4 either
     * way: 9.5 pt), and margins that follow its short side. */
    double shortside = fmin(spec->page_w, spec->page_h),
           longside = fmax(spec->page_w, spec->page_h);
    const fs_paper *a4 = &fs_papers[FS_PAPER_A4];
    double scale = shortside / a4->w;
    double base = c.pal->body * fmin(scale, longside / a4->h);
    grid g = {.margin = c.pal->margin * scale, .gutter = c.pal->gutter * scale};
    g.cw = spec->page_w - 2 * g.margin;
    g.colw = (g.cw - g.gutter * (spec->columns - 1)) / spec->columns;
    fs_report_metadata(doc, spec);
    c.b = base;
    size_t n = 0;
    g_autofree fs_prepared *panels = split_tables(&c, whole, nwhole, &g, &n);
    if (!panels)
        return false;

    /* Longer translations must not push a panel onto another page for a few
     * points: when the type 10% smaller (8.6 pt body text on A4) saves a
     * page, take the largest size between that saves it too, found by
     * measuring (bisection), never a size that saves nothing. */
    g_autofree placed *pl = g_new0(placed, n ? n : 1);
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(row));
    long pages = reflow(&c, base, panels, n, &g, pl, rows);
    if (pages > 1) {
        /* trial flows: what fails in them is not the report's error */
        g_autoptr(fs_diag) trial = fs_diag_new();
        c.d = trial;
        long full = pages, least = reflow(&c, base * 0.9, panels, n, &g, pl, rows);
        double best = 1, lo = 0.9, hi = 1;
        if (least > 0 && least < full) {
            best = lo;
            /* four steps find it within 0.6% of the best; each is a
             * whole flow of the report, its costliest part */
            for (int k = 0; k < 4; k++) {
                double mid = (lo + hi) / 2;
                long p = reflow(&c, base * mid, panels, n, &g, pl, rows);
                if (p > 0 && p <= least)
                    best = lo = mid;
                else
                    hi = mid;
            }
        }
        c.d = d;
        pages = reflow(&c, base * best, panels, n, &g, pl, rows);
    }
    bool ok = pages > 0 && place_rows(&c, panels, &g, pl, rows);
    double margin = g.margin, cw = g.cw;
    guint k = 0;
    for (size_t p = 0; ok && p < (size_t)pages; p++) {
        fs_page *pg = fs_doc_add_page(doc, spec->page_w, spec->page_h);
        pg->rtl = spec->rtl;
        if (sheet_header(&c, pg, margin, margin, cw) < 0 ||
            sheet_footer(&c, pg, margin, spec->page_h - margin, cw, (int)p + 1, (int)pages) < 0)
            ok = false;
        /* the panels row by row: the order they are read in */
        for (; ok && k < rows->len && g_array_index(rows, row, k).page == p; k++) {
            const row *r = &g_array_index(rows, row, k);
            for (size_t m = 0; m < r->n; m++) {
                size_t i = r->members[m];
                fs_group grp = {.first = pg->items->len,
                                .figure = fs_panel_kind_of(panels[i].panel->type)->figure,
                                .alt = fs_panel_alt(spec, &panels[i])};
                fs_page_take_items(pg, pl[i].items, pl[i].x, pl[i].y, panels[i].panel->id);
                grp.count = pg->items->len - grp.first;
                if (!pg->groups)
                    pg->groups = g_array_new(FALSE, FALSE, sizeof(fs_group));
                g_array_append_val(pg->groups, grp);
                if (panels[i].view.first > 0)
                    continue; /* a table's later part: its start has the entry */
                const char *title = panels[i].panel->title;
                fs_outline ol = {.title = metadata_cut(title ? title : panels[i].panel->id),
                                 .page = p,
                                 .y = pl[i].y};
                g_array_append_val(doc->outline, ol);
            }
        }
        if (pg->rtl)
            fs_page_mirror(pg);
    }
    free_placed(pl, n);
    free_rows(rows);
    g_array_free(rows, TRUE);
    return ok;
}
