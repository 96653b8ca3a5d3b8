// SPDX-License-Identifier: Apache-2.0
#include "ftpreply/scanner.h"

#include <cstring>

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
    case flags::after_gap: return "after_gap";
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

namespace {

enum class head { yes, no, more };

// Rule 11: can a reply start at the line at p, n bytes before the end of
// the input? Three digits, then a space, '-' or the line end (LF or CR LF).
// Before the end of the stream a head cut short is not known yet.
head reply_head(const unsigned char* p, size_t n, bool at_end) noexcept {
  const head cut = at_end ? head::no : head::more;
  for (size_t i = 0; i < 3; ++i) {
    if (i == n) return cut;
    if (static_cast<unsigned char>(p[i] - '0') >= 10) return head::no;
  }
  if (n == 3) return cut;
  if (p[3] == ' ' || p[3] == '-' || p[3] == '\n') return head::yes;
  if (p[3] != '\r') return head::no;
  if (n == 4) return cut;
  return p[4] == '\n' ? head::yes : head::no;
}

}  // namespace

// After a gap: drops the line the gap cut, then every line that cannot
// start a reply, consuming them as they come; emits the gap's error when a
// line can start one (or the stream ends) and hands the rest back to the
// kernel. Rare, so plain memchr; the kernels never see mode_resync.
size_t scanner::resync(const unsigned char* b, size_t size, bool at_end, event* out,
                       size_t capacity, bool* full) noexcept {
  size_t i = 0;
  for (;;) {
    if (state_.gap_line_open) {
      const void* lf = std::memchr(b + i, '\n', size - i);
      if (lf == nullptr) {
        i = size;
        if (!at_end) break;
      } else {
        i = static_cast<size_t>(static_cast<const unsigned char*>(lf) - b) + 1;
        state_.gap_line_open = false;
      }
    }
    const head h = i < size ? reply_head(b + i, size - i, at_end) : at_end ? head::no : head::more;
    if (h == head::more) break;
    if (h == head::no && i < size) {
      state_.gap_line_open = true;
      continue;
    }
    // A line that can start a reply, or the end of the stream: the span ends.
    if (capacity == 0) {
      *full = true;
      break;
    }
    detail::event_access::failure(out[0], error::gap, state_.line_start, state_.err_start,
                                  state_.base + i - state_.err_start);
    state_.mode = detail::mode_expect;
    state_.gap_line_open = false;
    state_.after_gap = h == head::yes;
    break;
  }
  state_.base += i;
  state_.examined += i;
  return i;
}

scan_result scanner::run(const char* data, size_t size, bool at_end, event* out,
                         size_t capacity) noexcept {
  // Without a gap behind it, a call is the kernel's alone: a chunked scan
  // makes one per segment, so this path saves no registers for the other.
  if (state_.mode != detail::mode_resync && !state_.after_gap)
    return fn_(state_, opt_, reinterpret_cast<const unsigned char*>(data), size, at_end, out,
               capacity);
  return run_after_gap(data, size, at_end, out, capacity);
}

FTPREPLY_NOINLINE scan_result scanner::run_after_gap(const char* data, size_t size,
                                                     bool at_end, event* out,
                                                     size_t capacity) noexcept {
  const unsigned char* b = reinterpret_cast<const unsigned char*>(data);
  size_t used = 0, n = 0;
  if (state_.mode == detail::mode_resync) {
    bool full = false;
    used = resync(b, size, at_end, out, capacity, &full);
    if (state_.mode == detail::mode_resync) return scan_result{0, used, full};
    n = 1;
  }
  scan_result r = fn_(state_, opt_, b + used, size - used, at_end, out + n, capacity - n);
  if (state_.after_gap) {
    for (size_t i = n; i < n + r.events; ++i) {
      if (!out[i].is_reply()) continue;
      detail::event_access::add_flags(out[i], flags::after_gap);
      state_.after_gap = false;
      break;
    }
  }
  r.events += n;
  r.consumed += used;
  return r;
}

scan_result scanner::scan(const char* data, size_t size, event* out,
                          size_t capacity) noexcept {
  return run(data, size, false, out, capacity);
}

scan_result scanner::finish(const char* data, size_t size, event* out,
                            size_t capacity) noexcept {
  scan_result r = run(data, size, true, out, capacity);
  if (!r.output_full) {
    const uint64_t base = state_.base, examined = state_.examined;
    state_ = detail::scan_state();
    state_.base = base;
    state_.examined = examined;
  }
  return r;
}

scan_result scanner::gap(const char* data, size_t size, uint64_t lost, event* out,
                         size_t capacity) noexcept {
  scan_result r = run(data, size, false, out, capacity);
  if (lost == 0 || r.output_full) return r;
  // The unconsumed rest is what was open at the gap: a line, a reply from
  // its start, or the head of a line a resync was waiting on.
  const uint64_t at = state_.base + (size - r.consumed);
  if (state_.mode == detail::mode_resync) {  // the span goes on
    state_.base = at + lost;
    state_.gap_line_open = true;
    r.consumed = size;
    return r;
  }
  if (state_.mode == detail::mode_skip) {
    // The line being skipped ends at the gap: its error first.
    if (r.events == capacity) {
      r.output_full = true;
      return r;
    }
    detail::event_access::failure(
        out[r.events++],
        detail::limit_error(opt_, at - state_.line_start, state_.block_bytes),
        state_.line_start, state_.err_start, at - state_.err_start);
  }
  const uint64_t start = state_.mode == detail::mode_skip ? at : state_.base;
  detail::scan_state s;
  s.base = at + lost;
  s.examined = state_.examined;
  s.mode = detail::mode_resync;
  s.err_start = start;
  s.line_start = at;
  s.gap_line_open = true;
  state_ = s;
  r.consumed = size;
  return r;
}

}  // namespace ftpreply
