/* Unit tests of the arithmetic behind pages and charts: pictogram icon
 * allocation (largest remainder, exact totals, partial icon), ISO dates,
 * nice ticks and number formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lang.h"
#include "layout.h"
#include "opts.h"
#include "page.h"

#include <math.h>
#include <string.h>

static void test_pictogram_exact(void **state)
{
    (void)state;
    double v[] = {25, 130};
    long counts[2];
    double partial;
    size_t owner;
    bool changed = fs_pictogram_alloc(v, 2, 5, counts, &partial, &owner);
    assert_false(changed);
    assert_int_equal(counts[0], 5);
    assert_int_equal(counts[1], 26);
    assert_true(partial == 0);
}

static void test_pictogram_largest_remainder(void **state)
{
    (void)state;
    /* 3 x 33.4 = 100.2 units at 10 per icon: 10.02 icons. Quotas 3.34 each:
     * floors give 9, the 10th whole icon goes to the first largest remainder,
     * and 0.02 of an icon is left as a partial icon. */
    double v[] = {33.4, 33.4, 33.4};
    long counts[3];
    double partial;
    size_t owner;
    bool changed = fs_pictogram_alloc(v, 3, 10, counts, &partial, &owner);
    assert_true(changed);
    assert_int_equal(counts[0] + counts[1] + counts[2], 10);
    assert_int_equal(counts[0], 4);
    assert_int_equal(counts[1], 3);
    assert_int_equal(counts[2], 3);
    assert_true(fabs(partial - 0.02) < 1e-9);
    assert_int_equal(owner, 1);
}

static void test_pictogram_partial_single(void **state)
{
    (void)state;
    double v[] = {613};
    long counts[1];
    double partial;
    size_t owner;
    bool changed = fs_pictogram_alloc(v, 1, 10, counts, &partial, &owner);
    assert_false(changed); /* 61 whole icons and 0.3 of one: exact */
    assert_int_equal(counts[0], 61);
    assert_true(fabs(partial - 0.3) < 1e-9);
    assert_int_equal(owner, 0);
}

static void test_pictogram_totals(void **state)
{
    (void)state;
    /* whole icons always add up to floor(total / per) */
    double v[] = {7, 7, 7, 7, 7, 7, 7};
    long counts[7];
    double partial;
    size_t owner;
    fs_pictogram_alloc(v, 7, 3, counts, &partial, &owner);
    long sum = 0;
    for (int i = 0; i < 7; i++)
        sum += counts[i];
    assert_int_equal(sum, 16); /* 49 / 3 = 16.33 */
    assert_true(fabs(partial - 1.0 / 3) < 1e-9);
}

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
    const char *bad[] = {"1992-02-30", "2023-13", "92", "1992/02/25", "1992-2-5", "", "2023-02-29x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(fs_parse_iso_date(bad[i], &y, &m, &d));
}

static void test_lang_dates(void **state)
{
    (void)state;
    struct {
        const char *lang;
        int y, m, d;
        const char *want;
    } cases[] = {
        {"en", 2023, 2, 26, "26 February 2023"},
        {"en", 2012, 1, 0, "January 2012"},
        {"en", 1994, 0, 0, "1994"},
        {NULL, 1992, 2, 25, "25 February 1992"},
        {"az", 2023, 2, 26, "26 fevral 2023"},
        {"az", 2012, 1, 0, "yanvar 2012"},
        {"ru", 2023, 2, 26, "26 февраля 2023\u00a0г."},
        {"ru", 2012, 1, 0, "январь 2012\u00a0г."},
        {"ru_RU", 1994, 0, 0, "1994\u00a0г."},
        {"ar", 2023, 2, 26, "26 فبراير 2023"},
        {"de", 2023, 2, 26, "26 February 2023"}, /* no table: English */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = fs_lang_date(cases[i].lang, cases[i].y, cases[i].m, cases[i].d);
        assert_string_equal(s, cases[i].want);
        g_free(s);
    }
}

static void test_lang_numbers(void **state)
{
    (void)state;
    struct {
        const char *lang;
        double v;
        int dec;
        const char *want;
    } cases[] = {
        {"en", 1275, -1, "1,275"},
        {"en", -8.25, -1, "\u22128.25"},
        {"en", 0, -1, "0"},
        {"en", 1234567.5, -1, "1,234,567.5"},
        {"az", 1275, -1, "1\u00a0275"},
        {"az", 12.5, -1, "12,5"},
        {"az", -1275.75, -1, "\u22121\u00a0275,75"},
        {"ru", 2500, -1, "2\u00a0500"},
        {"ru", 0.5, -1, "0,5"},
        {"ru", 1e6, -1, "1\u00a0000\u00a0000"},
        {"ar", 1275, -1, "1,275"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fs_numfmt f;
        fs_lang_numfmt(cases[i].lang, &f);
        char *s = fs_numfmt_format(&f, cases[i].v, cases[i].dec);
        assert_string_equal(s, cases[i].want);
        g_free(s);
    }
    char *p = fs_lang_percent("en", "45");
    assert_string_equal(p, "45%");
    g_free(p);
    p = fs_lang_percent("az", "45");
    assert_string_equal(p, "45%");
    g_free(p);
    p = fs_lang_percent("ru", "45");
    assert_string_equal(p, "45\u00a0%");
    g_free(p);
    assert_true(fs_lang_is_rtl("ar"));
    assert_true(fs_lang_is_rtl("he_IL"));
    assert_false(fs_lang_is_rtl("az"));
    assert_false(fs_lang_is_rtl(NULL));
    char *t = fs_lang_text("ru", FS_STR_ICON_KEY, "5", "детей");
    assert_string_equal(t, "1 значок = 5 детей");
    g_free(t);
    t = fs_lang_text("en", FS_STR_SOURCE, "The article", NULL);
    assert_string_equal(t, "Source: The article");
    g_free(t);
}

static void test_nice_ticks(void **state)
{
    (void)state;
    struct {
        double lo, hi;
    } cases[] = {{0, 1275}, {0, 0}, {-15, 12.5}, {0, 1e308}, {0, 1.5e308}, {0, 1e-300},
                 {-1e308, 1e308}, {5, 5}, {-3, -3}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double t[16], step;
        int n = fs_nice_ticks(cases[i].lo, cases[i].hi, t, &step);
        assert_true(n >= 2 && n <= 16);
        assert_true(isfinite(step) && step > 0);
        for (int k = 0; k < n; k++)
            assert_true(isfinite(t[k]));
        assert_true(t[0] <= fmin(cases[i].lo, 0) + fabs(step) * 1e-6 || cases[i].lo > 0);
    }
    double t[16], step;
    int n = fs_nice_ticks(0, 1275, t, &step);
    assert_true(n >= 4 && n <= 7);
    assert_true(t[n - 1] >= 1275);
}

static void test_numfmt(void **state)
{
    (void)state;
    fs_numfmt f;
    fs_numfmt_default(&f);
    struct {
        const char *ex;
        double v;
        int dec;
        const char *want;
    } cases[] = {
        {"1,275", 1275, -1, "1,275"},       {"1,275", 613, -1, "613"},
        {"1,275", -8.25, -1, "\u22128.25"}, {"1 275", 2500, -1, "2 500"},
        {"1.275,5", 12.5, -1, "12,5"},      {"1275", 1234567, 0, "1234567"},
        {"1,275", 0, -1, "0"},              {"1,275", 1234567.891, 2, "1,234,567.89"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_true(fs_numfmt_parse(cases[i].ex, &f));
        char *s = fs_numfmt_format(&f, cases[i].v, cases[i].dec);
        assert_string_equal(s, cases[i].want);
        g_free(s);
    }
    assert_false(fs_numfmt_parse("12,75", &f));
    assert_false(fs_numfmt_parse("1,,275", &f));
    assert_false(fs_numfmt_parse("1.275.5", &f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pictogram_exact),    cmocka_unit_test(test_pictogram_largest_remainder),
        cmocka_unit_test(test_pictogram_partial_single), cmocka_unit_test(test_pictogram_totals),
        cmocka_unit_test(test_iso_dates),          cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_numfmt),            cmocka_unit_test(test_lang_dates),
        cmocka_unit_test(test_lang_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
