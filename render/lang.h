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

#include "numfmt.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    FS_STR_SOURCE,       /* "Source: %s" */
    FS_STR_ICON_KEY,     /* "1 icon = %s %s" */
    FS_STR_ICON_PART,    /* "… %s %s": note under a pictogram with a part icon */
    FS_STR_DROPPED_ONE,  /* one stacked label left out */
    FS_STR_DROPPED_MANY, /* "%s … left out" */
    FS_STR_VALUES_DROPPED_ONE,  /* one value label that would overlap left out */
    FS_STR_VALUES_DROPPED_MANY, /* "%s value labels … left out" */
    FS_STR_NO_DATA,             /* a missing value (--missing) in place of its number */
    FS_STR_TABLE_ROWS,          /* "%s of %s rows shown …": a table's slide */
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

/* A short date for a chart's axis, month abbreviated: en "Jan 2023",
 * "Jan 5, 2023"; ru "янв. 2023", "5 янв. 2023"; az "yan 2023"; day 0 for a
 * month. Without the year (with_year false): "Jan", "Jan 5", "5 янв.".
 * month 1..12. Returns a new string. */
char *fs_lang_date_short(const char *lang, int year, int month, int day, bool with_year);

/* True for right-to-left languages (ar, fa, he, ur, ps, sd, yi, dv, ug, ckb). */
bool fs_lang_is_rtl(const char *lang);

/* A phrase the program writes, in lang, with its "%s" places filled by a
 * and b in order. Returns a new string. */
char *fs_lang_text(const char *lang, fs_str s, const char *a, const char *b);

/* The phrase's text before its first "%s" (*len bytes). Borrowed, static. */
const char *fs_lang_prefix(const char *lang, fs_str s, size_t *len);

/* What follows a number divided by 1000^scale (scale 1 to 4: thousands to
 * trillions), its no-break space included: en "k", "M", " bn", " tn"; ru
 * " тыс.", " млн", " млрд", " трлн"; az " min", " mln", " mlrd", " trln".
 * "" for another scale. Borrowed, static. */
const char *fs_lang_compact(const char *lang, int scale);

#endif
