/* layoutcheck: reads the --dump-layout text of factsheet on stdin and checks
 * it as numbers: every coordinate finite; no text box outside its page (or,
 * with a margin argument, outside the page minus that margin); no two text
 * boxes overlapping. Prints each problem and exits 1 if there is any.
 *
 *   factsheet chart … --dump-layout | layoutcheck [MARGIN_PT]
 *
 * Also prints "texts N", "pages N" and "slides N" so tests can check counts.
 * A report's dump holds its sheet, then each slide after a line "slide ID":
 * the pages of slides are checked alike but counted as slides, not pages.
 * "panel ID …" lines (a report panel's box) are skipped: tests/gen/gencheck
 * checks them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct box {
    double x, y, w, h;
    int page;
    char line[512];
} box;

int main(int argc, char **argv)
{
    double margin = argc > 1 ? atof(argv[1]) : 0;
    static box boxes[20000];
    int n = 0, pages = 0, slides = 0, bad = 0, in_slide = 0;
    double pw = 0, ph = 0;
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        char kind[16], role[64];
        double a, b, c, d;
        if (!strncmp(line, "slide ", 6)) {
            in_slide = 1;
            continue;
        }
        if (!strncmp(line, "panel ", 6)) /* a panel's box: its items follow */
            continue;
        if (sscanf(line, "page %*d %lf %lf", &pw, &ph) == 2) {
            if (in_slide)
                slides++;
            else
                pages++;
            continue;
        }
        if (sscanf(line, "%15s %63s %lf %lf %lf %lf", kind, role, &a, &b, &c, &d) != 6) {
            printf("unparsed line: %s", line);
            bad = 1;
            continue;
        }
        if (!isfinite(a) || !isfinite(b) || !isfinite(c) || !isfinite(d)) {
            printf("not finite: %s", line);
            bad = 1;
            continue;
        }
        if (strcmp(kind, "text") != 0)
            continue;
        const double eps = 0.01;
        if (a < margin - eps || b < margin - eps || a + c > pw - margin + eps ||
            b + d > ph - margin + eps) {
            printf("outside the page: %s", line);
            bad = 1;
        }
        if (n < 20000) {
            box *bx = &boxes[n++];
            bx->x = a, bx->y = b, bx->w = c, bx->h = d, bx->page = pages + slides;
            snprintf(bx->line, sizeof bx->line, "%.500s", line);
        }
    }
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            box *p = &boxes[i], *q = &boxes[j];
            if (p->page != q->page)
                continue;
            double ox = fmin(p->x + p->w, q->x + q->w) - fmax(p->x, q->x);
            double oy = fmin(p->y + p->h, q->y + q->h) - fmax(p->y, q->y);
            if (ox > 0.5 && oy > 0.5) {
                printf("overlap:\n  %s  %s", p->line, q->line);
                bad = 1;
            }
        }
    }
    printf("pages %d\nslides %d\ntexts %d\n", pages, slides, n);
    return bad;
}
