/* timeaxis: the dates of a chart's label column on a time axis. When every
 * label is an ISO date of one form (all YYYY, all YYYY-MM or all
 * YYYY-MM-DD; mixed forms are categories), they are days on a line, and
 * the axis takes its ticks at calendar steps: days (1, 2, 7, 14), months
 * (1, 3, 6) or years (1, 2, 5, 10, 20, 50 …), never finer than the data's
 * form. Tick labels are written by the language tables (lang.h): a year
 * "2022", a month "Jan" with its year where the year begins ("Jan 2022"),
 * a day "Jan 5" likewise. Which step is drawn is the caller's choice, by
 * measuring those labels (fs_time_tick_labels()). Dates and strings only:
 * no layout. */
#ifndef FS_TIMEAXIS_H
#define FS_TIMEAXIS_H

#include <stdbool.h>
#include <stddef.h>

/* The form every label has; NONE: they are categories. */
typedef enum { FS_TIME_NONE, FS_TIME_YEAR, FS_TIME_MONTH, FS_TIME_DAY } fs_time_form;

/* Reads the n labels: when all are ISO dates of one form, returns it and
 * fills t[i] with label i's day number (days since 1 January of year 1;
 * a year is its 1 January, a month its first day). Else FS_TIME_NONE (t
 * unspecified). */
fs_time_form fs_time_read(const char *const *labels, size_t n, double *t);

/* A calendar step: count days, months or years. */
typedef enum { FS_STEP_DAY, FS_STEP_MONTH, FS_STEP_YEAR } fs_step_unit;
typedef struct fs_time_step {
    fs_step_unit unit;
    int count;
} fs_time_step;

/* The steps a form can be ticked at, finest first: fills steps (room for
 * 24) and returns how many. */
int fs_time_steps(fs_time_form form, fs_time_step *steps);

/* The ticks of step s within [t0, t1] (day numbers), at most max of them:
 * fills ticks[] and returns the count; -1 when there would be more than
 * max. Ticks fall on calendar boundaries: years divisible by the count,
 * months 1, 4, 7, 10 for quarters, days of the month 1, 15 for 14 … */
int fs_time_ticks(double t0, double t1, fs_time_step s, double *ticks, int max);

/* The label of tick t at step s in lang: the year alone for year steps;
 * for a finer step the month (and day) with the year when with_year (the
 * first tick, or a tick where a new year starts: see fs_time_new_year()).
 * Returns a new string. */
char *fs_time_label(const char *lang, fs_time_step s, double t, bool with_year);

/* Whether day t falls in another year than day prev. */
bool fs_time_new_year(double prev, double t);

/* The date of day number t: year, month 1..12, day 1..31. */
void fs_time_ymd(double t, int *year, int *month, int *day);

/* A date as the alt text writes it, in the data's form: "2022", "2022-05",
 * "2022-05-17". Returns a new string. */
char *fs_time_iso(fs_time_form form, double t);

#endif
