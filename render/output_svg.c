/* output_svg: the SVG writer (see output_priv.h). cairo draws the first
 * page into memory; its ids are renumbered (fs_svg_canonical_ids), and the
 * <svg> element gets role="img", a title and a description. */
#include "output_priv.h"

#include "fs_auto.h"
#include "paint.h"

#include <cairo-svg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cairo names an SVG's page group and its images after a counter global to
 * the process ("surface17", "image23"), so the same chart drawn after
 * another one would come out with other ids. Renumbers them 1, 2, … in
 * order of first appearance. Only the ids cairo writes (after id=" and #)
 * are touched; this runs before any text of ours is in buf. */
void fs_svg_canonical_ids(GString *buf)
{
    static const char *const kinds[] = {"surface", "image"};
    g_autoptr(GString) out = g_string_sized_new(buf->len);
    g_autoptr(GHashTable) surfaces = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GHashTable) images = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *ids[] = {surfaces, images};
    const char *p = buf->str, *end = buf->str + buf->len;
    while (p < end) {
        const char *q = p;
        bool ref = *q == '#', def = end - q > 4 && !memcmp(q, "id=\"", 4);
        if (!ref && !def) {
            g_string_append_c(out, *p++);
            continue;
        }
        q += ref ? 1 : 4;
        size_t k, klen = 0;
        for (k = 0; k < G_N_ELEMENTS(kinds); k++) {
            klen = strlen(kinds[k]);
            if ((size_t)(end - q) > klen && !memcmp(q, kinds[k], klen) &&
                g_ascii_isdigit(q[klen]))
                break;
        }
        if (k == G_N_ELEMENTS(kinds)) {
            g_string_append_len(out, p, q - p);
            p = q;
            continue;
        }
        char *num_end;
        unsigned long id = strtoul(q + klen, &num_end, 10);
        gpointer key = GSIZE_TO_POINTER(id);
        gpointer val = g_hash_table_lookup(ids[k], key);
        if (!val) {
            val = GUINT_TO_POINTER(g_hash_table_size(ids[k]) + 1);
            g_hash_table_insert(ids[k], key, val);
        }
        g_string_append_len(out, p, q - p);
        g_string_append_printf(out, "%s%u", kinds[k], GPOINTER_TO_UINT(val));
        p = num_end;
    }
    g_string_assign(buf, out->str);
}

bool fs_output_svg(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d)
{
    const fs_page *page = g_ptr_array_index(doc->pages, 0);
    g_autoptr(GString) buf = g_string_new(NULL);
    fs_sink mem = {0};
    /* Draw into memory first: the title and description go inside <svg>. */
    char *data = NULL;
    size_t len = 0;
    mem.fp = open_memstream(&data, &len);
    if (!mem.fp) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "out of memory");
        return false;
    }
    {
        g_autoptr(cairo_surface_t) surf =
            cairo_svg_surface_create_for_stream(fs_sink_write, &mem, page->width, page->height);
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PX);
        g_autoptr(cairo_t) cr = cairo_create(surf);
        fs_paint_page(cr, page, doc->background);
        bool ok = fs_output_paint_status(cr, path, d);
        cairo_surface_finish(surf);
        if (ok && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot draw: %s",
                        cairo_status_to_string(cairo_surface_status(surf)));
            ok = false;
        }
        fclose(mem.fp);
        if (!ok) {
            free(data);
            return false;
        }
    }
    g_string_append_len(buf, data, (gssize)len);
    free(data);
    fs_svg_canonical_ids(buf);
    /* <svg ...> gets role="img" and a title and description first inside */
    const char *svg = strstr(buf->str, "<svg");
    const char *gt = svg ? strchr(svg, '>') : NULL;
    if (gt) {
        /* offsets, not pointers: an insertion may move buf's memory */
        gsize at = (gsize)(gt - buf->str), open = (gsize)(svg - buf->str);
        g_autofree char *t = g_markup_escape_text(doc->title ? doc->title : "", -1);
        g_autofree char *desc = g_markup_escape_text(doc->desc ? doc->desc : "", -1);
        g_autofree char *ins = g_strdup_printf(
            ">\n<title id=\"fs-title\">%s</title>\n<desc id=\"fs-desc\">%s</desc", t, desc);
        g_string_insert(buf, (gssize)at, ins);
        g_string_insert(buf, (gssize)open + 4,
                        " role=\"img\" aria-labelledby=\"fs-title fs-desc\"");
    }
    fs_sink_write(out, (const unsigned char *)buf->str, (unsigned int)buf->len);
    return true;
}
