/* paint: draws what layout decided into a cairo_t. See paint.h.
 *
 * Text is drawn from the PangoLayout that layout measured, never laid out
 * again here, so every surface shows the same line breaks. Icons are vector
 * shapes in a unit box, scaled into their item's box and clipped to the
 * item's fraction for a partial icon. */
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
        cairo_fill(cr);
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
        cairo_translate(cr, it->x, it->y);
        cairo_scale(cr, it->w, it->h);
        icon_path(cr, it->icon);
        cairo_fill(cr);
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
