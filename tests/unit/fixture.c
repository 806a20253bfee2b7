/* The shared fixture of the unit tests (fixture.h). */
#include "fixture.h"

#include <stdio.h>

fs_fonts *fonts;

int fixture_setup(void **state)
{
    (void)state;
    const char *dir = g_getenv("FACTSHEET_FONT_DIR");
    g_autoptr(fs_diag) d = fs_diag_new();
    fonts = fs_fonts_new(dir && *dir ? dir : "fonts", NULL, d);
    if (!fonts)
        fprintf(stderr, "unit test fixture: no fonts (set FACTSHEET_FONT_DIR): %s\n",
                fs_diag_count(d) ? fs_diag_message(d, 0) : "");
    return fonts ? 0 : -1;
}

int fixture_teardown(void **state)
{
    (void)state;
    fs_fonts_free(fonts);
    fonts = NULL;
    fs_fonts_shutdown();
    return 0;
}
