// SPDX-License-Identifier: Apache-2.0
// Codec benchmarks: every decoder, the encoder and the protected-reply path,
// each over a corpus of replies written by the formatters, reporting
// bytes_per_second and replies_per_second (ns per reply is 1e9 over it).
// Adding one is one row in kCases.
#include <cstring>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "ftpreply/ftpreply.h"

namespace {

using ftpreply::error;

// 1024 replies of one kind, varied, each as the scanner would deliver it.
std::vector<std::string> corpus(const char* kind) {
  std::vector<std::string> out;
  char t[512], w[1024];
  size_t n = 0, wn = 0;
  for (uint32_t i = 0; i < 1024; ++i) {
    uint16_t code = 200;
    error e = error::ok;
    const std::string k = kind;
    if (k == "pasv" || k == "lpsv") {
      ftpreply::endpoint ep;
      ep.family = k == "lpsv" && (i & 1) ? ftpreply::address_family::ipv6 : ftpreply::address_family::ipv4;
      for (int b = 0; b < 16; ++b) ep.address[b] = static_cast<uint8_t>(i * 7 + b * 31);
      ep.port = static_cast<uint16_t>(1024 + i * 37);
      code = k == "pasv" ? 227 : 228;
      e = k == "pasv" ? ftpreply::format_pasv(ep, t, sizeof t, &n)
                      : ftpreply::format_lpsv(ep, t, sizeof t, &n);
    } else if (k == "epsv") {
      code = 229;
      e = ftpreply::format_epsv(static_cast<uint16_t>(1024 + i * 53), t, sizeof t, &n);
    } else if (k == "pathname") {
      code = 257;
      const std::string path = "/home/user" + std::to_string(i) + "/dir \"quoted\"/f" + std::to_string(i * 13);
      e = ftpreply::format_pathname(path, "is the current directory", t, sizeof t, &n);
    } else if (k == "mark") {
      code = 110;
      e = ftpreply::format_mark(std::to_string(i * 1000), std::to_string(i * 4096), t, sizeof t, &n);
    } else if (k == "size") {
      code = 213;
      e = ftpreply::format_size(uint64_t{i} * 7919 * 104729, t, sizeof t, &n);
    } else if (k == "mdtm") {
      code = 213;
      ftpreply::timestamp ts;
      ts.year = static_cast<uint16_t>(2000 + i % 30);
      ts.month = static_cast<uint8_t>(1 + i % 12);
      ts.day = static_cast<uint8_t>(1 + i % 28);
      ts.hour = static_cast<uint8_t>(i % 24);
      ts.minute = static_cast<uint8_t>(i % 60);
      ts.second = static_cast<uint8_t>(i % 60);
      ts.fraction = i & 1 ? "123" : "";
      e = ftpreply::format_mdtm(ts, t, sizeof t, &n);
    } else if (k == "system") {
      code = 215;
      e = ftpreply::format_system(i & 1 ? "UNIX" : "Windows_NT", "Type: L8", t, sizeof t, &n);
    } else if (k == "features") {
      code = 211;
      const ftpreply::feature f[] = {{"EPRT", ""}, {"EPSV", ""}, {"MDTM", ""},
                                     {"MLST", "type*;size*;modify*;"}, {"PASV", ""},
                                     {"REST", "STREAM"}, {"SIZE", ""}, {"UTF8", ""}};
      e = ftpreply::format_features(f, 4 + i % 5, t, sizeof t, &n);
    }
    if (e != error::ok ||
        ftpreply::encode_reply(code, std::string_view(t, n), w, sizeof w, &wn) != error::ok)
      return {};
    out.emplace_back(w, wn);
  }
  return out;
}

size_t total_bytes(const std::vector<std::string>& c) {
  size_t n = 0;
  for (const std::string& s : c) n += s.size();
  return n;
}

void rates(benchmark::State& state, size_t bytes, size_t replies) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["replies_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * replies), benchmark::Counter::kIsRate);
}

// Decodes every reply of the corpus with `decode`, which returns an error.
template <class Decode>
void bm_decode(benchmark::State& state, const char* kind, Decode decode) {
  const std::vector<std::string> c = corpus(kind);
  if (c.empty()) {
    state.SkipWithError("the formatter failed");
    return;
  }
  size_t failures = 0;
  for (auto _ : state) {
    for (const std::string& r : c) failures += decode(r) != error::ok;
    benchmark::ClobberMemory();
  }
  if (failures) state.SkipWithError("a decoder refused what its formatter wrote");
  rates(state, total_bytes(c), c.size());
}

bool seal(void*, ftpreply::protection, const char* in, size_t n, uint8_t* out, size_t cap,
          size_t* out_len) {
  if (n > cap) return false;
  std::memcpy(out, in, n);  // the cost of a real mechanism is not ours to measure
  *out_len = n;
  return true;
}
bool unseal(void*, ftpreply::protection, const uint8_t* in, size_t n, char* out, size_t cap,
            size_t* out_len) {
  if (n > cap) return false;
  std::memcpy(out, in, n);
  *out_len = n;
  return true;
}

void bm_encode(benchmark::State& state, bool multiline) {
  std::vector<std::string> texts;
  for (int i = 0; i < 1024; ++i)
    texts.push_back(multiline ? "Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n 3DES line " +
                                    std::to_string(i) + "\r\n SIZE\r\nEnd"
                              : "Opening BINARY mode data connection for file" + std::to_string(i));
  char out[512];
  size_t bytes = 0, n = 0;
  for (const std::string& t : texts) {
    if (ftpreply::encode_reply(211, t, out, sizeof out, &n) != error::ok) {
      state.SkipWithError("the encoder refused a text");
      return;
    }
    bytes += n;
  }
  for (auto _ : state) {
    for (const std::string& t : texts) {
      benchmark::DoNotOptimize(ftpreply::encode_reply(211, t, out, sizeof out, &n));
      benchmark::ClobberMemory();
    }
  }
  rates(state, bytes, texts.size());
}

// A 64 KiB cleartext (a long listing) through encode_protected or
// open_protected: base64 dominates.
void bm_protected(benchmark::State& state, bool open) {
  std::string clear = "226-Listing\r\n";
  while (clear.size() < (64u << 10)) clear += " -rw-r--r-- 1 ftp ftp 12345 Nov 21 10:00 file.txt\r\n";
  clear += "226 End\r\n";
  std::vector<uint8_t> scratch(clear.size() + 64);
  std::vector<char> wire(clear.size() * 2), back(clear.size());
  size_t wn = 0, bn = 0;
  ftpreply::protection level = ftpreply::protection::confidentiality_and_integrity;
  if (ftpreply::encode_protected(level, clear, seal, nullptr, scratch.data(), scratch.size(),
                                 wire.data(), wire.size(), &wn) != error::ok) {
    state.SkipWithError("encode_protected failed");
    return;
  }
  const std::string_view reply(wire.data(), wn);
  for (auto _ : state) {
    error e;
    if (open) {
      e = ftpreply::open_protected(reply, unseal, nullptr, scratch.data(), scratch.size(),
                                   back.data(), back.size(), &bn, &level);
    } else {
      e = ftpreply::encode_protected(level, clear, seal, nullptr, scratch.data(), scratch.size(),
                                     wire.data(), wire.size(), &wn);
    }
    if (e != error::ok) state.SkipWithError("protected path failed");
    benchmark::ClobberMemory();
  }
  rates(state, open ? reply.size() : clear.size(), 1);
}

}  // namespace

void register_codec_benchmarks() {
  using R = std::string_view;
  auto reg = [](const char* name, auto fn) {
    benchmark::RegisterBenchmark(name, fn)->Unit(benchmark::kMicrosecond)->UseRealTime();
  };
  reg("decode/pasv", [](benchmark::State& s) {
    bm_decode(s, "pasv", [](R r) { ftpreply::endpoint e; return ftpreply::decode_pasv(r, ftpreply::decode_mode::strict, &e); });
  });
  reg("decode/lpsv", [](benchmark::State& s) {
    bm_decode(s, "lpsv", [](R r) { ftpreply::endpoint e; return ftpreply::decode_lpsv(r, ftpreply::decode_mode::strict, &e); });
  });
  reg("decode/epsv", [](benchmark::State& s) {
    bm_decode(s, "epsv", [](R r) { uint16_t p; return ftpreply::decode_epsv(r, ftpreply::decode_mode::strict, &p); });
  });
  reg("decode/pathname", [](benchmark::State& s) {
    bm_decode(s, "pathname", [](R r) {
      char b[512];
      size_t n;
      return ftpreply::decode_pathname(r, ftpreply::decode_mode::strict, b, sizeof b, &n);
    });
  });
  reg("decode/mark", [](benchmark::State& s) {
    bm_decode(s, "mark", [](R r) { ftpreply::restart_marker m; return ftpreply::decode_mark(r, ftpreply::decode_mode::strict, &m); });
  });
  reg("decode/size", [](benchmark::State& s) {
    bm_decode(s, "size", [](R r) { uint64_t v; return ftpreply::decode_size(r, ftpreply::decode_mode::strict, &v); });
  });
  reg("decode/mdtm", [](benchmark::State& s) {
    bm_decode(s, "mdtm", [](R r) { ftpreply::timestamp t; return ftpreply::decode_mdtm(r, ftpreply::decode_mode::strict, &t); });
  });
  reg("decode/system", [](benchmark::State& s) {
    bm_decode(s, "system", [](R r) { ftpreply::system_type t; return ftpreply::decode_system(r, ftpreply::decode_mode::strict, &t); });
  });
  reg("decode/features", [](benchmark::State& s) {
    bm_decode(s, "features", [](R r) {
      ftpreply::feature f[16];
      size_t n;
      return ftpreply::decode_features(r, ftpreply::decode_mode::strict, f, 16, &n);
    });
  });
  reg("encode/single", [](benchmark::State& s) { bm_encode(s, false); });
  reg("encode/multiline", [](benchmark::State& s) { bm_encode(s, true); });
  reg("protected/encode_64k", [](benchmark::State& s) { bm_protected(s, false); });
  reg("protected/open_64k", [](benchmark::State& s) { bm_protected(s, true); });
}
