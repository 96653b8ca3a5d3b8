# SPDX-License-Identifier: Apache-2.0
# Writes the kernel as two files, OUT/ftpreply.h and OUT/ftpreply.cpp: the
# single-header way to vendor ftpreply. They build with plain -O2 in anyone's
# build (each SIMD kernel carries its own target region) and pick a kernel
# at run time. Run through the singleheader/ CMake targets:
#   cmake -DOUT=DIR -P tools/amalgamate.cmake
# The output depends only on the kernel's sources, so a committed copy can be
# checked for staleness byte for byte.
cmake_minimum_required(VERSION 3.16)
if(NOT OUT)
  message(FATAL_ERROR "amalgamate: pass -DOUT=DIR")
endif()
get_filename_component(kernel ${CMAKE_CURRENT_LIST_DIR}/../kernel ABSOLUTE)
include(${kernel}/cmake/version.cmake)

# Public headers in dependency order; every header must be listed, here or
# among those left out (posix.h needs POSIX sockets: not portable).
set(headers attributes.h version.h error.h kernel.h classify.h lines.h scanner.h decode.h
    encode.h protected.h codec.h reader.h reply_string.h zos.h ftpreply.h)
set(left_out posix.h)
file(GLOB present RELATIVE ${kernel}/include/ftpreply ${kernel}/include/ftpreply/*.h)
foreach(h ${present})
  if(NOT h IN_LIST headers AND NOT h IN_LIST left_out)
    message(FATAL_ERROR "amalgamate: ${h} is not in the header list")
  endif()
endforeach()
# Sources in a fixed order: they share only the headers and internal.h.
file(GLOB sources RELATIVE ${kernel}/src ${kernel}/src/*.cpp)
list(SORT sources)

# The project's own includes are dropped (their text is already in); system
# includes stay. generic/walker.h is pasted where each kernel includes it.
# The C API's header (kernel/include/ftpreply.h): pasted into ftpreply.cpp
# where c_api.cpp includes it (the version macros are already in), and
# written out whole as OUT/ftpreply_c.h with the version macros in it.
file(READ ${kernel}/include/ftpreply.h c_header)
set(c_version_include "#include \"ftpreply/version.h\" /* FTPREPLY_VERSION_MAJOR, _MINOR, _PATCH */\n")
string(FIND "${c_header}" "${c_version_include}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "amalgamate: ftpreply.h no longer includes ftpreply/version.h as expected")
endif()
string(REPLACE "${c_version_include}" "" c_header_body "${c_header}")
file(STRINGS ${kernel}/include/ftpreply/version.h version_defines
     REGEX "^#define FTPREPLY_VERSION(_MAJOR|_MINOR|_PATCH)? ")
string(REPLACE ";" "\n" version_defines "${version_defines}")
string(REPLACE "${c_version_include}" "#ifndef FTPREPLY_VERSION_MAJOR\n${version_defines}\n#endif\n" c_header_alone "${c_header}")

file(READ ${kernel}/src/generic/walker.h walker)
string(REGEX REPLACE "#include \"[^\"]*\"\n" "" walker "${walker}")
function(flatten file result)
  file(READ ${file} text)
  string(REGEX REPLACE "#include \"(ftpreply/[a-z0-9_]+\\.h|internal\\.h|codec_internal\\.h)\"\n" "" text "${text}")
  string(REPLACE "#include \"ftpreply.h\"\n" "// ---- ftpreply.h (the C API) ----\n${c_header_body}" text "${text}")
  string(REPLACE "#include \"generic/walker.h\"\n"
         "// ---- generic/walker.h (for this kernel) ----\n${walker}" text "${text}")
  if(text MATCHES "#include \"")
    message(FATAL_ERROR "amalgamate: ${file} includes a project file the amalgamation does not know")
  endif()
  set(${result} "${text}" PARENT_SCOPE)
endfunction()

set(stamp "ftpreply ${FTPREPLY_VERSION_FROM_HEADER}, SPDX-License-Identifier: Apache-2.0.\n// Generated from kernel/ by tools/amalgamate.cmake (cmake --build BUILD --target\n// ftpreply_singleheader); do not edit.")
set(h "// ftpreply.h - the ftpreply kernel in one header: ${stamp}\n// Pair with ftpreply.cpp. The specification is kernel/SPEC.md.\n")
foreach(name ${headers})
  flatten(${kernel}/include/ftpreply/${name} text)
  string(APPEND h "// ---- ftpreply/${name} ----\n${text}")
endforeach()
set(c "// ftpreply.cpp - the ftpreply kernel in one source: ${stamp}\n// C++17, no dependencies.\n#include \"ftpreply.h\"\n")
flatten(${kernel}/src/internal.h text)
string(APPEND c "// ---- internal.h ----\n${text}")
flatten(${kernel}/src/codec_internal.h text)
string(APPEND c "// ---- codec_internal.h ----\n${text}")
foreach(name ${sources})
  flatten(${kernel}/src/${name} text)
  string(APPEND c "// ---- ${name} ----\n${text}")
endforeach()
file(MAKE_DIRECTORY ${OUT})
file(WRITE ${OUT}/ftpreply.h "${h}")
file(WRITE ${OUT}/ftpreply.cpp "${c}")
file(WRITE ${OUT}/ftpreply_c.h "/* ftpreply_c.h - the ftpreply C API: ${stamp} */\n/* Pair with ftpreply.cpp, compiled once by any C++17 compiler. */\n${c_header_alone}")
