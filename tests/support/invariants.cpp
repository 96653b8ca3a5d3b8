// SPDX-License-Identifier: Apache-2.0
#include "invariants.h"

namespace ftpreply_test {

std::string check_invariants(const std::string& s, const ftpreply::options& raw,
                             const std::vector<recorded>& events) {
  const ftpreply::options opt = raw.normalized();
  namespace fl = ftpreply::flags;
  uint64_t covered = 0;  // every byte before this is accounted for
  for (size_t i = 0; i < events.size(); ++i) {
    const recorded& e = events[i];
    const std::string at = "event " + std::to_string(i) + ": ";
    // Bytes skipped before this event may only be blank lines (lenient).
    if (e.start < covered) return at + "overlaps the previous event";
    for (uint64_t p = covered; p < e.start;) {
      if (opt.strict) return at + "bytes before it belong to no event";
      if (s.compare(p, 2, "\r\n") == 0) p += 2;
      else if (s[p] == '\n') p += 1;
      else return at + "a skipped byte that is not a blank line";
    }
    if (e.length == 0) return at + "empty span";
    if (e.start + e.length > s.size()) return at + "span past the end of the stream";
    covered = e.start + e.length;
    if (e.err != ftpreply::error::ok) {
      if (e.offset < e.start || e.offset >= covered) return at + "error offset outside its span";
      if (!e.bytes.empty() || !e.text.empty()) return at + "an error with bytes";
      continue;
    }
    if (e.offset != e.start) return at + "reply offset differs from its start";
    if (e.bytes != s.substr(e.start, e.length)) return at + "reply bytes differ from the stream";
    if (e.length > opt.max_reply) return at + "reply over max_reply";
    if (e.lines == 0 || e.lines > opt.max_lines) return at + "reply line count out of range";
    if (e.bytes.size() < 4 || e.bytes.back() != '\n') return at + "reply does not end with LF";
    for (int k = 0; k < 3; ++k)
      if (e.bytes[k] < '0' || e.bytes[k] > '9') return at + "reply does not start with a code";
    if (e.code != (e.bytes[0] - '0') * 100 + (e.bytes[1] - '0') * 10 + (e.bytes[2] - '0') &&
        !(e.flags & fl::mismatched_terminator))
      return at + "code differs from the first line's";
    uint32_t lines = 0;
    size_t line_start = 0;
    for (size_t k = 0; k < e.bytes.size(); ++k) {
      if (e.bytes[k] != '\n') continue;
      ++lines;
      if (k + 1 - line_start > opt.max_line) return at + "a line over max_line";
      line_start = k + 1;
    }
    if (lines != e.lines) return at + "line count differs from the LFs in the reply";
    const size_t text_at = e.bytes.find(e.text, 0);
    if (text_at == std::string::npos || text_at + e.text.size() > e.bytes.size())
      return at + "text not inside the reply";
    const uint16_t known = (1u << fl::count) - 1;
    if (e.flags & ~known) return at + "undefined flag";
    if (opt.strict && (e.flags & (fl::bare_lf | fl::bare_code | fl::blank_line)))
      return at + "a lenient-only flag in strict mode";
    if (!opt.any_code_terminates && (e.flags & fl::mismatched_terminator))
      return at + "mismatched_terminator without any_code_terminates";
  }
  for (uint64_t p = covered; p < s.size();) {
    if (opt.strict) return "bytes after the last event belong to no event";
    if (s.compare(p, 2, "\r\n") == 0) p += 2;
    else if (s[p] == '\n') p += 1;
    else return "a byte after the last event that is not a blank line";
  }
  return "";
}

}  // namespace ftpreply_test
