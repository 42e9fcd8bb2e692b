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
text without a translatable attribute (translatable="no" is a choice). .ui files are parsed as XML, so attributes and text spread
over several lines count, and comments do not. A scan that finds no C, .ui or data file with
strings fails: it means the scan is broken, not that there is nothing to translate.
"""
import os
import re
import sys
import xml.parsers.expat

GETTEXT_CALL = re.compile(
    r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|g_dgettext|g_dngettext|g_dpgettext|g_dpgettext2|'
    r'gettext|ngettext|dngettext|pgettext)\s*\(')
DATA_TEMPLATE = re.compile(r'\.(desktop\.in(\.in)?|metainfo\.xml\.in(\.in)?|gschema\.xml(\.in)?)$')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
SKIP_DIRS = {'.git', 'subprojects'}
VISIBLE_UI = {'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
              'description', 'text', 'heading', 'body', 'button-label', 'secondary-text',
              'accessible-label', 'comments'}


def strip_c_comments(text):
    return C_COMMENT.sub(' ', text)


def ui_elements(path):
    """(line, tag, attributes, text) of every element of a GtkBuilder file, read as XML."""
    parser = xml.parsers.expat.ParserCreate()
    stack, out = [], []

    def start(tag, attrs):
        stack.append((parser.CurrentLineNumber, tag, attrs, []))

    def end(tag):
        line, tag, attrs, text = stack.pop()
        out.append((line, tag, attrs, ''.join(text)))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = lambda data: stack and stack[-1][3].append(data)
    with open(path, 'rb') as f:
        parser.ParseFile(f)
    return out


def translatable(attrs):
    return attrs.get('translatable', '').lower() in ('yes', 'true', '1')


def needs_translation(root, rel):
    path = os.path.join(root, rel)
    if rel.startswith('data/'):
        return bool(DATA_TEMPLATE.search(rel))
    if rel.endswith(('.c', '.h')):
        with open(path, encoding='utf-8', errors='replace') as f:
            return bool(GETTEXT_CALL.search(strip_c_comments(f.read())))
    if rel.endswith('.ui'):
        return any(translatable(attrs) and text.strip()
                   for _, _, attrs, text in ui_elements(path))
    return False


def scan(root):
    found, broken = [], []
    for top in ('data', 'src'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith('_build'))
            for name in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                try:
                    if needs_translation(root, rel):
                        found.append(rel)
                except xml.parsers.expat.ExpatError as e:
                    broken.append(f'{rel}: {e}')
    return found, broken


def ui_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames.sort()
        out += [os.path.relpath(os.path.join(dirpath, n), root) for n in sorted(filenames)
                if n.endswith('.ui')]
    return out


def kind(rel):
    return 'data' if rel.startswith('data/') else 'ui' if rel.endswith('.ui') else 'C'


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
    needed, broken = scan(root)
    results = []

    kinds = {k: sum(kind(f) == k for f in needed) for k in ('C', 'ui', 'data')}
    results.append((f'the scan finds files with strings ({kinds["C"]} C, {kinds["ui"]} .ui, '
                    f'{kinds["data"]} data)', [k for k, count in kinds.items() if not count],
                    'no file with translatable strings of kind'))
    results.append(('every .ui file is well-formed XML', broken, 'not XML'))

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
    for rel in ui_files(root):
        try:
            elements = ui_elements(os.path.join(root, rel))
        except xml.parsers.expat.ExpatError:
            continue  # reported above
        for line, tag, attrs, text in elements:
            if (tag in ('property', 'attribute') and attrs.get('name') in VISIBLE_UI
                    and re.search('[A-Za-z]', text) and 'translatable' not in attrs):
                untranslated.append(f'{rel}:{line}: {" ".join(text.split())}')
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
