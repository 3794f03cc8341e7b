#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Kindly, checks the bundled
# default session and plays it (in the terminal; silently, with captions, when the machine
# has no sound device).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build --parallel "$(nproc)" --target kindly

default_script=scripts/self-compassion-break.toml
echo
build/kindly check "$default_script"
echo
exec build/kindly play "$default_script"
