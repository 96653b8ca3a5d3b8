// SPDX-License-Identifier: Apache-2.0
// ftpreply_selfcheck: every kernel this CPU runs against the naive reference
// model, on the framing and limit vectors (whole and cut at every byte) and
// on random reply-like streams with random options and cuts; the scalar
// kernel's SWAR masks against a byte-at-a-time reading; and codec round
// trips. Needs nothing but the kernel and the C++ standard library, so it
// runs where GoogleTest is not: a cross-compiled build under an emulator
// (NEON under qemu-aarch64, big-endian under qemu-s390x), or a vendor's own
// platform.
//
// Usage: ftpreply_selfcheck [CONFORMANCE_DIR] [ITERATIONS]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "ftpreply/codec.h"
#include "harness.h"
#include "internal.h"
#include "random_streams.h"
#include "reference.h"
#include "vectors.h"

int main(int argc, char** argv) {
  using namespace ftpreply_test;
  const std::string dir = argc > 1 ? argv[1] : conformance_dir();
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 3000;
  int passed = 0, failed = 0;
  auto report = [&](bool ok, const std::string& what) {
    if (ok) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAILED: %s\n", what.c_str());
    }
  };
  std::vector<row> rows, limit_rows;
  if (!read_tsv(dir + "/framing.tsv", &rows) || !read_tsv(dir + "/limits.tsv", &limit_rows)) {
    std::printf("cannot read %s/framing.tsv or limits.tsv\n", dir.c_str());
    return 2;
  }
  for (row& r : limit_rows) rows.push_back(r);
  ftpreply::options any = ftpreply::options::lenient();
  any.any_code_terminates = true;
  const ftpreply::options modes[] = {ftpreply::options::strict_rfc959(),
                                     ftpreply::options::lenient(), any};
  std::printf("kernels:");
  for (ftpreply::kernel k : supported_kernels()) std::printf(" %s", ftpreply::to_string(k));
  std::printf("\n");
  for (ftpreply::kernel k : supported_kernels()) {
    const std::string kn = ftpreply::to_string(k);
    for (row& r : rows) {
      std::string s;
      if (!decode_cell(r["stream"], &s)) {
        report(false, r["id"] + ": undecodable stream");
        continue;
      }
      for (ftpreply::options opt : modes) {
        if (!r["max_line"].empty()) {  // limits.tsv
          opt.max_line = static_cast<uint32_t>(std::stoul(r["max_line"]));
          opt.max_reply = std::stoull(r["max_reply"]);
          opt.max_lines = static_cast<uint32_t>(std::stoul(r["max_lines"]));
        }
        const auto expected = reference_scan(s, opt);
        bool ok = scan_pieces(opt, k, {s}).events == expected;
        for (size_t cut = 1; ok && cut < s.size() && cut < 600; ++cut)
          ok = scan_pieces(opt, k, cut_at(s, {cut}), 2).events == expected;
        report(ok, kn + " " + r["id"]);
      }
    }
    std::mt19937_64 rng(20261121);
    for (int i = 0; i < iterations; ++i) {
      // Every other stream mostly clean, for the fast paths.
      const std::string s = i % 2 ? clean_stream(rng, 1 + i % 3000) : random_stream(rng, 1 + i % 700);
      const ftpreply::options opt = random_options(rng);
      const auto expected = reference_scan(s, opt);
      const auto got = scan_pieces(opt, k, cut_at(s, random_cuts(rng, s.size())), 1 + i % 5);
      report(got.violation.empty() && got.events == expected,
             kn + " random stream " + std::to_string(i));
    }
  }
  // The SWAR masks, whose byte order this platform decides.
  std::mt19937_64 rng(7);
  unsigned char block[64];
  bool same = true;
  for (int i = 0; i < 20000 && same; ++i) {
    for (unsigned char& c : block)
      c = i & 1 ? static_cast<unsigned char>(rng()) : "09 /:\r\n\x80\xff\x00a-"[rng() % 12];
    // Sparse in line ends every other round, so both of the scalar
    // kernel's paths run.
    if (i % 4 < 2)
      for (unsigned char& c : block) c = c == '\n' && rng() % 8 ? 'a' : c;
    const ftpreply::detail::block_masks a = ftpreply::detail::classify_swar_dense(block);
    const ftpreply::detail::block_masks b = ftpreply::detail::classify_bytewise(block);
    same = a.lf == b.lf && a.cr == b.cr && a.special == b.special &&
           ftpreply::detail::masks_agree(ftpreply::detail::classify_swar(block), b);
  }
  report(same, "SWAR masks equal the byte-at-a-time ones");
  // Codec round trips: base64, and 227 / 213 SIZE written, encoded, decoded.
  for (int i = 0; i < 2000; ++i) {
    uint8_t raw[40], back[40];
    const size_t n = rng() % sizeof raw;
    for (size_t j = 0; j < n; ++j) raw[j] = static_cast<uint8_t>(rng());
    char enc[64];
    ftpreply::base64_encode(raw, n, enc);
    size_t got = 0;
    const bool b64 = ftpreply::base64_decode(std::string_view(enc, ftpreply::base64_encoded_size(n)),
                                             back, sizeof back, &got) == ftpreply::error::ok &&
                     got == n && std::memcmp(raw, back, n) == 0;
    ftpreply::endpoint ep, ep_back;
    ep.family = ftpreply::address_family::ipv4;
    for (int j = 0; j < 4; ++j) ep.address[j] = static_cast<uint8_t>(rng());
    ep.port = static_cast<uint16_t>(1 + rng() % 65535);
    const uint64_t size = rng() >> (rng() % 64);
    char text[128], wire[160];
    size_t tn = 0, wn = 0;
    uint64_t sb = 0;
    const bool pasv =
        ftpreply::format_pasv(ep, text, sizeof text, &tn) == ftpreply::error::ok &&
        ftpreply::encode_reply(227, std::string_view(text, tn), wire, sizeof wire, &wn) ==
            ftpreply::error::ok &&
        ftpreply::decode_pasv(std::string_view(wire, wn), ftpreply::decode_mode::strict, &ep_back) == ftpreply::error::ok &&
        std::memcmp(ep.address, ep_back.address, 4) == 0 && ep.port == ep_back.port;
    const bool sz =
        ftpreply::format_size(size, text, sizeof text, &tn) == ftpreply::error::ok &&
        ftpreply::encode_reply(213, std::string_view(text, tn), wire, sizeof wire, &wn) ==
            ftpreply::error::ok &&
        ftpreply::decode_size(std::string_view(wire, wn), ftpreply::decode_mode::strict, &sb) == ftpreply::error::ok &&
        sb == size;
    if (!(b64 && pasv && sz)) {
      report(false, "codec round trip " + std::to_string(i));
      break;
    }
    if (i == 1999) report(true, "codec round trips");
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
