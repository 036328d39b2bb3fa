#!/bin/bash
# usage: ab.sh JAR PROP "v1 v2" ROUNDS REGEX extra-args...
jar=$1; prop=$2; vals=$3; rounds=$4; regex=$5; shift 5
for r in $(seq 1 $rounds); do
  for v in $vals; do
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar $jar "$regex" -f 2 -wi 2 -i 4 -w 1 -r 1 -jvmArgsAppend "-D$prop=$v" -rf json -rff /tmp/ab/res-$prop-$v-r$r.json "$@" > /tmp/ab/log-$prop-$v-r$r.txt 2>&1
  done
done
