// SPDX-License-Identifier: Apache-2.0
// Which kernels this build has, which this CPU runs, and the best of them.
#include <atomic>
#include <cstring>

#include "internal.h"

namespace ftpreply {
namespace {

bool cpu_has(kernel k) noexcept {
  switch (k) {
    case kernel::automatic:
    case kernel::scalar:
      return true;
#if FTPREPLY_X86_64 && defined(__GNUC__)
    case kernel::sse2:
      return __builtin_cpu_supports("sse2");
    case kernel::avx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
             __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
    case kernel::avx512bw:
      return __builtin_cpu_supports("avx512f") &&
             __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
             __builtin_cpu_supports("popcnt");
#endif
#if FTPREPLY_ARM64
    case kernel::neon:
      return true;  // Advanced SIMD is part of AArch64
#endif
    default:
      return false;
  }
}

}  // namespace

namespace detail {

scan_fn scan_function(kernel k) noexcept {
  if (!cpu_has(k)) return nullptr;
  switch (k) {
    case kernel::scalar:
      return &scalar::scan;
#if FTPREPLY_X86_64 && defined(__GNUC__)
    case kernel::sse2:
      return &sse2::scan;
    case kernel::avx2:
      return &avx2::scan;
    case kernel::avx512bw:
      return &avx512bw::scan;
#endif
#if FTPREPLY_ARM64
    case kernel::neon:
      return &neon::scan;
#endif
    default:
      return nullptr;
  }
}

}  // namespace detail

bool kernel_supported(kernel k) noexcept {
  return k == kernel::automatic || detail::scan_function(k) != nullptr;
}

kernel best_kernel() noexcept {
  // Resolved on first use; every thread computes the same answer, so a race
  // only repeats the work.
  static std::atomic<kernel> best{kernel::automatic};
  kernel k = best.load(std::memory_order_relaxed);
  if (k == kernel::automatic) {
    // The widest kernel the CPU runs, on every CPU family measured. The
    // rule is the least regret: the automatic kernel against the best one
    // on each mix (ftpreply_bench, 64 MiB per mix, interleaved repetitions),
    // AVX-512BW / AVX2:
    // - Intel Sapphire Rapids: AVX-512BW the fastest on every mix.
    // - AMD Zen 4 (family 0x19: 512-bit operations on 256-bit units), two
    //   runs on EPYC model 0x11: hostile 1.21 and 1.21, multiline 1.09 and
    //   1.12, servers 1.03 and 1.20, session 1.00 and 1.06, short 0.94 and
    //   0.98 (chunked alike). AVX2 would cost up to 18% (hostile);
    //   AVX-512BW at most 6% (short). An earlier Zen 4 run had favoured AVX2
    //   by 7% on multiline; neither of these reproduced it.
    // - AMD Zen 3 (family 0x19 model 0x01, AVX2 and no AVX-512): AVX2 the
    //   fastest on every mix in two runs (automatic / best 1.00; SSE2, with
    //   its clean-window test, 0.70-0.97 of it timed apart).
    // - AMD Zen 5 (family 0x1A, native 512-bit units): AVX-512BW 1.18 on
    //   multiline, 1.52 on hostile, level on session and servers, 0.96 on
    //   short; AVX2 would be 0.66 of the best on hostile.
    k = kernel::scalar;
    for (kernel c : all_kernels)
      if (detail::scan_function(c)) k = c;
    best.store(k, std::memory_order_relaxed);
  }
  return k;
}

const char* to_string(kernel k) noexcept {
  switch (k) {
    case kernel::automatic: return "automatic";
    case kernel::scalar: return "scalar";
    case kernel::sse2: return "sse2";
    case kernel::avx2: return "avx2";
    case kernel::avx512bw: return "avx512bw";
    case kernel::neon: return "neon";
  }
  return "unknown";
}

bool kernel_from_string(const char* name, kernel* out) noexcept {
  if (name == nullptr) return false;
  if (std::strcmp(name, "auto") == 0) {
    *out = kernel::automatic;
    return true;
  }
  for (kernel k : {kernel::automatic, kernel::scalar, kernel::sse2,
                   kernel::avx2, kernel::avx512bw, kernel::neon}) {
    if (std::strcmp(name, to_string(k)) == 0) {
      *out = k;
      return true;
    }
  }
  return false;
}

}  // namespace ftpreply
