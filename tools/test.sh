#!/usr/bin/env bash
# Sets up and runs every test: the release build with warnings as errors and
# its whole ctest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)

echo "== release build (-Werror) and tests"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DFTPREPLY_WERROR=ON >/dev/null
cmake --build build/release -j "$jobs"
ctest --test-dir build/release --output-on-failure -j "$jobs"
