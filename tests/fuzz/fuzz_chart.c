/* fuzz_chart: CSV bytes -> table -> series data -> fs_layout_chart (the
 * whole `factsheet chart` path up to painting; nothing is drawn or written).
 *
 * The first column is the label and the second the value (comma-delimited).
 * The chart options follow the number of data rows, so the corpus reaches
 * every combination: bit 0 vertical bars, (rows / 2) % 3 the sort order,
 * (rows / 4) % 3 the mode (grouped, stacked, percent), bit 3 right to left.
 * Fonts are set up once per process from $FACTSHEET_FONT_DIR (else fonts/)
 * and released at exit.
 *
 * Checks the diagnostic contract (fuzz.h) after each stage, and on a laid
 * out document that every page and item coordinate is finite and that an
 * icon's drawn fraction is within 0..1. */
#include "fuzz.h"
#include "fonts.h"
#include "chart.h"
#include "table.h"

static fs_fonts *fonts;

static void free_fonts(void)
{
    fs_fonts_free(fonts);
    fonts = NULL;
    fs_fonts_shutdown();
}

static void make_fonts(void)
{
    const char *dir = g_getenv("FACTSHEET_FONT_DIR");
    fs_diag *d = fs_diag_new();
    fonts = fs_fonts_new(dir && *dir ? dir : "fonts", NULL, d);
    if (!fonts) {
        fs_diag_print(d, stderr);
        fprintf(stderr, "fuzz_chart: set FACTSHEET_FONT_DIR to the fonts folder (make fonts)\n");
        exit(2);
    }
    fs_diag_free(d);
    atexit(free_fonts);
}

static void check_doc(const fs_doc *doc)
{
    for (guint p = 0; p < doc->pages->len; p++) {
        const fs_page *page = g_ptr_array_index(doc->pages, p);
        fuzz_check_finite(page->width, "a page width");
        fuzz_check_finite(page->height, "a page height");
        for (guint i = 0; i < page->items->len; i++) {
            const fs_item *it = &g_array_index(page->items, fs_item, i);
            fuzz_check_finite(it->x, fs_role_name(it->role));
            fuzz_check_finite(it->y, fs_role_name(it->role));
            fuzz_check_finite(it->w, fs_role_name(it->role));
            fuzz_check_finite(it->h, fs_role_name(it->role));
            fuzz_check_finite(it->ox, fs_role_name(it->role));
            fuzz_check_finite(it->oy, fs_role_name(it->role));
            fuzz_check_finite(it->wrap, fs_role_name(it->role));
            fuzz_check_finite(it->line_width, fs_role_name(it->role));
            fuzz_check_finite(it->fraction, fs_role_name(it->role));
            if (it->kind == FS_ITEM_ICON && !(it->fraction >= 0 && it->fraction <= 1))
                fuzz_fail("an icon's fraction is outside 0..1", NULL);
            if (it->kind == FS_ITEM_TEXT && (!it->layout || !it->text))
                fuzz_fail("a text item has no layout or no text", NULL);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init_glib();
    if (!fonts)
        make_fonts();
    /* cells "NA", "n/a" and "-" are missing values: bars draw "no data" */
    fs_csv_opts co = {.delimiter = ',', .missing = "NA,n/a,-"};
    fs_diag *d = fs_diag_new();
    fs_series_data sd = {0};
    fs_doc *doc = NULL;
    fs_table *t = fs_table_load_buffer("fuzz.csv", (const char *)data, size, &co, d);
    if (!t) {
        fuzz_check_failure(d);
        goto out;
    }
    fuzz_check_success(d);
    if (fs_table_ncols(t) < 2)
        goto out;
    const char *values[] = {fs_table_header(t, 1), NULL};
    if (!fs_series_data_from_table_nan(t, fs_table_header(t, 0), values, &sd, d)) {
        fuzz_check_failure(d);
        goto out;
    }
    fuzz_check_success(d);

    size_t n = fs_table_nrows(t);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = "Fuzz";
    o.source = "fuzz";
    o.orient = n & 1 ? FS_ORIENT_VERTICAL : FS_ORIENT_HORIZONTAL;
    o.sort = (fs_sort)(n / 2 % 3);
    o.mode = (fs_mode)(n / 4 % 3);
    o.rtl = n & 8;
    doc = fs_doc_new();
    if (fs_layout_chart(doc, fonts, &sd, &o, d)) {
        fuzz_check_success(d);
        check_doc(doc);
    } else {
        fuzz_check_failure(d);
    }
out:
    fs_doc_free(doc);
    fs_series_data_clear(&sd);
    fs_table_free(t);
    fs_diag_free(d);
    return 0;
}
