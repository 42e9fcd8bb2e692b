#!/usr/bin/python3
# e2e: `harbor --demo` raises its soft limit on open files to the hard one, as harbor-server does
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 12, item 7). The demo server runs inside harbor and shares its descriptors;
with the usual soft limit of 1024 a few hundred slow clients would exhaust them. harbor is
started with a soft limit below the hard one (256 of at most 4096) and must run with both equal
once its window is up. Plain `harbor` (no demo server) keeps the limit it was given.
"""
import os
import resource
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Session, Tap, ensure_a11y_bus  # noqa: E402


def open_files_limits(pid):
    """(soft, hard) from /proc/PID/limits, as the strings the kernel prints."""
    with open("/proc/%d/limits" % pid) as f:
        for line in f:
            if line.startswith("Max open files"):
                return tuple(line[len("Max open files"):].split()[:2])
    raise E2EError("no 'Max open files' line for pid %d" % pid)


def main():
    tap = Tap()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY:
        hard = min(hard, 4096)
    else:
        hard = 4096
    soft = min(256, hard // 2)
    # Inherited by everything this test starts, harbor included.
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    launcher = ensure_a11y_bus()
    try:
        with Session(token=None, server=False, harbor_args=("--demo",)) as s:
            s.find("Sign In", role="push button", timeout=30, exact=False)
            limits = open_files_limits(s.harbor.pid)
            tap.ok(limits == (str(hard), str(hard)),
                   "harbor --demo runs with its soft limit on open files raised to the hard "
                   "one (started with %d/%d)" % (soft, hard), "got %s/%s" % limits)
        with Session(token=None) as s:
            s.find("Sign In", role="push button", timeout=30, exact=False)
            limits = open_files_limits(s.harbor.pid)
            tap.ok(limits == (str(soft), str(hard)),
                   "harbor without --demo keeps the limit it was given", "got %s/%s" % limits)
    except E2EError as e:
        tap.ok(False, "the story ran to its end", diag=str(e))
    finally:
        if launcher is not None:
            launcher.terminate()
            launcher.wait(5)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
