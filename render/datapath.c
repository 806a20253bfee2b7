/* datapath: confined input files. See datapath.h. */
#include "datapath.h"

#include "safeopen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fs_datapath {
    const char *dir;       /* the key file's folder ("." when none) */
    const char *data_root; /* --data-root or NULL */
    char *root_real;       /* owned: realpath of the confining folder, lazily */
    int root_fd;           /* owned: that folder opened (-1 until it is) */
    GArray *inputs;        /* int, owned: the descriptors kept */
    GPtrArray *opened;     /* char *, owned: the real path of every file opened */
};

fs_datapath *fs_datapath_new(const char *dir, const char *data_root)
{
    fs_datapath *dp = g_new0(fs_datapath, 1);
    dp->dir = dir;
    dp->data_root = data_root;
    dp->root_fd = -1;
    dp->inputs = g_array_new(FALSE, FALSE, sizeof(int));
    dp->opened = g_ptr_array_new_with_free_func(g_free);
    return dp;
}

void fs_datapath_free(fs_datapath *dp)
{
    if (!dp)
        return;
    free(dp->root_real);
    if (dp->root_fd >= 0)
        close(dp->root_fd);
    for (guint i = 0; dp->inputs && i < dp->inputs->len; i++)
        close(g_array_index(dp->inputs, int, i));
    if (dp->inputs)
        g_array_free(dp->inputs, TRUE);
    g_ptr_array_free(dp->opened, TRUE);
    g_free(dp);
}

/* Whether a relative path has a ".." component. */
static bool has_dotdot(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, G_DIR_SEPARATOR_S, -1);
    for (char **p = parts; *p; p++)
        if (strcmp(*p, "..") == 0)
            return true;
    return false;
}

/* Whether real (a canonical path) is root or inside it. */
static bool path_inside(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* The confining folder resolved and opened (dp->root_real, dp->root_fd), once.
 * False after a diagnostic at k. */
static bool open_root(fs_datapath *dp, fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k)
{
    if (dp->root_real)
        return true;
    const char *root = dp->data_root ? dp->data_root : dp->dir;
    dp->root_real = realpath(root, NULL);
    if (dp->root_real)
        dp->root_fd = fs_open_folder(dp->root_real);
    if (dp->root_real && dp->root_fd >= 0)
        return true;
    int e = errno;
    g_autofree char *qd = fs_diag_quote(root, -1, 80);
    fs_keyfile_fail(kf, e == ENOENT || e == ENOTDIR ? FS_ERR_INPUT : FS_ERR_SYSTEM, k->line, g,
                    k->key, "cannot resolve the folder %s: %s", qd, g_strerror(e));
    g_clear_pointer(&dp->root_real, free);
    return false;
}

/* Opens real (a canonical path inside the confining folder) from the
 * folder's descriptor, following no link: a regular file. Returns the
 * descriptor or -1 after a diagnostic at k naming q (the value, quoted). */
static int open_inside(fs_datapath *dp, fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k,
                       const char *real, const char *q)
{
    /* real is root_real, "/", then the part beneath the folder */
    const char *rel = real + strlen(dp->root_real);
    int fd = fs_open_beneath(dp->root_fd, rel[0] == '/' ? rel + 1 : rel);
    int e = errno;
    if (fd < 0) {
        if (e == ELOOP || e == ENOTDIR)
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key,
                            "%s changed while it was being opened (a symbolic link appeared on "
                            "its way); not read",
                            q);
        else if (e == ENOENT)
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "%s: No such file", q);
        else
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q,
                            g_strerror(e));
        return -1;
    }
    struct stat st;
    bool ok = fstat(fd, &st) == 0;
    e = errno;
    if (ok && S_ISREG(st.st_mode))
        return fd;
    close(fd);
    if (!ok)
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q,
                        g_strerror(e));
    else if (S_ISDIR(st.st_mode))
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "%s is a directory, not a CSV file",
                        q);
    else
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "%s is not a regular file", q);
    return -1;
}

/* Resolves and confines a data path (see datapath.h), race-free: the path is
 * resolved once (realpath: symbolic links followed, the result checked to
 * be inside the confining folder), and the file it resolved to is opened
 * from the folder's descriptor following no link (fs_open_beneath), so a
 * link swapped in after the check cannot lead the open elsewhere. The
 * caller reads from the descriptor returned and never opens the path by
 * name. Returns that descriptor (a regular file; the caller owns it), or -1
 * after a diagnostic. *out: a new path for messages, the spec's folder
 * joined with the value, as readable as the user wrote it. Every message
 * quotes v as the spec writes it, never the path joined to the spec's
 * folder: the spec's FILE:LINE says where. */
int fs_datapath_open(fs_datapath *dp, fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k,
                     const char *v, char **out)
{
    g_autofree char *q = fs_diag_quote(v, -1, 80);
    const char *where = dp->data_root ? "--data-root" : "the spec's folder";
    if (g_path_is_absolute(v) && !dp->data_root) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key,
                        "%s is an absolute path; data paths are relative to the spec's folder "
                        "(pass --data-root DIR to allow files under DIR)",
                        q);
        return -1;
    }
    if (!g_path_is_absolute(v) && !dp->data_root && has_dotdot(v)) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key,
                        "%s leaves the spec's folder (pass --data-root DIR to allow files under "
                        "DIR)",
                        q);
        return -1;
    }
    g_autofree char *path = g_path_is_absolute(v) || strcmp(dp->dir, ".") == 0
                                ? g_strdup(v)
                                : g_build_filename(dp->dir, v, NULL);
    if (!open_root(dp, kf, g, k))
        return -1;
    char *real = realpath(path, NULL);
    if (!real) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "%s: No such file", q);
        else
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q,
                            g_strerror(e));
        return -1;
    }
    if (!path_inside(real, dp->root_real)) {
        free(real);
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key,
                        "%s resolves outside %s (through a symbolic link or ..)%s", q, where,
                        dp->data_root ? "" : "; pass --data-root DIR to allow files under DIR");
        return -1;
    }
    int fd = open_inside(dp, kf, g, k, real, q);
    if (fd >= 0)
        g_ptr_array_add(dp->opened, g_strdup(real));
    free(real);
    if (fd >= 0)
        *out = g_steal_pointer(&path);
    return fd;
}

int fs_datapath_keep(fs_datapath *dp, int fd)
{
    struct stat a, b;
    if (fstat(fd, &a) == 0)
        for (guint i = 0; i < dp->inputs->len; i++) {
            int kept = g_array_index(dp->inputs, int, i);
            if (fstat(kept, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
                close(fd);
                return kept;
            }
        }
    g_array_append_val(dp->inputs, fd);
    return fd;
}

GArray *fs_datapath_take(fs_datapath *dp)
{
    GArray *a = dp->inputs;
    dp->inputs = g_array_new(FALSE, FALSE, sizeof(int));
    return a;
}

GPtrArray *fs_datapath_take_opened(fs_datapath *dp)
{
    GPtrArray *a = dp->opened;
    dp->opened = g_ptr_array_new_with_free_func(g_free);
    return a;
}
