// SPDX-License-Identifier: Apache-2.0
#include "packet.h"

#include <arpa/inet.h>

#include <cstring>

namespace ftpreply_capture {
namespace {

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}
uint32_t le32(const uint8_t* p) {
  return uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | p[0];
}

constexpr uint16_t ether_ipv4 = 0x0800, ether_ipv6 = 0x86DD;

// The bytes of one layer: where it starts, how many were captured, how
// many the wire had.
struct span {
  const uint8_t* p;
  uint32_t cap, len;
  span skip(uint32_t n) const { return span{p + n, cap - n, len - n}; }
};

packet_status decode_tcp(span s, uint32_t ip_payload, tcp_segment* out) {
  if (ip_payload < 20) return packet_status::malformed;
  if (s.cap < 20) return packet_status::truncated;
  const uint32_t header = static_cast<uint32_t>(s.p[12] >> 4) * 4;
  if (header < 20 || header > ip_payload) return packet_status::malformed;
  if (s.cap < header) return packet_status::truncated;
  out->sport = be16(s.p);
  out->dport = be16(s.p + 2);
  out->seq = be32(s.p + 4);
  out->flags = s.p[13];
  const uint32_t payload = ip_payload - header;
  // Ethernet pads short frames: the IP length, not the frame, bounds it.
  const uint32_t captured = s.cap - header < payload ? s.cap - header : payload;
  out->payload = s.p + header;
  out->payload_len = captured;
  out->missing = payload - captured;
  return packet_status::tcp;
}

packet_status decode_ipv4(span s, tcp_segment* out) {
  if (s.cap < 20) return s.len < 20 ? packet_status::malformed : packet_status::truncated;
  if (s.p[0] >> 4 != 4) return packet_status::malformed;
  const uint32_t header = uint32_t{s.p[0] & 0xFu} * 4;
  const uint32_t total = be16(s.p + 2);
  if (header < 20 || total < header || total > s.len) return packet_status::malformed;
  if (s.cap < header) return packet_status::truncated;
  if ((be16(s.p + 6) & 0x3FFF) != 0) return packet_status::fragment;  // MF or an offset
  if (s.p[9] != 6) return packet_status::other;
  out->src = address();
  out->dst = address();
  std::memcpy(out->src.bytes, s.p + 12, 4);
  std::memcpy(out->dst.bytes, s.p + 16, 4);
  return decode_tcp(s.skip(header), total - header, out);
}

packet_status decode_ipv6(span s, tcp_segment* out) {
  if (s.cap < 40) return s.len < 40 ? packet_status::malformed : packet_status::truncated;
  if (s.p[0] >> 4 != 6) return packet_status::malformed;
  uint32_t payload = be16(s.p + 4);
  if (payload == 0 || 40 + payload > s.len) return packet_status::malformed;  // jumbograms too
  uint8_t next = s.p[6];
  out->src = address();
  out->dst = address();
  std::memcpy(out->src.bytes, s.p + 8, 16);
  std::memcpy(out->dst.bytes, s.p + 24, 16);
  out->src.v6 = out->dst.v6 = true;
  s = s.skip(40);
  // Extension headers: hop-by-hop, routing, destination options.
  for (int hops = 0; next == 0 || next == 43 || next == 60; ++hops) {
    if (hops == 8) return packet_status::malformed;
    if (payload < 8) return packet_status::malformed;
    if (s.cap < 8) return packet_status::truncated;
    const uint32_t n = (uint32_t{s.p[1]} + 1) * 8;
    if (n > payload) return packet_status::malformed;
    if (s.cap < n) return packet_status::truncated;
    next = s.p[0];
    payload -= n;
    s = s.skip(n);
  }
  if (next == 44) return packet_status::fragment;
  if (next != 6) return packet_status::other;
  return decode_tcp(s, payload, out);
}

packet_status decode_ip_by_version(span s, tcp_segment* out) {
  if (s.cap < 1) return s.len < 1 ? packet_status::malformed : packet_status::truncated;
  switch (s.p[0] >> 4) {
    case 4: return decode_ipv4(s, out);
    case 6: return decode_ipv6(s, out);
    default: return packet_status::other;
  }
}

packet_status decode_ethertype(uint16_t type, span s, tcp_segment* out) {
  if (type == ether_ipv4) return decode_ipv4(s, out);
  if (type == ether_ipv6) return decode_ipv6(s, out);
  return packet_status::other;
}

// The address families loopback headers carry: AF_INET, and AF_INET6 as
// Linux (10), the BSDs (24, 28) and macOS (30) number it.
packet_status decode_family(uint32_t af, span s, tcp_segment* out) {
  if (af == 2) return decode_ipv4(s, out);
  if (af == 10 || af == 24 || af == 28 || af == 30) return decode_ipv6(s, out);
  return packet_status::other;
}

}  // namespace

bool address::operator==(const address& o) const {
  return v6 == o.v6 && std::memcmp(bytes, o.bytes, 16) == 0;
}

bool link_supported(int t) {
  switch (t) {
    case link_null: case link_ethernet: case link_raw: case link_raw_101: case link_loop:
    case link_sll: case link_sll2: case link_ipv4: case link_ipv6:
      return true;
    default:
      return false;
  }
}

std::string address_text(const address& a) {
  char host[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes, host, sizeof host);
  return host;
}

std::string endpoint_text(const address& a, uint16_t port) {
  return a.v6 ? "[" + address_text(a) + "]:" + std::to_string(port)
              : address_text(a) + ":" + std::to_string(port);
}

const char* to_string(packet_status s) {
  switch (s) {
    case packet_status::tcp: return "tcp";
    case packet_status::other: return "other";
    case packet_status::fragment: return "fragment";
    case packet_status::truncated: return "truncated";
    case packet_status::malformed: return "malformed";
  }
  return "unknown";
}

packet_status decode_packet(int linktype, const uint8_t* frame, uint32_t caplen, uint32_t len,
                            tcp_segment* out) {
  if (caplen > len) return packet_status::malformed;
  const span s{frame, caplen, len};
  auto need = [&](uint32_t n) {
    return s.len < n ? packet_status::malformed : packet_status::truncated;
  };
  switch (linktype) {
    case link_ethernet: {
      if (s.cap < 14) return need(14);
      uint32_t at = 12;
      uint16_t type = be16(s.p + at);
      // 802.1Q, 802.1ad and the older QinQ tag: 4 bytes each.
      for (int tags = 0; type == 0x8100 || type == 0x88A8 || type == 0x9100; ++tags) {
        if (tags == 4) return packet_status::malformed;
        at += 4;
        if (s.cap < at + 2) return need(at + 2);
        type = be16(s.p + at);
      }
      return decode_ethertype(type, s.skip(at + 2), out);
    }
    case link_sll:
      if (s.cap < 16) return need(16);
      return decode_ethertype(be16(s.p + 14), s.skip(16), out);
    case link_sll2:
      if (s.cap < 20) return need(20);
      return decode_ethertype(be16(s.p), s.skip(20), out);
    case link_raw:
    case link_raw_101:
      return decode_ip_by_version(s, out);
    case link_ipv4:
      return decode_ipv4(s, out);
    case link_ipv6:
      return decode_ipv6(s, out);
    case link_null: {
      if (s.cap < 4) return need(4);
      // Host order of the machine that captured: take whichever reads as
      // a small family number.
      const uint32_t le = le32(s.p), be = be32(s.p);
      return decode_family(le < 256 ? le : be, s.skip(4), out);
    }
    case link_loop:
      if (s.cap < 4) return need(4);
      return decode_family(be32(s.p), s.skip(4), out);
    default:
      return packet_status::other;
  }
}

}  // namespace ftpreply_capture
