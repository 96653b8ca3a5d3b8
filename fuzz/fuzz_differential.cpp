// fuzz_differential: every kernel against the scalar kernel.
//
// Invariants checked:
//  1. Every kernel this CPU runs reports exactly the scalar kernel's events
//     (error, code, flags, lines, offset, span, bytes, text) on the stream
//     fed whole.
//  2. The same holds with the stream cut at a fuzzer-chosen place and fed in
//     two calls, and that cut result equals the whole one.
// On a difference it prints each kernel's events before aborting.
//
// Input: mode byte (bit 0 strict, bit 1 any code terminates), cut point
// (16 bits, taken modulo the stream's length), then the stream.
#include "fuzz_input.h"
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  ftpreply::options opt = ftpreply_fuzz::options_from_mode(in.byte());
  const uint16_t cut = in.u16();
  const std::string s = in.rest();
  const size_t at = s.empty() ? 0 : cut % (s.size() + 1);
  using ftpreply_test::scan_pieces;
  const auto scalar = scan_pieces(opt, ftpreply::kernel::scalar, {s});
  const auto scalar_cut = scan_pieces(opt, ftpreply::kernel::scalar, ftpreply_test::cut_at(s, {at}));
  ftpreply_fuzz::check(scalar.violation.empty(), "scalar: " + scalar.violation);
  if (scalar_cut.events != scalar.events) {
    std::fprintf(stderr, "scalar whole:\n%s\nscalar cut at %zu:\n%s",
                 ftpreply_test::describe(scalar.events).c_str(), at,
                 ftpreply_test::describe(scalar_cut.events).c_str());
    ftpreply_fuzz::fail("the scalar kernel depends on the cut");
  }
  for (ftpreply::kernel k : ftpreply_test::supported_kernels()) {
    const auto whole = scan_pieces(opt, k, {s});
    const auto cut_run = scan_pieces(opt, k, ftpreply_test::cut_at(s, {at}), 3);
    if (whole.events == scalar.events && cut_run.events == scalar.events &&
        whole.violation.empty() && cut_run.violation.empty())
      continue;
    std::fprintf(stderr, "scalar:\n%s\n%s whole:\n%s\n%s cut at %zu:\n%s\n",
                 ftpreply_test::describe(scalar.events).c_str(), ftpreply::to_string(k),
                 ftpreply_test::describe(whole.events).c_str(), ftpreply::to_string(k), at,
                 ftpreply_test::describe(cut_run.events).c_str());
    ftpreply_fuzz::fail(std::string(ftpreply::to_string(k)) + " differs from scalar");
  }
  return 0;
}
