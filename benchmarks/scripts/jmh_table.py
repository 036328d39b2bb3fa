#!/usr/bin/env python3
"""Turn a JMH JSON result into a Markdown table of medians and ratios.

usage: jmh_table.py RESULT.json --group PARAM[,PARAM...] --impl-param impl --baseline IMPL [--per PARAM]
                    [--go GO_RESULT.txt] [--ratio-impls IMPL,...]

For every value of the grouping parameter (e.g. tasks), prints the median of each implementation's
measurement iterations, optionally divided by the --per parameter (e.g. per task), and its ratio to
the baseline implementation measured in the same run.

--group may name several keys, comma-separated; the key "benchmark" is the benchmark method's name
(e.g. ChannelBench's "pingPong"), so one table can hold a class whose methods have different
parameters: `--group benchmark,capacity`. A row lacking a parameter shows "-" for it.

--go adds a "go" column: the median ns/op of the Go twin from raw `go test -bench` output (see
benchmarks/go/run.sh), and every implementation's ratio to it. The Go twin of a row is the
benchmark name capitalized plus the value of its --go-suffix-param (default capacity) if it has one:
bufferedSpsc with capacity 16 -> BenchmarkBufferedSpsc16, mpmc4x4 -> BenchmarkMpmc4x4. The JMH
scores must be in ns/op for that ratio to mean anything.

--ratio-impls limits the ratio columns to those implementations (default: all of them).
"""
import argparse
import json
import os
import statistics
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import go_bench_table  # noqa: E402  (a sibling script)


def key_value(run, params, key):
    if key == "benchmark":
        return run["benchmark"].rsplit(".", 1)[-1]
    return params.get(key, "-")


def sort_key(g):
    return float(g) if g.replace('.', '', 1).isdigit() else g


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result")
    ap.add_argument("--group", required=True)
    ap.add_argument("--impl-param", default="impl")
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--per", default=None, help="divide the score by this numeric parameter")
    ap.add_argument("--go", default=None, help="raw `go test -bench` output with the Go twins")
    ap.add_argument("--go-suffix-param", default="capacity")
    ap.add_argument("--ratio-impls", default=None, help="comma-separated; ratio columns only for these")
    args = ap.parse_args()
    keys = args.group.split(",")

    runs = json.load(open(args.result))
    table = defaultdict(dict)
    go_names = {}
    unit = None
    impls = []
    for run in runs:
        params = run.get("params", {})
        impl = params[args.impl_param]
        group = tuple(key_value(run, params, k) for k in keys)
        raw = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
        median = statistics.median(raw)
        if args.per:
            median /= float(params[args.per])
        table[group][impl] = median
        bench = key_value(run, params, "benchmark")
        go_names[group] = bench[0].upper() + bench[1:] + params.get(args.go_suffix_param, "")
        unit = run["primaryMetric"]["scoreUnit"]
        if impl not in impls:
            impls.append(impl)

    go = go_bench_table.medians(args.go) if args.go else None
    rated = [i for i in impls if args.ratio_impls is None or i in args.ratio_impls.split(",")]

    per = f" per {args.per.rstrip('s')}" if args.per else ""
    header = ["/".join(keys)] + [f"{i} ({unit}{per})" for i in impls]
    if go is not None:
        header += ["go (ns/op)"]
    header += [f"{i} / {args.baseline}" for i in rated if i != args.baseline]
    if go is not None:
        header += [f"{i} / go" for i in rated]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    # One key keeps the old order (numeric if it can); several keep the order of the JSON (JMH's).
    groups = sorted(table, key=lambda g: sort_key(g[0])) if len(keys) == 1 else list(table)
    for group in groups:
        row = table[group]
        base = row.get(args.baseline)
        cells = [" ".join(g for g in group if g != "-")] + [f"{row[i]:.3f}" if i in row else "-" for i in impls]
        cells += [f"{row[i] / base:.2f}x" if base and i in row else "-" for i in rated if i != args.baseline]
        if go is not None:
            g = go.get(go_names[group], (None, 0))[0]
            cells.insert(1 + len(impls), f"{g:.1f}" if g else "-")
            cells += [f"{row[i] / g:.2f}x" if g and i in row else "-" for i in rated]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
