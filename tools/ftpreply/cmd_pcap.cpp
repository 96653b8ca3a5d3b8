// SPDX-License-Identifier: Apache-2.0
// ftpreply pcap: the replies of every FTP control connection in a capture,
// each with its flow, its time and the client command it answers.
#include <chrono>

#include "capture.h"
#include "cli.h"
#include "json.h"
#include "session.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply pcap [--port N]... [--strict|--lenient] [--decode] [--count]\n"
    "                     [--max-flows N] [--window N] [FILE|-]\n"
    "\n"
    "Reads a pcap or pcapng capture (Ethernet with VLAN tags, Linux cooked\n"
    "SLL and SLL2, raw IP, loopback; IPv4 and IPv6), puts each TCP connection\n"
    "back in order, and prints one JSON object per reply or error of the\n"
    "server side, in capture order: the object of `ftpreply scan` plus\n"
    "  \"client\":\"ADDR:PORT\",\"server\":\"ADDR:PORT\" (IPv6 as [addr]:port),\n"
    "  \"ts\": the capture time of the packet that completed it (seconds),\n"
    "  \"command\",\"arg\": the client command it answers, or null (the\n"
    "  greeting, or no command pending), as RFC 959 5.4 pairs them: the\n"
    "  connection's first reply (120, 220, 421) answers no command, whenever\n"
    "  the client spoke; a 1xx reply and the final reply answer the same\n"
    "  command; an error standing where a reply was due answers the command\n"
    "  that reply would have, so nothing after it shifts.\n"
    "Offsets count the server's bytes of that connection. Bytes the capture\n"
    "lost (holes not filled within the reordering window, by FIN, RST or the\n"
    "end, and payload cut by the snapshot length) are an error \"gap\" (the\n"
    "scanner's rule 11); the first reply after one has the flag after_gap.\n"
    "A flow is FTP when one side uses a --port (default 21; repeatable), or\n"
    "when its first server bytes are a 220 greeting.\n"
    "\n"
    "Options:\n"
    "  --port N          a server port (replaces the default 21; repeatable)\n"
    "  --strict          RFC 959 framing to the letter\n"
    "  --lenient         what real servers send (the default)\n"
    "  --decode          add \"payload\" as `ftpreply decode` does\n"
    "  --count           print one summary object instead: flows, replies,\n"
    "                    errors, gaps, packets, bytes, seconds, and what was\n"
    "                    skipped\n"
    "  --max-flows N     flows held at once (default 65536): past it the\n"
    "                    longest idle one ends, with {\"event\":\"evicted\",...}\n"
    "  --window N        out-of-order bytes held per direction (default 262144)\n"
    "  --help            this text\n"
    "\n"
    "Packets the capture cut into their headers, malformed ones and IP\n"
    "fragments are skipped, described on stderr and counted.\n"
    "\n"
    "Exit status: 0 when the capture held no error, 1 when it did (a framing\n"
    "error, a gap, a skipped packet, a file that broke off), 2 for usage or\n"
    "I/O errors.\n";

using ftpreply_capture::command;
using ftpreply_capture::flow;
using ftpreply_capture::stream_sink;

struct totals {
  uint64_t replies = 0, errors = 0, gap_errors = 0;
};

class session;

// The server's bytes: scanned as they come, each event printed.
class reply_sink final : public stream_sink {
 public:
  explicit reply_sink(session& s) : s_(s) {}
  void data(const uint8_t* p, size_t n) override;
  void gap(uint64_t lost) override;

 private:
  session& s_;
};

// The client's bytes: split into command lines.
class command_sink final : public stream_sink {
 public:
  explicit command_sink(session& s) : s_(s) {}
  void data(const uint8_t* p, size_t n) override;
  void gap(uint64_t lost) override;

 private:
  session& s_;
};

struct output {
  line_writer& out;
  bool count, decode;
  ftpreply::options opt;
  totals& t;
  const ftpreply_capture::capture_reader* reader = nullptr;
};

class session {
 public:
  session(flow& f, const output& o)
      : flow_(f), o_(o), scanner_(o.opt), replies_(*this), commands_(*this) {}
  reply_sink& replies() { return replies_; }
  command_sink& commands() { return commands_; }

  // Scans `pending_` (with `p` appended), or `p` alone when nothing waits.
  void scan(const uint8_t* p, size_t n, uint64_t lost, bool at_end) {
    static const char nothing[1] = {};
    const char* data = n ? reinterpret_cast<const char*>(p) : nothing;  // never null
    size_t size = n;
    if (!pending_.empty()) {
      pending_.append(data, n);
      data = pending_.data();
      size = pending_.size();
    }
    ftpreply::event ev[64];
    size_t used = 0;
    for (;;) {
      const ftpreply::scan_result r =
          at_end ? scanner_.finish(data + used, size - used, ev, 64)
          : lost ? scanner_.gap(data + used, size - used, lost, ev, 64)
                 : scanner_.scan(data + used, size - used, ev, 64);
      for (size_t i = 0; i < r.events; ++i) print(ev[i]);
      used += r.consumed;
      if (!r.output_full) break;
    }
    if (data == pending_.data()) pending_.erase(0, used);
    else pending_.assign(data + used, size - used);
    // Between packets a flow holds only a reply's head: with 100,000 flows
    // a segment's worth of capacity each would be most of the memory.
    if (pending_.capacity() > 1024 && pending_.size() * 4 < pending_.capacity())
      std::string(pending_).swap(pending_);
  }

  void command_bytes(const uint8_t* p, size_t n) {
    if (!o_.count) pairing_.client_bytes(p, n);
  }
  void command_gap() { pairing_.client_gap(); }

 private:
  void print(const ftpreply::event& e) {
    if (!e.is_reply()) {
      ++o_.t.errors;
      o_.t.gap_errors += e.err() == ftpreply::error::gap;
    } else {
      ++o_.t.replies;
    }
    if (o_.count) return;  // counting pays for no pairing
    const command* answers = pairing_.answer(e);
    ftpreply_tools::json_object j;
    add_event_fields(j, e);
    j.text("client", flow_.client).text("server", flow_.server);
    char ts[32];
    std::snprintf(ts, sizeof ts, "%.6f", o_.reader->now());
    j.raw("ts", ts);
    if (answers) {
      j.bytes("command", answers->verb).bytes("arg", answers->arg);
    } else {
      j.null("command").null("arg");
    }
    if (o_.decode && e.is_reply()) {
      if (const char* d = decoder_for(e.code())) {
        std::string payload;
        const ftpreply::error pe = decode_payload(d, e.bytes(), ftpreply_decode_mode(), &payload);
        if (pe == ftpreply::error::ok) {
          j.raw("payload", payload);
        } else {
          j.text("payload_error", ftpreply::to_string(pe));
        }
      }
    }
    o_.out.line(j.finish());
  }
  ftpreply::decode_mode ftpreply_decode_mode() const {
    return o_.opt.strict ? ftpreply::decode_mode::strict : ftpreply::decode_mode::lenient;
  }

  flow& flow_;
  const output& o_;
  ftpreply::scanner scanner_;
  std::string pending_;  // server bytes not consumed yet (at most max_reply)
  ftpreply_capture::command_pairing pairing_;
  reply_sink replies_;
  command_sink commands_;
};

void reply_sink::data(const uint8_t* p, size_t n) { s_.scan(p, n, 0, false); }
void reply_sink::gap(uint64_t lost) { s_.scan(nullptr, 0, lost, false); }
void command_sink::data(const uint8_t* p, size_t n) { s_.command_bytes(p, n); }
void command_sink::gap(uint64_t) { s_.command_gap(); }

class handler final : public ftpreply_capture::flow_handler {
 public:
  explicit handler(const output& o) : o_(o) {}
  void opened(flow& f) override { f.user = std::make_shared<session>(f, o_); }
  stream_sink& replies(flow& f) override { return state(f).replies(); }
  stream_sink& commands(flow& f) override { return state(f).commands(); }
  void closed(flow& f, bool evicted) override {
    state(f).scan(nullptr, 0, 0, true);
    if (evicted && !o_.count) {
      ftpreply_tools::json_object j;
      j.text("event", "evicted").text("client", f.client).text("server", f.server);
      char ts[32];
      std::snprintf(ts, sizeof ts, "%.6f", o_.reader->now());
      j.raw("ts", ts);
      o_.out.line(j.finish());
    }
    f.user.reset();
  }

 private:
  static session& state(flow& f) { return *static_cast<session*>(f.user.get()); }
  const output& o_;
};

}  // namespace

int cmd_pcap(const std::vector<std::string>& args) {
  ftpreply_capture::capture_options copt;
  copt.ports.clear();
  bool strict = false, lenient = false, decode = false, count = false;
  uint64_t max_flows = copt.max_flows, window = copt.window;
  const std::vector<option_def> options = {
      {"--port", true, "--port needs a port number from 1 to 65535",
       [&](const std::string& v) {
         uint64_t p = 0;
         if (!parse_number(v, 1, 65535, &p)) return std::string("--port needs a port number from 1 to 65535");
         copt.ports.push_back(static_cast<uint16_t>(p));
         return std::string();
       }},
      flag_option("--strict", &strict),
      flag_option("--lenient", &lenient),
      flag_option("--decode", &decode),
      flag_option("--count", &count),
      number_option("--max-flows", 1, 100000000, &max_flows,
                    "--max-flows needs a number from 1 to 100000000"),
      number_option("--window", 1, uint64_t{1} << 30, &window,
                    "--window needs a number of bytes from 1 to 1073741824")};
  std::vector<std::string> operands;
  const int rc0 = parse_args("pcap", kHelp, args, options, operand_rule(), &operands);
  if (rc0 >= 0) return rc0;
  if (strict && lenient) return usage_error("pcap", "--strict and --lenient exclude each other");
  if (copt.ports.empty()) copt.ports.push_back(21);
  copt.max_flows = static_cast<size_t>(max_flows);
  copt.window = static_cast<size_t>(window);
  const auto start = std::chrono::steady_clock::now();

  line_writer out;
  totals t;
  output o{out, count, decode,
           strict ? ftpreply::options::strict_rfc959() : ftpreply::options::lenient(), t};
  handler h(o);
  ftpreply_capture::capture_reader reader(copt, h);
  o.reader = &reader;
  std::string error;
  if (!reader.open(operands.empty() ? "-" : operands[0], &error)) {
    std::fprintf(stderr, "ftpreply pcap: %s\n", error.c_str());
    return exit_usage;
  }
  const bool whole = reader.run();
  if (!whole) std::fprintf(stderr, "ftpreply pcap: the capture broke off: %s\n", reader.error().c_str());
  const ftpreply_capture::capture_stats& s = reader.stats();
  const uint64_t skipped = s.truncated + s.malformed + s.fragments;
  if (count) {
    ftpreply_tools::json_object j;
    j.field("flows", s.flows)
        .field("replies", t.replies)
        .field("errors", t.errors)
        .field("gaps", t.gap_errors)
        .field("packets", s.packets)
        .field("bytes", s.bytes)
        .field("seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())
        .field("evicted", s.evicted)
        .field("lost_bytes", s.lost_bytes)
        .field("duplicate_bytes", s.duplicate_bytes)
        .field("out_of_order", s.out_of_order)
        .field("snaplen_cut", s.snaplen_cut)
        .field("truncated", s.truncated)
        .field("malformed", s.malformed)
        .field("fragments", s.fragments)
        .field("not_tcp", s.other)
        .field("not_ftp", s.ignored)
        .field("broke_off", static_cast<uint64_t>(s.read_error));
    out.line(j.finish());
  }
  if (!out.flush()) {
    std::fprintf(stderr, "ftpreply pcap: cannot write the output\n");
    return exit_usage;
  }
  return t.errors || skipped || !whole ? exit_errors : exit_ok;
}

}  // namespace ftpreply_cli
