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

// True on AMD processors (cpuid vendor "AuthenticAMD").
bool amd_cpu() noexcept {
#if FTPREPLY_X86_64 && defined(__GNUC__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(0, &a, &b, &c, &d)) return false;
  // The vendor string is EBX, EDX, ECX: "Auth" "enti" "cAMD".
  return b == 0x68747541u && d == 0x69746e65u && c == 0x444d4163u;
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
    // The widest kernel the CPU runs, except on AMD, where AVX2 is chosen
    // over AVX-512BW. Measured (ftpreply_bench, full set): on Intel
    // Sapphire Rapids AVX-512BW is the fastest on every mix; on AMD Zen 4,
    // which executes 512-bit operations on 256-bit units, AVX2 was 7% faster
    // on multiline, equal on session and short, and held its speed under a
    // parallel build where AVX-512BW fell to 0.63x of it.
    k = kernel::scalar;
    for (kernel c : all_kernels) {
      if (c == kernel::avx512bw && amd_cpu() && detail::scan_function(kernel::avx2)) continue;
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
