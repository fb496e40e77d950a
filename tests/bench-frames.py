#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark, not a test: how smoothly the running window shows steps. Starts backprop
with BACKPROP_REPORT_FRAMES set, presses "1 step" (Shift+Page Down) STEPS times, each once
the last has been shown, and reports the frames of those steps that came later than 1.5
refresh intervals after the one before (GdkFrameTimings, as the window counts them).
Run inside tests/with-display.sh, at the size the window should have.

Usage: bench-frames.py PATH-TO-backprop [STEPS] [WIDTHxHEIGHT]"""
import os
import subprocess
import sys
import time

from benchwindow import sized_window

app = sys.argv[1]
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 10
size = sys.argv[3] if len(sys.argv) > 3 else "1920x1080"
env = dict(os.environ, BACKPROP_NON_UNIQUE="1", BACKPROP_REPORT_FRAMES="1",
           GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1")
proc = subprocess.Popen([app], env=env, stderr=subprocess.PIPE, text=True)
try:
    window = sized_window(proc, size)
    frames = late = 0
    for _ in range(steps):
        subprocess.run(["xdotool", "key", "--window", window, "shift+Next"], check=True)
        for line in proc.stderr:
            if line.startswith("step-frames "):
                words = line.split()
                frames += int(words[1])
                late += int(words[3])
                break
    share = 100.0 * late / frames if frames else 0.0
    print(f"{steps} steps shown at {size}: {frames} frames, {late} later than 1.5 refresh "
          f"intervals ({share:.2f} %; target at most 1 %)")
finally:
    proc.terminate()
    proc.wait()
