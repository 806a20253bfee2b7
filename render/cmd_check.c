/* cmd_check: `factsheet check SPEC|CSV`, a spec (every CSV it names and its
 * layout, as render would make them) or one CSV validated, nothing
 * written. */
#include "cli.h"
#include "report.h"
#include "table.h"

#include <string.h>

/* The options of check, filled by parsing. */
typedef struct check_cli {
    fs_cli_spec_opts spec; /* --data-root, --lang, --theme */
    gboolean timings, quiet;
} check_cli;

static check_cli opts;

static GOptionEntry check_entries[] = {
    FS_CLI_DATA_ROOT_ENTRY(opts.spec),
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &opts.spec.lang,
     "Check these languages of the spec (a comma-separated list, or all)", "CODE"},
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &opts.spec.theme,
     "Also check this theme: light, dark, print-bw or a theme FILE.ini", "NAME|FILE"},
    {"timings", 0, 0, G_OPTION_ARG_NONE, &opts.timings, "Print per-phase wall times to stderr",
     NULL},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opts.quiet,
     "Print nothing on success (default: one line saying what was checked)", NULL},
    G_OPTION_ENTRY_NULL};

static const fs_clidoc_hint check_hints[] = {{"lang", fs_cli_lang_codes_all, true, NULL, false},
                                             {"theme", fs_theme_names, false, "ini", false},
                                             {NULL, NULL, false, NULL, false}};

static const fs_clidoc_item check_examples[] = {
    {"factsheet check data/khojaly/report.ini",
     "Validate a spec, every CSV it names and its layout, writing nothing: a CI step that "
     "fails on what render would refuse."},
    {NULL, NULL}};

/* What check_language() works with. */
typedef struct check_ctx {
    fs_cli *cli;
    fs_fonts *fonts; /* loaded on first use */
    guint panels;    /* of the spec, in its last language */
    GString *langs;  /* the languages checked, "en, az" ("" for the plain keys) */
} check_ctx;

/* The tables and the layout of the sheet and every slide, as render would
 * make them (a panel taller than a page is refused here too), without
 * drawing. */
static void check_language(fs_spec *spec, const char *lang, const char *first, void *user,
                           fs_diag *d)
{
    (void)first;
    check_ctx *cc = user;
    cc->panels = spec->panels->len;
    if (lang)
        g_string_append_printf(cc->langs, "%s%s", cc->langs->len ? ", " : "", lang);
    if (fs_cli_fonts(cc->cli, &cc->fonts, d)) {
        fs_report_layout(spec, cc->fonts, true, NULL, NULL, d);
        fs_cli_phase(cc->cli, "layout");
    }
}

static int run_check(fs_cli *cli, int argc, char **argv)
{
    fs_csv_opts co;
    int rc = fs_cli_spec_or_csv(cli, "check", &argc, &argv, &co);
    if (rc >= 0)
        return rc;
    cli->timer.on = opts.timings;
    const check_cli *o = &opts;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (o->spec.theme && !(theme = fs_theme_open(o->spec.theme, d)))
        return fs_cli_finish(cli, d);
    g_autofree char *summary = NULL;
    g_autofree char *name = fs_diag_escape_path(strcmp(argv[1], "-") ? argv[1] : "<stdin>");
    if (fs_cli_is_spec_path(argv[1])) {
        check_ctx cc = {.cli = cli, .langs = g_string_new(NULL)};
        fs_cli_each_language(cli, &o->spec, argv[1], theme, check_language, &cc, d);
        fs_fonts_free(cc.fonts);
        summary = g_strdup_printf("%s: %u panel%s%s%s, OK", name, cc.panels,
                                  cc.panels == 1 ? "" : "s", cc.langs->len ? " in " : "",
                                  cc.langs->str);
        g_string_free(cc.langs, TRUE);
    } else {
        /* validates every row without keeping the table: memory does not
         * grow with the file */
        size_t rows = 0;
        fs_table_check_file(argv[1], &co, &rows, d);
        summary = g_strdup_printf("%s: %zu data row%s, OK", name, rows, rows == 1 ? "" : "s");
    }
    if (fs_diag_count(d) == 0 && !o->quiet) {
        fs_cli_stdout_flush(cli->out, printf("%s\n", summary) >= 0);
        fs_cli_stdout_ok(cli->out, d);
    }
    return fs_cli_finish(cli, d);
}

const fs_clidoc_command fs_cmd_check = {
    .name = "check",
    .params = "SPEC|CSV",
    .summary = "validate a spec (and every CSV it names) or one CSV; write nothing",
    .description = "Validate a report spec (every CSV it names, and its layout as render makes "
                   "it, without drawing) or one CSV. Writes nothing; exit 0 when valid, 1 when "
                   "not.",
    .entries = check_entries,
    .operands = "ini spec csv tsv",
    .hints = check_hints,
    .examples = check_examples,
    .run = run_check,
};
