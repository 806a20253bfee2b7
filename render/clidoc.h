/* clidoc: the command line described once, as data, and written out as the
 * top-level --help summary, the per-command --help text, the factsheet(1)
 * man page and the bash completion script. The command line owns the
 * tables (each cmd_NAME.c its command: the GOptionEntry array GOptionContext
 * parses with, hints, examples; main.c the command list, the exit codes and
 * the rest of the page); this module only reads them, so a new option or
 * command added to those tables reaches every one of these outputs with no
 * other edit.
 *
 * What this module does not do: parse a command line or run a command. It
 * includes only GLib. */
#ifndef FS_CLIDOC_H
#define FS_CLIDOC_H

#include <glib.h>
#include <stdbool.h>

/* What a command runs with (cli.h); opaque here. */
struct fs_cli;

/* What an option's argument (or a command's operand) completes to, beyond
 * what its GOptionEntry says. Without a hint, an argument named "DIR"
 * completes to folders, "FILE" to any file, anything else to nothing. */
typedef struct fs_clidoc_hint {
    const char *option;       /* long name without "--"; NULL ends an array */
    const char *const *words; /* the values it takes (NULL-terminated), or NULL */
    bool list;                /* a comma-separated list of words */
    const char *files;        /* file extensions, blank-separated ("png pdf svg"), or NULL */
    bool dirs;                /* a folder */
} fs_clidoc_hint;

/* A paragraph-sized item: an example (text = the command, note = what it
 * does), an environment variable, a file, an exit status. */
typedef struct fs_clidoc_item {
    const char *text; /* NULL ends an array */
    const char *note;
} fs_clidoc_item;

typedef struct fs_clidoc_command {
    const char *name;        /* "chart" */
    const char *params;      /* operands as shown after the name: "CSV…" */
    const char *summary;     /* one line in `factsheet --help` */
    const char *description; /* the paragraph of `factsheet NAME --help` */
    GOptionEntry *entries;   /* its own options; the common ones are added */
    const char *operands;    /* extensions its operands complete to ("csv tsv") */
    const fs_clidoc_hint *hints;       /* or NULL */
    const fs_clidoc_item *examples;    /* or NULL; in --help and EXAMPLES */
    /* argv[0] is the command name; returns the exit code */
    int (*run)(struct fs_cli *cli, int argc, char **argv);
} fs_clidoc_command;

typedef struct fs_clidoc {
    const char *program;     /* "factsheet" */
    const char *version;     /* "0.1.0" */
    const char *tagline;     /* the NAME line, after "factsheet - " */
    const char *description; /* DESCRIPTION; paragraphs separated by "\n\n" */
    const fs_clidoc_command *const *commands; /* NULL-terminated */
    const char *default_command; /* run when the first argument is not a command */
    GOptionEntry *top_entries;   /* of the program alone: --version */
    GOptionEntry *common_entries; /* of every command */
    const fs_clidoc_hint *common_hints;
    const fs_clidoc_item *exit_status; /* text "0", note "success"; first clause
                                          (up to ':') is the short form */
    const fs_clidoc_item *environment;
    const fs_clidoc_item *files;
    const fs_clidoc_item *see_also; /* text "cairo(3)" or a URL-less name, note NULL */
} fs_clidoc;

/* The command called name, or NULL. Borrowed from doc. */
const fs_clidoc_command *fs_clidoc_find(const fs_clidoc *doc, const char *name);

/* "Exit status: 0 success, 1 bad input, …." (one line, no newline).
 * Returns a new string. */
char *fs_clidoc_exit_line(const fs_clidoc *doc);

/* The text after the option list of `factsheet --help`: the commands with
 * their summaries, a hint, and the exit line. Returns a new string. */
char *fs_clidoc_summary(const fs_clidoc *doc);

/* The description under the options of `factsheet CMD --help`: the
 * command's examples and the exit line. Returns a new string. */
char *fs_clidoc_command_footer(const fs_clidoc *doc, const fs_clidoc_command *cmd);

/* Appends the man page (roff, man macros) to out. date is shown in the
 * footer ("2026-11-25"; "" for none). */
void fs_clidoc_man(const fs_clidoc *doc, const char *date, GString *out);

/* Appends a bash completion script defining _factsheet and registering it
 * with `complete -F` for the program name. */
void fs_clidoc_bash(const fs_clidoc *doc, GString *out);

/* Appends s to out escaped for roff text: backslashes, a leading '.' or
 * '\'', '-' as \- (so options copy and paste), non-ASCII as \[uXXXX]. */
void fs_clidoc_roff_escape(GString *out, const char *s);

#endif
