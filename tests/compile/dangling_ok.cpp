// SPDX-License-Identifier: Apache-2.0
// Must compile without a -Wdangling warning: an event's views point into
// the caller's buffer, not into the event, so a temporary event is fine.
#include <string>
#include <string_view>

#include "ftpreply/ftpreply.h"

ftpreply::event copy_of(const ftpreply::event& e) { return e; }

std::string_view text_of(const ftpreply::event& e) {
  std::string_view bytes = copy_of(e).bytes();
  std::string_view first = copy_of(e).first_line_text();
  std::string_view last = ftpreply::last_line_text(bytes);  // views `bytes`'s buffer
  return first.empty() ? last : first;
}

std::string_view last_of(const std::string& reply) {
  std::string_view text = ftpreply::last_line_text(reply);  // views the caller's string
  return text;
}
