// SPDX-License-Identifier: Apache-2.0
// Payload decoders (ftpreply/decode.h).
#include <cstring>

#include "codec_internal.h"
#include "ftpreply/decode.h"

namespace ftpreply {
namespace {

using detail::after_head;
using detail::is_ascii_digit;
using detail::days_in;
using detail::is_marker;
using detail::is_system_name;
using detail::sub;
using detail::writer;


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

// One whole reply: "ddd", then a space, '-' or the line end, ..., a final
// LF. What a decoder refuses to read a part of.
bool whole_reply(std::string_view r) noexcept {
  return r.size() >= 4 && detail::starts_with_code(r) &&
         (r[3] == ' ' || r[3] == '-' || r[3] == '\r' || r[3] == '\n') && r.back() == '\n';
}

}  // namespace

error decode_pasv(std::string_view reply, decode_mode mode, endpoint* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  number_list l;
  error e = find_numbers(last_line_text(reply), strict, &l,
                         [](const number_list& x) { return x.count == 6; });
  if (e != error::ok) return e;
  if (!all_bytes(l)) return error::out_of_range;
  const uint64_t port = l.v[4] * 256 + l.v[5];
  if (port == 0) return error::out_of_range;
  *out = endpoint();
  out->family = address_family::ipv4;
  for (int k = 0; k < 4; ++k) out->address[k] = static_cast<uint8_t>(l.v[k]);
  out->port = static_cast<uint16_t>(port);
  return error::ok;
}

error decode_lpsv(std::string_view reply, decode_mode mode, endpoint* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
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
  out->family = l.v[0] == 4 ? address_family::ipv4 : address_family::ipv6;
  for (size_t k = 0; k < hal; ++k) out->address[k] = static_cast<uint8_t>(l.v[2 + k]);
  out->port = static_cast<uint16_t>(port);
  return error::ok;
}

error decode_epsv(std::string_view reply, decode_mode /*mode*/, uint16_t* port) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
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

error decode_pathname(std::string_view reply, decode_mode /*mode*/, char* path,
                      size_t capacity, size_t* length) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const size_t from = detail::starts_with_code(reply) ? 3 : 0;
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

error decode_mark(std::string_view reply, decode_mode mode, restart_marker* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  const std::string_view t = last_line_text(reply);
  if (strict) {
    // Exactly "MARK " user " = " server.
    if (sub(t, 0, 5) != "MARK ") return error::malformed;
    const size_t eq = t.find(" = ", 5);
    if (eq == std::string_view::npos) return error::malformed;
    const std::string_view user = sub(t, 5, eq - 5), server = sub(t, eq + 3);
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
  const std::string_view user = sub(t, u, i - u);
  skip_spaces(t, i);
  if (i >= t.size() || t[i] != '=') return error::malformed;
  ++i;
  skip_spaces(t, i);
  size_t s = i;
  while (i < t.size() && t[i] > ' ' && t[i] <= '~') ++i;
  const std::string_view server = sub(t, s, i - s);
  skip_spaces(t, i);
  if (i != t.size() || !is_marker(user) || !is_marker(server)) return error::malformed;
  *out = restart_marker{user, server};
  return error::ok;
}

error decode_size(std::string_view reply, decode_mode mode, uint64_t* size) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  const std::string_view t = last_line_text(reply);
  size_t start = 0, end = t.size();
  if (!strict) {  // the last number of the text
    end = t.size();
    while (end > 0 && !is_ascii_digit(t[end - 1])) --end;
    start = end;
    while (start > 0 && is_ascii_digit(t[start - 1])) --start;
    if (start == end || (start > 0 && t[start - 1] == '-')) return error::malformed;
  }
  return parse_u64(sub(t, start, end - start), size);
}

error decode_mdtm(std::string_view reply, decode_mode mode, timestamp* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
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
    fraction = sub(t, 15);
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

error decode_system(std::string_view reply, decode_mode mode, system_type* out) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  const std::string_view t = last_line_text(reply);
  size_t i = 0;
  if (!strict) skip_spaces(t, i);
  const size_t start = i;
  while (i < t.size() && t[i] != ' ') ++i;
  const std::string_view name = sub(t, start, i - start);
  if (strict ? !is_system_name(name) : name.empty()) return error::malformed;
  skip_spaces(t, i);
  out->name = name;
  out->rest = sub(t, i);
  return error::ok;
}

error decode_features(std::string_view reply, decode_mode mode, feature* out,
                      size_t capacity, size_t* count) noexcept {
  if (!whole_reply(reply)) return error::invalid_argument;
  const bool strict = mode == decode_mode::strict;
  size_t n = 0;
  size_t index = 0;
  const text_line_range lines = text_lines(reply);
  const size_t total = lines.size();
  if (total < 2) return error::malformed;  // no feature lines to read
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
    f.name = sub(l, 0, sp);
    if (sp != std::string_view::npos) {
      std::string_view p = sub(l, sp + 1);
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

}  // namespace ftpreply
