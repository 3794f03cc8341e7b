#!/usr/bin/env bash
# Installs the Debian 12 packages Kindly needs to build and test, and nothing when they are
# all present already. Run as root, or as a user who may use sudo.
set -euo pipefail

packages=(
  # toolchain
  g++ make cmake pkg-config ccache
  # libraries (each found through its CMake config or pkg-config; flite by its headers)
  libtomlplusplus-dev   # toml++: reads session scripts
  libcli11-dev          # CLI11: the command line
  libsndfile1-dev       # libsndfile: audio file headers and decoding; MP3 (LAME) and Opus renders
  libtag1-dev           # TagLib: a render's tags and chapters (ID3v2 CHAP/CTOC, Vorbis comments)
  flite1-dev            # flite: synthesized narration (the default voice)
  libespeak-ng-dev      # eSpeak NG: synthesized narration in about 100 languages
  festival festvox-us-slt-hts  # Festival and its HTS voice (run as a program: [voice] engine = "festival")
  libsoxr-dev           # libsoxr: resampling to the output rate
  libebur128-dev        # libebur128: EBU R128 loudness of voice clips
  portaudio19-dev       # PortAudio: live playback
  libsdl2-dev           # SDL2: the window
  libsdl2-ttf-dev       # SDL2_ttf: its text
  libfontconfig-dev     # fontconfig: finds the font at run time
  fonts-dejavu-core     # the font (DejaVu Sans)
  libpng-dev            # libpng: screenshots
  libsqlite3-dev        # SQLite: the kiosk's usage log
  libssl-dev            # OpenSSL's libcrypto: the kiosk PIN's hash (PBKDF2-HMAC-SHA256)
  catch2                # Catch2 v2.13: the test suite
  gettext               # GNU gettext's tools: xgettext (po/kindly.pot), msgfmt (the catalogues), msgmerge
  # for the live-playback tests: a real-time paced dummy sound device
  jackd2                # jackd -d dummy
  libasound2-plugins    # ALSA's jack plugin (ALSA's file plugin captures what is played)
  # for the window's end-to-end test: a virtual X display
  xvfb                  # Xvfb
  x11-utils             # xwininfo: finds the window
  x11-xserver-utils     # xrandr: the kiosk's screen tests (a resolution change, two screens)
  xserver-xorg-core xserver-xorg-video-dummy  # Xorg's dummy driver: two screens side by side (Xvfb has one output)
  libxml2-utils         # xmllint: the timeline's SVG is well-formed XML
  # for tests that choose the time of day a program reads, and tools/clock-check.sh
  faketime libfaketime  # libfaketime: the suite at given moments (breaks, midnight, daylight saving)
  stress-ng             # tools/clock-check.sh: the suite with the other core kept busy
  # for the fuzzers (tools/fuzz.sh): clang with libFuzzer and its sanitizers
  clang libclang-rt-14-dev
  llvm                  # llvm-symbolizer: names the frames of sanitizer reports (ASAN_SYMBOLIZER_PATH)
  # for the static analysis (tools/analyse.sh)
  clang-tidy cppcheck
  # the manual pages, and the Debian package (tools/package.sh) and its checks
  scdoc                 # kindly(1) and kindly-script(5) from docs/man/*.scd
  dpkg-dev              # dpkg-shlibdeps, dpkg-buildflags: the package's dependencies and flags
  lintian               # the package's checks
  desktop-file-utils    # desktop-file-validate
  appstream             # appstreamcli validate
  systemd               # systemd-analyze verify: the kiosk unit
)

# Node.js's npm fetches Taplo (@taplo/cli) for the schema test, unless an npm is there already.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  # "install ok installed" is dpkg's word for a package that is fully there.
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root (sudo is not installed)" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
