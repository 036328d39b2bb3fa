#!/usr/bin/env bash
# Tests scripts/check-central-bundle.py without Maven, in about a minute (40-60 s on 2 busy cores):
#
#   scripts/test-check-central-bundle.sh
#
# Lays out a small bundle as central-publishing-maven-plugin does (this checkout's poms at a release
# version; tiny jars with LICENSE, NOTICE and module-info.class; each file signed with a throwaway
# key and given .md5/.sha1/.sha256/.sha512), asserts that the checker accepts it, then breaks one
# thing per case (a missing signature, a file changed after signing, a signature by another key, a
# wrong or missing checksum, a missing jar or artifact, an unpublished artifact, a pom without scm,
# a jar without NOTICE, a SNAPSHOT) and asserts that the checker exits 1 naming the culprit.
# Needs gpg, gpgv, unzip, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
checker=$root/scripts/check-central-bundle.py
snapshot=$(sed -n '0,/<version>\(.*\)<\/version>/s//\1/p' pom.xml | tr -d ' ')
version=${snapshot%-SNAPSHOT}

work=$(mktemp -d "${TMPDIR:-/tmp}/spindle-bundle-selftest.XXXXXX")
cleanup() {
  gpgconf --homedir "$work/gnupg" --kill gpg-agent 2>/dev/null || true
  gpgconf --homedir "$work/other-gnupg" --kill gpg-agent 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

new_key() { # $1 = GNUPGHOME; prints the key id
  mkdir -m 700 "$1"
  GNUPGHOME=$1 gpg --batch --quiet --passphrase '' --quick-gen-key "Spindle bundle self-test $RANDOM <selftest@spindle.invalid>" default default never 2>/dev/null
  GNUPGHOME=$1 gpg --batch --list-secret-keys --with-colons 2>/dev/null | awk -F: '/^sec/ { print $5; exit }'
}
export GNUPGHOME=$work/gnupg
key=$(new_key "$GNUPGHOME")
gpg --batch --export "$key" >"$work/key.gpg" 2>/dev/null
new_key "$work/other-gnupg" >/dev/null

seal() { # $1 = file: (re)signs it with GNUPGHOME's key and writes its checksums
  gpg --batch --yes --quiet --pinentry-mode loopback --passphrase '' --detach-sign --armor -o "$1.asc" "$1"
  local algo
  for algo in md5 sha1 sha256 sha512; do "${algo}sum" <"$1" | cut -d' ' -f1 | tr -d '\n' >"$1.$algo"; done
}

make_jars() { # each argument: PATH=ENTRY,ENTRY,... (one python start for all: it is slow to start here)
  python3 - "$@" <<'EOF'
import sys, zipfile
for arg in sys.argv[1:]:
    path, entries = arg.split('=', 1)
    with zipfile.ZipFile(path, 'w') as z:
        for name in entries.split(','):
            z.writestr(name, f'{name}\n')
EOF
}

# The good bundle's tree.
good=$work/good
lay_out() { # $1 = module dir, $2 = artifactId
  local d="$good/dev/spindle/$2/$version" base
  base="$d/$2-$version"
  mkdir -p "$d"
  sed "s/$snapshot/$version/g" "$root/$1/pom.xml" >"$base.pom"
  seal "$base.pom"
  case "$2" in spindle-parent | spindle-bom) return ;; esac
  make_jars "$base.jar=META-INF/MANIFEST.MF,META-INF/LICENSE,META-INF/NOTICE,module-info.class" \
    "$base-sources.jar=META-INF/LICENSE,META-INF/NOTICE,module-info.java" "$base-javadoc.jar=index.html"
  local c
  for c in "" -sources -javadoc; do seal "$base$c.jar"; done
}
lay_out . spindle-parent
lay_out bom spindle-bom
for m in core channels http-lite cluster; do lay_out "$m" "spindle-$m"; done

zip_tree() { # $1 = tree, $2 = zip
  python3 - "$1" "$2" <<'EOF'
import os, sys, zipfile
tree, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for d, _, files in os.walk(tree):
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, os.path.relpath(p, tree))
EOF
}

passed=0
failed=0
# $1 = case name, $2 = expected exit code, $3 = text the checker's output must contain,
# $4... = a command that breaks the copy of the good tree in $case_dir (run in that folder).
check_case() {
  local name=$1 want_rc=$2 want_text=$3
  shift 3
  case_dir="$work/case"
  rm -rf "$case_dir"
  cp -r "$good" "$case_dir"
  (cd "$case_dir/dev/spindle" && "$@")
  zip_tree "$case_dir" "$work/case.zip"
  local rc=0 out
  out=$("$checker" "$work/case.zip" "$version" "$work/key.gpg" 2>&1) || rc=$?
  if [ "$rc" -eq "$want_rc" ] && grep -qF -- "$want_text" <<<"$out"; then
    passed=$((passed + 1))
    echo "test-check-central-bundle: ok: $name -> $(grep -F -- "$want_text" <<<"$out" | head -1)"
  else
    failed=$((failed + 1))
    echo "test-check-central-bundle: FAIL: $name: wanted exit $want_rc and \"$want_text\", got exit $rc:" >&2
    sed 's/^/    /' <<<"$out" >&2
  fi
}
v=$version
nothing() { :; }
check_case "a good bundle" 0 "check-central-bundle: OK" nothing
check_case "a missing signature" 1 "missing dev/spindle/spindle-core/$v/spindle-core-$v.jar.asc" \
  rm "spindle-core/$v/spindle-core-$v.jar.asc"
changed_after_signing() {
  local f="spindle-http-lite/$v/spindle-http-lite-$v.jar" algo
  printf x >>"$f"
  for algo in md5 sha1 sha256 sha512; do "${algo}sum" <"$f" | cut -d' ' -f1 >"$f.$algo"; done
}
check_case "a jar changed after signing" 1 "bad signature dev/spindle/spindle-http-lite/$v/spindle-http-lite-$v.jar.asc" \
  changed_after_signing
check_case "a signature by another key" 1 "bad signature dev/spindle/spindle-channels/$v/spindle-channels-$v.pom.asc" \
  env GNUPGHOME="$work/other-gnupg" gpg --batch --yes --quiet --pinentry-mode loopback --passphrase '' \
  --detach-sign --armor -o "spindle-channels/$v/spindle-channels-$v.pom.asc" "spindle-channels/$v/spindle-channels-$v.pom"
check_case "a wrong sha1" 1 "wrong dev/spindle/spindle-cluster/$v/spindle-cluster-$v-sources.jar.sha1" \
  sh -c "printf 0000000000000000000000000000000000000000 >spindle-cluster/$v/spindle-cluster-$v-sources.jar.sha1"
check_case "a wrong sha512" 1 "wrong dev/spindle/spindle-core/$v/spindle-core-$v.pom.sha512" \
  sh -c "sha512sum <spindle-bom/$v/spindle-bom-$v.pom >spindle-core/$v/spindle-core-$v.pom.sha512"
check_case "a missing md5" 1 "missing dev/spindle/spindle-bom/$v/spindle-bom-$v.pom.md5" \
  rm "spindle-bom/$v/spindle-bom-$v.pom.md5"
check_case "a missing javadoc jar" 1 "missing dev/spindle/spindle-core/$v/spindle-core-$v-javadoc.jar" \
  sh -c "rm spindle-core/$v/spindle-core-$v-javadoc.jar*"
check_case "a missing artifact" 1 "spindle-cluster $v is not in the bundle" \
  rm -r spindle-cluster
check_case "an unpublished artifact" 1 "unexpected file in the bundle: dev/spindle/spindle-examples/$v/spindle-examples-$v.pom" \
  sh -c "mkdir -p spindle-examples/$v && cp spindle-core/$v/spindle-core-$v.pom spindle-examples/$v/spindle-examples-$v.pom"
no_scm() {
  local f="spindle-parent/$v/spindle-parent-$v.pom"
  python3 - "$f" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p).read()
open(p, 'w').write(re.sub(r'<scm\b.*?</scm>', '', s, count=1, flags=re.S))
EOF
  seal "$f"
}
check_case "a parent pom without scm" 1 "spindle-core-$v.pom lacks scm/url, scm/connection" no_scm
no_notice() {
  local f="spindle-channels/$v/spindle-channels-$v.jar"
  make_jars "$f=META-INF/MANIFEST.MF,META-INF/LICENSE,module-info.class"
  seal "$f"
}
check_case "a jar without NOTICE" 1 "spindle-channels-$v.jar has no META-INF/NOTICE" no_notice
snapshot_dependency() {
  local f="spindle-http-lite/$v/spindle-http-lite-$v.pom"
  sed -i "0,/<version>$v<\/version>/s//<version>$v-SNAPSHOT<\/version>/" "$f" # its parent's version
  seal "$f"
}
check_case "a pom naming a SNAPSHOT" 1 "spindle-http-lite-$v.pom names a SNAPSHOT" snapshot_dependency

if [ "$failed" -ne 0 ]; then
  echo "test-check-central-bundle: FAILED: $failed of $((passed + failed)) cases" >&2
  exit 1
fi
echo "test-check-central-bundle: OK: $passed cases"
