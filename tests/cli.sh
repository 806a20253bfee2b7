#!/usr/bin/env bash
# CLI tests as data (jq's shtest style). Usage, from the repository root:
#
#   bash tests/cli.sh build/factsheet [GROUP...]
#
# Every tests/cli/<group>/<name>.expect is one case. The input is the file
# next to it with the same name and any other extension (<name>.csv,
# <name>.tsv, <name>.ini …, or a folder <name>.d copied whole with its
# symlinks, for cases that need several files: args: check {}/report.ini);
# a <name>.out file is the exact expected stdout.
# The case runs in a fresh temp dir (its cwd) holding only a copy of the
# input, so messages name the input by its base name (latin1.csv:2:4:) and
# any file the program writes is visible. Lines of a .expect file:
#
#   # comment
#   args: check {}            arguments ({} = the input, {tmp} = the temp dir);
#                             default "check {}"; split on blanks, no quoting
#   exit: 1                   expected exit status (default 0)
#   stderr: t.csv:2:4: not UTF-8   a substring of stderr (repeatable; all must match)
#   stdout: "0.00120"         a substring of stdout (repeatable; all must match),
#                             e.g. one line of --dump-layout
#   creates: out.png          a file the run must create, non-empty (repeatable)
#   keep: out.png             made before the run with known bytes; must be
#                             byte-identical afterwards (a failed run leaves it)
#   mode: 000                 chmod the input copy (as root the case runs as
#                             nobody through setpriv, or is counted skipped)
#
# Checks: the exit status; no crash (status >= 128) and no sanitizer report;
# on exit 0 stderr is empty unless stderr: lines are given; on any other exit
# stderr is exactly one line (a usage error, exit 2, may add a second line
# "Try 'factsheet CMD --help' …"); the temp dir holds nothing but the input, the
# keep: files and the creates: files afterwards (no output, no temp file);
# stdout equals <name>.out when that exists.
#
# Then the pathological inputs, generated here (not committed): 100,000 rows,
# a 50 MB field, a field over the limit, a row of millions of fields, a
# 5,000,000-column header, an empty file; each under `timeout 20`, and each
# must end with exit 0 or exit 1 and one clear line.
#
# Prints one line per group and a FAIL block per failed case; exits 1 if any
# case failed.
set -u

if [ $# -lt 1 ]; then
    echo "usage: bash tests/cli.sh path/to/factsheet [GROUP...]" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
if [ ! -x "$BIN" ]; then
    echo "cli: $BIN: not an executable" >&2
    exit 2
fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cli
ONLY=("$@")
LOCALE_TAG="${LC_ALL:-${LANG:-default}}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-cli.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

total_failed=0
FAILS=""

# fail CASE WHAT EXPECTED ACTUAL: record one failure, with expected/actual.
fail() {
    FAILS+="FAIL $1 [$LOCALE_TAG]: $2"$'\n'
    FAILS+="     expected: $3"$'\n'
    FAILS+="     actual:   $4"$'\n'
    case_ok=0
}

# one_line FILE: the file's text shortened for a FAIL message
one_line() {
    head -c 400 "$1" | tr '\n' '|' | LC_ALL=C tr -d '\000'
}

# check_run NAME EXPECTED_EXIT RC STDOUT STDERR: the checks every run gets.
check_run() {
    local name=$1 want=$2 rc=$3 out=$4 err=$5
    if [ "$rc" -ge 124 ] && [ "$rc" -ne "$want" ]; then
        if [ "$rc" -eq 124 ]; then
            fail "$name" "timed out" "done within the timeout" "killed by timeout"
        else
            fail "$name" "crashed" "exit $want" "exit $rc (signal $((rc - 128)))"
        fi
        return
    fi
    if grep -qE 'Sanitizer|runtime error:|^==[0-9]+==' "$err"; then
        fail "$name" "sanitizer report" "none" "$(one_line "$err")"
    fi
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "exit status" "$want" "$rc; stderr: $(one_line "$err")"
    fi
    local lines
    lines=$(wc -l <"$err")
    # a usage error (exit 2) may add the line "Try 'factsheet [CMD] --help' …"
    if [ "$rc" -eq 2 ] && [ "$lines" -eq 2 ] && tail -n 1 "$err" | grep -qE "^Try 'factsheet ([a-z]+ )?--help'"; then
        lines=1
    fi
    if [ "$rc" -ne 0 ]; then
        if [ "$lines" -ne 1 ] || [ -n "$(tail -c 1 "$err")" ]; then
            fail "$name" "stderr lines" "exactly one line" "$lines lines: $(one_line "$err")"
        fi
        if [ "$(wc -c <"$err")" -gt 600 ]; then
            fail "$name" "stderr length" "at most 600 bytes" "$(wc -c <"$err") bytes"
        fi
    fi
}

# ---- data-driven cases ---------------------------------------------------

run_case() {
    local group=$1 expect=$2
    local dir base name
    dir=$(dirname "$expect")
    base=$(basename "$expect" .expect)
    name="$group/$base"
    case_ok=1

    local args="check {}" want_exit=0 mode=""
    local -a substrs=() outstrs=() creates=() keeps=()
    local line key val
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        case "$line" in '' | '#'*) continue ;; esac
        key=${line%%:*}
        val=${line#*:}
        val=${val# }
        case "$key" in
        args) args=$val ;;
        exit) want_exit=$val ;;
        stderr) substrs+=("$val") ;;
        stdout) outstrs+=("$val") ;;
        creates) creates+=("$val") ;;
        keep) keeps+=("$val") ;;
        mode) mode=$val ;;
        *)
            fail "$name" "bad .expect line" "args|exit|stderr|stdout|creates|keep|mode" "$line"
            return
            ;;
        esac
    done <"$expect"

    local input="" f
    for f in "$dir/$base".*; do
        case "$f" in *.expect | *.out) continue ;; esac
        [ -e "$f" ] || continue
        if [ -n "$input" ]; then
            fail "$name" "case files" "one input file" "$input and $f"
            return
        fi
        input=$f
    done

    # root ignores file modes: run such a case as nobody when setpriv can,
    # else count it as skipped (never as passed)
    local -a asuser=()
    if [ -n "$mode" ] && [ "$(id -u)" = 0 ]; then
        if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
            asuser=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
        else
            skipped=$((skipped + 1))
            return
        fi
    fi

    local tmp="$WORK/case"
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
    mkdir -p "$tmp/run"
    local run="$tmp/run" inname=""
    if [ -n "$input" ]; then
        inname=$(basename "$input")
        cp -R "$input" "$run/$inname" # a <name>.d folder: copied whole, symlinks kept
        [ -n "$mode" ] && chmod "$mode" "$run/$inname"
    fi
    local k
    for k in "${keeps[@]+"${keeps[@]}"}"; do
        printf 'factsheet test: keep me byte for byte\n' >"$run/$k"
    done

    local -a argv=()
    local a
    for a in $args; do
        a=${a//\{tmp\}/$run}
        a=${a//\{\}/$inname}
        argv+=("$a")
    done

    local rc
    if [ ${#asuser[@]} -gt 0 ]; then
        chmod a+rx "$WORK" "$tmp" && chmod a+rwx "$run"
    fi
    (cd "$run" && exec timeout 20 "${asuser[@]+"${asuser[@]}"}" "$BIN" "${argv[@]}") >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    check_run "$name" "$want_exit" "$rc" "$tmp/stdout" "$tmp/stderr"

    local s
    for s in "${substrs[@]+"${substrs[@]}"}"; do
        if ! grep -qF -- "$s" "$tmp/stderr"; then
            fail "$name" "stderr" "contains: $s" "$(one_line "$tmp/stderr")"
        fi
    done
    for s in "${outstrs[@]+"${outstrs[@]}"}"; do
        if ! grep -qF -- "$s" "$tmp/stdout"; then
            fail "$name" "stdout" "contains: $s" "$(one_line "$tmp/stdout")"
        fi
    done
    if [ "$rc" -eq 0 ] && [ ${#substrs[@]} -eq 0 ] && [ -s "$tmp/stderr" ]; then
        fail "$name" "stderr" "empty" "$(one_line "$tmp/stderr")"
    fi
    if [ -f "$dir/$base.out" ] && ! cmp -s "$dir/$base.out" "$tmp/stdout"; then
        fail "$name" "stdout" "= $base.out ($(wc -l <"$dir/$base.out") lines)" \
            "$(diff "$dir/$base.out" "$tmp/stdout" | head -5 | tr '\n' '|')"
    fi

    # the run dir: the input, keep: files (unchanged) and creates: files only
    local -a allowed=()
    [ -n "$inname" ] && allowed+=("$inname")
    for k in "${keeps[@]+"${keeps[@]}"}"; do
        allowed+=("$k")
        if ! printf 'factsheet test: keep me byte for byte\n' | cmp -s - "$run/$k"; then
            fail "$name" "existing file $k" "left byte-identical" "changed or removed"
        fi
    done
    for k in "${creates[@]+"${creates[@]}"}"; do
        allowed+=("$k")
        if [ ! -s "$run/$k" ]; then
            fail "$name" "output $k" "created, non-empty" "missing or empty"
        fi
    done
    local extra
    extra=$(cd "$run" && ls -A | while IFS= read -r f; do
        ok=0
        for k in "${allowed[@]+"${allowed[@]}"}"; do [ "$f" = "$k" ] && ok=1; done
        [ $ok = 1 ] || printf '%s ' "$f"
    done)
    if [ -n "$extra" ]; then
        fail "$name" "files left in the output dir" "none besides the input" "$extra"
    fi

    # every diagnostic again in the machine styles (once, in the C locale):
    # --diagnostics json and github (and sarif for lint), checked together
    # at the end by tests/tools/diagcheck.py against this run's text
    if [ "$DIAG_RERUN" = 1 ] && [ -s "$tmp/stderr" ] && [ -z "$mode" ] && [[ " ${argv[*]} " != *" -- "* ]]; then
        local styles="json github" st
        [ "${argv[0]}" = lint ] && styles="json github sarif"
        ndiag=$((ndiag + 1))
        local dd="$WORK/diag/$ndiag"
        mkdir -p "$dd"
        printf '%s\n' "$name" > "$dd/name"
        cp "$tmp/stderr" "$dd/text.err"
        echo "$rc" > "$dd/text.rc"
        for st in $styles; do
            (cd "$run" && exec timeout 20 "$BIN" "${argv[@]}" --diagnostics "$st") >"$dd/$st.out" 2>"$dd/$st.err"
            echo $? > "$dd/$st.rc"
        done
    fi

    if [ $case_ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

DIAG_RERUN=0
[ "${LC_ALL:-}" = C ] && command -v python3 >/dev/null && DIAG_RERUN=1
ndiag=0
mkdir -p "$WORK/diag"

for gdir in "$ROOT"/*/; do
    group=$(basename "$gdir")
    if [ ${#ONLY[@]} -gt 0 ] && [[ " ${ONLY[*]} " != *" $group "* ]]; then continue; fi
    passed=0 failed=0 skipped=0
    for expect in "$gdir"*.expect; do
        [ -e "$expect" ] || continue
        run_case "$group" "$expect"
    done
    printf 'cli   %-8s %3d passed, %d failed%s  [%s]\n' "$group" "$passed" "$failed" \
        "$([ $skipped -gt 0 ] && echo ", $skipped skipped (root ignores file modes)")" "$LOCALE_TAG"
    total_failed=$((total_failed + failed))
done

# ---- the same diagnostics as JSON, GitHub commands and SARIF ----------------
if [ "$DIAG_RERUN" = 1 ] && [ "$ndiag" -gt 0 ]; then
    if out=$(python3 "$(dirname "${BASH_SOURCE[0]}")/tools/diagcheck.py" "$WORK/diag" 2>&1); then
        echo "cli   diag     $out"
    else
        echo "$out"
        total_failed=$((total_failed + 1))
    fi
fi

# ---- pathological inputs -------------------------------------------------

# huge NAME WANT_EXIT SUBSTRING ARGS...: runs on $WORK/huge/in.csv, prints
# the time and peak RSS with -v.
huge_report=""
huge() {
    local name=$1 want=$2 substr=$3
    shift 3
    local dir="$WORK/huge" rc
    case_ok=1
    /usr/bin/time -f '%e %M' -o "$dir/time" timeout 20 "$BIN" "$@" >"$dir/stdout" 2>"$dir/stderr"
    rc=$?
    check_run "huge/$name" "$want" "$rc" "$dir/stdout" "$dir/stderr"
    if [ -n "$substr" ] && ! grep -qF -- "$substr" "$dir/stderr"; then
        fail "huge/$name" "stderr" "contains: $substr" "$(one_line "$dir/stderr")"
    fi
    if [ "$want" = 0 ] && [ -s "$dir/stderr" ]; then
        fail "huge/$name" "stderr" "empty" "$(one_line "$dir/stderr")"
    fi
    local secs kb
    read -r secs kb < <(tail -n 1 "$dir/time")
    huge_report+="$name ${secs}s $((kb / 1024))MB; "
    if [ $case_ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

if [ ${#ONLY[@]} -eq 0 ] || [[ " ${ONLY[*]} " == *" huge "* ]]; then
    passed=0 failed=0
    mkdir -p "$WORK/huge"
    in="$WORK/huge/in.csv"

    { echo 'label,value'; seq 1 100000 | awk '{ printf "row %d,\"%d,%03d\"\n", $1, $1 % 999 + 1, $1 % 1000 }'; } >"$in"
    huge rows100k-check 0 "" check "$in"
    huge rows100k-table 0 "" table "$in"
    if [ "$(wc -l <"$WORK/huge/stdout")" -ne 100001 ]; then
        fail "huge/rows100k-table" "stdout lines" 100001 "$(wc -l <"$WORK/huge/stdout")"
        passed=$((passed - 1)) failed=$((failed + 1))
    fi

    { printf 'label,value\n"'; head -c 50000000 /dev/zero | tr '\0' 'x'; printf '",1\n'; } >"$in"
    huge field50MB-check 0 "" check "$in"
    huge field50MB-table 0 "" table "$in"

    { printf 'label,value\nx,"'; head -c 70000000 /dev/zero | tr '\0' 'x'; printf '"\n'; } >"$in"
    huge field70MB 1 "in.csv:2:3: field is longer than 67108864 bytes, the limit (FS_CSV_MAX_FIELD_BYTES)" check "$in"

    { printf 'label,value\n"unterminated\n'; seq 1 2000000 | sed 's/$/,1/'; } >"$in"
    huge unterminated 1 "in.csv:2:1: unterminated quoted field" check "$in"

    { printf 'a,b\n'; yes 1 | head -n 3000000 | tr '\n' ','; printf '1\n'; } >"$in"
    huge wide-row 1 "in.csv:2:5: row has more than 10000 fields, the limit (FS_CSV_MAX_COLUMNS)" check "$in"

    { yes h | head -n 5000000 | tr '\n' ','; printf 'h\n1\n'; } >"$in"
    huge wide-header 1 "in.csv:1:20001: the header has more than 10000 columns, the limit (FS_CSV_MAX_COLUMNS)" check "$in"

    : >"$in"
    huge empty 1 "in.csv: no data rows" check "$in"

    printf 'cli   %-8s %3d passed, %d failed  [%s]\n' huge "$passed" "$failed" "$LOCALE_TAG"
    [ -n "${CLI_VERBOSE:-}" ] && printf 'cli   huge: %s\n' "$huge_report"
    total_failed=$((total_failed + failed))
fi

if [ "$total_failed" -gt 0 ]; then
    printf '%s' "$FAILS"
    echo "cli: $total_failed case(s) failed [$LOCALE_TAG]"
    exit 1
fi
exit 0
