// SPDX-License-Identifier: Apache-2.0
// Writing captures: TCP segments framed as a chosen link type (Ethernet
// with or without VLAN tags, Linux SLL or SLL2, raw IP, BSD loopback),
// over IPv4 or IPv6, into pcap or pcapng bytes. For the project's own
// tests, fuzz seeds and benchmarks: no third-party capture is copied in.
#ifndef FTPREPLY_TOOLS_CAPTURE_WRITER_H
#define FTPREPLY_TOOLS_CAPTURE_WRITER_H

#include <cstdint>
#include <string>

#include "packet.h"

namespace ftpreply_capture {

struct capture_format {
  bool pcapng = false;
  int link = link_ethernet;   // link_ethernet, link_sll, link_sll2, link_raw, link_null, link_loop
  int vlan_tags = 0;          // Ethernet only: 802.1Q tags (0-2)
  uint32_t snaplen = 262144;  // bytes kept of each frame
};

class capture_writer {
 public:
  // Appends to *out, starting with the file header.
  capture_writer(const capture_format& format, std::string* out);
  // One TCP segment (addresses: both IPv4 or both IPv6), at time `ts`.
  void segment(double ts, const address& src, uint16_t sport, const address& dst, uint16_t dport,
               uint32_t seq, uint32_t ack, uint8_t flags, const std::string& payload);

 private:
  void record(double ts, const std::string& frame);
  capture_format f_;
  std::string* out_;
};

// 10.0.0.N or fd00::N as an address.
address test_address(uint32_t n, bool v6);

}  // namespace ftpreply_capture

#endif
