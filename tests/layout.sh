#!/usr/bin/env bash
# Golden layout dumps: the --dump-layout text of every render-test chart, of
# every edge case, of the default report in each of its languages (the sheet
# and every slide) and of each example spec, compared byte for byte with
# tests/layout/<case>.expected. A change of layout anywhere shows here as a
# diff of numbers, before any pixel is compared. Usage, from the repository
# root:
#
#   bash tests/layout.sh build/factsheet     (UPDATE_LAYOUT=1 rewrites the files:
#                                             `make update-layout`, on request only)
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
EXP=tests/layout
OUT=output/tests/layout
rm -rf "$OUT" && mkdir -p "$OUT"
passed=0 failed=0
source tests/render/cases.sh

# golden NAME COMMAND…: runs the command (which writes the dump to stdout)
# and compares its output with $EXP/NAME.expected.
golden() {
    local name=$1
    shift
    if ! "$@" > "$OUT/$name.layout" 2> "$OUT/$name.err"; then
        echo "FAIL  layout $name: exit $?: $(head -c 300 "$OUT/$name.err")"
        failed=$((failed + 1))
        return
    fi
    if [ "${UPDATE_LAYOUT:-0}" = 1 ]; then
        cp "$OUT/$name.layout" "$EXP/$name.expected"
        passed=$((passed + 1))
        return
    fi
    if cmp -s "$EXP/$name.expected" "$OUT/$name.layout"; then
        passed=$((passed + 1))
    else
        echo "FAIL  layout $name: differs from $EXP/$name.expected (diff $EXP/$name.expected $OUT/$name.layout):"
        diff "$EXP/$name.expected" "$OUT/$name.layout" | head -6 | sed 's/^/      /'
        failed=$((failed + 1))
    fi
}

for c in "${CHARTS[@]}"; do
    IFS='|' read -r name csv args <<< "$c"
    case_argv "$args"
    golden "chart-$name" "$BIN" chart "$csv" "${argv[@]}" --size 960x540 --dump-layout
done
for edge in "${EDGES[@]}"; do
    csv=$DATA/$edge.csv
    golden "edge-$edge" "$BIN" chart "$csv" --label "$(head -1 "$csv" | cut -d, -f1)" \
        --value "$(head -1 "$csv" | cut -d, -f2)" --dump-layout
done
# a report dumps its sheet, then each slide
for lang in en az ru; do
    golden "report-$lang" "$BIN" render data/khojaly/report.ini --lang "$lang" -o "$OUT/report-$lang" --dump-layout
done
golden report-print-bw "$BIN" render data/khojaly/report.ini --lang en --theme print-bw -o "$OUT/report-bw" --dump-layout
# issue 16: a logo, a donut and an image panel, left to right and right to left
for lang in en ar; do
    golden "media-$lang" "$BIN" render tests/render/data/media/media.ini --lang "$lang" -o "$OUT/media-$lang" --dump-layout
done
# a table panel beside a bar chart (issue 16), left to right and right to left
for lang in en ar; do
    golden "report-table-$lang" "$BIN" render "$DATA/table/report.ini" --lang "$lang" -o "$OUT/table-$lang" --dump-layout
done
# bar, line and area panels with annotations under a logo, dark (the logo
# heads each chart panel's slide too)
golden charts-dark-az "$BIN" render "$DATA/charts.ini" --theme dark --lang az -o "$OUT/charts" --dump-layout
for spec in data/examples/*.ini; do
    golden "example-$(basename "$spec" .ini)" "$BIN" render "$spec" -o "$OUT/example" --dump-layout
done

# nothing expected is left without a case
for f in "$EXP"/*.expected; do
    [ -e "$OUT/$(basename "$f" .expected).layout" ] && continue
    echo "FAIL  layout: $f has no case in tests/layout.sh"
    failed=$((failed + 1))
done

echo "layout: $passed passed, $failed failed"
[ $failed = 0 ]
