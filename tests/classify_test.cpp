// SPDX-License-Identifier: Apache-2.0
// The classifier against every code of the seed table
// (tests/data/reply_codes_seed.txt) and the RFCs, and for every value.
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "ftpreply/classify.h"
#include "gtest/gtest.h"

namespace {

using ftpreply::classify;
using ftpreply::reply_group;
using ftpreply::reply_kind;
using ftpreply::source;

// The seed's text with its typography made ASCII and white space folded.
std::string fold(std::string s) {
  const std::pair<const char*, const char*> typo[] = {
      {"\xe2\x80\x9c", "\""}, {"\xe2\x80\x9d", "\""}, {"\xe2\x80\x99", "'"}};
  for (const auto& t : typo)
    for (size_t p; (p = s.find(t.first)) != std::string::npos;)
      s.replace(p, std::strlen(t.first), t.second);
  std::string out;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// code -> explanation, from the seed's "Code Explanation" list. "N00 Series"
// rows describe classes; 200 and 500 are codes too, with that text.
std::map<uint32_t, std::string> seed_codes() {
  std::ifstream in(FTPREPLY_SOURCE_DIR "/tests/data/reply_codes_seed.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  size_t from = all.find("Code Explanation");
  size_t to = all.find("Related External Links");
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  std::istringstream body(all.substr(from, to - from));
  std::map<uint32_t, std::string> codes;
  std::string line;
  uint32_t current = 0;
  while (std::getline(body, line)) {
    // A new entry: three to five digits, a space, the explanation.
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits >= 3 && digits <= 5 && digits < line.size() && line[digits] == ' ') {
      current = static_cast<uint32_t>(std::stoul(line.substr(0, digits)));
      std::string text = line.substr(digits + 1);
      if (text.rfind("Series ", 0) == 0) {
        if (current != 200 && current != 500) {
          current = 0;
          continue;
        }
        text = text.substr(7);
      }
      codes[current] = text;
    } else if (current != 0 && !line.empty()) {
      codes[current] += " " + line;
    }
  }
  for (auto& kv : codes) kv.second = fold(kv.second);
  return codes;
}

TEST(Classify, EveryCodeOfTheSeedTable) {
  std::map<uint32_t, std::string> seed = seed_codes();
  ASSERT_EQ(seed.size(), 54u);
  EXPECT_TRUE(seed.count(200) && seed.count(500) && seed.count(10054));
  for (const auto& kv : seed) {
    ftpreply::code_info info = classify(kv.first);
    EXPECT_TRUE(info.known) << kv.first;
    ASSERT_NE(info.meaning, nullptr) << kv.first;
    EXPECT_EQ(std::string(info.meaning).substr(0, kv.second.size()), kv.second)
        << kv.first;
    if (kv.first < 1000) {
      EXPECT_EQ(static_cast<int>(info.kind), static_cast<int>(kv.first / 100)) << kv.first;
      EXPECT_EQ(static_cast<int>(info.group), static_cast<int>(kv.first / 10 % 10)) << kv.first;
      EXPECT_NE(info.src, source::winsock);
    } else {
      EXPECT_EQ(info.src, source::winsock) << kv.first;
      EXPECT_EQ(info.kind, reply_kind::invalid);
    }
  }
}

TEST(Classify, RfcCodesAndSources) {
  EXPECT_EQ(classify(227).src, source::rfc959);
  EXPECT_EQ(classify(228).src, source::rfc1639);
  EXPECT_EQ(classify(229).src, source::rfc2428);
  EXPECT_EQ(classify(522).src, source::rfc2428);
  EXPECT_EQ(classify(434).src, source::rfc7151);
  EXPECT_EQ(classify(430).src, source::vendor);
  for (uint32_t c : {232u, 234u, 235u, 334u, 335u, 336u, 431u, 533u, 534u,
                     535u, 536u, 537u, 631u, 632u, 633u})
    EXPECT_EQ(classify(c).src, source::rfc2228) << c;
  EXPECT_EQ(classify(631).kind, reply_kind::protected_reply);
  EXPECT_STREQ(ftpreply::to_string(classify(631).kind), "protected");
}

TEST(Classify, EveryValueAgreesWithItsDigits) {
  int known = 0;
  for (uint32_t c = 0; c <= 0xFFFF; ++c) {
    ftpreply::code_info info = classify(c);
    EXPECT_EQ(info.code, c);
    EXPECT_EQ(info.known, info.meaning != nullptr);
    EXPECT_EQ(info.known, info.src != source::none);
    known += info.known;
    if (c < 1000) {
      int d1 = static_cast<int>(c / 100), d2 = static_cast<int>(c / 10 % 10);
      EXPECT_EQ(info.kind, d1 >= 1 && d1 <= 6 ? static_cast<reply_kind>(d1)
                                              : reply_kind::invalid);
      EXPECT_EQ(info.group, d2 <= 5 ? static_cast<reply_group>(d2)
                                    : reply_group::unknown);
    } else {
      EXPECT_EQ(info.kind, reply_kind::invalid);
      EXPECT_EQ(info.group, reply_group::unknown);
    }
  }
  EXPECT_EQ(known, ftpreply::known_code_count());
}

TEST(Classify, TableListingIsSortedAndComplete) {
  uint32_t prev = 0;
  for (int i = 0; i < ftpreply::known_code_count(); ++i) {
    uint32_t c = ftpreply::known_code_at(i);
    if (i) {
      EXPECT_GT(c, prev);
    }
    prev = c;
    EXPECT_TRUE(classify(c).known);
  }
}

TEST(Classify, NamesAndDescriptions) {
  EXPECT_STREQ(ftpreply::to_string(reply_kind::transient_negative), "transient_negative");
  EXPECT_STREQ(ftpreply::to_string(reply_group::file_system), "file_system");
  EXPECT_STREQ(ftpreply::to_string(reply_group::unknown), "unknown");
  // Each kind's and group's description opens with the seed's heading for
  // its range ("4xx Transient Negative Completion reply", "x3x
  // Authentication and accounting"), read from the seed file itself.
  std::ifstream in(FTPREPLY_SOURCE_DIR "/tests/data/reply_codes_seed.txt");
  std::string line;
  int kinds = 0, groups = 0;
  while (std::getline(in, line)) {
    if (line.size() < 5 || line[3] != ' ') continue;
    const std::string heading = fold(line.substr(4));
    if (line[0] >= '1' && line[0] <= '6' && line.compare(1, 2, "xx") == 0) {
      const char* d = ftpreply::describe(ftpreply::kind_of_digit(line[0]));
      EXPECT_EQ(std::string(d).rfind(heading, 0), 0u) << line << " / " << d;
      ++kinds;
    } else if (line[0] == 'x' && line[2] == 'x' && line[1] >= '0' && line[1] <= '5') {
      const char* d = ftpreply::describe(ftpreply::group_of_digit(line[1]));
      EXPECT_EQ(std::string(d).rfind(heading, 0), 0u) << line << " / " << d;
      ++groups;
    }
  }
  EXPECT_EQ(kinds, 6);
  EXPECT_EQ(groups, 6);
  EXPECT_EQ(std::string(ftpreply::describe(reply_kind::invalid)).rfind("Not a reply", 0), 0u);
  EXPECT_EQ(std::string(ftpreply::describe(reply_group::unknown)).rfind("Not a reply group", 0), 0u);
  EXPECT_EQ(ftpreply::kind_of_digit('7'), reply_kind::invalid);
  EXPECT_EQ(ftpreply::group_of_digit('x'), reply_group::unknown);
}

}  // namespace
