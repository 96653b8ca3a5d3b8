#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Real FTP servers on 127.0.0.1 for the `servers` tests, from Debian's
# packages, extracted into build/servers/root (the three packages conflict as
# installed packages; nothing here touches /etc).
#   servers.sh fetch                     download and extract the servers
#   servers.sh list                      the setups
#   servers.sh test SETUP FTPREPLY [OUT] start SETUP, run `ftpreply probe`
#                                        against it, check the session
#                                        (check.py), stop it; the recording
#                                        and the probe's output go to OUT,
#                                        with the session captured by
#                                        tcpdump (capture.pcap, checked by
#                                        ../capture/check_capture.py) when
#                                        tcpdump is installed
#   servers.sh client SETUP PROGRAM [OUT] start SETUP, run PROGRAM 127.0.0.1
#                                        PORT (at most 60 s), print its
#                                        output, stop it; PROGRAM's exit
#                                        status is the result
# Every wait is bounded; every process is stopped by its PID.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
root=$top/build/servers/root
setups=(vsftpd vsftpd_messages proftpd proftpd_messages proftpd_rfc2228 pureftpd pureftpd_messages)

fetch() {
  if [ -x "$root/usr/sbin/vsftpd" ] && [ -x "$root/usr/sbin/proftpd" ] && [ -x "$root/usr/sbin/pure-ftpd" ]; then
    return 0
  fi
  local dl=$top/build/servers/debs
  rm -rf "$dl" && mkdir -p "$dl" "$root"
  (cd "$dl" && apt-get download vsftpd proftpd-core pure-ftpd pure-ftpd-common >/dev/null 2>&1) ||
    { echo "servers: apt-get download of vsftpd, proftpd-core, pure-ftpd failed" >&2; exit 1; }
  for d in "$dl"/*.deb; do dpkg -x "$d" "$root"; done
  echo "servers: extracted $(cd "$dl" && ls)"
}

die() { echo "servers: $SETUP: $*" >&2; exit 1; }

# The anonymous tree: a double quote, UTF-8, nesting, and names holding a
# bare LF and a bare CR; read-only for everyone but root.
make_tree() {
  local t=$1
  mkdir -p "$t/nested/deeper" "$t/weird"
  printf 'ftpreply probe test file\n%.0s' $(seq 1 20) > "$t/readme.txt"
  echo quote > "$t/quote\"name.txt"
  echo utf8 > "$t/naïve-ü.txt"
  echo deep > "$t/nested/deeper/file.txt"
  echo lf > "$t/weird/line"$'\n'"feed.txt"
  echo cr > "$t/weird/carriage"$'\r'"return.txt"
  echo plain > "$t/weird/plain.txt"
  if [ "$messages" = 1 ]; then
    # Message lines that look like replies: digits, other codes, a terminator.
    printf 'Welcome to the ftpreply test server.\n220 this line looks like a terminator\n123-and this like an opener\n42 is a number\n' > "$work/welcome.txt"
    printf 'Logged in: read-only.\n230 not the end\n' > "$work/login.txt"
    printf 'Nested directory.\n250 not the end either\n999-odd\n' > "$t/nested/.message"
    cp "$work/welcome.txt" "$t/.banner"
  fi
  chmod -R a+rX,go-w "$t"
}

wait_listen() {  # PORT PID: until the port listens, at most 10 s
  local hex i
  hex=$(printf '%04X' "$1")
  for i in $(seq 1 100); do
    grep -q ":$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

stop() {  # PID: TERM, then KILL after at most 5 s
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

start_vsftpd() {
  mkdir -p "$work/empty"
  cat > "$work/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
listen_port=$port
background=NO
anonymous_enable=YES
anon_root=$tree
no_anon_password=YES
local_enable=NO
write_enable=NO
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$((port + 1))
pasv_max_port=$((port + 8))
seccomp_sandbox=NO
secure_chroot_dir=$work/empty
run_as_launching_user=YES
ftp_username=root
nopriv_user=root
xferlog_enable=NO
vsftpd_log_file=$work/vsftpd.log
utf8_filesystem=YES
CONF
  if [ "$messages" = 1 ]; then
    printf 'banner_file=%s\ndirmessage_enable=YES\nmessage_file=.message\n' "$work/welcome.txt" >> "$work/vsftpd.conf"
  fi
  "$root/usr/sbin/vsftpd" "$work/vsftpd.conf" > "$work/server.log" 2>&1 &
  pid=$!
}

start_proftpd() {
  mkdir -p "$work/run"
  cat > "$work/proftpd.conf" <<CONF
ServerName "ftpreply test"
ServerType standalone
DefaultServer on
DefaultAddress 127.0.0.1
Port $port
UseIPv6 off
PassivePorts $((port + 1)) $((port + 8))
MasqueradeAddress 127.0.0.1
ScoreboardFile $work/run/scoreboard
PidFile $work/run/proftpd.pid
DelayTable $work/run/delay
SystemLog $work/proftpd.log
WtmpLog off
User nobody
Group nogroup
UseReverseDNS off
RequireValidShell off
<Anonymous $tree>
  User nobody
  Group nogroup
  UserAlias anonymous nobody
  AnonRequirePassword off
  RequireValidShell off
  <Limit WRITE>
    DenyAll
  </Limit>
</Anonymous>
CONF
  if [ "$messages" = 1 ]; then
    printf 'DisplayConnect %s\nDisplayLogin %s\nDisplayChdir .message\n' "$work/welcome.txt" "$work/login.txt" >> "$work/proftpd.conf"
  fi
  if [ "$SETUP" = proftpd_rfc2228 ]; then
    sed -i '1i MultilineRFC2228 on' "$work/proftpd.conf"
  fi
  "$root/usr/sbin/proftpd" -n -q -c "$work/proftpd.conf" > "$work/server.log" 2>&1 &
  pid=$!
}

start_pureftpd() {
  # Pure-FTPd takes the anonymous root from the account `ftp`: give it one
  # in a private mount namespace, over copies of passwd and group.
  grep -v '^ftp:' /etc/passwd > "$work/passwd"
  echo "ftp:x:65534:65534:ftp:$tree:/usr/sbin/nologin" >> "$work/passwd"
  cp /etc/group "$work/group"
  unshare -m sh -c 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && exec "$@"' \
    sh "$work/passwd" "$work/group" \
    "$root/usr/sbin/pure-ftpd" -S "127.0.0.1,$port" -e -p "$((port + 1)):$((port + 8))" \
    -P 127.0.0.1 -H -4 -A -f none > "$work/server.log" 2>&1 &
  pid=$!
}

# Starts SETUP's server on its port with its tree in $work (set `port`,
# `pid`, `work`); the caller stops it.
start_setup() {
  local index=-1 i
  for i in "${!setups[@]}"; do [ "${setups[$i]}" = "$SETUP" ] && index=$i; done
  [ "$index" -ge 0 ] || die "unknown setup (servers.sh list)"
  [ -x "$root/usr/sbin/vsftpd" ] || die "no servers in $root: run tools/servers/servers.sh fetch (tools/setup.sh does)"
  [ "$(id -u)" = 0 ] || die "needs root (the servers switch users)"
  rm -rf "$work" && mkdir -p "$work"
  work=$(cd "$work" && pwd)
  tree=$work/tree
  port=$((21200 + 10 * index))
  case $SETUP in *_messages|proftpd_rfc2228) messages=1 ;; *) messages=0 ;; esac
  make_tree "$tree"
  pid=
  case $SETUP in
    vsftpd*) start_vsftpd ;;
    proftpd*) start_proftpd ;;
    pureftpd*) start_pureftpd ;;
  esac
}

run_client() {
  SETUP=$1 program=$2
  work=${3:-$top/build/servers/client-$SETUP}
  start_setup
  trap 'stop "$pid"' EXIT
  wait_listen "$port" "$pid" || die "did not listen on 127.0.0.1:$port within 10 s: $(tail -5 "$work/server.log")"
  local rc=0
  timeout 60 "$program" 127.0.0.1 "$port" > "$work/client.out" 2> "$work/client.err" || rc=$?
  stop "$pid"
  trap - EXIT
  cat "$work/client.out"
  [ "$rc" -eq 0 ] || die "$program exited $rc: $(cat "$work/client.err")"
}

run_test() {
  SETUP=$1 ftpreply=$2
  work=${3:-$top/build/servers/$SETUP}
  start_setup
  trap 'stop "$pid"' EXIT
  wait_listen "$port" "$pid" || die "did not listen on 127.0.0.1:$port within 10 s: $(tail -5 "$work/server.log")"
  # The session on the wire too, when tcpdump is there: `ftpreply pcap`
  # must read from the capture exactly what the probe read off the socket.
  cap_pid=
  if command -v tcpdump >/dev/null; then
    tcpdump -i lo -n -U -B 16384 -s 0 -Z root -w "$work/capture.pcap" \
      "tcp portrange $port-$((port + 9))" > "$work/tcpdump.log" 2>&1 &
    cap_pid=$!
    trap 'stop "$pid"; stop "$cap_pid"' EXIT
    for i in $(seq 1 100); do
      grep -q 'listening on' "$work/tcpdump.log" 2>/dev/null && break
      kill -0 "$cap_pid" 2>/dev/null || die "tcpdump did not start: $(cat "$work/tcpdump.log")"
      sleep 0.1
    done
  fi
  local rc=0
  timeout 120 "$ftpreply" probe --dir nested --file readme.txt --stat weird --timeout 10 \
    --record "$work/recording.ftp" 127.0.0.1 "$port" > "$work/probe.jsonl" 2> "$work/probe.err" || rc=$?
  stop "$pid"
  if [ -n "$cap_pid" ]; then
    sleep 1.5  # the last FINs, and the capture buffer's timeout (1 s)
    stop "$cap_pid"
  fi
  trap - EXIT
  [ "$rc" -eq 0 ] || die "ftpreply probe exited $rc: $(cat "$work/probe.err") $(tail -1 "$work/probe.jsonl")"
  python3 "$here/check.py" "$ftpreply" "$work" || die "check failed (see $work)"
  if [ -n "$cap_pid" ]; then
    python3 "$here/../capture/check_capture.py" "$ftpreply" "$work" "$port" ||
      die "the capture check failed (see $work)"
  fi
  echo "servers: $SETUP: ok ($(wc -c < "$work/recording.ftp") bytes, $(grep -c '"command"' "$work/probe.jsonl") replies)"
}

case ${1:-} in
  fetch) fetch ;;
  list) printf '%s\n' "${setups[@]}" ;;
  test) shift; run_test "$@" ;;
  client) shift; run_client "$@" ;;
  *) echo "usage: servers.sh fetch | list | test SETUP FTPREPLY [OUT] | client SETUP PROGRAM [OUT]" >&2; exit 2 ;;
esac
