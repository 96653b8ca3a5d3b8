// SPDX-License-Identifier: Apache-2.0
// One version of the kernel inside tools/ab_kernel's harness: compiled, with
// the kernel's sources, under -Dftpreply=ftpreply_SIDE -DSIDE=SIDE, so that
// two versions link into one binary, each in its own namespace.
#include "ftpreply/scanner.h"

#define FTPREPLY_AB_CAT2(a, b) a##b
#define FTPREPLY_AB_CAT(a, b) FTPREPLY_AB_CAT2(a, b)

// Scans data[0, size) fed `piece` bytes a call (as the benchmark's
// scan_chunked does: the unconsumed bytes again, then the next piece);
// returns the replies, or -1 when the kernel does not run here.
extern "C" long FTPREPLY_AB_CAT(ab_scan_, SIDE)(const char* data, size_t size, size_t piece,
                                                 const char* kernel_name) {
  ftpreply::kernel k;
  if (!ftpreply::kernel_from_string(kernel_name, &k) || !ftpreply::kernel_supported(k)) return -1;
  ftpreply::scanner sc(ftpreply::options::lenient(), k);
  ftpreply::event ev[256];
  size_t begin = 0, end = 0;
  long replies = 0;
  for (;;) {
    const bool last = end == size;
    const ftpreply::scan_result r = last ? sc.finish(data + begin, end - begin, ev, 256)
                                         : sc.scan(data + begin, end - begin, ev, 256);
    for (size_t i = 0; i < r.events; ++i) replies += ev[i].is_reply();
    begin += r.consumed;
    if (r.output_full) continue;
    if (last) return replies;
    end = size - end < piece ? size : end + piece;
  }
}
