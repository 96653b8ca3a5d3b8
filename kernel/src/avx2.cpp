// SPDX-License-Identifier: Apache-2.0
// The AVX2 kernel: masks 32 bytes at a time.
#include "internal.h"

#if FTPREPLY_X86_64
#include <immintrin.h>

FTPREPLY_TARGET_BEGIN("avx2,bmi,bmi2,lzcnt,popcnt")
namespace ftpreply {
namespace detail {
namespace avx2 {

inline block_masks classify_block(const unsigned char* p) noexcept {
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  const __m256i zero = _mm256_setzero_si256();
  block_masks m{0, 0, 0};
  // Written out, not looped: GCC 12 at -O2 keeps the loop, with a
  // variable shift per mask and a branch per step, in every walker loop.
  auto add = [&](const unsigned char* q, unsigned shift) FTPREPLY_LAMBDA_INLINE {
    const __m256i v =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
    auto bits = [](__m256i x) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(x)));
    };
    m.lf |= bits(_mm256_cmpeq_epi8(v, lf)) << shift;
    m.cr |= bits(_mm256_cmpeq_epi8(v, cr)) << shift;
    // High bit set (>= 0x80), or zero (the compare sets it): one movemask.
    m.special |= bits(_mm256_or_si256(v, _mm256_cmpeq_epi8(v, zero))) << shift;
  };
  add(p, 0);
  add(p + 32, 32);
  return m;
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  alignas(32) unsigned char tmp[64] = {};
  std::memcpy(tmp, p, n);
  return limit_masks(classify_block(tmp), n);
}

// The LF mask of the 64 bytes at p, when each LF has a CR before it (the
// byte before p is read, a load one byte back) and none is a NUL or high
// byte; false otherwise. The masks of CR and NUL or high bytes are not
// made: the bytes are ORed and tested once.
inline bool clean_window(const unsigned char* p, uint64_t& lf_mask) noexcept {
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  const __m256i zero = _mm256_setzero_si256();
  const __m256i* const q = reinterpret_cast<const __m256i*>(p);
  const __m256i* const before = reinterpret_cast<const __m256i*>(p - 1);
  const __m256i v0 = _mm256_loadu_si256(q), v1 = _mm256_loadu_si256(q + 1);
  const __m256i l0 = _mm256_cmpeq_epi8(v0, lf), l1 = _mm256_cmpeq_epi8(v1, lf);
  const __m256i bare =
      _mm256_or_si256(_mm256_andnot_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256(before), cr), l0),
                      _mm256_andnot_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256(before + 1), cr), l1));
  const __m256i odd = _mm256_or_si256(_mm256_or_si256(v0, _mm256_cmpeq_epi8(v0, zero)),
                                      _mm256_or_si256(v1, _mm256_cmpeq_epi8(v1, zero)));
  lf_mask = static_cast<uint32_t>(_mm256_movemask_epi8(l0)) |
            uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(l1))} << 32;
  return _mm256_movemask_epi8(_mm256_or_si256(bare, odd)) == 0;
}

// Whether the 64 bytes at p hold no LF and no NUL or high byte: a window
// inside a long line, in one test.
inline bool quiet_window(const unsigned char* p) noexcept {
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i zero = _mm256_setzero_si256();
  const __m256i* const q = reinterpret_cast<const __m256i*>(p);
  const __m256i v0 = _mm256_loadu_si256(q), v1 = _mm256_loadu_si256(q + 1);
  const __m256i odd = _mm256_or_si256(
      _mm256_or_si256(_mm256_or_si256(v0, _mm256_cmpeq_epi8(v0, zero)), _mm256_cmpeq_epi8(v0, lf)),
      _mm256_or_si256(_mm256_or_si256(v1, _mm256_cmpeq_epi8(v1, zero)), _mm256_cmpeq_epi8(v1, lf)));
  return _mm256_movemask_epi8(odd) == 0;
}

// The input's last window from the 64 bytes that end the input, shifted
// (walker.h: tail_masks()): no zero-filled copy to read back.
constexpr bool tail_from_end = true;

// Each window classified when the walk reaches it. Made a window early
// (walker.h: ahead), AVX2 on Zen 4 took 0.93-0.98 of the time on
// multiline, session, servers and altgen's streams but 1.04-1.07 on
// hostile (tools/ab_kernel.sh; the same version against itself: 1.00).
constexpr bool classify_ahead = false;

#include "generic/walker.h"

}  // namespace avx2
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
