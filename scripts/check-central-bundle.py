#!/usr/bin/env python3
"""Checks a Maven Central upload bundle of Spindle, as central-publishing-maven-plugin zips it.

    scripts/check-central-bundle.py BUNDLE.zip VERSION KEYRING

KEYRING is a binary public keyring (`gpg --export KEYID >FILE`) holding the key that signed the
release; gpgv verifies every signature against it and nothing else (never the user's keyring).
What it asserts, each failure on its own line naming the file:
- every published artifact (spindle-parent, spindle-bom, spindle-core, spindle-channels,
  spindle-http-lite, spindle-cluster) is in dev/spindle/ARTIFACT/VERSION/, with its pom and, for
  the four libraries, its jar, sources jar and javadoc jar;
- each of those files has an .asc signature that gpgv verifies, and .md5 and .sha1 checksums
  (Central's minimum); every checksum present (.md5, .sha1, .sha256, .sha512) matches its file;
- nothing else is in the bundle (no unpublished module, no repository metadata);
- each library's jar has module-info.class, and its jar and sources jar META-INF/LICENSE and NOTICE;
- each pom, read with its parent from the bundle as Central's validator reads it, has its own name
  and description, and url, license (name, url), scm (url, connection) and a developer's name, and
  names no SNAPSHOT.
Exits 0 when all hold, 1 otherwise (2 on a usage error). Needs python3 and gpgv (Debian: gpgv,
which gnupg pulls in). scripts/test-check-central-bundle.sh tests it on good and tampered bundles.
"""
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

GROUP = 'dev/spindle'
PUBLISHED = ['spindle-parent', 'spindle-bom', 'spindle-core', 'spindle-channels',
             'spindle-http-lite', 'spindle-cluster']
LIBRARIES = ['spindle-core', 'spindle-channels', 'spindle-http-lite', 'spindle-cluster']
CHECKSUMS = ['md5', 'sha1', 'sha256', 'sha512']
REQUIRED_CHECKSUMS = ['md5', 'sha1']
POM_NS = {'m': 'http://maven.apache.org/POM/4.0.0'}
PREFIX = 'check-central-bundle:'


class Check:
    """The bundle's entries and what was found wrong with them."""

    def __init__(self, bundle, version, keyring):
        self.bundle, self.version, self.keyring = bundle, version, keyring
        self.entries = {i.filename: bundle.read(i) for i in bundle.infolist() if not i.is_dir()}
        self.failures = []
        self.signed = 0
        self.sums = 0

    def bad(self, message):
        self.failures.append(message)
        print(f'{PREFIX} FAIL: {message}', file=sys.stderr)

    def expected_files(self, artifact):
        base = f'{GROUP}/{artifact}/{self.version}/{artifact}-{self.version}'
        files = [f'{base}.pom']
        if artifact in LIBRARIES:
            files += [f'{base}.jar', f'{base}-sources.jar', f'{base}-javadoc.jar']
        return files

    def check_file(self, name):
        data = self.entries.get(name)
        if data is None:
            self.bad(f'missing {name}')
            return
        self.check_signature(name, data)
        for algo in REQUIRED_CHECKSUMS:
            if f'{name}.{algo}' not in self.entries:
                self.bad(f'missing {name}.{algo}')
        for algo in CHECKSUMS:
            recorded = self.entries.get(f'{name}.{algo}')
            if recorded is None:
                continue
            got = (recorded.decode('ascii', 'replace').split() or [''])[0]  # "HASH" or "HASH  NAME"
            want = hashlib.new(algo, data).hexdigest()
            if got.lower() == want:
                self.sums += 1
            else:
                self.bad(f"wrong {name}.{algo} (has '{got}', the file's {algo} is {want})")

    def check_signature(self, name, data):
        signature = self.entries.get(f'{name}.asc')
        if signature is None:
            self.bad(f'missing {name}.asc')
            return
        with tempfile.NamedTemporaryFile(suffix='.asc') as sig:
            sig.write(signature)
            sig.flush()
            # gpgv reads the signed data from stdin ("-"); its exit status is the verdict.
            result = subprocess.run(['gpgv', '--keyring', self.keyring, sig.name, '-'],
                                    input=data, capture_output=True)
        if result.returncode == 0:
            self.signed += 1
        else:
            self.bad(f'bad signature {name}.asc (gpgv does not verify it with {self.keyring})')

    def check_jar_entries(self, artifact):
        for classifier in ['', '-sources']:
            jar = f'{GROUP}/{artifact}/{self.version}/{artifact}-{self.version}{classifier}.jar'
            if jar not in self.entries:
                continue  # reported as missing
            try:
                names = set(zipfile.ZipFile(io.BytesIO(self.entries[jar])).namelist())
            except zipfile.BadZipFile:
                self.bad(f'{os.path.basename(jar)} is not a readable jar')
                continue
            wanted = ['META-INF/LICENSE', 'META-INF/NOTICE'] + (['module-info.class'] if not classifier else [])
            for entry in wanted:
                if entry not in names:
                    self.bad(f'{os.path.basename(jar)} has no {entry}')

    def check_artifacts(self):
        allowed = set()
        for artifact in PUBLISHED:
            folder = f'{GROUP}/{artifact}/{self.version}/'
            if not any(n.startswith(folder) for n in self.entries):
                self.bad(f'{artifact} {self.version} is not in the bundle (no {folder})')
                continue
            for name in self.expected_files(artifact):
                self.check_file(name)
                allowed.update([name, f'{name}.asc'] + [f'{name}.{a}' for a in CHECKSUMS])
            if artifact in LIBRARIES:
                self.check_jar_entries(artifact)
        # Nothing else: an unpublished module (benchmarks, examples, jcstress, consumer-check), a
        # stray maven-metadata file or a checksum of a signature would be uploaded too.
        for name in sorted(self.entries):
            if name not in allowed:
                self.bad(f'unexpected file in the bundle: {name}')

    def pom(self, artifact):
        data = self.entries.get(f'{GROUP}/{artifact}/{self.version}/{artifact}-{self.version}.pom')
        if data is None:
            return None
        try:
            return ET.fromstring(data)
        except ET.ParseError as e:
            self.bad(f'{artifact}-{self.version}.pom is not well-formed XML: {e}')
            return None

    def check_metadata(self):
        """Central's metadata rules, on each pom as resolved with its parent."""
        for artifact in PUBLISHED:
            root = self.pom(artifact)
            if root is None:
                continue  # reported as missing
            name = f'{artifact}-{self.version}.pom'
            chain = [root]
            parent = root.find('m:parent/m:artifactId', POM_NS)
            if parent is not None:
                parent_pom = self.pom(parent.text.strip())
                if parent_pom is None:
                    self.bad(f'{name} has parent {parent.text.strip()}, which is not in the bundle')
                else:
                    chain.append(parent_pom)
            need = {
                'name': text(root, 'm:name'),  # a module's own name, not inherited
                'description': text(root, 'm:description'),
                'url': first(chain, 'm:url'),
                'licenses/license/name': first(chain, 'm:licenses/m:license/m:name'),
                'licenses/license/url': first(chain, 'm:licenses/m:license/m:url'),
                'scm/url': first(chain, 'm:scm/m:url'),
                'scm/connection': first(chain, 'm:scm/m:connection'),
                'developers/developer/name': first(chain, 'm:developers/m:developer/m:name'),
            }
            missing = [k for k, v in need.items() if not v]
            if missing:
                self.bad(f'{name} lacks {", ".join(missing)}')
            if 'SNAPSHOT' in ET.tostring(root, encoding='unicode'):
                self.bad(f'{name} names a SNAPSHOT')


def text(root, path):
    e = root.find(path, POM_NS)
    return (e.text or '').strip() if e is not None else ''


def first(chain, path):
    return next((v for v in (text(r, path) for r in chain) if v), '')


def main(argv):
    if len(argv) != 4:
        print(f'usage: {argv[0]} BUNDLE.zip VERSION KEYRING', file=sys.stderr)
        return 2
    zip_path, version, keyring = argv[1], argv[2], os.path.abspath(argv[3])  # gpgv looks a bare name up in GNUPGHOME
    for f in (zip_path, keyring):
        if not os.path.isfile(f):
            print(f'{PREFIX} FAIL: no such file: {f}', file=sys.stderr)
            return 1
    try:
        bundle = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile:
        print(f'{PREFIX} FAIL: {zip_path} is not a readable zip', file=sys.stderr)
        return 1
    with bundle:
        check = Check(bundle, version, keyring)
        check.check_artifacts()
        check.check_metadata()
    if check.failures:
        print(f'{PREFIX} FAILED: {zip_path}: {len(check.failures)} problem(s)', file=sys.stderr)
        return 1
    print(f'{PREFIX} OK: {zip_path}: {len(PUBLISHED)} artifacts, {len(check.entries)} files; '
          f'{check.signed} files signed (gpgv verified), {check.sums} checksums match; pom metadata complete')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
