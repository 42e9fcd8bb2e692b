#!/usr/bin/env python3
# Runs msgfmt --check on every po/*.po and checks po/LINGUAS names exactly those languages.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: check-po.py SOURCE_ROOT [MSGFMT]

Also checks that each translation is complete: the sources' strings (xgettext over
po/POTFILES.in, with the keywords of meson's glib preset) merged into the .po leave nothing
untranslated or fuzzy, so a new string cannot ship in English to a German desktop; and that
the English strings write apostrophes as ’ and end a status page's one-sentence description
without a period, as the rest do (issue 16)."""
import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# meson's i18n.gettext(preset: 'glib') keywords.
KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3']


def extract_pot(root, pot):
    """xgettext over po/POTFILES.in into @pot; returns (ok, output)."""
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        files = [line.strip() for line in f if line.strip() and not line.startswith('#')]
    args = ['xgettext', '--from-code=UTF-8', '--add-comments', '--directory', root,
            '--output', pot] + ['--keyword=' + k for k in KEYWORDS] + files
    r = subprocess.run(args, capture_output=True, text=True)
    return r.returncode == 0, (r.stdout + r.stderr).strip()


def untranslated(po, pot, msgfmt):
    """msgfmt's statistics of @po merged with @pot (the strings the sources have today)."""
    with tempfile.TemporaryDirectory() as tmp:
        merged = os.path.join(tmp, 'merged.po')
        r = subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file',
                            merged, po, pot], capture_output=True, text=True)
        if r.returncode != 0:
            return (r.stdout + r.stderr).strip()
        r = subprocess.run([msgfmt, '--statistics', '-o', os.devnull, merged],
                           capture_output=True, text=True)
        stats = (r.stdout + r.stderr).strip()
        return stats if ('untranslated' in stats or 'fuzzy' in stats) else None


def msgids(pot):
    """The English strings of @pot: each msgid and msgid_plural, continuation lines joined."""
    strings, current = [], None
    with open(pot, encoding='utf-8') as f:
        for line in f:
            if line.startswith(('msgid ', 'msgid_plural ')):
                current = [line.split(' ', 1)[1].strip()[1:-1]]
                strings.append(current)
            elif line.startswith('"') and current is not None:
                current.append(line.strip()[1:-1])
            else:
                current = None
    return [''.join(parts) for parts in strings if ''.join(parts)]


def ascii_apostrophes(pot):
    """Strings writing "it's" with a typewriter apostrophe (the others use ’)."""
    return [s for s in msgids(pot) if re.search(r"[A-Za-z]'[A-Za-z]", s)]


def description_periods(root):
    """Status pages' one-sentence descriptions in .ui files that end with a period."""
    found = []
    for ui in sorted(glob.glob(os.path.join(root, 'src', '**', '*.ui'), recursive=True)):
        for prop in ET.parse(ui).iter('property'):
            text = (prop.text or '').strip()
            if (prop.get('name') in ('description', 'empty-description') and
                    prop.get('translatable') == 'yes' and text.endswith('.') and
                    '. ' not in text):
                found.append(f'{os.path.relpath(ui, root)}: {text}')
    return found


def report(n, ok, title, details):
    """Prints one TAP line for @title and its @details; returns 1 if not @ok."""
    print(f'{"ok" if ok else "not ok"} {n} - {title}')
    for line in details:
        print(f'# {line}')
    return 0 if ok else 1


def main():
    root = sys.argv[1]
    msgfmt = sys.argv[2] if len(sys.argv) > 2 else 'msgfmt'
    po_dir = os.path.join(root, 'po')
    pos = sorted(glob.glob(os.path.join(po_dir, '*.po')))
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = sorted(w for line in f if not line.startswith('#') for w in line.split())

    print(f'1..{2 * len(pos) + 4}')
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

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'harbor.pot')
        extracted, out = extract_pot(root, pot)
        for po in pos:
            n += 1
            name = os.path.basename(po)
            missing = untranslated(po, pot, msgfmt) if extracted else out
            if missing is None:
                print(f'ok {n} - {name} translates every string of the sources')
            else:
                failed += 1
                print(f'not ok {n} - {name} translates every string of the sources')
                for line in missing.splitlines():
                    print(f'# {line}')
        n += 1
        apostrophes = ascii_apostrophes(pot) if extracted else [out]
        failed += report(n, not apostrophes, 'the English strings write apostrophes as ’',
                         apostrophes)
    n += 1
    periods = description_periods(root)
    failed += report(n, not periods, 'one-sentence status page descriptions end without a period',
                     periods)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
