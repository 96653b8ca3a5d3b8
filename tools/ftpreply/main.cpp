// SPDX-License-Identifier: Apache-2.0
// ftpreply: the command-line face of the kernel.
#include <cstring>

#include "cli.h"

namespace {

struct command {
  const char* name;
  int (*run)(const std::vector<std::string>&);
  const char* summary;
};

const command kCommands[] = {
    {"scan", ftpreply_cli::cmd_scan, "split a stream into replies (JSON Lines)"},
    {"explain", ftpreply_cli::cmd_explain, "what a reply code means"},
    {"decode", ftpreply_cli::cmd_decode, "replies with their payloads decoded"},
    {"encode", ftpreply_cli::cmd_encode, "write a correct reply"},
    {"zos", ftpreply_cli::cmd_zos, "the lines of a z/OS FTP client transcript"},
    {"gen", ftpreply_cli::cmd_gen, "write a synthetic stream of replies"},
    {"pcap", ftpreply_cli::cmd_pcap, "the replies in a packet capture, paired with commands"},
    {"bench", ftpreply_cli::cmd_bench, "measure the kernels on your own captures"},
    {"probe", ftpreply_cli::cmd_probe, "run a session against a real FTP server"},
};

void print_help() {
  std::printf(
      "Usage: ftpreply COMMAND [OPTIONS] ...\n\n"
      "Turns the bytes an FTP server writes on its control connection into\n"
      "replies: split, classified and decoded.\n\nCommands:\n");
  for (const command& c : kCommands) std::printf("  %-8s %s\n", c.name, c.summary);
  std::printf("\n'ftpreply COMMAND --help' describes each command;\n"
              "'ftpreply --version' prints the version.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_help();
    return ftpreply_cli::exit_usage;
  }
  const std::string name = argv[1];
  if (name == "--version") {
    std::printf("ftpreply %s\n", ftpreply::version());
    return 0;
  }
  if (name == "--help" || name == "-h") {
    print_help();
    return ftpreply_cli::exit_ok;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const command& c : kCommands)
    if (name == c.name) return c.run(args);
  std::fprintf(stderr, "ftpreply: unknown command '%s'\nTry 'ftpreply --help'.\n",
               name.c_str());
  return ftpreply_cli::exit_usage;
}
