// SPDX-License-Identifier: Apache-2.0
// The AVX-512BW kernel: masks 64 bytes at a time, straight into mask
// registers; the input's last window is read with a masked load, which does
// not touch the bytes it leaves out.
#include "internal.h"

#if FTPREPLY_X86_64
#include <immintrin.h>

FTPREPLY_TARGET_BEGIN("avx512f,avx512bw,bmi,bmi2,lzcnt,popcnt")
namespace ftpreply {
namespace detail {
namespace avx512bw {

inline block_masks classify_vector(__m512i v) noexcept {
  block_masks m;
  m.lf = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
  m.cr = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
  // NUL or >= 0x80: the zero bytes and the sign bits, neither needing a
  // constant (a broadcast per window).
  m.special = _kor_mask64(_mm512_testn_epi8_mask(v, v), _mm512_movepi8_mask(v));
  return m;
}

inline block_masks classify_block(const unsigned char* p) noexcept {
  return classify_vector(_mm512_loadu_si512(p));
}

inline block_masks classify_tail(const unsigned char* p, size_t n) noexcept {
  const __mmask64 keep = _cvtu64_mask64(low_bits(static_cast<unsigned>(n)));
  return limit_masks(classify_vector(_mm512_maskz_loadu_epi8(keep, p)), n);
}


// The masked load reads the input's last window alone: nothing to shift.
constexpr bool tail_from_end = false;

// The next window classified while the lines of this one are taken
// (walker.h: ahead). Zen 4, tools/ab_kernel.sh, time against one window at
// a time: whole inputs 0.945 session, 0.947 short, 0.906 multiline, 0.984
// hostile, 0.979 servers, 0.86-0.94 altgen's streams; fed 1,460 bytes a
// call 0.91-1.00.
constexpr bool classify_ahead = true;

// No clean_window() or quiet_window() of its own (internal.h's pass no
// window): the windows made ahead do not use the first, and neither is
// measured on an AVX-512 core yet.

#include "generic/walker.h"

}  // namespace avx512bw
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
