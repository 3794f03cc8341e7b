#!/usr/bin/env bash
# Static analysis, clean or failing: cppcheck (warnings, performance, portability) and
# clang-tidy with the checks chosen in .clang-tidy (bugprone, performance, concurrency and
# some modernize), over src/ with the main build's compile commands. A finding that is not a
# bug is silenced where it stands, with the reason (NOLINT / cppcheck-suppress).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > /dev/null

echo "== cppcheck"
cppcheck --enable=warning,performance,portability --std=c++20 --inline-suppr --quiet --error-exitcode=1 \
  -I src --suppress=missingIncludeSystem src

echo "== clang-tidy ($(ls src/*/*.cpp | wc -l) files)"
ls src/*/*.cpp | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet 2> /dev/null > build/clang-tidy.txt || true
if grep -E "(warning|error):" build/clang-tidy.txt; then
  echo "clang-tidy: findings above"
  exit 1
fi
echo "clean"
