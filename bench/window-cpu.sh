#!/usr/bin/env bash
# CPU cost of playing: `kindly play` of the default session for SECONDS seconds (default 60)
# in the window under Xvfb, and the same in the terminal (--no-window), side by side.
# CPU use is user+sys time over wall time, from /proc/PID/stat, for the whole process (the
# audio engine, the streaming thread and the UI). Sound goes to `jackd -d dummy` (a real-time
# paced device, 256-frame periods) through PortAudio's JACK backend, when jackd is installed;
# else Kindly plays silently (the engine still mixes everything).
#
#   bench/window-cpu.sh [SECONDS]     (needs a build in build/, Xvfb, and optionally jackd2)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
kindly=$PWD/build/kindly
work=$(mktemp -d)
cleanup() { kill "${xvfb:-}" "${jack:-}" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data
# Both runs start with the same warm caches (speech, loudness): a render fills them.
"$kindly" render scripts/self-compassion-break.toml -o "$work/warm.wav" > /dev/null

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 & xvfb=$!
  export DISPLAY=:97
  sleep 1
fi
device=(--silent)
if command -v jackd > /dev/null; then
  jackd -d dummy -r 48000 -p 256 > "$work/jackd.log" 2>&1 & jack=$!
  sleep 1.5
  device=(--device system)
fi
ticks=$(getconf CLK_TCK)

# Runs `kindly play ARGS` for $seconds and prints its CPU use in % of one core.
cpu() {
  "$kindly" play "${device[@]}" "$@" > "$work/out" 2> "$work/err" < /dev/null &
  local pid=$! start used wall
  start=$(date +%s.%N)
  sleep "$seconds"
  # Fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks.
  used=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {print e - s}')
  kill -INT "$pid"
  wait "$pid" || true
  awk -v u="$used" -v t="$ticks" -v w="$wall" 'BEGIN {printf "%.2f", 100 * u / t / w}'
}

window=$(cpu)
if grep -qi "playing in the terminal" "$work/err"; then
  echo "the window did not open:" >&2
  cat "$work/err" >&2
  exit 1
fi
terminal=$(cpu --no-window)
echo "kindly play, default session, ${seconds} s, sound: ${device[*]}"
echo "window (Xvfb):   ${window}% of one core"
echo "terminal:        ${terminal}% of one core"
echo "window/terminal: $(awk -v a="$window" -v b="$terminal" 'BEGIN {printf "%.2f", a / b}')"
