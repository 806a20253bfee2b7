/* lang: what changes with the language of a report, from our own tables and
 * never from the process locale: number formats (grouping, decimal sign,
 * percent form), month names and date order, the direction of the page,
 * and the few words the program writes itself ("Source:", "1 icon = …").
 *
 * Languages without a table entry (any valid tag) fall back to English
 * conventions, with the direction taken from the script (ar, fa, he, ur …
 * are right to left). */
#ifndef FS_LANG_H
#define FS_LANG_H

#include "opts.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    FS_STR_SOURCE,       /* "Source: %s" */
    FS_STR_ICON_KEY,     /* "1 icon = %s %s" */
    FS_STR_ICON_PART,    /* "… %s %s": note under a pictogram with a part icon */
    FS_STR_DROPPED_ONE,  /* one stacked label left out */
    FS_STR_DROPPED_MANY, /* "%s … left out" */
    FS_STR_COUNT_
} fs_str;

/* The number format of lang (NULL or unknown: English "1,275.5"). */
void fs_lang_numfmt(const char *lang, fs_numfmt *out);

/* "45%" (en, az) or "45 %" (ru, with a no-break space). num is already
 * formatted. Returns a new string. */
char *fs_lang_percent(const char *lang, const char *num);

/* A date with month/day 0 when absent: en "26 February 2023",
 * az "26 fevral 2023", ru "26 февраля 2023 г." ("январь 2012 г." without a
 * day). Returns a new string. */
char *fs_lang_date(const char *lang, int year, int month, int day);

/* True for right-to-left languages (ar, fa, he, ur, ps, sd, yi, dv, ug, ckb). */
bool fs_lang_is_rtl(const char *lang);

/* A phrase the program writes, in lang, with its "%s" places filled by a
 * and b in order. Returns a new string. */
char *fs_lang_text(const char *lang, fs_str s, const char *a, const char *b);

/* The phrase's text before its first "%s" (*len bytes). Borrowed, static. */
const char *fs_lang_prefix(const char *lang, fs_str s, size_t *len);

#endif
