#!/usr/bin/env bash
# Runs the Go twins of ChannelBench and writes the raw `go test` output to
# benchmarks/results/go-channels.txt, or to the file given as $1; any further arguments go to
# `go test` after the defaults (a later -count/-benchtime wins).
# On the shared 2-core machine run it under the global lock: flock /tmp/mvn.lock benchmarks/go/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(realpath -m "${1:-$here/../results/go-channels.txt}")"
shift || true
mkdir -p "$(dirname "$out")"
cd "$here"
{
  go version
  go test -run '^$' -bench . -count 5 -benchtime 1s "$@"
} | tee "$out"
echo "raw output in $out; medians: python3 benchmarks/scripts/go_bench_table.py $out" >&2
