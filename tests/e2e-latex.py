#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the worked example as LaTeX with the real backprop.

Ctrl+E opens the Export dialog; its Format row, reached from the keyboard, offers "Worked
example (LaTeX)", and choosing it leaves no size to set. The export itself goes through the
app's D-Bus action app.export-to-path (the code the dialog runs once a file is chosen: a
portal's file chooser runs in another process, which a test cannot drive); the .tex is
backprop-cli explain --latex's text, and plain pdflatex compiles it.

Run inside tests/with-display.sh (a private Xvfb, D-Bus session and XDG folders). Prints
TAP."""
import os
import shutil
import subprocess
import sys
import tempfile

from a11y import (app_env, find, find_app, ok, pyatspi, results, skip, stop, toolkit_version,
                  wait_for, walk)
from gi.repository import Gio, GLib  # noqa: E402  (after a11y, which sets G_DEBUG aside)

APP = sys.argv[1]
CLI = sys.argv[2]
APP_ID = "io.github.backproplab.Backprop"
LATEX = "Worked example (LaTeX)"


def activate(action, parameter):
    """An app action over D-Bus, as `gapplication action` would."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.call_sync(APP_ID, "/io/github/backproplab/Backprop", "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", (action, [parameter], {})), None,
                  Gio.DBusCallFlags.NONE, 10000, None)


def key(*keys):
    subprocess.run(["xdotool", "key", *keys], check=True)


def names(app):
    for node in walk(app):
        try:
            yield node.name or ""
        except Exception:
            continue


def format_row(app, timeout=0.5):
    return find(app, pyatspi.ROLE_COMBO_BOX, name="Format", timeout=timeout)


def is_focused(node):
    try:
        return node.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def size_row(app):
    """The spin button of the exported picture's width."""
    return find(app, pyatspi.ROLE_SPIN_BUTTON, contains="Width", timeout=2)


def sensitive(node):
    """Whether the node and every container up to its dialog can be used (an insensitive row
    leaves its spin button's own state as it was)."""
    while node is not None:
        try:
            if not node.getState().contains(pyatspi.STATE_SENSITIVE):
                return False
            if node.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT, pyatspi.ROLE_FRAME):
                return True
            node = node.parent
        except Exception:
            return False
    return False


def shown_choice(row):
    """The label of the choice the combo row shows: the first after the row's title (the
    list of choices, in a popover, comes after it)."""
    labels = []
    for node in walk(row):
        try:
            if node.getRole() == pyatspi.ROLE_LABEL:
                labels.append(node.name)
        except Exception:
            continue
    return labels[1] if len(labels) > 1 and labels[0] == "Format" else None


def check_dialog(app):
    window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                             "Backprop"], capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)
    key("ctrl+e")
    ok(wait_for(lambda: format_row(app) is not None), "Ctrl+E opens Export with its Format row")
    row = format_row(app)
    if row is None:
        return
    ok(shown_choice(row) == "PNG image", "the Format row starts on PNG image",
       str(shown_choice(row)))
    ok(sensitive(size_row(app)), "a picture has a width to set")
    # The keyboard lands on the Format row (or Tab takes it there).
    for _ in range(12):
        if is_focused(row):
            break
        key("Tab")
    ok(is_focused(row), "the keyboard focus is on the Format row")
    if toolkit_version(app) >= (4, 20):
        # A popover opened under Xvfb aborts on GTK ≥ 4.20 (see e2e-window.py).
        for name in ("the Format list offers " + LATEX, "Down and Return choose it",
                     "choosing it leaves no size to set"):
            skip(name, "a popover opened by key under Xvfb fails on GTK ≥ 4.20")
    else:
        key("space")
        ok(wait_for(lambda: list(names(app)).count(LATEX) > 0),
           "the Format list offers " + LATEX)
        # The list opens on PNG image; LaTeX is the sixth choice (the timeline's CSV after it).
        key(*["Down"] * 5, "Return")
        ok(wait_for(lambda: shown_choice(row) == LATEX), "Down and Return choose it",
           str(shown_choice(row)))
        ok(wait_for(lambda: not sensitive(size_row(app))), "choosing it leaves no size to set")
    key("Escape")
    ok(wait_for(lambda: format_row(app, timeout=0.2) is None), "Escape closes the dialog")


def check_export(tmp, source):
    tex = os.path.join(tmp, "worked.tex")
    activate("export-to-path", GLib.Variant("(sii)", (tex, 100, 100)))
    if not ok(wait_for(lambda: os.path.exists(tex)), "app.export-to-path writes the .tex"):
        return
    cli = subprocess.run([CLI, "explain", "--latex", source], capture_output=True, text=True,
                         env=dict(os.environ, LANG="C.UTF-8", LANGUAGE=""))
    with open(tex, encoding="utf-8") as f:
        text = f.read()
    ok(text == cli.stdout, "the .tex is backprop-cli explain --latex's text")
    p = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                        "worked.tex"], cwd=tmp, capture_output=True, text=True)
    log = open(os.path.join(tmp, "worked.log"), encoding="latin-1").read() \
        if os.path.exists(os.path.join(tmp, "worked.log")) else ""
    compiled = p.returncode == 0 and "Missing character" not in log
    ok(compiled, "pdflatex compiles it without a missing character",
       "" if compiled else p.stdout[-500:].replace("\n", " "))


def main():
    if shutil.which("pdflatex") is None:
        ok(False, "pdflatex is installed", "install Debian's texlive-latex-base")
        return
    tmp = tempfile.mkdtemp(prefix="backprop-e2e-latex-")
    source = os.path.join(tmp, "net.backprop.json")
    subprocess.run([CLI, "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                    "--seed", "4", "--input", "0.5,-1", "--output", source], check=True)
    # Unique, so that the actions are on the bus under the app id; each run of this script
    # has its own bus.
    env = app_env(GSETTINGS_BACKEND="memory", LANG="C.UTF-8", LANGUAGE="")
    env.pop("BACKPROP_NON_UNIQUE", None)
    proc = subprocess.Popen([APP, source], env=env)
    try:
        app = find_app("backprop", pid=proc.pid)
        if ok(app is not None, "the app appears on the accessibility bus"):
            check_dialog(app)
            check_export(tmp, source)
    finally:
        stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


main()
print(f"1..{len(results)}")
sys.exit(0 if results and all(results) else 1)
