#!/usr/bin/env bash
# Batch and scale-out tests: `chart CSV… -d DIR` and `render SPEC…` with -j,
# --shard, -q and the progress line. Usage, from the repository root:
#
#   bash tests/batch.sh build/factsheet build/tests/inject.so
#
# What must hold: every output of a parallel run is byte-identical to a
# serial run and to a run of that input alone (PNG, SVG and PDF); stderr is
# the same whatever -j is (inputs in order); one bad input does not stop
# the others and the exit status is the worst; the shards of a batch hold
# every input exactly once whatever the order of the arguments; a worker
# that dies is named with the input it was drawing.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
INJECT=${2:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0 passed=0 skipped=0
fail() { echo "FAIL  batch: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
skip() { echo "skip  batch: $*"; skipped=$((skipped + 1)); }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }

# ---- inputs: 12 CSVs, some with emoji (SVG images), one of them bad --------
mkdir -p "$T/in"
for i in $(seq 1 12); do
    printf 'label,value\nNorth %s,%d\nSouth,%d\nEast 🎉,%d\nWest,%d\n' "$i" $((i * 7)) $((i * 3 + 1)) $((20 - i)) 5 \
        > "$T/in/c$(printf %02d $i).csv"
done
cp "$T/in/c03.csv" "$T/good.csv"
printf 'label,value\nNorth,12\nSouth,abc\n' > "$T/in/c07.csv"
ARGS=(--label label --value value --title Batch --size 640x400)

for fmt in png svg pdf; do
    rm -rf "$T/j1" "$T/j3"; mkdir -p "$T/j1" "$T/j3"
    "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" --format $fmt -d "$T/j1" -j 1 2> "$T/err1"; rc1=$?
    "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" --format $fmt -d "$T/j3" -j3 2> "$T/err3"; rc3=$?
    check "$fmt: exit status is the worst (1), serial $rc1 parallel $rc3" [ $rc1 = 1 ] && [ $rc3 = 1 ]
    check "$fmt: 11 of 12 files written" [ "$(ls "$T/j3" | wc -l)" = 11 ] && [ "$(ls "$T/j1" | wc -l)" = 11 ]
    check "$fmt: serial and parallel files byte-identical" diff -r "$T/j1" "$T/j3"
    check "$fmt: stderr the same with -j 1 and -j 3" cmp -s "$T/err1" "$T/err3"
    check "$fmt: one error line naming c07.csv:3" [ "$(wc -l < "$T/err3")" = 1 ] && grep -q 'c07.csv:3:.*not a number' "$T/err3"
    # each file equals the chart drawn alone
    for c in c01 c05 c12; do
        "$BIN" chart "$T/in/$c.csv" "${ARGS[@]}" -o "$T/alone.$fmt" 2> /dev/null
        check "$fmt: $c in a batch equals $c alone" cmp -s "$T/alone.$fmt" "$T/j3/$c.$fmt"
    done
done

# no progress line when stderr is not a terminal; -q is accepted
rm -rf "$T/q"; mkdir "$T/q"
"$BIN" chart "$T/good.csv" "$T/in/c01.csv" "${ARGS[@]}" -d "$T/q" -q 2> "$T/err"; rc=$?
check "quiet batch: exit $rc, stderr empty" [ $rc = 0 ] && [ ! -s "$T/err" ]
# progress on a terminal (script(1) gives the run one), and the line is
# cleared at the end
if command -v script > /dev/null; then
    rm -rf "$T/tty"; mkdir "$T/tty"
    script -qec "'$BIN' chart '$T/good.csv' '$T/in/c01.csv' '$T/in/c02.csv' --label label --value value -d '$T/tty' -j 2" /dev/null > "$T/tty.log" 2>&1
    check "progress line on a terminal" grep -q 'factsheet: [0-9]*/3 charts' "$T/tty.log"
    check "progress line cleared" grep -q $'\033\\[K' "$T/tty.log"
    rm -rf "$T/tty"; mkdir "$T/tty"
    script -qec "'$BIN' chart '$T/good.csv' '$T/in/c01.csv' --label label --value value -d '$T/tty' -q" /dev/null > "$T/tty.log" 2>&1
    check "-q: no progress line on a terminal" [ ! -s "$T/tty.log" ]
else
    skip "progress line: script(1) not installed"
fi

# ---- shards -----------------------------------------------------------------
# every input in exactly one of 3 shards, whatever the argument order
for order in sorted reversed; do
    if [ $order = sorted ]; then files=("$T"/in/*.csv); else mapfile -t files < <(ls -r "$T"/in/*.csv); fi
    rm -rf "$T/sh"; mkdir -p "$T/sh"
    for k in 1 2 3; do
        mkdir -p "$T/sh/$k"
        "$BIN" chart "${files[@]}" "${ARGS[@]}" -d "$T/sh/$k" --shard $k/3 -j 2 2> /dev/null
    done
    all=$(ls "$T/sh"/*/ | grep -c '\.png$')
    uniq=$(ls "$T/sh"/*/ | grep '\.png$' | sort -u | wc -l)
    check "shards ($order): 11 charts in all, none twice ($all, $uniq)" [ "$all" = 11 ] && [ "$uniq" = 11 ]
    ls "$T/sh/1" > "$T/shard1.$order"
done
check "shard 1/3 is the same set in any argument order" cmp -s "$T/shard1.sorted" "$T/shard1.reversed"
check "shard 1/3 is every third input from the first" [ "$(tr '\n' ' ' < "$T/shard1.sorted")" = "c01.png c04.png c10.png " ]
# bad shard arguments are usage errors
for bad in 0/3 4/3 3 a/b 1/0 2/100001 -1/3; do
    "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" -d "$T/sh" --shard "$bad" 2> "$T/err"; rc=$?
    check "--shard $bad: exit 2 ($rc)" [ $rc = 2 ] && grep -q -- '--shard takes K/N' "$T/err"
done
"$BIN" chart "$T/good.csv" "${ARGS[@]}" -o "$T/x.png" --shard 1/2 2> "$T/err"; rc=$?
check "--shard without -d: exit 2 ($rc)" [ $rc = 2 ]

# ---- render: several specs ---------------------------------------------------
mkdir -p "$T/r/a" "$T/r/b" "$T/r/bad" "$T/r/same"
for s in a b; do
    cp "$T/good.csv" "$T/r/$s/d.csv"
    printf '[report]\nname = rep-%s\ntitle = Report %s\nsource = Test data\n\n[panel one]\ntype = bar\ndata = d.csv\nlabel = label\nvalue = value\ntitle = Values\n' $s $s > "$T/r/$s/report.ini"
done
printf '[report]\nname = rep-bad\ntitle = Bad\n\n[panel one]\ntype = bar\ndata = missing.csv\nlabel = label\nvalue = value\n' > "$T/r/bad/report.ini"
for j in 1 2; do
    rm -rf "$T/rout$j"
    "$BIN" render "$T/r/a/report.ini" "$T/r/bad/report.ini" "$T/r/b/report.ini" -o "$T/rout$j" -j $j 2> "$T/rerr$j"; rc=$?
    check "render 3 specs -j $j: exit 1 ($rc)" [ $rc = 1 ]
    check "render -j $j: the good reports written" [ -s "$T/rout$j/rep-a.pdf" ] && [ -s "$T/rout$j/rep-b.pdf" ] && [ -s "$T/rout$j/rep-b-one.png" ]
    check "render -j $j: nothing of the bad one" [ -z "$(ls "$T/rout$j" | grep rep-bad)" ]
    check "render -j $j: one error line, naming the bad spec" [ "$(wc -l < "$T/rerr$j")" = 1 ] && grep -q 'bad/report.ini' "$T/rerr$j"
done
check "render: -j 1 and -j 2 write the same bytes" diff -r "$T/rout1" "$T/rout2"
check "render: -j 1 and -j 2 print the same errors" cmp -s "$T/rerr1" "$T/rerr2"
"$BIN" render "$T/r/a/report.ini" -o "$T/rsingle" 2> /dev/null
for f in "$T/rsingle"/*; do
    check "render: $(basename "$f") alone = in a batch" cmp -s "$f" "$T/rout2/$(basename "$f")"
done
cp "$T/r/a/report.ini" "$T/r/same/report.ini"; cp "$T/good.csv" "$T/r/same/d.csv"
"$BIN" render "$T/r/a/report.ini" "$T/r/same/report.ini" -o "$T/rsame" 2> "$T/err"; rc=$?
check "render: two specs with one name are refused (exit $rc)" [ $rc = 2 ] && grep -q 'both have name = rep-a' "$T/err" && [ ! -e "$T/rsame" ]

# ---- a worker that dies is named -----------------------------------------------
if [ -n "$INJECT" ] && [ -f "$INJECT" ] && [ -z "${ASAN_OPTIONS_SKIP_PRELOAD:-}" ] && ! ldd "$BIN" | grep -q libasan; then
    rm -rf "$T/kill"; mkdir -p "$T/kill" "$T/kin"
    cp "$T/good.csv" "$T/kin/a.csv"; cp "$T/good.csv" "$T/kin/slow.csv"; cp "$T/good.csv" "$T/kin/z.csv"
    LD_PRELOAD=$INJECT FS_SLOW="open:slow.csv:4000" "$BIN" chart "$T"/kin/*.csv --label label --value value -d "$T/kill" -j 2 2> "$T/err" &
    pid=$!
    sleep 1.5
    pkill -KILL -P $pid
    wait $pid; rc=$?
    check "killed worker: exit 3 ($rc)" [ $rc = 3 ]
    check "killed worker: its input is named" grep -q 'slow.csv: the process drawing it died (signal 9' "$T/err"
    check "killed worker: the others are written" [ -s "$T/kill/a.png" ] && [ -s "$T/kill/z.png" ] && [ ! -e "$T/kill/slow.png" ]
    # the folder's fsync, deferred to the end of each worker, fails: the files
    # are in place, the failure is reported once, and the exit status is 3
    rm -rf "$T/dsync"; mkdir -p "$T/dsync"
    LD_PRELOAD=$INJECT FS_FAIL="fsync:dsync\$:EIO" "$BIN" chart "$T"/kin/*.csv --label label --value value -d "$T/dsync" -j 2 2> "$T/err"; rc=$?
    check "folder sync fails: exit 3 ($rc)" [ $rc = 3 ]
    check "folder sync fails: one line" [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'dsync: cannot sync the folder: Input/output error' "$T/err"
    check "folder sync fails: the charts are written" [ "$(ls "$T/dsync" | wc -l)" = 3 ]
else
    skip "killed worker and folder sync: need the fault shim without ASan"
fi

echo "batch: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
