#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: files and the state file, with the real backprop.

(a) open a network file from the command line, Save As another name, compare the two;
(b) export SVG, PDF, PNG, Markdown and a PyTorch script and check each file with its own tool
    (the script runs with python3-torch);
(c) train, kill -9, start again: the network comes back, at most 5 s of training lost;
(d) a corrupt state file is set aside, the default network appears and a toast says so.

Save As and Export go through the app's D-Bus actions app.save-as-path and
app.export-to-path (the same code as the dialogs, after the file is chosen): a portal's file
chooser runs in another process, which a test cannot drive reliably. Run inside
tests/with-display.sh (a private Xvfb, D-Bus session and XDG folders). Prints TAP."""
import glob
import json
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import time

from a11y import app_env, find, find_app, ok, pyatspi, results, stop, wait_for
from gi.repository import Gio, GLib  # noqa: E402  (after a11y, which sets G_DEBUG aside)

APP = sys.argv[1]
CLI = sys.argv[2]
APP_ID = "io.github.backproplab.Backprop"
STATE = os.path.join(os.environ["XDG_DATA_HOME"], "backprop", "state.json")
PLAY_RATE = 10  # steps per second: the schema's default


def activate(action, parameter):
    """An app action over D-Bus, as `gapplication action` would."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.call_sync(APP_ID, "/io/github/backproplab/Backprop", "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", (action, [parameter], {})), None,
                  Gio.DBusCallFlags.NONE, 10000, None)


def launch(*args):
    # Unique, so that the actions are on the bus under the app id; each run of this script
    # has its own bus.
    env = app_env(GSETTINGS_BACKEND="memory", LANG="C.UTF-8", LANGUAGE="")
    env.pop("BACKPROP_NON_UNIQUE", None)
    return subprocess.Popen([APP, *args], env=env)


def network_of(path):
    with open(path) as f:
        doc = json.load(f)
    return {k: doc[k] for k in ("sizes", "activations", "loss", "learning_rate", "weights",
                                "biases", "input", "target", "step")}


def step_label(app):
    return find(app, pyatspi.ROLE_LABEL, description="Step count")


def check_open_and_save_as(tmp):
    source = os.path.join(tmp, "try.backprop.json")
    copy = os.path.join(tmp, "copy.backprop.json")
    subprocess.run([CLI, "new", "--sizes", "3,4,2", "--activations", "relu,linear",
                    "--seed", "11", "--learning-rate", "0.05", "--input", "1,0,-1",
                    "--target", "0.5,-0.5", "--output", source], check=True)
    proc = launch(source)
    app = find_app("backprop", pid=proc.pid)
    if not ok(app is not None, "the app appears on the accessibility bus"):
        return proc, None
    ok(find(app, pyatspi.ROLE_LABEL, name="try.backprop.json") is not None,
       "the title names the file opened from the command line")
    activate("save-as-path", GLib.Variant("s", copy))
    ok(wait_for(lambda: os.path.exists(copy)), "Save As writes the new file")
    same = os.path.exists(copy) and network_of(copy) == network_of(source)
    ok(same, "the saved network equals the opened one: sizes, weights, biases, sample, η")
    ok(find(app, pyatspi.ROLE_LABEL, name="copy.backprop.json") is not None,
       "the title now names the new file, without the modified marker")
    return proc, app


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def check_exports(tmp):
    svg, pdf, png, md = (os.path.join(tmp, "net." + e) for e in ("svg", "pdf", "png", "md"))
    activate("export-to-path", GLib.Variant("(sii)", (svg, 1280, 720)))
    activate("export-to-path", GLib.Variant("(sii)", (pdf, 842, 595)))
    activate("export-to-path", GLib.Variant("(sii)", (png, 1600, 900)))
    activate("export-to-path", GLib.Variant("(sii)", (md, 100, 100)))
    wait_for(lambda: all(os.path.exists(p) for p in (svg, pdf, png, md)))

    lint = subprocess.run(["xmllint", "--noout", svg], capture_output=True)
    ok(lint.returncode == 0, "the SVG is well-formed XML (xmllint)", lint.stderr.decode()[:200])
    rendered = os.path.join(tmp, "svg.png")
    rsvg = subprocess.run(["rsvg-convert", "-o", rendered, svg], capture_output=True)
    ok(rsvg.returncode == 0 and png_size(rendered) == (1280, 720),
       "rsvg-convert renders the SVG at 1280 × 720", str(png_size(rendered)))
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
    ok(info.returncode == 0 and re.search(r"^Pages:\s+1$", info.stdout, re.M)
       and re.search(r"^Page size:\s+842 x 595 pts", info.stdout, re.M),
       "pdfinfo reads one page of 842 × 595 pt", info.stdout.replace("\n", "; ")[:300])
    ok(png_size(png) == (1600, 900), "the PNG is 1600 × 900", str(png_size(png)))
    source = os.path.join(tmp, "copy.backprop.json")
    cli = subprocess.run([CLI, "explain", "--markdown", source], capture_output=True, text=True,
                         env=dict(os.environ, LANG="C.UTF-8", LANGUAGE=""))
    with open(md) as f:
        ok(f.read() == cli.stdout, "the Markdown is backprop-cli explain --markdown's text")
    check_torch_export(tmp, source)


def check_torch_export(tmp, source):
    """Export → PyTorch script: run with python3-torch, its losses are train's."""
    script = os.path.join(tmp, "net.py")
    activate("export-to-path", GLib.Variant("(sii)", (script, 100, 100)))
    wait_for(lambda: os.path.exists(script))
    if subprocess.run(["/usr/bin/python3", "-c", "import torch"],
                      capture_output=True).returncode != 0:
        # The forky root has no python3-torch: there the script is only read; Debian 12,
        # which has it, runs it.
        with open(script) as f:
            ok(f.read().startswith("#!/usr/bin/python3\n# A PyTorch (float64) script"),
               "the exported PyTorch script is written (python3-torch is not here to run it)")
        return
    ran = subprocess.run(["/usr/bin/python3", script, "5", "--json"], capture_output=True,
                         text=True, timeout=120)
    trained = subprocess.run([CLI, "train", source, "--steps", "5", "--json"],
                             capture_output=True, text=True)
    try:
        got, want = json.loads(ran.stdout), json.loads(trained.stdout)
    except ValueError:
        got, want = [], [0]
    ok(len(got) == len(want) == 5
       and all(abs(g - w) <= 1e-9 * max(abs(w), 1e-300) for g, w in zip(got, want)),
       "the exported PyTorch script's 5 losses are backprop-cli train's",
       ran.stderr[-300:] + " " + str(got) + " vs " + str(want))


def check_kill_and_restore():
    proc = launch()
    app = find_app("backprop", pid=proc.pid)
    if not ok(app is not None, "the app starts again with the last session"):
        return
    ok(find(app, pyatspi.ROLE_LABEL, name="copy.backprop.json") is not None,
       "the last session's file is shown again")
    play = find(app, pyatspi.ROLE_PUSH_BUTTON, name="Play")
    label = step_label(app)
    if not ok(play is not None and label is not None, "Play and the step counter are found"):
        stop(proc)
        return
    play.queryAction().doAction(0)
    time.sleep(7)
    seen = int(label.name)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    saved = network_of(STATE)["step"]
    ok(saved >= seen - 5.5 * PLAY_RATE and saved > 0,
       "the state file holds the training up to at most 5 s before the kill",
       f"seen {seen} steps, state has {saved}")

    proc = launch()
    app = find_app("backprop", pid=proc.pid)
    label = step_label(app) if app else None
    ok(label is not None and find(app, pyatspi.ROLE_LABEL, description="Step count",
                                  name=str(saved)) is not None,
       "after kill -9 the next launch shows the saved step count",
       f"label {label.name if label else None}, saved {saved}")
    ok(find(app, pyatspi.ROLE_LABEL, name="• copy.backprop.json") is not None,
       "the restored network is marked as modified since its file")
    stop(proc)


def check_corrupt_state():
    with open(STATE, "w") as f:
        f.write('{"format": "backprop-network", "version": 1, "sizes": [2, ')
    proc = launch()
    try:
        app = find_app("backprop", pid=proc.pid)
        toast = find(app, pyatspi.ROLE_LABEL, contains="could not be restored") if app else None
        ok(toast is not None, "a toast says the last session could not be restored",
           toast.name if toast else "")
        ok(find(app, pyatspi.ROLE_LABEL, description="Step count", name="0") is not None
           and find(app, pyatspi.ROLE_LABEL, name="Untitled") is not None,
           "the default network appears, Untitled")
        aside = glob.glob(STATE + ".broken-*")
        ok(len(aside) == 1 and open(aside[0]).read().startswith('{"format"'),
           "the broken state file was set aside, not deleted", str(aside))
    finally:
        stop(proc)


def main():
    print("1..20")
    tmp = tempfile.mkdtemp()
    proc, app = check_open_and_save_as(tmp)
    try:
        if app is not None:
            check_exports(tmp)
    finally:
        stop(proc)  # SIGTERM quits as Ctrl+Q does, keeping the state
    check_kill_and_restore()
    check_corrupt_state()


main()
sys.exit(0 if len(results) == 20 and all(results) else 1)
