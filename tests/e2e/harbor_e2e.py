# harbor_e2e.py: shared driver for end-to-end tests of the built harbor over AT-SPI
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the real `harbor-server` and `harbor`, then drive Harbor by accessible names.

Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-atspi-2.0) inside
`xvfb-run` and `dbus-run-session`, as build-aux/run-tests.sh does.  Example:

    from harbor_e2e import Session, Tap
    tap = Tap()
    with Session(token="e2e-token") as s:
        s.find("New Application", role="push button").click()
        ...
        tap.ok(True, "created")
    tap.done()

Environment: HARBOR_BUILD_ROOT (the meson build dir) locates both programs.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

# Atspi 2.46 deprecates the get_*_iface() accessors the older gir still needs.
warnings.filterwarnings("ignore", category=DeprecationWarning)

DEFAULT_TIMEOUT = 15.0
# Starting a process (and GTK registering on the bus) under a loaded CI machine took longer than
# 15 s: harbor's start is not what these tests time, so they wait longer for it.
APPEAR_TIMEOUT = 45.0
# Levels a shallow find() looks through: a toast's label is 6 below the application.
SHALLOW_DEPTH = 8
TOPLEVEL_ROLES = ("frame", "dialog", "window", "alert", Atspi.Role.FRAME, Atspi.Role.DIALOG)


class E2EError(Exception):
    """A step that could not be carried out (element missing, process died…)."""


# ---------------------------------------------------------------------------
# TAP


class Tap:
    """A tiny TAP printer: ok()/skip() per check, done() prints the plan."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, description, diag=None):
        self.n += 1
        if not cond:
            self.failed += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, description), flush=True)
        if not cond and diag:
            self.diag(diag)
        return cond

    def skip(self, description, reason):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, description, reason), flush=True)

    def diag(self, text):
        for line in str(text).splitlines():
            print("# " + line, flush=True)

    def bail(self, reason):
        print("Bail out! " + reason, flush=True)
        sys.exit(1)

    def done(self):
        print("1..%d" % self.n, flush=True)
        return 1 if self.failed else 0


# ---------------------------------------------------------------------------
# Accessibility bus


def _name_has_owner(name):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          GLib.Variant("(s)", (name,)), GLib.VariantType("(b)"),
                          Gio.DBusCallFlags.NONE, -1, None)
    return reply.unpack()[0]


def ensure_a11y_bus():
    """Start at-spi-bus-launcher unless org.a11y.Bus is already owned.

    Returns the Popen of the launcher we started (or None)."""
    if _name_has_owner("org.a11y.Bus"):
        return None
    launcher = "/usr/libexec/at-spi-bus-launcher"
    proc = subprocess.Popen([launcher, "--launch-immediately"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if _name_has_owner("org.a11y.Bus"):
            return proc
        time.sleep(0.05)
    raise E2EError("the accessibility bus did not come up")


# ---------------------------------------------------------------------------
# Accessible wrapper


def _role_matches(acc, role):
    if role is None:
        return True
    try:
        if isinstance(role, Atspi.Role):
            return acc.get_role() == role
        return acc.get_role_name() == role
    except GLib.Error:
        return False


def _safe_name(acc):
    """The accessible name exactly as a screen reader gets it (never cleaned up here, so a
    mangled name such as "_Create Create" fails the test that looks for "Create")."""
    try:
        return acc.get_name() or ""
    except GLib.Error:
        return ""


_MNEMONIC = re.compile(r"_[^\W_]")


def name_problem(name):
    """Why this accessible name is not what a person should hear, or None: a mnemonic
    underscore ("C_reate"), or the name said twice ("Create Create", "Sign In Sign In")."""
    if _MNEMONIC.search(name):
        return "has a mnemonic underscore"
    words = name.split()
    for n in range(1, len(words) // 2 + 1):
        for i in range(len(words) - 2 * n + 1):
            if words[i:i + n] == words[i + n:i + 2 * n]:
                return "repeats %r" % " ".join(words[i:i + n])
    return None


# Issue 16, item 6: what a focusable or actionable element must not be named.
_TYPE_NAME = re.compile(r"^(Gtk|Adw|Hb|Gdk|WebKit)[A-Z][A-Za-z0-9]*$")
# A mnemonic left in: an underscore opening a word ("_Retry") or inside a word before a small
# letter ("C_opy"). Identifiers such as test names ("Saves_WithName") are not mnemonics.
_MNEMONIC_MARK = re.compile(r"(?:^|\s)_[^\W_]|(?<=[^\W_])_[a-z]")
# Roles that are controls even without a focusable state or an action of their own.
COMPOSITE_ROLES = ("list", "list box", "table", "tree table", "tree", "page tab list", "menu",
                   "menu bar", "tool bar")


def control_name_problem(name):
    """Why a control's accessible name is wrong, or None: empty, its GObject type's name
    (GTK's fallback: "GtkToggleButton", "HbBuildsPage"), a mnemonic underscore, or said twice."""
    if not name.strip():
        return "has no name"
    if _TYPE_NAME.match(name):
        return "is named after its type"
    if _MNEMONIC_MARK.search(name):
        return "has a mnemonic underscore"
    words = name.split()
    for n in range(1, len(words) // 2 + 1):
        for i in range(len(words) - 2 * n + 1):
            if words[i:i + n] == words[i + n:i + 2 * n]:
                return "repeats %r" % " ".join(words[i:i + n])
    return None


class Element:
    """One accessible object of the app, with the few verbs tests need."""

    def __init__(self, session, acc):
        self.session = session
        self.acc = acc

    @property
    def name(self):
        return _safe_name(self.acc)

    @property
    def role(self):
        return self.acc.get_role_name()

    def __repr__(self):
        return "<%s %r>" % (self.role, self.name)

    def states(self):
        return self.acc.get_state_set()

    def has_state(self, state):
        return self.acc.get_state_set().contains(state)

    @property
    def sensitive(self):
        return self.has_state(Atspi.StateType.SENSITIVE)

    def actions(self):
        action = self.acc.get_action_iface()
        if action is None:
            return []
        return [action.get_action_name(i) for i in range(action.get_n_actions())]

    def click(self):
        self.session.click(self)

    def set_text(self, text):
        self.session.set_text(self, text)

    def text(self):
        iface = self.acc.get_text_iface()
        if iface is None:
            return self.name
        return iface.get_text(0, iface.get_character_count())

    def find(self, name, role=None, timeout=DEFAULT_TIMEOUT):
        return self.session.find(name, role=role, timeout=timeout, root=self)

    def children(self):
        out = []
        for i in range(self.acc.get_child_count()):
            child = self.acc.get_child_at_index(i)
            if child is not None:
                out.append(Element(self.session, child))
        return out


# ---------------------------------------------------------------------------
# Focus, as a screen reader follows it


class FocusTracker:
    """Follows the element that has the keyboard focus, from the "focused" state changes the
    app sends (as Orca does): asking every element for its state takes far longer."""

    def __init__(self, session):
        self.session = session
        self.acc = None
        self.listener = Atspi.EventListener.new(self._on_event)
        self.listener.register("object:state-changed:focused")

    def _on_event(self, event):
        try:
            if event.detail1 == 1 and event.source.get_process_id() == self.session.harbor.pid:
                self.acc = event.source
        except GLib.Error:
            pass

    def pump(self, seconds=0.3):
        context = GLib.MainContext.default()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            while context.iteration(False):
                pass
            time.sleep(0.02)

    def focused(self, settle=0.6):
        """The focused element after @settle seconds of events; before the first event, the
        one whose state says so (a walk of the tree)."""
        self.pump(settle)
        if self.acc is None:
            self.acc = self._walk_for_focus(self.session.app.acc, 0)
        return Element(self.session, self.acc) if self.acc is not None else None

    def _walk_for_focus(self, acc, depth):
        if depth > 60:
            return None
        try:
            if acc.get_state_set().contains(Atspi.StateType.FOCUSED):
                return acc
            for i in range(acc.get_child_count()):
                child = acc.get_child_at_index(i)
                found = self._walk_for_focus(child, depth + 1) if child is not None else None
                if found is not None:
                    return found
        except GLib.Error:
            pass
        return None

    def wait(self, predicate, timeout=DEFAULT_TIMEOUT, what="the focus"):
        """Waits until predicate(focused element) holds; returns that element."""
        deadline = time.monotonic() + timeout
        while True:
            el = self.focused(0.2)
            try:
                if el is not None and predicate(el):
                    return el
            except GLib.Error:
                pass
            if time.monotonic() > deadline:
                raise E2EError("timed out waiting for %s (focus on %r)" % (what, el))

    def close(self):
        self.listener.deregister("object:state-changed:focused")


# ---------------------------------------------------------------------------
# Conditions: a busy machine, a keyring of the test's own


class BusyCore:
    """Keeps one core busy, as another build on the machine would, while a story runs.

    The spinning child is bounded in time (`limit` seconds) and stopped on exit, so a test
    that dies leaves no busy loop behind. HARBOR_E2E_BUSY=0 turns it off for a quiet run."""

    def __init__(self, limit=900):
        self.limit = limit
        self.proc = None

    def start(self):
        if os.environ.get("HARBOR_E2E_BUSY", "1") == "0" or (os.cpu_count() or 1) < 2:
            return self
        # A process group of its own: stopping it ends `timeout` and the loop together.
        self.proc = subprocess.Popen(["timeout", str(self.limit), "/bin/sh", "-c",
                                      "while :; do :; done"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        return self

    def stop(self):
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


class Keyring:
    """A gnome-keyring-daemon of the test's own, replacing whatever owns the Secret Service
    on this session bus: a "login" collection that exists and is unlocked, in a folder of
    the test's, so nothing depends on what $HOME holds and nothing asks for a password
    (on a fresh machine the shared daemon found no login keyring and asked the system
    prompter to create one)."""

    PASSWORD = b"harbor-e2e"

    def __init__(self, folder):
        self.folder = folder
        self.proc = None

    def start(self):
        home = os.path.join(self.folder, "keyring-home")
        os.makedirs(os.path.join(home, ".local", "share"), mode=0o700, exist_ok=True)
        env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, ".local", "share"),
                   XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_CACHE_HOME=os.path.join(home, ".cache"))
        self.proc = subprocess.Popen(["gnome-keyring-daemon", "--replace", "--foreground",
                                      "--unlock", "--components=secrets"],
                                     env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.proc.stdin.write(self.PASSWORD)
        self.proc.stdin.close()
        # Ready once it owns the name (the daemon it replaces gives it up first).
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise E2EError("gnome-keyring-daemon exited with status %d"
                               % self.proc.returncode)
            if _name_owner_pid("org.freedesktop.secrets") == self.proc.pid:
                return self
            time.sleep(0.05)
        raise E2EError("gnome-keyring-daemon did not take org.freedesktop.secrets")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


class StalledKeyring:
    """A Secret Service that takes every call and never answers (stalled-secrets.py): what
    the restore of a saved sign-in meets when the keyring waits behind a prompt."""

    def __init__(self):
        self.proc = None

    def start(self):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stalled-secrets.py")
        self.proc = subprocess.Popen([sys.executable, script], stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            raise E2EError("the stalled Secret Service did not start")
        return self

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(5)
        self.proc.stdout.close()
        self.proc = None


def _name_owner_pid(name):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    try:
        reply = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                              GLib.Variant("(s)", (name,)), GLib.VariantType("(u)"),
                              Gio.DBusCallFlags.NONE, -1, None)
    except GLib.Error:
        return None
    return reply.unpack()[0]


# ---------------------------------------------------------------------------
# Session: harbor-server + harbor


class Session:
    """Starts harbor-server (unless server=False) and harbor, finds harbor on AT-SPI.

    token: a token for `demo` given to both (`--token` and HARBOR_ACCESS_TOKEN);
           None starts harbor signed out.
    server_args: extra harbor-server arguments (default: --seed).
    harbor_args: extra harbor arguments (`--api-url URL` is added for you).
    env: extra environment for harbor.
    busy: keep one core busy while the session runs (see BusyCore).
    harbor_stderr: a file for harbor's output (default: the test's stderr).
    keyring: what answers as the Secret Service (default: a Keyring of the session's own);
             an object with start() and stop().
    """

    def __init__(self, token="e2e-token", server=True, server_args=("--seed",),
                 harbor_args=(), env=None, build_root=None, wait_window=True, busy=True,
                 harbor_stderr=None, keyring=None):
        self.build_root = build_root or os.environ.get("HARBOR_BUILD_ROOT") or os.getcwd()
        self.token = token
        self.want_server = server
        self.server_args = list(server_args)
        self.harbor_args = list(harbor_args)
        self.extra_env = dict(env or {})
        self.wait_window = wait_window
        self.busy = BusyCore() if busy else None
        self.harbor_stderr = harbor_stderr
        self.keyring = keyring
        self.server = None
        self.harbor = None
        self.launcher = None
        self.base_url = None
        self.app = None
        self.tmp = None

    # -- lifecycle ----------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        self.tmp = tempfile.mkdtemp(prefix="harbor-e2e-")
        self.launcher = ensure_a11y_bus()
        Atspi.init()
        if self.keyring is None:
            self.keyring = Keyring(self.tmp)
        self.keyring.start()
        if self.busy is not None:
            self.busy.start()
        if self.want_server:
            self.start_server()
        self.start_harbor()
        if self.wait_window:
            # A loaded machine (several test runs at once) takes over 15 s to start and register.
            self.app = self.find_app(timeout=45)

    def start_server(self):
        exe = os.path.join(self.build_root, "src", "server", "harbor-server")
        args = [exe, "--port", "0"] + self.server_args
        if self.token:
            args += ["--token", self.token]
        self.server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=sys.stderr,
                                       text=True, cwd=self.tmp)
        line = self.server.stdout.readline().strip()
        if not line.startswith("http"):
            raise E2EError("harbor-server printed no base URL (got %r)" % line)
        self.base_url = line.split()[0]

    def harbor_env(self):
        env = dict(os.environ)
        for sub in ("home", "data", "config", "cache", "state", "runtime"):
            os.makedirs(os.path.join(self.tmp, sub), mode=0o700, exist_ok=True)
        env.update({
            "HOME": os.path.join(self.tmp, "home"),
            "XDG_DATA_HOME": os.path.join(self.tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"),
            "XDG_CACHE_HOME": os.path.join(self.tmp, "cache"),
            "XDG_STATE_HOME": os.path.join(self.tmp, "state"),
            "GSETTINGS_BACKEND": "memory",
            "GSETTINGS_SCHEMA_DIR": os.path.join(self.build_root, "data"),
            "NO_AT_BRIDGE": "0",
        })
        env.pop("GTK_A11Y", None)
        env.pop("HARBOR_ACCESS_TOKEN", None)
        if self.token:
            env["HARBOR_ACCESS_TOKEN"] = self.token
        env.update(self.extra_env)
        return env

    def start_harbor(self):
        exe = os.path.join(self.build_root, "src", "harbor")
        args = [exe]
        if self.base_url:
            args += ["--api-url", self.base_url]
        args += self.harbor_args
        out = sys.stderr
        if self.harbor_stderr is not None:
            out = open(self.harbor_stderr, "w")
        self.harbor = subprocess.Popen(args, env=self.harbor_env(), cwd=self.tmp,
                                       stdout=out, stderr=out)
        if out is not sys.stderr:
            out.close()

    def stop(self):
        for proc in (self.harbor, self.server):
            if proc is None or proc.poll() is not None:
                continue
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self.server is not None and self.server.stdout:
            self.server.stdout.close()
        if self.busy is not None:
            self.busy.stop()
        if self.keyring is not None:
            self.keyring.stop()
        if self.launcher is not None and self.launcher.poll() is None:
            self.launcher.terminate()
            try:
                self.launcher.wait(5)
            except subprocess.TimeoutExpired:
                self.launcher.kill()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        self.harbor = self.server = self.launcher = None

    # -- finding ------------------------------------------------------------

    def check_alive(self):
        if self.harbor is not None and self.harbor.poll() is not None:
            raise E2EError("harbor exited with status %d" % self.harbor.returncode)

    def find_app(self, timeout=APPEAR_TIMEOUT):
        """The AT-SPI application object of our harbor process."""
        pid = self.harbor.pid
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            desktop = Atspi.get_desktop(0)
            desktop.clear_cache()
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                try:
                    if app is not None and app.get_process_id() == pid \
                            and app.get_child_count() > 0:
                        app.set_cache_mask(Atspi.Cache.NONE)
                        return Element(self, app)
                except GLib.Error:
                    continue
            time.sleep(0.1)
        raise E2EError("harbor (pid %d) did not appear on the accessibility bus" % pid)

    def _toplevel(self, name, role, exact):
        app = self.app.acc
        for i in range(app.get_child_count()):
            child = app.get_child_at_index(i)
            if child is None:
                continue
            cname = _safe_name(child)
            hit = (cname == name) if exact else (name.lower() in cname.lower())
            if hit and _role_matches(child, role):
                return child
        return None

    def _walk(self, acc, name, role, exact, depth=0):
        if depth > 60:
            return None
        try:
            n = acc.get_child_count()
        except GLib.Error:
            return None
        for i in range(n):
            try:
                child = acc.get_child_at_index(i)
            except GLib.Error:
                continue
            if child is None:
                continue
            cname = _safe_name(child)
            hit = (cname == name) if exact else (name.lower() in cname.lower())
            if hit and _role_matches(child, role):
                return child
            found = self._walk(child, name, role, exact, depth + 1)
            if found is not None:
                return found
        return None

    def _walk_breadth_first(self, acc, name, role, exact, depth):
        level = [acc]
        for _ in range(depth):
            below = []
            for parent in level:
                try:
                    children = [parent.get_child_at_index(i)
                                for i in range(parent.get_child_count())]
                except GLib.Error:
                    continue
                for child in children:
                    if child is None:
                        continue
                    cname = _safe_name(child)
                    hit = (cname == name) if exact else (name.lower() in cname.lower())
                    if hit and _role_matches(child, role):
                        return child
                    below.append(child)
            if not below:
                return None
            level = below
        return None

    def find(self, name, role=None, timeout=DEFAULT_TIMEOUT, root=None, exact=True,
             shallow=False):
        """Wait until an element with this accessible name (and role, a role name such as
        "push button" or an Atspi.Role) exists under root (default: the whole app).

        shallow: look level by level, and only SHALLOW_DEPTH levels down, for something near
        the top of a big tree that is shown only for a while (a toast): a walk of a whole busy
        window (some 700 elements with an application chosen) takes 5 to 10 s over AT-SPI on a
        loaded machine, longer than a toast stays (5 s); the top levels take a fraction."""
        deadline = time.monotonic() + timeout
        # Windows are looked up among the top levels only: walking into a window that is
        # being destroyed makes GTK 4.8's AT-SPI code crash the app.
        toplevel_only = root is None and role in TOPLEVEL_ROLES
        while True:
            self.check_alive()
            base = (root or self.app).acc
            if toplevel_only:
                found = self._toplevel(name, role, exact)
            else:
                if shallow:
                    found = self._walk_breadth_first(base, name, role, exact, SHALLOW_DEPTH)
                else:
                    found = self._walk(base, name, role, exact)
            if found is not None:
                return Element(self, found)
            if time.monotonic() >= deadline:
                raise E2EError("no element named %r (role %r) after %.0fs"
                               % (name, role, timeout))
            time.sleep(0.1)

    def find_all(self, role=None, root=None):
        """Every element with this role (no waiting)."""
        out = []

        def walk(acc, depth):
            if depth > 60:
                return
            for i in range(acc.get_child_count()):
                child = acc.get_child_at_index(i)
                if child is None:
                    continue
                if _role_matches(child, role):
                    out.append(Element(self, child))
                walk(child, depth + 1)

        walk((root or self.app).acc, 0)
        return out

    def bad_names(self, root=None):
        """(role, name, problem) for every element under root whose accessible name would
        be read out wrong (see name_problem)."""
        out = []

        def walk(acc, depth):
            if depth > 60:
                return
            try:
                n = acc.get_child_count()
            except GLib.Error:
                return
            for i in range(n):
                try:
                    child = acc.get_child_at_index(i)
                except GLib.Error:
                    continue
                if child is None:
                    continue
                name = _safe_name(child)
                problem = name_problem(name)
                if problem:
                    try:
                        role = child.get_role_name()
                    except GLib.Error:
                        role = "?"
                    out.append((role, name, problem))
                walk(child, depth + 1)

        walk((root or self.app).acc, 0)
        return out

    def control_problems(self, root=None, unique=False):
        """(role, name, problem, where) for every element under root (default: every window
        of the app) that is focusable, has an action, or is a list, table or tab list, and
        whose name is wrong (control_name_problem). `where` names its nearest named
        ancestors, to find it. unique: two focusable elements of one role and name are a
        problem too (a dialog whose buttons are all in the tree twice)."""
        out = []
        seen = set()

        def walk(acc, depth, where):
            if depth > 60:
                return
            try:
                n = acc.get_child_count()
            except GLib.Error:
                return
            for i in range(n):
                try:
                    child = acc.get_child_at_index(i)
                    if child is None:
                        continue
                    role = child.get_role_name()
                    name = _safe_name(child)
                    focusable = child.get_state_set().contains(Atspi.StateType.FOCUSABLE)
                    action = child.get_action_iface()
                    actionable = action is not None and action.get_n_actions() > 0
                except GLib.Error:
                    continue
                if focusable or actionable or role in COMPOSITE_ROLES:
                    problem = control_name_problem(name)
                    if problem is None and unique and focusable:
                        if (role, name) in seen:
                            problem = "is there twice"
                        seen.add((role, name))
                    if problem:
                        out.append((role, name, problem, " > ".join(where[-3:])))
                named = where + ["%s %r" % (role, name)] if name.strip() else where
                walk(child, depth + 1, named)

        walk((root or self.app).acc, 0, [])
        return out

    def exists(self, name, role=None, root=None):
        try:
            self.find(name, role=role, timeout=0, root=root)
            return True
        except E2EError:
            return False

    def wait_for(self, predicate, timeout=DEFAULT_TIMEOUT, what="condition"):
        """Poll predicate() (exceptions count as false) until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                value = predicate()
                if value:
                    return value
            except (E2EError, GLib.Error) as e:
                last = e
            time.sleep(0.1)
        raise E2EError("timed out waiting for %s%s" % (what, ": %s" % last if last else ""))

    def wait_gone(self, name, role=None, timeout=DEFAULT_TIMEOUT):
        return self.wait_for(lambda: not self.exists(name, role), timeout,
                             "%r to disappear" % name)

    def dump(self, root=None, max_depth=25):
        """The accessible tree as text, for diagnosing a failed find()."""
        lines = []

        def walk(acc, depth):
            if depth > max_depth:
                return
            try:
                lines.append("%s%s %r" % ("  " * depth, acc.get_role_name(), _safe_name(acc)))
                for i in range(acc.get_child_count()):
                    child = acc.get_child_at_index(i)
                    if child is not None:
                        walk(child, depth + 1)
            except GLib.Error:
                pass

        walk((root or self.app).acc, 0)
        return "\n".join(lines)

    # -- acting -------------------------------------------------------------

    def click(self, el):
        """Activate an element through its first action ("click" on GTK 4 buttons)."""
        action = el.acc.get_action_iface()
        if action is not None and action.get_n_actions() > 0:
            names = [action.get_action_name(i) for i in range(action.get_n_actions())]
            index = names.index("click") if "click" in names else 0
            action.do_action(index)
            return
        sel_parent = el.acc.get_parent()
        selection = sel_parent.get_selection_iface() if sel_parent else None
        if selection is not None:
            selection.select_child(el.acc.get_index_in_parent())
            return
        raise E2EError("%r has no action to click" % el)

    def set_text(self, el, text):
        """Replace the text of an editable element (EditableText, else focus + typing)."""
        editable = el.acc.get_editable_text_iface()
        if editable is not None:
            try:
                if editable.set_text_contents(text):
                    return
            except GLib.Error:
                pass
        comp = el.acc.get_component_iface()
        if comp is not None:
            comp.grab_focus()
        self.key("ctrl+a")
        self.key("BackSpace")
        subprocess.run(["xdotool", "type", "--delay", "15", text], check=True)

    def focus_window(self):
        """Gives harbor's biggest window the X input focus (XSetInputFocus, no pointer event):
        with no window manager under Xvfb, keys otherwise go where the pointer is."""
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.harbor.pid)],
                             capture_output=True, text=True).stdout.split()
        best, area = None, -1
        for xid in out:
            geo = subprocess.run(["xdotool", "getwindowgeometry", xid], capture_output=True,
                                 text=True).stdout
            for line in geo.splitlines():
                if "Geometry:" in line:
                    w, h = line.split(":", 1)[1].strip().split("x")
                    if int(w) * int(h) > area:
                        best, area = xid, int(w) * int(h)
        if best is None:
            raise E2EError("harbor has no window on the X display")
        subprocess.run(["xdotool", "windowfocus", "--sync", best], check=False)
        return best

    def key(self, *keys):
        """Send key chords to the focused window, e.g. key("ctrl+n")."""
        subprocess.run(["xdotool", "key", "--clearmodifiers"] + list(keys), check=True)

    def screenshot(self, path):
        """Save the whole X screen as PNG (ImageMagick's import)."""
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        subprocess.run(["import", "-window", "root", path], check=True)
        return path

    # -- the server ---------------------------------------------------------

    def api_get(self, path, token=None):
        """GET path on harbor-server as `demo`; returns the parsed JSON."""
        import json
        import urllib.request
        req = urllib.request.Request(self.base_url + path, headers={
            "Accept": "application/json",
            "Authorization": "BEARER " + (token or self.token or ""),
        })
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(req, timeout=10) as resp:
            return json.loads(resp.read().decode("utf-8"))


# A toast is a label in an overlay, never inside these.
NOT_TOAST_ROLES = ("scroll pane", "list", "table", "tree table", "page tab list", "push button",
                   "toggle button", "menu", "text", "entry")


def in_overlays(acc, name, depth=24):
    """The label named @name below @acc, not looking into lists, tables or controls."""
    if depth == 0:
        return None
    try:
        children = [acc.get_child_at_index(i) for i in range(acc.get_child_count())]
    except GLib.Error:
        return None
    for child in children:
        try:
            if child is None or child.get_role_name() in NOT_TOAST_ROLES:
                continue
            if child.get_name() == name and child.get_role_name() == "label":
                return child
        except GLib.Error:
            continue
        found = in_overlays(child, name, depth - 1)
        if found is not None:
            return found
    return None


def run_stories(tap, stories, *args):
    """Runs each story (a function of tap and args) in turn, a failed step reported as a failed
    check so the next still runs. One accessibility bus serves them all: this process's AT-SPI
    connection is made once and would not find a second bus."""
    launcher = ensure_a11y_bus()
    try:
        for story in stories:
            try:
                story(tap, *args)
            except E2EError as e:
                tap.ok(False, "%s ran to its end" % story.__name__, diag=str(e))
    finally:
        if launcher is not None:
            launcher.terminate()
            launcher.wait(5)
    return tap.done()


def screenshot_dir():
    """$HARBOR_BUILD_ROOT/screenshots, created."""
    path = os.path.join(os.environ.get("HARBOR_BUILD_ROOT", os.getcwd()), "screenshots")
    os.makedirs(path, exist_ok=True)
    return path
