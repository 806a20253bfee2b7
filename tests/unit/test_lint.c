/* Unit tests of lint's arithmetic: the colour
 * vision deficiency simulation (Machado et al. 2009), CIELAB and ΔE*ab, with
 * values worked out independently; and the theme-only lint. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "lint.h"

#include <math.h>
#include <string.h>

#define near(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void test_cvd_simulation(void **state)
{
    (void)state;
    double out[3];
    /* pure red: the first column of each matrix, clamped to 0..1 */
    fs_cvd_simulate(0xff0000ff, FS_CVD_DEUTERANOPIA, out);
    near(out[0], 0.367322, 1e-9);
    near(out[1], 0.280085, 1e-9);
    near(out[2], 0.0, 1e-12); /* -0.011820 clamped */
    fs_cvd_simulate(0xff0000ff, FS_CVD_PROTANOPIA, out);
    near(out[0], 0.152286, 1e-9);
    near(out[1], 0.114503, 1e-9);
    fs_cvd_simulate(0x00ff00ff, FS_CVD_TRITANOPIA, out);
    near(out[0], 0.0, 1e-12); /* -0.076749 clamped */
    near(out[1], 0.930809, 1e-9);
    near(out[2], 0.691367, 1e-9);
    /* white and black stay themselves (each row sums to 1) */
    for (int k = 0; k < 3; k++) {
        fs_cvd_simulate(0xffffffff, (fs_cvd)k, out);
        near(out[0], 1, 1e-5);
        near(out[1], 1, 1e-5);
        near(out[2], 1, 1e-5);
        fs_cvd_simulate(0x000000ff, (fs_cvd)k, out);
        near(out[0] + out[1] + out[2], 0, 1e-12);
    }
}

static void test_lab_and_delta_e(void **state)
{
    (void)state;
    double lab[3], white[3] = {1, 1, 1}, red[3] = {1, 0, 0};
    fs_lab_from_linear(white, lab);
    near(lab[0], 100, 1e-3);
    near(lab[1], 0, 1e-3);
    near(lab[2], 0, 1e-3);
    fs_lab_from_linear(red, lab); /* sRGB red: L 53.24, a 80.09, b 67.20 */
    near(lab[0], 53.24, 0.01);
    near(lab[1], 80.09, 0.01);
    near(lab[2], 67.20, 0.01);
    near(fs_delta_e(0x000000ff, 0xffffffff, -1), 100, 1e-3);
    near(fs_delta_e(0x0072b2ff, 0xe69f00ff, -1), 120.18, 0.01);
    /* Tableau's red and green collapse for deuteranopes */
    near(fs_delta_e(0xd62728ff, 0x2ca02cff, -1), 119.8, 0.1);
    near(fs_delta_e(0xd62728ff, 0x2ca02cff, FS_CVD_DEUTERANOPIA), 7.31, 0.01);
    assert_true(fs_delta_e(0xd62728ff, 0x2ca02cff, FS_CVD_DEUTERANOPIA) < FS_LINT_MIN_DELTA_E);
    /* Okabe-Ito's closest pair under any simulation stays above the threshold */
    near(fs_delta_e(0x009e73ff, 0x56b4e9ff, FS_CVD_TRITANOPIA), 16.05, 0.01);
    const fs_theme *t = fs_theme_light();
    for (int a = 0; a < t->nseries; a++)
        for (int b = a + 1; b < t->nseries; b++)
            for (int k = -1; k < 3; k++)
                assert_true(fs_delta_e(t->series[a], t->series[b], k) >= FS_LINT_MIN_DELTA_E);
}

static void test_lint_theme(void **state)
{
    (void)state;
    g_autoptr(fs_lint) L = fs_lint_new();
    fs_lint_theme(L, NULL, "light");
    assert_int_equal(fs_lint_count(L), 0); /* the default theme lints clean */
    const char *text = "[colors]\nsecondary = #777777\nseries = #d62728, #2ca02c, #1f77b4\n";
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_theme *t = fs_theme_load_buffer("house.ini", text, strlen(text), d);
    assert_non_null(t);
    fs_lint_theme(L, t, "house.ini");
    assert_int_equal(fs_lint_count(L), 2);
    assert_string_equal(fs_lint_message(L, 0),
                        "house.ini: warning: theme: secondary text: contrast 4.48:1 (#777777 on "
                        "#ffffff) is below 4.5:1 (WCAG 2 AA, body text)");
    assert_string_equal(fs_lint_message(L, 1),
                        "house.ini: warning: theme: colours of \"series 1\" (#d62728) and "
                        "\"series 2\" (#2ca02c) are hard to tell apart with deuteranopia (ΔE "
                        "7.3); ΔE*ab below 10 (give the theme other colours or fill patterns)");
    /* the same warning again is not repeated */
    fs_lint_theme(L, t, "house.ini");
    assert_int_equal(fs_lint_count(L), 2);
    fs_theme_free(t);
}

/* The size rule on a document laid out by hand: layouts keep to the floor
 * (chart.h), so only such a document still has text under it. */
static void test_lint_size(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    fs_text_style tiny = {.size = 4.8, .color = 0x000000ff};
    fs_text_style floor = {.size = FS_MIN_TEXT_PT, .color = 0x000000ff};
    fs_text_style px = {.size = 11.5, .color = 0x000000ff};
    assert_true(fs_layout_text(pg, fonts, FS_ROLE_SOURCE, "Source: Somewhere", &tiny, 10, 10, 0,
                               NULL, "t", d) >= 0);
    assert_true(fs_layout_text(pg, fonts, FS_ROLE_NOTE, "At the floor", &floor, 10, 40, 0, NULL,
                               "t", d) >= 0);
    assert_true(fs_layout_text(pg, fonts, FS_ROLE_TICK, "100", &px, 10, 70, 0, NULL, "t", d) >= 0);
    g_autoptr(fs_lint) P = fs_lint_new();
    fs_lint_doc(P, doc, "t.pdf", true, NULL);
    assert_int_equal(fs_lint_count(P), 1);
    assert_string_equal(fs_lint_message(P, 0),
                        "t.pdf: warning: chart: source \"Source: Somewhere\": text of 4.8 pt is "
                        "below 6 pt on the printed page");
    g_autoptr(fs_lint) S = fs_lint_new();
    fs_lint_doc(S, doc, "t.png", false, NULL);
    assert_int_equal(fs_lint_count(S), 3);
    assert_non_null(strstr(fs_lint_message(S, 2), "tick \"100\": text of 11.5 px is below 12 px"));
    fs_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cvd_simulation),
        cmocka_unit_test(test_lab_and_delta_e),
        cmocka_unit_test(test_lint_theme),
        cmocka_unit_test_setup_teardown(test_lint_size, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
