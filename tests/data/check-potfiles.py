#!/usr/bin/env python3
# Checks po/POTFILES.in against the tree: every file a person's strings come from is listed.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: check-potfiles.py SOURCE_ROOT

A file needs to be in po/POTFILES.in when it is
  - C source under src/ that calls _(), N_(), C_(), NC_(), Q_(), g_dngettext(), ngettext(), ...,
  - a GtkBuilder .ui file under src/ with translatable="yes",
  - a desktop, metainfo or GSettings schema template under data/.
Listed files must exist (xgettext fails otherwise), and the list stays sorted with data/ first.
Also: no .ui property or menu attribute a person reads (label, title, tooltip-text, ...) holds
text without translatable="yes".
"""
import os
import re
import sys

GETTEXT_CALL = re.compile(
    r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|g_dgettext|g_dngettext|g_dpgettext|g_dpgettext2|'
    r'gettext|ngettext|dngettext|pgettext)\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(yes|true|1)"', re.I)
DATA_TEMPLATE = re.compile(r'\.(desktop\.in(\.in)?|metainfo\.xml\.in(\.in)?|gschema\.xml(\.in)?)$')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
SKIP_DIRS = {'.git', 'subprojects'}
VISIBLE_UI = re.compile(
    r'<(property|attribute) name="(label|title|subtitle|tooltip-text|tooltip-markup|'
    r'placeholder-text|description|text|heading|body|button-label|secondary-text|'
    r'accessible-label|comments)"([^>]*)>([^<]*[A-Za-z][^<]*)</(property|attribute)>')


def strip_c_comments(text):
    return C_COMMENT.sub(' ', text)


def needs_translation(root, rel):
    path = os.path.join(root, rel)
    if rel.startswith('data/'):
        return bool(DATA_TEMPLATE.search(rel))
    if rel.endswith(('.c', '.h')):
        with open(path, encoding='utf-8', errors='replace') as f:
            return bool(GETTEXT_CALL.search(strip_c_comments(f.read())))
    if rel.endswith('.ui'):
        with open(path, encoding='utf-8', errors='replace') as f:
            return bool(UI_TRANSLATABLE.search(f.read()))
    return False


def scan(root):
    found = []
    for top in ('data', 'src'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith('_build'))
            for name in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if needs_translation(root, rel):
                    found.append(rel)
    return found


def read_potfiles(root):
    entries = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def sort_key(rel):
    # data/ first, then the rest in plain byte order.
    return (0 if rel.startswith('data/') else 1, rel)


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = sys.argv[1]
    listed = read_potfiles(root)
    needed = scan(root)
    results = []

    missing = [f for f in needed if f not in listed]
    results.append(('every file with translatable strings is in po/POTFILES.in', missing,
                    'missing from po/POTFILES.in'))
    absent = [f for f in listed if not os.path.isfile(os.path.join(root, f))]
    results.append(('every file in po/POTFILES.in exists', absent, 'listed but not found'))
    dups = sorted({f for f in listed if listed.count(f) > 1})
    results.append(('po/POTFILES.in has no duplicates', dups, 'listed twice'))
    unsorted = [] if listed == sorted(listed, key=sort_key) else \
        [f'{a} before {b}' for a, b in zip(listed, listed[1:]) if sort_key(a) > sort_key(b)]
    results.append(('po/POTFILES.in is sorted, data/ first', unsorted, 'out of order'))

    untranslated = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        for name in sorted(filenames):
            if name.endswith('.ui'):
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    for n, line in enumerate(f, 1):
                        for m in VISIBLE_UI.finditer(line):
                            if 'translatable' not in m.group(3):
                                untranslated.append(f'{os.path.relpath(path, root)}:{n}: {m.group(4)}')
    results.append(('every visible .ui text is marked translatable', untranslated, 'untranslated'))

    print(f'1..{len(results)}')
    failed = 0
    for i, (name, bad, what) in enumerate(results, 1):
        if bad:
            failed += 1
            print(f'not ok {i} - {name}')
            for f in bad:
                print(f'# {what}: {f}')
        else:
            print(f'ok {i} - {name}')
    # Listed files without strings are harmless for xgettext; report them for tidiness only.
    idle = [f for f in listed if f not in needed and os.path.isfile(os.path.join(root, f))]
    print(f'# files without translatable strings: {len(idle)}')
    for f in idle:
        print(f'# no translatable strings: {f}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
