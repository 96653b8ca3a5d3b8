// SPDX-License-Identifier: Apache-2.0
// fuzz_decode_system: the 215 decoder on any reply.
//
// Invariants checked:
//  1. It returns ok or malformed.
//  2. On ok the name is a non-empty view into the reply without spaces, and
//     the rest a view into the reply.
//  3. A strictly decoded name and rest, formatted and encoded as a 215
//     reply, decode strictly to the same.
//
// Input: a mode byte (bit 0 strict), then the reply.
#include "ftpreply/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ftpreply::error;
  ftpreply_fuzz::input in(data, size);
  const bool strict = in.byte() & 1;
  // Bytes that are not one whole reply are refused; then every input is
  // read as one.
  const std::string raw = in.rest();
  if (!ftpreply_fuzz::whole_reply(raw)) {
    ftpreply::system_type s0;
    ftpreply_fuzz::check(ftpreply::decode_system(raw, ftpreply::decode_mode::lenient, &s0) == error::invalid_argument,
                         "a part of a reply was decoded");
  }
  const std::string r = ftpreply_fuzz::as_reply(raw, "215 ");
  ftpreply::system_type s;
  const error e = ftpreply::decode_system(r, ftpreply_fuzz::mode_of(strict), &s);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed, "unexpected error");
  if (e != error::ok) return 0;
  ftpreply_fuzz::check(!s.name.empty() && s.name.find(' ') == std::string_view::npos,
                       "bad name");
  ftpreply_fuzz::check(ftpreply_fuzz::inside(s.name, r) && ftpreply_fuzz::inside(s.rest, r),
                       "a view outside the reply");
  if (!strict || s.name.size() + s.rest.size() > 2000) return 0;
  std::string t(s.name.size() + s.rest.size() + 8, '\0'), w(t.size() + 16, '\0');
  size_t n = 0, wn = 0;
  if (ftpreply::format_system(s.name, s.rest, &t[0], t.size(), &n) != error::ok)
    return 0;  // a rest with a trailing space cannot come back the same
  ftpreply_fuzz::check(ftpreply::encode_reply(215, std::string_view(t.data(), n), &w[0],
                                              w.size(), &wn) == error::ok,
                       "encode_reply");
  ftpreply::system_type back;
  ftpreply_fuzz::check(ftpreply::decode_system(std::string_view(w.data(), wn), ftpreply::decode_mode::strict, &back) ==
                           error::ok &&
                           back.name == s.name && back.rest == s.rest,
                       "format then decode differs");
  return 0;
}
