// SPDX-License-Identifier: Apache-2.0
// ftpreply/reply_string.h - a server's replies in one call each, appended to
// a std::string (which grows as needed: this header allocates; encode.h is
// the allocation-free form).
//
//   std::string out;
//   ftpreply::append_reply(out, 220, "ready");                 // "220 ready\r\n"
//   ftpreply::append_pasv_reply(out, ep);                      // 227
//   ftpreply::append_pathname_reply(out, "/a \"b\"", "is current");  // 257
//   send(fd, out.data(), out.size(), 0);
//
// Each returns what the formatter or encoder would (invalid_argument for an
// argument it cannot write) and leaves `out` unchanged on an error. Text
// follows encode_reply's rules: lines split at CR LF, LF or CR, a trailing
// line end makes no extra line, a middle line starting with digits gets a
// protecting space.
#ifndef FTPREPLY_REPLY_STRING_H
#define FTPREPLY_REPLY_STRING_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ftpreply/attributes.h"
#include "ftpreply/encode.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// Any reply: `code` (100-659) and its text.
[[nodiscard]] error append_reply(std::string& out, uint16_t code, std::string_view text);

// 227 "Entering Passive Mode (h1,h2,h3,h4,p1,p2)." (IPv4).
[[nodiscard]] error append_pasv_reply(std::string& out, const endpoint& ep);
// 229 "Entering Extended Passive Mode (|||port|)".
[[nodiscard]] error append_epsv_reply(std::string& out, uint16_t port);
// 257 "\"path\" comment", quotes in the path doubled.
[[nodiscard]] error append_pathname_reply(std::string& out, std::string_view path,
                                          std::string_view comment);
// 213 after SIZE: the byte count.
[[nodiscard]] error append_size_reply(std::string& out, uint64_t size);
// 213 after MDTM: "YYYYMMDDHHMMSS[.F...]".
[[nodiscard]] error append_mdtm_reply(std::string& out, const timestamp& t);
// 211 after FEAT: "Features:", one line per feature, "End".
[[nodiscard]] error append_features_reply(std::string& out, const feature* features,
                                          size_t count);
// 214 after HELP: the text, one line or many.
[[nodiscard]] error append_help_reply(std::string& out, std::string_view text);

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_REPLY_STRING_H
