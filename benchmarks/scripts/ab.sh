#!/usr/bin/env bash
# A/B of two benchmark jars built from two commits, forks interleaved so that the machine's drift
# falls on both alike: OLD fork 1, NEW fork 1, OLD fork 2, ... Each fork is its own JMH run whose
# JSON goes to OUT/{old,new}-N.json; ab_table.py reads them all.
#
# usage: benchmarks/scripts/ab.sh OLD.jar NEW.jar OUT_DIR ROUNDS 'REGEX' [JMH args...]
# e.g.   benchmarks/scripts/ab.sh /tmp/ab/old.jar /tmp/ab/new.jar results/x 3 \
#            'ChannelBench.pingPong' -p impl=spindle -wi 3 -w 1s -i 5 -r 1s
# The jars are built with `./mvnw -DskipTests -pl benchmarks -am package` in a worktree of each
# commit. Takes /tmp/mvn.lock, as the other benchmark scripts do, so no build runs beside it.
set -euo pipefail
old=$1 new=$2 out=$3 rounds=$4 regex=$5
shift 5
here=$(cd "$(dirname "$0")/../.." && pwd)
source "$here/scripts/find-jdk.sh"
mkdir -p "$out"
flags=()
if "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi
exec 9>/tmp/mvn.lock
flock 9
for n in $(seq 1 "$rounds"); do
  for side in old new; do
    jar=$old; [ "$side" = new ] && jar=$new
    echo "== round $n: $side ($jar)" >&2
    "$JAVA_HOME/bin/java" "${flags[@]}" -jar "$jar" "$regex" -f 1 "$@" \
        -rf json -rff "$out/$side-$n.json" > "$out/$side-$n.txt" 2>&1
  done
done
echo "done: $out" >&2
