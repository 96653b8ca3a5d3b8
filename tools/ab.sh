#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The regression gate on a noisy machine: runs two builds of ftpreply_bench
# in alternation, ROUNDS rounds of one repetition each (the order swapped
# every round), so that a slow stretch of the machine falls on both sides
# alike, then pools each side's rounds in ftpreply_compare. Run back to back
# instead (all of one side's repetitions, then the other's), a slow stretch
# lasting minutes gave verdicts off by up to 30% on a 2-core cloud guest.
#
#   bash tools/ab.sh BASELINE_BENCH CONTENDER_BENCH [ROUNDS] [-- BENCH_ARGS...]
#
# ROUNDS: 9 by default, what the gate's U test needs. BENCH_ARGS go to both
# binaries (say --benchmark_filter='^scan/'). FTPREPLY_COMPARE names the
# gate (default build/release/tools/ftpreply_compare); FTPREPLY_AB_DIR keeps
# the JSON files (default: a temporary directory, removed). Exit status:
# the gate's (0 no regression, 1 a regression, 2 an error).
set -euo pipefail
usage() {
  echo "usage: ab.sh BASELINE_BENCH CONTENDER_BENCH [ROUNDS] [-- BENCH_ARGS...]" >&2
  exit 2
}
[ $# -ge 2 ] || usage
bins=("$1" "$2")
shift 2
rounds=9
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  rounds=$1
  shift
fi
if [ $# -gt 0 ]; then
  [ "$1" = "--" ] || usage
  shift
fi
case $rounds in '' | *[!0-9]*) usage ;; esac
[ "$rounds" -ge 1 ] || usage
for b in "${bins[@]}"; do
  [ -x "$b" ] || { echo "ab.sh: $b is not an executable" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")/.." && pwd)
gate=${FTPREPLY_COMPARE:-$here/build/release/tools/ftpreply_compare}
[ -x "$gate" ] || { echo "ab.sh: no $gate (build first, or set FTPREPLY_COMPARE)" >&2; exit 2; }
if [ -n "${FTPREPLY_AB_DIR:-}" ]; then
  dir=$FTPREPLY_AB_DIR
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi

lists=("" "")
for ((r = 1; r <= rounds; r++)); do
  order=(0 1)
  if ((r % 2 == 0)); then order=(1 0); fi
  for side in "${order[@]}"; do
    out=$dir/side$side.round$r.json
    "${bins[$side]}" --benchmark_repetitions=1 --benchmark_out="$out" \
      --benchmark_out_format=json "$@" >/dev/null 2>"$dir/log" ||
      { echo "ab.sh: ${bins[$side]} failed:" >&2; cat "$dir/log" >&2; exit 2; }
    lists[$side]=${lists[$side]:+${lists[$side]},}$out
  done
  echo "ab.sh: round $r of $rounds done" >&2
done
set +e
"$gate" --baseline="${lists[0]}" --contender="${lists[1]}"
