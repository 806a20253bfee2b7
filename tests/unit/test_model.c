/* Unit tests of the model stage: ISO dates and series data taken from a
 * table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static void test_iso_dates(void **state)
{
    (void)state;
    int y, m, d;
    assert_true(fs_parse_iso_date("1992-02-25", &y, &m, &d));
    assert_int_equal(y, 1992);
    assert_int_equal(m, 2);
    assert_int_equal(d, 25);
    assert_true(fs_parse_iso_date("1994", &y, &m, &d));
    assert_int_equal(m, 0);
    assert_true(fs_parse_iso_date("2012-01", &y, &m, &d));
    assert_int_equal(d, 0);
    const char *bad[] = {"1992-02-30", "2023-13", "92",         "1992/02/25",
                         "1992-2-5",   "",        "2023-02-29x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(fs_parse_iso_date(bad[i], &y, &m, &d));
}

static void test_series_from_table(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    static const char csv[] = "group,men,women\nA,10,12.5\nB,3,4\n";
    fs_csv_opts co = {0};
    fs_table *t = fs_table_load_buffer("t.csv", csv, sizeof csv - 1, &co, d);
    assert_non_null(t);
    const char *vals[] = {"men", "women", NULL};
    fs_series_data s;
    assert_true(fs_series_data_from_table(t, "group", vals, &s, d));
    assert_int_equal(s.nrows, 2);
    assert_int_equal(s.nseries, 2);
    assert_string_equal(s.labels[1], "B");
    assert_string_equal(s.series_names[1], "women");
    assert_true(s.values[1] == 12.5 && s.values[2] == 3);
    assert_int_equal(s.lines[0], 2);
    assert_string_equal(s.file, "t.csv");
    fs_series_data_clear(&s);
    assert_null(s.values);
    /* a missing column and no value column are errors, and leave nothing */
    const char *missing[] = {"children", NULL};
    assert_false(fs_series_data_from_table(t, "group", missing, &s, d));
    assert_null(s.values);
    const char *none[] = {NULL};
    assert_false(fs_series_data_from_table(t, "group", none, &s, d));
    assert_int_equal(fs_diag_count(d), 2);
    fs_table_free(t);

    /* --missing: NAN for a bar chart, refused naming the cell otherwise */
    static const char mcsv[] = "group,men\nA,n/a\nB,3\n";
    co.missing = "n/a";
    g_autoptr(fs_diag) d2 = fs_diag_new();
    t = fs_table_load_buffer("m.csv", mcsv, sizeof mcsv - 1, &co, d2);
    assert_non_null(t);
    const char *men[] = {"men", NULL};
    assert_true(fs_series_data_from_table_nan(t, "group", men, &s, d2));
    assert_true(isnan(s.values[0]) && s.values[1] == 3);
    fs_series_data_clear(&s);
    assert_false(fs_series_data_from_table(t, "group", men, &s, d2));
    assert_int_equal(fs_diag_count(d2), 1);
    assert_non_null(strstr(fs_diag_message(d2, 0), "m.csv:2:3: \"n/a\" in column \"men\""));
    fs_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_dates),
        cmocka_unit_test(test_series_from_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
