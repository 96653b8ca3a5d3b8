// SPDX-License-Identifier: Apache-2.0
#include "ftpreply/error.h"

#include <cstring>

#include "ftpreply/version.h"

namespace ftpreply {

const char* version() noexcept { return FTPREPLY_VERSION; }

const char* to_string(error e) noexcept {
  switch (e) {
    case error::ok: return "ok";
    case error::bad_code: return "bad_code";
    case error::bad_separator: return "bad_separator";
    case error::bad_class: return "bad_class";
    case error::empty_line: return "empty_line";
    case error::bare_lf: return "bare_lf";
    case error::bare_code: return "bare_code";
    case error::unterminated: return "unterminated";
    case error::truncated: return "truncated";
    case error::line_too_long: return "line_too_long";
    case error::reply_too_long: return "reply_too_long";
    case error::too_many_lines: return "too_many_lines";
    case error::malformed: return "malformed";
    case error::out_of_range: return "out_of_range";
    case error::buffer_too_small: return "buffer_too_small";
    case error::invalid_argument: return "invalid_argument";
    case error::unseal_failed: return "unseal_failed";
    case error::gap: return "gap";
  }
  return "unknown";
}

bool error_from_string(const char* name, error* out) noexcept {
  if (name == nullptr) return false;
  for (int i = 0; i < error_count; ++i) {
    error e = static_cast<error>(i);
    if (std::strcmp(name, to_string(e)) == 0) {
      *out = e;
      return true;
    }
  }
  return false;
}

}  // namespace ftpreply
