// SPDX-License-Identifier: Apache-2.0
// Prints which kernels the kernel-facing tests run on, and fails when none.
#include <cstdio>

#include "gtest/gtest.h"
#include "harness.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  std::vector<ftpreply::kernel> ks = ftpreply_test::supported_kernels();
  std::printf("kernels under test:");
  for (ftpreply::kernel k : ks) std::printf(" %s", ftpreply::to_string(k));
  std::printf(" (best: %s)\n", ftpreply::to_string(ftpreply::best_kernel()));
  if (ks.empty()) {
    std::printf("no kernel is supported: nothing would be tested\n");
    return 1;
  }
  return RUN_ALL_TESTS();
}
