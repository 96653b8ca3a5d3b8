// SPDX-License-Identifier: Apache-2.0
// ftpreply/zos.h - the lines of a z/OS FTP client API transcript.
//
// The z/OS FTP client API reports each subcommand with a status line
//   [EZA2121I ]Command(ee-ss-cccc-rrr):
// ee the client error code (00: none), ss the subcommand code (blank on INIT
// without an implicit OPEN), cccc the last FTP command sent (blank when none),
// rrr the server's last reply to it (blank when none). Around it a
// transcript holds client messages ("EZA1701I text", or the text alone when
// message IDs are off), the commands sent (">>> CWD /u/user33/", with or
// without a message ID) and the server's replies ("250 text").
//
//   ftpreply::zos_line l = ftpreply::classify_zos_line("EZA2121I Command(00-07-CWD -250):");
//   // l.kind == zos_line_kind::status, l.status.command == "CWD", l.status.reply == 250
#ifndef FTPREPLY_ZOS_H
#define FTPREPLY_ZOS_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/attributes.h"
#include "ftpreply/error.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

struct zos_status {
  std::string_view message_id;  // "EZA2121I", or empty when absent
  int client_error = 0;         // 0-99
  int subcommand = -1;          // 0-99, or -1 when blank
  std::string_view command;     // 1-4 characters, trailing blanks removed; empty when blank
  int reply = -1;               // 0-999, or -1 when blank
};

// Parses a status line (trailing blanks allowed). malformed when it is not
// one.
[[nodiscard]] error parse_zos_status(std::string_view line, zos_status* out) noexcept;

// Writes a status line (with its message ID when one is set) to
// out[0..*length), or buffer_too_small with *length the size needed.
// invalid_argument for fields out of range (a message ID not of the form
// AAAnnnnA, a command over 4 characters or with a blank inside).
[[nodiscard]] error format_zos_status(const zos_status& s, char* out, size_t capacity,
                        size_t* length) noexcept;

enum class zos_line_kind : uint8_t {
  message,  // a client message (with or without its message ID)
  command,  // a command sent to the server (">>> ...")
  reply,    // a server reply line ("ddd text" or "ddd-text")
  status,   // the API status line
};
[[nodiscard]] const char* to_string(zos_line_kind k) noexcept;

struct zos_line {
  zos_line_kind kind = zos_line_kind::message;
  std::string_view message_id;  // message, command, status: the ID if present
  std::string_view text;        // message: its text; command: the command sent;
                                // reply: the text after the code
  uint16_t code = 0;            // reply: the code
  char separator = 0;           // reply: ' ' or '-' (0 for a bare code)
  zos_status status;            // status: the fields
};

// What a transcript line is (its line end, if any, removed first). Never
// fails: a line that is nothing else is a message.
[[nodiscard]] zos_line classify_zos_line(std::string_view line FTPREPLY_LIFETIME_BOUND) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_ZOS_H
