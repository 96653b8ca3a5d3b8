// SPDX-License-Identifier: Apache-2.0
// The regression gate on JSON fixtures (tests/data/compare): verdicts, the
// U test, units, and a clear error for every malformed input.
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "gate.h"
#include "gtest/gtest.h"

namespace {

using ftpreply_gate::outcome;

std::string fixture(const std::string& name) {
  std::ifstream in(FTPREPLY_SOURCE_DIR "/tests/data/compare/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ftpreply_gate::samples load(const std::string& name) {
  ftpreply_gate::samples s;
  std::string err;
  EXPECT_TRUE(ftpreply_gate::read_samples(fixture(name), "real_time", &s, &err)) << err;
  return s;
}

std::map<std::string, outcome> verdicts(const std::string& a, const std::string& b) {
  std::map<std::string, outcome> out;
  for (const auto& v : ftpreply_gate::compare(load(a), load(b), ftpreply_gate::settings{}))
    out[v.name] = v.result;
  return out;
}

TEST(Gate, ReadsRepetitionsAndIgnoresAggregates) {
  ftpreply_gate::samples s = load("baseline.json");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s["scan/avx512bw/short/real_time"].size(), 9u);
  EXPECT_NEAR(s["scan/avx512bw/short/real_time"][0], 20e6, 20e6 * 0.02);  // ms -> ns
  ftpreply_gate::samples us = load("baseline_us.json");
  EXPECT_NEAR(us["scan/avx512bw/short/real_time"][0], 20e6, 20e6 * 0.02);
}

// What Google Benchmark writes for the coefficient of variation of a
// counter whose mean is 0 (ftpreply_bench's allocs): a bare NaN.
TEST(Gate, ReadsTheNaNGoogleBenchmarkWrites) {
  const std::string json =
      R"({"benchmarks":[)"
      R"({"name":"a/NaN/x","run_name":"a/NaN/x","run_type":"iteration","real_time":2,"time_unit":"ns","allocs":0},)"
      R"({"name":"a/NaN/x_cv","run_name":"a/NaN/x","run_type":"aggregate","real_time":0.1,)"
      R"("time_unit":"ns","allocs":NaN,"other":-Infinity,"more":Infinity}]})";
  ftpreply_gate::samples s;
  std::string err;
  ASSERT_TRUE(ftpreply_gate::read_samples(json, "real_time", &s, &err)) << err;
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.count("a/NaN/x"), 1u);  // a name holding "NaN" is left alone
  EXPECT_EQ(s["a/NaN/x"], std::vector<double>{2.0});
  // A time that is NaN is still refused, not read as a number.
  const std::string bad = R"({"benchmarks":[{"name":"a","run_type":"iteration","real_time":NaN}]})";
  EXPECT_FALSE(ftpreply_gate::read_samples(bad, "real_time", &s, &err));
}

TEST(Gate, SignificantSlowdownIsARegression) {
  auto v = verdicts("baseline.json", "slower.json");
  EXPECT_EQ(v["scan/avx512bw/short/real_time"], outcome::regression);
  EXPECT_EQ(v["scan/avx512bw/session/real_time"], outcome::same);
  EXPECT_EQ(v["yardstick/memchr_lines/session/real_time"], outcome::same);
}

TEST(Gate, SpeedupIsAnImprovement) {
  auto v = verdicts("baseline.json", "faster.json");
  EXPECT_EQ(v["scan/avx512bw/session/real_time"], outcome::improvement);
  EXPECT_EQ(v["scan/avx512bw/short/real_time"], outcome::same);
}

TEST(Gate, NoiseIsNotARegression) {
  auto all = ftpreply_gate::compare(load("baseline.json"), load("noisy.json"),
                                    ftpreply_gate::settings{});
  for (const auto& v : all) {
    if (v.name != "scan/avx512bw/short/real_time") continue;
    EXPECT_GT(v.change, 0.05);  // past the threshold ...
    EXPECT_TRUE(v.tested);
    EXPECT_GT(v.p, 0.05);       // ... but not significant
    EXPECT_EQ(v.result, outcome::same);
  }
}

TEST(Gate, FewRepetitionsUseTheThresholdAlone) {
  auto all = ftpreply_gate::compare(load("few_baseline.json"), load("few_slower.json"),
                                    ftpreply_gate::settings{});
  bool seen = false;
  for (const auto& v : all) {
    EXPECT_FALSE(v.tested) << v.name;
    if (v.name == "scan/avx512bw/short/real_time") {
      seen = true;
      EXPECT_EQ(v.result, outcome::regression);
    }
  }
  EXPECT_TRUE(seen);
}

TEST(Gate, BenchmarksOnOneSideAreListed) {
  auto v = verdicts("baseline.json", "renamed.json");
  EXPECT_EQ(v["yardstick/memchr_lines/session/real_time"], outcome::only_baseline);
  EXPECT_EQ(v["yardstick/getline/session/real_time"], outcome::only_contender);
}

TEST(Gate, MannWhitneyMatchesKnownValues) {
  std::vector<double> a{1, 2, 3, 4, 5, 6, 7, 8, 9}, b{10, 11, 12, 13, 14, 15, 16, 17, 18};
  // No overlap: U = 0; with continuity correction z = 40/sqrt(128.25).
  EXPECT_NEAR(ftpreply_gate::mann_whitney_p(a, b), 0.000397, 0.00002);
  EXPECT_NEAR(ftpreply_gate::mann_whitney_p(a, a), 1.0, 1e-9);
  EXPECT_EQ(ftpreply_gate::mann_whitney_p({}, a), 1.0);
  std::vector<double> same(9, 5.0);
  EXPECT_EQ(ftpreply_gate::mann_whitney_p(same, same), 1.0);  // all tied
}

TEST(Gate, MalformedInputsGiveAClearError) {
  const std::pair<const char*, const char*> cases[] = {
      {"malformed_truncated.json", "not valid JSON"},
      {"malformed_not_json.json", "not valid JSON"},
      {"malformed_no_benchmarks.json", "no \"benchmarks\" array"},
      {"malformed_no_time.json", "has no number \"real_time\""},
      {"malformed_wrong_types.json", "has no number \"real_time\""},
      {"malformed_unit.json", "unknown time_unit"},
  };
  for (const auto& c : cases) {
    ftpreply_gate::samples s;
    std::string err;
    EXPECT_FALSE(ftpreply_gate::read_samples(fixture(c.first), "real_time", &s, &err)) << c.first;
    EXPECT_NE(err.find(c.second), std::string::npos) << c.first << ": " << err;
  }
  ftpreply_gate::samples s;
  std::string err;
  EXPECT_FALSE(ftpreply_gate::read_samples("{}", "bytes", &s, &err));
}

int run_gate(const std::string& args) {
  const std::string cmd = std::string(FTPREPLY_COMPARE_PATH) + " " + args +
                          " > /dev/null 2>&1";
  int raw = std::system(cmd.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

TEST(GateCommand, ExitStatus) {
  const std::string d = FTPREPLY_SOURCE_DIR "/tests/data/compare/";
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "slower.json"), 1);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "faster.json"), 0);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "noisy.json"), 0);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "slower.json --threshold=0.2"), 0);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "malformed_truncated.json"), 2);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=/nonexistent.json"), 2);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json"), 2);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "slower.json --alpha=2"), 2);
  // Lists of files pool their repetitions; an unreadable or empty item is
  // an input error.
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json," + d + "baseline.json --contender=" + d +
                     "slower.json"), 1);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d + "slower.json,"), 2);
  EXPECT_EQ(run_gate("--baseline=" + d + "baseline.json --contender=" + d +
                     "slower.json,/nonexistent.json"), 2);
}

// Three runs of three repetitions each, pooled: nine a side, so the U test
// decides, which one file of three leaves to the threshold alone.
TEST(GateCommand, PooledFilesReachTheUTest) {
  const std::string d = FTPREPLY_SOURCE_DIR "/tests/data/compare/";
  const std::string base = d + "few_baseline.json", slow = d + "few_slower.json";
  const std::string cmd = std::string(FTPREPLY_COMPARE_PATH) + " --baseline=" + base + "," +
                          base + "," + base + " --contender=" + slow + "," + slow + "," + slow;
  FILE* out = popen(cmd.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::string text;
  char buf[512];
  while (fgets(buf, sizeof buf, out)) text += buf;
  const int raw = pclose(out);
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 1) << text;
  std::istringstream lines(text);
  std::string line;
  bool seen = false;
  while (std::getline(lines, line)) {
    if (line.rfind("scan/avx512bw/short/real_time", 0) != 0) continue;
    seen = true;
    std::istringstream fields(line);
    std::string name, p, verdict;
    double base_ns = 0, cont_ns = 0;
    std::string change;
    fields >> name >> base_ns >> cont_ns >> change >> p >> verdict;
    EXPECT_NE(p, "-") << line;  // tested
    EXPECT_LT(std::stod(p), 0.05) << line;
    EXPECT_EQ(verdict, "regression") << line;
  }
  EXPECT_TRUE(seen) << text;
}

}  // namespace
