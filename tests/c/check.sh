#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The C API as a C project takes it:
#  1. tests/c/c_api_test.c built as C99 and C11 with -Wall -Wextra -Wpedantic
#     -Werror by gcc and clang, linked by the C compiler alone (no -lstdc++)
#     against the static library, and run;
#  2. <ftpreply.h> compiled as C++ (-Wpedantic);
#  3. nm: the C API's object references nothing of the C++ runtime
#     (std::, __cxa_*, operator new/delete, the exception personality);
#  4. the single-file route: singleheader/ftpreply/ftpreply.cpp compiled once
#     by g++ -fno-exceptions (the kernel never throws) with each function in
#     its own section, the C test against ftpreply_c.h linked to it by gcc
#     with --gc-sections (the std::string helpers it holds drop out).
# Usage: check.sh SOURCE_DIR LIBFTPREPLY_A
set -euo pipefail
src=$(realpath "$1") lib=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "c_api: FAIL: $*" >&2; exit 1; }
flags=(-Wall -Wextra -Wpedantic -Werror -O1)

ran=0
for cc in gcc clang-14; do
  command -v "$cc" >/dev/null || continue
  for std in c99 c11; do
    "$cc" -std=$std "${flags[@]}" -I "$src/kernel/include" "$src/tests/c/c_api_test.c" "$lib" \
      -o "$work/t_${cc}_$std" || fail "$cc -std=$std: did not build or link with the C compiler alone"
    "$work/t_${cc}_$std" || fail "$cc -std=$std: the test failed"
    ran=$((ran + 1))
  done
done
[ "$ran" -gt 0 ] || fail "no C compiler"

printf '#include <ftpreply.h>\nint main() { return ftpreply_classify(200).known ? 0 : 1; }\n' > "$work/cxx.cpp"
g++ -std=c++17 "${flags[@]}" -I "$src/kernel/include" -fsyntax-only "$work/cxx.cpp" ||
  fail "<ftpreply.h> does not compile as C++"

( cd "$work" && ar x "$lib" c_api.cpp.o ) || fail "no c_api.cpp.o in $lib"
if nm -u "$work/c_api.cpp.o" | grep -E '_ZSt|_ZNSt|__cxa_|_Znw|_Zna|_Zdl|_Zda|__gxx_personality'; then
  fail "the C API's object references the C++ runtime (above)"
fi

single=$src/singleheader/ftpreply
g++ -std=c++17 -O2 -fno-exceptions -ffunction-sections -fdata-sections -c "$single/ftpreply.cpp" \
  -o "$work/ftpreply.o"
gcc -std=c99 "${flags[@]}" -DFTPREPLY_C_HEADER='"ftpreply_c.h"' -I "$single" \
  "$src/tests/c/c_api_test.c" "$work/ftpreply.o" -Wl,--gc-sections -o "$work/t_single" ||
  fail "the single-file route did not link with gcc"
"$work/t_single" || fail "the single-file route: the test failed"
echo "c_api: $ran C builds (gcc and clang, C99 and C11) linked by the C compiler alone," \
  "the header as C++, no C++ runtime in c_api.o, the single-file route: ok"
