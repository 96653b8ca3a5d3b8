// SPDX-License-Identifier: Apache-2.0
#include "ftpreply/scanner.h"

#include "internal.h"

namespace ftpreply {

options options::normalized() const noexcept {
  options o = *this;
  if (o.max_line < 8) o.max_line = 8;
  if (o.max_reply < o.max_line) o.max_reply = o.max_line;
  if (o.max_reply > UINT32_MAX) o.max_reply = UINT32_MAX;
  if (o.max_lines < 1) o.max_lines = 1;
  return o;
}

const char* flag_name(uint16_t f) noexcept {
  switch (f) {
    case flags::bare_code: return "bare_code";
    case flags::bare_lf: return "bare_lf";
    case flags::blank_line: return "blank_line";
    case flags::mismatched_terminator: return "mismatched_terminator";
    case flags::non_ascii: return "non_ascii";
    case flags::nul: return "nul";
    case flags::telnet: return "telnet";
  }
  return nullptr;
}

uint32_t event::line_count() const noexcept {
  const std::string_view b = bytes();
  uint32_t n = 0;
  for (size_t i = b.find('\n'); i != std::string_view::npos; i = b.find('\n', i + 1)) ++n;
  return n;
}

scanner::scanner(const options& opt, kernel k) noexcept
    : opt_(opt.normalized()) {
  if (k == kernel::automatic) k = best_kernel();
  fn_ = detail::scan_function(k);
  if (fn_ == nullptr) {
    k = kernel::scalar;
    fn_ = detail::scan_function(k);
  }
  kernel_ = k;
}

scan_result scanner::scan(const char* data, size_t size, event* out,
                          size_t capacity) noexcept {
  return fn_(state_, opt_, reinterpret_cast<const unsigned char*>(data), size,
             false, out, capacity);
}

scan_result scanner::finish(const char* data, size_t size, event* out,
                            size_t capacity) noexcept {
  scan_result r = fn_(state_, opt_, reinterpret_cast<const unsigned char*>(data),
                      size, true, out, capacity);
  if (!r.output_full) {
    const uint64_t base = state_.base, examined = state_.examined;
    state_ = detail::scan_state();
    state_.base = base;
    state_.examined = examined;
  }
  return r;
}

}  // namespace ftpreply
