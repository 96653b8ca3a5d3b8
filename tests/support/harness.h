// SPDX-License-Identifier: Apache-2.0
// Driving a scanner the way a caller does, and recording what it reports.
#ifndef FTPREPLY_TESTS_HARNESS_H
#define FTPREPLY_TESTS_HARNESS_H

#include <cstdint>
#include <string>
#include <vector>

#include "ftpreply/scanner.h"

#include "ftpreply/decode.h"

namespace ftpreply_test {

// A test's `bool strict` as the decoders' named mode.
inline ftpreply::decode_mode mode_of(bool strict) {
  return strict ? ftpreply::decode_mode::strict : ftpreply::decode_mode::lenient;
}

// An event with its views copied out, so it outlives the scan buffer.
struct recorded {
  ftpreply::error err = ftpreply::error::ok;
  uint16_t code = 0;
  uint16_t flags = 0;
  uint32_t lines = 0;
  uint64_t offset = 0;
  uint64_t start = 0;
  uint64_t length = 0;
  std::string bytes;  // replies only
  std::string text;   // replies only

  bool operator==(const recorded& o) const;
  bool operator!=(const recorded& o) const { return !(*this == o); }
};

// Copies an event out of the scan buffer.
recorded record(const ftpreply::event& e);

struct run_result {
  std::vector<recorded> events;
  uint64_t consumed = 0;
  uint64_t examined = 0;
  std::string violation;  // a broken streaming contract, if any
};

// A piece of a stream, then the bytes lost after it (scanner::gap).
struct segment {
  std::string bytes;
  uint64_t lost = 0;
};

// Feeds the segments as scan_pieces() feeds pieces, declaring each one's
// loss after it with scanner::gap.
run_result scan_segments(const ftpreply::options& opt, ftpreply::kernel k,
                         const std::vector<segment>& segments, size_t capacity = 16);

// Feeds `pieces` one after the other, keeping the unconsumed bytes as a
// caller must, then declares the end of the stream. `capacity` is the size
// of the output array handed to each call (small values exercise
// output_full).
run_result scan_pieces(const ftpreply::options& opt, ftpreply::kernel k,
                       const std::vector<std::string>& pieces,
                       size_t capacity = 16);

// The stream cut at the given ascending offsets.
std::vector<std::string> cut_at(const std::string& s,
                                const std::vector<size_t>& cuts);

// One piece per byte.
std::vector<std::string> bytewise(const std::string& s);

// A text's lines as encode_reply() splits them: at CR LF, LF or CR; a
// line end at the very end ends the last line and makes no new one.
std::vector<std::string> split_text_lines(const std::string& text);

// The conformance notation: "220(1) !bad_code 230(3)[bare_lf]", or "none".
std::string notation(const std::vector<recorded>& events);

// A readable dump of events, for failure messages.
std::string describe(const std::vector<recorded>& events);

// The concrete kernels this CPU runs; never empty (scalar always runs).
std::vector<ftpreply::kernel> supported_kernels();

}  // namespace ftpreply_test

#endif
