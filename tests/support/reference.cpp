// SPDX-License-Identifier: Apache-2.0
#include "reference.h"

namespace ftpreply_test {
namespace {

namespace fl = ftpreply::flags;
using ftpreply::error;

bool digit(char c) { return c >= '0' && c <= '9'; }

uint16_t byte_flags(const std::string& s, size_t from, size_t to) {
  uint16_t f = 0;
  for (size_t i = from; i < to; ++i) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b == 0) f |= fl::nul;
    else if (b == 0xFF) f |= fl::telnet;
    else if (b >= 0x80) f |= fl::non_ascii;
  }
  return f;
}

struct line {
  size_t start;
  size_t end;        // one past the LF, or the end of the stream
  bool has_end;      // ends with LF
  bool crlf;         // ends with CR LF
  std::string body;  // without the line end
};

std::vector<line> split_lines(const std::string& s) {
  std::vector<line> lines;
  size_t p = 0;
  while (p < s.size()) {
    size_t lf = s.find('\n', p);
    line l;
    l.start = p;
    l.has_end = lf != std::string::npos;
    l.end = l.has_end ? lf + 1 : s.size();
    l.crlf = l.has_end && lf > p && s[lf - 1] == '\r';
    size_t body_end = l.has_end ? (l.crlf ? lf - 1 : lf) : s.size();
    l.body = s.substr(p, body_end - p);
    lines.push_back(l);
    p = l.end;
  }
  return lines;
}

}  // namespace

std::vector<recorded> reference_scan(const std::string& s,
                                     const ftpreply::options& raw) {
  const ftpreply::options opt = raw.normalized();
  std::vector<recorded> out;
  auto err = [&](error e, size_t offset, size_t start, size_t end) {
    recorded r;
    r.err = e;
    r.offset = offset;
    r.start = start;
    r.length = end - start;
    out.push_back(r);
  };
  bool blank = false;
  auto reply = [&](size_t start, size_t end, uint16_t code, uint32_t lines,
                   uint16_t f, const std::string& text) {
    recorded r;
    r.code = code;
    r.flags = static_cast<uint16_t>(f | (blank ? fl::blank_line : 0));
    blank = false;
    r.lines = lines;
    r.offset = r.start = start;
    r.length = end - start;
    r.bytes = s.substr(start, end - start);
    r.text = text;
    out.push_back(r);
  };
  auto code_of = [](const std::string& b) {
    return static_cast<uint16_t>((b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0'));
  };

  bool in_block = false;
  size_t bs = 0;
  uint16_t bcode = 0, bflags = 0;
  uint32_t blines = 0;
  std::string btext;

  for (const line& l : split_lines(s)) {
    const size_t len = l.end - l.start;
    if (in_block) {
      if (!l.has_end) {  // the stream ends inside this line
        if (len > opt.max_line) { err(error::line_too_long, l.start, bs, l.end); in_block = false; continue; }
        if (l.end - bs > opt.max_reply) { err(error::reply_too_long, l.start, bs, l.end); in_block = false; continue; }
        err(error::unterminated, bs, bs, l.start);
        in_block = false;
        // falls through: the line is read as the start of a reply
      } else {
        if (len > opt.max_line) { err(error::line_too_long, l.start, bs, l.end); in_block = false; continue; }
        if (l.end - bs > opt.max_reply) { err(error::reply_too_long, l.start, bs, l.end); in_block = false; continue; }
        if (blines + 1 > opt.max_lines) { err(error::too_many_lines, l.start, bs, l.end); in_block = false; continue; }
        if (!l.crlf) {
          if (opt.strict) { err(error::bare_lf, l.start, bs, l.end); in_block = false; continue; }
          bflags |= fl::bare_lf;
        }
        bflags |= byte_flags(s, l.start, l.end);
        ++blines;
        const std::string& b = l.body;
        if (b.size() >= 3 && digit(b[0]) && digit(b[1]) && digit(b[2])) {
          uint16_t c = code_of(b);
          bool space_term = b.size() >= 4 && b[3] == ' ';
          if (space_term && c == bcode) { reply(bs, l.end, c, blines, bflags, btext); in_block = false; }
          else if (space_term && opt.any_code_terminates) { reply(bs, l.end, c, blines, bflags | fl::mismatched_terminator, btext); in_block = false; }
          else if (b.size() == 3 && !opt.strict && c == bcode) { reply(bs, l.end, c, blines, bflags | fl::bare_code, btext); in_block = false; }
        }
        continue;
      }
    }
    // A line where a reply should start.
    if (!l.has_end) {
      if (len > opt.max_line) err(error::line_too_long, l.start, l.start, l.end);
      else err(error::truncated, l.start, l.start, l.end);
      continue;
    }
    if (len > opt.max_line) { err(error::line_too_long, l.start, l.start, l.end); continue; }
    uint16_t f = 0;
    if (!l.crlf) {
      if (opt.strict) { err(error::bare_lf, l.start, l.start, l.end); continue; }
      f |= fl::bare_lf;
    }
    const std::string& b = l.body;
    if (b.empty()) {
      if (opt.strict) err(error::empty_line, l.start, l.start, l.end);
      else blank = true;
      continue;
    }
    if (b.size() < 3 || !digit(b[0]) || !digit(b[1]) || !digit(b[2])) { err(error::bad_code, l.start, l.start, l.end); continue; }
    if (b.size() == 3) {
      if (opt.strict) { err(error::bare_code, l.start, l.start, l.end); continue; }
      f |= fl::bare_code;
    } else if (b[3] != ' ' && b[3] != '-') {
      err(error::bad_separator, l.start, l.start, l.end);
      continue;
    }
    if (opt.strict && (b[0] < '1' || b[0] > '6')) { err(error::bad_class, l.start, l.start, l.end); continue; }
    f |= byte_flags(s, l.start, l.end);
    std::string text = b.size() > 4 ? b.substr(4) : std::string();
    if (b.size() == 3 || b[3] == ' ') {
      reply(l.start, l.end, code_of(b), 1, f, text);
    } else {
      in_block = true;
      bs = l.start;
      bcode = code_of(b);
      bflags = f;
      blines = 1;
      btext = text;
    }
  }
  if (in_block) err(error::unterminated, bs, bs, s.size());
  return out;
}

}  // namespace ftpreply_test
