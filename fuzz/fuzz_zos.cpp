// SPDX-License-Identifier: Apache-2.0
// fuzz_zos: the z/OS FTP client API line parser.
//
// Invariants checked:
//  1. classify_zos_line answers for any line, with views into it.
//  2. A status line formats back to itself (blanks trimmed) and reparses
//     to the same fields.
//  3. A reply has a three-digit code and a separator of ' ', '-' or none.
//
// Input: the line.
#include "ftpreply/zos.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ftpreply::error;
  const std::string line(reinterpret_cast<const char*>(data), size);
  const ftpreply::zos_line l = ftpreply::classify_zos_line(line);
  ftpreply_fuzz::check(ftpreply_fuzz::inside(l.message_id, line) &&
                           ftpreply_fuzz::inside(l.text, line),
                       "a view outside the line");
  if (l.kind == ftpreply::zos_line_kind::reply)
    ftpreply_fuzz::check(l.code <= 999 && (l.separator == 0 || l.separator == ' ' ||
                                           l.separator == '-'),
                         "bad reply");
  if (l.kind != ftpreply::zos_line_kind::status) return 0;
  char buf[64];
  size_t n = 0;
  ftpreply_fuzz::check(ftpreply::format_zos_status(l.status, buf, sizeof buf, &n) == error::ok,
                       "format refused a parsed status");
  ftpreply::zos_status again;
  ftpreply_fuzz::check(ftpreply::parse_zos_status(std::string_view(buf, n), &again) == error::ok,
                       "reparse failed");
  ftpreply_fuzz::check(again.message_id == l.status.message_id &&
                           again.client_error == l.status.client_error &&
                           again.subcommand == l.status.subcommand &&
                           again.command == l.status.command && again.reply == l.status.reply,
                       "reparse differs");
  return 0;
}
