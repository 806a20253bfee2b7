/* pngwrite: a cairo image -> PNG bytes, compressed with libdeflate.
 *
 * Encoding is most of the time of a PNG chart, and libdeflate compresses a
 * whole buffer two to three times faster than zlib's streaming deflate at a
 * smaller size (make bench and the table in pngwrite.c). libpng cannot take
 * a compressed stream from elsewhere, so the few PNG chunks (IHDR, iTXt,
 * IDAT, IEND; PNG 1.2 / ISO 15948) are framed here, with libdeflate's CRC-32.
 * Rows use the "up" filter; the output depends only on the pixels and the
 * texts (no time stamp), so it is byte-identical from run to run. */
#ifndef FS_PNGWRITE_H
#define FS_PNGWRITE_H

#include <glib.h>
#include <stdbool.h>

/* Frees the compressor kept between images (at exit, for leak checkers). */
void fs_png_shutdown(void);

/* The libdeflate version factsheet was built with (for --version). */
const char *fs_png_deflate_version(void);

typedef struct fs_png_text {
    const char *key;  /* a PNG keyword: Latin-1 letters, 1-79 bytes */
    const char *text; /* UTF-8; NULL or "" is left out */
} fs_png_text;

/* Encodes the w x h cairo image data (CAIRO_FORMAT_ARGB32 or RGB24, stride
 * bytes per row; alpha: write RGBA un-premultiplied, else RGB) with the
 * texts as uncompressed iTXt chunks, appending to out. px is used as
 * scratch memory: the image is garbage afterwards. Returns false when
 * memory runs out (*why gets a static reason). */
bool fs_png_encode(unsigned char *px, int w, int h, int stride, bool alpha,
                   const fs_png_text *texts, size_t ntexts, GByteArray *out, const char **why);

#endif
