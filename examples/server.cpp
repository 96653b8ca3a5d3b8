// SPDX-License-Identifier: Apache-2.0
// A small read-only FTP server on ftpreply's encoder: every reply is one
// call (ftpreply/reply_string.h). It serves a tree held in memory on
// 127.0.0.1, one session at a time, with passive (PASV, EPSV) and active
// (PORT, EPRT, loopback only) data connections; every wait is bounded, and
// it exits when nobody connects for 30 s. examples/server.c is the same
// server in C on the C API; both pass curl, Python's ftplib and lftp
// (examples/real_clients.sh).
//
//   server [PORT]      PORT 0 (the default) picks a free one; the first line
//                      printed is "listening on PORT"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ftpreply/ftpreply.h"
#include "ftpreply/posix.h"

namespace {

constexpr int kWaitMs = 10000;

struct node {
  std::string path;  // absolute, no trailing slash
  bool dir;
  std::string data;
};

const std::vector<node>& tree() {
  static const std::vector<node> t = [] {
    std::string big(5000, ' ');
    for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
    return std::vector<node>{{"/", true, ""},
                             {"/readme.txt", false, "ftpreply example server.\r\n"},
                             {"/pub", true, ""},
                             {"/pub/data.bin", false, big},
                             {"/a \"quoted\" dir", true, ""}};
  }();
  return t;
}

const node* find(const std::string& path) {
  for (const node& n : tree())
    if (n.path == path) return &n;
  return nullptr;
}

// `arg` against the directory `cwd`, "." and ".." resolved.
std::string resolve(const std::string& cwd, const std::string& arg) {
  const std::string all = (!arg.empty() && arg[0] == '/' ? "" : cwd + "/") + arg;
  std::vector<std::string> parts;
  for (size_t i = 0; i <= all.size();) {
    size_t j = all.find('/', i);
    if (j == std::string::npos) j = all.size();
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

bool wait_for(int fd, short events) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, kWaitMs) > 0;
}

bool send_all(int fd, const std::string& s) {
  for (size_t at = 0; at < s.size();) {
    if (!wait_for(fd, POLLOUT)) return false;
    const ssize_t n = ::send(fd, s.data() + at, s.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return false;
    at += static_cast<size_t>(n);
  }
  return true;
}

// A listening socket on 127.0.0.1:port (0: any free port), or -1.
int listen_on(uint16_t port, ftpreply::endpoint* where) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  ftpreply::endpoint loopback;
  loopback.family = ftpreply::address_family::ipv4;
  loopback.address[0] = 127, loopback.address[3] = 1;
  loopback.port = port;
  sockaddr_storage a;
  socklen_t len = 0;
  if (fd < 0 || ftpreply::to_sockaddr(loopback, &a, &len) != ftpreply::error::ok ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(fd, 1) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &(len = sizeof a)) != 0 ||
      ftpreply::from_sockaddr(reinterpret_cast<sockaddr*>(&a), len, where) != ftpreply::error::ok) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

class session {
 public:
  explicit session(int fd) : fd_(fd) {}
  ~session() {
    if (passive_ >= 0) ::close(passive_);
  }

  void run() {
    if (!send(ftpreply::append_reply(out_, 220, "ftpreply example server ready"))) return;
    std::string line;
    while (next_command(&line) && command(line)) {
    }
  }

 private:
  // Sends the reply the call built; a failed call would be a bug here.
  bool send(ftpreply::error e) {
    if (e != ftpreply::error::ok) {
      std::fprintf(stderr, "server: cannot encode: %s\n", ftpreply::to_string(e));
      std::exit(1);
    }
    const bool sent = send_all(fd_, out_);
    out_.clear();
    return sent;
  }
  bool say(uint16_t code, const std::string& text) { return send(ftpreply::append_reply(out_, code, text)); }

  // The next command line (CR LF or LF); false when the client is gone.
  bool next_command(std::string* line) {
    for (;;) {
      const size_t lf = pending_.find('\n');
      if (lf != std::string::npos) {
        *line = pending_.substr(0, lf);
        if (!line->empty() && line->back() == '\r') line->pop_back();
        pending_.erase(0, lf + 1);
        return true;
      }
      if (pending_.size() > 4096 || !wait_for(fd_, POLLIN)) return false;
      char buf[1024];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return false;
      pending_.append(buf, static_cast<size_t>(n));
    }
  }

  // The data connection the last PASV, EPSV, PORT or EPRT set up, or -1.
  int open_data() {
    int fd = -1;
    if (passive_ >= 0) {
      if (wait_for(passive_, POLLIN)) fd = ::accept(passive_, nullptr, nullptr);
      ::close(passive_);
      passive_ = -1;
    } else if (active_.port != 0) {
      sockaddr_storage a;
      socklen_t len = 0;
      if (ftpreply::to_sockaddr(active_, &a, &len) == ftpreply::error::ok) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&a), len) != 0) {
          ::close(fd);
          fd = -1;
        }
      }
      active_ = ftpreply::endpoint();
    }
    return fd;
  }

  // LIST, NLST or RETR.
  bool transfer(const std::string& verb, const std::string& arg) {
    const std::string path = resolve(cwd_, arg.empty() || arg[0] == '-' ? "." : arg);
    const node* target = find(path);
    if (target == nullptr || (verb == "RETR" && target->dir)) return say(550, "No such file or directory.");
    std::string body, text = "Here comes the directory listing.";
    if (verb == "RETR") {
      body = target->data;
      text = "Opening BINARY mode data connection for " + arg + " (" + std::to_string(body.size()) +
             " bytes).";
    } else {
      for (const node& n : tree()) {
        const std::string prefix = path == "/" ? "/" : path + "/";
        if (n.path.size() <= prefix.size() || n.path.compare(0, prefix.size(), prefix) != 0 ||
            n.path.find('/', prefix.size()) != std::string::npos)
          continue;
        const std::string name = n.path.substr(prefix.size());
        char size[32];
        std::snprintf(size, sizeof size, "%8zu", n.data.size());
        body += verb == "LIST" ? std::string(n.dir ? "dr-xr-xr-x" : "-r--r--r--") + " 1 ftp ftp " +
                                     size + " Dec 06 2026 " + name + "\r\n"
                               : name + "\r\n";
      }
    }
    if (!say(150, text)) return false;
    const int fd = open_data();
    if (fd < 0) return say(425, "Use PORT, EPRT, PASV or EPSV first.");
    const bool sent = send_all(fd, body);
    ::close(fd);
    return sent ? say(226, "Transfer complete.") : say(426, "Connection lost.");
  }

  // One command; false ends the session.
  bool command(const std::string& line) {
    const size_t sp = line.find(' ');
    std::string verb = line.substr(0, sp);
    for (char& c : verb) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    const std::string arg = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (verb == "USER") return say(331, "Any password will do.");
    if (verb == "PASS") return say(230, "Logged in.\nThis line starts with a code:\n230 and is still text.");
    if (verb == "SYST") return say(215, "UNIX Type: L8");
    if (verb == "FEAT") {
      const ftpreply::feature features[] = {{"EPRT", ""}, {"EPSV", ""}, {"MDTM", ""}, {"PASV", ""},
                                            {"REST", "STREAM"}, {"SIZE", ""}, {"UTF8", ""}};
      return send(ftpreply::append_features_reply(out_, features, 7));
    }
    if (verb == "PWD" || verb == "XPWD")
      return send(ftpreply::append_pathname_reply(out_, cwd_, "is the current directory"));
    if (verb == "CWD" || verb == "CDUP") {
      const node* n = find(resolve(cwd_, verb == "CDUP" ? ".." : arg));
      if (n == nullptr || !n->dir) return say(550, "No such directory.");
      cwd_ = n->path;
      return say(250, "Directory changed.");
    }
    if (verb == "TYPE" || verb == "MODE" || verb == "STRU" || verb == "OPTS" || verb == "NOOP")
      return say(200, "OK.");
    if (verb == "PASV" || verb == "EPSV") {
      if (passive_ >= 0) ::close(passive_);
      ftpreply::endpoint data;
      passive_ = listen_on(0, &data);
      if (passive_ < 0) return say(425, "Cannot open a data port.");
      return send(verb == "PASV" ? ftpreply::append_pasv_reply(out_, data)
                                 : ftpreply::append_epsv_reply(out_, data.port));
    }
    if (verb == "PORT" || verb == "EPRT") {
      unsigned h[4] = {}, p1 = 0, p2 = 0, port = 0;
      char host[64] = {};
      bool ok = verb == "PORT"
                    ? std::sscanf(arg.c_str(), "%u,%u,%u,%u,%u,%u", &h[0], &h[1], &h[2], &h[3], &p1, &p2) == 6 &&
                          h[0] == 127 && h[1] == 0 && h[2] == 0 && h[3] == 1 && p1 < 256 && p2 < 256 &&
                          (port = p1 * 256 + p2) != 0
                    : std::sscanf(arg.c_str(), "|1|%63[0-9.]|%u|", host, &port) == 2 &&
                          std::string(host) == "127.0.0.1" && port != 0 && port < 65536;
      if (!ok) return say(501, "Only 127.0.0.1 with a port, please.");  // never a third party
      active_.family = ftpreply::address_family::ipv4;
      active_.address[0] = 127, active_.address[3] = 1;
      active_.port = static_cast<uint16_t>(port);
      return say(200, "Active mode set.");
    }
    if (verb == "LIST" || verb == "NLST" || verb == "RETR") return transfer(verb, arg);
    if (verb == "SIZE" || verb == "MDTM") {
      const node* n = find(resolve(cwd_, arg));
      if (n == nullptr || n->dir) return say(550, "No such file.");
      ftpreply::timestamp t;
      t.year = 2026, t.month = 12, t.day = 6, t.hour = 1, t.minute = 6;
      return send(verb == "SIZE" ? ftpreply::append_size_reply(out_, n->data.size())
                                 : ftpreply::append_mdtm_reply(out_, t));
    }
    if (verb == "QUIT") {
      say(221, "Goodbye.");
      return false;
    }
    return say(502, "Not implemented: " + verb);
  }

  int fd_;
  std::string out_, pending_;
  std::string cwd_ = "/";
  int passive_ = -1;
  ftpreply::endpoint active_;
};

}  // namespace

int main(int argc, char** argv) {
  const uint16_t port = argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0;
  ftpreply::endpoint control;
  const int listener = listen_on(port, &control);
  if (listener < 0) {
    std::perror("server: listen");
    return 1;
  }
  std::printf("listening on %u\n", control.port);
  std::fflush(stdout);
  for (;;) {
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, 30000) <= 0) break;  // nobody for 30 s
    const int client = ::accept(listener, nullptr, nullptr);
    if (client < 0) continue;
    session(client).run();
    ::close(client);
  }
  ::close(listener);
  return 0;
}
