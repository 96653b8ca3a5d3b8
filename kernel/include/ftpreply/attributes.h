// SPDX-License-Identifier: Apache-2.0
// ftpreply/attributes.h - FTPREPLY_LIFETIME_BOUND: on a parameter that a
// returned view points into (abseil's ABSL_ATTRIBUTE_LIFETIME_BOUND), so
// clang's -Wdangling warns when that argument dies first. Empty elsewhere.
// FTPREPLY_API_BEGIN and FTPREPLY_API_END: around each public header's
// declarations, which stay visible from a shared library the kernel builds
// with hidden visibility: it exports its API and nothing else.
#ifndef FTPREPLY_ATTRIBUTES_H
#define FTPREPLY_ATTRIBUTES_H

#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::lifetimebound)
#define FTPREPLY_LIFETIME_BOUND [[clang::lifetimebound]]
#endif
#endif
#ifndef FTPREPLY_LIFETIME_BOUND
#define FTPREPLY_LIFETIME_BOUND
#endif

#if defined(__GNUC__)
#define FTPREPLY_API_BEGIN _Pragma("GCC visibility push(default)")
#define FTPREPLY_API_END _Pragma("GCC visibility pop")
#else
#define FTPREPLY_API_BEGIN
#define FTPREPLY_API_END
#endif

#endif  // FTPREPLY_ATTRIBUTES_H
