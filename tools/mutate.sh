#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Mutation testing: applies each mutant of tools/mutants.tsv in turn (one
# small realistic bug), rebuilds, runs the fast tests (ftpreply_tests with
# 200 cases per property, and the self-check), and reports which mutants the
# tests killed. The score is the share killed; the goal is 100%. Not part of
# every CI run: it rebuilds once per mutant (a few minutes in all).
# Usage: mutate.sh [BUILD_DIR [PATTERN]]   (default build/mutate; PATTERN,
# an extended regex, keeps the mutants whose description matches)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/mutate}
pattern=${2:-.}
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFTPREPLY_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target ftpreply_tests ftpreply_selfcheck ftpreply >/dev/null

tests() {
  RC_PARAMS=max_success=200 "$build"/tests/ftpreply_tests --gtest_brief=1 >/dev/null 2>&1 &&
    "$build"/tests/ftpreply_selfcheck tests/conformance 500 >/dev/null 2>&1
}
tests || { echo "mutate: the tests fail without a mutant" >&2; exit 2; }

killed=0 total=0
while IFS=$'\t' read -r file from to what; do
  case $file in ''|'#'*) continue ;; esac
  echo "$what" | grep -Eq -- "$pattern" || continue
  total=$((total + 1))
  backup=$(mktemp)
  cp "$file" "$backup"
  python3 - "$file" "$from" "$to" <<'PY' || { cp "$backup" "$file"; echo "mutate: '$from' is not in $file once" >&2; exit 2; }
import sys
path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(path).read()
if s.count(old) != 1:
    sys.exit(1)
open(path, 'w').write(s.replace(old, new))
PY
  verdict=SURVIVED
  if ! cmake --build "$build" -j "$jobs" --target ftpreply_tests ftpreply_selfcheck ftpreply >/dev/null 2>&1; then
    verdict="killed (does not build)"
    killed=$((killed + 1))
  elif ! tests; then
    verdict=killed
    killed=$((killed + 1))
  fi
  cp "$backup" "$file"
  rm -f "$backup"
  printf '%-24s %-8s %s\n' "$(basename "$file")" "${verdict%% *}" "$what"
done < tools/mutants.tsv
cmake --build "$build" -j "$jobs" --target ftpreply_tests >/dev/null
echo "mutation score: $killed of $total killed ($(( 100 * killed / total ))%)"
[ "$killed" -eq "$total" ]
