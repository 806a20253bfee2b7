/* Unit tests of the language tables and number formats: dates, numbers
 * and percent signs per language, right-to-left languages, the words the
 * program writes, and the "1,275" number format examples. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lang.h"
#include "opts.h"

#include <glib.h>

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

/* Short dates for a chart's axis: CLDR's abbreviated months and their
 * yMMM / yMMMd order, with and without the year. */
static void test_lang_dates_short(void **state)
{
    (void)state;
    struct {
        const char *lang;
        int y, m, d;
        bool year;
        const char *want;
    } cases[] = {
        {"en", 2023, 1, 0, true, "Jan 2023"},
        {"en", 2023, 9, 5, true, "Sep 5, 2023"},
        {"en", 2023, 2, 0, false, "Feb"},
        {"en", 2023, 2, 14, false, "Feb 14"},
        {NULL, 2023, 12, 0, true, "Dec 2023"},
        {"ru", 2023, 1, 0, true, "янв. 2023"},
        {"ru", 2023, 5, 0, false, "май"},
        {"ru", 2023, 5, 9, true, "9 мая 2023"},
        {"ru_RU", 2023, 2, 1, false, "1 февр."},
        {"az", 2023, 8, 0, true, "avq 2023"},
        {"az", 2023, 8, 31, true, "31 avq 2023"},
        {"ar", 2023, 2, 0, true, "فبراير 2023"},
        {"de", 2023, 3, 0, true, "Mar 2023"}, /* no table: English */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = fs_lang_date_short(cases[i].lang, cases[i].y, cases[i].m, cases[i].d,
                                     cases[i].year);
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
        {"1,275", 1275, -1, "1,275"},
        {"1,275", 613, -1, "613"},
        {"1,275", -8.25, -1, "\u22128.25"},
        {"1 275", 2500, -1, "2 500"},
        {"1.275,5", 12.5, -1, "12,5"},
        {"1275", 1234567, 0, "1234567"},
        {"1,275", 0, -1, "0"},
        {"1,275", 1234567.891, 2, "1,234,567.89"},
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
        cmocka_unit_test(test_lang_dates),
        cmocka_unit_test(test_lang_dates_short),
        cmocka_unit_test(test_lang_numbers),
        cmocka_unit_test(test_numfmt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
