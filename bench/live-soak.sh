#!/usr/bin/env bash
# Live playback soak: plays a session of MINUTES minutes (default 5; the hardening soak is 120)
# through PortAudio into `jackd -d dummy` at 128-frame periods (a real-time paced device)
# while the other core is kept busy, and prints the underflows Kindly counted, the longest
# audio callback, and its memory, sampled every second and reported every minute (it must
# stay flat: the last minute within 5% of the second).
#
#   bench/live-soak.sh [MINUTES]     (needs a build in build/ and jackd2)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-5}
kindly=$PWD/build/kindly
work=$(mktemp -d)
cleanup() { kill "${busy:-}" "${jack:-}" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/soak.toml" <<TOML
kindly = 1
[session]
title = "Soak"
[[ambient]]
sound = "rain"
[[ambient]]
sound = "pink-noise"
gain_db = -6
TOML
steps=$((minutes * 2))
for ((s = 0; s < steps; s++)); do
  printf '[[step]]\nbell = "chime"\nsay = "Breathe in slowly, and let the breath go. Step %d."\npause = "27s"\n' "$s" >> "$work/soak.toml"
done
export XDG_CACHE_HOME=$work/cache
"$kindly" check "$work/soak.toml" > /dev/null   # synthesizes the voice before the clock starts

jackd -d dummy -r 48000 -p 128 > "$work/jackd.log" 2>&1 & jack=$!
sleep 1.5
( while :; do :; done ) & busy=$!    # the other core, busy
# PortAudio's own JACK backend ("system"): ALSA's jack plugin does not take 128-frame periods.
"$kindly" play "$work/soak.toml" --device system --no-window --stats > "$work/play.out" 2> "$work/play.err" &
player=$!
# Memory sampled every second: all resident memory (which includes JACK's shared memory and
# the libraries) and Kindly's own (anonymous) memory.
peak_rss=0; peak_anon=0; samples=""; second=0; minutes_anon=()
while kill -0 "$player" 2> /dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$player/status" 2> /dev/null || echo 0)
  anon=$(awk '/^RssAnon/ {print $2}' "/proc/$player/status" 2> /dev/null || echo 0)
  [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
  [ "${anon:-0}" -gt "$peak_anon" ] && peak_anon=$anon
  samples+=" $((${anon:-0} / 1024))"
  second=$((second + 1))
  if [ $((second % 60)) -eq 0 ]; then
    minutes_anon+=("${anon:-0}")
    echo "minute $((second / 60)): resident $((${rss:-0} / 1024)) MB, Kindly's own $((${anon:-0} / 1024)) MB"
  fi
  sleep 1
done
wait "$player" || true
if ! grep -q "the end" "$work/play.out"; then
  echo "the session did not play to its end:" >&2
  cat "$work/play.out" "$work/play.err" >&2
  exit 1
fi
underflows=$(grep -o '[0-9]\+ underflows during' "$work/play.err" | head -1 | cut -d' ' -f1 || true)
echo "live soak: ${minutes} min on jackd -d dummy, 128-frame periods, other core busy"
echo "underflows: ${underflows:-0}  $(grep -o '(.*reported by the device)' "$work/play.err" || true)"
echo "peak resident memory: $((peak_rss / 1024)) MB in all, $((peak_anon / 1024)) MB Kindly's own (the rest is JACK's shared memory and libraries)"
echo "Kindly's own memory each second (MB):$(echo "$samples" | tr ' ' '\n' | awk 'NF' | uniq -c | awk '{printf " %sx%s", $1, $2}')"
grep "^stats:" "$work/play.err" || true
if [ ${#minutes_anon[@]} -ge 3 ]; then
  first=${minutes_anon[1]}; last=${minutes_anon[-1]}
  echo "Kindly's own memory: minute 2 $((first / 1024)) MB, last minute $((last / 1024)) MB ($(( (last - first) * 100 / first ))%)"
  [ "$last" -le $((first * 105 / 100)) ] || { echo "memory grew more than 5%"; exit 1; }
fi
tail -n 1 "$work/play.out"
