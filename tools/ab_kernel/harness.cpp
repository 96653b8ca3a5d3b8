// SPDX-License-Identifier: Apache-2.0
// tools/ab_kernel's harness: two versions of the kernel in one process
// (version.cpp), timed in alternation, A then B, B then A, every
// repetition, so that a slow stretch of the machine falls on both alike.
//
//   harness FILE REPS PIECE KERNEL...      (PIECE 0: the whole input a call)
//
// Prints, per kernel, the median time of each side and the median and
// quartiles of the per-repetition ratio B/A. Exit status 1 when the two
// versions find different numbers of replies, 2 for usage or I/O errors;
// a timing never decides it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" long ab_scan_a(const char* data, size_t size, size_t piece, const char* kernel);
extern "C" long ab_scan_b(const char* data, size_t size, size_t piece, const char* kernel);

namespace {

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: harness FILE REPS PIECE KERNEL...\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const int reps = std::atoi(argv[2]);
  size_t piece = std::strtoul(argv[3], nullptr, 10);
  if (!in.good() && !in.eof()) {
    std::fprintf(stderr, "harness: cannot read %s\n", argv[1]);
    return 2;
  }
  if (reps < 1) {
    std::fprintf(stderr, "harness: REPS must be at least 1\n");
    return 2;
  }
  if (piece == 0) piece = bytes.size() + 1;
  int status = 0;
  for (int k = 4; k < argc; ++k) {
    std::vector<double> ta, tb, ratio;
    long na = 0, nb = 0;
    for (int r = 0; r < reps && na >= 0; ++r) {
      double ms[2];
      for (int j = 0; j < 2; ++j) {
        const bool a = (j == 0) == (r % 2 == 0);
        const auto t0 = std::chrono::steady_clock::now();
        const long n = a ? ab_scan_a(bytes.data(), bytes.size(), piece, argv[k])
                         : ab_scan_b(bytes.data(), bytes.size(), piece, argv[k]);
        ms[a ? 0 : 1] = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - t0).count();
        (a ? na : nb) = n;
      }
      ta.push_back(ms[0]);
      tb.push_back(ms[1]);
      ratio.push_back(ms[1] / ms[0]);
    }
    if (na < 0) continue;  // the kernel does not run here
    if (na != nb) {
      std::printf("kernel %s replies %ld %ld DIFFER\n", argv[k], na, nb);
      status = 1;
      continue;
    }
    std::printf("kernel %s a_ms %.3f b_ms %.3f ratio %.4f q1 %.4f q3 %.4f\n", argv[k],
                quantile(ta, 0.5), quantile(tb, 0.5), quantile(ratio, 0.5),
                quantile(ratio, 0.25), quantile(ratio, 0.75));
  }
  return status;
}
