// ftpreply.h - the ftpreply kernel in one header: ftpreply 1.1.0, SPDX-License-Identifier: Apache-2.0.
// Generated from kernel/ by tools/amalgamate.cmake (cmake --build BUILD --target
// ftpreply_singleheader); do not edit.
// Pair with ftpreply.cpp. The specification is kernel/SPEC.md.
// ---- ftpreply/attributes.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/attributes.h - FTPREPLY_LIFETIME_BOUND: on a parameter that a
// returned view points into (abseil's ABSL_ATTRIBUTE_LIFETIME_BOUND), so
// clang's -Wdangling warns when that argument dies first. Empty elsewhere.
// FTPREPLY_API_BEGIN and FTPREPLY_API_END: around each public header's
// declarations, which stay visible from a shared library the kernel builds
// with hidden visibility: it exports its API and nothing else.
#ifndef FTPREPLY_ATTRIBUTES_H
#define FTPREPLY_ATTRIBUTES_H

#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::lifetimebound)
#define FTPREPLY_LIFETIME_BOUND [[clang::lifetimebound]]
#endif
#endif
#ifndef FTPREPLY_LIFETIME_BOUND
#define FTPREPLY_LIFETIME_BOUND
#endif

#if defined(__GNUC__)
#define FTPREPLY_API_BEGIN _Pragma("GCC visibility push(default)")
#define FTPREPLY_API_END _Pragma("GCC visibility pop")
#else
#define FTPREPLY_API_BEGIN
#define FTPREPLY_API_END
#endif

#endif  // FTPREPLY_ATTRIBUTES_H
// ---- ftpreply/version.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/version.h - the release this copy of ftpreply is.
//
// The one place the version is written: CMake's project() reads it from here.
// C includes it too (<ftpreply.h>): the macros are C, the rest C++ only.
//
//   #if FTPREPLY_VERSION_MAJOR >= 1 ...
//   std::puts(ftpreply::version());   // "1.1.0"
#ifndef FTPREPLY_VERSION_H
#define FTPREPLY_VERSION_H

#define FTPREPLY_VERSION_MAJOR 1
#define FTPREPLY_VERSION_MINOR 1
#define FTPREPLY_VERSION_PATCH 0
#define FTPREPLY_VERSION "1.1.0"

#ifdef __cplusplus

FTPREPLY_API_BEGIN
namespace ftpreply {

// FTPREPLY_VERSION of the compiled kernel (which may differ from the header
// a program was built with, when a shared library is swapped).
[[nodiscard]] const char* version() noexcept;

}  // namespace ftpreply
FTPREPLY_API_END
#endif

#endif  // FTPREPLY_VERSION_H
// ---- ftpreply/error.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/error.h - the one vocabulary of failures shared by the API, the CLI
// and the tests.
//
// Every fallible function in ftpreply reports an `error` value, never an
// exception. `to_string()` gives the spelling the CLI prints and the
// conformance vectors use:
//
//   ftpreply::error e = ftpreply::error::bare_lf;
//   std::puts(ftpreply::to_string(e));   // "bare_lf"
#ifndef FTPREPLY_ERROR_H
#define FTPREPLY_ERROR_H

#include <cstdint>


FTPREPLY_API_BEGIN
namespace ftpreply {

enum class error : uint8_t {
  ok = 0,          // no error
  bad_code,        // a line where a reply should start lacks three ASCII digits
  bad_separator,   // the byte after the code is neither space nor '-'
  bad_class,       // strict: the code's first digit is not 1-6
  empty_line,      // strict: an empty line where a reply should start
  bare_lf,         // strict: a line ended by LF without CR
  bare_code,       // strict: a reply's line is only the code
  unterminated,    // end of stream inside a multi-line reply
  truncated,       // end of stream inside a line
  line_too_long,   // a line over options::max_line bytes (line end included)
  reply_too_long,  // a reply over options::max_reply bytes
  too_many_lines,  // a reply over options::max_lines lines
  malformed,       // codec: the payload does not have the expected form
  out_of_range,    // codec: a number in the payload is outside its range
  buffer_too_small,// codec: the caller's output buffer cannot hold the result
  invalid_argument,// codec: an argument the function cannot accept
  unseal_failed,   // codec: the caller's seal or unseal function refused
  gap,             // bytes of the stream were lost (scanner::gap): what was
                   // open there and the lines dropped until a reply can start
};

// The number of error values, for tables and loops.
constexpr int error_count = static_cast<int>(error::gap) + 1;

// The name of `e` as printed by the CLI ("bad_code", ...); "unknown" for a
// value outside the enum.
[[nodiscard]] const char* to_string(error e) noexcept;

// Parses a name produced by to_string(). Returns false when `name` is not one.
[[nodiscard]] bool error_from_string(const char* name, error* out) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_ERROR_H
// ---- ftpreply/kernel.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/kernel.h - the scanning kernels and how one is chosen.
//
// Every kernel gives byte-identical results; they differ only in how fast
// they find line ends. `kernel::automatic` picks the best one this CPU
// supports, once, on first use (no static initialiser, no init call).
//
//   for (ftpreply::kernel k : ftpreply::all_kernels)
//     if (ftpreply::kernel_supported(k)) std::puts(ftpreply::to_string(k));
#ifndef FTPREPLY_KERNEL_H
#define FTPREPLY_KERNEL_H

#include <cstdint>


FTPREPLY_API_BEGIN
namespace ftpreply {

enum class kernel : uint8_t {
  automatic = 0,  // the best kernel the CPU supports
  scalar,         // portable C++, always available
  sse2,           // x86-64 SSE2, 16 bytes at a time
  avx2,           // x86-64 AVX2 + BMI, 32 bytes at a time
  avx512bw,       // x86-64 AVX-512BW, 64 bytes at a time
  neon,           // AArch64 NEON, compiled only on Arm
};

// Every concrete kernel, in order of preference from worst to best.
constexpr kernel all_kernels[] = {kernel::scalar, kernel::sse2, kernel::avx2,
                                  kernel::avx512bw, kernel::neon};

// True when this build has `k` and this CPU can run it (automatic: always).
[[nodiscard]] bool kernel_supported(kernel k) noexcept;

// The kernel `automatic` resolves to on this CPU.
[[nodiscard]] kernel best_kernel() noexcept;

// "scalar", "sse2", "avx2", "avx512bw", "neon", "automatic".
[[nodiscard]] const char* to_string(kernel k) noexcept;

// Parses a name; "auto" and "automatic" give kernel::automatic.
[[nodiscard]] bool kernel_from_string(const char* name, kernel* out) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_KERNEL_H
// ---- ftpreply/classify.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/classify.h - what a reply code means.
//
// classify() maps any integer to what is known of it as an FTP reply code:
// its kind (first digit), its group (second digit), whether the code is a
// known one, its standard meaning and the document that defines it. It runs
// in constant time and never allocates.
//
//   ftpreply::code_info info = ftpreply::classify(227);
//   // info.known == true, info.kind == reply_kind::completion,
//   // info.group == reply_group::connections, info.src == source::rfc959,
//   // info.meaning == "Entering Passive Mode (h1,h2,h3,h4,p1,p2)."
//
// Codes 0-999 are read as three digits with leading zeros (099 has first digit
// 0: kind invalid). Codes of four or more digits are not reply codes: kind
// invalid, group unknown; the Winsock errors 10054, 10060, 10061, 10066 and
// 10068, which FTP clients report as if they were replies, are known with
// source `winsock`. Meanings follow the project's seed table where it gives
// one, and the defining RFC elsewhere. RFC 2389 (FEAT) and RFC 3659 (SIZE,
// MDTM, MLST) use RFC 959's codes and add none. Where RFC 2228 gives a code
// a meaning other than the seed's (232, 234), both are given.
#ifndef FTPREPLY_CLASSIFY_H
#define FTPREPLY_CLASSIFY_H

#include <cstdint>


FTPREPLY_API_BEGIN
namespace ftpreply {

// The first digit of a reply code (RFC 959 4.2.1, RFC 2228 for 6yz).
enum class reply_kind : uint8_t {
  invalid = 0,         // first digit 0, 7, 8, 9, or not a three-digit code
  preliminary = 1,     // 1yz positive preliminary
  completion = 2,      // 2yz positive completion
  intermediate = 3,    // 3yz positive intermediate
  transient_negative = 4,  // 4yz transient negative completion
  permanent_negative = 5,  // 5yz permanent negative completion
  protected_reply = 6,     // 6yz RFC 2228 protected reply (printed "protected")
};

// The second digit of a reply code.
enum class reply_group : uint8_t {
  syntax = 0,          // x0z
  information = 1,     // x1z
  connections = 2,     // x2z
  authentication = 3,  // x3z authentication and accounting
  unspecified = 4,     // x4z unspecified as of RFC 959
  file_system = 5,     // x5z
  unknown = 6,         // second digit 6-9, or not a three-digit code
};

// The document that defines a known code.
enum class source : uint8_t {
  none = 0,   // not a known code
  rfc959,
  rfc1639,    // LPSV (228)
  rfc2228,    // security extensions
  rfc2428,    // EPSV/EPRT
  rfc7151,    // HOST
  vendor,     // in wide use, defined by no RFC
  winsock,    // a client-side Winsock error, not a server reply
};

struct code_info {
  uint32_t code;
  bool known;
  reply_kind kind;
  reply_group group;
  source src;
  const char* meaning;  // static text; nullptr when the code is not known
};

// What is known of `code`. Total: every value gets an answer.
[[nodiscard]] code_info classify(uint32_t code) noexcept;

// The kind from the first digit, the group from the second (ASCII digits).
// A byte that is not a digit gives invalid / unknown.
[[nodiscard]] reply_kind kind_of_digit(char first) noexcept;
[[nodiscard]] reply_group group_of_digit(char second) noexcept;

// Names as the CLI prints them ("transient_negative", "file_system", "rfc959").
[[nodiscard]] const char* to_string(reply_kind k) noexcept;
[[nodiscard]] const char* to_string(reply_group g) noexcept;
[[nodiscard]] const char* to_string(source s) noexcept;

// What the seed table says of a whole kind or group ("2yz Positive Completion
// reply ..."), for explanations.
[[nodiscard]] const char* describe(reply_kind k) noexcept;
[[nodiscard]] const char* describe(reply_group g) noexcept;

// The number of known codes, and the i-th of them in increasing order: for
// tests and for listing the table.
[[nodiscard]] int known_code_count() noexcept;
[[nodiscard]] uint32_t known_code_at(int i) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_CLASSIFY_H
// ---- ftpreply/lines.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/lines.h - a reply's lines, named for what they give.
//
// `reply` is a whole reply as the scanner delivers it (event::bytes()).
// Every view returned points into `reply`, never into a copy: the bytes
// must outlive the views (clang's -Wdangling says so where it can see it).
//
//   raw_lines(reply)       the lines as sent: "ddd-" / "ddd " heads kept,
//                          line ends removed
//   text_lines(reply)      the text lines as meant: heads removed, and on
//                          continuation lines a repeated "ddd-" and the one
//                          space that protects a line starting with digits
//   first_line_text(reply) the first line's text (the whole text of a
//                          one-line reply, only a part of a multi-line one)
//   last_line_text(reply)  the last line's text
//
// event has the same four as members (e.raw_lines(), ...).
#ifndef FTPREPLY_LINES_H
#define FTPREPLY_LINES_H

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>


FTPREPLY_API_BEGIN
namespace ftpreply {

// Iterates the lines of a reply: raw_line_range (as sent) or
// text_line_range (as meant).
template <bool Text>
class basic_line_range {
 public:
  class iterator {
   public:
    std::string_view operator*() const noexcept { return line_; }
    iterator& operator++() noexcept;
    bool operator==(const iterator& o) const noexcept { return pos_ == o.pos_; }
    bool operator!=(const iterator& o) const noexcept { return pos_ != o.pos_; }

   private:
    friend class basic_line_range;
    iterator(std::string_view reply, size_t pos) noexcept;
    void load() noexcept;
    std::string_view reply_;
    size_t pos_;   // first byte of the current line
    size_t next_;  // first byte of the line after it
    std::string_view line_;
  };
  explicit basic_line_range(std::string_view reply) noexcept : reply_(reply) {}
  iterator begin() const noexcept { return iterator(reply_, 0); }
  iterator end() const noexcept { return iterator(reply_, reply_.size()); }
  // The number of lines (its LFs, plus an unfinished last line).
  size_t size() const noexcept;

 private:
  std::string_view reply_;
};
using raw_line_range = basic_line_range<false>;
using text_line_range = basic_line_range<true>;
extern template class basic_line_range<false>;
extern template class basic_line_range<true>;

[[nodiscard]] inline raw_line_range raw_lines(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return raw_line_range(reply);
}
[[nodiscard]] inline text_line_range text_lines(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return text_line_range(reply);
}
[[nodiscard]] std::string_view first_line_text(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept;
[[nodiscard]] std::string_view last_line_text(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept;

// The same four on a std::string, so that clang's -Wdangling sees the string
// itself: last_line_text(std::string(...)) kept past its statement dangles.
template <class S>
using if_string = std::enable_if_t<std::is_same<S, std::string>::value, int>;
template <class S, if_string<S> = 0>
[[nodiscard]] raw_line_range raw_lines(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return raw_line_range(reply);
}
template <class S, if_string<S> = 0>
[[nodiscard]] text_line_range text_lines(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return text_line_range(reply);
}
template <class S, if_string<S> = 0>
[[nodiscard]] std::string_view first_line_text(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return first_line_text(std::string_view(reply));
}
template <class S, if_string<S> = 0>
[[nodiscard]] std::string_view last_line_text(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return last_line_text(std::string_view(reply));
}

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_LINES_H
// ---- ftpreply/scanner.h ----
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
// ---- ftpreply/decode.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/decode.h - what a reply carries.
//
// Decoders take a whole reply: an event the scanner or a reply_reader
// delivered, or its bytes (event::bytes(): every line, line ends included).
// Bytes that are not one whole reply ("ddd", a separator, ..., a final LF),
// such as the first line's text alone, are invalid_argument: no decoder
// answers ok from a part of a reply. Otherwise the result is a value or an
// error: `malformed` when the payload lacks its form, `out_of_range` when a
// number in it is out of range. Results are views into the reply or values;
// nothing allocates, nothing throws. The rules are kernel/SPEC.md's payload
// rules.
//
//   ftpreply::endpoint ep;
//   if (ftpreply::decode_pasv(ev, ftpreply::decode_mode::lenient, &ep) == ftpreply::error::ok)
//     connect_to(ep);   // ftpreply/posix.h: to_sockaddr(ep, ...)
#ifndef FTPREPLY_DECODE_H
#define FTPREPLY_DECODE_H

#include <cstddef>
#include <cstdint>
#include <string_view>


FTPREPLY_API_BEGIN
namespace ftpreply {

// Strict decoding takes the RFC forms literally; lenient also accepts what
// real servers write (each decoder says what).
enum class decode_mode : uint8_t { strict, lenient };

// The family of an endpoint's address. ftpreply/posix.h converts to and
// from sockaddr (AF_INET, AF_INET6).
enum class address_family : uint8_t { none = 0, ipv4 = 4, ipv6 = 6 };

// A data-connection address: IPv4 (address[0..3]) or IPv6
// (address[0..15]), in network order, and a port in 1-65535.
struct endpoint {
  address_family family = address_family::none;
  uint8_t address[16] = {};
  uint16_t port = 0;
};

// 227 (RFC 959): "(h1,h2,h3,h4,p1,p2)" on the last line; host and port bytes
// 0-255, port 1-65535. Lenient also finds the six numbers without the
// parentheses and with spaces around the commas.
[[nodiscard]] error decode_pasv(std::string_view reply, decode_mode mode, endpoint* out) noexcept;

// 228 (RFC 1639, LPSV): "(af,hal,h1,...,hN,pal,p1,p2)" on the last line with
// af 4 and hal 4, or af 6 and hal 16; pal 2. Lenient as for 227.
[[nodiscard]] error decode_lpsv(std::string_view reply, decode_mode mode, endpoint* out) noexcept;

// 229 (RFC 2428): "(<d><d><d>port<d>)" on the last line, one delimiter byte
// from 33-126 repeated; port 1-65535. The same in both modes.
[[nodiscard]] error decode_epsv(std::string_view reply, decode_mode mode, uint16_t* port) noexcept;

// 257: the first quoted string of the reply, doubled quotes undone, written
// to path[0..*length). When `capacity` is too small, returns
// buffer_too_small with *length the size needed. A quote not closed on its
// line is malformed. The same in both modes.
[[nodiscard]] error decode_pathname(std::string_view reply, decode_mode mode, char* path,
                      size_t capacity, size_t* length) noexcept;

// 110 (RFC 959): "MARK yyyy = mmmm", the two markers (printable, no space)
// as views into the reply. Lenient also accepts the spaces missing or
// repeated and "mark" in any case.
struct restart_marker {
  std::string_view user;
  std::string_view server;
};
[[nodiscard]] error decode_mark(std::string_view reply, decode_mode mode, restart_marker* out) noexcept;

// 213 after SIZE (RFC 3659): the text of the last line is the byte count
// (digits, at most 2^64-1). Lenient takes the last number of the text
// ("size is 1234"), never a negative one.
[[nodiscard]] error decode_size(std::string_view reply, decode_mode mode, uint64_t* size) noexcept;

// 213 after MDTM (RFC 3659): "YYYYMMDDHHMMSS[.F...]" in UTC, months 1-12,
// days within the month (leap years counted), hours 0-23, minutes 0-59,
// seconds 0-60. Lenient allows spaces around it.
struct timestamp {
  uint16_t year = 0;
  uint8_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::string_view fraction;  // the digits after '.', if any
};
[[nodiscard]] error decode_mdtm(std::string_view reply, decode_mode mode, timestamp* out) noexcept;

// 215 (RFC 959 SYST): the system name (the first word: an IANA operating
// system name such as UNIX, in strict mode letters, digits, '-', '/', '_'
// and '.') and the rest of the text ("Type: L8").
struct system_type {
  std::string_view name;
  std::string_view rest;
};
[[nodiscard]] error decode_system(std::string_view reply, decode_mode mode, system_type* out) noexcept;

// 211 after FEAT (RFC 2389): each feature line (a space, the feature name,
// optionally a space and its parameters) between the first and the last
// line, read as text_lines() gives them. Lenient also accepts lines that
// repeat "211-" (ProFTPD's MultilineRFC2228), any run of spaces and blank
// lines. A one-line 211 is malformed (it has no feature lines to read).
// Writes at most `capacity` features; *count is how many the reply has
// (buffer_too_small when that is more than capacity).
struct feature {
  std::string_view name;
  std::string_view params;
};
[[nodiscard]] error decode_features(std::string_view reply, decode_mode mode, feature* out,
                      size_t capacity, size_t* count) noexcept;


// The same decoders on an event (a scanner's or a reply_reader's). An error
// event is invalid_argument.
[[nodiscard]] inline error decode_pasv(const event& reply, decode_mode mode, endpoint* out) noexcept {
  return decode_pasv(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_lpsv(const event& reply, decode_mode mode, endpoint* out) noexcept {
  return decode_lpsv(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_epsv(const event& reply, decode_mode mode, uint16_t* port) noexcept {
  return decode_epsv(reply.bytes(), mode, port);
}
[[nodiscard]] inline error decode_pathname(const event& reply, decode_mode mode, char* path, size_t capacity, size_t* length) noexcept {
  return decode_pathname(reply.bytes(), mode, path, capacity, length);
}
[[nodiscard]] inline error decode_mark(const event& reply, decode_mode mode, restart_marker* out) noexcept {
  return decode_mark(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_size(const event& reply, decode_mode mode, uint64_t* size) noexcept {
  return decode_size(reply.bytes(), mode, size);
}
[[nodiscard]] inline error decode_mdtm(const event& reply, decode_mode mode, timestamp* out) noexcept {
  return decode_mdtm(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_system(const event& reply, decode_mode mode, system_type* out) noexcept {
  return decode_system(reply.bytes(), mode, out);
}
[[nodiscard]] inline error decode_features(const event& reply, decode_mode mode, feature* out, size_t capacity, size_t* count) noexcept {
  return decode_features(reply.bytes(), mode, out, capacity, count);
}

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_DECODE_H
// ---- ftpreply/encode.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/encode.h - how a server writes a reply: payload formatters and
// the encoder, into caller-sized buffers (ftpreply/reply_string.h appends
// to a std::string instead, in one call per reply).
#ifndef FTPREPLY_ENCODE_H
#define FTPREPLY_ENCODE_H

#include <cstddef>
#include <cstdint>
#include <string_view>


FTPREPLY_API_BEGIN
namespace ftpreply {

// --- payload formatters, for servers ---------------------------------------
//
// Each writes the text of a reply (no code, no line end: give it to
// encode_reply) to out[0..*length), or returns buffer_too_small with
// *length the size needed. What they write, the decoders above accept in
// strict mode.

// "Entering Passive Mode (h1,h2,h3,h4,p1,p2)." (an IPv4 endpoint, else
// invalid_argument).
[[nodiscard]] error format_pasv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept;
// "Entering Long Passive Mode (af,hal,h...,pal,p1,p2)" (IPv4 or IPv6).
[[nodiscard]] error format_lpsv(const endpoint& ep, char* out, size_t capacity, size_t* length) noexcept;
// "Entering Extended Passive Mode (|||port|)" (port 1-65535).
[[nodiscard]] error format_epsv(uint16_t port, char* out, size_t capacity, size_t* length) noexcept;
// "\"path\" comment" with quotes in the path doubled (no CR or LF in it).
[[nodiscard]] error format_pathname(std::string_view path, std::string_view comment, char* out,
                      size_t capacity, size_t* length) noexcept;
// "MARK user = server" (markers printable, no space or '=').
[[nodiscard]] error format_mark(std::string_view user, std::string_view server, char* out,
                  size_t capacity, size_t* length) noexcept;
// The decimal byte count.
[[nodiscard]] error format_size(uint64_t size, char* out, size_t capacity, size_t* length) noexcept;
// "YYYYMMDDHHMMSS[.F...]" (fields in range, fraction digits only).
[[nodiscard]] error format_mdtm(const timestamp& t, char* out, size_t capacity, size_t* length) noexcept;
// "NAME rest" (a name as decode_system accepts strictly).
[[nodiscard]] error format_system(std::string_view name, std::string_view rest, char* out,
                    size_t capacity, size_t* length) noexcept;
// "Features:", one line " NAME[ params]" per feature, "End", separated by
// CR LF: a multi-line text for encode_reply(211, ...).
[[nodiscard]] error format_features(const feature* features, size_t count, char* out,
                      size_t capacity, size_t* length) noexcept;

// --- the encoder ----------------------------------------------------------

// Writes a reply with `code` (100-659, else invalid_argument) and `text` to
// out[0..*length): one line "ddd text\r\n" when the text has no line break,
// else "ddd-first\r\n", the middle lines, "ddd last\r\n". The text is split
// at CR LF, LF or CR. A middle line that starts with digits (which could
// read as a terminator), or with spaces then digits, gets one leading space
// (RFC 959 4.2); text_lines() takes it off again. When `capacity` is too
// small, returns buffer_too_small with *length the size needed and writes
// nothing. One line end at the end of `text` ends its last line and makes
// no extra one (as Python's splitlines): encode_reply(220, "a\r\n") is
// "220 a\r\n". ftpreply/reply_string.h has the std::string forms and
// one-call builders for the common replies.
[[nodiscard]] error encode_reply(uint16_t code, std::string_view text, char* out,
                   size_t capacity, size_t* length) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_ENCODE_H
// ---- ftpreply/protected.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/protected.h - RFC 2228 protected replies (631, 632, 633): unwrap
// and wrap them with a caller's unseal and seal functions (a GSS-API
// unwrap/wrap in real use), and the base64 they are written in.
#ifndef FTPREPLY_PROTECTED_H
#define FTPREPLY_PROTECTED_H

#include <cstddef>
#include <cstdint>
#include <string_view>


FTPREPLY_API_BEGIN
namespace ftpreply {

// --- base64 (RFC 4648), as RFC 2228 uses it -------------------------------

// Bytes that encoding n bytes takes (with padding).
constexpr size_t base64_encoded_size(size_t n) noexcept { return (n + 2) / 3 * 4; }
// Writes the padded base64 of in[0..n) to out (base64_encoded_size(n) bytes).
void base64_encode(const uint8_t* in, size_t n, char* out) noexcept;
// Decodes text into out (capacity at least text.size() / 4 * 3 + 3); stops at
// the first byte that is not base64; padding only at the end. *length gets
// the bytes written.
[[nodiscard]] error base64_decode(std::string_view text, uint8_t* out, size_t capacity,
                    size_t* length) noexcept;

// --- RFC 2228 protected replies -------------------------------------------

enum class protection : uint8_t {
  none = 0,
  integrity = 1,        // 631: "safe"
  confidentiality_and_integrity = 2,  // 632: "private"
  confidentiality = 3,  // 633: "confidential"
};
[[nodiscard]] const char* to_string(protection p) noexcept;  // "safe", "private", "confidential"
// The protection a code carries (631-633), or none.
[[nodiscard]] protection protection_of(uint16_t code) noexcept;

// The caller's unseal: in[0..n) is the decoded token; writes the cleartext (a
// reply stream, line ends included) to out and its size to *out_length.
// Returns false when the token does not unseal (a bad MIC, a wrong key) or
// out is too small.
using unseal_fn = bool (*)(void* context, protection level, const uint8_t* in,
                           size_t n, char* out, size_t capacity,
                           size_t* out_length);
// The caller's seal: the same the other way.
using seal_fn = bool (*)(void* context, protection level, const char* in,
                         size_t n, uint8_t* out, size_t capacity,
                         size_t* out_length);

// Unwraps a 631/632/633 reply: base64-decodes the text of every line (the
// base64 may be split across lines anywhere) into `scratch`, hands it to
// `unseal`, and leaves the cleartext in clear[0..*clear_length), ready for a
// scanner. *level gets the protection. malformed when the reply is not a
// protected one or its text is not base64; unseal_failed when the unseal
// function refuses; buffer_too_small when scratch cannot hold the token.
[[nodiscard]] error open_protected(std::string_view reply, unseal_fn unseal, void* context,
                     uint8_t* scratch, size_t scratch_capacity, char* clear,
                     size_t clear_capacity, size_t* clear_length,
                     protection* level) noexcept;

// Wraps a cleartext reply: seals it with `seal` into `scratch`, then writes
// the base64 as a 631/632/633 reply of lines of at most 76 base64 bytes to
// out[0..*length). buffer_too_small with *length the size needed when out
// is too small (the seal runs first, so the size is exact).
[[nodiscard]] error encode_protected(protection level, std::string_view cleartext,
                       seal_fn seal, void* context, uint8_t* scratch,
                       size_t scratch_capacity, char* out, size_t capacity,
                       size_t* length) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_PROTECTED_H
// ---- ftpreply/codec.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/codec.h - the codec in one include: decoders (decode.h), the
// encoder and formatters (encode.h), RFC 2228 and base64 (protected.h).
#ifndef FTPREPLY_CODEC_H
#define FTPREPLY_CODEC_H


#endif  // FTPREPLY_CODEC_H
// ---- ftpreply/reader.h ----
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
// ---- ftpreply/reply_string.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/reply_string.h - a server's replies in one call each, appended to
// a std::string (which grows as needed: this header allocates; encode.h is
// the allocation-free form).
//
//   std::string out;
//   ftpreply::append_reply(out, 220, "ready");                 // "220 ready\r\n"
//   ftpreply::append_pasv_reply(out, ep);                      // 227
//   ftpreply::append_pathname_reply(out, "/a \"b\"", "is current");  // 257
//   send(fd, out.data(), out.size(), 0);
//
// Each returns what the formatter or encoder would (invalid_argument for an
// argument it cannot write) and leaves `out` unchanged on an error. Text
// follows encode_reply's rules: lines split at CR LF, LF or CR, a trailing
// line end makes no extra line, a middle line starting with digits gets a
// protecting space.
#ifndef FTPREPLY_REPLY_STRING_H
#define FTPREPLY_REPLY_STRING_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>


FTPREPLY_API_BEGIN
namespace ftpreply {

// Any reply: `code` (100-659) and its text.
[[nodiscard]] error append_reply(std::string& out, uint16_t code, std::string_view text);

// 227 "Entering Passive Mode (h1,h2,h3,h4,p1,p2)." (IPv4).
[[nodiscard]] error append_pasv_reply(std::string& out, const endpoint& ep);
// 229 "Entering Extended Passive Mode (|||port|)".
[[nodiscard]] error append_epsv_reply(std::string& out, uint16_t port);
// 257 "\"path\" comment", quotes in the path doubled.
[[nodiscard]] error append_pathname_reply(std::string& out, std::string_view path,
                                          std::string_view comment);
// 213 after SIZE: the byte count.
[[nodiscard]] error append_size_reply(std::string& out, uint64_t size);
// 213 after MDTM: "YYYYMMDDHHMMSS[.F...]".
[[nodiscard]] error append_mdtm_reply(std::string& out, const timestamp& t);
// 211 after FEAT: "Features:", one line per feature, "End".
[[nodiscard]] error append_features_reply(std::string& out, const feature* features,
                                          size_t count);
// 214 after HELP: the text, one line or many.
[[nodiscard]] error append_help_reply(std::string& out, std::string_view text);

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_REPLY_STRING_H
// ---- ftpreply/zos.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/zos.h - the lines of a z/OS FTP client API transcript.
//
// The z/OS FTP client API reports each subcommand with a status line
//   [EZA2121I ]Command(ee-ss-cccc-rrr):
// ee the client error code (00: none), ss the subcommand code (blank on INIT
// without an implicit OPEN), cccc the last FTP command sent (blank when none),
// rrr the server's last reply to it (blank when none). Around it a
// transcript holds client messages ("EZA1701I text", or the text alone when
// message IDs are off), the commands sent (">>> CWD /u/user33/", with or
// without a message ID) and the server's replies ("250 text").
//
//   ftpreply::zos_line l = ftpreply::classify_zos_line("EZA2121I Command(00-07-CWD -250):");
//   // l.kind == zos_line_kind::status, l.status.command == "CWD", l.status.reply == 250
#ifndef FTPREPLY_ZOS_H
#define FTPREPLY_ZOS_H

#include <cstddef>
#include <cstdint>
#include <string_view>


FTPREPLY_API_BEGIN
namespace ftpreply {

struct zos_status {
  std::string_view message_id;  // "EZA2121I", or empty when absent
  int client_error = 0;         // 0-99
  int subcommand = -1;          // 0-99, or -1 when blank
  std::string_view command;     // 1-4 characters, trailing blanks removed; empty when blank
  int reply = -1;               // 0-999, or -1 when blank
};

// Parses a status line (trailing blanks allowed). malformed when it is not
// one.
[[nodiscard]] error parse_zos_status(std::string_view line, zos_status* out) noexcept;

// Writes a status line (with its message ID when one is set) to
// out[0..*length), or buffer_too_small with *length the size needed.
// invalid_argument for fields out of range (a message ID not of the form
// AAAnnnnA, a command over 4 characters or with a blank inside).
[[nodiscard]] error format_zos_status(const zos_status& s, char* out, size_t capacity,
                        size_t* length) noexcept;

enum class zos_line_kind : uint8_t {
  message,  // a client message (with or without its message ID)
  command,  // a command sent to the server (">>> ...")
  reply,    // a server reply line ("ddd text" or "ddd-text")
  status,   // the API status line
};
[[nodiscard]] const char* to_string(zos_line_kind k) noexcept;

struct zos_line {
  zos_line_kind kind = zos_line_kind::message;
  std::string_view message_id;  // message, command, status: the ID if present
  std::string_view text;        // message: its text; command: the command sent;
                                // reply: the text after the code
  uint16_t code = 0;            // reply: the code
  char separator = 0;           // reply: ' ' or '-' (0 for a bare code)
  zos_status status;            // status: the fields
};

// What a transcript line is (its line end, if any, removed first). Never
// fails: a line that is nothing else is a message.
[[nodiscard]] zos_line classify_zos_line(std::string_view line FTPREPLY_LIFETIME_BOUND) noexcept;

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_ZOS_H
// ---- ftpreply/ftpreply.h ----
// SPDX-License-Identifier: Apache-2.0
// ftpreply/ftpreply.h - everything ftpreply offers, in one include.
//
// ftpreply turns the bytes an FTP server writes on its control connection
// into replies: split (scanner.h, and reader.h for a client's socket),
// classified (classify.h), decoded (decode.h, lines.h) and encoded
// (encode.h, reply_string.h), with RFC 2228 (protected.h) and the z/OS FTP
// client API lines (zos.h). posix.h (sockaddr conversions) is separate.
//
//   #include <ftpreply/ftpreply.h>
//   ftpreply::reply_reader reader;
//   (void)reader.feed(data, size);
//   ftpreply::event r;
//   while (reader.next(r))
//     if (r.is_reply()) printf("%u, %u lines\n", r.code(), r.line_count());
#ifndef FTPREPLY_FTPREPLY_H
#define FTPREPLY_FTPREPLY_H


#endif  // FTPREPLY_FTPREPLY_H
