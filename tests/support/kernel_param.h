// SPDX-License-Identifier: Apache-2.0
// Kernel-facing tests are parameterised by kernel and instantiated for every
// kernel the CPU runs; the test names say which ran.
#ifndef FTPREPLY_TESTS_KERNEL_PARAM_H
#define FTPREPLY_TESTS_KERNEL_PARAM_H

#include "gtest/gtest.h"
#include "harness.h"

#define FTPREPLY_INSTANTIATE_FOR_KERNELS(suite)                              \
  INSTANTIATE_TEST_SUITE_P(                                                  \
      Kernels, suite,                                                        \
      ::testing::ValuesIn(::ftpreply_test::supported_kernels()),             \
      [](const ::testing::TestParamInfo<ftpreply::kernel>& info) {           \
        return std::string(ftpreply::to_string(info.param));                 \
      })

#endif
