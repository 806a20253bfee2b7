/* image: SVG and PNG pictures. See image.h. */
#include "image.h"

#include <gio/gio.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

/* A PNG of more pixels than this is refused too (about 100 MB decoded). */
#define MAX_PIXELS 25000000.0
/* Longest reference quoted in a message, in bytes. */
#define REF_QUOTE 60

struct fs_image {
    RsvgHandle *svg;        /* an SVG, else NULL */
    cairo_surface_t *png;   /* a PNG's pixels, else NULL */
    double w, h;            /* its own size in px */
};

/* ---- SVG: nothing outside itself ------------------------------------------ */

/* A new copy of the n bytes at s, made printable for a message. */
static char *quote_ref(const char *s, size_t n)
{
    if (n > REF_QUOTE)
        n = REF_QUOTE;
    GString *q = g_string_new("\"");
    for (size_t i = 0; i < n; i++)
        g_string_append_c(q, (unsigned char)s[i] < 0x20 || s[i] == '"' ? '?' : s[i]);
    g_string_append_c(q, '"');
    return g_string_free(q, FALSE);
}

/* Whether the reference at s (its leading blanks skipped) stays inside the
 * file: a #fragment or a data: URL. *end: where it ends (before quote or,
 * unquoted, a blank or ')'). */
static bool ref_inside(const char *s, const char *stop, char quote, const char **start,
                       const char **end)
{
    while (s < stop && g_ascii_isspace(*s))
        s++;
    *start = s;
    const char *e = s;
    while (e < stop && (quote ? *e != quote : !g_ascii_isspace(*e) && *e != ')'))
        e++;
    *end = e;
    return (s < stop && *s == '#') ||
           ((size_t)(stop - s) >= 5 && g_ascii_strncasecmp(s, "data:", 5) == 0);
}

/* What in an SVG's text (len bytes, UTF-8) could make librsvg read another
 * file. Returns NULL when nothing does, else a new message. */
static char *svg_outside(const char *buf, size_t len)
{
    g_autofree char *low = g_ascii_strdown(buf, (gssize)len);
    const char *stop = low + len;
    static const struct {
        const char *what, *why;
    } banned[] = {
        {"<!entity", "declares an XML entity (entities are not read; write the text out)"},
        {"xinclude", "includes another file (XInclude)"},
        {"xi:include", "includes another file (XInclude)"},
        {"@import", "imports a style sheet (@import); put the styles in the file"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(banned); i++)
        if (g_strstr_len(low, (gssize)len, banned[i].what))
            return g_strdup(banned[i].why);
    /* href = "…" and xlink:href = "…" (any prefix: the name ends in href) */
    for (const char *p = low; (p = g_strstr_len(p, stop - p, "href")); p += 4) {
        const char *q = p + 4;
        while (q < stop && g_ascii_isspace(*q))
            q++;
        if (q >= stop || *q != '=')
            continue;
        q++;
        while (q < stop && g_ascii_isspace(*q))
            q++;
        if (q >= stop || (*q != '"' && *q != '\''))
            continue;
        const char *s, *e;
        if (!ref_inside(q + 1, stop, *q, &s, &e)) {
            g_autofree char *r = quote_ref(buf + (s - low), (size_t)(e - s));
            return g_strdup_printf("refers to another file (href=%s); only #fragments and data: "
                                   "URLs are read",
                                   r);
        }
    }
    /* url(…) in a style attribute or element */
    for (const char *p = low; (p = g_strstr_len(p, stop - p, "url(")); p += 4) {
        const char *q = p + 4;
        while (q < stop && g_ascii_isspace(*q))
            q++;
        char quote = q < stop && (*q == '"' || *q == '\'') ? *q : 0;
        const char *s, *e;
        if (!ref_inside(quote ? q + 1 : q, stop, quote, &s, &e)) {
            g_autofree char *r = quote_ref(buf + (s - low), (size_t)(e - s));
            return g_strdup_printf("refers to another file (url(%s)); only #fragments and data: "
                                   "URLs are read",
                                   r);
        }
    }
    return NULL;
}

static fs_image *svg_new(const guint8 *buf, size_t len, char **why)
{
    if (memchr(buf, '\0', len) || !g_utf8_validate((const char *)buf, (gssize)len, NULL)) {
        *why = g_strdup("is not a valid image (an SVG must be UTF-8 text)");
        return NULL;
    }
    char *out = svg_outside((const char *)buf, len);
    if (out) {
        *why = out;
        return NULL;
    }
    g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data(buf, (gssize)len, NULL);
    g_autoptr(GError) err = NULL;
    /* no base file: librsvg loads nothing but data: URLs */
    RsvgHandle *h =
        rsvg_handle_new_from_stream_sync(in, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, &err);
    if (!h) {
        *why = g_strdup_printf("is not a valid SVG image: %s", err ? err->message : "unreadable");
        return NULL;
    }
    rsvg_handle_set_dpi(h, 96);
    double w = 0, hh = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
        gboolean has_vb = FALSE;
        RsvgRectangle vb = {0};
        rsvg_handle_get_intrinsic_dimensions(h, NULL, NULL, NULL, NULL, &has_vb, &vb);
        if (has_vb)
            w = vb.width, hh = vb.height;
    }
    if (!(w > 0 && hh > 0 && isfinite(w) && isfinite(hh))) {
        g_object_unref(h);
        *why = g_strdup("is an SVG without a size (give its <svg> a viewBox, or a width and "
                        "height in px)");
        return NULL;
    }
    fs_image *img = g_new0(fs_image, 1);
    img->svg = h;
    img->w = w, img->h = hh;
    return img;
}

/* ---- PNG ------------------------------------------------------------------- */

typedef struct {
    const guint8 *buf;
    size_t len, at;
} png_reader;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int n)
{
    png_reader *r = closure;
    if (r->len - r->at < n)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->buf + r->at, n);
    r->at += n;
    return CAIRO_STATUS_SUCCESS;
}

static guint32 be32(const guint8 *p)
{
    return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

static fs_image *png_new(const guint8 *buf, size_t len, char **why)
{
    /* the signature, then the IHDR chunk: its length (13), name, width, height */
    if (len < 33 || memcmp(buf + 12, "IHDR", 4) != 0) {
        *why = g_strdup("is not a valid PNG image (no header)");
        return NULL;
    }
    guint32 w = be32(buf + 16), h = be32(buf + 20);
    if (w == 0 || h == 0) {
        *why = g_strdup("is not a valid PNG image (0 pixels wide or high)");
        return NULL;
    }
    if (w > FS_IMAGE_MAX_PX || h > FS_IMAGE_MAX_PX || (double)w * h > MAX_PIXELS) {
        *why = g_strdup_printf("is too large: %ux%u pixels (at most %d a side and %.0f million "
                               "in all)",
                               w, h, FS_IMAGE_MAX_PX, MAX_PIXELS / 1e6);
        return NULL;
    }
    png_reader r = {buf, len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        *why = g_strdup_printf("is not a valid PNG image (%s)",
                               cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    fs_image *img = g_new0(fs_image, 1);
    img->png = s;
    img->w = cairo_image_surface_get_width(s), img->h = cairo_image_surface_get_height(s);
    return img;
}

/* ---- the image --------------------------------------------------------------- */

fs_image *fs_image_new(const guint8 *buf, size_t len, char **why)
{
    static const guint8 png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    *why = NULL;
    if (len > FS_IMAGE_MAX_BYTES) {
        *why = g_strdup_printf("is too large: %.1f MB (at most %d MB)", (double)len / 1048576,
                               FS_IMAGE_MAX_BYTES / 1048576);
        return NULL;
    }
    if (len >= 8 && memcmp(buf, png_sig, 8) == 0)
        return png_new(buf, len, why);
    if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b) {
        *why = g_strdup("is a compressed SVG (.svgz); save it as plain .svg");
        return NULL;
    }
    /* an SVG: text with an <svg element */
    if (len > 0 && g_strstr_len((const char *)buf, (gssize)len, "<svg"))
        return svg_new(buf, len, why);
    *why = g_strdup("is not a valid image (expected a PNG or an SVG file)");
    return NULL;
}

void fs_image_free(fs_image *img)
{
    if (!img)
        return;
    if (img->svg)
        g_object_unref(img->svg);
    if (img->png)
        cairo_surface_destroy(img->png);
    g_free(img);
}

bool fs_image_is_svg(const fs_image *img)
{
    return img->svg != NULL;
}

void fs_image_size(const fs_image *img, double *w, double *h)
{
    *w = img->w, *h = img->h;
}

void fs_image_fit(const fs_image *img, double bw, double bh, bool print, double *w, double *h)
{
    double s = fmin(fmax(bw, 0) / img->w, fmax(bh, 0) / img->h);
    if (img->png)
        s = fmin(s, print ? FS_IMAGE_PNG_MAX_PT_PER_PX : FS_IMAGE_PNG_MAX_SCALE);
    *w = img->w * s, *h = img->h * s;
}

void fs_image_draw(cairo_t *cr, const fs_image *img, double x, double y, double w, double h)
{
    if (!(w > 0 && h > 0))
        return;
    cairo_save(cr);
    if (img->svg) {
        RsvgRectangle vp = {x, y, w, h};
        rsvg_handle_render_document(img->svg, cr, &vp, NULL);
    } else {
        cairo_translate(cr, x, y);
        cairo_scale(cr, w / img->w, h / img->h);
        cairo_set_source_surface(cr, img->png, 0, 0);
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_rectangle(cr, 0, 0, img->w, img->h);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}
