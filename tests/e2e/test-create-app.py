#!/usr/bin/python3
# e2e: "create an application through a dialog", told with accessible names only
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP test. Starts harbor-server --seed and the built harbor (signed in through
HARBOR_ACCESS_TOKEN), then, the way a person would:

  press "New Application" → type a name into "Name" → press "Create"
  → the dialog closes and the new application is shown,

and checks the application on the server.  Screenshots go to $HARBOR_BUILD_ROOT/screenshots.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harbor_e2e import E2EError, Session, Tap, screenshot_dir  # noqa: E402

NAME = "Story Time"
SLUG = "story-time"


def main():
    tap = Tap()
    shots = screenshot_dir()
    try:
        with Session(token="e2e-create-token") as s:
            tap.ok(s.app is not None, "harbor appears on the accessibility bus")

            s.find("Hello World", timeout=20)
            tap.ok(True, "the applications list shows the seeded applications")

            main = s.find("Harbor", role="frame")
            bad = s.bad_names(main)
            tap.ok(not bad, "every accessible name in the main window is clean "
                   "(no mnemonic underscore, nothing said twice)",
                   diag="\n".join("%s %r: %s" % b for b in bad))

            s.find("New Application", role="push button").click()
            dialog = s.find("New Application", role="frame", timeout=10)
            tap.ok(dialog is not None, "pressing New Application opens the dialog")
            bad = s.bad_names(dialog)
            tap.ok(not bad, "every accessible name in the New Application dialog is clean",
                   diag="\n".join("%s %r: %s" % b for b in bad))

            create = dialog.find("Create", role="push button")
            tap.ok(not create.sensitive, "Create is disabled while the name is empty")

            name = dialog.find("Name", role="text")
            name.set_text(NAME)
            s.wait_for(lambda: create.sensitive, what="Create to become enabled")
            tap.ok(True, "typing a name enables Create")
            s.screenshot(os.path.join(shots, "e2e-create-dialog.png"))

            create.click()
            s.wait_gone("New Application", role="frame")
            tap.ok(True, "the dialog closes after Create")

            main.find(NAME, role="label", timeout=20)
            tap.ok(True, "the new application is shown in the window")
            s.screenshot(os.path.join(shots, "e2e-created.png"))

            apps = s.api_get("/applications")
            match = [a for a in apps if a.get("slug") == SLUG]
            tap.ok(len(match) == 1 and match[0].get("name") == NAME,
                   "the server has the new application", diag=apps)
    except E2EError as e:
        tap.ok(False, "the story ran to its end", diag=str(e))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
