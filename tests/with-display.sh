#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command on a private Xvfb display inside its own D-Bus session, with its own XDG
# folders, so parallel GUI tests never share a display, a bus or saved state.
set -eu
fifo=$(mktemp -u)
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 "${BP_SCREEN:-1280x900x24}" -nolisten tcp 3>"$fifo" 2>/dev/null &
xvfb=$!
read -r num <"$fifo"
rm -f "$fifo"
home=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT
export DISPLAY=":$num" GDK_BACKEND=x11 GSK_RENDERER=cairo
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state"
export XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# The session's services (the accessibility registry says hello on stdout) write to stderr;
# only the test itself writes to stdout, which a TAP reader parses.
dbus-run-session -- sh -c 'exec "$@" 1>&3 3>&-' sh "$@" 3>&1 1>&2
