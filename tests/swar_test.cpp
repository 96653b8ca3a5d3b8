// SPDX-License-Identifier: Apache-2.0
// The scalar kernel's SWAR masks against the byte-at-a-time reference: every
// byte value at every position of a block, then random blocks.
#include <cstring>
#include <random>

#include "gtest/gtest.h"
#include "internal.h"

namespace {

using ftpreply::detail::block_masks;

void expect_same(const unsigned char* block) {
  const block_masks a = ftpreply::detail::classify_swar(block);
  const block_masks b = ftpreply::detail::classify_bytewise(block);
  EXPECT_EQ(a.lf, b.lf);
  EXPECT_EQ(a.cr, b.cr);
  EXPECT_EQ(a.special, b.special);
  EXPECT_EQ(a.digit, b.digit);
  EXPECT_EQ(a.space, b.space);
}

TEST(Swar, EveryByteValueAtEveryPosition) {
  unsigned char block[64];
  for (unsigned pos = 0; pos < 64; ++pos) {
    for (unsigned v = 0; v < 256; ++v) {
      // Neighbours that borrow or carry if the arithmetic leaked across
      // bytes: 0x00 and 0xFF around the byte under test.
      std::memset(block, (pos & 1) ? 0xFF : 0x00, sizeof block);
      block[pos] = static_cast<unsigned char>(v);
      expect_same(block);
    }
  }
  // The reference itself, on a literal: "2\r\n0 \x80" sets these bits.
  const unsigned char lit[64] = {'2', '\r', '\n', '0', ' ', 0x80};
  const block_masks r = ftpreply::detail::classify_bytewise(lit);
  EXPECT_EQ(r.digit, 0b1001u);
  EXPECT_EQ(r.cr, 0b10u);
  EXPECT_EQ(r.lf, 0b100u);
  EXPECT_EQ(r.space, 0b10000u);
  EXPECT_EQ(r.special, ~uint64_t{0} << 5);  // 0x80, then the zero bytes
}

TEST(Swar, RandomBlocks) {
  std::mt19937_64 rng(7);
  const unsigned char alphabet[] = {'0', '5', '9', '/', ':', ' ', '\r', '\n', 0, 0x7F, 0x80, 0xFF, 'a'};
  unsigned char block[64];
  for (int round = 0; round < 20000; ++round) {
    for (unsigned char& c : block)
      c = round & 1 ? static_cast<unsigned char>(rng())
                    : alphabet[rng() % sizeof alphabet];
    expect_same(block);
  }
}

}  // namespace
