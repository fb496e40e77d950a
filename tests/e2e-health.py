#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: gradient health in the real backprop, through the accessibility tree and the
keyboard, as issue 10 asks: the strip's description before and after ten steps, Ctrl+Shift+H
hides and shows it, and on a network built to saturate, the strip names the saturated
neurons and the diagram explains the badge of the neuron selected with the arrow keys.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from a11y import find_image, ok, pyatspi, results, start, stop, wait_for, walk

APP = sys.argv[1]
CLI = sys.argv[2]
# Keys by their keycodes in Xvfb's evdev keymap (see e2e-window.py).
PAGE_DOWN_KEYCODE = 117
H_KEYCODE = 43
LEFT_KEYCODE = 113
RIGHT_KEYCODE = 114
TAB_KEYCODE = 23
N_CHECKS = 9
STRIP_NOT = (pyatspi.ROLE_LABEL, pyatspi.ROLE_HEADING)
ROW = re.compile(r"Layer 0 → 1: gradient norm [0-9.e\u2212-]+, (steady|vanishing|exploding);")


def key(window, keys):
    subprocess.run(["xdotool", "key", "--window", window, keys], check=True)
    time.sleep(0.1)


def showing(node):
    """GTK 4.8 marks a widget shown as visible (not as showing) on the bus."""
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def strip_showing(app):
    """Whether a node named Gradient health shows (a hidden one may stay in the tree). The
    tree is read afresh, not from the accessibility library's cache."""
    try:
        app.clear_cache()
    except Exception:
        pass
    for node in walk(app):
        try:
            # The Guide's heading "Gradient health" is a label; the strip is not.
            if (node.name == "Gradient health" and node.getRole() not in STRIP_NOT
                    and showing(node)):
                return True
        except Exception:
            continue
    return False


def saturated_network(folder):
    """A 2-3-1 tanh-sigmoid network whose weights drive every neuron to its limit."""
    path = os.path.join(folder, "saturated.json")
    subprocess.run([CLI, "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                    "--seed", "1", "--input", "1,1", "--target", "1", "--output", path],
                   check=True)
    with open(path) as f:
        network = json.load(f)
    network["weights"] = [[[30.0, 30.0]] * 3, [[20.0, 20.0, 20.0]]]
    network["biases"] = [[0.0, 0.0, 0.0], [20.0]]
    with open(path, "w") as f:
        json.dump(network, f)
    return path


def check_strip(folder):
    # Each run has data and state folders of its own: the first run's session is not restored
    # into the second.
    proc, app, window = start([APP], os.path.join(folder, "first"))
    try:
        strip = find_image(app, "Gradient health") if app else None
        if not ok(strip is not None, "the gradient health strip is in the tree, named"):
            return
        ok(wait_for(lambda: "Layer 0 → 1: gradient norm no steps yet;" in
                    (strip.description or "")),
           "before any step its description says so", repr(strip.description))
        key(window, f"ctrl+{PAGE_DOWN_KEYCODE}")
        ok(wait_for(lambda: ROW.search(strip.description or "") is not None
                    and "Layer 1 → 2: gradient norm" in strip.description),
           "after Ctrl+Page Down it reads each layer's gradient norm and how it reads",
           repr(strip.description))
        key(window, f"ctrl+shift+{H_KEYCODE}")
        ok(wait_for(lambda: not strip_showing(app), timeout=20), "Ctrl+Shift+H hides the strip")
        key(window, f"ctrl+shift+{H_KEYCODE}")
        ok(wait_for(lambda: strip_showing(app), timeout=20), "Ctrl+Shift+H shows it again")
    finally:
        stop(proc)


def check_badges(folder):
    proc, app, window = start([APP, saturated_network(folder)], os.path.join(folder, "second"))
    try:
        strip = find_image(app, "Gradient health") if app else None
        ok(strip is not None and wait_for(
               lambda: "saturated: h1, h2, h3, y1." in (strip.description or "")),
           "on a saturated network the strip names the saturated neurons",
           repr(strip and strip.description))
        diagram = find_image(app, "Network diagram")
        if not ok(diagram is not None, "the diagram is in the tree"):
            return
        # Tab until the diagram has the focus, Escape selects nothing; then the first arrow
        # key selects input x1, and Right moves a column on.
        for _ in range(80):
            if diagram.getState().contains(pyatspi.STATE_FOCUSED):
                break
            key(window, str(TAB_KEYCODE))
        key(window, "Escape")
        key(window, str(RIGHT_KEYCODE))
        key(window, str(RIGHT_KEYCODE))
        ok(wait_for(lambda: "Selected neuron h1" in (diagram.description or "")
                    and "Saturated: its slope f′ is" in diagram.description
                    and "under 1 % of its maximum" in diagram.description),
           "hidden neuron h1, selected by the keyboard, explains its badge",
           repr(diagram.description))
        key(window, str(RIGHT_KEYCODE))
        ok(wait_for(lambda: "Saturated: its slope f′ is" in (diagram.description or "")
                    and "Selected neuron y1" in diagram.description),
           "so does the output y1", repr(diagram.description))
    finally:
        stop(proc)


def main():
    print(f"1..{N_CHECKS}")
    with tempfile.TemporaryDirectory() as folder:
        check_strip(folder)
        check_badges(folder)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
