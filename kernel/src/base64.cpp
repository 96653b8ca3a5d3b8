// SPDX-License-Identifier: Apache-2.0
// Base64 (RFC 4648) as RFC 2228 uses it (ftpreply/protected.h).
#include "codec_internal.h"
#include "ftpreply/protected.h"

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
