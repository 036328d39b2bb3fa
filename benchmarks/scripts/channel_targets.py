#!/usr/bin/env python3
"""Judge issue 11's channel targets from one JMH run (and the Go twins), with the error bars.

usage: channel_targets.py RESULT.json [--go GO_RESULT.txt] [--impl spindle]

For every scenario (a benchmark method and its parameters other than impl) prints Spindle's median
with JMH's error, and its ratio to three peers, each with a verdict against its target:
  - jox, target <= 0.9;
  - the best java.util.concurrent queue run in that scenario (abq, lbq, sq, ltq; the lowest median),
    target <= 1.0; `ltqUnbounded` (an unbounded queue beside bounded channels) is not a peer;
  - the Go twin (median of its `go test -count` runs), target <= 1.0.

A ratio counts only if it holds with the error bars. With a = Spindle's median +- its error and
b = the peer's median +- its error:
  met            (a + err_a) / (b - err_b) <= target   (even the worst case meets it)
  missed         (a - err_a) / (b + err_b) >  target   (even the best case misses it)
  within error   otherwise
JMH's error is its `scoreError` (99.9% confidence half-width of the mean over all forks'
iterations); a Go twin's error is half the spread (max - min) of its runs.
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import go_bench_table  # noqa: E402  (a sibling script)
import jmh_table  # noqa: E402

JUC = ("abq", "lbq", "sq", "ltq")


def verdict(a, ea, b, eb, target):
    if b - eb > 0 and (a + ea) / (b - eb) <= target:
        return "met"
    if (a - ea) / (b + eb) > target:
        return "**missed**"
    return "within error"


def go_errors(path):
    """{(base, params): (median, half spread)} for the Go twins, keyed like jmh_table.go_key."""
    out = {}
    for name, values in go_bench_table.runs(path).items():
        out[jmh_table.go_key(name)] = (statistics.median(values), (max(values) - min(values)) / 2)
        out[name] = out[jmh_table.go_key(name)]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result")
    ap.add_argument("--go", default=None)
    ap.add_argument("--impl", default="spindle")
    args = ap.parse_args()

    scenarios = {}
    for run in json.load(open(args.result)):
        params = dict(run.get("params", {}))
        impl = params.pop("impl")
        bench = run["benchmark"].rsplit(".", 1)[-1]
        key = (bench, tuple(sorted(params.items())))
        raw = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
        scenarios.setdefault(key, {})[impl] = (statistics.median(raw), run["primaryMetric"]["scoreError"])
    go = go_errors(args.go) if args.go else {}

    print("| scenario | spindle (ns/op) | jox | spindle / jox (<= 0.9) | best j.u.c | spindle / j.u.c (<= 1.0)"
          " | go | spindle / go (<= 1.0) |")
    print("|---|---|---|---|---|---|---|---|")
    for (bench, params), row in scenarios.items():
        if args.impl not in row:
            continue
        a, ea = row[args.impl]
        name = bench + "".join(f" {k}={v}" for k, v in params)
        cells = [name, f"{a:.1f} ± {ea:.1f}"]
        if "jox" in row:
            b, eb = row["jox"]
            cells += [f"{b:.1f} ± {eb:.1f}", f"{a / b:.2f}x {verdict(a, ea, b, eb, 0.9)}"]
        else:
            cells += ["-", "-"]
        juc = [(row[q][0], row[q][1], q) for q in JUC if q in row]
        if juc:
            b, eb, q = min(juc)
            cells += [f"{q} {b:.1f} ± {eb:.1f}", f"{a / b:.2f}x {verdict(a, ea, b, eb, 1.0)}"]
        else:
            cells += ["-", "-"]
        gkey = (bench[0].upper() + bench[1:], frozenset(f"{k}={v}" for k, v in params))
        twin = go.get(gkey) or go.get(bench[0].upper() + bench[1:] + dict(params).get("capacity", ""))
        if twin:
            b, eb = twin
            cells += [f"{b:.1f} ± {eb:.1f}", f"{a / b:.2f}x {verdict(a, ea, b, eb, 1.0)}"]
        else:
            cells += ["-", "-"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
