// SPDX-License-Identifier: Apache-2.0
// fuzz_decode_features: the 211 FEAT decoder on any reply.
//
// Invariants checked:
//  1. It returns ok, malformed or buffer_too_small; the count does not
//     depend on the capacity, and a capacity of that count gives ok.
//  2. Every name is a non-empty view into the reply without spaces; every
//     parameter list a view into the reply.
//  3. Strictly decoded features, formatted and encoded as a 211 reply,
//     decode strictly to the same list.
//
// Input: a mode byte (bit 0 strict), then the reply.
#include <vector>

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
    size_t count0 = 0;
    ftpreply_fuzz::check(ftpreply::decode_features(raw, ftpreply::decode_mode::lenient, nullptr, 0, &count0) == error::invalid_argument,
                         "a part of a reply was decoded");
  }
  const std::string r = ftpreply_fuzz::as_reply(raw, "211-");
  size_t count = 0;
  error e = ftpreply::decode_features(r, ftpreply_fuzz::mode_of(strict), nullptr, 0, &count);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed || e == error::buffer_too_small,
                       "unexpected error");
  if (e == error::malformed) return 0;
  std::vector<ftpreply::feature> f(count);
  size_t count2 = 0;
  e = ftpreply::decode_features(r, ftpreply_fuzz::mode_of(strict), f.data(), f.size(), &count2);
  ftpreply_fuzz::check(e == error::ok && count2 == count, "count depends on the capacity");
  for (const ftpreply::feature& x : f) {
    ftpreply_fuzz::check(!x.name.empty() && x.name.find(' ') == std::string_view::npos,
                         "bad name");
    ftpreply_fuzz::check(ftpreply_fuzz::inside(x.name, r) && ftpreply_fuzz::inside(x.params, r),
                         "a view outside the reply");
  }
  if (!strict) return 0;
  std::string t(r.size() * 2 + 64, '\0'), w(t.size() * 2 + 64, '\0');
  size_t n = 0, wn = 0;
  if (ftpreply::format_features(f.data(), f.size(), &t[0], t.size(), &n) != error::ok)
    return 0;  // names with bytes a FEAT line cannot carry
  ftpreply_fuzz::check(ftpreply::encode_reply(211, std::string_view(t.data(), n), &w[0],
                                              w.size(), &wn) == error::ok,
                       "encode_reply");
  std::vector<ftpreply::feature> back(count + 1);
  size_t bc = 0;
  const std::string_view again(w.data(), wn);
  ftpreply_fuzz::check(ftpreply::decode_features(again, ftpreply::decode_mode::strict, back.data(), back.size(), &bc) ==
                               error::ok &&
                           bc == count,
                       "format then decode: count differs");
  for (size_t k = 0; k < count; ++k)
    ftpreply_fuzz::check(back[k].name == f[k].name && back[k].params == f[k].params,
                         "format then decode: a feature differs");
  return 0;
}
