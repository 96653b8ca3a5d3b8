#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The capture benchmark: `ftpreply pcap --count` on a capture of the
# `session` mix (one connection, 1,460-byte segments), against the limit
# (ftpreply_pcap_floor: a bare libpcap loop over the same file, every byte
# touched) and the peer (tshark's FTP dissector printing each response
# code). Prints MB/s of capture for each, the ratios, the replies each
# found, and the CPU. Best of 5 runs for the two fast ones, one for tshark.
# Then the log: a capture of the same replies, one a segment, each after a
# client's NOOP, read by `ftpreply pcap --count`, `--format zeek` (Zeek's
# default commands: one row for the session) and `--format zeek
# --log-commands all` (a row per command), against the libpcap loop on
# that capture; best of 3.
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

# The log's bookkeeping, on a dialogue: what --count skips and the log pays.
"$build/tools/ftpreply_capgen" --segment-replies --commands "$tmp/session.txt" "$tmp/dialogue.pcap"
dlg_bytes=$(stat -c %s "$tmp/dialogue.pcap")
dlg_floor=$("$build/tools/ftpreply_pcap_floor" "$tmp/dialogue.pcap" 3)
dlg_floor_s=$(sed 's/.*"seconds":\([0-9.e+-]*\).*/\1/' <<<"$dlg_floor")
best_of_3() {  # seconds of the fastest of three runs of ftpreply pcap ARGS
  local best= s start
  for i in 1 2 3; do
    start=$(date +%s.%N)
    "$build/tools/ftpreply" pcap "$@" "$tmp/dialogue.pcap" > "$tmp/log.out"
    s=$(awk "BEGIN{print $(date +%s.%N) - $start}")
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
  done
  echo "$best"
}
count_s=$(best_of_3 --count)
zeek_s=$(best_of_3 --format zeek)
zeek_rows=$(grep -vc '^#' "$tmp/log.out" || true)
all_s=$(best_of_3 --format zeek --log-commands all)
all_rows=$(grep -vc '^#' "$tmp/log.out" || true)
dmbps() { awk "BEGIN{printf \"%.1f\", $dlg_bytes / $1 / 1e6}"; }
echo
echo "dialogue capture: $(awk "BEGIN{printf \"%.1f\", $dlg_bytes / 1e6}") MB, one reply a segment, a NOOP before each"
printf '%-44s %10s %10s %10s\n' "reader" "MB/s" "rows" "/libpcap"
printf '%-44s %10s %10s %10s\n' "libpcap loop (the limit)" "$(dmbps "$dlg_floor_s")" "-" "1.00x"
for r in "ftpreply pcap --count|$count_s|-" "ftpreply pcap --format zeek|$zeek_s|$zeek_rows" \
         "ftpreply pcap --format zeek --log-commands all|$all_s|$all_rows"; do
  IFS='|' read -r name secs rows <<<"$r"
  printf '%-44s %10s %10s %9sx\n' "$name" "$(dmbps "$secs")" "$rows" \
    "$(awk "BEGIN{printf \"%.2f\", $dlg_floor_s / $secs}")"
done
