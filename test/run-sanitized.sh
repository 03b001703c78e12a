#!/usr/bin/env bash
# The sanitized part of the test suite, against a build of corolint, its
# plugin and the fuzz target with ASan and UBSan in SANITIZED_DIR (reused
# across runs).
#   run-sanitized.sh build SOURCE_DIR SANITIZED_DIR   configure and build it
#   run-sanitized.sh lit   SOURCE_DIR SANITIZED_DIR   the whole lit suite on it
#   run-sanitized.sh fuzz  SOURCE_DIR SANITIZED_DIR   a bounded libFuzzer run
# Any sanitizer report fails the step.
set -euo pipefail
mode=$1
source_dir=$2
build=$3
jobs=${COROLINT_JOBS:-$(nproc)}

case $mode in
build)
  if [[ ! -f $build/build.ninja ]]; then
    cmake -S "$source_dir" -B "$build" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-19 \
      -DCOROLINT_SANITIZE=ON -DCOROLINT_BUILD_RUNTIME=OFF >/dev/null
  fi
  exec cmake --build "$build" -j "$jobs" --target corolint corolintPlugin corolint-fuzzer
  ;;
lit)
  suites=()
  for dir in checks tools invalid lint sweep integrations fuzz; do
    [[ -d $source_dir/test/$dir ]] && suites+=("$build/test/$dir")
  done
  exec python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv -j "$jobs" "${suites[@]}"
  ;;
fuzz)
  # Seeds: every check test, the invalid-code set, the fuzz regressions
  # and the runtime examples. New inputs go to a scratch corpus; a crash
  # input is kept in $build/fuzz-artifacts for test/fuzz/regressions.
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
  cp "$source_dir"/test/checks/*.cpp "$source_dir"/test/invalid/*.cpp \
     "$source_dir"/test/fuzz/regressions/*.cpp "$source_dir"/runtime/examples/*.cpp "$corpus"/
  mkdir -p "$build/fuzz-artifacts"
  asan_runtime=$(clang++-19 -print-file-name=libclang_rt.asan-x86_64.so)
  log="$build/fuzz-artifacts/last-run.log"
  status=0
  LD_PRELOAD=$asan_runtime ASAN_OPTIONS=detect_leaks=0:detect_odr_violation=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/bin/corolint-fuzzer" -max_total_time="${COROLINT_FUZZ_SECONDS:-60}" \
    -timeout=60 -rss_limit_mb=8192 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/" "$corpus" >"$log" 2>&1 || status=$?
  # The progress lines are many; the rest (and any report) is shown.
  grep -v -E '^#[0-9]+' "$log" || true
  if ((status != 0)); then
    echo "fuzz: failure (exit $status); the input is in $build/fuzz-artifacts: add it to test/fuzz/regressions" >&2
  fi
  exit "$status"
  ;;
*)
  echo "usage: run-sanitized.sh build|lit|fuzz SOURCE_DIR SANITIZED_DIR" >&2
  exit 2
  ;;
esac
