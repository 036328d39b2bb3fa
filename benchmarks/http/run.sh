#!/usr/bin/env bash
# Plaintext "Hello, World!" GET with keep-alive under wrk, Spindle http-lite beside its peers
# (issue 4, Performance): the JDK's com.sun.net.httpserver on virtual threads, Undertow, Jetty 12
# (virtual threads) and Go net/http, one after another in the same run, each on 127.0.0.1 in its
# own process. Per server: time from process start to the first 200, a discarded wrk warm-up,
# `wrk -t2 -c50 -d10s --latency`, `wrk -t2 -c256 -d10s --latency`, then VmRSS/VmHWM from
# /proc/PID/status. Raw output goes to benchmarks/results/http/ (or $OUT); a markdown table is
# printed at the end (benchmarks/http/table.py).
#
# Usage: benchmarks/http/run.sh            (takes the global build lock itself; do NOT wrap it
#                                           in another `flock /tmp/mvn.lock`, that would deadlock)
# Environment (defaults in brackets):
#   SERVERS    servers to run, in order ["spindle jdk undertow jetty go"]
#   JVM_FLAGS  flags for EVERY JVM server ["-Xmx64m"]
#   DURATION   each measured wrk run [10s];  WARMUP  discarded c=50 run before them [5s, 0 = none]
#   IDLE_CONNS if > 0, after the wrk runs also open this many idle keep-alive connections (one
#              request each, then held) and record VmRSS with them open [0; 10000 needs ulimit -n]
#   SKIP_BUILD=1 reuse benchmarks/target/benchmarks.jar and the Go binary
#   JAVA_HOME  [/usr/lib/jvm/temurin-25-jdk-amd64]
# wrk and the servers share the machine's cores: on a 2-core VM the client takes a large share of
# the CPU, so absolute numbers are low; compare ratios within one run.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ -z "${SPINDLE_BENCH_LOCKED:-}" ]]; then
  export SPINDLE_BENCH_LOCKED=1
  exec flock /tmp/mvn.lock "$0" "$@"
fi

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
SERVERS="${SERVERS:-spindle jdk undertow jetty go}"
JVM_FLAGS="${JVM_FLAGS:--Xmx64m}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
IDLE_CONNS="${IDLE_CONNS:-0}"
OUT="$(realpath -m "${OUT:-$root/benchmarks/results/http}")"
jar="$root/benchmarks/target/benchmarks.jar"
gobin="$root/benchmarks/target/go-httpserver"
idlebin="$root/benchmarks/target/go-idleconns"
java="$JAVA_HOME/bin/java"

# (a) wrk
if ! command -v wrk >/dev/null; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get install -y wrk || { $sudo apt-get update && $sudo apt-get install -y wrk; }
fi

# (b) build (we already hold the lock)
cd "$root"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -B -q -o -pl benchmarks -am package -DskipTests \
    || ./mvnw -B -q -pl benchmarks -am package -DskipTests
  (cd benchmarks/go && go build -o "$gobin" ./httpserver)
  if (( IDLE_CONNS > 0 )); then (cd benchmarks/http/idleconns && GO111MODULE=off go build -o "$idlebin" .); fi
fi

mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "java: $("$java" -version 2>&1 | head -2 | tail -1)"
  echo "go: $(go version)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "jvm flags: $JVM_FLAGS"
  echo "servers: $SERVERS; warm-up $WARMUP; duration $DURATION; idle conns $IDLE_CONNS"
} | tee "$OUT/env.txt"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=18080
for s in $SERVERS; do
  while ! port_free "$port"; do port=$((port + 1)); done
  case "$s" in
    spindle)  cmd=("$java" $JVM_FLAGS -cp "$jar" dev.spindle.bench.http.SpindleHttpServer "$port") ;;
    jdk)      cmd=("$java" $JVM_FLAGS -cp "$jar" dev.spindle.bench.http.JdkHttpServer "$port") ;;
    undertow) cmd=("$java" $JVM_FLAGS -cp "$jar" dev.spindle.bench.http.UndertowHttpServer "$port") ;;
    jetty)    cmd=("$java" $JVM_FLAGS -cp "$jar" dev.spindle.bench.http.JettyHttpServer "$port") ;;
    go)       cmd=("$gobin" "$port") ;;
    *) echo "unknown server $s" >&2; exit 2 ;;
  esac
  url="http://127.0.0.1:$port/"
  echo "== $s on $url: ${cmd[*]}" >&2
  t0=$(now_ms)
  "${cmd[@]}" >"$OUT/$s-server.log" 2>&1 &
  pid=$!
  # First successful response; curl every ~10 ms, so the figure has ~10-20 ms resolution.
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$s exited; see $OUT/$s-server.log" >&2; exit 1; fi
    if (( $(now_ms) - t0 > 30000 )); then echo "$s did not answer in 30 s" >&2; kill "$pid"; exit 1; fi
    sleep 0.01
  done
  echo "first_response_ms: $(( $(now_ms) - t0 ))" >"$OUT/$s-start.txt"
  curl -si "$url" >"$OUT/$s-response.txt"
  if [[ "$WARMUP" != 0 ]]; then wrk -t2 -c50 -d"$WARMUP" --latency "$url" >"$OUT/$s-warmup.txt"; fi
  for c in 50 256; do
    wrk -t2 -c"$c" -d"$DURATION" --latency "$url" | tee "$OUT/$s-c$c.txt" >&2
  done
  grep -E '^(VmRSS|VmHWM|Threads)' "/proc/$pid/status" >"$OUT/$s-rss.txt"
  if (( IDLE_CONNS > 0 )); then
    "$idlebin" -addr "127.0.0.1:$port" -n "$IDLE_CONNS" -status "/proc/$pid/status" >"$OUT/$s-idle.txt" 2>&1 || true
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  port=$((port + 1))
  sleep 2
done

python3 "$root/benchmarks/http/table.py" "$OUT" $SERVERS | tee "$OUT/table.md"
