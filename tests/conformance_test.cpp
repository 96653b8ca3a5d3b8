// SPDX-License-Identifier: Apache-2.0
// The framing vectors of tests/conformance/framing.tsv, read as data, in all
// three modes, on every kernel, whole and cut every way: at each byte
// position, one byte at a time, and at the vector's own cuts.
#include <algorithm>

#include <set>

#include "gtest/gtest.h"
#include "harness.h"
#include "kernel_param.h"
#include "reference.h"
#include "vectors.h"

namespace ftpreply_test {
namespace {

struct mode {
  const char* column;
  ftpreply::options opt;
};

std::vector<mode> modes() {
  ftpreply::options any = ftpreply::options::lenient();
  any.any_code_terminates = true;
  return {{"strict", ftpreply::options::strict_rfc959()},
          {"lenient", ftpreply::options::lenient()},
          {"lenient_any_code", any}};
}

// Flags inside brackets sorted, so "[telnet,non_ascii]" equals
// "[non_ascii,telnet]".
std::string normalize(const std::string& notation) {
  std::string out;
  for (const std::string& tok : split(notation, ' ')) {
    if (tok.empty()) continue;
    std::string t = tok;
    size_t b = t.find('[');
    if (b != std::string::npos && t.back() == ']') {
      std::vector<std::string> fl = split(t.substr(b + 1, t.size() - b - 2), ',');
      std::sort(fl.begin(), fl.end());
      t = t.substr(0, b + 1);
      for (size_t i = 0; i < fl.size(); ++i) t += (i ? "," : "") + fl[i];
      t += ']';
    }
    out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

// The cut positions tried: all of them for short streams; for long ones all
// near both ends and a spread in between (each try rescans the stream).
std::vector<size_t> cut_positions(size_t n) {
  std::vector<size_t> pos;
  for (size_t i = 1; i < n; ++i)
    if (n <= 4096 || i < 512 || i + 512 > n || i % 97 == 0) pos.push_back(i);
  return pos;
}

struct vector_case {
  std::string id, stream;
  std::vector<std::string> chunks;
  std::string expected[3];
  ftpreply::options limits;  // limits.tsv: the limits it sets
};

// The three modes with the limits of a vector.
std::vector<mode> modes_for(const vector_case& c) {
  std::vector<mode> ms = modes();
  for (mode& m : ms) {
    m.opt.max_line = c.limits.max_line;
    m.opt.max_reply = c.limits.max_reply;
    m.opt.max_lines = c.limits.max_lines;
  }
  return ms;
}

// framing.tsv (default limits), or limits.tsv (the limits in its columns).
std::vector<vector_case> load_vectors(const char* file = "framing.tsv") {
  std::vector<row> rows;
  const std::string path = conformance_dir() + "/" + file;
  if (!read_tsv(path, &rows)) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::vector<vector_case> out;
  for (row& r : rows) {
    vector_case c;
    c.id = r["id"];
    EXPECT_TRUE(decode_cell(r["stream"], &c.stream)) << c.id;
    if (!r["chunks"].empty()) {
      for (const std::string& piece : split(r["chunks"], '|')) {
        std::string d;
        EXPECT_TRUE(decode_cell(piece, &d)) << c.id;
        c.chunks.push_back(d);
      }
    }
    c.expected[0] = r["strict"];
    c.expected[1] = r["lenient"];
    c.expected[2] = r["lenient_any_code"].empty() ? r["lenient"] : r["lenient_any_code"];
    if (!r["max_line"].empty()) {
      c.limits.max_line = static_cast<uint32_t>(std::stoul(r["max_line"]));
      c.limits.max_reply = std::stoull(r["max_reply"]);
      c.limits.max_lines = static_cast<uint32_t>(std::stoul(r["max_lines"]));
    }
    out.push_back(c);
  }
  return out;
}

TEST(ConformanceVectors, AreReadAsData) {
  std::vector<vector_case> v = load_vectors();
  EXPECT_GE(v.size(), 40u);
  for (const vector_case& c : v) {
    std::string joined;
    for (const std::string& p : c.chunks) joined += p;
    if (!c.chunks.empty()) {
      EXPECT_EQ(joined, c.stream) << c.id << ": chunks differ from stream";
    }
  }
}

TEST(ConformanceVectors, LimitVectorsSitOnEveryLimit) {
  std::vector<vector_case> v = load_vectors("limits.tsv");
  EXPECT_GE(v.size(), 18u);
  // Each limit is met exactly by one vector and exceeded by one in another.
  std::set<std::string> seen;
  for (const vector_case& c : v)
    for (const std::string& e : c.expected) seen.insert(e);
  for (const char* e : {"!line_too_long", "!reply_too_long", "!too_many_lines"})
    EXPECT_TRUE(seen.count(e)) << e;
}

TEST(ConformanceVectors, ReferenceModelAgrees) {
  std::vector<vector_case> all = load_vectors();
  for (const vector_case& c : load_vectors("limits.tsv")) all.push_back(c);
  for (const vector_case& c : all) {
    std::vector<mode> ms = modes_for(c);
    for (int m = 0; m < 3; ++m) {
      EXPECT_EQ(normalize(notation(reference_scan(c.stream, ms[m].opt))),
                normalize(c.expected[m]))
          << c.id << " " << ms[m].column;
    }
  }
}

class Conformance : public ::testing::TestWithParam<ftpreply::kernel> {};

TEST_P(Conformance, FramingVectorsEveryCut) {
  const ftpreply::kernel k = GetParam();
  std::vector<vector_case> vectors = load_vectors();
  ASSERT_FALSE(vectors.empty());
  for (const vector_case& c : load_vectors("limits.tsv")) vectors.push_back(c);
  for (const vector_case& c : vectors) {
    std::vector<mode> ms = modes_for(c);
    for (int m = 0; m < 3; ++m) {
      SCOPED_TRACE(c.id + " " + ms[m].column);
      const run_result whole = scan_pieces(ms[m].opt, k, {c.stream});
      ASSERT_EQ(whole.violation, "");
      EXPECT_EQ(normalize(notation(whole.events)), normalize(c.expected[m]));
      EXPECT_EQ(whole.events, reference_scan(c.stream, ms[m].opt))
          << "kernel:\n" << describe(whole.events) << "reference:\n"
          << describe(reference_scan(c.stream, ms[m].opt));
      EXPECT_EQ(whole.consumed, c.stream.size());
      if (!c.chunks.empty()) {
        run_result r = scan_pieces(ms[m].opt, k, c.chunks);
        EXPECT_EQ(r.violation, "");
        EXPECT_EQ(r.events, whole.events) << "vector chunks";
      }
      run_result bytes = scan_pieces(ms[m].opt, k, bytewise(c.stream), 1);
      EXPECT_EQ(bytes.violation, "");
      EXPECT_EQ(bytes.events, whole.events) << "one byte at a time";
      for (size_t cut : cut_positions(c.stream.size())) {
        run_result r = scan_pieces(ms[m].opt, k, cut_at(c.stream, {cut}), 2);
        ASSERT_EQ(r.violation, "") << "cut at " << cut;
        ASSERT_EQ(r.events, whole.events) << "cut at " << cut;
      }
    }
  }
}

FTPREPLY_INSTANTIATE_FOR_KERNELS(Conformance);

}  // namespace
}  // namespace ftpreply_test
