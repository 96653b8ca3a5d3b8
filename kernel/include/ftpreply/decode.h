// SPDX-License-Identifier: Apache-2.0
// ftpreply/decode.h - what a reply carries.
//
// Decoders take a whole reply: an event the scanner or a reply_reader
// delivered, or its bytes (event::bytes(): every line, line ends included).
// Bytes that are not one whole reply ("ddd", a separator, ..., a final LF),
// such as the first line's text alone, are invalid_argument: no decoder
// answers ok from a part of a reply. Otherwise the result is a value or an
// error: `malformed` when the payload lacks its form, `out_of_range` when a
// number in it is out of range. Results are views into the reply or values;
// nothing allocates, nothing throws. The rules are kernel/SPEC.md's payload
// rules.
//
//   ftpreply::endpoint ep;
//   if (ftpreply::decode_pasv(ev, ftpreply::decode_mode::lenient, &ep) == ftpreply::error::ok)
//     connect_to(ep);   // ftpreply/posix.h: to_sockaddr(ep, ...)
#ifndef FTPREPLY_DECODE_H
#define FTPREPLY_DECODE_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/attributes.h"
#include "ftpreply/error.h"
#include "ftpreply/scanner.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// Strict decoding takes the RFC forms literally; lenient also accepts what
// real servers write (each decoder says what).
enum class decode_mode : uint8_t { strict, lenient };

// The family of an endpoint's address. ftpreply/posix.h converts to and
// from sockaddr (AF_INET, AF_INET6).
enum class address_family : uint8_t { none = 0, ipv4 = 4, ipv6 = 6 };

// A data-connection address: IPv4 (address[0..3]) or IPv6
// (address[0..15]), in network order, and a port in 1-65535.
struct endpoint {
  address_family family = address_family::none;
  uint8_t address[16] = {};
  uint16_t port = 0;
};

// 227 (RFC 959): "(h1,h2,h3,h4,p1,p2)" on the last line; host and port bytes
// 0-255, port 1-65535. Lenient also finds the six numbers without the
// parentheses and with spaces around the commas.
[[nodiscard]] error decode_pasv(std::string_view reply, decode_mode mode, endpoint* out) noexcept;

// 228 (RFC 1639, LPSV): "(af,hal,h1,...,hN,pal,p1,p2)" on the last line with
// af 4 and hal 4, or af 6 and hal 16; pal 2. Lenient as for 227.
[[nodiscard]] error decode_lpsv(std::string_view reply, decode_mode mode, endpoint* out) noexcept;

// 229 (RFC 2428): "(<d><d><d>port<d>)" on the last line, one delimiter byte
// from 33-126 repeated; port 1-65535. The same in both modes.
[[nodiscard]] error decode_epsv(std::string_view reply, decode_mode mode, uint16_t* port) noexcept;

// 257: the first quoted string of the reply, doubled quotes undone, written
// to path[0..*length). When `capacity` is too small, returns
// buffer_too_small with *length the size needed. A quote not closed on its
// line is malformed. The same in both modes.
[[nodiscard]] error decode_pathname(std::string_view reply, decode_mode mode, char* path,
                      size_t capacity, size_t* length) noexcept;

// 110 (RFC 959): "MARK yyyy = mmmm", the two markers (printable, no space)
// as views into the reply. Lenient also accepts the spaces missing or
// repeated and "mark" in any case.
struct restart_marker {
  std::string_view user;
  std::string_view server;
};
[[nodiscard]] error decode_mark(std::string_view reply, decode_mode mode, restart_marker* out) noexcept;

// 213 after SIZE (RFC 3659): the text of the last line is the byte count
// (digits, at most 2^64-1). Lenient takes the last number of the text
// ("size is 1234"), never a negative one.
[[nodiscard]] error decode_size(std::string_view reply, decode_mode mode, uint64_t* size) noexcept;

// 213 after MDTM (RFC 3659): "YYYYMMDDHHMMSS[.F...]" in UTC, months 1-12,
// days within the month (leap years counted), hours 0-23, minutes 0-59,
// seconds 0-60. Lenient allows spaces around it.
struct timestamp {
  uint16_t year = 0;
  uint8_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::string_view fraction;  // the digits after '.', if any
};
[[nodiscard]] error decode_mdtm(std::string_view reply, decode_mode mode, timestamp* out) noexcept;

// 215 (RFC 959 SYST): the system name (the first word: an IANA operating
// system name such as UNIX, in strict mode letters, digits, '-', '/', '_'
// and '.') and the rest of the text ("Type: L8").
struct system_type {
  std::string_view name;
  std::string_view rest;
};
[[nodiscard]] error decode_system(std::string_view reply, decode_mode mode, system_type* out) noexcept;

// 211 after FEAT (RFC 2389): each feature line (a space, the feature name,
// optionally a space and its parameters) between the first and the last
// line, read as text_lines() gives them. Lenient also accepts lines that
// repeat "211-" (ProFTPD's MultilineRFC2228), any run of spaces and blank
// lines. A one-line 211 is malformed (it has no feature lines to read).
// Writes at most `capacity` features; *count is how many the reply has
// (buffer_too_small when that is more than capacity).
struct feature {
  std::string_view name;
  std::string_view params;
};
[[nodiscard]] error decode_features(std::string_view reply, decode_mode mode, feature* out,
                      size_t capacity, size_t* count) noexcept;


// The same decoders on an event (a scanner's or a reply_reader's). An error
// event is invalid_argument.
[[nodiscard]] inline error decode_pasv(const event& reply, decode_mode mode, endpoint* out) noexcept {
  return decode_pasv(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_lpsv(const event& reply, decode_mode mode, endpoint* out) noexcept {
  return decode_lpsv(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_epsv(const event& reply, decode_mode mode, uint16_t* port) noexcept {
  return decode_epsv(reply.bytes(), mode, port);
}
[[nodiscard]] inline error decode_pathname(const event& reply, decode_mode mode, char* path, size_t capacity, size_t* length) noexcept {
  return decode_pathname(reply.bytes(), mode, path, capacity, length);
}
[[nodiscard]] inline error decode_mark(const event& reply, decode_mode mode, restart_marker* out) noexcept {
  return decode_mark(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_size(const event& reply, decode_mode mode, uint64_t* size) noexcept {
  return decode_size(reply.bytes(), mode, size);
}
[[nodiscard]] inline error decode_mdtm(const event& reply, decode_mode mode, timestamp* out) noexcept {
  return decode_mdtm(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_system(const event& reply, decode_mode mode, system_type* out) noexcept {
  return decode_system(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_features(const event& reply, decode_mode mode, feature* out, size_t capacity, size_t* count) noexcept {
  return decode_features(reply.bytes(), mode, out, capacity, count);
}

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_DECODE_H
