/* pngwrite: PNG framing around libdeflate. See pngwrite.h.
 *
 * Level chosen by measurement (1920x1080 chart, up filter, this machine):
 * see the table in the commit that introduced this file and README's
 * Performance section. */
#include "pngwrite.h"

#include <libdeflate.h>
#include <stdint.h>
#include <string.h>

#ifndef FS_PNG_DEFLATE_LEVEL
#define FS_PNG_DEFLATE_LEVEL 6
#endif

const char *fs_png_deflate_version(void)
{
    return LIBDEFLATE_VERSION_STRING;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Appends one chunk: length, type, data, CRC-32 of type and data. */
static void chunk(GByteArray *out, const char type[4], const unsigned char *data, size_t len)
{
    unsigned char head[8];
    put32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uint32_t crc = libdeflate_crc32(0, type, 4);
    if (len) /* libdeflate_crc32() with a NULL buffer returns its start value */
        crc = libdeflate_crc32(crc, data, len);
    unsigned char tail[4];
    put32(tail, crc);
    g_byte_array_append(out, head, 8);
    if (len)
        g_byte_array_append(out, data, (guint)len);
    g_byte_array_append(out, tail, 4);
}

/* iTXt: keyword, NUL, compression flag 0, method 0, empty language tag and
 * translated keyword (each NUL-terminated), then the UTF-8 text. */
static void itxt(GByteArray *out, const char *key, const char *text)
{
    g_autoptr(GByteArray) b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)key, (guint)strlen(key));
    static const unsigned char mid[5] = {0, 0, 0, 0, 0};
    g_byte_array_append(b, mid, sizeof mid);
    g_byte_array_append(b, (const guint8 *)text, (guint)strlen(text));
    chunk(out, "iTXt", b->data, b->len);
}

/* The compressor of this process, made on first use (its tables take a
 * moment to set up, and a batch encodes many images). */
static struct libdeflate_compressor *the_compressor;

static struct libdeflate_compressor *compressor(void)
{
    if (!the_compressor)
        the_compressor = libdeflate_alloc_compressor(FS_PNG_DEFLATE_LEVEL);
    return the_compressor;
}

void fs_png_shutdown(void)
{
    if (the_compressor)
        libdeflate_free_compressor(the_compressor);
    the_compressor = NULL;
}

/* Writes row y of the image as filter byte + bytes, filtered "up" against
 * the previous row, into dst; cur/prev hold the unfiltered bytes. */
static void unpack_row(const uint32_t *src, int w, bool alpha, unsigned char *cur)
{
    for (int x = 0; x < w; x++) {
        uint32_t p = src[x];
        unsigned a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        if (alpha) {
            if (a != 0 && a != 255) { /* cairo premultiplies; PNG does not */
                r = (r * 255 + a / 2) / a;
                g = (g * 255 + a / 2) / a;
                b = (b * 255 + a / 2) / a;
            }
            *cur++ = (unsigned char)r, *cur++ = (unsigned char)g, *cur++ = (unsigned char)b;
            *cur++ = (unsigned char)a;
        } else {
            *cur++ = (unsigned char)r, *cur++ = (unsigned char)g, *cur++ = (unsigned char)b;
        }
    }
}

bool fs_png_encode(unsigned char *px, int w, int h, int stride, bool alpha,
                   const fs_png_text *texts, size_t ntexts, GByteArray *out, const char **why)
{
    struct libdeflate_compressor *c = compressor();
    if (!c) {
        *why = "out of memory";
        return false;
    }
    size_t ch = alpha ? 4 : 3, rowlen = (size_t)w * ch;
    size_t rawlen = (rowlen + 1) * (size_t)h;
    /* Opaque rows (1 + 3w bytes) are filtered into the image's own memory:
     * row y goes to offset y * (1 + 3w), which never reaches row y + 1 of
     * the image (at (y + 1) * stride, stride >= 4w), and row y itself is
     * unpacked before it is overwritten. A fresh buffer of the image's size
     * would cost a page fault every 4 KiB, as much as compressing it. RGBA
     * rows are one byte longer than the image's, so they get a buffer. */
    unsigned char *raw = alpha ? g_try_malloc(rawlen) : px;
    unsigned char *rows = g_try_malloc(2 * rowlen);
    unsigned char *above = g_try_malloc((size_t)w * 4); /* the last source row unpacked */
    size_t bound = libdeflate_zlib_compress_bound(c, rawlen);
    unsigned char *z = raw && rows && above ? g_try_malloc(bound) : NULL;
    if (!z) {
        if (raw != px)
            g_free(raw);
        g_free(rows);
        g_free(above);
        *why = "out of memory";
        return false;
    }
    unsigned char *cur = rows, *prev = rows + rowlen;
    memset(prev, 0, rowlen);
    /* A chart repeats rows (background, the inside of bars): a row equal to
     * the one above filters "up" to zeros, found by comparing the source
     * rows (kept aside, as the row above may already be overwritten). */
    const size_t srclen = (size_t)w * 4;
    for (int y = 0; y < h; y++) {
        const unsigned char *src = px + (size_t)y * (size_t)stride;
        unsigned char *dst = raw + (size_t)y * (rowlen + 1);
        /* src is read whole before dst, which may start inside it, is written */
        bool same = y > 0 && memcmp(src, above, srclen) == 0;
        if (!same)
            memcpy(above, src, srclen);
        *dst++ = 2; /* up */
        if (same) {
            memset(dst, 0, rowlen);
            continue;
        }
        unpack_row((const uint32_t *)(const void *)above, w, alpha, cur);
        for (size_t i = 0; i < rowlen; i++)
            dst[i] = (unsigned char)(cur[i] - prev[i]);
        unsigned char *t = cur;
        cur = prev, prev = t;
    }
    g_free(above);
    size_t zlen = libdeflate_zlib_compress(c, raw, rawlen, z, bound);
    if (raw != px)
        g_free(raw);
    g_free(rows);
    if (zlen == 0) {
        g_free(z);
        *why = "cannot compress the image";
        return false;
    }
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    g_byte_array_append(out, sig, sizeof sig);
    unsigned char ihdr[13];
    put32(ihdr, (uint32_t)w);
    put32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;                /* bits per sample */
    ihdr[9] = alpha ? 6 : 2;    /* RGBA or RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filters, no interlace */
    chunk(out, "IHDR", ihdr, sizeof ihdr);
    for (size_t i = 0; i < ntexts; i++)
        if (texts[i].text && *texts[i].text)
            itxt(out, texts[i].key, texts[i].text);
    /* IDAT in pieces of at most 1 MiB, as encoders commonly do */
    for (size_t off = 0; off < zlen;) {
        size_t n = MIN(zlen - off, (size_t)1 << 20);
        chunk(out, "IDAT", z + off, n);
        off += n;
    }
    g_free(z);
    chunk(out, "IEND", NULL, 0);
    return true;
}
