/* table: rows from csvread -> a typed table in memory.
 *
 * Keeps every cell as text (labels stay whole, in any script) with its
 * line:column, and types a column on request: fs_table_numbers() validates
 * every cell of a value column by the number rules of README.md ("CSV
 * policy", rule 7) and names the first bad cell. Column lookups list the
 * columns that exist when a name is missing, and refuse a header name that
 * occurs twice. */
#ifndef FS_TABLE_H
#define FS_TABLE_H

#include "csvread.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct fs_table fs_table;

typedef enum {
    FS_COL_MISSING, /* every cell empty */
    FS_COL_NUMBER,  /* every non-empty cell a valid number */
    FS_COL_TEXT,
} fs_col_type;

/* Reads path through csvread. Returns a new table (free with
 * fs_table_free()) or NULL after adding one diagnostic. A header without
 * data rows is an error ("no data rows"). */
fs_table *fs_table_load(const char *path, const fs_csv_opts *o, fs_diag *d);
/* Same from fd, a regular file opened by the caller, which keeps it (see
 * fs_csv_read_fd()); name is used in messages. */
fs_table *fs_table_load_fd(int fd, const char *name, const fs_csv_opts *o, fs_diag *d);
fs_table *fs_table_load_buffer(const char *name, const char *buf, size_t len,
                               const fs_csv_opts *o, fs_diag *d);
void fs_table_free(fs_table *t);

/* Validates path as fs_table_load() does (every structural rule of the CSV
 * policy, and "no data rows" for a header alone) without keeping the table:
 * rows are streamed through csvread and only counted, so memory does not
 * depend on the number of rows. Returns true when fs_table_load() would
 * return a table; false after adding the same one diagnostic it would add.
 * If nrows is not NULL it gets the number of data rows. Cells are not typed
 * (as with `factsheet check` on a CSV: numbers are checked by chart). */
bool fs_table_check_file(const char *path, const fs_csv_opts *o, size_t *nrows, fs_diag *d);

/* Borrowed; valid while t lives. */
const char *fs_table_name(const fs_table *t);
size_t fs_table_ncols(const fs_table *t);
size_t fs_table_nrows(const fs_table *t);
const char *fs_table_header(const fs_table *t, size_t col);
const char *fs_table_cell(const fs_table *t, size_t row, size_t col);
size_t fs_table_cell_len(const fs_table *t, size_t row, size_t col);
unsigned long fs_table_row_line(const fs_table *t, size_t row);
unsigned long fs_table_cell_line(const fs_table *t, size_t row, size_t col);
unsigned long fs_table_cell_col(const fs_table *t, size_t row, size_t col);
fs_col_type fs_table_col_type(const fs_table *t, size_t col);

/* Finds the column named name. On failure adds a diagnostic naming the
 * table, the name and the columns that exist (or the two places a duplicate
 * header name occurs) and returns false. */
bool fs_table_find_column(const fs_table *t, const char *name, size_t *col, fs_diag *d);

/* Fills out[0 .. nrows-1] with the numbers of column col, read with the
 * decimal sign the table was loaded with (fs_csv_opts.decimal). On the first bad
 * cell adds `file:line:col: "text" in column "name" is not a number` (with
 * the reason where it helps) and returns false. */
bool fs_table_numbers(const fs_table *t, size_t col, double *out, fs_diag *d);

/* --missing: a cell whose trimmed text is one listed in fs_csv_opts.missing
 * when the table was loaded is a missing value. fs_table_numbers() refuses
 * it (`"n/a" in column "x" is a missing value (--missing), which this cannot
 * show`); this function gives NAN for it, and is otherwise the same. A
 * column of numbers and missing values is typed FS_COL_NUMBER. */
bool fs_table_numbers_nan(const fs_table *t, size_t col, double *out, fs_diag *d);

/* Parses one number token by rule 7 (ASCII decimal, optional sign, fraction,
 * exponent, surrounding spaces, comma groups of three). Never depends on the
 * locale. Returns false for anything else; *why, if not NULL, gets a short
 * static reason ("empty cell", "overflows a double", …). */
bool fs_number_parse(const char *s, size_t len, double *out, const char **why);

/* The same with the decimal sign decimal: '.' (as fs_number_parse()) or
 * ',' (--decimal ,). With ',' the thousands are grouped by '.', a space, a
 * no-break space (U+00A0), a narrow no-break space (U+202F) or a thin space
 * (U+2009), one kind in a number, in groups of exactly three after 1-3
 * leading digits (1.234.567,5 or 1 234,5); anything else is refused. A
 * number refused with one sign that the other reads says so in *why, with
 * the option that reads it. */
bool fs_number_parse_dec(const char *s, size_t len, char decimal, double *out, const char **why);

/* --aggregate: rows grouped by label, one value per group and column. */
typedef enum { FS_AGG_SUM, FS_AGG_COUNT, FS_AGG_MEAN, FS_AGG_MIN, FS_AGG_MAX } fs_agg;
extern const char *const fs_agg_names[]; /* "sum", "count", "mean", "min", "max" */

/* Most distinct labels an aggregation keeps (its memory bound). */
#define FS_AGG_MAX_GROUPS 10000

/* Streams path through csvread and groups its rows by label_col, in order
 * of first appearance, keeping one accumulator per group: memory depends on
 * the number of distinct labels, never on the number of rows. Every cell of
 * value_cols (NULL-terminated; may be empty for FS_AGG_COUNT, which then
 * makes a column "count") is validated as fs_table_numbers() does, with the
 * same messages. Sums are compensated (Neumaier). Returns a new table: the
 * label column and the value columns under their names, one row per label
 * (its line: where the label first occurs), values written so that
 * fs_table_numbers() reads back the exact doubles; or NULL after one
 * diagnostic (also for more than FS_AGG_MAX_GROUPS labels, or a result
 * that overflows). */
fs_table *fs_table_aggregate_file(const char *path, const fs_csv_opts *o, const char *label_col,
                                  const char *const *value_cols, fs_agg agg, fs_diag *d);

/* Writes the table as escaped TSV (header first; \\ \t \n \r escaped).
 * Returns false on a write error. */
bool fs_table_write_tsv(const fs_table *t, FILE *fp);

#endif
