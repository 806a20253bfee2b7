/* page: report pages and slides. Takes the spec and each panel's prepared
 * data, lays every panel type out at a base size (stat, bar, pictogram,
 * timeline, text), flows the panels into the page grid (rows of spans,
 * a panel never split across pages), and adds the header and footer.
 * Like layout, it produces boxes only; it draws nothing. */
#ifndef FS_PAGE_H
#define FS_PAGE_H

#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "spec.h"
#include "table.h"

#include <stdbool.h>

typedef struct fs_event {
    int year, month, day; /* month/day 0 when not given */
    const char *text;     /* borrowed from the table */
    unsigned long line;
} fs_event;

/* A panel with its data read and checked. */
typedef struct fs_prepared {
    const fs_panel *panel; /* borrowed */
    fs_table *table;       /* owned, NULL when the panel has no data */
    fs_series_data series; /* bar, pictogram */
    double stat;           /* stat */
    GArray *events;        /* timeline: fs_event, in date order */
} fs_prepared;

/* Reads the panel's CSV (if any) and checks every column it uses. Returns
 * false after a diagnostic naming the CSV's file:line:col or the spec. */
bool fs_prepare_panel(const fs_spec *spec, const fs_panel *panel, fs_prepared *out,
                      fs_diag *d);
void fs_prepared_clear(fs_prepared *p);

/* Lays out the fact sheet: pages of spec->page_w x page_h. */
bool fs_layout_report(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec,
                      const fs_prepared *panels, size_t n, fs_diag *d);

/* Lays out one panel alone on a slide (spec->slide_w x slide_h) with its
 * title and the report's source line. */
bool fs_layout_slide(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *p,
                     fs_diag *d);

/* Pictogram arithmetic. values[n] >= 0 in units, per > 0 units per icon.
 * counts[i] gets the whole icons of category i; the largest-remainder method
 * makes the whole icons add up to floor(total / per). The fraction of a last,
 * partial icon goes to *partial (0 when none) and belongs to category
 * *partial_owner. Returns true when the icons show some category other than
 * exactly (rounding changed something). */
bool fs_pictogram_alloc(const double *values, size_t n, double per, long *counts,
                        double *partial, size_t *partial_owner);

/* Parses an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real date). */
bool fs_parse_iso_date(const char *s, int *year, int *month, int *day);

#endif
