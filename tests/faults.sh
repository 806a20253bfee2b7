#!/usr/bin/env bash
# Faults (issue 7): injected write faults, real ones (/dev/full, a read-only
# folder, a full disk, a missing folder), standard output on /dev/full and a
# closed pipe, the SIGKILL loop and read faults; and (issue 13) symbolic
# links at output paths and a link swapped after the confinement check of a
# spec's input.
# Usage, from the repository root:
#
#   bash tests/faults.sh build/factsheet build/tests/inject.so
#
# FAULTS_KILLS=N sets the number of SIGKILL rounds (default 200).
#
# A write fault must end with exit 3 and exactly one stderr line naming the
# file and the reason, leave no temp file (".NAME.XXXXXX", ".NAME.bak.XXXXXX")
# and leave the previous outputs byte-identical: each case first has a
# previous render of different content (titles prefixed "Old") and compares
# the folder with a saved copy afterwards (diff -r: names and bytes).
# Faults come from tests/faults/inject.c (LD_PRELOAD; see its header), and
# each case also checks that its fault fired, so a pattern that stops
# matching fails instead of passing silently.
#
# Cases that need root (mounting a tmpfs) or a user to switch to print
# "skipped" and why. A case listed in KNOWN is a failure we know of and
# expect: it prints "known failure" and does not fail the run; once it
# passes it prints "now passes: remove it from KNOWN".
set -u

if [ $# -lt 2 ]; then
    echo "usage: bash tests/faults.sh path/to/factsheet path/to/inject.so" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SHIM=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPEC=$ROOT/data/khojaly/report.ini
CSV=$ROOT/data/khojaly/killed.csv
KILLS=${FAULTS_KILLS:-200}
export LC_ALL=C

# the cases we expect to fail (none today; a case listed here that passes
# fails the run until it is removed)
KNOWN=" "

# A sanitized binary links libasan, which must come first among the
# libraries unless told otherwise; our shim then sits in front of it.
if ldd "$BIN" 2>/dev/null | grep -q libasan; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-faults.XXXXXX")
chmod 755 "$W"
MOUNTS=()
cleanup() {
    for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
    chmod -R u+rwx "$W" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT

passed=0 failed=0 skipped=0 known=0
FAILS=""
pass() { passed=$((passed + 1)); }
skip() {
    skipped=$((skipped + 1))
    echo "faults: $1: skipped ($2)"
}
# bad CASE WHY
bad() {
    if [[ $KNOWN == *" $1 "* ]]; then
        known=$((known + 1))
        echo "faults: $1: known failure: $2"
        return
    fi
    failed=$((failed + 1))
    FAILS+="FAIL $1: $2"$'\n'
}
good() {
    if [[ $KNOWN == *" $1 "* ]]; then
        failed=$((failed + 1))
        FAILS+="FAIL $1: now passes: remove it from KNOWN in tests/faults.sh"$'\n'
        return
    fi
    pass
}

# Our temp and backup files in a folder: sets LEFT to their names, space
# separated. In bash alone: a fork costs ~25 ms on some machines, and the
# SIGKILL loop calls this 200 times.
scan_leftovers() {
    local f
    LEFT=""
    for f in "$1"/.*; do
        f=${f##*/}
        [[ $f =~ ^\.[^/]+\.[A-Za-z0-9]{6}$ ]] && LEFT+="$f "
    done
    LEFT=${LEFT% }
}

# A sanitized report render takes about 5 s of CPU: give such builds 60 s
# (a hang is still caught), plain builds 10 s.
T_LIMIT=10
grep -qa __asan_init "$BIN" && T_LIMIT=60
# run CASE ARGS...: runs the binary under the time limit; sets rc, err
# (stderr) and out (stdout). FS_FAIL etc. come from the caller's env.
run() {
    local name=$1
    shift
    rm -f "$W/log"
    timeout "$T_LIMIT" "$BIN" "$@" >"$W/out" 2>"$W/err"
    rc=$?
    err=$(cat "$W/err")
    out=$(cat "$W/out")
    [ "$rc" = 124 ] && err="(timed out after 10 s) $err"
    return 0
}

# check CASE RC WANT... : exit status RC, one stderr line holding every WANT
check_one_line() {
    local name=$1 want_rc=$2
    shift 2
    if [ "$rc" != "$want_rc" ]; then
        bad "$name" "exit $rc, want $want_rc; stderr: $err"
        return 1
    fi
    if [ "$(printf '%s\n' "$err" | wc -l)" != 1 ] || [ -z "$err" ]; then
        bad "$name" "want exactly one stderr line, got: $err"
        return 1
    fi
    for w in "$@"; do
        if [[ $err != *"$w"* ]]; then
            bad "$name" "stderr lacks \"$w\": $err"
            return 1
        fi
    done
    return 0
}

# unchanged CASE DIR SAVED: DIR holds the same names and bytes as SAVED
# and no temp file
unchanged() {
    local name=$1 dir=$2 saved=$3
    scan_leftovers "$dir"
    if [ -n "$LEFT" ]; then
        bad "$name" "temp files left in $dir: $LEFT"
        return 1
    fi
    if ! diff -r "$saved" "$dir" >"$W/diff" 2>&1; then
        bad "$name" "previous output changed: $(head -3 "$W/diff" | tr '\n' ' ')"
        return 1
    fi
    return 0
}

# fault CASE FS_FAIL DIR SAVED RC WANT... -- ARGS...: one injected fault
fault() {
    local name=$1 spec=$2 dir=$3 saved=$4 want_rc=$5
    shift 5
    local wants=()
    while [ "$1" != "--" ]; do
        wants+=("$1")
        shift
    done
    shift
    rm -f "$W/log"
    FS_FAIL=$spec FS_FAIL_LOG=$W/log LD_PRELOAD=$SHIM run "$name" "$@"
    if [ ! -s "$W/log" ]; then
        bad "$name" "the fault $spec never fired (exit $rc; $err)"
        return
    fi
    check_one_line "$name" "$want_rc" "${wants[@]}" || return
    unchanged "$name" "$dir" "$saved" || return
    good "$name"
}

CHART=(chart "$CSV" --label group --value count)
OLD_TITLE=(--title "Old title")

# An "old" copy of the report: every title prefixed, so that every one of
# its 63 files differs from the real report's (checked below).
mkdir -p "$W/spec"
cp "$ROOT"/data/khojaly/*.csv "$W/spec/"
sed 's/^\(title\|title\[[a-z]*\]\) = /&Old /' "$SPEC" >"$W/spec/report.ini"
OLDSPEC=$W/spec/report.ini

# ---- write faults: a chart in each format ---------------------------------------
mkdir -p "$W/chart"
for ext in png pdf svg; do
    "$BIN" "${CHART[@]}" "${OLD_TITLE[@]}" -o "$W/chart/k.$ext" || bad "chart-prev-$ext" "cannot render"
done
cp -a "$W/chart" "$W/chart.saved"
for ext in png pdf svg; do
    f=$W/chart/k.$ext
    fault "chart-$ext-write-enospc" "write:k.$ext:ENOSPC" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot write: No space left on device" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-write-eio-2nd" "write:k.$ext:EIO:2" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot write: Input/output error" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-fsync" "fsync:.k.$ext.:EIO" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot write: Input/output error" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-fclose" "fclose:.k.$ext.:EDQUOT" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot write: Disk quota exceeded" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-create" "open:.k.$ext.:EACCES" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot create: Permission denied" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-rename" "rename:k.$ext:EIO" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot replace: Input/output error" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-backup" "link:k.$ext:EMLINK" "$W/chart" "$W/chart.saved" 3 \
        "$f: cannot keep the previous file: Too many links" -- "${CHART[@]}" -o "$f"
    fault "chart-$ext-fsync-folder" "fsync:$W/chart\$:EIO" "$W/chart" "$W/chart.saved" 3 \
        "$W/chart: cannot sync the folder: Input/output error" -- "${CHART[@]}" -o "$f"
done

# ---- write faults: the default report, three languages, 63 files --------------------
R=$W/report
"$BIN" render "$OLDSPEC" -o "$R" || bad report-prev "cannot render the old report"
cp -a "$R" "$W/report.saved"
"$BIN" render "$SPEC" -o "$W/report.new" || bad report-new "cannot render the report"
nfiles=$(ls "$R" | wc -l)
ndiff=0
for f in "$W/report.new"/*; do
    cmp -s "$f" "$R/$(basename "$f")" || ndiff=$((ndiff + 1))
done
if [ "$nfiles" -lt 21 ] || [ "$ndiff" != "$nfiles" ]; then
    bad report-differs "want 21+ files all different between old and new; $nfiles files, $ndiff differ"
fi
RR=(render "$SPEC" -o "$R")
fault report-write-enospc "write:khojaly-orphans:ENOSPC" "$R" "$W/report.saved" 3 \
    "$R/khojaly-orphans.png: cannot write: No space left on device" -- "${RR[@]}"
fault report-write-pdf-ru "write:khojaly.ru.pdf:EIO" "$R" "$W/report.saved" 3 \
    "$R/khojaly.ru.pdf: cannot write: Input/output error" -- "${RR[@]}"
fault report-fsync "fsync:khojaly-timeline.az.svg:EIO" "$R" "$W/report.saved" 3 \
    "$R/khojaly-timeline.az.svg: cannot write: Input/output error" -- "${RR[@]}"
fault report-fclose "fclose:.khojaly-moved.png.:ENOSPC" "$R" "$W/report.saved" 3 \
    "$R/khojaly-moved.png: cannot write: No space left on device" -- "${RR[@]}"
fault report-create "open:.khojaly-oic.ru.png.:EACCES" "$R" "$W/report.saved" 3 \
    "$R/khojaly-oic.ru.png: cannot create: Permission denied" -- "${RR[@]}"
# the third file fails at rename time: the two before it are put back
fault report-rename-3rd "rename:$R/::3" "$R" "$W/report.saved" 3 \
    "cannot replace: Input/output error" -- "${RR[@]}"
fault report-rename-last "rename:$R/::$nfiles" "$R" "$W/report.saved" 3 \
    "cannot replace: Input/output error" -- "${RR[@]}"
fault report-backup-5th "link:$R/:ENOSPC:5" "$R" "$W/report.saved" 3 \
    "cannot keep the previous file: No space left on device" -- "${RR[@]}"
fault report-fsync-folder "fsync:$R\$:EIO" "$R" "$W/report.saved" 3 \
    "$R: cannot sync the folder: Input/output error" -- "${RR[@]}"
# a report where some files are new (no previous file): those go away again
rm -f "$R"/khojaly-oic* "$W/report.saved"/khojaly-oic*
fault report-rename-new-files "rename:khojaly-recognition.ru.svg:EIO" "$R" "$W/report.saved" 3 \
    "$R/khojaly-recognition.ru.svg: cannot replace: Input/output error" -- "${RR[@]}"

# ---- /dev/full and other files that are not regular ---------------------------------
# A link to a character device planted in an output folder is replaced by
# the new file like any other link: never written through, not even into
# /dev/full (issue 13; before, it was written into as `>` would).
D=$W/dev
mkdir -p "$D"
ln -s /dev/full "$D/full.png"
run devfull "${CHART[@]}" -o "$D/full.png"
if [ "$rc" = 0 ] && [ -f "$D/full.png" ] && [ ! -L "$D/full.png" ] && [ -c /dev/full ]; then
    scan_leftovers "$D"
    if [ -z "$LEFT" ]; then good devfull; else bad devfull "a temp file is left: $LEFT"; fi
else
    bad devfull "exit $rc, the link to /dev/full not replaced by a file: $err"
fi
# -o /dev/full itself names no format: a usage error (exit 2), as for any -o
run devfull-direct "${CHART[@]}" -o /dev/full
if [ "$rc" = 2 ] && [[ $err == *"-o must end in"* ]]; then good devfull-direct; else
    bad devfull-direct "exit $rc, want 2: $err"; fi
# render -o /dev/full: not a folder
run devfull-render render "$SPEC" -o /dev/full
check_one_line devfull-render 3 "/dev/full: cannot create the folder: Not a directory" &&
    good devfull-render
ln -s /dev/null "$D/null.svg"
run devnull "${CHART[@]}" -o "$D/null.svg"
if [ "$rc" = 0 ] && [ -z "$err" ] && [ -f "$D/null.svg" ] && [ ! -L "$D/null.svg" ] && [ -c /dev/null ]; then
    good devnull; else bad devnull "exit $rc, the link to /dev/null not replaced by a file: $err"; fi
mkfifo "$D/fifo.png"
run fifo-no-reader "${CHART[@]}" -o "$D/fifo.png"
check_one_line fifo-no-reader 3 "$D/fifo.png: cannot open: no process reads this FIFO" &&
    good fifo-no-reader
mkdir "$D/dir.png"
run target-is-folder "${CHART[@]}" -o "$D/dir.png"
check_one_line target-is-folder 3 "$D/dir.png: cannot replace: Is a directory" && good target-is-folder

# ---- symbolic links at output paths (issue 13) ------------------------------------------
# A link at an output path is replaced by the new file, never written
# through: a link to an existing file leaves that file byte for byte and
# mode for mode as it was; a dangling link does not create its target. For
# a chart in each format, a report's PDF and slides, and a chart -d batch.
L=$W/links
mkdir -p "$L/elsewhere" "$L/saved" "$L/ref/batch"
# victim N: a file outside the output folder, mode 0600, and a copy of it
victim() {
    printf 'victim %s: do not overwrite\n' "$1" >"$L/elsewhere/$1"
    chmod 600 "$L/elsewhere/$1"
    cp "$L/elsewhere/$1" "$L/saved/$1"
}
# victim_ok CASE N: the victim as victim() left it
victim_ok() {
    if ! cmp -s "$L/elsewhere/$2" "$L/saved/$2"; then
        bad "$1" "the link's target $2 was written through: $(head -c 40 "$L/elsewhere/$2" | tr -c '[:print:]' '?')"
        return 1
    fi
    if [ "$(stat -c %a "$L/elsewhere/$2")" != 600 ]; then
        bad "$1" "the link's target $2 changed mode to $(stat -c %a "$L/elsewhere/$2")"
        return 1
    fi
    return 0
}
# replaced CASE FILE REF: FILE is now a regular file (not a link) equal to
# REF, of the usual mode for a new file
replaced() {
    if [ -L "$2" ] || [ ! -f "$2" ]; then
        bad "$1" "$2 is still a link or missing"
        return 1
    fi
    if ! cmp -s "$2" "$3"; then
        bad "$1" "$2 is not the chart"
        return 1
    fi
    local want
    want=$(printf '%o' $((0666 & ~$(umask))))
    if [ "$(stat -c %a "$2")" != "$want" ]; then
        bad "$1" "$2 has mode $(stat -c %a "$2"), want $want"
        return 1
    fi
    return 0
}
for ext in png pdf svg; do
    "$BIN" "${CHART[@]}" -o "$L/ref/k.$ext" || bad "link-ref-$ext" "cannot render"
    mkdir -p "$L/chart-$ext"
    victim "chart.$ext.txt"
    ln -s "../elsewhere/chart.$ext.txt" "$L/chart-$ext/k.$ext"
    run "link-to-file-$ext" "${CHART[@]}" -o "$L/chart-$ext/k.$ext"
    if [ "$rc" != 0 ]; then bad "link-to-file-$ext" "exit $rc: $err"; else
        victim_ok "link-to-file-$ext" "chart.$ext.txt" &&
            replaced "link-to-file-$ext" "$L/chart-$ext/k.$ext" "$L/ref/k.$ext" &&
            good "link-to-file-$ext"
    fi
    ln -s "../elsewhere/none.$ext" "$L/chart-$ext/dangling.$ext"
    run "link-dangling-$ext" "${CHART[@]}" -o "$L/chart-$ext/dangling.$ext"
    if [ "$rc" != 0 ]; then bad "link-dangling-$ext" "exit $rc: $err"
    elif [ -e "$L/elsewhere/none.$ext" ]; then bad "link-dangling-$ext" "the link's target was created"
    else replaced "link-dangling-$ext" "$L/chart-$ext/dangling.$ext" "$L/ref/k.$ext" &&
        good "link-dangling-$ext"; fi
done
# the folder part of a path may be a link: that one is followed
mkdir -p "$L/real-folder"
ln -s real-folder "$L/folder-link"
run link-folder "${CHART[@]}" -o "$L/folder-link/k.png"
if [ "$rc" = 0 ] && [ -L "$L/folder-link" ]; then
    replaced link-folder "$L/real-folder/k.png" "$L/ref/k.png" && good link-folder
else bad link-folder "exit $rc: $err"; fi
# a link to a folder is replaced as well
mkdir -p "$L/chart-png/a-folder"
ln -s a-folder "$L/chart-png/to-folder.png"
run link-to-folder "${CHART[@]}" -o "$L/chart-png/to-folder.png"
if [ "$rc" = 0 ] && [ -d "$L/chart-png/a-folder" ] && [ -z "$(ls -A "$L/chart-png/a-folder")" ]; then
    replaced link-to-folder "$L/chart-png/to-folder.png" "$L/ref/k.png" && good link-to-folder
else bad link-to-folder "exit $rc: $err"; fi

# a report: links at its PDF, a slide PNG and SVG (to files), and at
# another slide (dangling); the other files are new
"$BIN" render "$SPEC" -o "$L/ref/report" --lang en || bad link-report-ref "cannot render"
LR=$L/report
mkdir -p "$LR"
victim report.pdf.txt
victim slide.png.txt
victim slide.svg.txt
ln -s ../elsewhere/report.pdf.txt "$LR/khojaly.pdf"
ln -s ../elsewhere/slide.png.txt "$LR/khojaly-orphans.png"
ln -s "$L/elsewhere/slide.svg.txt" "$LR/khojaly-moved.svg"
ln -s ../elsewhere/none-slide.png "$LR/khojaly-moved.png"
run link-report render "$SPEC" -o "$LR" --lang en
if [ "$rc" != 0 ]; then bad link-report "exit $rc: $err"
elif [ -e "$L/elsewhere/none-slide.png" ]; then bad link-report "a dangling link's target was created"
elif ! diff -r "$L/ref/report" "$LR" >/dev/null 2>&1; then
    bad link-report "the folder differs from a plain render: $(diff -rq "$L/ref/report" "$LR" 2>&1 | head -2)"
else
    victim_ok link-report report.pdf.txt && victim_ok link-report slide.png.txt &&
        victim_ok link-report slide.svg.txt &&
        replaced link-report "$LR/khojaly.pdf" "$L/ref/report/khojaly.pdf" &&
        replaced link-report "$LR/khojaly-orphans.png" "$L/ref/report/khojaly-orphans.png" &&
        replaced link-report "$LR/khojaly-moved.svg" "$L/ref/report/khojaly-moved.svg" &&
        replaced link-report "$LR/khojaly-moved.png" "$L/ref/report/khojaly-moved.png" &&
        good link-report
fi
# a report that fails after a link was replaced puts the link back: still a
# link, to the same file, which is unchanged
LF=$L/report-fails
mkdir -p "$LF"
victim failed.pdf.txt
ln -s ../elsewhere/failed.pdf.txt "$LF/khojaly.pdf"
FS_FAIL="rename:khojaly-timeline.svg:EIO" FS_FAIL_LOG=$W/log LD_PRELOAD=$SHIM \
    run link-report-rollback render "$SPEC" -o "$LF" --lang en
if [ ! -s "$W/log" ]; then bad link-report-rollback "the fault never fired (exit $rc; $err)"
elif check_one_line link-report-rollback 3 "khojaly-timeline.svg: cannot replace"; then
    scan_leftovers "$LF"
    if [ "$(readlink "$LF/khojaly.pdf")" != ../elsewhere/failed.pdf.txt ] || [ -n "$LEFT" ] ||
        [ "$(ls -A "$LF")" != khojaly.pdf ]; then
        bad link-report-rollback "the link was not put back, or files are left: $(ls -A "$LF" | tr '\n' ' ')"
    else victim_ok link-report-rollback failed.pdf.txt && good link-report-rollback; fi
fi
# a chart -d batch: NAME.png for each NAME.csv
LB=$L/batch
mkdir -p "$LB"
"$BIN" chart "$ROOT"/data/khojaly/killed.csv "$ROOT"/data/khojaly/captured.csv --label group \
    --value count -d "$L/ref/batch" -j 2 || bad link-batch-ref "cannot render"
victim batch.png.txt
ln -s ../elsewhere/batch.png.txt "$LB/killed.png"
ln -s ../elsewhere/none-batch.png "$LB/captured.png"
run link-batch chart "$ROOT"/data/khojaly/killed.csv "$ROOT"/data/khojaly/captured.csv --label group \
    --value count -d "$LB" -j 2
if [ "$rc" != 0 ]; then bad link-batch "exit $rc: $err"
elif [ -e "$L/elsewhere/none-batch.png" ]; then bad link-batch "a dangling link's target was created"
else
    victim_ok link-batch batch.png.txt &&
        replaced link-batch "$LB/killed.png" "$L/ref/batch/killed.png" &&
        replaced link-batch "$LB/captured.png" "$L/ref/batch/captured.png" && good link-batch
fi

# ---- confinement without a race (issue 13) -------------------------------------------------
# A data path is resolved and checked once; the file it resolved to is
# opened then, from the spec's folder, following no link, and read from
# that descriptor. The shim's FS_SWAP re-points a link inside the spec's
# folder to a file outside it right after realpath() checked it, which is
# the window a racing attacker would aim for: the file checked (inside) must
# be the one read, never the one outside (made so that reading it fails).
C=$W/confine
mkdir -p "$C/spec/sub"
printf 'group,count\nA,1\nB,2\n' >"$C/spec/sub/in.csv"
printf 'secret\nnot this file\n' >"$C/outside.csv"
printf '[colors]\naccent = #7a1f5c\n' >"$C/spec/sub/house.ini"
printf '[colors]\naccent = not a colour\n' >"$C/outside.ini"
printf 'A paragraph.\n' >"$C/spec/sub/notes.txt"
printf 'not UTF-8: \xff\n' >"$C/outside.txt"
printf '[report]\nname = r\ntitle = T\n[panel p]\ntype = bar\ndata = link.csv\nlabel = group\nvalue = count\n' \
    >"$C/spec/data.ini"
printf '[report]\nname = r\ntitle = T\ntheme = house.ini\n[panel p]\ntype = text\ntext = x\n' \
    >"$C/spec/theme.ini"
printf '[report]\nname = r\ntitle = T\n[panel p]\ntype = text\nfile = notes.txt\n' >"$C/spec/text.ini"
# race CASE LINK INSIDE OUTSIDE ARGS...: LINK -> INSIDE is swapped to
# OUTSIDE once checked; the run must succeed as if nothing happened, and a
# second run (the link now leads outside) must refuse it
race() {
    local name=$1 link=$2 inside=$3 outside=$4
    shift 4
    rm -f "$C/spec/$link"
    ln -s "$inside" "$C/spec/$link"
    FS_SWAP="$link:$C/spec/$link:$outside" FS_FAIL_LOG=$W/log LD_PRELOAD=$SHIM run "$name" "$@"
    if ! grep -q "^swap $C/spec/$link" "$W/log" 2>/dev/null; then
        bad "$name" "the link was never swapped (exit $rc; $err)"
    elif [ "$rc" != 0 ] || [ -n "$err" ]; then
        bad "$name" "read the file swapped in after the check: exit $rc: $err"
    else
        run "$name-after" "$@"
        check_one_line "$name" 1 "\"$link\" resolves outside the spec's folder" && good "$name"
    fi
}
race confine-race-data link.csv sub/in.csv ../outside.csv check "$C/spec/data.ini"
race confine-race-render link.csv sub/in.csv ../outside.csv render "$C/spec/data.ini" -o "$C/out" \
    --format svg
race confine-race-theme house.ini sub/house.ini ../outside.ini check "$C/spec/theme.ini"
race confine-race-text notes.txt sub/notes.txt ../outside.txt check "$C/spec/text.ini"

# ---- standard output: /dev/full, a closed pipe -------------------------------------
# Every command that prints to stdout (help, version, man page, completion,
# GOption's COMMAND --help, table, --dump-layout) ends with exit 3 and one
# line naming the reason when that output is lost; --dump-layout stops
# render and chart before they write a file. check prints one line (exit 3
# when it is lost); check -q and lint print nothing on stdout: exit 0 even
# into /dev/full.
# run_full CASE ARGS...: like run, with stdout on /dev/full
run_full() {
    shift
    timeout "$T_LIMIT" "$BIN" "$@" >/dev/full 2>"$W/err"
    rc=$?
    err=$(cat "$W/err")
    [ "$rc" = 124 ] && err="(timed out after 10 s) $err"
    return 0
}
FULL="cannot write to standard output: No space left on device"
while IFS='|' read -r name args; do
    # shellcheck disable=SC2086 # args: blank-separated, no quoting needed
    run_full "stdout-$name" $args
    check_one_line "stdout-$name" 3 "factsheet: $FULL" && good "stdout-$name"
done <<EOC
help|--help
help-short|-h
help-word|help
version|--version
help-man|--help-man
completion|--completion bash
render-help|render --help
chart-help-all|chart --help-all
check-help|check --help
lint-help|lint --help
table-help|table --help
table|table $CSV
EOC
run_full stdout-chart-dump "${CHART[@]}" --dump-layout -o "$D/dump.png"
check_one_line stdout-chart-dump 3 "factsheet: $FULL" &&
    if [ ! -e "$D/dump.png" ]; then good stdout-chart-dump; else
        bad stdout-chart-dump "wrote the PNG"; fi
run_full stdout-render-dump render "$SPEC" --dump-layout -o "$D/dump"
check_one_line stdout-render-dump 3 "factsheet: $FULL" &&
    if [ ! -e "$D/dump" ]; then good stdout-render-dump; else
        bad stdout-render-dump "wrote files"; fi
# check says what it checked on stdout: that line lost is exit 3; -q and
# lint print nothing there
run_full stdout-check check "$SPEC"
check_one_line stdout-check 3 "factsheet: $FULL" && good stdout-check
for c in "check -q" lint; do
    # shellcheck disable=SC2086 # "check -q": two words
    run_full "stdout-$c" $c "$SPEC"
    if [ "$rc" = 0 ] && [ -z "$err" ]; then good "stdout-$c"; else
        bad "stdout-$c" "exit $rc, want 0 (nothing on stdout): $err"; fi
done
# | head -1: SIGPIPE ends the process, with nothing on stderr (as any
# filter); with SIGPIPE ignored the write fails: exit 3, one line
# pipe_case ARGS...: sets rc (the program's exit status) and err
pipe_case() {
    "$BIN" "$@" 2>"$W/err" | head -n 1 >/dev/null
    rc=${PIPESTATUS[0]}
    err=$(cat "$W/err")
}
# (600 KB of output: more than a pipe holds, so the reader is gone first)
{ echo label,value; seq 1 50000 | sed 's/.*/r&,&/'; } >"$W/rows.csv"
pipe_case table "$W/rows.csv"
if [ "$rc" = 141 ] && [ -z "$err" ]; then good sigpipe-table; else
    bad sigpipe-table "exit $rc, want 141 (SIGPIPE) and no stderr: $err"; fi
(
    trap '' PIPE
    pipe_case table "$W/rows.csv"
    printf '%s\n%s\n' "$rc" "$err" >"$W/epipe"
)
rc=$(head -n 1 "$W/epipe") err=$(tail -n +2 "$W/epipe")
check_one_line epipe-table 3 "factsheet: cannot write to standard output: Broken pipe" &&
    good epipe-table

# ---- missing folders ---------------------------------------------------------------------
run missing-folder-chart "${CHART[@]}" -o "$W/missing/k.png"
check_one_line missing-folder-chart 3 "$W/missing/k.png: cannot create: No such file or directory" &&
    { [ ! -e "$W/missing" ] && good missing-folder-chart || bad missing-folder-chart "created it"; }
# render makes its folder (documented); under a file it cannot
run missing-folder-render render "$SPEC" -o "$W/made/sub" --lang en
if [ "$rc" = 0 ] && [ -f "$W/made/sub/khojaly.pdf" ]; then good missing-folder-render; else
    bad missing-folder-render "exit $rc: $err"; fi
touch "$W/afile"
run folder-under-file render "$SPEC" -o "$W/afile/sub"
check_one_line folder-under-file 3 "$W/afile/sub: cannot create the folder: Not a directory" &&
    good folder-under-file

# ---- a read-only folder, a full disk (tmpfs mounts: root only) -------------------------------
if [ "$(id -u)" = 0 ] && mkdir -p "$W/ro" && mount -t tmpfs -o size=16m factsheet-ro "$W/ro" 2>/dev/null; then
    MOUNTS+=("$W/ro")
    "$BIN" "${CHART[@]}" "${OLD_TITLE[@]}" -o "$W/ro/k.png"
    "$BIN" render "$OLDSPEC" -o "$W/ro/r" --lang en
    cp -a "$W/ro" "$W/ro.saved"
    mount -o remount,ro "$W/ro"
    run readonly-chart "${CHART[@]}" -o "$W/ro/k.png"
    check_one_line readonly-chart 3 "$W/ro/k.png: cannot create: Read-only file system" &&
        unchanged readonly-chart "$W/ro" "$W/ro.saved" && good readonly-chart
    run readonly-report render "$SPEC" -o "$W/ro/r" --lang en
    check_one_line readonly-report 3 "$W/ro/r/khojaly.pdf: cannot create: Read-only file system" &&
        unchanged readonly-report "$W/ro/r" "$W/ro.saved/r" && good readonly-report
else
    skip readonly-folder "needs root to mount a read-only tmpfs; root ignores file modes"
fi
if [ "$(id -u)" = 0 ] && mkdir -p "$W/full" && mount -t tmpfs -o size=6m factsheet-full "$W/full" 2>/dev/null; then
    MOUNTS+=("$W/full")
    # the old report takes about 5 MB of the 6: the new one cannot fit beside it
    # (SVG text as outlines, the larger files these sizes were chosen for)
    "$BIN" render "$OLDSPEC" -o "$W/full/r" --svg-outlines
    cp -a "$W/full/r" "$W/full.saved"
    run disk-full-report render "$SPEC" -o "$W/full/r" --svg-outlines
    check_one_line disk-full-report 3 "$W/full/r/khojaly" "No space left on device" &&
        unchanged disk-full-report "$W/full/r" "$W/full.saved" && good disk-full-report
else
    skip disk-full "needs root to mount a small tmpfs"
fi

# ---- stale temp files -----------------------------------------------------------------------
S=$W/stale
mkdir -p "$S"
touch "$S/.k.png.AbC123" "$S/.k.png.bak.xYz789" "$S/.other.png.QwErTy" "$S/.k.png.notes"
run stale-cleaned "${CHART[@]}" -o "$S/k.png"
left=$(cd "$S" && ls -A | sort | tr '\n' ' ')
if [ "$rc" = 0 ] && [ "$left" = ".k.png.notes .other.png.QwErTy k.png " ]; then good stale-cleaned; else
    bad stale-cleaned "exit $rc; left: $left (want only the target, the unrelated files)"; fi
# while another run holds the folder (a shared lock), nothing is cleaned
touch "$S/.k.png.AbC123"
if command -v flock >/dev/null; then
    flock -s "$S" -c "$(printf '%q ' "$BIN" "${CHART[@]}" -o "$S/k.png")" 2>"$W/err"
    rc=$?
    if [ "$rc" = 0 ] && [ -e "$S/.k.png.AbC123" ]; then good stale-kept-while-locked; else
        bad stale-kept-while-locked "exit $rc; a live run's temp file was removed"; fi
else
    skip stale-kept-while-locked "no flock(1)"
fi

# ---- the SIGKILL loop -------------------------------------------------------------------------
# KILLS times: reset the folder to the old report, start the new one, kill
# -9 it after a random delay within its run time; then every file must be
# the whole old or the whole new one. Half the rounds slow each rename down
# (FS_SLOW, 4 ms each) and kill in the last 30 % of the run (to 10 % past
# its measured end) so that more kills land inside the commit. Temp files of killed
# runs stay until a later run stages the same target and removes them; one
# last complete run must leave none. The loop renders the English report as
# PDF and SVG (11 files) on a tmpfs when there is one (about 0.2 s a run):
# PNG encoding would make each run 4 times longer without adding a write
# path the fault cases above do not cover.
K=${FAULTS_KILL_DIR:-/dev/shm}
[ -d "$K" ] && [ -w "$K" ] || K=$W
K=$(mktemp -d "$K/factsheet-kill.XXXXXX")
KARGS=(--lang en --format pdf,svg)
"$BIN" render "$OLDSPEC" -o "$K/old" "${KARGS[@]}"
"$BIN" render "$SPEC" -o "$K/new" "${KARGS[@]}"
declare -A OLD NEW
while read -r sum f; do OLD[${f##*/}]=$sum; done < <(sha256sum "$K/old"/*)
while read -r sum f; do NEW[${f##*/}]=$sum; done < <(sha256sum "$K/new"/*)
files=("$K/old"/*)
names="${files[*]##*/}"
# the run time of one render, in ms, with and without slow renames
timed() {
    local s=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    local e=$EPOCHREALTIME
    echo $(((${e/./} - ${s/./}) / 1000))
}
cp -a "$K/old" "$K/out"
T_FAST=$(timed "$BIN" render "$SPEC" -o "$K/out" "${KARGS[@]}")
cp -a "$K/old/." "$K/out/"
T_SLOW=$(FS_SLOW="rename:$K/out/:4" LD_PRELOAD=$SHIM timed "$BIN" render "$SPEC" -o "$K/out" "${KARGS[@]}")
all_old=0 all_new=0 mixed=0 kill_bad=0 max_stale=0
start=$EPOCHREALTIME
# a sleep without a fork: read with a timeout from a pipe nobody writes to
exec {NOWRITER}<> <(:)
cp -a "$K/old/." "$K/out/"
for ((i = 0; i < KILLS; i++)); do
    if ((i % 2)); then
        T=$T_SLOW
        FS_SLOW="rename:$K/out/:4" LD_PRELOAD=$SHIM "$BIN" render "$SPEC" -o "$K/out" "${KARGS[@]}" \
            >/dev/null 2>&1 &
    else
        T=$T_FAST
        "$BIN" render "$SPEC" -o "$K/out" "${KARGS[@]}" >/dev/null 2>&1 &
    fi
    pid=$!
    # even rounds: anywhere in the run; odd rounds: its last 30 %, where
    # the commit is, to 10 % past its usual end
    d=$((RANDOM * 32768 + RANDOM))
    if ((i % 2)); then d=$((T * 7 / 10 + d % (T * 4 / 10 + 1))); else d=$((d % (T + 1))); fi
    printf -v secs '%d.%03d' $((d / 1000)) $((d % 1000))
    read -r -t "$secs" -u "$NOWRITER"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n_old=0 n_new=0
    while read -r sum f; do
        b=${f##*/}
        if [ "$sum" = "${OLD[$b]:-}" ]; then
            n_old=$((n_old + 1))
        elif [ "$sum" = "${NEW[$b]:-}" ]; then
            n_new=$((n_new + 1))
        else
            kill_bad=$((kill_bad + 1))
            FAILS+="FAIL sigkill round $i (after ${d} ms): $b is neither the old nor the new file"$'\n'
        fi
    done < <(sha256sum "$K/out"/*)
    files=("$K/out"/*)
    now="${files[*]##*/}"
    if [ "$now" != "$names" ]; then
        kill_bad=$((kill_bad + 1))
        FAILS+="FAIL sigkill round $i (after ${d} ms): files are [$now], want [$names]"$'\n'
    fi
    scan_leftovers "$K/out"
    read -ra stale_files <<<"$LEFT"
    stale=${#stale_files[@]}
    ((stale > max_stale)) && max_stale=$stale
    if ((n_new == 0)); then
        all_old=$((all_old + 1))
    elif ((n_old == 0)); then
        all_new=$((all_new + 1))
    else
        mixed=$((mixed + 1))
    fi
    # back to the old report for the next round
    ((n_new == 0)) || cp -a "$K/old/." "$K/out/"
done
exec {NOWRITER}<&-
end=$EPOCHREALTIME
secs=$(((${end/./} - ${start/./}) / 1000000))
"$BIN" render "$SPEC" -o "$K/out" "${KARGS[@]}"
scan_leftovers "$K/out"
if [ -n "$LEFT" ]; then
    kill_bad=$((kill_bad + 1))
    FAILS+="FAIL sigkill: a complete run after the loop left: $LEFT"$'\n'
fi
echo "faults: sigkill: $KILLS rounds in ${secs} s (one run ${T_FAST} ms, ${T_SLOW} ms with slow renames): $all_old all old, $all_new all new, $mixed killed inside the commit (old and new, each whole); at most $max_stale stale temp files, none after a complete run"
((kill_bad == 0)) && pass || failed=$((failed + 1))
rm -rf "$K"

# ---- read faults ---------------------------------------------------------------------------
Rd=$W/read
mkdir -p "$Rd/dir.csv" "$Rd/dir.ini" "$Rd/out"
mkfifo "$Rd/fifo.csv" "$Rd/fifo.ini"
cp "$CSV" "$Rd/locked.csv"
chmod 000 "$Rd/locked.csv"
cp "$OLDSPEC" "$Rd/locked.ini"
chmod 000 "$Rd/locked.ini"
# read CASE RC WANT -- ARGS: one line, that exit status, no hang
readcase() {
    local name=$1 want_rc=$2 want=$3
    shift 4
    run "$name" "$@"
    check_one_line "$name" "$want_rc" "$want" && good "$name"
}
readcase read-csv-missing 1 "$Rd/none.csv: cannot open: No such file or directory" -- check "$Rd/none.csv"
readcase read-csv-folder 3 "$Rd/dir.csv: cannot read: Is a directory" -- check "$Rd/dir.csv"
readcase read-csv-fifo 3 "$Rd/fifo.csv" -- check "$Rd/fifo.csv"
readcase read-csv-devzero 1 "/dev/zero:1:1: not UTF-8: NUL byte" -- check /dev/zero
readcase read-spec-missing 1 "$Rd/none.ini: No such file" -- check "$Rd/none.ini"
readcase read-spec-folder 3 "$Rd/dir.ini: is a directory" -- render "$Rd/dir.ini" -o "$Rd/out"
readcase read-spec-fifo 3 "$Rd/fifo.ini: cannot read the spec: not a regular file" -- render "$Rd/fifo.ini" -o "$Rd/out"
sed 's/^data = killed.csv/data = fifo.csv/' "$OLDSPEC" >"$Rd/names-fifo.ini"
readcase read-spec-names-fifo 1 "names-fifo.ini:" -- render "$Rd/names-fifo.ini" -o "$Rd/out"
readcase read-spec-devzero 3 "/dev/zero: cannot read the spec: not a regular file" -- render /dev/zero -o "$Rd/out"
# a CSV that vanishes between two loads of the spec (its second open: the
# spec is loaded once for its languages and once for en, and each load
# opens each CSV once, keeping it open to be read) or fails while read
FS_FAIL="open:killed.csv:ENOENT:2" FS_FAIL_LOG=$W/log LD_PRELOAD=$SHIM \
    run read-csv-vanishes render "$OLDSPEC" -o "$Rd/out" --lang en
if [ -s "$W/log" ]; then
    check_one_line read-csv-vanishes 1 "killed.csv" "No such file" && good read-csv-vanishes
else bad read-csv-vanishes "the fault never fired"; fi
FS_FAIL="read:killed.csv:EIO" FS_FAIL_LOG=$W/log LD_PRELOAD=$SHIM \
    run read-csv-eio render "$OLDSPEC" -o "$Rd/out" --lang en
check_one_line read-csv-eio 3 "killed.csv: cannot read: Input/output error" && good read-csv-eio
FS_FAIL="read:report.ini:EIO" FS_FAIL_LOG=$W/log LD_PRELOAD=$SHIM \
    run read-spec-eio render "$OLDSPEC" -o "$Rd/out" --lang en
check_one_line read-spec-eio 3 "report.ini: cannot read the spec: Input/output error" && good read-spec-eio
[ -z "$(ls -A "$Rd/out")" ] || bad read-no-output "a failed run wrote into $Rd/out: $(ls -A "$Rd/out")"
# unreadable: root reads anything, so run as nobody
if [ "$(id -u)" != 0 ]; then
    ASUSER=()
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
    ASUSER=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
else
    ASUSER=(none)
fi
if [ "${ASUSER[0]:-}" = none ]; then
    skip read-unreadable "root ignores file modes and setpriv or user nobody is missing"
else
    mkdir -p "$W/cache" && chmod 777 "$W/cache"
    for c in csv ini; do
        XDG_CACHE_HOME=$W/cache timeout 10 "${ASUSER[@]}" "$BIN" check "$Rd/locked.$c" >"$W/out" 2>"$W/err"
        rc=$? err=$(cat "$W/err")
        check_one_line "read-$c-unreadable" 3 "$Rd/locked.$c" "Permission denied" &&
            good "read-$c-unreadable"
    done
fi

total=$((passed + failed))
printf 'faults: %d passed, %d failed%s%s\n' "$passed" "$failed" \
    "$( ((skipped)) && echo ", $skipped skipped")" "$( ((known)) && echo ", $known known failures")"
if ((failed)); then
    printf '%s' "$FAILS"
    exit 1
fi
