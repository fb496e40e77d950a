# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end tests share: TAP output, and finding the real app's widgets through
its accessibility tree (AT-SPI), as a screen reader does. Debian's python3-pyatspi, under
/usr/bin/python3."""
import os
import signal
import subprocess
import time

# The tests run with G_DEBUG=fatal-warnings, which GLib reads once, when it is loaded. It
# is meant for the app; in this driver it would turn the accessibility library's own
# warnings about races it recovers from ("Object does not exist at path …/cache" while an
# app is still putting its tree on the bus) into a crash. So the driver drops it before gi
# loads GLib, and app_env() gives it back to the app it starts. Import this module before
# gi.
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)

import gi  # noqa: E402

gi.require_version("Atspi", "2.0")
import pyatspi  # noqa: E402,F401  (re-exported for the tests' role constants)
from taplib import ok, results, skip  # noqa: E402,F401  (re-exported)

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


def app_env(**overrides):
    """The environment for the app under test: this one, the test's G_DEBUG, overrides."""
    env = dict(os.environ, **overrides)
    if APP_G_DEBUG is not None:
        env["G_DEBUG"] = APP_G_DEBUG
    return env


def find_app(name, timeout=20, pid=None):
    """The application node of this name (and process, if given) once it has a window."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                if app is None or app.name != name or app.childCount == 0:
                    continue
                if pid is None or app.get_process_id() == pid:
                    return app
        except Exception:
            pass  # an app that left the bus while it was being read
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


def toolkit_version(app):
    """The GTK version the app runs on, as (major, minor)."""
    return tuple(int(x) for x in app.get_toolkit_version().split(".")[:2])


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
