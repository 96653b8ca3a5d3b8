// SPDX-License-Identifier: Apache-2.0
// ftpreply_compare: the regression gate over two Google Benchmark JSON files.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "gate.h"

ABSL_FLAG(std::string, baseline, "",
          "Google Benchmark JSON of the baseline run (A.json, or A1.json,A2.json,... "
          "whose repetitions are pooled)");
ABSL_FLAG(std::string, contender, "",
          "Google Benchmark JSON of the run to judge (likewise one or a comma-separated list)");
ABSL_FLAG(double, threshold, 0.05, "relative slowdown that counts (0.05 = 5%)");
ABSL_FLAG(double, alpha, 0.05, "significance level of the Mann-Whitney U test");
ABSL_FLAG(int, min_repetitions, 9, "repetitions each side needs for the U test");
ABSL_FLAG(std::string, metric, "real_time", "real_time or cpu_time");

namespace {

bool slurp(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

// "a.json,b.json" -> {"a.json", "b.json"}; an empty item stays, to be
// reported.
std::vector<std::string> split_paths(const std::string& list) {
  std::vector<std::string> out;
  size_t from = 0;
  for (;;) {
    const size_t comma = list.find(',', from);
    out.push_back(list.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
    if (comma == std::string::npos) return out;
    from = comma + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "compares two Google Benchmark JSON outputs benchmark by benchmark.\n"
      "Usage: ftpreply_compare --baseline=A.json[,A2.json...] --contender=B.json[,B2.json...]\n"
      "       [options]\n"
      "Exit status: 0 no regression, 1 a regression, 2 usage or input errors.");
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  if (rest.size() > 1) {
    std::fprintf(stderr, "ftpreply_compare: unexpected argument '%s'\n", rest[1]);
    return 2;
  }
  ftpreply_gate::settings s;
  s.threshold = absl::GetFlag(FLAGS_threshold);
  s.alpha = absl::GetFlag(FLAGS_alpha);
  const int min_reps = absl::GetFlag(FLAGS_min_repetitions);
  if (!(s.threshold >= 0) || !(s.alpha > 0 && s.alpha < 1) || min_reps < 2) {
    std::fprintf(stderr, "ftpreply_compare: need --threshold >= 0, 0 < --alpha < 1, "
                         "--min_repetitions >= 2\n");
    return 2;
  }
  s.min_repetitions = static_cast<size_t>(min_reps);
  const std::string lists[2] = {absl::GetFlag(FLAGS_baseline), absl::GetFlag(FLAGS_contender)};
  ftpreply_gate::samples sides[2];
  for (int i = 0; i < 2; ++i) {
    if (lists[i].empty()) {
      std::fprintf(stderr, "ftpreply_compare: --baseline and --contender are required\n");
      return 2;
    }
    // Each file's repetitions join the side's (tools/ab.sh runs the two
    // sides in alternation, a file per round).
    for (const std::string& path : split_paths(lists[i])) {
      std::string json, err;
      if (path.empty() || !slurp(path, &json)) {
        std::fprintf(stderr, "ftpreply_compare: cannot read '%s'\n", path.c_str());
        return 2;
      }
      if (!ftpreply_gate::read_samples(json, absl::GetFlag(FLAGS_metric), &sides[i], &err)) {
        std::fprintf(stderr, "ftpreply_compare: %s: %s\n", path.c_str(), err.c_str());
        return 2;
      }
    }
  }
  bool regression = false;
  std::printf("%-48s %12s %12s %8s %8s  %s\n", "benchmark", "baseline ns", "contender ns",
              "change", "p", "verdict");
  for (const ftpreply_gate::verdict& v : ftpreply_gate::compare(sides[0], sides[1], s)) {
    regression |= v.result == ftpreply_gate::outcome::regression;
    char p[16] = "-";
    if (v.tested) std::snprintf(p, sizeof p, "%.4f", v.p);
    std::printf("%-48s %12.1f %12.1f %+7.1f%% %8s  %s\n", v.name.c_str(), v.baseline,
                v.contender, 100 * v.change, p, ftpreply_gate::to_string(v.result));
  }
  return regression ? 1 : 0;
}
