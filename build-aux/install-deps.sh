#!/usr/bin/env bash
# Installs the Debian 12 packages Harbor needs to build, run and test; skips what is present.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build_pkgs=(
  meson ninja-build pkg-config gcc clang gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libwebkitgtk-6.0-dev
  desktop-file-utils appstream libxml2-utils
  # What the app needs at run time that only a Recommends would bring in.
  glib-networking librsvg2-common adwaita-icon-theme fonts-dejavu-core
  gsettings-desktop-schemas libgl1-mesa-dri
)
test_pkgs=(
  xvfb xauth dbus dbus-x11 at-spi2-core python3-gi gir1.2-atspi-2.0 gir1.2-glib-2.0
  gnome-keyring libsecret-tools curl xdotool imagemagick libclang-rt-14-dev
  gnome-text-editor python3 procps openssl
  librsvg2-bin flatpak-builder
  # The German tests (e2e/desktop-launch-de, ui/test-results grouped-counts) need de_DE.UTF-8.
  locales
)

want=("${build_pkgs[@]}")
[ "${1:-}" = "--with-tests" ] && want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's image has only C, C.utf8 and POSIX; the German tests would skip without this.
# --keep-existing leaves the locales someone else generated in place.
if [ "${1:-}" = "--with-tests" ] && ! locale -a | grep -qx 'de_DE.utf8'; then
  echo "Generating the de_DE.UTF-8 locale"
  grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen ||
    $SUDO sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen ||
    echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen --keep-existing >/dev/null
fi
