// SPDX-License-Identifier: Apache-2.0
// Declared losses (kernel/SPEC.md rule 11): the vectors of
// tests/conformance/gaps.tsv on every kernel, whole, cut at every byte and
// with every gap split into smaller ones; the span and offsets of a gap
// event; reply_reader::gap; and a property whose oracle is the reference
// model run on the stream before and after the gap apart.
#include <random>

#include "gtest/gtest.h"
#include "ftpreply/reader.h"
#include "harness.h"
#include "kernel_param.h"
#include "random_streams.h"
#include "rapidcheck/gtest.h"
#include "reference.h"
#include "vectors.h"

namespace ftpreply_test {
namespace {

struct gap_case {
  std::string id;
  std::vector<segment> segments;
  std::string expected[3];
};

// "a{{gap 5}}b" as the segments {"a", 5}, {"b", 0}.
bool parse_segments(const std::string& cell, std::vector<segment>* out) {
  out->clear();
  size_t from = 0;
  for (;;) {
    const size_t at = cell.find("{{gap ", from);
    segment s;
    if (!decode_cell(cell.substr(from, at == std::string::npos ? std::string::npos : at - from),
                     &s.bytes))
      return false;
    if (at == std::string::npos) {
      out->push_back(s);
      return true;
    }
    const size_t close = cell.find("}}", at);
    if (close == std::string::npos) return false;
    s.lost = std::stoull(cell.substr(at + 6, close - at - 6));
    out->push_back(s);
    from = close + 2;
  }
}

std::vector<gap_case> load_gap_vectors() {
  std::vector<row> rows;
  const std::string path = conformance_dir() + "/gaps.tsv";
  if (!read_tsv(path, &rows)) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::vector<gap_case> out;
  for (row& r : rows) {
    gap_case c;
    c.id = r["id"];
    EXPECT_TRUE(parse_segments(r["stream"], &c.segments)) << c.id;
    c.expected[0] = r["strict"];
    c.expected[1] = r["lenient"];
    c.expected[2] = r["lenient_any_code"].empty() ? r["lenient"] : r["lenient_any_code"];
    out.push_back(c);
  }
  return out;
}

std::vector<ftpreply::options> three_modes() {
  ftpreply::options any = ftpreply::options::lenient();
  any.any_code_terminates = true;
  return {ftpreply::options::strict_rfc959(), ftpreply::options::lenient(), any};
}

// Segment i cut at byte j: the first part loses nothing.
std::vector<segment> cut_segment(const std::vector<segment>& s, size_t i, size_t j) {
  std::vector<segment> out(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(i));
  out.push_back(segment{s[i].bytes.substr(0, j), 0});
  out.push_back(segment{s[i].bytes.substr(j), s[i].lost});
  out.insert(out.end(), s.begin() + static_cast<std::ptrdiff_t>(i) + 1, s.end());
  return out;
}

// Every gap of n bytes declared as `parts` gaps (the last takes the rest).
std::vector<segment> split_gaps(const std::vector<segment>& s, uint64_t parts) {
  std::vector<segment> out;
  for (const segment& x : s) {
    if (x.lost < 2) {
      out.push_back(x);
      continue;
    }
    const uint64_t k = std::min<uint64_t>(parts, x.lost);
    out.push_back(segment{x.bytes, 1});
    for (uint64_t j = 1; j + 1 < k; ++j) out.push_back(segment{"", 1});
    out.push_back(segment{"", x.lost - (k - 1)});
  }
  return out;
}

TEST(GapVectors, AreReadAsData) {
  const std::vector<gap_case> v = load_gap_vectors();
  EXPECT_GE(v.size(), 15u);
  size_t gaps = 0;
  for (const gap_case& c : v)
    for (const segment& s : c.segments) gaps += s.lost > 0;
  EXPECT_GE(gaps, v.size());
}

class Gaps : public ::testing::TestWithParam<ftpreply::kernel> {};

TEST_P(Gaps, VectorsEveryCutAndEverySplitOfTheGap) {
  const ftpreply::kernel k = GetParam();
  const std::vector<ftpreply::options> modes = three_modes();
  const char* columns[] = {"strict", "lenient", "lenient_any_code"};
  for (const gap_case& c : load_gap_vectors()) {
    for (int m = 0; m < 3; ++m) {
      SCOPED_TRACE(c.id + " " + columns[m]);
      const run_result whole = scan_segments(modes[m], k, c.segments);
      ASSERT_EQ(whole.violation, "");
      EXPECT_EQ(notation(whole.events), c.expected[m]) << describe(whole.events);
      EXPECT_EQ(whole.events, scan_segments(modes[m], ftpreply::kernel::scalar, c.segments).events);
      for (size_t i = 0; i < c.segments.size(); ++i) {
        const size_t n = c.segments[i].bytes.size();
        for (size_t j = 0; j <= n; j += n > 600 ? 97 : 1) {
          const run_result r = scan_segments(modes[m], k, cut_segment(c.segments, i, j), 1);
          ASSERT_EQ(r.violation, "") << "segment " << i << " cut at " << j;
          ASSERT_EQ(r.events, whole.events) << "segment " << i << " cut at " << j;
        }
      }
      for (uint64_t parts : {2, 3, 64}) {
        const run_result r = scan_segments(modes[m], k, split_gaps(c.segments, parts), 2);
        ASSERT_EQ(r.violation, "");
        EXPECT_EQ(r.events, whole.events) << "gaps split in " << parts;
      }
    }
  }
}

FTPREPLY_INSTANTIATE_FOR_KERNELS(Gaps);

TEST(Gaps, SpanAndOffsetsOfAGapInsideABlock) {
  // 230-A\r\n230-B | 4 lost | C\r\n 230 D\r\n
  const std::vector<segment> s = {{"230-A\r\n230-B", 4}, {"C\r\n230 D\r\n", 0}};
  for (ftpreply::kernel k : supported_kernels()) {
    const run_result r = scan_segments(ftpreply::options::lenient(), k, s);
    ASSERT_EQ(r.violation, "");
    ASSERT_EQ(r.events.size(), 2u) << describe(r.events);
    EXPECT_EQ(r.events[0].err, ftpreply::error::gap);
    EXPECT_EQ(r.events[0].start, 0u);    // the block's first byte
    EXPECT_EQ(r.events[0].offset, 12u);  // the first lost byte
    EXPECT_EQ(r.events[0].length, 12u + 4 + 3);  // through "C\r\n"
    EXPECT_EQ(r.events[1].offset, 19u);
    EXPECT_EQ(r.events[1].bytes, "230 D\r\n");
    EXPECT_EQ(r.events[1].flags, ftpreply::flags::after_gap);
  }
}

TEST(Gaps, ZeroBytesLostIsAScan) {
  ftpreply::scanner s;
  ftpreply::event ev[4];
  const ftpreply::scan_result r = s.gap("220 a\r\n230", 10, 0, ev, 4);
  EXPECT_EQ(r.events, 1u);
  EXPECT_EQ(r.consumed, 7u);  // "230" stays with the caller, as scan() leaves it
  EXPECT_EQ(s.position(), 7u);
}

TEST(Gaps, OutputFullDefersTheLoss) {
  ftpreply::scanner s;
  ftpreply::event ev[1];
  const std::string in = "220 a\r\n230 b\r\n226 c";
  ftpreply::scan_result r = s.gap(in.data(), in.size(), 10, ev, 1);
  EXPECT_TRUE(r.output_full);
  EXPECT_EQ(s.position(), 7u);  // nothing declared yet
  size_t used = r.consumed;
  r = s.gap(in.data() + used, in.size() - used, 10, ev, 1);
  EXPECT_FALSE(r.output_full);
  used += r.consumed;
  EXPECT_EQ(used, in.size());
  EXPECT_EQ(s.position(), in.size() + 10);
  r = s.finish("x\r\n331 d\r\n", 10, ev, 1);  // the gap's event takes the slot
  EXPECT_TRUE(r.output_full);
  EXPECT_EQ(ev[0].err(), ftpreply::error::gap);
  EXPECT_EQ(ev[0].start(), 14u);
  EXPECT_EQ(ev[0].offset(), in.size());
  EXPECT_EQ(ev[0].length(), 5u + 10 + 3);
}

TEST(Gaps, ReaderDeclaresALoss) {
  for (ftpreply::kernel k : supported_kernels()) {
    ftpreply::reply_reader reader(ftpreply::options::lenient(), k);
    std::vector<recorded> got;
    auto drain = [&] {
      ftpreply::event e;
      while (reader.next(e)) got.push_back(record(e));
    };
    ASSERT_EQ(reader.feed("220 a\r\n230-b\r\n", 14), ftpreply::error::ok);
    drain();
    ASSERT_EQ(reader.gap(100), ftpreply::error::ok);
    EXPECT_EQ(reader.gap(1), ftpreply::error::invalid_argument);  // events not taken yet
    drain();
    ASSERT_EQ(reader.gap(1), ftpreply::error::ok);  // extends the same span
    drain();
    ASSERT_EQ(reader.feed("lost\r\n230 c\r\n", 13), ftpreply::error::ok);
    drain();
    ASSERT_EQ(reader.finish(), ftpreply::error::ok);
    drain();
    ASSERT_EQ(notation(got), "220(1) !gap 230(1)[after_gap]") << describe(got);
    EXPECT_EQ(got[1].start, 7u);
    EXPECT_EQ(got[1].offset, 14u);
    EXPECT_EQ(got[1].length, 7u + 101 + 6);
    EXPECT_EQ(got[2].offset, 14u + 101 + 6);
  }
}

// The oracle: a stream A of whole replies, `lost` bytes, a line J the gap
// cut, then C, which starts with a reply. The events are the reference's on
// A, one gap spanning the lost bytes and J, then the reference's on C
// moved past them, its first reply flagged, whatever the kernel and cuts.
RC_GTEST_PROP(GapProperties, GapEqualsTheStreamsEitherSideOfIt, ()) {
  std::mt19937_64 rng(*rc::gen::arbitrary<uint64_t>());
  const ftpreply::options opt = random_options(rng);
  const std::string a = clean_stream(rng, rng() % 600);
  const std::vector<recorded> before = reference_scan(a, opt);
  for (const recorded& e : before)
    RC_PRE(e.err != ftpreply::error::unterminated && e.err != ftpreply::error::truncated);
  std::string j = clean_stream(rng, rng() % 80);
  for (char& ch : j)
    if (ch == '\n') ch = 'x';
  j += "\n";
  const std::string c = "226 resumed\r\n" + clean_stream(rng, rng() % 600);
  const uint64_t lost = 1 + rng() % 5000;

  std::vector<recorded> expected = before;
  recorded g;
  g.err = ftpreply::error::gap;
  g.offset = g.start = a.size();
  g.length = lost + j.size();
  expected.push_back(g);
  const uint64_t shift = a.size() + lost + j.size();
  bool flagged = false;
  for (recorded e : reference_scan(c, opt)) {
    e.offset += shift;
    e.start += shift;
    if (e.err == ftpreply::error::ok && !flagged) {
      e.flags |= ftpreply::flags::after_gap;
      flagged = true;
    }
    expected.push_back(e);
  }

  // The bytes cut at random, and the loss declared in one to three pieces.
  const std::string after = j + c;
  std::vector<segment> segs;
  const std::vector<size_t> ca = random_cuts(rng, a.size());
  const std::vector<std::string> pa = cut_at(a, ca);
  for (const std::string& p : pa) segs.push_back(segment{p, 0});
  const uint64_t first = 1 + rng() % lost;
  segs.back().lost = first;
  if (first < lost) segs.push_back(segment{"", lost - first});
  for (const std::string& p : cut_at(after, random_cuts(rng, after.size())))
    segs.push_back(segment{p, 0});
  for (ftpreply::kernel k : supported_kernels()) {
    const run_result r = scan_segments(opt, k, segs, 1 + rng() % 8);
    RC_ASSERT(r.violation.empty());
    RC_ASSERT(r.events == expected);
  }
}

}  // namespace
}  // namespace ftpreply_test
