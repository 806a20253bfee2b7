/* batch: many independent inputs (CSVs to charts, specs to reports) drawn by
 * a few long-lived worker processes.
 *
 * Each worker is forked once, before any font is loaded (Pango starts
 * threads when it loads fonts, and a process with threads must not fork),
 * loads the fonts once, and then takes the next input from a counter shared
 * by all workers until none is left, so a slow input never holds up the
 * others. A worker reports every input it starts and finishes to the parent
 * through its own pipe; the parent prints each input's diagnostics in input
 * order as soon as every earlier input is done (stderr is the same from run
 * to run whatever the number of workers), shows progress when stderr is a
 * terminal, and names the input a crashed worker was drawing. One input's
 * error never stops the others; the result is the worst status of all.
 *
 * With jobs = 1 (or one input) everything runs in this process: the same
 * code path minus the fork, so a serial run and a parallel one write the
 * same bytes (output_svg.c makes SVG ids independent of what the process drew
 * before). */
#ifndef FS_BATCH_H
#define FS_BATCH_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct fs_batch {
    size_t n;                   /* inputs */
    const char *const *names;   /* n names, for messages */
    int jobs;                   /* workers; <= 0: the number of cores plus one */
    bool progress;              /* "N/M" on stderr (the caller checks isatty) */
    const char *what;           /* "charts", "reports": the progress line's noun */
    /* Draws input i; diagnostics go to d. Runs in a worker (or in this
     * process with one job), so it may keep state in user between inputs,
     * such as the fonts. */
    void (*run)(size_t i, void *user, fs_diag *d);
    /* Called once at the end of each worker (may be NULL); what it adds to
     * d is printed after the inputs' diagnostics and counts for the exit
     * status. */
    void (*done)(void *user, fs_diag *d);
    void *user;
} fs_batch;

/* Runs every input. Diagnostics are printed to stderr in input order as
 * "factsheet: …" lines; returns the worst status (FS_OK when all went
 * well). */
fs_status fs_batch_run(const fs_batch *b);

/* Parses --shard K/N (1 <= K <= N <= 100000). */
bool fs_batch_parse_shard(const char *arg, unsigned *k, unsigned *n);

/* --shard auto: the shard *k of *n this job is, read from the environment
 * env (as g_get_environ() gives it) that a scheduler sets for the jobs of
 * one matrix or array: JOB_COMPLETION_INDEX (a Kubernetes Indexed Job,
 * 0-based), CI_NODE_INDEX/CI_NODE_TOTAL (GitLab, 1-based),
 * CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL (CircleCI, 0-based),
 * BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT (Buildkite, 0-based),
 * AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch, 0-based). count is --shard-count
 * (0: not given); it is required by the schedulers that set no total and
 * must agree with the total of those that do. Exactly one scheduler's
 * index may be set. Returns NULL when found, else a new message naming the
 * variable that is unset, not a number or out of range. */
char *fs_batch_shard_auto(char **env, unsigned count, unsigned *k, unsigned *n);

/* Keeps the inputs of shard k of n: the inputs are sorted by their bytes
 * (so the order of a shell glob or of the command line does not matter),
 * and every n-th one, starting at the k-th, is kept, in that sorted order.
 * Shards 1..n together hold every input exactly once. Returns the new
 * count; names is reordered in place. */
size_t fs_batch_shard(char **names, size_t count, unsigned k, unsigned n);

#endif
