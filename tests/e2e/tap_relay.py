# tap_relay.py: runs one e2e scenario in a child process and relays its TAP into the parent's
# SPDX-License-Identifier: GPL-3.0-or-later
"""Used by test-sign-in.py (and by the runner's own test, tests/runner/): a scenario is
`python3 SCRIPT --one NAME`, printing "ok"/"not ok" lines. The parent counts a scenario as
passed only when its child printed at least one check and exited with the status its checks
call for (0, or 1 after a "not ok"): a child that crashes or exits non-zero after printing
only "ok" lines is a failure.
"""

import os
import re
import subprocess
import sys
import tempfile

# GTK's own words when harbor cannot connect to the X server (gtk_init, then exit (1)).
NO_DISPLAY = re.compile(r"^\(harbor:\d+\): Gtk-WARNING \*\*: [\d:.]+: cannot open display: ",
                        re.M)


def harbor_found_no_display(name, stdout, stderr):
    """The one condition worth a retry: the scenario's first check failed because harbor
    exited with status 1 at its start, and GTK said it could not open the display. On a shared
    machine a fresh Xvfb display was sometimes not accepting connections yet; that says nothing
    about the scenario. Any other early exit is a crash and must fail."""
    return (stdout.startswith("not ok 1 - %s\n# E2EError: harbor exited with status 1\n" % name)
            and NO_DISPLAY.search(stderr) is not None)


def run_child(script, name):
    # stderr goes to a file, not a pipe: a process harbor started could keep a pipe open
    # after the child exits, and reading it would wait for that process.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err:
        proc = subprocess.run([sys.executable, "-u", os.path.abspath(script), "--one", name],
                              stdout=subprocess.PIPE, stderr=err, text=True)
        err.seek(0)
        stderr = err.read()
    sys.stderr.write(stderr)
    sys.stderr.flush()
    return proc.returncode, proc.stdout, stderr


def relay(tap, script, name, retry_if=harbor_found_no_display):
    """Runs scenario @name of @script, retrying once only when retry_if() says so, and adds
    its checks to @tap (harbor_e2e.Tap, or anything with its ok() and diag())."""
    status, stdout, stderr = run_child(script, name)
    if retry_if is not None and retry_if(name, stdout, stderr):
        # A TAP diagnostic with a fixed word, so build-aux/summarize-tests.py lists it.
        tap.diag("RETRY %s: harbor could not open the X display at its start; running the "
                 "scenario again" % name)
        status, stdout, stderr = run_child(script, name)
    checks = failed = 0
    for line in stdout.splitlines():
        if line.startswith("ok ") or line.startswith("not ok "):
            good = line.startswith("ok ")
            tap.ok(good, line.split(" - ", 1)[-1])
            checks += 1
            failed += not good
        elif line.startswith("#"):
            print(line, flush=True)
    if checks == 0 or status != (1 if failed else 0):
        tap.ok(False, "%s ended cleanly" % name,
               "exit status %d after %d checks (%d failed)" % (status, checks, failed))
