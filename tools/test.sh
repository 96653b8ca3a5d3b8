#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up and runs every test:
#  1. the release build with warnings as errors, and its whole ctest suite
#     (unit, conformance, property, CLI, gate, fuzz-corpus replay, benchmark
#     smoke run);
#     then the instructions per byte of every kernel valgrind runs, against
#     the committed baseline (tools/instructions.sh);
#  2. hostile input at scale (1 GiB streams in bounded memory);
#  3. the same test suite built with ASan + UBSan;
#  4. every libFuzzer target for FTPREPLY_FUZZ_SECONDS (default 60) each;
#  5. the NEON kernel (AArch64) and the big-endian scalar kernel (s390x),
#     cross-compiled and run under qemu;
#  6. the kernel's line and branch coverage (clang source-based) from the
#     test suite, at least 95% and 90%.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)

echo "== 1. release build (-Werror) and tests"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DFTPREPLY_WERROR=ON >/dev/null
cmake --build build/release -j "$jobs"
ctest --test-dir build/release --output-on-failure -j "$jobs"
# The amalgamation (built and smoke-tested by ctest with GCC) also compiles
# alone with clang.
clang++-14 -std=c++17 -O2 -Wall -Wextra -Werror -c build/release/tests/amalgamation/ftpreply.cpp \
  -o build/release/tests/amalgamation/ftpreply_clang.o
echo "amalgamation: compiles alone with clang++-14 -Werror"
bash tools/instructions.sh build/release

echo "== 2. hostile input at scale"
bash tools/hostile_scale.sh build/release/tools/ftpreply 1G

echo "== 3. ASan + UBSan build and tests"
cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFTPREPLY_SANITIZE=ON -DFTPREPLY_WERROR=ON >/dev/null
cmake --build build/sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize --output-on-failure -j "$jobs"

echo "== 4. libFuzzer targets"
bash tools/fuzz.sh "${FTPREPLY_FUZZ_SECONDS:-60}"

echo "== 5. AArch64 (NEON) and s390x (big-endian) under qemu"
bash tools/cross_check.sh

echo "== 6. kernel coverage"
bash tools/coverage.sh
