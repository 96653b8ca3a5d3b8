// SPDX-License-Identifier: Apache-2.0
// Must draw -Wunused-result from both compilers: each call drops an error
// or a value the caller must use.
#include "ftpreply/ftpreply.h"

void drop(const ftpreply::event& e, ftpreply::reply_reader& r) {
  ftpreply::endpoint ep;
  ftpreply::decode_pasv(e, ftpreply::decode_mode::lenient, &ep);
  char out[64];
  size_t n = 0;
  ftpreply::encode_reply(220, "ready", out, sizeof out, &n);
  r.feed("220 x\r\n", 7);
  ftpreply::classify(220);
}
