#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Grows the committed fuzz corpora: runs each libFuzzer target for SECONDS
# (default 300) from its committed corpus and the generated seeds, then
# merges into fuzz/corpus/TARGET/ only the inputs that add coverage
# (-merge=1, which also keeps the corpus minimal). Inputs over the target's
# max_len are not kept, and a target's corpus is capped at 2 MiB. Commit
# what it adds: findings and coverage then accumulate from run to run, and
# every build replays them (ctest, the *_replay tests).
# Usage: grow_corpus.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
bash tools/fuzz.sh "$seconds" "$@"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
cap=$((2 * 1024 * 1024))
for t in "${targets[@]}"; do
  dest=fuzz/corpus/$t
  mkdir -p "$dest"
  before=$(find "$dest" -type f | wc -l)
  # New inputs from this run (the fuzzer's output folder) merged into the
  # committed corpus; the seeds stay generated, not committed.
  build/fuzz/fuzz/"$t" -merge=1 -max_len="$(bash tools/fuzz.sh --max-len "$t")" \
    "$dest" build/fuzz/runs/"$t".corpus >/dev/null 2>&1
  size=$(du -sb "$dest" | cut -f1)
  if [ "$size" -gt "$cap" ]; then
    echo "grow_corpus: $t's corpus is $size bytes, over the $cap cap: re-minimise with -merge=1 into an empty folder, or raise the cap" >&2
    exit 1
  fi
  printf '%-24s %6d inputs (+%d), %8d bytes\n' "$t" "$(find "$dest" -type f | wc -l)" \
    $(( $(find "$dest" -type f | wc -l) - before )) "$size"
done
