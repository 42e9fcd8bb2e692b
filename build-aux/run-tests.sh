#!/usr/bin/env bash
# The README's test command: installs what is missing, builds a normal and an
# AddressSanitizer/UBSan tree, runs every suite (Xvfb and D-Bus included) and
# prints one closing line "N passed, M failed".
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."

build-aux/install-deps.sh --with-tests || { echo "0 passed, 1 failed"; exit 1; }

jobs=$(nproc)
failed_setup=0
results=()

setup_and_build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
  fi
  ninja -C "$dir" -j "$jobs" || return 1
}

run_suites () {
  local dir=$1; shift
  # Each run gets its own X display and session bus, as a desktop would.
  xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' \
    dbus-run-session -- \
    meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$jobs" "$@"
}

echo "== normal build"
if setup_and_build _build -Dprofile=development; then
  run_suites _build
  results+=(_build)
else
  failed_setup=$((failed_setup + 1))
fi

echo "== AddressSanitizer/UBSan build"
if setup_and_build _build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug -Dprofile=development; then
  # WebKit's processes and the desktop-launch test are exercised by the normal build; the
  # data checks are validators and Python, which a sanitizer build runs no differently.
  run_suites _build-asan --no-suite e2e --no-suite data --timeout-multiplier 3
  results+=(_build-asan)
else
  failed_setup=$((failed_setup + 1))
fi

exec /usr/bin/python3 build-aux/summarize-tests.py "$failed_setup" "${results[@]}"
