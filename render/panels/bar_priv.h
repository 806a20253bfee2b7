/* bar_priv.h: what the bar chart's three files share: bar.c (the phases,
 * the geometry, the bars), bar_labels.c (category labels: dates, upright,
 * turned) and bar_values.c (how numbers are written, where value labels
 * go). Not for any other module. */
#ifndef FS_BAR_PRIV_H
#define FS_BAR_PRIV_H

#include "panel.h"

#include "annot.h"

/* One bar or segment: value range [v0, v1] on the value axis. */
typedef struct bar {
    size_t row, series; /* series SIZE_MAX: a stack's total */
    double v0, v1;
    fs_shaped label; /* its value label, measured; placed or cleared */
    double lw, lh;   /* the label's size */
    bool inside;     /* label inside the bar end */
    bool stack_part; /* a segment of a stack (label only inside) */
    bool shown;      /* its label is drawn (bar_place_values) */
    bool missing;    /* a missing value (NAN): no bar, its label says "no data"
                      * beyond zero (a whole stack's: series SIZE_MAX) */
} bar;

/* How a chart writes its numbers (numchoice.h): its value labels and stack
 * totals in one form, the ticks in that form; in percent mode its shares,
 * rounded row by row so that a row's labels add up to 100. The alt text
 * writes the very same strings. */
typedef struct chart_nums {
    fs_numchoice values, shares;
    double *pct; /* percent mode: each value's share as labelled (row-major); else NULL */
} chart_nums;

typedef struct chart_ctx {
    fs_page *page;
    fs_fonts *fonts;
    const fs_series_data *data;
    const fs_chart_opts *o;
    const fs_theme *pal;
    double b; /* base size */
    fs_diag *d;
    size_t *order; /* row order after sorting */
    chart_nums nums;
    guint first;   /* the first item of the chart on page */
    bool standalone;  /* a chart page (chart.c, a slide), not a panel's body */
    double floor;     /* the smallest size a category label may shrink to */
    const char *unit; /* the canvas's unit, for messages: "px" or "pt" */
    int *ymd;         /* dates as categories: year, month, day (0: none) of each
                       * row; NULL unless every label is an ISO date of one form */
    bool chrono;      /* the dates rise in band order: a repeated year is left out */
    fs_annot an;      /* highlight and reference lines (annot.h) */
} chart_ctx;

/* How the value labels of a chart are placed: one rule for all of them. */
typedef enum {
    VALUES_INSIDE,  /* every label inside its bar's end */
    VALUES_OUTSIDE, /* every label beyond its bar's end */
    VALUES_THINNED, /* beyond, less those that would overprint (a note) */
} value_rule;

/* The geometry of one chart, filled phase by phase. */
typedef struct bar_geo {
    double x, y, w, h; /* the box */
    bool horizontal, stacked, percent;
    size_t n, ns; /* categories; bars in a band (1 when stacked) */
    double pad;   /* between a bar's end and its label */
    /* frame */
    double top, bottom; /* the plot between legend and note */
    double note_h;      /* room kept under the plot for the note */
    fs_text_style tick_st, cat_st, note_st;
    double line_h;   /* one line of a category label */
    double line_h_b; /* the same at the base size */
    double zero_h;   /* the height of a tick label "0" */
    double label_w_b, label_h_b; /* horizontal: the widest and tallest label
                                  * on one line at the base size */
    /* categories */
    double cat_w, cat_h; /* the room their labels take */
    fs_shaped *cats;     /* vertical: every label shown, measured (n; a label
                          * thinned out has no layout) */
    double cat_angle;    /* vertical: the labels turned by 0, 45 or 90 degrees */
    size_t cat_step;     /* vertical dates: every cat_step-th label shown */
    bool switch_horizontal; /* vertical bars cannot fit: draw horizontal ones */
    bool switch_vertical;   /* too many dated rows: draw columns, their labels thinned */
    /* scale */
    GArray *bars;  /* bar, in band order */
    double vsize;  /* the value labels' size */
    double lo, hi; /* the value domain, ticks included */
    double ticks[16];
    int nt;
    fs_shaped tick_txt[16];
    double tick_w, tick_h; /* the widest tick label; the last one's height */
    double tick_hmax;      /* the tallest tick label (Arabic runs are taller than "0") */
    /* bands and the value axis */
    double cross0, cross_len, band; /* across: where bands start, their room, one band */
    double pitch, thick, group;     /* a bar's pitch and thickness, a band's bars */
    double axis0, m_lo, m_hi, k;    /* along: start, end margins, points per unit */
    double len;                     /* along: the axis's length */
    size_t dropped;                 /* stack labels that do not fit inside */
    value_rule rule;
    size_t values_dropped; /* value labels left out as they would overprint */
} bar_geo;

/* bar.c */
double bar_row_sum(const fs_series_data *s, size_t r, bool positive_only);
bool bar_row_missing(const fs_series_data *s, size_t r);
double bar_vpos(const bar_geo *g, double v);
int bar_tick_every(const chart_ctx *c, const bar_geo *g);
void bar_tick_origin(const chart_ctx *c, const bar_geo *g, int i, double *tx, double *ty);
double bar_c0(const bar_geo *g, const bar *br);

/* bar_labels.c */
void bar_read_dates(chart_ctx *c);
const char *bar_cat_text(const chart_ctx *c, size_t i, size_t prev, char **tmp);
void bar_measure_labels(const chart_ctx *c, bar_geo *g);
double bar_min_column(const chart_ctx *c, const bar_geo *g);
bool bar_plan_columns(const chart_ctx *c, bar_geo *g, double budget, double *need);
bool bar_emit_categories(const chart_ctx *c, bar_geo *g);

/* bar_values.c */
void bar_nums_init(chart_nums *n, const fs_series_data *s, const fs_chart_opts *o);
void bar_nums_clear(chart_nums *n);
char *bar_value_text(const chart_nums *n, const fs_chart_opts *o, double v, bool percent);
/* A value the user gave (a reference line's) as bar_value_text writes the
 * chart's, with its own decimals (fs_numchoice_beside). */
char *bar_given_text(const chart_nums *n, const fs_chart_opts *o, double v, bool percent);
void bar_shape_value(const chart_ctx *c, const bar_geo *g, bar *b, double v, bool percent);
void bar_value_origin(const bar_geo *g, const bar *br, double *lx, double *ly);
void bar_place_values(const chart_ctx *c, bar_geo *g);
char *bar_note_text(const chart_ctx *c, const bar_geo *g);

#endif
