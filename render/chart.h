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

/* "Source: …" in lang, unless source already starts with the word. Returns a
 * new string. */
char *fs_source_line(const char *source, const char *lang);

#endif
