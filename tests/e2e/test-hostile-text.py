#!/usr/bin/python3
# e2e: a server's words and what people typed are read out as sent, never as markup
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 12, item 1), over AT-SPI, as a screen reader gets the text: every surface
that shows a string from a server, a person or the network is fed "<b>&amp;</a>" (and, where
a second string is cheap, the issue's span/link message or "R&D apps: <b>bold") and must read
it back literally, as the accessible's name and as its text. Unescaped, such text is either
parsed (the tags vanish, "&amp;" becomes "&") or refused (GTK shows nothing): both fail. Each
story ends by checking that harbor printed no GTK warning about text it could not parse as
markup (a label parsed once before it was told the text is plain shows right in the end).

Stories, each in a process of its own (tap_relay; WebKit's story must not share an AT-SPI
connection with the others):

1. hostile_server: a server of the test's own answers with markup. The application list's
   status page (three messages, Retry between them), then a list holding an application named
   "<b>&amp;</a>": its builds page's error page, a collaborator and a hostname whose names are
   markup, and the rename dialog that comes back with the server's error.
2. real_server: harbor-server --seed with a user named "<b>&amp;</a>". Hello World is renamed
   to "<b>&amp;</a>" (toast, header, list row); the deploy dialog names it; a variable keyed
   "<b>&amp;</a>" holding the span message is added (row, revealed value; adding it again
   brings the server's "already exists" message into the dialog) and removed (toast); the user
   is added as a collaborator (row; adding again: the server's message in the dialog); a
   hostname "<b>&amp;</a>" is refused (the server's message in the dialog); the application is
   deleted (dialog heading, toast); a new one named "<b>&amp;</a>" is created (toast, row).
3. welcome: signed out against https://r&d.example: the welcome page names the host.
4. login_problem: the sign-in page redirects back with error_description "<b>&amp;</a>": the
   login window's problem page says so.

Screenshots go to $HARBOR_BUILD_ROOT/screenshots (e2e-hostile-*.png).
"""
import http.server
import json
import os
import sys
import tempfile
import threading
import time
import urllib.parse

from gi.repository import GLib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import (E2EError, Element, Session, Tap, ensure_a11y_bus,  # noqa: E402
                        in_overlays, screenshot_dir)
from tap_relay import relay  # noqa: E402

BUILD_ROOT = os.environ.get("HARBOR_BUILD_ROOT", os.getcwd())
TAGS = "<b>&amp;</a>"
SPAN = ('<span size="xx-large" foreground="red">Your session expired.</span> '
        '<a href="https://evil.example/login">Sign in again here</a>')
AMPERSAND = "R&D apps: <b>bold"
# The builds page's error: a text of its own, so that the list's status page (which said
# AMPERSAND before) cannot answer for it.
BUILDS_ERROR = "Builds of <i>x</i> & co are hidden"
# A user of harbor-server whose name is markup (--user NAME:EMAIL:PASSWORD).
EVIL_EMAIL = "evil@example.com"
# Finds on a busy machine (one core spinning, others' builds): generous.
WAIT = 40


# ---------------------------------------------------------------------------
# A hostile AppHarbor: every string it sends is markup


class Hostile(http.server.BaseHTTPRequestHandler):
    """GET /applications: 403 with `list_error` while it is set, else one application "x"
    named TAGS. Its builds: 403 BUILDS_ERROR; collaborators: one named SPAN; hostnames: one named
    AMPERSAND; other lists: empty. PUT /applications/x: 400 SPAN. The authorize page sends the
    browser back to Harbor with error_description TAGS."""
    list_error = SPAN

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def send_json(self, status, value):
        body = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error_message(self, status, message):
        self.send_json(status, {"error": {"message": message}})

    def app(self):
        return {"name": TAGS, "slug": "x", "region_identifier": "amazon-web-services::us-east-1",
                "url": self.base() + "/applications/x"}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path, base = url.path, self.base()
        if path == "/applications":
            if Hostile.list_error is not None:
                self.send_error_message(403, Hostile.list_error)
            else:
                self.send_json(200, [self.app()])
        elif path == "/applications/x":
            self.send_json(200, self.app())
        elif path == "/applications/x/builds":
            self.send_error_message(403, BUILDS_ERROR)
        elif path == "/applications/x/collaborators":
            self.send_json(200, [{"url": base + "/applications/x/collaborators/1",
                                  "user": {"id": "u1", "name": SPAN}, "role": "collaborator"}])
        elif path == "/applications/x/hostnames":
            self.send_json(200, [{"url": base + "/applications/x/hostnames/1",
                                  "value": AMPERSAND, "canonical": False}])
        elif path.startswith("/applications/x/"):
            self.send_json(200, [])
        elif path == "/user/authorizations/new":
            query = urllib.parse.parse_qs(url.query)
            back = urllib.parse.urlencode({"error": "invalid_request",
                                           "error_description": TAGS,
                                           "state": query["state"][0]})
            self.send_response(302)
            self.send_header("Location", query["redirect_uri"][0] + "?" + back)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error_message(404, "Not here")

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/applications/x":
            self.send_error_message(400, SPAN)
        else:
            self.send_json(200, {})

    def log_message(self, *args):
        pass


# Toasts sit this deep below the window (overlay, toast widget, box, label) in GTK 4.8.
TOAST_DEPTH = 7
# Containers a toast is never inside: skipped when looking for a page's toast, which shows in
# the detail's own overlay above its page switcher (issue 16, item 5), 16 levels down.
def near_top(acc, name, depth):
    """The label named @name at most @depth levels below @acc, breadth first, or None."""
    level = [acc]
    for _ in range(depth):
        below = []
        for parent in level:
            try:
                children = [parent.get_child_at_index(i) for i in range(parent.get_child_count())]
            except GLib.Error:
                continue
            for child in children:
                if child is None:
                    continue
                try:
                    if child.get_name() == name and child.get_role_name() == "label":
                        return child
                except GLib.Error:
                    continue
                below.append(child)
        level = below
    return None


def hostile_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]


# ---------------------------------------------------------------------------
# Reading back


class Story:
    """A session, its checks and its screenshots."""

    def __init__(self, tap, session, prefix):
        self.tap = tap
        self.s = session
        self.prefix = prefix

    def no_markup_warnings(self):
        warnings = self.s.markup_warnings()
        self.tap.ok(not warnings, "GTK parsed none of this story's texts as markup",
                    "".join(warnings))

    def shot(self, name, settle=0.5):
        time.sleep(settle)
        self.s.screenshot(os.path.join(screenshot_dir(), "e2e-hostile-%s-%s.png"
                                       % (self.prefix, name)))

    def literal(self, text, what, root=None, role="label"):
        """Finds the accessible named exactly @text and checks its text is @text too."""
        try:
            el = self.s.find(text, role=role, timeout=WAIT, root=root)
        except E2EError as e:
            self.tap.ok(False, "%s reads %r" % (what, text), str(e))
            return None
        shown = el
        if el.acc.get_text_iface() is None:
            # A row is named by its title: the label inside must say the same.
            try:
                shown = self.s.find(text, role="label", root=el, timeout=WAIT)
            except E2EError as e:
                self.tap.ok(False, "%s reads %r" % (what, text), str(e))
                return None
        self.tap.ok(shown.text() == text, "%s reads %r" % (what, text),
                    "its text: %r" % shown.text())
        return el

    def toast(self, text, what):
        """A toast shows for 5 s: it is looked for near the top of the main window only (a
        walk of the whole busy window can take longer than the toast stays)."""
        deadline = time.monotonic() + WAIT
        while True:
            frame = self.s.find("Harbor", role="frame", timeout=WAIT)
            label = near_top(frame.acc, text, TOAST_DEPTH) or in_overlays(frame.acc, text)
            if label is not None:
                el = Element(self.s, label)
                self.tap.ok(el.text() == text, "%s reads %r" % (what, text),
                            "its text: %r" % el.text())
                return el
            if time.monotonic() > deadline:
                self.tap.ok(False, "%s reads %r" % (what, text), self.s.dump(frame, 6))
                return None
            time.sleep(0.05)

    def in_dialog(self, dialog, message, what):
        """The dialog's body ends with the server's @message, on a line of its own."""
        try:
            el = self.s.find(message, role="label", root=dialog, timeout=WAIT, exact=False)
        except E2EError as e:
            self.tap.ok(False, "%s reads %r" % (what, message), str(e))
            return
        self.tap.ok(el.text().endswith("\n" + message) and el.name == el.text(),
                    "%s reads %r" % (what, message), "its text: %r" % el.text())

    def dialog(self, name, exact=True):
        return self.s.find(name, role="dialog", timeout=WAIT, exact=exact)

    def dialog_saying(self, name, text):
        """The dialog @name once its body holds @text: a form dialog that came back with the
        server's reason (the one it replaces may still be closing)."""
        def look():
            dialog = self.s.find(name, role="dialog", timeout=0)
            self.s.find(text, role="label", root=dialog, timeout=0, exact=False)
            return dialog
        return self.s.wait_for(look, WAIT, "%r saying %r" % (name, text))

    def press(self, name, root=None, exact=True):
        button = self.s.find(name, role="push button", root=root, timeout=WAIT, exact=exact)
        self.s.wait_for(lambda: button.sensitive, WAIT, "%r to be enabled" % name)
        button.click()

    def close(self, dialog, name):
        self.press("Cancel", root=dialog)
        self.s.wait_gone(name, role="dialog", timeout=WAIT)

    def page(self, name):
        self.s.find(name, role="page tab", timeout=WAIT).click()

    def app_menu(self, item):
        outer = self.s.find("Application Menu", role="push button", timeout=WAIT)
        outer.find("Application Menu", role="push button").click()
        self.s.find(item, role="menu item", timeout=WAIT).click()

    def select(self, name):
        row = self.s.find(name, role="panel", timeout=WAIT)
        Element(self.s, row.acc.get_parent()).click()

    def fill(self, dialog, fields):
        for name, text in fields:
            dialog.find(name, role="text", timeout=WAIT).set_text(text)


# ---------------------------------------------------------------------------
# Stories


class PatientSession(Session):
    """A Session that gives harbor WAIT seconds to appear on the accessibility bus (the
    default 15 s ran out once here, with the machine busy), and keeps what harbor prints, to
    look for GTK's warning about text it could not parse as markup (a label that parsed it
    once and then shows the right text is still wrong: it flickered, or was read out)."""

    def __init__(self, **kwargs):
        fd, self.harbor_log = tempfile.mkstemp(prefix="harbor-e2e-stderr-")
        os.close(fd)
        super().__init__(wait_window=False, harbor_stderr=self.harbor_log, **kwargs)

    def start(self):
        super().start()
        self.app = self.find_app(timeout=WAIT)

    def stop(self):
        super().stop()
        if os.path.exists(self.harbor_log):
            with open(self.harbor_log, errors="replace") as f:
                sys.stderr.write(f.read())
            os.unlink(self.harbor_log)

    def markup_warnings(self):
        with open(self.harbor_log, errors="replace") as f:
            return [line for line in f if "from markup" in line]


def hostile_server_story(tap):
    server, url = hostile_server()
    try:
        with PatientSession(token="e2e-hostile-token", server=False,
                     harbor_args=("--api-url", url)) as s:
            st = Story(tap, s, "server")
            for i, message in enumerate((SPAN, TAGS, AMPERSAND)):
                Hostile.list_error = message
                if i > 0:
                    st.press("Retry")
                st.literal(message, "the list's status page")
                if i == 0:
                    st.shot("status-page", settle=1)
            Hostile.list_error = None
            st.press("Retry")
            st.select(TAGS)
            st.literal(TAGS, "the application's row", role="panel")
            st.literal(BUILDS_ERROR, "the builds page's error page")
            st.shot("builds-error")
            st.page("Collaborators")
            st.literal(SPAN, "a collaborator's row", role="list item")
            st.shot("collaborator")
            st.page("Hostnames")
            st.literal(AMPERSAND, "a hostname's row", role="list item")
            st.app_menu("Rename…")
            dialog = st.dialog("Rename Application")
            st.fill(dialog, (("New Name", "New name"),))
            st.press("Rename", root=dialog)
            # The dialog comes back, with what was typed and the server's reason.
            dialog = st.dialog_saying("Rename Application", SPAN)
            st.in_dialog(dialog, SPAN, "the rename dialog")
            st.shot("rename-error")
            st.close(dialog, "Rename Application")
            st.no_markup_warnings()
    finally:
        server.shutdown()


def real_server_story(tap):
    with PatientSession(token="e2e-hostile-token",
                 server_args=("--seed", "--user", "%s:%s:evil" % (TAGS, EVIL_EMAIL))) as s:
        st = Story(tap, s, "real")
        main = s.find("Harbor", role="frame", timeout=WAIT)

        # An application's name: the rename's toast, the header, the row.
        st.select("Hello World")
        st.app_menu("Rename…")
        dialog = st.dialog("Rename Application")
        st.fill(dialog, (("New Name", TAGS),))
        st.press("Rename", root=dialog)
        st.toast("Renamed to “%s”" % TAGS, "the rename's toast")
        st.shot("renamed")
        st.literal(TAGS, "the application's row", root=main, role="panel")

        # The deploy dialog names the application.
        st.page("Builds")
        # Build rows' buttons name their build (issue 16, item 6): "Redeploy “…”".
        st.press("Redeploy", root=main, exact=False)
        dialog = st.dialog("Deploy Build", exact=False)
        st.literal("“%s” will run this build." % TAGS, "the deploy dialog", root=dialog)
        st.shot("deploy")
        st.close(dialog, dialog.name)

        # A variable: its row, its value, the server's words when the key is taken, the toast.
        st.page("Variables")
        for attempt in range(2):
            st.press("Add Variable", root=main)
            dialog = st.dialog("Add Variable")
            st.fill(dialog, (("Key", TAGS), ("Value", SPAN)))
            st.press("Add", root=dialog)
            if attempt == 0:
                s.wait_gone("Add Variable", role="dialog", timeout=WAIT)
                st.literal(TAGS, "the variable's row", root=main, role="list item")
                st.press("Show Value of %s" % TAGS, root=main)
                st.literal(SPAN, "the variable's value", root=main)
                st.shot("variable")
        taken = "A variable named “%s” already exists" % TAGS
        dialog = st.dialog_saying("Add Variable", taken)
        st.in_dialog(dialog, taken, "the Add Variable dialog")
        st.shot("variable-taken")
        st.close(dialog, "Add Variable")
        st.press("Remove %s" % TAGS, root=main)
        st.toast("Variable “%s” removed" % TAGS, "the removal's toast")

        # A collaborator whose user name is markup; adding them again: the server's words.
        st.page("Collaborators")
        for attempt in range(2):
            st.press("Add Collaborator", root=main)
            dialog = st.dialog("Add Collaborator")
            st.fill(dialog, (("Email Address", EVIL_EMAIL),))
            st.press("Add", root=dialog)
            if attempt == 0:
                s.wait_gone("Add Collaborator", role="dialog", timeout=WAIT)
                st.literal(TAGS, "the collaborator's row", root=main, role="list item")
                st.shot("collaborator")
        again = "%s is already a collaborator" % TAGS
        dialog = st.dialog_saying("Add Collaborator", again)
        st.in_dialog(dialog, again, "the Add Collaborator dialog")
        st.close(dialog, "Add Collaborator")

        # A hostname the server refuses, in its words.
        st.page("Hostnames")
        st.press("Add Hostname", root=main)
        dialog = st.dialog("Add Hostname")
        st.fill(dialog, (("Hostname", TAGS),))
        st.press("Add", root=dialog)
        refused = "“%s” is not a fully qualified domain name" % TAGS
        dialog = st.dialog_saying("Add Hostname", refused)
        st.in_dialog(dialog, refused, "the Add Hostname dialog")
        st.shot("hostname-refused")
        st.close(dialog, "Add Hostname")

        # Delete: the question names the application, and so does the toast.
        st.app_menu("Delete…")
        dialog = st.dialog("Delete “%s”?" % TAGS)
        st.literal("Delete “%s”?" % TAGS, "the delete dialog's heading", root=dialog)
        st.shot("delete")
        st.press("Delete", root=dialog)
        st.toast("“%s” deleted" % TAGS, "the deletion's toast")
        s.wait_gone(TAGS, role="panel", timeout=WAIT)

        # A new application named so: the toast and the list.
        st.press("New Application", root=main)
        dialog = s.find("New Application", role="frame", timeout=WAIT)
        st.fill(dialog, (("Name", TAGS),))
        st.press("Create", root=dialog)
        st.toast("“%s” created" % TAGS, "the creation's toast")
        st.shot("created")
        st.literal(TAGS, "the new application's row", root=main, role="panel")
        st.no_markup_warnings()


def welcome_story(tap):
    with PatientSession(token=None, server=False,
                        harbor_args=("--api-url", "https://r&d.example")) as s:
        st = Story(tap, s, "welcome")
        st.literal("Sign in to r&d.example to manage your applications", "the welcome page")
        st.shot("page")
        st.no_markup_warnings()


def login_problem_story(tap):
    server, url = hostile_server()
    try:
        with PatientSession(token=None, server=False, harbor_args=("--api-url", url),
                     env={"HARBOR_MODULE_DIR": os.path.join(BUILD_ROOT, "src")}) as s:
            st = Story(tap, s, "login")
            s.find("Sign In", role="push button", timeout=WAIT, exact=False).click()
            st.literal("The server refused the sign-in (invalid_request: %s). Try again." % TAGS,
                       "the sign-in window's problem page")
            st.shot("problem", settle=1)
            st.no_markup_warnings()
    finally:
        server.shutdown()


STORIES = (hostile_server_story, real_server_story, welcome_story, login_problem_story)


def run_one(name):
    """One story in this process; prints its checks as "ok"/"not ok" lines."""
    tap = Tap()
    launcher = ensure_a11y_bus()
    try:
        story = {t.__name__: t for t in STORIES}[name]
        try:
            story(tap)
        except Exception as e:  # reported, so that the other stories still run
            # Named as tap_relay expects, so a harbor that found no X display is run again.
            tap.ok(False, name, "%s: %s" % (type(e).__name__, e))
    finally:
        if launcher is not None:
            launcher.terminate()
            launcher.wait(5)
    return 1 if tap.failed else 0


def main():
    tap = Tap()
    wanted = sys.argv[1:]
    for story in STORIES:
        if not wanted or story.__name__ in wanted:
            relay(tap, __file__, story.__name__)
    return tap.done()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        sys.exit(run_one(sys.argv[2]))
    sys.exit(main())
