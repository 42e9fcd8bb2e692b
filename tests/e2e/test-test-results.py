#!/usr/bin/python3
# e2e: "find out what failed in a build", told with accessible names only
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Starts harbor-server --seed and the built harbor (signed in through
HARBOR_ACCESS_TOKEN), then, the way a person would:

  open "Hello World" → press "Test Results" on the failed build 59
  → the summary counts the failures → search a failed test by name
  → it is listed as Failed → "Failed Only" keeps it.

The expected names and counts come from the server's own answer.  A screenshot goes
to $HARBOR_BUILD_ROOT/screenshots/e2e-test-results.png.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Element, Session, Tap, screenshot_dir  # noqa: E402

SLUG = "hello-world"
BUILD = "59"


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.get("tests") or [])


def ancestor_with(session, element, name, role):
    """The nearest ancestor of element that holds a descendant (name, role)."""
    acc = element.acc.get_parent()
    while acc is not None:
        if session.exists(name, role=role, root=Element(session, acc)):
            return Element(session, acc)
        acc = acc.get_parent()
    raise E2EError("no ancestor of %r holds %r" % (element, name))


def ancestor_with_role(session, element, role):
    acc = element.acc.get_parent()
    while acc is not None and acc.get_role_name() != role:
        acc = acc.get_parent()
    if acc is None:
        raise E2EError("%r is not inside a %s" % (element, role))
    return Element(session, acc)


def find_button(session, name):
    """A push or toggle button by name (GTK 4.8 reports toggle buttons as push buttons)."""
    def lookup():
        for role in ("toggle button", "push button"):
            if session.exists(name, role=role):
                return session.find(name, role=role, timeout=0)
        return None
    return session.wait_for(lookup, what="button %r" % name)


def main():
    tap = Tap()
    shots = screenshot_dir()
    try:
        with Session(token="e2e-tests-token") as s:
            build = s.api_get("/applications/%s/builds/%s" % (SLUG, BUILD))
            tests = s.api_get("/applications/%s/builds/%s/tests" % (SLUG, BUILD))
            leaves = [t for t in walk(tests) if t["kind"] == "Test"]
            failed = [t for t in leaves if t["status"] == "Failed"]
            tap.ok(len(failed) > 0, "the seeded build %s has failed tests" % BUILD)

            s.find("Hello World", role="list item", timeout=20).click()

            # Build rows show the first line of their commit message, and their buttons say
            # which build they are for.
            message = build["commit"]["message"].splitlines()[0]
            button = "Test Results of “%s”" % message
            commit = s.find(message, role="label", timeout=20)
            build_row = ancestor_with(s, commit, button, "push button")
            build_row.find(button, role="push button").click()
            tap.ok(True, "Test Results opens from build %s's row" % BUILD)

            summary = "%d failed" % len(failed)
            s.find(summary, role="label", timeout=20)
            tap.ok(True, "the summary says %s" % summary)
            s.find("%d tests" % len(leaves), role="label")
            tap.ok(True, "the summary counts %d tests" % len(leaves))

            target = failed[-1]["name"]
            # A passed test on screen now, which the search must hide.
            others = [t["name"] for t in leaves
                      if t["status"] == "Passed" and target.lower() not in t["name"].lower()]
            table = s.find("Test results", role="tree table")
            on_screen = {e.name for e in s.find_all(role="label", root=table)}
            shown = [n for n in others if n in on_screen]
            tap.ok(len(shown) > 0, "passed tests are listed before searching")
            s.find("Search tests by name", role="entry").set_text(target)
            if shown:
                s.wait_gone(shown[0], role="label")
                tap.ok(True, "searching hides %s" % shown[0])
            label = s.find(target, role="label", timeout=20)
            tap.ok(True, "searching finds the failed test %s" % target)
            test_row = ancestor_with_role(s, label, "table row")
            tap.ok(s.exists("Failed", role="label", root=test_row),
                   "its row says Failed in words", diag=s.dump(root=test_row))

            find_button(s, "Failed Only").click()
            s.find(target, role="label", timeout=20)
            tap.ok(True, "Failed Only still lists it")
            s.screenshot(os.path.join(shots, "e2e-test-results.png"))
    except E2EError as e:
        tap.ok(False, "the story ran to its end", diag=str(e))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
