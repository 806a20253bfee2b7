/* layout: what the command line and the outputs used to include for the
 * layout floors, now split into model.h (data), doc.h (the document model),
 * text.h, axis.h, color.h, panels/panel.h, chart.h, sheet.h and slide.h.
 * Kept only until main.c and output.h include what they use. */
#ifndef FS_LAYOUT_H
#define FS_LAYOUT_H

#include "chart.h"

#endif
