#!/usr/bin/env bash
# Sourced by ./spindle and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
#
# Order: JAVA_HOME if it already is >= 21; else the newest JDK >= 21 found beside
# the default `java` (its parent folder, e.g. /usr/lib/jvm) or in the usual JDK
# folders. Fails with a message naming what to install when none is found.

spindle_jdk_major() { # $1 = JDK home; prints its feature version, or nothing
  local rel="$1/release" v
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  else
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  printf '%s' "${v%%.*}"
}

spindle_find_jdk() {
  local min=21 best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(spindle_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then return 0; fi
  fi
  local dirs=()
  if command -v java >/dev/null 2>&1; then
    local real; real=$(readlink -f "$(command -v java)")
    dirs+=("$(dirname "$(dirname "$(dirname "$real")")")")
  fi
  dirs+=(/usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines "$HOME/.sdkman/candidates/java")
  for base in "${dirs[@]}"; do
    [ -d "$base" ] || continue
    for d in "$base"/*; do
      [ -d "$d/Contents/Home" ] && d="$d/Contents/Home"
      v=$(spindle_jdk_major "$d")
      if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
    done
  done
  if [ -z "$best" ]; then
    echo "Spindle needs a JDK >= $min. JAVA_HOME='${JAVA_HOME:-}' is older or unset and none was found under ${dirs[*]}." >&2
    echo "Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

spindle_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
