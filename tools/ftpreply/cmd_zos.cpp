// SPDX-License-Identifier: Apache-2.0
// ftpreply zos: the lines of a z/OS FTP client API transcript.
#include "cli.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply zos [FILE|-]\n"
    "\n"
    "Reads a z/OS FTP client transcript and prints one JSON object per line,\n"
    "with \"line\" (from 1) and \"type\":\n"
    "  status   the API status line [EZA2121I ]Command(ee-ss-cccc-rrr):\n"
    "           \"message_id\",\"client_error\",\"subcommand\",\"command\",\"reply\"\n"
    "           (null where the field is blank or the ID absent)\n"
    "  command  a command sent to the server (\">>> CWD /u/user33/\"):\n"
    "           \"message_id\" (or null), \"command\"\n"
    "  reply    a server reply line: \"code\", \"separator\" (\" \", \"-\" or null),\n"
    "           \"text\"\n"
    "  message  anything else the client wrote: \"message_id\" (or null), \"text\"\n"
    "\n"
    "Exit status: 0, or 2 for usage or I/O errors.\n";

void id_field(ftpreply_tools::json_object& o, std::string_view id) {
  if (id.empty()) o.null("message_id"); else o.text("message_id", id);
}

}  // namespace

int cmd_zos(const std::vector<std::string>& args) {
  std::vector<std::string> operands;
  const int rc = parse_args("zos", kHelp, args, {}, operand_rule(), &operands);
  if (rc >= 0) return rc;
  const std::string path = operands.empty() ? "-" : operands[0];
  input in(path);
  std::string data;
  if (!in.is_open() || !in.read_all(&data)) {
    std::fprintf(stderr, "ftpreply zos: %s\n", in.error().c_str());
    return exit_usage;
  }
  line_writer out;
  uint64_t number = 0;
  for (size_t pos = 0; pos < data.size();) {
    size_t lf = data.find('\n', pos);
    const size_t end = lf == std::string::npos ? data.size() : lf;
    const std::string_view line(data.data() + pos, end - pos);
    pos = lf == std::string::npos ? data.size() : lf + 1;
    const ftpreply::zos_line l = ftpreply::classify_zos_line(line);
    ftpreply_tools::json_object o;
    o.field("line", ++number).text("type", ftpreply::to_string(l.kind));
    switch (l.kind) {
      case ftpreply::zos_line_kind::status:
        id_field(o, l.message_id);
        o.field("client_error", l.status.client_error);
        if (l.status.subcommand < 0) o.null("subcommand"); else o.field("subcommand", l.status.subcommand);
        if (l.status.command.empty()) o.null("command"); else o.bytes("command", l.status.command);
        if (l.status.reply < 0) o.null("reply"); else o.field("reply", l.status.reply);
        break;
      case ftpreply::zos_line_kind::command:
        id_field(o, l.message_id);
        o.bytes("command", l.text);
        break;
      case ftpreply::zos_line_kind::reply:
        o.field("code", static_cast<unsigned>(l.code));
        if (l.separator) o.text("separator", std::string(1, l.separator)); else o.null("separator");
        o.bytes("text", l.text);
        break;
      case ftpreply::zos_line_kind::message:
        id_field(o, l.message_id);
        o.bytes("text", l.text);
        break;
    }
    out.line(o.finish());
  }
  if (!out.flush()) {
    std::fprintf(stderr, "ftpreply zos: cannot write the output\n");
    return exit_usage;
  }
  return exit_ok;
}

}  // namespace ftpreply_cli
