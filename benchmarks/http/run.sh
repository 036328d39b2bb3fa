#!/usr/bin/env bash
# Plaintext "Hello, World!" GET with keep-alive under wrk, Spindle http-lite beside its peers
# (issues 4 and 13): the JDK's com.sun.net.httpserver on virtual threads, Undertow, Jetty 12
# (virtual threads), Helidon 4 SE (virtual threads) and Go net/http, one after another in the same
# run, each on 127.0.0.1 in its own process. Per server: time from process start to the first 200,
# a discarded wrk warm-up, `wrk -t2 -c50 -d10s --latency`, `wrk -t2 -c256 -d10s --latency`, a
# pipelined `wrk -t2 -c256` run (16 requests per write, benchmarks/http/pipeline.lua, as the
# TechEmpower plaintext test does), then VmRSS/VmHWM from /proc/PID/status. Raw output goes to
# benchmarks/results/http/ (or $OUT); a markdown table is printed at the end (table.py).
#
# Usage: benchmarks/http/run.sh            (takes the global build lock itself; do NOT wrap it
#                                           in another `flock /tmp/mvn.lock`, that would deadlock)
# Environment (defaults in brackets):
#   SERVERS    servers to run, in order ["spindle jdk undertow jetty helidon go"]
#   JVM_FLAGS  flags for EVERY JVM server ["-Xmx64m"]
#   DURATION   each measured wrk run [10s];  WARMUP  discarded c=50 run before them [5s, 0 = none]
#   PIPELINE   requests per write in the pipelined run [16, 0 = no pipelined run]
#   JFR=1      record a JFR profile (settings=profile) of each JVM server: $OUT/<server>.jfr
#   IDLE_CONNS if > 0, after the wrk runs also open this many idle keep-alive connections (one
#              request each, then held) and record VmRSS with them open [0; 10000 needs ulimit -n]
#   SKIP_BUILD=1 reuse benchmarks/target/benchmarks.jar and the Go binaries
#   JAVA_HOME  a JDK >= 21 [found by scripts/find-jdk.sh: JAVA_HOME if >= 21, else the newest]
# Needs: wrk (installed with apt-get if missing), curl, python3; Go (Debian golang-go, installed if
# missing) only when "go" is in SERVERS or IDLE_CONNS > 0.
# wrk and the servers share the machine's cores: on a 2-core VM the client takes a large share of
# the CPU, so absolute numbers are low; compare ratios within one run.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ -z "${SPINDLE_BENCH_LOCKED:-}" ]]; then
  export SPINDLE_BENCH_LOCKED=1
  exec flock /tmp/mvn.lock "$0" "$@"
fi

cd "$root"
source scripts/find-jdk.sh
jdk_major=$(spindle_jdk_major "$JAVA_HOME")
if [[ "$jdk_major" -ge 24 ]]; then
  # Maven's own Guice uses sun.misc.Unsafe; JDK 24+ warns unless told, JDK 21 rejects the flag.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
SERVERS="${SERVERS:-spindle jdk undertow jetty helidon go}"
JVM_FLAGS="${JVM_FLAGS:--Xmx64m}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
PIPELINE="${PIPELINE:-16}"
IDLE_CONNS="${IDLE_CONNS:-0}"
OUT="$(realpath -m "${OUT:-$root/benchmarks/results/http}")"
built_jar="$root/benchmarks/target/benchmarks.jar"
gobin="$root/benchmarks/target/go-httpserver"
idlebin="$root/benchmarks/target/go-idleconns"
java="$JAVA_HOME/bin/java"
want_go=0
if [[ " $SERVERS " == *" go "* ]] || (( IDLE_CONNS > 0 )); then want_go=1; fi

# Installs Debian package $2 if command $1 is missing, and says so; or stops naming it.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  if command -v apt-get >/dev/null; then
    echo "run.sh: $1 not found; installing Debian package $2 (apt-get)" >&2
    $sudo apt-get install -y -q "$2" >/dev/null 2>&1 \
      || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$2" >/dev/null; }
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "run.sh needs $1: install the package $2" >&2; exit 1; }
}
need wrk wrk
need curl curl
if (( want_go )); then need go golang-go; fi

# Build (we already hold the lock), then run a copy of the jar so that a rebuild during the run
# cannot change the classes under a server.
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -B -q -o -Dinvoker.skip -pl benchmarks -am package -DskipTests \
    || ./mvnw -B -q -Dinvoker.skip -pl benchmarks -am package -DskipTests
  if [[ " $SERVERS " == *" go "* ]]; then (cd benchmarks/go && go build -o "$gobin" ./httpserver); fi
  if (( IDLE_CONNS > 0 )); then (cd benchmarks/http/idleconns && GO111MODULE=off go build -o "$idlebin" .); fi
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
jar="$tmp/benchmarks.jar"
cp "$built_jar" "$jar"

mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "java: $("$java" -version 2>&1 | head -2 | tail -1)"
  if (( want_go )); then echo "go: $(go version)"; fi
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "jvm flags: $JVM_FLAGS"
  echo "servers: $SERVERS; warm-up $WARMUP; duration $DURATION; pipeline $PIPELINE; idle conns $IDLE_CONNS"
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
    helidon)  cmd=("$java" $JVM_FLAGS -cp "$jar" dev.spindle.bench.http.HelidonHttpServer "$port") ;;
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
  jfr=0
  if [[ "${JFR:-}" == 1 && "$s" != go ]]; then
    # After the warm-up, so the profile shows the measured runs, not start-up and JIT.
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=bench settings=profile filename="$OUT/$s.jfr" >/dev/null
    jfr=1
  fi
  for c in 50 256; do
    wrk -t2 -c"$c" -d"$DURATION" --latency "$url" | tee "$OUT/$s-c$c.txt" >&2
  done
  if (( PIPELINE > 0 )); then
    wrk -t2 -c256 -d"$DURATION" --latency -s "$root/benchmarks/http/pipeline.lua" "$url" -- "$PIPELINE" \
      | tee "$OUT/$s-pipelined.txt" >&2
  fi
  grep -E '^(VmRSS|VmHWM|Threads)' "/proc/$pid/status" >"$OUT/$s-rss.txt"
  if (( jfr )); then "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=bench >/dev/null; fi
  if (( IDLE_CONNS > 0 )); then
    "$idlebin" -addr "127.0.0.1:$port" -n "$IDLE_CONNS" -status "/proc/$pid/status" >"$OUT/$s-idle.txt" 2>&1 || true
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  port=$((port + 1))
  sleep 2
done

python3 "$root/benchmarks/http/table.py" "$OUT" $SERVERS | tee "$OUT/table.md"
if /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  /usr/bin/python3 "$root/benchmarks/http/chart.py" "$OUT/http-rps.png" "$OUT"
else
  echo "no chart: /usr/bin/python3 has no matplotlib (Debian: apt-get install python3-matplotlib)" >&2
fi
