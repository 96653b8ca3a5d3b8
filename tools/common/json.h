// SPDX-License-Identifier: Apache-2.0
// JSON Lines output for the command-line tools.
//
// Strings carry raw bytes. Bytes that are valid UTF-8 are written as they
// are (control characters escaped). A string that is not valid UTF-8 is
// written byte for byte as Latin-1 (each byte >= 0x80 as \u00XX), and its key
// gets a companion "<key>_latin1":true, so a reader recovers the bytes
// exactly: without the marker, the string's UTF-8 is the bytes; with it,
// each code point (all <= U+00FF) is one byte.
//
//   json_object o;
//   o.field("code", 220).bytes("text", "Ready\xff");
//   std::string line = o.finish();  // {"code":220,"text":"Ready\u00ff","text_latin1":true}
#ifndef FTPREPLY_TOOLS_JSON_H
#define FTPREPLY_TOOLS_JSON_H

#include <cstdint>
#include <string>
#include <string_view>

namespace ftpreply_tools {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_utf8(std::string_view s);

// Appends `bytes` as a JSON string (quotes included). Returns true when the
// Latin-1 form was used because the bytes are not UTF-8.
bool append_string(std::string& out, std::string_view bytes);

// The inverse: the bytes a string written by append_string() carried, given
// the string's parsed (unescaped, UTF-8) value and whether the _latin1
// marker was present. Returns false when `latin1` is set and the value holds
// a code point above U+00FF.
bool recover_bytes(std::string_view parsed, bool latin1, std::string* out);

class json_object {
 public:
  json_object() : buf_("{") {}
  json_object& field(const char* key, uint64_t v);
  json_object& field(const char* key, int64_t v);
  json_object& field(const char* key, int v) { return field(key, static_cast<int64_t>(v)); }
  json_object& field(const char* key, unsigned v) { return field(key, static_cast<uint64_t>(v)); }
  json_object& field(const char* key, double v);
  json_object& boolean(const char* key, bool v);
  json_object& null(const char* key);
  // A string from ASCII text the program wrote itself (names, kinds).
  json_object& text(const char* key, std::string_view ascii);
  // A string of raw bytes from the input (see the file comment).
  json_object& bytes(const char* key, std::string_view raw);
  // An already-formed JSON value (array, object).
  json_object& raw(const char* key, std::string_view json);
  // Closes the object; the object must not be used after.
  std::string& finish();

 private:
  void key(const char* k);
  std::string buf_;
  bool first_ = true;
};

}  // namespace ftpreply_tools

#endif
