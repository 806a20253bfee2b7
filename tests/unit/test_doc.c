/* Unit tests of the document model: the role table, mirroring a page,
 * moving items between pages, cutting a page back, and the --dump-layout
 * format. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "doc.h"

#include <glib.h>
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

static void test_dump(void **state)
{
    (void)state;
    fs_doc *doc = fs_doc_new();
    fs_page *pg = fs_doc_add_page(doc, 100, 50);
    fs_page_add_rect(pg, FS_ROLE_BAR, 10, 5, 20, 4, 0x112233ff);
    fs_page_set_pattern(pg, FS_PATTERN_HATCH, 0xffffffff, 2);
    fs_page_add_line(pg, FS_ROLE_GRID, 10, 0, 10, 40, 1, 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    fs_doc_dump(doc, fp);
    fclose(fp);
    assert_string_equal(buf, "page 1 100.00 50.00\n"
                             "rect bar 10.00 5.00 20.00 4.00 #112233ff hatch\n"
                             "line grid 10.00 0.00 10.00 40.00\n");
    free(buf);
    fs_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_mirror),
        cmocka_unit_test(test_take_and_truncate),
        cmocka_unit_test(test_dump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
