// SPDX-License-Identifier: Apache-2.0
// ftpreply/reader.h - reading replies as a client: feed the reader what the
// socket gave, in whatever pieces, and take complete replies.
//
//   ftpreply::reply_reader reader;          // lenient, the best kernel
//   char buf[4096];
//   for (bool open = true; open;) {
//     const ssize_t n = recv(fd, buf, sizeof buf, 0);
//     open = n > 0;
//     (void)(open ? reader.feed(buf, size_t(n)) : reader.finish());
//     ftpreply::event r;
//     while (reader.next(r)) {
//       if (!r.is_reply()) { report(r.err(), r.offset()); continue; }
//       handle(r.code(), r.text_lines());  // decode_pasv(r, ...), ...
//     }
//   }
//
// Contracts:
// - Views. The events next() gives, and every view into them (bytes(),
//   text_lines(), a decoder's strings), stay valid until the next feed(),
//   finish() or reset(). Copy what you keep longer.
// - Order. feed() and finish() take bytes only when next() has given every
//   event there was (it returned false); otherwise they return
//   invalid_argument and take nothing. That keeps memory bounded.
// - Memory. The reader holds the bytes the scanner has not consumed (at
//   most options::max_reply, and while a line has no end yet, at most
//   options::max_line of it) plus the latest feed; hostile input cannot
//   grow it further: past a limit the scanner reports an error and drops
//   the bytes. It allocates (a std::vector) when a feed needs more room;
//   the rest of the kernel never does.
// - Errors. A framing error is an event like a reply (!is_reply(), err(),
//   offset()); reading goes on at the next line. finish() declares the end
//   of the stream (an open reply is then `unterminated`); feeding after it
//   starts a new stream, offsets continuing.
#ifndef FTPREPLY_READER_H
#define FTPREPLY_READER_H

#include <cstddef>
#include <vector>

#include "ftpreply/attributes.h"
#include "ftpreply/scanner.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

class reply_reader {
 public:
  explicit reply_reader(const options& opt = options::lenient(),
                        kernel k = kernel::automatic) noexcept;

  // Appends bytes the connection gave.
  [[nodiscard]] error feed(const char* data, size_t size);
  // The end of the stream.
  [[nodiscard]] error finish();
  // `lost` bytes of the stream are missing here (a capture's hole): see
  // scanner::gap. Taken, like feed(), only when next() has given every event.
  [[nodiscard]] error gap(uint64_t lost);
  // The next reply or framing error, in stream order; false when there is
  // none until more bytes are fed.
  [[nodiscard]] bool next(event& out) noexcept;

  // Bytes the reader holds (not yet consumed, or of replies not yet given).
  [[nodiscard]] size_t buffered() const noexcept { return bytes_.size() - begin_; }
  // Forgets everything: a new stream at offset 0.
  void reset() noexcept;

 private:
  static constexpr size_t kBatch = 64;
  error take(const char* data, size_t size);
  scanner scanner_;
  std::vector<char> bytes_;  // [0, begin_) consumed; then the unconsumed bytes
  size_t begin_ = 0;
  event batch_[kBatch];
  size_t count_ = 0, next_ = 0;  // batch_[next_, count_) not given yet
  bool more_ = false;            // the bytes may hold more events
  bool at_end_ = false;          // finish() was called: scan to the end
  uint64_t gap_ = 0;             // bytes lost after the bytes held
};

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_READER_H
