#!/usr/bin/env bash
# Render benchmark. Builds a session of MINUTES minutes from 44.1 kHz material: a voice clip
# every 30 s and two looping ambient layers, so every layer is decoded and resampled to
# 48 kHz 24-bit WAV. Renders it with Kindly, then has SoX and ffmpeg (amix + aresample, with
# soxr at SoX's precisions) do the same layered mix in the same run, at the same resampling
# qualities as Kindly (high for the voice, medium for the beds), with the voice track
# already laid out for them (that preparation is not timed). Prints each one's realtime
# factor, the time ratios Kindly/SoX and Kindly/ffmpeg (below 1: Kindly is faster) and each
# one's peak resident memory (/usr/bin/time -v). With no argument: 20 minutes, then 2 hours.
#
#   bench/render-bench.sh [MINUTES...]   (needs a build in build/; installs sox, ffmpeg, time)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- 20 120; fi
if [ $# -gt 1 ]; then
  for m in "$@"; do "$0" "$m"; echo; done
  exit 0
fi
minutes=$1
kindly=$PWD/build/kindly
[ -x "$kindly" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }

need=()
command -v sox >/dev/null || need+=(sox)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v bc >/dev/null || need+=(bc)
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
# Every timed run starts with the disk quiet (sync, not timed): the last run's output still
# being written back would otherwise slow whichever tool comes next.
sync
/usr/bin/time -v "$kindly" render session.toml -o cold.wav > /dev/null 2> cold.time
rm -f cold.wav
sync
/usr/bin/time -v "$kindly" render session.toml -o kindly.wav > /dev/null 2> kindly.time
cold_seconds=$(wall cold.time)
kindly_seconds=$(wall kindly.time)
kindly_rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' kindly.time)
session_seconds=$(soxi -D kindly.wav)

# The voice track laid out once for both peers (not timed): each clip padded with its pause.
for i in 0 1 2 3 4 5 6 7; do
  len=$((6 + i % 4))
  sox voice/clip$i.wav padded$i.wav pad 0 $((30 - len))
done
inputs=()
for ((s = 0; s < steps; s++)); do inputs+=("padded$((s % 8)).wav"); done
sox "${inputs[@]}" voice44.wav
rss() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

# SoX: the same layers (both beds looped to length), each resampled to 48 kHz at the quality
# Kindly uses (soxr's high quality for the voice, medium for the beds), mixed, written as
# 24-bit WAV.
repeats=$((minutes + 1))
sync
/usr/bin/time -v sox -m -v 1 "|sox voice44.wav -p rate -h 48000 channels 2" \
  "|sox bed1.wav -p repeat $repeats trim 0 $((minutes * 60)) rate -m 48000 vol 0.25" \
  "|sox bed2.wav -p repeat $repeats trim 0 $((minutes * 60)) rate -m 48000 vol 0.18" \
  -b 24 sox.wav 2> sox.time
sox_seconds=$(wall sox.time)

# ffmpeg: the same three layers through aresample (soxr: 20-bit precision for the voice, as
# SoX's -h; 16-bit for the beds, as -m) and amix.
soxr='aresample=48000:resampler=soxr:precision=20'
soxr_bed='aresample=48000:resampler=soxr:precision=16'
sync
/usr/bin/time -v ffmpeg -v error -y -i voice44.wav -stream_loop -1 -i bed1.wav -stream_loop -1 -i bed2.wav \
  -filter_complex "[0]$soxr,pan=stereo|c0=c0|c1=c0[v];[1]$soxr_bed,volume=0.25[a];[2]$soxr_bed,volume=0.18[b];[v][a][b]amix=inputs=3:duration=first:normalize=0" \
  -t $((minutes * 60)) -c:a pcm_s24le ffmpeg.wav 2> ffmpeg.time
ffmpeg_seconds=$(wall ffmpeg.time)

awk -v ks="$kindly_seconds" -v cs="$cold_seconds" -v ss="$sox_seconds" -v fs="$ffmpeg_seconds" -v len="$session_seconds" \
    -v rss="$kindly_rss_kb" -v srss="$(rss sox.time)" -v frss="$(rss ffmpeg.time)" -v m="$minutes" 'BEGIN {
  printf "session: %d min (%.1f s of audio), voice clips and two beds from 44.1 kHz, rendered at 48 kHz 24-bit WAV\n", m, len
  printf "kindly render (first, fills caches): %7.2f s  %7.1fx realtime\n", cs, len / cs
  printf "kindly render: %7.2f s  %7.1fx realtime  peak RSS %6.1f MB\n", ks, len / ks, rss / 1024
  printf "sox mix:       %7.2f s  %7.1fx realtime  peak RSS %6.1f MB (largest of its processes)\n", ss, len / ss, srss / 1024
  printf "ffmpeg amix:   %7.2f s  %7.1fx realtime  peak RSS %6.1f MB\n", fs, len / fs, frss / 1024
  printf "time ratio kindly/sox:    %.2f\n", ks / ss
  printf "time ratio kindly/ffmpeg: %.2f\n", ks / fs
}'
