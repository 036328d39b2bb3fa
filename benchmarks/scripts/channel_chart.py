#!/usr/bin/python3
"""Draw the channel benchmarks (ChannelBench, ChannelScaleBench) from JMH's JSON as PNG charts.

usage: channel_chart.py RESULT.json [MORE.json ...] --out-dir DIR [--go GO_RESULT.txt] [--prefix NAME]

Writes two files into DIR (made if missing):
  NAME-ratios.png   Spindle's score divided by jox's, by Go's twin and by the best bounded
                    java.util.concurrent queue (abq, lbq, sq, ltq; not ltqUnbounded, a reference line
                    only), one group of bars per scenario row, on a log scale with a line at 1.0:
                    below 1.0 Spindle is faster.
  NAME-scaling.png  ns/op against the number of pairs (parallelChannels), of producers (mpmc) and of
                    channels (selectN, one panel per capacity), one line per implementation and Go,
                    on log-x axes. Panels whose benchmark is not in the input are left out.
NAME defaults to "channels". The scores must be in ns/op (both classes report that).

Point values are medians over all measurement iterations of all forks, as jmh_table.py prints them.
Error bars are 95% intervals of that median (of the ratio, in the first chart) from a two-level
bootstrap over JMH's per-iteration data: forks are resampled, then iterations within each resampled
fork, so fork-to-fork variation counts. Each Go run (go test -count) counts as one fork of one
iteration. A ratio counts only where its bar clears 1.0 with its error bar.

--go reads raw `go test -bench` output (benchmarks/go/run.sh) and finds each row's Go twin by the
rules of jmh_table.py --go (BenchmarkSelectN/channels=8/capacity=16, BenchmarkBufferedSpsc16).

Needs matplotlib and numpy from Debian, not from PyPI:
    apt-get install -y python3-matplotlib        (pulls in python3-numpy)
and runs with Debian's interpreter, /usr/bin/python3 (a pyenv or venv python does not see Debian's
packages), e.g.
    /usr/bin/python3 benchmarks/scripts/channel_chart.py benchmarks/results/channels.json \\
        --go benchmarks/results/go-channels.txt --out-dir benchmarks/results
"""
import argparse
import json
import os
import sys
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import go_bench_table  # noqa: E402  (a sibling script)
import jmh_table  # noqa: E402

try:
    import matplotlib
    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator
except ImportError as e:
    sys.exit(f"channel_chart.py needs {e.name}: apt-get install -y python3-matplotlib, "
             f"then run it with /usr/bin/python3 (this is {sys.executable})")

QUEUES = ("abq", "lbq", "sq", "ltq")  # bounded (or rendezvous) queues: candidates for "best queue"
STYLES = {  # implementation -> (colour, line style)
    "spindle": ("tab:blue", "-"),
    "jox": ("tab:orange", "-"),
    "abq": ("tab:green", "-"),
    "lbq": ("tab:red", "-"),
    "sq": ("tab:purple", "-"),
    "ltq": ("tab:brown", "-"),
    "ltqUnbounded": ("tab:gray", ":"),
    "go": ("black", "--"),
}
SCALING = (  # (benchmark, x parameter, fixed parameters, x label)
    ("parallelChannels", "pairs", {}, "producer/consumer pairs, each on its own channel"),
    ("mpmc", "producers", {}, "producers (and as many consumers) on one channel"),
    ("selectN", "channels", {"capacity": "0"}, "channels selected over (unbuffered)"),
    ("selectN", "channels", {"capacity": "16"}, "channels selected over (capacity 16)"),
)
BOOTSTRAP_ROUNDS = 2000


class Row:
    """One scenario row: a benchmark method with one set of non-impl parameters, and per
    implementation the raw per-fork, per-iteration scores."""

    def __init__(self, bench, params):
        self.bench = bench
        self.params = params  # without impl
        self.raw = OrderedDict()  # impl -> [[iteration scores of fork 1], [fork 2], ...]
        self.go = None  # Go runs, as forks of one iteration each

    def label(self):
        return " ".join([self.bench] + [f"{k}={v}" for k, v in sorted(self.params.items())])


def load(paths, go_path):
    rows = OrderedDict()
    for path in paths:
        with open(path) as f:
            for run in json.load(f):
                unit = run["primaryMetric"]["scoreUnit"]
                if unit != "ns/op":
                    sys.exit(f"{path}: {run['benchmark']} is in {unit}, not ns/op")
                params = dict(run.get("params", {}))
                impl = params.pop("impl")
                bench = run["benchmark"].rsplit(".", 1)[-1]
                key = (bench, tuple(sorted(params.items())))
                row = rows.setdefault(key, Row(bench, params))
                row.raw[impl] = run["primaryMetric"]["rawData"]
    if go_path:
        go = go_bench_table.runs(go_path)
        go_by_key = {jmh_table.go_key(name): values for name, values in go.items()}
        for row in rows.values():
            values = jmh_table.go_twin(go_by_key, go, row.bench, row.params, "impl", "capacity")
            if values:
                row.go = [[v] for v in values]
    return list(rows.values())


def median(forks):
    return float(np.median([x for fork in forks for x in fork]))


def bootstrap(forks, rng):
    """BOOTSTRAP_ROUNDS two-level bootstrap medians: forks with replacement, then iterations within
    each picked fork with replacement."""
    if len({len(f) for f in forks}) == 1:  # JMH: every fork has the same iteration count
        data = np.asarray(forks, dtype=float)
        n_forks, n_iter = data.shape
        picked = rng.integers(0, n_forks, (BOOTSTRAP_ROUNDS, n_forks, 1))
        iters = rng.integers(0, n_iter, (BOOTSTRAP_ROUNDS, n_forks, n_iter))
        return np.median(data[picked, iters].reshape(BOOTSTRAP_ROUNDS, -1), axis=1)
    out = np.empty(BOOTSTRAP_ROUNDS)
    for b in range(BOOTSTRAP_ROUNDS):
        picked = [forks[i] for i in rng.integers(0, len(forks), len(forks))]
        out[b] = np.median(np.concatenate([rng.choice(f, len(f)) for f in picked]))
    return out


def interval(samples):
    return float(np.percentile(samples, 2.5)), float(np.percentile(samples, 97.5))


def median_ci(forks, rng):
    return interval(bootstrap(forks, rng))


def ratio_ci(top, bottom, rng):
    return interval(bootstrap(top, rng) / bootstrap(bottom, rng))


def best_queue(row):
    present = [q for q in QUEUES if q in row.raw]
    return min(present, key=lambda q: median(row.raw[q])) if present else None


def ratios_chart(rows, path, rng):
    rows = [r for r in rows if "spindle" in r.raw]
    series = (("jox", "jox", "tab:orange"), ("Go", "go", "black"), ("best j.u.c queue", "queue", "tab:green"))
    width = 0.27
    fig, ax = plt.subplots(figsize=(max(8.0, 0.75 * len(rows) + 2), 6.5))
    for s, (name, which, colour) in enumerate(series):
        xs, ys, lo, hi = [], [], [], []
        for x, row in enumerate(rows):
            if which == "go":
                other = row.go
            elif which == "queue":
                q = best_queue(row)
                other = row.raw[q] if q else None
            else:
                other = row.raw.get(which)
            if not other:
                continue
            ratio = median(row.raw["spindle"]) / median(other)
            low, high = ratio_ci(row.raw["spindle"], other, rng)
            xs.append(x + (s - 1) * width)
            ys.append(ratio)
            lo.append(max(ratio - low, 0.0))
            hi.append(max(high - ratio, 0.0))
        if xs:
            ax.bar(xs, ys, width, label=f"Spindle / {name}", color=colour, alpha=0.8,
                   yerr=[lo, hi], capsize=2, error_kw={"elinewidth": 0.8})
    ax.axhline(1.0, color="black", linewidth=1)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=2))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}x"))
    ax.set_ylabel("Spindle's ns/op divided by the peer's (log; below 1 = Spindle faster)")
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([r.label() for r in rows], rotation=50, ha="right", fontsize=8)
    ax.set_title("Spindle's channels against jox, Go and the best bounded java.util.concurrent queue\n"
                 "(medians; 95% bootstrap intervals over forks and iterations)", fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def scaling_chart(rows, path, rng):
    panels = []
    for bench, xparam, fixed, xlabel in SCALING:
        chosen = [r for r in rows if r.bench == bench and xparam in r.params
                  and all(r.params.get(k) == v for k, v in fixed.items())]
        if chosen:
            panels.append((bench, fixed, xlabel, sorted(chosen, key=lambda r: float(r.params[xparam])), xparam))
    if not panels:
        print(f"no parallelChannels, mpmc or selectN rows: {path} not written", file=sys.stderr)
        return False
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4.8), squeeze=False)
    for ax, (bench, fixed, xlabel, chosen, xparam) in zip(axes[0], panels):
        impls = list(OrderedDict.fromkeys(i for r in chosen for i in r.raw)) + ["go"]
        for impl in impls:
            points = [(float(r.params[xparam]), r.go if impl == "go" else r.raw.get(impl)) for r in chosen]
            points = [(x, forks) for x, forks in points if forks]
            if not points:
                continue
            xs = [x for x, _ in points]
            ys = [median(forks) for _, forks in points]
            cis = [median_ci(forks, rng) for _, forks in points]
            colour, line = STYLES.get(impl, (None, "-"))
            label = "ltqUnbounded (reference, unbounded)" if impl == "ltqUnbounded" else impl
            ax.errorbar(xs, ys, yerr=[[max(y - lo, 0.0) for y, (lo, _) in zip(ys, cis)],
                                      [max(hi - y, 0.0) for y, (_, hi) in zip(ys, cis)]],
                        label=label, color=colour, linestyle=line, marker="o", markersize=3, capsize=2)
        ax.set_xscale("log")
        ticks = sorted({float(r.params[xparam]) for r in chosen})
        ax.set_xticks(ticks)
        ax.set_xticklabels([f"{t:g}" for t in ticks])
        ax.minorticks_off()
        ax.set_ylim(bottom=0)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("ns/op (per message; per select in selectN)")
        title = bench + "".join(f" {k}={v}" for k, v in fixed.items())
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    legend = OrderedDict()  # one legend for all panels, below them
    for ax in axes[0]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            legend.setdefault(label, handle)
    fig.legend(list(legend.values()), list(legend.keys()), loc="lower center", ncol=len(legend), fontsize=8)
    fig.suptitle("Channel scenarios at scale (medians; 95% bootstrap intervals)", fontsize=10)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return True


def main():
    ap = argparse.ArgumentParser(description="Charts of the channel benchmarks from JMH JSON.")
    ap.add_argument("results", nargs="+", help="JMH JSON files (-rf json) of ChannelBench and/or ChannelScaleBench")
    ap.add_argument("--out-dir", required=True, help="where the PNG files go")
    ap.add_argument("--go", default=None, help="raw `go test -bench` output with the Go twins")
    ap.add_argument("--prefix", default="channels", help="file name prefix (default channels)")
    args = ap.parse_args()

    rows = load(args.results, args.go)
    os.makedirs(args.out_dir, exist_ok=True)
    rng = np.random.default_rng(11)  # fixed seed: the same input draws the same chart
    ratios = os.path.join(args.out_dir, f"{args.prefix}-ratios.png")
    ratios_chart(rows, ratios, rng)
    print(ratios)
    scaling = os.path.join(args.out_dir, f"{args.prefix}-scaling.png")
    if scaling_chart(rows, scaling, rng):
        print(scaling)


if __name__ == "__main__":
    main()
