/* report_layout: prepare, sheet, slides. See report_layout.h. */
#include "report_layout.h"

#include "model.h"
#include "sheet.h"
#include "slide.h"

bool fs_report_layout(const fs_spec *spec, fs_fonts *fonts, bool slides, fs_report_visit visit,
                      void *user, fs_diag *d)
{
    fs_prepared *all = fs_prepare_all(spec, d);
    if (!all)
        return false;
    bool ok = fs_report_layout_prepared(spec, all, fonts, slides, visit, user, d);
    fs_prepared_free(all, spec->panels->len);
    return ok;
}

bool fs_report_layout_prepared(const fs_spec *spec, const fs_prepared *all, fs_fonts *fonts,
                               bool slides, fs_report_visit visit, void *user, fs_diag *d)
{
    size_t n = spec->panels->len;
    /* the sheet */
    fs_doc *sheet = fs_doc_new();
    bool ok = fs_layout_report(sheet, fonts, spec, all, n, d);
    if (ok && visit)
        ok = visit(spec, NULL, sheet, user, d);
    fs_doc_free(sheet);
    /* one slide per panel */
    for (size_t i = 0; ok && slides && i < n; i++) {
        fs_doc *slide = fs_doc_new();
        ok = fs_layout_slide(slide, fonts, spec, &all[i], d);
        if (ok && visit)
            ok = visit(spec, all[i].panel, slide, user, d);
        fs_doc_free(slide);
    }
    return ok;
}
