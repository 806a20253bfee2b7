#!/usr/bin/env bash
# make install / make uninstall, as a packager and a user would run them.
# Usage, from the repository root (make check runs it):
#
#   bash tests/install.sh build/factsheet
#
# Installs with PREFIX=/usr/local into a temporary DESTDIR, checks that every
# file is where it belongs and nothing else was installed, then runs the
# installed program from another folder, with no FACTSHEET_FONT_DIR: it must
# find its fonts under DESTDIR/usr/local/share/factsheet through its own
# location. Draws a chart and the default report there, reads the man page,
# sources the completion; then uninstalls and checks that no file is left.
set -u
ROOT=$(pwd)
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
failed=0 passed=0
fail() { echo "FAIL  install: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }
check() { if "$@"; then pass; else fail "$*"; fi; }

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2> /dev/null; rm -rf "$tmp"' EXIT
dest=$tmp/dest
prefix=/usr/local
root=$dest$prefix
unset FACTSHEET_FONT_DIR SOURCE_DATE_EPOCH
export XDG_CACHE_HOME=$tmp/cache

# the make sub-process must not rebuild into another folder (SANITIZE is
# passed down by the environment when set)
if ! make --no-print-directory -s install DESTDIR="$dest" PREFIX="$prefix" > "$tmp/install.log" 2>&1; then
    fail "make install failed:"; cat "$tmp/install.log"
    exit 1
fi

# exactly these files, nothing else
{
    echo "$prefix/bin/factsheet"
    echo "$prefix/share/bash-completion/completions/factsheet"
    echo "$prefix/share/man/man1/factsheet.1"
    echo "$prefix/share/factsheet/fonts/MANIFEST.tsv"
    awk -F '\t' -v d="$prefix/share/factsheet/fonts/" '!/^#/ && NF { print d $1 }' fonts/MANIFEST.tsv
    for t in themes/*.ini; do
        [ -e "$t" ] && echo "$prefix/share/factsheet/themes/${t#themes/}"
    done
} | sort > "$tmp/want"
(cd "$dest" && find . -type f -o -type l) | sed 's|^\.||' | sort > "$tmp/have"
if diff -u "$tmp/want" "$tmp/have" > "$tmp/diff"; then pass; else
    fail "installed files differ from the expected list (- expected, + installed):"
    sed -n '3,$p' "$tmp/diff" | grep '^[-+]'
fi
check test -x "$root/bin/factsheet"
check cmp -s "$root/share/factsheet/fonts/MANIFEST.tsv" fonts/MANIFEST.tsv

# the installed program, from another folder, with the default report's data
work=$tmp/work
mkdir -p "$work/data"
cp -r data/khojaly "$work/data/"
cd "$work" || exit 1
fs=$root/bin/factsheet
if "$fs" chart data/khojaly/killed.csv --label group --value count -o killed.png 2> err; then
    check test -s killed.png
else
    fail "chart from the installed program: exit $?: $(head -c 300 err)"
fi
# no SPEC: the default report, data/khojaly/report.ini, into output/
if "$fs" 2> err; then
    check test -s output/khojaly.pdf
    check test -s output/khojaly.az.pdf
    check test -s output/khojaly-killed.png
else
    fail "report from the installed program: exit $?: $(head -c 300 err)"
fi
# and the same bytes as the program in the build tree
"$BIN" chart data/khojaly/killed.csv --label group --value count \
    -o built.png 2> /dev/null && check cmp -s killed.png built.png

# it found the installed fonts, not the source tree's: without them it fails
mv "$root/share/factsheet/fonts" "$root/share/factsheet/fonts.away"
if "$fs" chart data/khojaly/killed.csv --label group --value count -o gone.png 2> err; then
    fail "the installed program drew without its installed fonts (found others?)"
else
    check grep -q "font manifest missing" err
fi
mv "$root/share/factsheet/fonts.away" "$root/share/factsheet/fonts"

# the man page reads, and the completion loads and completes
if command -v groff > /dev/null; then
    check test -z "$(groff -man -ww -z "$root/share/man/man1/factsheet.1" 2>&1)"
fi
out=$(bash -c 'source "$1" && COMP_WORDS=(factsheet ch) COMP_CWORD=1 && _factsheet &&
               echo "${COMPREPLY[*]}"' _ "$root/share/bash-completion/completions/factsheet" 2>&1)
check test "$out" = "chart check"
cd "$ROOT" || exit 1

# uninstall leaves no file
if ! make --no-print-directory -s uninstall DESTDIR="$dest" PREFIX="$prefix" > "$tmp/uninstall.log" 2>&1; then
    fail "make uninstall failed:"; cat "$tmp/uninstall.log"
fi
left=$(cd "$dest" && find . -type f -o -type l)
if [ -z "$left" ]; then pass; else fail "uninstall left: $left"; fi
check test ! -e "$root/share/factsheet"

echo "install $passed passed, $failed failed"
[ "$failed" -eq 0 ]
