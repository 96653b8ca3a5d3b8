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
