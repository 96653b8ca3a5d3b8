// SPDX-License-Identifier: Apache-2.0
// fuzz_encode: the reply encoder round trip.
//
// Invariants checked:
//  1. encode_reply asks for exactly the size it then writes.
//  2. What it writes is one strict reply (no error) with the code asked
//     for, one line per line of the text.
//  3. text_lines() of that reply gives the text's lines back exactly.
//
// Input: a code (16 bits, mapped to 100-659), then the text.
#include <string_view>
#include <vector>

#include "ftpreply/ftpreply.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ftpreply::error;
  ftpreply_fuzz::input in(data, size);
  const uint16_t code = static_cast<uint16_t>(100 + in.u16() % 560);
  const std::string text = in.rest();
  size_t need = 0;
  ftpreply_fuzz::check(ftpreply::encode_reply(code, text, nullptr, 0, &need) ==
                           (need == 0 ? error::ok : error::buffer_too_small),
                       "size query");
  // Reused from input to input: no allocation per execution.
  static std::string wire;
  static std::vector<std::string_view> want;
  wire.assign(need, '\0');
  size_t n = 0;
  ftpreply_fuzz::check(ftpreply::encode_reply(code, text, &wire[0], wire.size(), &n) == error::ok &&
                           n == need,
                       "size asked differs from size written");
  // The text's lines read plainly, as the encoder is to split them: at CR LF,
  // LF or CR, the last one being what follows the last break, if anything
  // does (a final line end makes no extra line).
  want.clear();
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' && text[i] != '\n') continue;
    want.push_back(std::string_view(text).substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size() || text.empty()) want.push_back(std::string_view(text).substr(start));
  ftpreply::options opt = ftpreply::options::strict_rfc959();
  opt.max_line = UINT32_MAX;
  opt.max_reply = UINT64_MAX;
  opt.max_lines = UINT32_MAX;
  ftpreply::scanner s(opt);
  size_t replies = 0, errors = 0;
  ftpreply::scan_all(s, wire.data(), wire.size(), [&](const ftpreply::event& e) {
    if (!e.is_reply()) {
      ++errors;
      return;
    }
    ++replies;
    ftpreply_fuzz::check(e.code() == code, "code differs");
    ftpreply_fuzz::check(e.line_count() == want.size(), "line count differs");
    ftpreply_fuzz::check(e.length() == wire.size(), "the reply is not the whole output");
  });
  ftpreply_fuzz::check(replies == 1 && errors == 0, "not exactly one strict reply");
  size_t k = 0;
  for (std::string_view l : ftpreply::text_lines(wire)) {
    ftpreply_fuzz::check(k < want.size() && l == want[k], "a text line differs");
    ++k;
  }
  ftpreply_fuzz::check(k == want.size(), "text line count differs");
  return 0;
}
