/* Unit tests of textsafe: bidi nesting bounded (ordinary text byte for byte
 * as it was, deep nesting cut at FS_BIDI_MAX_DEPTH with the closers of what
 * was dropped, unmatched closers dropped, paragraphs independent) and cuts
 * on grapheme cluster boundaries (combining marks, emoji ZWJ sequences,
 * flags, CR LF), table-driven. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "textsafe.h"

#include <string.h>

#define LRE "\u202A"
#define RLE "\u202B"
#define PDF "\u202C"
#define LRO "\u202D"
#define RLO "\u202E"
#define LRI "\u2066"
#define RLI "\u2067"
#define FSI "\u2068"
#define PDI "\u2069"
#define LRM "\u200E"
#define RLM "\u200F"
#define ALM "\u061C"

/* s repeated n times. Returns a new string. */
static char *rep(const char *s, int n)
{
    GString *g = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append(g, s);
    return g_string_free(g, FALSE);
}

static char *bound(const char *s)
{
    return fs_text_bidi_bound(s, strlen(s));
}

/* Walks s as UAX #9 would and fails when its explicit nesting goes deeper
 * than FS_BIDI_MAX_DEPTH or a closer matches nothing. */
static void assert_well_nested(const char *s)
{
    char stack[FS_BIDI_MAX_DEPTH + 1];
    int depth = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\n' || c == '\r' || c == 0x2029) {
            depth = 0;
        } else if (c == 0x202A || c == 0x202B || c == 0x202D || c == 0x202E) {
            assert_true(depth < FS_BIDI_MAX_DEPTH);
            stack[depth++] = 'e';
        } else if (c == 0x2066 || c == 0x2067 || c == 0x2068) {
            assert_true(depth < FS_BIDI_MAX_DEPTH);
            stack[depth++] = 'i';
        } else if (c == 0x202C) {
            assert_true(depth > 0 && stack[depth - 1] == 'e');
            depth--;
        } else if (c == 0x2069) {
            int k = depth;
            while (k > 0 && stack[k - 1] != 'i')
                k--;
            assert_true(k > 0);
            depth = k - 1;
        }
    }
}

/* Text that needs nothing changed, byte for byte. */
static void test_ordinary_text_unchanged(void **state)
{
    (void)state;
    static const char *const same[] = {
        "",
        "Among the 613 people killed",
        "أرقام كما وردت في المقال",                     /* Arabic */
        "שלום עולם 2023",                               /* Hebrew and digits */
        "Khojaly (Xocalı) — مقال، 26 فبراير 2023",      /* mixed */
        "abc " RLM "(1)" LRM " def " ALM "x",           /* marks are never nested */
        RLE "عربي" PDF " and " LRE "latin" PDF,         /* balanced embeddings */
        RLO "abc" PDF LRO "abc" PDF,                    /* overrides */
        RLI "عربي" PDI " " LRI "x" PDI " " FSI "y" PDI, /* isolates */
        LRE RLI "x" PDI PDF,                            /* an isolate in an embedding */
        RLI RLE "x" PDF PDI,                            /* an embedding in an isolate */
        LRI RLE "x" PDI,                                /* the PDI closes the RLE too */
        RLE "open at the end",                          /* closed by the paragraph end */
        RLE "a" PDF "\n" RLE "b\n" RLI "c" PDI,         /* paragraphs */
        "emoji 👩\u200D👩\u200D👧 and 🇦🇿",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
        g_autofree char *out = bound(same[i]);
        assert_string_equal(out, same[i]);
    }
    /* nested exactly FS_BIDI_MAX_DEPTH deep, of every kind */
    static const char *const open[] = {LRE, RLE, LRO, RLO, LRI, RLI, FSI};
    static const char *const close[] = {PDF, PDF, PDF, PDF, PDI, PDI, PDI};
    for (size_t k = 0; k < G_N_ELEMENTS(open); k++) {
        g_autofree char *o = rep(open[k], FS_BIDI_MAX_DEPTH);
        g_autofree char *c = rep(close[k], FS_BIDI_MAX_DEPTH);
        g_autofree char *s = g_strconcat(o, "x", c, NULL);
        g_autofree char *out = bound(s);
        assert_string_equal(out, s);
    }
    /* a paragraph separator closes everything: each paragraph may go as deep */
    g_autofree char *para = rep(RLE "\n", 3 * FS_BIDI_MAX_DEPTH);
    g_autofree char *deep = rep(RLI, FS_BIDI_MAX_DEPTH);
    g_autofree char *paras = g_strconcat(deep, "a\r", deep, "b\u2029", deep, "c", NULL);
    g_autofree char *out1 = bound(para);
    g_autofree char *out2 = bound(paras);
    assert_string_equal(out1, para);
    assert_string_equal(out2, paras);
}

typedef struct bidi_case {
    const char *name, *in, *want;
} bidi_case;

/* Unmatched closers go; a PDF never closes through an isolate. */
static void test_unmatched_closers_dropped(void **state)
{
    (void)state;
    static const bidi_case cases[] = {
        {"a PDF with nothing open", PDF "a", "a"},
        {"a PDI with nothing open", "a" PDI "b", "ab"},
        {"both, repeatedly", PDF PDI PDF PDI "x" PDI PDF, "x"},
        {"a PDF inside an isolate", LRI "a" PDF "b" PDI, LRI "ab" PDI},
        {"a PDI with only embeddings open", RLE "a" PDI "b" PDF, RLE "ab" PDF},
        {"a PDF after the PDI closed its embedding", LRI RLE "x" PDI PDF, LRI RLE "x" PDI},
        {"one closer too many", RLE "a" PDF PDF, RLE "a" PDF},
        {"a closer after a paragraph separator", RLE "a\n" PDF "b", RLE "a\nb"},
        {"CR and U+2029 separate too", RLI "a\r" PDI "b\u2029" PDI, RLI "a\rb\u2029"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *out = bound(cases[i].in);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("%s: got \"%s\"", cases[i].name, out);
        assert_well_nested(out);
    }
}

/* Openers past FS_BIDI_MAX_DEPTH go, and so do their own closers: what was
 * kept stays paired as it was. */
static void test_deep_nesting_bounded(void **state)
{
    (void)state;
    const int n = FS_BIDI_MAX_DEPTH;
    static const char *const open[] = {LRE, RLO, RLI, FSI};
    static const char *const close[] = {PDF, PDF, PDI, PDI};
    for (size_t k = 0; k < G_N_ELEMENTS(open); k++) {
        g_autofree char *o = rep(open[k], n + 200);
        g_autofree char *c = rep(close[k], n + 200);
        g_autofree char *s = g_strconcat(o, "x", c, "y", NULL);
        g_autofree char *wo = rep(open[k], n);
        g_autofree char *wc = rep(close[k], n);
        g_autofree char *want = g_strconcat(wo, "x", wc, "y", NULL);
        g_autofree char *out = bound(s);
        assert_string_equal(out, want);
    }
    /* at the limit an isolate overflows: a PDF inside it does nothing, its
     * PDI goes with it, and the next PDF closes an embedding kept */
    g_autofree char *full = rep(RLE, n);
    g_autofree char *in = g_strconcat(full, LRI "a" PDF "b" PDI PDF "c", NULL);
    g_autofree char *want = g_strconcat(full, "ab" PDF "c", NULL);
    g_autofree char *out = bound(in);
    assert_string_equal(out, want);
    /* an embedding that overflows inside a kept isolate: the PDI closes
     * both, and the PDF after it finds nothing open of its own */
    g_autofree char *iso = rep(RLI, n - 1);
    g_autofree char *in2 = g_strconcat(iso, LRI LRE RLE "x" PDI PDF "y", NULL);
    g_autofree char *want2 = g_strconcat(iso, LRI "x" PDI "y", NULL);
    g_autofree char *out2 = bound(in2);
    assert_string_equal(out2, want2);
}

/* The label of issue 13 (273 controls cycling through all twelve) and
 * longer cycles: bounded, well nested, and bounding again changes nothing. */
static void test_issue_cycle(void **state)
{
    (void)state;
    static const char *const c[] = {LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM};
    for (int len = 272; len <= 5000; len = len * 3 + 1) {
        GString *g = g_string_new(NULL);
        for (int k = 0; k < len; k++)
            g_string_append(g, c[k % 12]);
        g_autofree char *s = g_string_free(g, FALSE);
        g_autofree char *out = bound(s);
        assert_well_nested(out);
        g_autofree char *again = bound(out);
        assert_string_equal(again, out);
        /* the marks all stay */
        size_t marks = 0;
        for (const char *p = out; *p; p = g_utf8_next_char(p)) {
            gunichar u = g_utf8_get_char(p);
            marks += u == 0x200E || u == 0x200F || u == 0x061C;
        }
        assert_int_equal(marks, (size_t)(len / 12 * 3 + (len % 12 > 9 ? len % 12 - 9 : 0)));
    }
}

/* Only the first len bytes are read. */
static void test_bound_len(void **state)
{
    (void)state;
    g_autofree char *out = fs_text_bidi_bound(PDF "ab" PDF "cd", 5);
    assert_string_equal(out, "ab");
}

typedef struct cut_case {
    const char *name, *in;
    size_t max, want; /* want: bytes kept */
} cut_case;

static void test_cut_on_clusters(void **state)
{
    (void)state;
    static const cut_case cases[] = {
        {"shorter", "abc", 5, 3},
        {"exactly max", "abcde", 5, 5},
        {"ASCII", "abcdef", 3, 3},
        {"two-byte characters", "Xocalı şəhəri", 6, 7},
        {"a combining mark stays with its letter", "e\u0301e\u0301e\u0301", 3, 3},
        {"combining marks, cut after a whole cluster", "e\u0301e\u0301e\u0301", 4, 6},
        {"a cluster longer than max", "e\u0301\u0302\u0303\u0304\u0305x", 3, 0},
        {"an emoji ZWJ sequence is one cluster", "a\U0001F469\u200D\U0001F469\u200D\U0001F467b", 4,
         1},
        {"after the whole ZWJ sequence", "a\U0001F469\u200D\U0001F469\u200D\U0001F467b", 6, 19},
        {"flags: pairs of regional indicators", "\U0001F1E6\U0001F1FF\U0001F1F7\U0001F1FA", 3, 8},
        {"a skin tone modifier stays", "\U0001F44B\U0001F3FDx", 1, 0},
        {"CR LF is one cluster", "a\r\nb", 2, 1},
        {"Arabic", "مرحبا", 2, 4},
        {"empty", "", 0, 0},
        {"max 0", "abc", 0, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        size_t got = fs_text_cut_len(cases[i].in, cases[i].max);
        if (got != cases[i].want)
            fail_msg("%s: kept %zu bytes, want %zu", cases[i].name, got, cases[i].want);
    }
}

static void test_cut_ellipsis(void **state)
{
    (void)state;
    g_autofree char *a = fs_text_cut("abcdef", 3);
    assert_string_equal(a, "abc…");
    g_autofree char *b = fs_text_cut("abc", 3);
    assert_string_equal(b, "abc");
    g_autofree char *c = fs_text_cut("e\u0301e\u0301", 3);
    assert_string_equal(c, "e\u0301…");
}

/* A cut reads only the prefix it needs: a long text costs no more. */
static void test_cut_long(void **state)
{
    (void)state;
    size_t n = 8u << 20;
    char *s = g_malloc(n + 1);
    memset(s, 'x', n);
    s[n] = '\0';
    assert_int_equal(fs_text_cut_len(s, 4096), 4096);
    g_autofree char *out = fs_text_for_layout(s, 4096);
    assert_int_equal(strlen(out), 4096 + strlen("…"));
    g_free(s);
}

/* Cut first, then bounded: controls past the cut are not counted. */
static void test_for_layout(void **state)
{
    (void)state;
    g_autofree char *deep = rep(RLE, 100);
    g_autofree char *s = g_strconcat("abc", deep, NULL);
    g_autofree char *out = fs_text_for_layout(s, 5);
    assert_string_equal(out, "abc" RLE RLE "…");
    g_autofree char *out2 = fs_text_for_layout(s, 1000);
    g_autofree char *want =
        g_strconcat("abc", deep + strlen(RLE) * (100 - FS_BIDI_MAX_DEPTH), NULL);
    assert_string_equal(out2, want);
}

/* Both ends kept for a text Pango cuts in its middle: a family of long
 * names must still reach Pango with the ends that tell them apart. */
static void test_for_layout_ends(void **state)
{
    (void)state;
    g_autofree char *same = fs_text_for_layout_ends("short", 9);
    assert_string_equal(same, "short");
    g_autofree char *cut = fs_text_for_layout_ends("abcdefghijklmnopqrstuvwxyz Region 7", 12);
    assert_string_equal(cut, "abcdefgh…on 7");
    /* the tail starts on a cluster: not on a combining accent or after a
     * joiner */
    g_autofree char *accent = fs_text_for_layout_ends("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaae\u0301xyz", 12);
    assert_string_equal(accent, "aaaaaaaa…xyz");
    g_autofree char *zwj =
        fs_text_for_layout_ends("bbbbbbbbbbbbbbbbbbbbbbbb\U0001F469\u200D\U0001F467ab", 12);
    assert_true(g_utf8_validate(zwj, -1, NULL));
    assert_true(g_str_has_suffix(zwj, "ab") && !g_str_has_suffix(zwj, "\u200D\U0001F467ab"));
    /* a long text: its last third still reaches the layout */
    size_t n = 8u << 20;
    char *s = g_malloc(n + 3);
    memset(s, 'x', n);
    memcpy(s + n, "yz", 3);
    g_autofree char *out = fs_text_for_layout_ends(s, 4096);
    assert_true(g_str_has_suffix(out, "yz"));
    assert_int_equal(g_utf8_strlen(out, -1), 4096 - 4096 / 3 + 1 + 4096 / 3);
    g_free(s);
}

typedef struct show_case {
    double size, width;
    int max_lines;
    double height;
    size_t want;
} show_case;

static void test_show_max(void **state)
{
    (void)state;
    static const show_case cases[] = {
        /* a 3-line category label of a 1920x1080 slide: the floor */
        {24, 620, 3, 0, FS_TEXT_CUT_MIN},
        /* one unwrapped line of 24 px: 14400 / 2.4 */
        {24, 0, 0, 0, 6000},
        /* unwrapped: neither max_lines nor height matters */
        {24, -1, 3, 842, 6000},
        /* wrapped without a limit, 9 pt in 250 pt down an A4 page: 94 lines
         * of 278 */
        {9, 250, 0, 842, 26132},
        /* ... and down the largest page: 1600 lines, but at most 2^20 / 9 */
        {9, 250, 0, 0, 116508},
        /* tiny type: the ceiling */
        {0.5, 10000, 0, 0, FS_TEXT_CUT_MAX},
        {0, 0, 0, 0, FS_TEXT_CUT_MAX},
        /* large type: never under the floor */
        {500, 14000, 0, 0, FS_TEXT_CUT_MIN},
        /* a 2-line title of 58 px across 1820 px: the floor */
        {57.6, 1820, 2, 0, FS_TEXT_CUT_MIN},
        /* two lines of 8 pt across a 14,000 pt page */
        {8, 14000, 2, 0, 35000},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        size_t got =
            fs_text_show_max(cases[i].size, cases[i].width, cases[i].max_lines, cases[i].height);
        if (got != cases[i].want)
            fail_msg("case %zu: %zu, want %zu", i, got, cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinary_text_unchanged),
        cmocka_unit_test(test_unmatched_closers_dropped),
        cmocka_unit_test(test_deep_nesting_bounded),
        cmocka_unit_test(test_issue_cycle),
        cmocka_unit_test(test_bound_len),
        cmocka_unit_test(test_cut_on_clusters),
        cmocka_unit_test(test_cut_ellipsis),
        cmocka_unit_test(test_cut_long),
        cmocka_unit_test(test_for_layout),
        cmocka_unit_test(test_for_layout_ends),
        cmocka_unit_test(test_show_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
