/* Unit tests of lint's arithmetic: the colour
 * vision deficiency simulation (Machado et al. 2009), CIELAB and ΔE*ab, with
 * values worked out independently; the theme-only lint; and the layout
 * invariants (overlap, page, panel, break, cover, zero) on pages made by
 * hand, each warning shown to fire and a clean page to give none. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "lint.h"
#include "model.h"
#include "text.h"

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

/* ---- the layout invariants, on pages made by hand ------------------------ */

/* Adds text of role at (x, y), 14 px black, wrapped to width (0: one line);
 * returns the item, valid until the next is added. */
static fs_item *add_text(fs_page *pg, fs_fonts *fs, fs_role role, const char *text, double x,
                         double y, double width)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_text_style st = {.size = 14, .color = 0x000000ff};
    int i = fs_layout_text(pg, fs, role, text, &st, x, y, width, NULL, "t", d);
    assert_true(i >= 0);
    return fs_page_item(pg, i);
}

/* Moves item i so that its box starts at (x, y). */
static void move_to(fs_page *pg, int i, double x, double y)
{
    fs_page_move_item(pg, i, x, y);
}

static int last(const fs_page *pg)
{
    return (int)pg->items->len - 1;
}

/* The warnings of doc linted as a chart on a screen, one string. */
static char *lint_screen(const fs_doc *doc)
{
    g_autoptr(fs_lint) L = fs_lint_new();
    fs_lint_doc(L, doc, "t.png", false, NULL);
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < fs_lint_count(L); i++)
        g_string_append_printf(s, "%s\n", fs_lint_message(L, i));
    return g_string_free(s, FALSE);
}

/* A page with every kind of item placed as layouts place them: no warning. */
static void test_lint_layout_clean(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    add_text(pg, fonts, FS_ROLE_TITLE, "A title", 10, 10, 0);
    /* a panel taken in from its scratch page: a bar, its value label
     * wholly inside it, a category label beside it, a paragraph broken
     * between words */
    fs_page *body = fs_page_new(300, 200, false);
    fs_page_add_rect(body, FS_ROLE_BAR, 100, 0, 150, 30, 0xccccccff);
    add_text(body, fonts, FS_ROLE_VALUE, "120", 0, 0, 0);
    move_to(body, last(body), 200, 5);
    add_text(body, fonts, FS_ROLE_LABEL, "Women", 0, 5, 0);
    fs_item *t = add_text(body, fonts, FS_ROLE_TEXT, "Words that wrap between them", 0, 50, 90);
    assert_true(pango_layout_get_line_count(t->layout) > 1);
    fs_page_add_line(body, FS_ROLE_AXIS, 100, 0, 100, 40, 1, 0x000000ff);
    fs_page_take_items(pg, body, 40, 40, "p");
    fs_page_free(body);
    /* a box that touches another, and the page's edge, exactly */
    fs_item *a = add_text(pg, fonts, FS_ROLE_NOTE, "Touching", 0, 0, 0);
    double aw = a->w, ah = a->h;
    move_to(pg, last(pg), 400 - aw, 300 - ah);
    add_text(pg, fonts, FS_ROLE_SOURCE, "Source", 0, 0, 0);
    move_to(pg, last(pg), 300, 300 - ah - fs_page_item(pg, last(pg))->h + 0.4);
    g_autofree char *w = lint_screen(doc);
    assert_string_equal(w, "");
    fs_doc_free(doc);
}

static void test_lint_overlap(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    fs_item *a = add_text(pg, fonts, FS_ROLE_VALUE, "12,400", 0, 0, 0);
    double aw = a->w, ah = a->h;
    move_to(pg, 0, 100, 100);
    /* 3 px across and the whole height down */
    add_text(pg, fonts, FS_ROLE_VALUE, "11,800", 0, 0, 0);
    move_to(pg, 1, 100 + aw - 3, 100);
    g_autofree char *w = lint_screen(doc);
    g_autofree char *want = g_strdup_printf(
        "t.png: warning: chart: value \"12,400\" overlaps value \"11,800\" by 3.0 × %.1f px\n", ah);
    assert_string_equal(w, want);
    /* overlapping by 0.5 or less is touching */
    move_to(pg, 1, 100 + aw - 0.5, 100);
    g_autofree char *w2 = lint_screen(doc);
    assert_string_equal(w2, "");
    /* many of one kind: one warning with a count */
    move_to(pg, 1, 100 + aw - 3, 100);
    add_text(pg, fonts, FS_ROLE_VALUE, "9", 0, 0, 0);
    move_to(pg, 2, 102, 102);
    g_autofree char *w3 = lint_screen(doc);
    assert_non_null(strstr(w3, "value \"12,400\" overlaps value \"11,800\""));
    assert_non_null(strstr(w3, "(and 1 more like it)\n"));
    fs_doc_free(doc);
}

static void test_lint_page_and_panel(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    fs_item *a = add_text(pg, fonts, FS_ROLE_LABEL, "Albania", 0, 0, 0);
    double aw = a->w;
    move_to(pg, 0, 400 - aw + 3.2, 10);
    fs_page_add_rect(pg, FS_ROLE_BAR, 10, 250, 20, 52, 0xccccccff);
    fs_page_add_line(pg, FS_ROLE_GRID, -1, 100, 300, 100, 1, 0x000000ff);
    /* a panel whose legend starts 1 px left of it and whose title is above */
    fs_page *body = fs_page_new(200, 100, false);
    add_text(body, fonts, FS_ROLE_LEGEND, "2021", -1, 20, 0);
    add_text(body, fonts, FS_ROLE_PANEL_TITLE, "Title", 0, 0, 0);
    move_to(body, 1, 0, -2);
    fs_page_add_rect(body, FS_ROLE_BAR, 0, 60, 200.04, 10, 0xccccccff); /* within slack */
    fs_page_take_items(pg, body, 100, 150, "p");
    fs_page_free(body);
    g_autofree char *w = lint_screen(doc);
    assert_string_equal(
        w, "t.png: warning: chart: label \"Albania\" is 3.2 px past the right edge of the canvas\n"
           "t.png: warning: chart: bar is 2.0 px past the bottom edge of the canvas\n"
           "t.png: warning: chart: grid is 1.0 px past the left edge of the canvas\n"
           "t.png: warning: chart: legend \"2021\" is 1.0 px past the left edge of its panel\n"
           "t.png: warning: chart: panel-title \"Title\" is 2.0 px past the top edge of its "
           "panel\n");
    /* printed, the same in pt */
    g_autoptr(fs_lint) P = fs_lint_new();
    fs_lint_doc(P, doc, "t.pdf", true, NULL);
    assert_string_equal(fs_lint_message(P, 0), "t.pdf: warning: chart: label \"Albania\" is 3.2 pt "
                                               "past the right edge of the page");
    fs_doc_free(doc);
}

static void test_lint_break(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    /* running text breaks a word wider than its line inside it: allowed */
    fs_item *t = add_text(pg, fonts, FS_ROLE_TEXT, "Donaudampfschifffahrt", 10, 10, 60);
    assert_true(pango_layout_get_line_count(t->layout) > 1);
    assert_true(t->word_wider);
    g_autofree char *w = lint_screen(doc);
    assert_string_equal(w, "");
    /* the same break in a text not marked so: a warning naming the word */
    t->word_wider = false;
    int start =
        ((PangoLayoutLine *)pango_layout_get_lines_readonly(t->layout)->next->data)->start_index;
    g_autofree char *before = g_strndup("Donaudampfschifffahrt", (gsize)start);
    g_autofree char *w2 = lint_screen(doc);
    g_autofree char *want = g_strdup_printf(
        "t.png: warning: chart: text \"Donaudampfschifffahrt\": line 2 starts inside the word "
        "\"Donaudampfschifffahrt\" (after \"%s\"); a word may break only when it alone is wider "
        "than the line (60.0 px)\n",
        before);
    assert_string_equal(w2, want);
    fs_doc_free(doc);
}

static void test_lint_cover(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    fs_page_add_rect(pg, FS_ROLE_BAR, 100, 10, 200, 30, 0xccccccff);
    fs_page_add_rect(pg, FS_ROLE_BAR, 100, 42, 200, 30, 0xccccccff);
    /* a value label wholly inside its bar: allowed */
    add_text(pg, fonts, FS_ROLE_VALUE, "120", 0, 0, 0);
    move_to(pg, last(pg), 250, 15);
    g_autofree char *w = lint_screen(doc);
    assert_string_equal(w, "");
    /* a category label on a bar, a value label sticking out of its bar,
     * one across two bars */
    add_text(pg, fonts, FS_ROLE_LABEL, "Women", 0, 0, 0);
    move_to(pg, last(pg), 95, 15);
    add_text(pg, fonts, FS_ROLE_VALUE, "64", 0, 0, 0);
    move_to(pg, last(pg), 295, 47);
    add_text(pg, fonts, FS_ROLE_VALUE, "7", 0, 0, 0);
    move_to(pg, last(pg), 150, 30);
    g_autofree char *w2 = lint_screen(doc);
    assert_string_equal(
        w2,
        "t.png: warning: chart: label \"Women\" lies on a bar, hiding its end (only a value "
        "label may lie on a bar, wholly inside it)\n"
        "t.png: warning: chart: value \"64\" lies partly on a bar, hiding its end (only a value "
        "label may lie on a bar, wholly inside it)\n"
        "t.png: warning: chart: value \"7\" lies on several bars, hiding its end (only a value "
        "label may lie on a bar, wholly inside it)\n");
    fs_doc_free(doc);
}

/* Value labels read against their chart's data: "0.00" for 0.0012 is a
 * warning, "0" for a 0 is not, nor a bound "<0.01". */
static void test_lint_zero(void **state)
{
    (void)state;
    const char *labels[] = {"Benzene", "Toluene", "Xylene"};
    const char *names[] = {"a", "b"};
    double values[] = {0.0012, 0, 0.0047, 3, 0, 0};
    unsigned long lines[] = {2, 3, 4};
    fs_series_data s = {.nrows = 3,
                        .nseries = 1,
                        .labels = labels,
                        .series_names = names,
                        .values = values,
                        .file = "t.csv",
                        .lines = lines};
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.unit = "mg/m³";
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 400, 300);
    /* one datum is 0: one label may read 0 */
    add_text(pg, fonts, FS_ROLE_VALUE, "0 mg/m³", 10, 10, 0);
    add_text(pg, fonts, FS_ROLE_VALUE, "<0.01 mg/m³", 10, 40, 0);
    add_text(pg, fonts, FS_ROLE_TICK, "0", 10, 70, 0); /* ticks are not data */
    g_autoptr(fs_lint) L = fs_lint_new();
    fs_lint_chart_doc(L, doc, &s, &o);
    assert_int_equal(fs_lint_count(L), 0);
    /* a second one does not */
    add_text(pg, fonts, FS_ROLE_VALUE, "0.00 mg/m³", 10, 100, 0);
    fs_lint_chart_doc(L, doc, &s, &o);
    assert_int_equal(fs_lint_count(L), 1);
    assert_string_equal(fs_lint_message(L, 0),
                        "t.csv: warning: chart: value \"0.00 mg/m³\" reads as 0, but only 1 of "
                        "the data it can stand for is 0");
    /* two series stacked: the labels reading 0 are totals of rows summing
     * to 0 (none here: 0.0012+0, 0.0047+3, 0+0 -> one) */
    s.nseries = 2, s.nrows = 3;
    o.mode = FS_MODE_STACKED;
    g_autoptr(fs_lint) S = fs_lint_new();
    fs_lint_chart_doc(S, doc, &s, &o);
    assert_int_equal(fs_lint_count(S), 1);
    /* percent: no label reads 0 */
    o.mode = FS_MODE_PERCENT;
    g_autoptr(fs_lint) P = fs_lint_new();
    fs_lint_chart_doc(P, doc, &s, &o);
    assert_int_equal(fs_lint_count(P), 1);
    assert_string_equal(fs_lint_message(P, 0),
                        "t.csv: warning: chart: value \"0 mg/m³\" reads as 0, but no datum it can "
                        "stand for is 0 (and 1 more like it)");
    fs_doc_free(doc);
}

/* A stat's number read against its own value, through the report's path:
 * the page's items belong to the panel that drew them. */
static void test_lint_stat_zero(void **state)
{
    (void)state;
    const char *ini = "[report]\nname = r\ntitle = T\nsource = S\n\n"
                      "[panel s]\ntype = stat\nvalue = 0.0012\ncaption = benzene\n\n"
                      "[panel z]\ntype = stat\nvalue = 0\ncaption = nothing\n";
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_spec *spec = fs_spec_load_buffer("r.ini", ini, strlen(ini), NULL, NULL, d);
    assert_non_null(spec);
    fs_prepared *all = fs_prepare_all(spec, d);
    assert_non_null(all);
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 595, 842);
    add_text(pg, fonts, FS_ROLE_STAT, "0.00", 40, 40, 0)->owner = "s";
    add_text(pg, fonts, FS_ROLE_STAT, "0", 300, 40, 0)->owner = "z";
    g_autoptr(fs_lint) L = fs_lint_new();
    fs_lint_report_doc(L, spec, all, NULL, doc);
    assert_int_equal(fs_lint_count(L), 1);
    assert_string_equal(fs_lint_message(L, 0),
                        "r.ini:6: warning: [panel s] on page 1: stat \"0.00\" reads as 0, but the "
                        "number is 0.0012");
    fs_doc_free(doc);
    fs_prepared_free(all, spec->panels->len);
    fs_spec_free(spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cvd_simulation),      cmocka_unit_test(test_lab_and_delta_e),
        cmocka_unit_test(test_lint_theme),          cmocka_unit_test(test_lint_size),
        cmocka_unit_test(test_lint_layout_clean),   cmocka_unit_test(test_lint_overlap),
        cmocka_unit_test(test_lint_page_and_panel), cmocka_unit_test(test_lint_break),
        cmocka_unit_test(test_lint_cover),          cmocka_unit_test(test_lint_zero),
        cmocka_unit_test(test_lint_stat_zero),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
