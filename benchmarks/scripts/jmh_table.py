#!/usr/bin/env python3
"""Turn a JMH JSON result into a Markdown table of medians and ratios.

usage: jmh_table.py RESULT.json --group PARAM --impl-param impl --baseline IMPL [--per PARAM]

For every value of the grouping parameter (e.g. tasks), prints the median of each implementation's
measurement iterations, optionally divided by the --per parameter (e.g. per task), and its ratio to
the baseline implementation measured in the same run.
"""
import argparse
import json
import statistics
from collections import defaultdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result")
    ap.add_argument("--group", required=True)
    ap.add_argument("--impl-param", default="impl")
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--per", default=None, help="divide the score by this numeric parameter")
    args = ap.parse_args()

    runs = json.load(open(args.result))
    table = defaultdict(dict)
    unit = None
    impls = []
    for run in runs:
        params = run.get("params", {})
        impl = params[args.impl_param]
        group = params[args.group]
        raw = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
        median = statistics.median(raw)
        if args.per:
            median /= float(params[args.per])
        table[group][impl] = median
        unit = run["primaryMetric"]["scoreUnit"]
        if impl not in impls:
            impls.append(impl)

    per = f" per {args.per.rstrip('s')}" if args.per else ""
    header = [args.group] + [f"{i} ({unit}{per})" for i in impls] + [f"{i} / {args.baseline}" for i in impls if i != args.baseline]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for group in sorted(table, key=lambda g: float(g) if g.replace('.', '', 1).isdigit() else g):
        row = table[group]
        base = row.get(args.baseline)
        cells = [group] + [f"{row[i]:.3f}" if i in row else "-" for i in impls]
        cells += [f"{row[i] / base:.2f}x" if base and i in row else "-" for i in impls if i != args.baseline]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
