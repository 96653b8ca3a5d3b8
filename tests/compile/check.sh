#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The API's attributes, checked by compiling (ctest: api_attributes):
#   dangling_bad.cpp   clang's -Wdangling warns on each dangling view (2)
#   dangling_ok.cpp    and on nothing in correct code
#   nodiscard_bad.cpp  both compilers warn on each dropped result (4)
# Usage: check.sh CLANGXX GXX SOURCE_DIR
set -euo pipefail
clang=$1 gxx=$2 src=$3
here=$src/tests/compile
inc=(-std=c++17 -fsyntax-only -I"$src/kernel/include")
count() {  # WARNING-FLAG COMPILER FILE: the warnings of that kind
  "$2" "${inc[@]}" -Wall -Wextra "$3" 2>&1 | grep -c "\[$1\]" || true
}
fail=0
expect() {  # WHAT GOT WANT
  if [ "$2" != "$3" ]; then echo "FAILED: $1: $2 warnings, expected $3"; fail=1; else echo "ok: $1 ($2)"; fi
}
expect "clang -Wdangling on dangling_bad.cpp" "$(count -Wdangling "$clang" "$here/dangling_bad.cpp")" 2
expect "clang -Wdangling on dangling_ok.cpp" "$(count -Wdangling "$clang" "$here/dangling_ok.cpp")" 0
expect "clang -Wunused-result on nodiscard_bad.cpp" "$(count -Wunused-result "$clang" "$here/nodiscard_bad.cpp")" 4
expect "g++ -Wunused-result on nodiscard_bad.cpp" "$(count -Wunused-result "$gxx" "$here/nodiscard_bad.cpp")" 4
exit $fail
