// SPDX-License-Identifier: Apache-2.0
// ftpreply/codec.h - what a reply carries, and how a server writes one.
//
// Decoders take a whole reply as the scanner delivers it (event::bytes():
// every line, line ends included) and return a value or an error:
// `malformed` when the payload lacks its form, `out_of_range` when a number
// in it is out of range. Strict decoding takes the RFC forms literally;
// lenient decoding also accepts what real servers write (see each
// function, and kernel/SPEC.md's payload rules). Results are views into the reply or values; nothing allocates,
// nothing throws.
//
//   ftpreply::endpoint ep;
//   if (ftpreply::decode_pasv(ev.bytes(), /*strict=*/false, &ep) == ftpreply::error::ok)
//     connect(ep.address, ep.port);
//
// The encoder writes replies for servers; the protected-reply functions
// unwrap and wrap RFC 2228 631/632/633 replies with a caller's unseal and
// seal functions (a GSS-API unwrap/wrap in real use).
#ifndef FTPREPLY_CODEC_H
#define FTPREPLY_CODEC_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/error.h"

namespace ftpreply {

// --- decoders -------------------------------------------------------------

// A data-connection address: IPv4 (family 4, address[0..3]) or IPv6
// (family 6, address[0..15]), and a port in 1-65535.
struct endpoint {
  uint8_t family = 0;
  uint8_t address[16] = {};
  uint16_t port = 0;
};

// 227 (RFC 959): "(h1,h2,h3,h4,p1,p2)" on the last line; host and port bytes
// 0-255, port 1-65535. Lenient also finds the six numbers without the
// parentheses and with spaces around the commas.
error decode_pasv(std::string_view reply, bool strict, endpoint* out) noexcept;

// 228 (RFC 1639, LPSV): "(af,hal,h1,...,hN,pal,p1,p2)" on the last line with
// af 4 and hal 4, or af 6 and hal 16; pal 2. Lenient as for 227.
error decode_lpsv(std::string_view reply, bool strict, endpoint* out) noexcept;

// 229 (RFC 2428): "(<d><d><d>port<d>)" on the last line, one delimiter byte
// from 33-126 repeated; port 1-65535. The same in both modes.
error decode_epsv(std::string_view reply, bool strict, uint16_t* port) noexcept;

// 257: the first quoted string of the reply, doubled quotes undone, written
// to path[0..*length). When `capacity` is too small, returns
// buffer_too_small with *length the size needed. A quote not closed on its
// line is malformed. The same in both modes.
error decode_pathname(std::string_view reply, bool strict, char* path,
                      size_t capacity, size_t* length) noexcept;

// 110 (RFC 959): "MARK yyyy = mmmm", the two markers (printable, no space)
// as views into the reply. Lenient also accepts the spaces missing or
// repeated and "mark" in any case.
struct restart_marker {
  std::string_view user;
  std::string_view server;
};
error decode_mark(std::string_view reply, bool strict, restart_marker* out) noexcept;

// 213 after SIZE (RFC 3659): the text of the last line is the byte count
// (digits, at most 2^64-1). Lenient takes the last number of the text
// ("size is 1234"), never a negative one.
error decode_size(std::string_view reply, bool strict, uint64_t* size) noexcept;

// 213 after MDTM (RFC 3659): "YYYYMMDDHHMMSS[.F...]" in UTC, months 1-12,
// days within the month (leap years counted), hours 0-23, minutes 0-59,
// seconds 0-60. Lenient allows spaces around it.
struct timestamp {
  uint16_t year = 0;
  uint8_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::string_view fraction;  // the digits after '.', if any
};
error decode_mdtm(std::string_view reply, bool strict, timestamp* out) noexcept;

// 215 (RFC 959 SYST): the system name (the first word: an IANA operating
// system name such as UNIX, in strict mode letters, digits, '-', '/', '_'
// and '.') and the rest of the text ("Type: L8").
struct system_type {
  std::string_view name;
  std::string_view rest;
};
error decode_system(std::string_view reply, bool strict, system_type* out) noexcept;

// 211 after FEAT (RFC 2389): each feature line (a space, the feature name,
// optionally a space and its parameters) between the first and the last
// line, read as text_lines() gives them. Lenient also accepts lines that
// repeat "211-" (ProFTPD's MultilineRFC2228), any run of spaces and blank
// lines. A one-line 211 has no features.
// Writes at most `capacity` features; *count is how many the reply has
// (buffer_too_small when that is more than capacity).
struct feature {
  std::string_view name;
  std::string_view params;
};
error decode_features(std::string_view reply, bool strict, feature* out,
                      size_t capacity, size_t* count) noexcept;

// The text of the reply's last line (after "ddd " or "ddd-"; empty for a
// bare code), as the decoders of 227, 228, 229 and 213 read it.
std::string_view last_line_text(std::string_view reply) noexcept;

// --- payload formatters, for servers ---------------------------------------
//
// Each writes the text of a reply (no code, no line end: give it to
// encode_reply) to out[0..*length), or returns buffer_too_small with
// *length the size needed. What they write, the decoders above accept in
// strict mode.

// "Entering Passive Mode (h1,h2,h3,h4,p1,p2)." (an IPv4 endpoint, else
// invalid_argument).
error format_pasv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept;
// "Entering Long Passive Mode (af,hal,h...,pal,p1,p2)" (IPv4 or IPv6).
error format_lpsv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept;
// "Entering Extended Passive Mode (|||port|)" (port 1-65535).
error format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) noexcept;
// "\"path\" comment" with quotes in the path doubled (no CR or LF in it).
error format_pathname(std::string_view path, std::string_view comment, char* out,
                      size_t capacity, size_t* length) noexcept;
// "MARK user = server" (markers printable, no space or '=').
error format_mark(std::string_view user, std::string_view server, char* out,
                  size_t capacity, size_t* length) noexcept;
// The decimal byte count.
error format_size(uint64_t size, char* out, size_t capacity, size_t* length) noexcept;
// "YYYYMMDDHHMMSS[.F...]" (fields in range, fraction digits only).
error format_mdtm(const timestamp& t, char* out, size_t capacity, size_t* length) noexcept;
// "NAME rest" (a name as decode_system accepts strictly).
error format_system(std::string_view name, std::string_view rest, char* out,
                    size_t capacity, size_t* length) noexcept;
// "Features:", one line " NAME[ params]" per feature, "End", separated by
// CR LF: a multi-line text for encode_reply(211, ...).
error format_features(const feature* features, size_t count, char* out,
                      size_t capacity, size_t* length) noexcept;

// --- the text of a reply --------------------------------------------------

// The reply's text lines as a server meant them: the first and last lines
// without their "ddd-" / "ddd " heads; continuation lines without a
// repeated "ddd-" of the reply's code, and without the one space that
// protects a line starting with digits (see encode_reply).
class text_line_range {
 public:
  class iterator {
   public:
    std::string_view operator*() const noexcept { return text_; }
    iterator& operator++() noexcept;
    bool operator!=(const iterator& o) const noexcept { return pos_ != o.pos_; }
    bool operator==(const iterator& o) const noexcept { return pos_ == o.pos_; }

   private:
    friend class text_line_range;
    iterator(std::string_view reply, size_t pos) noexcept;
    void load() noexcept;
    std::string_view reply_;
    size_t pos_, next_;
    std::string_view text_;
  };
  explicit text_line_range(std::string_view reply) noexcept : reply_(reply) {}
  iterator begin() const noexcept { return iterator(reply_, 0); }
  iterator end() const noexcept { return iterator(reply_, reply_.size()); }

 private:
  std::string_view reply_;
};
inline text_line_range text_lines(std::string_view reply) noexcept {
  return text_line_range(reply);
}

// --- the encoder ----------------------------------------------------------

// Writes a reply with `code` (100-659, else invalid_argument) and `text` to
// out[0..*length): one line "ddd text\r\n" when the text has no line break,
// else "ddd-first\r\n", the middle lines, "ddd last\r\n". The text is split
// at CR LF, LF or CR. A middle line that starts with digits (which could
// read as a terminator), or with spaces then digits, gets one leading space
// (RFC 959 4.2); text_lines() takes it off again. When `capacity` is too
// small, returns buffer_too_small with *length the size needed and writes
// nothing.
error encode_reply(uint16_t code, std::string_view text, char* out,
                   size_t capacity, size_t* length) noexcept;

// --- base64 (RFC 4648), as RFC 2228 uses it -------------------------------

// Bytes that encoding n bytes takes (with padding).
constexpr size_t base64_encoded_size(size_t n) noexcept { return (n + 2) / 3 * 4; }
// Writes the padded base64 of in[0..n) to out (base64_encoded_size(n) bytes).
void base64_encode(const uint8_t* in, size_t n, char* out) noexcept;
// Decodes text into out (capacity at least text.size() / 4 * 3 + 3); stops at
// the first byte that is not base64; padding only at the end. *length gets
// the bytes written.
error base64_decode(std::string_view text, uint8_t* out, size_t capacity,
                    size_t* length) noexcept;

// --- RFC 2228 protected replies -------------------------------------------

enum class protection : uint8_t {
  none = 0,
  integrity = 1,        // 631: "safe"
  confidentiality_and_integrity = 2,  // 632: "private"
  confidentiality = 3,  // 633: "confidential"
};
const char* to_string(protection p) noexcept;  // "safe", "private", "confidential"
// The protection a code carries (631-633), or none.
protection protection_of(uint16_t code) noexcept;

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
error open_protected(std::string_view reply, unseal_fn unseal, void* context,
                     uint8_t* scratch, size_t scratch_capacity, char* clear,
                     size_t clear_capacity, size_t* clear_length,
                     protection* level) noexcept;

// Wraps a cleartext reply: seals it with `seal` into `scratch`, then writes
// the base64 as a 631/632/633 reply of lines of at most 76 base64 bytes to
// out[0..*length). buffer_too_small with *length the size needed when out
// is too small (the seal runs first, so the size is exact).
error encode_protected(protection level, std::string_view cleartext,
                       seal_fn seal, void* context, uint8_t* scratch,
                       size_t scratch_capacity, char* out, size_t capacity,
                       size_t* length) noexcept;

}  // namespace ftpreply

#endif  // FTPREPLY_CODEC_H
