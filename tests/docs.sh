#!/usr/bin/env bash
# The man page, the bash completion, the examples and the README gallery.
# Usage, from the repository root (make check runs it):
#
#   bash tests/docs.sh build/factsheet build/factsheet.1 build/factsheet.bash-completion
#
# - the man page formats without a warning (groff -ww; man --warnings too
#   when man is installed);
# - every command `factsheet --help` lists, and every option its
#   `factsheet COMMAND --help` lists, is in the formatted man page, and
#   is offered by the completion after `factsheet COMMAND --`;
# - completion cases: commands, file extensions per command, folders for
#   -d/-o DIR, the values of enum options, --opt=value, comma lists;
# - every example of every command (`Examples:` in its --help, EXAMPLES in
#   the man page) runs and exits 0, in a copy of data/;
# - the README's gallery section is exactly what docs/gallery.sh prints,
#   and every image it shows exists.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MAN=$2
COMPLETION=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
ROOT=$(pwd)
failed=0 passed=0
fail() { echo "FAIL  docs: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- man page ----------------------------------------------------------------
w=$(groff -man -ww -z "$MAN" 2>&1)
if [ -z "$w" ]; then pass; else fail "groff -man -ww warns: $w"; fi
w=$(groff -man -ww -Tascii -z "$MAN" 2>&1)
if [ -z "$w" ]; then pass; else fail "groff -man -ww -Tascii warns: $w"; fi
if command -v man > /dev/null; then
    # man formats for the terminal's charset: ascii under C, utf8 otherwise
    for loc in C C.UTF-8; do
        w=$(LC_ALL=$loc MANWIDTH=80 man --warnings -l "$MAN" 2>&1 > /dev/null)
        if [ -z "$w" ]; then pass; else fail "LC_ALL=$loc man --warnings: $w"; fi
    done
fi
# the page as read, dashes as typed
LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -Tutf8 -P-cbou "$MAN" 2> /dev/null |
    sed 's/\xe2\x80\x90/-/g; s/\xe2\x88\x92/-/g' > "$tmp/man.txt"
grep -q '^NAME' "$tmp/man.txt" && pass || fail "the man page has no NAME section"
for s in SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    grep -q "^$s" "$tmp/man.txt" && pass || fail "the man page has no $s section"
done

# the commands, from the top-level --help
commands=$("$BIN" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
[ -n "$commands" ] && pass || fail "no commands found in factsheet --help"

# the completion, called as bash calls it: comp WORD… prints the replies
# sorted, one line, space-separated
source "$COMPLETION"
comp() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _factsheet 2> /dev/null
    printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
# expect "WORDS" "REPLIES": the command line (the last word is the one being
# completed; "" for a new word) and the exact replies
expect() {
    local line=$1 want=$2 have
    read -ra words <<< "$line"
    [[ $line == *" " ]] && words+=("")
    have=$(comp "${words[@]}")
    if [ "$have" = "$want" ]; then pass; else
        fail "completion of '$line': got '$have', expected '$want'"
    fi
}

for c in $commands; do
    grep -Eq "^       $c( |$)" "$tmp/man.txt" && pass || fail "command $c is not in the man page"
    "$BIN" "$c" --help > "$tmp/help-$c.txt" 2>&1 || fail "factsheet $c --help failed"
    # the command's own --help lists every option it takes, the common ones too
    for o in --delimiter --decimal --encoding --missing --font-dir; do
        grep -qE -- "^ +$o=" "$tmp/help-$c.txt" && pass || fail "factsheet $c --help does not list $o"
    done
    # every -x and --long-option in the help is in the man page
    opts=$(grep -oE '^ +(-[A-Za-z], )?--[a-z][a-z0-9-]*' "$tmp/help-$c.txt" | grep -oE -- '-[A-Za-z]\b|--[a-z][a-z0-9-]*' | sort -u)
    [ -n "$opts" ] || fail "no options found in factsheet $c --help"
    offered=" $(comp factsheet "$c" --) "
    for o in $opts; do
        if grep -qF -- "$o" "$tmp/man.txt"; then pass; else fail "$c: option $o is not in the man page"; fi
        case $o in
            --*) if [[ $offered == *" $o "* ]]; then pass; else
                     fail "$c: option $o is not offered by the completion"; fi ;;
        esac
    done
    # every option taking a value has an arm: it never completes to options
    for o in $(grep -oE -- '--[a-z][a-z0-9-]*=' "$tmp/help-$c.txt" | tr -d = | sort -u); do
        have=$(comp factsheet "$c" "$o" --)
        if [ -z "$have" ]; then pass; else fail "$c $o --: offers '$have'"; fi
    done
done

# ---- completion cases ----------------------------------------------------------
mkdir -p "$tmp/c/sub" "$tmp/c/out"
touch "$tmp/c/a.csv" "$tmp/c/b.tsv" "$tmp/c/r.ini" "$tmp/c/s.spec" "$tmp/c/p.png" \
    "$tmp/c/v.svg" "$tmp/c/notes.txt"
cd "$tmp/c" || exit 1
expect "factsheet ch" "chart check"
expect "factsheet " "chart check lint out r.ini render s.spec sub table watch"
expect "factsheet --ver" "--version"
expect "factsheet chart " "a.csv b.tsv out sub"
expect "factsheet chart a.csv " "a.csv b.tsv out sub"
expect "factsheet table " "a.csv b.tsv out sub"
expect "factsheet check " "a.csv b.tsv out r.ini s.spec sub"
expect "factsheet render " "out r.ini s.spec sub"
expect "factsheet chart a.csv -o " "out p.png sub v.svg"
expect "factsheet chart a.csv --output " "out p.png sub v.svg"
expect "factsheet chart a.csv -d " "out sub"
expect "factsheet chart a.csv --dir s" "sub"
expect "factsheet render r.ini -o " "out sub"
expect "factsheet r.ini -o " "out sub"
expect "factsheet render --data-root " "out sub"
expect "factsheet chart a.csv --font-dir " "out sub"
expect "factsheet chart a.csv --orientation " "horizontal vertical"
expect "factsheet chart a.csv --orientation v" "vertical"
expect "factsheet chart a.csv --sort " "asc desc none"
expect "factsheet chart a.csv --mode s" "stacked"
expect "factsheet chart a.csv --direction " "ltr rtl"
expect "factsheet chart a.csv -d out --format " "pdf png svg"
expect "factsheet chart a.csv --compact " "auto off on"
expect "factsheet lint a.csv --format " "pdf png svg"
expect "factsheet lint a.csv --compact o" "off on"
expect "factsheet render --format pdf,p" "pdf,png"
expect "factsheet render --format pdf," "pdf,png pdf,svg"
expect "factsheet render --lang a" "all ar az"
expect "factsheet render --lang en,r" "en,ru"
expect "factsheet chart a.csv --lang a" "ar az"
expect "factsheet chart a.csv --delimiter " ', \; \| tab'
expect "factsheet chart a.csv --label " ""
expect "factsheet chart a.csv --title " ""
expect "factsheet chart a.csv --theme d" "dark"
expect "factsheet chart a.csv --th" "--theme"
expect "factsheet table --delim" "--delimiter"
# --option=value, split at '=' by bash
expect "factsheet chart a.csv --sort = d" "desc"
expect "factsheet chart a.csv --sort =" "asc desc none"
expect "factsheet render --output = s" "sub"
# --option=value as one word (COMP_WORDBREAKS without '=')
expect "factsheet chart a.csv --sort=a" "--sort=asc"
expect "factsheet chart a.csv --title=x" ""
cd "$ROOT" || exit 1

# ---- examples ----------------------------------------------------------------
# each command's examples, run as written in a copy of the repository's data
mkdir -p "$tmp/ex/bin" "$tmp/ex/charts"
ln -s "$BIN" "$tmp/ex/bin/factsheet"
cp -r data "$tmp/ex/"
n=0
for c in $commands; do
    while IFS= read -r ex; do
        n=$((n + 1))
        grep -qF -- "$ex" "$tmp/man.txt" || grep -qF -- "${ex%% -*}" "$tmp/man.txt" ||
            fail "example not in the man page: $ex"
        # watch runs until stopped: once it says it is watching (within
        # 20 s), SIGINT must end it with exit 0 after one drawing
        case $ex in "factsheet watch "*)
            ex="$ex & p=\$!; for i in \$(seq 200); do grep -q '^watching' \"$tmp/ex.out\" && break; sleep 0.1; done;"
            ex="$ex kill -INT \$p; wait \$p && grep -q ' 0 lint warnings\$' \"$tmp/ex.out\"" ;;
        esac
        if (cd "$tmp/ex" && PATH=$tmp/ex/bin:$PATH eval "$ex") > "$tmp/ex.out" 2>&1; then pass; else
            fail "example exits $?: $ex: $(head -c 300 "$tmp/ex.out")"
        fi
    done < <(awk '/^Examples?:$/ { on = 1; next } on && /^$/ { exit } on { sub(/^  /, ""); print }' \
                 "$tmp/help-$c.txt")
done
[ "$n" -gt 0 ] && pass || fail "no examples found in the commands' --help"

# ---- README gallery ----------------------------------------------------------
bash docs/gallery.sh readme > "$tmp/gallery.md"
awk '/^<!-- gallery:begin/ { on = 1; next } /^<!-- gallery:end/ { on = 0 } on' README.md > "$tmp/readme-gallery.md"
if [ -s "$tmp/gallery.md" ] && cmp -s "$tmp/gallery.md" "$tmp/readme-gallery.md"; then pass; else
    fail "README.md's gallery differs from docs/gallery.sh readme (run make gallery):"
    diff "$tmp/gallery.md" "$tmp/readme-gallery.md" | head -10
fi
for img in $(grep -oE '\]\(docs/gallery/[^)]*\)' "$tmp/gallery.md" | sed 's/^](//; s/)$//'); do
    if [ -s "$img" ]; then pass; else fail "gallery image $img is missing (run make gallery)"; fi
done

echo "docs  $passed passed, $failed failed"
[ "$failed" -eq 0 ]
