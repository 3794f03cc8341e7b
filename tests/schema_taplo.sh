#!/usr/bin/env bash
# Taplo (the TOML toolkit behind VS Code's "Even Better TOML") validates every bundled script
# against the JSON Schema its `#:schema` line names, and rejects a misspelled key and a wrong
# type. Taplo's command line comes from npm (@taplo/cli), installed once into the build tree.
#   schema_taplo.sh SOURCE_DIR WORK_DIR
set -euo pipefail
source_dir=$1
work=$2
mkdir -p "$work"
taplo="$work/node_modules/.bin/taplo"
if [ ! -x "$taplo" ]; then
  command -v npm >/dev/null || { echo "npm is missing: tools/install-deps.sh installs it"; exit 1; }
  # Taplo comes from the npm registry: on a machine that cannot reach it the test is skipped
  # (exit 77, CTest's SKIP_RETURN_CODE), saying why, rather than failing for a reason not ours.
  if ! npm install --prefix "$work" --no-audit --no-fund --loglevel=error @taplo/cli@0.7.0 > "$work/npm.log" 2>&1 ||
     [ ! -x "$taplo" ]; then
    echo "SKIP: Taplo (@taplo/cli) could not be fetched from the npm registry (no network?):"
    tail -n 5 "$work/npm.log"
    exit 77
  fi
fi
schema="$source_dir/scripts/session-script.schema.json"

echo "== the bundled scripts"
"$taplo" check --no-auto-config "$source_dir"/scripts/*.toml

echo "== a misspelled key and a wrong type"
printf '#:schema %s\nkindly = 1\n[session]\ntitle = "T"\n[[step]]\nsay = "Hi."\npuase = "3s"\n' "$schema" > "$work/misspelled.toml"
printf '#:schema %s\nkindly = 1\n[session]\ntitle = "T"\n[[step]]\nsay = "Hi."\nwait = "yes"\n' "$schema" > "$work/wrong-type.toml"
for bad in misspelled wrong-type; do
  if "$taplo" check --no-auto-config "$work/$bad.toml" > "$work/$bad.out" 2>&1; then
    echo "FAIL: taplo accepted $bad.toml"; cat "$work/$bad.out"; exit 1
  fi
done
grep -q "'puase' was unexpected" "$work/misspelled.out" || { echo "FAIL: no word of 'puase'"; cat "$work/misspelled.out"; exit 1; }
grep -q "wrong-type.toml:7" "$work/wrong-type.out" || { echo "FAIL: the wrong type not placed at line 7"; cat "$work/wrong-type.out"; exit 1; }

echo "== a script from \`kindly new\` (it names the schema by its full path)"
if [ -n "${KINDLY:-}" ]; then
  rm -f "$work/starter.toml"
  KINDLY_DATA_DIR="$source_dir" "$KINDLY" new "$work/starter" > /dev/null
  "$taplo" check --no-auto-config "$work/starter.toml"
fi
echo "ok"
