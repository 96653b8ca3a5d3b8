// SPDX-License-Identifier: Apache-2.0
#include "synth.h"

namespace ftpreply_synth {

const char* to_string(mix m) {
  switch (m) {
    case mix::session: return "session";
    case mix::short_replies: return "short";
    case mix::multiline: return "multiline";
    case mix::hostile: return "hostile";
  }
  return "?";
}

bool mix_from_string(const std::string& name, mix* out) {
  for (mix m : all_mixes)
    if (name == to_string(m)) {
      *out = m;
      return true;
    }
  return false;
}

generator::generator(mix m, uint64_t seed)
    : mix_(m), state_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}

// splitmix64: the same numbers on every platform and compiler.
uint64_t generator::rand() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void generator::reply(std::string* out, int code, const std::string& text) {
  out->append(std::to_string(code));
  out->push_back(' ');
  out->append(text);
  out->append("\r\n");
  ++replies_;
}

std::string generator::file_name() {
  static const char* const stems[] = {"report", "backup", "index", "photo",
                                      "data", "invoice", "notes", "archive"};
  static const char* const exts[] = {".pdf", ".tar.gz", ".html", ".jpg",
                                     ".csv", ".txt", ".zip", ".log"};
  // One draw per statement: the order of calls inside one expression is
  // unspecified, and the stream must not depend on the compiler.
  const char* stem = stems[below(8)];
  const uint64_t number = below(10000);
  const char* ext = exts[below(8)];
  return std::string(stem) + "_" + std::to_string(number) + ext;
}

std::string generator::listing_line() {
  static const char* const perms[] = {"-rw-r--r--", "drwxr-xr-x", "-rwxr-xr-x",
                                      "lrwxrwxrwx", "-rw-------"};
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string l = perms[below(5)];
  l += "   1 ftp      ftp      ";
  const std::string size = std::to_string(below(100000000));
  l.append(10 - (size.size() < 10 ? size.size() : 10), ' ');
  const char* month = months[below(12)];
  const uint64_t day = 1 + below(28);
  const bool old = below(2) != 0;
  const std::string when = old ? std::string("2025") : "10:4" + std::to_string(below(10));
  const std::string name = file_name();
  l += size + " " + month + " " + std::to_string(day) + " " + when + " " + name;
  return l;
}

void generator::session(std::string* out) {
  // A client's session, one command's replies per call, cycling through
  // login, navigation and transfers with errors sprinkled in.
  const int step = step_++ % 24;
  switch (step) {
    case 0:
      if (below(2) == 0) {
        out->append("220-Welcome to the example FTP service.\r\n"
                    "220-Local time is Sat Nov 21 15:00:00 2026.\r\n");
        reply(out, 220, "You will be disconnected after 15 minutes of inactivity.");
      } else {
        reply(out, 220, "ProFTPD Server (Debian) [192.168.1.10]");
      }
      return;
    case 1: reply(out, 331, "Password required for user" + std::to_string(below(100)) + "."); return;
    case 2: reply(out, 230, "User logged in, proceed."); return;
    case 3: reply(out, 215, "UNIX Type: L8"); return;
    case 4:
      if (below(8)) {
        out->append("211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n MLST type*;size*;modify*;\r\n"
                    " PASV\r\n REST STREAM\r\n SIZE\r\n TVFS\r\n UTF8\r\n");
        reply(out, 211, "End");
      } else {
        reply(out, 200, "UTF8 set to on");
      }
      return;
    case 5: reply(out, 257, "\"/home/user/" + file_name() + "\" is the current directory"); return;
    case 6: reply(out, 200, "Type set to I"); return;
    case 7:
      if (below(2)) {
        std::string text = "Entering Passive Mode (192,168";
        for (int i = 0; i < 4; ++i) text += "," + std::to_string(below(256));
        reply(out, 227, text + ").");
      } else {
        reply(out, 229, "Entering Extended Passive Mode (|||" + std::to_string(1024 + below(60000)) + "|)");
      }
      return;
    case 8: reply(out, 150, "Opening BINARY mode data connection for file list"); return;
    case 9: reply(out, 226, "Transfer complete"); return;
    case 10:
      if (below(2)) out->append("250-This directory holds the public archive.\r\n"
                                "250-Please read README before downloading.\r\n");
      reply(out, 250, "CWD command successful");
      return;
    case 11: reply(out, 213, std::to_string(below(1u << 30))); return;
    case 12: {
      const uint64_t month_day = 1000 + below(200), clock = 10000 + below(30000);
      reply(out, 213, "2026" + std::to_string(month_day) + "1" + std::to_string(clock));
      return;
    }
    case 13: {
      const std::string name = file_name();
      const uint64_t size = below(1u << 24);
      reply(out, 150, "Opening BINARY mode data connection for " + name + " (" +
                          std::to_string(size) + " bytes)");
      return;
    }
    case 14:
      if (below(2) == 0) {
        out->append("226-File successfully transferred\r\n");
        const uint64_t secs = below(100), rate = below(10);
        reply(out, 226, "0.0" + std::to_string(secs) + " seconds (measured here), 1.2" +
                            std::to_string(rate) + " Mbytes per second");
      } else {
        reply(out, 226, "Transfer complete");
      }
      return;
    case 15: {
      static const int codes[] = {550, 530, 425, 450, 451, 452, 501, 502, 503, 553};
      static const char* const texts[] = {
          "Permission denied", "Not logged in", "Can't open data connection",
          "Requested file action not taken", "Local error in processing",
          "Insufficient storage space", "Syntax error in parameters or arguments",
          "Command not implemented", "Bad sequence of commands", "File name not allowed"};
      size_t i = below(10);
      reply(out, codes[i], (i == 0 ? file_name() + ": " : std::string()) + texts[i]);
      return;
    }
    case 16: reply(out, 257, "\"/home/user/" + file_name() + "\" created"); return;
    case 17: reply(out, 250, "DELE command successful"); return;
    case 18: reply(out, 350, "Restarting at " + std::to_string(below(1u << 20)) + ". Send STORE or RETRIEVE"); return;
    case 19: reply(out, 200, "PORT command successful"); return;
    case 20:
      if (below(2) == 0) {
        out->append("214-The following commands are recognized (* =>'s unimplemented):\r\n"
                    " CWD     XCWD    CDUP    XCUP    SMNT*   QUIT    PORT    PASV\r\n"
                    " EPRT    EPSV    ALLO*   RNFR    RNTO    DELE    MDTM    RMD\r\n"
                    " XRMD    MKD     XMKD    PWD     XPWD    SIZE    SYST    HELP\r\n");
        reply(out, 214, "Direct comments to root@example.org");
      } else {
        reply(out, 200, "NOOP command successful");
      }
      return;
    case 21: reply(out, 221, "Goodbye."); return;
    case 22: reply(out, 421, "Timeout (" + std::to_string(60 + below(900)) + " seconds): closing control connection"); return;
    default: reply(out, 200, "Command okay."); return;
  }
}

void generator::short_reply(std::string* out) {
  static const int codes[] = {200, 226, 150, 250, 331, 230, 350, 550, 125, 221};
  static const char* const texts[] = {"OK", "Done", "Ok", "OK", "Pwd", "In", "Wait", "No", "Go", "Bye"};
  size_t i = below(10);
  reply(out, codes[i], texts[i]);
}

void generator::multiline(std::string* out) {
  // STAT of a directory: a listing whose lines mostly start with letters,
  // some with digits, some with other codes and the reply's own code
  // without the terminating space.
  const int code = below(2) ? 213 : 211;
  out->append(std::to_string(code) + "-Status of /pub/" + file_name() + ":\r\n");
  const uint64_t lines = 20 + below(200);
  for (uint64_t i = 0; i < lines; ++i) {
    switch (below(16)) {
      case 0: out->append("226 inner line that is not the terminator\r\n"); break;
      case 1: {  // four digits or more: "213 bytes" would end the block
        const uint64_t bytes = 1000 + below(99000);
        out->append(std::to_string(bytes) + " bytes in " + file_name() + "\r\n");
        break;
      }
      case 2: out->append(std::to_string(code) + "-" + listing_line() + "\r\n"); break;
      case 3: out->append(" " + std::to_string(code) + " indented, not the end\r\n"); break;
      default: out->append(listing_line() + "\r\n"); break;
    }
  }
  reply(out, code, "End of status");
}

void generator::hostile(std::string* out) {
  // The giants (a huge line, an endless reply) are rare, so a stream of any
  // size also holds every small kind of abuse many times.
  const uint64_t pick = below(64);
  switch (pick < 2 ? pick : 2 + pick % 10) {
    case 0: {  // a huge line, over the default line limit
      out->append("250 ");
      out->append(20000 + below(80000), 'A');
      out->append("\r\n");
      return;
    }
    case 1: {  // an endless multi-line reply, past the default reply limit
      out->append("230-begin\r\n");
      std::string l = "230-" + std::string(200, 'z') + "\r\n";
      for (uint64_t n = 0; n < (uint64_t{1} << 20) / l.size() + 16; ++n) out->append(l);
      out->append("230 end\r\n");
      return;
    }
    case 2:  // a block "closed" by another code (glFTPd), then by its own
      out->append("553-\r\n553- Directory excluded (precheck).\r\n150 Opening BINARY mode\r\n");
      if (below(8)) out->append("553 Really done.\r\n");  // else it runs on
      return;
    case 3:  // NULs and Telnet bytes inside replies
      out->append(std::string("230 logged\0 in\xff\xfb\x01\r\n", 19));
      ++replies_;
      return;
    case 4:  // non-digits where a code belongs
      out->append(below(2) ? "2x0 Ready\r\n" : "+20 ok\r\n");
      return;
    case 5:  // bare LF and bare CR
      out->append(below(2) ? "230-A\n230-B\n230 C\n" : "220 Ready\r331 Password\r\n");
      if (out->back() == '\n') ++replies_;
      return;
    case 6: {  // random bytes
      uint64_t n = 1 + below(200);
      for (uint64_t i = 0; i < n; ++i) out->push_back(static_cast<char>(below(256)));
      out->append("\r\n");
      return;
    }
    case 7:  // wrong separators and short lines
      out->append(below(2) ? "220:Ready\r\n2200 Ready\r\n" : "23\r\n\r\n200\r\n");
      return;
    case 8: {  // many tiny lines inside one block
      out->append("211-\r\n");
      for (int i = 0; i < 2000; ++i) out->append("\r\n");
      reply(out, 211, "x");
      return;
    }
    case 9: {  // a long line under the limit, and one just over it
      out->append("250 ");
      out->append(below(2) ? 16000 : 16381, 'B');
      out->append("\r\n");
      return;
    }
    default:  // ordinary replies between the abuse
      session(out);
      return;
  }
}

void generator::next(std::string* out) {
  switch (mix_) {
    case mix::session: session(out); return;
    case mix::short_replies: short_reply(out); return;
    case mix::multiline: multiline(out); return;
    case mix::hostile: hostile(out); return;
  }
}

std::string generate(mix m, uint64_t seed, uint64_t min_replies,
                     uint64_t min_bytes, uint64_t* replies) {
  generator g(m, seed);
  std::string s;
  s.reserve(static_cast<size_t>(min_bytes) + (2u << 20));
  while (g.replies() < min_replies || s.size() < min_bytes) g.next(&s);
  if (replies) *replies = g.replies();
  return s;
}

}  // namespace ftpreply_synth
