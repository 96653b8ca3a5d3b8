// SPDX-License-Identifier: Apache-2.0
// The scalar kernel's SWAR masks against the byte-at-a-time reference: the
// dense ones equal it, and the ones it scans with (the CR mask made before
// line ends alone when a window has few lines) agree with it where the
// walker reads them. Every byte value at every position of a block, then random
// blocks, dense in line ends and sparse.
#include <cstring>
#include <random>

#include "gtest/gtest.h"
#include "internal.h"

namespace {

using ftpreply::detail::block_masks;

void expect_same(const unsigned char* block) {
  const block_masks a = ftpreply::detail::classify_swar_dense(block);
  const block_masks b = ftpreply::detail::classify_bytewise(block);
  EXPECT_EQ(a.lf, b.lf);
  EXPECT_EQ(a.cr, b.cr);
  EXPECT_EQ(a.special, b.special);
  EXPECT_TRUE(ftpreply::detail::masks_agree(ftpreply::detail::classify_swar(block), b));
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
  EXPECT_EQ(r.cr, 0b10u);
  EXPECT_EQ(r.lf, 0b100u);
  EXPECT_EQ(r.special, ~uint64_t{0} << 5);  // 0x80, then the zero bytes
}

// The contract itself: a mask wrong where the walker reads it (the byte
// before an LF, the last byte; lf and special anywhere) disagrees, one
// wrong elsewhere does not.
TEST(Swar, AgreementIsWhereTheWalkerReads) {
  unsigned char block[64];
  std::memset(block, 'a', sizeof block);
  std::memcpy(block + 20, "x\r\n220 ok", 10);  // LF at 22, head "220 " at 23
  const block_masks exact = ftpreply::detail::classify_bytewise(block);
  block_masks m = exact;
  EXPECT_TRUE(ftpreply::detail::masks_agree(m, exact));
  m.cr ^= uint64_t{1} << 50 | uint64_t{1} << 20;
  EXPECT_TRUE(ftpreply::detail::masks_agree(m, exact));
  for (unsigned bit : {21u, 63u}) {  // before the LF, the last byte
    m = exact;
    m.cr ^= uint64_t{1} << bit;
    EXPECT_FALSE(ftpreply::detail::masks_agree(m, exact)) << bit;
  }
  m = exact;
  m.special ^= uint64_t{1} << 40;
  EXPECT_FALSE(ftpreply::detail::masks_agree(m, exact));
  m = exact;
  m.lf ^= uint64_t{1} << 40;
  EXPECT_FALSE(ftpreply::detail::masks_agree(m, exact));
}

// Text with a few reply lines, as servers send it: the sparse path, with
// CRs here and there and special bytes now and then.
TEST(Swar, TextWithFewLines) {
  std::mt19937_64 rng(11);
  const char* heads[] = {"220 ", "211-", "21", "2", "\r", " 1a", "999\r", "0 \r"};
  unsigned char block[64];
  for (int round = 0; round < 20000; ++round) {
    for (unsigned char& c : block) c = static_cast<unsigned char>('a' + rng() % 26);
    const int lines = static_cast<int>(rng() % 10);
    for (int l = 0; l < lines; ++l) {
      const size_t at = rng() % 64;
      block[at] = '\n';
      if (at > 0 && rng() % 2) block[at - 1] = '\r';
      const char* h = heads[rng() % 8];
      for (size_t k = 0; h[k] && at + 1 + k < 64; ++k) block[at + 1 + k] = static_cast<unsigned char>(h[k]);
    }
    if (rng() % 4 == 0) block[rng() % 64] = rng() % 2 ? 0x00 : 0xC3;
    block[63] = rng() % 3 == 0 ? '\r' : block[63];
    const block_masks exact = ftpreply::detail::classify_bytewise(block);
    ASSERT_TRUE(ftpreply::detail::masks_agree(ftpreply::detail::classify_swar(block), exact))
        << "round " << round;
  }
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
