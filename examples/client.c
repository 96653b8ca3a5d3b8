/* SPDX-License-Identifier: Apache-2.0 */
/* A small FTP client in C on ftpreply's C API: a reader over its own buffer
 * (nothing allocates), the decoders for 229 and 227. It logs in
 * (anonymous), lists the directory over EPSV (PASV when EPSV is refused),
 * downloads a file, and quits. Every wait is bounded (10 s).
 *
 *   client_c HOST PORT [FILE]      FILE defaults to readme.txt
 *
 * Prints "greeting: CODE", "login: CODE", "list: N bytes",
 * "retr FILE: N bytes", "quit: CODE"; exits 1 when a step fails. */
#define _POSIX_C_SOURCE 200809L
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ftpreply.h>

#define WAIT_MS 10000

static char buffer[1 << 16]; /* the reader's bytes */
static ftpreply_reader reader;
static int control = -1;
static char host[256];

static void fail(const char* why) {
  fprintf(stderr, "client_c: %s\n", why);
  exit(1);
}

static int connect_to(const char* h, const char* port) {
  struct addrinfo hints, *list = NULL, *a;
  int fd = -1;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(h, port, &hints, &list) != 0) return -1;
  for (a = list; a != NULL; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    if (fd >= 0) close(fd);
    fd = -1;
  }
  freeaddrinfo(list);
  return fd;
}

static int wait_in(int fd) {
  struct pollfd p;
  p.fd = fd;
  p.events = POLLIN;
  p.revents = 0;
  return poll(&p, 1, WAIT_MS) > 0;
}

/* The next reply; a framing error or a silent server ends the program. */
static ftpreply_event next_reply(void) {
  ftpreply_event e;
  char chunk[4096];
  for (;;) {
    ssize_t n;
    if (ftpreply_reader_next(&reader, &e)) {
      if (!ftpreply_event_is_reply(&e)) fail(ftpreply_error_name(ftpreply_event_error(&e)));
      return e;
    }
    if (!wait_in(control)) fail("the server said nothing for 10 s");
    n = recv(control, chunk, sizeof chunk, 0);
    if (n <= 0) fail("the server closed the connection");
    if (ftpreply_reader_feed(&reader, chunk, (size_t)n) != FTPREPLY_OK) fail("a reply too long");
  }
}

/* Sends a command and returns its final reply (after any 1xx). */
static ftpreply_event command(const char* line) {
  char out[512];
  int n = snprintf(out, sizeof out, "%s\r\n", line);
  ftpreply_event e;
  if (n < 0 || (size_t)n >= sizeof out || send(control, out, (size_t)n, MSG_NOSIGNAL) != n)
    fail("cannot send a command");
  do e = next_reply();
  while (ftpreply_event_code(&e) / 100 == 1);
  return e;
}

/* A data connection from EPSV (the control connection's host), or PASV. */
static int open_data(void) {
  ftpreply_event e = command("EPSV");
  ftpreply_span b = ftpreply_event_bytes(&e);
  char port[8];
  if (ftpreply_event_code(&e) == 229) {
    uint16_t p = 0;
    if (ftpreply_decode_epsv(b.data, b.size, FTPREPLY_DECODE_LENIENT, &p) != FTPREPLY_OK)
      fail("no port in the 229 reply");
    snprintf(port, sizeof port, "%u", (unsigned)p);
    return connect_to(host, port);
  }
  e = command("PASV");
  b = ftpreply_event_bytes(&e);
  if (ftpreply_event_code(&e) == 227) {
    ftpreply_endpoint ep;
    char addr[32];
    if (ftpreply_decode_pasv(b.data, b.size, FTPREPLY_DECODE_LENIENT, &ep) != FTPREPLY_OK)
      fail("no address in the 227 reply");
    snprintf(addr, sizeof addr, "%u.%u.%u.%u", ep.address[0], ep.address[1], ep.address[2],
             ep.address[3]);
    snprintf(port, sizeof port, "%u", (unsigned)ep.port);
    return connect_to(addr, port);
  }
  fail("neither EPSV nor PASV");
  return -1;
}

/* LIST or RETR: the bytes the data connection carried, or -1. */
static long transfer(const char* line) {
  int data = open_data();
  char chunk[4096], out[512];
  long total = 0;
  ftpreply_event e;
  int n;
  if (data < 0) fail("cannot open the data connection");
  n = snprintf(out, sizeof out, "%s\r\n", line);
  if (n < 0 || (size_t)n >= sizeof out || send(control, out, (size_t)n, MSG_NOSIGNAL) != n)
    fail("cannot send a command");
  e = next_reply();
  if (ftpreply_event_code(&e) / 100 != 1) {
    close(data);
    return -1;
  }
  for (;;) {
    ssize_t got;
    if (!wait_in(data)) fail("the transfer stalled");
    got = recv(data, chunk, sizeof chunk, 0);
    if (got <= 0) break;
    total += got;
  }
  close(data);
  e = next_reply();
  return ftpreply_event_code(&e) == 226 || ftpreply_event_code(&e) == 250 ? total : -1;
}

int main(int argc, char** argv) {
  const char* file = argc > 3 ? argv[3] : "readme.txt";
  char line[300];
  ftpreply_event e;
  long n;
  if (argc < 3) fail("usage: client_c HOST PORT [FILE]");
  snprintf(host, sizeof host, "%s", argv[1]);
  if (ftpreply_reader_init(&reader, NULL, FTPREPLY_KERNEL_AUTOMATIC, buffer, sizeof buffer) !=
      FTPREPLY_OK)
    fail("reader");
  control = connect_to(argv[1], argv[2]);
  if (control < 0) fail("cannot connect");

  e = next_reply();
  printf("greeting: %u\n", ftpreply_event_code(&e));
  if (ftpreply_event_code(&e) != 220) fail("no 220 greeting");
  e = command("USER anonymous");
  if (ftpreply_event_code(&e) == 331) e = command("PASS client_c@example.org");
  printf("login: %u\n", ftpreply_event_code(&e));
  if (ftpreply_event_code(&e) != 230) fail("login refused");
  if (ftpreply_event_code((e = command("TYPE I"), &e)) != 200) fail("TYPE I refused");

  n = transfer("LIST");
  if (n < 0) fail("LIST failed");
  printf("list: %ld bytes\n", n);
  snprintf(line, sizeof line, "RETR %s", file);
  n = transfer(line);
  if (n < 0) fail("RETR failed");
  printf("retr %s: %ld bytes\n", file, n);

  e = command("QUIT");
  printf("quit: %u\n", ftpreply_event_code(&e));
  close(control);
  return ftpreply_event_code(&e) == 221 ? 0 : 1;
}
