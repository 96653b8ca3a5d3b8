// SPDX-License-Identifier: Apache-2.0
// Reading the conformance vectors (tests/conformance/*.tsv) as data.
#ifndef FTPREPLY_TESTS_VECTORS_H
#define FTPREPLY_TESTS_VECTORS_H

#include <map>
#include <string>
#include <vector>

namespace ftpreply_test {

// Decodes a vector cell: C escapes (\r \n \t \\ \" \xHH) and {{N x S}}
// repetition, which nests. Returns false on a malformed cell.
bool decode_cell(const std::string& cell, std::string* out);

// One row of a TSV file, by column name.
using row = std::map<std::string, std::string>;

// Reads a TSV file with a header line. Returns false when the file cannot be
// read or a row has the wrong number of columns.
bool read_tsv(const std::string& path, std::vector<row>* rows);

// The directory holding the conformance vectors (set by the build).
std::string conformance_dir();

// Splits on `sep`.
std::vector<std::string> split(const std::string& s, char sep);

}  // namespace ftpreply_test

#endif
