// SPDX-License-Identifier: Apache-2.0
// Reading FTP control connections out of a capture file: libpcap reads
// pcap or pcapng, packet.h decodes each frame, flows are tracked per
// connection (which side is the server: a port of `ports`, or the side
// whose first bytes are a 220 greeting), and each direction is put back in
// order by a reassembler. A handler receives each flow's two byte streams,
// with their gaps, in capture order.
//
// Memory is bounded: at most `max_flows` flows (the longest idle is
// evicted), each holding at most `window` out-of-order bytes per
// direction, plus what the handler keeps.
#ifndef FTPREPLY_TOOLS_CAPTURE_CAPTURE_H
#define FTPREPLY_TOOLS_CAPTURE_CAPTURE_H

#include <cstdint>
#include <cstdio>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "packet.h"
#include "reassembly.h"

struct pcap;

namespace ftpreply_capture {

struct capture_options {
  std::vector<uint16_t> ports{21};  // server ports
  size_t window = 256 * 1024;       // out-of-order bytes held per direction
  size_t max_flows = 65536;
  size_t messages = 5;              // problems described on stderr, per kind
};

struct capture_stats {
  uint64_t packets = 0, bytes = 0;  // read from the file (captured bytes)
  uint64_t tcp = 0;                 // TCP segments decoded
  uint64_t other = 0;               // not TCP over IP
  uint64_t fragments = 0, truncated = 0, malformed = 0;  // skipped, with a message
  uint64_t snaplen_cut = 0;         // payload cut short: the rest a gap
  uint64_t ignored = 0;             // TCP segments of flows that are not FTP
  uint64_t flows = 0, evicted = 0;
  uint64_t duplicate_bytes = 0, out_of_order = 0, gaps = 0, lost_bytes = 0;
  bool read_error = false;          // the file ended in the middle of a record
  double first_ts = 0, last_ts = 0;  // capture times of the first and last packets
};

// One connection. The handler keeps its own state in `user`.
struct flow {
  address client_addr, server_addr;
  uint16_t client_port = 0, server_port = 0;
  std::string client, server;  // "ADDR:PORT" text
  reassembler from_server, from_client;
  uint64_t serial = 0;         // the order flows were opened in
  std::shared_ptr<void> user;
  std::list<flow*>::iterator idle;  // its place in the idle order
  flow(size_t window) : from_server(window), from_client(window) {}
};

class flow_handler {
 public:
  virtual ~flow_handler() = default;
  virtual void opened(flow& f) = 0;
  // The sinks of the server's bytes (the replies) and the client's (the
  // commands).
  virtual stream_sink& replies(flow& f) = 0;
  virtual stream_sink& commands(flow& f) = 0;
  // Both directions were flushed: the flow ended (FIN, RST, the end of the
  // capture), or was evicted to make room.
  virtual void closed(flow& f, bool evicted) = 0;
};

class capture_reader {
 public:
  capture_reader(const capture_options& opt, flow_handler& handler);
  ~capture_reader();
  capture_reader(const capture_reader&) = delete;
  capture_reader& operator=(const capture_reader&) = delete;

  // Opens a pcap or pcapng file ("-": standard input). False with a
  // message when it cannot be read or its link type is not supported.
  bool open(const std::string& path, std::string* error);
  // The same over a capture file's bytes in memory (kept until run() ends).
  bool open_memory(const void* data, size_t size, std::string* error);
  // Reads every packet, then ends every flow still open. False when the
  // file broke off (error() says how); what was read is delivered.
  bool run();
  const std::string& error() const { return error_; }
  const capture_stats& stats() const { return stats_; }
  // The capture time of the packet being handled, in seconds.
  double now() const { return now_; }

 private:
  struct key {
    address a, b;
    uint16_t pa = 0, pb = 0;
    bool operator==(const key& o) const;
  };
  struct key_hash {
    size_t operator()(const key& k) const;
  };
  static key key_of(const address& x, uint16_t px, const address& y, uint16_t py);
  void packet(const uint8_t* frame, uint32_t caplen, uint32_t len);
  void segment(const tcp_segment& s);
  flow* open_flow(const key& k, const tcp_segment& s, bool src_is_server);
  void end(flow* f, bool evicted);
  bool is_server_port(uint16_t p) const;
  bool check_link(const std::string& name, std::string* error);
  void note(uint64_t* counter, const std::string& what);

  capture_options opt_;
  flow_handler& handler_;
  pcap* pcap_ = nullptr;
  std::FILE* memory_ = nullptr;  // open_memory()'s stream, closed by pcap_close
  int link_ = 0;
  std::unordered_map<key, std::unique_ptr<flow>, key_hash> flows_;
  std::list<flow*> idle_;  // most recently active first
  capture_stats stats_;
  double now_ = 0;
  std::string error_;
};

// True when `head` (a file's first bytes) starts like a pcap or pcapng file.
bool looks_like_capture(const std::string& head);

// The server side of every FTP connection in a capture, each flow's bytes
// whole and one flow after another (in the order they ended), for
// measuring on them; bytes the capture lost are left out. False with a
// message when the file cannot be read.
bool server_streams(const std::string& path, const capture_options& opt, std::string* out,
                    std::string* error);

}  // namespace ftpreply_capture

#endif
