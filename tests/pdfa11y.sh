#!/usr/bin/env bash
# Accessibility of the PDF: tagged structure, /Alt, /Lang, page labels, links.
# Usage, from the repository root:
#
#   bash tests/pdfa11y.sh build/factsheet
#
# qpdf parses every file: `qpdf --check` proves the cross-reference table
# still matches after factsheet's insertions, and `qpdf --json` gives every
# object with its text strings decoded, which objects() below flattens into
# one "OBJ<TAB>/Key/Sub<TAB>value" line per entry. poppler's `pdfinfo -struct`
# walks the structure tree from the catalog, as a reader would.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DATA=tests/render/data
OUT=output/tests/pdfa11y
rm -rf "$OUT" && mkdir -p "$OUT"
failed=0 passed=0

fail() { echo "FAIL  pdfa11y: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
check() { if eval "$1"; then pass; else fail "$2"; fi; }

for tool in qpdf pdfinfo; do
    if ! command -v $tool > /dev/null; then
        echo "FAIL  pdfa11y: $tool is not installed (make deps installs it)"
        exit 1
    fi
done

# objects PDF: the file's objects as "N<TAB>/Key/Sub<TAB>value" lines (array
# elements get the key "[]"; values as qpdf's JSON writes them: "u:text" for a
# text string, "/Name", "12 0 R", numbers, true).
objects() {
    qpdf --json --json-key=qpdf "$1" | awk '
        match($0, /^ *"obj:[0-9]+ 0 R": \{$/) {
            obj = $0; sub(/^ *"obj:/, "", obj); sub(/ 0 R.*/, "", obj)
            base = (index($0, "\"") - 1) / 2 + 1; next
        }
        obj == "" { next }
        {
            line = $0; ind = match(line, /[^ ]/) - 1; d = ind / 2 - base
            if (d < 0) { obj = ""; next }
            if (line ~ /^ *[\]\}],?$/) next
            key = "[]"
            if (match(line, /^ *"[^"]*": /)) {
                key = substr(line, RSTART, RLENGTH); sub(/^ *"/, "", key); sub(/": $/, "", key)
                line = substr(line, RSTART + RLENGTH)
            } else sub(/^ */, "", line)
            path[d] = key
            if (line ~ /^[\[\{]$/) next
            sub(/,$/, "", line); gsub(/^"|"$/, "", line)
            p = ""; for (i = 1; i <= d; i++) p = p path[i]
            print obj "\t" p "\t" line
        }'
}

# the value of KEY in object OBJ of the flattened file F
val() { awk -F'\t' -v o="$2" -v k="$3" '$1 == o && $2 == k { print $3; exit }' "$1"; }
# the objects of F whose KEY is VALUE
with() { awk -F'\t' -v k="$2" -v v="$3" '$2 == k && $3 == v { print $1 }' "$1"; }
# N 0 R -> N
ref() { echo "${1%% 0 R}"; }

# pdf_ok NAME FILE: qpdf finds no error or warning (xref offsets all right)
pdf_ok() {
    qpdf --check "$2" > "$OUT/$1.check" 2>&1 && ! grep -qiE 'warning|error:' "$OUT/$1.check" &&
        pass || fail "$1: qpdf --check: $(grep -iE 'warning|error' "$OUT/$1.check" | head -3)"
}

# struct_counts FLAT: "Type count" for every structure element type
struct_counts() {
    awk -F'\t' '$2 == "/Type" && $3 == "/StructElem" { se[$1] = 1 } $2 == "/S" { s[$1] = $3 }
        END { for (o in se) n[s[o]]++; for (t in n) print substr(t, 2), n[t] }' "$1" | sort
}
count_of() { awk -v t="$2" '$1 == t { print $2 } END { }' "$1" | grep . || echo 0; }

# ---- the default report -------------------------------------------------------
"$BIN" render data/khojaly/report.ini --lang en --format pdf -o "$OUT/report" 2> "$OUT/report.err" ||
    fail "report: $(cat "$OUT/report.err")"
pdf=$OUT/report/khojaly.pdf
pdf_ok report "$pdf"
objects "$pdf" > "$OUT/report.flat"
flat=$OUT/report.flat
cat=$(with "$flat" /Type /Catalog)
check '[ -n "$cat" ]' "report: no catalog"
check '[ "$(val "$flat" "$cat" /MarkInfo/Marked)" = true ]' "report: no /MarkInfo << /Marked true >>"
check '[ "$(val "$flat" "$cat" /Lang)" = u:en ]' "report: catalog /Lang is '$(val "$flat" "$cat" /Lang)', not en"
check '[ "$(val "$flat" "$cat" /ViewerPreferences/DisplayDocTitle)" = true ]' "report: no DisplayDocTitle"
root=$(ref "$(val "$flat" "$cat" /StructTreeRoot)")
check '[ "$(val "$flat" "$root" /Type)" = /StructTreeRoot ]' "report: /StructTreeRoot is not one"
check '[ -n "$(val "$flat" "$root" /ParentTree)" ]' "report: StructTreeRoot has no /ParentTree"
page=$(with "$flat" /Type /Page)
check '[ -n "$(val "$flat" "$page" /StructParents)" ]' "report: the page has no /StructParents"
check '[ "$(val "$flat" "$page" /Tabs)" = /S ]' "report: the page has no /Tabs /S"
labels=$(ref "$(val "$flat" "$cat" /PageLabels)")
check '[ "$(val "$flat" "$labels" "/Nums[]")" = 0 ] && [ "$(val "$flat" "$labels" "/Nums[]/S")" = /D ]' \
    "report: /PageLabels has no decimal range from page 1"
# the tree: one Document; the title once as H1; a Sect and an H2 for each of
# the 10 panels; charts, the timeline and the pictogram as 4 Figures; the
# text panel's items as a list
struct_counts "$flat" > "$OUT/report.counts"
for want in "Document 1" "H1 1" "Sect 10" "H2 10" "Figure 4" "L 1" "LI 5" "LBody 5"; do
    read -r type n <<< "$want"
    got=$(count_of "$OUT/report.counts" "$type")
    check '[ "$got" = "$n" ]' "report: expected $n $type, got $got"
done
check '[ "$(count_of "$OUT/report.counts" P)" -ge 15 ]' "report: only $(count_of "$OUT/report.counts" P) P elements"
# every Figure has its alt text, written from the data
nofig=$(awk -F'\t' '$2 == "/S" && $3 == "/Figure" { f[$1] = 1 } $2 == "/Alt" { a[$1] = $3 }
    END { for (o in f) if (a[o] !~ /^u:./) print o }' "$flat")
check '[ -z "$nofig" ]' "report: Figure without /Alt: $nofig"
grep -qF $'\t/Alt\tu:Among the 613 people killed. Bar chart: Women 106; Children 63; Elderly people 70.' "$flat" && pass ||
    fail "report: the bar chart's /Alt does not list its data"
grep -qF $'\t/Alt\tu:Dates named in the article. Timeline: 25 February 1992: ' "$flat" && pass ||
    fail "report: the timeline's /Alt does not list its events"
# a reader sees the same tree from the catalog down, in reading order
pdfinfo -struct-text "$pdf" > "$OUT/report.struct" 2>&1
check '[ "$(head -1 "$OUT/report.struct")" = Document ]' "report: pdfinfo -struct does not start with Document"
check 'grep -A1 "^  H1" "$OUT/report.struct" | grep -qF "Khojaly, 25–26 February 1992"' "report: H1 is not the title"
check '[ "$(grep -m1 -A1 "^    H2" "$OUT/report.struct" | tail -1 | tr -d " ")" = "\"Killed\"" ]' "report: first H2 is not the first panel title"
check '[ "$(grep -v "^ *\"" "$OUT/report.struct" | tail -1)" = "  P (block)" ] &&
    tail -1 "$OUT/report.struct" | grep -q "Source: "' "report: the source line does not come last in reading order"
check 'pdfinfo "$pdf" | grep -q "^Tagged: *yes"' "report: pdfinfo does not call it tagged"
# no URL anywhere: no link
check '[ -z "$(with "$flat" /Subtype /Link)" ]' "report: a link annotation without a URL"

# ---- Russian: the language follows --lang ------------------------------------------
"$BIN" render data/khojaly/report.ini --lang ru --format pdf -o "$OUT/ru" 2> "$OUT/ru.err" || fail "ru: $(cat "$OUT/ru.err")"
pdf_ok ru "$OUT/ru/khojaly.ru.pdf"
objects "$OUT/ru/khojaly.ru.pdf" > "$OUT/ru.flat"
check '[ "$(val "$OUT/ru.flat" "$(with "$OUT/ru.flat" /Type /Catalog)" /Lang)" = u:ru ]' "ru: catalog /Lang is not ru"

# ---- source_url: the source line links to it, on every page --------------------------
long=$OUT/long
mkdir -p "$long"
cp data/khojaly/captured.csv "$long/"
{
    printf '[report]\nname = long\ntitle = A long report\nsource = Test data\n'
    printf 'source_url = https://example.org/data?a=1&b=(2)\n'
    for i in $(seq 1 12); do
        printf '\n[panel s%d]\ntype = stat\nspan = 6\ntitle = Stat %d\nvalue = %d\ncaption = counted\n' "$i" "$i" "$((i * 100))"
        printf '\n[panel b%d]\ntype = bar\nspan = 6\ntitle = Bars %d\ndata = captured.csv\nlabel = group\nvalue = count\n' "$i" "$i"
    done
} > "$long/report.ini"
"$BIN" render "$long/report.ini" --format pdf -o "$long/a" 2> "$long/err" || fail "source_url: $(cat "$long/err")"
TZ=Asia/Baku "$BIN" render "$long/report.ini" --format pdf -o "$long/b" 2>> "$long/err"
pdf=$long/a/long.pdf
pdf_ok source_url "$pdf"
objects "$pdf" > "$OUT/long.flat"
flat=$OUT/long.flat
npages=$(with "$flat" /Type /Page | wc -l)
check '[ "$npages" -ge 3 ]' "source_url: expected 3 pages or more, got $npages"
links=$(with "$flat" /Subtype /Link)
check '[ "$(echo "$links" | grep -c .)" = "$npages" ]' "source_url: $(echo "$links" | grep -c .) link annotations on $npages pages"
for l in $links; do
    [ "$(val "$flat" "$l" /A/S)" = /URI ] && [ "$(val "$flat" "$l" /A/URI)" = "u:https://example.org/data?a=1&b=(2)" ] &&
        [ "$(val "$flat" "$l" /Contents)" = "u:https://example.org/data?a=1&b=(2)" ] && [ -n "$(val "$flat" "$l" /StructParent)" ] &&
        pass || fail "source_url: annotation $l: URI '$(val "$flat" "$l" /A/URI)', Contents '$(val "$flat" "$l" /Contents)'"
done
# each annotation is the content of a Link element (an OBJR), inside a P
struct_counts "$flat" > "$OUT/long.counts"
check '[ "$(count_of "$OUT/long.counts" Link)" = "$npages" ]' "source_url: $(count_of "$OUT/long.counts" Link) Link elements"
check '[ "$(awk -F"\t" "\$2 == \"/K[]/Type\" && \$3 == \"/OBJR\"" "$flat" | wc -l)" = "$npages" ]' "source_url: no OBJR for every link"
# the running header is tagged on page 1 only; every page gets a label range
check '[ "$(count_of "$OUT/long.counts" H1)" = 1 ]' "source_url: H1 $(count_of "$OUT/long.counts" H1) times, expected once"
check '[ "$(count_of "$OUT/long.counts" Figure)" = 12 ]' "source_url: expected 12 Figures"
labels=$(ref "$(val "$flat" "$(with "$flat" /Type /Catalog)" /PageLabels)")
check '[ "$(val "$flat" "$labels" "/Nums[]/S")" = /D ]' "source_url: no page labels"
check 'pdfinfo -url "$pdf" | grep -c "https://example.org/data?a=1&b=(2)" | grep -qx "$npages"' "source_url: pdfinfo -url does not list the link on every page"
check 'cmp -s "$long/a/long.pdf" "$long/b/long.pdf"' "source_url: two runs give different bytes"
# the spec refuses what is not a URL
printf '[report]\nname = x\ntitle = X\nsource_url = ftp://example.org\n\n[panel a]\ntype = stat\nvalue = 1\n' > "$long/bad.ini"
"$BIN" check "$long/bad.ini" 2> "$long/bad.err"
rc=$?
check '[ $rc = 1 ] && grep -q "source_url.*is not a URL" "$long/bad.err"' "source_url: ftp:// accepted: $(cat "$long/bad.err")"

# ---- a chart: a URL written in --source becomes a link over the URL -----------------
chart=$OUT/chart
mkdir -p "$chart"
src="Source data: https://example.org/a_(b)?q='x'&y=1. Thanks"
"$BIN" chart data/khojaly/killed.csv --label group --value count --title "Killed" --source "$src" -o "$chart/a.pdf" &&
    LC_ALL=C.UTF-8 TZ=America/New_York "$BIN" chart data/khojaly/killed.csv --label group --value count --title "Killed" \
        --source "$src" -o "$chart/b.pdf" || fail "chart: render failed"
pdf_ok chart "$chart/a.pdf"
check 'cmp -s "$chart/a.pdf" "$chart/b.pdf"' "chart: two runs give different bytes"
objects "$chart/a.pdf" > "$OUT/chart.flat"
flat=$OUT/chart.flat
l=$(with "$flat" /Subtype /Link)
uri="u:https://example.org/a_(b)?q='x'&y=1"
check '[ "$(val "$flat" "$l" /A/URI)" = "$uri" ]' "chart: link URI is $(val "$flat" "$l" /A/URI), not $uri"
# the link covers the URL, not the whole line: narrower than the source text
rect=$(awk -F'\t' -v o="$l" '$1 == o && $2 == "/Rect[]" { printf "%s ", $3 }' "$flat")
read -r x0 y0 x1 y1 <<< "$rect"
check '[ -n "$x1" ] && awk -v a="$x0" -v b="$x1" "BEGIN { exit !(b - a > 50 && b - a < 300 && a > 60) }"' "chart: link rectangle $rect"
struct_counts "$flat" > "$OUT/chart.counts"
for want in "Document 1" "H1 1" "Figure 1" "P 1" "Link 1"; do
    read -r type n <<< "$want"
    got=$(count_of "$OUT/chart.counts" "$type")
    check '[ "$got" = "$n" ]' "chart: expected $n $type, got $got"
done
grep -qF $'\t/Alt\tu:Killed. Bar chart: Women 106; Children 63; Elderly people 70. Source: '"$src" "$flat" && pass ||
    fail "chart: the Figure's /Alt is not the chart's alt text"
# right to left, Arabic: language and structure as well
"$BIN" chart "$DATA/arabic.csv" --label الفئة --value القيمة --lang ar --title "أرقام" -o "$chart/ar.pdf" || fail "chart ar: render failed"
pdf_ok chart-ar "$chart/ar.pdf"
objects "$chart/ar.pdf" > "$OUT/ar.flat"
check '[ "$(val "$OUT/ar.flat" "$(with "$OUT/ar.flat" /Type /Catalog)" /Lang)" = u:ar ]' "chart ar: no /Lang (ar)"
check '[ -n "$(with "$OUT/ar.flat" /S /Figure)" ] && [ -n "$(with "$OUT/ar.flat" /S /H1)" ]' "chart ar: no H1 or Figure"

# ---- issue 16: an image panel and a donut are Figures with their alt text; the
# logo is an artifact, not read ----------------------------------------------------
"$BIN" render tests/render/data/media/media.ini --lang en --format pdf -o "$OUT/media" 2> "$OUT/media.err" ||
    fail "media: $(cat "$OUT/media.err")"
pdf_ok media "$OUT/media/media.pdf"
objects "$OUT/media/media.pdf" > "$OUT/media.flat"
struct_counts "$OUT/media.flat" > "$OUT/media.counts"
for want in "Sect 2" "H2 2" "Figure 2"; do
    read -r type n <<< "$want"
    got=$(count_of "$OUT/media.counts" "$type")
    check '[ "$got" = "$n" ]' "media: expected $n $type, got $got"
done
grep -qF $'\t/Alt\tu:A drawing of green hills under a pale sky' "$OUT/media.flat" && pass ||
    fail "media: the image's /Alt is not the spec's alt"
grep -qF $'\t/Alt\tu:Share of spending. Donut chart, 5 parts of a whole: Households 47.2%, Businesses 30.7%' \
    "$OUT/media.flat" && pass || fail "media: the donut's /Alt does not list its shares"
# a line chart: one Figure whose /Alt summarises each series
"$BIN" chart "$DATA/monthly.csv" --type line --label month --value Exports,Imports --title Trade \
    -o "$chart/line.pdf" || fail "chart line: render failed"
pdf_ok chart-line "$chart/line.pdf"
objects "$chart/line.pdf" > "$OUT/line.flat"
struct_counts "$OUT/line.flat" > "$OUT/line.counts"
check '[ "$(count_of "$OUT/line.counts" Figure)" = 1 ]' "chart line: expected 1 Figure"
grep -qF $'\t/Alt\tu:Trade. Line chart, 2021-01 to 2023-12: Exports from 101.2 to 170.3 (highest 170.3 in 2023-12); Imports' "$OUT/line.flat" && pass ||
    fail "chart line: the Figure's /Alt is not the line chart's summary"
# ---- a table panel: Table, a TR per row, TH and TD cells (cairo 1.16 writes
# them as it writes any structure type); a 70-row table over two pages keeps
# one TR per row in all
tab=$OUT/table
for lang in en ar; do
    "$BIN" render "$DATA/table/report.ini" --lang $lang --format pdf -o "$tab/$lang" 2> "$OUT/table.err" ||
        fail "table $lang: $(cat "$OUT/table.err")"
    pdf=$(ls "$tab/$lang"/*.pdf | head -1)
    pdf_ok table-$lang "$pdf"
    objects "$pdf" > "$OUT/table-$lang.flat"
    struct_counts "$OUT/table-$lang.flat" > "$OUT/table-$lang.counts"
    for want in "Table 1" "TR 13" "TH 4" "TD 48" "Figure 1"; do
        read -r type n <<< "$want"
        got=$(count_of "$OUT/table-$lang.counts" "$type")
        check '[ "$got" = "$n" ]' "table $lang: expected $n $type, got $got"
    done
done
"$BIN" render "$DATA/table/long.ini" --format pdf -o "$tab/long" 2> "$OUT/table.err" || fail "long table: $(cat "$OUT/table.err")"
pdf_ok table-long "$tab/long/long-table.pdf"
objects "$tab/long/long-table.pdf" > "$OUT/table-long.flat"
struct_counts "$OUT/table-long.flat" > "$OUT/table-long.counts"
for want in "Table 2" "TR 72" "TH 8" "TD 280"; do
    read -r type n <<< "$want"
    got=$(count_of "$OUT/table-long.counts" "$type")
    check '[ "$got" = "$n" ]' "long table: expected $n $type, got $got"
done

# ---- bar, line and area panels with annotations under a logo: a Figure each,
# its /Alt naming the highlight and the reference line; the logo is no Figure
"$BIN" render "$DATA/charts.ini" --lang en --format pdf -o "$OUT/charts" 2> "$OUT/charts.err" ||
    fail "charts: $(cat "$OUT/charts.err")"
pdf_ok charts "$OUT/charts/charts.pdf"
objects "$OUT/charts/charts.pdf" > "$OUT/charts.flat"
struct_counts "$OUT/charts.flat" > "$OUT/charts.counts"
for want in "Document 1" "H1 1" "Sect 3" "H2 3" "Figure 3"; do
    read -r type n <<< "$want"
    got=$(count_of "$OUT/charts.counts" "$type")
    check '[ "$got" = "$n" ]' "charts: expected $n $type, got $got"
done
nofig=$(awk -F'\t' '$2 == "/S" && $3 == "/Figure" { f[$1] = 1 } $2 == "/Alt" { a[$1] = $3 }
    END { for (o in f) if (a[o] !~ /^u:./) print o }' "$OUT/charts.flat")
check '[ -z "$nofig" ]' "charts: Figure without /Alt: $nofig"
for alt in 'Renewable share of electricity (%). Bar chart: France 42; Germany 55; Italy 38; Spain 61; Poland 47. Highlighted: Spain. Reference line at 50 (Target).' \
    'Exports and imports. Line chart, 2021-01 to 2023-12: ' 'Reference line at 150 (Target).' \
    'Trade, stacked. Stacked area chart, 2021-01 to 2023-12: Exports from 101.2 to 170.3' 'Highlighted: Imports.'; do
    grep -qF "$alt" "$OUT/charts.flat" && pass || fail "charts: no /Alt saying \"$alt\""
done
# an area chart alone: one Figure with its summary
"$BIN" chart "$DATA/monthly.csv" --type area --label month --value Exports,Imports --title Trade \
    -o "$chart/area.pdf" || fail "chart area: render failed"
pdf_ok chart-area "$chart/area.pdf"
objects "$chart/area.pdf" > "$OUT/area.flat"
struct_counts "$OUT/area.flat" > "$OUT/area.counts"
check '[ "$(count_of "$OUT/area.counts" Figure)" = 1 ]' "chart area: expected 1 Figure"
grep -qF $'\t/Alt\tu:Trade. Area chart, 2021-01 to 2023-12: Exports from 101.2 to 170.3' "$OUT/area.flat" && pass ||
    fail "chart area: the Figure's /Alt is not the area chart's summary"

echo "pdfa11y: $passed passed, $failed failed"
[ $failed = 0 ]
