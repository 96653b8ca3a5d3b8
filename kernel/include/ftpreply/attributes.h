// SPDX-License-Identifier: Apache-2.0
// ftpreply/attributes.h - FTPREPLY_LIFETIME_BOUND: on a parameter that a
// returned view points into (abseil's ABSL_ATTRIBUTE_LIFETIME_BOUND), so
// clang's -Wdangling warns when that argument dies first. Empty elsewhere.
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

#endif  // FTPREPLY_ATTRIBUTES_H
