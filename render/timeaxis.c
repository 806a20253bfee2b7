/* timeaxis: dates on a time axis. See timeaxis.h. */
#include "timeaxis.h"

#include "lang.h"
#include "model.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static double day_number(int y, int m, int d)
{
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
    return (double)g_date_get_julian(&date);
}

void fs_time_ymd(double t, int *year, int *month, int *day)
{
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_julian(&date, (guint32)CLAMP(t, 1, G_MAXUINT32));
    *year = g_date_get_year(&date);
    *month = g_date_get_month(&date);
    *day = g_date_get_day(&date);
}

fs_time_form fs_time_read(const char *const *labels, size_t n, double *t)
{
    fs_time_form form = FS_TIME_NONE;
    for (size_t i = 0; i < n; i++) {
        int y, m, d;
        /* an ISO date is 10 bytes at most: a longer label is a category */
        if (strnlen(labels[i], 11) > 10 || !fs_parse_iso_date(labels[i], &y, &m, &d))
            return FS_TIME_NONE;
        fs_time_form f = d ? FS_TIME_DAY : m ? FS_TIME_MONTH : FS_TIME_YEAR;
        if (i && f != form)
            return FS_TIME_NONE;
        form = f;
        t[i] = day_number(y, m ? m : 1, d ? d : 1);
    }
    return form;
}

int fs_time_steps(fs_time_form form, fs_time_step *steps)
{
    static const int days[] = {1, 2, 7, 14}, months[] = {1, 3, 6};
    int n = 0;
    if (form == FS_TIME_DAY)
        for (size_t i = 0; i < G_N_ELEMENTS(days); i++)
            steps[n++] = (fs_time_step){FS_STEP_DAY, days[i]};
    if (form == FS_TIME_DAY || form == FS_TIME_MONTH)
        for (size_t i = 0; i < G_N_ELEMENTS(months); i++)
            steps[n++] = (fs_time_step){FS_STEP_MONTH, months[i]};
    /* 1, 2, 5, 10, 20, 50 … 5000 years */
    for (int p = 1; p <= 1000; p *= 10)
        for (int k = 0; k < 3; k++)
            steps[n++] = (fs_time_step){FS_STEP_YEAR, p * (k == 0 ? 1 : k == 1 ? 2 : 5)};
    return n;
}

static int days_in_month(int y, int m)
{
    return g_date_get_days_in_month((GDateMonth)m, (GDateYear)y);
}

int fs_time_ticks(double t0, double t1, fs_time_step s, double *ticks, int max)
{
    int n = 0, y, m, d;
    if (!(t0 <= t1))
        return 0;
    fs_time_ymd(t0, &y, &m, &d);
    if (s.unit == FS_STEP_YEAR) {
        /* the first 1 January on or after t0 in a year divisible by count */
        int first = y + (m > 1 || d > 1);
        first += (s.count - first % s.count) % s.count;
        for (int yy = first; yy <= 9999; yy += s.count) {
            double t = day_number(yy, 1, 1);
            if (t > t1)
                break;
            if (n == max)
                return -1;
            ticks[n++] = t;
        }
        return n;
    }
    if (s.unit == FS_STEP_MONTH) {
        if (d > 1)
            m++;
        for (;; m++) {
            if (m > 12)
                m = 1, y++;
            if (y > 9999)
                break;
            if ((m - 1) % s.count)
                continue;
            double t = day_number(y, m, 1);
            if (t > t1)
                break;
            if (n == max)
                return -1;
            ticks[n++] = t;
        }
        return n;
    }
    /* days of the month 1, 1 + count …, none so late that the next month's
     * first day follows closer than count */
    for (double t = ceil(t0); t <= t1; t++) {
        fs_time_ymd(t, &y, &m, &d);
        if ((d - 1) % s.count || d + s.count - 1 > days_in_month(y, m))
            continue;
        if (n == max)
            return -1;
        ticks[n++] = t;
    }
    return n;
}

bool fs_time_new_year(double prev, double t)
{
    int y0, y1, m, d;
    fs_time_ymd(prev, &y0, &m, &d);
    fs_time_ymd(t, &y1, &m, &d);
    return y0 != y1;
}

char *fs_time_label(const char *lang, fs_time_step s, double t, bool with_year)
{
    int y, m, d;
    fs_time_ymd(t, &y, &m, &d);
    if (s.unit == FS_STEP_YEAR)
        return g_strdup_printf("%d", y);
    return fs_lang_date_short(lang, y, m, s.unit == FS_STEP_DAY ? d : 0, with_year);
}

char *fs_time_iso(fs_time_form form, double t)
{
    int y, m, d;
    fs_time_ymd(t, &y, &m, &d);
    if (form == FS_TIME_YEAR)
        return g_strdup_printf("%04d", y);
    if (form == FS_TIME_MONTH)
        return g_strdup_printf("%04d-%02d", y, m);
    return g_strdup_printf("%04d-%02d-%02d", y, m, d);
}
