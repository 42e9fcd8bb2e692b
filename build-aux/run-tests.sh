#!/usr/bin/env bash
# The README's test command: installs what is missing, builds a normal and an
# AddressSanitizer/UBSan tree, runs every suite (Xvfb and D-Bus included) and
# prints one closing line "N passed, M failed, K skipped".
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/.."

build-aux/install-deps.sh --with-tests || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

jobs=$(nproc)
failed_setup=0
results=()

setup_and_build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
  else
    # An existing tree takes the options too (the prefix below), so every run tests the same.
    meson configure "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
  fi
  ninja -C "$dir" -j "$jobs" || return 1
}

echo "== normal build"
# A prefix inside the tree: e2e/desktop-launch-de installs there (LOCALEDIR is compiled in,
# so a --destdir copy would not be found) and removes it again.
if setup_and_build _build -Dprofile=development -Dprefix="$PWD/_build/test-prefix"; then
  build-aux/run-suites.sh _build
  results+=(_build)
else
  failed_setup=$((failed_setup + 1))
fi

echo "== AddressSanitizer/UBSan build"
if setup_and_build _build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug -Dprofile=development; then
  # WebKit's processes and the desktop-launch test are exercised by the normal build; the
  # data checks and the runner's own test are Python, which a sanitizer build runs no
  # differently.
  build-aux/run-suites.sh _build-asan --no-suite e2e --no-suite data --no-suite runner \
    --timeout-multiplier 3
  results+=(_build-asan)
else
  failed_setup=$((failed_setup + 1))
fi

exec /usr/bin/python3 build-aux/summarize-tests.py --allow tests/skips-allowed.txt \
  "$failed_setup" "${results[@]}"
