#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Backprop (installing what is missing with apt-get on Debian 12) and runs it.
# Arguments go to the app: `bash build-aux/run.sh network.json` opens that network.
set -eu
cd "$(dirname "$0")/.."

packages=(gcc meson ninja-build pkg-config gettext libglib2.0-dev libjson-glib-dev
          libgtk-4-dev libadwaita-1-dev fonts-cantarell)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null

# Run from the build tree: its compiled settings schema and translations.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data" BACKPROP_LOCALEDIR="$PWD/build/po"
exec ./build/src/app/backprop "$@"
