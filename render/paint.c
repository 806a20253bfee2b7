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

/* ---- the text of colour glyphs in a PDF ----------------------------------------
 *
 * cairo 1.16 draws a colour glyph (a Noto Color Emoji bitmap) as an image
 * and drops its text: _cairo_surface_show_text_glyphs takes every colour
 * glyph, with its cluster, out of the run before the PDF surface sees it,
 * so no text operator, ToUnicode entry or /ActualText is left for it, and
 * extraction (pdftotext, mutool, copy and paste, a screen reader) reads
 * "Pizza " for "Pizza 🍕". So each colour cluster gets its text back, drawn
 * after its image inside the same structure element, in an invisible font:
 * a cairo user font, which the PDF gets as a Type 3 font with a ToUnicode
 * entry for each glyph, read by every extractor (mutool 1.21 reads no
 * /ActualText). Each character of the cluster is a glyph of its own, side
 * by side across the cluster's advance, at the size of the text: mutool
 * 1.21 splits a ToUnicode entry of several characters outside the Basic
 * Multilingual Plane into lone surrogates, and pdftotext puts a glyph of
 * another size on a line of its own. The glyphs are numbered per document
 * in the order their characters first occur. The joiners of an emoji that
 * a text font shapes to no glyph (U+FE0F after U+2600 in Inter) lose their
 * text too, and get it back the same way.
 *
 * A glyph must have ink, or cairo drops it as nothing to draw (an empty
 * glyph, or one drawn with a clear source, never reaches the PDF surface):
 * each paints a 1x1 image that is all transparent, which the Type 3 glyph
 * holds as an image mask of one clear sample. No pixel changes. */

/* The invisible glyphs' box, in em: every one is TEXT_GLYPH_ADVANCE wide,
 * which is what pdftotext takes a Type 3 font's first glyph to be when it
 * guesses the font's size (poppler's TextPage::updateFont), so that it
 * reads the glyphs at the size of the text around them; the font matrix
 * then widens them to their character's share of the cluster. */
#define TEXT_GLYPH_ASCENT 0.8
#define TEXT_GLYPH_ADVANCE 0.5

static const cairo_user_data_key_t text_face_key, text_glyphs_key;

static cairo_status_t text_glyph_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
                                        cairo_text_extents_t *extents)
{
    (void)sf;
    (void)glyph;
    cairo_surface_t *clear = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    /* written, so that cairo does not take it for a cleared surface */
    cairo_surface_flush(clear);
    cairo_surface_mark_dirty(clear);
    cairo_translate(cr, 0, -TEXT_GLYPH_ASCENT);
    cairo_scale(cr, TEXT_GLYPH_ADVANCE, 1);
    cairo_set_source_surface(cr, clear, 0, 0);
    cairo_paint(cr);
    cairo_surface_destroy(clear);
    *extents = (cairo_text_extents_t){.y_bearing = -TEXT_GLYPH_ASCENT,
                                      .width = TEXT_GLYPH_ADVANCE,
                                      .height = 1,
                                      .x_advance = TEXT_GLYPH_ADVANCE};
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t text_face_init(cairo_scaled_font_t *sf, cairo_t *cr,
                                     cairo_font_extents_t *extents)
{
    (void)sf;
    (void)cr;
    *extents = (cairo_font_extents_t){.ascent = TEXT_GLYPH_ASCENT,
                                      .descent = 1 - TEXT_GLYPH_ASCENT,
                                      .height = 1,
                                      .max_x_advance = TEXT_GLYPH_ADVANCE};
    return CAIRO_STATUS_SUCCESS;
}

/* The invisible font of the document that cr draws (one per cairo surface,
 * which owns it), and its glyph numbers by character (numbered from 1, in
 * the order the characters first occur); NULL when cairo refuses it. */
static cairo_font_face_t *text_face(cairo_t *cr, GHashTable **glyphs)
{
    cairo_surface_t *target = cairo_get_target(cr);
    cairo_font_face_t *face = cairo_surface_get_user_data(target, &text_face_key);
    if (!face) {
        face = cairo_user_font_face_create();
        cairo_user_font_face_set_init_func(face, text_face_init);
        cairo_user_font_face_set_render_glyph_func(face, text_glyph_render);
        GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        if (cairo_font_face_set_user_data(face, &text_glyphs_key, table,
                                          (cairo_destroy_func_t)g_hash_table_unref) !=
            CAIRO_STATUS_SUCCESS)
            g_hash_table_unref(table);
        if (cairo_surface_set_user_data(target, &text_face_key, face,
                                        (cairo_destroy_func_t)cairo_font_face_destroy) !=
            CAIRO_STATUS_SUCCESS) {
            cairo_font_face_destroy(face);
            return NULL;
        }
    }
    *glyphs = cairo_font_face_get_user_data(face, &text_glyphs_key);
    return *glyphs ? face : NULL;
}

/* The glyph of the invisible font for character c (UTF-8, len bytes). */
static unsigned long text_glyph(GHashTable *glyphs, const char *c, size_t len)
{
    g_autofree char *key = g_strndup(c, len);
    gpointer known = g_hash_table_lookup(glyphs, key);
    if (known)
        return GPOINTER_TO_SIZE(known);
    gsize index = g_hash_table_size(glyphs) + 1;
    g_hash_table_insert(glyphs, g_steal_pointer(&key), GSIZE_TO_POINTER(index));
    return index;
}

/* Whether a glyph of font hb is drawn in colour (a bitmap or layers). */
static bool glyph_is_color(hb_font_t *hb, PangoGlyph glyph)
{
    if (glyph & PANGO_GLYPH_UNKNOWN_FLAG)
        return false;
    hb_blob_t *png = hb_ot_color_glyph_reference_png(hb, glyph);
    bool color = hb_blob_get_length(png) > 0 ||
                 hb_ot_color_glyph_get_layers(hb_font_get_face(hb), glyph, 0, NULL, NULL) > 0;
    hb_blob_destroy(png);
    return color;
}

/* Draws text (UTF-8, len bytes) in the invisible font across the width w
 * from x on the baseline y: one glyph a character, each its share of the
 * width, at size (the text's, as cairo draws it). */
static void text_glyphs_show(cairo_t *cr, GHashTable *table, const char *text, int len, double x,
                             double y, double w, double size)
{
    glong n = g_utf8_strlen(text, len);
    if (n <= 0 || w <= 0)
        return;
    double step = w / (double)n;
    cairo_matrix_t fm;
    cairo_matrix_init_scale(&fm, step / TEXT_GLYPH_ADVANCE, size);
    cairo_set_font_matrix(cr, &fm);
    g_autofree cairo_glyph_t *glyphs = g_new(cairo_glyph_t, (gsize)n);
    g_autofree cairo_text_cluster_t *clusters = g_new(cairo_text_cluster_t, (gsize)n);
    const char *c = text;
    for (glong k = 0; k < n; k++) {
        const char *next = g_utf8_next_char(c);
        glyphs[k] = (cairo_glyph_t){.index = text_glyph(table, c, (size_t)(next - c)),
                                    .x = x + (double)k * step,
                                    .y = y};
        clusters[k] = (cairo_text_cluster_t){.num_bytes = (int)(next - c), .num_glyphs = 1};
        c = next;
    }
    cairo_show_text_glyphs(cr, text, len, glyphs, (int)n, clusters, (int)n, 0);
}

/* Whether c joins characters into one emoji without a glyph of its own: a
 * variation selector, the zero width joiner, a tag character. */
static bool is_emoji_joiner(gunichar c)
{
    return (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) || c == 0x200d ||
           (c >= 0xe0020 && c <= 0xe007f);
}

/* Whether cluster ci of run loses its text in cairo: a colour glyph (see
 * above), or only joiners shaped to no glyph (PANGO_GLYPH_EMPTY, which
 * cairo gets as an empty /ActualText span that neither extractor reads):
 * U+FE0F after U+2600 in a text font. *color says which. */
static bool cluster_lost(const PangoGlyphItemIter *ci, hb_font_t *hb, int lo, int hi, bool *color)
{
    const PangoGlyphString *gs = ci->glyph_item->glyphs;
    *color = false;
    bool empty = true;
    for (int g = lo; g <= hi; g++) {
        PangoGlyph glyph = gs->glyphs[g].glyph;
        if (hb && glyph_is_color(hb, glyph)) {
            *color = true;
            return true;
        }
        empty = empty && glyph == PANGO_GLYPH_EMPTY;
    }
    if (!empty || ci->end_index <= ci->start_index)
        return false;
    for (const char *c = ci->text + ci->start_index; c < ci->text + ci->end_index;
         c = g_utf8_next_char(c))
        if (!is_emoji_joiner(g_utf8_get_char(c)))
            return false;
    return true;
}

/* Calls fn(cluster, lo, hi, color, data) for each cluster of run that
 * loses its text in cairo, with its glyphs lo to hi; returns how many. */
typedef void (*lost_fn)(const PangoGlyphItemIter *ci, int lo, int hi, bool color, void *data);

static int lost_clusters(PangoGlyphItem *run, const char *text, lost_fn fn, void *data)
{
    PangoFont *font = run->item->analysis.font;
    hb_font_t *hb = font && fs_paint_run_is_color(run) ? pango_font_get_hb_font(font) : NULL;
    int n = 0;
    PangoGlyphItemIter ci;
    for (gboolean more = pango_glyph_item_iter_init_start(&ci, run, text); more;
         more = pango_glyph_item_iter_next_cluster(&ci)) {
        /* end_glyph is one past the last, before the first in a
         * right-to-left run */
        int lo = ci.start_glyph < ci.end_glyph ? ci.start_glyph : ci.end_glyph + 1;
        int hi = ci.start_glyph < ci.end_glyph ? ci.end_glyph - 1 : ci.start_glyph;
        bool color;
        if (!cluster_lost(&ci, hb, lo, hi, &color))
            continue;
        n++;
        if (fn)
            fn(&ci, lo, hi, color, data);
    }
    return n;
}

/* What run_text draws a run with: the run drawn from x on the baseline y,
 * its glyphs' left edges (Pango units from the run's), the text's size,
 * and the group of clusters open (a colour cluster and the joiners that
 * follow it): its glyphs lo to hi and its text. */
typedef struct run_text_state {
    cairo_t *cr;
    GHashTable *table;
    const char *text;
    double x, y, size;
    const int *left;
    int lo, hi, start, end;
} run_text_state;

static void run_text_flush(run_text_state *st)
{
    if (st->hi < st->lo)
        return;
    double w = (double)(st->left[st->hi + 1] - st->left[st->lo]) / PANGO_SCALE;
    /* joiners alone: a sliver where they stand */
    if (w <= 0)
        w = st->size / 100;
    text_glyphs_show(st->cr, st->table, st->text + st->start, st->end - st->start,
                     st->x + (double)st->left[st->lo] / PANGO_SCALE, st->y, w, st->size);
    st->lo = 0, st->hi = -1;
}

static void run_text_cluster(const PangoGlyphItemIter *ci, int lo, int hi, bool color, void *data)
{
    run_text_state *st = data;
    /* joiners right after the open group's text join it */
    if (!color && st->hi >= st->lo && ci->start_index == st->end) {
        st->end = ci->end_index;
        return;
    }
    run_text_flush(st);
    st->lo = lo, st->hi = hi, st->start = ci->start_index, st->end = ci->end_index;
}

/* Draws the text that cairo loses of run, drawn from x on the baseline y,
 * in the invisible font: each colour cluster across its advance, with the
 * joiners that follow it, and joiners without a glyph where they stand. */
static void run_text(cairo_t *cr, const char *text, PangoGlyphItem *run, double x, double y)
{
    GHashTable *table = NULL;
    cairo_font_face_t *face = text_face(cr, &table);
    PangoFont *font = run->item->analysis.font;
    cairo_scaled_font_t *sf = font ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
    if (!face || !sf)
        return;
    cairo_matrix_t m; /* the size of the text, as cairo draws it */
    cairo_scaled_font_get_font_matrix(sf, &m);
    double size = fabs(m.yy);
    if (size <= 0)
        return;
    const PangoGlyphString *gs = run->glyphs;
    g_autofree int *left = g_new(int, (gsize)gs->num_glyphs + 1);
    left[0] = 0;
    for (int i = 0; i < gs->num_glyphs; i++)
        left[i + 1] = left[i] + gs->glyphs[i].geometry.width;
    cairo_save(cr);
    cairo_set_font_face(cr, face);
    run_text_state st = {
        .cr = cr, .table = table, .text = text, .x = x, .y = y, .size = size, .left = left, .hi = -1};
    lost_clusters(run, text, run_text_cluster, &st);
    run_text_flush(&st);
    cairo_restore(cr);
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

/* Whether a line of l has its runs out of logical order (a number or a
 * Latin word inside right-to-left text). */
static bool runs_mixed(PangoLayout *l)
{
    for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next)
        for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r && r->next; r = r->next)
            if (((PangoGlyphItem *)r->data)->item->offset >
                ((PangoGlyphItem *)r->next->data)->item->offset)
                return true;
    return false;
}

/* Draws the layout of text item it from the current point, as
 * pango_cairo_show_layout does, but for two things a PDF reader needs.
 * Pango draws a line's runs in visual order; a reader that reads in drawing
 * order (MuPDF) then reads a right-to-left line of several runs (a number
 * inside Arabic) run by run from the left: "من النساء ٣٠٠ منهم". And in a
 * PDF, text that cairo loses (colour glyphs) must come back in the
 * invisible font (see above) right after its run, where it is read: mutool
 * reads a glyph drawn after the rest of its line at the line's end. So a
 * layout with runs out of logical order, or with lost text in a PDF, is
 * drawn run by run in logical order, each run at its place (the same glyphs
 * at the same positions: the layouts carry no attribute that the renderer
 * draws, such as an underline), followed in a PDF by its lost text. (cairo
 * writes the glyphs of a right-to-left run in logical order itself.) */
static void show_layout(cairo_t *cr, const fs_item *it)
{
    PangoLayout *layout = it->layout;
    const char *text = pango_layout_get_text(layout);
    bool pdf = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF;
    bool lost = false;
    if (pdf) {
        PangoLayoutIter *iter = pango_layout_get_iter(layout);
        do {
            PangoGlyphItem *run = pango_layout_iter_get_run_readonly(iter);
            lost = run && lost_clusters(run, text, NULL, NULL) > 0;
        } while (!lost && pango_layout_iter_next_run(iter));
        pango_layout_iter_free(iter);
    }
    if (!lost && !runs_mixed(layout)) {
        pango_cairo_show_layout(cr, layout);
        return;
    }
    double x0, y0;
    cairo_get_current_point(cr, &x0, &y0);
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(placed_run));
    PangoLayoutIter *iter = pango_layout_get_iter(layout);
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
    for (guint i = 0; i < runs->len; i++) {
        const placed_run *p = &g_array_index(runs, placed_run, i);
        double x = x0 + p->x, y = y0 + p->y;
        cairo_move_to(cr, x, y);
        pango_cairo_show_glyph_item(cr, text, p->run);
        if (lost && lost_clusters(p->run, text, NULL, NULL) > 0)
            run_text(cr, text, p->run, x, y);
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
            show_layout(cr, it);
            cairo_restore(cr);
            break;
        }
        cairo_move_to(cr, it->ox, it->oy);
        show_layout(cr, it);
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
