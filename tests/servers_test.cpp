// SPDX-License-Identifier: Apache-2.0
// What real servers sent (tests/data/servers/, recorded by `ftpreply probe`
// against vsftpd, ProFTPD and Pure-FTPd; tools/servers/): every kernel reads
// each recording as the reference model does, whole and byte by byte, in
// lenient and strict mode, and lenient mode finds no framing error in any.
#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "harness.h"
#include "kernel_param.h"
#include "reference.h"

namespace ftpreply_test {
namespace {

const std::string kDir = FTPREPLY_SOURCE_DIR "/tests/data/servers/";

std::vector<std::string> recordings() {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(kDir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      const std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".ftp") == 0) names.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Servers : public ::testing::TestWithParam<ftpreply::kernel> {};

TEST(ServersData, EverySetupIsRecorded) {
  // vsftpd, ProFTPD and Pure-FTPd, plain and with messages.
  EXPECT_GE(recordings().size(), 7u);
}

TEST_P(Servers, RecordingsReadAsTheReferenceDoesWholeAndByteByByte) {
  for (const std::string& name : recordings()) {
    const std::string stream = slurp(kDir + name);
    ASSERT_FALSE(stream.empty()) << name;
    for (const ftpreply::options& opt :
         {ftpreply::options::lenient(), ftpreply::options::strict_rfc959()}) {
      const std::vector<recorded> want = reference_scan(stream, opt);
      const run_result whole = scan_pieces(opt, GetParam(), {stream});
      const run_result bytes = scan_pieces(opt, GetParam(), bytewise(stream));
      EXPECT_EQ(whole.violation, "") << name;
      EXPECT_EQ(bytes.violation, "") << name;
      EXPECT_EQ(notation(whole.events), notation(want)) << name << " strict=" << opt.strict;
      EXPECT_TRUE(whole.events == want) << name;
      EXPECT_TRUE(bytes.events == want) << name;
      if (!opt.strict) {
        size_t replies = 0;
        for (const recorded& r : whole.events) {
          EXPECT_EQ(r.err, ftpreply::error::ok) << name << " at " << r.offset;
          replies += r.err == ftpreply::error::ok;
        }
        EXPECT_GE(replies, 24u) << name;  // the probe's whole session
      }
    }
  }
}

FTPREPLY_INSTANTIATE_FOR_KERNELS(Servers);

}  // namespace
}  // namespace ftpreply_test
