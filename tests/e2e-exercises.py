#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: predict, then reveal, in the real backprop, by keyboard only, read through
the accessibility tree as a screen reader would, as issue 11 asks: Alt+5 turns the side
panel to Practice, Return starts the first exercise, Tab and Space pick the answer
`backprop-cli exercises --answers` gives for its first question, Alt+R reveals, and the
verdict and the score read "Right!" and "Score: 1 of 1". Then a wrong answer to the second
question reads "Not this time" and "Score: 1 of 2", and Alt+C (Show the Chain Rule) turns the
side panel to the Math page.

Run inside tests/with-display.sh (a private Xvfb and D-Bus session). Prints TAP."""
import os
import re
import subprocess
import sys
import tempfile

from a11y import (find, find_app, focused, key, launch, ok, page_shown, pyatspi, results, stop,
                  wait_for, walk, x_window)

APP = sys.argv[1]
EXERCISES = sys.argv[2]   # the folder of the shipped sets, with their gresource.xml
CLI = os.environ.get("BACKPROP_CLI", "backprop-cli")
N_CHECKS = 12


def first_set():
    """The first shipped set's file: the first the app lists."""
    with open(os.path.join(EXERCISES, "bp-exercises.gresource.xml"), encoding="utf-8") as f:
        name = re.search(r"<file>([^<]+)</file>", f.read()).group(1)
    return os.path.join(EXERCISES, name)


def answers(path):
    """The first exercise's questions as [(choices, answer)], from the CLI."""
    out = subprocess.run([CLI, "exercises", path, "--answers"], capture_output=True,
                         text=True, check=True, env=dict(os.environ, LANGUAGE="",
                                                         LANG="C.UTF-8")).stdout
    block = re.split(r"\n(?=2\. )", out.split("\n1. ", 1)[1])[0]
    found = []
    for choices, answer, why in re.findall(r"\n {6}(.+)\n {6}Answer: (.+?) — (.*)", block):
        found.append((choices.split(" | "), answer, why.startswith("the loss is")))
    return found


def showing(node):
    """GTK 4.8 reports no "showing" state: a label hidden with its box stays "visible", so
    the page empties the labels it hides."""
    try:
        return node is not None and node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def label(app, description):
    """The text of the label a screen reader announces as @description."""
    node = find(app, pyatspi.ROLE_LABEL, description=description, timeout=2)
    return node.name if node is not None and showing(node) and node.name else None


def focused_node(app):
    for node in walk(app):
        if focused(node):
            return node
    return None


def pick(app, window, choice):
    """Tabs from the first choice to the one named @choice and presses Space."""
    for _ in range(8):
        node = focused_node(app)
        if node is not None and node.name == choice:
            key(window, "space")
            return wait_for(lambda: node.getState().contains(pyatspi.STATE_CHECKED)
                            or node.getState().contains(pyatspi.STATE_PRESSED), timeout=3)
        key(window, "Tab")
        wait_for(lambda: focused_node(app) is not node, timeout=1)
    return False


def main():
    print(f"1..{N_CHECKS}")
    questions = answers(first_set())
    if not ok(len(questions) >= 2, "the CLI gives the first exercise's answers",
              repr(questions)):
        return
    tmp = tempfile.mkdtemp()
    proc = launch([APP], home=tmp)
    try:
        app = find_app("backprop", pid=proc.pid)
        diagram = None
        if app is not None:
            diagram = find(app, pyatspi.ROLE_IMAGE, name="Network diagram", timeout=10)
        if not ok(diagram is not None, "the window is on the accessibility bus"):
            return
        window = x_window(proc)

        key(window, "alt+5")
        if not ok(wait_for(lambda: page_shown(app, "Practice")), "Alt+5 shows the Practice page"):
            return
        ok(wait_for(lambda: focused_node(app) is not None
                    and focused_node(app).getRole() != pyatspi.ROLE_PAGE_TAB, timeout=5),
           "the first exercise has the keyboard focus",
           repr(focused_node(app) and focused_node(app).name))
        key(window, "Return")
        ok(wait_for(lambda: label(app, "Question") is not None),
           "Return starts the exercise and a screen reader reads its question",
           repr(label(app, "Question")))

        choices, right, _ = questions[0]
        ok(pick(app, window, right), f"Tab and Space pick “{right}”")
        key(window, "alt+r")
        ok(wait_for(lambda: label(app, "Verdict") is not None, timeout=15)
           and label(app, "Verdict") == "Right!",
           "Alt+R reveals, after the step: “Right!”", repr(label(app, "Verdict")))
        ok(label(app, "Score") == "Score: 1 of 1", "the score reads 1 of 1",
           repr(label(app, "Score")))

        # The next question, answered wrong.
        key(window, "alt+n")
        ok(wait_for(lambda: label(app, "Verdict") is None and "2 of" in
                    " ".join(n.name or "" for n in walk(app)
                             if n.getRole() == pyatspi.ROLE_LABEL and showing(n))),
           "Alt+N asks the second question")
        choices, right, about_loss = questions[1]
        wrong = next(c for c in choices if c != right)
        pick(app, window, wrong)
        key(window, "alt+r")
        ok(wait_for(lambda: label(app, "Verdict") == "Not this time", timeout=15)
           and label(app, "Score") == "Score: 1 of 2",
           "a wrong answer reads “Not this time” and 1 of 2",
           repr((label(app, "Verdict"), label(app, "Score"))))
        if about_loss:
            # A question about the loss has no one weight whose chain rule explains it.
            ok(find(app, pyatspi.ROLE_PUSH_BUTTON, name="Show the Chain Rule", timeout=1)
               is None or not showing(find(app, pyatspi.ROLE_PUSH_BUTTON,
                                           name="Show the Chain Rule", timeout=1)),
               "a question about the loss offers no chain rule")
        else:
            key(window, "alt+c")
            ok(wait_for(lambda: page_shown(app, "Math") and not page_shown(app, "Practice")),
               "Alt+C shows the chain rule on the Math page")
        key(window, "alt+5")
        ok(wait_for(lambda: page_shown(app, "Practice")
                    and label(app, "Verdict") == "Not this time"),
           "Alt+5 turns back to the verdict")
    finally:
        stop(proc)


main()
sys.exit(0 if results and len(results) == N_CHECKS and all(results) else 1)
