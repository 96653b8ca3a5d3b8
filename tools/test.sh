#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up and runs every test:
#  1. the release build with warnings as errors, and its whole ctest suite
#     (unit, conformance, property, CLI, gate, fuzz-corpus replay, the
#     committed single header fresh, alone and conformant, benchmark smoke
#     run); then the instructions per byte of every kernel valgrind runs,
#     against the committed baseline (tools/instructions.sh);
#  2. vendoring: the kernel taken into a new project by every route of the
#     README (tools/consumers.sh), and Bazel offline (tools/bazel.sh);
#  3. the suite with the SIMD kernels compiled out and with -march=x86-64-v3
#     (tools/portability.sh);
#  4. hostile input at scale (1 GiB streams in bounded memory);
#  5. the same test suite built with ASan + UBSan;
#  6. every libFuzzer target for FTPREPLY_FUZZ_SECONDS (default 60) each;
#  7. the NEON kernel (AArch64) and the big-endian scalar kernel (s390x),
#     cross-compiled and run under qemu;
#  8. the kernel's line and branch coverage (clang source-based) from the
#     test suite, at least 95% and 90%.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)

echo "== 1. release build (-Werror) and tests"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DFTPREPLY_WERROR=ON >/dev/null
cmake --build build/release -j "$jobs"
ctest --test-dir build/release --output-on-failure -j "$jobs"
bash tools/instructions.sh build/release

echo "== 2. vendoring: install, pkg-config, add_subdirectory, single header, Bazel"
bash tools/consumers.sh
bash tools/bazel.sh

echo "== 3. SIMD compiled out, and x86-64-v3"
bash tools/portability.sh

echo "== 4. hostile input at scale"
bash tools/hostile_scale.sh build/release/tools/ftpreply 1G

echo "== 5. ASan + UBSan build and tests"
cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFTPREPLY_SANITIZE=ON -DFTPREPLY_WERROR=ON >/dev/null
cmake --build build/sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize --output-on-failure -j "$jobs"

echo "== 6. libFuzzer targets"
bash tools/fuzz.sh "${FTPREPLY_FUZZ_SECONDS:-60}"

echo "== 7. AArch64 (NEON) and s390x (big-endian) under qemu"
bash tools/cross_check.sh

echo "== 8. kernel coverage"
bash tools/coverage.sh
