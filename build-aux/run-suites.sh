#!/usr/bin/env bash
# Runs one build tree's test suites in their own X display and session bus, and records what
# build-aux/summarize-tests.py needs to tell a complete run from a killed or stale one.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: run-suites.sh BUILD_DIR [MESON TEST OPTIONS...]   (e.g. --suite ui, --no-suite e2e)
set -u
dir=$1; shift
logs=$dir/meson-logs
mkdir -p "$logs"
# A run that dies before meson starts must not leave the previous run's log to be counted.
rm -f "$logs/testlog.json" "$logs/run-suites.list" "$logs/run-suites.status"

# The tests this run must report on, with the same filters: a shorter log means a lost result.
if ! meson test -C "$dir" --no-rebuild --list "$@" >"$logs/run-suites.list.tmp"; then
  echo "run-suites.sh: meson test --list failed for $dir" >&2
  echo 1 >"$logs/run-suites.status"
  exit 1
fi
mv "$logs/run-suites.list.tmp" "$logs/run-suites.list"

# Each run gets its own X display and session bus, as a desktop would.
xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' \
  dbus-run-session -- \
  meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$(nproc)" "$@"
status=$?
echo "$status" >"$logs/run-suites.status"
exit "$status"
