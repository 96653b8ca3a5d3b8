// SPDX-License-Identifier: Apache-2.0
#include "json.h"

#include <cmath>
#include <cstdio>

namespace ftpreply_tools {

bool is_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i + k < n && p[i + k] >= lo && p[i + k] <= hi;
  };
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(1)) return false;
      i += 2;
    } else if (c == 0xE0) {
      if (!cont(1, 0xA0) || !cont(2)) return false;
      i += 3;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      if (!cont(1) || !cont(2)) return false;
      i += 3;
    } else if (c == 0xED) {
      if (!cont(1, 0x80, 0x9F) || !cont(2)) return false;
      i += 3;
    } else if (c == 0xF0) {
      if (!cont(1, 0x90) || !cont(2) || !cont(3)) return false;
      i += 4;
    } else if (c >= 0xF1 && c <= 0xF3) {
      if (!cont(1) || !cont(2) || !cont(3)) return false;
      i += 4;
    } else if (c == 0xF4) {
      if (!cont(1, 0x80, 0x8F) || !cont(2) || !cont(3)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

namespace {

void escape_byte(std::string& out, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    default: break;
  }
  out += "\\u00";
  out += hex[c >> 4];
  out += hex[c & 15];
}

}  // namespace

bool append_string(std::string& out, std::string_view bytes) {
  const bool latin1 = !is_utf8(bytes);
  out += '"';
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F || (latin1 && c >= 0x80))
      escape_byte(out, c);
    else
      out += ch;
  }
  out += '"';
  return latin1;
}

bool recover_bytes(std::string_view parsed, bool latin1, std::string* out) {
  out->clear();
  if (!latin1) {
    out->assign(parsed);
    return true;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(parsed.data());
  for (size_t i = 0; i < parsed.size();) {
    if (p[i] < 0x80) {
      out->push_back(static_cast<char>(p[i++]));
    } else if ((p[i] == 0xC2 || p[i] == 0xC3) && i + 1 < parsed.size()) {
      out->push_back(static_cast<char>(((p[i] & 0x03) << 6) | (p[i + 1] & 0x3F)));
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

void json_object::key(const char* k) {
  if (!first_) buf_ += ',';
  first_ = false;
  buf_ += '"';
  buf_ += k;
  buf_ += "\":";
}

json_object& json_object::field(const char* k, uint64_t v) {
  key(k);
  buf_ += std::to_string(v);
  return *this;
}

json_object& json_object::field(const char* k, int64_t v) {
  key(k);
  buf_ += std::to_string(v);
  return *this;
}

json_object& json_object::field(const char* k, double v) {
  key(k);
  if (!std::isfinite(v)) {
    buf_ += "null";
    return *this;
  }
  char tmp[64];
  std::snprintf(tmp, sizeof tmp, "%.6g", v);
  buf_ += tmp;
  return *this;
}

json_object& json_object::boolean(const char* k, bool v) {
  key(k);
  buf_ += v ? "true" : "false";
  return *this;
}

json_object& json_object::null(const char* k) {
  key(k);
  buf_ += "null";
  return *this;
}

json_object& json_object::text(const char* k, std::string_view ascii) {
  key(k);
  append_string(buf_, ascii);
  return *this;
}

json_object& json_object::bytes(const char* k, std::string_view raw) {
  key(k);
  if (append_string(buf_, raw)) {
    buf_ += ",\"";
    buf_ += k;
    buf_ += "_latin1\":true";
  }
  return *this;
}

json_object& json_object::raw(const char* k, std::string_view json) {
  key(k);
  buf_ += json;
  return *this;
}

std::string& json_object::finish() {
  buf_ += '}';
  return buf_;
}

}  // namespace ftpreply_tools
