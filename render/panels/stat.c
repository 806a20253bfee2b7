/* stat: a panel of one big number, its caption and a comparison. The
 * number is written as it was given (numchoice.h: 3.14159, 0.0012, "648.125
 * bn" from 648125000000), never wrapped or cut: it shrinks to the panel's
 * width. */
#include "panel.h"

#include <math.h>
#include <string.h>

/* The number as the panel shows it, its unit after it. Returns a new
 * string. */
static char *stat_text(const fs_spec *spec, const fs_prepared *p)
{
    fs_numchoice ch;
    const fs_panel *pn = p->panel;
    fs_numchoice_given(p->stat, pn->has_decimals ? pn->decimals : -1, pn->compact, &ch);
    char *num = fs_numchoice_format(&ch, &spec->numfmt, spec->lang, p->stat);
    if (p->panel->unit && *p->panel->unit) {
        char *t = g_strdup_printf("%s %s", num, p->panel->unit);
        g_free(num);
        num = t;
    }
    return num;
}

static double body_stat(const fs_panel_ctx *c, fs_page *pg, const fs_prepared *p, double y,
                        double w, double fill)
{
    (void)fill; /* always its natural height */
    const fs_panel *pn = p->panel;
    double b = c->b;
    g_autofree char *num = stat_text(c->spec, p);
    fs_text_style big = {.size = c->pal->stat * b,
                         .weight = c->pal->stat_weight,
                         .color = c->pal->accent,
                         .tabular = true};
    /* the number is never wrapped or cut: shrink it to the panel's width,
     * down to the floor; under it, the unit goes to a line of its own, and
     * a number too wide alone is an error */
    double nw, nh, wrap = 0;
    fs_measure_text(c->fonts, num, &big, 0, NULL, &nw, &nh);
    if (nw > w)
        big.size = fmax(big.size * w / nw * 0.98, c->min);
    if (nw * big.size / (c->pal->stat * b) > w + 0.01) {
        size_t unit = pn->unit && *pn->unit ? strlen(pn->unit) + 1 : 0;
        g_autofree char *bare = g_strndup(num, strlen(num) - unit);
        double bw, bh;
        fs_measure_text(c->fonts, bare, &big, 0, NULL, &bw, &bh);
        if (bw > w + 0.01) {
            fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, pn->line, 0,
                        "[panel %s] its number %s does not fit its width (%.0f pt) even at %.0f "
                        "pt; give it more columns (span)",
                        pn->id, bare, w, big.size);
            return -1;
        }
        /* the unit on a line of its own is never cut either */
        if (unit) {
            double uw, uh;
            fs_measure_text(c->fonts, pn->unit, &big, 0, c->spec->lang, &uw, &uh);
            if (uw > w + 0.01) {
                fs_diag_add(c->d, FS_ERR_INPUT, c->spec->path, pn->line, 0,
                            "[panel %s] its unit does not fit its width (%.0f pt) even at %.0f "
                            "pt; give it more columns (span) or a shorter unit",
                            pn->id, w, big.size);
                return -1;
            }
        }
        big.whole_words = true;
        wrap = w;
    }
    double h = fs_panel_text(c, pg, FS_ROLE_STAT, num, &big, 0, y, wrap, c->spec->path);
    if (h < 0)
        return -1;
    y += h;
    if (pn->caption) {
        fs_text_style cap = {.size = fmax(1.15 * b, c->min),
                             .weight = c->pal->caption_weight,
                             .color = c->pal->text,
                             .line_height = 1.2};
        h = fs_panel_text(c, pg, FS_ROLE_CAPTION, pn->caption, &cap, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    if (pn->compare) {
        fs_text_style cmp = {
            .size = fmax(0.95 * b, c->min), .color = c->pal->secondary, .line_height = 1.25};
        y += 0.25 * b;
        h = fs_panel_text(c, pg, FS_ROLE_COMPARE, pn->compare, &cmp, 0, y, w, c->spec->path);
        if (h < 0)
            return -1;
        y += h;
    }
    return y;
}

static char *alt_stat(const fs_spec *spec, const fs_prepared *p)
{
    const fs_panel *pn = p->panel;
    GString *s = fs_panel_alt_begin(pn);
    g_autofree char *num = stat_text(spec, p);
    g_string_append(s, num);
    if (pn->caption)
        g_string_append_printf(s, " %s", pn->caption);
    if (pn->compare)
        g_string_append_printf(s, ", %s", pn->compare);
    g_string_append_c(s, '.');
    return fs_panel_alt_end(s, spec);
}

const fs_panel_kind fs_kind_stat = {
    .type = FS_PANEL_STAT,
    .name = "stat",
    .body = body_stat,
    .alt = alt_stat,
};
