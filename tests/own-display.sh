#!/bin/sh
# Runs one ui test on an X display and a session bus of its own: tests that present windows
# can then run side by side (on one display their windows would take each other's keyboard
# focus, and a test's is-active checks would see another program's window).
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: own-display.sh PROGRAM [ARGS...]
set -u
dir=$(mktemp -d "${TMPDIR:-/tmp}/harbor-display.XXXXXX") || exit 1
# Xvfb chooses a free display itself and writes its number (no race between two tests).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
i=0
while [ ! -s "$dir/display" ]; do
  if ! kill -0 "$xvfb" 2>/dev/null || [ $i -ge 300 ]; then
    echo "own-display.sh: Xvfb did not start" >&2
    cat "$dir/xvfb.log" >&2
    kill "$xvfb" 2>/dev/null
    rm -rf "$dir"
    exit 1
  fi
  sleep 0.1
  i=$((i + 1))
done
DISPLAY=:$(head -n 1 "$dir/display")
export DISPLAY
unset XAUTHORITY
# The bus daemon and the services it starts (the AT-SPI registry) print to stderr, not into
# the test's TAP on stdout.
exec 3>&1
dbus-run-session -- sh -c 'exec "$@" 1>&3 3>&-' sh "$@" 1>&2
status=$?
kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
rm -rf "$dir"
exit $status
