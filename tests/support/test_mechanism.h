// SPDX-License-Identifier: Apache-2.0
// A trivial RFC 2228 mechanism for tests and fuzzing: seal prefixes "SEAL"
// and the protection level and XORs the data with 0x5A; unseal checks the
// prefix and level and undoes it.
#ifndef FTPREPLY_TESTS_TEST_MECHANISM_H
#define FTPREPLY_TESTS_TEST_MECHANISM_H

#include "ftpreply/codec.h"

namespace ftpreply_test {

bool test_seal(void* context, ftpreply::protection level, const char* in, size_t n,
               uint8_t* out, size_t capacity, size_t* out_length);
bool test_unseal(void* context, ftpreply::protection level, const uint8_t* in, size_t n,
                 char* out, size_t capacity, size_t* out_length);

}  // namespace ftpreply_test

#endif
