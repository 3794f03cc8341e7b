#!/usr/bin/env bash
# The Debian package as a distribution would check it: CPack makes the .deb from this build,
# then lintian (no errors; the warnings kept are listed below, each with its reason),
# desktop-file-validate, appstreamcli validate --no-net and systemd-analyze verify must pass,
# the package must hold what a system looks for (program, data, man pages, desktop entry,
# icons, metainfo, completion, unit, config, copyright, changelog), and depend on no compiler
# and no -dev package. Skipped (77) where the Debian tools are not installed.
#   package_check.sh BUILD_DIR APP_ID
set -euo pipefail
build=$(realpath "$1")
app_id=$2
for tool in scdoc cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli systemd-analyze; do
  command -v "$tool" > /dev/null || { echo "skipped: $tool is not installed (tools/install-deps.sh)"; exit 77; }
done
work=$build/test-package
rm -rf "$work" && mkdir -p "$work"
(cd "$build" && cpack -G DEB -B "$work" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$work"/kindly_*.deb)
problems=0
problem() { echo "$*" >&2; problems=$((problems + 1)); }

# Warnings kept, with their reasons:
#  initial-upload-closes-no-bugs: Kindly is not (yet) uploaded to Debian, so there is no ITP bug.
lintian --suppress-tags initial-upload-closes-no-bugs "$deb" > "$work/lintian.txt" 2>&1 || true
grep -E '^[EW]: ' "$work/lintian.txt" && problem "lintian reports the errors or warnings above"

root=$work/root
dpkg-deb -x "$deb" "$root"
for path in usr/bin/kindly usr/share/kindly/scripts/self-compassion-break.toml usr/share/kindly/audio/ambient/rain.ogg \
            usr/share/man/man1/kindly.1.gz usr/share/man/man5/kindly-script.5.gz \
            "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml" \
            "usr/share/icons/hicolor/scalable/apps/$app_id.svg" "usr/share/icons/hicolor/48x48/apps/$app_id.png" \
            "usr/share/icons/hicolor/256x256/apps/$app_id.png" usr/share/bash-completion/completions/kindly \
            lib/systemd/system/kindly-kiosk.service usr/lib/sysusers.d/kindly.conf etc/kindly/kiosk.toml \
            usr/share/doc/kindly/copyright usr/share/doc/kindly/changelog.Debian.gz \
            usr/share/locale/de/LC_MESSAGES/kindly.mo usr/share/locale/fr/LC_MESSAGES/kindly.mo \
            usr/share/locale/es/LC_MESSAGES/kindly.mo usr/share/kindly/scripts/self-compassion-break.de.toml \
            usr/share/kindly/scripts/loving-kindness.fr.toml usr/share/kindly/scripts/soothing-rhythm-breathing.es.toml \
            usr/share/kindly/scripts/templates/new.de.toml; do
  [ -s "$root/$path" ] || problem "the package has no /$path"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/kindly/kiosk.toml || problem "/etc/kindly/kiosk.toml is not a conffile"
# The packaged kiosk config has no PIN anyone could read here: `kiosk --check` asks for one.
grep -q '^pin_hash' "$root/etc/kindly/kiosk.toml" && problem "the packaged kiosk.toml ships a PIN"

depends=$(dpkg-deb -f "$deb" Depends Recommends Pre-Depends)
if echo "$depends" | tr ',' '\n' | grep -E -- '-dev\b|\b(gcc|g\+\+|clang|cpp|make|cmake|catch2)\b'; then
  problem "the package depends on a compiler or a -dev package (above)"
fi
for needed in libsdl2-2.0-0 libsndfile1 fonts-dejavu-core festvox-us-slt-hts; do
  echo "$depends" | grep -q "$needed" || problem "the package does not depend on $needed"
done

desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || problem "desktop-file-validate failed"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" > "$work/appstream.txt" 2>&1 ||
  { cat "$work/appstream.txt" >&2; problem "appstreamcli validate failed"; }
grep -q "<release version=\"$(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
  problem "the metainfo's release is not the package's version"

# systemd-analyze checks the unit against the package's files, with this system's own units
# (the targets it orders itself after) beside it; Cage (the compositor the unit runs, a
# Suggests) is not installed here, so an empty stand-in marks where it would be.
cp -an /lib/systemd/system/. "$root/lib/systemd/system/"
touch "$root/usr/bin/cage" && chmod +x "$root/usr/bin/cage"
SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --root="$root" --man=no \
  "$root/lib/systemd/system/kindly-kiosk.service" > "$work/verify.txt" 2>&1 || problem "systemd-analyze verify failed"
# It only warns about a value it cannot parse: any word from it is a problem.
[ -s "$work/verify.txt" ] && { cat "$work/verify.txt" >&2; problem "systemd-analyze verify found the problems above"; }

if [ "$problems" -ne 0 ]; then echo "$problems problems in $deb" >&2; exit 1; fi
echo "$deb: $(du -h "$deb" | cut -f1), lintian clean (kept: initial-upload-closes-no-bugs), desktop entry, metainfo and unit valid"
