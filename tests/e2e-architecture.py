#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the architecture editor of the real backprop, through the accessibility tree
and the keyboard: Shift+Insert adds a hidden layer, the diagram's description and the side
panel say so, Ctrl+Z takes it back, Ctrl+Shift+Z brings it again.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import os
import subprocess
import sys
import tempfile

from a11y import find, find_app, find_image, launch, ok, pyatspi, results, stop, wait_for, x_window

APP = sys.argv[1]
CLI = sys.argv[2]
# Keys by their keycodes in Xvfb's evdev keymap (see e2e-window.py).
INSERT_KEYCODE = 118


def shape(diagram):
    text = diagram.description or ""
    start = text.find("inputs first: ")
    return text[start + len("inputs first: "):].split(".")[0] if start >= 0 else None


def main():
    print("1..6")
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "arch.json")
    subprocess.run([CLI, "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                    "--seed", "7", "--output", path], check=True)
    proc = launch([APP, path])
    try:
        app = find_app("backprop", pid=proc.pid)
        diagram = find_image(app, "Network diagram") if app is not None else None
        if not ok(diagram is not None and shape(diagram) == "2, 3, 1",
                  "the diagram's description names its columns: 2, 3, 1",
                  repr(diagram and diagram.description)):
            return
        add = find(app, pyatspi.ROLE_PUSH_BUTTON, name="Add a hidden layer")
        ok(add is not None, "the side panel's + for a hidden layer is named")
        window = x_window(proc)
        subprocess.run(["xdotool", "key", "--window", window, f"shift+{INSERT_KEYCODE}"],
                       check=True)
        ok(wait_for(lambda: shape(diagram) == "2, 3, 3, 1"),
           "Shift+Insert adds a hidden layer: the description reads 2, 3, 3, 1",
           repr(shape(diagram)))
        ok(find(app, pyatspi.ROLE_PUSH_BUTTON, name="Add a neuron to hidden layer 2") is not None,
           "the side panel shows the new layer's row")
        subprocess.run(["xdotool", "key", "--window", window, "ctrl+z"], check=True)
        ok(wait_for(lambda: shape(diagram) == "2, 3, 1"), "Ctrl+Z takes the layer back",
           repr(shape(diagram)))
        subprocess.run(["xdotool", "key", "--window", window, "ctrl+shift+z"], check=True)
        ok(wait_for(lambda: shape(diagram) == "2, 3, 3, 1"), "Ctrl+Shift+Z brings it again",
           repr(shape(diagram)))
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == 6 and all(results) else 1)
