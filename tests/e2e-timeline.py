#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: rewinding training and branching in the real backprop, by keyboard only and
through the accessibility tree, as issue 11 asks. Ctrl+Page Down trains 40 steps; Tab
reaches the slider named "Timeline"; its keys (Home, End, Left, Ctrl+Left/Right) rewind to step
30, the whole window with it: the loss a screen reader hears is backprop-cli's after 30
steps of the same file. Shift+Tab back to η's slider, Right to η = 5, one step (Shift+Page Down)
starts branch 2: the loss chart's description lists both branches, and branch 2's loss is
backprop-cli's for 30 steps at η = 0.5 then one at η = 5.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import json
import os
import re
import subprocess
import sys
import tempfile

from a11y import (example_network, find, find_app, key, launch, number, ok, pyatspi, results, stop,
                  wait_for, walk, x_window)

APP = sys.argv[1]
CLI = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("BACKPROP_CLI", "backprop-cli")
# Keys by their keycodes in Xvfb's evdev keymap (see e2e-window.py).
TAB, LEFT, RIGHT = 23, 113, 114
HOME, END, PAGE_DOWN = 110, 115, 117
N_CHECKS = 15

SHOWN = re.compile(r"Shown: step (\d+) of (.+?), loss (\S+)\.$")


def focused(node):
    """Whether @node or one of its children (a spin button's text) has the focus."""
    try:
        for n in walk(node):
            if n.getState().contains(pyatspi.STATE_FOCUSED):
                return True
    except Exception:
        pass
    return False


def tab_to(window, node, limit=120, backwards=False):
    for _ in range(limit):
        if focused(node):
            return True
        key(window, f"shift+{TAB}" if backwards else TAB)
        wait_for(lambda: focused(node), timeout=0.3)
    return focused(node)


def close(a, b):
    """@a as the app prints it (4 significant digits or so) against the engine's @b."""
    return abs(a - b) <= 1e-3 * abs(b) + 1e-300


def value(node):
    try:
        return node.queryValue().currentValue
    except Exception:
        return None


def cli_losses(path, steps, rate=None):
    args = [CLI, "train", path, "--steps", str(steps), "--json"]
    if rate is not None:
        args += ["--learning-rate", str(rate)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    print(f"1..{N_CHECKS}")
    tmp = tempfile.mkdtemp()
    path = example_network(CLI, tmp)
    mid = os.path.join(tmp, "mid.json")
    # The engine's numbers: the loss after 30 steps at η = 0.5, then after one more at 5.
    subprocess.run([CLI, "train", path, "--steps", "30", "--output", mid], check=True,
                   capture_output=True)
    at_30 = cli_losses(mid, 1)[0]

    proc = launch([APP, path], home=tmp)
    try:
        app = find_app("backprop", pid=proc.pid)
        slider = find(app, pyatspi.ROLE_SLIDER, name="Timeline", timeout=5) if app else None
        if not ok(slider is not None, "the timeline's slider is in the tree, named"):
            return
        chart = None
        for role in (pyatspi.ROLE_IMAGE, pyatspi.ROLE_CANVAS, pyatspi.ROLE_PANEL,
                     pyatspi.ROLE_UNKNOWN):
            chart = find(app, role, name="Loss history", timeout=2)
            if chart is not None:
                break
        window = x_window(proc)

        for _ in range(4):
            key(window, f"ctrl+{PAGE_DOWN}")
            wait_for(lambda: value(slider) is not None and value(slider) % 10 == 0
                     and value(slider) > 0, timeout=10)
        ok(wait_for(lambda: value(slider) == 40 and "Step 40 of 40" in (slider.description or ""),
                    timeout=30),
           "Ctrl+Page Down trains: the slider stands at step 40 of 40",
           f"{value(slider)!r} {slider.description!r}")

        if not ok(tab_to(window, slider), "Tab reaches the slider"):
            return
        key(window, HOME)
        ok(wait_for(lambda: value(slider) == 0), "Home rewinds to step 0", repr(value(slider)))
        key(window, END)
        ok(wait_for(lambda: value(slider) == 40), "End goes to the tip", repr(value(slider)))
        for _ in range(5):
            key(window, LEFT)
        ok(wait_for(lambda: value(slider) == 35), "Left goes back one step at a time",
           repr(value(slider)))
        key(window, f"ctrl+{LEFT}")
        ok(wait_for(lambda: value(slider) == 25), "Ctrl+Left goes back ten steps",
           repr(value(slider)))
        key(window, f"ctrl+{RIGHT}")
        ok(wait_for(lambda: value(slider) == 35), "Ctrl+Right goes forward ten steps",
           repr(value(slider)))
        key(window, f"ctrl+{LEFT}", RIGHT, RIGHT, RIGHT, RIGHT, RIGHT)
        ok(wait_for(lambda: value(slider) == 30
                    and "stepping starts a branch" in (slider.description or "")),
           "Right goes forward one step; the slider says stepping starts a branch",
           f"{value(slider)!r} {slider.description!r}")

        shown = None

        def chart_shows(step):
            nonlocal shown
            shown = SHOWN.search(chart.description or "") if chart else None
            return shown is not None and int(shown.group(1)) == step

        ok(wait_for(lambda: chart_shows(30)) and close(number(shown.group(3)), at_30),
           "the chart shows step 30 with backprop-cli's loss after 30 steps",
           f"{shown and shown.group(3)} vs {at_30!r}: {chart and chart.description!r}")

        # η on its logarithmic slider: twenty steps of 0.05 from log10 0.5 make it about 5
        # (the slider rounds η to three digits).
        rate = find(app, pyatspi.ROLE_SLIDER, name="Learning rate, logarithmic slider",
                    timeout=5)
        if not ok(rate is not None and tab_to(window, rate, backwards=True),
                  "Shift+Tab reaches the learning rate's slider"):
            return
        key(window, *[RIGHT] * 20)
        ok(wait_for(lambda: value(rate) is not None and abs(value(rate) - 0.69897) < 0.01),
           "Right twenty times sets η to about 5", repr(value(rate)))
        key(window, f"shift+{PAGE_DOWN}")

        ok(wait_for(lambda: "Loss per step on 2 branches." in (chart.description or ""),
                    timeout=20),
           "one step from the past starts a branch: the chart lists 2 branches",
           repr(chart.description))
        branch = re.fullmatch(r"η = (\S+) · branch 2", shown.group(2) if wait_for(
            lambda: chart_shows(31)) else "")
        # The engine's loss after 30 steps at η = 0.5 and one at branch 2's η.
        at_31_branch = cli_losses(mid, 2, rate=number(branch.group(1)))[1] if branch else None
        ok(branch is not None and abs(number(branch.group(1)) - 5) < 0.1
           and close(number(shown.group(3)), at_31_branch)
           and "η = 0.5 · branch 1: loss " in chart.description
           and "at step 40." in chart.description,
           "branch 2 has backprop-cli's loss of one step at its η; branch 1 still ends at 40",
           f"{shown and shown.group(3)} vs {at_31_branch!r}: {chart.description!r}")
        ok(wait_for(lambda: value(slider) == 31
                    and "Step 31 of 31" in (slider.description or "")),
           "the slider follows branch 2's tip", f"{value(slider)!r} {slider.description!r}")
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
