/* Unit tests of safeopen: fs_open_beneath() over a temporary tree opens
 * files and folders beneath the folder, refuses a symbolic link anywhere on
 * the way (last component or a folder), "." and "..", reports a missing
 * file, and leaves no descriptor open on any path (counted in
 * /proc/self/fd). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "safeopen.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct tree {
    char *root;
    int fd; /* the root folder */
} tree;

static void put(const char *root, const char *rel, const char *text)
{
    g_autofree char *p = g_build_filename(root, rel, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
}

static void link_at(const char *root, const char *rel, const char *to)
{
    g_autofree char *p = g_build_filename(root, rel, NULL);
    assert_int_equal(symlink(to, p), 0);
}

static int setup(void **state)
{
    tree *t = g_new0(tree, 1);
    t->root = g_dir_make_tmp("test_safeopen_XXXXXX", NULL);
    if (!t->root)
        return -1;
    g_autofree char *ab = g_build_filename(t->root, "a", "b", NULL);
    g_mkdir_with_parents(ab, 0755);
    put(t->root, "a/b/f.txt", "inside\n");
    put(t->root, "top.txt", "top\n");
    link_at(t->root, "dirlink", "a");          /* a folder on the way */
    link_at(t->root, "a/lf", "b/f.txt");       /* the last component */
    link_at(t->root, "a/dangling", "nothing"); /* to nothing */
    t->fd = fs_open_folder(t->root);
    if (t->fd < 0)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    tree *t = *state;
    static const char *const names[] = {"a/b/f.txt", "a/lf",    "a/dangling", "a/b",
                                        "a",         "top.txt", "dirlink",    NULL};
    for (const char *const *n = names; *n; n++) {
        g_autofree char *p = g_build_filename(t->root, *n, NULL);
        if (g_remove(p) != 0)
            g_rmdir(p);
    }
    g_rmdir(t->root);
    close(t->fd);
    g_free(t->root);
    g_free(t);
    return 0;
}

/* Entries of /proc/self/fd now (one more while counting: the listing's own). */
static int open_fds(void)
{
    GDir *d = g_dir_open("/proc/self/fd", 0, NULL);
    if (!d)
        return -1;
    int n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    return n;
}

/* Opens rel beneath the tree and asserts that it reads as want. */
static void expect_text(const tree *t, const char *rel, const char *want)
{
    int fd = fs_open_beneath(t->fd, rel);
    assert_true(fd >= 0);
    char buf[64] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    assert_true(n >= 0);
    assert_string_equal(buf, want);
}

/* Asserts that rel is refused with one of two errnos. */
static void expect_refused(const tree *t, const char *rel, int e1, int e2)
{
    errno = 0;
    int fd = fs_open_beneath(t->fd, rel);
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (fd >= 0 || (e != e1 && e != e2))
        fail_msg("%s: fd %d, errno %d (%s); want %s or %s", rel, fd, e, g_strerror(e),
                 g_strerror(e1), g_strerror(e2));
}

static void test_opens_beneath(void **state)
{
    const tree *t = *state;
    expect_text(t, "a/b/f.txt", "inside\n");
    expect_text(t, "top.txt", "top\n");
    expect_text(t, "a//b/f.txt", "inside\n"); /* empty components are skipped */
    /* "" and a folder: the folder itself, for the caller's fstat to refuse */
    const char *folders[] = {"", "a/b"};
    for (size_t i = 0; i < G_N_ELEMENTS(folders); i++) {
        int fd = fs_open_beneath(t->fd, folders[i]);
        assert_true(fd >= 0);
        struct stat st;
        assert_int_equal(fstat(fd, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        close(fd);
    }
}

static void test_refuses_links(void **state)
{
    const tree *t = *state;
    expect_refused(t, "a/lf", ELOOP, ELOOP);
    expect_refused(t, "a/dangling", ELOOP, ELOOP);
    expect_refused(t, "dirlink/b/f.txt", ENOTDIR, ELOOP);
    expect_refused(t, "dirlink", ELOOP, ELOOP);
    expect_refused(t, "a/../top.txt", EINVAL, EINVAL);
    expect_refused(t, "./top.txt", EINVAL, EINVAL);
    expect_refused(t, "..", EINVAL, EINVAL);
    expect_refused(t, "a/none.txt", ENOENT, ENOENT);
    expect_refused(t, "top.txt/x", ENOTDIR, ENOTDIR);
}

static void test_no_descriptor_left(void **state)
{
    int before = open_fds();
    if (before < 0)
        skip();
    for (int i = 0; i < 50; i++) {
        test_opens_beneath(state);
        test_refuses_links(state);
    }
    assert_int_equal(open_fds(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_opens_beneath, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_descriptor_left, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
