/* Unit tests of the atomic output set (outset.c) in a temporary folder: a
 * staged file appears only at the commit, with the usual mode of a new
 * file and no temporary file left; a set freed uncommitted leaves nothing
 * and the previous file as it was; a symbolic link at a target (to a file,
 * to nothing, to a device) is replaced, never written through, while a
 * device named directly is written into; a folder at a target and a
 * document without pages are refused; a commit that fails half-way puts
 * the files it replaced back; stale temp and backup files of a target are
 * removed when it is staged, and no other file; the deferred folder sync. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "output.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *root; /* the temporary folder of the current test */

static char *at(const char *name)
{
    return g_build_filename(root, name, NULL);
}

static void put(const char *name, const char *text)
{
    g_autofree char *p = at(name);
    assert_true(g_file_set_contents(p, text, -1, NULL));
}

static char *get(const char *name)
{
    g_autofree char *p = at(name);
    char *text = NULL;
    return g_file_get_contents(p, &text, NULL, NULL) ? text : NULL;
}

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's entries, sorted, joined by spaces. */
static char *listing(void)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(root, 0, NULL);
    assert_non_null(d);
    for (const char *n; (n = g_dir_read_name(d));)
        g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    g_ptr_array_add(names, NULL);
    return g_strjoinv(" ", (char **)names->pdata);
}

static int setup(void **state)
{
    (void)state;
    root = g_dir_make_tmp("test_outset_XXXXXX", NULL);
    return root ? 0 : -1;
}

static void remove_tree(const char *path)
{
    GDir *d = g_dir_open(path, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        g_autofree char *p = g_build_filename(path, n, NULL);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            remove_tree(p);
        else
            g_remove(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(path);
}

static int teardown(void **state)
{
    (void)state;
    remove_tree(root);
    g_clear_pointer(&root, g_free);
    return 0;
}

/* A document of one 40 x 20 page. */
static fs_doc *make_doc(void)
{
    fs_doc *doc = fs_doc_new();
    doc->title = g_strdup("t");
    fs_page *page = fs_doc_add_page(doc, 40, 20);
    fs_page_add_rect(page, FS_ROLE_BAR, 5, 5, 20, 10, 0x3366ccff);
    return doc;
}

/* Stages doc as name (the format from its extension) in a new set. */
static fs_outset *stage(const fs_doc *doc, const char *name, fs_diag *d)
{
    g_autofree char *p = at(name);
    fs_format fmt;
    assert_true(fs_format_from_path(p, &fmt));
    fs_outset *set = fs_outset_new();
    const fs_output_opts o = {.scale = 1};
    assert_true(fs_outset_add(set, doc, fmt, p, &o, d));
    return set;
}

static bool starts(const char *name, const char *magic)
{
    g_autofree char *text = get(name);
    return text && g_str_has_prefix(text, magic);
}

static void test_commit_and_free(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = make_doc();
    fs_outset *set = stage(doc, "a.png", d);
    g_autofree char *pdf = at("b.pdf"), *svg = at("c.svg");
    assert_true(fs_outset_add(set, doc, FS_FMT_PDF, pdf, NULL, d));
    assert_true(fs_outset_add(set, doc, FS_FMT_SVG, svg, NULL, d));
    /* nothing in place before the commit: three temp files */
    g_autofree char *staged = listing();
    g_auto(GStrv) temps = g_strsplit(staged, " ", -1);
    assert_int_equal(g_strv_length(temps), 3);
    assert_true(g_str_has_prefix(temps[0], ".a.png.") && g_str_has_prefix(temps[1], ".b.pdf.") &&
                g_str_has_prefix(temps[2], ".c.svg."));
    assert_true(fs_outset_commit(set, d));
    fs_outset_free(set);
    assert_int_equal(fs_diag_count(d), 0);
    g_autofree char *names = listing();
    assert_string_equal(names, "a.png b.pdf c.svg");
    assert_true(starts("a.png", "\x89PNG"));
    assert_true(starts("b.pdf", "%PDF-"));
    assert_true(starts("c.svg", "<?xml"));
    /* the usual mode of a new file */
    mode_t mask = umask(022);
    umask(mask);
    struct stat sb;
    g_autofree char *png = at("a.png");
    assert_int_equal(stat(png, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0666 & ~mask);

    /* freed uncommitted: the previous file stays, no temp file remains */
    put("a.png", "previous");
    set = stage(doc, "a.png", d);
    assert_true(fs_outset_add(set, doc, FS_FMT_SVG, svg, NULL, d));
    fs_outset_free(set);
    g_autofree char *kept = get("a.png");
    assert_string_equal(kept, "previous");
    g_autofree char *after = listing();
    assert_string_equal(after, "a.png b.pdf c.svg");
    fs_doc_free(doc);
}

static void test_links_replaced(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = make_doc();
    put("target.txt", "keep me");
    g_autofree char *to_file = at("file.png"), *dangling = at("dangling.png");
    g_autofree char *to_dev = at("dev.png");
    assert_int_equal(symlink("target.txt", to_file), 0);
    assert_int_equal(symlink("nowhere", dangling), 0);
    assert_int_equal(symlink("/dev/null", to_dev), 0);
    fs_outset *set = stage(doc, "file.png", d);
    assert_true(fs_outset_add(set, doc, FS_FMT_PNG, dangling, NULL, d));
    assert_true(fs_outset_add(set, doc, FS_FMT_PNG, to_dev, NULL, d));
    assert_true(fs_outset_commit(set, d));
    fs_outset_free(set);
    const char *const names[] = {"file.png", "dangling.png", "dev.png"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *p = at(names[i]);
        struct stat sb;
        assert_int_equal(lstat(p, &sb), 0);
        assert_true(S_ISREG(sb.st_mode));
        assert_true(starts(names[i], "\x89PNG"));
    }
    g_autofree char *kept = get("target.txt");
    assert_string_equal(kept, "keep me");
    assert_null(get("nowhere"));
    struct stat dev;
    assert_int_equal(stat("/dev/null", &dev), 0);
    assert_true(S_ISCHR(dev.st_mode));

    /* a device named directly is written into, at once */
    set = fs_outset_new();
    assert_true(fs_outset_add(set, doc, FS_FMT_SVG, "/dev/null", NULL, d));
    fs_outset_free(set);
    assert_int_equal(stat("/dev/null", &dev), 0);
    assert_true(S_ISCHR(dev.st_mode));
    assert_int_equal(fs_diag_count(d), 0);
    fs_doc_free(doc);
}

static void test_refused(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = make_doc();
    g_autofree char *dir = at("dir.png");
    assert_int_equal(g_mkdir(dir, 0755), 0);
    fs_outset *set = fs_outset_new();
    assert_false(fs_outset_add(set, doc, FS_FMT_PNG, dir, NULL, d));
    assert_int_equal(fs_diag_status(d), FS_ERR_SYSTEM);
    assert_non_null(strstr(fs_diag_message(d, 0), "cannot replace: Is a directory"));
    fs_diag_clear(d);
    fs_doc *empty = fs_doc_new();
    g_autofree char *p = at("empty.png");
    assert_false(fs_outset_add(set, empty, FS_FMT_PNG, p, NULL, d));
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
    assert_non_null(strstr(fs_diag_message(d, 0), "nothing to draw"));
    fs_diag_clear(d);
    g_autofree char *missing = at("no/such/folder.png");
    assert_false(fs_outset_add(set, doc, FS_FMT_PNG, missing, NULL, d));
    assert_non_null(strstr(fs_diag_message(d, 0), "cannot create: "));
    fs_outset_free(set);
    g_autofree char *names = listing();
    assert_string_equal(names, "dir.png");
    fs_doc_free(empty);
    fs_doc_free(doc);
}

static void test_roll_back(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = make_doc();
    put("a.png", "old a");
    fs_outset *set = stage(doc, "a.png", d);
    g_autofree char *b = at("b.png");
    assert_true(fs_outset_add(set, doc, FS_FMT_PNG, b, NULL, d));
    /* b becomes a folder with a file in it after staging: its rename
     * fails after a's succeeded */
    assert_int_equal(g_mkdir(b, 0755), 0);
    put("b.png/inside", "x");
    assert_false(fs_outset_commit(set, d));
    assert_int_equal(fs_diag_count(d), 1);
    assert_non_null(strstr(fs_diag_message(d, 0), "b.png: cannot replace: "));
    fs_outset_free(set);
    g_autofree char *a = get("a.png");
    assert_string_equal(a, "old a");
    g_autofree char *names = listing();
    assert_string_equal(names, "a.png b.png");
    fs_doc_free(doc);
}

static void test_stale_files(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = make_doc();
    /* a killed run's temp file and backup for x.png; another target's
     * temp file; names that only look alike */
    static const char *const names[] = {".x.png.Ab3dE9",   ".x.png.bak.Zz99zz", ".y.png.AAAAAA",
                                        ".x.png.toolong7", ".x.png.ab-d_f",     "x.png.Ab3dE9"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        put(names[i], "stale");
    fs_outset *set = stage(doc, "x.png", d);
    assert_true(fs_outset_commit(set, d));
    fs_outset_free(set);
    g_autofree char *left = listing();
    assert_string_equal(left, ".x.png.ab-d_f .x.png.toolong7 .y.png.AAAAAA x.png x.png.Ab3dE9");
    fs_doc_free(doc);
}

static void test_deferred_sync(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_doc *doc = make_doc();
    fs_output_defer_dir_sync();
    for (int i = 0; i < 3; i++) {
        g_autofree char *name = g_strdup_printf("n%d.svg", i);
        fs_outset *set = stage(doc, name, d);
        assert_true(fs_outset_commit(set, d));
        fs_outset_free(set);
    }
    assert_true(fs_output_sync_deferred(d));
    /* nothing deferred any more */
    assert_true(fs_output_sync_deferred(d));
    assert_int_equal(fs_diag_count(d), 0);
    g_autofree char *names = listing();
    assert_string_equal(names, "n0.svg n1.svg n2.svg");
    fs_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commit_and_free, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roll_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deferred_sync, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
