#!/usr/bin/env bash
# i18n.catalogues-complete: po/kindly.pot is what the sources mark today (else: run
# `cmake --build build --target kindly-pot`), and every catalogue in po/LINGUAS translates all
# of it: msgfmt --check passes and reports no fuzzy and no untranslated message.
#   tests/i18n_check.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
cd "$source_dir"
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
po/update-pot.sh "$fresh"
if ! diff -u po/kindly.pot "$fresh" > /dev/null; then
  diff -u po/kindly.pot "$fresh" | head -40
  echo "po/kindly.pot is stale: run cmake --build build --target kindly-pot, then translate what is new" >&2
  exit 1
fi
status=0
for language in $(sed 's/#.*//' po/LINGUAS); do
  if ! report=$(msgfmt --check --statistics -o /dev/null "po/$language.po" 2>&1); then
    echo "po/$language.po: $report" >&2
    status=1
    continue
  fi
  echo "po/$language.po: $report"
  case "$report" in
    *fuzzy* | *untranslated*) echo "po/$language.po is not complete" >&2; status=1 ;;
  esac
  # Every message of the template, and no other.
  if ! msgcmp "po/$language.po" po/kindly.pot 2>&1; then status=1; fi
done
exit $status
