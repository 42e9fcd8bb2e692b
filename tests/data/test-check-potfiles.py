#!/usr/bin/python3
# test-check-potfiles.py: check-potfiles.py itself, on small trees written for it: it fails on
# an empty scan and reads .ui files as XML (attributes and text over several lines).
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-check-potfiles.py CHECK_POTFILES_PY"""
import os
import subprocess
import sys
import tempfile

C = 'src/main.c', 'puts (_("Hello"));\n'
DESKTOP = 'data/app.desktop.in', '[Desktop Entry]\nName=App\n'
UI_OK = 'src/ok.ui', '<interface><object class="GtkLabel"><property name="label" translatable="yes">Hi</property></object></interface>\n'
# translatable="yes" on the line after the property's name.
UI_SPLIT = 'src/split.ui', '''<interface>
  <object class="GtkButton">
    <property name="label"
              translatable="yes">Split</property>
  </object>
</interface>
'''
# Visible text over two lines with no translatable attribute.
UI_UNTRANSLATED = 'src/untranslated.ui', '''<interface>
  <object class="GtkLabel">
    <property name="label">Two
      lines</property>
  </object>
</interface>
'''
n = failed = 0


def run(files, potfiles):
    with tempfile.TemporaryDirectory(prefix='harbor-potfiles-') as root:
        for d in ('data', 'src', 'po'):
            os.makedirs(os.path.join(root, d))
        for rel, text in files:
            with open(os.path.join(root, rel), 'w', encoding='utf-8') as f:
                f.write(text)
        with open(os.path.join(root, 'po', 'POTFILES.in'), 'w', encoding='utf-8') as f:
            f.write(''.join(p + '\n' for p in potfiles))
        r = subprocess.run([sys.executable, sys.argv[1], root], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def check(cond, what, out):
    global n, failed
    n += 1
    failed += not cond
    print(f'{"ok" if cond else "not ok"} {n} - {what}')
    if not cond:
        print(''.join('# ' + line + '\n' for line in out.splitlines()), end='')


status, out = run([C, DESKTOP, UI_OK], ['data/app.desktop.in', 'src/main.c', 'src/ok.ui'])
check(status == 0, 'a complete tree passes', out)
status, out = run([], [])
check(status != 0 and 'no file with translatable strings of kind' in out,
      'an empty scan fails', out)
status, out = run([C, DESKTOP, UI_OK, UI_SPLIT], ['data/app.desktop.in', 'src/main.c', 'src/ok.ui'])
check(status != 0 and 'missing from po/POTFILES.in: src/split.ui' in out,
      'translatable="yes" on its own line makes a .ui file need listing', out)
status, out = run([C, DESKTOP, UI_OK, UI_UNTRANSLATED],
                  ['data/app.desktop.in', 'src/main.c', 'src/ok.ui'])
check(status != 0 and 'untranslated: src/untranslated.ui:3: Two lines' in out,
      'visible text over two lines without translatable is found', out)
print(f'1..{n}')
sys.exit(1 if failed else 0)
