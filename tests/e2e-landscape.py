#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the Landscape page of the real backprop, by keyboard only and through the
accessibility tree, as issue 11 asks: Tab into the diagram, Shift+Tab back to a weight of the first layer, Ctrl+Shift+X
makes it the landscape's first weight, Alt+4 turns the side panel to Landscape, and the
picture (role image, named "Loss landscape") describes the slice: it names that weight
across, gives the centre loss (the file's loss), the lowest loss and the downhill direction.
Ctrl+Shift+Y with the weight before it makes that one the second.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import json
import os
import re
import subprocess
import sys
import tempfile

from a11y import (example_network, find, focus_diagram, key, launch, number, ok, page_shown,
                  pyatspi, results, stop, wait_for)

APP = sys.argv[1]
CLI = os.environ.get("BACKPROP_CLI", "backprop-cli")
N_CHECKS = 9
# The diagram's description names the selected weight as "Selected weight from x1 to h3:".
SELECTED = re.compile(r"Selected weight from (\S+) to (\S+):")


def selected_weight(diagram):
    """The selected weight's name as the Math panel writes it, w(x1→h3)."""
    match = SELECTED.search(diagram.description or "")
    return f"w({match.group(1)}→{match.group(2)})" if match else None


def main():
    print(f"1..{N_CHECKS}")
    tmp = tempfile.mkdtemp()
    path = example_network(CLI, tmp)
    # The loss before the first step is the file's.
    losses = json.loads(subprocess.run([CLI, "train", path, "--steps", "1", "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    proc = launch([APP, path], home=tmp)
    try:
        app, diagram, window = focus_diagram(proc)
        if diagram is None:
            return
        # Back from the first hidden-to-output weight (selected at start) to the last weight
        # of the first layer: the landscape's defaults are the last layer's.
        before = diagram.description
        key(window, "shift+Tab")
        wait_for(lambda: diagram.description != before, timeout=3)
        first = selected_weight(diagram)
        ok(first is not None and first.startswith("w(x"),
           "Tab in the diagram selects a weight of the first layer", repr(diagram.description))

        key(window, "ctrl+shift+x")
        key(window, "alt+4")
        ok(wait_for(lambda: page_shown(app, "Landscape")), "Alt+4 shows the Landscape page")
        picture = find(app, pyatspi.ROLE_IMAGE, name="Loss landscape", timeout=5)
        if not ok(picture is not None, "the page's picture is an image named Loss landscape"):
            return
        ok(wait_for(lambda: f"Loss over {first} (across)" in (picture.description or "")
                    and "Refining" not in picture.description, timeout=20),
           "Ctrl+Shift+X made the selected weight the first, across",
           f"{first!r}: {picture.description!r}")
        text = picture.description or ""
        centre = re.search(r"Centre loss ([^ ]+)\.", text)
        ok(centre is not None and "Lowest " in text and "Downhill direction −∇ = (" in text,
           "the description gives the centre loss, the lowest loss and −∇", repr(text))
        ok(centre is not None
           and abs(number(centre.group(1)) - losses[0]) <= 5e-4 * abs(losses[0]),
           "its centre loss is the file's loss, as written to 4 digits",
           f"{centre and centre.group(1)} vs {losses[0]!r}")

        key(window, "shift+Tab")
        wait_for(lambda: selected_weight(diagram) not in (None, first), timeout=3)
        second = selected_weight(diagram)
        key(window, "ctrl+shift+y")
        ok(second is not None and second != first
           and wait_for(lambda: f"and {second} (up)" in (picture.description or ""),
                        timeout=20),
           "Ctrl+Shift+Y made the weight before it the second, up",
           f"{second!r}: {picture.description!r}")
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
