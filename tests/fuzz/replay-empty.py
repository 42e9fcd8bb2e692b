#!/usr/bin/python3
# replay-empty.py: a replay driver given an empty corpus directory must fail, not pass
# having replayed nothing.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: replay-empty.py REPLAY_EXECUTABLE"""
import subprocess
import sys
import tempfile

with tempfile.TemporaryDirectory(prefix='harbor-empty-corpus-') as empty:
    r = subprocess.run([sys.argv[1], empty], capture_output=True, text=True)
print('1..1')
print(f'{"ok" if r.returncode != 0 else "not ok"} 1 - an empty corpus fails the replay '
      f'(exit status {r.returncode})')
for line in (r.stdout + r.stderr).splitlines():
    print('# ' + line)
sys.exit(0 if r.returncode != 0 else 1)
