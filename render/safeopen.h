/* safeopen: opening an input file inside a folder, without a race.
 *
 * A path checked by name (realpath, then "is it inside the folder?") and
 * opened again by name later can be swapped in between: a symbolic link put
 * in its place leads the second open anywhere. So the path is resolved
 * once, and the file it resolved to is opened from a descriptor on the
 * folder, one component at a time, following no symbolic link: whatever is
 * renamed or linked meanwhile, the file opened is reached through real
 * folders beneath the folder's descriptor. The caller then reads from that
 * descriptor and never opens the path by name again. */
#ifndef FS_SAFEOPEN_H
#define FS_SAFEOPEN_H

/* Opens the folder at path (following links) to walk from with
 * fs_open_beneath(). Returns a descriptor (close-on-exec; the caller closes
 * it) or -1 with errno. */
int fs_open_folder(const char *path);

/* Opens rel, a path relative to the folder dirfd, one component at a time
 * with openat(O_NOFOLLOW): every component but the last must be a folder,
 * and none may be a symbolic link. rel must have no "." or ".." component
 * (a canonical path beneath the folder, as realpath gives one; empty
 * components are skipped); "" opens the folder itself. Returns a descriptor
 * open for reading (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC; the caller
 * closes it) or -1 with errno: ELOOP or ENOTDIR when a component is now a
 * symbolic link or no longer a folder, EINVAL for a "." or ".." component,
 * or what openat gave. dirfd stays open. */
int fs_open_beneath(int dirfd, const char *rel);

#endif
