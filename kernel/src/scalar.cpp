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

// The high bit of each byte of x that is NUL or >= 0x80.
inline uint64_t special_bytes(uint64_t x) noexcept { return (x & highs) | zero_bytes(x); }

// The 8x8 bit matrix x transposed, bit 8r + c to bit 8c + r: three
// exchanges of blocks across the diagonal (Hacker's Delight, 7-3).
inline uint64_t transpose_bits(uint64_t x) noexcept {
  uint64_t t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAu;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCu;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0u;
  return x ^ t ^ (t << 28);
}

// The masks exactly, every class at every byte: for a window with many
// lines, and for tests (classify_swar_dense()). Out of line, as
// special_mask(): inlined in the walker's runs with classify_block(), they
// had GCC keep the window's words and sums live for them, spilled and
// their constants loaded again (callgrind, session: 13% more instructions).
FTPREPLY_NOINLINE block_masks classify_dense(const unsigned char* p) noexcept {
  block_masks m{0, 0, 0};
  for (unsigned i = 0; i < 8; ++i) {
    const uint64_t x = load_le<uint64_t>(p + 8 * i);  // byte 0 lowest
    const unsigned shift = 8 * i;
    m.lf |= gather(zero_bytes(x ^ ('\n' * ones))) << shift;
    m.cr |= gather(zero_bytes(x ^ ('\r' * ones))) << shift;
    m.special |= gather(special_bytes(x)) << shift;
  }
  return m;
}

// The special mask alone: for a sparse window that holds a NUL or high
// byte (UTF-8 file names do), without the other dense masks.
FTPREPLY_NOINLINE uint64_t special_mask(const unsigned char* p) noexcept {
  uint64_t special = 0;
  for (unsigned i = 0; i < 8; ++i)
    special |= gather(special_bytes(load_le<uint64_t>(p + 8 * i))) << 8 * i;
  return special;
}

// Text is most of what a server sends, and the walker reads CRs only
// before line ends and at the window's end (block_masks' contract): with
// few lines in the window, the CR mask is made there alone, and NUL and
// high bytes are looked for one word at a time before any mask is made of
// them.
FTPREPLY_ALWAYS_INLINE block_masks classify_block(const unsigned char* p) noexcept {
  // The LF mask as a bit matrix, word i's bytes other than LF at bit i of
  // each byte (the words taken in Horner's way: one constant), transposed
  // once for the window: a multiply a word to gather the bits cost more.
  uint64_t other = 0, specials = 0;
  for (unsigned i = 0; i < 8; ++i) {
    const uint64_t x = load_le<uint64_t>(p + 8 * i);
    const uint64_t y = x ^ ('\n' * ones);  // nonzero bytes are not LF
    other = other >> 1 | ((((y & lows) + lows) | y) & highs);
    specials |= (x - ones) | x;  // a high bit where some byte is 0 or >= 0x80
  }
  const uint64_t lf = transpose_bits(~other);
  block_masks m{lf, uint64_t{p[63] == '\r'} << 63, 0};
  if (specials & highs) m.special = special_mask(p);
  // (e >= 1, and & 63 for GCC's bounds warning, which cannot see it.)
  unsigned lines = 0;
  for (uint64_t l = lf & ~uint64_t{1}; l; l &= l - 1) {
    // More than eight lines: the dense CR mask costs less than the bytes
    // (counted here: a popcount without POPCNT costs more).
    if (++lines > 8) return classify_dense(p);
    const unsigned e = trailing_zeros(l);
    m.cr |= uint64_t{p[(e - 1) & 63] == '\r'} << (e - 1);
  }
  return m;
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  unsigned char tmp[64] = {};
  std::memcpy(tmp, p, n);
  return limit_masks(classify_block(tmp), n);
}

// The input's last window from the 64 bytes that end the input, shifted
// (walker.h: tail_masks()): the masks hold at every byte the walker reads.
constexpr bool tail_from_end = true;

// Each window classified when the walk reaches it: made a window early
// (walker.h: ahead), the SWAR masks took 1.01-1.08 of the time (Zen 4).
constexpr bool classify_ahead = false;

// No clean_window() or quiet_window() of its own (internal.h's pass no
// window): the SWAR masks are made together, so one would spare only the
// walker's stop.

#include "generic/walker.h"

}  // namespace scalar

// One byte at a time, as the rules read: what the SWAR masks must equal.
block_masks classify_bytewise(const unsigned char* p) noexcept {
  block_masks m{0, 0, 0};
  for (unsigned i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    const unsigned char c = p[i];
    if (c == '\n') m.lf |= bit;
    if (c == '\r') m.cr |= bit;
    if (c == 0 || c >= 0x80) m.special |= bit;
  }
  return m;
}

block_masks classify_swar(const unsigned char* p) noexcept { return scalar::classify_block(p); }
block_masks classify_swar_dense(const unsigned char* p) noexcept { return scalar::classify_dense(p); }

}  // namespace detail
}  // namespace ftpreply
