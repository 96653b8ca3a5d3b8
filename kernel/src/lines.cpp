// SPDX-License-Identifier: Apache-2.0
// A reply's lines (ftpreply/lines.h).
#include "ftpreply/lines.h"

#include "internal.h"

namespace ftpreply {

using detail::sub;

template <bool Text>
basic_line_range<Text>::iterator::iterator(std::string_view reply, size_t pos) noexcept
    : reply_(reply), pos_(pos), next_(pos) {
  load();
}

template <bool Text>
typename basic_line_range<Text>::iterator& basic_line_range<Text>::iterator::operator++() noexcept {
  pos_ = next_;
  load();
  return *this;
}

template <bool Text>
void basic_line_range<Text>::iterator::load() noexcept {
  if (pos_ >= reply_.size()) {
    pos_ = next_ = reply_.size();
    line_ = std::string_view();
    return;
  }
  const std::string_view line = detail::line_at(reply_, pos_, &next_);
  if (!Text) {
    line_ = line;
    return;
  }
  if (pos_ == 0 || next_ >= reply_.size()) {  // the first or the last line
    line_ = detail::after_head(line);
    return;
  }
  // A line protected with one space before its digits; or a continuation
  // that repeats the reply's code and '-'.
  size_t spaces;
  if (detail::digit_after_spaces(line, &spaces) && spaces > 0) {
    line_ = sub(line, 1);
  } else if (line.size() >= 4 && sub(line, 0, 3) == sub(reply_, 0, 3) &&
             detail::starts_with_code(line) && line[3] == '-') {
    line_ = sub(line, 4);
  } else {
    line_ = line;
  }
}

template <bool Text>
size_t basic_line_range<Text>::size() const noexcept {
  size_t n = 0;
  for (auto it = begin(); it != end(); ++it) ++n;
  return n;
}

template class basic_line_range<false>;
template class basic_line_range<true>;

std::string_view first_line_text(std::string_view reply) noexcept {
  size_t next;
  return detail::after_head(detail::line_at(reply, 0, &next));
}

std::string_view last_line_text(std::string_view reply) noexcept {
  size_t end = reply.size();
  if (end && reply[end - 1] == '\n') --end;
  if (end && reply[end - 1] == '\r') --end;
  const size_t lf = end ? reply.rfind('\n', end - 1) : std::string_view::npos;
  const size_t start = lf == std::string_view::npos ? 0 : lf + 1;
  return detail::after_head(sub(reply, start, end - start));
}

}  // namespace ftpreply
