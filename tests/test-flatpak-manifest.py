#!/usr/bin/env python3
# Checks the Flatpak manifest: valid JSON that agrees with data/ and meson, least privilege.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-flatpak-manifest.py SOURCE_ROOT [FLATPAK_BUILDER]

flatpak-builder and the GNOME runtime cannot be fetched on our machines, so this checks what
can be checked offline: the manifest parses, names the same app id, command and runtime as the
data files and Meson, pins a runtime branch, asks only for the finish-args Harbor needs, builds
this tree with Meson, and the README gives the command that builds it. With FLATPAK_BUILDER,
`flatpak-builder --show-manifest` must load the manifest without a warning (it warns, rather
than fails, on unknown properties and source types, so warnings are made fatal).
"""
import configparser
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
flatpak_builder = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
MANIFEST = 'flatpak/io.github.appharbor.Harbor.json'
APP_ID = 'io.github.appharbor.Harbor'
# The finish-args Harbor needs (anchors-ecosystem.md §5.8, §4.3): the Secret portal needs no
# talk-name; org.freedesktop.secrets is only libsecret's fallback where the portal is missing.
ALLOWED = {
    '--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
    '--device=dri', '--talk-name=org.freedesktop.secrets',
}
REQUIRED = ALLOWED
results = []


def check(name, cond, detail=''):
    results.append((name, bool(cond), detail))


def meson_project():
    with open(os.path.join(root, 'meson.build'), encoding='utf-8') as f:
        text = f.read()
    name = re.search(r"project\(\s*'([^']+)'", text)
    default_id = re.search(r"else\s+app_id\s*=\s*'([^']+)'", text)
    exe = re.findall(r"executable\(\s*'([^']+)'",
                     open(os.path.join(root, 'src', 'meson.build'), encoding='utf-8').read())
    return (name.group(1) if name else None, default_id.group(1) if default_id else None, exe)


try:
    with open(os.path.join(root, MANIFEST), encoding='utf-8') as f:
        m = json.load(f)
    check('manifest is valid JSON', isinstance(m, dict))
except (OSError, ValueError) as e:
    m = {}
    check('manifest is valid JSON', False, str(e))

project, default_id, executables = meson_project()
check('manifest id is the app id', m.get('id') == APP_ID, m.get('id'))
check('meson default profile uses the same app id', default_id == m.get('id'), default_id)
check('manifest file is named by the app id',
      os.path.basename(MANIFEST) == f"{m.get('id')}.json")
check('command is an executable meson builds', m.get('command') in executables,
      f"{m.get('command')} not in {executables}")

desktop = configparser.RawConfigParser(interpolation=None, strict=False)
desktop.optionxform = str
desktop.read(os.path.join(root, 'data', 'io.github.appharbor.Harbor.desktop.in.in'), encoding='utf-8')
exec_ = desktop.get('Desktop Entry', 'Exec', fallback='').split()
check('command matches the desktop file Exec', exec_[:1] == [m.get('command')], exec_)
service = configparser.RawConfigParser(interpolation=None, strict=False)
service.optionxform = str
service.read(os.path.join(root, 'data', 'io.github.appharbor.Harbor.service.in'), encoding='utf-8')
svc_exec = service.get('D-BUS Service', 'Exec', fallback='').split()
check('command matches the D-Bus service Exec',
      svc_exec and os.path.basename(svc_exec[0]) == m.get('command'), svc_exec)
meta = ET.parse(os.path.join(root, 'data', 'io.github.appharbor.Harbor.metainfo.xml.in.in')).getroot()
check('metainfo id template resolves to the manifest id',
      meta.findtext('id') == '@app_id@' and default_id == m.get('id'), meta.findtext('id'))

check('runtime is org.gnome.Platform', m.get('runtime') == 'org.gnome.Platform', m.get('runtime'))
check('sdk is org.gnome.Sdk', m.get('sdk') == 'org.gnome.Sdk', m.get('sdk'))
rv = str(m.get('runtime-version', ''))
# GNOME 44 is the first runtime with WebKitGTK 6.0; "master"/"nightly" are not pinned.
check('runtime-version is a pinned GNOME release (>= 44)', rv.isdigit() and int(rv) >= 44, rv)

args = m.get('finish-args', [])
check('finish-args has no duplicates', len(args) == len(set(args)), args)
check('finish-args only the ones Harbor needs', set(args) <= ALLOWED, sorted(set(args) - ALLOWED))
check('finish-args has all the ones Harbor needs', set(args) >= REQUIRED, sorted(REQUIRED - set(args)))
check('no filesystem access', not any(a.startswith(('--filesystem', '--persist')) for a in args))
check('no own name, no portal talk-names',
      not any(a.startswith('--own-name') or 'org.freedesktop.portal.' in a for a in args))
check('secret service name spelled as the linter wants',
      not any(a.lower() == '--talk-name=org.freedesktop.secrets' and a != '--talk-name=org.freedesktop.secrets'
              for a in args))
check('fallback-x11 comes with wayland and ipc, no plain x11',
      '--socket=x11' not in args and ('--socket=fallback-x11' not in args
                                     or {'--socket=wayland', '--share=ipc'} <= set(args)))

modules = m.get('modules', [])
names = [mod.get('name') if isinstance(mod, dict) else mod for mod in modules]
check('the only module is harbor (the runtime has every dependency)', names == [project], names)
mod = modules[-1] if modules and isinstance(modules[-1], dict) else {}
check('harbor builds with meson', mod.get('buildsystem') == 'meson')
opts = mod.get('config-opts', [])
check('release profile, no test build', '-Dprofile=default' in opts and '-Dtests=false' in opts, opts)
srcs = mod.get('sources', [])
dir_src = [s for s in srcs if s.get('type') == 'dir']
check('sources build this tree', len(dir_src) == 1 and os.path.isfile(
    os.path.join(root, 'flatpak', dir_src[0].get('path', ''), 'meson.build')) and
    os.path.samefile(os.path.join(root, 'flatpak', dir_src[0]['path']), root), srcs)
post = ' '.join(mod.get('post-install', []))
check('licence installed to share/licenses/$FLATPAK_ID',
      'COPYING' in post and '${FLATPAK_DEST}/share/licenses/${FLATPAK_ID}' in post, post)
check('licence file exists', os.path.isfile(os.path.join(root, 'COPYING')))

with open(os.path.join(root, 'README.md'), encoding='utf-8') as f:
    readme = f.read()
check('README gives the flatpak-builder command for this manifest',
      re.search(r'flatpak-builder\b[^\n]*\s' + re.escape(MANIFEST), readme))
check('README names the same runtime branch',
      f'org.gnome.Platform//{rv}' in readme and f'org.gnome.Sdk//{rv}' in readme)

if flatpak_builder:
    env = dict(os.environ, G_DEBUG='fatal-warnings')
    r = subprocess.run([flatpak_builder, '--show-manifest', os.path.join(root, MANIFEST)],
                       capture_output=True, text=True, env=env)
    try:
        shown = json.loads(r.stdout) if r.returncode == 0 else {}
    except ValueError:
        shown = {}
    check('flatpak-builder --show-manifest loads it without warnings',
          r.returncode == 0 and shown.get('id') == m.get('id'),
          f'exit {r.returncode}: {r.stderr.strip()}')

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok and detail not in ('', None):
        print(f'# got: {detail}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
