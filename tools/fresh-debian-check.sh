#!/usr/bin/env bash
# Runs the README's two quick-start commands on a fresh, minimal Debian 12, as a newcomer
# would: debootstrap --variant=minbase bookworm into a folder, a clean copy of this
# repository's HEAD and of ../shared beside it, then, as root inside the chroot,
# `tools/quickstart.sh` (installs, builds, checks and plays the default session: silently
# there, as the chroot has no sound device) and `tools/test.sh` (the whole suite). Prints each
# command's exit status and time. Run it before a release:
#
#   sudo tools/fresh-debian-check.sh [DIR]      (default /var/tmp/kindly-bookworm; reused when it exists)
#
# It uses the Debian mirror this machine's apt already uses.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
root=${1:-/var/tmp/kindly-bookworm}
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian-check: run as root (debootstrap and chroot need it)" >&2; exit 2; }

command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap > /dev/null; }
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && sources+=("$f")
done
mirror=$( (cat "${sources[@]}" 2>/dev/null || true) | grep -E '^[[:space:]]*(deb|URIs:)[[:space:]]' |
          grep -oE 'https?://[^[:space:]]+' | grep -v -- '-security' | head -n 1 || true)
[ -n "$mirror" ] || { echo "fresh-debian-check: no Debian mirror found in /etc/apt/sources.list*" >&2; exit 2; }
if [ ! -x "$root/bin/bash" ]; then
  echo "== debootstrap --variant=minbase bookworm $root ($mirror)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
    { tail -n 20 "$root.debootstrap.log"; exit 1; }
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# A clean copy of what is committed (as CI's clone), and shared/ beside it, read-only.
rm -rf "$root/work"
mkdir -p "$root/work/main"
git -C "$repo" archive HEAD | tar -x -C "$root/work/main"
cp -r "$repo/../shared" "$root/work/shared"
chmod -R a-w "$root/work/shared"

mounted=()
cleanup() { for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done; }
trap cleanup EXIT
for m in proc sys dev dev/pts; do
  mountpoint -q "$root/$m" || { mount --bind "/$m" "$root/$m"; mounted+=("$root/$m"); }
done

run() {
  local name=$1; shift
  local start end status=0
  start=$(date +%s)
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb bash -c "cd /work/main && $*" < /dev/null > "$root.$name.log" 2>&1 || status=$?
  end=$(date +%s)
  echo "$name: exit status $status in $((end - start)) s (log: $root.$name.log)"
  tail -n 3 "$root.$name.log"
  return 0
}
run quickstart tools/quickstart.sh
run test tools/test.sh
