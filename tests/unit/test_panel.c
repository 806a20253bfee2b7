/* Unit tests of the panel registry: one row per panel type, the flags the
 * sheet and the slides read from it, and the alternate text the rows write
 * (a spec's alt first). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "panels/panel.h"

#include <glib.h>
#include <string.h>

static void test_registry(void **state)
{
    (void)state;
    static const char *const names[] = {"bar",   "stat",  "pictogram", "timeline", "text",
                                         "image", "donut", "line",      "area",     "table"};
    for (int t = FS_PANEL_BAR; t <= FS_PANEL_TABLE; t++) {
        const fs_panel_kind *k = fs_panel_kind_of((fs_panel_type)t);
        assert_int_equal(k->type, t);
        assert_string_equal(k->name, names[t]);
        assert_non_null(k->body);
        assert_non_null(k->alt);
    }
    /* charts, pictograms and timelines are Figures; only the bar chart has
     * a chart page for its slide; text and timelines keep a reading size */
    assert_true(fs_panel_kind_of(FS_PANEL_BAR)->figure);
    assert_true(fs_panel_kind_of(FS_PANEL_PICTOGRAM)->figure);
    assert_true(fs_panel_kind_of(FS_PANEL_TIMELINE)->figure);
    assert_false(fs_panel_kind_of(FS_PANEL_STAT)->figure);
    assert_false(fs_panel_kind_of(FS_PANEL_TEXT)->figure);
    assert_non_null(fs_panel_kind_of(FS_PANEL_BAR)->chart);
    assert_null(fs_panel_kind_of(FS_PANEL_STAT)->chart);
    assert_true(fs_panel_kind_of(FS_PANEL_TEXT)->prose);
    assert_true(fs_panel_kind_of(FS_PANEL_TIMELINE)->prose);
    assert_false(fs_panel_kind_of(FS_PANEL_BAR)->prose);
    /* issue 16: a picture and a donut are Figures, with a body of their own */
    static const struct {
        fs_panel_type t;
        const char *name;
    } media[] = {{FS_PANEL_IMAGE, "image"}, {FS_PANEL_DONUT, "donut"}};
    for (size_t i = 0; i < G_N_ELEMENTS(media); i++) {
        const fs_panel_kind *k = fs_panel_kind_of(media[i].t);
        assert_int_equal(k->type, media[i].t);
        assert_string_equal(k->name, media[i].name);
        assert_true(k->figure);
        assert_null(k->chart);
        assert_non_null(k->body);
        assert_non_null(k->alt);
    }
    /* a table is tagged as a Table, not a Figure, and only it splits */
    assert_false(fs_panel_kind_of(FS_PANEL_TABLE)->figure);
    assert_true(fs_panel_kind_of(FS_PANEL_TABLE)->split_rows);
    assert_false(fs_panel_kind_of(FS_PANEL_BAR)->split_rows);
}

static void test_alt(void **state)
{
    (void)state;
    fs_spec spec = {.source = "The census"};
    fs_numfmt_default(&spec.numfmt);
    fs_panel pn = {.id = "killed",
                   .type = FS_PANEL_STAT,
                   .title = "Killed",
                   .unit = "people",
                   .caption = "in one night"};
    fs_prepared p = {.panel = &pn, .stat = 613};
    g_autofree char *a = fs_panel_alt(&spec, &p);
    assert_string_equal(a, "Killed. 613 people in one night. Source: The census.");
    pn.alt = "Written by hand.";
    g_autofree char *b = fs_panel_alt(&spec, &p);
    assert_string_equal(b, "Written by hand.");

    /* a stat's number as given, however small (not "0.00") */
    p.stat = 0.0012;
    pn.alt = NULL;
    g_autofree char *tiny = fs_panel_alt(&spec, &p);
    assert_string_equal(tiny, "Killed. 0.0012 people in one night. Source: The census.");

    /* a bar panel's alt is the chart's sentence, its numbers as the labels
     * write them */
    const char *labels[] = {"a", "b"}, *names[] = {"n"};
    double values[] = {1275, 8.5};
    fs_panel bar = {.id = "b", .type = FS_PANEL_BAR, .title = "Bars"};
    fs_prepared pb = {
        .panel = &bar,
        .series = {
            .nrows = 2, .nseries = 1, .labels = labels, .series_names = names, .values = values}};
    g_autofree char *c = fs_panel_alt(&spec, &pb);
    assert_string_equal(c, "Bars. Bar chart: a 1,275.0; b 8.5. Source: The census.");
    bar.unit = "mg/m³";
    double tiny_values[] = {0.0012, 0.00055};
    pb.series.values = tiny_values;
    g_autofree char *d = fs_panel_alt(&spec, &pb);
    assert_string_equal(d,
                        "Bars. Bar chart: a 0.00120 mg/m³; b 0.00055 mg/m³. Source: The census.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_alt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
