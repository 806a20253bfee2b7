/* fuzz_number: bytes -> fs_number_parse (rule 7 of the CSV policy), and
 * the same bytes -> fs_number_parse_dec(',') (--decimal ,).
 *
 * The input is the cell (not NUL-terminated, so a read past its end is an
 * ASan error). Checks: a parsed value is finite; an accepted cell holds only
 * the characters of the grammar and is g_ascii_strtod's double bit for bit
 * (the fast paths included); a refused one has a reason; the answer does
 * not change when spaces are added around the cell, and a minus sign put in
 * front of an unsigned one negates it. With a decimal comma: the same, and
 * an accepted cell is g_ascii_strtod's double of the token with its group
 * separators dropped and its comma made a point. */
#include "fuzz.h"
#include "table.h"

static bool parse_again(const char *pre, const uint8_t *data, size_t size, const char *post,
                        double *v)
{
    size_t a = strlen(pre), b = strlen(post);
    char *buf = g_malloc(a + size + b + 1);
    memcpy(buf, pre, a);
    if (size)
        memcpy(buf + a, data, size);
    memcpy(buf + a + size, post, b);
    bool ok = fs_number_parse(buf, a + size + b, v, NULL);
    g_free(buf);
    return ok;
}

/* The bytes of the separators a decimal-comma number may group with. */
static size_t group_sep_len(const char *s, size_t i, size_t size)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == '.' || u[0] == ' ' || u[0] == '\t')
        return 1;
    if (size - i >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    if (size - i >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xaf || u[2] == 0x89))
        return 3;
    return 0;
}

static void check_comma(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    double v = 0;
    const char *why = NULL;
    bool ok = fs_number_parse_dec(s, size, ',', &v, &why);
    if (!ok) {
        if (!why || !*why)
            fuzz_fail("a refused decimal-comma number has no reason", NULL);
        return;
    }
    fuzz_check_finite(v, "a parsed decimal-comma number");
    if (why)
        fuzz_fail("an accepted decimal-comma number has a reason", NULL);
    char *plain = g_malloc(size + 1);
    size_t n = 0;
    for (size_t i = 0; i < size;) {
        size_t g = group_sep_len(s, i, size);
        if (g) {
            i += g;
            continue;
        }
        if (!strchr("0123456789+-,eE", s[i]) || s[i] == '\0')
            fuzz_fail("an accepted decimal-comma number holds a character outside the grammar",
                      NULL);
        plain[n++] = s[i] == ',' ? '.' : s[i];
        i++;
    }
    plain[n] = '\0';
    double ref = g_ascii_strtod(plain, NULL);
    g_free(plain);
    if (memcmp(&ref, &v, sizeof v) != 0)
        fuzz_fail("an accepted decimal-comma number differs from g_ascii_strtod's", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init_glib();
    check_comma(data, size);
    const char *s = (const char *)data;
    double v = 0;
    const char *why = NULL;
    bool ok = fs_number_parse(s, size, &v, &why);
    if (!ok) {
        if (!why || !*why)
            fuzz_fail("a refused number has no reason", NULL);
        double w;
        if (parse_again(" \t", data, size, "\t ", &w))
            fuzz_fail("spaces around a refused number made it valid", NULL);
        return 0;
    }
    fuzz_check_finite(v, "a parsed number");
    if (why)
        fuzz_fail("an accepted number has a reason", NULL);
    for (size_t i = 0; i < size; i++)
        if (!strchr("0123456789+-.,eE \t", s[i]) || s[i] == '\0')
            fuzz_fail("an accepted number holds a character outside the grammar", NULL);
    /* the fast paths (plain decimals, at most 15 digits) give strtod's
     * double, bit for bit: compare with g_ascii_strtod of the token
     * without its spaces and group commas */
    char *plain = g_malloc(size + 1);
    size_t n = 0;
    for (size_t i = 0; i < size; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != ',')
            plain[n++] = s[i];
    plain[n] = '\0';
    double ref = g_ascii_strtod(plain, NULL);
    g_free(plain);
    if (memcmp(&ref, &v, sizeof v) != 0)
        fuzz_fail("an accepted number differs from g_ascii_strtod's", NULL);
    double w;
    if (!parse_again(" \t", data, size, "\t ", &w) || memcmp(&w, &v, sizeof v) != 0)
        fuzz_fail("spaces around an accepted number changed it", NULL);
    size_t a = 0;
    while (a < size && (s[a] == ' ' || s[a] == '\t'))
        a++;
    if (s[a] != '+' && s[a] != '-') {
        if (!parse_again("-", data + a, size - a, "", &w) || w != -v)
            fuzz_fail("a minus sign in front did not negate the number", NULL);
    }
    return 0;
}
