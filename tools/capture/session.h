// SPDX-License-Identifier: Apache-2.0
// A control connection's dialogue: the client's command lines, which
// command each of the server's replies answers, and what Zeek's ftp.log
// records of the session.
//
// Pairing (command_pairing) follows RFC 959 section 5.4:
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
//   p.client_bytes(bytes, n, ts);              // as the client's bytes come
//   const command* c = p.answer(event);        // for each server event
//   // c: the command it answers, or nullptr; valid until the next call
//
// The log (ftp_session) is Zeek's ftp.log, written from its documented
// fields: one ftp_record per command when its final reply (or the error
// standing for it) comes, for the commands the options select, and at the
// connection's end one per command still unanswered. See ftp_record.
#ifndef FTPREPLY_TOOLS_CAPTURE_SESSION_H
#define FTPREPLY_TOOLS_CAPTURE_SESSION_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ftpreply/scanner.h"
#include "packet.h"

namespace ftpreply_capture {

struct command {
  std::string verb;  // upper case
  std::string arg;   // the rest of the line after the first space
  double ts = 0;     // capture time of the packet that ended its line
};

class command_pairing {
 public:
  static constexpr size_t max_command_line = 4096;  // longer lines are cut
  static constexpr size_t max_pending = 64;         // oldest dropped past it

  // The client's bytes, in order, from a packet captured at `ts`: each
  // complete line is a command. Returns how many it queued (the newest
  // pending ones).
  size_t client_bytes(const uint8_t* p, size_t n, double ts);
  // Client bytes were lost: the line they cut is dropped.
  void client_gap();

  // The command the server's event answers, or nullptr (the greeting, or
  // nothing pending). Valid until the next call.
  const command* answer(const ftpreply::event& e);

  // The connection's own first reply has been seen (or skipped: the
  // capture joined the connection later).
  bool greeted() const { return greeted_; }
  size_t pending() const { return pending_.size() - head_; }
  // The commands awaiting replies, oldest first.
  const command* pending_begin() const { return pending_.data() + head_; }
  const command* pending_end() const { return pending_.data() + pending_.size(); }

 private:
  void take_line(double ts);
  void pop();

  std::string line_;  // the client's open command line
  bool skip_line_ = false;
  bool greeted_ = false;
  // Pending commands from head_ on (a few: no deque's 512-byte block; the
  // front is taken by moving head_, compacted when half is taken).
  std::vector<command> pending_;
  size_t head_ = 0;
  command taken_;
};

// One row of Zeek's ftp.log. A field whose `has_` flag is false is unset
// (`-` in TSV, left out of JSON); mime_type and fuid are always unset (they
// need the data connections).
struct ftp_record {
  double ts = 0;             // when the command was sent (the greeting: the connection's start)
  std::string uid;           // the connection's, stable for the same capture
  std::string orig_h, resp_h;
  uint16_t orig_p = 0, resp_p = 0;
  std::string user;          // "<unknown>" before USER
  bool has_password = false;
  std::string password;      // "<hidden>" unless shown (anonymous logins keep it)
  std::string command;       // the verb, or "<init>" for the greeting
  bool has_arg = false;
  std::string arg;           // a file command's ftp://server/path URL
  bool has_file_size = false;
  uint64_t file_size = 0;
  bool has_reply = false;
  uint16_t reply_code = 0;
  std::string reply_msg;     // the final reply's last line's text
  bool has_data_channel = false;
  bool passive = false;
  std::string data_orig_h, data_resp_h;
  uint16_t data_resp_p = 0;
};

struct log_options {
  // Commands that get a row, sorted; empty with `all` false means Zeek's
  // default set (APPE, DELE, RETR, STOR, STOU, ACCT, PORT, PASV, EPRT,
  // EPSV).
  std::vector<std::string> commands;
  bool all = false;             // every command, "<init>" included
  bool show_passwords = false;  // otherwise "<hidden>" but for guest users
  bool logs(const std::string& verb) const;
};

// The commands a row is written for by default, as Zeek's logged_commands
// (sorted).
const std::vector<std::string>& zeek_default_commands();

// Zeek's limits on logged fields (bytes).
constexpr size_t max_user_length = 128, max_password_length = 128;
constexpr size_t max_arg_length = 4096, max_reply_msg_length = 4096;

// A stable uid for a connection: "C" and 17 base62 characters from its
// addresses, ports and the time of its first packet.
std::string connection_uid(const address& client, uint16_t client_port, const address& server,
                           uint16_t server_port, double start);

class ftp_session {
 public:
  ftp_session(const log_options& opt, const address& client, uint16_t client_port,
              const address& server, uint16_t server_port, double start);

  void client_bytes(const uint8_t* p, size_t n, double ts);
  void client_gap() { pairing_.client_gap(); }

  // A server event: the command it answers, or nullptr (as
  // command_pairing::answer()). A row it completes is appended to *rows;
  // with rows null the session only pairs (no row is built).
  const command* server_event(const ftpreply::event& e, std::vector<ftp_record>* rows);

  // The connection ended: a row per selected command still unanswered,
  // and, when the session wrote no row at all, its last command's row.
  void close(std::vector<ftp_record>* rows);

 private:
  // What a row takes from the session when its command finishes: the
  // reply's fields (while its bytes are there), the data channel and the
  // size, the directory before the command's effect, the login.
  struct finished {
    command c;
    bool has_reply = false;
    uint16_t code = 0;
    std::string msg;
    bool has_size = false;
    uint64_t size = 0;
    bool has_channel = false, passive = false;  // not passive: the server connects
    std::string channel_h;
    uint16_t channel_p = 0;
    std::string cwd, user, password;
    bool has_password = false;
  };
  void finish(const command& c, const ftpreply::event* reply, std::vector<ftp_record>* rows);
  void take(const command& c, const ftpreply::event* reply, finished* f) const;
  ftp_record row(const finished& f);

  // What every session holds, kept small: 100,000 flows hold one each.
  const log_options& opt_;
  command_pairing pairing_;
  address client_, server_;
  uint16_t client_port_, server_port_;
  double start_;
  std::string user_ = "<unknown>";
  bool has_password_ = false;
  std::string password_;
  std::string cwd_ = "/";
  // The last SIZE answered with a size: a later RETR of the same path
  // without "(N bytes)" in its 150 reply takes it.
  std::string size_path_;
  uint64_t size_ = 0;
  bool has_size_ = false;
  uint64_t preliminary_size_ = 0;  // "(N bytes)" of the 150 to the pending RETR
  bool has_preliminary_size_ = false;
  uint64_t rows_ = 0;
  // The connection's fields of a row, made with the first row.
  std::unique_ptr<ftp_record> ids_;
  // The last finished command while the session has written no row: the
  // one row a session that logged nothing still gets.
  std::unique_ptr<finished> last_;
};

}  // namespace ftpreply_capture

#endif
