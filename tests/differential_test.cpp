// SPDX-License-Identifier: Apache-2.0
// Every kernel against the naive reference model on random reply-like
// streams, whole and cut at random places, with random modes and limits.
#include "gtest/gtest.h"
#include "harness.h"
#include "kernel_param.h"
#include "random_streams.h"
#include "reference.h"

namespace ftpreply_test {
namespace {

class Differential : public ::testing::TestWithParam<ftpreply::kernel> {};

TEST_P(Differential, MatchesReferenceOnRandomStreams) {
  std::mt19937_64 rng(20261121);
  for (int iter = 0; iter < 4000; ++iter) {
    const size_t size = iter % 10 == 0 ? 5000 : 1 + iter % 400;
    const std::string s = random_stream(rng, size);
    const ftpreply::options opt = random_options(rng);
    const std::vector<recorded> expected = reference_scan(s, opt);
    const std::vector<size_t> cuts = random_cuts(rng, s.size());
    run_result r = scan_pieces(opt, GetParam(), cut_at(s, cuts), 1 + iter % 7);
    ASSERT_EQ(r.violation, "") << "iteration " << iter;
    ASSERT_EQ(r.events, expected)
        << "iteration " << iter << " strict=" << opt.strict
        << " any=" << opt.any_code_terminates << " max_line=" << opt.max_line
        << " max_reply=" << opt.max_reply << " max_lines=" << opt.max_lines
        << "\nkernel:\n" << describe(r.events) << "reference:\n" << describe(expected);
    ASSERT_EQ(r.consumed, s.size());
  }
}

// `iterations` streams from `make`, each whole or cut at random places,
// with random modes, limits and output sizes, against the reference.
template <typename Make>
void matches_reference(ftpreply::kernel k, uint64_t seed, int iterations, Make make) {
  std::mt19937_64 rng(seed);
  for (int iter = 0; iter < iterations; ++iter) {
    const std::string s = make(rng, iter);
    const ftpreply::options opt = random_options(rng);
    const std::vector<recorded> expected = reference_scan(s, opt);
    const std::vector<size_t> cuts = iter % 2 ? random_cuts(rng, s.size()) : std::vector<size_t>();
    run_result r = scan_pieces(opt, k, cut_at(s, cuts), iter % 3 ? 256 : 1 + iter % 7);
    ASSERT_EQ(r.violation, "") << "iteration " << iter;
    ASSERT_EQ(r.events, expected)
        << "iteration " << iter << " strict=" << opt.strict
        << " any=" << opt.any_code_terminates << " max_line=" << opt.max_line
        << " max_reply=" << opt.max_reply << " max_lines=" << opt.max_lines;
    ASSERT_EQ(r.consumed, s.size());
  }
}

// Mostly clean traffic keeps the runs (expect_run(), block_run()) going,
// so each rare defect meets them at every window offset; random limits cut
// blocks short.
TEST_P(Differential, MatchesReferenceOnMostlyCleanStreams) {
  matches_reference(GetParam(), 20261122, 600, [](std::mt19937_64& rng, int iter) {
    return clean_stream(rng, iter % 10 == 0 ? 20000 : 2000);
  });
}

// Blocks of long lines: after the first line over 192 bytes a block goes
// on in the walker's loop for long lines (block_run<., true>), which passes
// over the windows inside a line; limits cut its blocks short.
TEST_P(Differential, MatchesReferenceOnLongLineBlocks) {
  matches_reference(GetParam(), 20261207, 300, [](std::mt19937_64& rng, int iter) {
    return long_line_stream(rng, iter % 10 == 0 ? 40000 : 4000);
  });
}

FTPREPLY_INSTANTIATE_FOR_KERNELS(Differential);

}  // namespace
}  // namespace ftpreply_test
