#!/usr/bin/env bash
# Kindly's folders form layers: each folder of src/ may include only from its own folder and
# from folders listed before it here, never from one after it, so no folder depends on one above
# it and no two folders depend on each other (no include cycle). The README's "Layout" explains
# the order. Prints every include that breaks it.
#   layers_check.sh SOURCE_DIR
set -euo pipefail
src=$1/src
layers=(platform script speech sources timeline engine output player record session live library kiosk ui app)
rank() { local i; for i in "${!layers[@]}"; do [ "${layers[i]}" = "$1" ] && { echo "$i"; return; }; done; echo -1; }
problems=0
for dir in "$src"/*/; do
  folder=$(basename "$dir")
  own=$(rank "$folder")
  if [ "$own" -lt 0 ]; then echo "src/$folder/ is in no layer: add it to tests/layers_check.sh and the README's Layout" >&2; problems=$((problems + 1)); continue; fi
  while IFS=: read -r file line include; do
    target=$(echo "$include" | sed -E 's/.*#include "([a-z]+)\/.*/\1/')
    [ "$target" = "$folder" ] && continue
    other=$(rank "$target")
    if [ "$other" -lt 0 ] || [ "$other" -gt "$own" ]; then
      echo "${file#"$1"/}:$line: $folder/ includes from $target/, a layer above it" >&2
      problems=$((problems + 1))
    fi
  done < <(grep -nE '^#include "[a-z]+/' "$dir"*.cpp "$dir"*.hpp "$dir"*.in 2> /dev/null || true)
done
[ "$problems" -eq 0 ] || { echo "$problems includes break the layers" >&2; exit 1; }
echo "src/ keeps its layers: ${layers[*]}"
