/* keyfile: the one strict reader of the program's key files (a report
 * spec, a theme), driven by a schema: which groups there are (a fixed name
 * such as [report] or a pattern such as [panel ID]), which keys each takes,
 * of what type, which may be localized (title[az]), which are required, and
 * the range of a number.
 *
 * GKeyFile merges duplicate groups and keys silently and reports no line
 * numbers, so the bytes are first scanned line by line: the size limit,
 * UTF-8 (no NUL), every line blank, a comment, a known [group] or a known
 * key = value inside one, no group or key twice; the line of every group
 * and key is kept. What the scan accepted (no comments, no CR, values
 * trimmed) is then given to GKeyFile, which unescapes values and splits
 * lists. The values are read through the typed getters below, which check
 * the value against its key's schema entry (empty, integer, number and
 * range, one of a list); what only the module knows (a colour, a path, a
 * page size) the module checks, failing with fs_keyfile_bad_value().
 *
 * Every error is one diagnostic "FILE:LINE: [GROUP] key "KEY": what is
 * wrong" (user text quoted with fs_diag_quote()), and a read stops at the
 * first: after one fs_keyfile_fail() later ones add nothing, so stderr
 * stays one line. This module opens no file but the key file itself
 * (fs_keyfile_read_file()) and knows nothing of what the keys mean. */
#ifndef FS_KEYFILE_H
#define FS_KEYFILE_H

#include "diag.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* The value grammar of a key. */
typedef enum {
    FS_KEY_TEXT,   /* text for people: empty is the same as absent unless required */
    FS_KEY_STRING, /* a word, a name, a path …: an empty value is an error */
    FS_KEY_LIST,   /* text items separated by ; (\; is a ; inside an item) */
    FS_KEY_INT,    /* an integer from min to max (fs_value_number, whole) */
    FS_KEY_NUMBER, /* a number from min to max (fs_value_number) */
} fs_key_type;

#define FS_KEY_LOCALIZED 1u /* may also be written key[ll] or key[ll_CC] */
#define FS_KEY_REQUIRED 2u  /* absent: an error when the module reads the key */

/* One key of a group's schema. A name may have several entries with
 * different tags (a spec's value = is a column for a bar and a number for a
 * stat): the getters use the first entry whose tags meet the group's. */
typedef struct fs_key {
    const char *name;
    fs_key_type type;
    unsigned flags;     /* FS_KEY_LOCALIZED, FS_KEY_REQUIRED */
    unsigned tags;      /* the module's variants of the group taking it; 0 = every one */
    double min, max;    /* FS_KEY_INT, FS_KEY_NUMBER, and the module's ranged kinds */
    const char *unit;   /* after the range in messages (" pt", " × body"), or NULL */
    const char *hint;   /* after "missing key "K"" and "empty value", e.g. " (units per
                           icon, e.g. per = 10)", or NULL */
    int kind;           /* the module's own value kind (0: none) */
    size_t offset, aux; /* the module's: where the value goes */
} fs_key;

typedef struct fs_group_schema {
    const char *name;   /* "report", "colors"; with has_id the word before the ID: "panel" */
    bool has_id;        /* [NAME ID], ID 1 to FS_KEYFILE_MAX_ID letters, digits, - and _ */
    const fs_key *keys; /* ends with an entry whose name is NULL */
} fs_group_schema;

typedef struct fs_keyfile_schema {
    const char *what;              /* "spec", "theme": "a spec must be UTF-8 text" */
    size_t max_bytes;              /* larger files are refused before they are read */
    const fs_group_schema *groups; /* ends with an entry whose name is NULL */
    const char *start;             /* "a spec starts with [report]": a key before any group */
    size_t max_ids;                /* most [NAME ID] groups; 0 = no limit */
    const char *id_why;            /* why IDs are short: "it becomes part of file names" */
    const char *missing_hint;      /* after "No such file": "" or " (a theme file)" */
} fs_keyfile_schema;

/* Names and IDs become file names (NAME-ID.png): at most this many bytes. */
#define FS_KEYFILE_MAX_ID 64

/* A key as read: fields read-only, owned by the fs_keyfile. */
typedef struct fs_kf_key {
    char *key;          /* as written, trimmed: "title" or "title[az]" */
    char *base;         /* without the language: "title" */
    unsigned long line; /* its line in the file */
    const fs_key *info; /* its schema entry (the first with this name) */
} fs_kf_key;

/* A group as read: fields read-only (but tags), owned by the fs_keyfile. */
typedef struct fs_kf_group {
    char *name;         /* "report", "panel ID" */
    const char *id;     /* into name: the ID; NULL for a group without one */
    unsigned long line; /* the line of its header */
    const fs_group_schema *schema;
    GPtrArray *keys; /* fs_kf_key *, in line order */
    unsigned tags;   /* the module's variant (a panel's type), for the getters; 0 = any */
} fs_kf_group;

typedef struct fs_keyfile fs_keyfile;

/* A reader of one file named name (in messages) in schema, picking
 * localized keys by lang (NULL: plain keys). The one diagnostic of the
 * read goes to d. All borrowed: they must outlive the reader. Free with
 * fs_keyfile_free(). */
fs_keyfile *fs_keyfile_new(const fs_keyfile_schema *schema, const char *name, const char *lang,
                           fs_diag *d);
void fs_keyfile_free(fs_keyfile *kf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fs_keyfile, fs_keyfile_free)

/* Scans buf (len bytes) and loads what it accepted. Returns false after
 * the diagnostic. The structure the module requires (a group that must be
 * there) is the module's to check afterwards; then fs_keyfile_check_escapes(). */
bool fs_keyfile_load(fs_keyfile *kf, const char *buf, size_t len);
/* Reads every value once, so an invalid escape is an error at its own line
 * even in a key or a language the module will not read. */
bool fs_keyfile_check_escapes(fs_keyfile *kf);
/* Whether the file had any line but blank lines and comments. */
bool fs_keyfile_has_content(const fs_keyfile *kf);

/* The groups in file order: borrowed, valid while kf lives. */
size_t fs_keyfile_n_groups(const fs_keyfile *kf);
fs_kf_group *fs_keyfile_nth_group(const fs_keyfile *kf, size_t i);
fs_kf_group *fs_keyfile_find_group(const fs_keyfile *kf, const char *name);

/* The key of g written exactly so ("title[az]"), or NULL. */
const fs_kf_key *fs_keyfile_find(const fs_kf_group *g, const char *key);
/* The key that holds name for the reader's language: name[variant] for
 * each variant of lang (az_AZ, az …) when the key is localized, then the
 * plain name. NULL when none. */
const fs_kf_key *fs_keyfile_pick(const fs_keyfile *kf, const fs_kf_group *g, const char *name);
/* The schema entry of name for g (its tags); NULL if none. */
const fs_key *fs_keyfile_entry(const fs_kf_group *g, const char *name);

/* The value of k, unescaped and trimmed (trim false: untrimmed, for a
 * value that is whitespace, such as a TAB written \t). Returns a new
 * string. */
char *fs_keyfile_value(const fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, bool trim);

/* The typed getters: each reads the key name of g by its schema entry,
 * leaves *out unchanged when the key is absent and not required, and
 * returns false after the diagnostic when it is absent and required, empty
 * where that is an error, or not of its type; *k (may be NULL) gets the key
 * read or NULL.
 * Text: *out = a new string, NULL when empty. */
bool fs_keyfile_get_text(fs_keyfile *kf, const fs_kf_group *g, const char *name, char **out);
/* A string: *out = a new non-empty string. */
bool fs_keyfile_get_string(fs_keyfile *kf, const fs_kf_group *g, const char *name,
                           const fs_kf_key **k, char **out);
/* One of names (NULL-terminated): *out = its index. */
bool fs_keyfile_get_enum(fs_keyfile *kf, const fs_kf_group *g, const char *name,
                         const char *const *names, int *out);
/* A list: *out = a new NULL-terminated array of its non-empty items
 * (trimmed), NULL when there are none. */
bool fs_keyfile_get_list(fs_keyfile *kf, const fs_kf_group *g, const char *name, char ***out);
/* An integer from the entry's min to the smaller of its max and cap. */
bool fs_keyfile_get_int(fs_keyfile *kf, const fs_kf_group *g, const char *name, long cap,
                        long *out);
/* A number in the entry's range. */
bool fs_keyfile_get_number(fs_keyfile *kf, const fs_kf_group *g, const char *name,
                           const fs_kf_key **k, double *out);
/* Fails with "QUOTED-V is out of range: from MIN to MAX UNIT" at k unless x
 * is in the range of k's entry (k->info). */
bool fs_keyfile_check_range(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, const char *v,
                            double x);

/* Adds the read's one diagnostic "FILE:LINE: [GROUP] key "KEY": message"
 * (g and key may be NULL, line 0: none); later calls add nothing. */
void fs_keyfile_fail(fs_keyfile *kf, fs_status st, unsigned long line, const fs_kf_group *g,
                     const char *key, const char *fmt, ...) G_GNUC_PRINTF(6, 7);
/* Fails with "QUOTED-V message" at k, adding a hint when v holds what looks
 * like a trailing comment. */
void fs_keyfile_bad_value(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, const char *v,
                          const char *fmt, ...) G_GNUC_PRINTF(5, 6);
/* Adds the read's one diagnostic about another file (file may be NULL: a
 * message already naming its place); later calls add nothing. */
void fs_keyfile_fail_file(fs_keyfile *kf, fs_status st, const char *file, unsigned long line,
                          const char *fmt, ...) G_GNUC_PRINTF(5, 6);

/* Reads the key file at path for schema: opened without blocking, a
 * regular file, refused before reading when larger than max_bytes. Returns
 * its bytes (free with g_byte_array_unref()) or NULL after one diagnostic
 * naming path: a missing file is input (1), an unreadable one a system
 * failure (3). */
GByteArray *fs_keyfile_read_file(const fs_keyfile_schema *schema, const char *path, fs_diag *d);
/* Same from fd, a file the caller opened and closes; read from its start
 * with pread. name is used in messages. */
GByteArray *fs_keyfile_read_fd(const fs_keyfile_schema *schema, int fd, const char *name,
                               fs_diag *d);
/* Reads fd from its start, at most max + 1 bytes (one past the limit says
 * it is too large). Returns the bytes, or NULL with *err = errno. */
GByteArray *fs_keyfile_slurp(int fd, size_t max, int *err);

/* Whether s is a language tag as GKeyFile uses them: ll or lll, then
 * optionally _CC (two capitals or three digits) and @modifier. */
bool fs_keyfile_is_lang_tag(const char *s);
/* Whether s is an ID: 1 to FS_KEYFILE_MAX_ID letters, digits, - and _. */
bool fs_keyfile_is_id(const char *s);

/* Levenshtein distance of two short ASCII names (a key, a group) for "did
 * you mean" hints; SIZE_MAX when either is longer than 32 bytes. */
size_t fs_edit_distance(const char *a, const char *b);
/* The candidate nearest to s: at distance 2 or less, or (s of 3 bytes or
 * more) one a prefix of the other. Borrowed from candidates (NULL-
 * terminated); NULL when none is near. */
const char *fs_keyfile_nearest(const char *s, const char *const *candidates);

#endif
