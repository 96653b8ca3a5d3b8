#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks one `ftpreply probe` session against a real server (servers.sh):
the session completed; every reply is classified, with no framing error in
lenient mode; the data connections delivered: the listings at the decoded
PASV and EPSV addresses, the file over EPSV, and the listings the server
sent to the probe after PORT and EPRT; and the recorded control stream,
scanned again whole, byte by byte and with every kernel, gives exactly the
replies the probe read from the socket.
Usage: check.py FTPREPLY WORKDIR   (WORKDIR holds probe.jsonl, recording.ftp)
"""
import json
import pathlib
import subprocess
import sys

KERNELS = ["scalar", "sse2", "avx2", "avx512bw", "neon"]


def fail(msg):
    sys.exit(f"check: {msg}")


def scan(ftpreply, rec, *opts):
    r = subprocess.run([ftpreply, "scan", *opts, str(rec)], capture_output=True, timeout=60)
    if r.returncode == 2 and b"not available" in r.stderr:
        return None
    if r.returncode not in (0, 1):
        fail(f"ftpreply scan {' '.join(opts)} exited {r.returncode}: {r.stderr.decode()}")
    return [json.loads(l) for l in r.stdout.split(b"\n") if l]


def main():
    ftpreply, work = sys.argv[1], pathlib.Path(sys.argv[2])
    lines = [json.loads(l) for l in (work / "probe.jsonl").read_text().split("\n") if l]
    replies = [l for l in lines if "command" in l]
    data = [l for l in lines if "data" in l]
    summary = [l["summary"] for l in lines if "summary" in l]
    if len(summary) != 1:
        fail("no summary line")
    summary = summary[0]
    if not summary["completed"]:
        fail(f"the session did not complete: {summary}")
    if summary["lenient_errors"] or any("error" in r for r in replies):
        fail("a framing error in lenient mode")
    for r in replies:
        if r.get("kind") in (None, "invalid"):
            fail(f"a reply is not classified: {r}")
    verbs = [(r["command"] or "").split(" ")[0] for r in replies]
    for need in ["SYST", "FEAT", "HELP", "PWD", "TYPE", "MKD", "CWD", "CDUP", "PASV", "LIST",
                 "EPSV", "NLST", "SIZE", "MDTM", "RETR", "PORT", "EPRT", "STAT", "REST", "XYZZY",
                 "OPTS", "QUIT"]:
        if need not in verbs:
            fail(f"no reply to {need}")
    mkd = [r for r in replies if (r["command"] or "").startswith("MKD")]
    if mkd[-1]["code"] // 100 != 5:
        fail(f"MKD was not refused on a read-only server: {mkd[-1]}")
    # Passive (the probe connects), then the file over EPSV, then active
    # (the server connects after PORT and EPRT): every transfer delivered.
    for kind in ("LIST", "NLST"):
        d = [x for x in data if x["data"] == kind]
        if len(d) != 2 or any("error" in x or x["bytes"] == 0 for x in d):
            fail(f"the {kind} data connections failed: {d}")
        if not all(x["address"].startswith("127.0.0.1:") for x in d):
            fail(f"a {kind} data connection went elsewhere: {d}")
    retr = [x for x in data if x["data"].startswith("RETR ")]
    if len(retr) != 1 or "error" in retr[0] or retr[0]["bytes"] != 500:
        fail(f"the download of the 500-byte file failed: {retr}")
    for cmd in ("PORT", "EPRT"):
        r = [x for x in replies if (x["command"] or "").startswith(cmd + " ")]
        if len(r) != 1 or r[0]["code"] != 200:
            fail(f"{cmd} was not accepted: {r}")
    for cmd, key in (("PASV", "port"), ("EPSV", "port")):
        r = [x for x in replies if x["command"] == cmd][0]
        if key not in r.get("payload", {}):
            fail(f"{cmd} was not decoded: {r}")

    # The recording, scanned again: the same replies, however it is read.
    rec = work / "recording.ftp"
    probe_view = [{k: v for k, v in r.items() if k not in ("command", "payload", "payload_error")}
                  for r in replies]
    runs = 0
    for k in KERNELS:
        for opts in (["--kernel", k], ["--kernel", k, "--chunk", "1"]):
            got = scan(ftpreply, rec, *opts)
            if got is None:
                break  # this CPU or build has no such kernel
            runs += 1
            if got != probe_view:
                fail(f"scan {' '.join(opts)} of the recording differs from what the probe read")
    if runs < 2:
        fail("no kernel rescanned the recording")


if __name__ == "__main__":
    main()
