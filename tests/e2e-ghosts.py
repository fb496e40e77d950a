#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the learning-rate ghosts of the real backprop, through the accessibility tree
and the keyboard, as issue 11 asks: the loss chart's description lists what the loss would be
after one step at 0.1η, η and 10η; pressing "1 step" (Shift+Page Down) takes the real step,
whose loss is the η ghost's, and the chart then lists the ghosts of the next step.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import re
import subprocess
import sys

from a11y import find_image, ok, results, start, stop, wait_for

APP = sys.argv[1]
# Keys by their keycodes in Xvfb's evdev keymap (see e2e-window.py).
PAGE_DOWN_KEYCODE = 117
N_CHECKS = 6

GHOSTS = re.compile(r"After one step at 0\.1η the loss would be (\S+); at η (\S+); "
                    r"at 10η (?:the step diverges|(\S+))\.$")
STEPPED = re.compile(r"^Loss (?:fell|rose) from \S+ to (\S+) over 1 step\.")


def main():
    print(f"1..{N_CHECKS}")
    proc, app, window = start([APP])
    try:
        node = find_image(app, "Loss history", timeout=2) if app else None
        if not ok(node is not None, "the loss chart is in the tree, named"):
            return
        before = None

        def ghosts_read():
            nonlocal before
            before = GHOSTS.search(node.description or "")
            return before is not None

        ok(wait_for(ghosts_read), "its description lists the ghosts at 0.1η, η and 10η",
           repr(node.description))
        text = node.description or ""
        ok("nan" not in text.lower() and "inf" not in text.lower(),
           "no ghost reads NaN or infinity", repr(text))

        subprocess.run(["xdotool", "key", "--window", window, f"shift+{PAGE_DOWN_KEYCODE}"],
                       check=True)
        after = None

        def stepped():
            nonlocal after
            after = STEPPED.search(node.description or "")
            return after is not None and GHOSTS.search(node.description) is not None

        ok(wait_for(stepped, timeout=20),
           "Shift+Page Down takes one step, and the ghosts of the next one follow",
           repr(node.description))
        ok(before is not None and after is not None and after.group(1) == before.group(2),
           "the loss after the real step is the η ghost's",
           f"{before and before.group(2)} -> {after and after.group(1)}")
        new = GHOSTS.search(node.description or "")
        ok(new is not None and before is not None and new.groups() != before.groups(),
           "the ghosts are the next step's", repr(node.description))
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
