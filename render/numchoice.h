/* numchoice: how a set of numbers is written, chosen from the numbers
 * themselves: the decimals, a compact scale ("648 bn", "648 млрд",
 * "12.4k") or an exponent form, the same for every number of the set, so
 * the value labels of a chart, its ticks and its alt text agree. Numbers
 * and strings only: no text measuring, no layout.
 *
 * The rules, for a set of values (fs_numchoice_pick()):
 *  - the smallest non-zero |value| gets at least two significant digits
 *    (0.00055 -> 5 decimals), unless fewer decimals write it exactly (1 ->
 *    "1", 0.5 -> "0.5");
 *  - data keep the decimals they are written with, up to two ("8,825.30"
 *    beside "9,946.13"), and get enough decimals that values which differ
 *    (in their first FS_NUMCHOICE_MAX_DECIMALS decimals) read differently;
 *  - more than FS_NUMCHOICE_MAX_DECIMALS decimals, more significant digits
 *    than a double holds (15), or a value of 1e15 or more: the exponent
 *    form "1.2e−6", "6.5e11" for the whole set, with the significant digits
 *    that tell the values apart (2 to 6);
 *  - compact: auto writes a set in thousands, millions … when its full
 *    labels would take more than FS_NUMCHOICE_FULL_DIGITS digits and two
 *    decimals of the scaled values say what the full ones do; on whenever
 *    the set reaches 1,000 and the scaled values stay honest; off never.
 * A non-zero value is never written "0": with the decimals chosen it cannot
 * be; with fixed decimals (decimals >= 0) one that would reads "<0.01" (or
 * ">−0.01" below zero). */
#ifndef FS_NUMCHOICE_H
#define FS_NUMCHOICE_H

#include "opts.h"

#include <stdbool.h>
#include <stddef.h>

/* The most decimals a fixed form writes; beyond it the exponent form. */
#define FS_NUMCHOICE_MAX_DECIMALS 6
/* compact = auto: full labels of more digits than this are scaled. */
#define FS_NUMCHOICE_FULL_DIGITS 9

typedef enum { FS_COMPACT_AUTO, FS_COMPACT_ON, FS_COMPACT_OFF } fs_compact;
extern const char *const fs_compact_names[]; /* "auto", "on", "off" */

/* How the numbers of one set are written. */
typedef struct fs_numchoice {
    int decimals;  /* fixed form: after the decimal sign, of the scaled value;
                    * exponent form: of the mantissa */
    int scale;     /* compact: thousands divided out, 0 (none) to 4 (trillions) */
    bool exponent; /* "1.2e−6": mantissa with `decimals` decimals */
} fs_numchoice;

/* What the values of a set are. */
typedef enum {
    FS_NUMS_DATA,  /* values as read: keep their decimals (up to 2), stay distinct */
    FS_NUMS_SHARES /* percent shares: two significant digits, at most 2 decimals, never
                    * scaled or an exponent (fs_numchoice_round_shares() then writes
                    * a share too small for them "<0.01") */
} fs_nums_kind;

/* Chooses how the n values v (non-finite ones ignored) are written.
 * decimals: -1 to choose them, else fixed (0 to 12; scaled values when
 * compact). */
void fs_numchoice_pick(const double *v, size_t n, fs_nums_kind kind, int decimals,
                       fs_compact compact, fs_numchoice *out);

/* One value written as ch says, in number format f with lang's compact
 * words (lang.h). U+2212 for minus; "–" for a non-finite value. Returns a
 * new string. */
char *fs_numchoice_format(const fs_numchoice *ch, const fs_numfmt *f, const char *lang, double v);

/* The ticks' form for a value axis with this step whose labels are
 * written as labels is: the labels' scale (or exponent form), with the
 * decimals the step needs. */
void fs_numchoice_ticks(const fs_numchoice *labels, double step, const double *ticks, int n,
                        fs_numchoice *out);

/* A single number as it was given (a stat): the digits of its shortest
 * exact decimal form, at most six significant ones past the integer part
 * (3.14159, 0.0012, 1,234.57); the exponent form under 1e-6 or from 1e15.
 * decimals >= 0 fixes them; compact as fs_numchoice_pick() (auto: from
 * FS_NUMCHOICE_FULL_DIGITS digits). */
void fs_numchoice_given(double v, int decimals, fs_compact compact, fs_numchoice *out);

/* A number given beside a chart's values (a reference line's) in their
 * form ch (its scale, or the exponent form) but with its own decimals, the
 * fewest that write it exactly: 12.5 beside whole numbers is "12.5", not
 * "12"; 0 beside values with two decimals is "0". When ch's form cannot
 * write it exactly, fs_numchoice_given()'s. */
void fs_numchoice_beside(const fs_numchoice *ch, double v, fs_numchoice *out);

/* Largest-remainder rounding: the n shares v (>= 0, of a whole of 100)
 * rounded to `decimals` so that the rounded ones add up to exactly 100 when
 * the shares do (each rounded down or up, the largest remainders up, ties
 * to the first). out[i] gets the rounded share; a non-zero share rounded to
 * 0 gets a quarter of the last decimal's unit instead, which
 * fs_numchoice_format() writes "<0.01" (decimals 2): never "0". */
void fs_numchoice_round_shares(const double *v, size_t n, int decimals, double *out);

#endif
