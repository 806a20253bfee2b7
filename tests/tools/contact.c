/* contact: tiles PNG files into one contact sheet, each scaled into a cell
 * of the grid with its name under it, for looking at many generated charts
 * at once (tests/gen/contact.sh).
 *
 *   contact OUT.png COLUMNS CELL_WIDTH FILE.png…
 *
 * Cells are CELL_WIDTH px wide and 3/4 as tall, plus a caption line; an
 * image keeps its aspect ratio. Exit 1 on a file that is not a PNG. */
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: contact OUT.png COLUMNS CELL_WIDTH FILE.png...\n");
        return 2;
    }
    int cols = atoi(argv[2]), cw = atoi(argv[3]);
    int n = argc - 4;
    if (cols < 1 || cw < 40) {
        fprintf(stderr, "contact: COLUMNS >= 1 and CELL_WIDTH >= 40\n");
        return 2;
    }
    int ch = cw * 3 / 4, cap = 18, gap = 8;
    int rows = (n + cols - 1) / cols;
    int W = cols * (cw + gap) + gap, H = rows * (ch + cap + gap) + gap;
    cairo_surface_t *sheet = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(sheet);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_paint(cr);
    PangoLayout *lay = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string("Sans 9");
    pango_layout_set_font_description(lay, fd);
    int status = 0;
    for (int i = 0; i < n; i++) {
        const char *path = argv[4 + i];
        double x = gap + (i % cols) * (cw + gap), y = gap + (i / cols) * (ch + cap + gap);
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "contact: %s: %s\n", path,
                    cairo_status_to_string(cairo_surface_status(img)));
            status = 1;
        } else {
            double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
            double k = iw / ih > (double)cw / ch ? cw / iw : ch / ih;
            cairo_save(cr);
            cairo_translate(cr, x + (cw - iw * k) / 2, y + (ch - ih * k) / 2);
            cairo_scale(cr, k, k);
            cairo_set_source_surface(cr, img, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_paint(cr);
            cairo_restore(cr);
        }
        cairo_surface_destroy(img);
        g_autofree char *base = g_path_get_basename(path);
        g_autofree char *dir = g_path_get_dirname(path);
        g_autofree char *parent = g_path_get_basename(dir);
        g_autofree char *name = g_strdup_printf("%s/%s", parent, base);
        pango_layout_set_text(lay, name, -1);
        pango_layout_set_width(lay, cw * PANGO_SCALE);
        pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_START);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_move_to(cr, x, y + ch + 2);
        pango_cairo_show_layout(cr, lay);
    }
    pango_font_description_free(fd);
    g_object_unref(lay);
    cairo_destroy(cr);
    if (cairo_surface_write_to_png(sheet, argv[1]) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "contact: cannot write %s\n", argv[1]);
        status = 1;
    }
    cairo_surface_destroy(sheet);
    return status;
}
