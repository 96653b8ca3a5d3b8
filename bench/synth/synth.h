// SPDX-License-Identifier: Apache-2.0
// Synthetic control-connection traffic, deterministic by seed.
//
// Four mixes (see DESIGN.md): `session` (a real client's day: banners,
// login, PWD/MKD 257, PASV 227 / EPSV 229, transfers, SIZE/MDTM 213, FEAT
// and HELP multi-line, errors), `short` (single-line replies with little
// text), `multiline` (long STAT/LIST replies whose continuation lines start
// with digits and other codes) and `hostile` (huge lines, endless multi-line
// replies, wrong terminators, NULs, non-digits, bare LF and CR).
//
//   ftpreply_synth::generator g(ftpreply_synth::mix::session, 42);
//   std::string s;
//   while (s.size() < (1 << 20)) g.next(&s);   // whole replies
//   // g.replies() replies were written (hostile: best effort, see below)
#ifndef FTPREPLY_BENCH_SYNTH_H
#define FTPREPLY_BENCH_SYNTH_H

#include <cstdint>
#include <string>

namespace ftpreply_synth {

enum class mix { session, short_replies, multiline, hostile };

// "session", "short", "multiline", "hostile".
const char* to_string(mix m);
bool mix_from_string(const std::string& name, mix* out);
constexpr mix all_mixes[] = {mix::session, mix::short_replies, mix::multiline,
                             mix::hostile};

class generator {
 public:
  generator(mix m, uint64_t seed);
  // Appends one unit: a whole reply (a few for session sequences) or, for
  // hostile, one piece of abuse.
  void next(std::string* out);
  // Well-formed replies written so far. Exact for session, short and
  // multiline (every byte they write is a reply the lenient scanner
  // accepts); for hostile, the replies meant to survive the abuse.
  uint64_t replies() const { return replies_; }

 private:
  uint64_t rand();
  uint64_t below(uint64_t n) { return rand() % n; }
  void reply(std::string* out, int code, const std::string& text);
  void session(std::string* out);
  void short_reply(std::string* out);
  void multiline(std::string* out);
  void hostile(std::string* out);
  std::string file_name();
  std::string listing_line();

  mix mix_;
  uint64_t state_;
  uint64_t replies_ = 0;
  int step_ = 0;
};

// A whole stream: units until at least `min_replies` replies and
// `min_bytes` bytes were written.
std::string generate(mix m, uint64_t seed, uint64_t min_replies,
                     uint64_t min_bytes, uint64_t* replies = nullptr);

}  // namespace ftpreply_synth

#endif
