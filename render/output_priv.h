/* output_priv: what the files of the output module share, below them all.
 * For render/output_*.c and render/outset.c (and their unit tests) only:
 * the rest of the program uses output.h.
 *
 * The module, one floor per line, each using only those below it:
 *   outset.c       the atomic set: staging, backups, commit and roll-back,
 *                  the deferred folder sync, what a path's symbolic link
 *                  or device decides; calls one writer per file
 *   output_pdf.c   the PDF writer and the patching cairo 1.16 needs
 *   output_svg.c   the SVG writer and its canonical ids
 *   output_png.c   the PNG writer (painting; pngwrite.c encodes)
 *   output_common.c  this header's shared parts, and the format names */
#ifndef FS_OUTPUT_PRIV_H
#define FS_OUTPUT_PRIV_H

#include "diag.h"
#include "layout.h"
#include "output.h"

#include <cairo.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* ---- shared by the writers (output_common.c) ---------------------------- */

/* A checked output stream: cairo's write callback over a FILE. */
typedef struct fs_sink {
    FILE *fp;
    int err; /* first errno seen, 0 if none */
} fs_sink;

/* A cairo_write_func_t: writes len bytes to the fs_sink closure. After the
 * first failure it writes nothing more and keeps failing. */
cairo_status_t fs_sink_write(void *closure, const unsigned char *data, unsigned int len);

/* --timings: the sums fs_output_times_get() returns, added to by the
 * writers (paint, encode) and outset.c (write). */
extern fs_output_times fs_output_clock;

/* SOURCE_DATE_EPOCH as cairo's "YYYY-MM-DDThh:mm:ss", or NULL. Returns a
 * new string. */
char *fs_output_source_date(void);

/* Whether cr is still fine; false after a diagnostic naming path. */
bool fs_output_paint_status(cairo_t *cr, const char *path, fs_diag *d);

/* ---- the writers ---------------------------------------------------------- */

/* Each draws doc into out as one format, checking every status; path names
 * the file in messages. PNG and SVG take the first page only. A write error
 * is left in out->err (the caller reports it); anything else returns false
 * after a diagnostic. */
bool fs_output_pdf(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d);
bool fs_output_svg(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d);
/* The SVG writer; text: each text line as <text> (--svg-text), else as
 * outlines (fs_output_svg). */
bool fs_output_svg_with(const fs_doc *doc, fs_sink *out, const char *path, bool text,
                        fs_diag *d);
bool fs_output_png(const fs_doc *doc, fs_sink *out, const char *path, double scale, fs_diag *d);

/* ---- what the writers patch (public here for the unit tests) ------------- */

/* Adds to the PDF cairo 1.16 wrote what it cannot write itself: the
 * catalog's /Lang (lang, when an ASCII tag; may be NULL) and
 * /ViewerPreferences, each page's /Tabs /S, each link's /Contents, each
 * Figure's /Alt (figures[i], in the order the Figures were tagged), and
 * the first page label range; then moves the cross-reference offsets and
 * startxref to match. A part whose shape is not cairo's is left out. */
void fs_pdf_patch(GString *pdf, const char *lang, GPtrArray *figures);

/* Renumbers cairo's process-global SVG ids ("surface17", "image23") 1, 2,
 * … in order of first appearance, so the same drawing gives the same bytes
 * whatever the process drew before. */
void fs_svg_canonical_ids(GString *svg);

#endif
