/* fs_auto: g_autoptr cleanups for the cairo types (cairo 1.16 ships none). */
#ifndef FS_AUTO_H
#define FS_AUTO_H

#include <cairo.h>
#include <glib.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_surface_t, cairo_surface_destroy)

#endif
