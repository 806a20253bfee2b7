#!/usr/bin/env bash
# `factsheet watch`: a script edits a spec and its data under a running
# watch. Usage, from the repository root:
#
#   bash tests/watch.sh build/factsheet
#
# What must hold: the report is drawn at the start and once per save (a
# burst of saves within the debounce is one redraw), whether the editor
# writes in place or renames a new file over the old; a bad save prints its
# error and keeps the last good files byte for byte; a file the spec names
# only after an edit is watched from then on; SIGINT ends with exit 0 and
# no temporary file, also when it arrives during a redraw.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
WPID=
trap '[ -n "$WPID" ] && kill -KILL $WPID 2>/dev/null; rm -rf "$T"' EXIT
failed=0 passed=0
fail() { echo "FAIL  watch: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }

# status lines so far ("HH:MM:SS SPEC: …")
nstatus() { grep -c '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] ' "$T/log"; }
# waits (at most 20 s) until there are at least $1 status lines
wait_status() {
    local i
    for i in $(seq 1 200); do
        [ "$(nstatus)" -ge "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
# the text of the PDF drawn
pdftext() { pdftotext "$T/out/rep.pdf" - 2>/dev/null | tr '\n' ' '; }

mkdir -p "$T/s"
printf 'label,value\nNorth,12\nSouth,7\n' > "$T/s/d.csv"
printf 'label,value\nEast,31\nWest,4\n' > "$T/s/e.csv"
printf '[report]\nname = rep\ntitle = Report\nsource = Test data\n\n[panel one]\ntype = bar\ndata = d.csv\nlabel = label\nvalue = value\ntitle = Values\n' > "$T/s/report.ini"

cd "$T" || exit 1
"$BIN" watch s/report.ini -o out --format pdf,png --debounce 300 > "$T/log" 2> "$T/err" &
WPID=$!
check "first draw: a status line" wait_status 1
check "first draw: the PDF" [ -s out/rep.pdf ]
check "first draw: the PNG" [ -s out/rep-one.png ]
check "first draw: the status line says what was drawn" grep -q '^[0-9:]* s/report.ini: 2 files in [0-9]* ms, 0 lint warnings$' "$T/log"
check "watching line" grep -q '^watching 1 spec' "$T/log"

# a save in place
sleep 0.2
printf 'label,value\nNorth,15\nSouth,7\n' > s/d.csv
check "CSV saved in place: redrawn" wait_status 2
check "CSV saved in place: the PDF says 15" grep -q 15 <<< "$(pdftext)"

# a burst of saves within the debounce: one redraw
for v in 21 22 23 24 25; do printf 'label,value\nNorth,%d\nSouth,7\n' $v > s/d.csv; done
check "a burst of five saves: redrawn" wait_status 3
sleep 1
check "a burst of five saves: one redraw ($(nstatus) status lines)" [ "$(nstatus)" = 3 ]
check "a burst of five saves: the last one drawn" grep -q 25 <<< "$(pdftext)"

# a bad save: the error, and the last good files kept
cp out/rep.pdf "$T/good.pdf"; cp out/rep-one.png "$T/good.png"
printf 'label,value\nNorth,abc\n' > s/d.csv
check "bad save: a status line" wait_status 4
check "bad save: the error names the cell" grep -q 's/d.csv:2:7: .*not a number' "$T/err"
check "bad save: the status says nothing was drawn" grep -q 'not drawn' "$T/log"
check "bad save: the PDF is the last good one" cmp -s "$T/good.pdf" out/rep.pdf
check "bad save: the PNG is the last good one" cmp -s "$T/good.png" out/rep-one.png

# fixed by an editor that writes a new file and renames it over the old
printf 'label,value\nNorth,33\nSouth,7\n' > s/.d.csv.swp
mv s/.d.csv.swp s/d.csv
check "fixed by a rename: redrawn" wait_status 5
check "fixed by a rename: the PDF says 33" grep -q 33 <<< "$(pdftext)"

# the spec now names another CSV: drawn, and that file is watched from then on
sed -i 's/^data = d.csv$/data = e.csv/' s/report.ini
check "spec edited: redrawn" wait_status 6
check "spec edited: the PDF shows e.csv" grep -q East <<< "$(pdftext)"
printf 'label,value\nEast,44\nWest,4\n' > s/e.csv
check "the newly named CSV saved: redrawn" wait_status 7
check "the newly named CSV saved: the PDF says 44" grep -q 44 <<< "$(pdftext)"
# a file in the same folder that the spec does not name: nothing
printf 'x\n' > s/unrelated.txt
sleep 1
check "an unrelated file saved: no redraw ($(nstatus))" [ "$(nstatus)" = 7 ]

# SIGINT during a redraw: it finishes, then the watch ends cleanly
printf 'label,value\nEast,45\nWest,4\n' > s/e.csv
sleep 0.35
kill -INT $WPID
wait $WPID; rc=$?
WPID=
check "SIGINT: exit 0 ($rc)" [ $rc = 0 ]
check "SIGINT: no temporary file left" [ "$(ls -A out | tr '\n' ' ')" = "rep-one.png rep.pdf " ]
check "SIGINT: the PDF is whole" [ "$(tail -c 6 out/rep.pdf | tr -d '\n')" = "%%EOF" ]
check "no error printed but the bad save's" [ "$(wc -l < "$T/err")" = 1 ]

# usage
"$BIN" watch 2> "$T/err"; rc=$?
check "watch without a spec: exit 2 ($rc)" [ $rc = 2 ]
"$BIN" watch s/nothing.ini 2> "$T/err"; rc=$?
check "watch of a missing spec: exit 1 ($rc)" [ $rc = 1 ]
check "watch of a missing spec: named" grep -q 's/nothing.ini: No such file' "$T/err"
"$BIN" watch s/report.ini --debounce -1 2> "$T/err"; rc=$?
check "--debounce -1: exit 2 ($rc)" [ $rc = 2 ]

echo "watch: $passed passed, $failed failed"
[ $failed = 0 ]
