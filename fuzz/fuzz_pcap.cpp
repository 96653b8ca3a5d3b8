// SPDX-License-Identifier: Apache-2.0
// fuzz_pcap: the capture reader, the reassembler, and the session and
// log writers over what they deliver.
//
// Invariants checked:
//  1. Any bytes as a capture file (mode byte even): libpcap's reader,
//     packet decoding, flows and reassembly never crash or read outside
//     what they were given; each direction's stream only grows (data and
//     gaps), never holds more than the window out of order, and the
//     scanner fed with it (with the gaps) keeps its contract: events in
//     order, inside what was delivered. Each flow's session (every
//     command logged) pairs its commands and events, and each ftp.log
//     row it gives is one TSV line of 19 fields and one JSON object on
//     one line, with the connection's uid.
//  2. Any order of segments (mode byte odd): a stream of up to 255 bytes
//     cut by the input into segments sent in the input's order, each
//     maybe twice, maybe overlapping, then a FIN. Every byte delivered is
//     the stream's byte at that offset; the stream ends at its length,
//     whatever was lost; and when the segments covered the stream, nothing
//     was lost.
//
// Input: mode byte, then the capture file (even), or (odd) the stream's
// length, the stream, then segments of 3 bytes each (offset, length,
// flags: bit 0 send it twice).
#include <algorithm>
#include <string>
#include <vector>

#include "capture.h"
#include "fuzz_input.h"
#include "reassembly.h"
#include "session.h"
#include "zeek_log.h"

namespace {

using namespace ftpreply_capture;

constexpr size_t kWindow = 4096;

log_options every_command() {
  log_options o;
  o.all = true;
  return o;
}
const log_options kLog = every_command();

// Rows the session gave, through both writers.
void check_rows(std::vector<ftp_record>* rows, const std::string& uid) {
  for (const ftp_record& r : *rows) {
    ftpreply_fuzz::check(r.uid == uid && uid.size() == 18, "a row with another uid");
    const std::string tsv = zeek_tsv_row(r);
    ftpreply_fuzz::check(std::count(tsv.begin(), tsv.end(), '\t') == 18, "a TSV row not of 19 fields");
    ftpreply_fuzz::check(tsv.find('\n') == tsv.size() - 1, "a TSV row not on one line");
    const std::string json = zeek_json_row(r);
    ftpreply_fuzz::check(json.front() == '{' && json.find('\n') == json.size() - 1 &&
                             json[json.size() - 2] == '}',
                         "a JSON row not one object on one line");
    for (char c : json)
      ftpreply_fuzz::check(static_cast<unsigned char>(c) >= 0x20 || c == '\n',
                           "a control byte in a JSON row");
  }
  rows->clear();
}

// A direction's stream: what it delivered, checked as it grows.
class checked_sink final : public stream_sink {
 public:
  void data(const uint8_t* p, size_t n) override {
    ftpreply_fuzz::check(n > 0, "an empty delivery");
    ftpreply_fuzz::check(reference_ == nullptr ||
                             (position_ + n <= reference_->size() &&
                              reference_->compare(position_, n, reinterpret_cast<const char*>(p), n) == 0),
                         "delivered bytes that are not the stream's at their offset");
    if (scan_) feed(reinterpret_cast<const char*>(p), n, 0);
    bytes_.append(reinterpret_cast<const char*>(p), n);
    position_ += n;
  }
  void gap(uint64_t lost) override {
    ftpreply_fuzz::check(lost > 0, "a gap of nothing");
    if (scan_) feed(nullptr, 0, lost);
    lost_ += lost;
    position_ += lost;
  }
  void end() {
    if (scan_) feed(nullptr, 0, 0);
  }
  uint64_t position() const { return position_; }
  uint64_t lost() const { return lost_; }
  const std::string& bytes() const { return bytes_; }
  void scan_it(ftp_session* log, const std::string* uid) {
    scan_ = true;
    log_ = log;
    uid_ = uid;
  }
  // The stream the deliveries must match, offset for offset.
  void expect(const std::string* stream) { reference_ = stream; }

 private:
  // The scanner over the stream, its pending bytes kept as a caller does.
  void feed(const char* p, size_t n, uint64_t lost) {
    pending_.append(p ? p : "", n);
    ftpreply::event ev[16];
    for (;;) {
      const bool at_end = p == nullptr && lost == 0;
      const ftpreply::scan_result r =
          at_end ? scanner_.finish(pending_.data(), pending_.size(), ev, 16)
          : lost ? scanner_.gap(pending_.data(), pending_.size(), lost, ev, 16)
                 : scanner_.scan(pending_.data(), pending_.size(), ev, 16);
      ftpreply_fuzz::check(r.consumed <= pending_.size(), "the scanner consumed too much");
      for (size_t i = 0; i < r.events; ++i) {
        ftpreply_fuzz::check(ev[i].start() >= last_end_, "events out of order");
        last_end_ = ev[i].start() + ev[i].length();
        ftpreply_fuzz::check(last_end_ <= position_ + n + lost, "an event past the stream");
        if (log_) {
          std::vector<ftp_record> rows;
          (void)log_->server_event(ev[i], &rows);
          check_rows(&rows, *uid_);
        }
      }
      pending_.erase(0, r.consumed);
      if (!r.output_full) break;
    }
  }
  bool scan_ = false;
  ftp_session* log_ = nullptr;
  const std::string* uid_ = nullptr;
  ftpreply::scanner scanner_;
  std::string pending_, bytes_;
  uint64_t position_ = 0, lost_ = 0, last_end_ = 0;
  const std::string* reference_ = nullptr;
};

struct flow_state;

// The client's bytes, checked, then to the session's commands.
class command_sink final : public stream_sink {
 public:
  explicit command_sink(flow_state& s) : s_(s) {}
  void data(const uint8_t* p, size_t n) override;
  void gap(uint64_t lost) override;

 private:
  flow_state& s_;
};

// A flow's two directions and its session: the server's events go to the
// session's pairing and rows (through `server`), the client's bytes to
// its commands.
struct flow_state {
  explicit flow_state(const flow& f)
      : log(kLog, f.client_addr, f.client_port, f.server_addr, f.server_port, 0),
        uid(connection_uid(f.client_addr, f.client_port, f.server_addr, f.server_port, 0)),
        commands(*this) {
    server.scan_it(&log, &uid);
  }
  ftp_session log;
  std::string uid;
  checked_sink server, client;
  command_sink commands;
};

void command_sink::data(const uint8_t* p, size_t n) {
  s_.client.data(p, n);
  s_.log.client_bytes(p, n, 0);
}
void command_sink::gap(uint64_t lost) {
  s_.client.gap(lost);
  s_.log.client_gap();
}

class handler final : public flow_handler {
 public:
  void opened(flow& f) override { f.user = std::make_shared<flow_state>(f); }
  stream_sink& replies(flow& f) override { return state(f).server; }
  stream_sink& commands(flow& f) override {
    ftpreply_fuzz::check(f.from_server.held() <= kWindow && f.from_client.held() <= kWindow,
                         "more held out of order than the window");
    return state(f).commands;
  }
  void closed(flow& f, bool) override {
    flow_state& s = state(f);
    s.server.end();
    std::vector<ftp_record> rows;
    s.log.close(&rows);
    check_rows(&rows, s.uid);
    f.user.reset();
  }

 private:
  static flow_state& state(flow& f) { return *static_cast<flow_state*>(f.user.get()); }
};

void capture_file(const std::string& bytes) {
  capture_options opt;
  opt.window = kWindow;
  opt.max_flows = 8;
  opt.messages = 0;
  opt.ports = {21, 2121};
  handler h;
  capture_reader reader(opt, h);
  std::string error;
  if (!reader.open_memory(bytes.data(), bytes.size(), &error)) return;
  (void)reader.run();
  const capture_stats& s = reader.stats();
  ftpreply_fuzz::check(s.evicted <= s.flows, "evicted more flows than there were");
}

void segment_orders(ftpreply_fuzz::input& in) {
  const size_t n = in.byte();
  std::string stream;
  for (size_t i = 0; i < n; ++i) stream += static_cast<char>(in.byte());
  const uint32_t isn = 0xFFFFFF00u;  // wraps inside the stream
  reassembler r(kWindow);
  checked_sink sink;
  sink.expect(&stream);
  r.segment(isn, tcp_syn, nullptr, 0, 0, sink);
  std::vector<bool> covered(n);
  while (in.remaining() >= 3) {
    const size_t off = in.byte() % (n + 1);
    const size_t len = std::min<size_t>(in.byte(), n - off);
    const uint8_t flags = in.byte();
    for (int k = 0; k < (flags & 1 ? 2 : 1); ++k)
      r.segment(static_cast<uint32_t>(isn + 1 + off), 0,
                reinterpret_cast<const uint8_t*>(stream.data()) + off, len, 0, sink);
    for (size_t i = off; i < off + len; ++i) covered[i] = true;
  }
  r.segment(static_cast<uint32_t>(isn + 1 + n), tcp_fin, nullptr, 0, 0, sink);
  r.flush(sink);
  ftpreply_fuzz::check(sink.position() == n, "the stream does not end at its length");
  ftpreply_fuzz::check(r.closed(), "the FIN was not reached");
  const std::string& got = sink.bytes();
  ftpreply_fuzz::check(got.size() + sink.lost() == n, "delivered and lost do not add up");
  if (std::all_of(covered.begin(), covered.end(), [](bool b) { return b; }))
    ftpreply_fuzz::check(sink.lost() == 0 && got == stream, "a covered stream lost bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftpreply_fuzz::input in(data, size);
  const uint8_t mode = in.byte();
  if (mode % 2 == 0) {
    capture_file(in.rest());
  } else {
    segment_orders(in);
  }
  return 0;
}
