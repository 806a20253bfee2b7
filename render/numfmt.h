/* numfmt: how numbers are written ("1,275" / "1 275" / "1.275,5" …) and
 * writing them so. The format of a language comes from lang.h
 * (fs_lang_numfmt()); a spec or the command line may name another by
 * example. Never the process locale. */
#ifndef FS_NUMFMT_H
#define FS_NUMFMT_H

#include <stdbool.h>

typedef struct fs_numfmt {
    char group[8];   /* thousands separator (UTF-8), "" for none */
    char decimal[8]; /* decimal sign */
} fs_numfmt;

/* The default: "," groups, "." decimal. */
void fs_numfmt_default(fs_numfmt *f);
/* Parses an example such as "1,275", "1 275", "1.275,5", "1275", "1,275.5".
 * Returns false if it is not one of the understood forms. */
bool fs_numfmt_parse(const char *example, fs_numfmt *out);
/* Formats v with the given number of decimals (-1: as few as needed, at most
 * 2). Uses U+2212 for the minus sign. Returns a new string. */
char *fs_numfmt_format(const fs_numfmt *f, double v, int decimals);
/* The decimals v needs, 0 to 2: what fs_numfmt_format() writes for -1. A
 * chart writes all its values with the most any of them needs, so 8,825.30
 * stands beside 9,946.13, not 8,825.3. */
int fs_numfmt_decimals(double v);

#endif
