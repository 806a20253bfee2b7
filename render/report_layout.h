/* report_layout: a whole report laid out, the one sequence render, check and
 * lint share: every panel prepared (model.h: every CSV read and checked),
 * then the fact sheet (sheet.h), then one slide per panel (slide.h), each
 * document handed to a visitor and freed after it. render stages the files
 * (report.c), lint reads the boxes (lint.c), check only lays out, so check
 * refuses what render would. Nothing is drawn or written here. The top of
 * the compose floor. */
#ifndef FS_REPORT_LAYOUT_H
#define FS_REPORT_LAYOUT_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "model.h"
#include "spec.h"

#include <stdbool.h>

/* What fs_report_layout() does with each document it lays out: the sheet
 * (panel NULL), then each panel's slide. doc is borrowed: freed after the
 * call. Returns false, after a diagnostic, to stop. */
typedef bool (*fs_report_visit)(const fs_spec *spec, const fs_panel *panel, fs_doc *doc, void *user,
                                fs_diag *d);

/* Prepares every panel of spec (fs_prepare_all()), then lays out the fact
 * sheet and, with slides, every panel's slide, as render would, calling
 * visit (if not NULL) on each and stopping at the first failure. Returns
 * false after diagnostics. */
bool fs_report_layout(const fs_spec *spec, fs_fonts *fonts, bool slides, fs_report_visit visit,
                      void *user, fs_diag *d);

/* The same with the panels prepared by the caller: all, fs_prepare_all()
 * of spec (borrowed), for a visitor that reads the data too (lint ties
 * value labels to their data). */
bool fs_report_layout_prepared(const fs_spec *spec, const fs_prepared *all, fs_fonts *fonts,
                               bool slides, fs_report_visit visit, void *user, fs_diag *d);

#endif
