#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds Harbor and launches it
# against the built-in demo server (`harbor --demo`), so no account is needed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build -Dprofile=development
ninja -C _build
GSETTINGS_SCHEMA_DIR="$PWD/_build/data" exec _build/src/harbor --demo "$@"
