// SPDX-License-Identifier: Apache-2.0
// One direction of a TCP connection put back in order: bytes delivered
// once each, in stream order, retransmissions and overlaps dropped,
// out-of-order segments held in a bounded buffer, and every hole that is
// not filled within that bound (or by FIN, RST or the end of the capture)
// reported as the number of bytes lost, for scanner::gap.
//
//   ftpreply_capture::reassembler r(256 * 1024);
//   r.segment(seq, flags, payload, n, missing, sink);  // per packet
//   r.flush(sink);                                     // at the end
//
// Sequence numbers are unwrapped to 64-bit stream offsets, so a stream may
// pass 4 GiB and wrap. Without a SYN (a capture that began mid-connection)
// the stream starts at the first segment seen.
#ifndef FTPREPLY_TOOLS_CAPTURE_REASSEMBLY_H
#define FTPREPLY_TOOLS_CAPTURE_REASSEMBLY_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace ftpreply_capture {

// Where a direction's bytes go.
class stream_sink {
 public:
  virtual ~stream_sink() = default;
  virtual void data(const uint8_t* p, size_t n) = 0;
  virtual void gap(uint64_t lost) = 0;
};

struct reassembly_stats {
  uint64_t delivered = 0;      // bytes handed to the sink
  uint64_t duplicate = 0;      // bytes seen again (retransmissions, overlaps)
  uint64_t out_of_order = 0;   // segments held for later
  uint64_t gaps = 0;           // holes declared
  uint64_t lost = 0;           // bytes in them
};

class reassembler {
 public:
  // `window`: the most payload bytes held out of order; at least 1.
  explicit reassembler(size_t window) : window_(window ? window : 1) {}

  // One segment: its sequence number and flags, the captured payload, and
  // `missing` bytes after it that the capture did not keep (a snapshot
  // length), which are lost.
  void segment(uint32_t seq, uint8_t flags, const uint8_t* payload, size_t n,
               uint32_t missing, stream_sink& sink);
  // The end (of the capture, or of the flow): what is held is delivered,
  // with its holes as gaps, up to the FIN when one was seen.
  void flush(stream_sink& sink);

  // FIN reached, or RST seen.
  bool closed() const { return rst_ || (fin_ && next_ >= fin_at_); }
  const reassembly_stats& stats() const { return stats_; }
  // Out-of-order payload bytes held now (distinct stream bytes).
  size_t held() const { return held_; }

 private:
  struct chunk {
    std::vector<uint8_t> bytes;
    uint32_t missing = 0;
  };
  uint64_t offset_of(uint32_t seq) const;
  // Delivers [at, at + bytes + missing) from `next_` on, dropping what came before.
  void deliver(uint64_t at, const uint8_t* p, size_t n, uint32_t missing, stream_sink& sink);
  // Holds what of a segment ahead of a hole no held chunk has yet.
  void hold(uint64_t at, const uint8_t* p, size_t n, uint32_t missing);
  // Delivers the held chunks that now touch `next_`.
  void drain(stream_sink& sink);
  // Declares the hole before the first held chunk, then drains.
  void skip_to_held(stream_sink& sink);

  size_t window_;
  bool started_ = false, fin_ = false, rst_ = false;
  uint32_t isn_ = 0;      // the sequence number of stream offset 0
  uint64_t next_ = 0;     // the next offset to deliver
  uint64_t fin_at_ = 0;   // the FIN's offset
  std::map<uint64_t, chunk> held_chunks_;
  size_t held_ = 0;
  reassembly_stats stats_;
};

}  // namespace ftpreply_capture

#endif
