/* Unit tests of keyfile: the strict key-file reader over a small schema of
 * its own (a fixed group [main], a group with IDs [item ID] whose keys
 * depend on the item's tags), every scan rule down to the whole message
 * (duplicates with both lines, did-you-mean, BOM, NUL, invalid UTF-8, the
 * size limit, localized keys), the typed getters (required, empty, range,
 * lists, the language picked), the file rules and the edit distance. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "keyfile.h"

#include <float.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <string.h>

/* ---- the schema ----------------------------------------------------------- */

static const fs_key main_keys[] = {
    {.name = "title", .type = FS_KEY_TEXT, .flags = FS_KEY_LOCALIZED | FS_KEY_REQUIRED},
    {.name = "name", .type = FS_KEY_STRING, .flags = FS_KEY_REQUIRED, .hint = " (a name)"},
    {.name = "count", .type = FS_KEY_INT, .min = 1, .max = 10},
    {.name = "ratio", .type = FS_KEY_NUMBER, .min = 0, .max = 1, .unit = " × width"},
    {.name = "big", .type = FS_KEY_NUMBER, .min = -DBL_MAX, .max = DBL_MAX},
    {.name = "items", .type = FS_KEY_LIST, .flags = FS_KEY_LOCALIZED},
    {.name = "mode", .type = FS_KEY_STRING},
    {0},
};

/* tags: 1 = a "word" item, 2 = a "number" item */
static const fs_key item_keys[] = {
    {.name = "colour", .type = FS_KEY_STRING, .tags = 1},
    {.name = "size", .type = FS_KEY_STRING, .tags = 1},
    {.name = "size", .type = FS_KEY_NUMBER, .tags = 2, .min = 0, .max = 100, .unit = " pt"},
    {0},
};

static const fs_group_schema groups[] = {
    {"main", false, main_keys},
    {"item", true, item_keys},
    {0},
};

static const fs_keyfile_schema schema = {
    .what = "test",
    .max_bytes = 1024,
    .groups = groups,
    .start = "start with [main]",
    .max_ids = 3,
    .id_why = "it names a file",
    .missing_hint = " (a test file)",
};

/* Loads len bytes of text (strlen when len is 0) as "t.ini" and checks the
 * escapes. Returns the reader (free it) and whether it loaded in *ok. */
static fs_keyfile *load(const char *text, size_t len, const char *lang, fs_diag *d, bool *ok)
{
    fs_keyfile *kf = fs_keyfile_new(&schema, "t.ini", lang, d);
    *ok = fs_keyfile_load(kf, text, len ? len : strlen(text)) && fs_keyfile_check_escapes(kf);
    return kf;
}

/* ---- the scan ------------------------------------------------------------- */

typedef struct scan_case {
    const char *text;
    size_t len;       /* 0: strlen(text) (for texts with a NUL byte) */
    const char *want; /* the whole message; NULL: loads */
} scan_case;

#define M "[main]\n"
static const scan_case scan_cases[] = {
    /* structure */
    {M "name = x\n", 0, NULL},
    {"# only a comment\n\n", 0, NULL},
    {"name = x\n", 0, "t.ini:1: key \"name\" outside any group (start with [main])"},
    {M "just words\n", 0,
     "t.ini:2: \"just words\" is not a key file line (expected [group], key = value, # comment "
     "or a blank line)"},
    {"[main\n", 0,
     "t.ini:1: \"[main\" is not a group header (expected [main] or [item ID] alone on its "
     "line)"},
    {M "= x\n", 0, "t.ini:2: [main] line has \"=\" but no key before it"},
    /* groups */
    {"[Main]\n", 0, "t.ini:1: unknown group \"Main\" (did you mean [main]?)"},
    {"[items a]\n", 0, "t.ini:1: unknown group \"items a\" (did you mean [item a]?)"},
    {"[other]\n", 0, "t.ini:1: unknown group \"other\" (expected [main] or [item ID])"},
    {"[item]\n", 0, "t.ini:1: group [item] needs an ID: [item NAME] (letters, digits, - and _)"},
    {"[item a b]\n", 0,
     "t.ini:1: item ID \"a b\" must be 1 to 64 letters, digits, - or _ (it names a file)"},
    {"[item a]\n[item b]\n[item c]\n[item d]\n", 0, "t.ini:4: too many items (the limit is 3)"},
    /* duplicates name both lines */
    {M "name = x\n\n" M, 0, "t.ini:4: duplicate group [main] (first at line 1)"},
    {"[item a]\n[main]\n[item a]\n", 0,
     "t.ini:3: duplicate group [item a]: item IDs must be unique (first at line 1)"},
    {M "name = a\n# c\nname = b\n", 0,
     "t.ini:4: [main] key \"name\": duplicate key (first at line 2)"},
    {M "title[az] = a\ntitle = b\ntitle[az] = c\n", 0,
     "t.ini:4: [main] key \"title[az]\": duplicate key (first at line 2)"},
    /* unknown keys: did you mean, the group they belong in */
    {M "nmae = x\n", 0, "t.ini:2: [main] key \"nmae\": unknown key (did you mean \"name\"?)"},
    {M "ratio_of_x = 1\n", 0,
     "t.ini:2: [main] key \"ratio_of_x\": unknown key (did you mean \"ratio\"?)"},
    {M "colour = red\n", 0,
     "t.ini:2: [main] key \"colour\": unknown key (it belongs in [item ID])"},
    {"[item a]\ncount = 1\n", 0,
     "t.ini:2: [item a] key \"count\": unknown key (it belongs in [main])"},
    {M "zzz = 1\n", 0, "t.ini:2: [main] key \"zzz\": unknown key"},
    /* localized keys */
    {M "title[az] = x\ntitle[pt_BR] = y\nitems[ru] = a;b\n", 0, NULL},
    {M "name[az] = x\n", 0,
     "t.ini:2: [main] key \"name[az]\": \"name\" cannot be localized (only text keys can: title, "
     "items)"},
    {M "title[AZ] = x\n", 0,
     "t.ini:2: [main] key \"title[AZ]\": \"AZ\" is not a language tag (expected ll or ll_CC, "
     "e.g. az, ru, pt_BR)"},
    {M "title[az = x\n", 0,
     "t.ini:2: [main] key \"title[az\": not a key name (a localized key is written key[ll] or "
     "key[ll_CC], e.g. title[az])"},
    /* a group without localized keys: brackets are part of an unknown name */
    {"[item a]\ncolour[az] = x\n", 0,
     "t.ini:2: [item a] key \"colour[az]\": unknown key (did you mean \"colour\"?)"},
    /* BOM, UTF-8, NUL */
    {"\xef\xbb\xbf" M "name = x\n", 0, NULL},
    /* a BOM counts only at the start of the file */
    {M "\xef\xbb\xbfname = x\n", 0, "t.ini:2: [main] key \"\xef\xbb\xbfname\": unknown key"},
    {M "name = caf\xe9\n", 0,
     "t.ini:2: [main] key \"name\": value has invalid UTF-8 (byte 0xe9 at column 11); a test "
     "must be UTF-8 text"},
    {"# caf\xe9\n", 0,
     "t.ini:1: line has invalid UTF-8 (byte 0xe9 at column 6); a test must be UTF-8 text"},
    {M "na\0me = x\n", 17,
     "t.ini:2: line has a NUL byte (byte 0x00 at column 3); a test must be UTF-8 text"},
    {M "name = a\0b\n", 18,
     "t.ini:2: [main] key \"name\": value has a NUL byte (byte 0x00 at column 9); a test must "
     "be UTF-8 text"},
    /* escapes */
    {M "name = a\\sb\\\\\n", 0, NULL},
    {M "name = a\\qb\n", 0,
     "t.ini:2: [main] key \"name\": invalid escape in the value (escapes are \\s \\n \\t \\r "
     "\\\\)"},
    {M "items = a\\qb\n", 0,
     "t.ini:2: [main] key \"items\": invalid escape in the value (escapes are \\s \\n \\t \\r "
     "\\\\ \\;)"},
    {M "name = a\\\n", 0, "t.ini:2: [main] key \"name\": invalid escape in the value"},
};
#undef M

static void test_scan(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(scan_cases); i++) {
        const scan_case *c = &scan_cases[i];
        g_autoptr(fs_diag) d = fs_diag_new();
        bool ok;
        g_autoptr(fs_keyfile) kf = load(c->text, c->len, NULL, d, &ok);
        assert_non_null(kf);
        const char *got = fs_diag_count(d) ? fs_diag_message(d, 0) : NULL;
        bool same = c->want ? got && g_str_has_prefix(got, c->want) : !got;
        if (!same || ok != !c->want || fs_diag_count(d) > 1)
            fprintf(stderr, "case %zu:\n%s\nwant: %s\ngot:  %s\n", i, c->text,
                    c->want ? c->want : "(loads)", got ? got : "(nothing)");
        assert_true(same);
        assert_int_equal(ok, !c->want);
        assert_true(fs_diag_count(d) <= 1);
        if (c->want) {
            assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
            /* the whole message, but for the escape lists cut above */
            if (!strstr(c->want, "invalid escape"))
                assert_string_equal(got, c->want);
        }
    }
}

static void test_size_limit(void **state)
{
    (void)state;
    g_autofree char *buf = g_malloc(1025);
    memset(buf, '#', 1025);
    g_autoptr(fs_diag) d = fs_diag_new();
    bool ok;
    fs_keyfile_free(load(buf, 1024, NULL, d, &ok)); /* at the limit: one comment line */
    assert_true(ok);
    fs_keyfile_free(load(buf, 1025, NULL, d, &ok));
    assert_false(ok);
    assert_string_equal(fs_diag_message(d, 0), "t.ini: test is larger than 1 KiB (1025 bytes)");
}

/* The groups and keys as read: lines, IDs, the key's entry. */
static void test_structure(void **state)
{
    (void)state;
    static const char text[] = "# t\n[main]\nname = x\ntitle[az] = y\n\n[item a-1]\nsize = 3\n";
    g_autoptr(fs_diag) d = fs_diag_new();
    bool ok;
    g_autoptr(fs_keyfile) kf = load(text, 0, NULL, d, &ok);
    assert_true(ok);
    assert_true(fs_keyfile_has_content(kf));
    assert_int_equal(fs_keyfile_n_groups(kf), 2);
    const fs_kf_group *m = fs_keyfile_nth_group(kf, 0), *it = fs_keyfile_nth_group(kf, 1);
    assert_string_equal(m->name, "main");
    assert_null(m->id);
    assert_int_equal(m->line, 2);
    assert_string_equal(it->name, "item a-1");
    assert_string_equal(it->id, "a-1");
    assert_int_equal(it->line, 6);
    assert_true(fs_keyfile_find_group(kf, "item a-1") == it);
    assert_null(fs_keyfile_find_group(kf, "item b"));
    const fs_kf_key *k = fs_keyfile_find(m, "title[az]");
    assert_non_null(k);
    assert_string_equal(k->base, "title");
    assert_int_equal(k->line, 4);
    assert_true(k->info == &main_keys[0]);
    assert_null(fs_keyfile_find(m, "title"));
}

/* ---- values --------------------------------------------------------------- */

typedef enum { GET_TEXT, GET_STRING, GET_INT, GET_NUMBER, GET_ENUM, GET_LIST } get_kind;

typedef struct value_case {
    const char *text; /* the whole file */
    const char *lang;
    unsigned tags; /* of the second group ([item a]); 0: read [main] */
    get_kind get;
    const char *key;
    const char *want; /* the value read ("" for absent; a list joined with |), or the
                         message after "ERR " */
} value_case;

#define M "[main]\n"
static const value_case value_cases[] = {
    /* text: the language's variant, then the plain key */
    {M "title = T\ntitle[az] = A\n", NULL, 0, GET_TEXT, "title", "T"},
    {M "title = T\ntitle[az] = A\n", "az", 0, GET_TEXT, "title", "A"},
    {M "title = T\ntitle[az] = A\n", "az_AZ", 0, GET_TEXT, "title", "A"},
    {M "title = T\ntitle[az] = A\n", "ru", 0, GET_TEXT, "title", "T"},
    {M "title =   spaced  \n", NULL, 0, GET_TEXT, "title", "spaced"},
    /* required: absent, only in another language, empty */
    {M "name = x\n", NULL, 0, GET_TEXT, "title", "ERR t.ini:1: [main] missing key \"title\""},
    {M "title[az] = A\n", NULL, 0, GET_TEXT, "title",
     "ERR t.ini:1: [main] missing key \"title\" (found only \"title[az]\"; add a plain \"title\" "
     "or pass --lang)"},
    {M "title[az] = A\n", "ru", 0, GET_TEXT, "title",
     "ERR t.ini:1: [main] missing key \"title\" for language \"ru\" (found only \"title[az]\"; "
     "add \"title\" or \"title[ru]\")"},
    {M "title =\n", NULL, 0, GET_TEXT, "title",
     "ERR t.ini:2: [main] key \"title\": must not be empty"},
    /* strings: a hint when required, empty is an error */
    {M "title = T\n", NULL, 0, GET_STRING, "name",
     "ERR t.ini:1: [main] missing key \"name\" (a name)"},
    {M "name =\n", NULL, 0, GET_STRING, "name",
     "ERR t.ini:2: [main] key \"name\": empty value (a name)"},
    {M "mode = \n", NULL, 0, GET_STRING, "mode", "ERR t.ini:2: [main] key \"mode\": empty value"},
    {M "\n", NULL, 0, GET_STRING, "mode", ""},
    {M "mode = a\\tb\n", NULL, 0, GET_STRING, "mode", "a\tb"},
    /* one of a list; a comment written after a value gets a hint */
    {M "mode = b\n", NULL, 0, GET_ENUM, "mode", "1"},
    {M "mode = c\n", NULL, 0, GET_ENUM, "mode",
     "ERR t.ini:2: [main] key \"mode\": \"c\" is not one of a, b"},
    {M "mode = a # first\n", NULL, 0, GET_ENUM, "mode",
     "ERR t.ini:2: [main] key \"mode\": \"a # first\" is not one of a, b (a # starts a comment "
     "only at the start of a line)"},
    /* integers in the number grammar: whole and in range */
    {M "count = 7\n", NULL, 0, GET_INT, "count", "7"},
    {M "count = +7\n", NULL, 0, GET_INT, "count", "7"},
    {M "count = 1e1\n", NULL, 0, GET_INT, "count", "10"},
    {M "count = 11\n", NULL, 0, GET_INT, "count",
     "ERR t.ini:2: [main] key \"count\": \"11\" is not an integer from 1 to 10"},
    {M "count = 2.5\n", NULL, 0, GET_INT, "count",
     "ERR t.ini:2: [main] key \"count\": \"2.5\" is not an integer from 1 to 10"},
    {M "count = 99999999999999999999999\n", NULL, 0, GET_INT, "count",
     "ERR t.ini:2: [main] key \"count\": \"99999999999999999999999\" is not an integer from 1 to "
     "10"},
    {M "count = ten\n", NULL, 0, GET_INT, "count",
     "ERR t.ini:2: [main] key \"count\": \"ten\" is not an integer from 1 to 10"},
    /* numbers: the grammar, then the range */
    {M "ratio = .25\n", NULL, 0, GET_NUMBER, "ratio", "0.25"},
    {M "ratio = 2.5e-1\n", NULL, 0, GET_NUMBER, "ratio", "0.25"},
    {M "ratio = 1.5\n", NULL, 0, GET_NUMBER, "ratio",
     "ERR t.ini:2: [main] key \"ratio\": \"1.5\" is out of range: from 0 to 1 × width"},
    {M "ratio = 0,5\n", NULL, 0, GET_NUMBER, "ratio",
     "ERR t.ini:2: [main] key \"ratio\": \"0,5\" is not a number (expected digits with . for "
     "decimals, no grouping, e.g. 613 or 1275.5)"},
    {M "big = -1e999\n", NULL, 0, GET_NUMBER, "big",
     "ERR t.ini:2: [main] key \"big\": \"-1e999\" is out of range: from -1.8e+308 to 1.8e+308"},
    {M "big = inf\n", NULL, 0, GET_NUMBER, "big",
     "ERR t.ini:2: [main] key \"big\": \"inf\" is not a number (expected digits with . for "
     "decimals, no grouping, e.g. 613 or 1275.5)"},
    /* lists: trimmed, empty items dropped, \; inside an item, localized */
    {M "items = a; ;b\\;c ;\n", NULL, 0, GET_LIST, "items", "a|b;c"},
    {M "items = ; ;\n", NULL, 0, GET_LIST, "items", ""},
    {M "items = a\nitems[ru] = b;c\n", "ru", 0, GET_LIST, "items", "b|c"},
    /* an item's key by its tags: a word or a number */
    {M "[item a]\nsize = big\n", NULL, 1, GET_STRING, "size", "big"},
    {M "[item a]\nsize = 12.5\n", NULL, 2, GET_NUMBER, "size", "12.5"},
    {M "[item a]\nsize = big\n", NULL, 2, GET_NUMBER, "size",
     "ERR t.ini:3: [item a] key \"size\": \"big\" is not a number (expected digits with . for "
     "decimals, no grouping, e.g. 613 or 1275.5)"},
    {M "[item a]\nsize = 120\n", NULL, 2, GET_NUMBER, "size",
     "ERR t.ini:3: [item a] key \"size\": \"120\" is out of range: from 0 to 100 pt"},
};
#undef M

/* Reads c's key; returns what it read as text, or "ERR message". */
static char *get_value(const value_case *c)
{
    static const char *const names[] = {"a", "b", NULL};
    g_autoptr(fs_diag) d = fs_diag_new();
    bool ok;
    g_autoptr(fs_keyfile) kf = load(c->text, 0, c->lang, d, &ok);
    assert_true(ok);
    fs_kf_group *g = fs_keyfile_nth_group(kf, c->tags ? 1 : 0);
    g->tags = c->tags;
    g_autofree char *s = NULL;
    g_auto(GStrv) list = NULL;
    long n = LONG_MIN;
    double x = -1;
    int e = -1;
    switch (c->get) {
    case GET_TEXT:
        ok = fs_keyfile_get_text(kf, g, c->key, &s);
        break;
    case GET_STRING:
        ok = fs_keyfile_get_string(kf, g, c->key, NULL, &s);
        break;
    case GET_INT:
        ok = fs_keyfile_get_int(kf, g, c->key, LONG_MAX, &n);
        s = n == LONG_MIN ? NULL : g_strdup_printf("%ld", n);
        break;
    case GET_NUMBER:
        ok = fs_keyfile_get_number(kf, g, c->key, NULL, &x);
        s = x == -1 ? NULL : g_strdup_printf("%g", x);
        break;
    case GET_ENUM:
        ok = fs_keyfile_get_enum(kf, g, c->key, names, &e);
        s = e < 0 ? NULL : g_strdup_printf("%d", e);
        break;
    case GET_LIST:
        ok = fs_keyfile_get_list(kf, g, c->key, &list);
        s = list ? g_strjoinv("|", list) : NULL;
        break;
    }
    assert_int_equal(ok, fs_diag_count(d) == 0);
    if (!ok)
        return g_strdup_printf("ERR %s", fs_diag_message(d, 0));
    return g_strdup(s ? s : "");
}

static void test_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(value_cases); i++) {
        const value_case *c = &value_cases[i];
        g_autofree char *got = get_value(c);
        if (strcmp(got, c->want) != 0)
            fprintf(stderr, "case %zu (%s, lang %s):\n%s\nwant: %s\ngot:  %s\n", i, c->key,
                    c->lang ? c->lang : "-", c->text, c->want, got);
        assert_string_equal(got, c->want);
    }
}

/* A cap tighter than the schema's maximum; the one diagnostic of a read. */
static void test_cap_and_one_message(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    bool ok;
    g_autoptr(fs_keyfile) kf = load("[main]\ncount = 5\n", 0, NULL, d, &ok);
    fs_kf_group *g = fs_keyfile_nth_group(kf, 0);
    long n = 0;
    assert_true(fs_keyfile_get_int(kf, g, "count", 5, &n));
    assert_int_equal(n, 5);
    assert_false(fs_keyfile_get_int(kf, g, "count", 4, &n));
    assert_string_equal(fs_diag_message(d, 0),
                        "t.ini:2: [main] key \"count\": \"5\" is not an integer from 1 to 4");
    /* later failures add nothing */
    fs_keyfile_fail(kf, FS_ERR_INPUT, 1, g, NULL, "another");
    fs_keyfile_fail_file(kf, FS_ERR_SYSTEM, "x", 1, "another");
    assert_int_equal(fs_diag_count(d), 1);
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
}

/* ---- files ---------------------------------------------------------------- */

static void test_files(void **state)
{
    (void)state;
    g_autofree char *dir = g_dir_make_tmp("test_keyfile_XXXXXX", NULL);
    assert_non_null(dir);
    g_autofree char *ok_path = g_build_filename(dir, "ok.ini", NULL);
    g_autofree char *big = g_build_filename(dir, "big.ini", NULL);
    g_autofree char *missing = g_build_filename(dir, "missing.ini", NULL);
    assert_true(g_file_set_contents(ok_path, "[main]\nname = x\n", -1, NULL));
    g_autofree char *text = g_strnfill(2048, '#');
    assert_true(g_file_set_contents(big, text, -1, NULL));
    g_autoptr(fs_diag) d = fs_diag_new();

    GByteArray *b = fs_keyfile_read_file(&schema, ok_path, d);
    assert_non_null(b);
    assert_int_equal(b->len, 16);
    g_byte_array_unref(b);
    assert_int_equal(fs_diag_count(d), 0);

    assert_null(fs_keyfile_read_file(&schema, missing, d));
    g_autofree char *want = g_strdup_printf("%s: No such file (a test file)", missing);
    assert_string_equal(fs_diag_message(d, 0), want);
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);

    fs_diag_clear(d);
    assert_null(fs_keyfile_read_file(&schema, big, d));
    g_free(want);
    want = g_strdup_printf("%s: test is larger than 1 KiB (2048 bytes)", big);
    assert_string_equal(fs_diag_message(d, 0), want);
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);

    fs_diag_clear(d);
    assert_null(fs_keyfile_read_file(&schema, dir, d));
    g_free(want);
    want = g_strdup_printf("%s: is a directory, not a test file", dir);
    assert_string_equal(fs_diag_message(d, 0), want);
    assert_int_equal(fs_diag_status(d), FS_ERR_SYSTEM);

    g_remove(ok_path);
    g_remove(big);
    g_rmdir(dir);
}

/* ---- names ---------------------------------------------------------------- */

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(fs_edit_distance("", ""), 0);
    assert_int_equal(fs_edit_distance("titel", "title"), 2);
    assert_int_equal(fs_edit_distance("valu", "value"), 1);
    assert_int_equal(fs_edit_distance("colour", "color"), 1);
    assert_int_equal(fs_edit_distance("abc", ""), 3);
    g_autofree char *long_name = g_strnfill(33, 'a');
    assert_int_equal(fs_edit_distance(long_name, "a"), SIZE_MAX);

    static const char *const keys[] = {"title", "number_format", "note", NULL};
    assert_string_equal(fs_keyfile_nearest("titel", keys), "title");
    assert_string_equal(fs_keyfile_nearest("number", keys), "number_format");
    assert_null(fs_keyfile_nearest("nu", keys)); /* a prefix of 2 bytes: too short */
    assert_null(fs_keyfile_nearest("colour", keys));

    assert_true(fs_keyfile_is_lang_tag("az"));
    assert_true(fs_keyfile_is_lang_tag("ckb"));
    assert_true(fs_keyfile_is_lang_tag("pt_BR"));
    assert_true(fs_keyfile_is_lang_tag("es_419"));
    assert_true(fs_keyfile_is_lang_tag("sr@latin"));
    assert_false(fs_keyfile_is_lang_tag("AZ"));
    assert_false(fs_keyfile_is_lang_tag("az-Latn"));
    assert_false(fs_keyfile_is_lang_tag("a"));
    assert_false(fs_keyfile_is_lang_tag(""));

    assert_true(fs_keyfile_is_id("killed-2_a"));
    assert_false(fs_keyfile_is_id(""));
    assert_false(fs_keyfile_is_id("a b"));
    g_autofree char *id64 = g_strnfill(64, 'x'), *id65 = g_strnfill(65, 'x');
    assert_true(fs_keyfile_is_id(id64));
    assert_false(fs_keyfile_is_id(id65));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_cap_and_one_message),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
