// SPDX-License-Identifier: Apache-2.0
#include "session.h"

#include <utility>

namespace ftpreply_capture {

void command_pairing::client_bytes(const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const char c = static_cast<char>(p[i]);
    if (c == '\n') {
      if (!skip_line_) take_line();
      line_.clear();
      skip_line_ = false;
    } else if (!skip_line_ && line_.size() < max_command_line) {
      line_ += c;
    }
  }
}

void command_pairing::client_gap() {
  line_.clear();
  skip_line_ = true;
}

void command_pairing::take_line() {
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  if (line_.empty()) return;
  const size_t sp = line_.find(' ');
  command c;
  c.verb = line_.substr(0, sp);
  for (char& ch : c.verb)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  if (sp != std::string::npos) c.arg = line_.substr(sp + 1);
  if (pending_.size() == max_pending) pending_.erase(pending_.begin());
  pending_.push_back(std::move(c));
}

const command* command_pairing::answer(const ftpreply::event& e) {
  const uint16_t code = e.code();  // 0 for an error span
  if (!greeted_) {
    // Before the greeting: 120 promises it, 220 or 421 is it, and an error
    // span stands where it was due. Any other reply means the capture
    // joined the connection later: pair it as usual.
    if (!e.is_reply() || code == 120) return nullptr;
    greeted_ = true;
    if (code == 220 || code == 421) return nullptr;
  }
  if (pending_.empty()) return nullptr;
  if (e.is_reply() && code / 100 == 1) return &pending_.front();
  taken_ = std::move(pending_.front());
  pending_.erase(pending_.begin());
  return &taken_;
}

}  // namespace ftpreply_capture
