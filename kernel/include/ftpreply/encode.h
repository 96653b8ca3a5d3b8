// SPDX-License-Identifier: Apache-2.0
// ftpreply/encode.h - how a server writes a reply: payload formatters and
// the encoder, into caller-sized buffers (ftpreply/reply_string.h appends
// to a std::string instead, in one call per reply).
#ifndef FTPREPLY_ENCODE_H
#define FTPREPLY_ENCODE_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/attributes.h"
#include "ftpreply/decode.h"
#include "ftpreply/error.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// --- payload formatters, for servers ---------------------------------------
//
// Each writes the text of a reply (no code, no line end: give it to
// encode_reply) to out[0..*length), or returns buffer_too_small with
// *length the size needed. What they write, the decoders above accept in
// strict mode.

// "Entering Passive Mode (h1,h2,h3,h4,p1,p2)." (an IPv4 endpoint, else
// invalid_argument).
[[nodiscard]] error format_pasv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept;
// "Entering Long Passive Mode (af,hal,h...,pal,p1,p2)" (IPv4 or IPv6).
[[nodiscard]] error format_lpsv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept;
// "Entering Extended Passive Mode (|||port|)" (port 1-65535).
[[nodiscard]] error format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) noexcept;
// "\"path\" comment" with quotes in the path doubled (no CR or LF in it).
[[nodiscard]] error format_pathname(std::string_view path, std::string_view comment, char* out,
                      size_t capacity, size_t* length) noexcept;
// "MARK user = server" (markers printable, no space or '=').
[[nodiscard]] error format_mark(std::string_view user, std::string_view server, char* out,
                  size_t capacity, size_t* length) noexcept;
// The decimal byte count.
[[nodiscard]] error format_size(uint64_t size, char* out, size_t capacity, size_t* length) noexcept;
// "YYYYMMDDHHMMSS[.F...]" (fields in range, fraction digits only).
[[nodiscard]] error format_mdtm(const timestamp& t, char* out, size_t capacity, size_t* length) noexcept;
// "NAME rest" (a name as decode_system accepts strictly).
[[nodiscard]] error format_system(std::string_view name, std::string_view rest, char* out,
                    size_t capacity, size_t* length) noexcept;
// "Features:", one line " NAME[ params]" per feature, "End", separated by
// CR LF: a multi-line text for encode_reply(211, ...).
[[nodiscard]] error format_features(const feature* features, size_t count, char* out,
                      size_t capacity, size_t* length) noexcept;

// --- the encoder ----------------------------------------------------------

// Writes a reply with `code` (100-659, else invalid_argument) and `text` to
// out[0..*length): one line "ddd text\r\n" when the text has no line break,
// else "ddd-first\r\n", the middle lines, "ddd last\r\n". The text is split
// at CR LF, LF or CR. A middle line that starts with digits (which could
// read as a terminator), or with spaces then digits, gets one leading space
// (RFC 959 4.2); text_lines() takes it off again. When `capacity` is too
// small, returns buffer_too_small with *length the size needed and writes
// nothing. One line end at the end of `text` ends its last line and makes
// no extra one (as Python's splitlines): encode_reply(220, "a\r\n") is
// "220 a\r\n". ftpreply/reply_string.h has the std::string forms and
// one-call builders for the common replies.
[[nodiscard]] error encode_reply(uint16_t code, std::string_view text, char* out,
                   size_t capacity, size_t* length) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_ENCODE_H
