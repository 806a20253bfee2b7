/* Unit tests of how a set of numbers is written: the decimals chosen from
 * the data at every magnitude, the compact forms per language, the
 * exponent form, the ticks' form, a stat's number as given, and the
 * largest-remainder rounding of percent shares. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lang.h"
#include "numchoice.h"
#include "opts.h"

#include <glib.h>
#include <math.h>

#define NMAX 8
#define END NAN /* ends a list of values */

/* Every value of v (up to END) written as ch says, joined by "; ". */
static char *written(const fs_numchoice *ch, const char *lang, const double *v)
{
    fs_numfmt f;
    fs_lang_numfmt(lang, &f);
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < NMAX && !isnan(v[i]); i++) {
        g_autofree char *t = fs_numchoice_format(ch, &f, lang, v[i]);
        g_string_append_printf(s, "%s%s", i ? "; " : "", t);
    }
    return g_string_free(s, FALSE);
}

static size_t count(const double *v)
{
    size_t n = 0;
    while (n < NMAX && !isnan(v[n]))
        n++;
    return n;
}

static void test_pick(void **state)
{
    (void)state;
    struct {
        double v[NMAX];
        fs_nums_kind kind;
        int decimals;
        fs_compact compact;
        const char *lang, *want;
    } cases[] = {
        /* tiny values: two significant digits for the smallest, never 0.00 */
        {{0.0012, 0.0047, 0.0031, 0.0008, 0.00055, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "0.00120; 0.00470; 0.00310; 0.00080; 0.00055"},
        {{0.0012, 0.0047, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "0.0012; 0.0047"},
        {{0.000001, 0.5, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "0.000001; 0.500000"},
        /* the data's own decimals, up to two, as before */
        {{1275, 613, 8.25, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1,275.00; 613.00; 8.25"},
        {{8825.3, 9946.13, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "8,825.30; 9,946.13"},
        {{1, 5, 0, 12, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1; 5; 0; 12"},
        {{0.5, 2, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "0.5; 2.0"},
        {{1.0 / 3, 2, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "0.33; 2.00"},
        {{0, 0, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "0; 0"},
        {{-8.25, 12.5, 0, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "\u22128.25; 12.50; 0.00"},
        /* values that differ read differently */
        {{1.2341, 1.2342, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1.2341; 1.2342"},
        {{1000000001, 1000000002, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "1,000,000,001; 1,000,000,002"},
        /* but not the arithmetic's last bits */
        {{0.1 + 0.2, 0.3, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "0.3; 0.3"},
        /* billions: compact when full labels take more than nine digits */
        {{648125000000, 512000000000, 98000000000, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "648\u00a0bn; 512\u00a0bn; 98\u00a0bn"},
        {{648125000000, 512000000000, 98000000000, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_OFF,
         "en",
         "648,125,000,000; 512,000,000,000; 98,000,000,000"},
        {{648125000000, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "ru", "648\u00a0млрд"},
        {{648125000000, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "az", "648\u00a0mlrd"},
        {{648125000000, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "ar", "648\u00a0مليار"},
        {{648125000000, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "de", "648\u00a0bn"},
        {{648125000000, 648200000000, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "648.1\u00a0bn; 648.2\u00a0bn"},
        {{-2.5e9, 1e9, 0, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "\u22122.5\u00a0bn; 1.0\u00a0bn; 0.0"},
        {{7.3e12, 2e12, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "ru",
         "7,3\u00a0трлн; 2,0\u00a0трлн"},
        {{999999999, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "999,999,999"},
        {{1e9, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1\u00a0bn"},
        {{1234567.5, 2, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1,234,567.5; 2.0"},
        /* compact on: from thousands */
        {{12400, 3100, END}, FS_NUMS_DATA, -1, FS_COMPACT_ON, "en", "12.4k; 3.1k"},
        {{3100000, 12400, END}, FS_NUMS_DATA, -1, FS_COMPACT_ON, "en", "3.100M; 0.012M"},
        {{12400, 3100, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_ON,
         "ru",
         "12,4\u00a0тыс.; 3,1\u00a0тыс."},
        {{450, 12, END}, FS_NUMS_DATA, -1, FS_COMPACT_ON, "en", "450; 12"},
        /* compact cannot say a billion and a half next to 0.001: the exponent form */
        {{1e12, 0.001, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1.0e12; 1.0e\u22123"},
        /* the exponent form: beyond six decimals, from 1e15 */
        {{1e-300, 2e-300, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "1.0e\u2212300; 2.0e\u2212300"},
        {{1e308, 1.5e308, END}, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, "en", "1.0e308; 1.5e308"},
        {{0.0000012, 0.0000034, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "az",
         "1,2e\u22126; 3,4e\u22126"},
        {{9.96e-7, 1.24e-7, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "1.0e\u22126; 1.2e\u22127"},
        {{1.2345e-7, 1.2346e-7, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "1.2345e\u22127; 1.2346e\u22127"},
        {{2e15, -3e15, END}, FS_NUMS_DATA, -1, FS_COMPACT_OFF, "en", "2.0e15; \u22123.0e15"},
        {{5e-324, 1e-310, END},
         FS_NUMS_DATA,
         -1,
         FS_COMPACT_AUTO,
         "en",
         "4.9e\u2212324; 1.0e\u2212310"}, /* subnormals */
        /* fixed decimals; a non-zero value never reads 0 */
        {{0.3, 12, -0.2, 0, END}, FS_NUMS_DATA, 0, FS_COMPACT_AUTO, "en", "<1; 12; >\u22121; 0"},
        {{0.0012, 3.14159, END}, FS_NUMS_DATA, 2, FS_COMPACT_AUTO, "en", "<0.01; 3.14"},
        {{648125000000, END}, FS_NUMS_DATA, 1, FS_COMPACT_AUTO, "en", "648.1\u00a0bn"},
        {{648125000000, END}, FS_NUMS_DATA, 0, FS_COMPACT_OFF, "en", "648,125,000,000"},
        {{12400, END}, FS_NUMS_DATA, 1, FS_COMPACT_ON, "az", "12,4\u00a0min"},
        /* percent shares: two significant digits, at most two decimals */
        {{30, 33.3, 36.7, END}, FS_NUMS_SHARES, -1, FS_COMPACT_AUTO, "en", "30; 33; 37"},
        {{40, 60, END}, FS_NUMS_SHARES, -1, FS_COMPACT_AUTO, "en", "40; 60"},
        {{0.4, 99.6, END}, FS_NUMS_SHARES, -1, FS_COMPACT_AUTO, "en", "0.4; 99.6"},
        {{1e-9, 99.5, END}, FS_NUMS_SHARES, -1, FS_COMPACT_AUTO, "en", "<0.01; 99.50"},
        {{1e-9, 99.5, END}, FS_NUMS_SHARES, 0, FS_COMPACT_AUTO, "en", "<1; 100"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fs_numchoice ch;
        fs_numchoice_pick(cases[i].v, count(cases[i].v), cases[i].kind, cases[i].decimals,
                          cases[i].compact, &ch);
        g_autofree char *got = written(&ch, cases[i].lang, cases[i].v);
        if (strcmp(got, cases[i].want) != 0)
            print_error("case %zu: got \"%s\", want \"%s\"\n", i, got, cases[i].want);
        assert_string_equal(got, cases[i].want);
    }
    /* non-finite values are left out of the choice and written "–" */
    double v[] = {INFINITY, 2.5, NAN};
    fs_numchoice ch;
    fs_numchoice_pick(v, 3, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, &ch);
    assert_int_equal(ch.decimals, 1);
    assert_false(ch.exponent);
    fs_numfmt f;
    fs_numfmt_default(&f);
    g_autofree char *dash = fs_numchoice_format(&ch, &f, "en", NAN);
    assert_string_equal(dash, "–");
    fs_numchoice_pick(NULL, 0, FS_NUMS_DATA, -1, FS_COMPACT_AUTO, &ch);
    assert_int_equal(ch.decimals, 0);
}

static void test_ticks(void **state)
{
    (void)state;
    struct {
        double labels[NMAX];
        double step;
        double ticks[NMAX];
        const char *want;
    } cases[] = {
        {{648125000000, 512000000000, END},
         2e11,
         {0, 2e11, 4e11, 6e11, 8e11, END},
         "0; 200\u00a0bn; 400\u00a0bn; 600\u00a0bn; 800\u00a0bn"},
        {{2.5e9, 1e9, END},
         5e8,
         {0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9, END},
         "0.0; 0.5\u00a0bn; 1.0\u00a0bn; 1.5\u00a0bn; 2.0\u00a0bn; 2.5\u00a0bn"},
        {{0.0012, 0.0047, END},
         0.001,
         {0, 0.001, 0.002, 0.003, 0.004, 0.005, END},
         "0.000; 0.001; 0.002; 0.003; 0.004; 0.005"},
        {{1275, 613, END}, 500, {0, 500, 1000, 1500, END}, "0; 500; 1,000; 1,500"},
        {{12.5, -8.25, END}, 5, {-10, -5, 0, 5, 10, 15, END}, "\u221210; \u22125; 0; 5; 10; 15"},
        {{1e12, 0.001, END}, 5e11, {0, 5e11, 1e12, END}, "0; 5e11; 1e12"},
        {{1e12, 0.001, END},
         2.5e11,
         {0, 2.5e11, 5e11, 7.5e11, 1e12, END},
         "0; 2.5e11; 5.0e11; 7.5e11; 1.0e12"},
        {{1e-300, 2e-300, END},
         5e-301,
         {0, 5e-301, 1e-300, 1.5e-300, 2e-300, END},
         "0; 5.0e\u2212301; 1.0e\u2212300; 1.5e\u2212300; 2.0e\u2212300"},
        {{1.5e308, END}, 5e307, {0, 5e307, 1e308, 1.5e308, END}, "0; 5.0e307; 1.0e308; 1.5e308"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fs_numchoice labels, ch;
        fs_numchoice_pick(cases[i].labels, count(cases[i].labels), FS_NUMS_DATA, -1,
                          FS_COMPACT_AUTO, &labels);
        fs_numchoice_ticks(&labels, cases[i].step, cases[i].ticks, (int)count(cases[i].ticks), &ch);
        g_autofree char *got = written(&ch, "en", cases[i].ticks);
        if (strcmp(got, cases[i].want) != 0)
            print_error("case %zu: got \"%s\", want \"%s\"\n", i, got, cases[i].want);
        assert_string_equal(got, cases[i].want);
    }
}

static void test_given(void **state)
{
    (void)state;
    struct {
        double v;
        int decimals;
        fs_compact compact;
        const char *lang, *want;
    } cases[] = {
        {3.14159, -1, FS_COMPACT_AUTO, "en", "3.14159"},
        {0.0012, -1, FS_COMPACT_AUTO, "en", "0.0012"},
        {613, -1, FS_COMPACT_AUTO, "en", "613"},
        {1275.5, -1, FS_COMPACT_AUTO, "az", "1\u00a0275,5"},
        {-3, -1, FS_COMPACT_AUTO, "en", "\u22123"},
        {0, -1, FS_COMPACT_AUTO, "en", "0"},
        {1234.5678, -1, FS_COMPACT_AUTO, "en", "1,234.57"},
        {2.0 / 3, -1, FS_COMPACT_AUTO, "en", "0.666667"},
        {0.1 + 0.2, -1, FS_COMPACT_AUTO, "en", "0.3"},
        {1e6, -1, FS_COMPACT_AUTO, "en", "1,000,000"},
        {123456789, -1, FS_COMPACT_AUTO, "en", "123,456,789"},
        {648125000000, -1, FS_COMPACT_AUTO, "en", "648.125\u00a0bn"},
        {648125000000, -1, FS_COMPACT_OFF, "en", "648,125,000,000"},
        {648125000000, -1, FS_COMPACT_AUTO, "ru", "648,125\u00a0млрд"},
        {12400, -1, FS_COMPACT_ON, "en", "12.4k"},
        {1e9, -1, FS_COMPACT_AUTO, "en", "1\u00a0bn"},
        {1e-7, -1, FS_COMPACT_AUTO, "en", "1e\u22127"},
        {1.25e-9, -1, FS_COMPACT_AUTO, "en", "1.25e\u22129"},
        {2e15, -1, FS_COMPACT_AUTO, "en", "2e15"},
        {3.14159, 2, FS_COMPACT_AUTO, "en", "3.14"},
        {0.0012, 2, FS_COMPACT_AUTO, "en", "<0.01"},
        {613, 1, FS_COMPACT_AUTO, "en", "613.0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fs_numchoice ch;
        fs_numchoice_given(cases[i].v, cases[i].decimals, cases[i].compact, &ch);
        double v[] = {cases[i].v, END};
        g_autofree char *got = written(&ch, cases[i].lang, v);
        if (strcmp(got, cases[i].want) != 0)
            print_error("case %zu: got \"%s\", want \"%s\"\n", i, got, cases[i].want);
        assert_string_equal(got, cases[i].want);
    }
}

/* A reference line's value beside the chart's values: their form, its own
 * decimals (12.5 beside whole numbers was written "12"). */
static void test_beside(void **state)
{
    (void)state;
    struct {
        double data[NMAX];
        double v;
        const char *want;
    } cases[] = {
        {{10, 20, 15, END}, 12.5, "12.5"},
        {{10, 20, 15, END}, 7.25, "7.25"},
        {{10, 20, 15, END}, 12, "12"},
        {{-2.06, 2.97, 0.39, END}, 0, "0"},
        {{-2.06, 2.97, 0.39, END}, 1.5, "1.5"},
        {{2.7e14, 3.5e14, 9.2e14, END}, 2.5e14, "250\u00a0tn"},
        {{2.7e14, 3.5e14, 9.2e14, END}, 2.505e14, "250.5\u00a0tn"},
        {{6.4e-7, 8.1e-7, 3.4e-7, END}, 5e-7, "5e\u22127"},
        {{6.4e-7, 8.1e-7, 3.4e-7, END}, 5.25e-7, "5.25e\u22127"},
        {{10, 20, 15, END}, 1.0 / 3, "0.333333"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fs_numchoice ch, own;
        fs_numchoice_pick(cases[i].data, count(cases[i].data), FS_NUMS_DATA, -1, FS_COMPACT_AUTO,
                          &ch);
        fs_numchoice_beside(&ch, cases[i].v, &own);
        double v[] = {cases[i].v, END};
        g_autofree char *got = written(&own, "en", v);
        if (strcmp(got, cases[i].want) != 0)
            print_error("case %zu: got \"%s\", want \"%s\"\n", i, got, cases[i].want);
        assert_string_equal(got, cases[i].want);
    }
}

static void test_round_shares(void **state)
{
    (void)state;
    struct {
        double v[NMAX];
        int decimals;
        double want[NMAX];
    } cases[] = {
        {{100.0 / 3, 100.0 / 3, 100.0 / 3, END}, 0, {34, 33, 33}},
        {{30, 33.3, 36.7, END}, 0, {30, 33, 37}},
        {{30, 33.3, 36.7, END}, 1, {30, 33.3, 36.7}},
        {{0.4, 0.4, 99.2, END}, 0, {1, 0.25, 99}},
        {{0, 0, END}, 0, {0, 0}},
        {{0, 50, 50, END}, 0, {0, 50, 50}},
        {{10, 20.4, END}, 0, {10, 20}}, /* not a whole row: each on its own */
        {{1e-14, 100 - 1e-14, END}, 2, {0.0025, 100}},
        {{12.5, 12.5, 12.5, 12.5, 50, END}, 0, {13, 13, 12, 12, 50}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = count(cases[i].v);
        double out[NMAX];
        fs_numchoice_round_shares(cases[i].v, n, cases[i].decimals, out);
        for (size_t k = 0; k < n; k++) {
            if (fabs(out[k] - cases[i].want[k]) > 1e-9)
                print_error("case %zu: share %zu: got %g, want %g\n", i, k, out[k],
                            cases[i].want[k]);
            assert_true(fabs(out[k] - cases[i].want[k]) <= 1e-9);
        }
    }
    /* random whole rows: the rounded shares add up to exactly 100, each
     * within one unit of its share, none of them 0 unless it is */
    GRand *r = g_rand_new_with_seed(15);
    for (int t = 0; t < 2000; t++) {
        size_t n = (size_t)g_rand_int_range(r, 1, 9);
        double raw[NMAX], v[NMAX], out[NMAX], sum = 0;
        for (size_t k = 0; k < n; k++) {
            raw[k] = g_rand_int_range(r, 0, 4) == 0 ? 0 : pow(10, g_rand_double_range(r, -6, 6));
            sum += raw[k];
        }
        if (sum == 0)
            continue;
        for (size_t k = 0; k < n; k++)
            v[k] = raw[k] / sum * 100;
        fs_numchoice ch;
        fs_numchoice_pick(v, n, FS_NUMS_SHARES, -1, FS_COMPACT_AUTO, &ch);
        fs_numchoice_round_shares(v, n, ch.decimals, out);
        double unit = pow(10, -ch.decimals), total = 0;
        for (size_t k = 0; k < n; k++) {
            if (out[k] >= unit * 0.5)
                total += out[k];
            assert_true(fabs(out[k] - v[k]) < unit);
            assert_true((out[k] == 0) == (v[k] == 0));
        }
        assert_true(fabs(total - 100) < unit * 1e-6);
    }
    g_rand_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_given),
        cmocka_unit_test(test_beside),
        cmocka_unit_test(test_round_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
