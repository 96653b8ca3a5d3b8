// SPDX-License-Identifier: Apache-2.0
// A client's reply reader (ftpreply/reader.h).
#include "ftpreply/reader.h"

namespace ftpreply {

reply_reader::reply_reader(const options& opt, kernel k) noexcept : scanner_(opt, k) {}

error reply_reader::take(const char* data, size_t size) {
  if (next_ < count_ || more_) return error::invalid_argument;  // events not yet taken
  // Consumed bytes are gone from the scanner and every event was given:
  // nothing views them any more.
  bytes_.erase(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(begin_));
  begin_ = 0;
  bytes_.insert(bytes_.end(), data, data + size);
  more_ = true;
  return error::ok;
}

error reply_reader::feed(const char* data, size_t size) {
  const error e = take(data, size);
  if (e == error::ok) at_end_ = false;
  return e;
}

error reply_reader::finish() {
  const error e = take(nullptr, 0);
  if (e == error::ok) at_end_ = true;
  return e;
}

error reply_reader::gap(uint64_t lost) {
  const error e = take(nullptr, 0);
  if (e == error::ok) {
    at_end_ = false;
    gap_ = lost;
  }
  return e;
}

bool reply_reader::next(event& out) noexcept {
  if (next_ == count_ && more_) {
    const char* p = bytes_.data() + begin_;
    const size_t n = bytes_.size() - begin_;
    const scan_result r = at_end_ ? scanner_.finish(p, n, batch_, kBatch)
                          : gap_ ? scanner_.gap(p, n, gap_, batch_, kBatch)
                                 : scanner_.scan(p, n, batch_, kBatch);
    if (!r.output_full) gap_ = 0;
    begin_ += r.consumed;
    count_ = r.events;
    next_ = 0;
    more_ = r.output_full;
  }
  if (next_ == count_) return false;
  out = batch_[next_++];
  return true;
}

void reply_reader::reset() noexcept {
  scanner_.reset();
  bytes_.clear();
  begin_ = count_ = next_ = 0;
  more_ = at_end_ = false;
  gap_ = 0;
}

}  // namespace ftpreply
