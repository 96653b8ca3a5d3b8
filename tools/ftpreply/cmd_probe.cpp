// SPDX-License-Identifier: Apache-2.0
// ftpreply probe: a real FTP client on the kernel. It runs a fixed session
// against a server, reads the control connection with a reply_reader in
// whatever pieces the socket gives, follows PASV and EPSV to data
// connections, takes the server's connections after PORT and EPRT, and
// reports every reply and which framing rules the
// server bends. POSIX sockets; every wait is bounded.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "cli.h"
#include "ftpreply/posix.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply probe [OPTIONS] HOST PORT\n"
    "\n"
    "Logs in to an FTP server and runs a fixed session: SYST, FEAT, HELP, PWD,\n"
    "TYPE I, MKD (expected to be refused; removed again if not), CWD DIR, CDUP,\n"
    "PASV then LIST, EPSV then NLST (each data connection opened at the address\n"
    "the reply gave), SIZE, MDTM, EPSV then RETR of the file, PORT then LIST and\n"
    "EPRT then NLST (the server connecting to 127.0.0.1), STAT of a directory,\n"
    "REST, an unknown command, OPTS UTF8\n"
    "ON, QUIT. Prints one JSON object per reply (the fields of 'ftpreply scan',\n"
    "plus \"command\" and the decoded \"payload\"), one per data transfer, and a\n"
    "summary: what lenient mode flagged and what strict mode (RFC 959 read\n"
    "literally) says of the whole recorded stream.\n"
    "\n"
    "  --user NAME     log in as NAME, the password read from the environment\n"
    "                  variable FTPREPLY_PASSWORD (default: anonymous)\n"
    "  --dir DIR       the directory for CWD, LIST and NLST (default: /)\n"
    "  --stat DIR      the directory for STAT, where SIZE ran (default: .)\n"
    "  --file NAME     the file for SIZE and MDTM, in the directory PWD gave at\n"
    "                  login (default: NLST's first name, in DIR)\n"
    "  --timeout S     seconds any one wait may take (default 10)\n"
    "  --record FILE   save the raw bytes the server sent on the control\n"
    "                  connection\n"
    "\n"
    "Exit status: 0 when the session completed (login, both listings, QUIT)\n"
    "with no framing error in lenient mode; 1 when the server refused a step\n"
    "of it or sent a framing error; 2 for usage errors; 3 when the network\n"
    "failed: no connection, a timeout, or the connection lost.\n";

constexpr int exit_network = 3;

using steady = std::chrono::steady_clock;

class socket_fd {
 public:
  socket_fd() = default;
  explicit socket_fd(int fd) : fd_(fd) {}
  socket_fd(socket_fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  socket_fd& operator=(socket_fd&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  socket_fd(const socket_fd&) = delete;
  socket_fd& operator=(const socket_fd&) = delete;
  ~socket_fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

// Waits for `events` on fd for at most timeout_ms; false on timeout.
bool wait_for(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR) continue;
    return r > 0;
  }
}

// A non-blocking TCP connection to host:port, within timeout_ms.
bool connect_to(const std::string& host, uint16_t port, int timeout_ms, socket_fd* out,
                std::string* err) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const int g = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list);
  if (g != 0) {
    *err = "cannot resolve " + host + ": " + ::gai_strerror(g);
    return false;
  }
  *err = "cannot connect to " + host + ":" + std::to_string(port);
  for (addrinfo* a = list; a != nullptr; a = a->ai_next) {
    socket_fd s(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                         a->ai_protocol));
    if (s.get() < 0) continue;
    if (::connect(s.get(), a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        *err += std::string(": ") + std::strerror(errno);
        continue;
      }
      if (!wait_for(s.get(), POLLOUT, timeout_ms)) {
        *err += ": timed out";
        continue;
      }
      int so = 0;
      socklen_t len = sizeof so;
      ::getsockopt(s.get(), SOL_SOCKET, SO_ERROR, &so, &len);
      if (so != 0) {
        *err += std::string(": ") + std::strerror(so);
        continue;
      }
    }
    *out = std::move(s);
    ::freeaddrinfo(list);
    return true;
  }
  ::freeaddrinfo(list);
  return false;
}

// A socket listening on 127.0.0.1 at a port the system picks (*port), for
// a data connection the server opens (PORT, EPRT).
bool listen_local(socket_fd* out, uint16_t* port, std::string* err) {
  socket_fd s(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (s.get() < 0 || ::bind(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(s.get(), 1) != 0 ||
      ::getsockname(s.get(), reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    *err = std::string("cannot listen on 127.0.0.1: ") + std::strerror(errno);
    return false;
  }
  *port = ntohs(a.sin_port);
  *out = std::move(s);
  return true;
}

bool send_all(int fd, const std::string& data, int timeout_ms, std::string* err) {
  size_t sent = 0;
  while (sent < data.size()) {
    if (!wait_for(fd, POLLOUT, timeout_ms)) {
      *err = "timed out sending";
      return false;
    }
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) {
      *err = std::string("send: ") + std::strerror(errno);
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  return true;
}

// Up to n bytes, as the socket gives them: > 0 bytes, 0 at EOF, -1 on an
// error or after timeout_ms without a byte (err says which).
long recv_some(int fd, char* buf, size_t n, int timeout_ms, std::string* err) {
  for (;;) {
    if (!wait_for(fd, POLLIN, timeout_ms)) {
      *err = "timed out after " + std::to_string(timeout_ms / 1000) + " s waiting for the server";
      return -1;
    }
    const ssize_t got = ::recv(fd, buf, n, 0);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got < 0) *err = std::string("recv: ") + std::strerror(errno);
    return static_cast<long>(got);
  }
}

// One reply (or framing error), copied out of the scanner's buffer.
struct reply {
  bool ok = false;
  uint16_t code = 0;
  uint16_t flags = 0;
  ftpreply::error err = ftpreply::error::ok;
  std::string bytes;
  std::string fields;  // its JSON fields, as 'ftpreply scan' writes them
};

// The control connection, read through a reply_reader (lenient) in
// whatever pieces the socket gives.
class control_connection {
 public:
  control_connection(socket_fd fd, int timeout_ms) : fd_(std::move(fd)), timeout_ms_(timeout_ms) {}

  // The next reply or framing error; false when the connection failed or
  // ended first (error() says why).
  bool next(reply* out) {
    ftpreply::event e;
    while (!reader_.next(e)) {
      if (eof_) {
        err_ = "the server closed the control connection";
        return false;
      }
      char buf[4096];
      const long n = recv_some(fd_.get(), buf, sizeof buf, timeout_ms_, &err_);
      if (n < 0) return false;
      eof_ = n == 0;
      record_.append(buf, static_cast<size_t>(n));
      // next() gave every event there was, so the reader takes the bytes.
      if ((eof_ ? reader_.finish() : reader_.feed(buf, static_cast<size_t>(n))) !=
          ftpreply::error::ok) {
        err_ = "the reply reader refused bytes";
        return false;
      }
    }
    // A copy: the event's views last only until the next feed.
    out->ok = e.is_reply();
    out->code = e.code();
    out->flags = e.flags();
    out->err = e.err();
    out->bytes.assign(e.bytes());
    ftpreply_tools::json_object o;
    add_event_fields(o, e);
    out->fields = o.finish();
    return true;
  }

  // The next final reply (not 1xx); the preliminary ones go to on_reply too.
  template <class F>
  bool final_reply(reply* out, F&& on_reply) {
    for (;;) {
      if (!next(out)) return false;
      on_reply(*out);
      if (!out->ok || out->code >= 200) return true;
    }
  }

  bool send(const std::string& line) { return send_all(fd_.get(), line + "\r\n", timeout_ms_, &err_); }
  const std::string& error() const { return err_; }
  const std::string& record() const { return record_; }
  int fd() const { return fd_.get(); }

 private:
  socket_fd fd_;
  int timeout_ms_;
  ftpreply::reply_reader reader_;
  std::string record_, err_;
  bool eof_ = false;
};

// The decoder for what `command` is answered with, when the code fits.
const char* payload_decoder(const std::string& command, uint16_t code) {
  const std::string verb = command.substr(0, command.find(' '));
  if (verb == "SIZE" && code == 213) return "size";
  if (verb == "MDTM" && code == 213) return "mdtm";
  if (verb == "FEAT" && code == 211) return "features";
  if ((verb == "PWD" || verb == "MKD") && code == 257) return "pathname";
  if ((verb == "SYST" && code == 215) || (verb == "PASV" && code == 227) ||
      (verb == "EPSV" && code == 229))
    return decoder_for(code);
  return nullptr;
}

class session {
 public:
  session(control_connection& c, line_writer& out) : c_(c), out_(out) {}

  // Reads the final reply to `command` (sent first unless empty), printing
  // every reply; false when the network failed.
  bool exchange(const std::string& command, reply* last) {
    if (!command.empty() && !c_.send(command)) return false;
    return c_.final_reply(last, [&](const reply& r) { print(command, r); });
  }

  // LIST, NLST or RETR over a data connection: opened at host:port
  // (passive), or, with a `listener`, accepted from the server after its
  // 1xx reply (active: the address and port a PORT or EPRT gave).
  bool transfer(const std::string& command, const std::string& host, uint16_t port,
                int timeout_ms, int* status, int listener = -1) {
    socket_fd data;
    std::string err;
    if (listener < 0 && !connect_to(host, port, timeout_ms, &data, &err)) {
      data_line(command, host, port, 0, 0, err);
      *status = exit_errors;
      return true;
    }
    reply r;
    if (!c_.send(command)) return false;
    if (!c_.next(&r)) return false;
    print(command, r);
    if (!r.ok || r.code >= 200) {  // refused: no transfer follows
      *status = exit_errors;
      return true;
    }
    if (listener >= 0) {
      if (wait_for(listener, POLLIN, timeout_ms))
        data = socket_fd(::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
      if (data.get() < 0) {
        data_line(command, host, port, 0, 0, "the server did not connect");
        *status = exit_errors;
        return exchange("", &r);
      }
    }
    std::string content;
    char buf[4096];
    for (;;) {
      const long n = recv_some(data.get(), buf, sizeof buf, timeout_ms, &err);
      if (n < 0) {
        data_line(command, host, port, content.size(), 0, err);
        *status = exit_errors;
        return exchange("", &r);
      }
      if (n == 0) break;
      content.append(buf, static_cast<size_t>(n));
    }
    data = socket_fd();  // closed before the final reply: ProFTPD waits for it
    size_t entries = 0;
    for (char ch : content) entries += ch == '\n';
    data_line(command, host, port, content.size(), entries, "");
    if (!exchange("", &r)) return false;
    if (!r.ok || r.code / 100 != 2 || content.empty()) *status = exit_errors;
    if (command != "RETR" && command.rfind("RETR ", 0) != 0) last_listing_ = content;
    return true;
  }

  uint64_t replies() const { return replies_; }
  uint64_t framing_errors() const { return framing_errors_; }
  const std::map<std::string, uint64_t>& flags() const { return flags_; }
  const std::string& last_listing() const { return last_listing_; }

 private:
  void print(const std::string& command, const reply& r) {
    std::string verb = command;
    if (verb.rfind("PASS ", 0) == 0) verb = "PASS ****";
    std::string line = "{\"command\":";
    if (command.empty())
      line += "null";
    else
      ftpreply_tools::append_string(line, verb);
    line += "," + r.fields.substr(1, r.fields.size() - 2);
    if (r.ok) {
      ++replies_;
      for (uint16_t bit = 1; bit != 0; bit = static_cast<uint16_t>(bit << 1))
        if (r.flags & bit) ++flags_[ftpreply::flag_name(bit)];
      const char* d = payload_decoder(command, r.code);
      std::string payload;
      if (d != nullptr) {
        const ftpreply::error e = decode_payload(d, r.bytes, ftpreply::decode_mode::lenient, &payload);
        line += e == ftpreply::error::ok
                    ? ",\"payload\":" + payload
                    : std::string(",\"payload_error\":\"") + ftpreply::to_string(e) + "\"";
      }
    } else {
      ++framing_errors_;
    }
    out_.line(line + "}");
  }

  void data_line(const std::string& command, const std::string& host, uint16_t port,
                 size_t bytes, size_t lines, const std::string& err) {
    ftpreply_tools::json_object o;
    o.text("data", command).text("address", host + ":" + std::to_string(port));
    o.field("bytes", static_cast<uint64_t>(bytes)).field("lines", static_cast<uint64_t>(lines));
    if (!err.empty()) o.text("error", err);
    out_.line(o.finish());
  }

  control_connection& c_;
  line_writer& out_;
  uint64_t replies_ = 0, framing_errors_ = 0;
  std::map<std::string, uint64_t> flags_;
  std::string last_listing_;
};

// The control connection's peer address (EPSV gives a port only).
std::string peer_host(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  ftpreply::endpoint ep;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0 ||
      ftpreply::from_sockaddr(reinterpret_cast<sockaddr*>(&ss), len, &ep) != ftpreply::error::ok)
    return "";
  return host_of(ep);
}

// What strict mode says of the whole stream: each error with its count and
// the first offending line.
std::string strict_summary(const std::string& stream, uint64_t* errors) {
  struct seen {
    uint64_t count = 0;
    uint64_t offset = 0;
    std::string example;
  };
  std::map<std::string, seen> by_error;
  ftpreply::scanner s(ftpreply::options::strict_rfc959());
  *errors = ftpreply::scan_all(s, stream.data(), stream.size(), [&](const ftpreply::event& e) {
    if (e.is_reply()) return;
    seen& x = by_error[ftpreply::to_string(e.err())];
    if (x.count++ == 0) {
      x.offset = e.offset();
      const size_t end = stream.find('\n', e.offset());
      x.example = stream.substr(e.offset(), end == std::string::npos ? std::string::npos
                                                                     : end - e.offset() + 1);
    }
  });
  std::string json = "{";
  for (const auto& kv : by_error) {
    ftpreply_tools::json_object o;
    o.field("count", kv.second.count).field("offset", kv.second.offset).bytes("example", kv.second.example);
    json += (json.size() > 1 ? ",\"" : "\"") + kv.first + "\":" + o.finish();
  }
  return json + "}";
}

}  // namespace

int cmd_probe(const std::vector<std::string>& args) {
  std::string user = "anonymous", dir = "/", stat_dir = ".", file, record_path;
  uint64_t timeout_s = 10;
  std::vector<std::string> positional;
  const int rc = parse_args(
      "probe", kHelp, args,
      {text_option("--user", &user, "--user needs a name"),
       text_option("--dir", &dir, "--dir needs a directory"),
       text_option("--stat", &stat_dir, "--stat needs a directory"),
       text_option("--file", &file, "--file needs a name"),
       number_option("--timeout", 1, 3600, &timeout_s, "--timeout needs seconds, 1 to 3600"),
       text_option("--record", &record_path, "--record needs a file")},
      operand_rule{2, "needs HOST and PORT (1 to 65535)"}, &positional);
  if (rc >= 0) return rc;
  uint64_t port = 0;
  if (positional.size() != 2 || !parse_number(positional[1], 1, 65535, &port))
    return usage_error("probe", "needs HOST and PORT (1 to 65535)");
  std::string password = "ftpreply@";
  if (user != "anonymous" && user != "ftp") {
    const char* p = std::getenv("FTPREPLY_PASSWORD");
    if (p == nullptr)
      return usage_error("probe", "--user needs the password in FTPREPLY_PASSWORD");
    password = p;
  }
  const int timeout_ms = static_cast<int>(timeout_s * 1000);

  socket_fd fd;
  std::string err;
  if (!connect_to(positional[0], static_cast<uint16_t>(port), timeout_ms, &fd, &err)) {
    std::fprintf(stderr, "ftpreply probe: %s\n", err.c_str());
    return exit_network;
  }
  control_connection c(std::move(fd), timeout_ms);
  line_writer out;
  session s(c, out);
  int status = exit_ok;
  std::string failed;  // the step the session could not complete
  reply r;
  auto step = [&](const std::string& command, int want_class) {
    if (!s.exchange(command, &r)) return false;
    if (want_class != 0 && (!r.ok || r.code / 100 != want_class)) {
      status = exit_errors;
      if (failed.empty()) failed = command.empty() ? "greeting" : command.substr(0, command.find(' '));
    }
    return true;
  };
  auto run = [&]() -> bool {
    if (!step("", 2)) return false;  // the greeting
    if (!s.exchange("USER " + user, &r)) return false;
    if (r.ok && r.code == 331 && !step("PASS " + password, 2)) return false;
    if (!r.ok || r.code != 230) {
      status = exit_errors;
      failed = "login";
      return step("QUIT", 0);
    }
    for (const char* cmd : {"SYST", "FEAT", "HELP", "PWD"})
      if (!step(cmd, 0)) return false;
    // Where the session started, as the kernel decodes the 257: the probe
    // comes back here after the listings.
    std::string home;
    if (r.ok && r.code == 257) {
      home.resize(r.bytes.size());
      size_t n = 0;
      if (ftpreply::decode_pathname(r.bytes, ftpreply::decode_mode::lenient, &home[0], home.size(), &n) == ftpreply::error::ok)
        home.resize(n);
      else
        home.clear();
    }
    if (!step("TYPE I", 0)) return false;
    if (!step("MKD ftpreply-probe-refused", 0)) return false;
    if (r.ok && r.code == 257 && !step("RMD ftpreply-probe-refused", 0)) return false;
    if (!step("CWD " + dir, 0) || !step("CDUP", 0)) return false;
    if (!step("CWD " + dir, 0)) return false;
    // PASV then LIST, at the address the kernel decoded.
    if (!step("PASV", 2)) return false;
    ftpreply::endpoint ep;
    if (r.ok && r.code == 227 && ftpreply::decode_pasv(r.bytes, ftpreply::decode_mode::lenient, &ep) == ftpreply::error::ok) {
      if (!s.transfer("LIST", host_of(ep), ep.port, timeout_ms, &status)) return false;
    } else {
      status = exit_errors;
      if (failed.empty()) failed = "PASV";
    }
    // EPSV then NLST, at the control connection's host.
    if (!step("EPSV", 2)) return false;
    uint16_t eport = 0;
    if (r.ok && r.code == 229 && ftpreply::decode_epsv(r.bytes, ftpreply::decode_mode::lenient, &eport) == ftpreply::error::ok) {
      if (!s.transfer("NLST", peer_host(c.fd()), eport, timeout_ms, &status)) return false;
    } else {
      status = exit_errors;
      if (failed.empty()) failed = "EPSV";
    }
    if (file.empty()) {  // NLST's first name, in DIR
      const std::string& names = s.last_listing();
      file = names.substr(0, names.find_first_of("\r\n"));
    } else if (!home.empty() && !step("CWD " + home, 0)) {
      return false;
    }
    if (!file.empty() && (!step("SIZE " + file, 0) || !step("MDTM " + file, 0))) return false;
    // The file over EPSV; then the server connects to us: PORT then LIST,
    // EPRT then NLST.
    if (!file.empty() && step("EPSV", 2) && r.ok && r.code == 229 &&
        ftpreply::decode_epsv(r.bytes, ftpreply::decode_mode::lenient, &eport) == ftpreply::error::ok &&
        !s.transfer("RETR " + file, peer_host(c.fd()), eport, timeout_ms, &status))
      return false;
    for (const bool extended : {false, true}) {
      socket_fd listener;
      uint16_t lport = 0;
      if (!listen_local(&listener, &lport, &err)) {
        status = exit_errors;
        if (failed.empty()) failed = "listen";
        break;
      }
      const std::string cmd =
          extended ? "EPRT |1|127.0.0.1|" + std::to_string(lport) + "|"
                   : "PORT 127,0,0,1," + std::to_string(lport >> 8) + "," + std::to_string(lport & 255);
      if (!step(cmd, 2)) return false;
      if (r.ok && r.code / 100 == 2 &&
          !s.transfer(extended ? "NLST" : "LIST", "127.0.0.1", lport, timeout_ms, &status,
                      listener.get()))
        return false;
    }
    for (const std::string& cmd : {"STAT " + stat_dir, std::string("REST 100"), std::string("XYZZY"),
                                  std::string("OPTS UTF8 ON")})
      if (!step(cmd, 0)) return false;
    return step("QUIT", 2);
  };
  const bool completed = run();
  if (!completed) err = c.error();

  if (!record_path.empty()) {
    std::ofstream rec(record_path, std::ios::binary);
    rec.write(c.record().data(), static_cast<std::streamsize>(c.record().size()));
    if (!rec) {
      std::fprintf(stderr, "ftpreply probe: cannot write %s\n", record_path.c_str());
      return exit_usage;
    }
  }
  uint64_t strict_errors = 0;
  const std::string strict = strict_summary(c.record(), &strict_errors);
  std::string flags = "{";
  for (const auto& kv : s.flags())
    flags += (flags.size() > 1 ? ",\"" : "\"") + kv.first + "\":" + std::to_string(kv.second);
  flags += "}";
  ftpreply_tools::json_object summary;
  summary.boolean("completed", completed && status == exit_ok && s.framing_errors() == 0);
  if (!failed.empty()) summary.text("failed_step", failed);
  if (!completed) summary.text("network_error", err);
  summary.field("bytes", static_cast<uint64_t>(c.record().size()))
      .field("replies", s.replies())
      .field("lenient_errors", s.framing_errors())
      .raw("lenient_flags", flags)
      .field("strict_errors", strict_errors)
      .raw("strict", strict);
  out.line("{\"summary\":" + summary.finish() + "}");
  if (!out.flush()) return exit_usage;
  if (!completed) {
    std::fprintf(stderr, "ftpreply probe: %s\n", err.c_str());
    return exit_network;
  }
  return s.framing_errors() ? exit_errors : status;
}

}  // namespace ftpreply_cli
