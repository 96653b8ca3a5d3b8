// SPDX-License-Identifier: Apache-2.0
// The streaming contract: zero-copy views, output_full, resumption without
// rescanning, bounded memory past the limits, names and options.
#include <cstring>

#include "gtest/gtest.h"
#include "harness.h"
#include "kernel_param.h"
#include "reference.h"

namespace ftpreply_test {
namespace {

using ftpreply::error;

class Stream : public ::testing::TestWithParam<ftpreply::kernel> {};

TEST_P(Stream, RepliesViewTheCallersBuffer) {
  const std::string s = "220-Welcome\r\n to the server\r\n220 Ready\r\n331 Password\r\n";
  ftpreply::scanner sc(ftpreply::options::lenient(), GetParam());
  ftpreply::event ev[4];
  ftpreply::scan_result r = sc.finish(s.data(), s.size(), ev, 4);
  ASSERT_EQ(r.events, 2u);
  EXPECT_EQ(ev[0].data(), s.data());
  EXPECT_EQ(ev[0].first_line_text(), "Welcome");
  EXPECT_EQ(ev[0].first_line_text().data(), s.data() + 4);
  EXPECT_EQ(ev[0].kind(), ftpreply::reply_kind::completion);
  EXPECT_EQ(ev[0].group(), ftpreply::reply_group::connections);
  std::vector<std::string> lines;
  for (std::string_view l : ev[0].raw_lines()) {
    EXPECT_TRUE(l.data() >= s.data() && l.data() + l.size() <= s.data() + s.size());
    lines.emplace_back(l);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"220-Welcome", " to the server", "220 Ready"}));
  EXPECT_EQ(ev[1].data(), s.data() + ev[0].length());
  EXPECT_EQ(ev[1].first_line_text(), "Password");
  EXPECT_EQ(ev[1].kind(), ftpreply::reply_kind::intermediate);
}

TEST_P(Stream, OutputFullResumesWhereItStopped) {
  std::string s;
  for (int i = 0; i < 50; ++i) s += "200 ok\r\nbad\r\n";
  ftpreply::scanner sc(ftpreply::options::lenient(), GetParam());
  ftpreply::event ev[1];
  size_t total = 0, calls = 0, at = 0;
  for (;;) {
    ftpreply::scan_result r = sc.finish(s.data() + at, s.size() - at, ev, 1);
    ++calls;
    total += r.events;
    at += r.consumed;
    if (!r.output_full) break;
  }
  EXPECT_EQ(total, 100u);
  EXPECT_EQ(at, s.size());
  EXPECT_GE(calls, 100u);
  ftpreply::scanner sc2(ftpreply::options::lenient(), GetParam());
  ftpreply::scan_result zero = sc2.scan(s.data(), s.size(), ev, 0);
  EXPECT_TRUE(zero.output_full);
  EXPECT_EQ(zero.consumed, 0u);
}

// The output fills at every event of a window packed with the shortest
// replies (6 bytes: up to 11 end in one window), after a first reply of
// every length (so the packed lines fall at every offset in the windows),
// with short lines and blocks among them: each capacity gives the events a
// large one gives.
TEST_P(Stream, OutputFullsInDenseWindowsLoseNothing) {
  std::string packed;
  for (int i = 0; i < 12; ++i) {
    for (int k = 0; k < 11 + i % 5; ++k) packed += "200 \r\n";
    packed += i % 3 ? "x\r\n" : "211-a\r\n211 \r\n";
  }
  for (size_t first = 0; first < 64; ++first) {
    const std::string s = "220 " + std::string(first, 'a') + "\r\n" + packed;
    const run_result want = scan_pieces(ftpreply::options::lenient(), GetParam(), {s}, 4096);
    ASSERT_EQ(want.violation, "");
    ASSERT_EQ(want.events.size(), 166u);
    for (size_t capacity = 1; capacity <= 24; ++capacity) {
      const run_result got = scan_pieces(ftpreply::options::lenient(), GetParam(), {s}, capacity);
      ASSERT_EQ(got.violation, "") << "first reply " << first << ", capacity " << capacity;
      ASSERT_EQ(got.events, want.events) << "first reply " << first << ", capacity " << capacity;
    }
  }
}

// A long multi-line reply that arrives a line at a time is walked once: the
// bytes examined stay proportional to the reply, not to its square.
TEST_P(Stream, LongReplyInManyPiecesIsNotRescanned) {
  std::vector<std::string> pieces{"150-Listing\r\n"};
  size_t total = pieces[0].size();
  for (int i = 0; i < 15000; ++i) {
    pieces.push_back("-rw-r--r--   1 ftp ftp   12345 Nov 21 10:00 file" +
                     std::to_string(i) + ".txt\r\n");
    total += pieces.back().size();
  }
  pieces.push_back("150 End\r\n");
  total += pieces.back().size();
  ASSERT_LT(total, size_t{1} << 20);
  run_result r = scan_pieces(ftpreply::options::lenient(), GetParam(), pieces);
  ASSERT_EQ(r.violation, "");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].lines, 15002u);
  EXPECT_EQ(r.events[0].length, total);
  EXPECT_LT(r.examined, 4 * total) << "examined " << r.examined << " of " << total;
}

// A block of long lines arriving in pieces shorter than a line resumes
// where the last call stopped, not at its open line: each piece costs
// itself and a window, whatever the line length.
TEST_P(Stream, LongBlockLinesInSmallPiecesAreNotRescanned) {
  std::string s = "211-Status\r\n";
  for (int i = 0; i < 2000; ++i) s += " " + std::string(300, 'a' + i % 26) + "\r\n";
  s += "211 End\r\n";
  ASSERT_LT(s.size(), size_t{1} << 20);
  std::vector<size_t> cuts;
  for (size_t at = 50; at < s.size(); at += 50) cuts.push_back(at);
  run_result r = scan_pieces(ftpreply::options::lenient(), GetParam(), cut_at(s, cuts));
  ASSERT_EQ(r.violation, "");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].length, s.size());
  // Re-walking each open line from its start examined 4.6 times the bytes
  // here; resuming, each 50-byte piece costs at most itself and the window
  // it ends in.
  EXPECT_LT(r.examined, 3 * s.size()) << "examined " << r.examined << " of " << s.size();
}

// A call that ends inside a terminator's head ("21" of "211 End") has not
// seen whether the line ends the block: the next call reads that head
// again, however far the block was taken in bulk before it, and wherever
// the block starts relative to the windows (the next call's windows count
// from the block's start).
TEST_P(Stream, TerminatorHeadCutAfterBulkBlockIsReadAgain) {
  const std::string end = "211 End\r\n220 Next\r\n";
  for (size_t pad = 0; pad < 64 * 64; ++pad) {
    const std::string before = "200 " + std::string(pad % 64, 'x') + "\r\n";
    std::string body = "211-Status\r\n";
    for (int i = 0; i < 12; ++i) body += " line of status text\r\n";
    body += " " + std::string(pad / 64, 'y') + "\r\n";
    for (size_t keep = 0; keep <= 4; ++keep) {
      const std::vector<std::string> pieces{before + body + end.substr(0, keep), end.substr(keep)};
      run_result r = scan_pieces(ftpreply::options::lenient(), GetParam(), pieces);
      ASSERT_EQ(r.violation, "") << pad << " " << keep;
      ASSERT_EQ(r.events.size(), 3u) << pad << " " << keep << ": " << describe(r.events);
      EXPECT_EQ(r.events[1].length, body.size() + 9) << pad << " " << keep;
      EXPECT_EQ(r.events[2].code, 220) << pad << " " << keep;
    }
  }
}

// An endless line is consumed as it arrives: the caller never holds more
// than a line's worth, and one error reports it at its end.
TEST_P(Stream, EndlessLineIsSkippedInBoundedMemory) {
  ftpreply::scanner sc(ftpreply::options::lenient(), GetParam());
  ftpreply::event ev[4];
  std::string pending;
  size_t max_pending = 0;
  std::vector<recorded> events;
  const std::string piece(1000, 'x');
  pending = "220 ";
  for (int i = 0; i < 1000; ++i) {
    pending += piece;
    max_pending = std::max(max_pending, pending.size());
    ftpreply::scan_result r = sc.scan(pending.data(), pending.size(), ev, 4);
    for (size_t k = 0; k < r.events; ++k) events.push_back(record(ev[k]));
    pending.erase(0, r.consumed);
  }
  pending += "\r\n221 Bye\r\n";
  ftpreply::scan_result r = sc.finish(pending.data(), pending.size(), ev, 4);
  for (size_t k = 0; k < r.events; ++k) events.push_back(record(ev[k]));
  EXPECT_LE(max_pending, 16384u + 1000u);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].err, error::line_too_long);
  EXPECT_EQ(events[0].offset, 0u);
  EXPECT_EQ(events[0].length, 4u + 1000u * 1000u + 2u);
  EXPECT_EQ(events[1].code, 221);
  EXPECT_EQ(events[1].offset, events[0].length);
}

// An endless multi-line reply hits the reply limit; the block is abandoned
// and its bytes are covered by the error's span.
TEST_P(Stream, EndlessBlockHitsTheReplyLimit) {
  ftpreply::options opt = ftpreply::options::lenient();
  opt.max_line = 1000;  // max_reply below max_line would be raised to it
  opt.max_reply = 10000;
  std::vector<std::string> pieces{"211-Status\r\n"};
  for (int i = 0; i < 700; ++i) pieces.push_back(" line of status text\r\n");
  run_result r = scan_pieces(opt, GetParam(), pieces);
  ASSERT_EQ(r.violation, "");
  ASSERT_GE(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].err, error::reply_too_long);
  EXPECT_EQ(r.events[0].start, 0u);
  EXPECT_GT(r.events[0].offset, 0u);
  EXPECT_GT(r.events[0].start + r.events[0].length, 10000u);
  std::string whole;
  for (const std::string& p : pieces) whole += p;
  EXPECT_EQ(r.events, reference_scan(whole, opt));
}

// Lines that may end a block are checked whole even when they straddle a
// 64-byte window: the terminator at every offset around two boundaries, with
// and without continuation text that starts with digits.
TEST_P(Stream, TerminatorAtEveryWindowOffset) {
  for (size_t pad = 0; pad < 140; ++pad) {
    for (const char* middle : {"", "230-x\r\n", "231 not the end\r\n"}) {
      const std::string s = "230-open\r\n" + std::string(pad, 'a') + "\r\n" + middle +
                            "230 the last line of the reply\r\n220 next\r\n";
      for (ftpreply::options opt : {ftpreply::options::lenient(),
                                    ftpreply::options::strict_rfc959()}) {
        run_result r = scan_pieces(opt, GetParam(), {s});
        ASSERT_EQ(r.events, reference_scan(s, opt)) << "pad " << pad << " " << middle;
        ASSERT_EQ(notation(r.events), std::string(*middle ? "230(4)" : "230(3)") + " 220(1)")
            << "pad " << pad;
      }
    }
  }
}

// Found by fuzz_differential (UBSan: shift by 64): a block line whose LF is
// the last byte of a 64-byte window leaves the next line starting exactly at
// the window's end.
TEST_P(Stream, BlockLineEndingAtWindowEnd) {
  for (size_t first = 4; first < 200; ++first) {
    const std::string s = "211-" + std::string(first, 'x') + "\r\n" +
                          std::string(64 - 2, 'y') + "\r\n" + "211 end\r\n";
    run_result r = scan_pieces(ftpreply::options::lenient(), GetParam(), {s});
    ASSERT_EQ(notation(r.events), "211(3)") << first;
    ASSERT_EQ(r.events, reference_scan(s, ftpreply::options::lenient())) << first;
  }
}

TEST_P(Stream, TooManyLines) {
  ftpreply::options opt = ftpreply::options::lenient();
  opt.max_lines = 3;
  const std::string s = "230-a\r\nb\r\nc\r\n230 d\r\n";
  run_result r = scan_pieces(opt, GetParam(), {s});
  ASSERT_EQ(notation(r.events), "!too_many_lines");
  EXPECT_EQ(r.events[0].offset, 13u);
  EXPECT_EQ(r.events[0].start, 0u);
  EXPECT_EQ(r.events[0].length, s.size());
  opt.max_lines = 4;
  EXPECT_EQ(notation(scan_pieces(opt, GetParam(), {s}).events), "230(4)");
}

TEST_P(Stream, PositionContinuesAcrossStreamsAndResets) {
  ftpreply::scanner sc(ftpreply::options::lenient(), GetParam());
  ftpreply::event ev[4];
  const std::string s = "200 ok\r\n";
  ftpreply::scan_result r = sc.finish(s.data(), s.size(), ev, 4);
  ASSERT_EQ(r.events, 1u);
  EXPECT_EQ(sc.position(), s.size());
  r = sc.finish(s.data(), s.size(), ev, 4);
  EXPECT_EQ(ev[0].offset(), s.size());
  sc.reset();
  EXPECT_EQ(sc.position(), 0u);
  EXPECT_EQ(sc.active_kernel(), GetParam());
}

FTPREPLY_INSTANTIATE_FOR_KERNELS(Stream);

TEST(Scanner, UnsupportedKernelFallsBackToScalar) {
  for (ftpreply::kernel k : ftpreply::all_kernels) {
    ftpreply::scanner sc(ftpreply::options::lenient(), k);
    EXPECT_EQ(sc.active_kernel(),
              ftpreply::kernel_supported(k) ? k : ftpreply::kernel::scalar);
  }
  ftpreply::scanner best;
  EXPECT_EQ(best.active_kernel(), ftpreply::best_kernel());
}

TEST(Scanner, OptionsAreNormalized) {
  ftpreply::options o;
  o.max_line = 1;
  o.max_reply = 2;
  o.max_lines = 0;
  ftpreply::options n = o.normalized();
  EXPECT_EQ(n.max_line, 8u);
  EXPECT_EQ(n.max_reply, 8u);
  EXPECT_EQ(n.max_lines, 1u);
  ftpreply::scanner sc(o);
  EXPECT_EQ(sc.active_options().max_line, 8u);
}

TEST(Names, ErrorsKernelsAndFlagsRoundTrip) {
  for (int i = 0; i < ftpreply::error_count; ++i) {
    error e = static_cast<error>(i), back;
    ASSERT_TRUE(ftpreply::error_from_string(ftpreply::to_string(e), &back));
    EXPECT_EQ(back, e);
  }
  error e;
  EXPECT_FALSE(ftpreply::error_from_string("nope", &e));
  for (ftpreply::kernel k : ftpreply::all_kernels) {
    ftpreply::kernel back;
    ASSERT_TRUE(ftpreply::kernel_from_string(ftpreply::to_string(k), &back));
    EXPECT_EQ(back, k);
  }
  ftpreply::kernel k;
  EXPECT_TRUE(ftpreply::kernel_from_string("auto", &k));
  EXPECT_EQ(k, ftpreply::kernel::automatic);
  EXPECT_FALSE(ftpreply::kernel_from_string("avx", &k));
  for (int b = 0; b < ftpreply::flags::count; ++b)
    EXPECT_NE(ftpreply::flag_name(static_cast<uint16_t>(1u << b)), nullptr);
  EXPECT_EQ(ftpreply::flag_name(3), nullptr);
}

}  // namespace
}  // namespace ftpreply_test
