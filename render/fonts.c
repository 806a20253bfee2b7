/* fonts: a private fontconfig configuration over fonts/ only, and the Pango
 * context every text is measured in. See fonts.h.
 *
 * Why a private configuration: the system configuration would let any
 * installed font replace ours, and the same text would then have another
 * width on another machine. Our configuration holds no rules and no system
 * folders; Pango's fallback picks, among our files only, the first that has
 * the glyphs (Inter first, Noto for other scripts, Noto Color Emoji). */
#include "fonts.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>
#include <unistd.h>

struct fs_fonts {
    FcConfig *config;
    PangoFontMap *map;
    PangoContext *context;
};

const char *fs_fonts_family(void)
{
    return "Inter, Noto Sans, Noto Sans Armenian, Noto Sans Arabic, Noto Sans Georgian, "
           "Noto Sans Hebrew, Noto Sans Devanagari, Noto Color Emoji";
}

const char *fs_fonts_family_for_script(PangoScript script)
{
    switch (script) {
    case PANGO_SCRIPT_ARABIC:
        return "Noto Sans Arabic, Inter, Noto Sans, Noto Sans Armenian, Noto Sans Georgian, "
               "Noto Sans Hebrew, Noto Sans Devanagari, Noto Color Emoji";
    case PANGO_SCRIPT_HEBREW:
        return "Noto Sans Hebrew, Inter, Noto Sans, Noto Sans Armenian, Noto Sans Arabic, "
               "Noto Sans Georgian, Noto Sans Devanagari, Noto Color Emoji";
    default:
        return NULL;
    }
}

static bool has_manifest(const char *dir)
{
    g_autofree char *m = g_build_filename(dir, "MANIFEST.tsv", NULL);
    return g_file_test(m, G_FILE_TEST_IS_REGULAR);
}

char *fs_fonts_default_dir(void)
{
    const char *env = g_getenv("FACTSHEET_FONT_DIR");
    if (env && *env)
        return g_strdup(env);
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (exe) {
        g_autofree char *bin = g_path_get_dirname(exe);
        /* build/factsheet, build/san/factsheet, PREFIX/bin/factsheet */
        const char *candidates[] = {"../fonts", "../../fonts", "../share/factsheet/fonts"};
        for (size_t i = 0; i < G_N_ELEMENTS(candidates); i++) {
            g_autofree char *dir = g_build_filename(bin, candidates[i], NULL);
            if (has_manifest(dir))
                return g_canonicalize_filename(dir, NULL);
        }
    }
    return g_strdup("fonts");
}

/* Noto Color Emoji is a bitmap font with one 109 px strike. Without a rule
 * it is drawn at that size whatever the text size; this rule (the same idea
 * as fontconfig's own 10-scale-bitmap-fonts.conf, which our private
 * configuration does not load) scales bitmap glyphs to the requested size. */
static const char bitmap_scaling[] =
    "<match target=\"font\"><test name=\"outline\" compare=\"eq\"><bool>false</bool></test>"
    "<edit name=\"pixelsizefixupfactor\" mode=\"assign\"><divide>"
    "<name target=\"pattern\">pixelsize</name><name target=\"font\">pixelsize</name>"
    "</divide></edit></match>"
    "<match target=\"font\"><test name=\"outline\" compare=\"eq\"><bool>false</bool></test>"
    "<edit name=\"matrix\" mode=\"assign\"><times><name>matrix</name><matrix>"
    "<name>pixelsizefixupfactor</name><double>0</double><double>0</double>"
    "<name>pixelsizefixupfactor</name></matrix></times></edit>"
    "<edit name=\"size\" mode=\"assign\"><divide><name>size</name>"
    "<name>pixelsizefixupfactor</name></divide></edit></match>";

/* Every file listed in dir/MANIFEST.tsv must be there. */
static bool check_manifest(const char *dir, fs_diag *d)
{
    g_autofree char *path = g_build_filename(dir, "MANIFEST.tsv", NULL);
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        fs_diag_add(d, FS_ERR_INPUT, path, 0, 0,
                    "font manifest missing: factsheet takes fonts only from its fonts/ folder "
                    "(run 'make fonts', or set FACTSHEET_FONT_DIR)");
        return false;
    }
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        if (**l == '#' || **l == '\0')
            continue;
        g_auto(GStrv) f = g_strsplit(*l, "\t", 2);
        g_autofree char *file = g_build_filename(dir, f[0], NULL);
        if (!g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
            fs_diag_add(d, FS_ERR_INPUT, file, 0, 0, "font file missing (run 'make fonts')");
            return false;
        }
    }
    return true;
}

static bool add_dir(FcConfig *cfg, const char *dir, fs_diag *d)
{
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        fs_diag_add(d, FS_ERR_INPUT, dir, 0, 0, "font folder does not exist");
        return false;
    }
    if (!FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir)) {
        fs_diag_add(d, FS_ERR_SYSTEM, dir, 0, 0, "cannot read the font folder");
        return false;
    }
    return true;
}

bool fs_fonts_verify(const char *dir, const char *extra_dir, fs_diag *d)
{
    if (!check_manifest(dir, d))
        return false;
    if (extra_dir && !g_file_test(extra_dir, G_FILE_TEST_IS_DIR)) {
        fs_diag_add(d, FS_ERR_INPUT, extra_dir, 0, 0, "font folder does not exist");
        return false;
    }
    return true;
}

fs_fonts *fs_fonts_new(const char *dir, const char *extra_dir, fs_diag *d)
{
    if (!check_manifest(dir, d))
        return NULL;
    /* A configuration with nothing but a cache folder of our own: without
     * one, fontconfig complains that it has no writable cache. */
    g_autofree char *cache = g_build_filename(g_get_user_cache_dir(), "factsheet", "fontconfig",
                                              NULL);
    g_mkdir_with_parents(cache, 0755);
    g_autofree char *esc = g_markup_escape_text(cache, -1);
    g_autofree char *xml = g_strdup_printf("<?xml version=\"1.0\"?>\n<fontconfig>"
                                           "<cachedir>%s</cachedir>%s</fontconfig>",
                                           esc, bitmap_scaling);
    FcConfig *cfg = FcConfigCreate();
    if (!cfg || !FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)xml, FcTrue)) {
        if (cfg)
            FcConfigDestroy(cfg);
        fs_diag_add(d, FS_ERR_SYSTEM, NULL, 0, 0, "cannot set up fontconfig");
        return NULL;
    }
    if (!add_dir(cfg, dir, d) || (extra_dir && !add_dir(cfg, extra_dir, d))) {
        FcConfigDestroy(cfg);
        return NULL;
    }
    /* Make it the current configuration too: cairo's FreeType backend asks
     * fontconfig for the current one when it prepares a font, which would
     * otherwise load the whole system configuration (slow, and its hinting
     * rules would reach our outputs). */
    FcConfigSetCurrent(cfg);
    fs_fonts *f = g_new0(fs_fonts, 1);
    f->config = cfg;
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
    f->context = pango_font_map_create_context(f->map);
    /* The same font options for every surface: no hinting of metrics or
     * outlines, grey antialiasing, so PDF, PNG and SVG share one layout. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(f->context, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(f->context, FALSE);
    return f;
}

/* Pango (1.50) looks each new font pattern up in two threads of its own
 * ("[pango] FcFontSetMatch" and "[pango] FcFontSetSort"), and each holds a
 * reference to the font map until it ends; nothing waits for the sort when
 * the first match has every glyph. A run that stops early, a refusal, can
 * get here with one still going: its last reference would then finalise the
 * font map in that thread, while this one resets cairo's static data or
 * exits (a heap corrupted now and then under load, fontconfig memory
 * reported as leaked), or race the shutdown that empties the tables the
 * thread removes its patterns from (a double free). So wait, before the
 * shutdown, until ours is the only reference; the
 * threads end on their own, in milliseconds, the bound only keeps a future
 * Pango that holds one more reference from hanging us. */
static void wait_for_lookups(PangoFontMap *map)
{
    const guint *refs = &G_OBJECT(map)->ref_count;
    for (int ms = 0; ms < 10000 && g_atomic_int_get((const gint *)refs) > 1; ms++)
        g_usleep(1000);
}

void fs_fonts_free(fs_fonts *f)
{
    if (!f)
        return;
    g_clear_object(&f->context);
    /* first the lookup threads: each drops what it holds from the font
     * map's tables, which the shutdown empties */
    wait_for_lookups(f->map);
    /* drop the font map's caches now, so fontconfig can be shut down */
    pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->map));
    g_clear_object(&f->map);
    FcConfigDestroy(f->config);
    g_free(f);
}

PangoContext *fs_fonts_context(fs_fonts *f)
{
    return f->context;
}

void fs_fonts_shutdown(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    /* No FcFini(): cairo's font faces keep fontconfig cache objects alive
     * and FcFini() asserts on them. What fontconfig keeps stays reachable
     * from its globals, which leak checkers do not report. */
}
