/* Unit tests of color: sRGB linearisation, the WCAG contrast ratio with
 * values worked out independently, and the label colour picked on a fill. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "color.h"

#include <math.h>

#define near(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void test_contrast(void **state)
{
    (void)state;
    /* the WCAG examples: #777777 on white just misses AA */
    near(fs_contrast(0x777777ff, 0xffffffff), 4.4776, 5e-4);
    near(fs_contrast(0xffffffff, 0x777777ff), 4.4776, 5e-4); /* symmetric */
    near(fs_contrast(0x000000ff, 0xffffffff), 21.0, 1e-9);
    near(fs_contrast(0x123456ff, 0x123456ff), 1.0, 1e-12);
    near(fs_contrast(0x767676ff, 0xffffffff), 4.54, 5e-3); /* the lightest AA grey */
    near(fs_contrast(0x999999ff, 0xffffffff), 2.85, 5e-3);
    /* the light theme's own pairs (DESIGN.md: secondary text at 4.5:1 or more) */
    const fs_theme *t = fs_theme_light();
    assert_true(fs_contrast(t->secondary, t->background) >= 4.5);
    assert_true(fs_contrast(t->text, t->background) >= 7);
    /* the label colour picked on a bar is the better of the two */
    assert_int_equal(fs_text_on(t, 0x1d5f8aff), 0xffffffff);
    assert_int_equal(fs_text_on(t, 0xf0e442ff), 0x1a1a1aff);
}

static void test_linear_threshold(void **state)
{
    (void)state;
    /* WCAG's 0.03928 and the sRGB standard's 0.04045 agree on every 8-bit
     * value: no v / 255 lies between them (color.c relies on this) */
    for (uint32_t v = 0; v < 256; v++) {
        double c = (double)v / 255.0;
        double wcag = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
        assert_true(fs_srgb_to_linear(v) == wcag);
    }
    near(fs_srgb_to_linear(0), 0, 1e-15);
    near(fs_srgb_to_linear(255), 1, 1e-12);
    near(fs_luminance(0xffffffff), 1, 1e-12);
    near(fs_luminance(0xff0000ff), 0.2126, 1e-12);
    /* alpha is ignored */
    assert_true(fs_luminance(0x80808000) == fs_luminance(0x808080ff));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast),
        cmocka_unit_test(test_linear_threshold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
