/* cmd_render: `factsheet render [SPEC…]`, a report drawn into -o DIR: the
 * PDF fact sheet and one PNG and SVG slide per panel, in each language of
 * the spec (report.c). One spec is drawn here, all-or-nothing; several by
 * -j worker processes (batch.h), each report all-or-nothing on its own. It
 * is also what `factsheet [SPEC…]` runs. */
#include "batch.h"
#include "cli.h"
#include "report.h"
#include "stamp.h"
#include "theme.h"

/* The options of render, filled by parsing. */
typedef struct render_cli {
    fs_cli_spec_opts spec; /* --data-root, --lang, --theme */
    char *outdir, *formats, *shard;
    int jobs, shard_count;
    gboolean quiet, dump_layout, timings, incremental, force, svg_text, svg_outlines;
} render_cli;

static render_cli opts;

static GOptionEntry render_entries[] = {
    FS_CLI_REPORT_ENTRIES(opts.outdir, opts.formats),
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &opts.jobs,
     "Several specs: worker processes (default: the number of cores plus one)", "N"},
    {"shard", 0, 0, G_OPTION_ARG_FILENAME, &opts.shard,
     "Several specs: draw only shard K of N (specs sorted, every N-th from the K-th); auto: from "
     "the CI scheduler's variables",
     "K/N|auto"},
    {"shard-count", 0, 0, G_OPTION_ARG_INT, &opts.shard_count,
     "With --shard auto: the number of jobs, for schedulers that do not set it (Kubernetes, AWS "
     "Batch)",
     "N"},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opts.quiet, "No progress line on a terminal", NULL},
    {"incremental", 0, 0, G_OPTION_ARG_NONE, &opts.incremental,
     "Skip a spec whose inputs and outputs are unchanged since its stamp (DIR/.NAME.stamp)",
     NULL},
    {"force", 0, 0, G_OPTION_ARG_NONE, &opts.force,
     "With --incremental: draw every spec and write new stamps", NULL},
    FS_CLI_SPEC_ENTRIES(opts.spec),
    FS_CLI_SVG_ENTRIES(opts.svg_text, opts.svg_outlines),
    {"dump-layout", 0, 0, G_OPTION_ARG_NONE, &opts.dump_layout,
     "Print the computed boxes of every page to stdout", NULL},
    {"timings", 0, 0, G_OPTION_ARG_NONE, &opts.timings, "Print per-phase wall times to stderr",
     NULL},
    G_OPTION_ENTRY_NULL};

static const fs_clidoc_hint render_hints[] = {FS_CLI_REPORT_HINTS,
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

/* What every spec of the command is drawn with. */
typedef struct render_plan {
    const render_cli *opts;
    fs_cli_report_req req;
    const char *shared; /* --incremental: the stamps' shared digest, else NULL */
} render_plan;

/* ---- one spec --------------------------------------------------------- */

/* Where render_language() draws to. */
typedef struct render_ctx {
    fs_cli *cli;
    const fs_cli_report_req *req;
    fs_fonts **fonts;
    fs_outset *set;
    GPtrArray *files; /* every file the spec named and read is added; or NULL */
    char **name;      /* the spec's name = (of its first language); or NULL */
} render_ctx;

/* --dump-layout: the boxes of the sheet, then of each slide after a line
 * "slide PANEL", to stdout before the document's files are staged. user:
 * the fs_cli. */
static bool dump_doc(const fs_spec *spec, const fs_panel *panel, fs_doc *doc, void *user,
                     fs_diag *d)
{
    (void)spec;
    fs_cli *cli = user;
    if (panel)
        printf("slide %s\n", panel->id);
    fs_doc_dump(doc, stdout);
    fs_cli_stdout_flush(cli->out, !ferror(stdout));
    return fs_cli_stdout_ok(cli->out, d);
}

static void render_language(fs_spec *spec, const char *lang, const char *first, void *user,
                            fs_diag *d)
{
    render_ctx *rc = user;
    for (guint i = 0; rc->files && spec->files && i < spec->files->len; i++)
        g_ptr_array_add(rc->files, g_strdup(spec->files->pdata[i]));
    if (rc->name && !*rc->name)
        *rc->name = g_strdup(spec->name);
    if (!fs_cli_fonts(rc->cli, rc->fonts, d))
        return;
    g_autofree char *suffix =
        lang && g_strcmp0(lang, first) != 0 ? g_strdup_printf(".%s", lang) : g_strdup("");
    /* --svg-text and --svg-outlines over the spec's svg_text = */
    if (rc->req->svg_outlines >= 0)
        spec->svg_outlines = rc->req->svg_outlines;
    fs_report_render(spec, *rc->fonts, rc->req->outdir, rc->req->formats, suffix, rc->set,
                     rc->req->dump_layout ? dump_doc : NULL, rc->cli, d);
}

bool fs_cli_render_report(fs_cli *cli, const fs_cli_report_req *r, const char *path,
                          fs_fonts **fonts, fs_outset *set, GPtrArray *files, char **name,
                          fs_diag *d)
{
    render_ctx rc = {
        .cli = cli, .req = r, .fonts = fonts, .set = set, .files = files, .name = name};
    bool ok = fs_cli_each_language(cli, r->spec, path, r->theme, render_language, &rc, d) &&
              fs_diag_count(d) == 0 && fs_outset_commit(set, d);
    fs_cli_phase(cli, "rename");
    return ok;
}

/* --incremental: whether the outputs of the spec at path are up to date
 * with its stamp (then nothing is drawn); never with --force. A spec that
 * does not load is drawn, to report why. */
static bool render_unchanged(const render_plan *p, const char *path)
{
    if (!p->shared || p->opts->force)
        return false;
    g_autoptr(fs_diag) quiet = fs_diag_new();
    g_autofree char *lang0 = fs_cli_first_lang(&p->opts->spec);
    fs_spec *s = fs_spec_load(path, p->opts->spec.data_root, lang0, quiet);
    if (!s)
        return false;
    g_autofree char *stamp = fs_stamp_path(p->req.outdir, s->name);
    fs_spec_free(s);
    return fs_stamp_fresh(stamp, path, p->shared);
}

/* Renders the spec at path (fs_cli_render_report()); with --incremental,
 * then writes its stamp. Returns false after diagnostics. */
static bool render_spec(fs_cli *cli, const render_plan *p, const char *path, fs_fonts **fonts,
                        fs_outset *set, fs_diag *d)
{
    if (!p->shared)
        return fs_cli_render_report(cli, &p->req, path, fonts, set, NULL, NULL, d);
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *name = NULL;
    if (!fs_cli_render_report(cli, &p->req, path, fonts, set, files, &name, d) || !name)
        return false;
    g_autoptr(fs_stamp) stamp = fs_stamp_new(path, p->shared);
    fs_stamp_add_input(stamp, path);
    if (p->opts->spec.theme && !fs_theme_is_name(p->opts->spec.theme))
        fs_stamp_add_input(stamp, p->opts->spec.theme);
    for (guint i = 0; i < files->len; i++)
        fs_stamp_add_input(stamp, files->pdata[i]);
    for (size_t i = 0; i < fs_outset_count(set); i++)
        fs_stamp_add_output(stamp, fs_outset_path(set, i));
    g_autofree char *at = fs_stamp_path(p->req.outdir, name);
    return fs_stamp_write(stamp, at, d);
}

/* One spec, drawn here: every language all-or-nothing. */
static int render_one(fs_cli *cli, const render_plan *p, const char *path, fs_diag *d)
{
    fs_fonts *fonts = NULL;
    fs_outset *set = fs_outset_new();
    fs_cli_phase(cli, NULL);
    fs_output_times before = *fs_output_times_get();
    if (!render_unchanged(p, path))
        render_spec(cli, p, path, &fonts, set, d);
    fs_cli_output_phases(cli, &before, "read+layout");
    fs_outset_free(set);
    fs_fonts_free(fonts);
    return fs_cli_finish(cli, d);
}

/* ---- several specs ---------------------------------------------------- */

/* What the workers of several specs share. */
typedef struct render_job {
    fs_cli *cli;
    const render_plan *plan;
    char **specs;
    fs_fonts *fonts;
} render_job;

/* One spec of several: a report is all-or-nothing on its own. */
static void render_job_run(size_t i, void *user, fs_diag *d)
{
    render_job *j = user;
    if (render_unchanged(j->plan, j->specs[i]))
        return;
    fs_outset *set = fs_outset_new();
    render_spec(j->cli, j->plan, j->specs[i], &j->fonts, set, d);
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
 * which reports them. Returns -1 when the names differ, else the usage
 * error's exit code. */
static int check_spec_names(const fs_cli_spec_opts *so, char **specs, size_t n)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < n; i++) {
        g_autoptr(fs_diag) quiet = fs_diag_new();
        g_autofree char *lang0 = fs_cli_first_lang(so);
        fs_spec *s = fs_spec_load(specs[i], so->data_root, lang0, quiet);
        if (!s)
            continue;
        const char *other = g_hash_table_lookup(seen, s->name);
        if (other) {
            g_autofree char *m = g_strdup_printf("%s and %s both have name = %s: their files "
                                                 "would overwrite each other",
                                                 other, specs[i], s->name);
            fs_spec_free(s);
            return fs_cli_usage_error(m);
        }
        g_hash_table_insert(seen, g_strdup(s->name), specs[i]);
        fs_spec_free(s);
    }
    return -1;
}

/* Several specs (or a shard of them) by -j worker processes; font_dir: the
 * bundled fonts. */
static int render_batch(fs_cli *cli, const render_plan *p, char **specs, size_t n,
                        const char *font_dir, fs_diag *d)
{
    const render_cli *o = p->opts;
    if (o->dump_layout)
        return fs_cli_usage_error("render: --dump-layout takes one spec");
    int rc = check_spec_names(&o->spec, specs, n);
    if (rc >= 0)
        return rc;
    if (!fs_fonts_verify(font_dir, cli->common->font_dir, d))
        return fs_cli_finish(cli, d);
    render_job job = {.cli = cli, .plan = p, .specs = specs};
    fs_batch b = {.n = n,
                  .names = (const char *const *)specs,
                  .jobs = o->jobs,
                  .progress = fs_cli_show_progress(o->quiet),
                  .what = "reports",
                  .run = render_job_run,
                  .done = render_job_done,
                  .user = &job};
    fs_output_defer_dir_sync();
    fs_status worst = fs_batch_run(&b);
    rc = fs_cli_finish(cli, d);
    return MAX(rc, (int)worst);
}

/* ---- the command ------------------------------------------------------ */

static int run_render(fs_cli *cli, int argc, char **argv)
{
    int rc = fs_cli_parse(cli, "render", &argc, &argv);
    if (rc >= 0)
        return rc;
    cli->timer.on = opts.timings;
    const render_cli *o = &opts;
    render_plan p = {.opts = o,
                     .req = {.spec = &o->spec,
                             .outdir = o->outdir ? o->outdir : "output",
                             .dump_layout = o->dump_layout,
                             .svg_outlines = o->svg_outlines ? 1 : o->svg_text ? 0 : -1}};
    if (!fs_report_parse_formats(o->formats ? o->formats : "pdf,png,svg", &p.req.formats))
        return fs_cli_usage_error("--format takes a comma-separated list of pdf, png and svg");
    if (o->svg_text && o->svg_outlines)
        return fs_cli_usage_error("--svg-text and --svg-outlines contradict each other: give one");
    unsigned shard_k, shard_n;
    if ((rc = fs_cli_batch_options(o->jobs, o->shard, o->shard_count, &shard_k, &shard_n)) >= 0)
        return rc;
    if (o->force && !o->incremental)
        return fs_cli_usage_error("render: --force goes with --incremental");
    if (o->incremental && o->dump_layout)
        return fs_cli_usage_error("render: --dump-layout draws every spec; not with "
                                  "--incremental");
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (o->spec.theme && !(theme = fs_theme_open(o->spec.theme, d)))
        return fs_cli_finish(cli, d);
    p.req.theme = theme;
    g_autofree char *font_dir = fs_fonts_default_dir();
    g_autofree char *shared = NULL;
    if (o->incremental)
        p.shared = shared = fs_cli_stamp_digest(cli, argc, argv, font_dir);
    char *default_spec[] = {(char *)"data/khojaly/report.ini", NULL};
    char **specs = argc > 1 ? argv + 1 : default_spec;
    size_t n = argc > 1 ? (size_t)argc - 1 : 1;
    if (o->shard)
        n = fs_batch_shard(specs, n, shard_k, shard_n);
    if (n > 1 || o->shard)
        return render_batch(cli, &p, specs, n, font_dir, d);
    return render_one(cli, &p, specs[0], d);
}

const fs_clidoc_command fs_cmd_render = {
    .name = "render",
    .params = "[SPEC…]",
    .summary = "draw a report (default: data/khojaly/report.ini) into -o DIR",
    .description = "Draw a report: a PDF fact sheet and one PNG and SVG per panel. Several specs "
                   "are drawn by -j processes, each report all-or-nothing on its own.",
    .entries = render_entries,
    .operands = "ini spec",
    .hints = render_hints,
    .examples = render_examples,
    .run = run_render,
};
