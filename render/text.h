/* text: plain text in a style -> a measured PangoLayout, and text items on
 * a page. Every text of every page is made here: one font family (fonts.h),
 * a size, weight and alignment, tabular figures on request, the language for
 * line breaking, wrapping to a width with an ellipsis after a number of
 * lines. A text whose characters no bundled font can draw is an error here,
 * named by its file and line. Positions are the caller's; no drawing. */
#ifndef FS_TEXT_H
#define FS_TEXT_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"

#include <pango/pango.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct fs_text_style {
    double size; /* points */
    int weight;  /* PangoWeight: 400 regular, 600 semibold, 700 bold */
    uint32_t color;
    bool tabular;         /* tabular figures (Inter's tnum) */
    PangoAlignment align; /* within width */
    int max_lines;        /* 0: no limit; else ellipsize after this many lines */
    bool cut_middle;      /* ellipsized in the middle of the text past max_lines,
                           * keeping its end: what tells apart a family of names
                           * ("Region 1", "Region 2"; fs_text_cut_alike); else
                           * at the end */
    double line_height;   /* factor of the size; 0 = Pango's default */
    double max_height;    /* wrapped, max_lines 0: the tallest it may be drawn (its
                           * page's height; 0 = the page it is laid out on, or when
                           * measured the largest page): bounds the text shaped */
    bool whole_words;     /* wrapped: lines break only where the language allows
                           * (between words), never inside a word; a word wider
                           * than the width alone is cut to fit with "…" (a
                           * category label). Else a word wider than the width
                           * is broken inside (running text) */
} fs_text_style;

/* Measures text (plain text, never markup) wrapped to width (<= 0: one line,
 * not wrapped) and adds it with its origin at (x, y). The text laid out (and
 * kept in the item) is cut to what can show and has its bidi controls
 * bounded: see textsafe.h. Returns the item's
 * index in page->items, or -1 after a diagnostic when a character of text has
 * no glyph in any bundled font (file names where the text came from). */
int fs_layout_text(fs_page *page, fs_fonts *fonts, fs_role role, const char *text,
                   const fs_text_style *st, double x, double y, double width, const char *lang,
                   const char *file, fs_diag *d);

/* Same, naming file:line in the missing-glyph error. */
int fs_layout_text_at(fs_page *page, fs_fonts *fonts, fs_role role, const char *text,
                      const fs_text_style *st, double x, double y, double width, const char *lang,
                      const char *file, unsigned long line, fs_diag *d);

/* Measures text as fs_layout_text would, without adding it. */
void fs_measure_text(fs_fonts *fonts, const char *text, const fs_text_style *st, double width,
                     const char *lang, double *w, double *h);

/* Returns a new layout of text as fs_measure_text makes it (width < 0 as
 * 0); the caller unrefs it. For reading a font's metrics (a baseline). */
PangoLayout *fs_text_layout(fs_fonts *fonts, const char *text, const fs_text_style *st,
                            double width, const char *lang);

/* The width of the widest run of text between two line-break
 * opportunities (trailing spaces left out) in st: the narrowest wrap width
 * at which st->whole_words cuts no word. */
double fs_text_widest_word(fs_fonts *fonts, const char *text, const fs_text_style *st,
                           const char *lang);

/* The same between spaces only: the widest word kept whole, a hyphenated
 * one ("Absheron-Khizi") with its hyphen. */
double fs_text_widest_spaced(fs_fonts *fonts, const char *text, const fs_text_style *st,
                             const char *lang);

/* A text measured once, to be placed later with that same layout. */
typedef struct fs_shaped {
    PangoLayout *layout; /* owned; NULL once placed */
    char *text;          /* owned; NULL once placed */
    fs_text_style st;    /* as shaped: on a right-to-left page, start and end
                          * alignments are swapped */
    double wrap;         /* the width it wraps at, 0 = none */
    PangoRectangle log;  /* logical extents, Pango units */
    double w, h;         /* the same size in points */
    bool word_wider;     /* wrapped inside words only where the word alone is
                          * wider than wrap (see fs_item) */
    bool words_cut;      /* whole_words: a word wider than wrap was cut with "…" */
} fs_shaped;

/* Shapes text for page (whose direction picks the alignment) as
 * fs_layout_text would, into *out; free with fs_shaped_clear() unless
 * fs_text_place() took it. */
void fs_text_shape(const fs_page *page, fs_fonts *fonts, const char *text, const fs_text_style *st,
                   double width, const char *lang, fs_shaped *out);
/* Frees what s holds (NULL-safe fields); s can be shaped again. */
void fs_shaped_clear(fs_shaped *s);

/* What layout l shows when Pango cut it short: its runs, line after line,
 * each line's in visual order, "…" for what was left out. A new string. */
char *fs_text_shown(PangoLayout *l);

/* True when two of the n layouts (NULL ones skipped) that Pango cut short
 * show the same text: labels of different things that no longer tell them
 * apart, to be shaped again with cut_middle. */
bool fs_text_cut_alike(PangoLayout *const *l, size_t n);

/* Adds s to page in colour color with its layout's origin at (x, y), taking
 * its layout and text (s is left empty). Returns the item's index, or -1
 * after a diagnostic (file:line) when a character has no glyph in any
 * bundled font; s is cleared either way. */
int fs_text_place(fs_page *page, fs_fonts *fonts, fs_role role, fs_shaped *s, double x, double y,
                  uint32_t color, const char *file, unsigned long line, fs_diag *d);

#endif
