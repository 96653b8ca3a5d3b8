// SPDX-License-Identifier: Apache-2.0
// Reply-like random streams for differential tests: bytes biased toward
// what matters to the framing (digits, '-', space, CR, LF, NUL, 0xFF, high
// bytes), multi-line blocks with repeated codes, and line lengths around the
// 16-, 32- and 64-byte boundaries the kernels work in.
#ifndef FTPREPLY_TESTS_RANDOM_STREAMS_H
#define FTPREPLY_TESTS_RANDOM_STREAMS_H

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ftpreply/scanner.h"

namespace ftpreply_test {

// A stream of about `approx_size` bytes.
std::string random_stream(std::mt19937_64& rng, size_t approx_size);

// A stream of about `approx_size` bytes that is mostly what servers send:
// clean single-line replies and multi-line replies of 2-12 lines, each
// with one rare defect (a bare code or another code's "ddd " among the
// lines, a bare LF, a NUL or high byte, a cut terminator, a long line),
// so that the kernels' fast paths run and stop at every kind of line.
std::string clean_stream(std::mt19937_64& rng, size_t approx_size);

// Mostly multi-line replies whose text lines run 100 to 1,099 bytes, most
// past the walker's long_line (its block loop for long lines), with NUL,
// high bytes, CRs and bare LFs among them, bare codes and short lines
// between.
std::string long_line_stream(std::mt19937_64& rng, size_t approx_size);

// Options with random mode and limits, sometimes small enough to be hit.
ftpreply::options random_options(std::mt19937_64& rng);

// Random ascending cut positions inside [1, n).
std::vector<size_t> random_cuts(std::mt19937_64& rng, size_t n);

}  // namespace ftpreply_test

#endif
