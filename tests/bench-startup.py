#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark, not a test: time from launching backprop to its first painted frame.
Run inside tests/with-display.sh. Prints the median of several launches.

Usage: bench-startup.py PATH-TO-backprop [RUNS]"""
import os
import statistics
import subprocess
import sys
import time

app = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
env = dict(os.environ, BACKPROP_NON_UNIQUE="1", BACKPROP_REPORT_FIRST_FRAME="1",
           GSETTINGS_BACKEND="memory")
times = []
for _ in range(runs):
    start = time.monotonic_ns() // 1000
    proc = subprocess.Popen([app], env=env, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.startswith("first-frame "):
            times.append((int(line.split()[1]) - start) / 1000)
            break
    proc.terminate()
    proc.wait()
print(f"launch to first frame: median {statistics.median(times):.0f} ms over {runs} launches "
      f"(min {min(times):.0f}, max {max(times):.0f})")
