// SPDX-License-Identifier: Apache-2.0
// fuzz_classify: the reply-code classifier on any value.
//
// Invariants checked:
//  1. classify() answers for every value and echoes it.
//  2. For three-digit codes the kind is the first digit's (1-6, else
//     invalid) and the group the second's (0-5, else unknown); longer codes
//     are invalid / unknown.
//  3. A code is known exactly when it has a meaning and a source, and every
//     name the CLI prints for it is defined.
//
// Input: a 32-bit code (little endian); missing bytes read as zero.
#include "fuzz_input.h"
#include "ftpreply/classify.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  const uint32_t code = in.u32();
  const ftpreply::code_info info = ftpreply::classify(code);
  ftpreply_fuzz::check(info.code == code, "code not echoed");
  if (code < 1000) {
    const int d1 = static_cast<int>(code / 100), d2 = static_cast<int>(code / 10 % 10);
    ftpreply_fuzz::check(info.kind == (d1 >= 1 && d1 <= 6 ? static_cast<ftpreply::reply_kind>(d1)
                                                           : ftpreply::reply_kind::invalid),
                         "kind disagrees with the first digit");
    ftpreply_fuzz::check(info.group == (d2 <= 5 ? static_cast<ftpreply::reply_group>(d2)
                                                : ftpreply::reply_group::unknown),
                         "group disagrees with the second digit");
  } else {
    ftpreply_fuzz::check(info.kind == ftpreply::reply_kind::invalid &&
                             info.group == ftpreply::reply_group::unknown,
                         "a code of four or more digits with a kind or group");
  }
  ftpreply_fuzz::check(info.known == (info.meaning != nullptr), "known without meaning");
  ftpreply_fuzz::check(info.known == (info.src != ftpreply::source::none), "known without source");
  ftpreply_fuzz::check(ftpreply::to_string(info.kind) && ftpreply::to_string(info.group) &&
                           ftpreply::to_string(info.src),
                       "a name is missing");
  return 0;
}
