/* Unit tests of the standalone chart's metadata and the bar chart's alt
 * text (chart.c, panels/bar.c), with the bundled fonts (from
 * $FACTSHEET_FONT_DIR, as make check sets it): alt text and the document's
 * metadata are bounded whatever the data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "chart.h"
#include "fixture.h"
#include "lang.h"
#include "lint.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

/* A chart's series from arrays: one row per label, one series per name,
 * values row by row, the rows (at most 8) on lines 2, 3, ... of t.csv. */
static unsigned long csv_lines[] = {2, 3, 4, 5, 6, 7, 8, 9};
#define SERIES(labels, names, values)                                                           \
    ((fs_series_data){.nrows = G_N_ELEMENTS(labels),                                            \
                      .nseries = G_N_ELEMENTS(names),                                           \
                      .labels = (labels),                                                       \
                      .series_names = (names),                                                  \
                      .values = (values),                                                       \
                      .file = "t.csv",                                                          \
                      .lines = csv_lines})

/* Alt text keeps more of a label than shows, within FS_ALT_PART_MAX, and
 * is at most FS_ALT_MAX characters whatever the data. */
static void test_alt_text_bounded(void **state)
{
    (void)state;
    size_t n = 1u << 20;
    char *huge = g_malloc(n + 1);
    memset(huge, 'x', n);
    huge[n] = '\0';
    const char *labels[] = {huge, "b"};
    const char *names[] = {"count"};
    double values[] = {613, 106};
    fs_series_data s = SERIES(labels, names, values);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = huge;
    o.source = "Article";
    g_autofree char *alt = fs_chart_alt_text(&s, &o);
    assert_true(g_utf8_strlen(alt, -1) <= FS_ALT_MAX + 1);
    g_autofree char *part = g_strndup(huge, FS_ALT_PART_MAX);
    g_autofree char *want =
        g_strdup_printf("%s…. Bar chart: %s… 613; b 106. Source: Article.", part, part);
    assert_string_equal(alt, want);

    /* and the document's metadata */
    fs_doc *doc = fs_doc_new();
    o.title = "T";
    o.alt = huge;
    labels[0] = "a";
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_true(fs_layout_chart(doc, fonts, &s, &o, d));
    assert_int_equal(g_utf8_strlen(doc->desc, -1), FS_ALT_MAX + 1);
    assert_int_equal(g_utf8_strlen(doc->subject, -1), FS_ALT_MAX + 1);
    assert_string_equal(doc->title, "T");
    fs_doc_free(doc);
    g_free(huge);
}

/* The texts of role r on a chart of s drawn with o, joined by "; ", or
 * the diagnostic when the chart fails. Returns a new string. */
static char *chart_texts(const fs_series_data *s, const fs_chart_opts *o, fs_role r)
{
    fs_doc *doc = fs_doc_new();
    g_autoptr(fs_diag) d = fs_diag_new();
    GString *out = g_string_new(NULL);
    if (!fs_layout_chart(doc, fonts, s, o, d)) {
        g_string_append(out, fs_diag_message(d, 0));
    } else {
        fs_page *pg = g_ptr_array_index(doc->pages, 0);
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->kind == FS_ITEM_TEXT && it->role == r)
                g_string_append_printf(out, "%s%s", out->len ? "; " : "", it->text);
        }
    }
    fs_doc_free(doc);
    return g_string_free(out, FALSE);
}

/* Value labels choose their precision from the data, the same for all, and
 * the alt text says the numbers exactly as the labels do. */
static void test_numbers_as_drawn(void **state)
{
    (void)state;
    const char *labels[] = {"Benzene", "Toluene", "Xylene"};
    const char *names[] = {"value"};
    double values[] = {0.0012, 0.0047, 0.00055};
    fs_series_data s = SERIES(labels, names, values);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.unit = "mg/m³";
    g_autofree char *v = chart_texts(&s, &o, FS_ROLE_VALUE);
    assert_string_equal(v, "0.00120 mg/m³; 0.00470 mg/m³; 0.00055 mg/m³");
    g_autofree char *alt = fs_chart_alt_text(&s, &o);
    assert_string_equal(
        alt, "Bar chart: Benzene 0.00120 mg/m³; Toluene 0.00470 mg/m³; Xylene 0.00055 mg/m³.");
    g_autofree char *t = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(t, "0.000; 0.001; 0.002; 0.003; 0.004; 0.005");

    /* decimals = N fixes them; a non-zero value never reads 0 */
    o.decimals = 2;
    g_autofree char *v2 = chart_texts(&s, &o, FS_ROLE_VALUE);
    assert_string_equal(v2, "<0.01 mg/m³; <0.01 mg/m³; <0.01 mg/m³");
    o.decimals = 4;
    g_autofree char *alt4 = fs_chart_alt_text(&s, &o);
    assert_string_equal(
        alt4, "Bar chart: Benzene 0.0012 mg/m³; Toluene 0.0047 mg/m³; Xylene 0.0006 mg/m³.");

    /* billions: compact labels and ticks of the same scale, unless off */
    double big[] = {648125000000, 512300000000, 98000000000};
    s.values = big;
    fs_chart_opts_init(&o);
    o.lang = "ru";
    fs_lang_numfmt("ru", &o.numfmt);
    g_autofree char *b1 = chart_texts(&s, &o, FS_ROLE_VALUE);
    assert_string_equal(b1, "648\u00a0млрд; 512\u00a0млрд; 98\u00a0млрд");
    g_autofree char *b2 = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(b2, "0; 200\u00a0млрд; 400\u00a0млрд; 600\u00a0млрд; 800\u00a0млрд");
    o.compact = FS_COMPACT_OFF;
    g_autofree char *b3 = chart_texts(&s, &o, FS_ROLE_VALUE);
    assert_string_equal(b3, "648\u00a0125\u00a0000\u00a0000; 512\u00a0300\u00a0000\u00a0000; "
                            "98\u00a0000\u00a0000\u00a0000");
}

/* Percent labels of a row add up to 100: 12.6 + 12.6 + 74.8 is not 13 +
 * 13 + 75; and the alt text says the percentages drawn. */
static void test_percent_rows(void **state)
{
    (void)state;
    const char *labels[] = {"North", "South"};
    const char *names[] = {"yes", "no", "abstain"};
    double values[] = {126, 126, 748, 1, 1, 1};
    fs_series_data s = SERIES(labels, names, values);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.mode = FS_MODE_PERCENT;
    o.orient = FS_ORIENT_VERTICAL;
    g_autofree char *v = chart_texts(&s, &o, FS_ROLE_VALUE);
    assert_string_equal(v, "13%; 12%; 75%; 34%; 33%; 33%");
    g_autofree char *alt = fs_chart_alt_text(&s, &o);
    assert_string_equal(alt, "Bar chart of yes, no and abstain: North 13%, 12%, 75%; South 34%, "
                             "33%, 33%.");
}

/* axis_min and axis_max: the axis spans at least them, with the ticks
 * inside; one that leaves out zero or a bar is an error. */
static void test_axis_range(void **state)
{
    (void)state;
    const char *labels[] = {"a", "b"};
    const char *names[] = {"value"};
    double values[] = {613, 106};
    fs_series_data s = SERIES(labels, names, values);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    g_autofree char *t0 = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(t0, "0; 200; 400; 600; 800");
    o.axis_max = 1000;
    g_autofree char *t1 = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(t1, "0; 200; 400; 600; 800; 1,000");
    o.axis_max = 900; /* the axis ends at 900, the ticks stay inside it */
    g_autofree char *t2 = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(t2, "0; 200; 400; 600; 800");
    o.axis_min = -500;
    g_autofree char *t3 = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(t3, "\u2212500; \u2212250; 0; 250; 500; 750");
    struct {
        double lo, hi;
        const char *want;
    } bad[] = {
        {NAN, 500,
         "t.csv: a bar reaches 613, beyond the axis maximum 500; raise the maximum "
         "or leave it out"},
        {10, NAN, "t.csv: the axis minimum 10 leaves out zero, where bars start; use 0 or less"},
        {NAN, -5,
         "t.csv: the axis maximum \u22125 leaves out zero, where bars start; use 0 or "
         "more"},
        {100, 50, "t.csv: the axis minimum 100 is not below its maximum 50"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        o.axis_min = bad[i].lo, o.axis_max = bad[i].hi;
        g_autofree char *e = chart_texts(&s, &o, FS_ROLE_TICK);
        assert_string_equal(e, bad[i].want);
    }
    /* a stack's end counts, not its segments */
    const char *names2[] = {"x", "y"};
    double stacked[] = {400, 300, -50, -60};
    s.series_names = names2, s.nseries = 2, s.values = stacked;
    fs_chart_opts_init(&o);
    o.mode = FS_MODE_STACKED;
    o.axis_max = 650;
    g_autofree char *e = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(e, "t.csv: a bar reaches 700, beyond the axis maximum 650; raise the "
                           "maximum or leave it out");
    o.axis_min = -200, o.axis_max = 700;
    g_autofree char *t4 = chart_texts(&s, &o, FS_ROLE_TICK);
    assert_string_equal(t4, "\u2212200; 0; 200; 400; 600");
}

/* The floor of each medium, and the sizes a chart derives from it. */
static void test_floor_numbers(void **state)
{
    (void)state;
    assert_true(fs_text_floor(false) == 12 && fs_text_floor(true) == 6);
    assert_true(FS_LINT_MIN_PX == FS_MIN_TEXT_PX && FS_LINT_MIN_PT == FS_MIN_TEXT_PT);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    /* 1920x1080: 24 px, the slide minimum, over the 12 px floor; body 26 px */
    assert_true(fabs(fs_chart_min_text(&o) - 24) < 1e-9);
    assert_true(fabs(fs_chart_base_size(&o) - 26) < 1e-9);
    /* 800x450: the floor, not 10 px; the body 12 px, not 10.8 */
    o.width = 800, o.height = 450;
    assert_true(fs_chart_min_text(&o) == 12);
    assert_true(fs_chart_base_size(&o) == 12);
    /* a PDF page of A5 landscape: sizes in pt, the slide rule over 6 pt */
    o.print = true, o.width = 595.2756, o.height = 419.5276;
    assert_true(fs_chart_min_text(&o) > 6 && fs_chart_min_text(&o) < 8);
    /* a panel on the sheet: its base size, floored */
    o.base_size = 5;
    assert_true(fs_chart_min_text(&o) == 6 && fs_chart_base_size(&o) == 6);
}

/* Lays out a chart of three rows and two series at w x h (print: a PDF
 * page) and returns the smallest text that is not a value label (value
 * labels are sized with the bars' thickness in bar.c). */
static double smallest_text(double w, double h, bool print, size_t *ntexts)
{
    const char *labels[] = {"Women", "Children", "Elderly people"};
    const char *names[] = {"killed", "injured"};
    double values[] = {106, 40, 63, 22, 70, 31};
    fs_series_data s = SERIES(labels, names, values);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = "Among the 613 people killed";
    o.subtitle = "Women, children and elderly people";
    o.source = "Article";
    o.note = "Figures as reported";
    o.width = w, o.height = h, o.print = print;
    fs_doc *doc = fs_doc_new();
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_true(fs_layout_chart(doc, fonts, &s, &o, d));
    double least = INFINITY;
    *ntexts = 0;
    fs_page *pg = g_ptr_array_index(doc->pages, 0);
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind != FS_ITEM_TEXT || it->role == FS_ROLE_VALUE)
            continue;
        const PangoFontDescription *fd = pango_layout_get_font_description(it->layout);
        least = fmin(least, (double)pango_font_description_get_size(fd) / PANGO_SCALE);
        ++*ntexts;
    }
    fs_doc_free(doc);
    return least;
}

/* --size 800x450 drew body text of 10.8 px and ticks of 10 px, under lint's
 * own 12 px: now no title, subtitle, tick, label, legend, note or source is
 * under the floor of its medium, on any canvas. */
static void test_floor_kept(void **state)
{
    (void)state;
    static const double screens[][2] = {{800, 450}, {400, 300}, {960, 540}, {3720, 499}};
    size_t n;
    for (size_t k = 0; k < G_N_ELEMENTS(screens); k++) {
        double least = smallest_text(screens[k][0], screens[k][1], false, &n);
        assert_true(n >= 10);
        assert_true(least >= FS_MIN_TEXT_PX - 1e-9);
    }
    /* PDF pages, in pt: A5 and A4 landscape */
    assert_true(smallest_text(595.2756, 419.5276, true, &n) >= FS_MIN_TEXT_PT - 1e-9);
    assert_true(smallest_text(841.8898, 595.2756, true, &n) >= FS_MIN_TEXT_PT - 1e-9);
}

/* lint checks the chart at the size and medium it is given (`lint --size`):
 * 800x450 on a screen has no text under 12 px but for value labels. */
static void test_lint_at_size(void **state)
{
    (void)state;
    const char *labels[] = {"Women", "Children", "Elderly people"};
    const char *names[] = {"count"};
    double values[] = {106, 63, 70};
    fs_series_data s = SERIES(labels, names, values);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = "Killed";
    o.source = "Article";
    o.width = 800, o.height = 450;
    g_autoptr(fs_lint) L = fs_lint_new();
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_true(fs_lint_chart(L, &s, &o, fonts, d));
    for (size_t i = 0; i < fs_lint_count(L); i++) {
        const char *m = fs_lint_message(L, i);
        if (strstr(m, "text of"))
            assert_non_null(strstr(m, ": value "));
    }
    /* the same chart as a PDF page is checked in pt: an A5 page is clean */
    o.print = true, o.width = 595.2756, o.height = 419.5276;
    g_autoptr(fs_lint) P = fs_lint_new();
    assert_true(fs_lint_chart(P, &s, &o, fonts, d));
    for (size_t i = 0; i < fs_lint_count(P); i++)
        assert_null(strstr(fs_lint_message(P, i), "text of"));
}

/* A missing value (NAN, --missing) leaves an empty slot labelled "no data"
 * in the language, sorted last; the axis ignores it; the alt text says it. */
static void test_missing_values(void **state)
{
    (void)state;
    const char *labels[] = {"a", "b", "c", "d"};
    const char *names[] = {"value"};
    fs_chart_opts o;
    {
        double values[] = {12, NAN, 30, NAN};
        fs_series_data s = SERIES(labels, names, values);
        fs_chart_opts_init(&o);
        o.sort = FS_SORT_DESC;
        g_autofree char *v = chart_texts(&s, &o, FS_ROLE_VALUE);
        assert_string_equal(v, "30; 12; no data; no data");
        g_autofree char *t = chart_texts(&s, &o, FS_ROLE_TICK);
        assert_string_equal(t, "0; 5; 10; 15; 20; 25; 30");
        o.sort = FS_SORT_ASC;
        g_autofree char *asc = chart_texts(&s, &o, FS_ROLE_VALUE);
        assert_string_equal(asc, "12; 30; no data; no data");
        g_autofree char *alt = fs_chart_alt_text(&s, &o);
        assert_string_equal(alt, "Bar chart: a 12; b no data; c 30; d no data.");
        o.lang = "ru";
        g_autofree char *ru = fs_chart_alt_text(&s, &o);
        assert_string_equal(ru, "Bar chart: a 12; b нет данных; c 30; d нет данных.");
    }
    /* several series: a missing part is left out of a stack and its total;
     * a row with no value at all gets one "no data" */
    const char *names2[] = {"x", "y"};
    {
        double values[] = {4, NAN, NAN, NAN, 2, 3, 1, 1};
        fs_series_data s2 = SERIES(labels, names2, values);
        fs_chart_opts_init(&o);
        o.mode = FS_MODE_STACKED;
        g_autofree char *st = chart_texts(&s2, &o, FS_ROLE_VALUE);
        assert_string_equal(st, "4; 4; no data; 2; 3; 5; 1; 1; 2");
        o.mode = FS_MODE_PERCENT;
        g_autofree char *pct = fs_chart_alt_text(&s2, &o);
        assert_string_equal(pct, "Bar chart of x and y: a 100%, no data; b no data, no data; "
                                 "c 40%, 60%; d 50%, 50%.");
    }
    for (const char *const *l = (const char *const[]){"en", "az", "ru", "ar", NULL}; *l; l++) {
        g_autofree char *w = fs_lang_text(*l, FS_STR_NO_DATA, NULL, NULL);
        assert_true(*w && !strchr(w, '%'));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alt_text_bounded),
        cmocka_unit_test(test_missing_values),
        cmocka_unit_test(test_numbers_as_drawn),
        cmocka_unit_test(test_percent_rows),
        cmocka_unit_test(test_axis_range),
        cmocka_unit_test(test_floor_numbers),
        cmocka_unit_test(test_floor_kept),
        cmocka_unit_test(test_lint_at_size),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
