/* chart: a standalone chart page. See chart.h. */
#include "chart.h"

#include "image.h"
#include "lang.h"
#include "textsafe.h"

#include <math.h>
#include <string.h>

double fs_text_floor(bool print)
{
    return print ? FS_MIN_TEXT_PT : FS_MIN_TEXT_PX;
}

double fs_chart_min_text(const fs_chart_opts *o)
{
    double room = o->base_size > 0 ? 0 : fs_slide_min_text(o->width, o->height);
    return fmax(fs_text_floor(o->print), room);
}

double fs_chart_base_size(const fs_chart_opts *o)
{
    if (o->base_size > 0)
        return fmax(o->base_size, fs_text_floor(o->print));
    const fs_theme *pal = fs_theme_or_light(o->theme);
    double fit = fmin(o->width / 1920, o->height / 1080);
    return fmax(pal->slide_body * fit, fs_chart_min_text(o));
}

char *fs_source_line(const char *source, const char *lang)
{
    size_t n;
    const char *word = fs_lang_prefix(lang, FS_STR_SOURCE, &n);
    /* a source line that already starts with the word is left as it is */
    if (g_str_has_prefix(source, "Source") || strncmp(source, word, n) == 0)
        return g_strdup(source);
    return fs_lang_text(lang, FS_STR_SOURCE, source, NULL);
}

/* The document's background, language and metadata, bounded as alt text
 * is (textsafe.h). */
static void chart_metadata(fs_doc *doc, const fs_series_data *data, const fs_chart_opts *o,
                           const fs_theme *pal)
{
    doc->background = o->transparent ? 0 : pal->background;
    g_free(doc->lang);
    doc->lang = o->lang ? g_strdup(o->lang) : NULL;
    g_free(doc->title);
    doc->title = fs_text_cut(o->title ? o->title : "Chart", FS_ALT_MAX);
    g_free(doc->author);
    doc->author = o->source ? fs_text_cut(o->source, FS_ALT_MAX) : NULL;
    g_free(doc->desc);
    doc->desc = o->alt                       ? fs_text_cut(o->alt, FS_ALT_MAX)
                : o->type != FS_CHART_BAR ? fs_line_alt_text(data, o)
                                          : fs_chart_alt_text(data, o);
    g_free(doc->subject);
    doc->subject = g_strdup(doc->desc);
    GString *kw = g_string_new(NULL);
    for (size_t k = 0; k < data->nseries && kw->len < FS_ALT_MAX; k++) {
        g_autofree char *name = fs_text_cut(data->series_names[k], FS_ALT_PART_MAX);
        g_string_append_printf(kw, "%s%s", k ? ", " : "", name);
    }
    g_autofree char *keywords = g_string_free(kw, FALSE);
    g_free(doc->keywords);
    doc->keywords = fs_text_cut(keywords, FS_ALT_MAX);
}

/* Header and footer of a stand-alone chart; the bars fill what is left. */
bool fs_layout_chart(fs_doc *doc, fs_fonts *fonts, const fs_series_data *data,
                     const fs_chart_opts *o, fs_diag *d)
{
    const fs_theme *pal = fs_theme_or_light(o->theme);
    double b = fs_chart_base_size(o), least = fs_chart_min_text(o);
    double margin = pal->slide_margin * b;
    double x = margin, w = o->width - 2 * margin, y = margin * 0.9;
    chart_metadata(doc, data, o, pal);
    fs_page *page = fs_doc_add_page(doc, o->width, o->height);
    page->rtl = o->rtl;

    /* a report's logo at the title's end (a bar, line or area panel's
     * slide), as slide.c puts it on the other panels' slides */
    double tw = w, logo_bottom = 0;
    if (o->logo) {
        double lw, lh;
        fs_image_fit(o->logo, w / 4, pal->logo_height * b, o->print, &lw, &lh);
        fs_page_add_image(page, FS_ROLE_LOGO, o->logo, x + w - lw, y, lw, lh);
        tw = w - lw - 1.5 * b;
        logo_bottom = y + lh;
    }
    if (o->title && *o->title) {
        fs_text_style st = {.size = fmax(pal->chart_title * b, least),
                            .weight = pal->title_weight,
                            .color = pal->text,
                            .max_lines = 2,
                            .line_height = 1.15};
        int i =
            fs_layout_text(page, fonts, FS_ROLE_TITLE, o->title, &st, x, y, tw, o->lang, NULL, d);
        if (i < 0)
            return false;
        y += fs_page_item(page, i)->h + 0.35 * b;
    }
    if (o->subtitle && *o->subtitle) {
        fs_text_style st = {.size = fmax(1.15 * b, least),
                            .color = pal->secondary,
                            .max_lines = 2,
                            .line_height = 1.2};
        int i = fs_layout_text(page, fonts, FS_ROLE_SUBTITLE, o->subtitle, &st, x, y,
                               y < logo_bottom ? tw : w, o->lang, NULL, d);
        if (i < 0)
            return false;
        y += fs_page_item(page, i)->h;
    }
    y = fmax(y, logo_bottom) + 1.2 * b;
    /* footer from the bottom up: source, then note above it */
    double bottom = o->height - margin * 0.8;
    fs_text_style fst = {.size = fmax(pal->small * b, least),
                         .color = pal->secondary,
                         .max_lines = 2,
                         .line_height = 1.2};
    if (o->source && *o->source) {
        g_autofree char *src = fs_source_line(o->source, o->lang);
        double sw, sh;
        fs_measure_text(fonts, src, &fst, w, o->lang, &sw, &sh);
        bottom -= sh;
        if (fs_layout_text(page, fonts, FS_ROLE_SOURCE, src, &fst, x, bottom, w, o->lang, NULL, d) <
            0)
            return false;
        bottom -= 0.25 * b;
    }
    if (o->note && *o->note) {
        double nw, nh;
        fs_measure_text(fonts, o->note, &fst, w, o->lang, &nw, &nh);
        bottom -= nh;
        if (fs_layout_text(page, fonts, FS_ROLE_NOTE, o->note, &fst, x, bottom, w, o->lang, NULL,
                           d) < 0)
            return false;
    }
    bottom -= 1.2 * b;
    if (bottom - y < 6 * b) {
        fs_diag_add(d, FS_ERR_INPUT, data->file, 0, 0,
                    "the title, subtitle and notes leave no room for the chart at %.0fx%.0f",
                    o->width, o->height);
        return false;
    }
    if (o->type != FS_CHART_BAR
            ? !fs_layout_lines(page, fonts, data, o, x, y, w, bottom - y, d)
            : !fs_layout_bars(page, fonts, data, o, x, y, w, bottom - y, d))
        return false;
    if (page->rtl)
        fs_page_mirror(page);
    return true;
}
