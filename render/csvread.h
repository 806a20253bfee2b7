/* csvread: CSV bytes -> rows of fields, each field with its physical
 * line:column. The only module that includes csv.h (libcsv).
 *
 * Enforces the structural part of the CSV policy in README.md: UTF-8 only
 * (a BOM is skipped; invalid UTF-8, NUL bytes and UTF-16 are errors), strict
 * RFC 4180 quoting, LF/CRLF/CR line ends, blank lines ignored, spaces and tabs
 * trimmed around unquoted fields, every row as wide as the header, and the
 * documented size limits. It does not know about numbers or column names:
 * that is table's job. Rows are streamed to a callback, so memory does not
 * grow with the number of rows. */
#ifndef FS_CSVREAD_H
#define FS_CSVREAD_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Documented limits (README "CSV policy"); an error names the limit. */
#define FS_CSV_MAX_COLUMNS 10000
#define FS_CSV_MAX_FIELD_BYTES (64u * 1024u * 1024u)

typedef struct fs_csv_field {
    const char *text; /* NUL-terminated, valid UTF-8, len bytes */
    size_t len;
    unsigned long line; /* physical line where the field starts (1-based) */
    unsigned long col;  /* column in characters where it starts (1-based) */
    bool quoted;
} fs_csv_field;

typedef struct fs_csv_row {
    const fs_csv_field *fields; /* borrowed; valid during the callback only;
                                   NULL from fs_csv_validate_* */
    size_t n;
    unsigned long line; /* physical line where the row starts */
    size_t index;       /* 0 = the header row */
} fs_csv_row;

/* Called once per row, the header first. Return false to stop reading (after
 * adding a diagnostic to d, which makes fs_csv_read_* return false). */
typedef bool (*fs_csv_row_fn)(const fs_csv_row *row, void *user, fs_diag *d);

typedef struct fs_csv_opts {
    char delimiter; /* ',' ';' '|' or '\t'; 0 = by file name (.tsv -> TAB, else ',') */
    char decimal;   /* the decimal sign of the numbers: '.' (0 = '.') or ','; read by
                       table.c, not here (see fs_number_parse_dec()) */
    const char *encoding; /* the bytes' encoding, as GLib's g_convert() names it
                             ("windows-1252", "utf-16"); NULL = UTF-8, checked strictly */
    const char *missing;  /* --missing LIST: comma-separated cell texts that mean "no value"
                             ("" alone: the empty cell); read by table.c; NULL = none */
} fs_csv_opts;

/* The name of standard input in messages: the path "-" reads it. */
#define FS_CSV_STDIN "<stdin>"

/* The name of path in messages: FS_CSV_STDIN for "-", else path. */
const char *fs_csv_name(const char *path);

/* Reads the file at path ("-": standard input, to its end, once; messages
 * then name FS_CSV_STDIN). Returns true when every row was read and accepted;
 * false after adding one diagnostic that names path:line:col (status
 * FS_ERR_INPUT for bad content, FS_ERR_SYSTEM when an existing file cannot
 * be read). A file with no header at all is an error ("no data rows"). */
bool fs_csv_read_file(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                      fs_diag *d);

/* Same from fd, a regular file the caller opened (and checked) and keeps:
 * read from its start with pread, so its offset is not moved and it can be
 * read again; it is not closed. name is used in messages and for the
 * default delimiter. */
bool fs_csv_read_fd(int fd, const char *name, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                    fs_diag *d);

/* Same over a buffer in memory; name is used in messages. */
bool fs_csv_read_buffer(const char *name, const char *buf, size_t len, const fs_csv_opts *o,
                        fs_csv_row_fn fn, void *user, fs_diag *d);

/* Validation only: the same reading, rules and diagnostics as
 * fs_csv_read_file() / fs_csv_read_buffer(), but field texts are not
 * kept, so fn gets rows with fields == NULL (n, line and index are set).
 * For callers that only need to know whether the file is valid (and how
 * many rows it has): it saves copying every field. */
bool fs_csv_validate_file(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                          fs_diag *d);
bool fs_csv_validate_buffer(const char *name, const char *buf, size_t len, const fs_csv_opts *o,
                            fs_csv_row_fn fn, void *user, fs_diag *d);

/* The libcsv version factsheet was built with, "3.0.3" (for --version). */
const char *fs_csv_libcsv_version(void);

/* Parses a --delimiter argument: "," ";" "|" "tab" or a literal TAB.
 * Returns false for anything else. */
bool fs_csv_parse_delimiter(const char *arg, char *out);

/* Parses a --decimal argument: "." or ",". Returns false for anything else. */
bool fs_csv_parse_decimal(const char *arg, char *out);

/* Parses an --encoding argument: a name GLib's iconv knows. *out gets NULL
 * for UTF-8 (read by the strict UTF-8 path, not converted), else arg
 * (borrowed). Returns false for a name iconv does not know. */
bool fs_csv_parse_encoding(const char *arg, const char **out);

/* When header, the one name a header read with ',' holds, has a ';' or a
 * TAB in it: a hint to append to a message, "; is the delimiter ';'? …
 * (--delimiter ';')". Static; NULL when header is NULL or holds neither. */
const char *fs_csv_delimiter_hint(const char *header);

/* The delimiter o asks for, or the default for path (.tsv -> TAB). */
char fs_csv_delimiter_for(const char *path, const fs_csv_opts *o);

#endif
