/* paint: draws one laid-out page into any cairo_t. The only module that
 * draws. It decides nothing: every position, colour and string comes from
 * the page. */
#ifndef FS_PAINT_H
#define FS_PAINT_H

#include "doc.h"

#include <cairo.h>

/* Draws page onto cr (user units = points), background first unless its
 * alpha is 0. The caller checks cairo_status(cr). */
void fs_paint_page(cairo_t *cr, const fs_page *page, uint32_t background);

/* Draws a text item in place of paint (fs_paint_page_text_apart). */
typedef void (*fs_paint_text_fn)(cairo_t *cr, const fs_item *it, void *data);

/* Draws page as fs_paint_page() does, except that every text item is
 * handed to text(cr, item, data) in its place in the drawing order, for an
 * SVG writer that writes text as text (output_svg.c). */
void fs_paint_page_text_apart(cairo_t *cr, const fs_page *page, uint32_t background,
                              fs_paint_text_fn text, void *data);

/* Whether run is set in a colour font (Noto Color Emoji's bitmaps). */
bool fs_paint_run_is_color(const PangoGlyphItem *run);

/* Draws only the runs of text item it that are set in a colour font, where
 * fs_paint_page() draws them. */
void fs_paint_text_color_runs(cairo_t *cr, const fs_item *it);

/* What fs_paint_page_tagged() needs beyond the page, and what it reports. */
typedef struct fs_tagging {
    const char *link;   /* URL for the source line; NULL: the first http(s)
                         * URL written in it, if any */
    const char *alt;    /* alt text of the Figure on a page without groups */
    bool first_page;    /* opens the Document; the running header is tagged
                         * on the first page only */
    bool last_page;     /* closes the Document */
    GPtrArray *figures; /* out: the alt text (borrowed) of every Figure
                         * tagged, in order; NULL for none */
} fs_tagging;

/* Draws page as fs_paint_page() does (the same pixels), with PDF structure
 * tags (cairo_tag_begin/end) around what it draws, in reading order: the
 * title as H1, each group (a report panel) as a Sect with its title as H2,
 * text as P, the parts of a chart, pictogram or timeline together as one
 * Figure, the source line as a P holding a Link. Rules, the page number and
 * the repeated header of later pages stay untagged. One Document holds the
 * pages from first_page to last_page. */
void fs_paint_page_tagged(cairo_t *cr, const fs_page *page, uint32_t background, fs_tagging *t);

#endif
