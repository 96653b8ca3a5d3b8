// SPDX-License-Identifier: Apache-2.0
// The reply encoder, base64 and RFC 2228 protected replies (ftpreply/codec.h).
#include <cstring>

#include "ftpreply/codec.h"
#include "internal.h"

namespace ftpreply {
namespace {

using detail::is_ascii_digit;

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
  return text.substr(pos, i - pos);
}

// A middle line that starts with digits, or spaces then digits, could read
// as a terminator (or lose a space to text_lines()): it gets one space.
bool needs_space(std::string_view line) noexcept {
  size_t k = 0;
  while (k < line.size() && line[k] == ' ') ++k;
  return k < line.size() && is_ascii_digit(line[k]);
}

void put_code(char* out, uint16_t code, char sep) noexcept {
  out[0] = static_cast<char>('0' + code / 100);
  out[1] = static_cast<char>('0' + code / 10 % 10);
  out[2] = static_cast<char>('0' + code % 10);
  out[3] = sep;
}

constexpr char kAlphabet[] =
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
constexpr decode_table kDecode = make_table();

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

}  // namespace

error encode_reply(uint16_t code, std::string_view text, char* out, size_t capacity,
                   size_t* length) noexcept {
  if (code < 100 || code > 659) return error::invalid_argument;
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
