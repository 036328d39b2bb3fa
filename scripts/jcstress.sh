#!/usr/bin/env bash
# Runs the channels' jcstress tests (channels-jcstress/) and fails if any test fails.
#
#   scripts/jcstress.sh [--build] [short|quick|full] [JCSTRESS ARGS...]
#
#   short  one tiered-compilation VM config, 500 ms per test, 1 iteration: about 80 s on
#          2 cores; what CI runs (./spindle test)
#   quick  jcstress's -m quick: every compiler mode and the C2 stress flags, 5 iterations of
#          200 ms (438 forks, about 17 min on 2 cores)
#   full   jcstress's defaults (-m default): every compiler mode and the C2 stress flags,
#          5 iterations of 1 s, 5 stress forks (about 2 h on 2 cores, estimated from quick)
#
# Extra arguments go to jcstress, e.g. `scripts/jcstress.sh short -t CloseRaces` (a regexp over test
# names) or `-v` (print every test's outcomes). The jar is built when it is missing, older than the
# sources, or --build is given. The report (console.txt, the HTML report under report/ and the binary
# results) goes to channels-jcstress/target/jcstress/<mode>/.
#
# Fails when jcstress reports a failed or errored test (a FORBIDDEN outcome, an exception, a test
# that timed out or left its actor STALE), when a test could not be scheduled (it needs a CPU per
# actor), when no result came back for a planned test, or when the whole run outlives
# JCSTRESS_TIMEOUT seconds (default 900 for short, 0 = none otherwise): a fork hung outside the
# places jcstress times out itself.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/find-jdk.sh

build=0
if [ "${1:-}" = "--build" ]; then build=1; shift; fi
mode="${1:-short}"
shift || true

case "$mode" in
  short) mode_args=(-sc false -jvmArgs "-XX:+TieredCompilation" -time 500 -iters 1 -f 1); default_timeout=900 ;;
  quick) mode_args=(-m quick); default_timeout=0 ;;
  full)  mode_args=(-m default); default_timeout=0 ;;
  -h|--help|help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "jcstress.sh: unknown mode '$mode' (short, quick or full)" >&2; exit 2 ;;
esac
limit="${JCSTRESS_TIMEOUT:-$default_timeout}"

jdk_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
# Flags for jcstress's own JVM; jcstress passes its JVM's flags on to every forked test JVM too.
# It loads JNA (CPU affinity) and uses sun.misc.Unsafe, which JDK 24+ warns about unless told;
# JDK 21 rejects the Unsafe flag, hence the check.
java_flags=(--enable-native-access=ALL-UNNAMED)
if [ -n "$jdk_major" ] && [ "$jdk_major" -ge 24 ]; then
  java_flags+=(--sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

jar="$root/channels-jcstress/target/jcstress.jar"
if [ "$build" = 0 ] && [ -f "$jar" ]; then
  stale=$(find channels-jcstress/src channels/src/main core/src/main pom.xml channels-jcstress/pom.xml \
    channels/pom.xml core/pom.xml -newer "$jar" -print -quit)
  [ -n "$stale" ] && { echo "jcstress.sh: $stale is newer than the jar; rebuilding"; build=1; }
fi
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -q -B -DskipTests -Dinvoker.skip -pl channels-jcstress -am package
fi

out="$root/channels-jcstress/target/jcstress/$mode"
rm -rf "$out"
mkdir -p "$out"
console="$out/console.txt"

limiter=()
if [ "$limit" != 0 ]; then
  if command -v timeout >/dev/null 2>&1; then
    # timeout puts jcstress and its forked JVMs in one process group and ends them all.
    limiter=(timeout --kill-after=30 "$limit")
  else
    echo "jcstress.sh: no 'timeout' command here; running without the ${limit} s limit" >&2
  fi
fi

started=$(date +%s)
echo "jcstress.sh: $mode mode, JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), report in ${out#"$root"/}"
# jcstress writes its binary results into the working directory: run it from the report folder.
exec 3> >(tee "$console")
tee_pid=$!
(cd "$out" && exec "${limiter[@]}" "$JAVA_HOME/bin/java" "${java_flags[@]}" -jar "$jar" \
  "${mode_args[@]}" -r report "$@") </dev/null >&3 2>&1 &
pid=$!
interrupted=0
trap 'interrupted=1; kill -TERM "$pid" 2>/dev/null || true' INT TERM
rc=0
wait "$pid" || rc=$?
while kill -0 "$pid" 2>/dev/null; do rc=0; wait "$pid" || rc=$?; done
trap - INT TERM
exec 3>&-
wait "$tee_pid" 2>/dev/null || true
elapsed=$(( $(date +%s) - started ))
[ "$interrupted" = 1 ] && { echo "jcstress.sh: interrupted" >&2; exit 130; }

problems=()
if [ -n "${limiter[*]}" ] && { [ "$rc" = 124 ] || [ "$rc" = 137 ]; }; then
  problems+=("the run did not finish within ${limit} s: a forked test JVM hung where jcstress has no timeout of its own (rerun with -v: each test is printed as it completes, so the hung one is the one missing)")
elif [ "$rc" != 0 ]; then
  problems+=("jcstress exited with $rc (it does so when a test failed or errored: see 'TEST FAILURES' above)")
fi
grep -q 'Failed tests: No matches' "$console" || problems+=("jcstress lists failed tests")
grep -q 'Error tests: No matches' "$console" || problems+=("jcstress lists tests in error")
grep -q 'No scheduling is possible' "$console" \
  && problems+=("some tests need more CPUs than this machine has and did not run")
grep -q 'FATAL' "$console" && problems+=("jcstress reported a FATAL condition")
# The last progress line: "(Results: N planned; P passed, F failed, S soft errs, H hard errs)".
summary=$(grep -o 'Results: [0-9]* planned; [0-9]* passed, [0-9]* failed, [0-9]* soft errs, [0-9]* hard errs' "$console" | tail -1 || true)
if [ -z "$summary" ]; then
  problems+=("no results summary in the output")
else
  read -r planned passed <<<"$(sed 's/Results: \([0-9]*\) planned; \([0-9]*\) passed.*/\1 \2/' <<<"$summary")"
  if [ "$planned" = 0 ] || [ "$passed" != "$planned" ]; then
    problems+=("$summary")
  fi
fi

if [ "${#problems[@]}" -gt 0 ]; then
  echo
  echo "jcstress.sh: FAILED ($mode mode, ${elapsed} s):"
  printf '  - %s\n' "${problems[@]}"
  echo "  Report: ${out#"$root"/}/report/index.html; console: ${console#"$root"/}"
  exit 1
fi
echo
echo "jcstress.sh: OK ($mode mode, ${elapsed} s): $summary"
