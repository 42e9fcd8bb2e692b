#!/usr/bin/python3
# e2e: Harbor installed into its prefix, run with LANGUAGE=de, shows its window in German.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-desktop-launch-de.py

gettext finds catalogues only under the LOCALEDIR compiled into harbor, i.e. after
`meson install` into the build's own prefix, so this test skips unless
<prefix>/<localedir>/de/LC_MESSAGES/harbor.mo exists and the de_DE.UTF-8 locale is
available (for German dates). Then it starts harbor-server --seed and harbor, signed in, with
LANGUAGE=de, and checks by accessible names that the window speaks German (and not English),
opens "Hello World" so dates, durations and counts show, and saves the window as
$HARBOR_BUILD_ROOT/screenshots/main-window-de.png.

Make it run:  meson configure BUILD --prefix=$HOME/.local/harbor && meson install -C BUILD
"""
import json
import locale
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Element, Session, Tap, screenshot_dir  # noqa: E402

# English accessible names in the window and their German translations in po/de.po.
EXPECT = [
    ('Main Menu', 'Hauptmenü', 'push button'),
    ('New Application', 'Neue Anwendung', 'push button'),
    ('Search', 'Suchen', None),
]


def localedir(build):
    out = subprocess.run([shutil.which('meson'), 'introspect', '--buildoptions', build],
                         check=True, capture_output=True, text=True).stdout
    opts = {o['name']: o['value'] for o in json.loads(out)}
    return os.path.join(opts['prefix'], opts['localedir'])


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
    mo = os.path.join(localedir(build), 'de', 'LC_MESSAGES', 'harbor.mo')
    if not os.path.isfile(mo):
        print(f'1..0 # SKIP the tree is not installed into its prefix ({mo} is missing)')
        return 0
    try:
        locale.setlocale(locale.LC_ALL, 'de_DE.UTF-8')
        locale.setlocale(locale.LC_ALL, 'C.UTF-8')
    except locale.Error:
        print('1..0 # SKIP the de_DE.UTF-8 locale is not generated')
        return 0

    tap = Tap()
    env = {'LANGUAGE': 'de', 'LANG': 'de_DE.UTF-8', 'LC_ALL': 'de_DE.UTF-8'}
    try:
        with Session(token='e2e-de-token', env=env) as s:
            tap.ok(s.app is not None, 'harbor appears on the accessibility bus')
            row = s.find('Hello World', timeout=20)
            # The name sits on the row's content; the list item above it is what gets selected.
            Element(s, row.acc.get_parent()).click()
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
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
