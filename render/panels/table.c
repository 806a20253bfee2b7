/* table: a panel of rows and columns from a CSV (type = table).
 *
 * The columns are the spec's (columns = a,b,c; all by default), headed by
 * the spec's texts (header = …, localizable) or the CSV's. A column of
 * numbers (all numbers, or declared with numeric = …) is written as the
 * bars write theirs (numchoice.h: one set of decimals per column, the
 * language's number format) and aligned on its decimal sign at the end of
 * the column; its header is end-aligned too. Text columns are start-aligned
 * and wrap between words only: a column is never narrower than its longest
 * word, and when the columns cannot get that much the panel is an error
 * that names the fix. One number column may carry a bar in each cell
 * (bar_column = b), drawn from zero in the accent colour. Every other row
 * is on the theme's zebra colour.
 *
 * The page flow (sheet.c) may split a table across pages: a table's kind
 * row sets split_rows, and the sheet lays out parts of it, each a copy of
 * the prepared panel whose view.first/view.count choose its rows (found by
 * measuring: as many rows as the room takes); every part repeats the
 * header row. The zebra follows the rows of the whole table, and the
 * columns are measured over all its rows, so the parts line up.
 *
 * Cells are tagged in a PDF as TH (the header) and TD inside TR inside a
 * Table (paint.c reads the roles table-head and table-cell: a new TR where
 * a cell starts under every cell of the row before; the cells of a row
 * only move down, to share a baseline, so they overlap one another).
 *
 * On a slide (fill: its room, given at the smallest size only) a table
 * too tall shows the rows that fit and a line saying how many of how many
 * (FS_STR_TABLE_ROWS), the PDF holding them all. */
#include "panel.h"

#include "lang.h"

#include <math.h>
#include <string.h>

/* One column measured over every row of the table. */
typedef struct col {
    bool num;
    fs_numchoice ch;
    double intw, fracw; /* numbers: widest part before and from the decimal sign */
    double natural;     /* widest cell on one line (and its header) */
    double least;       /* the widest word of its texts */
    double whole;       /* the same with hyphenated words whole */
    double x, w;        /* where it is laid out, padding included */
} col;

/* Cell r, c as the table writes it. Returns a new string. */
static char *cell_text(const fs_spec *spec, const fs_prepared *p, const col *cl, size_t r, size_t c)
{
    const fs_table_view *v = &p->view;
    if (cl[c].num)
        return fs_numchoice_format(&cl[c].ch, &spec->numfmt, spec->lang,
                                   v->values[r * v->ncols + c]);
    return g_strdup(fs_table_cell(p->table, r, v->cols[c]));
}

/* The width of s up to its decimal sign (all of it when it has none). */
static double int_width(const fs_panel_ctx *c, const char *s, const fs_text_style *st,
                        double *whole)
{
    double w, h;
    fs_measure_text(c->fonts, s, st, 0, c->spec->lang, whole, &h);
    const char *dec = strstr(s, c->spec->numfmt.decimal);
    if (!dec || !*c->spec->numfmt.decimal)
        return *whole;
    g_autofree char *head = g_strndup(s, (gsize)(dec - s));
    fs_measure_text(c->fonts, head, st, 0, c->spec->lang, &w, &h);
    return w;
}

typedef struct measure {
    double size, pad, padv, barw, gap;
    fs_text_style cell, head, numst;
    col *cols; /* owned */
} measure;

/* Measures every column of p at base size c->b and fits them into w.
 * Returns false after a diagnostic. */
static bool measure_cols(const fs_panel_ctx *c, const fs_prepared *p, double w, measure *m)
{
    const fs_table_view *v = &p->view;
    const fs_panel *pn = p->panel;
    m->size = fmax(c->b, c->min);
    m->pad = 0.35 * m->size, m->padv = 0.3 * m->size;
    m->barw = v->bar >= 0 ? 3 * m->size : 0, m->gap = v->bar >= 0 ? 0.4 * m->size : 0;
    m->cell = (fs_text_style){
        .size = m->size, .color = c->pal->text, .line_height = 1.2, .whole_words = true};
    m->head = m->cell;
    m->head.weight = c->pal->heading_weight;
    m->numst = m->cell;
    m->numst.tabular = true;
    m->cols = g_new0(col, v->ncols);
    g_autofree double *vals = g_new0(double, v->nrows + 1);
    for (size_t k = 0; k < v->ncols; k++) {
        col *cl = &m->cols[k];
        cl->num = v->numeric[k];
        double hw, hh;
        fs_measure_text(c->fonts, v->heads[k], &m->head, 0, c->spec->lang, &hw, &hh);
        cl->natural = hw;
        cl->least = fs_text_widest_word(c->fonts, v->heads[k], &m->head, c->spec->lang);
        cl->whole = fs_text_widest_spaced(c->fonts, v->heads[k], &m->head, c->spec->lang);
        if (cl->num) {
            for (size_t r = 0; r < v->nrows; r++)
                vals[r] = v->values[r * v->ncols + k];
            fs_numchoice_pick(vals, v->nrows, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, &cl->ch);
        }
        for (size_t r = 0; r < v->nrows; r++) {
            g_autofree char *s = cell_text(c->spec, p, m->cols, r, k);
            if (cl->num) {
                double whole, iw = int_width(c, s, &m->numst, &whole);
                cl->intw = fmax(cl->intw, iw);
                cl->fracw = fmax(cl->fracw, whole - iw);
            } else {
                double tw, th;
                fs_measure_text(c->fonts, s, &m->cell, 0, c->spec->lang, &tw, &th);
                cl->natural = fmax(cl->natural, tw);
                cl->least =
                    fmax(cl->least, fs_text_widest_word(c->fonts, s, &m->cell, c->spec->lang));
                cl->whole =
                    fmax(cl->whole, fs_text_widest_spaced(c->fonts, s, &m->cell, c->spec->lang));
            }
        }
        if (cl->num) {
            double nw = cl->intw + cl->fracw + ((int)k == v->bar ? m->gap + m->barw : 0);
            cl->natural = fmax(cl->natural, nw);
            cl->least = fmax(cl->least, nw); /* a number is never wrapped */
            cl->whole = fmax(cl->whole, nw);
        }
        cl->natural += 2 * m->pad, cl->least += 2 * m->pad, cl->whole += 2 * m->pad;
    }
    double nat = 0, least = 0, whole = 0;
    for (size_t k = 0; k < v->ncols; k++)
        nat += m->cols[k].natural, least += m->cols[k].least, whole += m->cols[k].whole;
    /* hyphenated words kept whole when the width allows */
    if (whole <= w) {
        for (size_t k = 0; k < v->ncols; k++)
            m->cols[k].least = m->cols[k].whole;
        least = whole;
    }
    if (least > w + 0.01) {
        fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, pn->line, 0,
                    "[panel %s] its %zu columns need %.0f pt without breaking a word, the panel "
                    "is %.0f pt wide; give it more columns (span), show fewer (columns = …) or "
                    "shorten its longest words",
                    pn->id, v->ncols, least, w);
        g_clear_pointer(&m->cols, g_free);
        return false;
    }
    /* room to spare goes to every column alike; too little is taken from
     * what the columns hold above their widest words */
    double x = 0;
    for (size_t k = 0; k < v->ncols; k++) {
        col *cl = &m->cols[k];
        if (nat <= w)
            cl->w = cl->natural + (w - nat) / (double)v->ncols;
        else
            cl->w = cl->natural - (cl->natural - cl->least) * (nat - w) / (nat - least);
        cl->x = x;
        x += cl->w;
    }
    return true;
}

/* Lays out one row (r: a data row, or SIZE_MAX for the header) at y. Returns
 * its bottom, or -1 after a diagnostic. */
static double table_row(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, const measure *m,
                        size_t r, double y, double w)
{
    const fs_table_view *v = &p->view;
    bool head = r == SIZE_MAX;
    if (!head && r % 2 == 1)
        fs_page_add_rect(pg, FS_ROLE_TABLE_ZEBRA, 0, y, w, 0, c->pal->zebra);
    guint zebra = head || r % 2 == 0 ? G_MAXUINT : pg->items->len - 1;
    double bottom = y + 2 * m->padv;
    double top = y + m->padv;
    int cells[12], base = 0;
    for (size_t k = 0; k < v->ncols; k++) {
        const col *cl = &m->cols[k];
        double cw = cl->w - 2 * m->pad, cx = cl->x + m->pad;
        g_autofree char *s = head ? g_strdup(v->heads[k]) : cell_text(c->spec, p, m->cols, r, k);
        int i;
        if (!head && cl->num) {
            double whole, iw = int_width(c, s, &m->numst, &whole);
            double end = cx + cw - ((int)k == v->bar ? m->gap + m->barw : 0);
            /* on the decimal sign at the column's end; a right-to-left
             * page is mirrored after, so there the sign's place is kept
             * from the far side of the digits */
            double x = pg->rtl ? end - cl->intw - (whole - iw) : end - cl->fracw - iw;
            i = fs_layout_text_at(pg, c->fonts, FS_ROLE_TABLE_CELL, s, &m->numst, x, top, 0,
                                  c->spec->lang, fs_table_name(p->table),
                                  fs_table_row_line(p->table, r), c->d);
        } else {
            fs_text_style st = head ? m->head : m->cell;
            st.align = cl->num ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
            i = head ? fs_layout_text(pg, c->fonts, FS_ROLE_TABLE_HEAD, s, &st, cx, top, cw,
                                      c->spec->lang, c->spec->path, c->d)
                     : fs_layout_text_at(pg, c->fonts, FS_ROLE_TABLE_CELL, s, &st, cx, top, cw,
                                         c->spec->lang, fs_table_name(p->table),
                                         fs_table_row_line(p->table, r), c->d);
        }
        if (i < 0)
            return -1;
        cells[k] = i;
        base = fmax(base, pango_layout_get_baseline(fs_page_item(pg, i)->layout));
    }
    /* the cells of a row share their first baseline (an Arabic word sits
     * lower than digits in its line) */
    for (size_t k = 0; k < v->ncols; k++) {
        fs_item *it = fs_page_item(pg, cells[k]);
        double dy = (double)(base - pango_layout_get_baseline(it->layout)) / PANGO_SCALE;
        fs_page_move_item(pg, cells[k], it->x, it->y + dy);
        it = fs_page_item(pg, cells[k]);
        bottom = fmax(bottom, it->y + it->h + m->padv);
    }
    /* the bar of the bar column: from zero, in proportion to the column's
     * largest magnitude, its height a cell's line */
    if (!head && v->bar >= 0) {
        const col *cl = &m->cols[v->bar];
        double lo = 0, hi = 0;
        for (size_t q = 0; q < v->nrows; q++) {
            double x = v->values[q * v->ncols + (size_t)v->bar];
            if (isfinite(x))
                lo = fmin(lo, x), hi = fmax(hi, x);
        }
        double val = v->values[r * v->ncols + (size_t)v->bar];
        if (isfinite(val) && hi > lo) {
            double bx = cl->x + cl->w - m->pad - m->barw;
            double zero = bx + m->barw * (-lo) / (hi - lo);
            double len = m->barw * fabs(val) / (hi - lo);
            double bh = 0.7 * m->size;
            double line = top + (double)base / PANGO_SCALE; /* the row's baseline */
            fs_page_add_rect(pg, FS_ROLE_TABLE_BAR, val < 0 ? zero - len : zero, line - bh, len, bh,
                             c->pal->accent);
        }
    }
    if (zebra != G_MAXUINT)
        fs_page_item(pg, (int)zebra)->h = bottom - y;
    if (head)
        fs_page_add_line(pg, FS_ROLE_TABLE_RULE, 0, bottom, w, bottom, 0.08 * m->size,
                         c->pal->axis);
    return bottom;
}

static double body_table(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                         double w, double fill)
{
    measure m = {0};
    if (!measure_cols(c, p, w, &m))
        return -1;
    const fs_table_view *v = &p->view;
    double top = y;
    y = table_row(c, pg, p, &m, SIZE_MAX, y, w);
    size_t end = MIN(v->first + v->count, v->nrows), r = v->first;
    for (; y >= 0 && r < end; r++) {
        guint before = pg->items->len;
        double next = table_row(c, pg, p, &m, r, y, w);
        /* on a slide (fill: its room) the rows that fit, and a line that
         * says how many there are, with room kept for it */
        if (!c->print && fill > 0 && next > top + fill - 2.6 * m.size && r + 1 < end) {
            fs_page_truncate(pg, before);
            break;
        }
        y = next;
    }
    if (y >= 0 && r < end) {
        g_autofree char *shown = g_strdup_printf("%zu", r - v->first);
        g_autofree char *all = g_strdup_printf("%zu", end - v->first);
        g_autofree char *say = fs_lang_text(c->spec->lang, FS_STR_TABLE_ROWS, shown, all);
        fs_text_style st = {.size = m.size, .color = c->pal->secondary, .line_height = 1.2};
        double h = fs_panel_text(c, pg, FS_ROLE_PANEL_NOTE, say, &st, 0, y + 0.4 * m.size, w,
                                 c->spec->path);
        y = h < 0 ? -1 : y + 0.4 * m.size + h;
    }
    g_free(m.cols);
    return y;
}

/* "Table of 12 rows: Region, Population, Share; highest Population: Baku
 * (2,300,500)." */
static char *alt_table(const fs_spec *spec, const fs_prepared *p)
{
    const fs_table_view *v = &p->view;
    GString *s = fs_panel_alt_begin(p->panel);
    g_string_append_printf(s, "Table of %zu row%s: ", v->nrows, v->nrows == 1 ? "" : "s");
    for (size_t k = 0; k < v->ncols; k++)
        g_string_append_printf(s, "%s%s", k ? ", " : "", v->heads[k]);
    /* the largest of the bar column, else of the first number column,
     * named by the first text column */
    int nc = v->bar, tc = -1;
    for (size_t k = 0; k < v->ncols; k++) {
        if (nc < 0 && v->numeric[k])
            nc = (int)k;
        if (tc < 0 && !v->numeric[k])
            tc = (int)k;
    }
    size_t best = SIZE_MAX;
    for (size_t r = 0; nc >= 0 && r < v->nrows; r++) {
        double x = v->values[r * v->ncols + (size_t)nc];
        if (isfinite(x) && (best == SIZE_MAX || x > v->values[best * v->ncols + (size_t)nc]))
            best = r;
    }
    if (best != SIZE_MAX) {
        g_autofree double *vals = g_new0(double, v->nrows + 1);
        for (size_t r = 0; r < v->nrows; r++)
            vals[r] = v->values[r * v->ncols + (size_t)nc];
        fs_numchoice ch;
        fs_numchoice_pick(vals, v->nrows, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, &ch);
        g_autofree char *num = fs_numchoice_format(&ch, &spec->numfmt, spec->lang, vals[best]);
        if (tc >= 0)
            g_string_append_printf(s, "; highest %s: %s (%s)", v->heads[nc],
                                   fs_table_cell(p->table, best, v->cols[tc]), num);
        else
            g_string_append_printf(s, "; highest %s: %s", v->heads[nc], num);
    }
    g_string_append_c(s, '.');
    return fs_panel_alt_end(s, spec);
}

const fs_panel_kind fs_kind_table = {
    .type = FS_PANEL_TABLE,
    .name = "table",
    .split_rows = true,
    .body = body_table,
    .alt = alt_table,
};
