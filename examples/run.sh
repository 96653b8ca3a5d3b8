#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The example client against the example server on 127.0.0.1 (ctest:
# examples): the server is started, its port read, the client run with a
# time limit, its output checked, and the server stopped by its PID.
# Usage: run.sh SERVER CLIENT [WORKDIR]
set -euo pipefail
server=$1 client=$2 work=${3:-${TEST_TMPDIR:-/tmp}/ftpreply-examples}
mkdir -p "$work"
# shellcheck source=examples/start_server.sh
. "$(dirname "$0")/start_server.sh"
start_server "$server" "$work"
timeout 30 "$client" 127.0.0.1 "$port" > "$work/client.out"
cat "$work/client.out"
for want in "greeting: 220 ftpreply example server ready" "login: 230, 3 lines" \
            "feature: REST STREAM" "feature: UTF8" 'path: /a "quoted" dir' \
            "listing: 159 bytes, then 226" "quit: 221"; do
  grep -qxF "$want" "$work/client.out" || { echo "examples: missing: $want" >&2; exit 1; }
done
grep -q '^pasv: port [1-9]' "$work/client.out" || { echo "examples: no PASV port" >&2; exit 1; }

# A recorded control stream, read seven bytes at a time: a multi-line FEAT,
# a 257 with doubled quotes and a PASV.
"$client" --replay "$(dirname "$0")/recorded.ftp" > "$work/replay.out"
cat "$work/replay.out"
printf '%s\n' "feature: EPRT" "feature: MDTM" "feature: REST STREAM" \
  'path: /home/it said "hi"' "pasv: 192.168.7.9 port 50000" | cmp - "$work/replay.out" ||
  { echo "examples: the replay decoded otherwise" >&2; exit 1; }
