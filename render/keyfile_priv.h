/* keyfile_priv: the reader's state, shared by keyfile.c (the scan) and
 * keyvalue.c (the values). Nothing else includes this header. */
#ifndef FS_KEYFILE_PRIV_H
#define FS_KEYFILE_PRIV_H

#include "keyfile.h"

#include "values.h"

struct fs_keyfile {
    const fs_keyfile_schema *schema;
    const char *name; /* the file in messages */
    const char *lang; /* NULL: plain keys */
    fs_diag *d;
    bool failed;       /* the one diagnostic is out: add no other */
    bool content;      /* a line that is not blank or a comment */
    size_t nids;       /* [NAME ID] groups so far */
    GPtrArray *groups; /* fs_kf_group *, owned, in file order */
    GKeyFile *kf;      /* loaded from the normalized text */
};

#endif
