#!/usr/bin/env bash
# `kindly play` opens its window on a display: starts Xvfb, plays a short session silently,
# finds the window by its title, stops the player with SIGINT as a desktop would, and checks
# that it ended cleanly and remembered the step; and that the window's class (WM_CLASS) is the
# desktop entry's id, so a dock shows Kindly's icon for it.
#   window_under_xvfb.sh KINDLY_BINARY WORK_DIR APP_ID
set -euo pipefail
kindly=$1
work=$2
app_id=$3
rm -rf "$work" && mkdir -p "$work"
cat > "$work/s.toml" <<'TOML'
kindly = 1
[session]
title = "Window Under Xvfb"
[[step]]
id = "only"
pause = "30s"
caption = "Rest here."
TOML
# Xvfb picks a free display number and writes it to fd 3.
exec 3> "$work/display"
Xvfb -displayfd 3 -screen 0 1024x700x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2> /dev/null && wait $xvfb 2> /dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"
# ... and answers a moment later (Kindly also tries again for a second and a half).
for _ in $(seq 50); do xwininfo -root > /dev/null 2>&1 && break; sleep 0.1; done
export HOME=$work XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data
"$kindly" play --silent "$work/s.toml" > "$work/out" 2> "$work/err" &
player=$!
found=""
for _ in $(seq 300); do  # up to 30 s: a loaded machine (the soak runs beside it) starts slowly
  if xwininfo -root -tree | grep -q '"Window Under Xvfb'; then found=yes; break; fi
  sleep 0.1
done
if [ -z "$found" ]; then
  echo "no window titled 'Window Under Xvfb' appeared" >&2
  xwininfo -root -tree >&2 || true
  cat "$work/err" >&2
  exit 1
fi
window=$(xwininfo -root -tree | grep '"Window Under Xvfb' | head -n 1 | awk '{print $1}')
class=$(xprop -id "$window" WM_CLASS)
case "$class" in
  *"\"$app_id\""*) ;;
  *) echo "the window's class is not $app_id: $class" >&2; exit 1 ;;
esac
sleep 1
kill -INT "$player"
status=0
wait "$player" || status=$?
if [ "$status" -ne 0 ]; then
  echo "kindly play exited with $status" >&2
  cat "$work/err" >&2
  exit 1
fi
grep -q "^only	" "$work/state/kindly/resume.tsv" || { echo "the step was not remembered" >&2; exit 1; }
# In the window, nothing goes to the terminal but the note about sound.
if grep -q "Rest here" "$work/out"; then echo "captions went to the terminal" >&2; exit 1; fi
echo "window found on $DISPLAY, class $app_id; stopped cleanly; step remembered"
