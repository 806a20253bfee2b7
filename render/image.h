/* image: a logo or an image panel's picture, an SVG drawn as vectors
 * (librsvg) or a PNG drawn as pixels (cairo), read from bytes already in
 * memory (the spec reads the file, confined like data = , see datapath.h).
 *
 * Checked before anything is decoded: at most FS_IMAGE_MAX_BYTES, a PNG at
 * most FS_IMAGE_MAX_PX pixels a side (from its header), an SVG that is UTF-8
 * text referring to nothing outside itself: every href / xlink:href is a
 * "#fragment" or a "data:" URL, every url(…) in a style too, and it has no
 * @import, no XInclude and no entity declarations. librsvg is given no base
 * file, so it could not load a relative reference anyway (its URL resolver
 * refuses every load but data: without a base URL); the check above says
 * which reference, before librsvg is asked. This module reads no file and
 * prints nothing. */
#ifndef FS_IMAGE_H
#define FS_IMAGE_H

#include <cairo.h>
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#define FS_IMAGE_MAX_BYTES (10 * 1024 * 1024)
#define FS_IMAGE_MAX_PX 10000

/* A PNG on paper is drawn at 150 dpi at the most (a pixel never larger than
 * 72/150 pt); on a screen (slides, charts) at twice its pixel size at the
 * most. Larger boxes leave the image at that size, centred. */
#define FS_IMAGE_PNG_MAX_PT_PER_PX 0.48
#define FS_IMAGE_PNG_MAX_SCALE 2.0

typedef struct fs_image fs_image;

/* Decodes len bytes (a PNG or an SVG, told apart by their content). Returns
 * a new image, or NULL with *why set to a new message that says what is
 * wrong, without the file's name ("is not a PNG or SVG image"). */
fs_image *fs_image_new(const guint8 *buf, size_t len, char **why);
/* NULL-safe. */
void fs_image_free(fs_image *img);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fs_image, fs_image_free)

/* Whether it is an SVG (vectors), else a PNG (pixels). */
bool fs_image_is_svg(const fs_image *img);
/* Its own size: a PNG's pixels, an SVG's width and height in px (from its
 * viewBox when it gives no size). Both > 0. */
void fs_image_size(const fs_image *img, double *w, double *h);

/* The largest size (*w x *h) the image takes inside a box bw x bh, keeping
 * its aspect ratio; a PNG no larger than its pixels allow (print: on paper,
 * else on a screen; see above). */
void fs_image_fit(const fs_image *img, double bw, double bh, bool print, double *w, double *h);

/* Draws the image into the box (x, y, w, h), stretched to it (give a box of
 * its aspect ratio, fs_image_fit()). */
void fs_image_draw(cairo_t *cr, const fs_image *img, double x, double y, double w, double h);

#endif
