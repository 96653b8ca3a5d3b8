// SPDX-License-Identifier: Apache-2.0
// ftpreply gen: a synthetic control-connection stream on standard output.
#include "cli.h"
#include "synth.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply gen --mix MIX (--replies N | --bytes N) [--seed S]\n"
    "\n"
    "Writes a synthetic stream of replies, the same for the same seed on every\n"
    "platform. MIX is session (real client traffic), short (single-line\n"
    "replies with little text), multiline (long STAT/LIST replies) or hostile\n"
    "(huge lines, endless multi-line replies, wrong terminators, NULs). Whole\n"
    "units are written until at least N replies (--replies) or N bytes\n"
    "(--bytes, suffixes K, M, G for powers of 1024) were written. The default\n"
    "seed is 42.\n"
    "\n"
    "Exit status: 0, or 2 for usage or I/O errors.\n";

// N, NK, NM or NG.
bool parse_size(std::string s, uint64_t* out) {
  uint64_t scale = 1;
  if (!s.empty()) {
    switch (s.back()) {
      case 'K': case 'k': scale = uint64_t{1} << 10; break;
      case 'M': case 'm': scale = uint64_t{1} << 20; break;
      case 'G': case 'g': scale = uint64_t{1} << 30; break;
      default: break;
    }
    if (scale != 1) s.pop_back();
  }
  uint64_t n = 0;
  if (!parse_number(s, 1, (uint64_t{1} << 50) / scale, &n)) return false;
  *out = n * scale;
  return true;
}

}  // namespace

int cmd_gen(const std::vector<std::string>& args) {
  std::string mix_name;
  uint64_t replies = 0, bytes = 0, seed = 42;
  const option_def size_option{"--bytes", true, "--bytes needs a positive size (N, NK, NM, NG)",
                               [&](const std::string& v) {
                                 return parse_size(v, &bytes)
                                            ? std::string()
                                            : std::string("--bytes needs a positive size (N, NK, NM, NG)");
                               }};
  std::vector<std::string> operands;
  const int rc = parse_args("gen", kHelp, args,
                            {text_option("--mix", &mix_name, "--mix needs a name"),
                             number_option("--replies", 1, uint64_t{1} << 50, &replies,
                                           "--replies needs a positive number"),
                             size_option,
                             number_option("--seed", 0, UINT64_MAX, &seed, "--seed needs a number")},
                            operand_rule{0, "gen takes no operands"}, &operands);
  if (rc >= 0) return rc;
  ftpreply_synth::mix m;
  if (!ftpreply_synth::mix_from_string(mix_name, &m))
    return usage_error("gen", "--mix needs session, short, multiline or hostile");
  if ((replies == 0) == (bytes == 0))
    return usage_error("gen", "give one of --replies and --bytes");
  ftpreply_synth::generator g(m, seed);
  std::string buf;
  uint64_t written = 0;
  for (;;) {
    const bool done = replies ? g.replies() >= replies : written + buf.size() >= bytes;
    if (done || buf.size() >= (1u << 20)) {
      if (!buf.empty() && std::fwrite(buf.data(), 1, buf.size(), stdout) != buf.size()) {
        std::fprintf(stderr, "ftpreply gen: cannot write the output\n");
        return exit_usage;
      }
      written += buf.size();
      buf.clear();
      if (done) break;
    }
    g.next(&buf);
  }
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "ftpreply gen: cannot write the output\n");
    return exit_usage;
  }
  return exit_ok;
}

}  // namespace ftpreply_cli
