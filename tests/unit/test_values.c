/* Unit tests of values: the one number grammar of key values, lengths and
 * length pairs, the page table and the enum names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "values.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>

static void test_number(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len; /* of the number at the start; 0: none */
        double v;
    } cases[] = {
        {"613", 3, 613},       {"-1.5e3", 6, -1500}, {"+3.5", 4, 3.5},
        {".5", 2, 0.5},        {"5.", 2, 5},         {"-.5", 3, -0.5},
        {"2.5E-3", 6, 0.0025}, {"1e", 1, 1},         {"1e+", 1, 1},
        {"12mm", 2, 12},       {"1e3x2", 3, 1000},   {"0x10", 1, 0},
        {"1,275", 1, 1},       {"1 275", 1, 1},      {"", 0, 0},
        {".", 0, 0},           {"-", 0, 0},          {"+.", 0, 0},
        {"e5", 0, 0},          {"nan", 0, 0},        {"inf", 0, 0},
        {" 1", 0, 0},          {"1e-400", 6, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        double v = -7;
        size_t n = fs_value_number(cases[i].s, &v);
        if (n != cases[i].len || (n && v != cases[i].v))
            fprintf(stderr, "\"%s\": want %zu %g, got %zu %g\n", cases[i].s, cases[i].len,
                    cases[i].v, n, v);
        assert_int_equal(n, cases[i].len);
        if (n)
            assert_true(v == cases[i].v);
    }
    /* too large for a double: +-inf, for a range check to refuse */
    double v;
    assert_int_equal(fs_value_number("1e999", &v), 5);
    assert_true(isinf(v) && v > 0);
    g_autofree char *digits = g_strnfill(400, '9');
    assert_int_equal(fs_value_number(digits, &v), 400);
    assert_true(isinf(v));
    assert_int_equal(fs_value_number("-1e999", &v), 6);
    assert_true(isinf(v) && v < 0);
}

static void test_lengths(void **state)
{
    (void)state;
    double pt, w, h;
    assert_true(fs_parse_length("12", &pt) && pt == 12);
    assert_true(fs_parse_length("12pt", &pt) && pt == 12);
    assert_true(fs_parse_length("1920px", &pt) && pt == 1920);
    assert_true(fs_parse_length("1in", &pt) && pt == 72);
    assert_true(fs_parse_length("2.54cm", &pt) && fabs(pt - 72) < 1e-9);
    assert_true(fs_parse_length("15MM", &pt) && fabs(pt - 42.5197) < 1e-4);
    assert_true(fs_parse_length("+5mm", &pt));
    assert_true(fs_parse_length("1e1mm", &pt) && fabs(pt - 28.3465) < 1e-4);
    static const char *const bad[] = {"",   "0",  "-5mm",      "15 mm", "12em",
                                      "mm", "1e", "5furlongs", "nan",   NULL};
    for (const char *const *s = bad; *s; s++)
        assert_false(fs_parse_length(*s, &pt));
    assert_false(fs_parse_length(NULL, &pt));
    assert_true(fs_parse_length("1e999pt", &pt) && isinf(pt));

    assert_true(fs_parse_length_pair("210x297mm", &w, &h));
    assert_true(fabs(w - 595.2756) < 1e-3 && fabs(h - 841.8898) < 1e-3);
    assert_true(fs_parse_length_pair("8.5inx11in", &w, &h) && w == 612 && h == 792);
    assert_true(fs_parse_length_pair("1920X1080", &w, &h) && w == 1920 && h == 1080);
    assert_true(fs_parse_length_pair("1e3x2e2", &w, &h) && w == 1000 && h == 200);
    static const char *const badpairs[] = {"1920", "0x10",  "10x0", "-1x1", "1x",
                                           "x1",   "1x1x1", "1mmx", NULL};
    for (const char *const *s = badpairs; *s; s++)
        assert_false(fs_parse_length_pair(*s, &w, &h));
}

static void test_pages(void **state)
{
    (void)state;
    double w, h;
    assert_true(fs_parse_page("a4", &w, &h));
    assert_true(w == fs_papers[FS_PAPER_A4].w && h == fs_papers[FS_PAPER_A4].h);
    assert_true(fabs(w - 595.2756) < 1e-9 && fabs(h - 841.8898) < 1e-9);
    assert_true(fs_parse_page("LETTER", &w, &h) && w == 612 && h == 792);
    assert_true(fs_parse_page("Legal", &w, &h) && w == 612 && h == 1008);
    assert_true(fs_parse_page("A3", &w, &h) && w == fs_papers[FS_PAPER_A4].h);
    assert_true(fs_parse_page("A5", &w, &h) && h == fs_papers[FS_PAPER_A4].w);
    assert_true(fs_parse_page("100x200", &w, &h) && w == 100 && h == 200);
    assert_false(fs_parse_page("A6", &w, &h));
    assert_null(fs_paper_find("B5"));
    assert_null(fs_paper_find(NULL));
    for (int i = 0; i < FS_PAPER_COUNT_; i++)
        assert_true(fs_paper_find(fs_papers[i].name) == &fs_papers[i]);
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(fs_opts_pick("vertical", fs_orient_names), FS_ORIENT_VERTICAL);
    assert_int_equal(fs_opts_pick("desc", fs_sort_names), FS_SORT_DESC);
    assert_int_equal(fs_opts_pick("percent", fs_mode_names), FS_MODE_PERCENT);
    assert_int_equal(fs_opts_pick("circle", fs_icon_names), FS_ICON_CIRCLE);
    assert_int_equal(fs_opts_pick("Circle", fs_icon_names), -1);
    assert_int_equal(fs_opts_pick(NULL, fs_icon_names), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
