// SPDX-License-Identifier: Apache-2.0
// The regression gate: two Google Benchmark JSON outputs in, one verdict per
// benchmark out. A regression is a slowdown past a threshold that, when both
// sides have enough repetitions, a Mann-Whitney U test also finds
// significant.
//
//   ftpreply_gate::samples base, cont;
//   std::string err;
//   if (!ftpreply_gate::read_samples(base_json, "real_time", &base, &err)) ...
//   auto verdicts = ftpreply_gate::compare(base, cont, ftpreply_gate::settings{});
#ifndef FTPREPLY_TOOLS_GATE_H
#define FTPREPLY_TOOLS_GATE_H

#include <map>
#include <string>
#include <vector>

namespace ftpreply_gate {

// Per benchmark (its run name), the measured values of each repetition,
// converted to nanoseconds.
using samples = std::map<std::string, std::vector<double>>;

// Reads the per-repetition entries ("run_type":"iteration") of a Google
// Benchmark JSON output; `metric` is "real_time" or "cpu_time". Aggregates
// (mean, median, ...) are ignored; entries that carry an error are skipped.
// Returns false with a message naming what is wrong on anything malformed.
bool read_samples(const std::string& json, const std::string& metric,
                  samples* out, std::string* error);

// Two-sided p-value of the Mann-Whitney U test (normal approximation with
// tie and continuity corrections). 1 when either side is empty.
double mann_whitney_p(const std::vector<double>& a, const std::vector<double>& b);

struct settings {
  double threshold = 0.05;   // relative change that counts (0.05 = 5%)
  double alpha = 0.05;       // significance for the U test
  size_t min_repetitions = 9;  // both sides need this many for the U test
};

enum class outcome { same, regression, improvement, only_baseline, only_contender };
const char* to_string(outcome o);

struct verdict {
  std::string name;
  double baseline = 0;    // median, ns
  double contender = 0;   // median, ns
  double change = 0;      // (contender - baseline) / baseline
  bool tested = false;    // the U test was applied
  double p = 1;           // its p-value when tested
  outcome result = outcome::same;
};

std::vector<verdict> compare(const samples& baseline, const samples& contender,
                             const settings& s);

}  // namespace ftpreply_gate

#endif
