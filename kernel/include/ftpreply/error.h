// SPDX-License-Identifier: Apache-2.0
// ftpreply/error.h - the one vocabulary of failures shared by the API, the CLI
// and the tests.
//
// Every fallible function in ftpreply reports an `error` value, never an
// exception. `to_string()` gives the spelling the CLI prints and the
// conformance vectors use:
//
//   ftpreply::error e = ftpreply::error::bare_lf;
//   std::puts(ftpreply::to_string(e));   // "bare_lf"
#ifndef FTPREPLY_ERROR_H
#define FTPREPLY_ERROR_H

#include <cstdint>

#include "ftpreply/attributes.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

enum class error : uint8_t {
  ok = 0,          // no error
  bad_code,        // a line where a reply should start lacks three ASCII digits
  bad_separator,   // the byte after the code is neither space nor '-'
  bad_class,       // strict: the code's first digit is not 1-6
  empty_line,      // strict: an empty line where a reply should start
  bare_lf,         // strict: a line ended by LF without CR
  bare_code,       // strict: a reply's line is only the code
  unterminated,    // end of stream inside a multi-line reply
  truncated,       // end of stream inside a line
  line_too_long,   // a line over options::max_line bytes (line end included)
  reply_too_long,  // a reply over options::max_reply bytes
  too_many_lines,  // a reply over options::max_lines lines
  malformed,       // codec: the payload does not have the expected form
  out_of_range,    // codec: a number in the payload is outside its range
  buffer_too_small,// codec: the caller's output buffer cannot hold the result
  invalid_argument,// codec: an argument the function cannot accept
  unseal_failed,   // codec: the caller's seal or unseal function refused
  gap,             // bytes of the stream were lost (scanner::gap): what was
                   // open there and the lines dropped until a reply can start
};

// The number of error values, for tables and loops.
constexpr int error_count = static_cast<int>(error::gap) + 1;

// The name of `e` as printed by the CLI ("bad_code", ...); "unknown" for a
// value outside the enum.
[[nodiscard]] const char* to_string(error e) noexcept;

// Parses a name produced by to_string(). Returns false when `name` is not one.
[[nodiscard]] bool error_from_string(const char* name, error* out) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_ERROR_H
