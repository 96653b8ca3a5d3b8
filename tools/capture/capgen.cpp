// SPDX-License-Identifier: Apache-2.0
// ftpreply_capgen: turns a stream of replies into a capture of FTP control
// connections, for the tests, the fuzz seeds and the capture benchmark.
//
// Usage: ftpreply_capgen [OPTIONS] STREAM OUT
//   --format pcap|pcapng   (pcap)
//   --link ethernet|vlan|qinq|sll|sll2|raw|null|loop   (ethernet)
//   --ipv6                 IPv6 addresses (IPv4 otherwise)
//   --flows N              N connections, each carrying the whole stream as
//                          its server's bytes, their segments interleaved (1)
//   --segment N            payload bytes per server segment (1460)
//   --segment-replies      one reply per server segment (cut where the
//                          lenient scanner ends each reply)
//   --commands             the client sends "NOOP\r\n" before each reply
//                          segment (with --segment-replies)
//   --reorder P --duplicate P --overlap P --loss P
//                          percent of server segments swapped with the next,
//                          sent twice, retransmitted overlapping the previous
//                          one, or never sent (0)
//   --snaplen N            bytes kept of each frame (262144)
//   --isn N                the server's first sequence number (from the seed)
//   --port N               the server port (21)
//   --seed S               (1)
//   --lost FILE            write each lost span as {"flow":F,"offset":O,"length":L}
// The handshake and FINs are never lost or reordered.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ftpreply/ftpreply.h"
#include "writer.h"

namespace {

using namespace ftpreply_capture;

struct piece {
  uint64_t offset, length;
};

int usage(const char* why) {
  std::fprintf(stderr, "ftpreply_capgen: %s (see the comment atop capgen.cpp)\n", why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  capture_format fmt;
  bool v6 = false, by_reply = false, commands = false;
  uint64_t flows = 1, seg = 1460, seed = 1, port = 21;
  double reorder = 0, dup = 0, overlap = 0, loss = 0;
  bool isn_given = false;
  uint64_t isn = 0;
  std::string lost_path;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    auto number = [&]() { return std::strtoull(value().c_str(), nullptr, 10); };
    if (a == "--format") {
      const std::string v = value();
      if (v != "pcap" && v != "pcapng") return usage("--format is pcap or pcapng");
      fmt.pcapng = v == "pcapng";
    } else if (a == "--link") {
      const std::string v = value();
      if (v == "ethernet") fmt.link = link_ethernet;
      else if (v == "vlan") fmt.link = link_ethernet, fmt.vlan_tags = 1;
      else if (v == "qinq") fmt.link = link_ethernet, fmt.vlan_tags = 2;
      else if (v == "sll") fmt.link = link_sll;
      else if (v == "sll2") fmt.link = link_sll2;
      else if (v == "raw") fmt.link = link_raw;
      else if (v == "null") fmt.link = link_null;
      else if (v == "loop") fmt.link = link_loop;
      else return usage("unknown --link");
    } else if (a == "--ipv6") v6 = true;
    else if (a == "--flows") flows = number();
    else if (a == "--segment") seg = number();
    else if (a == "--segment-replies") by_reply = true;
    else if (a == "--commands") commands = true;
    else if (a == "--reorder") reorder = std::atof(value().c_str());
    else if (a == "--duplicate") dup = std::atof(value().c_str());
    else if (a == "--overlap") overlap = std::atof(value().c_str());
    else if (a == "--loss") loss = std::atof(value().c_str());
    else if (a == "--snaplen") fmt.snaplen = static_cast<uint32_t>(number());
    else if (a == "--isn") isn = number(), isn_given = true;
    else if (a == "--port") port = number();
    else if (a == "--seed") seed = number();
    else if (a == "--lost") lost_path = value();
    else if (a.size() > 1 && a[0] == '-') return usage(("unknown option " + a).c_str());
    else files.push_back(a);
  }
  if (files.size() != 2) return usage("needs STREAM and OUT");
  if (flows == 0 || seg == 0 || port == 0 || port > 65535) return usage("a number is out of range");
  std::ifstream in(files[0], std::ios::binary);
  if (!in) return usage("cannot read STREAM");
  const std::string stream((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::FILE* out = std::fopen(files[1].c_str(), "wb");
  if (out == nullptr) return usage("cannot write OUT");
  std::FILE* lost_out = lost_path.empty() ? nullptr : std::fopen(lost_path.c_str(), "w");
  if (!lost_path.empty() && lost_out == nullptr) return usage("cannot write --lost");

  // The server's segments: fixed sizes, or one reply each.
  std::vector<piece> pieces;
  if (by_reply) {
    ftpreply::scanner s;
    uint64_t at = 0;
    ftpreply::scan_all(s, stream.data(), stream.size(), [&](const ftpreply::event& e) {
      const uint64_t end = e.start() + e.length();
      if (end > at) pieces.push_back({at, end - at});
      at = end;
    });
    if (at < stream.size()) pieces.push_back({at, stream.size() - at});
  } else {
    for (uint64_t at = 0; at < stream.size(); at += seg)
      pieces.push_back({at, std::min<uint64_t>(seg, stream.size() - at)});
  }

  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> pct(0, 100);
  struct flow_plan {
    address client, server;
    uint16_t cport;
    uint32_t server_isn, client_isn;
    std::vector<piece> sends;  // in sending order; length 0: a client command
    size_t next = 0;
    uint64_t client_sent = 0;
  };
  std::vector<flow_plan> plans(flows);
  for (uint64_t f = 0; f < flows; ++f) {
    flow_plan& p = plans[f];
    p.client = test_address(static_cast<uint32_t>(2 + f / 20000), v6);
    p.server = test_address(1, v6);
    p.cport = static_cast<uint16_t>(40000 + f % 20000);
    p.server_isn = isn_given ? static_cast<uint32_t>(isn) : static_cast<uint32_t>(rng());
    p.client_isn = static_cast<uint32_t>(rng());
    std::vector<bool> lost(pieces.size());
    for (size_t i = 0; i < pieces.size(); ++i) lost[i] = loss > 0 && pct(rng) < loss;
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (lost[i]) {
        if (lost_out)
          std::fprintf(lost_out, "{\"flow\":%llu,\"offset\":%llu,\"length\":%llu}\n",
                       static_cast<unsigned long long>(f),
                       static_cast<unsigned long long>(pieces[i].offset),
                       static_cast<unsigned long long>(pieces[i].length));
        continue;
      }
      if (commands) p.sends.push_back({0, 0});
      p.sends.push_back(pieces[i]);
      if (dup > 0 && pct(rng) < dup) p.sends.push_back(pieces[i]);
      if (overlap > 0 && i > 0 && !lost[i - 1] && pct(rng) < overlap) {
        // A retransmission from the middle of the previous segment into this one.
        const uint64_t from = pieces[i - 1].offset + pieces[i - 1].length / 2;
        p.sends.push_back({from, pieces[i].offset + pieces[i].length / 2 + 1 - from});
      }
    }
    if (reorder > 0)
      for (size_t i = 0; i + 1 < p.sends.size(); ++i)
        if (p.sends[i].length && p.sends[i + 1].length && pct(rng) < reorder)
          std::swap(p.sends[i], p.sends[i + 1]), ++i;
  }

  std::string buf;
  capture_writer w(fmt, &buf);
  double ts = 1700000000.0;
  auto flush = [&](bool force) {
    if (force || buf.size() > (1u << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), out);
      buf.clear();
    }
  };
  const auto sp = static_cast<uint16_t>(port);
  for (flow_plan& p : plans) {  // the handshakes
    w.segment(ts += 1e-6, p.client, p.cport, p.server, sp, p.client_isn, 0, tcp_syn, "");
    w.segment(ts += 1e-6, p.server, sp, p.client, p.cport, p.server_isn, p.client_isn + 1,
              tcp_syn | tcp_ack, "");
    w.segment(ts += 1e-6, p.client, p.cport, p.server, sp, p.client_isn + 1, p.server_isn + 1, 0, "");
    flush(false);
  }
  for (bool more = true; more;) {  // the data, one segment per flow per round
    more = false;
    for (flow_plan& p : plans) {
      if (p.next == p.sends.size()) continue;
      more = true;
      const piece& x = p.sends[p.next++];
      if (x.length == 0) {
        w.segment(ts += 1e-6, p.client, p.cport, p.server, sp,
                  static_cast<uint32_t>(p.client_isn + 1 + p.client_sent), p.server_isn + 1, 0,
                  "NOOP\r\n");
        p.client_sent += 6;
        continue;
      }
      w.segment(ts += 1e-6, p.server, sp, p.client, p.cport,
                static_cast<uint32_t>(p.server_isn + 1 + x.offset),
                static_cast<uint32_t>(p.client_isn + 1 + p.client_sent), 0,
                stream.substr(x.offset, x.length));
      flush(false);
    }
  }
  for (flow_plan& p : plans) {  // the FINs
    w.segment(ts += 1e-6, p.server, sp, p.client, p.cport,
              static_cast<uint32_t>(p.server_isn + 1 + stream.size()),
              static_cast<uint32_t>(p.client_isn + 1 + p.client_sent), tcp_fin, "");
    w.segment(ts += 1e-6, p.client, p.cport, p.server, sp,
              static_cast<uint32_t>(p.client_isn + 1 + p.client_sent),
              static_cast<uint32_t>(p.server_isn + 2 + stream.size()), tcp_fin, "");
    flush(false);
  }
  flush(true);
  const bool ok = std::fclose(out) == 0 && (lost_out == nullptr || std::fclose(lost_out) == 0);
  return ok ? 0 : 2;
}
