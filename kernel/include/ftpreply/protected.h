// SPDX-License-Identifier: Apache-2.0
// ftpreply/protected.h - RFC 2228 protected replies (631, 632, 633): unwrap
// and wrap them with a caller's unseal and seal functions (a GSS-API
// unwrap/wrap in real use), and the base64 they are written in.
#ifndef FTPREPLY_PROTECTED_H
#define FTPREPLY_PROTECTED_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/attributes.h"
#include "ftpreply/error.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// --- base64 (RFC 4648), as RFC 2228 uses it -------------------------------

// Bytes that encoding n bytes takes (with padding).
constexpr size_t base64_encoded_size(size_t n) noexcept { return (n + 2) / 3 * 4; }
// Writes the padded base64 of in[0..n) to out (base64_encoded_size(n) bytes).
void base64_encode(const uint8_t* in, size_t n, char* out) noexcept;
// Decodes text into out (capacity at least text.size() / 4 * 3 + 3); stops at
// the first byte that is not base64; padding only at the end. *length gets
// the bytes written.
[[nodiscard]] error base64_decode(std::string_view text, uint8_t* out, size_t capacity,
                    size_t* length) noexcept;

// --- RFC 2228 protected replies -------------------------------------------

enum class protection : uint8_t {
  none = 0,
  integrity = 1,        // 631: "safe"
  confidentiality_and_integrity = 2,  // 632: "private"
  confidentiality = 3,  // 633: "confidential"
};
[[nodiscard]] const char* to_string(protection p) noexcept;  // "safe", "private", "confidential"
// The protection a code carries (631-633), or none.
[[nodiscard]] protection protection_of(uint16_t code) noexcept;

// The caller's unseal: in[0..n) is the decoded token; writes the cleartext (a
// reply stream, line ends included) to out and its size to *out_length.
// Returns false when the token does not unseal (a bad MIC, a wrong key) or
// out is too small.
using unseal_fn = bool (*)(void* context, protection level, const uint8_t* in,
                           size_t n, char* out, size_t capacity,
                           size_t* out_length);
// The caller's seal: the same the other way.
using seal_fn = bool (*)(void* context, protection level, const char* in,
                         size_t n, uint8_t* out, size_t capacity,
                         size_t* out_length);

// Unwraps a 631/632/633 reply: base64-decodes the text of every line (the
// base64 may be split across lines anywhere) into `scratch`, hands it to
// `unseal`, and leaves the cleartext in clear[0..*clear_length), ready for a
// scanner. *level gets the protection. malformed when the reply is not a
// protected one or its text is not base64; unseal_failed when the unseal
// function refuses; buffer_too_small when scratch cannot hold the token.
[[nodiscard]] error open_protected(std::string_view reply, unseal_fn unseal, void* context,
                     uint8_t* scratch, size_t scratch_capacity, char* clear,
                     size_t clear_capacity, size_t* clear_length,
                     protection* level) noexcept;

// Wraps a cleartext reply: seals it with `seal` into `scratch`, then writes
// the base64 as a 631/632/633 reply of lines of at most 76 base64 bytes to
// out[0..*length). buffer_too_small with *length the size needed when out
// is too small (the seal runs first, so the size is exact).
[[nodiscard]] error encode_protected(protection level, std::string_view cleartext,
                       seal_fn seal, void* context, uint8_t* scratch,
                       size_t scratch_capacity, char* out, size_t capacity,
                       size_t* length) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_PROTECTED_H
