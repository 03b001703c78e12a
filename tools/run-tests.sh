#!/usr/bin/env bash
# The whole test suite: set up and build, then run every test through ctest
# (lit check tests, driver tests, unit tests, runtime tests). Ends with
# ctest's summary.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${COROLINT_BUILD_DIR:-$root/build}
"$root/tools/setup.sh"
cd "$build"
exec ctest --output-on-failure -j "${COROLINT_JOBS:-$(nproc)}"
