#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Kindly, and runs it on the
# bundled default session: `kindly check`, `kindly timeline`, then `kindly render` to a FLAC
# file with captions, build/self-compassion-break.flac and .vtt, to listen to.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build --parallel "$(nproc)" --target kindly

default_script=scripts/self-compassion-break.toml
echo
build/kindly check "$default_script"
echo
build/kindly timeline "$default_script"
echo
build/kindly render "$default_script" -o build/self-compassion-break.flac --captions build/self-compassion-break.vtt
