/* report: placeholder until the page layout lands. */
#include "report.h"

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
