// SPDX-License-Identifier: Apache-2.0
// What the ftpreply subcommands share: argument helpers, input, output and
// the streaming loop that feeds the scanner in bounded memory.
#ifndef FTPREPLY_TOOLS_CLI_H
#define FTPREPLY_TOOLS_CLI_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "ftpreply/ftpreply.h"
#include "json.h"

namespace ftpreply_cli {

// Exit statuses of the CLI contract.
constexpr int exit_ok = 0;       // the input held no error
constexpr int exit_errors = 1;   // the input held at least one error
constexpr int exit_usage = 2;    // usage or I/O error

// Prints "ftpreply CMD: MESSAGE" and a pointer to --help; returns exit_usage.
int usage_error(const char* cmd, const std::string& message);

// A decimal number in [lo, hi].
bool parse_number(const std::string& s, uint64_t lo, uint64_t hi, uint64_t* out);

// --- the one argument parser ----------------------------------------------
//
// A subcommand declares its options and calls parse_args, which walks the
// arguments once: "--help"/"-h", options as "--name", "--name VALUE" or
// "--name=VALUE", and operands. Every message is "ftpreply CMD: ..." with a
// pointer to --help.

// One option. A flag takes no value. `apply` checks and stores the value;
// it returns "" when it took it, else what is wrong. `need` says what a
// missing value should have been ("--seed needs a number").
struct option_def {
  std::string name;
  bool takes_value;
  std::string need;
  std::function<std::string(const std::string& value)> apply;
};
option_def flag_option(const char* name, bool* out);
option_def text_option(const char* name, std::string* out, const char* need);
option_def number_option(const char* name, uint64_t lo, uint64_t hi, uint64_t* out,
                         const char* need);
option_def kernel_option(const char* name, ftpreply::kernel* out);

// The scanner settings every subcommand that scans accepts: --strict,
// --lenient, --any-code-terminator, --max-line, --max-reply, --max-lines,
// --chunk, --kernel; and their help text.
struct scan_settings {
  ftpreply::options opt = ftpreply::options::lenient();
  ftpreply::kernel kernel = ftpreply::kernel::automatic;
  size_t chunk = 65536;
};
std::vector<option_def> scan_options(scan_settings* s);
extern const char* const scan_options_help;

// What parse_args accepts besides the options.
struct operand_rule {
  size_t most = 1;              // operands allowed
  const char* too_many = "one input at most";
  bool dashes_are_text = false; // "-x" is an operand (text), not an option
};

// Returns -1 when the command should go on, exit_ok after printing `help`,
// or exit_usage after printing what was wrong.
int parse_args(const char* cmd, const char* help, const std::vector<std::string>& args,
               const std::vector<option_def>& options, const operand_rule& rule,
               std::vector<std::string>* operands);

// Buffered stdout, one JSON object per line.
class line_writer {
 public:
  explicit line_writer(std::FILE* f = stdout) : f_(f) { buf_.reserve(1 << 16); }
  ~line_writer() { flush(); }
  void line(const std::string& s) {
    buf_ += s;
    buf_ += '\n';
    if (buf_.size() >= (1 << 16)) flush();
  }
  bool flush();
  bool ok() const { return ok_; }

 private:
  std::FILE* f_;
  std::string buf_;
  bool ok_ = true;
};

// A file or standard input ("-"), read in pieces.
class input {
 public:
  // Opens `path`; on failure error() says why.
  explicit input(const std::string& path);
  ~input();
  input(const input&) = delete;
  input& operator=(const input&) = delete;
  bool is_open() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }
  // Size of a regular file; 0 when unknown.
  uint64_t size_hint() const { return size_; }
  // Reads up to n bytes; 0 at the end; -1 on error (error() says why).
  long read_some(char* dst, size_t n);
  // Reads everything.
  bool read_all(std::string* out);

 private:
  int fd_ = -1;
  bool owned_ = false;
  uint64_t size_ = 0;
  std::string name_;
  std::string error_;
};

// Shows progress on stderr when it is a terminal and the input is large.
class progress {
 public:
  explicit progress(uint64_t size_hint);
  void update(uint64_t bytes);
  void done();

 private:
  bool enabled_;
  bool shown_ = false;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Feeds the input to a scanner `settings.chunk` bytes at a time, keeping at
// most about two replies' worth of bytes, and calls on_event(const event&)
// for each event in order. Returns exit_usage on an I/O error (after
// printing it), exit_ok otherwise. *scan_seconds receives the time spent in
// the scanner alone.
template <class F>
int stream_events(const char* cmd, input& in, const scan_settings& settings,
                  F&& on_event, double* scan_seconds = nullptr) {
  const ftpreply::options opt = settings.opt.normalized();
  ftpreply::scanner sc(opt, settings.kernel);
  // Pending bytes never exceed max_reply; twice that plus a chunk lets a
  // compaction happen at most once per max_reply bytes read.
  const size_t cap = static_cast<size_t>(2 * opt.max_reply) + settings.chunk;
  std::vector<char> buf(cap);
  size_t begin = 0, end = 0;
  ftpreply::event ev[256];
  progress prog(in.size_hint());
  uint64_t total = 0;
  std::chrono::steady_clock::duration spent{};
  bool eof = false;
  while (!eof) {
    if (cap - end < settings.chunk) {
      std::memmove(buf.data(), buf.data() + begin, end - begin);
      end -= begin;
      begin = 0;
    }
    long got = in.read_some(buf.data() + end, settings.chunk);
    if (got < 0) {
      prog.done();
      std::fprintf(stderr, "ftpreply %s: %s\n", cmd, in.error().c_str());
      return exit_usage;
    }
    eof = got == 0;
    end += static_cast<size_t>(got);
    total += static_cast<uint64_t>(got);
    for (;;) {
      auto t0 = std::chrono::steady_clock::now();
      ftpreply::scan_result r =
          eof ? sc.finish(buf.data() + begin, end - begin, ev, 256)
              : sc.scan(buf.data() + begin, end - begin, ev, 256);
      spent += std::chrono::steady_clock::now() - t0;
      for (size_t k = 0; k < r.events; ++k)
        on_event(static_cast<const ftpreply::event&>(ev[k]));
      begin += r.consumed;
      if (!r.output_full) break;
    }
    prog.update(total);
  }
  prog.done();
  if (scan_seconds)
    *scan_seconds = std::chrono::duration<double>(spent).count();
  return exit_ok;
}

// The JSON fields of a reply or an error event, and the whole object.
void add_event_fields(ftpreply_tools::json_object& o, const ftpreply::event& e);
std::string event_json(const ftpreply::event& e);
// The JSON array of a reply's flags, e.g. ["bare_lf","nul"].
std::string flags_json(uint16_t flags);

// An endpoint's host as the CLI prints it: "A.B.C.D", or eight hex groups.
std::string host_of(const ftpreply::endpoint& ep);

// The payload decoder of `ftpreply decode` for a reply code ("pasv" for 227,
// ...; nullptr for none), and the payload object a decoder reads in a reply.
const char* decoder_for(uint16_t code);
ftpreply::error decode_payload(const std::string& decoder, std::string_view reply, ftpreply::decode_mode mode,
                               std::string* payload);

// Subcommands.
int cmd_scan(const std::vector<std::string>& args);
int cmd_explain(const std::vector<std::string>& args);
int cmd_gen(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
int cmd_decode(const std::vector<std::string>& args);
int cmd_pcap(const std::vector<std::string>& args);
int cmd_encode(const std::vector<std::string>& args);
int cmd_zos(const std::vector<std::string>& args);
int cmd_probe(const std::vector<std::string>& args);

}  // namespace ftpreply_cli

#endif
