#!/usr/bin/env python3
"""Turn a JMH JSON result into a Markdown table of medians and ratios.

usage: jmh_table.py RESULT.json --group PARAM[,PARAM...] --impl-param impl --baseline IMPL [--per PARAM]
                    [--go GO_RESULT.txt] [--ratio-impls IMPL,...] [--alloc]

For every value of the grouping parameter (e.g. tasks), prints the median of each implementation's
measurement iterations, optionally divided by the --per parameter (e.g. per task), and its ratio to
the baseline implementation measured in the same run.

--group may name several keys, comma-separated; the key "benchmark" is the benchmark method's name
(e.g. ChannelBench's "pingPong"), so one table can hold a class whose methods have different
parameters: `--group benchmark,capacity`. A row lacking a parameter shows "-" for it.

--go adds a "go" column: the median ns/op of the Go twin from raw `go test -bench` output (see
benchmarks/go/run.sh), and every implementation's ratio to it. The Go twin of a row is found by the
benchmark name capitalized and the row's parameters other than --impl-param:
  - a sub-benchmark per parameter value, named param=value in any order:
    selectN with channels=8, capacity=16 -> BenchmarkSelectN/channels=8/capacity=16 (or
    .../capacity=16/channels=8), mpmc with producers=4 -> BenchmarkMpmc/producers=4, and a row with
    no parameters -> the bare name (mpmc4x4 -> BenchmarkMpmc4x4);
  - else the older form, the name plus the value of --go-suffix-param (default capacity):
    bufferedSpsc with capacity 16 -> BenchmarkBufferedSpsc16.
The JMH scores must be in ns/op for that ratio to mean anything.

--alloc adds a "B/op" column per implementation: the median of the gc.alloc.rate.norm secondary
metric that JMH's `-prof gc` records (bytes allocated per op, over all threads, so a virtual thread's
allocations count), "-" where the run has none. Not divided by --per.

--ratio-impls limits the ratio columns to those implementations (default: all of them).

--error adds JMH's error to every cell: a score cell becomes "median ± error", the error being JMH's
99.9% confidence half-width of the mean (primaryMetric.scoreError, divided by --per like the score),
and a ratio cell becomes "ratio [low, high]", the ratio of the means at the two ends of their error
bars (low = (mean - error) / (baseline mean + its error), high the other way). A ratio "holds" only
if its whole interval is on one side of the line it is compared with.
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


def go_key(name):
    """A Go benchmark name as (base, its param=value parts): 'SelectN/channels=8/capacity=16' ->
    ('SelectN', {'channels=8', 'capacity=16'}); an older name has no parts: ('BufferedSpsc16', {})."""
    base, *parts = name.split("/")
    return base, frozenset(parts)


def go_twin(go_by_key, go, bench, params, impl_param, suffix_param):
    """The (median, runs) of a JMH row's Go twin, or None: see --go in the module docstring."""
    name = bench[0].upper() + bench[1:]
    key = (name, frozenset(f"{k}={v}" for k, v in params.items() if k != impl_param))
    if key in go_by_key:
        return go_by_key[key]
    return go.get(name + params.get(suffix_param, ""))


def alloc_median(run):
    """Median B/op from -prof gc's gc.alloc.rate.norm, or None if the run was made without it."""
    metric = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    if metric is None:
        return None
    return statistics.median(x for fork in metric["rawData"] for x in fork)


def sort_key(g):
    return float(g) if g.replace('.', '', 1).isdigit() else g


def score_cell(row, means, impl, with_error):
    if impl not in row:
        return "-"
    return f"{row[impl]:.3f} ± {means[impl][1]:.3f}" if with_error else f"{row[impl]:.3f}"


def ratio_cell(row, means, impl, baseline, with_error):
    base = row.get(baseline)
    if not base or impl not in row:
        return "-"
    if not with_error:
        return f"{row[impl] / base:.2f}x"
    (m, e), (bm, be) = means[impl], means[baseline]
    low = (m - e) / (bm + be)
    high = (m + e) / (bm - be) if bm > be else float("inf")
    return f"{row[impl] / base:.2f}x [{low:.2f}, {high:.2f}]"


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
    ap.add_argument("--alloc", action="store_true", help="add B/op columns from -prof gc's gc.alloc.rate.norm")
    ap.add_argument("--error", action="store_true", help="add JMH's 99.9%% error to scores and an interval to ratios")
    args = ap.parse_args()
    keys = args.group.split(",")

    runs = json.load(open(args.result))
    go = go_bench_table.medians(args.go) if args.go else None
    go_by_key = {go_key(name): value for name, value in go.items()} if go else {}
    table = defaultdict(dict)
    means = defaultdict(dict)  # (mean, error), divided by --per like the medians
    alloc = defaultdict(dict)
    go_twins = {}
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
        mean, error = run["primaryMetric"]["score"], run["primaryMetric"]["scoreError"]
        if args.per:
            mean /= float(params[args.per])
            error /= float(params[args.per])
        means[group][impl] = (mean, error if error == error else 0.0)  # NaN (one iteration) -> 0
        alloc[group][impl] = alloc_median(run)
        if go is not None:
            bench = key_value(run, params, "benchmark")
            go_twins[group] = go_twin(go_by_key, go, bench, params, args.impl_param, args.go_suffix_param)
        unit = run["primaryMetric"]["scoreUnit"]
        if impl not in impls:
            impls.append(impl)

    rated = [i for i in impls if args.ratio_impls is None or i in args.ratio_impls.split(",")]

    per = f" per {args.per.rstrip('s')}" if args.per else ""
    header = ["/".join(keys)] + [f"{i} ({unit}{per})" for i in impls]
    if go is not None:
        header += ["go (ns/op)"]
    if args.alloc:
        header += [f"{i} (B/op)" for i in impls]
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
        cells = [" ".join(g for g in group if g != "-")] + [score_cell(row, means[group], i, args.error) for i in impls]
        g = (go_twins.get(group) or (None, 0))[0]
        if go is not None:
            cells += [f"{g:.1f}" if g else "-"]
        if args.alloc:
            cells += [f"{alloc[group][i]:.1f}" if alloc[group].get(i) is not None else "-" for i in impls]
        cells += [ratio_cell(row, means[group], i, args.baseline, args.error) for i in rated if i != args.baseline]
        if go is not None:
            cells += [f"{row[i] / g:.2f}x" if g and i in row else "-" for i in rated]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
