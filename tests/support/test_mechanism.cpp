// SPDX-License-Identifier: Apache-2.0
#include "test_mechanism.h"

#include <cstring>

namespace ftpreply_test {

bool test_seal(void*, ftpreply::protection level, const char* in, size_t n, uint8_t* out,
               size_t capacity, size_t* out_length) {
  if (n + 5 > capacity) return false;
  std::memcpy(out, "SEAL", 4);
  out[4] = static_cast<uint8_t>(level);
  for (size_t i = 0; i < n; ++i) out[5 + i] = static_cast<uint8_t>(in[i] ^ 0x5A);
  *out_length = n + 5;
  return true;
}

bool test_unseal(void*, ftpreply::protection level, const uint8_t* in, size_t n, char* out,
                 size_t capacity, size_t* out_length) {
  if (n < 5 || std::memcmp(in, "SEAL", 4) != 0 || in[4] != static_cast<uint8_t>(level) ||
      n - 5 > capacity)
    return false;
  for (size_t i = 5; i < n; ++i) out[i - 5] = static_cast<char>(in[i] ^ 0x5A);
  *out_length = n - 5;
  return true;
}

}  // namespace ftpreply_test
