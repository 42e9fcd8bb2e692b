#!/usr/bin/env bash
# bench-startup.sh: milliseconds from exec to the mapped window: harbor (signed in) vs. a bare
# libadwaita window vs. gnome-text-editor, alternating, medians of N runs on one Xvfb display.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Environment: HARBOR_BUILD_ROOT, HARBOR_SOURCE_ROOT (set by meson); the shared tools are in
# $HARBOR_SOURCE_ROOT/../shared/bench (first-frame, bare-window.c). Runs itself under
# xvfb-run + dbus-run-session when there is no display.
set -eu

runs=${1:-10}
build=${HARBOR_BUILD_ROOT:?set HARBOR_BUILD_ROOT}
source=${HARBOR_SOURCE_ROOT:?set HARBOR_SOURCE_ROOT}
shared=${HARBOR_SHARED_BENCH:-$source/../shared/bench}

if [ -z "${DISPLAY:-}" ] && [ -z "${HB_BENCH_INNER:-}" ]; then
  export HB_BENCH_INNER=1
  exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$0" "$@"
fi

[ -x "$shared/first-frame" ] || { echo "# no $shared/first-frame" >&2; exit 1; }

tmp=$(mktemp -d)
server_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

cc "$shared/bare-window.c" -o "$tmp/bare-window" $(pkg-config --cflags --libs libadwaita-1)

# The server, seeded, with a token for demo.
mkfifo "$tmp/server-out"
"$build/src/server/harbor-server" --port 0 --seed --token bench-token >"$tmp/server-out" 2>/dev/null &
server_pid=$!
read -r url _ <"$tmp/server-out"
cat "$tmp/server-out" >/dev/null &

mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache"
# The programs run as on a desktop: none of the test suite's debugging settings.
run_env=(env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ -u GIO_USE_VFS -u GSK_RENDERER
         -u G_MESSAGES_DEBUG HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
         XDG_CACHE_HOME="$tmp/cache" GSETTINGS_BACKEND=memory)

# A killed harbor may still own its bus name for a moment; a new one would then hand over
# to it and exit. Wait for the name to go, and retry a run that showed no window.
name_gone () {
  for _ in $(seq 100); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.ListNames 2>/dev/null | grep -q appharbor || return 0
    sleep 0.05
  done
}

frame () {
  local ms
  for _ in 1 2 3; do
    name_gone
    if ms=$("$@" 2>/dev/null); then echo "$ms"; return 0; fi
  done
  echo "# gave up on: $*" >&2
  return 1
}

median () {
  sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

: >"$tmp/harbor" ; : >"$tmp/bare" ; : >"$tmp/gte"
for i in $(seq "$runs"); do
  h=$(frame "${run_env[@]}" HARBOR_ACCESS_TOKEN=bench-token GSETTINGS_SCHEMA_DIR="$build/data" \
      "$shared/first-frame" "$build/src/harbor" --api-url "$url")
  b=$(frame "${run_env[@]}" "$shared/first-frame" "$tmp/bare-window")
  g=$(frame "${run_env[@]}" "$shared/first-frame" gnome-text-editor --standalone)
  echo "# run $i: harbor $h ms, bare $b ms, gnome-text-editor $g ms"
  echo "$h" >>"$tmp/harbor"; echo "$b" >>"$tmp/bare"; echo "$g" >>"$tmp/gte"
done

h=$(median <"$tmp/harbor"); b=$(median <"$tmp/bare"); g=$(median <"$tmp/gte")
# A development build draws libadwaita's development header stripe, an SVG decoded before the
# first frame; a release build (-Dprofile=default) is what people launch.
profile=default
ls "$build"/data/*.Devel.gschema.xml >/dev/null 2>&1 && profile=development
awk -v h="$h" -v b="$b" -v g="$g" -v n="$runs" -v p="$profile" 'BEGIN {
  printf "startup medians of %d runs (%s profile): harbor %d ms, bare libadwaita window %d ms, gnome-text-editor %d ms\n", n, p, h, b, g
  printf "harbor/bare %.2f (target <= 1.15), harbor/gnome-text-editor %.2f (target <= 0.65)\n", h / b, h / g
}'
