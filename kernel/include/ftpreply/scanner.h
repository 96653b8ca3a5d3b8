// SPDX-License-Identifier: Apache-2.0
// ftpreply/scanner.h - split an FTP control-connection byte stream into replies.
//
// The scanner is streaming and zero-copy. The caller keeps the bytes it has
// not had consumed yet, appends each new read to them, and hands the whole
// pending region to scan(). Complete replies come back as events viewing that
// region; `consumed` says how many leading bytes the caller may now drop.
// finish() declares the end of the stream and reports what was left open.
//
//   ftpreply::scanner s(ftpreply::options::lenient());
//   ftpreply::event ev[64];
//   std::string pending;
//   while (read_more(&pending)) {
//     for (;;) {
//       ftpreply::scan_result r = s.scan(pending.data(), pending.size(), ev, 64);
//       for (size_t i = 0; i < r.events; ++i) handle(ev[i]);  // views valid here
//       pending.erase(0, r.consumed);
//       if (!r.output_full) break;
//     }
//   }
//   ... then the same loop once more with s.finish(...).
//
// Contracts:
// - Results never depend on how the stream was cut into reads.
// - The scanner never reads outside [data, data + size) and needs no padding.
// - No allocation, no exception, no output on any path.
// - A multi-line reply that arrives in many pieces is walked once: the
//   scanner remembers how far it has checked it. The caller must therefore
//   pass the unconsumed bytes unchanged, followed by the new ones.
// - Memory is bounded: a pending reply never exceeds options::max_reply bytes
//   and a pending line never exceeds options::max_line; past a limit the
//   scanner consumes the offending bytes as they arrive and reports the error
//   at the end of the offending line.
// - The rules are kernel/SPEC.md's framing rules 1-11; each error value of
//   ftpreply/error.h that the scanner reports is named there.
#ifndef FTPREPLY_SCANNER_H
#define FTPREPLY_SCANNER_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpreply/attributes.h"
#include "ftpreply/classify.h"
#include "ftpreply/error.h"
#include "ftpreply/kernel.h"
#include "ftpreply/lines.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// Reply flags: conditions that never fail a reply. Bit order is alphabetical,
// so printing set bits in order gives the sorted list.
namespace flags {
constexpr uint16_t after_gap = 1u << 0;   // the first reply after a gap: it
                                          // may be the tail of a lost reply
constexpr uint16_t bare_code = 1u << 1;   // lenient: a line that is only the code
constexpr uint16_t bare_lf = 1u << 2;     // lenient: a line ended by a bare LF
constexpr uint16_t blank_line = 1u << 3;  // lenient: empty lines came before it
constexpr uint16_t mismatched_terminator = 1u << 4;  // any-code: codes differ
constexpr uint16_t non_ascii = 1u << 5;   // a byte 0x80-0xFE
constexpr uint16_t nul = 1u << 6;         // a NUL byte
constexpr uint16_t telnet = 1u << 7;      // a byte 0xFF (Telnet IAC)
constexpr int count = 8;
}  // namespace flags

// The name of one flag bit ("bare_lf"); nullptr for anything else.
[[nodiscard]] const char* flag_name(uint16_t single_flag) noexcept;

struct options {
  // Strict follows RFC 959 to the letter; lenient accepts what real servers
  // send (bare LF, a bare code, blank lines, codes of any first digit).
  bool strict = false;
  // Lenient only: a multi-line reply ends at the first "ddd " line whatever
  // its code (curl, lftp and suppaftp do this for glFTPd).
  bool any_code_terminates = false;
  // Longest line, line end included. At least 8 (smaller values read as 8).
  uint32_t max_line = 16384;
  // Largest reply in bytes. Values below max_line read as max_line, values
  // above 4 GiB - 1 as 4 GiB - 1 (an event holds a reply's length in 32 bits).
  uint64_t max_reply = uint64_t{1} << 20;
  // Most lines in one reply. At least 1.
  uint32_t max_lines = 65536;

  static constexpr options lenient() noexcept { return options{}; }
  static constexpr options strict_rfc959() noexcept {
    options o;
    o.strict = true;
    return o;
  }
  // The limits as the scanner applies them (see the clamps above).
  [[nodiscard]] options normalized() const noexcept;
};

namespace detail {
struct event_access;
}

// One reply or one error, in stream order: 24 bytes, written with three
// stores. What is cheap to derive (lines, text, kind, group) is derived
// when asked for.
class event {
 public:
  // A reply or an error; otherwise what went wrong.
  [[nodiscard]] error err() const noexcept {
    return is_reply() ? error::ok : static_cast<error>(packed_ >> 40 & 0xFF);
  }
  // A reply's first code digit is an ASCII digit, never 0.
  [[nodiscard]] bool is_reply() const noexcept { return (packed_ >> 32 & 0xFF) != 0; }
  // Reply code (the terminator's, under any_code_terminates); 0 for errors.
  [[nodiscard]] uint16_t code() const noexcept {
    if (!is_reply()) return 0;
    const uint32_t d = static_cast<uint32_t>(packed_ >> 32) - 0x303030u;
    return static_cast<uint16_t>((d & 0xFF) * 100 + (d >> 8 & 0xFF) * 10 + (d >> 16 & 0xFF));
  }
  // Reply flags (flags:: bits); 0 for errors.
  [[nodiscard]] uint16_t flags() const noexcept {
    return is_reply() ? static_cast<uint16_t>(packed_ >> 56) : 0;
  }
  // Reply: its first byte. Error: the first byte of the offending line.
  // Absolute stream offsets.
  [[nodiscard]] uint64_t offset() const noexcept { return offset_; }
  // The span this event covers: the reply, or the bytes an error skipped
  // (from the start of an abandoned multi-line reply to the end of the
  // offending line).
  [[nodiscard]] uint64_t start() const noexcept {
    return is_reply() ? offset_ : offset_ - static_cast<uint32_t>(packed_);
  }
  [[nodiscard]] uint64_t length() const noexcept {
    return is_reply() ? static_cast<uint32_t>(packed_) : slot_;
  }
  // Reply only: its first byte in the buffer passed to the call that
  // returned it; nullptr for errors.
  [[nodiscard]] const char* data() const noexcept {
    return is_reply() ? reinterpret_cast<const char*>(static_cast<uintptr_t>(slot_))
                      : nullptr;
  }
  // The reply's bytes, line ends included (empty for errors). They view the
  // caller's buffer, not the event: valid until that buffer changes.
  [[nodiscard]] std::string_view bytes() const noexcept {
    return is_reply() ? std::string_view(data(), static_cast<uint32_t>(packed_))
                      : std::string_view();
  }
  // Lines in the reply (every line ends with an LF, so: its LFs); 0 for
  // errors. Counted on each call, in time linear in length().
  [[nodiscard]] uint32_t line_count() const noexcept;
  // The reply's lines as sent and its text lines as meant, and the texts
  // of its first and last lines (ftpreply/lines.h). Like bytes(), they view
  // the caller's buffer. A decoder takes the whole reply (the event, or
  // bytes()), never one line's text.
  [[nodiscard]] raw_line_range raw_lines() const noexcept { return raw_line_range(bytes()); }
  [[nodiscard]] text_line_range text_lines() const noexcept { return text_line_range(bytes()); }
  [[nodiscard]] std::string_view first_line_text() const noexcept { return ftpreply::first_line_text(bytes()); }
  [[nodiscard]] std::string_view last_line_text() const noexcept { return ftpreply::last_line_text(bytes()); }
  [[nodiscard]] reply_kind kind() const noexcept {
    return is_reply() ? kind_of_digit(static_cast<char>(packed_ >> 32 & 0xFF))
                      : reply_kind::invalid;
  }
  [[nodiscard]] reply_group group() const noexcept {
    return is_reply() ? group_of_digit(static_cast<char>(packed_ >> 40 & 0xFF))
                      : reply_group::unknown;
  }

 private:
  friend struct detail::event_access;
  uint64_t offset_ = 0;
  // Reply: the address of its first byte. Error: the span's length.
  uint64_t slot_ = 0;
  // Reply: bits 0-31 its length, 32-55 the code's three ASCII digits (the
  // first in the lowest byte), 56-63 the flags. Error: bits 0-31 the bytes
  // the span holds before `offset`, 32-39 zero, 40-47 the error.
  uint64_t packed_ = 0;
};

namespace detail {
// How kernels write events: whole words, the same on every byte order.
struct event_access {
  // `digits`: the code's three ASCII digits, the first in the lowest byte.
  static void reply(event& e, uint64_t offset, const unsigned char* data,
                    uint32_t length, uint32_t digits, uint16_t f) noexcept {
    e.offset_ = offset;
    e.slot_ = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(data));
    e.packed_ = uint64_t{length} | uint64_t{digits} << 32 | uint64_t{f} << 56;
  }
  static void failure(event& e, error err, uint64_t offset, uint64_t start,
                      uint64_t length) noexcept {
    e.offset_ = offset;
    e.slot_ = length;
    e.packed_ = (offset - start) | uint64_t{static_cast<uint8_t>(err)} << 40;
  }
  static void add_flags(event& e, uint16_t f) noexcept {
    e.packed_ |= uint64_t{f} << 56;
  }
};
}  // namespace detail

struct scan_result {
  size_t events = 0;         // events written to the output array
  size_t consumed = 0;       // leading bytes of the input the caller may drop
  bool output_full = false;  // stopped because the output array was full:
                             // call again with the rest
};

namespace detail {
// Where the scanner stands between calls. Opaque to users.
struct scan_state {
  uint64_t base = 0;       // absolute offset of the first unconsumed byte
  uint64_t examined = 0;   // bytes loaded into mask windows, for tests
  uint64_t checked = 0;    // block: bytes from its start already walked
  uint64_t err_start = 0;  // skip: start of the span the error will cover
  uint64_t line_start = 0; // skip: the offending line's first byte
  uint64_t block_bytes = 0;// skip: bytes of the abandoned block before it
  uint32_t lines = 0;      // block: complete lines; skip: lines before it
  uint32_t walked = 0;     // expect: bytes of the open line examined;
                           // block: bytes from its start taken in bulk,
                           // its open line then known not to end it
  bool line_special = false;  // expect: a NUL or high byte among them
                              // (then the line is walked again)
  uint16_t code = 0;       // block: the opening code
  uint16_t flags = 0;      // block: flags so far
  uint8_t mode = 0;        // expect, block or skip
  bool pending_blank = false;  // lenient: blank lines wait for a reply
  bool gap_line_open = false;  // resync: the line the gap cut has no end yet
  bool after_gap = false;      // the next reply follows a gap
  bool long_lines = false;     // block: in the walker's loop for long lines
};
using scan_fn = scan_result (*)(scan_state&, const options&,
                                const unsigned char*, size_t, bool, event*,
                                size_t) noexcept;
}  // namespace detail

class scanner {
 public:
  // Lenient, best kernel.
  scanner() noexcept : scanner(options::lenient(), kernel::automatic) {}
  // A kernel this CPU cannot run is replaced by the scalar one; check
  // kernel_supported() first, or active_kernel() after.
  explicit scanner(const options& opt, kernel k = kernel::automatic) noexcept;

  // Scans `data` (every byte not yet consumed, then the new ones). Writes at
  // most `capacity` events to `out`. Slots of `out` past the events returned
  // are scratch: the scanner may have written them.
  [[nodiscard]] scan_result scan(const char* data, size_t size, event* out,
                                 size_t capacity) noexcept;
  // The same, then declares the end of the stream: an open multi-line reply
  // is `unterminated`, a line without its end `truncated`. When the result is
  // not output_full, everything was consumed and the scanner is ready for a
  // new stream (offsets continue from position()).
  [[nodiscard]] scan_result finish(const char* data, size_t size, event* out,
                                   size_t capacity) noexcept;

  // Declares that `lost` bytes of the stream are missing after `data`
  // (every byte not yet consumed, as for scan()), as a capture with a hole
  // in it has. Scans `data` as scan() does, then, unless the output filled
  // (call again with the rest and the same `lost`: the loss is declared by
  // the call that returns without output_full, which consumes everything),
  // applies SPEC.md rule 11: what was open at the gap, the lost bytes and
  // the lines up to the next one that can start a reply become one `gap`
  // error, and the first reply after it has flags::after_gap. Offsets go on
  // counting the lost bytes. A gap of 0 bytes is a scan().
  [[nodiscard]] scan_result gap(const char* data, size_t size, uint64_t lost,
                                event* out, size_t capacity) noexcept;

  // Absolute stream offset of the first unconsumed byte.
  [[nodiscard]] uint64_t position() const noexcept { return state_.base; }
  // Back to the start of a new stream at offset 0.
  void reset() noexcept { state_ = detail::scan_state(); }

  [[nodiscard]] kernel active_kernel() const noexcept { return kernel_; }
  [[nodiscard]] const options& active_options() const noexcept { return opt_; }
  // Bytes the kernel has examined since construction or reset(): each byte
  // of a stream is examined a bounded number of times however it is cut.
  [[nodiscard]] uint64_t bytes_examined() const noexcept { return state_.examined; }

 private:
  scan_result run(const char* data, size_t size, bool at_end, event* out,
                  size_t capacity) noexcept;
  // run() after a gap: the resync, then the after_gap flag.
  scan_result run_after_gap(const char* data, size_t size, bool at_end, event* out,
                            size_t capacity) noexcept;
  size_t resync(const unsigned char* data, size_t size, bool at_end, event* out,
                size_t capacity, bool* full) noexcept;
  detail::scan_state state_;
  options opt_;
  detail::scan_fn fn_;
  kernel kernel_;
};

namespace detail {
// scan_all() with N events a kernel call.
template <size_t N, class F>
size_t scan_all_by(scanner& s, const char* data, size_t size, F& on_event) noexcept(
    noexcept(on_event(event()))) {
  event buf[N];
  size_t errors = 0;
  for (;;) {
    scan_result r = s.finish(data, size, buf, N);
    for (size_t i = 0; i < r.events; ++i) {
      errors += !buf[i].is_reply();
      on_event(static_cast<const event&>(buf[i]));
    }
    data += r.consumed;
    size -= r.consumed;
    if (!r.output_full) return errors;
  }
}
}  // namespace detail

// Scans a whole in-memory stream and calls `on_event(const event&)` for each
// event, in order; the event's views point into `data`. Returns the number
// of error events. Uses up to 12 KiB of stack: the events of one kernel call.
template <class F>
size_t scan_all(scanner& s, const char* data, size_t size, F&& on_event) noexcept(
    noexcept(on_event(event()))) {
  // Each kernel call costs a few hundred instructions to enter and leave:
  // from 64 KiB on, 512 events a call, against 128 (AVX2, Zen 3, time:
  // short 0.85, session 0.92, servers 0.92, multiline 1.00). Below, 128:
  // the events are zeroed as the buffer is made, and 512 doubled the time
  // of a 96-byte stream.
  return size >= (size_t{64} << 10) ? detail::scan_all_by<512>(s, data, size, on_event)
                                     : detail::scan_all_by<128>(s, data, size, on_event);
}

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_SCANNER_H
