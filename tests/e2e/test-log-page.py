#!/usr/bin/python3
# e2e: "watch an application's log", told with accessible names only
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 14). Starts harbor-server --seed and the built harbor (signed in through
HARBOR_ACCESS_TOKEN), then, the way a person would:

  open "Hello World" → the "Log" tab → the tail is read out (the last deploy's line)
  → a configuration variable added through the API shows up as a new line
  → "Search Log" keeps only matching lines, and an empty search shows them all again
  → "Save Log" opens a file chooser named "Save Log" (Escape closes it)
  → harbor-server stops: "Reconnect" appears and the lines stay
  → harbor-server is back on its port: "Reconnect" streams again; a build's line arrives.

Every control on the page has a name a screen reader can say. Screenshots go to
$HARBOR_BUILD_ROOT/screenshots/e2e-log-*.png.
"""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Element, Session, Tap, screenshot_dir  # noqa: E402

SLUG = "hello-world"
TOKEN = "e2e-log-token"
TAIL_LINE = "Build 60: Deployed"
OLD_LINE = "Build 56: Received notification, queuing build"
VARIABLE_LINE = "Configuration variable E2E_LIVE added by demo"
BUILD_LINE = "Build 61: Received notification, queuing build"


def api_post(base_url, path, body):
    req = urllib.request.Request(base_url + path, data=json.dumps(body).encode("utf-8"),
                                 method="POST", headers={
                                     "Content-Type": "application/json",
                                     "Authorization": "Bearer " + TOKEN})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=10) as resp:
        return resp.status


def find_button(session, name, root=None, timeout=15):
    """A push or toggle button by name (GTK 4.8 reports toggle buttons as push buttons)."""
    def lookup():
        return session.find(name, timeout=0, root=root)
    found = session.wait_for(lookup, timeout=timeout, what="button %r" % name)
    if found.role not in ("push button", "toggle button"):
        raise E2EError("%r is a %s, not a button" % (name, found.role))
    return found


def toplevel_named(session, name):
    """A window of harbor with this name (GTK 4.8 gives the file chooser dialog no role)."""
    app = session.app.acc
    for i in range(app.get_child_count()):
        child = app.get_child_at_index(i)
        if child is not None and child.get_name() == name:
            return True
    return False


IDLE_S = 10.0


def idle_cpu(session):
    """CPU seconds harbor uses over IDLE_S, after settling (as test-idle.py measures)."""
    def cpu():
        with open("/proc/%d/stat" % session.harbor.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    time.sleep(3)
    before = cpu()
    time.sleep(IDLE_S)
    return cpu() - before


def restart_server(s, port):
    """harbor-server again, seeded, on the port harbor knows."""
    exe = os.path.join(s.build_root, "src", "server", "harbor-server")
    s.server = subprocess.Popen([exe, "--port", str(port), "--seed", "--web-log-ms", "0",
                                 "--token", TOKEN], stdout=subprocess.PIPE, stderr=sys.stderr,
                                text=True, cwd=s.tmp)
    line = s.server.stdout.readline().strip()
    if not line.startswith("http"):
        raise E2EError("harbor-server did not come back (got %r)" % line)


def main():
    tap = Tap()
    shots = screenshot_dir()
    try:
        with Session(token=TOKEN, server_args=("--seed", "--web-log-ms", "0")) as s:
            row = s.find("Hello World", role="panel", timeout=20)
            Element(s, row.acc.get_parent()).click()
            s.find("Log", role="page tab", timeout=20).click()
            s.find(TAIL_LINE, role="label", timeout=20)
            tap.ok(True, "the Log tab reads out the tail: %r" % TAIL_LINE)
            # Searches stay inside the page: a walk of the whole window is slow on a busy machine.
            toolbar = Element(s, find_button(s, "Log Options").acc.get_parent())
            page_box = Element(s, toolbar.acc.get_parent())
            page = s.find("Log Lines", timeout=10, root=page_box)
            for name in ("Search Log", "Copy Selected Lines", "Save Log", "Follow New Lines"):
                find_button(s, name, root=toolbar)
            tap.ok(True, "the page's controls are named: options, search, copy, save, follow")
            bad = s.bad_names()
            tap.ok(not bad, "no name on screen is read out wrong", diag=bad)
            used = idle_cpu(s)
            tap.ok(used <= 0.01 * IDLE_S, "idle on the Log page with nothing written: %.2f %% of "
                   "a core over %.0f s" % (100 * used / IDLE_S, IDLE_S))

            start = time.monotonic()
            status = api_post(s.base_url, "/applications/%s/configurationvariables" % SLUG,
                              {"key": "E2E_LIVE", "value": "1"})
            tap.ok(status == 201, "a variable added through the API (%d)" % status)
            s.find(VARIABLE_LINE, role="label", timeout=20, root=page)
            elapsed = time.monotonic() - start
            tap.ok(elapsed < 10, "the line it writes is read out %.1f s later "
                   "(the UI test holds it to 2 s on screen; AT-SPI walks add to this)" % elapsed)
            time.sleep(0.5)
            s.screenshot(os.path.join(shots, "e2e-log-streaming.png"))

            find_button(s, "Search Log", root=toolbar).click()
            entry = s.find("Search Log", role="entry", timeout=10, root=page_box)
            entry.set_text("deployed")
            s.wait_for(lambda: not s.exists(OLD_LINE, role="label", root=page),
                       what="the other lines to go")
            s.find(TAIL_LINE, role="label", timeout=10, root=page)
            tap.ok(True, "searching for “deployed” hides the other lines and keeps %r" % TAIL_LINE)
            entry.set_text("")
            s.find(OLD_LINE, role="label", timeout=10, root=page)
            tap.ok(True, "an empty search shows every line again")

            find_button(s, "Save Log", root=toolbar).click()
            s.wait_for(lambda: toplevel_named(s, "Save Log"), timeout=20, what="the file chooser")
            tap.ok(True, "Save Log opens a file chooser titled “Save Log”")
            s.key("Escape")
            s.wait_for(lambda: not toplevel_named(s, "Save Log"), what="the chooser to close")

            port = int(s.base_url.rsplit(":", 1)[1])
            s.server.send_signal(signal.SIGTERM)
            s.server.wait(10)
            reconnect = find_button(s, "Reconnect", root=page_box)
            s.find("Disconnected · ", role="label", exact=False, timeout=20, root=toolbar)
            tap.ok(True, "the server going away offers “Reconnect”, and the status says "
                   "Disconnected")
            tap.ok(s.exists(VARIABLE_LINE, role="label", root=page)
                   and s.exists(TAIL_LINE, role="label", root=page), "the lines shown stay")
            time.sleep(0.5)
            s.screenshot(os.path.join(shots, "e2e-log-dropped.png"))

            s.server.stdout.close()
            restart_server(s, port)
            reconnect.click()
            s.find("Live · ", role="label", exact=False, timeout=20, root=toolbar)
            tap.ok(True, "Reconnect streams again once the server is back (the status says Live)")
            api_post(s.base_url, "/applications/%s/builds" % SLUG, {"branches": {"main": {
                "commit_id": "0123456789abcdef0123456789abcdef01234567",
                "commit_message": "After the reconnect",
                "download_url": "https://example.org/a.tar.gz"}}})
            s.find(BUILD_LINE, role="label", timeout=20, root=page)
            tap.ok(True, "a build triggered after the reconnect is read out: %r" % BUILD_LINE)
            labels = [e.name for e in s.find_all(role="label", root=page)]
            tap.ok(labels.count(TAIL_LINE) == 1, "no line is shown twice after the reconnect",
                   diag=labels.count(TAIL_LINE))
    except E2EError as e:
        tap.ok(False, "the story ran to its end", diag=str(e))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
