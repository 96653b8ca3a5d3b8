// SPDX-License-Identifier: Apache-2.0
// ftpreply scan: the replies and errors of a control-connection stream.
#include <map>

#include "cli.h"
#include "json.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply scan [OPTIONS] [FILE|-]\n"
    "\n"
    "Splits the bytes an FTP server wrote on its control connection into\n"
    "replies and prints one JSON object per line:\n"
    "  {\"offset\":O,\"length\":L,\"code\":C,\"lines\":N,\"kind\":K,\"group\":G,\n"
    "   \"flags\":[...],\"text\":T}\n"
    "for a reply (offset and length in bytes, line ends included; text is the\n"
    "first line's text), and for an error\n"
    "  {\"error\":NAME,\"offset\":O,\"start\":S,\"length\":L}\n"
    "where O is the first byte of the offending line and [S, S+L) the bytes\n"
    "skipped (S < O when a multi-line reply was abandoned). A text that is not\n"
    "UTF-8 is printed as Latin-1 and flagged \"text_latin1\":true. The input\n"
    "(standard input when FILE is - or absent) streams in bounded memory.\n"
    "\n"
    "Options:\n"
    "SCAN_OPTIONS"
    "  --count                print one summary object instead of the events\n"
    "  --help                 this text\n"
    "\n"
    "Exit status: 0 when the input held no error, 1 when it did, 2 for usage\n"
    "or I/O errors.\n";

}  // namespace

int cmd_scan(const std::vector<std::string>& args) {
  scan_settings settings;
  bool count = false;
  std::vector<option_def> options = scan_options(&settings);
  options.push_back(flag_option("--count", &count));
  std::string help = kHelp;
  help.replace(help.find("SCAN_OPTIONS"), 12, scan_options_help);
  std::vector<std::string> operands;
  const int rc0 = parse_args("scan", help.c_str(), args, options, operand_rule(), &operands);
  if (rc0 >= 0) return rc0;
  const std::string path = operands.empty() ? "-" : operands[0];
  input in(path);
  if (!in.is_open()) {
    std::fprintf(stderr, "ftpreply scan: %s\n", in.error().c_str());
    return exit_usage;
  }
  line_writer out;
  uint64_t replies = 0, errors = 0, lines = 0, multiline = 0, bytes = 0;
  std::map<std::string, uint64_t> by_error;
  double seconds = 0;
  int rc = stream_events(
      "scan", in, settings,
      [&](const ftpreply::event& e) {
        if (e.is_reply()) {
          ++replies;
          const uint32_t n = e.line_count();
          lines += n;
          multiline += n > 1;
        } else {
          ++errors;
          if (count) ++by_error[ftpreply::to_string(e.err())];
        }
        bytes = e.start() + e.length();
        if (!count) out.line(event_json(e));
      },
      &seconds);
  if (rc != exit_ok) return rc;
  if (count) {
    std::string errs = "{";
    for (const auto& kv : by_error) {
      if (errs.size() > 1) errs += ',';
      errs += '"' + kv.first + "\":" + std::to_string(kv.second);
    }
    errs += '}';
    ftpreply_tools::json_object o;
    o.field("replies", replies)
        .field("errors", errors)
        .field("lines", lines)
        .field("multiline", multiline)
        .field("bytes", bytes)
        .raw("errors_by_name", errs)
        .text("kernel", ftpreply::to_string(
                            settings.kernel == ftpreply::kernel::automatic
                                ? ftpreply::best_kernel()
                                : settings.kernel))
        .field("scan_seconds", seconds)
        .field("bytes_per_second",
               seconds > 0 ? static_cast<double>(bytes) / seconds : 0.0);
    out.line(o.finish());
  }
  if (!out.flush()) {
    std::fprintf(stderr, "ftpreply scan: cannot write the output\n");
    return exit_usage;
  }
  return errors ? exit_errors : exit_ok;
}

}  // namespace ftpreply_cli
