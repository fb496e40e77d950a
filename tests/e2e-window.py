#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: start the real backprop with a network file, find "+10 steps" through the
accessibility tree, click it a few times, and read the loss readout falling.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import json
import os
import subprocess
import sys
import tempfile

from a11y import (find, find_app, find_image, launch, ok, pyatspi, results, skip, stop,
                  toolkit_version, wait_for, walk, x_window)

APP = sys.argv[1]
CLI = sys.argv[2]
# Keys by their keycodes in Xvfb's evdev keymap: given the keysym, the xdotool of Debian
# forky presses Alt with some of them, and Alt+F10 is no shortcut of the app.
F10_KEYCODE = 76
PAGE_DOWN_KEYCODE = 117
PAGE_UP_KEYCODE = 112
F11_KEYCODE = 95


def names(app):
    """The names of all the app's nodes, skipping those that vanish while walked."""
    for node in walk(app):
        try:
            yield node.name
        except Exception:
            continue


def find_button(app, name, timeout=10):
    """A button by its name: GTK 4.8 calls a toggle button a push button, later GTKs not."""
    roles = (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON)
    found = []

    def look():
        for node in walk(app):
            try:
                if node.getRole() in roles and node.name == name:
                    found.append(node)
                    return True
            except Exception:
                continue
        return False

    return found[0] if wait_for(look, timeout) else None


def showing(app, description):
    """Whether a label with this description is in the tree and visible (GTK 4.8 reports
    no "showing" state; a hidden widget leaves the tree)."""
    for node in walk(app):
        try:
            if (node.getRole() == pyatspi.ROLE_LABEL and node.description == description
                    and node.getState().contains(pyatspi.STATE_VISIBLE)):
                return True
        except Exception:
            continue
    return False


BUTTON_ROLES = (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)


def focusable_buttons(app):
    """The buttons a screen reader's user can reach with Tab, as (node, name)."""
    for node in walk(app):
        try:
            if (node.getRole() in BUTTON_ROLES
                    and node.getState().contains(pyatspi.STATE_FOCUSABLE)):
                yield node, node.name or ""
        except Exception:
            continue


def unnamed_buttons(app):
    """Focusable buttons announced by no name or by their GTK class ("GtkMenuButton")."""
    return [repr(name) for _, name in focusable_buttons(app)
            if not name.strip() or name.startswith("Gtk")]


def focusable_named(app, name):
    return any(found == name for _, found in focusable_buttons(app))


def banner_in_tree(app):
    """Whether any part of the banner (diverged, or the loss running away) is in the
    accessibility tree."""
    text = " ".join(n or "" for n in names(app))
    return ("The network diverged" in text or "The loss is growing" in text
            or find(app, pyatspi.ROLE_PUSH_BUTTON, name="Lower η", timeout=0.5) is not None)


def check_divergence_banner(tmp):
    """η = 10 with a ReLU layer: the loss runs away at once and the network diverges at
    step 161. The banner enters the tree only when it shows, and leaves it with Reset."""
    path = os.path.join(tmp, "runaway.json")
    subprocess.run([CLI, "new", "--sizes", "2,3,1", "--activations", "relu,linear",
                    "--seed", "7", "--learning-rate", "10", "--input", "2,2",
                    "--target", "1", "--output", path], check=True)
    # A state of its own: the first run's saved session (try-this.json, changed) stays out.
    proc = launch([APP, path], home=tmp)
    try:
        app = find_app("backprop", pid=proc.pid)
        button = find(app, pyatspi.ROLE_PUSH_BUTTON, name="+10 steps") if app else None
        if not ok(button is not None, "a runaway network opens"):
            return
        ok(not banner_in_tree(app), "before it diverges, the banner is not in the tree")
        diverged = None
        for _ in range(25):
            button.queryAction().doAction(0)
            diverged = find(app, pyatspi.ROLE_LABEL, contains="The network diverged", timeout=1)
            if diverged is not None:
                break
        ok(diverged is not None
           and find(app, pyatspi.ROLE_PUSH_BUTTON, name="Lower η", timeout=2) is not None,
           "when the network diverges, screen readers find the banner and its message")
        # Reset as a screen reader presses it (the banner's button or the header's: both
        # are win.reset, which Ctrl+R also runs): synchronous, unlike a key sent through X,
        # which got lost now and then under load.
        reset = find(app, pyatspi.ROLE_PUSH_BUTTON, name="Reset")
        if reset is not None:
            reset.queryAction().doAction(0)
        ok(reset is not None and wait_for(lambda: not banner_in_tree(app)),
           "after Reset the banner leaves the tree again")
    finally:
        stop(proc)


def loss_value(label):
    return float(label.name)


def press(window, keycode):
    subprocess.run(["xdotool", "key", "--window", window, str(keycode)], check=True)


def walk_through_a_step(tmp, path):
    """A teacher walks a class through one step with Page Down, as a clicker sends it; a
    screen reader hears each phase from the diagram's description. With animations off
    each key shows its phase at once, so the test waits for nothing to move."""
    config = os.path.join(tmp, "walk-config")
    os.makedirs(os.path.join(config, "gtk-4.0"))
    with open(os.path.join(config, "gtk-4.0", "settings.ini"), "w") as ini:
        ini.write("[Settings]\ngtk-enable-animations=false\n")
    proc = launch([APP, path], XDG_CONFIG_HOME=config,
                  XDG_STATE_HOME=os.path.join(tmp, "walk-state"),
                  XDG_DATA_HOME=os.path.join(tmp, "walk-data"))
    phases = ["Update", "Forward pass, layer 1 of 2", "Forward pass, layer 2 of 2", "Loss",
              "Backward pass, layer 2 of 2", "Backward pass, layer 1 of 2",
              "Backward pass, layer 0 of 2"]
    try:
        app = find_app("backprop", pid=proc.pid)
        diagram = find_image(app, "Network diagram") if app is not None else None
        counter = find(app, pyatspi.ROLE_LABEL, description="Step count") if app else None
        if not ok(diagram is not None and counter is not None,
                  "a second window's diagram and step counter are found"):
            return
        window = x_window(proc)
        for k, phase in enumerate(phases):
            press(window, PAGE_DOWN_KEYCODE)
            heard = wait_for(lambda: (diagram.description or "").startswith(f"Now: {phase}."))
            ok(heard and counter.name == "1",
               f"Page Down {k + 1}: the description names “{phase}”, at step 1",
               f"{diagram.description!r}, step {counter.name}")
        press(window, PAGE_UP_KEYCODE)
        ok(wait_for(lambda: (diagram.description or "").startswith(f"Now: {phases[-2]}.")),
           "Page Up goes back one phase", repr(diagram.description))
        press(window, PAGE_DOWN_KEYCODE)
        press(window, PAGE_DOWN_KEYCODE)
        ok(wait_for(lambda: counter.name == "2"
                    and (diagram.description or "").startswith("Now: Update.")),
           "Page Down past the last phase begins the next step",
           f"{diagram.description!r}, step {counter.name}")
    finally:
        stop(proc)


def main():
    print("1..36")
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "try-this.json")
    # The guide's "try this": x1 = 1, x2 = 0, target 1.
    subprocess.run([CLI, "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                    "--seed", "7", "--learning-rate", "0.5", "--input", "1,0",
                    "--target", "1", "--output", path], check=True)
    proc = launch([APP, path])
    try:
        app = find_app("backprop", pid=proc.pid)
        if not ok(app is not None, "the app appears on the accessibility bus"):
            return
        button = find(app, pyatspi.ROLE_PUSH_BUTTON, name="+10 steps")
        ok(button is not None, "“+10 steps” is found by its label")
        readout = find(app, pyatspi.ROLE_LABEL, description="Current loss")
        ok(readout is not None, "the loss readout is found")
        counter = find(app, pyatspi.ROLE_LABEL, description="Step count")
        if button is None or readout is None or counter is None:
            return
        first = loss_value(readout)
        values = [first]
        for press in range(1, 5):
            button.queryAction().doAction(0)
            # The readouts follow the step count; wait for it rather than for a time.
            wait_for(lambda: counter.name == str(10 * press))
            values.append(loss_value(readout))
        falling = all(b < a for a, b in zip(values, values[1:]))
        ok(falling, "each press lowers the loss", " > ".join(f"{v:.6g}" for v in values))
        ok(values[-1] < 0.5 * first, "40 steps at least halve the loss",
           f"{first:.6g} -> {values[-1]:.6g}")
        side = find_button(app, "Hide the side panel")
        ok(side is not None, "the side panel's button is named for what it does")
        if side is not None:
            side.queryAction().doAction(0)
            ok(find_button(app, "Show the side panel") is not None,
               "hiding the side panel renames its button")
        ok(find_button(app, "Main Menu") is not None, "the main menu button is named")
        unnamed = unnamed_buttons(app)
        ok(not unnamed, "every button a screen reader can focus has a name of its own",
           ", ".join(unnamed))
        ok(wait_for(lambda: focusable_named(app, "Main Menu")),
           "the focusable button inside the main menu button is named Main Menu")
        ok("The network diverged" not in " ".join(n or "" for n in names(app))
           and find(app, pyatspi.ROLE_PUSH_BUTTON, name="Lower η", timeout=1) is None,
           "the hidden divergence banner is not in the accessibility tree")
        step = find(app, pyatspi.ROLE_LABEL, name="40")
        ok(step is not None, "the step counter reads 40")
        # The keys a programmer knows from debuggers, pressed as a user would.
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Backprop"],
                                capture_output=True, text=True).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)
        subprocess.run(["xdotool", "key", "shift+Next"], check=True)
        ok(find(app, pyatspi.ROLE_LABEL, name="41") is not None, "Shift+Page Down runs one step")
        # F10 is GNOME's: it opens the main menu and steps no more.
        ok("About Backprop" not in names(app), "the main menu starts closed")
        if toolkit_version(app) < (4, 24):
            subprocess.run(["xdotool", "key", str(F10_KEYCODE)], check=True)
            ok(wait_for(lambda: "About Backprop" in names(app)), "F10 opens the main menu")
            ok(find(app, pyatspi.ROLE_LABEL, name="41", timeout=1) is not None,
               "F10 runs no step")
            subprocess.run(["xdotool", "key", "Escape"], check=True)
            ok(wait_for(lambda: "About Backprop" not in names(app)),
               "Escape closes the main menu")
        else:
            # Seen on Debian forky under Xvfb: as the menu's popover opens, GTK 4.24 warns
            # "gdk_frame_timings_submitted() called on submitted frame" (fatal in tests) and
            # the menu does not appear. Not yet understood; checked on GTK 4.8.
            for name in ("F10 opens the main menu", "F10 runs no step",
                         "Escape closes the main menu"):
                skip(name, "a popover opened by key under Xvfb fails on GTK 4.24")
        subprocess.run(["xdotool", "key", "ctrl+r"], check=True)
        ok(find(app, pyatspi.ROLE_LABEL, name="0") is not None, "Ctrl+R resets the step count")
        # Presentation mode: F11 hides the controls sidebar (the loss readout in it), Esc
        # brings it back.
        ok(showing(app, "Current loss"), "the sidebar's loss readout shows")
        subprocess.run(["xdotool", "key", str(F11_KEYCODE)], check=True)
        ok(wait_for(lambda: not showing(app, "Current loss")),
           "F11 enters presentation mode: the sidebar's controls are not showing")
        subprocess.run(["xdotool", "key", "Escape"], check=True)
        ok(wait_for(lambda: showing(app, "Current loss")),
           "Esc leaves presentation mode: the sidebar's controls show again")
        # The keyboard shortcuts: a GtkShortcutsWindow before libadwaita 1.8, an
        # AdwShortcutsDialog since; either lists "Play or pause" (F5).
        subprocess.run(["xdotool", "key", "ctrl+question"], check=True)
        ok(wait_for(lambda: "Play or pause" in names(app)),
           "Ctrl+? shows the keyboard shortcuts")
    finally:
        stop(proc)
    walk_through_a_step(tmp, path)
    check_divergence_banner(tmp)


main()
sys.exit(0 if results and all(results) else 1)
