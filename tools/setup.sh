#!/usr/bin/env bash
# Installs the Debian packages corolint needs (only the missing ones), then
# configures and builds it in build/ (reused across runs; ccache when present).
#
#   COROLINT_BUILD_DIR   build directory (default: build/ at the repository root)
#   COROLINT_JOBS        parallel build jobs (default: the number of cores)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${COROLINT_BUILD_DIR:-$root/build}
jobs=${COROLINT_JOBS:-$(nproc)}

packages=(
  cmake ninja-build python3 ccache g++ patch
  clang-19 clang-tidy-19 libclang-19-dev llvm-19-dev llvm-19-tools libclang-rt-19-dev
  libgtest-dev libgmock-dev libbenchmark-dev libasio-dev
  clangd-19 pre-commit git
  libasio-doc libboost-dev
  neovim dpkg-dev file lintian
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f $build/build.ninja ]]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
cmake --build "$build" -j "$jobs"
