#!/usr/bin/env bash
# Live playback soak: plays a session of MINUTES minutes (default 5) through PortAudio into
# `jackd -d dummy` at 128-frame periods (a real-time paced device) while the other core is kept
# busy, and prints the underflows Kindly counted and its peak resident memory.
#
#   bench/live-soak.sh [MINUTES]     (needs a build in build/, jackd2, libasound2-plugins, time)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-5}
kindly=$PWD/build/kindly
work=$(mktemp -d)
cleanup() { kill "${busy:-}" "${jack:-}" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# ALSA's default device for this run only: PortAudio -> ALSA -> JACK (the audio is discarded).
cat > "$work/.asoundrc" <<ASOUND
pcm.!default {
  type plug
  slave.pcm { type jack
    playback_ports { 0 system:playback_1  1 system:playback_2 } }
}
ASOUND
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
  printf '[[step]]\nbell = "chime"\nsay = "Breathe in slowly, and let the breath go. Step %d."\npause = "20s"\n' "$s" >> "$work/soak.toml"
done
export XDG_CACHE_HOME=$work/cache
"$kindly" check "$work/soak.toml" > /dev/null   # synthesizes the voice before the clock starts

jackd -r -d dummy -r 48000 -p 128 > "$work/jackd.log" 2>&1 & jack=$!
sleep 1.5
( while :; do :; done ) & busy=$!    # the other core, busy
HOME=$work /usr/bin/time -v "$kindly" play "$work/soak.toml" --device default > "$work/play.out" 2> "$work/play.err" || true
underflows=$(grep -o '[0-9]* underflows' "$work/play.err" | cut -d' ' -f1)
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/play.err")
echo "live soak: ${minutes} min on jackd -d dummy, 128-frame periods, other core busy"
echo "underflows: ${underflows:-0}"
echo "peak RSS: $((rss / 1024)) MB"
tail -n 1 "$work/play.out"
