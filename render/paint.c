/* paint: draws what layout decided into a cairo_t. See paint.h.
 *
 * Text is drawn from the PangoLayout that layout measured, never laid out
 * again here, so every surface shows the same line breaks. Icons are vector
 * shapes in a unit box, scaled into their item's box and clipped to the
 * item's fraction for a partial icon. A shape with a fill pattern gets its
 * fill, then the pattern's lines or dots in the pattern ink clipped to the
 * shape, then a thin outline in the ink (a pale fill must not vanish on
 * white paper). Pattern lines are anchored to the page, not to the shape,
 * so neighbouring bars line up. */
#include "paint.h"

#include <math.h>
#include <pango/pangocairo.h>

static void set_color(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgba(cr, ((c >> 24) & 0xff) / 255.0, ((c >> 16) & 0xff) / 255.0,
                          ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* Icon outlines in a 1x1 box. */
static void icon_path(cairo_t *cr, fs_icon icon)
{
    switch (icon) {
    case FS_ICON_PERSON:
        cairo_new_sub_path(cr);
        cairo_arc(cr, 0.5, 0.2, 0.17, 0, 2 * M_PI);
        /* shoulders and body: a rounded trapezoid */
        cairo_new_sub_path(cr);
        cairo_move_to(cr, 0.22, 0.98);
        cairo_line_to(cr, 0.22, 0.62);
        cairo_curve_to(cr, 0.22, 0.48, 0.32, 0.42, 0.5, 0.42);
        cairo_curve_to(cr, 0.68, 0.42, 0.78, 0.48, 0.78, 0.62);
        cairo_line_to(cr, 0.78, 0.98);
        cairo_close_path(cr);
        break;
    case FS_ICON_HOUSE:
        cairo_move_to(cr, 0.5, 0.06);
        cairo_line_to(cr, 0.96, 0.46);
        cairo_line_to(cr, 0.84, 0.46);
        cairo_line_to(cr, 0.84, 0.96);
        cairo_line_to(cr, 0.16, 0.96);
        cairo_line_to(cr, 0.16, 0.46);
        cairo_line_to(cr, 0.04, 0.46);
        cairo_close_path(cr);
        break;
    case FS_ICON_SQUARE:
        cairo_rectangle(cr, 0.08, 0.08, 0.84, 0.84);
        break;
    case FS_ICON_CIRCLE:
        cairo_new_sub_path(cr);
        cairo_arc(cr, 0.5, 0.5, 0.42, 0, 2 * M_PI);
        break;
    }
}

/* Draws pattern p with spacing s over the box (x, y, w, h) in the current
 * source; the caller clips. */
static void pattern_path(cairo_t *cr, fs_pattern p, double x, double y, double w, double h,
                         double s)
{
    double lw = s * 0.16;
    cairo_set_line_width(cr, lw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    bool slash = p == FS_PATTERN_HATCH || p == FS_PATTERN_CROSSHATCH;
    bool back = p == FS_PATTERN_BACKHATCH || p == FS_PATTERN_CROSSHATCH;
    bool horiz = p == FS_PATTERN_HORIZONTAL || p == FS_PATTERN_GRID;
    bool vert = p == FS_PATTERN_VERTICAL || p == FS_PATTERN_GRID;
    if (slash) /* lines x + y = c */
        for (double c = floor((x + y) / s) * s; c <= x + w + y + h + s; c += s) {
            cairo_move_to(cr, c - y + 1, y - 1);
            cairo_line_to(cr, c - (y + h) - 1, y + h + 1);
        }
    if (back) /* lines x - y = c */
        for (double c = floor((x - y - h) / s) * s; c <= x + w - y + s; c += s) {
            cairo_move_to(cr, c + y - 1, y - 1);
            cairo_line_to(cr, c + y + h + 1, y + h + 1);
        }
    if (horiz)
        for (double c = floor(y / s) * s + s / 2; c <= y + h + s; c += s) {
            cairo_move_to(cr, x, c);
            cairo_line_to(cr, x + w, c);
        }
    if (vert)
        for (double c = floor(x / s) * s + s / 2; c <= x + w + s; c += s) {
            cairo_move_to(cr, c, y);
            cairo_line_to(cr, c, y + h);
        }
    if (slash || back || horiz || vert) {
        cairo_stroke(cr);
        return;
    }
    if (p == FS_PATTERN_DOTS) { /* a staggered grid of dots */
        long row = (long)floor(y / s);
        for (double cy = (double)row * s; cy <= y + h + s; cy += s, row++) {
            double off = (row & 1) ? s / 2 : 0;
            for (double cx = floor(x / s) * s - off; cx <= x + w + s; cx += s) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, cx + s / 2, cy + s / 2, s * 0.2, 0, 2 * M_PI);
            }
        }
        cairo_fill(cr);
    }
}

/* Fills the current path with the item's colour and pattern. */
static void fill_shape(cairo_t *cr, const fs_item *it)
{
    if (it->pattern == FS_PATTERN_SOLID || it->pattern_size <= 0) {
        cairo_fill(cr);
        return;
    }
    cairo_fill_preserve(cr);
    cairo_save(cr);
    cairo_clip_preserve(cr);
    double x0, y0, x1, y1;
    cairo_path_extents(cr, &x0, &y0, &x1, &y1);
    cairo_path_t *outline = cairo_copy_path(cr);
    cairo_new_path(cr);
    set_color(cr, it->pattern_ink);
    pattern_path(cr, it->pattern, x0, y0, x1 - x0, y1 - y0, it->pattern_size);
    cairo_restore(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, outline);
    cairo_path_destroy(outline);
    set_color(cr, it->pattern_ink);
    cairo_set_line_width(cr, it->pattern_size * 0.1);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

static void paint_item(cairo_t *cr, const fs_item *it)
{
    set_color(cr, it->color);
    switch (it->kind) {
    case FS_ITEM_TEXT:
        cairo_move_to(cr, it->ox, it->oy);
        pango_cairo_show_layout(cr, it->layout);
        break;
    case FS_ITEM_RECT:
        cairo_rectangle(cr, it->x, it->y, it->w, it->h);
        fill_shape(cr, it);
        break;
    case FS_ITEM_LINE:
        cairo_set_line_width(cr, it->line_width);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_move_to(cr, it->x, it->y);
        cairo_line_to(cr, it->x + it->w, it->y + it->h);
        cairo_stroke(cr);
        break;
    case FS_ITEM_ICON:
        cairo_save(cr);
        cairo_rectangle(cr, it->from_right ? it->x + it->w * (1 - it->fraction) : it->x, it->y,
                        it->w * it->fraction, it->h);
        cairo_clip(cr);
        {
            /* the path in the icon's unit box; pattern and outline in page units */
            cairo_matrix_t page;
            cairo_get_matrix(cr, &page);
            cairo_translate(cr, it->x, it->y);
            cairo_scale(cr, it->w, it->h);
            icon_path(cr, it->icon);
            cairo_set_matrix(cr, &page);
        }
        fill_shape(cr, it);
        cairo_restore(cr);
        break;
    }
}

void fs_paint_page(cairo_t *cr, const fs_page *page, uint32_t background)
{
    if (background & 0xff) {
        set_color(cr, background);
        cairo_rectangle(cr, 0, 0, page->width, page->height);
        cairo_fill(cr);
    }
    for (guint i = 0; i < page->items->len; i++)
        paint_item(cr, &g_array_index(page->items, fs_item, i));
}
