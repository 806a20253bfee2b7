/* panels: the registry and what every panel type shares. See panel.h. */
#include "panel.h"

#include "textsafe.h"

#include <math.h>
#include <string.h>

void fs_chart_opts_init(fs_chart_opts *o)
{
    memset(o, 0, sizeof *o);
    o->orient = FS_ORIENT_HORIZONTAL;
    o->sort = FS_SORT_NONE;
    o->mode = FS_MODE_GROUPED;
    o->theme = NULL;
    fs_numfmt_default(&o->numfmt);
    o->width = 1920;
    o->height = 1080;
    o->decimals = -1;
    o->compact = FS_COMPACT_AUTO;
    o->axis_min = NAN;
    o->axis_max = NAN;
    o->type = FS_CHART_BAR;
    o->markers = FS_MARK_NONE;
    o->labels = FS_MARK_LAST;
}

void fs_panel_chart_opts(const fs_spec *spec, const fs_panel *pn, double b, fs_chart_opts *o)
{
    fs_chart_opts_init(o);
    o->mode = pn->mode;
    o->theme = spec->theme, o->numfmt = spec->numfmt, o->unit = pn->unit;
    o->base_size = b, o->lang = spec->lang, o->rtl = spec->rtl;
    o->decimals = pn->has_decimals ? pn->decimals : -1, o->compact = pn->compact;
    o->axis_min = pn->has_axis_min ? pn->axis_min : NAN;
    o->axis_max = pn->has_axis_max ? pn->axis_max : NAN;
    o->highlight = pn->highlight, o->reference = pn->reference, o->callout = pn->callout;
}

double fs_panel_chart_body(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                           double w, double h, fs_chart_layout_fn layout)
{
    const fs_panel_kind *kind = fs_panel_kind_of(p->panel->type);
    fs_chart_opts o;
    kind->chart(c->spec, p->panel, c->b, &o);
    o.print = c->print;
    if (h <= 0)
        h = kind->heights(c, p, w, NULL, NULL);
    if (!layout(pg, c->fonts, &p->series, &o, 0, y, w, h, c->d))
        return -1;
    return y + h;
}

char *fs_panel_chart_alt(const fs_spec *spec, const fs_prepared *p,
                         char *(*alt)(const fs_series_data *data, const fs_chart_opts *o))
{
    fs_chart_opts o;
    fs_panel_kind_of(p->panel->type)->chart(spec, p->panel, 0, &o);
    o.title = p->panel->title;
    o.source = spec->source;
    return alt(&p->series, &o);
}

double fs_slide_min_text(double width, double height)
{
    return 24 * fmin(width / 1920, height / 1080);
}

/* One row per fs_panel_type, in its order. */
static const fs_panel_kind *const registry[] = {
    [FS_PANEL_BAR] = &fs_kind_bar,
    [FS_PANEL_STAT] = &fs_kind_stat,
    [FS_PANEL_PICTOGRAM] = &fs_kind_pictogram,
    [FS_PANEL_TIMELINE] = &fs_kind_timeline,
    [FS_PANEL_TEXT] = &fs_kind_text,
    [FS_PANEL_IMAGE] = &fs_kind_image,
    [FS_PANEL_DONUT] = &fs_kind_donut,
    [FS_PANEL_LINE] = &fs_kind_line,
    [FS_PANEL_AREA] = &fs_kind_area,
    [FS_PANEL_TABLE] = &fs_kind_table,
};

const fs_panel_kind *fs_panel_kind_of(fs_panel_type t)
{
    g_return_val_if_fail((size_t)t < G_N_ELEMENTS(registry) && registry[t], &fs_kind_text);
    return registry[t];
}

char *fs_panel_alt(const fs_spec *spec, const fs_prepared *p)
{
    if (p->panel->alt)
        return fs_text_cut(p->panel->alt, FS_ALT_MAX);
    return fs_panel_kind_of(p->panel->type)->alt(spec, p);
}

GString *fs_panel_alt_begin(const fs_panel *pn)
{
    GString *s = g_string_new(NULL);
    if (pn->title)
        g_string_append_printf(s, "%s. ", pn->title);
    return s;
}

char *fs_panel_alt_end(GString *s, const fs_spec *spec)
{
    if (spec->source)
        g_string_append_printf(s, " Source: %s.", spec->source);
    g_autofree char *alt = g_string_free(s, FALSE);
    return fs_text_cut(alt, FS_ALT_MAX);
}

double fs_panel_text(const fs_panel_ctx *c, fs_page *pg, fs_role role, const char *s,
                     const fs_text_style *st, double x, double y, double w, const char *file)
{
    int i = fs_layout_text(pg, c->fonts, role, s, st, x, y, w, c->spec->lang, file, c->d);
    return i < 0 ? -1 : fs_page_item(pg, i)->h;
}

/* Shapes text onto at most lines lines (1: not wrapped), wrapped between
 * words at about 1/lines of its width w1 on one line. Returns false (out
 * cleared) when it does not wrap so: a word too wide, too many lines. */
static bool callout_shape(fs_page *page, fs_fonts *fonts, const char *text,
                          const fs_text_style *st, const char *lang, int lines, double w1,
                          fs_shaped *out)
{
    if (lines == 1) {
        fs_text_shape(page, fonts, text, st, 0, lang, out);
        return true;
    }
    /* never narrower than the widest word: whole_words would cut it */
    double widest = fs_text_widest_word(fonts, text, st, lang);
    /* from a 1/lines share of its length, wider until it takes no more
     * lines (words do not break evenly) */
    double wrap = fmax(w1 / lines * 1.05, widest + 0.5);
    int got = 0;
    for (; wrap < w1; wrap *= 1.06) {
        fs_text_shape(page, fonts, text, st, wrap, lang, out);
        got = pango_layout_get_line_count(out->layout);
        if (got <= lines && !out->words_cut)
            break;
        fs_shaped_clear(out);
    }
    if (!out->layout)
        return false;
    /* again at the width of its widest line, so that its box is its
     * layout's: fs_page_mirror mirrors a wrapped text's layout box, and the
     * leader is drawn to the box */
    double tight = out->w + 0.01;
    fs_shaped_clear(out);
    fs_text_shape(page, fonts, text, st, tight, lang, out);
    if (pango_layout_get_line_count(out->layout) == got && !out->words_cut)
        return true;
    fs_shaped_clear(out);
    return false;
}

int fs_panel_callout(fs_page *page, fs_fonts *fonts, const char *text, const fs_text_style *st,
                     const char *lang, const fs_callout_spot *spot, double lw, uint32_t ink,
                     const char *file, fs_diag *d, fs_abox *box, double leader[4])
{
    double w1, h1;
    fs_measure_text(fonts, text, st, 0, lang, &w1, &h1);
    /* a short text on one line; a longer one narrower first, as it fits
     * beside a point more easily */
    const int short_first[] = {1, 2, 3}, long_first[] = {2, 3, 1};
    const int *order = w1 <= spot->prefer ? short_first : long_first;
    for (int k = 0; k < 3; k++) {
        fs_shaped s = {0};
        if (!callout_shape(page, fonts, text, st, lang, order[k], w1, &s))
            continue;
        double x, y;
        if (!fs_callout_place(spot->px, spot->py, s.w, s.h, spot->gap, &spot->bounds, spot->avoid,
                              spot->navoid, spot->cross, spot->ncross, spot->blocked, spot->data,
                              &x, &y, leader)) {
            fs_shaped_clear(&s);
            continue;
        }
        *box = (fs_abox){x, y, s.w, s.h};
        if (leader[0] != leader[2] || leader[1] != leader[3])
            fs_page_add_line(page, FS_ROLE_CALLOUT, leader[0], leader[1], leader[2], leader[3],
                             lw, ink);
        int idx = fs_text_place(page, fonts, FS_ROLE_CALLOUT, &s, x, y, st->color, file, 0, d);
        if (idx < 0)
            return -1;
        fs_page_move_item(page, idx, x, y);
        return 1;
    }
    return 0;
}
