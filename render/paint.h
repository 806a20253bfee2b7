/* paint: draws one laid-out page into any cairo_t. The only module that
 * draws. It decides nothing: every position, colour and string comes from
 * the page. */
#ifndef FS_PAINT_H
#define FS_PAINT_H

#include "layout.h"

#include <cairo.h>

/* Draws page onto cr (user units = points), background first unless its
 * alpha is 0. The caller checks cairo_status(cr). */
void fs_paint_page(cairo_t *cr, const fs_page *page, uint32_t background);

#endif
