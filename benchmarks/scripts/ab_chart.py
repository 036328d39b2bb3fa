#!/usr/bin/python3
"""Chart of an A/B run made by ab.sh: NEW/OLD per benchmark and parameters (the ratio of the medians
of all iterations), with a bar from the most favourable to the least favourable pairing of the
forks' medians (new min / old max .. new max / old min), and a line at 1.0.

usage: ab_chart.py OUT_DIR CHART.png [TITLE]
"""
import os
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ab_table import load  # noqa: E402


def main():
    out, png = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else "new / old"
    old, new = load(out, "old"), load(out, "new")
    keys = [k for k in sorted(old) if k in new]
    labels, ratios, low, high = [], [], [], []
    for key in keys:
        o, n = old[key], new[key]
        r = statistics.median(n["iters"]) / statistics.median(o["iters"])
        lo = min(n["forks"]) / max(o["forks"])
        hi = max(n["forks"]) / min(o["forks"])
        params = ",".join(p for p in key[1].split(",") if not p.startswith("impl="))
        labels.append(key[0] + (" " + params if params else ""))
        ratios.append(r)
        low.append(max(0.0, r - lo))
        high.append(max(0.0, hi - r))
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(keys) + 1.5))
    ys = range(len(keys))
    ax.errorbar(ratios, ys, xerr=[low, high], fmt="o", capsize=3)
    ax.axvline(1.0, color="grey", linestyle="--")
    ax.set_yticks(list(ys))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("new / old (median; bar: range over the forks' medians), log scale")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


if __name__ == "__main__":
    main()
