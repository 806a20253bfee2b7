#!/usr/bin/env bash
# Render tests (cairo test-suite style), layout tests, determinism and
# atomicity. Usage, from the repository root:
#
#   bash tests/render.sh build/factsheet        (UPDATE_REFS=1 to rewrite references)
#
# Reference images live in tests/render/reference/<case>.png. Each case is
# rendered into output/tests/<case>.png and compared with tools/imgdiff:
# a pixel counts as changed when a channel differs by more than 8, and the case
# fails when more than 1 pixel in 1000 changed. On failure the output and a
# diff image are kept and the three paths printed.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOOLS=$(dirname "$BIN")/tests
ROOT=$(pwd)
DATA=tests/render/data
REF=tests/render/reference
OUT=output/tests
mkdir -p "$OUT"
failed=0 passed=0 skipped=0

fail() { echo "FAIL  $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
skip() { echo "skip  $*"; skipped=$((skipped + 1)); }

# compare CASE OUT.png [CHANNEL PERMILLE]
compare() {
    local name=$1 out=$2 tol=${3:-8} pm=${4:-1}
    local ref=$REF/$name.png
    if [ "${UPDATE_REFS:-0}" = 1 ]; then
        cp "$out" "$ref"
        echo "ref   $ref updated"
        return
    fi
    if [ ! -f "$ref" ]; then
        fail "$name: no reference image $ref (make update-refs)"
        return
    fi
    local res
    res=$("$TOOLS/imgdiff" "$ref" "$out" "$OUT/$name.diff.png" "$tol" "$pm")
    case $? in
        0) pass ;;
        *) fail "$name: $res"; echo "      reference $ref"; echo "      output    $out"
           echo "      diff      $OUT/$name.diff.png" ;;
    esac
}

# ---- chart cases (tests/render/cases.sh: name | csv | args) ------------------
source tests/render/cases.sh

for c in "${CHARTS[@]}"; do
    IFS='|' read -r name csv args <<< "$c"
    case_argv "$args"
    out=$OUT/$name.png
    rm -f "$out"
    if ! "$BIN" chart "$csv" "${argv[@]}" --size 960x540 -o "$out" --dump-layout > "$OUT/$name.layout" 2> "$OUT/$name.err"; then
        fail "$name: exit $? $(head -c 300 "$OUT/$name.err")"
        continue
    fi
    if ! "$TOOLS/layoutcheck" < "$OUT/$name.layout" > "$OUT/$name.check"; then
        fail "$name: layout: $(head -5 "$OUT/$name.check" | tr '\n' ' ')"
    else
        pass
    fi
    compare "$name" "$out"
done

# every label of every script appears in the layout, whole (the dump quotes it)
while IFS=, read -r label value; do
    [ "$label" = label ] && continue
    grep -qF "\"$label\"" "$OUT/scripts.layout" && pass || fail "scripts: label $label missing from the layout"
done < "$DATA/scripts.csv"

# ---- labels that never overprint, never break inside a word (issue 15) ------
# value labels inside their bars (x, y, w, h of the dump) and beyond them
sides() {
    awk '$1 == "rect" && $2 == "bar" { n++; bx[n] = $3; by[n] = $4; bw[n] = $5; bh[n] = $6 }
         $1 == "text" && $2 == "value" { m++; vx[m] = $3; vy[m] = $4; vw[m] = $5; vh[m] = $6 }
         END { for (i = 1; i <= m; i++) { ins = 0
                   for (j = 1; j <= n; j++)
                       if (vx[i] >= bx[j] - 0.01 && vx[i] + vw[i] <= bx[j] + bw[j] + 0.01 &&
                           vy[i] >= by[j] - 0.01 && vy[i] + vh[i] <= by[j] + bh[j] + 0.01) ins = 1
                   if (ins) a++; else b++ }
               print a + 0, b + 0 }' "$1"
}
# grouped vertical bars: two-digit values fit inside, three-digit ones do not:
# one rule for the chart, so all 24 beyond their bars
read -r in out <<< "$(sides "$OUT/grouped-vertical.layout")"
[ "$in" = 0 ] && [ "$out" = 24 ] && pass || fail "grouped-vertical: $in value labels inside, $out beyond (want 0, 24)"
# 40 countries under vertical bars: every name whole, turned, none broken
[ "$(grep -c '^text label .* angle=\(45\|90\)' "$OUT/countries-vertical.layout")" = 40 ] && pass ||
    fail "countries-vertical: the 40 labels are not all turned"
! grep -q '^text label .*\(wordwider\|breaks=\)' "$OUT/countries-vertical.layout" && pass ||
    fail "countries-vertical: a label broken: $(grep '^text label .*\(wordwider\|breaks=\)' "$OUT/countries-vertical.layout" | head -1)"
tail -n +2 "$DATA/countries.csv" | cut -d, -f1 | while read -r name; do
    grep -qF "\"$name\"" "$OUT/countries-vertical.layout" || echo "$name"
done > "$OUT/countries-missing"
[ ! -s "$OUT/countries-missing" ] && pass || fail "countries-vertical: labels not whole: $(head -3 "$OUT/countries-missing" | tr '\n' ' ')"
# stacks with negative parts: no net sum at the end of the positive part
# (North: 120 and -125, labelled "-5" at +120); the segments keep theirs
! grep -qE '^text value .*"(−5|70|−50|45)"' "$OUT/stacked-negatives.layout" && pass ||
    fail "stacked-negatives: a net total is drawn: $(grep -E '^text value .*"(−5|70|−50|45)"' "$OUT/stacked-negatives.layout" | head -1)"
grep -q '^text value .*"120"' "$OUT/stacked-negatives.layout" && grep -q '^text value .*"−125"' "$OUT/stacked-negatives.layout" && pass ||
    fail "stacked-negatives: segment labels missing"
# months as categories: in the language's short form, a repeated year left out
grep -q '^text label .*"янв\. 2023"' "$OUT/months.layout" && ! grep -q '"2023-' "$OUT/months.layout" && pass ||
    fail "months: ISO months not written as dates: $(grep '^text label' "$OUT/months.layout" | head -2 | tr '\n' ' ')"

# stacked segments too small for their labels lose them (Gamma's 0.2, and
# Alpha's 1.0: every label has the one decimal 0.2 needs), and a note says so
grep -q '^text note .*"2 segment labels too small to print are left out' "$OUT/tiny-segments.layout" && pass ||
    fail "tiny-segments: no note about the dropped label"

# numbers at every magnitude (numchoice.h): tiny values get two significant
# digits, never "0.00", and the PNG's alt text says them as the labels do
nbsp=$'\xc2\xa0'
! grep -q '^text value .*"0\.00* ' "$OUT/tiny-values.layout" && grep -qF '"0.00055 mg/m³"' "$OUT/tiny-values.layout" && pass ||
    fail "tiny-values: a value label reads 0.00: $(grep '^text value' "$OUT/tiny-values.layout" | head -2)"
grep -aqF 'Benzene 0.00120 mg/m³; Toluene 0.00470 mg/m³' "$OUT/tiny-values.png" && pass ||
    fail "tiny-values: the PNG's alt text does not say the numbers as drawn"
# billions: compact labels and ticks, not "648,125,000,000"
grep -qF "\"648${nbsp}bn\"" "$OUT/billions.layout" && grep -qF "\"800${nbsp}bn\"" "$OUT/billions.layout" &&
    ! grep -q '"[0-9]*,[0-9]*,[0-9]*,' "$OUT/billions.layout" && pass ||
    fail "billions: no compact labels: $(grep -E '^text (value|tick)' "$OUT/billions.layout" | head -2)"
# percent: each row's labels add up to 100 (largest remainders), where
# rounding each on its own gives 101 (North) and 99 (South)
sums=$(awk -F'"' '$1 ~ /^text value / { sub(/%$/, "", $2); s += $2; if (++n % 3 == 0) { printf "%d ", s; s = 0 } }' \
    "$OUT/percent-rounding.layout")
[ "$sums" = "100 100 100 100 " ] && pass || fail "percent-rounding: row sums $sums"
# a stat prints its number as given: 0.0012, 3.14159, not 0.00 and 3.14
rm -rf "$OUT/stats"
if "$BIN" render "$DATA/stats.ini" -o "$OUT/stats" --format pdf,png --dump-layout > "$OUT/stats.layout" 2> "$OUT/stats.err"; then
    for fig in '0.0012 mg/m³' 3.14159 "648.125${nbsp}bn" '−0.000025'; do
        [ "$(grep -cF "text stat" "$OUT/stats.layout" | head -1)" -ge 4 ] && grep -qF "\"$fig\"" "$OUT/stats.layout" && pass ||
            fail "stats: $fig missing: $(grep '^text stat' "$OUT/stats.layout" | head -4 | tr '\n' ' ')"
    done
    grep -aqF '0.0012 mg/m³ benzene in the air' "$OUT/stats/stats-tiny.png" && pass ||
        fail "stats: the slide's alt text does not say 0.0012"
    pdftoppm -png -r 60 -singlefile "$OUT/stats/stats.pdf" "$OUT/stats-page1" && compare stats-page1 "$OUT/stats-page1.png"
else
    fail "stats: $(cat "$OUT/stats.err")"
fi

# fonts come from fonts/ only: an empty font folder is one clear error
mkdir -p "$OUT/nofonts"
FACTSHEET_FONT_DIR=$OUT/nofonts "$BIN" chart "$DATA/one-row.csv" --label a --value b -o "$OUT/nofonts/x.png" 2> "$OUT/nofonts.err"
rc=$?
[ $rc = 1 ] && [ "$(wc -l < "$OUT/nofonts.err")" = 1 ] && grep -q "make fonts" "$OUT/nofonts.err" && [ ! -e "$OUT/nofonts/x.png" ] && pass ||
    fail "missing fonts: exit $rc, $(cat "$OUT/nofonts.err")"

# ---- edge data: finite geometry, nothing outside, no overlap ----------------
for edge in "${EDGES[@]}"; do
    if "$BIN" chart "$DATA/$edge.csv" --label "$(head -1 "$DATA/$edge.csv" | cut -d, -f1)" \
        --value "$(head -1 "$DATA/$edge.csv" | cut -d, -f2)" --dump-layout > "$OUT/edge-$edge.layout" 2>&1 &&
        "$TOOLS/layoutcheck" < "$OUT/edge-$edge.layout" > "$OUT/edge-$edge.check" &&
        ! grep -qiE 'nan|inf' "$OUT/edge-$edge.layout"; then
        pass
    else
        fail "edge $edge: $(head -3 "$OUT/edge-$edge.check" 2>/dev/null | tr '\n' ' ')"
    fi
done

# An SVG's text is <text> naming the bundled fonts: rsvg-convert draws it
# with those files only, through a fontconfig file that lists fonts/ alone
# (as fonts.c does), not with whatever the machine has installed.
printf '<?xml version="1.0"?>\n<fontconfig><dir>%s/fonts</dir><cachedir>%s/%s/fc-cache</cachedir></fontconfig>\n' \
    "$ROOT" "$ROOT" "$OUT" > "$OUT/fonts.conf"
svg_png() { FONTCONFIG_FILE="$ROOT/$OUT/fonts.conf" rsvg-convert "$@"; }

# ---- the same layout in PDF and SVG as in PNG --------------------------------
if command -v pdftoppm > /dev/null && command -v rsvg-convert > /dev/null; then
    "$BIN" chart "$DATA/grouped.csv" --label region --value 2021,2022,2023 --title "Formats" \
        --size 960x540 -o "$OUT/formats.png" &&
    "$BIN" chart "$DATA/grouped.csv" --label region --value 2021,2022,2023 --title "Formats" \
        --size 960x540pt -o "$OUT/formats.pdf" &&
    "$BIN" chart "$DATA/grouped.csv" --label region --value 2021,2022,2023 --title "Formats" \
        --size 960x540 -o "$OUT/formats.svg" || fail "formats: render failed"
    pdftoppm -png -r 72 -singlefile "$OUT/formats.pdf" "$OUT/formats-pdf"
    svg_png "$OUT/formats.svg" -o "$OUT/formats-svg.png"
    # rasterizers differ in antialiasing at edges (about 9 per mille here): a
    # shifted layout moves whole bars and words, far beyond 20 per mille
    for f in pdf svg; do
        res=$("$TOOLS/imgdiff" "$OUT/formats.png" "$OUT/formats-$f.png" "$OUT/formats-$f.diff.png" 96 20)
        [ $? = 0 ] && pass || fail "formats: $f differs from png: $res ($OUT/formats-$f.diff.png)"
    done
    # the annotations (a highlighted bar, a target line) alike in all three
    annot=(chart "$DATA/shares.csv" --label country --value share --highlight Spain
        --reference "50: Target" --title "Annotations")
    "$BIN" "${annot[@]}" --size 960x540 -o "$OUT/formats-annot.png" &&
    "$BIN" "${annot[@]}" --size 960x540pt -o "$OUT/formats-annot.pdf" &&
    "$BIN" "${annot[@]}" --size 960x540 -o "$OUT/formats-annot.svg" || fail "formats-annot: render failed"
    pdftoppm -png -r 72 -singlefile "$OUT/formats-annot.pdf" "$OUT/formats-annot-pdf"
    rsvg-convert "$OUT/formats-annot.svg" -o "$OUT/formats-annot-svg.png"
    for f in pdf svg; do
        res=$("$TOOLS/imgdiff" "$OUT/formats-annot.png" "$OUT/formats-annot-$f.png" \
            "$OUT/formats-annot-$f.diff.png" 96 20)
        [ $? = 0 ] && pass || fail "formats-annot: $f differs from png: $res"
    done
else
    skip "PDF/SVG vs PNG comparison: pdftoppm or rsvg-convert not installed"
fi

# ---- SVG text: <text> elements that draw as the outlines do ------------------
# For every script (en, az, ru, ar, Armenian, Greek, emoji), horizontal,
# vertical and turned labels, and the report's slides: the SVG with text
# (the default) is valid XML that rsvg-convert reads, each text item of
# the layout is one <text> (searchable, in logical order), and drawn with
# the bundled fonts it matches the outline SVG (--svg-outlines) within the
# render tests' tolerance.
svgtext_case() { # NAME LANG ARGS…
    local name=$1 lang=$2
    shift 2
    local t=$OUT/svgtext-$name
    if ! "$BIN" chart "$@" -o "$t.svg" --dump-layout > "$t.layout" 2> "$t.err" ||
        ! "$BIN" chart "$@" -o "$t-outlines.svg" --svg-outlines 2>> "$t.err"; then
        fail "svg text $name: $(head -c 300 "$t.err")"
        return
    fi
    local res
    res=$(python3 tests/tools/svgtext.py "$t.svg" "$t.layout" $lang) && pass || fail "svg text $name: $res"
    [ "$(grep -c '<text' "$t-outlines.svg")" = 0 ] && pass || fail "svg text $name: --svg-outlines wrote <text>"
    if svg_png "$t.svg" -o "$t.png" 2> "$t.err" && svg_png "$t-outlines.svg" -o "$t-outlines.png"; then
        res=$("$TOOLS/imgdiff" "$t-outlines.png" "$t.png" "$t.diff.png" 8 1) && pass ||
            fail "svg text $name: differs from the outlines: $res ($t.diff.png)"
    else
        fail "svg text $name: rsvg-convert: $(head -c 300 "$t.err")"
    fi
}
if command -v rsvg-convert > /dev/null && command -v python3 > /dev/null; then
    for c in "${CHARTS[@]}"; do
        IFS='|' read -r name csv args <<< "$c"
        case_argv "$args"
        lang=
        for ((i = 0; i < ${#argv[@]}; i++)); do [ "${argv[$i]}" = --lang ] && lang=${argv[$((i + 1))]}; done
        svgtext_case "$name" "$lang" "$csv" "${argv[@]}" --size 960x540
    done
    for lang in az ru ar; do
        svgtext_case "scripts-$lang" $lang "$DATA/scripts.csv" --label label --value value --lang $lang \
            --title "Scripts ($lang) 2023" --size 800x450
        svgtext_case "scripts-vertical-$lang" $lang "$DATA/scripts.csv" --label label --value value \
            --lang $lang --orientation vertical --size 800x450
    done
    # the report's slides, in each of its languages
    rm -rf "$OUT/svgtext-report" "$OUT/svgtext-report-outlines"
    if "$BIN" render data/khojaly/report.ini --lang all --format svg -o "$OUT/svgtext-report" &&
        "$BIN" render data/khojaly/report.ini --lang all --format svg --svg-outlines \
            -o "$OUT/svgtext-report-outlines"; then
        for f in "$OUT"/svgtext-report/*.svg; do
            b=$(basename "$f" .svg)
            grep -q "<text" "$f" && python3 -c "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])" "$f" && pass || fail "svg text report $b: no <text> or not XML"
            svg_png "$f" -o "${f%.svg}.png" && svg_png "$OUT/svgtext-report-outlines/$b.svg" -o "${f%.svg}-outlines.png"
            res=$("$TOOLS/imgdiff" "${f%.svg}-outlines.png" "${f%.svg}.png" "${f%.svg}.diff.png" 8 1) && pass ||
                fail "svg text report $b: differs from the outlines: $res"
        done
        grep -q '<svg xml:lang="az"' "$OUT/svgtext-report/khojaly-killed.az.svg" && pass || fail "svg text report: no xml:lang=az"
        grep -q 'font-family="Inter, sans-serif"' "$OUT/svgtext-report/khojaly-killed.svg" && pass ||
            fail "svg text report: no font-family naming Inter"
    else
        fail "svg text report: render failed"
    fi
    # svg_text = false in a spec gives outlines; --svg-text overrides it
    rm -rf "$OUT/svgtext-spec" && mkdir -p "$OUT/svgtext-spec"
    printf '[report]\nname = r\ntitle = T\nsvg_text = false\n[panel a]\ntype = stat\nvalue = 1\ncaption = one\n' \
        > "$OUT/svgtext-spec/r.ini"
    "$BIN" render "$OUT/svgtext-spec/r.ini" --format svg -o "$OUT/svgtext-spec/o" &&
        "$BIN" render "$OUT/svgtext-spec/r.ini" --format svg --svg-text -o "$OUT/svgtext-spec/t" &&
        ! grep -q '<text' "$OUT/svgtext-spec/o/r-a.svg" && grep -q '>one</tspan>' "$OUT/svgtext-spec/t/r-a.svg" && pass ||
        fail "svg text: svg_text = false, or --svg-text over it, not followed"
    # the same bytes twice
    "$BIN" chart "$DATA/scripts.csv" --label label --value value --lang ar -o "$OUT/svgtext-det1.svg" &&
        "$BIN" chart "$DATA/scripts.csv" --label label --value value --lang ar -o "$OUT/svgtext-det2.svg" &&
        cmp -s "$OUT/svgtext-det1.svg" "$OUT/svgtext-det2.svg" && pass || fail "svg text: differs between runs"
else
    skip "SVG text: rsvg-convert or python3 not installed"
fi

# ---- the default report -----------------------------------------------------
rm -rf "$OUT/report" && mkdir -p "$OUT/report"
if "$BIN" render data/khojaly/report.ini --lang en -o "$OUT/report" --dump-layout > "$OUT/report.layout" 2> "$OUT/report.err"; then
    pass
    # inside the 15 mm margins, nothing overlapping, one page
    if "$TOOLS/layoutcheck" 42 < "$OUT/report.layout" > "$OUT/report.check"; then pass
    else fail "report layout: $(head -5 "$OUT/report.check" | tr '\n' ' ')"; fi
    grep -q '^pages 1$' "$OUT/report.check" && pass || fail "report: expected 1 page, $(grep pages "$OUT/report.check")"
    grep -q 'Figures as reported' "$OUT/report.layout" && pass || fail "report: no 'Figures as reported' line"
    grep -q '31 years passes since Khojaly genocide' "$OUT/report.layout" && pass || fail "report: no source line"
    for fig in 613 106 63 70 '1,275' 150 475 '2,500' 8 25 130 51 50; do
        grep -qE "\"$fig\"|[^0-9,]$fig[^0-9,]" "$OUT/report.layout" && pass || fail "report: figure $fig missing"
    done
    for y in 1992 1994 2012 2023; do
        grep -q "$y" "$OUT/report.layout" && pass || fail "report: event year $y missing"
    done
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/report/khojaly.pdf" "$OUT/report-page1"
        compare report-page1 "$OUT/report-page1.png"
    else
        skip "report page image: pdftoppm not installed"
    fi
    for panel in killed-total captured orphans timeline recognition; do
        compare "slide-$panel" "$OUT/report/khojaly-$panel.png"
    done
else
    fail "report: $(cat "$OUT/report.err")"
fi

# ---- themes: print-bw keeps series apart by pattern, a theme file applies ------
# every series of the print-bw chart has its own fill colour and pattern, and
# a label inside a patterned bar sits on a plain patch of the bar's fill
awk '$1 == "rect" && $2 == "bar" { k[$7 " " ($8 == "" ? "solid" : $8)] = 1 }
    END { n = 0; for (x in k) n++; exit n != 8 }' "$OUT/print-bw.layout" && pass ||
    fail "print-bw: the 8 series do not have 8 distinct fills"
[ "$(grep -c '^rect bar .* \(hatch\|dots\|crosshatch\|horizontal\|backhatch\|vertical\)$' "$OUT/print-bw.layout")" -ge 18 ] && pass ||
    fail "print-bw: patterned bars missing from the layout"
grep -q '^rect label-bg ' "$OUT/print-bw.layout" && pass || fail "print-bw: no plain patch under a label in a patterned bar"
rm -rf "$OUT/report-bw"
if "$BIN" render data/khojaly/report.ini --lang en --theme print-bw --format pdf -o "$OUT/report-bw" \
    --dump-layout > "$OUT/report-bw.layout" 2> "$OUT/report-bw.err"; then
    "$TOOLS/layoutcheck" 42 < "$OUT/report-bw.layout" > "$OUT/report-bw.check" && pass ||
        fail "report print-bw layout: $(head -4 "$OUT/report-bw.check" | tr '\n' ' ')"
    grep -q '^icon person .*' "$OUT/report-bw.layout" && pass || fail "report print-bw: no pictogram"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/report-bw/khojaly.pdf" "$OUT/report-bw-page1"
        compare report-bw-page1 "$OUT/report-bw-page1.png"
    fi
else
    fail "report print-bw: $(cat "$OUT/report-bw.err")"
fi
# lint: the default report (every language, sheet and slides) is clean in
# every shipped theme, so --strict passes
for t in light dark print-bw; do
    "$BIN" lint data/khojaly/report.ini --theme $t --strict 2> "$OUT/lint-$t.err"; rc=$?
    [ $rc = 0 ] && [ ! -s "$OUT/lint-$t.err" ] && pass || fail "lint $t: exit $rc, $(head -3 "$OUT/lint-$t.err")"
done
# a house theme: only the accent and a weight set, the rest from light
house=$OUT/house
rm -rf "$house" && mkdir -p "$house"
printf '[colors]\naccent = #7a1f5c\n[fonts]\ntitle_weight = 600\n' > "$house/house.ini"
"$BIN" chart "$DATA/one-row.csv" --label a --value b --theme "$house/house.ini" --dump-layout > "$house/layout" 2> "$house/err" &&
    grep -q '^rect bar .* #7a1f5cff$' "$house/layout" && pass || fail "house theme: accent not applied: $(cat "$house/err")"
"$BIN" chart "$DATA/one-row.csv" --label a --value b --theme light --dump-layout > "$house/light" &&
    diff <(grep -v '^rect bar' "$house/layout") <(grep -v '^rect bar' "$house/light") > /dev/null && pass ||
    fail "house theme: keys it does not set differ from light"

# ---- right to left: bars anchored right, labels right of the axis ------------
axis=$(awk '$1 == "line" && $2 == "axis" { print $3; exit }' "$OUT/rtl.layout")
awk -v a="$axis" '$1 == "rect" && $2 == "bar" { n++; d = $3 + $5 - a; if (d > 0.05 || d < -0.05) bad = 1 }
    END { exit bad || n == 0 }' "$OUT/rtl.layout" && pass || fail "rtl: bars do not all end at the axis ($axis)"
awk -v a="$axis" '$1 == "text" && $2 == "label" && $3 < a { bad = 1 } END { exit bad }' "$OUT/rtl.layout" && pass ||
    fail "rtl: a category label sits left of the axis"
awk '$1 == "text" && $2 == "title" { exit !($3 + $5 > 900) }' "$OUT/rtl.layout" && pass ||
    fail "rtl: the title is not aligned right"

# ---- a long spec flows onto further pages, a panel never split --------------
long=$OUT/long-spec
rm -rf "$long" && mkdir -p "$long"
cp data/khojaly/captured.csv "$long/"
{
    printf '[report]\nname = long\ntitle = A long report\nsource = Test\n'
    for i in $(seq 1 12); do
        printf '\n[panel s%d]\ntype = stat\nspan = 6\ntitle = Stat %d\nvalue = %d\ncaption = things counted\ncompare = a line of comparison under the number\n' "$i" "$i" "$((i * 100))"
        printf '\n[panel b%d]\ntype = bar\nspan = 6\ntitle = Bars %d\ndata = captured.csv\nlabel = group\nvalue = count\n' "$i" "$i"
    done
} > "$long/report.ini"
if "$BIN" render "$long/report.ini" -o "$long/out" --format pdf --dump-layout > "$long/layout" 2> "$long/err"; then
    "$TOOLS/layoutcheck" 42 < "$long/layout" > "$long/check" && pass || fail "long spec layout: $(head -3 "$long/check" | tr '\n' ' ')"
    pages=$(grep -c '^page ' "$long/layout")
    [ "$pages" -ge 3 ] && pass || fail "long spec: expected 3 or more pages, got $pages"
    # every panel title appears exactly once: nothing lost, nothing split
    for i in $(seq 1 12); do
        [ "$(grep -c "\"Stat $i\"" "$long/layout")" = 1 ] && [ "$(grep -c "\"Bars $i\"" "$long/layout")" = 1 ] && pass ||
            fail "long spec: panel $i missing or repeated"
    done
    grep -q "\"1 / $pages\"" "$long/layout" && pass || fail "long spec: no page number 1 / $pages"
else
    fail "long spec: $(cat "$long/err")"
fi

# ---- a table panel of 12 rows x 4 columns beside a bar chart (issue 16) -------
# in en, az, ru and ar, in PDF, PNG and SVG: numbers on the decimal sign in
# the language's format, hyphenated names whole, tagged Table/TR/TH/TD
tbl=$OUT/report-table
rm -rf "$tbl" && mkdir -p "$tbl"
for lang in en az ru ar; do
    if "$BIN" render "$DATA/table/report.ini" --lang "$lang" -o "$tbl/$lang" --dump-layout > "$tbl/$lang.layout" 2> "$tbl/$lang.err"; then
        "$TOOLS/layoutcheck" 42 < "$tbl/$lang.layout" > "$tbl/$lang.check" && pass ||
            fail "report-table $lang layout: $(head -3 "$tbl/$lang.check" | tr '\n' ' ')"
        [ "$(grep -c '^text table-head' "$tbl/$lang.layout")" -ge 4 ] && pass || fail "report-table $lang: no header row"
        ! grep -q '^text table-.*\(wordwider\|ellipsized\)' "$tbl/$lang.layout" && pass || fail "report-table $lang: a word broken or cut"
        sfx=".$lang" && [ "$lang" = en ] && sfx=
        for f in regions$sfx.pdf regions-regions$sfx.png regions-regions$sfx.svg regions-people$sfx.svg; do
            [ -s "$tbl/$lang/$f" ] && pass || fail "report-table $lang: no $f"
        done
        pdf=$(ls "$tbl/$lang"/*.pdf | head -1)
        if command -v pdfinfo > /dev/null; then
            pdfinfo -struct "$pdf" > "$tbl/$lang.struct" 2>&1
            [ "$(grep -c '^ *TH$' "$tbl/$lang.struct")" = 4 ] && [ "$(grep -c '^ *TR$' "$tbl/$lang.struct")" = 13 ] &&
                [ "$(grep -c '^ *TD$' "$tbl/$lang.struct")" = 48 ] && pass || fail "report-table $lang: tags $(grep -c TD "$tbl/$lang.struct") TD"
        fi
        if command -v pdftoppm > /dev/null; then
            pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$OUT/report-table-$lang-page1"
            compare "report-table-$lang-page1" "$OUT/report-table-$lang-page1.png"
        fi
    else
        fail "report-table $lang: $(cat "$tbl/$lang.err")"
    fi
done
grep -q '"2,336,600"' "$tbl/en.layout" && grep -q '"23.0"' "$tbl/en.layout" && pass || fail "report-table en: numbers"
grep -q '"23,0"' "$tbl/ru.layout" && grep -q '"Ленкорань-Астара"' "$tbl/ru.layout" && pass || fail "report-table ru: numbers or names"
compare report-table-slide "$tbl/en/regions-regions.png"
# a table of 70 rows continues on a second page, its header repeated there
if "$BIN" render "$DATA/table/long.ini" -o "$tbl/long" --format pdf,png --dump-layout > "$tbl/long.layout" 2> "$tbl/long.err"; then
    "$TOOLS/layoutcheck" 42 < "$tbl/long.layout" > "$tbl/long.check" && pass ||
        fail "long table layout: $(head -3 "$tbl/long.check" | tr '\n' ' ')"
    [ "$(grep -c '^page ' "$tbl/long.layout")" -ge 3 ] && pass || fail "long table: expected two sheet pages and a slide"
    [ "$(grep -c '^text table-head .*"District"' "$tbl/long.layout")" -ge 3 ] && pass || fail "long table: header not repeated"
    for i in $(seq 1 70); do
        [ "$(grep -c "^text table-cell .*\"[A-Za-z ]* $i\"" "$tbl/long.layout")" -ge 1 ] || { fail "long table: row $i missing"; break; }
    done
    [ "$(grep -c '^text panel-subtitle' "$tbl/long.layout")" = 1 ] && [ "$(grep -c '^text panel-note' "$tbl/long.layout")" -ge 1 ] && pass ||
        fail "long table: subtitle or note repeated"
    grep -q 'rows shown; the PDF has them all' "$tbl/long.layout" && pass || fail "long table: the slide does not say it shows part"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 2 -l 2 -singlefile "$tbl/long/long-table.pdf" "$OUT/long-table-page2"
        compare long-table-page2 "$OUT/long-table-page2.png"
    fi
else
    fail "long table: $(cat "$tbl/long.err")"
fi

# ---- a report bar panel of 12 months in half the page (issue 15) -------------
# value labels overprinted ("12,400" over "11,800"), the months broke as
# "20 / 23- / 01", and lint --strict passed
mon=$OUT/report-months
rm -rf "$mon" && mkdir -p "$mon"
cp "$DATA/months.csv" "$mon/"
printf '[report]\nname = months\ntitle = Visitors by month\nsource = Test data\npage = A4\n
[panel visitors]\ntype = bar\nspan = 6\ntitle = Visitors, 2023\ndata = months.csv\nlabel = month\nvalue = visitors\norientation = vertical\n
[panel note]\ntype = text\nspan = 6\ntext = Visitors peaked in August.\n' > "$mon/report.ini"
if "$BIN" render "$mon/report.ini" -o "$mon/out" --format pdf --dump-layout > "$mon/layout" 2> "$mon/err"; then
    "$TOOLS/layoutcheck" 42 < "$mon/layout" > "$mon/check" && pass || fail "report-months layout: $(head -3 "$mon/check" | tr '\n' ' ')"
    grep -q '^text label .*"Jan 2023"' "$mon/layout" && ! grep -q '^text label .*\(wordwider\|"20\)' "$mon/layout" && pass ||
        fail "report-months: month labels: $(grep '^text label' "$mon/layout" | head -2 | tr '\n' ' ')"
    grep -q '^text note .*value labels that would overlap' "$mon/layout" && pass || fail "report-months: no note for the labels left out"
    "$BIN" lint "$mon/report.ini" --strict 2> "$mon/lint.err" && pass || fail "report-months: lint --strict: $(head -2 "$mon/lint.err")"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$mon/out/months.pdf" "$OUT/report-months-page1"
        compare report-months-page1 "$OUT/report-months-page1.png"
    fi
else
    fail "report-months: $(cat "$mon/err")"
fi

# timeline texts break between words only: the long word is whole on one
# line (its column widened for it) or cut with "…", never broken
# ("Donaudampfschifffahrts-gesellschaft")
tl=$OUT/timeline-words
rm -rf "$tl" && mkdir -p "$tl"
printf 'date,event\n1992-02,Donaudampfschifffahrtsgesellschaftskapitän retires\n1994,A short event\n2012-01,Another one\n2023-02-26,The last\n' > "$tl/events.csv"
printf '[report]\nname = tl\ntitle = Words\nsource = Test data\npage = A4\n\n[panel t]\ntype = timeline\nspan = 6\ndata = events.csv\n' > "$tl/report.ini"
if "$BIN" render "$tl/report.ini" -o "$tl/out" --format pdf --dump-layout > "$tl/layout" 2> "$tl/err"; then
    ! grep -q '^text event .*wordwider' "$tl/layout" && grep -Eq '^text event .*"(Donaudampfschifffahrtsgesellschaftskapitän|Donau[^ "]*…) ' "$tl/layout" && pass ||
        fail "timeline: a word broken or not cut: $(grep '^text event' "$tl/layout" | head -1)"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tl/out/tl.pdf" "$OUT/timeline-words-page1"
        compare timeline-words-page1 "$OUT/timeline-words-page1.png"
    fi
else
    fail "timeline words: $(cat "$tl/err")"
fi

# ---- many categories (issue 15): 40 horizontal bars fit 1920x1080 and a ------
# full-width A4 report panel; 40 were refused ("do not fit in 818 pt of
# height", a pixel canvas measured in pt) and the panel was "taller than a page"
if "$BIN" chart "$DATA/countries.csv" --label country --value value --title "Forty countries" \
    --source "Test data" -o "$OUT/countries-1080.png" --dump-layout > "$OUT/countries-1080.layout" 2> "$OUT/countries-1080.err"; then
    "$TOOLS/layoutcheck" < "$OUT/countries-1080.layout" > "$OUT/countries-1080.check" && pass ||
        fail "40 bars at 1920x1080: layout: $(head -3 "$OUT/countries-1080.check" | tr '\n' ' ')"
    [ "$(grep -c '^text label ' "$OUT/countries-1080.layout")" = 40 ] && pass || fail "40 bars at 1920x1080: not 40 labels"
    awk '$1 == "text" { for (i = 1; i <= NF; i++) if ($i ~ /^size=/) { s = substr($i, 6); if (s + 0 < 12) bad = 1 } }
         END { exit bad }' "$OUT/countries-1080.layout" && pass || fail "40 bars at 1920x1080: text under 12 px"
    compare countries-1080 "$OUT/countries-1080.png"
else
    fail "40 bars at 1920x1080: $(cat "$OUT/countries-1080.err")"
fi
# and on an A4 landscape PDF page, measured in pt with the print floor
# (it was refused: "do not fit in 491 px", the page taken for a screen)
if "$BIN" chart "$DATA/countries.csv" --label country --value value --title "Forty countries" \
    --size 297x210mm -o "$OUT/countries-a4.pdf" --dump-layout > "$OUT/countries-a4.layout" 2> "$OUT/countries-a4.err"; then
    "$TOOLS/layoutcheck" < "$OUT/countries-a4.layout" > "$OUT/countries-a4.check" && pass ||
        fail "40 bars on A4 landscape: layout: $(head -3 "$OUT/countries-a4.check" | tr '\n' ' ')"
    [ "$(grep -c '^text label ' "$OUT/countries-a4.layout")" = 40 ] && pass || fail "40 bars on A4 landscape: not 40 labels"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -singlefile "$OUT/countries-a4.pdf" "$OUT/countries-a4"
        compare countries-a4 "$OUT/countries-a4.png"
    fi
else
    fail "40 bars on A4 landscape: $(cat "$OUT/countries-a4.err")"
fi
rows=$OUT/report-rows
rm -rf "$rows" && mkdir -p "$rows"
cp "$DATA/countries.csv" "$rows/"
printf '[report]\nname = rows\ntitle = Forty rows\nsource = Test data\npage = A4\n
[panel countries]\ntype = bar\ntitle = Forty countries\ndata = countries.csv\nlabel = country\nvalue = value\n' > "$rows/report.ini"
if "$BIN" render "$rows/report.ini" -o "$rows/out" --format pdf --dump-layout > "$rows/layout" 2> "$rows/err"; then
    "$TOOLS/layoutcheck" 42 < "$rows/layout" > "$rows/check" && pass || fail "40-row panel layout: $(head -3 "$rows/check" | tr '\n' ' ')"
    grep -q '^pages 1$' "$rows/check" && [ "$(grep -c '^text label ' "$rows/layout")" = 40 ] && pass ||
        fail "40-row panel: not one page of 40 labels"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$rows/out/rows.pdf" "$OUT/report-rows-page1"
        compare report-rows-page1 "$OUT/report-rows-page1.png"
    fi
else
    fail "40-row panel: $(cat "$rows/err")"
fi

# ---- issue 15: type at its floor, pages filled, panels in proportion ---------
# smallest_text [SHEET_FLOOR SLIDE_FLOOR] < LAYOUT: prints every text under
# the floor of its medium (the sheet in pt, slides and charts in px), value
# labels aside (their size follows the bars'), and fails if there is any.
smallest_text() {
    awk -v sheet="${1:-6}" -v slide="${2:-12}" '/^slide / { s = 1 }
        $1 == "text" && $2 != "value" {
            for (i = NF; i > 0; i--) if ($i ~ /^size=/) { v = substr($i, 6) + 0; break }
            if (v < (s ? slide : sheet) - 1e-9) { print; bad = 1 } }
        END { exit bad }'
}
# a chart at 800x450 drew its body text at 10.8 px and ticks at 10 px
"$BIN" chart "$DATA/grouped.csv" --label region --value 2021,2022,2023 --title "Small canvas" \
    --subtitle "Three series" --source "Test data" --note "A note" --size 800x450 \
    -o "$OUT/small-800x450.png" --dump-layout > "$OUT/small-800x450.layout" 2> "$OUT/small-800x450.err" &&
    smallest_text 12 12 < "$OUT/small-800x450.layout" > "$OUT/small-800x450.small" && pass ||
    fail "800x450: text under 12 px: $(head -2 "$OUT/small-800x450.small") $(cat "$OUT/small-800x450.err")"
compare small-800x450 "$OUT/small-800x450.png"
P=$DATA/panels
rm -rf "$OUT/panels" && mkdir -p "$OUT/panels"
for s in panels:42 nine:42 a5:29; do
    name=${s%%:*}
    if "$BIN" render "$P/$name.ini" -o "$OUT/panels/$name" --dump-layout > "$OUT/panels/$name.layout" \
        2> "$OUT/panels/$name.err"; then
        "$TOOLS/layoutcheck" "${s##*:}" < "$OUT/panels/$name.layout" > "$OUT/panels/$name.check" && pass ||
            fail "panels $name layout: $(head -3 "$OUT/panels/$name.check" | tr '\n' ' ')"
        grep -q '^pages 1$' "$OUT/panels/$name.check" && pass || fail "panels $name: not one page"
        # A5 footers were 5.4 pt: no text under 6 pt on a sheet, 12 px on a slide
        smallest_text < "$OUT/panels/$name.layout" > "$OUT/panels/$name.small" && pass ||
            fail "panels $name: text under the floor: $(head -2 "$OUT/panels/$name.small")"
    else
        fail "panels $name: $(cat "$OUT/panels/$name.err")"
    fi
done
L=$OUT/panels/panels.layout
# a landscape A4 page has A4's type (its title 2.3 x 9.5 pt), not A5's
grep -q '^text title .*"Panels in proportion" size=21.85 ' "$L" && pass ||
    fail "panels: landscape A4 title not at A4's size: $(grep '^text title' "$L" | head -1)"
# pictogram, 84 and 22 at 10 an icon: 8 icons and 0.4 of one, 2 and 0.2 of
# one (it drew 8 and a sliver, 2 and none), and a note saying what a part is
icons=$(awk '/^slide /{ exit } $1 == "icon" && $2 == "person" { printf "%s ", $7 }' "$L")
[ "$icons" = "1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 0.400 1.000 1.000 0.200 " ] && pass ||
    fail "panels: pictogram icons $icons"
grep -q '^text note .*"Part icons are cut to scale: half an icon stands for half of 10 children\."' "$L" &&
    pass || fail "panels: no note on part icons"
# the dates' dots in proportion: 1992→1994 is narrower than 1994→2012, which
# is wider than 2012→2023 (they were evenly spaced)
awk '/^slide /{ exit } $1 == "panel" { own = $2; left = substr($7, 7) + 0; next }
    left > 0 { left--; if (own == "dates" && $1 == "icon" && $2 == "circle") x[n++] = $3 }
    END { exit !(n == 4 && x[1] - x[0] < 0.6 * (x[2] - x[1]) && x[3] - x[2] < x[2] - x[1]) }' "$L" &&
    pass || fail "panels: timeline dots not in proportion to their dates"
# no date or event text breaks inside a word ("Register-ed", "Novem-ber")
awk '$1 == "text" && ($2 == "event" || $2 == "date") {
        if ($0 ~ / wordwider/) { print; bad = 1 }
        q = index($0, "\""); rest = substr($0, q + 1); t = substr(rest, 1, match(rest, /" size=/) - 1)
        if (match($0, / breaks=[0-9,]+/)) {
            k = split(substr($0, RSTART + 8, RLENGTH - 8), b, ",")
            for (i = 1; i <= k; i++)
                if (substr(t, b[i], 1) ~ /[A-Za-z0-9]/ && substr(t, b[i] + 1, 1) ~ /[A-Za-z0-9]/) { print; bad = 1 }
        } }
    END { exit bad }' "$L" > "$OUT/panels/words.bad" && pass ||
    fail "panels: timeline text broken inside a word: $(head -2 "$OUT/panels/words.bad")"
# running text keeps to about 70 characters a line on its slide (it ran 130)
awk '/^slide prose/ { on = 1 } on && $1 == "text" && $2 == "text" { print; exit }' "$L" |
    awk '{ q = index($0, "\""); rest = substr($0, q + 1); t = substr(rest, 1, match(rest, /" size=/) - 1)
        if (!match($0, / breaks=[0-9,]+/)) exit 1
        k = split(substr($0, RSTART + 8, RLENGTH - 8), b, ","); b[k + 1] = length(t); p = 0
        for (i = 1; i <= k + 1; i++) { if (b[i] - p > 78) exit 1; p = b[i] } }' && pass ||
    fail "panels: a text line over about 75 characters"
if command -v pdftoppm > /dev/null; then
    for name in panels nine; do
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/panels/$name/$name.pdf" "$OUT/$name-page1"
        compare "$name-page1" "$OUT/$name-page1.png"
    done
fi
compare slide-panels-parts "$OUT/panels/panels/panels-parts.png"
compare slide-panels-dates "$OUT/panels/panels/panels-dates.png"

# ---- batch: many CSVs into -d DIR on every core, the same bytes as -j 1 -------
bat=$OUT/batch
rm -rf "$bat" && mkdir -p "$bat/in" "$bat/j1" "$bat/jn"
for i in $(seq 1 12); do
    printf 'label,value\nAlpha %d,%d\nBeta,%d\nGamma,%d\n' "$i" $((i * 3)) $((i * 5 % 17)) $((i + 9)) > "$bat/in/c$i.csv"
done
printf 'label,value\nAlpha,1x\n' > "$bat/in/bad.csv"
for fmt in png svg; do
    "$BIN" chart "$bat"/in/*.csv --label label --value value --size 400x300 -d "$bat/j1" --format $fmt -j 1 2> "$bat/err1"
    rc1=$?
    "$BIN" chart "$bat"/in/*.csv --label label --value value --size 400x300 -d "$bat/jn" --format $fmt -j 4 2> "$bat/errn"
    rcn=$?
    [ $rc1 = 1 ] && [ $rcn = 1 ] && pass || fail "batch $fmt: exit $rc1 / $rcn, expected 1 for the bad CSV"
    [ "$(wc -l < "$bat/errn")" = 1 ] && grep -q 'bad.csv:2:7: "1x" in column "value" is not a number' "$bat/errn" && pass ||
        fail "batch $fmt: stderr $(cat "$bat/errn")"
    [ "$(ls "$bat/jn" | grep -c "\.$fmt$")" = 12 ] && pass || fail "batch $fmt: expected 12 files, got $(ls "$bat/jn" | wc -l)"
    diff -r "$bat/j1" "$bat/jn" > /dev/null && pass || fail "batch $fmt: -j 4 differs from -j 1"
done

# ---- PNG size, scale and transparency (from the IHDR chunk) ------------------
ihdr() { od -An -tu1 -j16 -N10 "$1" | tr -s ' ' | sed 's/^ //'; }
"$BIN" chart "$DATA/one-row.csv" --label a --value b --size 960x540 --scale 2 --transparent -o "$OUT/scale2.png"
read -r w0 w1 w2 w3 h0 h1 h2 h3 depth ctype <<< "$(ihdr "$OUT/scale2.png")"
[ $((w2 * 256 + w3)) = 1920 ] && [ $((h2 * 256 + h3)) = 1080 ] && [ "$ctype" = 6 ] && pass ||
    fail "--scale 2 --transparent: got $((w2 * 256 + w3))x$((h2 * 256 + h3)) colour type $ctype"
"$BIN" chart "$DATA/one-row.csv" --label a --value b -o "$OUT/default.png"
read -r w0 w1 w2 w3 h0 h1 h2 h3 depth ctype <<< "$(ihdr "$OUT/default.png")"
[ $((w2 * 256 + w3)) = 1920 ] && [ $((h2 * 256 + h3)) = 1080 ] && [ "$ctype" = 2 ] && pass ||
    fail "default PNG: got $((w2 * 256 + w3))x$((h2 * 256 + h3)) colour type $ctype"
grep -aq 'Description' "$OUT/default.png" && grep -aq 'only 42' "$OUT/default.png" && pass ||
    fail "PNG has no Description text chunk with the data"

# ---- every language of the default report: one page, inside, no overlap, nothing cut
for lang in az ru; do
    rm -rf "$OUT/report-$lang"
    if "$BIN" render --lang "$lang" -o "$OUT/report-$lang" --dump-layout > "$OUT/report-$lang.layout" 2> "$OUT/report-$lang.err"; then
        "$TOOLS/layoutcheck" 42 < "$OUT/report-$lang.layout" > "$OUT/report-$lang.check" && pass ||
            fail "report $lang layout: $(head -4 "$OUT/report-$lang.check" | tr '\n' ' ')"
        grep -q '^pages 1$' "$OUT/report-$lang.check" && pass || fail "report $lang: not one page"
        # the largest type that keeps one page, measured: more than the
        # fixed 90% (a 19.67 pt title) that left 30 mm blank
        awk '$1 == "text" && $2 == "title" { for (i = NF; i > 0; i--) if ($i ~ /^size=/) exit !(substr($i, 6) + 0 > 19.8); exit 1 }' \
            "$OUT/report-$lang.layout" && pass || fail "report $lang: type set at 90% or less"
        ! grep -q ' ellipsized$' "$OUT/report-$lang.layout" && pass ||
            fail "report $lang: text cut short: $(grep ' ellipsized$' "$OUT/report-$lang.layout" | head -2)"
        [ -f "$OUT/report-$lang/khojaly.$lang.pdf" ] && [ -f "$OUT/report-$lang/khojaly-killed.$lang.png" ] && pass ||
            fail "report $lang: files not named NAME.$lang.pdf / NAME-PANEL.$lang.png"
        nbsp=$'\xc2\xa0'   # az and ru group thousands with a no-break space
        for fig in 613 '1 275' '2 500' 475 150; do
            grep -qF "\"${fig// /$nbsp}" "$OUT/report-$lang.layout" && pass || fail "report $lang: figure $fig missing"
        done
    else
        fail "report $lang: $(cat "$OUT/report-$lang.err")"
    fi
done
grep -qF "\"26 февраля 2023${nbsp}г.\"" "$OUT/report-ru.layout" && pass || fail "report ru: header date not in Russian"
grep -q '"1 значок = 5 детей"' "$OUT/report-ru.layout" && pass || fail "report ru: pictogram key not in Russian"
grep -q '"Mənbə: ' "$OUT/report-az.layout" && pass || fail "report az: source line not in Azerbaijani"
# the PDF records its language, and poppler reads the file without complaint
grep -aq '/Lang (ru)' "$OUT/report-ru/khojaly.ru.pdf" && pass || fail "report ru: no /Lang (ru) in the PDF"
if command -v pdfinfo > /dev/null; then
    pdfinfo "$OUT/report-ru/khojaly.ru.pdf" > "$OUT/pdfinfo.txt" 2>&1 && ! grep -qi error "$OUT/pdfinfo.txt" && pass ||
        fail "report ru: pdfinfo: $(head -3 "$OUT/pdfinfo.txt")"
fi
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/report-ru/khojaly.ru.pdf" "$OUT/report-ru-page1" &&
    compare report-ru-page1 "$OUT/report-ru-page1.png"
# --lang all and the spec's languages = … both give all three
rm -rf "$OUT/report-all"
"$BIN" render --lang all --format pdf -o "$OUT/report-all" && ls "$OUT/report-all" | tr '\n' ' ' > "$OUT/report-all.list"
[ "$(cat "$OUT/report-all.list")" = "khojaly.az.pdf khojaly.pdf khojaly.ru.pdf " ] && pass ||
    fail "--lang all: got $(cat "$OUT/report-all.list")"

# ---- determinism: same bytes twice, under another TZ and locale --------------
for fmt in png pdf svg; do
    "$BIN" chart "$DATA/scripts.csv" --label label --value value --title "Same" -o "$OUT/det1.$fmt"
    TZ=Asia/Baku LC_ALL=C.UTF-8 "$BIN" chart "$DATA/scripts.csv" --label label --value value --title "Same" -o "$OUT/det2.$fmt"
    cmp -s "$OUT/det1.$fmt" "$OUT/det2.$fmt" && pass || fail "determinism: $fmt differs between runs"
done
# the process locale never matters: a decimal-comma locale gives the same bytes
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
    for fmt in png pdf svg; do
        LC_ALL=de_DE.UTF-8 "$BIN" chart "$DATA/scripts.csv" --label label --value value --title "Same" -o "$OUT/det3.$fmt"
        cmp -s "$OUT/det1.$fmt" "$OUT/det3.$fmt" && pass || fail "determinism: $fmt differs under de_DE.UTF-8"
    done
else
    skip "decimal-comma locale determinism: de_DE.UTF-8 not installed"
fi
rm -rf "$OUT/det-a" "$OUT/det-b"
"$BIN" render -o "$OUT/det-a" > /dev/null && TZ=America/New_York LC_ALL=de_DE.UTF-8 "$BIN" render -o "$OUT/det-b" > /dev/null
diff -r "$OUT/det-a" "$OUT/det-b" > /dev/null && pass || fail "determinism: report differs between runs"
SOURCE_DATE_EPOCH=1677369600 "$BIN" chart "$DATA/one-row.csv" --label a --value b -o "$OUT/sde.pdf"
grep -aq 'CreationDate (20230226' "$OUT/sde.pdf" && pass || fail "SOURCE_DATE_EPOCH not used for the PDF date"

# ---- atomicity -----------------------------------------------------------------
chart() { "$BIN" chart "$DATA/grouped.csv" --label region --value 2021 "$@"; }
tmpd=$(mktemp -d)
# missing folder
chart -o "$tmpd/missing/x.png" 2> "$tmpd/err"; rc=$?
[ $rc = 3 ] && [ "$(wc -l < "$tmpd/err")" = 1 ] && pass || fail "missing folder: exit $rc, $(cat "$tmpd/err")"
# an existing file survives a failed run byte for byte (bad CSV)
printf 'old bytes' > "$tmpd/keep.png"
"$BIN" chart tests/render/data/zeros.csv --label nope --value b -o "$tmpd/keep.png" 2> /dev/null
[ "$(cat "$tmpd/keep.png")" = "old bytes" ] && pass || fail "a failed run changed the existing file"
[ -z "$(find "$tmpd" -name '.*.??????' )" ] && pass || fail "temporary files left in $tmpd"
if [ "$(id -u)" = 0 ]; then
    mnt="$tmpd/mnt"; mkdir -p "$mnt"
    if mount -t tmpfs -o size=64k tmpfs "$mnt" 2> /dev/null; then
        # full disk: a 1920x1080 PNG (about 20 KB) does not fit in the 4 KiB
        # left once the old file is there
        head -c 60000 /dev/urandom > "$mnt/full.png"; cp "$mnt/full.png" "$tmpd/full.orig"
        chart -o "$mnt/full.png" 2> "$tmpd/err"; rc=$?
        [ $rc = 3 ] && [ "$(wc -l < "$tmpd/err")" = 1 ] && cmp -s "$mnt/full.png" "$tmpd/full.orig" &&
            [ "$(ls -A "$mnt")" = full.png ] && pass || fail "full disk: exit $rc, $(cat "$tmpd/err"), $(ls -A "$mnt")"
        # read-only folder (also for root)
        mount -o remount,ro "$mnt"
        chart -o "$mnt/ro.png" 2> "$tmpd/err"; rc=$?
        [ $rc = 3 ] && [ "$(wc -l < "$tmpd/err")" = 1 ] && pass || fail "read-only folder: exit $rc, $(cat "$tmpd/err")"
        umount "$mnt"
    else
        skip "full disk and read-only folder: cannot mount a tmpfs here"
    fi
else
    mkdir -p "$tmpd/ro" && chmod 555 "$tmpd/ro"
    chart -o "$tmpd/ro/x.png" 2> "$tmpd/err"; rc=$?
    [ $rc = 3 ] && pass || fail "read-only folder: exit $rc"
    skip "full disk: needs root for a tiny tmpfs"
fi
rm -rf "$tmpd"

# ---- issue 16: images, a logo, a donut (en, az, ru, ar; PDF, PNG, SVG) -------
MEDIA=$DATA/media
for l in en az ru ar; do
    mo=$OUT/media-$l
    rm -rf "$mo"
    if ! "$BIN" render "$MEDIA/media.ini" --lang $l --format pdf,png,svg -o "$mo" \
        --dump-layout > "$mo.layout" 2> "$mo.err"; then
        fail "media $l: $(head -c 300 "$mo.err")"
        continue
    fi
    sfx=$([ $l = en ] && echo "" || echo ".$l")
    "$TOOLS/layoutcheck" < "$mo.layout" > "$mo.check" && pass ||
        fail "media $l layout: $(head -3 "$mo.check" | tr '\n' ' ')"
    # the header's logo is an SVG drawn as vectors: in the PDF the one raster
    # image is the PNG picture
    grep -q '^image logo .* svg$' "$mo.layout" && pass || fail "media $l: no SVG logo in the layout"
    if command -v pdfimages > /dev/null; then
        [ "$(pdfimages -list "$mo/media$sfx.pdf" | tail -n +3 | wc -l)" = 1 ] && pass ||
            fail "media $l: the PDF holds $(pdfimages -list "$mo/media$sfx.pdf" | tail -n +3 | wc -l) raster images, not 1"
    fi
    # the donut's shares, read back from the sheet, add up to exactly 100
    sum=$(awk '$1 == "panel" { p = $2 } $1 == "page" && NR > 1 { exit }
        $1 == "text" && $2 == "value" && p == "parts" { t = $0; sub(/^[^"]*"/, "", t); sub(/".*/, "", t)
            gsub(/[^0-9.,]/, "", t); sub(/,/, ".", t); s += t } END { printf "%.4f", s }' "$mo.layout")
    [ "$sum" = 100.0000 ] && pass || fail "media $l: the donut's shares add up to $sum"
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$mo/media$sfx.pdf" "$OUT/media-$l-page1" &&
            compare "media-$l-page1" "$OUT/media-$l-page1.png"
    fi
    compare "media-parts-$l" "$mo/media-parts$sfx.png"
    compare "media-picture-$l" "$mo/media-picture$sfx.png"
    # the SVG slides draw what the PNG ones do (the logo's vectors, the picture)
    if command -v rsvg-convert > /dev/null; then
        for s in parts picture; do
            rsvg-convert "$mo/media-$s$sfx.svg" -o "$mo/$s-svg.png"
            res=$("$TOOLS/imgdiff" "$mo/media-$s$sfx.png" "$mo/$s-svg.png" "$mo/$s-svg.diff.png" 96 20)
            [ $? = 0 ] && pass || fail "media $l: $s SVG differs from PNG: $res"
        done
    fi
done
# byte-identical output across runs, in every format
rm -rf "$OUT/media-again"
"$BIN" render "$MEDIA/media.ini" --lang az --format pdf,png,svg -o "$OUT/media-again" 2> /dev/null
for f in "$OUT"/media-az/media*.*; do
    cmp -s "$f" "$OUT/media-again/$(basename "$f")" && pass || fail "media: $(basename "$f") differs between two runs"
done
# print-bw: the donut's parts by pattern too
if "$BIN" render "$MEDIA/media.ini" --theme print-bw --format png -o "$OUT/media-bw" \
    --dump-layout > "$OUT/media-bw.layout" 2> "$OUT/media-bw.err"; then
    compare media-parts-bw "$OUT/media-bw/media-parts.png"
else
    fail "media print-bw: $(cat "$OUT/media-bw.err")"
fi

# ---- issue 16: each new type in each theme and language, in each format -----
# tests/render/data/charts.ini: a bar, a line and an area panel with
# highlights and reference lines under the report's logo, dark in az and
# print-bw in ru (light is the chart cases'): the sheet as PDF, each slide
# as PNG, the line and area slides as SVG alike. The logo heads every panel
# slide, the chart panels' too (theirs had none).
for tl in dark:az print-bw:ru; do
    t=${tl%%:*} l=${tl##*:}
    co=$OUT/charts-$t
    rm -rf "$co"
    if ! "$BIN" render "$DATA/charts.ini" --theme "$t" --lang "$l" --format pdf,png,svg -o "$co" \
        --dump-layout > "$co.layout" 2> "$co.err"; then
        fail "charts $t: $(head -c 300 "$co.err")"
        continue
    fi
    "$TOOLS/layoutcheck" 42 < "$co.layout" > "$co.check" && pass ||
        fail "charts $t layout: $(head -3 "$co.check" | tr '\n' ' ')"
    for s in shares trade stacked; do
        awk -v s="slide $s" '$0 == s { on = 1; next } on && /^slide / { exit }
            on && $1 == "image" && $2 == "logo" { f = 1 } END { exit !f }' "$co.layout" && pass ||
            fail "charts $t: no logo on the $s slide"
    done
    if command -v pdftoppm > /dev/null; then
        pdftoppm -png -r 60 -singlefile "$co/charts.$l.pdf" "$OUT/charts-$t-page1" &&
            compare "charts-$t-page1" "$OUT/charts-$t-page1.png"
    fi
    for s in shares trade stacked; do
        compare "charts-$t-$s" "$co/charts-$s.$l.png"
    done
    if command -v rsvg-convert > /dev/null; then
        for s in trade stacked; do
            svg_png "$co/charts-$s.$l.svg" -o "$co/$s-svg.png"
            res=$("$TOOLS/imgdiff" "$co/charts-$s.$l.png" "$co/$s-svg.png" "$co/$s-svg.diff.png" 96 20)
            [ $? = 0 ] && pass || fail "charts $t: the $s SVG differs from the PNG: $res"
        done
    fi
done
# the donut and the image panel dark (ru), the image in print-bw (rendered above)
if "$BIN" render "$MEDIA/media.ini" --theme dark --lang ru --format png -o "$OUT/media-dark" 2> "$OUT/media-dark.err"; then
    compare media-parts-dark "$OUT/media-dark/media-parts.ru.png"
    compare media-picture-dark "$OUT/media-dark/media-picture.ru.png"
else
    fail "media dark: $(cat "$OUT/media-dark.err")"
fi
[ -f "$OUT/media-bw/media-picture.png" ] && compare media-picture-bw "$OUT/media-bw/media-picture.png"
# the table dark (az; its SVG slide as its PNG) and in print-bw (ar)
for tl in dark:az print-bw:ar; do
    t=${tl%%:*} l=${tl##*:}
    to=$OUT/table-$t
    rm -rf "$to"
    if "$BIN" render "$DATA/table/report.ini" --theme "$t" --lang "$l" --format png,svg -o "$to" 2> "$to.err"; then
        compare "report-table-$t" "$to/regions-regions.$l.png"
        if command -v rsvg-convert > /dev/null; then
            svg_png "$to/regions-regions.$l.svg" -o "$to/svg.png"
            res=$("$TOOLS/imgdiff" "$to/regions-regions.$l.png" "$to/svg.png" "$to/svg.diff.png" 96 20)
            [ $? = 0 ] && pass || fail "table $t: the SVG slide differs from the PNG: $res"
        fi
    else
        fail "table $t: $(cat "$to.err")"
    fi
done

echo "render: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
