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
    check "$fmt: exit status is the worst (1), serial $rc1 parallel $rc3" [ $rc1 = 1 ]
    check "$fmt: exit status is the worst (1), serial $rc1 parallel $rc3 [2]" [ $rc3 = 1 ]
    check "$fmt: 11 of 12 files written" [ "$(ls "$T/j3" | wc -l)" = 11 ]
    check "$fmt: 11 of 12 files written [2]" [ "$(ls "$T/j1" | wc -l)" = 11 ]
    check "$fmt: serial and parallel files byte-identical" diff -r "$T/j1" "$T/j3"
    check "$fmt: stderr the same with -j 1 and -j 3" cmp -s "$T/err1" "$T/err3"
    check "$fmt: one error line naming c07.csv:3" [ "$(wc -l < "$T/err3")" = 1 ]
    check "$fmt: one error line naming c07.csv:3 [2]" grep -q 'c07.csv:3:.*not a number' "$T/err3"
    # each file equals the chart drawn alone
    for c in c01 c05 c12; do
        "$BIN" chart "$T/in/$c.csv" "${ARGS[@]}" -o "$T/alone.$fmt" 2> /dev/null
        check "$fmt: $c in a batch equals $c alone" cmp -s "$T/alone.$fmt" "$T/j3/$c.$fmt"
    done
done

# no progress line when stderr is not a terminal; -q is accepted
rm -rf "$T/q"; mkdir "$T/q"
"$BIN" chart "$T/good.csv" "$T/in/c01.csv" "${ARGS[@]}" -d "$T/q" -q 2> "$T/err"; rc=$?
check "quiet batch: exit $rc, stderr empty" [ $rc = 0 ]
check "quiet batch: exit $rc, stderr empty [2]" [ ! -s "$T/err" ]
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
    check "shards ($order): 11 charts in all, none twice ($all, $uniq)" [ "$all" = 11 ]
    check "shards ($order): 11 charts in all, none twice ($all, $uniq) [2]" [ "$uniq" = 11 ]
    ls "$T/sh/1" > "$T/shard1.$order"
done
check "shard 1/3 is the same set in any argument order" cmp -s "$T/shard1.sorted" "$T/shard1.reversed"
check "shard 1/3 is every third input from the first" [ "$(tr '\n' ' ' < "$T/shard1.sorted")" = "c01.png c04.png c10.png " ]
# bad shard arguments are usage errors
for bad in 0/3 4/3 3 a/b 1/0 2/100001 -1/3; do
    "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" -d "$T/sh" --shard "$bad" 2> "$T/err"; rc=$?
    check "--shard $bad: exit 2 ($rc)" [ $rc = 2 ]
    check "--shard $bad: exit 2 ($rc) [2]" grep -q -- '--shard takes K/N' "$T/err"
done
"$BIN" chart "$T/good.csv" "${ARGS[@]}" -o "$T/x.png" --shard 1/2 2> "$T/err"; rc=$?
check "--shard without -d: exit 2 ($rc)" [ $rc = 2 ]

# ---- --shard auto: the scheduler's variables -----------------------------------
# run with none of the schedulers' variables but those given (the test may
# itself run under one of them)
SCHED_VARS=(JOB_COMPLETION_INDEX CI_NODE_INDEX CI_NODE_TOTAL CIRCLE_NODE_INDEX CIRCLE_NODE_TOTAL
            BUILDKITE_PARALLEL_JOB BUILDKITE_PARALLEL_JOB_COUNT AWS_BATCH_JOB_ARRAY_INDEX)
sched() { local u=(); for v in "${SCHED_VARS[@]}"; do u+=(-u "$v"); done; env "${u[@]}" "$@"; }
mkdir -p "$T/want2"
"$BIN" chart "$T"/in/*.csv "${ARGS[@]}" -d "$T/want2" --shard 2/3 2> /dev/null
for vars in "JOB_COMPLETION_INDEX=1 --shard-count 3" "CI_NODE_INDEX=2 CI_NODE_TOTAL=3" \
            "CIRCLE_NODE_INDEX=1 CIRCLE_NODE_TOTAL=3" \
            "BUILDKITE_PARALLEL_JOB=1 BUILDKITE_PARALLEL_JOB_COUNT=3 --shard-count 3" \
            "AWS_BATCH_JOB_ARRAY_INDEX=1 --shard-count 3"; do
    read -r -a w <<< "$vars"
    envs=(); extra=()
    for x in "${w[@]}"; do case $x in *=*) envs+=("$x") ;; *) extra+=("$x") ;; esac; done
    rm -rf "$T/auto"; mkdir "$T/auto"
    sched "${envs[@]}" "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" -d "$T/auto" --shard auto "${extra[@]}" 2> /dev/null
    check "--shard auto with ${vars}: the same files as --shard 2/3" diff -r "$T/want2" "$T/auto"
done
auto_refused() { # what, expected message part, then env assignments and options
    local what=$1 want=$2; shift 2
    local envs=() extra=()
    for x in "$@"; do case $x in *=*) envs+=("$x") ;; *) extra+=("$x") ;; esac; done
    rm -rf "$T/auto"; mkdir "$T/auto"
    sched "${envs[@]}" "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" -d "$T/auto" --shard auto "${extra[@]}" 2> "$T/err"; local rc=$?
    check "--shard auto, $what: exit 2 ($rc), the message naming the variable, nothing written" [ $rc = 2 ]
    check "--shard auto, $what: exit 2 ($rc), the message naming the variable, nothing written [2]" grep -qF -- "$want" "$T/err"
    check "--shard auto, $what: exit 2 ($rc), the message naming the variable, nothing written [3]" [ -z "$(ls "$T/auto")" ]
    check "--shard auto, $what: exit 2 ($rc), the message naming the variable, nothing written [4]" [ "$(grep -c . "$T/err")" -le 2 ]
}
auto_refused "no scheduler" "none of JOB_COMPLETION_INDEX, CI_NODE_INDEX"
auto_refused "Kubernetes without a count" "JOB_COMPLETION_INDEX is set" JOB_COMPLETION_INDEX=0
auto_refused "index past the count" "JOB_COMPLETION_INDEX is 3, outside 0..2" JOB_COMPLETION_INDEX=3 --shard-count 3
auto_refused "GitLab without a total" "CI_NODE_INDEX is set but CI_NODE_TOTAL is not" CI_NODE_INDEX=1
auto_refused "GitLab's index is 1-based" "CI_NODE_INDEX is 0, outside 1..2" CI_NODE_INDEX=0 CI_NODE_TOTAL=2
auto_refused "not a number" 'CIRCLE_NODE_INDEX is "one"' CIRCLE_NODE_INDEX=one CIRCLE_NODE_TOTAL=2
auto_refused "total and count disagree" "BUILDKITE_PARALLEL_JOB_COUNT is 2 but --shard-count is 3" \
    BUILDKITE_PARALLEL_JOB=0 BUILDKITE_PARALLEL_JOB_COUNT=2 --shard-count 3
auto_refused "two schedulers" "both JOB_COMPLETION_INDEX and AWS_BATCH_JOB_ARRAY_INDEX" \
    JOB_COMPLETION_INDEX=0 AWS_BATCH_JOB_ARRAY_INDEX=0 --shard-count 2
sched "$BIN" chart "$T"/in/*.csv "${ARGS[@]}" -d "$T/auto" --shard 1/2 --shard-count 2 2> "$T/err"; rc=$?
check "--shard-count without --shard auto: exit 2 ($rc)" [ $rc = 2 ]
check "--shard-count without --shard auto: exit 2 ($rc) [2]" grep -q 'goes with --shard auto' "$T/err"

# ---- a simulation: N shards as separate processes over 1,000 inputs ---------
# Each shard is its own process, all running at once, each told its index
# by a scheduler's variables; together they must write every output exactly
# once, byte-identical to one run of the whole batch.
mkdir -p "$T/many"
for i in $(seq 1 1000); do
    printf 'label,value\nA%d,%d\nB,%d\nC,%d\n' $i $((i % 97 + 1)) $((i % 13 + 2)) $((i % 7 + 3)) > "$T/many/m$(printf %04d $i).csv"
done
MANY=(--label label --value value --size 320x200 --format svg)
mkdir -p "$T/many-one"
"$BIN" chart "$T"/many/*.csv "${MANY[@]}" -d "$T/many-one" -q -j 2 2> "$T/err"; rc=$?
check "1,000 inputs in one run: exit $rc, 1,000 files" [ $rc = 0 ]
check "1,000 inputs in one run: exit $rc, 1,000 files [2]" [ "$(ls "$T/many-one" | wc -l)" = 1000 ]
for S in 7; do
    pids=()
    for k in $(seq 1 $S); do
        # the shards see the inputs in different orders, as separate machines might
        if [ $((k % 2)) = 0 ]; then order=$(ls -r "$T"/many/*.csv); else order=$(ls "$T"/many/*.csv); fi
        mkdir -p "$T/sim$S/$k"
        # shellcheck disable=SC2086
        sched CI_NODE_INDEX=$k CI_NODE_TOTAL=$S "$BIN" chart $order "${MANY[@]}" -d "$T/sim$S/$k" --shard auto -q -j 1 2> "$T/sim$S.err$k" &
        pids+=($!)
    done
    ok=1
    for p in "${pids[@]}"; do wait "$p" || ok=0; done
    check "$S shards: every process exits 0" [ $ok = 1 ]
    check "$S shards: no diagnostics" [ -z "$(cat "$T"/sim$S.err*)" ]
    total=$(find "$T/sim$S" -type f | wc -l)
    uniq=$(find "$T/sim$S" -type f -printf '%f\n' | sort -u | wc -l)
    check "$S shards: 1,000 outputs in all ($total), each exactly once ($uniq)" [ "$total" = 1000 ]
    check "$S shards: 1,000 outputs in all ($total), each exactly once ($uniq) [2]" [ "$uniq" = 1000 ]
    same=1
    for f in "$T/sim$S"/*/*; do cmp -s "$f" "$T/many-one/$(basename "$f")" || { same=0; echo "differs: $f"; break; }; done
    check "$S shards: every output byte-identical to the single run" [ $same = 1 ]
done

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
    check "render -j $j: the good reports written" [ -s "$T/rout$j/rep-a.pdf" ]
    check "render -j $j: the good reports written [2]" [ -s "$T/rout$j/rep-b.pdf" ]
    check "render -j $j: the good reports written [3]" [ -s "$T/rout$j/rep-b-one.png" ]
    check "render -j $j: nothing of the bad one" [ -z "$(ls "$T/rout$j" | grep rep-bad)" ]
    check "render -j $j: one error line, naming the bad spec" [ "$(wc -l < "$T/rerr$j")" = 1 ]
    check "render -j $j: one error line, naming the bad spec [2]" grep -q 'bad/report.ini' "$T/rerr$j"
done
check "render: -j 1 and -j 2 write the same bytes" diff -r "$T/rout1" "$T/rout2"
check "render: -j 1 and -j 2 print the same errors" cmp -s "$T/rerr1" "$T/rerr2"
"$BIN" render "$T/r/a/report.ini" -o "$T/rsingle" 2> /dev/null
for f in "$T/rsingle"/*; do
    check "render: $(basename "$f") alone = in a batch" cmp -s "$f" "$T/rout2/$(basename "$f")"
done
sched CI_NODE_INDEX=2 CI_NODE_TOTAL=2 "$BIN" render "$T/r/b/report.ini" "$T/r/a/report.ini" -o "$T/rauto" --shard auto 2> "$T/err"; rc=$?
check "render --shard auto: exit $rc, only the second spec's report" [ $rc = 0 ]
check "render --shard auto: exit $rc, only the second spec's report [2]" [ -s "$T/rauto/rep-b.pdf" ]
check "render --shard auto: exit $rc, only the second spec's report [3]" [ ! -e "$T/rauto/rep-a.pdf" ]
sched JOB_COMPLETION_INDEX=0 "$BIN" render "$T/r/b/report.ini" "$T/r/a/report.ini" -o "$T/rauto2" --shard auto 2> "$T/err"; rc=$?
check "render --shard auto without a count: exit 2 ($rc)" [ $rc = 2 ]
check "render --shard auto without a count: exit 2 ($rc) [2]" grep -q 'give --shard-count N' "$T/err"
check "render --shard auto without a count: exit 2 ($rc) [3]" [ ! -e "$T/rauto2" ]
cp "$T/r/a/report.ini" "$T/r/same/report.ini"; cp "$T/good.csv" "$T/r/same/d.csv"
"$BIN" render "$T/r/a/report.ini" "$T/r/same/report.ini" -o "$T/rsame" 2> "$T/err"; rc=$?
check "render: two specs with one name are refused (exit $rc)" [ $rc = 2 ]
check "render: two specs with one name are refused (exit $rc) [2]" grep -q 'both have name = rep-a' "$T/err"
check "render: two specs with one name are refused (exit $rc) [3]" [ ! -e "$T/rsame" ]

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
    check "killed worker: the others are written" [ -s "$T/kill/a.png" ]
    check "killed worker: the others are written [2]" [ -s "$T/kill/z.png" ]
    check "killed worker: the others are written [3]" [ ! -e "$T/kill/slow.png" ]
    # the folder's fsync, deferred to the end of each worker, fails: the files
    # are in place, the failure is reported once, and the exit status is 3
    rm -rf "$T/dsync"; mkdir -p "$T/dsync"
    LD_PRELOAD=$INJECT FS_FAIL="fsync:dsync\$:EIO" "$BIN" chart "$T"/kin/*.csv --label label --value value -d "$T/dsync" -j 2 2> "$T/err"; rc=$?
    check "folder sync fails: exit 3 ($rc)" [ $rc = 3 ]
    check "folder sync fails: one line" [ "$(wc -l < "$T/err")" = 1 ]
    check "folder sync fails: one line [2]" grep -q 'dsync: cannot sync the folder: Input/output error' "$T/err"
    check "folder sync fails: the charts are written" [ "$(ls "$T/dsync" | wc -l)" = 3 ]
else
    skip "killed worker and folder sync: need the fault shim without ASan"
fi

echo "batch: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
