#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Wireshark's FTP dissector as a peer: on captures where each server
# segment carries one single-line reply (where tshark reads every reply),
# the reply codes it reports, flow by flow and in order, must equal
# `ftpreply pcap`'s. Several flows interleaved, IPv4 and IPv6, pcap and
# pcapng, Ethernet with a VLAN tag and Linux SLL2.
# Usage: tshark_peer.sh BUILD_DIR   (exit 77 when tshark is not installed)
set -euo pipefail
build=${1:?usage: tshark_peer.sh BUILD_DIR}
command -v tshark >/dev/null || { echo "tshark_peer: tshark is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ftpreply=$build/tools/ftpreply
capgen=$build/tools/ftpreply_capgen
"$ftpreply" gen --mix short --replies 400 --seed 11 > "$tmp/short.txt"
checked=0
for opts in "--flows 5" "--flows 3 --ipv6 --format pcapng" "--flows 4 --link vlan --commands" \
            "--flows 2 --link sll2 --ipv6"; do
  # shellcheck disable=SC2086
  "$capgen" --segment-replies $opts "$tmp/short.txt" "$tmp/cap"
  # client port, code; in capture order
  tshark -r "$tmp/cap" -Y "ftp.response == 1" -T fields -e tcp.dstport -e ftp.response.code \
    2>/dev/null | awk -F'\t' '{print $1, $2}' | sort -s -k1,1n > "$tmp/tshark"
  "$ftpreply" pcap "$tmp/cap" | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    print(o["client"].rsplit(":", 1)[1], o.get("code", "error"))' | sort -s -k1,1n > "$tmp/ours"
  if ! cmp -s "$tmp/tshark" "$tmp/ours"; then
    echo "tshark_peer: codes differ with $opts:"
    diff "$tmp/tshark" "$tmp/ours" | head -20
    exit 1
  fi
  n=$(wc -l < "$tmp/ours")
  [ "$n" -gt 0 ] || { echo "tshark_peer: no reply with $opts"; exit 1; }
  checked=$((checked + n))
done
echo "tshark_peer: $checked replies, the same codes flow by flow as tshark $(tshark --version 2>/dev/null | head -1 | awk '{print $3}')"
