#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The texts of the shipped exercises as a C header that xgettext reads.

xgettext 0.21 cannot read JSON, so the translatable texts of data/exercises/*.backprop-exercises
(the set's title and description, each exercise's title and intro, each question's prompt
and hint) are written to src/model/bp-exercises-strings.h as N_("…") with a translators'
comment that names the exercise. The header is checked in and listed in po/POTFILES.in; the
loader translates the same texts with g_dgettext () (src/model/bp-exercises-load.c).

Usage: exercise-strings.py SOURCE_ROOT          write the header
       exercise-strings.py SOURCE_ROOT --check  a TAP test: fails when it is out of date
"""
import glob
import json
import os
import sys

HEADER = "src/model/bp-exercises-strings.h"


def c_string(text):
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + out.replace("\t", "\\t") + '"'


def entries(path):
    """(comment, text) for each translatable text of one file, in file order."""
    name = os.path.basename(path).removesuffix(".backprop-exercises")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = [(f"exercise set {name}, its title", data.get("title", ""))]
    out.append((f"exercise set {name}, its description", data.get("description", "")))
    for exercise in data.get("exercises", []):
        eid = exercise.get("id", "?")
        out.append((f"exercise {eid}, its title", exercise.get("title", "")))
        out.append((f"exercise {eid}, what the learner reads first", exercise.get("intro", "")))
        for n, question in enumerate(exercise.get("questions", []), 1):
            kind = question.get("kind", "?")
            out.append((f"exercise {eid}, question {n} ({kind})", question.get("prompt", "")))
            out.append((f"exercise {eid}, the hint of question {n}: it explains why",
                        question.get("hint", "")))
    return [(c, t) for c, t in out if isinstance(t, str) and t]


def header(root):
    paths = sorted(glob.glob(os.path.join(root, "data", "exercises", "*.backprop-exercises")))
    lines = [
        "/* SPDX-License-Identifier: GPL-3.0-or-later */",
        "/* bp-exercises-strings.h: the texts of the shipped exercises for xgettext, written by",
        " * tests/exercise-strings.py from data/exercises/*.backprop-exercises: do not edit, run",
        " * `tests/exercise-strings.py .` after changing an exercise. Not compiled: the loader",
        " * translates these texts with g_dgettext () as it reads the files. */",
        "#pragma once",
        "",
        "#include <glib/gi18n.h>",
        "",
        "static const char *const bp_exercises_strings[] G_GNUC_UNUSED = {",
    ]
    for path in paths:
        for comment, text in entries(path):
            lines.append(f"  /* Translators: {comment} */")
            lines.append(f"  N_({c_string(text)}),")
    lines.append("};")
    return "\n".join(lines) + "\n"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    text = header(root)
    target = os.path.join(root, HEADER)
    if "--check" not in sys.argv:
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    print("1..1")
    try:
        with open(target, encoding="utf-8") as f:
            current = f.read()
    except OSError as e:
        current = str(e)
    if current == text:
        print(f"ok 1 - {HEADER} is up to date with data/exercises")
        return 0
    print(f"not ok 1 - {HEADER} is out of date: run tests/exercise-strings.py SOURCE_ROOT")
    return 1


if __name__ == "__main__":
    sys.exit(main())
