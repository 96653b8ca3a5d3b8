// SPDX-License-Identifier: Apache-2.0
// ftpreply/version.h - the release this copy of ftpreply is.
//
// The one place the version is written: CMake's project() reads it from here.
// C includes it too (<ftpreply.h>): the macros are C, the rest C++ only.
//
//   #if FTPREPLY_VERSION_MAJOR >= 1 ...
//   std::puts(ftpreply::version());   // "1.1.0"
#ifndef FTPREPLY_VERSION_H
#define FTPREPLY_VERSION_H

#define FTPREPLY_VERSION_MAJOR 1
#define FTPREPLY_VERSION_MINOR 1
#define FTPREPLY_VERSION_PATCH 0
#define FTPREPLY_VERSION "1.1.0"

#ifdef __cplusplus
#include "ftpreply/attributes.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// FTPREPLY_VERSION of the compiled kernel (which may differ from the header
// a program was built with, when a shared library is swapped).
[[nodiscard]] const char* version() noexcept;

}  // namespace ftpreply
FTPREPLY_API_END
#endif

#endif  // FTPREPLY_VERSION_H
