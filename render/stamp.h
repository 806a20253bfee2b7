/* stamp: what an incremental render (--incremental) compares to decide
 * that an output needs no redrawing.
 *
 * A stamp is a small text file beside the outputs it covers
 * (DIR/.NAME.stamp): the input it is for (a spec or a CSV), a digest of
 * what every render shares (the program's own bytes, every bundled font
 * file, the options that change what is drawn), then the SHA-256 of every
 * input file that was read (the spec, its CSVs, text files, theme, images)
 * and of every output that was written. An output is up to date only when
 * its stamp exists, is for the same input, has the same shared digest, and
 * every file it lists still hashes the same: a changed byte anywhere, a
 * missing or altered output, a new font or a new build of factsheet
 * redraws. A stamp is written after its outputs were committed, atomically;
 * a run killed in between leaves an old stamp whose output hashes no longer
 * match, so the next run redraws. Nothing here prints or exits. */
#ifndef FS_STAMP_H
#define FS_STAMP_H

#include "diag.h"

#include <glib.h>
#include <stdbool.h>

/* Returns a new hex SHA-256 of what every render of one command line
 * shares: factsheet's version and its executable's bytes, every regular
 * file (name and bytes, in name order) of each folder of font_dirs (NULL
 * entries skipped, the list ends at n), and options (the command line's
 * options that decide what is drawn, see fs_cli_options_key()). */
char *fs_stamp_shared_digest(const char *const *font_dirs, size_t n, const char *options);

/* The stamp's path for the outputs of NAME in dir: dir/.NAME.stamp.
 * Returns a new string. */
char *fs_stamp_path(const char *dir, const char *name);

/* Whether the stamp at path is for input `of`, has the shared digest, and
 * every input and output it lists is there with the bytes it had. Any
 * doubt (no stamp, a stamp of another version of the format, a file that
 * cannot be read) is false: the output is redrawn. */
bool fs_stamp_fresh(const char *path, const char *of, const char *shared);

/* A stamp being made: for input `of`, with the shared digest. */
typedef struct fs_stamp fs_stamp;
fs_stamp *fs_stamp_new(const char *of, const char *shared);
void fs_stamp_free(fs_stamp *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fs_stamp, fs_stamp_free)

/* Adds a file read (input) or written (output); a path added twice counts
 * once. */
void fs_stamp_add_input(fs_stamp *s, const char *path);
void fs_stamp_add_output(fs_stamp *s, const char *path);

/* Hashes every file added and writes the stamp to path atomically (a
 * temporary file renamed over it). Call after the outputs are committed.
 * Returns false after a diagnostic (FS_ERR_SYSTEM): a file that cannot be
 * read back, or the stamp that cannot be written. */
bool fs_stamp_write(const fs_stamp *s, const char *path, fs_diag *d);

#endif
