/* fonts: the hermetic font setup. Builds a private fontconfig configuration
 * over fonts/ (and an optional extra folder) only, with its own cache folder,
 * and a Pango font map on it, so no system font ever reaches an output. The
 * only module that includes fontconfig.h.
 *
 * Text is measured in a context with hint metrics off and 72 dpi (1 unit =
 * 1 pt), the same for every output format. */
#ifndef FS_FONTS_H
#define FS_FONTS_H

#include "diag.h"

#include <pango/pango.h>
#include <stdbool.h>

typedef struct fs_fonts fs_fonts;

/* The folder fonts come from when none is given: $FACTSHEET_FONT_DIR, else
 * fonts/ beside build/ (the build tree), else ../share/factsheet/fonts
 * relative to the executable (an install). Returns a new string. */
char *fs_fonts_default_dir(void);

/* Returns a new font setup over dir (and extra_dir if not NULL), or NULL
 * after a diagnostic (missing folder, missing font files: exit 1). Free
 * with fs_fonts_free(). */
fs_fonts *fs_fonts_new(const char *dir, const char *extra_dir, fs_diag *d);
void fs_fonts_free(fs_fonts *f);

/* Checks what fs_fonts_new() would (the manifest's files are there, the
 * folders exist) without loading anything: no fontconfig, no threads. */
bool fs_fonts_verify(const char *dir, const char *extra_dir, fs_diag *d);

/* Borrowed: the measuring context, valid while f lives. */
PangoContext *fs_fonts_context(fs_fonts *f);

/* The family list every text uses (Inter first, then the Noto fallbacks). */
const char *fs_fonts_family(void);

/* For a right-to-left script with a font of its own in fonts/ (Arabic,
 * Hebrew): the family list with that font first, for the spaces and
 * punctuation between its letters; else NULL. */
const char *fs_fonts_family_for_script(PangoScript script);

/* Releases fontconfig's and cairo's static data at exit (for LeakSanitizer). */
void fs_fonts_shutdown(void);

#endif
