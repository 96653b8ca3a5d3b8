// SPDX-License-Identifier: Apache-2.0
#include "writer.h"

#include <cmath>
#include <cstring>

namespace ftpreply_capture {
namespace {

void put16(std::string& s, uint16_t v) {
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v & 0xFF);
}
void put32(std::string& s, uint32_t v) {
  put16(s, static_cast<uint16_t>(v >> 16));
  put16(s, static_cast<uint16_t>(v));
}
// Host (little-endian on every machine the tests write on) order, as
// pcap and pcapng headers are read by their magic.
void le16(std::string& s, uint16_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>(v >> 8);
}
void le32(std::string& s, uint32_t v) {
  le16(s, static_cast<uint16_t>(v));
  le16(s, static_cast<uint16_t>(v >> 16));
}

// The Internet checksum of `s` plus `sum` (RFC 1071).
uint16_t checksum(const std::string& s, uint32_t sum) {
  for (size_t i = 0; i + 1 < s.size(); i += 2)
    sum += static_cast<uint32_t>(static_cast<uint8_t>(s[i]) << 8 | static_cast<uint8_t>(s[i + 1]));
  if (s.size() % 2) sum += static_cast<uint32_t>(static_cast<uint8_t>(s.back()) << 8);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

}  // namespace

address test_address(uint32_t n, bool v6) {
  address a;
  a.v6 = v6;
  if (v6) {
    a.bytes[0] = 0xFD;
    for (int i = 0; i < 4; ++i) a.bytes[12 + i] = static_cast<uint8_t>(n >> (24 - 8 * i));
  } else {
    a.bytes[0] = 10;
    a.bytes[1] = static_cast<uint8_t>(n >> 16);
    a.bytes[2] = static_cast<uint8_t>(n >> 8);
    a.bytes[3] = static_cast<uint8_t>(n);
  }
  return a;
}

capture_writer::capture_writer(const capture_format& format, std::string* out)
    : f_(format), out_(out) {
  std::string& s = *out_;
  if (!f_.pcapng) {
    le32(s, 0xA1B2C3D4u);  // microsecond timestamps
    le16(s, 2);
    le16(s, 4);
    le32(s, 0);
    le32(s, 0);
    le32(s, f_.snaplen);
    le32(s, static_cast<uint32_t>(f_.link == link_raw ? 101 : f_.link));
    return;
  }
  // Section header block, then one interface description block.
  le32(s, 0x0A0D0D0Au);
  le32(s, 28);
  le32(s, 0x1A2B3C4Du);
  le16(s, 1);
  le16(s, 0);
  le32(s, 0xFFFFFFFFu);
  le32(s, 0xFFFFFFFFu);
  le32(s, 28);
  le32(s, 1);
  le32(s, 20);
  le16(s, static_cast<uint16_t>(f_.link == link_raw ? 101 : f_.link));
  le16(s, 0);
  le32(s, f_.snaplen);
  le32(s, 20);
}

void capture_writer::record(double ts, const std::string& frame) {
  const uint32_t len = static_cast<uint32_t>(frame.size());
  const uint32_t caplen = len < f_.snaplen ? len : f_.snaplen;
  const auto micros = static_cast<uint64_t>(std::llround(ts * 1e6));
  std::string& s = *out_;
  if (!f_.pcapng) {
    le32(s, static_cast<uint32_t>(micros / 1000000));
    le32(s, static_cast<uint32_t>(micros % 1000000));
    le32(s, caplen);
    le32(s, len);
    s.append(frame, 0, caplen);
    return;
  }
  const uint32_t padded = (caplen + 3) & ~3u;
  const uint32_t total = 32 + padded;
  le32(s, 6);  // enhanced packet block
  le32(s, total);
  le32(s, 0);
  le32(s, static_cast<uint32_t>(micros >> 32));
  le32(s, static_cast<uint32_t>(micros));
  le32(s, caplen);
  le32(s, len);
  s.append(frame, 0, caplen);
  s.append(padded - caplen, '\0');
  le32(s, total);
}

void capture_writer::segment(double ts, const address& src, uint16_t sport, const address& dst,
                             uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
                             const std::string& payload) {
  std::string tcp;
  put16(tcp, sport);
  put16(tcp, dport);
  put32(tcp, seq);
  put32(tcp, ack);
  tcp += static_cast<char>(5 << 4);
  tcp += static_cast<char>(flags | (flags & tcp_syn ? 0 : tcp_ack));
  put16(tcp, 65535);
  put16(tcp, 0);  // checksum, below
  put16(tcp, 0);
  tcp += payload;
  // The pseudo-header's sum: addresses, protocol, TCP length.
  uint32_t sum = 0;
  const int n = src.v6 ? 16 : 4;
  for (int i = 0; i < n; i += 2) {
    sum += static_cast<uint32_t>(src.bytes[i] << 8 | src.bytes[i + 1]);
    sum += static_cast<uint32_t>(dst.bytes[i] << 8 | dst.bytes[i + 1]);
  }
  sum += 6 + static_cast<uint32_t>(tcp.size());
  const uint16_t c = checksum(tcp, sum);
  tcp[16] = static_cast<char>(c >> 8);
  tcp[17] = static_cast<char>(c & 0xFF);

  std::string ip;
  if (src.v6) {
    put32(ip, 0x60000000u);
    put16(ip, static_cast<uint16_t>(tcp.size()));
    ip += static_cast<char>(6);
    ip += static_cast<char>(64);
    ip.append(reinterpret_cast<const char*>(src.bytes), 16);
    ip.append(reinterpret_cast<const char*>(dst.bytes), 16);
  } else {
    ip += static_cast<char>(0x45);
    ip += '\0';
    put16(ip, static_cast<uint16_t>(20 + tcp.size()));
    put16(ip, 0);
    put16(ip, 0x4000);  // don't fragment
    ip += static_cast<char>(64);
    ip += static_cast<char>(6);
    put16(ip, 0);
    ip.append(reinterpret_cast<const char*>(src.bytes), 4);
    ip.append(reinterpret_cast<const char*>(dst.bytes), 4);
    const uint16_t hc = checksum(ip, 0);
    ip[10] = static_cast<char>(hc >> 8);
    ip[11] = static_cast<char>(hc & 0xFF);
  }
  ip += tcp;

  const uint16_t ethertype = src.v6 ? 0x86DD : 0x0800;
  std::string frame;
  switch (f_.link) {
    case link_ethernet:
      frame.append("\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
      for (int t = 0; t < f_.vlan_tags; ++t) {
        put16(frame, t + 1 < f_.vlan_tags ? 0x88A8 : 0x8100);
        put16(frame, static_cast<uint16_t>(100 + t));
      }
      put16(frame, ethertype);
      break;
    case link_sll:
      put16(frame, 0);  // sent to us
      put16(frame, 1);  // ARPHRD_ETHER
      put16(frame, 6);
      frame.append("\x02\x00\x00\x00\x00\x01\x00\x00", 8);
      put16(frame, ethertype);
      break;
    case link_sll2:
      put16(frame, ethertype);
      put16(frame, 0);
      put32(frame, 1);  // interface index
      put16(frame, 1);
      frame += '\0';
      frame += static_cast<char>(6);
      frame.append("\x02\x00\x00\x00\x00\x01\x00\x00", 8);
      break;
    case link_null:
      le32(frame, src.v6 ? 24 : 2);
      break;
    case link_loop:
      put32(frame, src.v6 ? 24 : 2);
      break;
    default:  // raw IP
      break;
  }
  frame += ip;
  record(ts, frame);
}

}  // namespace ftpreply_capture
