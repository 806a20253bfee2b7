/* chart: one bar chart alone on a page, the `chart` command's output and a
 * bar panel's slide: its title and subtitle at the top, the source line and
 * note at the bottom, the bars (panels/bar.c) in between, the document's
 * metadata and alt text. Boxes only; nothing is drawn here. */
#ifndef FS_CHART_H
#define FS_CHART_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "model.h"
#include "panels/panel.h"

#include <stdbool.h>

/* Lays out one bar chart on a new page of doc. Text that no bundled font can
 * draw is an error naming the text and data->file. Returns false after a
 * diagnostic. */
bool fs_layout_chart(fs_doc *doc, fs_fonts *fonts, const fs_series_data *data,
                     const fs_chart_opts *o, fs_diag *d);

/* ---- the size floor ---------------------------------------------------------
 * Every text of every layout is at least this large, in the output's own
 * units: 12 px on a screen (a PNG or SVG at --scale 1: a chart, a slide),
 * 6 pt on a printed page (the sheet, a chart drawn as PDF). lint warns
 * under the same numbers (lint.h). Layouts keep to it by dropping ticks,
 * shortening labels, choosing another arrangement or refusing the size, never
 * by shrinking type under it. */
#define FS_MIN_TEXT_PX 12.0
#define FS_MIN_TEXT_PT 6.0

/* The floor of a printed page (print) or a screen. */
double fs_text_floor(bool print);

/* The smallest text of a chart drawn with o, in its units: the floor of its
 * medium (o->print), and on a standalone chart or a slide (o->base_size 0)
 * at least fs_slide_min_text(). Ticks, value and category labels, legends
 * and notes use fmax(size, fs_chart_min_text(o)). */
double fs_chart_min_text(const fs_chart_opts *o);

/* The body text size of a chart drawn with o: o->base_size when set, else
 * the theme's slide_body scaled with the canvas (26 px on 1920x1080), never
 * under fs_chart_min_text(o). */
double fs_chart_base_size(const fs_chart_opts *o);

/* "Source: …" in lang, unless source already starts with the word. Returns a
 * new string. */
char *fs_source_line(const char *source, const char *lang);

#endif
