/* table: rows from csvread -> a table in memory. See table.h.
 *
 * Every cell is kept as text, NUL-terminated, in one arena (a GString that
 * only grows while loading), with its line:column; cells are found by
 * offset, so no per-cell allocation. Columns are typed on request only:
 * fs_table_numbers() parses a value column by rule 7 of the CSV policy and
 * names the first bad cell. The number grammar is checked here by hand and
 * only then given to g_ascii_strtod, so the process locale never matters.
 *
 * It does not read bytes (csvread does) and does not decide which columns a
 * chart uses (the caller asks by name). */
#include "table.h"

#include "keyfile.h" /* fs_keyfile_nearest(): "did you mean" */

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Longest excerpt of a cell or a name in a message, in characters. */
#define QUOTE_CHARS 60
/* How many column names a "no column" message lists. */
#define LIST_NAMES 20
/* The reason given when no more specific one applies. */
#define NOT_DECIMAL "not a decimal number"

typedef struct cell {
    size_t off; /* into arena */
    size_t len;
    unsigned long line, col;
} cell;

struct fs_table {
    char *name;
    size_t ncols;
    size_t nrows;     /* data rows, header not counted */
    GString *arena;   /* cell texts */
    GArray *cells;    /* cell, (nrows + 1) * ncols, row 0 = the header */
    GArray *row_line; /* unsigned long per data row */
    char decimal;     /* '.' or ',': the decimal sign its numbers are read with */
    char **missing;   /* --missing: the cell texts that mean "no value", trimmed; or NULL */
};

/* ---- loading ------------------------------------------------------------ */

static bool on_row(const fs_csv_row *row, void *user, fs_diag *d)
{
    (void)d;
    fs_table *t = user;
    if (row->index == 0)
        t->ncols = row->n;
    else
        g_array_append_val(t->row_line, row->line);
    for (size_t i = 0; i < row->n; i++) {
        const fs_csv_field *f = &row->fields[i];
        cell c = {t->arena->len, f->len, f->line, f->col};
        g_string_append_len(t->arena, f->text, (gssize)f->len);
        g_string_append_c(t->arena, '\0');
        g_array_append_val(t->cells, c);
    }
    if (row->index > 0)
        t->nrows++;
    return true;
}

static fs_table *table_new(const char *name)
{
    fs_table *t = g_new0(fs_table, 1);
    t->name = g_strdup(name);
    t->decimal = '.';
    t->arena = g_string_new(NULL);
    t->cells = g_array_new(FALSE, FALSE, sizeof(cell));
    t->row_line = g_array_new(FALSE, FALSE, sizeof(unsigned long));
    return t;
}

static fs_table *finish_load(fs_table *t, bool ok, fs_diag *d)
{
    if (ok && t->nrows == 0) {
        const cell *h = &g_array_index(t->cells, cell, 0);
        fs_diag_add(d, FS_ERR_INPUT, t->name, h->line, 0,
                    "no data rows: only a header line");
        ok = false;
    }
    if (!ok) {
        fs_table_free(t);
        return NULL;
    }
    return t;
}

/* The decimal sign o asks for: ',' or '.'. */
static char decimal_of(const fs_csv_opts *o)
{
    return o && o->decimal == ',' ? ',' : '.';
}

/* o's --missing LIST as trimmed texts ("" is the empty cell); NULL for none. */
static char **missing_of(const fs_csv_opts *o)
{
    if (!o || !o->missing)
        return NULL;
    char **list = g_strsplit(o->missing, ",", -1);
    if (!list[0]) { /* "" splits into nothing: it lists the empty cell */
        g_strfreev(list);
        list = g_new0(char *, 2);
        list[0] = g_strdup("");
    }
    for (char **m = list; *m; m++)
        g_strstrip(*m);
    return list;
}

/* Whether s[0 .. len) (trimmed) is one of t's missing-value texts. */
static bool is_missing(const char *const *missing, const char *s, size_t len)
{
    if (!missing)
        return false;
    size_t a = 0, b = len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    for (const char *const *m = missing; *m; m++)
        if (strlen(*m) == b - a && memcmp(*m, s + a, b - a) == 0)
            return true;
    return false;
}

fs_table *fs_table_load(const char *path, const fs_csv_opts *o, fs_diag *d)
{
    fs_table *t = table_new(fs_csv_name(path));
    t->decimal = decimal_of(o);
    t->missing = missing_of(o);
    bool ok = fs_csv_read_file(path, o, on_row, t, d);
    return finish_load(t, ok, d);
}

fs_table *fs_table_load_fd(int fd, const char *name, const fs_csv_opts *o, fs_diag *d)
{
    fs_table *t = table_new(name);
    t->decimal = decimal_of(o);
    t->missing = missing_of(o);
    bool ok = fs_csv_read_fd(fd, name, o, on_row, t, d);
    return finish_load(t, ok, d);
}

fs_table *fs_table_load_buffer(const char *name, const char *buf, size_t len,
                               const fs_csv_opts *o, fs_diag *d)
{
    fs_table *t = table_new(name);
    t->decimal = decimal_of(o);
    t->missing = missing_of(o);
    bool ok = fs_csv_read_buffer(name, buf, len, o, on_row, t, d);
    return finish_load(t, ok, d);
}

/* fs_table_check_file: what finish_load() needs, and nothing per row. */
typedef struct check_count {
    size_t nrows;
    unsigned long header_line;
} check_count;

static bool on_row_count(const fs_csv_row *row, void *user, fs_diag *d)
{
    (void)d;
    check_count *c = user;
    if (row->index == 0)
        c->header_line = row->line;
    else
        c->nrows++;
    return true;
}

bool fs_table_check_file(const char *path, const fs_csv_opts *o, size_t *nrows, fs_diag *d)
{
    check_count c = {0, 0};
    bool ok = fs_csv_validate_file(path, o, on_row_count, &c, d);
    if (ok && c.nrows == 0) {
        /* the same words and place as finish_load() */
        fs_diag_add(d, FS_ERR_INPUT, fs_csv_name(path), c.header_line, 0,
                    "no data rows: only a header line");
        ok = false;
    }
    if (nrows)
        *nrows = ok ? c.nrows : 0;
    return ok;
}

void fs_table_free(fs_table *t)
{
    if (!t)
        return;
    g_free(t->name);
    g_strfreev(t->missing);
    g_string_free(t->arena, TRUE);
    g_array_free(t->cells, TRUE);
    g_array_free(t->row_line, TRUE);
    g_free(t);
}

/* ---- getters ------------------------------------------------------------ */

/* row: 0 = header, r + 1 = data row r. For an index in range by
 * construction (the loops below): never NULL, so no caller needs a check
 * (gcc -fanalyzer saw NULL dereferences after the old checked form). */
static const cell *cell_at(const fs_table *t, size_t row, size_t col)
{
    g_assert(row <= t->nrows && col < t->ncols);
    return &g_array_index(t->cells, cell, row * t->ncols + col);
}

/* The public getters' form of cell_at(): NULL, with a critical, for an
 * index out of range. */
static const cell *cell_checked(const fs_table *t, size_t row, size_t col)
{
    g_return_val_if_fail(row <= t->nrows && col < t->ncols, NULL);
    return cell_at(t, row, col);
}

const char *fs_table_name(const fs_table *t)
{
    return t->name;
}

size_t fs_table_ncols(const fs_table *t)
{
    return t->ncols;
}

size_t fs_table_nrows(const fs_table *t)
{
    return t->nrows;
}

const char *fs_table_header(const fs_table *t, size_t col)
{
    const cell *c = cell_checked(t, 0, col);
    return c ? t->arena->str + c->off : NULL;
}

const char *fs_table_cell(const fs_table *t, size_t row, size_t col)
{
    const cell *c = cell_checked(t, row + 1, col);
    return c ? t->arena->str + c->off : NULL;
}

size_t fs_table_cell_len(const fs_table *t, size_t row, size_t col)
{
    const cell *c = cell_checked(t, row + 1, col);
    return c ? c->len : 0;
}

unsigned long fs_table_row_line(const fs_table *t, size_t row)
{
    g_return_val_if_fail(row < t->nrows, 0);
    return g_array_index(t->row_line, unsigned long, row);
}

unsigned long fs_table_cell_line(const fs_table *t, size_t row, size_t col)
{
    const cell *c = cell_checked(t, row + 1, col);
    return c ? c->line : 0;
}

unsigned long fs_table_cell_col(const fs_table *t, size_t row, size_t col)
{
    const cell *c = cell_checked(t, row + 1, col);
    return c ? c->col : 0;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

fs_col_type fs_table_col_type(const fs_table *t, size_t col)
{
    bool any = false;
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *c = cell_checked(t, r + 1, col);
        if (!c)
            return FS_COL_TEXT;
        const char *s = t->arena->str + c->off;
        if (is_blank(s, c->len) || is_missing((const char *const *)t->missing, s, c->len))
            continue;
        any = true;
        double v;
        if (!fs_number_parse_dec(s, c->len, t->decimal, &v, NULL))
            return FS_COL_TEXT;
    }
    return any ? FS_COL_NUMBER : FS_COL_MISSING;
}

/* ---- columns ------------------------------------------------------------ */

bool fs_table_find_column(const fs_table *t, const char *name, size_t *col, fs_diag *d)
{
    unsigned long hline = t->ncols ? cell_at(t, 0, 0)->line : 0;
    if (!name || !*name) {
        fs_diag_add(d, FS_ERR_INPUT, t->name, hline, 0,
                    "an empty column name cannot be referred to");
        return false;
    }
    size_t found = SIZE_MAX;
    for (size_t i = 0; i < t->ncols; i++) {
        const cell *h = cell_at(t, 0, i);
        if (strcmp(t->arena->str + h->off, name) != 0)
            continue;
        if (found != SIZE_MAX) {
            const cell *f = cell_at(t, 0, found);
            g_autofree char *q = fs_diag_quote(name, -1, QUOTE_CHARS);
            fs_diag_add(d, FS_ERR_INPUT, t->name, h->line, h->col,
                        "column %s occurs twice in the header (columns %zu and %zu, "
                        "at %lu:%lu and %lu:%lu); rename one",
                        q, found + 1, i + 1, f->line, f->col, h->line, h->col);
            return false;
        }
        found = i;
    }
    if (found != SIZE_MAX) {
        *col = found;
        return true;
    }
    GString *list = g_string_new(NULL);
    for (size_t i = 0; i < t->ncols && i < LIST_NAMES; i++) {
        g_autofree char *q = fs_diag_quote(fs_table_header(t, i), -1, QUOTE_CHARS);
        g_string_append_printf(list, "%s%s", i ? ", " : "", q);
    }
    if (t->ncols > LIST_NAMES)
        g_string_append_printf(list, " and %zu more", t->ncols - LIST_NAMES);
    g_autofree char *q = fs_diag_quote(name, -1, QUOTE_CHARS);
    /* the nearest name, as for a spec key; or, when the header is one name
     * holding a ';' or a TAB, the delimiter it was meant to be read with */
    g_autofree const char **names = g_new0(const char *, t->ncols + 1);
    for (size_t i = 0, n = 0; i < t->ncols; i++)
        if (*fs_table_header(t, i)) /* an empty name cannot be referred to */
            names[n++] = fs_table_header(t, i);
    const char *delim = fs_csv_delimiter_hint(t->ncols == 1 ? names[0] : NULL);
    const char *near = delim ? NULL : fs_keyfile_nearest(name, names);
    g_autofree char *hint = NULL;
    if (near) {
        g_autofree char *qn = fs_diag_quote(near, -1, QUOTE_CHARS);
        hint = g_strdup_printf(" (did you mean %s?)", qn);
    }
    fs_diag_add(d, FS_ERR_INPUT, t->name, hline, 0, "no column %s%s; the columns are %s%s", q,
                hint ? hint : "", list->str, delim ? delim : "");
    g_string_free(list, TRUE);
    return false;
}

/* ---- numbers ------------------------------------------------------------ */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Written where a number would read with --decimal , (decimal = , in a spec). */
#define DECIMAL_COMMA_HINT                                                                         \
    "decimal comma? read the file with --decimal , (in a spec: decimal = ,) or write a point "     \
    "(1.5); commas only group thousands (1,275)"
#define POINT_GROUPS_HINT                                                                          \
    "thousands grouped with points? read the file with --decimal , (in a spec: decimal = ,)"
#define DECIMAL_POINT_HINT                                                                         \
    "decimal point, but the numbers are read with a decimal comma (--decimal ,): write 1,5; "    \
    "points and spaces only group thousands (1.275)"

static bool parse_comma(const char *s, size_t a, size_t b, double *out, const char **why);
static bool parse_point(const char *s, size_t a, size_t b, double *out, const char **why);

/* Why s (not a valid number with the decimal sign dec) was refused, for the
 * message; NULL when no reason says more than "not a decimal number". A
 * number that the other decimal sign would read says so, and how to ask
 * for it. */
static const char *explain(const char *s, size_t len, char dec)
{
    const char *end = s + len, *dummy;
    if (dec == '.') {
        /* 1,5 and 1.234,5 read with a decimal comma: say how to ask for it */
        size_t points = 0;
        for (const char *p = s; p < end; p++)
            points += *p == '.';
        bool comma = memchr(s, ',', len) != NULL;
        if ((comma || points > 1) && parse_comma(s, 0, len, NULL, &dummy))
            return comma ? DECIMAL_COMMA_HINT : POINT_GROUPS_HINT;
    } else if (memchr(s, '.', len) && parse_point(s, 0, len, NULL, &dummy)) {
        return DECIMAL_POINT_HINT;
    }
    for (const char *p = s; p < end; p++) {
        if ((unsigned char)*p < 0x80)
            continue;
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u == 0x2212)
            return "U+2212 minus sign; write an ASCII '-'";
        if (u == 0xa0 || u == 0x202f || u == 0x2009 || u == 0x2007 || g_unichar_isspace(u))
            return dec == '.' ? "non-ASCII space; write digits with no separator or with commas"
                              : "space that does not group thousands (groups of three digits, "
                                "one kind of separator)";
        if (g_unichar_isdigit(u))
            return "non-ASCII digit; write ASCII digits 0-9";
        return "non-ASCII character";
    }
    g_autofree char *low = g_ascii_strdown(s, (gssize)len);
    g_strstrip(low);
    const char *w = low + (low[0] == '+' || low[0] == '-');
    if (strcmp(w, "nan") == 0 || strcmp(w, "inf") == 0 || strcmp(w, "infinity") == 0)
        return "NaN and infinity are not allowed";
    if (w[0] == '0' && w[1] == 'x')
        return "hexadecimal is not allowed";
    if (memchr(s, '%', len))
        return "percent sign; write the number only";
    for (const char *p = w; *p; p++)
        if (*p == ' ' || *p == '\t')
            return dec == '.' ? "space inside the number"
                              : "space that does not group thousands (groups of three digits, "
                                "one kind of separator)";
    return NULL;
}

/* The common case without strtod: at most 15 digits and no exponent. The
 * digits make an integer below 2^53 and 10^k (k <= 22) is exact too, so one
 * division is correctly rounded: the same double as strtod's (Clinger's
 * fast path). Returns false when the token is not that simple. */
static bool convert_fast(const char *s, size_t len, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            m = m * 10 + (uint64_t)(c - '0');
            if (m != 0)
                digits++;
            if (frac >= 0)
                frac++;
        } else if (c == '.' && frac < 0) {
            frac = 0;
        } else if (c != ',') {
            return false; /* an exponent */
        }
        if (digits > 15)
            return false;
    }
    if (frac > 22)
        return false;
    double v = (double)m / pow10[frac > 0 ? frac : 0];
    *out = neg ? -v : v;
    return true;
}

/* s[0 .. len) is a valid token: hands a NUL-terminated copy without the
 * commas to g_ascii_strtod (the C locale's grammar, whatever the process
 * locale is). Only overflow can still fail. */
static bool convert(const char *s, size_t len, bool commas, double *out, const char **why)
{
    double fast;
    if (convert_fast(s, len, &fast)) {
        if (out)
            *out = fast;
        return true;
    }
    char small[64];
    char *tok = len < sizeof small ? small : g_malloc(len + 1);
    size_t n = 0;
    for (size_t k = 0; k < len; k++)
        if (!commas || s[k] != ',')
            tok[n++] = s[k];
    tok[n] = '\0';
    char *endp;
    double v = g_ascii_strtod(tok, &endp);
    bool ok = endp == tok + n && !isinf(v);
    if (tok != small)
        g_free(tok);
    if (!ok) {
        *why = isinf(v) ? "beyond the range of a double" : NOT_DECIMAL;
        return false;
    }
    /* A finite result with ERANGE is underflow: the value is (nearly) 0, which
     * is what a tiny number like 1e-400 means for a chart. */
    if (out)
        *out = v;
    return true;
}

/* The cell most data has, in one pass: [-+]digits[.digits] with at most 15
 * significant digits and no spaces, commas or exponent. Returns false for
 * anything else, which the full grammar then takes. */
static bool parse_plain(const char *s, size_t len, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = 0;
    bool neg = false;
    if (len && (s[0] == '-' || s[0] == '+'))
        neg = s[i++] == '-';
    size_t d0 = i;
    uint64_t m = 0;
    while (i < len && (unsigned)(s[i] - '0') < 10)
        m = m * 10 + (uint64_t)(s[i++] - '0');
    size_t intd = i - d0, frac = 0;
    if (i < len && s[i] == '.') {
        size_t f0 = ++i;
        while (i < len && (unsigned)(s[i] - '0') < 10)
            m = m * 10 + (uint64_t)(s[i++] - '0');
        frac = i - f0;
    }
    /* 15 digits in all (leading zeros included: a cheap, safe bound) */
    if (i != len || intd + frac == 0 || intd + frac > 15)
        return false;
    double v = (double)m / pow10[frac];
    if (out)
        *out = neg ? -v : v;
    return true;
}

/* The grammar of rule 7 with a decimal point over the trimmed s[a .. b)
 * (not empty): [+-] (digits | 1-3 digits (',' 3 digits)+) ['.' digits]
 * [(e|E) [+-] digits]. Returns false with *why NULL when s is not in it,
 * or with the reason when it is but cannot be a double. */
static bool parse_point(const char *s, size_t a, size_t b, double *out, const char **why)
{
    *why = NULL;
    size_t i = a;
    bool commas = false;
    if (s[i] == '+' || s[i] == '-')
        i++;
    size_t int_start = i;
    while (i < b && is_digit(s[i]))
        i++;
    size_t int_digits = i - int_start;
    if (i < b && s[i] == ',') {
        /* thousands groups: the first 1-3 digits, not starting with 0 */
        bool ok = int_digits >= 1 && int_digits <= 3 && s[int_start] != '0';
        while (ok && i < b && s[i] == ',') {
            if (b - i < 4 || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
                ok = false;
            i += 4;
            if (ok && i < b && is_digit(s[i]))
                ok = false;
        }
        if (!ok)
            return false;
        commas = true;
    }
    size_t frac_digits = 0;
    if (i < b && s[i] == '.') {
        i++;
        while (i < b && is_digit(s[i])) {
            i++;
            frac_digits++;
        }
    }
    if (int_digits + frac_digits == 0)
        return false;
    if (i < b && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < b && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e0 = i;
        while (i < b && is_digit(s[i]))
            i++;
        if (i == e0)
            return false;
    }
    if (i != b)
        return false;
    return convert(s + a, b - a, commas, out, why);
}

/* The length of a thousands separator of a number with a decimal comma at
 * s[i .. b): '.', a space, a no-break space (U+00A0), a narrow no-break
 * space (U+202F) or a thin space (U+2009); 0 for anything else. */
static size_t comma_group_sep(const char *s, size_t i, size_t b)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == '.' || u[0] == ' ')
        return 1;
    if (b - i >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    if (b - i >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xaf || u[2] == 0x89))
        return 3;
    return 0;
}

/* The grammar with a decimal comma (--decimal ,) over the trimmed s[a .. b)
 * (not empty): [+-] (digits | 1-3 digits (G 3 digits)+) [',' digits]
 * [(e|E) [+-] digits], where G is one of comma_group_sep()'s separators,
 * the same one throughout. The token is rewritten with a point and no
 * groups and converted as parse_point() converts. Same contract. */
static bool parse_comma(const char *s, size_t a, size_t b, double *out, const char **why)
{
    *why = NULL;
    char small[64];
    char *tok = b - a < sizeof small ? small : g_malloc(b - a + 1);
    size_t n = 0, i = a;
    bool ok = true;
    if (s[i] == '+' || s[i] == '-')
        tok[n++] = s[i++];
    size_t int_start = i;
    while (i < b && is_digit(s[i]))
        tok[n++] = s[i++];
    size_t int_digits = i - int_start;
    size_t glen = i < b ? comma_group_sep(s, i, b) : 0;
    if (glen) {
        /* thousands groups: the first 1-3 digits, not starting with 0 */
        const char *sep = s + i;
        ok = int_digits >= 1 && int_digits <= 3 && s[int_start] != '0';
        while (ok && i < b && comma_group_sep(s, i, b) == glen && memcmp(s + i, sep, glen) == 0) {
            i += glen;
            if (b - i < 3 || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2])) {
                ok = false;
                break;
            }
            memcpy(tok + n, s + i, 3);
            n += 3, i += 3;
            if (i < b && is_digit(s[i]))
                ok = false;
        }
    }
    size_t frac_digits = 0;
    if (ok && i < b && s[i] == ',') {
        tok[n++] = '.';
        i++;
        while (i < b && is_digit(s[i])) {
            tok[n++] = s[i++];
            frac_digits++;
        }
    }
    ok = ok && int_digits + frac_digits > 0;
    if (ok && i < b && (s[i] == 'e' || s[i] == 'E')) {
        tok[n++] = s[i++];
        if (i < b && (s[i] == '+' || s[i] == '-'))
            tok[n++] = s[i++];
        size_t e0 = i;
        while (i < b && is_digit(s[i]))
            tok[n++] = s[i++];
        ok = i > e0;
    }
    ok = ok && i == b && convert(tok, n, false, out, why);
    if (tok != small)
        g_free(tok);
    return ok;
}

bool fs_number_parse(const char *s, size_t len, double *out, const char **why)
{
    return fs_number_parse_dec(s, len, '.', out, why);
}

bool fs_number_parse_dec(const char *s, size_t len, char decimal, double *out, const char **why)
{
    /* the cell most data has, when the decimal sign is a point */
    if (decimal != ',' && parse_plain(s, len, out)) {
        if (why)
            *why = NULL;
        return true;
    }
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    size_t a = 0, b = len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (a == b) {
        *why = "empty cell";
        return false;
    }
    char dec = decimal == ',' ? ',' : '.';
    if (dec == ',' ? parse_comma(s, a, b, out, why) : parse_point(s, a, b, out, why))
        return true;
    if (!*why)
        *why = explain(s + a, b - a, dec);
    if (!*why)
        *why = NOT_DECIMAL;
    return false;
}

/* `file:line:col: "text" in column "name" is not a number (why)` */
static void not_a_number(fs_diag *d, const char *file, unsigned long line, unsigned long col,
                         const char *text, size_t len, const char *colname, size_t namelen,
                         const char *why)
{
    g_autofree char *qv = fs_diag_quote(text, (gssize)len, QUOTE_CHARS);
    g_autofree char *qn = fs_diag_quote(colname, (gssize)namelen, QUOTE_CHARS);
    /* The generic reason would only repeat "not a number". */
    bool generic = strcmp(why, NOT_DECIMAL) == 0;
    fs_diag_add(d, FS_ERR_INPUT, file, line, col, "%s in column %s is not a number%s%s%s", qv,
                qn, generic ? "" : " (", generic ? "" : why, generic ? "" : ")");
}

/* `file:line:col: "n/a" in column "name" is a missing value (--missing) …` */
static void missing_value(fs_diag *d, const char *file, unsigned long line, unsigned long col,
                          const char *text, size_t len, const char *colname, size_t namelen)
{
    g_autofree char *qv = fs_diag_quote(text, (gssize)len, QUOTE_CHARS);
    g_autofree char *qn = fs_diag_quote(colname, (gssize)namelen, QUOTE_CHARS);
    fs_diag_add(d, FS_ERR_INPUT, file, line, col,
                "%s in column %s is a missing value (--missing), which this cannot show", qv,
                qn);
}

/* The reason a cell s[0 .. len) is not a number, why, with the option that
 * would read it as a missing value when it is empty or a short mark
 * without digits ("n/a", "-", "null") that --missing does not list. Returns a new
 * string. */
static char *missing_hint(const char *why, const char *s, size_t len)
{
    if (strcmp(why, "empty cell") == 0)
        return g_strdup("empty cell; --missing '' reads it as no value");
    size_t a = 0, b = len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    /* short marks ("n/a", "NA", "-", "—", "?"), not a word of text */
    bool plain = b - a <= 12 && strcmp(why, NOT_DECIMAL) == 0 &&
                 g_utf8_validate(s + a, (gssize)(b - a), NULL) &&
                 (g_utf8_strlen(s + a, (gssize)(b - a)) <= 4 ||
                  (b - a == 4 && g_ascii_strncasecmp(s + a, "null", 4) == 0));
    for (size_t i = a; plain && i < b; i++)
        plain = !g_ascii_isdigit(s[i]) && s[i] != '\'' && s[i] != ',' && (guchar)s[i] >= 0x20;
    if (!plain)
        return g_strdup(why);
    return g_strdup_printf("--missing '%.*s' reads it as no value", (int)(b - a), s + a);
}

static bool numbers(const fs_table *t, size_t col, bool nan_ok, double *out, fs_diag *d)
{
    const cell *h = cell_checked(t, 0, col);
    g_return_val_if_fail(h != NULL, false);
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *c = cell_at(t, r + 1, col);
        const char *s = t->arena->str + c->off;
        const char *why;
        if (G_UNLIKELY(t->missing) &&
            is_missing((const char *const *)t->missing, s, c->len)) {
            if (nan_ok) {
                out[r] = NAN;
                continue;
            }
            missing_value(d, t->name, c->line, c->col, s, c->len, t->arena->str + h->off,
                          h->len);
            return false;
        }
        if (fs_number_parse_dec(s, c->len, t->decimal, &out[r], &why))
            continue;
        g_autofree char *hint = missing_hint(why, s, c->len);
        not_a_number(d, t->name, c->line, c->col, s, c->len, t->arena->str + h->off, h->len,
                     hint);
        return false;
    }
    return true;
}

bool fs_table_numbers(const fs_table *t, size_t col, double *out, fs_diag *d)
{
    return numbers(t, col, false, out, d);
}

bool fs_table_numbers_nan(const fs_table *t, size_t col, double *out, fs_diag *d)
{
    return numbers(t, col, true, out, d);
}

/* ---- aggregation --------------------------------------------------------- */

const char *const fs_agg_names[] = {"sum", "count", "mean", "min", "max", NULL};

/* One value column of one group. The sum is compensated (Neumaier), so
 * ten million cents add up to what they are. */
typedef struct acc {
    double sum, comp, min, max;
} acc;

/* One distinct label. */
typedef struct group {
    const char *label; /* in the aggregator's labels chunk */
    size_t len, count;
    unsigned long line, col; /* where the label first occurs */
    acc *acc;                /* one per value column */
} group;

typedef struct aggregator {
    fs_table *out; /* header + one row per group, filled at the end */
    const char *label_col;
    const char *const *value_cols;
    size_t nvalues; /* 0: count rows, into a column named "count" */
    fs_agg agg;
    char decimal;      /* of the input's numbers */
    char **missing;    /* --missing texts, or NULL */
    size_t lc, *vc;    /* column indices, found in the header */
    GHashTable *index; /* label text -> group number + 1 */
    GStringChunk *labels;
    GArray *groups; /* group, in order of first appearance */
    size_t last;    /* the group of the row before */
    unsigned long header_line;
    size_t nrows;
} aggregator;

static void add(acc *a, double v)
{
    double t = a->sum + v;
    if (fabs(a->sum) >= fabs(v))
        a->comp += (a->sum - t) + v;
    else
        a->comp += (v - t) + a->sum;
    a->sum = t;
    a->min = MIN(a->min, v);
    a->max = MAX(a->max, v);
}

/* Appends one cell to t (a row is complete after ncols of them). */
static void put_cell(fs_table *t, const char *text, size_t len, unsigned long line,
                     unsigned long col)
{
    cell c = {t->arena->len, len, line, col};
    g_string_append_len(t->arena, text, (gssize)len);
    g_string_append_c(t->arena, '\0');
    g_array_append_val(t->cells, c);
}

/* The header row: finds the columns through a table holding the header
 * alone, so the messages are those of fs_table_find_column(), and writes
 * out's header: the label column, then the value columns. */
static bool agg_header(aggregator *g, const fs_csv_row *row, fs_diag *d)
{
    g->header_line = row->line;
    fs_table *h = table_new(g->out->name);
    on_row(row, h, d);
    bool ok = fs_table_find_column(h, g->label_col, &g->lc, d);
    for (size_t i = 0; ok && i < g->nvalues; i++)
        ok = fs_table_find_column(h, g->value_cols[i], &g->vc[i], d);
    if (ok) {
        const cell *lh = cell_at(h, 0, g->lc);
        put_cell(g->out, h->arena->str + lh->off, lh->len, lh->line, lh->col);
        for (size_t i = 0; i < g->nvalues; i++) {
            const cell *vh = cell_at(h, 0, g->vc[i]);
            put_cell(g->out, h->arena->str + vh->off, vh->len, vh->line, vh->col);
        }
        if (g->nvalues == 0)
            put_cell(g->out, "count", 5, lh->line, 0);
        g->out->ncols = 1 + MAX(g->nvalues, 1);
    }
    fs_table_free(h);
    return ok;
}

static bool agg_row(const fs_csv_row *row, void *user, fs_diag *d)
{
    aggregator *g = user;
    if (row->index == 0)
        return agg_header(g, row, d);
    g->nrows++;
    const fs_csv_field *lf = &row->fields[g->lc];
    group *gr = NULL;
    gpointer found = NULL;
    /* rows of one label often come together: try the last one first */
    if (g->last < g->groups->len) {
        group *l = &g_array_index(g->groups, group, g->last);
        if (l->len == lf->len && memcmp(l->label, lf->text, lf->len) == 0)
            gr = l;
    }
    if (!gr && (found = g_hash_table_lookup(g->index, lf->text)))
        gr = &g_array_index(g->groups, group, GPOINTER_TO_SIZE(found) - 1);
    if (!gr) {
        if (g->groups->len >= FS_AGG_MAX_GROUPS) {
            g_autofree char *q = fs_diag_quote(g->label_col, -1, QUOTE_CHARS);
            fs_diag_add(d, FS_ERR_INPUT, g->out->name, lf->line, lf->col,
                        "more than %d distinct labels in column %s: --aggregate draws one "
                        "bar per label",
                        FS_AGG_MAX_GROUPS, q);
            return false;
        }
        size_t nacc = MAX(g->nvalues, 1);
        group ng = {.label = g_string_chunk_insert_len(g->labels, lf->text, (gssize)lf->len),
                    .len = lf->len, .line = lf->line, .col = lf->col,
                    .acc = g_new(acc, nacc)};
        for (size_t i = 0; i < nacc; i++)
            ng.acc[i] = (acc){0, 0, INFINITY, -INFINITY};
        g_array_append_val(g->groups, ng);
        g_hash_table_insert(g->index, (gpointer)ng.label, GSIZE_TO_POINTER(g->groups->len));
        gr = &g_array_index(g->groups, group, g->groups->len - 1);
    }
    g->last = (size_t)(gr - (group *)(void *)g->groups->data);
    gr->count++;
    for (size_t i = 0; i < g->nvalues; i++) {
        const fs_csv_field *f = &row->fields[g->vc[i]];
        double v;
        const char *why;
        if (G_UNLIKELY(g->missing) &&
            is_missing((const char *const *)g->missing, f->text, f->len)) {
            const cell *h = cell_at(g->out, 0, i + 1);
            missing_value(d, g->out->name, f->line, f->col, f->text, f->len,
                          g->out->arena->str + h->off, h->len);
            return false;
        }
        if (!fs_number_parse_dec(f->text, f->len, g->decimal, &v, &why)) {
            const cell *h = cell_at(g->out, 0, i + 1);
            not_a_number(d, g->out->name, f->line, f->col, f->text, f->len,
                         g->out->arena->str + h->off, h->len, why);
            return false;
        }
        add(&gr->acc[i], v);
    }
    return true;
}

/* The value of group gr, column i, as agg asks. */
static double agg_value(const aggregator *g, const group *gr, size_t i)
{
    const acc *a = &gr->acc[i];
    switch (g->agg) {
    case FS_AGG_COUNT: return (double)gr->count;
    case FS_AGG_MEAN: return (a->sum + a->comp) / (double)gr->count;
    case FS_AGG_MIN: return a->min;
    case FS_AGG_MAX: return a->max;
    default: return a->sum + a->comp;
    }
}

/* Writes the groups into g->out as rows: the label, then each value with
 * 17 significant digits, which reads back as the same double. */
static bool agg_finish(aggregator *g, fs_diag *d)
{
    fs_table *t = g->out;
    for (guint k = 0; k < g->groups->len; k++) {
        const group *gr = &g_array_index(g->groups, group, k);
        put_cell(t, gr->label, gr->len, gr->line, gr->col);
        for (size_t i = 0; i < MAX(g->nvalues, 1); i++) {
            double v = agg_value(g, gr, i);
            if (!isfinite(v)) {
                const cell *h = cell_at(t, 0, i + 1);
                g_autofree char *qn = fs_diag_quote(t->arena->str + h->off, (gssize)h->len,
                                                    QUOTE_CHARS);
                g_autofree char *ql = fs_diag_quote(gr->label, (gssize)gr->len, QUOTE_CHARS);
                fs_diag_add(d, FS_ERR_INPUT, t->name, gr->line, 0,
                            "the %s of column %s for %s overflows a double",
                            fs_agg_names[g->agg], qn, ql);
                return false;
            }
            char num[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_formatd(num, sizeof num, "%.17g", v);
            put_cell(t, num, strlen(num), gr->line, 0);
        }
        g_array_append_val(t->row_line, gr->line);
        t->nrows++;
    }
    return true;
}

fs_table *fs_table_aggregate_file(const char *path, const fs_csv_opts *o, const char *label_col,
                                  const char *const *value_cols, fs_agg agg, fs_diag *d)
{
    aggregator g = {.out = table_new(fs_csv_name(path)), .label_col = label_col, .value_cols = value_cols,
                    .agg = agg, .decimal = decimal_of(o), .missing = missing_of(o),
                    .last = SIZE_MAX};
    while (value_cols && value_cols[g.nvalues])
        g.nvalues++;
    g.vc = g_new0(size_t, MAX(g.nvalues, 1));
    g.labels = g_string_chunk_new(4096);
    g.index = g_hash_table_new(g_str_hash, g_str_equal);
    g.groups = g_array_new(FALSE, FALSE, sizeof(group));
    bool ok = fs_csv_read_file(path, o, agg_row, &g, d);
    if (ok && g.nrows == 0) {
        fs_diag_add(d, FS_ERR_INPUT, fs_csv_name(path), g.header_line, 0,
                    "no data rows: only a header line");
        ok = false;
    }
    if (ok)
        ok = agg_finish(&g, d);
    for (guint k = 0; k < g.groups->len; k++)
        g_free(g_array_index(g.groups, group, k).acc);
    g_array_free(g.groups, TRUE);
    g_hash_table_destroy(g.index);
    g_string_chunk_free(g.labels);
    g_strfreev(g.missing);
    g_free(g.vc);
    if (!ok) {
        fs_table_free(g.out);
        return NULL;
    }
    return g.out;
}

/* ---- output ------------------------------------------------------------- */

static void write_escaped(const char *s, size_t len, FILE *fp)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *esc;
        switch (s[i]) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
        fwrite(s + run, 1, i - run, fp);
        fputs(esc, fp);
        run = i + 1;
    }
    fwrite(s + run, 1, len - run, fp);
}

bool fs_table_write_tsv(const fs_table *t, FILE *fp)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const cell *x = cell_at(t, r, c);
            if (c)
                fputc('\t', fp);
            write_escaped(t->arena->str + x->off, x->len, fp);
        }
        fputc('\n', fp);
    }
    return !ferror(fp);
}
