/* cmd_watch: `factsheet watch SPEC… [-o DIR]`, a report redrawn whenever
 * its spec or a file it names changes, for someone editing a spec beside a
 * PDF viewer that reloads on change.
 *
 * Each spec is drawn once at the start, then the folders holding it and
 * every file it read (its CSVs, text files, theme file, images) are
 * watched with GLib's file monitors; a folder rather than each file, since
 * editors save by writing a new file and renaming it over the old one.
 * Events for one spec within --debounce milliseconds make one redraw,
 * which prints one status line to stdout (the time, what was drawn, how
 * long it took, how many lint warnings, each warning after it). A redraw is
 * the render command's, all or nothing: a bad save prints its error to
 * stderr and leaves the last good files in place, so the viewer always
 * shows a whole file. The set of files watched is read again after every
 * redraw, as the spec may name other files now. SIGINT and SIGTERM stop
 * the loop between redraws, so no temporary file is left; the exit status
 * is then 0. */
#include "cli.h"
#include "lint.h"
#include "report.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* The options of watch, filled by parsing. */
typedef struct watch_cli {
    fs_cli_spec_opts spec; /* --data-root, --lang, --theme */
    char *outdir, *formats;
    int debounce;
} watch_cli;

static watch_cli opts;

static GOptionEntry watch_entries[] = {
    FS_CLI_REPORT_ENTRIES(opts.outdir, opts.formats),
    {"debounce", 0, 0, G_OPTION_ARG_INT, &opts.debounce,
     "Redraw once changes have paused for MS milliseconds (default 150)", "MS"},
    FS_CLI_SPEC_ENTRIES(opts.spec),
    G_OPTION_ENTRY_NULL};

static const fs_clidoc_hint watch_hints[] = {FS_CLI_REPORT_HINTS,
                                             {NULL, NULL, false, NULL, false}};

static const fs_clidoc_item watch_examples[] = {
    {"factsheet watch data/khojaly/report.ini -o output --format pdf",
     "Redraw output/khojaly.pdf each time the spec or one of its CSVs is saved."},
    {NULL, NULL}};

/* One spec watched. */
typedef struct watched {
    char *path;      /* as given, for messages and drawing */
    GPtrArray *real; /* char *: the real paths of the spec and every file it read */
    guint timer;     /* the pending redraw's source, 0 when none */
    struct watch *w;
} watched;

typedef struct watch {
    fs_cli *cli;
    fs_cli_report_req req;
    GPtrArray *specs;      /* watched *, owned */
    GHashTable *monitors;  /* folder's real path -> GFileMonitor *, owned */
    GMainLoop *loop;
    fs_fonts *fonts;       /* loaded on the first draw */
    guint debounce;
} watch;

/* ---- one redraw ------------------------------------------------------- */

/* What lint_language() works with. */
typedef struct lint_ctx {
    watch *w;
    fs_lint *lint;
} lint_ctx;

static void lint_language(fs_spec *spec, const char *lang, const char *first, void *user,
                          fs_diag *d)
{
    (void)lang, (void)first;
    lint_ctx *lc = user;
    if (fs_cli_fonts(lc->w->cli, &lc->w->fonts, d))
        fs_lint_report(lc->lint, spec, lc->w->fonts, d);
}

/* A new real path of path, or a copy of path when it cannot be resolved
 * (a file not there yet is still watched by its name). */
static char *real_or_same(const char *path)
{
    char *r = realpath(path, NULL);
    if (!r)
        return g_canonicalize_filename(path, NULL);
    char *copy = g_strdup(r);
    free(r);
    return copy;
}

static void on_change(GFileMonitor *m, GFile *file, GFile *other, GFileMonitorEvent ev,
                      gpointer user);

/* Watches the folder of each file of ws (once per folder). */
static void watch_folders(watch *w, const watched *ws)
{
    for (guint i = 0; i < ws->real->len; i++) {
        g_autofree char *dir = g_path_get_dirname(ws->real->pdata[i]);
        if (g_hash_table_contains(w->monitors, dir))
            continue;
        g_autoptr(GFile) f = g_file_new_for_path(dir);
        g_autoptr(GError) err = NULL;
        GFileMonitor *m = g_file_monitor_directory(f, G_FILE_MONITOR_WATCH_MOVES, NULL, &err);
        if (!m) {
            fprintf(stderr, "factsheet: %s: cannot watch the folder: %s\n", dir, err->message);
            continue;
        }
        g_file_monitor_set_rate_limit(m, 50);
        g_signal_connect(m, "changed", G_CALLBACK(on_change), w);
        g_hash_table_insert(w->monitors, g_steal_pointer(&dir), m);
    }
}

/* Draws ws, prints its status line (and its errors or lint warnings), and
 * reads again the files it depends on. */
static void redraw(watched *ws)
{
    watch *w = ws->w;
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *name = NULL;
    gint64 t0 = g_get_monotonic_time();
    fs_outset *set = fs_outset_new();
    bool ok = fs_cli_render_report(w->cli, &w->req, ws->path, &w->fonts, set, files, &name, d);
    size_t nfiles = ok ? fs_outset_count(set) : 0;
    fs_outset_free(set);
    double ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *clock = g_date_time_format(now, "%H:%M:%S");
    if (!ok) {
        fs_diag_print(d, stderr);
        fflush(stderr);
        printf("%s %s: not drawn (see the error); the last good files are kept\n", clock,
               ws->path);
    } else {
        g_autoptr(fs_lint) L = fs_lint_new();
        g_autoptr(fs_diag) ld = fs_diag_new();
        lint_ctx lc = {.w = w, .lint = L};
        fs_cli_each_language(w->cli, w->req.spec, ws->path, w->req.theme, lint_language, &lc, ld);
        size_t nw = fs_lint_count(L);
        printf("%s %s: %zu file%s in %.0f ms, %zu lint warning%s\n", clock, ws->path, nfiles,
               nfiles == 1 ? "" : "s", ms, nw, nw == 1 ? "" : "s");
        for (size_t i = 0; i < nw; i++)
            printf("  %s\n", fs_lint_message(L, i));
    }
    fflush(stdout);
    /* what to watch now: the spec and what it read this time (after an
     * error, also what it read before, so fixing that file redraws) */
    g_ptr_array_add(files, real_or_same(ws->path));
    if (!ok)
        for (guint i = 0; i < ws->real->len; i++)
            g_ptr_array_add(files, g_strdup(ws->real->pdata[i]));
    g_ptr_array_unref(ws->real);
    ws->real = g_steal_pointer(&files);
    watch_folders(w, ws);
}

static gboolean redraw_due(gpointer user)
{
    watched *ws = user;
    ws->timer = 0;
    redraw(ws);
    return G_SOURCE_REMOVE;
}

/* (Re)starts the debounce of ws: a redraw once events pause. */
static void schedule(watched *ws)
{
    if (ws->timer)
        g_source_remove(ws->timer);
    ws->timer = g_timeout_add(ws->w->debounce, redraw_due, ws);
}

static bool concerns(const watched *ws, GFile *f)
{
    if (!f)
        return false;
    g_autofree char *p = g_file_get_path(f);
    for (guint i = 0; p && i < ws->real->len; i++)
        if (strcmp(ws->real->pdata[i], p) == 0)
            return true;
    return false;
}

static void on_change(GFileMonitor *m, GFile *file, GFile *other, GFileMonitorEvent ev,
                      gpointer user)
{
    (void)m;
    if (ev == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || ev == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
        ev == G_FILE_MONITOR_EVENT_UNMOUNTED)
        return;
    watch *w = user;
    for (guint i = 0; i < w->specs->len; i++) {
        watched *ws = w->specs->pdata[i];
        if (concerns(ws, file) || concerns(ws, other))
            schedule(ws);
    }
}

static gboolean on_signal(gpointer user)
{
    g_main_loop_quit(((watch *)user)->loop);
    return G_SOURCE_CONTINUE;
}

static void watched_free(gpointer p)
{
    watched *ws = p;
    if (ws->timer)
        g_source_remove(ws->timer);
    g_ptr_array_unref(ws->real);
    g_free(ws);
}

/* ---- the command ------------------------------------------------------ */

static int run_watch(fs_cli *cli, int argc, char **argv)
{
    int rc = fs_cli_parse(cli, "watch", &argc, &argv);
    if (rc >= 0)
        return rc;
    const watch_cli *o = &opts;
    if (argc < 2)
        return fs_cli_usage_error("watch: missing SPEC");
    if (o->debounce < 0 || o->debounce > 60000)
        return fs_cli_usage_error("--debounce takes milliseconds from 0 to 60000");
    watch w = {.cli = cli,
               .req = {.spec = &o->spec,
                       .outdir = o->outdir ? o->outdir : "output",
                       .svg_outlines = -1},
               .debounce = o->debounce ? (guint)o->debounce : 150};
    if (!fs_report_parse_formats(o->formats ? o->formats : "pdf,png,svg", &w.req.formats))
        return fs_cli_usage_error("--format takes a comma-separated list of pdf, png and svg");
    g_autoptr(fs_diag) d = fs_diag_new();
    g_autoptr(fs_theme) theme = NULL;
    if (o->spec.theme && !(theme = fs_theme_open(o->spec.theme, d)))
        return fs_cli_finish(cli, d);
    w.req.theme = theme;
    for (int i = 1; i < argc; i++)
        if (!g_file_test(argv[i], G_FILE_TEST_IS_REGULAR))
            fs_diag_add(d, FS_ERR_INPUT, argv[i], 0, 0, "No such file (watch needs the spec "
                                                        "to exist)");
    if (fs_diag_count(d) > 0)
        return fs_cli_finish(cli, d);
    w.specs = g_ptr_array_new_with_free_func(watched_free);
    w.monitors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    w.loop = g_main_loop_new(NULL, FALSE);
    guint sigint = g_unix_signal_add(SIGINT, on_signal, &w);
    guint sigterm = g_unix_signal_add(SIGTERM, on_signal, &w);
    for (int i = 1; i < argc; i++) {
        watched *ws = g_new0(watched, 1);
        ws->path = argv[i];
        ws->w = &w;
        ws->real = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(w.specs, ws);
        redraw(ws);
    }
    printf("watching %u spec%s; Ctrl-C stops\n", w.specs->len, w.specs->len == 1 ? "" : "s");
    fflush(stdout);
    g_main_loop_run(w.loop);
    g_source_remove(sigint);
    g_source_remove(sigterm);
    g_ptr_array_free(w.specs, TRUE);
    g_hash_table_destroy(w.monitors);
    g_main_loop_unref(w.loop);
    fs_fonts_free(w.fonts);
    return fs_cli_finish(cli, d);
}

const fs_clidoc_command fs_cmd_watch = {
    .name = "watch",
    .params = "SPEC…",
    .summary = "draw reports into -o DIR and redraw each when its spec or data changes",
    .description = "Draw each report, then redraw it whenever its spec or a file it names is "
                   "saved, printing one status line per redraw; a bad save prints its error and "
                   "keeps the last good files. Ctrl-C stops.",
    .entries = watch_entries,
    .operands = "ini spec",
    .hints = watch_hints,
    .examples = watch_examples,
    .run = run_watch,
};
