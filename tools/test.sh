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
echo "ThreadSanitizer: a render's ambient and writer threads"
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/tests/kindly_tests \
  "the ambient mixed on a second thread*,a write that fails on the writer thread*"

# The whole suite under AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer, in a
# build of its own (build-asan/): any invalid access, leak at exit or undefined behaviour fails
# it. Third-party one-off allocations are suppressed in tests/lsan.supp, each with its reason.
# The kiosk soak plays 40 sessions there (200 in the main suite); the real-time paced JACK
# tests run in the main suite only (ASan's slowdown is not what they measure).
# (The bundled speech made ahead is the main build's: not made again with the sanitizers.)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKINDLY_ASAN=ON -DKINDLY_READY_SPEECH=OFF > /dev/null
cmake --build build-asan --parallel "$(nproc)"
echo "AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer: the whole suite"
SOAKSESSIONS=40 XDG_CACHE_HOME="$PWD/build-asan/test-home/cache" \
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1" LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" -E "^live.paced-device$"

# Static analysis, kept clean: cppcheck and clang-tidy (.clang-tidy's checks).
tools/analyse.sh

# The fuzzers, a minute each: the script loader and checker, the kiosk config, audio decoding.
tools/fuzz.sh 60

# Then the whole suite (its summary is the last thing printed).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build --parallel "$(nproc)"
# The tests keep their caches inside the build tree, whoever runs them.
export XDG_CACHE_HOME="$PWD/build/test-home/cache"
# The clock's tests, the kiosk's, the breaks' and the usage log's at the moments where the time
# of day matters (the example kiosk's breaks, midnight, daylight saving); tools/clock-check.sh
# without --quick runs the whole suite there, loaded and repeated.
tools/clock-check.sh --quick
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
