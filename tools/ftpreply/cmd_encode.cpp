// SPDX-License-Identifier: Apache-2.0
// ftpreply encode: a correct reply, as a server would write it.
#include "cli.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply encode CODE [TEXT...]\n"
    "\n"
    "Writes a reply with CODE (100-659) and the TEXT words joined by spaces:\n"
    "one line \"CODE text\\r\\n\", or, when the text holds line breaks (CR LF,\n"
    "LF or CR), \"CODE-first\\r\\n\", the middle lines, \"CODE last\\r\\n\". A\n"
    "middle line starting with digits is protected with one leading space\n"
    "(RFC 959 4.2), so no line can be read as the end of the reply.\n"
    "\n"
    "Exit status: 0, or 2 for usage or I/O errors.\n";

}  // namespace

int cmd_encode(const std::vector<std::string>& args) {
  std::vector<std::string> words;
  const int rc = parse_args("encode", kHelp, args, {}, operand_rule{SIZE_MAX, "", true}, &words);
  if (rc >= 0) return rc;
  uint64_t code = 0;
  if (words.empty()) return usage_error("encode", "a CODE is needed");
  if (!parse_number(words[0], 100, 659, &code))
    return usage_error("encode", "CODE must be a number from 100 to 659");
  std::string text;
  for (size_t i = 1; i < words.size(); ++i) text += (i > 1 ? " " : "") + words[i];
  std::string out;
  if (ftpreply::append_reply(out, static_cast<uint16_t>(code), text) != ftpreply::error::ok)
    return usage_error("encode", "cannot encode that reply");
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "ftpreply encode: cannot write the output\n");
    return exit_usage;
  }
  return exit_ok;
}

}  // namespace ftpreply_cli
