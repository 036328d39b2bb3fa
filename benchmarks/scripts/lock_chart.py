#!/usr/bin/python3
"""Draw ClusterBench.lockUnlock runs side by side as a PNG bar chart.

usage: lock_chart.py OUT.png LABEL=RESULT.json [LABEL=RESULT.json ...]

One group of bars per run (LABEL, e.g. the code version measured), one bar per implementation
(`impl` parameter: spindle, raw, rawLockAndIncrement, rawTwoProcessors; those a run lacks are left out), height = the median us/op over every
measurement iteration of every fork (as jmh_table.py prints it), error bar = JMH's 99.9% error of
the mean (primaryMetric.scoreError) drawn around that median. The ratio spindle / raw of the medians
is written above each group. Needs matplotlib.
"""
import json
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

IMPLS = ["spindle", "raw", "rawLockAndIncrement", "rawTwoProcessors"]


def load(path):
    """{impl: (median, error)} of the lockUnlock benchmark in one JMH JSON file."""
    out = {}
    for b in json.load(open(path)):
        if not b["benchmark"].endswith(".lockUnlock"):
            continue
        m = b["primaryMetric"]
        values = [v for fork in m["rawData"] for v in fork]
        out[b["params"]["impl"]] = (statistics.median(values), m["scoreError"])
    return out


def main(argv):
    if len(argv) < 3 or any("=" not in a for a in argv[2:]):
        sys.exit(__doc__)
    out_png = argv[1]
    runs = [(a.split("=", 1)[0], load(a.split("=", 1)[1])) for a in argv[2:]]
    width = 0.8 / len(IMPLS)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for i, impl in enumerate(IMPLS):
        xs, ys, errs = [], [], []
        for g, (_, res) in enumerate(runs):
            if impl in res:
                xs.append(g + (i - (len(IMPLS) - 1) / 2) * width)
                ys.append(res[impl][0])
                errs.append(res[impl][1])
        ax.bar(xs, ys, width, yerr=errs, capsize=3, label=impl)
    for g, (_, res) in enumerate(runs):
        if "spindle" in res and "raw" in res:
            top = max(v + e for v, e in res.values())
            ax.text(g, top * 1.03, f"spindle / raw = {res['spindle'][0] / res['raw'][0]:.2f}x", ha="center")
    ax.set_xticks(range(len(runs)), [label for label, _ in runs])
    ax.set_ylabel("us per lock + unlock (median, JMH 99.9% error)")
    ax.set_title("ClusterBench.lockUnlock: fenced DistributedLock vs raw IMap.lock")
    ax.legend(loc="upper right", fontsize="small")
    ax.set_ylim(0, max(v + e for _, res in runs for v, e in res.values()) * 1.15)
    fig.tight_layout()
    fig.savefig(out_png, dpi=110)


if __name__ == "__main__":
    main(sys.argv)
