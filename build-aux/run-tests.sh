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

asan_options=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
  -Dprofile=development)

echo "== normal build"
# A prefix inside the tree: e2e/desktop-launch-de installs there (LOCALEDIR is compiled in,
# so a --destdir copy would not be found) and removes it again.
if setup_and_build _build -Dprofile=development -Dprefix="$PWD/_build/test-prefix"; then
  # The sanitizer tree compiles beside the normal tree's tests, at the lowest priority: the e2e
  # stories and the timed tests run one at a time, so a core is left over; the
  # tests take it back whenever they need it.
  echo "== AddressSanitizer/UBSan build (in the background, output in _build-asan.build.log)"
  ( renice -n 19 -p "$BASHPID" >/dev/null
    setup_and_build _build-asan "${asan_options[@]}" ) >_build-asan.build.log 2>&1 &
  asan_build=$!
  build-aux/run-suites.sh _build
  results+=(_build)
else
  failed_setup=$((failed_setup + 1))
  asan_build=
fi

echo "== AddressSanitizer/UBSan build"
if [ -n "$asan_build" ]; then
  wait "$asan_build"
  asan_built=$?
  tail -n 3 _build-asan.build.log
  [ "$asan_built" = 0 ] || tail -n 40 _build-asan.build.log
else
  setup_and_build _build-asan "${asan_options[@]}"
  asan_built=$?
fi
if [ "$asan_built" = 0 ]; then
  # WebKit's processes and the desktop-launch test are exercised by the normal build; the
  # data checks and the runner's own test are Python, which a sanitizer build runs no
  # differently; the soaks measure time and memory, which a sanitizer build changes.
  build-aux/run-suites.sh _build-asan --no-suite e2e --no-suite data --no-suite runner \
    --no-suite soak --timeout-multiplier 3
  results+=(_build-asan)
else
  failed_setup=$((failed_setup + 1))
fi

exec /usr/bin/python3 build-aux/summarize-tests.py --allow tests/skips-allowed.txt \
  "$failed_setup" "${results[@]}"
