#!/usr/bin/env bash
# First sound (issue 28): for every bundled session, with a fresh speech cache (a new user, or
# everyone after an update) and the other core kept busy, the time from choosing the session
# to its first sound:
#  - in the terminal: `kindly play --no-window SCRIPT` until the first caption is printed (the
#    player prints it as the sound starts);
#  - in the window (under Xvfb): `kindly play SCRIPT` until the player's window shows the
#    session (its title is set as the sound starts).
# Both play on the silent clock (--silent: this machine has no sound card), which starts like a
# device does, once the player's buffer is filled. The peer in the same run is Festival itself
# (text2wave) speaking only the session's first words: how long a player that synthesizes
# before it plays (Kindly before the speech was made ahead) keeps a listener waiting at least.
#
#   bench/first-sound.sh            (needs a build in build/, Xvfb for the window figures)
set -euo pipefail
cd "$(dirname "$0")/.."
kindly=$PWD/build/kindly
[ -x "$kindly" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }
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

window=no
if command -v Xvfb > /dev/null && command -v xwininfo > /dev/null; then
  exec 3> "$work/display"
  Xvfb -displayfd 3 -screen 0 1024x700x24 -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  display=":$(cat "$work/display")"
  for _ in $(seq 50); do DISPLAY=$display xwininfo -root > /dev/null 2>&1 && break; sleep 0.1; done
  window=yes
fi

printf '%-28s %10s %10s %14s\n' "session" "terminal" "window" "text2wave 1st"
for script in scripts/*.toml; do
  grep -q '^say = ' "$script" || continue   # a session without words has no speech to wait for
  name=$(basename "$script" .toml)
  title=$(sed -n 's/^title = "\(.*\)"$/\1/p' "$script" | head -n 1)
  fresh() { rm -rf "$work/home" && mkdir -p "$work/home"; }
  env_=(HOME="$work/home" XDG_CACHE_HOME="$work/home/cache" XDG_STATE_HOME="$work/home/state" XDG_CONFIG_HOME="$work/home/config")

  fresh
  start=$(now)
  env "${env_[@]}" DISPLAY= WAYLAND_DISPLAY= "$kindly" play --silent --no-window "$script" > "$work/out" 2> "$work/err" &
  player=$!
  until grep -q '^[0-9]*:[0-9][0-9]  ' "$work/out" 2> /dev/null; do kill -0 $player 2> /dev/null || break; sleep 0.005; done
  terminal=$(ms "$start" "$(now)")
  kill -INT $player 2> /dev/null; wait $player 2> /dev/null || true

  windowed="-"
  if [ "$window" = yes ]; then
    fresh
    start=$(now)
    env "${env_[@]}" DISPLAY="$display" "$kindly" play --silent "$script" > "$work/out" 2> "$work/err" &
    player=$!
    until DISPLAY=$display xwininfo -root -tree 2> /dev/null | grep -qF "\"$title - Kindly\""; do kill -0 $player 2> /dev/null || break; sleep 0.005; done
    windowed=$(ms "$start" "$(now)")
    kill -INT $player 2> /dev/null; wait $player 2> /dev/null || true
  fi

  first=$(sed -n 's/^say = "\([^.!?]*[.!?]\).*$/\1/p' "$script" | head -n 1)
  peer="-"
  if command -v text2wave > /dev/null; then
    start=$(now)
    echo "$first" | text2wave -eval '(voice_cmu_us_slt_arctic_hts)' -o "$work/first.wav" > /dev/null 2>&1 || true
    peer=$(ms "$start" "$(now)")
  fi
  printf '%-28s %8s ms %8s ms %11s ms\n' "$name" "$terminal" "$windowed" "$peer"
done
