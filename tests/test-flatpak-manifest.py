#!/usr/bin/env python3
# Checks the Flatpak manifests: valid JSON that agrees with data/ and meson, least privilege.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-flatpak-manifest.py SOURCE_ROOT [FLATPAK_BUILDER]

flatpak-builder and the GNOME runtime cannot be fetched on our machines, so this checks what
can be checked offline, for the release manifest and the .Devel one: each parses, names the
same app id, command and runtime as the data files and Meson's profile, pins a runtime branch,
asks only for the finish-args Harbor needs, builds this tree with Meson, and the README gives
the command that builds it. With FLATPAK_BUILDER, `flatpak-builder --show-manifest` must load
each manifest without a warning (it warns, rather than fails, on unknown properties and source
types, so warnings are made fatal).
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
MAIN = 'flatpak/io.github.appharbor.Harbor.json'
# manifest -> (app id, meson profile)
MANIFESTS = {
    MAIN: ('io.github.appharbor.Harbor', 'default'),
    'flatpak/io.github.appharbor.Harbor.Devel.json': ('io.github.appharbor.Harbor.Devel',
                                                       'development'),
}
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
    ids = {
        'development': re.search(r"profile'\)\s*==\s*'development'\s+app_id\s*=\s*'([^']+)'", text),
        'default': re.search(r"else\s+app_id\s*=\s*'([^']+)'", text),
    }
    with open(os.path.join(root, 'src', 'meson.build'), encoding='utf-8') as f:
        exe = re.findall(r"executable\(\s*'([^']+)'", f.read())
    return (name.group(1) if name else None,
            {k: v.group(1) if v else None for k, v in ids.items()}, exe)


def read_ini(path, group, key):
    cp = configparser.RawConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read(os.path.join(root, path), encoding='utf-8')
    return cp.get(group, key, fallback='').split()


project, meson_ids, executables = meson_project()
desktop_exec = read_ini('data/io.github.appharbor.Harbor.desktop.in.in', 'Desktop Entry', 'Exec')
service_exec = read_ini('data/io.github.appharbor.Harbor.service.in', 'D-BUS Service', 'Exec')
meta_id = ET.parse(os.path.join(root, 'data',
                                'io.github.appharbor.Harbor.metainfo.xml.in.in')).getroot().findtext('id')
check('the metainfo id is the @app_id@ template', meta_id == '@app_id@', meta_id)
runtime_versions = set()

for path, (app_id, profile) in MANIFESTS.items():
    tag = os.path.basename(path)
    try:
        with open(os.path.join(root, path), encoding='utf-8') as f:
            m = json.load(f)
        check(f'{tag}: valid JSON', isinstance(m, dict))
    except (OSError, ValueError) as e:
        m = {}
        check(f'{tag}: valid JSON', False, str(e))
    check(f'{tag}: id is {app_id}', m.get('id') == app_id, m.get('id'))
    check(f'{tag}: file is named by its id', tag == f"{m.get('id')}.json")
    check(f'{tag}: meson profile {profile} gives the same app id', meson_ids.get(profile) == app_id,
          meson_ids.get(profile))
    check(f'{tag}: command is an executable meson builds', m.get('command') in executables,
          f"{m.get('command')} not in {executables}")
    check(f'{tag}: command matches the desktop file Exec', desktop_exec[:1] == [m.get('command')],
          desktop_exec)
    check(f'{tag}: command matches the D-Bus service Exec',
          service_exec and os.path.basename(service_exec[0]) == m.get('command'), service_exec)

    check(f'{tag}: runtime is org.gnome.Platform', m.get('runtime') == 'org.gnome.Platform',
          m.get('runtime'))
    check(f'{tag}: sdk is org.gnome.Sdk', m.get('sdk') == 'org.gnome.Sdk', m.get('sdk'))
    rv = str(m.get('runtime-version', ''))
    runtime_versions.add(rv)
    # GNOME 44 is the first runtime with WebKitGTK 6.0; "master"/"nightly" are not pinned.
    check(f'{tag}: runtime-version is a pinned GNOME release (>= 44)',
          rv.isdigit() and int(rv) >= 44, rv)

    args = m.get('finish-args', [])
    check(f'{tag}: finish-args has no duplicates', len(args) == len(set(args)), args)
    check(f'{tag}: finish-args only the ones Harbor needs', set(args) <= ALLOWED,
          sorted(set(args) - ALLOWED))
    check(f'{tag}: finish-args has all the ones Harbor needs', set(args) >= REQUIRED,
          sorted(REQUIRED - set(args)))
    check(f'{tag}: no filesystem access',
          not any(a.startswith(('--filesystem', '--persist')) for a in args))
    check(f'{tag}: no own name, no portal talk-names',
          not any(a.startswith('--own-name') or 'org.freedesktop.portal.' in a for a in args))
    check(f'{tag}: fallback-x11 comes with wayland and ipc, no plain x11',
          '--socket=x11' not in args and ('--socket=fallback-x11' not in args
                                         or {'--socket=wayland', '--share=ipc'} <= set(args)))

    modules = m.get('modules', [])
    names = [mod.get('name') if isinstance(mod, dict) else mod for mod in modules]
    check(f'{tag}: the only module is harbor (the runtime has every dependency)',
          names == [project], names)
    mod = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    check(f'{tag}: harbor builds with meson', mod.get('buildsystem') == 'meson')
    opts = mod.get('config-opts', [])
    check(f'{tag}: profile {profile}, no test build',
          f'-Dprofile={profile}' in opts and '-Dtests=false' in opts, opts)
    dir_src = [s for s in mod.get('sources', []) if s.get('type') == 'dir']
    src_dir = os.path.join(root, 'flatpak', dir_src[0].get('path', '')) if len(dir_src) == 1 else None
    check(f'{tag}: sources build this tree',
          src_dir is not None and os.path.isdir(src_dir) and os.path.samefile(src_dir, root),
          mod.get('sources'))
    post = ' '.join(mod.get('post-install', []))
    check(f'{tag}: licence installed to share/licenses/$FLATPAK_ID',
          'COPYING' in post and '${FLATPAK_DEST}/share/licenses/${FLATPAK_ID}' in post, post)

    if flatpak_builder:
        env = dict(os.environ, G_DEBUG='fatal-warnings')
        r = subprocess.run([flatpak_builder, '--show-manifest', os.path.join(root, path)],
                           capture_output=True, text=True, env=env)
        try:
            shown = json.loads(r.stdout) if r.returncode == 0 else {}
        except ValueError:
            shown = {}
        check(f'{tag}: flatpak-builder --show-manifest loads it without warnings',
              r.returncode == 0 and shown.get('id') == m.get('id'),
              f'exit {r.returncode}: {r.stderr.strip()}')

check('both manifests use the same runtime branch', len(runtime_versions) == 1, runtime_versions)
check('licence file exists', os.path.isfile(os.path.join(root, 'COPYING')))
with open(os.path.join(root, 'README.md'), encoding='utf-8') as f:
    readme = f.read()
check('README gives the flatpak-builder command for the release manifest',
      re.search(r'flatpak-builder\b[^\n]*\s' + re.escape(MAIN), readme))
rv = next(iter(runtime_versions)) if runtime_versions else ''
check('README names the same runtime branch',
      f'org.gnome.Platform//{rv}' in readme and f'org.gnome.Sdk//{rv}' in readme)

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok and detail not in ('', None):
        print(f'# got: {detail}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
