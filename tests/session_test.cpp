// SPDX-License-Identifier: Apache-2.0
// Commands paired with replies (tools/capture/session.h), RFC 959 5.4: the
// connection's first reply answers no command whenever the client spoke; a
// 1xx and the final reply answer one command; an error span standing where
// a reply was due answers that command, so no later pair shifts.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "ftpreply/scanner.h"
#include "session.h"

namespace {

using ftpreply_capture::command;
using ftpreply_capture::command_pairing;

// A connection driven in order: client bytes, then server bytes scanned
// (lenient) as they come; each event's answer recorded as its verb, or
// "-" for none.
class dialogue {
 public:
  void client(const std::string& bytes) {
    pairing_.client_bytes(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), 0);
  }
  void server(const std::string& bytes) {
    held_ += bytes;
    ftpreply::event ev[16];
    size_t used = 0;
    for (;;) {
      const ftpreply::scan_result r =
          scanner_.scan(held_.data() + used, held_.size() - used, ev, 16);
      for (size_t i = 0; i < r.events; ++i) {
        const command* c = pairing_.answer(ev[i]);
        answers.push_back(c ? c->verb : "-");
        codes.push_back(ev[i].code());
      }
      used += r.consumed;
      if (!r.output_full) break;
    }
    held_.erase(0, used);
  }
  void server_gap(uint64_t lost) {
    ftpreply::event ev[16];
    const ftpreply::scan_result r = scanner_.gap(held_.data(), held_.size(), lost, ev, 16);
    for (size_t i = 0; i < r.events; ++i) {
      const command* c = pairing_.answer(ev[i]);
      answers.push_back(c ? c->verb : "-");
      codes.push_back(ev[i].code());
    }
    held_.erase(0, r.consumed);
  }

  std::vector<std::string> answers;
  std::vector<uint16_t> codes;  // 0 for an error span

 private:
  ftpreply::scanner scanner_;
  command_pairing pairing_;
  std::string held_;
};

TEST(CommandPairing, GreetingAnswersNothingEvenAfterCommands) {
  dialogue d;
  d.client("USER anonymous\r\nPASS x\r\n");
  d.server("220 Hello\r\n331 Password\r\n230 In\r\n");
  d.client("SYST\r\n");
  d.server("215 UNIX\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"-", "USER", "PASS", "SYST"}));
}

TEST(CommandPairing, ServiceReadyInMinutesThenTheGreeting) {
  dialogue d;
  d.client("USER a\r\n");
  d.server("120 Ready in 2 minutes\r\n");
  d.server("220 Ready\r\n331 Password\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"-", "-", "USER"}));
}

TEST(CommandPairing, A421GreetingAnswersNothing) {
  dialogue d;
  d.client("USER a\r\n");
  d.server("421 Too many users\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"-"}));
}

TEST(CommandPairing, CaptureJoinedAfterTheGreeting) {
  // No greeting in the capture: the first reply answers the first command.
  dialogue d;
  d.client("PWD\r\n");
  d.server("257 \"/\"\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"PWD"}));
}

TEST(CommandPairing, PreliminaryAndFinalAnswerOneCommand) {
  dialogue d;
  d.server("220 Hi\r\n");
  d.client("retr a.txt\r\nQUIT\r\n");
  d.server("150 Opening\r\n226 Done\r\n221 Bye\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"-", "RETR", "RETR", "QUIT"}));
}

TEST(CommandPairing, ErrorSpansAnswerTheCommandTheyStandFor) {
  // What test servers in other projects' suites send: no code, two digits,
  // a bad separator. Each error answers its command; QUIT keeps 221.
  for (const char* bad : {"SYST not supported\r\n", "99 PASV invalid\r\n", "230_no_space\r\n"}) {
    SCOPED_TRACE(bad);
    dialogue d;
    d.server("220 Hi\r\n");
    d.client("SYST\r\n");
    d.server(bad);
    d.client("QUIT\r\n");
    d.server("221 Bye\r\n");
    EXPECT_EQ(d.answers, (std::vector<std::string>{"-", "SYST", "QUIT"}));
    EXPECT_EQ(d.codes, (std::vector<uint16_t>{220, 0, 221}));
  }
}

TEST(CommandPairing, AnErrorBeforeTheGreetingAnswersNothing) {
  dialogue d;
  d.client("USER a\r\n");
  d.server("22O Hello\r\n220 Hello\r\n331 Password\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"-", "-", "USER"}));
}

TEST(CommandPairing, AGapStandsForTheReplyItCut) {
  // The capture lost two bytes in the middle of the 250 line: the gap span
  // (the line's start, the lost bytes, the rest of the cut line) answers
  // CWD, and the 257 after it answers PWD.
  dialogue d;
  d.server("220 Hi\r\n");
  d.client("CWD a\r\nPWD\r\n");
  d.server("250 O");
  d.server_gap(2);
  d.server("then\r\n257 \"/a\"\r\n");
  EXPECT_EQ(d.answers, (std::vector<std::string>{"-", "CWD", "PWD"}));
  EXPECT_EQ(d.codes, (std::vector<uint16_t>{220, 0, 257}));
}

TEST(CommandPairing, CommandLinesAreSplitAndBounded) {
  command_pairing p;
  const std::string bytes = "noop\nStor  two  spaces\r\n\r\n" + std::string(5000, 'X') + "\r\n";
  p.client_bytes(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), 0);
  EXPECT_EQ(p.pending(), 3u);  // the empty line is no command
  p.client_gap();              // cuts the open line, which is dropped
  const std::string rest = "TAIL\r\nPWD\r\n";
  p.client_bytes(reinterpret_cast<const uint8_t*>(rest.data()), rest.size(), 0);
  ftpreply::scanner s;
  ftpreply::event ev[8];
  const std::string replies = "220 a\r\n200 a\r\n200 b\r\n200 c\r\n257 d\r\n200 e\r\n";
  const ftpreply::scan_result r = s.scan(replies.data(), replies.size(), ev, 8);
  ASSERT_EQ(r.events, 6u);
  EXPECT_EQ(p.answer(ev[0]), nullptr);
  const command* c = p.answer(ev[1]);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verb, "NOOP");
  c = p.answer(ev[2]);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verb, "STOR");
  EXPECT_EQ(c->arg, " two  spaces");
  c = p.answer(ev[3]);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verb, std::string(command_pairing::max_command_line, 'X'));
  c = p.answer(ev[4]);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verb, "PWD");  // "TAIL" went with the cut line
  EXPECT_EQ(p.answer(ev[5]), nullptr);
}

TEST(CommandPairing, PendingCommandsAreBounded) {
  command_pairing p;
  std::string bytes;
  for (size_t i = 0; i < command_pairing::max_pending + 10; ++i)
    bytes += "C" + std::to_string(i) + "\r\n";
  p.client_bytes(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), 0);
  EXPECT_EQ(p.pending(), command_pairing::max_pending);
  ftpreply::scanner s;
  ftpreply::event ev[2];
  const std::string replies = "220 a\r\n200 a\r\n";
  ASSERT_EQ(s.scan(replies.data(), replies.size(), ev, 2).events, 2u);
  (void)p.answer(ev[0]);
  const command* c = p.answer(ev[1]);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verb, "C10");  // the oldest ten were dropped
}

// One exchange of a generated dialogue: a command, an optional 1xx reply,
// and a final reply of one or several lines.
struct exchange {
  bool preliminary = false;
  int lines = 1;
};

std::string final_reply(size_t i, int lines) {
  const std::string code = std::to_string(200 + i % 60);
  if (lines == 1) return code + " done C" + std::to_string(i) + "\r\n";
  std::string r = code + "-first\r\n";
  for (int k = 1; k < lines - 1; ++k) r += " 226 line " + std::to_string(k) + "\r\n";
  return r + code + " end\r\n";
}

// The property: corrupting (or dropping) one single-line final reply's code
// changes only that event, into an error answering the same command; the
// client may speak before the greeting.
RC_GTEST_PROP(CommandPairingProperties, ACorruptReplyShiftsNoLaterPair, ()) {
  const auto exchanges = *rc::gen::container<std::vector<exchange>>(
      *rc::gen::inRange<size_t>(1, 20), rc::gen::build<exchange>(
          rc::gen::set(&exchange::preliminary), rc::gen::set(&exchange::lines, rc::gen::inRange(1, 4))));
  const size_t early = *rc::gen::inRange<size_t>(0, exchanges.size() + 1);  // before the greeting
  std::vector<size_t> single;
  for (size_t i = 0; i < exchanges.size(); ++i)
    if (exchanges[i].lines == 1) single.push_back(i);
  RC_PRE(!single.empty());
  const size_t bad = *rc::gen::elementOf(single);
  const int how = *rc::gen::inRange(0, 3);

  auto run = [&](bool corrupt) {
    dialogue d;
    for (size_t i = 0; i < early; ++i) d.client("C" + std::to_string(i) + " x\r\n");
    d.server("220 hello\r\n");
    for (size_t i = 0; i < exchanges.size(); ++i) {
      if (i >= early) d.client("C" + std::to_string(i) + " x\r\n");
      if (exchanges[i].preliminary) d.server("150 opening\r\n");
      std::string f = final_reply(i, exchanges[i].lines);
      if (corrupt && i == bad) {
        if (how == 0) f = f.substr(4);                     // no code
        else if (how == 1) f = f.substr(1);                // two digits
        else f[3] = '_';                                   // bad separator
      }
      d.server(f);
    }
    return d;
  };
  const dialogue clean = run(false), broken = run(true);
  RC_ASSERT(clean.answers.size() == broken.answers.size());
  RC_ASSERT(clean.answers == broken.answers);
  size_t differ = 0;
  for (size_t i = 0; i < clean.codes.size(); ++i)
    if (clean.codes[i] != broken.codes[i]) {
      ++differ;
      RC_ASSERT(broken.codes[i] == 0);
      RC_ASSERT(clean.answers[i] == "C" + std::to_string(bad));
    }
  RC_ASSERT(differ == 1u);
  // And the clean dialogue pairs every reply with its own command.
  RC_ASSERT(clean.answers[0] == "-");
  size_t at = 1;
  for (size_t i = 0; i < exchanges.size(); ++i)
    for (int k = 0; k < 1 + exchanges[i].preliminary; ++k)
      RC_ASSERT(clean.answers[at++] == "C" + std::to_string(i));
}

}  // namespace
