#!/usr/bin/env bash
# --diagnostics json|github|sarif beyond what the CLI cases cover (every one
# of their diagnostics is re-run in each style by tests/cli.sh): escaping of
# file names and messages in GitHub's commands, a batch's diagnostics in
# input order, the group and key of a spec error, lint's SARIF log with
# warnings and their lines, usage errors. Usage, from the repository root:
#
#   bash tests/diagnostics.sh build/factsheet
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0 passed=0
fail() { echo "FAIL  diagnostics: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }
# py EXPR FILE: python3 evaluates EXPR with `lines` (the file's lines) and
# `doc` (the file parsed as JSON, when it is); true = exit 0
py() {
    python3 - "$2" "$1" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text.splitlines()
try:
    doc = json.loads(text)
except ValueError:
    doc = None
objs = []
for l in lines:
    try:
        objs.append(json.loads(l))
    except ValueError:
        objs.append(None)
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
}
cd "$T" || exit 1

# ---- a file name with a comma and a colon, a value with a newline ----------
printf 'label,value\nNorth,"1\n2"\n' > 'we,ird:name.csv'
"$BIN" chart 'we,ird:name.csv' --label label --value value -o x.png --diagnostics github 2> err; rc=$?
check "github: exit 1 ($rc)" [ $rc = 1 ]
check "github: one line" [ "$(wc -l < err)" = 1 ]
check "github: the file property escapes , and :" grep -q '^::error file=we%2Cird%3Aname.csv,line=2,col=' err
"$BIN" chart 'we,ird:name.csv' --label label --value value -o x.png --diagnostics json 2> err
check "json: the file name as it is" py 'objs[0]["file"] == "we,ird:name.csv" and objs[0]["line"] == 2' err
check "json: the newline of the value stays escaped in one line" [ "$(wc -l < err)" = 1 ]

# a message with a percent sign and a newline: %25 and %0A
printf '[report]\nname = r\ntitle = T\nsource = S\n\n[panel a%%b]\ntype = bar\n' > pct.ini
"$BIN" check pct.ini --diagnostics github 2> err; rc=$?
check "github: a spec error exits 1 ($rc)" [ $rc = 1 ]
check "github: no raw percent sign" py 'all("%" not in l.split("::", 2)[2].replace("%25", "").replace("%0A", "").replace("%0D", "") for l in lines)' err

# ---- a spec error: group and key apart ------------------------------------
printf '[report]\nname = r\ntitle = T\nsource = S\n\n[panel p]\ntype = bar\ndata = d.csv\nlabel = label\nvalue = value\norientation = sideways\n' > k.ini
printf 'label,value\nA,1\n' > d.csv
"$BIN" check k.ini --diagnostics json 2> err
check "json: group and key of a spec error" py 'objs[0]["group"] == "panel p" and objs[0]["key"] == "orientation" and objs[0]["line"] == 11 and objs[0]["exit"] == 1' err
check "json: the message without the group and key" py 'not objs[0]["message"].startswith("[")' err

# ---- a hint ---------------------------------------------------------------
printf 'Region;Umsatz\nNord;12\n' > semi.csv
"$BIN" chart semi.csv --label Region --value Umsatz -o x.png --diagnostics json 2> err
check "json: the suggestion is the hint" py 'objs[0]["hint"] is not None and "--delimiter" in objs[0]["hint"] and "--delimiter" not in objs[0]["message"]' err

# ---- a batch: one object per bad input, in input order --------------------
mkdir in out
for i in 1 2 3 4; do printf 'label,value\nA,%d\n' $i > in/c$i.csv; done
printf 'label,value\nA,x\n' > in/c2.csv
printf 'label,value\nA,y\n' > in/c4.csv
"$BIN" chart in/*.csv --label label --value value -d out -j 3 --diagnostics json 2> err; rc=$?
check "batch json: exit 1 ($rc)" [ $rc = 1 ]
check "batch json: two objects, c2 then c4" py 'len(objs) == 2 and objs[0]["file"] == "in/c2.csv" and objs[1]["file"] == "in/c4.csv"' err

# ---- usage errors ---------------------------------------------------------
"$BIN" chart --frobnicate --diagnostics json 2> err; rc=$?
check "usage error in json: exit 2 ($rc)" [ $rc = 2 ]
check "usage error in json: one object, exit 2, a hint" py 'len(objs) == 1 and objs[0]["exit"] == 2 and objs[0]["hint"]' err
"$BIN" check d.csv --diagnostics yaml 2> err; rc=$?
check "--diagnostics yaml: exit 2 ($rc)" [ $rc = 2 ]
check "--diagnostics yaml: names the styles" grep -q 'takes text, json, github or sarif' err
"$BIN" check d.csv --diagnostics sarif 2> err; rc=$?
check "--diagnostics sarif outside lint: exit 2 ($rc)" [ $rc = 2 ]

# ---- lint: warnings in every style, and a SARIF log -----------------------
printf '[report]\nname = r\ntitle = T\n\n[panel p]\ntype = bar\ndata = d.csv\nlabel = label\nvalue = value\n' > nosrc.ini
"$BIN" lint nosrc.ini 2> text.err; rc=$?
check "lint text: a warning, exit 0 ($rc)" [ $rc = 0 ]
check "lint text: the warning" grep -q 'warning:' text.err
"$BIN" lint nosrc.ini --diagnostics json 2> err
check "lint json: warnings with exit 0" py 'objs and all(o["severity"] == "warning" and o["exit"] == 0 for o in objs)' err
"$BIN" lint nosrc.ini --diagnostics github 2> err
check "lint github: ::warning" py 'lines and all(l.startswith("::warning file=nosrc.ini") for l in lines)' err
"$BIN" lint nosrc.ini --diagnostics sarif > log.sarif 2> err; rc=$?
check "lint sarif: exit 0 ($rc), nothing on stderr" [ $rc = 0 ]
check "lint sarif: stderr empty" [ ! -s err ]
check "lint sarif: a SARIF 2.1.0 log with the warning" py 'doc["version"] == "2.1.0" and doc["runs"][0]["results"][0]["level"] == "warning" and doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nosrc.ini"' log.sarif
check "lint sarif: as many results as text warnings" py "len(doc['runs'][0]['results']) == $(grep -c 'warning:' text.err)" log.sarif
"$BIN" lint nosrc.ini --diagnostics sarif --strict > log.sarif 2> err; rc=$?
check "lint sarif --strict: exit 1 on warnings ($rc)" [ $rc = 1 ]
"$BIN" lint k.ini --diagnostics sarif > log.sarif 2> err; rc=$?
check "lint sarif of a bad spec: exit 1 ($rc)" [ $rc = 1 ]
check "lint sarif of a bad spec: an error result at its line" py 'doc["runs"][0]["results"][0]["level"] == "error" and doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 11' log.sarif

echo "diagnostics: $passed passed, $failed failed"
[ $failed = 0 ]
