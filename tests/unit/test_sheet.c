/* Unit tests of the fact sheet's flow (sheet.c), the slides (slide.c) and
 * the panel bodies they lay out (timeline, pictogram, text), with the
 * bundled fonts ($FACTSHEET_FONT_DIR, as make check sets it): pages filled
 * before a new one starts, charts elastic in height, a measured type scale
 * for longer languages, landscape pages typed as their paper, timelines in
 * proportion that never break a word, exact pictograms, slide bodies under
 * their title and text panels at a reading measure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "chart.h"
#include "fixture.h"
#include "model.h"
#include "panels/panel.h"
#include "sheet.h"
#include "slide.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static char *dir; /* a temporary folder holding the CSVs the specs name */

static void put(const char *name, const char *text)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
}

static int setup(void **state)
{
    if (fixture_setup(state))
        return -1;
    dir = g_dir_make_tmp("test_sheet.XXXXXX", NULL);
    if (!dir)
        return -1;
    GString *ten = g_string_new("region,value\n"), *many = g_string_new("region,value\n");
    for (int i = 1; i <= 14; i++) {
        if (i <= 10)
            g_string_append_printf(ten, "Region %d,%d\n", i, i * 7 + 3);
        g_string_append_printf(many, "Region %d,%d\n", i, i * 7 + 3);
    }
    put("ten.csv", ten->str);
    put("many.csv", many->str);
    g_string_free(ten, TRUE);
    g_string_free(many, TRUE);
    put("eight.csv", "region,value\nNorth,120\nSouth,95\nEast,80\nWest,60\nCentre,42\nCoast,33\n"
                     "Hills,21\nIslands,12\n");
    put("events.csv",
        "date,event\n"
        "1992-02-25,\"Night of 25–26 February: the town is attacked; some 2,500 residents move\"\n"
        "1994,The Milli Majlis adopts the resolution\n"
        "2012-01,7th session of the Parliamentary Union: 51 countries adopt a resolution\n"
        "2023-02-26,31st anniversary; date of the article\n");
    /* the words, in columns narrower than they are */
    put("words.csv", "date,event\n"
                     "1991-11-02,Registered internationally\n"
                     "1992-11-20,An international programme\n"
                     "1993-11-08,Programme registered in November\n"
                     "1994-11-14,International registration\n"
                     "1995-11-30,Registered programme\n"
                     "1996-11-11,November programme\n");
    put("parts.csv", "group,n\nLost one parent,84\nLost both parents,22\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"ten.csv",   "many.csv",  "eight.csv", "events.csv",
                           "words.csv", "parts.csv", "report.ini"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *p = g_build_filename(dir, names[i], NULL);
        g_remove(p);
    }
    g_rmdir(dir);
    g_free(dir);
    return fixture_teardown(state);
}

/* The spec text in dir, loaded (lang: NULL or a tag). */
static fs_spec *load(const char *text, const char *lang)
{
    put("report.ini", text);
    g_autofree char *path = g_build_filename(dir, "report.ini", NULL);
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_spec *s = fs_spec_load(path, NULL, lang, d);
    if (!s)
        fprintf(stderr, "%s\n", fs_diag_count(d) ? fs_diag_message(d, 0) : "?");
    assert_non_null(s);
    return s;
}

/* The sheet of spec, laid out. */
static fs_doc *sheet(const fs_spec *spec)
{
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_prepared *all = fs_prepare_all(spec, d);
    assert_non_null(all);
    fs_doc *doc = fs_doc_new();
    bool ok = fs_layout_report(doc, fonts, spec, all, spec->panels->len, d);
    if (!ok)
        fprintf(stderr, "%s\n", fs_diag_count(d) ? fs_diag_message(d, 0) : "?");
    assert_true(ok);
    fs_prepared_free(all, spec->panels->len);
    return doc;
}

static fs_page *page_of(const fs_doc *doc, guint p)
{
    return g_ptr_array_index(doc->pages, p);
}

static double text_size(const fs_item *it)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(it->layout);
    return (double)pango_font_description_get_size(fd) / PANGO_SCALE;
}

/* The first item of role on page, or NULL. */
static const fs_item *find_role(const fs_page *pg, fs_role role)
{
    for (guint i = 0; i < pg->items->len; i++)
        if (g_array_index(pg->items, fs_item, i).role == role)
            return &g_array_index(pg->items, fs_item, i);
    return NULL;
}

/* The box fs_page_take_items() recorded for panel id on pg, or NULL. */
static const fs_panel_box *box_of(const fs_page *pg, const char *id)
{
    for (guint k = 0; pg->panels && k < pg->panels->len; k++)
        if (!strcmp(g_array_index(pg->panels, fs_panel_box, k).owner, id))
            return &g_array_index(pg->panels, fs_panel_box, k);
    return NULL;
}

/* How full page pg is: from its first panel's top to the footer rule, the
 * share its panels reach down to. */
static double fill(const fs_page *pg)
{
    double top = INFINITY, bottom = 0;
    for (guint k = 0; pg->panels && k < pg->panels->len; k++) {
        const fs_panel_box *b = &g_array_index(pg->panels, fs_panel_box, k);
        top = fmin(top, b->y);
        bottom = fmax(bottom, b->y + b->h);
    }
    return (bottom - top) / (find_role(pg, FS_ROLE_FOOTER_RULE)->y - top);
}

static const char nine[] =
    "[report]\nname = nine\ntitle = Nine panels\nsource = Test\n"
    "[panel s1]\ntype = stat\nspan = 3\nvalue = 100\ncaption = things counted\n"
    "compare = a comparison line under the number that wraps\n"
    "[panel s2]\ntype = stat\nspan = 3\nvalue = 200\ncaption = things counted\n"
    "compare = a comparison line under the number that wraps\n"
    "[panel s3]\ntype = stat\nspan = 3\nvalue = 300\ncaption = things counted\n"
    "compare = a comparison line under the number that wraps\n"
    "[panel s4]\ntype = stat\nspan = 3\nvalue = 400\ncaption = things counted\n"
    "compare = a comparison line under the number that wraps\n"
    "[panel b1]\ntype = bar\nspan = 6\ntitle = Regions\ndata = eight.csv\nlabel = region\n"
    "value = value\n"
    "[panel b2]\ntype = bar\nspan = 6\ntitle = Regions again\ndata = eight.csv\n"
    "label = region\nvalue = value\n"
    "[panel t]\ntype = timeline\ntitle = Dates\ndata = events.csv\n"
    "[panel b3]\ntype = bar\nspan = 8\ntitle = Regions, wide\ndata = many.csv\nlabel = region\n"
    "value = value\n"
    "[panel x]\ntype = text\nspan = 4\ntitle = Recognition\ntext = The article names the "
    "parliaments of these countries as having recognised the events.\n"
    "items = Pakistan;Mexico;Czech Republic;Colombia;Bosnia and Herzegovina\n";

/* Nine panels took two pages, the first 75% full with a hole the next row
 * could not fill at its natural height, the second 57%: the charts give up
 * some height and all nine share one page. */
static void test_flow_fills_a_page(void **state)
{
    (void)state;
    fs_spec *spec = load(nine, NULL);
    fs_doc *doc = sheet(spec);
    assert_int_equal(doc->pages->len, 1);
    assert_true(fill(page_of(doc, 0)) > 0.9);
    /* every chart stayed legible: value labels at their full size, 0.95 of
     * the body text (the title's 2.3) */
    const fs_page *pg = page_of(doc, 0);
    double body = text_size(find_role(pg, FS_ROLE_TITLE)) / 2.3;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind == FS_ITEM_TEXT && it->role == FS_ROLE_VALUE)
            assert_true(fabs(text_size(it) - 0.95 * body) < 0.01);
    }
    fs_doc_free(doc);
    fs_spec_free(spec);
}

/* Thirty panels, a ten-row chart beside a stat in each row, took eight
 * pages each 12% short of full: now every page but the last is over 85%
 * full, in fewer pages. */
static void test_flow_thirty(void **state)
{
    (void)state;
    GString *s = g_string_new("[report]\nname = thirty\ntitle = Thirty panels\nsource = Test\n");
    for (int i = 1; i <= 15; i++) {
        g_string_append_printf(s,
                               "[panel b%d]\ntype = bar\nspan = 6\ntitle = Bars %d\n"
                               "data = ten.csv\nlabel = region\nvalue = value\n",
                               i, i);
        g_string_append_printf(s,
                               "[panel s%d]\ntype = stat\nspan = 6\ntitle = Stat %d\nvalue = %d\n"
                               "caption = things counted\n",
                               i, i, i * 100);
    }
    fs_spec *spec = load(s->str, NULL);
    g_string_free(s, TRUE);
    fs_doc *doc = sheet(spec);
    assert_true(doc->pages->len <= 6);
    for (guint p = 0; p + 1 < doc->pages->len; p++)
        assert_true(fill(page_of(doc, p)) >= 0.85);
    fs_doc_free(doc);
    fs_spec_free(spec);
}

/* A row with 8 of 12 columns free and a later panel 8 columns wide: in
 * order the hole stays (the next panel is 12 wide); packed, the later panel
 * fills it. */
static void test_flow_packed(void **state)
{
    (void)state;
    static const char text[] = "[report]\nname = packed\ntitle = Packed\nsource = Test\n"
                               "[panel a]\ntype = stat\nspan = 4\nvalue = 1\ncaption = first\n"
                               "[panel b]\ntype = text\nspan = 12\ntext = A wide paragraph.\n"
                               "[panel c]\ntype = stat\nspan = 8\nvalue = 3\ncaption = third\n";
    for (int packed = 0; packed < 2; packed++) {
        fs_spec *spec = load(text, NULL);
        spec->flow = packed ? FS_FLOW_PACKED : FS_FLOW_ORDERED;
        fs_doc *doc = sheet(spec);
        const fs_page *pg = page_of(doc, 0);
        const fs_panel_box *a = box_of(pg, "a"), *b = box_of(pg, "b"), *c = box_of(pg, "c");
        assert_non_null(a);
        assert_non_null(b);
        assert_non_null(c);
        if (packed) {
            assert_true(fabs(c->y - a->y) < 1e-6 && c->x > a->x && b->y > a->y);
            /* read row by row: c's items come before b's */
            assert_true(c->first < b->first);
        } else {
            assert_true(a->y < b->y && b->y < c->y);
        }
        fs_doc_free(doc);
        fs_spec_free(spec);
    }
}

/* The default report's az and ru editions were set at a fixed 90% and left
 * 30 mm blank: now the largest scale that keeps one page, above 90%. */
static void test_language_scale(void **state)
{
    (void)state;
    static const char *const langs[] = {"az", "ru"};
    for (size_t k = 0; k < G_N_ELEMENTS(langs); k++) {
        g_autoptr(fs_diag) d = fs_diag_new();
        fs_spec *spec = fs_spec_load("data/khojaly/report.ini", NULL, langs[k], d);
        assert_non_null(spec);
        fs_doc *doc = sheet(spec);
        assert_int_equal(doc->pages->len, 1);
        double title = text_size(find_role(page_of(doc, 0), FS_ROLE_TITLE));
        double scale = title / (2.3 * 9.5);
        assert_true(scale > 0.91 && scale <= 1.0);
        assert_true(fill(page_of(doc, 0)) > 0.95);
        fs_doc_free(doc);
        fs_spec_free(spec);
    }
}

/* A landscape A4 page got A5's type (5.4 pt footers): it gets A4's. An A5
 * page keeps its footers at the 6 pt floor. */
static void test_landscape_type(void **state)
{
    (void)state;
    static const char *const pages[] = {"297x210mm", "A5", "148x210mm"};
    for (size_t k = 0; k < G_N_ELEMENTS(pages); k++) {
        g_autofree char *text = g_strdup_printf(
            "[report]\nname = l\ntitle = Landscape\nsource = Somewhere\nnote = A note\n"
            "page = %s\n[panel p]\ntype = text\ntitle = Text\ntext = Hello\nnote = Its note\n",
            pages[k]);
        fs_spec *spec = load(text, NULL);
        fs_doc *doc = sheet(spec);
        const fs_page *pg = page_of(doc, 0);
        if (k == 0)
            assert_true(fabs(text_size(find_role(pg, FS_ROLE_TITLE)) - 2.3 * 9.5) < 1e-3);
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->kind == FS_ITEM_TEXT)
                assert_true(text_size(it) >= FS_MIN_TEXT_PT - 1e-9);
        }
        assert_true(text_size(find_role(pg, FS_ROLE_SOURCE)) >= (k == 0 ? 7.6 - 1e-3 : 6));
        fs_doc_free(doc);
        fs_spec_free(spec);
    }
}

/* True when some line of item it starts inside a word (letters or digits
 * either side of the break). */
static bool breaks_a_word(const fs_item *it)
{
    const char *s = pango_layout_get_text(it->layout);
    for (GSList *l = pango_layout_get_lines_readonly(it->layout); l; l = l->next) {
        int at = ((PangoLayoutLine *)l->data)->start_index;
        if (at <= 0 || !s[at])
            continue;
        const char *before = g_utf8_find_prev_char(s, s + at);
        if (g_unichar_isalnum(g_utf8_get_char(before)) &&
            g_unichar_isalnum(g_utf8_get_char(s + at)))
            return true;
    }
    return false;
}

/* The dots of the timeline on pg, left to right. */
static size_t dots(const fs_page *pg, double *x, size_t most)
{
    size_t n = 0;
    for (guint i = 0; i < pg->items->len && n < most; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind == FS_ITEM_ICON && it->owner && !strcmp(it->owner, "t"))
            x[n++] = it->x;
    }
    return n;
}

/* Dates 1992-02, 1994, 2012-01, 2023-02 were spaced evenly: 1992→1994 got
 * the gap of 1994→2012. Now the gaps follow the dates, the shortest widened
 * to what its event needs. */
static void test_timeline_in_proportion(void **state)
{
    (void)state;
    /* the arithmetic: 2, 18 and 11 units apart, each column at least 100 */
    double t[] = {0, 2, 20, 31}, need[] = {100, 100, 100, 100}, x[4];
    assert_true(fs_timeline_positions(t, need, 4, 510, false, x));
    assert_true(fabs(x[1] - x[0] - 100) < 1e-6);                         /* the minimum gap */
    assert_true(fabs((x[2] - x[1]) / (x[3] - x[2]) - 18.0 / 11) < 1e-6); /* in proportion */
    assert_true(fabs(510 - x[3] - 100) < 1e-6); /* the last column's need */
    assert_true(fs_timeline_positions(t, need, 4, 510, true, x));
    assert_true(fabs(x[1] - 127.5) < 1e-9 && fabs(x[3] - 382.5) < 1e-9);
    need[2] = 200;
    assert_false(fs_timeline_positions(t, need, 4, 450, false, x)); /* 500 > 450 */
    assert_false(fs_timeline_positions(t, need, 4, 700, true, x));  /* 200 > 175 */

    /* the panel */
    fs_spec *spec = load("[report]\nname = t\ntitle = T\nsource = S\n"
                         "[panel t]\ntype = timeline\ntitle = Dates\ndata = events.csv\n",
                         NULL);
    fs_doc *doc = sheet(spec);
    double dx[4];
    assert_int_equal(dots(page_of(doc, 0), dx, 4), 4);
    assert_true(dx[1] - dx[0] < 0.6 * (dx[2] - dx[1]));
    assert_true(dx[3] - dx[2] < dx[2] - dx[1]);
    fs_doc_free(doc);
    /* spacing = even: equal gaps */
    ((fs_panel *)g_ptr_array_index(spec->panels, 0))->spacing = FS_SPACING_EVEN;
    doc = sheet(spec);
    assert_int_equal(dots(page_of(doc, 0), dx, 4), 4);
    assert_true(fabs((dx[1] - dx[0]) - (dx[2] - dx[1])) < 1e-6);
    fs_doc_free(doc);
    fs_spec_free(spec);
}

/* Six events in a third of a page broke "Register-ed", "internati-onal",
 * "program-me" and "Novem-ber" across lines: no date or event text breaks
 * inside a word now (the events go down a vertical line). */
static void test_timeline_whole_words(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "[report]\nname = w\ntitle = W\nsource = S\ncolumns = 12\n"
        "[panel t]\ntype = timeline\nspan = 4\ntitle = Dates\ndata = words.csv\n",
        "[report]\nname = w\ntitle = W\nsource = S\npage = A5\n"
        "[panel t]\ntype = timeline\ntitle = Dates\ndata = words.csv\n"};
    for (size_t k = 0; k < G_N_ELEMENTS(specs); k++) {
        fs_spec *spec = load(specs[k], NULL);
        fs_doc *doc = sheet(spec);
        const fs_page *pg = page_of(doc, 0);
        int texts = 0;
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->kind != FS_ITEM_TEXT || (it->role != FS_ROLE_EVENT && it->role != FS_ROLE_DATE))
                continue;
            texts++;
            assert_false(it->word_wider);
            assert_false(breaks_a_word(it));
        }
        assert_int_equal(texts, 12);
        fs_doc_free(doc);
        fs_spec_free(spec);
    }
}

/* Pictogram, per = 10: 84 drew 8 icons and a sliver of a ninth, 22 two icons
 * and none, under "Icon counts are rounded". Now each its exact icons, and
 * the note says what a part icon is. */
static void test_pictogram_exact(void **state)
{
    (void)state;
    fs_spec *spec =
        load("[report]\nname = p\ntitle = P\nsource = S\n"
             "[panel p]\ntype = pictogram\ntitle = Children\ndata = parts.csv\nlabel = group\n"
             "value = n\nper = 10\nicon = person\nper_unit = children\n",
             NULL);
    fs_doc *doc = sheet(spec);
    const fs_page *pg = page_of(doc, 0);
    double frac[16];
    uint32_t color[16];
    size_t n = 0;
    for (guint i = 0; i < pg->items->len && n < 16; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind == FS_ITEM_ICON && it->owner && !strcmp(it->owner, "p"))
            frac[n] = it->fraction, color[n++] = it->color;
    }
    assert_int_equal(n, 12); /* 8 + a part, 2 + a part */
    for (size_t i = 0; i < 8; i++)
        assert_true(frac[i] == 1 && color[i] == color[0]);
    assert_true(fabs(frac[8] - 0.4) < 1e-9 && color[8] == color[0]);
    assert_true(frac[9] == 1 && frac[10] == 1 && color[9] != color[0]);
    assert_true(fabs(frac[11] - 0.2) < 1e-9);
    bool note = false;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->kind == FS_ITEM_TEXT && it->role == FS_ROLE_NOTE)
            note = note || !strcmp(it->text, "Part icons are cut to scale: half an icon stands "
                                             "for half of 10 children.");
    }
    assert_true(note);
    fs_doc_free(doc);
    fs_spec_free(spec);
}

/* The longest line of a text item, in characters. */
static long longest_line(const fs_item *it)
{
    const char *s = pango_layout_get_text(it->layout);
    long most = 0;
    for (GSList *l = pango_layout_get_lines_readonly(it->layout); l; l = l->next) {
        const PangoLayoutLine *ln = l->data;
        most = MAX(most, g_utf8_strlen(s + ln->start_index, ln->length));
    }
    return most;
}

/* On slides the pictogram's legend (about 52 px) outgrew the title (about
 * 46 px) and text panels ran 130 characters a line: the title is now the
 * largest text (a stat's number aside), and running text keeps under 75
 * characters a line on the slide. */
static void test_slides_and_measure(void **state)
{
    (void)state;
    static const char text[] =
        "[report]\nname = s\ntitle = Slides\nsource = Somewhere\n"
        "[panel p]\ntype = pictogram\ntitle = Children\ndata = parts.csv\nlabel = group\n"
        "value = n\nper = 10\nicon = person\n"
        "[panel k]\ntype = stat\ntitle = Killed\nvalue = 613\ncaption = people killed\n"
        "[panel x]\ntype = text\ntitle = Words\ntext = The article names the parliaments of "
        "these countries as having recognised the events as genocide, and it adds the "
        "legislative bodies of dozens of states, a memorial in the Khatai district of Baku and "
        "a long list of further things that make this paragraph run over several lines.\n";
    fs_spec *spec = load(text, NULL);
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_prepared *all = fs_prepare_all(spec, d);
    assert_non_null(all);
    for (guint k = 0; k < spec->panels->len; k++) {
        fs_doc *doc = fs_doc_new();
        assert_true(fs_layout_slide(doc, fonts, spec, &all[k], d));
        const fs_page *pg = page_of(doc, 0);
        double title = text_size(find_role(pg, FS_ROLE_TITLE));
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->kind != FS_ITEM_TEXT)
                continue;
            assert_true(text_size(it) >= FS_MIN_TEXT_PX);
            if (it->role != FS_ROLE_TITLE && it->role != FS_ROLE_STAT)
                assert_true(text_size(it) < title);
            if (it->role == FS_ROLE_TEXT)
                assert_true(longest_line(it) <= 75);
        }
        fs_doc_free(doc);
    }
    fs_prepared_free(all, spec->panels->len);
    /* on the sheet the span sets the measure: the panel across a whole A4
     * page runs its full width */
    fs_doc *doc = sheet(spec);
    const fs_item *para = find_role(page_of(doc, 0), FS_ROLE_TEXT);
    assert_non_null(para);
    assert_true(longest_line(para) > 80);
    fs_doc_free(doc);
    fs_spec_free(spec);
}

/* A text too long for a slide at its reading measure takes the slide's
 * whole width rather than being refused. */
static void test_slide_long_text(void **state)
{
    (void)state;
    GString *t = g_string_new("[report]\nname = s\ntitle = T\nsource = S\nslide_size = 960x540\n"
                              "[panel x]\ntype = text\ntitle = Words\ntext =");
    for (int i = 0; i < 30; i++)
        g_string_append(t, " A sentence of running text that goes on for a while.");
    g_string_append_c(t, '\n');
    fs_spec *spec = load(t->str, NULL);
    g_string_free(t, TRUE);
    g_autoptr(fs_diag) d = fs_diag_new();
    fs_prepared *all = fs_prepare_all(spec, d);
    assert_non_null(all);
    fs_doc *doc = fs_doc_new();
    assert_true(fs_layout_slide(doc, fonts, spec, &all[0], d));
    const fs_item *para = find_role(page_of(doc, 0), FS_ROLE_TEXT);
    assert_non_null(para);
    assert_true(longest_line(para) > 80);
    fs_doc_free(doc);
    fs_prepared_free(all, 1);
    fs_spec_free(spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flow_fills_a_page),    cmocka_unit_test(test_flow_thirty),
        cmocka_unit_test(test_flow_packed),          cmocka_unit_test(test_language_scale),
        cmocka_unit_test(test_landscape_type),       cmocka_unit_test(test_timeline_in_proportion),
        cmocka_unit_test(test_timeline_whole_words), cmocka_unit_test(test_pictogram_exact),
        cmocka_unit_test(test_slides_and_measure),   cmocka_unit_test(test_slide_long_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
