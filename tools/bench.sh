#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job: sets up, builds, and runs a quick benchmark set (4 MiB per
# mix), then prints the summary table. Arguments are passed to
# ftpreply_bench (for the full set: bash tools/bench.sh --full).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$(nproc 2>/dev/null || echo 2)" --target ftpreply_bench ftpreply ftpreply_compare
args=(--quick --benchmark_min_time=0.2)
if [ "${1:-}" = "--full" ]; then
  shift
  args=()
fi
exec build/release/bench/ftpreply_bench "${args[@]}" "$@"
