// ftpreply_selfcheck: every kernel this CPU runs against the naive reference
// model, on the framing vectors (whole and cut at every byte) and on random
// reply-like streams with random options and cuts. Needs nothing but the
// kernel and the C++ standard library, so it runs where GoogleTest is not:
// a cross-compiled build under an emulator (NEON under qemu-aarch64), or a
// vendor's own platform.
//
// Usage: ftpreply_selfcheck [CONFORMANCE_DIR] [ITERATIONS]
#include <cstdio>
#include <cstdlib>
#include <random>

#include "harness.h"
#include "random_streams.h"
#include "reference.h"
#include "vectors.h"

int main(int argc, char** argv) {
  using namespace ftpreply_test;
  const std::string dir = argc > 1 ? argv[1] : conformance_dir();
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 3000;
  int passed = 0, failed = 0;
  auto report = [&](bool ok, const std::string& what) {
    if (ok) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAILED: %s\n", what.c_str());
    }
  };
  std::vector<row> rows;
  if (!read_tsv(dir + "/framing.tsv", &rows)) {
    std::printf("cannot read %s/framing.tsv\n", dir.c_str());
    return 2;
  }
  ftpreply::options any = ftpreply::options::lenient();
  any.any_code_terminates = true;
  const ftpreply::options modes[] = {ftpreply::options::strict_rfc959(),
                                     ftpreply::options::lenient(), any};
  std::printf("kernels:");
  for (ftpreply::kernel k : supported_kernels()) std::printf(" %s", ftpreply::to_string(k));
  std::printf("\n");
  for (ftpreply::kernel k : supported_kernels()) {
    const std::string kn = ftpreply::to_string(k);
    for (row& r : rows) {
      std::string s;
      if (!decode_cell(r["stream"], &s)) {
        report(false, r["id"] + ": undecodable stream");
        continue;
      }
      for (const ftpreply::options& opt : modes) {
        const auto expected = reference_scan(s, opt);
        bool ok = scan_pieces(opt, k, {s}).events == expected;
        for (size_t cut = 1; ok && cut < s.size() && cut < 600; ++cut)
          ok = scan_pieces(opt, k, cut_at(s, {cut}), 2).events == expected;
        report(ok, kn + " " + r["id"]);
      }
    }
    std::mt19937_64 rng(20261121);
    for (int i = 0; i < iterations; ++i) {
      const std::string s = random_stream(rng, 1 + i % 700);
      const ftpreply::options opt = random_options(rng);
      const auto expected = reference_scan(s, opt);
      const auto got = scan_pieces(opt, k, cut_at(s, random_cuts(rng, s.size())), 1 + i % 5);
      report(got.violation.empty() && got.events == expected,
             kn + " random stream " + std::to_string(i));
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
