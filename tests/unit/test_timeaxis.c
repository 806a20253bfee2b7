/* Unit tests of the time axis (timeaxis.c): which labels are dates, the
 * calendar ticks of each step and their labels in en, az, ru and ar. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "timeaxis.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static fs_time_form form_of(const char *const *labels, size_t n)
{
    double t[8];
    return fs_time_read(labels, n, t);
}

/* All YYYY, all YYYY-MM or all YYYY-MM-DD are dates; mixed forms, a date
 * that does not exist or any other text are categories. */
static void test_read_forms(void **state)
{
    (void)state;
    const char *years[] = {"2021", "2022", "2024"};
    const char *months[] = {"2021-01", "2021-02", "2022-12"};
    const char *days[] = {"2024-02-29", "2024-03-01"};
    const char *mixed[] = {"2021", "2021-02"};
    const char *bad[] = {"2023-02-29", "2023-03-01"};
    const char *words[] = {"2021-01", "January"};
    const char *month13[] = {"2021-13"};
    const char *longer[] = {"2021-01-01T00"};
    assert_int_equal(form_of(years, 3), FS_TIME_YEAR);
    assert_int_equal(form_of(months, 3), FS_TIME_MONTH);
    assert_int_equal(form_of(days, 2), FS_TIME_DAY);
    assert_int_equal(form_of(mixed, 2), FS_TIME_NONE);
    assert_int_equal(form_of(bad, 2), FS_TIME_NONE);
    assert_int_equal(form_of(words, 2), FS_TIME_NONE);
    assert_int_equal(form_of(month13, 1), FS_TIME_NONE);
    assert_int_equal(form_of(longer, 1), FS_TIME_NONE);
    /* days apart as the calendar says: 2024 is a leap year */
    double t[2];
    assert_int_equal(fs_time_read(days, 2, t), FS_TIME_DAY);
    assert_true(t[1] - t[0] == 1);
    const char *two[] = {"2023-01", "2024-01"};
    assert_int_equal(fs_time_read(two, 2, t), FS_TIME_MONTH);
    assert_true(t[1] - t[0] == 365);
}

/* Steps never finer than the data's form, finest first. */
static void test_steps(void **state)
{
    (void)state;
    fs_time_step s[24];
    int n = fs_time_steps(FS_TIME_MONTH, s);
    assert_int_equal(s[0].unit, FS_STEP_MONTH);
    assert_int_equal(s[0].count, 1);
    assert_int_equal(s[1].count, 3);
    assert_int_equal(s[3].unit, FS_STEP_YEAR);
    assert_int_equal(s[n - 1].unit, FS_STEP_YEAR);
    n = fs_time_steps(FS_TIME_YEAR, s);
    for (int i = 0; i < n; i++)
        assert_int_equal(s[i].unit, FS_STEP_YEAR);
    assert_int_equal(s[2].count, 5);
    n = fs_time_steps(FS_TIME_DAY, s);
    assert_int_equal(s[0].unit, FS_STEP_DAY);
}

/* Quarters of a 36-month series fall on January, April, July and October;
 * years divisible by the count; days of the month never closer than the
 * step across a month's end. */
static void test_ticks(void **state)
{
    (void)state;
    const char *ends[] = {"2021-01", "2023-12"};
    double t[2], ticks[64];
    assert_int_equal(fs_time_read(ends, 2, t), FS_TIME_MONTH);
    int n = fs_time_ticks(t[0], t[1], (fs_time_step){FS_STEP_MONTH, 3}, ticks, 64);
    assert_int_equal(n, 12);
    for (int i = 0; i < n; i++) {
        int y, m, d;
        fs_time_ymd(ticks[i], &y, &m, &d);
        assert_int_equal(d, 1);
        assert_int_equal((m - 1) % 3, 0);
        assert_int_equal(y, 2021 + i / 4);
    }
    assert_int_equal(fs_time_ticks(t[0], t[1], (fs_time_step){FS_STEP_MONTH, 1}, ticks, 64), 36);
    /* too many for the room given */
    assert_int_equal(fs_time_ticks(t[0], t[1], (fs_time_step){FS_STEP_MONTH, 1}, ticks, 10), -1);
    n = fs_time_ticks(t[0], t[1], (fs_time_step){FS_STEP_YEAR, 2}, ticks, 64);
    assert_int_equal(n, 1); /* 2022 */
    const char *years[] = {"1987", "2031"};
    assert_int_equal(fs_time_read(years, 2, t), FS_TIME_YEAR);
    n = fs_time_ticks(t[0], t[1], (fs_time_step){FS_STEP_YEAR, 10}, ticks, 64);
    assert_int_equal(n, 5); /* 1990 … 2030 */
    int y, m, d;
    fs_time_ymd(ticks[0], &y, &m, &d);
    assert_int_equal(y, 1990);
    const char *feb[] = {"2023-01-20", "2023-03-10"};
    assert_int_equal(fs_time_read(feb, 2, t), FS_TIME_DAY);
    n = fs_time_ticks(t[0], t[1], (fs_time_step){FS_STEP_DAY, 7}, ticks, 64);
    for (int i = 1; i < n; i++)
        assert_true(ticks[i] - ticks[i - 1] >= 7);
    fs_time_ymd(ticks[0], &y, &m, &d);
    assert_int_equal(d, 22);
}

/* Tick labels from the language tables, the year where it starts. */
static void test_labels(void **state)
{
    (void)state;
    const char *jan[] = {"2022-01", "2022-04"};
    double t[2];
    assert_int_equal(fs_time_read(jan, 2, t), FS_TIME_MONTH);
    fs_time_step q = {FS_STEP_MONTH, 3}, y = {FS_STEP_YEAR, 1};
    struct {
        const char *lang;
        double at;
        bool year;
        const char *want;
    } cases[] = {
        {"en", t[0], true, "Jan 2022"}, {"en", t[1], false, "Apr"},
        {"ru", t[0], true, "янв. 2022"}, {"az", t[1], false, "apr"},
        {"ar", t[0], true, "يناير 2022"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *s = fs_time_label(cases[i].lang, q, cases[i].at, cases[i].year);
        assert_string_equal(s, cases[i].want);
    }
    g_autofree char *yy = fs_time_label("ru", y, t[0], true);
    assert_string_equal(yy, "2022");
    assert_true(fs_time_new_year(t[0] - 1, t[0]));
    assert_false(fs_time_new_year(t[0], t[1]));
    g_autofree char *iso = fs_time_iso(FS_TIME_MONTH, t[1]);
    assert_string_equal(iso, "2022-04");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_forms),
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
