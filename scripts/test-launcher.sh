#!/usr/bin/env bash
# Tests `./spindle run` as a user meets it, with real processes:
#   1. the first build says what it is doing; an unknown example prints the example launcher's own
#      line and exit code 2, and no Maven stack trace;
#   2. an argument with a space reaches the example as one argument; an unknown flag is named, with
#      the example's usage, exit code 2; NAME --help lists the example's flags, exit code 0;
#   3. SIGTERM sent to the pid that `./spindle run hello` started stops the example (the launcher
#      exec'd its JVM, so that pid is the JVM), the exit code is the JVM's (143), the port is freed
#      and no JVM of it is left.
# Run by `./spindle test` after `verify`. Arguments: the parts to run (build quoting signal; default
# all). Env: SPINDLE_TEST_PORT (default 18089) for hello.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SPINDLE_TEST_PORT:-18089}
tmp=$(mktemp -d)
started=""

cleanup() {
  if [ -n "$started" ] && kill -0 "$started" 2>/dev/null; then
    kill -KILL "$started" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "test-launcher: FAIL: $*" >&2
  for f in "$tmp"/*.out; do
    [ -f "$f" ] && { echo "--- $f:" >&2; tail -n 40 "$f" >&2; }
  done
  exit 1
}
ok() { echo "test-launcher: ok: $*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls a condition every 0.1 s up to a bound (seconds), as Awaitility does.
await_until() {
  local bound=$1
  shift
  local deadline=$((SECONDS + bound))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

for tool in curl ps pgrep; do
  command -v "$tool" >/dev/null || fail "needs $tool (Debian packages: curl, procps)"
done
port_open "$port" && fail "port $port is already in use; set SPINDLE_TEST_PORT"
parts=" ${*:-build quoting signal} "

# 1. First build, then an unknown example.
if [[ $parts == *" build "* ]]; then
  rm -f examples/target/spindle-run.classpath
  set +e
  ./spindle run nosuch >"$tmp/nosuch.out" 2>&1
  code=$?
  set -e
  [ "$code" -eq 2 ] || fail "unknown example: exit code $code, expected 2"
  grep -q "^spindle: first build: compiling" "$tmp/nosuch.out" || fail "the first build did not say what it does"
  grep -q "^unknown example 'nosuch'; known: .*hello" "$tmp/nosuch.out" || fail "no 'unknown example' line"
  grep -q "^spindle run nosuch: exit code 2$" "$tmp/nosuch.out" || fail "the exit code was not printed"
  if grep -qE "MojoExecutionException|\[ERROR\]|org\.apache\.maven|^\s+at " "$tmp/nosuch.out"; then
    fail "unknown example printed a Maven error or a stack trace"
  fi
  ok "first build announced; unknown example: one line, exit code 2, no Maven trace"
fi

# 2. Quoting: "a b" is one argument (the cache example rejects it by name before starting anything).
if [[ $parts == *" quoting "* ]]; then
  set +e
  ./spindle run cache "a b" >"$tmp/quoting.out" 2>&1
  code=$?
  set -e
  [ "$code" -eq 2 ] || fail "cache \"a b\": exit code $code, expected 2"
  grep -q "^Unmatched argument at index 0: 'a b'$" "$tmp/quoting.out" || fail "\"a b\" did not arrive as one argument"
  grep -q "first build\|compiling" "$tmp/quoting.out" && fail "an up-to-date run rebuilt"
  ok "\"a b\" reached the example as one argument; an up-to-date run does not rebuild"

  set +e
  ./spindle run shop --bogus >"$tmp/flag.out" 2>&1
  code=$?
  set -e
  [ "$code" -eq 2 ] || fail "shop --bogus: exit code $code, expected 2"
  grep -q "^Unknown option: '--bogus'$" "$tmp/flag.out" || fail "shop --bogus: the flag was not named"
  grep -q "^Usage: ./spindle run shop " "$tmp/flag.out" || fail "shop --bogus: no usage"
  grep -q "^spindle run shop: exit code 2$" "$tmp/flag.out" || fail "shop --bogus: the exit code was not printed"
  grep -qE "^\s+at |Exception" "$tmp/flag.out" && fail "shop --bogus printed a stack trace"
  ./spindle run cache --help >"$tmp/help.out" 2>&1 || fail "cache --help: exit code $?, expected 0"
  grep -q -- "--members=HOST:PORT" "$tmp/help.out" || fail "cache --help does not list --members"
  ok "an unknown flag is named with the usage (exit 2); --help lists the flags (exit 0)"
fi

# 3. SIGTERM reaches the example's JVM.
if [[ $parts == *" signal "* ]]; then
  ./spindle run hello "$port" >"$tmp/hello.out" 2>&1 &
  started=$!
  await_until 120 grep -q "listening on" "$tmp/hello.out" || fail "hello did not start within 120 s"
  [ "$(curl -fsS "http://127.0.0.1:$port/")" = "Hello World" ] || fail "hello did not answer on $port"
  comm=$(ps -o comm= -p "$started" || true)
  [ "$comm" = java ] || fail "pid $started is '$comm', not java: the launcher did not exec the JVM"
  kill -TERM "$started"
  set +e
  wait "$started"
  code=$?
  set -e
  [ "$code" -eq 143 ] || fail "hello after SIGTERM: exit code $code, expected 143 (128 + SIGTERM)"
  grep -q "shutting down gracefully" "$tmp/hello.out" || fail "hello's shutdown hook did not run"
  kill -0 "$started" 2>/dev/null && fail "pid $started is still alive"
  port_open "$port" && fail "port $port still accepts connections after SIGTERM"
  if pgrep -f "dev.spindle.examples.Launcher hello $port" >/dev/null; then
    fail "a JVM of 'hello $port' is still running: $(pgrep -af "dev.spindle.examples.Launcher hello $port")"
fi
started=""
ok "SIGTERM stopped hello (exit 143, shutdown hook ran), port $port freed, no JVM left"
fi
