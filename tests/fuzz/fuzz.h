/* fuzz: what the libFuzzer targets in tests/fuzz/ share.
 *
 * Each fuzz_<target>.c defines LLVMFuzzerTestOneInput and is linked either
 * with libFuzzer (make fuzz: clang -fsanitize=fuzzer,address,undefined) or
 * with replay.c (make check: every corpus file once, any compiler). A target
 * returns 0 for every input; a broken invariant or contract calls abort(),
 * which both drivers report as a crash.
 *
 * The contract every module promises (diag.h) and the targets check: a
 * function that fails leaves exactly one message, with a status, on one line
 * of valid UTF-8 with no raw control character, line separator or bidi
 * override (fs_diag_quote() escapes them all); one that succeeds adds none. */
#ifndef FS_FUZZ_H
#define FS_FUZZ_H

#include "diag.h"

#include <glib.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A message longer than this is not "one short line" (the longest legal one
 * lists 20 quoted column names of 60 characters each). */
#define FUZZ_MAX_MESSAGE 4096

/* Prints why and the messages of d (may be NULL), then aborts. */
static inline void fuzz_fail(const char *why, const fs_diag *d)
{
    fprintf(stderr, "fuzz: %s\n", why);
    for (size_t i = 0; d && i < fs_diag_count(d); i++)
        fprintf(stderr, "fuzz:   message %zu: %s\n", i, fs_diag_message(d, i));
    abort();
}

/* A GLib message of level warning or worse: print it and abort. (GLib's own
 * fatal path raises SIGTRAP, which libFuzzer does not treat as a crash, so
 * the input would be lost.) */
static inline void fuzz_log_handler(const char *domain, GLogLevelFlags level, const char *msg,
                                    gpointer user)
{
    (void)user;
    fprintf(stderr, "fuzz: %s-%s: %s\n", domain ? domain : "?",
            level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL) ? "CRITICAL" : "WARNING", msg);
    if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
        fuzz_fail("a GLib warning or critical was logged (modules must never print)", NULL);
}

static inline GLogWriterOutput fuzz_log_writer(GLogLevelFlags level, const GLogField *fields,
                                               gsize n, gpointer user)
{
    const char *domain = NULL, *msg = "";
    for (gsize i = 0; i < n; i++) {
        if (strcmp(fields[i].key, "GLIB_DOMAIN") == 0)
            domain = fields[i].value;
        else if (strcmp(fields[i].key, "MESSAGE") == 0)
            msg = fields[i].value;
    }
    fuzz_log_handler(domain, level, msg, user);
    return G_LOG_WRITER_HANDLED;
}

/* Once per process: a GLib critical or warning (a g_return_if_fail that
 * fired, a Pango complaint, a GError set twice) is a crash, since modules
 * must never print. Lower levels stay quiet. */
static inline void fuzz_init_glib(void)
{
    static bool done;
    if (!done) {
        g_log_set_default_handler(fuzz_log_handler, NULL);
        g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
        done = true;
    }
}

static inline void fuzz_check_message(const char *m, const fs_diag *d)
{
    if (!m)
        fuzz_fail("a message is NULL", d);
    size_t len = strlen(m);
    if (len == 0 || len > FUZZ_MAX_MESSAGE)
        fuzz_fail("a message is empty or longer than FUZZ_MAX_MESSAGE bytes", d);
    if (!g_utf8_validate(m, (gssize)len, NULL))
        fuzz_fail("a message is not valid UTF-8", d);
    for (const char *p = m; *p; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029 ||
            (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069))
            fuzz_fail("a message holds a raw control character or line break", d);
    }
}

/* A function returned failure: d must hold exactly one well-formed message. */
static inline void fuzz_check_failure(const fs_diag *d)
{
    if (fs_diag_count(d) != 1)
        fuzz_fail("a failing call left other than exactly one message", d);
    if (fs_diag_status(d) == FS_OK)
        fuzz_fail("a failing call left status FS_OK", d);
    fuzz_check_message(fs_diag_message(d, 0), d);
}

/* A function returned success: d must still be empty. */
static inline void fuzz_check_success(const fs_diag *d)
{
    if (fs_diag_count(d) != 0)
        fuzz_fail("a successful call added a message", d);
}

static inline void fuzz_check_finite(double v, const char *what)
{
    if (!isfinite(v)) {
        fprintf(stderr, "fuzz: %s is %g\n", what, v);
        fuzz_fail("a value that must be finite is not", NULL);
    }
}

#endif
