#!/usr/bin/python3
# test-runner.py: the test runner itself (build-aux/run-suites.sh + summarize-tests.py, as
# build-aux/run-tests.sh calls them) on a stub project: no killed run, skip or swallowed crash
# may end green
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-runner.py SOURCE_ROOT

Sets up tests/runner/stub in a temporary directory and runs its suites through the real
scripts: a green run, a `meson test` killed mid-run, a run that fails before meson starts
(the previous log must not count), a log missing a result, skips with and without the
allow-list, crashes after "ok" lines, and the sign-in relay's retry.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(sys.argv[1])
RUN_SUITES = os.path.join(ROOT, 'build-aux', 'run-suites.sh')
SUMMARIZE = os.path.join(ROOT, 'build-aux', 'summarize-tests.py')
n = failed = 0


def check(cond, what, diag=''):
    global n, failed
    n += 1
    failed += not cond
    print(f'{"ok" if cond else "not ok"} {n} - {what}', flush=True)
    if not cond:
        for line in str(diag).splitlines():
            print('# ' + line, flush=True)


def sh(args, env=None):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       env=env, timeout=120)
    return r.returncode, r.stdout


def run(build, suite, allow, env=None):
    """run-suites.sh and summarize-tests.py exactly as run-tests.sh chains them."""
    status, out = sh([RUN_SUITES, build, '--suite', suite], env)
    summary_status, summary = sh(['/usr/bin/python3', SUMMARIZE, '--allow', allow, '0', build])
    lines = summary.strip().splitlines()
    return status, summary_status, lines[-1] if lines else '', out + summary


def allow_list(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


def main():
    tmp = tempfile.mkdtemp(prefix='harbor-runner-test-')
    try:
        build = os.path.join(tmp, 'build')
        status, out = sh(['meson', 'setup', build, os.path.join(ROOT, 'tests', 'runner', 'stub')])
        check(status == 0, 'the stub project is set up', out)
        if status:
            return 1
        empty = allow_list(tmp, 'empty.txt', '# nothing may skip\n')

        status, summary_status, last, out = run(build, 'pass', empty)
        check(status == 0 and summary_status == 0 and last == '2 passed, 0 failed, 0 skipped',
              'a green run is green: ' + last, out)

        # The previous run's log is still there; a wrapper that fails before meson starts
        # must not let it count.
        fake = os.path.join(tmp, 'fake-bin')
        os.makedirs(fake)
        with open(os.path.join(fake, 'xvfb-run'), 'w') as f:
            f.write('#!/bin/sh\necho "xvfb-run: error: Xvfb failed to start" >&2\nexit 1\n')
        os.chmod(os.path.join(fake, 'xvfb-run'), 0o755)
        env = dict(os.environ, PATH=fake + os.pathsep + os.environ['PATH'])
        status, summary_status, last, out = run(build, 'pass', empty, env)
        check(status != 0 and summary_status != 0 and 'no test log' in out,
              'a run that fails before meson starts is not read from the old log: ' + last, out)

        # A result lost from a complete-looking run (status 0) is still missing.
        run(build, 'pass', empty)
        log = os.path.join(build, 'meson-logs', 'testlog.json')
        with open(log, encoding='utf-8') as f:
            entries = f.readlines()
        with open(log, 'w', encoding='utf-8') as f:
            f.writelines(entries[:-1])
        summary_status, out = sh(['/usr/bin/python3', SUMMARIZE, '--allow', empty, '0', build])
        check(summary_status != 0 and 'no result' in out,
              'a log with fewer results than meson test --list fails', out)

        status, summary_status, last, out = run(build, 'killed', empty)
        check(status != 0, f'(a) meson test killed mid-run exits non-zero (status {status})',
              out)
        check(summary_status != 0 and 'after-kill: no result' in out,
              '(a) the killed run is reported failed: ' + last, out)

        status, summary_status, last, out = run(build, 'skip', empty)
        check(summary_status != 0 and 'skip-whole skipped' in out
              and 'skip-subtest | does not skipped' in out,
              '(b) skips not on the allow-list fail the run: ' + last, out)
        allowed = allow_list(tmp, 'allowed.txt', 'skip/skip-whole |  | the stub says so\n'
                                                 'skip/skip-subtest | does not | the stub says so too\n')
        summary_status, out = sh(['/usr/bin/python3', SUMMARIZE, '--allow', allowed, '0', build])
        last = out.strip().splitlines()[-1]
        check(summary_status == 0 and last == '2 passed, 0 failed, 2 skipped',
              '(b) allow-listed skips are reported as skipped, not passed: ' + last, out)
        no_reason = allow_list(tmp, 'no-reason.txt', 'skip/skip-whole |  |\n')
        summary_status, out = sh(['/usr/bin/python3', SUMMARIZE, '--allow', no_reason, '0',
                                  build])
        check(summary_status != 0, 'an allow-list entry without a reason is refused', out)

        status, summary_status, last, out = run(build, 'crash', empty)
        check(summary_status != 0 and 'crash-after-ok (' in out,
              '(c) a test that crashes after "ok" lines fails: ' + last, out)
        check('relay-child-exits (' in out and 'child_exits_after_ok ended cleanly' in out,
              '(c) a scenario child exiting non-zero after "ok" lines fails its parent', out)

        status, summary_status, last, out = run(build, 'retry', empty)
        check('relay-display-race: child_display_race: harbor could not open' in out
              and 'relay-display-race (' not in out,
              'the display race is retried once, and the retry is reported', out)
        check('relay-startup-crash (' in out and 'started a second time' not in out,
              'any other startup failure is not retried and fails', out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f'1..{n}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
