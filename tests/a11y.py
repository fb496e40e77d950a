# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end tests share: TAP output, starting the real app and pressing its keys,
and finding its widgets through its accessibility tree (AT-SPI), as a screen reader does.
Debian's python3-pyatspi, under /usr/bin/python3."""
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


def example_network(cli, folder):
    """A 2-3-1 tanh-sigmoid network (seed 7) learning x = (1, 0) → 1, written by the
    backprop-cli CLI into FOLDER as net.json; its path."""
    path = os.path.join(folder, "net.json")
    subprocess.run([cli, "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                    "--seed", "7", "--input", "1,0", "--target", "1", "--output", path],
                   check=True)
    return path


def launch(args, home=None, **overrides):
    """The app started from ARGS (the program, then its arguments) in English, as a process
    of its own (not handed to one already running), with settings in memory. Under HOME, if
    given, it keeps its own data, state and configuration, so no earlier run's session comes
    back; OVERRIDES change its environment further."""
    if home is not None:
        overrides = dict(XDG_STATE_HOME=os.path.join(home, "state"),
                         XDG_DATA_HOME=os.path.join(home, "data"),
                         XDG_CONFIG_HOME=os.path.join(home, "config"), **overrides)
    env = app_env(BACKPROP_NON_UNIQUE="1", GSETTINGS_BACKEND="memory", LANG="C.UTF-8",
                  LANGUAGE="", **overrides)
    return subprocess.Popen(args, env=env)


def x_window(proc):
    """The X window of the process PROC, for xdotool; waits until it is shown."""
    found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid",
                            str(proc.pid)], capture_output=True, text=True).stdout.split()
    return found[-1]


def start(args, home=None, **overrides):
    """The app started as launch() starts it, its application node (None if it never came
    on the bus) and its X window: (process, node, window). The process is stopped if this
    fails."""
    proc = launch(args, home, **overrides)
    try:
        return proc, find_app("backprop", pid=proc.pid), x_window(proc)
    except BaseException:
        stop(proc)
        raise


def key(window, *keys):
    """Presses KEYS (keysyms or keycodes, as xdotool takes them) in the X window WINDOW."""
    subprocess.run(["xdotool", "key", "--window", window, *[str(k) for k in keys]],
                   check=True)


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


def focused(node):
    """Whether NODE has the keyboard focus (False once it has left the tree)."""
    try:
        return node.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def tab_to(window, node, limit=60):
    """Presses Tab in WINDOW, at most LIMIT times, until NODE has the focus; whether it has."""
    for _ in range(limit):
        if focused(node):
            break
        key(window, "Tab")
        wait_for(lambda: focused(node), timeout=0.3)
    return focused(node)


def page_shown(app, title):
    """Whether the side panel shows this page: its tab is selected (GTK 4.8 reports no
    "showing" state, and a stack's hidden pages stay in the tree)."""
    tab = find(app, pyatspi.ROLE_PAGE_TAB, name=title, timeout=1)
    try:
        return tab is not None and tab.getState().contains(pyatspi.STATE_SELECTED)
    except Exception:
        return False


def find_image(app, name, timeout=0.5):
    """A custom widget by its name: an image to AT-SPI (some versions give another role)."""
    for role in (pyatspi.ROLE_IMAGE, pyatspi.ROLE_CANVAS, pyatspi.ROLE_DRAWING_AREA,
                 pyatspi.ROLE_PANEL, pyatspi.ROLE_FILLER, pyatspi.ROLE_UNKNOWN):
        node = find(app, role, name=name, timeout=timeout)
        if node is not None:
            return node
    return None


def number(text):
    """A number as the app writes it, with a minus sign (U+2212) rather than a hyphen."""
    return float(text.replace("\u2212", "-"))


def focus_diagram(proc):
    """The app of PROC, its network diagram and its X window, once Tab has brought the focus
    to the diagram: two TAP checks; the diagram is None when one fails."""
    app = find_app("backprop", pid=proc.pid)
    diagram = None
    if app is not None:
        diagram = find(app, pyatspi.ROLE_IMAGE, name="Network diagram", timeout=5)
    if not ok(diagram is not None, "the diagram is on the accessibility bus"):
        return app, None, None
    window = x_window(proc)
    if not ok(tab_to(window, diagram), "Tab reaches the diagram"):
        return app, None, None
    return app, diagram, window


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
