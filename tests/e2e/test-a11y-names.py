#!/usr/bin/python3
# e2e (issue 16, item 6): every control on every screen has a name a screen reader can say
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Starts harbor-server --seed and the built harbor, visits every screen (the list,
search, each page of an application, each dialog and menu, test results, the shortcuts window,
the welcome page), and walks the accessibility tree of each: every element that is focusable,
has an action, or is a list, table or tab list must have a name that is not empty, not its
GObject type's name (GTK's fallback: "GtkToggleButton", "HbBuildsPage", "AdwViewSwitcher"),
holds no mnemonic underscore ("_Retry") and does not say a word twice ("Cancel Cancel"); in
a dialog no two controls have one name (a message dialog's buttons were each there twice).

Screens are reached through AT-SPI actions and key presses; the order of the checks does not
matter, each screen is its own test point. HARBOR_A11Y_DUMP=1 prints each tree walked.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Element, FocusTracker, Session, Tap  # noqa: E402

TABS = ("Variables", "Collaborators", "Hostnames", "Hooks", "Drains", "Errors")
ADD_BUTTONS = {
    "Variables": "Add Variable",
    "Collaborators": "Add Collaborator",
    "Hostnames": "Add Hostname",
    "Hooks": "Add Service Hook",
    "Drains": "Add Drain",
}


class Walker:
    """Checks screens, each problem reported once (where it first shows)."""

    def __init__(self, tap, session):
        self.tap = tap
        self.s = session
        self.seen = set()

    def check(self, screen, root=None, unique=False):
        # Right after a page changes GTK 4.8 may not answer for a few seconds.
        base = (root or self.s.app).acc
        self.s.wait_for(lambda: base.get_child_count() > 0, timeout=30,
                        what="%s to answer" % screen)
        if os.environ.get("HARBOR_A11Y_DUMP"):
            self.tap.diag("---- %s\n%s" % (screen, self.s.dump(root, max_depth=40)))
        start = time.monotonic()
        problems = self.s.control_problems(root, unique=unique)
        new = [p for p in problems if p not in self.seen]
        self.seen.update(problems)
        self.tap.ok(not new, "%s: every control is named (%d problems, walked in %.1f s)"
                    % (screen, len(new), time.monotonic() - start),
                    diag="\n".join("%s %r %s  [%s]" % p for p in new))


def windows_now(s):
    app = s.app.acc
    n = app.get_child_count()
    if n < 0:
        raise E2EError("harbor does not answer")
    return [app.get_child_at_index(i) for i in range(n)]


def newest_window(s):
    """The toplevel opened last (a dialog, the shortcuts window), once it is there: GTK 4.8
    reports some windows as fillers until they are shown a while."""
    def find():
        wins = [w for w in windows_now(s)
                if w is not None and w.get_name() not in ("", "Harbor", "GtkTooltipWindow")]
        return wins[-1] if wins else None
    return Element(s, s.wait_for(find, timeout=15, what="a new window"))


def press(s, name, root=None, exact=True):
    """Activates the button named @name: of a menu button's two elements, the one that acts."""
    def find():
        for e in s.find_all(role="push button", root=root):
            hit = e.name == name if exact else name in e.name
            if hit and e.actions():
                return e
        return None
    s.wait_for(find, timeout=15, what="a button %r" % name).click()


def responsive(s, element):
    s.wait_for(lambda: element.acc.get_child_count() > 0, timeout=30, what="harbor to answer")


def close_window(s):
    s.key("Escape")
    time.sleep(0.8)


def tab_to_exception_row(s, focus):
    """Tab until an exception's row has the focus. After each Tab it waits for the focus to
    move (a busy machine reports it late), so no stop is passed unseen; a row never reached
    fails here, not as a dialog that never opened."""
    s.focus_window()
    el = None
    for _ in range(40):
        before = focus.acc
        s.key("Tab")
        deadline = time.monotonic() + 3
        while focus.acc is before and time.monotonic() < deadline:
            focus.pump(0.05)
        el = focus.focused(0.3)
        if el is not None and el.role == "list item" and "exception" in el.name.lower():
            return
    raise E2EError("no exception's row reached with 40 × Tab (focus on %r)" % el)


def pages(w, s):
    main = s.find("Harbor", role="frame")
    s.find("Hello World", role="list item", timeout=20).click()
    s.find("Test Results", role="push button", timeout=20, exact=False)

    # Every page is in the tree once shown (a hidden page too): one walk after the last.
    for tab in TABS:
        s.find(tab, role="page tab").click()
        time.sleep(1.0)
        responsive(s, main)
        if tab in ADD_BUTTONS:
            press(s, ADD_BUTTONS[tab], root=main, exact=False)
            time.sleep(1.0)
            w.check("dialog: " + ADD_BUTTONS[tab], newest_window(s), unique=True)
            close_window(s)
        if tab == "Variables":
            press(s, "Edit", root=main, exact=False)
            time.sleep(1.0)
            w.check("dialog: Edit Variable", newest_window(s), unique=True)
            close_window(s)
        if tab == "Errors":
            rows = [e for e in s.find_all(role="list item", root=main)
                    if "exception" in e.name.lower()]
            if rows:
                # A row of a list box opens with Enter: Tab to it.
                focus = FocusTracker(s)
                try:
                    tab_to_exception_row(s, focus)
                finally:
                    focus.close()
                s.key("Return")
                w.check("dialog: Error Details", newest_window(s), unique=True)
                close_window(s)
            else:
                w.tap.ok(False, "dialog: Error Details could be opened",
                         diag=s.dump(main, max_depth=40))

    s.find("Builds", role="page tab").click()
    time.sleep(1.0)
    w.check("application: every page", main)
    press(s, "Application Menu", root=main)
    time.sleep(0.8)
    w.check("menu: Application Menu", main)
    close_window(s)
    for item, dialog in (("Rename…", "dialog: Rename"), ("Delete…", "dialog: Delete")):
        press(s, "Application Menu", root=main)
        s.find(item, role="menu item", timeout=10).click()
        w.check(dialog, newest_window(s), unique=True)
        close_window(s)

    press(s, "Deploy", root=main, exact=False)
    time.sleep(1.0)
    w.check("dialog: Deploy", newest_window(s), unique=True)
    close_window(s)


def test_results(w, s):
    main = s.find("Harbor", role="frame")
    buttons = [b for b in s.find_all(role="push button", root=main) if "Test Results" in b.name]
    # A failed build's, when the names say which; else the second build's (a failure in the
    # seed).
    failed = [b for b in buttons if "Failed" in b.name or "failed" in b.name]
    (failed or buttons[1:2] or buttons)[0].click()
    s.find("Search tests by name", timeout=20, exact=False)
    time.sleep(2.0)
    w.check("test results", main)
    s.key("ctrl+f")
    s.key("C", "a", "c", "h", "e")
    time.sleep(1.5)
    w.check("test results: searching", main)
    s.key("alt+Left")
    time.sleep(1.0)


def windows(w, s):
    main = s.find("Harbor", role="frame")
    s.focus_window()
    s.key("ctrl+n")
    w.check("dialog: New Application", newest_window(s), unique=True)
    close_window(s)

    s.key("ctrl+f")
    time.sleep(0.8)
    w.check("applications: searching", main)
    s.key("Escape")

    s.key("ctrl+question")
    time.sleep(1.5)
    w.check("window: Keyboard Shortcuts", newest_window(s))
    close_window(s)

    press(s, "Main Menu", root=main)
    time.sleep(0.8)
    w.check("menu: Main Menu", main)
    close_window(s)

    press(s, "Account", root=main)
    time.sleep(0.8)
    w.check("menu: Account", main)
    close_window(s)


def offline(w, s):
    """Every list's error page, with its Retry: the server is gone and F5 asks again."""
    main = s.find("Harbor", role="frame")
    s.server.terminate()
    s.server.wait(5)
    s.focus_window()
    s.key("F5")
    s.find("Retry", role="push button", timeout=30, exact=False)
    time.sleep(1.0)
    w.check("offline: error pages", main)


def welcome(w, s):
    main = s.find("Harbor", role="frame")
    press(s, "Account", root=main)
    time.sleep(0.8)
    s.find("Sign Out", exact=False).click()
    s.find("Welcome to Harbor", timeout=20)
    w.check("welcome", main)


def main():
    tap = Tap()
    try:
        with Session(token="e2e-a11y-token", busy=False) as s:
            w = Walker(tap, s)
            s.find("Hello World", timeout=20)
            w.check("applications", s.find("Harbor", role="frame"))
            for story in (pages, test_results, windows, offline, welcome):
                try:
                    story(w, s)
                except E2EError as e:
                    tap.ok(False, "%s ran to its end" % story.__name__, diag=str(e))
                    s.key("Escape")
    except E2EError as e:
        tap.ok(False, "harbor started", diag=str(e))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
