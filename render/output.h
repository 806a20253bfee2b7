/* output: the one place that knows PDF, PNG and SVG surfaces.
 *
 * Every file is written to a temporary file beside its target and renamed
 * into place only when complete and every status has been checked. Files
 * staged in one fs_outset are renamed together after all were written, so
 * a report is all-or-nothing: on any error no new file appears, no temporary
 * file remains, and an existing file is left byte-for-byte as it was. Output
 * is deterministic: dates come from SOURCE_DATE_EPOCH or are left out. */
#ifndef FS_OUTPUT_H
#define FS_OUTPUT_H

#include "diag.h"
#include "layout.h"

#include <stdbool.h>

typedef enum { FS_FMT_PDF, FS_FMT_PNG, FS_FMT_SVG } fs_format;

/* The format a path asks for by its extension; false if none. */
bool fs_format_from_path(const char *path, fs_format *out);
const char *fs_format_ext(fs_format f);

typedef struct fs_output_opts {
    double scale; /* PNG pixels per point; 1 = 1920x1080 for a 1920x1080 page */
    bool svg_text; /* SVG: text as <text> elements, not outlines */
} fs_output_opts;

typedef struct fs_outset fs_outset;

/* Returns a new, empty set of files; free with fs_outset_free(), which
 * removes any temporary file not committed. */
fs_outset *fs_outset_new(void);
void fs_outset_free(fs_outset *set);

/* Renders doc as fmt into a temporary file beside path. PNG and SVG take the
 * first page only. A symbolic link at path is replaced by the new file at
 * the commit, never written through (unless it leads to a character device
 * or a FIFO, which is written into at once). Returns false after a
 * diagnostic (FS_ERR_SYSTEM). */
bool fs_outset_add(fs_outset *set, const fs_doc *doc, fs_format fmt, const char *path,
                   const fs_output_opts *o, fs_diag *d);

/* Renames every staged file into place. Returns false after a diagnostic. */
bool fs_outset_commit(fs_outset *set, fs_diag *d);

/* The number of files staged in set, and the path of file i as the caller
 * gave it (borrowed): what a stamp lists (stamp.h). */
size_t fs_outset_count(const fs_outset *set);
const char *fs_outset_path(const fs_outset *set, size_t i);

/* Many sets committed one after another (a batch): each commit still
 * writes, fsyncs and renames its files, but the fsync of their folders,
 * which only makes the renames durable, waits for
 * fs_output_sync_deferred(), once per folder. Returns false after a
 * diagnostic per folder that cannot be synced; ends the deferral. */
void fs_output_defer_dir_sync(void);
bool fs_output_sync_deferred(fs_diag *d);

/* Microseconds spent so far in this process drawing pages into surfaces
 * (for PDF and SVG: with cairo's encoding, which happens as it draws),
 * encoding PNGs, and writing files (the bytes, fsync, close): --timings. */
typedef struct fs_output_times {
    gint64 paint, encode, write;
} fs_output_times;
const fs_output_times *fs_output_times_get(void);

#endif
