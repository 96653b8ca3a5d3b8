// SPDX-License-Identifier: Apache-2.0
// Internal to the codec: the payload rules decoders and formatters share,
// the bounded writer, reply heads and streaming base64.
#ifndef FTPREPLY_CODEC_INTERNAL_H
#define FTPREPLY_CODEC_INTERNAL_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/error.h"
#include "internal.h"

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
