/* Unit tests of the pictogram panel's arithmetic: one rule for every
 * category, whole icons and one part icon cut to the exact remainder. */
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
    long whole;
    double part;
    assert_false(fs_pictogram_icons(25, 5, &whole, &part));
    assert_int_equal(whole, 5);
    assert_true(part == 0);
    assert_false(fs_pictogram_icons(130, 5, &whole, &part));
    assert_int_equal(whole, 26);
    assert_true(part == 0);
}

static void test_pictogram_every_category_exact(void **state)
{
    (void)state;
    /* the case, per = 10: 84 drew 8 icons and a sliver of the
     * total's remainder, 22 drew 2 icons and none. Now each category gets its
     * own part icon: 8 + 0.4 and 2 + 0.2 icons, each its value exactly. */
    long whole;
    double part;
    assert_true(fs_pictogram_icons(84, 10, &whole, &part));
    assert_int_equal(whole, 8);
    assert_true(fabs(part - 0.4) < 1e-9);
    assert_true(fs_pictogram_icons(22, 10, &whole, &part));
    assert_int_equal(whole, 2);
    assert_true(fabs(part - 0.2) < 1e-9);
    /* three equal categories are drawn equal */
    for (int k = 0; k < 3; k++) {
        assert_true(fs_pictogram_icons(33.4, 10, &whole, &part));
        assert_int_equal(whole, 3);
        assert_true(fabs(part - 0.34) < 1e-9);
    }
}

static void test_pictogram_partial_single(void **state)
{
    (void)state;
    long whole;
    double part;
    assert_true(fs_pictogram_icons(613, 10, &whole, &part)); /* 61 whole and 0.3 of one */
    assert_int_equal(whole, 61);
    assert_true(fabs(part - 0.3) < 1e-9);
    /* under one icon: only a part icon, the category never vanishes */
    assert_true(fs_pictogram_icons(1, 100, &whole, &part));
    assert_int_equal(whole, 0);
    assert_true(fabs(part - 0.01) < 1e-12);
}

static void test_pictogram_float_noise(void **state)
{
    (void)state;
    /* 0.3 / 0.1 is 2.9999999999999996 in doubles: three whole icons, no
     * part icon of 0.9999 */
    long whole;
    double part;
    assert_false(fs_pictogram_icons(0.3, 0.1, &whole, &part));
    assert_int_equal(whole, 3);
    assert_true(part == 0);
    assert_false(fs_pictogram_icons(0, 10, &whole, &part));
    assert_int_equal(whole, 0);
    assert_true(part == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pictogram_exact),
        cmocka_unit_test(test_pictogram_every_category_exact),
        cmocka_unit_test(test_pictogram_partial_single),
        cmocka_unit_test(test_pictogram_float_noise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
