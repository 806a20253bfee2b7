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
    gboolean strict, allow_dups;
} lint_cli;

static lint_cli opts;

static GOptionEntry lint_entries[] = {
    {"strict", 0, 0, G_OPTION_ARG_NONE, &opts.strict, "Exit 1 when there is any warning (for CI)",
     NULL},
    FS_CLI_THEME_ENTRY(opts.spec),
    FS_CLI_LANG_ENTRY(opts.spec),
    FS_CLI_DATA_ROOT_ENTRY(opts.spec),
    {"label", 0, 0, G_OPTION_ARG_FILENAME, &opts.label,
     "CSV: column of the category labels (with --value: lint the chart)", "COL"},
    {"value", 0, 0, G_OPTION_ARG_FILENAME, &opts.value, "CSV: value column(s), comma-separated",
     "COL[,COL…]"},
    {"allow-duplicate-labels", 0, 0, G_OPTION_ARG_NONE, &opts.allow_dups,
     "CSV chart: a label on several rows is one bar per row, as chart's option", NULL},
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
    if (t && fs_series_data_from_table_nan(t, o->label, (const char *const *)values, &data, d) &&
        (o->allow_dups ||
         fs_series_data_unique_labels(&data,
                                      "chart draws one bar per label with --aggregate sum, or "
                                      "one per row with --allow-duplicate-labels",
                                      d))) {
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

/* ---- the findings, in the --diagnostics style ----------------------------- */

/* The parts of lint's warning m, "FILE[:LINE]: warning: MSG": *file (new),
 * *line (0: none) and the message (borrowed). */
static const char *warning_parts(const char *m, char **file, unsigned long *line)
{
    const char *w = strstr(m, ": warning: ");
    if (!w) {
        *file = NULL, *line = 0;
        return m;
    }
    *file = g_strndup(m, (size_t)(w - m));
    *line = 0;
    char *colon = strrchr(*file, ':');
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        *line = strtoul(colon + 1, NULL, 10);
        *colon = '\0';
    }
    return w + strlen(": warning: ");
}

static void print_warnings(const fs_lint *L)
{
    fs_diag_style s = fs_diag_get_style();
    for (size_t i = 0; i < fs_lint_count(L); i++) {
        const char *m = fs_lint_message(L, i);
        if (s == FS_DIAG_TEXT) {
            fprintf(stderr, "%s\n", m);
            continue;
        }
        g_autofree char *file = NULL;
        unsigned long line;
        const char *msg = warning_parts(m, &file, &line);
        g_autoptr(GString) out = g_string_new(NULL);
        fs_diag_format_one(out, s, true, FS_OK, file, line, 0, NULL, NULL, msg, m);
        fputs(out->str, stderr);
    }
    fflush(stderr);
}

/* The rule a warning is about, by its words: the ruleId of SARIF. */
static const char *warning_rule(const char *msg)
{
    static const struct {
        const char *words, *rule;
    } rules[] = {{"contrast ", "contrast"},         {"text of ", "text-size"},
                 {"past the ", "outside"},          {" overlaps ", "overlap"},
                 {"inside the word", "word-break"}, {" on a bar", "covers-bar"},
                 {" lies on ", "covers-bar"},       {" reads 0", "reads-zero"},
                 {"colour", "colour-vision"},       {"source", "no-source"}};
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++)
        if (strstr(msg, rules[i].words))
            return rules[i].rule;
    return "lint";
}

/* One SARIF result. */
static void sarif_result(GString *out, bool first, const char *rule, const char *level,
                         const char *file, unsigned long line, unsigned long col,
                         const char *msg)
{
    g_string_append_printf(out, "%s\n        {\"ruleId\": ", first ? "" : ",");
    fs_diag_json_string(out, rule);
    g_string_append_printf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", level);
    fs_diag_json_string(out, msg);
    g_string_append(out, "}");
    if (file) {
        g_string_append(out, ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
                             "{\"uri\": ");
        g_autofree char *esc = g_uri_escape_string(file, "/", TRUE);
        g_autofree char *uri = file[0] == '/' ? g_strconcat("file://", esc, NULL) : g_strdup(esc);
        fs_diag_json_string(out, uri);
        g_string_append(out, "}");
        if (line) {
            g_string_append_printf(out, ", \"region\": {\"startLine\": %lu", line);
            if (col)
                g_string_append_printf(out, ", \"startColumn\": %lu", col);
            g_string_append(out, "}");
        }
        g_string_append(out, "}}]");
    }
    g_string_append(out, "}");
}

/* --diagnostics sarif: lint's warnings and errors as one SARIF 2.1.0 log
 * on stdout, for code-scanning upload. Paths are written as given
 * (relative to where lint ran), as uriBaseId-less relative URIs. */
static void print_sarif(fs_cli *cli, const fs_lint *L, const fs_diag *d)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_string_append(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                         "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
                         "    \"tool\": {\"driver\": {\"name\": \"factsheet\", \"version\": \"" FS_VERSION
                         "\", \"rules\": [");
    static const char *const ids[] = {"contrast",   "text-size",  "outside",   "overlap",
                                      "word-break", "covers-bar", "reads-zero", "colour-vision",
                                      "no-source",  "lint",       "input",     "usage",
                                      "system"};
    for (size_t i = 0; i < G_N_ELEMENTS(ids); i++)
        g_string_append_printf(out, "%s{\"id\": \"%s\"}", i ? ", " : "", ids[i]);
    g_string_append(out, "]}},\n    \"results\": [");
    bool first = true;
    for (size_t i = 0; i < fs_diag_count(d); i++, first = false) {
        fs_status st;
        const char *file, *group, *key, *msg;
        unsigned long line, col;
        fs_diag_get(d, i, &st, &file, &line, &col, &group, &key, &msg);
        const char *rule = st == FS_ERR_USAGE ? "usage" : st == FS_ERR_SYSTEM ? "system" : "input";
        g_autofree char *text = g_strdup_printf("%s%s%s%s%s%s", group ? "[" : "",
                                                group ? group : "", group ? "] " : "",
                                                key ? "key " : "", key ? key : "",
                                                key ? ": " : "");
        g_autofree char *whole = g_strconcat(text, msg, NULL);
        sarif_result(out, first, rule, "error", file, line, col, whole);
    }
    for (size_t i = 0; i < fs_lint_count(L); i++, first = false) {
        g_autofree char *file = NULL;
        unsigned long line;
        const char *msg = warning_parts(fs_lint_message(L, i), &file, &line);
        sarif_result(out, first, warning_rule(msg), "warning", file, line, 0, msg);
    }
    g_string_append(out, "\n    ]\n  }]\n}\n");
    fs_cli_stdout_flush(cli->out, fwrite(out->str, 1, out->len, stdout) == out->len);
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
    if (fs_diag_get_style() == FS_DIAG_SARIF) {
        print_sarif(cli, L, d);
        rc = (int)fs_diag_status(d);
    } else {
        print_warnings(L);
        rc = fs_cli_finish(cli, d);
    }
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
