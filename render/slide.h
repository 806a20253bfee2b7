/* slide: one panel alone on a slide of spec->slide_w x slide_h (PNG, SVG),
 * read from across a room: its title (the report's when it has none), its
 * subtitle, the report's source line and note at the bottom, the panel's
 * note above them, and the body between at the largest of a few sizes that
 * fits with every text of it smaller than the title (a stat's number aside),
 * none under the screen floor (chart.h). A chart panel's slide is its standalone chart page (chart.h). Boxes
 * only: nothing is drawn here. */
#ifndef FS_SLIDE_H
#define FS_SLIDE_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "model.h"
#include "spec.h"

#include <stdbool.h>

/* Lays out panel p alone on a new page of doc and sets doc's metadata and
 * alt text. Returns false after a diagnostic (among them: the panel does
 * not fit on the slide). */
bool fs_layout_slide(fs_doc *doc, fs_fonts *fonts, const fs_spec *spec, const fs_prepared *p,
                     fs_diag *d);

#endif
