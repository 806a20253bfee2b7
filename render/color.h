/* color: the colour arithmetic layout and lint share. sRGB channels to
 * linear light (IEC 61966-2-1), relative luminance and the WCAG 2.x contrast
 * ratio, and the pick of a label colour that reads on a fill. Colours are
 * 0xRRGGBBAA; alpha is ignored everywhere here. No drawing, no themes beyond
 * reading the two label colours of one. */
#ifndef FS_COLOR_H
#define FS_COLOR_H

#include "theme.h"

#include <stdint.h>

/* An 8-bit sRGB channel value (0..255) as linear light, 0..1. */
double fs_srgb_to_linear(uint32_t v);

/* The three channels of c as linear light, 0..1. */
void fs_color_linear(uint32_t c, double rgb[3]);

/* WCAG 2.x relative luminance of c: 0 (black) to 1 (white). */
double fs_luminance(uint32_t c);

/* WCAG 2.x contrast ratio of two colours: 1 to 21, symmetric. */
double fs_contrast(uint32_t a, uint32_t b);

/* The text colour (t->bar_text_light or bar_text_dark; t NULL = the light
 * theme) that contrasts more with a fill of colour c. */
uint32_t fs_text_on(const fs_theme *t, uint32_t c);

#endif
