#!/usr/bin/env bash
# Renders Kindly's icon (packaging/icons/io.github.kindly.Kindly.svg) to the PNG sizes desktop
# menus and docks use, into packaging/icons/<N>x<N>/, which are committed (the build needs no SVG
# renderer). Run it after changing the SVG; it needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../packaging/icons"
command -v rsvg-convert > /dev/null || { echo "make-icons: needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 2; }
id=io.github.kindly.Kindly
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "${size}x${size}"
  rsvg-convert -w "$size" -h "$size" "$id.svg" -o "${size}x${size}/$id.png"
done
echo "make-icons: wrote $(ls -d ./*x*/ | wc -l) sizes"
