/* runner: run one command and print its wall time and peak RSS.
 *
 *   runner [-e ERRFILE] CMD [ARG...]
 *
 * Prints "WALL_NS MAXRSS_KB STATUS" on stdout. The child's stdout goes to
 * /dev/null and its stderr to ERRFILE (default /dev/null). Wall time is
 * CLOCK_MONOTONIC around fork..wait4; peak RSS is wait4's ru_maxrss, which on
 * Linux is the largest of the child and every descendant it waited for (so a
 * shell loop reports its largest process). Built by tests/bench/bench.sh. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *errfile = "/dev/null";
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "-e") == 0) {
        errfile = argv[2];
        i = 3;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: runner [-e ERRFILE] CMD [ARG...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("runner: fork");
        return 3;
    }
    if (pid == 0) {
        int out = open("/dev/null", O_WRONLY);
        int err = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        execvp(argv[i], argv + i);
        _exit(127);
    }
    int st = 0;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0) {
        perror("runner: wait4");
        return 3;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    printf("%lld %ld %d\n", ns, ru.ru_maxrss, code);
    return 0;
}
