// SPDX-License-Identifier: Apache-2.0
#include "measure.h"

#include <cstring>
#include <sstream>

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

// The ring lf_visit() stores into: small enough for L1, and visible outside
// this file, so the stores are real.
uint32_t g_lf_ring[256];

#if FTPREPLY_BENCH_X86
// Stores the offsets of the LFs in `m` (the window at i) after the k
// already stored; returns the new count. The first two slots are written
// whatever the count (a spare store past the LFs is overwritten next), so
// the usual window, with one or two LFs, takes no branch on their number:
// 1.2-1.4x a plain loop on session, multiline and single-line text, as fast
// on short (Sapphire Rapids, AVX-512).
__attribute__((target("bmi,popcnt")))
static inline uint64_t visit(uint32_t* ring, uint64_t k, size_t i, uint64_t m) {
  uint32_t* const o = ring + (k & 127);  // 128 slots on: a window's 64 LFs fit
  const unsigned count = static_cast<unsigned>(__builtin_popcountll(m));
  o[0] = static_cast<uint32_t>(i + __builtin_ia32_tzcnt_u64(m));
  m &= m - 1;
  o[1] = static_cast<uint32_t>(i + __builtin_ia32_tzcnt_u64(m));
  m &= m - 1;
  for (unsigned j = 2; m; ++j, m &= m - 1) o[j] = static_cast<uint32_t>(i + __builtin_ctzll(m));
  return k + count;
}

__attribute__((target("avx512f,avx512bw,bmi,popcnt")))
static uint64_t lf_visit_avx512(const char* p, size_t n) {
  const __m512i lf = _mm512_set1_epi8('\n');
  uint64_t k = 0;
  for (size_t i = 0; i < n; i += 64) {
    const __mmask64 keep = _cvtu64_mask64(n - i >= 64 ? ~uint64_t{0} : (uint64_t{1} << (n - i)) - 1);
    uint64_t m = _cvtmask64_u64(
        _mm512_mask_cmpeq_epi8_mask(keep, _mm512_maskz_loadu_epi8(keep, p + i), lf));
    k = visit(g_lf_ring, k, i, m);
  }
  return k;
}

__attribute__((target("avx2,bmi,popcnt")))
static uint64_t lf_visit_avx2(const char* p, size_t n) {
  const __m256i lf = _mm256_set1_epi8('\n');
  uint64_t k = 0;
  alignas(32) char tail[32] = {};
  for (size_t i = 0; i < n; i += 32) {
    const char* at = p + i;
    if (n - i < 32) {  // the tail, zero-padded
      std::memcpy(tail, p + i, n - i);
      at = tail;
    }
    uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), lf)));
    k = visit(g_lf_ring, k, i, m);
  }
  return k;
}
#endif

uint64_t lf_visit(const char* data, size_t size) {
  uint64_t k = 0;
#if FTPREPLY_BENCH_X86
  if (__builtin_cpu_supports("avx512bw")) k = lf_visit_avx512(data, size);
  else if (__builtin_cpu_supports("avx2")) k = lf_visit_avx2(data, size);
  else
#endif
  {
    for (const char* p = data; (p = static_cast<const char*>(std::memchr(
                                    p, '\n', size - static_cast<size_t>(p - data))));
         ++p)
      g_lf_ring[k++ & 255] = static_cast<uint32_t>(p - data);
  }
  return k;
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
