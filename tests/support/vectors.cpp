// SPDX-License-Identifier: Apache-2.0
#include "vectors.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ftpreply_test {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes s[i..) up to the end or, inside a repetition, up to its "}}".
bool decode_from(const std::string& s, size_t& i, bool nested, std::string* out) {
  while (i < s.size()) {
    if (nested && s.compare(i, 2, "}}") == 0) {
      i += 2;
      return true;
    }
    if (s.compare(i, 2, "{{") == 0) {
      i += 2;
      size_t n = 0, digits = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        n = n * 10 + static_cast<size_t>(s[i++] - '0');
        ++digits;
      }
      if (digits == 0 || s.compare(i, 3, " x ") != 0) return false;
      i += 3;
      std::string inner;
      if (!decode_from(s, i, true, &inner)) return false;
      for (size_t k = 0; k < n; ++k) out->append(inner);
      continue;
    }
    char c = s[i++];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (i >= s.size()) return false;
    char e = s[i++];
    switch (e) {
      case 'r': out->push_back('\r'); break;
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case '\\': out->push_back('\\'); break;
      case '"': out->push_back('"'); break;
      case 'x': {
        if (i + 2 > s.size()) return false;
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        break;
      }
      default:
        return false;
    }
  }
  return !nested;
}

}  // namespace

bool decode_cell(const std::string& cell, std::string* out) {
  out->clear();
  size_t i = 0;
  return decode_from(cell, i, false, out);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    parts.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) return parts;
    start = p + 1;
  }
}

bool read_tsv(const std::string& path, std::vector<row>* rows) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  if (!std::getline(in, line)) return false;
  std::vector<std::string> header = split(line, '\t');
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells = split(line, '\t');
    if (cells.size() != header.size()) return false;
    row r;
    for (size_t i = 0; i < header.size(); ++i) r[header[i]] = cells[i];
    rows->push_back(std::move(r));
  }
  return true;
}

std::string conformance_dir() {
  const char* env = std::getenv("FTPREPLY_CONFORMANCE_DIR");
  if (env != nullptr && *env != '\0') return env;
  return FTPREPLY_SOURCE_DIR "/tests/conformance";
}

}  // namespace ftpreply_test
