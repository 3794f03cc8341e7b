#!/usr/bin/env bash
# Voice benchmark (issue 16): for each speech engine, with a cold speech cache,
#  - the time from `kindly play` to the first sound of the default session (the bundled
#    Self-Compassion Break, spoken by that engine), and
#  - the synthesis speed: seconds of speech made per second of wall time (`kindly check`,
#    which synthesizes every step), against the engine's own command-line tool speaking the
#    same words in the same run (a time ratio: Kindly's phrase-by-phrase synthesis, gaps,
#    caching and sentence timing over the bare tool).
#
#   bench/voice-bench.sh            (needs a build in build/; installs the flite and espeak-ng CLIs and bc if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
kindly=$PWD/build/kindly
[ -x "$kindly" ] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 1; }
need=()
command -v flite >/dev/null || need+=(flite)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=(); [ "$(id -u)" -ne 0 ] && sudo_=(sudo)
  "${sudo_[@]}" apt-get install -y -qq "${need[@]}" > /dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The synthesis speed is measured with a copy of the program that has none of the bundled
# speech made ahead beside it (it would serve the default session's words without synthesis);
# the first sound with the build as a listener gets it.
mkdir -p "$work/bare"
cp "$kindly" "$(dirname "$kindly")/kindly-data-dir.txt" "$work/bare/"
bare=$work/bare/kindly
source_script=scripts/self-compassion-break.toml
# Every `say` of the session, one per line (the bundled scripts write them as plain strings).
sed -n 's/^say = "\(.*\)"$/\1/p' "$source_script" > "$work/words.txt"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

printf '%-10s %14s %14s %12s %12s %10s\n' engine "first sound s" "speech s" "kindly x" "tool x" ratio
for engine in flite espeak-ng festival; do
  dir=$work/$engine
  mkdir -p "$dir"
  # The default session with this engine (a [voice] table after its steps is still top level).
  sed "s/^engine = \".*\"/engine = \"$engine\"/" "$source_script" > "$dir/session.toml"
  grep -q "^engine = \"$engine\"" "$dir/session.toml" || printf '\n[voice]\nengine = "%s"\n' "$engine" >> "$dir/session.toml"

  # Cold cache: time until the player prints its first caption (it starts sounding then).
  export XDG_CACHE_HOME=$dir/cache-play
  start=$(now)
  first=""
  while IFS= read -r line; do
    case "$line" in 0:00*) first=$(now); break ;; esac
  done < <(timeout 300 "$kindly" play --silent "$dir/session.toml" 2>/dev/null)
  pkill -f "kindly play --silent $dir/session.toml" 2>/dev/null || true
  to_first=$(elapsed "$start" "${first:-$start}")

  # Cold cache: synthesize everything; how much speech that made.
  export XDG_CACHE_HOME=$dir/cache-check
  start=$(now)
  "$bare" check "$dir/session.toml" > /dev/null 2>&1
  synth=$(elapsed "$start" "$(now)")
  speech=$("$bare" timeline "$dir/session.toml" | sed -n 's/.* voice \([0-9.]*\)s (synthesized).*/\1/p' | paste -sd+ | bc -l)

  # The engine's own tool, the same words, one run per step.
  start=$(now)
  while IFS= read -r words; do
    case "$engine" in
      flite) flite -voice slt -t "$words" -o "$dir/tool.wav" ;;
      espeak-ng) espeak-ng -s 145 -w "$dir/tool.wav" "$words" ;;
      festival) printf '%s\n' "$words" | text2wave -eval '(voice_cmu_us_slt_arctic_hts)' -o "$dir/tool.wav" ;;
    esac
  done < "$work/words.txt"
  tool=$(elapsed "$start" "$(now)")

  printf '%-10s %14.2f %14.1f %12.1f %12.1f %10.2f\n' "$engine" "$to_first" "$speech" \
    "$(echo "$speech / $synth" | bc -l)" "$(echo "$speech / $tool" | bc -l)" "$(echo "$synth / $tool" | bc -l)"
done
echo "(kindly x / tool x: seconds of speech per second of synthesis; ratio: Kindly's time over the tool's)"
