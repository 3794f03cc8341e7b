#!/usr/bin/env bash
# Render benchmark (issue: the mixing engine). Builds a session of MINUTES minutes (default
# 20) from 44.1 kHz material: a voice clip every 30 s and two looping ambient layers, so
# every layer is decoded and resampled to 48 kHz. Renders it with Kindly, then has SoX do the
# same layered mix with resampling in the same run, and prints each one's realtime factor,
# their ratio and Kindly's peak resident memory (/usr/bin/time -v).
#
#   bench/render-bench.sh [MINUTES]          (needs a build in build/; installs sox and time)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-20}
kindly=$PWD/build/kindly
[ -x "$kindly" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }

need=()
command -v sox >/dev/null || need+=(sox)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=(); [ "$(id -u)" -ne 0 ] && sudo_=(sudo)
  "${sudo_[@]}" apt-get install -y -qq "${need[@]}" > /dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
cd "$work"

# Material at 44.1 kHz: 8 distinct voice-like clips (6-9 s of shaped noise), two 60 s beds.
mkdir -p voice
for i in 0 1 2 3 4 5 6 7; do
  sox -n -r 44100 -c 1 voice/clip$i.wav synth $((6 + i % 4)) pinknoise band 800 600 tremolo 3 80 gain -12
done
sox -n -r 44100 -c 2 bed1.wav synth 60 brownnoise gain -6
sox -n -r 44100 -c 2 bed2.wav synth 60 pinknoise lowpass 2000 gain -6

steps=$((minutes * 2))
{
  printf 'kindly = 1\n[session]\ntitle = "Benchmark"\n[mix]\nvoice_lufs = -20.0\n'
  printf '[[ambient]]\nsound = "bed1.wav"\n[[ambient]]\nsound = "bed2.wav"\ngain_db = -3\n'
  for ((s = 0; s < steps; s++)); do
    i=$((s % 8)); len=$((6 + i % 4))
    printf '[[step]]\nclip = "voice/clip%d.wav"\npause = "%ds"\n' "$i" $((30 - len))
  done
} > session.toml

"$kindly" check session.toml > /dev/null
# The first render also measures each clip's loudness and resamples each distinct file
# into the cache (once, ever); the second finds both cached. Both are timed.
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
/usr/bin/time -v "$kindly" render session.toml -o cold.wav > /dev/null 2> cold.time
/usr/bin/time -v "$kindly" render session.toml -o kindly.wav > /dev/null 2> kindly.time
cold_seconds=$(wall cold.time)
kindly_seconds=$(wall kindly.time)
kindly_rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' kindly.time)
session_seconds=$(soxi -D kindly.wav)

# SoX: the same layers (the voice track with its pauses, both beds looped to length), each
# resampled to 48 kHz with its high-quality resampler, mixed, written as 24-bit WAV. Timed
# from the padded clips to the mixed file.
start=$(date +%s.%N)
for i in 0 1 2 3 4 5 6 7; do
  len=$((6 + i % 4))
  sox voice/clip$i.wav padded$i.wav pad 0 $((30 - len))
done
inputs=()
for ((s = 0; s < steps; s++)); do inputs+=("padded$((s % 8)).wav"); done
sox "${inputs[@]}" voice44.wav
repeats=$((minutes + 1))
sox -m -v 1 "|sox voice44.wav -p rate -h 48000 channels 2" \
  "|sox bed1.wav -p repeat $repeats trim 0 $((minutes * 60)) rate -h 48000 vol 0.25" \
  "|sox bed2.wav -p repeat $repeats trim 0 $((minutes * 60)) rate -h 48000 vol 0.18" \
  -b 24 sox.wav
end=$(date +%s.%N)
sox_seconds=$(echo "$end - $start" | bc -l)

awk -v ks="$kindly_seconds" -v cs="$cold_seconds" -v ss="$sox_seconds" -v len="$session_seconds" -v rss="$kindly_rss_kb" -v m="$minutes" 'BEGIN {
  printf "session: %d min (%.1f s of audio), voice clips and two beds from 44.1 kHz, rendered at 48 kHz\n", m, len
  printf "kindly render (first, fills caches): %7.2f s  %7.1fx realtime\n", cs, len / cs
  printf "kindly render: %7.2f s  %7.1fx realtime  peak RSS %.1f MB\n", ks, len / ks, rss / 1024
  printf "sox mix:       %7.2f s  %7.1fx realtime\n", ss, len / ss
  printf "kindly is %.2fx the speed of sox on the same work\n", ss / ks
}'
