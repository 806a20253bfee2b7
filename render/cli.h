/* cli: what the commands of the command line share. Each command is one
 * file, cmd_NAME.c, defining one fs_clidoc_command (its options, help,
 * completion hints, examples and run function); main.c lists them and
 * dispatches. This module parses a command's options with GOptionContext,
 * prints usage errors, diagnostics and --timings, checks what is written to
 * standard output, loads the fonts on first use and runs a spec in each of
 * its languages.
 *
 * State: a command's options live in one static struct in its cmd_NAME.c
 * (GOptionEntry needs static storage for the values it fills); parsing fills
 * it, and the command passes it by const pointer to every function below
 * it. Everything else a command shares with the others (the common options,
 * the record of standard output, --timings) travels in the fs_cli that
 * main.c passes to its run function: nothing below a command's entry reads
 * a variable of file scope. */
#ifndef FS_CLI_H
#define FS_CLI_H

#include "clidoc.h"
#include "csvread.h"
#include "diag.h"
#include "fonts.h"
#include "output.h"
#include "panels/panel.h"
#include "spec.h"
#include "theme.h"

#include <stdbool.h>

/* The options of every command, filled by parsing. */
typedef struct fs_cli_common {
    char *font_dir;  /* --font-dir DIR, or NULL */
    char *delimiter; /* --delimiter C, or NULL */
    char *decimal;   /* --decimal C, or NULL */
    char *encoding;  /* --encoding NAME, or NULL */
    char *missing;   /* --missing LIST, or NULL */
    char *diagnostics; /* --diagnostics text|json|github|sarif, or NULL */
} fs_cli_common;

/* What became of standard output. Whatever a command prints (help, the
 * version, the man page, --dump-layout, table) is checked: a write lost to a
 * full disk or a closed file must not exit 0. Every write notes the reason
 * of the first failure; fs_cli_stdout_ok() reports it where a command can
 * still stop (before render or chart commit their files), main.c at exit,
 * which also covers GOption's COMMAND --help (it calls exit(0)). The reason
 * is told once. */
typedef struct fs_cli_stdout {
    int err;   /* the first failure's errno (0: unknown); -1: none */
    bool told; /* the failure was added to a diagnostic list */
} fs_cli_stdout;

/* --timings: the wall time of each phase, printed to stderr at the end. */
typedef struct fs_cli_timer {
    bool on;       /* --timings was given */
    gint64 start;  /* when the current phase began (monotonic, µs) */
    GString *text; /* "factsheet: timings: …", or NULL before the first phase */
} fs_cli_timer;

/* What main.c runs a command with. */
typedef struct fs_cli {
    const fs_clidoc *doc;        /* the command line, described */
    const fs_cli_common *common; /* filled when the command parses */
    fs_cli_stdout *out;
    GPtrArray *arg_strings; /* strings made for argv while parsing; main frees them */
    const fs_clidoc_command *cmd; /* the command parsed */
    char **given;                 /* its argv as given (pointers into argv), in arg_strings */
    int n_given;
    fs_cli_timer timer;
} fs_cli;

/* The commands, each defined in its cmd_NAME.c. */
extern const fs_clidoc_command fs_cmd_render, fs_cmd_chart, fs_cmd_check, fs_cmd_lint, fs_cmd_table,
    fs_cmd_watch;

/* ---- parsing ---------------------------------------------------------- */

/* After fs_cli_parse(): the options of the command line that decide what
 * is drawn, with their values, as given (one per line, the command first):
 * every argument but the operands left in argv (argc of them) and the
 * options whose long names are in skip (NULL-terminated: -j, --shard, -q,
 * …). What a stamp's shared digest covers (stamp.h). Returns a new
 * string. */
char *fs_cli_options_key(const fs_cli *cli, int argc, char **argv, const char *const *skip);

/* --incremental: the shared digest of this command line's stamps (stamp.h):
 * the program, the fonts of font_dir and --font-dir, and the options but
 * those that change no output (-j, --shard, -q, --timings, …). argc/argv:
 * the operands left after parsing. Returns a new string. */
char *fs_cli_stamp_digest(const fs_cli *cli, int argc, char **argv, const char *font_dir);

/* Prints "factsheet: MSG" to stderr (main.c then adds the hint to try the
 * command's own --help), or in the --diagnostics style one line with the
 * hint. Returns FS_ERR_USAGE. */
int fs_cli_usage_error(const char *msg);

/* Sets the diagnostics style (diag.h) from a valid --diagnostics in argv,
 * before anything is parsed, so that the usage errors of parsing are
 * written in it too. Parsing checks the value later. */
void fs_cli_diagnostics_prescan(int argc, char **argv);

/* Parses argv (argv[0] the command name) with the options of the command
 * called name and the common ones; leaves the operands in argv. Returns -1
 * on success, else the exit code (after the usage error). */
int fs_cli_parse(fs_cli *cli, const char *name, int *argc, char ***argv);

/* The command line of check and lint: options, then one SPEC or CSV, and
 * the CSV options into *co (fs_cli_csv_opts()). Returns -1 when valid, else the usage error's exit
 * code. */
int fs_cli_spec_or_csv(fs_cli *cli, const char *name, int *argc, char ***argv, fs_csv_opts *co);

/* An option taking one of names: *out gets its index, or -1 when the option
 * was not given (arg NULL). On a bad value prints the usage error and
 * returns false. */
bool fs_cli_enum_option(const char *flag, const char *arg, const char *const *names, int *out);

/* --delimiter, --decimal, --encoding and --missing into *co (zeroed
 * first; its strings borrowed from cli). Returns -1 when valid, else the usage
 * error's exit code. */
int fs_cli_csv_opts(const fs_cli *cli, fs_csv_opts *co);

/* -j N, --shard K/N|auto (NULL: all, 1/1) and --shard-count N (0: not
 * given; only with auto, batch.h fs_batch_shard_auto() reads the
 * scheduler's variables). Returns -1 when valid, else the usage error's
 * exit code. */
int fs_cli_batch_options(int jobs, const char *shard, int shard_count, unsigned *k, unsigned *n);

/* A progress line only for a person watching: stderr is a terminal and
 * -q was not given. */
bool fs_cli_show_progress(bool quiet);

/* A spec (.ini or .spec) rather than a CSV. */
bool fs_cli_is_spec_path(const char *path);

/* The words --lang completes to for the spec commands (all, en, az, …). */
extern const char *const fs_cli_lang_codes_all[];

/* ---- the options of a chart, shared by chart and lint ------------------ */

/* The options that say at what size and how the numbers of a chart are
 * drawn, as given: chart and lint (of a CSV) take the same, so lint checks
 * what chart draws. */
typedef struct fs_cli_chart_opts {
    char *size;                /* --size WxH|a4|letter, or NULL */
    char *decimals;            /* --decimals N, or NULL */
    char *compact;             /* --compact auto|on|off, or NULL */
    char *axis_min, *axis_max; /* --axis-min X, --axis-max X, or NULL */
    char *type;                /* --type bar|line|area, or NULL */
    char *markers, *labels;    /* --markers, --labels none|last|all, or NULL */
    char *highlight;           /* --highlight LABEL,LABEL, or NULL */
    char *reference;           /* --reference "VALUE: LABEL; …", or NULL */
    char *band;                /* --band "START..END: LABEL; …", or NULL */
    char *callout;             /* --callout "LABEL: TEXT; …", or NULL */
} fs_cli_chart_opts;

/* Their rows of a command's GOptionEntry table (o: an fs_cli_chart_opts of
 * static storage): --size, then the number options; and their completion
 * hints (clidoc.h). */
/* clang-format off */
#define FS_CLI_SIZE_ENTRY(o)                                                                       \
    {"size", 0, 0, G_OPTION_ARG_FILENAME, &(o).size,                                               \
     "WxH in px (PNG/SVG, default 1920x1080; a4, letter at 96 dpi); PDF: a4, letter or WxH "    \
     "with mm/in/pt", "SIZE"}
#define FS_CLI_NUMBER_ENTRIES(o)                                                                   \
    {"decimals", 0, 0, G_OPTION_ARG_FILENAME, &(o).decimals,                                       \
     "Decimals of the value labels and alt text, 0 to 12 (default: from the data)", "N"},          \
    {"compact", 0, 0, G_OPTION_ARG_FILENAME, &(o).compact,                                         \
     "Large numbers as 648 bn, 12.4k: auto (default: when long in full), on or off", "WHEN"},      \
    {"axis-min", 0, 0, G_OPTION_ARG_FILENAME, &(o).axis_min,                                       \
     "The value axis reaches down to at least X (bars: 0 or less; default: from the data)", "X"}, \
    {"axis-max", 0, 0, G_OPTION_ARG_FILENAME, &(o).axis_max,                                       \
     "The value axis reaches up to at least X (bars: 0 or more; default: from the data)", "X"}
#define FS_CLI_TYPE_ENTRIES(o)                                                                     \
    {"type", 0, 0, G_OPTION_ARG_FILENAME, &(o).type,                                               \
     "bar (default), line or area; dates as labels make a time axis", "TYPE"},                     \
    {"markers", 0, 0, G_OPTION_ARG_FILENAME, &(o).markers,                                         \
     "Line and area: markers on none (default), the last or all points", "WHICH"},                 \
    {"labels", 0, 0, G_OPTION_ARG_FILENAME, &(o).labels,                                           \
     "Line and area: value labels on none, the last (default) or all points", "WHICH"},            \
    {"highlight", 0, 0, G_OPTION_ARG_FILENAME, &(o).highlight,                                     \
     "These bars (categories) or lines (series) in colour, the rest grey", "LIST"},                \
    {"reference", 0, 0, G_OPTION_ARG_FILENAME, &(o).reference,                                     \
     "Lines across the plot: \"50: Target\", several apart by ';'", "LINES"},                  \
    {"band", 0, 0, G_OPTION_ARG_FILENAME, &(o).band,                                               \
     "Line and area, dates: shaded ranges \"2008-09..2009-06: Recession\", apart by ';'",         \
     "BANDS"},                                                                                     \
    {"callout", 0, 0, G_OPTION_ARG_FILENAME, &(o).callout,                                         \
     "A short text at a label's bar or point: \"Spain: Record year\", up to 4 apart by ';'",      \
     "CALLOUTS"}
#define FS_CLI_CHART_HINTS                                                                         \
    {"size", fs_cli_sizes, false, NULL, false}, {"compact", fs_compact_names, false, NULL, false}, \
    {"type", fs_chart_type_names, false, NULL, false},                                             \
    {"markers", fs_marks_names, false, NULL, false}, {"labels", fs_marks_names, false, NULL, false}
/* clang-format on */

/* The sizes --size completes to. */
extern const char *const fs_cli_sizes[];

/* Checks co and sets c's size (default: 1920x1080 px, or A4 landscape in pt
 * for a PDF), medium (c->print for a PDF: sizes and the text floor in pt),
 * decimals, compact form and axis range, for a chart written as fmt. The
 * rest of c is left as it is. Returns -1 when valid, else the usage
 * error's exit code (after the message, naming the option). */
int fs_cli_chart_options(const fs_cli_chart_opts *co, fs_format fmt, fs_chart_opts *c);

/* Whether any of co's options was given. */
bool fs_cli_chart_opts_given(const fs_cli_chart_opts *co);

/* ---- diagnostics, timings, standard output ---------------------------- */

/* Starts phase name, ending the one before (name: what that one did; NULL
 * for none, as at the start). */
void fs_cli_phase(fs_cli *cli, const char *name);

/* The output phases, from output.c's sums since *before (then updated):
 * they happen inside one call, so the wall time since the last phase is
 * split into rest (the other work of that call) and paint, encode, write. */
void fs_cli_output_phases(fs_cli *cli, fs_output_times *before, const char *rest);

/* Prints d and the timings to stderr. Returns the exit code d calls for. */
int fs_cli_finish(fs_cli *cli, fs_diag *d);

/* After a write to stdout that succeeded if wrote: flushes, and notes the
 * reason of the first failure. Returns false once stdout has failed. */
bool fs_cli_stdout_flush(fs_cli_stdout *out, bool wrote);

/* "cannot write to standard output: REASON". Returns a new string. */
char *fs_cli_stdout_failure(const fs_cli_stdout *out);

/* Flushes stdout. On a failure (now or earlier) adds "cannot write to
 * standard output: REASON" to d, once, and returns false. */
bool fs_cli_stdout_ok(fs_cli_stdout *out, fs_diag *d);

/* ---- specs and fonts -------------------------------------------------- */

/* The options of the commands that read a spec (render, check, lint). */
typedef struct fs_cli_spec_opts {
    char *data_root; /* --data-root DIR, or NULL */
    char *lang;      /* --lang CODE[,CODE…] or all, or NULL */
    char *theme;     /* --theme NAME|FILE, or NULL */
} fs_cli_spec_opts;

/* The language to read a spec in first (to learn its languages = … list):
 * the first of --lang LIST, else none. Returns a new string or NULL. */
char *fs_cli_first_lang(const fs_cli_spec_opts *so);

/* What to do with the spec in one of its languages: lang is NULL for the
 * plain keys, first the first of its languages = list (NULL without one). */
typedef void (*fs_cli_spec_fn)(fs_spec *spec, const char *lang, const char *first, void *user,
                               fs_diag *d);

/* Loads the spec at path in every language it is drawn in (--lang LIST|all,
 * else its own languages = list, else the plain keys), applies theme (if
 * not NULL: --theme, which replaces the spec's own), and calls fn for each,
 * stopping at the first diagnostic: what render, check and lint share.
 * Returns false after diagnostics. */
bool fs_cli_each_language(fs_cli *cli, const fs_cli_spec_opts *so, const char *path,
                          const fs_theme *theme, fs_cli_spec_fn fn, void *user, fs_diag *d);

/* The fonts, loaded into *fonts on first use (the bundled folder and
 * --font-dir). Borrowed from *fonts; NULL after a diagnostic. */
fs_fonts *fs_cli_fonts(fs_cli *cli, fs_fonts **fonts, fs_diag *d);

/* ---- drawing a report: render and watch -------------------------------- */

typedef struct fs_cli_report_req {
    const fs_cli_spec_opts *spec; /* --data-root, --lang, --theme */
    const fs_theme *theme;        /* --theme, loaded; NULL: the spec's */
    const char *outdir;
    unsigned formats; /* FS_WANT_* (report.h) */
    bool dump_layout; /* print the boxes of every page to stdout */
    int svg_outlines; /* --svg-outlines 1, --svg-text 0, neither -1: the spec's svg_text */
} fs_cli_report_req;

/* cmd_render.c: draws the spec at path in each of its languages (the first
 * gets the plain names, the others NAME.LANG…) into files staged in set,
 * and commits them, all or none. *fonts is loaded on first use. files (if
 * not NULL) gets the real path of every file the spec named and read (not
 * the spec itself), *name (if not NULL) the spec's name =. Returns false
 * after diagnostics. */
bool fs_cli_render_report(fs_cli *cli, const fs_cli_report_req *r, const char *path,
                          fs_fonts **fonts, fs_outset *set, GPtrArray *files, char **name,
                          fs_diag *d);

/* The option rows render, watch and lint share, one definition each so
 * that their --help cannot drift: --data-root, --lang and --theme into so
 * (an fs_cli_spec_opts) … */
#define FS_CLI_DATA_ROOT_ENTRY(so)                                                                 \
    {"data-root", 0, 0, G_OPTION_ARG_FILENAME, &(so).data_root,                                    \
     "Allow data files anywhere under DIR (default: the spec's folder)", "DIR"}
#define FS_CLI_LANG_ENTRY(so)                                                                      \
    {"lang", 0, 0, G_OPTION_ARG_FILENAME, &(so).lang, "Language of localized keys (e.g. az)",      \
     "CODE"}
#define FS_CLI_THEME_ENTRY(so)                                                                     \
    {"theme", 0, 0, G_OPTION_ARG_FILENAME, &(so).theme,                                            \
     "light, dark, print-bw or a theme FILE.ini (overrides the spec's theme)", "NAME|FILE"}
#define FS_CLI_SPEC_ENTRIES(so)                                                                    \
    FS_CLI_DATA_ROOT_ENTRY(so), FS_CLI_LANG_ENTRY(so), FS_CLI_THEME_ENTRY(so)

/* … render's and watch's -o DIR and --format LIST into two char * … */
#define FS_CLI_REPORT_ENTRIES(outdir, formats)                                                     \
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &(outdir), "Write into DIR (default: output)",       \
     "DIR"},                                                                                       \
    {"format", 0, 0, G_OPTION_ARG_FILENAME, &(formats),                                            \
     "Comma-separated formats to write: pdf,png,svg (default: all)", "LIST"}

/* … and the hints (clidoc.h) of their --format, --lang and --theme. */
extern const char *const fs_cli_report_formats[]; /* pdf, png, svg */
#define FS_CLI_REPORT_HINTS                                                                        \
    {"format", fs_cli_report_formats, true, NULL, false},                                          \
    {"lang", fs_cli_lang_codes_all, true, NULL, false},                                            \
    {"theme", fs_theme_names, false, "ini", false}

/* --svg-text and --svg-outlines (chart and render): two gboolean flags,
 * text (the default, accepted to say so) and outlines. */
#define FS_CLI_SVG_ENTRIES(text, outlines)                                                         \
    {"svg-text", 0, 0, G_OPTION_ARG_NONE, &(text),                                                 \
     "SVG: each line of text as a <text> element, searchable and editable (the default)", NULL},   \
    {"svg-outlines", 0, 0, G_OPTION_ARG_NONE, &(outlines),                                         \
     "SVG: every letter as an outline path, alike in every viewer (larger files)", NULL}

#endif
