// SPDX-License-Identifier: Apache-2.0
// The invariants every scan must keep, whatever the input: checked by the
// property tests and the fuzz targets alike.
#ifndef FTPREPLY_TESTS_INVARIANTS_H
#define FTPREPLY_TESTS_INVARIANTS_H

#include <string>
#include <vector>

#include "harness.h"

namespace ftpreply_test {

// Checks, for the events of a whole stream (all of it fed, then finish):
//  1. events come in stream order, each span inside the stream, an error's
//     offset inside its span, a reply's offset equal to its start;
//  2. reply spans, error spans and (lenient only) skipped blank lines cover
//     every byte of the stream exactly once;
//  3. replies keep the limits (bytes, lines, each line's length), start with
//     three digits, hold `lines` lines, and their text lies inside them;
//  4. flags are only the defined ones, and the mode's own (no bare_lf,
//     bare_code or blank_line in strict mode).
// Returns "" when all hold, else what broke.
std::string check_invariants(const std::string& stream, const ftpreply::options& opt,
                             const std::vector<recorded>& events);

}  // namespace ftpreply_test

#endif
