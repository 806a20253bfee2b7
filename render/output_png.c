/* output_png: the PNG writer (see output_priv.h). cairo paints the first
 * page into an image; pngwrite.c, rather than cairo's writer, encodes it:
 * it adds text chunks (title, alt text, source) and compresses with
 * libdeflate, which is where most of a chart's time went. */
#include "output_priv.h"

#include "fs_auto.h"
#include "paint.h"
#include "pngwrite.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Writes the image as PNG (RGB when opaque, RGBA otherwise) with iTXt
 * chunks: title, alt text, source, software. Returns false after a
 * diagnostic. */
static bool encode_png(cairo_surface_t *img, bool alpha, const fs_doc *doc, fs_sink *out,
                       const char *path, fs_diag *d)
{
    const fs_png_text texts[] = {{"Title", doc->title},
                                 {"Description", doc->desc},
                                 {"Source", doc->author},
                                 {"Software", "factsheet " FS_VERSION}};
    g_autoptr(GByteArray) buf = g_byte_array_new();
    const char *why = NULL;
    if (!fs_png_encode(cairo_image_surface_get_data(img), cairo_image_surface_get_width(img),
                       cairo_image_surface_get_height(img), cairo_image_surface_get_stride(img),
                       alpha, texts, G_N_ELEMENTS(texts), buf, &why)) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot encode the PNG: %s", why);
        return false;
    }
    fs_sink_write(out, buf->data, buf->len);
    return true;
}

/* The pixels of a PNG's image, zeroed; NULL when memory runs out (cairo
 * then tries itself, and reports). Fresh memory costs a page fault every
 * 4 KiB on its first touch, a fifth of a 1920x1080 chart's time on this
 * project's machine; where the kernel offers transparent huge pages on
 * request (madvise mode, Debian's default) one fault maps 2 MiB. */
static unsigned char *image_alloc(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    void *p = NULL;
    if (size < huge) /* small images: not worth a huge page */
        return g_try_malloc0(size);
    size_t len = (size + huge - 1) & ~(huge - 1);
    if (posix_memalign(&p, huge, len) != 0)
        return NULL;
    (void)madvise(p, len, MADV_HUGEPAGE);
    memset(p, 0, size);
    return p;
}

bool fs_output_png(const fs_doc *doc, fs_sink *out, const char *path, double scale, fs_diag *d)
{
    const fs_page *page = g_ptr_array_index(doc->pages, 0);
    int w = (int)ceil(page->width * scale), h = (int)ceil(page->height * scale);
    bool alpha = (doc->background & 0xff) != 0xff;
    cairo_format_t cf = alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24;
    int stride = cairo_format_stride_for_width(cf, w);
    g_autofree unsigned char *pixels = NULL;
    if (stride > 0 && h > 0)
        pixels = image_alloc((size_t)stride * (size_t)h);
    g_autoptr(cairo_surface_t) img =
        pixels ? cairo_image_surface_create_for_data(pixels, cf, w, h, stride)
               : cairo_image_surface_create(cf, w, h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot make a %dx%d image: %s", w, h,
                    cairo_status_to_string(cairo_surface_status(img)));
        return false;
    }
    g_autoptr(cairo_t) cr = cairo_create(img);
    gint64 t0 = g_get_monotonic_time();
    cairo_scale(cr, scale, scale);
    fs_paint_page(cr, page, doc->background);
    if (!fs_output_paint_status(cr, path, d))
        return false;
    cairo_surface_flush(img);
    gint64 t1 = g_get_monotonic_time();
    fs_output_clock.paint += t1 - t0;
    bool ok = encode_png(img, alpha, doc, out, path, d);
    fs_output_clock.encode += g_get_monotonic_time() - t1;
    return ok;
}
