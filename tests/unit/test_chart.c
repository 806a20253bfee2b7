/* Unit tests of the standalone chart's metadata and the bar chart's alt
 * text (chart.c, panels/bar.c), with the bundled fonts (from
 * $FACTSHEET_FONT_DIR, as make check sets it): alt text and the document's
 * metadata are bounded whatever the data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "chart.h"
#include "textsafe.h"

#include <string.h>

static fs_fonts *fonts;

static int setup(void **state)
{
    (void)state;
    const char *dir = g_getenv("FACTSHEET_FONT_DIR");
    g_autoptr(fs_diag) d = fs_diag_new();
    fonts = fs_fonts_new(dir && *dir ? dir : "fonts", NULL, d);
    if (!fonts)
        fprintf(stderr, "test_chart: no fonts (set FACTSHEET_FONT_DIR): %s\n",
                fs_diag_count(d) ? fs_diag_message(d, 0) : "");
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fs_fonts_free(fonts);
    fs_fonts_shutdown();
    return 0;
}

/* Alt text keeps more of a label than shows, within FS_ALT_PART_MAX, and
 * is at most FS_ALT_MAX characters whatever the data. */
static void test_alt_text_bounded(void **state)
{
    (void)state;
    size_t n = 1u << 20;
    char *huge = g_malloc(n + 1);
    memset(huge, 'x', n);
    huge[n] = '\0';
    const char *labels[] = {huge, "b"};
    const char *names[] = {"count"};
    double values[] = {613, 106};
    unsigned long lines[] = {2, 3};
    fs_series_data s = {.nrows = 2,
                        .nseries = 1,
                        .labels = labels,
                        .series_names = names,
                        .values = values,
                        .file = "t.csv",
                        .lines = lines};
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = huge;
    o.source = "Article";
    g_autofree char *alt = fs_chart_alt_text(&s, &o);
    assert_true(g_utf8_strlen(alt, -1) <= FS_ALT_MAX + 1);
    g_autofree char *part = g_strndup(huge, FS_ALT_PART_MAX);
    g_autofree char *want =
        g_strdup_printf("%s…. Bar chart: %s… 613; b 106. Source: Article.", part, part);
    assert_string_equal(alt, want);

    /* and the document's metadata */
    fs_doc *doc = fs_doc_new();
    o.title = "T";
    o.alt = huge;
    labels[0] = "a";
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_true(fs_layout_chart(doc, fonts, &s, &o, d));
    assert_int_equal(g_utf8_strlen(doc->desc, -1), FS_ALT_MAX + 1);
    assert_int_equal(g_utf8_strlen(doc->subject, -1), FS_ALT_MAX + 1);
    assert_string_equal(doc->title, "T");
    fs_doc_free(doc);
    g_free(huge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alt_text_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
