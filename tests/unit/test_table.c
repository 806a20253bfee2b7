/* Unit tests for table: loading, cell positions, column lookup, the number
 * grammar of rule 7 (table driven, valid and invalid with their reasons),
 * the "not a number" message word for word, locale independence, the
 * escaped TSV output and loading from a descriptor the caller keeps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "table.h"

#include <fcntl.h>
#include <float.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static fs_table *load(const char *in, fs_diag *d)
{
    return fs_table_load_buffer("t.csv", in, strlen(in), NULL, d);
}

/* ---- numbers -------------------------------------------------------------- */

static const struct {
    const char *in;
    double want;
} good_numbers[] = {
    {"0", 0},
    {"-0", -0.0},
    {"7", 7},
    {"007", 7},
    {"-1.5", -1.5},
    {"+2", 2},
    {"  3  ", 3},
    {"\t4\t", 4},
    {".5", 0.5},
    {"5.", 5},
    {"1e3", 1000},
    {"1E+3", 1000},
    {"2.5e-3", 0.0025},
    {"1e308", 1e308},
    {"-1e308", -1e308},
    {"1.7976931348623157e308", DBL_MAX},
    {"1e-300", 1e-300},
    {"1e-400", 0}, /* underflow: (nearly) zero, documented */
    {"1,275", 1275},
    {"-1,275", -1275},
    {"+12,345", 12345},
    {"123,456,789", 123456789},
    {"1,234.5", 1234.5},
    {"1,234e3", 1234000},
    {" 1,000 ", 1000},
    {"3.14159265358979", 3.14159265358979},
};

#define DECIMAL_COMMA                                                                              \
    "decimal comma? read the file with --decimal , (in a spec: decimal = ,) or write a point "     \
    "(1.5); commas only group thousands (1,275)"

static const struct {
    const char *in;
    const char *why;
} bad_numbers[] = {
    {"", "empty cell"},
    {"   ", "empty cell"},
    {"1,5", DECIMAL_COMMA},
    {"-0,25", DECIMAL_COMMA},
    {"0,123", DECIMAL_COMMA},
    {"1,2345", DECIMAL_COMMA},
    {"1,2x5", "not a decimal number"},
    {"1234,567", DECIMAL_COMMA},
    {"1,234,56", "not a decimal number"},
    {"1,,234", "not a decimal number"},
    {",234", DECIMAL_COMMA},
    {"1,234,", "not a decimal number"},
    {"1.234,5", DECIMAL_COMMA},
    {"1.234.567", "thousands grouped with points? read the file with --decimal , (in a spec: "
                  "decimal = ,)"},
    {"12%", "percent sign; write the number only"},
    {"0x1A", "hexadecimal is not allowed"},
    {"-0X10", "hexadecimal is not allowed"},
    {"NaN", "NaN and infinity are not allowed"},
    {"nan", "NaN and infinity are not allowed"},
    {"inf", "NaN and infinity are not allowed"},
    {"-Infinity", "NaN and infinity are not allowed"},
    {"+INF", "NaN and infinity are not allowed"},
    {"12abc", "not a decimal number"},
    {"12 apples", "space inside the number"},
    {"1 275", "space inside the number"},
    {"\xe2\x88\x92" "5", "U+2212 minus sign; write an ASCII '-'"},
    {"1\xc2\xa0" "275", "non-ASCII space; write digits with no separator or with commas"},
    {"1\xe2\x80\xaf" "275", "non-ASCII space; write digits with no separator or with commas"},
    {"\xd9\xa3", "non-ASCII digit; write ASCII digits 0-9"},
    {"\xef\xbc\x95", "non-ASCII digit; write ASCII digits 0-9"},
    {"5\xe2\x82\xac", "non-ASCII character"},
    {"1e309", "beyond the range of a double"},
    {"-1e309", "beyond the range of a double"},
    {"1e", "not a decimal number"},
    {"1e+", "not a decimal number"},
    {"e5", "not a decimal number"},
    {"+", "not a decimal number"},
    {"-", "not a decimal number"},
    {".", "not a decimal number"},
    {"1.2.3", "not a decimal number"},
    {"--1", "not a decimal number"},
    {"+-1", "not a decimal number"},
    {"1-", "not a decimal number"},
    {"(5)", "not a decimal number"},
    {"$5", "not a decimal number"},
    {"5'000", "not a decimal number"},
    {"1_000", "not a decimal number"},
};

static void test_number_grammar(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < N(good_numbers); i++) {
        double v = -12345;
        const char *why = "unset";
        const char *s = good_numbers[i].in;
        if (!fs_number_parse(s, strlen(s), &v, &why) || v != good_numbers[i].want ||
            signbit(v) != signbit(good_numbers[i].want) || why != NULL) {
            print_error("\"%s\": want %.17g, got %.17g (%s)\n", s, good_numbers[i].want, v,
                        why ? why : "ok");
            failed++;
        }
    }
    for (size_t i = 0; i < N(bad_numbers); i++) {
        double v = -12345;
        const char *why = NULL;
        const char *s = bad_numbers[i].in;
        if (fs_number_parse(s, strlen(s), &v, &why) || !why ||
            strcmp(why, bad_numbers[i].why) != 0 || v != -12345) {
            print_error("\"%s\": want refused (%s), got %s\n", s, bad_numbers[i].why,
                        why ? why : "accepted");
            failed++;
        }
    }
    assert_int_equal(failed, 0);

    /* length is honoured: the text after len is not part of the token */
    double v;
    assert_true(fs_number_parse("12x", 2, &v, NULL));
    assert_true(v == 12);
    assert_false(fs_number_parse("1,275", 3, &v, NULL));
    /* a long valid token (no fixed-size buffer) */
    GString *lng = g_string_new("1");
    for (int i = 0; i < 200; i++)
        g_string_append(lng, "0");
    g_string_append(lng, ".5");
    assert_true(fs_number_parse(lng->str, lng->len, &v, NULL));
    assert_true(v == 1e200);
    g_string_free(lng, TRUE);
}

/* A decimal-comma locale must not change anything (skipped if none). */
/* --decimal ,: the same grammar with a decimal comma; '.', a space, a
 * no-break, narrow no-break or thin space group thousands, one kind in a
 * number, in groups of exactly three. */
static void test_number_comma_grammar(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        double want;
    } good[] = {
        {"0", 0},         {"-0", -0.0},           {"12,5", 12.5},
        {"-0,25", -0.25}, {",5", 0.5},            {"5,", 5},
        {"1.275", 1275},  {"1.234,5", 1234.5},    {"1.234.567,89", 1234567.89},
        {"1 234,5", 1234.5}, {"  1 234  ", 1234}, {"1\xc2\xa0" "234,5", 1234.5},
        {"1\xe2\x80\xaf" "234", 1234}, {"1\xe2\x80\x89" "234", 1234},
        {"1234,5", 1234.5}, {"+2,5e3", 2500},     {"1.234e3", 1234000},
        {"12,3456789012345678", 12.3456789012345678},
    };
    static const struct {
        const char *in;
        const char *why;
    } bad[] = {
        {"", "empty cell"},
        {"1.5", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                "write 1,5; points and spaces only group thousands (1.275)"},
        {"1,234.5", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                    "write 1,5; points and spaces only group thousands (1.275)"},
        {"1.23", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                 "write 1,5; points and spaces only group thousands (1.275)"},
        {"1.2345", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                   "write 1,5; points and spaces only group thousands (1.275)"},
        {"1.234 567", "space that does not group thousands (groups of three digits, one kind of "
                      "separator)"},
        {"12 34", "space that does not group thousands (groups of three digits, one kind of "
                  "separator)"},
        {"1\xc2\xa0" "23", "space that does not group thousands (groups of three digits, one "
                            "kind of separator)"},
        {"0.123", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                "write 1,5; points and spaces only group thousands (1.275)"},
        {"1234.567", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                "write 1,5; points and spaces only group thousands (1.275)"},
        {".234", "decimal point, but the numbers are read with a decimal comma (--decimal ,): "
                "write 1,5; points and spaces only group thousands (1.275)"},
        {"1..234", "not a decimal number"},
        {"1.234.", "not a decimal number"},
        {"1,2,3", "not a decimal number"},
        {"1,234,567", "not a decimal number"},
        {"12%", "percent sign; write the number only"},
        {"\xe2\x88\x92" "5", "U+2212 minus sign; write an ASCII '-'"},
        {"NaN", "NaN and infinity are not allowed"},
        {"1e309", "beyond the range of a double"},
        {"1,5e", "not a decimal number"},
    };
    int failed = 0;
    for (size_t i = 0; i < N(good); i++) {
        double v = -12345;
        const char *why = "unset";
        const char *s = good[i].in;
        if (!fs_number_parse_dec(s, strlen(s), ',', &v, &why) || v != good[i].want ||
            signbit(v) != signbit(good[i].want) || why != NULL) {
            print_error("\"%s\": want %.17g, got %.17g (%s)\n", s, good[i].want, v,
                        why ? why : "ok");
            failed++;
        }
    }
    for (size_t i = 0; i < N(bad); i++) {
        double v = -12345;
        const char *why = NULL;
        const char *s = bad[i].in;
        if (fs_number_parse_dec(s, strlen(s), ',', &v, &why) || !why ||
            strcmp(why, bad[i].why) != 0 || v != -12345) {
            print_error("\"%s\": want refused (%s), got %s\n", s, bad[i].why,
                        why ? why : "accepted");
            failed++;
        }
    }
    /* '.' is fs_number_parse() */
    double v;
    assert_true(fs_number_parse_dec("1,275", 5, '.', &v, NULL) && v == 1275);
    assert_false(fs_number_parse_dec("1,5", 3, '.', &v, NULL));
    assert_int_equal(failed, 0);
}

/* A table loaded with decimal ',' reads its numbers so, in fs_table_numbers,
 * fs_table_col_type and aggregation; the message names the cell. */
static void test_numbers_decimal_comma(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    static const char in[] = "group;count\nA;\"1.234,5\"\nB;12,5\nC;1 000\n";
    fs_csv_opts o = {.delimiter = ';', .decimal = ','};
    fs_table *t = fs_table_load_buffer("t.csv", in, strlen(in), &o, d);
    assert_non_null(t);
    double v[3];
    assert_true(fs_table_numbers(t, 1, v, d));
    assert_true(v[0] == 1234.5 && v[1] == 12.5 && v[2] == 1000);
    assert_int_equal(fs_table_col_type(t, 1), FS_COL_NUMBER);
    fs_table_free(t);

    static const char pt[] = "group;count\nA;1,5\nB;2.5\n";
    t = fs_table_load_buffer("t.csv", pt, strlen(pt), &o, d);
    assert_non_null(t);
    assert_int_equal(fs_table_col_type(t, 1), FS_COL_TEXT);
    assert_false(fs_table_numbers(t, 1, v, d));
    assert_string_equal(fs_diag_message(d, 0),
                        "t.csv:3:3: \"2.5\" in column \"count\" is not a number (decimal point, "
                        "but the numbers are read with a decimal comma (--decimal ,): write 1,5; "
                        "points and spaces only group thousands (1.275))");
    fs_diag_clear(d);
    fs_table_free(t);

    /* the default reads neither, and says what would */
    static const char comma[] = "group;count\nA;\"1.234,5\"\n";
    o.decimal = 0;
    t = fs_table_load_buffer("t.csv", comma, strlen(comma), &o, d);
    assert_non_null(t);
    assert_false(fs_table_numbers(t, 1, v, d));
    assert_string_equal(fs_diag_message(d, 0),
                        "t.csv:2:3: \"1.234,5\" in column \"count\" is not a number (" DECIMAL_COMMA
                        ")");
    fs_diag_clear(d);
    fs_table_free(t);

    /* aggregation reads the input with o's decimal sign; its sums read back */
    g_autofree char *path = NULL;
    int fd = g_file_open_tmp("fs-agg-XXXXXX.csv", &path, NULL);
    assert_true(fd >= 0);
    static const char agg[] = "r;x\nA;1,5\nB;2\nA;1.000,25\n";
    assert_true(write(fd, agg, strlen(agg)) == (ssize_t)strlen(agg));
    close(fd);
    o.decimal = ',';
    const char *const vals[] = {"x", NULL};
    t = fs_table_aggregate_file(path, &o, "r", vals, FS_AGG_SUM, d);
    assert_non_null(t);
    assert_true(fs_table_numbers(t, 1, v, d));
    assert_true(v[0] == 1001.75 && v[1] == 2);
    fs_table_free(t);
    g_unlink(path);
    fs_diag_free(d);
}

/* --missing: the listed cell texts are missing values: NAN from
 * fs_table_numbers_nan(), an error naming the cell from fs_table_numbers()
 * and from aggregation; without the option they are refused as before. */
static void test_missing(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    static const char in[] = "g,x\nA,1\nB, n/a \nC,\nD,-\n";
    fs_csv_opts o = {.missing = "n/a,,-"};
    fs_table *t = fs_table_load_buffer("t.csv", in, strlen(in), &o, d);
    assert_non_null(t);
    double v[4];
    assert_true(fs_table_numbers_nan(t, 1, v, d));
    assert_true(v[0] == 1 && isnan(v[1]) && isnan(v[2]) && isnan(v[3]));
    assert_int_equal(fs_table_col_type(t, 1), FS_COL_NUMBER);
    assert_false(fs_table_numbers(t, 1, v, d));
    assert_string_equal(fs_diag_message(d, 0), "t.csv:3:4: \"n/a\" in column \"x\" is a missing "
                                               "value (--missing), which this cannot show");
    fs_diag_clear(d);
    fs_table_free(t);

    /* '' alone lists the empty cell only */
    o.missing = "";
    t = fs_table_load_buffer("t.csv", in, strlen(in), &o, d);
    assert_non_null(t);
    assert_false(fs_table_numbers_nan(t, 1, v, d));
    assert_string_equal(fs_diag_message(d, 0),
                        "t.csv:3:4: \"n/a\" in column \"x\" is not a number (--missing 'n/a' "
                        "reads it as no value)");
    fs_diag_clear(d);
    fs_table_free(t);

    /* without the option an empty cell is refused as before */
    t = fs_table_load_buffer("t.csv", in, strlen(in), NULL, d);
    assert_non_null(t);
    assert_false(fs_table_numbers_nan(t, 1, v, d));
    fs_diag_clear(d);
    fs_table_free(t);

    g_autofree char *path = NULL;
    int fd = g_file_open_tmp("fs-miss-XXXXXX.csv", &path, NULL);
    assert_true(fd >= 0);
    assert_true(write(fd, in, strlen(in)) == (ssize_t)strlen(in));
    close(fd);
    o.missing = "n/a,,-";
    const char *const vals[] = {"x", NULL};
    assert_null(fs_table_aggregate_file(path, &o, "g", vals, FS_AGG_SUM, d));
    assert_non_null(strstr(fs_diag_message(d, 0), "is a missing value (--missing)"));
    g_unlink(path);
    fs_diag_free(d);
}

static void test_number_locale(void **state)
{
    (void)state;
    static const char *locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8"};
    const char *set = NULL;
    for (size_t i = 0; i < N(locales) && !set; i++)
        set = setlocale(LC_ALL, locales[i]);
    if (!set) {
        print_message("no decimal-comma locale installed: locale part skipped\n");
        skip();
    }
    double v;
    assert_true(fs_number_parse("1.5", 3, &v, NULL));
    assert_true(v == 1.5);
    assert_false(fs_number_parse("1,5", 3, &v, NULL));
    assert_true(fs_number_parse("1,275", 5, &v, NULL));
    assert_true(v == 1275);
    setlocale(LC_ALL, "C");
}

/* ---- loading and getters -------------------------------------------------- */

static void test_load(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_table *t = load("\n name , \"value\"\n\"A\nB\", 1\n\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a,\"2\"\n", d);
    assert_non_null(t);
    assert_int_equal(fs_diag_count(d), 0);
    assert_string_equal(fs_table_name(t), "t.csv");
    assert_int_equal(fs_table_ncols(t), 2);
    assert_int_equal(fs_table_nrows(t), 2);
    assert_string_equal(fs_table_header(t, 0), "name");
    assert_string_equal(fs_table_header(t, 1), "value");
    assert_string_equal(fs_table_cell(t, 0, 0), "A\nB");
    assert_int_equal(fs_table_cell_len(t, 0, 0), 3);
    assert_int_equal(fs_table_row_line(t, 0), 3);
    assert_int_equal(fs_table_cell_line(t, 0, 1), 4);
    assert_int_equal(fs_table_cell_col(t, 0, 1), 5);
    assert_int_equal(fs_table_row_line(t, 1), 5);
    assert_string_equal(fs_table_cell(t, 1, 0), "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a");
    assert_int_equal(fs_table_cell_col(t, 1, 1), 6);
    assert_int_equal(fs_table_col_type(t, 0), FS_COL_TEXT);
    assert_int_equal(fs_table_col_type(t, 1), FS_COL_NUMBER);
    fs_table_free(t);
    fs_table_free(NULL);
    fs_diag_free(d);
}

/* Labels in any script are kept whole, byte for byte. */
static void test_labels_whole(void **state)
{
    (void)state;
    static const char *labels[] = {
        "Xocal\xc4\xb1",                                  /* Azerbaijani */
        "\xd0\xa5\xd0\xbe\xd0\xb4\xd0\xb6\xd0\xb0\xd0\xbb\xd1\x8b", /* Russian */
        "\xd4\xbd\xd5\xb8\xd5\xbb\xd5\xa1\xd5\xac\xd5\xab",     /* Armenian */
        "e\xcc\x81\xcc\x81",                                /* combining marks */
        "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", /* ZWJ emoji */
        "\xe2\x80\xae" "abc" "\xe2\x80\xac",                /* bidi controls */
        "<b>not markup</b> &amp;",
    };
    GString *in = g_string_new("label,v\n");
    for (size_t i = 0; i < N(labels); i++)
        g_string_append_printf(in, "\"%s\",%zu\n", labels[i], i);
    fs_diag *d = fs_diag_new();
    fs_table *t = fs_table_load_buffer("t.csv", in->str, in->len, NULL, d);
    assert_non_null(t);
    for (size_t i = 0; i < N(labels); i++)
        assert_string_equal(fs_table_cell(t, i, 0), labels[i]);
    fs_table_free(t);
    fs_diag_free(d);
    g_string_free(in, TRUE);
}

static const struct {
    const char *what;
    const char *in;
    const char *want;
} load_errors[] = {
    {"header only", "a,b\n", "t.csv:1: no data rows: only a header line"},
    {"header after blanks", "\n\n a \n\n", "t.csv:3: no data rows: only a header line"},
    {"empty", "", "t.csv: no data rows: the file is empty"},
    {"csvread errors pass through", "a,b\n1\n", "t.csv:2:1: row has 1 field but the header has 2"},
};

static void test_load_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(load_errors); i++) {
        fs_diag *d = fs_diag_new();
        fs_table *t = load(load_errors[i].in, d);
        assert_null(t);
        assert_int_equal(fs_diag_count(d), 1);
        assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
        if (strcmp(fs_diag_message(d, 0), load_errors[i].want) != 0)
            fail_msg("%s: want \"%s\", got \"%s\"", load_errors[i].what, load_errors[i].want,
                     fs_diag_message(d, 0));
        fs_diag_free(d);
    }
}

/* fs_table_check_file validates without keeping the table: it accepts
 * what fs_table_load accepts, and refuses the rest with the same message. */
static void test_check_file(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("fs-table-XXXXXX", NULL);
    assert_non_null(dir);
    char *path = g_build_filename(dir, "t.csv", NULL);
    static const struct {
        const char *in;
        size_t rows;
    } good[] = {{"a,b\n1,2\n", 1}, {"\n\na\r\n1\r\n2\r\n3", 3}, {"a\n\"x\ny\"\n", 1}};
    for (size_t i = 0; i < N(good); i++) {
        assert_true(g_file_set_contents(path, good[i].in, -1, NULL));
        fs_diag *d = fs_diag_new();
        size_t rows = 99;
        assert_true(fs_table_check_file(path, NULL, &rows, d));
        assert_int_equal(rows, good[i].rows);
        assert_int_equal(fs_diag_count(d), 0);
        fs_diag_free(d);
    }
    static const char *bad[] = {"", "\xef\xbb\xbf", "\n\n", "\n\na,b\n", "a,b\n1\n",
                                "a\n\"x\n", "a\n1\xe9\n", "a\nx\"y\n"};
    for (size_t i = 0; i < N(bad); i++) {
        assert_true(g_file_set_contents(path, bad[i], -1, NULL));
        fs_diag *want = fs_diag_new(), *got = fs_diag_new();
        fs_table *t = fs_table_load(path, NULL, want);
        assert_null(t);
        size_t rows = 99;
        assert_false(fs_table_check_file(path, NULL, &rows, got));
        assert_int_equal(rows, 0);
        assert_int_equal(fs_diag_count(got), 1);
        assert_int_equal(fs_diag_status(got), fs_diag_status(want));
        assert_string_equal(fs_diag_message(got, 0), fs_diag_message(want, 0));
        fs_diag_free(want);
        fs_diag_free(got);
    }
    /* a header alone: the table's own message, at the header's line */
    assert_true(g_file_set_contents(path, "\n\na,b\n", -1, NULL));
    fs_diag *d = fs_diag_new();
    assert_false(fs_table_check_file(path, NULL, NULL, d));
    g_autofree char *want = g_strdup_printf("%s:3: no data rows: only a header line", path);
    assert_string_equal(fs_diag_message(d, 0), want);
    fs_diag_free(d);
    fs_diag *missing = fs_diag_new();
    g_autofree char *nopath = g_build_filename(dir, "none.csv", NULL);
    assert_false(fs_table_check_file(nopath, NULL, NULL, missing));
    assert_int_equal(fs_diag_status(missing), FS_ERR_INPUT);
    fs_diag_free(missing);
    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

/* The fast path (at most 15 digits, no exponent) must give strtod's double,
 * bit for bit: random tokens of every shape it takes, and its edges. */
static void test_number_fast_path(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(11);
    char buf[64];
    for (int k = 0; k < 200000; k++) {
        int intd = g_rand_int_range(rng, 0, 16), fracd = g_rand_int_range(rng, 0, 23);
        size_t n = 0;
        if (g_rand_boolean(rng))
            buf[n++] = '-';
        for (int i = 0; i < intd; i++)
            buf[n++] = (char)('0' + g_rand_int_range(rng, 0, 10));
        if (fracd || !intd) {
            buf[n++] = '.';
            for (int i = 0; i < (fracd ? fracd : 1); i++)
                buf[n++] = (char)('0' + g_rand_int_range(rng, 0, 10));
        }
        buf[n] = '\0';
        double got, want = g_ascii_strtod(buf, NULL);
        assert_true(fs_number_parse(buf, n, &got, NULL));
        if (memcmp(&got, &want, sizeof got) != 0)
            fail_msg("%s: %.17g, strtod %.17g", buf, got, want);
    }
    g_rand_free(rng);
    static const char *edges[] = {"999999999999999",  "9999999999999999", "0.1",
                                  "0.0000000000000000000001", "0.00000000000000000000001",
                                  "123456789012345.6", "1,234,567.891",   "-0.0",
                                  "9007199254740993", "0.30000000000000004", "4.9406564584124654e-324"};
    for (size_t i = 0; i < N(edges); i++) {
        g_autofree char *plain = g_strdup(edges[i]);
        char *w = plain;
        for (const char *r = edges[i]; *r; r++)
            if (*r != ',')
                *w++ = *r;
        *w = '\0';
        double got, want = g_ascii_strtod(plain, NULL);
        assert_true(fs_number_parse(edges[i], strlen(edges[i]), &got, NULL));
        if (memcmp(&got, &want, sizeof got) != 0)
            fail_msg("%s: %.17g, strtod %.17g", edges[i], got, want);
    }
}

/* ---- from a descriptor ---------------------------------------------------- */

/* fs_table_load_fd reads a file the caller keeps open: from its start
 * whatever its offset, without moving it, as often as asked, without closing
 * it; messages name the name given. */
static void test_load_fd(void **state)
{
    (void)state;
    g_autofree char *dir = g_dir_make_tmp("fs-fd-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "in.csv", NULL);
    assert_true(g_file_set_contents(path, "a,b\nx,1\ny,2\n", -1, NULL));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    assert_true(fd >= 0);
    assert_int_equal(lseek(fd, 5, SEEK_SET), 5);
    g_autoptr(fs_diag) d = fs_diag_new();
    for (int i = 0; i < 2; i++) {
        fs_table *t = fs_table_load_fd(fd, "shown.csv", NULL, d);
        assert_non_null(t);
        assert_int_equal(fs_table_nrows(t), 2);
        assert_string_equal(fs_table_cell(t, 1, 0), "y");
        assert_string_equal(fs_table_name(t), "shown.csv");
        fs_table_free(t);
    }
    assert_int_equal(lseek(fd, 0, SEEK_CUR), 5);
    /* the same file, rewritten in place (not replaced, which the
     * descriptor would not see) */
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("a,b\n", fp);
    assert_int_equal(fclose(fp), 0);
    assert_null(fs_table_load_fd(fd, "shown.csv", NULL, d));
    assert_non_null(strstr(fs_diag_message(d, 0), "shown.csv:1:"));
    assert_int_equal(close(fd), 0); /* still open: not closed by the loads */
    g_remove(path);
    g_rmdir(dir);
}

/* ---- aggregation ---------------------------------------------------------- */

static fs_table *aggregate(const char *dir, const char *csv, const char *label,
                           const char *const *values, fs_agg agg, fs_diag *d)
{
    g_autofree char *path = g_build_filename(dir, "agg.csv", NULL);
    assert_true(g_file_set_contents(path, csv, -1, NULL));
    return fs_table_aggregate_file(path, NULL, label, values, agg, d);
}

static void test_aggregate(void **state)
{
    (void)state;
    g_autofree char *dir = g_dir_make_tmp("fs-agg-XXXXXX", NULL);
    static const char csv[] = "region,a,b\nNorth,1,10\nSouth,2,20\nNorth,3,-5\nEast,0.5,1\n"
                              "South,4,2\n";
    const char *ab[] = {"a", "b", NULL};
    static const struct {
        fs_agg agg;
        double want[3][2]; /* North, South, East */
    } cases[] = {
        {FS_AGG_SUM, {{4, 5}, {6, 22}, {0.5, 1}}},   {FS_AGG_COUNT, {{2, 2}, {2, 2}, {1, 1}}},
        {FS_AGG_MEAN, {{2, 2.5}, {3, 11}, {0.5, 1}}}, {FS_AGG_MIN, {{1, -5}, {2, 2}, {0.5, 1}}},
        {FS_AGG_MAX, {{3, 10}, {4, 20}, {0.5, 1}}},
    };
    for (size_t c = 0; c < N(cases); c++) {
        fs_diag *d = fs_diag_new();
        fs_table *t = aggregate(dir, csv, "region", ab, cases[c].agg, d);
        assert_non_null(t);
        assert_int_equal(fs_table_nrows(t), 3);
        assert_int_equal(fs_table_ncols(t), 3);
        assert_string_equal(fs_table_header(t, 0), "region");
        assert_string_equal(fs_table_header(t, 2), "b");
        static const char *labels[] = {"North", "South", "East"};
        static const unsigned long lines[] = {2, 3, 5};
        double col[3];
        for (size_t v = 0; v < 2; v++) {
            assert_true(fs_table_numbers(t, v + 1, col, d));
            for (size_t r = 0; r < 3; r++) {
                assert_string_equal(fs_table_cell(t, r, 0), labels[r]);
                assert_int_equal(fs_table_row_line(t, r), lines[r]);
                assert_true(col[r] == cases[c].want[r][v]);
            }
        }
        fs_table_free(t);
        fs_diag_free(d);
    }
    /* count without value columns makes a column "count" */
    fs_diag *d = fs_diag_new();
    const char *none[] = {NULL};
    fs_table *t = aggregate(dir, csv, "region", none, FS_AGG_COUNT, d);
    assert_non_null(t);
    assert_int_equal(fs_table_ncols(t), 2);
    assert_string_equal(fs_table_header(t, 1), "count");
    assert_string_equal(fs_table_cell(t, 1, 1), "2");
    fs_table_free(t);
    /* a compensated sum: a million times 0.1 is 100000 to the last digit */
    GString *many = g_string_new("k,v\n");
    for (int i = 0; i < 1000000; i++)
        g_string_append(many, "x,0.1\n");
    const char *v[] = {"v", NULL};
    t = aggregate(dir, many->str, "k", v, FS_AGG_SUM, d);
    g_string_free(many, TRUE);
    assert_non_null(t);
    double sum;
    assert_true(fs_table_numbers(t, 1, &sum, d));
    assert_true(sum == 100000.0);
    fs_table_free(t);
    /* the messages of a plain load, for the same faults */
    static const struct {
        const char *csv, *label, *want;
    } bad[] = {
        {"region,a\nNorth,1\nSouth,x\n", "region", "agg.csv:3:7: \"x\" in column \"a\" is not a number"},
        {"region,a\nNorth,\n", "region", "agg.csv:2:7: \"\" in column \"a\" is not a number (empty cell)"},
        {"region,a\nNorth,1\n", "place", "agg.csv:1: no column \"place\"; the columns are \"region\", \"a\""},
        {"region,a\n", "region", "agg.csv:1: no data rows: only a header line"},
        {"region,a\nN,1e308\nN,1e308\n", "region", "agg.csv:2: the sum of column \"a\" for \"N\" overflows a double"},
    };
    const char *a[] = {"a", NULL};
    for (size_t i = 0; i < N(bad); i++) {
        fs_diag_clear(d);
        assert_null(aggregate(dir, bad[i].csv, bad[i].label, a, FS_AGG_SUM, d));
        assert_int_equal(fs_diag_count(d), 1);
        const char *msg = fs_diag_message(d, 0);
        const char *base = strstr(msg, "agg.csv");
        assert_non_null(base);
        if (strncmp(base, bad[i].want, strlen(bad[i].want)) != 0)
            fail_msg("got %s, want %s", base, bad[i].want);
    }
    /* more distinct labels than the bound: an error at the first one too many */
    GString *wide = g_string_new("k,v\n");
    for (int i = 0; i <= FS_AGG_MAX_GROUPS; i++)
        g_string_append_printf(wide, "k%d,1\n", i);
    fs_diag_clear(d);
    assert_null(aggregate(dir, wide->str, "k", v, FS_AGG_SUM, d));
    g_string_free(wide, TRUE);
    assert_non_null(strstr(fs_diag_message(d, 0), "more than 10000 distinct labels"));
    fs_diag_free(d);
    g_autofree char *path = g_build_filename(dir, "agg.csv", NULL);
    g_unlink(path);
    g_rmdir(dir);
}

/* ---- columns -------------------------------------------------------------- */

static void test_find_column(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_table *t = load("label,count,,count, x y \n1,2,3,4,5\n", d);
    assert_non_null(t);
    size_t col = 99;
    assert_true(fs_table_find_column(t, "label", &col, d));
    assert_int_equal(col, 0);
    assert_true(fs_table_find_column(t, "x y", &col, d));
    assert_int_equal(col, 4);
    assert_int_equal(fs_diag_count(d), 0);

    static const struct {
        const char *name;
        const char *want;
    } bad[] = {
        {"Label", "t.csv:1: no column \"Label\" (did you mean \"label\"?); the columns are \"label\", \"count\", \"\", "
                  "\"count\", \"x y\""},
        {"cuont", "t.csv:1: no column \"cuont\" (did you mean \"count\"?); the columns are \"label\", "
                  "\"count\", \"\", \"count\", \"x y\""},
        {"x\x1b", "t.csv:1: no column \"x\\x1b\" (did you mean \"x y\"?); the columns are \"label\", \"count\", \"\", "
                  "\"count\", \"x y\""},
        {"count", "t.csv:1:14: column \"count\" occurs twice in the header (columns 2 and 4, at "
                  "1:7 and 1:14); rename one"},
        {"", "t.csv:1: an empty column name cannot be referred to"},
    };
    for (size_t i = 0; i < N(bad); i++) {
        col = 99;
        assert_false(fs_table_find_column(t, bad[i].name, &col, d));
        assert_int_equal(col, 99);
        assert_int_equal(fs_diag_count(d), 1);
        assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
        assert_string_equal(fs_diag_message(d, 0), bad[i].want);
        fs_diag_clear(d);
    }
    fs_table_free(t);

    /* a wide header: the list is cut */
    GString *in = g_string_new(NULL);
    for (int i = 0; i < 30; i++)
        g_string_append_printf(in, "%sc%d", i ? "," : "", i);
    g_string_append(in, "\n");
    for (int i = 0; i < 30; i++)
        g_string_append(in, i ? ",1" : "1");
    t = fs_table_load_buffer("t.csv", in->str, in->len, NULL, d);
    assert_false(fs_table_find_column(t, "nope", &col, d));
    assert_true(g_str_has_suffix(fs_diag_message(d, 0), "\"c18\", \"c19\" and 10 more"));
    fs_table_free(t);
    g_string_free(in, TRUE);
    fs_diag_free(d);
}

/* ---- value columns ---------------------------------------------------------- */

static void test_numbers(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_table *t = load("group,count\nA,\"1,275\"\nB, -3.5 \nC,1e308\nD,0\n", d);
    assert_non_null(t);
    double v[4];
    assert_true(fs_table_numbers(t, 1, v, d));
    assert_true(v[0] == 1275 && v[1] == -3.5 && v[2] == 1e308 && v[3] == 0);
    assert_int_equal(fs_diag_count(d), 0);
    fs_table_free(t);

    static const struct {
        const char *in;
        const char *want;
    } bad[] = {
        {"group,count\nA,1\nB,2\n\nC,  \"1,2x5\"\n",
         "t.csv:5:5: \"1,2x5\" in column \"count\" is not a number"},
        {"group,count\nA,\n", "t.csv:2:3: \"\" in column \"count\" is not a number (empty cell; "
         "--missing '' reads it as no value)"},
        {"group,count\nA,\"\"\n", "t.csv:2:3: \"\" in column \"count\" is not a number (empty cell; "
         "--missing '' reads it as no value)"},
        {"group,count\nA,\"12,5\"\n",
         "t.csv:2:3: \"12,5\" in column \"count\" is not a number (" DECIMAL_COMMA ")"},
        {"group,count\n\xc3\xa9,\xe2\x88\x92" "5\n",
         "t.csv:2:3: \"\xe2\x88\x92" "5\" in column \"count\" is not a number (U+2212 minus sign; "
         "write an ASCII '-')"},
        {"group,count\nA,\"x\x1b[2J\"\n",
         "t.csv:2:3: \"x\\x1b[2J\" in column \"count\" is not a number"},
        {"group,\"c\"\"q\"\nA,N/A\n",
         "t.csv:2:3: \"N/A\" in column \"c\\\"q\" is not a number (--missing 'N/A' reads it as no "
         "value)"},
        {"group,count\nA,Apple\n", "t.csv:2:3: \"Apple\" in column \"count\" is not a number"},
    };
    for (size_t i = 0; i < N(bad); i++) {
        t = load(bad[i].in, d);
        assert_non_null(t);
        assert_false(fs_table_numbers(t, 1, v, d));
        assert_int_equal(fs_diag_count(d), 1);
        assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
        assert_string_equal(fs_diag_message(d, 0), bad[i].want);
        fs_diag_clear(d);
        fs_table_free(t);
    }
    fs_diag_free(d);
}

/* A huge bad cell gives a short message. */
static void test_numbers_long_cell(void **state)
{
    (void)state;
    size_t big = 1000000;
    GString *in = g_string_new("a,b\nx,\"");
    for (size_t i = 0; i < big; i++)
        g_string_append_c(in, i == big / 2 ? 'x' : '7');
    g_string_append(in, "\"\n");
    fs_diag *d = fs_diag_new();
    fs_table *t = fs_table_load_buffer("t.csv", in->str, in->len, NULL, d);
    assert_non_null(t);
    double v;
    assert_false(fs_table_numbers(t, 1, &v, d));
    assert_true(strlen(fs_diag_message(d, 0)) < 300);
    assert_true(g_str_has_suffix(fs_diag_message(d, 0), "…\" in column \"b\" is not a number"));
    fs_table_free(t);
    fs_diag_free(d);
    g_string_free(in, TRUE);
}

static void test_col_types(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_table *t = load("a,b,c,d\n1,,x,\n2,, 3 ,\"\"\n", d);
    assert_int_equal(fs_table_col_type(t, 0), FS_COL_NUMBER);
    assert_int_equal(fs_table_col_type(t, 1), FS_COL_MISSING);
    assert_int_equal(fs_table_col_type(t, 2), FS_COL_TEXT);
    assert_int_equal(fs_table_col_type(t, 3), FS_COL_MISSING);
    fs_table_free(t);
    t = load("a\n1\n\"\"\n2\n", d);
    assert_int_equal(fs_table_col_type(t, 0), FS_COL_NUMBER);
    fs_table_free(t);
    fs_diag_free(d);
}

/* ---- TSV ------------------------------------------------------------------ */

static void test_write_tsv(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    const char *in = " a ,\"b\tc\"\n\"x\\y\",\"1\r\n2\"\n\"\xc3\xa9\",\"\"\"q\"\"\"\n";
    fs_table *t = load(in, d);
    assert_non_null(t);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_true(fs_table_write_tsv(t, fp));
    fclose(fp);
    assert_string_equal(buf, "a\tb\\tc\nx\\\\y\t1\\r\\n2\n\xc3\xa9\t\"q\"\n");
    free(buf);
    fs_table_free(t);
    fs_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_grammar),
        cmocka_unit_test(test_number_comma_grammar),
        cmocka_unit_test(test_numbers_decimal_comma),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_number_locale),
        cmocka_unit_test(test_number_fast_path),
        cmocka_unit_test(test_aggregate),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_labels_whole),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_check_file),
        cmocka_unit_test(test_find_column),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_numbers_long_cell),
        cmocka_unit_test(test_col_types),
        cmocka_unit_test(test_write_tsv),
        cmocka_unit_test(test_load_fd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
