#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Takes the kernel into a new project by every route the README's "Using
# ftpreply in your project" gives, with the files of tests/consumers/ (the
# README shows them verbatim; this checks that too):
#   find_package   after cmake --install, static and shared (BUILD_SHARED_LIBS)
#   pkg-config     the same two installs
#   add_subdirectory   the tree copied to third_party/ftpreply; the parent's
#                  build type and flags must stay its own
#   single header  singleheader/ftpreply/ftpreply.{h,cpp} and a compiler
# and the same routes from C (app.c, <ftpreply.h>): find_package from a
# LANGUAGES C project and pkg-config with cc, static and shared (a static C
# program must not load libstdc++), and add_subdirectory of kernel/ (linked
# by the C compiler; CMake appends the C++ runtime there).
# Bazel is checked by tools/bazel.sh. Usage: consumers.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${1:-build/consumers}
rm -rf "$work" && mkdir -p "$work" && work=$(cd "$work" && pwd)
c=tests/consumers
jobs=$(nproc 2>/dev/null || echo 2)

# Every consumer file, as the README prints it (the SPDX line aside).
python3 - "$c" <<'PY'
import pathlib, sys
readme = pathlib.Path("README.md").read_text()
for f in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if f.is_file():
        text = "".join(l for l in f.read_text().splitlines(True) if "SPDX-License-Identifier" not in l)
        if text.strip() not in readme:
            sys.exit(f"consumers: {f} is not shown verbatim in README.md")
PY

run_app() {  # APP: it must scan the sample and say so
  local out
  out=$("$@")
  grep -q "^reply 211, lines 3$" <<<"$out" || { echo "consumers: $* printed: $out" >&2; exit 1; }
}

project() {  # DIR CMAKELISTS: a fresh consumer project
  mkdir -p "$1" && cp "$c/app.cpp" "$c/app.c" "$1/" && cp "$2" "$1/CMakeLists.txt"
}

no_cxx_runtime() {  # APP: a C program on the static library needs no C++ runtime
  local libs
  libs=$(ldd "$1")  # whole, before grep: a grep -q that stops early fails the pipe
  if grep -q 'libstdc++' <<<"$libs"; then
    echo "consumers: $1 (C, static) loads libstdc++" >&2; exit 1
  fi
}

for kind in static shared; do
  prefix=$work/prefix-$kind
  if [ $kind = static ]; then
    cmake -S . -B "$work/build-$kind" -G Ninja -DFTPREPLY_TESTS=OFF -DFTPREPLY_TOOLS=OFF \
      -DFTPREPLY_BENCH=OFF >/dev/null
  else  # the kernel's own CMake file, on its own
    cmake -S kernel -B "$work/build-$kind" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DBUILD_SHARED_LIBS=ON >/dev/null
  fi
  cmake --build "$work/build-$kind" -j "$jobs" >/dev/null
  cmake --install "$work/build-$kind" --prefix "$prefix" >/dev/null
  lib=$(find "$prefix" -name "libftpreply.$([ $kind = static ] && echo a || echo so)" | head -1)
  [ -n "$lib" ] || { echo "consumers: no $kind libftpreply installed" >&2; exit 1; }
  for f in ftpreply.h scanner.h codec.h version.h; do
    [ -f "$prefix/include/ftpreply/$f" ] || { echo "consumers: include/ftpreply/$f not installed" >&2; exit 1; }
  done

  # find_package
  project "$work/find_package-$kind" "$c/find_package/CMakeLists.txt"
  cmake -S "$work/find_package-$kind" -B "$work/find_package-$kind/build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$work/find_package-$kind/build" >/dev/null
  run_app "$work/find_package-$kind/build/app"
  if [ $kind = shared ]; then
    readelf -d "$work/find_package-$kind/build/app" | grep -q 'NEEDED.*libftpreply.so' ||
      { echo "consumers: the shared consumer does not load libftpreply.so" >&2; exit 1; }
    # The soname carries the major version; only the API is exported.
    readelf -d "$lib" > "$work/dynamic"
    grep -q "SONAME.*libftpreply.so.$(sed -n 's/^#define FTPREPLY_VERSION_MAJOR //p' \
      kernel/include/ftpreply/version.h)]" "$work/dynamic" ||
      { echo "consumers: no soname with the major version" >&2; exit 1; }
    nm -DC --defined-only "$lib" > "$work/exports"
    if grep -E 'ftpreply::detail::|anonymous namespace|ftpreply::[a-z_]+::[a-z_]+::' "$work/exports"; then
      echo "consumers: libftpreply.so exports internals (above)" >&2; exit 1
    fi
    for api in 'ftpreply::scanner::scan(' 'ftpreply::classify(' 'ftpreply::reply_reader::next(' \
               'ftpreply_scan' 'ftpreply_encode_reply' 'ftpreply::version()'; do
      grep -qF "$api" "$work/exports" || { echo "consumers: libftpreply.so does not export $api" >&2; exit 1; }
    done
  fi
  echo "consumers: find_package ($kind): ok"

  # pkg-config, the README's command line
  pc_dir=$(dirname "$(find "$prefix" -name ftpreply.pc | head -1)")
  (cd "$work" && PKG_CONFIG_PATH=$pc_dir \
    c++ -std=c++17 -O2 "$root/$c/app.cpp" $(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs ftpreply) \
      -o "app-pkgconfig-$kind")
  LD_LIBRARY_PATH=$(dirname "$lib") run_app "$work/app-pkgconfig-$kind"
  echo "consumers: pkg-config ($kind): ok"

  # From C: find_package from a LANGUAGES C project, and pkg-config with cc.
  project "$work/find_package_c-$kind" "$c/find_package_c/CMakeLists.txt"
  cmake -S "$work/find_package_c-$kind" -B "$work/find_package_c-$kind/build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$work/find_package_c-$kind/build" >/dev/null
  run_app "$work/find_package_c-$kind/build/app"
  (cd "$work" && cc -std=c99 -O2 "$root/$c/app.c" \
      $(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs ftpreply) -o "app-c-pkgconfig-$kind")
  LD_LIBRARY_PATH=$(dirname "$lib") run_app "$work/app-c-pkgconfig-$kind"
  if [ $kind = static ]; then
    no_cxx_runtime "$work/find_package_c-$kind/build/app"
    no_cxx_runtime "$work/app-c-pkgconfig-$kind"
  fi
  [ -f "$prefix/include/ftpreply.h" ] || { echo "consumers: include/ftpreply.h not installed" >&2; exit 1; }
  echo "consumers: from C, find_package and pkg-config with cc ($kind): ok"
done

# A version the package is not: SameMajorVersion refuses a different major.
major=$(sed -n 's/^#define FTPREPLY_VERSION_MAJOR \([0-9]*\)$/\1/p' kernel/include/ftpreply/version.h)
project "$work/wrong_major" "$c/find_package/CMakeLists.txt"
sed -i "s/find_package(ftpreply [0-9.]*/find_package(ftpreply $((major + 1))/" "$work/wrong_major/CMakeLists.txt"
if cmake -S "$work/wrong_major" -B "$work/wrong_major/build" -DCMAKE_PREFIX_PATH="$work/prefix-static" \
    >/dev/null 2>&1; then
  echo "consumers: find_package accepted major version $((major + 1))" >&2; exit 1
fi
echo "consumers: find_package refuses major $((major + 1)): ok"

# add_subdirectory: the tracked tree as third_party/ftpreply. The parent sets
# no build type and no warnings; ftpreply must not set them for it.
sub=$work/add_subdirectory
project "$sub" "$c/add_subdirectory/CMakeLists.txt"
mkdir -p "$sub/third_party/ftpreply"
bash tools/copy_tree.sh "$sub/third_party/ftpreply"
cmake -S "$sub" -B "$sub/build" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
grep -q '^CMAKE_BUILD_TYPE:STRING=$' "$sub/build/CMakeCache.txt" ||
  { echo "consumers: ftpreply set the parent's CMAKE_BUILD_TYPE" >&2; exit 1; }
if grep '"command"' "$sub/build/compile_commands.json" | grep 'app\.cpp' | grep -q -- '-Wall\|-Wextra'; then
  echo "consumers: ftpreply's warnings reached the parent's target" >&2; exit 1
fi
grep '"command"' "$sub/build/compile_commands.json" | grep 'scanner\.cpp' | grep -q -- '-Wextra' ||
  { echo "consumers: the kernel lost its own warnings" >&2; exit 1; }
cmake --build "$sub/build" >/dev/null
run_app "$sub/build/app"
echo "consumers: add_subdirectory: ok (parent's cache and flags untouched)"

# The same CMakeLists.txt with only kernel/ copied as third_party/ftpreply.
sub=$work/add_subdirectory_kernel
project "$sub" "$c/add_subdirectory/CMakeLists.txt"
mkdir -p "$sub/third_party" && cp -r kernel "$sub/third_party/ftpreply"
cmake -S "$sub" -B "$sub/build" -G Ninja >/dev/null
grep -q '^FTPREPLY_INSTALL:BOOL=OFF$' "$sub/build/CMakeCache.txt" ||
  { echo "consumers: kernel/ as a subdirectory would install itself" >&2; exit 1; }
cmake --build "$sub/build" >/dev/null
run_app "$sub/build/app"
echo "consumers: add_subdirectory of kernel/ alone: ok"

# From C: kernel/ as a subdirectory of a LANGUAGES C project.
sub=$work/add_subdirectory_c
project "$sub" "$c/add_subdirectory_c/CMakeLists.txt"
mkdir -p "$sub/third_party/ftpreply"
bash tools/copy_tree.sh "$sub/third_party/ftpreply"
cmake -S "$sub" -B "$sub/build" -G Ninja >/dev/null
cmake --build "$sub/build" >/dev/null
run_app "$sub/build/app"
# Linked by the C compiler; CMake still appends the C++ runtime library,
# as it does for any static C++ library once C++ is enabled in the build.
grep -q 'C_EXECUTABLE_LINKER' "$sub/build/build.ninja" ||
  { echo "consumers: the C program of add_subdirectory was not linked by the C compiler" >&2; exit 1; }
echo "consumers: from C, add_subdirectory of kernel/: ok (linked by the C compiler)"

# The single header: two files and a compiler, as the README says.
sh=$work/singleheader
mkdir -p "$sh" && cp -r singleheader/ftpreply "$sh/" && cp "$c/app.cpp" "$sh/"
(cd "$sh" && c++ -std=c++17 -O2 -I. app.cpp ftpreply/ftpreply.cpp -o app)
run_app "$sh/app"
echo "consumers: single header: ok"
