/* spec: a report spec (a GLib key file) -> the report model.
 *
 * Strict: an unknown group or key is an error naming it (with the nearest
 * known key), duplicate groups and keys are errors (GKeyFile would merge
 * them silently), invalid UTF-8 names the key, a value of the wrong type
 * names the key and the form expected, sizes are checked before anything is
 * allocated. Data paths are resolved against the spec's folder and confined
 * to it (or to --data-root); so is a theme file (theme = FILE), which is read
 * and checked here (theme = NAME reads a shipped theme), and a text panel's
 * file. Each such file is opened once, when its path is checked, from a
 * descriptor on the confining folder and following no symbolic link, so
 * nothing swapped in after the check is read (see safeopen.h); a CSV stays
 * open in the spec (fs_panel.data_fd) and is read from that descriptor.
 * Localized keys (title[az]) are picked by lang, falling back to the plain
 * key. This module reads no CSV: report does. */
#ifndef FS_SPEC_H
#define FS_SPEC_H

#include "diag.h"
#include "numchoice.h"
#include "numfmt.h"
#include "values.h"
#include "theme.h"

#include <glib.h>
#include <stdbool.h>

typedef enum {
    FS_PANEL_BAR,
    FS_PANEL_STAT,
    FS_PANEL_PICTOGRAM,
    FS_PANEL_TIMELINE,
    FS_PANEL_TEXT,
    FS_PANEL_IMAGE,
    FS_PANEL_DONUT,
    FS_PANEL_LINE,
    FS_PANEL_AREA,
    FS_PANEL_TABLE,
} fs_panel_type;

/* timeline: how events are spaced along the line (spacing = time|even) */
typedef enum {
    FS_SPACING_TIME, /* in proportion to the dates, with a minimum gap (default) */
    FS_SPACING_EVEN, /* one equal column per event */
} fs_spacing;

/* report: how panels flow into the page grid (flow = ordered|packed) */
typedef enum {
    FS_FLOW_ORDERED, /* in the spec's order (default) */
    FS_FLOW_PACKED,  /* a later panel may fill a hole an earlier one left */
} fs_flow;

typedef struct fs_panel {
    char *id; /* the name in [panel ID]: letters, digits, - and _ */
    fs_panel_type type;
    unsigned long line;                         /* line of the [panel ID] header in the spec */
    int span;                                   /* grid columns, 1..columns (default: all) */
    char *title, *subtitle, *note, *alt, *unit; /* NULL when absent */

    char *data;     /* the spec's folder joined with data = (NULL when none): for messages */
    int data_fd;    /* that CSV, opened when its path was checked (-1 when none): read it
                       with fs_table_load_fd(), never by the path. Borrowed from the spec
                       (fs_spec.inputs), shared by the panels naming the same file. */
    char delimiter; /* 0 = by file name */
    char decimal;   /* decimal = . or , (here or in [report]); 0 = '.' */
    char *encoding; /* encoding = NAME (here or in [report]); NULL = UTF-8 */
    char *missing;  /* missing = LIST (here or in [report]); NULL = none */

    /* bar and pictogram: label column and value column(s) */
    char *label;
    char **values; /* NULL-terminated; NULL when absent */
    fs_orient orient;
    fs_sort sort;
    fs_mode mode;
    /* bar and stat: how the numbers are written (numchoice.h); a panel
     * zeroed is one without these keys */
    bool has_decimals;  /* decimals = N was given: N (0..12) in decimals; else … */
    int decimals;       /* … chosen from the data */
    fs_compact compact; /* compact = auto|on|off (default auto) */
    /* bar: the value axis spans at least from axis_min (has_axis_min) to
     * axis_max (has_axis_max), axis_min <= 0 <= axis_max; else from the data */
    bool has_axis_min, has_axis_max;
    double axis_min, axis_max;

    /* line and area (and bar's keys above but orientation and sort) */
    fs_marks markers; /* markers = none|last|all (default none) */
    fs_marks labels;  /* labels = none|last|all (default last) */

    /* bar, line and area: annotations (annot.h), checked in form here and
     * against the data when laid out; NULL when absent */
    char *highlight; /* highlight = LABEL,LABEL */
    char *reference; /* reference = VALUE: LABEL; VALUE: LABEL */
    char *band;      /* band = START..END: LABEL; … (lines and areas) */
    char *callout;   /* callout = LABEL: TEXT; … */

    /* stat: a number from the spec (has_value) or from a CSV cell */
    bool has_value;
    double value;
    long row;     /* 1-based data row (stat with data); 0 = absent */
    char *column; /* stat with data: the value column */
    char *caption, *compare;

    /* pictogram */
    double per; /* units per icon (> 0) */
    fs_icon icon;
    char *per_unit; /* noun for the legend: "1 icon = 10 people" */

    /* timeline: column names (defaults "date" and "event") */
    char *date_col, *event_col;
    fs_spacing spacing; /* spacing = time|even (default time) */

    /* text: a paragraph and/or bullet items (from the spec or a file) */
    char *text;
    char **items; /* NULL-terminated or NULL */

    /* image: the picture (file = , read and checked), owned; its caption is
     * caption = (above), its alt text alt = (required) */
    struct fs_image *image;
    /* table: the columns shown, in order (NULL: all), their header texts
     * (NULL: the CSV's), columns declared numbers (NULL: detected), the
     * column drawn with a bar in each cell (NULL: none); NULL-terminated */
    char **columns, **header, **numeric;
    char *bar_column;

    /* key name (plain, e.g. "value") -> its line (GUINT_TO_POINTER); owned.
     * Use fs_panel_key_line(). */
    GHashTable *key_lines;
} fs_panel;

typedef struct fs_spec {
    char *path; /* as given */
    char *dir;  /* its folder */
    char *name; /* output base name: letters, digits, - and _ */
    char *title, *subtitle, *date, *source, *note, *keywords, *author;
    char *source_url;      /* http(s) URL of the source, or NULL */
    char *lang;            /* the language picked (NULL = plain keys) */
    double page_w, page_h; /* points */
    int columns;           /* grid columns, 1..24, default 12 */
    fs_numfmt numfmt;
    fs_theme *theme;         /* theme = NAME|FILE, owned; NULL = light (no theme key) */
    double slide_w, slide_h; /* panel PNG/SVG size in px, default 1920x1080 */
    GPtrArray *panels;       /* fs_panel *, owned, in file order */
    char **languages;        /* languages = en,az,ru: NULL-terminated, owned; NULL if absent */
    unsigned long line;      /* line of the [report] header */
    bool rtl;                /* direction = rtl, or auto and a right-to-left lang */
    fs_flow flow;            /* flow = ordered|packed (default ordered) */
    struct fs_image *logo;   /* logo = FILE (or the theme's), read and checked; owned;
                                NULL when none */
    bool svg_outlines;       /* svg_text = false: SVG text as outlines, not <text> */
    GArray *inputs;          /* int: the descriptors panels' data_fd borrow (one per distinct
                                CSV, at most one per panel); owned, closed by fs_spec_free() */
    GPtrArray *files;        /* char *: the real path of every file the spec names that was
                                opened (data, theme, text files), owned: what a render reads
                                besides the spec itself (stamp.h) */
} fs_spec;

/* Reads and validates the spec at path. data_root: NULL confines data paths
 * to the spec's folder, else to data_root. lang: NULL or a language tag for
 * localized keys. Returns a new spec (free with fs_spec_free()) or NULL after
 * one or more diagnostics naming path:line and the group/key. */
fs_spec *fs_spec_load(const char *path, const char *data_root, const char *lang, fs_diag *d);

/* Same from bytes in memory (name is used in messages and its folder for
 * data paths). */
fs_spec *fs_spec_load_buffer(const char *name, const char *buf, size_t len, const char *data_root,
                             const char *lang, fs_diag *d);

/* Frees s and everything it owns; NULL-safe. */
void fs_spec_free(fs_spec *s);

/* The spec line of key (plain name, e.g. "value" or "data") in p's group, or
 * the line of the [panel ID] header when the key was not written (a default).
 * For messages about a key's value found later, e.g. a column not in the CSV. */
unsigned long fs_panel_key_line(const fs_panel *p, const char *key);

#endif
