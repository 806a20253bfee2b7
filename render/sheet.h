/* sheet: the fact sheet, pages of spec->page_w x page_h. Each panel is
 * framed (a rule, its title and subtitle, its body through the panel
 * registry, its note) and the panels flow into the page grid: rows of
 * column spans in the spec's order (spec->flow packed: a later panel may
 * fill a hole), a panel never split across pages but a table taller than a
 * page, which continues on the next pages with its header repeated, charts elastic in height
 * so that a page is filled before a new one starts, the type shrunk a
 * little (to the largest scale from 90%, measured) when that saves a page;
 * then every page gets the header (accent, title, subtitle, date) and the
 * footer (source line, note, page number). Each panel becomes a group of
 * its page's items with its alt text and an outline entry, in reading order
 * (row by row). Boxes only: nothing is drawn here. */
#ifndef FS_SHEET_H
#define FS_SHEET_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "model.h"
#include "spec.h"

#include <stdbool.h>
#include <stddef.h>

/* Lays out the fact sheet of spec's n prepared panels as new pages of doc,
 * and sets doc's metadata. Returns false after a diagnostic (a page too
 * small, a panel taller than a page, a text no font can draw). */
bool fs_layout_report(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *panels,
                      size_t n, fs_diag *d);

/* Sets doc's background, title, author, subject, keywords, language and
 * link from spec (the sheet's and every slide's). The strings are new
 * copies doc owns. */
void fs_report_metadata(fs_doc *doc, const fs_spec *spec);

#endif
