#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, builds everything and
# runs the whole test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
# First the threaded parts (the lock-free ring, the command queue, the player's threads)
# under ThreadSanitizer, in a build of their own.
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKINDLY_TSAN=ON > /dev/null
cmake --build build-tsan --parallel "$(nproc)" --target kindly_tests kindly
echo "ThreadSanitizer: the ring, the command queue and live playback"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/tests/kindly_tests "[ring],[live]~[device]"

# The kiosk's soak under AddressSanitizer + LeakSanitizer (and UndefinedBehaviorSanitizer):
# 40 sessions back to back, no leak at exit (fontconfig's one-off configuration aside:
# tests/lsan.supp).
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKINDLY_ASAN=ON > /dev/null
cmake --build build-asan --parallel "$(nproc)" --target kindly_tests kindly
echo "AddressSanitizer and LeakSanitizer: 40 kiosk sessions"
SOAKSESSIONS=40 XDG_CACHE_HOME="$PWD/build-asan/test-home/cache" \
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1" LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" build-asan/tests/kindly_tests "[soak]"

# The fuzzers, a minute each: the script loader and checker, the kiosk config, audio decoding.
tools/fuzz.sh 60

# Then the whole suite (its summary is the last thing printed).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build --parallel "$(nproc)"
# The tests keep their caches inside the build tree, whoever runs them.
export XDG_CACHE_HOME="$PWD/build/test-home/cache"
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
