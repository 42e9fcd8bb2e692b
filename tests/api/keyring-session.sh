#!/bin/sh
# Runs a test on its own session bus with an unlocked gnome-keyring and a fresh $HOME.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# A non-empty password creates and unlocks the "login" collection without a prompter; the
# daemon leaves with the bus when dbus-run-session ends.
exec dbus-run-session -- sh -c '
  printf harbor-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' keyring-session "$@"
