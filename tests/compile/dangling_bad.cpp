// SPDX-License-Identifier: Apache-2.0
// Must draw clang's -Wdangling: the views point into a std::string that
// dies at the end of each statement.
#include <string>
#include <string_view>

#include "ftpreply/lines.h"

std::string reply() { return "213-a\r\n213 1234\r\n"; }

std::string_view last() {
  std::string_view text = ftpreply::last_line_text(reply());  // dangles
  return text;
}

std::string_view first() {
  std::string_view text = ftpreply::first_line_text(std::string("220 ready\r\n"));  // dangles
  return text;
}
