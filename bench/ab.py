#!/usr/bin/env python3
"""Compare gongwen binaries on one notice, run alternately (A B A B …), so
that a change in the machine's load falls on all of them alike.

    python3 bench/ab.py [-n RUNS] [-i NOTICE] BIN...

e.g. build the version before a change into /tmp/gw-a and the one after into
/tmp/gw-b (go build -trimpath -o … ./cmd/gongwen), then
python3 bench/ab.py /tmp/gw-a /tmp/gw-b. Prints, per binary, the median and
fastest wall time and the median CPU time (user+sys of the process, the
number least disturbed by other load), and the load average at the end.
Each binary writes into its own folder under $TMPDIR, so the outputs can be
compared with cmp afterwards.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("-n", type=int, default=30, help="runs of each binary (default 30)")
ap.add_argument("-i", default="samples/linshu-2021-q3.toml", help="notice (default the sample)")
ap.add_argument("bins", nargs="+")
a = ap.parse_args()
tmp = tempfile.mkdtemp(prefix="gongwen-ab-")
outs = {b: os.path.join(tmp, "%d-%s" % (i, os.path.basename(b))) for i, b in enumerate(a.bins)}


def args(b):
    return [b, "build", a.i, "-o", outs[b], "--format", "docx,pdf"]


res = {b: ([], []) for b in a.bins}
for b in a.bins:
    for _ in range(3):  # warm-up
        subprocess.run(args(b), stdout=subprocess.DEVNULL, check=True)
for _ in range(a.n):
    for b in a.bins:
        t0 = time.perf_counter()
        p = subprocess.Popen(args(b), stdout=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if status != 0:
            raise SystemExit("%s failed" % b)
        res[b][0].append(wall * 1000)
        res[b][1].append((ru.ru_utime + ru.ru_stime) * 1000)
for b in a.bins:
    w, c = res[b]
    print("%s: wall median %.1f ms, fastest %.1f ms; CPU median %.1f ms; outputs in %s"
          % (b, statistics.median(w), min(w), statistics.median(c), outs[b]))
with open("/proc/loadavg") as f:
    print("load", f.read().strip())
