// SPDX-License-Identifier: Apache-2.0
// The SSE2 kernel: masks 16 bytes at a time.
#include "internal.h"

#if FTPREPLY_X86_64
#include <immintrin.h>

FTPREPLY_TARGET_BEGIN("sse2")
namespace ftpreply {
namespace detail {
namespace sse2 {

inline block_masks classify_block(const unsigned char* p) noexcept {
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i zero = _mm_setzero_si128();
  const __m128i digit0 = _mm_set1_epi8('0');
  const __m128i nine = _mm_set1_epi8(9);
  const __m128i space = _mm_set1_epi8(' ');
  block_masks m{0, 0, 0, 0, 0};
  for (unsigned i = 0; i < 4; ++i) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const unsigned shift = 16 * i;
    auto bits = [](__m128i x) {
      return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(x)));
    };
    m.lf |= bits(_mm_cmpeq_epi8(v, lf)) << shift;
    m.cr |= bits(_mm_cmpeq_epi8(v, cr)) << shift;
    m.space |= bits(_mm_cmpeq_epi8(v, space)) << shift;
    // High bit set (>= 0x80) or zero.
    m.special |= (bits(v) | bits(_mm_cmpeq_epi8(v, zero))) << shift;
    // c - '0' <= 9 as unsigned bytes: max(d, 9) == 9.
    const __m128i d = _mm_sub_epi8(v, digit0);
    m.digit |= bits(_mm_cmpeq_epi8(_mm_max_epu8(d, nine), nine)) << shift;
  }
  return m;
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  alignas(16) unsigned char tmp[64] = {};
  std::memcpy(tmp, p, n);
  return limit_masks(classify_block(tmp), n);
}

#include "generic/walker.h"

}  // namespace sse2
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
