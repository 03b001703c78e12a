#!/usr/bin/env bash
# Times corolint against the parse alone (clang++-19 -fsyntax-only) and
# upstream clang-tidy-19, and prints the ratios (see docs/performance.md).
# Sets up and builds first (tools/setup.sh: installs only what is missing,
# rebuilds only what changed), so the figures are those of the sources.
# Arguments go to run.py: --runs N, --inputs examples,runtime,asio,gen,
# --sizes, --check-profile, --help.
#
#   COROLINT_BUILD_DIR   build directory (default: build/ at the repository root)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${COROLINT_BUILD_DIR:-$root/build}
COROLINT_BUILD_DIR=$build "$root/tools/setup.sh" >&2
export COROLINT_BUILD_DIR=$build
exec python3 "$root/tools/bench/run.py" "$@"
