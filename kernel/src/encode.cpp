// SPDX-License-Identifier: Apache-2.0
// Payload formatters and the reply encoder (ftpreply/encode.h).
#include <cstring>

#include "codec_internal.h"
#include "ftpreply/encode.h"

namespace ftpreply {
namespace {

using detail::is_ascii_digit;
using detail::put_code;
using detail::sub;
using detail::days_in;
using detail::is_marker;
using detail::is_system_name;
using detail::writer;

// The next line of `text` from `pos` (split at CR LF, LF or CR); *next is
// where the one after starts, text.size() + 1 after the last.
std::string_view next_line(std::string_view text, size_t pos, size_t* next) noexcept {
  size_t i = pos;
  while (i < text.size() && text[i] != '\r' && text[i] != '\n') ++i;
  if (i == text.size()) {
    *next = text.size() + 1;
  } else {
    *next = (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? i + 2 : i + 1;
  }
  return sub(text, pos, i - pos);
}

// A middle line that starts with digits, or spaces then digits, could read
// as a terminator (or lose a space to text_lines()): it gets one space.
bool needs_space(std::string_view line) noexcept {
  size_t spaces;
  return detail::digit_after_spaces(line, &spaces);
}

}  // namespace

error format_pasv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept {
  if (ep.family != address_family::ipv4 || ep.port == 0) return error::invalid_argument;
  writer w(out, capacity);
  w.put("Entering Passive Mode (");
  for (int k = 0; k < 4; ++k) {
    w.number(ep.address[k]);
    w.put(',');
  }
  w.port_bytes(ep.port);
  w.put(").");
  return w.done(length);
}

error format_lpsv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept {
  if ((ep.family != address_family::ipv4 && ep.family != address_family::ipv6) || ep.port == 0)
    return error::invalid_argument;
  const int hal = ep.family == address_family::ipv4 ? 4 : 16;
  writer w(out, capacity);
  w.put("Entering Long Passive Mode (");
  w.number(static_cast<uint8_t>(ep.family));
  w.put(',');
  w.number(static_cast<uint64_t>(hal));
  for (int k = 0; k < hal; ++k) {
    w.put(',');
    w.number(ep.address[k]);
  }
  w.put(",2,");
  w.port_bytes(ep.port);
  w.put(')');
  return w.done(length);
}

error format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) noexcept {
  if (port == 0) return error::invalid_argument;
  writer w(out, capacity);
  w.put("Entering Extended Passive Mode (|||");
  w.number(port);
  w.put("|)");
  return w.done(length);
}

error format_pathname(std::string_view path, std::string_view comment, char* out,
                      size_t capacity, size_t* length) noexcept {
  for (char c : path)
    if (c == '\r' || c == '\n') return error::invalid_argument;
  for (char c : comment)
    if (c == '\r' || c == '\n') return error::invalid_argument;
  writer w(out, capacity);
  w.put('"');
  for (char c : path) {
    w.put(c);
    if (c == '"') w.put('"');
  }
  w.put('"');
  if (!comment.empty()) {
    w.put(' ');
    w.put(comment);
  }
  return w.done(length);
}

error format_mark(std::string_view user, std::string_view server, char* out,
                  size_t capacity, size_t* length) noexcept {
  if (!is_marker(user) || !is_marker(server)) return error::invalid_argument;
  writer w(out, capacity);
  w.put("MARK ");
  w.put(user);
  w.put(" = ");
  w.put(server);
  return w.done(length);
}

error format_size(uint64_t size, char* out, size_t capacity, size_t* length) noexcept {
  writer w(out, capacity);
  w.number(size);
  return w.done(length);
}

error format_mdtm(const timestamp& t, char* out, size_t capacity, size_t* length) noexcept {
  if (t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > days_in(t.year, t.month) || t.hour > 23 || t.minute > 59 || t.second > 60)
    return error::invalid_argument;
  for (char c : t.fraction)
    if (!is_ascii_digit(c)) return error::invalid_argument;
  writer w(out, capacity);
  w.number(t.year, 4);
  w.number(t.month, 2);
  w.number(t.day, 2);
  w.number(t.hour, 2);
  w.number(t.minute, 2);
  w.number(t.second, 2);
  if (!t.fraction.empty()) {
    w.put('.');
    w.put(t.fraction);
  }
  return w.done(length);
}

error format_system(std::string_view name, std::string_view rest, char* out,
                    size_t capacity, size_t* length) noexcept {
  if (!is_system_name(name)) return error::invalid_argument;
  for (char c : rest)
    if (c == '\r' || c == '\n') return error::invalid_argument;
  writer w(out, capacity);
  w.put(name);
  if (!rest.empty()) {
    w.put(' ');
    w.put(rest);
  }
  return w.done(length);
}

error format_features(const feature* features, size_t count, char* out,
                      size_t capacity, size_t* length) noexcept {
  writer w(out, capacity);
  w.put("Features:");
  for (size_t k = 0; k < count; ++k) {
    const feature& f = features[k];
    if (f.name.empty()) return error::invalid_argument;
    for (char c : f.name)
      if (c <= ' ' || c > '~') return error::invalid_argument;
    for (char c : f.params)
      if (c == '\r' || c == '\n') return error::invalid_argument;
    w.put("\r\n ");
    w.put(f.name);
    if (!f.params.empty()) {
      w.put(' ');
      w.put(f.params);
    }
  }
  w.put("\r\nEnd");
  return w.done(length);
}

error encode_reply(uint16_t code, std::string_view text, char* out, size_t capacity,
                   size_t* length) noexcept {
  if (code < 100 || code > 659) return error::invalid_argument;
  // One line end at the end ends the last line and makes no new one.
  if (!text.empty() && text.back() == '\n')
    text.remove_suffix(text.size() >= 2 && text[text.size() - 2] == '\r' ? 2 : 1);
  else if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  // First pass: the size.
  size_t size = 0, lines = 0, next = 0;
  for (size_t pos = 0; pos <= text.size(); pos = next, ++lines) {
    const std::string_view l = next_line(text, pos, &next);
    size += l.size() + 2;
  }
  size_t pos = 0;
  // Heads: "ddd-" on the first line, "ddd " on the last, spaces in between.
  size += lines == 1 ? 4 : 8;
  for (size_t k = 0; k < lines; ++k) {
    const std::string_view l = next_line(text, pos, &next);
    if (k > 0 && k + 1 < lines && needs_space(l)) ++size;
    pos = next;
  }
  *length = size;
  if (size > capacity) return error::buffer_too_small;
  // Second pass: the bytes.
  char* w = out;
  pos = 0;
  for (size_t k = 0; k < lines; ++k) {
    const std::string_view l = next_line(text, pos, &next);
    pos = next;
    if (k == 0 || k + 1 == lines) {
      put_code(w, code, k + 1 == lines ? ' ' : '-');
      w += 4;
    } else if (needs_space(l)) {
      *w++ = ' ';
    }
    if (!l.empty()) std::memcpy(w, l.data(), l.size());
    w += l.size();
    *w++ = '\r';
    *w++ = '\n';
  }
  return error::ok;
}

}  // namespace ftpreply
