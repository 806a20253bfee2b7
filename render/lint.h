/* lint: checks what would be drawn for legibility and accessibility, and
 * writes nothing. It lays a report out (the sheet and every slide) or a
 * chart exactly as render and chart would, then reads the boxes:
 *
 *  - contrast of every text against what is painted under it, by the WCAG
 *    2.x formula (relative luminance): at least 4.5:1, or 3:1 for large text
 *    (18 pt and up, or 14 pt and up when bold; on screens 1 px = 0.75 pt);
 *  - colours of the categories drawn together (the legend swatches of a
 *    chart or a pictogram) that are too close to tell apart, for normal
 *    vision and simulated protanopia, deuteranopia and tritanopia (Machado,
 *    Oliveira and Fernandes 2009, severity 1.0, on linear sRGB), compared as
 *    CIE 1976 ΔE*ab in CIELAB (D65): below 10 is a warning; two categories
 *    with different fill patterns are always told apart;
 *  - text smaller than 6 pt on a printed page, or 12 px on a slide or chart;
 *  - a report without a source line;
 *  - the layout invariants the generative checker holds layouts to
 *    (tests/gen/README.md): two texts overlapping by more than 0.5 pt both
 *    ways; a box past its page, or past its report panel's sides or top; a
 *    line that starts inside a word the line could hold; a text on a bar
 *    (only a value label wholly inside one bar may lie on it); a value label
 *    or a stat's number reading 0 where the data it stands for hold no 0.
 *
 * Warnings are lines "FILE[:LINE]: warning: …" naming the panel and the
 * element; a warning repeated for many elements of one panel is given once
 * with a count. This module prints nothing: main does. */
#ifndef FS_LINT_H
#define FS_LINT_H

#include "diag.h"
#include "fonts.h"
#include "chart.h"
#include "spec.h"
#include "theme.h"

#include <stdbool.h>
#include <stdint.h>

#define FS_LINT_CONTRAST_BODY 4.5
#define FS_LINT_CONTRAST_LARGE 3.0
/* the size floor every layout keeps to (chart.h) */
#define FS_LINT_MIN_PT FS_MIN_TEXT_PT
#define FS_LINT_MIN_PX FS_MIN_TEXT_PX
#define FS_LINT_MIN_DELTA_E 10.0

typedef enum { FS_CVD_PROTANOPIA, FS_CVD_DEUTERANOPIA, FS_CVD_TRITANOPIA } fs_cvd;
extern const char *const fs_cvd_names[]; /* "protanopia", "deuteranopia", "tritanopia" */

/* Linear sRGB (0..1) of colour c (0xRRGGBBAA) as seen with the deficiency
 * kind (Machado et al. 2009, severity 1.0), clamped to 0..1. */
void fs_cvd_simulate(uint32_t c, fs_cvd kind, double out[3]);
/* CIELAB (D65 white) of a linear sRGB colour. */
void fs_lab_from_linear(const double rgb[3], double lab[3]);
/* CIE 1976 ΔE*ab between a and b for normal vision (kind < 0) or as seen
 * with deficiency kind. */
double fs_delta_e(uint32_t a, uint32_t b, int kind);

typedef struct fs_lint fs_lint;

/* Returns a new, empty list of warnings; free with fs_lint_free(). */
fs_lint *fs_lint_new(void);
void fs_lint_free(fs_lint *L);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fs_lint, fs_lint_free)
size_t fs_lint_count(const fs_lint *L);
/* Borrowed: warning i, "FILE[:LINE]: warning: …", valid while L lives. */
const char *fs_lint_message(const fs_lint *L, size_t i);

/* Lays out spec's sheet and every slide and lints them (the spec's theme,
 * language and sizes). Returns false after diagnostics: the same errors as
 * check and render (a bad CSV, a panel that does not fit). */
bool fs_lint_report(fs_lint *L, const fs_spec *spec, fs_fonts *fonts, fs_diag *d);

/* Lays out one chart as `chart` would draw it (o: its options, among them
 * its size and o->print: a PDF's page is checked as print, in pt, else as a
 * screen, in px) and lints it; warnings name data->file. Returns false after
 * diagnostics. */
bool fs_lint_chart(fs_lint *L, const fs_series_data *data, const fs_chart_opts *o, fs_fonts *fonts,
                   fs_diag *d);

/* Lints one document laid out elsewhere, each page as print (pt) or as a
 * screen (px), in theme t (NULL: light); warnings name file. Value labels
 * are not read against data (none is given). */
void fs_lint_doc(fs_lint *L, const fs_doc *doc, const char *file, bool print, const fs_theme *t);

/* Lints a chart's document laid out elsewhere as fs_lint_chart() does: its
 * value labels stand for data, drawn with o (its mode, unit, theme and
 * medium); warnings name data->file. */
void fs_lint_chart_doc(fs_lint *L, const fs_doc *doc, const fs_series_data *data,
                       const fs_chart_opts *o);

/* Lints one document of spec laid out elsewhere as fs_lint_report() does:
 * the sheet (panel NULL) or panel's slide, whose items it marks as the
 * panel's. all: spec's prepared panels (model.h), what its value labels and
 * stat numbers stand for; NULL: none. */
void fs_lint_report_doc(fs_lint *L, const fs_spec *spec, const fs_prepared *all,
                        const fs_panel *panel, fs_doc *doc);

/* Lints a theme alone: its text colours on its background and on its
 * accent and series colours, and its series colours against each other.
 * Warnings name file. */
void fs_lint_theme(fs_lint *L, const fs_theme *t, const char *file);

#endif
