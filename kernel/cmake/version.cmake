# SPDX-License-Identifier: Apache-2.0
# The version is written once, in ftpreply/version.h; this reads it into
# FTPREPLY_VERSION_FROM_HEADER for project().
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/../include/ftpreply/version.h ftpreply_version_line
     REGEX "^#define FTPREPLY_VERSION \"[0-9]+\\.[0-9]+\\.[0-9]+\"$")
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" FTPREPLY_VERSION_FROM_HEADER "${ftpreply_version_line}")
if(NOT FTPREPLY_VERSION_FROM_HEADER)
  message(FATAL_ERROR "ftpreply: no FTPREPLY_VERSION \"x.y.z\" line in ftpreply/version.h")
endif()
