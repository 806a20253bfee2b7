/* panels: the body of each type of panel, behind one interface. A panel
 * type is one row of a registry (fs_panel_kind_of()): how it is tagged in a
 * PDF, how large it may grow on a slide, the function that lays its body out
 * on a scratch page and the one that writes its alternate text. The sheet
 * and the slides call only through these rows; no code above this floor
 * switches over panel types. Each type is one module: bar.c (the bar chart,
 * also drawn alone by chart.c), stat.c, pictogram.c, timeline.c, text.c,
 * table.c.
 *
 * A body reads a prepared panel (model.h), never a file; it lays out boxes
 * (doc.h, text.h) and draws nothing. The frame around a body (rule, title,
 * subtitle, note, header, footer) is the sheet's or the slide's.
 *
 * To add a panel type: its enum value and keys in spec.[ch], its data in
 * model.c (fs_prepare_panel), a module here with its body and alt functions
 * and one const fs_panel_kind row, that row in panel.c's registry, and a
 * render test and golden layout dump (tests/render, tests/layout). */
#ifndef FS_PANEL_H
#define FS_PANEL_H

#include "annot.h"
#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "model.h"
#include "numchoice.h"
#include "opts.h"
#include "spec.h"
#include "text.h"
#include "theme.h"

#include <glib.h>
#include <stdbool.h>

/* ---- the options of a bar chart ------------------------------------------ */

/* How a bar chart is laid out: as a standalone chart (chart.h), a slide of
 * a bar panel or a bar panel's body. */
typedef struct fs_chart_opts {
    const char *title, *subtitle, *source, *note, *unit, *alt;
    fs_orient orient;
    fs_sort sort;
    fs_mode mode;
    const fs_theme *theme; /* borrowed; NULL = the light defaults */
    /* borrowed; NULL: none. A report's logo at the title's end, as on every
     * panel's slide (slide.c), the theme's logo_height high */
    const struct fs_image *logo;
    bool transparent;
    fs_numfmt numfmt;
    double width, height; /* canvas in points (= px for PNG/SVG) */
    double base_size;     /* body text size in points; 0 = derived from the canvas */
    const char *lang;     /* language: line breaking, percent form, own words; NULL = en */
    bool rtl;             /* mirror the chart: bars grow leftwards from the right */
    bool print;           /* drawn as PDF (sizes in pt, text floor 6 pt), else on a
                           * screen (px, floor 12 px): see fs_chart_min_text() */
    /* how the numbers are written (numchoice.h) */
    int decimals;       /* of the value labels and the alt text; -1 = from the data */
    fs_compact compact; /* thousands, millions … ("648 bn"): auto, on, off */
    /* the value axis spans at least [axis_min, axis_max] (NAN: from the
     * data), with nice ticks inside; it always holds zero and every bar:
     * axis_min > 0, axis_max < 0 or a bar beyond either is an error */
    double axis_min, axis_max;
    /* bars (default), lines or areas (panels/line.c: there the axis need
     * not hold zero for lines, and mode is grouped, or stacked for areas) */
    fs_chart_type type;
    fs_marks markers; /* lines: markers on no point (default), the last or all */
    fs_marks labels;  /* lines: value labels on no point, the last (default) or all */
    /* annotations (annot.h), borrowed, NULL: none. highlight: categories
     * of bars (their series colours, or the accent for one series) or
     * series of lines (the accent) drawn in colour, the rest in the
     * theme's muted grey; a name not in the data is an error. reference:
     * lines across the plot at those values, inside the axis range */
    const char *highlight, *reference;
    /* band (lines and areas on a time axis): shaded ranges of dates under
     * the data, clipped to the plot; one wholly outside is an error */
    const char *band;
    /* callout: short texts beside the points of labels of the data (a
     * category's bar, a line's point), each with a leader to it */
    const char *callout;
} fs_chart_opts;

/* Sets the defaults: horizontal, no sort, grouped, light, 1920x1080 px
 * (a screen), "1,275", decimals from the data, compact auto, the axis
 * from the data. */
void fs_chart_opts_init(fs_chart_opts *o);

/* The smallest text of a slide or a standalone chart, in px: 24 on
 * 1920x1080 (legible from the back of a room, DESIGN.md), scaled with the
 * slide. Footers, notes and ticks never go below it. */
double fs_slide_min_text(double width, double height);

/* ---- the interface -------------------------------------------------------- */

/* What a body is laid out with. */
typedef struct fs_panel_ctx {
    fs_fonts *fonts;
    const fs_spec *spec;
    const fs_theme *pal; /* the spec's theme, never NULL */
    double b;            /* the base size (body text), in points */
    fs_diag *d;
    bool print;     /* on the printed sheet, else on a slide */
    double min;     /* the smallest text a body may use, in points (the
                     * floor of its medium, chart.h fs_text_floor()) */
    double measure; /* running text's longest line, in characters of its
                     * own average width; 0 = the width given */
} fs_panel_ctx;

typedef struct fs_panel_kind {
    fs_panel_type type;
    const char *name; /* the type as a spec writes it */
    bool figure;      /* tagged as a Figure (with alt text) in a PDF, else its
                       * texts are paragraphs */
    bool prose;       /* running text: on a slide it grows to 1.6x at most,
                       * keeping a reading size */
    double measure;   /* on a slide, the longest line of its running text,
                       * in characters (a line length for reading), given to
                       * the body as c->measure; 0 = the full width */
    bool split_rows;  /* a body of rows (a table) that the sheet may split
                       * across pages: it lays out parts, copies of p whose
                       * view.first/view.count choose the rows (table.c) */
    /* Lays the body of p out on pg from (0, y), w wide; h: the height to
     * fill, 0 = its natural height. Returns the bottom, or -1 after a
     * diagnostic. */
    double (*body)(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y, double w,
                   double h);
    /* The alternate text written from p's data: "Title. … Source: …."
     * Returns a new string. */
    char *(*alt)(const fs_spec *spec, const fs_prepared *p);
    /* Set for a chart: its slide is the standalone chart page (chart.h) of
     * p->series, with the options this fills from the spec and the panel. */
    void (*chart)(const fs_spec *spec, const fs_panel *pn, double b, fs_chart_opts *o);
    /* Set for a body that is elastic in height (a chart): the heights its
     * body may be given at width w, *least <= natural <= *most, all legible
     * (body() with h in that range); returns the natural height, which
     * body() takes with h 0. NULL: the body has one height. */
    double (*heights)(const fs_panel_ctx *c, const fs_prepared *p, double w, double *least,
                      double *most);
} fs_panel_kind;

/* Borrowed, static: the row of type t. */
const fs_panel_kind *fs_panel_kind_of(fs_panel_type t);

/* The alternate text of a panel: the spec's (alt = …), else the one its
 * type writes from its data; cut at FS_ALT_MAX characters (textsafe.h).
 * Returns a new string. */
char *fs_panel_alt(const fs_spec *spec, const fs_prepared *p);

/* For bodies and frames: adds text in the spec's language at (x, y),
 * wrapped to w (0: one line), naming file in a missing-glyph error. Returns
 * the text's height, or -1 after a diagnostic. */
double fs_panel_text(const fs_panel_ctx *c, fs_page *pg, fs_role role, const char *s,
                     const fs_text_style *st, double x, double y, double w, const char *file);

/* For alt functions: a new string holding "Title. " (or nothing) … */
GString *fs_panel_alt_begin(const fs_panel *pn);
/* … and its end: " Source: …." when the spec has one, the whole cut at
 * FS_ALT_MAX characters. Returns a new string; s is consumed. */
char *fs_panel_alt_end(GString *s, const fs_spec *spec);

/* For a chart's kind->chart: fs_chart_opts_init() and the options every
 * chart panel takes from the spec and from pn (theme, numbers, unit, axis,
 * annotations) at base size b; the kind then sets its own (orient, type,
 * markers …). */
void fs_panel_chart_opts(const fs_spec *spec, const fs_panel *pn, double b, fs_chart_opts *o);

/* A chart's body (kind->body): its kind's options (kind->chart), for print
 * or a slide as c says, laid out by layout (fs_layout_bars,
 * fs_layout_lines) h tall, 0: its natural height (kind->heights). */
typedef bool (*fs_chart_layout_fn)(fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                                   const fs_chart_opts *o, double x, double y, double w, double h,
                                   fs_diag *d);
/* A callout's place, worked out by fs_panel_callout. */
typedef struct fs_callout_spot {
    double px, py;  /* the point it is of */
    double gap;     /* between it and the rest */
    double prefer;  /* one line up to this width, else wrapped onto two or three */
    fs_abox bounds; /* the plot: the box and its leader stay inside */
    const fs_abox *avoid, *cross; /* what the box keeps gap from; what the
                                   * leader may not cross (annot.h) */
    size_t navoid, ncross;
    fs_abox_blocked blocked; /* NULL: nothing else is taken */
    void *data;
} fs_callout_spot;

/* Places the callout text (style st, language lang) on page for spot: one
 * line, or wrapped between words (never inside one) onto two or three,
 * the first shape that fs_callout_place finds room for; the text and its
 * leader (lw wide, in ink) get the role FS_ROLE_CALLOUT. Sets *box to the
 * text's box, *leader to its ends. Returns 1 when placed, 0 when no shape
 * has room, -1 after a diagnostic (a glyph no font has, file). */
int fs_panel_callout(fs_page *page, fs_fonts *fonts, const char *text, const fs_text_style *st,
                     const char *lang, const fs_callout_spot *spot, double lw, uint32_t ink,
                     const char *file, fs_diag *d, fs_abox *box, double leader[4]);

double fs_panel_chart_body(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                           double w, double h, fs_chart_layout_fn layout);

/* A chart's alt text (kind->alt): alt (fs_chart_alt_text,
 * fs_line_alt_text) of p's series with its kind's options, the panel's
 * title and the spec's source. Returns a new string. */
char *fs_panel_chart_alt(const fs_spec *spec, const fs_prepared *p,
                         char *(*alt)(const fs_series_data *data, const fs_chart_opts *o));

/* The rows, one per module. */
extern const fs_panel_kind fs_kind_bar, fs_kind_stat, fs_kind_pictogram, fs_kind_timeline,
    fs_kind_text, fs_kind_table;
extern const fs_panel_kind fs_kind_image, fs_kind_donut, fs_kind_line, fs_kind_area;

/* ---- what the modules also offer ----------------------------------------- */

/* bar.c: lays out the bars, axis, legend and notes of one chart (no title
 * or source) inside the box (x, y, w, h) of page. Returns false after a
 * diagnostic. */
bool fs_layout_bars(fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                    const fs_chart_opts *o, double x, double y, double w, double h, fs_diag *d);

/* bar.c: the alt-text sentence for a chart ("Title. Bar chart: a 613, b
 * 106."). Returns a new string. */
char *fs_chart_alt_text(const fs_series_data *data, const fs_chart_opts *o);

/* line.c: lays out the lines (or areas, o->type), axes and names of one
 * chart inside the box (x, y, w, h) of page, as fs_layout_bars does bars.
 * Returns false after a diagnostic. */
bool fs_layout_lines(fs_page *page, fs_fonts *fonts, const fs_series_data *data,
                     const fs_chart_opts *o, double x, double y, double w, double h, fs_diag *d);

/* line.c: the alt text of a line or area chart ("Title. Line chart,
 * 2021-01 to 2023-12: A from 3 to 9 (highest 12 in 2022-05)."). Returns a
 * new string. */
char *fs_line_alt_text(const fs_series_data *data, const fs_chart_opts *o);

/* pictogram.c: the icon arithmetic, one rule for every category: value v
 * (>= 0 units) at per (> 0) units an icon is floor(v / per) whole icons
 * (*whole) and, when something is left, one part icon drawn as exactly that
 * fraction of an icon (*part, 0 <= *part < 1). The icons of a category
 * measure its value exactly; nothing is rounded. Returns true when there is
 * a part icon. */
bool fs_pictogram_icons(double v, double per, long *whole, double *part);

/* timeline.c: where the n events (times t[], ascending) of a timeline w
 * wide stand: x[i] is the left of event i's column, which reaches the next
 * one (the last reaches w). need[i] is the narrowest column event i can
 * take. even, or dates that are all equal: n equal columns; else the gaps
 * follow the dates, each at least need[i], with the last column need[n-1]
 * wide. Returns false when that cannot give every event its need (x[] is
 * then even). */
bool fs_timeline_positions(const double *t, const double *need, size_t n, double w, bool even,
                           double *x);

#endif
