#!/usr/bin/env bash
# Export benchmark: `kindly render` straight to MP3 and to Opus, against ffmpeg encoding the
# same mix from a WAV with libmp3lame and libopus at the same settings (MP3 VBR V4 at LAME's
# default algorithm quality 3, Opus 96 kbit/s VBR), in one run. Kindly mixes and encodes;
# ffmpeg only encodes (its WAV is Kindly's render, made first and not timed). Prints each one's time and peak resident memory, and the
# time ratios Kindly/ffmpeg (below 1: Kindly is faster). The session is the bundled
# Loving-Kindness at MINUTES minutes (default 10 and 20, to show memory flat in length).
#
#   bench/export-bench.sh [MINUTES...]   (needs a build in build/; installs ffmpeg and time)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- 10 20; fi
kindly=$PWD/build/kindly
script=$PWD/scripts/loving-kindness.toml
[ -x "$kindly" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }
need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=(); [ "$(id -u)" -ne 0 ] && sudo_=(sudo)
  "${sudo_[@]}" apt-get install -y -qq "${need[@]}" > /dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
cd "$work"
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
timed() { local name=$1; shift; sync; /usr/bin/time -v "$@" > /dev/null 2> "$name.time"; }

for minutes in "$@"; do
  # The mix as WAV for ffmpeg (and Kindly's speech and loudness caches filled): not timed.
  "$kindly" render "$script" --length "${minutes}m" -o mix.wav > /dev/null
  timed kindly-mp3 "$kindly" render "$script" --length "${minutes}m" -o kindly.mp3
  # -compression_level 3: LAME's own default algorithm quality, which libsndfile keeps (ffmpeg
  # picks a faster 5 of its own); the same settings give files within 0.1% of each other's size.
  timed ffmpeg-mp3 ffmpeg -v error -y -i mix.wav -c:a libmp3lame -q:a 4 -compression_level 3 ffmpeg.mp3
  timed kindly-opus "$kindly" render "$script" --length "${minutes}m" -o kindly.opus
  timed ffmpeg-opus ffmpeg -v error -y -i mix.wav -c:a libopus -b:a 96k -vbr on ffmpeg.opus
  echo "session: Loving-Kindness at $minutes min, 48 kHz stereo"
  for f in mp3 opus; do
    awk -v k="$(wall kindly-$f.time)" -v f="$(wall ffmpeg-$f.time)" -v kr="$(rss kindly-$f.time)" -v fr="$(rss ffmpeg-$f.time)" \
        -v ks="$(stat -c %s kindly.$f)" -v fs="$(stat -c %s ffmpeg.$f)" -v fmt="$f" 'BEGIN {
      printf "  %-4s kindly render (mix + encode): %6.2f s  peak RSS %6.1f MB  %5.1f MB file\n", fmt, k, kr / 1024, ks / 1e6
      printf "  %-4s ffmpeg (encode only):         %6.2f s  peak RSS %6.1f MB  %5.1f MB file\n", fmt, f, fr / 1024, fs / 1e6
      printf "  %-4s time ratio kindly/ffmpeg: %.2f\n", fmt, k / f
    }'
  done
  rm -f mix.wav kindly.* ffmpeg.*
done
