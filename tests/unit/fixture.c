/* The shared fixture of the unit tests (fixture.h). */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

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

typedef struct reader {
    const unsigned char *data;
    size_t len, off;
} reader;

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int len)
{
    reader *r = closure;
    if (r->len - r->off < len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->data + r->off, len);
    r->off += len;
    return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *fixture_png_decode(const void *data, size_t len)
{
    reader r = {data, len, 0};
    return cairo_image_surface_create_from_png_stream(read_mem, &r);
}
