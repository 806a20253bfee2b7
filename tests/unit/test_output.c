/* Unit tests of the output writers (output_pdf.c, output_svg.c,
 * output_png.c, output_common.c; the atomic set is test_outset.c's): the
 * format names; a PDF gets what cairo 1.16 cannot write (/Lang, /Alt,
 * /Tabs, the first page label, a link's /Contents) with every
 * cross-reference offset still pointing at its object, and a part whose
 * shape is not cairo's is left out; dates come from SOURCE_DATE_EPOCH or
 * are fixed; SVG ids do not depend on what the process drew before; a PNG
 * decodes to the page's size times the scale, with or without alpha; the
 * sink keeps its first error; the text of colour (emoji) glyphs, which
 * cairo 1.16 draws as images, is in the PDF as text of an invisible Type 3
 * font, a glyph a character, numbered per document. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "output_priv.h"
#include "text.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A document of npages pages of 200 x 100 points, each holding one bar (a
 * part of a chart: a Figure in the PDF), titled, described and in lang. */
static fs_doc *make_doc(int npages, const char *lang, uint32_t background)
{
    fs_doc *doc = fs_doc_new();
    doc->title = g_strdup("A & B");
    doc->desc = g_strdup("Bars: 1 and 2 – ünïcode");
    doc->lang = lang ? g_strdup(lang) : NULL;
    doc->background = background;
    for (int i = 0; i < npages; i++) {
        fs_page *page = fs_doc_add_page(doc, 200, 100);
        fs_page_add_rect(page, FS_ROLE_BAR, 20, 20, 100, 40, 0x3366ccff);
    }
    return doc;
}

typedef bool (*writer)(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d);

/* What a writer writes for doc, as a string (it may hold NUL bytes). */
static GString *write_with(writer w, const fs_doc *doc)
{
    char *data = NULL;
    size_t len = 0;
    fs_sink out = {.fp = open_memstream(&data, &len)};
    assert_non_null(out.fp);
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_true(w(doc, &out, "t.out", d));
    assert_int_equal(fs_diag_count(d), 0);
    assert_int_equal(out.err, 0);
    assert_int_equal(fclose(out.fp), 0);
    GString *s = g_string_new_len(data, (gssize)len);
    free(data);
    return s;
}

/* The first needle in s (which may hold NUL bytes), or NULL. */
static const char *find(const GString *s, size_t from, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = from; i + nl <= s->len; i++)
        if (memcmp(s->str + i, needle, nl) == 0)
            return s->str + i;
    return NULL;
}

/* The last needle in s, or NULL. */
static const char *rfind(const GString *s, const char *needle)
{
    const char *last = NULL;
    for (const char *p = find(s, 0, needle); p; p = find(s, (size_t)(p - s->str) + 1, needle))
        last = p;
    return last;
}

static bool has(const GString *s, const char *needle)
{
    return find(s, 0, needle) != NULL;
}

static size_t count(const GString *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = find(s, 0, needle); p; p = find(s, (size_t)(p - s->str) + 1, needle))
        n++;
    return n;
}

/* startxref points at the xref table, and each of its entries in use at
 * "N 0 obj" for its own N. */
static void assert_xref_ok(const GString *pdf)
{
    const char *sx = rfind(pdf, "\nstartxref\n");
    assert_non_null(sx);
    unsigned long at = strtoul(sx + strlen("\nstartxref\n"), NULL, 10);
    assert_true(at + 5 < pdf->len);
    assert_memory_equal(pdf->str + at, "xref\n", 5);
    unsigned long first, n;
    assert_int_equal(sscanf(pdf->str + at + 5, "%lu %lu", &first, &n), 2);
    const char *e = strchr(pdf->str + at + 5, '\n') + 1;
    assert_true(n > 2);
    for (unsigned long i = 0; i < n; i++, e += 20) {
        if (e[17] != 'n')
            continue;
        unsigned long off = strtoul(e, NULL, 10);
        g_autofree char *head = g_strdup_printf("%lu 0 obj", first + i);
        assert_true(off < pdf->len);
        if (strncmp(pdf->str + off, head, strlen(head)) != 0)
            fail_msg("xref entry %lu points at \"%.12s\"", first + i, pdf->str + off);
    }
}

/* desc as the hex of a PDF text string: FEFF then UTF-16BE */
static char *utf16_hex(const char *s)
{
    glong n = 0;
    g_autofree gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
    GString *out = g_string_new("/Alt <FEFF");
    for (glong i = 0; i < n; i++)
        g_string_append_printf(out, "%04X", (unsigned)u[i]);
    g_string_append_c(out, '>');
    return g_string_free(out, FALSE);
}

static void test_format_names(void **state)
{
    (void)state;
    fs_format f = FS_FMT_SVG;
    assert_true(fs_format_from_path("out/a.pdf", &f));
    assert_int_equal(f, FS_FMT_PDF);
    assert_true(fs_format_from_path("A.PNG", &f));
    assert_int_equal(f, FS_FMT_PNG);
    assert_true(fs_format_from_path("x.y.Svg", &f));
    assert_int_equal(f, FS_FMT_SVG);
    f = FS_FMT_PNG;
    assert_false(fs_format_from_path("a.txt", &f));
    assert_false(fs_format_from_path("dir.pdf/chart", &f));
    assert_false(fs_format_from_path("pdf", &f));
    assert_int_equal(f, FS_FMT_PNG); /* untouched */
    assert_string_equal(fs_format_ext(FS_FMT_PDF), "pdf");
    assert_string_equal(fs_format_ext(FS_FMT_PNG), "png");
    assert_string_equal(fs_format_ext(FS_FMT_SVG), "svg");
}

static void test_pdf_patched(void **state)
{
    (void)state;
    g_unsetenv("SOURCE_DATE_EPOCH");
    fs_doc *doc = make_doc(2, "az", 0xffffffff);
    g_autoptr(GString) pdf = write_with(fs_output_pdf, doc);
    assert_memory_equal(pdf->str, "%PDF-", 5);
    assert_true(has(pdf, "/Type /Catalog\n   /ViewerPreferences << /DisplayDocTitle true >>"
                         "\n   /Lang (az)"));
    assert_int_equal(count(pdf, "   /Tabs /S\n"), 2);
    /* one Figure per page, each with the document's alt text */
    g_autofree char *alt = utf16_hex(doc->desc);
    assert_int_equal(count(pdf, alt), 2);
    /* cairo left page 1 without a label range */
    assert_true(has(pdf, "<< /Nums [\n   0 << /S /D >>\n"));
    /* no clock time: a fixed date without SOURCE_DATE_EPOCH */
    assert_true(has(pdf, "/CreationDate (19700101000000)"));
    assert_xref_ok(pdf);
    fs_doc_free(doc);
}

static void test_pdf_source_date(void **state)
{
    (void)state;
    fs_doc *doc = make_doc(1, NULL, 0xffffffff);
    g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
    g_autoptr(GString) a = write_with(fs_output_pdf, doc);
    g_autoptr(GString) b = write_with(fs_output_pdf, doc);
    g_unsetenv("SOURCE_DATE_EPOCH");
    assert_true(has(a, "/ModDate (20231114221320)"));
    assert_false(has(a, "/Lang"));
    /* the same document, the same bytes */
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->str, b->str, a->len);
    g_autofree char *date = NULL;
    g_setenv("SOURCE_DATE_EPOCH", "12x", TRUE);
    date = fs_output_source_date();
    assert_null(date);
    g_setenv("SOURCE_DATE_EPOCH", "0", TRUE);
    g_free(date);
    date = fs_output_source_date();
    assert_string_equal(date, "1970-01-01T00:00:00");
    g_unsetenv("SOURCE_DATE_EPOCH");
    fs_doc_free(doc);
}

/* A PDF as cairo 1.16 writes it: a Figure per alt text in figures, and a
 * link whose URI holds a quote and parentheses. */
static GString *cairo_pdf(GPtrArray *figures)
{
    GString *s = g_string_new(NULL);
    char *data = NULL;
    size_t len = 0;
    fs_sink out = {.fp = open_memstream(&data, &len)};
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(fs_sink_write, &out, 200, 100);
    cairo_t *cr = cairo_create(surf);
    cairo_tag_begin(cr, "Document", NULL);
    for (guint i = 0; i < figures->len; i++) {
        cairo_tag_begin(cr, "Figure", NULL);
        cairo_rectangle(cr, 10 + 20 * i, 10, 10, 10);
        cairo_fill(cr);
        cairo_tag_end(cr, "Figure");
    }
    /* as paint.c escapes it: ( and ) with the PDF's backslash */
    cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='https://example.org/a\\'\\\\(b\\\\)'");
    cairo_rectangle(cr, 10, 50, 80, 20);
    cairo_fill(cr);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    cairo_tag_end(cr, "Document");
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    assert_int_equal(cairo_surface_status(surf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surf);
    fclose(out.fp);
    g_string_append_len(s, data, (gssize)len);
    free(data);
    return s;
}

static void test_pdf_patch_shapes(void **state)
{
    (void)state;
    g_autoptr(GPtrArray) figures = g_ptr_array_new();
    g_ptr_array_add(figures, "first");
    g_ptr_array_add(figures, "");
    g_ptr_array_add(figures, "third");
    /* the tags cairo writes, each Figure matched in order; an empty alt
     * text is left out; a link gets its URI as /Contents, escapes kept */
    g_autoptr(GString) pdf = cairo_pdf(figures);
    fs_pdf_patch(pdf, "en_GB", figures);
    assert_true(has(pdf, "/Lang (en-GB)"));
    g_autofree char *first = utf16_hex("first"), *third = utf16_hex("third");
    assert_int_equal(count(pdf, "/Alt <FEFF"), 2);
    const char *at1 = find(pdf, 0, first), *at3 = find(pdf, 0, third);
    assert_true(at1 && at3 && at1 < at3);
    assert_true(has(pdf, "   /Contents (https://example.org/a'\\(b\\))\n"));
    assert_xref_ok(pdf);

    /* not as many Figures as alt texts: no /Alt at all; a language tag
     * that is not plain ASCII: no /Lang */
    g_autoptr(GString) other = cairo_pdf(figures);
    g_ptr_array_add(figures, "fourth");
    fs_pdf_patch(other, "a(b", figures);
    assert_false(has(other, "/Alt"));
    assert_false(has(other, "/Lang"));
    assert_true(has(other, "/DisplayDocTitle true"));
    assert_xref_ok(other);

    /* no cross-reference table where cairo puts it: left as it was */
    g_autoptr(GString) cut = cairo_pdf(figures);
    const char *xref = rfind(cut, "\nxref\n");
    assert_non_null(xref);
    g_string_truncate(cut, (gsize)(xref - cut->str));
    g_autoptr(GString) before = g_string_new_len(cut->str, (gssize)cut->len);
    fs_pdf_patch(cut, "az", figures);
    assert_int_equal(cut->len, before->len);
    assert_memory_equal(cut->str, before->str, cut->len);
    g_autoptr(GString) text = g_string_new("not a PDF at all");
    fs_pdf_patch(text, "az", figures);
    assert_string_equal(text->str, "not a PDF at all");
}

static void test_svg_ids(void **state)
{
    (void)state;
    g_autoptr(GString) s = g_string_new("<g id=\"surface17\"><use xlink:href=\"#image23\"/>"
                                        "<use xlink:href=\"#surface17\"/><image id=\"image23\"/>"
                                        "<g id=\"surface5\"/><a href=\"#surfaces\"/>"
                                        "<g id=\"other9\"/><text>surface42 #</text>");
    fs_svg_canonical_ids(s);
    assert_string_equal(s->str, "<g id=\"surface1\"><use xlink:href=\"#image1\"/>"
                                "<use xlink:href=\"#surface1\"/><image id=\"image1\"/>"
                                "<g id=\"surface2\"/><a href=\"#surfaces\"/>"
                                "<g id=\"other9\"/><text>surface42 #</text>");
}

static void test_svg_written(void **state)
{
    (void)state;
    fs_doc *doc = make_doc(1, "en", 0xffffffff);
    g_autoptr(GString) a = write_with(fs_output_svg, doc);
    /* cairo's counters have moved on: the ids must not */
    g_autoptr(GString) b = write_with(fs_output_svg, doc);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->str, b->str, a->len);
    assert_true(has(a, "<svg role=\"img\" aria-labelledby=\"fs-title fs-desc\""));
    assert_true(has(a, ">\n<title id=\"fs-title\">A &amp; B</title>\n"
                       "<desc id=\"fs-desc\">Bars: 1 and 2 – ünïcode</desc>"));
    assert_true(has(a, "id=\"surface1\""));
    fs_doc_free(doc);
}

/* fs_output_svg_with() keeping text as text, as a writer. */
static bool svg_text_writer(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d)
{
    return fs_output_svg_with(doc, out, path, true, d);
}

static void test_svg_text(void **state)
{
    (void)state;
    fs_doc *doc = make_doc(1, "az", 0xffffffff);
    fs_page *page = g_ptr_array_index(doc->pages, 0);
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_text_style st = {.size = 12, .weight = 700, .color = 0x112233cc};
    /* on the bar, then a rectangle over it: the text keeps its place */
    assert_true(fs_layout_text(page, fonts, FS_ROLE_VALUE, "Tall & <bar>", &st, 30, 30, 0, "az",
                               NULL, d) >= 0);
    fs_page_add_rect(page, FS_ROLE_BAR, 150, 70, 10, 10, 0xff0000ff);
    st.weight = 400;
    int i =
        fs_layout_text(page, fonts, FS_ROLE_LABEL, "القاهرة 2023", &st, 10, 60, 0, "ar", NULL, d);
    assert_true(i >= 0);
    fs_page_rotate_item(page, i, 90);
    assert_int_equal(fs_diag_count(d), 0);
    g_autoptr(GString) a = write_with(svg_text_writer, doc);
    g_autoptr(GString) b = write_with(svg_text_writer, doc);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->str, b->str, a->len);
    assert_true(has(a, "<svg xml:lang=\"az\" role=\"img\""));
    /* no outline of a glyph, no marker left */
    assert_false(has(a, "<symbol"));
    assert_false(has(a, "0.392157%"));
    const char *bar = find(a, 0, "fill:rgb(20%,40%,80%)");
    const char *tall = find(a, 0, "<text xml:space=\"preserve\" font-family=\"Inter, sans-serif\"");
    const char *red = find(a, 0, "fill:rgb(100%,0%,0%)");
    assert_non_null(bar);
    assert_non_null(tall);
    assert_non_null(red);
    assert_true(bar < tall && tall < red);
    assert_true(
        has(a, " font-size=\"12\" font-weight=\"700\" fill=\"#112233\" fill-opacity=\"0.8\">"));
    assert_true(has(a, ">Tall &amp; &lt;bar&gt;</tspan></text>"));
    /* Arabic from its right end, whole; the digits after it in logical
     * order; the turn about the layout's origin */
    assert_true(has(a, "font-family=\"'Noto Sans Arabic', sans-serif\""));
    assert_true(has(a, "direction=\"rtl\" unicode-bidi=\"bidi-override\""));
    const char *word = find(a, 0, ">القاهرة </tspan>");
    const char *year = find(a, 0, ">2023</tspan>");
    assert_non_null(word);
    assert_non_null(year);
    assert_true(word < year);
    assert_true(has(a, " transform=\"rotate(-90 "));
    fs_doc_free(doc);
}

/* Every FlateDecode stream of pdf, inflated, one after the other. */
static GString *inflate_streams(const GString *pdf)
{
    GString *out = g_string_new(NULL);
    for (const char *p = find(pdf, 0, "stream\n"); p;
         p = find(pdf, (size_t)(p - pdf->str) + 1, "stream\n")) {
        const unsigned char *in = (const unsigned char *)p + strlen("stream\n");
        z_stream z = {.next_in = (unsigned char *)in,
                      .avail_in = (uInt)(pdf->len - (size_t)((const char *)in - pdf->str))};
        if (inflateInit(&z) != Z_OK)
            continue;
        unsigned char buf[4096];
        int rc;
        do {
            z.next_out = buf;
            z.avail_out = sizeof buf;
            rc = inflate(&z, Z_NO_FLUSH);
            g_string_append_len(out, (const char *)buf, (gssize)(sizeof buf - z.avail_out));
        } while (rc == Z_OK);
        inflateEnd(&z);
        g_string_append_c(out, '\n');
    }
    return out;
}

/* A document of one page holding the texts, the second turned. */
static fs_doc *text_doc(const char *const *texts)
{
    fs_doc *doc = make_doc(1, "en", 0xffffffff);
    fs_page *page = g_ptr_array_index(doc->pages, 0);
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_text_style st = {.size = 12, .weight = 400, .color = 0x112233ff};
    for (int i = 0; texts[i]; i++) {
        int at = fs_layout_text(page, fonts, FS_ROLE_LABEL, texts[i], &st, 10, 10 + 20 * i, 0,
                                "en", NULL, d);
        assert_true(at >= 0);
        if (i == 1)
            fs_page_rotate_item(page, at, 90);
    }
    assert_int_equal(fs_diag_count(d), 0);
    return doc;
}

static void test_pdf_emoji_text(void **state)
{
    (void)state;
    static const char *const emoji[] = {"Pizza 🍕", "👩‍👩‍👧 🇦🇿", "👍🏽 and 🍕", "Sun ☀️", NULL};
    static const char *const other[] = {"Sushi 🍣", NULL};
    static const char *const plain[] = {"Pizza", "Sushi", NULL};
    fs_doc *doc = text_doc(emoji), *doc2 = text_doc(other), *doc3 = text_doc(plain);
    g_autoptr(GString) a = write_with(fs_output_pdf, doc);
    /* another document between: the glyphs are numbered per document */
    g_autoptr(GString) between = write_with(fs_output_pdf, doc2);
    assert_true(has(between, "/Subtype /Type3"));
    g_autoptr(GString) b = write_with(fs_output_pdf, doc);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->str, b->str, a->len);
    assert_xref_ok(a);
    assert_true(has(a, "/Subtype /Type3"));
    /* a glyph a character, each with its ToUnicode entry: a surrogate
     * pair is one character (mutool reads no more in one entry); the
     * pizza once, though drawn twice; U+FE0F without a glyph in Inter
     * (after its U+2600) too */
    g_autoptr(GString) text = inflate_streams(a);
    static const char *const chars[] = {"d83cdf55", "d83ddc69", "200d", "d83ddc67", "d83cdde6",
                                        "d83cddff", "d83ddc4d", "d83cdffd", "fe0f"};
    for (size_t i = 0; i < G_N_ELEMENTS(chars); i++) {
        g_autofree char *entry = g_strdup_printf("> <%s>\n", chars[i]);
        assert_true(has(text, entry));
    }
    assert_int_equal(count(text, "> <d83cdf55>\n"), 1);
    assert_false(has(text, "> <d83ddc69200d"));
    /* the invisible glyph paints one clear sample, nothing else */
    assert_true(has(text, "/IM true\n/W 1\n/H 1\n/BPC 1\n/D [1 0]\n"));
    /* text without a colour glyph is drawn as before: no Type 3 font */
    g_autoptr(GString) c = write_with(fs_output_pdf, doc3);
    assert_false(has(c, "/Subtype /Type3"));
    fs_doc_free(doc);
    fs_doc_free(doc2);
    fs_doc_free(doc3);
}

static double png_scale;

static bool png_at_scale(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d)
{
    return fs_output_png(doc, out, path, png_scale, d);
}

static void check_png(uint32_t background, double scale, int w, int h, cairo_format_t format)
{
    fs_doc *doc = make_doc(1, NULL, background);
    png_scale = scale;
    g_autoptr(GString) png = write_with(png_at_scale, doc);
    assert_true(has(png, "iTXtTitle"));
    assert_true(has(png, "iTXtDescription"));
    cairo_surface_t *img = fixture_png_decode(png->str, png->len);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(img), w);
    assert_int_equal(cairo_image_surface_get_height(img), h);
    assert_int_equal(cairo_image_surface_get_format(img), format);
    cairo_surface_destroy(img);
    fs_doc_free(doc);
}

static void test_png_written(void **state)
{
    (void)state;
    check_png(0xffffffff, 1, 200, 100, CAIRO_FORMAT_RGB24);
    check_png(0xffffffff, 0.5, 100, 50, CAIRO_FORMAT_RGB24);
    check_png(0x00000000, 1.27, 254, 127, CAIRO_FORMAT_ARGB32);
    /* big enough for the huge-page allocation */
    check_png(0x102030ff, 8, 1600, 800, CAIRO_FORMAT_RGB24);
}

static void test_sink_keeps_first_error(void **state)
{
    (void)state;
    fs_sink s = {.fp = fopen("/dev/null", "r")};
    assert_non_null(s.fp);
    assert_int_equal(fs_sink_write(&s, (const unsigned char *)"abc", 0), CAIRO_STATUS_SUCCESS);
    assert_int_equal(fs_sink_write(&s, (const unsigned char *)"abc", 3),
                     CAIRO_STATUS_WRITE_ERROR);
    int first = s.err;
    assert_int_not_equal(first, 0);
    assert_int_equal(fs_sink_write(&s, (const unsigned char *)"", 0), CAIRO_STATUS_WRITE_ERROR);
    assert_int_equal(s.err, first);
    fclose(s.fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_pdf_patched),
        cmocka_unit_test(test_pdf_source_date),
        cmocka_unit_test(test_pdf_patch_shapes),
        cmocka_unit_test(test_pdf_emoji_text),
        cmocka_unit_test(test_svg_ids),
        cmocka_unit_test(test_svg_written),
        cmocka_unit_test(test_svg_text),
        cmocka_unit_test(test_png_written),
        cmocka_unit_test(test_sink_keeps_first_error),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
