/* text: fonts and styles -> measured PangoLayouts. See text.h.
 *
 * The context comes from fonts.c (hint metrics off, 72 dpi: 1 pt = 1 unit),
 * so what is measured here is what paint draws: the item keeps the very
 * layout that was measured. */
#include "text.h"

static PangoLayout *make_layout(fs_fonts *fonts, const char *text, const fs_text_style *st,
                                double width, const char *lang)
{
    PangoLayout *l = pango_layout_new(fs_fonts_context(fonts));
    PangoFontDescription *fd = pango_font_description_from_string(fs_fonts_family());
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    pango_font_description_set_weight(fd, (PangoWeight)(st->weight ? st->weight : 400));
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    PangoAttrList *attrs = pango_attr_list_new();
    if (st->tabular)
        pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum"));
    if (lang)
        pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(lang)));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    if (st->line_height > 0)
        pango_layout_set_line_spacing(l, (float)st->line_height);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);

        if (st->max_lines > 0) {
            pango_layout_set_height(l, -st->max_lines);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        }
    }
    pango_layout_set_text(l, text, -1);
    if (width > 0) {
        /* Pango swaps left and right for a right-to-left paragraph; our
         * alignments are meant on the page, so swap them back. */
        PangoAlignment al = st->align;
        if (al != PANGO_ALIGN_CENTER && pango_layout_get_direction(l, 0) == PANGO_DIRECTION_RTL)
            al = al == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
        pango_layout_set_alignment(l, al);
    }
    return l;
}

void fs_measure_text(fs_fonts *fonts, const char *text, const fs_text_style *st, double width,
                     const char *lang, double *w, double *h)
{
    PangoLayout *l = make_layout(fonts, text, st, width, lang);
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    *w = (double)log.width / PANGO_SCALE;
    *h = (double)log.height / PANGO_SCALE;
    g_object_unref(l);
}

/* Names the first character of text that no bundled font draws. */
static void report_missing_glyph(fs_fonts *fonts, const char *text, const fs_text_style *st,
                                 const char *file, unsigned long line, fs_diag *d)
{
    gunichar bad = 0;
    for (const char *p = text; *p && !bad; p = g_utf8_next_char(p)) {
        char one[8] = {0};
        g_unichar_to_utf8(g_utf8_get_char(p), one);
        PangoLayout *l = make_layout(fonts, one, st, 0, NULL);
        if (pango_layout_get_unknown_glyphs_count(l) > 0)
            bad = g_utf8_get_char(p);
        g_object_unref(l);
    }
    g_autofree char *q = fs_diag_quote(text, -1, 60);
    if (bad)
        fs_diag_add(d, FS_ERR_INPUT, file, line, 0,
                    "%s: no font in fonts/ can draw U+%04X; it would print as a box", q, bad);
    else
        fs_diag_add(d, FS_ERR_INPUT, file, line, 0,
                    "%s: no font in fonts/ can draw some of its characters", q);
}

PangoLayout *fs_text_layout(fs_fonts *fonts, const char *text, const fs_text_style *st,
                            double width, const char *lang)
{
    return make_layout(fonts, text, st, width, lang);
}

/* True when l breaks a line inside a word (where Pango's line-break rules
 * allow no break: the wrap fell back to a character break) and every word
 * so broken is, alone on one line, wider than the wrap width. Recorded for
 * --dump-layout, whose readers exempt such breaks; costs a measurement only
 * for a layout that breaks inside a word. */
static bool breaks_only_wide_words(PangoLayout *l)
{
    int width = pango_layout_get_width(l);
    GSList *lines = pango_layout_get_lines_readonly(l);
    if (width <= 0 || !lines || !lines->next)
        return false;
    const char *text = pango_layout_get_text(l);
    int n;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n);
    bool any = false;
    for (GSList *it = lines->next; it; it = it->next) {
        int start = ((PangoLayoutLine *)it->data)->start_index;
        long c = g_utf8_pointer_to_offset(text, text + start);
        if (c <= 0 || c >= n - 1 || la[c].is_line_break)
            continue;
        /* the word: from the break opportunity before c to the one after */
        long a = c, b = c + 1;
        while (a > 0 && !la[a].is_line_break)
            a--;
        while (b < n - 1 && !la[b].is_line_break)
            b++;
        while (b > c && la[b - 1].is_white) /* spaces before the opportunity */
            b--;
        const char *pa = g_utf8_offset_to_pointer(text, a), *pb = g_utf8_offset_to_pointer(text, b);
        PangoLayout *word = pango_layout_copy(l);
        pango_layout_set_width(word, -1);
        pango_layout_set_ellipsize(word, PANGO_ELLIPSIZE_NONE);
        pango_layout_set_text(word, pa, (int)(pb - pa));
        PangoRectangle log;
        pango_layout_get_extents(word, NULL, &log);
        g_object_unref(word);
        if (log.width <= width)
            return false;
        any = true;
    }
    return any;
}

void fs_text_shape(const fs_page *page, fs_fonts *fonts, const char *text, const fs_text_style *st,
                   double width, const char *lang, fs_shaped *out)
{
    out->st = *st;
    if (page->rtl && st->align != PANGO_ALIGN_CENTER)
        /* laid out left to right, then mirrored: start becomes end */
        out->st.align = st->align == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    out->layout = make_layout(fonts, text, &out->st, width, lang);
    out->text = g_strdup(text);
    out->wrap = width > 0 ? width : 0;
    pango_layout_get_extents(out->layout, NULL, &out->log);
    out->w = (double)out->log.width / PANGO_SCALE;
    out->h = (double)out->log.height / PANGO_SCALE;
    out->word_wider = breaks_only_wide_words(out->layout);
}

void fs_shaped_clear(fs_shaped *s)
{
    g_clear_object(&s->layout);
    g_clear_pointer(&s->text, g_free);
}

int fs_text_place(fs_page *page, fs_fonts *fonts, fs_role role, fs_shaped *s, double x, double y,
                  uint32_t color, const char *file, unsigned long line, fs_diag *d)
{
    if (pango_layout_get_unknown_glyphs_count(s->layout) > 0) {
        report_missing_glyph(fonts, s->text, &s->st, file, line, d);
        fs_shaped_clear(s);
        return -1;
    }
    fs_item *it = fs_page_add_item(page, FS_ITEM_TEXT, role);
    it->layout = g_steal_pointer(&s->layout);
    it->text = g_steal_pointer(&s->text);
    it->ox = x, it->oy = y;
    it->wrap = s->wrap;
    it->word_wider = s->word_wider;
    it->x = x + (double)s->log.x / PANGO_SCALE;
    it->y = y + (double)s->log.y / PANGO_SCALE;
    it->w = (double)s->log.width / PANGO_SCALE;
    it->h = (double)s->log.height / PANGO_SCALE;
    it->color = color;
    return (int)page->items->len - 1;
}

int fs_layout_text(fs_page *page, fs_fonts *fonts, fs_role role, const char *text,
                   const fs_text_style *st, double x, double y, double width, const char *lang,
                   const char *file, fs_diag *d)
{
    return fs_layout_text_at(page, fonts, role, text, st, x, y, width, lang, file, 0, d);
}

int fs_layout_text_at(fs_page *page, fs_fonts *fonts, fs_role role, const char *text,
                      const fs_text_style *st, double x, double y, double width,
                      const char *lang, const char *file, unsigned long line, fs_diag *d)
{
    fs_shaped s;
    fs_text_shape(page, fonts, text, st, width, lang, &s);
    return fs_text_place(page, fonts, role, &s, x, y, st->color, file, line, d);
}
