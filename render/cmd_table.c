/* cmd_table: `factsheet table CSV`, the table as factsheet read it, printed
 * as escaped TSV. */
#include "cli.h"
#include "table.h"

/* The options of table, filled by parsing. */
typedef struct table_cli {
    gboolean version; /* accepted, as the program's own --version, and ignored */
} table_cli;

static table_cli opts;

static GOptionEntry table_entries[] = {
    {"version", 'V', 0, G_OPTION_ARG_NONE, &opts.version, "Print the version and exit", NULL},
    G_OPTION_ENTRY_NULL};

static const fs_clidoc_item table_examples[] = {
    {"factsheet table data/khojaly/killed.csv", "Show a CSV file as factsheet reads it."},
    {NULL, NULL}};

static int run_table(fs_cli *cli, int argc, char **argv)
{
    int rc = fs_cli_parse(cli, "table", &argc, &argv);
    if (rc >= 0)
        return rc;
    if (argc != 2)
        return fs_cli_usage_error(argc < 2 ? "table: missing CSV file"
                                           : "table: takes one CSV file");
    fs_csv_opts co;
    if ((rc = fs_cli_csv_opts(cli, &co)) >= 0)
        return rc;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_table *t = fs_table_load(argv[1], &co, d);
    if (t) {
        fs_cli_stdout_flush(cli->out, fs_table_write_tsv(t, stdout));
        fs_cli_stdout_ok(cli->out, d);
        fs_table_free(t);
    }
    return fs_cli_finish(cli, d);
}

const fs_clidoc_command fs_cmd_table = {
    .name = "table",
    .params = "CSV",
    .summary = "print the table as factsheet read it, as escaped TSV",
    .description =
        "Print CSV as factsheet read it: TSV, with \\\\ \\t \\n \\r escaped inside fields.",
    .entries = table_entries,
    .operands = "csv tsv",
    .hints = NULL,
    .examples = table_examples,
    .run = run_table,
};
