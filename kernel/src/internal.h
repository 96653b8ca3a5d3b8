// SPDX-License-Identifier: Apache-2.0
// Internal to the kernel: what every per-CPU scanner shares.
#ifndef FTPREPLY_INTERNAL_H
#define FTPREPLY_INTERNAL_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "ftpreply/scanner.h"

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
