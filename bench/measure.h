// SPDX-License-Identifier: Apache-2.0
// What the benchmarks measure, shared by ftpreply_bench and `ftpreply bench`:
// the scanner over a buffer (whole, or in TCP-segment pieces) and the three
// yardsticks that parse the same bytes the usual ways.
#ifndef FTPREPLY_BENCH_MEASURE_H
#define FTPREPLY_BENCH_MEASURE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ftpreply/ftpreply.h"

namespace ftpreply_bench {

struct counts {
  uint64_t replies = 0;
  uint64_t errors = 0;
  bool operator==(const counts& o) const {
    return replies == o.replies && errors == o.errors;
  }
};

// The whole buffer in one call (then finish), as a caller with the whole
// capture in memory does.
counts scan_buffer(const ftpreply::options& opt, ftpreply::kernel k,
                   const char* data, size_t size);

// The buffer arriving `piece` bytes at a time: each call sees the
// unconsumed bytes plus the new piece, as over a TCP connection.
counts scan_chunked(const ftpreply::options& opt, ftpreply::kernel k,
                    const char* data, size_t size, size_t piece);

// The limit: counts line ends with the widest SIMD this CPU has.
uint64_t newline_count(const char* data, size_t size);
// The name of the instructions newline_count() uses here.
const char* newline_count_isa();

// A loop the benchmark times, by name: "avx512bw/each", "avx2/spare", ...
struct named_loop {
  const char* name;
  uint64_t (*fn)(const char* data, size_t size);
};

// The fastest of `loops` on the bytes, each run once, in an order that
// rotates with `round`: its time and its index, and the round's time; and
// the time of the fastest loop in one stage (a name without "two-stage"),
// 0 when there is none.
struct fastest_round {
  double best_seconds = 0;
  size_t best = 0;
  double total_seconds = 0;
  double best_one_stage_seconds = 0;
};
fastest_round time_fastest(const std::vector<named_loop>& loops, const char* data, size_t size,
                           unsigned round);

// A part of the input that a loop is called on alone.
struct piece {
  size_t offset, size;
};
// The input in pieces of at most `most` bytes, each ended after its last
// LF (one without LF ends at `most`): what a stream fed `most` bytes a call
// would hand a tokenizer that carried nothing from one call to the next.
std::vector<piece> line_pieces(const char* data, size_t size, size_t most);
// time_fastest() with each loop called on every piece in turn: the sum of
// the replies it found, and of its time.
fastest_round time_fastest(const std::vector<named_loop>& loops, const char* data,
                           const std::vector<piece>& pieces, unsigned round);
uint64_t run_pieces(uint64_t (*fn)(const char*, size_t), const char* data,
                    const std::vector<piece>& pieces);

// The floor of a tokenizer that touches each line: loops that visit every
// line end and store its offset into a small ring (as a tokenizer stores
// what it found), one per SIMD width this CPU has and per way of storing.
// Each returns the line ends it visited. The floor is the fastest of them,
// measured on the bytes at hand: which wins differs by CPU and by mix.
const std::vector<named_loop>& lf_visit_loops();
extern uint32_t g_lf_ring[256];

// A plain LF-visiting loop written apart from the others (SSE2, a plain
// load, one store per LF): the floor must never be slower than it.
uint64_t lf_visit_reference(const char* data, size_t size);

// One round of the floor: every loop once over the bytes, and the
// reference before or after them by turns, each timed (total_seconds
// includes the reference).
struct lf_visit_round : fastest_round {
  double reference_seconds = 0;  // lf_visit_reference()'s time
};
lf_visit_round time_lf_visit(const char* data, size_t size, unsigned round);

// A tokenizer with none of the rules, the common case only: line ends
// from masks (plain loads), a CR before each LF checked from masks, each
// line's head read with one 4-byte load (three digits, then a space or
// '-'), a block closed at the line "ddd " with its code, one 24-byte event
// per reply into a small ring. No limits, flags, errors or streaming: a
// line of any other form is skipped. What any tokenizer of these replies
// must do at least, so the distance from lf_visit to it is the price of
// the work per line and per reply, before any rule. Loops per SIMD width,
// in one stage (each window's lines walked as its masks come) and in two
// (line ends flattened into an index, then the lines walked from it; with
// VBMI2, compressed into registers);
// each returns the replies it found (on CR LF text, the scanner's count).
// The yardstick is the fastest of them.
const std::vector<named_loop>& bare_tokenizer_loops();

// The bare and checked tokenizers' events, as the scanner's: 24 bytes,
// visible outside their file so the stores are real. Reply n is at
// g_bare_ring[n % 256].
struct bare_event {
  uint64_t offset;
  const char* data;
  uint64_t packed;  // the length, the three code bytes from bit 32, a flag at bit 56
};
extern bare_event g_bare_ring[256];

// The bare tokenizer (in one stage, and with VBMI2 in two) with the checks
// that no tokenizer keeping the scanner's contract can skip: each window's
// NUL and high bytes (a mask), each line's share of them flagging its
// reply, and the line limit. The distance from the bare tokenizer to it is
// the price of those checks alone, before any rule's control flow; the
// kernel's distance from it is what the rules cost beyond them. In two
// stages a 4 KiB chunk without NUL, high byte or bare LF takes no per-line
// test for them. Each loop returns the replies it found (the bare
// tokenizer's count).
const std::vector<named_loop>& checked_tokenizer_loops();

// The usual fast C loop: a memchr call per line, replies counted on lines
// whose first four bytes are "ddd ".
uint64_t memchr_lines(const char* data, size_t size);

// The usual client: std::getline over a stream, std::stoi of the code,
// replies counted on lines whose fourth byte is a space.
uint64_t getline_replies(const std::string& data);

}  // namespace ftpreply_bench

#endif
