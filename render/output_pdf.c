/* output_pdf: the PDF writer (see output_priv.h). cairo draws the pages,
 * tagged for accessibility (paint.c), into memory; the file then gets what
 * cairo 1.16 cannot write (fs_pdf_patch) and goes to the sink in one piece. */
#include "output_priv.h"

#include "fs_auto.h"
#include "paint.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void fs_pdf_patch(GString *pdf, const char *lang, GPtrArray *figures)
{
    g_autoptr(GArray) ins = g_array_new(FALSE, FALSE, sizeof(insertion));
    g_array_set_clear_func(ins, insertion_clear);
    pdf_add_catalog(pdf, ins, lang);
    pdf_add_page_and_link_keys(pdf, ins);
    pdf_add_alt(pdf, ins, figures);
    pdf_add_label_start(pdf, ins);
    pdf_insert(pdf, ins);
}

/* Draws every page of doc into out, tagged and labelled, with its metadata
 * and outline; figures gets the alt text of each Figure tagged, in order.
 * Returns false after a diagnostic, or with out->err set. */
static bool write_pdf_to(const fs_doc *doc, fs_sink *out, GPtrArray *figures, const char *path,
                         fs_diag *d)
{
    const fs_page *first = g_ptr_array_index(doc->pages, 0);
    g_autoptr(cairo_surface_t) surf =
        cairo_pdf_surface_create_for_stream(fs_sink_write, out, first->width, first->height);
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
    g_autofree char *date = fs_output_source_date();
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
    if (!fs_output_paint_status(cr, path, d))
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

bool fs_output_pdf(const fs_doc *doc, fs_sink *out, const char *path, fs_diag *d)
{
    /* into memory first, for the insertions */
    char *data = NULL;
    size_t len = 0;
    fs_sink mem = {.fp = open_memstream(&data, &len)};
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
        fs_pdf_patch(pdf, doc->lang, figures);
        fs_sink_write(out, (const unsigned char *)pdf->str, (unsigned int)pdf->len);
        g_string_free(pdf, TRUE);
    }
    free(data);
    return ok;
}
