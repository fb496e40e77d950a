# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers of src/ as the build made them: every symbol a layer's objects take from
another of our layers comes from one below it, no GTK below views, and no source reaches
into another folder by a relative include. The compiler already refuses an include of a
layer above (its folder is not on the include path) and of GTK below views (not a
dependency); this checks the calls, which a static library alone would let through.

Usage: check-layers.py SOURCE_ROOT BUILD_ROOT"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import check, finish, run  # noqa: E402

src_root, build_root = (os.path.abspath(p) for p in sys.argv[1:3])

# Each layer and the layers it may use: every one below it (cli: model, engine, draw).
MAY_USE = {
    "engine": set(),
    "model": {"engine"},
    "draw": {"model", "engine"},
    "views": {"draw", "model", "engine"},
    "app": {"views", "draw", "model", "engine"},
    "cli": {"model", "engine", "draw"},
}

# Libraries outside the project a layer must not call, by the prefix of their symbols.
GTK = ("gtk_", "gdk_", "adw_", "gsk_", "graphene_")
CAIRO_PANGO = ("cairo_", "pango_", "pango_cairo_")
GOBJECT_GIO = ("g_object_", "g_signal_", "g_type_", "g_param_spec_", "g_file_",
               "g_settings_", "json_")
FORBIDDEN = {
    "engine": GTK + CAIRO_PANGO + GOBJECT_GIO,
    "model": GTK + CAIRO_PANGO,
    "draw": GTK,
    "views": (),
    "app": (),
    "cli": GTK,
}


def objects(layer):
    """The object files the build compiled from the layer's folder."""
    found = []
    for d, _, files in os.walk(os.path.join(build_root, "src", layer)):
        found += [os.path.join(d, f) for f in files if f.endswith(".o")]
    return sorted(found)


def symbols(paths):
    """(defined, undefined) global symbols of the object files."""
    defined, undefined = set(), set()
    if not paths:
        return defined, undefined
    p = run(["nm", "-P", "-g"] + paths)
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[0].endswith(":"):
            continue
        name, kind = parts[0], parts[1]
        # target_clones resolvers and clones carry a suffix after a dot.
        name = name.split(".")[0]
        (undefined if kind == "U" else defined).add(name)
    return defined, undefined


tables = {layer: symbols(objects(layer)) for layer in MAY_USE}
check("every layer was built", [f"src/{layer}: no object files under {build_root}"
                                for layer in MAY_USE if not objects(layer)])

owner = {}
for layer, (defined, _) in tables.items():
    for name in defined:
        owner.setdefault(name, layer)

for layer, (defined, undefined) in tables.items():
    problems = []
    for name in sorted(undefined - defined):
        other = owner.get(name)
        if other is not None and other != layer and other not in MAY_USE[layer]:
            problems.append(f"src/{layer} calls {name} of src/{other}")
        elif other is None and name.startswith(FORBIDDEN[layer]):
            problems.append(f"src/{layer} calls {name}, which it may not use")
    allowed = ", ".join(sorted(MAY_USE[layer])) or "nothing of ours"
    check(f"src/{layer} uses only {allowed}", problems)

problems = []
include = re.compile(r'^\s*#\s*include\s*"([^"]*)"', re.M)
for layer in MAY_USE:
    for d, _, files in os.walk(os.path.join(src_root, "src", layer)):
        for f in files:
            if f.endswith((".c", ".h")):
                text = open(os.path.join(d, f), encoding="utf-8").read()
                for target in include.findall(text):
                    if "/" in target:
                        problems.append(f"src/{layer}/{f} includes \"{target}\" by path")
check("no source includes another folder's file by path", problems)

finish()
