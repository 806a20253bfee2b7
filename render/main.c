/* main: the command line. Parses options with GOptionContext, runs the
 * pipeline (table -> layout -> paint -> output), prints the diagnostics the
 * stages collected and chooses the exit code: 0 ok, 1 bad input, 2 bad
 * command line, 3 the system failed. Nothing else prints or exits. */
#include "batch.h"
#include "clidoc.h"
#include "diag.h"
#include "fonts.h"
#include "lang.h"
#include "layout.h"
#include "lint.h"
#include "output.h"
#include "pngwrite.h"
#include "report.h"
#include "spec.h"
#include "table.h"

#include <cairo.h>
#include <locale.h>
#include <pango/pango.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#define USAGE_HINT "Try 'factsheet --help' for more information."

/* Options shared by every command. */
static char *opt_font_dir;
static char *opt_delimiter;
static gboolean opt_timings;

static GOptionEntry common_entries[] = {
    {"font-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_font_dir,
     "Also take fonts from DIR (fonts/ is always used)", "DIR"},
    {"delimiter", 0, 0, G_OPTION_ARG_FILENAME, &opt_delimiter,
     "Field delimiter: , ; | or tab (default: , or TAB for .tsv)", "C"},
    G_OPTION_ENTRY_NULL};

static char *opt_outdir, *opt_formats, *opt_data_root, *opt_lang, *opt_direction;

static char *opt_chart_dir, *opt_shard, *opt_aggregate;
static int chart_agg = -1; /* fs_agg, or -1: every row is a bar */
static int opt_jobs;
static gboolean opt_quiet;

/* chart options */
static char *opt_output, *opt_label, *opt_value, *opt_title, *opt_subtitle, *opt_source,
    *opt_note, *opt_orientation, *opt_sort, *opt_mode, *opt_size, *opt_theme, *opt_numfmt,
    *opt_unit, *opt_alt;
static double opt_scale = 1.0;
static gboolean opt_transparent, opt_dump_layout, opt_version;

static GOptionEntry chart_entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write FILE (.png, .pdf or .svg)",
     "FILE"},
    {"dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_chart_dir,
     "Several CSVs: write DIR/NAME.FORMAT for each CSV NAME.csv", "DIR"},
    {"format", 0, 0, G_OPTION_ARG_FILENAME, &opt_formats, "With -d: png (default), pdf or svg",
     "FMT"},
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
     "With -d: worker processes (default: the number of cores plus one)", "N"},
    {"shard", 0, 0, G_OPTION_ARG_FILENAME, &opt_shard,
     "With -d: draw only shard K of N (inputs sorted, every N-th from the K-th)", "K/N"},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No progress line on a terminal", NULL},
    {"label", 0, 0, G_OPTION_ARG_FILENAME, &opt_label, "Column of the category labels", "COL"},
    {"aggregate", 0, 0, G_OPTION_ARG_FILENAME, &opt_aggregate,
     "One bar per label: sum, count, mean, min or max of its rows, streamed", 
     "F"},
    {"value", 0, 0, G_OPTION_ARG_FILENAME, &opt_value, "Value column(s), comma-separated",
     "COL[,COL…]"},
    {"title", 0, 0, G_OPTION_ARG_FILENAME, &opt_title, "Title above the chart", "TEXT"},
    {"subtitle", 0, 0, G_OPTION_ARG_FILENAME, &opt_subtitle, "Subtitle under the title", "TEXT"},
    {"source", 0, 0, G_OPTION_ARG_FILENAME, &opt_source, "Source line at the bottom", "TEXT"},
    {"note", 0, 0, G_OPTION_ARG_FILENAME, &opt_note, "Note at the bottom", "TEXT"},
    {"orientation", 0, 0, G_OPTION_ARG_FILENAME, &opt_orientation,
     "horizontal (default) or vertical", "O"},
    {"sort", 0, 0, G_OPTION_ARG_FILENAME, &opt_sort, "none (default), asc or desc", "S"},
    {"mode", 0, 0, G_OPTION_ARG_FILENAME, &opt_mode,
     "Several value columns: grouped (default), stacked or percent", "M"},
    {"size", 0, 0, G_OPTION_ARG_FILENAME, &opt_size,
     "WxH in px (PNG/SVG, default 1920x1080); PDF: a4, letter or WxH with mm/in/pt", "SIZE"},
    {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &opt_scale, "PNG pixel density (e.g. 2)", "N"},
    {"transparent", 0, 0, G_OPTION_ARG_NONE, &opt_transparent, "PNG with alpha background",
     NULL},
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opt_theme,
     "light (default), dark, print-bw or a theme FILE.ini", "NAME|FILE"},
    {"number-format", 0, 0, G_OPTION_ARG_FILENAME, &opt_numfmt,
     "How numbers are written, by example: 1,275 (default), '1 275', 1.275,5, 1275", "EX"},
    {"unit", 0, 0, G_OPTION_ARG_FILENAME, &opt_unit, "Unit after each value label", "TEXT"},
    {"alt", 0, 0, G_OPTION_ARG_FILENAME, &opt_alt, "Alt text (default: written from the data)",
     "TEXT"},
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opt_lang,
     "Language: number format, percent form, own words, direction (e.g. az, ru, ar)", "CODE"},
    {"direction", 0, 0, G_OPTION_ARG_FILENAME, &opt_direction,
     "ltr or rtl (default: from --lang): rtl mirrors the chart", "DIR"},
    {"dump-layout", 0, 0, G_OPTION_ARG_NONE, &opt_dump_layout,
     "Print the computed boxes to stdout, one per line, in points", NULL},
    {"timings", 0, 0, G_OPTION_ARG_NONE, &opt_timings, "Print per-phase wall times to stderr",
     NULL},
    G_OPTION_ENTRY_NULL};

/* render options (--lang also for chart) */

static GOptionEntry render_entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_outdir, "Write into DIR (default: output)",
     "DIR"},
    {"format", 0, 0, G_OPTION_ARG_FILENAME, &opt_formats,
     "Comma-separated formats to write: pdf,png,svg (default: all)", "LIST"},
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
     "Several specs: worker processes (default: the number of cores plus one)", "N"},
    {"shard", 0, 0, G_OPTION_ARG_FILENAME, &opt_shard,
     "Several specs: draw only shard K of N (specs sorted, every N-th from the K-th)", "K/N"},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No progress line on a terminal", NULL},
    {"data-root", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_root,
     "Allow data files anywhere under DIR (default: the spec's folder)", "DIR"},
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opt_lang, "Language of localized keys (e.g. az)",
     "CODE"},
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opt_theme,
     "light, dark, print-bw or a theme FILE.ini (overrides the spec's theme)", "NAME|FILE"},
    {"dump-layout", 0, 0, G_OPTION_ARG_NONE, &opt_dump_layout,
     "Print the computed boxes of every page to stdout", NULL},
    {"timings", 0, 0, G_OPTION_ARG_NONE, &opt_timings, "Print per-phase wall times to stderr",
     NULL},
    G_OPTION_ENTRY_NULL};

/* check: the spec-reading options of render */
static GOptionEntry check_entries[] = {
    {"data-root", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_root,
     "Allow data files anywhere under DIR (default: the spec's folder)", "DIR"},
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opt_lang,
     "Check these languages of the spec (a comma-separated list, or all)", "CODE"},
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opt_theme,
     "Also check this theme: light, dark, print-bw or a theme FILE.ini", "NAME|FILE"},
    {"timings", 0, 0, G_OPTION_ARG_NONE, &opt_timings, "Print per-phase wall times to stderr",
     NULL},
    G_OPTION_ENTRY_NULL};

static GOptionEntry top_entries[] = {
    {"version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL},
    G_OPTION_ENTRY_NULL};

static int usage_error(const char *msg)
{
    g_autofree char *m = fs_diag_escape_path(msg);
    fprintf(stderr, "factsheet: %s\n%s\n", m, USAGE_HINT);
    return FS_ERR_USAGE;
}

/* Strings made for argv by parse_options(); freed at exit. */
static GPtrArray *arg_strings;

static const fs_clidoc cli;

/* Parses argv for the command name of the table commands[]: its options,
 * operands and help text come from there. Returns -1 on success, else the
 * exit code. */
static int parse_options(const char *name, int *argc, char ***argv)
{
    const fs_clidoc_command *cmd = fs_clidoc_find(&cli, name);
    g_autofree char *p = g_strdup_printf("%s %s", cmd->name, cmd->params);
    g_autoptr(GOptionContext) ctx = g_option_context_new(p);
    g_option_context_set_summary(ctx, cmd->description);
    g_option_context_add_main_entries(ctx, cmd->entries, NULL);
    GOptionGroup *common =
        g_option_group_new("common", "Options of every command:", "Show common options", NULL,
                           NULL);
    g_option_group_add_entries(common, common_entries);
    g_option_context_add_group(ctx, common);
    g_autofree char *footer = fs_clidoc_command_footer(&cli, cmd);
    g_option_context_set_description(ctx, footer);
    /* Arguments are taken as UTF-8 whatever the locale (a CSV column may be
     * named in any script, and LC_ALL=C must not refuse it): every option is
     * declared G_OPTION_ARG_FILENAME, which GLib passes through unconverted,
     * and checked here. */
    for (int i = 1; i < *argc; i++) {
        if (!g_utf8_validate((*argv)[i], -1, NULL)) {
            g_autofree char *q = fs_diag_quote((*argv)[i], -1, 40);
            g_autofree char *m = g_strdup_printf("argument %s is not UTF-8", q);
            return usage_error(m);
        }
    }
    /* -j4 as make spells it: GLib takes a short option's value only as the
     * next argument */
    for (int i = 1; i < *argc; i++) {
        const char *a = (*argv)[i];
        if (a[0] == '-' && a[1] == 'j' && g_ascii_isdigit(a[2])) {
            char *long_form = g_strdup_printf("--jobs=%s", a + 2);
            g_ptr_array_add(arg_strings, long_form);
            (*argv)[i] = long_form;
        }
        if (!strcmp(a, "--"))
            break;
    }
    g_autoptr(GError) err = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &err))
        return usage_error(err->message);
    for (int i = 1; i < *argc; i++) {
        if ((*argv)[i][0] == '-' && (*argv)[i][1] != '\0') {
            g_autofree char *m = g_strdup_printf("unknown option %s", (*argv)[i]);
            return usage_error(m);
        }
    }
    return -1;
}

/* An option taking one of names: *out gets its index, or -1 when the option
 * was not given. On a bad value prints the usage error and returns false. */
static bool enum_option(const char *flag, const char *arg, const char *const *names, int *out)
{
    *out = -1;
    if (!arg)
        return true;
    *out = fs_opts_pick(arg, names);
    if (*out >= 0)
        return true;
    GString *m = g_string_new(NULL);
    g_string_printf(m, "%s takes ", flag);
    for (size_t i = 0; names[i]; i++)
        g_string_append_printf(m, "%s%s", i == 0 ? "" : names[i + 1] ? ", " : " or ", names[i]);
    usage_error(m->str);
    g_string_free(m, TRUE);
    return false;
}

static bool delimiter_option(fs_csv_opts *co)
{
    *co = (fs_csv_opts){0};
    if (opt_delimiter && !fs_csv_parse_delimiter(opt_delimiter, &co->delimiter))
        return false;
    return true;
}

/* --timings: wall time of each phase, printed to stderr at the end. */
static gint64 phase_start;
static GString *timings;

static void phase(const char *name)
{
    gint64 now = g_get_monotonic_time();
    if (opt_timings) {
        if (!timings)
            timings = g_string_new("factsheet: timings:");
        else
            g_string_append_printf(timings, " %s %.1f ms", name, (double)(now - phase_start) / 1000);
    }
    phase_start = now;
}

/* A progress line only for a person watching: stderr is a terminal and
 * -q was not given. */
static bool show_progress(void)
{
    return !opt_quiet && isatty(STDERR_FILENO);
}

/* -j N and --shard K/N. Returns -1 when valid, else the usage error's exit
 * code. */
static int batch_options(unsigned *k, unsigned *n)
{
    *k = *n = 1;
    if (opt_jobs < 0 || opt_jobs > 1024)
        return usage_error("-j takes a number of processes from 1 to 1024");
    if (opt_shard && !fs_batch_parse_shard(opt_shard, k, n))
        return usage_error("--shard takes K/N with 1 <= K <= N <= 100000, e.g. 2/4");
    return -1;
}

/* The output phases, from output.c's sums since *before (then updated):
 * they happen inside one call, so the wall time since the last phase is
 * split into rest (the other work of that call) and paint, encode, write. */
static void output_phases(fs_output_times *before, const char *rest)
{
    const fs_output_times *now = fs_output_times_get();
    gint64 paint = now->paint - before->paint, encode = now->encode - before->encode,
           write = now->write - before->write;
    gint64 wall = g_get_monotonic_time() - phase_start;
    if (opt_timings && timings)
        g_string_append_printf(timings, " %s %.1f ms paint %.1f ms encode %.1f ms write %.1f ms",
                               rest, (double)MAX(wall - paint - encode - write, 0) / 1000,
                               (double)paint / 1000, (double)encode / 1000,
                               (double)write / 1000);
    *before = *now;
    phase_start = g_get_monotonic_time();
}

static int finish(fs_diag *d)
{
    fs_diag_print(d, stderr);
    if (timings) {
        fprintf(stderr, "%s\n", timings->str);
        g_string_free(timings, TRUE);
        timings = NULL;
    }
    fs_status st = fs_diag_status(d);
    return st == FS_OK ? 0 : (int)st;
}

/* ---- standard output ------------------------------------------------------
 *
 * Whatever a command prints (help, the version, the man page, --dump-layout,
 * table) is checked: a write lost to a full disk or a closed file must not
 * exit 0. Every write notes the reason of the first failure; stdout_ok()
 * reports it where a command can still stop (before render or chart commit
 * their files), close_stdout() at exit, which also covers GOption's
 * COMMAND --help (it calls exit(0)). The reason is told once. Under the
 * default SIGPIPE a closed pipe (| head -1) ends the process silently, as
 * for any filter. */
static int stdout_errno = -1; /* the first failure's errno (0: unknown); -1: none */
static bool stdout_told;

/* After a write to stdout that succeeded if wrote: flushes, and notes the
 * reason of the first failure. Returns false once stdout has failed. */
static bool stdout_flush(bool wrote)
{
    if (wrote) {
        errno = 0;
        wrote = fflush(stdout) == 0 && !ferror(stdout);
    }
    if (!wrote && stdout_errno < 0)
        stdout_errno = errno;
    return stdout_errno < 0;
}

/* GLib's g_print() (GOption's --help) as its default handler writes, in the
 * console's charset, with the failure noted. */
static void print_stdout(const char *text)
{
    const char *charset;
    g_autofree char *conv = NULL;
    if (!g_get_console_charset(&charset))
        conv = g_convert_with_fallback(text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
    stdout_flush(fputs(conv ? conv : text, stdout) != EOF);
}

static char *stdout_failure(void)
{
    return g_strdup_printf("cannot write to standard output%s%s", stdout_errno > 0 ? ": " : "",
                           stdout_errno > 0 ? g_strerror(stdout_errno) : "");
}

/* Flushes stdout. On a failure (now or earlier) adds "cannot write to
 * standard output: REASON" to d, once, and returns false. */
static bool stdout_ok(fs_diag *d)
{
    if (stdout_flush(true))
        return true;
    if (!stdout_told) {
        g_autofree char *m = stdout_failure();
        fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "%s", m);
        stdout_told = true;
    }
    return false;
}

/* At exit (atexit): flushes and closes stdout; on a failure not told yet,
 * says so on stderr and exits 3. A stdout closed before we started (>&-)
 * and never written to is no failure (EBADF at close). */
static void close_stdout(void)
{
    bool ok = stdout_flush(true);
    errno = 0;
    if (fclose(stdout) != 0 && ok && errno != EBADF)
        stdout_errno = errno;
    if (stdout_errno < 0 || stdout_told)
        return;
    g_autofree char *m = stdout_failure();
    fprintf(stderr, "factsheet: %s\n", m);
    fflush(stderr);
    _exit(FS_ERR_SYSTEM);
}

static bool is_spec_path(const char *path)
{
    return g_str_has_suffix(path, ".ini") || g_str_has_suffix(path, ".spec");
}

/* ---- table ---------------------------------------------------------------- */

static int cmd_table(int argc, char **argv)
{
    int rc = parse_options("table", &argc, &argv);
    if (rc >= 0)
        return rc;
    if (argc != 2)
        return usage_error(argc < 2 ? "table: missing CSV file" : "table: takes one CSV file");
    fs_csv_opts co;
    if (!delimiter_option(&co))
        return usage_error("--delimiter takes , ; | or tab");
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_table *t = fs_table_load(argv[1], &co, d);
    if (t) {
        stdout_flush(fs_table_write_tsv(t, stdout));
        stdout_ok(d);
        fs_table_free(t);
    }
    return finish(d);
}

/* The language to read a spec in first (to learn its languages = … list):
 * the first of --lang LIST, else none. Returns a new string or NULL. */
static char *first_lang(void)
{
    if (!opt_lang || strcmp(opt_lang, "all") == 0)
        return NULL;
    char *l = g_strndup(opt_lang, strcspn(opt_lang, ","));
    return g_strstrip(l);
}

/* The languages to draw a spec in: --lang LIST or all (the spec's list),
 * else the spec's own languages = … list; *out NULL means the plain keys
 * only. Returns false after a diagnostic. */
static bool spec_languages(const fs_spec *base, const char *path, GStrv *out, fs_diag *d)
{
    *out = NULL;
    if (opt_lang && strcmp(opt_lang, "all") == 0) {
        if (!base->languages) {
            fs_diag_add(d, FS_ERR_INPUT, path, base->line, 0,
                        "[report] --lang all needs a languages = … key");
            return false;
        }
        *out = g_strdupv(base->languages);
    } else if (opt_lang) {
        *out = g_strsplit(opt_lang, ",", -1);
        for (char **l = *out; *l; l++)
            g_strstrip(*l);
    } else if (base->languages) {
        *out = g_strdupv(base->languages);
    }
    return true;
}

/* --theme: replaces the spec's own theme (which was still read and checked). */
static void theme_override(fs_spec *spec, const fs_theme *theme)
{
    if (!theme)
        return;
    fs_theme_free(spec->theme);
    spec->theme = fs_theme_copy(theme);
}

/* What to do with the spec in one of its languages: lang is NULL for the
 * plain keys, first the first of its languages = list (NULL without one). */
typedef void (*spec_fn)(fs_spec *spec, const char *lang, const char *first, void *user,
                        fs_diag *d);

/* Loads the spec at path in every language it is drawn in (--lang LIST|all,
 * else its own languages = list, else the plain keys), applies --theme, and
 * calls fn for each, stopping at the first diagnostic: what render, check
 * and lint share. Returns false after diagnostics. */
static bool each_language(const char *path, const fs_theme *theme, spec_fn fn, void *user,
                          fs_diag *d)
{
    g_autofree char *lang0 = first_lang();
    fs_spec *base = fs_spec_load(path, opt_data_root, lang0, d);
    g_auto(GStrv) langs = NULL;
    if (base && spec_languages(base, path, &langs, d)) {
        const char *first = base->languages ? base->languages[0] : NULL;
        phase("spec");
        for (size_t i = 0; fs_diag_count(d) == 0 && (langs ? langs[i] != NULL : i == 0); i++) {
            const char *lang = langs ? langs[i] : NULL;
            fs_spec *spec = lang ? fs_spec_load(path, opt_data_root, lang, d) : base;
            if (!spec)
                break;
            theme_override(spec, theme);
            fn(spec, lang, first, user, d);
            if (spec != base)
                fs_spec_free(spec);
        }
    }
    fs_spec_free(base);
    return fs_diag_count(d) == 0;
}

/* The fonts a spec_fn needs, loaded on first use: NULL after a
 * diagnostic. */
static fs_fonts *need_fonts(fs_fonts **fonts, fs_diag *d)
{
    if (!*fonts) {
        g_autofree char *font_dir = fs_fonts_default_dir();
        *fonts = fs_fonts_new(font_dir, opt_font_dir, d);
        phase("fonts");
    }
    return *fonts;
}

/* check: the tables and the layout of the sheet and every slide, as render
 * would make them (a panel taller than a page is refused here too), without
 * drawing. user: the fs_fonts *, loaded on first use. */
static void check_language(fs_spec *spec, const char *lang, const char *first, void *user,
                           fs_diag *d)
{
    (void)lang, (void)first;
    fs_fonts **fonts = user;
    if (need_fonts(fonts, d)) {
        fs_report_layout(spec, *fonts, true, NULL, NULL, d);
        phase("layout");
    }
}

/* ---- check ---------------------------------------------------------------- */

/* The command line of check and lint: options, then one SPEC or CSV. Returns
 * -1 when valid, else the usage error's exit code. */
static int spec_or_csv_options(const char *cmd, int *argc, char ***argv, fs_csv_opts *co)
{
    int rc = parse_options(cmd, argc, argv);
    if (rc >= 0)
        return rc;
    if (*argc != 2) {
        g_autofree char *m = g_strdup_printf(*argc < 2 ? "%s: missing SPEC or CSV file"
                                                       : "%s: takes one SPEC or CSV file",
                                             cmd);
        return usage_error(m);
    }
    if (!delimiter_option(co))
        return usage_error("--delimiter takes , ; | or tab");
    return -1;
}

static int cmd_check(int argc, char **argv)
{
    fs_csv_opts co;
    int rc = spec_or_csv_options("check", &argc, &argv, &co);
    if (rc >= 0)
        return rc;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    if (is_spec_path(argv[1])) {
        fs_fonts *fonts = NULL;
        each_language(argv[1], theme, check_language, &fonts, d);
        fs_fonts_free(fonts);
    } else {
        /* validates every row without keeping the table: memory does not
         * grow with the file */
        fs_table_check_file(argv[1], &co, NULL, d);
    }
    return finish(d);
}

/* ---- lint ----------------------------------------------------------------- */

static gboolean opt_strict;

static GOptionEntry lint_entries[] = {
    {"strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, "Exit 1 when there is any warning (for CI)",
     NULL},
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opt_theme,
     "light, dark, print-bw or a theme FILE.ini (overrides the spec's theme)", "NAME|FILE"},
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opt_lang, "Language of localized keys (e.g. az)",
     "CODE"},
    {"data-root", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_root,
     "Allow data files anywhere under DIR (default: the spec's folder)", "DIR"},
    {"label", 0, 0, G_OPTION_ARG_FILENAME, &opt_label,
     "CSV: column of the category labels (with --value: lint the chart)", "COL"},
    {"value", 0, 0, G_OPTION_ARG_FILENAME, &opt_value, "CSV: value column(s), comma-separated",
     "COL[,COL…]"},
    G_OPTION_ENTRY_NULL};

/* Lints a CSV: with --label and --value the default chart of it, else the
 * CSV (as check does) and the theme alone. */
static void lint_csv(fs_lint *L, const char *csv, const fs_csv_opts *co, const fs_theme *theme,
                     fs_diag *d)
{
    if (!opt_label || !opt_value) {
        if (fs_table_check_file(csv, co, NULL, d))
            fs_lint_theme(L, theme, theme ? theme->name : "light");
        return;
    }
    g_auto(GStrv) values = g_strsplit(opt_value, ",", -1);
    for (char **v = values; *v; v++)
        g_strstrip(*v);
    fs_table *t = fs_table_load(csv, co, d);
    fs_series_data data = {0};
    if (t && fs_series_data_from_table(t, g_strstrip(opt_label), (const char *const *)values,
                                       &data, d)) {
        g_autofree char *font_dir = fs_fonts_default_dir();
        fs_fonts *fonts = fs_fonts_new(font_dir, opt_font_dir, d);
        fs_chart_opts o;
        fs_chart_opts_init(&o);
        o.theme = theme;
        if (fonts)
            fs_lint_chart(L, &data, &o, fonts, d);
        fs_fonts_free(fonts);
    }
    fs_series_data_clear(&data);
    fs_table_free(t);
}

typedef struct lint_ctx {
    fs_lint *lint;
    fs_fonts *fonts;
} lint_ctx;

static void lint_language(fs_spec *spec, const char *lang, const char *first, void *user,
                          fs_diag *d)
{
    (void)lang, (void)first;
    lint_ctx *lc = user;
    if (need_fonts(&lc->fonts, d))
        fs_lint_report(lc->lint, spec, lc->fonts, d);
}

static int cmd_lint(int argc, char **argv)
{
    fs_csv_opts co;
    int rc = spec_or_csv_options("lint", &argc, &argv, &co);
    if (rc >= 0)
        return rc;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_lint) L = fs_lint_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    if (is_spec_path(argv[1])) {
        lint_ctx lc = {.lint = L};
        each_language(argv[1], theme, lint_language, &lc, d);
        fs_fonts_free(lc.fonts);
    } else {
        lint_csv(L, argv[1], &co, theme, d);
    }
    for (size_t i = 0; i < fs_lint_count(L); i++)
        fprintf(stderr, "%s\n", fs_lint_message(L, i));
    rc = finish(d);
    if (rc == 0 && opt_strict && fs_lint_count(L) > 0)
        rc = FS_ERR_INPUT;
    return rc;
}

/* ---- chart ---------------------------------------------------------------- */

/* Parses "WxH" with an optional unit (px, pt, mm, in) or a paper name into
 * points. */
static bool parse_size(const char *s, bool pdf, double *w, double *h)
{
    const fs_paper *p = pdf ? fs_paper_find(s) : NULL;
    if (p == &fs_papers[FS_PAPER_A4] || p == &fs_papers[FS_PAPER_LETTER]) {
        *w = p->w, *h = p->h;
        return true;
    }
    return fs_parse_length_pair(s, w, h);
}

/* Draws one chart from csv into out (NULL: only --dump-layout). *fonts is
 * made on first use and kept for the next chart. Diagnostics go to d. */
static void chart_one(const char *csv, const char *out, fs_format fmt, const fs_csv_opts *co,
                      const fs_chart_opts *o, const char *const *values, const char *font_dir,
                      fs_fonts **fonts, fs_diag *d)
{
    phase(NULL);
    fs_table *t = chart_agg >= 0
                      ? fs_table_aggregate_file(csv, co, opt_label, values, (fs_agg)chart_agg, d)
                      : fs_table_load(csv, co, d);
    static const char *const count_col[] = {"count", NULL};
    if (chart_agg == FS_AGG_COUNT && !values[0])
        values = count_col;
    phase("read");
    fs_series_data data = {0};
    fs_doc *doc = NULL;
    fs_outset *set = NULL;
    if (!t || !fs_series_data_from_table(t, opt_label, values, &data, d))
        goto out;
    phase("check");
    if (!*fonts && !(*fonts = fs_fonts_new(font_dir, opt_font_dir, d)))
        goto out;
    phase("fonts");
    doc = fs_doc_new();
    if (!fs_layout_chart(doc, *fonts, &data, o, d))
        goto out;
    phase("layout");
    if (opt_dump_layout) {
        fs_doc_dump(doc, stdout);
        stdout_flush(!ferror(stdout));
        if (!stdout_ok(d))
            goto out;
    }
    if (out) {
        fs_output_opts oo = {.scale = opt_scale};
        set = fs_outset_new();
        fs_output_times before = *fs_output_times_get();
        if (fs_outset_add(set, doc, fmt, out, &oo, d)) {
            output_phases(&before, "stage");
            fs_outset_commit(set, d);
            phase("rename");
        }
    }
out:
    fs_outset_free(set);
    fs_doc_free(doc);
    fs_series_data_clear(&data);
    fs_table_free(t);
}

/* What a chart batch's workers share: the options of every chart and the
 * fonts each worker loads on its first chart. */
typedef struct chart_job {
    char **csvs, **outs;
    fs_format fmt;
    const fs_csv_opts *co;
    const fs_chart_opts *o;
    const char *const *values;
    const char *font_dir;
    fs_fonts *fonts;
} chart_job;

static void chart_job_run(size_t i, void *user, fs_diag *d)
{
    chart_job *j = user;
    chart_one(j->csvs[i], j->outs[i], j->fmt, j->co, j->o, j->values, j->font_dir, &j->fonts,
              d);
}

static void chart_job_done(void *user, fs_diag *d)
{
    fs_output_sync_deferred(d);
    chart_job *j = user;
    fs_fonts_free(j->fonts);
    j->fonts = NULL;
}

/* Many CSVs into -d DIR, drawn by -j worker processes (see batch.h): each
 * file is atomic on its own, one bad CSV does not stop the others, and the
 * exit status is the worst of all charts. */
static int chart_batch(int n, char **csvs, fs_format fmt, const fs_csv_opts *co,
                       const fs_chart_opts *o, const char *const *values, const char *font_dir)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(GPtrArray) outs = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < n; i++) {
        g_autofree char *base = g_path_get_basename(csvs[i]);
        char *dot = strrchr(base, '.');
        if (dot && dot != base)
            *dot = '\0';
        g_autofree char *name = g_strdup_printf("%s.%s", base, fs_format_ext(fmt));
        char *out = g_build_filename(opt_chart_dir, name, NULL);
        if (g_hash_table_contains(seen, out)) {
            g_autofree char *m = g_strdup_printf("%s and another CSV would both write %s", csvs[i],
                                                 out);
            g_free(out);
            return usage_error(m);
        }
        g_ptr_array_add(outs, out);
        g_hash_table_add(seen, out);
    }
    if (!g_file_test(opt_chart_dir, G_FILE_TEST_IS_DIR)) {
        fs_diag_add(d, FS_ERR_SYSTEM, opt_chart_dir, 0, 0, "not a folder");
        return finish(d);
    }
    /* Only check the fonts here: workers are forked from this process, which
     * must not have started Pango's threads; each worker loads the fonts
     * once, from fontconfig's cache. */
    if (!fs_fonts_verify(font_dir, opt_font_dir, d))
        return finish(d);
    chart_job job = {.csvs = csvs, .outs = (char **)outs->pdata, .fmt = fmt, .co = co, .o = o,
                     .values = values, .font_dir = font_dir};
    fs_batch b = {.n = (size_t)n, .names = (const char *const *)csvs, .jobs = opt_jobs,
                  .progress = show_progress(), .what = "charts", .run = chart_job_run,
                  .done = chart_job_done, .user = &job};
    fs_output_defer_dir_sync(); /* once per folder, at the end of each worker */
    fs_status worst = fs_batch_run(&b);
    int rc = finish(d);
    return MAX(rc, (int)worst);
}

static int cmd_chart(int argc, char **argv)
{
    int rc = parse_options("chart", &argc, &argv);
    if (rc >= 0)
        return rc;
    if (argc < 2)
        return usage_error("chart: missing CSV file");
    if (argc > 2 && !opt_chart_dir)
        return usage_error("chart: several CSV files need -d DIR");
    if (opt_chart_dir && opt_output)
        return usage_error("chart: -o and -d exclude each other");
    if (!opt_output && !opt_chart_dir && !opt_dump_layout)
        return usage_error("chart: missing -o FILE.png|.pdf|.svg (or -d DIR)");
    if (!opt_label)
        return usage_error("chart: missing --label COL");
    if (!enum_option("--aggregate", opt_aggregate, fs_agg_names, &chart_agg))
        return FS_ERR_USAGE;
    if (!opt_value && chart_agg != FS_AGG_COUNT)
        return usage_error("chart: missing --value COL[,COL…]");
    fs_format fmt = FS_FMT_PNG;
    if (opt_output && !fs_format_from_path(opt_output, &fmt))
        return usage_error("chart: -o must end in .png, .pdf or .svg");
    if (opt_formats) {
        g_autofree char *probe = g_strdup_printf("x.%s", opt_formats);
        if (!opt_chart_dir || !fs_format_from_path(probe, &fmt))
            return usage_error("chart: --format takes png, pdf or svg, with -d DIR");
    }
    unsigned shard_k, shard_n;
    if ((rc = batch_options(&shard_k, &shard_n)) >= 0)
        return rc;
    if (opt_shard && !opt_chart_dir)
        return usage_error("chart: --shard needs -d DIR");
    if (opt_dump_layout && opt_chart_dir)
        return usage_error("chart: --dump-layout takes one CSV, not -d DIR");
    fs_csv_opts co;
    if (!delimiter_option(&co))
        return usage_error("--delimiter takes , ; | or tab");

    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = opt_title, o.subtitle = opt_subtitle, o.source = opt_source, o.note = opt_note;
    o.unit = opt_unit, o.alt = opt_alt, o.transparent = opt_transparent;
    int pick;
    if (!enum_option("--orientation", opt_orientation, fs_orient_names, &pick))
        return FS_ERR_USAGE;
    o.orient = pick < 0 ? o.orient : (fs_orient)pick;
    if (!enum_option("--sort", opt_sort, fs_sort_names, &pick))
        return FS_ERR_USAGE;
    o.sort = pick < 0 ? o.sort : (fs_sort)pick;
    if (!enum_option("--mode", opt_mode, fs_mode_names, &pick))
        return FS_ERR_USAGE;
    o.mode = pick < 0 ? o.mode : (fs_mode)pick;
    if (opt_lang) {
        if (strchr(opt_lang, ',') || !g_regex_match_simple("^[a-zA-Z]{2,3}([_-][a-zA-Z0-9]{2,8})?$",
                                                             opt_lang, 0, 0))
            return usage_error("--lang takes one language tag, such as az or pt_BR");
        o.lang = opt_lang;
        fs_lang_numfmt(opt_lang, &o.numfmt);
        o.rtl = fs_lang_is_rtl(opt_lang);
    }
    if (opt_direction) {
        if (!strcmp(opt_direction, "rtl") || !strcmp(opt_direction, "ltr"))
            o.rtl = !strcmp(opt_direction, "rtl");
        else
            return usage_error("--direction takes ltr or rtl");
    }
    if (opt_numfmt && !fs_numfmt_parse(opt_numfmt, &o.numfmt))
        return usage_error("--number-format takes an example such as 1,275 or '1 275' or "
                           "1.275,5 or 1275");
    if (fmt == FS_FMT_PDF && !opt_size) {
        o.width = fs_papers[FS_PAPER_A4].h, o.height = fs_papers[FS_PAPER_A4].w; /* landscape */
    }
    if (opt_size) {
        if (!parse_size(opt_size, fmt == FS_FMT_PDF, &o.width, &o.height))
            return usage_error("--size takes WxH (e.g. 1920x1080, 210x297mm), a4 or letter");
        if (o.width < 100 || o.height < 100 || o.width > 20000 || o.height > 20000)
            return usage_error("--size must be between 100 and 20000 px (or pt) each way");
    }
    if (!(opt_scale >= 0.1 && opt_scale <= 10))
        return usage_error("--scale must be between 0.1 and 10");

    g_auto(GStrv) values = g_strsplit(opt_value ? opt_value : "", ",", -1);
    for (char **v = values; *v; v++)
        g_strstrip(*v);
    g_strstrip(opt_label);
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    o.theme = theme;
    g_autofree char *font_dir = fs_fonts_default_dir();
    if (!opt_chart_dir) {
        fs_fonts *fonts = NULL;
        chart_one(argv[1], opt_output, fmt, &co, &o, (const char *const *)values, font_dir, &fonts,
                  d);
        fs_fonts_free(fonts);
        return finish(d);
    }
    size_t n = (size_t)argc - 1;
    if (opt_shard)
        n = fs_batch_shard(argv + 1, n, shard_k, shard_n);
    return chart_batch((int)n, argv + 1, fmt, &co, &o, (const char *const *)values, font_dir);
}

/* ---- render ----------------------------------------------------------------- */

/* Where render_language() draws to. */
typedef struct render_ctx {
    const char *outdir;
    unsigned formats;
    fs_fonts **fonts;
    fs_outset *set;
} render_ctx;

/* --dump-layout: the boxes of the sheet, then of each slide after a line
 * "slide PANEL", to stdout before the document's files are staged */
static bool dump_doc(const fs_spec *spec, const fs_panel *panel, fs_doc *doc, void *user,
                     fs_diag *d)
{
    (void)spec, (void)user;
    if (panel)
        printf("slide %s\n", panel->id);
    fs_doc_dump(doc, stdout);
    stdout_flush(!ferror(stdout));
    return stdout_ok(d);
}

static void render_language(fs_spec *spec, const char *lang, const char *first, void *user,
                            fs_diag *d)
{
    render_ctx *rc = user;
    if (!need_fonts(rc->fonts, d))
        return;
    g_autofree char *suffix =
        lang && g_strcmp0(lang, first) != 0 ? g_strdup_printf(".%s", lang) : g_strdup("");
    fs_report_render(spec, *rc->fonts, rc->outdir, rc->formats, suffix, rc->set,
                     opt_dump_layout ? dump_doc : NULL, NULL, d);
}

/* Renders the spec at path in each of its languages into files staged in
 * set (the first language gets the plain names, the others .LANG).
 * *fonts is loaded on first use. Returns false after diagnostics. */
static bool render_spec(const char *path, const fs_theme *theme, const char *outdir,
                        unsigned formats, fs_fonts **fonts, fs_outset *set, fs_diag *d)
{
    render_ctx rc = {.outdir = outdir, .formats = formats, .fonts = fonts, .set = set};
    return each_language(path, theme, render_language, &rc, d);
}

/* What the workers of several specs share. */
typedef struct render_job {
    char **specs;
    const fs_theme *theme; /* --theme, or NULL */
    const char *outdir;
    unsigned formats;
    fs_fonts *fonts;
} render_job;

/* One spec of several: a report is all-or-nothing on its own. */
static void render_job_run(size_t i, void *user, fs_diag *d)
{
    render_job *j = user;
    fs_outset *set = fs_outset_new();
    if (render_spec(j->specs[i], j->theme, j->outdir, j->formats, &j->fonts, set, d))
        fs_outset_commit(set, d);
    fs_outset_free(set);
}

static void render_job_done(void *user, fs_diag *d)
{
    fs_output_sync_deferred(d);
    render_job *j = user;
    fs_fonts_free(j->fonts);
    j->fonts = NULL;
}

/* Two specs with the same name = … would write the same files: refused
 * before anything is drawn. Specs that do not load are left to the worker,
 * which reports them. */
static int check_spec_names(char **specs, size_t n)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < n; i++) {
        g_autoptr(fs_diag) quiet = fs_diag_new();
        g_autofree char *lang0 = first_lang();
        fs_spec *s = fs_spec_load(specs[i], opt_data_root, lang0, quiet);
        if (!s)
            continue;
        const char *other = g_hash_table_lookup(seen, s->name);
        if (other) {
            g_autofree char *m = g_strdup_printf("%s and %s both have name = %s: their files "
                                                 "would overwrite each other",
                                                 other, specs[i], s->name);
            fs_spec_free(s);
            return usage_error(m);
        }
        g_hash_table_insert(seen, g_strdup(s->name), specs[i]);
        fs_spec_free(s);
    }
    return -1;
}

static int cmd_render(int argc, char **argv)
{
    int rc = parse_options("render", &argc, &argv);
    if (rc >= 0)
        return rc;
    unsigned formats = 0;
    if (!fs_report_parse_formats(opt_formats ? opt_formats : "pdf,png,svg", &formats))
        return usage_error("--format takes a comma-separated list of pdf, png and svg");
    unsigned shard_k, shard_n;
    if ((rc = batch_options(&shard_k, &shard_n)) >= 0)
        return rc;
    const char *outdir = opt_outdir ? opt_outdir : "output";
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    g_autofree char *font_dir = fs_fonts_default_dir();
    char *default_spec[] = {(char *)"data/khojaly/report.ini", NULL};
    char **specs = argc > 1 ? argv + 1 : default_spec;
    size_t n = argc > 1 ? (size_t)argc - 1 : 1;
    if (opt_shard)
        n = fs_batch_shard(specs, n, shard_k, shard_n);
    if (n > 1 || opt_shard) {
        if (opt_dump_layout)
            return usage_error("render: --dump-layout takes one spec");
        if ((rc = check_spec_names(specs, n)) >= 0)
            return rc;
        if (!fs_fonts_verify(font_dir, opt_font_dir, d))
            return finish(d);
        render_job job = {.specs = specs, .theme = theme, .outdir = outdir,
                          .formats = formats};
        fs_batch b = {.n = n, .names = (const char *const *)specs, .jobs = opt_jobs,
                      .progress = show_progress(), .what = "reports", .run = render_job_run,
                      .done = render_job_done, .user = &job};
        fs_output_defer_dir_sync();
        fs_status worst = fs_batch_run(&b);
        rc = finish(d);
        return MAX(rc, (int)worst);
    }
    /* one spec: drawn here, every language all-or-nothing */
    fs_fonts *fonts = NULL;
    fs_outset *set = fs_outset_new();
    phase(NULL);
    fs_output_times before = *fs_output_times_get();
    render_spec(specs[0], theme, outdir, formats, &fonts, set, d);
    output_phases(&before, "read+layout");
    if (fs_diag_count(d) == 0)
        fs_outset_commit(set, d);
    phase("rename");
    fs_outset_free(set);
    fs_fonts_free(fonts);
    return finish(d);
}

/* ---- the command line, described once ----------------------------------------
 *
 * `factsheet --help`, `factsheet COMMAND --help`, the man page
 * (`factsheet --help-man`, build/factsheet.1) and the bash completion
 * (`factsheet --completion bash`) are all written from these tables and the
 * GOptionEntry arrays above (see clidoc.h). A new option: a line in its
 * command's entries (arg_description "DIR" completes folders, "FILE" files;
 * a fixed set of values, or file extensions, get a hint below). A new
 * command: a row in commands[]. */

static const char *const formats_png_pdf_svg[] = {"png", "pdf", "svg", NULL};
static const char *const formats_pdf_png_svg[] = {"pdf", "png", "svg", NULL};
static const char *const lang_codes[] = {"en", "az", "ru", "ar", NULL};
static const char *const lang_codes_all[] = {"all", "en", "az", "ru", "ar", NULL};
static const char *const directions[] = {"ltr", "rtl", NULL};
static const char *const delimiters[] = {",", ";", "|", "tab", NULL};
static const char *const sizes[] = {"1920x1080", "1280x720", "960x540", "a4", "letter", NULL};

static const fs_clidoc_hint chart_hints[] = {
    {"output", NULL, false, "png pdf svg", false},
    {"format", formats_png_pdf_svg, false, NULL, false},
    {"orientation", fs_orient_names, false, NULL, false},
    {"sort", fs_sort_names, false, NULL, false},
    {"mode", fs_mode_names, false, NULL, false},
    {"theme", fs_theme_names, false, "ini", false},
    {"size", sizes, false, NULL, false},
    {"lang", lang_codes, false, NULL, false},
    {"direction", directions, false, NULL, false},
    {"aggregate", fs_agg_names, false, NULL, false},
    {NULL, NULL, false, NULL, false}};

static const fs_clidoc_hint render_hints[] = {
    {"format", formats_pdf_png_svg, true, NULL, false},
    {"lang", lang_codes_all, true, NULL, false},
    {"theme", fs_theme_names, false, "ini", false},
    {NULL, NULL, false, NULL, false}};

static const fs_clidoc_hint lint_hints[] = {
    {"theme", fs_theme_names, false, "ini", false},
    {"lang", lang_codes_all, true, NULL, false},
    {NULL, NULL, false, NULL, false}};

static const fs_clidoc_hint common_hints[] = {{"delimiter", delimiters, false, NULL, false},
                                              {NULL, NULL, false, NULL, false}};

static const fs_clidoc_item render_examples[] = {
    {"factsheet render data/khojaly/report.ini -o output",
     "Draw the default report into output/: the PDF fact sheet and one PNG and SVG slide per "
     "panel, in each language of its languages = list."},
    {"factsheet render data/khojaly/report.ini --lang az --format pdf -o build",
     "Only the Azerbaijani PDF."},
    {"factsheet render data/khojaly/report.ini data/examples/orders.ini -o output -j 2",
     "Two reports, by two processes; each one all-or-nothing, one bad spec stops no other."},
    {NULL, NULL}};

static const fs_clidoc_item chart_examples[] = {
    {"factsheet chart data/khojaly/killed.csv --label group --value count -o killed.png",
     "One bar chart as a 1920x1080 PNG slide."},
    {"factsheet chart data/khojaly/killed.csv data/khojaly/captured.csv -d charts --format svg "
     "--label group --value count",
     "One SVG per CSV file, drawn on every core, into the existing folder charts: "
     "charts/killed.svg and charts/captured.svg."},
    {"factsheet chart data/examples/orders.csv --label region --value amount --aggregate sum "
     "-o orders.png",
     "One bar per region, the sum of its rows, however many rows the file has (streamed: "
     "memory grows with the regions, not the rows)."},
    {"factsheet chart data/khojaly/killed.csv data/khojaly/captured.csv -d charts "
     "--label group --value count --shard 1/2",
     "The first of two shares of a batch, e.g. in a CI matrix: shards 1/2 and 2/2 draw every "
     "file once, whatever the order of the files."},
    {NULL, NULL}};

static const fs_clidoc_item check_examples[] = {
    {"factsheet check data/khojaly/report.ini",
     "Validate a spec, every CSV it names and its layout, writing nothing: a CI step that "
     "fails on what render would refuse."},
    {NULL, NULL}};

static const fs_clidoc_item lint_examples[] = {
    {"factsheet lint data/khojaly/report.ini --strict",
     "Fail a CI job when the report has a contrast, colour-vision, text-size or source "
     "problem, in any of its languages."},
    {"factsheet lint data/khojaly/report.ini --theme print-bw",
     "The same checks for the black-and-white print theme."},
    {NULL, NULL}};

static const fs_clidoc_item table_examples[] = {
    {"factsheet table data/khojaly/killed.csv", "Show a CSV file as factsheet reads it."},
    {NULL, NULL}};

static int cmd_render(int argc, char **argv);

static const fs_clidoc_command commands[] = {
    {"render", "[SPEC…]", "draw a report (default: data/khojaly/report.ini) into -o DIR",
     "Draw a report: a PDF fact sheet and one PNG and SVG per panel. Several specs are drawn "
     "by -j processes, each report all-or-nothing on its own.",
     render_entries,
     "ini spec", render_hints, render_examples, cmd_render},
    {"chart", "CSV…", "draw a bar chart into -o FILE.png|.pdf|.svg, or one per CSV into -d DIR",
     "Draw one bar chart from a CSV file (or one per CSV file, with -d DIR).", chart_entries,
     "csv tsv", chart_hints, chart_examples, cmd_chart},
    {"check", "SPEC|CSV", "validate a spec (and every CSV it names) or one CSV; write nothing",
     "Validate a report spec (every CSV it names, and its layout as render makes it, without "
     "drawing) or one CSV. Writes nothing; exit 0 when valid, 1 when not.",
     check_entries, "ini spec csv tsv", render_hints, check_examples, cmd_check},
    {"lint", "SPEC|CSV",
     "warn about contrast, colour-blind clashes, tiny text, no source",
     "Lay out what would be drawn, write nothing, and warn about text contrast below WCAG AA, "
     "category colours that colour-blind readers cannot tell apart, text too small to read and "
     "a report without a source line. Exit 0 with warnings unless --strict; bad input exits 1 "
     "as check does.",
     lint_entries, "ini spec csv tsv", lint_hints, lint_examples, cmd_lint},
    {"table", "CSV", "print the table as factsheet read it, as escaped TSV",
     "Print CSV as factsheet read it: TSV, with \\\\ \\t \\n \\r escaped inside fields.",
     top_entries, "csv tsv", NULL, table_examples, cmd_table},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}};

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

static const fs_clidoc cli = {
    .program = "factsheet",
    .version = FS_VERSION,
    .tagline = "turn CSV figures into a PDF fact sheet, PNG charts and SVG",
    .description =
        "factsheet turns CSV figures into a print-ready PDF fact sheet, slide-ready PNG charts "
        "and SVG. Text is shaped with Pango and drawn with Cairo, using only the fonts "
        "installed with factsheet, so the same input gives the same bytes on every machine.\n\n"
        "A report is described by a spec (a key file naming its panels and their CSV files); "
        "render draws it, check validates it. chart draws one bar chart straight from a CSV "
        "file, with no spec. Every error is one line on standard error naming the file, line "
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
    g_autofree char *summary = fs_clidoc_summary(&cli);
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
    g_autoptr(GString) out = g_string_new(NULL);
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
        fs_clidoc_man(&cli, date, out);
    } else if (argc == 3 && !strcmp(argv[2], "bash")) {
        fs_clidoc_bash(&cli, out);
    } else {
        return usage_error("--completion takes bash");
    }
    stdout_flush(fwrite(out->str, 1, out->len, stdout) == out->len); /* told at exit */
    return 0;
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
    arg_strings = g_ptr_array_new_with_free_func(g_free);
    int rc;
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
                      !strcmp(argv[1], "help"))) {
        print_help();
        stdout_flush(!ferror(stdout));
        rc = 0;
    } else if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        print_version();
        stdout_flush(!ferror(stdout));
        rc = 0;
    } else if (argc >= 2 && (!strcmp(argv[1], "--help-man") || !strcmp(argv[1], "--completion"))) {
        rc = print_generated(argc, argv);
    } else if (argc >= 2 && fs_clidoc_find(&cli, argv[1])) {
        rc = fs_clidoc_find(&cli, argv[1])->run(argc - 1, argv + 1);
    } else if (argc >= 2 && argv[1][0] != '-' && !is_spec_path(argv[1])) {
        g_autofree char *m = g_strdup_printf("unknown command '%s'", argv[1]);
        rc = usage_error(m);
    } else {
        /* factsheet [SPEC…] [options]: render */
        char **args = g_new0(char *, (size_t)argc + 2);
        args[0] = (char *)"render";
        for (int i = 1; i < argc; i++)
            args[i] = argv[i];
        rc = cmd_render(argc, args);
        g_free(args);
    }
    fs_fonts_shutdown();
    fs_png_shutdown();
    g_ptr_array_free(arg_strings, TRUE);
    return rc;
}
