#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The README's "What servers really do" table, from the committed
recordings (tests/data/servers/): per server and setup, the replies, what
lenient mode flags, and which framing rules strict mode says are bent, with
the first offending line's bytes.
Usage: table.py FTPREPLY [RECORDINGS_DIR]
"""
import collections
import json
import pathlib
import subprocess
import sys


def scan(ftpreply, path, *opts):
    r = subprocess.run([ftpreply, "scan", *opts, str(path)], capture_output=True, check=False)
    return [json.loads(l) for l in r.stdout.split(b"\n") if l]


def main():
    ftpreply = sys.argv[1]
    folder = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "tests/data/servers")
    print("| server, setup | bytes | replies (multi-line) | lenient flags | strict mode says | first offending line |")
    print("|---|---|---|---|---|---|")
    for f in sorted(folder.glob("*.ftp")):
        data = f.read_bytes()
        lenient = scan(ftpreply, f)
        replies = [e for e in lenient if "code" in e]
        multi = sum(1 for e in replies if e["lines"] > 1)
        flags = collections.Counter(fl for e in replies for fl in e["flags"])
        strict = [e for e in scan(ftpreply, f, "--strict") if "error" in e]
        errors = collections.Counter(e["error"] for e in strict)
        example = ""
        if strict:
            o = strict[0]["offset"]
            line = data[o:data.find(b"\n", o) + 1]
            example = "`" + repr(line)[2:-1].replace("|", "\\|") + "`"
        said = ", ".join(f"{n} ×{c}" for n, c in sorted(errors.items())) or "nothing: RFC 959 as written"
        print(f"| {f.stem} | {len(data)} | {len(replies)} ({multi}) | "
              f"{', '.join(f'{n} ×{c}' for n, c in sorted(flags.items())) or 'none'} | {said} | {example} |")


if __name__ == "__main__":
    main()
