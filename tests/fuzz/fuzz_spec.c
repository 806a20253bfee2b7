/* fuzz_spec: key-file bytes -> fs_spec_load_buffer (the report model).
 *
 * The spec is named report.ini in a temporary folder made once per process
 * and removed at exit. The folder holds the data and text files the seed
 * specs name (k.csv, killed.csv, notes.txt, ...), a folder and a symbolic
 * link that leads outside, so data paths reach every check of load_data. A
 * spec that loads and lists languages = ... is loaded again in each of them
 * (at most four), as `factsheet render` does.
 *
 * Checks the diagnostic contract (fuzz.h) and, on a loaded spec, what the
 * model promises: a name, sizes finite and positive, 1..24 grid columns, at
 * least one panel, every span within the grid, every text valid UTF-8 (it
 * goes to Pango), a pictogram's units per icon > 0. */
#include "fuzz.h"
#include "spec.h"

#include <glib/gstdio.h>
#include <unistd.h>

static char *dir;  /* the temporary folder */
static char *name; /* dir/report.ini */

static const char *const files[] = {"k.csv",    "killed.csv", "events.csv", "captured.csv",
                                    "orphans.csv", "link.csv", "data.csv", NULL};

static void remove_dir(void)
{
    for (const char *const *f = files; *f; f++) {
        g_autofree char *p = g_build_filename(dir, *f, NULL);
        g_unlink(p);
    }
    static const char *const more[] = {"notes.txt", "outside.csv", NULL};
    for (const char *const *f = more; *f; f++) {
        g_autofree char *p = g_build_filename(dir, *f, NULL);
        g_unlink(p);
    }
    g_autofree char *sub = g_build_filename(dir, "folder", NULL);
    g_rmdir(sub);
    g_rmdir(dir);
    g_clear_pointer(&dir, g_free);
    g_clear_pointer(&name, g_free);
}

static void make_dir(void)
{
    GError *err = NULL;
    dir = g_dir_make_tmp("factsheet-fuzz-XXXXXX", &err);
    if (!dir) {
        fprintf(stderr, "fuzz_spec: %s\n", err->message);
        abort();
    }
    bool ok = true;
    for (const char *const *f = files; *f; f++) {
        g_autofree char *p = g_build_filename(dir, *f, NULL);
        ok = ok && g_file_set_contents(p, "label,value\na,1\n", -1, NULL);
    }
    g_autofree char *notes = g_build_filename(dir, "notes.txt", NULL);
    ok = ok && g_file_set_contents(notes,
                                   "First paragraph,\nits second line.\n\n- an item\n* another\n"
                                   "\xe2\x80\xa2 a third\n\nLast paragraph.\n",
                                   -1, NULL);
    g_autofree char *sub = g_build_filename(dir, "folder", NULL);
    g_autofree char *out = g_build_filename(dir, "outside.csv", NULL);
    ok = ok && g_mkdir(sub, 0700) == 0 && symlink("/etc/passwd", out) == 0;
    if (!ok) {
        fprintf(stderr, "fuzz_spec: cannot fill %s\n", dir);
        abort();
    }
    name = g_build_filename(dir, "report.ini", NULL);
    atexit(remove_dir);
}

static void check_text(const char *s)
{
    if (s && !g_utf8_validate(s, -1, NULL))
        fuzz_fail("a loaded spec holds a text that is not UTF-8", NULL);
}

static void check_spec(const fs_spec *s)
{
    if (!s->name || !*s->name || !s->panels || s->panels->len == 0)
        fuzz_fail("a loaded spec has no name or no panels", NULL);
    if (s->columns < 1 || s->columns > 24)
        fuzz_fail("a loaded spec has a grid outside 1..24 columns", NULL);
    fuzz_check_finite(s->page_w, "page_w");
    fuzz_check_finite(s->page_h, "page_h");
    fuzz_check_finite(s->slide_w, "slide_w");
    fuzz_check_finite(s->slide_h, "slide_h");
    if (!(s->page_w > 0 && s->page_h > 0 && s->slide_w > 0 && s->slide_h > 0))
        fuzz_fail("a loaded spec has a page or slide size <= 0", NULL);
    const char *texts[] = {s->title, s->subtitle, s->date, s->source, s->note, s->keywords,
                           s->author};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        check_text(texts[i]);
    for (guint i = 0; i < s->panels->len; i++) {
        const fs_panel *p = g_ptr_array_index(s->panels, i);
        if (!p->id || !*p->id)
            fuzz_fail("a panel has no ID", NULL);
        if (p->span < 1 || p->span > s->columns)
            fuzz_fail("a panel's span is outside 1..columns", NULL);
        const char *pt[] = {p->title,  p->subtitle, p->note,     p->alt,      p->unit,
                            p->label,  p->column,   p->caption,  p->compare,  p->per_unit,
                            p->date_col, p->event_col, p->text};
        for (size_t k = 0; k < G_N_ELEMENTS(pt); k++)
            check_text(pt[k]);
        for (char **v = p->values; v && *v; v++)
            check_text(*v);
        for (char **v = p->items; v && *v; v++)
            check_text(*v);
        if (p->has_value)
            fuzz_check_finite(p->value, "a stat panel's value");
        if (p->type == FS_PANEL_PICTOGRAM) {
            fuzz_check_finite(p->per, "a pictogram's per");
            if (!(p->per > 0))
                fuzz_fail("a pictogram's units per icon is <= 0", NULL);
        }
    }
}

/* Loads buf in lang; returns the spec or NULL, the contract checked. */
static fs_spec *load(const uint8_t *data, size_t size, const char *lang)
{
    fs_diag *d = fs_diag_new();
    fs_spec *s = fs_spec_load_buffer(name, (const char *)data, size, NULL, lang, d);
    if (s) {
        fuzz_check_success(d);
        check_spec(s);
    } else {
        fuzz_check_failure(d);
    }
    fs_diag_free(d);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init_glib();
    if (!dir)
        make_dir();
    fs_spec *s = load(data, size, NULL);
    for (size_t i = 0; s && s->languages && s->languages[i] && i < 4; i++)
        fs_spec_free(load(data, size, s->languages[i]));
    fs_spec_free(s);
    return 0;
}
