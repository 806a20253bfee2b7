#!/usr/bin/env bash
# Incremental renders: `render --incremental` and `chart -d DIR
# --incremental`. Usage, from the repository root:
#
#   bash tests/incremental.sh build/factsheet
#
# What must hold: a second run with nothing changed draws nothing (every
# output keeps its inode, exit 0, nothing on stderr); a changed byte in any
# input (spec, CSV, text file, theme file), a missing or altered output, a
# changed option or font folder redraws exactly the outputs concerned;
# options that change no output (-j, -q, --shard) redraw nothing; --force
# redraws everything; a failed run leaves no new stamp and is not skipped
# later; the stamp is written after the outputs (so its listed hashes are
# those of the files in place).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0 passed=0
fail() { echo "FAIL  incremental: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }
# whether the list $1 mentions $2 (has) or not (hasnt)
has() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }
hasnt() { ! has "$1" "$2"; }

# inodes of every file of a folder, one "name inode" per line; a file
# renamed into place has a new inode
inodes() { (cd "$1" && for f in *; do printf '%s %s\n' "$f" "$(stat -c %i "$f")"; done); }
# the names whose inode changed between two listings
changed() { join "$1" "$2" | awk '$2 != $3 {print $1}' | tr '\n' ' '; }

# ---- reports -------------------------------------------------------------------
mkdir -p "$T/s"
for s in a b c; do
    mkdir -p "$T/s/$s"
    printf 'label,value\nNorth,%d\nSouth,7\n' "$(( ${#s} + 10 ))" > "$T/s/$s/d.csv"
    printf 'Some words about %s.\n' "$s" > "$T/s/$s/words.txt"
    printf '[report]\nname = rep-%s\ntitle = Report %s\nsource = Test data\n\n[panel one]\ntype = bar\ndata = d.csv\nlabel = label\nvalue = value\ntitle = Values\n\n[panel words]\ntype = text\nfile = words.txt\n' $s $s > "$T/s/$s/report.ini"
done
cp "$BIN" "$T/factsheet"
SPECS=("$T/s/a/report.ini" "$T/s/b/report.ini" "$T/s/c/report.ini")
run() { "$BIN" render "${SPECS[@]}" -o "$T/out" --format pdf,png "$@" 2> "$T/err"; }

run --incremental; rc=$?
check "first run: exit $rc, nothing on stderr" [ $rc = 0 ]
check "first run: exit $rc, nothing on stderr [2]" [ ! -s "$T/err" ]
check "first run: a stamp per spec" [ -s "$T/out/.rep-a.stamp" ]
check "first run: a stamp per spec [2]" [ -s "$T/out/.rep-b.stamp" ]
check "first run: a stamp per spec [3]" [ -s "$T/out/.rep-c.stamp" ]
# the stamp lists every input and output, with the hashes of the files in place
check "stamp of a lists its spec, CSV and text file" grep -q 'a/report.ini$' "$T/out/.rep-a.stamp"
check "stamp of a lists its spec, CSV and text file [2]" grep -q 'a/d.csv$' "$T/out/.rep-a.stamp"
check "stamp of a lists its spec, CSV and text file [3]" grep -q 'a/words.txt$' "$T/out/.rep-a.stamp"
check "stamp of a lists its outputs with their hashes" grep -q "^out $(sha256sum < "$T/out/rep-a.pdf" | cut -c1-64) .*rep-a.pdf$" "$T/out/.rep-a.stamp"
inodes "$T/out" > "$T/i0"

run --incremental; rc=$?
inodes "$T/out" > "$T/i1"
check "nothing changed: exit $rc, nothing on stderr" [ $rc = 0 ]
check "nothing changed: exit $rc, nothing on stderr [2]" [ ! -s "$T/err" ]
check "nothing changed: nothing redrawn ($(changed "$T/i0" "$T/i1"))" [ -z "$(changed "$T/i0" "$T/i1")" ]

run --incremental -j 1 -q --shard 1/1; rc=$?
inodes "$T/out" > "$T/i2"
ch=$(changed "$T/i1" "$T/i2")
check "-j, -q, --shard: exit $rc" [ $rc = 0 ]
check "-j, -q, --shard change no output: nothing redrawn ($ch)" [ -z "$ch" ]

# one byte of one CSV: that report only
printf 'label,value\nNorth,12\nSouth,8\n' > "$T/s/b/d.csv"
run --incremental; rc=$?
inodes "$T/out" > "$T/i3"
ch=$(changed "$T/i2" "$T/i3")
check "b's CSV changed: exit $rc, b redrawn ($ch)" [ $rc = 0 ]
check "b's CSV changed: exit $rc, b redrawn ($ch) [2]" has "$ch" rep-b.pdf
check "b's CSV changed: exit $rc, b redrawn ($ch) [3]" has "$ch" rep-b-one.png
check "b's CSV changed: a and c untouched ($ch)" hasnt "$ch" rep-a
check "b's CSV changed: a and c untouched ($ch) [2]" hasnt "$ch" rep-c

# a text file the spec names
printf 'Other words.\n' > "$T/s/c/words.txt"
run --incremental
inodes "$T/out" > "$T/i4"; ch=$(changed "$T/i3" "$T/i4")
check "c's text file changed: c alone redrawn ($ch)" has "$ch" rep-c.pdf
check "c's text file changed: c alone redrawn ($ch) [2]" hasnt "$ch" rep-a
check "c's text file changed: c alone redrawn ($ch) [3]" hasnt "$ch" rep-b

# the spec itself
sed -i 's/^title = Report a$/title = Report A/' "$T/s/a/report.ini"
run --incremental
inodes "$T/out" > "$T/i5"; ch=$(changed "$T/i4" "$T/i5")
check "a's spec changed: a alone redrawn ($ch)" has "$ch" rep-a.pdf
check "a's spec changed: a alone redrawn ($ch) [2]" hasnt "$ch" rep-b
check "a's spec changed: a alone redrawn ($ch) [3]" hasnt "$ch" rep-c

# an output removed, an output altered
rm "$T/out/rep-b-one.png"
printf 'x' >> "$T/out/rep-c.pdf"
run --incremental
inodes "$T/out" > "$T/i6"; ch=$(changed "$T/i5" "$T/i6")
check "missing output: b redrawn" [ -s "$T/out/rep-b-one.png" ]
check "missing output: b redrawn [2]" has "$ch" rep-b.pdf
check "altered output: c redrawn ($ch)" has "$ch" rep-c.pdf
check "altered output: c redrawn ($ch) [2]" hasnt "$ch" rep-a
check "altered output: c's PDF is whole again" [ "$(tail -c 6 "$T/out/rep-c.pdf" | tr -d '\n')" = "%%EOF" ]

# an option that changes what is drawn: all three
run --incremental --theme dark
inodes "$T/out" > "$T/i7"; ch=$(changed "$T/i6" "$T/i7")
check "--theme dark: all redrawn ($ch)" has "$ch" rep-a.pdf
check "--theme dark: all redrawn ($ch) [2]" has "$ch" rep-b.pdf
check "--theme dark: all redrawn ($ch) [3]" has "$ch" rep-c.pdf
# a theme file: its bytes count
printf '[colors]\n' > "$T/theme.ini"
"$BIN" render "${SPECS[@]}" -o "$T/out" --format pdf,png --incremental --theme "$T/theme.ini" 2> /dev/null
inodes "$T/out" > "$T/i8"
"$BIN" render "${SPECS[@]}" -o "$T/out" --format pdf,png --incremental --theme "$T/theme.ini" 2> /dev/null
inodes "$T/out" > "$T/i9"
check "--theme FILE twice: nothing redrawn the second time" [ -z "$(changed "$T/i8" "$T/i9")" ]
printf '# a comment\n[colors]\n' > "$T/theme.ini"
"$BIN" render "${SPECS[@]}" -o "$T/out" --format pdf,png --incremental --theme "$T/theme.ini" 2> /dev/null
inodes "$T/out" > "$T/i10"; ch=$(changed "$T/i9" "$T/i10")
check "theme file changed: all redrawn ($ch)" has "$ch" rep-a.pdf
check "theme file changed: all redrawn ($ch) [2]" has "$ch" rep-c.pdf

# a font folder: a new file in --font-dir redraws
run --incremental
inodes "$T/out" > "$T/i11"
mkdir -p "$T/fontdir"
run --incremental --font-dir "$T/fontdir"
inodes "$T/out" > "$T/i12"
cp "$T/s/a/d.csv" "$T/fontdir/not-a-font.txt"
run --incremental --font-dir "$T/fontdir"
inodes "$T/out" > "$T/i13"; ch=$(changed "$T/i12" "$T/i13")
check "a file added to --font-dir: all redrawn ($ch)" has "$ch" rep-a.pdf
check "a file added to --font-dir: all redrawn ($ch) [2]" has "$ch" rep-b.pdf

# a new build of factsheet (other bytes) redraws
run --incremental
inodes "$T/out" > "$T/i14"
printf '\n' >> "$T/factsheet"
"$T/factsheet" render "${SPECS[@]}" -o "$T/out" --format pdf,png --incremental 2> /dev/null
inodes "$T/out" > "$T/i15"; ch=$(changed "$T/i14" "$T/i15")
check "another build of factsheet: all redrawn ($ch)" has "$ch" rep-a.pdf
check "another build of factsheet: all redrawn ($ch) [2]" has "$ch" rep-b.pdf

# --force: everything, and new stamps
run --incremental --force; rc=$?
inodes "$T/out" > "$T/i16"; ch=$(changed "$T/i15" "$T/i16")
check "--force: exit $rc, all redrawn" [ $rc = 0 ]
check "--force: exit $rc, all redrawn [2]" has "$ch" rep-a.pdf
check "--force: exit $rc, all redrawn [3]" has "$ch" rep-b.pdf
check "--force: exit $rc, all redrawn [4]" has "$ch" rep-c.pdf
run --incremental
inodes "$T/out" > "$T/i17"
check "after --force, an incremental run draws nothing" [ -z "$(changed "$T/i16" "$T/i17")" ]

# a bad input: exit 1, no new stamp, the old outputs kept; not skipped later
cp "$T/out/.rep-b.stamp" "$T/stamp-b"
printf 'label,value\nNorth,abc\n' > "$T/s/b/d.csv"
run --incremental; rc=$?
check "bad CSV: exit 1 ($rc), one line naming it" [ $rc = 1 ]
check "bad CSV: exit 1 ($rc), one line naming it [2]" grep -q 'b/d.csv:2' "$T/err"
check "bad CSV: the stamp is the old one" cmp -s "$T/stamp-b" "$T/out/.rep-b.stamp"
run --incremental; rc=$?
check "bad CSV again: still drawn and refused, not skipped (exit $rc)" [ $rc = 1 ]

# usage errors
"$BIN" render "${SPECS[@]}" -o "$T/out" --force 2> "$T/err"; rc=$?
check "--force without --incremental: exit 2 ($rc)" [ $rc = 2 ]
check "--force without --incremental: exit 2 ($rc) [2]" grep -q 'force goes with --incremental' "$T/err"

# ---- charts into -d DIR --------------------------------------------------------
mkdir -p "$T/c" "$T/cout"
for i in 1 2 3; do printf 'label,value\nA,%d\nB,2\n' $i > "$T/c/c$i.csv"; done
crun() { "$BIN" chart "$T"/c/*.csv --label label --value value -d "$T/cout" "$@" 2> "$T/err"; }
crun --incremental; rc=$?
check "charts, first run: exit $rc, three stamps" [ $rc = 0 ]
check "charts, first run: exit $rc, three stamps [2]" [ -s "$T/cout/.c1.png.stamp" ]
check "charts, first run: exit $rc, three stamps [3]" [ -s "$T/cout/.c3.png.stamp" ]
inodes "$T/cout" > "$T/c0"
crun --incremental -j 2
inodes "$T/cout" > "$T/c1"
check "charts, nothing changed: nothing redrawn" [ -z "$(changed "$T/c0" "$T/c1")" ]
check "charts, nothing changed: nothing redrawn [2]" [ ! -s "$T/err" ]
printf 'label,value\nA,9\nB,2\n' > "$T/c/c2.csv"
crun --incremental
inodes "$T/cout" > "$T/c2"; ch=$(changed "$T/c1" "$T/c2")
check "charts, c2 changed: c2 alone redrawn ($ch)" [ "$ch" = "c2.png " ]
crun --incremental --title Other
inodes "$T/cout" > "$T/c3"; ch=$(changed "$T/c2" "$T/c3")
check "charts, --title changed: all redrawn ($ch)" [ "$ch" = "c1.png c2.png c3.png " ]
crun --incremental --format svg
check "charts, --format svg: SVGs with their own stamps" [ -s "$T/cout/c1.svg" ]
check "charts, --format svg: SVGs with their own stamps [2]" [ -s "$T/cout/.c1.svg.stamp" ]
"$BIN" chart "$T/c/c1.csv" --label label --value value -o "$T/x.png" --incremental 2> "$T/err"; rc=$?
check "chart -o with --incremental: exit 2 ($rc)" [ $rc = 2 ]
check "chart -o with --incremental: exit 2 ($rc) [2]" grep -q 'incremental needs -d DIR' "$T/err"

echo "incremental: $passed passed, $failed failed"
[ $failed = 0 ]

