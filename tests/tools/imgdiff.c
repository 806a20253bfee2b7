/* imgdiff: compares two PNGs the way cairo's test suite does (buffer-diff):
 * counts the pixels that differ and the largest channel difference, writes a
 * diff image (changed pixels red over a faded copy) when they differ beyond
 * the tolerance, and exits 0 (same within tolerance), 1 (different) or 2
 * (cannot read, or the sizes differ).
 *
 *   imgdiff A.png B.png DIFF.png MAX_CHANNEL_DIFF MAX_CHANGED_PERMILLE
 *
 * A pixel counts as changed when any channel differs by more than
 * MAX_CHANNEL_DIFF; the images match when at most MAX_CHANGED_PERMILLE per
 * thousand pixels changed. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static cairo_surface_t *load(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "imgdiff: %s: %s\n", path, cairo_status_to_string(cairo_surface_status(s)));
        return NULL;
    }
    /* normalise to ARGB32 so RGB and RGBA files compare */
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    cairo_surface_t *n = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(n);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    cairo_surface_flush(n);
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: imgdiff A.png B.png DIFF.png MAX_CHANNEL_DIFF MAX_PERMILLE\n");
        return 2;
    }
    int tol = atoi(argv[4]);
    double permille = atof(argv[5]);
    cairo_surface_t *a = load(argv[1]), *b = load(argv[2]);
    if (!a || !b)
        return 2;
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        printf("size differs: %dx%d vs %dx%d\n", w, h, cairo_image_surface_get_width(b),
               cairo_image_surface_get_height(b));
        return 2;
    }
    cairo_surface_t *diff = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    int sd = cairo_image_surface_get_stride(diff);
    unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
    unsigned char *pd = cairo_image_surface_get_data(diff);
    long changed = 0;
    int maxdiff = 0;
    for (int y = 0; y < h; y++) {
        uint32_t *ra = (uint32_t *)(pa + (size_t)y * sa), *rb = (uint32_t *)(pb + (size_t)y * sb);
        uint32_t *rd = (uint32_t *)(pd + (size_t)y * sd);
        for (int x = 0; x < w; x++) {
            int m = 0;
            for (int sh = 0; sh < 32; sh += 8) {
                int d = abs((int)((ra[x] >> sh) & 0xff) - (int)((rb[x] >> sh) & 0xff));
                if (d > m)
                    m = d;
            }
            if (m > maxdiff)
                maxdiff = m;
            if (m > tol) {
                changed++;
                rd[x] = 0xffff0000;
            } else {
                uint32_t g = ((ra[x] >> 8) & 0xff) / 4 + 191;
                rd[x] = 0xff000000 | g << 16 | g << 8 | g;
            }
        }
    }
    cairo_surface_mark_dirty(diff);
    double pm = 1000.0 * (double)changed / ((double)w * h);
    printf("%ld pixels changed (%.3f per mille), max channel difference %d\n", changed, pm, maxdiff);
    int rc = pm > permille ? 1 : 0;
    if (rc)
        cairo_surface_write_to_png(diff, argv[3]);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    cairo_surface_destroy(diff);
    return rc;
}
