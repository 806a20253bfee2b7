/* Unit tests of the value axis arithmetic: nice ticks over ordinary and
 * extreme ranges, and the decimals of their labels. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "axis.h"

#include <math.h>

static void test_nice_ticks(void **state)
{
    (void)state;
    struct {
        double lo, hi;
    } cases[] = {{0, 1275},   {0, 0},          {-15, 12.5}, {0, 1e308}, {0, 1.5e308},
                 {0, 1e-300}, {-1e308, 1e308}, {5, 5},      {-3, -3}};
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

static void test_tick_decimals(void **state)
{
    (void)state;
    struct {
        double step;
        int want;
    } cases[] = {{1, 0},    {2, 0},     {5000, 0},  {0.5, 1}, {0.2, 1}, {0.25, 2},
                 {0.05, 2}, {0.025, 3}, {0.001, 3}, {0, 0},   {-1, 0},
                 /* steps over 1 that are not whole (a 0-15 axis by 2.5) */
                 {2.5, 1},  {7.5, 1},   {25, 0},    {12.5, 1}, {1e-7, 7}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(fs_tick_decimals(cases[i].step), cases[i].want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_tick_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
