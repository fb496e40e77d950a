#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Backprop and runs its suite (all but the PyTorch reference, which stays on Debian 12)
# on Debian forky's GNOME stack: GTK 4.24, libadwaita 1.10, GLib 2.90, json-glib 1.10. The
# forky root is made once with debootstrap from the machine's own Debian mirror and kept in
# ${BACKPROP_CACHE:-/var/cache/backprop}/forky, outside the checkout, for later runs.
#
# The build declares that stack's versions as its minimum (-Dapi_floor=found), so every call
# deprecated there warns; a build that prints any warning fails.
#
# Exit status: 0 every test passed, 1 the build or a test failed, 2 the root could not be
# made or entered. The test log is build-forky/meson-logs/testlog.json, as for any build.
# Arguments go to meson test: `bash tests/forky.sh e2e-window --repeat 5` runs one test.
set -u
cd "$(dirname "$0")/.."
src=$(pwd -P)
build=$src/build-forky
cache=${BACKPROP_CACHE:-/var/cache/backprop}/forky
root=$cache/root

# What the build and the suite need inside the root, as tests/run-all.sh lists for Debian 12
# (without python3-torch). The root is made again when this list changes.
packages=(
  gcc libc6-dev meson ninja-build pkg-config gettext
  libglib2.0-dev libjson-glib-dev libgtk-4-dev libadwaita-1-dev
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 at-spi2-core
  xvfb xauth dbus dbus-daemon xdotool fonts-cantarell fonts-noto-cjk fonts-noto-core
  desktop-file-utils appstream appstream-compose libglib2.0-bin libgtk-4-bin
  shared-mime-info libxml2-utils librsvg2-bin flatpak-builder poppler-utils
  locales texlive-latex-base
)
# The language tests need these generated (German decimal comma, Arabic right to left).
locales=(de_DE.UTF-8 ar_EG.UTF-8 en_US.UTF-8)

say () { echo "forky: $*"; }
setup_failed () { say "could not set up the forky root: $*"; exit 2; }

[ "$(id -u)" -eq 0 ] || exec sudo BACKPROP_CACHE="${BACKPROP_CACHE:-}" bash "$0" "$@" ||
  setup_failed "debootstrap and chroot need root"

# The Debian mirror this machine's apt uses (not its security mirror).
mirror=$( {
  cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/{for (i = 2; i <= NF; i++) print $i}'
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) {print $i; break}}'
} | grep -v -- '-security' | grep -v '^cdrom:' | head -n 1)
[ -n "$mirror" ] || setup_failed "no Debian mirror in /etc/apt/sources.list*"

for tool in debootstrap chroot flock mount; do
  command -v "$tool" >/dev/null || setup_failed "$tool is missing (Debian package debootstrap)"
done

mkdir -p "$cache" || setup_failed "cannot create $cache"
# One run at a time per cache: a second waits for the first to finish with the root.
exec 9>"$cache/lock"
flock 9 || setup_failed "cannot lock $cache/lock"

# Mounts made below, undone in reverse order on any exit.
mounted=()
unmount_all () {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[i]}" 2>/dev/null
  done
  mounted=()
}
trap unmount_all EXIT
trap 'exit 1' INT TERM HUP

# A run killed outright leaves its mounts behind: undo them before anything under the cache
# is removed, so that no rm ever reaches the machine's /dev or the checkout through them.
findmnt -rn -o TARGET | grep -F -- "$cache/" | sort -r | while read -r m; do umount -l "$m"; done

mount_into () { # mount_into DIR MOUNT-ARGUMENTS…
  local dir=$1
  shift
  mkdir -p "$dir" && mount "$@" "$dir" && mounted+=("$dir")
}

mount_system () { # mount_system ROOT
  mount_into "$1/proc" -t proc proc &&
    mount_into "$1/sys" -t sysfs sysfs &&
    mount_into "$1/dev" --bind /dev &&
    mount_into "$1/dev/pts" --bind /dev/pts &&
    mount_into "$1/dev/shm" -t tmpfs tmpfs &&
    mount_into "$1/tmp" -t tmpfs tmpfs
}

in_root () { # in_root ROOT COMMAND…: a clean environment, as a fresh login would have
  local r=$1
  shift
  chroot "$r" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

apt_in_root () { # apt_in_root ROOT APT-GET-ARGUMENTS…
  # The mirror is a snapshot: forky's Release file is past its Valid-Until date.
  in_root "$1" apt-get -o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false \
    -q "${@:2}"
}

wanted=$(printf '%s\n' "$mirror" "${packages[@]}" "${locales[@]}")
if [ ! -f "$cache/stamp" ] || [ "$(cat "$cache/stamp")" != "$wanted" ]; then
  say "making the forky root in $root (once; later runs reuse it)"
  new=$cache/root.new
  rm -rf --one-file-system "$new" "$cache/stamp" || setup_failed "cannot clear $new"
  started=$SECONDS
  # Debian 12's debootstrap has no forky script; sid's makes forky as well.
  debootstrap --variant=minbase forky "$new" "$mirror" /usr/share/debootstrap/scripts/sid \
    >"$cache/debootstrap.log" 2>&1 ||
    { tail -n 20 "$cache/debootstrap.log"; setup_failed "debootstrap failed"; }
  mount_system "$new" || setup_failed "cannot mount /proc, /sys and /dev into $new"
  # No services start inside the root while packages install.
  printf '#!/bin/sh\nexit 101\n' >"$new/usr/sbin/policy-rc.d" && chmod +x "$new/usr/sbin/policy-rc.d"
  { apt_in_root "$new" update && apt_in_root "$new" install -y "${packages[@]}"; } \
    >"$cache/apt.log" 2>&1 ||
    { tail -n 30 "$cache/apt.log"; setup_failed "apt-get install in the root failed"; }
  printf '%s UTF-8\n' "${locales[@]}" >"$new/etc/locale.gen"
  in_root "$new" locale-gen >"$cache/locale.log" 2>&1 ||
    { cat "$cache/locale.log"; setup_failed "locale-gen failed"; }
  in_root "$new" apt-get clean
  unmount_all
  rm -rf --one-file-system "$root" && mv "$new" "$root" || setup_failed "cannot move $new to $root"
  printf '%s\n' "$wanted" >"$cache/stamp"
  say "root made in $((SECONDS - started)) s"
fi

mount_system "$root" || setup_failed "cannot mount /proc, /sys and /dev into $root"
# The checkout at the same path inside the root, so build-forky's paths hold on both sides.
mount_into "$root$src" --bind "$src" || setup_failed "cannot bind-mount $src into $root"

versions=$(in_root "$root" pkg-config --modversion gtk4 libadwaita-1 glib-2.0 json-glib-1.0 |
  paste -sd ' ')
say "GTK, libadwaita, GLib, json-glib: $versions"

if [ ! -f "$build/build.ninja" ]; then
  rm -rf "$build"
  in_root "$root" meson setup "$build" "$src" -Dapi_floor=found >"$build.setup.log" 2>&1 ||
    { cat "$build.setup.log"; say "meson setup failed"; exit 1; }
fi
rm -f "$build/meson-logs/testlog.json"   # never count an earlier run's cases
say "building $build"
if ! in_root "$root" ninja -C "$build" >"$build.build.log" 2>&1; then
  cat "$build.build.log"
  say "the build failed"
  exit 1
fi
warned=0
if grep -E 'warning:' "$build.build.log"; then
  say "the build above printed warnings"
  warned=1
fi

say "testing $build"
in_root "$root" meson test -C "$build" --print-errorlogs --num-processes 2 --no-suite reference "$@"
status=$?
[ "$status" -eq 0 ] && [ "$warned" -eq 0 ] && exit 0
exit 1
