// SPDX-License-Identifier: Apache-2.0
// Properties (rapidcheck): the kernels never lie and never disagree, on
// arbitrary bytes and on reply-like streams, in every mode, however the
// stream is cut; the classifier and the JSON writer are total.
// rapidcheck's GoogleTest glue needs GoogleTest first.
#include "gtest/gtest.h"
#include <rapidcheck/gtest.h>

#include "ftpreply/classify.h"
#include "ftpreply/codec.h"
#include "harness.h"
#include "invariants.h"
#include "json.h"
#include "reference.h"
#include "simdjson.h"

namespace ftpreply_test {
namespace {

// Bytes biased toward those the framing looks at.
rc::Gen<char> interesting_byte() {
  return rc::gen::weightedOneOf<char>({
      {10, rc::gen::elementOf(std::string("0123456789"))},
      {3, rc::gen::just('-')},
      {4, rc::gen::just(' ')},
      {4, rc::gen::just('\r')},
      {6, rc::gen::just('\n')},
      {1, rc::gen::just('\0')},
      {1, rc::gen::just('\xff')},
      {2, rc::gen::map(rc::gen::inRange(0x80, 0xff), [](int c) { return static_cast<char>(c); })},
      {6, rc::gen::inRange('a', static_cast<char>('z' + 1))},
  });
}

// Lengths around the 16-, 32- and 64-byte blocks the kernels work in.
rc::Gen<size_t> interesting_length() {
  return rc::gen::weightedOneOf<size_t>({
      {3, rc::gen::inRange<size_t>(0, 8)},
      {2, rc::gen::inRange<size_t>(13, 20)},
      {2, rc::gen::inRange<size_t>(29, 36)},
      {3, rc::gen::inRange<size_t>(59, 70)},
      {1, rc::gen::inRange<size_t>(120, 136)},
      {1, rc::gen::inRange<size_t>(0, 300)},
  });
}

rc::Gen<std::string> arbitrary_bytes() {
  return rc::gen::mapcat(interesting_length(), [](size_t n) {
    return rc::gen::container<std::string>(n * 3, interesting_byte());
  });
}

// Lines that look like replies: a code (often a repeated one) with a
// separator, text, and a line end (mostly CRLF).
rc::Gen<std::string> reply_like_line() {
  auto code = rc::gen::weightedOneOf<std::string>({
      {4, rc::gen::elementOf(std::vector<std::string>{"220", "230", "211", "553", "150", "631"})},
      {1, rc::gen::map(rc::gen::inRange(0, 1000), [](int c) {
         char b[8];
         std::snprintf(b, sizeof b, "%03d", c);
         return std::string(b);
       })},
  });
  auto head = rc::gen::weightedOneOf<std::string>({
      {8, rc::gen::apply([](std::string c, std::string sep) { return c + sep; }, code,
                         rc::gen::weightedElement<std::string>({{6, " "}, {4, "-"}, {1, ""}, {1, ":"}}))},
      {3, rc::gen::just(std::string())},
      {1, rc::gen::just(std::string(" "))},
  });
  auto text = rc::gen::mapcat(interesting_length(), [](size_t n) {
    return rc::gen::container<std::string>(n, interesting_byte());
  });
  auto end = rc::gen::weightedElement<std::string>({{10, "\r\n"}, {2, "\n"}, {1, "\r\r\n"}, {1, ""}});
  return rc::gen::apply([](std::string h, std::string t, std::string e) { return h + t + e; },
                        head, text, end);
}

rc::Gen<std::string> reply_like_stream() {
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(reply_like_line()),
                      [](const std::vector<std::string>& lines) {
                        std::string s;
                        for (const std::string& l : lines) s += l;
                        return s;
                      });
}

rc::Gen<std::string> any_stream() {
  return rc::gen::weightedOneOf<std::string>({{3, reply_like_stream()}, {1, arbitrary_bytes()}});
}

rc::Gen<ftpreply::options> any_options() {
  return rc::gen::apply(
      [](bool strict, bool any, bool small, int line, int reply, int lines) {
        ftpreply::options o;
        o.strict = strict;
        o.any_code_terminates = any;
        if (small) {
          o.max_line = static_cast<uint32_t>(line);
          o.max_reply = static_cast<uint64_t>(line + reply);
          o.max_lines = static_cast<uint32_t>(lines);
        }
        return o;
      },
      rc::gen::arbitrary<bool>(), rc::gen::arbitrary<bool>(), rc::gen::arbitrary<bool>(),
      rc::gen::inRange(8, 200), rc::gen::inRange(0, 600), rc::gen::inRange(1, 12));
}

// Ascending cut points inside a stream of size n.
std::vector<size_t> cuts_for(const std::vector<size_t>& raw, size_t n) {
  std::vector<size_t> cuts;
  for (size_t c : raw) {
    if (n < 2) break;
    cuts.push_back(1 + c % (n - 1));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

RC_GTEST_PROP(Properties, EveryKernelEqualsScalarAndTheReference, ()) {
  const std::string s = *any_stream();
  const ftpreply::options opt = *any_options();
  const auto expected = reference_scan(s, opt);
  const auto scalar = scan_pieces(opt, ftpreply::kernel::scalar, {s});
  RC_ASSERT(scalar.events == expected);
  for (ftpreply::kernel k : supported_kernels()) {
    const auto r = scan_pieces(opt, k, {s});
    RC_ASSERT(r.violation.empty());
    RC_ASSERT(r.events == scalar.events);
  }
}

RC_GTEST_PROP(Properties, AnyPartitionGivesTheSameEvents, ()) {
  const std::string s = *any_stream();
  const ftpreply::options opt = *any_options();
  const auto raw_cuts = *rc::gen::container<std::vector<size_t>>(rc::gen::arbitrary<size_t>());
  const size_t capacity = *rc::gen::inRange<size_t>(1, 10);
  const std::vector<size_t> cuts = cuts_for(raw_cuts, s.size());
  for (ftpreply::kernel k : supported_kernels()) {
    const auto whole = scan_pieces(opt, k, {s});
    const auto parts = scan_pieces(opt, k, cut_at(s, cuts), capacity);
    RC_ASSERT(parts.violation.empty());
    RC_ASSERT(parts.events == whole.events);
  }
}

RC_GTEST_PROP(Properties, EventsCoverTheStreamAndKeepTheLimits, ()) {
  const std::string s = *any_stream();
  const ftpreply::options opt = *any_options();
  for (ftpreply::kernel k : supported_kernels()) {
    const auto r = scan_pieces(opt, k, {s});
    RC_ASSERT(r.violation.empty());
    RC_ASSERT(r.consumed == s.size());
    const std::string broken = check_invariants(s, opt, r.events);
    RC_LOG() << broken;
    RC_ASSERT(broken.empty());
  }
}

// The kinds and groups by digit, written out here rather than taken from
// kind_of_digit()/group_of_digit(), which the classifier itself uses.
RC_GTEST_PROP(Properties, ClassifierAgreesWithTheDigits, (uint16_t code)) {
  using K = ftpreply::reply_kind;
  using G = ftpreply::reply_group;
  static const K kinds[10] = {K::invalid, K::preliminary, K::completion, K::intermediate,
                              K::transient_negative, K::permanent_negative, K::protected_reply,
                              K::invalid, K::invalid, K::invalid};
  static const G groups[10] = {G::syntax, G::information, G::connections, G::authentication,
                               G::unspecified, G::file_system, G::unknown, G::unknown,
                               G::unknown, G::unknown};
  const ftpreply::code_info info = ftpreply::classify(code);
  RC_ASSERT(info.code == code);
  RC_ASSERT(info.known == (info.meaning != nullptr));
  if (code < 1000) {
    RC_ASSERT(info.kind == kinds[code / 100]);
    RC_ASSERT(info.group == groups[code / 10 % 10]);
  } else {
    RC_ASSERT(info.kind == K::invalid);
  }
}

RC_GTEST_PROP(Properties, JsonWriterRoundTripsAnyBytes, (const std::string& raw)) {
  ftpreply_tools::json_object o;
  o.bytes("text", raw);
  const std::string json = o.finish();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  RC_ASSERT(parser.parse(json).get(doc) == simdjson::SUCCESS);
  std::string_view text;
  RC_ASSERT(doc["text"].get_string().get(text) == simdjson::SUCCESS);
  bool latin1 = false;
  const bool marked = doc["text_latin1"].get_bool().get(latin1) == simdjson::SUCCESS && latin1;
  RC_ASSERT(marked == !ftpreply_tools::is_utf8(raw));
  std::string back;
  RC_ASSERT(ftpreply_tools::recover_bytes(text, marked, &back));
  RC_ASSERT(back == raw);
}

RC_GTEST_PROP(Properties, JsonWriterRoundTripsBiasedBytes, ()) {
  const std::string raw = *arbitrary_bytes();
  ftpreply_tools::json_object o;
  o.bytes("text", raw);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  RC_ASSERT(parser.parse(o.finish()).get(doc) == simdjson::SUCCESS);
  std::string_view text;
  RC_ASSERT(doc["text"].get_string().get(text) == simdjson::SUCCESS);
  bool latin1 = false;
  const bool marked = doc["text_latin1"].get_bool().get(latin1) == simdjson::SUCCESS && latin1;
  std::string back;
  RC_ASSERT(ftpreply_tools::recover_bytes(text, marked, &back));
  RC_ASSERT(back == raw);
}

// Encode, then scan: the same code, one line per text line, the same text.
RC_GTEST_PROP(Properties, EncoderRoundTripsAnyText, ()) {
  const uint16_t code = *rc::gen::inRange<uint16_t>(100, 660);
  const std::string text = *rc::gen::weightedOneOf<std::string>(
      {{1, rc::gen::arbitrary<std::string>()}, {3, arbitrary_bytes()}, {3, reply_like_stream()}});
  size_t need = 0;
  RC_ASSERT(ftpreply::encode_reply(code, text, nullptr, 0, &need) == ftpreply::error::buffer_too_small);
  std::string wire(need, '\0');
  size_t n = 0;
  RC_ASSERT(ftpreply::encode_reply(code, text, &wire[0], wire.size(), &n) == ftpreply::error::ok);
  RC_ASSERT(n == need);
  const std::vector<std::string> want = ftpreply_test::split_text_lines(text);
  for (ftpreply::kernel k : supported_kernels()) {
    ftpreply::options opt = ftpreply::options::strict_rfc959();
    opt.max_line = 1u << 20;
    const auto r = scan_pieces(opt, k, {wire});
    RC_ASSERT(r.events.size() == 1u);
    RC_ASSERT(r.events[0].err == ftpreply::error::ok);
    RC_ASSERT(r.events[0].code == code);
    RC_ASSERT(r.events[0].lines == want.size());
    RC_ASSERT(r.events[0].text == want[0]);
  }
  std::vector<std::string> got;
  for (std::string_view l : ftpreply::text_lines(wire)) got.emplace_back(l);
  RC_ASSERT(got == want);
}

}  // namespace
}  // namespace ftpreply_test
