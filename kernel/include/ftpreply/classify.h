// SPDX-License-Identifier: Apache-2.0
// ftpreply/classify.h - what a reply code means.
//
// classify() maps any integer to what is known of it as an FTP reply code:
// its kind (first digit), its group (second digit), whether the code is a
// known one, its standard meaning and the document that defines it. It runs
// in constant time and never allocates.
//
//   ftpreply::code_info info = ftpreply::classify(227);
//   // info.known == true, info.kind == reply_kind::completion,
//   // info.group == reply_group::connections, info.src == source::rfc959,
//   // info.meaning == "Entering Passive Mode (h1,h2,h3,h4,p1,p2)."
//
// Codes 0-999 are read as three digits with leading zeros (099 has first digit
// 0: kind invalid). Codes of four or more digits are not reply codes: kind
// invalid, group unknown; the Winsock errors 10054, 10060, 10061, 10066 and
// 10068, which FTP clients report as if they were replies, are known with
// source `winsock`. Meanings follow the project's seed table where it gives
// one, and the defining RFC elsewhere. RFC 2389 (FEAT) and RFC 3659 (SIZE,
// MDTM, MLST) use RFC 959's codes and add none. Where RFC 2228 gives a code
// a meaning other than the seed's (232, 234), both are given.
#ifndef FTPREPLY_CLASSIFY_H
#define FTPREPLY_CLASSIFY_H

#include <cstdint>

#include "ftpreply/attributes.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// The first digit of a reply code (RFC 959 4.2.1, RFC 2228 for 6yz).
enum class reply_kind : uint8_t {
  invalid = 0,         // first digit 0, 7, 8, 9, or not a three-digit code
  preliminary = 1,     // 1yz positive preliminary
  completion = 2,      // 2yz positive completion
  intermediate = 3,    // 3yz positive intermediate
  transient_negative = 4,  // 4yz transient negative completion
  permanent_negative = 5,  // 5yz permanent negative completion
  protected_reply = 6,     // 6yz RFC 2228 protected reply (printed "protected")
};

// The second digit of a reply code.
enum class reply_group : uint8_t {
  syntax = 0,          // x0z
  information = 1,     // x1z
  connections = 2,     // x2z
  authentication = 3,  // x3z authentication and accounting
  unspecified = 4,     // x4z unspecified as of RFC 959
  file_system = 5,     // x5z
  unknown = 6,         // second digit 6-9, or not a three-digit code
};

// The document that defines a known code.
enum class source : uint8_t {
  none = 0,   // not a known code
  rfc959,
  rfc1639,    // LPSV (228)
  rfc2228,    // security extensions
  rfc2428,    // EPSV/EPRT
  rfc7151,    // HOST
  vendor,     // in wide use, defined by no RFC
  winsock,    // a client-side Winsock error, not a server reply
};

struct code_info {
  uint32_t code;
  bool known;
  reply_kind kind;
  reply_group group;
  source src;
  const char* meaning;  // static text; nullptr when the code is not known
};

// What is known of `code`. Total: every value gets an answer.
[[nodiscard]] code_info classify(uint32_t code) noexcept;

// The kind from the first digit, the group from the second (ASCII digits).
// A byte that is not a digit gives invalid / unknown.
[[nodiscard]] reply_kind kind_of_digit(char first) noexcept;
[[nodiscard]] reply_group group_of_digit(char second) noexcept;

// Names as the CLI prints them ("transient_negative", "file_system", "rfc959").
[[nodiscard]] const char* to_string(reply_kind k) noexcept;
[[nodiscard]] const char* to_string(reply_group g) noexcept;
[[nodiscard]] const char* to_string(source s) noexcept;

// What the seed table says of a whole kind or group ("2yz Positive Completion
// reply ..."), for explanations.
[[nodiscard]] const char* describe(reply_kind k) noexcept;
[[nodiscard]] const char* describe(reply_group g) noexcept;

// The number of known codes, and the i-th of them in increasing order: for
// tests and for listing the table.
[[nodiscard]] int known_code_count() noexcept;
[[nodiscard]] uint32_t known_code_at(int i) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_CLASSIFY_H
