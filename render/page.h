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
#include "model.h"
#include "spec.h"
#include "table.h"

#include <stdbool.h>

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

#endif
