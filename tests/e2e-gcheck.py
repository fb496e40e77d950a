#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the Check page of the real backprop, by keyboard and through the
accessibility tree, as issue 10 asks: Tab into the diagram and on to a weight, Alt+3 turns
the side panel to Check, and the numbers a screen reader hears agree: the slope of finite
differences is within gradcheck's 1e-6 of backprop's ∂L/∂w. Alt+1 and Alt+2 turn back to
the Guide and the Math pages. The same again in dataset mode.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import os
import sys
import tempfile

from a11y import (example_network, find, focus_diagram, key, launch, number, ok, page_shown,
                  pyatspi, results, stop, wait_for, walk)

APP = sys.argv[1]
CLI = os.environ.get("BACKPROP_CLI", "backprop-cli")
N_CHECKS = 14


def named(app, name):
    """The first node of any role with this name."""
    for node in walk(app):
        try:
            if node.name == name:
                return node
        except Exception:
            continue
    return None


def readings(view):
    """The page's numbers from its description: {title: value}."""
    values = {}
    for line in (view.description or "").split("\n"):
        title, _, value = line.partition(": ")
        try:
            values[title] = number(value)
        except ValueError:
            continue
    return values


def visible(node):
    try:
        return node is not None and node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def check_agreement(view, what):
    values = {}

    def complete():
        values.update(readings(view))
        return "By backprop" in values and "By finite differences" in values

    if not ok(wait_for(complete), f"{what}: the page reads both numbers",
              repr(view.description)):
        return
    a, n = values["By backprop"], values["By finite differences"]
    error = abs(a - n) / max(1e-8, abs(a) + abs(n))
    ok(error <= 1e-6 and values.get("Relative error", 1.0) <= 1e-6
       and "agree to" in (view.description or ""),
       f"{what}: the slope agrees with ∂L/∂w within 1e-6",
       f"∂L/∂w {a!r}, slope {n!r}, relative error {error:.3g}")


def main():
    print(f"1..{N_CHECKS}")
    tmp = tempfile.mkdtemp()
    path = example_network(CLI, tmp)
    proc = launch([APP, path], home=tmp)
    try:
        app, diagram, window = focus_diagram(proc)
        if diagram is None:
            return
        before = diagram.description
        key(window, "Tab")
        ok(wait_for(lambda: diagram.description != before),
           "Tab in the diagram selects the next connection", repr(diagram.description))

        key(window, "alt+3")
        view = find(app, pyatspi.ROLE_PANEL, name="Check this gradient", timeout=5)
        if view is None:
            view = named(app, "Check this gradient")
        ok(view is not None and wait_for(lambda: page_shown(app, "Check")),
           "Alt+3 shows the Check page")
        if view is None:
            return
        check_agreement(view, "one example")
        backprop = readings(view).get("By backprop")
        label = find(app, pyatspi.ROLE_LABEL, description="By backprop", timeout=2)
        ok(visible(label) and number(label.name) == backprop,
           "its numbers are labels a screen reader reaches, described by their titles",
           repr(label and label.name))

        key(window, "alt+1")
        ok(wait_for(lambda: page_shown(app, "Guide") and not page_shown(app, "Check")),
           "Alt+1 shows the Guide")
        key(window, "alt+2")
        ok(wait_for(lambda: page_shown(app, "Math") and not page_shown(app, "Guide")),
           "Alt+2 shows the Math page")
        key(window, "alt+3")
        ok(wait_for(lambda: page_shown(app, "Check") and not page_shown(app, "Math")),
           "Alt+3 turns back to Check")

        # Dataset mode: the loss is the next mini-batch's; the page follows the mode switch.
        switch = None
        for role in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON):
            switch = find(app, role, name="Dataset", timeout=3)
            if switch is not None:
                break
        if not ok(switch is not None, "the mode switch has a Dataset button"):
            return
        switch.queryAction().doAction(0)
        ok(wait_for(lambda: "next mini-batch" in (view.description or "")
                    and readings(view).get("By backprop") != backprop),
           "in dataset mode the page checks the next mini-batch's loss",
           repr(view.description))
        check_agreement(view, "dataset mode")
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
