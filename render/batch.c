/* batch: long-lived worker processes over a shared input counter. See
 * batch.h. */
#include "batch.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* What a worker tells the parent, one record per event. A start record
 * names the input the worker is about to draw (so a crash can be blamed on
 * it); a done record carries the input's status and its printed
 * diagnostics. */
enum { REC_START = 1, REC_DONE = 2, REC_END = 3 /* the worker's own diagnostics */ };

typedef struct rec_head {
    uint32_t kind;
    uint32_t status;
    uint64_t index;
    uint64_t len; /* bytes of text after the header */
} rec_head;

/* The parent's view of the inputs. */
typedef struct results {
    const fs_batch *b;
    fs_status *status;
    char **text;     /* diagnostics of a finished input, "" when none */
    bool *finished;
    size_t printed;  /* inputs [0, printed) are printed */
    GString *tail;   /* the workers' own diagnostics, printed last */
    size_t ndone;
    fs_status worst;
    gint64 shown_at; /* when the progress line was last written */
} results;

static char *diag_text(const fs_diag *d)
{
    return fs_diag_render(d);
}

static void progress_clear(const results *r)
{
    if (r->b->progress)
        fputs("\r\033[K", stderr);
}

/* At most ten updates a second: a terminal is slower than a batch of small
 * charts. force: after the line was cleared. */
static void progress_show(results *r, bool force)
{
    if (!r->b->progress || r->ndone >= r->b->n)
        return;
    gint64 now = g_get_monotonic_time();
    if (!force && now - r->shown_at < 100000)
        return;
    r->shown_at = now;
    fprintf(stderr, "\r\033[Kfactsheet: %zu/%zu %s", r->ndone, r->b->n, r->b->what);
}

/* Input i is finished: prints every input whose turn has come. */
static void finish_input(results *r, size_t i, fs_status st, char *text)
{
    if (i >= r->b->n || r->finished[i]) {
        g_free(text);
        return;
    }
    r->finished[i] = true;
    r->status[i] = st;
    r->text[i] = text;
    r->ndone++;
    r->worst = MAX(r->worst, st);
    bool cleared = false;
    for (; r->printed < r->b->n && r->finished[r->printed]; r->printed++) {
        char *t = r->text[r->printed];
        if (*t && !cleared) {
            progress_clear(r);
            cleared = true;
        }
        fputs(t, stderr);
        g_free(t);
        r->text[r->printed] = NULL;
    }
    progress_show(r, cleared);
    fflush(stderr);
}

static void fail_input(results *r, size_t i, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void fail_input(results *r, size_t i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *name = fs_diag_escape_path(r->b->names[i]);
    finish_input(r, i, FS_ERR_SYSTEM, g_strdup_printf("factsheet: %s: %s\n", name, msg));
}

static bool write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w, len -= (size_t)w;
    }
    return true;
}

static bool send_rec(int fd, uint32_t kind, size_t i, fs_status st, const char *text)
{
    rec_head h = {.kind = kind, .status = (uint32_t)st, .index = i,
                  .len = text ? strlen(text) : 0};
    return write_all(fd, &h, sizeof h) && (h.len == 0 || write_all(fd, text, h.len));
}

/* The worker's loop: takes inputs from the shared counter until none is
 * left. Never returns. */
G_GNUC_NORETURN static void worker(const fs_batch *b, size_t *next, int fd)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    for (;;) {
        size_t i = __atomic_fetch_add(next, 1, __ATOMIC_RELAXED);
        if (i >= b->n)
            break;
        if (!send_rec(fd, REC_START, i, FS_OK, NULL))
            break;
        fs_diag_clear(d);
        b->run(i, b->user, d);
        g_autofree char *text = diag_text(d);
        if (!send_rec(fd, REC_DONE, i, fs_diag_status(d), text))
            break;
    }
    if (b->done) {
        fs_diag_clear(d);
        b->done(b->user, d);
        g_autofree char *text = diag_text(d);
        if (fs_diag_count(d) > 0)
            (void)send_rec(fd, REC_END, b->n, fs_diag_status(d), text);
    }
    fflush(stdout);
    _exit(0);
}

/* One worker as the parent sees it. */
typedef struct slot {
    pid_t pid;
    int fd;          /* read end; -1 when closed */
    GByteArray *buf; /* bytes read, not yet parsed */
    bool busy;
    size_t current;  /* the input of the last start record */
} slot;

/* Parses every whole record in s->buf. */
static void parse_records(results *r, slot *s)
{
    size_t off = 0;
    while (s->buf->len - off >= sizeof(rec_head)) {
        rec_head h;
        memcpy(&h, s->buf->data + off, sizeof h);
        if (s->buf->len - off - sizeof h < h.len)
            break;
        const char *text = (const char *)s->buf->data + off + sizeof h;
        if (h.kind == REC_START) {
            s->busy = true;
            s->current = (size_t)h.index;
        } else if (h.kind == REC_END) {
            /* each worker syncs the same folders: the same failure once */
            g_autofree char *t = g_strndup(text, (gsize)h.len);
            if (!strstr(r->tail->str, t))
                g_string_append(r->tail, t);
            r->worst = MAX(r->worst, (fs_status)h.status);
        } else if (h.kind == REC_DONE) {
            s->busy = false;
            finish_input(r, (size_t)h.index, (fs_status)h.status,
                         g_strndup(text, (gsize)h.len));
        }
        off += sizeof h + (size_t)h.len;
    }
    g_byte_array_remove_range(s->buf, 0, (guint)off);
}

/* The worker of s has closed its pipe: reaps it and blames a crash on the
 * input it was drawing. */
static void reap(results *r, slot *s)
{
    close(s->fd);
    s->fd = -1;
    int status = 0;
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (s->busy) {
        if (WIFSIGNALED(status))
            fail_input(r, s->current, "the process drawing it died (signal %d, %s)",
                       WTERMSIG(status), g_strsignal(WTERMSIG(status)));
        else
            fail_input(r, s->current, "the process drawing it stopped (exit status %d)",
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}

static void run_workers(const fs_batch *b, results *r, int jobs)
{
    size_t *next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                        -1, 0);
    if (next == MAP_FAILED) {
        for (size_t i = 0; i < b->n; i++)
            fail_input(r, i, "not drawn: cannot share memory with worker processes: %s",
                       g_strerror(errno));
        return;
    }
    *next = 0;
    slot *slots = g_new0(slot, (size_t)jobs);
    int nslots = 0;
    fflush(stdout);
    fflush(stderr);
    for (int w = 0; w < jobs; w++) {
        int p[2];
        if (pipe(p) < 0)
            break;
        pid_t pid = fork();
        if (pid == 0) {
            for (int k = 0; k < nslots; k++)
                close(slots[k].fd);
            close(p[0]);
            worker(b, next, p[1]);
        }
        close(p[1]);
        if (pid < 0) {
            close(p[0]);
            break;
        }
        slots[nslots++] = (slot){.pid = pid, .fd = p[0], .buf = g_byte_array_new()};
    }
    struct pollfd *pfd = g_new0(struct pollfd, (size_t)MAX(nslots, 1));
    for (int open = nslots; open > 0;) {
        int np = 0;
        for (int k = 0; k < nslots; k++)
            if (slots[k].fd >= 0)
                pfd[np++] = (struct pollfd){.fd = slots[k].fd, .events = POLLIN};
        if (poll(pfd, (nfds_t)np, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0, j = 0; k < nslots; k++) {
            slot *s = &slots[k];
            if (s->fd < 0)
                continue;
            short re = pfd[j++].revents;
            if (!re)
                continue;
            unsigned char chunk[16384];
            ssize_t got = read(s->fd, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR)
                continue;
            if (got > 0) {
                g_byte_array_append(s->buf, chunk, (guint)got);
                parse_records(r, s);
            } else {
                reap(r, s);
                open--;
            }
        }
    }
    for (int k = 0; k < nslots; k++) {
        if (slots[k].fd >= 0)
            reap(r, &slots[k]);
        g_byte_array_unref(slots[k].buf);
    }
    g_free(pfd);
    g_free(slots);
    munmap(next, sizeof *next);
    /* inputs no worker took: every worker died or none could start */
    for (size_t i = 0; i < b->n; i++)
        if (!r->finished[i])
            fail_input(r, i, "not drawn: %s",
                       nslots == 0 ? "cannot start a worker process" : "every worker process stopped");
}

fs_status fs_batch_run(const fs_batch *b)
{
    results r = {.b = b,
                 .status = g_new0(fs_status, b->n),
                 .text = g_new0(char *, b->n),
                 .finished = g_new0(bool, b->n),
                 .tail = g_string_new(NULL)};
    /* one more worker than cores: while one waits for its fsync, the
     * cores stay busy (200 charts on 2 cores: 658 ms with 2 workers, 582
     * with 3, 640 with 4; medians of 8-10 runs) */
    int jobs = b->jobs > 0 ? b->jobs : (int)g_get_num_processors() + 1;
    if ((size_t)jobs > b->n)
        jobs = (int)b->n;
    progress_show(&r, true);
    if (jobs <= 1) {
        g_autoptr(fs_diag) d = fs_diag_new();
        for (size_t i = 0; i < b->n; i++) {
            fs_diag_clear(d);
            b->run(i, b->user, d);
            finish_input(&r, i, fs_diag_status(d), diag_text(d));
        }
        if (b->done) {
            fs_diag_clear(d);
            b->done(b->user, d);
            g_autofree char *text = diag_text(d);
            g_string_append(r.tail, text);
            r.worst = MAX(r.worst, fs_diag_status(d));
        }
    } else {
        run_workers(b, &r, jobs);
    }
    if (b->n > 0)
        progress_clear(&r);
    fputs(r.tail->str, stderr);
    g_string_free(r.tail, TRUE);
    fflush(stderr);
    g_free(r.status);
    g_free(r.text);
    g_free(r.finished);
    return r.worst;
}

bool fs_batch_parse_shard(const char *arg, unsigned *k, unsigned *n)
{
    char *end;
    errno = 0;
    if (!g_ascii_isdigit(arg[0]))
        return false;
    unsigned long kk = strtoul(arg, &end, 10);
    if (*end != '/' || !g_ascii_isdigit(end[1]))
        return false;
    unsigned long nn = strtoul(end + 1, &end, 10);
    if (*end || errno || kk < 1 || nn < 1 || kk > nn || nn > 100000)
        return false;
    *k = (unsigned)kk, *n = (unsigned)nn;
    return true;
}

/* One scheduler's variables: the index (0- or 1-based) and the total, if
 * it sets one. */
typedef struct {
    const char *index, *total, *who;
    unsigned base;
} shard_env;

static const shard_env SHARD_ENVS[] = {
    {"JOB_COMPLETION_INDEX", NULL, "a Kubernetes Indexed Job", 0},
    {"CI_NODE_INDEX", "CI_NODE_TOTAL", "GitLab parallel", 1},
    {"CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", "CircleCI parallelism", 0},
    {"BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", "Buildkite parallelism", 0},
    {"AWS_BATCH_JOB_ARRAY_INDEX", NULL, "an AWS Batch array job", 0},
};

/* A whole decimal number of at most 6 digits, the only form accepted. */
static bool env_number(const char *s, unsigned long *v)
{
    size_t len = strlen(s);
    if (len == 0 || len > 6 || strspn(s, "0123456789") != len)
        return false;
    *v = strtoul(s, NULL, 10);
    return true;
}

char *fs_batch_shard_auto(char **env, unsigned count, unsigned *k, unsigned *n)
{
    const shard_env *e = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(SHARD_ENVS); i++) {
        const char *v = g_environ_getenv(env, SHARD_ENVS[i].index);
        if (!v || !*v)
            continue;
        if (e)
            return g_strdup_printf("--shard auto: both %s and %s are set; say which shard this "
                                   "is with --shard K/N",
                                   e->index, SHARD_ENVS[i].index);
        e = &SHARD_ENVS[i];
    }
    if (!e) {
        GString *m = g_string_new("--shard auto: none of ");
        for (size_t i = 0; i < G_N_ELEMENTS(SHARD_ENVS); i++)
            g_string_append_printf(m, "%s%s", i ? ", " : "", SHARD_ENVS[i].index);
        g_string_append(m, " is set; give the shard with --shard K/N");
        return g_string_free(m, FALSE);
    }
    const char *iv = g_environ_getenv(env, e->index);
    unsigned long idx, total = count;
    if (!env_number(iv, &idx))
        return g_strdup_printf("--shard auto: %s is \"%.20s\", not a whole number from 0 to 999999",
                               e->index, iv);
    if (e->total) {
        const char *tv = g_environ_getenv(env, e->total);
        unsigned long t;
        if (!tv || !*tv)
            return g_strdup_printf("--shard auto: %s is set but %s is not", e->index, e->total);
        if (!env_number(tv, &t) || t < 1 || t > 100000)
            return g_strdup_printf("--shard auto: %s is \"%.20s\", not a count from 1 to 100000",
                                   e->total, tv);
        if (count && count != t)
            return g_strdup_printf("--shard auto: %s is %lu but --shard-count is %u", e->total, t,
                                   count);
        total = t;
    } else if (!count) {
        return g_strdup_printf("--shard auto: %s is set (%s) but nothing says how many jobs "
                               "there are; give --shard-count N",
                               e->index, e->who);
    }
    if (idx < e->base || idx - e->base >= total)
        return g_strdup_printf("--shard auto: %s is %lu, outside %u..%lu (%lu jobs)", e->index, idx,
                               e->base, total - 1 + e->base, total);
    *k = (unsigned)(idx - e->base + 1);
    *n = (unsigned)total;
    return NULL;
}

static int cmp_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t fs_batch_shard(char **names, size_t count, unsigned k, unsigned n)
{
    qsort(names, count, sizeof *names, cmp_bytes);
    size_t kept = 0;
    for (size_t i = (size_t)k - 1; i < count; i += n)
        names[kept++] = names[i];
    return kept;
}
