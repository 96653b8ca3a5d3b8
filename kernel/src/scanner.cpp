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

std::string_view event::text() const noexcept {
  size_t next;
  const std::string_view first = detail::line_at(bytes(), 0, &next);
  return first.size() > 4 ? first.substr(4) : std::string_view();
}

uint32_t event::lines() const noexcept {
  const std::string_view b = bytes();
  uint32_t n = 0;
  for (size_t i = b.find('\n'); i != std::string_view::npos; i = b.find('\n', i + 1)) ++n;
  return n;
}

line_range::iterator::iterator(std::string_view all, size_t pos) noexcept
    : all_(all), pos_(pos), next_(pos) {
  load();
}

line_range::iterator& line_range::iterator::operator++() noexcept {
  pos_ = next_;
  load();
  return *this;
}

void line_range::iterator::load() noexcept {
  if (pos_ >= all_.size()) {
    pos_ = next_ = all_.size();
    line_ = std::string_view();
    return;
  }
  line_ = detail::line_at(all_, pos_, &next_);
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
