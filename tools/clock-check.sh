#!/usr/bin/env bash
# Runs the test suite as the clock and the machine's load could meet it: at the moments where
# time matters (the example kiosk's breaks, midnight, both daylight-saving changes), with the
# other core kept busy, and the window, kiosk, live and record tests three times over. Each
# test process starts at the moment given (libfaketime); timeouts and waits keep the real
# monotonic clock. Run it after touching anything that reads the time of day or waits, or a
# test that does; it takes about an hour on two cores (--quick: a few minutes).
#
#   tools/clock-check.sh            everything below
#   tools/clock-check.sh --quick    the clock, kiosk, breaks and stats tests at every moment (CI)
#   tools/clock-check.sh -R REGEX   only the CTest tests matching REGEX, at every moment and loaded
set -euo pipefail
cd "$(dirname "$0")/.."

quick=no
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=yes ;;
    -R) filter=(-R "$2"); shift ;;
    *) echo "usage: tools/clock-check.sh [--quick] [-R REGEX]" >&2; exit 2 ;;
  esac
  shift
done

libfaketime=$(find /usr/lib /usr/local/lib -name libfaketime.so.1 -path '*faketime*' 2>/dev/null | head -n 1)
if [ -z "$libfaketime" ]; then
  echo "clock-check: libfaketime is missing: run tools/install-deps.sh" >&2
  exit 1
fi
build=${KINDLY_BUILD_DIR:-build}
if [ ! -x "$build/tests/kindly_tests" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
  cmake --build "$build" --parallel "$(nproc)"
fi
export XDG_CACHE_HOME="$PWD/$build/test-home/cache"
mkdir -p "$XDG_CACHE_HOME"

# The moments: "TZ|local time". The example kiosk config's breaks are at 10:30 and 15:00 with
# 30 s of notice; 23:59:55 changes the date during a test; Berlin's clocks go forward at
# 2026-03-29 02:00 and back at 2026-10-25 03:00.
moments=(
  "UTC0|2026-12-04 10:29:40"
  "UTC0|2026-12-04 14:59:40"
  "UTC0|2026-12-31 23:59:55"
  "Europe/Berlin|2026-03-29 01:59:50"
  "Europe/Berlin|2026-10-25 02:59:50"
)
failed=()

# A CTest regex naming exactly the test cases with any of these Catch tags, and the extra tests.
tagged() {  # "[tag],[tag]" extra-name...
  local spec=$1
  shift
  { "$build/tests/kindly_tests" --list-test-names-only "$spec" | grep -v '^$'; printf '%s\n' "$@"; } |
    sed -e 's/[][\\.^$*+?()|{}]/\\&/g' -e 's/^/^/' -e 's/$/$/' | paste -sd '|'
}
if [ "$quick" = yes ] && [ ${#filter[@]} -eq 0 ]; then
  filter=(-R "$(tagged '[clock],[kiosk]~[soak],[breaks],[schedule]' cli.kiosk-example-config-checks)")
fi

at_moment() {  # TZ, moment, what, ctest arguments...
  local zone=$1 moment=$2 what=$3
  shift 3
  echo "clock-check: $what at $moment ($zone)"
  if ! TZ="$zone" LD_PRELOAD="$libfaketime" FAKETIME="@$moment" FAKETIME_DONT_FAKE_MONOTONIC=1 \
       ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"; then
    failed+=("$what at $moment ($zone)")
  fi
}

for m in "${moments[@]}"; do
  at_moment "${m%%|*}" "${m#*|}" "the suite" "${filter[@]}"
done

if [ "$quick" = no ]; then
  # The other core busy, as when the machine does something else (a build, a browser).
  echo "clock-check: the suite with one core kept busy (stress-ng --cpu 1)"
  stress-ng --cpu 1 --quiet &
  stress=$!
  trap 'kill $stress 2> /dev/null || true' EXIT
  if ! ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "${filter[@]}"; then
    failed+=("the suite with one core busy")
  fi
  kill "$stress"
  wait "$stress" 2> /dev/null || true
  trap - EXIT
  # The tests that wait on windows, devices and threads, three times each.
  echo "clock-check: the window, kiosk, live and record tests, three times each"
  repeated=${filter[1]:-$(tagged '[ui],[kiosk],[xvfb],[live],[record],[watch]' ui.window-under-xvfb live.paced-device)}
  if ! ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" --repeat until-fail:3 -R "$repeated"; then
    failed+=("the window, kiosk, live and record tests repeated")
  fi
fi

if [ ${#failed[@]} -gt 0 ]; then
  printf 'clock-check: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "clock-check: every run passed"
