/* Unit tests of image: what is refused before anything is decoded (size,
 * pixels, references outside the SVG), what is read, and how a picture is
 * fitted to a box. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "image.h"

#include <glib.h>
#include <string.h>

/* The message fs_image_new() gives for s, or NULL when s is read. */
static char *why_of(const char *s)
{
    char *why = NULL;
    fs_image *img = fs_image_new((const guint8 *)s, strlen(s), &why);
    fs_image_free(img);
    return why;
}

#define SVG(body) "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\">" body "</svg>"

static void test_svg_read(void **state)
{
    (void)state;
    char *why = NULL;
    const char *s = SVG("<rect width=\"40\" height=\"20\"/>");
    fs_image *img = fs_image_new((const guint8 *)s, strlen(s), &why);
    assert_non_null(img);
    assert_null(why);
    assert_true(fs_image_is_svg(img));
    double w, h;
    fs_image_size(img, &w, &h);
    assert_float_equal(w, 40, 1e-9);
    assert_float_equal(h, 20, 1e-9);
    /* vectors scale to any box, keeping the shape */
    fs_image_fit(img, 400, 400, true, &w, &h);
    assert_float_equal(w, 400, 1e-9);
    assert_float_equal(h, 200, 1e-9);
    fs_image_free(img);
}

static void test_svg_inside(void **state)
{
    (void)state;
    /* fragments and data: URLs are inside the file */
    assert_null(why_of(SVG("<defs><path id=\"a\" d=\"M0 0h4v4z\"/></defs><use href=\"#a\"/>"
                           "<rect style=\"fill:url(#g)\" width=\"1\" height=\"1\"/>"
                           "<image href=\" data:image/png;base64,AAAA\" width=\"1\" height=\"1\"/>")));
}

static void test_svg_outside(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {SVG("<image xlink:href=\"photo.jpg\" width=\"1\" height=\"1\"/>"), "photo.jpg"},
        {SVG("<use HREF = 'other.svg#x'/>"), "other.svg#x"},
        {SVG("<a href=\"https://example.org/\"><rect width=\"1\" height=\"1\"/></a>"),
         "https://example.org/"},
        {SVG("<rect style=\"fill: url(file:///etc/passwd)\"/>"), "file:///etc/passwd"},
        {SVG("<style>rect { fill: url( \"x.svg#p\" ) }</style>"), "x.svg#p"},
        {SVG("<style>@import url(#a);</style>"), "@import"},
        {"<!DOCTYPE svg [<!ENTITY e SYSTEM \"/etc/passwd\">]>" SVG("<text>&e;</text>"),
         "entity"},
        {SVG("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"#a\"/>"),
         "XInclude"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *why = why_of(bad[i][0]);
        assert_non_null(why);
        assert_non_null(strstr(why, bad[i][1]));
    }
}

static void test_not_images(void **state)
{
    (void)state;
    g_autofree char *text = why_of("label,value\na,1\n");
    assert_non_null(strstr(text, "not a valid image"));
    g_autofree char *nosize = why_of("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
    assert_non_null(strstr(nosize, "without a size"));
    g_autofree char *broken = why_of("<svg xmlns=\"http://www.w3.org/2000/svg\" <<<");
    assert_non_null(strstr(broken, "not a valid SVG"));
    char *why = NULL;
    static const guint8 latin1[] = "<svg>\xe9</svg>";
    assert_null(fs_image_new(latin1, sizeof latin1 - 1, &why));
    assert_non_null(strstr(why, "UTF-8"));
    g_free(why);
}

static void test_limits(void **state)
{
    (void)state;
    char *why = NULL;
    /* one byte over 10 MB is refused before it is looked at */
    size_t n = FS_IMAGE_MAX_BYTES + 1;
    guint8 *big = g_malloc0(n);
    assert_null(fs_image_new(big, n, &why));
    assert_non_null(strstr(why, "too large"));
    g_clear_pointer(&why, g_free);
    g_free(big);
    /* a PNG header of 10001 x 10 pixels: refused from its header */
    guint8 png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                      0, 0, 0x27, 0x11, 0, 0, 0, 10};
    assert_null(fs_image_new(png, sizeof png, &why));
    assert_non_null(strstr(why, "10001x10 pixels"));
    g_clear_pointer(&why, g_free);
    /* a truncated PNG */
    png[19] = 10;
    assert_null(fs_image_new(png, sizeof png, &why));
    assert_non_null(strstr(why, "not a valid PNG"));
    g_free(why);
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int n)
{
    g_byte_array_append(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

/* A PNG of w x h pixels, encoded by cairo. */
static GByteArray *png_of(int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    GByteArray *out = g_byte_array_new();
    cairo_surface_write_to_png_stream(s, append, out);
    cairo_surface_destroy(s);
    return out;
}

static void test_png_fit(void **state)
{
    (void)state;
    g_autoptr(GByteArray) bytes = png_of(100, 50);
    char *why = NULL;
    fs_image *img = fs_image_new(bytes->data, bytes->len, &why);
    assert_non_null(img);
    assert_false(fs_image_is_svg(img));
    double w, h;
    /* on a screen at most twice its pixels, on paper at most 150 dpi */
    fs_image_fit(img, 1000, 1000, false, &w, &h);
    assert_float_equal(w, 200, 1e-9);
    assert_float_equal(h, 100, 1e-9);
    fs_image_fit(img, 1000, 1000, true, &w, &h);
    assert_float_equal(w, 48, 1e-9);
    assert_float_equal(h, 24, 1e-9);
    /* a smaller box: the shape kept */
    fs_image_fit(img, 40, 100, false, &w, &h);
    assert_float_equal(w, 40, 1e-9);
    assert_float_equal(h, 20, 1e-9);
    fs_image_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_read),   cmocka_unit_test(test_svg_inside),
        cmocka_unit_test(test_svg_outside), cmocka_unit_test(test_not_images),
        cmocka_unit_test(test_limits),     cmocka_unit_test(test_png_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
