#!/usr/bin/python3
# e2e (issue 16): the core tasks with the keyboard alone, the focus checked after each step
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Starts harbor-server --seed --auto-approve and the built harbor (signed in), gives
harbor's window the X input focus (XSetInputFocus: there is no window manager and no pointer
event is sent), then only presses keys (xdotool, through XTEST):

  sign out (the Account menu) → sign in (Sign In; the server approves at once) → create an
  application (Ctrl+N, type, Enter) → open a failed build's test results (arrows, Enter, Tab
  to its Test Results button) → search a failed test (Ctrl+F, type, Tab) → go back (Alt+Left)
  → remove a variable and undo it (its Remove button, then Alt+U on the toast) → delete the
  application (the Application Menu, Delete…, Delete).

After each step the element that has the focus (from the focus events harbor sends, as a
screen reader follows them) must be the one the step leads to. Screenshots of each step go
to $HARBOR_BUILD_ROOT/screenshots/keyboard-*.png.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, FocusTracker, Session, Tap, screenshot_dir  # noqa: E402

NEW_APP = "Keyboard Story"
NEW_SLUG = "keyboard-story"
STEP_LIMIT = 40  # Tab presses to reach anything on one screen


class Keys:
    """Key presses, and where the focus is after each."""

    def __init__(self, tap, session):
        self.tap = tap
        self.s = session
        self.focus = FocusTracker(session)
        self.shots = screenshot_dir()
        self.n_keys = 0

    def press(self, *keys):
        self.s.key(*keys)
        self.n_keys += len(keys)

    def type(self, text):
        import subprocess
        subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
        self.n_keys += len(text)

    def now(self, settle=0.4):
        return self.focus.focused(settle)

    def until(self, predicate, key, what, limit=STEP_LIMIT):
        """Presses @key until the focus satisfies @predicate; returns that element. After each
        press it waits for the focus to move (a busy machine reports it late), so no stop is
        passed unseen."""
        for _ in range(limit):
            el = self.now(0.3)
            try:
                if el is not None and predicate(el):
                    return el
            except Exception:  # an element gone meanwhile: look again after the key
                pass
            before = self.focus.acc
            self.press(key)
            deadline = time.monotonic() + 3
            while self.focus.acc is before and time.monotonic() < deadline:
                self.focus.pump(0.05)
        raise E2EError("%s: not reached with %d × %s (focus on %r)" % (what, limit, key,
                                                                      self.now()))

    def expect(self, predicate, what, timeout=20):
        """The focus lands on what @predicate accepts (it may take a load or two)."""
        try:
            el = self.focus.wait(predicate, timeout=timeout, what=what)
        except E2EError as e:
            self.shot("failed")
            self.tap.ok(False, what, diag=str(e))
            raise
        self.tap.ok(True, "%s (focus on %r)" % (what, el))
        return el

    def shot(self, name):
        self.s.screenshot(os.path.join(self.shots, "keyboard-%s.png" % name))


def named(name, role=None):
    return lambda el: el.name == name and (role is None or el.role == role)


def list_row(name):
    return lambda el: el.name == name and el.role in ("list item", "table row", "row")


def is_field(el):
    return el.role in ("text", "entry", "password text")


def description(el):
    return el.acc.get_description() or ""


def main():
    tap = Tap()
    try:
        with Session(token="e2e-keyboard-token", server_args=("--seed", "--auto-approve")) as s:
            story(tap, s)
    except E2EError as e:
        tap.ok(False, "the story ran to its end", diag=str(e))
    return tap.done()


def story(tap, s):
    k = Keys(tap, s)
    s.find("Hello World", timeout=30)
    s.focus_window()
    time.sleep(0.5)
    k.expect(list_row("Ana's Blog"), "a signed-in start: the list's first row has the focus")

    # -- sign out: Shift+Tab to the Account menu, Enter, down to Sign Out, Enter
    k.until(named("Account"), "shift+Tab", "the Account button")
    k.press("Return")
    k.until(named("Sign Out"), "Down", "Sign Out in the Account menu", limit=6)
    k.shot("sign-out")
    k.press("Return")
    k.expect(named("Sign In", "push button"), "signed out: Sign In has the focus")
    k.shot("signed-out")

    # -- sign in: Enter on Sign In; the login window comes and goes by itself
    k.press("Return")
    s.find("Hello World", timeout=60)
    time.sleep(1.0)
    s.focus_window()  # the login window had the X focus; it went with it
    k.expect(list_row("Ana's Blog"), "signed in again: the list's first row has the focus")

    # -- create an application: Ctrl+N, its name, Enter
    k.press("ctrl+n")
    k.expect(lambda el: el.name == "Name" and is_field(el),
             "Ctrl+N: the New Application dialog's Name field has the focus")
    k.type(NEW_APP)
    k.shot("create")
    k.press("Return")
    s.wait_gone("New Application", role="frame", timeout=20)
    s.focus_window()
    k.expect(list_row(NEW_APP), "created: the new application's row has the focus")
    tap.ok(any(a.get("slug") == NEW_SLUG for a in s.api_get("/applications")),
           "the server has the new application")

    # -- a failed build's test results: Up to Hello World, Enter, Tab to build 59's button
    k.until(list_row("Hello World"), "Up", "the Hello World row", limit=8)
    k.press("Return")
    time.sleep(0.5)
    k.expect(list_row("Hello World"), "Enter on Hello World: the focus stays on its row")
    failed = s.api_get("/applications/hello-world/builds/59")
    button = "Test Results of “%s”" % failed["commit"]["message"]
    s.find(button, timeout=30, exact=False)
    k.until(lambda el: el.name == button, "Tab", "build 59's Test Results button")
    k.press("Return")
    test = k.expect(lambda el: description(el) == "Failed" and el.name != "",
                    "Enter on Test Results: the first failed test's row has the focus",
                    timeout=60)
    failed_test = test.name  # the row's element is reused for other tests once rows change
    k.shot("test-results")

    # -- search that failed test: Ctrl+F, its name, Tab to the table
    k.press("ctrl+f")
    k.expect(lambda el: is_field(el) and "Search tests" in el.name,
             "Ctrl+F: the search field has the focus")
    k.type(failed_test)
    time.sleep(1.0)
    k.until(lambda el: el.name == failed_test and description(el) == "Failed", "Tab",
            "the failed test's row, found by the search")
    tap.ok(True, "Tab from the search field: the failed test's row has the focus")
    k.shot("search")

    # -- back: Alt+Left returns to the button that opened the test results
    k.press("alt+Left")
    k.expect(named(button), "Alt+Left: the focus is back on build 59's Test Results button")

    # -- remove a variable and undo: Status Page's RefreshSeconds
    k.press("alt+Left")
    k.expect(list_row("Hello World"), "Alt+Left again: the focus is back on Hello World's row")
    k.until(list_row("Status Page"), "Down", "the Status Page row", limit=8)
    k.press("Return")
    k.until(lambda el: el.name == "Variables" and el.role != "label", "Tab", "the Variables tab")
    k.press("Return")
    k.expect(named("Variables"), "Enter on the Variables tab: the focus stays on the tab")
    k.until(named("Remove RefreshSeconds"), "Tab", "RefreshSeconds's Remove button")
    k.press("Return")
    s.find("Variable “RefreshSeconds” removed", timeout=15, exact=False)
    # Status Page has one variable: with no row left, the page's Add button.
    k.expect(named("Add Variable", "push button"),
             "removed (the page's only variable): the focus is on Add Variable")
    k.shot("removed")
    k.press("alt+u")
    s.find("Remove RefreshSeconds", role="push button", timeout=20)
    tap.ok(True, "Alt+U on the toast: RefreshSeconds is back")
    tap.ok(any(v.get("key") == "RefreshSeconds"
               for v in s.api_get("/applications/status-page/configurationvariables")),
           "the server has RefreshSeconds again")
    k.expect(named("Add Variable", "push button"),
             "after Undo (its toast gone): the focus is on Add Variable, in the page")

    # -- delete the new application: its row, the Application Menu, Delete…, Delete
    k.press("alt+Left")
    k.expect(list_row("Status Page"), "Alt+Left: the focus is back on Status Page's row")
    k.until(list_row(NEW_APP), "Up", "the new application's row", limit=8)
    k.press("Return")
    k.until(named("Application Menu"), "Tab", "the Application Menu button")
    k.press("Return")
    k.until(named("Delete…"), "Down", "Delete… in the Application Menu", limit=6)
    k.press("Return")
    k.until(named("Delete", "push button"), "Tab", "the dialog's Delete button", limit=6)
    k.shot("delete")
    k.press("Return")
    s.wait_for(lambda: not any(a.get("slug") == NEW_SLUG for a in s.api_get("/applications")),
               what="the application to be deleted")
    s.focus_window()
    k.expect(list_row("Payments Worker"),
             "deleted: the row now in the deleted one's place has the focus")
    tap.ok(True, "the story used %d key presses and no pointer event" % k.n_keys)
    k.focus.close()


if __name__ == "__main__":
    sys.exit(main())
