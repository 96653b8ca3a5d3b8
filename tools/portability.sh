#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The test suite in two more builds (warnings as errors, benchmarks off):
#   simd_off   -DFTPREPLY_SIMD=OFF: the portable kernel only, as on a CPU
#              family with no SIMD kernel;
#   x86-64-v3  -march=x86-64-v3 for everything (needs an AVX2 CPU to run).
# Cross-compiled CPUs are tools/cross_check.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
run() {  # NAME CMAKE-ARGS...
  local name=$1; shift
  echo "-- $name"
  cmake -S . -B "build/$name" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFTPREPLY_WERROR=ON \
    -DFTPREPLY_BENCH=OFF "$@" >/dev/null
  cmake --build "build/$name" -j "$jobs" >/dev/null
  ctest --test-dir "build/$name" -j "$jobs" --output-on-failure | tail -3
}
run simd_off -DFTPREPLY_SIMD=OFF
# The SIMD-off build must really have only the portable kernel.
kernels=$(build/simd_off/tests/ftpreply_tests --gtest_filter=none | grep '^kernels under test')
[ "$kernels" = "kernels under test: scalar (best: scalar)" ] ||
  { echo "portability: the SIMD-off build has: $kernels" >&2; exit 1; }
echo "simd_off: $kernels"
run x86-64-v3 -DCMAKE_CXX_FLAGS=-march=x86-64-v3
