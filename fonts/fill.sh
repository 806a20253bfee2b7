#!/usr/bin/env bash
# Fill fonts/ from Debian's font packages, as listed in MANIFEST.tsv
# (file, Debian package, SHA-256, installed path). A missing package is
# installed by `make deps`; a checksum mismatch is a warning: reference images
# were made with the listed files and may differ.
set -euo pipefail
manifest=$1 dir=$2
status=0
while IFS=$'\t' read -r file pkg sum src; do
  case "$file" in ''|'#'*) continue ;; esac
  if [ ! -f "$src" ]; then
    echo "factsheet: font $file not found at $src (Debian package $pkg): run 'make deps'" >&2
    status=1; continue
  fi
  if [ ! -f "$dir/$file" ] || ! cmp -s "$src" "$dir/$file"; then
    cp "$src" "$dir/$file.tmp" && mv "$dir/$file.tmp" "$dir/$file"
  fi
  got=$(sha256sum "$dir/$file" | cut -d' ' -f1)
  if [ "$got" != "$sum" ]; then
    echo "factsheet: warning: $file has SHA-256 $got, manifest says $sum; reference images may differ" >&2
  fi
done < "$manifest"
exit $status
