/* axis: nice ticks and their decimals. See axis.h. */
#include "axis.h"

#include <float.h>
#include <glib.h>
#include <math.h>

int fs_nice_ticks(double lo, double hi, double *ticks, double *step)
{
    if (!isfinite(lo) || !isfinite(hi) || hi < lo)
        lo = 0, hi = 1;
    if (hi == lo) {
        if (lo == 0)
            hi = 1;
        else if (lo > 0)
            lo = 0;
        else
            hi = 0;
    }
    /* Work in a scaled unit so 1e308 and 1e-300 never overflow. */
    double mag = pow(10, floor(log10(fmax(fabs(lo), fabs(hi)))));
    if (!isfinite(mag) || mag == 0)
        mag = 1;
    double a = lo / mag, b = hi / mag; /* both within [-10, 10] */
    static const double steps[] = {0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10};
    double best = 1;
    int best_n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
        double s = steps[i];
        double t0 = floor(a / s + 1e-9) * s, t1 = ceil(b / s - 1e-9) * s;
        int n = (int)lround((t1 - t0) / s) + 1;
        if (n >= 4 && n <= 7) {
            best = s, best_n = n;
            break;
        }
        if (n < 4 && best_n == 0) {
            best = s, best_n = n;
            break;
        }
    }
    if (best_n == 0)
        best = 10;
    double t0 = floor(a / best + 1e-9) * best;
    double t1 = ceil(b / best - 1e-9) * best;
    int n = 0;
    for (double t = t0; t <= t1 + best * 1e-6 && n < 16; t += best) {
        double v = t * mag;
        if (fabs(v) < best * mag * 1e-9)
            v = 0;
        if (!isfinite(v))
            v = (v > 0 ? DBL_MAX : -DBL_MAX);
        ticks[n++] = v;
    }
    *step = best * mag;
    return n;
}

int fs_tick_decimals(double step)
{
    if (!(step > 0) || !isfinite(step))
        return 0;
    /* the fewest decimals that write the step exactly: 2.5 needs one (a
     * step of 2.5 written with none would read 0, 2, 5, 8) */
    for (int dec = 0; dec < 17; dec++) {
        double scaled = step * pow(10, dec), whole = nearbyint(scaled);
        if (whole != 0 && fabs(scaled - whole) <= 1e-6 * scaled)
            return dec;
    }
    return 17;
}
