#!/usr/bin/env python3
"""Markdown table from the raw output of benchmarks/http/run.sh.

Usage: table.py RESULTS_DIR [SERVER ...]   (servers default to spindle jdk undertow jetty helidon go)
Reads <server>-c50.txt, <server>-c256.txt (wrk --latency), <server>-rss.txt, <server>-start.txt
and, if present, <server>-pipelined.txt and <server>-idle.txt; prints one row per server, Spindle's ratio to the best peer
for every column, and the issue-4 targets marked met or MISSED.
"""
import os
import re
import sys

NAMES = {"spindle": "spindle http-lite", "jdk": "JDK httpserver (virtual threads)",
         "undertow": "Undertow", "jetty": "Jetty 12 (virtual threads)", "helidon": "Helidon 4 SE (virtual threads)",
         "go": "Go net/http"}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def wrk(text):
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    e = sum(int(x) for x in errs.groups()) if errs else 0
    e += int(non2xx.group(1)) if non2xx else 0
    return (float(rps.group(1)) if rps else None,
            float(p99.group(1)) * UNITS[p99.group(2)] if p99 else None, e)


def kib(text, key):
    m = re.search(key + r":\s+(\d+) kB", text)
    return int(m.group(1)) if m else None


def main():
    d = sys.argv[1]
    servers = sys.argv[2:] or ["spindle", "jdk", "undertow", "jetty", "helidon", "go"]
    rows = {}
    for s in servers:
        r50, _, e50 = wrk(read(os.path.join(d, s + "-c50.txt")))
        r256, p99, e256 = wrk(read(os.path.join(d, s + "-c256.txt")))
        rpipe, _, epipe = wrk(read(os.path.join(d, s + "-pipelined.txt")))
        rss = kib(read(os.path.join(d, s + "-rss.txt")), "VmRSS")
        hwm = kib(read(os.path.join(d, s + "-rss.txt")), "VmHWM")
        start = re.search(r"first_response_ms: (\d+)", read(os.path.join(d, s + "-start.txt")))
        itext = read(os.path.join(d, s + "-idle.txt"))
        iopen, irss = re.search(r"^open=(\d+)", itext, re.M), kib(itext, "VmRSS")
        idle = (int(iopen.group(1)), irss / 1024) if iopen and irss else None
        rows[s] = dict(r50=r50, r256=r256, p99=p99, err=e50 + e256 + epipe, rpipe=rpipe,
                       rss=rss / 1024 if rss else None, hwm=hwm / 1024 if hwm else None,
                       start=int(start.group(1)) if start else None,
                       idle=idle)
    has_idle = any(r["idle"] for r in rows.values())
    has_pipe = any(r["rpipe"] for r in rows.values())

    def f(v, fmt):
        return "-" if v is None else fmt.format(v)

    head = ["server", "req/s c=50", "req/s c=256", "p99 c=256 (ms)", "RSS after runs (MiB)",
            "peak RSS (MiB)", "first response (ms)", "socket errors + non-2xx"]
    if has_pipe:
        head.insert(4, "req/s pipelined x16 c=256")
    if has_idle:
        head.append("RSS with idle conns (MiB, still open)")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for s in servers:
        r = rows[s]
        cells = [NAMES.get(s, s), f(r["r50"], "{:,.0f}"), f(r["r256"], "{:,.0f}"), f(r["p99"], "{:.2f}"),
                 f(r["rss"], "{:.0f}"), f(r["hwm"], "{:.0f}"), f(r["start"], "{}"), str(r["err"])]
        if has_pipe:
            cells.insert(4, f(r["rpipe"], "{:,.0f}"))
        if has_idle:
            cells.append("{:.0f} ({:,} open)".format(r["idle"][1], r["idle"][0]) if r["idle"] else "-")
        print("| " + " | ".join(cells) + " |")

    peers = [s for s in servers if s != "spindle" and s in rows]
    if "spindle" not in rows or not peers:
        return
    sp = rows["spindle"]
    # (column, higher is better)
    cols = [("r50", True), ("r256", True), ("p99", False)] + ([("rpipe", True)] if has_pipe else []) \
        + [("rss", False), ("hwm", False), ("start", False)]
    ratio = ["**spindle / best peer**"]
    for key, higher in cols:
        vals = [(rows[p][key], p) for p in peers if rows[p][key] is not None]
        if not vals or sp[key] is None:
            ratio.append("-")
            continue
        best, who = (max if higher else min)(vals)
        ratio.append("{:.2f}x (vs {})".format(sp[key] / best, who))
    ratio.append("")
    if has_idle:
        ratio.append("")
    print("| " + " | ".join(ratio) + " |")

    print()
    print("Targets (issues 4 and 13):")
    best50 = max((rows[p]["r50"] or 0, p) for p in peers)
    best256 = max((rows[p]["r256"] or 0, p) for p in peers)

    def mark(ok):
        return "met" if ok else "MISSED"

    for c, best in (("50", best50), ("256", best256)):
        v = sp["r" + c]
        if v and best[0]:
            print("- req/s c={}: {:,.0f} vs best peer {} {:,.0f} = {:.2f}x (target >= 1.10x): {}".format(
                c, v, best[1], best[0], v / best[0], mark(v >= 1.1 * best[0])))
        for peer, factor in (("undertow", 1.0), ("helidon", 1.1)):
            pv = rows.get(peer, {}).get("r" + c)
            if v and pv:
                print("- req/s c={}: {:.2f}x {} (target >= {:.1f}x): {}".format(
                    c, v / pv, NAMES[peer], factor, mark(v >= factor * pv)))
    if sp["rpipe"] and rows.get("undertow", {}).get("rpipe"):
        u = rows["undertow"]["rpipe"]
        print("- pipelined x16 c=256: {:,.0f} vs Undertow {:,.0f} = {:.2f}x (target >= 1.0x): {}".format(
            sp["rpipe"], u, sp["rpipe"] / u, mark(sp["rpipe"] >= u)))
    if "undertow" in rows and sp["p99"] is not None and rows["undertow"]["p99"] is not None:
        u = rows["undertow"]["p99"]
        print("- p99 c=256: {:.2f} ms vs Undertow {:.2f} ms (target <=): {}".format(sp["p99"], u, mark(sp["p99"] <= u)))
    if sp["rss"] is not None:
        print("- RSS with -Xmx64m after the runs: {:.0f} MiB, peak {:.0f} MiB (target <= 110 MiB): {}".format(
            sp["rss"], sp["hwm"] or 0, mark(sp["rss"] <= 110)))
    if sp["start"] is not None:
        print("- first response: {} ms after process start (target < 300 ms): {}".format(sp["start"], mark(sp["start"] < 300)))


if __name__ == "__main__":
    main()
