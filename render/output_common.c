/* output_common: the parts the output writers share (see output_priv.h),
 * and the format names of output.h. */
#include "output_priv.h"

#include <errno.h>
#include <string.h>

bool fs_format_from_path(const char *path, fs_format *out)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return false;
    if (g_ascii_strcasecmp(dot, ".pdf") == 0)
        *out = FS_FMT_PDF;
    else if (g_ascii_strcasecmp(dot, ".png") == 0)
        *out = FS_FMT_PNG;
    else if (g_ascii_strcasecmp(dot, ".svg") == 0)
        *out = FS_FMT_SVG;
    else
        return false;
    return true;
}

const char *fs_format_ext(fs_format f)
{
    return f == FS_FMT_PDF ? "pdf" : f == FS_FMT_PNG ? "png" : "svg";
}

/* ---- a checked output stream ---------------------------------------------- */

cairo_status_t fs_sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    fs_sink *s = closure;
    if (s->err)
        return CAIRO_STATUS_WRITE_ERROR;
    if (len && fwrite(data, 1, len, s->fp) != len) {
        s->err = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* --timings: time spent in each step of writing files, summed */
fs_output_times fs_output_clock;

const fs_output_times *fs_output_times_get(void)
{
    return &fs_output_clock;
}

/* ---- dates ------------------------------------------------------------------- */

char *fs_output_source_date(void)
{
    const char *e = g_getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e)
        return NULL;
    char *end;
    gint64 t = g_ascii_strtoll(e, &end, 10);
    if (*end || t < 0)
        return NULL;
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    return dt ? g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S") : NULL;
}

bool fs_output_paint_status(cairo_t *cr, const char *path, fs_diag *d)
{
    cairo_status_t st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot draw: %s", cairo_status_to_string(st));
        return false;
    }
    return true;
}
