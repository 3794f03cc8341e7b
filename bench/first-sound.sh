#!/usr/bin/env bash
# First sound (issue 28): for every bundled session and every built-in speech engine that speaks
# its language (an English session: its own Festival voice, and flite and eSpeak NG, which every
# Kindly has; a German, French or Spanish one: eSpeak NG, its own, as Festival's and flite's
# voices speak only English), with a fresh
# speech cache (a new user, or everyone after an update) and the other core kept busy, the time
# from starting `kindly play` to its first sound:
#  - in the terminal: `kindly play --no-window SCRIPT`;
#  - in the window (under Xvfb): `kindly play SCRIPT`, the window opening while the session is
#    made ready;
#  - in the library (under Xvfb): the window open on a library of that session, which is chosen
#    as soon as its card shows, while the library's background check makes it ready too
#    (build/kindly-library-bench: from the choice to the first sound).
# The figure is the player's own (`--stats`: "first sound N ms after start", counted from the
# kernel's record of the process's start, so loading the program counts); the script waits
# for that line. Both play on the silent clock (--silent: this machine has no sound card),
# which starts like a device does, once the player's buffer is filled. The peer in the same run
# is the engine's own tool speaking only the session's first sentence: how long a player that
# synthesizes before it plays keeps a listener waiting at least.
#
#   bench/first-sound.sh            (needs a build in build/, Xvfb for the window figures)
set -euo pipefail
cd "$(dirname "$0")/.."
kindly=$PWD/build/kindly
library_bench=$PWD/build/kindly-library-bench
[ -x "$kindly" ] && [ -x "$library_bench" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }
work=$(mktemp -d)
busy=""
xvfb=""
cleanup() { [ -n "$busy" ] && kill "$busy" 2> /dev/null; [ -n "$xvfb" ] && kill "$xvfb" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

# The other core busy, as on a machine where something else runs.
(while :; do :; done) &
busy=$!

display=""
if command -v Xvfb > /dev/null && command -v xwininfo > /dev/null; then
  exec 3> "$work/display"
  Xvfb -displayfd 3 -screen 0 1024x700x24 -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  display=":$(cat "$work/display")"
  for _ in $(seq 50); do DISPLAY=$display xwininfo -root > /dev/null 2>&1 && break; sleep 0.1; done
fi

# One play with a fresh home; prints the player's figure, or "-" when it never sounded.
first_sound() { # DISPLAY SCRIPT
  rm -rf "$work/home" && mkdir -p "$work/home"
  local args=(--silent --stats)
  [ -z "$1" ] && args+=(--no-window)
  env HOME="$work/home" XDG_CACHE_HOME="$work/home/cache" XDG_STATE_HOME="$work/home/state" \
    XDG_CONFIG_HOME="$work/home/config" DISPLAY="$1" WAYLAND_DISPLAY= "$kindly" play "${args[@]}" "$2" \
    > /dev/null 2> "$work/err" &
  local player=$!
  until grep -q '^stats: first sound' "$work/err" 2> /dev/null; do kill -0 $player 2> /dev/null || break; sleep 0.01; done
  kill -INT $player 2> /dev/null; wait $player 2> /dev/null || true
  local figure
  figure=$(sed -n 's/^stats: first sound \([0-9]*\) ms after start$/\1/p' "$work/err")
  echo "${figure:--}"
}

# The library's figure for SCRIPT alone in a library, with a fresh home; "-" when it never sounded.
from_library() { # DISPLAY SCRIPT
  rm -rf "$work/home" "$work/library" && mkdir -p "$work/home" "$work/library"
  cp "$2" "$work/library/"
  local figure
  figure=$(env HOME="$work/home" XDG_CACHE_HOME="$work/home/cache" XDG_STATE_HOME="$work/home/state" \
    XDG_CONFIG_HOME="$work/home/config" DISPLAY="$1" WAYLAND_DISPLAY= "$library_bench" "$work/library" 2> /dev/null |
    sed -n 's/^first sound \([0-9]*\) ms after choosing$/\1/p')
  echo "${figure:--}"
}

# The engine's own tool speaking WORDS in LANGUAGE, in ms.
tool_ms() { # ENGINE WORDS LANGUAGE
  local start
  start=$(now)
  case "$1" in
    festival) echo "$2" | text2wave -eval '(voice_cmu_us_slt_arctic_hts)' -o "$work/first.wav" > /dev/null 2>&1 || return 0 ;;
    flite) command -v flite > /dev/null || { echo "-"; return; }; flite -voice slt -t "$2" -o "$work/first.wav" ;;
    espeak-ng) command -v espeak-ng > /dev/null || { echo "-"; return; }; espeak-ng -v "$3" -w "$work/first.wav" "$2" ;;
  esac
  ms "$start" "$(now)"
}

printf '%-10s %-30s %10s %10s %10s %12s\n' "engine" "session" "terminal" "window" "library" "tool 1st"
worst=0
count=0
silent=0   # plays that never sounded (or could not be measured: no display)
for source in scripts/*.toml; do
  grep -q '^say = ' "$source" || continue   # a session without words has no speech to wait for
  name=$(basename "$source" .toml)
  language=$(sed -n 's/^language = "\(.*\)"$/\1/p' "$source" | head -n 1)
  case "${language:-en}" in en | en-*) engines="festival flite espeak-ng" ;; *) engines="espeak-ng" ;; esac
  first=$(sed -n 's/^say = "\([^.!?]*[.!?]\).*$/\1/p' "$source" | head -n 1)
  for engine in $engines; do
    mkdir -p "$work/$engine"
    script=$work/$engine/$name.toml
    sed "s/^engine = \".*\"/engine = \"$engine\"/" "$source" > "$script"
    terminal=$(first_sound "" "$script")
    windowed="-"
    library="-"
    [ -n "$display" ] && windowed=$(first_sound "$display" "$script") && library=$(from_library "$display" "$script")
    peer=$(tool_ms "$engine" "$first" "${language:-en}")
    for f in "$terminal" "$windowed" "$library"; do
      if [ "$f" = "-" ]; then silent=$((silent + 1)); elif [ "$f" -gt "$worst" ]; then worst=$f; fi
    done
    count=$((count + 1))
    printf '%-10s %-30s %7s ms %7s ms %7s ms %9s ms\n' "$engine" "$name" "$terminal" "$windowed" "$library" "$peer"
  done
done
echo "sessions and engines: $count; slowest first sound: $worst ms; not measured or never sounded: $silent"
