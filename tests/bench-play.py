#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark, not a test: how fast Play trains "as fast as it goes" in the running window
while it draws. Makes a dataset file (spiral, features x1, x2, x1², x2², sin x1, sin x2,
6-8-8-8-1 tanh, batch 10) with backprop-cli, starts backprop on it with
BACKPROP_REPORT_FRAMES set and the fastest play rate, presses Play (F5) and prints the
median of the steps per second it measured (each half second) and the frames later than
1.5 refresh intervals. Run inside tests/with-display.sh.

Usage: bench-play.py PATH-TO-backprop PATH-TO-backprop-cli [SECONDS] [WIDTHxHEIGHT]"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from benchwindow import sized_window

app, cli = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 6.0
size = sys.argv[4] if len(sys.argv) > 4 else "1920x1080"
folder = tempfile.mkdtemp(prefix="bench-play-")
network = os.path.join(folder, "spiral.json")
subprocess.run([cli, "new", "--sizes", "6,8,8,8,1", "--activations", "tanh,tanh,tanh,sigmoid",
                "--dataset", "spiral", "--features", "x1,x2,x1_squared,x2_squared,sin_x1,sin_x2",
                "--seed", "1", "--learning-rate", "0.03", "--output", network], check=True)
settings = os.path.join(folder, "config", "glib-2.0", "settings")
os.makedirs(settings)
with open(os.path.join(settings, "keyfile"), "w") as f:
    f.write("[io/github/backproplab/Backprop]\nplay-fastest=true\nside-panel-visible=false\n")
env = dict(os.environ, BACKPROP_NON_UNIQUE="1", BACKPROP_REPORT_FRAMES="1",
           GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(folder, "config"),
           XDG_STATE_HOME=os.path.join(folder, "state"), NO_AT_BRIDGE="1",
           GSETTINGS_SCHEMA_DIR=os.path.join(os.path.dirname(os.path.abspath(app)), "..", "..",
                                             "data"))
proc = subprocess.Popen([app, network], env=env, stderr=subprocess.PIPE, text=True)
try:
    window = sized_window(proc, size)
    subprocess.run(["xdotool", "key", "--window", window, "F5"], check=True)
    speeds, frames, late = [], 0, 0
    end = time.monotonic() + seconds
    for line in proc.stderr:
        if line.startswith("play-speed "):
            words = line.split()
            speeds.append(float(words[1]))
            frames += int(words[3])
            late += int(words[5])
        if time.monotonic() > end:
            break
    if not speeds:
        sys.exit("no play-speed line: is the fastest play rate set?")
    share = 100.0 * late / frames if frames else 0.0
    print(f"Play as fast as it goes at {size}, 6-8-8-8-1 spiral, batch 10: median "
          f"{statistics.median(speeds):.0f} steps per second over {len(speeds)} half seconds "
          f"(min {min(speeds):.0f}, max {max(speeds):.0f}); {frames} frames, {late} later than "
          f"1.5 refresh intervals ({share:.2f} %)")
finally:
    proc.terminate()
    proc.wait()
