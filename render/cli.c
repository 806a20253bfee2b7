/* cli: what the commands share: option parsing, usage errors, diagnostics
 * and timings, standard output, fonts on demand, a spec in each of its
 * languages. See cli.h. Prints only to stderr (and checks stdout); never
 * exits. */
#include "cli.h"

#include "annot.h"

#include "batch.h"
#include "stamp.h"
#include "opts.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

const char *const fs_cli_lang_codes_all[] = {"all", "en", "az", "ru", "ar", NULL};
const char *const fs_cli_report_formats[] = {"pdf", "png", "svg", NULL};

/* ---- parsing ---------------------------------------------------------- */

int fs_cli_usage_error(const char *msg)
{
    g_autofree char *m = fs_diag_escape_path(msg);
    fs_diag_style s = fs_diag_get_style();
    if (s == FS_DIAG_JSON || s == FS_DIAG_GITHUB) {
        /* main.c adds no "Try …" line in these styles: the hint is here */
        g_autoptr(GString) out = g_string_new(NULL);
        g_autofree char *with_hint = g_strdup_printf("%s; try --help", m);
        fs_diag_format_one(out, s, false, FS_ERR_USAGE, NULL, 0, 0, NULL, NULL, with_hint, m);
        fputs(out->str, stderr);
        return FS_ERR_USAGE;
    }
    fprintf(stderr, "factsheet: %s\n", m);
    return FS_ERR_USAGE;
}

void fs_cli_diagnostics_prescan(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--"))
            break;
        if (g_str_has_prefix(argv[i], "--diagnostics="))
            v = argv[i] + strlen("--diagnostics=");
        else if (!strcmp(argv[i], "--diagnostics") && i + 1 < argc)
            v = argv[i + 1];
        fs_diag_style s;
        if (v && fs_diag_parse_style(v, &s))
            fs_diag_set_style(s);
    }
}

/* Arguments are taken as UTF-8 whatever the locale (a CSV column may be
 * named in any script, and LC_ALL=C must not refuse it): every option is
 * declared G_OPTION_ARG_FILENAME, which GLib passes through unconverted,
 * and checked here. Returns -1 when all are, else the usage error's exit
 * code. */
static int check_utf8(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!g_utf8_validate(argv[i], -1, NULL)) {
            g_autofree char *q = fs_diag_quote(argv[i], -1, 40);
            g_autofree char *m = g_strdup_printf("argument %s is not UTF-8", q);
            return fs_cli_usage_error(m);
        }
    }
    return -1;
}

/* -j4 as make spells it: GLib takes a short option's value only as the
 * next argument. The strings made are kept in cli->arg_strings. */
static void long_jobs(fs_cli *cli, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1] == 'j' && g_ascii_isdigit(a[2])) {
            char *long_form = g_strdup_printf("--jobs=%s", a + 2);
            g_ptr_array_add(cli->arg_strings, long_form);
            argv[i] = long_form;
        }
        if (!strcmp(a, "--"))
            break;
    }
}

int fs_cli_parse(fs_cli *cli, const char *name, int *argc, char ***argv)
{
    const fs_clidoc_command *cmd = fs_clidoc_find(cli->doc, name);
    g_autofree char *p = g_strdup_printf("%s %s", cmd->name, cmd->params);
    g_autoptr(GOptionContext) ctx = g_option_context_new(p);
    g_option_context_set_summary(ctx, cmd->description);
    /* one list, so that COMMAND --help shows every option it takes: its
     * own, then the common ones (--delimiter, --decimal, --missing …) */
    g_autoptr(GArray) all = g_array_new(TRUE, TRUE, sizeof(GOptionEntry));
    for (const GOptionEntry *e = cmd->entries; e && e->long_name; e++)
        g_array_append_val(all, *e);
    for (const GOptionEntry *e = cli->doc->common_entries; e && e->long_name; e++)
        g_array_append_val(all, *e);
    g_option_context_add_main_entries(ctx, (const GOptionEntry *)(void *)all->data, NULL);
    g_autofree char *footer = fs_clidoc_command_footer(cli->doc, cmd);
    g_option_context_set_description(ctx, footer);
    int rc = check_utf8(*argc, *argv);
    if (rc >= 0)
        return rc;
    long_jobs(cli, *argc, *argv);
    cli->cmd = cmd;
    cli->n_given = *argc;
    cli->given = g_memdup2(*argv, sizeof(char *) * ((size_t)*argc + 1));
    g_ptr_array_add(cli->arg_strings, cli->given);
    g_autoptr(GError) err = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &err))
        return fs_cli_usage_error(err->message);
    for (int i = 1; i < *argc; i++) {
        if (strcmp((*argv)[i], "--") == 0) {
            /* GLib leaves it before an operand that starts with '-' */
            memmove(*argv + i, *argv + i + 1, sizeof(char *) * (size_t)(*argc - i));
            (*argc)--;
            break;
        }
        if ((*argv)[i][0] == '-' && (*argv)[i][1] != '\0') {
            g_autofree char *m = g_strdup_printf("unknown option %s", (*argv)[i]);
            return fs_cli_usage_error(m);
        }
    }
    fs_diag_style s = FS_DIAG_TEXT;
    const char *ds = cli->common->diagnostics;
    if (ds && !fs_diag_parse_style(ds, &s))
        return fs_cli_usage_error("--diagnostics takes text, json, github or sarif");
    if (s == FS_DIAG_SARIF && strcmp(name, "lint") != 0) {
        fs_diag_set_style(FS_DIAG_TEXT);
        return fs_cli_usage_error("--diagnostics sarif is lint's (a SARIF log of its findings); "
                                  "use json or github");
    }
    fs_diag_set_style(s);
    return -1;
}

/* The entry among entries named name (n bytes; NULL: by its short name
 * c), or NULL. */
static const GOptionEntry *find_in(const GOptionEntry *entries, const char *name, size_t n, char c)
{
    for (const GOptionEntry *e = entries; e && e->long_name; e++) {
        if (name ? strlen(e->long_name) == n && strncmp(name, e->long_name, n) == 0
                 : e->short_name && e->short_name == c)
            return e;
    }
    return NULL;
}

/* The entry of the command's or the common options so named, or NULL. */
static const GOptionEntry *find_entry(const fs_cli *cli, const char *name, size_t n, char c)
{
    const GOptionEntry *e = find_in(cli->cmd ? cli->cmd->entries : NULL, name, n, c);
    return e ? e : find_in(cli->doc->common_entries, name, n, c);
}

/* Adds "--NAME\n" and the value v ("VALUE\n", none when NULL) of option e to
 * the key k, unless skip names it. */
static void key_add(GString *k, const GOptionEntry *e, const char *v, const char *const *skip)
{
    if (skip && g_strv_contains(skip, e->long_name))
        return;
    g_string_append_printf(k, "--%s\n", e->long_name);
    if (v)
        g_string_append_printf(k, "%s\n", v);
}

/* Every option in one form, whichever GLib was given (--name=v, --name v,
 * -x v, -j4 and short flags run together as -qo DIR, where the one that
 * takes a value takes the next argument), so that the same options make
 * the same key and a skipped one never hides another. */
char *fs_cli_options_key(const fs_cli *cli, int argc, char **argv, const char *const *skip)
{
    GString *k = g_string_new(cli->cmd ? cli->cmd->name : "");
    g_string_append_c(k, '\n');
    for (int i = 1; i < cli->n_given; i++) {
        const char *a = cli->given[i];
        bool operand = false;
        for (int j = 1; j < argc && !operand; j++)
            operand = argv[j] == a;
        if (operand)
            continue;
        if (strcmp(a, "--") == 0)
            break; /* the rest are operands */
        const char *next = i + 1 < cli->n_given ? cli->given[i + 1] : NULL;
        const GOptionEntry *e = NULL;
        if (a[0] == '-' && a[1] == '-') {
            size_t n = strcspn(a + 2, "=");
            if ((e = find_entry(cli, a + 2, n, 0))) {
                const char *v = a[2 + n] == '=' ? a + 3 + n : NULL;
                if (!v && e->arg != G_OPTION_ARG_NONE && next)
                    v = next, i++;
                key_add(k, e, v, skip);
                continue;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            bool took = false;
            for (const char *c = a + 1; *c; c++) {
                if (!(e = find_entry(cli, NULL, 0, *c))) {
                    g_string_append_printf(k, "-%c\n", *c);
                    continue;
                }
                bool value = e->arg != G_OPTION_ARG_NONE && !took && next;
                key_add(k, e, value ? next : NULL, skip);
                took = took || value;
            }
            i += took;
            continue;
        }
        g_string_append_printf(k, "%s\n", a);
    }
    return g_string_free(k, FALSE);
}

char *fs_cli_stamp_digest(const fs_cli *cli, int argc, char **argv, const char *font_dir)
{
    static const char *const no_output[] = {"jobs",        "shard", "shard-count", "quiet",
                                            "incremental", "force", "timings",     "dump-layout",
                                            NULL};
    g_autofree char *key = fs_cli_options_key(cli, argc, argv, no_output);
    const char *dirs[] = {font_dir, cli->common ? cli->common->font_dir : NULL};
    return fs_stamp_shared_digest(dirs, G_N_ELEMENTS(dirs), key);
}

int fs_cli_spec_or_csv(fs_cli *cli, const char *name, int *argc, char ***argv, fs_csv_opts *co)
{
    int rc = fs_cli_parse(cli, name, argc, argv);
    if (rc >= 0)
        return rc;
    if (*argc != 2) {
        g_autofree char *m = g_strdup_printf(
            *argc < 2 ? "%s: missing SPEC or CSV file" : "%s: takes one SPEC or CSV file", name);
        return fs_cli_usage_error(m);
    }
    return fs_cli_csv_opts(cli, co);
}

bool fs_cli_enum_option(const char *flag, const char *arg, const char *const *names, int *out)
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
    fs_cli_usage_error(m->str);
    g_string_free(m, TRUE);
    return false;
}

int fs_cli_csv_opts(const fs_cli *cli, fs_csv_opts *co)
{
    const fs_cli_common *c = cli->common;
    *co = (fs_csv_opts){0};
    if (c->delimiter && !fs_csv_parse_delimiter(c->delimiter, &co->delimiter))
        return fs_cli_usage_error("--delimiter takes , ; | or tab");
    if (c->decimal && !fs_csv_parse_decimal(c->decimal, &co->decimal))
        return fs_cli_usage_error("--decimal takes . or ,");
    co->missing = c->missing;
    if (c->encoding && !fs_csv_parse_encoding(c->encoding, &co->encoding)) {
        g_autofree char *q = fs_diag_quote(c->encoding, -1, 40);
        g_autofree char *m = g_strdup_printf(
            "--encoding %s is not an encoding iconv knows (e.g. windows-1252, iso-8859-1, "
            "utf-16; `iconv -l` lists them)",
            q);
        return fs_cli_usage_error(m);
    }
    return -1;
}

int fs_cli_batch_options(int jobs, const char *shard, int shard_count, unsigned *k, unsigned *n)
{
    *k = *n = 1;
    if (jobs < 0 || jobs > 1024)
        return fs_cli_usage_error("-j takes a number of processes from 1 to 1024");
    bool automatic = shard && strcmp(shard, "auto") == 0;
    if (shard_count && !automatic)
        return fs_cli_usage_error("--shard-count goes with --shard auto");
    if (shard_count < 0 || shard_count > 100000)
        return fs_cli_usage_error("--shard-count takes a number of jobs from 1 to 100000");
    if (automatic) {
        g_auto(GStrv) env = g_get_environ();
        g_autofree char *m = fs_batch_shard_auto(env, (unsigned)shard_count, k, n);
        return m ? fs_cli_usage_error(m) : -1;
    }
    if (shard && !fs_batch_parse_shard(shard, k, n))
        return fs_cli_usage_error("--shard takes K/N with 1 <= K <= N <= 100000 (e.g. 2/4), or "
                                  "auto");
    return -1;
}

bool fs_cli_show_progress(bool quiet)
{
    return !quiet && isatty(STDERR_FILENO);
}

bool fs_cli_is_spec_path(const char *path)
{
    return g_str_has_suffix(path, ".ini") || g_str_has_suffix(path, ".spec");
}

/* ---- the options of a chart, shared by chart and lint ------------------ */

const char *const fs_cli_sizes[] = {"1920x1080", "1280x720", "960x540", "a4", "letter", NULL};

/* The most decimals --decimals fixes (numchoice.h takes 0 to 12). */
#define DECIMALS_MAX 12

bool fs_cli_chart_opts_given(const fs_cli_chart_opts *co)
{
    return co->size || co->decimals || co->compact || co->axis_min || co->axis_max || co->type ||
           co->markers || co->labels || co->highlight || co->reference || co->band ||
           co->callout;
}

/* Parses "WxH" with an optional unit (px, pt, mm, in), or a4 or letter
 * (portrait): in points for a PDF, in pixels at 96 per inch for a PNG or
 * SVG (a4: 794x1123 px, letter: 816x1056 px), the size a browser gives
 * the page. */
static bool parse_size(const char *s, bool pdf, double *w, double *h)
{
    const fs_paper *p = fs_paper_find(s);
    if (p && (p == &fs_papers[FS_PAPER_A4] || p == &fs_papers[FS_PAPER_LETTER])) {
        *w = pdf ? p->w : round(p->w * 96 / 72), *h = pdf ? p->h : round(p->h * 96 / 72);
        return true;
    }
    return fs_parse_length_pair(s, w, h);
}

/* All of s is one number (values.h's grammar, as in a spec). */
static bool whole_number(const char *s, double *x)
{
    size_t n = fs_value_number(s, x);
    return n > 0 && s[n] == '\0';
}

/* The number of option flag (arg) into *x. Returns -1 when it is one and
 * finite, else the usage error's exit code. */
static int number_option(const char *flag, const char *arg, double *x)
{
    double v;
    if (!whole_number(arg, &v)) {
        g_autofree char *m = g_strdup_printf(
            "%s takes a number: digits, . for decimals, no grouping (e.g. -50, 2.5e6)", flag);
        return fs_cli_usage_error(m);
    }
    if (!isfinite(v)) {
        g_autofree char *m = g_strdup_printf("%s is out of range for a number", flag);
        return fs_cli_usage_error(m);
    }
    *x = v;
    return -1;
}

/* --axis-min and --axis-max into c. Returns -1 when valid, else the usage
 * error's exit code. */
static int axis_options(const fs_cli_chart_opts *co, fs_chart_opts *c)
{
    int rc;
    if (co->axis_min && (rc = number_option("--axis-min", co->axis_min, &c->axis_min)) >= 0)
        return rc;
    if (co->axis_max && (rc = number_option("--axis-max", co->axis_max, &c->axis_max)) >= 0)
        return rc;
    /* bars start at zero: the axis always holds it (lines need not) */
    if (c->type == FS_CHART_BAR && c->axis_min > 0)
        return fs_cli_usage_error("--axis-min must be 0 or less: bars start at zero");
    if (c->type == FS_CHART_BAR && c->axis_max < 0)
        return fs_cli_usage_error("--axis-max must be 0 or more: bars start at zero");
    if (c->axis_min >= c->axis_max)
        return fs_cli_usage_error("--axis-min must be below --axis-max");
    return -1;
}

int fs_cli_chart_options(const fs_cli_chart_opts *co, fs_format fmt, fs_chart_opts *c)
{
    c->print = fmt == FS_FMT_PDF;
    if (c->print) {
        c->width = fs_papers[FS_PAPER_A4].h, c->height = fs_papers[FS_PAPER_A4].w; /* landscape */
    }
    if (co->size) {
        if (!parse_size(co->size, c->print, &c->width, &c->height))
            return fs_cli_usage_error("--size takes WxH (e.g. 1920x1080, 210x297mm), a4 or "
                                      "letter");
        if (c->width < 100 || c->height < 100 || c->width > 20000 || c->height > 20000)
            return fs_cli_usage_error("--size must be between 100 and 20000 px (or pt) each way");
    }
    if (co->decimals) {
        double x;
        if (!whole_number(co->decimals, &x) || x != floor(x) || x < 0 || x > DECIMALS_MAX)
            return fs_cli_usage_error("--decimals takes a whole number from 0 to 12");
        c->decimals = (int)x;
    }
    int pick;
    if (!fs_cli_enum_option("--compact", co->compact, fs_compact_names, &pick))
        return FS_ERR_USAGE;
    if (pick >= 0)
        c->compact = (fs_compact)pick;
    if (!fs_cli_enum_option("--type", co->type, fs_chart_type_names, &pick))
        return FS_ERR_USAGE;
    if (pick >= 0)
        c->type = (fs_chart_type)pick;
    if (c->type == FS_CHART_BAR && (co->markers || co->labels))
        return fs_cli_usage_error("--markers and --labels are for --type line or area");
    if (c->type == FS_CHART_BAR && co->band)
        return fs_cli_usage_error("--band shades dates of a time axis: it needs --type line or "
                                  "area and dates as labels");
    if (!fs_cli_enum_option("--markers", co->markers, fs_marks_names, &pick))
        return FS_ERR_USAGE;
    if (pick >= 0)
        c->markers = (fs_marks)pick;
    if (!fs_cli_enum_option("--labels", co->labels, fs_marks_names, &pick))
        return FS_ERR_USAGE;
    if (pick >= 0)
        c->labels = (fs_marks)pick;
    g_autofree char *why = NULL;
    g_auto(GStrv) names = fs_highlight_parse(co->highlight, &why);
    const char *flag = "--highlight";
    if (names) {
        fs_ref refs[FS_ANNOT_MAX_REFS];
        fs_refs_clear(refs, fs_refs_parse(co->reference, refs, &why));
        flag = "--reference";
        if (!why) {
            fs_band bands[FS_ANNOT_MAX_BANDS];
            fs_bands_clear(bands, fs_bands_parse(co->band, bands, &why));
            flag = "--band";
        }
        if (!why) {
            fs_callout cs[FS_ANNOT_MAX_CALLOUTS];
            fs_callouts_clear(cs, fs_callouts_parse(co->callout, cs, &why));
            flag = "--callout";
        }
    }
    if (why) {
        g_autofree char *m = g_strdup_printf("%s %s", flag, why);
        return fs_cli_usage_error(m);
    }
    c->highlight = co->highlight, c->reference = co->reference, c->band = co->band;
    c->callout = co->callout;
    return axis_options(co, c);
}

/* ---- diagnostics, timings, standard output ---------------------------- */

void fs_cli_phase(fs_cli *cli, const char *name)
{
    fs_cli_timer *t = &cli->timer;
    gint64 now = g_get_monotonic_time();
    if (t->on) {
        if (!t->text)
            t->text = g_string_new("factsheet: timings:");
        else
            g_string_append_printf(t->text, " %s %.1f ms", name, (double)(now - t->start) / 1000);
    }
    t->start = now;
}

void fs_cli_output_phases(fs_cli *cli, fs_output_times *before, const char *rest)
{
    fs_cli_timer *t = &cli->timer;
    const fs_output_times *now = fs_output_times_get();
    gint64 paint = now->paint - before->paint, encode = now->encode - before->encode,
           write = now->write - before->write;
    gint64 wall = g_get_monotonic_time() - t->start;
    if (t->on && t->text)
        g_string_append_printf(t->text, " %s %.1f ms paint %.1f ms encode %.1f ms write %.1f ms",
                               rest, (double)MAX(wall - paint - encode - write, 0) / 1000,
                               (double)paint / 1000, (double)encode / 1000, (double)write / 1000);
    *before = *now;
    t->start = g_get_monotonic_time();
}

int fs_cli_finish(fs_cli *cli, fs_diag *d)
{
    fs_diag_print(d, stderr);
    if (cli->timer.text) {
        fprintf(stderr, "%s\n", cli->timer.text->str);
        g_string_free(cli->timer.text, TRUE);
        cli->timer.text = NULL;
    }
    fs_status st = fs_diag_status(d);
    return st == FS_OK ? 0 : (int)st;
}

bool fs_cli_stdout_flush(fs_cli_stdout *out, bool wrote)
{
    if (wrote) {
        errno = 0;
        wrote = fflush(stdout) == 0 && !ferror(stdout);
    }
    if (!wrote && out->err < 0)
        out->err = errno;
    return out->err < 0;
}

char *fs_cli_stdout_failure(const fs_cli_stdout *out)
{
    return g_strdup_printf("cannot write to standard output%s%s", out->err > 0 ? ": " : "",
                           out->err > 0 ? g_strerror(out->err) : "");
}

bool fs_cli_stdout_ok(fs_cli_stdout *out, fs_diag *d)
{
    if (fs_cli_stdout_flush(out, true))
        return true;
    if (!out->told) {
        g_autofree char *m = fs_cli_stdout_failure(out);
        fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "%s", m);
        out->told = true;
    }
    return false;
}

/* ---- specs and fonts -------------------------------------------------- */

char *fs_cli_first_lang(const fs_cli_spec_opts *so)
{
    if (!so->lang || strcmp(so->lang, "all") == 0)
        return NULL;
    char *l = g_strndup(so->lang, strcspn(so->lang, ","));
    return g_strstrip(l);
}

/* The languages to draw a spec in: --lang LIST or all (the spec's list),
 * else the spec's own languages = … list; *out NULL means the plain keys
 * only. Returns false after a diagnostic. */
static bool spec_languages(const fs_cli_spec_opts *so, const fs_spec *base, const char *path,
                           GStrv *out, fs_diag *d)
{
    *out = NULL;
    if (so->lang && strcmp(so->lang, "all") == 0) {
        if (!base->languages) {
            fs_diag_add(d, FS_ERR_INPUT, path, base->line, 0,
                        "[report] --lang all needs a languages = … key");
            return false;
        }
        *out = g_strdupv(base->languages);
    } else if (so->lang) {
        *out = g_strsplit(so->lang, ",", -1);
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

bool fs_cli_each_language(fs_cli *cli, const fs_cli_spec_opts *so, const char *path,
                          const fs_theme *theme, fs_cli_spec_fn fn, void *user, fs_diag *d)
{
    g_autofree char *lang0 = fs_cli_first_lang(so);
    fs_spec *base = fs_spec_load(path, so->data_root, lang0, d);
    g_auto(GStrv) langs = NULL;
    if (base && spec_languages(so, base, path, &langs, d)) {
        const char *first = base->languages ? base->languages[0] : NULL;
        fs_cli_phase(cli, "spec");
        for (size_t i = 0; fs_diag_count(d) == 0 && (langs ? langs[i] != NULL : i == 0); i++) {
            const char *lang = langs ? langs[i] : NULL;
            fs_spec *spec = lang ? fs_spec_load(path, so->data_root, lang, d) : base;
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

fs_fonts *fs_cli_fonts(fs_cli *cli, fs_fonts **fonts, fs_diag *d)
{
    if (!*fonts) {
        g_autofree char *font_dir = fs_fonts_default_dir();
        *fonts = fs_fonts_new(font_dir, cli->common->font_dir, d);
        fs_cli_phase(cli, "fonts");
    }
    return *fonts;
}
