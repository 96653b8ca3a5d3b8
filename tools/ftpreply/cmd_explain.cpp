// SPDX-License-Identifier: Apache-2.0
// ftpreply explain: what the classifier knows of a code.
#include "cli.h"
#include "json.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply explain CODE [--json]\n"
    "\n"
    "Says what ftpreply knows of a reply code (0 to 65535): its kind (first\n"
    "digit), group (second digit), whether it is a known code, its meaning and\n"
    "the document that defines it. With --json, one object:\n"
    "  {\"code\":C,\"known\":B,\"kind\":K,\"group\":G,\"meaning\":M|null,\n"
    "   \"source\":S|null}\n"
    "\n"
    "Exit status: 0, or 2 for usage errors.\n";

}  // namespace

int cmd_explain(const std::vector<std::string>& args) {
  bool json = false;
  std::vector<std::string> operands;
  const int rc = parse_args("explain", kHelp, args, {flag_option("--json", &json)},
                            operand_rule{1, "one code at a time"}, &operands);
  if (rc >= 0) return rc;
  const std::string code_text = operands.empty() ? "" : operands[0];
  uint64_t code = 0;
  if (code_text.empty()) return usage_error("explain", "a CODE is needed");
  if (!parse_number(code_text, 0, 65535, &code))
    return usage_error("explain", "CODE must be a number from 0 to 65535");
  const ftpreply::code_info info = ftpreply::classify(static_cast<uint32_t>(code));
  line_writer out;
  if (json) {
    ftpreply_tools::json_object o;
    o.field("code", code)
        .boolean("known", info.known)
        .text("kind", ftpreply::to_string(info.kind))
        .text("group", ftpreply::to_string(info.group));
    if (info.meaning) o.text("meaning", info.meaning); else o.null("meaning");
    if (info.known) o.text("source", ftpreply::to_string(info.src)); else o.null("source");
    out.line(o.finish());
  } else {
    char head[64];
    std::snprintf(head, sizeof head, code < 1000 ? "%03u" : "%u",
                  static_cast<unsigned>(code));
    std::string s = std::string(head) + ": " +
                    (info.known ? info.meaning : "not a known code") + "\n";
    if (info.known) s += std::string("  defined by: ") + ftpreply::to_string(info.src) + "\n";
    s += std::string("  kind:  ") + ftpreply::to_string(info.kind) + " - " +
         ftpreply::describe(info.kind) + "\n";
    s += std::string("  group: ") + ftpreply::to_string(info.group) + " - " +
         ftpreply::describe(info.group);
    out.line(s);
  }
  if (!out.flush()) return exit_usage;
  return exit_ok;
}

}  // namespace ftpreply_cli
