// SPDX-License-Identifier: Apache-2.0
// fuzz_decode_mark: the 110 restart-marker decoder on any reply.
//
// Invariants checked:
//  1. It returns ok or malformed.
//  2. On ok both markers are views into the reply, printable, without
//     spaces or '='.
//  3. format_mark of them, as a 110 reply, decodes strictly to the same.
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
    ftpreply::restart_marker m0;
    ftpreply_fuzz::check(ftpreply::decode_mark(raw, ftpreply::decode_mode::lenient, &m0) == error::invalid_argument,
                         "a part of a reply was decoded");
  }
  const std::string r = ftpreply_fuzz::as_reply(raw, "110 ");
  ftpreply::restart_marker m;
  const error e = ftpreply::decode_mark(r, ftpreply_fuzz::mode_of(strict), &m);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed, "unexpected error");
  if (e != error::ok) return 0;
  ftpreply_fuzz::check(ftpreply_fuzz::inside(m.user, r) && ftpreply_fuzz::inside(m.server, r),
                       "a marker outside the reply");
  char t[1024], w[1100];
  size_t n = 0, wn = 0;
  if (m.user.size() + m.server.size() > 900) return 0;
  ftpreply_fuzz::check(ftpreply::format_mark(m.user, m.server, t, sizeof t, &n) == error::ok,
                       "format_mark refused decoded markers");
  ftpreply_fuzz::check(ftpreply::encode_reply(110, std::string_view(t, n), w, sizeof w, &wn) ==
                           error::ok,
                       "encode_reply");
  ftpreply::restart_marker back;
  ftpreply_fuzz::check(ftpreply::decode_mark(std::string_view(w, wn), ftpreply::decode_mode::strict, &back) == error::ok &&
                           back.user == m.user && back.server == m.server,
                       "format then decode differs");
  return 0;
}
