/* Unit tests of the annotations: reading highlight and reference, where a
 * reference line's label is placed (by measurement, never on a box), and
 * the error naming an unknown highlighted label. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "annot.h"
#include "diag.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static void test_refs(void **state)
{
    (void)state;
    fs_ref r[FS_ANNOT_MAX_REFS];
    char *why = NULL;
    assert_int_equal(fs_refs_parse("50: Target; 80:Stretch ;-2.5", r, &why), 3);
    assert_null(why);
    assert_true(r[0].value == 50 && strcmp(r[0].label, "Target") == 0);
    assert_true(r[1].value == 80 && strcmp(r[1].label, "Stretch") == 0);
    assert_true(r[2].value == -2.5 && strcmp(r[2].label, "") == 0);
    fs_refs_clear(r, 3);
    /* a label may hold a colon: the first one splits */
    assert_int_equal(fs_refs_parse("1e3: Goal: 2030;", r, &why), 1);
    assert_string_equal(r[0].label, "Goal: 2030");
    fs_refs_clear(r, 1);
    assert_int_equal(fs_refs_parse(NULL, r, &why), 0);
    const char *bad[] = {"fifty: x", "50;;60", ": x", "nan", "1,5: x", "1;2;3;4;5;6;7;8;9"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        assert_int_equal(fs_refs_parse(bad[i], r, &why), -1);
        assert_non_null(why);
        g_clear_pointer(&why, g_free);
    }
}

static void test_highlight(void **state)
{
    (void)state;
    char *why = NULL;
    g_auto(GStrv) a = fs_highlight_parse(" Spain , Italy", &why);
    assert_null(why);
    assert_int_equal(g_strv_length(a), 2);
    assert_true(fs_highlight_has(a, "Italy"));
    assert_false(fs_highlight_has(a, "italy"));
    const char *names[] = {"France", "Spain", "Italy"};
    assert_null(fs_highlight_unknown(a, names, 3));
    assert_string_equal(fs_highlight_unknown(a, names, 2), "Italy");
    assert_null(fs_highlight_parse("Spain,,Italy", &why));
    assert_non_null(why);
    g_free(why);
}

static void test_unknown_named(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_annot an;
    const char *names[] = {"France", "Spain"};
    assert_false(fs_annot_read(&an, "Spian", "50: T", names, 2, "category", "x.csv", d));
    fs_annot_clear(&an);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    fs_diag_print(d, fp);
    fclose(fp);
    assert_non_null(
        strstr(buf, "\"Spian\" is not a category of the chart; did you mean \"Spain\"?"));
    free(buf);
    fs_diag_free(d);
}

/* The label goes to the line's end, above it; a box there moves it along
 * the line, or below it; boxes everywhere leave no place. */
static void test_place(void **state)
{
    (void)state;
    fs_abox bounds = {0, 0, 100, 100};
    double x, y;
    assert_true(fs_annot_place(true, 50, 0, 100, 20, 10, 1, &bounds, NULL, 0, NULL, NULL, &x, &y));
    assert_true(fabs(x - 80) < 1e-9 && fabs(y - 39) < 1e-9);
    /* a value label at the right end, above the line: the label goes below */
    fs_abox value = {70, 35, 30, 14};
    assert_true(
        fs_annot_place(true, 50, 0, 100, 20, 10, 1, &bounds, &value, 1, NULL, NULL, &x, &y));
    fs_abox got = {x, y, 20, 10};
    assert_true(got.x + got.w + 1 <= value.x || got.y >= value.y + value.h + 1);
    assert_true(fabs(x - 80) < 1e-9 && fabs(y - 51) < 1e-9); /* below, at the end */
    /* vertical: right of the line from the top */
    assert_true(fs_annot_place(false, 50, 0, 100, 20, 10, 1, &bounds, NULL, 0, NULL, NULL, &x, &y));
    assert_true(fabs(x - 51) < 1e-9 && fabs(y) < 1e-9);
    /* a line too near the edge for a label above: below it */
    assert_true(fs_annot_place(true, 5, 0, 100, 20, 10, 1, &bounds, NULL, 0, NULL, NULL, &x, &y));
    assert_true(y >= 6);
    /* no room anywhere */
    fs_abox all = {0, 0, 100, 100};
    assert_false(fs_annot_place(true, 50, 0, 100, 20, 10, 1, &bounds, &all, 1, NULL, NULL, &x, &y));
    /* wider than the line */
    assert_false(
        fs_annot_place(true, 50, 0, 100, 120, 10, 1, &bounds, NULL, 0, NULL, NULL, &x, &y));
}

static char *fmt(double v, const void *data)
{
    (void)data;
    return g_strdup_printf("%g%%", v);
}

static void test_alt(void **state)
{
    (void)state;
    GString *s = g_string_new("Bar chart.");
    fs_annot_alt(s, "Spain,Italy", "50: Target; 80", fmt, NULL);
    assert_string_equal(s->str, "Bar chart. Highlighted: Spain, Italy. Reference line at 50% "
                                "(Target). Reference line at 80%.");
    g_string_free(s, TRUE);
}

static void test_bands(void **state)
{
    (void)state;
    fs_band b[FS_ANNOT_MAX_BANDS];
    char *why = NULL;
    assert_int_equal(fs_bands_parse(" 2008-09..2009-06: Recession ; 2020..2021;", b, &why), 2);
    assert_null(why);
    assert_string_equal(b[0].label, "Recession");
    assert_string_equal(b[1].label, "");
    /* a month's band reaches to the end of its last month: 1 Sep 2008 to
     * 1 Jul 2009; a year's to the end of its last year */
    assert_true(b[0].t1 - b[0].t0 == 303);
    assert_true(b[1].t1 - b[1].t0 == 366 + 365);
    fs_bands_clear(b, 2);
    assert_int_equal(fs_bands_parse("2021-12..2021-12", b, &why), 1);
    assert_true(b[0].t1 - b[0].t0 == 31); /* December wraps to January */
    fs_bands_clear(b, 1);
    assert_int_equal(fs_bands_parse("2020-02-28..2020-02-28: a: b", b, &why), 1);
    assert_true(b[0].t1 - b[0].t0 == 1);
    assert_string_equal(b[0].label, "a: b");
    fs_bands_clear(b, 1);
    assert_int_equal(fs_bands_parse(NULL, b, &why), 0);
    assert_int_equal(fs_bands_parse("  ", b, &why), 0);
    assert_null(why);
    const char *bad[] = {"2008-09: x",
                         "2008-09..: x",
                         "May..June",
                         "2008..2009-06",
                         "2009..2008",
                         "2008..2009;;2010..2011",
                         "2008-13..2009-01",
                         /* nine bands, one more than FS_ANNOT_MAX_BANDS */
                         ("2001..2002;2003..2004;2005..2006;2007..2008;2009..2010;2011..2012;2013.."
                          "2014;2015..2016;2017..2018")};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        assert_int_equal(fs_bands_parse(bad[i], b, &why), -1);
        assert_non_null(why);
        g_clear_pointer(&why, g_free);
    }
    GString *s = g_string_new("");
    fs_bands_alt(s, "2008-09..2009-06: Recession; 2020..2021");
    assert_string_equal(s->str,
                        " Shaded from 2008-09 to 2009-06 (Recession). Shaded from 2020 to 2021.");
    g_string_truncate(s, 0);
    fs_bands_alt(s, "2009..2008");
    assert_string_equal(s->str, "");
    g_string_free(s, TRUE);
}

static void test_callouts(void **state)
{
    (void)state;
    fs_callout co[FS_ANNOT_MAX_CALLOUTS];
    char *why = NULL;
    assert_int_equal(fs_callouts_parse(" Spain : Record year ; 2021-03: Lockdown: 2 weeks;", co,
                                       &why),
                     2);
    assert_null(why);
    assert_string_equal(co[0].label, "Spain");
    assert_string_equal(co[0].text, "Record year");
    /* the first colon splits: the text may hold one */
    assert_string_equal(co[1].label, "2021-03");
    assert_string_equal(co[1].text, "Lockdown: 2 weeks");
    fs_callouts_clear(co, 2);
    assert_int_equal(fs_callouts_parse(NULL, co, &why), 0);
    assert_int_equal(fs_callouts_parse("  ", co, &why), 0);
    /* sixty characters are allowed, in characters, not bytes */
    g_autofree char *sixty = g_strdup_printf("A: %s", "ффффффффффффффффффффффффффффффффффффффффффффффффффффффффффff");
    assert_int_equal(fs_callouts_parse(sixty, co, &why), 1);
    fs_callouts_clear(co, 1);
    const struct {
        const char *in, *why;
    } bad[] = {
        {"Spain", "\"Spain\" has no text; write LABEL: TEXT"},
        {"Spain:", "\"Spain\" has an empty text"},
        {": Record", "has a callout with no label"},
        {"A: x;; B: y", "has an empty callout"},
        {"A: a; B: b; C: c; D: d; E: e", "has more than 4 callouts"},
        {"A: 1234567890123456789012345678901234567890123456789012345678901",
         "\"A\": the text has 61 characters, more than 60"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        assert_int_equal(fs_callouts_parse(bad[i].in, co, &why), -1);
        assert_non_null(why);
        if (!strstr(why, bad[i].why))
            fail_msg("%s: got \"%s\"", bad[i].in, why);
        g_clear_pointer(&why, g_free);
    }
    GString *s = g_string_new("");
    fs_callouts_alt(s, "Spain: Record year; France: Why?");
    assert_string_equal(s->str, " Callout at Spain: Record year. Callout at France: Why?");
    g_string_truncate(s, 0);
    fs_callouts_alt(s, "Spain");
    assert_string_equal(s->str, "");
    g_string_free(s, TRUE);
}

/* An unknown label is named with the nearest one. */
static void test_callout_unknown(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_annot an = {0};
    const char *names[] = {"France", "Spain"};
    assert_true(fs_annot_read_callouts(&an, "Spain: x", names, 2, "category", "x.csv", d));
    fs_annot_clear(&an);
    assert_false(fs_annot_read_callouts(&an, "Spian: x", names, 2, "category", "x.csv", d));
    fs_annot_clear(&an);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    fs_diag_print(d, fp);
    fclose(fp);
    assert_non_null(strstr(
        buf, "callout: \"Spian\" is not a category of the chart; did you mean \"Spain\"?"));
    free(buf);
    fs_diag_free(d);
}

/* Above the point first; a box there sends it to the right, its leader
 * from the box's nearest edge to short of the point; a leader that would
 * cross a text is refused; boxes everywhere leave no place. */
static void test_callout_place(void **state)
{
    (void)state;
    fs_abox bounds = {0, 0, 200, 200};
    double x, y, l[4];
    assert_true(fs_callout_place(100, 100, 40, 10, 2, &bounds, NULL, 0, NULL, 0, NULL, NULL, &x,
                                 &y, l));
    assert_true(x == 80 && y + 10 <= 98 && y + 10 >= 90);
    assert_true(l[0] == 100 && l[1] == y + 10 && l[2] == 100);
    /* something above the point: not there */
    fs_abox above = {60, 40, 80, 58};
    assert_true(fs_callout_place(100, 100, 40, 10, 2, &bounds, &above, 1, NULL, 0, NULL, NULL, &x,
                                 &y, l));
    assert_true(x >= 102);
    /* the box never covers the point nor leaves the bounds */
    assert_false(x < 100 && x + 40 > 100 && y < 100 && y + 10 > 100);
    assert_true(x >= 0 && y >= 0 && x + 40 <= 200 && y + 10 <= 200);
    /* boxes all round the point, too near for the text */
    fs_abox ring[4] = {{0, 0, 200, 97}, {0, 103, 200, 97}, {0, 97, 97, 6}, {103, 97, 97, 6}};
    assert_false(fs_callout_place(100, 100, 4, 2, 1, &bounds, ring, 4, NULL, 0, NULL, NULL, &x,
                                  &y, l));
    fs_abox all = {0, 0, 200, 200};
    assert_false(
        fs_callout_place(100, 100, 40, 10, 2, &bounds, &all, 1, NULL, 0, NULL, NULL, &x, &y, l));
    /* a leader crossing a text box (cross) is refused: a box far above is
     * reached only around it */
    fs_abox wall = {90, 85, 20, 12};
    assert_true(
        fs_callout_place(100, 100, 40, 10, 2, &bounds, NULL, 0, &wall, 1, NULL, NULL, &x, &y, l));
    fs_abox gw = {89, 84, 22, 14};
    assert_false(x == 80 && y + 10 <= 98 && y + 10 >= 90); /* not straight above */
    assert_false(fs_abox_segment_hits(&gw, l[0], l[1], l[2], l[3]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refs),          cmocka_unit_test(test_highlight),
        cmocka_unit_test(test_unknown_named), cmocka_unit_test(test_place),
        cmocka_unit_test(test_alt),           cmocka_unit_test(test_bands),
        cmocka_unit_test(test_callouts),      cmocka_unit_test(test_callout_unknown),
        cmocka_unit_test(test_callout_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
