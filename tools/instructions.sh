#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Instructions per byte of the scan, per kernel and mix, counted by
# valgrind's callgrind on fixed inputs: repeatable whatever else the machine
# does, unlike wall time. Compares against the committed baseline
# (bench/instructions.tsv) and fails when a kernel got more than 3% worse.
#
#   bash tools/instructions.sh [BUILD_DIR]            check (CI runs this)
#   bash tools/instructions.sh --update [BUILD_DIR]   rewrite the baseline
#
# Update the baseline when a change makes the scan cheaper (so the gain is
# kept), or when a slower scan is the price of a fix you mean to make; say
# which in the commit. Counts depend on the compiler: the baseline is GCC 12
# (Debian 12), as in CI. valgrind has no AVX-512: scalar, sse2 and avx2.
set -euo pipefail
cd "$(dirname "$0")/.."
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
build=${1:-build/release}
cli=$build/tools/ftpreply
baseline=bench/instructions.tsv
tolerance=1.03
command -v valgrind >/dev/null || { echo "instructions: valgrind is not installed" >&2; exit 2; }
[ -x "$cli" ] || { echo "instructions: no $cli (build first)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mixes=(session short multiline hostile)
kernels=(scalar sse2 avx2)

measure() {  # kernel mix piece -> instructions per byte, summed over the calls
  local k=$1 m=$2 piece=$3 in=$work/$2.txt out=$work/cg.$1.$2.$3
  valgrind --tool=callgrind --callgrind-out-file="$out" "$cli" scan --count --kernel "$k" \
    --chunk "$piece" "$in" >/dev/null 2>"$work/log" || true
  local n
  n=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
      awk -v f="ftpreply::detail::$k::scan(" 'index($0, f) { gsub(",", "", $1); print $1; exit }')
  [ -n "$n" ] || { echo "instructions: no count for $k on $m" >&2; cat "$work/log" >&2; exit 2; }
  awk -v n="$n" -v b="$(stat -c %s "$in")" 'BEGIN { printf "%.4f", n / b }'
}

for m in "${mixes[@]}"; do
  "$cli" gen --mix "$m" --bytes 262144 --seed 1 >"$work/$m.txt"
done

# piece: the bytes the scanner is fed a call (as `ftpreply scan --chunk`);
# 1460, a TCP segment's payload, is what the benchmark's scan_chunked feeds,
# so its rows count what each call costs beyond the walk over the bytes.
printf 'kernel\tmix\tpiece\tinstructions_per_byte\n' >"$work/now.tsv"
for k in "${kernels[@]}"; do
  for m in "${mixes[@]}"; do
    printf '%s\t%s\t%s\t%s\n' "$k" "$m" 65536 "$(measure "$k" "$m" 65536)" >>"$work/now.tsv"
  done
done
for m in "${mixes[@]}"; do
  printf '%s\t%s\t%s\t%s\n' avx2 "$m" 1460 "$(measure avx2 "$m" 1460)" >>"$work/now.tsv"
done

if [ $update = 1 ]; then
  cp "$work/now.tsv" "$baseline"
  echo "instructions: baseline written to $baseline"
  cat "$baseline"
  exit 0
fi
[ -f "$baseline" ] || { echo "instructions: no baseline $baseline (run with --update)" >&2; exit 2; }

awk -F'\t' -v tol="$tolerance" '
  NR == FNR { if (FNR > 1) base[$1 "/" $2 "/" $3] = $4; next }
  FNR == 1 { printf "%-8s %-10s %6s %10s %10s %8s\n", "kernel", "mix", "piece", "baseline", "now", "change"; next }
  {
    key = $1 "/" $2 "/" $3
    if (!(key in base)) { printf "%-8s %-10s %6s %10s %10.4f   (not in the baseline)\n", $1, $2, $3, "-", $4; missing = 1; next }
    change = $4 / base[key]
    verdict = change > tol ? "  WORSE" : (change < 1 / tol ? "  better: consider --update" : "")
    printf "%-8s %-10s %6s %10.4f %10.4f %7.1f%%%s\n", $1, $2, $3, base[key], $4, (change - 1) * 100, verdict
    if (change > tol) worse = 1
  }
  END {
    if (worse) { print "instructions: a kernel got more than 3% worse than the baseline"; exit 1 }
    if (missing) { print "instructions: the baseline lacks a kernel, mix or piece (run with --update)"; exit 1 }
    print "instructions: no kernel worse than the baseline by more than 3%"
  }' "$baseline" "$work/now.tsv"
