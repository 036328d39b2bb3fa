#!/usr/bin/env bash
# Builds Maven Central's upload bundle as a release would, signed with a throwaway key, and checks it:
#
#   scripts/release-check.sh
#
# 1. Copies this checkout (without target/ and .git) to a temp folder and sets the version to the
#    release version (0.1.0-SNAPSHOT -> 0.1.0): Central takes no SNAPSHOT in a bundle.
# 2. Generates a GPG key without passphrase in a temp GNUPGHOME (never the user's keyring).
# 3. Runs `./mvnw -Prelease verify` on the published modules (spindle-parent, spindle-bom and the
#    four libraries): jars, sources, javadoc and gpg signatures. It stops before `deploy`, where
#    central-publishing-maven-plugin 0.9.0 would stage and zip the bundle but then always upload it
#    (its skipPublishing drops artifacts from the bundle; it has no "bundle only" switch). So this
#    script lays the bundle out as that plugin does (group/artifact/version folders, .md5 and .sha1
#    beside each file) in $work/bundle. Nothing is installed into the local Maven repository.
# 4. Asserts that every published artifact has its pom, jar, sources and javadoc (a pom for the
#    parent and the BOM), an .asc signature that gpg verifies and .md5/.sha1 checksums that match for
#    each file, META-INF/LICENSE and NOTICE in each jar, and that each pom (as a user resolves it,
#    with its parent) names name, description, url, license, scm and developers, as Central requires.
# 5. Reproducible builds: builds the libraries' jars again in a second copy at another path and
#    compares their sha256 with the bundle's.
#
# Needs: a JDK >= 21 (found by scripts/find-jdk.sh), gpg, unzip, python3. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/find-jdk.sh

for tool in gpg unzip python3 sha256sum; do
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
keyid=$(gpg --batch --list-secret-keys --with-colons | awk -F: '/^sec/ { print $5; exit }')

echo "release-check: building and signing the published modules (./mvnw -Prelease verify -pl $modules -am)"
start=$(date +%s)
if ! (cd "$work/a" && ./mvnw -B -ntp -Prelease -DskipTests -Dinvoker.skip \
    -Dgpg.keyname="$keyid" -pl "$modules" -am verify >"$work/build-a.log" 2>&1); then
  tail -60 "$work/build-a.log" >&2
  echo "release-check: the release build failed (log above)" >&2
  exit 1
fi
echo "release-check: built in $(($(date +%s) - start)) s"

# The bundle's layout: dev/spindle/ARTIFACT/VERSION/ARTIFACT-VERSION[-classifier].ext, each with .asc,
# .md5 and .sha1 (the checksums are what the central plugin adds; the signatures come from the build).
lay_out() { # $1 = module dir, $2 = artifactId, $3 = packaging
  local src="$work/a/$1" dst="$work/bundle/dev/spindle/$2/$version" f
  mkdir -p "$dst"
  cp "$src/pom.xml" "$dst/$2-$version.pom"
  # gpg:sign writes the pom's signature as target/ARTIFACT-VERSION.pom.asc
  [ -f "$src/target/$2-$version.pom.asc" ] && cp "$src/target/$2-$version.pom.asc" "$dst/$2-$version.pom.asc"
  if [ "$3" = jar ]; then
    for f in "$src"/target/"$2-$version".jar "$src"/target/"$2-$version"-sources.jar "$src"/target/"$2-$version"-javadoc.jar; do
      [ -f "$f" ] && cp "$f" "$dst/"
      [ -f "$f.asc" ] && cp "$f.asc" "$dst/"
    done
  fi
  for f in "$dst"/*; do
    case "$f" in *.asc) ;; *) md5sum <"$f" | cut -d' ' -f1 >"$f.md5"; sha1sum <"$f" | cut -d' ' -f1 >"$f.sha1" ;; esac
  done
}
lay_out . spindle-parent pom
lay_out bom spindle-bom pom
for a in "${libraries[@]}"; do lay_out "${a#spindle-}" "$a" jar; done
echo "release-check: bundle laid out: $(find "$work/bundle" -type f | wc -l) files"

# Each file of the bundle that is not itself a signature or checksum needs .asc, .md5 and .sha1.
check_file() { # $1 = path of an artifact file in the bundle
  local f=$1
  [ -f "$f" ] || { bad "missing ${f#"$work/bundle/"}"; return; }
  [ -f "$f.asc" ] || bad "missing ${f#"$work/bundle/"}.asc"
  [ -f "$f.asc" ] && ! gpg --batch --quiet --verify "$f.asc" "$f" 2>/dev/null && bad "bad signature ${f#"$work/bundle/"}.asc"
  local algo sum
  for algo in md5 sha1; do
    if [ ! -f "$f.$algo" ]; then bad "missing ${f#"$work/bundle/"}.$algo"; continue; fi
    sum=$("${algo}sum" "$f" | cut -d' ' -f1)
    [ "$(cut -d' ' -f1 <"$f.$algo" | tr -d '\n')" = "$sum" ] || bad "wrong ${f#"$work/bundle/"}.$algo"
  done
}

group_dir="$work/bundle/dev/spindle"
for a in "${published[@]}"; do
  d="$group_dir/$a/$version"
  [ -d "$d" ] || { bad "$a $version is not in the bundle"; continue; }
  check_file "$d/$a-$version.pom"
  case " ${libraries[*]} " in
    *" $a "*)
      for c in "" -sources -javadoc; do
        check_file "$d/$a-$version$c.jar"
      done
      for c in "" -sources; do
        listing=$(unzip -Z1 "$d/$a-$version$c.jar" 2>/dev/null || true)
        for entry in META-INF/LICENSE META-INF/NOTICE; do
          grep -qx "$entry" <<<"$listing" || bad "$a-$version$c.jar has no $entry"
        done
      done
      ;;
  esac
done
# Nothing unpublished slipped in (benchmarks, examples, jcstress, consumer-check).
for d in "$group_dir"/*; do
  a=$(basename "$d")
  case " ${published[*]} " in *" $a "*) ;; *) bad "unexpected artifact $a in the bundle" ;; esac
done

# Central's metadata rules, on each pom as resolved with its parent (what Central's validator reads).
python3 - "$group_dir" "$version" "${published[@]}" <<'EOF' || fail=1
import sys, os
import xml.etree.ElementTree as ET
group_dir, version, arts = sys.argv[1], sys.argv[2], sys.argv[3:]
ns = {'m': 'http://maven.apache.org/POM/4.0.0'}
def load(a):
    return ET.parse(os.path.join(group_dir, a, version, f'{a}-{version}.pom')).getroot()
def text(root, path):
    e = root.find(path, ns)
    return (e.text or '').strip() if e is not None else ''
ok = True
for a in arts:
    root = load(a)
    parent = root.find('m:parent/m:artifactId', ns)
    chain = [root] + ([load(parent.text.strip())] if parent is not None else [])
    def first(path):
        for r in chain:
            v = text(r, path)
            if v:
                return v
        return ''
    need = {
        'name': text(root, 'm:name'),  # a module's own name, not inherited
        'description': text(root, 'm:description'),
        'url': first('m:url'),
        'licenses/license/name': first('m:licenses/m:license/m:name'),
        'licenses/license/url': first('m:licenses/m:license/m:url'),
        'scm/url': first('m:scm/m:url'),
        'scm/connection': first('m:scm/m:connection'),
        'developers/developer/name': first('m:developers/m:developer/m:name'),
    }
    missing = [k for k, v in need.items() if not v]
    if missing:
        ok = False
        print(f'release-check: FAIL: {a}.pom lacks {", ".join(missing)}', file=sys.stderr)
    if 'SNAPSHOT' in ET.tostring(root, encoding='unicode'):
        ok = False
        print(f'release-check: FAIL: {a}.pom names a SNAPSHOT', file=sys.stderr)
sys.exit(0 if ok else 1)
EOF

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
echo "release-check: OK: ${#published[@]} artifacts (${published[*]}) with pom, jars, sources, javadoc, signatures and checksums; metadata complete; jars reproducible"
