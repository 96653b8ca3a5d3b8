#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# An example server against real FTP clients written elsewhere, on
# 127.0.0.1: curl (listing, download over EPSV, PASV and active mode), Python's
# ftplib (login, nlst, size, retrbinary passive and active, MDTM, quit) and
# lftp (ls, cd, get). Every download is compared with what the server serves
# (readme.txt, and pub/data.bin: 5,000 bytes of a-z repeated). The server is
# started here and stopped by its PID; every client runs under a time limit.
# Usage: real_clients.sh SERVER [WORKDIR]
set -euo pipefail
server=$1 work=${2:-${TEST_TMPDIR:-/tmp}/ftpreply-real-clients}
rm -rf "$work" && mkdir -p "$work"
# shellcheck source=examples/start_server.sh
. "$(dirname "$0")/start_server.sh"
start_server "$server" "$work"
url=ftp://127.0.0.1:$port
fail() { echo "real_clients: FAIL: $*" >&2; exit 1; }
printf 'ftpreply example server.\r\n' > "$work/want_readme"
python3 -c 'import sys; sys.stdout.write("".join(chr(97 + i % 26) for i in range(5000)))' > "$work/want_data"

# curl
curl -sS --max-time 20 "$url/" > "$work/curl_list"
grep -q ' readme.txt$' "$work/curl_list" && grep -q ' pub$' "$work/curl_list" || fail "curl's listing: $(cat "$work/curl_list")"
for mode in "" "--disable-epsv" "-P -"; do
  # shellcheck disable=SC2086
  curl -sS --max-time 20 $mode "$url/pub/data.bin" -o "$work/curl_data"
  cmp -s "$work/curl_data" "$work/want_data" || fail "curl $mode: pub/data.bin differs"
done
curl -sS --max-time 20 "$url/readme.txt" -o "$work/curl_readme"
cmp -s "$work/curl_readme" "$work/want_readme" || fail "curl: readme.txt differs"
echo "real_clients: curl: listing, download over EPSV, PASV and active (EPRT): ok"

# Python's ftplib
timeout 30 python3 - "$port" "$work" <<'PY' || fail "ftplib"
import ftplib, io, sys
port, work = int(sys.argv[1]), sys.argv[2]
f = ftplib.FTP()
f.connect("127.0.0.1", port, timeout=10)
f.login()
names = f.nlst()
assert "readme.txt" in names and "pub" in names, names
assert f.size("pub/data.bin") == 5000
for passive in (True, False):
    f.set_pasv(passive)
    got = io.BytesIO()
    f.retrbinary("RETR pub/data.bin", got.write)
    assert got.getvalue() == open(f"{work}/want_data", "rb").read(), passive
got = io.BytesIO()
f.retrbinary("RETR readme.txt", got.write)
assert got.getvalue() == open(f"{work}/want_readme", "rb").read()
f.cwd("pub")
assert f.pwd() == "/pub"
assert f.sendcmd("MDTM data.bin").startswith("213 2026")
f.quit()
PY
echo "real_clients: ftplib: login, nlst, size, retrbinary passive and active, cwd, pwd, MDTM, quit: ok"

# lftp
timeout 30 lftp -e "set net:timeout 5; set net:max-retries 1; set cmd:fail-exit yes; \
  ls > $work/lftp_list; cd pub; get data.bin -o $work/lftp_data; bye" "ftp://anonymous:x@127.0.0.1:$port" \
  > "$work/lftp.out" 2>&1 || fail "lftp: $(cat "$work/lftp.out")"
grep -q ' readme.txt' "$work/lftp_list" || fail "lftp's listing: $(cat "$work/lftp_list")"
cmp -s "$work/lftp_data" "$work/want_data" || fail "lftp: pub/data.bin differs"
echo "real_clients: lftp: ls, cd, get: ok"
echo "real_clients: 3 passed, 0 failed"
