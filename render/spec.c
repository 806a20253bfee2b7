/* spec: a report spec (a GLib key file) -> fs_spec. See spec.h.
 *
 * The file is read by keyfile.c against the schema below (the groups
 * [report] and [panel ID], their keys, which are text and may be
 * localized, which are required, the ranges of numbers); this module then
 * checks what only it knows, group by group, [report] first, then the
 * panels in file order: names, dates, URLs, page and slide sizes, number
 * formats, a panel's type and the keys that apply to it, data paths.
 *
 * Every error is one diagnostic "PATH:LINE: [GROUP] key "KEY": what is
 * wrong", and loading stops at the first one. Status: FS_ERR_INPUT for
 * content, and for a data path that is missing, a directory or unreadable
 * (issue 5: a spec error is exit 1); FS_ERR_SYSTEM when the spec itself
 * exists but cannot be read (no permission, a directory, not a regular
 * file); a missing spec is input.
 * This module reads no CSV: it only checks that data paths are confined,
 * exist and can be opened (datapath.h), and keeps each CSV open for report
 * to read: a path is never opened by name twice. */
#include "spec.h"

#include "annot.h"
#include "csvread.h"
#include "datapath.h"
#include "image.h"
#include "keyfile.h"
#include "lang.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bounded input: a spec is a few kilobytes; these stop runaway input early. */
#define SPEC_MAX_BYTES (1024 * 1024)
#define SPEC_MAX_PANELS 200
/* Page sides: 1 in .. 200 in, so a typo cannot ask for a gigapixel surface. */
#define PAGE_MIN_PT 72.0
#define PAGE_MAX_PT 14400.0
#define SLIDE_MIN_PX 100.0
#define SLIDE_MAX_PX 10000.0
#define COLUMNS_MAX 24
#define ROW_MAX 100000000L
/* A text panel's file: UTF-8 plain text, at most this many bytes. */
#define TEXT_FILE_MAX (64 * 1024)
/* Longest user text quoted in a message, in characters. */
#define QUOTE_MAX 40

/* ---- the schema ----------------------------------------------------------- */

/* Which panel types take a key: bit (1 << fs_panel_type), the key's tags. */
#define T_BAR (1u << FS_PANEL_BAR)
#define T_STAT (1u << FS_PANEL_STAT)
#define T_PICTO (1u << FS_PANEL_PICTOGRAM)
#define T_TIMELINE (1u << FS_PANEL_TIMELINE)
#define T_TEXT (1u << FS_PANEL_TEXT)
#define T_IMAGE (1u << FS_PANEL_IMAGE)
#define T_DONUT (1u << FS_PANEL_DONUT)
#define T_LINES ((1u << FS_PANEL_LINE) | (1u << FS_PANEL_AREA))
#define T_TABLE (1u << FS_PANEL_TABLE)
#define T_ALL (T_BAR | T_STAT | T_PICTO | T_TIMELINE | T_TEXT | T_IMAGE | T_DONUT | T_LINES | T_TABLE)
#define T_DATA (T_BAR | T_STAT | T_PICTO | T_TIMELINE | T_DONUT | T_LINES | T_TABLE)

#define LOC FS_KEY_LOCALIZED
#define REQ FS_KEY_REQUIRED
/* clang-format off */
#define TEXT(n, f, t) {.name = n, .type = FS_KEY_TEXT, .flags = LOC | (f), .tags = t}
#define STRING(n, t) {.name = n, .type = FS_KEY_STRING, .tags = t}
#define NEEDED(n, t, h) {.name = n, .type = FS_KEY_STRING, .flags = REQ, .tags = t, .hint = h}
#define INT(n, t, lo, hi) {.name = n, .type = FS_KEY_INT, .tags = t, .min = lo, .max = hi}
#define NUMBER(n, f, t, h) {.name = n, .type = FS_KEY_NUMBER, .flags = f, .tags = t, \
                            .min = -DBL_MAX, .max = DBL_MAX, .hint = h}
/* clang-format on */

/* In this order in messages ("did you mean", the keys that can be localized). */
static const fs_key report_keys[] = {
    NEEDED("name", 0, " (the base of the output file names)"),
    TEXT("title", REQ, 0),
    TEXT("subtitle", 0, 0),
    STRING("date", 0),
    TEXT("source", 0, 0),
    TEXT("note", 0, 0),
    TEXT("keywords", 0, 0),
    {.name = "author", .type = FS_KEY_TEXT},
    STRING("page", 0),
    INT("columns", 0, 1, COLUMNS_MAX),
    STRING("number_format", 0),
    STRING("theme", 0),
    STRING("slide_size", 0),
    STRING("languages", 0),
    STRING("direction", 0),
    STRING("source_url", 0),
    STRING("flow", 0),
    STRING("decimal", 0),
    STRING("encoding", 0),
    STRING("missing", 0),
    STRING("logo", 0),
    STRING("svg_text", 0),
    {0},
};

static const fs_key panel_keys[] = {
    NEEDED("type", T_ALL,
           " (bar, line, area, stat, pictogram, timeline, text, table, image or donut)"),
    INT("span", T_ALL, 1, COLUMNS_MAX),
    TEXT("title", 0, T_ALL),
    TEXT("subtitle", 0, T_ALL),
    TEXT("note", 0, T_ALL),
    TEXT("alt", 0, T_ALL),
    TEXT("unit", 0, T_ALL),
    NEEDED("data", T_DATA, " (the CSV file, relative to the spec's folder)"),
    STRING("delimiter", T_DATA),
    STRING("decimal", T_DATA),
    STRING("encoding", T_DATA),
    STRING("missing", T_DATA),
    NEEDED("label", T_BAR | T_PICTO, " (the column of the category labels)"),
    NEEDED("value", T_BAR, " (the value column, or COL1,COL2 for several)"),
    NEEDED("value", T_PICTO, " (the value column)"),
    NUMBER("value", 0, T_STAT, NULL),
    STRING("orientation", T_BAR),
    STRING("sort", T_BAR),
    STRING("mode", T_BAR),
    INT("decimals", T_BAR | T_STAT, 0, 12),
    STRING("compact", T_BAR | T_STAT),
    NUMBER("axis_min", 0, T_BAR, NULL),
    NUMBER("axis_max", 0, T_BAR, NULL),
    NEEDED("column", T_STAT, " (a stat with data needs the column of its number)"),
    INT("row", T_STAT, 1, ROW_MAX),
    {.name = "caption",
     .type = FS_KEY_TEXT,
     .flags = LOC | REQ,
     .tags = T_STAT,
     .hint = " (the words under the number)"},
    TEXT("compare", 0, T_STAT),
    NUMBER("per", REQ, T_PICTO, " (units per icon, e.g. per = 10)"),
    STRING("icon", T_PICTO),
    TEXT("per_unit", 0, T_PICTO),
    STRING("date", T_TIMELINE),
    STRING("event", T_TIMELINE),
    STRING("spacing", T_TIMELINE),
    TEXT("text", 0, T_TEXT),
    {.name = "items", .type = FS_KEY_LIST, .flags = LOC, .tags = T_TEXT},
    STRING("file", T_TEXT),
    NEEDED("file", T_IMAGE, " (the picture: an .svg or .png file, relative to the spec's folder)"),
    TEXT("caption", 0, T_IMAGE),
    NEEDED("label", T_DONUT, " (the column of the parts' names)"),
    NEEDED("value", T_DONUT, " (the value column)"),
    INT("decimals", T_DONUT, 0, 3),
    NEEDED("label", T_LINES, " (the column of the dates or categories)"),
    NEEDED("value", T_LINES, " (the value column, or COL1,COL2 for several lines)"),
    STRING("mode", T_LINES),
    INT("decimals", T_LINES, 0, 12),
    STRING("compact", T_LINES),
    NUMBER("axis_min", 0, T_LINES, NULL),
    NUMBER("axis_max", 0, T_LINES, NULL),
    STRING("markers", T_LINES),
    STRING("labels", T_LINES),
    STRING("columns", T_TABLE),
    TEXT("header", 0, T_TABLE),
    STRING("numeric", T_TABLE),
    STRING("bar_column", T_TABLE),
    TEXT("highlight", 0, T_BAR | T_LINES),
    TEXT("reference", 0, T_BAR | T_LINES),
    TEXT("band", 0, T_LINES),
    TEXT("callout", 0, T_BAR | T_LINES),
    {0},
};

static const fs_group_schema spec_groups[] = {
    {"report", false, report_keys},
    {"panel", true, panel_keys},
    {0},
};

static const fs_keyfile_schema spec_schema = {
    .what = "spec",
    .max_bytes = SPEC_MAX_BYTES,
    .groups = spec_groups,
    .start = "a spec starts with [report]",
    .max_ids = SPEC_MAX_PANELS,
    .id_why = "it becomes part of file names",
    .missing_hint = "",
};

/* printable ASCII but space, " < > \ ^ ` { | } (RFC 3986 never allows them) */
#define URL_CHARS                                                                                  \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"

static const char *const panel_type_names[] = {"bar",   "stat",  "pictogram", "timeline",
                                               "text",  "image", "donut",     "line",
                                               "area",  "table", NULL};

typedef struct loader {
    fs_keyfile *kf;        /* owned: the spec as read; its one diagnostic */
    fs_datapath *paths;    /* owned: the files it names; keeps the CSVs opened until load()
                              gives them to the spec */
    const char *path;      /* borrowed: the spec's name in messages */
    char *dir;             /* owned: the spec's folder ("." when none) */
    const char *data_root; /* borrowed: --data-root or NULL */
    const char *lang;      /* borrowed */
    fs_diag *d;            /* borrowed */
    char decimal;          /* [report] decimal = , (0: not given) */
    char *encoding;        /* owned: [report] encoding = NAME (NULL: not given or UTF-8) */
    char *missing;         /* owned: [report] missing = LIST (NULL: not given) */
} loader;

/* YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date. */
static bool is_iso_date(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !g_ascii_isdigit(s[i]))
            return false;
    }
    if (n != 4 && n != 7 && n != 10)
        return false;
    int y = atoi(s);
    int m = n >= 7 ? atoi(s + 5) : 1;
    int day = n == 10 ? atoi(s + 8) : 1;
    if (y < 1)
        return false;
    return g_date_valid_dmy((GDateDay)day, (GDateMonth)m, (GDateYear)y);
}

/* ---- [report] ------------------------------------------------------------- */

/* theme = NAME (a shipped theme) or FILE (a path confined like data). */
static bool load_theme(loader *L, const fs_kf_group *g, fs_spec *s)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(L->kf, g, "theme", &k, &v))
        return false;
    if (!v)
        return true;
    g_autoptr(fs_diag) td = fs_diag_new();
    if (fs_theme_is_name(v)) {
        if (fs_opts_pick(v, fs_theme_names) < 0) {
            fs_keyfile_bad_value(L->kf, g, k, v,
                                 "is not one of light, dark, print-bw (a shipped theme) or a "
                                 "path to a .ini file");
            return false;
        }
        s->theme = fs_theme_load_named(v, td);
    } else {
        g_autofree char *path = NULL;
        int fd = fs_datapath_open(L->paths, L->kf, g, k, v, &path);
        if (fd < 0)
            return false;
        s->theme = fs_theme_load_fd(fd, path, td);
        close(fd);
    }
    if (!s->theme) /* the theme file's own message (FILE:LINE: …) */
        fs_keyfile_fail_file(L->kf, fs_diag_status(td), NULL, 0, "%s", fs_diag_message(td, 0));
    return s->theme != NULL;
}

/* Reads the picture the value v of key k names: confined like data =
 * (datapath.h), at most FS_IMAGE_MAX_BYTES, a valid PNG or an SVG that
 * refers to nothing outside itself (image.h). what: "logo" or the like,
 * for a message about a file another file names (NULL: the key's own).
 * Returns a new image, or NULL after the diagnostic naming the file. */
static fs_image *load_image_file(loader *L, const fs_kf_group *g, const fs_kf_key *k,
                                 const char *v, const char *what)
{
    g_autofree char *q = fs_diag_quote(v, -1, 80);
    g_autofree char *path = NULL;
    int fd = fs_datapath_open(L->paths, L->kf, g, k, v, &path);
    if (fd < 0)
        return NULL;
    int e = 0;
    g_autoptr(GByteArray) bytes = fs_keyfile_slurp(fd, FS_IMAGE_MAX_BYTES, &e);
    close(fd);
    if (!bytes) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", q,
                        g_strerror(e));
        return NULL;
    }
    g_autofree char *why = NULL;
    fs_image *img = fs_image_new(bytes->data, bytes->len, &why);
    if (!img)
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key, "%s%s%s %s", what ? what : "",
                        what ? " " : "", q, why);
    return img;
}

/* logo = FILE, else the theme's logo (a path the theme file gives, read
 * relative to the spec's folder like the spec's own). */
static bool load_logo(loader *L, const fs_kf_group *g, fs_spec *s)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(L->kf, g, "logo", &k, &v))
        return false;
    if (v) {
        s->logo = load_image_file(L, g, k, v, NULL);
        return s->logo != NULL;
    }
    if (!s->theme || !s->theme->logo)
        return true;
    /* the theme's: named in messages at the spec's theme key */
    const fs_kf_key *kt = fs_keyfile_find(g, "theme");
    g_autofree char *what = g_strdup("the theme's logo");
    s->logo = load_image_file(L, g, kt, s->theme->logo, what);
    return s->logo != NULL;
}

/* name, the texts, source_url and date. */
static bool load_texts(loader *L, const fs_kf_group *g, fs_spec *s)
{
    const fs_kf_key *k;
    if (!fs_keyfile_get_string(L->kf, g, "name", &k, &s->name))
        return false;
    if (!fs_keyfile_is_id(s->name)) {
        fs_keyfile_bad_value(L->kf, g, k, s->name,
                             "is not a name: 1 to %d letters, digits, - or _ (it becomes "
                             "NAME.pdf)",
                             FS_KEYFILE_MAX_ID);
        return false;
    }
    if (!fs_keyfile_get_text(L->kf, g, "title", &s->title) ||
        !fs_keyfile_get_text(L->kf, g, "subtitle", &s->subtitle) ||
        !fs_keyfile_get_text(L->kf, g, "source", &s->source) ||
        !fs_keyfile_get_text(L->kf, g, "note", &s->note) ||
        !fs_keyfile_get_text(L->kf, g, "keywords", &s->keywords) ||
        !fs_keyfile_get_text(L->kf, g, "author", &s->author))
        return false;
    /* the PDF links the source line to it: http(s), printable ASCII, no
     * spaces (percent-encode the rest) */
    if (!fs_keyfile_get_string(L->kf, g, "source_url", &k, &s->source_url))
        return false;
    const char *u = s->source_url;
    if (u && (!(g_str_has_prefix(u, "https://") || g_str_has_prefix(u, "http://")) ||
              strlen(u) > 2000 || strspn(u, URL_CHARS) != strlen(u))) {
        fs_keyfile_bad_value(L->kf, g, k, u,
                             "is not a URL (expected http:// or https://, at most 2000 "
                             "characters of printable ASCII without spaces)");
        return false;
    }
    if (!fs_keyfile_get_string(L->kf, g, "date", &k, &s->date))
        return false;
    if (s->date && !is_iso_date(s->date)) {
        fs_keyfile_bad_value(L->kf, g, k, s->date,
                             "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        return false;
    }
    return true;
}

/* page, columns, number_format, slide_size and direction. */
static bool load_page(loader *L, const fs_kf_group *g, fs_spec *s)
{
    const fs_kf_key *k = NULL;
    g_autofree char *page = NULL, *numfmt = NULL;
    double w = fs_papers[FS_PAPER_A4].w, h = fs_papers[FS_PAPER_A4].h;
    if (!fs_keyfile_get_string(L->kf, g, "page", &k, &page))
        return false;
    if (page && !fs_parse_page(page, &w, &h)) {
        fs_keyfile_bad_value(L->kf, g, k, page,
                             "is not a page size (expected A4, A3, A5, Letter, Legal or WxH with "
                             "mm, cm, in or pt, each side positive, e.g. 210x297mm)");
        return false;
    }
    if (page && (!isfinite(w) || !isfinite(h))) {
        fs_keyfile_bad_value(L->kf, g, k, page,
                             "is out of range: each side must be from 72 pt (1 in) to 14400 pt "
                             "(200 in)");
        return false;
    }
    if (page && !(w >= PAGE_MIN_PT && h >= PAGE_MIN_PT && w <= PAGE_MAX_PT && h <= PAGE_MAX_PT)) {
        fs_keyfile_bad_value(L->kf, g, k, page,
                             "is %.0fx%.0f pt; each side must be from 72 pt (1 in) to 14400 pt "
                             "(200 in)",
                             w, h);
        return false;
    }
    s->page_w = w, s->page_h = h;

    long columns = 12;
    if (!fs_keyfile_get_int(L->kf, g, "columns", LONG_MAX, &columns))
        return false;
    s->columns = (int)columns;

    /* the language's own format unless the spec names one */
    fs_lang_numfmt(L->lang, &s->numfmt);
    if (!fs_keyfile_get_string(L->kf, g, "number_format", &k, &numfmt))
        return false;
    if (numfmt && !fs_numfmt_parse(numfmt, &s->numfmt)) {
        fs_keyfile_bad_value(L->kf, g, k, numfmt,
                             "is not a number format (write 1275 as it should look: 1,275 or "
                             "\"1 275\" or 1.275,5 or 1275)");
        return false;
    }
    return true;
}

/* slide_size: WxH in px. */
static bool load_slide(loader *L, const fs_kf_group *g, fs_spec *s)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    s->slide_w = 1920, s->slide_h = 1080;
    if (!fs_keyfile_get_string(L->kf, g, "slide_size", &k, &v))
        return false;
    if (!v)
        return true;
    double w, h;
    bool px_only = strspn(v, "0123456789.xXpP") == strlen(v);
    if (!px_only || !fs_parse_length_pair(v, &w, &h)) {
        fs_keyfile_bad_value(L->kf, g, k, v,
                             "is not a slide size (expected WxH in px, e.g. 1920x1080)");
        return false;
    }
    if (!(w >= SLIDE_MIN_PX && h >= SLIDE_MIN_PX && w <= SLIDE_MAX_PX && h <= SLIDE_MAX_PX)) {
        fs_keyfile_bad_value(L->kf, g, k, v,
                             "is out of range: each side must be from %.0f to %.0f px",
                             SLIDE_MIN_PX, SLIDE_MAX_PX);
        return false;
    }
    s->slide_w = w, s->slide_h = h;
    return true;
}

/* direction and languages. */
static bool load_languages(loader *L, const fs_kf_group *g, fs_spec *s)
{
    static const char *const directions[] = {"auto", "ltr", "rtl", NULL};
    int dir = 0;
    if (!fs_keyfile_get_enum(L->kf, g, "direction", directions, &dir))
        return false;
    s->rtl = dir == 2 || (dir == 0 && fs_lang_is_rtl(L->lang));

    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(L->kf, g, "languages", &k, &v))
        return false;
    if (!v)
        return true;
    g_auto(GStrv) tags = g_strsplit(v, ",", -1);
    for (char **t = tags; *t; t++) {
        g_strstrip(*t);
        bool dup = false;
        for (char **u = tags; u < t; u++)
            dup = dup || strcmp(*u, *t) == 0;
        if (!fs_keyfile_is_lang_tag(*t) || dup) {
            g_autofree char *qt = fs_diag_quote(*t, -1, QUOTE_MAX);
            fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key,
                            dup ? "%s is listed twice"
                                : "%s is not a language tag (expected a comma list such as "
                                  "en,az,ru or pt_BR)",
                            qt);
            return false;
        }
    }
    s->languages = g_steal_pointer(&tags);
    return true;
}

/* flow: how panels fill the page grid. */
static bool load_flow(loader *L, const fs_kf_group *g, fs_spec *s)
{
    static const char *const flows[] = {"ordered", "packed", NULL};
    int flow = FS_FLOW_ORDERED;
    if (!fs_keyfile_get_enum(L->kf, g, "flow", flows, &flow))
        return false;
    s->flow = (fs_flow)flow;
    return true;
}

/* svg_text = true|false: SVG text as <text> (the default) or outlines. */
static bool load_svg_text(loader *L, const fs_kf_group *g, fs_spec *s)
{
    static const char *const bools[] = {"false", "true", NULL};
    int text = 1;
    if (!fs_keyfile_get_enum(L->kf, g, "svg_text", bools, &text))
        return false;
    s->svg_outlines = !text;
    return true;
}

/* decimal = . or , encoding = NAME and missing = LIST of a [report] (the
 * panels' default) or a [panel]: into *decimal, *encoding (a new string,
 * NULL for UTF-8) and *missing (a new string), left as they are when the
 * key is absent. */
static bool load_csv_keys(loader *L, const fs_kf_group *g, char *decimal, char **encoding,
                          char **missing)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL, *e = NULL;
    if (!fs_keyfile_get_string(L->kf, g, "decimal", &k, &v))
        return false;
    if (v && !fs_csv_parse_decimal(v, decimal)) {
        fs_keyfile_bad_value(L->kf, g, k, v, "is not a decimal sign (expected . or ,)");
        return false;
    }
    if (!fs_keyfile_get_string(L->kf, g, "encoding", &k, &e))
        return false;
    const char *enc;
    if (e && !fs_csv_parse_encoding(e, &enc)) {
        fs_keyfile_bad_value(L->kf, g, k, e,
                             "is not an encoding iconv knows (e.g. windows-1252, iso-8859-1, "
                             "utf-16; `iconv -l` lists them)");
        return false;
    }
    if (e) {
        g_free(*encoding);
        *encoding = g_strdup(enc);
    }
    /* missing = with nothing after it lists the empty cell */
    if (fs_keyfile_find(g, "missing")) {
        g_free(*missing);
        *missing = fs_keyfile_value(L->kf, g, fs_keyfile_find(g, "missing"), true);
    }
    return true;
}

static bool load_report(loader *L, const fs_kf_group *g, fs_spec *s)
{
    return load_texts(L, g, s) && load_page(L, g, s) && load_theme(L, g, s) &&
           load_logo(L, g, s) && load_slide(L, g, s) && load_languages(L, g, s) && load_flow(L, g, s) &&
           load_svg_text(L, g, s) &&
           load_csv_keys(L, g, &L->decimal, &L->encoding, &L->missing);
}

/* ---- [panel ID] ----------------------------------------------------------- */

/* "bar, stat" for the types in the mask. */
static const char *type_list(unsigned types, GString *buf)
{
    g_string_truncate(buf, 0);
    for (int t = 0; panel_type_names[t]; t++) {
        if (!(types & (1u << t)))
            continue;
        if (buf->len)
            g_string_append(buf, ", ");
        g_string_append(buf, panel_type_names[t]);
    }
    return buf->str;
}

/* The panel types that take the key name (its entries' tags together). */
static unsigned key_types(const char *name)
{
    unsigned types = 0;
    for (const fs_key *k = panel_keys; k->name; k++)
        if (strcmp(k->name, name) == 0)
            types |= k->tags;
    return types;
}

/* Comma list of column names -> a new NULL-terminated array; NULL on error. */
static char **column_list(loader *L, const fs_kf_group *g, const fs_kf_key *k, const char *v)
{
    g_auto(GStrv) parts = g_strsplit(v, ",", -1);
    for (char **p = parts; *p; p++) {
        g_strstrip(*p);
        if (**p == '\0') {
            fs_keyfile_bad_value(L->kf, g, k, v,
                                 "has an empty column name (expected COL or COL1,COL2,…)");
            return NULL;
        }
        for (char **q = parts; q < p; q++) {
            if (strcmp(*q, *p) == 0) {
                g_autofree char *qc = fs_diag_quote(*p, -1, QUOTE_MAX);
                fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key,
                                "column %s is listed twice", qc);
                return NULL;
            }
        }
    }
    return g_steal_pointer(&parts);
}

static bool load_data(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(L->kf, g, "data", &k, &v))
        return false;
    if (v && strcmp(v, "-") == 0) {
        fs_keyfile_bad_value(L->kf, g, k, v,
                             "is standard input, which a spec cannot read (name the CSV file)");
        return false;
    }
    if (v) {
        int fd = fs_datapath_open(L->paths, L->kf, g, k, v, &p->data);
        if (fd < 0)
            return false;
        p->data_fd = fs_datapath_keep(L->paths, fd);
    }
    p->decimal = L->decimal;
    p->encoding = g_strdup(L->encoding);
    p->missing = g_strdup(L->missing);
    if (!load_csv_keys(L, g, &p->decimal, &p->encoding, &p->missing))
        return false;
    k = fs_keyfile_find(g, "delimiter");
    if (!k)
        return true;
    /* a TAB written as \t is whitespace to a trimmed value: look at it untrimmed */
    g_autofree char *raw = fs_keyfile_value(L->kf, g, k, false);
    g_autofree char *d = fs_keyfile_value(L->kf, g, k, true);
    if (strcmp(d, ",") == 0 || strcmp(d, ";") == 0 || strcmp(d, "|") == 0)
        p->delimiter = d[0];
    else if (strcmp(d, "tab") == 0 || strcmp(raw, "\t") == 0)
        p->delimiter = '\t';
    else {
        fs_keyfile_bad_value(L->kf, g, k, d, "is not a delimiter (expected , ; | or tab)");
        return false;
    }
    return true;
}

/* decimals and compact: how a bar's or a stat's numbers are written. */
static bool load_numbers(loader *L, const fs_kf_group *g, fs_panel *p)
{
    long decimals = -1;
    int compact = FS_COMPACT_AUTO;
    if (!fs_keyfile_get_int(L->kf, g, "decimals", LONG_MAX, &decimals) ||
        !fs_keyfile_get_enum(L->kf, g, "compact", fs_compact_names, &compact))
        return false;
    p->has_decimals = decimals >= 0;
    p->decimals = (int)MAX(decimals, 0);
    p->compact = (fs_compact)compact;
    return true;
}

/* axis_min and axis_max: the value axis holds zero, where bars start. */
static bool load_axis(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *kmin = NULL, *kmax = NULL;
    if (!fs_keyfile_get_number(L->kf, g, "axis_min", &kmin, &p->axis_min) ||
        !fs_keyfile_get_number(L->kf, g, "axis_max", &kmax, &p->axis_max))
        return false;
    p->has_axis_min = kmin != NULL, p->has_axis_max = kmax != NULL;
    /* bars start at zero; lines need not (areas widen to it) */
    if (p->type == FS_PANEL_BAR && (p->axis_min > 0 || p->axis_max < 0)) {
        const fs_kf_key *k = p->axis_min > 0 ? kmin : kmax;
        g_autofree char *v = fs_keyfile_value(L->kf, g, k, true);
        fs_keyfile_bad_value(L->kf, g, k, v, "must be %s: bars start at zero",
                             p->axis_min > 0 ? "0 or less" : "0 or more");
        return false;
    }
    if (kmin && kmax && p->axis_min >= p->axis_max) {
        g_autofree char *v = fs_keyfile_value(L->kf, g, kmin, true);
        fs_keyfile_bad_value(L->kf, g, kmin, v, "is not below axis_max (line %lu)", kmax->line);
        return false;
    }
    return true;
}

/* highlight, reference, band and callout (annot.h): their form; the labels are checked
 * against the data when the chart is laid out. */
static bool load_annotations(loader *L, const fs_kf_group *g, fs_panel *p)
{
    if (!fs_keyfile_get_text(L->kf, g, "highlight", &p->highlight) ||
        !fs_keyfile_get_text(L->kf, g, "reference", &p->reference) ||
        !fs_keyfile_get_text(L->kf, g, "band", &p->band) ||
        !fs_keyfile_get_text(L->kf, g, "callout", &p->callout))
        return false;
    g_autofree char *why = NULL;
    g_auto(GStrv) names = fs_highlight_parse(p->highlight, &why);
    const char *key = "highlight";
    if (names) {
        fs_ref refs[FS_ANNOT_MAX_REFS];
        int n = fs_refs_parse(p->reference, refs, &why);
        fs_refs_clear(refs, n);
        key = "reference";
        if (!why) {
            fs_band bands[FS_ANNOT_MAX_BANDS];
            fs_bands_clear(bands, fs_bands_parse(p->band, bands, &why));
            key = "band";
        }
        if (!why) {
            fs_callout cs[FS_ANNOT_MAX_CALLOUTS];
            fs_callouts_clear(cs, fs_callouts_parse(p->callout, cs, &why));
            key = "callout";
        }
    }
    if (why) {
        const fs_kf_key *k = fs_keyfile_find(g, key);
        if (!k) { /* a localized key */
            fs_keyfile_fail(L->kf, FS_ERR_INPUT, g->line, g, key, "%s", why);
            return false;
        }
        g_autofree char *v = fs_keyfile_value(L->kf, g, k, true);
        fs_keyfile_bad_value(L->kf, g, k, v, "%s", why);
        return false;
    }
    return true;
}

/* value = NUMBER, or data + column [+ row]: one of the two. */
static bool load_stat(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *kv = fs_keyfile_find(g, "value"), *kd = fs_keyfile_find(g, "data");
    const fs_kf_key *kc = fs_keyfile_find(g, "column"), *kr = fs_keyfile_find(g, "row");
    const fs_kf_key *kl = fs_keyfile_find(g, "delimiter"), *extra = kc ? kc : kr;
    if (kv && kd) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, kv->line, g, "value",
                        "a stat takes either value = NUMBER or data + column, not both (data is "
                        "at line %lu)",
                        kd->line);
        return false;
    }
    if (kv && extra) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, extra->line, g, extra->key,
                        "only with data = FILE (this stat has value = NUMBER)");
        return false;
    }
    if (kv) {
        if (!fs_keyfile_get_number(L->kf, g, "value", NULL, &p->value))
            return false;
        p->has_value = true;
    } else if (kd) {
        p->row = 1;
        if (!load_data(L, g, p) || !fs_keyfile_get_string(L->kf, g, "column", NULL, &p->column) ||
            !fs_keyfile_get_int(L->kf, g, "row", LONG_MAX, &p->row))
            return false;
    } else {
        if (extra)
            fs_keyfile_fail(L->kf, FS_ERR_INPUT, extra->line, g, extra->key,
                            "only with data = FILE");
        else
            fs_keyfile_fail(L->kf, FS_ERR_INPUT, g->line, g, NULL,
                            "a stat needs value = NUMBER, or data = FILE and column = COL");
        return false;
    }
    if (kl && !kd) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, kl->line, g, kl->key, "only with data = FILE");
        return false;
    }
    return fs_keyfile_get_text(L->kf, g, "caption", &p->caption) &&
           fs_keyfile_get_text(L->kf, g, "compare", &p->compare) && load_numbers(L, g, p);
}

/* data, label and value of a panel of labelled rows: p->values, the value
 * columns; one: the panel ("a donut") that takes a single one, NULL: a
 * comma-separated list. */
static bool load_rows(loader *L, const fs_kf_group *g, fs_panel *p, const char *one)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!load_data(L, g, p) || !fs_keyfile_get_string(L->kf, g, "label", NULL, &p->label) ||
        !fs_keyfile_get_string(L->kf, g, "value", &k, &v))
        return false;
    if (!one) {
        p->values = column_list(L, g, k, v);
        return p->values != NULL;
    }
    if (strchr(v, ',')) {
        fs_keyfile_bad_value(L->kf, g, k, v, "names several columns; %s takes one value column",
                             one);
        return false;
    }
    p->values = g_new0(char *, 2);
    p->values[0] = g_steal_pointer(&v);
    return true;
}

static bool load_bar(loader *L, const fs_kf_group *g, fs_panel *p)
{
    if (!load_rows(L, g, p, NULL))
        return false;
    int orient = FS_ORIENT_HORIZONTAL, sort = FS_SORT_NONE, mode = FS_MODE_GROUPED;
    if (!fs_keyfile_get_enum(L->kf, g, "orientation", fs_orient_names, &orient) ||
        !fs_keyfile_get_enum(L->kf, g, "sort", fs_sort_names, &sort) ||
        !fs_keyfile_get_enum(L->kf, g, "mode", fs_mode_names, &mode))
        return false;
    p->orient = (fs_orient)orient, p->sort = (fs_sort)sort, p->mode = (fs_mode)mode;
    return load_numbers(L, g, p) && load_axis(L, g, p) && load_annotations(L, g, p);
}

static bool load_line(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *km = NULL;
    if (!load_rows(L, g, p, NULL))
        return false;
    int mode = FS_MODE_GROUPED, markers = FS_MARK_NONE, labels = FS_MARK_LAST;
    if (!fs_keyfile_get_enum(L->kf, g, "mode", fs_mode_names, &mode) ||
        !fs_keyfile_get_enum(L->kf, g, "markers", fs_marks_names, &markers) ||
        !fs_keyfile_get_enum(L->kf, g, "labels", fs_marks_names, &labels))
        return false;
    if (mode == FS_MODE_PERCENT || (mode == FS_MODE_STACKED && p->type == FS_PANEL_LINE)) {
        km = fs_keyfile_find(g, "mode");
        g_autofree char *mv = fs_keyfile_value(L->kf, g, km, true);
        fs_keyfile_bad_value(L->kf, g, km, mv, "is not a mode of %s (%s)",
                             p->type == FS_PANEL_LINE ? "lines" : "areas",
                             p->type == FS_PANEL_LINE ? "grouped" : "grouped or stacked");
        return false;
    }
    p->mode = (fs_mode)mode, p->markers = (fs_marks)markers, p->labels = (fs_marks)labels;
    return load_numbers(L, g, p) && load_axis(L, g, p) && load_annotations(L, g, p);
}

static bool load_pictogram(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *k = NULL;
    if (!load_rows(L, g, p, "a pictogram"))
        return false;
    if (!fs_keyfile_get_number(L->kf, g, "per", &k, &p->per))
        return false;
    if (!(p->per > 0)) {
        g_autofree char *pv = fs_keyfile_value(L->kf, g, k, true);
        fs_keyfile_bad_value(L->kf, g, k, pv, "must be greater than 0 (units per icon)");
        return false;
    }
    int icon = FS_ICON_PERSON;
    if (!fs_keyfile_get_enum(L->kf, g, "icon", fs_icon_names, &icon) ||
        !fs_keyfile_get_text(L->kf, g, "per_unit", &p->per_unit))
        return false;
    p->icon = (fs_icon)icon;
    if (!p->per_unit)
        p->per_unit = g_strdup("units");
    return true;
}

static bool load_timeline(loader *L, const fs_kf_group *g, fs_panel *p)
{
    static const char *const spacings[] = {"time", "even", NULL};
    int spacing = FS_SPACING_TIME;
    if (!load_data(L, g, p) || !fs_keyfile_get_string(L->kf, g, "date", NULL, &p->date_col) ||
        !fs_keyfile_get_string(L->kf, g, "event", NULL, &p->event_col) ||
        !fs_keyfile_get_enum(L->kf, g, "spacing", spacings, &spacing))
        return false;
    p->spacing = (fs_spacing)spacing;
    if (!p->date_col)
        p->date_col = g_strdup("date");
    if (!p->event_col)
        p->event_col = g_strdup("event");
    return true;
}

/* Adds the text of a text panel's file (buf, NUL-terminated UTF-8) to p:
 * paragraphs are separated by blank lines (their lines joined with spaces);
 * lines starting with "- ", "* " or "• " are bullet items. Text from the
 * file follows the panel's own text and items. */
static void add_text(fs_panel *p, const char *buf)
{
    GString *text = g_string_new(p->text);
    GPtrArray *items = g_ptr_array_new();
    for (char **it = p->items; it && *it; it++)
        g_ptr_array_add(items, g_strdup(*it));
    g_auto(GStrv) lines = g_strsplit(buf, "\n", -1);
    bool in_para = false;
    for (char **l = lines; *l; l++) {
        char *t = g_strstrip(*l);
        if (!*t) {
            in_para = false;
            continue;
        }
        if (g_str_has_prefix(t, "- ") || g_str_has_prefix(t, "* ") || g_str_has_prefix(t, "• ")) {
            char *item = g_strstrip(g_strdup(t + (t[0] == '-' || t[0] == '*' ? 2 : 4)));
            g_ptr_array_add(items, item);
            in_para = false;
            continue;
        }
        if (in_para)
            g_string_append_c(text, ' ');
        else if (text->len)
            g_string_append_c(text, '\n');
        g_string_append(text, t);
        in_para = true;
    }
    g_free(p->text);
    p->text = text->len ? g_string_free(text, FALSE) : (g_string_free(text, TRUE), NULL);
    g_strfreev(p->items);
    g_ptr_array_add(items, NULL);
    p->items = (char **)g_ptr_array_free(items, FALSE);
    if (!p->items[0])
        g_clear_pointer(&p->items, g_strfreev);
}

/* Reads a text panel's file: UTF-8 plain text, at most TEXT_FILE_MAX bytes.
 * Read from fd, the file fs_datapath_open() opened at path (where a line of it
 * is named); written: the path as the spec names it, quoted in messages. */
static bool load_text_file(loader *L, const fs_kf_group *g, const fs_kf_key *k, int fd,
                           const char *path, const char *written, fs_panel *p)
{
    g_autofree char *qp = fs_diag_quote(written, -1, 80);
    int e = 0;
    g_autoptr(GByteArray) bytes = fs_keyfile_slurp(fd, TEXT_FILE_MAX, &e);
    if (!bytes) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key, "cannot read %s: %s", qp,
                        g_strerror(e));
        return false;
    }
    gsize len = bytes->len;
    g_byte_array_append(bytes, (const guint8 *)"", 1);
    const char *buf = (const char *)bytes->data;
    if (len > TEXT_FILE_MAX) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key, "%s is larger than 64 KiB", qp);
        return false;
    }
    const char *bad = NULL;
    if (memchr(buf, '\0', len) || !g_utf8_validate(buf, (gssize)len, &bad)) {
        const char *at = bad ? bad : memchr(buf, '\0', len);
        unsigned long line = 1;
        for (const char *c = buf; c < at; c++)
            line += *c == '\n';
        g_autofree char *qs = fs_diag_escape_path(L->path);
        fs_keyfile_fail_file(L->kf, FS_ERR_INPUT, path, line, "not UTF-8 text (named by %s:%lu)",
                             qs, k->line);
        return false;
    }
    add_text(p, buf);
    return true;
}

static bool load_text(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *fk = NULL;
    g_autofree char *fv = NULL;
    if (!fs_keyfile_get_text(L->kf, g, "text", &p->text) ||
        !fs_keyfile_get_list(L->kf, g, "items", &p->items) ||
        !fs_keyfile_get_string(L->kf, g, "file", &fk, &fv))
        return false;
    if (fv) {
        g_autofree char *path = NULL;
        int fd = fs_datapath_open(L->paths, L->kf, g, fk, fv, &path);
        if (fd < 0)
            return false;
        bool ok = load_text_file(L, g, fk, fd, path, fv, p);
        close(fd);
        if (!ok)
            return false;
    }
    if (!p->text && !p->items) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, g->line, g, NULL,
                        "a text panel needs text = PARAGRAPH, items = ONE;TWO;… or file = "
                        "TEXT-FILE");
        return false;
    }
    return true;
}

/* file = the picture, caption, and alt = (required: a picture says nothing
 * to a screen reader without it). */
static bool load_image(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_text(L->kf, g, "caption", &p->caption) ||
        !fs_keyfile_get_string(L->kf, g, "file", &k, &v))
        return false;
    if (!p->alt) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, g->line, g, NULL,
                        "an image panel needs alt = TEXT, what the picture shows for readers "
                        "who cannot see it");
        return false;
    }
    p->image = load_image_file(L, g, k, v, NULL);
    return p->image != NULL;
}

/* A donut: data, label and value (one column), decimals of its percentages. */
static bool load_donut(loader *L, const fs_kf_group *g, fs_panel *p)
{
    if (!load_rows(L, g, p, "a donut"))
        return false;
    long decimals = -1;
    if (!fs_keyfile_get_int(L->kf, g, "decimals", LONG_MAX, &decimals))
        return false;
    p->has_decimals = decimals >= 0;
    p->decimals = (int)MAX(decimals, 0);
    return true;
}

/* A table: data, the columns shown (columns = a,b,c), their header texts
 * (header = A,B,C, localizable; ";" separates them when one holds a
 * comma), the columns declared numbers (numeric = b,c) and one with bars
 * in its cells (bar_column = b). The CSV is model.c's to check. */
static bool load_table(loader *L, const fs_kf_group *g, fs_panel *p)
{
    const fs_kf_key *kc = NULL, *kn = NULL;
    g_autofree char *cv = NULL, *nv = NULL, *hv = NULL;
    if (!load_data(L, g, p) || !fs_keyfile_get_string(L->kf, g, "columns", &kc, &cv) ||
        !fs_keyfile_get_string(L->kf, g, "numeric", &kn, &nv) ||
        !fs_keyfile_get_text(L->kf, g, "header", &hv) ||
        !fs_keyfile_get_string(L->kf, g, "bar_column", NULL, &p->bar_column))
        return false;
    if (cv && !(p->columns = column_list(L, g, kc, cv)))
        return false;
    if (nv && !(p->numeric = column_list(L, g, kn, nv)))
        return false;
    if (hv) {
        p->header = g_strsplit(hv, strchr(hv, ';') ? ";" : ",", -1);
        for (char **h = p->header; *h; h++)
            g_strstrip(*h);
        guint nh = g_strv_length(p->header);
        if (p->columns && nh != g_strv_length(p->columns)) {
            const fs_kf_key *kh = fs_keyfile_pick(L->kf, g, "header");
            fs_keyfile_fail(L->kf, FS_ERR_INPUT, kh ? kh->line : g->line, g,
                            kh ? kh->key : "header",
                            "has %u texts for the %u columns of \"columns\" (line %lu); give "
                            "one text per column",
                            nh, g_strv_length(p->columns), kc->line);
            return false;
        }
    }
    return true;
}

static void panel_free(gpointer data)
{
    fs_panel *p = data;
    if (!p)
        return;
    g_free(p->id);
    g_free(p->title);
    g_free(p->subtitle);
    g_free(p->note);
    g_free(p->alt);
    g_free(p->unit);
    g_free(p->data);
    g_free(p->encoding);
    g_free(p->missing);
    g_free(p->label);
    g_strfreev(p->values);
    g_free(p->column);
    g_free(p->caption);
    g_free(p->compare);
    g_free(p->per_unit);
    g_free(p->highlight);
    g_free(p->reference);
    g_free(p->band);
    g_free(p->callout);
    g_free(p->date_col);
    g_free(p->event_col);
    g_free(p->text);
    g_strfreev(p->items);
    fs_image_free(p->image);
    g_strfreev(p->columns);
    g_strfreev(p->header);
    g_strfreev(p->numeric);
    g_free(p->bar_column);
    if (p->key_lines)
        g_hash_table_unref(p->key_lines);
    g_free(p);
}

/* type = …, then every key of g must apply to that type. Returns the type
 * or -1 after the diagnostic. */
static int panel_type(loader *L, fs_kf_group *g)
{
    const fs_kf_key *kt = NULL;
    g_autofree char *tv = NULL;
    if (!fs_keyfile_get_string(L->kf, g, "type", &kt, &tv))
        return -1;
    int type = fs_opts_pick(tv, panel_type_names);
    if (type < 0) {
        fs_keyfile_bad_value(L->kf, g, kt, tv,
                             "is not a panel type (bar, line, area, stat, pictogram, timeline, "
                             "text, image or donut)");
        return -1;
    }
    /* keys of another type, in line order */
    g->tags = 1u << type;
    g_autoptr(GString) buf = g_string_new(NULL);
    for (guint i = 0; i < g->keys->len; i++) {
        const fs_kf_key *k = g_ptr_array_index(g->keys, i);
        if (!fs_keyfile_entry(g, k->base)) {
            fs_keyfile_fail(L->kf, FS_ERR_INPUT, k->line, g, k->key,
                            "does not apply to a %s panel (it is for: %s)", tv,
                            type_list(key_types(k->base), buf));
            return -1;
        }
    }
    return type;
}

static fs_panel *load_panel(loader *L, fs_kf_group *g, int columns)
{
    int type = panel_type(L, g);
    if (type < 0)
        return NULL;
    fs_panel *p = g_new0(fs_panel, 1);
    p->data_fd = -1;
    p->id = g_strdup(g->id);
    p->type = (fs_panel_type)type;
    p->line = g->line;
    p->key_lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < g->keys->len; i++) {
        const fs_kf_key *k = g_ptr_array_index(g->keys, i);
        if (!g_hash_table_contains(p->key_lines, k->base))
            g_hash_table_insert(p->key_lines, g_strdup(k->base), GUINT_TO_POINTER(k->line));
    }
    long span = columns;
    bool ok = fs_keyfile_get_int(L->kf, g, "span", columns, &span) &&
              fs_keyfile_get_text(L->kf, g, "title", &p->title) &&
              fs_keyfile_get_text(L->kf, g, "subtitle", &p->subtitle) &&
              fs_keyfile_get_text(L->kf, g, "note", &p->note) &&
              fs_keyfile_get_text(L->kf, g, "alt", &p->alt) &&
              fs_keyfile_get_text(L->kf, g, "unit", &p->unit);
    p->span = (int)span;
    if (ok) {
        static bool (*const load_type[])(loader *, const fs_kf_group *, fs_panel *) = {
            [FS_PANEL_BAR] = load_bar,
            [FS_PANEL_STAT] = load_stat,
            [FS_PANEL_PICTOGRAM] = load_pictogram,
            [FS_PANEL_TIMELINE] = load_timeline,
            [FS_PANEL_TEXT] = load_text,
            [FS_PANEL_IMAGE] = load_image,
            [FS_PANEL_DONUT] = load_donut,
            [FS_PANEL_LINE] = load_line,
            [FS_PANEL_AREA] = load_line,
            [FS_PANEL_TABLE] = load_table,
        };
        ok = load_type[p->type](L, g, p);
    }
    if (!ok) {
        panel_free(p);
        return NULL;
    }
    return p;
}

/* ---- loading -------------------------------------------------------------- */

/* The command line's part: --lang and --data-root (usage errors). */
static bool check_options(loader *L)
{
    if (L->lang && !fs_keyfile_is_lang_tag(L->lang)) {
        g_autofree char *q = fs_diag_quote(L->lang, -1, QUOTE_MAX);
        fs_diag_add(L->d, FS_ERR_USAGE, NULL, 0, 0,
                    "--lang %s is not a language tag (expected ll or ll_CC, e.g. az, pt_BR)", q);
        return false;
    }
    struct stat st;
    if (L->data_root && (stat(L->data_root, &st) != 0 || !S_ISDIR(st.st_mode))) {
        g_autofree char *q = fs_diag_quote(L->data_root, -1, 80);
        fs_diag_add(L->d, FS_ERR_USAGE, NULL, 0, 0, "--data-root %s is not a folder", q);
        return false;
    }
    return true;
}

/* Reads buf; checks the groups a spec needs and every escape. Returns the
 * [report] group or NULL after the diagnostic. */
static fs_kf_group *read_spec(loader *L, const char *buf, size_t len)
{
    if (!fs_keyfile_load(L->kf, buf, len))
        return NULL;
    if (!fs_keyfile_has_content(L->kf)) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, 0, NULL, NULL,
                        len == 0
                            ? "empty file (a spec needs a [report] group and at least one panel)"
                            : "no [report] group (the file has only comments and blank lines)");
        return NULL;
    }
    fs_kf_group *rg = fs_keyfile_find_group(L->kf, "report");
    if (!rg) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, 0, NULL, NULL,
                        "no [report] group (every spec needs one, with name and title)");
        return NULL;
    }
    if (fs_keyfile_n_groups(L->kf) < 2) {
        fs_keyfile_fail(L->kf, FS_ERR_INPUT, rg->line, NULL, NULL,
                        "no panels (add at least one [panel ID] group)");
        return NULL;
    }
    return fs_keyfile_check_escapes(L->kf) ? rg : NULL;
}

static fs_spec *load(loader *L, const char *buf, size_t len)
{
    if (!check_options(L))
        return NULL;
    const fs_kf_group *rg = read_spec(L, buf, len);
    if (!rg)
        return NULL;
    fs_spec *s = g_new0(fs_spec, 1);
    s->path = g_strdup(L->path);
    s->dir = g_strdup(L->dir);
    s->lang = g_strdup(L->lang);
    s->line = rg->line;
    s->panels = g_ptr_array_new_with_free_func(panel_free);
    if (!load_report(L, rg, s)) {
        fs_spec_free(s);
        return NULL;
    }
    for (size_t i = 0; i < fs_keyfile_n_groups(L->kf); i++) {
        fs_kf_group *g = fs_keyfile_nth_group(L->kf, i);
        if (!g->id)
            continue;
        fs_panel *p = load_panel(L, g, s->columns);
        if (!p) {
            fs_spec_free(s);
            return NULL;
        }
        g_ptr_array_add(s->panels, p);
    }
    s->inputs = fs_datapath_take(L->paths);
    s->files = fs_datapath_take_opened(L->paths);
    return s;
}

fs_spec *fs_spec_load_buffer(const char *name, const char *buf, size_t len, const char *data_root,
                             const char *lang, fs_diag *d)
{
    loader L = {.path = name, .data_root = data_root, .lang = lang, .d = d};
    L.kf = fs_keyfile_new(&spec_schema, name, lang, d);
    L.dir = g_path_get_dirname(name);
    L.paths = fs_datapath_new(L.dir, data_root);
    fs_spec *s = load(&L, buf, len);
    fs_datapath_free(L.paths);
    fs_keyfile_free(L.kf);
    g_free(L.dir);
    g_free(L.encoding);
    g_free(L.missing);
    return s;
}

fs_spec *fs_spec_load(const char *path, const char *data_root, const char *lang, fs_diag *d)
{
    g_autoptr(GByteArray) bytes = fs_keyfile_read_file(&spec_schema, path, d);
    if (!bytes)
        return NULL;
    return fs_spec_load_buffer(path, (const char *)bytes->data, bytes->len, data_root, lang, d);
}

void fs_spec_free(fs_spec *s)
{
    if (!s)
        return;
    g_free(s->path);
    g_free(s->dir);
    g_free(s->name);
    g_free(s->title);
    g_free(s->subtitle);
    g_free(s->date);
    g_free(s->source);
    g_free(s->note);
    g_free(s->keywords);
    g_free(s->author);
    g_free(s->source_url);
    g_free(s->lang);
    g_strfreev(s->languages);
    fs_theme_free(s->theme);
    fs_image_free(s->logo);
    if (s->panels)
        g_ptr_array_free(s->panels, TRUE);
    for (guint i = 0; s->inputs && i < s->inputs->len; i++)
        close(g_array_index(s->inputs, int, i));
    if (s->inputs)
        g_array_free(s->inputs, TRUE);
    if (s->files)
        g_ptr_array_free(s->files, TRUE);
    g_free(s);
}

unsigned long fs_panel_key_line(const fs_panel *p, const char *key)
{
    gpointer v = p->key_lines ? g_hash_table_lookup(p->key_lines, key) : NULL;
    return v ? GPOINTER_TO_UINT(v) : p->line;
}
