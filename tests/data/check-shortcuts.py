#!/usr/bin/env python3
# Checks that the Keyboard Shortcuts window lists every accelerator the app installs.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: check-shortcuts.py SOURCE_ROOT

Collects accelerators from src/ C code (gtk_widget_class_add_binding_action/_signal,
gtk_application_set_accels_for_action with its string array) and from .ui files
(GtkShortcut triggers, <accelerator> elements), and those shown by
src/ui/gtk/help-overlay.ui (accelerator properties, and action-name entries resolved through
set_accels_for_action). One TAP line per accelerator the app has. Arrow keys handled inside a
key-pressed handler (tree expand/collapse) are list navigation, not accelerators, and are not
counted.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

MASKS = {'GDK_CONTROL_MASK': 'Control', 'GDK_SHIFT_MASK': 'Shift', 'GDK_ALT_MASK': 'Alt',
         'GDK_SUPER_MASK': 'Super', 'GDK_META_MASK': 'Meta', 'GDK_HYPER_MASK': 'Hyper'}
MOD_ALIASES = {'primary': 'Control', 'control': 'Control', 'ctrl': 'Control', 'ctl': 'Control',
               'shift': 'Shift', 'alt': 'Alt', 'mod1': 'Alt', 'super': 'Super', 'meta': 'Meta',
               'hyper': 'Hyper'}
KEY_ALIASES = {'question': '?', 'slash': '/', 'comma': ',', 'period': '.', 'plus': '+',
               'minus': '-', 'equal': '=', 'kp_enter': 'Return'}


def norm_key(key):
    k = KEY_ALIASES.get(key.lower(), key)
    return k.lower() if len(k) == 1 else k[0].upper() + k[1:]


def parse_accel(text):
    """'<Control><Shift>n' -> ('Control+Shift', 'n')"""
    mods = re.findall(r'<([^>]+)>', text)
    key = re.sub(r'<[^>]+>', '', text).strip()
    if not key:
        return None
    mods = sorted({MOD_ALIASES.get(m.lower(), m) for m in mods})
    return ('+'.join(mods), norm_key(key))


def fmt(acc):
    return (acc[0] + '+' if acc[0] else '') + acc[1]


def app_accels(root):
    found = {}   # accel -> [where]
    action_accels = {}
    binding = re.compile(r'gtk_widget_class_add_binding_(?:action|signal)\s*\(\s*\w+\s*,\s*'
                         r'GDK_KEY_(\w+)\s*,\s*([^,]+?)\s*,\s*"([^"]+)"')
    arrays = re.compile(r'(\w+)\s*\[\s*\]\s*=\s*\{([^}]*)\}')
    set_accels = re.compile(r'gtk_application_set_accels_for_action\s*\([^,]+,\s*"([^"]+)"\s*,'
                            r'\s*(?:\(const char \*\*?\)\s*)?(\w+|\([^)]*\)\s*\{[^}]*\})\s*\)')
    for path in sorted(glob.glob(os.path.join(root, 'src', '**', '*.c'), recursive=True)):
        rel = os.path.relpath(path, root)
        text = open(path, encoding='utf-8', errors='replace').read()
        for key, mask, action in binding.findall(text):
            mods = sorted(MASKS.get(m.strip(), m.strip()) for m in mask.split('|')
                          if m.strip() not in ('0', ''))
            acc = ('+'.join(mods), norm_key(key))
            found.setdefault(acc, []).append(f'{rel} ({action})')
        arrs = {name: re.findall(r'"([^"]+)"', body) for name, body in arrays.findall(text)}
        for action, arg in set_accels.findall(text):
            strings = arrs.get(arg, re.findall(r'"([^"]+)"', arg))
            for s in strings:
                acc = parse_accel(s)
                if acc:
                    found.setdefault(acc, []).append(f'{rel} ({action})')
                    action_accels.setdefault(action, set()).add(acc)
    for path in sorted(glob.glob(os.path.join(root, 'src', '**', '*.ui'), recursive=True)):
        if path.endswith(os.path.join('gtk', 'help-overlay.ui')):
            continue
        rel = os.path.relpath(path, root)
        tree = ET.parse(path)
        for prop in tree.iter('property'):
            if prop.get('name') == 'trigger' and prop.text:
                for alt in prop.text.split('|'):
                    acc = parse_accel(alt.strip())
                    if acc:
                        found.setdefault(acc, []).append(rel)
        for el in tree.iter('accelerator'):
            key = el.get('key', '').replace('GDK_KEY_', '')
            mods = sorted(MASKS.get(m.strip(), m.strip()) for m in el.get('modifiers', '').split('|')
                          if m.strip())
            if key:
                found.setdefault(('+'.join(mods), norm_key(key)), []).append(f'{rel} ({el.get("signal")})')
    return found, action_accels


def overlay_accels(root, action_accels):
    path = os.path.join(root, 'src', 'ui', 'gtk', 'help-overlay.ui')
    shown, unresolved = set(), []
    for obj in ET.parse(path).iter('object'):
        if obj.get('class') != 'GtkShortcutsShortcut':
            continue
        props = {p.get('name'): (p.text or '') for p in obj.findall('property')}
        if props.get('accelerator'):
            for a in props['accelerator'].split():
                acc = parse_accel(a)
                if acc:
                    shown.add(acc)
        elif props.get('action-name'):
            accs = action_accels.get(props['action-name'])
            if accs:
                shown |= accs
            else:
                unresolved.append(props['action-name'])
    return shown, unresolved


def main():
    root = sys.argv[1]
    found, action_accels = app_accels(root)
    shown, unresolved = overlay_accels(root, action_accels)
    results = []
    for acc in sorted(found, key=fmt):
        results.append((f'{fmt(acc)} is in the Keyboard Shortcuts window', acc in shown,
                        'installed by ' + ', '.join(found[acc])))
    results.append(('every action-name entry in the window has an accelerator', not unresolved,
                    ', '.join(unresolved)))
    stale = sorted(shown - set(found), key=fmt)
    results.append(('the window shows no accelerator the app lacks', not stale,
                    ', '.join(fmt(a) for a in stale)))
    print(f'1..{len(results)}')
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {name}')
        if detail:
            print(f'# {detail}')
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
