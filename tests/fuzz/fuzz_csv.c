/* fuzz_csv: CSV bytes -> csvread -> table -> every column typed as numbers.
 *
 * The first byte picks the delimiter: ',' ';' '|' or TAB literally, any other
 * byte by its value modulo 4 in that order, and then its bit 2 the decimal
 * comma (--decimal ,) and its bits 3-4 the encoding (1: windows-1252, 2:
 * utf-16, 3: iso-8859-2; 0: UTF-8) and its bit 5 the missing values
 * (--missing ",n/a,NA"); the rest is the CSV. Checks the
 * diagnostic contract (fuzz.h) on every call, and on a loaded table what
 * csvread.h and table.h promise: at least one data row, every row as wide as
 * the header, cells NUL-terminated valid UTF-8 of their stated length with
 * 1-based positions, rows in line order, numbers finite, and a column that
 * parses as numbers typed FS_COL_NUMBER; with missing values, numbers
 * read by fs_table_numbers_nan() finite or NAN, NAN only where
 * fs_table_numbers() refuses. */
#include "fuzz.h"
#include "table.h"

static void check_table(const fs_table *t, fs_diag *d)
{
    size_t nr = fs_table_nrows(t), nc = fs_table_ncols(t);
    if (nr == 0 || nc == 0 || nc > FS_CSV_MAX_COLUMNS)
        fuzz_fail("a loaded table has no rows, no columns or too many columns", NULL);
    unsigned long prev_line = 0;
    for (size_t c = 0; c < nc; c++) {
        const char *h = fs_table_header(t, c);
        if (!h || !g_utf8_validate(h, -1, NULL))
            fuzz_fail("a header name is NULL or not UTF-8", NULL);
    }
    for (size_t r = 0; r < nr; r++) {
        unsigned long line = fs_table_row_line(t, r);
        if (line <= prev_line)
            fuzz_fail("data rows are not in increasing line order", NULL);
        prev_line = line;
        for (size_t c = 0; c < nc; c++) {
            const char *s = fs_table_cell(t, r, c);
            size_t len = fs_table_cell_len(t, r, c);
            if (!s || strlen(s) != len || !g_utf8_validate(s, (gssize)len, NULL))
                fuzz_fail("a cell is NULL, holds a NUL, or is not UTF-8", NULL);
            if (fs_table_cell_line(t, r, c) < line || fs_table_cell_col(t, r, c) == 0)
                fuzz_fail("a cell's line:col is before its row or 0", NULL);
        }
    }
    double *out = g_new(double, nr);
    for (size_t c = 0; c < nc; c++) {
        fs_diag_clear(d);
        bool plain = fs_table_numbers(t, c, out, d);
        if (plain) {
            fuzz_check_success(d);
            for (size_t r = 0; r < nr; r++)
                fuzz_check_finite(out[r], "a number from fs_table_numbers");
            if (fs_table_col_type(t, c) != FS_COL_NUMBER)
                fuzz_fail("fs_table_numbers accepted a column not typed FS_COL_NUMBER", NULL);
        } else {
            fuzz_check_failure(d);
        }
        fs_diag_clear(d);
        if (fs_table_numbers_nan(t, c, out, d)) {
            fuzz_check_success(d);
            for (size_t r = 0; r < nr; r++) {
                if (isnan(out[r]) && plain)
                    fuzz_fail("fs_table_numbers_nan gave NAN for a column of numbers", NULL);
                if (!isnan(out[r]))
                    fuzz_check_finite(out[r], "a number from fs_table_numbers_nan");
            }
        } else {
            fuzz_check_failure(d);
            if (plain)
                fuzz_fail("fs_table_numbers_nan refused a column fs_table_numbers read", NULL);
        }
    }
    g_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {',', ';', '|', '\t'};
    if (size == 0)
        return 0;
    fuzz_init_glib();
    char delim = delims[data[0] % 4];
    if (memchr(delims, data[0], sizeof delims))
        delim = (char)data[0];
    fs_csv_opts o = {.delimiter = delim};
    static const char *const encodings[] = {NULL, "windows-1252", "utf-16", "iso-8859-2"};
    if (!memchr(delims, data[0], sizeof delims)) {
        if (data[0] & 4)
            o.decimal = ',';
        o.encoding = encodings[(data[0] >> 3) & 3];
        if (data[0] & 32)
            o.missing = ",n/a,NA";
    }
    fs_diag *d = fs_diag_new();
    fs_table *t = fs_table_load_buffer("fuzz.csv", (const char *)data + 1, size - 1, &o, d);
    if (t) {
        fuzz_check_success(d);
        check_table(t, d);
    } else {
        fuzz_check_failure(d);
    }
    fs_table_free(t);
    fs_diag_free(d);
    return 0;
}
