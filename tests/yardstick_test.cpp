// SPDX-License-Identifier: Apache-2.0
// The benchmark's yardsticks do the work they are named for: a yardstick
// that skipped lines would flatter or shame every kernel measured against it.
#include <chrono>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "measure.h"
#include "synth.h"

namespace {

uint64_t count_lf(const std::string& s) {
  uint64_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// Each generated mix, cut to lengths that end anywhere in a window.
std::vector<std::string> streams() {
  std::vector<std::string> out;
  for (ftpreply_synth::mix m : ftpreply_synth::all_mixes) {
    const std::string s = ftpreply_synth::generate(m, 11, 0, 20000);
    for (size_t cut : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, size_t{65}, s.size() / 2,
                       s.size()})
      out.push_back(s.substr(0, cut));
  }
  return out;
}

TEST(Yardstick, EveryLfVisitLoopVisitsEveryLineEnd) {
  for (const std::string& s : streams()) {
    const uint64_t want = count_lf(s);
    EXPECT_EQ(ftpreply_bench::lf_visit_reference(s.data(), s.size()), want);
    EXPECT_EQ(ftpreply_bench::newline_count(s.data(), s.size()), want);
    for (const ftpreply_bench::named_loop& l : ftpreply_bench::lf_visit_loops())
      EXPECT_EQ(l.fn(s.data(), s.size()), want) << l.name << " on " << s.size() << " bytes";
  }
}

// The bare and the checked tokenizer, each loop of both.
TEST(Yardstick, TokenizersFindTheGeneratedReplies) {
  for (const auto* loops : {&ftpreply_bench::bare_tokenizer_loops(),
                            &ftpreply_bench::checked_tokenizer_loops()}) {
    ASSERT_FALSE(loops->empty());
    for (ftpreply_synth::mix m : {ftpreply_synth::mix::session,
                                  ftpreply_synth::mix::short_replies,
                                  ftpreply_synth::mix::multiline}) {
      uint64_t replies = 0;
      // 3001 replies or more: the stream's length is no multiple of 64.
      const std::string s = ftpreply_synth::generate(m, 5, 3001, 0, &replies);
      for (const ftpreply_bench::named_loop& l : *loops)
        EXPECT_EQ(l.fn(s.data(), s.size()), replies)
            << l.name << " on " << ftpreply_synth::to_string(m);
    }
  }
}

// Calls the loop from a frame `depth` bytes further down the stack.
__attribute__((noinline)) uint64_t call_deeper(const ftpreply_bench::named_loop& l,
                                               const std::string& s, size_t depth) {
  volatile char* pad = static_cast<volatile char*>(__builtin_alloca(depth + 1));
  pad[0] = 0;
  return l.fn(s.data(), s.size()) + static_cast<uint64_t>(pad[0]);
}

// The two-stage loops keep their index on the stack, and move it when it
// would start just before the input's page offset (its stores and loads
// alias there): wherever the stack puts it, every loop counts the same.
TEST(Yardstick, TokenizersCountTheSameWhereverTheStackIs) {
  uint64_t replies = 0;
  const std::string s = ftpreply_synth::generate(ftpreply_synth::mix::session, 9, 600, 0, &replies);
  for (const auto* loops : {&ftpreply_bench::bare_tokenizer_loops(),
                            &ftpreply_bench::checked_tokenizer_loops()})
    for (const ftpreply_bench::named_loop& l : *loops)
      for (size_t depth = 0; depth < 4096; depth += 32)
        ASSERT_EQ(call_deeper(l, s, depth), replies) << l.name << ", " << depth << " bytes deeper";
}

// The common case only: a line without CR LF or a head is skipped, a block
// ends at its own code followed by a space, a line "ddd-" inside it is text.
TEST(Yardstick, BareTokenizerTakesOnlyTheCommonCase) {
  struct example {
    const char* text;
    uint64_t replies;
  };
  const example examples[] = {
      {"200 ok\r\n", 1},
      {"200 ok\n", 0},                                    // bare LF
      {"20x ok\r\n200 ok\r\n", 1},                        // no code
      {"200\r\n", 0},                                     // no separator
      {"211-a\r\n226 quoted\r\n211-still\r\n211 end\r\n", 1},
      {"211-a\r\n 211 indented\r\n211 end\r\n250 next\r\n", 2},
      {"211-never closed\r\n211-\r\n", 0},
  };
  for (const example& e : examples) {
    // Placed at every offset of a window, so a line crosses its edge.
    for (size_t pad = 0; pad < 64; ++pad) {
      const std::string s = std::string(pad, 'x') + "\r\n" + e.text;
      for (const ftpreply_bench::named_loop& l : ftpreply_bench::bare_tokenizer_loops())
        EXPECT_EQ(l.fn(s.data(), s.size()), e.replies) << l.name << " on " << e.text;
    }
  }
}

// The bare tokenizer's common case, and the checks: a line over the line
// limit is no reply, and a reply holding a NUL or high byte (in any of its
// lines, wherever the windows cut them) is flagged; no other is.
TEST(Yardstick, CheckedTokenizerChecksLimitAndBytes) {
  struct example {
    std::string text;
    uint64_t replies;
    bool last_flagged;  // the last reply's flag
  };
  const size_t max_line = ftpreply::options::lenient().max_line;
  const example examples[] = {
      {"200 ok\r\n", 1, false},
      {"200 ok\n", 0, false},
      {"211-a\r\n226 quoted\r\n211 end\r\n", 1, false},
      {"200 " + std::string(max_line - 6, 'a') + "\r\n", 1, false},  // at the limit
      {"200 " + std::string(max_line - 5, 'a') + "\r\n", 0, false},  // one over
      {std::string("200 \x80k\r\n"), 1, true},
      {std::string("200 o\xFF\r\n", 9), 1, true},
      {std::string("200 \0k\r\n", 8), 1, true},
      {std::string("200 \x80k\r\n250 ok\r\n"), 2, false},  // the first only
      {std::string("211-a\r\n \xC3\xA9\r\n211 end\r\n"), 1, true},
      {std::string("211-a\r\n\x80\r\n211 end\r\n"), 1, true},  // a line too short for a head
      {std::string("211-a\r\n211 end\r\n \x80\r\n250 ok\r\n"), 2, false},
      {"250 " + std::string(100, 'a') + "\x80" + std::string(100, 'b') + "\r\n", 1, true},
  };
  for (const example& e : examples) {
    for (size_t pad = 0; pad < 64; ++pad) {
      const std::string s = std::string(pad, 'x') + "\r\n" + e.text;
      for (const ftpreply_bench::named_loop& l : ftpreply_bench::checked_tokenizer_loops()) {
        const uint64_t n = l.fn(s.data(), s.size());
        ASSERT_EQ(n, e.replies) << l.name << " at " << pad << " on " << e.text;
        if (n == 0) continue;
        const uint64_t packed = ftpreply_bench::g_bare_ring[(n - 1) % 256].packed;
        EXPECT_EQ(packed >> 56 != 0, e.last_flagged) << l.name << " at " << pad << " on " << e.text;
      }
    }
  }
}

// Every loop of each tokenizer finds the same replies, flags and all, on
// streams long enough to cross the two-stage loops' 4 KiB chunks, with NUL
// and high bytes, bare LFs, runs of empty lines (over 32 line ends in a
// window: the VBMI2 stage one's second store) and runs of lines without LF
// put in anywhere (a chunk with or without them, one carried from the chunk
// before, a chunk with few line ends).
TEST(Yardstick, TokenizerLoopsAgreeAcrossChunks) {
  std::mt19937 rng(7);
  for (const auto* loops : {&ftpreply_bench::bare_tokenizer_loops(),
                            &ftpreply_bench::checked_tokenizer_loops()}) {
    for (ftpreply_synth::mix m : ftpreply_synth::all_mixes) {
      for (unsigned seed = 1; seed <= 6; ++seed) {
        std::string s = ftpreply_synth::generate(m, seed, 0, 40000);
        for (unsigned k = 0; k < seed * 3; ++k) {
          const size_t at = rng() % s.size();
          switch (rng() % 5) {
            case 0: s[at] = static_cast<char>(0x80 | rng()); break;
            case 1: s[at] = '\0'; break;
            case 2: if (s[at] == '\r') s.erase(at, 1); break;  // a bare LF
            case 3: s.insert(at, 33 + rng() % 200, '\n'); break;  // windows of 33-64 LFs
            default: s.insert(at, 300 + rng() % 3000, 'B');     // few LFs
          }
        }
        std::vector<ftpreply_bench::bare_event> want;
        uint64_t want_n = 0;
        for (const ftpreply_bench::named_loop& l : *loops) {
          const uint64_t n = l.fn(s.data(), s.size());
          std::vector<ftpreply_bench::bare_event> ring(std::begin(ftpreply_bench::g_bare_ring),
                                                       std::end(ftpreply_bench::g_bare_ring));
          if (&l == &loops->front()) {
            want = ring;
            want_n = n;
            continue;
          }
          ASSERT_EQ(n, want_n) << l.name << " on " << ftpreply_synth::to_string(m) << " " << seed;
          for (uint64_t r = n > 256 ? n - 256 : 0; r < n; ++r) {
            const auto &a = ring[r % 256], &b = want[r % 256];
            ASSERT_TRUE(a.offset == b.offset && a.packed == b.packed)
                << l.name << " reply " << r << " on " << ftpreply_synth::to_string(m) << " "
                << seed;
          }
        }
      }
    }
  }
}

// The fastest loop in one stage: the loops without "two-stage" in their
// name, whichever wins the round (a loop that sleeps takes at least that).
uint64_t sleeps_5ms(const char*, size_t) {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return 0;
}
uint64_t returns(const char*, size_t) { return 0; }

TEST(Yardstick, TimeFastestKeepsTheFastestLoopInOneStage) {
  const char data[] = "200 ok\r\n";
  const auto round = [&](std::vector<ftpreply_bench::named_loop> loops) {
    return ftpreply_bench::time_fastest(loops, data, sizeof data - 1, 0);
  };
  const ftpreply_bench::fastest_round two = round({{"a/two-stage", &returns},
                                                   {"b/two-stage", &sleeps_5ms}});
  EXPECT_GT(two.best_seconds, 0);
  EXPECT_EQ(two.best_one_stage_seconds, 0);  // none in one stage

  const ftpreply_bench::fastest_round mixed = round({{"fast/two-stage", &returns},
                                                     {"slow", &sleeps_5ms}});
  EXPECT_GE(mixed.best_one_stage_seconds, 0.005);  // the sleeping loop's, the only one
  EXPECT_GE(mixed.best_one_stage_seconds, mixed.best_seconds);

  const ftpreply_bench::fastest_round one = round({{"slow", &sleeps_5ms}, {"fast", &returns}});
  EXPECT_EQ(one.best_one_stage_seconds, one.best_seconds);  // every loop in one stage
  EXPECT_LT(one.best_one_stage_seconds, one.total_seconds);
}

// The pieces the bare tokenizer is fed in: contiguous, none over the bound,
// each ended after its last LF (one without LF runs to the bound), and the
// sum over them what a loop finds piece by piece.
TEST(Yardstick, LinePiecesCoverTheInputEndingAtLineEnds) {
  std::string s = ftpreply_synth::generate(ftpreply_synth::mix::session, 5, 0, 30000);
  s.insert(5000, 4000, 'x');  // a stretch without LF, over the bound
  for (size_t most : {size_t{1}, size_t{64}, size_t{1460}, s.size(), s.size() + 1}) {
    const std::vector<ftpreply_bench::piece> pieces =
        ftpreply_bench::line_pieces(s.data(), s.size(), most);
    size_t at = 0;
    for (const ftpreply_bench::piece& p : pieces) {
      ASSERT_EQ(p.offset, at) << most;
      ASSERT_GT(p.size, 0u) << most;
      ASSERT_LE(p.size, most) << most;
      at += p.size;
      if (at == s.size()) break;
      const std::string_view rest(s.data() + at, std::min(most - p.size, s.size() - at));
      if (s[at - 1] == '\n')  // no LF in the bytes the piece could still have taken
        EXPECT_EQ(rest.find('\n'), std::string_view::npos) << most << " at " << at;
      else  // no LF in the piece: cut at the bound
        EXPECT_EQ(std::string_view(s.data() + p.offset, p.size).find('\n'),
                  std::string_view::npos) << most << " at " << at;
    }
    EXPECT_EQ(at, s.size()) << most;
    uint64_t want = 0;
    for (const ftpreply_bench::piece& p : pieces) want += count_lf(s.substr(p.offset, p.size));
    EXPECT_EQ(ftpreply_bench::run_pieces(
                  [](const char* d, size_t n) -> uint64_t {
                    return count_lf(std::string(d, n));
                  },
                  s.data(), pieces),
              want);
  }
}

}  // namespace
