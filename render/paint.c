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

#include "image.h"

#include <hb-ot.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

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

/* The left and right of icon's ink in its unit box (icon_path()): a part
 * icon is cut at its fraction of the ink's width, not of the box's, so 0.2
 * of a person shows a fifth of the person. */
static void icon_ink(fs_icon icon, double *x0, double *x1)
{
    switch (icon) {
    case FS_ICON_PERSON:
        *x0 = 0.22, *x1 = 0.78;
        return;
    case FS_ICON_HOUSE:
        *x0 = 0.04, *x1 = 0.96;
        return;
    case FS_ICON_SQUARE:
    case FS_ICON_CIRCLE:
        break;
    }
    *x0 = 0.08, *x1 = 0.92;
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

/* The path of a ring sector (FS_ITEM_SLICE): cairo's angles start at 3
 * o'clock, the item's at 12. */
static void slice_path(cairo_t *cr, const fs_item *it)
{
    double r = it->w / 2, cx = it->x + r, cy = it->y + r;
    double a0 = (it->a0 - 90) * G_PI / 180, a1 = (it->a1 - 90) * G_PI / 180;
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, r, a0, a1);
    if (it->inner > 0)
        cairo_arc_negative(cr, cx, cy, r * it->inner, a1, a0);
    else
        cairo_line_to(cr, cx, cy);
    cairo_close_path(cr);
}

typedef struct {
    PangoGlyphItem *run;
    double x, y; /* its origin in the layout */
} placed_run;

static gint by_run_offset(gconstpointer a, gconstpointer b)
{
    const placed_run *ra = a, *rb = b;
    return ra->run->item->offset < rb->run->item->offset
               ? -1
               : ra->run->item->offset > rb->run->item->offset;
}

/* Draws layout l at the current point. Pango draws a line's runs in visual
 * order; a PDF reader that reads in drawing order (MuPDF) then reads a
 * right-to-left line of several runs (a number inside Arabic) run by run
 * from the left: "من النساء ٣٠٠ منهم". So a layout with a line whose runs are
 * not in logical order has its runs drawn one by one in logical order, each
 * at its place: the same glyphs at the same positions. (cairo writes the
 * glyphs of a right-to-left run in logical order itself.) */
static void show_layout(cairo_t *cr, PangoLayout *l)
{
    bool mixed = false;
    for (GSList *ln = pango_layout_get_lines_readonly(l); ln && !mixed; ln = ln->next)
        for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r && r->next && !mixed; r = r->next)
            mixed = ((PangoGlyphItem *)r->data)->item->offset >
                    ((PangoGlyphItem *)r->next->data)->item->offset;
    if (!mixed) {
        pango_cairo_show_layout(cr, l);
        return;
    }
    double x0, y0;
    cairo_get_current_point(cr, &x0, &y0);
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(placed_run));
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    do {
        PangoGlyphItem *run = pango_layout_iter_get_run_readonly(iter);
        if (!run)
            continue;
        PangoRectangle log;
        pango_layout_iter_get_run_extents(iter, NULL, &log);
        placed_run p = {run, (double)log.x / PANGO_SCALE,
                        (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE};
        g_array_append_val(runs, p);
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
    g_array_sort(runs, by_run_offset);
    const char *text = pango_layout_get_text(l);
    for (guint i = 0; i < runs->len; i++) {
        const placed_run *p = &g_array_index(runs, placed_run, i);
        cairo_move_to(cr, x0 + p->x, y0 + p->y);
        pango_cairo_show_glyph_item(cr, text, p->run);
    }
    g_array_free(runs, TRUE);
}

static void paint_item(cairo_t *cr, const fs_item *it)
{
    set_color(cr, it->color);
    switch (it->kind) {
    case FS_ITEM_TEXT:
        if (it->angle != 0) {
            /* turned about its origin as layout said; the same layout */
            cairo_save(cr);
            cairo_translate(cr, it->ox, it->oy);
            cairo_rotate(cr, -it->angle * G_PI / 180);
            cairo_move_to(cr, 0, 0);
            show_layout(cr, it->layout);
            cairo_restore(cr);
            break;
        }
        cairo_move_to(cr, it->ox, it->oy);
        show_layout(cr, it->layout);
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
        if (it->fraction < 1) {
            double i0, i1;
            icon_ink(it->icon, &i0, &i1);
            double cut = it->w * (i0 + it->fraction * (i1 - i0));
            cairo_rectangle(cr, it->from_right ? it->x + it->w - cut : it->x, it->y, cut, it->h);
            cairo_clip(cr);
        }
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
    case FS_ITEM_IMAGE:
        fs_image_draw(cr, it->image, it->x, it->y, it->w, it->h);
        break;
    case FS_ITEM_SLICE:
        slice_path(cr, it);
        fill_shape(cr, it);
        if (it->line_width > 0) {
            slice_path(cr, it);
            set_color(cr, it->edge_color);
            cairo_set_line_width(cr, it->line_width);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
            cairo_stroke(cr);
        }
        break;
    case FS_ITEM_PATH:
        if (it->npts < 2)
            break;
        cairo_new_path(cr);
        for (guint k = 0; k < it->npts; k++)
            cairo_line_to(cr, it->x + it->pts[2 * k], it->y + it->pts[2 * k + 1]);
        if (it->closed) {
            cairo_close_path(cr);
            cairo_fill(cr);
            break;
        }
        cairo_save(cr);
        cairo_set_line_width(cr, it->line_width);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, it->dash > 0 ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
        if (it->dash > 0) {
            double d[2] = {it->dash, 0.6 * it->dash};
            cairo_set_dash(cr, d, 2, 0);
        }
        cairo_stroke(cr);
        cairo_restore(cr);
        break;
    }
}

static void paint_background(cairo_t *cr, const fs_page *page, uint32_t background)
{
    if (background & 0xff) {
        set_color(cr, background);
        cairo_rectangle(cr, 0, 0, page->width, page->height);
        cairo_fill(cr);
    }
}

void fs_paint_page(cairo_t *cr, const fs_page *page, uint32_t background)
{
    paint_background(cr, page, background);
    for (guint i = 0; i < page->items->len; i++)
        paint_item(cr, &g_array_index(page->items, fs_item, i));
}

void fs_paint_page_text_apart(cairo_t *cr, const fs_page *page, uint32_t background,
                              fs_paint_text_fn text, void *data)
{
    paint_background(cr, page, background);
    for (guint i = 0; i < page->items->len; i++) {
        const fs_item *it = &g_array_index(page->items, fs_item, i);
        if (it->kind == FS_ITEM_TEXT && it->layout)
            text(cr, it, data);
        else
            paint_item(cr, it);
    }
}

bool fs_paint_run_is_color(const PangoGlyphItem *run)
{
    PangoFont *font = run->item->analysis.font;
    hb_font_t *hb = font ? pango_font_get_hb_font(font) : NULL;
    hb_face_t *face = hb ? hb_font_get_face(hb) : NULL;
    return face && (hb_ot_color_has_png(face) || hb_ot_color_has_layers(face) ||
                    hb_ot_color_has_svg(face));
}

void fs_paint_text_color_runs(cairo_t *cr, const fs_item *it)
{
    const char *text = pango_layout_get_text(it->layout);
    cairo_save(cr);
    set_color(cr, it->color);
    cairo_translate(cr, it->ox, it->oy);
    if (it->angle != 0)
        cairo_rotate(cr, -it->angle * G_PI / 180);
    PangoLayoutIter *iter = pango_layout_get_iter(it->layout);
    do {
        PangoGlyphItem *run = pango_layout_iter_get_run_readonly(iter);
        if (!run || !fs_paint_run_is_color(run))
            continue;
        PangoRectangle log;
        pango_layout_iter_get_run_extents(iter, NULL, &log);
        cairo_move_to(cr, (double)log.x / PANGO_SCALE,
                      (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE);
        pango_cairo_show_glyph_item(cr, text, run);
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
    cairo_restore(cr);
}

/* ---- PDF structure tags --------------------------------------------------------
 *
 * cairo 1.16 makes a structure element of every tag and gives marked content
 * (an MCID) only to the innermost ones: whatever is drawn directly inside a
 * Document or Sect is left unmarked, which is how rules and page numbers
 * stay out of what a screen reader reads. No tag crosses a page but the
 * Document. A tag cairo refuses (an unknown name, bad attributes) fails the
 * whole PDF, so every attribute string is built to parse. */

typedef enum { TAG_NONE, TAG_H1, TAG_H2, TAG_P, TAG_FIGURE } tag_kind;

static const char *const tag_names[] = {NULL, "H1", "H2", "P", "Figure"};

/* The page footer comes last in reading order, whatever its place in the
 * item list; it does not overlap anything, so drawing it last changes no
 * pixel. On a page without groups (a chart) the footer note goes with it. */
static bool in_footer(const fs_page *page, const fs_item *it)
{
    const fs_role_info *ri = fs_role_info_of(it->role);
    return ri->footer || (!page->groups && ri->footer_alone);
}

/* The tag of an item, from its role's row (doc.h): paint only applies
 * the table. */
static tag_kind tag_of(const fs_item *it, const fs_group *grp, const fs_tagging *t)
{
    const fs_role_info *ri = fs_role_info_of(it->role);
    bool text = it->kind == FS_ITEM_TEXT;
    if (ri->tag == FS_TAG_ARTIFACT)
        return TAG_NONE;
    if (grp) {
        if (ri->tag == FS_TAG_FRAME)
            return ri->heading ? TAG_H2 : TAG_P;
        return grp->figure ? TAG_FIGURE : text ? TAG_P : TAG_NONE;
    }
    if (ri->tag == FS_TAG_HEADER)
        return !t->first_page ? TAG_NONE : ri->heading ? TAG_H1 : TAG_P;
    /* a page without groups: a chart, or a stat or text panel alone */
    if (ri->tag == FS_TAG_PROSE)
        return TAG_P;
    return ri->bare ? TAG_NONE : TAG_FIGURE;
}

/* Appends s to attr as the value of a cairo link attribute. cairo 1.16
 * copies it into the PDF's "/URI (...)" string without escaping, so ( and )
 * get the PDF's backslash (itself escaped for cairo's attribute syntax), '
 * the attribute syntax's backslash, and a backslash and bytes outside
 * printable ASCII are percent-encoded as in a URI. */
static void append_uri(GString *attr, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '(' || c == ')')
            g_string_append_printf(attr, "\\\\%c", c);
        else if (c == '\'')
            g_string_append(attr, "\\'");
        else if (c <= ' ' || c >= 0x7f || c == '\\')
            g_string_append_printf(attr, "%%%02X", c);
        else
            g_string_append_c(attr, (char)c);
    }
}

/* The first http:// or https:// URL in text: sets [*start, *end) and
 * returns true. It ends before a space, a quote, an angle bracket, a
 * backslash or non-ASCII text, and trailing punctuation is not part of it. */
static bool find_url(const char *text, size_t *start, size_t *end)
{
    const char *a = strstr(text, "https://"), *b = strstr(text, "http://");
    const char *u = a && (!b || a < b) ? a : b;
    if (!u)
        return false;
    size_t n = 0;
    while (u[n] && (unsigned char)u[n] > ' ' && (unsigned char)u[n] < 0x7f &&
           !strchr("\"<>\\", u[n]))
        n++;
    while (n > 0 && strchr(".,;:!?)]'", u[n - 1]))
        n--;
    if (n <= strlen("https://"))
        return false;
    *start = (size_t)(u - text);
    *end = *start + n;
    return true;
}

/* Appends "x y w h " in points for every visual run of the bytes [start,
 * end) of the text item's layout. */
static void append_rects(GString *attr, const fs_item *it, int start, int end)
{
    PangoLayoutIter *iter = pango_layout_get_iter(it->layout);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
        int ls = line->start_index, le = line->start_index + line->length;
        if (le <= start || ls >= end)
            continue;
        PangoRectangle lr;
        pango_layout_iter_get_line_extents(iter, NULL, &lr);
        int *ranges = NULL, n = 0;
        pango_layout_line_get_x_ranges(line, MAX(start, ls), MIN(end, le), &ranges, &n);
        for (int k = 0; k < n; k++) {
            double v[4] = {it->ox + (double)ranges[2 * k] / PANGO_SCALE,
                           it->oy + (double)lr.y / PANGO_SCALE,
                           (double)(ranges[2 * k + 1] - ranges[2 * k]) / PANGO_SCALE,
                           (double)lr.height / PANGO_SCALE};
            for (int j = 0; j < 4; j++) {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                g_string_append_printf(attr, "%s ", g_ascii_formatd(buf, sizeof buf, "%.2f", v[j]));
            }
        }
        g_free(ranges);
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
}

/* The cairo link attributes for the source line it, or NULL when it has no
 * URL: the given link over its first line of text (the source, not the
 * note under it), else the URL written in it over the URL itself. Returns a
 * new string. */
static char *link_attrs(const fs_item *it, const char *link)
{
    const char *text = pango_layout_get_text(it->layout);
    size_t start = 0, end = strcspn(text, "\n");
    if (!link) {
        if (!find_url(text, &start, &end))
            return NULL;
    }
    GString *attr = g_string_new("uri='");
    if (link)
        append_uri(attr, link, strlen(link));
    else
        append_uri(attr, text + start, end - start);
    g_string_append(attr, "' rect=[");
    size_t before = attr->len;
    append_rects(attr, it, (int)start, (int)end);
    if (attr->len == before) { /* nothing drawn there: no link */
        g_string_free(attr, TRUE);
        return NULL;
    }
    g_string_append(attr, "]");
    return g_string_free(attr, FALSE);
}

/* The tags open on a page, innermost last: Sect, then Figure, or L, LI,
 * or Table, TR, TH|TD. */
typedef struct tag_stack {
    cairo_t *cr;
    const char *open[5];
    int depth;
} tag_stack;

static void tag_open(tag_stack *ts, const char *name)
{
    g_assert(ts->depth < (int)G_N_ELEMENTS(ts->open));
    cairo_tag_begin(ts->cr, name, NULL);
    ts->open[ts->depth++] = name;
}

/* Closes the open tags down to depth. */
static void tag_close_to(tag_stack *ts, int depth)
{
    while (ts->depth > depth)
        cairo_tag_end(ts->cr, ts->open[--ts->depth]);
}

static bool tag_at(const tag_stack *ts, int depth, const char *name)
{
    return ts->depth > depth && strcmp(ts->open[depth], name) == 0;
}

void fs_paint_page_tagged(cairo_t *cr, const fs_page *page, uint32_t background, fs_tagging *t)
{
    /* first: cairo turns an opaque fill of the whole page into a paint
     * that drops everything recorded on the page before it, tags too */
    paint_background(cr, page, background);
    if (t->first_page)
        cairo_tag_begin(cr, "Document", NULL);
    tag_stack ts = {.cr = cr};
    guint ngroups = page->groups ? page->groups->len : 0;
    const fs_group *sect = NULL; /* the group whose Sect is open */
    guint next = 0;              /* the next group to open */
    double row_end = 0;          /* the bottom of the table row open's cells */
    for (int footer = 0; footer < 2; footer++) {
        for (guint i = 0; i < page->items->len; i++) {
            const fs_item *it = &g_array_index(page->items, fs_item, i);
            if (in_footer(page, it) != (bool)footer)
                continue;
            if (sect && i >= sect->first + sect->count) {
                tag_close_to(&ts, 0);
                sect = NULL;
            }
            while (!sect && next < ngroups &&
                   g_array_index(page->groups, fs_group, next).first +
                           g_array_index(page->groups, fs_group, next).count <=
                       i)
                next++;
            if (!sect && next < ngroups && g_array_index(page->groups, fs_group, next).first == i) {
                tag_close_to(&ts, 0);
                sect = &g_array_index(page->groups, fs_group, next++);
                tag_open(&ts, "Sect");
            }
            int base = sect ? 1 : 0;
            tag_kind tag = tag_of(it, sect, t);
            if (tag == TAG_FIGURE) {
                if (!tag_at(&ts, base, "Figure")) {
                    tag_close_to(&ts, base);
                    tag_open(&ts, "Figure");
                    if (t->figures)
                        g_ptr_array_add(t->figures, (gpointer)(sect ? sect->alt : t->alt));
                }
                paint_item(cr, it);
                continue;
            }
            /* a table: Table, a TR per row (a cell starting under every
             * cell of the row open starts a row), TH or TD per cell; its zebra, bars
             * and rule drawn unmarked inside it */
            if (sect && fs_role_info_of(it->role)->table) {
                if (!tag_at(&ts, base, "Table")) {
                    tag_close_to(&ts, base);
                    tag_open(&ts, "Table");
                }
                if (it->kind != FS_ITEM_TEXT) {
                    paint_item(cr, it);
                    continue;
                }
                if (!tag_at(&ts, base + 1, "TR") || it->y >= row_end) {
                    tag_close_to(&ts, base + 1);
                    tag_open(&ts, "TR");
                    row_end = it->y + it->h;
                }
                row_end = fmax(row_end, it->y + it->h);
                const char *cell = fs_role_info_of(it->role)->heading ? "TH" : "TD";
                tag_open(&ts, cell);
                paint_item(cr, it);
                tag_close_to(&ts, base + 2);
                continue;
            }
            /* a text panel's list: L, an LI per item holding its bullet
             * (unmarked) and its text as LBody */
            bool bullet = tag == TAG_NONE && sect && it->kind == FS_ITEM_ICON;
            if (bullet || (tag == TAG_P && sect && fs_role_info_of(it->role)->list_item)) {
                if (!tag_at(&ts, base, "L")) {
                    tag_close_to(&ts, base);
                    tag_open(&ts, "L");
                }
                if (bullet || !tag_at(&ts, base + 1, "LI")) {
                    tag_close_to(&ts, base + 1);
                    tag_open(&ts, "LI");
                }
                if (bullet) {
                    paint_item(cr, it);
                    continue;
                }
                tag_open(&ts, "LBody");
                paint_item(cr, it);
                tag_close_to(&ts, base + 1);
                continue;
            }
            tag_close_to(&ts, base);
            if (tag == TAG_NONE) {
                paint_item(cr, it);
                continue;
            }
            g_autofree char *link =
                fs_role_info_of(it->role)->link && it->layout ? link_attrs(it, t->link) : NULL;
            cairo_tag_begin(cr, tag_names[tag], NULL);
            if (link)
                cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
            paint_item(cr, it);
            if (link)
                cairo_tag_end(cr, CAIRO_TAG_LINK);
            cairo_tag_end(cr, tag_names[tag]);
        }
        tag_close_to(&ts, 0);
        sect = NULL;
    }
    if (t->last_page)
        cairo_tag_end(cr, "Document");
}
