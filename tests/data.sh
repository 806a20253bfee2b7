#!/usr/bin/env bash
# Data as users have it (issue 17), end to end: a semicolon/decimal-comma
# spreadsheet export in Windows-1252 (made here with iconv) draws with
# --delimiter ';' --decimal , --encoding windows-1252 from a file, from
# standard input (-) and to standard output (-o -), the same bytes each
# time; with a few empty cells and --missing '' the same, drawn "no data";
# without the options each error names the option that fixes it.
#
#   bash tests/data.sh build/factsheet
set -u
if [ $# -lt 1 ]; then
    echo "usage: bash tests/data.sh path/to/factsheet" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-data.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
failed=0 total=0

# ok WHAT COMMAND...: the command must succeed
ok() {
    local what=$1
    shift
    total=$((total + 1))
    "$@" 2>err.txt
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "FAIL data: $what: exit $rc ($(head -c 300 err.txt))"
        failed=$((failed + 1))
    fi
}

# refused WHAT WANT COMMAND...: exit 1, one line on stderr containing WANT,
# and no chart written
refused() {
    local what=$1 want=$2
    shift 2
    total=$((total + 1))
    rm -f out.png
    "$@" 2>err.txt
    local rc=$?
    if [ "$rc" -ne 1 ] || [ "$(wc -l <err.txt)" -ne 1 ] || ! grep -qF -- "$want" err.txt ||
        [ -e out.png ]; then
        echo "FAIL data: $what: want exit 1 and \"$want\"; got exit $rc: $(head -c 400 err.txt)"
        failed=$((failed + 1))
    fi
}

# same WHAT A B: two files with the same bytes
same() {
    total=$((total + 1))
    if ! cmp -s "$2" "$3"; then
        echo "FAIL data: $1: $2 and $3 differ"
        failed=$((failed + 1))
    fi
}

# The export: as Excel writes it in Germany, then saved as Windows-1252.
printf 'Region;Umsatz;Kosten\r\nMünchen;"1.234,5";12,5\r\nKöln;987,25;-3\r\n' >utf8.csv
printf 'Düsseldorf;"2.000";0,5\r\nSaarbrücken;1 234,75;1\r\n' >>utf8.csv
iconv -f UTF-8 -t WINDOWS-1252 utf8.csv >export.csv || exit 2
OPTS=(--delimiter ';' --decimal , --encoding windows-1252 --label Region)

ok "from a file" "$BIN" chart export.csv "${OPTS[@]}" --value Umsatz -o file.png
ok "from standard input" "$BIN" chart - "${OPTS[@]}" --value Umsatz -o stdin.png <export.csv
same "a file and standard input draw the same chart" file.png stdin.png
total=$((total + 1))
if ! "$BIN" chart - "${OPTS[@]}" --value Umsatz -o - <export.csv >stdout.png 2>err.txt; then
    echo "FAIL data: to standard output: $(head -c 300 err.txt)"
    failed=$((failed + 1))
fi
same "-o - writes the same chart" file.png stdout.png
ok "-o - with --format svg" "$BIN" chart - "${OPTS[@]}" --value Umsatz,Kosten -o - --format svg \
    <export.csv >out.svg
total=$((total + 1))
grep -q '<svg' out.svg || { echo "FAIL data: -o - --format svg wrote no SVG"; failed=$((failed + 1)); }
rm -f out.svg
ok "check from standard input" "$BIN" check -q - --delimiter ';' --decimal , \
    --encoding windows-1252 <export.csv
"$BIN" table - --delimiter ';' --encoding windows-1252 <export.csv >table.tsv 2>err.txt
total=$((total + 1))
if ! grep -q $'^Düsseldorf\t2.000\t0,5$' table.tsv; then
    echo "FAIL data: table from standard input: $(head -c 300 table.tsv)"
    failed=$((failed + 1))
fi

# Without the options: each error names the fix, one after the other.
refused "no --encoding" "--encoding windows-1252" \
    "$BIN" chart export.csv --label Region --value Umsatz -o out.png
refused "no --encoding, from standard input" "<stdin>:2:2: not UTF-8" \
    "$BIN" chart - --label Region --value Umsatz -o out.png <export.csv
refused "no --delimiter" "--delimiter ';'" \
    "$BIN" chart export.csv --encoding windows-1252 --label Region --value Umsatz -o out.png
refused "no --decimal" "--decimal ," \
    "$BIN" chart export.csv --encoding windows-1252 --delimiter ';' --label Region --value Umsatz \
    -o out.png
refused "a mistyped column" '(did you mean "Umsatz"?)' \
    "$BIN" chart export.csv "${OPTS[@]}" --value umsatz -o out.png

# The export with a few empty cells: --missing '' draws them as "no data",
# from a file and from standard input; without it the error names the fix.
printf 'Region;Umsatz;Kosten\r\nMünchen;"1.234,5";12,5\r\nKöln;;-3\r\n' >gaps8.csv
printf 'Düsseldorf;"2.000";\r\nSaarbrücken;1 234,75;1\r\nWürzburg;;\r\n' >>gaps8.csv
iconv -f UTF-8 -t WINDOWS-1252 gaps8.csv >gaps.csv || exit 2
ok "empty cells from a file" "$BIN" chart gaps.csv "${OPTS[@]}" --missing '' --value Umsatz,Kosten \
    -o gaps-file.png
ok "empty cells from standard input" "$BIN" chart - "${OPTS[@]}" --missing '' \
    --value Umsatz,Kosten -o gaps-stdin.png <gaps.csv
same "empty cells: a file and standard input draw the same chart" gaps-file.png gaps-stdin.png
total=$((total + 1))
"$BIN" chart - "${OPTS[@]}" --missing '' --value Umsatz --dump-layout <gaps.csv >gaps.layout 2>err.txt
if [ "$(grep -c '^text value .*"no data"' gaps.layout)" -ne 2 ] ||
    ! grep -q '"1,234.50"' gaps.layout; then
    echo "FAIL data: empty cells: want two \"no data\" labels and 1,234.50: $(head -c 300 err.txt)"
    failed=$((failed + 1))
fi
ok "check with --missing" "$BIN" check -q gaps.csv --delimiter ';' --decimal , --encoding windows-1252 --missing ''
refused "empty cells without --missing" "--missing '' reads it as no value" \
    "$BIN" chart gaps.csv "${OPTS[@]}" --value Umsatz -o out.png
refused "empty cells without any option" "--encoding windows-1252" \
    "$BIN" chart - --label Region --value Umsatz -o out.png <gaps.csv

# Standard input and output: what is refused.
printf '[report]\nname = r\ntitle = T\n[panel p]\ntype = bar\ndata = -\nlabel = a\nvalue = b\n' \
    >spec.ini
refused "a spec naming -" "is standard input, which a spec cannot read" "$BIN" check spec.ini
total=$((total + 1))
"$BIN" chart - --label a --value b -d . <export.csv 2>err.txt
rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "standard input (-) is one CSV" err.txt; then
    echo "FAIL data: - with -d: exit $rc: $(head -c 300 err.txt)"
    failed=$((failed + 1))
fi
total=$((total + 1))
if command -v script >/dev/null; then
    script -qec "$BIN chart - --label a --value b -o - </dev/null" /dev/null >tty.txt 2>&1
    if ! grep -q "which is a terminal" tty.txt; then
        echo "FAIL data: -o - on a terminal was not refused: $(head -c 300 tty.txt)"
        failed=$((failed + 1))
    fi
fi
refused "empty standard input" "<stdin>: no data rows: the file is empty" \
    "$BIN" check - </dev/null

# A spreadsheet: a small .xlsx (minimal OOXML written here) through
# xlsx2csv (Debian package xlsx2csv) into `factsheet chart -`, as README's
# "Spreadsheets" section says.
if command -v xlsx2csv >/dev/null && command -v python3 >/dev/null; then
    python3 - <<'PY' || exit 2
import zipfile
rows = [("Region", "Sales"), ("Baku", 12.5), ("Ganja", 7), ("Şəki", 3.25)]
def cell(ref, v):
    if isinstance(v, str):
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
    return '<c r="%s"><v>%s</v></c>' % (ref, v)
sheet = "".join('<row r="%d">%s</row>' % (i, "".join(cell("AB"[j] + str(i), v)
                for j, v in enumerate(r))) for i, r in enumerate(rows, 1))
ns = "http://schemas.openxmlformats.org/"
rel = ns + "officeDocument/2006/relationships"
files = {
    "[Content_Types].xml": '<Types xmlns="%spackage/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>' % ns,
    "_rels/.rels": '<Relationships xmlns="%spackage/2006/relationships"><Relationship Id="rId1" '
    'Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (ns, rel),
    "xl/workbook.xml": '<workbook xmlns="%sspreadsheetml/2006/main" xmlns:r="%s"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rel),
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="%spackage/2006/relationships">'
    '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>' % (ns, rel),
    "xl/worksheets/sheet1.xml": '<worksheet xmlns="%sspreadsheetml/2006/main"><sheetData>%s'
    '</sheetData></worksheet>' % (ns, sheet),
}
with zipfile.ZipFile("sales.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
PY
    total=$((total + 1))
    xlsx2csv sales.xlsx | "$BIN" chart - --label Region --value Sales -o xlsx.png --dump-layout \
        >xlsx.layout 2>err.txt
    if [ "${PIPESTATUS[1]}" -ne 0 ] || [ ! -s xlsx.png ] ||
        [ "$(grep -cE '^text value .*"(12.50|7.00|3.25)"' xlsx.layout)" -ne 3 ] ||
        ! grep -q '"Şəki"' xlsx.layout; then
        echo "FAIL data: xlsx2csv | factsheet chart -: $(head -c 300 err.txt)"
        failed=$((failed + 1))
    fi
else
    echo "skip  data: xlsx2csv or python3 not installed (apt-get install xlsx2csv)"
fi

# factsheet with no arguments outside the repository: a usage line, exit 2
total=$((total + 1))
"$BIN" >out.txt 2>err.txt
rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "^factsheet: usage: factsheet COMMAND" err.txt ||
    ! grep -q "^Try 'factsheet --help'" err.txt || [ -s out.txt ]; then
    echo "FAIL data: factsheet alone outside the repository: exit $rc: $(head -c 300 err.txt)"
    failed=$((failed + 1))
fi

echo "data  $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
