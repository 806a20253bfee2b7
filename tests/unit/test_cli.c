/* Unit tests for cli: the key of the options that decide what is drawn
 * (fs_cli_options_key(), behind --incremental's shared digest), parsed with
 * render's and chart's real option tables: every form of an option gives
 * the same key, the options that change no output (-j, -q, --shard,
 * --incremental, --force, --timings, --dump-layout) change no digest, the
 * others (--lang, --theme, --format, --size, …) do; and `--` ends the
 * options. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cli.h"

#include <string.h>

static fs_cli_common common;

/* main.c's common options (its table is not linked here) */
static GOptionEntry common_entries[] = {
    {"font-dir", 0, 0, G_OPTION_ARG_FILENAME, &common.font_dir, "Fonts", "DIR"},
    {"delimiter", 0, 0, G_OPTION_ARG_FILENAME, &common.delimiter, "Delimiter", "C"},
    {"decimal", 0, 0, G_OPTION_ARG_FILENAME, &common.decimal, "Decimal sign", "C"},
    {"missing", 0, 0, G_OPTION_ARG_FILENAME, &common.missing, "Missing", "LIST"},
    {"encoding", 0, 0, G_OPTION_ARG_FILENAME, &common.encoding, "Encoding", "NAME"},
    {"diagnostics", 0, 0, G_OPTION_ARG_STRING, &common.diagnostics, "Style", "FORMAT"},
    G_OPTION_ENTRY_NULL};

static const fs_clidoc_command *const commands[] = {&fs_cmd_render, &fs_cmd_chart, NULL};

static const fs_clidoc_item exit_status[] = {{"0", "success."}, {NULL, NULL}};

static const fs_clidoc doc = {.program = "factsheet",
                              .version = "test",
                              .commands = commands,
                              .default_command = "render",
                              .common_entries = common_entries,
                              .exit_status = exit_status};

/* Frees and zeroes what parsing stored through entries (the commands keep
 * their options in static variables, as GLib fills them). */
static void reset_entries(const GOptionEntry *e)
{
    for (; e && e->long_name; e++) {
        switch (e->arg) {
        case G_OPTION_ARG_STRING:
        case G_OPTION_ARG_FILENAME:
            g_clear_pointer((char **)e->arg_data, g_free);
            break;
        case G_OPTION_ARG_STRING_ARRAY:
        case G_OPTION_ARG_FILENAME_ARRAY:
            g_clear_pointer((char ***)e->arg_data, g_strfreev);
            break;
        case G_OPTION_ARG_INT:
            *(int *)e->arg_data = 0;
            break;
        case G_OPTION_ARG_NONE:
            *(gboolean *)e->arg_data = FALSE;
            break;
        case G_OPTION_ARG_DOUBLE:
            *(double *)e->arg_data = 0;
            break;
        default:
            break;
        }
    }
}

/* One parse of a command line ("render a.ini -j4"), as main does it. */
typedef struct parsed {
    fs_cli cli;
    char **owned; /* the words, freed at the end */
    char **argv;  /* what parsing left: the operands */
    int argc, rc;
} parsed;

static void parse(parsed *p, const char *line)
{
    memset(p, 0, sizeof *p);
    p->cli = (fs_cli){
        .doc = &doc, .common = &common, .arg_strings = g_ptr_array_new_with_free_func(g_free)};
    assert_true(g_shell_parse_argv(line, &p->argc, &p->owned, NULL));
    p->argv = g_memdup2(p->owned, sizeof(char *) * ((size_t)p->argc + 1));
    p->rc = fs_cli_parse(&p->cli, p->owned[0], &p->argc, &p->argv);
}

static void parsed_clear(parsed *p)
{
    reset_entries(p->cli.cmd ? p->cli.cmd->entries : NULL);
    reset_entries(common_entries);
    g_ptr_array_free(p->cli.arg_strings, TRUE);
    g_free(p->argv);
    g_strfreev(p->owned);
}

static const char *const skip_jq[] = {"jobs", "quiet", NULL};

/* The key of line with -j and -q skipped. Returns a new string. */
static char *key_of(const char *line)
{
    parsed p;
    parse(&p, line);
    assert_int_equal(p.rc, -1);
    char *k = fs_cli_options_key(&p.cli, p.argc, p.argv, skip_jq);
    parsed_clear(&p);
    return k;
}

/* The shared digest of line (font folders none). Returns a new string. */
static char *digest_of(const char *line)
{
    parsed p;
    parse(&p, line);
    assert_int_equal(p.rc, -1);
    char *k = fs_cli_stamp_digest(&p.cli, p.argc, p.argv, NULL);
    parsed_clear(&p);
    return k;
}

static void assert_key(const char *line, const char *want)
{
    g_autofree char *k = key_of(line);
    if (strcmp(k, want) != 0)
        fail_msg("key of `%s`:\n%s\nwanted:\n%s", line, k, want);
}

/* Every spelling of an option gives one key; -j and -q in any spelling,
 * alone or run together with other short flags, give none. */
static void test_key_forms(void **state)
{
    (void)state;
    assert_key("render a.ini", "render\n");
    assert_key("render a.ini -j4", "render\n");
    assert_key("render a.ini -j 4", "render\n");
    assert_key("render a.ini --jobs=4", "render\n");
    assert_key("render --jobs 4 a.ini", "render\n");
    assert_key("render -q a.ini --quiet", "render\n");
    assert_key("render --lang=az a.ini", "render\n--lang\naz\n");
    assert_key("render --lang az a.ini", "render\n--lang\naz\n");
    assert_key("render a.ini --lang= ", "render\n--lang\n\n");
    assert_key("render -o out a.ini", "render\n--output\nout\n");
    assert_key("render --output=out a.ini", "render\n--output\nout\n");
    /* run together: the flag that takes a value takes the next argument */
    assert_key("render -qo out a.ini", "render\n--output\nout\n");
    assert_key("render -oq out a.ini", "render\n--output\nout\n");
    assert_key("render -qj 3 a.ini", "render\n");
    assert_key("chart -qd out a.csv --label x --value y",
               "chart\n--dir\nout\n--label\nx\n--value\ny\n");
    /* -o and -d must not give one key when run together with -q */
    g_autofree char *o = key_of("chart -qo out a.csv");
    g_autofree char *d = key_of("chart -qd out a.csv");
    assert_string_not_equal(o, d);
    /* a common option; order kept */
    assert_key("render --delimiter ';' a.ini --theme dark",
               "render\n--delimiter\n;\n--theme\ndark\n");
    /* operands are not options, wherever they stand; -- ends the options */
    assert_key("render a.ini b.ini --theme=dark c.ini", "render\n--theme\ndark\n");
    assert_key("render --theme dark -- -q.ini", "render\n--theme\ndark\n");
    assert_key("render -- a.ini", "render\n");
}

/* `--` then an operand that starts with '-': an operand, not an unknown
 * option "--". */
static void test_double_dash(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "render -q -- -x.ini --lang");
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.argc, 3);
    assert_string_equal(p.argv[0], "render");
    assert_string_equal(p.argv[1], "-x.ini");
    assert_string_equal(p.argv[2], "--lang");
    assert_null(p.argv[3]);
    parsed_clear(&p);
    parse(&p, "render -- a.ini");
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.argc, 2);
    assert_string_equal(p.argv[1], "a.ini");
    parsed_clear(&p);
}

static void assert_digest(const char *a, const char *b, bool same)
{
    g_autofree char *da = digest_of(a);
    g_autofree char *db = digest_of(b);
    if ((strcmp(da, db) == 0) != same)
        fail_msg("`%s` and `%s`: digests %s", a, b, same ? "differ" : "are equal");
}

/* What --incremental's digest covers: the options that change output. */
static void test_digest(void **state)
{
    (void)state;
    const char *base = "render a.ini -o out";
    const char *same[] = {
        "render a.ini -o out -j4",
        "render -j 2 a.ini -o out",
        "render a.ini -qo out",
        "render a.ini -o out --incremental --force",
        "render a.ini -o out --shard 1/2 --shard-count 2",
        "render a.ini -o out --timings --dump-layout",
        "render a.ini --output=out -q",
        "render -o out b.ini c.ini",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(same); i++)
        assert_digest(base, same[i], true);
    const char *differ[] = {
        "render a.ini -o out --lang az",
        "render a.ini -o out --theme dark",
        "render a.ini -o out --format pdf",
        "render a.ini -o out --data-root ..",
        "render a.ini -o out --svg-outlines",
        "render a.ini -o out --delimiter ';'",
        "render a.ini -o other",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(differ); i++)
        assert_digest(base, differ[i], false);
    assert_digest("render a.ini --lang az", "render a.ini --lang ru", false);
    assert_digest("render a.ini --lang=az", "render a.ini --lang az", true);
    assert_digest("chart a.csv -d out --size 800x450", "chart a.csv -d out", false);
    assert_digest("chart a.csv -d out --size 800x450", "chart a.csv -qd out --size=800x450", true);
    assert_digest("chart a.csv -d out -j3", "chart -j 1 a.csv -d out", true);
    assert_digest("chart a.csv -qo out", "chart a.csv -qd out", false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_forms),
        cmocka_unit_test(test_double_dash),
        cmocka_unit_test(test_digest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
