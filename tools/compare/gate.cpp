// SPDX-License-Identifier: Apache-2.0
#include "gate.h"

#include <algorithm>
#include <cmath>

#include "simdjson.h"

namespace ftpreply_gate {
namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool unit_scale(std::string_view unit, double* scale) {
  if (unit == "ns") *scale = 1;
  else if (unit == "us") *scale = 1e3;
  else if (unit == "ms") *scale = 1e6;
  else if (unit == "s") *scale = 1e9;
  else return false;
  return true;
}

// Google Benchmark writes the statistics it cannot compute (the coefficient
// of variation of a counter whose mean is 0) as bare NaN or Infinity, which
// JSON does not have. Outside strings those tokens become null: the gate
// reads only per-repetition times, never those statistics.
std::string without_nonfinite(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) out += json[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    bool replaced = false;
    for (const char* token : {"-Infinity", "Infinity", "NaN"}) {
      const size_t n = std::char_traits<char>::length(token);
      if (json.compare(i, n, token) == 0) {
        out += "null";
        i += n - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += c;
  }
  return out;
}

}  // namespace

bool read_samples(const std::string& json, const std::string& metric,
                  samples* out, std::string* error) {
  if (metric != "real_time" && metric != "cpu_time") {
    *error = "metric must be real_time or cpu_time";
    return false;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto e = parser.parse(without_nonfinite(json)).get(doc)) {
    *error = std::string("not valid JSON: ") + simdjson::error_message(e);
    return false;
  }
  simdjson::dom::array benchmarks;
  if (doc["benchmarks"].get_array().get(benchmarks)) {
    *error = "no \"benchmarks\" array";
    return false;
  }
  size_t index = 0;
  for (simdjson::dom::element b : benchmarks) {
    const std::string where = "benchmarks[" + std::to_string(index++) + "]";
    std::string_view name, run_type = "iteration", unit = "ns";
    if (b["name"].get_string().get(name)) {
      *error = where + " has no string \"name\"";
      return false;
    }
    std::string_view run_name;
    if (b["run_name"].get_string().get(run_name)) run_name = name;
    if (auto e = b["run_type"].get_string().get(run_type); e && e != simdjson::NO_SUCH_FIELD) {
      *error = where + ": \"run_type\" is not a string";
      return false;
    }
    if (run_type != "iteration") continue;
    bool failed = false;
    if (!b["error_occurred"].get_bool().get(failed) && failed) continue;
    double value = 0;
    if (b[metric].get_double().get(value)) {
      *error = where + " (" + std::string(name) + ") has no number \"" + metric + "\"";
      return false;
    }
    if (auto e = b["time_unit"].get_string().get(unit); e && e != simdjson::NO_SUCH_FIELD) {
      *error = where + ": \"time_unit\" is not a string";
      return false;
    }
    double scale = 1;
    if (!unit_scale(unit, &scale)) {
      *error = where + ": unknown time_unit \"" + std::string(unit) + "\"";
      return false;
    }
    if (!(value >= 0) || !std::isfinite(value)) {
      *error = where + ": \"" + metric + "\" is not a finite non-negative number";
      return false;
    }
    (*out)[std::string(run_name)].push_back(value * scale);
  }
  return true;
}

double mann_whitney_p(const std::vector<double>& a, const std::vector<double>& b) {
  const size_t n1 = a.size(), n2 = b.size();
  if (n1 == 0 || n2 == 0) return 1;
  // Ranks of the pooled values, ties sharing their average rank.
  std::vector<std::pair<double, int>> all;
  for (double x : a) all.emplace_back(x, 0);
  for (double x : b) all.emplace_back(x, 1);
  std::sort(all.begin(), all.end());
  const size_t n = all.size();
  double rank_sum_a = 0, tie_term = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && all[j].first == all[i].first) ++j;
    const double avg = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    for (size_t k = i; k < j; ++k)
      if (all[k].second == 0) rank_sum_a += avg;
    i = j;
  }
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2);
  const double dn = dn1 + dn2;
  const double u = rank_sum_a - dn1 * (dn1 + 1) / 2;
  const double mu = dn1 * dn2 / 2;
  const double var = dn1 * dn2 / 12 * ((dn + 1) - tie_term / (dn * (dn - 1)));
  if (var <= 0) return 1;  // every value equal
  const double z = (std::fabs(u - mu) - 0.5) / std::sqrt(var);
  if (z <= 0) return 1;
  return std::erfc(z / std::sqrt(2.0));
}

const char* to_string(outcome o) {
  switch (o) {
    case outcome::same: return "same";
    case outcome::regression: return "regression";
    case outcome::improvement: return "improvement";
    case outcome::only_baseline: return "only_baseline";
    case outcome::only_contender: return "only_contender";
  }
  return "?";
}

std::vector<verdict> compare(const samples& baseline, const samples& contender,
                             const settings& s) {
  std::vector<verdict> out;
  for (const auto& kv : baseline) {
    verdict v;
    v.name = kv.first;
    auto it = contender.find(kv.first);
    if (it == contender.end() || kv.second.empty() || it->second.empty()) {
      v.result = outcome::only_baseline;
      out.push_back(v);
      continue;
    }
    v.baseline = median(kv.second);
    v.contender = median(it->second);
    v.change = v.baseline > 0 ? (v.contender - v.baseline) / v.baseline : 0;
    v.tested = kv.second.size() >= s.min_repetitions &&
               it->second.size() >= s.min_repetitions;
    if (v.tested) v.p = mann_whitney_p(kv.second, it->second);
    const bool significant = !v.tested || v.p < s.alpha;
    if (v.change > s.threshold && significant) v.result = outcome::regression;
    else if (v.change < -s.threshold && significant) v.result = outcome::improvement;
    out.push_back(v);
  }
  for (const auto& kv : contender) {
    if (baseline.count(kv.first)) continue;
    verdict v;
    v.name = kv.first;
    v.result = outcome::only_contender;
    out.push_back(v);
  }
  return out;
}

}  // namespace ftpreply_gate
