#!/usr/bin/env bash
# The NEON kernel, which this x86 machine cannot run natively: cross-compile
# the kernel and the dependency-free self-check for AArch64 (warnings as
# errors) and run it under qemu: every kernel there (scalar, neon) against
# the reference model on the framing vectors and random streams.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/aarch64
k=kernel/src s=tests/support
aarch64-linux-gnu-g++ -O2 -std=c++17 -Wall -Wextra -Werror -static \
  -Ikernel/include -I"$s" -DFTPREPLY_SOURCE_DIR="\"$PWD\"" \
  "$k"/*.cpp "$s"/harness.cpp "$s"/reference.cpp "$s"/random_streams.cpp "$s"/vectors.cpp \
  tests/selfcheck_main.cpp -o build/aarch64/ftpreply_selfcheck
qemu-aarch64 build/aarch64/ftpreply_selfcheck tests/conformance "${1:-3000}"
