/* text: fonts and styles -> measured PangoLayouts. See text.h.
 *
 * The context comes from fonts.c (hint metrics off, 72 dpi: 1 pt = 1 unit),
 * so what is measured here is what paint draws: the item keeps the very
 * layout that was measured. */
#include "text.h"

#include "textsafe.h"

#include <math.h>
#include <string.h>

/* A layout in st's font, features, language and line spacing, with no
 * text and no width. */
static PangoLayout *bare_layout(fs_fonts *fonts, const fs_text_style *st, const char *lang)
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
    return l;
}

static gint by_item_offset(gconstpointer a, gconstpointer b)
{
    const PangoItem *ia = *(PangoItem *const *)a, *ib = *(PangoItem *const *)b;
    return ia->offset < ib->offset ? -1 : ia->offset > ib->offset;
}

static gboolean is_family(PangoAttribute *a, gpointer data)
{
    (void)data;
    return a->klass->type == PANGO_ATTR_FAMILY;
}

/* True when the font of item is the first of the family list fams. */
static bool in_first_family(const PangoItem *item, const char *fams)
{
    if (!item->analysis.font)
        return false;
    PangoFontDescription *fd = pango_font_describe(item->analysis.font);
    const char *f = pango_font_description_get_family(fd);
    size_t n = f ? strlen(f) : 0;
    bool first = n > 0 && strncmp(fams, f, n) == 0 && (fams[n] == ',' || fams[n] == '\0');
    pango_font_description_free(fd);
    return first;
}

/* Sets the text of l. The spaces and punctuation that the bidi algorithm
 * puts inside a right-to-left run of Arabic or Hebrew (a colon after a
 * word, the full stop at the end) take that script's font, not Inter:
 * Pango draws a run per font, and a PDF reader reads the runs of a line in
 * drawing order, which is visual order, so "المصدر: بيانات" in three runs
 * would read "بيانات: المصدر". In one font the line is one run, which cairo
 * writes in logical order. Digits keep their font: they are a
 * left-to-right run of their own anyway. */
static void set_text(PangoLayout *l, const char *text, int len)
{
    pango_layout_set_text(l, text, len);
    PangoAttrList *attrs = pango_layout_get_attributes(l);
    PangoAttrList *old = attrs ? pango_attr_list_filter(attrs, is_family, NULL) : NULL;
    if (old)
        pango_attr_list_unref(old);
    text = pango_layout_get_text(l);
    bool rtl = false;
    for (const char *p = text; *p && !rtl; p = g_utf8_next_char(p))
        rtl = fs_fonts_family_for_script((PangoScript)g_unichar_get_script(g_utf8_get_char(p))) !=
              NULL;
    if (!rtl)
        return;
    /* the right-to-left runs of such a script, in logical order: the
     * family goes on all of each stretch, letters too, so that nothing
     * tells its items apart */
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(PangoItem *));
    bool apart = false;
    for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next)
        for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r; r = r->next) {
            PangoItem *item = ((PangoGlyphItem *)r->data)->item;
            const char *fams = fs_fonts_family_for_script(item->analysis.script);
            if (!fams || !(item->analysis.level & 1))
                continue;
            g_array_append_val(runs, item);
            apart = apart || !in_first_family(item, fams);
        }
    g_array_sort(runs, by_item_offset);
    PangoAttrList *more = NULL;
    for (guint i = 0; apart && i < runs->len;) {
        const PangoItem *a = g_array_index(runs, PangoItem *, i);
        const char *fams = fs_fonts_family_for_script(a->analysis.script);
        int end = a->offset + a->length;
        for (i++; i < runs->len; i++) {
            const PangoItem *b = g_array_index(runs, PangoItem *, i);
            if (b->offset != end || fs_fonts_family_for_script(b->analysis.script) != fams)
                break;
            end = b->offset + b->length;
        }
        if (!more)
            more = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
        PangoAttribute *at = pango_attr_family_new(fams);
        at->start_index = (guint)a->offset;
        at->end_index = (guint)end;
        pango_attr_list_insert(more, at);
    }
    g_array_free(runs, TRUE);
    if (more) {
        pango_layout_set_attributes(l, more);
        pango_attr_list_unref(more);
    }
}

static gint by_offset(gconstpointer a, gconstpointer b)
{
    const PangoGlyphItem *ra = a, *rb = b;
    return ra->item->offset < rb->item->offset ? -1 : ra->item->offset > rb->item->offset;
}

/* The byte offset in the text of the unwrapped layout l at which its
 * characters, in logical order, have taken more than lines lines of
 * line_w points each (a paragraph's end takes the rest of its line); the
 * text's length when they never do. */
static int offset_past(PangoLayout *l, double line_w, double lines)
{
    const char *text = pango_layout_get_text(l);
    double used = 0, budget = lines * line_w * PANGO_SCALE, per = line_w * PANGO_SCALE;
    for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next) {
        PangoLayoutLine *line = ln->data;
        if (used >= budget)
            return line->start_index;
        GSList *runs = g_slist_sort(g_slist_copy(line->runs), by_offset);
        for (GSList *r = runs; r; r = r->next) {
            const PangoGlyphItem *run = r->data;
            const PangoItem *item = run->item;
            int *w = g_new(int, item->num_chars);
            pango_glyph_string_get_logical_widths(run->glyphs, text + item->offset, item->length,
                                                  item->analysis.level, w);
            const char *p = text + item->offset;
            for (int i = 0; i < item->num_chars; i++, p = g_utf8_next_char(p)) {
                used += w[i];
                if (used > budget) {
                    g_free(w);
                    g_slist_free(runs);
                    return (int)(p - text);
                }
            }
            g_free(w);
        }
        g_slist_free(runs);
        used = (floor(used / per) + 1) * per; /* the paragraph's last line */
    }
    return (int)strlen(text);
}

/* What a layout of text in st wrapped at width (<= 0: one line) gets: cut to
 * what it can show, with its bidi controls bounded (textsafe.h). A wrapped
 * text with no line limit may wrap down a whole page; Pango breaks such a
 * paragraph in time that grows with its length times its lines, so one
 * longer than FS_TEXT_CUT_MIN bytes is cut again where its natural width
 * passes what the page's lines hold (at 1.25 times the width plus 4 em
 * each: room for spaces at line ends and wasted line ends). Text that can
 * show is never cut. Returns a new string. */
static char *shown_text(fs_fonts *fonts, const char *text, const fs_text_style *st, double width,
                        const char *lang, double height)
{
    size_t most = fs_text_show_max(st->size, width, st->max_lines, height);
    char *s = st->cut_middle && width > 0 && st->max_lines > 0
                  ? fs_text_for_layout_ends(text, most)
                  : fs_text_for_layout(text, most);
    if (width <= 0 || st->max_lines > 0 || strlen(s) <= FS_TEXT_CUT_MIN)
        return s;
    PangoLayout *one = bare_layout(fonts, st, lang);
    set_text(one, s, -1);
    double em = fmax(st->size, 0.01);
    int at = offset_past(one, 1.25 * width + 4 * em,
                         ceil((height > 0 ? height : FS_TEXT_EXTENT_MAX) / em));
    g_object_unref(one);
    if (!s[at])
        return s;
    char *cut = fs_text_cut(s, (size_t)g_utf8_pointer_to_offset(s, s + at));
    g_free(s);
    return cut;
}

/* The width in Pango units of the text from a to b, then tail, laid out on
 * one line by m (an unwrapped copy of the layout). */
static int run_width(PangoLayout *m, const char *a, const char *b, const char *tail)
{
    g_autofree char *s = g_strdup_printf("%.*s%s", (int)(b - a), a, tail);
    set_text(m, s, -1);
    PangoRectangle log;
    pango_layout_get_extents(m, NULL, &log);
    return log.width;
}

/* Character offset k into the log attributes la, moved back to a cursor
 * position (never inside a cluster). */
static long cursor_at(const PangoLogAttr *la, long k)
{
    while (k > 0 && !la[k].is_cursor_position)
        k--;
    return k;
}

/* A word wider than width, shortened to the most characters that fit with
 * "…" in their middle: two thirds of them from its start, one third from its
 * end, so that "Donaudampf…kapitän1" and "…kapitän2" still read apart (long
 * names that differ differ at their ends as often as at their starts). The
 * word is the e - a characters at pa, la their log attributes; m an unwrapped
 * layout for measuring. Appends to out. */
static void append_cut_word(GString *out, PangoLayout *m, const char *pa, long a, long e,
                            const PangoLogAttr *la, int width)
{
    long len = e - a, lo = 0, hi = len - 1, head = 0, tail = len;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        long h = cursor_at(la + a, mid - mid / 3);
        long t = len - (mid / 3);
        while (t < len && !la[a + t].is_cursor_position)
            t++;
        if (t < h)
            t = h;
        const char *ph = g_utf8_offset_to_pointer(pa, h);
        const char *pt = g_utf8_offset_to_pointer(pa, t);
        const char *pe = g_utf8_offset_to_pointer(pa, len);
        g_autofree char *rest = g_strdup_printf("…%.*s", (int)(pe - pt), pt);
        if (run_width(m, pa, ph, rest) <= width)
            head = h, tail = t, lo = mid + 1;
        else
            hi = mid - 1;
    }
    const char *ph = g_utf8_offset_to_pointer(pa, head);
    const char *pt = g_utf8_offset_to_pointer(pa, tail);
    g_string_append_len(out, pa, ph - pa);
    g_string_append(out, "…");
    g_string_append_len(out, pt, g_utf8_offset_to_pointer(pa, len) - pt);
}

/* For a whole-words layout l (wrapped at word boundaries): its text with
 * every word wider than the wrap width shortened in its middle
 * (append_cut_word). Returns a new string, or NULL when no line is wider
 * than the width. */
static char *cut_wide_words(PangoLayout *l)
{
    int width = pango_layout_get_width(l);
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    if (width <= 0 || log.width <= width)
        return NULL;
    const char *text = pango_layout_get_text(l);
    int n;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n);
    PangoLayout *m = pango_layout_copy(l);
    pango_layout_set_width(m, -1);
    pango_layout_set_height(m, -1);
    pango_layout_set_ellipsize(m, PANGO_ELLIPSIZE_NONE);
    GString *out = g_string_new(NULL);
    bool any = false;
    long chars = n - 1, a = 0;
    for (long c = 1; c <= chars; c++) {
        if (c < chars && !la[c].is_line_break)
            continue;
        /* a word from a to e, then the spaces up to the next opportunity c */
        long e = c;
        while (e > a && la[e - 1].is_white)
            e--;
        const char *pa = g_utf8_offset_to_pointer(text, a);
        const char *pe = g_utf8_offset_to_pointer(pa, e - a);
        const char *pc = g_utf8_offset_to_pointer(pe, c - e);
        if (e > a && run_width(m, pa, pe, "") > width) {
            append_cut_word(out, m, pa, a, e, la, width);
            g_string_append_len(out, pe, pc - pe);
            any = true;
        } else {
            g_string_append_len(out, pa, pc - pa);
        }
        a = c;
    }
    g_object_unref(m);
    if (!any) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

/* The one place text reaches Pango, as shown_text() makes it;
 * pango_layout_get_text() gives that text back. height: the page's, for
 * st->max_height 0 (0: the largest page). With st->whole_words, a word wider
 * than the width is cut to fit (*cut, if given, says so). */
static PangoLayout *make_layout(fs_fonts *fonts, const char *text, const fs_text_style *st,
                                double width, const char *lang, double height, bool *cut)
{
    PangoLayout *l = bare_layout(fonts, st, lang);
    if (cut)
        *cut = false;
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, st->whole_words ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);

        if (st->max_lines > 0) {
            pango_layout_set_height(l, -st->max_lines);
            pango_layout_set_ellipsize(l, st->cut_middle ? PANGO_ELLIPSIZE_MIDDLE
                                                         : PANGO_ELLIPSIZE_END);
        }
    }
    g_autofree char *shown =
        shown_text(fonts, text, st, width, lang, st->max_height > 0 ? st->max_height : height);
    set_text(l, shown, -1);
    if (width > 0 && st->whole_words) {
        g_autofree char *words = cut_wide_words(l);
        if (words) {
            set_text(l, words, -1);
            if (cut)
                *cut = true;
        }
    }
    if (width > 0) {
        /* a word broken inside is shaped again at the break, and a joining
         * script's end forms are wider: the line can then overhang the
         * width by a little; wrap narrower until it does not */
        PangoRectangle lr;
        int want = (int)(width * PANGO_SCALE), set = want;
        for (int k = 0; k < 4; k++) {
            pango_layout_get_extents(l, NULL, &lr);
            int over = MAX(-lr.x, 0) + MAX(lr.x + lr.width - want, 0);
            if (over <= 0 || set - over <= PANGO_SCALE)
                break;
            set -= over;
            pango_layout_set_width(l, set);
        }
        /* Pango swaps left and right for a right-to-left paragraph; our
         * alignments are meant on the page, so swap them back. The
         * paragraph's direction, that is: pango_layout_get_direction()
         * gives a character's, and "4581ط" starts with a left-to-right one */
        PangoAlignment al = st->align;
        if (al != PANGO_ALIGN_CENTER &&
            pango_layout_get_line_readonly(l, 0)->resolved_dir == PANGO_DIRECTION_RTL)
            al = al == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
        pango_layout_set_alignment(l, al);
    }
    return l;
}

void fs_measure_text(fs_fonts *fonts, const char *text, const fs_text_style *st, double width,
                     const char *lang, double *w, double *h)
{
    PangoLayout *l = make_layout(fonts, text, st, width, lang, 0, NULL);
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
        PangoLayout *l = make_layout(fonts, one, st, 0, NULL, 0, NULL);
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
    return make_layout(fonts, text, st, width, lang, 0, NULL);
}

/* The widest run of text between two line-break opportunities, only those
 * after a space when spaced. */
static double widest_piece(fs_fonts *fonts, const char *text, const fs_text_style *st,
                           const char *lang, bool spaced)
{
    PangoLayout *l = make_layout(fonts, text, st, 0, lang, 0, NULL);
    PangoLayout *m = pango_layout_copy(l);
    const char *s = pango_layout_get_text(l);
    int n;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n);
    int most = 0;
    long a = 0, chars = n - 1;
    for (long c = 1; c <= chars; c++) {
        if (c < chars && (!la[c].is_line_break || (spaced && !la[c - 1].is_white)))
            continue;
        long e = c;
        while (e > a && la[e - 1].is_white)
            e--;
        if (e > a) {
            const char *pa = g_utf8_offset_to_pointer(s, a);
            most = MAX(most, run_width(m, pa, g_utf8_offset_to_pointer(pa, e - a), ""));
        }
        a = c;
    }
    g_object_unref(m);
    g_object_unref(l);
    return (double)most / PANGO_SCALE;
}

double fs_text_widest_word(fs_fonts *fonts, const char *text, const fs_text_style *st,
                           const char *lang)
{
    return widest_piece(fonts, text, st, lang, false);
}

double fs_text_widest_spaced(fs_fonts *fonts, const char *text, const fs_text_style *st,
                             const char *lang)
{
    return widest_piece(fonts, text, st, lang, true);
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
        set_text(word, pa, (int)(pb - pa));
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
    out->layout = make_layout(fonts, text, &out->st, width, lang, page->height, &out->words_cut);
    /* the text laid out: cut to what can show, bidi controls bounded */
    out->text = g_strdup(pango_layout_get_text(out->layout));
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

char *fs_text_shown(PangoLayout *l)
{
    const char *text = pango_layout_get_text(l);
    GString *s = g_string_new(NULL);
    for (GSList *ln = pango_layout_get_lines_readonly(l); ln; ln = ln->next) {
        for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r; r = r->next) {
            const PangoItem *item = ((PangoGlyphItem *)r->data)->item;
            if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
                g_string_append(s, "…");
            else
                g_string_append_len(s, text + item->offset, item->length);
        }
    }
    return g_string_free(s, FALSE);
}

bool fs_text_cut_alike(PangoLayout *const *l, size_t n)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    bool alike = false;
    for (size_t i = 0; i < n && !alike; i++) {
        if (!l[i] || !pango_layout_is_ellipsized(l[i]))
            continue;
        char *shown = fs_text_shown(l[i]);
        alike = !g_hash_table_add(seen, shown);
    }
    g_hash_table_destroy(seen);
    return alike;
}

int fs_text_place(fs_page *page, fs_fonts *fonts, fs_role role, fs_shaped *s, double x, double y,
                  uint32_t color, const char *file, unsigned long line, fs_diag *d)
{
    if (pango_layout_get_unknown_glyphs_count(s->layout) > 0) {
        /* named from the text laid out: a character cut off is never drawn */
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
    it->words_cut = s->words_cut;
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
                      const fs_text_style *st, double x, double y, double width, const char *lang,
                      const char *file, unsigned long line, fs_diag *d)
{
    fs_shaped s;
    fs_text_shape(page, fonts, text, st, width, lang, &s);
    return fs_text_place(page, fonts, role, &s, x, y, st->color, file, line, d);
}
