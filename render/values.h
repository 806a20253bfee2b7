/* values: the small value types every stage shares: the chart enums and
 * their names, the one number grammar of key values, lengths and the one
 * table of named page sizes. Parsing here never depends on the process
 * locale. Number formats (how a number is written) are in numfmt.h, beside
 * the language tables. */
#ifndef FS_VALUES_H
#define FS_VALUES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { FS_ORIENT_HORIZONTAL, FS_ORIENT_VERTICAL } fs_orient;
typedef enum { FS_SORT_NONE, FS_SORT_ASC, FS_SORT_DESC } fs_sort;
typedef enum { FS_MODE_GROUPED, FS_MODE_STACKED, FS_MODE_PERCENT } fs_mode;
typedef enum { FS_ICON_PERSON, FS_ICON_HOUSE, FS_ICON_SQUARE, FS_ICON_CIRCLE } fs_icon;
/* a chart's type: bars, lines or areas (chart --type, type = in a spec) */
typedef enum { FS_CHART_BAR, FS_CHART_LINE, FS_CHART_AREA } fs_chart_type;
/* which points of a line get a marker or a value label */
typedef enum { FS_MARK_NONE, FS_MARK_LAST, FS_MARK_ALL } fs_marks;

/* Parses one of names[] (NULL-terminated) into its index; -1 if none. */
int fs_opts_pick(const char *s, const char *const *names);
extern const char *const fs_orient_names[]; /* "horizontal", "vertical" */
extern const char *const fs_sort_names[];   /* "none", "asc", "desc" */
extern const char *const fs_mode_names[];   /* "grouped", "stacked", "percent" */
extern const char *const fs_icon_names[];   /* "person", "house", "square", "circle" */
extern const char *const fs_chart_type_names[]; /* "bar", "line", "area" */
extern const char *const fs_marks_names[];      /* "none", "last", "all" */

/* The number grammar of key values (spec and theme keys, lengths, sizes):
 * [+-] digits [. digits] [(e|E) [+-] digits], or [+-] . digits; ASCII,
 * never the process locale; no grouping and no spaces. Returns the length
 * of the number at the start of s (0 when there is none; an "e" without
 * digits after it is not part of the number) and sets *out to its value:
 * ±inf when it is too large for a double (1e999, 400 digits), for the
 * caller's range check to call out of range. */
size_t fs_value_number(const char *s, double *out);

/* Named page sizes, portrait, in points: one table for the spec's page =,
 * the chart's --size and the sizes layout scales from (A4). */
typedef enum {
    FS_PAPER_A3,
    FS_PAPER_A4,
    FS_PAPER_A5,
    FS_PAPER_LETTER,
    FS_PAPER_LEGAL,
    FS_PAPER_COUNT_
} fs_paper_id;
typedef struct fs_paper {
    const char *name; /* "A4", "Letter" … */
    double w, h;
} fs_paper;
extern const fs_paper fs_papers[FS_PAPER_COUNT_];
/* The paper named name (any case), or NULL. Borrowed, static. */
const fs_paper *fs_paper_find(const char *name);

/* Parses a length "12", "12pt", "210mm", "8.5in", "1920px" (px = pt) into
 * points: a number (fs_value_number) and an optional unit. Returns false
 * for anything else or a non-positive value; a number too large for a
 * double gives +inf, which the caller's range check refuses as out of
 * range. */
bool fs_parse_length(const char *s, double *pt);
/* Parses "WxH" with one unit after H applying to both ("210x297mm"), or a
 * unit after each ("8.5inx11in"). Returns false on anything else; sides as
 * fs_parse_length() (+inf when too large for a double). */
bool fs_parse_length_pair(const char *s, double *w, double *h);
/* Parses a page: a name of fs_papers (any case) or a length pair. */
bool fs_parse_page(const char *s, double *w, double *h);

#endif
