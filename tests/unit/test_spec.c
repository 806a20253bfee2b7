/* Unit tests of spec: every validation rule over small spec texts (through
 * fs_spec_load_buffer), checked down to the line and the message; the data
 * path rules over a temporary folder (symlink out, .., absolute, directory,
 * missing, --data-root); the descriptors kept for data files (shared, none
 * leaked); and the values of a valid spec. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "spec.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAD "[report]\nname = r\ntitle = T\n"
#define TEXT_PANEL "[panel p]\ntype = text\ntext = Hello\n"

/* Loads text as "s/report.ini"; returns the spec or NULL; *d gets messages. */
static fs_spec *load(const char *text, const char *lang, fs_diag *d)
{
    return fs_spec_load_buffer("s/report.ini", text, strlen(text), NULL, lang, d);
}

/* Asserts that text fails with exactly one message "s/report.ini:LINE: …"
 * containing want, with the given status. */
static void expect_error(const char *text, unsigned long line, const char *want, fs_status st)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_spec *s = load(text, NULL, d);
    if (s || fs_diag_count(d) != 1) {
        fprintf(stderr, "spec:\n%s\nexpected one error containing: %s\ngot %zu messages%s\n", text,
                want, fs_diag_count(d), s ? " and a spec" : "");
        for (size_t i = 0; i < fs_diag_count(d); i++)
            fprintf(stderr, "  %s\n", fs_diag_message(d, i));
    }
    fs_spec_free(s);
    assert_null(s);
    assert_int_equal(fs_diag_count(d), 1);
    const char *m = fs_diag_message(d, 0);
    g_autofree char *prefix =
        line ? g_strdup_printf("s/report.ini:%lu: ", line) : g_strdup("s/report.ini: ");
    if (!g_str_has_prefix(m, prefix) || !strstr(m, want))
        fprintf(stderr, "spec:\n%s\nwant prefix \"%s\" and \"%s\"\ngot: %s\n", text, prefix, want,
                m);
    assert_true(g_str_has_prefix(m, prefix));
    assert_non_null(strstr(m, want));
    assert_null(strchr(m, '\n'));
    assert_int_equal(fs_diag_status(d), st);
}

typedef struct err_case {
    const char *text;
    unsigned long line; /* 0: no line */
    const char *want;   /* a substring of the message */
} err_case;

static const err_case structure_cases[] = {
    /* not a key file, empty, no report, no panels */
    {"", 0, "empty file"},
    {"# only a comment\n\n", 0, "no [report] group"},
    {"[panel p]\ntype = text\ntext = x\n", 0, "no [report] group"},
    {HEAD, 1, "no panels"},
    {"group,count\nmen,1\n", 1, "\"group,count\" is not a key file line"},
    {HEAD "just words\n" TEXT_PANEL, 4, "\"just words\" is not a key file line"},
    {"name = r\n" HEAD, 1, "key \"name\" outside any group"},
    {"# c\r\n\xef\xbb\xbf[report]\n", 2, "is not a key file line"}, /* a BOM only at the start */
    {HEAD "[panel p\n", 4, "\"[panel p\" is not a group header"},
    {HEAD "[panel p] x\n", 4, "is not a group header"},
    {HEAD " = x\n" TEXT_PANEL, 4, "[report] line has \"=\" but no key"},
    /* groups */
    {HEAD "[Report]\n" TEXT_PANEL, 4, "unknown group \"Report\" (did you mean [report]?)"},
    {HEAD "[panels p]\n", 4, "unknown group \"panels p\" (did you mean [panel p]?)"},
    {HEAD "[pannel p]\n", 4, "(did you mean [panel p]?)"},
    {HEAD "[chart]\n", 4, "unknown group \"chart\" (expected [report] or [panel ID])"},
    {HEAD "[panel]\n", 4, "[panel] needs an ID"},
    {HEAD "[panel a b]\n", 4, "ID \"a b\" must be 1 to 64 letters"},
    {HEAD "[panel é]\n", 4, "ID \"é\" must be"},
    {HEAD TEXT_PANEL "[report]\n", 7, "duplicate group [report] (first at line 1)"},
    {HEAD TEXT_PANEL TEXT_PANEL, 7,
     "duplicate group [panel p]: panel IDs must be unique "
     "(first at line 4)"},
    /* keys */
    {HEAD "titel = x\n" TEXT_PANEL, 4,
     "[report] key \"titel\": unknown key (did you mean "
     "\"title\"?)"},
    {HEAD "colour = x\n" TEXT_PANEL, 4, "[report] key \"colour\": unknown key"},
    {HEAD "number = 1\n" TEXT_PANEL, 4, "(did you mean \"number_format\"?)"},
    {HEAD "[panel p]\ntype = text\ntext = x\nvalu = 3\n", 7,
     "[panel p] key \"valu\": unknown key (did you mean \"value\"?)"},
    {HEAD "title = U\n" TEXT_PANEL, 4, "[report] key \"title\": duplicate key (first at line 3)"},
    {HEAD "title[az] = a\ntitle[az] = b\n" TEXT_PANEL, 5,
     "key \"title[az]\": duplicate key (first at line 4)"},
    {HEAD "name[az] = x\n" TEXT_PANEL, 4, "\"name\" cannot be localized"},
    {HEAD "title[AZ] = x\n" TEXT_PANEL, 4, "\"AZ\" is not a language tag"},
    {HEAD "title[az-Latn] = x\n" TEXT_PANEL, 4, "\"az-Latn\" is not a language tag"},
    {HEAD "title[az = x\n" TEXT_PANEL, 4, "key \"title[az\": not a key name"},
    {HEAD "title[] = x\n" TEXT_PANEL, 4, "\"\" is not a language tag"},
    {HEAD "title[a]b] = x\n" TEXT_PANEL, 4, "not a key name"},
    /* UTF-8 */
    {HEAD "subtitle = caf\xe9\n" TEXT_PANEL, 4,
     "[report] key \"subtitle\": value has invalid UTF-8 (byte 0xe9 at column 15)"},
    {HEAD "# caf\xe9\n" TEXT_PANEL, 4, "line has invalid UTF-8 (byte 0xe9 at column 6)"},
    {HEAD "[panel \xff]\n", 4, "line has invalid UTF-8"},
    {"\xef\xbb\xbf[report]\nname = r\ntitle = \xc3\n" TEXT_PANEL, 3,
     "key \"title\": value has invalid UTF-8 (byte 0xc3 at column 9)"},
    /* escapes */
    {HEAD "subtitle = C:\\data\n" TEXT_PANEL, 4, "key \"subtitle\": invalid escape"},
    {HEAD "subtitle[ru] = a\\q\n" TEXT_PANEL, 4, "key \"subtitle[ru]\": invalid escape"},
};

static const err_case report_cases[] = {
    {"[report]\ntitle = T\n" TEXT_PANEL, 1, "[report] missing key \"name\""},
    {"[report]\nname = r\n" TEXT_PANEL, 1, "[report] missing key \"title\""},
    {"[report]\nname = r\ntitle[az] = T\n" TEXT_PANEL, 1,
     "missing key \"title\" (found only \"title[az]\"; add a plain \"title\" or pass --lang)"},
    {"[report]\nname = r\ntitle =\n" TEXT_PANEL, 3, "key \"title\": must not be empty"},
    {"[report]\nname = my report\ntitle = T\n" TEXT_PANEL, 2,
     "key \"name\": \"my report\" is not a name"},
    {"[report]\nname = ../r\ntitle = T\n" TEXT_PANEL, 2, "\"../r\" is not a name"},
    {"[report]\nname = r  # the name\ntitle = T\n" TEXT_PANEL, 2,
     "(a # starts a comment only at the start of a line)"},
    {"[report]\nname =\ntitle = T\n" TEXT_PANEL, 2, "key \"name\": empty value"},
    {HEAD "date = 2023-02-30\n" TEXT_PANEL, 4, "key \"date\": \"2023-02-30\" is not a date"},
    {HEAD "date = 26 Feb 2023\n" TEXT_PANEL, 4, "is not a date (expected YYYY, YYYY-MM"},
    {HEAD "date = 2023-13\n" TEXT_PANEL, 4, "is not a date"},
    {HEAD "date = 0000\n" TEXT_PANEL, 4, "is not a date"},
    {HEAD "page = A6\n" TEXT_PANEL, 4, "key \"page\": \"A6\" is not a page size"},
    {HEAD "page = 0x297mm\n" TEXT_PANEL, 4, "\"0x297mm\" is not a page size"},
    {HEAD "page = -210x297mm\n" TEXT_PANEL, 4, "is not a page size"},
    {HEAD "page = nanxnan\n" TEXT_PANEL, 4, "is not a page size"},
    {HEAD "page = 210x297furlongs\n" TEXT_PANEL, 4, "is not a page size"},
    {HEAD "page = 10x10mm\n" TEXT_PANEL, 4, "each side must be from 72 pt (1 in) to 14400 pt"},
    {HEAD "page = 300x300in\n" TEXT_PANEL, 4, "\"300x300in\" is 21600x21600 pt"},
    {HEAD "page = 100000000x1\n" TEXT_PANEL, 4, "each side must be"},
    {HEAD "columns = 0\n" TEXT_PANEL, 4, "key \"columns\": \"0\" is not an integer from 1 to 24"},
    {HEAD "columns = 25\n" TEXT_PANEL, 4, "is not an integer from 1 to 24"},
    {HEAD "columns = 12.5\n" TEXT_PANEL, 4, "is not an integer"},
    {HEAD "columns = 99999999999999999999\n" TEXT_PANEL, 4, "is not an integer"},
    {HEAD "number_format = 1_275\n" TEXT_PANEL, 4,
     "key \"number_format\": \"1_275\" is not a "
     "number format"},
    {HEAD "theme = blue\n" TEXT_PANEL, 4, "key \"theme\": \"blue\" is not one of light, dark"},
    {HEAD "slide_size = 1920\n" TEXT_PANEL, 4, "\"1920\" is not a slide size"},
    {HEAD "slide_size = 20x10cm\n" TEXT_PANEL, 4, "is not a slide size (expected WxH in px"},
    {HEAD "slide_size = 50x50\n" TEXT_PANEL, 4, "each side must be from 100 to 10000 px"},
    {HEAD "slide_size = 20000x1080\n" TEXT_PANEL, 4, "each side must be"},
    {HEAD "languages = en,AZ\n" TEXT_PANEL, 4, "key \"languages\": \"AZ\" is not a language tag"},
    {HEAD "languages = en,,ru\n" TEXT_PANEL, 4, "\"\" is not a language tag"},
    {HEAD "languages = en,ru,en\n" TEXT_PANEL, 4, "\"en\" is listed twice"},
};

#define P "[panel p]\n"
static const err_case panel_cases[] = {
    {HEAD P "title = x\n", 4, "[panel p] missing key \"type\" (bar, line, area, stat, pictogram"},
    {HEAD P "type = pie\n", 5, "[panel p] key \"type\": \"pie\" is not a panel type"},
    {HEAD P "type = text\ntext = x\nper = 10\n", 7,
     "[panel p] key \"per\": does not apply to a text panel (it is for: pictogram)"},
    {HEAD P "type = bar\ndata = a.csv\nlabel = g\nvalue = n\ncaption = x\n", 9,
     "key \"caption\": does not apply to a bar panel (it is for: stat)"},
    {HEAD P "type = text\ndata = a.csv\ntext = x\n", 6,
     "does not apply to a text panel (it is for: bar, stat, pictogram, timeline, line, area)"},
    {HEAD P "type = text\ntext = x\nspan = 13\n", 7,
     "key \"span\": \"13\" is not an integer from 1 to 12"},
    {HEAD "columns = 4\n" P "type = text\ntext = x\nspan = 6\n", 8, "from 1 to 4"},
    {HEAD P "type = text\ntext = x\nspan = -1\n", 7, "is not an integer"},
    /* bar */
    {HEAD P "type = bar\nlabel = g\nvalue = n\n", 4,
     "[panel p] missing key \"data\" (the CSV "
     "file"},
    {HEAD P "type = bar\ndata =\n", 6, "key \"data\": empty value"},
    /* text */
    {HEAD P "type = text\n", 4, "a text panel needs text = PARAGRAPH, items = ONE;TWO;… or file = TEXT-FILE"},
    {HEAD P "type = text\ntext =\nitems = ;  ;\n", 4, "a text panel needs text"},
    /* stat */
    {HEAD P "type = stat\ncaption = x\n", 4,
     "a stat needs value = NUMBER, or data = FILE and "
     "column = COL"},
    {HEAD P "type = stat\nvalue = 1,275\ncaption = x\n", 6,
     "key \"value\": \"1,275\" is not a number (expected digits with . for decimals, no "
     "grouping"},
    {HEAD P "type = stat\nvalue = 1e999\ncaption = x\n", 6,
     "\"1e999\" is out of range: from -1.8e+308 to 1.8e+308"},
    {HEAD P "type = stat\nvalue = nan\ncaption = x\n", 6, "\"nan\" is not a number"},
    {HEAD P "type = stat\nvalue = inf\ncaption = x\n", 6, "is not a number"},
    {HEAD P "type = stat\nvalue = 0x10\ncaption = x\n", 6, "is not a number"},
    {HEAD P "type = stat\nvalue = \ncaption = x\n", 6, "key \"value\": empty value"},
    {HEAD P "type = stat\nvalue = 613\n", 4, "[panel p] missing key \"caption\" (the words"},
    {HEAD P "type = stat\nvalue = 613\ncaption =\n", 7, "key \"caption\": must not be empty"},
    {HEAD P "type = stat\nvalue = 613\ncolumn = n\ncaption = x\n", 7,
     "key \"column\": only with data = FILE (this stat has value = NUMBER)"},
    {HEAD P "type = stat\nrow = 2\ncaption = x\n", 6, "key \"row\": only with data = FILE"},
    {HEAD P "type = stat\nvalue = 613\ndelimiter = ;\ncaption = x\n", 7,
     "key \"delimiter\": only with data = FILE"},
    {HEAD P "type = stat\ndata = a.csv\nvalue = 3\ncaption = x\n", 7,
     "key \"value\": a stat takes either value = NUMBER or data + column, not both (data is "
     "at line 6)"},
    /* pictogram */
    {HEAD P "type = pictogram\n", 4, "missing key \"data\""},
    /* localized required keys with --lang */
};
#undef P

static void run_cases(const err_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        expect_error(cases[i].text, cases[i].line, cases[i].want, FS_ERR_INPUT);
}

static void test_structure(void **state)
{
    (void)state;
    run_cases(structure_cases, G_N_ELEMENTS(structure_cases));
}

static void test_report_keys(void **state)
{
    (void)state;
    run_cases(report_cases, G_N_ELEMENTS(report_cases));
}

static void test_panel_keys(void **state)
{
    (void)state;
    run_cases(panel_cases, G_N_ELEMENTS(panel_cases));
}

static void test_nul_and_limits(void **state)
{
    (void)state;
    /* a NUL byte: a binary file */
    static const char nul[] = "[report]\nna\0me = r\n";
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_null(fs_spec_load_buffer("s/report.ini", nul, sizeof nul - 1, NULL, NULL, d));
    assert_int_equal(fs_diag_count(d), 1);
    assert_string_equal(fs_diag_message(d, 0),
                        "s/report.ini:2: line has a NUL byte (byte 0x00 at column 3); a spec "
                        "must be UTF-8 text");

    /* bigger than 1 MiB */
    fs_diag_clear(d);
    gsize big = 1024 * 1024 + 1;
    g_autofree char *buf = g_malloc(big);
    memset(buf, '#', big);
    assert_null(fs_spec_load_buffer("s/report.ini", buf, big, NULL, NULL, d));
    assert_int_equal(fs_diag_count(d), 1);
    assert_non_null(strstr(fs_diag_message(d, 0), "larger than 1 MiB"));

    /* 201 panels */
    fs_diag_clear(d);
    GString *s = g_string_new(HEAD);
    for (int i = 1; i <= 201; i++)
        g_string_append_printf(s, "[panel p%d]\ntype = text\ntext = x\n", i);
    assert_null(load(s->str, NULL, d));
    assert_int_equal(fs_diag_count(d), 1);
    /* panel 201's header: 3 + 3 * 200 + 1 */
    assert_string_equal(fs_diag_message(d, 0), "s/report.ini:604: too many panels (the limit "
                                               "is 200)");
    g_string_free(s, TRUE);

    /* 200 panels are fine */
    fs_diag_clear(d);
    s = g_string_new(HEAD);
    for (int i = 1; i <= 200; i++)
        g_string_append_printf(s, "[panel p%d]\ntype = text\ntext = x\n", i);
    fs_spec *spec = load(s->str, NULL, d);
    assert_non_null(spec);
    assert_int_equal(spec->panels->len, 200);
    fs_spec_free(spec);
    g_string_free(s, TRUE);
}

static void test_control_chars_escaped(void **state)
{
    (void)state;
    /* the key and value are escaped in the one-line message */
    expect_error(HEAD "theme = da\x1b[31mrk\n" TEXT_PANEL, 4, "\"da\\x1b[31mrk\" is not one of",
                 FS_ERR_INPUT);
    expect_error(HEAD "ti\x01tle = x\n" TEXT_PANEL, 4, "key \"ti\\x01tle\": unknown key",
                 FS_ERR_INPUT);
    expect_error(HEAD "theme = a\\nb\n" TEXT_PANEL, 4, "\"a\\nb\" is not one of", FS_ERR_INPUT);
}

static void test_bad_lang_argument(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    assert_null(load(HEAD TEXT_PANEL, "en,az", d));
    assert_int_equal(fs_diag_count(d), 1);
    assert_int_equal(fs_diag_status(d), FS_ERR_USAGE);
    assert_non_null(strstr(fs_diag_message(d, 0), "--lang \"en,az\" is not a language tag"));
}

/* A valid spec with every key: check the values and the defaults. */
static void test_valid_values(void **state)
{
    (void)state;
    static const char full[] = "\xef\xbb\xbf# factsheet spec\r\n"
                               "[report]\r\n"
                               "name = khojaly\n"
                               "title = Khojaly, 25\xe2\x80\x93"
                               "26 February 1992\n"
                               "title[az] = Xocal\xc4\xb1\n"
                               "subtitle =   spaces around   \n"
                               "date = 2023-02-26\n"
                               "source = A\\sB\n"
                               "note = Figures as reported.\n"
                               "keywords = a, b\n"
                               "author = Someone\n"
                               "page = Letter\n"
                               "columns = 6\n"
                               "number_format = 1 275\n"
                               "theme = dark\n"
                               "slide_size = 1280x720px\n"
                               "languages = en, az ,ru\n"
                               "\n"
                               "[panel killed]\n"
                               "type = bar\n"
                               "span = 3\n"
                               "data = killed.csv\n"
                               "delimiter = tab\n"
                               "label = group\n"
                               "value = men , women\n"
                               "orientation = vertical\n"
                               "sort = desc\n"
                               "mode = stacked\n"
                               "unit = people\n"
                               "[panel total]\n"
                               "type = stat\n"
                               "value = -1.5e3\n"
                               "caption = killed\n"
                               "caption[ru] = \xd1\x83\xd0\xb1\xd0\xb8\xd1\x82\xd0\xbe\n"
                               "compare = of whom 106 women\n"
                               "[panel cell]\n"
                               "type = stat\n"
                               "data = killed.csv\n"
                               "column = count\n"
                               "caption = c\n"
                               "[panel icons]\n"
                               "type = pictogram\n"
                               "data = killed.csv\n"
                               "label = group\n"
                               "value = count\n"
                               "per = 10\n"
                               "icon = house\n"
                               "[panel when]\n"
                               "type = timeline\n"
                               "data = events.csv\n"
                               "event = what\n"
                               "[panel words]\n"
                               "type = text\n"
                               "items = one; two\\;three ;four;\n"
                               "items[az] = bir;iki\n";
    /* data paths need files: make them in a temporary folder */
    g_autofree char *dir = g_dir_make_tmp("test_spec_XXXXXX", NULL);
    assert_non_null(dir);
    g_autofree char *csv = g_build_filename(dir, "killed.csv", NULL);
    g_autofree char *ev = g_build_filename(dir, "events.csv", NULL);
    assert_true(g_file_set_contents(csv, "group,count\n", -1, NULL));
    assert_true(g_file_set_contents(ev, "date,what\n", -1, NULL));
    g_autofree char *name = g_build_filename(dir, "report.ini", NULL);

    g_autoptr(fs_diag) d = fs_diag_new();
    fs_spec *s = fs_spec_load_buffer(name, full, sizeof full - 1, NULL, NULL, d);
    if (!s)
        fprintf(stderr, "%s\n", fs_diag_message(d, 0));
    assert_non_null(s);
    assert_int_equal(fs_diag_count(d), 0);
    assert_string_equal(s->path, name);
    assert_string_equal(s->dir, dir);
    assert_string_equal(s->name, "khojaly");
    assert_string_equal(s->title, "Khojaly, 25\xe2\x80\x93"
                                  "26 February 1992");
    assert_string_equal(s->subtitle, "spaces around");
    assert_string_equal(s->date, "2023-02-26");
    assert_string_equal(s->source, "A B");
    assert_string_equal(s->keywords, "a, b");
    assert_string_equal(s->author, "Someone");
    assert_null(s->lang);
    assert_int_equal(s->line, 2);
    assert_true(fabs(s->page_w - 612) < 1e-9 && fabs(s->page_h - 792) < 1e-9);
    assert_int_equal(s->columns, 6);
    assert_string_equal(s->numfmt.group, " ");
    assert_string_equal(s->numfmt.decimal, ".");
    assert_non_null(s->theme);
    assert_string_equal(s->theme->name, "dark");
    assert_int_equal(s->theme->background, 0x15191fff);
    assert_true(s->slide_w == 1280 && s->slide_h == 720);
    assert_non_null(s->languages);
    assert_string_equal(s->languages[0], "en");
    assert_string_equal(s->languages[1], "az");
    assert_string_equal(s->languages[2], "ru");
    assert_null(s->languages[3]);
    assert_int_equal(s->panels->len, 6);

    const fs_panel *p = g_ptr_array_index(s->panels, 0);
    assert_string_equal(p->id, "killed");
    assert_int_equal(p->type, FS_PANEL_BAR);
    assert_int_equal(p->line, 19);
    assert_int_equal(p->span, 3);
    assert_string_equal(p->data, csv);
    assert_int_equal(p->delimiter, '\t');
    assert_string_equal(p->label, "group");
    assert_string_equal(p->values[0], "men");
    assert_string_equal(p->values[1], "women");
    assert_null(p->values[2]);
    assert_int_equal(p->orient, FS_ORIENT_VERTICAL);
    assert_int_equal(p->sort, FS_SORT_DESC);
    assert_int_equal(p->mode, FS_MODE_STACKED);
    assert_string_equal(p->unit, "people");
    assert_null(p->title);
    assert_int_equal(fs_panel_key_line(p, "value"), 25);
    assert_int_equal(fs_panel_key_line(p, "data"), 22);
    assert_int_equal(fs_panel_key_line(p, "title"), 19); /* absent: the header */

    p = g_ptr_array_index(s->panels, 1);
    assert_int_equal(p->type, FS_PANEL_STAT);
    assert_int_equal(p->span, 6); /* default: every column */
    assert_true(p->has_value);
    assert_true(p->value == -1500);
    assert_null(p->data);
    assert_int_equal(p->row, 0);
    assert_string_equal(p->caption, "killed");
    assert_string_equal(p->compare, "of whom 106 women");

    p = g_ptr_array_index(s->panels, 2);
    assert_false(p->has_value);
    assert_string_equal(p->column, "count");
    assert_int_equal(p->row, 1); /* default */
    assert_int_equal(p->delimiter, 0);

    p = g_ptr_array_index(s->panels, 3);
    assert_int_equal(p->type, FS_PANEL_PICTOGRAM);
    assert_string_equal(p->values[0], "count");
    assert_null(p->values[1]);
    assert_true(p->per == 10);
    assert_int_equal(p->icon, FS_ICON_HOUSE);
    assert_string_equal(p->per_unit, "units");

    p = g_ptr_array_index(s->panels, 4);
    assert_int_equal(p->type, FS_PANEL_TIMELINE);
    assert_string_equal(p->date_col, "date");
    assert_string_equal(p->event_col, "what");

    p = g_ptr_array_index(s->panels, 5);
    assert_int_equal(p->type, FS_PANEL_TEXT);
    assert_null(p->text);
    assert_string_equal(p->items[0], "one");
    assert_string_equal(p->items[1], "two;three");
    assert_string_equal(p->items[2], "four");
    assert_null(p->items[3]);
    fs_spec_free(s);

    /* the same with --lang az, ru, az_AZ (falls back to az) and de (plain) */
    static const struct {
        const char *lang, *title, *caption, *item0;
    } langs[] = {{"az", "Xocal\xc4\xb1", "killed", "bir"},
                 {"az_AZ", "Xocal\xc4\xb1", "killed", "bir"},
                 {"ru",
                  "Khojaly, 25\xe2\x80\x93"
                  "26 February 1992",
                  "\xd1\x83\xd0\xb1\xd0\xb8\xd1\x82\xd0\xbe", "one"},
                 {"de",
                  "Khojaly, 25\xe2\x80\x93"
                  "26 February 1992",
                  "killed", "one"}};
    for (size_t i = 0; i < G_N_ELEMENTS(langs); i++) {
        s = fs_spec_load_buffer(name, full, sizeof full - 1, NULL, langs[i].lang, d);
        assert_non_null(s);
        assert_string_equal(s->lang, langs[i].lang);
        assert_string_equal(s->title, langs[i].title);
        p = g_ptr_array_index(s->panels, 1);
        assert_string_equal(p->caption, langs[i].caption);
        p = g_ptr_array_index(s->panels, 5);
        assert_string_equal(p->items[0], langs[i].item0);
        fs_spec_free(s);
    }

    g_unlink(csv);
    g_unlink(ev);
    g_rmdir(dir);
}

static void test_defaults(void **state)
{
    (void)state;
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_spec *s = load(HEAD TEXT_PANEL, NULL, d);
    assert_non_null(s);
    assert_true(fabs(s->page_w - 595.2756) < 1e-3 && fabs(s->page_h - 841.8898) < 1e-3);
    assert_int_equal(s->columns, 12);
    assert_string_equal(s->numfmt.group, ",");
    assert_string_equal(s->numfmt.decimal, ".");
    assert_null(s->theme); /* no theme key: the light defaults */
    assert_true(s->slide_w == 1920 && s->slide_h == 1080);
    assert_null(s->languages);
    assert_null(s->subtitle);
    assert_string_equal(s->dir, "s");
    const fs_panel *p = g_ptr_array_index(s->panels, 0);
    assert_int_equal(p->span, 12);
    assert_string_equal(p->text, "Hello");
    assert_null(p->items);
    fs_spec_free(s);

    /* a localized key without its plain key is fine when it is optional */
    s = load("[report]\nname = r\ntitle = T\nsubtitle[az] = S\n" TEXT_PANEL, NULL, d);
    assert_non_null(s);
    assert_null(s->subtitle);
    fs_spec_free(s);
    s = load("[report]\nname = r\ntitle = T\nsubtitle[az] = S\n" TEXT_PANEL, "az", d);
    assert_non_null(s);
    assert_string_equal(s->subtitle, "S");
    fs_spec_free(s);
    assert_int_equal(fs_diag_count(d), 0);

    /* a required key only in another language */
    s = load("[report]\nname = r\ntitle[ru] = T\n" TEXT_PANEL, "az", d);
    assert_null(s);
    assert_string_equal(fs_diag_message(d, 0),
                        "s/report.ini:1: [report] missing key \"title\" for language \"az\" "
                        "(found only \"title[ru]\"; add \"title\" or \"title[az]\")");
    fs_diag_clear(d);
    /* only in this language: fine */
    s = load("[report]\nname = r\ntitle[az] = T\n" TEXT_PANEL, "az", d);
    assert_non_null(s);
    assert_string_equal(s->title, "T");
    fs_spec_free(s);
}

/* ---- data paths in a temporary folder ----------------------------------- */

typedef struct tmp_tree {
    char *root;    /* tmp/ */
    char *spec;    /* tmp/spec/report.ini (not written: loaded from a buffer) */
    char *specdir; /* tmp/spec */
} tmp_tree;

static void write_file(const char *dir, const char *name, const char *text)
{
    g_autofree char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
}

static int tree_setup(void **state)
{
    tmp_tree *t = g_new0(tmp_tree, 1);
    t->root = g_dir_make_tmp("test_spec_XXXXXX", NULL);
    if (!t->root)
        return -1;
    t->specdir = g_build_filename(t->root, "spec", NULL);
    g_autofree char *sub = g_build_filename(t->specdir, "sub", NULL);
    g_mkdir_with_parents(sub, 0755);
    t->spec = g_build_filename(t->specdir, "report.ini", NULL);
    write_file(t->specdir, "ok.csv", "a,b\n");
    write_file(sub, "in.csv", "a,b\n");
    write_file(t->root, "outside.csv", "a,b\n");
    g_autofree char *link = g_build_filename(t->specdir, "link.csv", NULL);
    g_autofree char *dirlink = g_build_filename(t->specdir, "uplink", NULL);
    g_autofree char *inlink = g_build_filename(t->specdir, "inlink.csv", NULL);
    if (symlink("../outside.csv", link) != 0 || symlink("..", dirlink) != 0 ||
        symlink("sub/in.csv", inlink) != 0)
        return -1;
    g_autofree char *locked = g_build_filename(t->specdir, "locked.csv", NULL);
    write_file(t->specdir, "locked.csv", "a,b\n");
    g_chmod(locked, 0);
    *state = t;
    return 0;
}

static int tree_teardown(void **state)
{
    tmp_tree *t = *state;
    static const char *const files[] = {
        "spec/ok.csv",     "spec/sub/in.csv", "outside.csv", "spec/link.csv", "spec/uplink",
        "spec/inlink.csv", "spec/locked.csv", "spec/sub",    "spec",          NULL};
    for (const char *const *f = files; *f; f++) {
        g_autofree char *p = g_build_filename(t->root, *f, NULL);
        if (g_remove(p) != 0)
            g_rmdir(p);
    }
    g_rmdir(t->root);
    g_free(t->root);
    g_free(t->spec);
    g_free(t->specdir);
    g_free(t);
    return 0;
}

/* Loads a one-bar spec whose data = value, from the tree's spec folder. */
static fs_spec *load_data(const tmp_tree *t, const char *value, const char *data_root, fs_diag *d)
{
    g_autofree char *text = g_strdup_printf(HEAD "[panel p]\ntype = bar\ndata = %s\nlabel = a\n"
                                                 "value = b\n",
                                            value);
    return fs_spec_load_buffer(t->spec, text, strlen(text), data_root, NULL, d);
}

static void expect_data_error(const tmp_tree *t, const char *value, const char *data_root,
                              const char *want, fs_status st)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_spec *s = load_data(t, value, data_root, d);
    assert_null(s);
    assert_int_equal(fs_diag_count(d), 1);
    g_autofree char *prefix = g_strdup_printf("%s:6: [panel p] key \"data\": ", t->spec);
    const char *m = fs_diag_message(d, 0);
    if (!g_str_has_prefix(m, prefix) || !strstr(m, want))
        fprintf(stderr, "data = %s: want \"%s\" … \"%s\"\ngot %s\n", value, prefix, want, m);
    assert_true(g_str_has_prefix(m, prefix));
    assert_non_null(strstr(m, want));
    assert_int_equal(fs_diag_status(d), st);
}

static void test_data_paths(void **state)
{
    const tmp_tree *t = *state;
    g_autoptr(fs_diag) d = fs_diag_new();

    /* inside: resolved against the spec's folder, kept readable */
    static const char *const ok[] = {"ok.csv", "sub/in.csv", "./ok.csv", "inlink.csv", NULL};
    for (const char *const *v = ok; *v; v++) {
        fs_spec *s = load_data(t, *v, NULL, d);
        if (!s)
            fprintf(stderr, "%s: %s\n", *v, fs_diag_message(d, 0));
        assert_non_null(s);
        const fs_panel *p = g_ptr_array_index(s->panels, 0);
        g_autofree char *want = g_build_filename(t->specdir, *v, NULL);
        assert_string_equal(p->data, want);
        fs_spec_free(s);
    }

    expect_data_error(t, "../outside.csv", NULL,
                      "\"../outside.csv\" leaves the spec's folder (pass --data-root DIR",
                      FS_ERR_INPUT);
    expect_data_error(t, "sub/../ok.csv", NULL, "leaves the spec's folder", FS_ERR_INPUT);
    expect_data_error(t, "/etc/passwd", NULL,
                      "\"/etc/passwd\" is an absolute path; data paths are relative to the "
                      "spec's folder",
                      FS_ERR_INPUT);
    expect_data_error(t, "link.csv", NULL,
                      "\"link.csv\" resolves outside the spec's folder (through a symbolic link",
                      FS_ERR_INPUT);
    expect_data_error(t, "uplink/outside.csv", NULL, "resolves outside the spec's folder",
                      FS_ERR_INPUT);
    /* quoted as the spec writes it, not joined to the spec's folder */
    expect_data_error(t, "missing.csv", NULL, "key \"data\": \"missing.csv\": No such file",
                      FS_ERR_INPUT);
    expect_data_error(t, "ok.csv/x", NULL, "No such file", FS_ERR_INPUT);
    expect_data_error(t, "sub", NULL, "key \"data\": \"sub\" is a directory, not a CSV file",
                      FS_ERR_INPUT);
    expect_data_error(t, ".", NULL, "is a directory", FS_ERR_INPUT);
    if (geteuid() != 0) /* root reads anything */
        expect_data_error(t, "locked.csv", NULL, "cannot read \"locked.csv\": Permission denied",
                          FS_ERR_INPUT);

    /* --data-root: .. and absolute paths are fine inside it, not outside */
    fs_spec *s = load_data(t, "../outside.csv", t->root, d);
    assert_non_null(s);
    g_autofree char *want = g_build_filename(t->specdir, "../outside.csv", NULL);
    assert_string_equal(((const fs_panel *)g_ptr_array_index(s->panels, 0))->data, want);
    fs_spec_free(s);
    s = load_data(t, "link.csv", t->root, d);
    assert_non_null(s);
    fs_spec_free(s);
    g_autofree char *abs = g_build_filename(t->root, "outside.csv", NULL);
    s = load_data(t, abs, t->root, d);
    assert_non_null(s);
    assert_string_equal(((const fs_panel *)g_ptr_array_index(s->panels, 0))->data, abs);
    fs_spec_free(s);
    assert_int_equal(fs_diag_count(d), 0);
    expect_data_error(t, "/etc/passwd", t->root, "\"/etc/passwd\" resolves outside --data-root",
                      FS_ERR_INPUT);
    expect_data_error(t, "../outside.csv", t->specdir, "resolves outside --data-root",
                      FS_ERR_INPUT);

    /* a --data-root that is no folder */
    s = load_data(t, "ok.csv", "/nonexistent/dir", d);
    assert_null(s);
    assert_int_equal(fs_diag_status(d), FS_ERR_USAGE);
    assert_non_null(strstr(fs_diag_message(d, 0), "--data-root \"/nonexistent/dir\" is not a "
                                                  "folder"));
}

/* fs_spec_load on files: missing, a directory, unreadable, too big, valid */
static void test_load_file(void **state)
{
    const tmp_tree *t = *state;
    g_autoptr(fs_diag) d = fs_diag_new();

    g_autofree char *missing = g_build_filename(t->specdir, "nope.ini", NULL);
    assert_null(fs_spec_load(missing, NULL, NULL, d));
    g_autofree char *want = g_strdup_printf("%s: No such file", missing);
    assert_string_equal(fs_diag_message(d, 0), want);
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);

    fs_diag_clear(d);
    assert_null(fs_spec_load(t->specdir, NULL, NULL, d));
    g_free(want);
    want = g_strdup_printf("%s: is a directory, not a spec file", t->specdir);
    assert_string_equal(fs_diag_message(d, 0), want);
    assert_int_equal(fs_diag_status(d), FS_ERR_SYSTEM);

    g_autofree char *locked = g_build_filename(t->specdir, "locked.csv", NULL);
    if (geteuid() != 0) {
        fs_diag_clear(d);
        assert_null(fs_spec_load(locked, NULL, NULL, d));
        assert_non_null(strstr(fs_diag_message(d, 0), "cannot read the spec: Permission denied"));
        assert_int_equal(fs_diag_status(d), FS_ERR_SYSTEM);
    }

    /* too big: refused before reading it */
    fs_diag_clear(d);
    g_autofree char *big = g_build_filename(t->root, "big.ini", NULL);
    FILE *fp = fopen(big, "w");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 2 * 1024 * 1024, SEEK_SET), 0);
    fputc('\n', fp);
    fclose(fp);
    assert_null(fs_spec_load(big, NULL, NULL, d));
    assert_non_null(strstr(fs_diag_message(d, 0), "spec is larger than 1 MiB"));
    assert_int_equal(fs_diag_status(d), FS_ERR_INPUT);
    g_remove(big);

    /* a valid file; data relative to its folder */
    fs_diag_clear(d);
    write_file(t->specdir, "report.ini",
               HEAD "[panel p]\ntype = stat\ndata = ok.csv\n"
                    "column = b\ncaption = c\n");
    fs_spec *s = fs_spec_load(t->spec, NULL, NULL, d);
    assert_non_null(s);
    g_autofree char *csv = g_build_filename(t->specdir, "ok.csv", NULL);
    assert_string_equal(((const fs_panel *)g_ptr_array_index(s->panels, 0))->data, csv);
    fs_spec_free(s);
    g_remove(t->spec);
}

/* Entries of /proc/self/fd now, or -1 without /proc. */
static int open_fds(void)
{
    GDir *dir = g_dir_open("/proc/self/fd", 0, NULL);
    if (!dir)
        return -1;
    int n = 0;
    while (g_dir_read_name(dir))
        n++;
    g_dir_close(dir);
    return n;
}

/* Each CSV is opened once when its path is checked and kept open in the
 * spec (panels naming the same file share one descriptor) until
 * fs_spec_free(); a text panel's file is read and closed at once; a spec
 * that fails leaves nothing open. */
static void test_data_descriptors(void **state)
{
    const tmp_tree *t = *state;
    int before = open_fds();
    if (before < 0)
        skip();
    g_autoptr(fs_diag) d = fs_diag_new();
    write_file(t->specdir, "notes.txt", "A paragraph.\n\n- an item\n");
    static const char spec[] =
        HEAD "[panel a]\ntype = bar\ndata = ok.csv\nlabel = a\nvalue = b\n"
             "[panel b]\ntype = stat\ndata = ok.csv\ncolumn = b\ncaption = c\n"
             "[panel c]\ntype = bar\ndata = inlink.csv\nlabel = a\nvalue = b\n"
             "[panel d]\ntype = text\nfile = notes.txt\n";
    for (int round = 0; round < 3; round++) {
        fs_spec *s = fs_spec_load_buffer(t->spec, spec, strlen(spec), NULL, NULL, d);
        assert_non_null(s);
        const fs_panel *a = g_ptr_array_index(s->panels, 0), *b = g_ptr_array_index(s->panels, 1),
                       *c = g_ptr_array_index(s->panels, 2), *x = g_ptr_array_index(s->panels, 3);
        assert_true(a->data_fd >= 0);
        assert_int_equal(a->data_fd, b->data_fd);
        assert_true(c->data_fd >= 0 && c->data_fd != a->data_fd);
        assert_int_equal(x->data_fd, -1);
        assert_string_equal(x->items[0], "an item");
        assert_int_equal(s->inputs->len, 2);
        assert_int_equal(open_fds(), before + 2);
        fs_spec_free(s);
        assert_int_equal(open_fds(), before);
    }
    /* the third panel's data leaves the folder: the two opened before are closed */
    static const char bad[] = HEAD "[panel a]\ntype = bar\ndata = ok.csv\nlabel = a\nvalue = b\n"
                                   "[panel c]\ntype = bar\ndata = inlink.csv\nlabel = a\n"
                                   "value = b\n"
                                   "[panel e]\ntype = bar\ndata = link.csv\nlabel = a\n"
                                   "value = b\n";
    assert_null(fs_spec_load_buffer(t->spec, bad, strlen(bad), NULL, NULL, d));
    assert_non_null(strstr(fs_diag_message(d, 0), "resolves outside"));
    assert_int_equal(open_fds(), before);
    g_autofree char *notes = g_build_filename(t->specdir, "notes.txt", NULL);
    g_remove(notes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_report_keys),
        cmocka_unit_test(test_panel_keys),
        cmocka_unit_test(test_nul_and_limits),
        cmocka_unit_test(test_control_chars_escaped),
        cmocka_unit_test(test_bad_lang_argument),
        cmocka_unit_test(test_valid_values),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test_setup_teardown(test_data_paths, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_load_file, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_data_descriptors, tree_setup, tree_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
