/* Unit tests of batch's shard arithmetic: --shard auto reads each
 * scheduler's variables with its own base (GitLab counts from 1, the others
 * from 0), takes the job count from --shard-count where the scheduler sets
 * none, and refuses, naming the variable, everything unset, malformed,
 * out of range, inconsistent or ambiguous. The shards it gives partition
 * the inputs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "batch.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* The shard of env (NULL-terminated "NAME=value" strings) and count, or
 * the message, which is checked to contain want_msg. */
static void expect_shard(const char *const *vars, unsigned count, unsigned want_k,
                         unsigned want_n)
{
    unsigned k = 0, n = 0;
    g_autofree char *m = fs_batch_shard_auto((char **)vars, count, &k, &n);
    if (m)
        fail_msg("unexpected refusal: %s", m);
    assert_int_equal(k, want_k);
    assert_int_equal(n, want_n);
}

static void expect_refusal(const char *const *vars, unsigned count, const char *want_msg)
{
    unsigned k = 7, n = 9;
    g_autofree char *m = fs_batch_shard_auto((char **)vars, count, &k, &n);
    assert_non_null(m);
    if (!strstr(m, want_msg))
        fail_msg("message \"%s\" lacks \"%s\"", m, want_msg);
    assert_non_null(strstr(m, "--shard auto: "));
    assert_int_equal(k, 7); /* untouched on a refusal */
    assert_int_equal(n, 9);
}

static void test_each_scheduler(void **state)
{
    (void)state;
    const char *k8s[] = {"HOME=/root", "JOB_COMPLETION_INDEX=0", NULL};
    expect_shard(k8s, 4, 1, 4);
    const char *k8s_last[] = {"JOB_COMPLETION_INDEX=3", NULL};
    expect_shard(k8s_last, 4, 4, 4);
    const char *gitlab[] = {"CI_NODE_INDEX=1", "CI_NODE_TOTAL=3", NULL};
    expect_shard(gitlab, 0, 1, 3);
    const char *gitlab_last[] = {"CI_NODE_INDEX=3", "CI_NODE_TOTAL=3", NULL};
    expect_shard(gitlab_last, 0, 3, 3);
    const char *circle[] = {"CIRCLE_NODE_TOTAL=5", "CIRCLE_NODE_INDEX=4", NULL};
    expect_shard(circle, 0, 5, 5);
    const char *bk[] = {"BUILDKITE_PARALLEL_JOB=0", "BUILDKITE_PARALLEL_JOB_COUNT=2", NULL};
    expect_shard(bk, 2, 1, 2); /* a count that agrees is fine */
    const char *aws[] = {"AWS_BATCH_JOB_ARRAY_INDEX=9", NULL};
    expect_shard(aws, 10, 10, 10);
    /* an empty variable counts as unset */
    const char *empty_other[] = {"CI_NODE_INDEX=", "CIRCLE_NODE_INDEX=1", "CIRCLE_NODE_TOTAL=2",
                                 NULL};
    expect_shard(empty_other, 0, 2, 2);
}

static void test_refusals(void **state)
{
    (void)state;
    const char *none[] = {"HOME=/root", NULL};
    expect_refusal(none, 0, "none of JOB_COMPLETION_INDEX, CI_NODE_INDEX");
    const char *k8s[] = {"JOB_COMPLETION_INDEX=2", NULL};
    expect_refusal(k8s, 0, "JOB_COMPLETION_INDEX is set");
    expect_refusal(k8s, 2, "JOB_COMPLETION_INDEX is 2, outside 0..1");
    const char *aws[] = {"AWS_BATCH_JOB_ARRAY_INDEX=x1", NULL};
    expect_refusal(aws, 3, "AWS_BATCH_JOB_ARRAY_INDEX is \"x1\", not a whole number");
    const char *neg[] = {"JOB_COMPLETION_INDEX=-1", NULL};
    expect_refusal(neg, 3, "not a whole number");
    const char *gitlab0[] = {"CI_NODE_INDEX=0", "CI_NODE_TOTAL=3", NULL};
    expect_refusal(gitlab0, 0, "CI_NODE_INDEX is 0, outside 1..3");
    const char *gitlab4[] = {"CI_NODE_INDEX=4", "CI_NODE_TOTAL=3", NULL};
    expect_refusal(gitlab4, 0, "CI_NODE_INDEX is 4, outside 1..3");
    const char *no_total[] = {"CIRCLE_NODE_INDEX=0", NULL};
    expect_refusal(no_total, 0, "CIRCLE_NODE_INDEX is set but CIRCLE_NODE_TOTAL is not");
    const char *bad_total[] = {"BUILDKITE_PARALLEL_JOB=0", "BUILDKITE_PARALLEL_JOB_COUNT=0", NULL};
    expect_refusal(bad_total, 0, "BUILDKITE_PARALLEL_JOB_COUNT is \"0\"");
    const char *disagree[] = {"CI_NODE_INDEX=1", "CI_NODE_TOTAL=3", NULL};
    expect_refusal(disagree, 4, "CI_NODE_TOTAL is 3 but --shard-count is 4");
    const char *two[] = {"JOB_COMPLETION_INDEX=0", "CI_NODE_INDEX=1", "CI_NODE_TOTAL=2", NULL};
    expect_refusal(two, 2, "both JOB_COMPLETION_INDEX and CI_NODE_INDEX are set");
    const char *huge[] = {"JOB_COMPLETION_INDEX=99999999999", NULL};
    expect_refusal(huge, 3, "not a whole number");
}

/* Shards 1..n of the same names, each from the names in another order,
 * hold every name exactly once. */
static void test_shards_partition(void **state)
{
    (void)state;
    enum { N = 23 };
    for (unsigned n = 1; n <= 6; n++) {
        int seen[N] = {0};
        for (unsigned k = 1; k <= n; k++) {
            char *names[N];
            g_autofree char *buf = g_malloc(N * 4);
            for (int i = 0; i < N; i++) {
                int v = (int)((i * 7 + (int)k) % N); /* a different order per shard */
                names[i] = buf + i * 4;
                g_snprintf(names[i], 4, "%02d", v);
            }
            size_t kept = fs_batch_shard(names, N, k, n);
            for (size_t i = 0; i < kept; i++)
                seen[atoi(names[i])]++;
        }
        for (int i = 0; i < N; i++)
            assert_int_equal(seen[i], 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_scheduler),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_shards_partition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
