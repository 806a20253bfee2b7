/* csvread: CSV bytes -> rows of fields with line:column. See csvread.h.
 *
 * How positions are found. libcsv reports fields and rows but no positions,
 * and it is fastest when fed large pieces. So this module reads a file in
 * 64 KiB blocks and, for each 16 KiB chunk of a block, makes one pass of
 * its own first (it must anyway, to validate UTF-8, reject NUL bytes and
 * count lines), then hands the whole chunk to csv_parse() in one call.
 *
 * That pass is a small quote-aware state machine that follows libcsv's own
 * (ROW_NOT_BEGUN, FIELD_NOT_BEGUN, FIELD_BEGUN quoted or not,
 * FIELD_MIGHT_HAVE_ENDED in libcsv.c) just enough to know where each field
 * starts: after a delimiter or a line end outside quotes, at the first byte
 * that is not a space or a tab. It appends each start (line, column,
 * quoted) to a queue, in order, so libcsv's Nth field callback belongs to
 * the Nth start: the queue's head is the current row's first field. Inside
 * quotes only quote bytes change the state (a doubled quote toggles twice).
 * Where libcsv refuses the input (a strict-mode error) the pass may have
 * gone on past the bad byte; that does not matter, because reading stops
 * there: csv_parse() returns the offset of the bad byte, whose line:col is
 * found by rescanning the chunk, and the field libcsv was in is the next
 * start in the queue. A test compares every position and message with the
 * old reader, which fed libcsv one field at a time.
 *
 * The pass looks at 64 bytes at a time: a bit mask of the bytes that may
 * matter (delimiter, quote, CR, LF, NUL, bytes >= 0x80), built with SSE2
 * where available, else through a byte table, then taken bit by bit;
 * ordinary bytes are never looked at one by one. Columns are counted in
 * characters: col = bytes since the line start - UTF-8 continuation bytes
 * among them + 1. An incomplete UTF-8 sequence at the end of a chunk is
 * carried over to the next one.
 *
 * It does not know about numbers, column names or what a row means: rows go
 * to the caller's callback, and only the current row is kept in memory
 * (fs_csv_validate_* keep not even that: no field text is copied). */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define HAVE_SSE2 1
#else
#define HAVE_SSE2 0
#endif

/* Files are read in blocks of BLOCK_SIZE bytes. */
#define BLOCK_SIZE (64u * 1024u)
/* libcsv grows its field buffer by this step within one csv_parse() call;
 * feed() raises it to the buffer's size after each block, so a long field
 * grows geometrically (libcsv's default step of 128 bytes is quadratic). */
#define LIBCSV_STEP (64u * 1024u)
/* Each block is scanned and fed to libcsv in chunks of this size: small
 * enough that the field starts recorded for one chunk (16 bytes a field)
 * are still in cache when libcsv's callbacks take them. */
#ifndef SCAN_CHUNK
#define SCAN_CHUNK (16u * 1024u)
#endif
/* fs_csv_read_buffer's chunks: not a divisor of BLOCK_SIZE, so that the
 * unit tests, which compare the two readers around block boundaries,
 * compare two different layouts. */
#ifndef BUFFER_CHUNK
#define BUFFER_CHUNK (24u * 1024u)
#endif
/* Longest quoted excerpt of user text in a message, in characters. */
#define QUOTE_CHARS 60

/* The scan's states, after libcsv's: ST_ROW = ROW_NOT_BEGUN and ST_FIELD =
 * FIELD_NOT_BEGUN (between fields: the next byte that is not blank starts
 * one); ST_PLAIN = FIELD_BEGUN unquoted; ST_QUOTED = FIELD_BEGUN quoted;
 * ST_CLOSED = FIELD_MIGHT_HAVE_ENDED (after a quote in a quoted field). */
enum { ST_ROW = 0, ST_FIELD, ST_PLAIN, ST_QUOTED, ST_CLOSED };

/* What a byte does where a field may start: F_START starts an unquoted
 * field there, F_BLANK is skipped (space, and TAB unless it delimits),
 * F_STOP (delimiter, CR, LF) is left to the main loop, F_QUOTE opens a
 * quoted field. */
enum { F_START = 0, F_BLANK, F_STOP, F_QUOTE };

/* Where a field starts: its line, and its column shifted left by one with
 * the quoted flag in bit 0 (16 bytes an entry, one entry per field). */
typedef struct fstart {
    unsigned long line;
    unsigned long colq;
} fstart;

/* The position state at the start of a scanned block, to find the line:col
 * of any byte of that block again (locate()). */
typedef struct mark {
    size_t from;
    unsigned long line;
    uint64_t line_start, line_cont;
    bool last_cr;
} mark;

typedef struct reader {
    const char *name;
    fs_diag *d;
    fs_csv_row_fn fn;
    void *user;
    unsigned char delim;
    size_t max_field;
    size_t max_cols;
    size_t chunk; /* bytes scanned and fed to libcsv at a time */
    struct csv_parser p;
    bool special[256]; /* the bytes special_mask() must find, for the tail */

    /* position */
    uint64_t base;       /* absolute offset of b[0] of the block being scanned */
    unsigned long line;  /* current physical line, 1-based */
    uint64_t line_start; /* absolute offset where the current line starts */
    uint64_t line_cont;  /* UTF-8 continuation bytes on this line before the scan point */
    bool last_cr;        /* the last byte scanned in the previous block was CR */
    bool started;        /* BOM / UTF-16 check done */
    uint64_t content;    /* bytes after the BOM seen so far */

    /* the scan's state machine (see the top of this file) */
    int st;                  /* ST_* */
    unsigned char fcls[256]; /* F_* of each byte, where a field may start */

    /* field starts found by the scan: q[qhead] is the current row's first
     * field, q[qhead + nfields] the field libcsv is in */
    fstart *q;
    size_t qhead, qtail, qcap;

    /* the row being parsed */
    /* Plain growable arrays, not GString/GArray: this is the per-field hot
     * path. fields[i].text is set from offs[i] when the row is complete,
     * because text may move while the row grows. */
    char *text; /* field texts, each NUL-terminated */
    size_t text_len, text_cap;
    fs_csv_field *fields;
    size_t *offs;
    size_t fields_cap;
    size_t nfields; /* fields seen in this row, stored or not */
    size_t row_index;
    size_t header_n;
    size_t limit_n;  /* more fields than this in a row is an error (too_many) */
    bool keep_text;  /* false: validate only, rows have no fields */
    const char *encoding; /* --encoding: the bytes are converted (conv_feed()); NULL: UTF-8 */
    const char *header_hint; /* fs_csv_delimiter_hint() of the header's first field */
    const char *delim_hint;  /* the same once the header is that field alone: appended to
                                the errors after it */

    bool failed; /* a diagnostic was added or the callback said stop */
} reader;

/* ---- diagnostics -------------------------------------------------------- */

static void fail_at(reader *r, fs_status st, unsigned long line, unsigned long col,
                    const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static void fail_at(reader *r, fs_status st, unsigned long line, unsigned long col,
                    const char *fmt, ...)
{
    if (r->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fs_diag_add(r->d, st, r->name, line, col, "%s%s", msg,
                st == FS_ERR_INPUT && r->delim_hint ? r->delim_hint : "");
    r->failed = true;
    r->limit_n = 0; /* on_field's fast path stops */
}

/* Column in characters of absolute offset at, on the current line, given
 * the continuation bytes before it on that line. */
static unsigned long col_of(const reader *r, uint64_t at, uint64_t cont)
{
    return (unsigned long)(at - r->line_start - cont + 1);
}

/* ---- libcsv callbacks --------------------------------------------------- */

/* The start of field k of the current row (k may be its field count: the
 * field libcsv is in), or NULL when the scan has not recorded it. */
static const fstart *row_field(const reader *r, size_t k)
{
    return r->qhead + k < r->qtail ? &r->q[r->qhead + k] : NULL;
}

#define START_LINE(st) ((st) ? (st)->line : 0)
#define START_COL(st) ((st) ? (st)->colq >> 1 : 0)

/* A field beyond r->limit_n: beyond the column limit in the header, beyond
 * the header's count in a data row. */
static void too_many(reader *r)
{
    if (r->row_index == 0) {
        const fstart *st = row_field(r, r->nfields - 1);
        fail_at(r, FS_ERR_INPUT, START_LINE(st), START_COL(st),
                "the header has more than %zu columns, the limit (FS_CSV_MAX_COLUMNS)",
                r->max_cols);
    } else if (r->nfields > r->max_cols) {
        /* Too wide: on_row() reports the count, unless there is no end to
         * it; nothing is stored meanwhile. */
        const fstart *st = row_field(r, r->header_n);
        fail_at(r, FS_ERR_INPUT, START_LINE(st), START_COL(st),
                "row has more than %zu fields, the limit (FS_CSV_MAX_COLUMNS), "
                "but the header has %zu",
                r->max_cols, r->header_n);
    }
}

/* on_field's rare cases: after a failure, a field beyond r->limit_n, a
 * field over the size limit, or (a bug) no recorded start for a field. */
static void field_slow(reader *r, size_t i)
{
    if (r->failed)
        return;
    if (r->qhead + i >= r->qtail) {
        fail_at(r, FS_ERR_SYSTEM, r->line, 0,
                "internal error: field positions out of step with libcsv (please report)");
    } else if (i >= r->limit_n) {
        too_many(r);
    } else {
        const fstart *st = row_field(r, i);
        fail_at(r, FS_ERR_INPUT, START_LINE(st), START_COL(st),
                "field is longer than %zu bytes, the limit (FS_CSV_MAX_FIELD_BYTES)",
                r->max_field);
    }
}

/* libcsv's field callback. The Nth field it completes started where the
 * scan recorded the Nth start: field k of the row is r->q[r->qhead + k].
 * One branch for every rare case (limit_n is 0 after a failure). */
static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    size_t i = r->nfields++;
    if (G_UNLIKELY((i >= r->limit_n) | (len > r->max_field) | (r->qhead + i >= r->qtail))) {
        field_slow(r, i);
        return;
    }
    if (G_UNLIKELY(r->row_index == 0 && i == 0 && r->delim == ',')) {
        g_autofree char *h = g_strndup(s, len);
        r->header_hint = fs_csv_delimiter_hint(h);
    }
    if (!r->keep_text)
        return;
    if (i == r->fields_cap) {
        r->fields_cap = r->fields_cap ? 2 * r->fields_cap : 16;
        r->fields = g_renew(fs_csv_field, r->fields, r->fields_cap);
        r->offs = g_renew(size_t, r->offs, r->fields_cap);
    }
    if (r->text_cap - r->text_len < len + 1) {
        while (r->text_cap - r->text_len < len + 1)
            r->text_cap = r->text_cap ? 2 * r->text_cap : 256;
        r->text = g_realloc(r->text, r->text_cap);
    }
    if (len)
        memcpy(r->text + r->text_len, s, len);
    r->text[r->text_len + len] = '\0';
    r->offs[i] = r->text_len;
    r->fields[i].len = len;
    r->text_len += len + 1;
}

/* libcsv's row callback (a row always has at least one field). */
static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (r->failed)
        return;
    size_t n = r->nfields;
    const fstart *first = &r->q[r->qhead];
    if (r->row_index > 0 && n != r->header_n) {
        if (n > r->header_n) {
            const fstart *st = row_field(r, r->header_n);
            fail_at(r, FS_ERR_INPUT, START_LINE(st), START_COL(st),
                    "row has %zu fields but the header has %zu", n, r->header_n);
        } else {
            fail_at(r, FS_ERR_INPUT, first->line, first->colq >> 1,
                    "row has %zu field%s but the header has %zu", n, n == 1 ? "" : "s",
                    r->header_n);
        }
        return;
    }
    if (r->keep_text) {
        for (size_t i = 0; i < n; i++) {
            fs_csv_field *f = &r->fields[i];
            f->text = r->text + r->offs[i];
            f->line = first[i].line;
            f->col = first[i].colq >> 1;
            f->quoted = first[i].colq & 1;
        }
    }
    fs_csv_row row = {r->keep_text ? r->fields : NULL, n, first->line, r->row_index};
    if (!r->fn(&row, r->user, r->d)) {
        if (!r->failed && fs_diag_count(r->d) == 0)
            fs_diag_add(r->d, FS_ERR_INPUT, r->name, first->line, 0, "row rejected");
        r->failed = true;
        r->limit_n = 0;
        return;
    }
    if (r->row_index == 0) {
        r->header_n = n;
        r->limit_n = n;
        if (n == 1)
            r->delim_hint = r->header_hint;
    }
    r->row_index++;
    r->qhead += n;
    r->nfields = 0;
    r->text_len = 0;
}

/* ---- scanning ----------------------------------------------------------- */

/* Appends the start of a field at absolute offset at on the current line. */
static inline void push_start(reader *r, uint64_t at, bool quoted)
{
    fstart *st = &r->q[r->qtail++]; /* scan() reserved room for a whole block */
    st->line = r->line;
    st->colq = (col_of(r, at, r->line_cont) << 1) | (unsigned long)quoted;
}

/* Validates one UTF-8 sequence at s (lead byte >= 0x80), Unicode table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF. Returns its
 * length, 0 when it is cut off by the end of s (avail bytes), or -1 when
 * invalid; *why gets the reason. */
static int utf8_seq(const unsigned char *s, size_t avail, const char **why)
{
    unsigned char c = s[0];
    int n;
    unsigned char lo = 0x80, hi = 0xbf;
    *why = "invalid byte";
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        if (c == 0xc0 || c == 0xc1)
            *why = "overlong encoding";
        else if (c < 0xc0)
            *why = "stray continuation byte";
        return -1;
    }
    if (avail < 2)
        return 0;
    if (s[1] < lo || s[1] > hi) {
        if (s[1] >= 0x80 && s[1] <= 0xbf)
            *why = (c == 0xed) ? "encoded surrogate" : (c == 0xf4) ? "beyond U+10FFFF"
                                                                  : "overlong encoding";
        return -1;
    }
    for (int k = 2; k < n; k++) {
        if ((size_t)k >= avail)
            return 0;
        if ((s[k] & 0xc0) != 0x80) {
            *why = "incomplete sequence";
            return -1;
        }
    }
    return n;
}

/* A byte Windows-1252 has a character for: all but 81 8D 8F 90 9D. */
static bool in_cp1252(unsigned char c)
{
    return c != 0x81 && c != 0x8d && c != 0x8f && c != 0x90 && c != 0x9d;
}

static void utf8_error(reader *r, const unsigned char *b, size_t i, size_t n, const char *why)
{
    size_t k = n - i < 4 ? n - i : 4;
    GString *hex = g_string_new(NULL);
    for (size_t j = 0; j < k; j++) {
        if (j > 0 && (b[i + j] & 0xc0) != 0x80)
            break;
        g_string_append_printf(hex, "\\x%02x", b[i + j]);
    }
    /* a legacy single-byte text (é as E9): say how to read it */
    bool legacy = in_cp1252(b[i]) && strcmp(why, "encoded surrogate") != 0 &&
                  strcmp(why, "beyond U+10FFFF") != 0 && strcmp(why, "overlong encoding") != 0;
    fail_at(r, FS_ERR_INPUT, r->line, col_of(r, r->base + i, r->line_cont),
            "not UTF-8: %s %s (save the file as UTF-8%s)", why, hex->str,
            legacy ? ", or read it with --encoding windows-1252 if that is its encoding" : "");
    g_string_free(hex, TRUE);
}

static void nul_error(reader *r, const unsigned char *b, size_t i, size_t n)
{
    /* UTF-16 text without a BOM: ASCII characters come with a NUL byte
     * before (big endian) or after (little endian) them. */
    if (r->encoding)
        fail_at(r, FS_ERR_INPUT, r->line, col_of(r, r->base + i, r->line_cont),
                "NUL byte in %s text", r->encoding);
    else if (r->base == 0 && n >= 2 && ((b[0] != 0) != (b[1] != 0)))
        fail_at(r, FS_ERR_INPUT, 1, 1,
                "not UTF-8: the file looks like UTF-16 (NUL bytes); save it as UTF-8");
    else
        fail_at(r, FS_ERR_INPUT, r->line, col_of(r, r->base + i, r->line_cont),
                "not UTF-8: NUL byte");
}

/* Line and column of b[e], rescanning the block from the state m saved
 * when its scan began (only for an error, so not in the hot loop). */
static void locate(const reader *r, const unsigned char *b, size_t e, const mark *m,
                   unsigned long *line, unsigned long *col)
{
    unsigned long ln = m->line;
    uint64_t ls = m->line_start, cont = m->line_cont;
    for (size_t k = m->from; k < e; k++) {
        unsigned char c = b[k];
        if (c == '\r' || c == '\n') {
            if (c == '\r' || !(k > m->from ? b[k - 1] == '\r' : m->last_cr))
                ln++;
            ls = r->base + k + 1;
            cont = 0;
        } else if ((c & 0xc0) == 0x80) {
            cont++;
        }
    }
    *line = ln;
    *col = (unsigned long)(r->base + e - ls - cont + 1);
}

/* The start of the field libcsv is in, or NULL. */
static const fstart *current_field(const reader *r)
{
    return row_field(r, r->nfields);
}

/* Feeds b[ps .. pe) to libcsv in one call; m is the block's mark. */
static bool feed(reader *r, const unsigned char *b, size_t ps, size_t pe, const mark *m)
{
    if (pe == ps)
        return true;
    size_t got = csv_parse(&r->p, b + ps, pe - ps, on_field, on_row, r);
    if (r->failed)
        return false;
    const fstart *cur = current_field(r);
    if (got < pe - ps) {
        unsigned long line, col;
        locate(r, b, ps + got, m, &line, &col);
        if (csv_error(&r->p) != CSV_EPARSE)
            fail_at(r, FS_ERR_SYSTEM, line, col, "out of memory");
        else if (!cur || !(cur->colq & 1))
            fail_at(r, FS_ERR_INPUT, line, col,
                    "quote inside an unquoted field (quote the whole field and "
                    "double the quote: \"a \"\"b\"\"\")");
        else
            fail_at(r, FS_ERR_INPUT, line, col,
                    "text after the closing quote of a quoted field (a quote inside "
                    "quotes is written twice: \"\")");
        return false;
    }
    if (r->p.entry_pos > r->max_field) {
        bool q = cur && (cur->colq & 1);
        fail_at(r, FS_ERR_INPUT, cur ? cur->line : r->line, cur ? cur->colq >> 1 : 0,
                "field is longer than %zu bytes, the limit (FS_CSV_MAX_FIELD_BYTES)%s",
                r->max_field, q ? "; is a closing quote missing?" : "");
        return false;
    }
    /* Grow libcsv's field buffer geometrically (see LIBCSV_STEP). */
    if (r->p.entry_size >= r->p.blk_size)
        csv_set_blk_size(&r->p, r->p.entry_size);
    return true;
}

#define SCAN_ERROR ((size_t)-1)

/* Bit k set when b[k] may matter to the scan (w bytes, w <= 64): every
 * delimiter, quote, CR, LF, NUL and byte >= 0x80, and possibly other bytes
 * (the SSE2 path takes every byte < 0x20: one signed compare also catches
 * the bytes >= 0x80). The scan ignores the bytes that do not matter. */
static inline uint64_t special_mask(const reader *r, const unsigned char *b, size_t w)
{
#if HAVE_SSE2
    if (w == 64) {
        const __m128i v_dl = _mm_set1_epi8((char)r->delim), v_qu = _mm_set1_epi8('"'),
                      v_sp = _mm_set1_epi8(0x20);
        uint64_t mask = 0;
        for (int k = 0; k < 4; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * k));
            __m128i hit = _mm_or_si128(_mm_cmplt_epi8(v, v_sp),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, v_dl), _mm_cmpeq_epi8(v, v_qu)));
            mask |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << (16 * k);
        }
        return mask;
    }
#endif
    uint64_t mask = 0;
    for (size_t k = 0; k < w; k++)
        mask |= (uint64_t)r->special[b[k]] << k;
    return mask;
}

static inline unsigned lowest_bit(uint64_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#else
    unsigned k = 0;
    while (!(x & 1)) {
        x >>= 1;
        k++;
    }
    return k;
#endif
}

/* The hot loop keeps the reader's scan state in locals (stores into the
 * queue could otherwise alias r->line and force reloads); SCAN_SAVE() writes
 * it back before anything that reads it from r. */
#define SCAN_SAVE()                                                                                \
    (r->line = line, r->line_start = line_start, r->line_cont = line_cont, r->st = st,            \
     r->qtail = (size_t)(qt - r->q))

/* Records a field that starts at b[at] (see push_start()). */
#define SCAN_PUSH(at, quoted)                                                                      \
    (qt->line = line,                                                                              \
     qt->colq = ((unsigned long)(base + (at) - line_start - line_cont + 1) << 1) |                 \
                (unsigned long)(quoted),                                                           \
     qt++)

/* Between fields (ST_ROW or ST_FIELD), at b[pos]: skips blanks, as libcsv
 * does, and records the field that starts at the next byte, unless that is
 * a delimiter or a line end (the main loop decides those: an empty field
 * or a blank line) or the chunk ends first (the field stays pending until
 * the next chunk). An opening quote is consumed here. */
#define SCAN_RESOLVE(pos)                                                                          \
    do {                                                                                           \
        unsigned k_ = F_STOP;                                                                      \
        while (pos < n && (k_ = fcls[b[pos]]) == F_BLANK)                                          \
            pos++;                                                                                 \
        if (pos < n) {                                                                             \
            if (k_ == F_START) {                                                                   \
                SCAN_PUSH(pos, 0);                                                                 \
                st = ST_PLAIN;                                                                     \
            } else if (k_ == F_QUOTE) {                                                            \
                SCAN_PUSH(pos, 1);                                                                 \
                st = ST_QUOTED;                                                                    \
                pos++;                                                                             \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Scans b[0 .. n) (one chunk): validates, counts lines, records where
 * fields start, then feeds the chunk to libcsv in one call. Returns the
 * bytes consumed (all of them, except an incomplete UTF-8 sequence at the
 * end when !eof) or SCAN_ERROR after adding a diagnostic. */
static size_t scan_chunk(reader *r, const unsigned char *b, size_t n, bool eof)
{
    size_t i = 0;
    if (!r->started) {
        if (n < 3 && !eof)
            return 0;
        if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) {
            fail_at(r, FS_ERR_INPUT, 1, 1,
                    "not UTF-8: the file is UTF-16 (byte order mark %02X %02X); save it as "
                    "UTF-8, or read it with --encoding utf-16",
                    b[0], b[1]);
            return SCAN_ERROR;
        }
        if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
            i = 3;
            r->line_start = 3;
        }
        r->started = true;
    }
    r->content += n - i;

    /* The queue keeps the starts of the current row's fields (a row may go
     * on into this chunk); room for one start per byte, plus one at the end
     * of the file, so recording a start needs no check. */
    if (r->qhead > 0) {
        memmove(r->q, r->q + r->qhead, (r->qtail - r->qhead) * sizeof *r->q);
        r->qtail -= r->qhead;
        r->qhead = 0;
    }
    if (r->qcap - r->qtail < n + 2) {
        r->qcap = r->qtail + n + 2;
        r->q = g_renew(fstart, r->q, r->qcap);
    }

    const mark m = {i, r->line, r->line_start, r->line_cont, r->last_cr};
    const size_t ps = i;
    const uint64_t base = r->base;
    const unsigned char dl = r->delim, *fcls = r->fcls;
    unsigned long line = r->line;
    uint64_t line_start = r->line_start, line_cont = r->line_cont;
    int st = r->st;
    fstart *qt = r->q + r->qtail;

    if (st <= ST_FIELD)
        SCAN_RESOLVE(i);
    /* 64 bytes at a time: a mask of the bytes that may matter, taken lowest
     * first; a step that moves on past some of them (blanks, an opening
     * quote, UTF-8 continuation bytes) clears their bits. */
    while (i < n) {
        const size_t c = i, w = n - c < 64 ? n - c : 64;
        uint64_t mask = special_mask(r, b + c, w);
        i = c + w;
        while (mask) {
            size_t at = c + lowest_bit(mask), next = at + 1;
            unsigned char ch = b[at];
            if (ch == dl) {
                if (st != ST_QUOTED) {
                    if (st <= ST_FIELD) /* an empty field */
                        SCAN_PUSH(at, 0);
                    st = ST_FIELD;
                    SCAN_RESOLVE(next);
                }
            } else if (ch == '\n' || ch == '\r') {
                if (st == ST_FIELD) /* an empty last field */
                    SCAN_PUSH(at, 0);
                if (ch == '\r' || !(at > 0 ? b[at - 1] == '\r' : r->last_cr))
                    line++;
                line_start = base + next;
                line_cont = 0;
                if (st != ST_QUOTED) {
                    st = ST_ROW;
                    SCAN_RESOLVE(next);
                }
            } else if (ch == '"') {
                /* SCAN_RESOLVE consumed the opening quote. In a quoted field
                 * every quote toggles (a doubled quote twice); in an
                 * unquoted one it is an error libcsv reports. */
                if (st == ST_QUOTED)
                    st = ST_CLOSED;
                else if (st == ST_CLOSED)
                    st = ST_QUOTED;
            } else if (ch >= 0x80) {
                const char *why;
                int len;
                if (ch >= 0xc2 && ch <= 0xdf && next < n && (b[next] & 0xc0) == 0x80)
                    len = 2; /* the common 2-byte case, inline */
                else
                    len = utf8_seq(b + at, n - at, &why);
                if (len > 0) {
                    line_cont += (uint64_t)len - 1;
                    next = at + (size_t)len;
                } else {
                    SCAN_SAVE();
                    if (len == 0 && !eof) {
                        i = at;
                        goto carry; /* the next chunk starts with this sequence */
                    }
                    if (len == 0)
                        why = "truncated sequence at end of file";
                    /* libcsv sees the bytes before: an error there comes first */
                    if (!feed(r, b, ps, at, &m))
                        return SCAN_ERROR;
                    utf8_error(r, b, at, n, why);
                    return SCAN_ERROR;
                }
            } else if (ch == 0) {
                SCAN_SAVE();
                if (!feed(r, b, ps, at, &m))
                    return SCAN_ERROR;
                nul_error(r, b, at, n);
                return SCAN_ERROR;
            } /* else another byte below 0x20 (a TAB ...): nothing to do */
            if (next - c >= 64) {
                i = next;
                break;
            }
            mask &= ~(uint64_t)0 << (next - c);
        }
    }
    SCAN_SAVE();
    /* At the end of the file, a row that ends in a delimiter (and blanks)
     * has an empty last field there; csv_fini() completes it. */
    if (eof && r->st == ST_FIELD)
        push_start(r, base + i, false);
carry:
    if (!feed(r, b, ps, i, &m))
        return SCAN_ERROR;
    if (i > 0)
        r->last_cr = b[i - 1] == '\r';
    r->content -= n - i; /* the carried bytes are counted again next time */
    return i;
}

#undef SCAN_SAVE
#undef SCAN_PUSH
#undef SCAN_RESOLVE

/* Scans and feeds b[0 .. n) in chunks of r->chunk bytes, so that the
 * field starts recorded for a chunk are still in cache when libcsv's
 * callbacks take them. Same contract as scan_chunk(); r->base is the
 * offset of b[0] and is restored. */
static size_t scan(reader *r, const unsigned char *b, size_t n, bool eof)
{
    const uint64_t base = r->base;
    size_t off = 0;
    for (;;) {
        size_t len = n - off < r->chunk ? n - off : r->chunk;
        bool last = off + len == n;
        r->base = base + off;
        size_t used = scan_chunk(r, b + off, len, eof && last);
        if (used == SCAN_ERROR) {
            off = SCAN_ERROR;
            break;
        }
        off += used; /* at most 3 bytes of a sequence go to the next chunk */
        if (last || used == 0)
            break;
    }
    r->base = base;
    return off;
}

/* ---- other encodings (--encoding) -------------------------------------- */

/* The longest incomplete sequence carried from one block to the next. */
#define CARRY_MAX 32u
/* Converted text is scanned in pieces of this size at most. */
#define CONV_OUT (256u * 1024u)

/* Bytes in another encoding, converted to UTF-8 with GLib's iconv and
 * scanned as if the file were UTF-8: positions are those of the converted
 * text, which are the file's own lines and characters. */
typedef struct conv {
    GIConv cd;
    bool need_bom; /* "utf-16": the byte order is taken from a BOM only */
    bool started;  /* the file's first bytes were checked */
    bool flushed;  /* the converter's state was written out at the end */
    unsigned char *out;
    size_t out_len;
} conv;

static bool conv_open(conv *c, const char *encoding)
{
    memset(c, 0, sizeof *c);
    c->cd = g_iconv_open("UTF-8", encoding);
    if (c->cd == (GIConv)-1)
        return false;
    c->need_bom = g_ascii_strcasecmp(encoding, "utf-16") == 0 ||
                  g_ascii_strcasecmp(encoding, "utf16") == 0;
    c->out = g_malloc(CONV_OUT);
    return true;
}

/* conv_open(), or a diagnostic (fs_csv_parse_encoding() checks the name
 * first, so only a name from a caller that did not). */
static bool conv_open_or_fail(reader *r, conv *c)
{
    if (conv_open(c, r->encoding))
        return true;
    fail_at(r, FS_ERR_USAGE, 0, 0, "%s is not an encoding iconv knows", r->encoding);
    return false;
}

static void conv_close(conv *c)
{
    if (c->cd != (GIConv)-1)
        g_iconv_close(c->cd);
    g_free(c->out);
}

/* Scans the converted text held (all of it: iconv writes whole characters). */
static bool conv_flush(reader *r, conv *c, bool eof)
{
    size_t used = scan(r, c->out, c->out_len, eof);
    if (used == SCAN_ERROR)
        return false;
    memmove(c->out, c->out + used, c->out_len - used);
    c->out_len -= used;
    r->base += used;
    return true;
}

/* The file's first bytes: a UTF-8 BOM means the file is UTF-8, and utf-16
 * needs a BOM. Returns false after a diagnostic. */
static bool conv_start(reader *r, conv *c, const unsigned char *b, size_t n)
{
    c->started = true;
    r->started = true; /* no UTF-8 BOM or UTF-16 check on the converted text */
    if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
        fail_at(r, FS_ERR_INPUT, 1, 1,
                "the file is UTF-8 (it starts with a UTF-8 byte order mark): read it without "
                "--encoding %s",
                r->encoding);
        return false;
    }
    if (c->need_bom && n > 0 &&
        !(n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff)))) {
        fail_at(r, FS_ERR_INPUT, 1, 1,
                "no UTF-16 byte order mark (FF FE or FE FF): name the byte order, --encoding "
                "utf-16le or utf-16be");
        return false;
    }
    return true;
}

/* Converts b[0 .. n) and scans the text. Returns the bytes of b consumed
 * (all but an incomplete sequence at the end when !eof, which the caller
 * gives again with the bytes that follow) or SCAN_ERROR after a
 * diagnostic: a byte with no character in the encoding is an error at its
 * line:column, once the text before it was scanned (an error there comes
 * first). */
static size_t conv_feed(reader *r, conv *c, const unsigned char *b, size_t n, bool eof)
{
    if (!c->started) {
        if (n < 3 && !eof)
            return 0;
        if (!conv_start(r, c, b, n))
            return SCAN_ERROR;
    }
    char *ip = (char *)(uintptr_t)b;
    gsize il = n;
    for (;;) {
        char *op = (char *)c->out + c->out_len;
        gsize ol = CONV_OUT - c->out_len;
        int e = 0;
        if (il > 0) {
            if (g_iconv(c->cd, &ip, &il, &op, &ol) == (gsize)-1)
                e = errno;
        } else if (eof && !c->flushed) {
            if (g_iconv(c->cd, NULL, NULL, &op, &ol) == (gsize)-1)
                e = errno;
            else
                c->flushed = true;
        }
        c->out_len = (size_t)(op - (char *)c->out);
        if (e == E2BIG) {
            if (!conv_flush(r, c, false))
                return SCAN_ERROR;
            continue;
        }
        if (e == EILSEQ || (e == EINVAL && eof) || (e && e != EINVAL)) {
            if (!conv_flush(r, c, false))
                return SCAN_ERROR;
            unsigned long col = col_of(r, r->base, r->line_cont);
            if (e == EILSEQ)
                fail_at(r, FS_ERR_INPUT, r->line, col,
                        "not %s: byte \\x%02x has no character in it (is it the file's "
                        "encoding?)",
                        r->encoding, (unsigned char)*ip);
            else
                fail_at(r, FS_ERR_INPUT, r->line, col, "not %s: %s", r->encoding,
                        e == EINVAL ? "truncated sequence at end of file" : g_strerror(e));
            return SCAN_ERROR;
        }
        if (e == EINVAL || (il == 0 && (!eof || c->flushed)))
            break;
    }
    if (!conv_flush(r, c, eof))
        return SCAN_ERROR;
    return n - il;
}

static bool finish(reader *r)
{
    if (r->failed)
        return false;
    if (csv_fini(&r->p, on_field, on_row, r) != 0) {
        const fstart *cur = current_field(r);
        fail_at(r, FS_ERR_INPUT, cur ? cur->line : r->line, cur ? cur->colq >> 1 : 0,
                "unterminated quoted field: the quote opened here is never closed");
        return false;
    }
    if (r->failed)
        return false;
    if (r->row_index == 0) {
        fail_at(r, FS_ERR_INPUT, 0, 0, "no data rows: %s",
                r->content == 0 ? "the file is empty" : "the file has only blank lines");
        return false;
    }
    return true;
}

static void reader_init(reader *r, const char *name, const fs_csv_opts *o, fs_csv_row_fn fn,
                        void *user, fs_diag *d, bool keep_text, size_t chunk)
{
    memset(r, 0, sizeof *r);
    r->keep_text = keep_text;
    r->chunk = chunk < 4 ? 4 : chunk; /* room for one whole UTF-8 sequence */
    r->limit_n = FS_CSV_MAX_COLUMNS;
    r->name = name;
    r->d = d;
    r->fn = fn;
    r->user = user;
    r->delim = (unsigned char)fs_csv_delimiter_for(name, o);
    r->encoding = o ? o->encoding : NULL;
    r->max_field = FS_CSV_MAX_FIELD_BYTES;
    r->max_cols = FS_CSV_MAX_COLUMNS;
    csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&r->p, r->delim);
    csv_set_blk_size(&r->p, LIBCSV_STEP);
    r->special[r->delim] = true;
    r->special['"'] = true;
    r->special['\n'] = true;
    r->special['\r'] = true;
    r->special[0] = true;
    for (int c = 0x80; c < 0x100; c++)
        r->special[c] = true;
    r->line = 1;
    r->st = ST_ROW;
    r->fcls[' '] = F_BLANK;
    r->fcls['\t'] = F_BLANK;
    r->fcls['"'] = F_QUOTE;
    r->fcls['\r'] = F_STOP;
    r->fcls['\n'] = F_STOP;
    r->fcls[r->delim] = F_STOP;
}

static void reader_clear(reader *r)
{
    csv_free(&r->p);
    g_free(r->q);
    g_free(r->text);
    g_free(r->fields);
    g_free(r->offs);
}

/* ---- public ------------------------------------------------------------- */

static bool read_buffer(const char *name, const char *buf, size_t len, const fs_csv_opts *o,
                        fs_csv_row_fn fn, void *user, fs_diag *d, bool keep_text)
{
    reader r;
    reader_init(&r, name, o, fn, user, d, keep_text, BUFFER_CHUNK);
    const unsigned char *b = (const unsigned char *)(buf ? buf : "");
    bool ok;
    if (r.encoding) {
        conv c;
        ok = conv_open_or_fail(&r, &c) && conv_feed(&r, &c, b, len, true) != SCAN_ERROR &&
             finish(&r);
        conv_close(&c);
    } else {
        ok = scan(&r, b, len, true) != SCAN_ERROR && finish(&r);
    }
    reader_clear(&r);
    return ok;
}

bool fs_csv_read_buffer(const char *name, const char *buf, size_t len, const fs_csv_opts *o,
                        fs_csv_row_fn fn, void *user, fs_diag *d)
{
    return read_buffer(name, buf, len, o, fn, user, d, true);
}

bool fs_csv_validate_buffer(const char *name, const char *buf, size_t len, const fs_csv_opts *o,
                            fs_csv_row_fn fn, void *user, fs_diag *d)
{
    return read_buffer(name, buf, len, o, fn, user, d, false);
}

/* English text for the errors a user meets most, so messages (and tests)
 * do not depend on the locale; anything else through g_strerror. */
static const char *err_text(int e)
{
    switch (e) {
    case ENOENT: return "No such file or directory";
    case EACCES: return "Permission denied";
    case EISDIR: return "Is a directory";
    default: return g_strerror(e);
    }
}

/* Reads fd to its end. A borrowed descriptor (a regular file the caller
 * opened and keeps) is read with pread from offset 0, so its file offset is
 * neither used nor moved and it can be read again; otherwise fd is read
 * with read and closed. */
static bool read_fd(int fd, bool borrowed, bool is_stdin, const char *path, const fs_csv_opts *o,
                    fs_csv_row_fn fn, void *user, fs_diag *d, bool keep_text)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read: %s", err_text(EISDIR));
        if (!borrowed)
            close(fd);
        return false;
    }
    /* standard input is read to its end like a file, a pipe included */
    bool fifo = !is_stdin && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
    bool positional = borrowed && !fifo;
    if (!fifo && !borrowed)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    bool got_any = false;
    off_t pos = 0;

    reader r;
    reader_init(&r, path, o, fn, user, d, keep_text, SCAN_CHUNK);
    /* room for a carried incomplete sequence before each block */
    unsigned char *buf = g_malloc(BLOCK_SIZE + CARRY_MAX);
    size_t carry = 0;
    conv c, *cv = NULL;
    bool ok = true;
    if (r.encoding) {
        ok = conv_open_or_fail(&r, &c);
        cv = &c;
    }
    while (ok) {
        ssize_t got = positional ? pread(fd, buf + carry, BLOCK_SIZE, pos)
                                 : read(fd, buf + carry, BLOCK_SIZE);
        if (got < 0 && fifo && errno == EAGAIN) {
            /* a writer is there but has written nothing yet: wait for it */
            struct pollfd pfd = {.fd = fd, .events = POLLIN};
            poll(&pfd, 1, -1);
            got_any = true;
            continue;
        }
        if (got == 0 && fifo && !got_any) {
            /* a FIFO open for reading with no writer reads as end of file */
            fail_at(&r, FS_ERR_SYSTEM, 0, 0, "cannot read: no process writes to this FIFO");
            ok = false;
            break;
        }
        if (got > 0) {
            got_any = true;
            pos += got;
        }
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fail_at(&r, FS_ERR_SYSTEM, 0, 0, "cannot read: %s", err_text(errno));
            ok = false;
            break;
        }
        bool eof = got == 0;
        size_t n = carry + (size_t)got;
        size_t used = cv ? conv_feed(&r, cv, buf, n, eof) : scan(&r, buf, n, eof);
        if (used == SCAN_ERROR) {
            ok = false;
            break;
        }
        if (eof)
            break;
        carry = n - used;
        if (carry > CARRY_MAX) { /* no encoding has sequences this long */
            fail_at(&r, FS_ERR_INPUT, r.line, 0, "not %s: a sequence longer than %u bytes",
                    r.encoding, CARRY_MAX);
            ok = false;
            break;
        }
        memmove(buf, buf + used, carry);
        if (!cv)
            r.base += used; /* conv_feed() counts the converted text */
    }
    if (cv)
        conv_close(cv);
    if (!borrowed)
        close(fd);
    g_free(buf);
    if (ok)
        ok = finish(&r);
    reader_clear(&r);
    return ok;
}

static bool read_file(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                      fs_diag *d, bool keep_text)
{
    /* "-": standard input, read through a copy of its descriptor (which
     * read_fd closes), named <stdin> in messages */
    if (strcmp(path, "-") == 0) {
        int in = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
        if (in < 0) {
            fs_diag_add(d, FS_ERR_SYSTEM, FS_CSV_STDIN, 0, 0, "cannot read: %s", err_text(errno));
            return false;
        }
        return read_fd(in, false, true, FS_CSV_STDIN, o, fn, user, d, keep_text);
    }
    /* O_NONBLOCK: opening a FIFO that no process writes to must not hang.
     * read_fd clears it again for everything but a FIFO. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        /* A missing file is a wrong argument (bad input, exit 1); an existing
         * file we cannot open is the system failing us (exit 3). */
        fs_diag_add(d, e == ENOENT ? FS_ERR_INPUT : FS_ERR_SYSTEM, path, 0, 0,
                    "cannot open: %s", err_text(e));
        return false;
    }
    return read_fd(fd, false, false, path, o, fn, user, d, keep_text);
}

bool fs_csv_read_file(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                      fs_diag *d)
{
    return read_file(path, o, fn, user, d, true);
}

bool fs_csv_validate_file(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                          fs_diag *d)
{
    return read_file(path, o, fn, user, d, false);
}

bool fs_csv_read_fd(int fd, const char *name, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                    fs_diag *d)
{
    return read_fd(fd, true, false, name, o, fn, user, d, true);
}

const char *fs_csv_libcsv_version(void)
{
    return G_STRINGIFY(CSV_MAJOR) "." G_STRINGIFY(CSV_MINOR) "." G_STRINGIFY(CSV_RELEASE);
}

bool fs_csv_parse_delimiter(const char *arg, char *out)
{
    if (!arg)
        return false;
    if (g_ascii_strcasecmp(arg, "tab") == 0 || strcmp(arg, "\t") == 0) {
        *out = '\t';
        return true;
    }
    if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0 || strcmp(arg, "|") == 0) {
        *out = arg[0];
        return true;
    }
    return false;
}

bool fs_csv_parse_decimal(const char *arg, char *out)
{
    if (!arg || (strcmp(arg, ".") != 0 && strcmp(arg, ",") != 0))
        return false;
    *out = arg[0];
    return true;
}

bool fs_csv_parse_encoding(const char *arg, const char **out)
{
    if (!arg || !*arg)
        return false;
    if (g_ascii_strcasecmp(arg, "utf-8") == 0 || g_ascii_strcasecmp(arg, "utf8") == 0) {
        *out = NULL;
        return true;
    }
    GIConv cd = g_iconv_open("UTF-8", arg);
    if (cd == (GIConv)-1)
        return false;
    g_iconv_close(cd);
    *out = arg;
    return true;
}

const char *fs_csv_delimiter_hint(const char *header)
{
    if (header && strchr(header, ';'))
        return "; the header is one column with ';' in it: give --delimiter ';' (in a spec: "
               "delimiter = ;)";
    if (header && strchr(header, '\t'))
        return "; the header is one column with a TAB in it: give --delimiter tab (in a spec: "
               "delimiter = tab)";
    return NULL;
}

const char *fs_csv_name(const char *path)
{
    return path && strcmp(path, "-") == 0 ? FS_CSV_STDIN : path;
}

char fs_csv_delimiter_for(const char *path, const fs_csv_opts *o)
{
    if (o && o->delimiter)
        return o->delimiter;
    size_t n = path ? strlen(path) : 0;
    if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".tsv") == 0)
        return '\t';
    return ',';
}
