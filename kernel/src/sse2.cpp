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
  block_masks m{0, 0, 0};
  // Written out, not looped: GCC 12 at -O2 keeps the loop, with a
  // variable shift per mask and a branch per step, in every walker loop.
  auto add = [&](const unsigned char* q, unsigned shift) FTPREPLY_LAMBDA_INLINE {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    auto bits = [](__m128i x) {
      return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(x)));
    };
    m.lf |= bits(_mm_cmpeq_epi8(v, lf)) << shift;
    m.cr |= bits(_mm_cmpeq_epi8(v, cr)) << shift;
    // High bit set (>= 0x80), or zero (the compare sets it): one movemask.
    m.special |= bits(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))) << shift;
  };
  add(p, 0);
  add(p + 16, 16);
  add(p + 32, 32);
  add(p + 48, 48);
  return m;
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  alignas(16) unsigned char tmp[64] = {};
  std::memcpy(tmp, p, n);
  return limit_masks(classify_block(tmp), n);
}

// The LF mask of the 64 bytes at p, when each LF has a CR before it (the
// byte before p is read, a load one byte back) and none is a NUL or high
// byte; false otherwise. The masks of CR and NUL or high bytes are not
// made: the bytes are ORed and tested once.
inline bool clean_window(const unsigned char* p, uint64_t& lf_mask) noexcept {
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i zero = _mm_setzero_si128();
  __m128i odd = zero;  // high bit: a bare LF, a NUL or a high byte
  uint64_t m = 0;
  auto add = [&](const unsigned char* q, unsigned shift) FTPREPLY_LAMBDA_INLINE {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q - 1));
    const __m128i l = _mm_cmpeq_epi8(v, lf);
    m |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(l))} << shift;
    odd = _mm_or_si128(odd, _mm_andnot_si128(_mm_cmpeq_epi8(before, cr), l));
    odd = _mm_or_si128(odd, _mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
  };
  add(p, 0);
  add(p + 16, 16);
  add(p + 32, 32);
  add(p + 48, 48);
  lf_mask = m;
  return _mm_movemask_epi8(odd) == 0;
}

// Whether the 64 bytes at p hold no LF and no NUL or high byte: a window
// inside a long line, in one test.
inline bool quiet_window(const unsigned char* p) noexcept {
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  __m128i odd = zero;  // high bit: an LF, a NUL or a high byte
  for (unsigned k = 0; k < 64; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
    odd = _mm_or_si128(odd, _mm_or_si128(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)),
                                         _mm_cmpeq_epi8(v, lf)));
  }
  return _mm_movemask_epi8(odd) == 0;
}

// The input's last window from the 64 bytes that end the input, shifted
// (walker.h: tail_masks()): no zero-filled copy to read back.
constexpr bool tail_from_end = true;

// Each window classified when the walk reaches it. Made a window early
// (walker.h: ahead), SSE2 on Zen 4 took 0.91-0.98 of the time on whole
// inputs but 1.006-1.017 fed 1,460 bytes a call on hostile, servers,
// multiline and altgen's session (tools/ab_kernel.sh).
constexpr bool classify_ahead = false;

#include "generic/walker.h"

}  // namespace sse2
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
