#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A/B of two versions of the kernel (kernel/), fine enough for changes of a
# few percent on a noisy machine. Both versions link into one harness, each
# in its own namespace (the sources compiled with -Dftpreply=ftpreply_a or
# _b), and are timed in alternation every repetition. Where a version's code
# sits matters as much as the code: on Zen 4 the same code (A against A)
# moved by up to 7% with its address alone. So each layout (a set of
# alignment flags) is built twice, BASE first in the link and then NEW
# first, and the ratios are pooled: the geometric mean of NEW/BASE over all
# the binaries, with each binary's figure beside it.
#
#   bash tools/ab_kernel.sh [--quick] [--piece N] [--reps N] [--layouts N] BASE [NEW]
#
# BASE, NEW: git revisions, or `.` for the working tree (NEW by default).
# Mixes: session, short, multiline and hostile from `ftpreply gen` (seed 42,
# 64 MiB, as the benchmark), servers from tests/data/servers/ repeated, and
# alt-session, alt-short, alt-multiline and alt-servers from bench/altgen.py
# (seed 7): `ftpreply gen` cycles a session through 24 steps of mostly fixed
# texts and `servers` replays 15 KB of recordings over and over, rhythms a
# branch predictor learns, which altgen's streams lack (on Zen 4 the best
# one-stage bare loop ran 0.60x the best two-stage one on alt-session, and
# level with it on session; the one-stage kernel took 1.6-1.8x the time on
# the recordings' replies in random order, alt-servers, as on them replayed).
# --piece N feeds N bytes a call (1460: the benchmark's scan_chunked; 0, the
# default: the whole input). --layouts N: 1 to 8 (default 4). --quick: 1 MiB,
# one layout, 3 repetitions (a check that it works). FTPREPLY_AB_KERNELS
# (default "avx2 avx512bw sse2 scalar"; those this CPU lacks are skipped),
# FTPREPLY_AB_MIXES, CXX (default g++) and FTPREPLY_CLI (the ftpreply used
# to generate, default build/release/tools/ftpreply) choose the rest.
# Exit status: 0; 1 when the versions find different replies (a result,
# not a timing); 2 for usage or build errors. A timing never decides it.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() {
  echo "usage: ab_kernel.sh [--quick] [--piece N] [--reps N] [--layouts N] BASE [NEW]" >&2
  exit 2
}
piece=0 reps=11 layouts=4 bytes=$((64 << 20))
while [ $# -gt 0 ]; do
  case $1 in
    --quick) bytes=$((1 << 20)) layouts=1 reps=3; shift ;;
    --piece) piece=${2:-}; shift 2 || usage ;;
    --reps) reps=${2:-}; shift 2 || usage ;;
    --layouts) layouts=${2:-}; shift 2 || usage ;;
    --*) usage ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
for n in "$piece" "$reps" "$layouts"; do case $n in '' | *[!0-9]*) usage ;; esac; done
if [ "$reps" -lt 1 ] || [ "$layouts" -lt 1 ] || [ "$layouts" -gt 8 ]; then usage; fi
cli=${FTPREPLY_CLI:-build/release/tools/ftpreply}
[ -x "$cli" ] || { echo "ab_kernel.sh: no $cli (build first, or set FTPREPLY_CLI)" >&2; exit 2; }
cxx=${CXX:-g++}
kernels=${FTPREPLY_AB_KERNELS:-avx2 avx512bw sse2 scalar}
mixes=${FTPREPLY_AB_MIXES:-session short multiline hostile servers alt-session alt-short alt-multiline alt-servers}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The kernel of a revision (or of the working tree, `.`) into $work/$2.
export_kernel() {
  mkdir -p "$work/$2"
  if [ "$1" = . ]; then
    cp -r kernel "$work/$2/"
  else
    git archive "$1" kernel | tar -x -C "$work/$2" ||
      { echo "ab_kernel.sh: no revision $1" >&2; exit 2; }
  fi
}
export_kernel "$1" base
export_kernel "${2:-.}" new

for m in $mixes; do
  if [ "$m" = servers ]; then
    while [ "$(stat -c %s "$work/servers.txt" 2>/dev/null || echo 0)" -lt "$bytes" ]; do
      cat tests/data/servers/*.ftp >>"$work/servers.txt"
    done
  elif [ "${m#alt-}" != "$m" ]; then
    python3 bench/altgen.py "${m#alt-}" "$bytes" 7 >"$work/$m.txt" ||
      { echo "ab_kernel.sh: cannot generate the $m mix" >&2; exit 2; }
  else
    "$cli" gen --mix "$m" --bytes "$bytes" --seed 42 >"$work/$m.txt" ||
      { echo "ab_kernel.sh: cannot generate the $m mix" >&2; exit 2; }
  fi
done

flagsets=("" "-falign-functions=64" "-falign-loops=32" "-falign-jumps=32 -falign-functions=32"
          "-falign-functions=128" "-falign-loops=64" "-falign-functions=16 -falign-loops=16"
          "-falign-labels=16")
sources="scanner dispatch error scalar sse2 avx2 avx512bw neon"
# build OUT FIRST SECOND FLAGS: FIRST as side a, SECOND as side b.
build() {
  local out=$1 obj=$work/obj
  rm -rf "$obj"
  mkdir -p "$obj"
  for side in a b; do
    local tree=$work/$2
    [ $side = b ] && tree=$work/$3
    for s in $sources version; do
      local src=$tree/kernel/src/$s.cpp
      [ "$s" = version ] && src=tools/ab_kernel/version.cpp
      # shellcheck disable=SC2086  # the flags are words
      "$cxx" -std=c++17 -O3 -DNDEBUG -fno-exceptions $4 -I"$tree/kernel/include" \
        -Dftpreply=ftpreply_$side -DSIDE=$side -c "$src" -o "$obj/$side.$s.o" ||
        { echo "ab_kernel.sh: cannot compile $src" >&2; exit 2; }
    done
  done
  "$cxx" -std=c++17 -O2 tools/ab_kernel/harness.cpp "$obj"/*.o -o "$out" ||
    { echo "ab_kernel.sh: cannot link the harness" >&2; exit 2; }
}

status=0
for ((l = 0; l < layouts; l++)); do
  build "$work/ab.$l.n" base new "${flagsets[$l]}"   # BASE first: ratio NEW/BASE
  build "$work/ab.$l.s" new base "${flagsets[$l]}"   # NEW first: ratio BASE/NEW
done
for m in $mixes; do
  for ((l = 0; l < layouts; l++)); do
    for order in n s; do
      # shellcheck disable=SC2086  # the kernels are words
      "$work/ab.$l.$order" "$work/$m.txt" "$reps" "$piece" $kernels >"$work/out" || status=1
      sed "s/^/$m $order /" "$work/out" >>"$work/all"
    done
  done
done

echo "NEW/BASE time per scan, $reps repetitions, $layouts layouts x 2 link orders, piece ${piece:-0}"
echo "(under 1: NEW is faster; geometric mean, then each binary's median ratio)"
awk '
  $8 == "DIFFER" { printf "%-13s %-9s the versions found different replies (%s, %s)\n", $1, $4, $6, $7; next }
  {
    key = $1 " " $4
    r = $2 == "n" ? $10 : 1 / $10
    if (!(key in n)) order[++keys] = key
    sum[key] += log(r); n[key]++; list[key] = list[key] sprintf(" %.3f", r)
  }
  END {
    for (i = 1; i <= keys; i++) {
      k = order[i]; split(k, f, " ")
      printf "%-13s %-9s %.3f  [%s ]\n", f[1], f[2], exp(sum[k] / n[k]), list[k]
    }
  }' "$work/all"
exit $status
