/* cmd_chart: `factsheet chart CSV…`, one bar, line or area chart straight from a CSV file
 * (no spec) into -o FILE, or one per CSV into -d DIR drawn by -j worker
 * processes (batch.h). The options are checked and resolved once into a
 * chart_plan, which every chart is drawn with. */
#include "batch.h"
#include "cli.h"
#include "lang.h"
#include "layout.h"
#include "stamp.h"
#include "table.h"
#include "theme.h"
#include "values.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* The options of chart, filled by parsing. */
typedef struct chart_cli {
    char *output, *dir, *formats, *shard, *aggregate, *label, *value;
    char *title, *subtitle, *source, *note, *unit, *alt;
    char *orientation, *sort, *mode, *theme, *numfmt, *lang, *direction;
    fs_cli_chart_opts chart; /* --size, --decimals, --compact, --axis-min, --axis-max */
    int jobs, shard_count;
    double scale;
    gboolean quiet, transparent, dump_layout, timings, incremental, force, allow_dups, svg_text,
        svg_outlines;
} chart_cli;

static chart_cli opts = {.scale = 1.0};

static GOptionEntry chart_entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opts.output, "Write FILE (.png, .pdf or .svg; - for standard output)",
     "FILE"},
    {"dir", 'd', 0, G_OPTION_ARG_FILENAME, &opts.dir,
     "Several CSVs: write DIR/NAME.FORMAT for each CSV NAME.csv (DIR made if missing)", "DIR"},
    {"format", 0, 0, G_OPTION_ARG_FILENAME, &opts.formats, "With -d or -o -: png (default), pdf or svg",
     "FMT"},
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &opts.jobs,
     "With -d: worker processes (default: the number of cores plus one)", "N"},
    {"shard", 0, 0, G_OPTION_ARG_FILENAME, &opts.shard,
     "With -d: draw only shard K of N (inputs sorted, every N-th from the K-th); auto: from the CI "
     "scheduler's variables",
     "K/N|auto"},
    {"shard-count", 0, 0, G_OPTION_ARG_INT, &opts.shard_count,
     "With --shard auto: the number of jobs, for schedulers that do not set it (Kubernetes, AWS "
     "Batch)",
     "N"},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opts.quiet, "No progress line on a terminal", NULL},
    {"incremental", 0, 0, G_OPTION_ARG_NONE, &opts.incremental,
     "With -d: skip a CSV whose chart is unchanged since its stamp (DIR/.NAME.png.stamp)", NULL},
    {"force", 0, 0, G_OPTION_ARG_NONE, &opts.force,
     "With --incremental: draw every chart and write new stamps", NULL},
    {"label", 0, 0, G_OPTION_ARG_FILENAME, &opts.label, "Column of the category labels", "COL"},
    {"aggregate", 0, 0, G_OPTION_ARG_FILENAME, &opts.aggregate,
     "One bar per label: sum, count, mean, min or max of its rows, streamed", "F"},
    {"value", 0, 0, G_OPTION_ARG_FILENAME, &opts.value, "Value column(s), comma-separated",
     "COL[,COL…]"},
    {"allow-duplicate-labels", 0, 0, G_OPTION_ARG_NONE, &opts.allow_dups,
     "A label on several rows: one bar per row (default: refused; see --aggregate)", NULL},
    {"title", 0, 0, G_OPTION_ARG_FILENAME, &opts.title, "Title above the chart", "TEXT"},
    {"subtitle", 0, 0, G_OPTION_ARG_FILENAME, &opts.subtitle, "Subtitle under the title", "TEXT"},
    {"source", 0, 0, G_OPTION_ARG_FILENAME, &opts.source, "Source line at the bottom", "TEXT"},
    {"note", 0, 0, G_OPTION_ARG_FILENAME, &opts.note, "Note at the bottom", "TEXT"},
    {"orientation", 0, 0, G_OPTION_ARG_FILENAME, &opts.orientation,
     "horizontal (default) or vertical", "O"},
    {"sort", 0, 0, G_OPTION_ARG_FILENAME, &opts.sort, "none (default), asc or desc", "S"},
    {"mode", 0, 0, G_OPTION_ARG_FILENAME, &opts.mode,
     "Several value columns: grouped (default), stacked or percent", "M"},
    FS_CLI_SIZE_ENTRY(opts.chart),
    {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &opts.scale, "PNG pixel density (e.g. 2)", "N"},
    {"transparent", 0, 0, G_OPTION_ARG_NONE, &opts.transparent, "PNG with alpha background", NULL},
    FS_CLI_SVG_ENTRIES(opts.svg_text, opts.svg_outlines),
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opts.theme,
     "light (default), dark, print-bw or a theme FILE.ini", "NAME|FILE"},
    {"number-format", 0, 0, G_OPTION_ARG_FILENAME, &opts.numfmt,
     "How numbers are written, by example: 1,275 (default), '1 275', 1.275,5, 1275", "EX"},
    {"unit", 0, 0, G_OPTION_ARG_FILENAME, &opts.unit, "Unit after each value label", "TEXT"},
    FS_CLI_NUMBER_ENTRIES(opts.chart),
    FS_CLI_TYPE_ENTRIES(opts.chart),
    {"alt", 0, 0, G_OPTION_ARG_FILENAME, &opts.alt, "Alt text (default: written from the data)",
     "TEXT"},
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opts.lang,
     "Language: number format, percent form, own words, direction (e.g. az, ru, ar)", "CODE"},
    {"direction", 0, 0, G_OPTION_ARG_FILENAME, &opts.direction,
     "ltr or rtl (default: from --lang): rtl mirrors the chart", "DIR"},
    {"dump-layout", 0, 0, G_OPTION_ARG_NONE, &opts.dump_layout,
     "Print the computed boxes to stdout, one per line, in points", NULL},
    {"timings", 0, 0, G_OPTION_ARG_NONE, &opts.timings, "Print per-phase wall times to stderr",
     NULL},
    G_OPTION_ENTRY_NULL};

static const char *const formats_png_pdf_svg[] = {"png", "pdf", "svg", NULL};
static const char *const lang_codes[] = {"en", "az", "ru", "ar", NULL};
static const char *const directions[] = {"ltr", "rtl", NULL};

static const fs_clidoc_hint chart_hints[] = {{"output", NULL, false, "png pdf svg", false},
                                             {"format", formats_png_pdf_svg, false, NULL, false},
                                             {"orientation", fs_orient_names, false, NULL, false},
                                             {"sort", fs_sort_names, false, NULL, false},
                                             {"mode", fs_mode_names, false, NULL, false},
                                             {"theme", fs_theme_names, false, "ini", false},
                                             FS_CLI_CHART_HINTS,
                                             {"lang", lang_codes, false, NULL, false},
                                             {"direction", directions, false, NULL, false},
                                             {"aggregate", fs_agg_names, false, NULL, false},
                                             {NULL, NULL, false, NULL, false}};

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
    {"factsheet chart data/examples/trade-monthly.csv --type line --label month "
     "--value Exports,Imports -o trade.png",
     "Two lines over 36 months: a time axis with calendar ticks, each line named at its end."},
    {NULL, NULL}};

/* What a chart of repeated labels says to do. */
#define DUPLICATE_FIX                                                                              \
    "one bar per label with --aggregate sum (or count, mean, min, max), or one per row with "     \
    "--allow-duplicate-labels"

/* The options resolved: what every chart of the command is drawn with. */
typedef struct chart_plan {
    const chart_cli *opts;
    fs_format fmt;             /* of -o FILE, or --format with -d */
    int agg;                   /* fs_agg, or -1: every row is a bar */
    fs_csv_opts co;            /* --delimiter, --decimal, --encoding */
    fs_chart_opts o;           /* the chart's look; its strings borrowed from opts */
    const char *const *values; /* --value, split and stripped */
    const char *font_dir;      /* the bundled fonts */
    const char *shared;        /* --incremental: the stamps' shared digest, else NULL */
} chart_plan;

/* ---- the options ------------------------------------------------------ */

/* The operands and the options that say what to read and write, into p's
 * fmt, agg and co; the shard into *k of *n. Returns -1 when valid, else the
 * usage error's exit code. */
static int chart_usage(fs_cli *cli, const chart_cli *o, int argc, chart_plan *p, unsigned *k,
                       unsigned *n)
{
    if (argc < 2)
        return fs_cli_usage_error("chart: missing CSV file");
    if (argc > 2 && !o->dir)
        return fs_cli_usage_error("chart: several CSV files need -d DIR");
    if (o->dir && o->output)
        return fs_cli_usage_error("chart: -o and -d exclude each other");
    if (!o->output && !o->dir && !o->dump_layout)
        return fs_cli_usage_error("chart: missing -o FILE.png|.pdf|.svg (or -d DIR)");
    if (!o->label)
        return fs_cli_usage_error("chart: missing --label COL");
    if (!fs_cli_enum_option("--aggregate", o->aggregate, fs_agg_names, &p->agg))
        return FS_ERR_USAGE;
    if (p->agg >= 0 && o->allow_dups)
        return fs_cli_usage_error("chart: --aggregate and --allow-duplicate-labels exclude each "
                                  "other");
    if (!o->value && p->agg != FS_AGG_COUNT)
        return fs_cli_usage_error("chart: missing --value COL[,COL…]");
    p->fmt = FS_FMT_PNG;
    bool to_stdout = o->output && strcmp(o->output, "-") == 0;
    if (o->output && !to_stdout && !fs_format_from_path(o->output, &p->fmt))
        return fs_cli_usage_error("chart: -o must end in .png, .pdf or .svg (or be - for "
                                  "standard output)");
    if (o->formats) {
        g_autofree char *probe = g_strdup_printf("x.%s", o->formats);
        if (!(o->dir || to_stdout) || !fs_format_from_path(probe, &p->fmt))
            return fs_cli_usage_error("chart: --format takes png, pdf or svg, with -d DIR or "
                                      "-o -");
    }
    if (to_stdout && o->dump_layout)
        return fs_cli_usage_error("chart: --dump-layout and -o - both write to standard output");
    if (to_stdout && isatty(STDOUT_FILENO))
        return fs_cli_usage_error("chart: -o - writes the chart to standard output, which is a "
                                  "terminal: redirect it to a file or a pipe");
    int rc = fs_cli_batch_options(o->jobs, o->shard, o->shard_count, k, n);
    if (rc >= 0)
        return rc;
    if (o->shard && !o->dir)
        return fs_cli_usage_error("chart: --shard needs -d DIR");
    if (o->dump_layout && o->dir)
        return fs_cli_usage_error("chart: --dump-layout takes one CSV, not -d DIR");
    if (o->incremental && !o->dir)
        return fs_cli_usage_error("chart: --incremental needs -d DIR");
    if (o->force && !o->incremental)
        return fs_cli_usage_error("chart: --force goes with --incremental");
    return fs_cli_csv_opts(cli, &p->co);
}

/* The language and direction options into c. Returns -1 when valid, else
 * the usage error's exit code. */
static int chart_language(const chart_cli *o, fs_chart_opts *c)
{
    if (o->lang) {
        if (strchr(o->lang, ',') ||
            !g_regex_match_simple("^[a-zA-Z]{2,3}([_-][a-zA-Z0-9]{2,8})?$", o->lang, 0, 0))
            return fs_cli_usage_error("--lang takes one language tag, such as az or pt_BR");
        c->lang = o->lang;
        fs_lang_numfmt(o->lang, &c->numfmt);
        c->rtl = fs_lang_is_rtl(o->lang);
    }
    if (o->direction) {
        if (!strcmp(o->direction, "rtl") || !strcmp(o->direction, "ltr"))
            c->rtl = !strcmp(o->direction, "rtl");
        else
            return fs_cli_usage_error("--direction takes ltr or rtl");
    }
    if (o->numfmt && !fs_numfmt_parse(o->numfmt, &c->numfmt))
        return fs_cli_usage_error("--number-format takes an example such as 1,275 or '1 275' or "
                                  "1.275,5 or 1275");
    return -1;
}

/* The options that say how the chart looks, into p->o (its theme is set
 * later). Returns -1 when valid, else the usage error's exit code. */
static int chart_look(const chart_cli *o, chart_plan *p)
{
    fs_chart_opts *c = &p->o;
    fs_chart_opts_init(c);
    c->title = o->title, c->subtitle = o->subtitle, c->source = o->source, c->note = o->note;
    c->unit = o->unit, c->alt = o->alt, c->transparent = o->transparent;
    int pick;
    if (!fs_cli_enum_option("--orientation", o->orientation, fs_orient_names, &pick))
        return FS_ERR_USAGE;
    c->orient = pick < 0 ? c->orient : (fs_orient)pick;
    if (!fs_cli_enum_option("--sort", o->sort, fs_sort_names, &pick))
        return FS_ERR_USAGE;
    c->sort = pick < 0 ? c->sort : (fs_sort)pick;
    if (!fs_cli_enum_option("--mode", o->mode, fs_mode_names, &pick))
        return FS_ERR_USAGE;
    c->mode = pick < 0 ? c->mode : (fs_mode)pick;
    int rc = chart_language(o, c);
    if (rc >= 0)
        return rc;
    if ((rc = fs_cli_chart_options(&o->chart, p->fmt, c)) >= 0)
        return rc;
    if (c->type != FS_CHART_BAR && (o->orientation || o->sort))
        return fs_cli_usage_error("--orientation and --sort are for bar charts; lines run in "
                                  "the order of their dates or rows");
    if (c->type != FS_CHART_BAR && c->mode == FS_MODE_PERCENT)
        return fs_cli_usage_error("--mode percent is for bar charts");
    if (c->type == FS_CHART_LINE && c->mode == FS_MODE_STACKED)
        return fs_cli_usage_error("--mode stacked is for bars and areas (--type area)");
    if (!(o->scale >= 0.1 && o->scale <= 10))
        return fs_cli_usage_error("--scale must be between 0.1 and 10");
    if (o->svg_text && o->svg_outlines)
        return fs_cli_usage_error("--svg-text and --svg-outlines contradict each other: give one");
    return -1;
}

/* ---- drawing ---------------------------------------------------------- */

/* Writes doc to out (staged, then renamed into place). */
static void chart_write(fs_cli *cli, const chart_plan *p, const fs_doc *doc, const char *out,
                        fs_diag *d)
{
    fs_output_opts oo = {.scale = p->opts->scale, .svg_text = !p->opts->svg_outlines};
    fs_outset *set = fs_outset_new();
    fs_output_times before = *fs_output_times_get();
    if (fs_outset_add(set, doc, p->fmt, out, &oo, d)) {
        fs_cli_output_phases(cli, &before, "stage");
        fs_outset_commit(set, d);
        fs_cli_phase(cli, "rename");
    }
    fs_outset_free(set);
}

/* Writes doc to standard output (-o -): into a file in a new temporary
 * folder, as any output (so nothing reaches stdout unless it is complete),
 * then its bytes to stdout; the folder is removed. */
static void chart_write_stdout(fs_cli *cli, const chart_plan *p, const fs_doc *doc, fs_diag *d)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *dir = g_dir_make_tmp("factsheet-XXXXXX", &err);
    if (!dir) {
        fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "cannot make a temporary folder: %s",
                    err->message);
        return;
    }
    g_autofree char *name = g_strdup_printf("chart.%s", fs_format_ext(p->fmt));
    g_autofree char *path = g_build_filename(dir, name, NULL);
    chart_write(cli, p, doc, path, d);
    g_autofree char *bytes = NULL;
    gsize len = 0;
    if (fs_diag_count(d) == 0) {
        if (g_file_get_contents(path, &bytes, &len, &err)) {
            fs_cli_stdout_flush(cli->out, fwrite(bytes, 1, len, stdout) == len);
            fs_cli_stdout_ok(cli->out, d);
        } else {
            fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "cannot read back the chart: %s",
                        err->message);
        }
    }
    g_unlink(path);
    g_rmdir(dir);
}

/* Draws one chart from csv into out (NULL: only --dump-layout; "-":
 * standard output). *fonts is
 * made on first use and kept for the next chart. Diagnostics go to d. */
static void chart_one(fs_cli *cli, const chart_plan *p, const char *csv, const char *out,
                      fs_fonts **fonts, fs_diag *d)
{
    const chart_cli *o = p->opts;
    const char *const *values = p->values;
    fs_cli_phase(cli, NULL);
    fs_table *t = p->agg >= 0
                      ? fs_table_aggregate_file(csv, &p->co, o->label, values, (fs_agg)p->agg, d)
                      : fs_table_load(csv, &p->co, d);
    static const char *const count_col[] = {"count", NULL};
    if (p->agg == FS_AGG_COUNT && !values[0])
        values = count_col;
    fs_cli_phase(cli, "read");
    fs_series_data data = {0};
    fs_doc *doc = NULL;
    if (!t || !fs_series_data_from_table_nan(t, o->label, values, &data, d))
        goto out;
    if (p->agg < 0 && !o->allow_dups &&
        !fs_series_data_unique_labels(&data, DUPLICATE_FIX, d))
        goto out;
    fs_cli_phase(cli, "check");
    if (!*fonts && !(*fonts = fs_fonts_new(p->font_dir, cli->common->font_dir, d)))
        goto out;
    fs_cli_phase(cli, "fonts");
    doc = fs_doc_new();
    if (!fs_layout_chart(doc, *fonts, &data, &p->o, d))
        goto out;
    fs_cli_phase(cli, "layout");
    if (o->dump_layout) {
        fs_doc_dump(doc, stdout);
        fs_cli_stdout_flush(cli->out, !ferror(stdout));
        if (!fs_cli_stdout_ok(cli->out, d))
            goto out;
    }
    if (out && strcmp(out, "-") == 0)
        chart_write_stdout(cli, p, doc, d);
    else if (out)
        chart_write(cli, p, doc, out, d);
out:
    fs_doc_free(doc);
    fs_series_data_clear(&data);
    fs_table_free(t);
}

/* What a chart batch's workers share: the plan of every chart and the
 * fonts each worker loads on its first chart. */
typedef struct chart_job {
    fs_cli *cli;
    const chart_plan *plan;
    char **csvs, **outs;
    fs_fonts *fonts;
} chart_job;

/* --incremental: DIR/.NAME.FORMAT.stamp, the stamp of the chart out. */
static char *chart_stamp_path(const chart_plan *p, const char *out)
{
    g_autofree char *base = g_path_get_basename(out);
    return fs_stamp_path(p->opts->dir, base);
}

static void chart_job_run(size_t i, void *user, fs_diag *d)
{
    chart_job *j = user;
    const chart_plan *p = j->plan;
    const char *csv = j->csvs[i], *out = j->outs[i];
    g_autofree char *stamp = p->shared ? chart_stamp_path(p, out) : NULL;
    if (stamp && !p->opts->force && fs_stamp_fresh(stamp, csv, p->shared))
        return;
    chart_one(j->cli, p, csv, out, &j->fonts, d);
    if (!stamp || fs_diag_count(d) > 0)
        return;
    g_autoptr(fs_stamp) s = fs_stamp_new(csv, p->shared);
    fs_stamp_add_input(s, csv);
    if (p->opts->theme && !fs_theme_is_name(p->opts->theme))
        fs_stamp_add_input(s, p->opts->theme);
    fs_stamp_add_output(s, out);
    fs_stamp_write(s, stamp, d);
}

static void chart_job_done(void *user, fs_diag *d)
{
    fs_output_sync_deferred(d);
    chart_job *j = user;
    fs_fonts_free(j->fonts);
    j->fonts = NULL;
}

/* DIR/NAME.FORMAT for each CSV NAME.csv, into outs. Returns -1 when no two
 * are the same, else the usage error's exit code. */
static int batch_outputs(const chart_plan *p, int n, char **csvs, GPtrArray *outs)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < n; i++) {
        g_autofree char *base = g_path_get_basename(csvs[i]);
        char *dot = strrchr(base, '.');
        if (dot && dot != base)
            *dot = '\0';
        g_autofree char *name = g_strdup_printf("%s.%s", base, fs_format_ext(p->fmt));
        char *out = g_build_filename(p->opts->dir, name, NULL);
        if (g_hash_table_contains(seen, out)) {
            g_autofree char *m =
                g_strdup_printf("%s and another CSV would both write %s", csvs[i], out);
            g_free(out);
            return fs_cli_usage_error(m);
        }
        g_ptr_array_add(outs, out);
        g_hash_table_add(seen, out);
    }
    return -1;
}

/* Many CSVs into -d DIR, drawn by -j worker processes (see batch.h): each
 * file is atomic on its own, one bad CSV does not stop the others, and the
 * exit status is the worst of all charts. */
static int chart_batch(fs_cli *cli, const chart_plan *p, int n, char **csvs)
{
    const chart_cli *o = p->opts;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(GPtrArray) outs = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < n; i++)
        if (strcmp(csvs[i], "-") == 0)
            return fs_cli_usage_error("chart: standard input (-) is one CSV: draw it with -o, "
                                      "not -d DIR");
    int rc = batch_outputs(p, n, csvs, outs);
    if (rc >= 0)
        return rc;
    /* a missing folder is made, as render -o makes its own */
    if (!g_file_test(o->dir, G_FILE_TEST_EXISTS) && g_mkdir_with_parents(o->dir, 0777) != 0) {
        fs_diag_add(d, FS_ERR_SYSTEM, o->dir, 0, 0, "cannot create the folder: %s",
                    g_strerror(errno));
        return fs_cli_finish(cli, d);
    }
    if (!g_file_test(o->dir, G_FILE_TEST_IS_DIR)) {
        fs_diag_add(d, FS_ERR_SYSTEM, o->dir, 0, 0, "not a folder");
        return fs_cli_finish(cli, d);
    }
    /* Only check the fonts here: workers are forked from this process, which
     * must not have started Pango's threads; each worker loads the fonts
     * once, from fontconfig's cache. */
    if (!fs_fonts_verify(p->font_dir, cli->common->font_dir, d))
        return fs_cli_finish(cli, d);
    chart_job job = {.cli = cli, .plan = p, .csvs = csvs, .outs = (char **)outs->pdata};
    fs_batch b = {.n = (size_t)n,
                  .names = (const char *const *)csvs,
                  .jobs = o->jobs,
                  .progress = fs_cli_show_progress(o->quiet),
                  .what = "charts",
                  .run = chart_job_run,
                  .done = chart_job_done,
                  .user = &job};
    fs_output_defer_dir_sync(); /* once per folder, at the end of each worker */
    fs_status worst = fs_batch_run(&b);
    rc = fs_cli_finish(cli, d);
    return MAX(rc, (int)worst);
}

static int run_chart(fs_cli *cli, int argc, char **argv)
{
    int rc = fs_cli_parse(cli, "chart", &argc, &argv);
    if (rc >= 0)
        return rc;
    cli->timer.on = opts.timings;
    if (opts.label)
        g_strstrip(opts.label);
    const chart_cli *o = &opts;
    chart_plan p = {.opts = o};
    unsigned shard_k, shard_n;
    if ((rc = chart_usage(cli, o, argc, &p, &shard_k, &shard_n)) >= 0)
        return rc;
    if ((rc = chart_look(o, &p)) >= 0)
        return rc;
    g_auto(GStrv) values = g_strsplit(o->value ? o->value : "", ",", -1);
    for (char **v = values; *v; v++)
        g_strstrip(*v);
    p.values = (const char *const *)values;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (o->theme && !(theme = fs_theme_open(o->theme, d)))
        return fs_cli_finish(cli, d);
    p.o.theme = theme;
    g_autofree char *font_dir = fs_fonts_default_dir();
    p.font_dir = font_dir;
    if (!o->dir) {
        fs_fonts *fonts = NULL;
        chart_one(cli, &p, argv[1], o->output, &fonts, d);
        fs_fonts_free(fonts);
        return fs_cli_finish(cli, d);
    }
    /* before the shard reorders the operands */
    g_autofree char *shared = NULL;
    if (o->incremental)
        p.shared = shared = fs_cli_stamp_digest(cli, argc, argv, font_dir);
    size_t n = (size_t)argc - 1;
    if (o->shard)
        n = fs_batch_shard(argv + 1, n, shard_k, shard_n);
    return chart_batch(cli, &p, (int)n, argv + 1);
}

const fs_clidoc_command fs_cmd_chart = {
    .name = "chart",
    .params = "CSV…",
    .summary = "draw a bar, line or area chart into -o FILE.png|.pdf|.svg, or one per CSV into "
               "-d DIR",
    .description = "Draw one bar, line or area chart (--type) from a CSV file (or one per CSV "
                   "file, with -d DIR).",
    .entries = chart_entries,
    .operands = "csv tsv",
    .hints = chart_hints,
    .examples = chart_examples,
    .run = run_chart,
};
