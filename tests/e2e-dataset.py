#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: dataset mode of the real backprop, through the accessibility tree, the
pointer and the keyboard, as issue 9 asks: switch to Dataset, pick the spiral, add a hidden
layer, train 200 steps; the test loss readout has fallen.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import subprocess
import sys
import time

from a11y import (find, find_image, ok, pyatspi, results, skip, start, stop, toolkit_version,
                  wait_for)

APP = sys.argv[1]
# Keys by their keycodes in Xvfb's evdev keymap (see e2e-window.py).
INSERT_KEYCODE = 118
PAGE_DOWN_KEYCODE = 117
N_CHECKS = 9


def click(window, node):
    """A click in the middle of a widget, where AT-SPI says it is in the window."""
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    subprocess.run(["xdotool", "mousemove", "--window", window, str(box.x + box.width // 2),
                    str(box.y + box.height // 2), "click", "1"], check=True)


def number(label):
    try:
        return float(label.name.replace("\u2212", "-"))
    except (AttributeError, ValueError):
        return None


def main():
    print(f"1..{N_CHECKS}")
    proc, app, window = start([APP])
    try:
        # A toggle button: a push button that is pressed to GTK 4.8, a toggle button later.
        switch = None
        for role in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON):
            switch = find(app, role, name="Dataset", timeout=3) if app else None
            if switch is not None:
                break
        if not ok(switch is not None, "the mode switch has a Dataset button"):
            return
        switch.queryAction().doAction(0)
        test_loss = find(app, pyatspi.ROLE_LABEL, description="Loss on the test points")
        ok(test_loss is not None and number(test_loss) is not None,
           "in dataset mode the side panel reads the test loss",
           repr(test_loss and test_loss.name))

        if toolkit_version(app) < (4, 24):
            combo = find(app, pyatspi.ROLE_COMBO_BOX, name="Points")
            click(window, combo)
            spiral = find(app, pyatspi.ROLE_LABEL, name="Spiral", timeout=5)
            if spiral is not None:
                click(window, spiral)
            ok(wait_for(lambda: find(combo, pyatspi.ROLE_LABEL, name="Spiral", timeout=0.2)
                        is not None),
               "the points chosen by pointer are the spiral")
        else:
            # As in e2e-window: under Xvfb GTK 4.24 warns "gdk_frame_timings_submitted()
            # called on submitted frame" (fatal in tests) as a popover opens; the test goes
            # on with the circle there. Checked on GTK 4.8.
            skip("the points chosen by pointer are the spiral",
                 "a popover under Xvfb fails on GTK 4.24")
        first = number(test_loss)

        subprocess.run(["xdotool", "key", "--window", window, f"shift+{INSERT_KEYCODE}"],
                       check=True)
        ok(find(app, pyatspi.ROLE_PUSH_BUTTON, name="Add a neuron to hidden layer 2")
           is not None, "Shift+Insert adds a hidden layer")

        steps = find(app, pyatspi.ROLE_LABEL, description="Step count")
        for _ in range(20):
            subprocess.run(["xdotool", "key", "--window", window, f"ctrl+{PAGE_DOWN_KEYCODE}"], check=True)
            time.sleep(0.05)
        ok(wait_for(lambda: steps.name == "200", timeout=20),
           "twenty times Ctrl+Page Down trains 200 steps", repr(steps.name))
        epoch = find(app, pyatspi.ROLE_LABEL, description="Epoch count")
        ok(epoch is not None and epoch.name == "8",
           "200 steps of 10 points over 250 training points end in epoch 8",
           repr(epoch and epoch.name))
        boundary = find_image(app, "Decision boundary")
        ok(boundary is not None, "the decision boundary is in the tree, named")
        ok(boundary is not None and wait_for(
               lambda: "Output over the input plane." in (boundary.description or "")
               and "250 training points." in boundary.description
               and "test accuracy" in boundary.description),
           "its description tells the output's map, the points and the accuracy",
           repr(boundary and boundary.description))
        last = number(test_loss)
        ok(first is not None and last is not None and last < first,
           "the test loss readout has fallen", f"{first} -> {last}")
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
