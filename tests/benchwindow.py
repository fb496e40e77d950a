# SPDX-License-Identifier: GPL-3.0-or-later
"""What the window benchmarks share: finding the window of the app they started, at a size."""
import subprocess
import sys
import time


def sized_window(proc, size):
    """The X window of @proc once it shows, resized to @size ("WIDTHxHEIGHT")."""
    window = None
    for _ in range(100):
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
                               capture_output=True, text=True).stdout.split()
        if found:
            window = found[-1]
            break
        time.sleep(0.1)
    if window is None:
        sys.exit("the window did not appear")
    width, height = size.split("x")
    subprocess.run(["xdotool", "windowsize", window, width, height], check=True)
    time.sleep(1)
    return window
