#!/usr/bin/env bash
# Pathological inputs (issue 7): each must end within seconds, in bounded
# memory (ulimit -v 2 GiB), with a correct result or one clear error line.
# The inputs are generated here, not committed. Usage, from the repository
# root: bash tests/pathological.sh build/factsheet
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
W=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-patho.XXXXXX")
trap 'rm -rf "$W"' EXIT
passed=0 failed=0
# ASan reserves terabytes of address space for its shadow memory and cannot
# start under ulimit -v: the address-space limit applies to plain builds only.
VLIMIT=2097152
if grep -qa __asan_init "$BIN"; then
    VLIMIT=unlimited
    echo "pathological: sanitizer build: no ulimit -v (ASan needs its shadow memory); time limits still apply"
fi

# Time limits tighter than 20 s (MAXMS=…) hold for plain builds; a sanitizer
# build runs several times slower.
SANITIZED=
grep -qa __asan_init "$BIN" && SANITIZED=1

# run NAME EXPECTED-EXIT STDERR-SUBSTRING ARGS…: under a 2 GiB address space
# and a 20 s limit (MAXMS=N: N ms in a plain build); exit 0 needs empty
# stderr, any other exactly one line (two for usage errors: the message and
# the hint).
run() {
    local name=$1 want=$2 sub=$3
    shift 3
    local t0=$(date +%s%N)
    (ulimit -v "${LIMIT:-$VLIMIT}"; cd "$W" && exec timeout 20 "$BIN" "$@") > "$W/out" 2> "$W/err"
    local rc=$? ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    local lines=$(wc -l < "$W/err")
    local ok=1 slow=
    [ "$rc" = "$want" ] || ok=0
    if [ "$want" = 0 ]; then [ "$lines" = 0 ] || ok=0; else [ "$lines" = 1 ] || ok=0; fi
    [ -z "$sub" ] || grep -qF -- "$sub" "$W/err" || ok=0
    if [ -n "${MAXMS:-}" ] && [ -z "$SANITIZED" ] && [ "$ms" -gt "$MAXMS" ]; then
        ok=0 slow=" (limit $MAXMS ms)"
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
        [ -n "${PATHO_VERBOSE:-}" ] && echo "ok    $name: exit $rc in $ms ms"
    else
        failed=$((failed + 1))
        echo "FAIL  $name: exit $rc (want $want) in $ms ms$slow, stderr: $(head -c 300 "$W/err" | tr '\n' '|')"
    fi
}

# ---- CSV ----------------------------------------------------------------------
{ printf 'l,v\n"'; head -c 50000000 /dev/zero | tr '\0' 'x'; printf '",1\n'; } > "$W/field50m.csv"
run "50 MB field" 0 "" check field50m.csv
# a label is cut to what can show before layout (issue 13): the 50 MB label
# took minutes and GiBs, as a bar (3 lines), counted, linted and in a report
MAXMS=5000 run "50 MB label drawn" 0 "" chart field50m.csv --label l --value v -o out.png
MAXMS=5000 run "50 MB label, --aggregate count" 0 "" chart field50m.csv --label l --aggregate count -o out.svg
MAXMS=5000 run "50 MB label, vertical, PDF" 0 "" chart field50m.csv --label l --value v --orientation vertical -o out.pdf
MAXMS=5000 run "50 MB label, lint" 0 "" lint field50m.csv --label l --value v
{ printf 'l,v\n"'; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '",1\nb,2\n'; } > "$W/label1m.csv"
MAXMS=2000 run "1 MiB label drawn" 0 "" chart label1m.csv --label l --value v -o out.png
# a pictogram's legend and a timeline event wrap with no line limit: cut past
# what a page holds, still taller than the page
cp "$W/label1m.csv" "$W/d.csv"
{ printf 'date,event\n2020-01-01,"'; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '"\n'; } > "$W/ev.csv"
printf '[report]\nname = r\ntitle = T\n[panel p]\ntype = bar\ndata = d.csv\nlabel = l\nvalue = v\n' > "$W/bar.ini"
MAXMS=5000 run "1 MiB label in a report's bar" 0 "" render bar.ini -o rep
printf '[report]\nname = r\ntitle = T\n[panel q]\ntype = pictogram\ndata = d.csv\nlabel = l\nvalue = v\nper = 1\n' > "$W/picto1m.ini"
MAXMS=5000 run "1 MiB label in a pictogram's legend" 1 "[panel q] is taller than a page" render picto1m.ini -o rep
# a timeline event of 1 MiB of words wraps down past the page; one word of
# 1 MiB is cut with "…" on one line (words are never broken), and drawn
{ printf 'date,event\n2020-01-01,"'; head -c 1048576 /dev/zero | tr '\0' 'x' | fold -w 9 | tr '\n' ' '; printf '"\n'; } > "$W/evw.csv"
printf '[report]\nname = r\ntitle = T\n[panel t]\ntype = timeline\ndata = evw.csv\n' > "$W/event.ini"
MAXMS=5000 run "1 MiB timeline event" 1 "[panel t] is taller than a page" render event.ini -o rep
printf '[report]\nname = r\ntitle = T\n[panel t]\ntype = timeline\ndata = ev.csv\n' > "$W/event1.ini"
MAXMS=5000 run "1 MiB timeline event of one word" 0 "" render event1.ini -o rep
# explicit bidi controls cycling through all twelve (issue 13: 273 of them
# crashed fribidi 1.0.8 in chart, lint and render): 120,000 in a label,
# 30,000 in a title and in each text of a spec (an argument or a spec line
# of 88 KB)
cyc='\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c'
bidi=$(printf "$cyc%.0s" $(seq 1 10000))
title=$(printf "$cyc%.0s" $(seq 1 2500))
printf 'l,v\n"%s",1\n' "$bidi" > "$W/bidi.csv"
for f in png pdf svg; do
    run "120,000 bidi controls, chart .$f" 0 "" chart bidi.csv --label l --value v --title "$title" -o "out.$f"
done
run "120,000 bidi controls, lint" 0 "" lint bidi.csv --label l --value v
{ printf '[report]\nname = r\ntitle = %s\nsource = %s\n' "$title" "$title"
  printf '[panel p]\ntype = bar\ntitle = %s\ndata = bidi.csv\nlabel = l\nvalue = v\n' "$title"
  printf '[panel t]\ntype = text\ntext = %s\n' "$title"; } > "$W/bidi.ini"
run "30,000 bidi controls in each text of a spec, lint" 0 "" lint bidi.ini
run "30,000 bidi controls in each text of a spec, render" 0 "" render bidi.ini -o rep --format pdf,png,svg
{ printf 'l,v\n'; printf 'a,'; head -c 50000000 /dev/zero | tr '\0' '7'; printf '\n'; } > "$W/number50m.csv"
run "50 MB number" 1 'number50m.csv:2:3: "7777' chart number50m.csv --label l --value v -o out.png
{ printf 'a,b\n'; head -c 5000000 /dev/zero | tr '\0' ','; printf '\n'; } > "$W/row5m.csv"
run "row of 5,000,000 fields" 1 "row5m.csv:2:" check row5m.csv
{ head -c 5000000 /dev/zero | tr '\0' ','; printf '\n1\n'; } > "$W/header5m.csv"
run "header of 5,000,000 columns" 1 "header5m.csv:1:" check header5m.csv
awk 'BEGIN { print "label,value"; for (i = 0; i < 1000000; i++) printf "Category %d,%d.%02d\n", i % 50, i, i % 100 }' > "$W/rows1m.csv"
run "1,000,000 rows" 0 "" check rows1m.csv
# --aggregate streams: 10,000,000 rows (110 MB, through a FIFO) summed in a
# 400 MB address space, to the exact sums (a loaded table would need GBs)
mkfifo "$W/rows10m.csv"
{ printf 'region,v\n'; yes $'North,1.25\nSouth,2\nEast,0.5' | head -n 10000000; } > "$W/rows10m.csv" &
LIMIT=$([ "$VLIMIT" = unlimited ] && echo unlimited || echo 400000) \
    run "10,000,000 rows aggregated" 0 "" chart rows10m.csv --label region --value v --aggregate sum -o sum.png --dump-layout
wait
for want in '"4,166,667.5"' '"6,666,666.0"' '"1,666,666.5"'; do
    if grep -qF "$want" "$W/out"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL  10,000,000 rows aggregated: no value label $want"; fi
done
awk 'BEGIN { print "label,value"; for (i = 0; i < 100000; i++) printf "label %d,%d\n", i, i }' > "$W/labels100k.csv"
run "100,000 distinct labels in a bar chart" 1 "100000 bars do not fit" chart labels100k.csv --label label --value value -o out.png
{ printf 'l,v\n'; printf '"'; for i in $(seq 1 2000); do printf '""'; done; printf '",1\n'; } > "$W/quotes.csv"
run "deeply nested quotes" 0 "" check quotes.csv
{ printf 'l,v\n'; head -c 10000 /dev/zero | tr '\0' '\n'; printf 'a,1\n'; } > "$W/blank.csv"
run "10,000 blank lines" 0 "" check blank.csv
printf 'l,v\n' > "$W/bytes.csv"
for i in $(seq 0 255); do printf "\\x$(printf %02x "$i")"; done >> "$W/bytes.csv"
run "every byte value 0-255" 1 "bytes.csv:2:1: not UTF-8" check bytes.csv

# ---- spec ----------------------------------------------------------------------
spec() { printf '[report]\nname = p\ntitle = T\n%s\n' "$1"; }
{ spec ''; for i in $(seq 1 10000); do printf '[panel p%d]\ntype = stat\nvalue = 1\ncaption = c\n' "$i"; done; } > "$W/panels.ini"
run "10,000 panels" 1 "panels.ini" check panels.ini
{ printf '[report]\nname = p\ntitle = '; head -c 1048576 /dev/zero | tr '\0' 'T'; printf '\n[panel a]\ntype = text\ntext = x\n'; } > "$W/title.ini"
run "1 MB title" 1 "title.ini" check title.ini
printf 'l,v\na,1e15\n' > "$W/p.csv"
{ spec ''; printf '[panel a]\ntype = pictogram\ndata = p.csv\nlabel = l\nvalue = v\nper = 1\n'; } > "$W/picto.ini"
run "pictogram 1e15 per 1" 1 "more than 1000 icons" render picto.ini -o out
{ spec 'page = 0.01x0.01mm'; printf '[panel a]\ntype = text\ntext = x\n'; } > "$W/tiny.ini"
run "page of 0.01 mm" 1 'key "page"' check tiny.ini
{ spec 'page = 10000000x10000000mm'; printf '[panel a]\ntype = text\ntext = x\n'; } > "$W/huge.ini"
run "page of 10 km" 1 'key "page"' check huge.ini
for span in 0 1000; do
    { spec ''; printf '[panel a]\ntype = text\nspan = %s\ntext = x\n' "$span"; } > "$W/span$span.ini"
    run "panel span $span" 1 'key "span"' check "span$span.ini"
done

echo "pathological: $passed passed, $failed failed"
[ $failed = 0 ]
