// fuzz_decode_address: the 227, 228 and 229 decoders on any reply.
//
// Invariants checked:
//  1. Each returns ok, malformed or out_of_range, nothing else.
//  2. On ok: 227 gives an IPv4 endpoint, 228 an IPv4 or IPv6 one, 229 a
//     port, every port in 1-65535.
//  3. What the matching formatter writes for the decoded value, encoded as
//     a reply, decodes strictly to the same value.
//
// Input: a mode byte (bit 0 strict), then the reply.
#include <cstring>

#include "ftpreply/codec.h"
#include "fuzz_input.h"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  const bool strict = in.byte() & 1;
  const std::string r = in.rest();
  char t[256];
  size_t n = 0;

  ftpreply::endpoint ep, back;
  error e = ftpreply::decode_pasv(r, strict, &ep);
  ftpreply_fuzz::check(allowed(e), "pasv: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check(ep.family == 4 && ep.port != 0, "pasv: bad endpoint");
    ftpreply_fuzz::check(ftpreply::format_pasv(ep, t, sizeof t, &n) == error::ok, "format_pasv");
    ftpreply_fuzz::check(ftpreply::decode_pasv(reply(227, t, n), true, &back) == error::ok &&
                             same(ep, back),
                         "pasv: format then decode differs");
  }
  e = ftpreply::decode_lpsv(r, strict, &ep);
  ftpreply_fuzz::check(allowed(e), "lpsv: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check((ep.family == 4 || ep.family == 6) && ep.port != 0, "lpsv: bad endpoint");
    ftpreply_fuzz::check(ftpreply::format_lpsv(ep, t, sizeof t, &n) == error::ok, "format_lpsv");
    ftpreply_fuzz::check(ftpreply::decode_lpsv(reply(228, t, n), true, &back) == error::ok &&
                             same(ep, back),
                         "lpsv: format then decode differs");
  }
  uint16_t port = 0, port_back = 0;
  e = ftpreply::decode_epsv(r, strict, &port);
  ftpreply_fuzz::check(allowed(e), "epsv: unexpected error");
  if (e == error::ok) {
    ftpreply_fuzz::check(port != 0, "epsv: port 0");
    ftpreply_fuzz::check(ftpreply::format_epsv(port, t, sizeof t, &n) == error::ok, "format_epsv");
    ftpreply_fuzz::check(ftpreply::decode_epsv(reply(229, t, n), true, &port_back) == error::ok &&
                             port == port_back,
                         "epsv: format then decode differs");
  }
  return 0;
}
