// SPDX-License-Identifier: Apache-2.0
#include "measure.h"

#include <chrono>
#include <cstring>
#include <initializer_list>
#include <sstream>
#include <string_view>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FTPREPLY_BENCH_X86 1
#else
#define FTPREPLY_BENCH_X86 0
#endif

namespace ftpreply_bench {

counts scan_buffer(const ftpreply::options& opt, ftpreply::kernel k,
                   const char* data, size_t size) {
  ftpreply::scanner s(opt, k);
  counts c;
  c.errors = ftpreply::scan_all(s, data, size, [&](const ftpreply::event& e) {
    c.replies += e.is_reply();
  });
  return c;
}

counts scan_chunked(const ftpreply::options& opt, ftpreply::kernel k,
                    const char* data, size_t size, size_t piece) {
  ftpreply::scanner s(opt, k);
  counts c;
  ftpreply::event ev[256];
  size_t begin = 0, end = 0;
  for (;;) {
    const bool last = end == size;
    ftpreply::scan_result r =
        last ? s.finish(data + begin, end - begin, ev, 256)
             : s.scan(data + begin, end - begin, ev, 256);
    for (size_t i = 0; i < r.events; ++i) {
      c.replies += ev[i].is_reply();
      c.errors += !ev[i].is_reply();
    }
    begin += r.consumed;
    if (r.output_full) continue;
    if (last) return c;
    end = size - end < piece ? size : end + piece;
  }
}

#if FTPREPLY_BENCH_X86
__attribute__((target("avx512f,avx512bw,popcnt")))
static uint64_t newline_count_avx512(const char* p, size_t n) {
  const __m512i lf = _mm512_set1_epi8('\n');
  uint64_t total = 0;
  size_t i = 0;
  for (; i + 64 <= n; i += 64)
    total += static_cast<uint64_t>(__builtin_popcountll(
        _mm512_cmpeq_epi8_mask(_mm512_loadu_si512(p + i), lf)));
  // The tail with a masked load: no scalar loop (clang 14 miscompiles its
  // vectorisation inside a target function).
  const __mmask64 keep = _cvtu64_mask64((uint64_t{1} << (n - i)) - 1);
  total += static_cast<uint64_t>(__builtin_popcountll(
      _mm512_mask_cmpeq_epi8_mask(keep, _mm512_maskz_loadu_epi8(keep, p + i), lf)));
  return total;
}

__attribute__((target("avx2,popcnt")))
static uint64_t newline_count_avx2(const char* p, size_t n) {
  const __m256i lf = _mm256_set1_epi8('\n');
  uint64_t total = 0;
  size_t i = 0;
  alignas(32) char tail[32] = {};
  for (;; i += 32) {
    const char* at = p + i;
    if (i + 32 > n) {  // the tail, zero-padded
      std::memcpy(tail, p + i, n - i);
      at = tail;
    }
    total += static_cast<uint64_t>(__builtin_popcount(static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), lf)))));
    if (at == tail) return total;
  }
}
#endif

// The ring the LF-visiting loops store into: small enough for L1, and
// visible outside this file, so the stores are real.
uint32_t g_lf_ring[256];

namespace {

// Two ways to store a window's LF offsets (mask bit j = byte i + j):
// store_each takes one store per LF; store_spare writes the first two slots
// whatever the count (a spare store past the LFs is overwritten next), so
// the usual window, with one or two LFs, takes no branch on their number.
// Which is faster depends on the CPU and the mix: the floor takes both.
inline uint64_t store_each(uint32_t* ring, uint64_t k, size_t i, uint64_t m) {
  for (; m; m &= m - 1) ring[k++ & 255] = static_cast<uint32_t>(i + static_cast<unsigned>(__builtin_ctzll(m)));
  return k;
}
inline uint64_t store_spare(uint32_t* ring, uint64_t k, size_t i, uint64_t m) {
  uint32_t* const o = ring + (k & 127);  // 128 slots on: a window's 64 LFs fit
  const uint64_t count = static_cast<uint64_t>(__builtin_popcountll(m));
  o[0] = static_cast<uint32_t>(i + static_cast<unsigned>(__builtin_ctzll(m | uint64_t{1} << 63)));
  m &= m - 1;
  o[1] = static_cast<uint32_t>(i + static_cast<unsigned>(__builtin_ctzll(m | uint64_t{1} << 63)));
  m &= m - 1;
  for (unsigned j = 2; m; ++j, m &= m - 1) o[j] = static_cast<uint32_t>(i + static_cast<unsigned>(__builtin_ctzll(m)));
  return k + count;
}

}  // namespace

// One LF-visiting loop per width and store: plain loads on every full
// window (a masked load in the loop ran 3x slower on AMD Zen 5), and the
// input's last, partial window copied once into a zero-filled block.
#define FTPREPLY_LF_VISIT(NAME, TARGET, W, MASK, STORE)                      \
  __attribute__((target(TARGET))) static uint64_t NAME(const char* p, size_t n) { \
    uint64_t k = 0;                                                          \
    size_t i = 0;                                                            \
    for (; i + (W) <= n; i += (W)) k = STORE(g_lf_ring, k, i, MASK(p + i));  \
    alignas(64) char tail[W] = {};                                           \
    std::memcpy(tail, p + i, n - i);                                         \
    return STORE(g_lf_ring, k, i, MASK(tail));                               \
  }

#if FTPREPLY_BENCH_X86
namespace {
__attribute__((target("avx512f,avx512bw"))) inline uint64_t lf_mask_64(const char* at) {
  return _cvtmask64_u64(_mm512_cmpeq_epi8_mask(_mm512_loadu_si512(at), _mm512_set1_epi8('\n')));
}
__attribute__((target("avx2"))) inline uint64_t lf_mask_32(const char* at) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), _mm256_set1_epi8('\n'))));
}
inline uint64_t lf_mask_16(const char* at) {
  return static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(
      _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), _mm_set1_epi8('\n'))));
}
}  // namespace

FTPREPLY_LF_VISIT(lf_visit_avx512_each, "avx512f,avx512bw,bmi,popcnt", 64, lf_mask_64, store_each)
FTPREPLY_LF_VISIT(lf_visit_avx512_spare, "avx512f,avx512bw,bmi,popcnt", 64, lf_mask_64, store_spare)
FTPREPLY_LF_VISIT(lf_visit_avx2_each, "avx2,bmi,popcnt", 32, lf_mask_32, store_each)
FTPREPLY_LF_VISIT(lf_visit_avx2_spare, "avx2,bmi,popcnt", 32, lf_mask_32, store_spare)
FTPREPLY_LF_VISIT(lf_visit_sse2_each, "sse2", 16, lf_mask_16, store_each)
FTPREPLY_LF_VISIT(lf_visit_sse2_spare, "sse2", 16, lf_mask_16, store_spare)
#endif
#undef FTPREPLY_LF_VISIT

// A memchr call per LF: the loop where there is no SIMD to name.
static uint64_t lf_visit_memchr(const char* data, size_t size) {
  uint64_t k = 0;
  for (const char* p = data; (p = static_cast<const char*>(std::memchr(
                                  p, '\n', size - static_cast<size_t>(p - data))));
       ++p)
    g_lf_ring[k++ & 255] = static_cast<uint32_t>(p - data);
  return k;
}

namespace {
// The loops of a list that this CPU runs: each names what it needs
// (avx512vbmi2: with AVX512-VBMI, as every CPU with VBMI2 has it).
enum class needs { nothing, avx2, avx512bw, avx512vbmi2 };
struct candidate {
  named_loop loop;
  needs cpu;
};
std::vector<named_loop> runnable(std::initializer_list<candidate> all) {
  std::vector<named_loop> l;
  for (const candidate& c : all) {
#if FTPREPLY_BENCH_X86
    if (c.cpu == needs::avx512bw && !__builtin_cpu_supports("avx512bw")) continue;
    if (c.cpu == needs::avx512vbmi2 &&
        !(__builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("avx512vbmi")))
      continue;
    if (c.cpu == needs::avx2 &&
        !(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")))
      continue;
#endif
    l.push_back(c.loop);
  }
  return l;
}
}  // namespace

const std::vector<named_loop>& lf_visit_loops() {
  static const std::vector<named_loop> loops = runnable({
#if FTPREPLY_BENCH_X86
      {{"avx512bw/each", &lf_visit_avx512_each}, needs::avx512bw},
      {{"avx512bw/spare", &lf_visit_avx512_spare}, needs::avx512bw},
      {{"avx2/each", &lf_visit_avx2_each}, needs::avx2},
      {{"avx2/spare", &lf_visit_avx2_spare}, needs::avx2},
      {{"sse2/each", &lf_visit_sse2_each}, needs::nothing},
      {{"sse2/spare", &lf_visit_sse2_spare}, needs::nothing},
#endif
      {{"memchr", &lf_visit_memchr}, needs::nothing},
  });
  return loops;
}

uint64_t lf_visit_reference(const char* data, size_t size) {
  uint64_t k = 0;
#if FTPREPLY_BENCH_X86
  // SSE2, x86-64's baseline: 16 bytes, a plain load, a store per LF.
  const __m128i lf = _mm_set1_epi8('\n');
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    unsigned m = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i)), lf)));
    for (; m; m &= m - 1) g_lf_ring[k++ & 255] = static_cast<uint32_t>(i + static_cast<unsigned>(__builtin_ctz(m)));
  }
  for (; i < size; ++i)
    if (data[i] == '\n') g_lf_ring[k++ & 255] = static_cast<uint32_t>(i);
#else
  for (size_t i = 0; i < size; ++i)
    if (data[i] == '\n') g_lf_ring[k++ & 255] = static_cast<uint32_t>(i);
#endif
  return k;
}

namespace {
// What fn finds over `n` pieces of data, one call each.
uint64_t sum_over(uint64_t (*fn)(const char*, size_t), const char* data, const piece* pieces,
                  size_t n) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) sum += fn(data + pieces[i].offset, pieces[i].size);
  return sum;
}
// The time of sum_over().
double seconds_of(uint64_t (*fn)(const char*, size_t), const char* data, const piece* pieces,
                  size_t n) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  volatile uint64_t result = sum_over(fn, data, pieces, n);
  (void)result;
  return std::chrono::duration<double>(clock::now() - start).count();
}
double seconds_of(uint64_t (*fn)(const char*, size_t), const char* data, size_t size) {
  const piece whole{0, size};
  return seconds_of(fn, data, &whole, 1);
}

fastest_round time_fastest(const std::vector<named_loop>& loops, const char* data,
                           const piece* pieces, size_t n, unsigned round) {
  fastest_round r;
  for (size_t j = 0; j < loops.size(); ++j) {
    const size_t at = (j + round) % loops.size();  // who goes first rotates
    const double s = seconds_of(loops[at].fn, data, pieces, n);
    r.total_seconds += s;
    if (r.best_seconds == 0 || s < r.best_seconds) {
      r.best_seconds = s;
      r.best = at;
    }
    if (!std::strstr(loops[at].name, "two-stage") &&
        (r.best_one_stage_seconds == 0 || s < r.best_one_stage_seconds))
      r.best_one_stage_seconds = s;
  }
  return r;
}
}  // namespace

fastest_round time_fastest(const std::vector<named_loop>& loops, const char* data, size_t size,
                           unsigned round) {
  const piece whole{0, size};
  return time_fastest(loops, data, &whole, 1, round);
}

fastest_round time_fastest(const std::vector<named_loop>& loops, const char* data,
                           const std::vector<piece>& pieces, unsigned round) {
  return time_fastest(loops, data, pieces.data(), pieces.size(), round);
}

std::vector<piece> line_pieces(const char* data, size_t size, size_t most) {
  std::vector<piece> out;
  for (size_t at = 0; at < size;) {
    size_t end = size - at <= most ? size : at + most;
    if (end < size) {
      const size_t lf = std::string_view(data + at, end - at).rfind('\n');
      if (lf != std::string_view::npos) end = at + lf + 1;
    }
    out.push_back(piece{at, end - at});
    at = end;
  }
  return out;
}

uint64_t run_pieces(uint64_t (*fn)(const char*, size_t), const char* data,
                    const std::vector<piece>& pieces) {
  return sum_over(fn, data, pieces.data(), pieces.size());
}

lf_visit_round time_lf_visit(const char* data, size_t size, unsigned round) {
  // The reference goes first or last, by turns.
  lf_visit_round r;
  if (round % 2) r.reference_seconds = seconds_of(&lf_visit_reference, data, size);
  static_cast<fastest_round&>(r) = time_fastest(lf_visit_loops(), data, size, round);
  if (!(round % 2)) r.reference_seconds = seconds_of(&lf_visit_reference, data, size);
  r.total_seconds += r.reference_seconds;
  return r;
}

// --- the bare tokenizer ------------------------------------------------------

bare_event g_bare_ring[256];

namespace {

struct lf_cr {
  uint64_t lf, cr;
  uint64_t special = 0;  // NUL or >= 0x80 (the checked tokenizer's masks)
};

struct bare_state {
  uint64_t replies = 0;
  size_t start = 0;   // the next line's first byte
  size_t block = 0;   // the open block's first byte
  uint32_t term = 0;  // its terminator's head; 0 outside a block
  uint64_t cr_in = 0; // the byte before the window is a CR
  // The checked tokenizer's: a NUL or high byte in the open line (the
  // carry from the last window), and in the open block.
  uint64_t special_in = 0;
  uint64_t block_special = 0;
};

// The checked tokenizer's limit on a line, the scanner's default.
const size_t kMaxLine = ftpreply::options::lenient().max_line;

// Four bytes as a little-endian word, whatever the host.
inline uint32_t head_at(const char* p) {
  const unsigned char* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16 | uint32_t{u[3]} << 24;
}

// The three low bytes are ASCII digits (as the kernel tests them).
inline bool three_digits(uint32_t v) {
  const uint32_t d = v - 0x00303030u;
  return ((d | (d + 0x00767676u)) & 0x00808080u) == 0;
}

// `flag` (a NUL or high byte in the reply) above the code, as the
// scanner keeps flags beside it.
inline void bare_emit(bare_state& s, const char* p, size_t from, size_t to, uint32_t head,
                      uint64_t flag = 0) {
  bare_event& e = g_bare_ring[s.replies++ & 255];
  e.offset = from;
  e.data = p + from;
  e.packed = (to - from) | uint64_t{head & 0xFFFFFFu} << 32 | flag << 56;
}

// One line [start, next), ended by CR LF or not: the tokenizer's work.
// Checked: the line also within the line limit, and its NUL or high
// bytes (`special`, 0 or 1) flag its reply.
template <bool Checked>
__attribute__((always_inline)) inline void bare_line(bare_state& s, const char* p, size_t start,
                                                     size_t next, bool crlf, uint64_t special) {
  if (next < start + 5 || !crlf) return;  // no head, or no CR
  if (Checked && next - start > kMaxLine) return;
  const uint32_t head = head_at(p + start);
  if (s.term) {
    if (head != s.term) return;
    bare_emit(s, p, s.block, next, head, Checked ? s.block_special : 0);
    s.term = 0;
  } else if (three_digits(head)) {
    if (head >> 24 == ' ') {
      bare_emit(s, p, start, next, head, special);
    } else if (head >> 24 == '-') {
      s.block = start;
      s.term = (head & 0xFFFFFFu) | uint32_t{' '} << 24;
      if (Checked) s.block_special = special;
    }
  }
}

// The lines ending in one window (masks of bytes i..i+63 of p). The line
// start is set from each LF, never read back into the next: the lines
// chain through the mask's bits alone. Checked: each line takes the
// special bits up to its LF, the rest carry on to the next window.
template <bool Checked>
__attribute__((always_inline)) inline void bare_window(bare_state& s, const char* p, size_t i,
                                                       lf_cr m) {
  const uint64_t crlf = m.lf & (m.cr << 1 | s.cr_in);
  s.cr_in = m.cr >> 63;
  uint64_t special = Checked ? m.special | s.special_in : 0;
  for (uint64_t lfs = m.lf; lfs; lfs &= lfs - 1) {
    const unsigned bit = static_cast<unsigned>(__builtin_ctzll(lfs));
    const size_t start = s.start, next = i + bit + 1;
    s.start = next;
    uint64_t line_special = 0;
    if (Checked && special) {  // usually none in the window: one test
      const uint64_t mine = special & (lfs ^ (lfs - 1));
      special ^= mine;
      line_special = mine != 0;
      s.block_special |= line_special & (s.term != 0);  // a line of the open block
    }
    bare_line<Checked>(s, p, start, next, crlf >> bit & 1, line_special);
  }
  if (Checked) s.special_in = special != 0;
}

// One stage: windows with plain loads from FROM to TO, the last, partial
// one copied once into a zero-filled block, each window's lines walked as
// its masks come.
// (A macro, as the loops below: each expands it in its own target.)
#define FTPREPLY_BARE_WINDOWS(S, P, FROM, TO, MASKS, CHECKED)                  \
  do {                                                                         \
    size_t i_ = (FROM);                                                        \
    for (; i_ + 64 <= (TO); i_ += 64) bare_window<CHECKED>(S, P, i_, MASKS(P + i_)); \
    if (i_ < (TO)) {                                                           \
      alignas(64) char tail_[64] = {};                                         \
      std::memcpy(tail_, P + i_, (TO) - i_);                                   \
      bare_window<CHECKED>(S, P, i_, MASKS(tail_));                            \
    }                                                                          \
  } while (0)
#define FTPREPLY_BARE(NAME, TARGET, MASKS, CHECKED)                            \
  TARGET static uint64_t NAME(const char* p, size_t n) {                      \
    bare_state s;                                                              \
    FTPREPLY_BARE_WINDOWS(s, p, 0, n, MASKS, CHECKED);                         \
    return s.replies;                                                          \
  }

// Whether a stage one's index at `index` would start less than 1 KiB
// before the input's bytes, mod 4096 (the chunks start 4096 apart). There
// its stores and the loads after them alias: on Zen 4 the VBMI2 loop ran
// 6.0-7.1 GB/s on session with its index 32 to 256 bytes before, 8.8-9.3
// elsewhere. The stack puts the index anywhere.
inline bool index_aliases(const void* index, const char* p) {
  return ((reinterpret_cast<uintptr_t>(p) - reinterpret_cast<uintptr_t>(index)) & 4095) < 1024;
}
// Calls `loop` from a frame 1 KiB further down the stack: its index then
// starts 1 KiB further before the input's bytes.
inline __attribute__((noinline)) uint64_t from_lower_frame(uint64_t (*loop)(const char*, size_t),
                                                           const char* p, size_t n) {
  volatile char pad[1024];
  pad[0] = 0;
  return loop(p, n) + pad[0];
}

// Two stages, as simdjson does: the line ends of 64 windows flattened into
// an index (eight slots written whatever the count, so the usual window
// takes no branch on it), then the lines walked from the index.
#define FTPREPLY_BARE_TWO_STAGE(NAME, TARGET, MASKS)                           \
  TARGET static uint64_t NAME(const char* p, size_t n) {                      \
    bare_state s;                                                              \
    uint32_t index[64 * 64 + 8];                                               \
    if (index_aliases(index, p)) return from_lower_frame(&NAME, p, n);         \
    for (size_t chunk = 0; chunk < n; chunk += 4096) {                         \
      const size_t end = n - chunk < 4096 ? n : chunk + 4096;                  \
      size_t count = 0;                                                        \
      for (size_t i = chunk; i < end; i += 64) {                               \
        uint64_t lf;                                                           \
        if (end - i >= 64) {                                                   \
          lf = MASKS(p + i).lf;                                                \
        } else {                                                               \
          alignas(64) char tail[64] = {};                                      \
          std::memcpy(tail, p + i, end - i);                                   \
          lf = MASKS(tail).lf;                                                 \
        }                                                                      \
        const unsigned c = static_cast<unsigned>(__builtin_popcountll(lf));    \
        uint32_t* const o = index + count;                                     \
        for (unsigned k = 0; k < 8; ++k, lf &= lf - 1)                         \
          o[k] = static_cast<uint32_t>(i + static_cast<unsigned>(              \
                                               __builtin_ctzll(lf | uint64_t{1} << 63))); \
        for (unsigned k = 8; k < c; ++k, lf &= lf - 1)                         \
          o[k] = static_cast<uint32_t>(i + static_cast<unsigned>(__builtin_ctzll(lf))); \
        count += c;                                                            \
      }                                                                        \
      for (size_t k = 0; k < count; ++k) {                                     \
        const size_t next = size_t{index[k]} + 1, start = s.start;             \
        s.start = next;                                                        \
        bare_line<false>(s, p, start, next, next >= 2 && p[next - 2] == '\r', 0); \
      }                                                                        \
    }                                                                          \
    return s.replies;                                                          \
  }

#if FTPREPLY_BENCH_X86
__attribute__((target("avx512f,avx512bw"))) inline lf_cr lf_cr_512(const char* at) {
  const __m512i v = _mm512_loadu_si512(at);
  return {_cvtmask64_u64(_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'))),
          _cvtmask64_u64(_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r')))};
}
__attribute__((target("avx2"))) inline uint64_t eq_mask_32(const char* at, char c) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), _mm256_set1_epi8(c))));
}
__attribute__((target("avx2"))) inline lf_cr lf_cr_256(const char* at) {
  return {eq_mask_32(at, '\n') | eq_mask_32(at + 32, '\n') << 32,
          eq_mask_32(at, '\r') | eq_mask_32(at + 32, '\r') << 32};
}
inline uint64_t eq_mask_64_sse2(const char* at, char c) {
  uint64_t m = 0;
  for (unsigned q = 0; q < 4; ++q)
    m |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(
             _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16 * q)), _mm_set1_epi8(c))))}
         << 16 * q;
  return m;
}
inline lf_cr lf_cr_128(const char* at) {
  return {eq_mask_64_sse2(at, '\n'), eq_mask_64_sse2(at, '\r')};
}
// With the special mask: NUL or >= 0x80 is a signed byte <= 0.
__attribute__((target("avx512f,avx512bw"))) inline lf_cr lf_cr_special_512(const char* at) {
  lf_cr m = lf_cr_512(at);
  m.special = _cvtmask64_u64(
      _mm512_cmple_epi8_mask(_mm512_loadu_si512(at), _mm512_setzero_si512()));
  return m;
}
__attribute__((target("avx2"))) inline uint64_t positive_mask_32(const char* at) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), _mm256_setzero_si256())));
}
__attribute__((target("avx2"))) inline lf_cr lf_cr_special_256(const char* at) {
  lf_cr m = lf_cr_256(at);
  m.special = ~(positive_mask_32(at) | positive_mask_32(at + 32) << 32);
  return m;
}
inline lf_cr lf_cr_special_128(const char* at) {
  lf_cr m = lf_cr_128(at);
  uint64_t positive = 0;
  for (unsigned q = 0; q < 4; ++q)
    positive |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(
                    _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16 * q)),
                    _mm_setzero_si128())))}
                << 16 * q;
  m.special = ~positive;
  return m;
}
FTPREPLY_BARE(bare_avx512, __attribute__((target("avx512f,avx512bw,bmi"))), lf_cr_512, false)
FTPREPLY_BARE(bare_avx2, __attribute__((target("avx2,bmi"))), lf_cr_256, false)
FTPREPLY_BARE(bare_sse2, , lf_cr_128, false)
FTPREPLY_BARE(checked_avx512, __attribute__((target("avx512f,avx512bw,bmi"))),
              lf_cr_special_512, true)
FTPREPLY_BARE(checked_avx2, __attribute__((target("avx2,bmi"))), lf_cr_special_256, true)
FTPREPLY_BARE(checked_sse2, , lf_cr_special_128, true)
FTPREPLY_BARE_TWO_STAGE(bare_avx512_two_stage,
                        __attribute__((target("avx512f,avx512bw,bmi,popcnt"))), lf_cr_512)
FTPREPLY_BARE_TWO_STAGE(bare_avx2_two_stage, __attribute__((target("avx2,bmi,popcnt"))),
                        lf_cr_256)
// Two stages with VBMI2, as the hot-path issue names them. Stage one
// compresses each window's LF positions (bytes) into a register with one
// vpcompressb, the register form (the store form is slow on Zen 4), widens
// them to 16-bit offsets from the chunk's start with vpermb, and stores 32
// slots whatever the count (more only past 32 LFs); it ORs the chunk's bare
// LFs together and, checked, its NUL and high bytes. (Two vpcompressw, the
// word form, ran 0.79-0.85x this stage one alone on Zen 4, every mix.)
// Sparse: a window without LF skips the compress, a branch taken when the
// last chunk had fewer LFs than a quarter of its windows.
constexpr size_t kIndexChunk = 4096;
struct vbmi2_chunk {
  size_t count = 0;      // LFs in the index
  uint64_t bare = 0;     // any LF without a CR before it
  uint64_t special = 0;  // any NUL or high byte (checked only)
};
#define FTPREPLY_VBMI2_TARGET "avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt"
// The low 32 bytes of v zero-extended to 16 bits: byte k to word k, the odd
// bytes zeroed by the mask (the cast to 256 bits and vpmovzxbw warn in GCC
// 12: -Wmaybe-uninitialized in its own header).
__attribute__((target(FTPREPLY_VBMI2_TARGET), always_inline)) inline __m512i widen_low(__m512i v) {
  alignas(64) static const uint8_t to_words[64] = {
      0,  0, 1,  0, 2,  0, 3,  0, 4,  0, 5,  0, 6,  0, 7,  0, 8,  0, 9,  0, 10, 0,
      11, 0, 12, 0, 13, 0, 14, 0, 15, 0, 16, 0, 17, 0, 18, 0, 19, 0, 20, 0, 21, 0,
      22, 0, 23, 0, 24, 0, 25, 0, 26, 0, 27, 0, 28, 0, 29, 0, 30, 0, 31, 0};
  return _mm512_maskz_permutexvar_epi8(_cvtu64_mask64(0x5555555555555555u),
                                       _mm512_load_si512(to_words), v);
}
// The 16-bit offsets base + i of `lf`'s set bits i (the first 32), from
// the byte positions 0-63 in `positions`, stored at `at` (32 slots).
__attribute__((target(FTPREPLY_VBMI2_TARGET), always_inline)) inline void store_offsets(
    uint16_t* at, uint64_t lf, __m512i positions, __m512i base) {
  _mm512_storeu_si512(at, _mm512_add_epi16(widen_low(_mm512_maskz_compress_epi8(lf, positions)),
                                           base));
}
template <bool Sparse, bool Checked>
__attribute__((target(FTPREPLY_VBMI2_TARGET), always_inline)) inline vbmi2_chunk
vbmi2_stage_one(const char* p, size_t chunk, size_t end, uint64_t cr_in, uint16_t* index) {
  alignas(64) static const uint8_t iota[64] = {
      0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
      22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
      44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};
  const __m512i positions = _mm512_load_si512(iota);
  vbmi2_chunk c;
  for (size_t i = chunk; i < end; i += 64) {
    lf_cr m;
    if (end - i >= 64) {
      m = Checked ? lf_cr_special_512(p + i) : lf_cr_512(p + i);
    } else {
      alignas(64) char tail[64] = {};
      std::memcpy(tail, p + i, end - i);
      m = Checked ? lf_cr_special_512(tail) : lf_cr_512(tail);
      m.special &= (uint64_t{1} << (end - i)) - 1;  // not the zeros after the end
    }
    c.bare |= m.lf & ~(m.cr << 1 | cr_in);
    cr_in = m.cr >> 63;
    if (Checked) c.special |= m.special;
    const uint64_t lf = m.lf;
    if (Sparse && !lf) continue;
    const __m512i base = _mm512_set1_epi16(static_cast<short>(i - chunk));
    store_offsets(index + c.count, lf, positions, base);
    const unsigned n = static_cast<unsigned>(__builtin_popcountll(lf));
    // The LFs after the 32nd: lf's set bits from the 33rd on.
    if (n > 32) store_offsets(index + c.count + 32, _pdep_u64(~uint64_t{0} << 32, lf), positions, base);
    c.count += n;
  }
  return c;
}

// Stage two: the lines of the index. AllCrLf: the chunk has no bare LF,
// so no line's CR is read.
template <bool AllCrLf, bool Checked>
__attribute__((always_inline)) inline void walk_index(bare_state& s, const char* p, size_t chunk,
                                                      const uint16_t* index, size_t count) {
  for (size_t k = 0; k < count; ++k) {
    const size_t next = chunk + index[k] + 1, start = s.start;
    s.start = next;
    bare_line<Checked>(s, p, start, next, AllCrLf || p[next - 2] == '\r', 0);
  }
}

// Checked: a chunk with a NUL or high byte (or one carried into its first
// line) is walked again in one stage, as checked_avx512 walks it.
template <bool Checked>
__attribute__((target(FTPREPLY_VBMI2_TARGET))) uint64_t tokenize_vbmi2(
    const char* p, size_t n) {
  bare_state s;
  uint16_t index[kIndexChunk + 64];
  if (index_aliases(index, p)) return from_lower_frame(&tokenize_vbmi2<Checked>, p, n);
  bool sparse = false;
  for (size_t chunk = 0; chunk < n; chunk += kIndexChunk) {
    const size_t end = n - chunk < kIndexChunk ? n : chunk + kIndexChunk;
    const uint64_t cr_in = chunk > 0 && p[chunk - 1] == '\r';
    const vbmi2_chunk c = sparse ? vbmi2_stage_one<true, Checked>(p, chunk, end, cr_in, index)
                                 : vbmi2_stage_one<false, Checked>(p, chunk, end, cr_in, index);
    sparse = c.count < (end - chunk) / 128;
    if (Checked && (c.special | s.special_in)) {
      s.cr_in = cr_in;
      FTPREPLY_BARE_WINDOWS(s, p, chunk, end, lf_cr_special_512, true);
      continue;
    }
    if (c.bare)
      walk_index<false, Checked>(s, p, chunk, index, c.count);
    else
      walk_index<true, Checked>(s, p, chunk, index, c.count);
  }
  return s.replies;
}
#else
inline lf_cr lf_cr_bytes(const char* at) {
  lf_cr m{0, 0};
  for (unsigned j = 0; j < 64; ++j) {
    const unsigned char c = static_cast<unsigned char>(at[j]);
    m.lf |= uint64_t{c == '\n'} << j;
    m.cr |= uint64_t{c == '\r'} << j;
    m.special |= uint64_t{c == 0 || c >= 0x80} << j;
  }
  return m;
}
FTPREPLY_BARE(bare_bytes, , lf_cr_bytes, false)
FTPREPLY_BARE(checked_bytes, , lf_cr_bytes, true)
#endif
#undef FTPREPLY_BARE
#undef FTPREPLY_BARE_WINDOWS
#undef FTPREPLY_BARE_TWO_STAGE
#undef FTPREPLY_VBMI2_TARGET

}  // namespace

const std::vector<named_loop>& bare_tokenizer_loops() {
  static const std::vector<named_loop> loops = runnable({
#if FTPREPLY_BENCH_X86
      {{"avx512bw", &bare_avx512}, needs::avx512bw},
      {{"avx512bw/two-stage", &bare_avx512_two_stage}, needs::avx512bw},
      {{"vbmi2/two-stage", &tokenize_vbmi2<false>}, needs::avx512vbmi2},
      {{"avx2", &bare_avx2}, needs::avx2},
      {{"avx2/two-stage", &bare_avx2_two_stage}, needs::avx2},
      {{"sse2", &bare_sse2}, needs::nothing},
#else
      {{"bytes", &bare_bytes}, needs::nothing},
#endif
  });
  return loops;
}

const std::vector<named_loop>& checked_tokenizer_loops() {
  static const std::vector<named_loop> loops = runnable({
#if FTPREPLY_BENCH_X86
      {{"avx512bw", &checked_avx512}, needs::avx512bw},
      {{"vbmi2/two-stage", &tokenize_vbmi2<true>}, needs::avx512vbmi2},
      {{"avx2", &checked_avx2}, needs::avx2},
      {{"sse2", &checked_sse2}, needs::nothing},
#else
      {{"bytes", &checked_bytes}, needs::nothing},
#endif
  });
  return loops;
}

uint64_t newline_count(const char* data, size_t size) {
#if FTPREPLY_BENCH_X86
  if (__builtin_cpu_supports("avx512bw")) return newline_count_avx512(data, size);
  if (__builtin_cpu_supports("avx2")) return newline_count_avx2(data, size);
#endif
  uint64_t total = 0;
  for (const char* p = data; (p = static_cast<const char*>(
                                  std::memchr(p, '\n', size - static_cast<size_t>(p - data))));
       ++p)
    ++total;
  return total;
}

const char* newline_count_isa() {
#if FTPREPLY_BENCH_X86
  if (__builtin_cpu_supports("avx512bw")) return "avx512bw";
  if (__builtin_cpu_supports("avx2")) return "avx2";
#endif
  return "memchr";
}

uint64_t memchr_lines(const char* data, size_t size) {
  uint64_t replies = 0;
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    const char* lf = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* line_end = lf ? lf : end;
    if (line_end - p >= 4 && static_cast<unsigned>(p[0] - '0') < 10 &&
        static_cast<unsigned>(p[1] - '0') < 10 &&
        static_cast<unsigned>(p[2] - '0') < 10 && p[3] == ' ')
      ++replies;
    if (!lf) break;
    p = lf + 1;
  }
  return replies;
}

uint64_t getline_replies(const std::string& data) {
  std::istringstream in(data);
  std::string line;
  uint64_t replies = 0;
  while (std::getline(in, line)) {
    if (line.size() < 4 || line[3] != ' ') continue;
    try {
      size_t used = 0;
      int code = std::stoi(line.substr(0, 3), &used);
      if (used == 3 && code >= 100) ++replies;
    } catch (...) {
      // not a number: a continuation or garbage line
    }
  }
  return replies;
}

}  // namespace ftpreply_bench
