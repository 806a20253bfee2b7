/* Unit tests for clidoc: roff escaping, the help summary and exit line, and
 * that the man page and the bash completion carry every option, command,
 * value and extension of a small description, with hidden options left
 * out. tests/docs.sh checks the real program's page and completion. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "clidoc.h"

#include <string.h>

static char *opt_out, *opt_color, *opt_secret, *opt_dir, *opt_words;
static gboolean opt_flag;

static GOptionEntry draw_entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, "Write FILE", "FILE"},
    {"color", 0, 0, G_OPTION_ARG_STRING, &opt_color, "red or blue", "C"},
    {"into", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "A folder", "DIR"},
    {"flag", 0, 0, G_OPTION_ARG_NONE, &opt_flag, "A switch", NULL},
    {"secret", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_secret, "Hidden", "S"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

static GOptionEntry common_entries[] = {
    {"words", 0, 0, G_OPTION_ARG_STRING, &opt_words, "Free text", "TEXT"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

static GOptionEntry top_entries[] = {
    {"version", 'V', 0, G_OPTION_ARG_NONE, &opt_flag, "Print the version", NULL},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

static const char *const colors[] = {"red", "blue", ";", NULL};
static const fs_clidoc_hint draw_hints[] = {{"output", NULL, false, "png svg", false},
                                            {"color", colors, true, NULL, false},
                                            {NULL, NULL, false, NULL, false}};
static const fs_clidoc_item draw_examples[] = {
    {"prog draw in.csv -o out.png", "Draw one."}, {NULL, NULL}};

static int run(struct fs_cli *cli, int argc, char **argv)
{
    (void)cli, (void)argc, (void)argv;
    return 0;
}

static const fs_clidoc_command draw = {
    "draw", "CSV…", "draw a thing", "Draw a thing from CSV.", draw_entries, "csv tsv",
    draw_hints, draw_examples, run};
static const fs_clidoc_command copy = {
    "copy", "CSV", "copy a thing", ".Starts with a dot", draw_entries, "csv", NULL, NULL, run};
static const fs_clidoc_command list = {
    "list", "SPEC", "list", "List.", top_entries, "ini", NULL, NULL, run};
static const fs_clidoc_command *const commands[] = {&draw, &copy, &list, NULL};

static const fs_clidoc_item exits[] = {
    {"0", "success."}, {"1", "bad input: the file is wrong."}, {NULL, NULL}};
static const fs_clidoc_item env[] = {{"PROG_DIR", "A folder."}, {NULL, NULL}};
static const fs_clidoc_item see[] = {{"groff(1)", NULL}, {"man(7)", NULL}, {NULL, NULL}};

static const fs_clidoc doc = {
    .program = "prog",
    .version = "1.2",
    .tagline = "do things \\ well",
    .description = "First paragraph.\n\nSecond - with a dash.",
    .commands = commands,
    .default_command = "draw",
    .top_entries = top_entries,
    .common_entries = common_entries,
    .common_hints = NULL,
    .exit_status = exits,
    .environment = env,
    .files = NULL,
    .see_also = see,
};

static char *escaped(const char *s)
{
    GString *g = g_string_new(NULL);
    fs_clidoc_roff_escape(g, s);
    return g_string_free(g, FALSE);
}

static void test_roff_escape(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"plain", "plain"},
        {"--font-dir", "\\-\\-font\\-dir"},
        {"a\\b", "a\\eb"},
        {".starts", "\\&.starts"},
        {"'quote", "\\&'quote"},
        {"mid.dot 'x'", "mid.dot 'x'"},
        {"line\n.next", "line\n\\&.next"},
        {"…", "..."},
        {"a – b — “c” ‘d’ 2×3", "a \\(en b \\(em \\(lqc\\(rq \\(oqd\\(cq 2\\(mu3"},
        {"Ходжалы", "\\[u0425]\\[u043E]\\[u0434]\\[u0436]\\[u0430]\\[u043B]\\[u044B]"},
        {"😀", "\\[u1F600]"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *got = escaped(cases[i].in);
        assert_string_equal(got, cases[i].want);
    }
}

static void test_exit_line_and_summary(void **state)
{
    (void)state;
    g_autofree char *line = fs_clidoc_exit_line(&doc);
    assert_string_equal(line, "Exit status: 0 success, 1 bad input.");
    g_autofree char *sum = fs_clidoc_summary(&doc);
    /* names and operands padded to one column */
    assert_non_null(strstr(sum, "Commands:\n  draw CSV…   draw a thing\n"
                                "  copy CSV    copy a thing\n"
                                "  list SPEC   list\n"));
    assert_non_null(strstr(sum, "Exit status: 0 success, 1 bad input."));
    g_autofree char *foot = fs_clidoc_command_footer(&doc, &draw);
    assert_non_null(strstr(foot, "Example:\n  prog draw in.csv -o out.png\n"));
    assert_non_null(strstr(foot, "See prog(1)"));
    assert_ptr_equal(fs_clidoc_find(&doc, "copy"), &copy);
    assert_null(fs_clidoc_find(&doc, "nope"));
}

static void test_man(void **state)
{
    (void)state;
    g_autoptr(GString) m = g_string_new(NULL);
    fs_clidoc_man(&doc, "2026-01-02", m);
    const char *want[] = {
        ".TH PROG 1 \"2026-01-02\" \"prog 1.2\" \"User Commands\"\n",
        ".SH NAME\nprog \\- do things \\e well\n",
        "\\fBprog draw\\fR \\fICSV\\fR... [\\fIOPTION\\fR...]\n",
        "First paragraph.\n.PP\nSecond \\- with a dash.\n",
        "runs \\fBdraw\\fR",
        ".TP\n\\fBcopy\\fR \\fICSV\\fR\n\\&.Starts with a dot\n",
        "\\fB\\-o\\fR, \\fB\\-\\-output\\fR=\\fIFILE\\fR\nWrite FILE\n",
        "\\fB\\-\\-flag\\fR\nA switch\n",
        "\\fB\\-\\-words\\fR=\\fITEXT\\fR\n",
        "\\fB\\-V\\fR, \\fB\\-\\-version\\fR\n",
        ".SS \"copy\"\nThe options of \\fBdraw\\fR.\n",
        ".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nsuccess.\n",
        ".SH ENVIRONMENT\n.TP\n\\fBPROG_DIR\\fR\n",
        ".SH EXAMPLES\n.PP\nDraw one.\n",
        "\\fBprog draw in.csv \\-o out.png\\fR\n",
        ".SH \"SEE ALSO\"\n\\fBgroff\\fR(1),\n\\fBman\\fR(7)\n",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        if (!strstr(m->str, want[i]))
            fail_msg("man page lacks: %s\n--- page:\n%s", want[i], m->str);
    }
    assert_null(strstr(m->str, "secret"));
    assert_null(strstr(m->str, ".SH FILES"));
    /* no line but the first starts with a stray dot or quote */
    g_auto(GStrv) lines = g_strsplit(m->str, "\n", -1);
    for (char **l = lines; *l; l++) {
        if (**l == '\'')
            fail_msg("line starts with a quote: %s", *l);
    }
}

static void test_bash(void **state)
{
    (void)state;
    g_autoptr(GString) b = g_string_new(NULL);
    fs_clidoc_bash(&doc, b);
    const char *want[] = {
        "    draw|copy|list) cmd=${COMP_WORDS[1]} ;;\n    *) cmd=draw ;;\n",
        "_factsheet_words \"$cur\" 0 draw copy list\n",
        "            _factsheet_files \"$cur\" csv tsv\n",
        "        -o|--output) _factsheet_files \"$cur\" png svg ;;\n",
        "        --color) _factsheet_words \"$cur\" 1 red blue ';' ;;\n",
        "        --into) _factsheet_dirs \"$cur\" ;;\n",
        "        --words) ;;\n",
        " --output --color --into --flag --words\n",
        /* copy has no hints: FILE completes any file */
        "        -o|--output) _factsheet_files \"$cur\" ;;\n",
        "complete -F _factsheet prog\n",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        if (!strstr(b->str, want[i]))
            fail_msg("completion lacks: %s\n--- script:\n%s", want[i], b->str);
    }
    assert_null(strstr(b->str, "secret"));
    assert_null(strstr(b->str, "--flag)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roff_escape),
        cmocka_unit_test(test_exit_line_and_summary),
        cmocka_unit_test(test_man),
        cmocka_unit_test(test_bash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
