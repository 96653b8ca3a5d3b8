// SPDX-License-Identifier: Apache-2.0
// The codec: the payload vectors (tests/conformance/payload.tsv) read as
// data in both modes, every decoder accepting what its formatter writes,
// the encoder, base64, RFC 2228 protected replies end to end, and the z/OS
// client API lines of the seed, verbatim.
#include <cstring>
#include <fstream>
#include <sstream>

#include "ftpreply/ftpreply.h"
#include "gtest/gtest.h"
#include "harness.h"
#include "test_mechanism.h"
#include "vectors.h"

namespace ftpreply_test {
namespace {

using ftpreply::error;

// The first reply of a stream (lenient framing), as the vectors specify.
std::string first_reply(const std::string& stream) {
  ftpreply::scanner s;
  std::string reply;
  ftpreply::scan_all(s, stream.data(), stream.size(), [&](const ftpreply::event& e) {
    if (e.is_reply() && reply.empty()) reply = std::string(e.bytes());
  });
  return reply;
}

std::string two(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02u", v);
  return b;
}

// The vector notation of what a decoder gives.
std::string decode_as(const std::string& decoder, const std::string& reply, bool strict) {
  error e = error::invalid_argument;
  std::string value;
  if (decoder == "pasv" || decoder == "lpsv") {
    ftpreply::endpoint ep;
    e = decoder == "pasv" ? ftpreply::decode_pasv(reply, ftpreply_test::mode_of(strict), &ep)
                          : ftpreply::decode_lpsv(reply, ftpreply_test::mode_of(strict), &ep);
    std::string host;
    if (ep.family == ftpreply::address_family::ipv6) {  // eight groups, hex, no leading zeros
      for (int g = 0; g < 8; ++g) {
        char b[8];
        std::snprintf(b, sizeof b, "%s%x", g ? ":" : "", ep.address[2 * g] << 8 | ep.address[2 * g + 1]);
        host += b;
      }
    } else {
      host = std::to_string(ep.address[0]) + "." + std::to_string(ep.address[1]) + "." +
             std::to_string(ep.address[2]) + "." + std::to_string(ep.address[3]);
    }
    value = "addr=" + host + ":" + std::to_string(ep.port);
  } else if (decoder == "epsv") {
    uint16_t port = 0;
    e = ftpreply::decode_epsv(reply, ftpreply_test::mode_of(strict), &port);
    value = "port=" + std::to_string(port);
  } else if (decoder == "pathname") {
    char buf[256];
    size_t n = 0;
    e = ftpreply::decode_pathname(reply, ftpreply_test::mode_of(strict), buf, sizeof buf, &n);
    value = "path=" + std::string(buf, e == error::ok ? n : 0);
  } else if (decoder == "mark") {
    ftpreply::restart_marker m;
    e = ftpreply::decode_mark(reply, ftpreply_test::mode_of(strict), &m);
    value = "mark=" + std::string(m.user) + "," + std::string(m.server);
  } else if (decoder == "size") {
    uint64_t n = 0;
    e = ftpreply::decode_size(reply, ftpreply_test::mode_of(strict), &n);
    value = "size=" + std::to_string(n);
  } else if (decoder == "mdtm") {
    ftpreply::timestamp t;
    e = ftpreply::decode_mdtm(reply, ftpreply_test::mode_of(strict), &t);
    value = "time=" + std::to_string(t.year) + "-" + two(t.month) + "-" + two(t.day) + "T" +
            two(t.hour) + ":" + two(t.minute) + ":" + two(t.second) +
            (t.fraction.empty() ? "" : "." + std::string(t.fraction));
  }
  return e == error::ok ? value : "!" + std::string(ftpreply::to_string(e));
}

TEST(PayloadVectors, BothModes) {
  std::vector<row> rows;
  ASSERT_TRUE(read_tsv(conformance_dir() + "/payload.tsv", &rows));
  ASSERT_GE(rows.size(), 25u);
  for (row& r : rows) {
    std::string stream, strict_expected, lenient_expected;
    ASSERT_TRUE(decode_cell(r["stream"], &stream)) << r["id"];
    ASSERT_TRUE(decode_cell(r["strict"], &strict_expected)) << r["id"];
    ASSERT_TRUE(decode_cell(r["lenient"], &lenient_expected)) << r["id"];
    const std::string reply = first_reply(stream);
    ASSERT_FALSE(reply.empty()) << r["id"];
    EXPECT_EQ(decode_as(r["decoder"], reply, true), strict_expected) << r["id"] << " strict";
    EXPECT_EQ(decode_as(r["decoder"], reply, false), lenient_expected) << r["id"] << " lenient";
  }
}

// Encodes the formatter's text as a reply with `code`. `n` is taken by
// reference: the formatter call in the same argument list sets it, and the
// order arguments are evaluated in is unspecified.
std::string reply_of(uint16_t code, error fe, const char* text, const size_t& n) {
  EXPECT_EQ(fe, error::ok);
  char buf[4096];
  size_t len = 0;
  EXPECT_EQ(ftpreply::encode_reply(code, std::string_view(text, n), buf, sizeof buf, &len),
            error::ok);
  return std::string(buf, len);
}

TEST(Formatters, DecodersAcceptWhatFormattersWrite) {
  char t[1024];
  size_t n = 0;
  for (bool strict : {true, false}) {
    ftpreply::endpoint ep;
    ep.family = ftpreply::address_family::ipv4;
    const uint8_t host[4] = {10, 0, 255, 1};
    std::memcpy(ep.address, host, 4);
    ep.port = 65535;
    ftpreply::endpoint back;
    ASSERT_EQ(ftpreply::decode_pasv(reply_of(227, ftpreply::format_pasv(ep, t, sizeof t, &n), t, n),
                                    ftpreply_test::mode_of(strict), &back),
              error::ok);
    EXPECT_EQ(0, std::memcmp(back.address, host, 4));
    EXPECT_EQ(back.port, 65535);

    ftpreply::endpoint v6;
    v6.family = ftpreply::address_family::ipv6;
    for (int k = 0; k < 16; ++k) v6.address[k] = static_cast<uint8_t>(k * 17);
    v6.port = 1;
    ASSERT_EQ(ftpreply::decode_lpsv(reply_of(228, ftpreply::format_lpsv(v6, t, sizeof t, &n), t, n),
                                    ftpreply_test::mode_of(strict), &back),
              error::ok);
    EXPECT_EQ(back.family, ftpreply::address_family::ipv6);
    EXPECT_EQ(0, std::memcmp(back.address, v6.address, 16));
    EXPECT_EQ(back.port, 1);
    ASSERT_EQ(ftpreply::decode_lpsv(reply_of(228, ftpreply::format_lpsv(ep, t, sizeof t, &n), t, n),
                                    ftpreply_test::mode_of(strict), &back),
              error::ok);
    EXPECT_EQ(back.family, ftpreply::address_family::ipv4);

    uint16_t port = 0;
    ASSERT_EQ(ftpreply::decode_epsv(reply_of(229, ftpreply::format_epsv(6446, t, sizeof t, &n), t, n),
                                    ftpreply_test::mode_of(strict), &port),
              error::ok);
    EXPECT_EQ(port, 6446);

    char path[256];
    size_t plen = 0;
    const std::string odd = "/usr/dm/foo\"bar \"\" x";
    ASSERT_EQ(ftpreply::decode_pathname(
                  reply_of(257, ftpreply::format_pathname(odd, "created", t, sizeof t, &n), t, n),
                  ftpreply_test::mode_of(strict), path, sizeof path, &plen),
              error::ok);
    EXPECT_EQ(std::string(path, plen), odd);

    // Decoded views point into the reply: keep it.
    const std::string mark_reply =
        reply_of(110, ftpreply::format_mark("r1234", "5678", t, sizeof t, &n), t, n);
    ftpreply::restart_marker mk;
    ASSERT_EQ(ftpreply::decode_mark(mark_reply, ftpreply_test::mode_of(strict), &mk), error::ok);
    EXPECT_EQ(mk.user, "r1234");
    EXPECT_EQ(mk.server, "5678");

    uint64_t size = 0;
    ASSERT_EQ(ftpreply::decode_size(reply_of(213, ftpreply::format_size(UINT64_MAX, t, sizeof t, &n), t, n),
                                    ftpreply_test::mode_of(strict), &size),
              error::ok);
    EXPECT_EQ(size, UINT64_MAX);

    ftpreply::timestamp ts;
    ts.year = 2024;
    ts.month = 2;
    ts.day = 29;
    ts.hour = 23;
    ts.minute = 59;
    ts.second = 60;
    ts.fraction = "123456";
    ftpreply::timestamp tb;
    ASSERT_EQ(ftpreply::decode_mdtm(reply_of(213, ftpreply::format_mdtm(ts, t, sizeof t, &n), t, n),
                                    ftpreply_test::mode_of(strict), &tb),
              error::ok);
    EXPECT_EQ(tb.year, 2024);
    EXPECT_EQ(tb.day, 29);
    EXPECT_EQ(tb.second, 60);
    EXPECT_EQ(tb.fraction, "123456");

    const std::string syst_reply =
        reply_of(215, ftpreply::format_system("UNIX", "Type: L8", t, sizeof t, &n), t, n);
    ftpreply::system_type sys;
    ASSERT_EQ(ftpreply::decode_system(syst_reply, ftpreply_test::mode_of(strict), &sys), error::ok);
    EXPECT_EQ(sys.name, "UNIX");
    EXPECT_EQ(sys.rest, "Type: L8");

    const ftpreply::feature feats[] = {{"MDTM", ""}, {"MLST", "type*;size*;modify*;"},
                                       {"REST", "STREAM"}, {"3DES", ""}};
    ftpreply::feature got[8];
    size_t count = 0;
    const std::string feat_reply =
        reply_of(211, ftpreply::format_features(feats, 4, t, sizeof t, &n), t, n);
    ASSERT_EQ(ftpreply::decode_features(feat_reply, ftpreply_test::mode_of(strict), got, 8, &count), error::ok) << feat_reply;
    ASSERT_EQ(count, 4u);
    for (size_t k = 0; k < 4; ++k) {
      EXPECT_EQ(got[k].name, feats[k].name);
      EXPECT_EQ(got[k].params, feats[k].params);
    }
  }
}

TEST(Decoders, LpsvSystemAndFeatureForms) {
  ftpreply::endpoint ep;
  EXPECT_EQ(ftpreply::decode_lpsv("228 Entering Long Passive Mode (4,4,1,2,3,4,2,0,20)\r\n", ftpreply::decode_mode::strict, &ep),
            error::ok);
  EXPECT_EQ(ep.family, ftpreply::address_family::ipv4);
  EXPECT_EQ(ep.port, 20);
  EXPECT_EQ(ftpreply::decode_lpsv("228 (4,16,1,2,3,4,2,0,20)\r\n", ftpreply::decode_mode::strict, &ep), error::malformed);
  EXPECT_EQ(ftpreply::decode_lpsv("228 (4,4,1,2,3,400,2,0,20)\r\n", ftpreply::decode_mode::strict, &ep), error::out_of_range);
  EXPECT_EQ(ftpreply::decode_lpsv("228 4, 4, 1,2,3,4 ,2,0,20\r\n", ftpreply::decode_mode::lenient, &ep), error::ok);
  EXPECT_EQ(ftpreply::decode_lpsv("228 4, 4, 1,2,3,4 ,2,0,20\r\n", ftpreply::decode_mode::strict, &ep), error::malformed);

  ftpreply::system_type sys;
  EXPECT_EQ(ftpreply::decode_system("215 UNIX Type: L8\r\n", ftpreply::decode_mode::strict, &sys), error::ok);
  EXPECT_EQ(ftpreply::decode_system("215 Windows_NT\r\n", ftpreply::decode_mode::strict, &sys), error::ok);
  EXPECT_EQ(sys.rest, "");
  EXPECT_EQ(ftpreply::decode_system("215 \r\n", ftpreply::decode_mode::strict, &sys), error::malformed);
  EXPECT_EQ(ftpreply::decode_system("215 UN*X\r\n", ftpreply::decode_mode::strict, &sys), error::malformed);
  EXPECT_EQ(ftpreply::decode_system("215 UN*X v2\r\n", ftpreply::decode_mode::lenient, &sys), error::ok);
  EXPECT_EQ(sys.name, "UN*X");

  ftpreply::feature f[4];
  size_t count = 0;
  const std::string rfc = "211-Features:\r\n MDTM\r\n SIZE\r\n211 End\r\n";
  const std::string proftpd = "211-Features:\r\n211-MDTM\r\n211- SIZE\r\n211 End\r\n";
  EXPECT_EQ(ftpreply::decode_features(rfc, ftpreply::decode_mode::strict, f, 4, &count), error::ok);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(ftpreply::decode_features(proftpd, ftpreply::decode_mode::strict, f, 4, &count), error::malformed);
  EXPECT_EQ(ftpreply::decode_features(proftpd, ftpreply::decode_mode::lenient, f, 4, &count), error::ok);
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(f[0].name, "MDTM");
  EXPECT_EQ(f[1].name, "SIZE");
  // A one-line 211 has no feature lines to read: an error, never "ok, none".
  EXPECT_EQ(ftpreply::decode_features("211 No features\r\n", ftpreply::decode_mode::strict, f, 4, &count),
            error::malformed);
  EXPECT_EQ(ftpreply::decode_features(rfc, ftpreply::decode_mode::strict, f, 1, &count), error::buffer_too_small);
  EXPECT_EQ(count, 2u);

  char path[4];
  size_t n = 0;
  EXPECT_EQ(ftpreply::decode_pathname("257 \"/long/path\"\r\n", ftpreply::decode_mode::strict, path, sizeof path, &n),
            error::buffer_too_small);
  EXPECT_EQ(n, 10u);

  uint64_t size = 0;
  EXPECT_EQ(ftpreply::decode_size("213 18446744073709551616\r\n", ftpreply::decode_mode::strict, &size), error::out_of_range);
  EXPECT_EQ(ftpreply::decode_size("213 0018446744073709551615\r\n", ftpreply::decode_mode::strict, &size), error::ok);
  ftpreply::timestamp ts;
  EXPECT_EQ(ftpreply::decode_mdtm("213 20230229000000\r\n", ftpreply::decode_mode::strict, &ts), error::out_of_range);
  EXPECT_EQ(ftpreply::decode_mdtm("213 20240229000000\r\n", ftpreply::decode_mode::strict, &ts), error::ok);
  EXPECT_EQ(ftpreply::decode_mdtm("213  20240229000000 \r\n", ftpreply::decode_mode::strict, &ts), error::malformed);
  EXPECT_EQ(ftpreply::decode_mdtm("213  20240229000000 \r\n", ftpreply::decode_mode::lenient, &ts), error::ok);
  EXPECT_EQ(ftpreply::decode_mdtm("213 20240229000000.\r\n", ftpreply::decode_mode::lenient, &ts), error::malformed);
  ftpreply::restart_marker mk;
  EXPECT_EQ(ftpreply::decode_mark("110 MARK 1234=5678\r\n", ftpreply::decode_mode::strict, &mk), error::malformed);
  EXPECT_EQ(ftpreply::decode_mark("110 MARK 1234=5678\r\n", ftpreply::decode_mode::lenient, &mk), error::ok);
  EXPECT_EQ(ftpreply::decode_mark("110 mark1234 =5678\r\n", ftpreply::decode_mode::lenient, &mk), error::ok);
  EXPECT_EQ(mk.user, "1234");
  uint16_t port = 0;
  EXPECT_EQ(ftpreply::decode_epsv("229 (111121)\r\n", ftpreply::decode_mode::strict, &port), error::malformed);
  EXPECT_EQ(ftpreply::decode_epsv("229 (|||0|)\r\n", ftpreply::decode_mode::strict, &port), error::out_of_range);
}

TEST(Encoder, RepliesScanBackToTheirCodeLinesAndText) {
  const std::pair<uint16_t, std::string> cases[] = {
      {220, "Service ready"},
      {200, ""},
      {211, "Features:\r\n MDTM\r\n SIZE\r\nEnd"},
      {230, "first\n230 would terminate\r220 other code\r\n 123 indented digits\r\nlast"},
      {550, "a\r\n"},
      {659, "\r\n\r\n"},
      {100, std::string("nul\0inside", 10)},
  };
  for (const auto& c : cases) {
    char buf[512];
    size_t len = 0;
    ASSERT_EQ(ftpreply::encode_reply(c.first, c.second, buf, sizeof buf, &len), error::ok);
    const std::string wire(buf, len);
    run_result r = scan_pieces(ftpreply::options::strict_rfc959(), ftpreply::best_kernel(), {wire});
    ASSERT_EQ(r.events.size(), 1u) << wire;
    EXPECT_EQ(r.events[0].err, error::ok) << wire;
    EXPECT_EQ(r.events[0].code, c.first);
    const std::vector<std::string> want = split_text_lines(c.second);
    EXPECT_EQ(r.events[0].lines, want.size()) << wire;
    std::vector<std::string> got;
    for (std::string_view l : ftpreply::text_lines(wire)) got.emplace_back(l);
    EXPECT_EQ(got, want) << wire;
  }
  char small[4];
  size_t len = 0;
  EXPECT_EQ(ftpreply::encode_reply(220, "ready", small, sizeof small, &len), error::buffer_too_small);
  EXPECT_EQ(len, 11u);
  EXPECT_EQ(ftpreply::encode_reply(99, "x", small, sizeof small, &len), error::invalid_argument);
  EXPECT_EQ(ftpreply::encode_reply(660, "x", small, sizeof small, &len), error::invalid_argument);
  char buf[64];
  ASSERT_EQ(ftpreply::encode_reply(211, "a\r\n230 x\r\nb", buf, sizeof buf, &len), error::ok);
  EXPECT_EQ(std::string(buf, len), "211-a\r\n 230 x\r\n211 b\r\n");
}

TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> v[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& p : v) {
    const size_t n = std::strlen(p.first);
    char enc[16];
    ftpreply::base64_encode(reinterpret_cast<const uint8_t*>(p.first), n, enc);
    EXPECT_EQ(std::string(enc, ftpreply::base64_encoded_size(n)), p.second);
    uint8_t dec[16];
    size_t len = 0;
    ASSERT_EQ(ftpreply::base64_decode(p.second, dec, sizeof dec, &len), error::ok) << p.second;
    EXPECT_EQ(std::string(reinterpret_cast<char*>(dec), len), p.first);
  }
  uint8_t out[16];
  size_t len = 0;
  EXPECT_EQ(ftpreply::base64_decode("Zm9", out, sizeof out, &len), error::malformed);
  EXPECT_EQ(ftpreply::base64_decode("Zm9v!", out, sizeof out, &len), error::malformed);
  EXPECT_EQ(ftpreply::base64_decode("Z===", out, sizeof out, &len), error::malformed);
  // "xx=" closes a quantum only with a second '='.
  EXPECT_EQ(ftpreply::base64_decode("Zg=A", out, sizeof out, &len), error::malformed);
  EXPECT_EQ(ftpreply::base64_decode("Zg=", out, sizeof out, &len), error::malformed);
  EXPECT_EQ(ftpreply::base64_decode("Zg==", out, sizeof out, &len), error::ok);
  EXPECT_EQ(ftpreply::base64_decode("Zm9vYmFy", out, 3, &len), error::buffer_too_small);
}

TEST(Protected, SealScanUnsealScanEndToEnd) {
  std::string cleartext = "250-Directory listing follows\r\n";
  for (int i = 0; i < 20; ++i) cleartext += " file" + std::to_string(i) + ".txt\r\n";
  cleartext += "250 End\r\n";
  for (ftpreply::protection level : {ftpreply::protection::integrity,
                                     ftpreply::protection::confidentiality_and_integrity,
                                     ftpreply::protection::confidentiality}) {
    uint8_t scratch[4096];
    char wire[8192];
    size_t len = 0;
    ASSERT_EQ(ftpreply::encode_protected(level, cleartext, test_seal, nullptr, scratch,
                                         sizeof scratch, wire, sizeof wire, &len),
              error::ok);
    const std::string w(wire, len);
    // The wire form is itself a strict, multi-line 63z reply.
    run_result outer = scan_pieces(ftpreply::options::strict_rfc959(), ftpreply::best_kernel(), {w});
    ASSERT_EQ(outer.events.size(), 1u);
    EXPECT_EQ(outer.events[0].code, 630 + static_cast<int>(level));
    EXPECT_GT(outer.events[0].lines, 1u);
    EXPECT_EQ(ftpreply::to_string(ftpreply::classify(outer.events[0].code).kind),
              std::string("protected"));
    char clear[4096];
    size_t clear_len = 0;
    ftpreply::protection got = ftpreply::protection::none;
    ASSERT_EQ(ftpreply::open_protected(outer.events[0].bytes, test_unseal, nullptr, scratch,
                                       sizeof scratch, clear, sizeof clear, &clear_len, &got),
              error::ok);
    EXPECT_EQ(got, level);
    EXPECT_EQ(std::string(clear, clear_len), cleartext);
    // What comes back is a reply stream for the same scanner.
    run_result inner = scan_pieces(ftpreply::options::strict_rfc959(), ftpreply::best_kernel(),
                                   {std::string(clear, clear_len)});
    ASSERT_EQ(notation(inner.events), "250(22)");
  }
}

TEST(Protected, Failures) {
  uint8_t scratch[64];
  char clear[64];
  size_t n = 0;
  ftpreply::protection p;
  EXPECT_EQ(ftpreply::open_protected("250 ok\r\n", test_unseal, nullptr, scratch, 64, clear, 64, &n, &p),
            error::malformed);
  EXPECT_EQ(ftpreply::open_protected("631 not*base64\r\n", test_unseal, nullptr, scratch, 64, clear, 64, &n, &p),
            error::malformed);
  EXPECT_EQ(ftpreply::open_protected("631 Zm9vYmFy\r\n", test_unseal, nullptr, scratch, 64, clear, 64, &n, &p),
            error::unseal_failed);
  EXPECT_EQ(ftpreply::open_protected("631 Zm9vYmFy\r\n", test_unseal, nullptr, scratch, 2, clear, 64, &n, &p),
            error::buffer_too_small);
  // Base64 split across lines anywhere, padding at the end.
  uint8_t sealed[16];
  size_t sealed_len = 0;
  ASSERT_TRUE(test_seal(nullptr, ftpreply::protection::integrity, "200 ok\r\n", 8, sealed, 16, &sealed_len));
  char b64[32];
  ftpreply::base64_encode(sealed, sealed_len, b64);
  const std::string all(b64, ftpreply::base64_encoded_size(sealed_len));
  const std::string split = "631-" + all.substr(0, 5) + "\r\n631-" + all.substr(5, 6) + "\r\n631 " +
                            all.substr(11) + "\r\n";
  ASSERT_EQ(ftpreply::open_protected(split, test_unseal, nullptr, scratch, 64, clear, 64, &n, &p),
            error::ok);
  EXPECT_EQ(std::string(clear, n), "200 ok\r\n");
  char out[8];
  size_t len = 0;
  EXPECT_EQ(ftpreply::encode_protected(ftpreply::protection::integrity, "200 ok\r\n", test_seal,
                                       nullptr, scratch, 64, out, sizeof out, &len),
            error::buffer_too_small);
  EXPECT_EQ(len, 4u + 20u + 2u);
  EXPECT_EQ(ftpreply::encode_protected(ftpreply::protection::none, "x", test_seal, nullptr,
                                       scratch, 64, out, sizeof out, &len),
            error::invalid_argument);
}

// The seed's z/OS examples, each line verbatim, and what it is.
struct zos_case {
  const char* line;
  ftpreply::zos_line_kind kind;
  const char* message_id;
  const char* text;   // message/command text, or nullptr
  int code;           // reply code, or status: client error
  int subcommand;     // status
  const char* command;
  int reply;          // status
};

const zos_case kZosSeed[] = {
    {"verbose", ftpreply::zos_line_kind::message, "", "verbose", 0, 0, nullptr, 0},
    {"EZA2859I Message IDs are displayed when running in z/OS UNIX", ftpreply::zos_line_kind::message,
     "EZA2859I", "Message IDs are displayed when running in z/OS UNIX", 0, 0, nullptr, 0},
    {"EZA1460I Command:", ftpreply::zos_line_kind::message, "EZA1460I", "Command:", 0, 0, nullptr, 0},
    {"Message IDs are not displayed when running in z/OS UNIX", ftpreply::zos_line_kind::message, "",
     "Message IDs are not displayed when running in z/OS UNIX", 0, 0, nullptr, 0},
    {"Command:", ftpreply::zos_line_kind::message, "", "Command:", 0, 0, nullptr, 0},
    {"site bogus", ftpreply::zos_line_kind::message, "", "site bogus", 0, 0, nullptr, 0},
    {">>> SITE bogus", ftpreply::zos_line_kind::command, "", "SITE bogus", 0, 0, nullptr, 0},
    {"200-Unrecognized parameter 'bogus' on SITE command.", ftpreply::zos_line_kind::reply, "",
     "Unrecognized parameter 'bogus' on SITE command.", 200, 0, nullptr, 0},
    {"200 SITE command was accepted", ftpreply::zos_line_kind::reply, "", "SITE command was accepted",
     200, 0, nullptr, 0},
    {"Command(00-34-SITE-200):", ftpreply::zos_line_kind::status, "", nullptr, 0, 34, "SITE", 200},
    {"CD  /u/user33/", ftpreply::zos_line_kind::message, "", "CD  /u/user33/", 0, 0, nullptr, 0},
    {"EZA1701I >>> CWD /u/user33/", ftpreply::zos_line_kind::command, "EZA1701I", "CWD /u/user33/",
     0, 0, nullptr, 0},
    {"250 HFS directory /u/user33/ is the current working directory", ftpreply::zos_line_kind::reply,
     "", "HFS directory /u/user33/ is the current working directory", 250, 0, nullptr, 0},
    {"EZA2121I Command(00-07-CWD -250):", ftpreply::zos_line_kind::status, "EZA2121I", nullptr, 0, 7,
     "CWD", 250},
    {"Command(00-71-    -   ):", ftpreply::zos_line_kind::status, "", nullptr, 0, 71, "", -1},
    {">>> CWD /u/user33/", ftpreply::zos_line_kind::command, "", "CWD /u/user33/", 0, 0, nullptr, 0},
    {"Command(00-07-CWD -250):", ftpreply::zos_line_kind::status, "", nullptr, 0, 7, "CWD", 250},
};

TEST(Zos, EveryExampleOfTheSeedVerbatim) {
  std::ifstream in(FTPREPLY_SOURCE_DIR "/tests/data/zos_client_api_seed.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string seed = ss.str();
  ASSERT_FALSE(seed.empty());
  for (const zos_case& c : kZosSeed) {
    SCOPED_TRACE(c.line);
    EXPECT_NE(seed.find(std::string(c.line) + "\n"), std::string::npos) << "not in the seed";
    const ftpreply::zos_line l = ftpreply::classify_zos_line(c.line);
    EXPECT_EQ(l.kind, c.kind);
    EXPECT_EQ(l.message_id, c.message_id);
    if (c.kind == ftpreply::zos_line_kind::status) {
      EXPECT_EQ(l.status.client_error, c.code);
      EXPECT_EQ(l.status.subcommand, c.subcommand);
      EXPECT_EQ(l.status.command, c.command);
      EXPECT_EQ(l.status.reply, c.reply);
      // Formatting gives the line back, byte for byte.
      char buf[64];
      size_t n = 0;
      ASSERT_EQ(ftpreply::format_zos_status(l.status, buf, sizeof buf, &n), error::ok);
      EXPECT_EQ(std::string(buf, n), c.line);
    } else {
      EXPECT_EQ(l.text, c.text);
      if (c.kind == ftpreply::zos_line_kind::reply) {
        EXPECT_EQ(l.code, c.code);
      }
    }
  }
}

TEST(Zos, StatusFieldsAndErrors) {
  ftpreply::zos_status s;
  EXPECT_EQ(ftpreply::parse_zos_status("Command(12-  -    -   ):", &s), error::ok);
  EXPECT_EQ(s.client_error, 12);
  EXPECT_EQ(s.subcommand, -1);
  EXPECT_EQ(s.command, "");
  EXPECT_EQ(s.reply, -1);
  EXPECT_EQ(ftpreply::parse_zos_status("EZA2121I Command (ee-ss-cccc-rrr):", &s), error::malformed);
  EXPECT_EQ(ftpreply::parse_zos_status("Command(  -07-CWD -250):", &s), error::malformed);
  EXPECT_EQ(ftpreply::parse_zos_status("Command(00-07-CWD -2x0):", &s), error::malformed);
  ftpreply::zos_status bad;
  bad.command = "TOOLONG";
  char buf[64];
  size_t n = 0;
  EXPECT_EQ(ftpreply::format_zos_status(bad, buf, sizeof buf, &n), error::invalid_argument);
  ftpreply::zos_status ok;
  ok.message_id = "EZA2121I";
  ok.command = "RETR";
  ok.subcommand = 1;
  ok.reply = 226;
  EXPECT_EQ(ftpreply::format_zos_status(ok, buf, 10, &n), error::buffer_too_small);
  EXPECT_EQ(n, 33u);
  ASSERT_EQ(ftpreply::format_zos_status(ok, buf, sizeof buf, &n), error::ok);
  EXPECT_EQ(std::string(buf, n), "EZA2121I Command(00-01-RETR-226):");
}

}  // namespace
}  // namespace ftpreply_test
