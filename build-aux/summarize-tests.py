#!/usr/bin/python3
# Counts the results of build trees run by build-aux/run-suites.sh and prints one closing line
# "N passed, M failed, K skipped"; exits non-zero on any failure or non-allow-listed skip.
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: summarize-tests.py --allow ALLOW_LIST FAILED_SETUPS BUILD_DIR...

A tree's run counts only when it is complete: run-suites.sh recorded a zero `meson test` exit
status, and meson-logs/testlog.json holds exactly the tests `meson test --list` named. A test
that left no result is a failure, and so is a non-zero exit no failed test explains.

Skips are never passes. A whole-test skip or a TAP subtest skip ("ok 4 /x # SKIP why") counts
in K only when ALLOW_LIST names it with its reason; otherwise it fails its test. ALLOW_LIST
lines are "SUITE/TEST | SUBTEST | REASON", SUBTEST empty for a whole-test skip; lines
starting with # are comments.
"""
import collections
import json
import re
import sys

OK = {'OK', 'EXPECTEDFAIL'}
# A TAP test point with a SKIP directive (TAP: case-insensitive, "skip" may run on: "skipped").
TAP_SKIP = re.compile(r'^(?:not )?ok\b\s*\d*\s*(?:- )?(?P<what>[^#]*?)\s*#\s*skip\S*\s*(?P<why>.*)$',
                      re.I)
WHOLE_SKIP = re.compile(r'^1\.\.0\s*#\s*skip\S*\s*(?P<why>.*)$', re.I)


def short_name(name):
    """"harbor:e2e / desktop-launch-de" -> "e2e/desktop-launch-de" (the allow-list's form)."""
    return name.split(':', 1)[-1].replace(' / ', '/')


def read_allow_list(path):
    """The allowed skips, and what is wrong with the list (an entry without a reason)."""
    allowed, errors = {}, []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = [p.strip() for p in line.split('|')]
            if len(parts) != 3 or not parts[0] or not parts[2]:
                errors.append(f'{path}:{n}: want "SUITE/TEST | SUBTEST | REASON", got {line!r}')
            else:
                allowed[(parts[0], parts[1])] = parts[2]
    return allowed, errors


def skips_of(entry):
    """(subtest, reason) for each skip in one testlog entry; subtest '' is the whole test."""
    lines = (entry.get('stdout') or '').splitlines()
    if entry.get('result') == 'SKIP':  # one skip, even when every subtest said so
        why = next((m['why'] for m in map(WHOLE_SKIP.match, lines) if m), '')
        return [('', why or f'exit status {entry.get("returncode")}')]
    return [(m['what'], m['why']) for m in map(TAP_SKIP.match, lines) if m]


def read_file(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except FileNotFoundError:
        return None


class Summary:
    def __init__(self, allowed, allow_path):
        self.allowed = allowed
        self.allow_path = allow_path
        self.passed = self.failed = self.skipped = 0

    def fail(self, build, what):
        print(f'FAILED: {build}: {what}')
        self.failed += 1

    def tree(self, build):
        logs = f'{build}/meson-logs'
        status = read_file(f'{logs}/run-suites.status')
        listed = read_file(f'{logs}/run-suites.list')
        log = read_file(f'{logs}/testlog.json')
        if status is None or listed is None:
            self.fail(build, 'not run by build-aux/run-suites.sh (no recorded status or list)')
            return
        if log is None:
            self.fail(build, f'no test log (meson test exited with status {status.strip()})')
            return
        before = self.failed
        entries = []
        for n, line in enumerate(log.splitlines(), 1):
            try:
                entries.append(json.loads(line))
            except ValueError:  # a run killed while meson wrote its log
                self.fail(build, f'testlog.json line {n} is not a whole record')
        for entry in entries:
            self.entry(build, entry)
        # Every listed test must have exactly one result: a killed run leaves some without.
        want = collections.Counter(line.strip() for line in listed.splitlines() if line.strip())
        got = collections.Counter(e.get('name') for e in entries)
        for name in sorted((want - got).elements()):
            self.fail(build, f'{name}: no result (listed by meson test --list)')
        for name in sorted((got - want).elements()):
            self.fail(build, f'{name}: a result for a test meson test --list did not name')
        if status.strip() != '0':
            print(f'{build}: meson test exited with status {status.strip()}')
            if self.failed == before:
                self.fail(build, f'meson test exited with status {status.strip()} '
                                 'and no failed test explains it')

    def entry(self, build, entry):
        name = short_name(entry.get('name', '?'))
        result = entry.get('result')
        # A retried scenario (tests/e2e/tap_relay.py) passes, but the run must say so.
        for line in (entry.get('stdout') or '').splitlines():
            if line.startswith('# RETRY '):
                print(f'retried: {build}: {name}: {line[len("# RETRY "):]}')
        unallowed = []
        for subtest, why in skips_of(entry):
            reason = self.allowed.get((name, subtest))
            label = f'{name} | {subtest}' if subtest else name
            if reason is None:
                unallowed.append(f'{label} skipped ({why}), not in {self.allow_path}')
            else:
                print(f'skipped: {build}: {label} ({why}); allowed: {reason}')
                self.skipped += 1
        if result not in OK and result != 'SKIP':
            self.fail(build, f'{name} ({result})')
        elif unallowed:
            self.fail(build, '; '.join(unallowed))
        elif result != 'SKIP':
            self.passed += 1


def main(argv):
    if len(argv) < 4 or argv[1] != '--allow':
        print(__doc__, file=sys.stderr)
        return 2
    allow_path = argv[2]
    allowed, errors = read_allow_list(allow_path)
    summary = Summary(allowed, allow_path)
    summary.failed = int(argv[3])
    for error in errors:
        summary.fail('allow-list', error)
    for build in argv[4:]:
        summary.tree(build)
    print(f'{summary.passed} passed, {summary.failed} failed, {summary.skipped} skipped')
    return 1 if summary.failed or summary.passed == 0 else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
