// SPDX-License-Identifier: Apache-2.0
// Which kernels this build has, which this CPU runs, and the best of them.
#include <atomic>
#include <cstring>

#include "internal.h"

#if FTPREPLY_X86_64 && defined(__GNUC__)
#include <cpuid.h>
#endif

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

// True on AMD processors before Zen 5: cpuid vendor "AuthenticAMD" and a
// family (base plus extended, as AMD counts it) below 0x1A. Those execute
// 512-bit operations on 256-bit units.
bool amd_before_zen5() noexcept {
#if FTPREPLY_X86_64 && defined(__GNUC__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(0, &a, &b, &c, &d)) return false;
  // The vendor string is EBX, EDX, ECX: "Auth" "enti" "cAMD".
  if (!(b == 0x68747541u && d == 0x69746e65u && c == 0x444d4163u)) return false;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  // Family: bits 8-11, plus the extended family (bits 20-27) when those
  // read 0xF. Zen 4 is 0xF + 0xA = 0x19; Zen 5 is 0xF + 0xB = 0x1A.
  unsigned family = a >> 8 & 0xF;
  if (family == 0xF) family += a >> 20 & 0xFF;
  return family < 0x1A;
#else
  return false;
#endif
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
    // The widest kernel the CPU runs, except on AMD before Zen 5, where
    // AVX2 is chosen over AVX-512BW. Measured (ftpreply_bench, full set,
    // automatic against the best kernel on each mix):
    // - Intel Sapphire Rapids: AVX-512BW the fastest on every mix.
    // - AMD Zen 4 (family 0x19), 512-bit operations on 256-bit units: AVX2
    //   7% faster on multiline, equal on session and short, and it held its
    //   speed under a parallel build where AVX-512BW fell to 0.63x of it.
    // - AMD Zen 5 (family 0x1A), native 512-bit units: AVX-512BW 1.18x AVX2
    //   on multiline, 1.52x on hostile, level on session and servers, and
    //   0.96x on short; AVX2 there would be 0.66x the best on hostile.
    k = kernel::scalar;
    k = kernel::scalar;
    for (kernel c : all_kernels) {
      if (c == kernel::avx512bw && amd_before_zen5() && detail::scan_function(kernel::avx2)) continue;
      if (detail::scan_function(c)) k = c;
    }
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
