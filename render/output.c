/* output: PDF, PNG and SVG files, written atomically. See output.h.
 *
 * Each file is drawn into a temporary file created beside its target
 * (".NAME.XXXXXX"), every status is checked (cairo's sticky status, each
 * write, fsync, fclose), and only fs_outset_commit() renames the staged
 * files into place, all or none (it keeps hard-link backups to undo with;
 * what stays non-atomic across files is listed above it). A later run
 * removes the temp files a killed run left (stage_dir). An existing target
 * that is a character device or a FIFO, or a symbolic link to one, is
 * written straight into instead (write_direct). Any other symbolic link at
 * a target is replaced by the new file, never written through: the last
 * component of a path is never followed (its folders may be links).
 *
 * PNGs go through pngwrite.c rather than cairo's writer: it adds text
 * chunks (title, alt text, source) and compresses with libdeflate, which is
 * where most of a chart's time went. */
#include "output.h"

#include "fs_auto.h"
#include "paint.h"
#include "pngwrite.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/* One file of a set. */
typedef struct staged {
    char *shown;  /* the path as the caller gave it: for messages */
    char *path;   /* the name renamed over: a symbolic link there is replaced */
    char *tmp;    /* ".NAME.XXXXXX" beside path until committed; NULL after */
    char *bak;    /* ".NAME.bak.XXXXXX": the previous file, during the commit */
    bool had_old; /* path existed when the commit began */
    bool done;    /* renamed into place by the commit */
} staged;

/* One folder the set writes into, held with a shared lock (see stage_dir). */
typedef struct outdir {
    char *path;
    int fd;           /* O_RDONLY on the folder, -1 if it could not be opened */
    GPtrArray *stale; /* names of stale temp files found there, not yet removed */
} outdir;

struct fs_outset {
    GArray *files; /* staged */
    GArray *dirs;  /* outdir */
};

bool fs_format_from_path(const char *path, fs_format *out)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return false;
    if (g_ascii_strcasecmp(dot, ".pdf") == 0)
        *out = FS_FMT_PDF;
    else if (g_ascii_strcasecmp(dot, ".png") == 0)
        *out = FS_FMT_PNG;
    else if (g_ascii_strcasecmp(dot, ".svg") == 0)
        *out = FS_FMT_SVG;
    else
        return false;
    return true;
}

const char *fs_format_ext(fs_format f)
{
    return f == FS_FMT_PDF ? "pdf" : f == FS_FMT_PNG ? "png" : "svg";
}

/* ---- a checked output stream ---------------------------------------------- */

typedef struct sink {
    FILE *fp;
    int err; /* first errno seen, 0 if none */
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    sink *s = closure;
    if (s->err)
        return CAIRO_STATUS_WRITE_ERROR;
    if (len && fwrite(data, 1, len, s->fp) != len) {
        s->err = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* --timings: time spent in each step of writing files, summed */
static fs_output_times times;

const fs_output_times *fs_output_times_get(void)
{
    return &times;
}

/* ---- dates ------------------------------------------------------------------- */

/* SOURCE_DATE_EPOCH as cairo's "YYYY-MM-DDThh:mm:ss", or NULL. */
static char *source_date(void)
{
    const char *e = g_getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e)
        return NULL;
    char *end;
    gint64 t = g_ascii_strtoll(e, &end, 10);
    if (*end || t < 0)
        return NULL;
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    return dt ? g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S") : NULL;
}

/* ---- the three formats --------------------------------------------------------- */

static bool paint_status(cairo_t *cr, const char *path, fs_diag *d)
{
    cairo_status_t st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot draw: %s", cairo_status_to_string(st));
        return false;
    }
    return true;
}

static bool write_pdf_to(const fs_doc *doc, sink *out, GPtrArray *figures, const char *path,
                         fs_diag *d);

/* ---- what cairo 1.16 cannot write, added afterwards ---------------------------
 *
 * cairo 1.16 has no call for the document language, and writes a Figure
 * structure element without the /Alt entry that carries its alternate text
 * (it ignores the attributes of structure tags). So the finished file gets
 * them inserted: "/Lang (xx)" after "/Type /Catalog", "/Alt <FEFF…>"
 * (UTF-16BE, hex, so no text can break out of the string) into each Figure
 * element, matched in order with the Figures painted, and the first page
 * label range cairo leaves out (pdf_add_label_start), then every
 * cross-reference offset and startxref beyond an insertion is moved. cairo
 * 1.16 writes neither object streams nor a cross-reference stream, so the
 * dictionaries are plain text and the xref a table of 20-byte entries. When
 * the file does not have exactly that shape, or the Figure count differs,
 * that part is left out rather than guessed. */

/* The last occurrence of needle in the len bytes at hay (which may hold NUL
 * bytes, as PDF streams do), or NULL. */
static const char *mem_rfind(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* The first occurrence of needle in the len bytes at hay, or NULL. */
static const char *mem_find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

typedef struct insertion {
    size_t at;  /* byte offset in the file as cairo wrote it */
    char *text; /* owned */
} insertion;

static void insertion_clear(gpointer p)
{
    g_free(((insertion *)p)->text);
}

static int insertion_cmp(gconstpointer a, gconstpointer b)
{
    const insertion *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* Inserts every insertion (all before the xref table) into pdf and moves
 * the cross-reference offsets and startxref to match. Leaves pdf as it was
 * when the xref table or startxref is not where cairo puts them. */
static void pdf_insert(GString *pdf, GArray *ins)
{
    const char *xref = mem_rfind(pdf->str, pdf->len, "\nxref\n");
    const char *sx = mem_rfind(pdf->str, pdf->len, "\nstartxref\n");
    if (ins->len == 0 || !xref || !sx || sx < xref)
        return;
    size_t xref_at = (size_t)(xref - pdf->str);
    /* "xref\n0 N\n" then N entries of 20 bytes: "OOOOOOOOOO GGGGG n \n" */
    unsigned long first, n;
    if (sscanf(xref + 6, "%lu %lu", &first, &n) != 2)
        return;
    const char *entries = memchr(xref + 6, '\n', (size_t)(sx - xref) - 6);
    if (!entries || (size_t)(sx - entries) < 1 + 20 * n)
        return;
    size_t entries_at = (size_t)(entries + 1 - pdf->str);
    size_t sx_num = (size_t)(sx - pdf->str) + strlen("\nstartxref\n");
    unsigned long start = strtoul(pdf->str + sx_num, NULL, 10);
    size_t digits_len = strspn(pdf->str + sx_num, "0123456789");
    if (digits_len == 0 || start != xref_at + 1)
        return;
    g_array_sort(ins, insertion_cmp);
    if (g_array_index(ins, insertion, ins->len - 1).at >= xref_at)
        return;

    /* each offset moves by the length of what is inserted before it */
    size_t total = 0;
    for (guint i = 0; i < ins->len; i++)
        total += strlen(g_array_index(ins, insertion, i).text);
    char *p = pdf->str + entries_at;
    for (unsigned long i = 0; i < n; i++, p += 20) {
        unsigned long off = strtoul(p, NULL, 10), shift = 0;
        if (p[17] != 'n')
            continue;
        for (guint j = 0; j < ins->len && g_array_index(ins, insertion, j).at <= off; j++)
            shift += strlen(g_array_index(ins, insertion, j).text);
        char digits[11];
        snprintf(digits, sizeof digits, "%010lu", off + shift);
        memcpy(p, digits, 10);
    }
    g_autofree char *num = g_strdup_printf("%lu", start + total);
    g_string_erase(pdf, (gssize)sx_num, (gssize)digits_len);
    g_string_insert(pdf, (gssize)sx_num, num);
    /* last first, so the earlier offsets stay valid */
    for (guint i = ins->len; i-- > 0;) {
        const insertion *in = &g_array_index(ins, insertion, i);
        g_string_insert(pdf, (gssize)in->at, in->text);
    }
}

/* s as a PDF text string: <FEFF…> in UTF-16BE. Returns a new string. */
static char *pdf_text_string(const char *s)
{
    g_autofree char *valid = g_utf8_make_valid(s, -1);
    glong n = 0;
    g_autofree gunichar2 *u = g_utf8_to_utf16(valid, -1, NULL, &n, NULL);
    GString *out = g_string_new("<FEFF");
    for (glong i = 0; u && i < n; i++)
        g_string_append_printf(out, "%04X", (unsigned)u[i]);
    g_string_append_c(out, '>');
    return g_string_free(out, FALSE);
}

/* The catalog: the language, and the title bar showing the document's
 * title rather than its file name (PDF/UA asks for both). */
static void pdf_add_catalog(GString *pdf, GArray *ins, const char *lang)
{
    const char *cat = mem_rfind(pdf->str, pdf->len, "/Type /Catalog");
    if (!cat)
        return;
    GString *text = g_string_new("\n   /ViewerPreferences << /DisplayDocTitle true >>");
    /* only ASCII language tags reach here (the spec checks them) */
    bool ascii = lang && *lang;
    for (const char *c = lang; ascii && *c; c++)
        if (!g_ascii_isalnum(*c) && *c != '-' && *c != '_')
            ascii = false;
    if (ascii) {
        g_autofree char *tag = g_strdelimit(g_strdup(lang), "_", '-');
        g_string_append_printf(text, "\n   /Lang (%s)", tag);
    }
    insertion in = {.at = (size_t)(cat - pdf->str) + strlen("/Type /Catalog"),
                    .text = g_string_free(text, FALSE)};
    g_array_append_val(ins, in);
}

/* Every page: tab order follows the structure (/Tabs /S, for PDF/UA). A
 * link annotation: its URI again as /Contents, the text PDF/UA asks every
 * annotation to have. cairo writes "/URI (…)" with ( and ) escaped (see
 * paint.c), so the string ends at the first unescaped ")". */
static void pdf_add_page_and_link_keys(GString *pdf, GArray *ins)
{
    static const char page[] = "<< /Type /Page % ", link[] = "   /Subtype /Link\n";
    const char *end = pdf->str + pdf->len;
    for (const char *p = pdf->str; p < end; p++) {
        if (*p != '<' && *p != ' ')
            continue;
        if ((size_t)(end - p) > strlen(page) && memcmp(p, page, strlen(page)) == 0) {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                return;
            insertion in = {.at = (size_t)(eol + 1 - pdf->str), .text = g_strdup("   /Tabs /S\n")};
            g_array_append_val(ins, in);
        } else if ((size_t)(end - p) > strlen(link) && memcmp(p, link, strlen(link)) == 0) {
            const char *obj_end = mem_find(p, (size_t)(end - p), "endobj");
            const char *uri = obj_end ? mem_find(p, (size_t)(obj_end - p), "/URI (") : NULL;
            if (!uri)
                continue;
            const char *q = uri + strlen("/URI (");
            while (q < obj_end && !(*q == ')' && q[-1] != '\\'))
                q++;
            if (q >= obj_end)
                continue;
            const char *str = uri + strlen("/URI ");
            insertion in = {.at = (size_t)(p + strlen(link) - pdf->str),
                            .text =
                                g_strdup_printf("   /Contents %.*s\n", (int)(q + 1 - str), str)};
            g_array_append_val(ins, in);
        }
    }
}

/* The Figure elements are written in the order their tags began, which is
 * the order of figures[]. */
static void pdf_add_alt(GString *pdf, GArray *ins, GPtrArray *figures)
{
    static const char figure[] = "<< /Type /StructElem\n   /S /Figure\n";
    const char *end = pdf->str + pdf->len;
    g_autoptr(GArray) at = g_array_new(FALSE, FALSE, sizeof(size_t));
    size_t n = strlen(figure);
    for (const char *p = pdf->str; (size_t)(end - p) >= n; p++) {
        if (*p != '<' || memcmp(p, figure, n) != 0)
            continue;
        size_t off = (size_t)(p - pdf->str) + n;
        g_array_append_val(at, off);
    }
    if (at->len != figures->len)
        return;
    for (guint i = 0; i < at->len; i++) {
        const char *alt = g_ptr_array_index(figures, i);
        if (!alt || !*alt)
            continue;
        g_autofree char *str = pdf_text_string(alt);
        insertion in = {.at = g_array_index(at, size_t, i),
                        .text = g_strdup_printf("   /Alt %s\n", str)};
        g_array_append_val(ins, in);
    }
}

/* cairo 1.16 writes a label range only where the labels stop counting on
 * from the page before, taking page 0 as "0": labels "1", "2", … give an
 * empty /Nums array, which leaves page 1 without the entry the PDF
 * requires. Add it: decimal numbers from 1. */
static void pdf_add_label_start(GString *pdf, GArray *ins)
{
    const char *cat = mem_rfind(pdf->str, pdf->len, "/Type /Catalog");
    const char *key = cat ? strstr(cat, "/PageLabels ") : NULL;
    if (!key)
        return;
    unsigned long id = strtoul(key + strlen("/PageLabels "), NULL, 10);
    g_autofree char *head = g_strdup_printf("\n%lu 0 obj\n<< /Nums [\n", id);
    const char *obj = mem_rfind(pdf->str, (size_t)(cat - pdf->str), head);
    if (!obj || strncmp(obj + strlen(head), "   0 <<", 7) == 0)
        return;
    insertion in = {.at = (size_t)(obj - pdf->str) + strlen(head),
                    .text = g_strdup("   0 << /S /D >>\n")};
    g_array_append_val(ins, in);
}

static bool write_pdf(const fs_doc *doc, sink *out, const char *path, fs_diag *d)
{
    /* into memory first, for the insertions */
    char *data = NULL;
    size_t len = 0;
    sink mem = {.fp = open_memstream(&data, &len)};
    if (!mem.fp) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "out of memory");
        return false;
    }
    g_autoptr(GPtrArray) figures = g_ptr_array_new();
    bool ok = write_pdf_to(doc, &mem, figures, path, d);
    if (fclose(mem.fp) != 0 || mem.err)
        ok = false;
    if (ok) {
        GString *pdf = g_string_new_len(data, (gssize)len);
        g_autoptr(GArray) ins = g_array_new(FALSE, FALSE, sizeof(insertion));
        g_array_set_clear_func(ins, insertion_clear);
        pdf_add_catalog(pdf, ins, doc->lang);
        pdf_add_page_and_link_keys(pdf, ins);
        pdf_add_alt(pdf, ins, figures);
        pdf_add_label_start(pdf, ins);
        pdf_insert(pdf, ins);
        sink_write(out, (const unsigned char *)pdf->str, (unsigned int)pdf->len);
        g_string_free(pdf, TRUE);
    }
    free(data);
    return ok;
}

static bool write_pdf_to(const fs_doc *doc, sink *out, GPtrArray *figures, const char *path,
                         fs_diag *d)
{
    const fs_page *first = g_ptr_array_index(doc->pages, 0);
    g_autoptr(cairo_surface_t) surf =
        cairo_pdf_surface_create_for_stream(sink_write, out, first->width, first->height);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, doc->title ? doc->title : "");
    if (doc->author)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, doc->author);
    if (doc->subject)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    if (doc->keywords)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "factsheet " FS_VERSION);
    /* cairo stamps the current time unless told otherwise: give it the
     * reproducible one, or a fixed epoch. */
    g_autofree char *date = source_date();
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                   date ? date : "1970-01-01T00:00:00");
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE,
                                   date ? date : "1970-01-01T00:00:00");
    g_autoptr(cairo_t) cr = cairo_create(surf);
    /* tagged, and each page labelled as its footer numbers it */
    fs_tagging tags = {.link = doc->link, .alt = doc->desc, .figures = figures};
    for (guint p = 0; p < doc->pages->len; p++) {
        const fs_page *page = g_ptr_array_index(doc->pages, p);
        char label[16];
        snprintf(label, sizeof label, "%u", p + 1);
        cairo_pdf_surface_set_size(surf, page->width, page->height);
        cairo_pdf_surface_set_page_label(surf, label);
        tags.first_page = p == 0;
        tags.last_page = p + 1 == doc->pages->len;
        fs_paint_page_tagged(cr, page, doc->background, &tags);
        cairo_show_page(cr);
    }
    for (guint i = 0; i < doc->outline->len; i++) {
        const fs_outline *ol = &g_array_index(doc->outline, fs_outline, i);
        g_autofree char *attrs = g_strdup_printf("page=%zu pos=[0 %.1f]", ol->page + 1, ol->y);
        cairo_pdf_surface_add_outline(surf, CAIRO_PDF_OUTLINE_ROOT, ol->title, attrs, 0);
    }
    if (!paint_status(cr, path, d))
        return false;
    cairo_surface_finish(surf);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        if (!out->err)
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot write: %s",
                        cairo_status_to_string(cairo_surface_status(surf)));
        return false;
    }
    return true;
}

/* cairo names an SVG's page group and its images after a counter global to
 * the process ("surface17", "image23"), so the same chart drawn after
 * another one would come out with other ids. Renumbers them 1, 2, … in
 * order of first appearance. Only the ids cairo writes (after id=" and #)
 * are touched; this runs before any text of ours is in buf. */
static void canonical_svg_ids(GString *buf)
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

static bool write_svg(const fs_doc *doc, sink *out, const char *path, fs_diag *d)
{
    const fs_page *page = g_ptr_array_index(doc->pages, 0);
    g_autoptr(GString) buf = g_string_new(NULL);
    sink mem = {0};
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
            cairo_svg_surface_create_for_stream(sink_write, &mem, page->width, page->height);
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PX);
        g_autoptr(cairo_t) cr = cairo_create(surf);
        fs_paint_page(cr, page, doc->background);
        bool ok = paint_status(cr, path, d);
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
    canonical_svg_ids(buf);
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
    sink_write(out, (const unsigned char *)buf->str, (unsigned int)buf->len);
    return true;
}

/* Writes the image as PNG (RGB when opaque, RGBA otherwise) with iTXt
 * chunks: title, alt text, source, software. Returns false after a
 * diagnostic. */
static bool encode_png(cairo_surface_t *img, bool alpha, const fs_doc *doc, sink *out,
                       const char *path, fs_diag *d)
{
    const fs_png_text texts[] = {{"Title", doc->title},
                                 {"Description", doc->desc},
                                 {"Source", doc->author},
                                 {"Software", "factsheet " FS_VERSION}};
    g_autoptr(GByteArray) buf = g_byte_array_new();
    const char *why = NULL;
    if (!fs_png_encode(cairo_image_surface_get_data(img), cairo_image_surface_get_width(img),
                       cairo_image_surface_get_height(img), cairo_image_surface_get_stride(img),
                       alpha, texts, G_N_ELEMENTS(texts), buf, &why)) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot encode the PNG: %s", why);
        return false;
    }
    sink_write(out, buf->data, buf->len);
    return true;
}

/* The pixels of a PNG's image, zeroed; NULL when memory runs out (cairo
 * then tries itself, and reports). Fresh memory costs a page fault every
 * 4 KiB on its first touch, a fifth of a 1920x1080 chart's time on this
 * project's machine; where the kernel offers transparent huge pages on
 * request (madvise mode, Debian's default) one fault maps 2 MiB. */
static unsigned char *image_alloc(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    void *p = NULL;
    if (size < huge) /* small images: not worth a huge page */
        return g_try_malloc0(size);
    size_t len = (size + huge - 1) & ~(huge - 1);
    if (posix_memalign(&p, huge, len) != 0)
        return NULL;
    (void)madvise(p, len, MADV_HUGEPAGE);
    memset(p, 0, size);
    return p;
}

static bool write_png(const fs_doc *doc, sink *out, const char *path, double scale, fs_diag *d)
{
    const fs_page *page = g_ptr_array_index(doc->pages, 0);
    int w = (int)ceil(page->width * scale), h = (int)ceil(page->height * scale);
    bool alpha = (doc->background & 0xff) != 0xff;
    cairo_format_t cf = alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24;
    int stride = cairo_format_stride_for_width(cf, w);
    g_autofree unsigned char *pixels = NULL;
    if (stride > 0 && h > 0)
        pixels = image_alloc((size_t)stride * (size_t)h);
    g_autoptr(cairo_surface_t) img =
        pixels ? cairo_image_surface_create_for_data(pixels, cf, w, h, stride)
               : cairo_image_surface_create(cf, w, h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot make a %dx%d image: %s", w, h,
                    cairo_status_to_string(cairo_surface_status(img)));
        return false;
    }
    g_autoptr(cairo_t) cr = cairo_create(img);
    gint64 t0 = g_get_monotonic_time();
    cairo_scale(cr, scale, scale);
    fs_paint_page(cr, page, doc->background);
    if (!paint_status(cr, path, d))
        return false;
    cairo_surface_flush(img);
    gint64 t1 = g_get_monotonic_time();
    times.paint += t1 - t0;
    bool ok = encode_png(img, alpha, doc, out, path, d);
    times.encode += g_get_monotonic_time() - t1;
    return ok;
}

/* ---- staging ------------------------------------------------------------------ */

fs_outset *fs_outset_new(void)
{
    fs_outset *set = g_new0(fs_outset, 1);
    set->files = g_array_new(FALSE, TRUE, sizeof(staged));
    set->dirs = g_array_new(FALSE, TRUE, sizeof(outdir *));
    return set;
}

void fs_outset_free(fs_outset *set)
{
    if (!set)
        return;
    for (guint i = 0; i < set->files->len; i++) {
        staged *s = &g_array_index(set->files, staged, i);
        if (s->tmp)
            unlink(s->tmp);
        if (s->bak)
            unlink(s->bak);
        g_free(s->tmp);
        g_free(s->bak);
        g_free(s->path);
        g_free(s->shown);
    }
    g_array_free(set->files, TRUE);
    /* the lock goes last, after our temp files */
    for (guint i = 0; i < set->dirs->len; i++) {
        outdir *od = g_array_index(set->dirs, outdir *, i);
        if (od->fd >= 0)
            close(od->fd);
        g_ptr_array_free(od->stale, TRUE);
        g_free(od->path);
        g_free(od);
    }
    g_array_free(set->dirs, TRUE);
    g_free(set);
}

/* Temp files are ".NAME.XXXXXX" and backups ".NAME.bak.XXXXXX" beside the
 * target NAME, where XXXXXX is six letters or digits (g_mkstemp's
 * alphabet, and ours in keep_backup()). */
#define SUFFIX_LEN 6

static bool is_suffix(const char *s)
{
    for (int i = 0; i < SUFFIX_LEN; i++)
        if (!g_ascii_isalnum(s[i]))
            return false;
    return s[SUFFIX_LEN] == '\0';
}

/* Whether name has the shape of one of our temp or backup files. */
static bool looks_ours(const char *name)
{
    size_t len = strlen(name);
    return name[0] == '.' && len >= 3 + SUFFIX_LEN && name[len - SUFFIX_LEN - 1] == '.' &&
           is_suffix(name + len - SUFFIX_LEN);
}

/* Whether name is a temp or backup file of the target called base. */
static bool is_ours_for(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, n) != 0)
        return false;
    const char *rest = name + 1 + n;
    return (rest[0] == '.' && is_suffix(rest + 1)) ||
           (g_str_has_prefix(rest, ".bak.") && is_suffix(rest + 5));
}

/* The folder entry for dir, opened and locked on first use. Borrowed.
 *
 * Stale files: a run killed (SIGKILL, power loss) before its commit ended
 * leaves its temp files behind, and during its commit its backups. A later
 * run removes those of its own naming for each target it writes. It must
 * not remove the temp files of another run still writing into the same
 * folder, so every run holds a shared flock(2) on each folder it writes
 * into, until fs_outset_free(). A run that can take that lock exclusively
 * knows that no other run is writing there: it lists the names that look
 * like ours, then keeps a shared lock like the others. A listed file is
 * removed when the run stages the target it belongs to, so a file that only
 * looks like ours is never touched unless factsheet is about to replace its
 * target anyway. Where flock does not work (some network file systems),
 * nothing is cleaned. */
static outdir *stage_dir(fs_outset *set, const char *dir)
{
    for (guint i = 0; i < set->dirs->len; i++) {
        outdir *od = g_array_index(set->dirs, outdir *, i);
        if (strcmp(od->path, dir) == 0)
            return od;
    }
    outdir *od = g_new0(outdir, 1);
    od->path = g_strdup(dir);
    od->stale = g_ptr_array_new_with_free_func(g_free);
    od->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (od->fd >= 0 && flock(od->fd, LOCK_EX | LOCK_NB) == 0) {
        GDir *gd = g_dir_open(dir, 0, NULL);
        const char *name;
        while (gd && (name = g_dir_read_name(gd)))
            if (looks_ours(name))
                g_ptr_array_add(od->stale, g_strdup(name));
        if (gd)
            g_dir_close(gd);
    }
    /* waits only while another run lists the folder */
    if (od->fd >= 0)
        (void)flock(od->fd, LOCK_SH);
    g_array_append_val(set->dirs, od);
    return od;
}

/* Removes the stale temp and backup files listed for the target base. */
static void remove_stale(outdir *od, const char *base)
{
    for (guint i = od->stale->len; i-- > 0;) {
        const char *name = g_ptr_array_index(od->stale, i);
        if (!is_ours_for(name, base))
            continue;
        (void)unlinkat(od->fd, name, 0);
        g_ptr_array_remove_index_fast(od->stale, i);
    }
}

static mode_t file_mode(void)
{
    mode_t m = umask(0);
    umask(m);
    return 0666 & ~m;
}

/* Draws doc as fmt into fd, which it closes; checks every write, the
 * fsync and the close. shown names the file in messages. Returns false
 * after a diagnostic. */
static bool write_doc(int fd, const fs_doc *doc, fs_format fmt, const char *shown,
                      const fs_output_opts *o, fs_diag *d)
{
    size_t before = fs_diag_count(d);
    sink out = {.fp = fdopen(fd, "wb")};
    if (!out.fp) {
        int e = errno;
        close(fd);
        fs_diag_add(d, FS_ERR_SYSTEM, shown, 0, 0, "cannot open: %s", g_strerror(e));
        return false;
    }
    bool ok;
    gint64 t0 = g_get_monotonic_time();
    switch (fmt) {
    case FS_FMT_PDF:
        ok = write_pdf(doc, &out, shown, d);
        times.paint += g_get_monotonic_time() - t0; /* cairo encodes as it draws */
        break;
    case FS_FMT_SVG:
        ok = write_svg(doc, &out, shown, d);
        times.paint += g_get_monotonic_time() - t0;
        break;
    default:
        ok = write_png(doc, &out, shown, o && o->scale > 0 ? o->scale : 1.0, d);
        break;
    }
    gint64 t1 = g_get_monotonic_time();
    if (fflush(out.fp) != 0 && !out.err)
        out.err = errno;
    /* EINVAL: a device or a FIFO, which has nothing to sync */
    if (ok && !out.err && fsync(fileno(out.fp)) != 0 && errno != EINVAL)
        out.err = errno;
    if (fclose(out.fp) != 0 && !out.err)
        out.err = errno;
    times.write += g_get_monotonic_time() - t1;
    if (out.err) {
        if (fs_diag_count(d) == before)
            fs_diag_add(d, FS_ERR_SYSTEM, shown, 0, 0, "cannot write: %s", g_strerror(out.err));
        return false;
    }
    return ok;
}

/* A character device or a FIFO (a link to /dev/stdout, /dev/null, /dev/full)
 * cannot be replaced by renaming, and must not be: renaming over /dev/null
 * would remove the device. So it is written straight away, as a shell's `>`
 * would write it, and is outside the set's all-or-nothing. Opened without
 * blocking, so that a FIFO nobody reads is an error, not a hang, and
 * without O_CREAT or O_TRUNC, so that a path swapped for a regular file
 * since it was looked at is refused (by fstat) before a byte is written. */
static bool write_direct(const fs_doc *doc, fs_format fmt, const char *path,
                         const fs_output_opts *o, fs_diag *d)
{
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot open: %s",
                    e == ENXIO ? "no process reads this FIFO" : g_strerror(e));
        return false;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !(S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))) {
        close(fd);
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0,
                    "cannot open: it changed while being opened (no longer a device or a FIFO)");
        return false;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return write_doc(fd, doc, fmt, path, o, d);
}

/* Whether the folder holding path is, once resolved, /dev or /proc or
 * below them: where the system keeps its own links (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N), which no user of a shared output folder can plant. */
static bool in_system_dir(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *real = realpath(dir, NULL);
    if (!real)
        return false;
    static const char *const roots[] = {"/dev", "/proc"};
    for (size_t i = 0; i < G_N_ELEMENTS(roots); i++) {
        size_t n = strlen(roots[i]);
        if (strncmp(real, roots[i], n) == 0 && (real[n] == '\0' || real[n] == '/'))
            return true;
    }
    return false;
}

bool fs_outset_add(fs_outset *set, const fs_doc *doc, fs_format fmt, const char *path,
                   const fs_output_opts *o, fs_diag *d)
{
    if (doc->pages->len == 0) {
        fs_diag_add(d, FS_ERR_INPUT, path, 0, 0, "nothing to draw");
        return false;
    }
    /* What the path names now decides how it is written. Its last component
     * is never followed: a symbolic link there (to a file, a folder, or
     * nothing) is replaced by the new file like any other file, never
     * written through, so a link planted in a shared output folder cannot
     * turn a render into a write elsewhere, not even into a device. The one
     * exception is a link the system itself keeps in /dev or /proc
     * (/dev/stdout, /dev/fd/1) to a character device or a FIFO: the user
     * named it, and it is written into as a shell's `>` would. The temp file
     * goes beside the name itself, in the folder the path names (which may
     * be reached through links). */
    struct stat sb, to;
    if (lstat(path, &sb) == 0) {
        if (S_ISLNK(sb.st_mode) && in_system_dir(path) && stat(path, &to) == 0 &&
            (S_ISCHR(to.st_mode) || S_ISFIFO(to.st_mode)))
            return write_direct(doc, fmt, path, o, d);
        if (S_ISDIR(sb.st_mode)) {
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot replace: %s", g_strerror(EISDIR));
            return false;
        }
        if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
            return write_direct(doc, fmt, path, o, d);
        if (!S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) {
            fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot replace: not a regular file");
            return false;
        }
    }
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    remove_stale(stage_dir(set, dir), base);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    /* O_EXCL (g_mkstemp adds it) and O_NOFOLLOW: a fresh file, never a
     * name someone placed there */
    int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        int e = errno;
        fs_diag_add(d, FS_ERR_SYSTEM, path, 0, 0, "cannot create: %s", g_strerror(e));
        return false;
    }
    staged st = {.shown = g_strdup(path), .path = g_strdup(path), .tmp = g_strdup(tmpl)};
    g_array_append_val(set->files, st);
    /* the usual mode of a new file, whatever was at the path before */
    if (fchmod(fd, file_mode()) != 0) {
        /* not fatal: the file keeps mode 0600 */
    }
    return write_doc(fd, doc, fmt, path, o, d);
}

/* ---- the commit ------------------------------------------------------------------ */

/* Keeps the file now at s->path as a hard link ".NAME.bak.XXXXXX" beside
 * it, in s->bak. Returns 0 or an errno. */
static int keep_backup(staged *s)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    g_autofree char *dir = g_path_get_dirname(s->path);
    g_autofree char *base = g_path_get_basename(s->path);
    for (int tries = 0; tries < 100; tries++) {
        char sfx[SUFFIX_LEN + 1];
        for (int i = 0; i < SUFFIX_LEN; i++)
            sfx[i] = abc[g_random_int_range(0, (gint32)sizeof abc - 1)];
        sfx[SUFFIX_LEN] = '\0';
        char *bak = g_strdup_printf("%s/.%s.bak.%s", dir, base, sfx);
        /* flags 0: a symbolic link at the target is kept as the link */
        if (linkat(AT_FDCWD, s->path, AT_FDCWD, bak, 0) == 0) {
            s->bak = bak;
            return 0;
        }
        int e = errno;
        g_free(bak);
        if (e != EEXIST)
            return e;
    }
    return EEXIST;
}

/* Undoes the first k files' renames, last first: puts each backup back, or
 * removes the new file where there was none before. */
static void roll_back(fs_outset *set, guint k, fs_diag *d)
{
    for (guint j = k; j-- > 0;) {
        staged *s = &g_array_index(set->files, staged, j);
        if (!s->done)
            continue;
        s->done = false;
        if (s->bak) {
            if (rename(s->bak, s->path) != 0) {
                int e = errno;
                fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0,
                            "cannot put the previous file back: %s; it is kept as %s",
                            g_strerror(e), s->bak);
            }
            g_clear_pointer(&s->bak, g_free);
        } else if (!s->had_old) {
            (void)unlink(s->path);
        } else {
            fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0,
                        "replaced: this file system has no hard links to keep the previous "
                        "file");
        }
    }
}

/* All or nothing, in three steps:
 *  1. for each file: keep the existing target as a hard link
 *     ".NAME.bak.XXXXXX", then rename the temp file over the target. Each
 *     rename is atomic: a reader sees the whole old file or the whole new.
 *  2. fsync each folder, so that the renames survive a crash.
 *  3. remove the backups.
 * A failure in 1 or 2 renames every backup back (and removes the new files
 * that had no old one), so no file of the set is replaced.
 *
 * Not atomic across files: while step 1 runs, another process can see some
 * files new and others old, and a SIGKILL or power loss in step 1 leaves
 * that mix (each file whole, old or new) plus the backups, which a later
 * run removes (see stage_dir). A file system without hard links (FAT, or
 * protected_hardlinks on a file owned by someone else) gets no backup: that
 * file cannot be put back and a failure says so. A rename back that fails
 * leaves the backup in place and names it. */
/* Folders whose fsync fs_outset_commit() left to fs_output_sync_deferred():
 * NULL when not deferring. */
static GPtrArray *deferred_dirs;

void fs_output_defer_dir_sync(void)
{
    if (!deferred_dirs)
        deferred_dirs = g_ptr_array_new_with_free_func(g_free);
}

bool fs_output_sync_deferred(fs_diag *d)
{
    bool ok = true;
    for (guint i = 0; deferred_dirs && i < deferred_dirs->len; i++) {
        const char *dir = g_ptr_array_index(deferred_dirs, i);
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL)) {
            int e = errno;
            fs_diag_add(d, FS_ERR_SYSTEM, dir, 0, 0, "cannot sync the folder: %s", g_strerror(e));
            ok = false;
        }
        if (fd >= 0)
            close(fd);
    }
    g_clear_pointer(&deferred_dirs, g_ptr_array_unref);
    return ok;
}

bool fs_outset_commit(fs_outset *set, fs_diag *d)
{
    guint n = set->files->len;
    for (guint i = 0; i < n; i++) {
        staged *s = &g_array_index(set->files, staged, i);
        struct stat sb;
        s->had_old = lstat(s->path, &sb) == 0;
        if (s->had_old) {
            int e = keep_backup(s);
            if (e != 0 && e != EPERM && e != EOPNOTSUPP) {
                fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0, "cannot keep the previous file: %s",
                            g_strerror(e));
                roll_back(set, i, d);
                return false;
            }
        }
        if (rename(s->tmp, s->path) != 0) {
            int e = errno;
            fs_diag_add(d, FS_ERR_SYSTEM, s->shown, 0, 0, "cannot replace: %s", g_strerror(e));
            if (s->bak)
                (void)unlink(s->bak);
            g_clear_pointer(&s->bak, g_free);
            roll_back(set, i, d);
            return false;
        }
        g_clear_pointer(&s->tmp, g_free);
        s->done = true;
    }
    for (guint i = 0; i < set->dirs->len; i++) {
        outdir *od = g_array_index(set->dirs, outdir *, i);
        if (deferred_dirs) {
            if (!g_ptr_array_find_with_equal_func(deferred_dirs, od->path, g_str_equal, NULL))
                g_ptr_array_add(deferred_dirs, g_strdup(od->path));
            continue;
        }
        /* EINVAL: a file system that cannot sync a folder */
        if (od->fd >= 0 && fsync(od->fd) != 0 && errno != EINVAL) {
            int e = errno;
            fs_diag_add(d, FS_ERR_SYSTEM, od->path, 0, 0, "cannot sync the folder: %s",
                        g_strerror(e));
            roll_back(set, n, d);
            return false;
        }
    }
    for (guint i = 0; i < n; i++) {
        staged *s = &g_array_index(set->files, staged, i);
        if (s->bak)
            (void)unlink(s->bak);
        g_clear_pointer(&s->bak, g_free);
        s->done = false;
    }
    return true;
}
