/* model: a spec and its tables -> the prepared report, what layout reads.
 * Every CSV a panel names is read here (the only I/O before output), each
 * column a panel uses is found (a localized "name[lang]" first), numbers are
 * typed and checked, events are parsed and put in date order, so that
 * layout does no I/O and meets no bad data. Errors name the CSV's
 * file:line:col or the spec's line. Nothing is measured or laid out here. */
#ifndef FS_MODEL_H
#define FS_MODEL_H

#include "diag.h"
#include "spec.h"
#include "table.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* The data of one bar chart, taken from a table. */
typedef struct fs_series_data {
    size_t nrows, nseries;
    const char **labels;       /* nrows, borrowed from the table */
    const char **series_names; /* nseries */
    double *values;            /* nrows * nseries, row-major, owned; NAN:
                                * a missing value (--missing) */
    const char *file;          /* for messages */
    unsigned long *lines;      /* nrows: the CSV line of each row, owned */
} fs_series_data;

/* Extracts label and value columns (value_cols: NULL-terminated) from t.
 * A missing value (--missing) is refused naming its cell. Returns false
 * after a diagnostic. Free with fs_series_data_clear(). */
bool fs_series_data_from_table(const fs_table *t, const char *label_col,
                               const char *const *value_cols, fs_series_data *out, fs_diag *d);
/* The same, a missing value read as NAN (fs_table_numbers_nan()): for
 * charts that draw a gap for it (bars: an empty slot saying "no data"). */
bool fs_series_data_from_table_nan(const fs_table *t, const char *label_col,
                                   const char *const *value_cols, fs_series_data *out, fs_diag *d);
/* True when no label occurs twice; else false after a diagnostic at the
 * second row's line naming the first's, ending with fix (how to draw it:
 * the options of the command, or the spec's keys). */
bool fs_series_data_unique_labels(const fs_series_data *s, const char *fix, fs_diag *d);
/* True when some label occurs twice. */
bool fs_series_data_has_duplicates(const fs_series_data *s);
/* Frees what s owns (the labels stay the table's) and zeroes it. */
void fs_series_data_clear(fs_series_data *s);

/* One dated event of a timeline. */
typedef struct fs_event {
    int year, month, day; /* month/day 0 when not given */
    const char *text;     /* borrowed from the table */
    unsigned long line;
} fs_event;

/* A donut shows at most this many parts (2 at least). */
#define FS_DONUT_MAX_PARTS 6
/* The data of a table panel: the columns shown, in the spec's order. */
typedef struct fs_table_view {
    size_t ncols, nrows;
    size_t *cols;       /* ncols: the CSV's column of each, owned */
    const char **heads; /* ncols: the header texts (the spec's, else the CSV's), borrowed */
    bool *numeric;      /* ncols: a column of numbers (all numbers, or declared) */
    double *values;     /* nrows * ncols, row-major: a number column's values (NAN:
                           missing), owned */
    int bar;            /* the column with a bar in each cell, -1 = none */
    /* the rows a part shows: a table split across pages is laid out as parts
     * (see panels/table.c); a prepared table shows all, first 0 */
    size_t first, count;
} fs_table_view;

/* A panel with its data read and checked. */
typedef struct fs_prepared {
    const fs_panel *panel; /* borrowed */
    fs_table *table;       /* owned, NULL when the panel has no data */
    fs_series_data series; /* bar, pictogram, donut */
    double stat;           /* stat */
    GArray *events;        /* timeline: fs_event, in date order */
    fs_table_view view;    /* table */
} fs_prepared;

/* Reads the panel's CSV (if any) and checks every column it uses. Returns
 * false after a diagnostic naming the CSV's file:line:col or the spec. */
bool fs_prepare_panel(const fs_spec *spec, const fs_panel *panel, fs_prepared *out, fs_diag *d);
/* Frees what p owns (its table, series data and events) and zeroes it. */
void fs_prepared_clear(fs_prepared *p);

/* Prepares every panel of spec, in order; stops at the first that fails.
 * Returns a new array of spec->panels->len panels (free with
 * fs_prepared_free()), or NULL after a diagnostic. */
fs_prepared *fs_prepare_all(const fs_spec *spec, fs_diag *d);
/* Clears and frees the n panels of all (from fs_prepare_all()); NULL-safe. */
void fs_prepared_free(fs_prepared *all, size_t n);

/* Parses an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real date). */
bool fs_parse_iso_date(const char *s, int *year, int *month, int *day);

#endif
