// SPDX-License-Identifier: Apache-2.0
// The NEON kernel (AArch64): masks 16 bytes at a time, four vectors folded
// into one 64-bit mask.
#include "internal.h"

#if FTPREPLY_ARM64
#include <arm_neon.h>

namespace ftpreply {
namespace detail {
namespace neon {

// Bit i of the result is the top bit of byte i of the 64 bytes a, b, c, d.
// Each byte is reduced to its own bit weight (1, 2, ..., 128 repeating), then
// pairwise adds fold neighbours: 64 bytes -> 32 -> 16 -> 8 bytes, each output
// byte holding eight input bits.
inline uint64_t to_bits(uint8x16_t a, uint8x16_t b, uint8x16_t c, uint8x16_t d) noexcept {
  static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128,
                                      1, 2, 4, 8, 16, 32, 64, 128};
  const uint8x16_t w = vld1q_u8(weights);
  uint8x16_t ab = vpaddq_u8(vandq_u8(a, w), vandq_u8(b, w));
  uint8x16_t cd = vpaddq_u8(vandq_u8(c, w), vandq_u8(d, w));
  uint8x16_t abcd = vpaddq_u8(ab, cd);
  abcd = vpaddq_u8(abcd, abcd);
  return vgetq_lane_u64(vreinterpretq_u64_u8(abcd), 0);
}

inline block_masks classify_block(const unsigned char* p) noexcept {
  uint8x16_t v[4];
  for (int i = 0; i < 4; ++i) v[i] = vld1q_u8(p + 16 * i);
  const uint8x16_t lf = vdupq_n_u8('\n'), cr = vdupq_n_u8('\r');
  const uint8x16_t top = vdupq_n_u8(0x7F), zero = vdupq_n_u8(0);
  uint8x16_t x[4];
  block_masks m;
  for (int i = 0; i < 4; ++i) x[i] = vceqq_u8(v[i], lf);
  m.lf = to_bits(x[0], x[1], x[2], x[3]);
  for (int i = 0; i < 4; ++i) x[i] = vceqq_u8(v[i], cr);
  m.cr = to_bits(x[0], x[1], x[2], x[3]);
  for (int i = 0; i < 4; ++i)
    x[i] = vorrq_u8(vcgtq_u8(v[i], top), vceqq_u8(v[i], zero));
  m.special = to_bits(x[0], x[1], x[2], x[3]);
  return m;
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  unsigned char tmp[64] = {};
  std::memcpy(tmp, p, n);
  return limit_masks(classify_block(tmp), n);
}


// The input's last window from the 64 bytes that end the input, shifted
// (walker.h: tail_masks()): no zero-filled copy to read back.
constexpr bool tail_from_end = true;

// Each window classified when the walk reaches it: a window early
// (walker.h: ahead) is not measured on an ARM core yet.
constexpr bool classify_ahead = false;

// No clean_window() or quiet_window() of its own (internal.h's pass no
// window): not measured on an ARM core yet.

#include "generic/walker.h"

}  // namespace neon
}  // namespace detail
}  // namespace ftpreply
#endif
