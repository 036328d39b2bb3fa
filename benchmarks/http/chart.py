#!/usr/bin/env python3
"""Chart of one or more runs of benchmarks/http/run.sh: requests per second per server.

Usage: chart.py OUT.png [LABEL=]RESULTS_DIR [[LABEL=]RESULTS_DIR ...]
Reads the same raw files as table.py (<server>-c50.txt, -c256.txt, -pipelined.txt) in each
results directory and draws, per run, grouped bars of req/s at c=50 and c=256 (left) and the
pipelined x16 run (right, its own scale: it is ~10x the others). Servers with no output in a run
are left out of it. Needs matplotlib (Debian: python3-matplotlib, for /usr/bin/python3).
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from table import NAMES, read, wrk  # noqa: E402

SERVERS = ["spindle", "jdk", "undertow", "jetty", "helidon", "go"]


def load(d):
    rows = {}
    for s in SERVERS:
        r50 = wrk(read(os.path.join(d, s + "-c50.txt")))[0]
        r256 = wrk(read(os.path.join(d, s + "-c256.txt")))[0]
        rpipe = wrk(read(os.path.join(d, s + "-pipelined.txt")))[0]
        if r50 or r256 or rpipe:
            rows[s] = (r50 or 0, r256 or 0, rpipe or 0)
    return rows


def main():
    out, dirs = sys.argv[1], sys.argv[2:]
    fig, axes = plt.subplots(len(dirs), 2, figsize=(12, 3.6 * len(dirs)), squeeze=False,
                             gridspec_kw={"width_ratios": [2, 1]})
    for row, arg in zip(axes, dirs):
        label, _, d = arg.rpartition("=")
        label = label or os.path.basename(os.path.normpath(d))
        data = load(d)
        names = [NAMES[s].replace(" (virtual threads)", "\n(virtual threads)") for s in data]
        xs = range(len(data))
        w = 0.38
        row[0].bar([x - w / 2 for x in xs], [v[0] for v in data.values()], w, label="c=50")
        row[0].bar([x + w / 2 for x in xs], [v[1] for v in data.values()], w, label="c=256")
        row[0].set_xticks(list(xs), names, fontsize=8)
        row[0].set_ylabel("req/s (keep-alive)")
        row[0].set_title(label + ": plaintext hello", fontsize=9)
        row[0].legend(fontsize=8)
        row[1].bar(list(xs), [v[2] for v in data.values()], 0.6, color="tab:green")
        row[1].set_xticks(list(xs), names, fontsize=7)
        row[1].set_ylabel("req/s")
        row[1].set_title("pipelined x16, c=256", fontsize=9)
    fig.suptitle("benchmarks/http/run.sh: higher is better; wrk shares the 2 cores with the server",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print("wrote", out)


if __name__ == "__main__":
    main()
