/* csvfloor: the raw libcsv callback speed, the floor for `factsheet check`.
 *
 *   csvfloor FILE
 *
 * Reads FILE in 64 KiB blocks, feeds them to csv_parse() with callbacks that
 * only count fields and records, and prints "BYTES FIELDS RECORDS". No
 * validation, no number parsing, no allocation beyond libcsv's own buffer;
 * the same options as render/csvread.c (CSV_STRICT | CSV_STRICT_FINI).
 * Built by tests/bench/bench.sh with `cc -O2 csvfloor.c -lcsv`. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct counts {
    unsigned long long fields, records;
};

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((struct counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((struct counts *)data)->records++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: csvfloor FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 3;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return 3;
    static char buf[65536];
    struct counts c = {0, 0};
    unsigned long long bytes = 0;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        bytes += n;
        if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "csvfloor: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, on_field, on_record, &c);
    csv_free(&p);
    fclose(f);
    printf("%llu %llu %llu\n", bytes, c.fields, c.records);
    return 0;
}
