#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Hostile input at scale: three 1 GiB streams through `ftpreply scan --count`
# (a hostile mix, one endless multi-line reply, one endless line). Each must
# finish, report its errors, and stay within a fixed peak RSS whatever the
# stream's size. Then a capture of that size holding 100,000 concurrent FTP
# control connections (segments interleaved, 10% reordered) through
# `ftpreply pcap --count`: every reply of every flow, in bounded RSS.
# Usage: hostile_scale.sh FTPREPLY_BINARY [SIZE]   (ftpreply_capgen beside it)
set -eu  # no pipefail: the producers die of SIGPIPE by design; scan() checks its own status
bin=$1
size=${2:-1G}
limit_kib=32768   # 32 MiB: the scanner holds at most 2 x max_reply + a chunk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

check() {
  local name=$1 want_error=$2
  local rss out
  rss=$(tail -n 1 "$tmp/rss")  # time also notes a non-zero exit above it
  out=$(cat "$tmp/out")
  echo "$name: peak RSS ${rss} KiB: $out"
  if [ "$rss" -gt "$limit_kib" ]; then
    echo "FAIL $name: peak RSS ${rss} KiB over ${limit_kib} KiB"; failed=1
  fi
  case "$out" in
    *"\"errors\":0,"*) echo "FAIL $name: no error reported"; failed=1 ;;
    *"$want_error"*) ;;
    *) echo "FAIL $name: no $want_error"; failed=1 ;;
  esac
}

scan() {  # reads the stream on stdin; exit status 1 (errors found) expected
  local rc=0
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" scan --count - > "$tmp/out" || rc=$?
  [ "$rc" -eq 1 ] || { echo "FAIL: scan exited $rc, expected 1"; failed=1; }
}

"$bin" gen --mix hostile --bytes "$size" | scan
check "hostile mix, $size" '"reply_too_long"'

{ printf '230-an endless reply\r\n'; yes $' and more of it\r' | head -c "$size"; } | scan
check "endless multi-line reply, $size" '"reply_too_long"'

{ printf '250 '; head -c "$size" /dev/zero | tr '\0' 'A'; } | scan
check "endless line, $size" '"line_too_long":1'

# 100,000 flows: a flow holds its reassembly state, a reply's head and a
# few pending commands between its packets (about 1.2 KiB each measured).
flows=100000
flow_limit_kib=262144
bytes=$(numfmt --from=iec "$size")
"$bin" gen --mix session --bytes $((bytes / flows * 92 / 100)) --seed 5 > "$tmp/flow.txt"
"$(dirname "$bin")/ftpreply_capgen" --flows "$flows" --reorder 10 "$tmp/flow.txt" "$tmp/flows.pcap"
per_flow=$("$bin" scan --count "$tmp/flow.txt" | sed 's/.*"replies":\([0-9]*\).*/\1/')
rc=0
/usr/bin/time -f '%M' -o "$tmp/rss" "$bin" pcap --count --max-flows "$flows" "$tmp/flows.pcap" > "$tmp/out" || rc=$?
rss=$(tail -n 1 "$tmp/rss")
echo "capture of $(du -h "$tmp/flows.pcap" | cut -f1), $flows concurrent flows: peak RSS ${rss} KiB: $(cat "$tmp/out")"
[ "$rc" -eq 0 ] || { echo "FAIL: pcap exited $rc"; failed=1; }
grep -q "\"flows\":$flows,\"replies\":$((per_flow * flows)),\"errors\":0," "$tmp/out" ||
  { echo "FAIL: not $flows flows of $per_flow replies each"; failed=1; }
[ "$rss" -le "$flow_limit_kib" ] || { echo "FAIL: peak RSS ${rss} KiB over ${flow_limit_kib} KiB"; failed=1; }

[ "$failed" -eq 0 ] && echo "hostile input at scale: 4 passed, 0 failed"
exit "$failed"
