/* textsafe: strings made safe and small before they reach Pango. See
 * textsafe.h. */
#include "textsafe.h"

#include <math.h>
#include <pango/pango.h>
#include <string.h>

/* ---- bidi controls --------------------------------------------------------- */

typedef enum {
    BIDI_OTHER,
    BIDI_EMBED,   /* LRE, RLE, LRO, RLO: closed by PDF */
    BIDI_ISOLATE, /* LRI, RLI, FSI: closed by PDI */
    BIDI_PDF,
    BIDI_PDI,
    BIDI_PARAGRAPH, /* where Pango starts a new paragraph */
} bidi_kind;

static bidi_kind kind_of(gunichar c)
{
    switch (c) {
    case 0x202A:
    case 0x202B:
    case 0x202D:
    case 0x202E:
        return BIDI_EMBED;
    case 0x2066:
    case 0x2067:
    case 0x2068:
        return BIDI_ISOLATE;
    case 0x202C:
        return BIDI_PDF;
    case 0x2069:
        return BIDI_PDI;
    case '\n':
    case '\r':
    case 0x2029:
        return BIDI_PARAGRAPH;
    default:
        return BIDI_OTHER;
    }
}

/* The bookkeeping of Unicode's X1-X8 rules (UAX #9), with FS_BIDI_MAX_DEPTH
 * for its limit of 125: what is open, and how many openers were dropped
 * for overflowing (their closers are dropped with them). Returns whether
 * the control c of kind k stays. */
typedef struct bidi_state {
    bool isolate[FS_BIDI_MAX_DEPTH]; /* the open controls, innermost last */
    int depth, isolates;
    size_t over_embed, over_isolate;
} bidi_state;

static bool bidi_keep(bidi_state *b, bidi_kind k)
{
    switch (k) {
    case BIDI_EMBED:
        if (b->over_isolate == 0 && b->over_embed == 0 && b->depth < FS_BIDI_MAX_DEPTH) {
            b->isolate[b->depth++] = false;
            return true;
        }
        if (b->over_isolate == 0)
            b->over_embed++;
        return false;
    case BIDI_ISOLATE:
        if (b->over_isolate == 0 && b->over_embed == 0 && b->depth < FS_BIDI_MAX_DEPTH) {
            b->isolate[b->depth++] = true;
            b->isolates++;
            return true;
        }
        b->over_isolate++;
        return false;
    case BIDI_PDF:
        if (b->over_isolate > 0)
            return false;
        if (b->over_embed > 0) {
            b->over_embed--;
            return false;
        }
        if (b->depth > 0 && !b->isolate[b->depth - 1]) {
            b->depth--;
            return true;
        }
        return false; /* nothing to close, or an isolate is innermost */
    case BIDI_PDI:
        if (b->over_isolate > 0) {
            b->over_isolate--;
            return false;
        }
        if (b->isolates == 0)
            return false;
        /* closes the innermost isolate and the embeddings inside it */
        b->over_embed = 0;
        while (!b->isolate[--b->depth])
            ;
        b->isolates--;
        return true;
    case BIDI_PARAGRAPH:
        memset(b, 0, sizeof *b);
        return true;
    case BIDI_OTHER:
        break;
    }
    return true;
}

char *fs_text_bidi_bound(const char *s, size_t len)
{
    GString *out = g_string_sized_new(len);
    bidi_state b = {0};
    const char *p = s, *end = s + len, *kept = s; /* [kept, p) is still to copy */
    while (p < end) {
        /* every character that matters is one byte (\n, \r) or three
         * starting with 0xE2 (U+2000..U+2FFF) */
        unsigned char c0 = (unsigned char)*p;
        if (c0 != '\n' && c0 != '\r' && c0 != 0xE2) {
            p++;
            continue;
        }
        const char *next = g_utf8_find_next_char(p, end);
        if (!next)
            next = end;
        bidi_kind k = kind_of(g_utf8_get_char_validated(p, next - p));
        if (k != BIDI_OTHER && !bidi_keep(&b, k)) {
            g_string_append_len(out, kept, p - kept);
            kept = next;
        }
        p = next;
    }
    g_string_append_len(out, kept, end - kept);
    return g_string_free(out, FALSE);
}

/* ---- length ------------------------------------------------------------------ */

size_t fs_text_show_max(double size, double width, int max_lines, double height)
{
    /* a character is at least a tenth of an em wide, a line an em tall */
    double em = fmax(size, 0.01);
    double tall = height > 0 ? height : FS_TEXT_EXTENT_MAX;
    double lines = width <= 0 ? 1 : max_lines > 0 ? max_lines : ceil(tall / em);
    double per_line = ceil((width > 0 ? width : FS_TEXT_EXTENT_MAX) / (0.1 * em));
    /* Pango measures in 1/1024 pt in an int: keep a paragraph's natural
     * width (at up to 2 em a character) under 2^21 pt */
    double most = fmax(FS_TEXT_CUT_MIN, fmin(FS_TEXT_CUT_MAX, floor(1048576.0 / em)));
    return (size_t)fmax(FS_TEXT_CUT_MIN, fmin(most, lines * per_line));
}

/* The character after p, never past the terminating NUL (also when s is not
 * valid UTF-8). */
static const char *next_char(const char *p)
{
    p++;
    while (((unsigned char)*p & 0xC0) == 0x80)
        p++;
    return p;
}

size_t fs_text_cut_len(const char *s, size_t max_chars)
{
    const char *p = s;
    size_t n = 0;
    while (*p && n < max_chars)
        p = next_char(p), n++;
    if (!*p)
        return (size_t)(p - s);
    /* cut before character n, or before the last cluster boundary ahead of
     * it: the boundary at n depends on the characters up to n + 1 */
    const char *end = next_char(p);
    int attrs_len = (int)n + 2;
    PangoLogAttr *attrs = g_new0(PangoLogAttr, attrs_len);
    pango_get_log_attrs(s, (int)(end - s), -1, NULL, attrs, attrs_len);
    size_t k = n;
    while (k > 0 && !attrs[k].is_cursor_position)
        k--;
    g_free(attrs);
    if (k == n)
        return (size_t)(p - s);
    p = s;
    for (size_t i = 0; i < k; i++)
        p = next_char(p);
    return (size_t)(p - s);
}

char *fs_text_cut(const char *s, size_t max_chars)
{
    size_t n = fs_text_cut_len(s, max_chars);
    if (!s[n])
        return g_strdup(s);
    char *out = g_malloc(n + sizeof "…");
    memcpy(out, s, n);
    memcpy(out + n, "…", sizeof "…");
    return out;
}

/* True when a cluster cannot start at p: a combining mark, a joiner, a
 * variation selector or an emoji modifier, or the character after a
 * joiner. */
static bool continues_cluster(const char *s, const char *p)
{
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_ismark(c) || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
        (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F))
        return true;
    return p > s && g_utf8_get_char(g_utf8_prev_char(p)) == 0x200D;
}

char *fs_text_for_layout_ends(const char *s, size_t max_chars)
{
    size_t head = fs_text_cut_len(s, max_chars);
    if (!s[head])
        return fs_text_for_layout(s, max_chars);
    head = fs_text_cut_len(s, max_chars - max_chars / 3);
    size_t tail_chars = max_chars / 3, total = (size_t)g_utf8_strlen(s + head, -1);
    const char *tail = g_utf8_offset_to_pointer(s + head, (glong)(total - MIN(total, tail_chars)));
    while (*tail && continues_cluster(s, tail))
        tail = g_utf8_next_char(tail);
    GString *out = g_string_new_len(s, (gssize)head);
    g_string_append(out, "…");
    g_string_append(out, tail);
    g_autofree char *joined = g_string_free(out, FALSE);
    return fs_text_bidi_bound(joined, strlen(joined));
}

char *fs_text_for_layout(const char *s, size_t max_chars)
{
    g_autofree char *cut = fs_text_cut(s, max_chars);
    return fs_text_bidi_bound(cut, strlen(cut));
}
