/* stamp: see stamp.h. The file is lines of text:
 *
 *   factsheet-stamp 1
 *   for PATH            the spec or CSV the stamp is for
 *   shared HEX          fs_stamp_shared_digest()
 *   in HEX PATH         one per input file read
 *   out HEX PATH        one per output written
 *
 * PATH is escaped with g_strescape() (a newline or a byte over 0x7e in a
 * name stays on its line), HEX is a SHA-256. */
#include "stamp.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAMP_MAGIC "factsheet-stamp 1"

/* Feeds the bytes of the file at path into sum. Returns false when it
 * cannot be read (errno set). */
static bool hash_file_into(GChecksum *sum, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat sb;
    int e = fstat(fd, &sb) != 0 ? errno : !S_ISREG(sb.st_mode) ? EINVAL : 0;
    if (e) {
        close(fd);
        errno = e;
        return false;
    }
    guchar buf[1 << 16];
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            e = errno;
            close(fd);
            errno = e;
            return false;
        }
        if (got == 0)
            break;
        g_checksum_update(sum, buf, (gssize)got);
    }
    close(fd);
    return true;
}

/* A new hex SHA-256 of the file at path, or NULL when it cannot be read. */
static char *hash_file(const char *path)
{
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    if (!hash_file_into(sum, path))
        return NULL;
    return g_strdup(g_checksum_get_string(sum));
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, name and bytes, in name order. */
static void hash_dir_into(GChecksum *sum, const char *dir)
{
    GDir *gd = g_dir_open(dir, 0, NULL);
    if (!gd)
        return;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *e;
    while ((e = g_dir_read_name(gd)))
        g_ptr_array_add(names, g_strdup(e));
    g_dir_close(gd);
    qsort(names->pdata, names->len, sizeof(char *), cmp_names);
    for (guint i = 0; i < names->len; i++) {
        g_autofree char *p = g_build_filename(dir, names->pdata[i], NULL);
        if (!g_file_test(p, G_FILE_TEST_IS_REGULAR))
            continue;
        g_checksum_update(sum, (const guchar *)names->pdata[i], -1);
        g_checksum_update(sum, (const guchar *)"\n", 1);
        hash_file_into(sum, p);
    }
}

char *fs_stamp_shared_digest(const char *const *font_dirs, size_t n, const char *options)
{
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)"factsheet " FS_VERSION "\n", -1);
    /* a new build of the same version draws differently too */
    hash_file_into(sum, "/proc/self/exe");
    for (size_t i = 0; i < n; i++) {
        if (!font_dirs[i])
            continue;
        g_checksum_update(sum, (const guchar *)"\nfonts\n", -1);
        hash_dir_into(sum, font_dirs[i]);
    }
    g_checksum_update(sum, (const guchar *)"\noptions\n", -1);
    g_checksum_update(sum, (const guchar *)(options ? options : ""), -1);
    return g_strdup(g_checksum_get_string(sum));
}

char *fs_stamp_path(const char *dir, const char *name)
{
    g_autofree char *base = g_strdup_printf(".%s.stamp", name);
    return g_build_filename(dir, base, NULL);
}

/* ---- reading -------------------------------------------------------------- */

/* Whether line "KIND HEX PATH" names a file that still hashes HEX. */
static bool entry_fresh(const char *rest)
{
    const char *sp = strchr(rest, ' ');
    if (!sp || sp - rest != 64)
        return false;
    g_autofree char *want = g_strndup(rest, 64);
    g_autofree char *path = g_strcompress(sp + 1);
    g_autofree char *have = hash_file(path);
    return have && strcmp(have, want) == 0;
}

bool fs_stamp_fresh(const char *path, const char *of, const char *shared)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return false;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    if (!lines[0] || strcmp(lines[0], STAMP_MAGIC) != 0)
        return false;
    bool seen_for = false, seen_shared = false, seen_out = false;
    for (size_t i = 1; lines[i]; i++) {
        const char *l = lines[i];
        if (!*l)
            continue;
        if (g_str_has_prefix(l, "for ")) {
            g_autofree char *p = g_strcompress(l + 4);
            if (strcmp(p, of) != 0)
                return false;
            seen_for = true;
        } else if (g_str_has_prefix(l, "shared ")) {
            if (strcmp(l + 7, shared) != 0)
                return false;
            seen_shared = true;
        } else if (g_str_has_prefix(l, "in ")) {
            if (!entry_fresh(l + 3))
                return false;
        } else if (g_str_has_prefix(l, "out ")) {
            if (!entry_fresh(l + 4))
                return false;
            seen_out = true;
        } else {
            return false;
        }
    }
    return seen_for && seen_shared && seen_out;
}

/* ---- writing -------------------------------------------------------------- */

struct fs_stamp {
    char *of, *shared;
    GPtrArray *inputs, *outputs; /* char *, in the order added, no repeats */
};

fs_stamp *fs_stamp_new(const char *of, const char *shared)
{
    fs_stamp *s = g_new0(fs_stamp, 1);
    s->of = g_strdup(of);
    s->shared = g_strdup(shared);
    s->inputs = g_ptr_array_new_with_free_func(g_free);
    s->outputs = g_ptr_array_new_with_free_func(g_free);
    return s;
}

void fs_stamp_free(fs_stamp *s)
{
    if (!s)
        return;
    g_ptr_array_free(s->inputs, TRUE);
    g_ptr_array_free(s->outputs, TRUE);
    g_free(s->of);
    g_free(s->shared);
    g_free(s);
}

static void add_once(GPtrArray *a, const char *path)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(a->pdata[i], path) == 0)
            return;
    g_ptr_array_add(a, g_strdup(path));
}

void fs_stamp_add_input(fs_stamp *s, const char *path)
{
    add_once(s->inputs, path);
}

void fs_stamp_add_output(fs_stamp *s, const char *path)
{
    add_once(s->outputs, path);
}

/* Appends "KIND HEX PATH\n" for each of files. Returns false after a
 * diagnostic naming the file that cannot be read. */
static bool put_entries(GString *out, const char *kind, const GPtrArray *files, fs_diag *d)
{
    for (guint i = 0; i < files->len; i++) {
        const char *p = files->pdata[i];
        g_autofree char *h = hash_file(p);
        if (!h) {
            g_autofree char *shown = fs_diag_escape_path(p);
            fs_diag_add(d, FS_ERR_SYSTEM, shown, 0, 0, "cannot read it back for the stamp: %s",
                        g_strerror(errno));
            return false;
        }
        g_autofree char *esc = g_strescape(p, NULL);
        g_string_append_printf(out, "%s %s %s\n", kind, h, esc);
    }
    return true;
}

bool fs_stamp_write(const fs_stamp *s, const char *path, fs_diag *d)
{
    g_autoptr(GString) out = g_string_new(STAMP_MAGIC "\n");
    g_autofree char *of = g_strescape(s->of, NULL);
    g_string_append_printf(out, "for %s\nshared %s\n", of, s->shared);
    if (!put_entries(out, "in", s->inputs, d) || !put_entries(out, "out", s->outputs, d))
        return false;
    g_autoptr(GError) err = NULL;
    if (!g_file_set_contents(path, out->str, (gssize)out->len, &err)) {
        g_autofree char *shown = fs_diag_escape_path(path);
        fs_diag_add(d, FS_ERR_SYSTEM, shown, 0, 0, "cannot write the stamp: %s", err->message);
        return false;
    }
    return true;
}
