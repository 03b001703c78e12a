#!/usr/bin/env bash
# Builds the corort vs asio benchmarks (Release) and prints corort/asio time
# ratios (< 1 means corort is faster).
#   runtime/bench/run.sh [extra benchmark flags, e.g. --benchmark_min_time=0.2]
# Environment: BUILD_DIR (default /tmp/corort-bench), CXX (default clang++-19).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${BUILD_DIR:-/tmp/corort-bench}"
cxx="${CXX:-clang++-19}"

cmake -S "$here/.." -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
  -DCORORT_BUILD_BENCH=ON -DCORORT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target corort-bench -j2 >/dev/null

csv="$build/bench.csv"
"$build/bench/corort-bench" --benchmark_format=csv "$@" 2>/dev/null | grep '^"BM_' >"$csv"
"$build/bench/corort-bench" --benchmark_list_tests >/dev/null  # fail loudly if the binary is broken

# CSV columns: name,iterations,real_time,cpu_time,time_unit,...
awk -F, '
  function ns(t, unit) { return unit == "ms" ? t * 1e6 : unit == "us" ? t * 1e3 : t }
  {
    gsub(/"/, "", $1)
    split($1, parts, "_")                     # BM, runtime, case...
    rt = parts[2]; name = substr($1, length("BM_" rt "_") + 1)
    t[rt, name] = ns($3, $5); unit[rt, name] = $5; cases[name] = 1
    printf "%-8s %-12s %12.1f ns\n", rt, name, t[rt, name]
  }
  END {
    print ""
    printf "%-12s %12s\n", "case", "corort/asio"
    for (c in cases)
      if ((("corort", c) in t) && (("asio", c) in t))
        printf "%-12s %12.2f\n", c, t["corort", c] / t["asio", c]
  }' "$csv"
