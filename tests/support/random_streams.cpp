// SPDX-License-Identifier: Apache-2.0
#include "random_streams.h"

#include <algorithm>

namespace ftpreply_test {
namespace {

size_t pick(std::mt19937_64& rng, size_t n) {
  return static_cast<size_t>(rng() % n);
}

std::string code_text(std::mt19937_64& rng) {
  static const char* const common[] = {"220", "230", "211", "150", "226", "227",
                                       "257", "550", "421", "631", "099", "999"};
  if (pick(rng, 4)) return common[pick(rng, sizeof common / sizeof *common)];
  std::string c;
  for (int i = 0; i < 3; ++i) c += static_cast<char>('0' + pick(rng, 10));
  return c;
}

std::string text(std::mt19937_64& rng) {
  static const size_t lengths[] = {0, 1, 3, 14, 15, 16, 17, 30, 31, 32, 33,
                                   58, 59, 60, 61, 62, 63, 64, 65, 100, 127, 200};
  size_t n = lengths[pick(rng, sizeof lengths / sizeof *lengths)];
  std::string t;
  for (size_t i = 0; i < n; ++i) {
    switch (pick(rng, 24)) {
      case 0: t += static_cast<char>('0' + pick(rng, 10)); break;
      case 1: t += '-'; break;
      case 2: t += '\r'; break;
      case 3: t += '\0'; break;
      case 4: t += '\xff'; break;
      case 5: t += static_cast<char>(0x80 + pick(rng, 127)); break;
      case 6: t += ' '; break;
      default: t += static_cast<char>('a' + pick(rng, 26)); break;
    }
  }
  return t;
}

std::string line_end(std::mt19937_64& rng) {
  switch (pick(rng, 12)) {
    case 0: return "\n";
    case 1: return "\r\r\n";
    default: return "\r\n";
  }
}

}  // namespace

std::string random_stream(std::mt19937_64& rng, size_t approx_size) {
  std::string s;
  while (s.size() < approx_size) {
    const std::string code = code_text(rng);
    switch (pick(rng, 10)) {
      case 0: {  // multi-line block
        s += code + "-" + text(rng) + line_end(rng);
        size_t lines = pick(rng, 12);
        for (size_t i = 0; i < lines; ++i) {
          switch (pick(rng, 6)) {
            case 0: s += code + "-" + text(rng); break;
            case 1: s += code_text(rng) + " " + text(rng); break;
            case 2: s += " " + text(rng); break;
            case 3: s += code_text(rng); break;
            default: s += text(rng); break;
          }
          s += line_end(rng);
        }
        switch (pick(rng, 6)) {
          case 0: s += code + line_end(rng); break;              // bare code
          case 1: s += code_text(rng) + " end" + line_end(rng); break;
          case 2: break;                                          // none
          default: s += code + " " + text(rng) + line_end(rng); break;
        }
        break;
      }
      case 1:  // garbage line
        s += text(rng) + line_end(rng);
        break;
      case 2:  // empty line
        s += line_end(rng);
        break;
      case 3:  // long line
        s += code + " " + std::string(50 + pick(rng, 400), 'x') + line_end(rng);
        break;
      default:
        s += code + (pick(rng, 8) ? " " : (pick(rng, 2) ? "" : ":")) + text(rng) +
             line_end(rng);
        break;
    }
  }
  if (pick(rng, 3) == 0) s += code_text(rng) + text(rng);  // open at the end
  return s;
}

std::string clean_stream(std::mt19937_64& rng, size_t approx_size) {
  static const char* const codes[] = {"200", "211", "214", "220", "226", "250", "257"};
  auto code = [&] { return std::string(codes[pick(rng, sizeof codes / sizeof *codes)]); };
  auto words = [&](size_t max) {
    std::string t;
    for (size_t n = 1 + pick(rng, max); t.size() < n;) t += "abcdefghij klmno"[pick(rng, 16)];
    return t;
  };
  // One defect in about 40 lines.
  auto end = [&] { return pick(rng, 40) ? std::string("\r\n") : std::string("\n"); };
  auto flaw = [&](std::string t) {
    if (pick(rng, 40) == 0) t[pick(rng, t.size())] = pick(rng, 2) ? '\0' : '\xe9';
    return t;
  };
  std::string s;
  while (s.size() < approx_size) {
    const std::string c = code();
    if (pick(rng, 4)) {  // single-line
      s += c + " " + flaw(words(70)) + end();
      continue;
    }
    s += c + "-" + flaw(words(70)) + end();
    for (size_t i = 0, n = pick(rng, 11); i < n; ++i) {
      switch (pick(rng, 30)) {
        case 0: s += c + end(); break;                       // bare code: may end it
        case 1: s += code() + " other" + end(); break;       // another code's head
        case 2: s += c + "-" + words(20) + end(); break;
        case 3: s += " " + std::string(60 + pick(rng, 120), 'y') + end(); break;
        default: s += " " + flaw(words(70)) + end(); break;
      }
    }
    s += c + (pick(rng, 30) ? " " : "") + flaw(words(70)) + end();
  }
  return s;
}

std::string long_line_stream(std::mt19937_64& rng, size_t approx_size) {
  static const char* const codes[] = {"211", "214", "230", "250"};
  auto code = [&] { return std::string(codes[pick(rng, sizeof codes / sizeof *codes)]); };
  auto end = [&] { return pick(rng, 30) ? std::string("\r\n") : std::string("\n"); };
  // 100 to 1,099 bytes, most over the walker's long_line (192); a defect
  // in about one line in six, anywhere in it.
  auto long_text = [&] {
    std::string t(100 + pick(rng, 1000), 'z');
    switch (pick(rng, 24)) {
      case 0: t[pick(rng, t.size())] = '\0'; break;
      case 1: t[pick(rng, t.size())] = '\xe9'; break;
      case 2: t[pick(rng, t.size())] = '\r'; break;
      case 3: t.back() = '\r'; break;  // CR CR LF
      default: break;
    }
    return t;
  };
  std::string s;
  while (s.size() < approx_size) {
    const std::string c = code();
    if (pick(rng, 6) == 0) {  // a long single-line reply between blocks
      s += c + " " + long_text() + end();
      continue;
    }
    s += c + "-" + long_text() + end();
    for (size_t i = 0, n = pick(rng, 16); i < n; ++i) {
      switch (pick(rng, 16)) {
        case 0: s += c + end(); break;                        // bare code: may end it
        case 1: s += " short" + end(); break;                 // a short line between
        case 2: s += c + "-" + long_text() + end(); break;
        case 3: s += code() + " " + long_text() + end(); break;  // another code's head
        default: s += long_text() + end(); break;
      }
    }
    s += c + (pick(rng, 20) ? " " : "") + long_text() + end();
  }
  return s;
}

ftpreply::options random_options(std::mt19937_64& rng) {
  ftpreply::options o;
  o.strict = pick(rng, 2) == 0;
  o.any_code_terminates = pick(rng, 3) == 0;
  if (pick(rng, 2)) {
    static const uint32_t lines[] = {8, 9, 20, 63, 64, 65, 100, 300};
    o.max_line = lines[pick(rng, sizeof lines / sizeof *lines)];
    o.max_reply = o.max_line + pick(rng, 2000);
    o.max_lines = static_cast<uint32_t>(1 + pick(rng, 20));
  }
  return o;
}

std::vector<size_t> random_cuts(std::mt19937_64& rng, size_t n) {
  std::vector<size_t> cuts;
  if (n < 2) return cuts;
  size_t k = pick(rng, 12);
  for (size_t i = 0; i < k; ++i) cuts.push_back(1 + pick(rng, n - 1));
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

}  // namespace ftpreply_test
