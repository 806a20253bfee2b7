/* output_svg: the SVG writer (see output_priv.h). cairo draws the first
 * page into memory; its ids are renumbered (fs_svg_canonical_ids), and the
 * <svg> element gets role="img", a title and a description. */
#include "output_priv.h"

#include "fs_auto.h"
#include "paint.h"

#include <cairo-svg.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cairo names an SVG's page group and its images after a counter global to
 * the process ("surface17", "image23"), so the same chart drawn after
 * another one would come out with other ids. Renumbers them 1, 2, … in
 * order of first appearance. Only the ids cairo writes (after id=" and #)
 * are touched; this runs before any text of ours is in buf. */
void fs_svg_canonical_ids(GString *buf)
{
    static const char *const kinds[] = {"surface", "image"};
    g_autoptr(GString) out = g_string_sized_new(buf->len);
    g_autoptr(GHashTable) surfaces = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GHashTable) images = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *ids[] = {surfaces, images};
    const char *p = buf->str, *end = buf->str + buf->len;
    while (p < end) {
        const char *q = p;
        bool ref = *q == '#', def = end - q > 4 && !memcmp(q, "id=\"", 4);
        if (!ref && !def) {
            g_string_append_c(out, *p++);
            continue;
        }
        q += ref ? 1 : 4;
        size_t k, klen = 0;
        for (k = 0; k < G_N_ELEMENTS(kinds); k++) {
            klen = strlen(kinds[k]);
            if ((size_t)(end - q) > klen && !memcmp(q, kinds[k], klen) &&
                g_ascii_isdigit(q[klen]))
                break;
        }
        if (k == G_N_ELEMENTS(kinds)) {
            g_string_append_len(out, p, q - p);
            p = q;
            continue;
        }
        char *num_end;
        unsigned long id = strtoul(q + klen, &num_end, 10);
        gpointer key = GSIZE_TO_POINTER(id);
        gpointer val = g_hash_table_lookup(ids[k], key);
        if (!val) {
            val = GUINT_TO_POINTER(g_hash_table_size(ids[k]) + 1);
            g_hash_table_insert(ids[k], key, val);
        }
        g_string_append_len(out, p, q - p);
        g_string_append_printf(out, "%s%u", kinds[k], GPOINTER_TO_UINT(val));
        p = num_end;
    }
    g_string_assign(buf, out->str);
}

/* ---- text as text (--svg-text) ----------------------------------------------
 *
 * cairo's SVG surface draws every glyph as an outline. With text kept as
 * text, paint hands each text item here (fs_paint_page_text_apart) in its
 * place in the drawing order: its colour-font runs (emoji bitmaps) are drawn
 * by cairo as before, then a marker shape that cairo writes as one element,
 * which is replaced afterwards by the item's <text>, so that a label drawn
 * on a bar stays above the bar and below whatever is drawn after it.
 *
 * Each line of the layout is written as tspans in logical order (so that
 * the text is searched and copied in reading order), one per run of the
 * same font and direction, every one placed where Pango placed it: a
 * left-to-right run gets an x for each character (a cluster of more than
 * one character, a letter with its combining marks, or a character Pango
 * drew in another glyph than its default one, takes a tspan of its own:
 * librsvg reads only the first x of a list and flows the rest by its own
 * advances, which are Pango's for the same font), a right-to-left run
 * (Arabic, Hebrew) one x at its right end, drawn whole with
 * bidi-override, so the viewer shapes and joins it.
 * Emoji stay cairo's images: Noto Color Emoji is a bitmap font that few
 * SVG viewers and editors draw, and a viewer without it would show other
 * pictures; their characters are in the <text> too, hidden, so the label
 * is searched whole. */

/* The marker: a square 1 pt wide at the page's corner in a colour no theme
 * uses; cairo 1.16 writes it as MARK. */
#define MARK_SIZE 1.0
#define MARK_R (1.0 / 255)
#define MARK_G (2.0 / 255)
#define MARK_B (3.0 / 255)
#define MARK                                                                                       \
    "<path style=\" stroke:none;fill-rule:nonzero;fill:rgb(0.392157%,0.784314%,1.176471%);"        \
    "fill-opacity:1;\" d=\"M 0 0 L 1 0 L 1 1 L 0 1 Z M 0 0 \"/>"

/* Appends v with at most decimals decimals, without trailing zeros. */
static void append_num(GString *s, double v, int decimals)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, decimals == 3 ? "%.3f" : "%.2f", v);
    char *e = buf + strlen(buf);
    while (e > buf && strchr(buf, '.') && e[-1] == '0')
        *--e = '\0';
    if (e > buf && e[-1] == '.')
        *--e = '\0';
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    g_string_append(s, buf);
}

/* The font of run as attributes, each with a leading space: the family
 * (with a generic fallback), size, weight and style. OpenType features
 * (Inter's tabular figures) are not named: few viewers apply them (librsvg
 * does not), so the default glyph is placed instead (see ink_shift()).
 * Returns a new string. */
static char *run_font_attrs(const PangoGlyphItem *run)
{
    GString *s = g_string_new(" font-family=\"");
    PangoFontDescription *fd = pango_font_describe_with_absolute_size(run->item->analysis.font);
    const char *family = pango_font_description_get_family(fd);
    if (family && *family && !strpbrk(family, "\"'&<>,;")) {
        const char *q = strchr(family, ' ') ? "'" : "";
        g_string_append_printf(s, "%s%s%s, ", q, family, q);
    }
    g_string_append(s, "sans-serif\" font-size=\"");
    append_num(s, (double)pango_font_description_get_size(fd) / PANGO_SCALE, 3);
    g_string_append_c(s, '"');
    int weight = (int)pango_font_description_get_weight(fd);
    if (weight != PANGO_WEIGHT_NORMAL)
        g_string_append_printf(s, " font-weight=\"%d\"", weight);
    if (pango_font_description_get_style(fd) != PANGO_STYLE_NORMAL)
        g_string_append(s, " font-style=\"italic\"");
    pango_font_description_free(fd);
    return g_string_free(s, FALSE);
}

/* Whether Pango drew the character c in run with another glyph g than
 * its font's default one (the glyph a viewer draws without features, such
 * as Inter's tabular digits, whose outlines are the same on other
 * advances, or a minus drawn at the height of figures); then *dx, *dy
 * are how far right and down of the pen and baseline (page units) the
 * default glyph goes for the middle of its ink to be where g's is. */
static bool other_glyph(const PangoGlyphItem *run, gunichar c, PangoGlyph g, double *dx,
                        double *dy)
{
    *dx = *dy = 0;
    hb_font_t *hb = pango_font_get_hb_font(run->item->analysis.font);
    hb_codepoint_t nominal;
    hb_glyph_extents_t want, got;
    if (!hb || (g & PANGO_GLYPH_UNKNOWN_FLAG) || !hb_font_get_nominal_glyph(hb, c, &nominal) ||
        nominal == g)
        return false;
    int xs, ys;
    hb_font_get_scale(hb, &xs, &ys);
    if (xs && ys && hb_font_get_glyph_extents(hb, g, &want) &&
        hb_font_get_glyph_extents(hb, nominal, &got)) {
        PangoFontDescription *fd =
            pango_font_describe_with_absolute_size(run->item->analysis.font);
        double size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
        pango_font_description_free(fd);
        /* hb's y goes up */
        *dx = (want.x_bearing + want.width / 2.0 - got.x_bearing - got.width / 2.0) * size / xs;
        *dy = -(want.y_bearing + want.height / 2.0 - got.y_bearing - got.height / 2.0) * size / ys;
    }
    return true;
}

/* One run of a line and its left edge in the layout, Pango units. */
typedef struct svg_run {
    const PangoGlyphItem *run;
    int x;
} svg_run;

static gint by_logical(gconstpointer a, gconstpointer b)
{
    const svg_run *ra = a, *rb = b;
    return (ra->run->item->offset > rb->run->item->offset) -
           (ra->run->item->offset < rb->run->item->offset);
}

/* Appends text[0..len) escaped for XML, leaving out what XML 1.0 cannot
 * hold (C0 controls but tab and line ends, U+FFFE, U+FFFF; text.c lets
 * none of them be drawn anyway). */
static void append_text(GString *s, const char *text, int len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *q = p;
        while (q < end && (unsigned char)*q >= 0x20 && !strchr("&<>\"'", *q) &&
               !((unsigned char)*q == 0xef && end - q >= 3 && (unsigned char)q[1] == 0xbf &&
                 ((unsigned char)q[2] & 0xfe) == 0xbe))
            q++;
        g_string_append_len(s, p, q - p);
        if (q == end)
            break;
        switch (*q) {
        case '&': g_string_append(s, "&amp;"); break;
        case '<': g_string_append(s, "&lt;"); break;
        case '>': g_string_append(s, "&gt;"); break;
        case '"': g_string_append(s, "&quot;"); break;
        case '\'': g_string_append(s, "&apos;"); break;
        case '\t': case '\n': case '\r': g_string_append_c(s, ' '); break;
        default: break; /* a control, U+FFFE or U+FFFF: left out */
        }
        p = q + ((unsigned char)*q == 0xef ? 3 : 1);
    }
}

/* Writes one tspan at baseline y holding text[0..len) placed at the xs
 * (n of them), with the font attributes font when they are not the
 * <text>'s (base) and extra attributes (or NULL). */
static void write_tspan(GString *s, const char *font, const char *base, const char *extra,
                        double y, const double *xs, int n, const char *text, int len)
{
    g_string_append(s, "<tspan");
    if (strcmp(font, base))
        g_string_append(s, font);
    if (extra)
        g_string_append(s, extra);
    g_string_append(s, " x=\"");
    for (int i = 0; i < n; i++) {
        if (i)
            g_string_append_c(s, ' ');
        append_num(s, xs[i], 2);
    }
    g_string_append(s, "\" y=\"");
    append_num(s, y, 2);
    g_string_append(s, "\">");
    append_text(s, text, len);
    g_string_append(s, "</tspan>");
}

#define LTR_OVERRIDE " direction=\"ltr\" unicode-bidi=\"bidi-override\""

/* Writes run r of a line whose baseline is at y and whose layout's origin
 * is at x = ox (page units): see the section's comment. mixed: the line
 * also has right-to-left runs, so a left-to-right run is kept as it is by
 * bidi-override too. */
static void write_run(GString *s, const char *text, const svg_run *r, double ox, double y,
                      const char *base, bool mixed)
{
    const PangoGlyphItem *run = r->run;
    const PangoItem *item = run->item;
    bool ellipsis = item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS;
    const char *t = ellipsis ? "\u2026" : text + item->offset;
    int len = ellipsis ? (int)strlen(t) : item->length;
    if (len <= 0)
        return;
    g_autofree char *font = run_font_attrs(run);
    double x0 = ox + (double)r->x / PANGO_SCALE;
    const PangoGlyphString *gs = run->glyphs;
    bool rtl = item->analysis.level & 1, color = fs_paint_run_is_color(run);
    if (color || rtl || ellipsis) {
        double x = x0;
        if (rtl)
            x += (double)pango_glyph_string_get_width((PangoGlyphString *)gs) / PANGO_SCALE;
        const char *extra = color  ? " visibility=\"hidden\""
                            : rtl  ? " direction=\"rtl\" unicode-bidi=\"bidi-override\""
                            : mixed ? LTR_OVERRIDE
                                    : NULL;
        write_tspan(s, color ? base : font, base, extra, y, &x, 1, t, len);
        return;
    }
    /* left to right: each cluster at its pen position; a run of
     * one-character clusters shares a tspan */
    const char *extra = mixed ? LTR_OVERRIDE : NULL;
    g_autofree double *xs = g_new(double, (gsize)gs->num_glyphs + 1);
    int n = 0, from = 0, pen = 0;
    for (int i = 0; i < gs->num_glyphs;) {
        int start = gs->log_clusters[i], j = i, adv = 0;
        while (j < gs->num_glyphs && gs->log_clusters[j] == start)
            adv += gs->glyphs[j++].geometry.width;
        int end = j < gs->num_glyphs ? gs->log_clusters[j] : len;
        if (end <= start) { /* not in logical order: the rest as one */
            end = len;
            for (; j < gs->num_glyphs; j++)
                adv += gs->glyphs[j].geometry.width;
        }
        double x = x0 + (double)pen / PANGO_SCALE, dx = 0, dy = 0;
        bool one = g_utf8_strlen(t + start, end - start) == 1;
        if (!one ||
            other_glyph(run, g_utf8_get_char(t + start), gs->glyphs[i].glyph, &dx, &dy)) {
            /* a tspan of its own: the viewer flows the next character on
             * from it by its own advance, not Pango's */
            if (n)
                write_tspan(s, font, base, extra, y, xs, n, t + from, start - from);
            x += dx;
            write_tspan(s, font, base, extra, y + dy, &x, 1, t + start, end - start);
            n = 0;
            from = end;
        } else {
            if (!n)
                from = start;
            xs[n++] = x;
        }
        pen += adv;
        i = j;
    }
    if (n)
        write_tspan(s, font, base, extra, y, xs, n, t + from, len - from);
}

/* The <text> element of text item it. Returns a new string. */
static char *text_markup(const fs_item *it)
{
    GString *s = g_string_new("<text xml:space=\"preserve\"");
    const char *text = pango_layout_get_text(it->layout);
    PangoLayoutIter *iter = pango_layout_get_iter(it->layout);
    /* the <text> takes the first run's font */
    g_autofree char *base = NULL;
    do {
        PangoGlyphItem *run = pango_layout_iter_get_run_readonly(iter);
        if (!run || (base && fs_paint_run_is_color(run)))
            continue;
        g_free(base); /* an emoji's font only if nothing else is drawn */
        base = run_font_attrs(run);
        if (!fs_paint_run_is_color(run))
            break;
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
    if (!base)
        base = g_strdup("");
    g_string_append(s, base);
    g_string_append_printf(s, " fill=\"#%06x\"", (unsigned)(it->color >> 8));
    if ((it->color & 0xff) != 0xff) {
        g_string_append(s, " fill-opacity=\"");
        append_num(s, (double)(it->color & 0xff) / 255, 3);
        g_string_append_c(s, '"');
    }
    double ox = it->ox, oy = it->oy;
    if (it->angle != 0) {
        /* turned about its origin, as paint turns it */
        g_string_append(s, " transform=\"rotate(");
        append_num(s, -it->angle, 3);
        g_string_append_c(s, ' ');
        append_num(s, ox, 2);
        g_string_append_c(s, ' ');
        append_num(s, oy, 2);
        g_string_append(s, ")\"");
    }
    g_string_append_c(s, '>');
    iter = pango_layout_get_iter(it->layout);
    g_autoptr(GArray) runs = g_array_new(FALSE, FALSE, sizeof(svg_run));
    do {
        double y = oy + (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
        bool mixed = false;
        g_array_set_size(runs, 0);
        do {
            PangoGlyphItem *run = pango_layout_iter_get_run_readonly(iter);
            if (!run)
                break; /* the line's end */
            PangoRectangle log;
            pango_layout_iter_get_run_extents(iter, NULL, &log);
            svg_run r = {run, log.x};
            g_array_append_val(runs, r);
            if (run->item->analysis.level & 1)
                mixed = true;
        } while (pango_layout_iter_next_run(iter));
        g_array_sort(runs, by_logical);
        for (guint k = 0; k < runs->len; k++)
            write_run(s, text, &g_array_index(runs, svg_run, k), ox, y, base, mixed);
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_string_append(s, "</text>");
    return g_string_free(s, FALSE);
}

/* fs_paint_text_fn: the item's emoji, then the marker; its <text> to the
 * list (a GPtrArray of strings). */
static void text_apart(cairo_t *cr, const fs_item *it, void *data)
{
    GPtrArray *texts = data;
    fs_paint_text_color_runs(cr, it);
    cairo_save(cr);
    cairo_set_source_rgb(cr, MARK_R, MARK_G, MARK_B);
    cairo_rectangle(cr, 0, 0, MARK_SIZE, MARK_SIZE);
    cairo_fill(cr);
    cairo_restore(cr);
    g_ptr_array_add(texts, text_markup(it));
}

/* Replaces the markers cairo wrote, in order, by the <text>s; false if
 * their count is not the texts' (another cairo writes the marker
 * otherwise). */
static bool put_texts(GString *buf, GPtrArray *texts)
{
    g_autoptr(GString) out = g_string_sized_new(buf->len);
    const char *p = buf->str;
    guint k = 0;
    for (const char *m; (m = strstr(p, MARK));) {
        if (k >= texts->len)
            return false;
        g_string_append_len(out, p, m - p);
        g_string_append(out, g_ptr_array_index(texts, k++));
        p = m + strlen(MARK);
    }
    if (k != texts->len)
        return false;
    g_string_append(out, p);
    g_string_assign(buf, out->str);
    return true;
}

bool fs_output_svg(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d)
{
    return fs_output_svg_with(doc, out, path, false, d);
}

bool fs_output_svg_with(const fs_doc *doc, fs_sink *out, const char *path, bool text,
                        fs_diag *d)
{
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
    const fs_page *page = g_ptr_array_index(doc->pages, 0);
    g_autoptr(GString) buf = g_string_new(NULL);
    fs_sink mem = {0};
    /* Draw into memory first: the title and description go inside <svg>. */
    char *data = NULL;
    size_t len = 0;
    mem.fp = open_memstream(&data, &len);
    if (!mem.fp) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "out of memory");
        return false;
    }
    {
        g_autoptr(cairo_surface_t) surf =
            cairo_svg_surface_create_for_stream(fs_sink_write, &mem, page->width, page->height);
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PX);
        g_autoptr(cairo_t) cr = cairo_create(surf);
        if (text)
            fs_paint_page_text_apart(cr, page, doc->background, text_apart, texts);
        else
            fs_paint_page(cr, page, doc->background);
        bool ok = fs_output_paint_status(cr, path, d);
        cairo_surface_finish(surf);
        if (ok && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot draw: %s",
                        cairo_status_to_string(cairo_surface_status(surf)));
            ok = false;
        }
        fclose(mem.fp);
        if (!ok) {
            free(data);
            return false;
        }
    }
    g_string_append_len(buf, data, (gssize)len);
    free(data);
    fs_svg_canonical_ids(buf);
    /* a cairo that writes the marker otherwise: outlines, as drawn
     * everywhere alike, rather than no file (the render tests fail then) */
    if (text && !put_texts(buf, texts))
        return fs_output_svg_with(doc, out, path, false, d);
    /* <svg ...> gets role="img" and a title and description first inside */
    const char *svg = strstr(buf->str, "<svg");
    const char *gt = svg ? strchr(svg, '>') : NULL;
    if (gt) {
        /* offsets, not pointers: an insertion may move buf's memory */
        gsize at = (gsize)(gt - buf->str), open = (gsize)(svg - buf->str);
        g_autofree char *t = g_markup_escape_text(doc->title ? doc->title : "", -1);
        g_autofree char *desc = g_markup_escape_text(doc->desc ? doc->desc : "", -1);
        g_autofree char *ins = g_strdup_printf(
            ">\n<title id=\"fs-title\">%s</title>\n<desc id=\"fs-desc\">%s</desc", t, desc);
        g_string_insert(buf, (gssize)at, ins);
        g_string_insert(buf, (gssize)open + 4,
                        " role=\"img\" aria-labelledby=\"fs-title fs-desc\"");
        if (text && doc->lang && *doc->lang && !strpbrk(doc->lang, "\"&<>")) {
            g_autofree char *lang = g_strdup_printf(" xml:lang=\"%s\"", doc->lang);
            g_string_insert(buf, (gssize)open + 4, lang);
        }
    }
    fs_sink_write(out, (const unsigned char *)buf->str, (unsigned int)buf->len);
    return true;
}
