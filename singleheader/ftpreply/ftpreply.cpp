// ftpreply.cpp - the ftpreply kernel in one source: ftpreply 1.1.0, SPDX-License-Identifier: Apache-2.0.
// Generated from kernel/ by tools/amalgamate.cmake (cmake --build BUILD --target
// ftpreply_singleheader); do not edit.
// C++17, no dependencies.
#include "ftpreply.h"
// ---- internal.h ----
// SPDX-License-Identifier: Apache-2.0
// Internal to the kernel: what every per-CPU scanner shares.
#ifndef FTPREPLY_INTERNAL_H
#define FTPREPLY_INTERNAL_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>


// FTPREPLY_NO_SIMD (CMake: FTPREPLY_SIMD=OFF) compiles the portable kernel
// only, as on a CPU family without a SIMD kernel.
#if (defined(__x86_64__) || defined(_M_X64)) && !defined(FTPREPLY_NO_SIMD)
#define FTPREPLY_X86_64 1
#else
#define FTPREPLY_X86_64 0
#endif
#if (defined(__aarch64__) || defined(_M_ARM64)) && !defined(FTPREPLY_NO_SIMD)
#define FTPREPLY_ARM64 1
#else
#define FTPREPLY_ARM64 0
#endif

// Compiler target regions: code between BEGIN and END is compiled for the
// named instruction sets whatever the command line says, so the library
// builds with plain -O2 and still runs AVX2 code where the CPU has it.
#if defined(__clang__)
#define FTPREPLY_PRAGMA(x) _Pragma(#x)
#define FTPREPLY_TARGET_BEGIN(isa) \
  FTPREPLY_PRAGMA(clang attribute push(__attribute__((target(isa))), apply_to = function))
#define FTPREPLY_TARGET_END FTPREPLY_PRAGMA(clang attribute pop)
#elif defined(__GNUC__)
#define FTPREPLY_PRAGMA(x) _Pragma(#x)
#define FTPREPLY_TARGET_BEGIN(isa) \
  FTPREPLY_PRAGMA(GCC push_options) FTPREPLY_PRAGMA(GCC target(isa))
#define FTPREPLY_TARGET_END FTPREPLY_PRAGMA(GCC pop_options)
#else
#define FTPREPLY_TARGET_BEGIN(isa)
#define FTPREPLY_TARGET_END
#endif

#if defined(__GNUC__)
#define FTPREPLY_LAMBDA_INLINE __attribute__((always_inline))
#define FTPREPLY_ALWAYS_INLINE inline __attribute__((always_inline))
#define FTPREPLY_NOINLINE __attribute__((noinline))
#else
#define FTPREPLY_NOINLINE
#define FTPREPLY_LAMBDA_INLINE
#define FTPREPLY_ALWAYS_INLINE inline
#endif

namespace ftpreply {
namespace detail {

// The only job of the per-CPU code: for 64 bytes, one bit per byte (bit i is
// byte i) of each class the RFC logic needs. lf and special are exact at
// every byte; cr is read only before each LF and at bit 63, and only there
// must it be exact: the scalar kernel makes it there alone. (A line's head
// is read from the input, 4 bytes at once, not from masks.)
struct block_masks {
  uint64_t lf;       // '\n'
  uint64_t cr;       // '\r'
  uint64_t special;  // NUL or >= 0x80: bytes that set reply flags
};
// True when `m` meets block_masks' contract against `exact`, masks exact
// at every byte: equal wherever the walker reads.
inline bool masks_agree(const block_masks& m, const block_masks& exact) noexcept {
  const uint64_t cr_read = exact.lf >> 1 | uint64_t{1} << 63;
  return m.lf == exact.lf && m.special == exact.special && ((m.cr ^ exact.cr) & cr_read) == 0;
}
// resync: after a gap, dropping lines until one can start a reply (rule 11;
// scanner.cpp handles it before any kernel runs).
enum scan_mode : uint8_t { mode_expect = 0, mode_block = 1, mode_skip = 2, mode_resync = 3 };

// Which limit a line broke, given its length and the block bytes before
// it. Line first, then reply bytes, then lines, so the answer does not
// depend on when the line's end arrived.
inline error limit_error(const options& opt, uint64_t line_len, uint64_t block_bytes) noexcept {
  if (line_len > opt.max_line) return error::line_too_long;
  if (block_bytes + line_len > opt.max_reply) return error::reply_too_long;
  return error::too_many_lines;
}

// '0'-'9'.
inline bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// True when the three low bytes of v (a line's first bytes, little
// endian) are ASCII digits. A byte c fails when c - '0' has its top bit
// set (c < '0' or c >= 0xB0) or c - '0' + 0x76 does (c - '0' > 9). Passing
// bytes neither borrow nor carry, so the lowest failing byte is computed
// exactly and any failure shows, whatever it spills into the bytes above.
inline bool three_digits(uint32_t v) noexcept {
  const uint32_t d = v - 0x00303030u;
  return ((d | (d + 0x00767676u)) & 0x00808080u) == 0;
}

// Bits 0..n-1 set, for n in 0..64.
inline uint64_t low_bits(unsigned n) noexcept {
  return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
}

inline unsigned trailing_zeros(uint64_t x) noexcept {
#if defined(__GNUC__)
  return static_cast<unsigned>(__builtin_ctzll(x));
#else
  unsigned n = 0;
  while (!(x & 1)) { x >>= 1; ++n; }
  return n;
#endif
}

inline unsigned leading_zeros(uint64_t x) noexcept {
#if defined(__GNUC__)
  return static_cast<unsigned>(__builtin_clzll(x));
#else
  unsigned n = 0;
  while (!(x & (uint64_t{1} << 63))) { x <<= 1; ++n; }
  return n;
#endif
}

// The same, defined for 0 (64); one tzcnt / lzcnt where the target has it.
inline unsigned trailing_zeros_or_64(uint64_t x) noexcept {
  return x ? trailing_zeros(x) : 64;
}

// The highest set bit of x alone; 0 for 0.
inline uint64_t highest_bit(uint64_t x) noexcept {
  return x ? uint64_t{1} << (63 - leading_zeros(x)) : 0;
}

// s.substr(pos, n) clipped to s, never throwing: substr()'s bounds check
// calls a throw helper in the C++ runtime, which the C API links without.
inline std::string_view sub(std::string_view s, size_t pos,
                            size_t n = std::string_view::npos) noexcept {
  if (pos > s.size()) pos = s.size();
  return std::string_view(s.data() + pos, n < s.size() - pos ? n : s.size() - pos);
}

// Three ASCII digits at the start of s.
inline bool starts_with_code(std::string_view s) noexcept {
  return s.size() >= 3 && is_ascii_digit(s[0]) && is_ascii_digit(s[1]) && is_ascii_digit(s[2]);
}

// True when `line` is spaces (maybe none) then a digit; *spaces counts
// them. Such a middle line could read as a terminator: the encoder protects
// it with one space and text_lines() takes that space off.
inline bool digit_after_spaces(std::string_view line, size_t* spaces) noexcept {
  size_t k = 0;
  while (k < line.size() && line[k] == ' ') ++k;
  *spaces = k;
  return k < line.size() && is_ascii_digit(line[k]);
}

// A reply line's text: after "ddd " or "ddd-", empty for a bare code.
inline std::string_view after_head(std::string_view line) noexcept {
  if (!starts_with_code(line)) return line;
  if (line.size() == 3) return std::string_view();
  if (line[3] == ' ' || line[3] == '-') return sub(line, 4);
  return line;
}

// The line of `all` starting at `pos`, without its line end (LF, or CR LF);
// *next is where the following line starts. Both line iterators use it.
inline std::string_view line_at(std::string_view all, size_t pos, size_t* next) noexcept {
  const size_t lf = all.find('\n', pos);
  size_t end = lf == std::string_view::npos ? all.size() : lf;
  *next = lf == std::string_view::npos ? all.size() : lf + 1;
  if (lf != std::string_view::npos && end > pos && all[end - 1] == '\r') --end;
  return sub(all, pos, end - pos);
}

// The bytes at p as a little-endian word, T uint32_t or uint64_t (one load
// where the compiler can, on any byte order).
template <class T>
inline T load_le(const unsigned char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  if constexpr (sizeof v == 8) v = __builtin_bswap64(v);
  else v = __builtin_bswap32(v);
#endif
  return v;
}

// Flags for the bytes of [p, p + n) that the special mask marked.
inline uint16_t special_flags(const unsigned char* p, size_t n) noexcept {
  uint16_t f = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char b = p[i];
    if (b == 0) f |= flags::nul;
    else if (b == 0xFF) f |= flags::telnet;
    else if (b >= 0x80) f |= flags::non_ascii;
  }
  return f;
}

// Clears the bits of bytes at or past n (n <= 64): for a window that the
// input ends inside, classified from a zero-filled copy.
inline block_masks limit_masks(block_masks m, size_t n) noexcept {
  const uint64_t v = low_bits(static_cast<unsigned>(n));
  m.lf &= v;
  m.cr &= v;
  m.special &= v;
  return m;
}

// The clean-window test of a kernel without one (generic/walker.h): no
// window passes, each is classified. A kernel's own, declared in its
// namespace before it includes the walker, hides this one.
inline bool clean_window(const unsigned char*, uint64_t&) noexcept { return false; }
// The same for the quiet-window test (no LF, no NUL or high byte).
inline bool quiet_window(const unsigned char*) noexcept { return false; }

// The masks of 64 bytes, shifted down by k (1 <= k <= 63): bytes k.. of
// the 64 become bytes 0.., and the k bytes past them count as absent.
inline block_masks masks_shifted_down(block_masks m, unsigned k) noexcept {
  m.lf >>= k;
  m.cr >>= k;
  m.special >>= k;
  return m;
}

// Each kernel's entry point (kernel/src/<isa>.cpp).
namespace scalar { scan_result scan(scan_state&, const options&, const unsigned char*, size_t, bool, event*, size_t) noexcept; }
namespace sse2 { scan_result scan(scan_state&, const options&, const unsigned char*, size_t, bool, event*, size_t) noexcept; }
namespace avx2 { scan_result scan(scan_state&, const options&, const unsigned char*, size_t, bool, event*, size_t) noexcept; }
namespace avx512bw { scan_result scan(scan_state&, const options&, const unsigned char*, size_t, bool, event*, size_t) noexcept; }
namespace neon { scan_result scan(scan_state&, const options&, const unsigned char*, size_t, bool, event*, size_t) noexcept; }

// The scalar kernel's masks of 64 bytes (classify_swar: what it scans with;
// classify_swar_dense: every class at every byte), and the byte-at-a-time
// reference they must agree with (masks_agree) and equal (tests check both).
block_masks classify_swar(const unsigned char* p) noexcept;
block_masks classify_swar_dense(const unsigned char* p) noexcept;
block_masks classify_bytewise(const unsigned char* p) noexcept;

// The scan function of a supported concrete kernel; nullptr otherwise.
scan_fn scan_function(kernel k) noexcept;

}  // namespace detail
}  // namespace ftpreply

#endif  // FTPREPLY_INTERNAL_H
// ---- codec_internal.h ----
// SPDX-License-Identifier: Apache-2.0
// Internal to the codec: the payload rules decoders and formatters share,
// the bounded writer, reply heads and streaming base64.
#ifndef FTPREPLY_CODEC_INTERNAL_H
#define FTPREPLY_CODEC_INTERNAL_H

#include <cstddef>
#include <cstdint>
#include <string_view>


namespace ftpreply {
namespace detail {

inline bool is_leap(unsigned y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

inline unsigned days_in(unsigned year, unsigned month) noexcept {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

inline bool is_marker(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c <= ' ' || c > '~' || c == '=') return false;
  return true;
}

inline bool is_system_name(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' ||
          c == '/' || c == '_' || c == '.'))
      return false;
  return true;
}

// Writes what `put` produces, counting; buffer_too_small when it does not fit.
class writer {
 public:
  writer(char* out, size_t cap) : out_(out), cap_(cap) {}
  void put(char c) {
    if (n_ < cap_) out_[n_] = c;
    ++n_;
  }
  void put(std::string_view s) {
    for (char c : s) put(c);
  }
  void number(uint64_t v, int min_digits = 1) {
    char tmp[24];
    int k = 0;
    do {
      tmp[k++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (k < min_digits) tmp[k++] = '0';
    while (k) put(tmp[--k]);
  }
  // A port as the two bytes 227 and 228 write: "p1,p2".
  void port_bytes(uint16_t port) {
    number(port >> 8);
    put(',');
    number(port & 0xFF);
  }
  error done(size_t* length) const {
    *length = n_;
    return n_ <= cap_ ? error::ok : error::buffer_too_small;
  }

 private:
  char* out_;
  size_t cap_;
  size_t n_ = 0;
};

// "ddd" and a separator at out[0..4).
inline void put_code(char* out, uint16_t code, char sep) noexcept {
  out[0] = static_cast<char>('0' + code / 100);
  out[1] = static_cast<char>('0' + code / 10 % 10);
  out[2] = static_cast<char>('0' + code % 10);
  out[3] = sep;
}

inline constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0-63 for the alphabet, 64 for '=', 255 for anything else.
struct decode_table {
  uint8_t v[256];
};
constexpr decode_table make_table() {
  decode_table t{};
  for (int i = 0; i < 256; ++i) t.v[i] = 255;
  for (int i = 0; i < 64; ++i) t.v[static_cast<unsigned char>(kAlphabet[i])] = static_cast<uint8_t>(i);
  t.v[static_cast<unsigned char>('=')] = 64;
  return t;
}
inline constexpr decode_table kDecode = make_table();

// Base64 that may arrive in pieces (a protected reply's lines): quanta may
// straddle pieces, and padding may close any piece's last quantum.
class base64_stream {
 public:
  base64_stream(uint8_t* out, size_t cap) : out_(out), cap_(cap) {}

  error feed(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    // Whole quanta four characters at a time while nothing is pending.
    if (have_ == 0 && pad_ == 0) {
      for (; i + 4 <= n; i += 4) {
        const uint32_t a = kDecode.v[p[i]], b = kDecode.v[p[i + 1]], c = kDecode.v[p[i + 2]],
                       d = kDecode.v[p[i + 3]];
        if ((a | b | c | d) >= 64) break;  // padding or a stray byte: slow path
        if (n_ + 3 > cap_) return error::buffer_too_small;
        const uint32_t q = a << 18 | b << 12 | c << 6 | d;
        out_[n_] = static_cast<uint8_t>(q >> 16);
        out_[n_ + 1] = static_cast<uint8_t>(q >> 8);
        out_[n_ + 2] = static_cast<uint8_t>(q);
        n_ += 3;
      }
    }
    for (; i < n; ++i) {
      const uint8_t v = kDecode.v[p[i]];
      if (v == 255) return error::malformed;
      if (pad_) {  // after "xx=" only the second '=' may come
        if (v != 64) return error::malformed;
        pad_ = 0;
        continue;
      }
      if (v == 64) {
        if (have_ == 2) {
          if (!emit(acc_ >> 4, 1)) return error::buffer_too_small;
          pad_ = 1;
        } else if (have_ == 3) {
          if (!emit(acc_ >> 2, 2)) return error::buffer_too_small;
        } else {
          return error::malformed;
        }
        have_ = 0;
        acc_ = 0;
        continue;
      }
      acc_ = acc_ << 6 | v;
      if (++have_ == 4) {
        if (!emit(acc_, 3)) return error::buffer_too_small;
        have_ = 0;
        acc_ = 0;
      }
    }
    return error::ok;
  }

  // The input must end on a quantum boundary.
  error finish(size_t* length) const noexcept {
    if (have_ != 0 || pad_ != 0) return error::malformed;
    *length = n_;
    return error::ok;
  }

 private:
  bool emit(uint32_t bits, int bytes) noexcept {
    if (n_ + static_cast<size_t>(bytes) > cap_) return false;
    for (int k = bytes - 1; k >= 0; --k) out_[n_++] = static_cast<uint8_t>(bits >> (8 * k));
    return true;
  }
  uint8_t* out_;
  size_t cap_;
  size_t n_ = 0;
  uint32_t acc_ = 0;
  int have_ = 0;  // characters of the current quantum
  int pad_ = 0;   // one more '=' expected
};

}  // namespace detail
}  // namespace ftpreply

#endif  // FTPREPLY_CODEC_INTERNAL_H
// ---- avx2.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The AVX2 kernel: masks 32 bytes at a time.

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

// ---- generic/walker.h (for this kernel) ----
// SPDX-License-Identifier: Apache-2.0
// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
//   constexpr bool tail_from_end; // the input's last window may be
//                                 // classified from the 64 bytes that end
//                                 // the input (classify_block()'s masks
//                                 // exact at every byte), shifted down
//   constexpr bool classify_ahead; // the runs classify the next window
//                                  // before they take this one's lines
//   bool clean_window(const unsigned char* p, uint64_t& lf);
//       // optional: true, with the LF mask of the 64 bytes at p, when
//       // none of them stops a run: every LF after a CR (p[-1] is read),
//       // no NUL or high byte (without it, internal.h's passes none)
//   bool quiet_window(const unsigned char* p);
//       // optional: true when the 64 bytes at p hold no LF and no NUL or
//       // high byte (the same)
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and takes the
// lines in order, each LF found by a bit scan, as the bare tokenizer does.
// The rules live in three places: start_line() (a line where a reply
// should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). Two runs, one per mode, only
// accelerate: expect_run() emits plain single-line replies ("ddd
// text\r\n") and opens blocks, block_run() counts a block's text lines and
// emits it at its terminator, each line for one head load and a few
// predictable branches (a block of lines over 192 bytes in a loop of its
// own, which passes over the windows inside a line). A run stops at any
// line it does not recognise, which then goes to the rules whole.
//
// Why one stage: in two (stage one indexing 4 KiB of line ends, with VBMI2
// vpcompressw and the bare LF, NUL and high bytes ORed; stage two the runs
// over the index, any other segment in one stage), AVX-512BW on Zen 4 took
// 0.84-0.97 of this walker's time on short and 0.94-0.98 on multiline, but
// 1.07-1.13 on session, up to 1.04 on servers and up to 1.22 fed 1,460
// bytes a call (tools/ab_kernel.sh, December 2026); with tzcnt slots, 1.25
// to 1.78. The bench's two-stage tokenizers show what stage two may gain.
// The two mixes it lost are the ones that repeat (session cycles through 24
// replies, servers through 15 KB of transcripts), a rhythm that lets the
// predictor foresee where a window's lines end; on altgen's session, which
// has none, it took 0.76 of the time, and every one-stage loop (the bare
// tokenizer's too) runs at 0.6 of the two-stage ones.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap), line_bound_(std::min(opt.max_line, long_line)) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call (at 0, or at p in its block)
    // was examined that far, from the start of this input, and has no LF
    // there: resume at the window holding its end, so a long line arriving
    // in pieces is walked once. Whether it held a NUL or high byte comes
    // along.
    const size_t resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    const bool open_special = st_.line_special;
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) return skip_then_walk(resume);
    return walk(p, resume, open_special);
  }

 private:
  // --- windows -------------------------------------------------------------

  // The input's last, partial window, from w, out of line: inlined, it
  // would crowd the registers of the loops that call it. With
  // tail_from_end, the 64 bytes that end the input are classified, when
  // there are 64, and the masks shifted down to the window: no copy to
  // make, nor to wait for when a wide load reads it back (a chunked scan
  // meets such a window at the end of every call).
  static FTPREPLY_NOINLINE block_masks tail_masks(const unsigned char* b, size_t len,
                                                  size_t w) noexcept {
    const size_t n = len - w;
    if (tail_from_end && len >= 64)
      return masks_shifted_down(classify_block(b + len - 64), static_cast<unsigned>(64 - n));
    return classify_tail(b + w, n);
  }

  // The masks of window w, the input's last, partial one included.
  static block_masks window_masks(const unsigned char* b, size_t len, size_t w) noexcept {
    return len - w >= 64 ? classify_block(b + w) : tail_masks(b, len, w);
  }

  // The first LF at or after p, or len_ when there is none.
  size_t find_lf(size_t p) noexcept {
    for (size_t w = p & ~size_t{63}; w < len_; w += 64) {
      const size_t n = len_ - w;
      st_.examined += n >= 64 ? 64 : n;
      const block_masks m = window_masks(b_, len_, w);
      if (const uint64_t lf = m.lf & bits_from(p, w)) return w + trailing_zeros(lf);
    }
    return len_;
  }

  // Consumes to the end of the line that broke a limit, then walks on (out
  // of line: run() stays light for the call that resumes a reply).
  FTPREPLY_NOINLINE scan_result skip_then_walk(size_t resume) noexcept {
    if (n_ == cap_) return stop(0, true);
    const size_t e = find_lf(0);
    if (e == len_ && !at_end_) return stop(len_, false);
    const size_t p = e == len_ ? len_ : e + 1;
    emit_skipped(p);
    return walk(p, resume, false);
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }
  // The three bytes at p as an event stores a code: the first lowest.
  uint32_t digits_at(size_t p) const noexcept {
    return uint32_t{b_[p]} | uint32_t{b_[p + 1]} << 8 | uint32_t{b_[p + 2]} << 16;
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  FTPREPLY_NOINLINE size_t start_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    const bool crlf = e > p && b_[e - 1] == '\r';
    const size_t n = (crlf ? e - 1 : e) - p;  // bytes before the line end
    uint16_t f = 0;
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, p, next);
      f |= flags::bare_lf;
    }
    if (n == 0) {
      if (opt_.strict) return emit_error(error::empty_line, p, p, next);
      st_.pending_blank = true;  // skipped; flags the next reply
      return next;
    }
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return emit_error(error::bad_code, p, p, next);
    const bool bare = n == 3;
    if (bare) {
      if (opt_.strict) return emit_error(error::bare_code, p, p, next);
      f |= flags::bare_code;
    } else if (b_[p + 3] != ' ' && b_[p + 3] != '-') {
      return emit_error(error::bad_separator, p, p, next);
    }
    if (opt_.strict && (b_[p] < '1' || b_[p] > '6'))
      return emit_error(error::bad_class, p, p, next);
    if (special) f |= special_flags(b_ + p, next - p);
    const uint16_t code = code_at(p);
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, digits_at(p), f);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  FTPREPLY_NOINLINE size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines)
      return emit_error(limit_error(next - p, p - bs_), p, bs_, next);
    // A block line has a predecessor, so b_[e - 1] exists; for an empty
    // line it is the previous LF.
    const bool crlf = e > p && b_[e - 1] == '\r';
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, bs_, next);
      st_.flags |= flags::bare_lf;
    }
    if (special) st_.flags |= special_flags(b_ + p, next - p);
    ++st_.lines;
    const size_t n = (crlf ? e - 1 : e) - p;
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return next;
    const uint16_t code = code_at(p);
    uint16_t extra = 0;
    if (n >= 4 && b_[p + 3] == ' ') {
      if (code != st_.code) {
        if (!opt_.any_code_terminates) return next;
        extra = flags::mismatched_terminator;
      }
    } else if (n == 3 && !opt_.strict && code == st_.code) {
      extra = flags::bare_code;
    } else {
      return next;
    }
    emit_reply(bs_, next, digits_at(p), static_cast<uint16_t>(st_.flags | extra));
    return next;
  }

  error limit_error(uint64_t line_len, uint64_t block_bytes) const noexcept {
    return detail::limit_error(opt_, line_len, block_bytes);
  }

  // A line that will break a limit whatever follows: consume it as it
  // arrives, report it at its end.
  void enter_skip(size_t span_start, size_t line, size_t block_bytes) noexcept {
    st_.mode = mode_skip;
    st_.err_start = st_.base + span_start;
    st_.line_start = st_.base + line;
    st_.block_bytes = block_bytes;
  }

  void emit_skipped(size_t end) noexcept {
    uint64_t abs_end = st_.base + end;
    error e = limit_error(abs_end - st_.line_start, st_.block_bytes);
    event_access::failure(out_[n_++], e, st_.line_start, st_.err_start,
                          abs_end - st_.err_start);
    st_.mode = mode_expect;
  }

  // --- the walk ------------------------------------------------------------

  // The window's bits at or after p (all of them when p is before it).
  static uint64_t bits_from(size_t p, size_t w) noexcept {
    return p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
  }

  // Where the walk stands: the line start p; the window w and its LFs not
  // yet taken; `stop`, the window's first bare LF (no CR before) or NUL or
  // high byte at or after p: a line whose LF is at or past it is for the
  // rules. When the bytes of the line open into the window hold a NUL or
  // high byte, the stop is 0 (the carry, at bit 0). Only these cross a
  // window: the runs keep them in registers.
  struct cursor {
    size_t p, w;
    uint64_t lfs;
    unsigned stop;
  };

  // The stop of a window (masks m, cr_in 1 when a CR comes before it) from
  // the bits `from` on, given its carry.
  static FTPREPLY_ALWAYS_INLINE unsigned window_stop(const block_masks& m, uint64_t cr_in,
                                                     uint64_t from, uint64_t carry) noexcept {
    // (GCC branches on 0 here. TZCNT's 64 instead, without the branch, was
    // 5% slower on multiline with AVX-512BW, Zen 4: the lines' tests then
    // wait for the masks.)
    return trailing_zeros_or_64((stop_bits(m, cr_in) & from) | carry);
  }
  // A window's bare LFs (no CR before) and NUL or high bytes.
  static FTPREPLY_ALWAYS_INLINE uint64_t stop_bits(const block_masks& m, uint64_t cr_in) noexcept {
    return (m.lf & ~(m.cr << 1 | cr_in)) | m.special;
  }

  uint64_t cr_before(size_t w) const noexcept { return w > 0 && b_[w - 1] == '\r'; }

  // The stop of a window with no stop of its own, given the last one's.
  static unsigned carried(unsigned stop) noexcept { return stop != 64 ? 0 : 64; }

  // The window at p (64 bytes, p[-1] readable) when clean_window() passes
  // it: its LFs, and no stop but the carry.
  static FTPREPLY_ALWAYS_INLINE bool next_clean(const unsigned char* p, uint64_t& lfs,
                                                unsigned& stop) noexcept {
    if (!clean_window(p, lfs)) return false;
    stop = carried(stop);
    return true;
  }

  // Moves to window w + 64 with the line open from the last: its LFs and
  // its stop, with the carry (the last window's stop was left untaken only
  // by a NUL or high byte of that line). False at the end of the input.
  // A window clean_window() passes has no stop but the carry: its CR and
  // NUL or high bytes are not made into masks, and no stop is worked out
  // (tools/ab_kernel.sh, time against the masks of every window, Zen 3:
  // SSE2 0.76 multiline, 0.85 session, 0.93 servers, 0.95 hostile, 0.97
  // short, 0.72-0.93 altgen's streams; AVX2 0.91 multiline, 0.92
  // alt-multiline, 0.97-1.03 on the rest; fed 1,460 bytes a call, SSE2
  // 0.81-1.00, AVX2 0.83-0.99).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          bool try_clean = true) const noexcept {
    w += 64;
    if (w >= len_) return false;
    if (try_clean && len_ - w >= 64 && next_clean(b_ + w, lfs, stop)) return true;
    const block_masks m = window_masks(b_, len_, w);
    lfs = m.lf;
    stop = window_stop(m, b_[w - 1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }
  // The same with the window as a pointer, bw then left on the last window
  // at the end of the input. The expect run holds its window so: a line's
  // end is found without the input's start in a register (short 12%
  // faster with AVX-512BW, Zen 4). (The block loop keeps offsets: written
  // with this one, it was 6% slower on multiline with AVX2.)
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop) const noexcept {
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    if (left - 64 >= 64 && next_clean(bw, lfs, stop)) return true;
    // (window_masks() would work out the bytes left again: 1.5% more
    // instructions on session.)
    const block_masks m = left - 64 >= 64 ? classify_block(bw)
                                          : tail_masks(b_, len_, static_cast<size_t>(bw - b_));
    lfs = m.lf;
    stop = window_stop(m, bw[-1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }

  // next_window() for a loop that passes over the windows inside a line: a
  // window without LF (lfs 0) makes only its LF and NUL or high bytes, a NUL
  // or high byte setting the carry (stop 0). Its masks never come from
  // tail_masks() (the input's last window goes through next_window()): the
  // loop's masks then stay in registers, and GCC makes the CR mask only for
  // a window with an LF (callgrind, AVX2 hostile: 1.11 instructions a byte
  // with a loop of its own for the windows without LF, 0.94 so). A window
  // quiet_window() passes makes no mask at all (tools/ab_kernel.sh, time,
  // Zen 3: hostile AVX2 0.96, SSE2 0.83; fed 1,460 bytes a call, 0.97 and
  // 0.90; level on the other mixes).
  FTPREPLY_ALWAYS_INLINE bool next_window_sparse(size_t& w, uint64_t& lfs,
                                                 unsigned& stop) const noexcept {
    // (A clean test at the input's last windows cost AVX2 1.02-1.07 of the
    // time on hostile input fed 1,460 bytes a call.)
    if (len_ - w < 128) return next_window(w, lfs, stop, false);
    w += 64;
    if (quiet_window(b_ + w)) {
      lfs = 0;
      return true;
    }
    const block_masks m = classify_block(b_ + w);
    lfs = m.lf;
    if (!lfs) {
      if (m.special) stop = 0;
      return true;
    }
    stop = window_stop(m, cr_before(w), ~uint64_t{0}, stop != 64);
    return true;
  }

  // A window made a window early (a kernel's classify_ahead): the expect
  // run and the block loop inlined in it classify window w + 64 before
  // they take the lines of w. How many lines a window holds varies, so the
  // end of w's lines is mispredicted; the masks the run goes on with are
  // then ready, not loaded and compared after the flush. block_run() (a
  // block resumed, or any_code_terminates) makes none: with it, AVX2's
  // hostile took 1.08 of the time. The kernels' files give the figures.
  // `pre`: its stop_bits(), its stop but for the carry.
  struct ahead {
    uint64_t lf = 0, pre = 0;
  };
  // Window nw (0 < nw < len_), `left` bytes from it to the end.
  FTPREPLY_ALWAYS_INLINE void look_ahead(const unsigned char* nw, size_t left,
                                         ahead& a) const noexcept {
    const block_masks m = left >= 64 ? classify_block(nw)
                                     : tail_masks(b_, len_, static_cast<size_t>(nw - b_));
    a.lf = m.lf;
    a.pre = stop_bits(m, nw[-1] == '\r');
  }
  // The window after w, when there is one.
  void start_ahead(size_t w, ahead& a) const noexcept {
    if (classify_ahead && len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
  }
  // next_window() with the window made ahead, the one after it made (the
  // plain one without classify_ahead).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          ahead& a) const noexcept {
    if (!classify_ahead) return next_window(w, lfs, stop);
    w += 64;
    if (w >= len_) return false;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
    return true;
  }
  // The same with the window as a pointer.
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop, ahead& a) const noexcept {
    if (!classify_ahead) return next_window(bw, lfs, stop);
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (left > 128) look_ahead(bw + 64, left - 128, a);
    return true;
  }

  // How a run stopped: at the end of the input, at a line for the rules
  // (c.lfs's lowest bit is its LF), or with its mode over (block_run(): the
  // block emitted).
  enum class run_stop { end, rules, mode };

  // Expecting replies, no blank line pending: emits the plain single-line
  // replies "ddd text\r\n" (within max_line, no NUL or high byte, a class
  // strict mode allows), and at a plain "ddd-text\r\n" opens a block and
  // runs block_loop() for it, inlined. Out of line, one per mode, with what
  // it reads in locals: the loops keep their registers.
  template <bool Strict>
  FTPREPLY_NOINLINE run_stop expect_run(cursor& c, event** po) noexcept {
    const unsigned char* const b = b_;
    const unsigned char* q = b + c.p;  // the line start
    const unsigned char* bw = b + c.w;  // the window
    uint64_t lfs = c.lfs;
    event* o = *po;
    event* const end = out_ + cap_;
    // An event's offset is its first byte's address plus this.
    const uint64_t to_offset = st_.base - reinterpret_cast<uintptr_t>(b);
    const uint64_t over = opt_.max_line - 6;
    // "ddd " in one test (three_digits() and the space): the first digit
    // '1'-'6' in strict mode.
    constexpr uint32_t sub = Strict ? 0x20303031u : 0x20303030u;
    constexpr uint32_t add = Strict ? 0x0076767Au : 0x00767676u;
    // The window's first line for the rules: the stop, or the first the
    // output has no room for, tested once a window. The run takes at most
    // 11 lines in a window (6 bytes or more each, the first maybe begun
    // before it), one event each: with room for 11, none is counted.
    auto room = [&](unsigned s) FTPREPLY_LAMBDA_INLINE {
      const size_t left = static_cast<size_t>(end - o);
      if (left < 11) {
        uint64_t l = lfs;
        for (size_t k = 0; k < left && l; ++k) l &= l - 1;
        if (l) s = std::min(s, trailing_zeros(l));
      }
      return s;
    };
    unsigned stop = room(c.stop);
    run_stop r = run_stop::rules;
    ahead a;
    start_ahead(c.w, a);
    for (;;) {
      while (lfs) {
        const unsigned bit = trailing_zeros(lfs);
        const unsigned char* const next = bw + bit + 1;
        const size_t line_len = static_cast<size_t>(next - q);
        // At least "ddd " and CR LF, at most max_line: the head is inside.
        if (line_len - 6 > over) goto done;
        if (bit >= stop) goto done;
        const uint32_t head = load_le<uint32_t>(q), d = head - sub;
        if (((d | (d + add)) & 0xFF808080u) == 0) {
          event_access::reply(*o++, reinterpret_cast<uintptr_t>(q) + to_offset, q,
                              static_cast<uint32_t>(line_len), head & 0xFFFFFFu, 0);
          q = next;
          lfs &= lfs - 1;
          continue;
        }
        const uint32_t dash = head - (sub + 0x0D000000u);  // "ddd-"
        if (((dash | (dash + add)) & 0xFF808080u) != 0) goto done;
        const size_t p = static_cast<size_t>(q - b);
        st_.mode = mode_block;
        st_.code = code_at(p);
        st_.lines = 1;
        st_.flags = 0;
        bs_ = p;
        // The block's loop, inlined here: in a session blocks come and go
        // every few lines. A return to the walk between the two runs cost
        // a third of the servers mix, and a call to block_run() 5-9% of
        // the servers, session and multiline mixes (AVX2, Zen 4).
        c = cursor{static_cast<size_t>(next - b), static_cast<size_t>(bw - b), lfs & (lfs - 1),
                   stop};
        event* ob = o;
        r = opt_.any_code_terminates ? block_run<true>(c, &ob, end)
                                     : block_loop<false>(c, &ob, end, &a);
        o = ob;
        if (r != run_stop::mode) {
          *po = o;
          return r;
        }
        q = b + c.p;  // the block emitted: on after it
        bw = b + c.w;
        lfs = c.lfs;
        stop = room(c.stop);
        if (opt_.any_code_terminates) start_ahead(c.w, a);
      }
      if (!next_window(bw, lfs, stop, a)) break;
      stop = room(stop);
    }
    r = run_stop::end;
  done:
    c = cursor{static_cast<size_t>(q - b), static_cast<size_t>(bw - b), lfs, stop};
    *po = o;
    return r;
  }

  // Inside the block at bs_: counts its text lines and emits it at its
  // terminator "ddd text\r\n" (its code, then a space), all within the
  // limits, ended by CR LF, with no NUL or high byte. A line that could
  // end it otherwise (a bare code; with AnyCode, any code) goes to the
  // rules. `end`: where the output stops for it. Out of line for the walk
  // (a call that resumes inside a block), inlined in expect_run().
  //
  // Long: a block of long lines (hostile input's endless reply), in a loop
  // of its own that passes over the windows inside a line with their LF
  // and NUL or high bytes alone. The other block loops bound a line at
  // long_line bytes (line_bound_), as they bound it at max_line: a longer
  // one goes to the rules, and its block on in this loop. Nothing is tested a
  // window for it: a test for windows without LF in every block loop cost
  // multiline 3-5% of its time, and the runs' loops move by a percent or
  // more with any change to their code (Zen 4).
  template <bool AnyCode, bool Long = false>
  FTPREPLY_NOINLINE run_stop block_run(cursor& cur, event** po, event* end) noexcept {
    return block_loop<AnyCode, Long>(cur, po, end, nullptr);
  }
  // Three windows. The bound holds from the line start at the window's
  // entry, so it also sends to the rules the lines after a long one in
  // the same window: at 192, after a line over 128 bytes; at 128, after
  // any line that covers a window (multiline 7% slower).
  static constexpr uint32_t long_line = 192;
  // `a`: the window made ahead (expect_run()'s), or none.
  template <bool AnyCode, bool Long = false>
  FTPREPLY_ALWAYS_INLINE run_stop block_loop(cursor& cur, event** po, event* end,
                                             ahead* a) noexcept {
    const unsigned char* const b = b_;
    size_t p = cur.p, w = cur.w;
    uint64_t lfs = cur.lfs;
    unsigned stop = cur.stop;
    const size_t bs = bs_;
    const uint32_t term = (load_le<uint32_t>(b + bs) & 0xFFFFFFu) | uint32_t{' '} << 24;
    // The lines the block may still take before max_lines (counted down:
    // one register fewer in the loop).
    const uint32_t max_lines = opt_.max_lines,
                   max_line = Long || AnyCode ? opt_.max_line : line_bound_;
    uint32_t left = st_.lines < max_lines ? max_lines - st_.lines : 0;
    // A line that ends past `bound` goes to the rules: one test for the
    // reply limit, the line limit (from the line start at the window's
    // entry: the lines after it are shorter), and 4 bytes to read from
    // the line start (a line under 4 bytes reads the next one's first:
    // its LF is not a digit, so the head is text, as it should be).
    const size_t reply_end = opt_.max_reply < len_ - bs ? bs + opt_.max_reply : len_;
    const size_t bound_reply = std::min<size_t>(len_ > 3 ? len_ - 3 : 0, reply_end);
    size_t bound = std::min<size_t>(bound_reply, p + max_line);
    run_stop r = run_stop::rules;
    for (;;) {
      for (; lfs; lfs &= lfs - 1) {
        const unsigned bit = trailing_zeros(lfs);
        const size_t next = w + bit + 1;
        if (bit >= stop || next > bound || left == 0) goto done;
        const uint32_t head = load_le<uint32_t>(b + p);
        // Text: neither the code followed by a space or a line end, nor
        // any code under AnyCode. (The code first: a test of '-' first
        // mispredicts on listings, "-rw-r--r--".)
        const bool text = ((head ^ term) & 0xFFFFFFu) != 0 ? !(AnyCode && three_digits(head))
                                                            : head >> 24 == '-';
        if (text) {
          --left;
          p = next;
          continue;
        }
        if (head != term || *po == end) goto done;
        event* const o = *po;
        event_access::reply(*o, st_.base + bs, b + bs, static_cast<uint32_t>(next - bs),
                            term & 0xFFFFFFu, st_.flags);
        *po = o + 1;
        st_.mode = mode_expect;
        p = next;
        lfs &= lfs - 1;
        r = run_stop::mode;
        goto done;
      }
      if constexpr (Long) {
        // One window a turn: in a loop of its own for the windows without
        // LF, GCC gave it other registers, and moved a dozen at each line.
        if (!next_window_sparse(w, lfs, stop)) break;
        if (!lfs) continue;
      } else if (!(a ? next_window(w, lfs, stop, *a) : next_window(w, lfs, stop))) {
        break;
      }
      bound = std::min<size_t>(bound_reply, p + max_line);
    }
    r = run_stop::end;
  done:
    st_.lines = max_lines - left;
    cur = cursor{p, w, lfs, stop};
    return r;
  }

  // From the line start p: each mode's run, and the rules (start_line(),
  // block_line(), the line limit) for each line a run stops at, which they
  // take whole. Windows before `resume` hold no LF of the line at p, and
  // `open_special` says whether its bytes there hold a NUL or high byte.
  scan_result walk(size_t p, size_t resume, bool open_special) noexcept {
    cursor c{p, p & ~size_t{63}, 0, open_special ? 0u : 64u};
    if (resume > c.w) c.w = resume;
    const size_t w0 = c.w < len_ ? c.w : len_;  // windows are classified from here on
    if (c.w < len_) {  // the first window: p may be inside it
      const uint64_t from = bits_from(p, c.w);
      const block_masks m = window_masks(b_, len_, c.w);
      c.lfs = m.lf & from;
      c.stop = window_stop(m, cr_before(c.w), from, open_special);
    }
    event* o = out_ + n_;
    // The block's last line for the rules was a long one: the block goes
    // on in block_run<., true>.
    bool long_lines = st_.long_lines;
    block_masks m{0, 0, 0};  // the masks of window mw, for the rules
    size_t mw = ~size_t{0};
    auto finish = [&] {  // the bytes classified: to the end of c's window
      st_.examined += (c.w + 64 < len_ ? c.w + 64 : len_) - w0;
      n_ = static_cast<size_t>(o - out_);
      st_.long_lines = long_lines;
    };
    for (;;) {
      if (!c.lfs) {  // a line open over windows (a long one fed in pieces)
        if (!next_window_sparse(c.w, c.lfs, c.stop)) break;
        continue;
      }
      run_stop r = run_stop::rules;
      if (st_.mode == mode_block) {
        event* const end = st_.pending_blank ? o : out_ + cap_;
        r = opt_.any_code_terminates ? block_run<true>(c, &o, end)
            : long_lines             ? block_run<false, true>(c, &o, end)
                                     : block_run<false>(c, &o, end);
      } else if (!st_.pending_blank) {
        r = opt_.strict ? expect_run<true>(c, &o) : expect_run<false>(c, &o);
        long_lines = false;  // a block it opened is new
      }
      if (r == run_stop::end) break;
      if (r == run_stop::mode) {
        long_lines = false;
        continue;
      }
      n_ = static_cast<size_t>(o - out_);
      if (n_ == cap_) {
        finish();
        return st_.mode == mode_block ? stop_block(c.p, true) : stop(c.p, true);
      }
      // The rules, for the line whose LF is c.lfs's lowest bit; the
      // window's masks are made again (the runs keep only the stop), once
      // for all the lines of a window that the rules take.
      if (c.w != mw) {
        m = window_masks(b_, len_, c.w);
        mw = c.w;
      }
      const uint64_t from = bits_from(c.p, c.w);
      const unsigned bit = trailing_zeros(c.lfs);
      const size_t e = c.w + bit;
      const uint64_t upto = c.lfs ^ (c.lfs - 1);  // the window's bits up to e
      // A line open into the window: a stop still at 0 may be its carry.
      const bool special =
          (m.special & from & upto) != 0 || (c.p < c.w && c.stop == 0);
      const bool in_block = st_.mode == mode_block;
      long_lines = in_block && e - c.p >= long_line;
      if (in_block)
        c.p = block_line(c.p, e, special);
      else if (e + 1 - c.p > opt_.max_line)
        c.p = emit_error(error::line_too_long, c.p, c.p, e + 1);
      else
        c.p = start_line(c.p, e, special);
      o = out_ + n_;
      c.lfs &= c.lfs - 1;
      c.stop = window_stop(m, cr_before(c.w), ~upto, 0);
    }
    finish();
    return end_of_input(c.p, c.stop != 64);
  }

  // The input ended inside the line starting at p: inline, the end of
  // every call of a chunked scan (more to come, within the limits); the
  // rest in open_line().
  FTPREPLY_ALWAYS_INLINE scan_result end_of_input(size_t p, bool special) noexcept {
    const size_t partial = len_ - p;
    if (!at_end_ && partial <= opt_.max_line &&
        (st_.mode == mode_expect ||
         (st_.mode == mode_block && (p - bs_) + partial <= opt_.max_reply)))
      return need_more(p, special);
    return open_line(p, special);
  }

  // More bytes may finish the line at p, in a block or between replies:
  // the next call resumes past what was examined, with the line's NUL or
  // high byte.
  FTPREPLY_ALWAYS_INLINE scan_result need_more(size_t p, bool special) noexcept {
    if (st_.mode == mode_block) {
      st_.walked = static_cast<uint32_t>(len_ - bs_);
      st_.line_special = special;
      return stop_block(p, false);
    }
    st_.walked = static_cast<uint32_t>(len_ - p);
    st_.line_special = special && p != len_;
    return stop(p, false);
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special) noexcept {
    for (;;) {
      const size_t partial = len_ - p;
      if (st_.mode == mode_block) {
        if (partial > opt_.max_line || (p - bs_) + partial > opt_.max_reply) {
          enter_skip(bs_, p, p - bs_);
        } else if (at_end_) {
          if (n_ == cap_) return stop_block(p, true);
          // The block is abandoned; the rest is read as a new reply.
          emit_error(error::unterminated, bs_, bs_, p);
          continue;
        } else {
          return need_more(p, special);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {
          return need_more(p, special);
        }
      }
      // mode_skip: everything is consumed; at the end, report it.
      if (!at_end_) return stop(len_, false);
      if (n_ == cap_) return stop(len_, true);
      emit_skipped(len_);
      return stop(len_, false);
    }
  }

  // --- output --------------------------------------------------------------

  FTPREPLY_NOINLINE size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event_access::failure(out_[n_++], e, st_.base + offset, st_.base + start,
                          end - start);
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint32_t digits, uint16_t f) noexcept {
    event_access::reply(out_[n_++], st_.base + start, b_ + start,
                        static_cast<uint32_t>(end - start), digits,
                        static_cast<uint16_t>(f | (st_.pending_blank ? flags::blank_line : 0)));
    st_.pending_blank = false;
    st_.mode = mode_expect;
  }

  scan_result stop(size_t consumed, bool full) noexcept {
    st_.base += consumed;
    return scan_result{n_, consumed, full};
  }

  scan_result stop_block(size_t pos, bool full) noexcept {
    st_.checked = pos - bs_;
    return stop(bs_, full);
  }

  scan_state& st_;
  const options& opt_;
  const unsigned char* const b_;
  const size_t len_;
  const bool at_end_;
  event* const out_;
  const size_t cap_;
  size_t n_ = 0;
  size_t bs_ = 0;                 // block start
  // The line limit of the block loops but block_run<., true>'s. A member,
  // read where max_line was read: worked out at the loop's entry, it moved
  // the expect run's registers (AVX2 multiline 7% slower, Zen 4).
  const uint32_t line_bound_;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}

}  // namespace avx2
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
// ---- avx512bw.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The AVX-512BW kernel: masks 64 bytes at a time, straight into mask
// registers; the input's last window is read with a masked load, which does
// not touch the bytes it leaves out.

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

// ---- generic/walker.h (for this kernel) ----
// SPDX-License-Identifier: Apache-2.0
// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
//   constexpr bool tail_from_end; // the input's last window may be
//                                 // classified from the 64 bytes that end
//                                 // the input (classify_block()'s masks
//                                 // exact at every byte), shifted down
//   constexpr bool classify_ahead; // the runs classify the next window
//                                  // before they take this one's lines
//   bool clean_window(const unsigned char* p, uint64_t& lf);
//       // optional: true, with the LF mask of the 64 bytes at p, when
//       // none of them stops a run: every LF after a CR (p[-1] is read),
//       // no NUL or high byte (without it, internal.h's passes none)
//   bool quiet_window(const unsigned char* p);
//       // optional: true when the 64 bytes at p hold no LF and no NUL or
//       // high byte (the same)
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and takes the
// lines in order, each LF found by a bit scan, as the bare tokenizer does.
// The rules live in three places: start_line() (a line where a reply
// should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). Two runs, one per mode, only
// accelerate: expect_run() emits plain single-line replies ("ddd
// text\r\n") and opens blocks, block_run() counts a block's text lines and
// emits it at its terminator, each line for one head load and a few
// predictable branches (a block of lines over 192 bytes in a loop of its
// own, which passes over the windows inside a line). A run stops at any
// line it does not recognise, which then goes to the rules whole.
//
// Why one stage: in two (stage one indexing 4 KiB of line ends, with VBMI2
// vpcompressw and the bare LF, NUL and high bytes ORed; stage two the runs
// over the index, any other segment in one stage), AVX-512BW on Zen 4 took
// 0.84-0.97 of this walker's time on short and 0.94-0.98 on multiline, but
// 1.07-1.13 on session, up to 1.04 on servers and up to 1.22 fed 1,460
// bytes a call (tools/ab_kernel.sh, December 2026); with tzcnt slots, 1.25
// to 1.78. The bench's two-stage tokenizers show what stage two may gain.
// The two mixes it lost are the ones that repeat (session cycles through 24
// replies, servers through 15 KB of transcripts), a rhythm that lets the
// predictor foresee where a window's lines end; on altgen's session, which
// has none, it took 0.76 of the time, and every one-stage loop (the bare
// tokenizer's too) runs at 0.6 of the two-stage ones.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap), line_bound_(std::min(opt.max_line, long_line)) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call (at 0, or at p in its block)
    // was examined that far, from the start of this input, and has no LF
    // there: resume at the window holding its end, so a long line arriving
    // in pieces is walked once. Whether it held a NUL or high byte comes
    // along.
    const size_t resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    const bool open_special = st_.line_special;
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) return skip_then_walk(resume);
    return walk(p, resume, open_special);
  }

 private:
  // --- windows -------------------------------------------------------------

  // The input's last, partial window, from w, out of line: inlined, it
  // would crowd the registers of the loops that call it. With
  // tail_from_end, the 64 bytes that end the input are classified, when
  // there are 64, and the masks shifted down to the window: no copy to
  // make, nor to wait for when a wide load reads it back (a chunked scan
  // meets such a window at the end of every call).
  static FTPREPLY_NOINLINE block_masks tail_masks(const unsigned char* b, size_t len,
                                                  size_t w) noexcept {
    const size_t n = len - w;
    if (tail_from_end && len >= 64)
      return masks_shifted_down(classify_block(b + len - 64), static_cast<unsigned>(64 - n));
    return classify_tail(b + w, n);
  }

  // The masks of window w, the input's last, partial one included.
  static block_masks window_masks(const unsigned char* b, size_t len, size_t w) noexcept {
    return len - w >= 64 ? classify_block(b + w) : tail_masks(b, len, w);
  }

  // The first LF at or after p, or len_ when there is none.
  size_t find_lf(size_t p) noexcept {
    for (size_t w = p & ~size_t{63}; w < len_; w += 64) {
      const size_t n = len_ - w;
      st_.examined += n >= 64 ? 64 : n;
      const block_masks m = window_masks(b_, len_, w);
      if (const uint64_t lf = m.lf & bits_from(p, w)) return w + trailing_zeros(lf);
    }
    return len_;
  }

  // Consumes to the end of the line that broke a limit, then walks on (out
  // of line: run() stays light for the call that resumes a reply).
  FTPREPLY_NOINLINE scan_result skip_then_walk(size_t resume) noexcept {
    if (n_ == cap_) return stop(0, true);
    const size_t e = find_lf(0);
    if (e == len_ && !at_end_) return stop(len_, false);
    const size_t p = e == len_ ? len_ : e + 1;
    emit_skipped(p);
    return walk(p, resume, false);
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }
  // The three bytes at p as an event stores a code: the first lowest.
  uint32_t digits_at(size_t p) const noexcept {
    return uint32_t{b_[p]} | uint32_t{b_[p + 1]} << 8 | uint32_t{b_[p + 2]} << 16;
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  FTPREPLY_NOINLINE size_t start_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    const bool crlf = e > p && b_[e - 1] == '\r';
    const size_t n = (crlf ? e - 1 : e) - p;  // bytes before the line end
    uint16_t f = 0;
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, p, next);
      f |= flags::bare_lf;
    }
    if (n == 0) {
      if (opt_.strict) return emit_error(error::empty_line, p, p, next);
      st_.pending_blank = true;  // skipped; flags the next reply
      return next;
    }
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return emit_error(error::bad_code, p, p, next);
    const bool bare = n == 3;
    if (bare) {
      if (opt_.strict) return emit_error(error::bare_code, p, p, next);
      f |= flags::bare_code;
    } else if (b_[p + 3] != ' ' && b_[p + 3] != '-') {
      return emit_error(error::bad_separator, p, p, next);
    }
    if (opt_.strict && (b_[p] < '1' || b_[p] > '6'))
      return emit_error(error::bad_class, p, p, next);
    if (special) f |= special_flags(b_ + p, next - p);
    const uint16_t code = code_at(p);
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, digits_at(p), f);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  FTPREPLY_NOINLINE size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines)
      return emit_error(limit_error(next - p, p - bs_), p, bs_, next);
    // A block line has a predecessor, so b_[e - 1] exists; for an empty
    // line it is the previous LF.
    const bool crlf = e > p && b_[e - 1] == '\r';
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, bs_, next);
      st_.flags |= flags::bare_lf;
    }
    if (special) st_.flags |= special_flags(b_ + p, next - p);
    ++st_.lines;
    const size_t n = (crlf ? e - 1 : e) - p;
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return next;
    const uint16_t code = code_at(p);
    uint16_t extra = 0;
    if (n >= 4 && b_[p + 3] == ' ') {
      if (code != st_.code) {
        if (!opt_.any_code_terminates) return next;
        extra = flags::mismatched_terminator;
      }
    } else if (n == 3 && !opt_.strict && code == st_.code) {
      extra = flags::bare_code;
    } else {
      return next;
    }
    emit_reply(bs_, next, digits_at(p), static_cast<uint16_t>(st_.flags | extra));
    return next;
  }

  error limit_error(uint64_t line_len, uint64_t block_bytes) const noexcept {
    return detail::limit_error(opt_, line_len, block_bytes);
  }

  // A line that will break a limit whatever follows: consume it as it
  // arrives, report it at its end.
  void enter_skip(size_t span_start, size_t line, size_t block_bytes) noexcept {
    st_.mode = mode_skip;
    st_.err_start = st_.base + span_start;
    st_.line_start = st_.base + line;
    st_.block_bytes = block_bytes;
  }

  void emit_skipped(size_t end) noexcept {
    uint64_t abs_end = st_.base + end;
    error e = limit_error(abs_end - st_.line_start, st_.block_bytes);
    event_access::failure(out_[n_++], e, st_.line_start, st_.err_start,
                          abs_end - st_.err_start);
    st_.mode = mode_expect;
  }

  // --- the walk ------------------------------------------------------------

  // The window's bits at or after p (all of them when p is before it).
  static uint64_t bits_from(size_t p, size_t w) noexcept {
    return p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
  }

  // Where the walk stands: the line start p; the window w and its LFs not
  // yet taken; `stop`, the window's first bare LF (no CR before) or NUL or
  // high byte at or after p: a line whose LF is at or past it is for the
  // rules. When the bytes of the line open into the window hold a NUL or
  // high byte, the stop is 0 (the carry, at bit 0). Only these cross a
  // window: the runs keep them in registers.
  struct cursor {
    size_t p, w;
    uint64_t lfs;
    unsigned stop;
  };

  // The stop of a window (masks m, cr_in 1 when a CR comes before it) from
  // the bits `from` on, given its carry.
  static FTPREPLY_ALWAYS_INLINE unsigned window_stop(const block_masks& m, uint64_t cr_in,
                                                     uint64_t from, uint64_t carry) noexcept {
    // (GCC branches on 0 here. TZCNT's 64 instead, without the branch, was
    // 5% slower on multiline with AVX-512BW, Zen 4: the lines' tests then
    // wait for the masks.)
    return trailing_zeros_or_64((stop_bits(m, cr_in) & from) | carry);
  }
  // A window's bare LFs (no CR before) and NUL or high bytes.
  static FTPREPLY_ALWAYS_INLINE uint64_t stop_bits(const block_masks& m, uint64_t cr_in) noexcept {
    return (m.lf & ~(m.cr << 1 | cr_in)) | m.special;
  }

  uint64_t cr_before(size_t w) const noexcept { return w > 0 && b_[w - 1] == '\r'; }

  // The stop of a window with no stop of its own, given the last one's.
  static unsigned carried(unsigned stop) noexcept { return stop != 64 ? 0 : 64; }

  // The window at p (64 bytes, p[-1] readable) when clean_window() passes
  // it: its LFs, and no stop but the carry.
  static FTPREPLY_ALWAYS_INLINE bool next_clean(const unsigned char* p, uint64_t& lfs,
                                                unsigned& stop) noexcept {
    if (!clean_window(p, lfs)) return false;
    stop = carried(stop);
    return true;
  }

  // Moves to window w + 64 with the line open from the last: its LFs and
  // its stop, with the carry (the last window's stop was left untaken only
  // by a NUL or high byte of that line). False at the end of the input.
  // A window clean_window() passes has no stop but the carry: its CR and
  // NUL or high bytes are not made into masks, and no stop is worked out
  // (tools/ab_kernel.sh, time against the masks of every window, Zen 3:
  // SSE2 0.76 multiline, 0.85 session, 0.93 servers, 0.95 hostile, 0.97
  // short, 0.72-0.93 altgen's streams; AVX2 0.91 multiline, 0.92
  // alt-multiline, 0.97-1.03 on the rest; fed 1,460 bytes a call, SSE2
  // 0.81-1.00, AVX2 0.83-0.99).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          bool try_clean = true) const noexcept {
    w += 64;
    if (w >= len_) return false;
    if (try_clean && len_ - w >= 64 && next_clean(b_ + w, lfs, stop)) return true;
    const block_masks m = window_masks(b_, len_, w);
    lfs = m.lf;
    stop = window_stop(m, b_[w - 1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }
  // The same with the window as a pointer, bw then left on the last window
  // at the end of the input. The expect run holds its window so: a line's
  // end is found without the input's start in a register (short 12%
  // faster with AVX-512BW, Zen 4). (The block loop keeps offsets: written
  // with this one, it was 6% slower on multiline with AVX2.)
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop) const noexcept {
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    if (left - 64 >= 64 && next_clean(bw, lfs, stop)) return true;
    // (window_masks() would work out the bytes left again: 1.5% more
    // instructions on session.)
    const block_masks m = left - 64 >= 64 ? classify_block(bw)
                                          : tail_masks(b_, len_, static_cast<size_t>(bw - b_));
    lfs = m.lf;
    stop = window_stop(m, bw[-1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }

  // next_window() for a loop that passes over the windows inside a line: a
  // window without LF (lfs 0) makes only its LF and NUL or high bytes, a NUL
  // or high byte setting the carry (stop 0). Its masks never come from
  // tail_masks() (the input's last window goes through next_window()): the
  // loop's masks then stay in registers, and GCC makes the CR mask only for
  // a window with an LF (callgrind, AVX2 hostile: 1.11 instructions a byte
  // with a loop of its own for the windows without LF, 0.94 so). A window
  // quiet_window() passes makes no mask at all (tools/ab_kernel.sh, time,
  // Zen 3: hostile AVX2 0.96, SSE2 0.83; fed 1,460 bytes a call, 0.97 and
  // 0.90; level on the other mixes).
  FTPREPLY_ALWAYS_INLINE bool next_window_sparse(size_t& w, uint64_t& lfs,
                                                 unsigned& stop) const noexcept {
    // (A clean test at the input's last windows cost AVX2 1.02-1.07 of the
    // time on hostile input fed 1,460 bytes a call.)
    if (len_ - w < 128) return next_window(w, lfs, stop, false);
    w += 64;
    if (quiet_window(b_ + w)) {
      lfs = 0;
      return true;
    }
    const block_masks m = classify_block(b_ + w);
    lfs = m.lf;
    if (!lfs) {
      if (m.special) stop = 0;
      return true;
    }
    stop = window_stop(m, cr_before(w), ~uint64_t{0}, stop != 64);
    return true;
  }

  // A window made a window early (a kernel's classify_ahead): the expect
  // run and the block loop inlined in it classify window w + 64 before
  // they take the lines of w. How many lines a window holds varies, so the
  // end of w's lines is mispredicted; the masks the run goes on with are
  // then ready, not loaded and compared after the flush. block_run() (a
  // block resumed, or any_code_terminates) makes none: with it, AVX2's
  // hostile took 1.08 of the time. The kernels' files give the figures.
  // `pre`: its stop_bits(), its stop but for the carry.
  struct ahead {
    uint64_t lf = 0, pre = 0;
  };
  // Window nw (0 < nw < len_), `left` bytes from it to the end.
  FTPREPLY_ALWAYS_INLINE void look_ahead(const unsigned char* nw, size_t left,
                                         ahead& a) const noexcept {
    const block_masks m = left >= 64 ? classify_block(nw)
                                     : tail_masks(b_, len_, static_cast<size_t>(nw - b_));
    a.lf = m.lf;
    a.pre = stop_bits(m, nw[-1] == '\r');
  }
  // The window after w, when there is one.
  void start_ahead(size_t w, ahead& a) const noexcept {
    if (classify_ahead && len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
  }
  // next_window() with the window made ahead, the one after it made (the
  // plain one without classify_ahead).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          ahead& a) const noexcept {
    if (!classify_ahead) return next_window(w, lfs, stop);
    w += 64;
    if (w >= len_) return false;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
    return true;
  }
  // The same with the window as a pointer.
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop, ahead& a) const noexcept {
    if (!classify_ahead) return next_window(bw, lfs, stop);
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (left > 128) look_ahead(bw + 64, left - 128, a);
    return true;
  }

  // How a run stopped: at the end of the input, at a line for the rules
  // (c.lfs's lowest bit is its LF), or with its mode over (block_run(): the
  // block emitted).
  enum class run_stop { end, rules, mode };

  // Expecting replies, no blank line pending: emits the plain single-line
  // replies "ddd text\r\n" (within max_line, no NUL or high byte, a class
  // strict mode allows), and at a plain "ddd-text\r\n" opens a block and
  // runs block_loop() for it, inlined. Out of line, one per mode, with what
  // it reads in locals: the loops keep their registers.
  template <bool Strict>
  FTPREPLY_NOINLINE run_stop expect_run(cursor& c, event** po) noexcept {
    const unsigned char* const b = b_;
    const unsigned char* q = b + c.p;  // the line start
    const unsigned char* bw = b + c.w;  // the window
    uint64_t lfs = c.lfs;
    event* o = *po;
    event* const end = out_ + cap_;
    // An event's offset is its first byte's address plus this.
    const uint64_t to_offset = st_.base - reinterpret_cast<uintptr_t>(b);
    const uint64_t over = opt_.max_line - 6;
    // "ddd " in one test (three_digits() and the space): the first digit
    // '1'-'6' in strict mode.
    constexpr uint32_t sub = Strict ? 0x20303031u : 0x20303030u;
    constexpr uint32_t add = Strict ? 0x0076767Au : 0x00767676u;
    // The window's first line for the rules: the stop, or the first the
    // output has no room for, tested once a window. The run takes at most
    // 11 lines in a window (6 bytes or more each, the first maybe begun
    // before it), one event each: with room for 11, none is counted.
    auto room = [&](unsigned s) FTPREPLY_LAMBDA_INLINE {
      const size_t left = static_cast<size_t>(end - o);
      if (left < 11) {
        uint64_t l = lfs;
        for (size_t k = 0; k < left && l; ++k) l &= l - 1;
        if (l) s = std::min(s, trailing_zeros(l));
      }
      return s;
    };
    unsigned stop = room(c.stop);
    run_stop r = run_stop::rules;
    ahead a;
    start_ahead(c.w, a);
    for (;;) {
      while (lfs) {
        const unsigned bit = trailing_zeros(lfs);
        const unsigned char* const next = bw + bit + 1;
        const size_t line_len = static_cast<size_t>(next - q);
        // At least "ddd " and CR LF, at most max_line: the head is inside.
        if (line_len - 6 > over) goto done;
        if (bit >= stop) goto done;
        const uint32_t head = load_le<uint32_t>(q), d = head - sub;
        if (((d | (d + add)) & 0xFF808080u) == 0) {
          event_access::reply(*o++, reinterpret_cast<uintptr_t>(q) + to_offset, q,
                              static_cast<uint32_t>(line_len), head & 0xFFFFFFu, 0);
          q = next;
          lfs &= lfs - 1;
          continue;
        }
        const uint32_t dash = head - (sub + 0x0D000000u);  // "ddd-"
        if (((dash | (dash + add)) & 0xFF808080u) != 0) goto done;
        const size_t p = static_cast<size_t>(q - b);
        st_.mode = mode_block;
        st_.code = code_at(p);
        st_.lines = 1;
        st_.flags = 0;
        bs_ = p;
        // The block's loop, inlined here: in a session blocks come and go
        // every few lines. A return to the walk between the two runs cost
        // a third of the servers mix, and a call to block_run() 5-9% of
        // the servers, session and multiline mixes (AVX2, Zen 4).
        c = cursor{static_cast<size_t>(next - b), static_cast<size_t>(bw - b), lfs & (lfs - 1),
                   stop};
        event* ob = o;
        r = opt_.any_code_terminates ? block_run<true>(c, &ob, end)
                                     : block_loop<false>(c, &ob, end, &a);
        o = ob;
        if (r != run_stop::mode) {
          *po = o;
          return r;
        }
        q = b + c.p;  // the block emitted: on after it
        bw = b + c.w;
        lfs = c.lfs;
        stop = room(c.stop);
        if (opt_.any_code_terminates) start_ahead(c.w, a);
      }
      if (!next_window(bw, lfs, stop, a)) break;
      stop = room(stop);
    }
    r = run_stop::end;
  done:
    c = cursor{static_cast<size_t>(q - b), static_cast<size_t>(bw - b), lfs, stop};
    *po = o;
    return r;
  }

  // Inside the block at bs_: counts its text lines and emits it at its
  // terminator "ddd text\r\n" (its code, then a space), all within the
  // limits, ended by CR LF, with no NUL or high byte. A line that could
  // end it otherwise (a bare code; with AnyCode, any code) goes to the
  // rules. `end`: where the output stops for it. Out of line for the walk
  // (a call that resumes inside a block), inlined in expect_run().
  //
  // Long: a block of long lines (hostile input's endless reply), in a loop
  // of its own that passes over the windows inside a line with their LF
  // and NUL or high bytes alone. The other block loops bound a line at
  // long_line bytes (line_bound_), as they bound it at max_line: a longer
  // one goes to the rules, and its block on in this loop. Nothing is tested a
  // window for it: a test for windows without LF in every block loop cost
  // multiline 3-5% of its time, and the runs' loops move by a percent or
  // more with any change to their code (Zen 4).
  template <bool AnyCode, bool Long = false>
  FTPREPLY_NOINLINE run_stop block_run(cursor& cur, event** po, event* end) noexcept {
    return block_loop<AnyCode, Long>(cur, po, end, nullptr);
  }
  // Three windows. The bound holds from the line start at the window's
  // entry, so it also sends to the rules the lines after a long one in
  // the same window: at 192, after a line over 128 bytes; at 128, after
  // any line that covers a window (multiline 7% slower).
  static constexpr uint32_t long_line = 192;
  // `a`: the window made ahead (expect_run()'s), or none.
  template <bool AnyCode, bool Long = false>
  FTPREPLY_ALWAYS_INLINE run_stop block_loop(cursor& cur, event** po, event* end,
                                             ahead* a) noexcept {
    const unsigned char* const b = b_;
    size_t p = cur.p, w = cur.w;
    uint64_t lfs = cur.lfs;
    unsigned stop = cur.stop;
    const size_t bs = bs_;
    const uint32_t term = (load_le<uint32_t>(b + bs) & 0xFFFFFFu) | uint32_t{' '} << 24;
    // The lines the block may still take before max_lines (counted down:
    // one register fewer in the loop).
    const uint32_t max_lines = opt_.max_lines,
                   max_line = Long || AnyCode ? opt_.max_line : line_bound_;
    uint32_t left = st_.lines < max_lines ? max_lines - st_.lines : 0;
    // A line that ends past `bound` goes to the rules: one test for the
    // reply limit, the line limit (from the line start at the window's
    // entry: the lines after it are shorter), and 4 bytes to read from
    // the line start (a line under 4 bytes reads the next one's first:
    // its LF is not a digit, so the head is text, as it should be).
    const size_t reply_end = opt_.max_reply < len_ - bs ? bs + opt_.max_reply : len_;
    const size_t bound_reply = std::min<size_t>(len_ > 3 ? len_ - 3 : 0, reply_end);
    size_t bound = std::min<size_t>(bound_reply, p + max_line);
    run_stop r = run_stop::rules;
    for (;;) {
      for (; lfs; lfs &= lfs - 1) {
        const unsigned bit = trailing_zeros(lfs);
        const size_t next = w + bit + 1;
        if (bit >= stop || next > bound || left == 0) goto done;
        const uint32_t head = load_le<uint32_t>(b + p);
        // Text: neither the code followed by a space or a line end, nor
        // any code under AnyCode. (The code first: a test of '-' first
        // mispredicts on listings, "-rw-r--r--".)
        const bool text = ((head ^ term) & 0xFFFFFFu) != 0 ? !(AnyCode && three_digits(head))
                                                            : head >> 24 == '-';
        if (text) {
          --left;
          p = next;
          continue;
        }
        if (head != term || *po == end) goto done;
        event* const o = *po;
        event_access::reply(*o, st_.base + bs, b + bs, static_cast<uint32_t>(next - bs),
                            term & 0xFFFFFFu, st_.flags);
        *po = o + 1;
        st_.mode = mode_expect;
        p = next;
        lfs &= lfs - 1;
        r = run_stop::mode;
        goto done;
      }
      if constexpr (Long) {
        // One window a turn: in a loop of its own for the windows without
        // LF, GCC gave it other registers, and moved a dozen at each line.
        if (!next_window_sparse(w, lfs, stop)) break;
        if (!lfs) continue;
      } else if (!(a ? next_window(w, lfs, stop, *a) : next_window(w, lfs, stop))) {
        break;
      }
      bound = std::min<size_t>(bound_reply, p + max_line);
    }
    r = run_stop::end;
  done:
    st_.lines = max_lines - left;
    cur = cursor{p, w, lfs, stop};
    return r;
  }

  // From the line start p: each mode's run, and the rules (start_line(),
  // block_line(), the line limit) for each line a run stops at, which they
  // take whole. Windows before `resume` hold no LF of the line at p, and
  // `open_special` says whether its bytes there hold a NUL or high byte.
  scan_result walk(size_t p, size_t resume, bool open_special) noexcept {
    cursor c{p, p & ~size_t{63}, 0, open_special ? 0u : 64u};
    if (resume > c.w) c.w = resume;
    const size_t w0 = c.w < len_ ? c.w : len_;  // windows are classified from here on
    if (c.w < len_) {  // the first window: p may be inside it
      const uint64_t from = bits_from(p, c.w);
      const block_masks m = window_masks(b_, len_, c.w);
      c.lfs = m.lf & from;
      c.stop = window_stop(m, cr_before(c.w), from, open_special);
    }
    event* o = out_ + n_;
    // The block's last line for the rules was a long one: the block goes
    // on in block_run<., true>.
    bool long_lines = st_.long_lines;
    block_masks m{0, 0, 0};  // the masks of window mw, for the rules
    size_t mw = ~size_t{0};
    auto finish = [&] {  // the bytes classified: to the end of c's window
      st_.examined += (c.w + 64 < len_ ? c.w + 64 : len_) - w0;
      n_ = static_cast<size_t>(o - out_);
      st_.long_lines = long_lines;
    };
    for (;;) {
      if (!c.lfs) {  // a line open over windows (a long one fed in pieces)
        if (!next_window_sparse(c.w, c.lfs, c.stop)) break;
        continue;
      }
      run_stop r = run_stop::rules;
      if (st_.mode == mode_block) {
        event* const end = st_.pending_blank ? o : out_ + cap_;
        r = opt_.any_code_terminates ? block_run<true>(c, &o, end)
            : long_lines             ? block_run<false, true>(c, &o, end)
                                     : block_run<false>(c, &o, end);
      } else if (!st_.pending_blank) {
        r = opt_.strict ? expect_run<true>(c, &o) : expect_run<false>(c, &o);
        long_lines = false;  // a block it opened is new
      }
      if (r == run_stop::end) break;
      if (r == run_stop::mode) {
        long_lines = false;
        continue;
      }
      n_ = static_cast<size_t>(o - out_);
      if (n_ == cap_) {
        finish();
        return st_.mode == mode_block ? stop_block(c.p, true) : stop(c.p, true);
      }
      // The rules, for the line whose LF is c.lfs's lowest bit; the
      // window's masks are made again (the runs keep only the stop), once
      // for all the lines of a window that the rules take.
      if (c.w != mw) {
        m = window_masks(b_, len_, c.w);
        mw = c.w;
      }
      const uint64_t from = bits_from(c.p, c.w);
      const unsigned bit = trailing_zeros(c.lfs);
      const size_t e = c.w + bit;
      const uint64_t upto = c.lfs ^ (c.lfs - 1);  // the window's bits up to e
      // A line open into the window: a stop still at 0 may be its carry.
      const bool special =
          (m.special & from & upto) != 0 || (c.p < c.w && c.stop == 0);
      const bool in_block = st_.mode == mode_block;
      long_lines = in_block && e - c.p >= long_line;
      if (in_block)
        c.p = block_line(c.p, e, special);
      else if (e + 1 - c.p > opt_.max_line)
        c.p = emit_error(error::line_too_long, c.p, c.p, e + 1);
      else
        c.p = start_line(c.p, e, special);
      o = out_ + n_;
      c.lfs &= c.lfs - 1;
      c.stop = window_stop(m, cr_before(c.w), ~upto, 0);
    }
    finish();
    return end_of_input(c.p, c.stop != 64);
  }

  // The input ended inside the line starting at p: inline, the end of
  // every call of a chunked scan (more to come, within the limits); the
  // rest in open_line().
  FTPREPLY_ALWAYS_INLINE scan_result end_of_input(size_t p, bool special) noexcept {
    const size_t partial = len_ - p;
    if (!at_end_ && partial <= opt_.max_line &&
        (st_.mode == mode_expect ||
         (st_.mode == mode_block && (p - bs_) + partial <= opt_.max_reply)))
      return need_more(p, special);
    return open_line(p, special);
  }

  // More bytes may finish the line at p, in a block or between replies:
  // the next call resumes past what was examined, with the line's NUL or
  // high byte.
  FTPREPLY_ALWAYS_INLINE scan_result need_more(size_t p, bool special) noexcept {
    if (st_.mode == mode_block) {
      st_.walked = static_cast<uint32_t>(len_ - bs_);
      st_.line_special = special;
      return stop_block(p, false);
    }
    st_.walked = static_cast<uint32_t>(len_ - p);
    st_.line_special = special && p != len_;
    return stop(p, false);
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special) noexcept {
    for (;;) {
      const size_t partial = len_ - p;
      if (st_.mode == mode_block) {
        if (partial > opt_.max_line || (p - bs_) + partial > opt_.max_reply) {
          enter_skip(bs_, p, p - bs_);
        } else if (at_end_) {
          if (n_ == cap_) return stop_block(p, true);
          // The block is abandoned; the rest is read as a new reply.
          emit_error(error::unterminated, bs_, bs_, p);
          continue;
        } else {
          return need_more(p, special);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {
          return need_more(p, special);
        }
      }
      // mode_skip: everything is consumed; at the end, report it.
      if (!at_end_) return stop(len_, false);
      if (n_ == cap_) return stop(len_, true);
      emit_skipped(len_);
      return stop(len_, false);
    }
  }

  // --- output --------------------------------------------------------------

  FTPREPLY_NOINLINE size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event_access::failure(out_[n_++], e, st_.base + offset, st_.base + start,
                          end - start);
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint32_t digits, uint16_t f) noexcept {
    event_access::reply(out_[n_++], st_.base + start, b_ + start,
                        static_cast<uint32_t>(end - start), digits,
                        static_cast<uint16_t>(f | (st_.pending_blank ? flags::blank_line : 0)));
    st_.pending_blank = false;
    st_.mode = mode_expect;
  }

  scan_result stop(size_t consumed, bool full) noexcept {
    st_.base += consumed;
    return scan_result{n_, consumed, full};
  }

  scan_result stop_block(size_t pos, bool full) noexcept {
    st_.checked = pos - bs_;
    return stop(bs_, full);
  }

  scan_state& st_;
  const options& opt_;
  const unsigned char* const b_;
  const size_t len_;
  const bool at_end_;
  event* const out_;
  const size_t cap_;
  size_t n_ = 0;
  size_t bs_ = 0;                 // block start
  // The line limit of the block loops but block_run<., true>'s. A member,
  // read where max_line was read: worked out at the loop's entry, it moved
  // the expect run's registers (AVX2 multiline 7% slower, Zen 4).
  const uint32_t line_bound_;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}

}  // namespace avx512bw
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
// ---- base64.cpp ----
// SPDX-License-Identifier: Apache-2.0
// Base64 (RFC 4648) as RFC 2228 uses it (ftpreply/protected.h).

namespace ftpreply {

using detail::base64_stream;
using detail::kAlphabet;

void base64_encode(const uint8_t* in, size_t n, char* out) noexcept {
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const uint32_t q = uint32_t{in[i]} << 16 | uint32_t{in[i + 1]} << 8 | in[i + 2];
    *out++ = kAlphabet[q >> 18];
    *out++ = kAlphabet[q >> 12 & 63];
    *out++ = kAlphabet[q >> 6 & 63];
    *out++ = kAlphabet[q & 63];
  }
  if (i < n) {
    const uint32_t q = uint32_t{in[i]} << 16 | (i + 1 < n ? uint32_t{in[i + 1]} << 8 : 0);
    *out++ = kAlphabet[q >> 18];
    *out++ = kAlphabet[q >> 12 & 63];
    *out++ = i + 1 < n ? kAlphabet[q >> 6 & 63] : '=';
    *out++ = '=';
  }
}

error base64_decode(std::string_view text, uint8_t* out, size_t capacity,
                    size_t* length) noexcept {
  base64_stream s(out, capacity);
  error e = s.feed(text);
  return e != error::ok ? e : s.finish(length);
}

}  // namespace ftpreply
// ---- c_api.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The C API (<ftpreply.h>) over the C++ kernel. It must link with a C
// compiler alone: no allocation, no exceptions, no std:: type that needs
// the C++ runtime; state lives in the caller's storage, built there with
// placement new and recognised by a tag word.
// ---- ftpreply.h (the C API) ----
/* SPDX-License-Identifier: Apache-2.0 */
/* ftpreply.h - the ftpreply kernel from C (C99 or later, and C++).
 *
 * For the C servers and clients that most FTP software is. A thin layer
 * over the same code as the C++ API (<ftpreply/ftpreply.h>): it links with
 * the C compiler alone (no C++ runtime), allocates nothing, and keeps its
 * state in storage the caller provides. Names are ftpreply_ and FTPREPLY_;
 * enum values never change (new ones are added at the end).
 *
 * A client reading replies:
 *
 *   char buf[1 << 16];                       // the reader's bytes: yours
 *   ftpreply_reader r;
 *   ftpreply_reader_init(&r, NULL, FTPREPLY_KERNEL_AUTOMATIC, buf, sizeof buf);
 *   for (;;) {
 *     ssize_t n = recv(fd, chunk, sizeof chunk, 0);
 *     if (n <= 0) break;
 *     if (ftpreply_reader_feed(&r, chunk, (size_t)n) != FTPREPLY_OK) break;
 *     ftpreply_event e;
 *     while (ftpreply_reader_next(&r, &e))
 *       if (ftpreply_event_is_reply(&e))
 *         printf("%u\n", ftpreply_event_code(&e));
 *   }
 *
 * A server writing one:
 *
 *   char out[512];
 *   size_t len;
 *   if (ftpreply_encode_reply(257, text, text_len, out, sizeof out, &len) == FTPREPLY_OK)
 *     send(fd, out, len, 0);
 *
 * Ownership and lifetimes: every pointer an event or a decoder gives views
 * the bytes it was made from (the reader's buffer, or the reply passed to
 * the decoder): valid while those bytes are, and for a reader's events
 * until its next feed, gap or finish. Nothing here frees or keeps a
 * pointer past the call, but for the reader, which writes into the buffer
 * given to ftpreply_reader_init() for as long as it is used.
 *
 * Errors: every function that can fail returns an ftpreply_error. A null
 * pointer where one is needed (with a non-zero size) is
 * FTPREPLY_INVALID_ARGUMENT; storage that ftpreply_*_init() did not set up,
 * or a scanner used after ftpreply_finish() without ftpreply_scanner_reset(),
 * is FTPREPLY_BAD_STATE. Nothing aborts or prints.
 */
#ifndef FTPREPLY_C_H
#define FTPREPLY_C_H

#include <stddef.h>
#include <stdint.h>


#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define FTPREPLY_API __attribute__((visibility("default")))
#else
#define FTPREPLY_API
#endif

/* The release of the compiled kernel ("1.1.0"). */
FTPREPLY_API const char* ftpreply_version(void);

/* --- errors ---------------------------------------------------------------- */

typedef enum ftpreply_error {
  FTPREPLY_OK = 0,                /* no error */
  FTPREPLY_BAD_CODE = 1,          /* a line where a reply should start lacks three digits */
  FTPREPLY_BAD_SEPARATOR = 2,     /* the byte after the code is neither space nor '-' */
  FTPREPLY_BAD_CLASS = 3,         /* strict: the code's first digit is not 1-6 */
  FTPREPLY_EMPTY_LINE = 4,        /* strict: an empty line where a reply should start */
  FTPREPLY_BARE_LF = 5,           /* strict: a line ended by LF without CR */
  FTPREPLY_BARE_CODE = 6,         /* strict: a reply's line is only the code */
  FTPREPLY_UNTERMINATED = 7,      /* end of stream inside a multi-line reply */
  FTPREPLY_TRUNCATED = 8,         /* end of stream inside a line */
  FTPREPLY_LINE_TOO_LONG = 9,     /* a line over max_line bytes */
  FTPREPLY_REPLY_TOO_LONG = 10,   /* a reply over max_reply bytes */
  FTPREPLY_TOO_MANY_LINES = 11,   /* a reply over max_lines lines */
  FTPREPLY_MALFORMED = 12,        /* codec: the payload does not have the expected form */
  FTPREPLY_OUT_OF_RANGE = 13,     /* codec: a number in the payload is out of range */
  FTPREPLY_BUFFER_TOO_SMALL = 14, /* the caller's buffer cannot hold the result */
  FTPREPLY_INVALID_ARGUMENT = 15, /* an argument the function cannot accept (a null pointer) */
  FTPREPLY_UNSEAL_FAILED = 16,    /* codec: the caller's seal or unseal function refused */
  FTPREPLY_GAP = 17,              /* bytes of the stream were lost (ftpreply_gap) */
  FTPREPLY_BAD_STATE = 18         /* storage not set up by init, or a finished scanner */
} ftpreply_error;

/* "ok", "bad_code", ... as the command line prints them; "unknown" else. */
FTPREPLY_API const char* ftpreply_error_name(ftpreply_error e);

/* --- kernels ---------------------------------------------------------------- */

typedef enum ftpreply_kernel {
  FTPREPLY_KERNEL_AUTOMATIC = 0, /* the best this CPU runs */
  FTPREPLY_KERNEL_SCALAR = 1,
  FTPREPLY_KERNEL_SSE2 = 2,
  FTPREPLY_KERNEL_AVX2 = 3,
  FTPREPLY_KERNEL_AVX512BW = 4,
  FTPREPLY_KERNEL_NEON = 5
} ftpreply_kernel;

/* 1 when this build has the kernel and this CPU runs it. */
FTPREPLY_API int ftpreply_kernel_supported(ftpreply_kernel k);
/* What FTPREPLY_KERNEL_AUTOMATIC is on this CPU. */
FTPREPLY_API ftpreply_kernel ftpreply_best_kernel(void);
/* "automatic", "scalar", "sse2", "avx2", "avx512bw", "neon"; "unknown" else. */
FTPREPLY_API const char* ftpreply_kernel_name(ftpreply_kernel k);

/* --- options ---------------------------------------------------------------- */

typedef struct ftpreply_options {
  int strict;              /* RFC 959 to the letter (else lenient) */
  int any_code_terminates; /* lenient: a block ends at the first "ddd " line */
  uint32_t max_line;       /* longest line, line end included (16384) */
  uint64_t max_reply;      /* largest reply in bytes (1 MiB) */
  uint32_t max_lines;      /* most lines in a reply (65536) */
} ftpreply_options;

/* The defaults: lenient, or strict; the limits above. */
FTPREPLY_API ftpreply_options ftpreply_options_lenient(void);
FTPREPLY_API ftpreply_options ftpreply_options_strict(void);

/* --- events ------------------------------------------------------------------ */

/* Flags of a reply (ftpreply_event_flags), one bit each. */
#define FTPREPLY_FLAG_AFTER_GAP 0x01u    /* the first reply after a gap */
#define FTPREPLY_FLAG_BARE_CODE 0x02u    /* lenient: a line that is only the code */
#define FTPREPLY_FLAG_BARE_LF 0x04u      /* lenient: a line ended by a bare LF */
#define FTPREPLY_FLAG_BLANK_LINE 0x08u   /* lenient: empty lines came before it */
#define FTPREPLY_FLAG_MISMATCHED_TERMINATOR 0x10u /* any-code: the codes differ */
#define FTPREPLY_FLAG_NON_ASCII 0x20u    /* a byte 0x80-0xFE */
#define FTPREPLY_FLAG_NUL 0x40u          /* a NUL byte */
#define FTPREPLY_FLAG_TELNET 0x80u       /* a byte 0xFF (Telnet IAC) */

/* One reply or one framing error: the C++ ftpreply::event, byte for byte.
 * Read it through the functions below; the fields are not an interface. */
typedef struct ftpreply_event {
  uint64_t opaque_[3];
} ftpreply_event;

/* A view of bytes: not NUL-terminated. */
typedef struct ftpreply_span {
  const char* data;
  size_t size;
} ftpreply_span;

/* 1 for a reply, 0 for a framing error. */
FTPREPLY_API int ftpreply_event_is_reply(const ftpreply_event* e);
/* The reply's code (100-999; the terminator's under any_code_terminates), 0 for an error. */
FTPREPLY_API unsigned ftpreply_event_code(const ftpreply_event* e);
/* FTPREPLY_FLAG_ bits of a reply; 0 for an error. */
FTPREPLY_API unsigned ftpreply_event_flags(const ftpreply_event* e);
/* FTPREPLY_OK for a reply, else the framing error. */
FTPREPLY_API ftpreply_error ftpreply_event_error(const ftpreply_event* e);
/* The stream offset of the reply's first byte, or of the offending line. */
FTPREPLY_API uint64_t ftpreply_event_offset(const ftpreply_event* e);
/* The span the event covers: [start, start + length) in stream offsets. */
FTPREPLY_API uint64_t ftpreply_event_start(const ftpreply_event* e);
FTPREPLY_API uint64_t ftpreply_event_length(const ftpreply_event* e);
/* A reply's bytes, line ends included (empty for an error). */
FTPREPLY_API ftpreply_span ftpreply_event_bytes(const ftpreply_event* e);
/* Lines in a reply (0 for an error). */
FTPREPLY_API uint32_t ftpreply_event_lines(const ftpreply_event* e);
/* The text of the first and last lines (after "ddd " or "ddd-"). */
FTPREPLY_API ftpreply_span ftpreply_event_first_text(const ftpreply_event* e);
FTPREPLY_API ftpreply_span ftpreply_event_last_text(const ftpreply_event* e);
/* The name of one flag bit ("after_gap", ...); "unknown" else. */
FTPREPLY_API const char* ftpreply_flag_name(unsigned single_flag);

/* --- the scanner, in caller storage ------------------------------------------- */

/* Storage for a scanner: FTPREPLY_SCANNER_SIZE bytes aligned as uint64_t,
 * checked against the C++ scanner at compile time. Set up by
 * ftpreply_scanner_init(); no destroy needed (nothing to free). */
#define FTPREPLY_SCANNER_SIZE 160
typedef struct ftpreply_scanner {
  uint64_t opaque_[FTPREPLY_SCANNER_SIZE / 8];
} ftpreply_scanner;

typedef struct ftpreply_scan_result {
  size_t events;    /* events written to out */
  size_t consumed;  /* leading bytes of the input the caller may drop */
  int output_full;  /* 1: stopped because out was full; call again with the rest */
} ftpreply_scan_result;

/* Sets up a scanner: `options` NULL for lenient; a kernel this CPU cannot
 * run is replaced by the scalar one (ftpreply_scanner_kernel says). */
FTPREPLY_API ftpreply_error ftpreply_scanner_init(ftpreply_scanner* s,
                                                  const ftpreply_options* options,
                                                  ftpreply_kernel kernel);
/* Scans data[0, size) (every byte not yet consumed, then the new ones),
 * writing at most `capacity` events to out; slots past the events written
 * are scratch. The incomplete rest stays with the caller, who appends the
 * next read and calls again. */
FTPREPLY_API ftpreply_error ftpreply_scan(ftpreply_scanner* s, const char* data, size_t size,
                                          ftpreply_event* out, size_t capacity,
                                          ftpreply_scan_result* result);
/* The same, then the end of the stream: an open reply is unterminated, a
 * line without its end truncated. Once it returns without output_full the
 * scanner is finished: FTPREPLY_BAD_STATE until ftpreply_scanner_reset(). */
FTPREPLY_API ftpreply_error ftpreply_finish(ftpreply_scanner* s, const char* data, size_t size,
                                            ftpreply_event* out, size_t capacity,
                                            ftpreply_scan_result* result);
/* `lost` bytes of the stream are missing after data (a capture's hole):
 * what was open and the lines up to the next possible reply become one
 * FTPREPLY_GAP event (kernel/SPEC.md rule 11). */
FTPREPLY_API ftpreply_error ftpreply_gap(ftpreply_scanner* s, const char* data, size_t size,
                                         uint64_t lost, ftpreply_event* out, size_t capacity,
                                         ftpreply_scan_result* result);
/* A new stream at offset 0, same options and kernel. */
FTPREPLY_API ftpreply_error ftpreply_scanner_reset(ftpreply_scanner* s);
/* The stream offset of the first unconsumed byte (0 for bad storage). */
FTPREPLY_API uint64_t ftpreply_scanner_position(const ftpreply_scanner* s);
/* The kernel it runs (FTPREPLY_KERNEL_SCALAR for bad storage). */
FTPREPLY_API ftpreply_kernel ftpreply_scanner_kernel(const ftpreply_scanner* s);

/* --- the reader: a scanner over a buffer the caller provides -------------------- */

/* Storage for a reader: FTPREPLY_READER_SIZE bytes aligned as uint64_t. */
#define FTPREPLY_READER_SIZE 640
typedef struct ftpreply_reader {
  uint64_t opaque_[FTPREPLY_READER_SIZE / 8];
} ftpreply_reader;

/* Sets up a reader that keeps unconsumed bytes in buffer[0, capacity): it
 * must hold the largest reply plus one read (with the default options a
 * reply may be 1 MiB; lower max_reply for a smaller buffer). */
FTPREPLY_API ftpreply_error ftpreply_reader_init(ftpreply_reader* r,
                                                 const ftpreply_options* options,
                                                 ftpreply_kernel kernel, char* buffer,
                                                 size_t capacity);
/* Appends bytes the connection gave. Taken only when every event has been
 * read (else FTPREPLY_BAD_STATE, nothing taken); FTPREPLY_BUFFER_TOO_SMALL
 * when they do not fit beside the bytes held (nothing taken). */
FTPREPLY_API ftpreply_error ftpreply_reader_feed(ftpreply_reader* r, const char* data,
                                                 size_t size);
/* `lost` bytes are missing here; as feed, taken when every event was read. */
FTPREPLY_API ftpreply_error ftpreply_reader_gap(ftpreply_reader* r, uint64_t lost);
/* The end of the stream; feeding after it starts a new one. */
FTPREPLY_API ftpreply_error ftpreply_reader_finish(ftpreply_reader* r);
/* The next reply or framing error in *out: 1, or 0 when there is none until
 * more bytes come (or for bad arguments). Its views hold until the next
 * feed, gap or finish. */
FTPREPLY_API int ftpreply_reader_next(ftpreply_reader* r, ftpreply_event* out);
/* Bytes the reader holds. */
FTPREPLY_API size_t ftpreply_reader_buffered(const ftpreply_reader* r);

/* --- the classifier ----------------------------------------------------------- */

typedef enum ftpreply_kind {
  FTPREPLY_KIND_INVALID = 0,
  FTPREPLY_KIND_PRELIMINARY = 1,
  FTPREPLY_KIND_COMPLETION = 2,
  FTPREPLY_KIND_INTERMEDIATE = 3,
  FTPREPLY_KIND_TRANSIENT_NEGATIVE = 4,
  FTPREPLY_KIND_PERMANENT_NEGATIVE = 5,
  FTPREPLY_KIND_PROTECTED = 6
} ftpreply_kind;

typedef enum ftpreply_group {
  FTPREPLY_GROUP_SYNTAX = 0,
  FTPREPLY_GROUP_INFORMATION = 1,
  FTPREPLY_GROUP_CONNECTIONS = 2,
  FTPREPLY_GROUP_AUTHENTICATION = 3,
  FTPREPLY_GROUP_UNSPECIFIED = 4,
  FTPREPLY_GROUP_FILE_SYSTEM = 5,
  FTPREPLY_GROUP_UNKNOWN = 6
} ftpreply_group;

typedef enum ftpreply_source {
  FTPREPLY_SOURCE_NONE = 0,
  FTPREPLY_SOURCE_RFC959 = 1,
  FTPREPLY_SOURCE_RFC1639 = 2,
  FTPREPLY_SOURCE_RFC2228 = 3,
  FTPREPLY_SOURCE_RFC2428 = 4,
  FTPREPLY_SOURCE_RFC7151 = 5,
  FTPREPLY_SOURCE_VENDOR = 6,
  FTPREPLY_SOURCE_WINSOCK = 7
} ftpreply_source;

typedef struct ftpreply_code_info {
  uint32_t code;
  int known;
  ftpreply_kind kind;
  ftpreply_group group;
  ftpreply_source source;
  const char* meaning; /* static text; NULL when not known */
} ftpreply_code_info;

/* What is known of any code, in constant time. */
FTPREPLY_API ftpreply_code_info ftpreply_classify(uint32_t code);
/* "preliminary", ...; "syntax", ...; "rfc959", ... as the command line prints them. */
FTPREPLY_API const char* ftpreply_kind_name(ftpreply_kind k);
FTPREPLY_API const char* ftpreply_group_name(ftpreply_group g);
FTPREPLY_API const char* ftpreply_source_name(ftpreply_source s);

/* --- payload decoders: `reply` is a reply's bytes (ftpreply_event_bytes) ------- */

typedef enum ftpreply_decode_mode {
  FTPREPLY_DECODE_STRICT = 0,
  FTPREPLY_DECODE_LENIENT = 1
} ftpreply_decode_mode;

typedef struct ftpreply_endpoint {
  int family;          /* 0 none, 4 IPv4 (address[0..3]), 6 IPv6 */
  uint8_t address[16]; /* network order */
  uint16_t port;
} ftpreply_endpoint;

typedef struct ftpreply_timestamp {
  uint16_t year;
  uint8_t month, day, hour, minute, second;
  ftpreply_span fraction; /* the digits after '.', if any */
} ftpreply_timestamp;

typedef struct ftpreply_pair {
  ftpreply_span first, second;
} ftpreply_pair;

/* 227 "(h1,h2,h3,h4,p1,p2)", 228 (LPSV), 229 "(|||port|)". */
FTPREPLY_API ftpreply_error ftpreply_decode_pasv(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_endpoint* out);
FTPREPLY_API ftpreply_error ftpreply_decode_lpsv(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_endpoint* out);
FTPREPLY_API ftpreply_error ftpreply_decode_epsv(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, uint16_t* port);
/* 257: the quoted path into path[0, *length) (BUFFER_TOO_SMALL: *length needed). */
FTPREPLY_API ftpreply_error ftpreply_decode_pathname(const char* reply, size_t size,
                                                     ftpreply_decode_mode mode, char* path,
                                                     size_t capacity, size_t* length);
/* 110 "MARK user = server": first the user's marker, second the server's. */
FTPREPLY_API ftpreply_error ftpreply_decode_mark(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_pair* out);
/* 213 after SIZE, and after MDTM. */
FTPREPLY_API ftpreply_error ftpreply_decode_size(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, uint64_t* bytes);
FTPREPLY_API ftpreply_error ftpreply_decode_mdtm(const char* reply, size_t size,
                                                 ftpreply_decode_mode mode, ftpreply_timestamp* out);
/* 215: first the system name, second the rest. */
FTPREPLY_API ftpreply_error ftpreply_decode_system(const char* reply, size_t size,
                                                   ftpreply_decode_mode mode, ftpreply_pair* out);
/* 211 after FEAT: each feature as (name, params), at most `capacity` (and
 * at most FTPREPLY_MAX_FEATURES); *count how many the reply has
 * (BUFFER_TOO_SMALL when more than were written). */
#define FTPREPLY_MAX_FEATURES 128
FTPREPLY_API ftpreply_error ftpreply_decode_features(const char* reply, size_t size,
                                                     ftpreply_decode_mode mode, ftpreply_pair* out,
                                                     size_t capacity, size_t* count);

/* --- the encoder: writes to out[0, *length), or BUFFER_TOO_SMALL with *length
 * the size needed (nothing written) ------------------------------------------- */

/* A whole reply, "ddd text\r\n" or multi-line when the text has line breaks
 * (split at CR LF, LF or CR; middle lines that could read as a terminator
 * protected); code 100-659. */
FTPREPLY_API ftpreply_error ftpreply_encode_reply(unsigned code, const char* text, size_t size,
                                                  char* out, size_t capacity, size_t* length);
/* The texts of common replies, for ftpreply_encode_reply. */
FTPREPLY_API ftpreply_error ftpreply_format_pasv(const ftpreply_endpoint* ep, char* out,
                                                 size_t capacity, size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_epsv(uint16_t port, char* out, size_t capacity,
                                                 size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_pathname(const char* path, size_t path_size,
                                                     const char* comment, size_t comment_size,
                                                     char* out, size_t capacity, size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_size(uint64_t bytes, char* out, size_t capacity,
                                                 size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_mdtm(const ftpreply_timestamp* t, char* out,
                                                 size_t capacity, size_t* length);
FTPREPLY_API ftpreply_error ftpreply_format_system(const char* name, size_t name_size,
                                                   const char* rest, size_t rest_size, char* out,
                                                   size_t capacity, size_t* length);
/* "Features:", one line per (name, params), "End": for code 211; at most
 * FTPREPLY_MAX_FEATURES (else INVALID_ARGUMENT). */
FTPREPLY_API ftpreply_error ftpreply_format_features(const ftpreply_pair* features, size_t count,
                                                     char* out, size_t capacity, size_t* length);

/* --- the z/OS FTP client API status line ------------------------------------- */

typedef struct ftpreply_zos_status {
  ftpreply_span message_id; /* "EZA2121I", or empty */
  int client_error;         /* 0-99 */
  int subcommand;           /* 0-99, or -1 when blank */
  ftpreply_span command;    /* 1-4 characters, or empty when blank */
  int reply;                /* 0-999, or -1 when blank */
} ftpreply_zos_status;

/* "EZA2121I Command(ee-ss-cccc-rrr):" both ways. */
FTPREPLY_API ftpreply_error ftpreply_parse_zos_status(const char* line, size_t size,
                                                      ftpreply_zos_status* out);
FTPREPLY_API ftpreply_error ftpreply_format_zos_status(const ftpreply_zos_status* s, char* out,
                                                       size_t capacity, size_t* length);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FTPREPLY_C_H */

#include <cstring>
#include <new>
#include <type_traits>


namespace ftpreply {
namespace {

// The C enums are the C++ ones, value for value.
static_assert(FTPREPLY_GAP == static_cast<int>(error::gap) &&
                  FTPREPLY_INVALID_ARGUMENT == static_cast<int>(error::invalid_argument) &&
                  FTPREPLY_BUFFER_TOO_SMALL == static_cast<int>(error::buffer_too_small) &&
                  FTPREPLY_BAD_CODE == static_cast<int>(error::bad_code) &&
                  FTPREPLY_BAD_STATE == error_count,
              "C and C++ error values differ");
static_assert(FTPREPLY_KERNEL_NEON == static_cast<int>(kernel::neon) &&
                  FTPREPLY_KERNEL_AVX512BW == static_cast<int>(kernel::avx512bw),
              "C and C++ kernel values differ");
static_assert(FTPREPLY_KIND_PROTECTED == static_cast<int>(reply_kind::protected_reply) &&
                  FTPREPLY_GROUP_UNKNOWN == static_cast<int>(reply_group::unknown) &&
                  FTPREPLY_SOURCE_WINSOCK == static_cast<int>(source::winsock),
              "C and C++ classifier values differ");
static_assert(FTPREPLY_FLAG_AFTER_GAP == flags::after_gap && FTPREPLY_FLAG_TELNET == flags::telnet &&
                  FTPREPLY_FLAG_BARE_LF == flags::bare_lf && FTPREPLY_FLAG_NUL == flags::nul,
              "C and C++ flag values differ");
// The C event is the C++ event.
static_assert(sizeof(ftpreply_event) == sizeof(event) && alignof(ftpreply_event) == alignof(event) &&
                  std::is_trivially_copyable<event>::value,
              "ftpreply_event is not layout-identical to ftpreply::event");

constexpr uint64_t kScannerTag = 0x66747072735f6331u;  // "ftprs_c1"
constexpr uint64_t kReaderTag = 0x6674707272645f31u;   // "ftprrd_1"

// What a ftpreply_scanner holds.
struct c_scanner {
  uint64_t tag;
  bool finished;
  scanner s;
};
static_assert(sizeof(c_scanner) <= sizeof(ftpreply_scanner) &&
                  alignof(c_scanner) <= alignof(ftpreply_scanner),
              "FTPREPLY_SCANNER_SIZE is too small for the scanner");

// What a ftpreply_reader holds: the bytes [begin, end) of the caller's
// buffer not yet consumed, and events scanned but not yet given.
struct c_reader {
  static constexpr size_t batch_size = 16;
  uint64_t tag;
  scanner s;
  char* buffer;
  size_t capacity, begin, end;
  event batch[batch_size];
  size_t count, next;
  bool more;    // the bytes may hold more events
  bool at_end;  // finish(): scan to the end
  uint64_t lost;  // a gap declared after the bytes held
};
static_assert(sizeof(c_reader) <= sizeof(ftpreply_reader) &&
                  alignof(c_reader) <= alignof(ftpreply_reader),
              "FTPREPLY_READER_SIZE is too small for the reader");

ftpreply_error c(error e) { return static_cast<ftpreply_error>(e); }

options options_of(const ftpreply_options* o) {
  if (o == nullptr) return options::lenient();
  options r;
  r.strict = o->strict != 0;
  r.any_code_terminates = o->any_code_terminates != 0;
  r.max_line = o->max_line;
  r.max_reply = o->max_reply;
  r.max_lines = o->max_lines;
  return r;
}

ftpreply_options c_options(const options& o) {
  ftpreply_options r;
  r.strict = o.strict;
  r.any_code_terminates = o.any_code_terminates;
  r.max_line = o.max_line;
  r.max_reply = o.max_reply;
  r.max_lines = o.max_lines;
  return r;
}

bool valid_kernel(ftpreply_kernel k) {
  return static_cast<int>(k) >= FTPREPLY_KERNEL_AUTOMATIC && static_cast<int>(k) <= FTPREPLY_KERNEL_NEON;
}

c_scanner* scanner_of(ftpreply_scanner* s) {
  if (s == nullptr) return nullptr;
  c_scanner* x = reinterpret_cast<c_scanner*>(s);
  return x->tag == kScannerTag ? x : nullptr;
}
const c_scanner* scanner_of(const ftpreply_scanner* s) {
  return scanner_of(const_cast<ftpreply_scanner*>(s));
}
c_reader* reader_of(ftpreply_reader* r) {
  if (r == nullptr) return nullptr;
  c_reader* x = reinterpret_cast<c_reader*>(r);
  return x->tag == kReaderTag ? x : nullptr;
}

const event& ev(const ftpreply_event* e) { return *reinterpret_cast<const event*>(e); }

ftpreply_span span(std::string_view v) { return ftpreply_span{v.data(), v.size()}; }
std::string_view view(const char* p, size_t n) { return p == nullptr ? std::string_view() : std::string_view(p, n); }
std::string_view view(const ftpreply_span& s) { return view(s.data, s.size); }
decode_mode mode_of(ftpreply_decode_mode m) {
  return m == FTPREPLY_DECODE_STRICT ? decode_mode::strict : decode_mode::lenient;
}

// A null pointer with a non-zero size, or a mode or out of range.
bool bad_input(const char* p, size_t n) { return p == nullptr && n != 0; }

enum class call { scan, finish, gap };

ftpreply_error run(call how, ftpreply_scanner* s, const char* data, size_t size, uint64_t lost,
                   ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  if (result != nullptr) *result = ftpreply_scan_result{0, 0, 0};
  c_scanner* x = scanner_of(s);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (x->finished) return FTPREPLY_BAD_STATE;
  if (bad_input(data, size) || result == nullptr || (out == nullptr && capacity != 0))
    return FTPREPLY_INVALID_ARGUMENT;
  static const char none[1] = {};
  if (data == nullptr) data = none;
  event* o = reinterpret_cast<event*>(out);
  scan_result r = how == call::scan     ? x->s.scan(data, size, o, capacity)
                  : how == call::finish ? x->s.finish(data, size, o, capacity)
                                        : x->s.gap(data, size, lost, o, capacity);
  result->events = r.events;
  result->consumed = r.consumed;
  result->output_full = r.output_full;
  if (how == call::finish && !r.output_full) x->finished = true;
  return FTPREPLY_OK;
}

// Scans the reader's held bytes into its batch.
void refill(c_reader* x) {
  x->count = x->next = 0;
  if (!x->more) return;
  const char* data = x->buffer + x->begin;
  const size_t size = x->end - x->begin;
  const scan_result r = x->lost      ? x->s.gap(data, size, x->lost, x->batch, c_reader::batch_size)
                        : x->at_end ? x->s.finish(data, size, x->batch, c_reader::batch_size)
                                    : x->s.scan(data, size, x->batch, c_reader::batch_size);
  x->begin += r.consumed;
  x->count = r.events;
  x->more = r.output_full;
  if (!r.output_full) {
    x->lost = 0;
    x->at_end = false;
  }
}

}  // namespace
}  // namespace ftpreply

using namespace ftpreply;

extern "C" {

const char* ftpreply_version(void) { return version(); }

const char* ftpreply_error_name(ftpreply_error e) {
  if (e == FTPREPLY_BAD_STATE) return "bad_state";
  if (static_cast<int>(e) < 0 || static_cast<int>(e) >= error_count) return "unknown";
  return to_string(static_cast<error>(e));
}

int ftpreply_kernel_supported(ftpreply_kernel k) {
  return valid_kernel(k) && kernel_supported(static_cast<kernel>(k));
}
ftpreply_kernel ftpreply_best_kernel(void) { return static_cast<ftpreply_kernel>(best_kernel()); }
const char* ftpreply_kernel_name(ftpreply_kernel k) {
  return valid_kernel(k) ? to_string(static_cast<kernel>(k)) : "unknown";
}

ftpreply_options ftpreply_options_lenient(void) { return c_options(options::lenient()); }
ftpreply_options ftpreply_options_strict(void) { return c_options(options::strict_rfc959()); }

// --- events ---------------------------------------------------------------------

int ftpreply_event_is_reply(const ftpreply_event* e) { return e != nullptr && ev(e).is_reply(); }
unsigned ftpreply_event_code(const ftpreply_event* e) { return e ? ev(e).code() : 0; }
unsigned ftpreply_event_flags(const ftpreply_event* e) { return e ? ev(e).flags() : 0; }
ftpreply_error ftpreply_event_error(const ftpreply_event* e) {
  return e ? c(ev(e).err()) : FTPREPLY_INVALID_ARGUMENT;
}
uint64_t ftpreply_event_offset(const ftpreply_event* e) { return e ? ev(e).offset() : 0; }
uint64_t ftpreply_event_start(const ftpreply_event* e) { return e ? ev(e).start() : 0; }
uint64_t ftpreply_event_length(const ftpreply_event* e) { return e ? ev(e).length() : 0; }
ftpreply_span ftpreply_event_bytes(const ftpreply_event* e) {
  return e ? span(ev(e).bytes()) : ftpreply_span{nullptr, 0};
}
uint32_t ftpreply_event_lines(const ftpreply_event* e) { return e ? ev(e).line_count() : 0; }
ftpreply_span ftpreply_event_first_text(const ftpreply_event* e) {
  return e ? span(ev(e).first_line_text()) : ftpreply_span{nullptr, 0};
}
ftpreply_span ftpreply_event_last_text(const ftpreply_event* e) {
  return e ? span(ev(e).last_line_text()) : ftpreply_span{nullptr, 0};
}
const char* ftpreply_flag_name(unsigned single_flag) {
  const char* name = single_flag > 0xFFFF ? nullptr : flag_name(static_cast<uint16_t>(single_flag));
  return name ? name : "unknown";  // not one flag bit
}

// --- the scanner ------------------------------------------------------------------

ftpreply_error ftpreply_scanner_init(ftpreply_scanner* s, const ftpreply_options* options,
                                     ftpreply_kernel kernel) {
  if (s == nullptr || !valid_kernel(kernel)) return FTPREPLY_INVALID_ARGUMENT;
  c_scanner* x = reinterpret_cast<c_scanner*>(s);
  x->tag = kScannerTag;
  x->finished = false;
  new (&x->s) scanner(options_of(options), static_cast<ftpreply::kernel>(kernel));
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_scan(ftpreply_scanner* s, const char* data, size_t size,
                             ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  return run(call::scan, s, data, size, 0, out, capacity, result);
}
ftpreply_error ftpreply_finish(ftpreply_scanner* s, const char* data, size_t size,
                               ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  return run(call::finish, s, data, size, 0, out, capacity, result);
}
ftpreply_error ftpreply_gap(ftpreply_scanner* s, const char* data, size_t size, uint64_t lost,
                            ftpreply_event* out, size_t capacity, ftpreply_scan_result* result) {
  return run(call::gap, s, data, size, lost, out, capacity, result);
}
ftpreply_error ftpreply_scanner_reset(ftpreply_scanner* s) {
  c_scanner* x = scanner_of(s);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  x->s.reset();
  x->finished = false;
  return FTPREPLY_OK;
}
uint64_t ftpreply_scanner_position(const ftpreply_scanner* s) {
  const c_scanner* x = scanner_of(s);
  return x ? x->s.position() : 0;
}
ftpreply_kernel ftpreply_scanner_kernel(const ftpreply_scanner* s) {
  const c_scanner* x = scanner_of(s);
  return static_cast<ftpreply_kernel>(x ? x->s.active_kernel() : kernel::scalar);
}

// --- the reader ---------------------------------------------------------------------

ftpreply_error ftpreply_reader_init(ftpreply_reader* r, const ftpreply_options* options,
                                    ftpreply_kernel kernel, char* buffer, size_t capacity) {
  if (r == nullptr || buffer == nullptr || capacity == 0 || !valid_kernel(kernel))
    return FTPREPLY_INVALID_ARGUMENT;
  c_reader* x = reinterpret_cast<c_reader*>(r);
  x->tag = kReaderTag;
  new (&x->s) scanner(options_of(options), static_cast<ftpreply::kernel>(kernel));
  x->buffer = buffer;
  x->capacity = capacity;
  x->begin = x->end = x->count = x->next = 0;
  x->more = x->at_end = false;
  x->lost = 0;
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_reader_feed(ftpreply_reader* r, const char* data, size_t size) {
  c_reader* x = reader_of(r);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (bad_input(data, size)) return FTPREPLY_INVALID_ARGUMENT;
  if (x->next < x->count || x->more) return FTPREPLY_BAD_STATE;  // events not yet read
  if (size > x->capacity - (x->end - x->begin)) return FTPREPLY_BUFFER_TOO_SMALL;
  if (x->begin > 0) {  // the held bytes to the front: the events that viewed them are read
    std::memmove(x->buffer, x->buffer + x->begin, x->end - x->begin);
    x->end -= x->begin;
    x->begin = 0;
  }
  if (size) std::memcpy(x->buffer + x->end, data, size);
  x->end += size;
  x->more = true;
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_reader_gap(ftpreply_reader* r, uint64_t lost) {
  c_reader* x = reader_of(r);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (x->next < x->count || x->more) return FTPREPLY_BAD_STATE;
  if (lost == 0) return FTPREPLY_OK;
  x->lost = lost;
  x->more = true;
  return FTPREPLY_OK;
}

ftpreply_error ftpreply_reader_finish(ftpreply_reader* r) {
  c_reader* x = reader_of(r);
  if (x == nullptr) return FTPREPLY_BAD_STATE;
  if (x->next < x->count || x->more) return FTPREPLY_BAD_STATE;
  x->at_end = true;
  x->more = true;
  return FTPREPLY_OK;
}

int ftpreply_reader_next(ftpreply_reader* r, ftpreply_event* out) {
  c_reader* x = reader_of(r);
  if (x == nullptr || out == nullptr) return 0;
  if (x->next == x->count) refill(x);
  if (x->next == x->count) return 0;
  std::memcpy(out, &x->batch[x->next++], sizeof *out);
  return 1;
}

size_t ftpreply_reader_buffered(const ftpreply_reader* r) {
  const c_reader* x = reader_of(const_cast<ftpreply_reader*>(r));
  return x ? x->end - x->begin : 0;
}

// --- the classifier -----------------------------------------------------------------

ftpreply_code_info ftpreply_classify(uint32_t code) {
  const code_info i = classify(code);
  ftpreply_code_info r;
  r.code = i.code;
  r.known = i.known;
  r.kind = static_cast<ftpreply_kind>(i.kind);
  r.group = static_cast<ftpreply_group>(i.group);
  r.source = static_cast<ftpreply_source>(i.src);
  r.meaning = i.meaning;
  return r;
}
const char* ftpreply_kind_name(ftpreply_kind k) {
  return k >= FTPREPLY_KIND_INVALID && k <= FTPREPLY_KIND_PROTECTED ? to_string(static_cast<reply_kind>(k))
                                                                    : "unknown";
}
const char* ftpreply_group_name(ftpreply_group g) {
  return g >= FTPREPLY_GROUP_SYNTAX && g <= FTPREPLY_GROUP_UNKNOWN ? to_string(static_cast<reply_group>(g))
                                                                  : "unknown";
}
const char* ftpreply_source_name(ftpreply_source s) {
  return s >= FTPREPLY_SOURCE_NONE && s <= FTPREPLY_SOURCE_WINSOCK ? to_string(static_cast<source>(s))
                                                                  : "unknown";
}

// --- decoders ---------------------------------------------------------------------------

static ftpreply_endpoint c_endpoint(const endpoint& ep) {
  ftpreply_endpoint r;
  r.family = static_cast<int>(ep.family);
  std::memcpy(r.address, ep.address, sizeof r.address);
  r.port = ep.port;
  return r;
}

// 227 and 228: the same endpoint, from two decoders.
static ftpreply_error decode_endpoint(error (*decode)(std::string_view, decode_mode, endpoint*) noexcept,
                                      const char* reply, size_t size, ftpreply_decode_mode mode,
                                      ftpreply_endpoint* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  endpoint ep;
  const error e = decode(view(reply, size), mode_of(mode), &ep);
  *out = c_endpoint(ep);
  return c(e);
}
ftpreply_error ftpreply_decode_pasv(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_endpoint* out) {
  return decode_endpoint(&decode_pasv, reply, size, mode, out);
}
ftpreply_error ftpreply_decode_lpsv(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_endpoint* out) {
  return decode_endpoint(&decode_lpsv, reply, size, mode, out);
}
ftpreply_error ftpreply_decode_epsv(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    uint16_t* port) {
  if (bad_input(reply, size) || port == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(decode_epsv(view(reply, size), mode_of(mode), port));
}
ftpreply_error ftpreply_decode_pathname(const char* reply, size_t size, ftpreply_decode_mode mode,
                                        char* path, size_t capacity, size_t* length) {
  if (bad_input(reply, size) || (path == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  return c(decode_pathname(view(reply, size), mode_of(mode), path, capacity, length));
}
ftpreply_error ftpreply_decode_mark(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_pair* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  restart_marker m;
  const error e = decode_mark(view(reply, size), mode_of(mode), &m);
  out->first = span(m.user);
  out->second = span(m.server);
  return c(e);
}
ftpreply_error ftpreply_decode_size(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    uint64_t* bytes) {
  if (bad_input(reply, size) || bytes == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(decode_size(view(reply, size), mode_of(mode), bytes));
}
ftpreply_error ftpreply_decode_mdtm(const char* reply, size_t size, ftpreply_decode_mode mode,
                                    ftpreply_timestamp* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  timestamp t;
  const error e = decode_mdtm(view(reply, size), mode_of(mode), &t);
  out->year = t.year;
  out->month = t.month;
  out->day = t.day;
  out->hour = t.hour;
  out->minute = t.minute;
  out->second = t.second;
  out->fraction = span(t.fraction);
  return c(e);
}
ftpreply_error ftpreply_decode_system(const char* reply, size_t size, ftpreply_decode_mode mode,
                                      ftpreply_pair* out) {
  if (bad_input(reply, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  system_type t;
  const error e = decode_system(view(reply, size), mode_of(mode), &t);
  out->first = span(t.name);
  out->second = span(t.rest);
  return c(e);
}
ftpreply_error ftpreply_decode_features(const char* reply, size_t size, ftpreply_decode_mode mode,
                                        ftpreply_pair* out, size_t capacity, size_t* count) {
  if (bad_input(reply, size) || (out == nullptr && capacity != 0) || count == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  // Through C++ features on the stack (the C pair is not the C++ struct).
  feature part[FTPREPLY_MAX_FEATURES];
  const size_t room = capacity < FTPREPLY_MAX_FEATURES ? capacity : FTPREPLY_MAX_FEATURES;
  const error e = decode_features(view(reply, size), mode_of(mode), part, room, count);
  if (e != error::ok && e != error::buffer_too_small) return c(e);
  for (size_t i = 0; i < room && i < *count; ++i) {
    out[i].first = span(part[i].name);
    out[i].second = span(part[i].params);
  }
  return c(e);
}

// --- the encoder --------------------------------------------------------------------------

ftpreply_error ftpreply_encode_reply(unsigned code, const char* text, size_t size, char* out,
                                     size_t capacity, size_t* length) {
  if (bad_input(text, size) || (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  if (code > 0xFFFF) return FTPREPLY_INVALID_ARGUMENT;
  return c(encode_reply(static_cast<uint16_t>(code), view(text, size), out, capacity, length));
}
ftpreply_error ftpreply_format_pasv(const ftpreply_endpoint* ep, char* out, size_t capacity,
                                    size_t* length) {
  if (ep == nullptr || (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  endpoint e;
  e.family = ep->family == 4 ? address_family::ipv4 : ep->family == 6 ? address_family::ipv6
                                                                       : address_family::none;
  std::memcpy(e.address, ep->address, sizeof e.address);
  e.port = ep->port;
  return c(format_pasv(e, out, capacity, length));
}
ftpreply_error ftpreply_format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) {
  if ((out == nullptr && capacity != 0) || length == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(format_epsv(port, out, capacity, length));
}
ftpreply_error ftpreply_format_pathname(const char* path, size_t path_size, const char* comment,
                                        size_t comment_size, char* out, size_t capacity,
                                        size_t* length) {
  if (bad_input(path, path_size) || bad_input(comment, comment_size) ||
      (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  return c(format_pathname(view(path, path_size), view(comment, comment_size), out, capacity, length));
}
ftpreply_error ftpreply_format_size(uint64_t bytes, char* out, size_t capacity, size_t* length) {
  if ((out == nullptr && capacity != 0) || length == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  return c(format_size(bytes, out, capacity, length));
}
ftpreply_error ftpreply_format_mdtm(const ftpreply_timestamp* t, char* out, size_t capacity,
                                    size_t* length) {
  if (t == nullptr || bad_input(t->fraction.data, t->fraction.size) ||
      (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  timestamp x;
  x.year = t->year;
  x.month = t->month;
  x.day = t->day;
  x.hour = t->hour;
  x.minute = t->minute;
  x.second = t->second;
  x.fraction = view(t->fraction);
  return c(format_mdtm(x, out, capacity, length));
}
ftpreply_error ftpreply_format_system(const char* name, size_t name_size, const char* rest,
                                      size_t rest_size, char* out, size_t capacity, size_t* length) {
  if (bad_input(name, name_size) || bad_input(rest, rest_size) ||
      (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  return c(format_system(view(name, name_size), view(rest, rest_size), out, capacity, length));
}
ftpreply_error ftpreply_format_features(const ftpreply_pair* features, size_t count, char* out,
                                        size_t capacity, size_t* length) {
  if ((features == nullptr && count != 0) || (out == nullptr && capacity != 0) || length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  feature part[FTPREPLY_MAX_FEATURES];
  if (count > FTPREPLY_MAX_FEATURES) return FTPREPLY_INVALID_ARGUMENT;
  for (size_t i = 0; i < count; ++i) {
    if (bad_input(features[i].first.data, features[i].first.size) ||
        bad_input(features[i].second.data, features[i].second.size))
      return FTPREPLY_INVALID_ARGUMENT;
    part[i].name = view(features[i].first);
    part[i].params = view(features[i].second);
  }
  return c(format_features(part, count, out, capacity, length));
}

// --- z/OS -----------------------------------------------------------------------------------

ftpreply_error ftpreply_parse_zos_status(const char* line, size_t size, ftpreply_zos_status* out) {
  if (bad_input(line, size) || out == nullptr) return FTPREPLY_INVALID_ARGUMENT;
  zos_status z;
  const error e = parse_zos_status(view(line, size), &z);
  out->message_id = span(z.message_id);
  out->client_error = z.client_error;
  out->subcommand = z.subcommand;
  out->command = span(z.command);
  out->reply = z.reply;
  return c(e);
}
ftpreply_error ftpreply_format_zos_status(const ftpreply_zos_status* s, char* out, size_t capacity,
                                          size_t* length) {
  if (s == nullptr || bad_input(s->message_id.data, s->message_id.size) ||
      bad_input(s->command.data, s->command.size) || (out == nullptr && capacity != 0) ||
      length == nullptr)
    return FTPREPLY_INVALID_ARGUMENT;
  zos_status z;
  z.message_id = view(s->message_id);
  z.client_error = s->client_error;
  z.subcommand = s->subcommand;
  z.command = view(s->command);
  z.reply = s->reply;
  return c(format_zos_status(z, out, capacity, length));
}

}  // extern "C"
// ---- classify.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The reply-code table: every code of the project's seed table (meanings as
// the seed gives them), the codes RFC 2228 and RFC 2428 add, and the Winsock
// errors clients report as replies. Lookup is an index into a constant array.

namespace ftpreply {
namespace {

struct entry {
  uint32_t code;
  source src;
  const char* meaning;
};

// Sorted by code.
constexpr entry kTable[] = {
    {110, source::rfc959,
     "Restart marker replay . In this case, the text is exact and not left to the particular implementation; it must read: MARK yyyy = mmmm where yyyy is User-process data stream marker, and mmmm server's equivalent marker (note the spaces between markers and \"=\")."},
    {120, source::rfc959,
     "Service ready in nnn minutes."},
    {125, source::rfc959,
     "Data connection already open; transfer starting."},
    {150, source::rfc959,
     "File status okay; about to open data connection."},
    {200, source::rfc959,
     "The requested action has been successfully completed."},
    {202, source::rfc959,
     "Command not implemented, superfluous at this site."},
    {211, source::rfc959,
     "System status, or system help reply."},
    {212, source::rfc959,
     "Directory status."},
    {213, source::rfc959,
     "File status."},
    {214, source::rfc959,
     "Help message.On how to use the server or the meaning of a particular non-standard command. This reply is useful only to the human user."},
    {215, source::rfc959,
     "NAME system type. Where NAME is an official system name from the registry kept by IANA."},
    {220, source::rfc959,
     "Service ready for new user."},
    {221, source::rfc959,
     "Service closing control connection."},
    {225, source::rfc959,
     "Data connection open; no transfer in progress."},
    {226, source::rfc959,
     "Closing data connection. Requested file action successful (for example, file transfer or file abort)."},
    {227, source::rfc959,
     "Entering Passive Mode (h1,h2,h3,h4,p1,p2)."},
    {228, source::rfc1639,
     "Entering Long Passive Mode (long address, port)."},
    {229, source::rfc2428,
     "Entering Extended Passive Mode (|||port|)."},
    {230, source::rfc959,
     "User logged in, proceed. Logged out if appropriate."},
    {231, source::vendor,
     "User logged out; service terminated."},
    {232, source::rfc2228,
     "Logout command noted, will complete when transfer done. RFC 2228: User logged in, authorized by security data exchange."},
    {234, source::rfc2228,
     "Specifies that the server accepts the authentication mechanism specified by the client, and the exchange of security data is complete. A higher level nonstandard code created by Microsoft. RFC 2228: Security data exchange complete."},
    {235, source::rfc2228,
     "[ADAT=base64data] Security data exchange completed successfully."},
    {250, source::rfc959,
     "Requested file action okay, completed."},
    {257, source::rfc959,
     "\"PATHNAME\" created."},
    {331, source::rfc959,
     "User name okay, need password."},
    {332, source::rfc959,
     "Need account for login."},
    {334, source::rfc2228,
     "[ADAT=base64data] Requested security mechanism is ok; the data lets the client build the next command."},
    {335, source::rfc2228,
     "[ADAT=base64data] Security data is acceptable, and more is required to complete the exchange."},
    {336, source::rfc2228,
     "Username okay, need password. Challenge is \"....\"."},
    {350, source::rfc959,
     "Requested file action pending further information"},
    {421, source::rfc959,
     "Service not available, closing control connection. This may be a reply to any command if the service knows it must shut down."},
    {425, source::rfc959,
     "Can't open data connection."},
    {426, source::rfc959,
     "Connection closed; transfer aborted."},
    {430, source::vendor,
     "Invalid username or password"},
    {431, source::rfc2228,
     "Need some unavailable resource to process security."},
    {434, source::rfc7151,
     "Requested host unavailable."},
    {450, source::rfc959,
     "Requested file action not taken."},
    {451, source::rfc959,
     "Requested action aborted. Local error in processing."},
    {452, source::rfc959,
     "Requested action not taken. Insufficient storage space in system.File unavailable (e.g., file busy)."},
    {500, source::rfc959,
     "Syntax error, command unrecognized and the requested action did not take place. This may include errors such as command line too long."},
    {501, source::rfc959,
     "Syntax error in parameters or arguments."},
    {502, source::rfc959,
     "Command not implemented."},
    {503, source::rfc959,
     "Bad sequence of commands."},
    {504, source::rfc959,
     "Command not implemented for that parameter."},
    {522, source::rfc2428,
     "Network protocol not supported, use (prot1,prot2,...)."},
    {530, source::rfc959,
     "Not logged in."},
    {532, source::rfc959,
     "Need account for storing files."},
    {533, source::rfc2228,
     "Command protection level denied for policy reasons."},
    {534, source::rfc2228,
     "Request denied for policy reasons."},
    {535, source::rfc2228,
     "Failed security check (hash, sequence, etc)."},
    {536, source::rfc2228,
     "Requested PROT level not supported by mechanism."},
    {537, source::rfc2228,
     "Command protection level not supported by security mechanism."},
    {550, source::rfc959,
     "Requested action not taken. File unavailable (e.g., file not found, no access)."},
    {551, source::rfc959,
     "Requested action aborted. Page type unknown."},
    {552, source::rfc959,
     "Requested file action aborted. Exceeded storage allocation (for current directory or dataset)."},
    {553, source::rfc959,
     "Requested action not taken. File name not allowed."},
    {631, source::rfc2228,
     "Integrity protected reply."},
    {632, source::rfc2228,
     "Confidentiality and integrity protected reply."},
    {633, source::rfc2228,
     "Confidentiality protected reply."},
    {10054, source::winsock,
     "Connection reset by peer. The connection was forcibly closed by the remote host."},
    {10060, source::winsock,
     "Cannot connect to remote server."},
    {10061, source::winsock,
     "Cannot connect to remote server. The connection is actively refused by the server."},
    {10066, source::winsock,
     "Directory not empty."},
    {10068, source::winsock,
     "Too many users, server is full."},
};
constexpr int kTableSize = static_cast<int>(sizeof(kTable) / sizeof(kTable[0]));
constexpr uint8_t kNone = 0xFF;
static_assert(kTableSize < kNone, "the index holds table positions in a byte");

struct index_table {
  uint8_t at[1000];
};

constexpr index_table make_index() {
  index_table t{};
  for (int i = 0; i < 1000; ++i) t.at[i] = kNone;
  for (int i = 0; i < kTableSize; ++i)
    if (kTable[i].code < 1000) t.at[kTable[i].code] = static_cast<uint8_t>(i);
  return t;
}

constexpr index_table kIndex = make_index();

}  // namespace

reply_kind kind_of_digit(char first) noexcept {
  return first >= '1' && first <= '6'
             ? static_cast<reply_kind>(first - '0')
             : reply_kind::invalid;
}

reply_group group_of_digit(char second) noexcept {
  return second >= '0' && second <= '5'
             ? static_cast<reply_group>(second - '0')
             : reply_group::unknown;
}

code_info classify(uint32_t code) noexcept {
  code_info info{code, false, reply_kind::invalid, reply_group::unknown,
                 source::none, nullptr};
  const entry* e = nullptr;
  if (code < 1000) {
    info.kind = kind_of_digit(static_cast<char>('0' + code / 100));
    info.group = group_of_digit(static_cast<char>('0' + code / 10 % 10));
    if (kIndex.at[code] != kNone) e = &kTable[kIndex.at[code]];
  } else {
    // Only the few Winsock codes sit above 999, at the end of the table.
    for (int i = kTableSize - 1; i >= 0 && kTable[i].code >= 1000; --i)
      if (kTable[i].code == code) e = &kTable[i];
  }
  if (e != nullptr) {
    info.known = true;
    info.src = e->src;
    info.meaning = e->meaning;
  }
  return info;
}

const char* to_string(reply_kind k) noexcept {
  switch (k) {
    case reply_kind::invalid: return "invalid";
    case reply_kind::preliminary: return "preliminary";
    case reply_kind::completion: return "completion";
    case reply_kind::intermediate: return "intermediate";
    case reply_kind::transient_negative: return "transient_negative";
    case reply_kind::permanent_negative: return "permanent_negative";
    case reply_kind::protected_reply: return "protected";
  }
  return "invalid";
}

const char* to_string(reply_group g) noexcept {
  switch (g) {
    case reply_group::syntax: return "syntax";
    case reply_group::information: return "information";
    case reply_group::connections: return "connections";
    case reply_group::authentication: return "authentication";
    case reply_group::unspecified: return "unspecified";
    case reply_group::file_system: return "file_system";
    case reply_group::unknown: return "unknown";
  }
  return "unknown";
}

const char* to_string(source s) noexcept {
  switch (s) {
    case source::none: return "none";
    case source::rfc959: return "rfc959";
    case source::rfc1639: return "rfc1639";
    case source::rfc2228: return "rfc2228";
    case source::rfc2428: return "rfc2428";
    case source::rfc7151: return "rfc7151";
    case source::vendor: return "vendor";
    case source::winsock: return "winsock";
  }
  return "none";
}

const char* describe(reply_kind k) noexcept {
  switch (k) {
    case reply_kind::preliminary:
      return "Positive Preliminary reply: the requested action is being "
             "initiated; expect another reply before proceeding with a new "
             "command.";
    case reply_kind::completion:
      return "Positive Completion reply: the requested action has been "
             "successfully completed. A new request may be initiated.";
    case reply_kind::intermediate:
      return "Positive Intermediate reply: the command has been accepted, but "
             "the requested action is being held in abeyance, pending receipt "
             "of further information.";
    case reply_kind::transient_negative:
      return "Transient Negative Completion reply: the command was not "
             "accepted and the requested action did not take place, but the "
             "error condition is temporary and the action may be requested "
             "again.";
    case reply_kind::permanent_negative:
      return "Permanent Negative Completion reply: the command was not "
             "accepted and the requested action did not take place. The "
             "User-process is discouraged from repeating the exact request.";
    case reply_kind::protected_reply:
      return "Protected reply (RFC 2228): a base64-encoded protected message; "
             "decoded, it is a reply of one of the other kinds.";
    case reply_kind::invalid:
      break;
  }
  return "Not a reply class: the first digit of a reply code is 1 to 6.";
}

const char* describe(reply_group g) noexcept {
  switch (g) {
    case reply_group::syntax:
      return "Syntax: syntax errors, syntactically correct commands that "
             "don't fit any functional category, unimplemented or superfluous "
             "commands.";
    case reply_group::information:
      return "Information: replies to requests for information, such as "
             "status or help.";
    case reply_group::connections:
      return "Connections: replies referring to the control and data "
             "connections.";
    case reply_group::authentication:
      return "Authentication and accounting: replies for the login process "
             "and accounting procedures.";
    case reply_group::unspecified:
      return "Unspecified as of RFC 959.";
    case reply_group::file_system:
      return "File system: the status of the Server file system vis-a-vis the "
             "requested transfer or other file system action.";
    case reply_group::unknown:
      break;
  }
  return "Not a reply group: the second digit of a reply code is 0 to 5.";
}

int known_code_count() noexcept { return kTableSize; }

uint32_t known_code_at(int i) noexcept {
  return i >= 0 && i < kTableSize ? kTable[i].code : 0;
}

}  // namespace ftpreply
// ---- decode.cpp ----
// SPDX-License-Identifier: Apache-2.0
// Payload decoders (ftpreply/decode.h).
#include <cstring>


namespace ftpreply {
namespace {

using detail::after_head;
using detail::is_ascii_digit;
using detail::days_in;
using detail::is_marker;
using detail::is_system_name;
using detail::sub;
using detail::writer;


// Reads the decimal number at text[i..], advancing i. Values past 2^64-1
// saturate (and are then out of any range). False when no digit is there.
bool read_number(std::string_view text, size_t& i, uint64_t* out) noexcept {
  if (i >= text.size() || !is_ascii_digit(text[i])) return false;
  uint64_t v = 0;
  for (; i < text.size() && is_ascii_digit(text[i]); ++i) {
    const uint64_t d = static_cast<uint64_t>(text[i] - '0');
    v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
  }
  *out = v;
  return true;
}

// All of `digits` as one number: malformed unless digits only, out_of_range
// past 2^64-1.
error parse_u64(std::string_view digits, uint64_t* out) noexcept {
  if (digits.empty()) return error::malformed;
  // The form first: a long digit run followed by a stray byte is malformed,
  // whatever its value.
  for (char c : digits)
    if (!is_ascii_digit(c)) return error::malformed;
  uint64_t v = 0;
  for (char c : digits) {
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return error::out_of_range;
    v = v * 10 + d;
  }
  *out = v;
  return error::ok;
}

void skip_spaces(std::string_view text, size_t& i) noexcept {
  while (i < text.size() && text[i] == ' ') ++i;
}

// Comma-separated numbers. Strict: "(n,n,...,n)" from the first '('.
// Lenient: the numbers may have spaces around the commas and need no
// parentheses; `accept` picks the first run of numbers it likes.
constexpr size_t kMaxNumbers = 24;

struct number_list {
  uint64_t v[kMaxNumbers];
  size_t count = 0;
};

// Leaves i just past the last number (lenient: and the spaces after it).
bool read_list(std::string_view text, size_t& i, bool lenient, number_list* out) noexcept {
  out->count = 0;
  for (;;) {
    if (lenient) skip_spaces(text, i);
    if (out->count == kMaxNumbers || !read_number(text, i, &out->v[out->count])) return false;
    ++out->count;
    size_t j = i;
    if (lenient) skip_spaces(text, j);
    if (j < text.size() && text[j] == ',') {
      i = j + 1;
      continue;
    }
    i = j;
    return true;
  }
}

template <class Accept>
error find_numbers(std::string_view text, bool strict, number_list* list, Accept&& accept) noexcept {
  if (strict) {
    const size_t open = text.find('(');
    if (open == std::string_view::npos) return error::malformed;
    size_t i = open + 1;
    number_list l;
    if (!read_list(text, i, false, &l)) return error::malformed;
    if (i >= text.size() || text[i] != ')') return error::malformed;
    *list = l;
    return accept(*list) ? error::ok : error::malformed;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_ascii_digit(text[i]) || (i > 0 && is_ascii_digit(text[i - 1]))) continue;
    number_list l;
    size_t at = i;
    if (read_list(text, at, true, &l) && accept(l)) {
      *list = l;
      return error::ok;
    }
  }
  return error::malformed;
}

bool all_bytes(const number_list& l) noexcept {
  for (size_t k = 0; k < l.count; ++k)
    if (l.v[k] > 255) return false;
  return true;
}

// One whole reply: "ddd", then a space, '-' or the line end, ..., a final
// LF. What a decoder refuses to read a part of.
bool whole_reply(std::string_view r) noexcept {
  return r.size() >= 4 && detail::starts_with_code(r) &&
         (r[3] == ' ' || r[3] == '-' || r[3] == '\r' || r[3] == '\n') && r.back() == '\n';
}

}  // namespace

error decode_pasv(std::string_view reply, decode_mode mode, endpoint* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  number_list l;
  error e = find_numbers(last_line_text(reply), strict, &l,
                         [](const number_list& x) { return x.count == 6; });
  if (e != error::ok) return e;
  if (!all_bytes(l)) return error::out_of_range;
  const uint64_t port = l.v[4] * 256 + l.v[5];
  if (port == 0) return error::out_of_range;
  *out = endpoint();
  out->family = address_family::ipv4;
  for (int k = 0; k < 4; ++k) out->address[k] = static_cast<uint8_t>(l.v[k]);
  out->port = static_cast<uint16_t>(port);
  return error::ok;
}

error decode_lpsv(std::string_view reply, decode_mode mode, endpoint* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  // af, hal, hal address bytes, pal (2), two port bytes.
  auto shape = [](const number_list& x) {
    if (x.count < 2) return false;
    const uint64_t af = x.v[0], hal = x.v[1];
    if (!((af == 4 && hal == 4) || (af == 6 && hal == 16))) return false;
    return x.count == 2 + hal + 3 && x.v[2 + hal] == 2;
  };
  number_list l;
  error e = find_numbers(last_line_text(reply), strict, &l, shape);
  if (e != error::ok) return e;
  if (!all_bytes(l)) return error::out_of_range;
  const size_t hal = static_cast<size_t>(l.v[1]);
  const uint64_t port = l.v[3 + hal] * 256 + l.v[4 + hal];
  if (port == 0) return error::out_of_range;
  *out = endpoint();
  out->family = l.v[0] == 4 ? address_family::ipv4 : address_family::ipv6;
  for (size_t k = 0; k < hal; ++k) out->address[k] = static_cast<uint8_t>(l.v[2 + k]);
  out->port = static_cast<uint16_t>(port);
  return error::ok;
}

error decode_epsv(std::string_view reply, decode_mode /*mode*/, uint16_t* port) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const std::string_view t = last_line_text(reply);
  const size_t open = t.find('(');
  if (open == std::string_view::npos || open + 5 > t.size()) return error::malformed;
  const char d = t[open + 1];
  // Any byte 33-126 but a digit: a digit delimiter would run into the port.
  if (d < 33 || d > 126 || is_ascii_digit(d) || t[open + 2] != d || t[open + 3] != d)
    return error::malformed;
  size_t i = open + 4;
  uint64_t v = 0;
  if (!read_number(t, i, &v)) return error::malformed;
  if (i + 1 >= t.size() || t[i] != d || t[i + 1] != ')') return error::malformed;
  if (v == 0 || v > 65535) return error::out_of_range;
  *port = static_cast<uint16_t>(v);
  return error::ok;
}

error decode_pathname(std::string_view reply, decode_mode /*mode*/, char* path,
                      size_t capacity, size_t* length) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const size_t from = detail::starts_with_code(reply) ? 3 : 0;
  size_t i = reply.find('"', from);
  if (i == std::string_view::npos) return error::malformed;
  writer w(path, capacity);
  for (++i; i < reply.size(); ++i) {
    const char c = reply[i];
    if (c == '\r' || c == '\n') return error::malformed;
    if (c != '"') {
      w.put(c);
    } else if (i + 1 < reply.size() && reply[i + 1] == '"') {
      w.put('"');
      ++i;
    } else {
      return w.done(length);
    }
  }
  return error::malformed;
}

error decode_mark(std::string_view reply, decode_mode mode, restart_marker* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  const std::string_view t = last_line_text(reply);
  if (strict) {
    // Exactly "MARK " user " = " server.
    if (sub(t, 0, 5) != "MARK ") return error::malformed;
    const size_t eq = t.find(" = ", 5);
    if (eq == std::string_view::npos) return error::malformed;
    const std::string_view user = sub(t, 5, eq - 5), server = sub(t, eq + 3);
    if (!is_marker(user) || !is_marker(server)) return error::malformed;
    *out = restart_marker{user, server};
    return error::ok;
  }
  // "mark" in any case, anywhere, then the markers with any spaces.
  size_t i = 0;
  for (;; ++i) {
    if (i + 4 > t.size()) return error::malformed;
    if ((t[i] | 0x20) == 'm' && (t[i + 1] | 0x20) == 'a' && (t[i + 2] | 0x20) == 'r' &&
        (t[i + 3] | 0x20) == 'k')
      break;
  }
  i += 4;
  skip_spaces(t, i);
  size_t u = i;
  while (i < t.size() && t[i] > ' ' && t[i] <= '~' && t[i] != '=') ++i;
  const std::string_view user = sub(t, u, i - u);
  skip_spaces(t, i);
  if (i >= t.size() || t[i] != '=') return error::malformed;
  ++i;
  skip_spaces(t, i);
  size_t s = i;
  while (i < t.size() && t[i] > ' ' && t[i] <= '~') ++i;
  const std::string_view server = sub(t, s, i - s);
  skip_spaces(t, i);
  if (i != t.size() || !is_marker(user) || !is_marker(server)) return error::malformed;
  *out = restart_marker{user, server};
  return error::ok;
}

error decode_size(std::string_view reply, decode_mode mode, uint64_t* size) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  const std::string_view t = last_line_text(reply);
  size_t start = 0, end = t.size();
  if (!strict) {  // the last number of the text
    end = t.size();
    while (end > 0 && !is_ascii_digit(t[end - 1])) --end;
    start = end;
    while (start > 0 && is_ascii_digit(t[start - 1])) --start;
    if (start == end || (start > 0 && t[start - 1] == '-')) return error::malformed;
  }
  return parse_u64(sub(t, start, end - start), size);
}

error decode_mdtm(std::string_view reply, decode_mode mode, timestamp* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  std::string_view t = last_line_text(reply);
  if (!strict) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  }
  if (t.size() < 14) return error::malformed;
  for (size_t k = 0; k < 14; ++k)
    if (!is_ascii_digit(t[k])) return error::malformed;
  std::string_view fraction;
  if (t.size() > 14) {
    if (t[14] != '.' || t.size() == 15) return error::malformed;
    fraction = sub(t, 15);
    for (char c : fraction)
      if (!is_ascii_digit(c)) return error::malformed;
  }
  auto num = [&](size_t at, size_t n) {
    unsigned v = 0;
    for (size_t k = 0; k < n; ++k) v = v * 10 + static_cast<unsigned>(t[at + k] - '0');
    return v;
  };
  const unsigned year = num(0, 4), month = num(4, 2), day = num(6, 2);
  const unsigned hour = num(8, 2), minute = num(10, 2), second = num(12, 2);
  if (month < 1 || month > 12 || day < 1 || day > days_in(year, month) || hour > 23 ||
      minute > 59 || second > 60)
    return error::out_of_range;
  out->year = static_cast<uint16_t>(year);
  out->month = static_cast<uint8_t>(month);
  out->day = static_cast<uint8_t>(day);
  out->hour = static_cast<uint8_t>(hour);
  out->minute = static_cast<uint8_t>(minute);
  out->second = static_cast<uint8_t>(second);
  out->fraction = fraction;
  return error::ok;
}

error decode_system(std::string_view reply, decode_mode mode, system_type* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  const std::string_view t = last_line_text(reply);
  size_t i = 0;
  if (!strict) skip_spaces(t, i);
  const size_t start = i;
  while (i < t.size() && t[i] != ' ') ++i;
  const std::string_view name = sub(t, start, i - start);
  if (strict ? !is_system_name(name) : name.empty()) return error::malformed;
  skip_spaces(t, i);
  out->name = name;
  out->rest = sub(t, i);
  return error::ok;
}

error decode_features(std::string_view reply, decode_mode mode, feature* out,
                      size_t capacity, size_t* count) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  size_t n = 0;
  size_t index = 0;
  const text_line_range lines = text_lines(reply);
  const size_t total = lines.size();
  if (total < 2) return error::malformed;  // no feature lines to read
  for (auto it = lines.begin(); it != lines.end(); ++it, ++index) {
    if (index == 0 || index + 1 == total) continue;  // "Features:", "End"
    std::string_view l = *it;
    if (strict) {
      if (l.size() < 2 || l[0] != ' ' || l[1] == ' ') return error::malformed;
      l.remove_prefix(1);
    } else {
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
      if (l.empty()) continue;
    }
    const size_t sp = l.find(' ');
    feature f;
    f.name = sub(l, 0, sp);
    if (sp != std::string_view::npos) {
      std::string_view p = sub(l, sp + 1);
      if (!strict)
        while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
      f.params = p;
    }
    if (n < capacity) out[n] = f;
    ++n;
  }
  *count = n;
  return n <= capacity ? error::ok : error::buffer_too_small;
}

}  // namespace ftpreply
// ---- dispatch.cpp ----
// SPDX-License-Identifier: Apache-2.0
// Which kernels this build has, which this CPU runs, and the best of them.
#include <atomic>
#include <cstring>


namespace ftpreply {
namespace {

bool cpu_has(kernel k) noexcept {
  switch (k) {
    case kernel::automatic:
    case kernel::scalar:
      return true;
#if FTPREPLY_X86_64 && defined(__GNUC__)
    case kernel::sse2:
      return __builtin_cpu_supports("sse2");
    case kernel::avx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
             __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
    case kernel::avx512bw:
      return __builtin_cpu_supports("avx512f") &&
             __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
             __builtin_cpu_supports("popcnt");
#endif
#if FTPREPLY_ARM64
    case kernel::neon:
      return true;  // Advanced SIMD is part of AArch64
#endif
    default:
      return false;
  }
}

}  // namespace

namespace detail {

scan_fn scan_function(kernel k) noexcept {
  if (!cpu_has(k)) return nullptr;
  switch (k) {
    case kernel::scalar:
      return &scalar::scan;
#if FTPREPLY_X86_64 && defined(__GNUC__)
    case kernel::sse2:
      return &sse2::scan;
    case kernel::avx2:
      return &avx2::scan;
    case kernel::avx512bw:
      return &avx512bw::scan;
#endif
#if FTPREPLY_ARM64
    case kernel::neon:
      return &neon::scan;
#endif
    default:
      return nullptr;
  }
}

}  // namespace detail

bool kernel_supported(kernel k) noexcept {
  return k == kernel::automatic || detail::scan_function(k) != nullptr;
}

kernel best_kernel() noexcept {
  // Resolved on first use; every thread computes the same answer, so a race
  // only repeats the work.
  static std::atomic<kernel> best{kernel::automatic};
  kernel k = best.load(std::memory_order_relaxed);
  if (k == kernel::automatic) {
    // The widest kernel the CPU runs, on every CPU family measured. The
    // rule is the least regret: the automatic kernel against the best one
    // on each mix (ftpreply_bench, 64 MiB per mix, interleaved repetitions),
    // AVX-512BW / AVX2:
    // - Intel Sapphire Rapids: AVX-512BW the fastest on every mix.
    // - AMD Zen 4 (family 0x19: 512-bit operations on 256-bit units), two
    //   runs on EPYC model 0x11: hostile 1.21 and 1.21, multiline 1.09 and
    //   1.12, servers 1.03 and 1.20, session 1.00 and 1.06, short 0.94 and
    //   0.98 (chunked alike). AVX2 would cost up to 18% (hostile);
    //   AVX-512BW at most 6% (short). An earlier Zen 4 run had favoured AVX2
    //   by 7% on multiline; neither of these reproduced it.
    // - AMD Zen 3 (family 0x19 model 0x01, AVX2 and no AVX-512): AVX2 the
    //   fastest on every mix in two runs (automatic / best 1.00; SSE2, with
    //   its clean-window test, 0.70-0.97 of it timed apart).
    // - AMD Zen 5 (family 0x1A, native 512-bit units): AVX-512BW 1.18 on
    //   multiline, 1.52 on hostile, level on session and servers, 0.96 on
    //   short; AVX2 would be 0.66 of the best on hostile.
    k = kernel::scalar;
    for (kernel c : all_kernels)
      if (detail::scan_function(c)) k = c;
    best.store(k, std::memory_order_relaxed);
  }
  return k;
}

const char* to_string(kernel k) noexcept {
  switch (k) {
    case kernel::automatic: return "automatic";
    case kernel::scalar: return "scalar";
    case kernel::sse2: return "sse2";
    case kernel::avx2: return "avx2";
    case kernel::avx512bw: return "avx512bw";
    case kernel::neon: return "neon";
  }
  return "unknown";
}

bool kernel_from_string(const char* name, kernel* out) noexcept {
  if (name == nullptr) return false;
  if (std::strcmp(name, "auto") == 0) {
    *out = kernel::automatic;
    return true;
  }
  for (kernel k : {kernel::automatic, kernel::scalar, kernel::sse2,
                   kernel::avx2, kernel::avx512bw, kernel::neon}) {
    if (std::strcmp(name, to_string(k)) == 0) {
      *out = k;
      return true;
    }
  }
  return false;
}

}  // namespace ftpreply
// ---- encode.cpp ----
// SPDX-License-Identifier: Apache-2.0
// Payload formatters and the reply encoder (ftpreply/encode.h).
#include <cstring>


namespace ftpreply {
namespace {

using detail::is_ascii_digit;
using detail::put_code;
using detail::sub;
using detail::days_in;
using detail::is_marker;
using detail::is_system_name;
using detail::writer;

// The next line of `text` from `pos` (split at CR LF, LF or CR); *next is
// where the one after starts, text.size() + 1 after the last.
std::string_view next_line(std::string_view text, size_t pos, size_t* next) noexcept {
  size_t i = pos;
  while (i < text.size() && text[i] != '\r' && text[i] != '\n') ++i;
  if (i == text.size()) {
    *next = text.size() + 1;
  } else {
    *next = (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? i + 2 : i + 1;
  }
  return sub(text, pos, i - pos);
}

// A middle line that starts with digits, or spaces then digits, could read
// as a terminator (or lose a space to text_lines()): it gets one space.
bool needs_space(std::string_view line) noexcept {
  size_t spaces;
  return detail::digit_after_spaces(line, &spaces);
}

}  // namespace

error format_pasv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept {
  if (ep.family != address_family::ipv4 || ep.port == 0) return error::invalid_argument;
  writer w(out, capacity);
  w.put("Entering Passive Mode (");
  for (int k = 0; k < 4; ++k) {
    w.number(ep.address[k]);
    w.put(',');
  }
  w.port_bytes(ep.port);
  w.put(").");
  return w.done(length);
}

error format_lpsv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept {
  if ((ep.family != address_family::ipv4 && ep.family != address_family::ipv6) || ep.port == 0)
    return error::invalid_argument;
  const int hal = ep.family == address_family::ipv4 ? 4 : 16;
  writer w(out, capacity);
  w.put("Entering Long Passive Mode (");
  w.number(static_cast<uint8_t>(ep.family));
  w.put(',');
  w.number(static_cast<uint64_t>(hal));
  for (int k = 0; k < hal; ++k) {
    w.put(',');
    w.number(ep.address[k]);
  }
  w.put(",2,");
  w.port_bytes(ep.port);
  w.put(')');
  return w.done(length);
}

error format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) noexcept {
  if (port == 0) return error::invalid_argument;
  writer w(out, capacity);
  w.put("Entering Extended Passive Mode (|||");
  w.number(port);
  w.put("|)");
  return w.done(length);
}

error format_pathname(std::string_view path, std::string_view comment, char* out,
                      size_t capacity, size_t* length) noexcept {
  for (char c : path)
    if (c == '\r' || c == '\n') return error::invalid_argument;
  for (char c : comment)
    if (c == '\r' || c == '\n') return error::invalid_argument;
  writer w(out, capacity);
  w.put('"');
  for (char c : path) {
    w.put(c);
    if (c == '"') w.put('"');
  }
  w.put('"');
  if (!comment.empty()) {
    w.put(' ');
    w.put(comment);
  }
  return w.done(length);
}

error format_mark(std::string_view user, std::string_view server, char* out,
                  size_t capacity, size_t* length) noexcept {
  if (!is_marker(user) || !is_marker(server)) return error::invalid_argument;
  writer w(out, capacity);
  w.put("MARK ");
  w.put(user);
  w.put(" = ");
  w.put(server);
  return w.done(length);
}

error format_size(uint64_t size, char* out, size_t capacity, size_t* length) noexcept {
  writer w(out, capacity);
  w.number(size);
  return w.done(length);
}

error format_mdtm(const timestamp& t, char* out, size_t capacity, size_t* length) noexcept {
  if (t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > days_in(t.year, t.month) || t.hour > 23 || t.minute > 59 || t.second > 60)
    return error::invalid_argument;
  for (char c : t.fraction)
    if (!is_ascii_digit(c)) return error::invalid_argument;
  writer w(out, capacity);
  w.number(t.year, 4);
  w.number(t.month, 2);
  w.number(t.day, 2);
  w.number(t.hour, 2);
  w.number(t.minute, 2);
  w.number(t.second, 2);
  if (!t.fraction.empty()) {
    w.put('.');
    w.put(t.fraction);
  }
  return w.done(length);
}

error format_system(std::string_view name, std::string_view rest, char* out,
                    size_t capacity, size_t* length) noexcept {
  if (!is_system_name(name)) return error::invalid_argument;
  for (char c : rest)
    if (c == '\r' || c == '\n') return error::invalid_argument;
  writer w(out, capacity);
  w.put(name);
  if (!rest.empty()) {
    w.put(' ');
    w.put(rest);
  }
  return w.done(length);
}

error format_features(const feature* features, size_t count, char* out,
                      size_t capacity, size_t* length) noexcept {
  writer w(out, capacity);
  w.put("Features:");
  for (size_t k = 0; k < count; ++k) {
    const feature& f = features[k];
    if (f.name.empty()) return error::invalid_argument;
    for (char c : f.name)
      if (c <= ' ' || c > '~') return error::invalid_argument;
    for (char c : f.params)
      if (c == '\r' || c == '\n') return error::invalid_argument;
    w.put("\r\n ");
    w.put(f.name);
    if (!f.params.empty()) {
      w.put(' ');
      w.put(f.params);
    }
  }
  w.put("\r\nEnd");
  return w.done(length);
}

error encode_reply(uint16_t code, std::string_view text, char* out, size_t capacity,
                   size_t* length) noexcept {
  if (code < 100 || code > 659) return error::invalid_argument;
  // One line end at the end ends the last line and makes no new one.
  if (!text.empty() && text.back() == '\n')
    text.remove_suffix(text.size() >= 2 && text[text.size() - 2] == '\r' ? 2 : 1);
  else if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  // First pass: the size.
  size_t size = 0, lines = 0, next = 0;
  for (size_t pos = 0; pos <= text.size(); pos = next, ++lines) {
    const std::string_view l = next_line(text, pos, &next);
    size += l.size() + 2;
  }
  size_t pos = 0;
  // Heads: "ddd-" on the first line, "ddd " on the last, spaces in between.
  size += lines == 1 ? 4 : 8;
  for (size_t k = 0; k < lines; ++k) {
    const std::string_view l = next_line(text, pos, &next);
    if (k > 0 && k + 1 < lines && needs_space(l)) ++size;
    pos = next;
  }
  *length = size;
  if (size > capacity) return error::buffer_too_small;
  // Second pass: the bytes.
  char* w = out;
  pos = 0;
  for (size_t k = 0; k < lines; ++k) {
    const std::string_view l = next_line(text, pos, &next);
    pos = next;
    if (k == 0 || k + 1 == lines) {
      put_code(w, code, k + 1 == lines ? ' ' : '-');
      w += 4;
    } else if (needs_space(l)) {
      *w++ = ' ';
    }
    if (!l.empty()) std::memcpy(w, l.data(), l.size());
    w += l.size();
    *w++ = '\r';
    *w++ = '\n';
  }
  return error::ok;
}

}  // namespace ftpreply
// ---- error.cpp ----
// SPDX-License-Identifier: Apache-2.0

#include <cstring>


namespace ftpreply {

const char* version() noexcept { return FTPREPLY_VERSION; }

const char* to_string(error e) noexcept {
  switch (e) {
    case error::ok: return "ok";
    case error::bad_code: return "bad_code";
    case error::bad_separator: return "bad_separator";
    case error::bad_class: return "bad_class";
    case error::empty_line: return "empty_line";
    case error::bare_lf: return "bare_lf";
    case error::bare_code: return "bare_code";
    case error::unterminated: return "unterminated";
    case error::truncated: return "truncated";
    case error::line_too_long: return "line_too_long";
    case error::reply_too_long: return "reply_too_long";
    case error::too_many_lines: return "too_many_lines";
    case error::malformed: return "malformed";
    case error::out_of_range: return "out_of_range";
    case error::buffer_too_small: return "buffer_too_small";
    case error::invalid_argument: return "invalid_argument";
    case error::unseal_failed: return "unseal_failed";
    case error::gap: return "gap";
  }
  return "unknown";
}

bool error_from_string(const char* name, error* out) noexcept {
  if (name == nullptr) return false;
  for (int i = 0; i < error_count; ++i) {
    error e = static_cast<error>(i);
    if (std::strcmp(name, to_string(e)) == 0) {
      *out = e;
      return true;
    }
  }
  return false;
}

}  // namespace ftpreply
// ---- lines.cpp ----
// SPDX-License-Identifier: Apache-2.0
// A reply's lines (ftpreply/lines.h).


namespace ftpreply {

using detail::sub;

template <bool Text>
basic_line_range<Text>::iterator::iterator(std::string_view reply, size_t pos) noexcept
    : reply_(reply), pos_(pos), next_(pos) {
  load();
}

template <bool Text>
typename basic_line_range<Text>::iterator& basic_line_range<Text>::iterator::operator++() noexcept {
  pos_ = next_;
  load();
  return *this;
}

template <bool Text>
void basic_line_range<Text>::iterator::load() noexcept {
  if (pos_ >= reply_.size()) {
    pos_ = next_ = reply_.size();
    line_ = std::string_view();
    return;
  }
  const std::string_view line = detail::line_at(reply_, pos_, &next_);
  if (!Text) {
    line_ = line;
    return;
  }
  if (pos_ == 0 || next_ >= reply_.size()) {  // the first or the last line
    line_ = detail::after_head(line);
    return;
  }
  // A line protected with one space before its digits; or a continuation
  // that repeats the reply's code and '-'.
  size_t spaces;
  if (detail::digit_after_spaces(line, &spaces) && spaces > 0) {
    line_ = sub(line, 1);
  } else if (line.size() >= 4 && sub(line, 0, 3) == sub(reply_, 0, 3) &&
             detail::starts_with_code(line) && line[3] == '-') {
    line_ = sub(line, 4);
  } else {
    line_ = line;
  }
}

template <bool Text>
size_t basic_line_range<Text>::size() const noexcept {
  size_t n = 0;
  for (auto it = begin(); it != end(); ++it) ++n;
  return n;
}

template class basic_line_range<false>;
template class basic_line_range<true>;

std::string_view first_line_text(std::string_view reply) noexcept {
  size_t next;
  return detail::after_head(detail::line_at(reply, 0, &next));
}

std::string_view last_line_text(std::string_view reply) noexcept {
  size_t end = reply.size();
  if (end && reply[end - 1] == '\n') --end;
  if (end && reply[end - 1] == '\r') --end;
  const size_t lf = end ? reply.rfind('\n', end - 1) : std::string_view::npos;
  const size_t start = lf == std::string_view::npos ? 0 : lf + 1;
  return detail::after_head(sub(reply, start, end - start));
}

}  // namespace ftpreply
// ---- neon.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The NEON kernel (AArch64): masks 16 bytes at a time, four vectors folded
// into one 64-bit mask.

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

// ---- generic/walker.h (for this kernel) ----
// SPDX-License-Identifier: Apache-2.0
// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
//   constexpr bool tail_from_end; // the input's last window may be
//                                 // classified from the 64 bytes that end
//                                 // the input (classify_block()'s masks
//                                 // exact at every byte), shifted down
//   constexpr bool classify_ahead; // the runs classify the next window
//                                  // before they take this one's lines
//   bool clean_window(const unsigned char* p, uint64_t& lf);
//       // optional: true, with the LF mask of the 64 bytes at p, when
//       // none of them stops a run: every LF after a CR (p[-1] is read),
//       // no NUL or high byte (without it, internal.h's passes none)
//   bool quiet_window(const unsigned char* p);
//       // optional: true when the 64 bytes at p hold no LF and no NUL or
//       // high byte (the same)
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and takes the
// lines in order, each LF found by a bit scan, as the bare tokenizer does.
// The rules live in three places: start_line() (a line where a reply
// should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). Two runs, one per mode, only
// accelerate: expect_run() emits plain single-line replies ("ddd
// text\r\n") and opens blocks, block_run() counts a block's text lines and
// emits it at its terminator, each line for one head load and a few
// predictable branches (a block of lines over 192 bytes in a loop of its
// own, which passes over the windows inside a line). A run stops at any
// line it does not recognise, which then goes to the rules whole.
//
// Why one stage: in two (stage one indexing 4 KiB of line ends, with VBMI2
// vpcompressw and the bare LF, NUL and high bytes ORed; stage two the runs
// over the index, any other segment in one stage), AVX-512BW on Zen 4 took
// 0.84-0.97 of this walker's time on short and 0.94-0.98 on multiline, but
// 1.07-1.13 on session, up to 1.04 on servers and up to 1.22 fed 1,460
// bytes a call (tools/ab_kernel.sh, December 2026); with tzcnt slots, 1.25
// to 1.78. The bench's two-stage tokenizers show what stage two may gain.
// The two mixes it lost are the ones that repeat (session cycles through 24
// replies, servers through 15 KB of transcripts), a rhythm that lets the
// predictor foresee where a window's lines end; on altgen's session, which
// has none, it took 0.76 of the time, and every one-stage loop (the bare
// tokenizer's too) runs at 0.6 of the two-stage ones.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap), line_bound_(std::min(opt.max_line, long_line)) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call (at 0, or at p in its block)
    // was examined that far, from the start of this input, and has no LF
    // there: resume at the window holding its end, so a long line arriving
    // in pieces is walked once. Whether it held a NUL or high byte comes
    // along.
    const size_t resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    const bool open_special = st_.line_special;
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) return skip_then_walk(resume);
    return walk(p, resume, open_special);
  }

 private:
  // --- windows -------------------------------------------------------------

  // The input's last, partial window, from w, out of line: inlined, it
  // would crowd the registers of the loops that call it. With
  // tail_from_end, the 64 bytes that end the input are classified, when
  // there are 64, and the masks shifted down to the window: no copy to
  // make, nor to wait for when a wide load reads it back (a chunked scan
  // meets such a window at the end of every call).
  static FTPREPLY_NOINLINE block_masks tail_masks(const unsigned char* b, size_t len,
                                                  size_t w) noexcept {
    const size_t n = len - w;
    if (tail_from_end && len >= 64)
      return masks_shifted_down(classify_block(b + len - 64), static_cast<unsigned>(64 - n));
    return classify_tail(b + w, n);
  }

  // The masks of window w, the input's last, partial one included.
  static block_masks window_masks(const unsigned char* b, size_t len, size_t w) noexcept {
    return len - w >= 64 ? classify_block(b + w) : tail_masks(b, len, w);
  }

  // The first LF at or after p, or len_ when there is none.
  size_t find_lf(size_t p) noexcept {
    for (size_t w = p & ~size_t{63}; w < len_; w += 64) {
      const size_t n = len_ - w;
      st_.examined += n >= 64 ? 64 : n;
      const block_masks m = window_masks(b_, len_, w);
      if (const uint64_t lf = m.lf & bits_from(p, w)) return w + trailing_zeros(lf);
    }
    return len_;
  }

  // Consumes to the end of the line that broke a limit, then walks on (out
  // of line: run() stays light for the call that resumes a reply).
  FTPREPLY_NOINLINE scan_result skip_then_walk(size_t resume) noexcept {
    if (n_ == cap_) return stop(0, true);
    const size_t e = find_lf(0);
    if (e == len_ && !at_end_) return stop(len_, false);
    const size_t p = e == len_ ? len_ : e + 1;
    emit_skipped(p);
    return walk(p, resume, false);
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }
  // The three bytes at p as an event stores a code: the first lowest.
  uint32_t digits_at(size_t p) const noexcept {
    return uint32_t{b_[p]} | uint32_t{b_[p + 1]} << 8 | uint32_t{b_[p + 2]} << 16;
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  FTPREPLY_NOINLINE size_t start_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    const bool crlf = e > p && b_[e - 1] == '\r';
    const size_t n = (crlf ? e - 1 : e) - p;  // bytes before the line end
    uint16_t f = 0;
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, p, next);
      f |= flags::bare_lf;
    }
    if (n == 0) {
      if (opt_.strict) return emit_error(error::empty_line, p, p, next);
      st_.pending_blank = true;  // skipped; flags the next reply
      return next;
    }
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return emit_error(error::bad_code, p, p, next);
    const bool bare = n == 3;
    if (bare) {
      if (opt_.strict) return emit_error(error::bare_code, p, p, next);
      f |= flags::bare_code;
    } else if (b_[p + 3] != ' ' && b_[p + 3] != '-') {
      return emit_error(error::bad_separator, p, p, next);
    }
    if (opt_.strict && (b_[p] < '1' || b_[p] > '6'))
      return emit_error(error::bad_class, p, p, next);
    if (special) f |= special_flags(b_ + p, next - p);
    const uint16_t code = code_at(p);
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, digits_at(p), f);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  FTPREPLY_NOINLINE size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines)
      return emit_error(limit_error(next - p, p - bs_), p, bs_, next);
    // A block line has a predecessor, so b_[e - 1] exists; for an empty
    // line it is the previous LF.
    const bool crlf = e > p && b_[e - 1] == '\r';
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, bs_, next);
      st_.flags |= flags::bare_lf;
    }
    if (special) st_.flags |= special_flags(b_ + p, next - p);
    ++st_.lines;
    const size_t n = (crlf ? e - 1 : e) - p;
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return next;
    const uint16_t code = code_at(p);
    uint16_t extra = 0;
    if (n >= 4 && b_[p + 3] == ' ') {
      if (code != st_.code) {
        if (!opt_.any_code_terminates) return next;
        extra = flags::mismatched_terminator;
      }
    } else if (n == 3 && !opt_.strict && code == st_.code) {
      extra = flags::bare_code;
    } else {
      return next;
    }
    emit_reply(bs_, next, digits_at(p), static_cast<uint16_t>(st_.flags | extra));
    return next;
  }

  error limit_error(uint64_t line_len, uint64_t block_bytes) const noexcept {
    return detail::limit_error(opt_, line_len, block_bytes);
  }

  // A line that will break a limit whatever follows: consume it as it
  // arrives, report it at its end.
  void enter_skip(size_t span_start, size_t line, size_t block_bytes) noexcept {
    st_.mode = mode_skip;
    st_.err_start = st_.base + span_start;
    st_.line_start = st_.base + line;
    st_.block_bytes = block_bytes;
  }

  void emit_skipped(size_t end) noexcept {
    uint64_t abs_end = st_.base + end;
    error e = limit_error(abs_end - st_.line_start, st_.block_bytes);
    event_access::failure(out_[n_++], e, st_.line_start, st_.err_start,
                          abs_end - st_.err_start);
    st_.mode = mode_expect;
  }

  // --- the walk ------------------------------------------------------------

  // The window's bits at or after p (all of them when p is before it).
  static uint64_t bits_from(size_t p, size_t w) noexcept {
    return p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
  }

  // Where the walk stands: the line start p; the window w and its LFs not
  // yet taken; `stop`, the window's first bare LF (no CR before) or NUL or
  // high byte at or after p: a line whose LF is at or past it is for the
  // rules. When the bytes of the line open into the window hold a NUL or
  // high byte, the stop is 0 (the carry, at bit 0). Only these cross a
  // window: the runs keep them in registers.
  struct cursor {
    size_t p, w;
    uint64_t lfs;
    unsigned stop;
  };

  // The stop of a window (masks m, cr_in 1 when a CR comes before it) from
  // the bits `from` on, given its carry.
  static FTPREPLY_ALWAYS_INLINE unsigned window_stop(const block_masks& m, uint64_t cr_in,
                                                     uint64_t from, uint64_t carry) noexcept {
    // (GCC branches on 0 here. TZCNT's 64 instead, without the branch, was
    // 5% slower on multiline with AVX-512BW, Zen 4: the lines' tests then
    // wait for the masks.)
    return trailing_zeros_or_64((stop_bits(m, cr_in) & from) | carry);
  }
  // A window's bare LFs (no CR before) and NUL or high bytes.
  static FTPREPLY_ALWAYS_INLINE uint64_t stop_bits(const block_masks& m, uint64_t cr_in) noexcept {
    return (m.lf & ~(m.cr << 1 | cr_in)) | m.special;
  }

  uint64_t cr_before(size_t w) const noexcept { return w > 0 && b_[w - 1] == '\r'; }

  // The stop of a window with no stop of its own, given the last one's.
  static unsigned carried(unsigned stop) noexcept { return stop != 64 ? 0 : 64; }

  // The window at p (64 bytes, p[-1] readable) when clean_window() passes
  // it: its LFs, and no stop but the carry.
  static FTPREPLY_ALWAYS_INLINE bool next_clean(const unsigned char* p, uint64_t& lfs,
                                                unsigned& stop) noexcept {
    if (!clean_window(p, lfs)) return false;
    stop = carried(stop);
    return true;
  }

  // Moves to window w + 64 with the line open from the last: its LFs and
  // its stop, with the carry (the last window's stop was left untaken only
  // by a NUL or high byte of that line). False at the end of the input.
  // A window clean_window() passes has no stop but the carry: its CR and
  // NUL or high bytes are not made into masks, and no stop is worked out
  // (tools/ab_kernel.sh, time against the masks of every window, Zen 3:
  // SSE2 0.76 multiline, 0.85 session, 0.93 servers, 0.95 hostile, 0.97
  // short, 0.72-0.93 altgen's streams; AVX2 0.91 multiline, 0.92
  // alt-multiline, 0.97-1.03 on the rest; fed 1,460 bytes a call, SSE2
  // 0.81-1.00, AVX2 0.83-0.99).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          bool try_clean = true) const noexcept {
    w += 64;
    if (w >= len_) return false;
    if (try_clean && len_ - w >= 64 && next_clean(b_ + w, lfs, stop)) return true;
    const block_masks m = window_masks(b_, len_, w);
    lfs = m.lf;
    stop = window_stop(m, b_[w - 1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }
  // The same with the window as a pointer, bw then left on the last window
  // at the end of the input. The expect run holds its window so: a line's
  // end is found without the input's start in a register (short 12%
  // faster with AVX-512BW, Zen 4). (The block loop keeps offsets: written
  // with this one, it was 6% slower on multiline with AVX2.)
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop) const noexcept {
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    if (left - 64 >= 64 && next_clean(bw, lfs, stop)) return true;
    // (window_masks() would work out the bytes left again: 1.5% more
    // instructions on session.)
    const block_masks m = left - 64 >= 64 ? classify_block(bw)
                                          : tail_masks(b_, len_, static_cast<size_t>(bw - b_));
    lfs = m.lf;
    stop = window_stop(m, bw[-1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }

  // next_window() for a loop that passes over the windows inside a line: a
  // window without LF (lfs 0) makes only its LF and NUL or high bytes, a NUL
  // or high byte setting the carry (stop 0). Its masks never come from
  // tail_masks() (the input's last window goes through next_window()): the
  // loop's masks then stay in registers, and GCC makes the CR mask only for
  // a window with an LF (callgrind, AVX2 hostile: 1.11 instructions a byte
  // with a loop of its own for the windows without LF, 0.94 so). A window
  // quiet_window() passes makes no mask at all (tools/ab_kernel.sh, time,
  // Zen 3: hostile AVX2 0.96, SSE2 0.83; fed 1,460 bytes a call, 0.97 and
  // 0.90; level on the other mixes).
  FTPREPLY_ALWAYS_INLINE bool next_window_sparse(size_t& w, uint64_t& lfs,
                                                 unsigned& stop) const noexcept {
    // (A clean test at the input's last windows cost AVX2 1.02-1.07 of the
    // time on hostile input fed 1,460 bytes a call.)
    if (len_ - w < 128) return next_window(w, lfs, stop, false);
    w += 64;
    if (quiet_window(b_ + w)) {
      lfs = 0;
      return true;
    }
    const block_masks m = classify_block(b_ + w);
    lfs = m.lf;
    if (!lfs) {
      if (m.special) stop = 0;
      return true;
    }
    stop = window_stop(m, cr_before(w), ~uint64_t{0}, stop != 64);
    return true;
  }

  // A window made a window early (a kernel's classify_ahead): the expect
  // run and the block loop inlined in it classify window w + 64 before
  // they take the lines of w. How many lines a window holds varies, so the
  // end of w's lines is mispredicted; the masks the run goes on with are
  // then ready, not loaded and compared after the flush. block_run() (a
  // block resumed, or any_code_terminates) makes none: with it, AVX2's
  // hostile took 1.08 of the time. The kernels' files give the figures.
  // `pre`: its stop_bits(), its stop but for the carry.
  struct ahead {
    uint64_t lf = 0, pre = 0;
  };
  // Window nw (0 < nw < len_), `left` bytes from it to the end.
  FTPREPLY_ALWAYS_INLINE void look_ahead(const unsigned char* nw, size_t left,
                                         ahead& a) const noexcept {
    const block_masks m = left >= 64 ? classify_block(nw)
                                     : tail_masks(b_, len_, static_cast<size_t>(nw - b_));
    a.lf = m.lf;
    a.pre = stop_bits(m, nw[-1] == '\r');
  }
  // The window after w, when there is one.
  void start_ahead(size_t w, ahead& a) const noexcept {
    if (classify_ahead && len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
  }
  // next_window() with the window made ahead, the one after it made (the
  // plain one without classify_ahead).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          ahead& a) const noexcept {
    if (!classify_ahead) return next_window(w, lfs, stop);
    w += 64;
    if (w >= len_) return false;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
    return true;
  }
  // The same with the window as a pointer.
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop, ahead& a) const noexcept {
    if (!classify_ahead) return next_window(bw, lfs, stop);
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (left > 128) look_ahead(bw + 64, left - 128, a);
    return true;
  }

  // How a run stopped: at the end of the input, at a line for the rules
  // (c.lfs's lowest bit is its LF), or with its mode over (block_run(): the
  // block emitted).
  enum class run_stop { end, rules, mode };

  // Expecting replies, no blank line pending: emits the plain single-line
  // replies "ddd text\r\n" (within max_line, no NUL or high byte, a class
  // strict mode allows), and at a plain "ddd-text\r\n" opens a block and
  // runs block_loop() for it, inlined. Out of line, one per mode, with what
  // it reads in locals: the loops keep their registers.
  template <bool Strict>
  FTPREPLY_NOINLINE run_stop expect_run(cursor& c, event** po) noexcept {
    const unsigned char* const b = b_;
    const unsigned char* q = b + c.p;  // the line start
    const unsigned char* bw = b + c.w;  // the window
    uint64_t lfs = c.lfs;
    event* o = *po;
    event* const end = out_ + cap_;
    // An event's offset is its first byte's address plus this.
    const uint64_t to_offset = st_.base - reinterpret_cast<uintptr_t>(b);
    const uint64_t over = opt_.max_line - 6;
    // "ddd " in one test (three_digits() and the space): the first digit
    // '1'-'6' in strict mode.
    constexpr uint32_t sub = Strict ? 0x20303031u : 0x20303030u;
    constexpr uint32_t add = Strict ? 0x0076767Au : 0x00767676u;
    // The window's first line for the rules: the stop, or the first the
    // output has no room for, tested once a window. The run takes at most
    // 11 lines in a window (6 bytes or more each, the first maybe begun
    // before it), one event each: with room for 11, none is counted.
    auto room = [&](unsigned s) FTPREPLY_LAMBDA_INLINE {
      const size_t left = static_cast<size_t>(end - o);
      if (left < 11) {
        uint64_t l = lfs;
        for (size_t k = 0; k < left && l; ++k) l &= l - 1;
        if (l) s = std::min(s, trailing_zeros(l));
      }
      return s;
    };
    unsigned stop = room(c.stop);
    run_stop r = run_stop::rules;
    ahead a;
    start_ahead(c.w, a);
    for (;;) {
      while (lfs) {
        const unsigned bit = trailing_zeros(lfs);
        const unsigned char* const next = bw + bit + 1;
        const size_t line_len = static_cast<size_t>(next - q);
        // At least "ddd " and CR LF, at most max_line: the head is inside.
        if (line_len - 6 > over) goto done;
        if (bit >= stop) goto done;
        const uint32_t head = load_le<uint32_t>(q), d = head - sub;
        if (((d | (d + add)) & 0xFF808080u) == 0) {
          event_access::reply(*o++, reinterpret_cast<uintptr_t>(q) + to_offset, q,
                              static_cast<uint32_t>(line_len), head & 0xFFFFFFu, 0);
          q = next;
          lfs &= lfs - 1;
          continue;
        }
        const uint32_t dash = head - (sub + 0x0D000000u);  // "ddd-"
        if (((dash | (dash + add)) & 0xFF808080u) != 0) goto done;
        const size_t p = static_cast<size_t>(q - b);
        st_.mode = mode_block;
        st_.code = code_at(p);
        st_.lines = 1;
        st_.flags = 0;
        bs_ = p;
        // The block's loop, inlined here: in a session blocks come and go
        // every few lines. A return to the walk between the two runs cost
        // a third of the servers mix, and a call to block_run() 5-9% of
        // the servers, session and multiline mixes (AVX2, Zen 4).
        c = cursor{static_cast<size_t>(next - b), static_cast<size_t>(bw - b), lfs & (lfs - 1),
                   stop};
        event* ob = o;
        r = opt_.any_code_terminates ? block_run<true>(c, &ob, end)
                                     : block_loop<false>(c, &ob, end, &a);
        o = ob;
        if (r != run_stop::mode) {
          *po = o;
          return r;
        }
        q = b + c.p;  // the block emitted: on after it
        bw = b + c.w;
        lfs = c.lfs;
        stop = room(c.stop);
        if (opt_.any_code_terminates) start_ahead(c.w, a);
      }
      if (!next_window(bw, lfs, stop, a)) break;
      stop = room(stop);
    }
    r = run_stop::end;
  done:
    c = cursor{static_cast<size_t>(q - b), static_cast<size_t>(bw - b), lfs, stop};
    *po = o;
    return r;
  }

  // Inside the block at bs_: counts its text lines and emits it at its
  // terminator "ddd text\r\n" (its code, then a space), all within the
  // limits, ended by CR LF, with no NUL or high byte. A line that could
  // end it otherwise (a bare code; with AnyCode, any code) goes to the
  // rules. `end`: where the output stops for it. Out of line for the walk
  // (a call that resumes inside a block), inlined in expect_run().
  //
  // Long: a block of long lines (hostile input's endless reply), in a loop
  // of its own that passes over the windows inside a line with their LF
  // and NUL or high bytes alone. The other block loops bound a line at
  // long_line bytes (line_bound_), as they bound it at max_line: a longer
  // one goes to the rules, and its block on in this loop. Nothing is tested a
  // window for it: a test for windows without LF in every block loop cost
  // multiline 3-5% of its time, and the runs' loops move by a percent or
  // more with any change to their code (Zen 4).
  template <bool AnyCode, bool Long = false>
  FTPREPLY_NOINLINE run_stop block_run(cursor& cur, event** po, event* end) noexcept {
    return block_loop<AnyCode, Long>(cur, po, end, nullptr);
  }
  // Three windows. The bound holds from the line start at the window's
  // entry, so it also sends to the rules the lines after a long one in
  // the same window: at 192, after a line over 128 bytes; at 128, after
  // any line that covers a window (multiline 7% slower).
  static constexpr uint32_t long_line = 192;
  // `a`: the window made ahead (expect_run()'s), or none.
  template <bool AnyCode, bool Long = false>
  FTPREPLY_ALWAYS_INLINE run_stop block_loop(cursor& cur, event** po, event* end,
                                             ahead* a) noexcept {
    const unsigned char* const b = b_;
    size_t p = cur.p, w = cur.w;
    uint64_t lfs = cur.lfs;
    unsigned stop = cur.stop;
    const size_t bs = bs_;
    const uint32_t term = (load_le<uint32_t>(b + bs) & 0xFFFFFFu) | uint32_t{' '} << 24;
    // The lines the block may still take before max_lines (counted down:
    // one register fewer in the loop).
    const uint32_t max_lines = opt_.max_lines,
                   max_line = Long || AnyCode ? opt_.max_line : line_bound_;
    uint32_t left = st_.lines < max_lines ? max_lines - st_.lines : 0;
    // A line that ends past `bound` goes to the rules: one test for the
    // reply limit, the line limit (from the line start at the window's
    // entry: the lines after it are shorter), and 4 bytes to read from
    // the line start (a line under 4 bytes reads the next one's first:
    // its LF is not a digit, so the head is text, as it should be).
    const size_t reply_end = opt_.max_reply < len_ - bs ? bs + opt_.max_reply : len_;
    const size_t bound_reply = std::min<size_t>(len_ > 3 ? len_ - 3 : 0, reply_end);
    size_t bound = std::min<size_t>(bound_reply, p + max_line);
    run_stop r = run_stop::rules;
    for (;;) {
      for (; lfs; lfs &= lfs - 1) {
        const unsigned bit = trailing_zeros(lfs);
        const size_t next = w + bit + 1;
        if (bit >= stop || next > bound || left == 0) goto done;
        const uint32_t head = load_le<uint32_t>(b + p);
        // Text: neither the code followed by a space or a line end, nor
        // any code under AnyCode. (The code first: a test of '-' first
        // mispredicts on listings, "-rw-r--r--".)
        const bool text = ((head ^ term) & 0xFFFFFFu) != 0 ? !(AnyCode && three_digits(head))
                                                            : head >> 24 == '-';
        if (text) {
          --left;
          p = next;
          continue;
        }
        if (head != term || *po == end) goto done;
        event* const o = *po;
        event_access::reply(*o, st_.base + bs, b + bs, static_cast<uint32_t>(next - bs),
                            term & 0xFFFFFFu, st_.flags);
        *po = o + 1;
        st_.mode = mode_expect;
        p = next;
        lfs &= lfs - 1;
        r = run_stop::mode;
        goto done;
      }
      if constexpr (Long) {
        // One window a turn: in a loop of its own for the windows without
        // LF, GCC gave it other registers, and moved a dozen at each line.
        if (!next_window_sparse(w, lfs, stop)) break;
        if (!lfs) continue;
      } else if (!(a ? next_window(w, lfs, stop, *a) : next_window(w, lfs, stop))) {
        break;
      }
      bound = std::min<size_t>(bound_reply, p + max_line);
    }
    r = run_stop::end;
  done:
    st_.lines = max_lines - left;
    cur = cursor{p, w, lfs, stop};
    return r;
  }

  // From the line start p: each mode's run, and the rules (start_line(),
  // block_line(), the line limit) for each line a run stops at, which they
  // take whole. Windows before `resume` hold no LF of the line at p, and
  // `open_special` says whether its bytes there hold a NUL or high byte.
  scan_result walk(size_t p, size_t resume, bool open_special) noexcept {
    cursor c{p, p & ~size_t{63}, 0, open_special ? 0u : 64u};
    if (resume > c.w) c.w = resume;
    const size_t w0 = c.w < len_ ? c.w : len_;  // windows are classified from here on
    if (c.w < len_) {  // the first window: p may be inside it
      const uint64_t from = bits_from(p, c.w);
      const block_masks m = window_masks(b_, len_, c.w);
      c.lfs = m.lf & from;
      c.stop = window_stop(m, cr_before(c.w), from, open_special);
    }
    event* o = out_ + n_;
    // The block's last line for the rules was a long one: the block goes
    // on in block_run<., true>.
    bool long_lines = st_.long_lines;
    block_masks m{0, 0, 0};  // the masks of window mw, for the rules
    size_t mw = ~size_t{0};
    auto finish = [&] {  // the bytes classified: to the end of c's window
      st_.examined += (c.w + 64 < len_ ? c.w + 64 : len_) - w0;
      n_ = static_cast<size_t>(o - out_);
      st_.long_lines = long_lines;
    };
    for (;;) {
      if (!c.lfs) {  // a line open over windows (a long one fed in pieces)
        if (!next_window_sparse(c.w, c.lfs, c.stop)) break;
        continue;
      }
      run_stop r = run_stop::rules;
      if (st_.mode == mode_block) {
        event* const end = st_.pending_blank ? o : out_ + cap_;
        r = opt_.any_code_terminates ? block_run<true>(c, &o, end)
            : long_lines             ? block_run<false, true>(c, &o, end)
                                     : block_run<false>(c, &o, end);
      } else if (!st_.pending_blank) {
        r = opt_.strict ? expect_run<true>(c, &o) : expect_run<false>(c, &o);
        long_lines = false;  // a block it opened is new
      }
      if (r == run_stop::end) break;
      if (r == run_stop::mode) {
        long_lines = false;
        continue;
      }
      n_ = static_cast<size_t>(o - out_);
      if (n_ == cap_) {
        finish();
        return st_.mode == mode_block ? stop_block(c.p, true) : stop(c.p, true);
      }
      // The rules, for the line whose LF is c.lfs's lowest bit; the
      // window's masks are made again (the runs keep only the stop), once
      // for all the lines of a window that the rules take.
      if (c.w != mw) {
        m = window_masks(b_, len_, c.w);
        mw = c.w;
      }
      const uint64_t from = bits_from(c.p, c.w);
      const unsigned bit = trailing_zeros(c.lfs);
      const size_t e = c.w + bit;
      const uint64_t upto = c.lfs ^ (c.lfs - 1);  // the window's bits up to e
      // A line open into the window: a stop still at 0 may be its carry.
      const bool special =
          (m.special & from & upto) != 0 || (c.p < c.w && c.stop == 0);
      const bool in_block = st_.mode == mode_block;
      long_lines = in_block && e - c.p >= long_line;
      if (in_block)
        c.p = block_line(c.p, e, special);
      else if (e + 1 - c.p > opt_.max_line)
        c.p = emit_error(error::line_too_long, c.p, c.p, e + 1);
      else
        c.p = start_line(c.p, e, special);
      o = out_ + n_;
      c.lfs &= c.lfs - 1;
      c.stop = window_stop(m, cr_before(c.w), ~upto, 0);
    }
    finish();
    return end_of_input(c.p, c.stop != 64);
  }

  // The input ended inside the line starting at p: inline, the end of
  // every call of a chunked scan (more to come, within the limits); the
  // rest in open_line().
  FTPREPLY_ALWAYS_INLINE scan_result end_of_input(size_t p, bool special) noexcept {
    const size_t partial = len_ - p;
    if (!at_end_ && partial <= opt_.max_line &&
        (st_.mode == mode_expect ||
         (st_.mode == mode_block && (p - bs_) + partial <= opt_.max_reply)))
      return need_more(p, special);
    return open_line(p, special);
  }

  // More bytes may finish the line at p, in a block or between replies:
  // the next call resumes past what was examined, with the line's NUL or
  // high byte.
  FTPREPLY_ALWAYS_INLINE scan_result need_more(size_t p, bool special) noexcept {
    if (st_.mode == mode_block) {
      st_.walked = static_cast<uint32_t>(len_ - bs_);
      st_.line_special = special;
      return stop_block(p, false);
    }
    st_.walked = static_cast<uint32_t>(len_ - p);
    st_.line_special = special && p != len_;
    return stop(p, false);
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special) noexcept {
    for (;;) {
      const size_t partial = len_ - p;
      if (st_.mode == mode_block) {
        if (partial > opt_.max_line || (p - bs_) + partial > opt_.max_reply) {
          enter_skip(bs_, p, p - bs_);
        } else if (at_end_) {
          if (n_ == cap_) return stop_block(p, true);
          // The block is abandoned; the rest is read as a new reply.
          emit_error(error::unterminated, bs_, bs_, p);
          continue;
        } else {
          return need_more(p, special);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {
          return need_more(p, special);
        }
      }
      // mode_skip: everything is consumed; at the end, report it.
      if (!at_end_) return stop(len_, false);
      if (n_ == cap_) return stop(len_, true);
      emit_skipped(len_);
      return stop(len_, false);
    }
  }

  // --- output --------------------------------------------------------------

  FTPREPLY_NOINLINE size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event_access::failure(out_[n_++], e, st_.base + offset, st_.base + start,
                          end - start);
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint32_t digits, uint16_t f) noexcept {
    event_access::reply(out_[n_++], st_.base + start, b_ + start,
                        static_cast<uint32_t>(end - start), digits,
                        static_cast<uint16_t>(f | (st_.pending_blank ? flags::blank_line : 0)));
    st_.pending_blank = false;
    st_.mode = mode_expect;
  }

  scan_result stop(size_t consumed, bool full) noexcept {
    st_.base += consumed;
    return scan_result{n_, consumed, full};
  }

  scan_result stop_block(size_t pos, bool full) noexcept {
    st_.checked = pos - bs_;
    return stop(bs_, full);
  }

  scan_state& st_;
  const options& opt_;
  const unsigned char* const b_;
  const size_t len_;
  const bool at_end_;
  event* const out_;
  const size_t cap_;
  size_t n_ = 0;
  size_t bs_ = 0;                 // block start
  // The line limit of the block loops but block_run<., true>'s. A member,
  // read where max_line was read: worked out at the loop's entry, it moved
  // the expect run's registers (AVX2 multiline 7% slower, Zen 4).
  const uint32_t line_bound_;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}

}  // namespace neon
}  // namespace detail
}  // namespace ftpreply
#endif
// ---- protected.cpp ----
// SPDX-License-Identifier: Apache-2.0
// RFC 2228 protected replies, 631-633 (ftpreply/protected.h).
#include <cstring>


namespace ftpreply {

using detail::base64_stream;
using detail::is_ascii_digit;
using detail::put_code;

const char* to_string(protection p) noexcept {
  switch (p) {
    case protection::none: return "none";
    case protection::integrity: return "safe";
    case protection::confidentiality_and_integrity: return "private";
    case protection::confidentiality: return "confidential";
  }
  return "none";
}

protection protection_of(uint16_t code) noexcept {
  return code >= 631 && code <= 633 ? static_cast<protection>(code - 630) : protection::none;
}

error open_protected(std::string_view reply, unseal_fn unseal, void* context,
                     uint8_t* scratch, size_t scratch_capacity, char* clear,
                     size_t clear_capacity, size_t* clear_length,
                     protection* level) noexcept {
  if (reply.size() < 4 || !is_ascii_digit(reply[0]) || !is_ascii_digit(reply[1]) || !is_ascii_digit(reply[2]))
    return error::malformed;
  const uint16_t code = static_cast<uint16_t>((reply[0] - '0') * 100 + (reply[1] - '0') * 10 +
                                              (reply[2] - '0'));
  const protection p = protection_of(code);
  if (p == protection::none || unseal == nullptr) return error::malformed;
  base64_stream b64(scratch, scratch_capacity);
  for (std::string_view line : text_lines(reply)) {
    const error e = b64.feed(line);
    if (e != error::ok) return e;
  }
  size_t n = 0;
  const error e = b64.finish(&n);
  if (e != error::ok) return e;
  if (!unseal(context, p, scratch, n, clear, clear_capacity, clear_length))
    return error::unseal_failed;
  *level = p;
  return error::ok;
}

error encode_protected(protection level, std::string_view cleartext, seal_fn seal,
                       void* context, uint8_t* scratch, size_t scratch_capacity, char* out,
                       size_t capacity, size_t* length) noexcept {
  if (level == protection::none || seal == nullptr) return error::invalid_argument;
  size_t n = 0;
  if (!seal(context, level, cleartext.data(), cleartext.size(), scratch, scratch_capacity, &n))
    return error::unseal_failed;
  // Lines of 76 base64 characters: 57 sealed bytes each.
  constexpr size_t kBytesPerLine = 57;
  const size_t lines = n == 0 ? 1 : (n + kBytesPerLine - 1) / kBytesPerLine;
  const size_t size = base64_encoded_size(n) + lines * 6;
  *length = size;
  if (size > capacity) return error::buffer_too_small;
  const uint16_t code = static_cast<uint16_t>(630 + static_cast<int>(level));
  char* w = out;
  for (size_t k = 0; k < lines; ++k) {
    const size_t from = k * kBytesPerLine;
    const size_t take = n - from < kBytesPerLine ? n - from : kBytesPerLine;
    put_code(w, code, k + 1 == lines ? ' ' : '-');
    w += 4;
    base64_encode(scratch + from, take, w);
    w += base64_encoded_size(take);
    *w++ = '\r';
    *w++ = '\n';
  }
  return error::ok;
}

}  // namespace ftpreply
// ---- reader.cpp ----
// SPDX-License-Identifier: Apache-2.0
// A client's reply reader (ftpreply/reader.h).

namespace ftpreply {

reply_reader::reply_reader(const options& opt, kernel k) noexcept : scanner_(opt, k) {}

error reply_reader::take(const char* data, size_t size) {
  if (next_ < count_ || more_) return error::invalid_argument;  // events not yet taken
  // Consumed bytes are gone from the scanner and every event was given:
  // nothing views them any more.
  bytes_.erase(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(begin_));
  begin_ = 0;
  bytes_.insert(bytes_.end(), data, data + size);
  more_ = true;
  return error::ok;
}

error reply_reader::feed(const char* data, size_t size) {
  const error e = take(data, size);
  if (e == error::ok) at_end_ = false;
  return e;
}

error reply_reader::finish() {
  const error e = take(nullptr, 0);
  if (e == error::ok) at_end_ = true;
  return e;
}

error reply_reader::gap(uint64_t lost) {
  const error e = take(nullptr, 0);
  if (e == error::ok) {
    at_end_ = false;
    gap_ = lost;
  }
  return e;
}

bool reply_reader::next(event& out) noexcept {
  if (next_ == count_ && more_) {
    const char* p = bytes_.data() + begin_;
    const size_t n = bytes_.size() - begin_;
    const scan_result r = at_end_ ? scanner_.finish(p, n, batch_, kBatch)
                          : gap_ ? scanner_.gap(p, n, gap_, batch_, kBatch)
                                 : scanner_.scan(p, n, batch_, kBatch);
    if (!r.output_full) gap_ = 0;
    begin_ += r.consumed;
    count_ = r.events;
    next_ = 0;
    more_ = r.output_full;
  }
  if (next_ == count_) return false;
  out = batch_[next_++];
  return true;
}

void reply_reader::reset() noexcept {
  scanner_.reset();
  bytes_.clear();
  begin_ = count_ = next_ = 0;
  more_ = at_end_ = false;
  gap_ = 0;
}

}  // namespace ftpreply
// ---- reply_string.cpp ----
// SPDX-License-Identifier: Apache-2.0
// A server's replies appended to a std::string (ftpreply/reply_string.h).

namespace ftpreply {
namespace {

// Runs a writer of the form f(out, capacity, &length) into the end of `s`:
// once to learn the size when it does not fit, once to write.
template <class F>
error append_with(std::string& s, size_t guess, F&& write) {
  const size_t old = s.size();
  size_t length = 0;
  s.resize(old + guess);
  error e = write(&s[old], guess, &length);
  if (e == error::buffer_too_small) {
    s.resize(old + length);
    e = write(&s[old], length, &length);
  }
  s.resize(e == error::ok ? old + length : old);
  return e;
}

// A reply whose text a formatter writes.
template <class F>
error append_formatted(std::string& out, uint16_t code, size_t guess, F&& format) {
  std::string text;
  const error e = append_with(text, guess, format);
  return e != error::ok ? e : append_reply(out, code, text);
}

}  // namespace

error append_reply(std::string& out, uint16_t code, std::string_view text) {
  return append_with(out, text.size() + 16, [&](char* p, size_t cap, size_t* n) {
    return encode_reply(code, text, p, cap, n);
  });
}

error append_pasv_reply(std::string& out, const endpoint& ep) {
  return append_formatted(out, 227, 64, [&](char* p, size_t cap, size_t* n) {
    return format_pasv(ep, p, cap, n);
  });
}

error append_epsv_reply(std::string& out, uint16_t port) {
  return append_formatted(out, 229, 64, [&](char* p, size_t cap, size_t* n) {
    return format_epsv(port, p, cap, n);
  });
}

error append_pathname_reply(std::string& out, std::string_view path, std::string_view comment) {
  return append_formatted(out, 257, path.size() + comment.size() + 8,
                          [&](char* p, size_t cap, size_t* n) {
                            return format_pathname(path, comment, p, cap, n);
                          });
}

error append_size_reply(std::string& out, uint64_t size) {
  return append_formatted(out, 213, 24, [&](char* p, size_t cap, size_t* n) {
    return format_size(size, p, cap, n);
  });
}

error append_mdtm_reply(std::string& out, const timestamp& t) {
  return append_formatted(out, 213, 32 + t.fraction.size(), [&](char* p, size_t cap, size_t* n) {
    return format_mdtm(t, p, cap, n);
  });
}

error append_features_reply(std::string& out, const feature* features, size_t count) {
  return append_formatted(out, 211, 64 + 32 * count, [&](char* p, size_t cap, size_t* n) {
    return format_features(features, count, p, cap, n);
  });
}

error append_help_reply(std::string& out, std::string_view text) {
  return append_reply(out, 214, text);
}

}  // namespace ftpreply
// ---- scalar.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The scalar kernel: portable C++ for CPUs without a SIMD kernel (s390x,
// POWER, RISC-V, ...). Always compiled; the fallback and the reference the
// other kernels match. Masks are made eight bytes at a time with 64-bit
// word arithmetic (SWAR), the same on either byte order.

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

// ---- generic/walker.h (for this kernel) ----
// SPDX-License-Identifier: Apache-2.0
// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
//   constexpr bool tail_from_end; // the input's last window may be
//                                 // classified from the 64 bytes that end
//                                 // the input (classify_block()'s masks
//                                 // exact at every byte), shifted down
//   constexpr bool classify_ahead; // the runs classify the next window
//                                  // before they take this one's lines
//   bool clean_window(const unsigned char* p, uint64_t& lf);
//       // optional: true, with the LF mask of the 64 bytes at p, when
//       // none of them stops a run: every LF after a CR (p[-1] is read),
//       // no NUL or high byte (without it, internal.h's passes none)
//   bool quiet_window(const unsigned char* p);
//       // optional: true when the 64 bytes at p hold no LF and no NUL or
//       // high byte (the same)
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and takes the
// lines in order, each LF found by a bit scan, as the bare tokenizer does.
// The rules live in three places: start_line() (a line where a reply
// should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). Two runs, one per mode, only
// accelerate: expect_run() emits plain single-line replies ("ddd
// text\r\n") and opens blocks, block_run() counts a block's text lines and
// emits it at its terminator, each line for one head load and a few
// predictable branches (a block of lines over 192 bytes in a loop of its
// own, which passes over the windows inside a line). A run stops at any
// line it does not recognise, which then goes to the rules whole.
//
// Why one stage: in two (stage one indexing 4 KiB of line ends, with VBMI2
// vpcompressw and the bare LF, NUL and high bytes ORed; stage two the runs
// over the index, any other segment in one stage), AVX-512BW on Zen 4 took
// 0.84-0.97 of this walker's time on short and 0.94-0.98 on multiline, but
// 1.07-1.13 on session, up to 1.04 on servers and up to 1.22 fed 1,460
// bytes a call (tools/ab_kernel.sh, December 2026); with tzcnt slots, 1.25
// to 1.78. The bench's two-stage tokenizers show what stage two may gain.
// The two mixes it lost are the ones that repeat (session cycles through 24
// replies, servers through 15 KB of transcripts), a rhythm that lets the
// predictor foresee where a window's lines end; on altgen's session, which
// has none, it took 0.76 of the time, and every one-stage loop (the bare
// tokenizer's too) runs at 0.6 of the two-stage ones.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap), line_bound_(std::min(opt.max_line, long_line)) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call (at 0, or at p in its block)
    // was examined that far, from the start of this input, and has no LF
    // there: resume at the window holding its end, so a long line arriving
    // in pieces is walked once. Whether it held a NUL or high byte comes
    // along.
    const size_t resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    const bool open_special = st_.line_special;
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) return skip_then_walk(resume);
    return walk(p, resume, open_special);
  }

 private:
  // --- windows -------------------------------------------------------------

  // The input's last, partial window, from w, out of line: inlined, it
  // would crowd the registers of the loops that call it. With
  // tail_from_end, the 64 bytes that end the input are classified, when
  // there are 64, and the masks shifted down to the window: no copy to
  // make, nor to wait for when a wide load reads it back (a chunked scan
  // meets such a window at the end of every call).
  static FTPREPLY_NOINLINE block_masks tail_masks(const unsigned char* b, size_t len,
                                                  size_t w) noexcept {
    const size_t n = len - w;
    if (tail_from_end && len >= 64)
      return masks_shifted_down(classify_block(b + len - 64), static_cast<unsigned>(64 - n));
    return classify_tail(b + w, n);
  }

  // The masks of window w, the input's last, partial one included.
  static block_masks window_masks(const unsigned char* b, size_t len, size_t w) noexcept {
    return len - w >= 64 ? classify_block(b + w) : tail_masks(b, len, w);
  }

  // The first LF at or after p, or len_ when there is none.
  size_t find_lf(size_t p) noexcept {
    for (size_t w = p & ~size_t{63}; w < len_; w += 64) {
      const size_t n = len_ - w;
      st_.examined += n >= 64 ? 64 : n;
      const block_masks m = window_masks(b_, len_, w);
      if (const uint64_t lf = m.lf & bits_from(p, w)) return w + trailing_zeros(lf);
    }
    return len_;
  }

  // Consumes to the end of the line that broke a limit, then walks on (out
  // of line: run() stays light for the call that resumes a reply).
  FTPREPLY_NOINLINE scan_result skip_then_walk(size_t resume) noexcept {
    if (n_ == cap_) return stop(0, true);
    const size_t e = find_lf(0);
    if (e == len_ && !at_end_) return stop(len_, false);
    const size_t p = e == len_ ? len_ : e + 1;
    emit_skipped(p);
    return walk(p, resume, false);
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }
  // The three bytes at p as an event stores a code: the first lowest.
  uint32_t digits_at(size_t p) const noexcept {
    return uint32_t{b_[p]} | uint32_t{b_[p + 1]} << 8 | uint32_t{b_[p + 2]} << 16;
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  FTPREPLY_NOINLINE size_t start_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    const bool crlf = e > p && b_[e - 1] == '\r';
    const size_t n = (crlf ? e - 1 : e) - p;  // bytes before the line end
    uint16_t f = 0;
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, p, next);
      f |= flags::bare_lf;
    }
    if (n == 0) {
      if (opt_.strict) return emit_error(error::empty_line, p, p, next);
      st_.pending_blank = true;  // skipped; flags the next reply
      return next;
    }
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return emit_error(error::bad_code, p, p, next);
    const bool bare = n == 3;
    if (bare) {
      if (opt_.strict) return emit_error(error::bare_code, p, p, next);
      f |= flags::bare_code;
    } else if (b_[p + 3] != ' ' && b_[p + 3] != '-') {
      return emit_error(error::bad_separator, p, p, next);
    }
    if (opt_.strict && (b_[p] < '1' || b_[p] > '6'))
      return emit_error(error::bad_class, p, p, next);
    if (special) f |= special_flags(b_ + p, next - p);
    const uint16_t code = code_at(p);
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, digits_at(p), f);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  FTPREPLY_NOINLINE size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines)
      return emit_error(limit_error(next - p, p - bs_), p, bs_, next);
    // A block line has a predecessor, so b_[e - 1] exists; for an empty
    // line it is the previous LF.
    const bool crlf = e > p && b_[e - 1] == '\r';
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, bs_, next);
      st_.flags |= flags::bare_lf;
    }
    if (special) st_.flags |= special_flags(b_ + p, next - p);
    ++st_.lines;
    const size_t n = (crlf ? e - 1 : e) - p;
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return next;
    const uint16_t code = code_at(p);
    uint16_t extra = 0;
    if (n >= 4 && b_[p + 3] == ' ') {
      if (code != st_.code) {
        if (!opt_.any_code_terminates) return next;
        extra = flags::mismatched_terminator;
      }
    } else if (n == 3 && !opt_.strict && code == st_.code) {
      extra = flags::bare_code;
    } else {
      return next;
    }
    emit_reply(bs_, next, digits_at(p), static_cast<uint16_t>(st_.flags | extra));
    return next;
  }

  error limit_error(uint64_t line_len, uint64_t block_bytes) const noexcept {
    return detail::limit_error(opt_, line_len, block_bytes);
  }

  // A line that will break a limit whatever follows: consume it as it
  // arrives, report it at its end.
  void enter_skip(size_t span_start, size_t line, size_t block_bytes) noexcept {
    st_.mode = mode_skip;
    st_.err_start = st_.base + span_start;
    st_.line_start = st_.base + line;
    st_.block_bytes = block_bytes;
  }

  void emit_skipped(size_t end) noexcept {
    uint64_t abs_end = st_.base + end;
    error e = limit_error(abs_end - st_.line_start, st_.block_bytes);
    event_access::failure(out_[n_++], e, st_.line_start, st_.err_start,
                          abs_end - st_.err_start);
    st_.mode = mode_expect;
  }

  // --- the walk ------------------------------------------------------------

  // The window's bits at or after p (all of them when p is before it).
  static uint64_t bits_from(size_t p, size_t w) noexcept {
    return p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
  }

  // Where the walk stands: the line start p; the window w and its LFs not
  // yet taken; `stop`, the window's first bare LF (no CR before) or NUL or
  // high byte at or after p: a line whose LF is at or past it is for the
  // rules. When the bytes of the line open into the window hold a NUL or
  // high byte, the stop is 0 (the carry, at bit 0). Only these cross a
  // window: the runs keep them in registers.
  struct cursor {
    size_t p, w;
    uint64_t lfs;
    unsigned stop;
  };

  // The stop of a window (masks m, cr_in 1 when a CR comes before it) from
  // the bits `from` on, given its carry.
  static FTPREPLY_ALWAYS_INLINE unsigned window_stop(const block_masks& m, uint64_t cr_in,
                                                     uint64_t from, uint64_t carry) noexcept {
    // (GCC branches on 0 here. TZCNT's 64 instead, without the branch, was
    // 5% slower on multiline with AVX-512BW, Zen 4: the lines' tests then
    // wait for the masks.)
    return trailing_zeros_or_64((stop_bits(m, cr_in) & from) | carry);
  }
  // A window's bare LFs (no CR before) and NUL or high bytes.
  static FTPREPLY_ALWAYS_INLINE uint64_t stop_bits(const block_masks& m, uint64_t cr_in) noexcept {
    return (m.lf & ~(m.cr << 1 | cr_in)) | m.special;
  }

  uint64_t cr_before(size_t w) const noexcept { return w > 0 && b_[w - 1] == '\r'; }

  // The stop of a window with no stop of its own, given the last one's.
  static unsigned carried(unsigned stop) noexcept { return stop != 64 ? 0 : 64; }

  // The window at p (64 bytes, p[-1] readable) when clean_window() passes
  // it: its LFs, and no stop but the carry.
  static FTPREPLY_ALWAYS_INLINE bool next_clean(const unsigned char* p, uint64_t& lfs,
                                                unsigned& stop) noexcept {
    if (!clean_window(p, lfs)) return false;
    stop = carried(stop);
    return true;
  }

  // Moves to window w + 64 with the line open from the last: its LFs and
  // its stop, with the carry (the last window's stop was left untaken only
  // by a NUL or high byte of that line). False at the end of the input.
  // A window clean_window() passes has no stop but the carry: its CR and
  // NUL or high bytes are not made into masks, and no stop is worked out
  // (tools/ab_kernel.sh, time against the masks of every window, Zen 3:
  // SSE2 0.76 multiline, 0.85 session, 0.93 servers, 0.95 hostile, 0.97
  // short, 0.72-0.93 altgen's streams; AVX2 0.91 multiline, 0.92
  // alt-multiline, 0.97-1.03 on the rest; fed 1,460 bytes a call, SSE2
  // 0.81-1.00, AVX2 0.83-0.99).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          bool try_clean = true) const noexcept {
    w += 64;
    if (w >= len_) return false;
    if (try_clean && len_ - w >= 64 && next_clean(b_ + w, lfs, stop)) return true;
    const block_masks m = window_masks(b_, len_, w);
    lfs = m.lf;
    stop = window_stop(m, b_[w - 1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }
  // The same with the window as a pointer, bw then left on the last window
  // at the end of the input. The expect run holds its window so: a line's
  // end is found without the input's start in a register (short 12%
  // faster with AVX-512BW, Zen 4). (The block loop keeps offsets: written
  // with this one, it was 6% slower on multiline with AVX2.)
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop) const noexcept {
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    if (left - 64 >= 64 && next_clean(bw, lfs, stop)) return true;
    // (window_masks() would work out the bytes left again: 1.5% more
    // instructions on session.)
    const block_masks m = left - 64 >= 64 ? classify_block(bw)
                                          : tail_masks(b_, len_, static_cast<size_t>(bw - b_));
    lfs = m.lf;
    stop = window_stop(m, bw[-1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }

  // next_window() for a loop that passes over the windows inside a line: a
  // window without LF (lfs 0) makes only its LF and NUL or high bytes, a NUL
  // or high byte setting the carry (stop 0). Its masks never come from
  // tail_masks() (the input's last window goes through next_window()): the
  // loop's masks then stay in registers, and GCC makes the CR mask only for
  // a window with an LF (callgrind, AVX2 hostile: 1.11 instructions a byte
  // with a loop of its own for the windows without LF, 0.94 so). A window
  // quiet_window() passes makes no mask at all (tools/ab_kernel.sh, time,
  // Zen 3: hostile AVX2 0.96, SSE2 0.83; fed 1,460 bytes a call, 0.97 and
  // 0.90; level on the other mixes).
  FTPREPLY_ALWAYS_INLINE bool next_window_sparse(size_t& w, uint64_t& lfs,
                                                 unsigned& stop) const noexcept {
    // (A clean test at the input's last windows cost AVX2 1.02-1.07 of the
    // time on hostile input fed 1,460 bytes a call.)
    if (len_ - w < 128) return next_window(w, lfs, stop, false);
    w += 64;
    if (quiet_window(b_ + w)) {
      lfs = 0;
      return true;
    }
    const block_masks m = classify_block(b_ + w);
    lfs = m.lf;
    if (!lfs) {
      if (m.special) stop = 0;
      return true;
    }
    stop = window_stop(m, cr_before(w), ~uint64_t{0}, stop != 64);
    return true;
  }

  // A window made a window early (a kernel's classify_ahead): the expect
  // run and the block loop inlined in it classify window w + 64 before
  // they take the lines of w. How many lines a window holds varies, so the
  // end of w's lines is mispredicted; the masks the run goes on with are
  // then ready, not loaded and compared after the flush. block_run() (a
  // block resumed, or any_code_terminates) makes none: with it, AVX2's
  // hostile took 1.08 of the time. The kernels' files give the figures.
  // `pre`: its stop_bits(), its stop but for the carry.
  struct ahead {
    uint64_t lf = 0, pre = 0;
  };
  // Window nw (0 < nw < len_), `left` bytes from it to the end.
  FTPREPLY_ALWAYS_INLINE void look_ahead(const unsigned char* nw, size_t left,
                                         ahead& a) const noexcept {
    const block_masks m = left >= 64 ? classify_block(nw)
                                     : tail_masks(b_, len_, static_cast<size_t>(nw - b_));
    a.lf = m.lf;
    a.pre = stop_bits(m, nw[-1] == '\r');
  }
  // The window after w, when there is one.
  void start_ahead(size_t w, ahead& a) const noexcept {
    if (classify_ahead && len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
  }
  // next_window() with the window made ahead, the one after it made (the
  // plain one without classify_ahead).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          ahead& a) const noexcept {
    if (!classify_ahead) return next_window(w, lfs, stop);
    w += 64;
    if (w >= len_) return false;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
    return true;
  }
  // The same with the window as a pointer.
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop, ahead& a) const noexcept {
    if (!classify_ahead) return next_window(bw, lfs, stop);
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (left > 128) look_ahead(bw + 64, left - 128, a);
    return true;
  }

  // How a run stopped: at the end of the input, at a line for the rules
  // (c.lfs's lowest bit is its LF), or with its mode over (block_run(): the
  // block emitted).
  enum class run_stop { end, rules, mode };

  // Expecting replies, no blank line pending: emits the plain single-line
  // replies "ddd text\r\n" (within max_line, no NUL or high byte, a class
  // strict mode allows), and at a plain "ddd-text\r\n" opens a block and
  // runs block_loop() for it, inlined. Out of line, one per mode, with what
  // it reads in locals: the loops keep their registers.
  template <bool Strict>
  FTPREPLY_NOINLINE run_stop expect_run(cursor& c, event** po) noexcept {
    const unsigned char* const b = b_;
    const unsigned char* q = b + c.p;  // the line start
    const unsigned char* bw = b + c.w;  // the window
    uint64_t lfs = c.lfs;
    event* o = *po;
    event* const end = out_ + cap_;
    // An event's offset is its first byte's address plus this.
    const uint64_t to_offset = st_.base - reinterpret_cast<uintptr_t>(b);
    const uint64_t over = opt_.max_line - 6;
    // "ddd " in one test (three_digits() and the space): the first digit
    // '1'-'6' in strict mode.
    constexpr uint32_t sub = Strict ? 0x20303031u : 0x20303030u;
    constexpr uint32_t add = Strict ? 0x0076767Au : 0x00767676u;
    // The window's first line for the rules: the stop, or the first the
    // output has no room for, tested once a window. The run takes at most
    // 11 lines in a window (6 bytes or more each, the first maybe begun
    // before it), one event each: with room for 11, none is counted.
    auto room = [&](unsigned s) FTPREPLY_LAMBDA_INLINE {
      const size_t left = static_cast<size_t>(end - o);
      if (left < 11) {
        uint64_t l = lfs;
        for (size_t k = 0; k < left && l; ++k) l &= l - 1;
        if (l) s = std::min(s, trailing_zeros(l));
      }
      return s;
    };
    unsigned stop = room(c.stop);
    run_stop r = run_stop::rules;
    ahead a;
    start_ahead(c.w, a);
    for (;;) {
      while (lfs) {
        const unsigned bit = trailing_zeros(lfs);
        const unsigned char* const next = bw + bit + 1;
        const size_t line_len = static_cast<size_t>(next - q);
        // At least "ddd " and CR LF, at most max_line: the head is inside.
        if (line_len - 6 > over) goto done;
        if (bit >= stop) goto done;
        const uint32_t head = load_le<uint32_t>(q), d = head - sub;
        if (((d | (d + add)) & 0xFF808080u) == 0) {
          event_access::reply(*o++, reinterpret_cast<uintptr_t>(q) + to_offset, q,
                              static_cast<uint32_t>(line_len), head & 0xFFFFFFu, 0);
          q = next;
          lfs &= lfs - 1;
          continue;
        }
        const uint32_t dash = head - (sub + 0x0D000000u);  // "ddd-"
        if (((dash | (dash + add)) & 0xFF808080u) != 0) goto done;
        const size_t p = static_cast<size_t>(q - b);
        st_.mode = mode_block;
        st_.code = code_at(p);
        st_.lines = 1;
        st_.flags = 0;
        bs_ = p;
        // The block's loop, inlined here: in a session blocks come and go
        // every few lines. A return to the walk between the two runs cost
        // a third of the servers mix, and a call to block_run() 5-9% of
        // the servers, session and multiline mixes (AVX2, Zen 4).
        c = cursor{static_cast<size_t>(next - b), static_cast<size_t>(bw - b), lfs & (lfs - 1),
                   stop};
        event* ob = o;
        r = opt_.any_code_terminates ? block_run<true>(c, &ob, end)
                                     : block_loop<false>(c, &ob, end, &a);
        o = ob;
        if (r != run_stop::mode) {
          *po = o;
          return r;
        }
        q = b + c.p;  // the block emitted: on after it
        bw = b + c.w;
        lfs = c.lfs;
        stop = room(c.stop);
        if (opt_.any_code_terminates) start_ahead(c.w, a);
      }
      if (!next_window(bw, lfs, stop, a)) break;
      stop = room(stop);
    }
    r = run_stop::end;
  done:
    c = cursor{static_cast<size_t>(q - b), static_cast<size_t>(bw - b), lfs, stop};
    *po = o;
    return r;
  }

  // Inside the block at bs_: counts its text lines and emits it at its
  // terminator "ddd text\r\n" (its code, then a space), all within the
  // limits, ended by CR LF, with no NUL or high byte. A line that could
  // end it otherwise (a bare code; with AnyCode, any code) goes to the
  // rules. `end`: where the output stops for it. Out of line for the walk
  // (a call that resumes inside a block), inlined in expect_run().
  //
  // Long: a block of long lines (hostile input's endless reply), in a loop
  // of its own that passes over the windows inside a line with their LF
  // and NUL or high bytes alone. The other block loops bound a line at
  // long_line bytes (line_bound_), as they bound it at max_line: a longer
  // one goes to the rules, and its block on in this loop. Nothing is tested a
  // window for it: a test for windows without LF in every block loop cost
  // multiline 3-5% of its time, and the runs' loops move by a percent or
  // more with any change to their code (Zen 4).
  template <bool AnyCode, bool Long = false>
  FTPREPLY_NOINLINE run_stop block_run(cursor& cur, event** po, event* end) noexcept {
    return block_loop<AnyCode, Long>(cur, po, end, nullptr);
  }
  // Three windows. The bound holds from the line start at the window's
  // entry, so it also sends to the rules the lines after a long one in
  // the same window: at 192, after a line over 128 bytes; at 128, after
  // any line that covers a window (multiline 7% slower).
  static constexpr uint32_t long_line = 192;
  // `a`: the window made ahead (expect_run()'s), or none.
  template <bool AnyCode, bool Long = false>
  FTPREPLY_ALWAYS_INLINE run_stop block_loop(cursor& cur, event** po, event* end,
                                             ahead* a) noexcept {
    const unsigned char* const b = b_;
    size_t p = cur.p, w = cur.w;
    uint64_t lfs = cur.lfs;
    unsigned stop = cur.stop;
    const size_t bs = bs_;
    const uint32_t term = (load_le<uint32_t>(b + bs) & 0xFFFFFFu) | uint32_t{' '} << 24;
    // The lines the block may still take before max_lines (counted down:
    // one register fewer in the loop).
    const uint32_t max_lines = opt_.max_lines,
                   max_line = Long || AnyCode ? opt_.max_line : line_bound_;
    uint32_t left = st_.lines < max_lines ? max_lines - st_.lines : 0;
    // A line that ends past `bound` goes to the rules: one test for the
    // reply limit, the line limit (from the line start at the window's
    // entry: the lines after it are shorter), and 4 bytes to read from
    // the line start (a line under 4 bytes reads the next one's first:
    // its LF is not a digit, so the head is text, as it should be).
    const size_t reply_end = opt_.max_reply < len_ - bs ? bs + opt_.max_reply : len_;
    const size_t bound_reply = std::min<size_t>(len_ > 3 ? len_ - 3 : 0, reply_end);
    size_t bound = std::min<size_t>(bound_reply, p + max_line);
    run_stop r = run_stop::rules;
    for (;;) {
      for (; lfs; lfs &= lfs - 1) {
        const unsigned bit = trailing_zeros(lfs);
        const size_t next = w + bit + 1;
        if (bit >= stop || next > bound || left == 0) goto done;
        const uint32_t head = load_le<uint32_t>(b + p);
        // Text: neither the code followed by a space or a line end, nor
        // any code under AnyCode. (The code first: a test of '-' first
        // mispredicts on listings, "-rw-r--r--".)
        const bool text = ((head ^ term) & 0xFFFFFFu) != 0 ? !(AnyCode && three_digits(head))
                                                            : head >> 24 == '-';
        if (text) {
          --left;
          p = next;
          continue;
        }
        if (head != term || *po == end) goto done;
        event* const o = *po;
        event_access::reply(*o, st_.base + bs, b + bs, static_cast<uint32_t>(next - bs),
                            term & 0xFFFFFFu, st_.flags);
        *po = o + 1;
        st_.mode = mode_expect;
        p = next;
        lfs &= lfs - 1;
        r = run_stop::mode;
        goto done;
      }
      if constexpr (Long) {
        // One window a turn: in a loop of its own for the windows without
        // LF, GCC gave it other registers, and moved a dozen at each line.
        if (!next_window_sparse(w, lfs, stop)) break;
        if (!lfs) continue;
      } else if (!(a ? next_window(w, lfs, stop, *a) : next_window(w, lfs, stop))) {
        break;
      }
      bound = std::min<size_t>(bound_reply, p + max_line);
    }
    r = run_stop::end;
  done:
    st_.lines = max_lines - left;
    cur = cursor{p, w, lfs, stop};
    return r;
  }

  // From the line start p: each mode's run, and the rules (start_line(),
  // block_line(), the line limit) for each line a run stops at, which they
  // take whole. Windows before `resume` hold no LF of the line at p, and
  // `open_special` says whether its bytes there hold a NUL or high byte.
  scan_result walk(size_t p, size_t resume, bool open_special) noexcept {
    cursor c{p, p & ~size_t{63}, 0, open_special ? 0u : 64u};
    if (resume > c.w) c.w = resume;
    const size_t w0 = c.w < len_ ? c.w : len_;  // windows are classified from here on
    if (c.w < len_) {  // the first window: p may be inside it
      const uint64_t from = bits_from(p, c.w);
      const block_masks m = window_masks(b_, len_, c.w);
      c.lfs = m.lf & from;
      c.stop = window_stop(m, cr_before(c.w), from, open_special);
    }
    event* o = out_ + n_;
    // The block's last line for the rules was a long one: the block goes
    // on in block_run<., true>.
    bool long_lines = st_.long_lines;
    block_masks m{0, 0, 0};  // the masks of window mw, for the rules
    size_t mw = ~size_t{0};
    auto finish = [&] {  // the bytes classified: to the end of c's window
      st_.examined += (c.w + 64 < len_ ? c.w + 64 : len_) - w0;
      n_ = static_cast<size_t>(o - out_);
      st_.long_lines = long_lines;
    };
    for (;;) {
      if (!c.lfs) {  // a line open over windows (a long one fed in pieces)
        if (!next_window_sparse(c.w, c.lfs, c.stop)) break;
        continue;
      }
      run_stop r = run_stop::rules;
      if (st_.mode == mode_block) {
        event* const end = st_.pending_blank ? o : out_ + cap_;
        r = opt_.any_code_terminates ? block_run<true>(c, &o, end)
            : long_lines             ? block_run<false, true>(c, &o, end)
                                     : block_run<false>(c, &o, end);
      } else if (!st_.pending_blank) {
        r = opt_.strict ? expect_run<true>(c, &o) : expect_run<false>(c, &o);
        long_lines = false;  // a block it opened is new
      }
      if (r == run_stop::end) break;
      if (r == run_stop::mode) {
        long_lines = false;
        continue;
      }
      n_ = static_cast<size_t>(o - out_);
      if (n_ == cap_) {
        finish();
        return st_.mode == mode_block ? stop_block(c.p, true) : stop(c.p, true);
      }
      // The rules, for the line whose LF is c.lfs's lowest bit; the
      // window's masks are made again (the runs keep only the stop), once
      // for all the lines of a window that the rules take.
      if (c.w != mw) {
        m = window_masks(b_, len_, c.w);
        mw = c.w;
      }
      const uint64_t from = bits_from(c.p, c.w);
      const unsigned bit = trailing_zeros(c.lfs);
      const size_t e = c.w + bit;
      const uint64_t upto = c.lfs ^ (c.lfs - 1);  // the window's bits up to e
      // A line open into the window: a stop still at 0 may be its carry.
      const bool special =
          (m.special & from & upto) != 0 || (c.p < c.w && c.stop == 0);
      const bool in_block = st_.mode == mode_block;
      long_lines = in_block && e - c.p >= long_line;
      if (in_block)
        c.p = block_line(c.p, e, special);
      else if (e + 1 - c.p > opt_.max_line)
        c.p = emit_error(error::line_too_long, c.p, c.p, e + 1);
      else
        c.p = start_line(c.p, e, special);
      o = out_ + n_;
      c.lfs &= c.lfs - 1;
      c.stop = window_stop(m, cr_before(c.w), ~upto, 0);
    }
    finish();
    return end_of_input(c.p, c.stop != 64);
  }

  // The input ended inside the line starting at p: inline, the end of
  // every call of a chunked scan (more to come, within the limits); the
  // rest in open_line().
  FTPREPLY_ALWAYS_INLINE scan_result end_of_input(size_t p, bool special) noexcept {
    const size_t partial = len_ - p;
    if (!at_end_ && partial <= opt_.max_line &&
        (st_.mode == mode_expect ||
         (st_.mode == mode_block && (p - bs_) + partial <= opt_.max_reply)))
      return need_more(p, special);
    return open_line(p, special);
  }

  // More bytes may finish the line at p, in a block or between replies:
  // the next call resumes past what was examined, with the line's NUL or
  // high byte.
  FTPREPLY_ALWAYS_INLINE scan_result need_more(size_t p, bool special) noexcept {
    if (st_.mode == mode_block) {
      st_.walked = static_cast<uint32_t>(len_ - bs_);
      st_.line_special = special;
      return stop_block(p, false);
    }
    st_.walked = static_cast<uint32_t>(len_ - p);
    st_.line_special = special && p != len_;
    return stop(p, false);
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special) noexcept {
    for (;;) {
      const size_t partial = len_ - p;
      if (st_.mode == mode_block) {
        if (partial > opt_.max_line || (p - bs_) + partial > opt_.max_reply) {
          enter_skip(bs_, p, p - bs_);
        } else if (at_end_) {
          if (n_ == cap_) return stop_block(p, true);
          // The block is abandoned; the rest is read as a new reply.
          emit_error(error::unterminated, bs_, bs_, p);
          continue;
        } else {
          return need_more(p, special);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {
          return need_more(p, special);
        }
      }
      // mode_skip: everything is consumed; at the end, report it.
      if (!at_end_) return stop(len_, false);
      if (n_ == cap_) return stop(len_, true);
      emit_skipped(len_);
      return stop(len_, false);
    }
  }

  // --- output --------------------------------------------------------------

  FTPREPLY_NOINLINE size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event_access::failure(out_[n_++], e, st_.base + offset, st_.base + start,
                          end - start);
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint32_t digits, uint16_t f) noexcept {
    event_access::reply(out_[n_++], st_.base + start, b_ + start,
                        static_cast<uint32_t>(end - start), digits,
                        static_cast<uint16_t>(f | (st_.pending_blank ? flags::blank_line : 0)));
    st_.pending_blank = false;
    st_.mode = mode_expect;
  }

  scan_result stop(size_t consumed, bool full) noexcept {
    st_.base += consumed;
    return scan_result{n_, consumed, full};
  }

  scan_result stop_block(size_t pos, bool full) noexcept {
    st_.checked = pos - bs_;
    return stop(bs_, full);
  }

  scan_state& st_;
  const options& opt_;
  const unsigned char* const b_;
  const size_t len_;
  const bool at_end_;
  event* const out_;
  const size_t cap_;
  size_t n_ = 0;
  size_t bs_ = 0;                 // block start
  // The line limit of the block loops but block_run<., true>'s. A member,
  // read where max_line was read: worked out at the loop's entry, it moved
  // the expect run's registers (AVX2 multiline 7% slower, Zen 4).
  const uint32_t line_bound_;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}

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
// ---- scanner.cpp ----
// SPDX-License-Identifier: Apache-2.0

#include <cstring>


namespace ftpreply {

options options::normalized() const noexcept {
  options o = *this;
  if (o.max_line < 8) o.max_line = 8;
  if (o.max_reply < o.max_line) o.max_reply = o.max_line;
  if (o.max_reply > UINT32_MAX) o.max_reply = UINT32_MAX;
  if (o.max_lines < 1) o.max_lines = 1;
  return o;
}

const char* flag_name(uint16_t f) noexcept {
  switch (f) {
    case flags::after_gap: return "after_gap";
    case flags::bare_code: return "bare_code";
    case flags::bare_lf: return "bare_lf";
    case flags::blank_line: return "blank_line";
    case flags::mismatched_terminator: return "mismatched_terminator";
    case flags::non_ascii: return "non_ascii";
    case flags::nul: return "nul";
    case flags::telnet: return "telnet";
  }
  return nullptr;
}

uint32_t event::line_count() const noexcept {
  const std::string_view b = bytes();
  uint32_t n = 0;
  for (size_t i = b.find('\n'); i != std::string_view::npos; i = b.find('\n', i + 1)) ++n;
  return n;
}

scanner::scanner(const options& opt, kernel k) noexcept
    : opt_(opt.normalized()) {
  if (k == kernel::automatic) k = best_kernel();
  fn_ = detail::scan_function(k);
  if (fn_ == nullptr) {
    k = kernel::scalar;
    fn_ = detail::scan_function(k);
  }
  kernel_ = k;
}

namespace {

enum class head { yes, no, more };

// Rule 11: can a reply start at the line at p, n bytes before the end of
// the input? Three digits, then a space, '-' or the line end (LF or CR LF).
// Before the end of the stream a head cut short is not known yet.
head reply_head(const unsigned char* p, size_t n, bool at_end) noexcept {
  const head cut = at_end ? head::no : head::more;
  for (size_t i = 0; i < 3; ++i) {
    if (i == n) return cut;
    if (static_cast<unsigned char>(p[i] - '0') >= 10) return head::no;
  }
  if (n == 3) return cut;
  if (p[3] == ' ' || p[3] == '-' || p[3] == '\n') return head::yes;
  if (p[3] != '\r') return head::no;
  if (n == 4) return cut;
  return p[4] == '\n' ? head::yes : head::no;
}

}  // namespace

// After a gap: drops the line the gap cut, then every line that cannot
// start a reply, consuming them as they come; emits the gap's error when a
// line can start one (or the stream ends) and hands the rest back to the
// kernel. Rare, so plain memchr; the kernels never see mode_resync.
size_t scanner::resync(const unsigned char* b, size_t size, bool at_end, event* out,
                       size_t capacity, bool* full) noexcept {
  size_t i = 0;
  for (;;) {
    if (state_.gap_line_open) {
      const void* lf = std::memchr(b + i, '\n', size - i);
      if (lf == nullptr) {
        i = size;
        if (!at_end) break;
      } else {
        i = static_cast<size_t>(static_cast<const unsigned char*>(lf) - b) + 1;
        state_.gap_line_open = false;
      }
    }
    const head h = i < size ? reply_head(b + i, size - i, at_end) : at_end ? head::no : head::more;
    if (h == head::more) break;
    if (h == head::no && i < size) {
      state_.gap_line_open = true;
      continue;
    }
    // A line that can start a reply, or the end of the stream: the span ends.
    if (capacity == 0) {
      *full = true;
      break;
    }
    detail::event_access::failure(out[0], error::gap, state_.line_start, state_.err_start,
                                  state_.base + i - state_.err_start);
    state_.mode = detail::mode_expect;
    state_.gap_line_open = false;
    state_.after_gap = h == head::yes;
    break;
  }
  state_.base += i;
  state_.examined += i;
  return i;
}

scan_result scanner::run(const char* data, size_t size, bool at_end, event* out,
                         size_t capacity) noexcept {
  // Without a gap behind it, a call is the kernel's alone: a chunked scan
  // makes one per segment, so this path saves no registers for the other.
  if (state_.mode != detail::mode_resync && !state_.after_gap)
    return fn_(state_, opt_, reinterpret_cast<const unsigned char*>(data), size, at_end, out,
               capacity);
  return run_after_gap(data, size, at_end, out, capacity);
}

FTPREPLY_NOINLINE scan_result scanner::run_after_gap(const char* data, size_t size,
                                                     bool at_end, event* out,
                                                     size_t capacity) noexcept {
  const unsigned char* b = reinterpret_cast<const unsigned char*>(data);
  size_t used = 0, n = 0;
  if (state_.mode == detail::mode_resync) {
    bool full = false;
    used = resync(b, size, at_end, out, capacity, &full);
    if (state_.mode == detail::mode_resync) return scan_result{0, used, full};
    n = 1;
  }
  scan_result r = fn_(state_, opt_, b + used, size - used, at_end, out + n, capacity - n);
  if (state_.after_gap) {
    for (size_t i = n; i < n + r.events; ++i) {
      if (!out[i].is_reply()) continue;
      detail::event_access::add_flags(out[i], flags::after_gap);
      state_.after_gap = false;
      break;
    }
  }
  r.events += n;
  r.consumed += used;
  return r;
}

scan_result scanner::scan(const char* data, size_t size, event* out,
                          size_t capacity) noexcept {
  return run(data, size, false, out, capacity);
}

scan_result scanner::finish(const char* data, size_t size, event* out,
                            size_t capacity) noexcept {
  scan_result r = run(data, size, true, out, capacity);
  if (!r.output_full) {
    const uint64_t base = state_.base, examined = state_.examined;
    state_ = detail::scan_state();
    state_.base = base;
    state_.examined = examined;
  }
  return r;
}

scan_result scanner::gap(const char* data, size_t size, uint64_t lost, event* out,
                         size_t capacity) noexcept {
  scan_result r = run(data, size, false, out, capacity);
  if (lost == 0 || r.output_full) return r;
  // The unconsumed rest is what was open at the gap: a line, a reply from
  // its start, or the head of a line a resync was waiting on.
  const uint64_t at = state_.base + (size - r.consumed);
  if (state_.mode == detail::mode_resync) {  // the span goes on
    state_.base = at + lost;
    state_.gap_line_open = true;
    r.consumed = size;
    return r;
  }
  if (state_.mode == detail::mode_skip) {
    // The line being skipped ends at the gap: its error first.
    if (r.events == capacity) {
      r.output_full = true;
      return r;
    }
    detail::event_access::failure(
        out[r.events++],
        detail::limit_error(opt_, at - state_.line_start, state_.block_bytes),
        state_.line_start, state_.err_start, at - state_.err_start);
  }
  const uint64_t start = state_.mode == detail::mode_skip ? at : state_.base;
  detail::scan_state s;
  s.base = at + lost;
  s.examined = state_.examined;
  s.mode = detail::mode_resync;
  s.err_start = start;
  s.line_start = at;
  s.gap_line_open = true;
  state_ = s;
  r.consumed = size;
  return r;
}

}  // namespace ftpreply
// ---- sse2.cpp ----
// SPDX-License-Identifier: Apache-2.0
// The SSE2 kernel: masks 16 bytes at a time.

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

// ---- generic/walker.h (for this kernel) ----
// SPDX-License-Identifier: Apache-2.0
// The RFC 959 reply framing, written once, over the bitmasks a kernel makes.
//
// Included once per kernel, inside `namespace ftpreply::detail::<isa>` and
// that kernel's target region, after the kernel has defined
//   block_masks classify_block(const unsigned char* p);        // 64 bytes
//   block_masks classify_tail(const unsigned char* p, size_t n); // n < 64
//   constexpr bool tail_from_end; // the input's last window may be
//                                 // classified from the 64 bytes that end
//                                 // the input (classify_block()'s masks
//                                 // exact at every byte), shifted down
//   constexpr bool classify_ahead; // the runs classify the next window
//                                  // before they take this one's lines
//   bool clean_window(const unsigned char* p, uint64_t& lf);
//       // optional: true, with the LF mask of the 64 bytes at p, when
//       // none of them stops a run: every LF after a CR (p[-1] is read),
//       // no NUL or high byte (without it, internal.h's passes none)
//   bool quiet_window(const unsigned char* p);
//       // optional: true when the 64 bytes at p hold no LF and no NUL or
//       // high byte (the same)
// (no include guard on purpose: every kernel gets its own copy, compiled for
// its instruction set).
//
// The walker cuts the input into 64-byte windows counted from the start of
// the input, asks the kernel for each window's masks once, and takes the
// lines in order, each LF found by a bit scan, as the bare tokenizer does.
// The rules live in three places: start_line() (a line where a reply
// should start), block_line() (a line inside a multi-line reply) and
// limit_error() (which limit a line broke). Two runs, one per mode, only
// accelerate: expect_run() emits plain single-line replies ("ddd
// text\r\n") and opens blocks, block_run() counts a block's text lines and
// emits it at its terminator, each line for one head load and a few
// predictable branches (a block of lines over 192 bytes in a loop of its
// own, which passes over the windows inside a line). A run stops at any
// line it does not recognise, which then goes to the rules whole.
//
// Why one stage: in two (stage one indexing 4 KiB of line ends, with VBMI2
// vpcompressw and the bare LF, NUL and high bytes ORed; stage two the runs
// over the index, any other segment in one stage), AVX-512BW on Zen 4 took
// 0.84-0.97 of this walker's time on short and 0.94-0.98 on multiline, but
// 1.07-1.13 on session, up to 1.04 on servers and up to 1.22 fed 1,460
// bytes a call (tools/ab_kernel.sh, December 2026); with tzcnt slots, 1.25
// to 1.78. The bench's two-stage tokenizers show what stage two may gain.
// The two mixes it lost are the ones that repeat (session cycles through 24
// replies, servers through 15 KB of transcripts), a rhythm that lets the
// predictor foresee where a window's lines end; on altgen's session, which
// has none, it took 0.76 of the time, and every one-stage loop (the bare
// tokenizer's too) runs at 0.6 of the two-stage ones.

class walker {
 public:
  walker(scan_state& st, const options& opt, const unsigned char* buf,
         size_t len, bool at_end, event* out, size_t cap) noexcept
      : st_(st), opt_(opt), b_(buf), len_(len), at_end_(at_end), out_(out),
        cap_(cap), line_bound_(std::min(opt.max_line, long_line)) {}

  scan_result run() noexcept {
    size_t p = 0;
    if (st_.mode == mode_block) p = static_cast<size_t>(st_.checked);
    // A line open at the end of the last call (at 0, or at p in its block)
    // was examined that far, from the start of this input, and has no LF
    // there: resume at the window holding its end, so a long line arriving
    // in pieces is walked once. Whether it held a NUL or high byte comes
    // along.
    const size_t resume = (st_.walked < len_ ? st_.walked : len_) & ~size_t{63};
    const bool open_special = st_.line_special;
    st_.walked = 0;
    st_.line_special = false;
    if (st_.mode == mode_skip) return skip_then_walk(resume);
    return walk(p, resume, open_special);
  }

 private:
  // --- windows -------------------------------------------------------------

  // The input's last, partial window, from w, out of line: inlined, it
  // would crowd the registers of the loops that call it. With
  // tail_from_end, the 64 bytes that end the input are classified, when
  // there are 64, and the masks shifted down to the window: no copy to
  // make, nor to wait for when a wide load reads it back (a chunked scan
  // meets such a window at the end of every call).
  static FTPREPLY_NOINLINE block_masks tail_masks(const unsigned char* b, size_t len,
                                                  size_t w) noexcept {
    const size_t n = len - w;
    if (tail_from_end && len >= 64)
      return masks_shifted_down(classify_block(b + len - 64), static_cast<unsigned>(64 - n));
    return classify_tail(b + w, n);
  }

  // The masks of window w, the input's last, partial one included.
  static block_masks window_masks(const unsigned char* b, size_t len, size_t w) noexcept {
    return len - w >= 64 ? classify_block(b + w) : tail_masks(b, len, w);
  }

  // The first LF at or after p, or len_ when there is none.
  size_t find_lf(size_t p) noexcept {
    for (size_t w = p & ~size_t{63}; w < len_; w += 64) {
      const size_t n = len_ - w;
      st_.examined += n >= 64 ? 64 : n;
      const block_masks m = window_masks(b_, len_, w);
      if (const uint64_t lf = m.lf & bits_from(p, w)) return w + trailing_zeros(lf);
    }
    return len_;
  }

  // Consumes to the end of the line that broke a limit, then walks on (out
  // of line: run() stays light for the call that resumes a reply).
  FTPREPLY_NOINLINE scan_result skip_then_walk(size_t resume) noexcept {
    if (n_ == cap_) return stop(0, true);
    const size_t e = find_lf(0);
    if (e == len_ && !at_end_) return stop(len_, false);
    const size_t p = e == len_ ? len_ : e + 1;
    emit_skipped(p);
    return walk(p, resume, false);
  }

  // --- the rules -----------------------------------------------------------

  static bool is_digit(unsigned char c) noexcept {
    return static_cast<unsigned char>(c - '0') < 10;
  }
  uint16_t code_at(size_t p) const noexcept {
    return static_cast<uint16_t>((b_[p] - '0') * 100 + (b_[p + 1] - '0') * 10 +
                                 (b_[p + 2] - '0'));
  }
  // The three bytes at p as an event stores a code: the first lowest.
  uint32_t digits_at(size_t p) const noexcept {
    return uint32_t{b_[p]} | uint32_t{b_[p + 1]} << 8 | uint32_t{b_[p + 2]} << 16;
  }

  // A complete line [p, e] (e is its LF) where a reply should start, within
  // the line limit. Returns where the next line starts.
  FTPREPLY_NOINLINE size_t start_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    const bool crlf = e > p && b_[e - 1] == '\r';
    const size_t n = (crlf ? e - 1 : e) - p;  // bytes before the line end
    uint16_t f = 0;
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, p, next);
      f |= flags::bare_lf;
    }
    if (n == 0) {
      if (opt_.strict) return emit_error(error::empty_line, p, p, next);
      st_.pending_blank = true;  // skipped; flags the next reply
      return next;
    }
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return emit_error(error::bad_code, p, p, next);
    const bool bare = n == 3;
    if (bare) {
      if (opt_.strict) return emit_error(error::bare_code, p, p, next);
      f |= flags::bare_code;
    } else if (b_[p + 3] != ' ' && b_[p + 3] != '-') {
      return emit_error(error::bad_separator, p, p, next);
    }
    if (opt_.strict && (b_[p] < '1' || b_[p] > '6'))
      return emit_error(error::bad_class, p, p, next);
    if (special) f |= special_flags(b_ + p, next - p);
    const uint16_t code = code_at(p);
    if (bare || b_[p + 3] == ' ') {
      emit_reply(p, next, digits_at(p), f);
      return next;
    }
    st_.mode = mode_block;
    st_.code = code;
    st_.lines = 1;
    st_.flags = f;
    bs_ = p;
    return next;
  }

  // A complete line [p, e] inside the block that starts at bs_.
  FTPREPLY_NOINLINE size_t block_line(size_t p, size_t e, bool special) noexcept {
    const size_t next = e + 1;
    if (next - p > opt_.max_line || next - bs_ > opt_.max_reply ||
        st_.lines >= opt_.max_lines)
      return emit_error(limit_error(next - p, p - bs_), p, bs_, next);
    // A block line has a predecessor, so b_[e - 1] exists; for an empty
    // line it is the previous LF.
    const bool crlf = e > p && b_[e - 1] == '\r';
    if (!crlf) {
      if (opt_.strict) return emit_error(error::bare_lf, p, bs_, next);
      st_.flags |= flags::bare_lf;
    }
    if (special) st_.flags |= special_flags(b_ + p, next - p);
    ++st_.lines;
    const size_t n = (crlf ? e - 1 : e) - p;
    if (n < 3 || !is_digit(b_[p]) || !is_digit(b_[p + 1]) ||
        !is_digit(b_[p + 2]))
      return next;
    const uint16_t code = code_at(p);
    uint16_t extra = 0;
    if (n >= 4 && b_[p + 3] == ' ') {
      if (code != st_.code) {
        if (!opt_.any_code_terminates) return next;
        extra = flags::mismatched_terminator;
      }
    } else if (n == 3 && !opt_.strict && code == st_.code) {
      extra = flags::bare_code;
    } else {
      return next;
    }
    emit_reply(bs_, next, digits_at(p), static_cast<uint16_t>(st_.flags | extra));
    return next;
  }

  error limit_error(uint64_t line_len, uint64_t block_bytes) const noexcept {
    return detail::limit_error(opt_, line_len, block_bytes);
  }

  // A line that will break a limit whatever follows: consume it as it
  // arrives, report it at its end.
  void enter_skip(size_t span_start, size_t line, size_t block_bytes) noexcept {
    st_.mode = mode_skip;
    st_.err_start = st_.base + span_start;
    st_.line_start = st_.base + line;
    st_.block_bytes = block_bytes;
  }

  void emit_skipped(size_t end) noexcept {
    uint64_t abs_end = st_.base + end;
    error e = limit_error(abs_end - st_.line_start, st_.block_bytes);
    event_access::failure(out_[n_++], e, st_.line_start, st_.err_start,
                          abs_end - st_.err_start);
    st_.mode = mode_expect;
  }

  // --- the walk ------------------------------------------------------------

  // The window's bits at or after p (all of them when p is before it).
  static uint64_t bits_from(size_t p, size_t w) noexcept {
    return p > w ? ~low_bits(static_cast<unsigned>(p - w)) : ~uint64_t{0};
  }

  // Where the walk stands: the line start p; the window w and its LFs not
  // yet taken; `stop`, the window's first bare LF (no CR before) or NUL or
  // high byte at or after p: a line whose LF is at or past it is for the
  // rules. When the bytes of the line open into the window hold a NUL or
  // high byte, the stop is 0 (the carry, at bit 0). Only these cross a
  // window: the runs keep them in registers.
  struct cursor {
    size_t p, w;
    uint64_t lfs;
    unsigned stop;
  };

  // The stop of a window (masks m, cr_in 1 when a CR comes before it) from
  // the bits `from` on, given its carry.
  static FTPREPLY_ALWAYS_INLINE unsigned window_stop(const block_masks& m, uint64_t cr_in,
                                                     uint64_t from, uint64_t carry) noexcept {
    // (GCC branches on 0 here. TZCNT's 64 instead, without the branch, was
    // 5% slower on multiline with AVX-512BW, Zen 4: the lines' tests then
    // wait for the masks.)
    return trailing_zeros_or_64((stop_bits(m, cr_in) & from) | carry);
  }
  // A window's bare LFs (no CR before) and NUL or high bytes.
  static FTPREPLY_ALWAYS_INLINE uint64_t stop_bits(const block_masks& m, uint64_t cr_in) noexcept {
    return (m.lf & ~(m.cr << 1 | cr_in)) | m.special;
  }

  uint64_t cr_before(size_t w) const noexcept { return w > 0 && b_[w - 1] == '\r'; }

  // The stop of a window with no stop of its own, given the last one's.
  static unsigned carried(unsigned stop) noexcept { return stop != 64 ? 0 : 64; }

  // The window at p (64 bytes, p[-1] readable) when clean_window() passes
  // it: its LFs, and no stop but the carry.
  static FTPREPLY_ALWAYS_INLINE bool next_clean(const unsigned char* p, uint64_t& lfs,
                                                unsigned& stop) noexcept {
    if (!clean_window(p, lfs)) return false;
    stop = carried(stop);
    return true;
  }

  // Moves to window w + 64 with the line open from the last: its LFs and
  // its stop, with the carry (the last window's stop was left untaken only
  // by a NUL or high byte of that line). False at the end of the input.
  // A window clean_window() passes has no stop but the carry: its CR and
  // NUL or high bytes are not made into masks, and no stop is worked out
  // (tools/ab_kernel.sh, time against the masks of every window, Zen 3:
  // SSE2 0.76 multiline, 0.85 session, 0.93 servers, 0.95 hostile, 0.97
  // short, 0.72-0.93 altgen's streams; AVX2 0.91 multiline, 0.92
  // alt-multiline, 0.97-1.03 on the rest; fed 1,460 bytes a call, SSE2
  // 0.81-1.00, AVX2 0.83-0.99).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          bool try_clean = true) const noexcept {
    w += 64;
    if (w >= len_) return false;
    if (try_clean && len_ - w >= 64 && next_clean(b_ + w, lfs, stop)) return true;
    const block_masks m = window_masks(b_, len_, w);
    lfs = m.lf;
    stop = window_stop(m, b_[w - 1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }
  // The same with the window as a pointer, bw then left on the last window
  // at the end of the input. The expect run holds its window so: a line's
  // end is found without the input's start in a register (short 12%
  // faster with AVX-512BW, Zen 4). (The block loop keeps offsets: written
  // with this one, it was 6% slower on multiline with AVX2.)
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop) const noexcept {
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    if (left - 64 >= 64 && next_clean(bw, lfs, stop)) return true;
    // (window_masks() would work out the bytes left again: 1.5% more
    // instructions on session.)
    const block_masks m = left - 64 >= 64 ? classify_block(bw)
                                          : tail_masks(b_, len_, static_cast<size_t>(bw - b_));
    lfs = m.lf;
    stop = window_stop(m, bw[-1] == '\r', ~uint64_t{0}, stop != 64);
    return true;
  }

  // next_window() for a loop that passes over the windows inside a line: a
  // window without LF (lfs 0) makes only its LF and NUL or high bytes, a NUL
  // or high byte setting the carry (stop 0). Its masks never come from
  // tail_masks() (the input's last window goes through next_window()): the
  // loop's masks then stay in registers, and GCC makes the CR mask only for
  // a window with an LF (callgrind, AVX2 hostile: 1.11 instructions a byte
  // with a loop of its own for the windows without LF, 0.94 so). A window
  // quiet_window() passes makes no mask at all (tools/ab_kernel.sh, time,
  // Zen 3: hostile AVX2 0.96, SSE2 0.83; fed 1,460 bytes a call, 0.97 and
  // 0.90; level on the other mixes).
  FTPREPLY_ALWAYS_INLINE bool next_window_sparse(size_t& w, uint64_t& lfs,
                                                 unsigned& stop) const noexcept {
    // (A clean test at the input's last windows cost AVX2 1.02-1.07 of the
    // time on hostile input fed 1,460 bytes a call.)
    if (len_ - w < 128) return next_window(w, lfs, stop, false);
    w += 64;
    if (quiet_window(b_ + w)) {
      lfs = 0;
      return true;
    }
    const block_masks m = classify_block(b_ + w);
    lfs = m.lf;
    if (!lfs) {
      if (m.special) stop = 0;
      return true;
    }
    stop = window_stop(m, cr_before(w), ~uint64_t{0}, stop != 64);
    return true;
  }

  // A window made a window early (a kernel's classify_ahead): the expect
  // run and the block loop inlined in it classify window w + 64 before
  // they take the lines of w. How many lines a window holds varies, so the
  // end of w's lines is mispredicted; the masks the run goes on with are
  // then ready, not loaded and compared after the flush. block_run() (a
  // block resumed, or any_code_terminates) makes none: with it, AVX2's
  // hostile took 1.08 of the time. The kernels' files give the figures.
  // `pre`: its stop_bits(), its stop but for the carry.
  struct ahead {
    uint64_t lf = 0, pre = 0;
  };
  // Window nw (0 < nw < len_), `left` bytes from it to the end.
  FTPREPLY_ALWAYS_INLINE void look_ahead(const unsigned char* nw, size_t left,
                                         ahead& a) const noexcept {
    const block_masks m = left >= 64 ? classify_block(nw)
                                     : tail_masks(b_, len_, static_cast<size_t>(nw - b_));
    a.lf = m.lf;
    a.pre = stop_bits(m, nw[-1] == '\r');
  }
  // The window after w, when there is one.
  void start_ahead(size_t w, ahead& a) const noexcept {
    if (classify_ahead && len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
  }
  // next_window() with the window made ahead, the one after it made (the
  // plain one without classify_ahead).
  FTPREPLY_ALWAYS_INLINE bool next_window(size_t& w, uint64_t& lfs, unsigned& stop,
                                          ahead& a) const noexcept {
    if (!classify_ahead) return next_window(w, lfs, stop);
    w += 64;
    if (w >= len_) return false;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (len_ - w > 64) look_ahead(b_ + w + 64, len_ - w - 64, a);
    return true;
  }
  // The same with the window as a pointer.
  FTPREPLY_ALWAYS_INLINE bool next_window(const unsigned char*& bw, uint64_t& lfs,
                                          unsigned& stop, ahead& a) const noexcept {
    if (!classify_ahead) return next_window(bw, lfs, stop);
    const size_t left = static_cast<size_t>(b_ + len_ - bw);  // > 0
    if (left <= 64) return false;
    bw += 64;
    lfs = a.lf;
    stop = trailing_zeros_or_64(a.pre | uint64_t{stop != 64});
    if (left > 128) look_ahead(bw + 64, left - 128, a);
    return true;
  }

  // How a run stopped: at the end of the input, at a line for the rules
  // (c.lfs's lowest bit is its LF), or with its mode over (block_run(): the
  // block emitted).
  enum class run_stop { end, rules, mode };

  // Expecting replies, no blank line pending: emits the plain single-line
  // replies "ddd text\r\n" (within max_line, no NUL or high byte, a class
  // strict mode allows), and at a plain "ddd-text\r\n" opens a block and
  // runs block_loop() for it, inlined. Out of line, one per mode, with what
  // it reads in locals: the loops keep their registers.
  template <bool Strict>
  FTPREPLY_NOINLINE run_stop expect_run(cursor& c, event** po) noexcept {
    const unsigned char* const b = b_;
    const unsigned char* q = b + c.p;  // the line start
    const unsigned char* bw = b + c.w;  // the window
    uint64_t lfs = c.lfs;
    event* o = *po;
    event* const end = out_ + cap_;
    // An event's offset is its first byte's address plus this.
    const uint64_t to_offset = st_.base - reinterpret_cast<uintptr_t>(b);
    const uint64_t over = opt_.max_line - 6;
    // "ddd " in one test (three_digits() and the space): the first digit
    // '1'-'6' in strict mode.
    constexpr uint32_t sub = Strict ? 0x20303031u : 0x20303030u;
    constexpr uint32_t add = Strict ? 0x0076767Au : 0x00767676u;
    // The window's first line for the rules: the stop, or the first the
    // output has no room for, tested once a window. The run takes at most
    // 11 lines in a window (6 bytes or more each, the first maybe begun
    // before it), one event each: with room for 11, none is counted.
    auto room = [&](unsigned s) FTPREPLY_LAMBDA_INLINE {
      const size_t left = static_cast<size_t>(end - o);
      if (left < 11) {
        uint64_t l = lfs;
        for (size_t k = 0; k < left && l; ++k) l &= l - 1;
        if (l) s = std::min(s, trailing_zeros(l));
      }
      return s;
    };
    unsigned stop = room(c.stop);
    run_stop r = run_stop::rules;
    ahead a;
    start_ahead(c.w, a);
    for (;;) {
      while (lfs) {
        const unsigned bit = trailing_zeros(lfs);
        const unsigned char* const next = bw + bit + 1;
        const size_t line_len = static_cast<size_t>(next - q);
        // At least "ddd " and CR LF, at most max_line: the head is inside.
        if (line_len - 6 > over) goto done;
        if (bit >= stop) goto done;
        const uint32_t head = load_le<uint32_t>(q), d = head - sub;
        if (((d | (d + add)) & 0xFF808080u) == 0) {
          event_access::reply(*o++, reinterpret_cast<uintptr_t>(q) + to_offset, q,
                              static_cast<uint32_t>(line_len), head & 0xFFFFFFu, 0);
          q = next;
          lfs &= lfs - 1;
          continue;
        }
        const uint32_t dash = head - (sub + 0x0D000000u);  // "ddd-"
        if (((dash | (dash + add)) & 0xFF808080u) != 0) goto done;
        const size_t p = static_cast<size_t>(q - b);
        st_.mode = mode_block;
        st_.code = code_at(p);
        st_.lines = 1;
        st_.flags = 0;
        bs_ = p;
        // The block's loop, inlined here: in a session blocks come and go
        // every few lines. A return to the walk between the two runs cost
        // a third of the servers mix, and a call to block_run() 5-9% of
        // the servers, session and multiline mixes (AVX2, Zen 4).
        c = cursor{static_cast<size_t>(next - b), static_cast<size_t>(bw - b), lfs & (lfs - 1),
                   stop};
        event* ob = o;
        r = opt_.any_code_terminates ? block_run<true>(c, &ob, end)
                                     : block_loop<false>(c, &ob, end, &a);
        o = ob;
        if (r != run_stop::mode) {
          *po = o;
          return r;
        }
        q = b + c.p;  // the block emitted: on after it
        bw = b + c.w;
        lfs = c.lfs;
        stop = room(c.stop);
        if (opt_.any_code_terminates) start_ahead(c.w, a);
      }
      if (!next_window(bw, lfs, stop, a)) break;
      stop = room(stop);
    }
    r = run_stop::end;
  done:
    c = cursor{static_cast<size_t>(q - b), static_cast<size_t>(bw - b), lfs, stop};
    *po = o;
    return r;
  }

  // Inside the block at bs_: counts its text lines and emits it at its
  // terminator "ddd text\r\n" (its code, then a space), all within the
  // limits, ended by CR LF, with no NUL or high byte. A line that could
  // end it otherwise (a bare code; with AnyCode, any code) goes to the
  // rules. `end`: where the output stops for it. Out of line for the walk
  // (a call that resumes inside a block), inlined in expect_run().
  //
  // Long: a block of long lines (hostile input's endless reply), in a loop
  // of its own that passes over the windows inside a line with their LF
  // and NUL or high bytes alone. The other block loops bound a line at
  // long_line bytes (line_bound_), as they bound it at max_line: a longer
  // one goes to the rules, and its block on in this loop. Nothing is tested a
  // window for it: a test for windows without LF in every block loop cost
  // multiline 3-5% of its time, and the runs' loops move by a percent or
  // more with any change to their code (Zen 4).
  template <bool AnyCode, bool Long = false>
  FTPREPLY_NOINLINE run_stop block_run(cursor& cur, event** po, event* end) noexcept {
    return block_loop<AnyCode, Long>(cur, po, end, nullptr);
  }
  // Three windows. The bound holds from the line start at the window's
  // entry, so it also sends to the rules the lines after a long one in
  // the same window: at 192, after a line over 128 bytes; at 128, after
  // any line that covers a window (multiline 7% slower).
  static constexpr uint32_t long_line = 192;
  // `a`: the window made ahead (expect_run()'s), or none.
  template <bool AnyCode, bool Long = false>
  FTPREPLY_ALWAYS_INLINE run_stop block_loop(cursor& cur, event** po, event* end,
                                             ahead* a) noexcept {
    const unsigned char* const b = b_;
    size_t p = cur.p, w = cur.w;
    uint64_t lfs = cur.lfs;
    unsigned stop = cur.stop;
    const size_t bs = bs_;
    const uint32_t term = (load_le<uint32_t>(b + bs) & 0xFFFFFFu) | uint32_t{' '} << 24;
    // The lines the block may still take before max_lines (counted down:
    // one register fewer in the loop).
    const uint32_t max_lines = opt_.max_lines,
                   max_line = Long || AnyCode ? opt_.max_line : line_bound_;
    uint32_t left = st_.lines < max_lines ? max_lines - st_.lines : 0;
    // A line that ends past `bound` goes to the rules: one test for the
    // reply limit, the line limit (from the line start at the window's
    // entry: the lines after it are shorter), and 4 bytes to read from
    // the line start (a line under 4 bytes reads the next one's first:
    // its LF is not a digit, so the head is text, as it should be).
    const size_t reply_end = opt_.max_reply < len_ - bs ? bs + opt_.max_reply : len_;
    const size_t bound_reply = std::min<size_t>(len_ > 3 ? len_ - 3 : 0, reply_end);
    size_t bound = std::min<size_t>(bound_reply, p + max_line);
    run_stop r = run_stop::rules;
    for (;;) {
      for (; lfs; lfs &= lfs - 1) {
        const unsigned bit = trailing_zeros(lfs);
        const size_t next = w + bit + 1;
        if (bit >= stop || next > bound || left == 0) goto done;
        const uint32_t head = load_le<uint32_t>(b + p);
        // Text: neither the code followed by a space or a line end, nor
        // any code under AnyCode. (The code first: a test of '-' first
        // mispredicts on listings, "-rw-r--r--".)
        const bool text = ((head ^ term) & 0xFFFFFFu) != 0 ? !(AnyCode && three_digits(head))
                                                            : head >> 24 == '-';
        if (text) {
          --left;
          p = next;
          continue;
        }
        if (head != term || *po == end) goto done;
        event* const o = *po;
        event_access::reply(*o, st_.base + bs, b + bs, static_cast<uint32_t>(next - bs),
                            term & 0xFFFFFFu, st_.flags);
        *po = o + 1;
        st_.mode = mode_expect;
        p = next;
        lfs &= lfs - 1;
        r = run_stop::mode;
        goto done;
      }
      if constexpr (Long) {
        // One window a turn: in a loop of its own for the windows without
        // LF, GCC gave it other registers, and moved a dozen at each line.
        if (!next_window_sparse(w, lfs, stop)) break;
        if (!lfs) continue;
      } else if (!(a ? next_window(w, lfs, stop, *a) : next_window(w, lfs, stop))) {
        break;
      }
      bound = std::min<size_t>(bound_reply, p + max_line);
    }
    r = run_stop::end;
  done:
    st_.lines = max_lines - left;
    cur = cursor{p, w, lfs, stop};
    return r;
  }

  // From the line start p: each mode's run, and the rules (start_line(),
  // block_line(), the line limit) for each line a run stops at, which they
  // take whole. Windows before `resume` hold no LF of the line at p, and
  // `open_special` says whether its bytes there hold a NUL or high byte.
  scan_result walk(size_t p, size_t resume, bool open_special) noexcept {
    cursor c{p, p & ~size_t{63}, 0, open_special ? 0u : 64u};
    if (resume > c.w) c.w = resume;
    const size_t w0 = c.w < len_ ? c.w : len_;  // windows are classified from here on
    if (c.w < len_) {  // the first window: p may be inside it
      const uint64_t from = bits_from(p, c.w);
      const block_masks m = window_masks(b_, len_, c.w);
      c.lfs = m.lf & from;
      c.stop = window_stop(m, cr_before(c.w), from, open_special);
    }
    event* o = out_ + n_;
    // The block's last line for the rules was a long one: the block goes
    // on in block_run<., true>.
    bool long_lines = st_.long_lines;
    block_masks m{0, 0, 0};  // the masks of window mw, for the rules
    size_t mw = ~size_t{0};
    auto finish = [&] {  // the bytes classified: to the end of c's window
      st_.examined += (c.w + 64 < len_ ? c.w + 64 : len_) - w0;
      n_ = static_cast<size_t>(o - out_);
      st_.long_lines = long_lines;
    };
    for (;;) {
      if (!c.lfs) {  // a line open over windows (a long one fed in pieces)
        if (!next_window_sparse(c.w, c.lfs, c.stop)) break;
        continue;
      }
      run_stop r = run_stop::rules;
      if (st_.mode == mode_block) {
        event* const end = st_.pending_blank ? o : out_ + cap_;
        r = opt_.any_code_terminates ? block_run<true>(c, &o, end)
            : long_lines             ? block_run<false, true>(c, &o, end)
                                     : block_run<false>(c, &o, end);
      } else if (!st_.pending_blank) {
        r = opt_.strict ? expect_run<true>(c, &o) : expect_run<false>(c, &o);
        long_lines = false;  // a block it opened is new
      }
      if (r == run_stop::end) break;
      if (r == run_stop::mode) {
        long_lines = false;
        continue;
      }
      n_ = static_cast<size_t>(o - out_);
      if (n_ == cap_) {
        finish();
        return st_.mode == mode_block ? stop_block(c.p, true) : stop(c.p, true);
      }
      // The rules, for the line whose LF is c.lfs's lowest bit; the
      // window's masks are made again (the runs keep only the stop), once
      // for all the lines of a window that the rules take.
      if (c.w != mw) {
        m = window_masks(b_, len_, c.w);
        mw = c.w;
      }
      const uint64_t from = bits_from(c.p, c.w);
      const unsigned bit = trailing_zeros(c.lfs);
      const size_t e = c.w + bit;
      const uint64_t upto = c.lfs ^ (c.lfs - 1);  // the window's bits up to e
      // A line open into the window: a stop still at 0 may be its carry.
      const bool special =
          (m.special & from & upto) != 0 || (c.p < c.w && c.stop == 0);
      const bool in_block = st_.mode == mode_block;
      long_lines = in_block && e - c.p >= long_line;
      if (in_block)
        c.p = block_line(c.p, e, special);
      else if (e + 1 - c.p > opt_.max_line)
        c.p = emit_error(error::line_too_long, c.p, c.p, e + 1);
      else
        c.p = start_line(c.p, e, special);
      o = out_ + n_;
      c.lfs &= c.lfs - 1;
      c.stop = window_stop(m, cr_before(c.w), ~upto, 0);
    }
    finish();
    return end_of_input(c.p, c.stop != 64);
  }

  // The input ended inside the line starting at p: inline, the end of
  // every call of a chunked scan (more to come, within the limits); the
  // rest in open_line().
  FTPREPLY_ALWAYS_INLINE scan_result end_of_input(size_t p, bool special) noexcept {
    const size_t partial = len_ - p;
    if (!at_end_ && partial <= opt_.max_line &&
        (st_.mode == mode_expect ||
         (st_.mode == mode_block && (p - bs_) + partial <= opt_.max_reply)))
      return need_more(p, special);
    return open_line(p, special);
  }

  // More bytes may finish the line at p, in a block or between replies:
  // the next call resumes past what was examined, with the line's NUL or
  // high byte.
  FTPREPLY_ALWAYS_INLINE scan_result need_more(size_t p, bool special) noexcept {
    if (st_.mode == mode_block) {
      st_.walked = static_cast<uint32_t>(len_ - bs_);
      st_.line_special = special;
      return stop_block(p, false);
    }
    st_.walked = static_cast<uint32_t>(len_ - p);
    st_.line_special = special && p != len_;
    return stop(p, false);
  }

  // The input ended inside the line starting at p (p == len_ when it ended
  // at a line start); `special` says whether its bytes hold a NUL or high
  // byte.
  FTPREPLY_NOINLINE scan_result open_line(size_t p, bool special) noexcept {
    for (;;) {
      const size_t partial = len_ - p;
      if (st_.mode == mode_block) {
        if (partial > opt_.max_line || (p - bs_) + partial > opt_.max_reply) {
          enter_skip(bs_, p, p - bs_);
        } else if (at_end_) {
          if (n_ == cap_) return stop_block(p, true);
          // The block is abandoned; the rest is read as a new reply.
          emit_error(error::unterminated, bs_, bs_, p);
          continue;
        } else {
          return need_more(p, special);
        }
      } else if (st_.mode == mode_expect) {
        if (partial == 0) return stop(p, false);
        if (partial > opt_.max_line) {  // over even without its end
          enter_skip(p, p, 0);
        } else if (at_end_) {
          if (n_ == cap_) return stop(p, true);
          emit_error(error::truncated, p, p, len_);
          return stop(len_, false);
        } else {
          return need_more(p, special);
        }
      }
      // mode_skip: everything is consumed; at the end, report it.
      if (!at_end_) return stop(len_, false);
      if (n_ == cap_) return stop(len_, true);
      emit_skipped(len_);
      return stop(len_, false);
    }
  }

  // --- output --------------------------------------------------------------

  FTPREPLY_NOINLINE size_t emit_error(error e, size_t offset, size_t start, size_t end) noexcept {
    event_access::failure(out_[n_++], e, st_.base + offset, st_.base + start,
                          end - start);
    st_.mode = mode_expect;
    return end;
  }

  void emit_reply(size_t start, size_t end, uint32_t digits, uint16_t f) noexcept {
    event_access::reply(out_[n_++], st_.base + start, b_ + start,
                        static_cast<uint32_t>(end - start), digits,
                        static_cast<uint16_t>(f | (st_.pending_blank ? flags::blank_line : 0)));
    st_.pending_blank = false;
    st_.mode = mode_expect;
  }

  scan_result stop(size_t consumed, bool full) noexcept {
    st_.base += consumed;
    return scan_result{n_, consumed, full};
  }

  scan_result stop_block(size_t pos, bool full) noexcept {
    st_.checked = pos - bs_;
    return stop(bs_, full);
  }

  scan_state& st_;
  const options& opt_;
  const unsigned char* const b_;
  const size_t len_;
  const bool at_end_;
  event* const out_;
  const size_t cap_;
  size_t n_ = 0;
  size_t bs_ = 0;                 // block start
  // The line limit of the block loops but block_run<., true>'s. A member,
  // read where max_line was read: worked out at the loop's entry, it moved
  // the expect run's registers (AVX2 multiline 7% slower, Zen 4).
  const uint32_t line_bound_;
};

scan_result scan(scan_state& st, const options& opt, const unsigned char* buf,
                 size_t len, bool at_end, event* out, size_t cap) noexcept {
  if (cap == 0) return scan_result{0, 0, len != 0 || at_end};
  return walker(st, opt, buf, len, at_end, out, cap).run();
}

}  // namespace sse2
}  // namespace detail
}  // namespace ftpreply
FTPREPLY_TARGET_END
#endif
// ---- zos.cpp ----
// SPDX-License-Identifier: Apache-2.0
// z/OS FTP client API transcript lines (ftpreply/zos.h).

namespace ftpreply {
namespace {

using detail::is_ascii_digit;
using detail::sub;
bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

// "AAAnnnnA": three letters (the component, EZA, EZZ, ...), four digits, a
// severity letter.
bool is_message_id(std::string_view s) noexcept {
  return s.size() == 8 && is_upper(s[0]) && is_upper(s[1]) && is_upper(s[2]) &&
         is_ascii_digit(s[3]) && is_ascii_digit(s[4]) && is_ascii_digit(s[5]) && is_ascii_digit(s[6]) &&
         is_upper(s[7]);
}

// Splits off a leading message ID followed by a blank or the end.
std::string_view take_message_id(std::string_view* line) noexcept {
  if (line->size() >= 8 && is_message_id(sub(*line, 0, 8)) &&
      (line->size() == 8 || (*line)[8] == ' ')) {
    std::string_view id = sub(*line, 0, 8);
    line->remove_prefix(line->size() == 8 ? 8 : 9);
    return id;
  }
  return std::string_view();
}

// n digits, or n blanks (-1) when `blank_ok`.
bool field(std::string_view s, bool blank_ok, int* out) noexcept {
  bool digits = true, blanks = true;
  int v = 0;
  for (char c : s) {
    digits = digits && is_ascii_digit(c);
    blanks = blanks && c == ' ';
    if (is_ascii_digit(c)) v = v * 10 + (c - '0');
  }
  if (digits) *out = v;
  else if (blanks && blank_ok) *out = -1;
  else return false;
  return true;
}

std::string_view strip_line_end(std::string_view l) noexcept {
  while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
  return l;
}

}  // namespace

error parse_zos_status(std::string_view line, zos_status* out) noexcept {
  line = strip_line_end(line);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  zos_status s;
  s.message_id = take_message_id(&line);
  // "Command(" ee "-" ss "-" cccc "-" rrr "):" is 24 bytes.
  if (line.size() != 24 || sub(line, 0, 8) != "Command(" || line[10] != '-' ||
      line[13] != '-' || line[18] != '-' || sub(line, 22, 2) != "):")
    return error::malformed;
  if (!field(sub(line, 8, 2), false, &s.client_error) ||
      !field(sub(line, 11, 2), true, &s.subcommand) ||
      !field(sub(line, 19, 3), true, &s.reply))
    return error::malformed;
  std::string_view cmd = sub(line, 14, 4);
  while (!cmd.empty() && cmd.back() == ' ') cmd.remove_suffix(1);
  for (char c : cmd)
    if (c <= ' ' || c > '~') return error::malformed;
  s.command = cmd;
  *out = s;
  return error::ok;
}

error format_zos_status(const zos_status& s, char* out, size_t capacity,
                        size_t* length) noexcept {
  if ((!s.message_id.empty() && !is_message_id(s.message_id)) || s.client_error < 0 ||
      s.client_error > 99 || s.subcommand < -1 || s.subcommand > 99 || s.reply < -1 ||
      s.reply > 999 || s.command.size() > 4)
    return error::invalid_argument;
  for (char c : s.command)
    if (c <= ' ' || c > '~') return error::invalid_argument;
  const size_t size = (s.message_id.empty() ? 0 : 9) + 24;
  *length = size;
  if (size > capacity) return error::buffer_too_small;
  char* w = out;
  auto put = [&](std::string_view t) {
    for (char c : t) *w++ = c;
  };
  auto num = [&](int v, int digits) {
    if (v < 0) {
      for (int k = 0; k < digits; ++k) *w++ = ' ';
      return;
    }
    for (int k = digits - 1; k >= 0; --k) {
      w[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    w += digits;
  };
  if (!s.message_id.empty()) {
    put(s.message_id);
    *w++ = ' ';
  }
  put("Command(");
  num(s.client_error, 2);
  *w++ = '-';
  num(s.subcommand, 2);
  *w++ = '-';
  put(s.command);
  for (size_t k = s.command.size(); k < 4; ++k) *w++ = ' ';
  *w++ = '-';
  num(s.reply, 3);
  put("):");
  return error::ok;
}

const char* to_string(zos_line_kind k) noexcept {
  switch (k) {
    case zos_line_kind::message: return "message";
    case zos_line_kind::command: return "command";
    case zos_line_kind::reply: return "reply";
    case zos_line_kind::status: return "status";
  }
  return "message";
}

zos_line classify_zos_line(std::string_view line) noexcept {
  line = strip_line_end(line);
  zos_line out;
  if (parse_zos_status(line, &out.status) == error::ok) {
    out.kind = zos_line_kind::status;
    out.message_id = out.status.message_id;
    return out;
  }
  std::string_view rest = line;
  out.message_id = take_message_id(&rest);
  if (sub(rest, 0, 3) == ">>>") {
    out.kind = zos_line_kind::command;
    rest.remove_prefix(3);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    out.text = rest;
    return out;
  }
  // Server replies carry no message ID: "ddd text", "ddd-text" or "ddd".
  if (out.message_id.empty() && rest.size() >= 3 && is_ascii_digit(rest[0]) && is_ascii_digit(rest[1]) &&
      is_ascii_digit(rest[2]) && (rest.size() == 3 || rest[3] == ' ' || rest[3] == '-')) {
    out.kind = zos_line_kind::reply;
    out.code = static_cast<uint16_t>((rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0'));
    out.separator = rest.size() == 3 ? 0 : rest[3];
    out.text = rest.size() > 4 ? sub(rest, 4) : std::string_view();
    return out;
  }
  out.kind = zos_line_kind::message;
  out.text = rest;
  return out;
}

}  // namespace ftpreply
