/* Unit tests of the bar chart's placement (panels/bar.c through chart.c),
 * with the bundled fonts (from $FACTSHEET_FONT_DIR, as make check sets
 * it): value labels follow one rule and never overprint, category labels
 * never break inside a word (turned, dates thinned), many rows fit at a
 * legible size or the error says how many would, a stack mixing signs has
 * no net total at its positive end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "chart.h"
#include "fixture.h"
#include "lint.h"

#include <math.h>
#include <string.h>

static const char *const countries[40] = {
    "Albania", "Andorra", "Armenia", "Austria", "Azerbaijan", "Belarus", "Belgium",
    "Bosnia and Herzegovina", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia",
    "Finland", "France", "Georgia", "Germany", "Greece", "Hungary", "Iceland", "Ireland", "Italy",
    "Kazakhstan", "Latvia", "Liechtenstein", "Lithuania", "Luxembourg", "Malta", "Moldova",
    "Monaco", "Montenegro", "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal",
    "Romania", "San Marino", "Serbia"};

/* A chart's data: n rows of ns series, labels and values borrowed or made. */
typedef struct data {
    fs_series_data s;
    const char *labels[200];
    const char *names[6];
    double values[1200];
    unsigned long lines[200];
    char owned[200][32];
} data;

static void data_init(data *t, size_t n, size_t ns)
{
    memset(t, 0, sizeof *t);
    static const char *const names[] = {"2021", "2022", "2023", "a", "b", "c"};
    for (size_t k = 0; k < ns; k++)
        t->names[k] = names[k];
    for (size_t r = 0; r < n; r++) {
        t->lines[r] = r + 2;
        if (r < 40) {
            t->labels[r] = countries[r];
        } else {
            snprintf(t->owned[r], sizeof t->owned[r], "Row %zu", r + 1);
            t->labels[r] = t->owned[r];
        }
        for (size_t k = 0; k < ns; k++)
            t->values[r * ns + k] = (double)((r * 37 + k * 11) % 90 + 5);
    }
    t->s = (fs_series_data){.nrows = n,
                            .nseries = ns,
                            .labels = t->labels,
                            .series_names = t->names,
                            .values = t->values,
                            .file = "t.csv",
                            .lines = t->lines};
}

/* Lays the chart out; returns the document (NULL after an error, its first
 * message in *err if given). */
static fs_doc *lay(const data *t, const fs_chart_opts *o, char **err)
{
    fs_doc *doc = fs_doc_new();
    g_autoptr(fs_diag) d = fs_diag_new();
    if (fs_layout_chart(doc, fonts, &t->s, o, d))
        return doc;
    if (err)
        *err = g_strdup(fs_diag_count(d) ? fs_diag_message(d, 0) : "");
    fs_doc_free(doc);
    return NULL;
}

static const fs_page *page_of(const fs_doc *doc)
{
    return g_ptr_array_index(doc->pages, 0);
}

/* No two texts of the page overlap by more than 0.5 pt both ways (the
 * layout checkers' rule). */
static void assert_no_overlap(const fs_page *pg)
{
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *a = &g_array_index(pg->items, fs_item, i);
        if (a->kind != FS_ITEM_TEXT)
            continue;
        assert_true(a->x >= -0.05 && a->y >= -0.05 && a->x + a->w <= pg->width + 0.05 &&
                    a->y + a->h <= pg->height + 0.05);
        for (guint j = i + 1; j < pg->items->len; j++) {
            const fs_item *b = &g_array_index(pg->items, fs_item, j);
            if (b->kind != FS_ITEM_TEXT)
                continue;
            double ox = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
            double oy = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
            if (ox > 0.5 && oy > 0.5)
                fail_msg("\"%s\" overlaps \"%s\"", a->text, b->text);
        }
    }
}

/* Every line of text item it starts where the language allows a break. */
static void assert_word_breaks(const fs_item *it)
{
    const char *t = pango_layout_get_text(it->layout);
    int n;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(it->layout, &n);
    GSList *lines = pango_layout_get_lines_readonly(it->layout);
    for (GSList *l = lines ? lines->next : NULL; l; l = l->next) {
        long c = g_utf8_pointer_to_offset(t, t + ((PangoLayoutLine *)l->data)->start_index);
        if (!la[c].is_line_break)
            fail_msg("\"%s\" breaks inside a word", t);
    }
}

static size_t count_role(const fs_page *pg, fs_role role)
{
    size_t n = 0;
    for (guint i = 0; i < pg->items->len; i++)
        n += g_array_index(pg->items, fs_item, i).role == role;
    return n;
}

/* 40 horizontal bars fit a 1920x1080 chart with a title (labels shrink,
 * never under lint's 12 px) and an A4 landscape PDF (6 pt); 200 do not,
 * and the error says how many would, in the canvas's unit. */
static void test_many_rows(void **state)
{
    (void)state;
    static data t;
    data_init(&t, 40, 1);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.title = "Forty countries";
    o.source = "Test data";
    for (int print = 0; print < 2; print++) {
        o.print = print;
        if (print)
            o.width = 841.8898, o.height = 595.2756;
        fs_doc *doc = lay(&t, &o, NULL);
        assert_non_null(doc);
        const fs_page *pg = page_of(doc);
        assert_int_equal(count_role(pg, FS_ROLE_LABEL), 40);
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->role == FS_ROLE_LABEL) {
                double size = (double)pango_font_description_get_size(
                                  pango_layout_get_font_description(it->layout)) /
                              PANGO_SCALE;
                assert_true(size >= (print ? FS_LINT_MIN_PT : FS_LINT_MIN_PX) - 1e-9);
                assert_word_breaks(it);
            }
        }
        assert_no_overlap(pg);
        fs_doc_free(doc);
    }
    data_init(&t, 200, 1);
    for (int print = 0; print < 2; print++) {
        fs_chart_opts_init(&o);
        o.print = print;
        g_autofree char *err = NULL;
        assert_null(lay(&t, &o, &err));
        assert_true(g_str_has_prefix(err, "t.csv: 200 bars do not fit in "));
        assert_non_null(strstr(err, print ? " pt of height (at most " : " px of height (at most "));
        /* --aggregate helps only when labels repeat */
        assert_non_null(strstr(err, "; use a larger --size or fewer rows"));
    }
    t.labels[150] = t.labels[3];
    fs_chart_opts_init(&o);
    g_autofree char *dup = NULL;
    assert_null(lay(&t, &o, &dup));
    assert_non_null(strstr(dup, "; use --aggregate, a larger --size or fewer rows"));
}

/* 40 countries under vertical bars: turned, whole, none broken inside a
 * word, nothing overprinted. */
static void test_turned_labels(void **state)
{
    (void)state;
    static data t;
    data_init(&t, 40, 1);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.orient = FS_ORIENT_VERTICAL;
    for (int rtl = 0; rtl < 2; rtl++) {
        o.rtl = rtl;
        fs_doc *doc = lay(&t, &o, NULL);
        assert_non_null(doc);
        const fs_page *pg = page_of(doc);
        size_t k = 0;
        for (guint i = 0; i < pg->items->len; i++) {
            const fs_item *it = &g_array_index(pg->items, fs_item, i);
            if (it->role != FS_ROLE_LABEL)
                continue;
            assert_true(it->angle == 90);
            assert_false(it->words_cut || pango_layout_is_ellipsized(it->layout));
            assert_string_equal(it->text, countries[k]);
            assert_int_equal(pango_layout_get_line_count(it->layout), 1);
            k++;
        }
        assert_int_equal(k, 40);
        assert_no_overlap(pg);
        fs_doc_free(doc);
    }
}

/* Columns too narrow for a turned line: a standalone chart draws its bars
 * horizontal instead of refusing. */
static void test_switch_horizontal(void **state)
{
    (void)state;
    static data t;
    data_init(&t, 60, 1);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.orient = FS_ORIENT_VERTICAL;
    o.height = 2160;
    fs_doc *doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    const fs_page *pg = page_of(doc);
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->role == FS_ROLE_LABEL)
            assert_true(it->angle == 0);
        if (it->role == FS_ROLE_BAR)
            assert_true(it->h < 2.6 * 26 + 1e-9); /* a bar's thickness across rows */
    }
    assert_int_equal(count_role(pg, FS_ROLE_LABEL), 60);
    assert_no_overlap(pg);
    fs_doc_free(doc);
}

/* ISO months as categories: the language's short form, the year once per
 * year, thinned to every k-th when crowded, whole. */
static void test_dates(void **state)
{
    (void)state;
    static data t;
    data_init(&t, 24, 1);
    static char iso[24][16];
    for (int r = 0; r < 24; r++) {
        snprintf(iso[r], sizeof iso[r], "%d-%02d", 2023 + r / 12, r % 12 + 1);
        t.labels[r] = iso[r];
    }
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.orient = FS_ORIENT_VERTICAL;
    o.width = 600, o.height = 400;
    o.lang = "ru";
    fs_doc *doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    const fs_page *pg = page_of(doc);
    size_t shown = 0;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->role != FS_ROLE_LABEL)
            continue;
        if (shown == 0)
            assert_string_equal(it->text, "янв. 2023");
        assert_null(strchr(it->text, '-'));
        assert_true(it->angle == 0);
        assert_false(it->words_cut || pango_layout_is_ellipsized(it->layout));
        assert_word_breaks(it);
        shown++;
    }
    assert_true(shown > 1 && shown < 24); /* thinned */
    assert_no_overlap(pg);
    fs_doc_free(doc);
    /* not all dates: the labels as they are */
    t.labels[5] = "June";
    doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    pg = page_of(doc);
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->role == FS_ROLE_LABEL) {
            assert_true(strcmp(it->text, "2023-01") == 0 || it->angle != 0);
            break;
        }
    }
    fs_doc_free(doc);
}

/* One rule for the value labels of a chart: grouped vertical bars where
 * two-digit values fit inside and three-digit ones do not put all beyond
 * their bars; labels that would overprint are left out with a note. */
static void test_value_rule(void **state)
{
    (void)state;
    static data t;
    data_init(&t, 8, 3);
    static const double v[] = {45, 120, 98,  62, 135, 88,  88, 98,  105, 140, 76, 64,
                               35, 210, 77,  96, 101, 99,  71, 54,  118, 23,  31, 102};
    memcpy(t.values, v, sizeof v);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.orient = FS_ORIENT_VERTICAL;
    o.width = 960, o.height = 540;
    fs_doc *doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    const fs_page *pg = page_of(doc);
    size_t values = 0;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->role != FS_ROLE_VALUE)
            continue;
        values++;
        /* beyond: not inside any bar */
        for (guint j = 0; j < pg->items->len; j++) {
            const fs_item *b = &g_array_index(pg->items, fs_item, j);
            if (b->role == FS_ROLE_BAR)
                assert_false(it->x >= b->x && it->x + it->w <= b->x + b->w && it->y >= b->y &&
                             it->y + it->h <= b->y + b->h);
        }
    }
    assert_int_equal(values, 24);
    assert_no_overlap(pg);
    fs_doc_free(doc);
    /* squeezed: fewer labels, a note, nothing overprinted */
    o.width = 420, o.height = 300;
    doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    pg = page_of(doc);
    size_t shown = count_role(pg, FS_ROLE_VALUE);
    assert_true(shown < 24);
    bool note = false;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->role == FS_ROLE_NOTE) {
            g_autofree char *want = g_strdup_printf(
                "%zu value labels that would overlap others are left out", 24 - shown);
            note = strstr(it->text, want) != NULL;
        }
    }
    assert_true(note);
    assert_no_overlap(pg);
    fs_doc_free(doc);
}

/* A stack with negative parts: no total at all (a net sum drawn at the end
 * of the positive part read as the positive total); without them, totals. */
static void test_stacked_totals(void **state)
{
    (void)state;
    static data t;
    data_init(&t, 4, 3);
    static const double mixed[] = {120, -125, 0, 80, -30, 20, -40, -20, 10, 60, -10, -5};
    memcpy(t.values, mixed, sizeof mixed);
    fs_chart_opts o;
    fs_chart_opts_init(&o);
    o.mode = FS_MODE_STACKED;
    o.width = 960, o.height = 540;
    fs_doc *doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    const fs_page *pg = page_of(doc);
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        if (it->role == FS_ROLE_VALUE)
            assert_true(strcmp(it->text, "−5") && strcmp(it->text, "70") &&
                        strcmp(it->text, "−50") && strcmp(it->text, "45"));
    }
    fs_doc_free(doc);
    for (size_t i = 0; i < G_N_ELEMENTS(mixed); i++)
        t.values[i] = fabs(mixed[i]);
    doc = lay(&t, &o, NULL);
    assert_non_null(doc);
    pg = page_of(doc);
    bool total = false;
    for (guint i = 0; i < pg->items->len; i++) {
        const fs_item *it = &g_array_index(pg->items, fs_item, i);
        total |= it->role == FS_ROLE_VALUE && strcmp(it->text, "245") == 0;
    }
    assert_true(total);
    fs_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_rows),      cmocka_unit_test(test_turned_labels),
        cmocka_unit_test(test_switch_horizontal), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_value_rule),     cmocka_unit_test(test_stacked_totals),
    };
    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
