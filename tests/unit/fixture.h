/* What the unit tests share: the bundled fonts, loaded once per test binary
 * from $FACTSHEET_FONT_DIR (as make check sets it), else fonts/ (a test
 * file includes this header after cmocka's and passes fixture_setup and
 * fixture_teardown to cmocka_run_group_tests), and a PNG decoder. The
 * Makefile links tests/unit/fixture.c into every unit test that uses it. */
#ifndef FS_TEST_FIXTURE_H
#define FS_TEST_FIXTURE_H

#include "fonts.h"

#include <cairo.h>
#include <stddef.h>

/* The fonts fixture_setup loaded; NULL before it and after
 * fixture_teardown. */
extern fs_fonts *fonts;

/* cmocka group setup: loads the fonts; -1 with the reason on stderr when
 * none load. */
int fixture_setup(void **state);

/* cmocka group teardown: frees the fonts and shuts the font machinery
 * down, so LeakSanitizer sees nothing left. */
int fixture_teardown(void **state);

/* The len bytes at data decoded by cairo's own PNG reader (libpng). Returns
 * a new surface, in an error status when they are not a whole PNG; free with
 * cairo_surface_destroy(). */
cairo_surface_t *fixture_png_decode(const void *data, size_t len);

#endif
