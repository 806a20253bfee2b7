#!/usr/bin/env bash
# Contact sheets of generated cases, to look at what no invariant checks:
# the first CHARTS charts and REPORTS reports (page 1) from seed SEED0 on,
# drawn as gencheck draws them, tiled into output/contact/charts.png and
# output/contact/reports.png.
#   bash tests/gen/contact.sh BIN GENCHECK CONTACT [SEED0] [CHARTS] [REPORTS]
set -euo pipefail
BIN=$1 GEN=$2 CONTACT=$3 SEED=${4:-5001} NCHART=${5:-50} NREPORT=${6:-10}
OUT=output/contact
rm -rf "$OUT" && mkdir -p "$OUT"
charts=() reports=()
while [ ${#charts[@]} -lt "$NCHART" ] || [ ${#reports[@]} -lt "$NREPORT" ]; do
    dir=$OUT/$SEED
    "$GEN" --bin "$BIN" --seed "$SEED" --keep "$dir" > "$dir.log" 2>&1 || true
    kind=$(sed -n "1s/^seed $SEED: \([a-z]*\).*/\1/p" "$dir.log")
    img=
    if [ "$kind" = chart ] && [ ${#charts[@]} -lt "$NCHART" ]; then
        f=$(ls "$dir"/chart.png "$dir"/chart.svg "$dir"/chart.pdf 2> /dev/null | head -1 || true)
        case $f in
        *.png) img=$f ;;
        *.svg) rsvg-convert "$f" -o "$dir/chart-svg.png" && img=$dir/chart-svg.png ;;
        *.pdf) pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$f" "$dir/chart-pdf" && img=$dir/chart-pdf.png ;;
        esac
        [ -n "$img" ] && charts+=("$img")
    elif [ "$kind" = report ] && [ ${#reports[@]} -lt "$NREPORT" ]; then
        f=$(ls "$dir"/out/*.pdf 2> /dev/null | head -1 || true)
        if [ -n "$f" ]; then
            pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$f" "$dir/page1" && reports+=("$dir/page1.png")
        fi
    fi
    SEED=$((SEED + 1))
done
"$CONTACT" "$OUT/charts.png" 5 360 "${charts[@]}"
"$CONTACT" "$OUT/reports.png" 5 300 "${reports[@]}"
echo "contact: $OUT/charts.png (${#charts[@]} charts), $OUT/reports.png (${#reports[@]} reports), seeds to $((SEED - 1))"
