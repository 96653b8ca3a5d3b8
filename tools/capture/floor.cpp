// SPDX-License-Identifier: Apache-2.0
// ftpreply_pcap_floor FILE [REPEAT]: the limit of reading a capture, a bare
// libpcap loop (pcap_next_ex over the file, every captured byte summed so
// none is skipped). Prints {"bytes":B,"packets":P,"seconds":S} for the
// fastest of REPEAT (default 5) passes; the file is read from the page
// cache like any other reader's.
#include <pcap/pcap.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ftpreply_pcap_floor FILE [REPEAT]\n");
    return 2;
  }
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 5;
  double best = 0;
  unsigned long long bytes = 0, packets = 0, sum = 0;
  for (int r = 0; r < repeat; ++r) {
    char err[PCAP_ERRBUF_SIZE] = {};
    const auto start = std::chrono::steady_clock::now();
    pcap_t* p = pcap_open_offline(argv[1], err);
    if (p == nullptr) {
      std::fprintf(stderr, "ftpreply_pcap_floor: %s\n", err);
      return 2;
    }
    pcap_pkthdr* h;
    const u_char* d;
    bytes = packets = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
      ++packets;
      bytes += h->caplen;
      for (bpf_u_int32 i = 0; i < h->caplen; ++i) sum += d[i];
    }
    pcap_close(p);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r == 0 || s < best) best = s;
  }
  std::printf("{\"bytes\":%llu,\"packets\":%llu,\"seconds\":%.6f,\"checksum\":%llu}\n", bytes,
              packets, best, sum);
  return 0;
}
