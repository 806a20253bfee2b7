/* cmd_lint: `factsheet lint SPEC|CSV`, what would be drawn laid out and
 * checked for contrast, colour-vision clashes, tiny text and a missing
 * source (lint.c); the warnings go to stderr, nothing is written. */
#include "cli.h"
#include "layout.h"
#include "lint.h"
#include "table.h"

/* The options of lint, filled by parsing. */
typedef struct lint_cli {
    fs_cli_spec_opts spec;   /* --data-root, --lang, --theme */
    char *label, *value;     /* CSV: --label COL, --value COL[,COL…] */
    char *format;            /* CSV chart: --format pdf|png|svg */
    fs_cli_chart_opts chart; /* CSV chart: --size and the number options, as chart's */
    gboolean strict;
} lint_cli;

static lint_cli opts;

static GOptionEntry lint_entries[] = {
    {"strict", 0, 0, G_OPTION_ARG_NONE, &opts.strict, "Exit 1 when there is any warning (for CI)",
     NULL},
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opts.spec.theme,
     "light, dark, print-bw or a theme FILE.ini (overrides the spec's theme)", "NAME|FILE"},
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opts.spec.lang, "Language of localized keys (e.g. az)",
     "CODE"},
    {"data-root", 0, 0, G_OPTION_ARG_FILENAME, &opts.spec.data_root,
     "Allow data files anywhere under DIR (default: the spec's folder)", "DIR"},
    {"label", 0, 0, G_OPTION_ARG_FILENAME, &opts.label,
     "CSV: column of the category labels (with --value: lint the chart)", "COL"},
    {"value", 0, 0, G_OPTION_ARG_FILENAME, &opts.value, "CSV: value column(s), comma-separated",
     "COL[,COL…]"},
    {"format", 0, 0, G_OPTION_ARG_FILENAME, &opts.format,
     "CSV chart: as drawn into png (default), pdf (sizes and text checked in pt) or svg", "FMT"},
    FS_CLI_SIZE_ENTRY(opts.chart),
    FS_CLI_NUMBER_ENTRIES(opts.chart),
    FS_CLI_TYPE_ENTRIES(opts.chart),
    G_OPTION_ENTRY_NULL};

static const char *const formats_png_pdf_svg[] = {"png", "pdf", "svg", NULL};

static const fs_clidoc_hint lint_hints[] = {{"theme", fs_theme_names, false, "ini", false},
                                            {"lang", fs_cli_lang_codes_all, true, NULL, false},
                                            {"format", formats_png_pdf_svg, false, NULL, false},
                                            FS_CLI_CHART_HINTS,
                                            {NULL, NULL, false, NULL, false}};

static const fs_clidoc_item lint_examples[] = {
    {"factsheet lint data/khojaly/report.ini --strict",
     "Fail a CI job when the report has a contrast, colour-vision, text-size or source "
     "problem, in any of its languages."},
    {"factsheet lint data/khojaly/report.ini --theme print-bw",
     "The same checks for the black-and-white print theme."},
    {"factsheet lint data/khojaly/killed.csv --label group --value count --size 800x450",
     "Check the chart that factsheet chart draws of a CSV at 800x450 px (--format pdf: on a "
     "page, in pt), with the same options for its numbers and axis."},
    {NULL, NULL}};

/* Lints a CSV: with --label and --value the chart `chart` would draw of it
 * with chart's options (their size, format and numbers in *look), else the
 * CSV (as check does) and the theme alone. */
static void lint_csv(fs_cli *cli, const lint_cli *o, fs_lint *L, const char *csv,
                     const fs_csv_opts *co, const fs_chart_opts *look, const fs_theme *theme,
                     fs_diag *d)
{
    if (!o->label || !o->value) {
        if (fs_table_check_file(csv, co, NULL, d))
            fs_lint_theme(L, theme, theme ? theme->name : "light");
        return;
    }
    g_auto(GStrv) values = g_strsplit(o->value, ",", -1);
    for (char **v = values; *v; v++)
        g_strstrip(*v);
    fs_table *t = fs_table_load(csv, co, d);
    fs_series_data data = {0};
    if (t && fs_series_data_from_table(t, o->label, (const char *const *)values, &data, d)) {
        g_autofree char *font_dir = fs_fonts_default_dir();
        fs_fonts *fonts = fs_fonts_new(font_dir, cli->common->font_dir, d);
        fs_chart_opts chart = *look;
        chart.theme = theme;
        if (fonts)
            fs_lint_chart(L, &data, &chart, fonts, d);
        fs_fonts_free(fonts);
    }
    fs_series_data_clear(&data);
    fs_table_free(t);
}

/* The chart options (--format, --size, the numbers) into *look, as chart
 * reads them; they lint a CSV's chart, so they need a CSV, --label and
 * --value. Returns -1 when valid, else the usage error's exit code. */
static int lint_chart_options(const lint_cli *o, const char *path, fs_chart_opts *look)
{
    fs_chart_opts_init(look);
    if (!o->format && !fs_cli_chart_opts_given(&o->chart))
        return -1;
    if (fs_cli_is_spec_path(path) || !o->label || !o->value)
        return fs_cli_usage_error("lint: --format, --size, --decimals, --compact, --axis-min "
                                  "and --axis-max are for the chart of a CSV, with --label and "
                                  "--value");
    int fmt;
    if (!fs_cli_enum_option("--format", o->format, formats_png_pdf_svg, &fmt))
        return FS_ERR_USAGE;
    static const fs_format formats[] = {FS_FMT_PNG, FS_FMT_PDF, FS_FMT_SVG};
    return fs_cli_chart_options(&o->chart, fmt < 0 ? FS_FMT_PNG : formats[fmt], look);
}

/* What lint_language() works with. */
typedef struct lint_ctx {
    fs_cli *cli;
    fs_lint *lint;
    fs_fonts *fonts; /* loaded on first use */
} lint_ctx;

static void lint_language(fs_spec *spec, const char *lang, const char *first, void *user,
                          fs_diag *d)
{
    (void)lang, (void)first;
    lint_ctx *lc = user;
    if (fs_cli_fonts(lc->cli, &lc->fonts, d))
        fs_lint_report(lc->lint, spec, lc->fonts, d);
}

static int run_lint(fs_cli *cli, int argc, char **argv)
{
    fs_csv_opts co;
    int rc = fs_cli_spec_or_csv(cli, "lint", &argc, &argv, &co);
    if (rc >= 0)
        return rc;
    if (opts.label)
        g_strstrip(opts.label);
    const lint_cli *o = &opts;
    fs_chart_opts look;
    if ((rc = lint_chart_options(o, argv[1], &look)) >= 0)
        return rc;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_lint) L = fs_lint_new();
    g_autoptr(fs_theme) theme = NULL;
    if (o->spec.theme && !(theme = fs_theme_open(o->spec.theme, d)))
        return fs_cli_finish(cli, d);
    if (fs_cli_is_spec_path(argv[1])) {
        lint_ctx lc = {.cli = cli, .lint = L};
        fs_cli_each_language(cli, &o->spec, argv[1], theme, lint_language, &lc, d);
        fs_fonts_free(lc.fonts);
    } else {
        lint_csv(cli, o, L, argv[1], &co, &look, theme, d);
    }
    for (size_t i = 0; i < fs_lint_count(L); i++)
        fprintf(stderr, "%s\n", fs_lint_message(L, i));
    rc = fs_cli_finish(cli, d);
    if (rc == 0 && o->strict && fs_lint_count(L) > 0)
        rc = FS_ERR_INPUT;
    return rc;
}

const fs_clidoc_command fs_cmd_lint = {
    .name = "lint",
    .params = "SPEC|CSV",
    .summary = "warn about contrast, colour clashes, tiny text, layout faults, no source",
    .description =
        "Lay out what would be drawn, write nothing, and warn about text contrast below WCAG "
        "AA, category colours that colour-blind readers cannot tell apart, text too small to "
        "read, texts that overlap, lie on a bar, leave their page or panel or break inside a "
        "word, value labels that read 0 for a datum that is not, and a report without a source "
        "line. Exit 0 with warnings unless --strict; bad input exits 1 as check does.",
    .entries = lint_entries,
    .operands = "ini spec csv tsv",
    .hints = lint_hints,
    .examples = lint_examples,
    .run = run_lint,
};
