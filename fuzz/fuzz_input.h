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

namespace ftpreply_fuzz {

class input {
 public:
  input(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  // The next header byte, 0 once the input is exhausted.
  uint8_t byte() { return n_ ? (--n_, *p_++) : 0; }
  uint16_t u16() { uint16_t v = byte(); return static_cast<uint16_t>(v | byte() << 8); }
  uint32_t u32() { uint32_t v = u16(); return v | uint32_t{u16()} << 16; }
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
