/* diag: the diagnostics every stage appends to and only main prints.
 *
 * A diagnostic names a place (file, line, column; 0 = unknown) and carries a
 * status that decides the exit code: input errors exit 1, usage errors 2,
 * system failures 3. Modules never print or exit; they add a diagnostic and
 * return false or NULL. User text that goes into a message is escaped and
 * shortened with fs_diag_quote(), so a message stays one short line. */
#ifndef FS_DIAG_H
#define FS_DIAG_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    FS_OK = 0,
    FS_ERR_INPUT = 1,  /* bad CSV, spec or reference between them */
    FS_ERR_USAGE = 2,  /* bad command line */
    FS_ERR_SYSTEM = 3, /* cannot read an existing file, cannot write */
} fs_status;

typedef struct fs_diag fs_diag;

/* Returns a new, empty list; free with fs_diag_free(). */
fs_diag *fs_diag_new(void);
void fs_diag_free(fs_diag *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fs_diag, fs_diag_free)

/* Appends one message. file may be NULL; line/col 0 mean "not known". */
void fs_diag_add(fs_diag *d, fs_status st, const char *file, unsigned long line,
                 unsigned long col, const char *fmt, ...) G_GNUC_PRINTF(6, 7);

size_t fs_diag_count(const fs_diag *d);
/* The worst status added so far (FS_OK when empty). */
fs_status fs_diag_status(const fs_diag *d);
/* Borrowed: the text of message i ("file:line:col: msg", without the
 * program name), valid while d lives. */
const char *fs_diag_message(const fs_diag *d, size_t i);
/* Appends one message for a key of a key file: "file:line: [group] key
 * \"key\": msg" (group and key may be NULL), with group and key kept apart
 * for the JSON and GitHub styles. */
void fs_diag_add_key(fs_diag *d, fs_status st, const char *file, unsigned long line,
                     const char *group, const char *key, const char *fmt, ...)
    G_GNUC_PRINTF(7, 8);

/* How diagnostics are written (--diagnostics): text ("factsheet: file:line:col:
 * msg", the default), json (one object per line: severity, file, line, column,
 * group, key, message, hint, exit), github (workflow commands "::error
 * file=F,line=L,col=C::msg", shown by GitHub on the diff), sarif (lint's
 * whole run as one SARIF 2.1.0 log on stdout, see lint; elsewhere text).
 * One style per process, set by main before anything is printed. */
typedef enum { FS_DIAG_TEXT, FS_DIAG_JSON, FS_DIAG_GITHUB, FS_DIAG_SARIF } fs_diag_style;
void fs_diag_set_style(fs_diag_style s);
fs_diag_style fs_diag_get_style(void);
/* "text", "json", "github" or "sarif" into *out. */
bool fs_diag_parse_style(const char *name, fs_diag_style *out);

/* Appends to out one diagnostic in style s, a line ending in "\n": an error
 * with status st, or a warning (lint's). file (escaped), group, key (quoted)
 * may be NULL, line and col 0; msg is the message alone, text the whole
 * line of the text style (without "factsheet: "). In json, a suggestion
 * ending msg ("…; use --delimiter ';'") is split off into "hint". */
void fs_diag_format_one(GString *out, fs_diag_style s, bool warning, fs_status st,
                        const char *file, unsigned long line, unsigned long col,
                        const char *group, const char *key, const char *msg, const char *text);

/* Appends s as a JSON string (quoted and escaped), or null when NULL. */
void fs_diag_json_string(GString *out, const char *s);

/* Every message in the process's style (sarif: text), one per line.
 * Returns a new string. */
char *fs_diag_render(const fs_diag *d);
/* Prints fs_diag_render() to fp. */
void fs_diag_print(const fs_diag *d, FILE *fp);
/* The parts of message i, borrowed (file escaped, key quoted; NULL or 0
 * when not known). */
void fs_diag_get(const fs_diag *d, size_t i, fs_status *st, const char **file,
                 unsigned long *line, unsigned long *col, const char **group, const char **key,
                 const char **msg);
/* Removes every message. */
void fs_diag_clear(fs_diag *d);

/* Returns a new string: s (len bytes, or -1 for NUL-terminated) in double
 * quotes with control characters, invalid UTF-8 bytes, quotes and
 * backslashes escaped, cut after max_chars characters with "…". */
char *fs_diag_quote(const char *s, gssize len, size_t max_chars);

/* Returns a new string: a file name made safe for one message line. */
char *fs_diag_escape_path(const char *path);

#endif
