/* doc: the document model, what layout makes and paint draws. A document
 * (fs_doc) is a list of pages; a page is a flat list of items (text boxes
 * holding their measured PangoLayout, rectangles, lines, icons) in points,
 * with the page's groups (report panels) and the document's metadata and
 * outline. Each item has a role, whose row in one table names it for
 * --dump-layout and says how a PDF tags it. This module builds, moves,
 * mirrors and prints items; it measures no text (text.h does) and draws
 * nothing. */
#ifndef FS_DOC_H
#define FS_DOC_H

#include "opts.h"
#include "theme.h"

#include <pango/pango.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    FS_ITEM_TEXT,
    FS_ITEM_RECT,
    FS_ITEM_LINE,
    FS_ITEM_ICON,
    FS_ITEM_IMAGE, /* a logo or an image panel's picture (image.h) */
    FS_ITEM_SLICE, /* a ring sector: a part of a donut */
    FS_ITEM_PATH, /* a polyline (stroked) or a polygon (filled): a line or an area */
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
    FS_ROLE_LOGO,           /* the report's logo in the sheet's or a slide's header */
    FS_ROLE_IMAGE,          /* an image panel's picture */
    FS_ROLE_SLICE,          /* a donut's part */
    FS_ROLE_SERIES,         /* a line chart's line or area (a PATH), or its marker */
    FS_ROLE_TABLE_HEAD,     /* a table's header cell (TH) */
    FS_ROLE_TABLE_CELL,     /* a table's data cell (TD) */
    FS_ROLE_TABLE_ZEBRA,    /* the band behind every other row */
    FS_ROLE_TABLE_BAR,      /* a bar in a table's cell */
    FS_ROLE_TABLE_RULE,     /* the rule under a table's header */
    FS_ROLE_REFERENCE,      /* a reference line (a PATH) and its label (annot.h) */
    FS_ROLE_CALLOUT,        /* a callout's text and its leader (a LINE; annot.h) */
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
    bool table;         /* in a group: part of a Table; a text is a cell, TH
                         * when heading, else TD */
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
    bool word_wider;     /* TEXT: its layout breaks inside words only where the word
                          * alone is wider than wrap (text.c; for --dump-layout) */
    bool words_cut;      /* TEXT: a word wider than wrap was cut with "…" (text.c) */
    double angle;        /* TEXT: drawn turned this many degrees counterclockwise
                          * about its origin (ox, oy); x, y, w, h are then the
                          * turned text's axis-aligned bounding box. Layout sets
                          * it (fs_page_rotate_item); paint only applies it */
    const struct fs_image *image; /* IMAGE: drawn into the box; borrowed from the spec,
                                   * which outlives the document */
    double a0, a1; /* SLICE: from a0 to a1 degrees clockwise from 12 o'clock, of
                    * the ring whose outer circle is the box (a square) */
    double inner;  /* SLICE: the ring's inner radius, a fraction of its outer one */
    uint32_t edge_color; /* SLICE: its edges, drawn line_width wide */
    double *pts;         /* PATH: npts points (x, y), relative to (x, y), owned */
    guint npts;
    bool closed;         /* PATH: filled as a polygon in color, else stroked
                          * line_width wide, round joins */
    double dash;         /* PATH stroked: dashes this long (0: solid) */
} fs_item;

/* A bookmark of the PDF's outline: a panel's title, where it starts. */
typedef struct fs_outline {
    char *title; /* owned */
    size_t page; /* 0-based */
    double y;
} fs_outline;

/* A run of a page's items that belongs to one report panel: the PDF tags
 * it as one section (see paint.h). */
typedef struct fs_group {
    guint first, count; /* items[first] .. items[first + count - 1] */
    bool figure;        /* a chart, pictogram or timeline: tagged as a Figure */
    char *alt;          /* owned: the Figure's alternate text */
} fs_group;

/* Where fs_page_take_items() put a panel's items: its scratch page's width
 * and the height its items reach, and which items they are. Recorded for
 * --dump-layout ("every box inside its panel"); layout reads none of it. */
typedef struct fs_panel_box {
    const char *owner;  /* the panel ID (borrowed, as fs_item.owner) */
    guint first, count; /* items[first] .. items[first + count - 1] */
    double x, y, w, h;
} fs_panel_box;

typedef struct fs_page {
    double width, height;
    bool rtl;      /* laid out right to left: text alignments are swapped as
                    * they are made, fs_page_mirror() flips the geometry */
    GArray *items; /* fs_item */
    GArray *groups; /* fs_group, in item order; NULL when the page has none */
    GArray *panels; /* fs_panel_box, in item order; NULL when none was taken in */
} fs_page;

typedef struct fs_doc {
    GPtrArray *pages; /* fs_page *, owned */
    uint32_t background; /* 0 alpha = transparent */
    char *title, *author, *subject, *keywords, *desc, *lang;
    char *link;      /* URL the PDF's source line links to, or NULL */
    GArray *outline; /* fs_outline */
} fs_doc;

/* Returns a new empty document (white background); free with fs_doc_free(). */
fs_doc *fs_doc_new(void);
/* Frees doc, its pages, their items and every string; NULL-safe. */
void fs_doc_free(fs_doc *doc);
/* Returns a new empty page appended to doc, borrowed: doc owns it. */
fs_page *fs_doc_add_page(fs_doc *doc, double width, double height);

/* Mirrors every item of page left to right (x -> width - x): what a
 * right-to-left page needs after it was laid out left to right with
 * page->rtl set. */
void fs_page_mirror(fs_page *page);

/* Prints every item, one per line, in points (the --dump-layout format):
 *   page N W H
 *   panel ID X Y W H items=N          (before the items of a panel taken in)
 *   text ROLE X Y W H "TEXT" size=S lines=N [breaks=B,…] [angle=A] [wordwider] [ellipsized]
 *   rect ROLE X Y W H #RRGGBBAA [PATTERN]
 *   line ROLE X1 Y1 X2 Y2
 *   icon NAME X Y W H FRACTION
 *   image ROLE X Y W H svg|png
 *   slice ROLE X Y W H A0 A1 INNER #RRGGBBAA [PATTERN]
 *   path ROLE X Y W H points=N closed|open [dash=D]
 * TEXT is quoted and escaped as in messages (fs_diag_quote); S is the font
 * size in points; B the byte offsets in TEXT where lines 2… start; A the
 * angle of a turned text (its box is the turned text's bounding box);
 * ellipsized: shortened with "…" (at its end or inside a word too wide). */
void fs_doc_dump(const fs_doc *doc, FILE *fp);

/* Returns a new page that belongs to no document (a scratch page a panel is
 * laid out on before it is placed); free with fs_page_free(). */
fs_page *fs_page_new(double width, double height, bool rtl);
/* Frees page, its items and groups; NULL-safe. */
void fs_page_free(fs_page *page);

/* Adds an item of kind and role with every other field zero. Returns it,
 * borrowed: valid until the next item is added. */
fs_item *fs_page_add_item(fs_page *page, fs_item_kind kind, fs_role role);
/* Add a rectangle, a line from (x1, y1) to (x2, y2), an icon (fraction:
 * 0..1 of it drawn, from the start side): each a new item the page owns. */
void fs_page_add_rect(fs_page *page, fs_role role, double x, double y, double w, double h,
                      uint32_t color);
void fs_page_add_line(fs_page *page, fs_role role, double x1, double y1, double x2,
                      double y2, double width, uint32_t color);
void fs_page_add_icon(fs_page *page, fs_icon icon, double x, double y, double w, double h,
                      double fraction, uint32_t color);
/* An image drawn into (x, y, w, h) (give it the image's aspect ratio), and
 * a ring sector of the circle in the square (x, y, d, d) from a0 to a1
 * degrees clockwise from 12 o'clock, inner: the inner radius / the outer;
 * its edges are drawn edge wide in edge_color (0 wide: none). */
void fs_page_add_image(fs_page *page, fs_role role, const struct fs_image *img, double x,
                       double y, double w, double h);
void fs_page_add_slice(fs_page *page, double x, double y, double d, double a0, double a1,
                       double inner, uint32_t color, double edge, uint32_t edge_color);
/* Adds a path through the n points xy[2n] (page coordinates): filled when
 * closed, else stroked width wide with dashes dash long (0: solid). Its box
 * is the points' bounding box. */
void fs_page_add_path(fs_page *page, fs_role role, const double *xy, guint n, bool closed,
                      double width, double dash, uint32_t color);
/* Gives the last item of page (a RECT or ICON) a fill pattern drawn in ink
 * with lines or dots size apart. */
void fs_page_set_pattern(fs_page *page, fs_pattern pattern, uint32_t ink, double size);
/* Borrowed: item i of page, valid until the next item is added. */
fs_item *fs_page_item(fs_page *page, int i);

/* Moves item i (a TEXT) so that its box starts at (x, y); its origin moves
 * with it. */
void fs_page_move_item(fs_page *page, int i, double x, double y);
/* Turns item i (a TEXT, not yet turned) by angle degrees counterclockwise
 * about its origin: its box becomes the bounding box of the turned logical
 * extents. Move it after with fs_page_move_item(). */
void fs_page_rotate_item(fs_page *page, int i, double angle);
/* Removes (and frees) every item from index n on. */
void fs_page_truncate(fs_page *page, guint n);
/* Moves every item of src into dst, shifted by (dx, dy) and marked as
 * owner's (a panel ID, borrowed: it must outlive dst). The items' layouts and
 * strings change hands; src is left empty. With an owner, dst records the
 * panel's box (fs_panel_box: src's width at (dx, dy)). */
void fs_page_take_items(fs_page *dst, fs_page *src, double dx, double dy, const char *owner);
/* The lowest edge of page's items (0 for none). */
double fs_page_items_bottom(const fs_page *page);

#endif
