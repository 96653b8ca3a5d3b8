// SPDX-License-Identifier: Apache-2.0
// The scalar kernel: portable C++ for CPUs without a SIMD kernel (s390x,
// POWER, RISC-V, ...). Always compiled; the fallback and the reference the
// other kernels match. Masks are made eight bytes at a time with 64-bit
// word arithmetic (SWAR), the same on either byte order.
#include "internal.h"

namespace ftpreply {
namespace detail {
namespace scalar {

constexpr uint64_t ones = 0x0101010101010101u;
constexpr uint64_t highs = 0x8080808080808080u;
constexpr uint64_t lows = 0x7F7F7F7F7F7F7F7Fu;

// The high bit of each byte of x that is zero. Exact: (x & 0x7F) + 0x7F
// stays within its byte (at most 0xFE), so no carry crosses bytes; its high
// bit is set when the low seven bits are not all zero, and x's own high bit
// covers the rest.
inline uint64_t zero_bytes(uint64_t x) noexcept {
  return ~(((x & lows) + lows) | x) & highs;
}

// Byte i's high bit (bit 8i + 7) to bit i: shifted to bit 8i, the multiply
// adds byte i's bit at 8i + 56 - 7i = 56 + i, and the lower products never
// carry into the top byte.
inline uint64_t gather(uint64_t high_bits) noexcept {
  return ((high_bits >> 7) * 0x0102040810204080u) >> 56;
}

inline block_masks classify_block(const unsigned char* p) noexcept {
  block_masks m{0, 0, 0, 0, 0};
  for (unsigned i = 0; i < 8; ++i) {
    const uint64_t x = load_le<uint64_t>(p + 8 * i);  // byte 0 lowest
    const unsigned shift = 8 * i;
    // Digits: high bit clear, low seven bits in 0x30-0x39 (lo + 0x50 carries
    // into the high bit from 0x30 on; lo + 0x46 from 0x3A on).
    const uint64_t lo = x & lows;
    const uint64_t digit = ((lo + 0x50 * ones) & ~(lo + 0x46 * ones) & ~x) & highs;
    m.lf |= gather(zero_bytes(x ^ ('\n' * ones))) << shift;
    m.cr |= gather(zero_bytes(x ^ ('\r' * ones))) << shift;
    m.space |= gather(zero_bytes(x ^ (' ' * ones))) << shift;
    m.special |= gather((x & highs) | zero_bytes(x)) << shift;
    m.digit |= gather(digit) << shift;
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

// One byte at a time, as the rules read: what the SWAR masks must equal.
block_masks classify_bytewise(const unsigned char* p) noexcept {
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

block_masks classify_swar(const unsigned char* p) noexcept { return scalar::classify_block(p); }

}  // namespace detail
}  // namespace ftpreply
