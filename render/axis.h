/* axis: the arithmetic of a value axis: "nice" tick values covering a
 * range, and the decimals their labels need. Numbers only: no text, no
 * layout. */
#ifndef FS_AXIS_H
#define FS_AXIS_H

/* "Nice" ticks (1-2-5 steps, 4-7 of them) covering [lo, hi]. Returns the
 * count (at most 16) and fills ticks[]; *step gets the step. Always finite. */
int fs_nice_ticks(double lo, double hi, double *ticks, double *step);

/* The decimals tick labels of this step need: the fewest that write it
 * exactly (0 for 1, 2, 5000; 1 for 2.5 and 0.5; 2 for 0.25). */
int fs_tick_decimals(double step);

#endif
