#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bazel, offline, with Debian's bazel-bootstrap (4.2.3):
#   1. bazel test //...  (kernel, CLI, benchmarks built; tests, self-check,
#      single header and fuzz corpora replayed);
#   2. one libFuzzer target under --config=fuzz (clang-14), run briefly;
#   3. a new project that takes @ftpreply//kernel as the README shows
#      (tests/consumers/bazel/).
set -euo pipefail
cd "$(dirname "$0")/.."
bazel=(bazel --batch)

echo "-- bazel test //..."
status=0
"${bazel[@]}" test //... > build/bazel-test.log 2>&1 || status=$?
grep -E 'PASSED|FAILED|NO STATUS|ERROR|^Executed' build/bazel-test.log || true
[ "$status" -eq 0 ] || { echo "bazel: bazel test //... failed (build/bazel-test.log)" >&2; exit 1; }

echo "-- bazel build --config=fuzz //fuzz:fuzz_scanner"
"${bazel[@]}" build --config=fuzz //fuzz:fuzz_scanner >/dev/null 2>&1 ||
  { "${bazel[@]}" build --config=fuzz //fuzz:fuzz_scanner; exit 1; }
# New inputs go to a scratch folder first, never into the committed corpus.
rm -rf build/bazel-fuzz && mkdir -p build/bazel-fuzz
./bazel-bin/fuzz/fuzz_scanner -runs=5000 -max_len=512 build/bazel-fuzz fuzz/corpus/fuzz_scanner 2>&1 |
  grep '^Done'

echo "-- a Bazel consumer"
work=build/consumers-bazel
rm -rf "$work" && mkdir -p "$work/third_party/ftpreply"
cp tests/consumers/app.cpp tests/consumers/app.c tests/consumers/bazel/WORKSPACE \
   tests/consumers/bazel/BUILD.bazel tests/consumers/bazel/.bazelrc "$work/"
bash tools/copy_tree.sh "$work/third_party/ftpreply"
for app in app app_c; do  # C++ and C
  (cd "$work" && "${bazel[@]}" build //:$app >/dev/null 2>&1 || "${bazel[@]}" build //:$app)
  out=$("$work/bazel-bin/$app")
  grep -q "^reply 211, lines 3$" <<<"$out" || { echo "bazel: the consumer $app printed: $out" >&2; exit 1; }
done
(cd "$work" && "${bazel[@]}" clean --expunge >/dev/null 2>&1)
echo "bazel: //... green, libFuzzer config builds, consumer ok"
