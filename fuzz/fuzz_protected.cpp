// SPDX-License-Identifier: Apache-2.0
// fuzz_protected: RFC 2228 protected replies, both ways.
//
// Invariants checked:
//  1. open_protected on any bytes returns ok, malformed, unseal_failed or
//     buffer_too_small, and writes no more than it was given room for.
//  2. A cleartext sealed and encoded by encode_protected scans (strict) as
//     exactly one 63z reply, and open_protected gives the cleartext back at
//     the same protection level.
//
// Input: a level byte (1-3), then bytes used both as a reply to open and
// as a cleartext to seal.
#include <vector>

#include "ftpreply/ftpreply.h"
#include "fuzz_input.h"
#include "test_mechanism.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ftpreply::error;
  ftpreply_fuzz::input in(data, size);
  const auto level = static_cast<ftpreply::protection>(1 + in.byte() % 3);
  const std::string bytes = in.rest();

  std::vector<uint8_t> scratch(bytes.size() + 64);
  std::vector<char> clear(bytes.size() + 64);
  size_t n = 0;
  ftpreply::protection got = ftpreply::protection::none;
  error e = ftpreply::open_protected(bytes, ftpreply_test::test_unseal, nullptr, scratch.data(),
                                     scratch.size(), clear.data(), clear.size(), &n, &got);
  ftpreply_fuzz::check(e == error::ok || e == error::malformed || e == error::unseal_failed ||
                           e == error::buffer_too_small,
                       "open: unexpected error");
  if (e == error::ok) ftpreply_fuzz::check(n <= clear.size(), "open: wrote past its room");

  size_t need = 0;
  e = ftpreply::encode_protected(level, bytes, ftpreply_test::test_seal, nullptr, scratch.data(),
                                 scratch.size(), nullptr, 0, &need);
  ftpreply_fuzz::check(e == error::buffer_too_small, "size query");
  std::string wire(need, '\0');
  ftpreply_fuzz::check(ftpreply::encode_protected(level, bytes, ftpreply_test::test_seal, nullptr,
                                                  scratch.data(), scratch.size(), &wire[0],
                                                  wire.size(), &need) == error::ok,
                       "encode_protected");
  ftpreply::scanner s(ftpreply::options::strict_rfc959());
  size_t replies = 0, errors = 0;
  std::string reply;
  ftpreply::scan_all(s, wire.data(), wire.size(), [&](const ftpreply::event& ev) {
    if (!ev.is_reply()) {
      ++errors;
      return;
    }
    ++replies;
    reply = std::string(ev.bytes());
    ftpreply_fuzz::check(ev.code() == 630 + static_cast<int>(level), "wrong code");
  });
  ftpreply_fuzz::check(replies == 1 && errors == 0, "not exactly one strict reply");
  e = ftpreply::open_protected(reply, ftpreply_test::test_unseal, nullptr, scratch.data(),
                               scratch.size(), clear.data(), clear.size(), &n, &got);
  ftpreply_fuzz::check(e == error::ok && got == level, "open after encode failed");
  ftpreply_fuzz::check(std::string_view(clear.data(), n) == bytes, "cleartext differs");
  return 0;
}
