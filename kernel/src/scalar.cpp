// The scalar kernel: portable C++, one byte at a time. Always compiled; the
// fallback on CPUs without SIMD and the reference the other kernels match.
#include "internal.h"

namespace ftpreply {
namespace detail {
namespace scalar {

inline block_masks classify_block(const unsigned char* p) noexcept {
  block_masks m{0, 0, 0, 0, 0};
  for (unsigned i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    const unsigned char c = p[i];
    if (c == '\n') m.lf |= bit;
    if (c == '\r') m.cr |= bit;
    if (c == 0 || c >= 0x80) m.special |= bit;
    if (c >= '0' && c <= '9') m.digit |= bit;
    if (c == ' ') m.space |= bit;
  }
  return m;
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  unsigned char tmp[64] = {};
  std::memcpy(tmp, p, n);
  return limit_masks(classify_block(tmp), n);
}

#include "generic/walker.h"

}  // namespace scalar
}  // namespace detail
}  // namespace ftpreply
