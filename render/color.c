/* color: sRGB linearisation, luminance, contrast. See color.h. */
#include "color.h"

#include <math.h>

/* IEC 61966-2-1 puts the linear segment's end at 0.04045; WCAG 2.x quotes
 * 0.03928 (from an older draft). No 8-bit value lies between the two (10/255
 * = 0.0392, 11/255 = 0.0431), so both give the same result for every colour
 * this program reads: the standard's value is used. */
double fs_srgb_to_linear(uint32_t v)
{
    double c = (double)v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

void fs_color_linear(uint32_t c, double rgb[3])
{
    rgb[0] = fs_srgb_to_linear((c >> 24) & 0xff);
    rgb[1] = fs_srgb_to_linear((c >> 16) & 0xff);
    rgb[2] = fs_srgb_to_linear((c >> 8) & 0xff);
}

double fs_luminance(uint32_t c)
{
    double rgb[3];
    fs_color_linear(c, rgb);
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

double fs_contrast(uint32_t a, uint32_t b)
{
    double la = fs_luminance(a), lb = fs_luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

uint32_t fs_text_on(const fs_theme *t, uint32_t c)
{
    t = fs_theme_or_light(t);
    return fs_contrast(t->bar_text_light, c) >= fs_contrast(t->bar_text_dark, c)
               ? t->bar_text_light
               : t->bar_text_dark;
}
