#!/usr/bin/env python3
# Checks that the installed data files agree with each other and with the app id.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: check-data.py BUILD_DATA_DIR SOURCE_ROOT APP_ID VERSION [RSVG_CONVERT]

The desktop file, D-Bus service, metainfo, schema and icons must all carry APP_ID; the German
translation must have been merged; the screenshots the metainfo names must exist in the tree;
icons must be well-formed SVGs of the right size that render.
"""
import configparser
import datetime
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

build, root, app_id, version = sys.argv[1:5]
rsvg = sys.argv[5] if len(sys.argv) > 5 else None
SCREENSHOT_BASE = 'https://raw.githubusercontent.com/appharbor/harbor/main/'
results = []


def check(name, cond, detail=''):
    results.append((name, bool(cond), detail))


def read_ini(path, group):
    cp = configparser.RawConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read(path, encoding='utf-8')
    return cp[group] if cp.has_section(group) else {}


# Desktop file
desktop = read_ini(os.path.join(build, app_id + '.desktop'), 'Desktop Entry')
check('desktop file exists with [Desktop Entry]', desktop)
check('desktop Icon is the app id', desktop.get('Icon') == app_id, desktop.get('Icon'))
check('desktop Exec is harbor', (desktop.get('Exec') or '').split()[:1] == ['harbor'], desktop.get('Exec'))
check('desktop is DBusActivatable', desktop.get('DBusActivatable') == 'true')
check('desktop has StartupNotify', desktop.get('StartupNotify') == 'true')
check('desktop Categories is Development;', desktop.get('Categories') == 'Development;', desktop.get('Categories'))
check('desktop has Keywords', desktop.get('Keywords', '').endswith(';'))
check('desktop has German Comment merged', desktop.get('Comment[de]') not in (None, desktop.get('Comment')),
      desktop.get('Comment[de]'))

# D-Bus service
service = read_ini(os.path.join(build, app_id + '.service'), 'D-BUS Service')
check('service Name is the app id', service.get('Name') == app_id, service.get('Name'))
exec_ = (service.get('Exec') or '').split()
check('service Exec is an absolute harbor --gapplication-service',
      len(exec_) == 2 and os.path.isabs(exec_[0]) and os.path.basename(exec_[0]) == 'harbor'
      and exec_[1] == '--gapplication-service', service.get('Exec'))

# Metainfo
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
meta = ET.parse(os.path.join(build, app_id + '.metainfo.xml')).getroot()
check('metainfo id is the app id', meta.findtext('id') == app_id, meta.findtext('id'))
launch = meta.find('launchable')
check('metainfo launchable is the desktop file',
      launch is not None and launch.get('type') == 'desktop-id' and launch.text == app_id + '.desktop')
check('metainfo names the developer', meta.find('developer/name') is not None)
check('metainfo has homepage and bugtracker',
      {u.get('type') for u in meta.findall('url')} >= {'homepage', 'bugtracker'})
check('metainfo has an OARS content rating', meta.find('content_rating') is not None
      and meta.find('content_rating').get('type') == 'oars-1.1')
check('metainfo translation domain is harbor', meta.findtext('translation') == 'harbor')
today = datetime.date.today()
dates = [r.get('date') for r in meta.findall('releases/release')]
check('metainfo has releases, none in the future',
      dates and all(datetime.date.fromisoformat(d) <= today for d in dates), dates)
first = meta.find('releases/release')
check('metainfo lists the project version first',
      first is not None and first.get('version') == version,
      first.get('version') if first is not None else None)
shots = [i.text for i in meta.findall('screenshots/screenshot/image')]
check('metainfo has at least one screenshot', shots)
for url in shots:
    rel = url[len(SCREENSHOT_BASE):] if url.startswith(SCREENSHOT_BASE) else None
    check(f'screenshot {os.path.basename(url)} is in the tree',
          rel and os.path.isfile(os.path.join(root, rel)), url)
check('metainfo has a German summary merged',
      any(s.get(XML_LANG) == 'de' for s in meta.findall('summary')))

# Schema
schema = ET.parse(os.path.join(build, app_id + '.gschema.xml')).getroot()
sch = schema.find('schema')
check('schema id is the app id', sch is not None and sch.get('id') == app_id)
check('schema path follows the app id',
      sch is not None and sch.get('path') == '/' + app_id.replace('.', '/') + '/', sch.get('path'))
check('schema has a gettext-domain', schema.get('gettext-domain') == 'harbor')
keys = {k.get('name'): k.get('type') for k in schema.iter('key')}
for k, t in (('window-width', 'i'), ('window-height', 'i'), ('window-maximized', 'b'),
             ('last-app', 's'), ('api-base-url', 's'), ('oauth-client-id', 's'),
             ('oauth-client-secret', 's')):
    check(f'schema key {k} ({t})', keys.get(k) == t, keys.get(k))
check('schema holds no token key', not any('token' in k for k in keys), list(keys))

# Icons
SVG = '{http://www.w3.org/2000/svg}'
icons = {
    'io.github.appharbor.Harbor.svg': 128,
    'io.github.appharbor.Harbor.Devel.svg': 128,
    'io.github.appharbor.Harbor-symbolic.svg': 16,
}
for name, size in icons.items():
    path = os.path.join(root, 'data', 'icons', name)
    try:
        svg = ET.parse(path).getroot()
        ok = svg.tag == SVG + 'svg' and svg.get('viewBox') == f'0 0 {size} {size}'
    except (OSError, ET.ParseError) as e:
        ok, svg = False, None
    check(f'icon {name} is an SVG with a {size}x{size} view box', ok)
    if name.endswith('-symbolic.svg') and svg is not None:
        # GTK recolours symbolic icons by fill only; strokes would stay dark in dark mode.
        stroked = [e.tag for e in svg.iter() if e.get('stroke') not in (None, 'none')]
        check(f'icon {name} uses fills only', not stroked, stroked)
    if rsvg:
        r = subprocess.run([rsvg, '-w', str(size * 2), path], capture_output=True)
        check(f'icon {name} renders with rsvg-convert',
              r.returncode == 0 and r.stdout.startswith(b'\x89PNG'), r.stderr.decode().strip())

print(f'1..{len(results)}')
for i, (name, ok, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok and detail not in ('', None):
        print(f'# got: {detail}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
