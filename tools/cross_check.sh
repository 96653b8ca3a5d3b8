#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Kernels this x86 machine cannot run natively, under qemu-user: cross-compile
# the kernel and the dependency-free self-check (warnings as errors) for
#   aarch64  the NEON kernel (and scalar), little-endian;
#   s390x    IBM Z, big-endian, where the scalar kernel (SWAR) runs;
# and run it: every kernel there against the reference model on the framing
# and limit vectors and random streams.
# Usage: cross_check.sh [aarch64|s390x]... [-- STREAMS]   (default: both, 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
arches=()
streams=3000
while [ $# -gt 0 ]; do
  case $1 in
    --) streams=$2; shift 2 ;;
    *) arches+=("$1"); shift ;;
  esac
done
[ ${#arches[@]} -gt 0 ] || arches=(aarch64 s390x)
k=kernel/src s=tests/support
for arch in "${arches[@]}"; do
  mkdir -p build/"$arch"
  "$arch"-linux-gnu-g++ -O2 -std=c++17 -Wall -Wextra -Werror -static \
    -Ikernel/include -Ikernel/src -I"$s" -DFTPREPLY_SOURCE_DIR="\"$PWD\"" \
    "$k"/*.cpp "$s"/harness.cpp "$s"/reference.cpp "$s"/random_streams.cpp "$s"/vectors.cpp \
    tests/selfcheck_main.cpp -o build/"$arch"/ftpreply_selfcheck
  echo "== $arch"
  qemu-"$arch" build/"$arch"/ftpreply_selfcheck tests/conformance "$streams"
done
