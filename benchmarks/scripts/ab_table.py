#!/usr/bin/env python3
"""Markdown table of an A/B run made by ab.sh: per benchmark and parameters, the median of all
measurement iterations of every OLD fork and of every NEW fork, the spread (min-max of the forks'
medians), NEW/OLD, and bytes per op when the runs used -prof gc.

usage: ab_table.py OUT_DIR
"""
import glob
import json
import os
import statistics
import sys


def load(out, side):
    rows = {}
    for path in sorted(glob.glob(os.path.join(out, side + "-*.json"))):
        with open(path) as f:
            try:
                results = json.load(f)
            except json.JSONDecodeError:
                continue  # a fork still running
            for r in results:
                key = (r["benchmark"].split(".")[-1],
                       ",".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items())))
                entry = rows.setdefault(key, {"iters": [], "forks": [], "unit": r["primaryMetric"]["scoreUnit"],
                                              "bytes": []})
                raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
                entry["iters"] += raw
                entry["forks"].append(statistics.median(raw))
                gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                if gc:
                    entry["bytes"].append(gc["score"])
    return rows


def main():
    out = sys.argv[1]
    old, new = load(out, "old"), load(out, "new")
    print("| benchmark | params | old median | old forks (min-max) | new median | new forks (min-max) "
          "| new/old | old B/op | new B/op |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key in sorted(old):
        if key not in new:
            continue
        o, n = old[key], new[key]
        om, nm = statistics.median(o["iters"]), statistics.median(n["iters"])
        ob = f"{statistics.median(o['bytes']):.1f}" if o["bytes"] else "-"
        nb = f"{statistics.median(n['bytes']):.1f}" if n["bytes"] else "-"
        print(f"| {key[0]} | {key[1]} | {om:.3f} {o['unit']} | {min(o['forks']):.3f}-{max(o['forks']):.3f} "
              f"| {nm:.3f} | {min(n['forks']):.3f}-{max(n['forks']):.3f} | {nm / om:.3f} | {ob} | {nb} |")


if __name__ == "__main__":
    main()
