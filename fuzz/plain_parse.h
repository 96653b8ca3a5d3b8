// SPDX-License-Identifier: Apache-2.0
// Independent readings for the fuzz targets' oracles: the RFC forms parsed
// the plainest way, sharing nothing with the codec. Each answers only for
// the inputs it is sure of (a one-line reply); otherwise it says so.
#ifndef FTPREPLY_FUZZ_PLAIN_PARSE_H
#define FTPREPLY_FUZZ_PLAIN_PARSE_H

#include <string>
#include <vector>

namespace ftpreply_fuzz {

// The text of a one-line reply "ddd text\r\n" (or "ddd-text", LF alone):
// false when `r` is not one line ending in LF, or has no such head.
inline bool one_line_text(const std::string& r, std::string* text) {
  if (r.size() < 5 || r.back() != '\n' || r.find('\n') != r.size() - 1) return false;
  std::string line = r.substr(0, r.size() - 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  for (int k = 0; k < 3; ++k)
    if (line[k] < '0' || line[k] > '9') return false;
  if (line.size() < 4 || (line[3] != ' ' && line[3] != '-')) return false;
  *text = line.substr(4);
  return true;
}

// A decimal digit string compared with a limit, however long it is.
inline bool digits_above(const std::string& d, unsigned long long limit) {
  size_t i = 0;
  while (i + 1 < d.size() && d[i] == '0') ++i;
  const std::string v = d.substr(i), l = std::to_string(limit);
  return v.size() != l.size() ? v.size() > l.size() : v > l;
}

// "(n,n,...,n)" from the first '(' of `text`: the numbers as digit strings.
// False when what follows the '(' is not that.
inline bool paren_numbers(const std::string& text, std::vector<std::string>* out) {
  const size_t open = text.find('(');
  if (open == std::string::npos) return false;
  out->clear();
  size_t i = open + 1;
  for (;;) {
    size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == i) return false;
    out->push_back(text.substr(i, j - i));
    if (j < text.size() && text[j] == ',') {
      i = j + 1;
      continue;
    }
    return j < text.size() && text[j] == ')';
  }
}

}  // namespace ftpreply_fuzz

#endif
