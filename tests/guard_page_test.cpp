// SPDX-License-Identifier: Apache-2.0
// Every kernel scans inputs placed flush against an unreadable page, at every
// length 0-256: a read past the end faults instead of passing unnoticed.
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <random>

#include "gtest/gtest.h"
#include "harness.h"
#include "kernel_param.h"
#include "random_streams.h"
#include "reference.h"

namespace ftpreply_test {
namespace {

class GuardPage : public ::testing::TestWithParam<ftpreply::kernel> {
 protected:
  void SetUp() override {
    page_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    void* p = mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(p, MAP_FAILED);
    base_ = static_cast<char*>(p);
    ASSERT_EQ(mprotect(base_ + page_, page_, PROT_NONE), 0);
  }
  void TearDown() override {
    if (base_) munmap(base_, 2 * page_);
  }
  // Copies s so that its last byte is the last readable byte.
  const char* place(const std::string& s) {
    char* at = base_ + page_ - s.size();
    if (!s.empty()) std::memcpy(at, s.data(), s.size());
    return at;
  }
  size_t page_ = 0;
  char* base_ = nullptr;
};

std::vector<recorded> scan_in_place(const ftpreply::options& opt,
                                    ftpreply::kernel k, const char* data,
                                    size_t n) {
  ftpreply::scanner s(opt, k);
  std::vector<recorded> out;
  ftpreply::scan_all(s, data, n,
                     [&](const ftpreply::event& e) { out.push_back(record(e)); });
  return out;
}

TEST_P(GuardPage, EveryLengthUpTo256) {
  std::mt19937_64 rng(7);
  std::vector<std::string> sources;
  sources.push_back(random_stream(rng, 400));
  sources.push_back(std::string(300, 'A'));
  sources.push_back(std::string(300, '\n'));
  std::string multi = "211-Features:\r\n";
  while (multi.size() < 300) multi += " MDTM\r\n";
  sources.push_back(multi);
  std::string digits;
  while (digits.size() < 300) digits += "230 ";
  sources.push_back(digits);
  ftpreply::options opts[2] = {ftpreply::options::lenient(),
                               ftpreply::options::strict_rfc959()};
  for (const std::string& src : sources) {
    for (size_t n = 0; n <= 256; ++n) {
      const std::string s = src.substr(0, n);
      const char* at = place(s);
      for (const ftpreply::options& opt : opts) {
        // The scanner reads only through the guarded copy.
        std::vector<recorded> got = scan_in_place(opt, GetParam(), at, n);
        ASSERT_EQ(got, reference_scan(s, opt)) << "length " << n;
        // The same stream in two pieces: the second call reads the pending
        // bytes, still flush against the guard.
        ftpreply::scanner sc(opt, GetParam());
        ftpreply::event ev[512];
        ftpreply::scan_result r1 = sc.scan(at, n / 2, ev, 512);
        ASSERT_FALSE(r1.output_full);
        std::vector<recorded> two;
        for (size_t i = 0; i < r1.events; ++i) two.push_back(record(ev[i]));
        ftpreply::scan_result r2 =
            sc.finish(at + r1.consumed, n - r1.consumed, ev, 512);
        ASSERT_FALSE(r2.output_full);
        for (size_t i = 0; i < r2.events; ++i) two.push_back(record(ev[i]));
        ASSERT_EQ(two, got) << "two pieces, length " << n;
      }
    }
  }
}

FTPREPLY_INSTANTIATE_FOR_KERNELS(GuardPage);

}  // namespace
}  // namespace ftpreply_test
