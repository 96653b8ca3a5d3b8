/* SPDX-License-Identifier: Apache-2.0 */
/* A small read-only FTP server in C on ftpreply's C API: every reply is
 * written by ftpreply_encode_reply (texts by ftpreply_format_*). It serves a
 * tree held in memory, one session at a time, on 127.0.0.1, with passive
 * (PASV, EPSV) and active (PORT, EPRT) data connections. Every wait is
 * bounded; it exits when nobody connects for 30 s.
 *
 *   server_c [PORT]    PORT 0 (the default) picks a free one; the first line
 *                      printed is "listening on PORT"
 *
 * Commands: USER, PASS, SYST, FEAT, PWD, CWD, CDUP, TYPE, MODE, STRU, OPTS,
 * NOOP, EPSV, PASV, EPRT, PORT, LIST, NLST, RETR, SIZE, MDTM, QUIT. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ftpreply.h>

#define WAIT_MS 10000

/* The tree: a path and its content; directories have none. */
struct node {
  const char* path;   /* absolute, no trailing slash */
  const char* data;   /* NULL for a directory */
};
static const char kReadme[] = "ftpreply example server.\r\n";
static char big[5000];
static const struct node kTree[] = {
    {"/", NULL},
    {"/readme.txt", kReadme},
    {"/pub", NULL},
    {"/pub/data.bin", big},
};
#define TREE_SIZE (sizeof kTree / sizeof kTree[0])

static size_t node_size(const struct node* n) {
  return n->data == big ? sizeof big : n->data ? strlen(n->data) : 0;
}

struct session {
  int control;
  int passive;           /* a listening socket after PASV or EPSV, else -1 */
  struct sockaddr_in active; /* after PORT or EPRT: where to connect */
  int have_active;
  char cwd[512];
};

static int wait_for(int fd, short events) {
  struct pollfd p;
  p.fd = fd;
  p.events = events;
  p.revents = 0;
  return poll(&p, 1, WAIT_MS) > 0;
}

static int send_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n;
    if (!wait_for(fd, POLLOUT)) return 0;
    n = send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return 0;
    data += n;
    size -= (size_t)n;
  }
  return 1;
}

/* Every reply goes through the encoder: one line, or several when the
 * text has line breaks. */
static int reply(struct session* s, unsigned code, const char* text, size_t size) {
  char out[8192];
  size_t len = 0;
  if (ftpreply_encode_reply(code, text, size, out, sizeof out, &len) != FTPREPLY_OK) return 0;
  return send_all(s->control, out, len);
}
static int reply_text(struct session* s, unsigned code, const char* text) {
  return reply(s, code, text, strlen(text));
}

/* `arg` against the current directory, "." and ".." resolved. */
static void resolve(const char* cwd, const char* arg, char* out, size_t cap) {
  char all[600], *part, *save = NULL;
  size_t n = 0;
  snprintf(all, sizeof all, "%s/%s", arg[0] == '/' ? "" : cwd, arg);
  out[0] = '\0';
  for (part = strtok_r(all, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
    if (strcmp(part, ".") == 0) continue;
    if (strcmp(part, "..") == 0) {
      char* slash = strrchr(out, '/');
      if (slash) *slash = '\0';
      n = strlen(out);
      continue;
    }
    n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "/%s", part);
  }
  if (out[0] == '\0') snprintf(out, cap, "/");
}

static const struct node* find(const char* path) {
  size_t i;
  for (i = 0; i < TREE_SIZE; ++i)
    if (strcmp(kTree[i].path, path) == 0) return &kTree[i];
  return NULL;
}

/* The entries directly inside `dir`. */
static int inside(const char* dir, const char* path) {
  size_t d = strcmp(dir, "/") == 0 ? 0 : strlen(dir);
  return strncmp(path, dir, d) == 0 && path[d] == '/' && path[d + 1] != '\0' &&
         strchr(path + d + 1, '/') == NULL;
}

/* The data connection the last PASV, EPSV, PORT or EPRT set up. */
static int open_data(struct session* s) {
  int fd = -1;
  if (s->passive >= 0) {
    if (wait_for(s->passive, POLLIN)) fd = accept(s->passive, NULL, NULL);
    close(s->passive);
    s->passive = -1;
  } else if (s->have_active) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr*)&s->active, sizeof s->active) != 0) {
      close(fd);
      fd = -1;
    }
    s->have_active = 0;
  }
  return fd;
}

/* A socket listening on 127.0.0.1 at a free port (*port), or -1. */
static int listen_local(uint16_t want, uint16_t* port) {
  struct sockaddr_in a;
  socklen_t len = sizeof a;
  int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(want);
  if (bind(fd, (struct sockaddr*)&a, sizeof a) != 0 || listen(fd, 1) != 0 ||
      getsockname(fd, (struct sockaddr*)&a, &len) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(a.sin_port);
  return fd;
}

/* LIST, NLST or RETR over the data connection. */
static int transfer(struct session* s, const char* verb, const char* arg) {
  char path[512], body[4096], text[256];
  size_t n = 0, i;
  const struct node* target;
  const char* data;
  size_t size;
  int fd;
  int is_retr = strcmp(verb, "RETR") == 0;
  resolve(s->cwd, arg[0] && arg[0] != '-' ? arg : ".", path, sizeof path);
  target = find(path);
  if (target == NULL || (is_retr && target->data == NULL))
    return reply_text(s, 550, "No such file or directory.");
  if (is_retr) {
    data = target->data;
    size = node_size(target);
    snprintf(text, sizeof text, "Opening BINARY mode data connection for %s (%lu bytes).", arg,
             (unsigned long)size);
  } else {
    for (i = 0; i < TREE_SIZE; ++i) {
      const char* name;
      if (!inside(path, kTree[i].path)) continue;
      name = strrchr(kTree[i].path, '/') + 1;
      if (strcmp(verb, "LIST") == 0)
        n += (size_t)snprintf(body + n, sizeof body - n, "%s 1 ftp ftp %8lu Dec 06 2026 %s\r\n",
                              kTree[i].data ? "-r--r--r--" : "dr-xr-xr-x",
                              (unsigned long)node_size(&kTree[i]), name);
      else
        n += (size_t)snprintf(body + n, sizeof body - n, "%s\r\n", name);
    }
    data = body;
    size = n;
    snprintf(text, sizeof text, "Here comes the directory listing.");
  }
  if (!reply_text(s, 150, text)) return 0;
  fd = open_data(s);
  if (fd < 0) return reply_text(s, 425, "Use PORT, EPRT, PASV or EPSV first.");
  i = (size_t)send_all(fd, data, size);
  close(fd);
  return i ? reply_text(s, 226, "Transfer complete.") : reply_text(s, 426, "Connection lost.");
}

/* One command; 0 ends the session. */
static int command(struct session* s, char* line) {
  char* arg = strchr(line, ' ');
  char text[600], path[512];
  size_t len = 0;
  if (arg) *arg++ = '\0';
  else arg = line + strlen(line);
  if (strcasecmp(line, "USER") == 0) return reply_text(s, 331, "Any password will do.");
  if (strcasecmp(line, "PASS") == 0) return reply_text(s, 230, "Logged in, read only.");
  if (strcasecmp(line, "SYST") == 0) {
    if (ftpreply_format_system("UNIX", 4, "Type: L8", 8, text, sizeof text, &len) != FTPREPLY_OK) return 0;
    return reply(s, 215, text, len);
  }
  if (strcasecmp(line, "FEAT") == 0) {
    static const ftpreply_pair features[] = {
        {{"EPSV", 4}, {"", 0}}, {{"EPRT", 4}, {"", 0}}, {{"PASV", 4}, {"", 0}},
        {{"SIZE", 4}, {"", 0}}, {{"MDTM", 4}, {"", 0}}, {{"UTF8", 4}, {"", 0}}};
    if (ftpreply_format_features(features, 6, text, sizeof text, &len) != FTPREPLY_OK) return 0;
    return reply(s, 211, text, len);
  }
  if (strcasecmp(line, "PWD") == 0 || strcasecmp(line, "XPWD") == 0) {
    if (ftpreply_format_pathname(s->cwd, strlen(s->cwd), "is the current directory", 24, text,
                                 sizeof text, &len) != FTPREPLY_OK)
      return 0;
    return reply(s, 257, text, len);
  }
  if (strcasecmp(line, "CWD") == 0 || strcasecmp(line, "CDUP") == 0) {
    const struct node* n;
    resolve(s->cwd, strcasecmp(line, "CDUP") == 0 ? ".." : arg, path, sizeof path);
    n = find(path);
    if (n == NULL || n->data != NULL) return reply_text(s, 550, "No such directory.");
    snprintf(s->cwd, sizeof s->cwd, "%s", path);
    return reply_text(s, 250, "Directory changed.");
  }
  if (strcasecmp(line, "TYPE") == 0 || strcasecmp(line, "MODE") == 0 ||
      strcasecmp(line, "STRU") == 0 || strcasecmp(line, "OPTS") == 0 || strcasecmp(line, "NOOP") == 0)
    return reply_text(s, 200, "OK.");
  if (strcasecmp(line, "EPSV") == 0 || strcasecmp(line, "PASV") == 0) {
    uint16_t port = 0;
    if (s->passive >= 0) close(s->passive);
    s->passive = listen_local(0, &port);
    if (s->passive < 0) return reply_text(s, 425, "Cannot open a data port.");
    if (strcasecmp(line, "EPSV") == 0) {
      if (ftpreply_format_epsv(port, text, sizeof text, &len) != FTPREPLY_OK) return 0;
      return reply(s, 229, text, len);
    } else {
      ftpreply_endpoint ep;
      memset(&ep, 0, sizeof ep);
      ep.family = 4;
      ep.address[0] = 127;
      ep.address[3] = 1;
      ep.port = port;
      if (ftpreply_format_pasv(&ep, text, sizeof text, &len) != FTPREPLY_OK) return 0;
      return reply(s, 227, text, len);
    }
  }
  if (strcasecmp(line, "PORT") == 0 || strcasecmp(line, "EPRT") == 0) {
    unsigned h1, h2, h3, h4, p1, p2, port = 0;
    char host[64];
    int ok;
    memset(&s->active, 0, sizeof s->active);
    s->active.sin_family = AF_INET;
    if (strcasecmp(line, "PORT") == 0) {
      ok = sscanf(arg, "%u,%u,%u,%u,%u,%u", &h1, &h2, &h3, &h4, &p1, &p2) == 6 && h1 < 256 &&
           h2 < 256 && h3 < 256 && h4 < 256 && p1 < 256 && p2 < 256;
      snprintf(host, sizeof host, "%u.%u.%u.%u", h1, h2, h3, h4);
      port = p1 * 256 + p2;
    } else {
      ok = sscanf(arg, "|1|%63[0-9.]|%u|", host, &port) == 2;
    }
    if (!ok || port == 0 || port > 65535 || inet_pton(AF_INET, host, &s->active.sin_addr) != 1 ||
        strcmp(host, "127.0.0.1") != 0)  /* loopback only: never a third party */
      return reply_text(s, 501, "Only 127.0.0.1 with a port, please.");
    s->active.sin_port = htons((uint16_t)port);
    s->have_active = 1;
    return reply_text(s, 200, "Active mode set.");
  }
  if (strcasecmp(line, "LIST") == 0 || strcasecmp(line, "NLST") == 0 || strcasecmp(line, "RETR") == 0) {
    char verb[8];
    size_t i;
    for (i = 0; i < 4; ++i) verb[i] = (char)(line[i] & ~0x20);
    verb[4] = '\0';
    return transfer(s, verb, arg);
  }
  if (strcasecmp(line, "SIZE") == 0 || strcasecmp(line, "MDTM") == 0) {
    const struct node* n;
    resolve(s->cwd, arg, path, sizeof path);
    n = find(path);
    if (n == NULL || n->data == NULL) return reply_text(s, 550, "No such file.");
    if (strcasecmp(line, "SIZE") == 0) {
      if (ftpreply_format_size(node_size(n), text, sizeof text, &len) != FTPREPLY_OK) return 0;
    } else {
      ftpreply_timestamp t;
      memset(&t, 0, sizeof t);
      t.year = 2026, t.month = 12, t.day = 6, t.hour = 1, t.minute = 6;
      if (ftpreply_format_mdtm(&t, text, sizeof text, &len) != FTPREPLY_OK) return 0;
    }
    return reply(s, 213, text, len);
  }
  if (strcasecmp(line, "QUIT") == 0) {
    reply_text(s, 221, "Goodbye.");
    return 0;
  }
  snprintf(text, sizeof text, "Not implemented: %.40s", line);
  return reply_text(s, 502, text);
}

/* One session: command lines (CR LF or LF) until QUIT, EOF or a timeout. */
static void serve(int fd) {
  struct session s;
  char buf[2048];
  size_t held = 0;
  s.control = fd;
  s.passive = -1;
  s.have_active = 0;
  snprintf(s.cwd, sizeof s.cwd, "/");
  if (!reply_text(&s, 220, "ftpreply C example server ready")) return;
  for (;;) {
    char* lf;
    ssize_t n;
    while ((lf = memchr(buf, '\n', held)) != NULL) {
      size_t line_len = (size_t)(lf - buf);
      int go_on;
      *lf = '\0';
      if (line_len > 0 && buf[line_len - 1] == '\r') buf[line_len - 1] = '\0';
      go_on = command(&s, buf);
      memmove(buf, lf + 1, held - line_len - 1);
      held -= line_len + 1;
      if (!go_on) goto done;
    }
    if (held == sizeof buf - 1 || !wait_for(fd, POLLIN)) break; /* a line too long, or idle */
    n = recv(fd, buf + held, sizeof buf - 1 - held, 0);
    if (n <= 0) break;
    held += (size_t)n;
  }
done:
  if (s.passive >= 0) close(s.passive);
}

int main(int argc, char** argv) {
  uint16_t port = 0;
  int fd;
  size_t i;
  for (i = 0; i < sizeof big; ++i) big[i] = (char)('a' + i % 26);
  fd = listen_local(argc > 1 ? (uint16_t)atoi(argv[1]) : 0, &port);
  if (fd < 0) {
    perror("server_c: listen");
    return 1;
  }
  printf("listening on %u\n", port);
  fflush(stdout);
  for (;;) {
    struct pollfd p;
    int c;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, 30000) <= 0) break; /* nobody for 30 s */
    c = accept(fd, NULL, NULL);
    if (c < 0) continue;
    serve(c);
    close(c);
  }
  close(fd);
  return 0;
}
