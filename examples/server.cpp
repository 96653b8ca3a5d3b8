// SPDX-License-Identifier: Apache-2.0
// A tiny single-threaded FTP server on ftpreply's encoder: every reply is
// one call (ftpreply/reply_string.h). It serves one read-only session on
// 127.0.0.1 and exits; every wait is bounded (10 s).
//
//   server [PORT]      PORT 0 (the default) picks a free one; the first line
//                      printed is "listening on PORT"
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "ftpreply/ftpreply.h"
#include "ftpreply/posix.h"

namespace {

constexpr int kWaitMs = 10000;

// A listening socket on 127.0.0.1:port (0: any free port).
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
  if (ftpreply::to_sockaddr(loopback, &a, &len) != ftpreply::error::ok ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(fd, 1) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &(len = sizeof a)) != 0 ||
      ftpreply::from_sockaddr(reinterpret_cast<sockaddr*>(&a), len, where) != ftpreply::error::ok) {
    std::perror("server: listen");
    std::exit(1);
  }
  return fd;
}

int accept_within(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, kWaitMs) <= 0) {
    std::fprintf(stderr, "server: nobody connected within 10 s\n");
    std::exit(1);
  }
  return ::accept(fd, nullptr, nullptr);
}

bool send_all(int fd, const std::string& s) {
  for (size_t at = 0; at < s.size();) {
    const ssize_t n = ::send(fd, s.data() + at, s.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return false;
    at += static_cast<size_t>(n);
  }
  return true;
}

// The next command line (CR LF or LF), or false when the client is gone.
bool next_command(int fd, std::string& pending, std::string* line) {
  for (;;) {
    const size_t lf = pending.find('\n');
    if (lf != std::string::npos) {
      *line = pending.substr(0, lf);
      if (!line->empty() && line->back() == '\r') line->pop_back();
      pending.erase(0, lf + 1);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    char buf[1024];
    if (::poll(&p, 1, kWaitMs) <= 0) return false;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const uint16_t port = argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0;
  ftpreply::endpoint control;
  const int listener = listen_on(port, &control);
  std::printf("listening on %u\n", control.port);
  std::fflush(stdout);
  const int client = accept_within(listener);

  std::string out, pending, line;
  // Every reply is one call; a failed call would be a bug in this server.
  auto reply = [&](ftpreply::error e) {
    if (e != ftpreply::error::ok) {
      std::fprintf(stderr, "server: cannot encode: %s\n", ftpreply::to_string(e));
      std::exit(1);
    }
    const bool sent = send_all(client, out);
    out.clear();
    return sent;
  };
  int data_listener = -1;
  reply(ftpreply::append_reply(out, 220, "ftpreply example server ready\r\n"));
  while (next_command(client, pending, &line)) {
    const std::string verb = line.substr(0, line.find(' '));
    if (verb == "USER") {
      reply(ftpreply::append_reply(out, 331, "Any password will do."));
    } else if (verb == "PASS") {
      reply(ftpreply::append_reply(out, 230, "Logged in.\nThis line starts with a code:\n230 and is still text."));
    } else if (verb == "SYST") {
      reply(ftpreply::append_reply(out, 215, "UNIX Type: L8"));
    } else if (verb == "FEAT") {
      const ftpreply::feature features[] = {{"EPSV", ""}, {"MDTM", ""}, {"REST", "STREAM"},
                                            {"SIZE", ""}, {"UTF8", ""}};
      reply(ftpreply::append_features_reply(out, features, 5));
    } else if (verb == "PWD") {
      reply(ftpreply::append_pathname_reply(out, "/srv/a \"quoted\" dir", "is the current directory"));
    } else if (verb == "SIZE") {
      reply(ftpreply::append_size_reply(out, 4096));
    } else if (verb == "PASV") {
      ftpreply::endpoint data;
      data_listener = listen_on(0, &data);
      reply(ftpreply::append_pasv_reply(out, data));
    } else if (verb == "LIST" && data_listener >= 0) {
      reply(ftpreply::append_reply(out, 150, "Here comes the listing."));
      const int data = accept_within(data_listener);
      send_all(data, "-rw-r--r-- 1 ftp ftp 4096 Nov 22 03:00 readme.txt\r\n"
                     "drwxr-xr-x 2 ftp ftp 4096 Nov 22 03:00 pub\r\n");
      ::close(data);
      ::close(data_listener);
      data_listener = -1;
      reply(ftpreply::append_reply(out, 226, "Listing sent."));
    } else if (verb == "QUIT") {
      reply(ftpreply::append_reply(out, 221, "Goodbye."));
      break;
    } else {
      reply(ftpreply::append_reply(out, 502, "Not implemented: " + verb));
    }
  }
  ::close(client);
  ::close(listener);
  return 0;
}
