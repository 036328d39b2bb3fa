#!/usr/bin/env bash
# Builds Maven Central's upload bundle as a release would, signed with a throwaway key, and checks it:
#
#   scripts/release-check.sh
#
# 1. Copies this checkout (without target/ and .git) to a temp folder and sets the version to the
#    release version (0.1.0-SNAPSHOT -> 0.1.0): Central takes no SNAPSHOT in a bundle.
# 2. Generates a GPG key without passphrase in a temp GNUPGHOME (never the user's keyring).
# 3. Runs `./mvnw -Prelease deploy -Dcentral.skipUpload=true -Dmaven.install.skip` on the published
#    modules (spindle-parent, spindle-bom and the four libraries): jars, sources, javadoc and gpg
#    signatures, then central-publishing-maven-plugin (which replaces maven-deploy-plugin there)
#    stages them, adds checksums and zips Central's bundle, target/central-publishing/
#    central-bundle.zip, without uploading it. Nothing goes to Central, nothing into ~/.m2.
#    Maven must run online (no -o in MAVEN_ARGS): it skips the plugin's publish goal when offline.
# 4. Checks that zip with scripts/check-central-bundle.py against the throwaway key: every published
#    artifact's pom, jar, sources and javadoc, their signatures (gpgv), their checksums (.md5 and
#    .sha1 required, .sha256/.sha512 too, each matching), nothing unpublished in it, LICENSE/NOTICE
#    and module-info.class in the jars, and Central's pom metadata (name, description, url,
#    license, scm, developers).
# 5. Reproducible builds: builds the libraries' jars again in a second copy at another path and
#    compares their sha256 with the bundle's.
#
# RELEASE_CHECK_KEEP=DIR copies the bundle and the throwaway public key (key.gpg) to DIR, to run
# the checker again by hand. Needs: a JDK >= 21 (found by scripts/find-jdk.sh), gpg, gpgv, unzip,
# python3. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/find-jdk.sh

for tool in gpg gpgv unzip python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "release-check: needs $tool (Debian: apt-get install -y gnupg unzip python3 coreutils)" >&2; exit 1; }
done

jdk_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
if [ -n "$jdk_major" ] && [ "$jdk_major" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

snapshot=$(sed -n '0,/<version>\(.*\)<\/version>/s//\1/p' pom.xml | tr -d ' ')
version=${snapshot%-SNAPSHOT}
published=(spindle-parent spindle-bom spindle-core spindle-channels spindle-http-lite spindle-cluster)
libraries=(spindle-core spindle-channels spindle-http-lite spindle-cluster)
modules=bom,core,channels,http-lite,cluster
case " ${MAVEN_ARGS:-} " in
  *" -o "* | *" --offline "*)
    echo "release-check: MAVEN_ARGS has -o/--offline, and Maven skips the central plugin's publish goal offline (no bundle): drop it" >&2
    exit 1 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/spindle-release-check.XXXXXX")
gpg_agent_started=
cleanup() {
  if [ -n "$gpg_agent_started" ]; then gpgconf --homedir "$work/gnupg" --kill gpg-agent 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

copy_checkout() { # $1 = destination
  mkdir -p "$1"
  tar -C "$root" --exclude=./.git --exclude='./*/target' --exclude=./target -cf - . | tar -C "$1" -xf -
  # The release version, in the copy only.
  find "$1" -name pom.xml -not -path '*/src/it/*' -exec sed -i "s/$snapshot/$version/g" {} +
}

fail=0
bad() { echo "release-check: FAIL: $*" >&2; fail=1; }

echo "release-check: copying the checkout to $work/a (version $version)"
copy_checkout "$work/a"

echo "release-check: generating a throwaway signing key"
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Spindle release check <release-check@spindle.invalid>' default default never
gpg_agent_started=1
keyid=$(gpg --batch --list-secret-keys --with-colons 2>/dev/null | awk -F: '/^sec/ { print $5; exit }')
[ -n "$keyid" ] || { echo "release-check: gpg made no key in $GNUPGHOME" >&2; exit 1; }

echo "release-check: building, signing and bundling the published modules (./mvnw -Prelease deploy -pl $modules -am, upload skipped)"
start=$(date +%s)
if ! (cd "$work/a" && ./mvnw -B -ntp -Prelease -DskipTests -Dinvoker.skip -Dmaven.install.skip=true \
    -Dcentral.skipUpload=true -Dgpg.keyname="$keyid" -pl "$modules" -am deploy >"$work/build-a.log" 2>&1); then
  tail -60 "$work/build-a.log" >&2
  echo "release-check: the release build failed (log above)" >&2
  exit 1
fi
echo "release-check: built in $(($(date +%s) - start)) s"

bundle="$work/a/target/central-publishing/central-bundle.zip"
if [ ! -f "$bundle" ]; then
  grep -i 'central-publishing\|bundle' "$work/build-a.log" | tail -20 >&2 || true
  echo "release-check: FAIL: the central plugin wrote no bundle at ${bundle#"$work/"} (its log lines above)" >&2
  exit 1
fi
echo "release-check: the plugin's bundle: ${bundle#"$work/a/"}, $(unzip -Z1 "$bundle" | wc -l) files, $(($(stat -c %s "$bundle") / 1024)) KiB"
gpg --batch --export "$keyid" >"$work/key.gpg" 2>/dev/null
if [ -n "${RELEASE_CHECK_KEEP:-}" ]; then
  mkdir -p "$RELEASE_CHECK_KEEP"
  cp "$bundle" "$work/key.gpg" "$RELEASE_CHECK_KEEP/"
  echo "release-check: kept central-bundle.zip and key.gpg in $RELEASE_CHECK_KEEP"
fi
python3 scripts/check-central-bundle.py "$bundle" "$version" "$work/key.gpg" || fail=1
mkdir "$work/bundle"
unzip -q "$bundle" -d "$work/bundle"
group_dir="$work/bundle/dev/spindle"

# Reproducible builds: the same sources built again elsewhere give byte-identical jars.
echo "release-check: building the libraries again in $work/b to compare the jars"
copy_checkout "$work/b"
if ! (cd "$work/b" && ./mvnw -B -ntp -DskipTests -Dinvoker.skip -pl "$modules" -am package >"$work/build-b.log" 2>&1); then
  tail -60 "$work/build-b.log" >&2
  echo "release-check: the second build failed (log above)" >&2
  exit 1
fi
same=0
for a in "${libraries[@]}"; do
  m=${a#spindle-}
  for c in "" -sources -javadoc; do
    f="$a-$version$c.jar"
    [ -f "$group_dir/$a/$version/$f" ] || continue # reported by the checker
    one=$(sha256sum <"$group_dir/$a/$version/$f" | cut -d' ' -f1)
    two=$(sha256sum <"$work/b/$m/target/$f" | cut -d' ' -f1)
    if [ "$one" = "$two" ]; then same=$((same + 1)); else bad "$f differs between two builds (not reproducible)"; fi
  done
done
echo "release-check: $same jars byte-identical across two builds"

if [ "$fail" -ne 0 ]; then
  echo "release-check: FAILED" >&2
  exit 1
fi
echo "release-check: OK: the plugin's bundle holds ${#published[@]} artifacts (${published[*]}) with pom, jars, sources, javadoc, verified signatures and matching checksums; metadata complete; jars reproducible"
