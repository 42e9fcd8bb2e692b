#!/usr/bin/python3
# e2e: install Harbor into a temporary prefix and start it the way a desktop menu does.
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Usage: test-desktop-launch.py APP_ID

1. `meson install --destdir` the build tree (HARBOR_BUILD_ROOT) into a temporary directory.
   The tree's prefix is compiled into the D-Bus service's Exec line, so that one line is
   pointed at the copy under the destdir; glib-compile-schemas runs there (Meson skips
   post-install scripts under DESTDIR). Nothing else is touched, and no GSETTINGS_SCHEMA_DIR:
   the installed schema must be found through XDG_DATA_DIRS.
2. Start a private session bus with XDG_DATA_DIRS pointing at the prefix (a bus started before
   XDG_DATA_DIRS was set would not see the service file), and in it:
   launch the entry found by desktop id the way menus do → D-Bus activation → a window,
   seen on AT-SPI and by xdotool; a second launch, and `gio launch <prefix>/share/
   applications/APP_ID.desktop` (which spawns Exec in GLib 2.74) → still one process, one
   window.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 30.0


def log(msg):
    for line in str(msg).splitlines():
        print('# ' + line, flush=True)


# ---------------------------------------------------------------------------------------------
# Outer part: install, prepare the environment, run the inner part in a private session bus.

def meson_dirs(meson, build):
    out = subprocess.run([meson, 'introspect', '--buildoptions', build], check=True,
                         capture_output=True, text=True).stdout
    opts = {o['name']: o['value'] for o in json.loads(out)}
    prefix = opts['prefix']
    return (prefix,
            os.path.join(prefix, opts['bindir']),
            os.path.join(prefix, opts['datadir']))


def outer(app_id):
    build = os.environ.get('HARBOR_BUILD_ROOT')
    meson = shutil.which('meson')
    if not build or not meson:
        print('1..0 # SKIP needs HARBOR_BUILD_ROOT and meson')
        return 0
    tmp = tempfile.mkdtemp(prefix='harbor-desktop-launch-')
    try:
        return run_outer(app_id, build, meson, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_outer(app_id, build, meson, tmp):
    dest = os.path.join(tmp, 'dest')
    prefix, bindir, datadir = meson_dirs(meson, build)
    r = subprocess.run([meson, 'install', '-C', build, '--no-rebuild', '--quiet',
                        '--destdir', dest], capture_output=True, text=True)
    print(f'{"ok" if r.returncode == 0 else "not ok"} 1 - meson install --destdir', flush=True)
    if r.returncode != 0:
        log(r.stdout + r.stderr)
        print('1..1')
        return 1
    d_bindir = dest + bindir
    d_datadir = dest + datadir
    desktop = os.path.join(d_datadir, 'applications', app_id + '.desktop')
    service = os.path.join(d_datadir, 'dbus-1', 'services', app_id + '.service')
    installed = {
        'desktop file': desktop,
        'D-Bus service': service,
        'metainfo': os.path.join(d_datadir, 'metainfo', app_id + '.metainfo.xml'),
        'schema': os.path.join(d_datadir, 'glib-2.0', 'schemas', app_id + '.gschema.xml'),
        'icon': os.path.join(d_datadir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg'),
        'symbolic icon': os.path.join(d_datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                                      app_id + '-symbolic.svg'),
        'German catalogue': os.path.join(dest + prefix, 'share', 'locale', 'de', 'LC_MESSAGES',
                                         'harbor.mo'),
        'harbor': os.path.join(d_bindir, 'harbor'),
    }
    n = 1
    missing = [k for k, p in installed.items() if not os.path.exists(p)]
    n += 1
    print(f'{"ok" if not missing else "not ok"} {n} - everything a desktop needs is installed',
          flush=True)
    for k in missing:
        log(f'missing {k}: {installed[k]}')
    if missing:
        print(f'1..{n}')
        return 1

    # The service names the configured prefix; point it at the copy under the destdir.
    with open(service, encoding='utf-8') as f:
        text = f.read()
    exec_line = f'Exec={bindir}/harbor --gapplication-service'
    n += 1
    ok = exec_line in text
    print(f'{"ok" if ok else "not ok"} {n} - the service starts {bindir}/harbor', flush=True)
    with open(service, 'w', encoding='utf-8') as f:
        f.write(text.replace(exec_line, f'Exec={d_bindir}/harbor --gapplication-service'))
    subprocess.run(['glib-compile-schemas', os.path.join(d_datadir, 'glib-2.0', 'schemas')],
                   check=True)

    env = dict(os.environ)
    for var in ('GSETTINGS_SCHEMA_DIR', 'HARBOR_ACCESS_TOKEN', 'GTK_A11Y',
                'DBUS_SESSION_BUS_ADDRESS', 'AT_SPI_BUS_ADDRESS'):
        env.pop(var, None)
    for sub in ('home', 'data', 'config', 'cache', 'state'):
        os.makedirs(os.path.join(tmp, sub), mode=0o700)
    env.update({
        'XDG_DATA_DIRS': ':'.join([d_datadir, '/usr/local/share', '/usr/share']),
        'HOME': os.path.join(tmp, 'home'),
        'XDG_DATA_HOME': os.path.join(tmp, 'data'),
        'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
        'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
        'XDG_STATE_HOME': os.path.join(tmp, 'state'),
        'GSETTINGS_BACKEND': 'memory',
        'NO_AT_BRIDGE': '0',
        # GDesktopAppInfo refuses an entry whose Exec program is not on PATH, as for any
        # install into a prefix: the prefix's bin goes on PATH.
        'PATH': d_bindir + os.pathsep + os.environ.get('PATH', '/usr/bin:/bin'),
    })
    inner = subprocess.run(['dbus-run-session', '--', sys.executable, os.path.abspath(__file__),
                            '--inner', app_id, desktop, os.path.join(d_bindir, 'harbor'), str(n)],
                           env=env, cwd=tmp, timeout=120)
    return 1 if (inner.returncode or not ok) else 0


# ---------------------------------------------------------------------------------------------
# Inner part: runs inside the private session bus.

def processes_of(exe):
    """PIDs whose executable is exe (the installed copy, so nothing else can match)."""
    pids = []
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            if os.path.realpath(f'/proc/{pid}/exe') == os.path.realpath(exe):
                pids.append(int(pid))
        except OSError:
            continue
    return sorted(pids)


def visible_windows(pid):
    if not shutil.which('xdotool'):
        return None
    r = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                       capture_output=True, text=True)
    return [w for w in r.stdout.split() if w]


def wait(pred, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(0.1)
    return pred()


def inner(app_id, desktop, exe, n):
    sys.path.insert(0, HERE)
    from harbor_e2e import Keyring, ensure_a11y_bus  # noqa: E402
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, Gio, GLib  # noqa: E402

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def dbus(method, sig, args, reply):
        return bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                             'org.freedesktop.DBus', method, GLib.Variant(sig, args),
                             GLib.VariantType(reply), Gio.DBusCallFlags.NONE, -1,
                             None).unpack()[0]

    def owner_pid():
        try:
            if dbus('NameHasOwner', '(s)', (app_id,), '(b)'):
                return dbus('GetConnectionUnixProcessID', '(s)', (app_id,), '(u)')
        except GLib.Error:
            pass
        return None

    def frames(pid):
        desktop_acc = Atspi.get_desktop(0)
        desktop_acc.clear_cache()
        out = []
        for i in range(desktop_acc.get_child_count()):
            app = desktop_acc.get_child_at_index(i)
            try:
                if app is None or app.get_process_id() != pid:
                    continue
                for j in range(app.get_child_count()):
                    w = app.get_child_at_index(j)
                    if w is not None and w.get_role() in (Atspi.Role.FRAME, Atspi.Role.WINDOW) \
                            and w.get_state_set().contains(Atspi.StateType.SHOWING):
                        out.append(w.get_name())
            except GLib.Error:
                continue
        return out

    def tap(cond, what, diag=None):
        nonlocal n, failed
        n += 1
        print(f'{"ok" if cond else "not ok"} {n} - {what}', flush=True)
        if not cond:
            failed += 1
            if diag:
                log(diag)
        return cond

    def cmdline(pid):
        try:
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                return [a.decode() for a in f.read().split(b'\0') if a]
        except OSError:
            return []

    def one_instance(what):
        tap(owner_pid() == pid, f'{what}: the same process still owns the name')
        ok = wait(lambda: processes_of(exe) == [pid], 10)
        tap(ok, f'{what}: still exactly one harbor process', f'harbor processes: {processes_of(exe)}')
        names = frames(pid)
        tap(len(names) == 1, f'{what}: still exactly one window on the accessibility bus',
            f'windows: {names}')
        wins = visible_windows(pid)
        if wins is not None:
            tap(len(wins) == 1, f'{what}: still exactly one visible X11 window', f'windows: {wins}')

    failed = 0
    launcher = ensure_a11y_bus()
    # A keyring of the test's own, started before harbor: one the bus activated would print
    # its environment into this TAP stream and read the machine's $HOME.
    keyring = Keyring(os.getcwd()).start()
    Atspi.init()
    pid = None
    desktop_id = app_id + '.desktop'
    try:
        tap(owner_pid() is None, f'{app_id} is not running before the launch')
        # What a menu (GNOME Shell, gnome-software's Launch button) does: look the entry up by
        # desktop id in XDG_DATA_DIRS and launch it; GIO activates DBusActivatable entries
        # over D-Bus. (`gio launch FILE` spawns Exec instead in GLib 2.74; checked below.)
        info = Gio.DesktopAppInfo.new(desktop_id)
        tap(info is not None and os.path.samefile(info.get_filename(), desktop),
            'the desktop entry is found through XDG_DATA_DIRS',
            info.get_filename() if info else 'not found')
        if info is None:
            return 1
        tap(info.launch([], None), 'first launch from the desktop entry')
        pid = wait(owner_pid)
        if not tap(pid, f'harbor owns {app_id} on the session bus'):
            return 1
        tap('--gapplication-service' in cmdline(pid),
            'it was started by D-Bus activation (the service file)', cmdline(pid))
        tap(processes_of(exe) == [pid], 'the bus name belongs to the installed harbor',
            f'harbor processes {processes_of(exe)}, owner {pid}')
        names = wait(lambda: frames(pid))
        tap(len(names) == 1, 'its window is on the accessibility bus', f'windows: {names}')
        wins = wait(lambda: visible_windows(pid))
        if wins is None:
            n += 1
            print(f'ok {n} - one visible X11 window # SKIP no xdotool', flush=True)
        else:
            tap(len(wins) == 1, 'one visible X11 window', f'windows: {wins}')

        tap(Gio.DesktopAppInfo.new(desktop_id).launch([], None), 'second launch from the menu')
        # A D-Bus Activate call to the running instance; give it time to (wrongly) start
        # something or open a second window before counting.
        time.sleep(2.0)
        one_instance('after the second launch')

        r = subprocess.run(['gio', 'launch', desktop], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=30)
        tap(r.returncode == 0, 'third launch with gio launch FILE (spawns Exec=harbor)',
            r.stderr.decode(errors='replace'))
        time.sleep(2.0)
        one_instance('after gio launch')
    finally:
        for p in processes_of(exe):
            os.kill(p, signal.SIGTERM)
        wait(lambda: not processes_of(exe), 10)
        if launcher is not None and launcher.poll() is None:
            launcher.terminate()
            launcher.wait(5)
        keyring.stop()
        print(f'1..{n}', flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--inner':
        sys.exit(inner(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])))
    sys.exit(outer(sys.argv[1]))
