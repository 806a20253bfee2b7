/* theme: the look of a chart or a sheet (colours, fill patterns, font
 * weights, the type scale and the page spacing) read from a small GLib key
 * file. See themes/ for the shipped ones and README.md for every key.
 *
 * Strict, like spec: an unknown group or key, a key written twice, a colour
 * that is not #rrggbb, a number out of range are errors naming FILE:LINE, the
 * group and the key. A theme file sets only what it changes: every key it
 * leaves out comes from the built-in defaults, which are the light theme
 * (themes/light.ini restates them; a unit test keeps the two equal).
 *
 * An fs_theme is a plain value: layout reads its fields directly. This
 * module reads no spec and draws nothing. */
#ifndef FS_THEME_H
#define FS_THEME_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fill patterns for shapes (bars, swatches, icons): drawn over the fill
 * colour in the theme's pattern ink, so series stay apart in black and
 * white. */
typedef enum {
    FS_PATTERN_SOLID,
    FS_PATTERN_HATCH,      /* diagonal lines, / */
    FS_PATTERN_BACKHATCH,  /* diagonal lines, \ */
    FS_PATTERN_CROSSHATCH, /* both diagonals */
    FS_PATTERN_HORIZONTAL,
    FS_PATTERN_VERTICAL,
    FS_PATTERN_GRID, /* horizontal and vertical */
    FS_PATTERN_DOTS,
} fs_pattern;
extern const char *const fs_pattern_names[]; /* "solid", "hatch", … NULL-terminated */

#define FS_THEME_MAX_SERIES 8

typedef struct fs_theme {
    char *name; /* "light", "dark", "print-bw", or the file as given; owned */

    /* [colors], 0xRRGGBBAA (alpha always ff) */
    uint32_t background, text, secondary, grid, axis, accent;
    uint32_t muted; /* what a highlight greys (annot.h): 3:1 on the background */
    uint32_t series[FS_THEME_MAX_SERIES];   /* several series; cycles after nseries */
    int nseries;                            /* 1..8 */
    uint32_t bar_text_light, bar_text_dark; /* a label on a bar: whichever reads better */
    uint32_t zebra;                         /* a table's every other row */

    /* [patterns] */
    fs_pattern accent_pattern;
    fs_pattern series_pattern[FS_THEME_MAX_SERIES]; /* cycles after npatterns */
    int npatterns;                                  /* 1..8 */
    uint32_t pattern_ink;                           /* lines and dots of a pattern */

    /* [fonts]: weights 400, 500, 600 or 700 (the weights fonts/ holds) */
    int title_weight, heading_weight, stat_weight, value_weight, caption_weight, date_weight;

    /* [sizes]: body text in points on an A4 page (scaled with the page) and
     * in px on a 1920x1080 slide (scaled with the slide); the rest are
     * factors of the body size */
    double body, slide_body;
    double title, chart_title, panel_title, stat, value, tick, small, footer;

    /* [spacing] */
    double margin, gutter; /* points on an A4 page, scaled with the page width */
    double slide_margin;   /* factor of the body size on charts and slides */

    /* [header] */
    char *logo;         /* logo = FILE: the report's logo unless its spec names one;
                         * relative to the spec's folder (spec.c reads it); owned, NULL
                         * when none */
    double logo_height; /* the logo's height, a factor of the body size */
} fs_theme;

/* The built-in defaults (the light theme). Borrowed, static. */
const fs_theme *fs_theme_light(void);
/* t, or the light defaults when t is NULL. */
const fs_theme *fs_theme_or_light(const fs_theme *t);

/* Names of the shipped themes: "light", "dark", "print-bw", NULL. */
extern const char *const fs_theme_names[];

/* Whether s is written as a theme NAME (letters, digits, - and _ only)
 * rather than a file path (anything with a '/' or a '.'). */
bool fs_theme_is_name(const char *s);

/* The folder of the shipped themes: $FACTSHEET_THEME_DIR, else themes/ next
 * to the executable's tree (build/factsheet, build/san/factsheet, test
 * binaries) or PREFIX/share/factsheet/themes, else "themes". Returns a new
 * string. */
char *fs_theme_default_dir(void);

/* Reads a theme file over the light defaults. Returns a new theme (free
 * with fs_theme_free()) or NULL after one diagnostic naming path:line. A
 * missing file is input (1), an unreadable one a system failure (3). */
fs_theme *fs_theme_load(const char *path, fs_diag *d);
/* Same from fd, a file the caller opened (and checked) and closes: read
 * from its start with pread, not closed; name is used in messages. */
fs_theme *fs_theme_load_fd(int fd, const char *name, fs_diag *d);
/* Same from bytes; name is used in messages and as the theme's name. */
fs_theme *fs_theme_load_buffer(const char *name, const char *buf, size_t len, fs_diag *d);

/* A shipped theme by NAME (one of fs_theme_names), read from
 * fs_theme_default_dir(). NULL after a diagnostic; an unknown name is an
 * error listing the names. */
fs_theme *fs_theme_load_named(const char *name, fs_diag *d);

/* NAME or FILE, as --theme takes it: a shipped theme when
 * fs_theme_is_name(), else the file (relative to the current folder). */
fs_theme *fs_theme_open(const char *name_or_path, fs_diag *d);

/* Returns a new copy of t. */
fs_theme *fs_theme_copy(const fs_theme *t);
/* NULL-safe. */
void fs_theme_free(fs_theme *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fs_theme, fs_theme_free)

/* Fill colour and pattern of series k of n (n == 1: the accent). */
uint32_t fs_theme_series_color(const fs_theme *t, size_t k, size_t n);
fs_pattern fs_theme_series_pattern(const fs_theme *t, size_t k, size_t n);

#endif
