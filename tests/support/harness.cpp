// SPDX-License-Identifier: Apache-2.0
#include "harness.h"

#include <sstream>

namespace ftpreply_test {

bool recorded::operator==(const recorded& o) const {
  return err == o.err && code == o.code && flags == o.flags &&
         lines == o.lines && offset == o.offset && start == o.start &&
         length == o.length && bytes == o.bytes && text == o.text;
}

recorded record(const ftpreply::event& e) {
  recorded r;
  r.err = e.err();
  r.code = e.code();
  r.flags = e.flags();
  r.lines = e.line_count();
  r.offset = e.offset();
  r.start = e.start();
  r.length = e.length();
  r.bytes = std::string(e.bytes());
  r.text = std::string(e.first_line_text());
  return r;
}

run_result scan_pieces(const ftpreply::options& opt, ftpreply::kernel k,
                       const std::vector<std::string>& pieces,
                       size_t capacity) {
  std::vector<segment> segments;
  for (const std::string& p : pieces) segments.push_back(segment{p, 0});
  return scan_segments(opt, k, segments, capacity);
}

run_result scan_segments(const ftpreply::options& opt, ftpreply::kernel k,
                         const std::vector<segment>& segments, size_t capacity) {
  run_result out;
  ftpreply::scanner s(opt, k);
  std::vector<ftpreply::event> buf(capacity);
  std::string pending;
  auto drain = [&](bool last, uint64_t lost) {
    for (int guard = 0;; ++guard) {
      const uint64_t before = s.position();
      ftpreply::scan_result r =
          last ? s.finish(pending.data(), pending.size(), buf.data(), capacity)
          : lost ? s.gap(pending.data(), pending.size(), lost, buf.data(), capacity)
                 : s.scan(pending.data(), pending.size(), buf.data(), capacity);
      if (r.consumed > pending.size()) {
        out.violation = "consumed more than the input";
        return;
      }
      if (r.events > capacity) {
        out.violation = "more events than the output holds";
        return;
      }
      const bool declared = lost && !r.output_full;  // the loss counts now
      if (declared && r.consumed != pending.size()) {
        out.violation = "gap() left bytes unconsumed";
        return;
      }
      if (s.position() != before + r.consumed + (declared ? lost : 0)) {
        out.violation = "position() does not advance by consumed (and the bytes lost)";
        return;
      }
      for (size_t i = 0; i < r.events; ++i) out.events.push_back(record(buf[i]));
      pending.erase(0, r.consumed);
      out.consumed += r.consumed;
      if (!r.output_full) break;
      if (guard > 1000000) {
        out.violation = "no progress";
        return;
      }
    }
  };
  for (const segment& p : segments) {
    pending += p.bytes;
    drain(false, p.lost);
    if (!out.violation.empty()) return out;
  }
  drain(true, 0);
  if (out.violation.empty() && !pending.empty())
    out.violation = "finish() left bytes unconsumed";
  out.examined = s.bytes_examined();
  return out;
}

std::vector<std::string> cut_at(const std::string& s,
                                const std::vector<size_t>& cuts) {
  std::vector<std::string> pieces;
  size_t prev = 0;
  for (size_t c : cuts) {
    pieces.push_back(s.substr(prev, c - prev));
    prev = c;
  }
  pieces.push_back(s.substr(prev));
  return pieces;
}

std::vector<std::string> bytewise(const std::string& s) {
  std::vector<std::string> pieces;
  for (char c : s) pieces.emplace_back(1, c);
  return pieces;
}

std::vector<std::string> split_text_lines(const std::string& t) {
  std::vector<std::string> lines(1);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\r' || t[i] == '\n') {
      if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
      if (i + 1 < t.size()) lines.emplace_back();  // a final line end ends the last line
    } else {
      lines.back() += t[i];
    }
  }
  return lines;
}

std::string notation(const std::vector<recorded>& events) {
  if (events.empty()) return "none";
  std::string out;
  for (const recorded& e : events) {
    if (!out.empty()) out += ' ';
    if (e.err != ftpreply::error::ok) {
      out += '!';
      out += ftpreply::to_string(e.err);
      continue;
    }
    char code[8];
    std::snprintf(code, sizeof code, "%03u", e.code);
    out += code;
    out += '(' + std::to_string(e.lines) + ')';
    if (e.flags) {
      out += '[';
      bool first = true;
      for (int b = 0; b < ftpreply::flags::count; ++b) {
        uint16_t f = static_cast<uint16_t>(1u << b);
        if (!(e.flags & f)) continue;
        if (!first) out += ',';
        out += ftpreply::flag_name(f);
        first = false;
      }
      out += ']';
    }
  }
  return out;
}

std::string describe(const std::vector<recorded>& events) {
  std::ostringstream o;
  for (const recorded& e : events) {
    o << "  " << ftpreply::to_string(e.err) << " code=" << e.code
      << " flags=" << e.flags << " lines=" << e.lines << " offset=" << e.offset
      << " start=" << e.start << " length=" << e.length << " text.size="
      << e.text.size() << "\n";
  }
  return o.str();
}

std::vector<ftpreply::kernel> supported_kernels() {
  std::vector<ftpreply::kernel> ks;
  for (ftpreply::kernel k : ftpreply::all_kernels)
    if (ftpreply::kernel_supported(k)) ks.push_back(k);
  return ks;
}

}  // namespace ftpreply_test
