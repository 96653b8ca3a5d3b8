// SPDX-License-Identifier: Apache-2.0
// A structure-aware mutator for the scanner targets: half of the time it
// edits the stream with reply-shaped pieces (codes with '-' or ' ', bare
// codes, CR LF, bare LF and CR, long lines, NUL and high bytes, whole
// replies and blocks), the other half it leaves to libFuzzer's own
// mutations. The header bytes in front of the stream are only ever changed
// by libFuzzer's mutations. Targets define LLVMFuzzerCustomMutator with it
// when built for libFuzzer (FTPREPLY_LIBFUZZER).
#ifndef FTPREPLY_FUZZ_REPLY_MUTATOR_H
#define FTPREPLY_FUZZ_REPLY_MUTATOR_H

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <random>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace ftpreply_fuzz {

inline size_t mutate_reply_shaped(uint8_t* data, size_t size, size_t max_size,
                                  unsigned seed, size_t header) {
  std::minstd_rand rng(seed);
  if (rng() % 2 || size < header || max_size <= header)
    return LLVMFuzzerMutate(data, size, max_size);
  static const char* const pieces[] = {
      "220 ", "211-", "211 ", "211", "230-", "230 ", "213-", "213 ", "000 ", "999 ",
      "700 ", "2", "21", "\r\n", "\n", "\r", " ", "-", "\r\r\n", "\n\n",
      "220 Ready\r\n", "211-Features:\r\n MDTM\r\n211 End\r\n", "211-a\n211 b\n",
      "211-x\r\n212 y\r\n", "230-\r\n230\r\n", "\r\n220\r\n", "211-a\r\n 211 b\r\n"};
  const size_t stream = size - header;
  const size_t at = header + (stream ? rng() % (stream + 1) : 0);
  // Where a line starts at or before `at` (edits there make heads).
  size_t line = at;
  while (line > header && data[line - 1] != '\n') --line;
  const size_t pos = rng() % 3 == 0 ? line : at;
  uint8_t buf[256];
  size_t n = 0;
  switch (rng() % 4) {
    case 0: {  // a reply-shaped piece
      const char* p = pieces[rng() % (sizeof pieces / sizeof pieces[0])];
      n = std::strlen(p);
      std::memcpy(buf, p, n);
      break;
    }
    case 1: {  // a run of one byte: long lines, NULs, high bytes, digits
      static const uint8_t runs[] = {'A', ' ', '0', '9', 0, 0xFF, 0x80, '-'};
      n = 1 + rng() % sizeof buf;
      std::memset(buf, runs[rng() % sizeof runs], n);
      break;
    }
    case 2: {  // a three-digit code with a separator
      const unsigned code = rng() % 1000;
      buf[0] = static_cast<uint8_t>('0' + code / 100);
      buf[1] = static_cast<uint8_t>('0' + code / 10 % 10);
      buf[2] = static_cast<uint8_t>('0' + code % 10);
      buf[3] = static_cast<uint8_t>(" -\r\n"[rng() % 4]);
      n = 4;
      break;
    }
    default: {  // copy a stretch of the stream elsewhere (repeats lines)
      if (!stream) return LLVMFuzzerMutate(data, size, max_size);
      const size_t from = header + rng() % stream;
      n = std::min<size_t>(1 + rng() % 64, size - from);
      std::memcpy(buf, data + from, n);
      break;
    }
  }
  // Insert, or overwrite what is there.
  if (rng() % 2 && size + n <= max_size) {
    std::memmove(data + pos + n, data + pos, size - pos);
    std::memcpy(data + pos, buf, n);
    return size + n;
  }
  n = std::min(n, max_size - pos);
  std::memcpy(data + pos, buf, n);
  return std::max(size, pos + n);
}

}  // namespace ftpreply_fuzz

#endif
