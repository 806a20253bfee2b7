/* annot: the annotations of a bar, line or area chart, as written in a spec
 * or on the command line: highlight = LABEL,LABEL (the categories of a bar
 * chart or the series of a line chart drawn in the accent colour, the rest
 * greyed) and reference = VALUE: LABEL; VALUE: LABEL (lines across the plot
 * at those values, each with an optional label), band = START..END: LABEL
 * (shaded ranges of a time axis) and callout = LABEL: TEXT (a short text
 * beside the point of that label, a thin leader line to it). Parsing and
 * placing by measurement; the panels draw them (bar.c, line.c). */
#ifndef FS_ANNOT_H
#define FS_ANNOT_H

#include "diag.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#define FS_ANNOT_MAX_REFS 8

/* One reference line. */
typedef struct fs_ref {
    double value;
    char *label; /* owned; "" when none */
} fs_ref;

/* Parses "50: Target; 80: Stretch" (a value, optionally ": label", the
 * lines apart by ';') into refs (at most FS_ANNOT_MAX_REFS). Returns the
 * count, or -1 with *why a new string saying what is wrong. A NULL or
 * blank s gives 0. Free the labels with fs_refs_clear(). */
int fs_refs_parse(const char *s, fs_ref *refs, char **why);
void fs_refs_clear(fs_ref *refs, int n);

/* Splits "a, b,c" into trimmed, non-empty names. Returns a new
 * NULL-terminated vector (free with g_strfreev), or NULL with *why set when
 * a name is empty. NULL or blank s gives an empty vector. */
char **fs_highlight_parse(const char *s, char **why);

#define FS_ANNOT_MAX_BANDS 8

/* One band: a range of a time axis (band = 2008-09..2009-06: Recession). */
typedef struct fs_band {
    int form;      /* the fs_time_form of both ends (timeaxis.h) */
    double t0, t1; /* day numbers, t0 <= t1; t1 the last day of its end (a
                    * month's band reaches to the end of that month) */
    char *label;   /* owned; "" when none */
} fs_band;

/* Parses "2008-09..2009-06: Recession; 2020..2021" (two ISO dates of one
 * form apart by "..", optionally ": label", the bands apart by ';') into
 * bands (at most FS_ANNOT_MAX_BANDS). Returns the count, or -1 with *why a
 * new string saying what is wrong. NULL or blank s gives 0. Free the
 * labels with fs_bands_clear(). */
int fs_bands_parse(const char *s, fs_band *bands, char **why);
void fs_bands_clear(fs_band *bands, int n);

/* Appends to s what the alt text says of the bands: " Shaded from
 * 2008-09 to 2009-06 (Recession)." for each. Unparsable keys add nothing. */
void fs_bands_alt(GString *s, const char *band);

/* A box, top left and size. */
typedef struct fs_abox {
    double x, y, w, h;
} fs_abox;

/* Whether r is taken (for what boxes cannot say: a line chart's lines). */
typedef bool (*fs_abox_blocked)(const fs_abox *r, void *data);

/* Where a label w x h goes beside a reference line: horizontal, the line
 * y = at from x = lo to hi; else x = at from y = lo to hi. The label stands
 * gap off the line, wholly inside bounds, at least gap from each of the n
 * boxes of avoid and not blocked (NULL: no test). Tried by measurement from
 * the line's end (the right end of a horizontal line, the top of a
 * vertical one) towards its start, in steps of a quarter of the label's
 * height, above (or right of) the line first at each step, then below (or
 * left). Sets *x, *y and returns true, or false when nowhere fits. */
bool fs_annot_place(bool horizontal, double at, double lo, double hi, double w, double h,
                    double gap, const fs_abox *bounds, const fs_abox *avoid, size_t n,
                    fs_abox_blocked blocked, void *data, double *x, double *y);

#define FS_ANNOT_MAX_CALLOUTS 4
/* The longest callout text, in characters: a callout is a short remark,
 * wrapped onto at most three lines. */
#define FS_CALLOUT_MAX_CHARS 60

/* One callout: a text pointing at the point of a label of the data (a
 * category of a bar chart, an x label of a line chart). */
typedef struct fs_callout {
    char *label; /* owned: the label as the data writes it */
    char *text;  /* owned: not empty, at most FS_CALLOUT_MAX_CHARS */
} fs_callout;

/* Parses "Spain: Record year; 2021-03: Lockdown" (a label, ':', a text; the
 * first ':' splits, so the text may hold one; the callouts apart by ';')
 * into cs (at most FS_ANNOT_MAX_CALLOUTS). Returns the count, or -1 with
 * *why a new string saying what is wrong (an empty label or text, no
 * colon, a text too long, too many). NULL or blank s gives 0. Free with
 * fs_callouts_clear(). */
int fs_callouts_parse(const char *s, fs_callout *cs, char **why);
void fs_callouts_clear(fs_callout *cs, int n);

/* Appends to s what the alt text says of the callouts: " Callout at
 * Spain: Record year." for each. Unparsable keys add nothing. */
void fs_callouts_alt(GString *s, const char *callout);

/* Whether the segment (x0, y0)-(x1, y1) crosses box r. */
bool fs_abox_segment_hits(const fs_abox *r, double x0, double y0, double x1, double y1);

/* Where a callout's text w x h goes for the point (px, py): wholly inside
 * bounds, at least gap from the point and from each of the n boxes of
 * avoid, not blocked (NULL: no test), its leader (from the box's nearest
 * edge to gap short of the point) crossing none of the ncross boxes of
 * cross, each grown by gap / 2. Tried by measurement at growing distances,
 * at each above the point, right of it, left of it, then below, shifted
 * along that side (centred first, then right or up). A right-to-left
 * chart is laid out left to right and mirrored (fs_page_mirror), so its
 * preference is mirrored too. Sets *x, *y (the box's top left) and leader
 * (x0, y0, x1, y1; x0 = x1 and y0 = y1 when the box is so near that no
 * leader is needed) and returns true, or false when nowhere fits. */
bool fs_callout_place(double px, double py, double w, double h, double gap,
                      const fs_abox *bounds, const fs_abox *avoid, size_t n, const fs_abox *cross,
                      size_t ncross, fs_abox_blocked blocked, void *data, double *x, double *y,
                      double leader[4]);

/* The error of an annotation whose text has no room: "WHAT "NAME": its
 * THING has no room WHERE that covers no DATA or text; shorten the THING
 * or use a larger --size" (a larger panel when in_panel), added to d as an
 * input error about file. */
void fs_annot_no_room(fs_diag *d, const char *file, const char *what, const char *name,
                      const char *thing, const char *where, const char *data, bool in_panel);

/* A chart's annotations, read for layout. */
typedef struct fs_annot {
    char **hl; /* highlighted names; NULL: no highlight */
    fs_ref refs[FS_ANNOT_MAX_REFS];
    int nrefs;
    fs_callout callouts[FS_ANNOT_MAX_CALLOUTS];
    int ncallouts;
} fs_annot;

/* Reads highlight and reference into a and checks the highlighted names
 * against the n names (what: "category" or "series"), an unknown one an
 * error naming it and the nearest name. Returns false after a diagnostic
 * about file. Free with fs_annot_clear() either way. */
bool fs_annot_read(fs_annot *a, const char *highlight, const char *reference,
                   const char *const *names, size_t n, const char *what, const char *file,
                   fs_diag *d);

/* Reads callout into a and checks each label against the n labels (what:
 * "category" or "label"), an unknown one an error naming it and the
 * nearest label. Returns false after a diagnostic about file. */
bool fs_annot_read_callouts(fs_annot *a, const char *callout, const char *const *labels,
                            size_t n, const char *what, const char *file, fs_diag *d);
void fs_annot_clear(fs_annot *a);

/* Appends to s what the alt text says of the annotations: " Highlighted:
 * A, B." and " Reference line at 50 (Target)." for each line, its value
 * written by fmt(value, data) (a new string), as the chart writes it.
 * Unparsable keys add nothing. */
void fs_annot_alt(GString *s, const char *highlight, const char *reference,
                  char *(*fmt)(double v, const void *data), const void *data);

/* Whether name is one of list's (NULL: none). */
bool fs_highlight_has(char *const *list, const char *name);

/* The first of list that is not one of the n names, or NULL. */
const char *fs_highlight_unknown(char *const *list, const char *const *names, size_t n);

#endif
