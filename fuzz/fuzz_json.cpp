// SPDX-License-Identifier: Apache-2.0
// fuzz_json: the CLI's JSON writer on any bytes.
//
// Invariants checked:
//  1. An object holding the bytes as a string field parses as JSON
//     (simdjson, which validates UTF-8 strictly).
//  2. The field's "_latin1" marker is present exactly when the bytes are not
//     UTF-8.
//  3. The bytes recovered from the parsed string equal the input.
//
// Input: the bytes.
#include "fuzz_input.h"
#include "json.h"
#include "simdjson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  ftpreply_tools::json_object o;
  o.field("n", static_cast<uint64_t>(size)).bytes("text", raw);
  const std::string json = o.finish();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto e = parser.parse(json).get(doc))
    ftpreply_fuzz::fail(std::string("not valid JSON: ") + simdjson::error_message(e));
  std::string_view text;
  ftpreply_fuzz::check(doc["text"].get_string().get(text) == simdjson::SUCCESS, "no text");
  bool latin1 = false;
  const bool marked = doc["text_latin1"].get_bool().get(latin1) == simdjson::SUCCESS && latin1;
  ftpreply_fuzz::check(marked == !ftpreply_tools::is_utf8(raw), "latin1 marker wrong");
  std::string back;
  ftpreply_fuzz::check(ftpreply_tools::recover_bytes(text, marked, &back), "cannot recover");
  ftpreply_fuzz::check(back == raw, "bytes not recovered exactly");
  return 0;
}
