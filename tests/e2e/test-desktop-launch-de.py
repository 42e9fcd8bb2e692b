#!/usr/bin/python3
# e2e: Harbor installed into its prefix, run with LANGUAGE=de, shows its window in German.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-desktop-launch-de.py

gettext finds catalogues only under the LOCALEDIR compiled into harbor, so a --destdir copy
(as test-desktop-launch.py installs) is never read: the tree must be installed into its own
prefix. This test does that when the prefix is a private one inside the build tree
(build-aux/run-tests.sh configures _build with -Dprefix=$PWD/_build/test-prefix), and removes
it again afterwards; with any other prefix, or without the de_DE.UTF-8 locale (for German
dates; build-aux/install-deps.sh --with-tests generates it), it skips and says why.
Then it starts harbor-server --seed and harbor, signed in, with LANGUAGE=de, and checks by
accessible names that the window speaks German (and not English), opens "Hello World" so
dates, durations and counts show, and saves the window as
$HARBOR_BUILD_ROOT/screenshots/main-window-de.png.

Make it run:  meson configure BUILD -Dprefix=$PWD/BUILD/test-prefix
"""
import json
import locale
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Session, Tap, screenshot_dir  # noqa: E402

# English accessible names in the window and their German translations in po/de.po.
EXPECT = [
    ('Main Menu', 'Hauptmenü', 'push button'),
    ('New Application', 'Neue Anwendung', 'push button'),
    ('Search', 'Suchen', None),
]


def prefix_and_localedir(build):
    out = subprocess.run([shutil.which('meson'), 'introspect', '--buildoptions', build],
                         check=True, capture_output=True, text=True).stdout
    opts = {o['name']: o['value'] for o in json.loads(out)}
    return opts['prefix'], os.path.join(opts['prefix'], opts['localedir'])


def install_into_prefix(build, prefix, tap):
    """Installs the tree into its (private) prefix, from scratch; True when that worked."""
    shutil.rmtree(prefix, ignore_errors=True)
    r = subprocess.run([shutil.which('meson'), 'install', '-C', build, '--no-rebuild', '--quiet'],
                       capture_output=True, text=True)
    return tap.ok(r.returncode == 0, 'meson install into ' + prefix, diag=r.stdout + r.stderr)


def window_area(xid):
    out = subprocess.run(['xdotool', 'getwindowgeometry', xid], capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        if 'Geometry:' in line:
            w, h = line.split(':', 1)[1].strip().split('x')
            return int(w) * int(h)
    return 0


def main():
    build = os.environ.get('HARBOR_BUILD_ROOT')
    if not build or not shutil.which('meson'):
        print('1..0 # SKIP needs HARBOR_BUILD_ROOT and meson')
        return 0
    prefix, localedir = prefix_and_localedir(build)
    # Only a directory inside the build tree (never the tree itself) is ours to fill and remove.
    real_prefix, real_build = os.path.realpath(prefix), os.path.realpath(build)
    if real_prefix == real_build or os.path.commonpath([real_prefix, real_build]) != real_build:
        print(f'1..0 # SKIP the prefix {prefix} is not a private one inside {build}')
        return 0
    try:
        locale.setlocale(locale.LC_ALL, 'de_DE.UTF-8')
        locale.setlocale(locale.LC_ALL, 'C.UTF-8')
    except locale.Error:
        print('1..0 # SKIP the de_DE.UTF-8 locale is not generated')
        return 0

    tap = Tap()
    try:
        if install_into_prefix(build, prefix, tap):
            mo = os.path.join(localedir, 'de', 'LC_MESSAGES', 'harbor.mo')
            if tap.ok(os.path.isfile(mo), 'the German catalogue is at the compiled LOCALEDIR'):
                check_german_window(tap)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
    return tap.done()


def check_german_window(tap):
    env = {'LANGUAGE': 'de', 'LANG': 'de_DE.UTF-8', 'LC_ALL': 'de_DE.UTF-8'}
    try:
        with Session(token='e2e-de-token', env=env) as s:
            tap.ok(s.app is not None, 'harbor appears on the accessibility bus')
            s.find('Hello World', role='list item', timeout=20).click()
            for english, german, role in EXPECT:
                try:
                    s.find(german, role=role, timeout=10)
                    found = True
                except E2EError:
                    found = False
                tap.ok(found, f'“{english}” is shown as “{german}”',
                       diag=None if found else s.dump())
                tap.ok(not s.exists(english, role=role), f'no English “{english}” left')
            s.wait_for(lambda: s.exists('Builds') or s.exists('Variablen'), what='the detail page')
            win = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(s.harbor.pid)],
                                 capture_output=True, text=True).stdout.split()
            path = os.path.join(screenshot_dir(), 'main-window-de.png')
            if win:
                # Tooltips and popovers are windows of the same process; take the biggest, and
                # give it the size of the English AppStream screenshot (1280x800).
                xid = max(win, key=window_area)
                subprocess.run(['xdotool', 'windowsize', '--sync', xid, '1280', '800'], check=False)
                time.sleep(1.0)
                subprocess.run(['import', '-window', xid, path], check=True)
            else:
                s.screenshot(path)
            tap.ok(os.path.getsize(path) > 0, 'screenshot saved to ' + path)
    except E2EError as e:
        tap.ok(False, 'the German window was shown', diag=str(e))


if __name__ == '__main__':
    sys.exit(main())
