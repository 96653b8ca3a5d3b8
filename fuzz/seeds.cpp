// SPDX-License-Identifier: Apache-2.0
// fuzz_seeds OUTDIR: writes each fuzz target's seed corpus from the
// conformance vectors and the synthetic mixes (fuzz_pcap: captures), into
// OUTDIR/<target>/.
// A target whose input starts with a header gets that many zero bytes
// first (zero means the defaults).
#include <dirent.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "ftpreply/classify.h"
#include "synth.h"
#include "vectors.h"
#include "writer.h"

namespace {

enum class seeds { streams, codes, captures };

struct target {
  const char* name;
  size_t header;  // bytes of choices before the stream
  seeds kind;     // what it is seeded with
};

// One row per fuzz target.
const target kTargets[] = {
    {"fuzz_differential", 3, seeds::streams},
    {"fuzz_scanner", 14, seeds::streams},
    {"fuzz_classify", 0, seeds::codes},
    {"fuzz_json", 0, seeds::streams},
    {"fuzz_decode_address", 1, seeds::streams},
    {"fuzz_decode_pathname", 1, seeds::streams},
    {"fuzz_decode_mark", 1, seeds::streams},
    {"fuzz_decode_filestatus", 1, seeds::streams},
    {"fuzz_decode_system", 1, seeds::streams},
    {"fuzz_decode_features", 1, seeds::streams},
    {"fuzz_encode", 2, seeds::streams},
    {"fuzz_protected", 1, seeds::streams},
    {"fuzz_zos", 0, seeds::streams},
    {"fuzz_pcap", 0, seeds::captures},
    {"fuzz_c_api", 3, seeds::streams},
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

// fuzz_pcap: mode 0 and a capture file, of every link type and format
// the writer makes and of the real servers (tests/data/captures/); mode 1
// and segment orders over a short stream.
std::vector<std::string> captures() {
  using namespace ftpreply_capture;
  std::vector<std::string> out;
  const std::string stream = ftpreply_synth::generate(ftpreply_synth::mix::session, 5, 0, 600);
  int n = 0;
  for (int link : {link_ethernet, link_sll, link_sll2, link_raw, link_null, link_loop}) {
    for (bool v6 : {false, true}) {
      capture_format f;
      f.link = link;
      f.pcapng = v6 == (link % 2 == 0);
      f.vlan_tags = link == link_ethernet && v6 ? 1 : 0;
      std::string cap(1, '\0');
      capture_writer w(f, &cap);
      const address c = test_address(2, v6), s = test_address(1, v6);
      const uint32_t cs = 100u * static_cast<uint32_t>(++n), ss = 0xFFFFFE00u;
      w.segment(1, c, 40000, s, 21, cs, 0, tcp_syn, "");
      w.segment(1, s, 21, c, 40000, ss, cs + 1, tcp_syn, "");
      w.segment(2, c, 40000, s, 21, cs + 1, ss + 1, 0, "USER a\r\n");
      // Out of order, then the segment before it, then a retransmission.
      w.segment(3, s, 21, c, 40000, ss + 1 + 200, cs + 9, 0, stream.substr(200, 400));
      w.segment(3, s, 21, c, 40000, ss + 1, cs + 9, 0, stream.substr(0, 200));
      w.segment(3, s, 21, c, 40000, ss + 1 + 100, cs + 9, tcp_fin, stream.substr(100, 500));
      out.push_back(cap);
    }
  }
  DIR* d = opendir(FTPREPLY_SOURCE_DIR "/tests/data/captures");
  while (dirent* e = d ? readdir(d) : nullptr) {
    const std::string name = e->d_name;
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".pcap") != 0) continue;
    std::ifstream in(FTPREPLY_SOURCE_DIR "/tests/data/captures/" + name, std::ios::binary);
    out.push_back(std::string(1, '\0') +
                  std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
  if (d) closedir(d);
  // Segment orders: the stream, then (offset, length, twice?) triples.
  const std::string s = "220 a\r\n230-b\r\n x\r\n230 c\r\n";
  std::string orders = std::string(1, '\1') + static_cast<char>(s.size()) + s;
  for (int off : {10, 0, 20, 5}) orders += std::string{static_cast<char>(off), 12, 1};
  out.push_back(orders);
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
    if (t.kind == seeds::captures) {
      inputs = captures();
    } else if (t.kind == seeds::streams) {
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
