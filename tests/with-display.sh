#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command on a private Xvfb display inside its own D-Bus session, with its own XDG
# folders, so parallel GUI tests never share a display, a bus or saved state.
set -eu
home=$(mktemp -d)
mkfifo "$home/displayfd"
# -noreset: by default the server resets whenever its last client leaves and refuses new
# connections meanwhile, and a test's first clients come and go quickly.
Xvfb -displayfd 3 -screen 0 "${BP_SCREEN:-1280x900x24}" -nolisten tcp -noreset \
  3>"$home/displayfd" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null; rm -rf "$home"' EXIT
read -r num <"$home/displayfd"

export DISPLAY=":$num" GDK_BACKEND=x11 GSK_RENDERER=cairo
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state"
export XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" "$home/services" && chmod 700 "$XDG_RUNTIME_DIR"

# The session bus can start the accessibility bus and nothing else: no desktop portals or
# other services of the machine, which a test session has no desktop behind.
ln -s /usr/share/dbus-1/services/org.a11y.Bus.service "$home/services/"
cat >"$home/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$home</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$home/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

# The session's services (the accessibility registry says hello on stdout) write to stderr;
# only the test itself writes to stdout, which a TAP reader parses. G_DEBUG (the tests'
# fatal-warnings) is for the test, not for the bus and the accessibility services, whose
# warnings about a client that left would otherwise kill them mid-test.
test_g_debug=${G_DEBUG-}
unset G_DEBUG
dbus-run-session --config-file="$home/session.conf" -- \
  sh -c '[ -z "$0" ] || export G_DEBUG="$0"; exec "$@" 1>&3 3>&-' "$test_g_debug" "$@" 3>&1 1>&2
