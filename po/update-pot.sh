#!/usr/bin/env bash
# Writes the template of Kindly's words (every tr("...") and trn("...", "...", n) in src/) to OUT,
# without the creation date, so the same sources always give the same file (the test
# i18n.catalogues-complete compares it with the committed po/kindly.pot).
#   po/update-pot.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
find src -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort > "$tmp.list"
xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=trn:1,2 --keyword=N_ --add-comments=TRANSLATORS: \
  --package-name=kindly --msgid-bugs-address=kindly@users.noreply.github.com --sort-by-file --add-location=file --no-wrap \
  --files-from="$tmp.list" -o "$tmp"
rm -f "$tmp.list"
grep -v '^"POT-Creation-Date:' "$tmp" > "$out"
