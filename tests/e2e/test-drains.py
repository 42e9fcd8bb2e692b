#!/usr/bin/python3
# e2e: an application's log drains, driven by accessible names only
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 14). Starts harbor-server --seed and the built harbor, then, as a person
with a screen reader would:

  open "Hello World" → the Drains tab → the seeded drain's address and token are listed, each
  with its own named Copy button → in the Add Drain form, an address that cannot be a drain's
  keeps "Add" off and the form says why under the field → a good one is added → one the
  server refuses (too long for it) brings the form back with the server's words and the
  address kept → "Remove <address>" asks first, the toast names the drain, and "Undo" brings
  it back with a new token.

Every name on the way is checked for what a screen reader would say wrong (mnemonic
underscores, a name said twice). Screenshots go to $HARBOR_BUILD_ROOT/screenshots.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import (E2EError, Element, Session, Tap, in_overlays,  # noqa: E402
                        screenshot_dir)

from gi.repository import Atspi  # noqa: E402

SLUG = "hello-world"
SEEDED = "syslog://logs.example.com:514"
ADDED = "https://logs.example.org/harbor"
TOO_LONG = "syslog://logs.example.com:514/" + "a" * 2000


def area(element):
    extents = element.acc.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    return max(extents.width, 0) * max(extents.height, 0)


def toast(session, frame, title, timeout=20):
    """The toast's title label (an Atspi.Accessible) with this title."""
    return session.wait_for(lambda: in_overlays(frame.acc, title), timeout=timeout,
                            what="the toast %r" % title)


def drains(session):
    """The addresses the server has for the application now."""
    return [d["value"] for d in session.api_get("/applications/%s/drains" % SLUG)]


def story(tap, s, shots):
    row = s.find("Hello World", role="panel", timeout=20)
    Element(s, row.acc.get_parent()).click()
    main = s.find("Harbor", role="frame")
    s.find("Drains", role="page tab", root=main, timeout=20).click()

    seeded = [d for d in s.api_get("/applications/%s/drains" % SLUG) if d["value"] == SEEDED][0]
    listing = s.find("Drains", role="list", timeout=20)
    s.find(SEEDED, role="label", root=listing, timeout=20)
    tap.ok(True, "the list shows the seeded drain's address")
    tap.ok(s.exists(seeded["token"], role="label", root=listing),
           "and its token", diag=s.dump(root=listing))
    s.find("Copy Address of " + SEEDED, role="push button", root=listing).click()
    toast(s, main, "Copied to clipboard")
    tap.ok(True, "“Copy Address of %s” copies" % SEEDED)
    tap.ok(s.exists("Copy Token of " + SEEDED, role="push button", root=listing),
           "the token has a named Copy button of its own")

    def open_form():
        s.find("Add Drain", role="push button", root=main).click()
        return s.find("Add Drain", role="dialog", timeout=20)

    def form_saying(text):
        """The form once its body holds @text: it came back with the server's reason (the one
        it replaces may still be closing)."""
        def look():
            dialog = s.find("Add Drain", role="dialog", timeout=0)
            s.find(text, role="label", root=dialog, timeout=0, exact=False)
            return dialog
        return s.wait_for(look, timeout=20, what="the form saying %r" % text)

    form = open_form()
    field = s.find("Drain Address", role="text", root=form)
    add = s.find("Add", role="push button", root=form)
    tap.ok(not add.sensitive, "Add is off while the field is empty")
    field.set_text("ftp://logs.example.com/")
    problem = s.find("A drain’s address starts with syslog://, http:// or https://",
                     role="label", root=form, timeout=10)
    tap.ok(problem is not None and not add.sensitive,
           "an ftp:// address keeps Add off, and the form says which addresses a drain takes")
    s.screenshot(os.path.join(shots, "e2e-drains-check.png"))
    field.set_text(ADDED)
    s.wait_for(lambda: add.sensitive, what="Add to turn on")
    tap.ok(not s.exists("A drain’s address starts with syslog://, http:// or https://",
                        role="label", root=form), "a good address takes the complaint away")
    add.click()
    toast(s, main, "Drain “%s” added" % ADDED)
    s.find(ADDED, role="label", root=listing, timeout=20)
    tap.ok(ADDED in drains(s), "Add adds it, and the list shows it")

    form = open_form()
    field = s.find("Drain Address", role="text", root=form)
    field.set_text(TOO_LONG)
    add = s.find("Add", role="push button", root=form)
    s.wait_for(lambda: add.sensitive, what="Add to turn on")
    add.click()
    form = form_saying("is not a URL with one of the schemes")
    tap.ok(True, "a 400 brings the form back with the server's words")
    tap.ok(s.find("Drain Address", role="text", root=form).text() == TOO_LONG,
           "and the address kept")
    time.sleep(0.5)
    s.screenshot(os.path.join(shots, "e2e-drains-400.png"))
    s.find("Cancel", role="push button", root=form).click()
    s.wait_gone("Add Drain", role="dialog", timeout=20)
    tap.ok(len(drains(s)) == 2, "nothing more was added")

    s.find("Remove " + ADDED, role="push button", root=listing).click()
    dialog = s.find("Remove “%s”?" % ADDED, role="dialog", timeout=20)
    # The dialog holds its buttons twice (side by side, stacked) and gives room to one set.
    s.wait_for(lambda: [e for e in s.find_all(role="push button", root=dialog)
                        if e.name == "Remove" and area(e) > 0],
               what="Remove on screen")[0].click()
    title = toast(s, main, "Drain “%s” removed" % ADDED)
    tap.ok(ADDED not in drains(s), "Remove asks first, then removes; the toast names the drain")
    undo = None
    holder = title
    for _ in range(3):  # the toast holds its title and its button, a level or two up
        holder = holder.get_parent()
        undo = [e for e in s.find_all(role="push button", root=Element(s, holder))
                if e.name == "Undo"]
        if undo:
            break
    tap.ok(bool(undo), "the toast offers Undo")
    undo[0].click()
    toast(s, main, "Drain “%s” added again, with a new token" % ADDED)
    s.find(ADDED, role="label", root=listing, timeout=20)
    tap.ok(ADDED in drains(s), "Undo adds it back")
    time.sleep(0.5)
    s.screenshot(os.path.join(shots, "e2e-drains.png"))

    bad = s.bad_names(root=main)
    tap.ok(not bad, "every name on the page reads out right", diag="\n".join(map(str, bad)))


def main():
    tap = Tap()
    shots = screenshot_dir()
    try:
        with Session(token="e2e-drains-token") as s:
            story(tap, s, shots)
    except E2EError as e:
        tap.ok(False, "the story ran to its end", diag=str(e))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
