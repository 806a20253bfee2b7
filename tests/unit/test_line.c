/* Unit tests of the line and area chart (panels/line.c), with the bundled
 * fonts: a missing value breaks the line, names at the end never overlap,
 * lines need not start at zero while areas do, right to left mirrors the
 * time axis, and the alt text summarises each series. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "chart.h"
#include "fixture.h"

#include <math.h>
#include <string.h>

static unsigned long csv_lines[64];

static fs_series_data series(const char **labels, size_t n, const char **names, size_t ns,
                             double *values)
{
    for (size_t i = 0; i < G_N_ELEMENTS(csv_lines); i++)
        csv_lines[i] = i + 2;
    return (fs_series_data){.nrows = n,
                            .nseries = ns,
                            .labels = labels,
                            .series_names = names,
                            .values = values,
                            .file = "t.csv",
                            .lines = csv_lines};
}

static fs_doc *draw(const fs_series_data *s, const fs_chart_opts *o)
{
    fs_doc *doc = fs_doc_new();
    g_autoptr(fs_diag) d = fs_diag_new();
    if (!fs_layout_chart(doc, fonts, s, o, d)) {
        fail_msg("%s", fs_diag_message(d, 0));
    }
    return doc;
}

static fs_page *page0(fs_doc *doc)
{
    return g_ptr_array_index(doc->pages, 0);
}

static size_t count_paths(fs_page *pg, bool closed)
{
    size_t n = 0;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        n += it->kind == FS_ITEM_PATH && it->closed == closed;
    }
    return n;
}

static const char *months12[] = {"2022-01", "2022-02", "2022-03", "2022-04",
                                 "2022-05", "2022-06", "2022-07", "2022-08",
                                 "2022-09", "2022-10", "2022-11", "2022-12"};

/* A missing value (NaN) breaks the line in two; never one line across. A
 * point alone between gaps gets a marker. */
static void test_gap(void **state)
{
    (void)state;
    const char *names[] = {"A"};
    double v[12] = {1, 2, 3, 4, 5, NAN, 7, 8, 9, 10, 11, 12};
    fs_series_data s = series(months12, 12, names, 1, v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.type = FS_CHART_LINE;
    fs_doc *doc = draw(&s, &o);
    assert_int_equal(count_paths(page0(doc), false), 2);
    fs_doc_free(doc);
    double w[12] = {1, 2, 3, 4, NAN, 6, NAN, 8, 9, 10, 11, 12};
    s.values = w;
    doc = draw(&s, &o);
    fs_page *pg = page0(doc);
    assert_int_equal(count_paths(pg, false), 2);
    size_t icons = 0;
    for (guint i = 0; i < pg->items->len; i++)
        icons += g_array_index(pg->items, fs_item, i).kind == FS_ITEM_ICON;
    assert_int_equal(icons, 1);
    fs_doc_free(doc);
    /* an area: two polygons */
    o.type = FS_CHART_AREA;
    s.values = v;
    doc = draw(&s, &o);
    assert_int_equal(count_paths(page0(doc), true), 2);
    fs_doc_free(doc);
}

/* The lowest tick of a line's axis need not be zero; an area's is. */
static void test_axis_range(void **state)
{
    (void)state;
    const char *names[] = {"A"};
    double v[12] = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112};
    fs_series_data s = series(months12, 12, names, 1, v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    for (int type = FS_CHART_LINE; type <= FS_CHART_AREA; type++) {
        o.type = (fs_chart_type)type;
        fs_doc *doc = draw(&s, &o);
        fs_page *pg = page0(doc);
        bool zero = false;
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->kind == FS_ITEM_TEXT && it->role == FS_ROLE_TICK && !strcmp(it->text, "0"))
                zero = true;
        }
        assert_true(zero == (type == FS_CHART_AREA));
        fs_doc_free(doc);
    }
    /* axis_min above the data is a range's end for a line */
    o.type = FS_CHART_LINE;
    o.axis_min = 90;
    fs_doc *doc = draw(&s, &o);
    fs_doc_free(doc);
}

/* Six series ending on the same value: their names are moved apart and
 * none overlaps another or leaves the page. */
static void test_names_apart(void **state)
{
    (void)state;
    const char *names[] = {"North", "South", "East", "West", "Centre", "Islands"};
    double v[12 * 6];
    for (size_t i = 0; i < 12; i++)
        for (size_t k = 0; k < 6; k++)
            v[i * 6 + k] = i == 11 ? 50 : (double)(i * k);
    fs_series_data s = series(months12, 12, names, 6, v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.type = FS_CHART_LINE;
    o.width = 800, o.height = 450;
    o.labels = FS_MARK_ALL;
    fs_doc *doc = draw(&s, &o);
    fs_page *pg = page0(doc);
    size_t legends = 0;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *a = &g_array_index(pg->items, fs_item, i);
        if (a->kind != FS_ITEM_TEXT)
            continue;
        legends += a->role == FS_ROLE_LEGEND;
        assert_true(a->x >= 0 && a->y >= 0 && a->x + a->w <= pg->width + 0.05 &&
                    a->y + a->h <= pg->height + 0.05);
        for (guint j = i + 1; j < pg->items->len; j++) {
            const fs_item *b = &g_array_index(pg->items, fs_item, j);
            if (b->kind != FS_ITEM_TEXT)
                continue;
            double ox = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
            double oy = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
            assert_false(ox > 0.5 && oy > 0.5);
        }
    }
    assert_int_equal(legends, 6);
    fs_doc_free(doc);
}

/* Right to left, time runs from the right: January's label stands right
 * of December's, and the names stand at the left end. */
static void test_rtl(void **state)
{
    (void)state;
    const char *names[] = {"A", "B"};
    double v[24];
    for (size_t i = 0; i < 24; i++)
        v[i] = (double)i;
    fs_series_data s = series(months12, 12, names, 2, v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.type = FS_CHART_LINE;
    o.lang = "ar", o.rtl = true;
    fs_doc *doc = draw(&s, &o);
    fs_page *pg = page0(doc);
    double first = -1, last = -1, name = -1;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind != FS_ITEM_TEXT)
            continue;
        if (it->role == FS_ROLE_LABEL && first < 0)
            first = it->x;
        if (it->role == FS_ROLE_LABEL)
            last = it->x;
        if (it->role == FS_ROLE_LEGEND)
            name = it->x;
    }
    assert_true(first > last);
    assert_true(name >= 0 && name < pg->width / 4);
    fs_doc_free(doc);
}

/* The alt text: the type, the span of time, each series from its first to
 * its last value with its highest; a missing value counted. */
static void test_alt(void **state)
{
    (void)state;
    const char *names[] = {"Exports", "Imports"};
    double v[24];
    for (size_t i = 0; i < 12; i++)
        v[2 * i] = (double)(10 + i), v[2 * i + 1] = i == 4 ? 99 : 5;
    v[2 * 7 + 1] = NAN;
    fs_series_data s = series(months12, 12, names, 2, v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.type = FS_CHART_LINE;
    o.title = "Trade";
    o.source = "Office";
    g_autofree char *alt = fs_line_alt_text(&s, &o);
    assert_string_equal(alt, "Trade. Line chart, 2022-01 to 2022-12: Exports from 10 to 21 "
                             "(highest 21 in 2022-12); Imports from 5 to 5 (highest 99 in "
                             "2022-05), 1 missing. Source: Office.");
    o.type = FS_CHART_AREA;
    o.mode = FS_MODE_STACKED;
    o.title = NULL, o.source = NULL;
    g_autofree char *alt2 = fs_line_alt_text(&s, &o);
    assert_true(g_str_has_prefix(alt2, "Stacked area chart, 2022-01 to 2022-12: "));
}

/* Stacked areas refuse a negative value, naming its row; lines refuse
 * mode stacked. */
static void test_refusals(void **state)
{
    (void)state;
    const char *names[] = {"A", "B"};
    double v[24];
    for (size_t i = 0; i < 24; i++)
        v[i] = i == 5 ? -1 : 1;
    fs_series_data s = series(months12, 12, names, 2, v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.type = FS_CHART_AREA;
    o.mode = FS_MODE_STACKED;
    fs_doc *doc = fs_doc_new();
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_false(fs_layout_chart(doc, fonts, &s, &o, d));
    assert_non_null(strstr(fs_diag_message(d, 0), "row 3 has a negative value"));
    fs_doc_free(doc);
    o.type = FS_CHART_LINE;
    doc = fs_doc_new();
    g_autoptr(fs_diag) d2 = fs_diag_new();
    assert_false(fs_layout_chart(doc, fonts, &s, &o, d2));
    assert_non_null(strstr(fs_diag_message(d2, 0), "line chart takes mode grouped"));
    fs_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap),        cmocka_unit_test(test_axis_range),
        cmocka_unit_test(test_names_apart), cmocka_unit_test(test_rtl),
        cmocka_unit_test(test_alt),        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
