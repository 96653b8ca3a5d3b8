// SPDX-License-Identifier: Apache-2.0
// ftpreply bench: the benchmark's measurement on a user's own captures.
#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "capture.h"
#include "cli.h"
#include "json.h"
#include "measure.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply bench [--kernel NAME] [--repetitions N] FILE...\n"
    "\n"
    "Loads each file into memory and measures, on the same bytes, every\n"
    "kernel this CPU runs (or the one --kernel names) and the yardsticks\n"
    "(newline_count: the fastest count of line ends; lf_visit: the fastest of\n"
    "the SIMD loops storing every line end's offset; bare_tokenizer: the\n"
    "fastest of the SIMD loops, in one stage or two, tokenizing the common\n"
    "case with none of the rules; checked_tokenizer: the same with the NUL\n"
    "and high bytes flagged and the line limit, the checks no tokenizer\n"
    "keeping the scanner's contract can skip; checked_tokenizer_one_stage:\n"
    "its fastest loop in one stage, as the kernels run; memchr_lines: a\n"
    "memchr call per line; getline: std::getline and std::stoi). Prints one\n"
    "JSON object per file and measurement:\n"
    "  {\"file\":F,\"name\":N,\"bytes\":B,\"replies\":R,\"repetitions\":K,\n"
    "   \"bytes_per_second\":X,\"replies_per_second\":Y}\n"
    "with the median of K repetitions (default 9), taken in turns: each round\n"
    "runs every measurement once, so that a slow stretch of the machine falls\n"
    "on all of them alike. Replies are counted by the\n"
    "lenient scanner. A FILE that is a pcap or pcapng capture is measured on\n"
    "the server side of the FTP connections it holds (port 21, or a 220\n"
    "greeting), each connection's bytes whole, one after another; B counts\n"
    "those bytes.\n"
    "\n"
    "Exit status: 0, or 2 for usage or I/O errors.\n";

using clock_type = std::chrono::steady_clock;

// Results are stored here so the compiler cannot drop the measured work.
volatile uint64_t g_sink;

// One repetition of f: the seconds one call takes, f repeated until it has
// run for at least 20 ms.
template <class F>
double seconds_per_call(F& f) {
  uint64_t calls = 0;
  const auto start = clock_type::now();
  double elapsed = 0;
  do {
    f();
    ++calls;
    elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  } while (elapsed < 0.02);
  return elapsed / static_cast<double>(calls);
}

// A measurement and its repetitions' seconds.
struct measurement {
  std::string name;
  std::function<double()> one_repetition;
  std::vector<double> seconds;
};

// Every measurement's repetitions in turns: each round runs each once, the
// order rotated every round, so that a slow stretch of the machine falls on
// all of them alike (run one after another, kernel and yardstick ratios on
// the same file moved by up to 0.4 between two runs on a cloud guest).
void measure_in_turns(std::vector<measurement>& ms, uint64_t reps) {
  for (uint64_t r = 0; r < reps; ++r)
    for (size_t i = 0; i < ms.size(); ++i) {
      measurement& m = ms[(i + r) % ms.size()];
      m.seconds.push_back(m.one_repetition());
    }
}

double median(std::vector<double> t) {
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int cmd_bench(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  ftpreply::kernel only = ftpreply::kernel::automatic;
  bool one_kernel = false;
  uint64_t reps = 9;
  option_def kernel = kernel_option("--kernel", &only);
  kernel.apply = [&one_kernel, take = kernel.apply](const std::string& v) {
    one_kernel = true;
    return take(v);
  };
  const std::vector<option_def> options = {
      kernel,
      number_option("--repetitions", 1, 1000, &reps, "--repetitions needs a number from 1 to 1000")};
  const int rc = parse_args("bench", kHelp, args, options, operand_rule{SIZE_MAX, ""}, &files);
  if (rc >= 0) return rc;
  if (only == ftpreply::kernel::automatic) only = ftpreply::best_kernel();
  if (files.empty()) return usage_error("bench", "at least one FILE is needed");
  line_writer out;
  const ftpreply::options opt = ftpreply::options::lenient();
  for (const std::string& path : files) {
    input in(path);
    std::string data;
    if (!in.is_open() || !in.read_all(&data)) {
      std::fprintf(stderr, "ftpreply bench: %s\n", in.error().c_str());
      return exit_usage;
    }
    if (ftpreply_capture::looks_like_capture(data)) {
      // A capture: measure on the server streams it holds.
      std::string streams, error;
      ftpreply_capture::capture_options copt;
      copt.messages = 0;
      if (!ftpreply_capture::server_streams(path, copt, &streams, &error)) {
        std::fprintf(stderr, "ftpreply bench: %s\n", error.c_str());
        return exit_usage;
      }
      data.swap(streams);
    }
    const ftpreply_bench::counts c = ftpreply_bench::scan_buffer(
        opt, ftpreply::kernel::scalar, data.data(), data.size());
    auto report = [&](const std::string& name, double secs) {
      ftpreply_tools::json_object o;
      o.bytes("file", path)
          .text("name", name)
          .field("bytes", static_cast<uint64_t>(data.size()))
          .field("replies", c.replies)
          .field("repetitions", reps)
          .field("bytes_per_second", secs > 0 ? static_cast<double>(data.size()) / secs : 0.0)
          .field("replies_per_second", secs > 0 ? static_cast<double>(c.replies) / secs : 0.0);
      out.line(o.finish());
    };
    std::vector<measurement> ms;
    auto add = [&ms](std::string name, auto f) {
      ms.push_back({std::move(name), [f]() mutable { return seconds_per_call(f); }, {}});
    };
    for (ftpreply::kernel k : ftpreply::all_kernels) {
      if (!ftpreply::kernel_supported(k) || (one_kernel && k != only)) continue;
      add(std::string("scan/") + ftpreply::to_string(k), [&opt, &data, k] {
        g_sink = ftpreply_bench::scan_buffer(opt, k, data.data(), data.size()).replies;
      });
    }
    add("yardstick/newline_count",
        [&data] { g_sink = ftpreply_bench::newline_count(data.data(), data.size()); });
    // The floor and the tokenizers: the fastest loop of each round (or,
    // `which`, its fastest in one stage), its time summed over rounds until
    // 20 ms have run.
    auto add_fastest = [&ms](std::string name, auto one_round,
                             double ftpreply_bench::fastest_round::*which =
                                 &ftpreply_bench::fastest_round::best_seconds) {
      ms.push_back({std::move(name),
                    [one_round, which, round = 0u]() mutable {
                      double best = 0, elapsed = 0;
                      uint64_t calls = 0;
                      while (elapsed < 0.02) {
                        const ftpreply_bench::fastest_round one = one_round(round++);
                        best += one.*which;
                        elapsed += one.total_seconds;
                        ++calls;
                      }
                      return best / static_cast<double>(calls);
                    },
                    {}});
    };
    add_fastest("yardstick/lf_visit", [&data](unsigned round) -> ftpreply_bench::fastest_round {
      return ftpreply_bench::time_lf_visit(data.data(), data.size(), round);
    });
    using ftpreply_bench::fastest_round;
    struct tokenizer {
      const char* name;
      const std::vector<ftpreply_bench::named_loop>* loops;
      double fastest_round::*which;
    };
    for (const tokenizer& t :
         {tokenizer{"yardstick/bare_tokenizer", &ftpreply_bench::bare_tokenizer_loops(),
                    &fastest_round::best_seconds},
          tokenizer{"yardstick/checked_tokenizer", &ftpreply_bench::checked_tokenizer_loops(),
                    &fastest_round::best_seconds},
          tokenizer{"yardstick/checked_tokenizer_one_stage",
                    &ftpreply_bench::checked_tokenizer_loops(),
                    &fastest_round::best_one_stage_seconds}})
      add_fastest(
          t.name,
          [&data, loops = t.loops](unsigned round) {
            return ftpreply_bench::time_fastest(*loops, data.data(), data.size(), round);
          },
          t.which);
    add("yardstick/memchr_lines",
        [&data] { g_sink = ftpreply_bench::memchr_lines(data.data(), data.size()); });
    add("yardstick/getline", [&data] { g_sink = ftpreply_bench::getline_replies(data); });
    measure_in_turns(ms, reps);
    for (const measurement& m : ms) report(m.name, median(m.seconds));
  }
  if (!out.flush()) return exit_usage;
  return exit_ok;
}

}  // namespace ftpreply_cli
