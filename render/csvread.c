/* csvread: CSV bytes -> rows of fields with line:column. See csvread.h.
 *
 * How positions are found. libcsv reports fields and rows but no positions.
 * So this module scans the bytes itself (it must anyway, to validate UTF-8,
 * reject NUL bytes and count lines) and feeds libcsv in pieces that end
 * right after each delimiter, CR or LF byte. libcsv only completes a field
 * when it consumes one of those bytes (or in csv_fini), so every callback
 * fires at the end of the piece just fed, and at most one field ends per
 * piece. After a piece, if libcsv is between fields, the next field starts
 * right after it (leading blanks skipped). Inside a quoted field the pieces
 * simply produce no callbacks. When libcsv stops on a strict-mode error,
 * csv_parse returns fewer bytes than given: that offset is the bad byte.
 *
 * The scan is one tight loop over a byte-class table; only delimiters, line
 * ends, NUL and bytes >= 0x80 leave it. Columns are counted in characters:
 * col = bytes since the line start - UTF-8 continuation bytes among them + 1.
 * The input is read in 64 KiB blocks; an incomplete UTF-8 sequence at the
 * end of a block is carried over to the next one.
 *
 * It does not know about numbers, column names or what a row means: rows go
 * to the caller's callback, and only the current row is kept in memory. */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK_SIZE (64u * 1024u)
/* fs_csv_read_buffer scans in windows of this size (not BLOCK_SIZE, so the
 * unit tests compare two different block layouts). */
#define BUFFER_WINDOW (1024u * 1024u)
/* Longest quoted excerpt of user text in a message, in characters. */
#define QUOTE_CHARS 60

/* libcsv 3.0.3 keeps its state in the public struct csv_parser; pstate 0
 * (ROW_NOT_BEGUN) and 1 (FIELD_NOT_BEGUN) mean "between fields". */
#define LIBCSV_BETWEEN_FIELDS(p) ((p)->pstate <= 1)

enum { C_PLAIN = 0, C_DELIM, C_LF, C_CR, C_NUL, C_HIGH };

typedef struct reader {
    const char *name;
    fs_diag *d;
    fs_csv_row_fn fn;
    void *user;
    unsigned char delim;
    size_t max_field;
    size_t max_cols;
    struct csv_parser p;
    unsigned char cls[256];

    /* position */
    uint64_t base;       /* absolute offset of b[0] of the block being scanned */
    unsigned long line;  /* current physical line, 1-based */
    uint64_t line_start; /* absolute offset where the current line starts */
    uint64_t line_cont;  /* UTF-8 continuation bytes on this line before the scan point */
    bool last_cr;        /* the last byte scanned in the previous block was CR */
    bool started;        /* BOM / UTF-16 check done */
    uint64_t content;    /* bytes after the BOM seen so far */

    /* the field being parsed */
    bool fpending; /* its start is not known yet (still skipping blanks) */
    unsigned long fline, fcol;
    bool fquoted;

    /* the row being parsed */
    /* Plain growable arrays, not GString/GArray: this is the per-field hot
     * path. fields[i].text is set from offs[i] when the row is complete,
     * because text may move while the row grows. */
    char *text; /* field texts, each NUL-terminated */
    size_t text_len, text_cap;
    fs_csv_field *fields;
    size_t *offs;
    size_t fields_cap;
    size_t nfields;  /* fields seen in this row, stored or not */
    unsigned long row_line, row_col;
    size_t row_index;
    size_t header_n;
    unsigned long extra_line, extra_col; /* first field beyond the header's count */

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
    fs_diag_add(r->d, st, r->name, line, col, "%s", msg);
    r->failed = true;
}

/* Column in characters of absolute offset at, on the current line, given
 * the continuation bytes before it on that line. */
static unsigned long col_of(const reader *r, uint64_t at, uint64_t cont)
{
    return (unsigned long)(at - r->line_start - cont + 1);
}

static size_t count_cont(const unsigned char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += (s[i] & 0xc0) == 0x80;
    return c;
}

/* ---- libcsv callbacks --------------------------------------------------- */

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->failed)
        return;
    r->nfields++;
    if (r->nfields == 1) {
        r->row_line = r->fline;
        r->row_col = r->fcol;
    }
    if (r->row_index == 0) {
        if (r->nfields > r->max_cols) {
            fail_at(r, FS_ERR_INPUT, r->fline, r->fcol,
                    "the header has more than %zu columns, the limit (FS_CSV_MAX_COLUMNS)",
                    r->max_cols);
            return;
        }
    } else if (r->nfields > r->header_n) {
        /* Too wide: keep counting (cheaply, nothing stored) to report the
         * count, but give up at the column limit. */
        if (r->nfields == r->header_n + 1) {
            r->extra_line = r->fline;
            r->extra_col = r->fcol;
        }
        if (r->nfields > r->max_cols)
            fail_at(r, FS_ERR_INPUT, r->extra_line, r->extra_col,
                    "row has more than %zu fields, the limit (FS_CSV_MAX_COLUMNS), "
                    "but the header has %zu",
                    r->max_cols, r->header_n);
        return;
    }
    if (len > r->max_field) {
        fail_at(r, FS_ERR_INPUT, r->fline, r->fcol,
                "field is longer than %zu bytes, the limit (FS_CSV_MAX_FIELD_BYTES)",
                r->max_field);
        return;
    }
    size_t i = r->nfields - 1;
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
    r->text_len += len + 1;
    fs_csv_field *f = &r->fields[i];
    f->len = len;
    f->line = r->fline;
    f->col = r->fcol;
    f->quoted = r->fquoted;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (r->failed)
        return;
    if (r->row_index > 0 && r->nfields != r->header_n) {
        if (r->nfields > r->header_n)
            fail_at(r, FS_ERR_INPUT, r->extra_line, r->extra_col,
                    "row has %zu fields but the header has %zu", r->nfields, r->header_n);
        else
            fail_at(r, FS_ERR_INPUT, r->row_line, r->row_col,
                    "row has %zu field%s but the header has %zu", r->nfields,
                    r->nfields == 1 ? "" : "s", r->header_n);
        return;
    }
    for (size_t i = 0; i < r->nfields; i++)
        r->fields[i].text = r->text + r->offs[i];
    fs_csv_row row = {r->fields, r->nfields, r->row_line, r->row_index};
    if (!r->fn(&row, r->user, r->d)) {
        if (!r->failed && fs_diag_count(r->d) == 0)
            fs_diag_add(r->d, FS_ERR_INPUT, r->name, r->row_line, 0, "row rejected");
        r->failed = true;
        return;
    }
    if (r->row_index == 0)
        r->header_n = r->nfields;
    r->row_index++;
    r->nfields = 0;
    r->text_len = 0;
}

/* ---- scanning ----------------------------------------------------------- */

/* Resolves the start of the field that begins at b[q]: skips spaces and
 * tabs (unless TAB is the delimiter), as libcsv does. If the block ends
 * first, the start stays pending until the next block. */
static void resolve_start(reader *r, const unsigned char *b, size_t n, size_t q)
{
    unsigned char dl = r->delim;
    while (q < n && (b[q] == ' ' || b[q] == '\t') && b[q] != dl)
        q++;
    r->fline = r->line;
    r->fcol = col_of(r, r->base + q, r->line_cont);
    if (q == n) {
        r->fpending = true;
        r->fquoted = false;
        return;
    }
    r->fpending = false;
    r->fquoted = b[q] == '"';
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

static void utf8_error(reader *r, const unsigned char *b, size_t i, size_t n, const char *why)
{
    size_t k = n - i < 4 ? n - i : 4;
    GString *hex = g_string_new(NULL);
    for (size_t j = 0; j < k; j++) {
        if (j > 0 && (b[i + j] & 0xc0) != 0x80)
            break;
        g_string_append_printf(hex, "\\x%02x", b[i + j]);
    }
    fail_at(r, FS_ERR_INPUT, r->line, col_of(r, r->base + i, r->line_cont),
            "not UTF-8: %s %s (save the file as UTF-8)", why, hex->str);
    g_string_free(hex, TRUE);
}

static void nul_error(reader *r, const unsigned char *b, size_t i, size_t n)
{
    /* UTF-16 text without a BOM: ASCII characters come with a NUL byte
     * before (big endian) or after (little endian) them. */
    if (r->base == 0 && n >= 2 && ((b[0] != 0) != (b[1] != 0)))
        fail_at(r, FS_ERR_INPUT, 1, 1,
                "not UTF-8: the file looks like UTF-16 (NUL bytes); save it as UTF-8");
    else
        fail_at(r, FS_ERR_INPUT, r->line, col_of(r, r->base + i, r->line_cont),
                "not UTF-8: NUL byte");
}

/* Feeds b[ps .. pe) to libcsv. cont_ps: line_cont at ps. */
static bool feed(reader *r, const unsigned char *b, size_t ps, size_t pe, uint64_t cont_ps)
{
    size_t got = csv_parse(&r->p, b + ps, pe - ps, on_field, on_row, r);
    if (r->failed)
        return false;
    if (got < pe - ps) {
        size_t e = ps + got;
        unsigned long col = col_of(r, r->base + e, cont_ps + count_cont(b + ps, got));
        if (csv_error(&r->p) != CSV_EPARSE)
            fail_at(r, FS_ERR_SYSTEM, r->line, col, "out of memory");
        else if (!r->fquoted)
            fail_at(r, FS_ERR_INPUT, r->line, col,
                    "quote inside an unquoted field (quote the whole field and "
                    "double the quote: \"a \"\"b\"\"\")");
        else
            fail_at(r, FS_ERR_INPUT, r->line, col,
                    "text after the closing quote of a quoted field (a quote inside "
                    "quotes is written twice: \"\")");
        return false;
    }
    if (r->p.entry_pos > r->max_field) {
        fail_at(r, FS_ERR_INPUT, r->fline, r->fcol,
                "field is longer than %zu bytes, the limit (FS_CSV_MAX_FIELD_BYTES)%s",
                r->max_field, r->fquoted ? "; is a closing quote missing?" : "");
        return false;
    }
    /* Grow libcsv's field buffer geometrically (its default adds 128 bytes
     * at a time, which is quadratic for a 50 MB field). */
    if (r->p.entry_size >= r->p.blk_size)
        csv_set_blk_size(&r->p, r->p.entry_size);
    return true;
}

#define SCAN_ERROR ((size_t)-1)

/* Scans b[0 .. n): validates, counts lines and feeds libcsv. Returns the
 * bytes consumed (all of them, except an incomplete UTF-8 sequence at the
 * end when !eof) or SCAN_ERROR after adding a diagnostic. */
static size_t scan(reader *r, const unsigned char *b, size_t n, bool eof)
{
    size_t i = 0;
    if (!r->started) {
        if (n < 3 && !eof)
            return 0;
        if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) {
            fail_at(r, FS_ERR_INPUT, 1, 1,
                    "not UTF-8: the file is UTF-16 (byte order mark %02X %02X); save it as UTF-8",
                    b[0], b[1]);
            return SCAN_ERROR;
        }
        if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
            i = 3;
            r->line_start = 3;
        }
        r->started = true;
        resolve_start(r, b, n, i);
    } else if (r->fpending) {
        resolve_start(r, b, n, 0);
    }
    r->content += n - i;

    const unsigned char *cls = r->cls;
    size_t ps = i;
    uint64_t cont_ps = r->line_cont;
    for (;;) {
        while (i + 4 <= n && !cls[b[i]] && !cls[b[i + 1]] && !cls[b[i + 2]] && !cls[b[i + 3]])
            i += 4;
        while (i < n && !cls[b[i]])
            i++;
        if (i == n)
            break;
        unsigned char k = cls[b[i]];
        if (k == C_HIGH) {
            const char *why;
            int len = utf8_seq(b + i, n - i, &why);
            if (len > 0) {
                r->line_cont += (uint64_t)len - 1;
                i += (size_t)len;
                continue;
            }
            if (len == 0 && !eof)
                break; /* carried over to the next block */
            if (len == 0)
                why = "truncated sequence at end of file";
            if (!feed(r, b, ps, i, cont_ps))
                return SCAN_ERROR;
            utf8_error(r, b, i, n, why);
            return SCAN_ERROR;
        }
        if (k == C_NUL) {
            if (!feed(r, b, ps, i, cont_ps))
                return SCAN_ERROR;
            nul_error(r, b, i, n);
            return SCAN_ERROR;
        }
        /* delimiter, CR or LF: end the piece here */
        i++;
        if (!feed(r, b, ps, i, cont_ps))
            return SCAN_ERROR;
        if (k == C_CR) {
            r->line++;
            r->line_start = r->base + i;
            r->line_cont = 0;
        } else if (k == C_LF) {
            bool after_cr = i >= 2 ? b[i - 2] == '\r' : r->last_cr;
            if (!after_cr)
                r->line++;
            r->line_start = r->base + i;
            r->line_cont = 0;
        }
        if (LIBCSV_BETWEEN_FIELDS(&r->p))
            resolve_start(r, b, n, i);
        ps = i;
        cont_ps = r->line_cont;
    }
    if (ps < i && !feed(r, b, ps, i, cont_ps))
        return SCAN_ERROR;
    if (i > 0)
        r->last_cr = b[i - 1] == '\r';
    r->content -= n - i; /* the carried bytes are counted again next time */
    return i;
}

static bool finish(reader *r)
{
    if (r->failed)
        return false;
    if (csv_fini(&r->p, on_field, on_row, r) != 0) {
        fail_at(r, FS_ERR_INPUT, r->fline, r->fcol,
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
                        void *user, fs_diag *d)
{
    memset(r, 0, sizeof *r);
    r->name = name;
    r->d = d;
    r->fn = fn;
    r->user = user;
    r->delim = (unsigned char)fs_csv_delimiter_for(name, o);
    r->max_field = FS_CSV_MAX_FIELD_BYTES;
    r->max_cols = FS_CSV_MAX_COLUMNS;
    csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&r->p, r->delim);
    csv_set_blk_size(&r->p, 4096);
    r->cls[r->delim] = C_DELIM;
    r->cls['\n'] = C_LF;
    r->cls['\r'] = C_CR;
    r->cls[0] = C_NUL;
    for (int c = 0x80; c < 0x100; c++)
        r->cls[c] = C_HIGH;
    r->line = 1;
    r->fpending = true;
    r->fline = 1;
    r->fcol = 1;
}

static void reader_clear(reader *r)
{
    csv_free(&r->p);
    g_free(r->text);
    g_free(r->fields);
    g_free(r->offs);
}

/* ---- public ------------------------------------------------------------- */

bool fs_csv_read_buffer(const char *name, const char *buf, size_t len, const fs_csv_opts *o,
                        fs_csv_row_fn fn, void *user, fs_diag *d)
{
    reader r;
    reader_init(&r, name, o, fn, user, d);
    /* Scan in windows, as the file reader does in blocks: libcsv grows its
     * field buffer by a fixed step within one csv_parse call, so one call
     * over a huge field would be quadratic where realloc copies. */
    const unsigned char *b = (const unsigned char *)(buf ? buf : "");
    bool ok = true;
    size_t off = 0;
    do {
        size_t n = len - off < BUFFER_WINDOW ? len - off : BUFFER_WINDOW;
        bool eof = off + n == len;
        r.base = off;
        size_t used = scan(&r, b + off, n, eof);
        if (used == SCAN_ERROR)
            ok = false;
        else
            off += used; /* at most 3 bytes of a sequence go to the next window */
        if (eof)
            break;
    } while (ok);
    if (ok)
        ok = finish(&r);
    reader_clear(&r);
    return ok;
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

bool fs_csv_read_file(const char *path, const fs_csv_opts *o, fs_csv_row_fn fn, void *user,
                      fs_diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        /* A missing file is a wrong argument (bad input, exit 1); an existing
         * file we cannot open is the system failing us (exit 3). */
        fs_diag_add(d, e == ENOENT ? FS_ERR_INPUT : FS_ERR_SYSTEM, path, 0, 0,
                    "cannot open: %s", err_text(e));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot read: %s", err_text(EISDIR));
        close(fd);
        return false;
    }

    reader r;
    reader_init(&r, path, o, fn, user, d);
    unsigned char *buf = g_malloc(BLOCK_SIZE + 4);
    size_t carry = 0;
    bool ok = true;
    for (;;) {
        ssize_t got = read(fd, buf + carry, BLOCK_SIZE);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fail_at(&r, FS_ERR_SYSTEM, 0, 0, "cannot read: %s", err_text(errno));
            ok = false;
            break;
        }
        bool eof = got == 0;
        size_t n = carry + (size_t)got;
        size_t used = scan(&r, buf, n, eof);
        if (used == SCAN_ERROR) {
            ok = false;
            break;
        }
        if (eof)
            break;
        carry = n - used;
        memmove(buf, buf + used, carry);
        r.base += used;
    }
    close(fd);
    g_free(buf);
    if (ok)
        ok = finish(&r);
    reader_clear(&r);
    return ok;
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

char fs_csv_delimiter_for(const char *path, const fs_csv_opts *o)
{
    if (o && o->delimiter)
        return o->delimiter;
    size_t n = path ? strlen(path) : 0;
    if (n >= 4 && g_ascii_strcasecmp(path + n - 4, ".tsv") == 0)
        return '\t';
    return ',';
}
