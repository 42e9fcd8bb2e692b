#!/usr/bin/python3
# e2e: a server's words and an application's name are read out as sent, never as markup
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 12, item 1), over AT-SPI, as a screen reader gets the text.

1. A hostile server answers /applications with 403 and a message that is Pango markup: the
   status page shows the message as written (its accessible name is the literal text), for
   markup that parses, markup that does not, and a lone ampersand; Retry loads the next one.
2. Against harbor-server, an application named "<b>&amp;</a>" is created through the dialog:
   the toast and the list show that name literally.

Screenshots go to $HARBOR_BUILD_ROOT/screenshots.
"""
import http.server
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Session, Tap, run_stories, screenshot_dir  # noqa: E402

TAGS = "<b>&amp;</a>"
SPAN = ('<span size="xx-large" foreground="red">Your session expired.</span> '
        '<a href="https://evil.example/login">Sign in again here</a>')
AMPERSAND = "R&D apps: <b>bold"


class Hostile(http.server.BaseHTTPRequestHandler):
    """Every request: 403 with {"error":{"message": <the current message>}}."""
    message = SPAN

    def do_GET(self):
        body = json.dumps({"error": {"message": Hostile.message}}).encode("utf-8")
        self.send_response(403)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def hostile_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_status_page(tap, shots):
    server = hostile_server()
    url = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        with Session(token="e2e-hostile-token", server=False,
                     harbor_args=("--api-url", url)) as s:
            for i, message in enumerate((SPAN, TAGS, AMPERSAND)):
                Hostile.message = message
                if i > 0:
                    s.find("Retry", role="push button", timeout=20).click()
                label = s.find(message, role="label", timeout=20)
                tap.ok(label.text() == message,
                       "the status page reads out the server's message as sent: %r" % message,
                       label.text())
                if i == 0:
                    time.sleep(1)
                    s.screenshot(os.path.join(shots, "e2e-hostile-status-page.png"))
    finally:
        server.shutdown()


def test_app_name(tap, shots):
    with Session(token="e2e-hostile-token") as s:
        s.find("Hello World", timeout=20)
        s.find("New Application", role="push button").click()
        dialog = s.find("New Application", role="frame", timeout=10)
        dialog.find("Name", role="text").set_text(TAGS)
        create = dialog.find("Create", role="push button")
        s.wait_for(lambda: create.sensitive, what="Create to become enabled")
        create.click()
        try:
            toast = s.find("“%s” created" % TAGS, role="label", timeout=20, shallow=True)
        except E2EError:
            tap.diag(s.dump(root=s.find("Harbor", role="frame"), max_depth=6))
            s.screenshot(os.path.join(shots, "e2e-hostile-no-toast.png"))
            raise
        tap.ok(toast is not None, "the toast names the new application as typed")
        time.sleep(0.5)
        s.screenshot(os.path.join(shots, "e2e-hostile-created.png"))
        main = s.find("Harbor", role="frame")
        tap.ok(main.find(TAGS, role="label", timeout=20) is not None,
               "the application list shows the name as typed")


def main():
    tap = Tap()
    shots = screenshot_dir()
    return run_stories(tap, (test_status_page, test_app_name), shots)


if __name__ == "__main__":
    sys.exit(main())
