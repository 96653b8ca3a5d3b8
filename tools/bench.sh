#!/usr/bin/env bash
# The main job: sets up, builds, and scans the sample session kept in the
# repository, printing the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$(nproc 2>/dev/null || echo 2)" --target ftpreply
build/release/tools/ftpreply scan --count tests/data/session_sample.ftp
