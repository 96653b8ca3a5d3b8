// SPDX-License-Identifier: Apache-2.0
// Reading captures (tools/capture, `ftpreply pcap`): the reassembler on its
// own; every link type, IP version and file format the writer makes; reply
// and command pairing; reordered, duplicated, overlapping and lost segments
// against the scanner on the original stream (with the lost spans declared
// as gaps); what a bad capture gets; Zeek's ftp.log (--format zeek and
// zeek-json) read back by a reader written to Zeek's documented format, on
// hand-made sessions and the real servers' captures; several files and
// --jobs.
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "capture.h"
#include "gtest/gtest.h"
#include "harness.h"
#include "json.h"
#include "reassembly.h"
#include "simdjson.h"
#include "synth.h"
#include "writer.h"
#include "zeek_log.h"

namespace ftpreply_test {
namespace {

using namespace ftpreply_capture;

// --- the reassembler -----------------------------------------------------------

// What a direction delivered: the bytes, with "<gap N>" where N were lost.
struct recording_sink : stream_sink {
  std::string got;
  void data(const uint8_t* p, size_t n) override { got.append(reinterpret_cast<const char*>(p), n); }
  void gap(uint64_t lost) override { got += "<gap " + std::to_string(lost) + ">"; }
};

const uint8_t* bytes(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

TEST(Reassembler, InOrderAfterTheHandshake) {
  reassembler r(1024);
  recording_sink s;
  r.segment(1000, tcp_syn, nullptr, 0, 0, s);
  r.segment(1001, 0, bytes("220 a\r\n"), 7, 0, s);
  r.segment(1008, 0, bytes("331 b\r\n"), 7, 0, s);
  r.flush(s);
  EXPECT_EQ(s.got, "220 a\r\n331 b\r\n");
  EXPECT_FALSE(r.closed());
}

TEST(Reassembler, OutOfOrderRetransmittedAndOverlapping) {
  reassembler r(1024);
  recording_sink s;
  r.segment(100, tcp_syn, nullptr, 0, 0, s);
  r.segment(105, 0, bytes("efgh"), 4, 0, s);   // ahead: held
  r.segment(103, 0, bytes("cdef"), 4, 0, s);   // ahead, overlapping what is held
  EXPECT_EQ(s.got, "");
  r.segment(101, 0, bytes("ab"), 2, 0, s);     // fills the hole
  EXPECT_EQ(s.got, "abcdefgh");
  r.segment(101, 0, bytes("abcdefgh"), 8, 0, s);  // a retransmission
  r.segment(107, 0, bytes("ghij"), 4, 0, s);      // half old, half new
  EXPECT_EQ(s.got, "abcdefghij");
  EXPECT_EQ(r.stats().duplicate, 8u + 2u + 2u);
  EXPECT_EQ(r.stats().gaps, 0u);
}

TEST(Reassembler, SequenceNumbersThatWrap) {
  reassembler r(1024);
  recording_sink s;
  const uint32_t isn = 0xFFFFFFFAu;
  r.segment(isn, tcp_syn, nullptr, 0, 0, s);
  r.segment(isn + 1, 0, bytes("0123456789"), 10, 0, s);  // crosses 2^32
  r.segment(static_cast<uint32_t>(isn + 11), tcp_fin, bytes("ab"), 2, 0, s);
  EXPECT_EQ(s.got, "0123456789ab");
  EXPECT_TRUE(r.closed());
}

TEST(Reassembler, AHoleBeyondTheWindowIsAGap) {
  reassembler r(8);
  recording_sink s;
  r.segment(0, tcp_syn, nullptr, 0, 0, s);
  r.segment(1, 0, bytes("aaaa"), 4, 0, s);
  r.segment(9, 0, bytes("cccc"), 4, 0, s);   // 4 lost before it: held
  r.segment(13, 0, bytes("dddd"), 4, 0, s);  // 8 held: at the bound
  EXPECT_EQ(s.got, "aaaa");
  r.segment(17, 0, bytes("e"), 1, 0, s);     // past it: the hole is given up
  EXPECT_EQ(s.got, "aaaa<gap 4>ccccdddde");
  r.segment(5, 0, bytes("bbbb"), 4, 0, s);   // too late: dropped as old
  EXPECT_EQ(s.got, "aaaa<gap 4>ccccdddde");
  EXPECT_EQ(r.stats().gaps, 1u);
  EXPECT_EQ(r.stats().lost, 4u);
}

TEST(Reassembler, HolesAtTheEndAndBeforeTheFin) {
  reassembler r(1024);
  recording_sink s;
  r.segment(0, tcp_syn, nullptr, 0, 0, s);
  r.segment(1, 0, bytes("ab"), 2, 0, s);
  r.segment(6, 0, bytes("fg"), 2, 0, s);
  r.segment(20, tcp_fin, nullptr, 0, 0, s);  // the FIN at offset 19
  EXPECT_FALSE(r.closed());
  r.flush(s);
  EXPECT_EQ(s.got, "ab<gap 3>fg<gap 12>");
  EXPECT_TRUE(r.closed());
}

TEST(Reassembler, NoHandshakeStartsAtTheFirstSegmentAndRstEndsIt) {
  reassembler r(1024);
  recording_sink s;
  r.segment(777, 0, bytes("220 x\r\n"), 7, 0, s);
  r.segment(784, 0, bytes("y"), 1, 2, s);  // 2 payload bytes cut by the snapshot length
  r.segment(787, tcp_rst, nullptr, 0, 0, s);
  r.segment(787, 0, bytes("late"), 4, 0, s);
  r.flush(s);
  EXPECT_EQ(s.got, "220 x\r\ny<gap 2>");
  EXPECT_TRUE(r.closed());
}

// --- captures through `ftpreply pcap` --------------------------------------

// An output object, its fields as text ("null" for null).
using object = std::map<std::string, std::string>;

class Pcap : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/ftpreply_pcap_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  static void TearDownTestSuite() {
    const std::string cmd = "rm -rf '" + dir_ + "'";
    (void)std::system(cmd.c_str());
  }
  static std::string path(const std::string& name) { return dir_ + "/" + name; }
  static void write(const std::string& name, const std::string& bytes) {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }

  struct result {
    int status = -1;
    std::string out;
  };
  // Runs a program, standard output captured, standard error to a file.
  static result run(const std::string& cmd) {
    result r;
    FILE* p = popen((cmd + " 2>" + path("stderr")).c_str(), "r");
    if (p == nullptr) return r;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
  }
  static result pcap(const std::string& args) {
    return run(std::string(FTPREPLY_CLI_PATH) + " pcap " + args);
  }
  static std::string stderr_text() {
    std::ifstream in(path("stderr"));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  static std::vector<object> objects(const std::string& out) {
    std::vector<object> v;
    simdjson::dom::parser parser;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      simdjson::dom::element doc;
      if (parser.parse(line).get(doc) != simdjson::SUCCESS) {
        ADD_FAILURE() << "not JSON: " << line;
        continue;
      }
      object o;
      for (auto field : simdjson::dom::object(doc)) {
        std::string key(field.key);
        if (field.value.is_string()) o[key] = std::string(std::string_view(field.value));
        else o[key] = simdjson::minify(field.value);
      }
      v.push_back(o);
    }
    return v;
  }

  static std::string dir_;
};
std::string Pcap::dir_;

// A connection written from a script: the handshake, then each step's
// bytes from the client ('c') or the server ('s'), half a second apart
// from t = 100, then both FINs.
std::string scripted_session(const capture_format& f, bool v6,
                             const std::vector<std::pair<char, std::string>>& steps) {
  std::string cap;
  capture_writer w(f, &cap);
  const address c = test_address(2, v6), s = test_address(1, v6);
  uint32_t cs = 5000, ss = 9000;
  double t = 100;
  auto client = [&](const std::string& b, uint8_t fl = 0) {
    w.segment(t += 0.5, c, 40001, s, 21, cs, ss, fl, b);
    cs += static_cast<uint32_t>(b.size()) + (fl & (tcp_syn | tcp_fin) ? 1 : 0);
  };
  auto server = [&](const std::string& b, uint8_t fl = 0) {
    w.segment(t += 0.5, s, 21, c, 40001, ss, cs, fl, b);
    ss += static_cast<uint32_t>(b.size()) + (fl & (tcp_syn | tcp_fin) ? 1 : 0);
  };
  client("", tcp_syn);
  server("", tcp_syn);
  client("");
  for (const auto& step : steps) {
    if (step.first == 'c') client(step.second);
    else server(step.second);
  }
  server("", tcp_fin);
  client("", tcp_fin);
  return cap;
}

// A short session written by hand: greeting, login, a transfer (150 then
// 226 both answer RETR), and a reply nobody asked for.
std::string hand_made_session(const capture_format& f, bool v6) {
  return scripted_session(f, v6,
                          {{'s', "220-Welcome\r\n220 Ready\r\n"},
                           {'c', "USER anonymous\r\n"},
                           {'s', "331 Password\r\n"},
                           {'c', "pass x@y\r\n"},
                           {'s', "230 In\r\n"},
                           {'c', "RETR a b.txt\r\n"},
                           {'s', "150 Opening\r\n"},
                           {'s', "226 Done\r\n"},
                           {'s', "421 Timeout\r\n"}});
}

TEST_F(Pcap, EveryLinkTypeIpVersionAndFormat) {
  const std::pair<const char*, capture_format> links[] = {
      {"ethernet", {false, link_ethernet, 0, 262144}}, {"vlan", {false, link_ethernet, 1, 262144}},
      {"qinq", {true, link_ethernet, 2, 262144}},      {"sll", {false, link_sll, 0, 262144}},
      {"sll2", {true, link_sll2, 0, 262144}},          {"raw", {false, link_raw, 0, 262144}},
      {"null", {true, link_null, 0, 262144}},          {"loop", {false, link_loop, 0, 262144}}};
  for (const auto& l : links) {
    for (bool v6 : {false, true}) {
      for (bool ng : {false, true}) {
        SCOPED_TRACE(std::string(l.first) + (v6 ? " ipv6" : " ipv4") + (ng ? " pcapng" : " pcap"));
        capture_format f = l.second;
        f.pcapng = ng;
        write("s.cap", hand_made_session(f, v6));
        const result r = pcap(path("s.cap"));
        ASSERT_EQ(r.status, 0) << stderr_text();
        std::vector<object> o = objects(r.out);
        ASSERT_EQ(o.size(), 6u) << r.out;
        const char* codes[] = {"220", "331", "230", "150", "226", "421"};
        for (size_t i = 0; i < o.size(); ++i) EXPECT_EQ(o[i]["code"], codes[i]);
        EXPECT_EQ(o[0]["client"], v6 ? "[fd00::2]:40001" : "10.0.0.2:40001");
        EXPECT_EQ(o[0]["server"], v6 ? "[fd00::1]:21" : "10.0.0.1:21");
        EXPECT_EQ(o[0]["lines"], "2");
      }
    }
  }
}

TEST_F(Pcap, CommandsArePairedWithTheirReplies) {
  write("s.cap", hand_made_session(capture_format(), false));
  std::vector<object> o = objects(pcap(path("s.cap")).out);
  ASSERT_EQ(o.size(), 6u);
  EXPECT_EQ(o[0]["command"], "null");  // the greeting answers none
  EXPECT_EQ(o[1]["command"], "USER");
  EXPECT_EQ(o[1]["arg"], "anonymous");
  EXPECT_EQ(o[2]["command"], "PASS");  // verbs in upper case
  EXPECT_EQ(o[2]["arg"], "x@y");
  EXPECT_EQ(o[3]["command"], "RETR");  // the preliminary reply
  EXPECT_EQ(o[3]["arg"], "a b.txt");
  EXPECT_EQ(o[4]["command"], "RETR");  // and the final one
  EXPECT_EQ(o[5]["command"], "null");  // nothing pending
  EXPECT_EQ(std::stod(o[0]["ts"]), 102.0);  // the packet that completed it
  EXPECT_EQ(std::stod(o[5]["ts"]), 106.0);
}

// A client that speaks before the greeting (a test server that delays every
// reply): the greeting answers no command, and each reply its own.
TEST_F(Pcap, AClientSpeakingBeforeTheGreetingIsPairedRight) {
  write("early.cap", scripted_session(capture_format(), false,
                                      {{'c', "USER anonymous\r\n"},
                                       {'c', "PASS guest\r\n"},
                                       {'c', "SYST\r\n"},
                                       {'s', "220 Fake server\r\n"},
                                       {'s', "331 Fake response USER anonymous\r\n"},
                                       {'s', "230 Fake response PASS guest\r\n"},
                                       {'s', "215 Fake response SYST\r\n"},
                                       {'c', "QUIT\r\n"},
                                       {'s', "221 Fake response QUIT\r\n"}}));
  const result r = pcap(path("early.cap"));
  EXPECT_EQ(r.status, 0) << stderr_text();
  std::vector<object> o = objects(r.out);
  ASSERT_EQ(o.size(), 5u) << r.out;
  EXPECT_EQ(o[0]["command"], "null");
  // Each fake response names the command it answers.
  for (size_t i = 1; i < o.size(); ++i) {
    SCOPED_TRACE(o[i]["text"]);
    EXPECT_EQ(o[i]["text"].substr(std::string("Fake response ").size()),
              o[i]["command"] + (o[i]["arg"].empty() || o[i]["arg"] == "null" ? "" : " " + o[i]["arg"]));
  }
}

// A line where a reply was due, with no code, an invalid code or a bad
// separator: the error answers that command, and QUIT keeps its 221.
TEST_F(Pcap, AnErrorWhereAReplyWasDueAnswersItsCommand) {
  const std::pair<const char*, const char*> cases[] = {
      {"SYST", "SYST not supported\r\n"}, {"PASV", "99 PASV invalid\r\n"},
      {"RETR", "230_no_space\r\n"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.second);
    write("bad.cap", scripted_session(capture_format(), false,
                                      {{'s', "220 Hi\r\n"},
                                       {'c', "USER a\r\n"},
                                       {'s', "331 Password\r\n"},
                                       {'c', "PASS b\r\n"},
                                       {'s', "230 In\r\n"},
                                       {'c', std::string(c.first) + "\r\n"},
                                       {'s', c.second},
                                       {'c', "QUIT\r\n"},
                                       {'s', "221 Bye\r\n"}}));
    const result r = pcap(path("bad.cap"));
    EXPECT_EQ(r.status, 1);  // the capture held an error
    std::vector<object> o = objects(r.out);
    ASSERT_EQ(o.size(), 5u) << r.out;
    EXPECT_TRUE(o[3].count("error")) << r.out;
    EXPECT_EQ(o[3]["command"], c.first);
    EXPECT_EQ(o[4]["code"], "221");
    EXPECT_EQ(o[4]["command"], "QUIT");
  }
}

// `ftpreply pcap` on a capture of `stream` equals the scanner on `stream`
// with the spans the capture lost declared as gaps there.
void expect_replies_of(const std::vector<object>& got, const std::string& stream,
                       const std::vector<std::pair<uint64_t, uint64_t>>& lost) {
  std::vector<segment> segs;
  uint64_t at = 0;
  for (const auto& l : lost) {
    if (l.first < at) continue;
    segs.push_back(segment{stream.substr(at, l.first - at), l.second});
    at = l.first + l.second;
  }
  segs.push_back(segment{stream.substr(at), 0});
  const run_result want = scan_segments(ftpreply::options::lenient(), ftpreply::kernel::scalar, segs);
  ASSERT_EQ(want.violation, "");
  ASSERT_EQ(got.size(), want.events.size());
  for (size_t i = 0; i < got.size(); ++i) {
    object g = got[i];
    const recorded& w = want.events[i];
    SCOPED_TRACE("event " + std::to_string(i));
    ASSERT_EQ(g["offset"], std::to_string(w.offset));
    ASSERT_EQ(g["length"], std::to_string(w.length));
    if (w.err == ftpreply::error::ok) {
      EXPECT_EQ(g["code"], std::to_string(w.code));
      EXPECT_EQ(g["text"], w.text);
      EXPECT_EQ(g["flags"].find("after_gap") != std::string::npos,
                (w.flags & ftpreply::flags::after_gap) != 0);
    } else {
      EXPECT_EQ(g["error"], ftpreply::to_string(w.err));
      EXPECT_EQ(g["start"], std::to_string(w.start));
    }
  }
}

TEST_F(Pcap, ReorderedDuplicatedAndOverlappingSegmentsGiveTheStream) {
  uint64_t replies = 0;
  const std::string stream =
      ftpreply_synth::generate(ftpreply_synth::mix::session, 7, 3000, 0, &replies);
  write("s.txt", stream);
  for (const char* opts : {"--reorder 20 --duplicate 10 --overlap 20",
                           "--segment 97 --reorder 30 --overlap 30 --isn 4294960000 --link sll2",
                           "--segment 4000 --duplicate 50 --ipv6 --format pcapng"}) {
    SCOPED_TRACE(opts);
    ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " " + opts + " " + path("s.txt") + " " +
                  path("s.cap")).status, 0);
    const result r = pcap(path("s.cap"));
    EXPECT_EQ(r.status, 0) << stderr_text();
    expect_replies_of(objects(r.out), stream, {});
  }
}

TEST_F(Pcap, LostSegmentsAreExactlyTheGaps) {
  uint64_t replies = 0;
  const std::string stream =
      ftpreply_synth::generate(ftpreply_synth::mix::session, 9, 4000, 0, &replies);
  write("s.txt", stream);
  for (const char* opts : {"--loss 3", "--loss 5 --reorder 10 --duplicate 5 --segment 300",
                           "--loss 20 --segment 50 --ipv6 --link vlan"}) {
    SCOPED_TRACE(opts);
    ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " " + opts + " --lost " + path("lost") +
                  " " + path("s.txt") + " " + path("s.cap")).status, 0);
    std::vector<std::pair<uint64_t, uint64_t>> lost;
    for (object& o : objects(run("cat " + path("lost")).out))
      lost.emplace_back(std::stoull(o["offset"]), std::stoull(o["length"]));
    ASSERT_FALSE(lost.empty());
    const result r = pcap(path("s.cap"));
    EXPECT_EQ(r.status, 1);  // gaps are errors
    expect_replies_of(objects(r.out), stream, lost);
  }
}

TEST_F(Pcap, ManyFlowsAndEviction) {
  uint64_t replies = 0;
  const std::string stream =
      ftpreply_synth::generate(ftpreply_synth::mix::short_replies, 3, 200, 0, &replies);
  write("s.txt", stream);
  ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " --flows 40 --segment 200 " + path("s.txt") +
                " " + path("s.cap")).status, 0);
  std::vector<object> all = objects(pcap(path("s.cap")).out);
  std::map<std::string, uint64_t> per_client;
  for (object& o : all) ++per_client[o["client"]];
  ASSERT_EQ(per_client.size(), 40u);
  for (const auto& kv : per_client) EXPECT_EQ(kv.second, replies) << kv.first;
  // Ten flows at a time: the longest idle is ended, and says so.
  const result r = pcap("--max-flows 10 --count " + path("s.cap"));
  std::vector<object> c = objects(r.out);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_GT(std::stoull(c[0]["evicted"]), 0u);
  EXPECT_NE(pcap("--max-flows 10 " + path("s.cap")).out.find("\"event\":\"evicted\""),
            std::string::npos);
}

TEST_F(Pcap, OtherPortsByOptionOrByGreeting) {
  uint64_t replies = 0;
  const std::string stream =
      ftpreply_synth::generate(ftpreply_synth::mix::session, 4, 100, 0, &replies);
  write("s.txt", stream);
  ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " --port 2121 " + path("s.txt") + " " +
                path("s.cap")).status, 0);
  EXPECT_EQ(objects(pcap("--port 2121 " + path("s.cap")).out).size(), replies);
  // Not on port 21, but the server's first bytes are a greeting.
  EXPECT_EQ(objects(pcap(path("s.cap")).out).size(), replies);
  // A flow on another port whose first bytes are no greeting is not FTP.
  const std::string junk = "HTTP/1.1 200 OK\r\n\r\n";
  write("j.txt", junk);
  ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " --port 8080 " + path("j.txt") + " " +
                path("j.cap")).status, 0);
  std::vector<object> c = objects(pcap("--count " + path("j.cap")).out);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]["flows"], "0");
  EXPECT_EQ(c[0]["not_ftp"], "3");  // its SYN, SYN-ACK and data segments
}

TEST_F(Pcap, SnapshotLengthCutsBecomeGaps) {
  uint64_t replies = 0;
  const std::string stream =
      ftpreply_synth::generate(ftpreply_synth::mix::session, 5, 500, 0, &replies);
  write("s.txt", stream);
  // 54 bytes of headers and 146 of payload kept of each 1460-byte segment.
  ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " --snaplen 200 " + path("s.txt") + " " +
                path("s.cap")).status, 0);
  std::vector<std::pair<uint64_t, uint64_t>> lost;
  for (uint64_t at = 0; at < stream.size(); at += 1460) {
    const uint64_t seg = std::min<uint64_t>(1460, stream.size() - at);
    if (seg > 146) lost.emplace_back(at + 146, seg - 146);
  }
  const result r = pcap(path("s.cap"));
  EXPECT_EQ(r.status, 1);
  expect_replies_of(objects(r.out), stream, lost);
  EXPECT_NE(stderr_text().find("snapshot length cut"), std::string::npos);
  std::vector<object> c = objects(pcap("--count " + path("s.cap")).out);
  EXPECT_EQ(c[0]["snaplen_cut"], std::to_string(lost.size()));
}

TEST_F(Pcap, BadCapturesGetClearMessages) {
  write("text.cap", "220 this is not a capture\r\n");
  EXPECT_EQ(pcap(path("text.cap")).status, 2);
  EXPECT_NE(stderr_text().find("text.cap"), std::string::npos);
  EXPECT_EQ(pcap(path("missing.cap")).status, 2);
  // An unknown link type (DLT_IEEE802_11 = 105).
  std::string cap = hand_made_session(capture_format(), false);
  cap[20] = 105;
  write("wifi.cap", cap);
  EXPECT_EQ(pcap(path("wifi.cap")).status, 2);
  EXPECT_NE(stderr_text().find("not supported"), std::string::npos);
  // A file that breaks off inside a record: what was read is reported.
  cap = hand_made_session(capture_format(), false);
  write("cut.cap", cap.substr(0, cap.size() - 30));
  const result r = pcap(path("cut.cap"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(stderr_text().find("broke off"), std::string::npos);
  EXPECT_GE(objects(r.out).size(), 5u);
  // Headers cut by the snapshot length: skipped, said, counted.
  capture_format f;
  f.snaplen = 40;
  write("short.cap", hand_made_session(f, false));
  const result s = pcap("--count " + path("short.cap"));
  EXPECT_EQ(s.status, 1);
  EXPECT_NE(stderr_text().find("cut into its headers"), std::string::npos);
  EXPECT_EQ(objects(s.out)[0]["truncated"], "14");
}

TEST_F(Pcap, BenchMeasuresTheServerStreamsOfACapture) {
  uint64_t replies = 0;
  const std::string stream =
      ftpreply_synth::generate(ftpreply_synth::mix::session, 8, 500, 0, &replies);
  write("s.txt", stream);
  ASSERT_EQ(run(std::string(FTPREPLY_CAPGEN_PATH) + " --flows 2 --reorder 20 --format pcapng " +
                path("s.txt") + " " + path("s.cap")).status, 0);
  const result r = run(std::string(FTPREPLY_CLI_PATH) + " bench --repetitions 1 --kernel scalar " +
                       path("s.cap"));
  ASSERT_EQ(r.status, 0) << stderr_text();
  std::vector<object> o = objects(r.out);
  ASSERT_FALSE(o.empty());
  EXPECT_EQ(o[0]["bytes"], std::to_string(2 * stream.size()));  // both flows, whole
  EXPECT_EQ(o[0]["replies"], std::to_string(2 * replies));
}

TEST_F(Pcap, DecodeAddsPayloads) {
  std::string cap;
  capture_writer w(capture_format(), &cap);
  const address c = test_address(2, false), s = test_address(1, false);
  w.segment(1, s, 21, c, 40001, 7, 0, 0, "220 hi\r\n");
  w.segment(2, c, 40001, s, 21, 3, 16, 0, "PASV\r\n");
  w.segment(3, s, 21, c, 40001, 15, 9, 0, "227 Entering Passive Mode (10,0,0,1,4,1)\r\n");
  w.segment(4, s, 21, c, 40001, 57, 9, 0, "227 Entering Passive Mode (10,0,0,1,4,256)\r\n");
  write("d.cap", cap);
  const result r = pcap("--decode " + path("d.cap"));
  std::vector<object> o = objects(r.out);
  ASSERT_EQ(o.size(), 3u) << r.out;
  EXPECT_EQ(o[0].count("payload"), 0u);
  EXPECT_EQ(o[1]["command"], "PASV");
  EXPECT_NE(o[1]["payload"].find("10.0.0.1"), std::string::npos) << o[1]["payload"];
  EXPECT_NE(o[1]["payload"].find("1025"), std::string::npos) << o[1]["payload"];
  EXPECT_EQ(o[2]["payload_error"], "out_of_range");
  EXPECT_EQ(o[2]["command"], "null");
}

TEST_F(Pcap, UsageErrors) {
  EXPECT_EQ(pcap("--port 0 x").status, 2);
  EXPECT_EQ(pcap("--strict --lenient x").status, 2);
  EXPECT_EQ(pcap("--max-flows 0 x").status, 2);
  EXPECT_EQ(pcap("--help").status, 0);
}


// --- Zeek's ftp.log ---------------------------------------------------------------

// A Zeek ASCII (TSV) log, read as Zeek documents its format: "#separator"
// first (its value written as \xHH), then "#key<sep>value" lines, the
// "#fields" and "#types" lists, rows of fields split at the separator
// (the unset field is unset, the empty field empty, \xHH escapes
// undone), and "#close" last.
struct zeek_tsv {
  std::map<std::string, std::string> meta;  // #path, #open, #close, ...
  std::vector<std::string> fields, types;
  std::vector<std::map<std::string, std::string>> rows;  // unset fields absent
  std::string error;                                     // what did not parse
};

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
      out += static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> v;
  size_t i = 0;
  for (;;) {
    const size_t j = line.find(sep, i);
    v.push_back(line.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) return v;
    i = j + 1;
  }
}

zeek_tsv read_zeek_tsv(const std::string& text) {
  zeek_tsv z;
  std::istringstream in(text);
  std::string line;
  char sep = 0;
  bool closed = false;
  while (std::getline(in, line)) {
    if (closed) {
      z.error = "a line after #close";
      return z;
    }
    if (sep == 0) {
      if (line.rfind("#separator ", 0) != 0) {
        z.error = "no #separator first";
        return z;
      }
      const std::string v = unescape(line.substr(11));
      if (v.size() != 1) {
        z.error = "separator not one byte";
        return z;
      }
      sep = v[0];
      continue;
    }
    if (line[0] == '#') {
      std::vector<std::string> kv = split(line.substr(1), sep);
      const std::string key = kv[0];
      if (key == "fields" || key == "types") {
        (key == "fields" ? z.fields : z.types).assign(kv.begin() + 1, kv.end());
      } else if (kv.size() == 2) {
        z.meta[key] = kv[1];
      } else {
        z.error = "a header line without one value: " + line;
        return z;
      }
      closed = key == "close";
      continue;
    }
    std::vector<std::string> v = split(line, sep);
    if (v.size() != z.fields.size()) {
      z.error = "a row of " + std::to_string(v.size()) + " fields: " + line;
      return z;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] == z.meta["unset_field"]) continue;
      row[z.fields[i]] = v[i] == z.meta["empty_field"] ? std::string() : unescape(v[i]);
    }
    z.rows.push_back(row);
  }
  if (!closed) z.error = "no #close";
  return z;
}

TEST(ZeekLog, FieldsAreEscapedAsZeekReadsThem) {
  EXPECT_EQ(zeek_tsv_field(""), "(empty)");
  EXPECT_EQ(zeek_tsv_field("-"), "\\x2d");
  EXPECT_EQ(zeek_tsv_field("(empty)"), "\\x28empty)");
  EXPECT_EQ(zeek_tsv_field("a\tb\\c\x01\xff"), "a\\x09b\\x5cc\\x01\\xff");
  for (const std::string s : {"plain text", "tab\there", "back\\slash", "\x7f\x80\xc3\xa9"})
    EXPECT_EQ(unescape(zeek_tsv_field(s)), s);
}

// A session of every logged command: a user whose password is hidden, the
// directory followed through PWD, CWD and CDUP, passive (PASV, EPSV) and
// active (PORT, EPRT) data channels, sizes from "(N bytes)" and from SIZE.
std::string full_session() {
  return scripted_session(capture_format(), false,
                          {{'s', "220 Hi\r\n"},
                           {'c', "USER alice\r\n"},
                           {'s', "331 Password\r\n"},
                           {'c', "PASS s3cret\r\n"},
                           {'s', "230 In\r\n"},
                           {'c', "PWD\r\n"},
                           {'s', "257 \"/home/alice\" is current\r\n"},
                           {'c', "CWD docs\r\n"},
                           {'s', "250 OK\r\n"},
                           {'c', "SIZE report.pdf\r\n"},
                           {'s', "213 4096\r\n"},
                           {'c', "PASV\r\n"},
                           {'s', "227 Entering Passive Mode (10,0,0,1,19,137).\r\n"},
                           {'c', "RETR report.pdf\r\n"},
                           {'s', "150 Opening BINARY mode data connection for report.pdf (4097 bytes).\r\n"},
                           {'s', "226 Done\r\n"},
                           {'c', "RETR ./report.pdf\r\n"},
                           {'s', "150 Opening data connection\r\n"},
                           {'s', "226 Done again\r\n"},
                           {'c', "CDUP\r\n"},
                           {'s', "250 OK\r\n"},
                           {'c', "EPSV\r\n"},
                           {'s', "229 Entering Extended Passive Mode (|||6000|)\r\n"},
                           {'c', "RETR ../etc/notes.txt\r\n"},
                           {'s', "150 Opening data connection\r\n"},
                           {'s', "226-Done\r\n226 Transfer complete\r\n"},
                           {'c', "PORT 10,0,0,2,4,1\r\n"},
                           {'s', "200 PORT ok\r\n"},
                           {'c', "STOR up.bin\r\n"},
                           {'s', "150 Ok\r\n"},
                           {'s', "226 Stored\r\n"},
                           {'c', "EPRT |2|fd00::2|7000|\r\n"},
                           {'s', "200 ok\r\n"},
                           {'c', "APPE /tmp/log.txt\r\n"},
                           {'s', "550 No\r\n"},
                           {'c', "DELE old.txt\r\n"},
                           {'s', "250 Deleted\r\n"},
                           {'c', "STOU\r\n"},
                           {'s', "150 FILE: u1\r\n"},
                           {'s', "226 Done\r\n"},
                           {'c', "QUIT\r\n"},
                           {'s', "221 Bye\r\n"}});
}

TEST_F(Pcap, ZeekLogHasEveryField) {
  write("full.cap", full_session());
  const result r = pcap("--format zeek " + path("full.cap"));
  ASSERT_EQ(r.status, 0) << stderr_text();
  const zeek_tsv z = read_zeek_tsv(r.out);
  ASSERT_EQ(z.error, "") << r.out;
  EXPECT_EQ(z.meta.at("path"), "ftp");
  EXPECT_EQ(z.meta.at("set_separator"), ",");
  EXPECT_EQ(z.meta.at("open"), "1970-01-01-00-01-40");  // the first packet, t = 100.5
  EXPECT_EQ(z.meta.at("close"), "1970-01-01-00-02-03");  // the last, t = 123.5
  const std::vector<std::string> fields = {
      "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "user", "password",
      "command", "arg", "mime_type", "file_size", "reply_code", "reply_msg",
      "data_channel.passive", "data_channel.orig_h", "data_channel.resp_h",
      "data_channel.resp_p", "fuid"};
  EXPECT_EQ(z.fields, fields);
  ASSERT_EQ(z.types.size(), fields.size());
  EXPECT_EQ(z.types[0], "time");
  EXPECT_EQ(z.types[3], "port");
  EXPECT_EQ(z.types[11], "count");
  EXPECT_EQ(z.types[14], "bool");
  // Zeek's default commands, in the order their final replies came.
  std::vector<std::string> commands;
  for (const auto& row : z.rows) commands.push_back(row.at("command"));
  EXPECT_EQ(commands, (std::vector<std::string>{"PASV", "RETR", "RETR", "EPSV", "RETR", "PORT",
                                                "STOR", "EPRT", "APPE", "DELE", "STOU"}));
  for (const auto& row : z.rows) {
    SCOPED_TRACE(row.at("command"));
    EXPECT_EQ(row.at("uid"), z.rows[0].at("uid"));
    EXPECT_EQ(row.at("uid").size(), 18u);
    EXPECT_EQ(row.at("id.orig_h"), "10.0.0.2");
    EXPECT_EQ(row.at("id.orig_p"), "40001");
    EXPECT_EQ(row.at("id.resp_h"), "10.0.0.1");
    EXPECT_EQ(row.at("id.resp_p"), "21");
    EXPECT_EQ(row.at("user"), "alice");
    EXPECT_EQ(row.at("password"), "<hidden>");
    EXPECT_EQ(row.count("mime_type"), 0u);
    EXPECT_EQ(row.count("fuid"), 0u);
  }
  auto at = [&](size_t i) { return z.rows[i]; };
  // PASV: passive, from the client to the 227's address.
  EXPECT_EQ(at(0).at("ts"), "107.500000");  // when PASV was sent
  EXPECT_EQ(at(0).count("arg"), 0u);
  EXPECT_EQ(at(0).at("reply_code"), "227");
  EXPECT_EQ(at(0).at("reply_msg"), "Entering Passive Mode (10,0,0,1,19,137).");
  EXPECT_EQ(at(0).at("data_channel.passive"), "T");
  EXPECT_EQ(at(0).at("data_channel.orig_h"), "10.0.0.2");
  EXPECT_EQ(at(0).at("data_channel.resp_h"), "10.0.0.1");
  EXPECT_EQ(at(0).at("data_channel.resp_p"), "5001");
  // RETR: the URL through PWD and CWD; the size its 150 announced.
  EXPECT_EQ(at(1).at("arg"), "ftp://10.0.0.1/home/alice/docs/report.pdf");
  EXPECT_EQ(at(1).at("file_size"), "4097");
  EXPECT_EQ(at(1).at("reply_code"), "226");
  EXPECT_EQ(at(1).count("data_channel.passive"), 0u);
  // Without "(N bytes)": the size SIZE gave for the same path.
  EXPECT_EQ(at(2).at("arg"), "ftp://10.0.0.1/home/alice/docs/report.pdf");
  EXPECT_EQ(at(2).at("file_size"), "4096");
  EXPECT_EQ(at(2).at("reply_msg"), "Done again");
  // EPSV: the server's own address.
  EXPECT_EQ(at(3).at("data_channel.resp_h"), "10.0.0.1");
  EXPECT_EQ(at(3).at("data_channel.resp_p"), "6000");
  // After CDUP (/home/alice); a multi-line final reply gives its last line.
  EXPECT_EQ(at(4).at("arg"), "ftp://10.0.0.1/home/etc/notes.txt");
  EXPECT_EQ(at(4).count("file_size"), 0u);
  EXPECT_EQ(at(4).at("reply_msg"), "Transfer complete");
  // PORT and EPRT: active, from the server to the client's address.
  EXPECT_EQ(at(5).at("arg"), "10,0,0,2,4,1");
  EXPECT_EQ(at(5).at("data_channel.passive"), "F");
  EXPECT_EQ(at(5).at("data_channel.orig_h"), "10.0.0.1");
  EXPECT_EQ(at(5).at("data_channel.resp_h"), "10.0.0.2");
  EXPECT_EQ(at(5).at("data_channel.resp_p"), "1025");
  EXPECT_EQ(at(6).at("arg"), "ftp://10.0.0.1/home/alice/up.bin");
  EXPECT_EQ(at(7).at("data_channel.resp_h"), "fd00::2");
  EXPECT_EQ(at(7).at("data_channel.resp_p"), "7000");
  EXPECT_EQ(at(8).at("arg"), "ftp://10.0.0.1/tmp/log.txt");
  EXPECT_EQ(at(8).at("reply_code"), "550");
  EXPECT_EQ(at(9).at("arg"), "ftp://10.0.0.1/home/alice/old.txt");
  EXPECT_EQ(at(10).at("arg"), "ftp://10.0.0.1/home/alice");  // STOU names no file
  // The same records as Zeek's JSON lines.
  const result j = pcap("--format zeek-json " + path("full.cap"));
  ASSERT_EQ(j.status, 0);
  std::vector<object> o = objects(j.out);
  ASSERT_EQ(o.size(), z.rows.size());
  for (size_t i = 0; i < o.size(); ++i) {
    for (const auto& kv : z.rows[i]) {
      SCOPED_TRACE(kv.first);
      std::string want = kv.second;
      if (kv.first == "data_channel.passive") want = want == "T" ? "true" : "false";
      if (kv.first == "ts") {
        EXPECT_EQ(std::stod(o[i][kv.first]), std::stod(want));
        continue;
      }
      EXPECT_EQ(o[i][kv.first], want);
    }
    EXPECT_EQ(o[i].size(), z.rows[i].size());  // unset fields left out
  }
}

TEST_F(Pcap, ZeekLogCommandsPasswordsAndOneRowPerSession) {
  write("full.cap", full_session());
  // --log-commands replaces the set; the greeting is <init>, at the start.
  zeek_tsv z = read_zeek_tsv(pcap("--format zeek --log-commands '<init>,cwd,PWD,pass' " +
                                  path("full.cap")).out);
  ASSERT_EQ(z.error, "");
  ASSERT_EQ(z.rows.size(), 4u);
  EXPECT_EQ(z.rows[0].at("command"), "<init>");
  EXPECT_EQ(z.rows[0].at("ts"), "100.500000");
  EXPECT_EQ(z.rows[0].at("user"), "<unknown>");
  EXPECT_EQ(z.rows[0].at("reply_code"), "220");
  EXPECT_EQ(z.rows[1].at("command"), "PASS");
  EXPECT_EQ(z.rows[1].at("arg"), "<hidden>");
  EXPECT_EQ(z.rows[2].at("command"), "PWD");
  EXPECT_EQ(z.rows[3].at("arg"), "ftp://10.0.0.1/home/alice/docs");  // CWD from /home/alice
  // --show-passwords; all.
  z = read_zeek_tsv(pcap("--format zeek --log-commands all --show-passwords " + path("full.cap")).out);
  ASSERT_EQ(z.error, "");
  EXPECT_EQ(z.rows.size(), 19u);  // <init> and the eighteen commands
  EXPECT_EQ(z.rows[2].at("command"), "PASS");
  EXPECT_EQ(z.rows[2].at("arg"), "s3cret");
  EXPECT_EQ(z.rows[2].at("password"), "s3cret");
  // Anonymous logins keep the password; a session that logs no command of
  // the set still gets its last command's row; a command the capture never
  // saw answered gets a row with no reply.
  write("anon.cap", scripted_session(capture_format(), true,
                                     {{'s', "220 Hi\r\n"},
                                      {'c', "USER Anonymous\r\n"},
                                      {'s', "331 Password\r\n"},
                                      {'c', "PASS me@example.com\r\n"},
                                      {'s', "230 In\r\n"},
                                      {'c', "QUIT\r\n"},
                                      {'s', "221 Bye\r\n"}}));
  z = read_zeek_tsv(pcap("--format zeek " + path("anon.cap")).out);
  ASSERT_EQ(z.error, "");
  ASSERT_EQ(z.rows.size(), 1u);
  EXPECT_EQ(z.rows[0].at("command"), "QUIT");
  EXPECT_EQ(z.rows[0].at("password"), "me@example.com");
  EXPECT_EQ(z.rows[0].at("id.resp_h"), "fd00::1");
  write("cut.cap", scripted_session(capture_format(), false,
                                    {{'s', "220 Hi\r\n"}, {'c', "RETR a\r\n"}}));
  z = read_zeek_tsv(pcap("--format zeek " + path("cut.cap")).out);
  ASSERT_EQ(z.error, "");
  ASSERT_EQ(z.rows.size(), 1u);
  EXPECT_EQ(z.rows[0].at("arg"), "ftp://10.0.0.1/a");
  EXPECT_EQ(z.rows[0].count("reply_code"), 0u);
  EXPECT_EQ(z.rows[0].count("reply_msg"), 0u);
}

// The real servers' sessions (ftpreply probe, recorded by tcpdump): the
// URLs after CWD and CDUP, the passive data channels as the replies give
// them, the active ones as PORT and EPRT gave them, SIZE's size and the
// download's (from its 150 reply, or, where the server does not announce
// it, from SIZE), the anonymous password kept, one uid per connection.
TEST_F(Pcap, ZeekLogOfTheRealServers) {
  for (const char* name : {"vsftpd", "vsftpd_messages", "proftpd", "proftpd_messages",
                           "proftpd_rfc2228", "pureftpd", "pureftpd_messages"}) {
    SCOPED_TRACE(name);
    const std::string cap = std::string(FTPREPLY_SOURCE_DIR) + "/tests/data/captures/" + name + ".pcap";
    const zeek_tsv z = read_zeek_tsv(pcap("--format zeek --log-commands all " + cap).out);
    ASSERT_EQ(z.error, "");
    ASSERT_GT(z.rows.size(), 10u);
    EXPECT_EQ(z.rows[0].at("command"), "<init>");
    const std::string host = z.rows[0].at("id.resp_h");
    std::vector<std::string> cwd_urls;
    std::string root;  // where the session starts, as PWD says
    bool size_seen = false, pasv_seen = false, epsv_seen = false, retr_seen = false;
    int active_seen = 0;
    for (const auto& row : z.rows) {
      SCOPED_TRACE(row.at("command"));
      EXPECT_EQ(row.at("uid"), z.rows[0].at("uid"));
      const std::string& c = row.at("command");
      if (c != "<init>" && c != "USER") {
        EXPECT_EQ(row.at("user"), "anonymous");
      }
      if (row.count("password")) {
        EXPECT_EQ(row.at("password"), "ftpreply@");
      }
      if (c == "PWD") {
        const std::string msg = row.at("reply_msg");
        root = msg.substr(1, msg.find('"', 1) - 1);
        if (root != "/") root += "/";
      }
      if (c == "CWD") cwd_urls.push_back(row.at("arg"));
      if (c == "SIZE") {  // after CWD back to the root
        size_seen = true;
        EXPECT_EQ(row.at("arg"), "ftp://" + host + root + "readme.txt");
        EXPECT_EQ(row.at("file_size"), row.at("reply_msg"));
      }
      if (c == "PASV") {
        pasv_seen = true;
        // "(h1,h2,h3,h4,p1,p2)": the port is p1 * 256 + p2.
        const std::string msg = row.at("reply_msg");
        std::vector<std::string> n = split(msg.substr(msg.find('(') + 1, msg.find(')') - msg.find('(') - 1), ',');
        ASSERT_EQ(n.size(), 6u) << msg;
        EXPECT_EQ(row.at("data_channel.passive"), "T");
        EXPECT_EQ(row.at("data_channel.orig_h"), row.at("id.orig_h"));
        EXPECT_EQ(row.at("data_channel.resp_h"), n[0] + "." + n[1] + "." + n[2] + "." + n[3]);
        EXPECT_EQ(row.at("data_channel.resp_p"), std::to_string(std::stoi(n[4]) * 256 + std::stoi(n[5])));
      }
      if (c == "RETR") {
        retr_seen = true;
        EXPECT_EQ(row.at("arg"), "ftp://" + host + root + "readme.txt");
        EXPECT_EQ(row.at("file_size"), "500");
        EXPECT_EQ(row.at("reply_code"), "226");
      }
      if (c == "PORT" || c == "EPRT") {  // "127,0,0,1,p1,p2" or "|1|127.0.0.1|port|"
        ++active_seen;
        const std::string arg = row.at("arg");
        std::vector<std::string> n = split(arg, c == "PORT" ? ',' : '|');
        ASSERT_EQ(n.size(), c == "PORT" ? 6u : 5u) << arg;
        EXPECT_EQ(row.at("data_channel.passive"), "F");
        EXPECT_EQ(row.at("data_channel.orig_h"), host);
        EXPECT_EQ(row.at("data_channel.resp_h"), "127.0.0.1");
        EXPECT_EQ(row.at("data_channel.resp_p"),
                  c == "PORT" ? std::to_string(std::stoi(n[4]) * 256 + std::stoi(n[5])) : n[3]);
      }
      if (c == "EPSV") {
        epsv_seen = true;
        const std::string msg = row.at("reply_msg");
        EXPECT_EQ(row.at("data_channel.resp_h"), host);
        EXPECT_NE(msg.find("|||" + row.at("data_channel.resp_p") + "|"), std::string::npos) << msg;
      }
    }
    EXPECT_TRUE(size_seen && pasv_seen && epsv_seen && retr_seen);
    EXPECT_EQ(active_seen, 2);
    // nested, CDUP, nested again, then back to the root.
    ASSERT_FALSE(root.empty());
    const std::string top = root == "/" ? root : root.substr(0, root.size() - 1);
    EXPECT_EQ(cwd_urls, (std::vector<std::string>{"ftp://" + host + root + "nested",
                                                  "ftp://" + host + root + "nested",
                                                  "ftp://" + host + top}));
  }
}

TEST_F(Pcap, SeveralFilesGiveTheSameOutputForEveryJobs) {
  write("a.cap", full_session());
  write("b.cap", hand_made_session(capture_format(), true));
  write("c.cap", scripted_session(capture_format(), false, {{'s', "220 Hi\r\n"}}));
  const std::string files = path("a.cap") + " " + path("b.cap") + " " + path("c.cap");
  for (const char* format : {"jsonl", "zeek", "zeek-json"}) {
    SCOPED_TRACE(format);
    const result one = pcap(std::string("--format ") + format + " --log-commands all " + files);
    EXPECT_EQ(one.status, 0);
    for (const char* jobs : {"2", "3", "8"}) {
      const result many = pcap(std::string("--format ") + format + " --log-commands all --jobs " +
                               jobs + " " + files);
      EXPECT_EQ(many.status, 0);
      EXPECT_EQ(many.out, one.out) << "--jobs " << jobs;
    }
    // Each file's records in order, then the next file's.
    const result a = pcap(std::string("--format ") + format + " --log-commands all " + path("a.cap"));
    EXPECT_EQ(one.out.compare(0, std::string(format) == "zeek" ? 0 : a.out.size(),
                              a.out, 0, std::string(format) == "zeek" ? 0 : a.out.size()), 0);
  }
  const zeek_tsv z = read_zeek_tsv(pcap("--format zeek --jobs 2 " + files).out);
  ASSERT_EQ(z.error, "");
  EXPECT_EQ(z.rows.size(), 11u + 1u + 1u);  // a's eleven, one for b, one for c
  EXPECT_EQ(pcap("--jobs 0 " + files).status, 2);
  EXPECT_EQ(pcap("- " + path("a.cap")).status, 2);
  EXPECT_EQ(pcap("--format csv " + path("a.cap")).status, 2);
  EXPECT_EQ(pcap("--format zeek --decode " + path("a.cap")).status, 2);
  EXPECT_EQ(pcap(path("a.cap") + " " + path("missing.cap")).status, 2);
}

}  // namespace
}  // namespace ftpreply_test
