/* layout: tables + options + measured text -> documents of plain boxes.
 *
 * A document (fs_doc) is a list of pages; a page is a flat list of items
 * (text boxes holding their measured PangoLayout, rectangles, lines, icons)
 * in points, with the page's metadata. Everything a painter needs is decided
 * here: positions, wrapped lines, tick values, colours. No cairo drawing
 * happens in this module; paint draws what it finds. Tests check layouts as
 * numbers through fs_doc_dump(). */
#ifndef FS_LAYOUT_H
#define FS_LAYOUT_H

#include "axis.h"
#include "doc.h"
#include "model.h"
#include "text.h"
#include "color.h"
#include "diag.h"
#include "fonts.h"
#include "opts.h"
#include "table.h"
#include "theme.h"

#include <pango/pango.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct fs_chart_opts {
    const char *title, *subtitle, *source, *note, *unit, *alt;
    fs_orient orient;
    fs_sort sort;
    fs_mode mode;
    const fs_theme *theme; /* borrowed; NULL = the light defaults */
    bool transparent;
    fs_numfmt numfmt;
    double width, height; /* canvas in points (= px for PNG/SVG) */
    double base_size;     /* body text size in points; 0 = derived from the canvas */
    const char *lang;     /* language: line breaking, percent form, own words; NULL = en */
    bool rtl;             /* mirror the chart: bars grow leftwards from the right */
} fs_chart_opts;

/* Sets the defaults: horizontal, no sort, grouped, light, 1920x1080, "1,275". */
void fs_chart_opts_init(fs_chart_opts *o);


/* ---- chart layout ------------------------------------------------------- */

/* Lays out the bars, axis, legend and notes of one chart (no title or
 * source) inside the box (x, y, w, h) of page. Returns false after a
 * diagnostic. */
bool fs_layout_bars(fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                    const fs_chart_opts *o, double x, double y, double w, double h, fs_diag *d);


/* The smallest text of a slide or a standalone chart, in px: 24 on
 * 1920x1080 (legible from the back of a room, DESIGN.md), scaled with the
 * slide. Footers, notes and ticks never go below it. */
double fs_slide_min_text(double width, double height);

/* Lays out one bar chart on a new page of doc. Text that no bundled font can
 * draw is an error naming the text and data->file. Returns false after a
 * diagnostic. */
bool fs_layout_chart(fs_doc *doc, fs_fonts *fonts, const fs_series_data *data,
                     const fs_chart_opts *o, fs_diag *d);

/* "Source: …" in lang, unless source already starts with the word. Returns a
 * new string. */
char *fs_source_line(const char *source, const char *lang);

/* Writes the alt-text sentence for a chart ("Title: a 613, b 106."). Returns
 * a new string. */
char *fs_chart_alt_text(const fs_series_data *data, const fs_chart_opts *o);

#endif
