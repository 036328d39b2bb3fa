#!/usr/bin/env python3
"""Print the median ns/op of each Go benchmark in raw `go test -bench` output, as a Markdown table.

usage: go_bench_table.py RESULT.txt

RESULT.txt is what benchmarks/go/run.sh writes (several -count runs per benchmark). The benchmark name
loses its "Benchmark" prefix and its "-GOMAXPROCS" suffix; "runs" is how many results the median is of.
"""
import argparse
import re
import statistics
from collections import defaultdict

# BenchmarkPingPong-2   	 3606980	       332.1 ns/op	  [more metrics]
LINE = re.compile(r"^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op")


def runs(path):
    """{benchmark name: [ns/op of each run]} in the order the names first appear in the file."""
    found = defaultdict(list)
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                found[m.group(1)].append(float(m.group(2)))
    return dict(found)


def medians(path):
    """{benchmark name: (median ns/op, runs)} in the order the names first appear in the file."""
    return {name: (statistics.median(values), len(values)) for name, values in runs(path).items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result")
    args = ap.parse_args()
    print("| benchmark | median ns/op | runs |")
    print("|---|---|---|")
    for name, (median, n) in medians(args.result).items():
        print(f"| {name} | {median:.1f} | {n} |")


if __name__ == "__main__":
    main()
