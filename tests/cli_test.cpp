// SPDX-License-Identifier: Apache-2.0
// The ftpreply command line, run as a user runs it: JSON that parses (with
// simdjson) and gives back the input's bytes, the framing vectors at many
// chunk sizes, exit statuses and --help.
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>
#include <map>
#include <sstream>

#include "ftpreply/version.h"
#include "gtest/gtest.h"
#include "harness.h"
#include "json.h"
#include "simdjson.h"
#include "vectors.h"

namespace ftpreply_test {
namespace {

class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/ftpreply_cli_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  static void TearDownTestSuite() {
    std::string cmd = "rm -rf '" + dir_ + "'";
    (void)std::system(cmd.c_str());
  }

  struct result {
    int status = -1;
    std::string out, err;
  };

  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Runs `ftpreply ARGS` with `input` in a file named last on the command
  // line (or on standard input when stdin_input is set).
  enum input_mode { file_argument, standard_input, no_input };
  static result run(const std::string& args, const std::string& input,
                    input_mode mode = file_argument) {
    const std::string in = dir_ + "/in", out = dir_ + "/out", err = dir_ + "/err";
    {
      std::ofstream f(in, std::ios::binary);
      f.write(input.data(), static_cast<std::streamsize>(input.size()));
    }
    std::string cmd = std::string(FTPREPLY_CLI_PATH) + " " + args;
    if (mode == file_argument) cmd += " " + in;
    if (mode == standard_input) cmd += " < " + in;
    cmd += " > " + out + " 2> " + err;
    result r;
    int raw = std::system(cmd.c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  static std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> v = split(s, '\n');
    if (!v.empty() && v.back().empty()) v.pop_back();
    return v;
  }

  static std::string dir_;
};

std::string Cli::dir_;

// The conformance notation of `ftpreply scan` output.
std::string notation_of(const std::string& out) {
  simdjson::dom::parser parser;
  std::vector<recorded> events;
  for (const std::string& line : split(out, '\n')) {
    if (line.empty()) continue;
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc)) return "invalid JSON: " + line;
    recorded r;
    std::string_view err;
    if (!doc["error"].get_string().get(err)) {
      ftpreply::error e;
      if (!ftpreply::error_from_string(std::string(err).c_str(), &e)) return "bad error name";
      r.err = e;
    } else {
      uint64_t code = 0, lines = 0;
      if (doc["code"].get_uint64().get(code) || doc["lines"].get_uint64().get(lines))
        return "reply without code or lines";
      r.code = static_cast<uint16_t>(code);
      r.lines = static_cast<uint32_t>(lines);
      simdjson::dom::array flags;
      if (doc["flags"].get_array().get(flags)) return "reply without flags";
      for (simdjson::dom::element f : flags) {
        std::string_view name;
        if (f.get_string().get(name)) return "flag not a string";
        for (int b = 0; b < ftpreply::flags::count; ++b)
          if (name == ftpreply::flag_name(static_cast<uint16_t>(1u << b)))
            r.flags |= static_cast<uint16_t>(1u << b);
      }
    }
    events.push_back(r);
  }
  return notation(events);
}

TEST_F(Cli, HostileBytesGiveValidJsonThatRoundTrips) {
  const std::string texts[] = {
      std::string("nul\0byte", 8),
      "telnet \xff\xfb\x01 iac",
      "invalid \xc3\x28 utf8 \xe8 latin1",
      "quotes \"q\" and back\\slash \\\" mixed",
      "utf8 \xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
      "controls \x01\x1f\x7f\t\r end",
      "overlong \xc0\xaf surrogate \xed\xa0\x80 big \xf4\x90\x80\x80",
  };
  std::string input;
  for (const std::string& t : texts) input += "200 " + t + "\r\n";
  result r = run("scan", input);
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), std::size(texts));
  simdjson::dom::parser parser;
  for (size_t i = 0; i < lines.size(); ++i) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(lines[i]).get(doc), simdjson::SUCCESS) << lines[i];
    std::string_view text;
    ASSERT_EQ(doc["text"].get_string().get(text), simdjson::SUCCESS);
    bool latin1 = false;
    bool marked = doc["text_latin1"].get_bool().get(latin1) == simdjson::SUCCESS;
    EXPECT_EQ(marked, !ftpreply_tools::is_utf8(texts[i])) << i;
    std::string bytes;
    ASSERT_TRUE(ftpreply_tools::recover_bytes(text, marked && latin1, &bytes));
    EXPECT_EQ(bytes, texts[i]) << lines[i];
  }
}

TEST_F(Cli, FramingVectorsAtManyChunkSizes) {
  std::vector<row> rows;
  ASSERT_TRUE(read_tsv(conformance_dir() + "/framing.tsv", &rows));
  const std::pair<const char*, const char*> modes[] = {
      {"strict", "--strict"}, {"lenient", "--lenient"},
      {"lenient_any_code", "--lenient --any-code-terminator"}};
  for (row& v : rows) {
    std::string stream;
    ASSERT_TRUE(decode_cell(v["stream"], &stream));
    // Every chunk size from 1 up for short streams; for long ones the small
    // sizes, those around a 64-byte window and a TCP segment, and whole.
    std::vector<size_t> chunks;
    for (size_t c = 1; c <= stream.size() + 1; ++c)
      if (stream.size() <= 80 || c <= 16 || c == 63 || c == 64 || c == 65 ||
          c == 1460 || c == stream.size() + 1)
        chunks.push_back(c);
    for (const auto& mode : modes) {
      std::string expected = v[mode.first];
      if (expected.empty()) expected = v["lenient"];
      for (size_t c : chunks) {
        result r = run(std::string("scan ") + mode.second + " --chunk " + std::to_string(c), stream);
        ASSERT_EQ(notation_of(r.out), expected)
            << v["id"] << " " << mode.first << " chunk " << c << "\n" << r.out;
        ASSERT_EQ(r.status, expected.find('!') == std::string::npos ? 0 : 1)
            << v["id"] << " " << mode.first;
      }
    }
  }
}

TEST_F(Cli, ScanJsonFields) {
  result r = run("scan", "220-Hi\r\n there\r\n220 Ready\r\nbad\r\n");
  EXPECT_EQ(r.status, 1);
  std::vector<std::string> l = lines_of(r.out);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0], "{\"offset\":0,\"length\":27,\"code\":220,\"lines\":3,\"kind\":\"completion\","
                  "\"group\":\"connections\",\"flags\":[],\"text\":\"Hi\"}");
  EXPECT_EQ(l[1], "{\"error\":\"bad_code\",\"offset\":27,\"start\":27,\"length\":5}");
}

TEST_F(Cli, CountSummaryAndStdin) {
  result r = run("scan --count -", "200 a\r\n211-b\r\n211 c\r\nxx\r\n", standard_input);
  EXPECT_EQ(r.status, 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(uint64_t(doc["replies"]), 2u);
  EXPECT_EQ(uint64_t(doc["errors"]), 1u);
  EXPECT_EQ(uint64_t(doc["lines"]), 3u);
  EXPECT_EQ(uint64_t(doc["multiline"]), 1u);
  EXPECT_EQ(uint64_t(doc["bytes"]), 25u);
  EXPECT_EQ(uint64_t(doc["errors_by_name"]["bad_code"]), 1u);
}

// ftpreply bench takes its repetitions in turns and reports every
// measurement once, in its order, with its repetitions and a speed.
TEST_F(Cli, BenchReportsEveryMeasurementInOrder) {
  std::string input;
  for (int i = 0; i < 200; ++i) input += "200 ok\r\n211-b\r\n x\r\n211 c\r\n";
  result r = run("bench --repetitions 3 --kernel scalar", input);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<std::string> order = {
      "scan/scalar",        "yardstick/newline_count",     "yardstick/lf_visit",
      "yardstick/bare_tokenizer", "yardstick/checked_tokenizer",
      "yardstick/checked_tokenizer_one_stage", "yardstick/memchr_lines", "yardstick/getline"};
  std::vector<std::string> l = lines_of(r.out);
  ASSERT_EQ(l.size(), order.size()) << r.out;  // each measurement, once
  simdjson::dom::parser parser;
  size_t at = 0;  // where the last name was in `order`
  for (size_t i = 0; i < l.size(); ++i) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(l[i]).get(doc), simdjson::SUCCESS) << l[i];
    std::string_view name_view;
    ASSERT_EQ(doc["name"].get_string().get(name_view), simdjson::SUCCESS) << l[i];
    const std::string name(name_view);
    const size_t k = static_cast<size_t>(std::find(order.begin(), order.end(), name) - order.begin());
    ASSERT_LT(k, order.size()) << name;
    if (i == 0) EXPECT_EQ(k, 0u);
    else EXPECT_GT(k, at) << name << " out of order";
    at = k;
    EXPECT_EQ(uint64_t(doc["repetitions"]), 3u);
    EXPECT_EQ(uint64_t(doc["replies"]), 400u);
    EXPECT_GT(double(doc["bytes_per_second"]), 0.0) << name;
  }
}

TEST_F(Cli, LimitsAndKernelOptions) {
  result r = run("scan --max-line 16 --kernel scalar", "200 a very long line indeed\r\n200 ok\r\n");
  EXPECT_EQ(notation_of(r.out), "!line_too_long 200(1)");
  for (ftpreply::kernel k : supported_kernels()) {
    result rk = run(std::string("scan --kernel ") + ftpreply::to_string(k), "230-a\r\n230 b\r\n");
    EXPECT_EQ(notation_of(rk.out), "230(2)") << ftpreply::to_string(k);
  }
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("scan --max-line", "").status, 2);
  EXPECT_EQ(run("scan --max-line 7", "").status, 2);
  EXPECT_EQ(run("scan --chunk 0", "").status, 2);
  EXPECT_EQ(run("scan --kernel avx", "").status, 2);
  EXPECT_EQ(run("scan --bogus", "").status, 2);
  EXPECT_EQ(run("scan /nonexistent/file", "").status, 2);
  EXPECT_EQ(run("explain", "", no_input).status, 2);
  EXPECT_EQ(run("explain 2x0", "", no_input).status, 2);
  EXPECT_EQ(run("explain 65536", "", no_input).status, 2);
  EXPECT_EQ(run("nosuchcommand", "", no_input).status, 2);
  if (!ftpreply::kernel_supported(ftpreply::kernel::neon)) {
    EXPECT_EQ(run("scan --kernel neon", "").status, 2);
  }
  result r = run("scan --bogus", "");
  EXPECT_NE(r.err.find("unknown option"), std::string::npos) << r.err;
}

TEST_F(Cli, HelpOnEveryCommand) {
  for (const char* cmd : {"--help", "scan --help", "explain --help", "decode --help",
                          "encode --help", "zos --help", "gen --help", "bench --help"}) {
    result r = run(cmd, "", no_input);
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Usage: ftpreply"), std::string::npos) << cmd;
  }
}

// `ftpreply decode --as D` on every payload vector, in both modes.
TEST_F(Cli, DecodeGivesEveryPayloadVector) {
  std::vector<row> rows;
  ASSERT_TRUE(read_tsv(conformance_dir() + "/payload.tsv", &rows));
  simdjson::dom::parser parser;
  for (row& v : rows) {
    std::string stream;
    ASSERT_TRUE(decode_cell(v["stream"], &stream));
    for (const char* mode : {"strict", "lenient"}) {
      std::string expected;
      ASSERT_TRUE(decode_cell(v[mode], &expected));
      result r = run(std::string("decode --") + mode + " --as " + v["decoder"], stream);
      std::vector<std::string> lines = lines_of(r.out);
      ASSERT_EQ(lines.size(), 1u) << v["id"] << r.out;
      simdjson::dom::element doc;
      ASSERT_EQ(parser.parse(lines[0]).get(doc), simdjson::SUCCESS) << lines[0];
      std::string got;
      std::string_view err;
      if (!doc["payload_error"].get_string().get(err)) {
        got = "!" + std::string(err);
      } else {
        simdjson::dom::element p = doc["payload"];
        const std::string d = v["decoder"];
        auto str = [&](const char* k) {
          std::string_view s;
          EXPECT_EQ(p[k].get_string().get(s), simdjson::SUCCESS) << k;
          return std::string(s);
        };
        if (d == "pasv" || d == "lpsv") got = "addr=" + str("host") + ":" + std::to_string(uint64_t(p["port"]));
        else if (d == "epsv") got = "port=" + std::to_string(uint64_t(p["port"]));
        else if (d == "pathname") got = "path=" + str("path");
        else if (d == "mark") got = "mark=" + str("user") + "," + str("server");
        else if (d == "size") got = "size=" + std::to_string(uint64_t(p["size"]));
        else if (d == "mdtm") got = "time=" + str("time");
      }
      EXPECT_EQ(got, expected) << v["id"] << " " << mode;
      EXPECT_EQ(r.status, expected[0] == '!' ? 1 : 0) << v["id"] << " " << mode;
    }
  }
  EXPECT_EQ(run("decode --as nope", "").status, 2);
}

TEST_F(Cli, VersionIsTheOneVersion) {
  // CMake's project version (Bazel has none), the macros, the library and
  // the CLI agree.
#ifdef FTPREPLY_PROJECT_VERSION
  EXPECT_STREQ(FTPREPLY_VERSION, FTPREPLY_PROJECT_VERSION);
#endif
  EXPECT_EQ(std::to_string(FTPREPLY_VERSION_MAJOR) + "." + std::to_string(FTPREPLY_VERSION_MINOR) +
                "." + std::to_string(FTPREPLY_VERSION_PATCH),
            FTPREPLY_VERSION);
  EXPECT_STREQ(ftpreply::version(), FTPREPLY_VERSION);
  result r = run("--version", "", no_input);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, std::string("ftpreply ") + FTPREPLY_VERSION + "\n");
}

// A scripted FTP server on 127.0.0.1: sends replies[0] on connection, then
// replies[i] for the i-th command line, then stays silent. Every wait is
// bounded; the destructor stops it.
class scripted_server {
 public:
  explicit scripted_server(std::vector<std::string> replies) : replies_(std::move(replies)) {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listen_, 1) != 0 ||
        ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      return;
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~scripted_server() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(listen_);
  }
  uint16_t port() const { return port_; }

 private:
  bool readable(int fd) {  // waits in 50 ms steps until stopped
    pollfd p{fd, POLLIN, 0};
    while (!stop_)
      if (::poll(&p, 1, 50) > 0) return true;
    return false;
  }
  void serve() {
    if (!readable(listen_)) return;
    const int c = ::accept(listen_, nullptr, nullptr);
    size_t next = 0;
    std::string got;
    char buf[512];
    while (next < replies_.size()) {
      (void)::send(c, replies_[next].data(), replies_[next].size(), MSG_NOSIGNAL);
      ++next;
      while (got.find('\n') == std::string::npos) {  // the next command line
        if (!readable(c)) break;
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, static_cast<size_t>(n));
      }
      if (got.find('\n') == std::string::npos) break;
      got.erase(0, got.find('\n') + 1);
    }
    while (readable(c)) {  // silent from here on
      if (::recv(c, buf, sizeof buf, 0) <= 0) break;
    }
    ::close(c);
  }

  std::vector<std::string> replies_;
  int listen_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(Cli, ProbeStopsAtItsTimeoutWhenTheServerFallsSilent) {
  // A greeting cut in the middle of a multi-line reply, then nothing.
  scripted_server server({"220-welcome\r\n"});
  ASSERT_NE(server.port(), 0);
  const result r = run("probe --timeout 1 127.0.0.1 " + std::to_string(server.port()), "", no_input);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("timed out after 1 s"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"completed\":false"), std::string::npos) << r.out;
}

TEST_F(Cli, ProbeSaysWhenItCannotConnect) {
  int port = 0;
  {
    scripted_server gone({});
    port = gone.port();
  }  // closed: nothing listens there now
  const result r = run("probe --timeout 1 127.0.0.1 " + std::to_string(port), "", no_input);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("cannot connect to 127.0.0.1"), std::string::npos) << r.err;
}

TEST_F(Cli, ProbeReadsThePasswordFromTheEnvironmentOnly) {
  ::unsetenv("FTPREPLY_PASSWORD");
  result r = run("probe --user bob 127.0.0.1 21", "", no_input);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("FTPREPLY_PASSWORD"), std::string::npos) << r.err;

  scripted_server server({"220 ready\r\n", "331 password please\r\n", "530 no\r\n",
                          "221 bye\r\n"});
  ::setenv("FTPREPLY_PASSWORD", "s3cret-word", 1);
  r = run("probe --timeout 2 --user bob 127.0.0.1 " + std::to_string(server.port()), "", no_input);
  ::unsetenv("FTPREPLY_PASSWORD");
  EXPECT_EQ(r.status, 1);  // refused: the session did not complete
  EXPECT_EQ(r.out.find("s3cret-word"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"command\":\"PASS ****\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"failed_step\":\"login\""), std::string::npos) << r.out;
}

TEST_F(Cli, ProbeReportsARepliesFramingAsTheScannerReadsIt) {
  // Replies split across sends and a bare LF: lenient mode accepts and
  // flags it; the summary says what strict mode would have said.
  scripted_server server({"220-one\n220 two\r\n", "230 in\r\n", "221 bye\r\n"});
  const result r = run("probe --timeout 2 127.0.0.1 " + std::to_string(server.port()), "", no_input);
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 2u) << r.out << r.err;
  EXPECT_NE(lines[0].find("\"code\":220,\"lines\":2"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"flags\":[\"bare_lf\"]"), std::string::npos) << lines[0];
  EXPECT_NE(r.out.find("\"strict\":{\"bare_lf\":{\"count\":1,\"offset\":0"), std::string::npos)
      << r.out;
}

TEST_F(Cli, EncodeWritesRepliesTheScannerReadsBack) {
  result r = run("encode 211 \"$(printf 'Features:\\n MDTM\\n230 looks like an end\\nEnd')\"", "", no_input);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "211-Features:\r\n MDTM\r\n 230 looks like an end\r\n211 End\r\n");
  result s = run("scan --strict", r.out);
  EXPECT_EQ(notation_of(s.out), "211(4)");
  EXPECT_EQ(run("encode 220 Service ready", "", no_input).out, "220 Service ready\r\n");
  EXPECT_EQ(run("encode 99 x", "", no_input).status, 2);
  EXPECT_EQ(run("encode", "", no_input).status, 2);
}

TEST_F(Cli, ZosClassifiesTheSeedTranscript) {
  std::ifstream in(FTPREPLY_SOURCE_DIR "/tests/data/zos_client_api_seed.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  result r = run("zos", ss.str());
  ASSERT_EQ(r.status, 0) << r.err;
  simdjson::dom::parser parser;
  std::map<std::string, int> types;
  std::vector<std::string> statuses;
  for (const std::string& line : lines_of(r.out)) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
    std::string_view type;
    ASSERT_EQ(doc["type"].get_string().get(type), simdjson::SUCCESS);
    ++types[std::string(type)];
    if (type == "status") statuses.push_back(line.substr(line.find("\"message_id\"")));
  }
  EXPECT_EQ(types["command"], 3);
  EXPECT_EQ(types["reply"], 4);
  ASSERT_EQ(statuses.size(), 4u);
  EXPECT_EQ(statuses[0], "\"message_id\":null,\"client_error\":0,\"subcommand\":34,\"command\":\"SITE\",\"reply\":200}");
  EXPECT_EQ(statuses[1], "\"message_id\":\"EZA2121I\",\"client_error\":0,\"subcommand\":7,\"command\":\"CWD\",\"reply\":250}");
  EXPECT_EQ(statuses[2], "\"message_id\":null,\"client_error\":0,\"subcommand\":71,\"command\":null,\"reply\":null}");
  EXPECT_EQ(statuses[3], "\"message_id\":null,\"client_error\":0,\"subcommand\":7,\"command\":\"CWD\",\"reply\":250}");
}

TEST_F(Cli, ExplainJson) {
  result r = run("explain 227 --json", "", no_input);
  ASSERT_EQ(r.status, 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(uint64_t(doc["code"]), 227u);
  EXPECT_EQ(bool(doc["known"]), true);
  EXPECT_EQ(std::string_view(doc["kind"]), "completion");
  EXPECT_EQ(std::string_view(doc["group"]), "connections");
  EXPECT_EQ(std::string_view(doc["source"]), "rfc959");
  EXPECT_EQ(std::string_view(doc["meaning"]), "Entering Passive Mode (h1,h2,h3,h4,p1,p2).");
  result u = run("explain 299 --json", "", no_input);
  ASSERT_EQ(parser.parse(u.out).get(doc), simdjson::SUCCESS) << u.out;
  EXPECT_EQ(bool(doc["known"]), false);
  EXPECT_TRUE(doc["meaning"].is_null());
  result text = run("explain 550", "", no_input);
  EXPECT_NE(text.out.find("550: Requested action not taken"), std::string::npos);
}

}  // namespace
}  // namespace ftpreply_test
