// SPDX-License-Identifier: Apache-2.0
// A control connection's dialogue: the client's command lines, and which
// command each of the server's replies answers (RFC 959 section 5.4):
// - the first reply on a connection (120, then 220; or 220; or 421) is the
//   connection's own: it answers no command, whenever the client spoke;
// - a 1xx reply and the final reply after it answer the same command;
// - an error span (a line with no code, a bad code or separator, a gap)
//   stands where a reply was due, so it answers the command that reply
//   would have: nothing after it shifts. A corrupted 1xx reply cannot be
//   told from a final one, and is taken as final. A gap is one error span
//   too, but the bytes it lost may have held several replies: after a gap
//   that swallowed more than one, the pairs shift (the first reply after
//   it carries the flag after_gap).
//
//   ftpreply_capture::command_pairing p;
//   p.client_bytes(bytes, n);                  // as the client's bytes come
//   const command* c = p.answer(event);        // for each server event
//   // c: the command it answers, or nullptr; valid until the next call
#ifndef FTPREPLY_TOOLS_CAPTURE_SESSION_H
#define FTPREPLY_TOOLS_CAPTURE_SESSION_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ftpreply/scanner.h"

namespace ftpreply_capture {

struct command {
  std::string verb;  // upper case
  std::string arg;   // the rest of the line after the first space
};

class command_pairing {
 public:
  static constexpr size_t max_command_line = 4096;  // longer lines are cut
  static constexpr size_t max_pending = 64;         // oldest dropped past it

  // The client's bytes, in order: each complete line is a command.
  void client_bytes(const uint8_t* p, size_t n);
  // Client bytes were lost: the line they cut is dropped.
  void client_gap();

  // The command the server's event answers, or nullptr (the greeting, or
  // nothing pending). Valid until the next call.
  const command* answer(const ftpreply::event& e);

  size_t pending() const { return pending_.size(); }

 private:
  void take_line();

  std::string line_;  // the client's open command line
  bool skip_line_ = false;
  bool greeted_ = false;  // the connection's own first reply has been seen
  std::vector<command> pending_;  // a few: no deque's 512-byte block
  command taken_;
};

}  // namespace ftpreply_capture

#endif
