/* report: a spec and its CSVs -> the fact sheet and one slide per panel.
 * See report.h. Reads every table first (so a bad CSV stops everything
 * before any drawing), then lays out and stages every file in one
 * fs_outset, and renames them into place only when all were written. */
#include "report.h"

#include "output.h"
#include "report_layout.h"

#include <errno.h>
#include <string.h>

bool fs_report_parse_formats(const char *list, unsigned *out)
{
    g_auto(GStrv) parts = g_strsplit(list, ",", -1);
    *out = 0;
    for (char **p = parts; *p; p++) {
        g_strstrip(*p);
        if (!strcmp(*p, "pdf"))
            *out |= FS_WANT_PDF;
        else if (!strcmp(*p, "png"))
            *out |= FS_WANT_PNG;
        else if (!strcmp(*p, "svg"))
            *out |= FS_WANT_SVG;
        else
            return false;
    }
    return *out != 0;
}

/* Where render_visit() stages the files of one language. */
typedef struct render_ctx {
    const char *outdir;
    unsigned formats;
    const char *suffix;
    fs_outset *set;
    fs_report_visit also;
    void *user;
} render_ctx;

static bool render_visit(const fs_spec *spec, const fs_panel *panel, fs_doc *doc, void *user,
                         fs_diag *d)
{
    render_ctx *rc = user;
    fs_output_opts oo = {.scale = 1.0, .svg_text = !spec->svg_outlines};
    if (rc->also && !rc->also(spec, panel, doc, rc->user, d))
        return false;
    if (!panel) {
        /* the sheet: the first document, so the folder is made only once
         * every table has been read */
        if (g_mkdir_with_parents(rc->outdir, 0777) != 0) {
            fs_diag_add(d, FS_ERR_SYSTEM, rc->outdir, 0, 0, "cannot create the folder: %s",
                        g_strerror(errno));
            return false;
        }
        if (!(rc->formats & FS_WANT_PDF))
            return true;
        g_autofree char *name = g_strdup_printf("%s%s.pdf", spec->name, rc->suffix);
        g_autofree char *path = g_build_filename(rc->outdir, name, NULL);
        return fs_outset_add(rc->set, doc, FS_FMT_PDF, path, &oo, d);
    }
    for (int f = 0; f < 2; f++) {
        fs_format fmt = f == 0 ? FS_FMT_PNG : FS_FMT_SVG;
        if (!(rc->formats & (f == 0 ? FS_WANT_PNG : FS_WANT_SVG)))
            continue;
        g_autofree char *name = g_strdup_printf("%s-%s%s.%s", spec->name, panel->id, rc->suffix,
                                                fs_format_ext(fmt));
        g_autofree char *path = g_build_filename(rc->outdir, name, NULL);
        if (!fs_outset_add(rc->set, doc, fmt, path, &oo, d))
            return false;
    }
    return true;
}

bool fs_report_render(const fs_spec *spec, fs_fonts *fonts, const char *outdir,
                      unsigned formats, const char *suffix, fs_outset *set,
                      fs_report_visit also, void *user, fs_diag *d)
{
    render_ctx rc = {.outdir = outdir, .formats = formats, .suffix = suffix, .set = set,
                     .also = also, .user = user};
    return fs_report_layout(spec, fonts, (formats & (FS_WANT_PNG | FS_WANT_SVG)) != 0,
                            render_visit, &rc, d);
}
