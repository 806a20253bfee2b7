/* keyvalue: reading the values of a key file, each checked against its
 * key's schema entry. See keyfile.h. */
#include "keyfile_priv.h"

#include <math.h>
#include <string.h>

/* ---- values --------------------------------------------------------------- */

static bool check_escape(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k)
{
    bool list = k->info->type == FS_KEY_LIST;
    g_autoptr(GError) err = NULL;
    /* A lone backslash at the end is refused here: GLib 2.74 sets its
     * GError twice (printing a GLib-WARNING) when such a value also holds
     * an invalid escape before it (found by fuzz_spec). */
    g_autofree char *raw = g_key_file_get_value(kf->kf, g->name, k->key, NULL);
    size_t n = raw ? strlen(raw) : 0, slashes = 0;
    while (slashes < n && raw[n - 1 - slashes] == '\\')
        slashes++;
    bool lone = slashes % 2 == 1;
    if (!lone && list)
        g_strfreev(g_key_file_get_string_list(kf->kf, g->name, k->key, NULL, &err));
    else if (!lone)
        g_free(g_key_file_get_string(kf->kf, g->name, k->key, &err));
    if (lone || g_error_matches(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE)) {
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key,
                        "invalid escape in the value (escapes are \\s \\n \\t \\r \\\\%s)",
                        list ? " \\;" : "");
        return false;
    }
    if (err) { /* not expected: the scan only kept keys GKeyFile accepts */
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "cannot read the value: %s",
                        err->message);
        return false;
    }
    return true;
}

bool fs_keyfile_check_escapes(fs_keyfile *kf)
{
    for (guint i = 0; i < kf->groups->len; i++) {
        const fs_kf_group *g = g_ptr_array_index(kf->groups, i);
        for (guint j = 0; j < g->keys->len; j++)
            if (!check_escape(kf, g, g_ptr_array_index(g->keys, j)))
                return false;
    }
    return true;
}

const fs_kf_key *fs_keyfile_pick(const fs_keyfile *kf, const fs_kf_group *g, const char *name)
{
    const fs_key *e = fs_keyfile_entry(g, name);
    if (e && (e->flags & FS_KEY_LOCALIZED) && kf->lang) {
        g_auto(GStrv) variants = g_get_locale_variants(kf->lang);
        for (char **v = variants; *v; v++) {
            g_autofree char *k = g_strdup_printf("%s[%s]", name, *v);
            const fs_kf_key *rk = fs_keyfile_find(g, k);
            if (rk)
                return rk;
        }
    }
    return fs_keyfile_find(g, name);
}

char *fs_keyfile_value(const fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, bool trim)
{
    char *v = g_key_file_get_string(kf->kf, g->name, k->key, NULL);
    if (!v)
        return g_strdup("");
    return trim ? g_strstrip(v) : v;
}

static const char *hint_of(const fs_key *e)
{
    return e && e->hint ? e->hint : "";
}

/* A required key is absent: say so, and name a localized variant that does
 * not serve this language. */
static void missing(fs_keyfile *kf, const fs_kf_group *g, const char *name, const fs_key *e)
{
    const fs_kf_key *other = NULL;
    for (guint i = 0; !other && i < g->keys->len; i++) {
        const fs_kf_key *k = g_ptr_array_index(g->keys, i);
        if (strcmp(k->base, name) == 0)
            other = k;
    }
    if (other && kf->lang)
        fs_keyfile_fail(kf, FS_ERR_INPUT, g->line, g, NULL,
                        "missing key \"%s\" for language \"%s\" (found only \"%s\"; add \"%s\" or "
                        "\"%s[%s]\")",
                        name, kf->lang, other->key, name, name, kf->lang);
    else if (other)
        fs_keyfile_fail(kf, FS_ERR_INPUT, g->line, g, NULL,
                        "missing key \"%s\" (found only \"%s\"; add a plain \"%s\" or pass --lang)",
                        name, other->key, name);
    else
        fs_keyfile_fail(kf, FS_ERR_INPUT, g->line, g, NULL, "missing key \"%s\"%s", name,
                        hint_of(e));
}

/* The key for name, or NULL: then returns *ok = false after the diagnostic
 * when it is required, else *ok = true. */
static const fs_kf_key *lookup(fs_keyfile *kf, const fs_kf_group *g, const char *name, bool *ok)
{
    const fs_key *e = fs_keyfile_entry(g, name);
    const fs_kf_key *k = fs_keyfile_pick(kf, g, name);
    *ok = true;
    if (!k && e && (e->flags & FS_KEY_REQUIRED)) {
        missing(kf, g, name, e);
        *ok = false;
    }
    return k;
}

bool fs_keyfile_get_text(fs_keyfile *kf, const fs_kf_group *g, const char *name, char **out)
{
    bool ok;
    const fs_kf_key *k = lookup(kf, g, name, &ok);
    if (!k)
        return ok;
    char *v = fs_keyfile_value(kf, g, k, true);
    if (*v == '\0') {
        g_free(v);
        const fs_key *e = fs_keyfile_entry(g, name);
        if (e && (e->flags & FS_KEY_REQUIRED)) {
            fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "must not be empty");
            return false;
        }
        return true;
    }
    *out = v;
    return true;
}

bool fs_keyfile_get_string(fs_keyfile *kf, const fs_kf_group *g, const char *name,
                           const fs_kf_key **kout, char **out)
{
    bool ok;
    const fs_kf_key *k = lookup(kf, g, name, &ok);
    if (kout)
        *kout = k;
    if (!k)
        return ok;
    char *v = fs_keyfile_value(kf, g, k, true);
    if (*v == '\0') {
        g_free(v);
        fs_keyfile_fail(kf, FS_ERR_INPUT, k->line, g, k->key, "empty value%s",
                        hint_of(fs_keyfile_entry(g, name)));
        return false;
    }
    *out = v;
    return true;
}

bool fs_keyfile_get_enum(fs_keyfile *kf, const fs_kf_group *g, const char *name,
                         const char *const *names, int *out)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(kf, g, name, &k, &v))
        return false;
    if (!v)
        return true;
    int i = fs_opts_pick(v, names);
    if (i < 0) {
        g_autofree char *list = g_strjoinv(", ", (char **)names);
        fs_keyfile_bad_value(kf, g, k, v, "is not one of %s", list);
        return false;
    }
    *out = i;
    return true;
}

bool fs_keyfile_get_list(fs_keyfile *kf, const fs_kf_group *g, const char *name, char ***out)
{
    bool ok;
    const fs_kf_key *k = lookup(kf, g, name, &ok);
    if (!k)
        return ok;
    g_auto(GStrv) list = g_key_file_get_string_list(kf->kf, g->name, k->key, NULL, NULL);
    GPtrArray *items = g_ptr_array_new();
    for (char **it = list; it && *it; it++) {
        g_strstrip(*it);
        if (**it)
            g_ptr_array_add(items, g_strdup(*it));
    }
    g_ptr_array_add(items, NULL);
    *out = (char **)g_ptr_array_free(items, FALSE);
    if (!(*out)[0])
        g_clear_pointer(out, g_strfreev);
    return true;
}

/* Whether all of v is one number (fs_value_number). */
static bool whole_number(const char *v, double *x)
{
    size_t n = fs_value_number(v, x);
    return n > 0 && v[n] == '\0';
}

bool fs_keyfile_get_int(fs_keyfile *kf, const fs_kf_group *g, const char *name, long cap, long *out)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(kf, g, name, &k, &v))
        return false;
    if (!v)
        return true;
    const fs_key *e = fs_keyfile_entry(g, name);
    long min = (long)e->min, max = MIN((long)e->max, cap);
    double x;
    if (!whole_number(v, &x) || x != floor(x) || x < (double)min || x > (double)max) {
        fs_keyfile_bad_value(kf, g, k, v, "is not an integer from %ld to %ld", min, max);
        return false;
    }
    *out = (long)x;
    return true;
}

/* A bound in a range message: 1.8e+308 for the largest double. */
static char *bound_text(double x)
{
    return g_strdup_printf(fabs(x) >= 1e15 ? "%.2g" : "%g", x);
}

bool fs_keyfile_check_range(fs_keyfile *kf, const fs_kf_group *g, const fs_kf_key *k, const char *v,
                            double x)
{
    const fs_key *e = fs_keyfile_entry(g, k->base);
    if (x >= e->min && x <= e->max)
        return true;
    g_autofree char *lo = bound_text(e->min), *hi = bound_text(e->max);
    fs_keyfile_bad_value(kf, g, k, v, "is out of range: from %s to %s%s", lo, hi,
                         e->unit ? e->unit : "");
    return false;
}

bool fs_keyfile_get_number(fs_keyfile *kf, const fs_kf_group *g, const char *name,
                           const fs_kf_key **kout, double *out)
{
    const fs_kf_key *k = NULL;
    g_autofree char *v = NULL;
    if (!fs_keyfile_get_string(kf, g, name, &k, &v))
        return false;
    if (kout)
        *kout = k;
    if (!v)
        return true;
    double x;
    if (!whole_number(v, &x)) {
        fs_keyfile_bad_value(kf, g, k, v,
                             "is not a number (expected digits with . for decimals, no "
                             "grouping, e.g. 613 or 1275.5)");
        return false;
    }
    if (!fs_keyfile_check_range(kf, g, k, v, x))
        return false;
    *out = x;
    return true;
}
