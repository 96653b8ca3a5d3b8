// SPDX-License-Identifier: Apache-2.0
#include "reassembly.h"

#include <algorithm>
#include <iterator>

#include "packet.h"

namespace ftpreply_capture {

uint64_t reassembler::offset_of(uint32_t seq) const {
  // The offset nearest next_ whose low 32 bits give seq: a distance of
  // up to 2 GiB either way, as TCP's own comparisons read it.
  const auto delta = static_cast<int32_t>(seq - static_cast<uint32_t>(isn_ + next_));
  if (delta < 0 && static_cast<uint64_t>(-static_cast<int64_t>(delta)) > next_) return 0;
  return static_cast<uint64_t>(static_cast<int64_t>(next_) + delta);
}

void reassembler::deliver(uint64_t at, const uint8_t* p, size_t n, uint32_t missing,
                          stream_sink& sink) {
  const uint64_t end = at + n + missing;
  if (end <= next_) {
    stats_.duplicate += n + missing;
    return;
  }
  if (at < next_) {  // the front was delivered already
    const uint64_t dup = next_ - at;
    stats_.duplicate += dup;
    if (dup >= n) {
      missing = static_cast<uint32_t>(end - next_);
      n = 0;
    } else {
      p += dup;
      n -= static_cast<size_t>(dup);
    }
  }
  if (n) {
    sink.data(p, n);
    stats_.delivered += n;
  }
  if (missing) {
    sink.gap(missing);
    ++stats_.gaps;
    stats_.lost += missing;
  }
  next_ = end;
}

void reassembler::drain(stream_sink& sink) {
  while (!held_chunks_.empty() && held_chunks_.begin()->first <= next_) {
    auto it = held_chunks_.begin();
    held_ -= it->second.bytes.size();
    deliver(it->first, it->second.bytes.data(), it->second.bytes.size(), it->second.missing, sink);
    held_chunks_.erase(it);
  }
}

void reassembler::skip_to_held(stream_sink& sink) {
  const uint64_t first = held_chunks_.begin()->first;
  if (first > next_) {
    sink.gap(first - next_);
    ++stats_.gaps;
    stats_.lost += first - next_;
    next_ = first;
  }
  drain(sink);
}

void reassembler::hold(uint64_t at, const uint8_t* p, size_t n, uint32_t missing) {
  // Held chunks never overlap: only the parts of [at, end) that no chunk
  // holds yet are kept, so the bound counts distinct bytes and a storm of
  // retransmissions cannot use it up.
  const uint64_t end = at + n + missing, captured_end = at + n;
  uint64_t cur = at, kept = 0;
  auto it = held_chunks_.lower_bound(at);
  if (it != held_chunks_.begin()) {
    const auto prev = std::prev(it);
    cur = std::max(cur, prev->first + prev->second.bytes.size() + prev->second.missing);
  }
  while (cur < end) {
    const uint64_t stop = it == held_chunks_.end() ? end : std::min(end, it->first);
    if (stop > cur) {
      chunk& c = held_chunks_[cur];
      const uint64_t data_end = std::min(stop, captured_end);
      if (data_end > cur) c.bytes.assign(p + (cur - at), p + (data_end - at));
      c.missing = static_cast<uint32_t>(stop - std::max(cur, captured_end > stop ? stop : captured_end));
      held_ += c.bytes.size();
      kept += stop - cur;
    }
    if (it == held_chunks_.end() || it->first >= end) break;
    cur = std::max(cur, it->first + it->second.bytes.size() + it->second.missing);
    ++it;
  }
  stats_.duplicate += n + missing - kept;
  stats_.out_of_order += kept > 0;
}

void reassembler::segment(uint32_t seq, uint8_t flags, const uint8_t* payload, size_t n,
                          uint32_t missing, stream_sink& sink) {
  if (rst_) return;
  if (!started_) {
    // A SYN takes a sequence number of its own; without one the stream
    // starts here.
    isn_ = flags & tcp_syn ? seq + 1 : seq;
    started_ = true;
  }
  if (flags & tcp_rst) rst_ = true;
  const uint64_t at = flags & tcp_syn ? offset_of(seq + 1) : offset_of(seq);
  if (flags & tcp_fin) {
    fin_ = true;
    fin_at_ = at + n + missing;
  }
  if (n + missing == 0) return;
  if (at <= next_) {
    deliver(at, payload, n, missing, sink);
    drain(sink);
    return;
  }
  hold(at, payload, n, missing);
  // Past the bound, the oldest hole will not be filled: declare it lost.
  while (held_ > window_ && !held_chunks_.empty()) skip_to_held(sink);
}

void reassembler::flush(stream_sink& sink) {
  while (!held_chunks_.empty()) skip_to_held(sink);
  if (fin_ && fin_at_ > next_) {
    sink.gap(fin_at_ - next_);
    ++stats_.gaps;
    stats_.lost += fin_at_ - next_;
    next_ = fin_at_;
  }
}

}  // namespace ftpreply_capture
