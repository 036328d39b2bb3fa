#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples (jdk.ExecutionSample), for docs/benchmarks.md.

Usage: jfr_top.py RECORDING.jfr [N] [--prefix dev.spindle.]
Runs `jfr print --json --events jdk.ExecutionSample` (jfr from $JAVA_HOME/bin, else PATH) and prints
three tables of N rows [20]: the top (leaf) frames by self samples; the frames by inclusive samples
(a frame counted once per sample it appears in); and the callers of interest: for every sample,
the innermost frame whose class starts with the prefix [dev.spindle.], i.e. which of our methods
the CPU was under. Shares are of all samples.
"""
import collections
import json
import os
import shutil
import subprocess
import sys


def jfr_bin():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    return shutil.which("jfr") or sys.exit("jfr not found: set JAVA_HOME to a JDK")


def name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--prefix")]
    prefix = "dev.spindle."
    for a in sys.argv[1:]:
        if a.startswith("--prefix="):
            prefix = a.split("=", 1)[1]
    path = args[0]
    n = int(args[1]) if len(args) > 1 else 20
    out = subprocess.run([jfr_bin(), "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_c, incl_c, ours_c = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        frames = [name(f) for f in (e["values"]["stackTrace"] or {}).get("frames", [])]
        if not frames:
            continue
        self_c[frames[0]] += 1
        for f in set(frames):
            incl_c[f] += 1
        ours_c[next((f for f in frames if f.startswith(prefix)), "(none of " + prefix + "*)")] += 1
    total = len(events)
    print("{}: {} samples".format(os.path.basename(path), total))
    for title, counter in (("self (leaf frame)", self_c), ("inclusive", incl_c),
                           ("innermost " + prefix + "* frame", ours_c)):
        print()
        print("| {} | samples | share |".format(title))
        print("|---|---|---|")
        for f, c in counter.most_common(n):
            print("| `{}` | {} | {:.1f}% |".format(f, c, 100.0 * c / total))


if __name__ == "__main__":
    main()
