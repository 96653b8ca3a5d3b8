// SPDX-License-Identifier: Apache-2.0
// RFC 2228 protected replies, 631-633 (ftpreply/protected.h).
#include <cstring>

#include "codec_internal.h"
#include "ftpreply/protected.h"
#include "ftpreply/scanner.h"

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
