/* Unit tests for csvread: every structural rule of the CSV policy, table
 * driven. Each case is an input and either the rows it gives (with the
 * line:col of every field) or the one diagnostic it gives, word for word.
 * Every case runs through fs_csv_read_buffer and through fs_csv_read_file
 * (a temp file), and through fs_csv_validate_buffer / _file, which must give
 * the same rows (line and width) and the same diagnostic. The
 * block-boundary tests check that the file reader (64 KiB blocks, scanned in
 * 16 KiB chunks) gives exactly what the buffer reader (other chunks) gives,
 * wherever the boundary falls. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "csvread.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------ */

static void append_text(GString *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default: g_string_append_c(out, s[i]);
        }
    }
}

/* Rows as text: "L<line>: text@line:col[q]|…\n" per row. */
static bool dump_row(const fs_csv_row *row, void *user, fs_diag *d)
{
    (void)d;
    GString *out = user;
    assert_int_equal(strlen(row->fields[0].text) <= row->fields[0].len, 1);
    g_string_append_printf(out, "L%lu:", row->line);
    for (size_t i = 0; i < row->n; i++) {
        const fs_csv_field *f = &row->fields[i];
        assert_int_equal(f->text[f->len], '\0');
        g_string_append(out, i ? "|" : " ");
        append_text(out, f->text, f->len);
        g_string_append_printf(out, "@%lu:%lu%s", f->line, f->col, f->quoted ? "q" : "");
    }
    g_string_append_c(out, '\n');
    return true;
}

/* Rows as "L<line>#<n>\n" only, what fs_csv_validate_* gives too. The
 * validating readers give no fields, the others always do. */
static bool validating;
static bool dump_lines(const fs_csv_row *row, void *user, fs_diag *d)
{
    (void)d;
    assert_int_equal(row->fields == NULL, validating);
    g_string_append_printf(user, "L%lu#%zu\n", row->line, row->n);
    return true;
}

/* --encoding of the readers below (NULL: UTF-8). */
static const char *encoding;

typedef bool (*buffer_reader)(const char *name, const char *buf, size_t len,
                              const fs_csv_opts *o, fs_csv_row_fn fn, void *user, fs_diag *d);
typedef bool (*file_reader)(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                            fs_diag *d);

/* Result of reading with rd and fn: the rows fn dumps, or
 * "ERR<status> <message>". */
static char *read_buf_with(buffer_reader rd, fs_csv_row_fn fn, const char *name, const char *in,
                           size_t len, char delim)
{
    fs_csv_opts o = {.delimiter = delim, .encoding = encoding};
    fs_diag *d = fs_diag_new();
    GString *out = g_string_new(NULL);
    bool ok = rd(name, in, len, &o, fn, out, d);
    assert_int_equal(ok, fs_diag_count(d) == 0);
    if (!ok) {
        assert_int_equal(fs_diag_count(d), 1);
        g_string_printf(out, "ERR%d %s", (int)fs_diag_status(d), fs_diag_message(d, 0));
    }
    fs_diag_free(d);
    return g_string_free(out, FALSE);
}

static char *read_buf(const char *name, const char *in, size_t len, char delim)
{
    return read_buf_with(fs_csv_read_buffer, dump_row, name, in, len, delim);
}

/* Same through a file called name in a temp dir; messages use the name. */
static char *read_file_with(file_reader rd, fs_csv_row_fn fn, const char *name, const char *in,
                            size_t len, char delim)
{
    char *dir = g_dir_make_tmp("fs-csvread-XXXXXX", NULL);
    assert_non_null(dir);
    char *path = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(path, in, (gssize)len, NULL));
    char *cwd = g_get_current_dir();
    assert_int_equal(chdir(dir), 0);

    fs_csv_opts o = {.delimiter = delim, .encoding = encoding};
    fs_diag *d = fs_diag_new();
    GString *out = g_string_new(NULL);
    bool ok = rd(name, &o, fn, out, d);
    if (!ok) {
        assert_int_equal(fs_diag_count(d), 1);
        g_string_printf(out, "ERR%d %s", (int)fs_diag_status(d), fs_diag_message(d, 0));
    }
    fs_diag_free(d);

    assert_int_equal(chdir(cwd), 0);
    g_unlink(path);
    g_rmdir(dir);
    g_free(cwd);
    g_free(path);
    g_free(dir);
    return g_string_free(out, FALSE);
}

static char *read_via_file(const char *name, const char *in, size_t len, char delim)
{
    return read_file_with(fs_csv_read_file, dump_row, name, in, len, delim);
}

/* Checks that validating in equals reading it: the same rows (line and
 * width) or the same diagnostic, from a buffer and from a file. Returns
 * the number of differences (printed). */
static int check_validate(const char *what, const char *in, size_t len, char delim)
{
    int failed = 0;
    validating = false;
    char *want = read_buf_with(fs_csv_read_buffer, dump_lines, "t.csv", in, len, delim);
    validating = true;
    char *got = read_buf_with(fs_csv_validate_buffer, dump_lines, "t.csv", in, len, delim);
    char *got_file = read_file_with(fs_csv_validate_file, dump_lines, "t.csv", in, len, delim);
    validating = false;
    if (strcmp(got, want) != 0) {
        print_error("case \"%s\" (validate)\n  want: %s\n  got:  %s\n", what, want, got);
        failed++;
    } else if (strcmp(got_file, want) != 0) {
        print_error("case \"%s\" (validate file)\n  want: %s\n  got:  %s\n", what, want,
                    got_file);
        failed++;
    }
    g_free(want);
    g_free(got);
    g_free(got_file);
    return failed;
}

typedef struct csv_case {
    const char *what;
    const char *in;
    size_t len; /* 0 = strlen(in) */
    char delim;
    const char *want; /* row dump or "ERR1 t.csv:…" */
} csv_case;

static void run_cases(const csv_case *cases, size_t n)
{
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        const csv_case *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->in);
        char *got = read_buf("t.csv", c->in, len, c->delim);
        char *got_file = read_via_file("t.csv", c->in, len, c->delim);
        if (strcmp(got, c->want) != 0) {
            print_error("case \"%s\"\n  want: %s\n  got:  %s\n", c->what, c->want, got);
            failed++;
        } else if (strcmp(got_file, c->want) != 0) {
            print_error("case \"%s\" (file)\n  want: %s\n  got:  %s\n", c->what, c->want,
                        got_file);
            failed++;
        }
        failed += check_validate(c->what, c->in, len, c->delim);
        g_free(got);
        g_free(got_file);
    }
    assert_int_equal(failed, 0);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- rule 1: UTF-8 only ------------------------------------------------- */

/* What a byte Windows-1252 has a character for says (not for overlong forms,
 * surrogates or code points beyond Unicode). */
#define LEGACY_HINT                                                                                \
    "(save the file as UTF-8, or read it with --encoding windows-1252 if that is its encoding)"

static const csv_case utf8_cases[] = {
    {"BOM skipped", "\xef\xbb\xbf" "a,b\n1,2\n", 0, 0, "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:3\n"},
    {"BOM then blank line", "\xef\xbb\xbf\na\n1\n", 0, 0, "L2: a@2:1\nL3: 1@3:1\n"},
    {"columns count characters", "\xc3\xa9t\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80,x\n1,2,3,4\n", 0,
     0, "L1: \xc3\xa9t\xc3\xa9@1:1|\xe2\x82\xac@1:5|\xf0\x9f\x98\x80@1:7|x@1:9\n"
        "L2: 1@2:1|2@2:3|3@2:5|4@2:7\n"},
    {"Latin-1 byte", "a,b\ncaf\xe9,1\n", 0, 0,
     "ERR1 t.csv:2:4: not UTF-8: invalid byte \\xe9 " LEGACY_HINT},
    {"Latin-1 after UTF-8 on the line", "a,b\n\xc3\xa9\xc3\xa9,x\xfc\n", 0, 0,
     "ERR1 t.csv:2:5: not UTF-8: invalid byte \\xfc " LEGACY_HINT},
    {"overlong 2-byte", "a\n\xc0\xaf\n", 0, 0,
     "ERR1 t.csv:2:1: not UTF-8: overlong encoding \\xc0\\xaf (save the file as UTF-8)"},
    {"overlong 3-byte", "a\nx\xe0\x80\xaf\n", 0, 0,
     "ERR1 t.csv:2:2: not UTF-8: overlong encoding \\xe0\\x80\\xaf (save the file as UTF-8)"},
    {"overlong 4-byte", "a\n\xf0\x80\x80\xaf\n", 0, 0,
     "ERR1 t.csv:2:1: not UTF-8: overlong encoding \\xf0\\x80\\x80\\xaf (save the file as UTF-8)"},
    {"encoded surrogate", "a\n\"\xed\xa0\x80\"\n", 0, 0,
     "ERR1 t.csv:2:2: not UTF-8: encoded surrogate \\xed\\xa0\\x80 (save the file as UTF-8)"},
    {"beyond U+10FFFF", "a\n\xf4\x90\x80\x80\n", 0, 0,
     "ERR1 t.csv:2:1: not UTF-8: beyond U+10FFFF \\xf4\\x90\\x80\\x80 (save the file as UTF-8)"},
    {"stray continuation byte", "a\n1\x80\n", 0, 0,
     "ERR1 t.csv:2:2: not UTF-8: stray continuation byte \\x80 " LEGACY_HINT},
    {"byte 0xff", "a\n1\xff\n", 0, 0,
     "ERR1 t.csv:2:2: not UTF-8: invalid byte \\xff " LEGACY_HINT},
    {"sequence cut by a newline", "a\n\xe2\x82\n", 0, 0,
     "ERR1 t.csv:2:1: not UTF-8: incomplete sequence \\xe2\\x82 " LEGACY_HINT},
    {"truncated at end of file", "a,b\n1,\xe2\x82", 0, 0,
     "ERR1 t.csv:2:3: not UTF-8: truncated sequence at end of file \\xe2\\x82 " LEGACY_HINT},
    {"invalid inside a quoted multi-line field", "a\n\"x\ny\xe9\"\n", 0, 0,
     "ERR1 t.csv:3:2: not UTF-8: invalid byte \\xe9 " LEGACY_HINT},
    {"NUL byte", "a,b\n1,\0\n", 7, 0, "ERR1 t.csv:2:3: not UTF-8: NUL byte"},
    {"NUL byte in the header", "ab\0\n", 4, 0, "ERR1 t.csv:1:3: not UTF-8: NUL byte"},
    {"UTF-16 LE with BOM", "\xff\xfe" "a\0,\0b\0\n\0", 10, 0,
     "ERR1 t.csv:1:1: not UTF-8: the file is UTF-16 (byte order mark FF FE); save it as UTF-8, "
     "or read it with --encoding utf-16"},
    {"UTF-16 BE with BOM", "\xfe\xff\0a\0,\0b\0\n", 10, 0,
     "ERR1 t.csv:1:1: not UTF-8: the file is UTF-16 (byte order mark FE FF); save it as UTF-8, "
     "or read it with --encoding utf-16"},
    {"UTF-16 LE without BOM", "a\0,\0b\0\n\0", 8, 0,
     "ERR1 t.csv:1:1: not UTF-8: the file looks like UTF-16 (NUL bytes); save it as UTF-8"},
    {"UTF-16 BE without BOM", "\0a\0,\0b\0\n", 8, 0,
     "ERR1 t.csv:1:1: not UTF-8: the file looks like UTF-16 (NUL bytes); save it as UTF-8"},
    {"quote error before a bad byte wins", "a\nx\"\xe9\n", 0, 0,
     "ERR1 t.csv:2:2: quote inside an unquoted field (quote the whole field and double the "
     "quote: \"a \"\"b\"\"\")"},
};

static void test_utf8(void **state)
{
    (void)state;
    run_cases(utf8_cases, N(utf8_cases));
}

/* ---- rule 2: strict quoting --------------------------------------------- */

#define QUOTE_IN_UNQUOTED                                                                          \
    "quote inside an unquoted field (quote the whole field and double the quote: \"a \"\"b\"\"\")"
#define TEXT_AFTER_QUOTE                                                                           \
    "text after the closing quote of a quoted field (a quote inside quotes is written twice: \"\")"
#define UNTERMINATED "unterminated quoted field: the quote opened here is never closed"

static const csv_case quote_cases[] = {
    {"quoted fields", "\"a\",\"b,c\"\n\"1\"\"2\",\"\"\n", 0, 0,
     "L1: a@1:1q|b,c@1:5q\nL2: 1\"2@2:1q|@2:8q\n"},
    {"quoted field over lines", "a,b\n\"x\ny\r\nz\",2\n3,4\n", 0, 0,
     "L1: a@1:1|b@1:3\nL2: x\\ny\\r\\nz@2:1q|2@4:4\nL5: 3@5:1|4@5:3\n"},
    {"quoted text kept byte for byte", "a\n\" \t x \t \"\n", 0, 0, "L1: a@1:1\nL2:  \\t x \\t @2:1q\n"},
    {"spaces around a quoted field", "a,b\n  \"x\"  ,\t\"y\"\t\n", 0, 0,
     "L1: a@1:1|b@1:3\nL2: x@2:3q|y@2:10q\n"},
    {"quote inside an unquoted field", "a,b\n1,x\"y\n", 0, 0, "ERR1 t.csv:2:4: " QUOTE_IN_UNQUOTED},
    {"quote ending an unquoted field", "a,b\n1,2\"\n", 0, 0, "ERR1 t.csv:2:4: " QUOTE_IN_UNQUOTED},
    {"quote after leading text", "a\n  ab\"c\"\n", 0, 0, "ERR1 t.csv:2:5: " QUOTE_IN_UNQUOTED},
    {"text after the closing quote", "a,b\n1,\"x\"y\n", 0, 0, "ERR1 t.csv:2:6: " TEXT_AFTER_QUOTE},
    {"text after closing quote and spaces", "a,b\n1,\"x\"  y\n", 0, 0,
     "ERR1 t.csv:2:8: " TEXT_AFTER_QUOTE},
    {"second quoted part", "a\n\"x\" \"y\"\n", 0, 0, "ERR1 t.csv:2:5: " TEXT_AFTER_QUOTE},
    {"text after a multi-line quoted field", "a\n\"x\né\"z\n", 0, 0,
     "ERR1 t.csv:3:3: " TEXT_AFTER_QUOTE},
    {"unterminated quote names where it opened", "a,b\n1,\"x\n2,3\n4,5\n", 0, 0,
     "ERR1 t.csv:2:3: " UNTERMINATED},
    {"unterminated after blanks", "a,b\n1,  \"x,y\n", 0, 0, "ERR1 t.csv:2:5: " UNTERMINATED},
    {"unterminated after an escaped quote", "a\n\"x\"\"\n", 0, 0, "ERR1 t.csv:2:1: " UNTERMINATED},
    {"unterminated after a closed multi-line field", "a,b\n\"1\n\",2\n3,\"4\n", 0, 0,
     "ERR1 t.csv:4:3: " UNTERMINATED},
    {"unterminated in the header", "\"a,b\n1,2\n", 0, 0, "ERR1 t.csv:1:1: " UNTERMINATED},
    {"quoted field at end of file", "a,b\n1,\"2\"", 0, 0, "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:3q\n"},
};

static void test_quoting(void **state)
{
    (void)state;
    run_cases(quote_cases, N(quote_cases));
}

/* ---- rule 3: line ends and blank lines ---------------------------------- */

static const csv_case line_cases[] = {
    {"LF", "a,b\n1,2\n", 0, 0, "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:3\n"},
    {"CRLF", "a,b\r\n1,2\r\n", 0, 0, "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:3\n"},
    {"lone CR", "a,b\r1,2\r", 0, 0, "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:3\n"},
    {"mixed", "a,b\r\n1,2\r3,4\n5,6\r\n7,8", 0, 0,
     "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:3\nL3: 3@3:1|4@3:3\nL4: 5@4:1|6@4:3\nL5: 7@5:1|8@5:3\n"},
    {"no final newline", "a\n1", 0, 0, "L1: a@1:1\nL2: 1@2:1\n"},
    {"blank lines counted and skipped", "\n\r\n\ra,b\n\n\r\n1,2\n\n", 0, 0,
     "L4: a@4:1|b@4:3\nL7: 1@7:1|2@7:3\n"},
    {"line of spaces is blank", "a,b\n  \t \n1,2\n \t", 0, 0, "L1: a@1:1|b@1:3\nL3: 1@3:1|2@3:3\n"},
    {"CR LF inside a quoted field is one line", "a,b\n\"1\r\n2\",x\n3,4\n", 0, 0,
     "L1: a@1:1|b@1:3\nL2: 1\\r\\n2@2:1q|x@3:4\nL4: 3@4:1|4@4:3\n"},
    {"lone CR and LF CR inside a quoted field", "a\n\"1\r2\n\r3\"\nz\n", 0, 0,
     "L1: a@1:1\nL2: 1\\r2\\n\\r3@2:1q\nL6: z@6:1\n"},
    {"error line after CRs", "a\r\r\r\n\r1\"\n", 0, 0, "ERR1 t.csv:5:2: " QUOTE_IN_UNQUOTED},
};

static void test_lines(void **state)
{
    (void)state;
    run_cases(line_cases, N(line_cases));
}

/* ---- rule 4: trimming --------------------------------------------------- */

static const csv_case trim_cases[] = {
    {"spaces and tabs trimmed", " a ,\tb\t, c d \n 1 ,\t2 , 3\t3 \n", 0, 0,
     "L1: a@1:2|b@1:6|c d@1:10\nL2: 1@2:2|2@2:6|3\\t3@2:10\n"},
    {"empty fields", "a,b,c\n,,\n , ,\n", 0, 0,
     "L1: a@1:1|b@1:3|c@1:5\nL2: @2:1|@2:2|@2:3\nL3: @3:2|@3:4|@3:5\n"},
    {"NBSP is not trimmed", "a\n\xc2\xa0x\n", 0, 0, "L1: a@1:1\nL2: \xc2\xa0x@2:1\n"},
};

static void test_trim(void **state)
{
    (void)state;
    run_cases(trim_cases, N(trim_cases));
}

/* ---- rule 5: row width -------------------------------------------------- */

static const csv_case width_cases[] = {
    {"too few fields", "a,b,c\n1,2,3\n 4,5\n", 0, 0,
     "ERR1 t.csv:3:2: row has 2 fields but the header has 3"},
    {"one field", "a,b\n1,2\n3\n", 0, 0, "ERR1 t.csv:3:1: row has 1 field but the header has 2"},
    {"too many fields", "a,b\n1,2\n3,4, 5,6\n", 0, 0,
     "ERR1 t.csv:3:6: row has 4 fields but the header has 2"},
    {"trailing delimiter is a field", "a,b\n1,2,\n", 0, 0,
     "ERR1 t.csv:2:5: row has 3 fields but the header has 2"},
    {"multi-line row counts from its first extra field", "a\n\"1\n2\",\"3\n4\"\n", 0, 0,
     "ERR1 t.csv:3:4: row has 2 fields but the header has 1"},
    {"empty header names are fields", "a,,c\n1,2,3\n", 0, 0, "L1: a@1:1|@1:3|c@1:4\nL2: 1@2:1|2@2:3|3@2:5\n"},
};

static void test_width(void **state)
{
    (void)state;
    run_cases(width_cases, N(width_cases));
}

/* ---- rule 6: no rows ---------------------------------------------------- */

static const csv_case empty_cases[] = {
    {"empty file", "", 0, 0, "ERR1 t.csv: no data rows: the file is empty"},
    {"BOM only", "\xef\xbb\xbf", 0, 0, "ERR1 t.csv: no data rows: the file is empty"},
    {"blank lines only", "\n\r\n \t \r\n", 0, 0, "ERR1 t.csv: no data rows: the file has only blank lines"},
    {"BOM and blank lines", "\xef\xbb\xbf\n\n", 0, 0,
     "ERR1 t.csv: no data rows: the file has only blank lines"},
    {"a header alone is a row (table refuses it)", "a,b\n", 0, 0, "L1: a@1:1|b@1:3\n"},
};

static void test_empty(void **state)
{
    (void)state;
    run_cases(empty_cases, N(empty_cases));
}

/* ---- delimiters ----------------------------------------------------------- */

static const csv_case delim_cases[] = {
    {"semicolon", "a;b\n1,5;\"x;y\"\n", 0, ';', "L1: a@1:1|b@1:3\nL2: 1,5@2:1|x;y@2:5q\n"},
    {"pipe", "a|b\n1| 2\n", 0, '|', "L1: a@1:1|b@1:3\nL2: 1@2:1|2@2:4\n"},
    {"tab keeps spaces trimmed, tabs split", "a\tb\n 1 \t\"2\t3\"\n", 0, '\t',
     "L1: a@1:1|b@1:3\nL2: 1@2:2|2\\t3@2:5q\n"},
    {"tab: empty fields are not blanks", "a\tb\tc\n\t\t\n", 0, '\t',
     "L1: a@1:1|b@1:3|c@1:5\nL2: @2:1|@2:2|@2:3\n"},
};

static void test_delimiters(void **state)
{
    (void)state;
    run_cases(delim_cases, N(delim_cases));
}

static void test_delimiter_args(void **state)
{
    (void)state;
    static const struct {
        const char *arg;
        bool ok;
        char want;
    } t[] = {
        {",", true, ','},  {";", true, ';'},   {"|", true, '|'},    {"tab", true, '\t'},
        {"TAB", true, '\t'}, {"\t", true, '\t'}, {"", false, 0},    {":", false, 0},
        {",,", false, 0},  {"\\t", false, 0},  {"space", false, 0}, {" ", false, 0},
    };
    for (size_t i = 0; i < N(t); i++) {
        char c = 0;
        bool ok = fs_csv_parse_delimiter(t[i].arg, &c);
        if (ok != t[i].ok || (ok && c != t[i].want))
            fail_msg("--delimiter '%s'", t[i].arg);
    }
    assert_false(fs_csv_parse_delimiter(NULL, &(char){0}));

    fs_csv_opts none = {0}, semi = {.delimiter = ';'};
    assert_int_equal(fs_csv_delimiter_for("x.csv", &none), ',');
    assert_int_equal(fs_csv_delimiter_for("x.tsv", &none), '\t');
    assert_int_equal(fs_csv_delimiter_for("dir/X.TSV", NULL), '\t');
    assert_int_equal(fs_csv_delimiter_for("x.tsv", &semi), ';');
    assert_int_equal(fs_csv_delimiter_for("tsv", NULL), ',');

    /* a .tsv name picks TAB when no delimiter is given */
    char *got = read_buf("t.tsv", "a\tb\n1,2\t3\n", 10, 0);
    assert_string_equal(got, "L1: a@1:1|b@1:3\nL2: 1,2@2:1|3@2:5\n");
    g_free(got);
}

/* ---- rule 9: limits ------------------------------------------------------- */

static void test_column_limit(void **state)
{
    (void)state;
    /* FS_CSV_MAX_COLUMNS columns are fine; one more is refused at that field */
    GString *in = g_string_new(NULL);
    for (int i = 0; i < FS_CSV_MAX_COLUMNS; i++)
        g_string_append(in, i ? ",h" : "h");
    g_string_append(in, "\n");
    for (int i = 0; i < FS_CSV_MAX_COLUMNS; i++)
        g_string_append(in, i ? ",1" : "1");
    g_string_append(in, "\n");
    char *got = read_buf("t.csv", in->str, in->len, 0);
    assert_true(g_str_has_prefix(got, "L1: h@1:1|h@1:3|"));
    g_free(got);

    g_string_truncate(in, 0);
    for (int i = 0; i < 5 * FS_CSV_MAX_COLUMNS; i++)
        g_string_append(in, i ? ",h" : "h");
    got = read_buf("t.csv", in->str, in->len, 0);
    assert_string_equal(got, "ERR1 t.csv:1:20001: the header has more than 10000 columns, the "
                             "limit (FS_CSV_MAX_COLUMNS)");
    g_free(got);

    /* a data row far wider than the header stops at the limit */
    g_string_assign(in, "a,b\n");
    for (int i = 0; i < 3 * FS_CSV_MAX_COLUMNS; i++)
        g_string_append(in, i ? ",1" : "1");
    got = read_buf("t.csv", in->str, in->len, 0);
    assert_string_equal(got, "ERR1 t.csv:2:5: row has more than 10000 fields, the limit "
                             "(FS_CSV_MAX_COLUMNS), but the header has 2");
    g_free(got);
    validating = true;
    got = read_buf_with(fs_csv_validate_buffer, dump_lines, "t.csv", in->str, in->len, 0);
    validating = false;
    assert_string_equal(got, "ERR1 t.csv:2:5: row has more than 10000 fields, the limit "
                             "(FS_CSV_MAX_COLUMNS), but the header has 2");
    g_free(got);
    g_string_free(in, TRUE);
}

static void test_field_limit(void **state)
{
    (void)state;
    size_t big = FS_CSV_MAX_FIELD_BYTES + 10;
    char *in = g_malloc(big + 16);
    memcpy(in, "a\n \"", 4);
    memset(in + 4, 'x', big);
    char *got = read_buf("t.csv", in, big + 4, 0);
    assert_string_equal(got, "ERR1 t.csv:2:2: field is longer than 67108864 bytes, the limit "
                             "(FS_CSV_MAX_FIELD_BYTES); is a closing quote missing?");
    g_free(got);
    in[3] = 'x';
    got = read_via_file("t.csv", in, big + 4, 0);
    assert_string_equal(got, "ERR1 t.csv:2:2: field is longer than 67108864 bytes, the limit "
                             "(FS_CSV_MAX_FIELD_BYTES)");
    g_free(got);
    validating = true;
    got = read_file_with(fs_csv_validate_file, dump_lines, "t.csv", in, big + 4, 0);
    validating = false;
    assert_string_equal(got, "ERR1 t.csv:2:2: field is longer than 67108864 bytes, the limit "
                             "(FS_CSV_MAX_FIELD_BYTES)");
    g_free(got);

    /* just under the limit works, quoted, through the file reader */
    size_t ok = 50u * 1000u * 1000u;
    memcpy(in, "a\n\"", 3);
    memset(in + 3, 'y', ok);
    memcpy(in + 3 + ok, "\"\n", 2);
    fs_csv_opts o = {0};
    fs_diag *d = fs_diag_new();
    GString *out = g_string_new(NULL);
    assert_true(fs_csv_read_buffer("t.csv", in, ok + 5, &o, dump_row, out, d));
    assert_int_equal(out->len, strlen("L1: a@1:1\nL2: ") + ok + strlen("@2:1q\n"));
    g_string_free(out, TRUE);
    fs_diag_free(d);
    g_free(in);
}

/* ---- block boundaries ------------------------------------------------------ */

/* Puts tail at every offset around a boundary of the file reader (its 64
 * KiB blocks and 16 KiB chunks) and checks that it agrees with the buffer
 * reader, whose chunks end elsewhere; so does validation. */
static void check_boundaries(size_t block, const char *tail, size_t tail_len)
{
    for (size_t shift = 0; shift < 8; shift++) {
        GString *in = g_string_new("h,v\n");
        /* a padding row whose end puts tail at block - shift */
        size_t pad = block - shift - in->len - 3;
        g_string_append(in, "p,");
        for (size_t i = 0; i < pad; i++)
            g_string_append_c(in, 'x');
        g_string_append_c(in, '\n');
        assert_int_equal(in->len, block - shift);
        g_string_append_len(in, tail, (gssize)tail_len);
        char *a = read_buf("t.csv", in->str, in->len, 0);
        char *b = read_via_file("t.csv", in->str, in->len, 0);
        if (strcmp(a, b) != 0)
            fail_msg("shift %zu: buffer and file differ:\n%.200s\n%.200s", shift,
                     strrchr(a, 'L') ? strrchr(a, 'L') : a, strrchr(b, 'L') ? strrchr(b, 'L') : b);
        if (check_validate("boundary", in->str, in->len, 0) != 0)
            fail_msg("block %zu shift %zu: validation differs", block, shift);
        g_free(a);
        g_free(b);
        g_string_free(in, TRUE);
    }
}

static void test_block_boundaries(void **state)
{
    (void)state;
    static const char *tails[] = {
        "\xf0\x9f\x98\x80,\xe2\x82\xac\r\n\xc3\xa9,2\n",
        "\r\n\r\n1,2\r\n",
        "    \t  x,  \"y\"\n",
        "\"a\r\nb\",\"\"\"\"\r\n",
        "1,\"x\"y\n",
        "1,x\"\n",
        "\xc3\xa9\xe9,1\n",
        "1,\"open\n",
        "1,2,3\n",
        "1,\xe2\x82",
        "1,\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xe9\n",
    };
    for (size_t i = 0; i < N(tails); i++) {
        check_boundaries(64 * 1024, tails[i], strlen(tails[i]));
        check_boundaries(16 * 1024, tails[i], strlen(tails[i]));
    }
}

/* Many chunks: positions stay exact far into a file with multi-byte text,
 * multi-line quoted fields and CRLF; an error deep inside is placed right. */
static void test_long_file(void **state)
{
    (void)state;
    GString *in = g_string_new("name,note,v\r\n");
    for (int i = 0; i < 20000; i++)
        g_string_append_printf(in, "\xc3\xa9t\xc3\xa9 %d, \"a,\r\nb\" ,%d\r\n", i, i);
    /* row i starts on line 2 + 2i; its last field at column 5 of the next */
    char *got = read_via_file("t.csv", in->str, in->len, 0);
    assert_non_null(strstr(got, "L40000: \xc3\xa9t\xc3\xa9 19999@40000:1|a,\\r\\nb@40000:"
                                "12q|19999@40001:5\n"));
    char *got_buf = read_buf("t.csv", in->str, in->len, 0);
    assert_string_equal(got, got_buf);
    assert_int_equal(check_validate("long file", in->str, in->len, 0), 0);
    g_free(got);
    g_free(got_buf);
    g_string_append(in, "x,\"y\"z,1\r\n");
    got = read_via_file("t.csv", in->str, in->len, 0);
    assert_string_equal(got, "ERR1 t.csv:40002:6: " TEXT_AFTER_QUOTE);
    assert_int_equal(check_validate("long file, error", in->str, in->len, 0), 0);
    g_free(got);
    g_string_free(in, TRUE);
}

/* ---- files ------------------------------------------------------------------ */

static void test_file_errors(void **state)
{
    (void)state;
    fs_csv_opts o = {0};
    fs_diag *d = fs_diag_new();
    GString *out = g_string_new(NULL);
    assert_false(fs_csv_read_file("no/such/file.csv", &o, dump_row, out, d));
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
    assert_string_equal(fs_diag_message(d, 0),
                        "no/such/file.csv: cannot open: No such file or directory");
    fs_diag_clear(d);

    char *dir = g_dir_make_tmp("fs-csvread-XXXXXX", NULL);
    assert_false(fs_csv_read_file(dir, &o, dump_row, out, d));
    assert_int_equal(fs_diag_status(d), FS_ERR_SYSTEM);
    char *want = g_strdup_printf("%s: cannot read: Is a directory", dir);
    assert_string_equal(fs_diag_message(d, 0), want);
    g_free(want);
    g_rmdir(dir);
    g_free(dir);
    assert_int_equal(out->len, 0);
    g_string_free(out, TRUE);
    fs_diag_free(d);
}

/* ---- the callback ------------------------------------------------------------ */

static bool stop_at_second(const fs_csv_row *row, void *user, fs_diag *d)
{
    int *calls = user;
    (*calls)++;
    if (row->index == 1) {
        fs_diag_add(d, FS_ERR_INPUT, "t.csv", row->line, 0, "stopped");
        return false;
    }
    return true;
}

static void test_callback_stops(void **state)
{
    (void)state;
    int calls = 0;
    fs_diag *d = fs_diag_new();
    const char *in = "a\n1\n2\n3\"\n";
    assert_false(fs_csv_read_buffer("t.csv", in, strlen(in), NULL, stop_at_second, &calls, d));
    assert_int_equal(calls, 2);
    assert_int_equal(fs_diag_count(d), 1);
    assert_string_equal(fs_diag_message(d, 0), "t.csv:2: stopped");
    fs_diag_free(d);
}

/* Message excerpts stay short and escaped even for odd file names. */
static void test_escaped_name(void **state)
{
    (void)state;
    char *got = read_buf("bad\x1b[31m.csv", "a\n\"x\n", 5, 0);
    assert_string_equal(got, "ERR1 bad\\x1b[31m.csv:2:1: " UNTERMINATED);
    g_free(got);
}


/* ---- --encoding ---------------------------------------------------------- */

/* Reading bytes in an encoding with --encoding gives what reading their
 * UTF-8 conversion gives (rows, positions, errors), from a buffer and from
 * a file, across block boundaries; a byte with no character in it is an
 * error at its line:column. */
static void test_encodings(void **state)
{
    (void)state;
    /* the same text in UTF-8 and in Windows-1252, long enough for several
     * blocks: "Müller;1,5" lines with € (3 UTF-8 bytes, 1 cp1252 byte) */
    GString *u8 = g_string_new("name;v\n");
    for (int i = 0; i < 30000; i++)
        g_string_append_printf(u8, "M\xc3\xbcller \xe2\x82\xac%d;\"%d,5\"\n", i, i);
    gsize n = 0;
    char *cp = g_convert(u8->str, (gssize)u8->len, "WINDOWS-1252", "UTF-8", NULL, &n, NULL);
    assert_non_null(cp);
    assert_true(n < u8->len);
    char *want = read_buf("t.csv", u8->str, u8->len, ';');
    encoding = "windows-1252";
    char *got = read_buf("t.csv", cp, n, ';');
    char *got_file = read_via_file("t.csv", cp, n, ';');
    assert_string_equal(got, want);
    assert_string_equal(got_file, want);
    g_free(got);
    g_free(got_file);

    /* a byte with no character, far into the file */
    size_t at = n - 5; /* on the last line: "…€29999;"29999,5"\n" */
    cp[at] = '\x81';
    got = read_buf("t.csv", cp, n, ';');
    got_file = read_via_file("t.csv", cp, n, ';');
    assert_string_equal(got, "ERR1 t.csv:30001:20: not windows-1252: byte \\x81 has no character "
                             "in it (is it the file's encoding?)");
    assert_string_equal(got_file, got);
    g_free(got);
    g_free(got_file);
    g_free(cp);

    /* UTF-16 with a byte order mark, both byte orders: every 2-byte unit may
     * fall across a block boundary */
    static const char *const utf16[] = {"UTF-16LE", "UTF-16BE"};
    for (size_t k = 0; k < N(utf16); k++) {
        char *w = g_convert(u8->str, (gssize)u8->len, utf16[k], "UTF-8", NULL, &n, NULL);
        assert_non_null(w);
        GString *bom = g_string_new_len(k == 0 ? "\xff\xfe" : "\xfe\xff", 2);
        g_string_append_len(bom, w, (gssize)n);
        encoding = "utf-16";
        got = read_buf("t.csv", bom->str, bom->len, ';');
        got_file = read_via_file("t.csv", bom->str, bom->len, ';');
        assert_string_equal(got, want);
        assert_string_equal(got_file, want);
        g_free(got);
        g_free(got_file);
        /* without a byte order mark: the order is not guessed */
        got = read_buf("t.csv", w, n, ';');
        assert_string_equal(got, "ERR1 t.csv:1:1: no UTF-16 byte order mark (FF FE or FE FF): name "
                                 "the byte order, --encoding utf-16le or utf-16be");
        g_free(got);
        encoding = k == 0 ? "utf-16le" : "UTF-16BE";
        got_file = read_via_file("t.csv", w, n, ';');
        assert_string_equal(got_file, want);
        g_free(got_file);
        g_string_free(bom, TRUE);
        g_free(w);
    }

    /* the structural rules still apply to the converted text, first */
    encoding = "iso-8859-1";
    got = read_buf("t.csv", "a,b\n\"x\xe9\n", 8, 0);
    assert_string_equal(got, "ERR1 t.csv:2:1: unterminated quoted field: the quote opened here is "
                             "never closed");
    g_free(got);
    got = read_buf("t.csv", "", 0, 0);
    assert_string_equal(got, "ERR1 t.csv: no data rows: the file is empty");
    g_free(got);
    got = read_buf("t.csv", "a\n\xe9\x00\n", 5, 0);
    assert_string_equal(got, "ERR1 t.csv:2:2: NUL byte in iso-8859-1 text");
    g_free(got);
    encoding = NULL;
    g_free(want);
    g_string_free(u8, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_delimiter_args),
        cmocka_unit_test(test_column_limit),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_block_boundaries),
        cmocka_unit_test(test_long_file),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_escaped_name),
        cmocka_unit_test(test_encodings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
