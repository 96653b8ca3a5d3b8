// SPDX-License-Identifier: Apache-2.0
// Payload decoders and the text of a reply (ftpreply/codec.h).
#include <cstring>

#include "ftpreply/codec.h"
#include "internal.h"

namespace ftpreply {
namespace {

using detail::is_ascii_digit;
bool is_code(std::string_view s) noexcept {
  return s.size() >= 3 && is_ascii_digit(s[0]) && is_ascii_digit(s[1]) && is_ascii_digit(s[2]);
}

// A reply line's text: after "ddd " or "ddd-", empty for a bare code.
std::string_view after_head(std::string_view line) noexcept {
  if (!is_code(line)) return line;
  if (line.size() == 3) return std::string_view();
  if (line[3] == ' ' || line[3] == '-') return line.substr(4);
  return line;
}

// Reads the decimal number at text[i..], advancing i. Values past 2^64-1
// saturate (and are then out of any range). False when no digit is there.
bool read_number(std::string_view text, size_t& i, uint64_t* out) noexcept {
  if (i >= text.size() || !is_ascii_digit(text[i])) return false;
  uint64_t v = 0;
  for (; i < text.size() && is_ascii_digit(text[i]); ++i) {
    const uint64_t d = static_cast<uint64_t>(text[i] - '0');
    v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
  }
  *out = v;
  return true;
}

// All of `digits` as one number: malformed unless digits only, out_of_range
// past 2^64-1.
error parse_u64(std::string_view digits, uint64_t* out) noexcept {
  if (digits.empty()) return error::malformed;
  // The form first: a long digit run followed by a stray byte is malformed,
  // whatever its value.
  for (char c : digits)
    if (!is_ascii_digit(c)) return error::malformed;
  uint64_t v = 0;
  for (char c : digits) {
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return error::out_of_range;
    v = v * 10 + d;
  }
  *out = v;
  return error::ok;
}

void skip_spaces(std::string_view text, size_t& i) noexcept {
  while (i < text.size() && text[i] == ' ') ++i;
}

// Comma-separated numbers. Strict: "(n,n,...,n)" from the first '('.
// Lenient: the numbers may have spaces around the commas and need no
// parentheses; `accept` picks the first run of numbers it likes.
constexpr size_t kMaxNumbers = 24;

struct number_list {
  uint64_t v[kMaxNumbers];
  size_t count = 0;
};

// Leaves i just past the last number (lenient: and the spaces after it).
bool read_list(std::string_view text, size_t& i, bool lenient, number_list* out) noexcept {
  out->count = 0;
  for (;;) {
    if (lenient) skip_spaces(text, i);
    if (out->count == kMaxNumbers || !read_number(text, i, &out->v[out->count])) return false;
    ++out->count;
    size_t j = i;
    if (lenient) skip_spaces(text, j);
    if (j < text.size() && text[j] == ',') {
      i = j + 1;
      continue;
    }
    i = j;
    return true;
  }
}

template <class Accept>
error find_numbers(std::string_view text, bool strict, number_list* list, Accept&& accept) noexcept {
  if (strict) {
    const size_t open = text.find('(');
    if (open == std::string_view::npos) return error::malformed;
    size_t i = open + 1;
    number_list l;
    if (!read_list(text, i, false, &l)) return error::malformed;
    if (i >= text.size() || text[i] != ')') return error::malformed;
    *list = l;
    return accept(*list) ? error::ok : error::malformed;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_ascii_digit(text[i]) || (i > 0 && is_ascii_digit(text[i - 1]))) continue;
    number_list l;
    size_t at = i;
    if (read_list(text, at, true, &l) && accept(l)) {
      *list = l;
      return error::ok;
    }
  }
  return error::malformed;
}

bool all_bytes(const number_list& l) noexcept {
  for (size_t k = 0; k < l.count; ++k)
    if (l.v[k] > 255) return false;
  return true;
}

bool is_leap(unsigned y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in(unsigned year, unsigned month) noexcept {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

// Writes what `put` produces, counting; buffer_too_small when it does not fit.
class writer {
 public:
  writer(char* out, size_t cap) : out_(out), cap_(cap) {}
  void put(char c) {
    if (n_ < cap_) out_[n_] = c;
    ++n_;
  }
  void put(std::string_view s) {
    for (char c : s) put(c);
  }
  void number(uint64_t v, int min_digits = 1) {
    char tmp[24];
    int k = 0;
    do {
      tmp[k++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (k < min_digits) tmp[k++] = '0';
    while (k) put(tmp[--k]);
  }
  // A port as the two bytes 227 and 228 write: "p1,p2".
  void port_bytes(uint16_t port) {
    number(port >> 8);
    put(',');
    number(port & 0xFF);
  }
  error done(size_t* length) const {
    *length = n_;
    return n_ <= cap_ ? error::ok : error::buffer_too_small;
  }

 private:
  char* out_;
  size_t cap_;
  size_t n_ = 0;
};

bool is_marker(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c <= ' ' || c > '~' || c == '=') return false;
  return true;
}

bool is_system_name(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' ||
          c == '/' || c == '_' || c == '.'))
      return false;
  return true;
}

}  // namespace

std::string_view last_line_text(std::string_view reply) noexcept {
  size_t end = reply.size();
  if (end && reply[end - 1] == '\n') --end;
  if (end && reply[end - 1] == '\r') --end;
  const size_t lf = end ? reply.rfind('\n', end - 1) : std::string_view::npos;
  const size_t start = lf == std::string_view::npos ? 0 : lf + 1;
  return after_head(reply.substr(start, end - start));
}

error decode_pasv(std::string_view reply, bool strict, endpoint* out) noexcept {
  number_list l;
  error e = find_numbers(last_line_text(reply), strict, &l,
                         [](const number_list& x) { return x.count == 6; });
  if (e != error::ok) return e;
  if (!all_bytes(l)) return error::out_of_range;
  const uint64_t port = l.v[4] * 256 + l.v[5];
  if (port == 0) return error::out_of_range;
  *out = endpoint();
  out->family = 4;
  for (int k = 0; k < 4; ++k) out->address[k] = static_cast<uint8_t>(l.v[k]);
  out->port = static_cast<uint16_t>(port);
  return error::ok;
}

error decode_lpsv(std::string_view reply, bool strict, endpoint* out) noexcept {
  // af, hal, hal address bytes, pal (2), two port bytes.
  auto shape = [](const number_list& x) {
    if (x.count < 2) return false;
    const uint64_t af = x.v[0], hal = x.v[1];
    if (!((af == 4 && hal == 4) || (af == 6 && hal == 16))) return false;
    return x.count == 2 + hal + 3 && x.v[2 + hal] == 2;
  };
  number_list l;
  error e = find_numbers(last_line_text(reply), strict, &l, shape);
  if (e != error::ok) return e;
  if (!all_bytes(l)) return error::out_of_range;
  const size_t hal = static_cast<size_t>(l.v[1]);
  const uint64_t port = l.v[3 + hal] * 256 + l.v[4 + hal];
  if (port == 0) return error::out_of_range;
  *out = endpoint();
  out->family = static_cast<uint8_t>(l.v[0]);
  for (size_t k = 0; k < hal; ++k) out->address[k] = static_cast<uint8_t>(l.v[2 + k]);
  out->port = static_cast<uint16_t>(port);
  return error::ok;
}

error decode_epsv(std::string_view reply, bool /*strict*/, uint16_t* port) noexcept {
  const std::string_view t = last_line_text(reply);
  const size_t open = t.find('(');
  if (open == std::string_view::npos || open + 5 > t.size()) return error::malformed;
  const char d = t[open + 1];
  // Any byte 33-126 but a digit: a digit delimiter would run into the port.
  if (d < 33 || d > 126 || is_ascii_digit(d) || t[open + 2] != d || t[open + 3] != d)
    return error::malformed;
  size_t i = open + 4;
  uint64_t v = 0;
  if (!read_number(t, i, &v)) return error::malformed;
  if (i + 1 >= t.size() || t[i] != d || t[i + 1] != ')') return error::malformed;
  if (v == 0 || v > 65535) return error::out_of_range;
  *port = static_cast<uint16_t>(v);
  return error::ok;
}

error decode_pathname(std::string_view reply, bool /*strict*/, char* path,
                      size_t capacity, size_t* length) noexcept {
  const size_t from = is_code(reply) ? 3 : 0;
  size_t i = reply.find('"', from);
  if (i == std::string_view::npos) return error::malformed;
  writer w(path, capacity);
  for (++i; i < reply.size(); ++i) {
    const char c = reply[i];
    if (c == '\r' || c == '\n') return error::malformed;
    if (c != '"') {
      w.put(c);
    } else if (i + 1 < reply.size() && reply[i + 1] == '"') {
      w.put('"');
      ++i;
    } else {
      return w.done(length);
    }
  }
  return error::malformed;
}

error decode_mark(std::string_view reply, bool strict, restart_marker* out) noexcept {
  const std::string_view t = last_line_text(reply);
  if (strict) {
    // Exactly "MARK " user " = " server.
    if (t.compare(0, 5, "MARK ") != 0) return error::malformed;
    const size_t eq = t.find(" = ", 5);
    if (eq == std::string_view::npos) return error::malformed;
    const std::string_view user = t.substr(5, eq - 5), server = t.substr(eq + 3);
    if (!is_marker(user) || !is_marker(server)) return error::malformed;
    *out = restart_marker{user, server};
    return error::ok;
  }
  // "mark" in any case, anywhere, then the markers with any spaces.
  size_t i = 0;
  for (;; ++i) {
    if (i + 4 > t.size()) return error::malformed;
    if ((t[i] | 0x20) == 'm' && (t[i + 1] | 0x20) == 'a' && (t[i + 2] | 0x20) == 'r' &&
        (t[i + 3] | 0x20) == 'k')
      break;
  }
  i += 4;
  skip_spaces(t, i);
  size_t u = i;
  while (i < t.size() && t[i] > ' ' && t[i] <= '~' && t[i] != '=') ++i;
  const std::string_view user = t.substr(u, i - u);
  skip_spaces(t, i);
  if (i >= t.size() || t[i] != '=') return error::malformed;
  ++i;
  skip_spaces(t, i);
  size_t s = i;
  while (i < t.size() && t[i] > ' ' && t[i] <= '~') ++i;
  const std::string_view server = t.substr(s, i - s);
  skip_spaces(t, i);
  if (i != t.size() || !is_marker(user) || !is_marker(server)) return error::malformed;
  *out = restart_marker{user, server};
  return error::ok;
}

error decode_size(std::string_view reply, bool strict, uint64_t* size) noexcept {
  const std::string_view t = last_line_text(reply);
  size_t start = 0, end = t.size();
  if (!strict) {  // the last number of the text
    end = t.size();
    while (end > 0 && !is_ascii_digit(t[end - 1])) --end;
    start = end;
    while (start > 0 && is_ascii_digit(t[start - 1])) --start;
    if (start == end || (start > 0 && t[start - 1] == '-')) return error::malformed;
  }
  return parse_u64(t.substr(start, end - start), size);
}

error decode_mdtm(std::string_view reply, bool strict, timestamp* out) noexcept {
  std::string_view t = last_line_text(reply);
  if (!strict) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  }
  if (t.size() < 14) return error::malformed;
  for (size_t k = 0; k < 14; ++k)
    if (!is_ascii_digit(t[k])) return error::malformed;
  std::string_view fraction;
  if (t.size() > 14) {
    if (t[14] != '.' || t.size() == 15) return error::malformed;
    fraction = t.substr(15);
    for (char c : fraction)
      if (!is_ascii_digit(c)) return error::malformed;
  }
  auto num = [&](size_t at, size_t n) {
    unsigned v = 0;
    for (size_t k = 0; k < n; ++k) v = v * 10 + static_cast<unsigned>(t[at + k] - '0');
    return v;
  };
  const unsigned year = num(0, 4), month = num(4, 2), day = num(6, 2);
  const unsigned hour = num(8, 2), minute = num(10, 2), second = num(12, 2);
  if (month < 1 || month > 12 || day < 1 || day > days_in(year, month) || hour > 23 ||
      minute > 59 || second > 60)
    return error::out_of_range;
  out->year = static_cast<uint16_t>(year);
  out->month = static_cast<uint8_t>(month);
  out->day = static_cast<uint8_t>(day);
  out->hour = static_cast<uint8_t>(hour);
  out->minute = static_cast<uint8_t>(minute);
  out->second = static_cast<uint8_t>(second);
  out->fraction = fraction;
  return error::ok;
}

error decode_system(std::string_view reply, bool strict, system_type* out) noexcept {
  const std::string_view t = last_line_text(reply);
  size_t i = 0;
  if (!strict) skip_spaces(t, i);
  const size_t start = i;
  while (i < t.size() && t[i] != ' ') ++i;
  const std::string_view name = t.substr(start, i - start);
  if (strict ? !is_system_name(name) : name.empty()) return error::malformed;
  skip_spaces(t, i);
  out->name = name;
  out->rest = t.substr(i);
  return error::ok;
}

error decode_features(std::string_view reply, bool strict, feature* out,
                      size_t capacity, size_t* count) noexcept {
  size_t n = 0;
  size_t index = 0;
  const text_line_range lines = text_lines(reply);
  size_t total = 0;
  for (auto it = lines.begin(); it != lines.end(); ++it) ++total;
  for (auto it = lines.begin(); it != lines.end(); ++it, ++index) {
    if (index == 0 || index + 1 == total) continue;  // "Features:", "End"
    std::string_view l = *it;
    if (strict) {
      if (l.size() < 2 || l[0] != ' ' || l[1] == ' ') return error::malformed;
      l.remove_prefix(1);
    } else {
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
      if (l.empty()) continue;
    }
    const size_t sp = l.find(' ');
    feature f;
    f.name = l.substr(0, sp);
    if (sp != std::string_view::npos) {
      std::string_view p = l.substr(sp + 1);
      if (!strict)
        while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
      f.params = p;
    }
    if (n < capacity) out[n] = f;
    ++n;
  }
  *count = n;
  return n <= capacity ? error::ok : error::buffer_too_small;
}

// --- text lines -------------------------------------------------------------

text_line_range::iterator::iterator(std::string_view reply, size_t pos) noexcept
    : reply_(reply), pos_(pos), next_(pos) {
  load();
}

text_line_range::iterator& text_line_range::iterator::operator++() noexcept {
  pos_ = next_;
  load();
  return *this;
}

void text_line_range::iterator::load() noexcept {
  if (pos_ >= reply_.size()) {
    pos_ = next_ = reply_.size();
    text_ = std::string_view();
    return;
  }
  std::string_view line = detail::line_at(reply_, pos_, &next_);
  const bool first = pos_ == 0, last = next_ >= reply_.size();
  if (first || last) {
    text_ = after_head(line);
    return;
  }
  // A line protected with one space before its digits; or a continuation
  // that repeats the reply's code and '-'.
  size_t k = 0;
  while (k < line.size() && line[k] == ' ') ++k;
  if (k > 0 && k < line.size() && is_ascii_digit(line[k])) {
    text_ = line.substr(1);
  } else if (line.size() >= 4 && line.compare(0, 3, reply_.substr(0, 3)) == 0 &&
             is_code(line) && line[3] == '-') {
    text_ = line.substr(4);
  } else {
    text_ = line;
  }
}

// --- formatters -------------------------------------------------------------

error format_pasv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept {
  if (ep.family != 4 || ep.port == 0) return error::invalid_argument;
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
  if ((ep.family != 4 && ep.family != 6) || ep.port == 0) return error::invalid_argument;
  const int hal = ep.family == 4 ? 4 : 16;
  writer w(out, capacity);
  w.put("Entering Long Passive Mode (");
  w.number(ep.family);
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

}  // namespace ftpreply
