// SPDX-License-Identifier: Apache-2.0
// fuzz_decode_address: the 227, 228 and 229 decoders on any reply.
//
// Invariants checked:
//  1. Each returns ok, malformed or out_of_range, nothing else.
//  2. On ok: 227 gives an IPv4 endpoint, 228 an IPv4 or IPv6 one, 229 a
//     port, every port in 1-65535.
//  3. What the matching formatter writes for the decoded value, encoded as
//     a reply, decodes strictly to the same value.
//  4. Strictly, a one-line reply gives what a plain parse of its digits
//     says (fuzz/plain_parse.h): the numbers, out_of_range past 255 or for
//     port 0 or past 65535, malformed when the form is not there.
//
// Input: a mode byte (bit 0 strict), then the reply.
#include <cstring>

#include "ftpreply/codec.h"
#include "fuzz_input.h"
#include "plain_parse.h"

namespace {

using ftpreply::error;

bool allowed(error e) {
  return e == error::ok || e == error::malformed || e == error::out_of_range;
}

std::string reply(uint16_t code, const char* text, size_t n) {
  char buf[512];
  size_t len = 0;
  ftpreply_fuzz::check(ftpreply::encode_reply(code, std::string_view(text, n), buf, sizeof buf,
                                              &len) == error::ok,
                       "encode_reply refused a formatter's text");
  return std::string(buf, len);
}

bool same(const ftpreply::endpoint& a, const ftpreply::endpoint& b) {
  return a.family == b.family && a.port == b.port &&
         std::memcmp(a.address, b.address, sizeof a.address) == 0;
}

// What a strict 227 or 228 decode of a one-line reply must give, from a
// plain parse: the error, and on ok the family, address bytes and port.
// False when the reply is not one line.
bool expected_address(const std::string& r, bool long_form, error* e, ftpreply::endpoint* ep) {
  std::string text;
  if (!ftpreply_fuzz::one_line_text(r, &text)) return false;
  std::vector<std::string> n;
  *e = error::malformed;
  if (!ftpreply_fuzz::paren_numbers(text, &n)) return true;
  size_t host = 0, hal = 4;
  if (long_form) {  // af, hal, address, pal = 2, two port bytes
    if (n.size() < 2) return true;
    const bool v4 = !ftpreply_fuzz::digits_above(n[0], 4) && !ftpreply_fuzz::digits_above(n[1], 4) &&
                    std::stoul(n[0]) == 4 && std::stoul(n[1]) == 4;
    const bool v6 = !ftpreply_fuzz::digits_above(n[0], 6) && !ftpreply_fuzz::digits_above(n[1], 16) &&
                    std::stoul(n[0]) == 6 && std::stoul(n[1]) == 16;
    if (!v4 && !v6) return true;
    hal = v4 ? 4 : 16;
    if (n.size() != 2 + hal + 3 || ftpreply_fuzz::digits_above(n[2 + hal], 2) ||
        std::stoul(n[2 + hal]) != 2)
      return true;
    host = 2;
    ep->family = v4 ? ftpreply::address_family::ipv4 : ftpreply::address_family::ipv6;
  } else {
    if (n.size() != 6) return true;
    ep->family = ftpreply::address_family::ipv4;
  }
  for (const std::string& d : n)
    if (ftpreply_fuzz::digits_above(d, 255)) {
      *e = error::out_of_range;
      return true;
    }
  for (size_t k = 0; k < hal; ++k) ep->address[k] = static_cast<uint8_t>(std::stoul(n[host + k]));
  const size_t p = long_form ? host + hal + 1 : 4;
  const unsigned long port = std::stoul(n[p]) * 256 + std::stoul(n[p + 1]);
  if (port == 0) {
    *e = error::out_of_range;
    return true;
  }
  ep->port = static_cast<uint16_t>(port);
  *e = error::ok;
  return true;
}

// The same for 229: "(<d><d><d>port<d>)", d one byte 33-126 but a digit.
bool expected_epsv(const std::string& r, error* e, uint16_t* port) {
  std::string text;
  if (!ftpreply_fuzz::one_line_text(r, &text)) return false;
  *e = error::malformed;
  const size_t open = text.find('(');
  if (open == std::string::npos || open + 5 > text.size()) return true;
  const char d = text[open + 1];
  if (d < 33 || d > 126 || (d >= '0' && d <= '9') || text[open + 2] != d || text[open + 3] != d)
    return true;
  size_t j = open + 4;
  while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
  if (j == open + 4 || j + 1 >= text.size() || text[j] != d || text[j + 1] != ')') return true;
  const std::string digits = text.substr(open + 4, j - open - 4);
  if (ftpreply_fuzz::digits_above(digits, 65535) || !ftpreply_fuzz::digits_above(digits, 0)) {
    *e = error::out_of_range;
    return true;
  }
  *port = static_cast<uint16_t>(std::stoul(digits));
  *e = error::ok;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  const bool strict = in.byte() & 1;
  // Bytes that are not one whole reply are refused; then every input is
  // read as one.
  const std::string raw = in.rest();
  if (!ftpreply_fuzz::whole_reply(raw)) {
    ftpreply::endpoint ep0; uint16_t port0 = 0;
    ftpreply_fuzz::check(ftpreply::decode_pasv(raw, ftpreply::decode_mode::lenient, &ep0) == error::invalid_argument &&
                             ftpreply::decode_lpsv(raw, ftpreply::decode_mode::lenient, &ep0) == error::invalid_argument &&
                             ftpreply::decode_epsv(raw, ftpreply::decode_mode::lenient, &port0) == error::invalid_argument,
                         "a part of a reply was decoded");
  }
  const std::string r = ftpreply_fuzz::as_reply(raw, "227 ");
  char t[256];
  size_t n = 0;

  ftpreply::endpoint ep, back;
  error e = ftpreply::decode_pasv(r, ftpreply_fuzz::mode_of(strict), &ep);
  ftpreply_fuzz::check(allowed(e), "pasv: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check(ep.family == ftpreply::address_family::ipv4 && ep.port != 0, "pasv: bad endpoint");
    ftpreply_fuzz::check(ftpreply::format_pasv(ep, t, sizeof t, &n) == error::ok, "format_pasv");
    ftpreply_fuzz::check(ftpreply::decode_pasv(reply(227, t, n), ftpreply::decode_mode::strict, &back) == error::ok &&
                             same(ep, back),
                         "pasv: format then decode differs");
  }
  e = ftpreply::decode_lpsv(r, ftpreply_fuzz::mode_of(strict), &ep);
  ftpreply_fuzz::check(allowed(e), "lpsv: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check((ep.family == ftpreply::address_family::ipv4 || ep.family == ftpreply::address_family::ipv6) && ep.port != 0, "lpsv: bad endpoint");
    ftpreply_fuzz::check(ftpreply::format_lpsv(ep, t, sizeof t, &n) == error::ok, "format_lpsv");
    ftpreply_fuzz::check(ftpreply::decode_lpsv(reply(228, t, n), ftpreply::decode_mode::strict, &back) == error::ok &&
                             same(ep, back),
                         "lpsv: format then decode differs");
  }
  for (bool long_form : {false, true}) {
    error want;
    ftpreply::endpoint plain, got;
    if (!strict || !expected_address(r, long_form, &want, &plain)) continue;
    const error have = long_form ? ftpreply::decode_lpsv(r, ftpreply::decode_mode::strict, &got)
                                 : ftpreply::decode_pasv(r, ftpreply::decode_mode::strict, &got);
    ftpreply_fuzz::check(have == want, long_form ? "lpsv: differs from a plain parse"
                                                 : "pasv: differs from a plain parse");
    ftpreply_fuzz::check(have != error::ok || same(got, plain),
                         "pasv/lpsv: value differs from a plain parse");
  }
  uint16_t port = 0, port_back = 0;
  e = ftpreply::decode_epsv(r, ftpreply_fuzz::mode_of(strict), &port);
  ftpreply_fuzz::check(allowed(e), "epsv: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check(port != 0, "epsv: port 0");
    ftpreply_fuzz::check(ftpreply::format_epsv(port, t, sizeof t, &n) == error::ok, "format_epsv");
    ftpreply_fuzz::check(ftpreply::decode_epsv(reply(229, t, n), ftpreply::decode_mode::strict, &port_back) == error::ok &&
                             port == port_back,
                         "epsv: format then decode differs");
  }
  error want;
  uint16_t plain_port = 0;
  if (expected_epsv(r, &want, &plain_port))
    ftpreply_fuzz::check(e == want && (e != error::ok || port == plain_port),
                         "epsv: differs from a plain parse");
  return 0;
}
