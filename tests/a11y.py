# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end tests share: TAP output, and finding the real app's widgets through
its accessibility tree (AT-SPI), as a screen reader does. Debian's python3-pyatspi, under
/usr/bin/python3."""
import signal
import subprocess
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import GLib  # noqa: E402
import pyatspi  # noqa: E402,F401  (re-exported for the tests' role constants)

# G_DEBUG=fatal-warnings is for the app. The driver asking for a tree that the app has not
# finished exporting gets a warning from the accessibility stack (dbind: "Object does not
# exist at path /org/a11y/atspi/cache"), which must not abort the driver itself.
GLib.log_set_always_fatal(GLib.LogLevelFlags.LEVEL_ERROR)
from taplib import ok, results  # noqa: E402,F401  (re-exported)

def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def find_app(name, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def find(app, role, name=None, description=None, contains=None, timeout=10):
    """The first node of this role whose name, description or part of its name match."""
    end = time.time() + timeout
    while time.time() < end:
        for node in walk(app):
            try:
                if node.getRole() != role:
                    continue
                if name is not None and node.name != name:
                    continue
                if contains is not None and contains not in (node.name or ""):
                    continue
                if description is not None and node.description != description:
                    continue
                return node
            except Exception:
                continue
        time.sleep(0.2)
    return None


def wait_for(predicate, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def stop(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
