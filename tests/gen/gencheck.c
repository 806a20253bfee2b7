/* gencheck: the generative layout checker (issue 15).
 *
 * Each seed is one deterministic case (GRand seeded with it): a chart (a CSV
 * and a `factsheet chart` command line) or a report (a spec .ini, its CSVs
 * and a `factsheet render` command line), drawn from the input space: 1–60
 * categories; labels of 1–120 characters in Latin, Cyrillic, Armenian,
 * Arabic or a mix, with emoji; values from 1e-6 to 1e12, negatives and
 * zeros; 1–6 series in every mode and orientation; canvases from 400x300 to
 * 3840x2160 at scales 0.5–3; pages A5 to A3, portrait and landscape; every
 * theme and language. It runs the command with --dump-layout under a time
 * limit and checks these invariants (tests/gen/README.md says the same):
 *
 *   exit     the exit status is 0 with nothing on stderr, or 1 or 2 with
 *            exactly one line on stderr starting "factsheet: " (a refusal,
 *            counted apart, not a violation); a signal, a timeout, another
 *            status or other stderr is a violation
 *   overlap  no two text boxes of one page overlap by more than 0.5 pt both
 *            ways (as tests/tools/layoutcheck)
 *   page     every box (text, rect, line, icon) lies inside its page
 *            (0.05 pt of slack)
 *   panel    every box of a report panel (the items after "panel ID X Y W H
 *            items=N") lies inside the panel's columns (X to X+W) and not
 *            above its top Y (its height is where its items end, so only the
 *            top is a bound; the bottom is the page's)
 *   size     no text is smaller than lint's floor (render/lint.h): 12 px on
 *            a chart or slide drawn as PNG or SVG (at its size, before
 *            --scale), 6 pt on a printed page (a report's sheet, a chart
 *            drawn as PDF). The layout's own floor for footers, notes and
 *            ticks, fs_slide_min_text() (24 px on 1920x1080, scaled with
 *            the canvas), is not the rule here: below 960x540 it is under
 *            lint's 12 px
 *   value    every value label (role value, and a stat's number) reads back
 *            in its language's number format (group sign, decimal sign,
 *            U+2212 minus, compact words, exponent, the percent form, the
 *            unit) to a datum of its chart within its displayed precision
 *            (half a unit of its last digit; one unit for a percent label,
 *            rounded by largest remainders; a bound "<0.01" strictly
 *            between it and 0): a value; in percent mode a value's share
 *            of its row's positive sum; for a stack's total the row's sum;
 *            a label "no data" in its language stands for a missing value
 *            (some cases list "" and "n/a" with --missing or missing =)
 *   zero     a value label that reads 0 stands for a datum that is 0: a
 *            chart has no more labels reading 0 than zero data that get a
 *            label (grouped bars: zero values; stacked: zero row sums, for
 *            the totals; percent: none)
 *   leader   a callout's leader line (role callout) crosses no text box and
 *            no bar (each shrunk by 0.5 pt), and a callout's text lies on
 *            no marker (icon); its text is held to overlap, cover and page
 *            like every text
 *   break    no line of a text starts inside a word (the characters either
 *            side of the break both letters or digits, g_unichar_isalnum),
 *            unless the dump marks the text "wordwider" (text.c: each word
 *            so broken is, alone, wider than the wrap width)
 *   alike    no two texts of one role on a page that the dump marks
 *            "ellipsized" (a word too wide for its box shortened with "…")
 *            read the same: the labels of different categories must still
 *            tell them apart once cut. Some cases give every category a
 *            long unbroken name that differs only at its end.
 *   cover    no text lies on a bar but a value label inside its own
 *   cut      no label of a donut panel (on the sheet or its slide) is
 *            marked "ellipsized": a donut's label never loses letters
 *
 * Usage (from the repository root; LC_ALL=C and FACTSHEET_FONT_DIR as in
 * make check):
 *   gencheck [--bin build/factsheet] [--seeds N] [--seed0 S] [-j N] [-v]
 *   gencheck --seed S [--keep DIR]   one case: writes its files into DIR,
 *                                    prints the command, runs and checks it
 * Prints one line per violation ("seed S: INVARIANT: what: dump line"), a
 * reproducing command per failing seed, and a summary; exits 1 when any
 * seed violates an invariant. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- invariants ------------------------------------------------------------ */

typedef enum {
    INV_EXIT,
    INV_OVERLAP,
    INV_PAGE,
    INV_PANEL,
    INV_SIZE,
    INV_VALUE,
    INV_ZERO,
    INV_BREAK,
    INV_COVER,
    INV_LEADER,
    INV_ALIKE,
    INV_CUT,
    INV_COUNT
} inv;

static const char *const inv_names[INV_COUNT] = {"exit", "overlap", "page", "panel",
                                                 "size", "value", "zero", "break",
                                                 "cover", "leader", "alike", "cut"};

/* lint's floors (render/lint.h FS_LINT_MIN_PX, FS_LINT_MIN_PT) */
#define FLOOR_PX 12.0
#define FLOOR_PT 6.0
#define PAGE_SLACK 0.05
#define OVERLAP_MIN 0.5

/* ---- a case ------------------------------------------------------------------ */

typedef enum { MODE_GROUPED, MODE_STACKED, MODE_PERCENT } chart_mode;

/* The data a value label may stand for: a chart (a chart case, a report's
 * bar panel) or a stat panel's number. */
typedef struct datum_set {
    char *id; /* the panel's ID; NULL for a chart case */
    bool stat;
    size_t nrows, nseries;
    double *values; /* nrows * nseries, row-major; NAN: a missing value */
    chart_mode mode;
    char *unit;     /* NULL: none */
    bool donut;     /* a donut: its labels are the rows' shares of their sum, which
                     * add up to 100 */
    char *a_label;  /* a category label a highlight can name (no comma, no
                     * edge spaces); NULL: none */
    int dates;      /* the labels' date_kind (DATES_NONE: not dates) */
    int date_start; /* gen_date()'s start of the first row */
} datum_set;

typedef struct numfmt {
    char group[8], decimal[8];
    bool percent_space; /* "45 %" with a no-break space (ru) */
    int compact;        /* the language's row of compact_words */
} numfmt;

typedef struct gcase {
    guint32 seed;
    char *name;      /* "seed N" or "case DIR": how messages name it */
    bool report;
    char *dir;       /* where its files are */
    GPtrArray *argv; /* char *, NULL-terminated; argv[0] the program */
    GPtrArray *sets; /* datum_set * */
    GPtrArray *files; /* char *: the input files, names in dir */
    numfmt nf;
    bool sheet_print; /* the first pages (before any "slide") are printed: 6 pt floor */
    GString *what;    /* a one-line summary of the case */
} gcase;

static void datum_set_free(gpointer p)
{
    datum_set *s = p;
    g_free(s->id);
    g_free(s->values);
    g_free(s->unit);
    g_free(s->a_label);
    g_free(s);
}

static void gcase_free(gcase *c)
{
    if (!c)
        return;
    g_free(c->dir);
    g_free(c->name);
    g_ptr_array_free(c->argv, TRUE);
    g_ptr_array_free(c->sets, TRUE);
    g_ptr_array_free(c->files, TRUE);
    g_string_free(c->what, TRUE);
    g_free(c);
}

/* ---- random helpers ---------------------------------------------------------- */

static int rint_in(GRand *r, int lo, int hi)
{
    return g_rand_int_range(r, lo, hi + 1);
}

static bool chance(GRand *r, double p)
{
    return g_rand_double(r) < p;
}

static const char *pick(GRand *r, const char *const *a, int n)
{
    return a[g_rand_int_range(r, 0, n)];
}

#define PICK(r, a) pick(r, a, (int)G_N_ELEMENTS(a))

/* ---- text -------------------------------------------------------------------- */

typedef enum { SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_ARMENIAN, SCRIPT_ARABIC, SCRIPT_MIXED } script;

static const char *const latin_extra[] = {"á", "é", "í", "ó", "ú", "ü", "ö", "ç", "ş", "ğ",
                                          "ı", "ə", "ñ", "à", "è", "ß", "ø", "å"};
static const char *const emoji[] = {"😀", "🎉", "🚀", "❤️", "👍🏽", "🇦🇿", "🌍", "📈",
                                    "🔥", "✅", "👩‍💻", "🍎", "⚽", "🏠", "🧪", "⭐"};

/* Appends one letter of script s (capital when cap). */
static void append_letter(GRand *r, GString *out, script s, bool cap)
{
    gunichar u;
    switch (s) {
    case SCRIPT_CYRILLIC:
        u = (cap ? 0x0410 : 0x0430) + (gunichar)g_rand_int_range(r, 0, 32);
        break;
    case SCRIPT_ARMENIAN:
        u = (cap ? 0x0531 : 0x0561) + (gunichar)g_rand_int_range(r, 0, 38);
        break;
    case SCRIPT_ARABIC:
        u = chance(r, 0.5) ? 0x0627 + (gunichar)g_rand_int_range(r, 0, 20)
                           : 0x0641 + (gunichar)g_rand_int_range(r, 0, 10);
        break;
    default:
        if (!cap && chance(r, 0.08)) {
            g_string_append(out, PICK(r, latin_extra));
            return;
        }
        u = (cap ? 'A' : 'a') + (gunichar)g_rand_int_range(r, 0, 26);
        break;
    }
    g_string_append_unichar(out, u);
}

/* Appends text of exactly n characters (code points) in script s: words
 * of letters (now and then a long one, a number or an emoji), separated by
 * spaces, now and then a hyphen or (with commas) a comma. */
static void gen_text(GRand *r, GString *out, script s, long n, bool with_emoji, bool commas)
{
    long len = 0;
    while (len < n) {
        long rem = n - len;
        if (len > 0) {
            if (rem == 1) {
                append_letter(r, out, s == SCRIPT_MIXED ? SCRIPT_LATIN : s, false);
                return;
            }
            if (commas && rem >= 3 && chance(r, 0.06)) {
                g_string_append(out, ", ");
                len += 2;
            } else {
                g_string_append_c(out, chance(r, 0.05) ? '-' : ' ');
                len++;
            }
            rem = n - len;
        }
        if (with_emoji && chance(r, 0.12)) {
            const char *e = PICK(r, emoji);
            long el = g_utf8_strlen(e, -1);
            if (el <= rem) {
                g_string_append(out, e);
                len += el;
                continue;
            }
        }
        if (chance(r, 0.04)) {
            long d = MIN(rem, rint_in(r, 1, 4));
            for (long i = 0; i < d; i++)
                g_string_append_c(out, (char)('0' + g_rand_int_range(r, 0, 10)));
            len += d;
            continue;
        }
        script ws = s == SCRIPT_MIXED ? (script)g_rand_int_range(r, 0, 4) : s;
        long wl = chance(r, 0.05) ? rint_in(r, 15, 60) : rint_in(r, 1, 3) + rint_in(r, 0, 9);
        wl = MIN(wl, rem);
        for (long i = 0; i < wl; i++)
            append_letter(r, out, ws, i == 0 && ws != SCRIPT_ARABIC && chance(r, 0.3));
        len += wl;
    }
}

/* A new text of 1..max characters (short ones likelier). */
static char *gen_label(GRand *r, script s, long max, bool with_emoji, bool commas)
{
    long n;
    double u = g_rand_double(r);
    if (u < 0.4)
        n = rint_in(r, 1, (int)MIN(10, max));
    else if (u < 0.75)
        n = rint_in(r, 1, (int)MIN(40, max));
    else
        n = rint_in(r, 1, (int)max);
    GString *t = g_string_new(NULL);
    gen_text(r, t, s, n, with_emoji, commas);
    return g_string_free(t, FALSE);
}

static script gen_script(GRand *r)
{
    return (script)g_rand_int_range(r, 0, 5);
}

/* ---- numbers ----------------------------------------------------------------- */

typedef enum { VAL_MAGNITUDE, VAL_WIDE, VAL_INTS, VAL_DECIMALS } val_regime;

typedef struct val_gen {
    val_regime regime;
    int exp;        /* VAL_MAGNITUDE: the common exponent */
    double zeros;   /* chance of a 0 */
    double negatives; /* chance of a negative */
} val_gen;

static void gen_val_regime(GRand *r, val_gen *g, bool allow_negative)
{
    g->regime = (val_regime)g_rand_int_range(r, 0, 4);
    g->exp = rint_in(r, -6, 12);
    static const double zp[] = {0, 0, 0.1, 0.3};
    static const double np[] = {0, 0, 0.2, 0.5};
    g->zeros = zp[g_rand_int_range(r, 0, 4)];
    g->negatives = allow_negative ? np[g_rand_int_range(r, 0, 4)] : 0;
}

/* A value as the CSV writes it (new string); *v gets the double the program
 * reads (g_ascii_strtod, which its parser matches bit for bit). */
static char *gen_value(GRand *r, const val_gen *g, double *v)
{
    char buf[64], fmt[16];
    if (chance(r, g->zeros)) {
        *v = 0;
        return g_strdup("0");
    }
    bool neg = chance(r, g->negatives);
    switch (g->regime) {
    case VAL_INTS:
        g_snprintf(buf, sizeof buf, "%d", rint_in(r, 1, chance(r, 0.5) ? 100 : 100000));
        break;
    case VAL_DECIMALS:
        g_snprintf(buf, sizeof buf, "%d.%02d", rint_in(r, 0, 999), rint_in(r, 0, 99));
        break;
    default: {
        int e = g->regime == VAL_WIDE ? rint_in(r, -6, 12) : g->exp;
        int sig = rint_in(r, 1, 4);
        double m = 1 + g_rand_double(r) * 9;
        double q = pow(10, sig - 1);
        m = round(m * q) / q;
        if (m >= 10)
            m = 9.99;
        double x = m * pow(10, e);
        if (chance(r, 0.5)) {
            g_snprintf(fmt, sizeof fmt, "%%.%dg", sig);
        } else {
            int dec = MAX(0, sig - 1 - e);
            g_snprintf(fmt, sizeof fmt, "%%.%df", MIN(dec, 12));
        }
        g_ascii_formatd(buf, sizeof buf, fmt, x);
        break;
    }
    }
    char *s = neg ? g_strconcat("-", buf, NULL) : g_strdup(buf);
    *v = g_ascii_strtod(s, NULL);
    if (*v == 0) { /* "0.000" from a tiny value: keep it a plain zero */
        g_free(s);
        return g_strdup("0");
    }
    return s;
}

/* ---- files ------------------------------------------------------------------- */

static void csv_field(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

/* Writes the input file name of case c. */
static void write_file(gcase *c, const char *name, const char *text)
{
    g_autofree char *path = g_build_filename(c->dir, name, NULL);
    g_ptr_array_add(c->files, g_strdup(name));
    GError *err = NULL;
    if (!g_file_set_contents(path, text, -1, &err)) {
        fprintf(stderr, "gencheck: %s\n", err->message);
        exit(3);
    }
}

static void arg(gcase *c, const char *a)
{
    g_ptr_array_add(c->argv, g_strdup(a));
}

static void arg2(gcase *c, const char *a, const char *b)
{
    arg(c, a);
    arg(c, b);
}

/* ---- languages and number formats --------------------------------------------- */

static const char *const langs[] = {"en", "az", "ru", "ar", NULL};

/* render/lang.c's compact words: what follows a number divided by 1000,
 * 1000^2 … 1000^4; other languages are English. */
static const struct {
    const char *lang;
    const char *word[4];
} compact_words[] = {
    {"en", {"k", "M", "\u00a0bn", "\u00a0tn"}},
    {"az", {"\u00a0min", "\u00a0mln", "\u00a0mlrd", "\u00a0trln"}},
    {"ru", {"\u00a0тыс.", "\u00a0млн", "\u00a0млрд", "\u00a0трлн"}},
    {"ar", {"\u00a0ألف", "\u00a0مليون", "\u00a0مليار", "\u00a0تريليون"}},
};

/* render/lang.c's table: az and ru group with a no-break space and write a
 * decimal comma; ru writes "45 %"; other languages are English. */
static void lang_numfmt(const char *lang, numfmt *nf)
{
    bool azru = lang && (!strcmp(lang, "az") || !strcmp(lang, "ru"));
    g_strlcpy(nf->group, azru ? "\u00a0" : ",", sizeof nf->group);
    g_strlcpy(nf->decimal, azru ? "," : ".", sizeof nf->decimal);
    nf->percent_space = lang && !strcmp(lang, "ru");
    nf->compact = 0;
    for (int i = 0; lang && i < (int)G_N_ELEMENTS(compact_words); i++)
        if (!strcmp(lang, compact_words[i].lang))
            nf->compact = i;
}

/* render/lang.c's "no data" (a missing value's label), by the row of
 * compact_words. */
static const char *const no_data_words[] = {"no data", "məlumat yoxdur", "нет данных",
                                            "لا توجد بيانات"};

/* --number-format / number_format examples with their group and decimal. */
static const struct {
    const char *ex, *group, *decimal;
} numfmts[] = {{"1,275", ",", "."},          {"1 275", " ", "."},
               {"1.275,5", ".", ","},        {"1275", "", "."},
               {"1'275", "'", "."},          {"1\u202f275", "\u202f", "."},
               {"1\u00a0275,5", "\u00a0", ","}};

/* Picks the case's language and number format: sets c->nf; *lang (static
 * or NULL for none) and *ex (an example to pass, or NULL). */
static void gen_lang(GRand *r, gcase *c, const char **lang, const char **ex)
{
    *lang = langs[g_rand_int_range(r, 0, 5)]; /* NULL: no --lang, English */
    lang_numfmt(*lang, &c->nf);
    *ex = NULL;
    if (chance(r, 0.2)) {
        int k = g_rand_int_range(r, 0, (int)G_N_ELEMENTS(numfmts));
        *ex = numfmts[k].ex;
        g_strlcpy(c->nf.group, numfmts[k].group, sizeof c->nf.group);
        g_strlcpy(c->nf.decimal, numfmts[k].decimal, sizeof c->nf.decimal);
    }
}

static const char *const themes[] = {"light", "dark", "print-bw"};
static const char *const units[] = {"km", "people", "₼", "млн", "տոկոս", "كم", "t CO₂"};

/* ---- chart data --------------------------------------------------------------- */

/* Writes NAME.csv with a label column and ns series of n rows, each value
 * missing ("" or "n/a", for --missing ,n/a) with odds miss; returns the
 * data (its id set by the caller) and sets *value_arg to "s1,s2,…". */
/* Labels as dates (a line or area chart's time axis): none, monthly,
 * yearly or daily from a random start, in order or shuffled. */
typedef enum { DATES_NONE, DATES_MONTH, DATES_YEAR, DATES_DAY } date_kind;

static char *gen_date(GRand *r, date_kind k, int start, int i)
{
    (void)r;
    if (k == DATES_YEAR)
        return g_strdup_printf("%04d", start / 400 + i);
    if (k == DATES_MONTH) {
        int m = start + i;
        return g_strdup_printf("%04d-%02d", m / 12, m % 12 + 1);
    }
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_julian(&d, (guint32)start + (guint32)i);
    return g_strdup_printf("%04d-%02d-%02d", g_date_get_year(&d), g_date_get_month(&d),
                           g_date_get_day(&d));
}

static datum_set *gen_chart_csv(GRand *r, gcase *c, const char *name, int n, int ns,
                                chart_mode mode, date_kind dates, bool nonneg,
                                double miss, char **value_arg)
{
    datum_set *d = g_new0(datum_set, 1);
    d->nrows = (size_t)n, d->nseries = (size_t)ns, d->mode = mode;
    d->values = g_new0(double, (size_t)n * (size_t)ns);
    script s = gen_script(r);
    bool em = chance(r, 0.3);
    val_gen vg;
    gen_val_regime(r, &vg, !nonneg && (mode != MODE_PERCENT || chance(r, 0.1)));
    /* a start: a month number, a year * 400 or a julian day, 1900 to 2030 */
    int start = dates == DATES_MONTH   ? rint_in(r, 1900 * 12, 2030 * 12)
                : dates == DATES_YEAR  ? rint_in(r, 1900, 2030) * 400
                : dates == DATES_DAY   ? rint_in(r, 693596, 741000)
                                       : 0;
    bool shuffled = dates != DATES_NONE && chance(r, 0.2);
    d->dates = (int)dates, d->date_start = start;
    /* sometimes a family of names: one long unbroken word and a number, or
     * a long phrase, a space and a number ("The Ministry … of Region 7") */
    g_autofree char *family = NULL;
    const char *family_sep = "";
    if (dates == DATES_NONE && chance(r, 0.06)) {
        GString *w = g_string_new(NULL);
        script ws = s == SCRIPT_MIXED ? SCRIPT_LATIN : s;
        bool phrase = chance(r, 0.5);
        for (int i = 0, len = rint_in(r, 25, 70); i < len; i++) {
            if (phrase && i > 0 && chance(r, 0.15))
                g_string_append_c(w, ' ');
            append_letter(r, w, ws, i == 0 && ws != SCRIPT_ARABIC);
        }
        family = g_string_free(w, FALSE);
        family_sep = phrase ? " " : "";
    }
    GString *csv = g_string_new("label");
    GString *va = g_string_new(NULL);
    for (int k = 0; k < ns; k++) {
        g_autofree char *nm = gen_label(r, s, 24, em, false);
        g_autofree char *uniq = g_strdup_printf("%s %d", nm, k + 1);
        g_string_append_c(csv, ',');
        csv_field(csv, uniq);
        g_string_append_printf(va, "%s%s", k ? "," : "", uniq);
    }
    g_string_append_c(csv, '\n');
    for (int i = 0; i < n; i++) {
        int at = shuffled ? (i * 7919) % n : i;
        g_autofree char *label =
            dates != DATES_NONE ? gen_date(r, dates, start, at)
            : family            ? g_strdup_printf("%s%s%d", family, family_sep, i + 1)
                                : gen_label(r, s, 120, em, true);
        csv_field(csv, label);
        if (i == n / 2 && !strchr(label, ',') && !g_ascii_isspace(label[0]) &&
            !g_ascii_isspace(label[strlen(label) - 1]))
            d->a_label = g_strdup(label);
        for (int k = 0; k < ns; k++) {
            double *dv = &d->values[(size_t)i * (size_t)ns + (size_t)k];
            if (miss > 0 && chance(r, miss)) {
                *dv = NAN;
                g_string_append(csv, chance(r, 0.5) ? "," : ",n/a");
                continue;
            }
            g_autofree char *v = gen_value(r, &vg, dv);
            g_string_append_printf(csv, ",%s", v);
        }
        g_string_append_c(csv, '\n');
    }
    g_autofree char *file = g_strdup_printf("%s.csv", name);
    write_file(c, file, csv->str);
    g_string_free(csv, TRUE);
    *value_arg = g_string_free(va, FALSE);
    return d;
}

static int gen_rows(GRand *r, int max)
{
    double u = g_rand_double(r);
    int n = u < 0.5 ? rint_in(r, 1, 12) : u < 0.8 ? rint_in(r, 13, 30) : rint_in(r, 31, 60);
    return MIN(n, max);
}

static const char *const orients[] = {"horizontal", "vertical"};
static const char *const sorts[] = {"none", "asc", "desc"};
static const char *const modes[] = {"grouped", "stacked", "percent"};

/* Pages A5 to A3, portrait and landscape, in mm (w, h). */
static const int pages_mm[][2] = {{148, 210}, {210, 297}, {297, 420},
                                  {210, 148}, {297, 210}, {420, 297}};

/* A canvas between 400x300 and 3840x2160 px. */
static void gen_canvas(GRand *r, int *w, int *h)
{
    static const int common[][2] = {{400, 300}, {640, 480}, {960, 540}, {1280, 720},
                                    {1920, 1080}, {2560, 1440}, {3840, 2160}, {1080, 1080}};
    if (chance(r, 0.4)) {
        int k = g_rand_int_range(r, 0, (int)G_N_ELEMENTS(common));
        *w = common[k][0], *h = common[k][1];
    } else {
        *w = rint_in(r, 400, 3840), *h = rint_in(r, 300, 2160);
    }
}

static const char *const chart_types[] = {"bar", "line", "area"};
static const char *const marks[] = {"none", "last", "all"};

/* A line or area chart's type (1 line, 2 area; 0 bar, 65%), its mode and
 * whether its labels are dates. */
static int gen_chart_type(GRand *r, chart_mode *mode, date_kind *dates)
{
    int type = chance(r, 0.65) ? 0 : chance(r, 0.6) ? 1 : 2;
    *dates = DATES_NONE;
    if (type == 0)
        return 0;
    *mode = type == 2 && chance(r, 0.4) ? MODE_STACKED : MODE_GROUPED;
    if (chance(r, 0.7))
        *dates = (date_kind)rint_in(r, 1, 3);
    return type;
}

/* Annotations (drawn last, so the case before them is the seed's as it
 * was): a highlight of one category (bars) or series (lines), reference
 * lines inside the data's range. */
static void gen_annotations(GRand *r, gcase *c, const datum_set *d, int type, const char *values)
{
    if (chance(r, 0.3)) {
        g_auto(GStrv) names = g_strsplit(values, ",", -1);
        const char *name = type ? names[g_rand_int_range(r, 0, (gint32)g_strv_length(names))]
                                : d->a_label;
        if (name) {
            arg2(c, "--highlight", name);
            g_string_append(c->what, ", highlight");
        }
    }
    if (chance(r, 0.3) && d->mode != MODE_PERCENT) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < d->nrows * d->nseries; i++)
            if (isfinite(d->values[i]))
                lo = fmin(lo, d->values[i]), hi = fmax(hi, d->values[i]);
        if (!isfinite(lo))
            return;
        GString *ref = g_string_new(NULL);
        int nref = rint_in(r, 1, 2);
        for (int k = 0; k < nref; k++) {
            char v[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_formatd(v, sizeof v, "%.6g", lo + g_rand_double(r) * (hi - lo));
            g_string_append_printf(ref, "%s%s%s", k ? "; " : "", v,
                                   chance(r, 0.7) ? (k ? ": Stretch" : ": Target") : "");
        }
        arg2(c, "--reference", ref->str);
        g_string_append(c->what, ", reference");
        g_string_free(ref, TRUE);
    }
    /* bands on a time axis, their ends from before the first date to after
     * the last (cut at the plot), some covering it all */
    if (type != 0 && d->dates != DATES_NONE && chance(r, 0.3)) {
        static const char *const labels[] = {"", ": Recession", ": Q", ": A rather long band label",
                                             ": الركود"};
        GString *band = g_string_new(NULL);
        int n = (int)d->nrows, nb = rint_in(r, 1, 2);
        for (int k = 0; k < nb; k++) {
            int i0 = rint_in(r, -2, n - 1), i1 = chance(r, 0.2) ? n + 1 : rint_in(r, i0, n + 1);
            g_autofree char *a = gen_date(r, (date_kind)d->dates, d->date_start, i0);
            g_autofree char *z = gen_date(r, (date_kind)d->dates, d->date_start, i1);
            g_string_append_printf(band, "%s%s..%s%s", k ? "; " : "", a, z,
                                   labels[g_rand_int_range(r, 0, G_N_ELEMENTS(labels))]);
        }
        arg2(c, "--band", band->str);
        g_string_append(c->what, ", band");
        g_string_free(band, TRUE);
    }
    /* callouts at the middle label and, with dates, the first and last
     * (a label holding ':' or ';' cannot be named) */
    if (d->a_label && !strpbrk(d->a_label, ":;") && chance(r, 0.3)) {
        static const char *const texts[] = {
            "Record", "Lowest since 1990", "A rather long remark that wraps onto two lines",
            "ذروة الصادرات بعد الاتفاق", "Рекордный год для экспорта",
            "Sixty characters: a remark as long as a callout may ever be"};
        GString *co = g_string_new(NULL);
        g_string_append_printf(co, "%s: %s", d->a_label,
                               texts[g_rand_int_range(r, 0, G_N_ELEMENTS(texts))]);
        if (type != 0 && d->dates != DATES_NONE && chance(r, 0.5)) {
            int at = chance(r, 0.5) ? 0 : (int)d->nrows - 1;
            g_autofree char *when = gen_date(r, (date_kind)d->dates, d->date_start, at);
            g_string_append_printf(co, "; %s: %s", when,
                                   texts[g_rand_int_range(r, 0, G_N_ELEMENTS(texts))]);
        }
        arg2(c, "--callout", co->str);
        g_string_append(c->what, ", callout");
        g_string_free(co, TRUE);
    }
}

static void gen_chart_case(GRand *r, gcase *c)
{
    int n = gen_rows(r, 60);
    int ns = chance(r, 0.4) ? 1 : rint_in(r, 2, 6);
    chart_mode mode = (chart_mode)g_rand_int_range(r, 0, 3);
    date_kind dates;
    int type = gen_chart_type(r, &mode, &dates);
    g_autofree char *values = NULL;
    double miss = chance(r, 0.15) ? 0.2 : 0;
    datum_set *d = gen_chart_csv(r, c, "data", n, ns, mode, dates,
                                 type != 0 && mode == MODE_STACKED, miss, &values);
    /* a line's value labels are its values, stacked or not */
    if (type != 0)
        d->mode = MODE_GROUPED;
    g_ptr_array_add(c->sets, d);
    g_autofree char *csv = g_build_filename(c->dir, "data.csv", NULL);
    arg2(c, "chart", csv);
    if (miss > 0)
        arg2(c, "--missing", ",n/a");
    arg2(c, "--label", "label");
    arg2(c, "--value", values);
    script s = gen_script(r);
    bool em = chance(r, 0.3);
    const char *keys[] = {"--title", "--subtitle", "--source", "--note"};
    const double odds[] = {0.7, 0.3, 0.5, 0.2};
    for (int k = 0; k < 4; k++) {
        if (chance(r, odds[k])) {
            g_autofree char *t = gen_label(r, s, k == 0 ? 80 : 160, em, true);
            arg2(c, keys[k], t);
        }
    }
    const char *orient = type ? chart_types[type] : PICK(r, orients);
    if (type) {
        arg2(c, "--type", chart_types[type]);
        arg2(c, "--markers", PICK(r, marks));
        arg2(c, "--labels", PICK(r, marks));
    } else {
        arg2(c, "--orientation", orient);
        arg2(c, "--sort", PICK(r, sorts));
    }
    arg2(c, "--mode", modes[mode]);
    const char *theme = PICK(r, themes);
    arg2(c, "--theme", theme);
    const char *lang, *ex;
    gen_lang(r, c, &lang, &ex);
    if (lang)
        arg2(c, "--lang", lang);
    if (ex)
        arg2(c, "--number-format", ex);
    if (chance(r, 0.2)) {
        d->unit = g_strdup(PICK(r, units));
        arg2(c, "--unit", d->unit);
    }
    /* the output: PNG, SVG, PDF or the dump alone */
    int fmt = g_rand_int_range(r, 0, 4);
    char size[32];
    double scale = 1;
    if (fmt == 2) {
        const int *p = pages_mm[g_rand_int_range(r, 0, 6)];
        g_snprintf(size, sizeof size, "%dx%dmm", p[0], p[1]);
        c->sheet_print = true;
    } else {
        int w, h;
        gen_canvas(r, &w, &h);
        g_snprintf(size, sizeof size, "%dx%d", w, h);
        scale = rint_in(r, 2, 12) / 4.0;
        /* keep a PNG under 8.3 Mpx (4K at 1x), for time */
        double most = sqrt(8.3e6 / ((double)w * h));
        if (scale > most)
            scale = fmax(0.5, floor(most * 4) / 4);
    }
    arg2(c, "--size", size);
    static const char *const ext[] = {"png", "svg", "pdf"};
    if (fmt < 3) {
        g_autofree char *name = g_strdup_printf("chart.%s", ext[fmt]);
        g_autofree char *out = g_build_filename(c->dir, name, NULL);
        arg2(c, "-o", out);
        if (fmt == 0) {
            char sc[16];
            g_ascii_formatd(sc, sizeof sc, "%g", scale);
            arg2(c, "--scale", sc);
        }
    }
    arg(c, "--dump-layout");
    g_string_append_printf(c->what, "chart %d rows x %d series, %s, %s, %s, %s, %s, %s", n, ns,
                           modes[mode], orient, theme, lang ? lang : "no lang", size,
                           fmt < 3 ? ext[fmt] : "dump only");
    gen_annotations(r, c, d, type, values);
}

/* ---- report data -------------------------------------------------------------- */

/* A spec value: one line, no backslash; `;` only between items. */
static char *spec_text(GRand *r, script s, long max, bool em)
{
    return gen_label(r, s, max, em, true);
}

/* An SVG picture named name in c's folder: a rectangle and a circle in a
 * viewBox of any shape, from a sliver to a square. */
static void gen_svg(GRand *r, gcase *c, const char *name)
{
    int w = rint_in(r, 1, 2000), h = chance(r, 0.2) ? rint_in(r, 1, 2000) : rint_in(r, 50, 800);
    g_autofree char *svg = g_strdup_printf(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\">\n"
        "<rect width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n"
        "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#%06x\"/>\n</svg>\n",
        w, h, w, h, g_rand_int_range(r, 0, 0xffffff), w / 2, h / 2, MIN(w, h) / 3,
        g_rand_int_range(r, 0, 0xffffff));
    write_file(c, name, svg);
}

static void gen_report_case(GRand *r, gcase *c)
{
    c->sheet_print = true;
    script s = gen_script(r);
    bool em = chance(r, 0.25);
    GString *ini = g_string_new("[report]\nname = gen\n");
    g_autofree char *title = spec_text(r, s, 80, em);
    g_string_append_printf(ini, "title = %s\n", title);
    if (chance(r, 0.5)) {
        g_autofree char *t = spec_text(r, s, 160, em);
        g_string_append_printf(ini, "subtitle = %s\n", t);
    }
    if (chance(r, 0.6)) {
        g_autofree char *t = spec_text(r, s, 120, em);
        g_string_append_printf(ini, "source = %s\n", t);
    }
    if (chance(r, 0.3)) {
        g_autofree char *t = spec_text(r, s, 160, em);
        g_string_append_printf(ini, "note = %s\n", t);
    }
    if (chance(r, 0.5))
        g_string_append_printf(ini, "date = %04d-%02d-%02d\n", rint_in(r, 1900, 2030),
                               rint_in(r, 1, 12), rint_in(r, 1, 28));
    const int *p = pages_mm[g_rand_int_range(r, 0, 6)];
    g_string_append_printf(ini, "page = %dx%dmm\n", p[0], p[1]);
    int columns = chance(r, 0.8) ? 12 : rint_in(r, 1, 24);
    g_string_append_printf(ini, "columns = %d\n", columns);
    int sw, sh;
    gen_canvas(r, &sw, &sh);
    g_string_append_printf(ini, "slide_size = %dx%d\n", sw, sh);
    const char *lang, *ex;
    gen_lang(r, c, &lang, &ex);
    if (ex)
        g_string_append_printf(ini, "number_format = %s\n", ex);
    if (chance(r, 0.3)) {
        gen_svg(r, c, "logo.svg");
        g_string_append(ini, "logo = logo.svg\n");
    }
    const char *theme = PICK(r, themes);
    bool theme_opt = chance(r, 0.5);
    if (!theme_opt)
        g_string_append_printf(ini, "theme = %s\n", theme);

    int np = rint_in(r, 1, 6);
    GString *types = g_string_new(NULL);
    /* a table panel after the others, from its own generator tr: the other
     * panels of a seed and what follows stay as they were before tables */
    GRand *copy = g_rand_copy(r), *own = r;
    GRand *tr = g_rand_new_with_seed(g_rand_int(copy) ^ 0x7ab1e5u);
    g_rand_free(copy);
    bool tables = g_rand_double(tr) < 0.35;
    for (int i = 0; i < np + (tables ? 1 : 0); i++) {
        if (i == np)
            r = tr;
        static const char *const kinds[] = {"bar",   "stat",  "pictogram", "timeline", "text",
                                            "image", "donut", "line",      "area",     "table"};
        int kind = i == np ? 9 : g_rand_int_range(r, 0, 9);
        char id[16];
        g_snprintf(id, sizeof id, "p%d", i + 1);
        g_string_append_printf(types, "%s%s", i ? "," : "", kinds[kind]);
        g_string_append_printf(ini, "\n[panel %s]\ntype = %s\n", id, kinds[kind]);
        if (chance(r, 0.7))
            g_string_append_printf(ini, "span = %d\n", rint_in(r, 1, columns));
        if (chance(r, 0.8)) {
            g_autofree char *t = spec_text(r, s, 60, em);
            g_string_append_printf(ini, "title = %s\n", t);
        }
        if (chance(r, 0.3)) {
            g_autofree char *t = spec_text(r, s, 100, em);
            g_string_append_printf(ini, "subtitle = %s\n", t);
        }
        if (chance(r, 0.2)) {
            g_autofree char *t = spec_text(r, s, 120, em);
            g_string_append_printf(ini, "note = %s\n", t);
        }
        char *unit = NULL;
        if ((kind == 0 || kind == 1 || kind == 7 || kind == 8) && chance(r, 0.2)) {
            unit = g_strdup(PICK(r, units));
            g_string_append_printf(ini, "unit = %s\n", unit);
        }
        switch (kind) {
        case 0: { /* bar */
            int n = gen_rows(r, chance(r, 0.7) ? 12 : 60);
            int ns = chance(r, 0.5) ? 1 : rint_in(r, 2, 6);
            chart_mode mode = (chart_mode)g_rand_int_range(r, 0, 3);
            g_autofree char *values = NULL;
            double miss = chance(r, 0.15) ? 0.2 : 0;
            datum_set *d = gen_chart_csv(r, c, id, n, ns, mode, DATES_NONE, false, miss, &values);
            d->id = g_strdup(id);
            d->unit = unit;
            g_ptr_array_add(c->sets, d);
            g_string_append_printf(ini, "data = %s.csv\nlabel = label\nvalue = %s\n", id, values);
            if (miss > 0)
                g_string_append(ini, "missing = , n/a\n");
            g_string_append_printf(ini, "orientation = %s\nsort = %s\nmode = %s\n",
                                   PICK(r, orients), PICK(r, sorts), modes[mode]);
            break;
        }
        case 1: { /* stat */
            val_gen vg;
            gen_val_regime(r, &vg, true);
            datum_set *d = g_new0(datum_set, 1);
            d->id = g_strdup(id), d->stat = true, d->nrows = 1, d->nseries = 1;
            d->values = g_new0(double, 1);
            d->unit = unit;
            g_autofree char *v = gen_value(r, &vg, &d->values[0]);
            g_ptr_array_add(c->sets, d);
            g_autofree char *cap = spec_text(r, s, 60, em);
            g_string_append_printf(ini, "value = %s\ncaption = %s\n", v, cap);
            if (chance(r, 0.5)) {
                g_autofree char *t = spec_text(r, s, 120, em);
                g_string_append_printf(ini, "compare = %s\n", t);
            }
            break;
        }
        case 2: { /* pictogram */
            int n = rint_in(r, 1, 6);
            GString *csv = g_string_new("label,value\n");
            long total = 0;
            for (int k = 0; k < n; k++) {
                g_autofree char *l = gen_label(r, s, 60, em, true);
                int v = chance(r, 0.1) ? 0 : rint_in(r, 1, chance(r, 0.5) ? 50 : 5000);
                total += v;
                csv_field(csv, l);
                g_string_append_printf(csv, ",%d\n", v);
            }
            g_autofree char *file = g_strdup_printf("%s.csv", id);
            write_file(c, file, csv->str);
            g_string_free(csv, TRUE);
            /* one to a few hundred icons */
            double per = fmax(1, ceil((double)total / rint_in(r, 5, 300)));
            g_autofree char *pu = spec_text(r, s, 20, em);
            g_string_append_printf(ini, "data = %s\nlabel = label\nvalue = value\nper = %.0f\n"
                                        "icon = %s\nper_unit = %s\n",
                                   file, per,
                                   (const char *[]){"person", "house", "square", "circle"}
                                       [g_rand_int_range(r, 0, 4)],
                                   pu);
            break;
        }
        case 3: { /* timeline */
            int n = rint_in(r, 1, 12);
            GString *csv = g_string_new("date,event\n");
            for (int k = 0; k < n; k++) {
                int y = rint_in(r, 1900, 2030), form = g_rand_int_range(r, 0, 3);
                if (form == 0)
                    g_string_append_printf(csv, "%d,", y);
                else if (form == 1)
                    g_string_append_printf(csv, "%d-%02d,", y, rint_in(r, 1, 12));
                else
                    g_string_append_printf(csv, "%d-%02d-%02d,", y, rint_in(r, 1, 12),
                                           rint_in(r, 1, 28));
                g_autofree char *e = gen_label(r, s, 100, em, true);
                csv_field(csv, e);
                g_string_append_c(csv, '\n');
            }
            g_autofree char *file = g_strdup_printf("%s.csv", id);
            write_file(c, file, csv->str);
            g_string_free(csv, TRUE);
            g_string_append_printf(ini, "data = %s\n", file);
            break;
        }
        case 5: { /* image: an SVG of any shape (PNG: the render tests) */
            g_autofree char *file = g_strdup_printf("%s.svg", id);
            gen_svg(r, c, file);
            g_autofree char *alt = spec_text(r, s, 120, em);
            g_string_append_printf(ini, "file = %s\nalt = %s\n", file, alt);
            if (chance(r, 0.6)) {
                g_autofree char *t = spec_text(r, s, 120, em);
                g_string_append_printf(ini, "caption = %s\n", t);
            }
            break;
        }
        case 6: { /* donut: 2 to 6 parts, some 0, tiny or huge beside the rest */
            int n = rint_in(r, 2, 6);
            datum_set *d = g_new0(datum_set, 1);
            d->id = g_strdup(id), d->donut = true, d->nrows = (size_t)n, d->nseries = 1;
            d->values = g_new0(double, n);
            GString *csv = g_string_new("label,value\n");
            double total = 0;
            for (int k = 0; k < n; k++) {
                g_autofree char *l = gen_label(r, s, 60, em, true);
                double v = chance(r, 0.1) ? 0
                           : chance(r, 0.2) ? g_rand_double_range(r, 0.001, 1)
                                            : (double)rint_in(r, 1, chance(r, 0.5) ? 100 : 100000);
                if (k == n - 1 && total == 0 && v == 0)
                    v = 1;
                total += v;
                d->values[k] = v;
                csv_field(csv, l);
                g_string_append_printf(csv, ",%.17g\n", v);
            }
            g_ptr_array_add(c->sets, d);
            g_autofree char *file = g_strdup_printf("%s.csv", id);
            write_file(c, file, csv->str);
            g_string_free(csv, TRUE);
            g_string_append_printf(ini, "data = %s\nlabel = label\nvalue = value\n", file);
            if (chance(r, 0.3))
                g_string_append_printf(ini, "decimals = %d\n", rint_in(r, 0, 3));
            break;
        }
        case 7:
        case 8: { /* line, area */
            int n = gen_rows(r, chance(r, 0.7) ? 24 : 60);
            int ns = chance(r, 0.5) ? 1 : rint_in(r, 2, 5);
            chart_mode mode = kind == 8 && chance(r, 0.4) ? MODE_STACKED : MODE_GROUPED;
            date_kind dates = chance(r, 0.7) ? (date_kind)rint_in(r, 1, 3) : DATES_NONE;
            g_autofree char *values = NULL;
            datum_set *d = gen_chart_csv(r, c, id, n, ns, mode, dates, mode == MODE_STACKED,
                                         0, &values);
            d->mode = MODE_GROUPED;
            d->id = g_strdup(id);
            d->unit = unit;
            g_ptr_array_add(c->sets, d);
            g_string_append_printf(ini, "data = %s.csv\nlabel = label\nvalue = %s\n", id, values);
            g_string_append_printf(ini, "mode = %s\nmarkers = %s\nlabels = %s\n", modes[mode],
                                   PICK(r, marks), PICK(r, marks));
            break;
        }
        case 9: { /* table: a label column, maybe a text column, 1-3 number columns */
            int n = rint_in(r, 1, chance(r, 0.8) ? 14 : 90), nnum = rint_in(r, 1, 3);
            bool text = chance(r, 0.4);
            GString *csv = g_string_new("name");
            if (text)
                g_string_append(csv, ",about");
            for (int k = 0; k < nnum; k++)
                g_string_append_printf(csv, ",n%d", k + 1);
            g_string_append_c(csv, '\n');
            val_gen vg[3];
            for (int k = 0; k < nnum; k++)
                gen_val_regime(r, &vg[k], true);
            for (int row = 0; row < n; row++) {
                g_autofree char *l = gen_label(r, s, 40, em, true);
                csv_field(csv, l);
                if (text) {
                    GString *t = g_string_new(NULL);
                    gen_text(r, t, s, rint_in(r, 1, 90), em, true);
                    g_string_append_c(csv, ',');
                    csv_field(csv, t->str);
                    g_string_free(t, TRUE);
                }
                for (int k = 0; k < nnum; k++) {
                    double v;
                    g_autofree char *vs = gen_value(r, &vg[k], &v);
                    g_string_append_printf(csv, ",%s", vs);
                }
                g_string_append_c(csv, '\n');
            }
            g_autofree char *file = g_strdup_printf("%s.csv", id);
            write_file(c, file, csv->str);
            g_string_free(csv, TRUE);
            g_string_append_printf(ini, "data = %s\n", file);
            if (chance(r, 0.5))
                g_string_append_printf(ini, "bar_column = n%d\n", rint_in(r, 1, nnum));
            if (chance(r, 0.4)) {
                g_string_append(ini, "header = ");
                for (int k = 0; k < nnum + 1 + text; k++) {
                    g_autofree char *t = gen_label(r, s, 24, em, false);
                    g_string_append_printf(ini, "%s%s", k ? ";" : "", t);
                }
                g_string_append_c(ini, '\n');
            }
            break;
        }
        default: { /* text */
            bool any = false;
            if (chance(r, 0.7)) {
                GString *t = g_string_new(NULL);
                int paras = rint_in(r, 1, 3);
                for (int k = 0; k < paras; k++) {
                    if (k)
                        g_string_append(t, "\\n");
                    gen_text(r, t, s, rint_in(r, 1, 400), em, true);
                }
                g_string_append_printf(ini, "text = %s\n", t->str);
                g_string_free(t, TRUE);
                any = true;
            }
            if (!any || chance(r, 0.4)) {
                int items = rint_in(r, 1, 8);
                g_string_append(ini, "items = ");
                for (int k = 0; k < items; k++) {
                    g_autofree char *t = gen_label(r, s, 80, em, true);
                    g_string_append_printf(ini, "%s%s", k ? ";" : "", t);
                }
                g_string_append_c(ini, '\n');
            }
            break;
        }
        }
        if (kind > 1 && kind < 5)
            g_free(unit);
    }
    r = own;
    g_rand_free(tr);
    np += tables;
    write_file(c, "report.ini", ini->str);
    g_string_free(ini, TRUE);
    g_autofree char *spec = g_build_filename(c->dir, "report.ini", NULL);
    g_autofree char *out = g_build_filename(c->dir, "out", NULL);
    arg2(c, "render", spec);
    if (lang)
        arg2(c, "--lang", lang);
    if (theme_opt)
        arg2(c, "--theme", theme);
    arg2(c, "-o", out);
    /* slides as SVG (PNG costs more time and lays out the same); now and then PNG */
    arg2(c, "--format", chance(r, 0.15) ? "pdf,png" : "pdf,svg");
    arg(c, "--dump-layout");
    g_string_append_printf(c->what, "report %d panels (%s), %dx%dmm, %d columns, slides %dx%d, %s, %s",
                           np, types->str, p[0], p[1], columns, sw, sh, theme,
                           lang ? lang : "no lang");
    g_string_free(types, TRUE);
}

/* The case of seed in dir (which exists). */
static gcase *gen_case(guint32 seed, const char *dir, const char *bin)
{
    gcase *c = g_new0(gcase, 1);
    c->seed = seed;
    c->name = g_strdup_printf("seed %u", seed);
    c->dir = g_strdup(dir);
    c->argv = g_ptr_array_new_with_free_func(g_free);
    c->sets = g_ptr_array_new_with_free_func(datum_set_free);
    c->files = g_ptr_array_new_with_free_func(g_free);
    c->what = g_string_new(NULL);
    GRand *r = g_rand_new_with_seed(seed);
    arg(c, bin);
    c->report = chance(r, 0.25);
    if (c->report)
        gen_report_case(r, c);
    else
        gen_chart_case(r, c);
    g_ptr_array_add(c->argv, NULL);
    g_rand_free(r);
    return c;
}

/* ---- kept cases ----------------------------------------------------------------- */

/* A case kept as files (--keep) can be replayed without its seed (--replay),
 * so a bug found by a seed stays a fixed case when the generator changes:
 * DIR/case.ini holds the command (the folder written as {DIR}), the number
 * format, the data every value label is read against, and the input files;
 * the rest of DIR is those files. */

static const char *const mode_names[] = {"grouped", "stacked", "percent"};

static void save_case(const gcase *c)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_key_file_set_uint64(kf, "case", "seed", c->seed);
    g_key_file_set_boolean(kf, "case", "report", c->report);
    g_key_file_set_string(kf, "case", "what", c->what->str);
    GPtrArray *av = g_ptr_array_new_with_free_func(g_free);
    size_t dl = strlen(c->dir);
    for (guint i = 1; i + 1 < c->argv->len; i++) {
        const char *a = g_ptr_array_index(c->argv, i);
        g_ptr_array_add(av, strncmp(a, c->dir, dl) == 0 ? g_strconcat("{DIR}", a + dl, NULL)
                                                         : g_strdup(a));
    }
    g_key_file_set_string_list(kf, "case", "args", (const char *const *)av->pdata, av->len);
    g_ptr_array_free(av, TRUE);
    g_key_file_set_string_list(kf, "case", "files", (const char *const *)c->files->pdata,
                               c->files->len);
    g_key_file_set_string(kf, "case", "group", c->nf.group);
    g_key_file_set_string(kf, "case", "decimal", c->nf.decimal);
    g_key_file_set_boolean(kf, "case", "percent_space", c->nf.percent_space);
    g_key_file_set_boolean(kf, "case", "sheet_print", c->sheet_print);
    for (guint i = 0; i < c->sets->len; i++) {
        const datum_set *d = g_ptr_array_index(c->sets, i);
        g_autofree char *g = g_strdup_printf("set %u", i + 1);
        if (d->id)
            g_key_file_set_string(kf, g, "id", d->id);
        g_key_file_set_boolean(kf, g, "stat", d->stat);
        if (d->donut)
            g_key_file_set_boolean(kf, g, "donut", true);
        g_key_file_set_uint64(kf, g, "series", d->nseries);
        g_key_file_set_string(kf, g, "mode", mode_names[d->mode]);
        if (d->unit)
            g_key_file_set_string(kf, g, "unit", d->unit);
        g_key_file_set_double_list(kf, g, "values", d->values, d->nrows * d->nseries);
    }
    g_autofree char *path = g_build_filename(c->dir, "case.ini", NULL);
    GError *err = NULL;
    if (!g_key_file_save_to_file(kf, path, &err)) {
        fprintf(stderr, "gencheck: %s\n", err->message);
        exit(3);
    }
}

/* Loads the case kept in src into a copy of its inputs in dir; NULL after
 * a message. */
static gcase *load_case(const char *src, const char *dir, const char *bin)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_autofree char *path = g_build_filename(src, "case.ini", NULL);
    GError *err = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &err)) {
        fprintf(stderr, "gencheck: %s: %s\n", path, err->message);
        g_error_free(err);
        return NULL;
    }
    g_auto(GStrv) args = g_key_file_get_string_list(kf, "case", "args", NULL, NULL);
    g_auto(GStrv) files = g_key_file_get_string_list(kf, "case", "files", NULL, NULL);
    g_autofree char *group = g_key_file_get_string(kf, "case", "group", NULL);
    g_autofree char *decimal = g_key_file_get_string(kf, "case", "decimal", NULL);
    g_autofree char *what = g_key_file_get_string(kf, "case", "what", NULL);
    if (!args || !files || !group || !decimal) {
        fprintf(stderr, "gencheck: %s: not a kept case (args, files, group, decimal)\n", path);
        return NULL;
    }
    for (char **f = files; *f; f++) {
        g_autofree char *from = g_build_filename(src, *f, NULL);
        g_autofree char *to = g_build_filename(dir, *f, NULL);
        char *text;
        gsize len;
        if (!g_file_get_contents(from, &text, &len, &err) ||
            !g_file_set_contents(to, text, (gssize)len, &err)) {
            fprintf(stderr, "gencheck: %s\n", err->message);
            g_error_free(err);
            return NULL;
        }
        g_free(text);
    }
    gcase *c = g_new0(gcase, 1);
    c->files = g_ptr_array_new_with_free_func(g_free);
    for (char **f = files; *f; f++)
        g_ptr_array_add(c->files, g_strdup(*f));
    c->seed = (guint32)g_key_file_get_uint64(kf, "case", "seed", NULL);
    c->name = g_strdup_printf("case %s", src);
    c->report = g_key_file_get_boolean(kf, "case", "report", NULL);
    c->dir = g_strdup(dir);
    c->argv = g_ptr_array_new_with_free_func(g_free);
    c->sets = g_ptr_array_new_with_free_func(datum_set_free);
    c->what = g_string_new(what ? what : "");
    g_strlcpy(c->nf.group, group, sizeof c->nf.group);
    g_strlcpy(c->nf.decimal, decimal, sizeof c->nf.decimal);
    c->nf.percent_space = g_key_file_get_boolean(kf, "case", "percent_space", NULL);
    c->sheet_print = g_key_file_get_boolean(kf, "case", "sheet_print", NULL);
    arg(c, bin);
    for (char **a = args; *a; a++) {
        if (g_str_has_prefix(*a, "{DIR}"))
            g_ptr_array_add(c->argv, g_strconcat(dir, *a + 5, NULL));
        else
            arg(c, *a);
    }
    g_ptr_array_add(c->argv, NULL);
    /* the compact words: the language the command asks for */
    numfmt by_lang;
    lang_numfmt(NULL, &by_lang);
    for (guint i = 1; i + 2 < c->argv->len; i++)
        if (!strcmp(g_ptr_array_index(c->argv, i), "--lang"))
            lang_numfmt(g_ptr_array_index(c->argv, i + 1), &by_lang);
    c->nf.compact = by_lang.compact;
    for (unsigned i = 1;; i++) {
        g_autofree char *g = g_strdup_printf("set %u", i);
        if (!g_key_file_has_group(kf, g))
            break;
        datum_set *d = g_new0(datum_set, 1);
        d->id = g_key_file_get_string(kf, g, "id", NULL);
        d->stat = g_key_file_get_boolean(kf, g, "stat", NULL);
        d->donut = g_key_file_get_boolean(kf, g, "donut", NULL);
        d->nseries = MAX(1, (size_t)g_key_file_get_uint64(kf, g, "series", NULL));
        g_autofree char *mode = g_key_file_get_string(kf, g, "mode", NULL);
        for (int m = 0; m < 3; m++)
            if (mode && !strcmp(mode, mode_names[m]))
                d->mode = (chart_mode)m;
        d->unit = g_key_file_get_string(kf, g, "unit", NULL);
        gsize n = 0;
        d->values = g_key_file_get_double_list(kf, g, "values", &n, NULL);
        d->nrows = n / d->nseries;
        g_ptr_array_add(c->sets, d);
    }
    return c;
}

/* The command line, shell-quoted, with the case's folder written as dir. */
static char *command_line(const gcase *c, const char *dir)
{
    GString *s = g_string_new(NULL);
    size_t dl = strlen(c->dir);
    for (guint i = 0; i + 1 < c->argv->len; i++) {
        const char *a = g_ptr_array_index(c->argv, i);
        g_autofree char *shown = NULL;
        if (dir && strncmp(a, c->dir, dl) == 0)
            shown = g_strconcat(dir, a + dl, NULL);
        g_autofree char *q = g_shell_quote(shown ? shown : a);
        /* plain words need no quotes */
        bool plain = true;
        for (const char *p = shown ? shown : a; *p; p++)
            if (!g_ascii_isalnum(*p) && !strchr("-_./,=:+", *p))
                plain = false;
        g_string_append_printf(s, "%s%s", i ? " " : "", plain ? (shown ? shown : a) : q);
    }
    return g_string_free(s, FALSE);
}

/* ---- reading the dump ---------------------------------------------------------- */

typedef struct item {
    char kind;  /* 't' text, 'r' rect, 'l' line, 'i' icon, 'p' path */
    char role[64];
    double x, y, w, h; /* a box with w, h >= 0 */
    double ends[4];    /* a line: x0, y0, x1, y1 as drawn */
    char *text;        /* text: unescaped (owned) */
    bool cut;          /* text: the dump shortened it ("…" added) */
    double size;
    int lines;
    int breaks[64];
    int nbreaks;
    bool wordwider;
    bool ellipsized; /* text: a word too wide for the box shortened with "…" */
    char *shown;     /* text cut short by Pango: what shows (owned), else NULL */
    const char *line; /* the dump line (borrowed) */
    int panel;        /* index into the page's panels, -1 none */
} item;

typedef struct panel_box {
    char id[80];
    double x, y, w, h;
    const char *line;
} panel_box;

typedef struct page {
    double w, h;
    bool slide;
    char slide_id[80];
    GArray *items;  /* item */
    GArray *panels; /* panel_box */
} page;

static void item_clear(gpointer p)
{
    g_free(((item *)p)->text);
    g_free(((item *)p)->shown);
}

static void page_free(gpointer p)
{
    page *pg = p;
    g_array_free(pg->items, TRUE);
    g_array_free(pg->panels, TRUE);
    g_free(pg);
}

/* Reads the quoted text at *p (past the opening quote) into out, undoing
 * fs_diag_quote's escapes; *p ends past the closing quote. */
static bool unquote(const char **p, GString *out, bool *cut)
{
    const char *s = *p;
    while (*s && *s != '"') {
        if (*s == '\\') {
            s++;
            switch (*s) {
            case 'n': g_string_append_c(out, '\n'); s++; break;
            case 'r': g_string_append_c(out, '\r'); s++; break;
            case 't': g_string_append_c(out, '\t'); s++; break;
            case '"': case '\\': g_string_append_c(out, *s); s++; break;
            case 'x': {
                char hex[3] = {s[1], s[2], 0};
                g_string_append_c(out, (char)strtol(hex, NULL, 16));
                s += 3;
                break;
            }
            case 'u': {
                char hex[5] = {s[1], s[2], s[3], s[4], 0};
                g_string_append_unichar(out, (gunichar)strtol(hex, NULL, 16));
                s += 5;
                break;
            }
            default:
                return false;
            }
        } else {
            g_string_append_c(out, *s++);
        }
    }
    if (*s != '"')
        return false;
    *cut = g_str_has_suffix(out->str, "…");
    *p = s + 1;
    return true;
}

/* Parses the dump into pages; returns NULL and sets *bad to the first line
 * it cannot read. */
static GPtrArray *parse_dump(char *dump, const char **bad)
{
    GPtrArray *pages = g_ptr_array_new_with_free_func(page_free);
    page *pg = NULL;
    bool in_slide = false;
    char slide_id[80] = "";
    int panel_left = 0, cur_panel = -1;
    const char *bad_line = NULL;
    for (char *line = dump, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        bad_line = line;
        double a, b, cc, d;
        if (!strncmp(line, "slide ", 6)) {
            in_slide = true;
            g_strlcpy(slide_id, line + 6, sizeof slide_id);
            continue;
        }
        if (sscanf(line, "page %*d %lf %lf", &a, &b) == 2) {
            pg = g_new0(page, 1);
            pg->w = a, pg->h = b, pg->slide = in_slide;
            g_strlcpy(pg->slide_id, slide_id, sizeof pg->slide_id);
            pg->items = g_array_new(FALSE, TRUE, sizeof(item));
            g_array_set_clear_func(pg->items, item_clear);
            pg->panels = g_array_new(FALSE, TRUE, sizeof(panel_box));
            g_ptr_array_add(pages, pg);
            panel_left = 0, cur_panel = -1;
            continue;
        }
        if (!pg)
            goto fail;
        if (!strncmp(line, "panel ", 6)) {
            panel_box pb = {.line = line};
            int n;
            if (sscanf(line, "panel %79s %lf %lf %lf %lf items=%d", pb.id, &pb.x, &pb.y, &pb.w,
                       &pb.h, &n) != 6)
                goto fail;
            g_array_append_val(pg->panels, pb);
            cur_panel = (int)pg->panels->len - 1, panel_left = n;
            continue;
        }
        item it = {.line = line, .panel = -1};
        char kind[8];
        int used = 0;
        if (sscanf(line, "%7s %63s %lf %lf %lf %lf %n", kind, it.role, &a, &b, &cc, &d, &used) < 6)
            goto fail;
        if (!isfinite(a) || !isfinite(b) || !isfinite(cc) || !isfinite(d))
            goto fail;
        if (!strcmp(kind, "line")) {
            it.kind = 'l';
            it.x = fmin(a, cc), it.y = fmin(b, d), it.w = fabs(cc - a), it.h = fabs(d - b);
            it.ends[0] = a, it.ends[1] = b, it.ends[2] = cc, it.ends[3] = d;
        } else {
            it.kind = kind[0];
            it.x = cc < 0 ? a + cc : a, it.y = d < 0 ? b + d : b, it.w = fabs(cc), it.h = fabs(d);
        }
        if (it.kind == 't') {
            const char *p = line + used;
            if (*p != '"')
                goto fail;
            p++;
            GString *t = g_string_new(NULL);
            if (!unquote(&p, t, &it.cut)) {
                g_string_free(t, TRUE);
                goto fail;
            }
            it.text = g_string_free(t, FALSE);
            int n = 0;
            if (sscanf(p, " size=%lf lines=%d%n", &it.size, &it.lines, &n) != 2) {
                g_free(it.text);
                goto fail;
            }
            p += n;
            if (!strncmp(p, " breaks=", 8)) {
                p += 8;
                while (g_ascii_isdigit(*p)) {
                    long v = strtol(p, (char **)&p, 10);
                    if (it.nbreaks < 64)
                        it.breaks[it.nbreaks++] = (int)v;
                    if (*p == ',')
                        p++;
                }
            }
            it.wordwider = strstr(p, " wordwider") != NULL;
            it.ellipsized = strstr(p, " ellipsized") != NULL;
            const char *sh = strstr(p, " shown=\"");
            if (sh) {
                bool cut;
                sh += 8;
                GString *st = g_string_new(NULL);
                if (!unquote(&sh, st, &cut)) {
                    g_string_free(st, TRUE);
                    g_free(it.text);
                    goto fail;
                }
                it.shown = g_string_free(st, FALSE);
            }
        } else if (!strchr("rilsp", it.kind)) { /* image: 'i', slice: 's', path: 'p' */
            goto fail;
        }
        if (panel_left > 0) {
            it.panel = cur_panel;
            panel_left--;
        }
        g_array_append_val(pg->items, it);
    }
    return pages;
fail:
    *bad = bad_line;
    g_ptr_array_free(pages, TRUE);
    return NULL;
}

/* ---- checking ------------------------------------------------------------------ */

typedef struct verdict {
    unsigned count[INV_COUNT]; /* violations of each invariant */
    GString *out;              /* the lines to print */
    unsigned shown[INV_COUNT];
    bool refused;
    char *refusal; /* the stderr line */
    /* what was checked: boxes, texts, line breaks, texts marked wordwider,
     * value labels, panel boxes */
    unsigned boxes, texts, breaks, wordwider, values, panels;
} verdict;

static unsigned max_lines = 3;

static void violation(verdict *v, const gcase *c, inv k, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static void violation(verdict *v, const gcase *c, inv k, const char *fmt, ...)
{
    v->count[k]++;
    if (v->shown[k] >= max_lines)
        return;
    v->shown[k]++;
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_string_append_printf(v->out, "%s: %s: %s\n", c->name, inv_names[k], msg);
}

/* The datum set a value label on page pg, item it belongs to. */
static const datum_set *set_of(const gcase *c, const page *pg, const item *it)
{
    const char *id = NULL;
    if (pg->slide)
        id = pg->slide_id;
    else if (it->panel >= 0)
        id = g_array_index(pg->panels, panel_box, it->panel).id;
    for (guint i = 0; i < c->sets->len; i++) {
        const datum_set *d = g_ptr_array_index(c->sets, i);
        if ((!id && !d->id) || (id && d->id && !strcmp(id, d->id)))
            return d;
    }
    return NULL;
}

/* Reads a value label: "<" or ">" (a bound: the datum lies between it and
 * 0), a number in format nf, perhaps an exponent ("e", a sign, digits) or
 * the language's compact word (thousands … trillions), then a percent form
 * or " unit". Sets *v, *decimals (of the last digit: 0 for integers; less
 * the exponent or the compact scale's powers of ten), *bound (-1 ">", 1
 * "<", else 0), *percent, *zero (every digit 0). Returns false when the
 * text is not of that form. */
static bool read_value(const char *text, const numfmt *nf, const char *unit, double *v,
                       int *decimals, int *bound, bool *percent, bool *zero)
{
    g_autofree char *t = g_strdup(text);
    size_t n = strlen(t);
    *percent = false;
    *bound = 0;
    if (unit && *unit) {
        g_autofree char *suffix = g_strconcat(" ", unit, NULL);
        if (g_str_has_suffix(t, suffix)) {
            n -= strlen(suffix);
            t[n] = '\0';
        }
    }
    if (n && t[n - 1] == '%') {
        *percent = true;
        t[--n] = '\0';
        if (nf->percent_space) {
            if (!g_str_has_suffix(t, "\u00a0"))
                return false;
            n -= strlen("\u00a0");
            t[n] = '\0';
        }
    }
    int scale = 0;
    for (int k = 4; k >= 1 && !*percent && !scale; k--) {
        const char *w = compact_words[nf->compact].word[k - 1];
        if (g_str_has_suffix(t, w)) {
            scale = k;
            n -= strlen(w);
            t[n] = '\0';
        }
    }
    const char *p = t;
    if (*p == '<' || *p == '>')
        *bound = *p == '<' ? 1 : -1, p++;
    bool neg = false;
    if (g_str_has_prefix(p, "\u2212"))
        neg = true, p += strlen("\u2212");
    GString *num = g_string_new(neg ? "-" : "");
    size_t gl = strlen(nf->group), dl = strlen(nf->decimal);
    int digits_int = 0, dec = -1, exp10 = 0;
    bool ok = true, any = false, allzero = true;
    while (*p) {
        if (g_ascii_isdigit(*p)) {
            g_string_append_c(num, *p);
            any = true;
            allzero = allzero && *p == '0';
            if (dec >= 0)
                dec++;
            else
                digits_int++;
            p++;
        } else if (dec < 0 && digits_int > 0 && !strncmp(p, nf->decimal, dl)) {
            g_string_append_c(num, '.');
            dec = 0;
            p += dl;
        } else if (dec < 0 && gl && digits_int > 0 && !strncmp(p, nf->group, gl)) {
            p += gl;
        } else if (*p == 'e' && any) {
            /* "1.2e−6" (U+2212), "6.5e11"; "1.23e+15" */
            p++;
            int sign = 1;
            if (g_str_has_prefix(p, "\u2212"))
                sign = -1, p += strlen("\u2212");
            else if (*p == '-' || *p == '+')
                sign = *p == '-' ? -1 : 1, p++;
            ok = g_ascii_isdigit(*p);
            while (g_ascii_isdigit(*p))
                exp10 = exp10 * 10 + (*p++ - '0');
            exp10 *= sign;
            if (!ok || *p)
                ok = false;
            break;
        } else {
            ok = false;
            break;
        }
    }
    if (ok && any) {
        g_string_append_printf(num, "e%d", exp10 + 3 * scale);
        *v = g_ascii_strtod(num->str, NULL);
        *decimals = (dec < 0 ? 0 : dec) - exp10 - 3 * scale;
        *zero = allzero;
    }
    g_string_free(num, TRUE);
    return ok && any && !(*bound && exp10) && !(*bound && allzero);
}

/* A label within half a unit of its last digit of the datum; a percent
 * label within one unit (a row's percent labels are rounded by largest
 * remainders so that they add up to 100: each one down or up). */
static bool near(double shown, double datum, int decimals, bool percent)
{
    double tol = (percent ? 1 : 0.5) * pow(10, -decimals);
    return fabs(shown - datum) <= tol * (1 + 1e-9) + fabs(datum) * 1e-12;
}

/* A bound "<X" (bound 1) or ">−X" (-1): a datum strictly between it and 0. */
static bool within_bound(double shown, double datum, int bound)
{
    return bound > 0 ? datum > 0 && datum < shown * (1 + 1e-9)
                     : datum < 0 && datum > shown * (1 + 1e-9);
}

/* The candidates a value label of set d may stand for, and how many of them
 * are zero and get a label. */
static GArray *candidates(const datum_set *d, bool percent, size_t *zero_labelled)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
    *zero_labelled = 0;
    if (d->donut) {
        double total = 0;
        for (size_t r = 0; r < d->nrows; r++)
            total += d->values[r];
        for (size_t r = 0; r < d->nrows && percent; r++) {
            double x = d->values[r] / total * 100;
            g_array_append_val(a, x);
            *zero_labelled += x == 0;
        }
        return a;
    }
    bool stacked = !d->stat && d->mode != MODE_GROUPED && d->nseries > 1;
    bool pct = !d->stat && d->mode == MODE_PERCENT && d->nseries > 1;
    *zero_labelled = 0;
    for (size_t r = 0; r < d->nrows; r++) {
        double pos = 0, all = 0;
        for (size_t k = 0; k < d->nseries; k++) {
            double v = d->values[r * d->nseries + k];
            if (isnan(v))
                continue; /* missing: no bar, no part of a sum */
            pos += v > 0 ? v : 0;
            all += v;
        }
        for (size_t k = 0; k < d->nseries; k++) {
            double v = d->values[r * d->nseries + k];
            if (isnan(v))
                continue;
            double x = pct ? (pos > 0 ? v / pos * 100 : 0) : v;
            if (percent == pct)
                g_array_append_val(a, x);
            if (!stacked && x == 0)
                (*zero_labelled)++;
        }
        if (stacked && !pct && !percent) {
            g_array_append_val(a, all);
            if (all == 0)
                (*zero_labelled)++;
        }
    }
    return a;
}

typedef struct zero_tally {
    const datum_set *set;
    size_t labels;
    const char *first;
} zero_tally;

/* The shares a donut shows on one page: their sum, whether one is a bound. */
typedef struct donut_sum {
    const datum_set *set;
    double sum;
    unsigned n;
    bool bound;
    const char *first;
} donut_sum;

static void check_values(const gcase *c, const page *pg, verdict *v, GArray *tallies)
{
    donut_sum sums[16];
    size_t nsums = 0;
    for (guint i = 0; i < pg->items->len; i++) {
        const item *it = &g_array_index(pg->items, item, i);
        if (it->kind != 't' || (strcmp(it->role, "value") && strcmp(it->role, "stat")))
            continue;
        const datum_set *d = set_of(c, pg, it);
        if (!d || (strcmp(it->role, "stat") == 0) != d->stat)
            continue; /* a panel we made no data for */
        double x;
        int dec, bound;
        bool percent, zero;
        v->values++;
        if (!strcmp(it->text, no_data_words[c->nf.compact])) {
            /* "no data" in the language: stands for a missing value */
            bool any = false;
            for (size_t k = 0; !d->stat && k < d->nrows * d->nseries && !any; k++)
                any = isnan(d->values[k]);
            if (!any)
                violation(v, c, INV_VALUE, "says no data, but no value is missing: %s", it->line);
            continue;
        }
        if (!read_value(it->text, &c->nf, d->unit, &x, &dec, &bound, &percent, &zero)) {
            violation(v, c, INV_VALUE, "does not read as a number in its format: %s", it->line);
            continue;
        }
        size_t zl;
        GArray *cand = candidates(d, percent, &zl);
        bool found = false;
        for (guint k = 0; k < cand->len && !found; k++) {
            double datum = g_array_index(cand, double, k);
            found = bound ? within_bound(x, datum, bound) : near(x, datum, dec, percent);
        }
        g_array_free(cand, TRUE);
        if (!found)
            violation(v, c, INV_VALUE, "reads %.*f, no datum rounds to it: %s", MAX(dec, 0), x,
                      it->line);
        if (d->donut) {
            donut_sum *ds = NULL;
            for (size_t k = 0; k < nsums; k++)
                if (sums[k].set == d)
                    ds = &sums[k];
            if (!ds && nsums < G_N_ELEMENTS(sums)) {
                ds = &sums[nsums++];
                *ds = (donut_sum){.set = d, .first = it->line};
            }
            if (ds) {
                ds->sum += bound ? 0 : x;
                ds->bound = ds->bound || bound;
                ds->n++;
            }
        }
        if (zero) {
            zero_tally *z = NULL;
            for (guint k = 0; k < tallies->len; k++)
                if (g_array_index(tallies, zero_tally, k).set == d)
                    z = &g_array_index(tallies, zero_tally, k);
            if (!z) {
                zero_tally nz = {.set = d, .first = it->line};
                g_array_append_val(tallies, nz);
                z = &g_array_index(tallies, zero_tally, tallies->len - 1);
            }
            z->labels++;
            if (z->labels > zl)
                violation(v, c, INV_ZERO,
                          "label %zu reading 0, but only %zu zero data get a label: %s", z->labels,
                          zl, it->line);
        }
    }
    /* every share shown, and they add up to 100 (a bound "<0.01" counts as
     * 0: largest remainders gave its share 0) */
    for (size_t k = 0; k < nsums; k++) {
        if (sums[k].n != sums[k].set->nrows)
            violation(v, c, INV_VALUE, "a donut of %zu parts shows %u shares: %s",
                      sums[k].set->nrows, sums[k].n, sums[k].first);
        else if (fabs(sums[k].sum - 100) > 1e-6)
            violation(v, c, INV_VALUE, "a donut's shares add up to %.6f, not 100: %s",
                      sums[k].sum, sums[k].first);
    }
}

/* Text it must not lie on a bar: a value label may sit inside one bar
 * (its own), wholly; any other text, or a label partly on a bar or on two,
 * covers a datum. */
static void check_cover(const gcase *c, const page *pg, const item *it, verdict *v)
{
    int on = 0;
    const item *first = NULL;
    bool inside = false;
    for (guint j = 0; j < pg->items->len; j++) {
        const item *o = &g_array_index(pg->items, item, j);
        if (o->kind != 'r' || strcmp(o->role, "bar") != 0)
            continue;
        double ox = fmin(it->x + it->w, o->x + o->w) - fmax(it->x, o->x);
        double oy = fmin(it->y + it->h, o->y + o->h) - fmax(it->y, o->y);
        if (!(ox > OVERLAP_MIN && oy > OVERLAP_MIN))
            continue;
        if (!on++)
            first = o;
        inside = it->x >= o->x - OVERLAP_MIN && it->y >= o->y - OVERLAP_MIN &&
                 it->x + it->w <= o->x + o->w + OVERLAP_MIN &&
                 it->y + it->h <= o->y + o->h + OVERLAP_MIN;
    }
    if (on == 0 || (on == 1 && inside && strcmp(it->role, "value") == 0))
        return;
    violation(v, c, INV_COVER, "on %d bar%s: %s | %s", on, on > 1 ? "s" : "", it->line,
              first->line);
}

/* Whether the segment (x0, y0)-(x1, y1) passes through box o shrunk by
 * OVERLAP_MIN (Liang-Barsky). */
static bool segment_in(const item *o, const double *e)
{
    double bx = o->x + OVERLAP_MIN, by = o->y + OVERLAP_MIN;
    double bw = o->w - 2 * OVERLAP_MIN, bh = o->h - 2 * OVERLAP_MIN;
    if (bw <= 0 || bh <= 0)
        return false;
    double t0 = 0, t1 = 1, dx = e[2] - e[0], dy = e[3] - e[1];
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {e[0] - bx, bx + bw - e[0], e[1] - by, by + bh - e[1]};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

/* A callout's leader crosses no text and no bar; its text lies on no
 * marker. */
static void check_callout(const gcase *c, const page *pg, const item *it, verdict *v)
{
    if (strcmp(it->role, "callout") != 0 || (it->kind != 'l' && it->kind != 't'))
        return;
    for (guint j = 0; j < pg->items->len; j++) {
        const item *o = &g_array_index(pg->items, item, j);
        if (it->kind == 'l' && (o->kind == 't' || (o->kind == 'r' && !strcmp(o->role, "bar"))) &&
            segment_in(o, it->ends))
            violation(v, c, INV_LEADER, "a leader crosses: %s | %s", it->line, o->line);
        if (it->kind == 't' && o->kind == 'i') {
            double ox = fmin(it->x + it->w, o->x + o->w) - fmax(it->x, o->x);
            double oy = fmin(it->y + it->h, o->y + o->h) - fmax(it->y, o->y);
            if (ox > OVERLAP_MIN && oy > OVERLAP_MIN)
                violation(v, c, INV_LEADER, "a callout on a marker: %s | %s", it->line, o->line);
        }
    }
}

static void check_page(const gcase *c, const page *pg, verdict *v)
{
    double floor = pg->slide || !c->sheet_print ? FLOOR_PX : FLOOR_PT;
    const char *unit = pg->slide || !c->sheet_print ? "px" : "pt";
    v->panels += pg->panels->len;
    for (guint i = 0; i < pg->items->len; i++) {
        const item *it = &g_array_index(pg->items, item, i);
        v->boxes++;
        if (it->x < -PAGE_SLACK || it->y < -PAGE_SLACK || it->x + it->w > pg->w + PAGE_SLACK ||
            it->y + it->h > pg->h + PAGE_SLACK)
            violation(v, c, INV_PAGE, "outside its %.2fx%.2f page: %s", pg->w, pg->h, it->line);
        if (it->panel >= 0) {
            const panel_box *pb = &g_array_index(pg->panels, panel_box, it->panel);
            if (it->x < pb->x - PAGE_SLACK || it->x + it->w > pb->x + pb->w + PAGE_SLACK ||
                it->y < pb->y - PAGE_SLACK)
                violation(v, c, INV_PANEL, "outside its panel (%s): %s", pb->line, it->line);
        }
        check_callout(c, pg, it, v);
        if (it->kind != 't')
            continue;
        v->texts++;
        v->breaks += (unsigned)it->nbreaks;
        v->wordwider += it->wordwider;
        if (it->size > 0 && it->size < floor - 1e-9)
            violation(v, c, INV_SIZE, "%.2f %s under the %.0f %s floor: %s", it->size, unit,
                      floor, unit, it->line);
        size_t len = strlen(it->text);
        for (int k = 0; k < it->nbreaks; k++) {
            size_t at = (size_t)it->breaks[k];
            if (at == 0 || at >= len || (it->cut && at + 4 >= len))
                continue;
            const char *before = g_utf8_find_prev_char(it->text, it->text + at);
            if (!before)
                continue;
            gunichar a = g_utf8_get_char(before), b = g_utf8_get_char(it->text + at);
            if (g_unichar_isalnum(a) && g_unichar_isalnum(b) && !it->wordwider) {
                g_autofree char *w0 = g_strndup(before, (gsize)(it->text + at - before));
                violation(v, c, INV_BREAK, "line break at byte %zu (after \"%s\"): %s", at, w0,
                          it->line);
                break;
            }
        }
        check_cover(c, pg, it, v);
        if (it->ellipsized && !strcmp(it->role, "label")) {
            const datum_set *ds = set_of(c, pg, it);
            if (ds && ds->donut)
                violation(v, c, INV_CUT, "a donut label lost letters: %s", it->line);
        }
        for (guint j = i + 1; j < pg->items->len; j++) {
            const item *o = &g_array_index(pg->items, item, j);
            if (o->kind != 't')
                continue;
            double ox = fmin(it->x + it->w, o->x + o->w) - fmax(it->x, o->x);
            double oy = fmin(it->y + it->h, o->y + o->h) - fmax(it->y, o->y);
            if (ox > OVERLAP_MIN && oy > OVERLAP_MIN)
                violation(v, c, INV_OVERLAP, "%.1fx%.1f pt: %s | %s", ox, oy, it->line, o->line);
            if (it->ellipsized && o->ellipsized && !strcmp(it->role, o->role) &&
                !strcmp(it->shown ? it->shown : it->text, o->shown ? o->shown : o->text))
                violation(v, c, INV_ALIKE, "cut to the same text: %s | %s", it->line, o->line);
        }
    }
}

/* Checks the run of case c: its exit status, stderr and dump. */
static void check_run(const gcase *c, int status, bool timed_out, const char *out,
                      const char *err, verdict *v)
{
    size_t errlines = 0;
    for (const char *p = err; *p; p++)
        errlines += *p == '\n';
    if (*err && err[strlen(err) - 1] != '\n')
        errlines++;
    g_autofree char *first = g_strndup(err, strcspn(err, "\n"));
    if (timed_out) {
        violation(v, c, INV_EXIT, "no exit within the time limit");
        return;
    }
    if (WIFSIGNALED(status)) {
        violation(v, c, INV_EXIT, "killed by signal %d (%s); stderr: %.300s", WTERMSIG(status),
                  g_strsignal(WTERMSIG(status)), first);
        return;
    }
    int code = WEXITSTATUS(status);
    if (code == 1 || code == 2) {
        bool clear = errlines == 1 && g_str_has_prefix(err, "factsheet: ") && strlen(err) < 2000;
        if (clear) {
            v->refused = true;
            v->refusal = g_strdup(first);
        } else {
            violation(v, c, INV_EXIT, "exit %d with %zu stderr lines: %.300s", code, errlines,
                      first);
        }
        return;
    }
    if (code != 0) {
        violation(v, c, INV_EXIT, "exit %d: %.300s", code, first);
        return;
    }
    if (*err) {
        violation(v, c, INV_EXIT, "exit 0 with stderr: %.300s", first);
        return;
    }
    g_autofree char *dump = g_strdup(out);
    const char *bad = NULL;
    GPtrArray *pages = parse_dump(dump, &bad);
    if (!pages) {
        violation(v, c, INV_EXIT, "unreadable --dump-layout line: %.300s", bad ? bad : "");
        return;
    }
    GArray *tallies = g_array_new(FALSE, TRUE, sizeof(zero_tally));
    for (guint p = 0; p < pages->len; p++) {
        const page *pg = g_ptr_array_index(pages, p);
        check_page(c, pg, v);
        /* the zero tally runs per chart: a slide is its own chart */
        if (pg->slide)
            g_array_set_size(tallies, 0);
        check_values(c, pg, v, tallies);
    }
    g_array_free(tallies, TRUE);
    g_ptr_array_free(pages, TRUE);
}

/* ---- running ---------------------------------------------------------------------- */

typedef struct job {
    guint32 seed;
    gcase *c;
    pid_t pid;
    gint64 start;
    bool timed_out;
    int status;
    bool done;
    double cpu; /* seconds of CPU the run took */
    verdict v;
    char *keep;  /* the folder to name in the reproducing command */
    char *again; /* gencheck's arguments that make the case again there */
} job;

static pid_t spawn(const gcase *c)
{
    g_autofree char *out = g_build_filename(c->dir, "stdout", NULL);
    g_autofree char *err = g_build_filename(c->dir, "stderr", NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("gencheck: fork");
        exit(3);
    }
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(127);
        close(fo);
        close(fe);
        execv((const char *)g_ptr_array_index(c->argv, 0), (char **)c->argv->pdata);
        _exit(127);
    }
    return pid;
}

static char *slurp(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    char *s = NULL;
    if (!g_file_get_contents(path, &s, NULL, NULL))
        s = g_strdup("");
    return s;
}

static void rm_rf(const char *path)
{
    GDir *d = g_dir_open(path, 0, NULL);
    if (d) {
        const char *n;
        while ((n = g_dir_read_name(d))) {
            g_autofree char *p = g_build_filename(path, n, NULL);
            if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
                rm_rf(p);
            else
                g_unlink(p);
        }
        g_dir_close(d);
    }
    g_rmdir(path);
}

/* A refusal without its paths and numbers, to count alike ones together. */
static char *refusal_kind(const char *msg)
{
    GString *s = g_string_new(NULL);
    const char *p = msg;
    if (g_str_has_prefix(p, "factsheet: "))
        p += strlen("factsheet: ");
    /* drop "PATH:LINE: " */
    const char *colon = strstr(p, ": ");
    if (colon && (g_str_has_prefix(p, "/") || strstr(p, ".csv") == colon - 4 ||
                  strstr(p, ".ini")))
        p = colon + 2;
    bool in_num = false;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p)) {
            if (!in_num)
                g_string_append_c(s, '#');
            in_num = true;
        } else {
            in_num = false;
            g_string_append_c(s, *p);
        }
    }
    if (s->len > 110)
        g_string_truncate(s, 110);
    return g_string_free(s, FALSE);
}

/* ---- the checker's own test ------------------------------------------------------- */

static int selftest_failures;

static void expect(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "gencheck: selftest: %s\n", what);
        selftest_failures++;
    }
}

static void expect_value(const char *text, const char *lang, const char *unit, bool ok, double x,
                         int dec, bool pct, bool zero)
{
    numfmt nf;
    lang_numfmt(lang, &nf);
    double v = 0;
    int d = 0, b = 0;
    bool p = false, z = false;
    bool r = read_value(text, &nf, unit, &v, &d, &b, &p, &z);
    g_autofree char *what = g_strdup_printf("read_value(\"%s\", %s)", text, lang);
    expect(r == ok && (!ok || (v == x && d == dec && p == pct && z == zero && b == 0)), what);
}

/* A bound "<X" / ">−X" reads as X with its side. */
static void expect_bound(const char *text, const char *lang, double x, int bound, bool pct)
{
    numfmt nf;
    lang_numfmt(lang, &nf);
    double v = 0;
    int d = 0, b = 0;
    bool p = false, z = false;
    bool r = read_value(text, &nf, NULL, &v, &d, &b, &p, &z);
    g_autofree char *what = g_strdup_printf("read_value(\"%s\", %s) as a bound", text, lang);
    expect(r && v == x && b == bound && p == pct && !z, what);
}

/* Runs check_run over a made-up run of a chart of values[n]; returns the
 * verdict's counts in out (and whether it was a refusal). */
static bool selftest_run(const double *values, size_t n, int status, const char *dump,
                         const char *err, unsigned out[INV_COUNT])
{
    gcase *c = g_new0(gcase, 1);
    c->name = g_strdup("selftest");
    c->argv = g_ptr_array_new_with_free_func(g_free);
    c->sets = g_ptr_array_new_with_free_func(datum_set_free);
    c->files = g_ptr_array_new_with_free_func(g_free);
    c->what = g_string_new(NULL);
    lang_numfmt("en", &c->nf);
    datum_set *d = g_new0(datum_set, 1);
    d->nrows = n, d->nseries = 1;
    d->values = g_memdup2(values, n * sizeof *values);
    g_ptr_array_add(c->sets, d);
    verdict v = {.out = g_string_new(NULL)};
    check_run(c, status, false, dump, err, &v);
    memcpy(out, v.count, sizeof v.count);
    bool refused = v.refused;
    g_string_free(v.out, TRUE);
    g_free(v.refusal);
    gcase_free(c);
    return refused;
}

/* Like selftest_run, for a report whose panel "d" is a donut of values[n]:
 * the count of cut violations of dump. */
static unsigned selftest_donut(const double *values, size_t n, const char *dump)
{
    gcase *c = g_new0(gcase, 1);
    c->name = g_strdup("selftest");
    c->argv = g_ptr_array_new_with_free_func(g_free);
    c->sets = g_ptr_array_new_with_free_func(datum_set_free);
    c->files = g_ptr_array_new_with_free_func(g_free);
    c->what = g_string_new(NULL);
    lang_numfmt("en", &c->nf);
    datum_set *d = g_new0(datum_set, 1);
    d->id = g_strdup("d"), d->donut = true, d->nrows = n, d->nseries = 1;
    d->values = g_memdup2(values, n * sizeof *values);
    g_ptr_array_add(c->sets, d);
    verdict v = {.out = g_string_new(NULL)};
    check_run(c, 0, false, dump, "", &v);
    unsigned cut = v.count[INV_CUT];
    g_string_free(v.out, TRUE);
    g_free(v.refusal);
    gcase_free(c);
    return cut;
}

/* The checker on inputs whose verdicts are known. Returns 0 when all hold. */
static int selftest(void)
{
    expect_value("1,275.5", "en", NULL, true, 1275.5, 1, false, false);
    expect_value("\u22123.50 km", "en", "km", true, -3.5, 2, false, false);
    expect_value("1\u00a0275,5", "az", NULL, true, 1275.5, 1, false, false);
    expect_value("45\u00a0%", "ru", NULL, true, 45, 0, true, false);
    expect_value("45%", "ru", NULL, false, 0, 0, false, false);
    expect_value("0.00", "en", NULL, true, 0, 2, false, true);
    expect_value("1.23e+15", "en", NULL, true, 1.23e15, -13, false, false);
    expect_value("12abc", "en", NULL, false, 0, 0, false, false);
    /* compact words and exponents (render/numchoice.c) */
    expect_value("648\u00a0bn", "en", NULL, true, 648e9, -9, false, false);
    expect_value("12.4k", "en", NULL, true, 12400, -2, false, false);
    expect_value("\u22122.5M km", "en", "km", true, -2.5e6, -5, false, false);
    expect_value("648,1\u00a0млрд", "ru", NULL, true, 648.1e9, -8, false, false);
    expect_value("7\u00a0trln", "az", NULL, true, 7e12, -12, false, false);
    expect_value("648\u00a0млрд", "en", NULL, false, 0, 0, false, false);
    expect_value("1.2e\u22126", "en", NULL, true, 1.2e-6, 7, false, false);
    expect_value("6.5e11 km", "en", "km", true, 6.5e11, -10, false, false);
    expect_value("1.2e", "en", NULL, false, 0, 0, false, false);
    expect_value("1.2e5x", "en", NULL, false, 0, 0, false, false);
    expect_bound("<0.01", "en", 0.01, 1, false);
    expect_bound(">\u22121", "en", -1, -1, false);
    expect_bound("<0,01\u00a0%", "ru", 0.01, 1, true);
    expect_value("<0", "en", NULL, false, 0, 0, false, false);
    expect(near(0.5, 0.004, 0, false) && !near(1, 0.004, 0, false) &&
               near(1275.5, 1275.46, 1, false) && !near(1275.5, 1275.44, 1, false) &&
               near(34, 33.34, 0, true) && !near(35, 33.34, 0, true),
           "near()");
    expect(within_bound(0.01, 0.004, 1) && !within_bound(0.01, 0, 1) &&
               !within_bound(0.01, 0.02, 1) && within_bound(-1, -0.3, -1) &&
               !within_bound(-1, 0.3, -1),
           "within_bound()");

    const double vals[] = {1275.5, 0.000001, 7};
    unsigned k[INV_COUNT];
    /* a clean page */
    selftest_run(vals, 3, 0,
                 "page 1 100.00 100.00\n"
                 "text value 0.00 0.00 10.00 10.00 \"1,275.50\" size=12.00 lines=1\n"
                 "text label 0.00 20.00 30.00 20.00 \"hello world\" size=12.00 lines=2 breaks=6\n"
                 "text label 0.00 50.00 30.00 20.00 \"helloworld\" size=12.00 lines=2 breaks=5 "
                 "wordwider ellipsized\n"
                 "rect bar 0.00 80.00 100.00 5.00 #000000ff\n"
                 "text value 80.00 80.00 8.00 5.00 \"7\" size=12.00 lines=1\n"
                 "text label 0.00 88.00 20.00 4.00 \"Dona…än1\" size=12.00 lines=1 ellipsized\n"
                 "text label 0.00 93.00 20.00 4.00 \"Dona…än2\" size=12.00 lines=1 ellipsized\n",
                 "", k);
    for (int i = 0; i < INV_COUNT; i++)
        expect(k[i] == 0, "a clean page has a violation");
    /* one of each */
    selftest_run(vals, 3, 0,
                 "page 1 100.00 100.00\n"
                 "text value 0.00 0.00 10.00 10.00 \"0.00\" size=12.00 lines=1\n"
                 "text value 5.00 5.00 10.00 10.00 \"8.00\" size=12.00 lines=1\n"
                 "text label 0.00 20.00 30.00 20.00 \"hello world\" size=11.00 lines=2 breaks=3\n"
                 "rect bar 0.00 80.00 100.50 5.00 #000000ff\n"
                 "text label 40.00 78.00 10.00 6.00 \"7\" size=12.00 lines=1\n"
                 "text label 0.00 88.00 20.00 4.00 \"Dona…än\" size=12.00 lines=1 ellipsized\n"
                 "text label 0.00 93.00 20.00 4.00 \"Dona…än\" size=12.00 lines=1 ellipsized\n"
                 "panel p1 50.00 50.00 20.00 10.00 items=1\n"
                 "icon person 45.00 50.00 10.00 10.00 1.000\n"
                 "line callout 20.00 15.00 20.00 30.00 1.00\n",
                 "", k);
    expect(k[INV_LEADER] == 1, "a leader across a text not found");
    expect(k[INV_OVERLAP] == 1, "overlap not found");
    expect(k[INV_ZERO] == 1, "a label reading 0 for 0.000001 not found");
    expect(k[INV_VALUE] == 1, "a label of no datum not found");
    expect(k[INV_BREAK] == 1, "a break inside a word not found");
    expect(k[INV_COVER] == 1, "a text on a bar not found");
    expect(k[INV_ALIKE] == 1, "two labels cut alike not found");
    expect(k[INV_SIZE] == 1, "text under 12 px not found");
    expect(k[INV_PAGE] == 1, "a box outside the page not found");
    expect(k[INV_PANEL] == 1, "a box outside its panel not found");
    expect(k[INV_EXIT] == 0, "a clean exit taken for a bad one");
    /* two names that differ only at their end, both cut by Pango to what
     * reads the same (shown=), then cut apart */
    const char *end_cut = "text label 0.00 10.00 20.00 4.00 \"The Ministry of Region 1\" size=12.00 "
                          "lines=1 shown=\"The Ministry…\" ellipsized\n"
                          "text label 0.00 20.00 20.00 4.00 \"The Ministry of Region 2\" size=12.00 "
                          "lines=1 shown=\"The Ministry…\" ellipsized\n";
    g_autofree char *same = g_strconcat("page 1 100.00 100.00\n", end_cut, NULL);
    selftest_run(vals, 3, 0, same, "", k);
    expect(k[INV_ALIKE] == 1, "two labels Pango cut alike not found");
    selftest_run(vals, 3, 0,
                 "page 1 100.00 100.00\n"
                 "text label 0.00 10.00 20.00 4.00 \"The Ministry of Region 1\" size=12.00 "
                 "lines=1 shown=\"The…Region 1\" ellipsized\n"
                 "text label 0.00 20.00 20.00 4.00 \"The Ministry of Region 2\" size=12.00 "
                 "lines=1 shown=\"The…Region 2\" ellipsized\n",
                 "", k);
    expect(k[INV_ALIKE] == 0, "two labels cut apart taken as alike");
    /* a donut's label cut with "…", and one whole */
#define DONUT_PAGE(flag)                                                                 \
    "page 1 200.00 200.00\n"                                                              \
    "panel d 0.00 0.00 200.00 100.00 items=2\n"                                           \
    "text label 10.00 10.00 40.00 10.00 \"Промышленн…\" size=9.50 lines=1" flag "\n"      \
    "text value 10.00 20.00 20.00 10.00 \"100%\" size=9.50 lines=1\n"
    const double one[] = {5};
    expect(selftest_donut(one, 1, DONUT_PAGE(" ellipsized")) == 1, "a cut donut label not found");
    expect(selftest_donut(one, 1, DONUT_PAGE("")) == 0, "a whole donut label taken for a cut one");
#undef DONUT_PAGE
    /* exits: a refusal; two lines; a signal; 0 with stderr */
    expect(selftest_run(vals, 3, 1 << 8, "", "factsheet: x.csv: no data rows\n", k) &&
               k[INV_EXIT] == 0,
           "a one-line refusal not taken as one");
    expect(!selftest_run(vals, 3, 1 << 8, "", "factsheet: a\nfactsheet: b\n", k) &&
               k[INV_EXIT] == 1,
           "two lines of stderr taken as a refusal");
    expect(!selftest_run(vals, 3, SIGSEGV, "", "", k) && k[INV_EXIT] == 1, "a crash not found");
    expect(!selftest_run(vals, 3, 0, "page 1 10.00 10.00\n", "(process:1): GLib-WARNING\n", k) &&
               k[INV_EXIT] == 1,
           "a warning on stderr at exit 0 not found");
    /* the same seed, the same case */
    g_autofree char *d1 = g_dir_make_tmp("gencheck-XXXXXX", NULL);
    g_autofree char *d2 = g_dir_make_tmp("gencheck-XXXXXX", NULL);
    for (guint32 seed = 1; seed <= 20; seed++) {
        gcase *a = gen_case(seed, d1, "factsheet"), *b = gen_case(seed, d2, "factsheet");
        g_autofree char *ca = command_line(a, "D"), *cb = command_line(b, "D");
        expect(!strcmp(ca, cb) && !strcmp(a->what->str, b->what->str), "a seed made two cases");
        gcase_free(a);
        gcase_free(b);
    }
    rm_rf(d1);
    rm_rf(d2);
    printf("gencheck: selftest %s\n", selftest_failures ? "FAILED" : "passed");
    return selftest_failures ? 1 : 0;
}

static void usage(void)
{
    fputs("usage: gencheck [--bin PATH] [--seeds N] [--seed0 S] [-j N] [--timeout S]\n"
          "                [--max-lines N] [-v] [--replay CASE…]\n"
          "       gencheck --seed S [--keep DIR]\n"
          "       gencheck --replay CASE --keep DIR\n"
          "       gencheck --selftest\n",
          stderr);
    exit(2);
}

/* Makes job j's case: seed seed0 + k, or the kept case replays[k]; in keep
 * (made) or a new temporary folder. */
static void make_job(job *j, guint32 k, guint32 seed0, char **replays, const char *keep,
                     const char *bin)
{
    char *dir;
    if (keep) {
        g_mkdir_with_parents(keep, 0777);
        dir = g_canonicalize_filename(keep, NULL);
    } else {
        GError *err = NULL;
        dir = g_dir_make_tmp("gencheck-XXXXXX", &err);
        if (!dir) {
            fprintf(stderr, "gencheck: %s\n", err->message);
            exit(3);
        }
    }
    if (replays) {
        g_autofree char *base = g_path_get_basename(replays[k]);
        j->c = load_case(replays[k], dir, bin);
        if (!j->c)
            exit(2);
        g_free(j->c->name);
        j->c->name = g_strdup_printf("case %s", replays[k]);
        j->keep = keep ? g_strdup(keep) : g_strdup_printf("output/gen/%s", base);
        j->again = g_strdup_printf("--replay %s --keep %s", replays[k], j->keep);
    } else {
        guint32 seed = seed0 + k;
        j->c = gen_case(seed, dir, bin);
        j->keep = keep ? g_strdup(keep) : g_strdup_printf("output/gen/%u", seed);
        j->again = g_strdup_printf("--seed %u --keep %s", seed, j->keep);
    }
    if (keep)
        save_case(j->c);
    g_free(dir);
}

int main(int argc, char **argv)
{
    const char *bin = "build/factsheet", *keep = NULL;
    guint32 seed0 = 1, nseeds = 300;
    long one = -1;
    char **replays = NULL;
    int jobs = (int)g_get_num_processors() * 2;
    double timeout = 60;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-v")) {
            verbose = true;
            continue;
        }
        if (!strcmp(a, "--selftest"))
            return selftest();
        if (!strcmp(a, "--replay")) {
            /* every argument up to the next option */
            int n = 0;
            while (i + 1 + n < argc && argv[i + 1 + n][0] != '-')
                n++;
            if (n == 0)
                usage();
            replays = argv + i + 1;
            nseeds = (guint32)n;
            i += n;
            continue;
        }
        if (!val)
            usage();
        i++;
        if (!strcmp(a, "--bin"))
            bin = val;
        else if (!strcmp(a, "--seeds"))
            nseeds = (guint32)strtoul(val, NULL, 10);
        else if (!strcmp(a, "--seed0"))
            seed0 = (guint32)strtoul(val, NULL, 10);
        else if (!strcmp(a, "--seed"))
            one = strtol(val, NULL, 10);
        else if (!strcmp(a, "--keep"))
            keep = val;
        else if (!strcmp(a, "-j"))
            jobs = MAX(1, atoi(val));
        else if (!strcmp(a, "--timeout"))
            timeout = atof(val);
        else if (!strcmp(a, "--max-lines"))
            max_lines = (unsigned)atoi(val);
        else
            usage();
    }
    if (!g_file_test(bin, G_FILE_TEST_IS_EXECUTABLE)) {
        fprintf(stderr, "gencheck: %s: not an executable (run make first)\n", bin);
        return 2;
    }
    if (one >= 0 && replays)
        usage();
    if (one >= 0)
        seed0 = (guint32)one, nseeds = 1;
    if (keep && nseeds != 1)
        usage(); /* --keep takes one case */

    gint64 t0 = g_get_monotonic_time();
    job *js = g_new0(job, nseeds ? nseeds : 1);
    guint32 next = 0, printed = 0, running = 0;
    unsigned total[INV_COUNT] = {0}, seeds_with[INV_COUNT] = {0};
    unsigned bad_seeds = 0, refused = 0, charts = 0, reports = 0;
    double cpu = 0;
    verdict sum = {0};
    GHashTable *reasons = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    while (printed < nseeds) {
        /* start what the pool has room for */
        while (next < nseeds && running < (guint32)jobs) {
            job *j = &js[next];
            make_job(j, next, seed0, replays, keep, bin);
            j->v.out = g_string_new(NULL);
            if (keep) {
                g_autofree char *cmd = command_line(j->c, keep);
                printf("%s: %s\n%s\n", j->c->name, j->c->what->str, cmd);
                fflush(stdout);
            }
            j->start = g_get_monotonic_time();
            j->pid = spawn(j->c);
            running++, next++;
        }
        /* reap; kill what ran too long */
        bool any = false;
        for (guint32 k = printed; k < next; k++) {
            job *j = &js[k];
            if (j->done || j->pid <= 0)
                continue;
            struct rusage ru;
            pid_t w = wait4(j->pid, &j->status, WNOHANG, &ru);
            if (w == j->pid) {
                j->done = true, running--, any = true;
                j->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
                g_autofree char *out = slurp(j->c->dir, "stdout");
                g_autofree char *err = slurp(j->c->dir, "stderr");
                check_run(j->c, j->status, j->timed_out, out, err, &j->v);
                if (!keep)
                    rm_rf(j->c->dir);
            } else if (!j->timed_out &&
                       (double)(g_get_monotonic_time() - j->start) / 1e6 > timeout) {
                j->timed_out = true;
                kill(j->pid, SIGKILL);
            }
        }
        /* print finished cases in order */
        while (printed < next && js[printed].done) {
            job *j = &js[printed];
            const char *name = j->c->name;
            bool bad = false;
            for (int k = 0; k < INV_COUNT; k++) {
                total[k] += j->v.count[k];
                seeds_with[k] += j->v.count[k] > 0;
                bad = bad || j->v.count[k] > 0;
                if (j->v.count[k] > j->v.shown[k])
                    g_string_append_printf(j->v.out, "%s: %s: (and %u more)\n", name,
                                           inv_names[k], j->v.count[k] - j->v.shown[k]);
            }
            if (j->c->report)
                reports++;
            else
                charts++;
            if (j->v.refused) {
                refused++;
                char *kind = refusal_kind(j->v.refusal);
                gpointer n = g_hash_table_lookup(reasons, kind);
                g_hash_table_replace(reasons, kind, GUINT_TO_POINTER(GPOINTER_TO_UINT(n) + 1));
                if (verbose || keep)
                    printf("%s: refused: %s\n", name, j->v.refusal);
            }
            if (bad) {
                bad_seeds++;
                fputs(j->v.out->str, stdout);
                g_autofree char *cmd = command_line(j->c, j->keep);
                printf("%s: %s\n%s: reproduce: build/tests/gencheck %s  # then: %s\n", name,
                       j->c->what->str, name, j->again, cmd);
            } else if (verbose) {
                printf("%s: ok: %s\n", name, j->c->what->str);
            }
            if (verbose)
                printf("%s: %.2f s of CPU\n", name, j->cpu);
            cpu += j->cpu;
            sum.boxes += j->v.boxes, sum.texts += j->v.texts, sum.breaks += j->v.breaks;
            sum.wordwider += j->v.wordwider, sum.values += j->v.values, sum.panels += j->v.panels;
            fflush(stdout);
            gcase_free(j->c);
            j->c = NULL;
            g_string_free(j->v.out, TRUE);
            g_free(j->v.refusal);
            g_free(j->keep);
            g_free(j->again);
            printed++;
        }
        if (!any && printed < nseeds) {
            struct timespec ts = {0, 2 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
    if (replays)
        printf("gencheck: %u kept cases (%u charts, %u reports) in %.1f s with %d jobs "
               "(factsheet took %.1f s of CPU)\n",
               nseeds, charts, reports, secs, jobs, cpu);
    else
        printf("gencheck: %u seeds (%u..%u: %u charts, %u reports) in %.1f s with %d jobs "
               "(factsheet took %.1f s of CPU)\n",
               nseeds, seed0, seed0 + nseeds - 1, charts, reports, secs, jobs, cpu);
    printf("gencheck: %u with violations, %u refused, %u clean\n", bad_seeds, refused,
           nseeds - bad_seeds - refused);
    printf("gencheck: checked %u boxes, %u texts (%u line breaks, %u texts wordwider), "
           "%u value labels, %u panel boxes\n",
           sum.boxes, sum.texts, sum.breaks, sum.wordwider, sum.values, sum.panels);
    for (int k = 0; k < INV_COUNT; k++)
        printf("gencheck:   %-8s %6u violations in %4u %s\n", inv_names[k], total[k],
               seeds_with[k], replays ? "cases" : "seeds");
    if (refused) {
        GList *keys = g_list_sort(g_hash_table_get_keys(reasons), (GCompareFunc)strcmp);
        printf("gencheck: refusals by kind:\n");
        for (GList *l = keys; l; l = l->next)
            printf("gencheck:   %4u  %s\n",
                   GPOINTER_TO_UINT(g_hash_table_lookup(reasons, l->data)), (char *)l->data);
        g_list_free(keys);
    }
    g_hash_table_destroy(reasons);
    g_free(js);
    return bad_seeds ? 1 : 0;
}
