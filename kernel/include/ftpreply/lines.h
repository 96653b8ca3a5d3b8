// SPDX-License-Identifier: Apache-2.0
// ftpreply/lines.h - a reply's lines, named for what they give.
//
// `reply` is a whole reply as the scanner delivers it (event::bytes()).
// Every view returned points into `reply`, never into a copy: the bytes
// must outlive the views (clang's -Wdangling says so where it can see it).
//
//   raw_lines(reply)       the lines as sent: "ddd-" / "ddd " heads kept,
//                          line ends removed
//   text_lines(reply)      the text lines as meant: heads removed, and on
//                          continuation lines a repeated "ddd-" and the one
//                          space that protects a line starting with digits
//   first_line_text(reply) the first line's text (the whole text of a
//                          one-line reply, only a part of a multi-line one)
//   last_line_text(reply)  the last line's text
//
// event has the same four as members (e.raw_lines(), ...).
#ifndef FTPREPLY_LINES_H
#define FTPREPLY_LINES_H

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "ftpreply/attributes.h"

FTPREPLY_API_BEGIN
namespace ftpreply {

// Iterates the lines of a reply: raw_line_range (as sent) or
// text_line_range (as meant).
template <bool Text>
class basic_line_range {
 public:
  class iterator {
   public:
    std::string_view operator*() const noexcept { return line_; }
    iterator& operator++() noexcept;
    bool operator==(const iterator& o) const noexcept { return pos_ == o.pos_; }
    bool operator!=(const iterator& o) const noexcept { return pos_ != o.pos_; }

   private:
    friend class basic_line_range;
    iterator(std::string_view reply, size_t pos) noexcept;
    void load() noexcept;
    std::string_view reply_;
    size_t pos_;   // first byte of the current line
    size_t next_;  // first byte of the line after it
    std::string_view line_;
  };
  explicit basic_line_range(std::string_view reply) noexcept : reply_(reply) {}
  iterator begin() const noexcept { return iterator(reply_, 0); }
  iterator end() const noexcept { return iterator(reply_, reply_.size()); }
  // The number of lines (its LFs, plus an unfinished last line).
  size_t size() const noexcept;

 private:
  std::string_view reply_;
};
using raw_line_range = basic_line_range<false>;
using text_line_range = basic_line_range<true>;
extern template class basic_line_range<false>;
extern template class basic_line_range<true>;

[[nodiscard]] inline raw_line_range raw_lines(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return raw_line_range(reply);
}
[[nodiscard]] inline text_line_range text_lines(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return text_line_range(reply);
}
[[nodiscard]] std::string_view first_line_text(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept;
[[nodiscard]] std::string_view last_line_text(std::string_view reply FTPREPLY_LIFETIME_BOUND) noexcept;

// The same four on a std::string, so that clang's -Wdangling sees the string
// itself: last_line_text(std::string(...)) kept past its statement dangles.
template <class S>
using if_string = std::enable_if_t<std::is_same<S, std::string>::value, int>;
template <class S, if_string<S> = 0>
[[nodiscard]] raw_line_range raw_lines(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return raw_line_range(reply);
}
template <class S, if_string<S> = 0>
[[nodiscard]] text_line_range text_lines(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return text_line_range(reply);
}
template <class S, if_string<S> = 0>
[[nodiscard]] std::string_view first_line_text(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return first_line_text(std::string_view(reply));
}
template <class S, if_string<S> = 0>
[[nodiscard]] std::string_view last_line_text(const S& reply FTPREPLY_LIFETIME_BOUND) noexcept {
  return last_line_text(std::string_view(reply));
}

}  // namespace ftpreply
FTPREPLY_API_END

#endif  // FTPREPLY_LINES_H
