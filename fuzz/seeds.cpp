// SPDX-License-Identifier: Apache-2.0
// fuzz_seeds OUTDIR: writes each fuzz target's seed corpus from the
// conformance vectors and the synthetic mixes, into OUTDIR/<target>/.
// A target whose input starts with a header gets that many zero bytes
// first (zero means the defaults).
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "ftpreply/classify.h"
#include "synth.h"
#include "vectors.h"

namespace {

struct target {
  const char* name;
  size_t header;  // bytes of choices before the stream
  bool streams;   // seeded with streams (else with reply codes)
};

// One row per fuzz target.
const target kTargets[] = {
    {"fuzz_differential", 3, true},
    {"fuzz_scanner", 14, true},
    {"fuzz_classify", 0, false},
    {"fuzz_json", 0, true},
    {"fuzz_decode_address", 1, true},
    {"fuzz_decode_pathname", 1, true},
    {"fuzz_decode_mark", 1, true},
    {"fuzz_decode_filestatus", 1, true},
    {"fuzz_decode_system", 1, true},
    {"fuzz_decode_features", 1, true},
    {"fuzz_encode", 2, true},
    {"fuzz_protected", 1, true},
    {"fuzz_zos", 0, true},
};

std::vector<std::string> streams() {
  std::vector<std::string> out;
  for (const char* file : {"framing.tsv", "payload.tsv"}) {
    std::vector<ftpreply_test::row> rows;
    if (!ftpreply_test::read_tsv(ftpreply_test::conformance_dir() + "/" + file, &rows)) {
      std::fprintf(stderr, "fuzz_seeds: cannot read %s\n", file);
      std::exit(2);
    }
    for (auto& r : rows) {
      std::string s;
      if (ftpreply_test::decode_cell(r["stream"], &s) && s.size() <= 4096) out.push_back(s);
    }
  }
  // The z/OS seed's lines, one input each.
  std::ifstream zos(FTPREPLY_SOURCE_DIR "/tests/data/zos_client_api_seed.txt");
  for (std::string line; std::getline(zos, line);)
    if (!line.empty()) out.push_back(line);
  for (ftpreply_synth::mix m : ftpreply_synth::all_mixes)
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      std::string s = ftpreply_synth::generate(m, seed, 0, 1);
      out.push_back(s.substr(0, 4096));
    }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUTDIR\n");
    return 2;
  }
  const std::string root = argv[1];
  mkdir(root.c_str(), 0755);
  const std::vector<std::string> all = streams();
  for (const target& t : kTargets) {
    const std::string dir = root + "/" + t.name;
    mkdir(dir.c_str(), 0755);
    std::vector<std::string> inputs;
    if (t.streams) {
      for (const std::string& s : all) inputs.push_back(std::string(t.header, '\0') + s);
    } else {
      for (int i = 0; i < ftpreply::known_code_count(); ++i) {
        uint32_t c = ftpreply::known_code_at(i);
        inputs.push_back(std::string{static_cast<char>(c), static_cast<char>(c >> 8),
                                     static_cast<char>(c >> 16), static_cast<char>(c >> 24)});
      }
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      std::ofstream f(dir + "/seed_" + std::to_string(i), std::ios::binary);
      f.write(inputs[i].data(), static_cast<std::streamsize>(inputs[i].size()));
    }
  }
  return 0;
}
