/* report: a spec and its CSVs -> the fact sheet and one slide per panel.
 * See report.h. Reads every table first (so a bad CSV stops everything
 * before any drawing), then lays out and stages every file in one
 * fs_outset, and renames them into place only when all were written. */
#include "report.h"

#include "output.h"
#include "model.h"
#include "sheet.h"
#include "slide.h"

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

bool fs_report_check(const fs_spec *spec, fs_diag *d)
{
    fs_prepared *all = fs_prepare_all(spec, d);
    if (!all)
        return false;
    fs_prepared_free(all, spec->panels->len);
    return true;
}

bool fs_report_render(const fs_spec *spec, fs_fonts *fonts, const char *outdir,
                      unsigned formats, const char *suffix, fs_outset *set, bool dump,
                      fs_diag *d)
{
    size_t n = spec->panels->len;
    fs_prepared *all = fs_prepare_all(spec, d);
    if (!all)
        return false;
    bool ok = true;
    fs_output_opts oo = {.scale = 1.0};
    if (g_mkdir_with_parents(outdir, 0777) != 0) {
        fs_diag_add(d, FS_ERR_SYSTEM, outdir, 0, 0, "cannot create the folder: %s",
                    g_strerror(errno));
        ok = false;
    }
    /* the sheet */
    fs_doc *sheet = fs_doc_new();
    ok = ok && fs_layout_report(sheet, fonts, spec, all, n, d);
    if (ok && dump)
        fs_doc_dump(sheet, stdout);
    if (ok && (formats & FS_WANT_PDF)) {
        g_autofree char *name = g_strdup_printf("%s%s.pdf", spec->name, suffix);
        g_autofree char *path = g_build_filename(outdir, name, NULL);
        ok = fs_outset_add(set, sheet, FS_FMT_PDF, path, &oo, d);
    }
    fs_doc_free(sheet);
    /* one slide per panel */
    for (size_t i = 0; ok && i < n && (formats & (FS_WANT_PNG | FS_WANT_SVG)); i++) {
        const fs_panel *pn = all[i].panel;
        fs_doc *slide = fs_doc_new();
        ok = fs_layout_slide(slide, fonts, spec, &all[i], d);
        if (ok && dump) {
            printf("slide %s\n", pn->id);
            fs_doc_dump(slide, stdout);
        }
        for (int f = 0; ok && f < 2; f++) {
            fs_format fmt = f == 0 ? FS_FMT_PNG : FS_FMT_SVG;
            if (!(formats & (f == 0 ? FS_WANT_PNG : FS_WANT_SVG)))
                continue;
            g_autofree char *name =
                g_strdup_printf("%s-%s%s.%s", spec->name, pn->id, suffix, fs_format_ext(fmt));
            g_autofree char *path = g_build_filename(outdir, name, NULL);
            ok = fs_outset_add(set, slide, fmt, path, &oo, d);
        }
        fs_doc_free(slide);
    }
    fs_prepared_free(all, n);
    return ok;
}
