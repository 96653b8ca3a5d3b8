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

#include "ftpreply/attributes.h"

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
