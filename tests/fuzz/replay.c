/* replay: a main for the fuzz targets without libFuzzer (the libvips way).
 *
 *   replay_<target> [-v] PATH...
 *
 * Runs every regular file of each folder PATH (in name order, not recursing;
 * hidden files skipped) or the file PATH once through LLVMFuzzerTestOneInput,
 * each in a buffer of exactly its size so that a read past the end is an
 * AddressSanitizer error. make check runs it over tests/fuzz/corpus/<target>/,
 * which also holds every crashing input found so far (crash-*): so each bug
 * the fuzzers ever found stays a regression test under gcc and clang alike.
 * Prints one line with the file count; -v names each file first. When a
 * target aborts or a sanitizer stops the run, the file is named on stderr.
 * Exit status: 0, 2 when a PATH cannot be read. */
#include "fuzz.h"

#include <signal.h>
#include <unistd.h>

/* Present only in sanitizer builds; lets us name the file before ASan or
 * UBSan ends the process. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static const char *current; /* the file being run, for the crash note */

static void say_current(void)
{
    if (!current)
        return;
    static const char pre[] = "replay: crashed on ";
    ssize_t r = write(STDERR_FILENO, pre, sizeof pre - 1);
    r = write(STDERR_FILENO, current, strlen(current));
    r = write(STDERR_FILENO, "\n", 1);
    (void)r;
}

static void on_abort(int sig)
{
    say_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool run_file(const char *path, bool verbose)
{
    gchar *text = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, &len, &err)) {
        fprintf(stderr, "replay: %s\n", err->message);
        g_error_free(err);
        return false;
    }
    if (verbose)
        fprintf(stderr, "replay: %s\n", path);
    uint8_t *buf = g_malloc(len ? len : 1);
    memcpy(buf, text, len);
    g_free(text);
    current = path;
    LLVMFuzzerTestOneInput(buf, len);
    current = NULL;
    g_free(buf);
    return true;
}

/* Runs path (a file or a folder of files); adds the files run to *count. */
static bool run_path(const char *path, bool verbose, size_t *count)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        if (!run_file(path, verbose))
            return false;
        ++*count;
        return true;
    }
    GError *err = NULL;
    GDir *dir = g_dir_open(path, 0, &err);
    if (!dir) {
        fprintf(stderr, "replay: %s\n", err->message);
        g_error_free(err);
        return false;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(dir));)
        if (n[0] != '.')
            g_ptr_array_add(names, g_build_filename(path, n, NULL));
    g_dir_close(dir);
    g_ptr_array_sort(names, by_name);
    bool ok = true;
    for (guint i = 0; ok && i < names->len; i++) {
        const char *f = g_ptr_array_index(names, i);
        if (!g_file_test(f, G_FILE_TEST_IS_REGULAR))
            continue;
        ok = run_file(f, verbose);
        *count += ok;
    }
    g_ptr_array_free(names, TRUE);
    return ok;
}

int main(int argc, char **argv)
{
    bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    int first = verbose ? 2 : 1;
    g_autofree char *self = g_path_get_basename(argv[0]);
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-v] CORPUS-FOLDER-OR-FILE...\n", self);
        return 2;
    }
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(say_current);
    signal(SIGABRT, on_abort);
    signal(SIGSEGV, on_abort);
    size_t count = 0;
    for (int i = first; i < argc; i++)
        if (!run_path(argv[i], verbose, &count))
            return 2;
    printf("fuzz  %s: %zu files replayed from", self, count);
    for (int i = first; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    return 0;
}
