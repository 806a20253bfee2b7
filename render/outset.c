/* outset: files written atomically, alone or as a set. See output.h.
 *
 * Each file is drawn into a temporary file created beside its target
 * (".NAME.XXXXXX") by one writer of output_priv.h, every status is checked
 * (cairo's sticky status, each write, fsync, fclose), and only
 * fs_outset_commit() renames the staged files into place, all or none (it
 * keeps hard-link backups to undo with; what stays non-atomic across files
 * is listed above it). A later run removes the temp files a killed run left
 * (stage_dir). An existing target that is a character device or a FIFO, or
 * a symbolic link to one, is written straight into instead (write_direct).
 * Any other symbolic link at a target is replaced by the new file, never
 * written through: the last component of a path is never followed (its
 * folders may be links). */
#include "output_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file of a set. */
typedef struct staged {
    char *shown;  /* the path as the caller gave it: for messages */
    char *path;   /* the name renamed over: a symbolic link there is replaced */
    char *tmp;    /* ".NAME.XXXXXX" beside path until committed; NULL after */
    char *bak;    /* ".NAME.bak.XXXXXX": the previous file, during the commit */
    bool had_old; /* path existed when the commit began */
    bool done;    /* renamed into place by the commit */
} staged;

/* One folder the set writes into, held with a shared lock (see stage_dir). */
typedef struct outdir {
    char *path;
    int fd;           /* O_RDONLY on the folder, -1 if it could not be opened */
    GPtrArray *stale; /* names of stale temp files found there, not yet removed */
} outdir;

struct fs_outset {
    GArray *files; /* staged */
    GArray *dirs;  /* outdir */
};

/* ---- staging ------------------------------------------------------------------ */

fs_outset *fs_outset_new(void)
{
    fs_outset *set = g_new0(fs_outset, 1);
    set->files = g_array_new(FALSE, TRUE, sizeof(staged));
    set->dirs = g_array_new(FALSE, TRUE, sizeof(outdir *));
    return set;
}

void fs_outset_free(fs_outset *set)
{
    if (!set)
        return;
    for (guint i = 0; i < set->files->len; i++) {
        staged *s = &g_array_index(set->files, staged, i);
        if (s->tmp)
            unlink(s->tmp);
        if (s->bak)
            unlink(s->bak);
        g_free(s->tmp);
        g_free(s->bak);
        g_free(s->path);
        g_free(s->shown);
    }
    g_array_free(set->files, TRUE);
    /* the lock goes last, after our temp files */
    for (guint i = 0; i < set->dirs->len; i++) {
        outdir *od = g_array_index(set->dirs, outdir *, i);
        if (od->fd >= 0)
            close(od->fd);
        g_ptr_array_free(od->stale, TRUE);
        g_free(od->path);
        g_free(od);
    }
    g_array_free(set->dirs, TRUE);
    g_free(set);
}

/* Temp files are ".NAME.XXXXXX" and backups ".NAME.bak.XXXXXX" beside the
 * target NAME, where XXXXXX is six letters or digits (g_mkstemp's
 * alphabet, and ours in keep_backup()). */
#define SUFFIX_LEN 6

static bool is_suffix(const char *s)
{
    for (int i = 0; i < SUFFIX_LEN; i++)
        if (!g_ascii_isalnum(s[i]))
            return false;
    return s[SUFFIX_LEN] == '\0';
}

/* Whether name has the shape of one of our temp or backup files. */
static bool looks_ours(const char *name)
{
    size_t len = strlen(name);
    return name[0] == '.' && len >= 3 + SUFFIX_LEN && name[len - SUFFIX_LEN - 1] == '.' &&
           is_suffix(name + len - SUFFIX_LEN);
}

/* Whether name is a temp or backup file of the target called base. */
static bool is_ours_for(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, n) != 0)
        return false;
    const char *rest = name + 1 + n;
    return (rest[0] == '.' && is_suffix(rest + 1)) ||
           (g_str_has_prefix(rest, ".bak.") && is_suffix(rest + 5));
}

/* The folder entry for dir, opened and locked on first use. Borrowed.
 *
 * Stale files: a run killed (SIGKILL, power loss) before its commit ended
 * leaves its temp files behind, and during its commit its backups. A later
 * run removes those of its own naming for each target it writes. It must
 * not remove the temp files of another run still writing into the same
 * folder, so every run holds a shared flock(2) on each folder it writes
 * into, until fs_outset_free(). A run that can take that lock exclusively
 * knows that no other run is writing there: it lists the names that look
 * like ours, then keeps a shared lock like the others. A listed file is
 * removed when the run stages the target it belongs to, so a file that only
 * looks like ours is never touched unless factsheet is about to replace its
 * target anyway. Where flock does not work (some network file systems),
 * nothing is cleaned. */
static outdir *stage_dir(fs_outset *set, const char *dir)
{
    for (guint i = 0; i < set->dirs->len; i++) {
        outdir *od = g_array_index(set->dirs, outdir *, i);
        if (strcmp(od->path, dir) == 0)
            return od;
    }
    outdir *od = g_new0(outdir, 1);
    od->path = g_strdup(dir);
    od->stale = g_ptr_array_new_with_free_func(g_free);
    od->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (od->fd >= 0 && flock(od->fd, LOCK_EX | LOCK_NB) == 0) {
        GDir *gd = g_dir_open(dir, 0, NULL);
        const char *name;
        while (gd && (name = g_dir_read_name(gd)))
            if (looks_ours(name))
                g_ptr_array_add(od->stale, g_strdup(name));
        if (gd)
            g_dir_close(gd);
    }
    /* waits only while another run lists the folder */
    if (od->fd >= 0)
        (void)flock(od->fd, LOCK_SH);
    g_array_append_val(set->dirs, od);
    return od;
}

/* Removes the stale temp and backup files listed for the target base. */
static void remove_stale(outdir *od, const char *base)
{
    for (guint i = od->stale->len; i-- > 0;) {
        const char *name = g_ptr_array_index(od->stale, i);
        if (!is_ours_for(name, base))
            continue;
        (void)unlinkat(od->fd, name, 0);
        g_ptr_array_remove_index_fast(od->stale, i);
    }
}

static mode_t file_mode(void)
{
    mode_t m = umask(0);
    umask(m);
    return 0666 & ~m;
}

/* Draws doc as fmt into fd, which it closes; checks every write, the
 * fsync and the close. shown names the file in messages. Returns false
 * after a diagnostic. */
static bool write_doc(int fd, const fs_doc *doc, fs_format fmt, const char *shown,
                      const fs_output_opts *o, fs_diag *d)
{
    size_t before = fs_diag_count(d);
    fs_sink out = {.fp = fdopen(fd, "wb")};
    if (!out.fp) {
        int e = errno;
        close(fd);
        fs_diag_add(d, FS_ERR_SYSTEM, shown, 0, 0, "cannot open: %s", g_strerror(e));
        return false;
    }
    bool ok;
    gint64 t0 = g_get_monotonic_time();
    switch (fmt) {
    case FS_FMT_PDF:
        ok = fs_output_pdf(doc, &out, shown, d);
        fs_output_clock.paint += g_get_monotonic_time() - t0; /* cairo encodes as it draws */
        break;
    case FS_FMT_SVG:
        ok = fs_output_svg_with(doc, &out, shown, o && o->svg_text, d);
        fs_output_clock.paint += g_get_monotonic_time() - t0;
        break;
    default:
        ok = fs_output_png(doc, &out, shown, o && o->scale > 0 ? o->scale : 1.0, d);
        break;
    }
    gint64 t1 = g_get_monotonic_time();
    if (fflush(out.fp) != 0 && !out.err)
        out.err = errno;
    /* EINVAL: a device or a FIFO, which has nothing to sync */
    if (ok && !out.err && fsync(fileno(out.fp)) != 0 && errno != EINVAL)
        out.err = errno;
    if (fclose(out.fp) != 0 && !out.err)
        out.err = errno;
    fs_output_clock.write += g_get_monotonic_time() - t1;
    if (out.err) {
        if (fs_diag_count(d) == before)
            fs_diag_add(d, FS_ERR_SYSTEM, shown, 0, 0, "cannot write: %s", g_strerror(out.err));
        return false;
    }
    return ok;
}

/* A character device or a FIFO (a link to /dev/stdout, /dev/null, /dev/full)
 * cannot be replaced by renaming, and must not be: renaming over /dev/null
 * would remove the device. So it is written straight away, as a shell's `>`
 * would write it, and is outside the set's all-or-nothing. Opened without
 * blocking, so that a FIFO nobody reads is an error, not a hang, and
 * without O_CREAT or O_TRUNC, so that a path swapped for a regular file
 * since it was looked at is refused (by fstat) before a byte is written. */
static bool write_direct(const fs_doc *doc, fs_format fmt, const char *path,
                         const fs_output_opts *o, fs_diag *d)
{
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot open: %s",
                    e == ENXIO ? "no process reads this FIFO" : g_strerror(e));
        return false;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !(S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))) {
        close(fd);
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0,
                    "cannot open: it changed while being opened (no longer a device or a FIFO)");
        return false;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return write_doc(fd, doc, fmt, path, o, d);
}

/* Whether the folder holding path is, once resolved, /dev or /proc or
 * below them: where the system keeps its own links (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N), which no user of a shared output folder can plant. */
static bool in_system_dir(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *real = realpath(dir, NULL);
    if (!real)
        return false;
    static const char *const roots[] = {"/dev", "/proc"};
    for (size_t i = 0; i < G_N_ELEMENTS(roots); i++) {
        size_t n = strlen(roots[i]);
        if (strncmp(real, roots[i], n) == 0 && (real[n] == '\0' || real[n] == '/'))
            return true;
    }
    return false;
}

bool fs_outset_add(fs_outset *set, const fs_doc *doc, fs_format fmt, const char *path,
                   const fs_output_opts *o, fs_diag *d)
{
    if (doc->pages->len == 0) {
        fs_diag_add(d, FS_ERR_INPUT, path, 0, 0, "nothing to draw");
        return false;
    }
    /* What the path names now decides how it is written. Its last component
     * is never followed: a symbolic link there (to a file, a folder, or
     * nothing) is replaced by the new file like any other file, never
     * written through, so a link planted in a shared output folder cannot
     * turn a render into a write elsewhere, not even into a device. The one
     * exception is a link the system itself keeps in /dev or /proc
     * (/dev/stdout, /dev/fd/1) to a character device or a FIFO: the user
     * named it, and it is written into as a shell's `>` would. The temp file
     * goes beside the name itself, in the folder the path names (which may
     * be reached through links). */
    struct stat sb, to;
    if (lstat(path, &sb) == 0) {
        if (S_ISLNK(sb.st_mode) && in_system_dir(path) && stat(path, &to) == 0 &&
            (S_ISCHR(to.st_mode) || S_ISFIFO(to.st_mode)))
            return write_direct(doc, fmt, path, o, d);
        if (S_ISDIR(sb.st_mode)) {
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot replace: %s", g_strerror(EISDIR));
            return false;
        }
        if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
            return write_direct(doc, fmt, path, o, d);
        if (!S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) {
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot replace: not a regular file");
            return false;
        }
    }
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    remove_stale(stage_dir(set, dir), base);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    /* O_EXCL (g_mkstemp adds it) and O_NOFOLLOW: a fresh file, never a
     * name someone placed there */
    int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        int e = errno;
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot create: %s", g_strerror(e));
        return false;
    }
    staged st = {.shown = g_strdup(path), .path = g_strdup(path), .tmp = g_strdup(tmpl)};
    g_array_append_val(set->files, st);
    /* the usual mode of a new file, whatever was at the path before */
    if (fchmod(fd, file_mode()) != 0) {
        /* not fatal: the file keeps mode 0600 */
    }
    return write_doc(fd, doc, fmt, path, o, d);
}

/* ---- the commit ------------------------------------------------------------------ */

/* Keeps the file now at s->path as a hard link ".NAME.bak.XXXXXX" beside
 * it, in s->bak. Returns 0 or an errno. */
static int keep_backup(staged *s)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    g_autofree char *dir = g_path_get_dirname(s->path);
    g_autofree char *base = g_path_get_basename(s->path);
    for (int tries = 0; tries < 100; tries++) {
        char sfx[SUFFIX_LEN + 1];
        for (int i = 0; i < SUFFIX_LEN; i++)
            sfx[i] = abc[g_random_int_range(0, (gint32)sizeof abc - 1)];
        sfx[SUFFIX_LEN] = '\0';
        char *bak = g_strdup_printf("%s/.%s.bak.%s", dir, base, sfx);
        /* flags 0: a symbolic link at the target is kept as the link */
        if (linkat(AT_FDCWD, s->path, AT_FDCWD, bak, 0) == 0) {
            s->bak = bak;
            return 0;
        }
        int e = errno;
        g_free(bak);
        if (e != EEXIST)
            return e;
    }
    return EEXIST;
}

/* Undoes the first k files' renames, last first: puts each backup back, or
 * removes the new file where there was none before. */
static void roll_back(fs_outset *set, guint k, fs_diag *d)
{
    for (guint j = k; j-- > 0;) {
        staged *s = &g_array_index(set->files, staged, j);
        if (!s->done)
            continue;
        s->done = false;
        if (s->bak) {
            if (rename(s->bak, s->path) != 0) {
                int e = errno;
                fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0,
                            "cannot put the previous file back: %s; it is kept as %s",
                            g_strerror(e), s->bak);
            }
            g_clear_pointer(&s->bak, g_free);
        } else if (!s->had_old) {
            (void)unlink(s->path);
        } else {
            fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0,
                        "replaced: this file system has no hard links to keep the previous "
                        "file");
        }
    }
}

/* All or nothing, in three steps:
 *  1. for each file: keep the existing target as a hard link
 *     ".NAME.bak.XXXXXX", then rename the temp file over the target. Each
 *     rename is atomic: a reader sees the whole old file or the whole new.
 *  2. fsync each folder, so that the renames survive a crash.
 *  3. remove the backups.
 * A failure in 1 or 2 renames every backup back (and removes the new files
 * that had no old one), so no file of the set is replaced.
 *
 * Not atomic across files: while step 1 runs, another process can see some
 * files new and others old, and a SIGKILL or power loss in step 1 leaves
 * that mix (each file whole, old or new) plus the backups, which a later
 * run removes (see stage_dir). A file system without hard links (FAT, or
 * protected_hardlinks on a file owned by someone else) gets no backup: that
 * file cannot be put back and a failure says so. A rename back that fails
 * leaves the backup in place and names it. */
/* Folders whose fsync fs_outset_commit() left to fs_output_sync_deferred():
 * NULL when not deferring. */
static GPtrArray *deferred_dirs;

void fs_output_defer_dir_sync(void)
{
    if (!deferred_dirs)
        deferred_dirs = g_ptr_array_new_with_free_func(g_free);
}

bool fs_output_sync_deferred(fs_diag *d)
{
    bool ok = true;
    for (guint i = 0; deferred_dirs && i < deferred_dirs->len; i++) {
        const char *dir = g_ptr_array_index(deferred_dirs, i);
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL)) {
            int e = errno;
            fs_diag_add(d, FS_ERR_SYSTEM, dir, 0, 0, "cannot sync the folder: %s", g_strerror(e));
            ok = false;
        }
        if (fd >= 0)
            close(fd);
    }
    g_clear_pointer(&deferred_dirs, g_ptr_array_unref);
    return ok;
}

bool fs_outset_commit(fs_outset *set, fs_diag *d)
{
    guint n = set->files->len;
    for (guint i = 0; i < n; i++) {
        staged *s = &g_array_index(set->files, staged, i);
        struct stat sb;
        s->had_old = lstat(s->path, &sb) == 0;
        if (s->had_old) {
            int e = keep_backup(s);
            if (e != 0 && e != EPERM && e != EOPNOTSUPP) {
                fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0, "cannot keep the previous file: %s",
                            g_strerror(e));
                roll_back(set, i, d);
                return false;
            }
        }
        if (rename(s->tmp, s->path) != 0) {
            int e = errno;
            fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0, "cannot replace: %s", g_strerror(e));
            if (s->bak)
                (void)unlink(s->bak);
            g_clear_pointer(&s->bak, g_free);
            roll_back(set, i, d);
            return false;
        }
        g_clear_pointer(&s->tmp, g_free);
        s->done = true;
    }
    for (guint i = 0; i < set->dirs->len; i++) {
        outdir *od = g_array_index(set->dirs, outdir *, i);
        if (deferred_dirs) {
            if (!g_ptr_array_find_with_equal_func(deferred_dirs, od->path, g_str_equal, NULL))
                g_ptr_array_add(deferred_dirs, g_strdup(od->path));
            continue;
        }
        /* EINVAL: a file system that cannot sync a folder */
        if (od->fd >= 0 && fsync(od->fd) != 0 && errno != EINVAL) {
            int e = errno;
            fs_diag_add(d, FS_ERR_SYSTEM, od->path, 0, 0, "cannot sync the folder: %s",
                        g_strerror(e));
            roll_back(set, n, d);
            return false;
        }
    }
    for (guint i = 0; i < n; i++) {
        staged *s = &g_array_index(set->files, staged, i);
        if (s->bak)
            (void)unlink(s->bak);
        g_clear_pointer(&s->bak, g_free);
        s->done = false;
    }
    return true;
}

size_t fs_outset_count(const fs_outset *set)
{
    return set->files->len;
}

const char *fs_outset_path(const fs_outset *set, size_t i)
{
    return g_array_index(set->files, staged, i).shown;
}
