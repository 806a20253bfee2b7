/* textsafe: strings made safe and small before they reach Pango.
 *
 * Every string a layout shapes (labels, spec and theme text, text files,
 * the program's own words) passes fs_text_for_layout() in make_layout()
 * (text.c), for two reasons:
 *
 * - Explicit bidi controls. Debian 12's libfribidi 1.0.8 reads freed memory
 *   when a paragraph's embeddings, overrides and isolates overflow the
 *   Unicode limit of 125 levels. fs_text_bidi_bound() keeps their nesting at
 *   most FS_BIDI_MAX_DEPTH deep (an embedding raises the level by one or
 *   two, so the level stays under 40): a control that would go deeper is
 *   dropped with its closer, and so is a closer that matches nothing. Text
 *   within those bounds, every ordinary right-to-left or mixed text among
 *   it, is left exactly as it is.
 * - Length. Shaping costs time and memory in proportion to the text, also
 *   the part that an ellipsized or unwrapped layout never shows; a 50 MB
 *   label took minutes. fs_text_show_max() bounds what a layout can show;
 *   fs_text_cut_len() finds the cut on a grapheme cluster boundary, so no
 *   emoji sequence or combining mark is split, looking only at that prefix.
 *
 * Alt text and document metadata keep more of the text than a layout shows
 * (fs_text_cut(), FS_ALT_MAX). Every function here is pure: no state, no
 * output; the input is valid UTF-8 (the readers check it). */
#ifndef FS_TEXTSAFE_H
#define FS_TEXTSAFE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* The deepest explicit embeddings, overrides and isolates kept open at once
 * within one paragraph. */
#define FS_BIDI_MAX_DEPTH 16

/* A layout is never cut below this many characters. */
#define FS_TEXT_CUT_MIN 4096
/* ... nor above this many (1 MiB of one-byte characters: a spec's limit). */
#define FS_TEXT_CUT_MAX (1024 * 1024)
/* The largest page side, in points (spec.c's limit: 200 in): the longest
 * line an unwrapped layout shows and the tallest text a wrapped one does. */
#define FS_TEXT_EXTENT_MAX 14400.0

/* Alt text and document metadata (title, subject, keywords, description)
 * are cut at this many characters; one label or name inside a chart's alt
 * sentence at FS_ALT_PART_MAX. */
#define FS_ALT_MAX 8000
#define FS_ALT_PART_MAX 1000

/* Returns a new string: the len bytes of s with the explicit bidi
 * embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069)
 * bounded as above. Paragraph separators (\n, \r, U+2029: where Pango
 * starts a new bidi paragraph) close everything open. Marks (LRM, RLM, ALM)
 * and all other characters are kept. */
char *fs_text_bidi_bound(const char *s, size_t len);

/* The most characters a layout of text at size points can show: its lines
 * (one when width <= 0: it does not wrap; else max_lines, or when that is 0
 * as many as height holds at one line per em; height <= 0 means
 * FS_TEXT_EXTENT_MAX) times the characters of a line of width (else
 * FS_TEXT_EXTENT_MAX) at a tenth of an em each. Never below FS_TEXT_CUT_MIN;
 * never above FS_TEXT_CUT_MAX, nor above 2^20 / size, which keeps a
 * paragraph within Pango's integer units. */
size_t fs_text_show_max(double size, double width, int max_lines, double height);

/* The length in bytes of the longest prefix of s that holds at most
 * max_chars characters and ends on a grapheme cluster boundary: strlen(s)
 * when s has at most max_chars characters, 0 when its first cluster is
 * longer. Reads at most max_chars + 1 characters of s. */
size_t fs_text_cut_len(const char *s, size_t max_chars);

/* Returns a new string: s cut as fs_text_cut_len() says, with "…" when
 * anything was cut. */
char *fs_text_cut(const char *s, size_t max_chars);

/* Returns a new string: s cut to max_chars characters (fs_text_cut()), then
 * its bidi controls bounded (fs_text_bidi_bound()). What make_layout() gives
 * Pango. */
char *fs_text_for_layout(const char *s, size_t max_chars);

/* The same keeping both ends: the first two thirds of max_chars, "…", then
 * the last third, each cut on a cluster boundary. For a text that Pango
 * will ellipsize in its middle: its end must reach Pango. */
char *fs_text_for_layout_ends(const char *s, size_t max_chars);

#endif
