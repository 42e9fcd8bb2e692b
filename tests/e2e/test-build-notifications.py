#!/usr/bin/python3
# e2e: a build Harbor watches ends while no Harbor window has the focus: the desktop is told
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 14). Usage: test-build-notifications.py APP_ID

A stand-in for the desktop's notification service (notifications-standin.py: it owns
org.gtk.Notifications, which GLib 2.74 uses whenever that name has an owner outside a sandbox)
records what harbor sends. harbor-server builds fast (--build-step-ms 400) and harbor lists
followed applications often (HARBOR_TEST_BUILD_POLL_MS).

1. "Notify Me About Builds" on Payments Worker (its menu), another window takes the focus, a
   build is pushed (B4) whose commit fails: "Build failed — Payments Worker", the commit
   message as body, app.show-build (slug, id) as default action, a "Test Results" button.
   Activating the default action as GNOME Shell does (org.freedesktop.Application
   ActivateAction on harbor's bus name) brings the window back with that build chosen in the
   Builds page, and the notification is taken back. The Test Results button's action opens
   the build's test results.
2. A build deployed in Harbor, then the window closed (Ctrl+W): Harbor keeps running until the
   build ends, says "Build succeeded — Payments Worker", then exits by itself.
3. Nothing is said while Harbor's window has the focus, nor with the main menu's "Build
   Notifications" switched off.

Screenshots go to $HARBOR_BUILD_ROOT/screenshots.
"""
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Element, Session, Tap, run_stories, screenshot_dir  # noqa: E402

from gi.repository import Atspi, Gio, GLib  # noqa: E402

SLUG = "payments-worker"
NAME = "Payments Worker"
SERVER_ARGS = ("--seed", "--build-step-ms", "400")
# Deploys slow enough to close or focus the window while they run.
SLOW_SERVER_ARGS = ("--seed", "--build-step-ms", "5000")
ENV = {"HARBOR_TEST_BUILD_POLL_MS": "300"}
HERE = os.path.dirname(os.path.abspath(__file__))


class Notifications:
    """notifications-standin.py, its records gathered by a thread."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "notifications-standin.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            raise E2EError("the notification stand-in did not start")
        self.records = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            record = json.loads(line)
            record["at"] = time.monotonic()  # when it reached the stand-in, about
            with self.lock:
                self.records.append(record)

    def find(self, method, notification_id):
        with self.lock:
            return [r for r in self.records if r["method"] == method and r["id"] == notification_id]

    def added(self):
        with self.lock:
            return [r for r in self.records if r["method"] == "AddNotification"]

    def wait(self, method, notification_id, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.find(method, notification_id)
            if found:
                return found[-1]
            time.sleep(0.1)
        raise E2EError("no %s for %s after %ds (got %r)"
                       % (method, notification_id, timeout, self.records))

    def stop(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class FocusThief:
    """Another X client's window with the input focus, as when the person works elsewhere."""

    def __init__(self):
        self.proc = subprocess.Popen(["xev", "-name", "harbor-e2e-elsewhere"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--name", "harbor-e2e-elsewhere"],
                                   capture_output=True, text=True).stdout.split()
            if found:
                subprocess.run(["xdotool", "windowfocus", "--sync", found[-1]], check=True)
                return
            time.sleep(0.1)
        raise E2EError("the other window did not appear")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(5)


def notification_id(build_id):
    return "build/%s/%s" % (SLUG, build_id)


def push_build(s, message):
    """A push to the repository, as a Git host's hook sends it (B4); returns the build id."""
    body = json.dumps({"branches": {"master": {
        "commit_id": "9f0fcea2c8a3", "commit_message": message,
        "download_url": "https://git.example.com/payments-worker.tar.gz"}}}).encode("utf-8")
    req = urllib.request.Request(s.base_url + "/applications/%s/builds" % SLUG, data=body,
                                 method="POST", headers={
                                     "Content-Type": "application/json",
                                     "Accept": "application/json",
                                     "Authorization": "BEARER " + s.token})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=10) as resp:
        return resp.headers["Location"].rstrip("/").rsplit("/", 1)[-1]


def build_status(s, build_id):
    return s.api_get("/applications/%s/builds/%s" % (SLUG, build_id))["status"]


def activate_action(app_id, detailed, target):
    """What GNOME Shell does with a notification's action: ActivateAction on the
    application's org.freedesktop.Application interface (the "app." prefix dropped)."""
    if not detailed.startswith("app."):
        raise E2EError("%r is not an application action" % detailed)
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    path = "/" + app_id.replace(".", "/")
    bus.call_sync(app_id, path, "org.freedesktop.Application", "ActivateAction",
                  GLib.Variant("(sava{sv})", (detailed[4:], [GLib.Variant("(ss)", tuple(target))],
                                              {})),
                  None, Gio.DBusCallFlags.NONE, 10000, None)


def open_app(s):
    row = s.find(NAME, role="panel", timeout=20)
    Element(s, row.acc.get_parent()).click()
    return s.find("Harbor", role="frame", timeout=10)


def show_build(s, app_id, build_id):
    """The application's builds page, build_id chosen, through app.show-build over D-Bus
    rather than a click on the list: GTK 4.8 leaks the action names a list item hands an
    AT-SPI client (32 bytes), and the story that uses this checks Harbor exits clean."""
    activate_action(app_id, "app.show-build", [SLUG, build_id])
    s.find(NAME, role="label", timeout=20)


def click_menu_item(s, menu_button, item):
    button = s.find(menu_button, role="push button")
    # A GtkMenuButton's own toggle button, inside it, is what clicks.
    inner = [c for c in button.children() if c.role == "push button"] or [button]
    inner[0].click()
    s.find(item, role="menu item", timeout=10).click()


def area(element):
    extents = element.acc.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    return max(extents.width, 0) * max(extents.height, 0)


def showing(s, name, role, root):
    """The element (name, role) under root that is on screen: a message dialog holds its
    buttons twice, side by side and stacked, and gives room to one set only."""
    def lookup():
        return [e for e in s.find_all(role=role, root=root) if e.name == name and area(e) > 0]
    return s.wait_for(lookup, timeout=10, what="%r on screen" % name)[0]


def focus_harbor(s):
    """Gives Harbor's main window the focus back, as a window manager does when a dialog
    closes (Xvfb has none: the focus would stay nowhere)."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(s.harbor.pid),
                            "--name", "^Harbor$"], capture_output=True, text=True).stdout.split()
    if not found:
        raise E2EError("no Harbor window to focus")
    subprocess.run(["xdotool", "windowfocus", "--sync", found[-1]], check=True)
    frame = s.find("Harbor", role="frame", timeout=10)
    s.wait_for(lambda: frame.has_state(Atspi.StateType.ACTIVE), what="Harbor's window to be active")


def deploy(s, build):
    """Deploy on the build's row (its button is named after the commit message's first line:
    "Deploy “…”", or "Redeploy “…”" once deployed), then Deploy in the question; returns once
    the server is deploying it (and Harbor has had its answer)."""
    message = build["commit"]["message"].strip().splitlines()[0]
    names = ("Deploy “%s”" % message, "Redeploy “%s”" % message)

    def button():
        return next((e for e in s.find_all(role="push button") if e.name in names), None)
    s.wait_for(button, timeout=20, what="a button named %r" % (names,)).click()
    # Windows are looked up among the top levels: quicker than a walk of the main window.
    s.find("Deploy Build %s?" % build["id"], role="dialog", timeout=20)
    s.key("Return")  # Deploy is the question's default response; the question has the focus
    s.wait_for(lambda: build_status(s, build["id"]) != "Succeeded", timeout=20,
               what="the server to deploy build %s" % build["id"])
    time.sleep(0.5)
    focus_harbor(s)


def selected_build_labels(s, frame):
    """The texts of the chosen row of the Builds list."""
    builds = s.find("Builds", role="list", root=frame, timeout=10)
    for item in builds.children():
        if item.has_state(Atspi.StateType.SELECTED):
            # The row is named after the commit message's first line (issue 16).
            return [item.name] + [e.name for e in s.find_all(role="label", root=item)]
    return []


def seeded_build(s, number):
    build = s.api_get("/applications/%s/builds/%s" % (SLUG, number))
    build["id"] = str(number)
    return build


def story_notify_me(tap, notifications, app_id, shots):
    message = "Retry card payments after a gateway timeout [fail]"
    with Session(token="e2e-notify-token", server_args=SERVER_ARGS, env=ENV) as s:
        open_app(s)
        click_menu_item(s, "Application Menu", "Notify Me About Builds")
        thief = FocusThief()
        try:
            build_id = push_build(s, message)
            added = notifications.wait("AddNotification", notification_id(build_id))
        finally:
            thief.stop()
        tap.ok(build_status(s, build_id) == "Failed", "the pushed build failed")
        n = added["notification"]
        tap.ok(added["app_id"] == app_id, "the notification is %s's" % app_id, added)
        tap.ok(n.get("title") == "Build failed — " + NAME,
               "its title: %r" % n.get("title"), n)
        tap.ok(n.get("body") == message, "its body is the commit message", n)
        tap.ok(n.get("default-action") == "app.show-build"
               and list(n.get("default-action-target", [])) == [SLUG, build_id],
               "its default action is app.show-build (%s, %s)" % (SLUG, build_id), n)
        buttons = n.get("buttons", [])
        tests = [b for b in buttons if b.get("label") == "Test Results"]
        tap.ok(len(tests) == 1 and tests[0].get("action") == "app.show-build-tests"
               and list(tests[0].get("target")) == [SLUG, build_id],
               "a Test Results button opens the build's tests", buttons)
        with open(os.path.join(shots, "e2e-notification.json"), "w") as f:
            json.dump(added, f, indent=2, ensure_ascii=False)

        activate_action(app_id, n["default-action"], n["default-action-target"])
        notifications.wait("RemoveNotification", notification_id(build_id), timeout=20)
        tap.ok(True, "opening the build takes the notification back")
        frame = s.find("Harbor", role="frame", timeout=20)
        chosen = s.wait_for(lambda: selected_build_labels(s, frame), timeout=20,
                            what="a chosen build row")
        tap.ok(message in chosen, "the default action shows that build, chosen in the Builds list",
               chosen)
        tap.ok(frame.has_state(Atspi.StateType.ACTIVE), "the window is back in front")
        time.sleep(0.5)
        s.screenshot(os.path.join(shots, "e2e-notification-opened.png"))

        activate_action(app_id, tests[0]["action"], tests[0]["target"])
        s.find("Test results", role="tree table", timeout=20)
        tap.ok(True, "the Test Results button's action opens the build's test results")


def story_closed_window(tap, notifications, app_id, shots):
    with Session(token="e2e-notify-token", server_args=SLOW_SERVER_ARGS, env=ENV) as s:
        build = seeded_build(s, 4)
        show_build(s, app_id, "4")
        deploy(s, build)
        before = build_status(s, "4")
        closed_at = time.monotonic()
        s.key("ctrl+w")
        s.wait_gone("Harbor", role="frame", timeout=30)
        tap.ok(True, "Ctrl+W closes the window")
        added = notifications.wait("AddNotification", notification_id("4"))
        # Told only when the build ends, and it had not when the window went: Harbor ran on.
        tap.ok(before in ("Queued", "Building") and added["at"] > closed_at,
               "closing the window while a deploy runs leaves Harbor running until it ends",
               "build 4 was %s at Ctrl+W, told %.1f s later" % (before, added["at"] - closed_at))
        n = added["notification"]
        tap.ok(n.get("title") == "Build succeeded — " + NAME, "then says %r" % n.get("title"), n)
        tap.ok(n.get("body") == build["commit"]["message"].strip(),
               "with the commit message", n)
        try:
            s.harbor.wait(20)
        except subprocess.TimeoutExpired:
            pass
        tap.ok(s.harbor.poll() == 0, "and exits by itself once nothing is watched",
               "still running" if s.harbor.poll() is None else s.harbor.returncode)


def story_not_told(tap, notifications, app_id, shots):
    with Session(token="e2e-notify-token", server_args=SLOW_SERVER_ARGS, env=ENV) as s:
        open_app(s)
        # Focused: the person sees the build end in the window.
        focused = seeded_build(s, 3)
        deploy(s, focused)
        s.wait_for(lambda: build_status(s, "3") == "Succeeded" and s.api_get(
            "/applications/%s/builds/3" % SLUG)["deployed"] != focused["deployed"],
            timeout=30, what="the deploy of build 3 to end")
        time.sleep(3)
        tap.ok(not notifications.find("AddNotification", notification_id("3")),
               "nothing is said while Harbor's window has the focus")

        click_menu_item(s, "Main Menu", "Build Notifications")
        focus_harbor(s)  # the menu's popover had it
        quiet = seeded_build(s, 2)
        deploy(s, quiet)
        thief = FocusThief()
        try:
            s.wait_for(lambda: build_status(s, "2") == "Succeeded" and s.api_get(
                "/applications/%s/builds/2" % SLUG)["deployed"] != quiet["deployed"],
                timeout=30, what="the deploy of build 2 to end")
            time.sleep(3)
        finally:
            thief.stop()
        tap.ok(not notifications.find("AddNotification", notification_id("2")),
               "nor with Build Notifications switched off in the main menu")


def main():
    tap = Tap()
    shots = screenshot_dir()
    app_id = sys.argv[1]
    notifications = Notifications()
    try:
        return run_stories(tap, (story_notify_me, story_closed_window, story_not_told),
                           notifications, app_id, shots)
    finally:
        notifications.stop()
        with open(os.path.join(shots, "e2e-notifications.jsonl"), "w") as f:
            for record in notifications.records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
