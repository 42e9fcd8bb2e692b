#!/usr/bin/python3
# e2e: an application's log drains, driven by accessible names only
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test (issue 14). Starts harbor-server --seed and the built harbor, then, as a person
with a screen reader would:

  open "Hello World" → the Drains tab → the seeded drain's address and token are listed, each
  with its own named Copy button → an address that cannot be a drain's leaves "Add Drain" off,
  and Enter says why → a good one is added → one the server refuses (too long for it) shows
  the server's words under the field, which keeps the address → "Remove <address>" asks first,
  the toast names the drain, and "Undo" brings it back with a new token.

Every name on the way is checked for what a screen reader would say wrong (mnemonic
underscores, a name said twice). Screenshots go to $HARBOR_BUILD_ROOT/screenshots.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Element, Session, Tap, screenshot_dir  # noqa: E402

from gi.repository import Atspi  # noqa: E402

SLUG = "hello-world"
SEEDED = "syslog://logs.example.com:514"
ADDED = "https://logs.example.org/harbor"
TOO_LONG = "syslog://logs.example.com:514/" + "a" * 2000


def area(element):
    extents = element.acc.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    return max(extents.width, 0) * max(extents.height, 0)


def near_top(session, frame, name, role, depth=7):
    """(name, role) within the first levels under frame: a toast sits there, over the window's
    content. A walk of the whole window can take longer than a toast stays on a busy machine,
    and one that starts just before the toast appears misses it."""
    level = [frame.acc]
    for _ in range(depth):
        below = []
        for acc in level:
            for i in range(acc.get_child_count()):
                child = acc.get_child_at_index(i)
                if child is None:
                    continue
                element = Element(session, child)
                if element.name == name and element.role == role:
                    return element
                below.append(child)
        level = below
    return None


def toast(session, frame, title, timeout=20):
    """The toast (its title label) with this title."""
    return session.wait_for(lambda: near_top(session, frame, title, "label"), timeout=timeout,
                            what="the toast %r" % title)


def drains(session):
    """The addresses the server has for the application now."""
    return [d["value"] for d in session.api_get("/applications/%s/drains" % SLUG)]


def story(tap, s, shots):
    row = s.find("Hello World", timeout=20)
    Element(s, row.acc.get_parent()).click()
    main = s.find("Harbor", role="frame")
    s.find("Drains", root=main, timeout=20).click()

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

    field = s.find("Drain Address", role="text")
    add = s.find("Add Drain", role="push button")
    tap.ok(not add.sensitive, "Add Drain is off while the field is empty")
    field.set_text("ftp://logs.example.com/")
    s.wait_for(lambda: add.sensitive, what="Add Drain to turn on")
    add.click()
    problem = s.find("A drain's address starts with syslog://, http:// or https://",
                     role="label", timeout=10)
    tap.ok(problem is not None, "Add Drain with an ftp:// address says which addresses a "
           "drain takes")
    tap.ok(len(drains(s)) == 1, "and sends nothing")

    field.set_text(ADDED)
    s.wait_for(lambda: add.sensitive, what="Add Drain to turn on")
    add.click()
    toast(s, main, "Drain %s added" % ADDED)
    s.find(ADDED, role="label", root=listing, timeout=20)
    tap.ok(ADDED in drains(s), "Add Drain adds it, and the list shows it")

    field.set_text(TOO_LONG)
    s.wait_for(lambda: add.sensitive, what="Add Drain to turn on")
    add.click()
    error = s.wait_for(lambda: [e for e in s.find_all(role="label", root=main)
                                if "is not a URL with one of the schemes" in e.text()],
                       timeout=20, what="the server's answer under the field")[0]
    tap.ok(error.text().startswith("The service did not accept this request: "),
           "a 400 shows inline, what it means before the server's words", error.text()[:200])
    tap.ok(field.text() == TOO_LONG, "the field keeps the address")
    time.sleep(0.5)
    s.screenshot(os.path.join(shots, "e2e-drains-400.png"))

    s.find("Remove " + ADDED, role="push button", root=listing).click()
    dialog = s.find("Remove Drain?", role="dialog", timeout=20)
    # The dialog holds its buttons twice (side by side, stacked) and gives room to one set.
    s.wait_for(lambda: [e for e in s.find_all(role="push button", root=dialog)
                        if e.name == "Remove" and area(e) > 0],
               what="Remove on screen")[0].click()
    toast(s, main, "Drain %s removed" % ADDED)
    tap.ok(ADDED not in drains(s), "Remove asks first, then removes; the toast names the drain")
    s.wait_for(lambda: near_top(s, main, "Undo", "push button"), what="Undo").click()
    toast(s, main, "Drain %s added again, with a new token" % ADDED)
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
