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

/* The data of one bar chart, taken from a table. */
typedef struct fs_series_data {
    size_t nrows, nseries;
    const char **labels;       /* nrows, borrowed from the table */
    const char **series_names; /* nseries */
    double *values;            /* nrows * nseries, row-major, owned */
    const char *file;          /* for messages */
    unsigned long *lines;      /* nrows: the CSV line of each row, owned */
} fs_series_data;

/* Extracts label and value columns (value_cols: NULL-terminated) from t.
 * Returns false after a diagnostic. Free with fs_series_data_clear(). */
bool fs_series_data_from_table(const fs_table *t, const char *label_col,
                               const char *const *value_cols, fs_series_data *out, fs_diag *d);
void fs_series_data_clear(fs_series_data *s);

/* ---- the document model ------------------------------------------------- */

typedef enum {
    FS_ITEM_TEXT,
    FS_ITEM_RECT,
    FS_ITEM_LINE,
    FS_ITEM_ICON,
} fs_item_kind;

/* What an item is on the page. Layout sets it; --dump-layout prints its
 * name and the PDF tags follow from its row in one table (fs_role_info). */
typedef enum {
    FS_ROLE_TITLE,          /* the page's or the chart's title */
    FS_ROLE_SUBTITLE,
    FS_ROLE_DATE,           /* the sheet header's date, a timeline's date */
    FS_ROLE_ACCENT,         /* the sheet header's accent bar */
    FS_ROLE_RULE,           /* the rule above a panel */
    FS_ROLE_FOOTER_RULE,
    FS_ROLE_PAGE_NUMBER,
    FS_ROLE_SOURCE,         /* the source line (with the report's note) */
    FS_ROLE_NOTE,
    FS_ROLE_PANEL_TITLE,
    FS_ROLE_PANEL_SUBTITLE,
    FS_ROLE_PANEL_NOTE,
    FS_ROLE_STAT,           /* a stat panel's number */
    FS_ROLE_CAPTION,
    FS_ROLE_COMPARE,
    FS_ROLE_TEXT,           /* a text panel's paragraph */
    FS_ROLE_ITEM,           /* an item of a text panel's list */
    FS_ROLE_ICON,           /* pictogram icons, bullets, timeline dots */
    FS_ROLE_BAR,
    FS_ROLE_LABEL_BG,       /* a plain patch under a label in a patterned bar */
    FS_ROLE_VALUE,          /* a value label */
    FS_ROLE_LABEL,          /* a category label */
    FS_ROLE_TICK,
    FS_ROLE_GRID,
    FS_ROLE_AXIS,
    FS_ROLE_LEGEND,
    FS_ROLE_SWATCH,
    FS_ROLE_KEY,            /* a pictogram's "1 icon = …" */
    FS_ROLE_TIMELINE,       /* a timeline's line */
    FS_ROLE_EVENT,
    FS_ROLE_COUNT
} fs_role;

/* How a role is tagged in a PDF (paint.c reads this; it decides nothing):
 * a page's items either belong to a group (a report panel, a Sect) or
 * stand on a page alone (a chart, a slide's header and footer). */
typedef enum {
    FS_TAG_PART,     /* part of what holds it: in a chart's or figure panel's
                      * group the Figure; in another group a P if it is
                      * text; alone, part of the page's Figure */
    FS_TAG_ARTIFACT, /* never tagged: rules, the accent bar, page numbers */
    FS_TAG_HEADER,   /* the running header: H1 (heading) or P, on the first
                      * page only */
    FS_TAG_FRAME,    /* a panel's own title (H2), subtitle and note (P) */
    FS_TAG_PROSE,    /* P when alone; in a group, a part of it */
} fs_tag_class;

typedef struct fs_role_info {
    const char *name;   /* in --dump-layout and lint's messages */
    fs_tag_class tag;
    bool heading;       /* HEADER and FRAME: the heading (H1, H2) */
    bool bare;          /* alone on a page: untagged (an icon) */
    bool footer;        /* read last on its page, with the footer */
    bool footer_alone;  /* the same, on a page without groups */
    bool list_item;     /* in a group: an LI whose LBody it is */
    bool link;          /* a Link to the report's URL (the source line) */
} fs_role_info;

/* Borrowed: the row of role r (r < FS_ROLE_COUNT). */
const fs_role_info *fs_role_info_of(fs_role r);
/* The role's name ("title", "bar", "value", "tick", "grid", …). */
const char *fs_role_name(fs_role r);

typedef struct fs_item {
    fs_item_kind kind;
    fs_role role;
    double x, y, w, h; /* box; TEXT: the logical extents; LINE: (x,y) to (x+w,y+h) */
    double ox, oy;     /* TEXT: where the layout's origin is drawn */
    double wrap;       /* TEXT: the width the layout wraps at, 0 = none */
    double line_width; /* LINE */
    uint32_t color;    /* 0xRRGGBBAA */
    PangoLayout *layout; /* TEXT: owned reference */
    char *text;          /* TEXT: the string drawn (owned) */
    fs_icon icon;        /* ICON */
    double fraction;     /* ICON: 0..1 of the icon drawn (from the start side) */
    bool from_right;     /* ICON: the start side is the right (a mirrored page) */
    fs_pattern pattern;  /* RECT, ICON: drawn over the fill in pattern_ink; 0 = solid */
    uint32_t pattern_ink;
    double pattern_size; /* RECT, ICON: spacing of the pattern's lines or dots */
    const char *owner;   /* the panel ID the item belongs to (borrowed), NULL = the page */
} fs_item;

typedef struct fs_outline {
    char *title;
    size_t page;
    double y;
} fs_outline;

/* A run of a page's items that belongs to one report panel: the PDF tags
 * it as one section (see paint.h). */
typedef struct fs_group {
    guint first, count; /* items[first] .. items[first + count - 1] */
    bool figure;        /* a chart, pictogram or timeline: tagged as a Figure */
    char *alt;          /* owned: the Figure's alternate text */
} fs_group;

typedef struct fs_page {
    double width, height;
    bool rtl;      /* laid out right to left: text alignments are swapped as
                    * they are made, fs_page_mirror() flips the geometry */
    GArray *items; /* fs_item */
    GArray *groups; /* fs_group, in item order; NULL when the page has none */
} fs_page;

typedef struct fs_doc {
    GPtrArray *pages; /* fs_page *, owned */
    uint32_t background; /* 0 alpha = transparent */
    char *title, *author, *subject, *keywords, *desc, *lang;
    char *link;      /* URL the PDF's source line links to, or NULL */
    GArray *outline; /* fs_outline */
} fs_doc;

/* Returns a new empty document; free with fs_doc_free(). */
fs_doc *fs_doc_new(void);
void fs_doc_free(fs_doc *doc);
/* Returns a borrowed new page appended to doc. */
fs_page *fs_doc_add_page(fs_doc *doc, double width, double height);

/* Mirrors every item of page left to right (x -> width - x): what a
 * right-to-left page needs after it was laid out left to right with
 * page->rtl set. */
void fs_page_mirror(fs_page *page);

/* Prints every item, one per line, in points (the --dump-layout format). */
void fs_doc_dump(const fs_doc *doc, FILE *fp);

/* ---- text ---------------------------------------------------- */

typedef struct fs_text_style {
    double size;          /* points */
    int weight;           /* PangoWeight: 400 regular, 600 semibold, 700 bold */
    uint32_t color;
    bool tabular;         /* tabular figures (Inter's tnum) */
    PangoAlignment align; /* within width */
    int max_lines;        /* 0: no limit; else ellipsize after this many lines */
    double line_height;   /* factor of the size; 0 = Pango's default */
} fs_text_style;

/* Measures text (plain text, never markup) wrapped to width (<= 0: one line,
 * not wrapped) and adds it with its origin at (x, y). Returns the item's
 * index in page->items, or -1 after a diagnostic when a character of text has
 * no glyph in any bundled font (file names where the text came from). */
int fs_layout_text(fs_page *page, fs_fonts *fonts, fs_role role, const char *text,
                   const fs_text_style *st, double x, double y, double width, const char *lang,
                   const char *file, fs_diag *d);

/* Same, naming file:line in the missing-glyph error. */
int fs_layout_text_at(fs_page *page, fs_fonts *fonts, fs_role role, const char *text,
                      const fs_text_style *st, double x, double y, double width,
                      const char *lang, const char *file, unsigned long line, fs_diag *d);

/* Measures text as fs_layout_text would, without adding it. */
void fs_measure_text(fs_fonts *fonts, const char *text, const fs_text_style *st, double width,
                     const char *lang, double *w, double *h);

void fs_page_add_rect(fs_page *page, fs_role role, double x, double y, double w, double h,
                      uint32_t color);
void fs_page_add_line(fs_page *page, fs_role role, double x1, double y1, double x2,
                      double y2, double width, uint32_t color);
void fs_page_add_icon(fs_page *page, fs_icon icon, double x, double y, double w, double h,
                      double fraction, uint32_t color);
/* Gives the last item of page (a RECT or ICON) a fill pattern drawn in ink
 * with lines or dots size apart. */
void fs_page_set_pattern(fs_page *page, fs_pattern pattern, uint32_t ink, double size);
/* Borrowed: item i of page, valid until the next item is added. */
fs_item *fs_page_item(fs_page *page, int i);

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
