// SPDX-License-Identifier: Apache-2.0
// fuzz_scanner: the streaming scanner with fuzzer-chosen options, limits,
// output capacity and cuts.
//
// Invariants checked:
//  1. No call consumes more than it was given or writes more events than
//     the output holds; finish() consumes everything.
//  2. Events are in stream order, inside the stream; reply spans, error
//     spans and skipped blank lines cover every byte exactly once.
//  3. Replies keep the limits and their own shape (tests/support/invariants).
//  4. The events equal the naive reference model's and do not depend on
//     where the stream was cut or how small the output array was.
// The automatic kernel is checked here; fuzz_differential ties every other
// kernel to the scalar one, so the reference model runs once per input.
//
// Input: mode byte, capacity byte, max_line (16 bits), max_reply (32 bits),
// max_lines (16 bits), four cut bytes, then the stream. A zero limit means
// the default.
#include "fuzz_input.h"
#include "harness.h"
#include "invariants.h"
#include "reference.h"
#include "reply_mutator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  ftpreply::options opt = ftpreply_fuzz::options_from_mode(in.byte());
  const size_t capacity = 1 + in.byte() % 8;
  if (uint16_t v = in.u16()) opt.max_line = v;
  if (uint32_t v = in.u32()) opt.max_reply = v;
  if (uint16_t v = in.u16()) opt.max_lines = v;
  uint8_t cut_bytes[4];
  for (uint8_t& c : cut_bytes) c = in.byte();
  const std::string s = in.rest();
  std::vector<size_t> cuts;
  for (uint8_t c : cut_bytes) {
    size_t at = s.size() * c / 256;
    if (at > 0 && at < s.size() && (cuts.empty() || at > cuts.back())) cuts.push_back(at);
  }
  const auto expected = ftpreply_test::reference_scan(s, opt);
  for (ftpreply::kernel k : {ftpreply::best_kernel()}) {
    const auto r = ftpreply_test::scan_pieces(opt, k, ftpreply_test::cut_at(s, cuts), capacity);
    ftpreply_fuzz::check(r.violation.empty(), r.violation);
    ftpreply_fuzz::check(r.consumed == s.size(), "finish() did not consume the stream");
    const std::string broken = ftpreply_test::check_invariants(s, opt, r.events);
    ftpreply_fuzz::check(broken.empty(), broken);
    if (r.events != expected) {
      std::fprintf(stderr, "%s:\n%s\nreference:\n%s", ftpreply::to_string(k),
                   ftpreply_test::describe(r.events).c_str(),
                   ftpreply_test::describe(expected).c_str());
      ftpreply_fuzz::fail("the scanner differs from the reference model");
    }
  }
  return 0;
}

#if defined(FTPREPLY_LIBFUZZER)
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned seed) {
  return ftpreply_fuzz::mutate_reply_shaped(data, size, max_size, seed, 14);
}
#endif
