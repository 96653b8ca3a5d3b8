// SPDX-License-Identifier: Apache-2.0
// fuzz_differential: every kernel against the scalar kernel, fast.
//
// Invariants checked:
//  1. Every kernel this CPU runs reports exactly the scalar kernel's events
//     (error, code, flags, offset, span; a reply's bytes view the stream at
//     its offset) on the stream fed whole.
//  2. The same holds with the stream cut where the input says and fed in two
//     calls through an output array of the size the input says.
//  3. No call consumes more than it was given or writes more events than
//     the output holds; finish() consumes everything.
// The reference model is fuzz_scanner's oracle; here the kernels are each
// other's, which keeps an execution cheap. On a difference it prints both
// event lists before aborting.
//
// Input: mode byte (bit 0 strict, bit 1 any code terminates, bits 2-6 the
// output capacity of the cut run less one), cut (16 bits, modulo the
// stream's length + 1), then the stream.
#include <vector>

#include "fuzz_input.h"
#include "reply_mutator.h"

namespace {

struct summary {
  uint64_t offset, start, length;
  uint16_t code, flags;
  ftpreply::error err;
  bool operator==(const summary& o) const {
    return offset == o.offset && start == o.start && length == o.length && code == o.code &&
           flags == o.flags && err == o.err;
  }
  bool operator!=(const summary& o) const { return !(*this == o); }
};

// The events of `s` fed as s[0, cut) then the rest, into `capacity` slots.
void scan(const ftpreply::options& opt, ftpreply::kernel k, const std::string& s, size_t cut,
          size_t capacity, std::vector<summary>* out) {
  out->clear();
  ftpreply::scanner sc(opt, k);
  ftpreply::event ev[32];
  size_t begin = 0;
  for (size_t end : {cut, s.size()}) {
    const bool last = end == s.size();
    for (;;) {
      const size_t n = end - begin;
      const ftpreply::scan_result r = last ? sc.finish(s.data() + begin, n, ev, capacity)
                                           : sc.scan(s.data() + begin, n, ev, capacity);
      ftpreply_fuzz::check(r.consumed <= n && r.events <= capacity, "consumed or wrote too much");
      for (size_t i = 0; i < r.events; ++i) {
        const ftpreply::event& e = ev[i];
        ftpreply_fuzz::check(!e.is_reply() || e.data() == s.data() + e.offset(),
                             "a reply does not view the stream at its offset");
        out->push_back({e.offset(), e.start(), e.length(), e.code(), e.flags(), e.err()});
      }
      begin += r.consumed;
      if (!r.output_full) break;
    }
    if (last) ftpreply_fuzz::check(begin == s.size(), "finish() left bytes");
  }
}

void print(const char* what, const std::vector<summary>& v) {
  std::fprintf(stderr, "%s:\n", what);
  for (const summary& e : v)
    std::fprintf(stderr, "  %s code=%u flags=%u offset=%llu start=%llu length=%llu\n",
                 ftpreply::to_string(e.err), e.code, e.flags,
                 static_cast<unsigned long long>(e.offset),
                 static_cast<unsigned long long>(e.start),
                 static_cast<unsigned long long>(e.length));
}

// Used by the custom mutator, which replay builds leave out.
[[maybe_unused]] constexpr size_t header_size = 3;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  const uint8_t mode = in.byte();
  const ftpreply::options opt = ftpreply_fuzz::options_from_mode(mode);
  const size_t capacity = 1 + (mode >> 2 & 31);
  const uint16_t cut = in.u16();
  const std::string s = in.rest();
  const size_t at = cut % (s.size() + 1);
  static std::vector<summary> scalar, other;
  scan(opt, ftpreply::kernel::scalar, s, s.size(), 32, &scalar);
  for (ftpreply::kernel k : ftpreply::all_kernels) {
    if (!ftpreply::kernel_supported(k)) continue;
    for (size_t c : {s.size(), at}) {
      if (k == ftpreply::kernel::scalar && c == s.size()) continue;
      scan(opt, k, s, c, c == s.size() ? 32 : capacity, &other);
      if (other == scalar) continue;
      print("scalar, whole", scalar);
      std::fprintf(stderr, "%s, cut at %zu, capacity %zu:\n", ftpreply::to_string(k), c,
                   c == s.size() ? size_t{32} : capacity);
      print("", other);
      ftpreply_fuzz::fail(std::string(ftpreply::to_string(k)) + " differs from scalar");
    }
  }
  return 0;
}

#if defined(FTPREPLY_LIBFUZZER)
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned seed) {
  return ftpreply_fuzz::mutate_reply_shaped(data, size, max_size, seed, header_size);
}
#endif
