/* Unit tests of the pictogram panel's arithmetic: icon allocation by the
 * largest remainder, exact totals, the partial icon. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "panels/panel.h"

#include <math.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pictogram_exact),
        cmocka_unit_test(test_pictogram_largest_remainder),
        cmocka_unit_test(test_pictogram_partial_single),
        cmocka_unit_test(test_pictogram_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
