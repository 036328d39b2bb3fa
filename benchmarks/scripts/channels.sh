#!/usr/bin/env bash
# The whole channel report in one command (issues 3 and 11): builds the benchmark jar, runs
# ChannelBench and ChannelScaleBench under JMH with -prof gc (3 forks x 5 measured iterations of 1 s
# after 3 warm-up iterations, by default), runs their Go twins (benchmarks/go/run.sh), then writes
# the Markdown table (jmh_table.py, with the Go column and B/op) and the charts (channel_chart.py).
#
# Usage: benchmarks/scripts/channels.sh     (takes the global build lock itself; do NOT wrap it in
#                                           another `flock /tmp/mvn.lock`, that would deadlock)
# Environment (defaults in brackets):
#   INCLUDE     JMH include pattern ['dev\.spindle\.bench\.channels\.'], e.g. 'ChannelScaleBench.mpmc'
#   FORKS [3]  ITERATIONS [5]  WARMUPS [3]  ITERATION_TIME [1s] (JMH -f, -i, -wi, -r and -w)
#   GO_COUNT [5]  GO_BENCHTIME [1s]         go test -count and -benchtime of the Go twins
#   GO_BENCH    go test -bench pattern [.]
#   OUT         where results go [benchmarks/results]; a trial run (FORKS < 3, ITERATIONS < 5,
#               ITERATION_TIME other than 1s, GO_COUNT < 5 or GO_BENCHTIME other than 1s) goes to
#               benchmarks/target/channels-trial instead unless OUT is set, so it never overwrites
#               the committed results
#   SKIP_BUILD=1 reuse benchmarks/target/benchmarks.jar;  SKIP_GO=1 no Go twins (no Go column)
# Files written to OUT: channels.json (JMH), channels.txt (JMH's log), go-channels.txt (go test),
# channels-table.md, channels-ratios.png, channels-scaling.png.
#
# A short trial of the new scenarios (about two minutes plus the build):
#   FORKS=1 WARMUPS=1 ITERATIONS=1 ITERATION_TIME=200ms INCLUDE=ChannelScaleBench \
#     GO_COUNT=1 GO_BENCHTIME=100ms GO_BENCH='ParallelChannels|Mpmc/|FanIn|SelectN' \
#     benchmarks/scripts/channels.sh
#
# Needs a JDK >= 21 (found by scripts/find-jdk.sh), Go >= 1.19 (Debian: golang-go) unless SKIP_GO=1,
# and matplotlib for Debian's /usr/bin/python3 (Debian: python3-matplotlib). Missing Debian packages
# are installed with apt-get when running as root; otherwise the script names them and stops.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ -z "${SPINDLE_BENCH_LOCKED:-}" ]]; then
  export SPINDLE_BENCH_LOCKED=1
  exec flock /tmp/mvn.lock "$0" "$@"
fi
cd "$root"

INCLUDE="${INCLUDE:-dev\.spindle\.bench\.channels\.}"
FORKS="${FORKS:-3}"
ITERATIONS="${ITERATIONS:-5}"
WARMUPS="${WARMUPS:-3}"
ITERATION_TIME="${ITERATION_TIME:-1s}"
GO_COUNT="${GO_COUNT:-5}"
GO_BENCHTIME="${GO_BENCHTIME:-1s}"
GO_BENCH="${GO_BENCH:-.}"
if [[ -z "${OUT:-}" ]] && { [[ "$FORKS" -lt 3 || "$ITERATIONS" -lt 5 || "$ITERATION_TIME" != 1s ]] ||
    [[ -z "${SKIP_GO:-}" && ( "$GO_COUNT" -lt 5 || "$GO_BENCHTIME" != 1s ) ]]; }; then
  OUT="$root/benchmarks/target/channels-trial"
  echo "trial run (fewer forks, iterations or a shorter time than the report's): results go to $OUT" >&2
fi
OUT="$(realpath -m "${OUT:-$root/benchmarks/results}")"
mkdir -p "$OUT"

# Installs Debian package $2 if the check $1 fails, or stops naming it.
need() {
  if eval "$1" >/dev/null 2>&1; then return 0; fi
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing $2 (apt-get)" >&2
    apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null
  else
    echo "channels.sh needs the Debian package $2: apt-get install -y $2" >&2
    exit 1
  fi
}
[[ -n "${SKIP_GO:-}" ]] || need "command -v go" golang-go
need "/usr/bin/python3 -c 'import matplotlib'" python3-matplotlib

source scripts/find-jdk.sh
jdk_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
if [[ -n "$jdk_major" && "$jdk_major" -ge 24 ]]; then
  # Maven's own Guice uses sun.misc.Unsafe; JDK 24+ warns unless told, JDK 21 rejects the flag.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -q -B -DskipTests -Dinvoker.skip -pl benchmarks -am package
fi

# No JVM flags for any implementation: every fork gets JMH's defaults.
"$JAVA_HOME/bin/java" -jar benchmarks/target/benchmarks.jar "$INCLUDE" \
  -f "$FORKS" -wi "$WARMUPS" -w "$ITERATION_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" \
  -prof gc -rf json -rff "$OUT/channels.json" 2>&1 | tee "$OUT/channels.txt"

go_args=()
if [[ -z "${SKIP_GO:-}" ]]; then
  # The lock is already held here, so run.sh is called without another flock.
  benchmarks/go/run.sh "$OUT/go-channels.txt" -bench "$GO_BENCH" -count "$GO_COUNT" -benchtime "$GO_BENCHTIME"
  go_args=(--go "$OUT/go-channels.txt")
fi

python3 benchmarks/scripts/jmh_table.py "$OUT/channels.json" \
  --group benchmark,capacity,pairs,producers,channels --baseline jox --ratio-impls spindle --alloc \
  "${go_args[@]}" | tee "$OUT/channels-table.md"
python3 benchmarks/scripts/channel_targets.py "$OUT/channels.json" "${go_args[@]}" | tee "$OUT/channels-targets.md"
/usr/bin/python3 benchmarks/scripts/channel_chart.py "$OUT/channels.json" "${go_args[@]}" --out-dir "$OUT"
echo "report in $OUT: channels-table.md, channels-targets.md, channels-ratios.png, channels-scaling.png" >&2
