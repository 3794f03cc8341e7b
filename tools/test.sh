#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, builds everything and
# runs the whole test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build --parallel "$(nproc)"
# The tests keep their caches inside the build tree, whoever runs them.
export XDG_CACHE_HOME="$PWD/build/test-home/cache"
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
