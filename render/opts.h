/* opts: the small value types that the spec, the command line and layout
 * share: chart enums, number formats, lengths and page sizes. Parsing here
 * never depends on the process locale. */
#ifndef FS_OPTS_H
#define FS_OPTS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { FS_ORIENT_HORIZONTAL, FS_ORIENT_VERTICAL } fs_orient;
typedef enum { FS_SORT_NONE, FS_SORT_ASC, FS_SORT_DESC } fs_sort;
typedef enum { FS_MODE_GROUPED, FS_MODE_STACKED, FS_MODE_PERCENT } fs_mode;
typedef enum { FS_ICON_PERSON, FS_ICON_HOUSE, FS_ICON_SQUARE, FS_ICON_CIRCLE } fs_icon;

/* Parses one of names[] (NULL-terminated) into its index; -1 if none. */
int fs_opts_pick(const char *s, const char *const *names);
extern const char *const fs_orient_names[]; /* "horizontal", "vertical" */
extern const char *const fs_sort_names[];   /* "none", "asc", "desc" */
extern const char *const fs_mode_names[];   /* "grouped", "stacked", "percent" */
extern const char *const fs_icon_names[];   /* "person", "house", "square", "circle" */

/* How numbers are written: "1,275" / "1 275" / "1.275,5" … */
typedef struct fs_numfmt {
    char group[8];   /* thousands separator (UTF-8), "" for none */
    char decimal[8]; /* decimal sign */
} fs_numfmt;

/* The default: "," groups, "." decimal. */
void fs_numfmt_default(fs_numfmt *f);
/* Parses an example such as "1,275", "1 275", "1.275,5", "1275", "1,275.5".
 * Returns false if it is not one of the understood forms. */
bool fs_numfmt_parse(const char *example, fs_numfmt *out);
/* Formats v with the given number of decimals (-1: as few as needed, at most
 * 2). Uses U+2212 for the minus sign. Returns a new string. */
char *fs_numfmt_format(const fs_numfmt *f, double v, int decimals);
/* The decimals v needs, 0 to 2: what fs_numfmt_format() writes for -1. A
 * chart writes all its values with the most any of them needs, so 8,825.30
 * stands beside 9,946.13, not 8,825.3. */
int fs_numfmt_decimals(double v);

/* Parses a length "12", "12pt", "210mm", "8.5in", "1920px" (px = pt) into
 * points. Returns false for anything else or a non-positive value; a
 * number too large for a double gives +inf, which the caller's range check
 * refuses as out of range. */
bool fs_parse_length(const char *s, double *pt);
/* Parses "WxH" with one unit after H applying to both ("210x297mm"), or a
 * unit after each ("8.5inx11in"). Returns false on anything else; sides as
 * fs_parse_length() (+inf when too large for a double). */
bool fs_parse_length_pair(const char *s, double *w, double *h);
/* Parses a page: "A4", "A3", "A5", "Letter", "Legal" (any case) or a length
 * pair. */
bool fs_parse_page(const char *s, double *w, double *h);

/* Levenshtein distance of two short ASCII names (a key, a group) for "did
 * you mean" hints; SIZE_MAX when either is longer than 32 bytes. */
size_t fs_edit_distance(const char *a, const char *b);

#endif
