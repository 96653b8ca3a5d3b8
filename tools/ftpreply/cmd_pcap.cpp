// SPDX-License-Identifier: Apache-2.0
// ftpreply pcap: the replies of every FTP control connection in captures,
// each with its flow, its time and the client command it answers; or
// Zeek's ftp.log of them. The session (pairing, user, directory, data
// channel) is tools/capture/session.h; this file parses options, runs a
// reader per capture and chooses the writer.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <cstdio>
#include <mutex>
#include <thread>

#include "capture.h"
#include "cli.h"
#include "json.h"
#include "session.h"
#include "zeek_log.h"

namespace ftpreply_cli {
namespace {

const char kHelp[] =
    "Usage: ftpreply pcap [--port N]... [--strict|--lenient] [--decode] [--count]\n"
    "                     [--format jsonl|zeek|zeek-json] [--log-commands LIST|all]\n"
    "                     [--show-passwords] [--jobs N] [--max-flows N] [--window N]\n"
    "                     [FILE|-]...\n"
    "\n"
    "Reads pcap or pcapng captures (Ethernet with VLAN tags, Linux cooked\n"
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
    "Several captures are read as one archive: each file's records in order,\n"
    "then the next file's, whatever --jobs is.\n"
    "\n"
    "Options:\n"
    "  --port N          a server port (replaces the default 21; repeatable)\n"
    "  --strict          RFC 959 framing to the letter\n"
    "  --lenient         what real servers send (the default)\n"
    "  --decode          add \"payload\" as `ftpreply decode` does (jsonl)\n"
    "  --count           print one summary object instead: flows, replies,\n"
    "                    errors, gaps, packets, bytes, seconds, and what was\n"
    "                    skipped (summed over the files)\n"
    "  --format F        jsonl (the default, above); zeek: Zeek's ftp.log, its\n"
    "                    tab-separated form with header; zeek-json: the same\n"
    "                    records as Zeek's JSON lines. A row per logged\n"
    "                    command, when its final reply comes; see the README\n"
    "  --log-commands L  the commands that get a row, comma-separated\n"
    "                    (\"<init>\" is the greeting), or all; default Zeek's:\n"
    "                    APPE,DELE,RETR,STOR,STOU,ACCT,PORT,PASV,EPRT,EPSV.\n"
    "                    A session that logs no command still gets one row\n"
    "  --show-passwords  log passwords (hidden as <hidden> but for anonymous,\n"
    "                    ftp, ftpuser and guest logins, as Zeek does)\n"
    "  --jobs N          read N files at once (default 1, at most 64)\n"
    "  --max-flows N     flows held at once per file (default 65536): past it\n"
    "                    the longest idle one ends, with {\"event\":\"evicted\",...}\n"
    "  --window N        out-of-order bytes held per direction (default 262144)\n"
    "  --help            this text\n"
    "\n"
    "Packets the capture cut into their headers, malformed ones and IP\n"
    "fragments are skipped, described on stderr and counted.\n"
    "\n"
    "Exit status: 0 when the captures held no error, 1 when one did (a framing\n"
    "error, a gap, a skipped packet, a file that broke off), 2 for usage or\n"
    "I/O errors.\n";

using ftpreply_capture::command;
using ftpreply_capture::flow;
using ftpreply_capture::ftp_record;
using ftpreply_capture::stream_sink;

enum class format { jsonl, zeek, zeek_json };

struct totals {
  uint64_t replies = 0, errors = 0, gap_errors = 0;
};

// What every file is read with.
struct settings {
  ftpreply_capture::capture_options capture;
  ftpreply_capture::log_options log;
  ftpreply::options scan;
  format fmt = format::jsonl;
  bool count = false, decode = false;
};

// One file's reading: its output goes to `out`; `before_row` runs before
// the first Zeek TSV row the file writes (the caller's header).
struct file_run {
  line_writer& out;
  const settings& set;
  std::function<void(const ftpreply_capture::capture_stats&)> before_row;
  totals t;
  const ftpreply_capture::capture_reader* reader = nullptr;
  std::vector<ftp_record> rows;  // scratch: a call's finished rows
};

class session;

// The server's bytes: scanned as they come, each event handled.
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

class session {
 public:
  session(flow& f, file_run& run)
      : flow_(f),
        run_(run),
        scanner_(run.set.scan),
        replies_(*this),
        commands_(*this) {
    if (!run.set.count)  // counting pays for no pairing and no log
      log_ = std::make_unique<ftpreply_capture::ftp_session>(
          run.set.log, f.client_addr, f.client_port, f.server_addr, f.server_port,
          run.reader->now());
  }
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
      for (size_t i = 0; i < r.events; ++i) handle(ev[i]);
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
    if (log_) log_->client_bytes(p, n, run_.reader->now());
  }
  void command_gap() {
    if (log_) log_->client_gap();
  }

  // The connection ended: its unanswered commands' rows.
  void close() {
    if (!log_ || run_.set.fmt == format::jsonl) return;
    log_->close(&run_.rows);
    write_rows();
  }

 private:
  void handle(const ftpreply::event& e) {
    if (!e.is_reply()) {
      ++run_.t.errors;
      run_.t.gap_errors += e.err() == ftpreply::error::gap;
    } else {
      ++run_.t.replies;
    }
    if (!log_) return;
    const bool jsonl = run_.set.fmt == format::jsonl;
    const command* answers = log_->server_event(e, jsonl ? nullptr : &run_.rows);
    if (!jsonl) {
      write_rows();
      return;
    }
    ftpreply_tools::json_object j;
    add_event_fields(j, e);
    j.text("client", flow_.client).text("server", flow_.server);
    char ts[32];
    std::snprintf(ts, sizeof ts, "%.6f", run_.reader->now());
    j.raw("ts", ts);
    if (answers) {
      j.bytes("command", answers->verb).bytes("arg", answers->arg);
    } else {
      j.null("command").null("arg");
    }
    if (run_.set.decode && e.is_reply()) {
      if (const char* d = decoder_for(e.code())) {
        std::string payload;
        const ftpreply::error pe = decode_payload(d, e.bytes(), decode_mode(), &payload);
        if (pe == ftpreply::error::ok) {
          j.raw("payload", payload);
        } else {
          j.text("payload_error", ftpreply::to_string(pe));
        }
      }
    }
    run_.out.line(j.finish());
  }

  void write_rows() {
    for (const ftp_record& r : run_.rows) {
      std::string line;
      if (run_.set.fmt == format::zeek) {
        if (run_.before_row) run_.before_row(run_.reader->stats());
        line = ftpreply_capture::zeek_tsv_row(r);
      } else {
        line = ftpreply_capture::zeek_json_row(r);
      }
      line.pop_back();  // the writer adds the line end
      run_.out.line(line);
    }
    run_.rows.clear();
  }

  ftpreply::decode_mode decode_mode() const {
    return run_.set.scan.strict ? ftpreply::decode_mode::strict : ftpreply::decode_mode::lenient;
  }

  flow& flow_;
  file_run& run_;
  ftpreply::scanner scanner_;
  std::string pending_;  // server bytes not consumed yet (at most max_reply)
  std::unique_ptr<ftpreply_capture::ftp_session> log_;  // none when counting
  reply_sink replies_;
  command_sink commands_;
};

void reply_sink::data(const uint8_t* p, size_t n) { s_.scan(p, n, 0, false); }
void reply_sink::gap(uint64_t lost) { s_.scan(nullptr, 0, lost, false); }
void command_sink::data(const uint8_t* p, size_t n) { s_.command_bytes(p, n); }
void command_sink::gap(uint64_t) { s_.command_gap(); }

class handler final : public ftpreply_capture::flow_handler {
 public:
  explicit handler(file_run& run) : run_(run) {}
  void opened(flow& f) override { f.user = std::make_shared<session>(f, run_); }
  stream_sink& replies(flow& f) override { return state(f).replies(); }
  stream_sink& commands(flow& f) override { return state(f).commands(); }
  void closed(flow& f, bool evicted) override {
    state(f).scan(nullptr, 0, 0, true);
    state(f).close();
    if (evicted && !run_.set.count && run_.set.fmt == format::jsonl) {
      ftpreply_tools::json_object j;
      j.text("event", "evicted").text("client", f.client).text("server", f.server);
      char ts[32];
      std::snprintf(ts, sizeof ts, "%.6f", run_.reader->now());
      j.raw("ts", ts);
      run_.out.line(j.finish());
    }
    f.user.reset();
  }

 private:
  static session& state(flow& f) { return *static_cast<session*>(f.user.get()); }
  file_run& run_;
};

// What reading one file left: its totals, its reader's counts, and whether
// it opened and read to its end.
struct file_result {
  totals t;
  ftpreply_capture::capture_stats stats;
  bool opened = false, whole = false;
  std::string error;
};

file_result read_file(const std::string& path, const settings& set, line_writer& out,
                      std::function<void(const ftpreply_capture::capture_stats&)> before_row) {
  file_result res;
  file_run run{out, set, std::move(before_row), {}, nullptr, {}};
  handler h(run);
  ftpreply_capture::capture_reader reader(set.capture, h);
  run.reader = &reader;
  if (!reader.open(path, &res.error)) return res;
  res.opened = true;
  res.whole = reader.run();
  if (!res.whole) res.error = reader.error();
  res.t = run.t;
  res.stats = reader.stats();
  return res;
}

// The Zeek TSV header goes before the first row, with the time of the
// first packet of the archive; the #close line after the last.
struct zeek_frame {
  bool header_written = false;
  bool any_packet = false;
  double open_ts = 0, close_ts = 0;
  void saw(const ftpreply_capture::capture_stats& s) {
    if (s.packets == 0) return;
    if (!any_packet) open_ts = s.first_ts;
    any_packet = true;
    close_ts = s.last_ts;
  }
  void header(line_writer& out) {
    if (header_written) return;
    header_written = true;
    std::string h = ftpreply_capture::zeek_tsv_header(open_ts);
    h.pop_back();
    out.line(h);
  }
};

std::vector<std::string> split_commands(const std::string& list) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= list.size()) {
    const size_t j = std::min(list.find(',', i), list.size());
    std::string c = list.substr(i, j - i);
    for (char& ch : c)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (c == "<INIT>") c = "<init>";
    if (!c.empty()) out.push_back(c);
    i = j + 1;
  }
  return out;
}

}  // namespace

int cmd_pcap(const std::vector<std::string>& args) {
  settings set;
  set.capture.ports.clear();
  bool strict = false, lenient = false;
  uint64_t max_flows = set.capture.max_flows, window = set.capture.window, jobs = 1;
  std::string fmt = "jsonl", log_commands;
  const std::vector<option_def> options = {
      {"--port", true, "--port needs a port number from 1 to 65535",
       [&](const std::string& v) {
         uint64_t p = 0;
         if (!parse_number(v, 1, 65535, &p)) return std::string("--port needs a port number from 1 to 65535");
         set.capture.ports.push_back(static_cast<uint16_t>(p));
         return std::string();
       }},
      flag_option("--strict", &strict),
      flag_option("--lenient", &lenient),
      flag_option("--decode", &set.decode),
      flag_option("--count", &set.count),
      flag_option("--show-passwords", &set.log.show_passwords),
      {"--format", true, "--format needs jsonl, zeek or zeek-json",
       [&](const std::string& v) {
         if (v != "jsonl" && v != "zeek" && v != "zeek-json")
           return std::string("--format needs jsonl, zeek or zeek-json");
         fmt = v;
         return std::string();
       }},
      {"--log-commands", true, "--log-commands needs a comma-separated list of commands, or all",
       [&](const std::string& v) {
         if (split_commands(v).empty())
           return std::string("--log-commands needs a comma-separated list of commands, or all");
         log_commands = v;
         return std::string();
       }},
      number_option("--jobs", 1, 64, &jobs, "--jobs needs a number from 1 to 64"),
      number_option("--max-flows", 1, 100000000, &max_flows,
                    "--max-flows needs a number from 1 to 100000000"),
      number_option("--window", 1, uint64_t{1} << 30, &window,
                    "--window needs a number of bytes from 1 to 1073741824")};
  operand_rule rule;
  rule.most = 100000;
  rule.too_many = "100000 captures at most";
  std::vector<std::string> operands;
  const int rc0 = parse_args("pcap", kHelp, args, options, rule, &operands);
  if (rc0 >= 0) return rc0;
  if (strict && lenient) return usage_error("pcap", "--strict and --lenient exclude each other");
  if (operands.empty()) operands.push_back("-");
  if (operands.size() > 1)
    for (const std::string& o : operands)
      if (o == "-") return usage_error("pcap", "standard input (-) must be the only capture");
  set.fmt = fmt == "zeek" ? format::zeek : fmt == "zeek-json" ? format::zeek_json : format::jsonl;
  if (set.decode && set.fmt != format::jsonl)
    return usage_error("pcap", "--decode goes with --format jsonl");
  if (log_commands == "all" || log_commands == "ALL") set.log.all = true;
  else set.log.commands = split_commands(log_commands);
  std::sort(set.log.commands.begin(), set.log.commands.end());
  if (set.capture.ports.empty()) set.capture.ports.push_back(21);
  set.capture.max_flows = static_cast<size_t>(max_flows);
  set.capture.window = static_cast<size_t>(window);
  set.scan = strict ? ftpreply::options::strict_rfc959() : ftpreply::options::lenient();
  const auto start = std::chrono::steady_clock::now();

  line_writer out;
  bool write_failed = false;
  zeek_frame frame;
  const bool tsv = set.fmt == format::zeek && !set.count;
  std::vector<file_result> results(operands.size());
  if (jobs <= 1 || operands.size() == 1) {
    // One file after another, straight to the output.
    for (size_t i = 0; i < operands.size(); ++i) {
      results[i] = read_file(operands[i], set, out, [&](const ftpreply_capture::capture_stats& s) {
        if (!frame.header_written) {
          frame.saw(s);  // this file's first packet, if no earlier file had one
          frame.header(out);
        }
      });
      frame.saw(results[i].stats);
    }
  } else {
    // N readers, each file's output in a temporary file; copied out in the
    // files' order as each is done, so the output is the same for every N.
    std::vector<std::FILE*> parts(operands.size(), nullptr);
    std::vector<bool> done(operands.size(), false);
    std::mutex m;
    std::condition_variable cv;
    size_t next = 0;
    auto worker = [&] {
      for (;;) {
        size_t i;
        {
          std::lock_guard<std::mutex> lock(m);
          if (next == operands.size()) return;
          i = next++;
        }
        std::FILE* f = std::tmpfile();
        file_result r;
        if (f == nullptr) {
          r.error = "cannot make a temporary file";
        } else {
          line_writer w(f);
          r = read_file(operands[i], set, w, nullptr);
          if (!w.flush()) {
            r.opened = false;
            r.error = "cannot write a temporary file";
          }
        }
        std::lock_guard<std::mutex> lock(m);
        results[i] = std::move(r);
        parts[i] = f;
        done[i] = true;
        cv.notify_all();
      }
    };
    std::vector<std::thread> pool;
    for (uint64_t k = 0; k < jobs && k < operands.size(); ++k) pool.emplace_back(worker);
    for (size_t i = 0; i < operands.size(); ++i) {
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return done[i]; });
      }
      std::FILE* f = parts[i];
      if (f == nullptr) continue;
      std::rewind(f);
      char buf[1 << 16];
      size_t n = std::fread(buf, 1, sizeof buf, f);
      if (n > 0 && tsv) {
        frame.saw(results[i].stats);
        frame.header(out);
      }
      out.flush();
      while (n > 0) {
        if (std::fwrite(buf, 1, n, stdout) != n) write_failed = true;
        n = std::fread(buf, 1, sizeof buf, f);
      }
      std::fclose(f);
      frame.saw(results[i].stats);
    }
    for (std::thread& t : pool) t.join();
  }
  if (tsv) {
    frame.header(out);
    std::string close = ftpreply_capture::zeek_tsv_close(frame.close_ts);
    close.pop_back();
    out.line(close);
  }

  totals t;
  ftpreply_capture::capture_stats s;
  bool unreadable = false, broke_off = false;
  for (size_t i = 0; i < operands.size(); ++i) {
    const file_result& r = results[i];
    if (!r.opened) {
      std::fprintf(stderr, "ftpreply pcap: %s\n", r.error.c_str());
      unreadable = true;
      continue;
    }
    if (!r.whole) {
      std::fprintf(stderr, "ftpreply pcap: %s: the capture broke off: %s\n", operands[i].c_str(),
                   r.error.c_str());
      broke_off = true;
    }
    t.replies += r.t.replies;
    t.errors += r.t.errors;
    t.gap_errors += r.t.gap_errors;
    const ftpreply_capture::capture_stats& x = r.stats;
    s.flows += x.flows, s.packets += x.packets, s.bytes += x.bytes, s.evicted += x.evicted;
    s.lost_bytes += x.lost_bytes, s.duplicate_bytes += x.duplicate_bytes;
    s.out_of_order += x.out_of_order, s.snaplen_cut += x.snaplen_cut;
    s.truncated += x.truncated, s.malformed += x.malformed, s.fragments += x.fragments;
    s.other += x.other, s.ignored += x.ignored;
  }
  const uint64_t skipped = s.truncated + s.malformed + s.fragments;
  if (set.count) {
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
        .field("broke_off", static_cast<uint64_t>(broke_off));
    out.line(j.finish());
  }
  if (!out.flush() || write_failed) {
    std::fprintf(stderr, "ftpreply pcap: cannot write the output\n");
    return exit_usage;
  }
  if (unreadable) return exit_usage;
  return t.errors || skipped || broke_off ? exit_errors : exit_ok;
}

}  // namespace ftpreply_cli
