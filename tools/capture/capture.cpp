// SPDX-License-Identifier: Apache-2.0
#include "capture.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ftpreply_capture {

bool capture_reader::key::operator==(const key& o) const {
  return pa == o.pa && pb == o.pb && a == o.a && b == o.b;
}

size_t capture_reader::key_hash::operator()(const key& k) const {
  // FNV-1a over the addresses and ports.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  };
  mix(k.a.bytes, 16);
  mix(k.b.bytes, 16);
  const uint8_t ports[4] = {static_cast<uint8_t>(k.pa), static_cast<uint8_t>(k.pa >> 8),
                            static_cast<uint8_t>(k.pb), static_cast<uint8_t>(k.pb >> 8)};
  mix(ports, 4);
  return static_cast<size_t>(h);
}

capture_reader::capture_reader(const capture_options& opt, flow_handler& handler)
    : opt_(opt), handler_(handler) {}

capture_reader::~capture_reader() {
  if (pcap_) pcap_close(pcap_);
}

bool capture_reader::open(const std::string& path, std::string* error) {
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap_ = pcap_open_offline(path.c_str(), err);
  if (pcap_ == nullptr) {
    *error = path + ": " + err;
    return false;
  }
  return check_link(path, error);
}

bool capture_reader::open_memory(const void* data, size_t size, std::string* error) {
  memory_ = fmemopen(const_cast<void*>(data), size, "rb");
  if (memory_ == nullptr) {
    *error = "cannot open the capture in memory";
    return false;
  }
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap_ = pcap_fopen_offline(memory_, err);
  if (pcap_ == nullptr) {
    std::fclose(memory_);
    memory_ = nullptr;
    *error = std::string("memory: ") + err;
    return false;
  }
  return check_link("memory", error);
}

bool capture_reader::check_link(const std::string& name, std::string* error) {
  link_ = pcap_datalink(pcap_);
  if (link_supported(link_)) return true;
  const char* text = pcap_datalink_val_to_name(link_);
  *error = name + ": link type " + (text ? text : "?") + " (" + std::to_string(link_) +
           ") is not supported (Ethernet, Linux SLL and SLL2, raw IP, loopback are)";
  return false;
}

void capture_reader::note(uint64_t* counter, const std::string& what) {
  if (++*counter <= opt_.messages)
    std::fprintf(stderr, "ftpreply pcap: packet %llu: %s\n",
                 static_cast<unsigned long long>(stats_.packets), what.c_str());
}

bool capture_reader::run() {
  pcap_pkthdr* h = nullptr;
  const u_char* data = nullptr;
  int rc;
  while ((rc = pcap_next_ex(pcap_, &h, &data)) == 1) {
    ++stats_.packets;
    stats_.bytes += h->caplen;
    now_ = static_cast<double>(h->ts.tv_sec) + static_cast<double>(h->ts.tv_usec) * 1e-6;
    if (stats_.packets == 1) stats_.first_ts = now_;
    stats_.last_ts = now_;
    packet(data, h->caplen, h->len);
  }
  if (rc == PCAP_ERROR) {
    error_ = pcap_geterr(pcap_);
    stats_.read_error = true;
  }
  // Every flow still open ends with the capture, in the order they opened.
  std::vector<flow*> left;
  for (auto& kv : flows_) left.push_back(kv.second.get());
  std::sort(left.begin(), left.end(), [](flow* x, flow* y) { return x->serial < y->serial; });
  for (flow* f : left) end(f, false);
  return !stats_.read_error;
}

void capture_reader::packet(const uint8_t* frame, uint32_t caplen, uint32_t len) {
  tcp_segment s;
  switch (decode_packet(link_, frame, caplen, len, &s)) {
    case packet_status::tcp:
      ++stats_.tcp;
      if (s.missing) {
        note(&stats_.snaplen_cut, "the snapshot length cut " + std::to_string(s.missing) +
                                      " payload bytes off: declared lost");
      }
      segment(s);
      return;
    case packet_status::other:
      ++stats_.other;
      return;
    case packet_status::fragment:
      note(&stats_.fragments, "an IP fragment: skipped (fragments are not reassembled)");
      return;
    case packet_status::truncated:
      note(&stats_.truncated, "the snapshot length (" + std::to_string(caplen) + " of " +
                                  std::to_string(len) + " bytes) cut into its headers: skipped");
      return;
    case packet_status::malformed:
      note(&stats_.malformed, "its IP or TCP header lengths do not hold together: skipped");
      return;
  }
}

bool capture_reader::is_server_port(uint16_t p) const {
  return std::find(opt_.ports.begin(), opt_.ports.end(), p) != opt_.ports.end();
}

capture_reader::key capture_reader::key_of(const address& x, uint16_t px, const address& y,
                                           uint16_t py) {
  // One key for both directions: the lower endpoint first.
  const int c = std::memcmp(x.bytes, y.bytes, 16);
  const bool x_first = c < 0 || (c == 0 && px < py);
  key k;
  k.a = x_first ? x : y;
  k.b = x_first ? y : x;
  k.pa = x_first ? px : py;
  k.pb = x_first ? py : px;
  return k;
}

void capture_reader::segment(const tcp_segment& s) {
  const key k = key_of(s.src, s.sport, s.dst, s.dport);
  flow* f = nullptr;
  auto it = flows_.find(k);
  if (it != flows_.end()) {
    f = it->second.get();
    idle_.splice(idle_.begin(), idle_, f->idle);
  } else {
    // A flow starts with a SYN or with bytes; a stray ACK or RST of one
    // that ended opens none.
    if (!(s.flags & tcp_syn) && s.payload_len + s.missing == 0) return;
    bool src_is_server;
    if (is_server_port(s.dport) && !is_server_port(s.sport)) {
      src_is_server = false;
    } else if (is_server_port(s.sport)) {
      src_is_server = true;
    } else if (s.payload_len >= 4 && std::memcmp(s.payload, "220", 3) == 0 &&
               (s.payload[3] == ' ' || s.payload[3] == '-')) {
      src_is_server = true;  // a greeting on another port
    } else {
      ++stats_.ignored;
      return;
    }
    f = open_flow(k, s, src_is_server);
  }
  const bool from_server = s.src == f->server_addr && s.sport == f->server_port;
  reassembler& r = from_server ? f->from_server : f->from_client;
  r.segment(s.seq, s.flags, s.payload, s.payload_len, s.missing,
            from_server ? handler_.replies(*f) : handler_.commands(*f));
  if ((f->from_server.closed() && f->from_client.closed()) || (s.flags & tcp_rst)) end(f, false);
}

flow* capture_reader::open_flow(const key& k, const tcp_segment& s, bool src_is_server) {
  if (flows_.size() >= opt_.max_flows && !idle_.empty()) end(idle_.back(), true);
  auto owned = std::make_unique<flow>(opt_.window);
  flow* f = owned.get();
  f->server_addr = src_is_server ? s.src : s.dst;
  f->server_port = src_is_server ? s.sport : s.dport;
  f->client_addr = src_is_server ? s.dst : s.src;
  f->client_port = src_is_server ? s.dport : s.sport;
  f->client = endpoint_text(f->client_addr, f->client_port);
  f->server = endpoint_text(f->server_addr, f->server_port);
  f->serial = stats_.flows++;
  idle_.push_front(f);
  f->idle = idle_.begin();
  flows_.emplace(k, std::move(owned));
  handler_.opened(*f);
  return f;
}

void capture_reader::end(flow* f, bool evicted) {
  f->from_server.flush(handler_.replies(*f));
  f->from_client.flush(handler_.commands(*f));
  for (const reassembler* r : {&f->from_server, &f->from_client}) {
    stats_.duplicate_bytes += r->stats().duplicate;
    stats_.out_of_order += r->stats().out_of_order;
    stats_.gaps += r->stats().gaps;
    stats_.lost_bytes += r->stats().lost;
  }
  stats_.evicted += evicted;
  handler_.closed(*f, evicted);
  idle_.erase(f->idle);
  const key k = key_of(f->client_addr, f->client_port, f->server_addr, f->server_port);
  flows_.erase(k);
}

namespace {

// Collects each flow's server bytes, then appends them whole at its end.
class stream_collector final : public flow_handler {
 public:
  explicit stream_collector(std::string* out) : out_(out) {}
  void opened(flow& f) override { f.user = std::make_shared<bytes_sink>(); }
  stream_sink& replies(flow& f) override { return *static_cast<bytes_sink*>(f.user.get()); }
  stream_sink& commands(flow&) override { return ignored_; }
  void closed(flow& f, bool) override {
    out_->append(static_cast<bytes_sink*>(f.user.get())->bytes);
    f.user.reset();
  }

 private:
  struct bytes_sink final : stream_sink {
    std::string bytes;
    void data(const uint8_t* p, size_t n) override { bytes.append(reinterpret_cast<const char*>(p), n); }
    void gap(uint64_t) override {}
  };
  struct ignore_sink final : stream_sink {
    void data(const uint8_t*, size_t) override {}
    void gap(uint64_t) override {}
  };
  std::string* out_;
  ignore_sink ignored_;
};

}  // namespace

bool looks_like_capture(const std::string& head) {
  if (head.size() < 4) return false;
  uint32_t m;
  std::memcpy(&m, head.data(), 4);
  // pcap (micro- and nanosecond, either byte order), then pcapng.
  return m == 0xA1B2C3D4u || m == 0xD4C3B2A1u || m == 0xA1B23C4Du || m == 0x4D3CB2A1u ||
         m == 0x0A0D0D0Au;
}

bool server_streams(const std::string& path, const capture_options& opt, std::string* out,
                    std::string* error) {
  stream_collector c(out);
  capture_reader reader(opt, c);
  if (!reader.open(path, error)) return false;
  if (!reader.run()) {
    *error = path + ": " + reader.error();
    return false;
  }
  return true;
}

}  // namespace ftpreply_capture
