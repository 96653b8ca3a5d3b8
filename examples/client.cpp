// SPDX-License-Identifier: Apache-2.0
// A small FTP client on ftpreply's reply_reader: it logs in, reads a
// multi-line FEAT, goes into a directory whose name holds quotes and reads
// its path from PWD, follows PASV to a data connection and reads the
// listing. Every wait is bounded (10 s).
//
//   client HOST PORT
//   client --replay FILE   reads a recorded control stream instead, seven
//                          bytes at a time, and prints what it decodes
#include <netdb.h>
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

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "client: %s\n", why.c_str());
  std::exit(1);
}

int connect_to(const sockaddr* a, socklen_t len) {
  const int fd = ::socket(a->sa_family, SOCK_STREAM, 0);
  if (fd < 0 || ::connect(fd, a, len) != 0) fail("cannot connect");
  return fd;
}

class control {
 public:
  explicit control(int fd) : fd_(fd) {}

  // The next reply; framing errors and a silent server end the program.
  // The event views the reader's bytes until the next call.
  ftpreply::event reply() {
    ftpreply::event r;
    while (!reader_.next(r)) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, kWaitMs) <= 0) fail("the server said nothing for 10 s");
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      const ftpreply::error e = n > 0 ? reader_.feed(buf, static_cast<size_t>(n)) : reader_.finish();
      if (e != ftpreply::error::ok) fail("reader: " + std::string(ftpreply::to_string(e)));
      if (n <= 0 && !reader_.next(r)) fail("the server closed the connection");
      if (n <= 0) break;
    }
    if (!r.is_reply()) fail("framing error: " + std::string(ftpreply::to_string(r.err())));
    return r;
  }

  ftpreply::event command(const std::string& line) {
    const std::string wire = line + "\r\n";
    if (::send(fd_, wire.data(), wire.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(wire.size()))
      fail("cannot send " + line);
    return reply();
  }

 private:
  int fd_;
  ftpreply::reply_reader reader_;
};

// What the client prints of a reply it decodes.
void show(const ftpreply::event& r) {
  if (r.code() == 211) {
    ftpreply::feature features[32];
    size_t count = 0;
    if (ftpreply::decode_features(r, ftpreply::decode_mode::lenient, features, 32, &count) ==
        ftpreply::error::ok) {
      for (size_t i = 0; i < count; ++i)
        std::printf("feature: %.*s%s%.*s\n", static_cast<int>(features[i].name.size()),
                    features[i].name.data(), features[i].params.empty() ? "" : " ",
                    static_cast<int>(features[i].params.size()), features[i].params.data());
    }
  } else if (r.code() == 257) {
    char path[1024];
    size_t n = 0;
    if (ftpreply::decode_pathname(r, ftpreply::decode_mode::lenient, path, sizeof path, &n) ==
        ftpreply::error::ok)
      std::printf("path: %.*s\n", static_cast<int>(n), path);
  } else if (r.code() == 227) {
    ftpreply::endpoint ep;
    if (ftpreply::decode_pasv(r, ftpreply::decode_mode::lenient, &ep) == ftpreply::error::ok)
      std::printf("pasv: %u.%u.%u.%u port %u\n", ep.address[0], ep.address[1], ep.address[2],
                  ep.address[3], ep.port);
  }
}

int replay(const char* file) {
  std::FILE* f = std::fopen(file, "rb");
  if (f == nullptr) fail(std::string("cannot open ") + file);
  ftpreply::reply_reader reader;
  ftpreply::event r;
  char buf[7];
  size_t n;
  do {
    n = std::fread(buf, 1, sizeof buf, f);
    if ((n ? reader.feed(buf, n) : reader.finish()) != ftpreply::error::ok) fail("reader refused bytes");
    while (reader.next(r)) {
      if (!r.is_reply()) fail("framing error: " + std::string(ftpreply::to_string(r.err())));
      show(r);
    }
  } while (n);
  std::fclose(f);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--replay") return replay(argv[2]);
  if (argc != 3) fail("usage: client HOST PORT | client --replay FILE");
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* where = nullptr;
  if (::getaddrinfo(argv[1], argv[2], &hints, &where) != 0) fail("cannot resolve the host");
  const int fd = connect_to(where->ai_addr, where->ai_addrlen);
  ::freeaddrinfo(where);
  control c(fd);

  ftpreply::event r = c.reply();
  std::printf("greeting: %u %.*s\n", r.code(), static_cast<int>(r.first_line_text().size()),
              r.first_line_text().data());
  r = c.command("USER anonymous");
  if (r.code() == 331) r = c.command("PASS client@example");
  if (r.code() != 230) fail("login refused");
  std::printf("login: %u, %u lines\n", r.code(), r.line_count());

  show(c.command("FEAT"));
  if (c.command("CWD a \"quoted\" dir").code() != 250) fail("CWD refused");
  show(c.command("PWD"));
  if (c.command("CDUP").code() != 250) fail("CDUP refused");

  r = c.command("PASV");
  ftpreply::endpoint ep;
  sockaddr_storage sa;
  socklen_t len = 0;
  if (ftpreply::decode_pasv(r, ftpreply::decode_mode::lenient, &ep) != ftpreply::error::ok ||
      ftpreply::to_sockaddr(ep, &sa, &len) != ftpreply::error::ok)
    fail("no data address in the PASV reply");
  std::printf("pasv: port %u\n", ep.port);
  const int data = connect_to(reinterpret_cast<const sockaddr*>(&sa), len);
  r = c.command("LIST");
  if (r.code() != 150 && r.code() != 125) fail("LIST refused");
  std::string listing;
  for (;;) {
    pollfd p{data, POLLIN, 0};
    if (::poll(&p, 1, kWaitMs) <= 0) fail("the listing stalled");
    char buf[4096];
    const ssize_t got = ::recv(data, buf, sizeof buf, 0);
    if (got <= 0) break;
    listing.append(buf, static_cast<size_t>(got));
  }
  ::close(data);
  r = c.reply();
  std::printf("listing: %zu bytes, then %u\n", listing.size(), r.code());

  r = c.command("QUIT");
  std::printf("quit: %u\n", r.code());
  ::close(fd);
  return 0;
}
