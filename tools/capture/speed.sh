#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The capture benchmark: `ftpreply pcap --count` on a capture of the
# `session` mix (one connection, 1,460-byte segments), against the limit
# (ftpreply_pcap_floor: a bare libpcap loop over the same file, every byte
# touched) and the peer (tshark's FTP dissector printing each response
# code). Prints MB/s of capture for each, the ratios, the replies each
# found, and the CPU. Best of 5 runs for the two fast ones, one for tshark.
# Not a test: run it on a quiet machine.
# Usage: speed.sh [BUILD_DIR] [SIZE]   (defaults build/release, 64M)
set -euo pipefail
build=${1:-build/release}
size=${2:-64M}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bytes=$(numfmt --from=iec "$size")
"$build/tools/ftpreply" gen --mix session --bytes "$bytes" --seed 1 > "$tmp/session.txt"
"$build/tools/ftpreply_capgen" "$tmp/session.txt" "$tmp/session.pcap"
cap_bytes=$(stat -c %s "$tmp/session.pcap")

floor=$("$build/tools/ftpreply_pcap_floor" "$tmp/session.pcap" 5)
floor_s=$(sed 's/.*"seconds":\([0-9.e+-]*\).*/\1/' <<<"$floor")
best=
for i in 1 2 3 4 5; do
  out=$("$build/tools/ftpreply" pcap --count "$tmp/session.pcap")
  s=$(sed 's/.*"seconds":\([0-9.e+-]*\).*/\1/' <<<"$out")
  if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
done
ours_replies=$(sed 's/.*"replies":\([0-9]*\).*/\1/' <<<"$out")
scan_replies=$("$build/tools/ftpreply" scan --count "$tmp/session.txt" | sed 's/.*"replies":\([0-9]*\).*/\1/')

tshark_s=none tshark_replies=none
if command -v tshark >/dev/null; then
  start=$(date +%s.%N)
  tshark -r "$tmp/session.pcap" -Y "ftp.response == 1" -T fields -e ftp.response.code \
    2>/dev/null > "$tmp/tshark.txt"
  tshark_s=$(awk "BEGIN{print $(date +%s.%N) - $start}")
  tshark_replies=$(wc -l < "$tmp/tshark.txt")
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
mbps() { awk "BEGIN{printf \"%.1f\", $cap_bytes / $1 / 1e6}"; }
echo "capture: $(awk "BEGIN{printf \"%.1f\", $cap_bytes / 1e6}") MB, the session mix in 1460-byte segments; CPU: $cpu"
printf '%-34s %10s %10s\n' "reader" "MB/s" "replies"
printf '%-34s %10s %10s\n' "libpcap loop (the limit)" "$(mbps "$floor_s")" "-"
printf '%-34s %10s %10s\n' "ftpreply pcap --count" "$(mbps "$best")" "$ours_replies"
[ "$tshark_s" = none ] || printf '%-34s %10s %10s\n' "tshark -Y ftp.response" "$(mbps "$tshark_s")" "$tshark_replies"
echo "replies in the stream (ftpreply scan): $scan_replies"
echo "ftpreply / libpcap loop: $(awk "BEGIN{printf \"%.2f\", $floor_s / $best}")x (goal >= 0.5x)"
[ "$tshark_s" = none ] || echo "ftpreply / tshark: $(awk "BEGIN{printf \"%.0f\", $tshark_s / $best}")x (goal >= 100x)"
[ "$tshark_s" = none ] ||
  echo "the most any reader bound by libpcap can be: libpcap loop / tshark = $(awk "BEGIN{printf \"%.0f\", $tshark_s / $floor_s}")x"
