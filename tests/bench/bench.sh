#!/usr/bin/env bash
# make bench: factsheet against gnuplot, matplotlib and Vega-Lite, side by side.
#
#   bash tests/bench/bench.sh [BIN]        (BIN: build/factsheet)
#   BENCH_RUNS=11 make bench               (timed runs per figure; 7 at least)
#   BENCH_BASE=OLD_BIN make bench          (also time OLD_BIN in every factsheet
#                                           row: before and after a change)
#   BENCH_PEERS=0 make bench               (factsheet alone: no peer installed or run)
#
# Installs what is missing when root (apt-get; npm for Vega-Lite, optional),
# writes its inputs under build/bench/ and prints one Markdown table, also
# written to build/bench/results.md. Every figure is the median of RUNS timed
# runs with min–max; the tools of a row run alternately in each iteration (the
# order rotates), so a ratio is taken between runs made seconds apart: the
# ratio columns are medians of those same-iteration ratios. Wall time and peak
# RSS come from tests/bench/runner.c (clock_gettime, wait4's ru_maxrss).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BIN=${1:-build/factsheet}
RUNS=${BENCH_RUNS:-7}
((RUNS >= 7)) || RUNS=7
PEERS=${BENCH_PEERS:-1}
B=build/bench
HERE=tests/bench
export LC_ALL=C.UTF-8 MPLBACKEND=Agg
say() { printf 'bench: %s\n' "$*" >&2; }

[ -x "$BIN" ] || { say "$BIN not built (run make)"; exit 2; }
mkdir -p "$B"
# Measure a copy: a `make` in another shell may relink $BIN while we run. From
# build/bench/ it still finds ../../fonts (render/fonts.c).
cp "$BIN" "$B/factsheet.tmp" && mv "$B/factsheet.tmp" "$B/factsheet" || exit 3
BIN_SRC=$BIN
BIN=$B/factsheet
# BENCH_BASE: another build (the one before a change), timed beside BIN in
# every factsheet row; a copy too, in the same folder, so it finds the same fonts.
BASE=""
if [ -n "${BENCH_BASE:-}" ]; then
    [ -x "$BENCH_BASE" ] || { say "BENCH_BASE=$BENCH_BASE is not a program"; exit 2; }
    cp "$BENCH_BASE" "$B/factsheet-base.tmp" && mv "$B/factsheet-base.tmp" "$B/factsheet-base" || exit 3
    BASE=$B/factsheet-base
fi

# ---- tools -----------------------------------------------------------------
APT_PKGS="gnuplot-nox python3-matplotlib"
# node-canvas (under vega-cli) builds from source against these
NPM_DEV_PKGS="libgif-dev libjpeg-dev librsvg2-dev"
command -v npm >/dev/null && APT_PKGS="$APT_PKGS $NPM_DEV_PKGS"
[ "$PEERS" = 0 ] && APT_PKGS=""
missing=""
for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing$missing"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing; } \
            >"$B/apt.log" 2>&1 || say "apt-get failed (see $B/apt.log); going on with what is there"
    else
        say "missing:$missing; to measure every peer run:"
        say "  sudo apt-get update && sudo apt-get install -y$missing"
    fi
fi

GNUPLOT=""
PY=""
if [ "$PEERS" != 0 ]; then
    GNUPLOT=$(command -v gnuplot || true)
    for p in /usr/bin/python3 python3; do
        if command -v "$p" >/dev/null && "$p" -c 'import matplotlib' 2>/dev/null; then PY=$(command -v "$p"); break; fi
    done
fi

# Vega-Lite: vega-cli, vega-lite and vega from npm into build/bench/node.
# Optional: skipped (the row says "not measured") when npm is absent or the
# install fails or takes more than 5 minutes.
VL=""
VEGA_WHY="npm not found"
VEGA_PKGS="vega-cli@6.4.0 vega-lite@6.4.3 vega@6.4.0"
[ "$PEERS" = 0 ] && VEGA_WHY="BENCH_PEERS=0"
if [ "$PEERS" != 0 ] && command -v npm >/dev/null; then
    NODE_DIR=$B/node
    if [ ! -x "$NODE_DIR/node_modules/.bin/vl2png" ]; then
        say "npm install $VEGA_PKGS (node-canvas builds from source; at most 5 minutes)"
        mkdir -p "$NODE_DIR"
        [ -f "$NODE_DIR/package.json" ] || echo '{"private": true}' >"$NODE_DIR/package.json"
        (cd "$NODE_DIR" && timeout 300 npm install --no-audit --no-fund --loglevel=error $VEGA_PKGS) \
            >"$B/npm.log" 2>&1 || VEGA_WHY="npm install failed or timed out (see $B/npm.log)"
    fi
    if [ -x "$NODE_DIR/node_modules/.bin/vl2png" ]; then VL=$NODE_DIR/node_modules/.bin; fi
fi

# ---- helpers ---------------------------------------------------------------
CC=${CC:-cc}
RUNNER=$B/runner
FLOOR=$B/csvfloor
$CC -O2 -o "$RUNNER" "$HERE/runner.c" || { say "cannot build runner"; exit 3; }
$CC -O2 -o "$FLOOR" "$HERE/csvfloor.c" -lcsv || { say "cannot build csvfloor (libcsv-dev)"; exit 3; }

# ---- inputs ----------------------------------------------------------------
# data.csv: 10 rows; one/data.csv: 1 row; small/NNN.csv: 200 of 6-12 rows;
# ingest.csv: 1,000,000 rows (category,item,value), about 40 MB. Fixed seeds: the same files each run.
mkdir -p "$B/one" "$B/small"
cat >"$B/data.csv" <<'EOF'
label,value
North-east region,1240
South-west region,980
Central district,1530
Harbour area,760
Old town,1105
Riverside,640
University quarter,1320
Industrial park,870
Airport zone,450
Hill villages,310
EOF
printf 'label,value\nNorth-east region,1240\n' >"$B/one/data.csv"
NBATCH=200
if [ ! -f "$B/small/$(printf %03d $NBATCH).csv" ]; then
    awk -v n=$NBATCH -v dir="$B/small" 'BEGIN { srand(7)
        for (f = 1; f <= n; f++) {
            fn = sprintf("%s/%03d.csv", dir, f); print "label,value" > fn
            rows = 6 + int(rand() * 7)
            for (i = 1; i <= rows; i++) printf "Item %d-%d,%d\n", f, i, 10 + int(rand() * 990) > fn
            close(fn) } }'
fi
if [ ! -f "$B/ingest.csv" ]; then
    say "writing $B/ingest.csv (1,000,000 rows)"
    awk 'BEGIN { srand(42); print "category,item,value"
        n = split("North,South,East,West,Central,Harbour,Old town,Riverside,University,Industrial,Airport,Hills", c, ",")
        for (i = 0; i < 1000000; i++)
            printf "%s,Region %04d district-%02d,%d.%02d\n", c[1 + int(rand() * n)], int(rand() * 5000),
                   i % 97, int(rand() * 100000), int(rand() * 100) }' >"$B/ingest.csv.tmp" && mv "$B/ingest.csv.tmp" "$B/ingest.csv"
fi
rm -f "$B/big.csv" # the ingest input before it had a category column
BIG_BYTES=$(stat -c %s "$B/ingest.csv")

# ---- measuring -------------------------------------------------------------
# A row is a list of tools; command of tool T in row R is the array C_R_T.
# measure ROW WARMUP TOOL... runs every tool WARMUP+RUNS times, alternating,
# and leaves "NS KB STATUS" lines in $B/raw/ROW.TOOL.
RAW=$B/raw
rm -rf "$RAW" && mkdir -p "$RAW"
measure() {
    local row=$1 warm=$2
    shift 2
    local tools=("$@") n=$# i k t line
    for t in "${tools[@]}"; do : >"$RAW/$row.$t"; done
    for ((i = 0; i < warm + RUNS; i++)); do
        say "$row: run $((i + 1))/$((warm + RUNS))"
        for ((k = 0; k < n; k++)); do
            t=${tools[$(((i + k) % n))]}
            [ -e "$RAW/$row.$t.failed" ] && continue
            local -n cmd="C_${row}_${t}"
            line=$("$RUNNER" -e "$RAW/$row.$t.err" "${cmd[@]}")
            unset -n cmd
            if [ "${line##* }" != 0 ]; then
                echo "exit ${line##* }: $(head -c 200 "$RAW/$row.$t.err" | head -n 1)" >"$RAW/$row.$t.failed"
                continue
            fi
            ((i >= warm)) && echo "$line" >>"$RAW/$row.$t"
        done
    done
}

# stat FILE COL: "median min max" of column COL
stat3() {
    sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
        END { if (NR == 0) exit 1
              m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.6g %.6g %.6g\n", m, v[1], v[NR] }'
}
# ratios A B [INVERT]: "median min max" of the same-iteration ratios A/B
# (B/A with INVERT) of wall times
ratios() {
    paste -d' ' "$1" "$2" | awk -v inv="${3:-0}" '{ print (inv ? $4 / $1 : $1 / $4) }' >"$RAW/ratio.tmp"
    stat3 "$RAW/ratio.tmp" 1
}
fmt_ms() { awk -v ns="$1" 'BEGIN { ms = ns / 1e6
    if (ms >= 1000) printf "%.2f s", ms / 1000; else if (ms >= 100) printf "%.0f ms", ms
    else if (ms >= 10) printf "%.1f ms", ms; else printf "%.2f ms", ms }'; }
fmt_x() { awk -v x="$1" 'BEGIN { printf (x >= 10 ? "%.1f" : "%.2f"), x }'; }
fmt_bytes() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MiB", b / 1048576
    else if (b >= 10240) printf "%.0f KiB", b / 1024; else printf "%d B", b }'; }
ok() { [ -s "$RAW/$1.$2" ] && [ ! -e "$RAW/$1.$2.failed" ]; }

# cell_time ROW TOOL: "median (min–max)"
cell_time() {
    local s
    s=($(stat3 "$RAW/$1.$2" 1))
    echo "$(fmt_ms "${s[0]}") ($(fmt_ms "${s[1]}")–$(fmt_ms "${s[2]}"))"
}
cell_rss() {
    local s
    s=($(stat3 "$RAW/$1.$2" 2))
    awk -v k="${s[0]}" 'BEGIN { printf "%.0f MiB", k / 1024 }'
}
# cell_ratio ROW TOOL REF NAME [INVERT]
cell_ratio() {
    ok "$1" "$3" || { echo "—"; return; }
    local s
    s=($(ratios "$RAW/$1.$2" "$RAW/$1.$3" "${5:-0}"))
    echo "**$(fmt_x "${s[0]}")×** $4 ($(fmt_x "${s[1]}")–$(fmt_x "${s[2]}"))"
}
# with_base RATIO ROW [TOOL BASETOOL]: the ratio cell RATIO, followed by the
# time of TOOL (fs) against BASETOOL (base), BENCH_BASE's build, when timed
with_base() {
    local r=$1 b
    if [ -n "$BASE" ] && ok "$2" "${4:-base}"; then
        b=$(cell_ratio "$2" "${3:-fs}" "${4:-base}" "base")
        if [ -z "$r" ] || [ "$r" = "—" ]; then r=$b; else r="$r; $b"; fi
    fi
    echo "$r"
}

TABLE=$B/table.md
{
    echo "| Task | Tool | Wall time, median (min–max) | Ratio, same-iteration pairs | Throughput | Output | Peak RSS |"
    echo "|---|---|---|---|---|---|---|"
} >"$TABLE"
# row TASK TOOLNAME ROWID TOOLID RATIO THROUGHPUT OUTPUT
emit() {
    local task=$1 name=$2 row=$3 t=$4 ratio=$5 thr=$6 out=$7
    if [ -e "$RAW/$row.$t.failed" ]; then
        echo "| $task | $name | failed: $(sed 's/|/\\|/g' "$RAW/$row.$t.failed") | | | | |" >>"$TABLE"
    else
        echo "| $task | $name | $(cell_time "$row" "$t") | $ratio | $thr | $out | $(cell_rss "$row" "$t") |" >>"$TABLE"
    fi
}
absent() { echo "| $1 | $2 | $3 | | | | |" >>"$TABLE"; }

# ---- rows: one chart as PNG, PDF and SVG ----------------------------------
GP_NAME=gnuplot
[ -n "$GNUPLOT" ] && GP_NAME="gnuplot $("$GNUPLOT" --version | awk '{ print $2 "." $4 }')"
MPL_NAME="matplotlib${PY:+ $("$PY" -c 'import matplotlib; print(matplotlib.__version__)')}"
VL_NAME="Vega-Lite (vl2*)"
[ -n "$VL" ] && VL_NAME="Vega-Lite $(node -p 'require("./'"$NODE_DIR"'/node_modules/vega-lite/package.json").version') (vl2*)"
FS_NAME="factsheet $("$BIN" --version | awk '{ print $2 }')"
BASE_NAME=""
if [ -n "$BASE" ]; then
    FS_NAME="$FS_NAME ($BIN_SRC)"
    BASE_NAME="factsheet $("$BASE" --version | awk '{ print $2 }') ($BENCH_BASE)"
fi
peers() { # the tools of a row that are installed
    local p=(fs)
    [ -n "$BASE" ] && p+=(base)
    [ -n "$GNUPLOT" ] && p+=(gp)
    [ -n "$PY" ] && p+=(mpl)
    [ -n "$VL" ] && [ "${1:-}" != novl ] && p+=(vl)
    echo "${p[@]}"
}
peer_rows() { # TASK ROW: the rows of the peers that are not there
    if [ "$PEERS" = 0 ]; then
        absent "$1" "gnuplot, matplotlib$([ "${3:-}" = novl ] || echo ", Vega-Lite")" "not measured (BENCH_PEERS=0)"
        return
    fi
    [ -n "$GNUPLOT" ] || absent "$1" gnuplot "not installed (apt-get install gnuplot-nox)"
    [ -n "$PY" ] || absent "$1" matplotlib "not installed (apt-get install python3-matplotlib)"
    [ -n "$VL" ] || [ "${3:-}" = novl ] || absent "$1" Vega-Lite "not measured: $VEGA_WHY"
}

for fmt in png pdf svg; do
    o=$B/out/$fmt
    mkdir -p "$o"
    declare -n c1="C_${fmt}_fs" c2="C_${fmt}_gp" c3="C_${fmt}_mpl" c4="C_${fmt}_vl" c5="C_${fmt}_base"
    c1=("$BIN" chart "$B/data.csv" --label label --value value --title T -o "$o/factsheet.$fmt")
    c5=("${BASE:-.}" chart "$B/data.csv" --label label --value value --title T -o "$o/factsheet-base.$fmt")
    c2=("${GNUPLOT:-gnuplot}" -c "$HERE/chart.gp" "$B/data.csv" "$o/gnuplot.$fmt" T)
    c3=("${PY:-python3}" "$HERE/chart.py" "$B/data.csv" "$o/matplotlib.$fmt" T)
    c4=("${VL:-.}/vl2$fmt" -b "$ROOT/$B/" "$HERE/chart.vl.json" "$o/vega.$fmt")
    unset -n c1 c2 c3 c4 c5
    # SVG: factsheet's text is <text> by default; the outlines too, for size
    C_svg_fsout=("$BIN" chart "$B/data.csv" --label label --value value --title T --svg-outlines -o "$o/factsheet-outlines.svg")
    # shellcheck disable=SC2046
    measure "$fmt" 1 $(peers) $([ $fmt = svg ] && echo fsout)
done
for fmt in png pdf svg; do
    case $fmt in png) task="One chart, 1920×1080 PNG" ;; pdf) task="One chart, PDF (A4 landscape; Vega-Lite 1920×1080 pt)" ;;
                 svg) task="One chart, 1920×1080 SVG" ;; esac
    o=$B/out/$fmt
    gpb=$(stat -c %s "$o/gnuplot.$fmt" 2>/dev/null || echo 0)
    # shellcheck disable=SC2046
    for t in $(peers) $([ $fmt = svg ] && echo fsout); do
        case $t in fs) name=$FS_NAME f=factsheet ;; gp) name=$GP_NAME f=gnuplot ;;
                   mpl) name=$MPL_NAME f=matplotlib ;; vl) name=$VL_NAME f=vega ;;
                   base) name=$BASE_NAME f=factsheet-base ;;
                   fsout) name="$FS_NAME --svg-outlines" f=factsheet-outlines ;; esac
        [ $fmt = svg ] && [ $t = fs ] && name="$FS_NAME (text as <text>, the default)"
        ratio="—"
        [ $t != gp ] && ratio=$(cell_ratio "$fmt" "$t" gp "gnuplot")
        [ $t = fs ] && ratio=$(with_base "$ratio" "$fmt")
        bytes=$(stat -c %s "$o/$f.$fmt" 2>/dev/null || echo 0)
        out="$bytes B"
        ((gpb > 0)) && [ $t != gp ] && out="$out ($(fmt_x "$(awk -v a="$bytes" -v b="$gpb" 'BEGIN { print a / b }')")× gnuplot)"
        emit "$task" "$name" "$fmt" "$t" "$ratio" "" "$out"
    done
    peer_rows "$task" "$fmt"
done

# ---- one line chart beside one bar chart, PNG --------------------------------
# The same 10 rows drawn as lines and as bars, alternating in each iteration:
# "× bars" is the median of the same-iteration ratios line/bar.
mkdir -p "$B/out/line"
C_line_fs=("$BIN" chart "$B/data.csv" --label label --value value --title T --type line -o "$B/out/line/line.png")
C_line_bar=("$BIN" chart "$B/data.csv" --label label --value value --title T -o "$B/out/line/bar.png")
measure line 1 fs bar
emit "One line chart, 1920×1080 PNG" "$FS_NAME chart --type line" line fs \
    "$(cell_ratio line fs bar "bars")" "" "$(stat -c %s "$B/out/line/line.png" 2>/dev/null || echo 0) B"
emit "One line chart, 1920×1080 PNG" "$FS_NAME chart (bars: the same rows, same iterations)" line bar \
    "—" "" "$(stat -c %s "$B/out/line/bar.png" 2>/dev/null || echo 0) B"

# ---- the whole default report ---------------------------------------------
rm -rf "$B/report" "$B/report-base"
C_report_fs=("$BIN" render -o "$B/report")
C_report_base=("${BASE:-.}" render -o "$B/report-base")
measure report 0 fs ${BASE:+base}
for t in fs ${BASE:+base}; do
    d=$B/report name=$FS_NAME ratio=$(with_base "—" report)
    [ $t = base ] && d=$B/report-base name=$BASE_NAME ratio="—"
    nrep=$(find "$d" -type f | wc -l)
    rbytes=$(find "$d" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    emit "Default report (every language, every format)" "$name" report $t "$ratio" \
        "" "$(fmt_bytes "$rbytes") in $nrep files"
done
absent "Default report (every language, every format)" "gnuplot, matplotlib, Vega-Lite" "no equivalent"

# ---- batch: 200 small CSVs to 200 PNGs of 800×600 --------------------------
mkdir -p "$B/out/batch/fs" "$B/out/batch/gp" "$B/out/batch/mpl" "$B/out/batch/base"
# factsheet: one command, -d DIR, every core (-j defaults to the cores)
C_batch_fs=(bash -c 'bin=$1 in=$2 out=$3
    exec "$bin" chart "$in"/*.csv --label label --value value --title "Chart" --size 800x600 -d "$out"' \
    batch "$BIN" "$B/small" "$B/out/batch/fs")
C_batch_base=("${C_batch_fs[@]}")
C_batch_base[4]=${BASE:-.} C_batch_base[6]=$B/out/batch/base
C_batch_gp=(${GNUPLOT:-gnuplot} -c "$HERE/batch.gp" "$B/small" "$B/out/batch/gp" $NBATCH)
C_batch_mpl=(${PY:-python3} "$HERE/chart.py" --batch "$B/small" "$B/out/batch/mpl" $NBATCH)
# shellcheck disable=SC2046
measure batch 0 $(peers novl)
task="Batch: $NBATCH CSVs → $NBATCH PNGs 800×600"
for t in $(peers novl); do
    case $t in fs) name="$FS_NAME, one command, -d DIR (default -j: $(( $(nproc) + 1 )) workers)" ;;
               base) name="$BASE_NAME, the same command" ;;
               gp) name="$GP_NAME, one process" ;; mpl) name="$MPL_NAME, one process" ;; esac
    ratio="—"
    [ $t != gp ] && ratio=$(cell_ratio batch "$t" gp "gnuplot")
    [ $t = fs ] && ratio=$(with_base "$ratio" batch)
    med=$(stat3 "$RAW/batch.$t" 1 2>/dev/null | cut -d' ' -f1)
    thr=""
    [ -n "$med" ] && thr="$(awk -v n=$NBATCH -v ns="$med" 'BEGIN { printf "%.1f", n / (ns / 1e9) }') charts/s"
    bytes=$(find "$B/out/batch/$t" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    emit "$task" "$name" batch "$t" "$ratio" "$thr" "$(fmt_bytes "$bytes") in all"
done
peer_rows "$task" batch novl
absent "$task" "Vega-Lite" "not measured (one node process per chart)"

# ---- incremental: the same 200 charts, and 200 report specs, unchanged ------
# One run draws them and writes the stamps; every timed run then finds
# every output up to date (inputs, outputs, fonts and program hashed) and
# draws nothing.
mkdir -p "$B/out/inc" "$B/out/incr"
for f in "$B"/small/*.csv; do
    n=$(basename "$f" .csv)
    mkdir -p "$B/specs/$n"
    cp "$f" "$B/specs/$n/d.csv"
    printf '[report]\nname = r%s\ntitle = Report %s\nsource = Bench\n\n[panel one]\ntype = bar\ndata = d.csv\nlabel = label\nvalue = value\n' "$n" "$n" > "$B/specs/$n/report.ini"
done
"$BIN" chart "$B"/small/*.csv --label label --value value --title "Chart" --size 800x600 -d "$B/out/inc" --incremental
"$BIN" render "$B"/specs/*/report.ini -o "$B/out/incr" --incremental -q
C_inc_fs=(bash -c 'bin=$1 in=$2 out=$3
    exec "$bin" chart "$in"/*.csv --label label --value value --title "Chart" --size 800x600 -d "$out" --incremental' \
    inc "$BIN" "$B/small" "$B/out/inc")
C_incr_fs=(bash -c 'bin=$1 in=$2 out=$3
    exec "$bin" render "$in"/*/report.ini -o "$out" --incremental -q' \
    incr "$BIN" "$B/specs" "$B/out/incr")
sleep 0.01; touch "$B/inc.mark"
measure inc 0 fs
measure incr 0 fs
redrawn() { find "$1" -type f -newer "$B/inc.mark" | wc -l; }
emit "Incremental: the $NBATCH-chart batch again, nothing changed" "$FS_NAME, chart -d DIR --incremental" inc fs "—" "" "$(redrawn "$B/out/inc") files redrawn"
emit "Incremental: $NBATCH report specs again, nothing changed" "$FS_NAME, render --incremental" incr fs "—" "" "$(redrawn "$B/out/incr") files redrawn"
absent "Incremental re-render" "gnuplot, matplotlib, Vega-Lite" "no equivalent (they redraw everything)"

# ---- start-up ----------------------------------------------------------------
C_start_fs=("$BIN" --version)
C_start_base=("${BASE:-.}" --version)
C_start_gp=(${GNUPLOT:-gnuplot} --version)
C_start_mpl=(${PY:-python3} -c 'import matplotlib.pyplot')
C_start_vl=(${VL:-.}/vl2png --version)
# shellcheck disable=SC2046
measure start 0 $(peers)
# the first laid-out line of text: a one-row chart as SVG (fonts, read,
# layout, no raster encoding)
mkdir -p "$B/out/first"
C_first_fs=("$BIN" chart "$B/one/data.csv" --label label --value value --title T -o "$B/out/first/factsheet.svg")
C_first_base=("${BASE:-.}" chart "$B/one/data.csv" --label label --value value --title T -o "$B/out/first/factsheet-base.svg")
C_first_gp=(${GNUPLOT:-gnuplot} -c "$HERE/chart.gp" "$B/one/data.csv" "$B/out/first/gnuplot.svg" T)
C_first_mpl=(${PY:-python3} "$HERE/chart.py" "$B/one/data.csv" "$B/out/first/matplotlib.svg" T)
C_first_vl=(${VL:-.}/vl2svg -b "$ROOT/$B/one/" "$HERE/chart.vl.json" "$B/out/first/vega.svg")
# shellcheck disable=SC2046
measure first 0 $(peers)
for row in start first; do
    case $row in start) task="Start-up: --version (matplotlib: import pyplot)" ;;
                 first) task="First laid-out text: 1-row chart → SVG" ;; esac
    for t in $(peers); do
        case $t in fs) name=$FS_NAME ;; gp) name=$GP_NAME ;; mpl) name=$MPL_NAME ;; vl) name=$VL_NAME ;;
                   base) name=$BASE_NAME ;; esac
        ratio="—"
        [ $t != gp ] && ratio=$(cell_ratio "$row" "$t" gp "gnuplot")
        [ $t = fs ] && ratio=$(with_base "$ratio" "$row")
        emit "$task" "$name" "$row" "$t" "$ratio" "" ""
    done
    peer_rows "$task" "$row"
done

# ---- ingest -------------------------------------------------------------------
mkdir -p "$B/out/ingest"
C_ingest_fs=("$BIN" chart "$B/ingest.csv" --label category --value value --aggregate sum --title Sum -o "$B/out/ingest/sum.png")
C_ingest_check=("$BIN" check "$B/ingest.csv")
C_ingest_floor=("$FLOOR" "$B/ingest.csv")
C_ingest_base=("${BASE:-.}" "${C_ingest_fs[@]:1}")
C_ingest_basecheck=("${BASE:-.}" check "$B/ingest.csv")
measure ingest 0 fs check floor ${BASE:+base basecheck}
task="Ingest: 1,000,000 rows, $(fmt_bytes "$BIG_BYTES"), full validation"
for t in fs check ${BASE:+base basecheck} floor; do
    med=$(stat3 "$RAW/ingest.$t" 1 2>/dev/null | cut -d' ' -f1)
    thr=""
    [ -n "$med" ] && thr="$(awk -v b="$BIG_BYTES" -v ns="$med" 'BEGIN { printf "%.0f", b / 1e6 / (ns / 1e9) }') MB/s"
    case $t in
    fs) emit "$task" "$FS_NAME chart --aggregate sum (12 bars, PNG)" ingest fs \
            "$(with_base "$(cell_ratio ingest fs floor "floor's MB/s" 1)" ingest)" "$thr" "" ;;
    check) emit "$task" "$FS_NAME check (validation only)" ingest check \
            "$(with_base "$(cell_ratio ingest check floor "floor's MB/s" 1)" ingest check basecheck)" "$thr" "" ;;
    base) emit "$task" "$BASE_NAME chart --aggregate sum (12 bars, PNG)" ingest base \
            "$(cell_ratio ingest base floor "floor's MB/s" 1)" "$thr" "" ;;
    basecheck) emit "$task" "$BASE_NAME check (validation only)" ingest basecheck \
            "$(cell_ratio ingest basecheck floor "floor's MB/s" 1)" "$thr" "" ;;
    floor) emit "$task" "libcsv callbacks only (csvfloor.c), the floor" ingest floor "—" "$thr" "" ;;
    esac
done

# ---- report --------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
    echo "factsheet benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, ${cpu:-unknown CPU}" \
         "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); the run took $((SECONDS / 60)) min $((SECONDS % 60)) s)."
    echo "Reproduce: \`make bench\` (or \`${BENCH_BASE:+BENCH_BASE=$BENCH_BASE }${BENCH_PEERS:+BENCH_PEERS=$BENCH_PEERS }bash tests/bench/bench.sh $BIN_SRC\`; BENCH_RUNS=N for more runs)."
    [ -n "$BASE" ] && echo "Each factsheet row also times BENCH_BASE ($BENCH_BASE) in the same iterations; \"× base\" is the median of the same-iteration ratios new/base."
    echo "Median of $RUNS runs (min–max), the single-chart rows after one untimed warm-up run;" \
         "the tools of a row alternate within each iteration; ratios are medians of same-iteration ratios."
    echo
    cat "$TABLE"
} >"$B/results.md"
echo
cat "$B/results.md"
