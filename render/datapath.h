/* datapath: the files a key file names (a spec's data = CSV, theme = FILE,
 * a text panel's file = TEXT), resolved and confined to one folder: the
 * spec's, or --data-root.
 *
 * A path is refused when it is absolute or has a ".." (unless a data root
 * allows it), or resolves outside the folder through a symbolic link. Each
 * file is opened once, when its path is checked, from a descriptor on the
 * folder and following no symbolic link, so nothing swapped in after the
 * check is read (see safeopen.h); the caller reads from that descriptor and
 * never opens the path by name. Errors are the key file's one diagnostic,
 * at the key that names the file. */
#ifndef FS_DATAPATH_H
#define FS_DATAPATH_H

#include "keyfile.h"

#include <glib.h>

typedef struct fs_datapath fs_datapath;

/* Paths relative to dir (the key file's folder), confined to data_root, or
 * to dir when data_root is NULL. Both borrowed. Free with
 * fs_datapath_free(), which closes every descriptor still kept. */
fs_datapath *fs_datapath_new(const char *dir, const char *data_root);
void fs_datapath_free(fs_datapath *dp);

/* Resolves v, the value of key k of group g, and opens it: returns a
 * descriptor on a regular file (the caller owns it), or -1 after failing
 * kf at k. *out: a new path for messages, dir joined with v, as readable
 * as the user wrote it. Messages quote v as written, never that path: the
 * key file's FILE:LINE says where. */
int fs_datapath_open(fs_datapath *dp, fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k,
                     const char *v, char **out);

/* Keeps fd, a descriptor fs_datapath_open() returned, until dp is freed or
 * its descriptors are taken, and returns the descriptor to borrow: one
 * already kept for the same file (the callers share it and read it with
 * pread), else fd. */
int fs_datapath_keep(fs_datapath *dp, int fd);
/* The descriptors kept (GArray of int), now the caller's to close and free. */
GArray *fs_datapath_take(fs_datapath *dp);
/* The real path of every file opened so far (GPtrArray of char *, with
 * its free function), now the caller's: what a render read, for its stamp
 * (stamp.h). */
GPtrArray *fs_datapath_take_opened(fs_datapath *dp);

#endif
