#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, with ASan and UBSan) and runs each for SECONDS (default
# 60) from its committed seed corpus (tests/fuzz/corpus/TARGET). Fails on any crash, leak,
# hang (a run over 10 s) or input using over 2 GB. Longer runs: tools/fuzz.sh 3600.
# New inputs go to build-fuzz/corpus/TARGET (kept between runs; it starts from the grown corpus
# in tests/fuzz/grown/TARGET.tar.gz), findings to build-fuzz/findings/. To grow that archive
# after a long run: fuzz_TARGET -merge=1 NEW_DIR tests/fuzz/corpus/TARGET build-fuzz/corpus/TARGET,
# then tar it as TARGET/ (see the README's "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

tools/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKINDLY_FUZZ=ON -DKINDLY_BUILD_TESTS=OFF > /dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target fuzz_script fuzz_kiosk fuzz_audio

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
# clang's sanitizers name frames with llvm-symbolizer (the `llvm` package); tests/lsan.supp
# also matches by library, so a leak it lists is suppressed even where frames have no names.
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
if [ -n "$symbolizer" ]; then export ASAN_SYMBOLIZER_PATH=$symbolizer; else echo "fuzz: no llvm-symbolizer: frames are unnamed"; fi
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p build-fuzz/findings
status=0
for target in script kiosk audio; do
  mkdir -p "build-fuzz/corpus/$target"
  # The corpus grown by earlier long runs (merged to its smallest covering set), so a short run
  # starts where they ended rather than from the seeds.
  tar -xzf "tests/fuzz/grown/$target.tar.gz" -C build-fuzz/corpus --skip-old-files
  echo "== fuzz_$target for ${seconds}s"
  if ! build-fuzz/tests/fuzz/fuzz_$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="build-fuzz/findings/$target-" "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target" \
       > "build-fuzz/findings/$target.log" 2>&1; then
    echo "fuzz_$target FAILED:"; tail -40 "build-fuzz/findings/$target.log"; status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "build-fuzz/findings/$target.log" | sed 's/^/  /'
  fi
done
exit $status
