#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The kernel's line and branch coverage, measured with clang's source-based
# coverage (-fprofile-instr-generate -fcoverage-mapping, llvm-cov-14):
#  1. from the ctest suite (its fuzz replays included; not the single-header
#     tests, whose second copy of the kernel would clash), checked:
#     fails when kernel line coverage is
#     under 95% or branch coverage under 90%;
#  2. from replaying every fuzz target's corpus (seeds, the committed
#     fuzz/corpus/ and fuzz/regressions/), reported.
# The HTML report of (1) is written to build/coverage/html/index.html.
# Usage: coverage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
min_lines=95
min_branches=90
build=build/coverage
jobs=$(nproc 2>/dev/null || echo 2)
flags="-fprofile-instr-generate -fcoverage-mapping"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" -DFTPREPLY_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs"

# The binaries that hold the kernel, for llvm-cov's mapping.
objects=()
for b in "$build"/tests/ftpreply_tests "$build"/tests/ftpreply_selfcheck "$build"/tools/ftpreply \
         "$build"/fuzz/fuzz_*; do
  [ -x "$b" ] && [ -f "$b" ] && objects+=(-object "$b")
done
sources=(kernel/src kernel/include)

report() {  # profdata -> the TOTAL row of llvm-cov's report for the kernel
  llvm-cov-14 report "${objects[@]:1}" -instr-profile="$1" -show-branch-summary "${sources[@]}"
}

rm -rf "$build"/profiles && mkdir -p "$build"/profiles/ctest "$build"/profiles/fuzz
LLVM_PROFILE_FILE="$PWD/$build/profiles/ctest/%p-%m.profraw" \
  ctest --test-dir "$build" -j "$jobs" -E '^singleheader' --output-on-failure >/dev/null
llvm-profdata-14 merge -sparse "$build"/profiles/ctest/*.profraw -o "$build"/ctest.profdata
for b in "$build"/fuzz/fuzz_*; do
  [ -x "$b" ] && [ -f "$b" ] || continue
  t=$(basename "$b")
  inputs=("$build"/fuzz/corpus/"$t")
  for d in fuzz/corpus/"$t" fuzz/regressions/"$t"; do [ -d "$d" ] && inputs+=("$d"); done
  LLVM_PROFILE_FILE="$PWD/$build/profiles/fuzz/$t-%p.profraw" "$b" "${inputs[@]}" >/dev/null
done
llvm-profdata-14 merge -sparse "$build"/profiles/fuzz/*.profraw -o "$build"/fuzz.profdata

llvm-cov-14 show "${objects[@]:1}" -instr-profile="$build"/ctest.profdata -format=html \
  -show-branches=count -output-dir="$build"/html "${sources[@]}" >/dev/null

echo "== kernel coverage from the fuzz corpora (reported)"
report "$build"/fuzz.profdata | tail -n 1
echo "== kernel coverage from ctest (checked: lines >= $min_lines%, branches >= $min_branches%)"
report "$build"/ctest.profdata | tee "$build"/ctest_report.txt
# TOTAL: regions, missed, cover, functions, missed, cover, lines, missed,
# cover, branches, missed, cover.
read -r lines branches < <(awk '/^TOTAL/ { gsub("%", ""); print $10, $13 }' "$build"/ctest_report.txt)
echo "kernel lines ${lines}%, branches ${branches}% (HTML: $build/html/index.html)"
awk -v l="$lines" -v b="$branches" -v ml="$min_lines" -v mb="$min_branches" 'BEGIN {
  if (l + 0 < ml || b + 0 < mb) { print "coverage: under the floor"; exit 1 }
  print "coverage: at or above the floor" }'
