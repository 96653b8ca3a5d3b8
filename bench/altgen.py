#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A second generator of FTP reply streams, written apart from bench/synth.

It shares no code or tables with the project's generator: other servers'
wordings, other line lengths and another mix of codes, so that a figure
measured on `ftpreply gen` streams can be checked on streams nobody tuned
for. Deterministic by seed.

    python3 bench/altgen.py MIX BYTES [SEED] > FILE
    ftpreply bench FILE

MIX: session (client traffic with ~20% multi-line replies: banners,
FEAT, HELP, STAT), short (bare single-line replies of 3-30 text bytes),
multiline (MLSD/STAT-like listings of 40-160-byte lines) or servers (the
replies of the real servers' recordings in tests/data/servers/, whole, in
random order: their wordings without the 15 KB cycle of the benchmark's
`servers` mix, which replays the recordings end to end).
"""
import glob
import os
import random
import sys

WORDS = ("file directory transfer okay ready data mode binary ascii passive "
         "entering server service closing connection user password logged "
         "bytes sent received command successful unknown denied quota").split()
FACTS = ["UTF8", "MLST type*;size*;modify*;perm*;", "SIZE", "MDTM", "REST STREAM",
         "EPSV", "EPRT", "PASV", "TVFS", "AUTH TLS", "PBSZ", "PROT", "CCC",
         "LANG en-US;fr-FR", "HOST", "MFMT", "MFF modify;UNIX.mode;", "CLNT", "XCRC"]
SINGLE = [(200, 9), (226, 6), (150, 5), (250, 6), (331, 3), (230, 3), (227, 4),
          (229, 3), (257, 3), (213, 4), (350, 2), (421, 1), (425, 1), (450, 1),
          (500, 1), (501, 1), (502, 1), (530, 1), (550, 3), (553, 1), (221, 1)]


def words(rng, lo, hi):
    out = []
    while len(" ".join(out)) < lo:
        out.append(rng.choice(WORDS))
    return " ".join(out)[:hi]


def single(rng):
    codes = [c for c, w in SINGLE for _ in range(w)]
    code = rng.choice(codes)
    if code == 227:
        h = [rng.randrange(256) for _ in range(4)]
        p = rng.randrange(1024, 65536)
        text = "Entering Passive Mode (%d,%d,%d,%d,%d,%d)." % (*h, p >> 8, p & 255)
    elif code == 229:
        text = "Entering Extended Passive Mode (|||%d|)" % rng.randrange(1024, 65536)
    elif code == 257:
        text = '"/srv/%s/%s" created' % (rng.choice(WORDS), rng.choice(WORDS))
    elif code == 213:
        text = str(rng.randrange(10 ** rng.randrange(1, 13)))
    else:
        text = words(rng, 8, 90)
    return "%d %s\r\n" % (code, text)


def multi(rng, lines_lo, lines_hi, width_lo, width_hi):
    kind = rng.randrange(4)
    if kind == 0:
        body = [" " + f for f in rng.sample(FACTS, rng.randrange(4, len(FACTS)))]
        return "211-Extensions supported:\r\n" + "".join(b + "\r\n" for b in body) + "211 END\r\n"
    code = rng.choice([214, 211, 213, 220, 230])
    n = rng.randrange(lines_lo, lines_hi)
    out = ["%d-%s\r\n" % (code, words(rng, 10, 60))]
    for _ in range(n):
        r = rng.random()
        if r < 0.1:  # a line that starts with a code, but not the end
            line = "%d-%s" % (rng.choice(SINGLE)[0], words(rng, width_lo, width_hi))
        elif r < 0.2:
            line = "  %d %s" % (code, words(rng, width_lo, width_hi))
        elif r < 0.6:
            line = "%s %3d %-8s %-8s %10d %s %s" % (
                rng.choice(["-rw-r--r--", "drwxr-xr-x", "lrwxrwxrwx"]), rng.randrange(1, 40),
                rng.choice(WORDS), rng.choice(WORDS), rng.randrange(10 ** 9),
                rng.choice(["Jan 02 2024", "Mar 30 11:05", "Dec 31 1999"]),
                words(rng, 4, max(5, width_lo - 40)))
        else:
            line = words(rng, width_lo, width_hi)
        out.append(line + "\r\n")
    out.append("%d %s\r\n" % (code, words(rng, 3, 30)))
    return "".join(out)


def recorded_replies():
    """The replies of the servers' recordings, each whole (a block from its
    first line to its terminator), split at CR LF only."""
    here = os.path.dirname(os.path.abspath(__file__))
    replies = []
    for path in sorted(glob.glob(os.path.join(here, "..", "tests", "data", "servers", "*.ftp"))):
        with open(path, "rb") as f:
            lines = f.read().split(b"\r\n")
        block = None
        for line in lines:
            if block is not None:
                block.append(line)
                if line[:3] == block[0][:3] and line[3:4] == b" ":
                    replies.append(b"\r\n".join(block) + b"\r\n")
                    block = None
            elif line[3:4] == b"-":
                block = [line]
            elif line:
                replies.append(line + b"\r\n")
    return replies


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("session", "short", "multiline", "servers"):
        sys.stderr.write(__doc__)
        return 2
    mix, size = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    if mix == "servers":
        replies, out, n = recorded_replies(), [], 0
        if not replies:
            sys.stderr.write("altgen.py: no recordings in tests/data/servers/\n")
            return 2
        while n < size:
            r = rng.choice(replies)
            out.append(r)
            n += len(r)
        sys.stdout.buffer.write(b"".join(out))
        return 0
    out, n = [], 0
    while n < size:
        if mix == "short":
            code = rng.choice(SINGLE)[0]
            r = "%d %s\r\n" % (code, words(rng, 3, 30))
        elif mix == "multiline":
            r = multi(rng, 20, 400, 40, 160)
        else:
            r = multi(rng, 3, 25, 10, 70) if rng.random() < 0.2 else single(rng)
        out.append(r)
        n += len(r)
    sys.stdout.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
