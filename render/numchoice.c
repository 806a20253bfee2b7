/* numchoice: how a set of numbers is written. See numchoice.h. */
#include "numchoice.h"

#include "axis.h"
#include "lang.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const fs_compact_names[] = {"auto", "on", "off", NULL};

#define CAP FS_NUMCHOICE_MAX_DECIMALS
/* A double holds 15 significant decimal digits; more would print noise. */
#define DOUBLE_DIGITS 15
/* From here on the fixed form is all digits: the exponent form instead. */
#define EXPONENT_FROM 1e15
/* The most significant digits an exponent form writes. */
#define MAX_SIG 6

/* The exponent of x > 0 in base 10: floor(log10(x)), exact at powers of ten. */
static int exp10_of(double x)
{
    int e = (int)floor(log10(x));
    if (x >= pow(10, e + 1))
        e++;
    else if (x < pow(10, e))
        e--;
    return e;
}

/* The decimals that write |x| exactly, 0 to cap; cap + 1 when none does.
 * A non-zero x is never written exactly as 0. */
static int exact_decimals(double x, int cap)
{
    double a = fabs(x);
    for (int d = 0; d <= cap; d++) {
        double s = a * pow(10, d);
        if (fabs(s - nearbyint(s)) <= 1e-9 * fmax(1, s) && (a == 0 || nearbyint(s) != 0))
            return d;
    }
    return cap + 1;
}

/* The decimals that give m > 0 two significant digits, or fewer when they
 * write it exactly (1 -> 0, 0.5 -> 1, 0.00055 -> 5, 3.4 -> 1); more than
 * CAP + 1 only when no fewer do. */
static int sig2_decimals(double m)
{
    int need = MAX(0, 1 - exp10_of(m));
    return MIN(need, exact_decimals(m, MIN(need, CAP + 1)));
}

/* The most decimals any value of v[n] needs for sig2_decimals(), divided
 * by div. */
static int sig2_all(const double *v, size_t n, double div)
{
    int d = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] != 0)
            d = MAX(d, sig2_decimals(fabs(v[i]) / div));
    return d;
}

/* The integer digits of a >= 0 (at least 1). */
static int int_digits(double a)
{
    return a < 1 ? 1 : exp10_of(a) + 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A set of values, with its neighbours (sorted) that differ by more than
 * the arithmetic's last bits. */
typedef struct nums {
    double *v; /* finite, sorted */
    size_t n;
    double most, least; /* the largest |v|, the smallest non-zero |v| (0: none) */
    GArray *pairs;      /* size_t: i such that v[i] and v[i + 1] differ */
} nums;

static void nums_init(nums *s, const double *v, size_t n)
{
    s->v = g_new(double, n ? n : 1);
    s->n = 0;
    s->most = 0, s->least = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        s->v[s->n++] = v[i];
        double a = fabs(v[i]);
        s->most = fmax(s->most, a);
        if (a > 0 && (s->least == 0 || a < s->least))
            s->least = a;
    }
    qsort(s->v, s->n, sizeof *s->v, cmp_double);
    s->pairs = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; i + 1 < s->n; i++) {
        double a = s->v[i], b = s->v[i + 1];
        /* differences in the last bits are the arithmetic's, not the data's */
        if (b - a > 1e-13 * fmax(fabs(a), fabs(b)))
            g_array_append_val(s->pairs, i);
    }
}

static void nums_clear(nums *s)
{
    g_free(s->v);
    g_array_free(s->pairs, TRUE);
}

/* The fewest decimals (0 to CAP, else CAP + 1) at which every differing
 * pair, divided by div, still reads differently; pairs that CAP decimals
 * of the full values do not tell apart are left to the exponent form. */
static int distinct_decimals(const nums *s, double div)
{
    double kcap = pow(10, CAP);
    for (int d = 0; d <= CAP; d++) {
        double k = pow(10, d) / div;
        bool ok = true;
        for (guint j = 0; j < s->pairs->len && ok; j++) {
            size_t i = g_array_index(s->pairs, size_t, j);
            double a = s->v[i], b = s->v[i + 1];
            ok = nearbyint(a * k) != nearbyint(b * k) || nearbyint(a * kcap) == nearbyint(b * kcap);
        }
        if (ok)
            return d;
    }
    return CAP + 1;
}

/* v in the exponent form with d mantissa decimals, C's spelling. */
static void exp_form(char *buf, size_t len, double v, int d)
{
    char fmt[16];
    g_snprintf(fmt, sizeof fmt, "%%.%de", d);
    g_ascii_formatd(buf, (gint)len, fmt, v);
}

/* The fewest mantissa decimals (1 to MAX_SIG - 1) at which every
 * differing pair reads differently in the exponent form. */
static int distinct_mantissa(const nums *s)
{
    for (int d = 1; d < MAX_SIG; d++) {
        bool ok = true;
        for (guint j = 0; j < s->pairs->len && ok; j++) {
            size_t i = g_array_index(s->pairs, size_t, j);
            char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
            exp_form(a, sizeof a, s->v[i], d);
            exp_form(b, sizeof b, s->v[i + 1], d);
            ok = strcmp(a, b) != 0;
        }
        if (ok)
            return d;
    }
    return MAX_SIG - 1;
}

/* The compact scale of a largest |value| a: 1 (thousands) to 4
 * (trillions), 0 under 1,000. */
static int scale_of(double a)
{
    return a < 1000 ? 0 : MIN(4, (int_digits(a) - 1) / 3);
}

void fs_numchoice_pick(const double *v, size_t n, fs_nums_kind kind, int decimals,
                       fs_compact compact, fs_numchoice *out)
{
    *out = (fs_numchoice){0};
    nums s;
    nums_init(&s, v, n);
    bool data = kind == FS_NUMS_DATA;
    if (kind == FS_NUMS_SHARES) {
        /* shares of 100: two significant digits, at most two decimals;
         * smaller shares read "<0.01" (fs_numchoice_round_shares()) */
        out->decimals = decimals >= 0 ? decimals : MIN(2, sig2_all(s.v, s.n, 1));
        nums_clear(&s);
        return;
    }
    if (decimals >= 0) {
        out->decimals = decimals;
        if (s.most >= EXPONENT_FROM)
            out->exponent = true;
        else if ((compact == FS_COMPACT_ON && s.most >= 1000) ||
                 (compact == FS_COMPACT_AUTO &&
                  int_digits(s.most) + decimals > FS_NUMCHOICE_FULL_DIGITS))
            out->scale = scale_of(s.most);
        nums_clear(&s);
        return;
    }
    if (s.least == 0) { /* all zero, or nothing */
        nums_clear(&s);
        return;
    }
    int d = sig2_all(s.v, s.n, 1);
    if (data) {
        for (size_t i = 0; i < s.n; i++)
            d = MAX(d, MIN(2, exact_decimals(s.v[i], 2)));
        d = MAX(d, distinct_decimals(&s, 1));
    }
    bool plain_ok = d <= CAP && s.most < EXPONENT_FROM && int_digits(s.most) + d <= DOUBLE_DIGITS;
    int sc = scale_of(s.most);
    if (compact != FS_COMPACT_OFF && sc > 0 && s.most < EXPONENT_FROM) {
        double div = pow(1000, sc);
        int dc = sig2_all(s.v, s.n, div);
        if (data)
            dc = MAX(dc, distinct_decimals(&s, div));
        bool want =
            compact == FS_COMPACT_ON
                ? dc <= CAP
                : dc <= 2 && (!plain_ok || int_digits(s.most) + d > FS_NUMCHOICE_FULL_DIGITS);
        if (want) {
            out->scale = sc, out->decimals = dc;
            nums_clear(&s);
            return;
        }
    }
    if (plain_ok) {
        out->decimals = d;
    } else {
        out->exponent = true;
        out->decimals = data ? distinct_mantissa(&s) : 1;
    }
    nums_clear(&s);
}

/* Splits v, written with `decimals` mantissa decimals, into the mantissa
 * and the exponent (that of the rounded form: 9.96 at one decimal is
 * 1.0e1). */
static void split_exponent(double v, int decimals, double *mant, int *e)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    exp_form(buf, sizeof buf, v, decimals);
    char *x = strchr(buf, 'e');
    *e = x ? atoi(x + 1) : 0;
    if (x)
        *x = '\0';
    *mant = g_ascii_strtod(buf, NULL); /* as printed: no pow(10, -320) */
}

/* True when s has digits and every one is 0. */
static bool reads_zero(const char *s)
{
    bool any = false;
    for (const char *p = s; *p; p++) {
        if (g_ascii_isdigit(*p)) {
            if (*p != '0')
                return false;
            any = true;
        }
    }
    return any;
}

char *fs_numchoice_format(const fs_numchoice *ch, const fs_numfmt *f, const char *lang, double v)
{
    if (!isfinite(v))
        return g_strdup("–");
    if (ch->exponent) {
        if (v == 0)
            return g_strdup("0");
        double mant;
        int e;
        split_exponent(v, ch->decimals, &mant, &e);
        g_autofree char *m = fs_numfmt_format(f, mant, ch->decimals);
        return g_strdup_printf("%se%s%d", m, e < 0 ? "\u2212" : "", abs(e));
    }
    double div = pow(1000, ch->scale);
    g_autofree char *num = fs_numfmt_format(f, v / div, ch->decimals);
    if (v != 0 && reads_zero(num)) {
        /* never "0" for what is not: "<0.01", ">−0.01" */
        g_autofree char *unit =
            fs_numfmt_format(f, (v < 0 ? -1 : 1) * pow(10, -ch->decimals), ch->decimals);
        g_free(num);
        num = g_strconcat(v < 0 ? ">" : "<", unit, NULL);
    }
    if (v == 0 || ch->scale == 0)
        return g_steal_pointer(&num);
    return g_strconcat(num, fs_lang_compact(lang, ch->scale), NULL);
}

void fs_numchoice_ticks(const fs_numchoice *labels, double step, const double *ticks, int n,
                        fs_numchoice *out)
{
    *out = (fs_numchoice){.scale = labels->exponent ? 0 : labels->scale};
    double div = pow(1000, out->scale), most = 0;
    for (int i = 0; i < n; i++)
        most = fmax(most, fabs(ticks[i]));
    int d = fs_tick_decimals(step / div);
    if (!labels->exponent && d <= CAP && most / div < EXPONENT_FROM) {
        out->decimals = d;
        return;
    }
    /* the exponent form: the mantissa decimals the ticks need (nice
     * numbers: at most 2 or 3) */
    out->exponent = true, out->scale = 0;
    for (int i = 0; i < n; i++) {
        if (ticks[i] == 0 || !isfinite(ticks[i]))
            continue;
        double mant;
        int e;
        split_exponent(ticks[i], 6, &mant, &e);
        out->decimals = MAX(out->decimals, MIN(3, exact_decimals(mant, 3)));
    }
}

void fs_numchoice_given(double v, int decimals, fs_compact compact, fs_numchoice *out)
{
    *out = (fs_numchoice){0};
    double a = fabs(v);
    if (!isfinite(v) || v == 0) {
        out->decimals = MAX(0, decimals);
        return;
    }
    if (decimals >= 0) {
        fs_numchoice_pick(&v, 1, FS_NUMS_DATA, decimals, compact, out);
        return;
    }
    /* the shortest form that reads back as v: its significant digits */
    int p = 1;
    for (; p < 17; p++) {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        exp_form(buf, sizeof buf, v, p - 1);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    int e = exp10_of(a);
    int sig = MIN(p, MAX(MAX_SIG, e + 1)); /* never cuts the integer digits */
    int d = MAX(0, sig - 1 - e);
    if (d <= CAP) /* cut to sig digits, then no trailing zeros: 0.30000000000000004 -> 0.3 */
        d = MIN(d, exact_decimals(nearbyint(a * pow(10, d)) / pow(10, d), d));
    if (a >= EXPONENT_FROM || d > CAP) {
        out->exponent = true;
        out->decimals = MIN(p, MAX_SIG) - 1;
        return;
    }
    out->decimals = d;
    int sc = scale_of(a);
    if (sc > 0 && (compact == FS_COMPACT_ON ||
                   (compact == FS_COMPACT_AUTO && int_digits(a) + d > FS_NUMCHOICE_FULL_DIGITS))) {
        /* the same digits, scaled: 648125000000 -> 648.125 bn */
        double div = pow(1000, sc);
        int dc = MAX(0, sig - 1 - (e - 3 * sc));
        dc = MIN(dc, exact_decimals(a / div, dc));
        if (dc <= CAP)
            out->scale = sc, out->decimals = dc;
    }
}

void fs_numchoice_beside(const fs_numchoice *ch, double v, fs_numchoice *out)
{
    if (!isfinite(v) || v == 0) {
        *out = (fs_numchoice){.scale = ch->exponent ? 0 : ch->scale};
        return;
    }
    if (ch->exponent) {
        double mant;
        int e;
        split_exponent(v, MAX_SIG - 1, &mant, &e);
        int d = exact_decimals(mant, MAX_SIG - 1);
        if (d <= MAX_SIG - 1) {
            *out = (fs_numchoice){.exponent = true, .decimals = d};
            return;
        }
    } else {
        double s = v / pow(1000, ch->scale);
        int d = exact_decimals(s, CAP);
        if (d <= CAP && fabs(s) < EXPONENT_FROM) {
            *out = (fs_numchoice){.scale = ch->scale, .decimals = d};
            return;
        }
    }
    fs_numchoice_given(v, -1, ch->scale > 0 ? FS_COMPACT_ON : FS_COMPACT_OFF, out);
}

typedef struct share_rem {
    size_t i;
    double rem;
} share_rem;

static int cmp_rem(const void *a, const void *b)
{
    const share_rem *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem < y->rem ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

void fs_numchoice_round_shares(const double *v, size_t n, int decimals, double *out)
{
    double k = pow(10, decimals), sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i] > 0 ? v[i] : 0;
    g_autofree share_rem *r = g_new(share_rem, n ? n : 1);
    long long whole = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i] > 0 ? v[i] * k : 0;
        /* 1e-6 of a unit: what the division that made the share left over */
        double fl = floor(x + 1e-6);
        out[i] = fl;
        r[i] = (share_rem){i, x - fl};
        whole += (long long)fl;
    }
    /* only a whole row (the shares add up to 100) is made to add up */
    long long left = fabs(sum - 100) < 1e-6 ? llround(100 * k) - whole : 0;
    qsort(r, n, sizeof *r, cmp_rem);
    for (size_t j = 0; j < n && left > 0; j++) {
        if (v[r[j].i] > 0)
            out[r[j].i] += 1, left--;
    }
    for (size_t i = 0; i < n; i++) {
        if (fabs(sum - 100) >= 1e-6 && v[i] > 0)
            out[i] = nearbyint(v[i] * k); /* not a whole row: each on its own */
        out[i] /= k;
        if (v[i] > 0 && out[i] == 0)
            out[i] = 0.25 / k;
    }
}
