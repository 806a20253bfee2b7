/* model: spec + tables -> prepared panels. See model.h. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* fs_series_data_from_table(), a missing value (--missing) NAN when
 * nan_ok, else refused naming its cell. */
static bool series_data(const fs_table *t, const char *label_col, const char *const *value_cols,
                        bool nan_ok, fs_series_data *out, fs_diag *d)
{
    memset(out, 0, sizeof *out);
    size_t lc;
    if (!fs_table_find_column(t, label_col, &lc, d))
        return false;
    size_t ns = 0;
    while (value_cols[ns])
        ns++;
    if (ns == 0 || ns > 8) {
        fs_diag_add(d, FS_ERR_INPUT, fs_table_name(t), 0, 0,
                    ns ? "at most 8 value columns can be drawn, %zu given"
                       : "no value column given%.0zu",
                    ns);
        return false;
    }
    size_t nr = fs_table_nrows(t);
    out->nrows = nr;
    out->nseries = ns;
    out->file = fs_table_name(t);
    out->labels = g_new0(const char *, nr);
    out->series_names = g_new0(const char *, ns);
    out->values = g_new0(double, nr *ns);
    out->lines = g_new0(unsigned long, nr);
    g_autofree double *col = g_new0(double, nr ? nr : 1);
    for (size_t s = 0; s < ns; s++) {
        size_t vc;
        if (!fs_table_find_column(t, value_cols[s], &vc, d) ||
            !(nan_ok ? fs_table_numbers_nan(t, vc, col, d) : fs_table_numbers(t, vc, col, d))) {
            fs_series_data_clear(out);
            return false;
        }
        out->series_names[s] = fs_table_header(t, vc);
        for (size_t r = 0; r < nr; r++)
            out->values[r * ns + s] = col[r];
    }
    for (size_t r = 0; r < nr; r++) {
        out->labels[r] = fs_table_cell(t, r, lc);
        out->lines[r] = fs_table_row_line(t, r);
    }
    return true;
}

bool fs_series_data_from_table(const fs_table *t, const char *label_col,
                               const char *const *value_cols, fs_series_data *out, fs_diag *d)
{
    return series_data(t, label_col, value_cols, false, out, d);
}

bool fs_series_data_from_table_nan(const fs_table *t, const char *label_col,
                                   const char *const *value_cols, fs_series_data *out, fs_diag *d)
{
    return series_data(t, label_col, value_cols, true, out, d);
}

bool fs_series_data_unique_labels(const fs_series_data *s, const char *fix, fs_diag *d)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t r = 0; r < s->nrows; r++) {
        gpointer first;
        if (g_hash_table_lookup_extended(seen, s->labels[r], NULL, &first)) {
            size_t f = GPOINTER_TO_SIZE(first);
            g_autofree char *q = fs_diag_quote(s->labels[r], -1, 40);
            fs_diag_add(d, FS_ERR_INPUT, s->file, s->lines[r], 0,
                        "the label %s is also on line %lu: two bars would bear it; %s", q,
                        s->lines[f], fix);
            return false;
        }
        g_hash_table_insert(seen, (gpointer)s->labels[r], GSIZE_TO_POINTER(r));
    }
    return true;
}

bool fs_series_data_has_duplicates(const fs_series_data *s)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t r = 0; r < s->nrows; r++)
        if (!g_hash_table_add(seen, (gpointer)s->labels[r]))
            return true;
    return false;
}

void fs_series_data_clear(fs_series_data *s)
{
    g_free(s->labels);
    g_free(s->series_names);
    g_free(s->values);
    g_free(s->lines);
    memset(s, 0, sizeof *s);
}

bool fs_parse_iso_date(const char *s, int *year, int *month, int *day)
{
    int y = 0, m = 0, dd = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i++) {
        bool dash = (i == 4 || i == 7);
        if (dash ? s[i] != '-' : !g_ascii_isdigit(s[i]))
            return false;
    }
    if (len != 4 && len != 7 && len != 10)
        return false;
    y = atoi(s);
    if (len >= 7)
        m = atoi(s + 5);
    if (len == 10)
        dd = atoi(s + 8);
    if (y < 1 || (len >= 7 && (m < 1 || m > 12)))
        return false;
    if (len == 10 && !g_date_valid_dmy((GDateDay)dd, (GDateMonth)m, (GDateYear)y))
        return false;
    *year = y, *month = m, *day = dd;
    return true;
}

static int cmp_events(const void *a, const void *b)
{
    const fs_event *x = a, *y = b;
    long kx = (long)x->year * 10000 + x->month * 100 + x->day;
    long ky = (long)y->year * 10000 + y->month * 100 + y->day;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The column "name[lang]" (or "name[ll]" for a tag "ll_CC") when the table
 * has it, else name: CSV columns are localized the way spec keys are.
 * Returns a new string. */
static char *localized_column(const fs_table *t, const char *name, const char *lang)
{
    if (lang && *lang) {
        g_autofree char *tag = g_strdup(lang);
        for (int round = 0; round < 2; round++) {
            g_autofree char *want = g_strdup_printf("%s[%s]", name, tag);
            for (size_t c = 0; c < fs_table_ncols(t); c++)
                if (strcmp(fs_table_header(t, c), want) == 0)
                    return g_steal_pointer(&want);
            tag[strcspn(tag, "_-@.")] = '\0';
        }
    }
    return g_strdup(name);
}

/* A donut: 2 to 6 parts, none negative, their total above zero. */
static bool check_donut(const fs_spec *spec, const fs_panel *panel, const fs_prepared *out,
                        fs_diag *d)
{
    const fs_series_data *s = &out->series;
    const char *file = fs_table_name(out->table);
    if (s->nrows < 2 || s->nrows > FS_DONUT_MAX_PARTS) {
        fs_diag_add(d, FS_ERR_INPUT, spec->path, fs_panel_key_line(panel, "data"), 0,
                    s->nrows < 2 ? "[panel %s] a donut shows 2 to %d parts of a whole; %s has %zu "
                                   "(show one number as a stat panel)"
                                 : "[panel %s] a donut shows 2 to %d parts of a whole; %s has %zu "
                                   "(use a bar chart, or add the smallest parts up into one row "
                                   "such as \"Other\")",
                    panel->id, FS_DONUT_MAX_PARTS, file, s->nrows);
        return false;
    }
    double total = 0;
    for (size_t r = 0; r < s->nrows; r++) {
        double v = s->values[r];
        if (v < 0) {
            fs_diag_add(d, FS_ERR_INPUT, file, s->lines[r], 0,
                        "a donut cannot show a negative part (%g); parts of a whole are 0 or "
                        "more (show gains and losses as a bar chart)",
                        v);
            return false;
        }
        total += v;
    }
    if (!(total > 0) || !isfinite(total)) {
        fs_diag_add(d, FS_ERR_INPUT, file, 0, 0,
                    total > 0 ? "the parts of the donut add up to more than a number can hold"
                              : "the parts of the donut add up to 0: there is no whole to divide "
                                "(check the value column \"%s\")",
                    s->series_names[0]);
        return false;
    }
    return true;
}

/* Bar and pictogram: the label and value columns. */
static bool prepare_series(const fs_spec *spec, const fs_panel *panel, fs_prepared *out, fs_diag *d)
{
    const fs_table *t = out->table;
    if (!t) {
        fs_diag_add(d, FS_ERR_INPUT, spec->path, panel->line, 0, "[panel %s] needs a data file",
                    panel->id);
        return false;
    }
    const char *const *vals = (const char *const *)panel->values;
    g_autofree char *label = localized_column(t, panel->label, spec->lang);
    /* a bar leaves an empty slot for a missing value, a line a gap; a
     * pictogram or a donut cannot */
    bool gaps = panel->type == FS_PANEL_BAR || panel->type == FS_PANEL_LINE ||
                panel->type == FS_PANEL_AREA;
    if (!(gaps ? fs_series_data_from_table_nan(t, label, vals, &out->series, d)
               : fs_series_data_from_table(t, label, vals, &out->series, d)))
        return false;
    /* two rows of one label would be two bars, icons or parts under one
     * name (a line's dates have the time axis's own rule) */
    if (!gaps || panel->type == FS_PANEL_BAR) {
        g_autofree char *fix = g_strdup_printf(
            "give each row of [panel %s] its own label, or sum the rows first "
            "(factsheet chart --aggregate sum does)",
            panel->id);
        if (!fs_series_data_unique_labels(&out->series, fix, d))
            return false;
    }
    if (panel->type == FS_PANEL_DONUT)
        return check_donut(spec, panel, out, d);
    if (panel->type != FS_PANEL_PICTOGRAM)
        return true;
    for (size_t r = 0; r < out->series.nrows; r++) {
        double v = out->series.values[r * out->series.nseries];
        if (v < 0 || v / panel->per > 1000) {
            fs_diag_add(d, FS_ERR_INPUT, t ? fs_table_name(t) : spec->path, out->series.lines[r], 0,
                        v < 0 ? "a pictogram cannot show a negative value (%g)"
                              : "%g at %g per icon makes more than 1000 icons; raise "
                                "\"per\"",
                        v, panel->per);
            return false;
        }
    }
    return true;
}

/* Stat: the number from the spec, or from one cell of the CSV. */
static bool prepare_stat(const fs_spec *spec, const fs_panel *panel, fs_prepared *out, fs_diag *d)
{
    const fs_table *t = out->table;
    if (panel->has_value || !t) {
        out->stat = panel->value;
        return true;
    }
    size_t col;
    if (!fs_table_find_column(t, panel->column, &col, d))
        return false;
    size_t row = panel->row > 0 ? (size_t)panel->row - 1 : 0;
    if (row >= fs_table_nrows(t)) {
        fs_diag_add(d, FS_ERR_INPUT, spec->path, panel->line, 0,
                    "[panel %s] row %ld: %s has only %zu data rows", panel->id, panel->row,
                    fs_table_name(t), fs_table_nrows(t));
        return false;
    }
    g_autofree double *vals = g_new(double, fs_table_nrows(t));
    if (!fs_table_numbers(t, col, vals, d))
        return false;
    out->stat = vals[row];
    return true;
}

/* Timeline: dated events, at most 12, in date order. */
static bool prepare_timeline(const fs_spec *spec, const fs_panel *panel, fs_prepared *out,
                             fs_diag *d)
{
    const fs_table *t = out->table;
    if (!t) {
        fs_diag_add(d, FS_ERR_INPUT, spec->path, panel->line, 0, "[panel %s] needs a data file",
                    panel->id);
        return false;
    }
    size_t dc, ec;
    g_autofree char *event =
        localized_column(t, panel->event_col ? panel->event_col : "event", spec->lang);
    if (!fs_table_find_column(t, panel->date_col ? panel->date_col : "date", &dc, d) ||
        !fs_table_find_column(t, event, &ec, d))
        return false;
    out->events = g_array_new(FALSE, TRUE, sizeof(fs_event));
    for (size_t r = 0; r < fs_table_nrows(t); r++) {
        fs_event ev = {.text = fs_table_cell(t, r, ec), .line = fs_table_row_line(t, r)};
        g_autofree char *ds = g_strstrip(g_strdup(fs_table_cell(t, r, dc)));
        if (!fs_parse_iso_date(ds, &ev.year, &ev.month, &ev.day)) {
            g_autofree char *q = fs_diag_quote(fs_table_cell(t, r, dc), -1, 40);
            fs_diag_add(d, FS_ERR_INPUT, fs_table_name(t), fs_table_cell_line(t, r, dc),
                        fs_table_cell_col(t, r, dc),
                        "%s in column \"%s\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", q,
                        fs_table_header(t, dc));
            return false;
        }
        g_array_append_val(out->events, ev);
    }
    if (out->events->len > 12) {
        fs_diag_add(d, FS_ERR_INPUT, fs_table_name(t), 0, 0,
                    "a timeline shows at most 12 events, this one has %u", out->events->len);
        return false;
    }
    g_array_sort(out->events, cmp_events);
    return true;
}

/* Table: the columns shown, their headers and which hold numbers. */
static bool prepare_table(const fs_spec *spec, const fs_panel *panel, fs_prepared *out,
                          fs_diag *d)
{
    const fs_table *t = out->table;
    fs_table_view *v = &out->view;
    v->bar = -1;
    size_t n = panel->columns ? g_strv_length(panel->columns) : fs_table_ncols(t);
    if (n == 0 || n > 12) {
        fs_diag_add(d, FS_ERR_INPUT, spec->path, fs_panel_key_line(panel, "columns"), 0,
                    "[panel %s] a table shows 1 to 12 columns, this one %zu; choose them with "
                    "columns = A,B,C",
                    panel->id, n);
        return false;
    }
    if (panel->header && g_strv_length(panel->header) != n) {
        fs_diag_add(d, FS_ERR_INPUT, spec->path, fs_panel_key_line(panel, "header"), 0,
                    "[panel %s] header has %u texts for %zu columns; give one text per column",
                    panel->id, g_strv_length(panel->header), n);
        return false;
    }
    size_t nr = fs_table_nrows(t);
    v->ncols = n, v->nrows = nr, v->count = nr;
    v->cols = g_new0(size_t, n);
    v->heads = g_new0(const char *, n);
    v->numeric = g_new0(bool, n);
    v->values = g_new0(double, nr * n + 1);
    g_autofree double *col = g_new0(double, nr + 1);
    for (size_t c = 0; c < n; c++) {
        g_autofree char *name =
            panel->columns ? localized_column(t, panel->columns[c], spec->lang) : NULL;
        if (name && !fs_table_find_column(t, name, &v->cols[c], d))
            return false;
        if (!name)
            v->cols[c] = c;
        const char *csv = fs_table_header(t, v->cols[c]);
        v->heads[c] = panel->header ? panel->header[c] : csv;
        bool declared = panel->numeric && g_strv_contains((const char *const *)panel->numeric,
                                                          name ? panel->columns[c] : csv);
        v->numeric[c] = declared || fs_table_col_type(t, v->cols[c]) == FS_COL_NUMBER;
        if (v->numeric[c]) {
            if (!fs_table_numbers_nan(t, v->cols[c], col, d))
                return false;
            for (size_t r = 0; r < nr; r++)
                v->values[r * n + c] = col[r];
        }
        if (panel->bar_column && strcmp(panel->bar_column, name ? panel->columns[c] : csv) == 0)
            v->bar = (int)c;
    }
    for (char **k = panel->numeric; k && *k; k++) {
        bool shown = false;
        for (size_t c = 0; c < n; c++)
            shown |= strcmp(*k, panel->columns ? panel->columns[c] : fs_table_header(t, c)) == 0;
        if (!shown) {
            g_autofree char *q = fs_diag_quote(*k, -1, 40);
            fs_diag_add(d, FS_ERR_INPUT, spec->path, fs_panel_key_line(panel, "numeric"), 0,
                        "[panel %s] numeric names %s, which is not a column the table shows",
                        panel->id, q);
            return false;
        }
    }
    if (panel->bar_column && (v->bar < 0 || !v->numeric[v->bar])) {
        g_autofree char *q = fs_diag_quote(panel->bar_column, -1, 40);
        fs_diag_add(d, FS_ERR_INPUT, spec->path, fs_panel_key_line(panel, "bar_column"), 0,
                    v->bar < 0 ? "[panel %s] bar_column %s is not a column the table shows"
                               : "[panel %s] bar_column %s is not a column of numbers",
                    panel->id, q);
        return false;
    }
    return true;
}

bool fs_prepare_panel(const fs_spec *spec, const fs_panel *panel, fs_prepared *out, fs_diag *d)
{
    memset(out, 0, sizeof *out);
    out->panel = panel;
    if (panel->data) {
        fs_csv_opts co = {.delimiter = panel->delimiter, .decimal = panel->decimal,
                          .encoding = panel->encoding, .missing = panel->missing};
        /* the file the spec checked, never reopened by name (see spec.h) */
        out->table = panel->data_fd >= 0 ? fs_table_load_fd(panel->data_fd, panel->data, &co, d)
                                         : fs_table_load(panel->data, &co, d);
        if (!out->table)
            return false;
    }
    switch (panel->type) {
    case FS_PANEL_BAR:
    case FS_PANEL_PICTOGRAM:
    case FS_PANEL_DONUT:
    case FS_PANEL_LINE:
    case FS_PANEL_AREA:
        return prepare_series(spec, panel, out, d);
    case FS_PANEL_STAT:
        return prepare_stat(spec, panel, out, d);
    case FS_PANEL_TIMELINE:
        return prepare_timeline(spec, panel, out, d);
    case FS_PANEL_TEXT:
    case FS_PANEL_IMAGE:
        return true;
    case FS_PANEL_TABLE:
        return prepare_table(spec, panel, out, d);
    }
    return true;
}

void fs_prepared_clear(fs_prepared *p)
{
    fs_series_data_clear(&p->series);
    fs_table_free(p->table);
    if (p->events)
        g_array_free(p->events, TRUE);
    g_free(p->view.cols);
    g_free(p->view.heads);
    g_free(p->view.numeric);
    g_free(p->view.values);
    memset(p, 0, sizeof *p);
}

fs_prepared *fs_prepare_all(const fs_spec *spec, fs_diag *d)
{
    size_t n = spec->panels->len;
    fs_prepared *all = g_new0(fs_prepared, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        if (!fs_prepare_panel(spec, g_ptr_array_index(spec->panels, i), &all[i], d)) {
            fs_prepared_free(all, i + 1);
            return NULL;
        }
    }
    return all;
}

void fs_prepared_free(fs_prepared *all, size_t n)
{
    if (!all)
        return;
    for (size_t i = 0; i < n; i++)
        fs_prepared_clear(&all[i]);
    g_free(all);
}
