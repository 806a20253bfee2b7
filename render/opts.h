/* opts: dissolved (issue 14). The chart enums, lengths and page sizes are
 * in values.h, number formats in numfmt.h, fs_edit_distance() in keyfile.h.
 * This header only includes the first two for code not yet moved over;
 * include them directly instead. */
#ifndef FS_OPTS_H
#define FS_OPTS_H

#include "numfmt.h"
#include "values.h"

#endif
