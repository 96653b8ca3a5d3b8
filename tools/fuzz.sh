#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) and runs each for
# SECONDS (default 60), two at a time, from its seed corpus and its committed
# corpus (fuzz/corpus/, read only: tools/grow_corpus.sh adds to it) with the
# dictionary. Prints executions per second and totals per target; exits 1
# when any target found a crash (the input is kept in build/fuzz/artifacts).
# Usage: fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
# Most framing and encoding bugs need a few hundred bytes; long inputs only
# slow the search.
max_len() {
  case $1 in
    fuzz_encode) echo 256 ;;
    fuzz_differential|fuzz_scanner) echo 512 ;;
    fuzz_pcap) echo 16384 ;;
    *) echo 2048 ;;
  esac
}
if [ "${1:-}" = "--max-len" ]; then max_len "$2"; exit 0; fi
seconds=${1:-60}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)

CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFTPREPLY_FUZZ=ON -DFTPREPLY_TESTS=OFF -DFTPREPLY_BENCH=OFF -DFTPREPLY_TOOLS=OFF \
  -DFTPREPLY_WERROR=ON >/dev/null
cmake --build build/fuzz -j "$jobs"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
out=build/fuzz/runs
mkdir -p "$out" build/fuzz/artifacts
run_one() {
  local t=$1
  mkdir -p "$out/$t.corpus"
  local rc=0
  build/fuzz/fuzz/"$t" -max_total_time="$seconds" -print_final_stats=1 -max_len="$(max_len "$t")" \
    -dict=fuzz/ftpreply.dict -artifact_prefix=build/fuzz/artifacts/"$t"- \
    "$out/$t.corpus" build/fuzz/fuzz/corpus/"$t" $([ -d fuzz/corpus/"$t" ] && echo fuzz/corpus/"$t") \
    > "$out/$t.log" 2>&1 || rc=$?
  echo "$rc" > "$out/$t.rc"
}
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
printf '%-24s %12s %12s %s\n' target execs/s executions result
for t in "${targets[@]}"; do
  rc=$(cat "$out/$t.rc")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
  per=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$t.log")
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc)"
    failed=$((failed + 1))
    grep -E "invariant broken|runtime error|ERROR: AddressSanitizer|SUMMARY" "$out/$t.log" | head -5
  fi
  printf '%-24s %12s %12s %s\n' "$t" "${per:-?}" "${execs:-?}" "$result"
done
echo "fuzzing: $(( ${#targets[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
