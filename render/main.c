/* main: the command line's dispatch. Sets the locale, handles what belongs
 * to the program alone (--help, --version, --help-man, --completion), runs
 * the command named by the first argument (render when it is not one) with
 * an fs_cli, and checks at exit that everything written to standard output
 * got there. Each command is one file, cmd_NAME.c; what they share is cli.c.
 * Exit codes: 0 ok, 1 bad input, 2 bad command line, 3 the system failed
 * (see exit_status below); nothing else prints or exits. */
#include "cli.h"
#include "fonts.h"
#include "pngwrite.h"

#include <cairo.h>
#include <errno.h>
#include <locale.h>
#include <pango/pango.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the options of every command and of the program alone fill (GOption
 * needs storage of static duration), and the record of standard output,
 * which the handlers at exit and of g_print() reach without an argument.
 * Only this file's functions read them; the commands get them through the
 * fs_cli. */
static fs_cli_common common;
static fs_cli_stdout out = {.err = -1};
static gboolean opt_version; /* parsed by hand in main(); the entry documents it */

static GOptionEntry common_entries[] = {
    {"font-dir", 0, 0, G_OPTION_ARG_FILENAME, &common.font_dir,
     "Also take fonts from DIR (fonts/ is always used)", "DIR"},
    {"delimiter", 0, 0, G_OPTION_ARG_FILENAME, &common.delimiter,
     "Field delimiter: , ; | or tab (default: , or TAB for .tsv)", "C"},
    {"decimal", 0, 0, G_OPTION_ARG_FILENAME, &common.decimal,
     "Decimal sign of the CSV's numbers: . (default) or , (then . or a space groups thousands)",
     "C"},
    {"missing", 0, 0, G_OPTION_ARG_FILENAME, &common.missing,
     "Cell texts that mean no value, comma-separated ('' for the empty cell): a bar says no data",
     "LIST"},
    {"encoding", 0, 0, G_OPTION_ARG_FILENAME, &common.encoding,
     "Encoding of the CSV: utf-8 (default), windows-1252, iso-8859-1, utf-16 (with a BOM), …",
     "NAME"},
    {"diagnostics", 0, 0, G_OPTION_ARG_STRING, &common.diagnostics,
     "How errors and warnings are written: text (default), json (one object per line), "
     "github (workflow commands); lint also sarif (SARIF 2.1.0 on stdout)",
     "FORMAT"},
    G_OPTION_ENTRY_NULL};

static GOptionEntry top_entries[] = {
    {"version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL},
    G_OPTION_ENTRY_NULL};

/* ---- the command line, described once ----------------------------------------
 *
 * `factsheet --help`, `factsheet COMMAND --help`, the man page
 * (`factsheet --help-man`, build/factsheet.1) and the bash completion
 * (`factsheet --completion bash`) are all written from these tables and each
 * command's own (its fs_clidoc_command in cmd_NAME.c; see clidoc.h). A new
 * option: a line in its command's entries (arg_description "DIR" completes
 * folders, "FILE" files; a fixed set of values, or file extensions, get a
 * hint beside them). A new command: a cmd_NAME.c and a row in commands[]. */

static const char *const delimiters[] = {",", ";", "|", "tab", NULL};

static const char *const decimals[] = {".", ",", NULL};
static const char *const encodings[] = {"utf-8", "windows-1252", "iso-8859-1", "iso-8859-2",
                                        "windows-1251", "utf-16", NULL};

static const char *const diagnostic_styles[] = {"text", "json", "github", "sarif", NULL};

static const fs_clidoc_hint common_hints[] = {{"delimiter", delimiters, false, NULL, false},
                                              {"diagnostics", diagnostic_styles, false, NULL, false},
                                              {"decimal", decimals, false, NULL, false},
                                              {"encoding", encodings, false, NULL, false},
                                              {NULL, NULL, false, NULL, false}};

/* In the order of `factsheet --help` and the man page. */
static const fs_clidoc_command *const commands[] = {
    &fs_cmd_render, &fs_cmd_chart, &fs_cmd_check, &fs_cmd_lint, &fs_cmd_table, &fs_cmd_watch,
    NULL,
};

static const fs_clidoc_item exit_status[] = {
    {"0", "success."},
    {"1", "bad input: a CSV file, a spec, or a reference between them (a column, a data file) "
          "is wrong. The message names the file, line and column."},
    {"2", "bad command line: an unknown command or option, or a value an option does not "
          "take."},
    {"3", "system failure: a file exists but cannot be read, or an output cannot be written "
          "(permission, a full disk). No output is left half-written, and a report replaces "
          "none of its files."},
    {NULL, NULL}};

static const fs_clidoc_item environment[] = {
    {"SOURCE_DATE_EPOCH",
     "A Unix time: the creation and modification dates written into PDF files. Unset, they "
     "are 1970-01-01, so the same input gives the same bytes either way."},
    {"FACTSHEET_FONT_DIR",
     "The font folder (with its MANIFEST.tsv) to use instead of the one found beside the "
     "program."},
    {"XDG_CACHE_HOME",
     "fontconfig's cache of the bundled fonts is kept in $XDG_CACHE_HOME/factsheet/fontconfig "
     "(default ~/.cache/factsheet/fontconfig)."},
    {"JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX",
     "With --shard auto: this job's index from 0 in a Kubernetes Indexed Job or an AWS Batch "
     "array job; the number of jobs is given with --shard-count."},
    {"CI_NODE_INDEX, CI_NODE_TOTAL",
     "With --shard auto: GitLab's job index (from 1) and number of parallel jobs."},
    {"CIRCLE_NODE_INDEX, CIRCLE_NODE_TOTAL, BUILDKITE_PARALLEL_JOB, BUILDKITE_PARALLEL_JOB_COUNT",
     "With --shard auto: CircleCI's and Buildkite's job index (from 0) and number of jobs."},
    {NULL, NULL}};

static const fs_clidoc_item files[] = {
    {"PREFIX/share/factsheet/fonts/",
     "The only fonts factsheet draws with (Inter, Noto Sans for other scripts, Noto Color "
     "Emoji), listed in MANIFEST.tsv. Found relative to the program: PREFIX/bin/factsheet "
     "uses PREFIX/share/factsheet/fonts, build/factsheet the fonts/ folder of the source "
     "tree. --font-dir adds a folder; FACTSHEET_FONT_DIR replaces it."},
    {"PREFIX/share/factsheet/themes/", "Themes installed with factsheet (*.ini), if any."},
    {"data/khojaly/report.ini", "The spec render draws when given none, relative to the "
                                "current folder."},
    {"output/", "Where render writes when not given -o."},
    {NULL, NULL}};

static const fs_clidoc_item see_also[] = {
    {"pdftoppm(1)", NULL}, {"rsvg-convert(1)", NULL}, {"fonts-conf(5)", NULL}, {NULL, NULL}};

static const fs_clidoc doc = {
    .program = "factsheet",
    .version = FS_VERSION,
    .tagline = "turn CSV figures into a PDF fact sheet, PNG charts and SVG",
    .description =
        "factsheet turns CSV figures into a print-ready PDF fact sheet, slide-ready PNG charts "
        "and SVG. Text is shaped with Pango and drawn with Cairo, using only the fonts "
        "installed with factsheet, so the same input gives the same bytes on every machine.\n\n"
        "A report is described by a spec (a key file naming its panels and their CSV files; "
        "a panel is a bar, line or area chart, a table, a donut, a stat, a pictogram, a "
        "timeline, text or an image, and the report may have a logo); render draws it, check "
        "validates it. chart draws one bar, line or area chart straight from a CSV file, with "
        "no spec. Every error is one line on standard error naming the file, line "
        "and column, and the exit status says what kind of error it was.\n\n"
        "Every file is written to a temporary file beside it and renamed into place when "
        "complete; a report replaces all of its files or none.",
    .commands = commands,
    .default_command = "render",
    .top_entries = top_entries,
    .common_entries = common_entries,
    .common_hints = common_hints,
    .exit_status = exit_status,
    .environment = environment,
    .files = files,
    .see_also = see_also,
};

/* ---- standard output ------------------------------------------------------
 *
 * See fs_cli_stdout (cli.h). Under the default SIGPIPE a closed pipe
 * (| head -1) ends the process silently, as for any filter. */

/* GLib's g_print() (GOption's --help) as its default handler writes, in the
 * console's charset, with the failure noted. */
static void print_stdout(const char *text)
{
    const char *charset;
    g_autofree char *conv = NULL;
    if (!g_get_console_charset(&charset))
        conv = g_convert_with_fallback(text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
    fs_cli_stdout_flush(&out, fputs(conv ? conv : text, stdout) != EOF);
}

/* At exit (atexit): flushes and closes stdout; on a failure not told yet,
 * says so on stderr and exits 3. A stdout closed before we started (>&-)
 * and never written to is no failure (EBADF at close). */
static void close_stdout(void)
{
    bool ok = fs_cli_stdout_flush(&out, true);
    errno = 0;
    if (fclose(stdout) != 0 && ok && errno != EBADF)
        out.err = errno;
    if (out.err < 0 || out.told)
        return;
    g_autofree char *m = fs_cli_stdout_failure(&out);
    fprintf(stderr, "factsheet: %s\n", m);
    fflush(stderr);
    _exit(FS_ERR_SYSTEM);
}

/* ---- main ------------------------------------------------------------------- */

static void print_version(void)
{
    printf("factsheet %s (cairo %s, pango %s, glib %u.%u.%u, libcsv %s, libdeflate %s)\n",
           FS_VERSION, cairo_version_string(), pango_version_string(), glib_major_version,
           glib_minor_version, glib_micro_version, fs_csv_libcsv_version(),
           fs_png_deflate_version());
}

static void print_help(void)
{
    g_autofree char *summary = fs_clidoc_summary(&doc);
    printf("Usage: factsheet [COMMAND] [OPTION…]\n\n"
           "factsheet turns CSV figures into a print-ready PDF fact sheet, slide-ready PNG\n"
           "charts and SVG.\n\n%s\n\n"
           "  -h, --help       show this help\n"
           "  -V, --version    show the version\n",
           summary);
}

/* --help-man and --completion bash (hidden: for the build, which installs
 * their output). The man page's date is SOURCE_DATE_EPOCH's, if set. */
static int print_generated(int argc, char **argv)
{
    g_autoptr(GString) text = g_string_new(NULL);
    if (!strcmp(argv[1], "--help-man")) {
        g_autofree char *date = g_strdup("");
        const char *e = g_getenv("SOURCE_DATE_EPOCH");
        if (e && *e) {
            g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(g_ascii_strtoll(e, NULL, 10));
            if (dt) {
                g_free(date);
                date = g_date_time_format(dt, "%Y-%m-%d");
            }
        }
        fs_clidoc_man(&doc, date, text);
    } else if (argc == 3 && !strcmp(argv[2], "bash")) {
        fs_clidoc_bash(&doc, text);
    } else {
        return fs_cli_usage_error("--completion takes bash");
    }
    /* a failure is told at exit */
    fs_cli_stdout_flush(&out, fwrite(text->str, 1, text->len, stdout) == text->len);
    return 0;
}

/* What render draws when given no spec (cmd_render.c), relative to the
 * current folder. */
#define DEFAULT_SPEC "data/khojaly/report.ini"

/* Runs what argv asks for; returns the exit code. *cmd_out gets the
 * command that ran (NULL: none), whose --help a usage error points to. */
static int dispatch(fs_cli *cli, int argc, char **argv, const fs_clidoc_command **cmd_out)
{
    fs_cli_diagnostics_prescan(argc, argv);
    const char *a = argc >= 2 ? argv[1] : NULL;
    if (a && (!strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "help"))) {
        print_help();
        fs_cli_stdout_flush(&out, !ferror(stdout));
        return 0;
    }
    if (a && (!strcmp(a, "--version") || !strcmp(a, "-V"))) {
        print_version();
        fs_cli_stdout_flush(&out, !ferror(stdout));
        return 0;
    }
    if (a && (!strcmp(a, "--help-man") || !strcmp(a, "--completion")))
        return print_generated(argc, argv);
    const fs_clidoc_command *cmd = a ? fs_clidoc_find(&doc, a) : NULL;
    *cmd_out = cmd;
    if (cmd)
        return cmd->run(cli, argc - 1, argv + 1);
    if (a && a[0] != '-' && !fs_cli_is_spec_path(a)) {
        g_autofree char *m = g_strdup_printf("unknown command '%s'", a);
        return fs_cli_usage_error(m);
    }
    if (!a && !g_file_test(DEFAULT_SPEC, G_FILE_TEST_EXISTS)) {
        /* no arguments, and not in the repository: say how it is used */
        g_autoptr(GString) names = g_string_new(NULL);
        for (size_t i = 0; doc.commands[i]; i++)
            g_string_append_printf(names, "%s%s", i ? ", " : "", doc.commands[i]->name);
        g_autofree char *m = g_strdup_printf(
            "usage: factsheet COMMAND [OPTION…] (commands: %s); with no command it renders "
            "%s, which is not here",
            names->str, DEFAULT_SPEC);
        return fs_cli_usage_error(m);
    }
    /* factsheet [SPEC…] [options]: render */
    cmd = fs_clidoc_find(&doc, doc.default_command);
    *cmd_out = cmd;
    char **args = g_new0(char *, (size_t)argc + 2);
    args[0] = (char *)cmd->name;
    for (int i = 1; i < argc; i++)
        args[i] = argv[i];
    int rc = cmd->run(cli, argc, args);
    g_free(args);
    return rc;
}

int main(int argc, char **argv)
{
    /* Numbers and messages never depend on the process locale: parsing uses
     * g_ascii_strtod, formatting our own tables, and every message (ours,
     * strerror's and GLib's) is in English so scripts can match it. setlocale
     * only lets GLib convert option strings from the terminal's charset. */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    setlocale(LC_MESSAGES, "C");
    g_set_prgname("factsheet");
    atexit(close_stdout);
    g_set_print_handler(print_stdout);
    fs_cli cli = {.doc = &doc,
                  .common = &common,
                  .out = &out,
                  .arg_strings = g_ptr_array_new_with_free_func(g_free)};
    const fs_clidoc_command *cmd = NULL;
    int rc = dispatch(&cli, argc, argv, &cmd);
    fs_diag_style ds = fs_diag_get_style();
    if (rc == FS_ERR_USAGE && ds != FS_DIAG_JSON && ds != FS_DIAG_GITHUB)
        fprintf(stderr, "Try 'factsheet %s%s--help' for more information.\n", cmd ? cmd->name : "",
                cmd ? " " : "");
    fs_fonts_shutdown();
    fs_png_shutdown();
    g_ptr_array_free(cli.arg_strings, TRUE);
    return rc;
}
