/* doc: the document model. See doc.h. */
#include "doc.h"

#include "diag.h"
#include "image.h"
#include "text.h"

#include <math.h>

static void item_clear(gpointer p)
{
    fs_item *it = p;
    g_clear_object(&it->layout);
    g_clear_pointer(&it->text, g_free);
    g_clear_pointer(&it->pts, g_free);
}

void fs_page_free(fs_page *page)
{
    if (!page)
        return;
    g_array_free(page->items, TRUE);
    for (guint i = 0; page->groups && i < page->groups->len; i++)
        g_free(g_array_index(page->groups, fs_group, i).alt);
    if (page->groups)
        g_array_free(page->groups, TRUE);
    if (page->panels)
        g_array_free(page->panels, TRUE);
    g_free(page);
}

static void page_free(gpointer p)
{
    fs_page_free(p);
}

static void outline_clear(gpointer p)
{
    g_free(((fs_outline *)p)->title);
}

fs_doc *fs_doc_new(void)
{
    fs_doc *doc = g_new0(fs_doc, 1);
    doc->pages = g_ptr_array_new_with_free_func(page_free);
    doc->outline = g_array_new(FALSE, TRUE, sizeof(fs_outline));
    g_array_set_clear_func(doc->outline, outline_clear);
    doc->background = 0xffffffff;
    return doc;
}

void fs_doc_free(fs_doc *doc)
{
    if (!doc)
        return;
    g_ptr_array_free(doc->pages, TRUE);
    g_array_free(doc->outline, TRUE);
    g_free(doc->title);
    g_free(doc->author);
    g_free(doc->subject);
    g_free(doc->keywords);
    g_free(doc->desc);
    g_free(doc->lang);
    g_free(doc->link);
    g_free(doc);
}

fs_page *fs_page_new(double width, double height, bool rtl)
{
    fs_page *page = g_new0(fs_page, 1);
    page->width = width;
    page->height = height;
    page->rtl = rtl;
    /* an item's own memory goes when it leaves the page by any way: freed,
     * or cut off by fs_page_truncate() (fs_page_take_items() empties the
     * items it moves first) */
    page->items = g_array_new(FALSE, TRUE, sizeof(fs_item));
    g_array_set_clear_func(page->items, item_clear);
    return page;
}

fs_page *fs_doc_add_page(fs_doc *doc, double width, double height)
{
    fs_page *page = fs_page_new(width, height, false);
    g_ptr_array_add(doc->pages, page);
    return page;
}

void fs_page_set_pattern(fs_page *page, fs_pattern pattern, uint32_t ink, double size)
{
    fs_item *it = &g_array_index(page->items, fs_item, page->items->len - 1);
    it->pattern = pattern, it->pattern_ink = ink, it->pattern_size = size;
}

fs_item *fs_page_item(fs_page *page, int i)
{
    return &g_array_index(page->items, fs_item, i);
}

/* One row per fs_role, in its order. */
static const fs_role_info role_table[FS_ROLE_COUNT] = {
    [FS_ROLE_TITLE] = {.name = "title", .tag = FS_TAG_HEADER, .heading = true},
    [FS_ROLE_SUBTITLE] = {.name = "subtitle", .tag = FS_TAG_HEADER},
    [FS_ROLE_DATE] = {.name = "date", .tag = FS_TAG_HEADER},
    [FS_ROLE_ACCENT] = {.name = "accent", .tag = FS_TAG_ARTIFACT},
    [FS_ROLE_RULE] = {.name = "rule", .tag = FS_TAG_ARTIFACT},
    [FS_ROLE_FOOTER_RULE] = {.name = "footer-rule", .tag = FS_TAG_ARTIFACT, .footer = true},
    [FS_ROLE_PAGE_NUMBER] = {.name = "page-number", .tag = FS_TAG_ARTIFACT, .footer = true},
    [FS_ROLE_SOURCE] = {.name = "source", .tag = FS_TAG_PROSE, .footer = true, .link = true},
    [FS_ROLE_NOTE] = {.name = "note", .tag = FS_TAG_PROSE, .footer_alone = true},
    [FS_ROLE_PANEL_TITLE] = {.name = "panel-title", .tag = FS_TAG_FRAME, .heading = true},
    [FS_ROLE_PANEL_SUBTITLE] = {.name = "panel-subtitle", .tag = FS_TAG_FRAME},
    [FS_ROLE_PANEL_NOTE] = {.name = "panel-note", .tag = FS_TAG_FRAME},
    [FS_ROLE_STAT] = {.name = "stat", .tag = FS_TAG_PROSE},
    [FS_ROLE_CAPTION] = {.name = "caption", .tag = FS_TAG_PROSE},
    [FS_ROLE_COMPARE] = {.name = "compare", .tag = FS_TAG_PROSE},
    [FS_ROLE_TEXT] = {.name = "text", .tag = FS_TAG_PROSE},
    [FS_ROLE_ITEM] = {.name = "item", .tag = FS_TAG_PROSE, .list_item = true},
    [FS_ROLE_ICON] = {.name = "icon", .tag = FS_TAG_PART, .bare = true},
    [FS_ROLE_BAR] = {.name = "bar", .tag = FS_TAG_PART},
    [FS_ROLE_LABEL_BG] = {.name = "label-bg", .tag = FS_TAG_PART},
    [FS_ROLE_VALUE] = {.name = "value", .tag = FS_TAG_PART},
    [FS_ROLE_LABEL] = {.name = "label", .tag = FS_TAG_PART},
    [FS_ROLE_TICK] = {.name = "tick", .tag = FS_TAG_PART},
    [FS_ROLE_GRID] = {.name = "grid", .tag = FS_TAG_PART},
    [FS_ROLE_AXIS] = {.name = "axis", .tag = FS_TAG_PART},
    [FS_ROLE_LEGEND] = {.name = "legend", .tag = FS_TAG_PART},
    [FS_ROLE_SWATCH] = {.name = "swatch", .tag = FS_TAG_PART},
    [FS_ROLE_KEY] = {.name = "key", .tag = FS_TAG_PART},
    [FS_ROLE_TIMELINE] = {.name = "timeline", .tag = FS_TAG_PART},
    [FS_ROLE_EVENT] = {.name = "event", .tag = FS_TAG_PART},
    /* a logo says who made the sheet; the report's metadata already does */
    [FS_ROLE_LOGO] = {.name = "logo", .tag = FS_TAG_ARTIFACT},
    [FS_ROLE_IMAGE] = {.name = "image", .tag = FS_TAG_PART},
    [FS_ROLE_SLICE] = {.name = "slice", .tag = FS_TAG_PART},
    [FS_ROLE_SERIES] = {.name = "series", .tag = FS_TAG_PART},
    [FS_ROLE_TABLE_HEAD] = {.name = "table-head", .tag = FS_TAG_PROSE, .heading = true,
                            .table = true},
    [FS_ROLE_TABLE_CELL] = {.name = "table-cell", .tag = FS_TAG_PROSE, .table = true},
    [FS_ROLE_TABLE_ZEBRA] = {.name = "table-zebra", .tag = FS_TAG_PART, .table = true},
    [FS_ROLE_TABLE_BAR] = {.name = "table-bar", .tag = FS_TAG_PART, .table = true},
    [FS_ROLE_TABLE_RULE] = {.name = "table-rule", .tag = FS_TAG_ARTIFACT, .table = true},
    [FS_ROLE_REFERENCE] = {.name = "reference", .tag = FS_TAG_PART},
    [FS_ROLE_CALLOUT] = {.name = "callout", .tag = FS_TAG_PART},
};

const fs_role_info *fs_role_info_of(fs_role r)
{
    g_return_val_if_fail((unsigned)r < FS_ROLE_COUNT, &role_table[FS_ROLE_TEXT]);
    return &role_table[r];
}

const char *fs_role_name(fs_role r)
{
    return fs_role_info_of(r)->name;
}

fs_item *fs_page_add_item(fs_page *page, fs_item_kind kind, fs_role role)
{
    fs_item it = {.kind = kind, .role = role};
    g_array_append_val(page->items, it);
    return &g_array_index(page->items, fs_item, page->items->len - 1);
}

void fs_page_add_rect(fs_page *page, fs_role role, double x, double y, double w, double h,
                      uint32_t color)
{
    fs_item *it = fs_page_add_item(page, FS_ITEM_RECT, role);
    it->x = x, it->y = y, it->w = w, it->h = h, it->color = color;
}

void fs_page_add_line(fs_page *page, fs_role role, double x1, double y1, double x2, double y2,
                      double width, uint32_t color)
{
    fs_item *it = fs_page_add_item(page, FS_ITEM_LINE, role);
    it->x = x1, it->y = y1, it->w = x2 - x1, it->h = y2 - y1;
    it->line_width = width, it->color = color;
}

void fs_page_add_icon(fs_page *page, fs_icon icon, double x, double y, double w, double h,
                      double fraction, uint32_t color)
{
    fs_item *it = fs_page_add_item(page, FS_ITEM_ICON, FS_ROLE_ICON);
    it->x = x, it->y = y, it->w = w, it->h = h;
    it->icon = icon, it->fraction = fraction, it->color = color;
}

void fs_page_add_image(fs_page *page, fs_role role, const struct fs_image *img, double x,
                       double y, double w, double h)
{
    fs_item *it = fs_page_add_item(page, FS_ITEM_IMAGE, role);
    it->x = x, it->y = y, it->w = w, it->h = h;
    it->image = img;
}

void fs_page_add_slice(fs_page *page, double x, double y, double d, double a0, double a1,
                       double inner, uint32_t color, double edge, uint32_t edge_color)
{
    fs_item *it = fs_page_add_item(page, FS_ITEM_SLICE, FS_ROLE_SLICE);
    it->x = x, it->y = y, it->w = d, it->h = d;
    it->a0 = a0, it->a1 = a1, it->inner = inner;
    it->color = color, it->line_width = edge, it->edge_color = edge_color;
}

void fs_page_add_path(fs_page *page, fs_role role, const double *xy, guint n, bool closed,
                      double width, double dash, uint32_t color)
{
    double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
    for (guint i = 0; i < n; i++) {
        x0 = fmin(x0, xy[2 * i]), x1 = fmax(x1, xy[2 * i]);
        y0 = fmin(y0, xy[2 * i + 1]), y1 = fmax(y1, xy[2 * i + 1]);
    }
    if (n == 0)
        x0 = y0 = x1 = y1 = 0;
    fs_item *it = fs_page_add_item(page, FS_ITEM_PATH, role);
    it->x = x0, it->y = y0, it->w = x1 - x0, it->h = y1 - y0;
    it->pts = g_new(double, 2 * (gsize)n + 1);
    for (guint i = 0; i < n; i++)
        it->pts[2 * i] = xy[2 * i] - x0, it->pts[2 * i + 1] = xy[2 * i + 1] - y0;
    it->npts = n, it->closed = closed;
    it->line_width = width, it->dash = dash, it->color = color;
}

void fs_page_mirror(fs_page *page)
{
    double W = page->width;
    for (guint i = 0; i < page->items->len; i++) {
        fs_item *it = &g_array_index(page->items, fs_item, i);
        switch (it->kind) {
        case FS_ITEM_TEXT: {
            /* a wrapped layout keeps its (already swapped) alignment inside
             * its mirrored box; a single line or a turned text is mirrored
             * as a box */
            double nx;
            if (it->wrap > 0 && it->angle == 0) {
                double ox = W - it->ox - it->wrap;
                nx = it->x + (ox - it->ox);
            } else {
                nx = W - it->x - it->w;
            }
            it->ox += nx - it->x;
            it->x = nx;
            break;
        }
        case FS_ITEM_LINE:
            it->x = W - it->x;
            it->w = -it->w;
            break;
        case FS_ITEM_ICON:
            it->from_right = !it->from_right;
            it->x = W - it->x - it->w;
            break;
        case FS_ITEM_RECT:
        case FS_ITEM_IMAGE:
            it->x = W - it->x - it->w;
            break;
        case FS_ITEM_SLICE: {
            /* clockwise from 12 o'clock, mirrored: counterclockwise */
            double a0 = it->a0;
            it->x = W - it->x - it->w;
            it->a0 = 360 - it->a1, it->a1 = 360 - a0;
            break;
        }
        case FS_ITEM_PATH:
            it->x = W - it->x - it->w;
            for (guint k = 0; k < it->npts; k++)
                it->pts[2 * k] = it->w - it->pts[2 * k];
            break;
        }
    }
    for (guint i = 0; page->panels && i < page->panels->len; i++) {
        fs_panel_box *pb = &g_array_index(page->panels, fs_panel_box, i);
        pb->x = W - pb->x - pb->w;
    }
}

static void dump_string(FILE *fp, const char *s)
{
    g_autofree char *q = fs_diag_quote(s, -1, 400);
    fputs(q, fp);
}

/* The fields of a text line after its quoted text: the font size, the
 * lines and where they start, and the flags. */
static void dump_text_fields(FILE *fp, const fs_item *it)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(it->layout);
    double size = fd ? (double)pango_font_description_get_size(fd) / PANGO_SCALE : 0;
    fprintf(fp, " size=%.2f lines=%d", size, pango_layout_get_line_count(it->layout));
    GSList *lines = pango_layout_get_lines_readonly(it->layout);
    const char *sep = " breaks=";
    for (GSList *l = lines ? lines->next : NULL; l; l = l->next) {
        fprintf(fp, "%s%d", sep, ((PangoLayoutLine *)l->data)->start_index);
        sep = ",";
    }
    if (it->angle != 0)
        fprintf(fp, " angle=%g", it->angle);
    if (it->word_wider)
        fputs(" wordwider", fp);
    /* shortened with "…" by Pango: what shows, to tell cut labels apart */
    if (pango_layout_is_ellipsized(it->layout)) {
        g_autofree char *shown = fs_text_shown(it->layout);
        fputs(" shown=", fp);
        dump_string(fp, shown);
    }
    /* shortened with "…": the test suite counts these (last on the line) */
    if (it->words_cut || pango_layout_is_ellipsized(it->layout))
        fputs(" ellipsized", fp);
}

void fs_doc_dump(const fs_doc *doc, FILE *fp)
{
    for (guint p = 0; p < doc->pages->len; p++) {
        const fs_page *page = g_ptr_array_index(doc->pages, p);
        fprintf(fp, "page %u %.2f %.2f\n", p + 1, page->width, page->height);
        guint next = 0, npanels = page->panels ? page->panels->len : 0;
        for (guint i = 0; i < page->items->len; i++) {
            const fs_item *it = &g_array_index(page->items, fs_item, i);
            for (; next < npanels &&
                   g_array_index(page->panels, fs_panel_box, next).first <= i;
                 next++) {
                const fs_panel_box *pb = &g_array_index(page->panels, fs_panel_box, next);
                fprintf(fp, "panel %s %.2f %.2f %.2f %.2f items=%u\n", pb->owner, pb->x, pb->y,
                        pb->w, pb->h, pb->count);
            }
            switch (it->kind) {
            case FS_ITEM_TEXT:
                fprintf(fp, "text %s %.2f %.2f %.2f %.2f ", fs_role_name(it->role), it->x, it->y,
                        it->w, it->h);
                dump_string(fp, it->text);
                dump_text_fields(fp, it);
                fputc('\n', fp);
                break;
            case FS_ITEM_RECT:
                fprintf(fp, "rect %s %.2f %.2f %.2f %.2f #%08x%s%s\n", fs_role_name(it->role),
                        it->x, it->y, it->w, it->h, it->color, it->pattern ? " " : "",
                        it->pattern ? fs_pattern_names[it->pattern] : "");
                break;
            case FS_ITEM_LINE:
                fprintf(fp, "line %s %.2f %.2f %.2f %.2f\n", fs_role_name(it->role), it->x, it->y,
                        it->x + it->w, it->y + it->h);
                break;
            case FS_ITEM_ICON:
                fprintf(fp, "icon %s %.2f %.2f %.2f %.2f %.3f\n", fs_icon_names[it->icon], it->x,
                        it->y, it->w, it->h, it->fraction);
                break;
            case FS_ITEM_IMAGE:
                fprintf(fp, "image %s %.2f %.2f %.2f %.2f %s\n", fs_role_name(it->role), it->x,
                        it->y, it->w, it->h, fs_image_is_svg(it->image) ? "svg" : "png");
                break;
            case FS_ITEM_SLICE:
                fprintf(fp, "slice %s %.2f %.2f %.2f %.2f %.2f %.2f %.3f #%08x%s%s\n",
                        fs_role_name(it->role), it->x, it->y, it->w, it->h, it->a0, it->a1,
                        it->inner, it->color, it->pattern ? " " : "",
                        it->pattern ? fs_pattern_names[it->pattern] : "");
                break;
            case FS_ITEM_PATH:
                fprintf(fp, "path %s %.2f %.2f %.2f %.2f points=%u %s", fs_role_name(it->role),
                        it->x, it->y, it->w, it->h, it->npts, it->closed ? "closed" : "open");
                if (it->dash > 0)
                    fprintf(fp, " dash=%.2f", it->dash);
                fputc('\n', fp);
                break;
            }
        }
    }
}

void fs_page_move_item(fs_page *page, int i, double x, double y)
{
    fs_item *it = fs_page_item(page, i);
    double dx = x - it->x, dy = y - it->y;
    it->x += dx, it->ox += dx, it->y += dy, it->oy += dy;
}

void fs_page_rotate_item(fs_page *page, int i, double angle)
{
    fs_item *it = fs_page_item(page, i);
    double a = angle * G_PI / 180, ca = cos(a), sa = sin(a);
    /* the logical extents relative to the origin, turned: on the page y
     * grows downwards, so counterclockwise takes (1, 0) to (cos, -sin) */
    double x0 = it->x - it->ox, y0 = it->y - it->oy, lo_x = G_MAXDOUBLE, lo_y = G_MAXDOUBLE,
           hi_x = -G_MAXDOUBLE, hi_y = -G_MAXDOUBLE;
    for (int k = 0; k < 4; k++) {
        double px = x0 + (k & 1 ? it->w : 0), py = y0 + (k & 2 ? it->h : 0);
        double rx = px * ca + py * sa, ry = -px * sa + py * ca;
        lo_x = fmin(lo_x, rx), hi_x = fmax(hi_x, rx);
        lo_y = fmin(lo_y, ry), hi_y = fmax(hi_y, ry);
    }
    it->angle = angle;
    it->x = it->ox + lo_x, it->y = it->oy + lo_y;
    it->w = hi_x - lo_x, it->h = hi_y - lo_y;
}

void fs_page_truncate(fs_page *page, guint n)
{
    if (page->items->len > n)
        g_array_set_size(page->items, n);
    for (guint i = page->panels ? page->panels->len : 0; i-- > 0;) {
        fs_panel_box *pb = &g_array_index(page->panels, fs_panel_box, i);
        if (pb->first >= n)
            g_array_remove_index(page->panels, i);
        else if (pb->first + pb->count > n)
            pb->count = n - pb->first;
    }
}

void fs_page_take_items(fs_page *dst, fs_page *src, double dx, double dy, const char *owner)
{
    if (owner && src->items->len) {
        fs_panel_box pb = {.owner = owner, .first = dst->items->len, .count = src->items->len,
                           .x = dx, .y = dy, .w = src->width,
                           .h = fs_page_items_bottom(src)};
        if (!dst->panels)
            dst->panels = g_array_new(FALSE, FALSE, sizeof(fs_panel_box));
        g_array_append_val(dst->panels, pb);
    }
    for (guint i = 0; i < src->items->len; i++) {
        fs_item *it = &g_array_index(src->items, fs_item, i);
        fs_item copy = *it;
        copy.x += dx, copy.y += dy, copy.ox += dx, copy.oy += dy;
        copy.owner = owner;
        it->layout = NULL, it->text = NULL, it->pts = NULL;
        g_array_append_val(dst->items, copy);
    }
    g_array_set_size(src->items, 0);
}

double fs_page_items_bottom(const fs_page *page)
{
    double bottom = 0;
    for (guint i = 0; i < page->items->len; i++) {
        const fs_item *it = &g_array_index(page->items, fs_item, i);
        bottom = fmax(bottom, it->y + fmax(0, it->h));
    }
    return bottom;
}
