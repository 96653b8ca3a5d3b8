// SPDX-License-Identifier: Apache-2.0
// fuzz_c_api: the C API (<ftpreply.h>) on any input.
//
// Invariants checked:
//  1. The C scanner, fed the stream in the input's pieces, gives exactly
//     the C++ scanner's events on the whole stream, through every event
//     accessor (code, flags, error, offset, span, bytes, lines, texts).
//  2. The C reader over a small caller buffer gives the same events, or
//     refuses a feed with buffer_too_small and takes nothing; it never
//     writes outside the buffer (ASan: the buffer is exactly its size).
//  3. After ftpreply_finish the scanner refuses work (bad_state) until reset;
//     storage never initialised is bad_state, never a crash.
//  4. Every decoder on every reply, and the encoder round trip through the
//     C scanner: one reply with the code asked for.
//
// Input: options byte (bit 0 strict, bit 1 any-code, bits 2-3 small
// limits), kernel byte, piece size byte, then the stream.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "ftpreply.h"
#include "ftpreply/ftpreply.h"
#include "fuzz_input.h"

namespace {

using ftpreply_fuzz::check;

struct seen {
  unsigned code, flags, error;
  uint64_t offset, start, length;
  uint32_t lines;
  std::string bytes, first, last;
  bool operator==(const seen& o) const {
    return code == o.code && flags == o.flags && error == o.error && offset == o.offset &&
           start == o.start && length == o.length && lines == o.lines && bytes == o.bytes &&
           first == o.first && last == o.last;
  }
};

std::string text(ftpreply_span s) { return s.size ? std::string(s.data, s.size) : std::string(); }

seen of(const ftpreply_event& e) {
  return seen{ftpreply_event_code(&e),   ftpreply_event_flags(&e),
              static_cast<unsigned>(ftpreply_event_error(&e)), ftpreply_event_offset(&e),
              ftpreply_event_start(&e),  ftpreply_event_length(&e),
              ftpreply_event_lines(&e),  text(ftpreply_event_bytes(&e)),
              text(ftpreply_event_first_text(&e)), text(ftpreply_event_last_text(&e))};
}

seen of(const ftpreply::event& e) {
  ftpreply_event c;
  std::memcpy(&c, &e, sizeof c);
  return of(c);
}

void decode_all(const ftpreply_event& e) {
  const ftpreply_span b = ftpreply_event_bytes(&e);
  ftpreply_endpoint ep;
  uint16_t port;
  char path[64];
  size_t n;
  uint64_t size;
  ftpreply_timestamp t;
  ftpreply_pair pair, features[8];
  for (ftpreply_decode_mode m : {FTPREPLY_DECODE_STRICT, FTPREPLY_DECODE_LENIENT}) {
    (void)ftpreply_decode_pasv(b.data, b.size, m, &ep);
    (void)ftpreply_decode_lpsv(b.data, b.size, m, &ep);
    (void)ftpreply_decode_epsv(b.data, b.size, m, &port);
    if (ftpreply_decode_pathname(b.data, b.size, m, path, sizeof path, &n) == FTPREPLY_OK)
      check(n <= sizeof path, "pathname longer than its buffer");
    (void)ftpreply_decode_mark(b.data, b.size, m, &pair);
    (void)ftpreply_decode_size(b.data, b.size, m, &size);
    (void)ftpreply_decode_mdtm(b.data, b.size, m, &t);
    (void)ftpreply_decode_system(b.data, b.size, m, &pair);
    if (ftpreply_decode_features(b.data, b.size, m, features, 8, &n) == FTPREPLY_OK)
      check(n <= 8, "more features than the room given");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  const uint8_t o = in.byte();
  ftpreply_options opt = (o & 1) ? ftpreply_options_strict() : ftpreply_options_lenient();
  opt.any_code_terminates = (o & 2) != 0;
  if (o & 4) opt.max_line = 16 + (o >> 4);
  if (o & 8) opt.max_reply = 64 + (o >> 4) * 8;
  const ftpreply_kernel k = static_cast<ftpreply_kernel>(in.byte() % 6);
  const size_t piece = 1 + in.byte() % 64;
  const std::string stream = in.rest();

  // 1. The C++ scanner on the whole stream: what every C route must give.
  ftpreply::options cpp;
  cpp.strict = opt.strict;
  cpp.any_code_terminates = opt.any_code_terminates;
  cpp.max_line = opt.max_line;
  cpp.max_reply = opt.max_reply;
  cpp.max_lines = opt.max_lines;
  ftpreply::scanner ref(cpp, ftpreply::kernel::scalar);
  std::vector<seen> want;
  ftpreply::scan_all(ref, stream.data(), stream.size(), [&](const ftpreply::event& e) { want.push_back(of(e)); });

  // The C scanner in pieces, its unconsumed bytes kept as a caller does.
  ftpreply_scanner s;
  check(ftpreply_scanner_init(&s, &opt, k) == FTPREPLY_OK, "init");
  std::vector<seen> got;
  std::string held;
  ftpreply_event ev[8];
  ftpreply_scan_result r;
  size_t fed = 0;
  for (;;) {
    const size_t take = std::min(piece, stream.size() - fed);
    held.append(stream, fed, take);
    fed += take;
    const bool end = fed == stream.size();
    for (;;) {
      check((end ? ftpreply_finish(&s, held.data(), held.size(), ev, 8, &r)
                 : ftpreply_scan(&s, held.data(), held.size(), ev, 8, &r)) == FTPREPLY_OK,
            "scan refused");
      for (size_t i = 0; i < r.events; ++i) {
        got.push_back(of(ev[i]));
        decode_all(ev[i]);
      }
      held.erase(0, r.consumed);
      if (!r.output_full) break;
    }
    if (end) break;
  }
  check(got == want, "the C scanner's events differ from the C++ scanner's");
  // 3. Finished: refused until reset.
  check(ftpreply_scan(&s, "x", 1, ev, 8, &r) == FTPREPLY_BAD_STATE, "a finished scanner scanned");
  check(ftpreply_scanner_reset(&s) == FTPREPLY_OK && ftpreply_scanner_position(&s) == 0, "reset");
  ftpreply_scanner zeroed;
  std::memset(&zeroed, 0, sizeof zeroed);
  check(ftpreply_scan(&zeroed, "x", 1, ev, 8, &r) == FTPREPLY_BAD_STATE, "uninitialised storage scanned");

  // 2. The reader over a buffer of exactly its size.
  const size_t capacity = 64 + (o >> 4) * 32;
  std::vector<char> buffer(capacity);
  ftpreply_reader rd;
  check(ftpreply_reader_init(&rd, &opt, k, buffer.data(), buffer.size()) == FTPREPLY_OK, "reader init");
  std::vector<seen> read;
  bool refused = false;
  for (size_t at = 0; at < stream.size() && !refused; at += piece) {
    const size_t take = std::min(piece, stream.size() - at);
    const ftpreply_error e = ftpreply_reader_feed(&rd, stream.data() + at, take);
    if (e == FTPREPLY_BUFFER_TOO_SMALL) {
      refused = true;
      break;
    }
    check(e == FTPREPLY_OK, "feed refused");
    ftpreply_event x;
    while (ftpreply_reader_next(&rd, &x)) read.push_back(of(x));
  }
  if (!refused) {
    check(ftpreply_reader_finish(&rd) == FTPREPLY_OK, "reader finish");
    ftpreply_event x;
    while (ftpreply_reader_next(&rd, &x)) read.push_back(of(x));
    check(read == want, "the C reader's events differ from the C++ scanner's");
  } else {
    check(read.size() <= want.size() && std::equal(read.begin(), read.end(), want.begin()),
          "the C reader gave other events before refusing");
  }

  // 4. The encoder round trip: the stream as a reply's text.
  const unsigned code = 100 + (o * 7 + static_cast<unsigned>(stream.size())) % 560;
  size_t need = 0;
  const ftpreply_error e = ftpreply_encode_reply(code, stream.data(), stream.size(), nullptr, 0, &need);
  check(e == (need ? FTPREPLY_BUFFER_TOO_SMALL : FTPREPLY_OK), "encode size query");
  std::vector<char> wire(need);
  size_t len = 0;
  check(ftpreply_encode_reply(code, stream.data(), stream.size(), wire.data(), wire.size(), &len) ==
            FTPREPLY_OK && len == need,
        "encode wrote another size than it asked for");
  ftpreply_scanner strict;
  const ftpreply_options so = ftpreply_options_strict();
  check(ftpreply_scanner_init(&strict, &so, k) == FTPREPLY_OK, "strict init");
  check(ftpreply_finish(&strict, wire.data(), wire.size(), ev, 8, &r) == FTPREPLY_OK && r.events == 1 &&
            ftpreply_event_code(&ev[0]) == code,
        "the encoder's reply is not one strict reply with its code");
  return 0;
}
