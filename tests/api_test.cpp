// SPDX-License-Identifier: Apache-2.0
// The API 1.0 contracts, one test per trap a first-time user fell into
// before: decoders refuse a part of a reply, lines are named for what they
// give, a trailing line end makes no extra line, address families are
// named and convert to sockaddr, modes are named, a server writes a reply
// in one call, and a client reads replies with one object whose memory
// stays bounded. (Attributes are checked by compiling: tests/compile/.)
#include <sys/socket.h>

#include <string>
#include <type_traits>
#include <vector>

#include "ftpreply/ftpreply.h"
#include "ftpreply/posix.h"
#include "gtest/gtest.h"
#include "harness.h"
#include "random_streams.h"

namespace ftpreply_test {
namespace {

using ftpreply::decode_mode;
using ftpreply::error;

// The first reply of `stream`, scanned leniently; it views `stream`.
ftpreply::event first_event(const std::string& stream FTPREPLY_LIFETIME_BOUND) {
  ftpreply::scanner s;
  ftpreply::event first;
  bool seen = false;
  (void)ftpreply::scan_all(s, stream.data(), stream.size(), [&](const ftpreply::event& e) {
    if (!seen) first = e;
    seen = true;
  });
  return first;
}

const std::string kFeat = "211-Features:\r\n MDTM\r\n SIZE\r\n UTF8\r\n211 End\r\n";

TEST(Api, DecodersRefuseTheFirstLinesTextInsteadOfAnsweringOkWithNothing) {
  const ftpreply::event ev = first_event(kFeat);
  ftpreply::feature f[8];
  size_t count = 99;
  EXPECT_EQ(ftpreply::decode_features(ev.first_line_text(), decode_mode::lenient, f, 8, &count),
            error::invalid_argument);
  ASSERT_EQ(ftpreply::decode_features(ev, decode_mode::lenient, f, 8, &count), error::ok);
  ASSERT_EQ(count, 3u);
  EXPECT_EQ(f[2].name, "UTF8");
  // The same reply's bytes, and a one-line 211: an error, not "no features".
  EXPECT_EQ(ftpreply::decode_features(ev.bytes(), decode_mode::strict, f, 8, &count), error::ok);
  EXPECT_EQ(ftpreply::decode_features("211 no features\r\n", decode_mode::lenient, f, 8, &count),
            error::malformed);

  const std::string pasv_bytes = "227 Entering Passive Mode (10,0,0,1,4,1).\r\n";
  const ftpreply::event pasv = first_event(pasv_bytes);
  ftpreply::endpoint ep;
  EXPECT_EQ(ftpreply::decode_pasv(pasv.first_line_text(), decode_mode::lenient, &ep),
            error::invalid_argument);
  ASSERT_EQ(ftpreply::decode_pasv(pasv, decode_mode::lenient, &ep), error::ok);
  EXPECT_EQ(ep.port, 1025);
  // An error event is no reply either.
  const std::string bad_bytes = "xyz\r\n";
  const ftpreply::event bad = first_event(bad_bytes);
  ASSERT_FALSE(bad.is_reply());
  EXPECT_EQ(ftpreply::decode_pasv(bad, decode_mode::lenient, &ep), error::invalid_argument);
  // Every decoder, on bytes that lack the final line end or the code.
  uint16_t port = 0;
  uint64_t size = 0;
  EXPECT_EQ(ftpreply::decode_epsv("229 (|||6446|)", decode_mode::lenient, &port), error::invalid_argument);
  EXPECT_EQ(ftpreply::decode_size("1234\r\n", decode_mode::lenient, &size), error::invalid_argument);
  EXPECT_EQ(ftpreply::decode_size("213 1234\r\n", decode_mode::strict, &size), error::ok);
}

TEST(Api, LinesAsSentAndTextLinesAsMeant) {
  const std::string stream = "250-first\r\n250-second\r\n 250 protected\r\n250 last\r\n";
  const ftpreply::event ev = first_event(stream);
  std::vector<std::string> raw, text;
  for (std::string_view l : ev.raw_lines()) raw.emplace_back(l);
  for (std::string_view l : ev.text_lines()) text.emplace_back(l);
  EXPECT_EQ(raw, (std::vector<std::string>{"250-first", "250-second", " 250 protected", "250 last"}));
  EXPECT_EQ(text, (std::vector<std::string>{"first", "second", "250 protected", "last"}));
  EXPECT_EQ(ev.line_count(), 4u);
  EXPECT_EQ(ev.first_line_text(), "first");
  EXPECT_EQ(ev.last_line_text(), "last");
  // The free functions give the same on the bytes.
  EXPECT_EQ(ftpreply::raw_lines(ev.bytes()).size(), 4u);
  EXPECT_EQ(*ftpreply::text_lines(ev.bytes()).begin(), "first");
  EXPECT_EQ(ftpreply::last_line_text(ev.bytes()), "last");
}

TEST(Api, ATrailingLineEndMakesNoExtraLine) {
  auto encode = [](uint16_t code, std::string_view text) {
    std::string out;
    EXPECT_EQ(ftpreply::append_reply(out, code, text), error::ok);
    return out;
  };
  EXPECT_EQ(encode(220, "a\r\n"), "220 a\r\n");
  EXPECT_EQ(encode(220, "a\n"), "220 a\r\n");
  EXPECT_EQ(encode(220, "a\r"), "220 a\r\n");
  EXPECT_EQ(encode(220, "a"), "220 a\r\n");
  EXPECT_EQ(encode(220, ""), "220 \r\n");
  EXPECT_EQ(encode(220, "\r\n"), "220 \r\n");
  // Only one line end is taken: an empty line before it stays a line.
  EXPECT_EQ(encode(220, "a\r\n\r\n"), "220-a\r\n220 \r\n");
  EXPECT_EQ(encode(211, "Features:\r\n UTF8\r\nEnd\r\n"), "211-Features:\r\n UTF8\r\n211 End\r\n");
  // The allocation-free form agrees.
  char buf[64];
  size_t n = 0;
  ASSERT_EQ(ftpreply::encode_reply(220, "ready\r\n", buf, sizeof buf, &n), error::ok);
  EXPECT_EQ(std::string(buf, n), "220 ready\r\n");
}

TEST(Api, AddressFamiliesAreNamedAndConvertToSockaddr) {
  static_assert(!std::is_convertible<int, ftpreply::address_family>::value,
                "a magic number is not a family");
  static_assert(!std::is_convertible<bool, ftpreply::decode_mode>::value,
                "a bare boolean is not a mode");
  ftpreply::endpoint ep;
  ASSERT_EQ(ftpreply::decode_pasv("227 Entering Passive Mode (127,0,0,1,4,1)\r\n",
                                  decode_mode::strict, &ep),
            error::ok);
  EXPECT_EQ(ep.family, ftpreply::address_family::ipv4);
  sockaddr_storage sa;
  socklen_t len = 0;
  ASSERT_EQ(ftpreply::to_sockaddr(ep, &sa, &len), error::ok);
  EXPECT_EQ(sa.ss_family, AF_INET);
  EXPECT_EQ(len, sizeof(sockaddr_in));
  const sockaddr_in* in4 = reinterpret_cast<const sockaddr_in*>(&sa);
  EXPECT_EQ(ntohs(in4->sin_port), 1025);
  EXPECT_EQ(ntohl(in4->sin_addr.s_addr), 0x7F000001u);
  ftpreply::endpoint back;
  ASSERT_EQ(ftpreply::from_sockaddr(reinterpret_cast<const sockaddr*>(&sa), len, &back), error::ok);
  EXPECT_EQ(back.family, ftpreply::address_family::ipv4);
  EXPECT_EQ(back.port, 1025);
  EXPECT_EQ(back.address[0], 127);

  ASSERT_EQ(ftpreply::decode_lpsv("228 Entering Long Passive Mode (6,16,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,2,0,21)\r\n",
                                  decode_mode::strict, &ep),
            error::ok);
  EXPECT_EQ(ep.family, ftpreply::address_family::ipv6);
  ASSERT_EQ(ftpreply::to_sockaddr(ep, &sa, &len), error::ok);
  EXPECT_EQ(sa.ss_family, AF_INET6);
  ASSERT_EQ(ftpreply::from_sockaddr(reinterpret_cast<const sockaddr*>(&sa), len, &back), error::ok);
  EXPECT_EQ(back.address[15], 1);
  EXPECT_EQ(back.port, 21);

  EXPECT_EQ(ftpreply::to_sockaddr(ftpreply::endpoint(), &sa, &len), error::invalid_argument);
  sa.ss_family = AF_UNIX;
  EXPECT_EQ(ftpreply::from_sockaddr(reinterpret_cast<const sockaddr*>(&sa), sizeof sa, &back),
            error::invalid_argument);
  sa.ss_family = AF_INET;
  EXPECT_EQ(ftpreply::from_sockaddr(reinterpret_cast<const sockaddr*>(&sa), 4, &back),
            error::invalid_argument);  // too short for its family
}

TEST(Api, AServerWritesEachCommonReplyInOneCall) {
  std::string out;
  ftpreply::endpoint ep;
  ep.family = ftpreply::address_family::ipv4;
  ep.address[0] = 192, ep.address[1] = 168, ep.address[2] = 1, ep.address[3] = 2;
  ep.port = 50000;
  ASSERT_EQ(ftpreply::append_pasv_reply(out, ep), error::ok);
  ASSERT_EQ(ftpreply::append_epsv_reply(out, 6446), error::ok);
  ASSERT_EQ(ftpreply::append_pathname_reply(out, "/a \"q\"", "is the current directory"), error::ok);
  ASSERT_EQ(ftpreply::append_size_reply(out, 1234), error::ok);
  ftpreply::timestamp t;
  t.year = 2026, t.month = 11, t.day = 22, t.hour = 3, t.minute = 4, t.second = 5;
  ASSERT_EQ(ftpreply::append_mdtm_reply(out, t), error::ok);
  const ftpreply::feature feats[] = {{"UTF8", ""}, {"REST", "STREAM"}};
  ASSERT_EQ(ftpreply::append_features_reply(out, feats, 2), error::ok);
  ASSERT_EQ(ftpreply::append_help_reply(out, "Commands:\n USER PASS\nDirect comments to root."), error::ok);
  EXPECT_EQ(out,
            "227 Entering Passive Mode (192,168,1,2,195,80).\r\n"
            "229 Entering Extended Passive Mode (|||6446|)\r\n"
            "257 \"/a \"\"q\"\"\" is the current directory\r\n"
            "213 1234\r\n"
            "213 20261122030405\r\n"
            "211-Features:\r\n UTF8\r\n REST STREAM\r\n211 End\r\n"
            "214-Commands:\r\n USER PASS\r\n214 Direct comments to root.\r\n");
  // A refused argument leaves the string as it was.
  const std::string before = out;
  EXPECT_EQ(ftpreply::append_pasv_reply(out, ftpreply::endpoint()), error::invalid_argument);
  EXPECT_EQ(ftpreply::append_reply(out, 99, "x"), error::invalid_argument);
  EXPECT_EQ(out, before);
  // And a client reads every one of them back.
  ftpreply::scanner s(ftpreply::options::strict_rfc959());
  size_t replies = 0;
  EXPECT_EQ(ftpreply::scan_all(s, out.data(), out.size(), [&](const ftpreply::event&) { ++replies; }), 0u);
  EXPECT_EQ(replies, 7u);
}

// Every event of `stream`, through a reply_reader fed `piece` bytes at a
// time; the bytes and offsets of each, copied.
std::vector<recorded> read_in_pieces(const std::string& stream, size_t piece,
                                     const ftpreply::options& opt, size_t* most_buffered) {
  ftpreply::reply_reader reader(opt);
  std::vector<recorded> got;
  auto drain = [&] {
    ftpreply::event e;
    while (reader.next(e)) got.push_back(record(e));
  };
  *most_buffered = 0;
  for (size_t at = 0; at < stream.size(); at += piece) {
    EXPECT_EQ(reader.feed(stream.data() + at, std::min(piece, stream.size() - at)), error::ok);
    *most_buffered = std::max(*most_buffered, reader.buffered());
    drain();
  }
  EXPECT_EQ(reader.finish(), error::ok);
  drain();
  return got;
}

// scan_all hands the kernel 128 events a call below 64 KiB and 512 from
// there on: on either side, and past many full outputs, its events are
// those of a scan that takes one event a call.
TEST(Api, ScanAllGivesTheEventsOfAScanOneEventACallAtEverySize) {
  std::mt19937_64 rng(11);
  const std::string big = clean_stream(rng, 200000);
  ASSERT_GT(big.size(), size_t{64} << 10);
  for (size_t size : {size_t{96}, (size_t{64} << 10) - 1, size_t{64} << 10, big.size()}) {
    const std::string s = big.substr(0, size);
    const std::vector<recorded> want =
        scan_pieces(ftpreply::options::lenient(), ftpreply::kernel::scalar, {s}, 1).events;
    std::vector<recorded> got;
    size_t errors = 0;
    ftpreply::scanner sc(ftpreply::options::lenient(), ftpreply::kernel::scalar);
    const size_t reported = ftpreply::scan_all(sc, s.data(), s.size(), [&](const ftpreply::event& e) {
      got.push_back(record(e));
      errors += !e.is_reply();
    });
    EXPECT_EQ(got, want) << "size " << size;
    EXPECT_EQ(reported, errors) << "size " << size;
    if (size == big.size()) {
      EXPECT_GT(want.size(), 1024u);
    }
  }
}

TEST(Api, AReaderGivesTheScannersRepliesHoweverTheBytesArrive) {
  const std::string stream = kFeat + "227 Entering Passive Mode (10,0,0,1,4,1).\r\n" +
                             "257 \"/a \"\"b\"\"\" created\r\n" + "150-partial\r\n";  // unterminated
  for (const ftpreply::options& opt :
       {ftpreply::options::lenient(), ftpreply::options::strict_rfc959()}) {
    const std::vector<recorded> want = scan_pieces(opt, ftpreply::kernel::scalar, {stream}).events;
    ASSERT_EQ(want.back().err, error::unterminated);
    for (size_t piece : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}, stream.size()}) {
      size_t most = 0;
      EXPECT_EQ(read_in_pieces(stream, piece, opt, &most), want) << "piece " << piece;
    }
  }
  for (int seed = 0; seed < 50; ++seed) {
    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    const std::string s = random_stream(rng, 4000);
    const std::vector<recorded> want =
        scan_pieces(ftpreply::options::lenient(), ftpreply::kernel::scalar, {s}).events;
    size_t most = 0;
    EXPECT_EQ(read_in_pieces(s, 1 + static_cast<size_t>(seed) * 37 % 500, ftpreply::options::lenient(), &most),
              want)
        << "seed " << seed;
  }
}

TEST(Api, AReaderTakesNoBytesUntilEveryReplyWasTaken) {
  ftpreply::reply_reader reader;
  ASSERT_EQ(reader.feed("200 a\r\n200 b\r\n", 14), error::ok);
  ftpreply::event e;
  ASSERT_TRUE(reader.next(e));
  EXPECT_EQ(e.first_line_text(), "a");
  EXPECT_EQ(reader.feed("200 c\r\n", 7), error::invalid_argument);  // "b" not taken yet
  EXPECT_EQ(reader.finish(), error::invalid_argument);
  ASSERT_TRUE(reader.next(e));
  EXPECT_EQ(e.first_line_text(), "b");
  EXPECT_FALSE(reader.next(e));
  ASSERT_EQ(reader.feed("200 c\r\n", 7), error::ok);
  ASSERT_TRUE(reader.next(e));
  EXPECT_EQ(e.first_line_text(), "c");
  EXPECT_EQ(e.offset(), 14u);  // offsets are the stream's
}

TEST(Api, AReadersMemoryStaysBoundedOnHostileInput) {
  ftpreply::options opt = ftpreply::options::lenient();
  opt.max_line = 1024;
  opt.max_reply = 64 * 1024;
  const size_t piece = 4096;
  const size_t bound = opt.max_reply + piece;
  // An endless line, an endless reply, and endless bare digits, 8 MiB each.
  std::vector<std::string> hostile = {
      std::string(8 << 20, 'x'),
      "200-" + std::string(8 << 20, 'y'),
  };
  std::string endless = "200-start\r\n";
  while (endless.size() < (8u << 20)) endless += "continuation line of a reply that never ends\r\n";
  hostile.push_back(endless);
  for (const std::string& s : hostile) {
    size_t most = 0;
    const std::vector<recorded> got = read_in_pieces(s, piece, opt, &most);
    EXPECT_LE(most, bound);
    ASSERT_FALSE(got.empty());
    EXPECT_NE(got.front().err, error::ok);  // a limit, reported as an error
  }
}

}  // namespace
}  // namespace ftpreply_test
