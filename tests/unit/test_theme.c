/* Unit tests of theme: the shipped files (light.ini restates the built-in
 * defaults exactly, dark.ini the dark palette factsheet had before themes
 * were files), inheritance from light, and every validation rule down to
 * the line and the message. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "theme.h"

#include <math.h>
#include <string.h>

/* Every field but the name. */
static void assert_same_theme(const fs_theme *a, const fs_theme *b)
{
    assert_int_equal(a->background, b->background);
    assert_int_equal(a->text, b->text);
    assert_int_equal(a->secondary, b->secondary);
    assert_int_equal(a->grid, b->grid);
    assert_int_equal(a->axis, b->axis);
    assert_int_equal(a->accent, b->accent);
    assert_int_equal(a->muted, b->muted);
    assert_int_equal(a->nseries, b->nseries);
    for (int i = 0; i < a->nseries; i++)
        assert_int_equal(a->series[i], b->series[i]);
    assert_int_equal(a->bar_text_light, b->bar_text_light);
    assert_int_equal(a->bar_text_dark, b->bar_text_dark);
    assert_int_equal(a->zebra, b->zebra);
    assert_int_equal(a->accent_pattern, b->accent_pattern);
    assert_int_equal(a->npatterns, b->npatterns);
    for (int i = 0; i < a->npatterns; i++)
        assert_int_equal(a->series_pattern[i], b->series_pattern[i]);
    assert_int_equal(a->pattern_ink, b->pattern_ink);
    assert_int_equal(a->title_weight, b->title_weight);
    assert_int_equal(a->heading_weight, b->heading_weight);
    assert_int_equal(a->stat_weight, b->stat_weight);
    assert_int_equal(a->value_weight, b->value_weight);
    assert_int_equal(a->caption_weight, b->caption_weight);
    assert_int_equal(a->date_weight, b->date_weight);
    /* exact: the same decimal text gives the same double */
    assert_true(a->body == b->body && a->slide_body == b->slide_body);
    assert_true(a->title == b->title && a->chart_title == b->chart_title);
    assert_true(a->panel_title == b->panel_title && a->stat == b->stat);
    assert_true(a->value == b->value && a->tick == b->tick);
    assert_true(a->small == b->small && a->footer == b->footer);
    assert_true(a->margin == b->margin && a->gutter == b->gutter);
    assert_true(a->slide_margin == b->slide_margin);
}

static void test_light_file_is_the_default(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_theme *t = fs_theme_load_named("light", d);
    if (!t)
        fprintf(stderr, "%s\n", fs_diag_message(d, 0));
    assert_non_null(t);
    assert_string_equal(t->name, "light");
    assert_same_theme(t, fs_theme_light());
    fs_theme_free(t);
}

static void test_dark_file(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_theme *t = fs_theme_open("dark", d);
    assert_non_null(t);
    /* the palette that was compiled in before themes were files */
    assert_int_equal(t->background, 0x15191fff);
    assert_int_equal(t->text, 0xf0f0f0ff);
    assert_int_equal(t->secondary, 0xb4b9c0ff);
    assert_int_equal(t->grid, 0x333a44ff);
    assert_int_equal(t->axis, 0x6b7380ff);
    assert_int_equal(t->accent, 0x62a8d8ff);
    static const uint32_t series[] = {0x56b4e9ff, 0xe69f00ff, 0x009e73ff, 0xd55e00ff,
                                      0x0072b2ff, 0xcc79a7ff, 0xf0e442ff, 0xffffffff};
    assert_int_equal(t->nseries, 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(t->series[i], series[i]);
    /* what it does not set comes from light */
    assert_int_equal(t->title_weight, 700);
    assert_true(t->body == 9.5);
    fs_theme_free(t);
}

static void test_print_bw_patterns(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_theme *t = fs_theme_open("print-bw", d);
    assert_non_null(t);
    /* greys only, and no two series with the same fill and pattern */
    for (int i = 0; i < t->nseries; i++) {
        uint32_t c = t->series[i];
        assert_true((c >> 24) == ((c >> 16) & 0xff) && (c >> 24) == ((c >> 8) & 0xff));
        for (int j = 0; j < i; j++)
            assert_false(t->series[j] == c && fs_theme_series_pattern(t, (size_t)j, 8) ==
                                                  fs_theme_series_pattern(t, (size_t)i, 8));
    }
    assert_int_equal(fs_theme_series_pattern(t, 1, 8), FS_PATTERN_HATCH);
    assert_int_equal(fs_theme_series_pattern(t, 0, 1), FS_PATTERN_SOLID);
    fs_theme_free(t);
}

static void test_inherit_from_light(void **state)
{
    (void)state;
    const char *text = "# house\n[colors]\naccent = #7A1F5C\n\n[fonts]\ntitle_weight = 600\n"
                       "[colors2]\n";
    g_autoptr(fs_diag) d = fs_diag_new();
    /* an unknown group fails, even after good keys */
    assert_null(fs_theme_load_buffer("h.ini", text, strlen(text), d));
    assert_string_equal(fs_diag_message(d, 0), "h.ini:7: unknown group \"colors2\" (did you "
                                               "mean [colors]?)");
    fs_diag_clear(d);
    size_t n = strlen(text) - strlen("[colors2]\n");
    fs_theme *t = fs_theme_load_buffer("h.ini", text, n, d);
    assert_non_null(t);
    assert_string_equal(t->name, "h.ini");
    assert_int_equal(t->accent, 0x7a1f5cff);
    assert_int_equal(t->title_weight, 600);
    t->accent = fs_theme_light()->accent;
    t->title_weight = fs_theme_light()->title_weight;
    assert_same_theme(t, fs_theme_light());
    /* a shorter series list cycles */
    fs_theme_free(t);
    const char *two = "[colors]\nseries = #111111,#222222\n[patterns]\nseries = hatch\n";
    t = fs_theme_load_buffer("two.ini", two, strlen(two), d);
    assert_non_null(t);
    assert_int_equal(fs_theme_series_color(t, 3, 4), 0x222222ff);
    assert_int_equal(fs_theme_series_color(t, 3, 1), fs_theme_light()->accent);
    assert_int_equal(fs_theme_series_pattern(t, 2, 4), FS_PATTERN_HATCH);
    fs_theme_free(t);
    /* numbers and lengths in the one grammar of key values */
    const char *nums = "[sizes]\nbody = 1e1\nslide_body = +30\n[spacing]\nmargin = 1.5e1mm\n";
    t = fs_theme_load_buffer("n.ini", nums, strlen(nums), d);
    assert_non_null(t);
    assert_true(t->body == 10 && t->slide_body == 30);
    assert_true(fabs(t->margin - 15 * 72 / 25.4) < 1e-9);
    fs_theme_free(t);
}

typedef struct err_case {
    const char *text;
    const char *want; /* the whole message */
} err_case;

static const err_case errors[] = {
    {"[colors]\naccnt = #112233\n", "t.ini:2: [colors] key \"accnt\": unknown key (did you mean "
                                    "\"accent\"?)"},
    {"[colors]\ncolour = #112233\n", "t.ini:2: [colors] key \"colour\": unknown key"},
    {"[sizes]\ntitle_weight = 600\n",
     "t.ini:2: [sizes] key \"title_weight\": unknown key (it belongs in [fonts])"},
    {"[theme]\n", "t.ini:1: unknown group \"theme\" (expected [colors], [patterns], [fonts], "
                  "[sizes], [spacing] or [header])"},
    {"accent = #112233\n", "t.ini:1: key \"accent\" outside any group (start with [colors], …)"},
    {"[colors]\naccent\n", "t.ini:2: \"accent\" is not a key file line (expected [group], key = "
                           "value, # comment or a blank line)"},
    {"[colors]\n[fonts]\n[colors]\n", "t.ini:3: duplicate group [colors] (first at line 1)"},
    {"[colors]\ntext = #000000\ntext = #111111\n",
     "t.ini:3: [colors] key \"text\": duplicate key (first at line 2)"},
    {"[colors]\ntext = #12345\n",
     "t.ini:2: [colors] key \"text\": \"#12345\" is not a colour (expected #rrggbb, e.g. #1d5f8a)"},
    {"[colors]\ntext = #12345g\n", "t.ini:2: [colors] key \"text\": \"#12345g\" is not a colour "
                                   "(expected #rrggbb, e.g. #1d5f8a)"},
    {"[colors]\ntext = 1a1a1a\n", "t.ini:2: [colors] key \"text\": \"1a1a1a\" is not a colour "
                                  "(expected #rrggbb, e.g. #1d5f8a)"},
    {"[colors]\ntext =\n", "t.ini:2: [colors] key \"text\": empty value"},
    {"[colors]\nseries = #111111,,#222222\n",
     "t.ini:2: [colors] key \"series\": \"\" is not a colour (expected a comma list of #rrggbb, "
     "e.g. #0072b2, #e69f00)"},
    {"[colors]\nseries = #111111,#111111,#111111,#111111,#111111,#111111,#111111,#111111,"
     "#111111\n",
     "t.ini:2: [colors] key \"series\": at most 8 values, comma-separated"},
    {"[patterns]\naccent = stripes\n",
     "t.ini:2: [patterns] key \"accent\": \"stripes\" is not a pattern (expected one of solid, "
     "hatch, backhatch, crosshatch, horizontal, vertical, grid, dots)"},
    {"[fonts]\nstat_weight = bold\n",
     "t.ini:2: [fonts] key \"stat_weight\": \"bold\" is not a font weight (expected 400, 500, "
     "600 or 700: the weights fonts/ holds)"},
    {"[sizes]\nbody = 3.9\n",
     "t.ini:2: [sizes] key \"body\": \"3.9\" is out of range: from 4 to 24 pt"},
    {"[sizes]\nfooter = 2.5\n",
     "t.ini:2: [sizes] key \"footer\": \"2.5\" is out of range: from 0.3 to 2 × body"},
    /* the one number grammar of key values (values.h): a sign and an
     * exponent are numbers, then checked against the range */
    {"[sizes]\nbody = 9,5\n", "t.ini:2: [sizes] key \"body\": \"9,5\" is not a number "
                              "(expected digits with . for decimals, no grouping, e.g. 613 or "
                              "1275.5)"},
    {"[sizes]\nbody = 1e\n", "t.ini:2: [sizes] key \"body\": \"1e\" is not a number "
                             "(expected digits with . for decimals, no grouping, e.g. 613 or "
                             "1275.5)"},
    {"[sizes]\nbody = -9\n", "t.ini:2: [sizes] key \"body\": \"-9\" is out of range: from 4 to "
                             "24 pt"},
    {"[sizes]\nbody = 1e999\n", "t.ini:2: [sizes] key \"body\": \"1e999\" is out of range: from "
                                "4 to 24 pt"},
    {"[spacing]\nmargin = 15 mm\n",
     "t.ini:2: [spacing] key \"margin\": \"15 mm\" is not a length (expected a number with pt, "
     "mm, cm or in, e.g. 15mm)"},
    {"[spacing]\nmargin = 3in\n",
     "t.ini:2: [spacing] key \"margin\": \"3in\" is out of range: from 1 to 144 pt"},
    {"[colors]\ntext = \xff\n", "t.ini:2: [colors] key \"text\": value has invalid UTF-8 (byte "
                                "0xff at column 8); a theme must be UTF-8 text"},
    {"[colors\n", "t.ini:1: \"[colors\" is not a group header (expected [colors], [patterns], "
                  "[fonts], [sizes], [spacing] or [header] alone on its line)"},
    {"[colors]\n = #000000\n", "t.ini:2: [colors] line has \"=\" but no key before it"},
    /* an invalid escape is an error of its own, as in a spec */
    {"[colors]\ntext = \\q\n", "t.ini:2: [colors] key \"text\": invalid escape in the value "
                               "(escapes are \\s \\n \\t \\r \\\\)"},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(errors); i++) {
        g_autoptr(fs_diag) d = fs_diag_new();
        fs_theme *t = fs_theme_load_buffer("t.ini", errors[i].text, strlen(errors[i].text), d);
        if (t || fs_diag_count(d) != 1 || strcmp(fs_diag_message(d, 0), errors[i].want) != 0)
            fprintf(stderr, "case %zu:\n%s\nwant: %s\ngot:  %s\n", i, errors[i].text,
                    errors[i].want, fs_diag_count(d) ? fs_diag_message(d, 0) : "(nothing)");
        assert_null(t);
        assert_int_equal(fs_diag_count(d), 1);
        assert_string_equal(fs_diag_message(d, 0), errors[i].want);
        assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
    }
}

static void test_names_and_files(void **state)
{
    (void)state;
    assert_true(fs_theme_is_name("light"));
    assert_true(fs_theme_is_name("print-bw"));
    assert_false(fs_theme_is_name("house.ini"));
    assert_false(fs_theme_is_name("themes/x"));
    assert_false(fs_theme_is_name(""));
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_null(fs_theme_open("sepia", d));
    assert_string_equal(fs_diag_message(d, 0), "theme \"sepia\" is not one of light, dark, "
                                               "print-bw (or a path to a .ini file)");
    assert_int_equal(fs_diag_status(d), FS_ERR_USAGE);
    fs_diag_clear(d);
    assert_null(fs_theme_open("no/such.ini", d));
    assert_string_equal(fs_diag_message(d, 0), "no/such.ini: No such file (a theme file)");
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
    assert_true(fs_theme_or_light(NULL) == fs_theme_light());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_light_file_is_the_default),
        cmocka_unit_test(test_dark_file),
        cmocka_unit_test(test_print_bw_patterns),
        cmocka_unit_test(test_inherit_from_light),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_names_and_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
