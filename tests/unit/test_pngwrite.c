/* Unit tests for pngwrite: what it encodes, cairo's own PNG reader (libpng)
 * decodes to the same pixels, for opaque images exactly and for images with
 * alpha within the rounding of premultiplication; rows that repeat (the
 * shortcut that filters them to zeros) and rows that do not; the first
 * pixel, which the in-place filtering must read before it writes over it;
 * the text chunks; and identical bytes for identical input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "pngwrite.h"

#include <cairo.h>
#include <string.h>

static bool contains(const GByteArray *b, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0)
            return true;
    return false;
}

/* An image of w x h: a few bands of repeated rows, random rows between
 * them, and a first pixel unlike its neighbours. alpha: ARGB32 with
 * premultiplied random alpha, else RGB24. */
static cairo_surface_t *make_image(int w, int h, bool alpha, GRand *rng)
{
    cairo_surface_t *s =
        cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
    unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(px + (size_t)y * (size_t)stride);
        bool repeat = y > 0 && (y / 7) % 2 == 1;
        for (int x = 0; x < w; x++) {
            if (repeat) {
                row[x] = ((uint32_t *)(void *)(px + (size_t)(y - 1) * (size_t)stride))[x];
                continue;
            }
            uint32_t a = alpha ? (uint32_t)g_rand_int_range(rng, 0, 256) : 255;
            uint32_t r = (uint32_t)g_rand_int_range(rng, 0, 256) * a / 255;
            uint32_t g = (uint32_t)g_rand_int_range(rng, 0, 256) * a / 255;
            uint32_t b = (uint32_t)g_rand_int_range(rng, 0, 256) * a / 255;
            row[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
    ((uint32_t *)(void *)px)[0] = alpha ? 0x80402010u : 0xff123456u;
    cairo_surface_mark_dirty(s);
    return s;
}

static void roundtrip(int w, int h, bool alpha)
{
    GRand *rng = g_rand_new_with_seed((guint32)(w * 31 + h * 7 + alpha));
    cairo_surface_t *img = make_image(w, h, alpha, rng);
    int stride = cairo_image_surface_get_stride(img);
    size_t size = (size_t)stride * (size_t)h;
    unsigned char *orig = g_memdup2(cairo_image_surface_get_data(img), size);
    const fs_png_text texts[] = {{"Title", "Größe 🎉"}, {"Description", ""}, {"Software", "t"}};
    GByteArray *png = g_byte_array_new();
    const char *why = NULL;
    assert_true(fs_png_encode(cairo_image_surface_get_data(img), w, h, stride, alpha, texts, 3,
                              png, &why));
    /* the same input, the same bytes */
    memcpy(cairo_image_surface_get_data(img), orig, size);
    GByteArray *again = g_byte_array_new();
    assert_true(fs_png_encode(cairo_image_surface_get_data(img), w, h, stride, alpha, texts, 3,
                              again, &why));
    assert_int_equal(png->len, again->len);
    assert_memory_equal(png->data, again->data, png->len);
    /* the title as an iTXt chunk; the empty description left out */
    assert_true(contains(png, "iTXtTitle"));
    assert_false(contains(png, "Description"));

    cairo_surface_t *back = fixture_png_decode(png->data, png->len);
    assert_int_equal(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(back), w);
    assert_int_equal(cairo_image_surface_get_height(back), h);
    const unsigned char *bp = cairo_image_surface_get_data(back);
    int bstride = cairo_image_surface_get_stride(back);
    for (int y = 0; y < h; y++) {
        const uint32_t *a = (const uint32_t *)(const void *)(orig + (size_t)y * (size_t)stride);
        const uint32_t *b = (const uint32_t *)(const void *)(bp + (size_t)y * (size_t)bstride);
        for (int x = 0; x < w; x++) {
            uint32_t pa = alpha ? a[x] : (a[x] | 0xff000000u), pb = b[x];
            for (int sh = 0; sh < 32; sh += 8) {
                int ca = (int)((pa >> sh) & 0xff), cb = (int)((pb >> sh) & 0xff);
                /* premultiplied -> straight -> premultiplied rounds by one */
                if (alpha ? abs(ca - cb) > 1 : ca != cb)
                    fail_msg("%dx%d%s: pixel (%d, %d) %08x decoded as %08x", w, h,
                             alpha ? " alpha" : "", x, y, pa, pb);
            }
        }
    }
    cairo_surface_destroy(back);
    cairo_surface_destroy(img);
    g_byte_array_unref(png);
    g_byte_array_unref(again);
    g_free(orig);
    g_rand_free(rng);
}

static void test_roundtrip_opaque(void **state)
{
    (void)state;
    roundtrip(1, 1, false);
    roundtrip(3, 2, false);
    roundtrip(800, 600, false);
    roundtrip(1001, 37, false);
}

static void test_roundtrip_alpha(void **state)
{
    (void)state;
    roundtrip(1, 1, true);
    roundtrip(17, 40, true);
    roundtrip(640, 400, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_opaque),
        cmocka_unit_test(test_roundtrip_alpha),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
