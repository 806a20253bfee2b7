/* Unit tests of the document model: the role table, mirroring a page,
 * moving items between pages, cutting a page back, turning a text, and the
 * --dump-layout format. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "doc.h"
#include "fixture.h"
#include "text.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static void test_roles(void **state)
{
    (void)state;
    /* every role has a name, and no two share one */
    for (int r = 0; r < FS_ROLE_COUNT; r++) {
        assert_non_null(fs_role_name((fs_role)r));
        for (int k = 0; k < r; k++)
            assert_string_not_equal(fs_role_name((fs_role)r), fs_role_name((fs_role)k));
    }
    assert_string_equal(fs_role_name(FS_ROLE_FOOTER_RULE), "footer-rule");
    assert_true(fs_role_info_of(FS_ROLE_SOURCE)->link);
    assert_int_equal(fs_role_info_of(FS_ROLE_RULE)->tag, FS_TAG_ARTIFACT);
}

static void test_mirror(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 100, 50);
    fs_page_add_rect(pg, FS_ROLE_BAR, 10, 5, 20, 4, 0x112233ff);
    fs_page_add_line(pg, FS_ROLE_AXIS, 10, 0, 30, 0, 1, 0x000000ff);
    fs_page_add_icon(pg, FS_ICON_PERSON, 0, 0, 8, 8, 0.5, 0x000000ff);
    fs_page_mirror(pg);
    fs_item *r = fs_page_item(pg, 0), *l = fs_page_item(pg, 1), *i = fs_page_item(pg, 2);
    assert_true(r->x == 70 && r->w == 20);
    assert_true(l->x == 90 && l->w == -20);
    assert_true(i->x == 92 && i->from_right);
    fs_doc_free(doc);
}

static void test_take_and_truncate(void **state)
{
    (void)state;
    fs_page *src = fs_page_new(40, 40, false), *dst = fs_page_new(100, 100, false);
    fs_page_add_rect(src, FS_ROLE_BAR, 1, 2, 3, 4, 0);
    fs_page_add_rect(src, FS_ROLE_SWATCH, 0, 10, 2, 2, 0);
    assert_true(fs_page_items_bottom(src) == 12);
    fs_page_take_items(dst, src, 10, 20, "p1");
    assert_int_equal(src->items->len, 0);
    assert_int_equal(dst->items->len, 2);
    fs_item *it = fs_page_item(dst, 0);
    assert_true(it->x == 11 && it->y == 22);
    assert_string_equal(it->owner, "p1");
    fs_page_truncate(dst, 1);
    assert_int_equal(dst->items->len, 1);
    fs_page_truncate(dst, 5); /* past the end: nothing */
    assert_int_equal(dst->items->len, 1);
    fs_page_free(src);
    fs_page_free(dst);
    fs_page_free(NULL);
}

/* doc's --dump-layout text. Returns a new string; free with free(). */
static char *dump(const fs_doc *doc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    fs_doc_dump(doc, fp);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void test_dump(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 100, 50);
    fs_page_add_rect(pg, FS_ROLE_BAR, 10, 5, 20, 4, 0x112233ff);
    fs_page_set_pattern(pg, FS_PATTERN_HATCH, 0xffffffff, 2);
    fs_page_add_line(pg, FS_ROLE_GRID, 10, 0, 10, 40, 1, 0);
    char *buf = dump(doc);
    assert_string_equal(buf, "page 1 100.00 50.00\n"
                             "rect bar 10.00 5.00 20.00 4.00 #112233ff hatch\n"
                             "line grid 10.00 0.00 10.00 40.00\n");
    free(buf);
    fs_doc_free(doc);
}

/* A panel taken into a page is dumped as "panel ID X Y W H items=N" before
 * its items, mirrored with the page. */
static void test_dump_panel(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 100, 50);
    fs_page *src = fs_page_new(40, 50, false);
    fs_page_add_rect(pg, FS_ROLE_ACCENT, 0, 0, 5, 1, 0);
    fs_page_add_rect(src, FS_ROLE_BAR, 1, 2, 3, 4, 0);
    fs_page_add_rect(src, FS_ROLE_BAR, 1, 8, 3, 4, 0);
    fs_page_take_items(pg, src, 10, 20, "p1");
    fs_page_mirror(pg);
    char *buf = dump(doc);
    assert_string_equal(buf, "page 1 100.00 50.00\n"
                             "rect accent 95.00 0.00 5.00 1.00 #00000000\n"
                             "panel p1 50.00 20.00 40.00 12.00 items=2\n"
                             "rect bar 86.00 22.00 3.00 4.00 #00000000\n"
                             "rect bar 86.00 28.00 3.00 4.00 #00000000\n");
    free(buf);
    fs_page_free(src);
    fs_doc_free(doc);
}

/* The dump line of a text laid out at width w (0: one line). */
static char *dump_one_text(const char *text, double w)
{
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 500, 500);
    fs_text_style st = {.size = 10};
    fs_diag *d = fs_diag_new();
    assert_true(fs_layout_text(pg, fonts, FS_ROLE_LABEL, text, &st, 0, 0, w, "en", NULL, d) == 0);
    fs_diag_free(d);
    char *buf = dump(doc);
    fs_doc_free(doc);
    char *line = g_strdup(strchr(buf, '"'));
    free(buf);
    return line;
}

/* A text's line ends the font size, its lines and where they break, and
 * "wordwider" when it breaks only inside words too wide for the width. */
static void test_dump_text_fields(void **state)
{
    (void)state;
    char *one = dump_one_text("hello world", 0);
    assert_string_equal(one, "\"hello world\" size=10.00 lines=1\n");
    /* between the words: an ordinary break */
    char *two = dump_one_text("hello world", 35);
    assert_string_equal(two, "\"hello world\" size=10.00 lines=2 breaks=6\n");
    /* a word wider than the width must break inside: flagged */
    char *wide = dump_one_text("ab Donaudampfschifffahrtsgesellschaft", 60);
    assert_non_null(strstr(wide, " breaks=3,"));
    assert_non_null(strstr(wide, " wordwider\n"));
    g_free(one);
    g_free(two);
    g_free(wide);
}

/* A turned text: its box is the bounding box of its turned extents, about
 * its origin; a mirrored page moves it as a box; the dump gives its angle,
 * and a word cut to fit (whole_words) is marked ellipsized. */
static void test_rotate(void **state)
{
    (void)state;
    fs_diag *d = fs_diag_new();
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 500, 300);
    fs_text_style st = {.size = 10};
    assert_int_equal(fs_layout_text(pg, fonts, FS_ROLE_LABEL, "Albania", &st, 100, 50, 0, "en",
                                     NULL, d),
                     0);
    fs_item *it = fs_page_item(pg, 0);
    double w = it->w, h = it->h, oy = it->oy;
    assert_true(it->x == 100 && it->y == 50);
    fs_page_rotate_item(pg, 0, 90);
    it = fs_page_item(pg, 0);
    /* reading upwards from the origin: right of it by the line's height */
    assert_true(fabs(it->w - h) < 1e-9 && fabs(it->h - w) < 1e-9);
    assert_true(fabs(it->x - 100) < 1e-9 && fabs(it->y - (oy - w)) < 1e-9);
    fs_page_move_item(pg, 0, 200, 100);
    it = fs_page_item(pg, 0);
    assert_true(fabs(it->ox - 200) < 1e-9 && fabs(it->oy - (100 + w)) < 1e-9);
    fs_page_mirror(pg);
    it = fs_page_item(pg, 0);
    assert_true(fabs(it->x - (500 - 200 - h)) < 1e-9 && fabs(it->ox - it->x) < 1e-9);
    /* 45 degrees: a square of side (w + h) / sqrt 2 */
    assert_int_equal(fs_layout_text(pg, fonts, FS_ROLE_LABEL, "Albania", &st, 0, 0, 0, "en",
                                     NULL, d),
                     1);
    fs_page_rotate_item(pg, 1, 45);
    it = fs_page_item(pg, 1);
    assert_true(fabs(it->w - (w + h) * M_SQRT1_2) < 1e-9 && fabs(it->h - it->w) < 1e-9);
    /* a word too wide for its width, whole words only: shortened in its
     * middle (its start, "…", its end), marked */
    fs_text_style ww = {.size = 10, .whole_words = true};
    assert_int_equal(fs_layout_text(pg, fonts, FS_ROLE_LABEL, "Donaudampfschifffahrt", &ww, 0, 0,
                                     40, "en", NULL, d),
                     2);
    char *buf = dump(doc);
    char **lines = g_strsplit(buf, "\n", -1);
    assert_non_null(strstr(lines[1], "\"Albania\" size=10.00 lines=1 angle=90"));
    assert_non_null(strstr(lines[2], " lines=1 angle=45"));
    assert_non_null(strstr(lines[3], "\"Do"));
    assert_non_null(strstr(lines[3], "…"));
    assert_non_null(strstr(lines[3], "t\" size=10.00 lines=1 ellipsized"));
    assert_null(strstr(lines[3], "breaks="));
    g_strfreev(lines);
    free(buf);
    fs_doc_free(doc);
    fs_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_mirror),
        cmocka_unit_test(test_take_and_truncate),
        cmocka_unit_test(test_dump),
        cmocka_unit_test(test_dump_panel),
        cmocka_unit_test(test_rotate),
        cmocka_unit_test(test_dump_text_fields),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
