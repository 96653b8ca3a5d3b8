# SPDX-License-Identifier: Apache-2.0
# Sourced by the example harnesses: start_server SERVER WORKDIR starts the
# server in the background, sets `pid` and `port` (read from its first line,
# "listening on PORT", within 5 s) and stops it by PID when the shell exits.
start_server() {
  "$1" > "$2/server.out" 2> "$2/server.err" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
  port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^listening on \([0-9]*\)$/\1/p' "$2/server.out")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "examples: the server did not start: $(cat "$2/server.err")" >&2
  exit 1
}
