// SPDX-License-Identifier: Apache-2.0
// Built from the committed single header alone (singleheader/ftpreply/): the
// kernel as a vendor gets it scans, agrees across kernels, decodes,
// encodes and reads z/OS lines.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ftpreply/ftpreply.h"

namespace {

int passed = 0, failed = 0;

void check(bool ok, const char* what) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    std::printf("FAILED: %s\n", what);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::printf("usage: amalgamation_smoke SESSION_SAMPLE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string sample = ss.str();
  check(!sample.empty(), "the sample is readable");

  // Every kernel: the same 20 replies, no error.
  std::vector<std::string> first;
  for (ftpreply::kernel k : ftpreply::all_kernels) {
    if (!ftpreply::kernel_supported(k)) continue;
    ftpreply::scanner s(ftpreply::options::strict_rfc959(), k);
    std::vector<std::string> seen;
    const size_t errors = ftpreply::scan_all(s, sample.data(), sample.size(),
                                             [&](const ftpreply::event& e) {
                                               seen.emplace_back(e.bytes());
                                             });
    check(errors == 0 && seen.size() == 20, "20 replies, no error");
    if (first.empty()) first = seen;
    check(seen == first, "kernels agree");
  }

  ftpreply::endpoint ep;
  check(ftpreply::decode_pasv("227 Entering Passive Mode (192,168,1,100,10,229).\r\n", ftpreply::decode_mode::strict, &ep) ==
                ftpreply::error::ok &&
            ep.port == 2789,
        "decode_pasv");
  char buf[64];
  size_t n = 0;
  check(ftpreply::encode_reply(211, "a\n230 b\nc", buf, sizeof buf, &n) == ftpreply::error::ok &&
            std::string(buf, n) == "211-a\r\n 230 b\r\n211 c\r\n",
        "encode_reply");
  const ftpreply::zos_line z = ftpreply::classify_zos_line("EZA2121I Command(00-07-CWD -250):");
  check(z.kind == ftpreply::zos_line_kind::status && z.status.reply == 250, "z/OS status");
  check(ftpreply::classify(227).known, "classify");
  std::printf("amalgamation (best kernel %s): %d passed, %d failed\n",
              ftpreply::to_string(ftpreply::best_kernel()), passed, failed);
  return failed ? 1 : 0;
}
