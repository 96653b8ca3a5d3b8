// SPDX-License-Identifier: Apache-2.0
// The synthetic mixes: deterministic by seed, and for every mix but
// hostile, exactly the replies the generator says, with no error.
#include <set>

#include "gtest/gtest.h"
#include "harness.h"
#include "synth.h"

namespace {

// FNV-1a: a portable fingerprint of a stream.
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

TEST(Synth, SameSeedSameBytesOtherSeedOtherBytes) {
  for (ftpreply_synth::mix m : ftpreply_synth::all_mixes) {
    const std::string a = ftpreply_synth::generate(m, 1, 0, 200000);
    EXPECT_EQ(a, ftpreply_synth::generate(m, 1, 0, 200000)) << ftpreply_synth::to_string(m);
    EXPECT_NE(a, ftpreply_synth::generate(m, 2, 0, 200000)) << ftpreply_synth::to_string(m);
  }
}

// The streams are pinned: they must not depend on the compiler or platform
// (the order of random draws once did), and a change to the generator
// changes every benchmark's input, which a reviewer should see here.
TEST(Synth, StreamsArePinned) {
  EXPECT_EQ(fnv1a(ftpreply_synth::generate(ftpreply_synth::mix::session, 7, 0, 1 << 20)),
            0xbb30e783852a909eull) << "session";
}

TEST(Synth, ScannerFindsExactlyTheGeneratedReplies) {
  for (ftpreply_synth::mix m : {ftpreply_synth::mix::session, ftpreply_synth::mix::short_replies,
                                ftpreply_synth::mix::multiline}) {
    uint64_t replies = 0;
    const std::string s = ftpreply_synth::generate(m, 3, 5000, 0, &replies);
    EXPECT_GE(replies, 5000u);
    uint64_t got = 0, errors = 0, multi = 0;
    ftpreply::scanner sc;
    errors = ftpreply::scan_all(sc, s.data(), s.size(), [&](const ftpreply::event& e) {
      got += e.is_reply();
      multi += e.line_count() > 1;
    });
    EXPECT_EQ(got, replies) << ftpreply_synth::to_string(m);
    EXPECT_EQ(errors, 0u) << ftpreply_synth::to_string(m);
    if (m == ftpreply_synth::mix::session) {
      // About 10-15% multi-line, as real sessions.
      EXPECT_GT(multi * 100, got * 8);
      EXPECT_LT(multi * 100, got * 18);
    }
    if (m == ftpreply_synth::mix::multiline) {
      EXPECT_EQ(multi, got);
    }
  }
}

// Found by the full benchmark run: a multiline continuation line "213 bytes
// in ..." ended a 213 block early whenever the random byte count was the
// block's code. No continuation line may read as the terminator.
TEST(Synth, MultilineContinuationNeverReadsAsTheTerminator) {
  ftpreply_synth::generator g(ftpreply_synth::mix::multiline, 11);
  std::string unit;
  for (int i = 0; i < 40000; ++i) {
    unit.clear();
    g.next(&unit);
    const std::string head = unit.substr(0, 3) + " ";
    size_t pos = unit.find('\n') + 1;
    const size_t last = unit.rfind('\n', unit.size() - 2) + 1;
    for (; pos < last; pos = unit.find('\n', pos) + 1)
      ASSERT_NE(unit.compare(pos, 4, head), 0) << "unit " << i << ": " << unit.substr(pos, 40);
  }
}

TEST(Synth, HostileHasErrorsOfManyKinds) {
  const std::string s = ftpreply_synth::generate(ftpreply_synth::mix::hostile, 5, 0, 8 << 20);
  ftpreply::scanner sc;
  std::set<ftpreply::error> kinds;
  ftpreply::scan_all(sc, s.data(), s.size(), [&](const ftpreply::event& e) {
    if (!e.is_reply()) kinds.insert(e.err());
  });
  for (ftpreply::error e : {ftpreply::error::line_too_long, ftpreply::error::reply_too_long,
                            ftpreply::error::bad_code, ftpreply::error::bad_separator})
    EXPECT_TRUE(kinds.count(e)) << ftpreply::to_string(e);
}

TEST(Synth, MixNames) {
  for (ftpreply_synth::mix m : ftpreply_synth::all_mixes) {
    ftpreply_synth::mix back;
    ASSERT_TRUE(ftpreply_synth::mix_from_string(ftpreply_synth::to_string(m), &back));
    EXPECT_EQ(back, m);
  }
  ftpreply_synth::mix m;
  EXPECT_FALSE(ftpreply_synth::mix_from_string("long", &m));
}

}  // namespace
