#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, in a language: start the real backprop with LANGUAGE=LANG and the build's
compiled catalogues, and read through the accessibility tree, as a screen reader does, that
the header's buttons and the guide speak that language, and that the window is laid out in
the language's direction (right to left for Arabic: GTK mirrors the header and the sidebars).

The expected texts come from the compiled catalogue itself (Python's gettext), so the test
follows the translation; each must differ from the English, so an untranslated or missing
catalogue fails.

Usage (inside tests/with-display.sh): e2e-language.py BACKPROP LANG LOCALEDIR. Prints TAP."""
import gettext
import locale
import os
import subprocess
import sys

from a11y import app_env, find, find_app, ok, pyatspi, results

APP, LANG, LOCALEDIR = sys.argv[1], sys.argv[2], sys.argv[3]
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}

BUTTONS = ["1 step", "+10 steps", "Play", "Reset"]
HEADING = "What backprop does"
PARAGRAPH = ("A network makes a guess, and the loss measures how wrong it is. "
             "Backpropagation works out, for every weight at once, how the loss would "
             "change if that weight moved a little. Gradient descent then nudges each "
             "weight in the direction that lowers the loss. Repeat, and the network learns.")
DIAGRAM = "Network diagram"
MENU = "Main Menu"


def extents(node):
    """The node's box (x, y, width, height) in window coordinates, or None."""
    try:
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return None
    if box.width <= 0 or box.height <= 0:
        return None
    return (box.x, box.y, box.width, box.height)


def centre_x(box):
    return box[0] + box[2] / 2.0


def find_named(app, name):
    """The first node of any role with this name (the diagram is a custom widget)."""
    for role in (pyatspi.ROLE_IMAGE, pyatspi.ROLE_CANVAS, pyatspi.ROLE_DRAWING_AREA,
                 pyatspi.ROLE_PANEL, pyatspi.ROLE_FILLER, pyatspi.ROLE_UNKNOWN):
        node = find(app, role, name=name, timeout=0.5)
        if node is not None:
            return node
    return None


def order_check(first, second, rtl, what_first, what_second):
    """In a right-to-left window FIRST lies right of SECOND; left of it otherwise."""
    a, b = extents(first), extents(second)
    if a is None or b is None:
        ok(False, f"{what_first} and {what_second} report their extents",
           f"{a} / {b}: no usable AT-SPI extents")
        return
    side = "right" if rtl else "left"
    placed = centre_x(a) > centre_x(b) if rtl else centre_x(a) < centre_x(b)
    ok(placed, f"{what_first} is {side} of {what_second}",
       f"centres x = {centre_x(a):.0f} and {centre_x(b):.0f}")


def find_button(app, name, timeout=10):
    """A button of either role by its name: GTK 4.8 calls the menu button's inner toggle
    button a push button, later GTKs may not."""
    return (find(app, pyatspi.ROLE_PUSH_BUTTON, name=name, timeout=timeout / 2)
            or find(app, pyatspi.ROLE_TOGGLE_BUTTON, name=name, timeout=timeout / 2))


def messages_locale():
    """The language's own locale where it is generated (GTK 4.24 takes the window's direction
    from it), else en_US.UTF-8, else C.UTF-8: glibc honours LANGUAGE in any of them but the
    last, and in that one too before 2.41 or so (Debian 12's 2.36; not forky's 2.43)."""
    own = {"ar": "ar_EG.UTF-8", "de": "de_DE.UTF-8"}.get(LANG)
    for name in [own, "en_US.UTF-8"]:
        if name is None:
            continue
        try:
            locale.setlocale(locale.LC_ALL, name)
        except locale.Error:
            continue
        finally:
            locale.setlocale(locale.LC_ALL, "C")
        return name
    return "C.UTF-8"


def main():
    rtl = LANG in RTL_LANGUAGES
    print("1..12")
    try:
        catalogue = gettext.translation("backprop", LOCALEDIR, [LANG])
    except OSError as error:
        ok(False, f"the compiled {LANG} catalogue is found in {LOCALEDIR}", str(error))
        return
    english = BUTTONS + [HEADING, PARAGRAPH, DIAGRAM, MENU]
    expected = {msgid: catalogue.gettext(msgid) for msgid in english}
    untranslated = [m for m in english if expected[m] == m]
    ok(not untranslated, f"the {LANG} catalogue translates every text checked here",
       "untranslated: " + ", ".join(untranslated) if untranslated else "")

    env = app_env(LANG=messages_locale(), LANGUAGE=LANG, BACKPROP_LOCALEDIR=LOCALEDIR,
               BACKPROP_NON_UNIQUE="1", GSETTINGS_BACKEND="memory")
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    proc = subprocess.Popen([APP], env=env)
    try:
        app = find_app("backprop", timeout=30, pid=proc.pid)
        if not ok(app is not None, "the app appears on the accessibility bus"):
            return
        buttons = {}
        for msgid in BUTTONS:
            buttons[msgid] = find(app, pyatspi.ROLE_PUSH_BUTTON, name=expected[msgid])
            ok(buttons[msgid] is not None,
               f"the “{msgid}” button reads its translation", repr(expected[msgid]))
        ok(find_button(app, expected[MENU]) is not None,
           "the main menu button is announced by its translated name", repr(expected[MENU]))
        ok(find(app, pyatspi.ROLE_PUSH_BUTTON, name="Play", timeout=1) is None,
           "no button still reads the English “Play”")
        ok(find(app, pyatspi.ROLE_LABEL, name=expected[HEADING]) is not None,
           "the guide's first heading is translated", repr(expected[HEADING]))
        ok(find(app, pyatspi.ROLE_LABEL, name=expected[PARAGRAPH]) is not None,
           "the guide's first paragraph is translated", repr(expected[PARAGRAPH][:40]))

        # The layout: GTK mirrors a window whose language runs right to left.
        one, reset = buttons["1 step"], buttons["Reset"]
        if one is None or reset is None:
            ok(False, "the header's buttons are found for the direction check")
        else:
            order_check(one, reset, rtl, "the “1 step” button", "the “Reset” button")
        x1 = find(app, pyatspi.ROLE_LABEL, name="x1")
        diagram = find_named(app, expected[DIAGRAM])
        if x1 is None or diagram is None:
            ok(False, "the x1 control and the diagram are found for the direction check",
               f"x1: {x1}, diagram: {diagram}")
        else:
            order_check(x1, diagram, rtl, "the controls sidebar (x1)", "the diagram")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


main()
sys.exit(0 if results and len(results) == 12 and all(results) else 1)
