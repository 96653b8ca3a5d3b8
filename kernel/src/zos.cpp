// SPDX-License-Identifier: Apache-2.0
// z/OS FTP client API transcript lines (ftpreply/zos.h).
#include "ftpreply/zos.h"
#include "internal.h"

namespace ftpreply {
namespace {

using detail::is_ascii_digit;
using detail::sub;
bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

// "AAAnnnnA": three letters (the component, EZA, EZZ, ...), four digits, a
// severity letter.
bool is_message_id(std::string_view s) noexcept {
  return s.size() == 8 && is_upper(s[0]) && is_upper(s[1]) && is_upper(s[2]) &&
         is_ascii_digit(s[3]) && is_ascii_digit(s[4]) && is_ascii_digit(s[5]) && is_ascii_digit(s[6]) &&
         is_upper(s[7]);
}

// Splits off a leading message ID followed by a blank or the end.
std::string_view take_message_id(std::string_view* line) noexcept {
  if (line->size() >= 8 && is_message_id(sub(*line, 0, 8)) &&
      (line->size() == 8 || (*line)[8] == ' ')) {
    std::string_view id = sub(*line, 0, 8);
    line->remove_prefix(line->size() == 8 ? 8 : 9);
    return id;
  }
  return std::string_view();
}

// n digits, or n blanks (-1) when `blank_ok`.
bool field(std::string_view s, bool blank_ok, int* out) noexcept {
  bool digits = true, blanks = true;
  int v = 0;
  for (char c : s) {
    digits = digits && is_ascii_digit(c);
    blanks = blanks && c == ' ';
    if (is_ascii_digit(c)) v = v * 10 + (c - '0');
  }
  if (digits) *out = v;
  else if (blanks && blank_ok) *out = -1;
  else return false;
  return true;
}

std::string_view strip_line_end(std::string_view l) noexcept {
  while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
  return l;
}

}  // namespace

error parse_zos_status(std::string_view line, zos_status* out) noexcept {
  line = strip_line_end(line);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  zos_status s;
  s.message_id = take_message_id(&line);
  // "Command(" ee "-" ss "-" cccc "-" rrr "):" is 24 bytes.
  if (line.size() != 24 || sub(line, 0, 8) != "Command(" || line[10] != '-' ||
      line[13] != '-' || line[18] != '-' || sub(line, 22, 2) != "):")
    return error::malformed;
  if (!field(sub(line, 8, 2), false, &s.client_error) ||
      !field(sub(line, 11, 2), true, &s.subcommand) ||
      !field(sub(line, 19, 3), true, &s.reply))
    return error::malformed;
  std::string_view cmd = sub(line, 14, 4);
  while (!cmd.empty() && cmd.back() == ' ') cmd.remove_suffix(1);
  for (char c : cmd)
    if (c <= ' ' || c > '~') return error::malformed;
  s.command = cmd;
  *out = s;
  return error::ok;
}

error format_zos_status(const zos_status& s, char* out, size_t capacity,
                        size_t* length) noexcept {
  if ((!s.message_id.empty() && !is_message_id(s.message_id)) || s.client_error < 0 ||
      s.client_error > 99 || s.subcommand < -1 || s.subcommand > 99 || s.reply < -1 ||
      s.reply > 999 || s.command.size() > 4)
    return error::invalid_argument;
  for (char c : s.command)
    if (c <= ' ' || c > '~') return error::invalid_argument;
  const size_t size = (s.message_id.empty() ? 0 : 9) + 24;
  *length = size;
  if (size > capacity) return error::buffer_too_small;
  char* w = out;
  auto put = [&](std::string_view t) {
    for (char c : t) *w++ = c;
  };
  auto num = [&](int v, int digits) {
    if (v < 0) {
      for (int k = 0; k < digits; ++k) *w++ = ' ';
      return;
    }
    for (int k = digits - 1; k >= 0; --k) {
      w[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    w += digits;
  };
  if (!s.message_id.empty()) {
    put(s.message_id);
    *w++ = ' ';
  }
  put("Command(");
  num(s.client_error, 2);
  *w++ = '-';
  num(s.subcommand, 2);
  *w++ = '-';
  put(s.command);
  for (size_t k = s.command.size(); k < 4; ++k) *w++ = ' ';
  *w++ = '-';
  num(s.reply, 3);
  put("):");
  return error::ok;
}

const char* to_string(zos_line_kind k) noexcept {
  switch (k) {
    case zos_line_kind::message: return "message";
    case zos_line_kind::command: return "command";
    case zos_line_kind::reply: return "reply";
    case zos_line_kind::status: return "status";
  }
  return "message";
}

zos_line classify_zos_line(std::string_view line) noexcept {
  line = strip_line_end(line);
  zos_line out;
  if (parse_zos_status(line, &out.status) == error::ok) {
    out.kind = zos_line_kind::status;
    out.message_id = out.status.message_id;
    return out;
  }
  std::string_view rest = line;
  out.message_id = take_message_id(&rest);
  if (sub(rest, 0, 3) == ">>>") {
    out.kind = zos_line_kind::command;
    rest.remove_prefix(3);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    out.text = rest;
    return out;
  }
  // Server replies carry no message ID: "ddd text", "ddd-text" or "ddd".
  if (out.message_id.empty() && rest.size() >= 3 && is_ascii_digit(rest[0]) && is_ascii_digit(rest[1]) &&
      is_ascii_digit(rest[2]) && (rest.size() == 3 || rest[3] == ' ' || rest[3] == '-')) {
    out.kind = zos_line_kind::reply;
    out.code = static_cast<uint16_t>((rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0'));
    out.separator = rest.size() == 3 ? 0 : rest[3];
    out.text = rest.size() > 4 ? sub(rest, 4) : std::string_view();
    return out;
  }
  out.kind = zos_line_kind::message;
  out.text = rest;
  return out;
}

}  // namespace ftpreply
