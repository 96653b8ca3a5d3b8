// SPDX-License-Identifier: Apache-2.0
// One captured frame down to its TCP segment: the link layers `ftpreply
// pcap` reads (Ethernet with VLAN tags, Linux cooked SLL and SLL2, raw IP,
// BSD and OpenBSD loopback), IPv4 and IPv6, then TCP. No allocation, no
// read past the captured bytes.
//
//   ftpreply_capture::tcp_segment seg;
//   if (decode_packet(DLT_EN10MB, frame, caplen, len, &seg) == packet_status::tcp)
//     use(seg.payload, seg.payload_len);
#ifndef FTPREPLY_TOOLS_CAPTURE_PACKET_H
#define FTPREPLY_TOOLS_CAPTURE_PACKET_H

#include <cstdint>
#include <string>

namespace ftpreply_capture {

// Link types, as libpcap's pcap_datalink() gives them on Linux.
constexpr int link_null = 0;       // BSD loopback: AF in host order
constexpr int link_ethernet = 1;   // Ethernet II, 802.1Q/802.1ad tags
constexpr int link_raw = 12;       // raw IPv4 or IPv6 (DLT_RAW)
constexpr int link_raw_101 = 101;  // LINKTYPE_RAW, if a reader passes it on
constexpr int link_loop = 108;     // OpenBSD loopback: AF in network order
constexpr int link_sll = 113;      // Linux cooked capture v1
constexpr int link_sll2 = 276;     // Linux cooked capture v2
constexpr int link_ipv4 = 228;
constexpr int link_ipv6 = 229;

// True for the link types above.
bool link_supported(int linktype);

struct address {
  uint8_t bytes[16] = {};  // IPv4 in the first four
  bool v6 = false;
  bool operator==(const address& o) const;
};

// "192.0.2.1", or "2001:db8::1" for IPv6 (RFC 5952 text).
std::string address_text(const address& a);
// "192.0.2.1:21", or "[2001:db8::1]:21" for IPv6.
std::string endpoint_text(const address& a, uint16_t port);

// TCP flags.
constexpr uint8_t tcp_fin = 0x01, tcp_syn = 0x02, tcp_rst = 0x04, tcp_ack = 0x10;

struct tcp_segment {
  address src, dst;
  uint16_t sport = 0, dport = 0;
  uint32_t seq = 0;
  uint8_t flags = 0;
  const uint8_t* payload = nullptr;  // the captured part of the payload
  uint32_t payload_len = 0;
  uint32_t missing = 0;  // payload bytes after it that the snapshot length cut off
};

enum class packet_status {
  tcp,        // *out holds the segment
  other,      // not TCP over IP (ARP, UDP, ...): nothing to read
  fragment,   // an IP fragment: not reassembled
  truncated,  // the snapshot length cut into the headers
  malformed,  // a header's lengths do not hold together
};
const char* to_string(packet_status s);

// Decodes one frame of `caplen` captured bytes (`len` on the wire).
packet_status decode_packet(int linktype, const uint8_t* frame, uint32_t caplen, uint32_t len,
                            tcp_segment* out);

}  // namespace ftpreply_capture

#endif
