#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks a capture of an `ftpreply probe` session against what the probe
read off the socket: `ftpreply pcap --port PORT` on the capture must give
the control connection's replies exactly as the probe reported them
(offset, length, code, lines, flags, text), each paired with the command
the probe sent for it, and nothing else on that port (the data
connections on other ports are not FTP replies and must not show up).
Then Zeek's log of it (--format zeek-json, every command): the download's
size, and the data channels PASV, EPSV, PORT and EPRT set up, each where
the probe's data connection went.
Usage: check_capture.py FTPREPLY WORKDIR PORT
  (WORKDIR holds probe.jsonl and capture.pcap, or name them with
   --probe FILE --capture FILE after the three arguments)
"""
import json
import subprocess
import sys

FIELDS = ["offset", "length", "code", "lines", "flags", "text"]


def fail(msg):
    sys.exit(f"check_capture: {msg}")


def main():
    if len(sys.argv) < 4:
        fail(__doc__)
    ftpreply, work, port = sys.argv[1], sys.argv[2], sys.argv[3]
    probe, capture = f"{work}/probe.jsonl", f"{work}/capture.pcap"
    rest = sys.argv[4:]
    while rest:
        if rest[0] == "--probe":
            probe = rest[1]
        elif rest[0] == "--capture":
            capture = rest[1]
        else:
            fail(f"unknown argument {rest[0]}")
        rest = rest[2:]
    with open(probe) as f:
        want = [json.loads(l) for l in f if l.strip()]
    want = [l for l in want if "command" in l]
    r = subprocess.run([ftpreply, "pcap", "--port", port, capture], capture_output=True, timeout=60)
    if r.returncode != 0:
        fail(f"ftpreply pcap exited {r.returncode}: {r.stderr.decode()}")
    got = [json.loads(l) for l in r.stdout.split(b"\n") if l]
    if not got:
        fail("no reply in the capture")
    servers = {g["server"] for g in got}
    if len(servers) != 1 or not next(iter(servers)).endswith(f":{port}"):
        fail(f"replies from other flows than the control connection: {servers}")
    if len(got) != len(want):
        fail(f"{len(got)} replies in the capture, {len(want)} read by the probe")
    answering = None  # the command a preliminary (1xx) reply answered
    for i, (g, w) in enumerate(zip(got, want)):
        for k in FIELDS:
            if g.get(k) != w.get(k):
                fail(f"reply {i}: {k} is {g.get(k)!r} in the capture, {w.get(k)!r} off the socket")
        sent = None if g["command"] is None else (g["command"] + (" " + g["arg"] if g["arg"] else ""))
        if sent is not None and sent.startswith("PASS ") and w["command"] == "PASS ****":
            sent = w["command"]  # the probe masks the password it sent
        # The probe files a transfer's final reply under no command; it
        # answers the command its 1xx reply answered.
        expected = w["command"] if w["command"] is not None or answering is None else answering
        answering = expected if w["code"] // 100 == 1 else None
        if sent != expected:
            fail(f"reply {i} ({g['code']}): paired with {sent!r}, the probe sent {expected!r}")
    print(f"check_capture: {len(got)} replies and their commands, as the probe read them")
    check_log(ftpreply, port, capture, probe)


def check_log(ftpreply, port, capture, probe):
    with open(probe) as f:
        data = [d for d in (json.loads(l) for l in f if l.strip()) if "data" in d]
    r = subprocess.run([ftpreply, "pcap", "--port", port, "--format", "zeek-json",
                        "--log-commands", "all", capture], capture_output=True, timeout=60)
    if r.returncode != 0:
        fail(f"ftpreply pcap --format zeek-json exited {r.returncode}: {r.stderr.decode()}")
    rows = [json.loads(l) for l in r.stdout.split(b"\n") if l]
    retr = [x for x in rows if x["command"] == "RETR"]
    if len(retr) != 1 or retr[0].get("file_size") != 500 or not retr[0]["arg"].endswith("/readme.txt"):
        fail(f"the log's RETR row: {retr}")
    # The data connections, in the session's order (LIST, NLST, RETR, LIST,
    # NLST), against the channels the log found before each.
    channels = [x for x in rows if x["command"] in ("PASV", "EPSV", "PORT", "EPRT")]
    if len(channels) != len(data):
        fail(f"{len(channels)} data channels in the log, {len(data)} transfers")
    for c, d in zip(channels, data):
        where = f'{c.get("data_channel.resp_h")}:{c.get("data_channel.resp_p")}'
        passive = c["command"] in ("PASV", "EPSV")
        if c.get("data_channel.passive") is not passive or where != d["address"]:
            fail(f"the log's {c['command']} channel {where} (passive {c.get('data_channel.passive')}), "
                 f"the probe's transfer went to {d['address']}")
    print(f"check_capture: the log's {len(channels)} data channels and the download's size")


if __name__ == "__main__":
    main()
