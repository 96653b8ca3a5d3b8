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
//     the output holds; finish() consumes everything; gap() consumes
//     everything when it declares the loss.
//  4. With mode bit 7, bytes are lost at the cut (scanner::gap, 1 to 13
//     bytes, from the cut's value): the kernels still agree, fed whole
//     either side of the gap, or cut again inside the first part and with
//     the loss declared in two pieces.
// The reference model is fuzz_scanner's oracle; here the kernels are each
// other's, which keeps an execution cheap. On a difference it prints both
// event lists before aborting.
//
// Input: mode byte (bit 0 strict, bit 1 any code terminates, bits 2-6 the
// output capacity of the cut run less one, bit 7 a gap at the cut), cut
// (16 bits, modulo the stream's length + 1), then the stream.
#include <algorithm>
#include <cstdint>
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

// Where a run cuts the stream, and what it loses there.
struct feeding {
  size_t cut;         // the stream is fed as [0, cut) then the rest
  size_t gap_at;      // bytes are lost here (a cut too), or SIZE_MAX
  uint64_t lost;      // how many
  bool lost_in_two;   // declared as two gaps
};

// The events of `s` fed as `f` says, into `capacity` slots.
void scan(const ftpreply::options& opt, ftpreply::kernel k, const std::string& s,
          const feeding& f, size_t capacity, std::vector<summary>* out) {
  out->clear();
  ftpreply::scanner sc(opt, k);
  ftpreply::event ev[32];
  size_t begin = 0;
  std::vector<size_t> ends = {std::min(f.cut, s.size())};
  if (f.gap_at <= s.size()) ends.push_back(f.gap_at);
  std::sort(ends.begin(), ends.end());
  ends.push_back(s.size());
  for (size_t j = 0; j < ends.size(); ++j) {
    const size_t end = ends[j];
    const bool last = j + 1 == ends.size();
    const bool gap_here = !last && end == f.gap_at && (j == 0 || ends[j - 1] != end);
    uint64_t lost = gap_here ? f.lost : 0;
    for (int piece = 0; piece < (gap_here && f.lost_in_two ? 2 : 1); ++piece) {
      if (gap_here && f.lost_in_two) lost = piece == 0 ? f.lost / 2 : f.lost - f.lost / 2;
      for (;;) {
        const size_t n = end - begin;
        const ftpreply::scan_result r =
            last   ? sc.finish(s.data() + begin, n, ev, capacity)
            : lost ? sc.gap(s.data() + begin, n, lost, ev, capacity)
                   : sc.scan(s.data() + begin, n, ev, capacity);
        ftpreply_fuzz::check(r.consumed <= n && r.events <= capacity, "consumed or wrote too much");
        ftpreply_fuzz::check(!lost || r.output_full || r.consumed == n, "gap() left bytes");
        for (size_t i = 0; i < r.events; ++i) {
          const ftpreply::event& e = ev[i];
          ftpreply_fuzz::check(!e.is_reply() || e.offset() < f.gap_at ||
                                   e.data() == s.data() + e.offset() - f.lost,
                               "a reply does not view the stream at its offset");
          ftpreply_fuzz::check(!e.is_reply() || e.offset() >= f.gap_at ||
                                   e.data() == s.data() + e.offset(),
                               "a reply does not view the stream at its offset");
          out->push_back({e.offset(), e.start(), e.length(), e.code(), e.flags(), e.err()});
        }
        begin += r.consumed;
        if (!r.output_full) break;
      }
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
  const bool gap = mode >> 7;
  const size_t gap_at = gap ? at : SIZE_MAX;
  const uint64_t lost = gap ? 1 + cut % 13 : 0;
  static std::vector<summary> scalar, other;
  const feeding whole{s.size(), gap_at, lost, false};
  const feeding cut_up{gap ? at / 2 : at, gap_at, lost, gap};
  scan(opt, ftpreply::kernel::scalar, s, whole, 32, &scalar);
  for (ftpreply::kernel k : ftpreply::all_kernels) {
    if (!ftpreply::kernel_supported(k)) continue;
    for (int run = 0; run < 2; ++run) {
      const bool is_whole = run == 0;
      const feeding& f = is_whole ? whole : cut_up;
      if (k == ftpreply::kernel::scalar && is_whole) continue;
      scan(opt, k, s, f, is_whole ? 32 : capacity, &other);
      if (other == scalar) continue;
      print("scalar, whole", scalar);
      std::fprintf(stderr, "%s, cut at %zu, gap at %zu (%llu lost), capacity %zu:\n",
                   ftpreply::to_string(k), f.cut, f.gap_at, static_cast<unsigned long long>(lost),
                   is_whole ? size_t{32} : capacity);
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
