// SPDX-License-Identifier: Apache-2.0
// A server's replies appended to a std::string (ftpreply/reply_string.h).
#include "ftpreply/reply_string.h"

namespace ftpreply {
namespace {

// Runs a writer of the form f(out, capacity, &length) into the end of `s`:
// once to learn the size when it does not fit, once to write.
template <class F>
error append_with(std::string& s, size_t guess, F&& write) {
  const size_t old = s.size();
  size_t length = 0;
  s.resize(old + guess);
  error e = write(&s[old], guess, &length);
  if (e == error::buffer_too_small) {
    s.resize(old + length);
    e = write(&s[old], length, &length);
  }
  s.resize(e == error::ok ? old + length : old);
  return e;
}

// A reply whose text a formatter writes.
template <class F>
error append_formatted(std::string& out, uint16_t code, size_t guess, F&& format) {
  std::string text;
  const error e = append_with(text, guess, format);
  return e != error::ok ? e : append_reply(out, code, text);
}

}  // namespace

error append_reply(std::string& out, uint16_t code, std::string_view text) {
  return append_with(out, text.size() + 16, [&](char* p, size_t cap, size_t* n) {
    return encode_reply(code, text, p, cap, n);
  });
}

error append_pasv_reply(std::string& out, const endpoint& ep) {
  return append_formatted(out, 227, 64, [&](char* p, size_t cap, size_t* n) {
    return format_pasv(ep, p, cap, n);
  });
}

error append_epsv_reply(std::string& out, uint16_t port) {
  return append_formatted(out, 229, 64, [&](char* p, size_t cap, size_t* n) {
    return format_epsv(port, p, cap, n);
  });
}

error append_pathname_reply(std::string& out, std::string_view path, std::string_view comment) {
  return append_formatted(out, 257, path.size() + comment.size() + 8,
                          [&](char* p, size_t cap, size_t* n) {
                            return format_pathname(path, comment, p, cap, n);
                          });
}

error append_size_reply(std::string& out, uint64_t size) {
  return append_formatted(out, 213, 24, [&](char* p, size_t cap, size_t* n) {
    return format_size(size, p, cap, n);
  });
}

error append_mdtm_reply(std::string& out, const timestamp& t) {
  return append_formatted(out, 213, 32 + t.fraction.size(), [&](char* p, size_t cap, size_t* n) {
    return format_mdtm(t, p, cap, n);
  });
}

error append_features_reply(std::string& out, const feature* features, size_t count) {
  return append_formatted(out, 211, 64 + 32 * count, [&](char* p, size_t cap, size_t* n) {
    return format_features(features, count, p, cap, n);
  });
}

error append_help_reply(std::string& out, std::string_view text) {
  return append_reply(out, 214, text);
}

}  // namespace ftpreply
