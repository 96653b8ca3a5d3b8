// SPDX-License-Identifier: Apache-2.0
// What every fuzz target shares: reading choices from the front of the
// fuzzer's input, and failing loudly.
//
// A target takes its choices (options, limits, split points) from a small
// fixed-size header and treats the rest as the stream, so seeds are simply
// header + stream (fuzz/seeds.cpp writes them; header_size says how long).
#ifndef FTPREPLY_FUZZ_INPUT_H
#define FTPREPLY_FUZZ_INPUT_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ftpreply/scanner.h"

#include "ftpreply/decode.h"

namespace ftpreply_fuzz {

// One whole reply: three digits, a space, '-' or a line end, ..., a final
// LF. Decoders refuse anything else with invalid_argument.
inline bool whole_reply(std::string_view r) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return r.size() >= 4 && digit(r[0]) && digit(r[1]) && digit(r[2]) &&
         (r[3] == ' ' || r[3] == '-' || r[3] == '\r' || r[3] == '\n') && r.back() == '\n';
}

// `raw` made a whole reply (a "ddd " head and a final CR LF where missing),
// so that the decoders' own checks see every input.
inline std::string as_reply(const std::string& raw, const char* head) {
  if (whole_reply(raw)) return raw;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool has_head = raw.size() >= 4 && digit(raw[0]) && digit(raw[1]) && digit(raw[2]) &&
                        (raw[3] == ' ' || raw[3] == '-' || raw[3] == '\r' || raw[3] == '\n');
  std::string r = has_head ? raw : head + raw;
  if (r.empty() || r.back() != '\n') r += "\r\n";
  return r;
}

// An input's strict bit as the decoders' named mode.
inline ftpreply::decode_mode mode_of(bool strict) {
  return strict ? ftpreply::decode_mode::strict : ftpreply::decode_mode::lenient;
}

class input {
 public:
  input(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  // The next header byte, 0 once the input is exhausted.
  uint8_t byte() { return n_ ? (--n_, *p_++) : 0; }
  uint16_t u16() { uint16_t v = byte(); return static_cast<uint16_t>(v | byte() << 8); }
  uint32_t u32() { uint32_t v = u16(); return v | uint32_t{u16()} << 16; }
  size_t remaining() const { return n_; }
  // Everything not yet taken.
  std::string rest() {
    std::string s(reinterpret_cast<const char*>(p_), n_);
    p_ += n_;
    n_ = 0;
    return s;
  }

 private:
  const uint8_t* p_;
  size_t n_;
};

// Scanner options from a mode byte: bit 0 strict, bit 1 any code
// terminates; the limits stay the defaults.
inline ftpreply::options options_from_mode(uint8_t mode) {
  ftpreply::options opt;
  opt.strict = mode & 1;
  opt.any_code_terminates = mode & 2;
  return opt;
}

// Prints the message and aborts, so the fuzzer records the input.
[[noreturn]] inline void fail(const std::string& message) {
  std::fprintf(stderr, "invariant broken: %s\n", message.c_str());
  std::abort();
}

inline void check(bool ok, const std::string& message) {
  if (!ok) fail(message);
}

// True when `view` lies within `s` (or is empty).
inline bool inside(std::string_view view, const std::string& s) {
  return view.empty() ||
         (view.data() >= s.data() && view.data() + view.size() <= s.data() + s.size());
}

}  // namespace ftpreply_fuzz

#endif
