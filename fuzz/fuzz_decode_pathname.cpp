// SPDX-License-Identifier: Apache-2.0
// fuzz_decode_pathname: the 257 decoder on any reply.
//
// Invariants checked:
//  1. It returns ok, malformed or buffer_too_small, and with a buffer the
//     size the first call asked for, ok.
//  2. The path is never longer than the reply, and holds no CR or LF.
//  3. format_pathname of the path, encoded as a 257 reply, decodes to the
//     same path.
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
    char p0[8];
    size_t n0 = 0;
    ftpreply_fuzz::check(ftpreply::decode_pathname(raw, ftpreply::decode_mode::lenient, p0, sizeof p0, &n0) == error::invalid_argument,
                         "a part of a reply was decoded");
  }
  const std::string r = ftpreply_fuzz::as_reply(raw, "257 ");
  char small[4];
  size_t need = 0;
  error e = ftpreply::decode_pathname(r, ftpreply_fuzz::mode_of(strict), small, sizeof small, &need);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed || e == error::buffer_too_small,
                       "unexpected error");
  if (e == error::malformed) return 0;
  std::string path(need, '\0');
  size_t n = 0;
  e = ftpreply::decode_pathname(r, ftpreply_fuzz::mode_of(strict), &path[0], path.size(), &n);
  ftpreply_fuzz::check(e == error::ok && n == need, "the size asked for was not enough");
  ftpreply_fuzz::check(n <= r.size(), "path longer than the reply");
  ftpreply_fuzz::check(path.find_first_of("\r\n") == std::string::npos, "line end in the path");
  std::string text(2 * n + 16, '\0');
  size_t tn = 0;
  ftpreply_fuzz::check(ftpreply::format_pathname(path, "is cwd", &text[0], text.size(), &tn) ==
                           error::ok,
                       "format_pathname refused a decoded path");
  std::string wire(tn + 16, '\0');
  size_t wn = 0;
  ftpreply_fuzz::check(ftpreply::encode_reply(257, std::string_view(text.data(), tn), &wire[0],
                                              wire.size(), &wn) == error::ok,
                       "encode_reply");
  std::string back(wn, '\0');
  size_t bn = 0;
  ftpreply_fuzz::check(ftpreply::decode_pathname(std::string_view(wire.data(), wn), ftpreply::decode_mode::strict,
                                                 &back[0], back.size(), &bn) == error::ok &&
                           std::string_view(back.data(), bn) == path,
                       "format then decode differs");
  return 0;
}
