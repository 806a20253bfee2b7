/* main: the command line. Parses options with GOptionContext, runs the
 * pipeline (table -> layout -> paint -> output), prints the diagnostics the
 * stages collected and chooses the exit code: 0 ok, 1 bad input, 2 bad
 * command line, 3 the system failed. Nothing else prints or exits. */
#include "diag.h"
#include "fonts.h"
#include "lang.h"
#include "layout.h"
#include "lint.h"
#include "output.h"
#include "report.h"
#include "spec.h"
#include "table.h"

#include <cairo.h>
#include <locale.h>
#include <pango/pango.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#define USAGE_HINT "Try 'factsheet --help' for more information."

static const char *const summary =
    "Commands:\n"
    "  render [SPEC…]   draw a report (default: data/khojaly/report.ini) into -o DIR\n"
    "  chart CSV        draw one bar chart into -o FILE.png|.pdf|.svg\n"
    "  check SPEC|CSV   validate a spec (and every CSV it names) or one CSV; write nothing\n"
    "  table CSV        print the table as factsheet read it, as escaped TSV\n"
    "  lint SPEC|CSV    warn about low contrast, colours that collapse for colour-blind\n"
    "                   readers, tiny text and a missing source line; write nothing\n"
    "\n"
    "Run 'factsheet COMMAND --help' for the options of a command.\n"
    "Exit status: 0 success, 1 bad input, 2 bad command line, 3 system failure.";

/* Options shared by every command. */
static char *opt_font_dir;
static char *opt_delimiter;
static gboolean opt_timings;

static GOptionEntry common_entries[] = {
    {"font-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_font_dir,
     "Also take fonts from DIR (fonts/ is always used)", "DIR"},
    {"delimiter", 0, 0, G_OPTION_ARG_FILENAME, &opt_delimiter,
     "Field delimiter: , ; | or tab (default: , or TAB for .tsv)", "C"},
    {NULL}};

static char *opt_outdir, *opt_formats, *opt_data_root, *opt_lang, *opt_direction;

static char *opt_chart_dir;
static int opt_jobs;

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
     "With -d: charts drawn at once (default: the number of cores)", "N"},
    {"label", 0, 0, G_OPTION_ARG_FILENAME, &opt_label, "Column of the category labels", "COL"},
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
    {NULL}};

/* render options (--lang also for chart) */

static GOptionEntry render_entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_outdir, "Write into DIR (default: output)",
     "DIR"},
    {"format", 0, 0, G_OPTION_ARG_FILENAME, &opt_formats,
     "Comma-separated formats to write: pdf,png,svg (default: all)", "LIST"},
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
    {NULL}};

static GOptionEntry top_entries[] = {
    {"version", 'V', 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL},
    {NULL}};

static int usage_error(const char *msg)
{
    g_autofree char *m = fs_diag_escape_path(msg);
    fprintf(stderr, "factsheet: %s\n%s\n", m, USAGE_HINT);
    return FS_ERR_USAGE;
}

/* Parses argv for one command. Returns -1 on success, else the exit code. */
static int parse_options(const char *cmd, const char *params, const char *desc,
                         GOptionEntry *entries, int *argc, char ***argv)
{
    g_autofree char *p = g_strdup_printf("%s %s", cmd, params);
    g_autoptr(GOptionContext) ctx = g_option_context_new(p);
    g_option_context_set_summary(ctx, desc);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GOptionGroup *common =
        g_option_group_new("common", "Options of every command:", "Show common options", NULL,
                           NULL);
    g_option_group_add_entries(common, common_entries);
    g_option_context_add_group(ctx, common);
    g_option_context_set_description(ctx, "Exit status: 0 success, 1 bad input, 2 bad command "
                                          "line, 3 system failure.\nSee README.md for the "
                                          "spec format and the CSV policy.");
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

static bool is_spec_path(const char *path)
{
    return g_str_has_suffix(path, ".ini") || g_str_has_suffix(path, ".spec");
}

/* ---- table ---------------------------------------------------------------- */

static int cmd_table(int argc, char **argv)
{
    int rc = parse_options("table", "CSV", "Print CSV as factsheet read it: TSV, with \\\\ \\t "
                                           "\\n \\r escaped inside fields.",
                           top_entries, &argc, &argv);
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
        if (!fs_table_write_tsv(t, stdout) || fflush(stdout) != 0)
            fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "cannot write to standard output");
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

/* ---- check ---------------------------------------------------------------- */

static int cmd_check(int argc, char **argv)
{
    int rc = parse_options("check", "SPEC|CSV",
                           "Validate a report spec (and every CSV it names) or one CSV. "
                           "Writes nothing; exit 0 when valid, 1 when not.",
                           render_entries, &argc, &argv);
    if (rc >= 0)
        return rc;
    if (argc != 2)
        return usage_error(argc < 2 ? "check: missing SPEC or CSV file"
                                    : "check: takes one SPEC or CSV file");
    fs_csv_opts co;
    if (!delimiter_option(&co))
        return usage_error("--delimiter takes , ; | or tab");
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    if (is_spec_path(argv[1])) {
        /* every language the spec would be drawn in */
        g_autofree char *lang0 = first_lang();
        fs_spec *base = fs_spec_load(argv[1], opt_data_root, lang0, d);
        g_auto(GStrv) langs = NULL;
        if (base && spec_languages(base, argv[1], &langs, d)) {
            for (size_t i = 0; fs_diag_count(d) == 0 && (langs ? langs[i] != NULL : i == 0);
                 i++) {
                fs_spec *spec = langs ? fs_spec_load(argv[1], opt_data_root, langs[i], d) : base;
                if (spec)
                    fs_report_check(spec, d);
                if (spec != base)
                    fs_spec_free(spec);
            }
        }
        fs_spec_free(base);
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
    {NULL}};

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

static int cmd_lint(int argc, char **argv)
{
    int rc = parse_options("lint", "SPEC|CSV",
                           "Lay out what would be drawn, write nothing, and warn about text "
                           "contrast below WCAG AA, category colours that colour-blind readers "
                           "cannot tell apart, text too small to read and a report without a "
                           "source line. Exit 0 with warnings unless --strict; bad input exits "
                           "1 as check does.",
                           lint_entries, &argc, &argv);
    if (rc >= 0)
        return rc;
    if (argc != 2)
        return usage_error(argc < 2 ? "lint: missing SPEC or CSV file"
                                    : "lint: takes one SPEC or CSV file");
    fs_csv_opts co;
    if (!delimiter_option(&co))
        return usage_error("--delimiter takes , ; | or tab");
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_lint) L = fs_lint_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    if (is_spec_path(argv[1])) {
        g_autofree char *lang0 = first_lang();
        fs_spec *base = fs_spec_load(argv[1], opt_data_root, lang0, d);
        g_auto(GStrv) langs = NULL;
        g_autofree char *font_dir = fs_fonts_default_dir();
        fs_fonts *fonts = NULL;
        if (base && spec_languages(base, argv[1], &langs, d) &&
            (fonts = fs_fonts_new(font_dir, opt_font_dir, d))) {
            for (size_t i = 0; fs_diag_count(d) == 0 && (langs ? langs[i] != NULL : i == 0);
                 i++) {
                fs_spec *spec = langs ? fs_spec_load(argv[1], opt_data_root, langs[i], d) : base;
                if (spec) {
                    theme_override(spec, theme);
                    fs_lint_report(L, spec, fonts, d);
                }
                if (spec != base)
                    fs_spec_free(spec);
            }
        }
        fs_fonts_free(fonts);
        fs_spec_free(base);
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
    if (pdf && g_ascii_strcasecmp(s, "a4") == 0) {
        *w = 595.2756, *h = 841.8898;
        return true;
    }
    if (pdf && g_ascii_strcasecmp(s, "letter") == 0) {
        *w = 612, *h = 792;
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
    fs_table *t = fs_table_load(csv, co, d);
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
    if (opt_dump_layout)
        fs_doc_dump(doc, stdout);
    if (out) {
        fs_output_opts oo = {.scale = opt_scale};
        set = fs_outset_new();
        if (fs_outset_add(set, doc, fmt, out, &oo, d)) {
            phase("paint+encode+write");
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

/* Many CSVs into -d DIR: each chart is drawn in a child process forked from
 * this one after the fonts are loaded, at most -j at a time. A child is a
 * fresh copy of the same state, so every chart comes out byte-identical to a
 * run with -j 1 (cairo numbers SVG surfaces per process), and one bad CSV
 * does not stop the others. Each file is atomic on its own; the exit status
 * is the worst of all charts. */
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
    /* Only check the fonts here: Pango starts threads when it loads them,
     * and a process with threads must not fork (a lock held by another
     * thread stays held in the child; ASan's allocator showed it). Each
     * child loads the fonts itself, from fontconfig's cache: ~2 ms. */
    if (!fs_fonts_verify(font_dir, opt_font_dir, d))
        return finish(d);
    fs_fonts *fonts = NULL;
    int jobs = opt_jobs > 0 ? opt_jobs : (int)g_get_num_processors();
    int running = 0, worst = 0;
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < n || running > 0;) {
        if (i < n && running < jobs) {
            pid_t pid = fork();
            if (pid == 0) {
                g_autoptr(fs_diag) cd = fs_diag_new();
                chart_one(csvs[i], g_ptr_array_index(outs, i), fmt, co, o, values, font_dir,
                          &fonts, cd);
                fs_fonts_free(fonts);
                fs_diag_print(cd, stderr);
                fflush(stdout);
                _exit((int)fs_diag_status(cd));
            }
            if (pid < 0) {
                fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "cannot start a process: %s",
                            g_strerror(errno));
                n = i; /* start no more; wait for the running ones */
                continue;
            }
            running++, i++;
            continue;
        }
        int status;
        if (wait(&status) < 0)
            break;
        running--;
        int rc = WIFEXITED(status) ? WEXITSTATUS(status) : FS_ERR_SYSTEM;
        if (!WIFEXITED(status))
            fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "a chart process died (signal %d)",
                        WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        worst = MAX(worst, rc);
    }
    int rc = finish(d);
    return MAX(rc, worst);
}

static int cmd_chart(int argc, char **argv)
{
    int rc = parse_options("chart", "CSV…",
                           "Draw one bar chart from a CSV file.\n\nExample:\n  factsheet chart "
                           "data/khojaly/killed.csv --label group --value count -o killed.png",
                           chart_entries, &argc, &argv);
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
    if (!opt_value)
        return usage_error("chart: missing --value COL[,COL…]");
    fs_format fmt = FS_FMT_PNG;
    if (opt_output && !fs_format_from_path(opt_output, &fmt))
        return usage_error("chart: -o must end in .png, .pdf or .svg");
    if (opt_formats) {
        g_autofree char *probe = g_strdup_printf("x.%s", opt_formats);
        if (!opt_chart_dir || !fs_format_from_path(probe, &fmt))
            return usage_error("chart: --format takes png, pdf or svg, with -d DIR");
    }
    if (opt_jobs < 0 || opt_jobs > 1024)
        return usage_error("-j takes a number of processes from 1 to 1024");
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
        o.width = 841.8898, o.height = 595.2756; /* A4 landscape */
    }
    if (opt_size) {
        if (!parse_size(opt_size, fmt == FS_FMT_PDF, &o.width, &o.height))
            return usage_error("--size takes WxH (e.g. 1920x1080, 210x297mm), a4 or letter");
        if (o.width < 100 || o.height < 100 || o.width > 20000 || o.height > 20000)
            return usage_error("--size must be between 100 and 20000 px (or pt) each way");
    }
    if (!(opt_scale >= 0.1 && opt_scale <= 10))
        return usage_error("--scale must be between 0.1 and 10");

    g_auto(GStrv) values = g_strsplit(opt_value, ",", -1);
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
    return chart_batch(argc - 1, argv + 1, fmt, &co, &o, (const char *const *)values, font_dir);
}

/* ---- render ----------------------------------------------------------------- */

static int cmd_render(int argc, char **argv)
{
    int rc = parse_options("render", "[SPEC…]",
                           "Draw a report: a PDF fact sheet and one PNG and SVG per panel.",
                           render_entries, &argc, &argv);
    if (rc >= 0)
        return rc;
    unsigned formats = 0;
    if (!fs_report_parse_formats(opt_formats ? opt_formats : "pdf,png,svg", &formats))
        return usage_error("--format takes a comma-separated list of pdf, png and svg");
    const char *outdir = opt_outdir ? opt_outdir : "output";
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (opt_theme && !(theme = fs_theme_open(opt_theme, d)))
        return finish(d);
    g_autofree char *font_dir = fs_fonts_default_dir();
    fs_fonts *fonts = NULL;
    fs_outset *set = fs_outset_new();
    phase(NULL);
    const char *default_spec[] = {"data/khojaly/report.ini", NULL};
    const char *const *specs = argc > 1 ? (const char *const *)argv + 1 : default_spec;
    for (const char *const *s = specs; *s && fs_diag_count(d) == 0; s++) {
        /* the languages to render: --lang LIST|all, else the spec's own list */
        g_autofree char *lang0 = first_lang();
        fs_spec *base = fs_spec_load(*s, opt_data_root, lang0, d);
        if (!base)
            break;
        g_auto(GStrv) langs = NULL;
        if (!spec_languages(base, *s, &langs, d)) {
            fs_spec_free(base);
            break;
        }
        const char *first = base->languages ? base->languages[0] : NULL;
        phase("spec");
        if (!fonts && !(fonts = fs_fonts_new(font_dir, opt_font_dir, d))) {
            fs_spec_free(base);
            break;
        }
        phase("fonts");
        for (size_t i = 0; fs_diag_count(d) == 0 && (langs ? langs[i] != NULL : i == 0); i++) {
            const char *lang = langs ? langs[i] : NULL;
            fs_spec *spec = lang ? fs_spec_load(*s, opt_data_root, lang, d) : base;
            if (!spec)
                break;
            theme_override(spec, theme);
            g_autofree char *suffix = lang && g_strcmp0(lang, first) != 0
                                          ? g_strdup_printf(".%s", lang)
                                          : g_strdup("");
            fs_report_render(spec, fonts, outdir, formats, suffix, set, opt_dump_layout, d);
            if (spec != base)
                fs_spec_free(spec);
        }
        fs_spec_free(base);
    }
    phase("read+layout+paint+encode+write");
    /* all or nothing: every file of every report and language, or none */
    if (fs_diag_count(d) == 0)
        fs_outset_commit(set, d);
    phase("rename");
    fs_outset_free(set);
    fs_fonts_free(fonts);
    return finish(d);
}

/* ---- main ------------------------------------------------------------------- */

static void print_version(void)
{
    printf("factsheet %s (cairo %s, pango %s, glib %u.%u.%u, libcsv 3)\n", FS_VERSION,
           cairo_version_string(), pango_version_string(), glib_major_version,
           glib_minor_version, glib_micro_version);
}

static void print_help(void)
{
    printf("Usage: factsheet [COMMAND] [OPTION…]\n\n"
           "factsheet turns CSV figures into a print-ready PDF fact sheet, slide-ready PNG\n"
           "charts and SVG.\n\n%s\n\n"
           "  -h, --help       show this help\n"
           "  -V, --version    show the version\n",
           summary);
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
    int rc;
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
                      !strcmp(argv[1], "help"))) {
        print_help();
        rc = 0;
    } else if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        print_version();
        rc = 0;
    } else if (argc >= 2 && !strcmp(argv[1], "table")) {
        rc = cmd_table(argc - 1, argv + 1);
    } else if (argc >= 2 && !strcmp(argv[1], "check")) {
        rc = cmd_check(argc - 1, argv + 1);
    } else if (argc >= 2 && !strcmp(argv[1], "lint")) {
        rc = cmd_lint(argc - 1, argv + 1);
    } else if (argc >= 2 && !strcmp(argv[1], "chart")) {
        rc = cmd_chart(argc - 1, argv + 1);
    } else if (argc >= 2 && !strcmp(argv[1], "render")) {
        rc = cmd_render(argc - 1, argv + 1);
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
    return rc;
}
