/* Unit tests of text, the path of every text to Pango, with the bundled
 * fonts (from $FACTSHEET_FONT_DIR, as make check sets it): the text a layout
 * gets is cut only past what can show (an ellipsized label and a paragraph
 * taller than its page lay out as their full text would), ordinary text
 * reaches Pango byte for byte, bidi controls are bounded; a text measured
 * once is placed as fs_layout_text would place it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "text.h"
#include "textsafe.h"

#include <string.h>

/* words repeated to at least n bytes. Returns a new string. */
static char *words(size_t n)
{
    static const char w[] = "Khojaly şəhəri Ходжалы مقال 2023 ";
    GString *g = g_string_new(NULL);
    while (g->len < n)
        g_string_append(g, w);
    return g_string_free(g, FALSE);
}

/* Lays out text on page and returns the item (borrowed). */
static fs_item *lay(fs_page *page, const char *text, const fs_text_style *st, double width)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    int i = fs_layout_text(page, fonts, FS_ROLE_TEXT, text, st, 10, 10, width, "en", NULL, d);
    assert_true(i >= 0);
    return fs_page_item(page, i);
}

/* The item's layout holds what the full text would show: the same lines,
 * the same extents, as a copy of it given the full text. */
static void assert_shows_as(const fs_item *it, const char *full)
{
    PangoLayout *ref = pango_layout_copy(it->layout);
    pango_layout_set_text(ref, full, -1);
    PangoRectangle a, b;
    pango_layout_get_extents(it->layout, NULL, &a);
    pango_layout_get_extents(ref, NULL, &b);
    assert_int_equal(a.width, b.width);
    assert_int_equal(a.height, b.height);
    int n = pango_layout_get_line_count(ref);
    assert_int_equal(pango_layout_get_line_count(it->layout), n);
    /* every line but an ellipsized last one starts and ends alike */
    for (int k = 0; k + 1 < n; k++) {
        PangoLayoutLine *la = pango_layout_get_line_readonly(it->layout, k);
        PangoLayoutLine *lb = pango_layout_get_line_readonly(ref, k);
        assert_int_equal(la->start_index, lb->start_index);
        assert_int_equal(la->length, lb->length);
    }
    assert_int_equal(pango_layout_is_ellipsized(it->layout), pango_layout_is_ellipsized(ref));
    g_object_unref(ref);
}

/* A label of 3 lines at most, 60,000 bytes long: laid out from a cut
 * (FS_TEXT_CUT_MIN characters and "…"), showing what the whole would. */
static void test_ellipsized_label_cut(void **state)
{
    (void)state;
    g_autofree char *full = words(60000);
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 1920, 1080);
    fs_text_style st = {.size = 24, .max_lines = 3, .line_height = 1.0};
    fs_item *it = lay(page, full, &st, 620);
    assert_int_equal(g_utf8_strlen(it->text, -1), FS_TEXT_CUT_MIN + 1);
    assert_true(g_str_has_suffix(it->text, "…"));
    assert_true(pango_layout_is_ellipsized(it->layout));
    assert_shows_as(it, full);
    /* one unwrapped line: longer than the widest page, at 6,000 characters */
    fs_text_style one = {.size = 24};
    it = lay(page, full, &one, 0);
    assert_int_equal(g_utf8_strlen(it->text, -1), 6001);
    assert_true(it->w > FS_TEXT_EXTENT_MAX);
    fs_doc_free(doc);
}

/* A paragraph with no line limit is cut where it is past its page's
 * height: still taller than the page, with its first lines as they were. */
static void test_paragraph_cut_past_page(void **state)
{
    (void)state;
    g_autofree char *full = words(200000);
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 595, 842);
    fs_text_style st = {.size = 9, .line_height = 1.3};
    fs_item *it = lay(page, full, &st, 250);
    assert_true(strlen(it->text) < 40000);
    assert_true(g_str_has_suffix(it->text, "…"));
    assert_true(it->h > 842);
    PangoLayout *ref = pango_layout_copy(it->layout);
    pango_layout_set_text(ref, full, -1);
    int n = (int)(842 / 9) + 1; /* more lines than the page holds */
    for (int k = 0; k < n; k++) {
        PangoLayoutLine *la = pango_layout_get_line_readonly(it->layout, k);
        PangoLayoutLine *lb = pango_layout_get_line_readonly(ref, k);
        assert_int_equal(la->start_index, lb->start_index);
        assert_int_equal(la->length, lb->length);
    }
    g_object_unref(ref);
    /* measured as the page's footer is (max_height): the same cut */
    fs_text_style fst = st;
    fst.max_height = 842;
    double w, h;
    fs_measure_text(fonts, full, &fst, 250, "en", &w, &h);
    assert_true(h == it->h);
    /* 20,000 short paragraphs: each takes a line */
    GString *g = g_string_new(NULL);
    for (int k = 0; k < 20000; k++)
        g_string_append_printf(g, "%d\n", k);
    g_autofree char *paras = g_string_free(g, FALSE);
    it = lay(page, paras, &st, 250);
    assert_true(strlen(it->text) < 2000);
    assert_true(it->h > 842);
    assert_true(g_str_has_suffix(it->text, "…"));
    /* ... empty ones too */
    g_autofree char *empty = g_strnfill(20000, '\n');
    it = lay(page, empty, &st, 250);
    assert_true(strlen(it->text) < 200);
    assert_true(it->h > 842);
    /* text that fits the page is never cut, also when it is long enough
     * to be measured for a cut */
    g_autofree char *fits = words(FS_TEXT_CUT_MIN + 400);
    fs_text_style plain = {.size = 9};
    it = lay(page, fits, &plain, 500);
    assert_string_equal(it->text, fits);
    assert_true(it->h < 842);
    fs_doc_free(doc);
}

/* Ordinary text reaches Pango exactly as given. */
static void test_ordinary_text_unchanged(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Among the 613 people killed",
        "أرقام كما وردت في المقال",
        "\u202Bعربي\u202C and \u2066latin\u2069 \u200F(1)\u200E",
        "emoji 👩\u200D👩\u200D👧 and 🇦🇿; e\u0301",
        "Paragraph one.\nParagraph two.",
    };
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 1920, 1080);
    fs_text_style st = {.size = 24, .max_lines = 3};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        fs_item *it = lay(page, texts[i], &st, 600);
        assert_string_equal(it->text, texts[i]);
        assert_string_equal(pango_layout_get_text(it->layout), texts[i]);
    }
    fs_doc_free(doc);
}

/* The label of issue 13: 273 bidi controls nested past 125 levels crashed
 * fribidi 1.0.8 (SIGSEGV in a plain build). Laid out bounded. */
static void test_bidi_label(void **state)
{
    (void)state;
    static const char *const c[] = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066",
                                    "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"};
    GString *g = g_string_new(NULL);
    for (int k = 0; k < 273; k++)
        g_string_append(g, c[k % 12]);
    g_autofree char *s = g_string_free(g, FALSE);
    g_autofree char *want = fs_text_bidi_bound(s, strlen(s));
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 1920, 1080);
    fs_text_style st = {.size = 24, .max_lines = 3};
    fs_item *it = lay(page, s, &st, 600);
    assert_string_equal(it->text, want);
    assert_true(strlen(want) < strlen(s));
    double w, h;
    fs_measure_text(fonts, s, &st, 0, NULL, &w, &h);
    fs_doc_free(doc);
}

/* A text shaped once and placed is the item fs_layout_text makes, on a
 * right-to-left page too (the alignment swapped as it is made). */
static void test_shape_then_place(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    for (int rtl = 0; rtl < 2; rtl++) {
        fs_page *page = fs_doc_add_page(doc, 800, 600);
        page->rtl = rtl;
        fs_text_style st = {
            .size = 20, .max_lines = 2, .align = PANGO_ALIGN_LEFT, .color = 0x112233ff};
        const char *s = "Among the 613 people killed, 106 were women";
        fs_item *a = lay(page, s, &st, 300);
        fs_item ca = *a;
        fs_shaped sh;
        fs_text_shape(page, fonts, s, &st, 300, "en", &sh);
        assert_true(sh.w == ca.w && sh.h == ca.h);
        assert_int_equal(sh.st.align, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        g_autoptr(fs_diag) d = fs_diag_new();
        int i = fs_text_place(page, fonts, FS_ROLE_TEXT, &sh, 10, 10, st.color, NULL, 0, d);
        assert_true(i >= 0);
        assert_null(sh.layout);
        assert_null(sh.text);
        fs_item *b = fs_page_item(page, i);
        ca = *fs_page_item(page, i - 1);
        assert_true(b->x == ca.x && b->y == ca.y && b->w == ca.w && b->h == ca.h);
        assert_true(b->ox == ca.ox && b->wrap == ca.wrap && b->color == ca.color);
        assert_string_equal(b->text, ca.text);
        assert_int_equal(pango_layout_get_alignment(b->layout),
                         pango_layout_get_alignment(ca.layout));
    }
    /* a character no font draws: an error naming it, the shape freed */
    fs_page *page = fs_doc_add_page(doc, 800, 600);
    fs_text_style st = {.size = 20};
    fs_shaped sh;
    fs_text_shape(page, fonts, "a\u0E2Ab", &st, 0, NULL, &sh);
    g_autoptr(fs_diag) d = fs_diag_new();
    guint before = page->items->len;
    assert_int_equal(fs_text_place(page, fonts, FS_ROLE_TEXT, &sh, 0, 0, 0, "t.csv", 3, d), -1);
    assert_int_equal(fs_diag_count(d), 1);
    assert_non_null(strstr(fs_diag_message(d, 0), "U+0E2A"));
    assert_null(sh.layout);
    assert_int_equal(page->items->len, before);
    fs_doc_free(doc);
}

/* Whole words: lines break only between words; a word wider than the width
 * alone is cut before "…" to fit (never broken, never hyphenated), at a
 * character's boundary (an accent stays on its letter), and the shape says
 * so. */
static void test_whole_words(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 800, 600);
    fs_text_style st = {.size = 20, .max_lines = 3, .whole_words = true};
    struct {
        const char *text;
        double width;
        bool cut;
    } cases[] = {
        {"Bosnia and Herzegovina", 130, false},
        {"Albania", 200, false},
        {"Albania", 40, true},
        {"Czechia and Albania", 40, true},
        {"Донауdampfschifffahrtsgesellschaft", 150, true},
        {"e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", 40, true},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        fs_shaped sh;
        fs_text_shape(page, fonts, cases[i].text, &st, cases[i].width, "en", &sh);
        assert_int_equal(sh.words_cut, cases[i].cut);
        assert_false(sh.word_wider);
        /* no line wider than the width, every line starting at a word */
        assert_true(sh.log.width <= cases[i].width * PANGO_SCALE);
        const char *t = pango_layout_get_text(sh.layout);
        int n;
        const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(sh.layout, &n);
        GSList *lines = pango_layout_get_lines_readonly(sh.layout);
        for (GSList *l = lines ? lines->next : NULL; l; l = l->next) {
            long c = g_utf8_pointer_to_offset(t, t + ((PangoLayoutLine *)l->data)->start_index);
            assert_true(la[c].is_line_break);
        }
        if (cases[i].cut) {
            assert_non_null(strstr(t, "…"));
            /* an accent stays on its letter: cut after a whole cluster */
            if (g_str_has_prefix(cases[i].text, "e\u0301"))
                assert_true(g_str_has_prefix(strstr(t, "…") - 2, "\u0301"));
        } else {
            assert_string_equal(t, cases[i].text);
        }
        fs_shaped_clear(&sh);
    }
    /* the word wider than its width, without whole words: broken inside */
    fs_text_style wc = {.size = 20, .max_lines = 3};
    fs_shaped sh;
    fs_text_shape(page, fonts, "Albania", &wc, 40, "en", &sh);
    assert_false(sh.words_cut);
    assert_true(sh.word_wider);
    fs_shaped_clear(&sh);
    fs_doc_free(doc);
}

/* The family of each run of the layout's first line, in visual order,
 * joined by "|". Returns a new string. */
static char *run_fonts(PangoLayout *l)
{
    GString *g = g_string_new(NULL);
    for (GSList *r = pango_layout_get_line_readonly(l, 0)->runs; r; r = r->next) {
        PangoFontDescription *fd =
            pango_font_describe(((PangoGlyphItem *)r->data)->item->analysis.font);
        g_string_append_printf(g, "%s%s", g->len ? "|" : "", pango_font_description_get_family(fd));
        pango_font_description_free(fd);
    }
    return g_string_free(g, FALSE);
}

/* The colon, spaces and full stop inside Arabic text are drawn in the
 * Arabic font, so that the line is one run (a PDF reader reads runs in
 * drawing order); digits keep Inter, and punctuation of Latin text too. */
static void test_rtl_punctuation_one_run(void **state)
{
    (void)state;
    static const struct {
        const char *text, *runs;
    } cases[] = {
        {"المصدر: بيانات اختبارية.", "Noto Sans Arabic"},
        {"الجيزة, الإسكندرية - القاهرة!", "Noto Sans Arabic"},
        {"منهم 300 من النساء", "Noto Sans Arabic|Inter|Noto Sans Arabic"},
        {"Source: test data.", "Inter"},
        {"Cairo: القاهرة", "Inter|Noto Sans Arabic"},
    };
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 1920, 1080);
    fs_text_style st = {.size = 24};
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        for (int wrap = 0; wrap < 2; wrap++) {
            fs_shaped sh;
            fs_text_shape(page, fonts, cases[k].text, &st, wrap ? 1000 : 0, "ar", &sh);
            g_autofree char *got = run_fonts(sh.layout);
            assert_string_equal(got, cases[k].runs);
            fs_shaped_clear(&sh);
        }
    }
    fs_doc_free(doc);
}

/* A right-to-left paragraph that starts with digits ("4581ط") is aligned
 * as its paragraph says, like any other: start-aligned text sits at the
 * page's left on a left-to-right page, not at the right. */
static void test_rtl_paragraph_starting_with_digits(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *page = fs_doc_add_page(doc, 1920, 1080);
    fs_text_style st = {.size = 24, .align = PANGO_ALIGN_LEFT};
    static const char *const texts[] = {"4581ط", "القاهرة", "Cairo"};
    for (size_t k = 0; k < G_N_ELEMENTS(texts); k++) {
        fs_shaped sh;
        fs_text_shape(page, fonts, texts[k], &st, 400, "ar", &sh);
        assert_int_equal(sh.log.x, 0);
        fs_shaped_clear(&sh);
    }
    fs_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ellipsized_label_cut),
        cmocka_unit_test(test_paragraph_cut_past_page),
        cmocka_unit_test(test_ordinary_text_unchanged),
        cmocka_unit_test(test_bidi_label),
        cmocka_unit_test(test_shape_then_place),
        cmocka_unit_test(test_whole_words),
        cmocka_unit_test(test_rtl_punctuation_one_run),
        cmocka_unit_test(test_rtl_paragraph_starting_with_digits),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
