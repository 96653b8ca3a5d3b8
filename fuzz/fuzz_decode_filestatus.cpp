// SPDX-License-Identifier: Apache-2.0
// fuzz_decode_filestatus: the 213 decoders (SIZE and MDTM) on any reply.
//
// Invariants checked:
//  1. Each returns ok, malformed or out_of_range.
//  2. MDTM on ok: fields in calendar range, the fraction digits only and a
//     view into the reply.
//  3. What format_size / format_mdtm write for the value, as a 213 reply,
//     decodes strictly to the same value.
//  4. Strict SIZE of a one-line reply is what a plain parse of its digits
//     says: the value, out_of_range past 2^64-1, malformed if not digits.
//
// Input: a mode byte (bit 0 strict), then the reply.
#include "ftpreply/codec.h"
#include "fuzz_input.h"
#include "plain_parse.h"

namespace {

std::string reply213(const char* t, size_t n) {
  char w[256];
  size_t wn = 0;
  ftpreply_fuzz::check(ftpreply::encode_reply(213, std::string_view(t, n), w, sizeof w, &wn) ==
                           ftpreply::error::ok,
                       "encode_reply");
  return std::string(w, wn);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ftpreply::error;
  ftpreply_fuzz::input in(data, size);
  const bool strict = in.byte() & 1;
  // Bytes that are not one whole reply are refused; then every input is
  // read as one.
  const std::string raw = in.rest();
  if (!ftpreply_fuzz::whole_reply(raw)) {
    uint64_t v0 = 0;
    ftpreply::timestamp t0;
    ftpreply_fuzz::check(ftpreply::decode_size(raw, ftpreply::decode_mode::lenient, &v0) == error::invalid_argument &&
                             ftpreply::decode_mdtm(raw, ftpreply::decode_mode::lenient, &t0) == error::invalid_argument,
                         "a part of a reply was decoded");
  }
  const std::string r = ftpreply_fuzz::as_reply(raw, "213 ");
  char t[200];
  size_t n = 0;
  uint64_t v = 0, vb = 0;
  error e = ftpreply::decode_size(r, ftpreply_fuzz::mode_of(strict), &v);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed || e == error::out_of_range,
                       "size: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check(ftpreply::format_size(v, t, sizeof t, &n) == error::ok, "format_size");
    ftpreply_fuzz::check(ftpreply::decode_size(reply213(t, n), ftpreply::decode_mode::strict, &vb) == error::ok && v == vb,
                         "size: format then decode differs");
  }
  std::string text;
  if (strict && ftpreply_fuzz::one_line_text(r, &text)) {
    bool digits = !text.empty();
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    const error want = !digits ? error::malformed
                       : ftpreply_fuzz::digits_above(text, UINT64_MAX) ? error::out_of_range
                                                                        : error::ok;
    ftpreply_fuzz::check(e == want && (e != error::ok || v == std::stoull(text)),
                         "size: differs from a plain parse");
  }
  ftpreply::timestamp ts, tb;
  e = ftpreply::decode_mdtm(r, ftpreply_fuzz::mode_of(strict), &ts);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed || e == error::out_of_range,
                       "mdtm: unexpected error");
  if (e != error::ok) return 0;
  ftpreply_fuzz::check(ts.month >= 1 && ts.month <= 12 && ts.day >= 1 && ts.day <= 31 &&
                           ts.hour <= 23 && ts.minute <= 59 && ts.second <= 60,
                       "mdtm: a field out of range");
  ftpreply_fuzz::check(ftpreply_fuzz::inside(ts.fraction, r), "mdtm: fraction outside the reply");
  if (ts.fraction.size() > 150) return 0;
  ftpreply_fuzz::check(ftpreply::format_mdtm(ts, t, sizeof t, &n) == error::ok, "format_mdtm");
  const std::string again = reply213(t, n);
  ftpreply_fuzz::check(ftpreply::decode_mdtm(again, ftpreply::decode_mode::strict, &tb) == error::ok &&
                           tb.year == ts.year && tb.month == ts.month && tb.day == ts.day &&
                           tb.hour == ts.hour && tb.minute == ts.minute &&
                           tb.second == ts.second && tb.fraction == ts.fraction,
                       "mdtm: format then decode differs");
  return 0;
}
