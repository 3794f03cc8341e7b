#!/usr/bin/env bash
# Installs Kindly's .deb into a fresh, minimal Debian 12 (debootstrap --variant=minbase, kept
# pristine as a tarball and unpacked anew each run), as an administrator would, and checks what
# a user and a kiosk operator rely on. Prints the figures: package size, installed size, install
# time, and the packages the install pulled in. Run as root:
#
#   sudo tools/package-install-check.sh [PATH/TO/kindly_*.deb]     (default: tools/package.sh's)
#
# What it checks, in order: `apt-get install ./kindly_*.deb` pulls in no compiler and no -dev
# package; `kindly --version`; `kindly check` of every bundled script; `kindly render` of the
# default session (MP3, with chapters); `man kindly` and `man 5 kindly-script`; the desktop
# entry and icons where menus look; the window opening under Xvfb on the library (its class is
# the desktop entry's id; a screenshot is kept); the kiosk unit (systemd-analyze verify, enable
# and disable, its config check as the kiosk user, first refusing the PIN-less packaged config);
# `apt-get remove` leaving nothing but the conffile, and `apt-get purge` nothing at all.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ "$(id -u)" -eq 0 ] || { echo "package-install-check: run as root (debootstrap and chroot need it)" >&2; exit 2; }
deb=${1:-$(ls -t "$repo"/build-package/kindly_*.deb 2> /dev/null | head -n 1 || true)}
[ -f "$deb" ] || { echo "package-install-check: no .deb given and none in build-package/ (run tools/package.sh)" >&2; exit 2; }
deb=$(realpath "$deb")

base=/var/tmp/kindly-bookworm-minbase.tar
root=/var/tmp/kindly-package-check
command -v debootstrap > /dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap > /dev/null; }
if [ ! -s "$base" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2> /dev/null |
           grep -E '^[[:space:]]*(deb|URIs:)[[:space:]]' | grep -oE 'https?://[^[:space:]]+' | grep -v -- '-security' | head -n 1)
  echo "== debootstrap --variant=minbase bookworm ($mirror), kept as $base"
  rm -rf "$base.d" && mkdir -p "$base.d"
  debootstrap --variant=minbase bookworm "$base.d" "$mirror" > "$base.log" 2>&1 || { tail -n 20 "$base.log"; exit 1; }
  tar -C "$base.d" -cf "$base" . && rm -rf "$base.d"
fi
mounted=()
cleanup() { for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2> /dev/null || true; done; }
trap cleanup EXIT
rm -rf "$root" && mkdir -p "$root" && tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for m in proc sys dev dev/pts; do mount --bind "/$m" "$root/$m"; mounted+=("$root/$m"); done
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                   LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive bash -c "$*"; }
failures=0
check() {  # check NAME COMMAND...: runs COMMAND in the chroot, says passed or FAILED
  local name=$1; shift
  if in_root "$@" > "$root.$name.log" 2>&1; then echo "ok: $name"; else echo "FAILED: $name (log: $root.$name.log)"; tail -n 5 "$root.$name.log"; failures=$((failures + 1)); fi
}

in_root "apt-get update -qq" > /dev/null
before=$(in_root "dpkg-query -W -f='\${Package}\n'" | sort)
disk() { in_root "du -sk -x / 2> /dev/null" | cut -f1; }
disk_before=$(disk)
start=$(date +%s.%N)
in_root "apt-get install -y -q /tmp/$(basename "$deb")" > "$root.install.log" 2>&1 || { tail -n 20 "$root.install.log"; exit 1; }
end=$(date +%s.%N)
after=$(in_root "dpkg-query -W -f='\${Package}\n'" | sort)
pulled=$(comm -13 <(echo "$before") <(echo "$after") | grep -vx kindly || true)
echo "== figures"
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB; Installed-Size: $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "install time (apt-get install, downloads included): $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
echo "pulled in: $(echo "$pulled" | wc -l) packages; the disk holds $(( ($(disk) - disk_before) / 1024 )) MiB more (Kindly and all of them)"
echo "$pulled" | paste -sd' ' | fold -s -w 110 | sed 's/^/  /'
bad=$(echo "$pulled" | grep -E -- '-dev$|^(gcc|g\+\+|cpp|clang|make|cmake|binutils)(-[0-9.]+)?$' || true)
if [ -n "$bad" ]; then echo "FAILED: a compiler or -dev package was pulled in: $bad"; failures=$((failures + 1)); else echo "ok: no compiler, no -dev package"; fi

echo "== the program"
check version "kindly --version | grep -qx 'kindly $(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')'"
# The speech made ahead serves them: nothing is synthesized ("N synthesized (cached)").
check check-bundled "kindly check /usr/share/kindly/scripts/*.toml > /tmp/check.txt && cat /tmp/check.txt && ! grep -q ' new)' /tmp/check.txt"
check render "cd /tmp && kindly render /usr/share/kindly/scripts/self-compassion-break.toml -o /tmp/break.mp3 --captions /tmp/break.vtt && test -s /tmp/break.mp3 && grep -q -- '-->' /tmp/break.vtt"
check desktop-and-icons "test -s /usr/share/applications/io.github.kindly.Kindly.desktop && test -s /usr/share/icons/hicolor/scalable/apps/io.github.kindly.Kindly.svg && test -s /usr/share/icons/hicolor/48x48/apps/io.github.kindly.Kindly.png && test -s /usr/share/metainfo/io.github.kindly.Kindly.metainfo.xml"
# Tools the checks need that a user's system has anyway (not counted above).
in_root "apt-get install -y -q man-db xvfb x11-utils x11-apps netpbm systemd cage" > "$root.tools.log" 2>&1 || { tail -n 20 "$root.tools.log"; exit 1; }
check man "man -P cat kindly | grep -q 'kindly - a guided self-compassion meditation player' && man -P cat 5 kindly-script | grep -q 'TABLES AND KEYS'"
cat > "$root/tmp/window.sh" <<'SH'
set -euo pipefail
exec 3> /tmp/display
Xvfb -displayfd 3 -screen 0 1024x700x24 -nolisten tcp > /tmp/xvfb.log 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s /tmp/display ] && break; sleep 0.1; done
export DISPLAY=":$(cat /tmp/display)"
mkdir -p /tmp/user
HOME=/tmp/user kindly --silent > /tmp/window.log 2>&1 &
kindly=$!
for _ in $(seq 300); do xwininfo -root -tree | grep -q '"Kindly"' && break; sleep 0.1; done
window=$(xwininfo -root -tree | grep '"Kindly"' | head -n 1 | awk '{print $1}')
test -n "$window"
xprop -id "$window" WM_CLASS | grep -q '"io.github.kindly.Kindly"'
sleep 3  # the library's scan and first frame
xwd -silent -id "$window" | xwdtopnm 2> /dev/null | pnmtopng > /tmp/library.png
kill "$kindly" && wait "$kindly"
kill "$xvfb"
# Closed as a desktop closes it, it left no scratch folder of its speech engines behind.
! ls -d /tmp/kindly-speech-* 2> /dev/null
SH
check window "bash /tmp/window.sh"
[ -s "$root/tmp/library.png" ] && cp "$root/tmp/library.png" "$root.library.png" && echo "   the library window: $root.library.png"
check kiosk-unit "systemd-analyze verify /lib/systemd/system/kindly-kiosk.service && systemctl enable kindly-kiosk.service && systemctl is-enabled kindly-kiosk.service && systemctl disable kindly-kiosk.service && ! systemctl is-enabled kindly-kiosk.service"
# The kiosk's user exists once systemd-sysusers has run (the package runs it when systemd is
# installed first; here systemd came after, as on a system that gains it later).
check kiosk-user "systemd-sysusers kindly.conf && id kindly && id -nG kindly | grep -qw audio"
cat > "$root/tmp/kiosk-config.sh" <<'SH'
set -euo pipefail
config=/etc/kindly/kiosk.toml
# As packaged it has no exit PIN: the unit's first step refuses it, saying what is missing.
if runuser -u kindly -- kindly kiosk --check --config "$config" 2> /tmp/kc.txt; then exit 1; fi
grep -q pin_hash /tmp/kc.txt
# The administrator's step: a PIN's hash in [exit]; then the check passes as the kiosk's user.
line=$(echo 13579 | kindly kiosk --hash-pin)
grep -v '^# pin_hash = ' "$config" > /tmp/kiosk.toml && echo "$line" >> /tmp/kiosk.toml && cat /tmp/kiosk.toml > "$config"
runuser -u kindly -- kindly kiosk --check --config "$config"
SH
check kiosk-config "bash /tmp/kiosk-config.sh"

echo "== removal"
in_root "dpkg-query -L kindly" > "$root.files"
check remove "apt-get remove -y -q kindly"
left=$(while read -r f; do [ -e "$root$f" ] && [ ! -d "$root$f" ] && echo "$f"; done < "$root.files" || true)
if [ "$left" = "/etc/kindly/kiosk.toml" ] || [ -z "$left" ]; then echo "ok: remove left only the conffile (${left:-none}), as dpkg keeps conffiles until purge"
else echo "FAILED: remove left: $left"; failures=$((failures + 1)); fi
check purge "apt-get purge -y -q kindly && ! test -e /etc/kindly && ! test -e /var/lib/kindly && ! test -e /var/cache/kindly && ! test -e /usr/share/kindly && ! test -e /usr/bin/kindly"

echo "== $failures failed"
[ "$failures" -eq 0 ]
