#!/usr/bin/env python3
# Runs msgfmt --check on every po/*.po and checks po/LINGUAS names exactly those languages.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: check-po.py SOURCE_ROOT [MSGFMT]"""
import glob
import os
import subprocess
import sys


def main():
    root = sys.argv[1]
    msgfmt = sys.argv[2] if len(sys.argv) > 2 else 'msgfmt'
    po_dir = os.path.join(root, 'po')
    pos = sorted(glob.glob(os.path.join(po_dir, '*.po')))
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = sorted(w for line in f if not line.startswith('#') for w in line.split())

    print(f'1..{len(pos) + 2}')
    failed = 0
    n = 0
    langs = sorted(os.path.basename(p)[:-3] for p in pos)
    n += 1
    if langs == linguas:
        print(f'ok {n} - po/LINGUAS matches the .po files ({" ".join(langs)})')
    else:
        failed += 1
        print(f'not ok {n} - po/LINGUAS matches the .po files')
        print(f'# LINGUAS: {linguas}; .po files: {langs}')
    n += 1
    if pos:
        print(f'ok {n} - at least one translation')
    else:
        failed += 1
        print(f'not ok {n} - at least one translation')
    for po in pos:
        n += 1
        r = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.devnull, po],
                           capture_output=True, text=True)
        out = (r.stdout + r.stderr).strip()
        if r.returncode == 0:
            print(f'ok {n} - msgfmt --check {os.path.basename(po)}')
        else:
            failed += 1
            print(f'not ok {n} - msgfmt --check {os.path.basename(po)}')
        for line in out.splitlines():
            print(f'# {line}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
