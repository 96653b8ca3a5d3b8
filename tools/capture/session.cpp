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
        const size_t before = pending();
        take_line(ts);
        queued += pending() != before || before == max_pending;
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
  if (pending() == max_pending) pop();
  pending_.push_back(std::move(c));
}

void command_pairing::pop() {
  ++head_;
  if (head_ * 2 >= pending_.size()) {
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
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
  if (pending() == 0) return nullptr;
  if (e.is_reply() && code / 100 == 1) return &pending_[head_];
  taken_ = std::move(pending_[head_]);
  pop();
  return &taken_;
}

// --- the log ---------------------------------------------------------------------

namespace {

const char* const kGuestUsers[] = {"anonymous", "ftp", "ftpuser", "guest"};

// Commands whose argument names a file or directory: logged as a URL.
const char* const kFileCommands[] = {"APPE", "CWD", "DELE", "MKD", "RETR", "RMD", "RNFR",
                                     "RNTO", "STOR", "STOU", "REST", "SIZE", "MDTM"};

// s == lit, the length first (most verbs differ in it or in the first byte).
template <size_t N>
bool same(const std::string& s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

bool one_of(const std::string& s, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (s.size() == std::strlen(list[i]) && s[0] == list[i][0] && s == list[i]) return true;
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
  static const std::vector<std::string> set = {"ACCT", "APPE", "DELE", "EPRT", "EPSV",
                                               "PASV", "PORT", "RETR", "STOR", "STOU"};
  return set;
}

bool log_options::logs(const std::string& verb) const {
  if (all) return true;
  const std::vector<std::string>& set = commands.empty() ? zeek_default_commands() : commands;
  return std::binary_search(set.begin(), set.end(), verb);
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
  const command* const end = pairing_.pending_end();
  for (const command* c = end - std::min(queued, pairing_.pending()); c != end; ++c) {
    if (same(c->verb, "USER")) {
      user_ = cut(c->arg, max_user_length);
    } else if (same(c->verb, "PASS")) {
      password_ = cut(c->arg, max_password_length);
      has_password_ = true;
    }
  }
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
    if (e.code() == 150 && same(c->verb, "RETR") && bytes_announced(e.first_line_text(), &n)) {
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
  for (const command* c = pairing_.pending_begin(); c != pairing_.pending_end(); ++c)
    finish(*c, nullptr, rows);
  if (rows_ == 0 && last_) {
    rows->push_back(row(*last_));
    last_.reset();
    ++rows_;
  }
}

// The command's part of its row, from what the session knows now, before
// the command's own effect (a CWD's URL names the directory it changes to
// from here).
void ftp_session::take(const command& c, const ftpreply::event* reply, finished* f) const {
  f->c = c;
  f->cwd = cwd_;
  f->user = user_;
  f->password = password_;
  f->has_password = has_password_;
  f->has_reply = reply != nullptr;
  f->has_size = f->has_channel = false;
  if (reply != nullptr) {
    f->code = reply->code();
    f->msg = cut(std::string(reply->last_line_text()), max_reply_msg_length);
    const ftpreply::decode_mode lenient = ftpreply::decode_mode::lenient;
    if (same(c.verb, "SIZE") && f->code == 213) {
      f->has_size = ftpreply::decode_size(*reply, lenient, &f->size) == ftpreply::error::ok;
    } else if (same(c.verb, "PASV") && f->code == 227) {
      ftpreply::endpoint ep;
      if (ftpreply::decode_pasv(*reply, lenient, &ep) == ftpreply::error::ok) {
        char text[INET6_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, ep.address, text, sizeof text);
        f->has_channel = f->passive = true;
        f->channel_h = text;
        f->channel_p = ep.port;
      }
    } else if (same(c.verb, "EPSV") && f->code == 229) {
      if (ftpreply::decode_epsv(*reply, lenient, &f->channel_p) == ftpreply::error::ok) {
        f->has_channel = f->passive = true;
        f->channel_h.clear();  // the server's own address
      }
    }
  }
  if (same(c.verb, "PORT") || same(c.verb, "EPRT")) {  // the client listens; the server connects
    f->passive = false;
    f->has_channel = same(c.verb, "PORT") ? parse_port(c.arg, &f->channel_h, &f->channel_p)
                                          : parse_eprt(c.arg, &f->channel_h, &f->channel_p);
  }
  if (same(c.verb, "RETR")) {
    if (has_preliminary_size_) {
      f->has_size = true;
      f->size = preliminary_size_;
    } else if (has_size_ && size_path_ == resolve(cwd_, c.arg)) {
      f->has_size = true;
      f->size = size_;
    }
  }
}

ftp_record ftp_session::row(const finished& f) {
  if (!ids_) {  // the connection's fields, made once
    ids_ = std::make_unique<ftp_record>();
    ids_->uid = connection_uid(client_, client_port_, server_, server_port_, start_);
    ids_->orig_h = address_text(client_);
    ids_->orig_p = client_port_;
    ids_->resp_h = address_text(server_);
    ids_->resp_p = server_port_;
  }
  ftp_record r = *ids_;
  const command& c = f.c;
  r.ts = c.ts;
  r.user = f.user;
  const bool guest = one_of(lower(f.user), kGuestUsers, 4);
  const bool hide = !opt_.show_passwords && !guest;
  r.has_password = f.has_password;
  r.password = hide && f.has_password ? "<hidden>" : f.password;
  r.command = c.verb;
  // A file command's argument as Zeek's URL: the server's address (IPv6
  // in brackets) and the path from the directory.
  if (one_of(c.verb, kFileCommands, sizeof kFileCommands / sizeof *kFileCommands))
    r.arg = "ftp://" + (server_.v6 ? "[" + r.resp_h + "]" : r.resp_h) + resolve(f.cwd, c.arg);
  else
    r.arg = same(c.verb, "PASS") && hide ? std::string("<hidden>") : c.arg;
  r.arg = cut(r.arg, max_arg_length);
  r.has_arg = !r.arg.empty();
  r.has_reply = f.has_reply;
  r.reply_code = f.code;
  r.reply_msg = f.msg;
  r.has_file_size = f.has_size;
  r.file_size = f.size;
  if (f.has_channel) {
    r.has_data_channel = true;
    r.passive = f.passive;
    // Passive: the client connects to the address the reply gave (EPSV:
    // the server's own). Active: the server connects to the client's.
    r.data_orig_h = f.passive ? r.orig_h : r.resp_h;
    r.data_resp_h = f.channel_h.empty() ? r.resp_h : f.channel_h;
    r.data_resp_p = f.channel_p;
  }
  return r;
}

void ftp_session::finish(const command& c, const ftpreply::event* reply,
                         std::vector<ftp_record>* rows) {
  const bool log = opt_.logs(c.verb);
  // A row is built only when it is written; until the session writes
  // one, the last finished command is kept for the row it may still need.
  if (log) {
    finished f;
    take(c, reply, &f);
    rows->push_back(row(f));
    ++rows_;
    last_.reset();
  } else if (rows_ == 0) {
    if (!last_) last_ = std::make_unique<finished>();
    take(c, reply, last_.get());
  }
  if (reply == nullptr) return;
  // The command's effect on the session, once its reply says it took.
  const uint16_t code = reply->code();
  if (same(c.verb, "CWD") && code == 250) {
    cwd_ = resolve(cwd_, c.arg);
  } else if (same(c.verb, "CDUP") && (code == 200 || code == 250)) {
    cwd_ = resolve(cwd_, "..");
  } else if ((same(c.verb, "PWD") || same(c.verb, "XPWD")) && code == 257) {
    char path[1024];
    size_t n = 0;
    if (ftpreply::decode_pathname(*reply, ftpreply::decode_mode::lenient, path, sizeof path, &n) ==
            ftpreply::error::ok &&
        n > 0 && path[0] == '/')
      cwd_ = resolve("/", std::string(path, n));
  } else if (same(c.verb, "SIZE") && code == 213) {
    uint64_t n = 0;
    if (ftpreply::decode_size(*reply, ftpreply::decode_mode::lenient, &n) == ftpreply::error::ok) {
      size_path_ = resolve(cwd_, c.arg);
      size_ = n;
      has_size_ = true;
    }
  }
}

}  // namespace ftpreply_capture
