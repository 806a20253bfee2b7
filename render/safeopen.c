/* safeopen: opening an input file inside a folder, without a race. See
 * safeopen.h. */
#define _GNU_SOURCE /* O_PATH */
#include "safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

/* O_PATH: a folder on the way needs search permission only, as with a
 * plain open by name; without it (not Linux), read permission too. */
#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

int fs_open_folder(const char *path)
{
    return open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

int fs_open_beneath(int dirfd, const char *rel)
{
    const int file_flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    g_auto(GStrv) parts = g_strsplit(rel, "/", -1);
    int last = -1;
    for (int i = 0; parts[i]; i++) {
        if (strcmp(parts[i], ".") == 0 || strcmp(parts[i], "..") == 0) {
            errno = EINVAL;
            return -1;
        }
        if (*parts[i])
            last = i;
    }
    if (last < 0)
        return openat(dirfd, ".", file_flags);
    int cur = dirfd;
    for (int i = 0; i <= last; i++) {
        if (!*parts[i])
            continue;
        int flags =
            i == last ? file_flags | O_NOFOLLOW : O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
        int fd = openat(cur, parts[i], flags);
        int e = errno;
        if (cur != dirfd)
            close(cur);
        if (fd < 0) {
            errno = e;
            return -1;
        }
        cur = fd;
    }
    return cur;
}
