/* report: a spec and its CSVs -> the fact sheet (a PDF of one or more
 * pages) and one slide per panel (PNG and SVG). Loads every table the spec
 * names, lays out the page grid and each panel, and stages every file in one
 * fs_outset so the report is all-or-nothing. */
#ifndef FS_REPORT_H
#define FS_REPORT_H

#include "diag.h"
#include "fonts.h"
#include "output.h"
#include "report_layout.h"
#include "spec.h"

#include <stdbool.h>

enum { FS_WANT_PDF = 1, FS_WANT_PNG = 2, FS_WANT_SVG = 4 };

/* Parses "pdf,png,svg" (any subset, any order) into FS_WANT_* bits. */
bool fs_report_parse_formats(const char *list, unsigned *out);

/* Renders the report into files staged in set (the caller commits them):
 * outdir/NAME{suffix}.pdf, NAME-PANEL{suffix}.png and .svg, as formats asks;
 * suffix is "" or ".az" for a language. also (if not NULL) sees each
 * document first, as in fs_report_layout() (main prints its layout for
 * --dump-layout).
 * Returns false after diagnostics. */
bool fs_report_render(const fs_spec *spec, fs_fonts *fonts, const char *outdir,
                      unsigned formats, const char *suffix, fs_outset *set,
                      fs_report_visit also, void *user, fs_diag *d);

#endif
