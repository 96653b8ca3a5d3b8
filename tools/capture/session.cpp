// SPDX-License-Identifier: Apache-2.0
#include "session.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "ftpreply/decode.h"

namespace ftpreply_capture {

// --- pairing -------------------------------------------------------------------

size_t command_pairing::client_bytes(const uint8_t* p, size_t n, double ts) {
  size_t queued = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = static_cast<char>(p[i]);
    if (c == '\n') {
      if (!skip_line_) {
        const size_t before = pending_.size();
        take_line(ts);
        queued += pending_.size() != before || before == max_pending;
      }
      line_.clear();
      skip_line_ = false;
    } else if (!skip_line_ && line_.size() < max_command_line) {
      line_ += c;
    }
  }
  return queued;
}

void command_pairing::client_gap() {
  line_.clear();
  skip_line_ = true;
}

void command_pairing::take_line(double ts) {
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  if (line_.empty()) return;
  const size_t sp = line_.find(' ');
  command c;
  c.verb = line_.substr(0, sp);
  for (char& ch : c.verb)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  if (sp != std::string::npos) c.arg = line_.substr(sp + 1);
  c.ts = ts;
  if (pending_.size() == max_pending) pending_.erase(pending_.begin());
  pending_.push_back(std::move(c));
}

const command* command_pairing::answer(const ftpreply::event& e) {
  const uint16_t code = e.code();  // 0 for an error span
  if (!greeted_) {
    // Before the greeting: 120 promises it, 220 or 421 is it, and an error
    // span stands where it was due. Any other reply means the capture
    // joined the connection later: pair it as usual.
    if (!e.is_reply() || code == 120) return nullptr;
    greeted_ = true;
    if (code == 220 || code == 421) return nullptr;
  }
  if (pending_.empty()) return nullptr;
  if (e.is_reply() && code / 100 == 1) return &pending_.front();
  taken_ = std::move(pending_.front());
  pending_.erase(pending_.begin());
  return &taken_;
}

// --- the log ---------------------------------------------------------------------

namespace {

const char* const kGuestUsers[] = {"anonymous", "ftp", "ftpuser", "guest"};

// Commands whose argument names a file or directory: logged as a URL.
const char* const kFileCommands[] = {"APPE", "CWD", "DELE", "MKD", "RETR", "RMD", "RNFR",
                                     "RNTO", "STOR", "STOU", "REST", "SIZE", "MDTM"};

bool one_of(const std::string& s, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (s == list[i]) return true;
  return false;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string cut(const std::string& s, size_t most) { return s.size() > most ? s.substr(0, most) : s; }

// `path` made absolute against `cwd`, with ".", ".." and empty parts taken
// out ("/a/./b/../c" is "/a/c"; ".." at the root stays at the root).
std::string resolve(const std::string& cwd, const std::string& path) {
  const std::string all = !path.empty() && path[0] == '/' ? path : cwd + "/" + path;
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= all.size()) {
    const size_t j = std::min(all.find('/', i), all.size());
    const std::string part = all.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

// "(N bytes)" in a 150 reply's text, as servers announce a download's size.
bool bytes_announced(std::string_view text, uint64_t* n) {
  for (size_t at = text.find('('); at != std::string_view::npos; at = text.find('(', at + 1)) {
    size_t k = at + 1;
    uint64_t v = 0;
    while (k < text.size() && text[k] >= '0' && text[k] <= '9' && v < (uint64_t{1} << 60))
      v = v * 10 + static_cast<uint64_t>(text[k++] - '0');
    if (k > at + 1 && text.substr(k, 7) == " bytes)") {
      *n = v;
      return true;
    }
  }
  return false;
}

// PORT h1,h2,h3,h4,p1,p2 (RFC 959): the address and port a client listens on.
bool parse_port(const std::string& arg, std::string* host, uint16_t* port) {
  unsigned v[6];
  size_t at = 0;
  for (int i = 0; i < 6; ++i) {
    if (i && (at >= arg.size() || arg[at++] != ',')) return false;
    size_t k = at;
    unsigned n = 0;
    while (k < arg.size() && arg[k] >= '0' && arg[k] <= '9' && k - at < 3) n = n * 10 + (arg[k++] - '0');
    if (k == at || n > 255) return false;
    v[i] = n;
    at = k;
  }
  if (at != arg.size() || (v[4] == 0 && v[5] == 0)) return false;
  *host = std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]) + "." +
          std::to_string(v[3]);
  *port = static_cast<uint16_t>(v[4] << 8 | v[5]);
  return true;
}

// EPRT |1|addr|port| or |2|addr|port| (RFC 2428), any delimiter 33-126.
bool parse_eprt(const std::string& arg, std::string* host, uint16_t* port) {
  if (arg.size() < 7 || arg[0] < 33 || arg[0] > 126) return false;
  const char d = arg[0];
  const size_t a = arg.find(d, 1), b = a == std::string::npos ? a : arg.find(d, a + 1),
               c = b == std::string::npos ? b : arg.find(d, b + 1);
  if (c == std::string::npos || c + 1 != arg.size()) return false;
  const std::string proto = arg.substr(1, a - 1), addr = arg.substr(a + 1, b - a - 1),
                    p = arg.substr(b + 1, c - b - 1);
  if (proto != "1" && proto != "2") return false;
  unsigned char bytes[16];
  if (inet_pton(proto == "1" ? AF_INET : AF_INET6, addr.c_str(), bytes) != 1) return false;
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  const unsigned long n = std::stoul(p);
  if (n == 0 || n > 65535) return false;
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(proto == "1" ? AF_INET : AF_INET6, bytes, text, sizeof text);
  *host = text;
  *port = static_cast<uint16_t>(n);
  return true;
}

uint64_t fnv1a(const void* p, size_t n, uint64_t h) {
  const unsigned char* b = static_cast<const unsigned char*>(p);
  for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3u;
  return h;
}

}  // namespace

const std::vector<std::string>& zeek_default_commands() {
  static const std::vector<std::string> set = {"APPE", "DELE", "RETR", "STOR", "STOU",
                                               "ACCT", "PORT", "PASV", "EPRT", "EPSV"};
  return set;
}

std::string connection_uid(const address& client, uint16_t client_port, const address& server,
                           uint16_t server_port, double start) {
  unsigned char key[16 + 16 + 2 + 2 + 8];
  std::memcpy(key, client.bytes, 16);
  std::memcpy(key + 16, server.bytes, 16);
  std::memcpy(key + 32, &client_port, 2);
  std::memcpy(key + 34, &server_port, 2);
  std::memcpy(key + 36, &start, 8);
  static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string uid = "C";
  uint64_t h = fnv1a(key, sizeof key, 0xcbf29ce484222325u);
  for (int i = 0; i < 8; ++i, h /= 62) uid += digits[h % 62];
  h = fnv1a(key, sizeof key, 0x84222325cbf29ce4u);
  for (int i = 0; i < 9; ++i, h /= 62) uid += digits[h % 62];
  return uid;
}

ftp_session::ftp_session(const log_options& opt, const address& client, uint16_t client_port,
                         const address& server, uint16_t server_port, double start)
    : opt_(opt),
      client_(client),
      server_(server),
      client_port_(client_port),
      server_port_(server_port),
      start_(start) {}

void ftp_session::client_bytes(const uint8_t* p, size_t n, double ts) {
  const size_t queued = pairing_.client_bytes(p, n, ts);
  // USER and PASS take effect when sent, as Zeek has them.
  const std::vector<command>& pending = pairing_.pending_commands();
  for (size_t i = pending.size() - std::min(queued, pending.size()); i < pending.size(); ++i) {
    const command& c = pending[i];
    if (c.verb == "USER") {
      user_ = cut(c.arg, max_user_length);
    } else if (c.verb == "PASS") {
      password_ = cut(c.arg, max_password_length);
      has_password_ = true;
    }
  }
}

bool ftp_session::logged(const std::string& verb) const {
  if (opt_.all) return true;
  const std::vector<std::string>& set = opt_.commands.empty() ? zeek_default_commands() : opt_.commands;
  return std::find(set.begin(), set.end(), verb) != set.end();
}

const command* ftp_session::server_event(const ftpreply::event& e, std::vector<ftp_record>* rows) {
  const bool greeting = !pairing_.greeted();
  const command* c = pairing_.answer(e);
  if (rows == nullptr) return c;
  if (c == nullptr) {
    // The greeting is the command "<init>", sent when the connection began.
    if (greeting && e.is_reply() && e.code() / 100 != 1) {
      command init;
      init.verb = "<init>";
      init.ts = start_;
      finish(init, &e, rows);
    }
    return nullptr;
  }
  if (e.is_reply() && e.code() / 100 == 1) {
    uint64_t n = 0;
    if (e.code() == 150 && c->verb == "RETR" && bytes_announced(e.first_line_text(), &n)) {
      preliminary_size_ = n;
      has_preliminary_size_ = true;
    }
    return c;
  }
  finish(*c, e.is_reply() ? &e : nullptr, rows);
  has_preliminary_size_ = false;
  return c;
}

void ftp_session::close(std::vector<ftp_record>* rows) {
  for (const command& c : pairing_.pending_commands()) finish(c, nullptr, rows);
  if (rows_ == 0 && last_) {
    rows->push_back(std::move(*last_));
    last_.reset();
    ++rows_;
  }
}

// The command's row, from what the session knows now, before the command's
// own effect (a CWD's URL names the directory it changes to from here).
ftp_record ftp_session::record_of(const command& c, const ftpreply::event* reply) const {
  ftp_record r;
  r.uid = connection_uid(client_, client_port_, server_, server_port_, start_);
  r.orig_h = address_text(client_);
  r.orig_p = client_port_;
  r.resp_h = address_text(server_);
  r.resp_p = server_port_;
  r.ts = c.ts;
  r.user = user_;
  const bool guest = one_of(lower(user_), kGuestUsers, 4);
  const bool hide = !opt_.show_passwords && !guest;
  r.has_password = has_password_;
  r.password = hide && has_password_ ? "<hidden>" : password_;
  r.command = c.verb;
  // A file command's argument as Zeek's URL: the server's address (IPv6
  // in brackets) and the path from the current directory.
  r.arg = one_of(c.verb, kFileCommands, sizeof kFileCommands / sizeof *kFileCommands)
              ? "ftp://" + (server_.v6 ? "[" + r.resp_h + "]" : r.resp_h) + resolve(cwd_, c.arg)
              : c.verb == "PASS" && hide ? std::string("<hidden>") : c.arg;
  r.arg = cut(r.arg, max_arg_length);
  r.has_arg = !r.arg.empty();
  if (reply != nullptr) {
    r.has_reply = true;
    r.reply_code = reply->code();
    r.reply_msg = cut(std::string(reply->last_line_text()), max_reply_msg_length);
    const ftpreply::decode_mode lenient = ftpreply::decode_mode::lenient;
    if (c.verb == "SIZE" && reply->code() == 213) {
      r.has_file_size = ftpreply::decode_size(*reply, lenient, &r.file_size) == ftpreply::error::ok;
    } else if ((c.verb == "PASV" && reply->code() == 227) ||
               (c.verb == "EPSV" && reply->code() == 229)) {
      ftpreply::endpoint ep;
      uint16_t port = 0;
      bool ok = false;
      if (reply->code() == 227) {
        ok = ftpreply::decode_pasv(*reply, lenient, &ep) == ftpreply::error::ok;
        char text[INET6_ADDRSTRLEN] = {};
        if (ok) inet_ntop(AF_INET, ep.address, text, sizeof text);
        r.data_resp_h = text;
        port = ep.port;
      } else {
        ok = ftpreply::decode_epsv(*reply, lenient, &port) == ftpreply::error::ok;
        r.data_resp_h = r.resp_h;  // EPSV names the server's own address
      }
      if (ok) {
        r.has_data_channel = r.passive = true;
        r.data_orig_h = r.orig_h;
        r.data_resp_p = port;
      }
    }
  }
  if (c.verb == "PORT" || c.verb == "EPRT") {  // the client listens; the server connects
    uint16_t port = 0;
    if (c.verb == "PORT" ? parse_port(c.arg, &r.data_resp_h, &port)
                         : parse_eprt(c.arg, &r.data_resp_h, &port)) {
      r.has_data_channel = true;
      r.passive = false;
      r.data_orig_h = r.resp_h;
      r.data_resp_p = port;
    }
  }
  if (c.verb == "RETR") {
    if (has_preliminary_size_) {
      r.has_file_size = true;
      r.file_size = preliminary_size_;
    } else if (has_size_ && size_path_ == resolve(cwd_, c.arg)) {
      r.has_file_size = true;
      r.file_size = size_;
    }
  }
  return r;
}

void ftp_session::finish(const command& c, const ftpreply::event* reply,
                         std::vector<ftp_record>* rows) {
  const bool log = logged(c.verb);
  // Only a row that may be written is built: the session that has written
  // one needs no last row.
  if (log || rows_ == 0) {
    ftp_record r = record_of(c, reply);
    if (log) {
      rows->push_back(std::move(r));
      ++rows_;
      last_.reset();
    } else if (last_) {
      *last_ = std::move(r);
    } else {
      last_ = std::make_unique<ftp_record>(std::move(r));
    }
  }
  if (reply == nullptr) return;
  // The command's effect on the session, once its reply says it took.
  const uint16_t code = reply->code();
  if (c.verb == "CWD" && code == 250) {
    cwd_ = resolve(cwd_, c.arg);
  } else if (c.verb == "CDUP" && (code == 200 || code == 250)) {
    cwd_ = resolve(cwd_, "..");
  } else if ((c.verb == "PWD" || c.verb == "XPWD") && code == 257) {
    char path[1024];
    size_t n = 0;
    if (ftpreply::decode_pathname(*reply, ftpreply::decode_mode::lenient, path, sizeof path, &n) ==
            ftpreply::error::ok &&
        n > 0 && path[0] == '/')
      cwd_ = resolve("/", std::string(path, n));
  } else if (c.verb == "SIZE" && code == 213) {
    uint64_t n = 0;
    if (ftpreply::decode_size(*reply, ftpreply::decode_mode::lenient, &n) == ftpreply::error::ok) {
      size_path_ = resolve(cwd_, c.arg);
      size_ = n;
      has_size_ = true;
    }
  }
}

}  // namespace ftpreply_capture
