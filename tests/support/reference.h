// SPDX-License-Identifier: Apache-2.0
// An independent, deliberately naive reading of the framing rules of
// kernel/SPEC.md: the whole stream at once, line by line, no
// masks, no streaming. The kernels are checked against it.
#ifndef FTPREPLY_TESTS_REFERENCE_H
#define FTPREPLY_TESTS_REFERENCE_H

#include <string>
#include <vector>

#include "harness.h"

namespace ftpreply_test {

std::vector<recorded> reference_scan(const std::string& stream,
                                     const ftpreply::options& opt);

}  // namespace ftpreply_test

#endif
