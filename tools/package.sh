#!/usr/bin/env bash
# Builds Kindly's Debian package from this checkout: a Release build with Debian's hardening
# flags (dpkg-buildflags) in build-package/, then CPack's DEB generator (dependencies found by
# dpkg-shlibdeps, binaries stripped). Prints the path of the .deb it made, last, on stdout.
#
#   tools/package.sh [BUILD_DIR]          (default build-package)
#   sudo apt-get install ./build-package/kindly_*.deb
#
# Needs what tools/install-deps.sh installs (it includes dpkg-dev and scdoc).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-package}
for tool in cmake cpack dpkg-buildflags dpkg-shlibdeps scdoc; do
  command -v "$tool" > /dev/null || { echo "package: $tool is missing: run tools/install-deps.sh" >&2; exit 2; }
done
# Debian's flags: -O2, stack protector, _FORTIFY_SOURCE, full RELRO and immediate binding.
export CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
export LDFLAGS="$(dpkg-buildflags --get LDFLAGS) -Wl,-z,now"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DKINDLY_BUILD_TESTS=OFF >&2
cmake --build "$build" --parallel "$(nproc)" --target kindly kindly-man kindly-changelog >&2
(cd "$build" && cpack -G DEB >&2)
deb=$(ls -t "$build"/kindly_*.deb | head -n 1)
echo "package: $(du -h "$deb" | cut -f1) $(dpkg-deb -f "$deb" Package Version | paste -sd' ')" >&2
realpath "$deb"
