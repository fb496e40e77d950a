#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: a neuron unfolded in the real backprop, through the keyboard and the
accessibility tree, as issue 10 asks: Tab to the diagram, select h1 with the arrow keys,
Return unfolds it; the diagram's description reads the unfolded graph's numbers, whose
∂L/∂w₂ is the one the Math panel shows for that weight; the chain rule holds in them
(∂L/∂w = a · ∂L/∂z); Escape folds it back.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import re
import subprocess
import sys
import time

from a11y import find, number, ok, pyatspi, results, start, stop, wait_for, walk

APP = sys.argv[1]
# Keys by their keycodes in Xvfb's evdev keymap (see e2e-window.py); a one-digit number
# would be a keysym to xdotool, so Escape goes by its name.
TAB_KEYCODE = 23
RIGHT_KEYCODE = 114
RETURN_KEYCODE = 36
N_CHECKS = 7
NUMBER = r"(−?[0-9.]+(?:e−?[0-9]+)?)"


def find_diagram(app):
    """The diagram: a custom widget, an image to AT-SPI (some versions say otherwise)."""
    for role in (pyatspi.ROLE_IMAGE, pyatspi.ROLE_CANVAS, pyatspi.ROLE_DRAWING_AREA,
                 pyatspi.ROLE_PANEL):
        node = find(app, role, name="Network diagram", timeout=0.5)
        if node is not None:
            return node
    return None


def key(window, name):
    subprocess.run(["xdotool", "key", "--window", window, str(name)], check=True)
    time.sleep(0.3)


def description(diagram):
    return diagram.description or ""


def math_parameter(app):
    """The Math panel's line "w = …    ∂L/∂w = …" of the selected weight, as (w, ∂L/∂w)."""
    for node in walk(app):
        try:
            if node.getRole() != pyatspi.ROLE_LABEL:
                continue
            found = re.fullmatch("w = " + NUMBER + r"\s+∂L/∂w = " + NUMBER, node.name or "")
        except Exception:
            continue
        if found is not None:
            return found[1], found[2]
    return None


def main():
    print(f"1..{N_CHECKS}")
    proc, app, window = start([APP])
    try:
        diagram = find_diagram(app) if app is not None else None
        if not ok(diagram is not None, "the diagram is in the accessibility tree"):
            return
        for _ in range(80):
            if diagram.getState().contains(pyatspi.STATE_FOCUSED):
                break
            key(window, TAB_KEYCODE)
        if not ok(diagram.getState().contains(pyatspi.STATE_FOCUSED), "Tab reaches the diagram"):
            return

        # Nothing selected, Right selects x1, Right again h1; Return unfolds it.
        key(window, "Escape")
        key(window, RIGHT_KEYCODE)
        key(window, RIGHT_KEYCODE)
        ok(wait_for(lambda: "Selected neuron h1" in description(diagram)),
           "the arrow keys select h1", repr(description(diagram)))
        key(window, RETURN_KEYCODE)
        ok(wait_for(lambda: "h1, unfolded" in description(diagram)),
           "Return unfolds h1: the description reads its graph", repr(description(diagram)))
        text = description(diagram)
        a2 = re.search("a₂ = " + NUMBER + ",", text)
        w2 = re.search("∂L/∂w₂ = " + NUMBER + ",", text)
        dz = re.search("∂L/∂z = " + NUMBER + ";", text)
        found = a2 is not None and w2 is not None and dz is not None
        ok(found and abs(number(w2[1]) - number(a2[1]) * number(dz[1]))
           <= 1e-3 * max(1e-3, abs(number(w2[1]))),
           "the unfolded numbers keep the chain rule: ∂L/∂w₂ = a₂ · ∂L/∂z",
           f"{a2 and a2[0]} {w2 and w2[0]} {dz and dz[0]}")

        # Shift+Tab selects h1's last incoming connection, x2 → h1: the Math panel's
        # ∂L/∂w is the unfolded graph's ∂L/∂w₂, and the neuron stays unfolded.
        w2_value = re.search("w₂ = " + NUMBER + ",", text)
        key(window, f"shift+{TAB_KEYCODE}")
        wait_for(lambda: "Selected weight from x2 to h1" in description(diagram))
        wait_for(lambda: math_parameter(app) is not None
                 and w2_value is not None and math_parameter(app)[0] == w2_value[1], timeout=5)
        shown = math_parameter(app)
        ok(found and shown is not None and w2_value is not None
           and shown == (w2_value[1], w2[1])
           and "Selected weight from x2 to h1" in description(diagram)
           and "h1, unfolded" in description(diagram),
           "the Math panel's w and ∂L/∂w of x2 → h1 are the unfolded w₂ and ∂L/∂w₂",
           f"{shown} {w2_value and w2_value[0]} {w2 and w2[0]}")

        key(window, "Escape")
        ok(wait_for(lambda: "unfolded" not in description(diagram)),
           "Escape folds it back", repr(description(diagram)))
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
