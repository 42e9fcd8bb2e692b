#!/usr/bin/python3
# e2e: the README's build-and-run of a release build, uninstalled, signs in through the
# embedded window
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Builds the checkout as the README says (`meson setup DIR && ninja -C DIR`: the
default, release profile; only -Dtests=false added: it leaves out the test programs, 305 of the
417 build steps, and nothing harbor, its module, harbor-server or data are made of; this test
took 438 s in a CI run with one core busy) into $HARBOR_BUILD_ROOT/readme-release, then runs
DIR/src/harbor from there, uninstalled and without HARBOR_MODULE_DIR, against that tree's
harbor-server with --auto-approve (the server answers the authorize page with its redirect at
once). Sign In must load the login window's module from beside harbor and end signed in.

Once built, the tree is reused: later runs only pay for what changed.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Session, Tap  # noqa: E402

BUILD_ROOT = os.environ.get("HARBOR_BUILD_ROOT", os.getcwd())
SOURCE_ROOT = os.environ.get("HARBOR_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.dirname(
                                 os.path.abspath(__file__)))))


def build(tap, tree):
    """The README's two commands; their output goes to the test log."""
    if not os.path.exists(os.path.join(tree, "build.ninja")):
        setup = subprocess.run(["meson", "setup", "-Dtests=false", tree], cwd=SOURCE_ROOT,
                               stdout=sys.stderr, stderr=sys.stderr)
        if not tap.ok(setup.returncode == 0, "meson setup %s (release profile)" % tree):
            return False
    ninja = subprocess.run(["ninja", "-C", tree], stdout=sys.stderr, stderr=sys.stderr)
    return tap.ok(ninja.returncode == 0, "ninja -C %s" % tree)


def webkit_loaded(pid):
    with open("/proc/%d/maps" % pid) as maps:
        return "libwebkitgtk" in maps.read()


def main():
    tap = Tap()
    tree = os.path.join(BUILD_ROOT, "readme-release")
    if not build(tap, tree):
        return tap.done()
    os.environ.pop("HARBOR_MODULE_DIR", None)
    try:
        with Session(token=None, build_root=tree,
                     server_args=("--seed", "--auto-approve")) as s:
            s.find("Sign In", role="push button", timeout=20, exact=False).click()
            s.find("Hello World", timeout=60, exact=False)
            tap.ok(webkit_loaded(s.harbor.pid),
                   "the login window's module was found beside the uninstalled harbor")
            tap.ok(True, "Sign In through the embedded window ends signed in")
    except E2EError as e:
        tap.ok(False, "the uninstalled release build signs in", diag=str(e))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
