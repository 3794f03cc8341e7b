#!/usr/bin/env bash
# The kiosk for an hour: sessions back to back in the real kiosk window (SDL's offscreen
# driver), each chosen from the home screen, played to its end on a silent clock at real-time
# speed, and back home; resident memory after every session must not grow (the peak over the
# last 20 sessions within 5% of the peak over the first 20). Prints the memory curve.
#
#   bench/kiosk-soak.sh [MINUTES]     (default 60; needs a build in build/)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-60}
# The soak's session lasts about 8 s at real-time speed.
sessions=$((minutes * 60 / 8))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
XDG_CACHE_HOME=$work/cache SOAKSPEED=1 SOAKSESSIONS=$sessions build/tests/kindly_tests "[soak]" -s > "$work/out.txt" 2>&1 || {
  cat "$work/out.txt"; exit 1; }
end=$(date +%s)
echo "kiosk soak: $sessions sessions in $(((end - start) / 60)) min $(((end - start) % 60)) s, real-time speed"
grep -A6 "kiosk soak:" "$work/out.txt" | sed -n '1,8p' | sed 's/^ *//' | tr '\n' ' ' | sed 's/  */ /g'; echo
grep -E "All tests passed|FAILED" "$work/out.txt"
