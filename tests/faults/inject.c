/* inject: an LD_PRELOAD shim that makes chosen file calls fail (after jq's
 * tests/inject_errors.c, written anew for factsheet's calls).
 *
 *   FS_FAIL="CALL:PATTERN[:ERRNO[:NTH]][;CALL:PATTERN…]"
 *   FS_FAIL_LOG=FILE      append one line per injected failure (so a test
 *                         can tell a fault that fired from one that missed)
 *   FS_SLOW="CALL:PATTERN:MS"  sleep MS milliseconds before each matching
 *                         call and then do it (widens a window, e.g. the
 *                         commit, for the SIGKILL loop)
 *   FS_SWAP="PATTERN:LINK:TARGET"  the first time realpath() resolves a path
 *                         holding PATTERN, once it has returned, LINK is
 *                         made a symbolic link to TARGET (atomically, by a
 *                         rename over it), and "swap LINK …" logged:
 *                         a path swapped between its check and its use,
 *                         without having to win a race
 *
 * CALL is one of
 *   open    open, openat (and their 64 names): the path as passed
 *   read    read(fd), pread(fd)
 *   write   write(fd), fwrite(fp), fflush(fp)
 *   fsync   fsync, fdatasync
 *   fclose  fclose(fp), close(fd): the file is closed all the same (as the
 *           kernel does when close reports a delayed write error)
 *   rename  rename, renameat, renameat2: either path
 *   link    link, linkat: either path
 *   unlink  unlink, unlinkat
 * PATTERN is a substring of the path (for an fd or a FILE, the path that
 * /proc/self/fd shows), or its end when PATTERN ends in '$' (so "DIR$"
 * picks the folder DIR, not the files in it); an empty PATTERN matches
 * every path. ERRNO is a name
 * (ENOSPC, EIO, EACCES, ENOENT, EROFS, EDQUOT, EPERM, EMFILE, EXDEV, EINTR,
 * EMLINK) or a number;
 * default EIO. NTH fails only the NTH matching call (1-based); without it
 * every matching call fails.
 *
 * Why fwrite/fflush/fclose and not only write: glibc's stdio calls its
 * internal __write, which LD_PRELOAD cannot replace. factsheet's files are
 * written through stdio (cairo and libpng write through factsheet's stream
 * callbacks, which call fwrite); `strace -e trace=%file,write,fsync,close`
 * shows the write(2) calls under them on the temp file's descriptor. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { C_OPEN, C_READ, C_WRITE, C_FSYNC, C_FCLOSE, C_RENAME, C_LINK, C_UNLINK, C_N };
static const char *const call_names[C_N] = {"open",   "read",   "write", "fsync",
                                            "fclose", "rename", "link",  "unlink"};

#define MAX_RULES 8
typedef struct rule {
    int call, err, slow_ms;
    long nth, seen;
    char pattern[256];
} rule;

static rule rules[MAX_RULES];
static int nrules = -1;
static __thread int in_shim; /* no faults inside our own bookkeeping */

static int errno_by_name(const char *s)
{
    static const struct {
        const char *name;
        int value;
    } names[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO},       {"EACCES", EACCES}, {"ENOENT", ENOENT},
                 {"EROFS", EROFS},   {"EDQUOT", EDQUOT}, {"EPERM", EPERM},   {"EMFILE", EMFILE},
                 {"EXDEV", EXDEV},   {"EINTR", EINTR},   {"EMLINK", EMLINK}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0)
            return names[i].value;
    int n = atoi(s);
    return n > 0 ? n : EIO;
}

/* Parses "CALL:PATTERN[:A[:B]]" rules separated by ';' from one variable. */
static void parse(const char *var, int slow)
{
    const char *env = getenv(var);
    if (!env)
        return;
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", env);
    char *save = NULL;
    for (char *r = strtok_r(buf, ";", &save); r && nrules < MAX_RULES;
         r = strtok_r(NULL, ";", &save)) {
        char *f[4] = {r, NULL, NULL, NULL};
        for (int i = 1; i < 4; i++) {
            char *c = f[i - 1] ? strchr(f[i - 1], ':') : NULL;
            if (c) {
                *c = '\0';
                f[i] = c + 1;
            }
        }
        rule *ru = &rules[nrules];
        memset(ru, 0, sizeof *ru);
        ru->call = -1;
        for (int c = 0; c < C_N; c++)
            if (strcmp(f[0], call_names[c]) == 0)
                ru->call = c;
        if (ru->call < 0) {
            fprintf(stderr, "inject: unknown call \"%s\" in %s\n", f[0], var);
            abort();
        }
        snprintf(ru->pattern, sizeof ru->pattern, "%s", f[1] ? f[1] : "");
        if (slow) {
            ru->slow_ms = f[2] ? atoi(f[2]) : 10;
        } else {
            ru->err = f[2] && *f[2] ? errno_by_name(f[2]) : EIO;
            ru->nth = f[3] ? atol(f[3]) : 0;
        }
        nrules++;
    }
}

static void init(void)
{
    if (nrules >= 0)
        return;
    nrules = 0;
    parse("FS_FAIL", 0);
    parse("FS_SLOW", 1);
}

/* The next definition of name (libc's, or a sanitizer's). Through memcpy
 * because ISO C has no cast from void * to a function pointer. */
#define REAL(name)                                                                                 \
    static __typeof__(&name) real_##name;                                                          \
    if (!real_##name) {                                                                            \
        void *p_ = dlsym(RTLD_NEXT, #name);                                                        \
        memcpy(&real_##name, &p_, sizeof p_);                                                      \
    }

static void log_fault(const char *call, const char *path, int err)
{
    const char *log = getenv("FS_FAIL_LOG");
    if (!log)
        return;
    REAL(open);
    REAL(write);
    REAL(close);
    int fd = real_open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char line[1200];
    int n = snprintf(line, sizeof line, "%s %s %s\n", call, path, strerror(err));
    if (n > 0)
        (void)real_write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    real_close(fd);
}

/* Whether path holds pattern; a pattern ending in '$' must end the path. */
static int matches(const char *path, const char *pattern)
{
    if (!path)
        return 0;
    size_t n = strlen(pattern), len = strlen(path);
    if (n > 0 && pattern[n - 1] == '$')
        return len >= n - 1 && memcmp(path + len - (n - 1), pattern, n - 1) == 0;
    return strstr(path, pattern) != NULL;
}

/* Decides for one call on up to two paths. Returns 0 to go on, or the errno
 * to fail with (after logging it). Sleeps first for a matching FS_SLOW. */
static int decide(int call, const char *p1, const char *p2)
{
    init();
    if (in_shim || nrules == 0)
        return 0;
    int fail = 0;
    for (int i = 0; i < nrules; i++) {
        rule *r = &rules[i];
        if (r->call != call)
            continue;
        if (!matches(p1, r->pattern) && !matches(p2, r->pattern))
            continue;
        if (r->slow_ms) {
            struct timespec ts = {r->slow_ms / 1000, (long)(r->slow_ms % 1000) * 1000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        long n = __atomic_add_fetch(&r->seen, 1, __ATOMIC_SEQ_CST);
        if (!fail && (r->nth == 0 || n == r->nth)) {
            fail = r->err;
            in_shim = 1;
            log_fault(call_names[call], p1 ? p1 : "?", fail);
            in_shim = 0;
        }
    }
    return fail;
}

/* The path behind a descriptor, or "" (memory streams have none). */
static const char *fd_path(int fd, char *buf, size_t size)
{
    buf[0] = '\0';
    if (fd < 0)
        return buf;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, size - 1);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static int decide_fd(int call, int fd)
{
    init();
    if (in_shim || nrules == 0)
        return 0;
    char p[1024];
    fd_path(fd, p, sizeof p);
    return p[0] ? decide(call, p, NULL) : 0;
}

/* ---- open ------------------------------------------------------------------ */

static mode_t open_mode(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    REAL(open);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    int e = decide(C_OPEN, path, NULL);
    if (e) {
        errno = e;
        return -1;
    }
    return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    REAL(open64);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    int e = decide(C_OPEN, path, NULL);
    if (e) {
        errno = e;
        return -1;
    }
    return real_open64(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    REAL(openat);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    int e = decide(C_OPEN, path, NULL);
    if (e) {
        errno = e;
        return -1;
    }
    return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    REAL(openat64);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    int e = decide(C_OPEN, path, NULL);
    if (e) {
        errno = e;
        return -1;
    }
    return real_openat64(dirfd, path, flags, mode);
}

/* ---- realpath: FS_SWAP ------------------------------------------------------ */

static int swapped;

/* Makes link a symbolic link to target, replacing what is there. */
static void swap_link(const char *link, const char *target)
{
    REAL(rename);
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.inject-swap", link);
    (void)unlink(tmp);
    if (symlink(target, tmp) != 0 || real_rename(tmp, link) != 0) {
        fprintf(stderr, "inject: cannot swap %s to %s\n", link, target);
        abort();
    }
}

char *realpath(const char *path, char *resolved)
{
    REAL(realpath);
    char *r = real_realpath(path, resolved);
    const char *env = getenv("FS_SWAP");
    if (!env || swapped || in_shim)
        return r;
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", env);
    char *link = strchr(buf, ':');
    char *target = link ? strchr(link + 1, ':') : NULL;
    if (!target) {
        fprintf(stderr, "inject: FS_SWAP is not PATTERN:LINK:TARGET\n");
        abort();
    }
    *link++ = '\0';
    *target++ = '\0';
    if (!matches(path, buf))
        return r;
    swapped = 1;
    in_shim = 1;
    swap_link(link, target);
    log_fault("swap", link, 0);
    in_shim = 0;
    return r;
}

/* ---- read, write, fsync, close ----------------------------------------------- */

ssize_t read(int fd, void *buf, size_t n)
{
    REAL(read);
    int e = decide_fd(C_READ, fd);
    if (e) {
        errno = e;
        return -1;
    }
    return real_read(fd, buf, n);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    REAL(pread);
    int e = decide_fd(C_READ, fd);
    if (e) {
        errno = e;
        return -1;
    }
    return real_pread(fd, buf, n, off);
}

ssize_t pread64(int fd, void *buf, size_t n, off64_t off)
{
    REAL(pread64);
    int e = decide_fd(C_READ, fd);
    if (e) {
        errno = e;
        return -1;
    }
    return real_pread64(fd, buf, n, off);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    int e = decide_fd(C_WRITE, fd);
    if (e) {
        errno = e;
        return -1;
    }
    return real_write(fd, buf, n);
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *fp)
{
    REAL(fwrite);
    int e = decide_fd(C_WRITE, fileno(fp));
    if (e) {
        errno = e;
        return 0;
    }
    return real_fwrite(buf, size, n, fp);
}

int fflush(FILE *fp)
{
    REAL(fflush);
    int e = fp ? decide_fd(C_WRITE, fileno(fp)) : 0;
    if (e) {
        errno = e;
        return EOF;
    }
    return real_fflush(fp);
}

int fsync(int fd)
{
    REAL(fsync);
    int e = decide_fd(C_FSYNC, fd);
    if (e) {
        errno = e;
        return -1;
    }
    return real_fsync(fd);
}

int fdatasync(int fd)
{
    REAL(fdatasync);
    int e = decide_fd(C_FSYNC, fd);
    if (e) {
        errno = e;
        return -1;
    }
    return real_fdatasync(fd);
}

int fclose(FILE *fp)
{
    REAL(fclose);
    int e = decide_fd(C_FCLOSE, fileno(fp));
    int rc = real_fclose(fp);
    if (e) {
        errno = e;
        return EOF;
    }
    return rc;
}

int close(int fd)
{
    REAL(close);
    int e = decide_fd(C_FCLOSE, fd);
    int rc = real_close(fd);
    if (e) {
        errno = e;
        return -1;
    }
    return rc;
}

/* ---- names --------------------------------------------------------------------- */

int rename(const char *from, const char *to)
{
    REAL(rename);
    int e = decide(C_RENAME, from, to);
    if (e) {
        errno = e;
        return -1;
    }
    return real_rename(from, to);
}

int renameat(int fd1, const char *from, int fd2, const char *to)
{
    REAL(renameat);
    int e = decide(C_RENAME, from, to);
    if (e) {
        errno = e;
        return -1;
    }
    return real_renameat(fd1, from, fd2, to);
}

int renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
    REAL(renameat2);
    int e = decide(C_RENAME, from, to);
    if (e) {
        errno = e;
        return -1;
    }
    return real_renameat2(fd1, from, fd2, to, flags);
}

int link(const char *from, const char *to)
{
    REAL(link);
    int e = decide(C_LINK, from, to);
    if (e) {
        errno = e;
        return -1;
    }
    return real_link(from, to);
}

int linkat(int fd1, const char *from, int fd2, const char *to, int flags)
{
    REAL(linkat);
    int e = decide(C_LINK, from, to);
    if (e) {
        errno = e;
        return -1;
    }
    return real_linkat(fd1, from, fd2, to, flags);
}

int unlink(const char *path)
{
    REAL(unlink);
    int e = decide(C_UNLINK, path, NULL);
    if (e) {
        errno = e;
        return -1;
    }
    return real_unlink(path);
}

int unlinkat(int dirfd, const char *path, int flags)
{
    REAL(unlinkat);
    int e = decide(C_UNLINK, path, NULL);
    if (e) {
        errno = e;
        return -1;
    }
    return real_unlinkat(dirfd, path, flags);
}
