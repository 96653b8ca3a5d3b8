#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what ftpreply's build, tests, benchmarks and fuzzers need, from
# Debian's packages only. Skips apt when everything is already there.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libgtest-dev libbenchmark-dev libsimdjson-dev libabsl-dev librapidcheck-dev
  clang-14 libclang-rt-14-dev llvm-14
  time valgrind
  g++-aarch64-linux-gnu g++-s390x-linux-gnu qemu-user
  bazel-bootstrap python3
  # captures: libpcap to read them, tcpdump to record the servers' sessions,
  # tshark (Wireshark's dissectors) as the peer the capture tests compare to
  libpcap-dev tcpdump tshark
  # what the FTP servers of the `servers` tests link (the servers themselves
  # are extracted from their packages by tools/servers/servers.sh fetch)
  libwrap0 libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3
  # real clients for the example servers (examples/real_clients.sh)
  curl lftp
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
fetch_servers() { bash "$(dirname "$0")/servers/servers.sh" fetch; }
if [ ${#missing[@]} -eq 0 ]; then
  fetch_servers
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 2; }
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fetch_servers
